"""One partition as a worker does it: what is skipped, what becomes a problem, what is held."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from citeaudit.audit import AuditOptions
from citeaudit.model import Revision
from citeaudit.scan import audit_wikitext
from citeaudit.scan.dumps import read_index
from citeaudit.scan.pages import DumpPage
from citeaudit.scan.partition import (
    FLUSH_ARTICLES,
    PageSource,
    PartitionJob,
    Selection,
    StreamSource,
    scan_partition,
)
from citeaudit.scan.records import FactsOf, Rows
from citeaudit.scan.store import done_path, part_name, read_json, read_table

from .conftest import AS_OF, BuiltDump
from .testdump import SEED_TITLE

OPTIONS = AuditOptions(as_of=AS_OF)


def failing_on_the_seed(
    title: str,
    text: str,
    options: AuditOptions,
    revision: Revision | None,
    facts: FactsOf | None,
) -> Rows:
    if title == SEED_TITLE:
        raise RecursionError("maximum recursion depth exceeded")
    return audit_wikitext(title, text, options, revision, facts)


def test_an_article_that_makes_the_audit_fail_is_a_problem_and_the_others_are_audited(
    test_dump: BuiltDump, tmp_path: Path
) -> None:
    first = read_index(test_dump.index, test_dump.dump.stat().st_size).streams[0]
    source = StreamSource(str(test_dump.dump), (first,))
    job = PartitionJob(str(tmp_path), OPTIONS, site="testwiki.example")
    outcome = scan_partition(0, source, job, audit=failing_on_the_seed)
    [problem] = read_table(tmp_path, "problems").to_pylist()
    assert (problem["kind"], problem["article"], problem["page_id"]) == (
        "audit-failed",
        SEED_TITLE,
        1,
    )
    assert "RecursionError: maximum recursion depth exceeded" in problem["reason"]
    titles = [row["article"] for row in read_table(tmp_path, "articles", ["article"]).to_pylist()]
    assert SEED_TITLE not in titles and len(titles) == outcome.articles > 10
    assert read_json(done_path(tmp_path, 0))["problems"] == 1


def test_rows_are_written_out_as_they_come_not_held_for_the_whole_partition(
    tmp_path: Path,
) -> None:
    pages = tuple(
        DumpPage(f"Article {n}", 0, n, text=f"Claim {n}.<ref>Note {n}.</ref>\n")
        for n in range(1, 2 * FLUSH_ARTICLES + 11)
    )
    outcome = scan_partition(3, PageSource(pages), PartitionJob(str(tmp_path), OPTIONS))
    assert outcome.articles == len(pages)
    articles = pq.ParquetFile(tmp_path / "articles" / part_name(3))
    assert articles.num_row_groups == 3
    assert articles.metadata.num_rows == len(pages)


def test_skipped_pages_are_counted_by_why(tmp_path: Path) -> None:
    pages = (
        DumpPage("Kept", 0, 1, text="Text."),
        DumpPage("Old", 0, 2, text="#REDIRECT [[Kept]]", redirect="Kept"),
        DumpPage("Talk:Kept", 1, 3, text="Hello."),
        DumpPage("Styles", 0, 4, text="body {}", model="sanitized-css"),
        DumpPage("Other", 0, 5, text="Other text."),
    )
    job = PartitionJob(
        str(tmp_path), OPTIONS, selection=Selection(titles=frozenset({"Kept", "Old", "Styles"}))
    )
    outcome = scan_partition(0, PageSource(pages), job)
    assert (outcome.articles, outcome.redirects, outcome.other_namespaces) == (1, 0, 1)
    assert (outcome.not_wikitext, outcome.not_selected, outcome.problems) == (1, 1, 1)
    [problem] = read_table(tmp_path, "problems").to_pylist()
    assert problem["kind"] == "title-is-redirect" and "to Kept" in problem["reason"]
