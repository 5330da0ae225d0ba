"""Scan rows and `citeaudit audit --format json` reports, side by side (for the tests).

`report_from_rows` puts one article's JSON report back together from its rows in every
table; `cli_report` runs the audit command on the same page, saved as `citeaudit fetch` saves
it (wikitext and `revision.json`).
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from citeaudit.app.cli import World, main
from citeaudit.scan.store import read_table
from citeaudit.scan.tables import ARTICLES, REPORT_TABLES, TableSpec

from .conftest import AS_OF
from .dumpwriter import PageSpec

Tables = dict[str, list[dict[str, Any]]]


def _maps_as_dicts(value: Any) -> Any:
    """Arrow gives a map as a list of (key, value) pairs, a map of maps as pairs of pairs."""
    if isinstance(value, list):
        return {key: _maps_as_dicts(inner) for key, inner in value}
    return value


def _entry(spec: TableSpec, row: dict[str, Any]) -> dict[str, Any]:
    """The JSON object a row was cut from; an object whose columns are all null was null."""
    entry: dict[str, Any] = {}
    for column in spec.columns:
        value = row[column.name]
        if str(column.type).startswith("map"):
            value = _maps_as_dicts(value)
        target = entry
        for part in column.path[:-1]:
            target = target.setdefault(part, {})
        target[column.path[-1]] = value
    return {key: _null_if_empty(value) for key, value in entry.items()}


def _null_if_empty(value: Any) -> Any:
    if isinstance(value, dict) and len(value) > 1 and all(v is None for v in value.values()):
        return None
    if isinstance(value, dict):
        return {key: _null_if_empty(inner) for key, inner in value.items()}
    return value


def report_from_rows(tables: Tables) -> dict[str, Any]:
    """One article's JSON report, put back together from its rows in every table."""
    [article_row] = tables["articles"]
    report = _entry(ARTICLES, article_row)
    for spec in REPORT_TABLES[1:]:
        assert spec.entries is not None
        target = report
        for part in spec.entries[:-1]:
            target = target[part]
        target[spec.entries[-1]] = [_entry(spec, row) for row in tables[spec.name]]
    return report


def cli_report(
    directory: Path, page: PageSpec, links: list[str] | None = None, world: World | None = None
) -> dict[str, Any]:
    """`citeaudit audit --format json` of a page saved as `citeaudit fetch` saves it: with
    `--no-links`, or else with the link options `links`."""
    directory.mkdir()
    (directory / "article.wiki").write_text(page.text or "", encoding="utf-8")
    revision = {
        "site": "testwiki.example",
        "title": page.title,
        "page_id": page.page_id,
        "revision_id": page.revision_id or page.page_id * 10 + 7,
        "timestamp": page.timestamp,
    }
    (directory / "revision.json").write_text(json.dumps(revision), encoding="utf-8")
    out = io.StringIO()
    command = ["audit", str(directory / "article.wiki"), "--input-format", "wikitext"]
    command += ["--no-links"] if links is None else links
    command += ["--format", "json", "--as-of", AS_OF.isoformat(), "-o", "-", "-q"]
    world = replace(world or World(), stdout=out, stderr=io.StringIO())
    assert main(command, world) in (0, 1)
    report: dict[str, Any] = json.loads(out.getvalue())
    for finding in report["findings"]:  # a number or an id: the table keeps it as text
        if finding["reference"] is not None:
            finding["reference"] = str(finding["reference"])
    return report


def rows_by_article(out_dir: Path) -> dict[int, Tables]:
    by_article: dict[int, Tables] = defaultdict(lambda: defaultdict(list))
    for spec in REPORT_TABLES:
        for row in read_table(out_dir, spec.name).to_pylist():
            by_article[row["page_id"]][spec.name].append(row)
    return by_article
