"""The scan's rows say, article by article, what `citeaudit audit --format json` says."""

from __future__ import annotations

import io
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from citeaudit.app.cli import World, main
from citeaudit.audit import AuditOptions, run_audit
from citeaudit.parse import parse_article
from citeaudit.reporters.serialize import report_to_dict
from citeaudit.scan import audit_wikitext
from citeaudit.scan.run import ScanResult
from citeaudit.scan.store import read_table
from citeaudit.scan.tables import ARTICLES, REPORT_TABLES, TableSpec, report_rows

from .conftest import AS_OF
from .dumpwriter import PageSpec
from .testdump import SEED_TITLE, dump_pages

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


def cli_report(directory: Path, page: PageSpec) -> dict[str, Any]:
    """`citeaudit audit --no-links --format json` of a page saved as `citeaudit fetch` saves."""
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
    command += ["--no-links", "--format", "json", "--as-of", AS_OF.isoformat(), "-o", "-", "-q"]
    assert main(command, World(stdout=out, stderr=io.StringIO())) in (0, 1)
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


def test_every_article_of_the_scan_is_what_the_audit_command_reports(
    scanned: ScanResult, tmp_path: Path
) -> None:
    by_article = rows_by_article(scanned.out_dir)
    pages = {page.page_id: page for page in dump_pages()}
    assert len(by_article) == sum(record["articles"] for record in scanned.done.values()) > 200
    assert SEED_TITLE in {tables["articles"][0]["article"] for tables in by_article.values()}
    for page_id, tables in sorted(by_article.items()):
        expected = cli_report(tmp_path / str(page_id), pages[page_id])
        assert report_from_rows(tables) == expected, pages[page_id].title


def test_the_function_for_one_article_gives_the_rows_of_its_report() -> None:
    seed = dump_pages()[0]
    rows = audit_wikitext(seed.title, seed.text or "", AuditOptions(as_of=AS_OF))
    [article] = rows["articles"]
    assert (article["article"], article["title"], article["page_id"]) == (
        SEED_TITLE,
        SEED_TITLE,
        None,
    )
    assert len(rows["references"]) == article["summary_references"] > 20
    assert len(rows["findings"]) == sum(dict(article["summary_findings_by_severity"]).values())
    assert rows["links"] == [] and rows["support"] == []


def test_a_report_field_no_column_holds_is_an_error_not_a_silent_loss() -> None:
    options = AuditOptions(as_of=AS_OF)
    article = parse_article("Text.<ref>[http://a.example/ b]</ref>\n\nMore.", title="T")
    report = report_to_dict(run_audit(article, options))
    report_rows(report)
    assert report["findings"]
    report["findings"] = [{**finding, "new_field": 1} for finding in report["findings"]]
    with pytest.raises(KeyError, match="new_field"):
        report_rows(report)
    report = report_to_dict(run_audit(article, options))
    report["summary"]["new_count"] = 3
    with pytest.raises(KeyError, match="summary.new_count"):
        report_rows(report)
