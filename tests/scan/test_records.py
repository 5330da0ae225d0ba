"""The scan's rows say, article by article, what `citeaudit audit --format json` says."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeaudit.audit import AuditOptions, run_audit
from citeaudit.parse import parse_article
from citeaudit.reporters.serialize import report_to_dict
from citeaudit.scan import audit_wikitext
from citeaudit.scan.run import ScanResult
from citeaudit.scan.tables import report_rows

from .conftest import AS_OF
from .reports import cli_report, report_from_rows, rows_by_article
from .testdump import SEED_TITLE, dump_pages


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
