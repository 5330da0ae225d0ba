"""Claim support in the audit: pages read once by the link checker, verdicts, findings, history."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pytest

from citeaudit.app.cli import World, main
from citeaudit.audit import AuditOptions, WebAccess, assemble_facts, report_on, run_audit
from citeaudit.model import (
    Article,
    FailureKind,
    FetchRequest,
    FetchResult,
    Paragraph,
    Reference,
    Report,
    Revision,
    Section,
    Sentence,
    SourceForm,
    SourceText,
    SupportVerdict,
    Use,
)
from citeaudit.model.report import summarise
from citeaudit.reporters.json import JSONReporter
from citeaudit.reporters.markdown import MarkdownReporter
from citeaudit.support.claims import article_language
from citeaudit.web.links import LinkCheckOptions, LinkHistory, WebRun
from tests.conftest import SEED_REPLAY
from tests.fakes import FakeFetcher

AS_OF = dt.date(2026, 11, 28)
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "Bakhytzhan_Toregozhina"

HARBOUR_PAGE = """<html lang="en"><head><title>Harbour reopens | Coast News</title></head><body>
<article><h1>Harbour reopens</h1>
<p>The old harbour of Port Example reopened on 4 May 2021 after two years of repairs.</p>
<p>Mayor Anna Berg cut the ribbon in front of hundreds of residents, who had waited since the
storm of 2019 closed the quays to every ship.</p>
<p>The repairs cost 12 million euros, paid by the regional government, and the fishing fleet
returned to the quays the same week, the harbour office said in a statement on its website.</p>
</article></body></html>"""

GARDEN_PAGE = """<html lang="en"><head><title>Spring planting guide</title></head><body>
<article><h1>Spring planting guide</h1>
<p>Tomatoes want a sunny bed and soil that drains well; plant them out after the last frost.</p>
<p>Water the young plants in the morning, and give them a stake before they grow heavy with
fruit, so that the stems do not bend or break in the wind of early summer evenings.</p>
<p>Beans and peas can go in a little earlier, as long as the ground is no longer frozen, and
lettuce is happy in half shade along a fence or under a hedge where it stays cool.</p>
</article></body></html>"""

PAGES = {
    "https://news.example/harbour": HARBOUR_PAGE,
    "https://garden.example/spring": GARDEN_PAGE,
}
STATUSES = {"https://gone.example/page": 404, "https://guarded.example/page": 403}


def answer(request: FetchRequest) -> FetchResult:
    if request.url in PAGES:
        return FetchResult(
            url=request.url,
            status=200,
            headers=(("content-type", "text/html; charset=utf-8"),),
            body=PAGES[request.url].encode(),
        )
    if request.url == "https://unrecorded.example/page":
        return FetchResult(url=request.url, failure=FailureKind.NOT_RECORDED)
    return FetchResult(url=request.url, status=STATUSES.get(request.url, 404), body=b"no")


def refusing_pages(request: FetchRequest) -> FetchResult:
    """Answers like `answer` but fails on a page that was read before."""
    if request.url in PAGES:
        raise AssertionError(f"fetched {request.url} again")
    return answer(request)


SENTENCES = {
    "supported": "The harbour of Port Example reopened on 4 May 2021 after two years of repairs.",
    "partial": "Mayor Anna Berg reopened the harbour on 4 May 2021 before 5,000 residents.",
    "not-found": "Tomatoes from Example Island won a prize at the national fair of 1987.",
    "no-url": "The harbour was built by monks in 1420.",
    "dead": "The lighthouse was painted red in 1990.",
    "blocked": "The quay is 300 metres long.",
    "not-recorded": "A museum opened beside the quay in 2005.",
}
CITED = {
    "supported": ("r1", "https://news.example/harbour"),
    "partial": ("r1", "https://news.example/harbour"),
    "not-found": ("r2", "https://garden.example/spring"),
    "no-url": ("r3", None),
    "dead": ("r4", "https://gone.example/page"),
    "blocked": ("r5", "https://guarded.example/page"),
    "not-recorded": ("r6", "https://unrecorded.example/page"),
}


def harbour_article() -> Article:
    sentences = []
    for index, (case, text) in enumerate(SENTENCES.items()):
        sentences.append(Sentence(id=index, text=text, reference_ids=[CITED[case][0]]))
    references: dict[str, Reference] = {}
    for index, (ref_id, url) in enumerate(CITED.values()):
        reference = references.setdefault(
            ref_id,
            Reference(id=ref_id, number=int(ref_id[1:]), kind="cite web", title=None, url=url),
        )
        reference.uses.append(Use(section_index=1, sentence_id=index))
    body = Section(index=1, title="History", level=2, paragraphs=[Paragraph(sentences)])
    lead = Section(index=0, title="", level=0, children=[body])
    return Article(
        title="Port Example",
        source_form=SourceForm.WIKITEXT,
        lead=lead,
        references=list(references.values()),
    )


OPTIONS = LinkCheckOptions(min_interval=0.0, retries=0, probe_soft_404=False)


def checking(fetcher: FakeFetcher, history: LinkHistory | None = None) -> WebAccess:
    return WebAccess(WebRun(fetcher, OPTIONS, history))


def audit(fetcher: FakeFetcher, history: LinkHistory | None = None) -> Report:
    return run_audit(harbour_article(), AuditOptions(as_of=AS_OF), checking(fetcher, history))


def verdicts(report: Report) -> dict[str, str]:
    cases = list(SENTENCES)
    return {cases[record.sentence_id]: record.verdict.value for record in report.support}


def test_each_sentence_gets_its_verdict_from_the_pages_the_checker_read() -> None:
    fetcher = FakeFetcher(answer)
    report = audit(fetcher)
    assert verdicts(report) == {
        "supported": "supported",
        "partial": "partial",
        "not-found": "not-found",
        "no-url": "unverifiable",
        "dead": "unverifiable",
        "blocked": "unverifiable",
        "not-recorded": "unverifiable",
    }
    fetched = [request.url for request in fetcher.requests]
    assert all(fetched.count(url) == 1 for url in PAGES), "a page was fetched twice"
    assert summarise(report).support_by_verdict == {
        "supported": 1,
        "partial": 1,
        "contradicted": 0,
        "not-found": 1,
        "unverifiable": 4,
    }


def test_every_unverifiable_verdict_says_why() -> None:
    records = {record.sentence_id: record for record in audit(FakeFetcher(answer)).support}
    cases = list(SENTENCES)
    reasons = {cases[i]: record.reason for i, record in records.items()}
    assert "gives no URL" in reasons["no-url"]
    assert "dead link" in reasons["dead"] and "404" in reasons["dead"]
    assert "refused the checker" in reasons["blocked"]
    assert "not recorded" in reasons["not-recorded"]


def test_verdicts_become_findings_with_the_missing_facts_and_the_closest_passage() -> None:
    report = audit(FakeFetcher(answer))
    by_sentence = {(f.code, f.sentence_id): f for f in report.findings}
    cases = list(SENTENCES)
    not_found = by_sentence[("claim-not-found", cases.index("not-found"))]
    assert not_found.severity.value == "warning" and not_found.reference_id == "r2"
    assert "Closest passage" in not_found.message
    partial = by_sentence[("claim-partial", cases.index("partial"))]
    assert partial.severity.value == "info" and "5,000" in partial.message
    for case in ("dead", "blocked", "not-recorded"):
        assert ("claim-unverifiable", cases.index(case)) in by_sentence
    # A sentence that cites no URL has a record but no finding: there is nothing to open.
    assert ("claim-unverifiable", cases.index("no-url")) not in by_sentence
    assert ("claim-partial", cases.index("supported")) not in by_sentence


def test_the_page_title_is_compared_with_the_cited_title() -> None:
    article = harbour_article()
    reference = article.reference("r2")
    assert reference is not None
    reference.title = "Harbour reopens after repairs"
    report = run_audit(article, AuditOptions(as_of=AS_OF), checking(FakeFetcher(answer)))
    [mismatch] = [f for f in report.findings if f.code == "source-title-mismatch"]
    assert mismatch.reference_id == "r2" and "Spring planting guide" in mismatch.message


def test_a_rerun_reuses_the_kept_text_and_fetches_nothing(tmp_path: Path) -> None:
    with LinkHistory.open(tmp_path / "links.sqlite3") as history:
        first = audit(FakeFetcher(answer), history)
    with LinkHistory.open(tmp_path / "links.sqlite3") as history:
        again = FakeFetcher(refusing_pages)
        second = audit(again, history)
        kept = history.source("https://news.example/harbour")
    # Only the link the history does not keep (skipped: "not recorded") is asked again.
    assert [request.url for request in again.requests] == ["https://unrecorded.example/page"]
    assert verdicts(second) == verdicts(first)
    assert kept is not None and "Port Example" in kept.text


def test_without_kept_text_an_alive_page_is_unverifiable_and_says_so() -> None:
    article = harbour_article()
    checked = run_audit(article, AuditOptions(as_of=AS_OF), checking(FakeFetcher(answer)))
    facts = assemble_facts(article, checked.links, sources={})
    report = report_on(article, AuditOptions(as_of=AS_OF), facts)
    supported = report.support[list(SENTENCES).index("supported")]
    assert supported.verdict is SupportVerdict.UNVERIFIABLE and "not kept" in supported.reason


def test_no_support_skips_the_step() -> None:
    report = run_audit(
        harbour_article(),
        AuditOptions(as_of=AS_OF, check_support=False),
        checking(FakeFetcher(answer)),
    )
    assert not report.support_checked and report.support == ()
    assert not any(f.code.startswith("claim-") for f in report.findings)


def test_a_fresh_alive_check_without_kept_text_is_checked_again(tmp_path: Path) -> None:
    with LinkHistory.open(tmp_path / "links.sqlite3") as history:
        run_audit(
            harbour_article(),
            AuditOptions(as_of=AS_OF, check_support=False),
            WebAccess(WebRun(FakeFetcher(answer), OPTIONS, history)),
        )
    with LinkHistory.open(tmp_path / "links.sqlite3") as history:
        fetcher = FakeFetcher(answer)
        report = audit(fetcher, history)
    fetched = [request.url for request in fetcher.requests]
    assert set(PAGES) <= set(fetched)
    assert "https://gone.example/page" not in fetched, "a dead result needs no page: reused"
    assert verdicts(report)["supported"] == "supported"


def test_a_version_1_history_is_migrated_and_keeps_its_checks(tmp_path: Path) -> None:
    path = tmp_path / "links.sqlite3"
    with LinkHistory.open(path) as history:
        audit(FakeFetcher(answer), history)
    with sqlite3.connect(path) as old:
        old.execute("DROP TABLE sources")
        old.execute("UPDATE meta SET value = '1' WHERE key = 'version'")
    old.close()
    warnings: list[str] = []
    with LinkHistory.open(path, warn=warnings.append) as history:
        assert history.fresh("https://news.example/harbour", 10**9) is not None
        assert history.source("https://news.example/harbour") is None
        history.keep_source(
            "https://news.example/harbour", "2026-11-28T00:00:00+00:00", SourceText("x")
        )
        assert history.source("https://news.example/harbour") == SourceText("x")
    assert warnings == []
    with sqlite3.connect(path) as reopened:
        assert reopened.execute("SELECT value FROM meta WHERE key = 'version'").fetchone() == ("3",)
    reopened.close()


def test_markdown_and_json_show_the_support_records() -> None:
    report = audit(FakeFetcher(answer))
    markdown = MarkdownReporter().render(report)
    assert (
        "1 supported, 1 partly supported, 1 not found in the cited page, 4 could not be checked"
        in markdown
    )
    fix_first = markdown.split("## Fix first", 1)[1].split("## Findings by section", 1)[0]
    assert f"> {SENTENCES['not-found']}" in fix_first
    assert "Closest passage (<https://garden.example/spring>)" in fix_first
    assert "Not in the page: Example Island, 1987" in fix_first
    not_checked = markdown.split("## Not checked", 1)[1]
    assert "1 cited sentence cites no URL" in not_checked
    assert "not recorded" in not_checked and "dead link" in not_checked
    document = json.loads(JSONReporter().render(report))
    assert document["support_checked"] is True
    partial = next(r for r in document["support"] if r["verdict"] == "partial")
    assert partial["references"] == [{"id": "r1", "label": "[1]"}]
    assert partial["missing"] == ["5,000"] and "4 May 2021" in partial["found"]
    assert partial["evidence"]["url"] == "https://news.example/harbour"
    assert partial["urls_read"] == ["https://news.example/harbour"]


def test_hostile_page_text_stays_escaped_in_the_markdown() -> None:
    hostile = GARDEN_PAGE.replace("Tomatoes want", "Tomatoes | <script>alert(1)</script> `want`")
    pages = {**PAGES, "https://garden.example/spring": hostile}

    def hostile_answer(request: FetchRequest) -> FetchResult:
        if request.url in pages:
            body = pages[request.url].encode()
            return FetchResult(request.url, 200, (("content-type", "text/html"),), body)
        return answer(request)

    markdown = MarkdownReporter().render(audit(FakeFetcher(hostile_answer)))
    assert "<script>" not in markdown


@pytest.mark.parametrize(("site", "language"), [("de.wikipedia.org", "de"), (None, "en")])
def test_the_article_language_comes_from_its_wiki(site: str | None, language: str) -> None:
    article = harbour_article()
    article.revision = Revision(site=site)
    assert article_language(article) == language


def seed_audit(tmp_path: Path, *extra: str) -> str:
    output = tmp_path / "seed.out"
    status = main(
        [*SEED_REPLAY, "-q", "-o", str(output), *extra],
        World(stdout=io.StringIO(), stderr=io.StringIO()),
    )
    assert status in (0, 1)
    return output.read_text(encoding="utf-8")


def test_the_seed_offline_audit_shows_every_verdict(tmp_path: Path) -> None:
    document = json.loads(seed_audit(tmp_path, "--format", "json"))
    by_verdict: dict[str, list[dict]] = {}
    for record in document["support"]:
        by_verdict.setdefault(record["verdict"], []).append(record)
    assert set(by_verdict) == {"supported", "partial", "not-found", "unverifiable"}
    [supported] = by_verdict["supported"]
    assert supported["sentence"].startswith("On 1 September 2022, President Tokayev")
    [partial] = by_verdict["partial"]
    assert "Qantar 2022" in partial["sentence"] and partial["missing"]
    assert [ref["label"] for ref in partial["references"]] == ["[2]", "[3]", "[4]"]
    [not_found] = by_verdict["not-found"]
    assert not_found["sentence"].startswith("Toregozhina was acclaimed as a leading voice")
    assert not_found["evidence"]["url"].startswith("https://www.frontlinedefenders.org/")
    assert all("no URL" in record["reason"] for record in by_verdict["unverifiable"])


def test_the_seed_markdown_report_quotes_the_claim_missing_facts_and_evidence(
    tmp_path: Path,
) -> None:
    markdown = seed_audit(tmp_path)
    assert "(`claim-not-found`)" in markdown
    assert "> Toregozhina was acclaimed as a leading voice" in markdown
    assert "Closest passage (<https://www.frontlinedefenders.org/" in markdown
    assert "not found in the passage: Public Foundation" in markdown


def test_the_seed_audit_without_support_has_no_claim_findings(tmp_path: Path) -> None:
    document = json.loads(seed_audit(tmp_path, "--format", "json", "--no-support"))
    assert document["support_checked"] is False and document["support"] == []
    assert not any(f["code"].startswith("claim-") for f in document["findings"])


def test_the_text_is_read_from_the_end_of_the_redirect_chain() -> None:
    moved = "https://news.example/old-harbour"

    def redirecting(request: FetchRequest) -> FetchResult:
        if request.url == moved:
            return FetchResult(moved, 301, (("location", "https://news.example/harbour"),))
        return answer(request)

    fetcher = FakeFetcher(redirecting)
    article = harbour_article()
    reference = article.reference("r1")
    assert reference is not None
    reference.url = moved
    report = run_audit(article, AuditOptions(as_of=AS_OF), checking(fetcher))
    assert verdicts(report)["supported"] == "supported"
    assert report.support[0].urls == (moved,)
    assert [r.url for r in fetcher.requests].count("https://news.example/harbour") == 1


HARBOUR_WIKITEXT = """'''Port Example''' is a town on the coast.

== History ==
The harbour of Port Example reopened on 4 May 2021 after two years of repairs.<ref>{{cite web \
|url=https://news.example/harbour |title=Harbour reopens |access-date=5 May 2021}}</ref>
"""


def test_a_second_live_run_with_a_state_file_reads_the_kept_text(tmp_path: Path) -> None:
    article = tmp_path / "Port_Example.wiki"
    article.write_text(HARBOUR_WIKITEXT, encoding="utf-8")
    state = tmp_path / "links.sqlite3"

    def run(fetcher: FakeFetcher, name: str) -> dict:
        output = tmp_path / name
        world = World(
            network=fetcher, sleep=lambda seconds: None, stdout=io.StringIO(), stderr=io.StringIO()
        )
        arguments = [str(article), "--state", str(state), "--as-of", "2026-11-28"]
        main(["audit", *arguments, "--format", "json", "-o", str(output)], world)
        return json.loads(output.read_text(encoding="utf-8"))

    first = run(FakeFetcher(answer), "first.json")
    again = FakeFetcher(refusing_pages)
    second = run(again, "second.json")
    assert [record["verdict"] for record in first["support"]] == ["supported"]
    assert second["support"] == first["support"]
    assert again.requests == []
