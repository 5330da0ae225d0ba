"""The scan's tables: the JSON report (`citeaudit.report/2`) cut into tidy rows, as Arrow.

Every table has one row per thing: `articles` (one per audited article), `references`,
`links`, `findings` and `support` (the lists of the report, one row per entry), and
`problems` (what could not be audited, and why). Each row starts with the article it belongs
to: `page_id` and `article` (its title), so that tables join on them.

The columns are the report's fields, named by their path in the JSON with `_` between the
parts (`revision.page_id` is `revision_page_id`; inside `articles` the report's `article`
object is unwrapped, so its `title` is `title`). Lists stay lists (`uses`, `chain`,
`references`) and objects with fixed fields inside them stay structs; the per-article counts
keyed by verdict, severity, family or code are maps. An object that was null has all its
columns null. docs/scan.md lists every column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from citeaudit.scan.pages import Problem

_SECTION = pa.struct([("index", pa.int64()), ("title", pa.string())])
_SENTENCE = pa.struct([("id", pa.int64()), ("text", pa.string())])
_REFERENCE = pa.struct([("id", pa.string()), ("label", pa.string())])
_COUNTS = pa.map_(pa.string(), pa.int64())
_POSITION = pa.struct([("line", pa.int64()), ("column", pa.int64())])


@dataclass(frozen=True)
class Column:
    """One column: its name, where its value sits in the JSON object of a row, and its type."""

    name: str
    path: tuple[str, ...]
    type: pa.DataType
    as_text: bool = False
    """The JSON value is a number or a string (`findings[].reference`): kept as text."""

    def value(self, entry: Mapping[str, Any]) -> Any:
        value = _at(entry, self.path)
        return str(value) if self.as_text and value is not None else value


def _columns(
    *specs: tuple[str, pa.DataType] | tuple[str, pa.DataType, bool], unwrap: str = ""
) -> tuple[Column, ...]:
    """Columns from `(JSON path with dots, type[, as_text])`; a column's name is its path with
    `_` for the dots, less the `unwrap` prefix."""
    return tuple(
        Column(
            spec[0].removeprefix(unwrap).replace(".", "_"),
            tuple(spec[0].split(".")),
            spec[1],
            *spec[2:],
        )
        for spec in specs
    )


KEY_COLUMNS = _columns(("page_id", pa.int64()), ("article", pa.string()))
"""The article every row belongs to (filled from the article, not from the entry)."""


@dataclass(frozen=True)
class TableSpec:
    """A table: its name, the list of the report it is cut from (None: the report itself)."""

    name: str
    entries: tuple[str, ...] | None
    columns: tuple[Column, ...]

    @property
    def schema(self) -> pa.Schema:
        return pa.schema([(column.name, column.type) for column in KEY_COLUMNS + self.columns])


ARTICLES = TableSpec(
    "articles",
    None,
    _columns(
        ("schema", pa.string()),
        ("tool.name", pa.string()),
        ("tool.version", pa.string()),
        ("as_of", pa.string()),
        ("offline", pa.bool_()),
        ("simulated_web", pa.bool_()),
        ("links_checked", pa.bool_()),
        ("support_checked", pa.bool_()),
        ("incomplete", pa.string()),
        ("network_problem", pa.string()),
        ("archive.used", pa.bool_()),
        ("archive.problem", pa.string()),
        ("article.title", pa.string()),
        ("article.source_form", pa.string()),
        ("article.revision.site", pa.string()),
        ("article.revision.page_id", pa.int64()),
        ("article.revision.revision_id", pa.int64()),
        ("article.revision.timestamp", pa.string()),
        ("article.revision.note", pa.string()),
        ("article.date_format", pa.string()),
        (
            "article.sections",
            pa.list_(
                pa.struct(
                    [
                        ("index", pa.int64()),
                        ("title", pa.string()),
                        ("level", pa.int64()),
                        ("level_inferred", pa.bool_()),
                        ("parent", pa.int64()),
                        ("position", _POSITION),
                    ]
                )
            ),
        ),
        ("summary.references", pa.int64()),
        ("summary.uses", pa.int64()),
        ("summary.urls", pa.int64()),
        ("summary.references_without_url", pa.int64()),
        ("summary.links_by_verdict", _COUNTS),
        ("summary.findings_by_severity", _COUNTS),
        ("summary.findings_by_family", pa.map_(pa.string(), _COUNTS)),
        ("summary.findings_by_code", _COUNTS),
        ("summary.findings_in_baseline", pa.int64()),
        ("summary.support_by_verdict", _COUNTS),
        unwrap="article.",
    ),
)
REFERENCES = TableSpec(
    "references",
    ("article", "references"),
    _columns(
        ("id", pa.string()),
        ("label", pa.string()),
        ("group", pa.string()),
        ("name", pa.string()),
        ("number", pa.int64()),
        ("kind", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("work", pa.string()),
        ("publisher", pa.string()),
        ("date", pa.string()),
        ("date_iso", pa.string()),
        ("access_date", pa.string()),
        ("access_date_iso", pa.string()),
        ("archive_url", pa.string()),
        ("archive_date", pa.string()),
        ("archive_date_iso", pa.string()),
        ("url_status", pa.string()),
        (
            "uses",
            pa.list_(
                pa.struct([("section", _SECTION), ("sentence", _SENTENCE), ("page", pa.string())])
            ),
        ),
        ("position", _POSITION),
    ),
)
LINKS = TableSpec(
    "links",
    ("links",),
    _columns(
        ("url", pa.string()),
        ("verdict", pa.string()),
        ("status", pa.int64()),
        ("final_url", pa.string()),
        ("reason", pa.string()),
        ("title", pa.string()),
        ("archive_url", pa.string()),
        ("archive_timestamp", pa.string()),
        ("archive_lookup", pa.struct([("outcome", pa.string()), ("reason", pa.string())])),
        ("references", pa.list_(_REFERENCE)),
        ("chain", pa.list_(pa.struct([("url", pa.string()), ("status", pa.int64())]))),
        ("checked_at", pa.string()),
        ("first_failed_at", pa.string()),
        ("failed_checks", pa.int64()),
    ),
)
FINDINGS = TableSpec(
    "findings",
    ("findings",),
    _columns(
        ("code", pa.string()),
        ("family", pa.string()),
        ("severity", pa.string()),
        ("section", pa.string()),
        ("reference", pa.string(), True),
        ("reference_id", pa.string()),
        ("reference_label", pa.string()),
        ("sentence_id", pa.int64()),
        ("sentence", pa.string()),
        ("message", pa.string()),
        ("fix", pa.string()),
        ("url", pa.string()),
        ("position", _POSITION),
        ("fingerprint", pa.string()),
        ("in_baseline", pa.bool_()),
    ),
)
SUPPORT = TableSpec(
    "support",
    ("support",),
    _columns(
        ("sentence_id", pa.int64()),
        ("sentence", pa.string()),
        ("section", pa.string()),
        ("references", pa.list_(_REFERENCE)),
        ("verdict", pa.string()),
        ("reason", pa.string()),
        ("found", pa.list_(pa.string())),
        ("missing", pa.list_(pa.string())),
        ("evidence.passage", pa.string()),
        ("evidence.url", pa.string()),
        ("urls_read", pa.list_(pa.string())),
        ("conflicts", pa.list_(pa.struct([("sentence", pa.string()), ("source", pa.string())]))),
        ("score", pa.float64()),
    ),
)
REPORT_TABLES = (ARTICLES, REFERENCES, LINKS, FINDINGS, SUPPORT)
"""The tables cut from each article's report, in the order they are written."""

PROBLEMS_SCHEMA = pa.schema(
    [
        ("page_id", pa.int64()),
        ("article", pa.string()),
        ("kind", pa.string()),
        ("reason", pa.string()),
        ("stream_offset", pa.int64()),
        ("partition", pa.int64()),
    ]
)
PROBLEMS = "problems"
TABLE_NAMES = tuple(spec.name for spec in REPORT_TABLES) + (PROBLEMS,)
"""The tables a scan writes into OUT_DIR."""

TARGETS = "targets"
TARGETS_SCHEMA = pa.schema(
    [
        ("page_id", pa.int64()),
        ("url_key", pa.string()),
        ("host", pa.string()),
        ("url", pa.string()),
        ("access_day", pa.date32()),
        ("archive_url", pa.string()),
        ("title", pa.string()),
    ]
)
"""The distinct URLs each article cites, with what its citations say of them, gathered for
the link check of the whole dump (kept in `state/`)."""

SCHEMAS: dict[str, pa.Schema] = {spec.name: spec.schema for spec in REPORT_TABLES} | {
    PROBLEMS: PROBLEMS_SCHEMA,
    TARGETS: TARGETS_SCHEMA,
}


def _at(value: Any, path: Sequence[str]) -> Any:
    for part in path:
        if value is None:
            return None
        value = value[part]
    return value


def report_rows(report: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of each table for one article's report (`report_to_dict`'s output).

    A field of the report that no column holds is an error (`KeyError` names it): the tables
    must keep up with the schema rather than drop a field without anyone noticing.
    """
    article = report["article"]
    revision = article.get("revision") or {}
    key = {"page_id": revision.get("page_id"), "article": article["title"]}
    rows: dict[str, list[dict[str, Any]]] = {}
    for spec in REPORT_TABLES:
        entries = [report] if spec.entries is None else _at(report, spec.entries)
        _require_known_fields(spec, entries)
        rows[spec.name] = [
            {**key, **{column.name: column.value(entry) for column in spec.columns}}
            for entry in entries
        ]
    return rows


def _require_known_fields(spec: TableSpec, entries: Sequence[Mapping[str, Any]]) -> None:
    if not entries:
        return
    known = {column.path for column in spec.columns}
    unknown = [path for path in _leaf_paths(entries[0], spec) if path not in known]
    if unknown:
        raise KeyError(f"table {spec.name} has no column for {['.'.join(p) for p in unknown]}")


def _leaf_paths(entry: Mapping[str, Any], spec: TableSpec) -> Iterable[tuple[str, ...]]:
    """The paths of an entry's fields, down to the level the columns go to."""
    prefixes = {
        column.path[:depth] for column in spec.columns for depth in range(1, len(column.path))
    }
    lists = {spec.entries} if spec.entries is not None else set()
    lists |= {table.entries for table in REPORT_TABLES if table.entries is not None}

    def walk(value: Mapping[str, Any], path: tuple[str, ...]) -> Iterable[tuple[str, ...]]:
        for name, inner in value.items():
            here = path + (name,)
            if here in lists and spec.entries is None:
                continue
            if here in prefixes and isinstance(inner, Mapping):
                yield from walk(inner, here)
            elif here not in prefixes:
                yield here

    return walk(entry, ())


def problem_row(problem: Problem, partition: int | None) -> dict[str, Any]:
    return {
        "page_id": problem.page_id,
        "article": problem.title,
        "kind": problem.kind.value,
        "reason": problem.reason,
        "stream_offset": problem.offset,
        "partition": partition,
    }


def arrow_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """The rows of table `name` as an Arrow table of its schema."""
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])
