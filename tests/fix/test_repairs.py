"""Each repair on a small article, audited for real over a simulated web: what it writes, and
what it refuses to write without evidence."""

from __future__ import annotations

import pytest

from citeaudit.fix import REPAIRS, FixOptions, propose_fixes
from citeaudit.model import FailureKind, FetchResult
from tests.fakes import page, redirect
from tests.fix.conftest import SimulatedWeb, alive, audit, fix, serious

A, B, C, D = (f"https://news.example/{name}" for name in "abcd")
LEAD = "{{Use dmy dates|date=March 2023}}\n"
END = "\n== References ==\n{{Reflist}}\n"


def article(*refs: str) -> str:
    return LEAD + "".join(f"Claim {n}.{ref}\n" for n, ref in enumerate(refs, 1)) + END


def cite(url: str, title: str = "A report", extra: str = "") -> str:
    fields = f"|url={url} |title={title} |date=1 March 2023{extra} |access-date=8 March 2023"
    return f"<ref>{{{{cite web {fields}}}}}</ref>"


def archived(status: str, archive_date: str = "5 March 2023") -> str:
    snapshot = f"https://web.archive.org/web/20230305101010/{A}"
    return f" |archive-url={snapshot} |archive-date={archive_date}" + (
        f" |url-status={status}" if status else ""
    )


def only_changes(text: str, web: SimulatedWeb) -> tuple[str, list[tuple[str, str]]]:
    report, patch = fix(text, web)
    return patch.text, [(change.code, change.parameter) for change in patch.changes]


def test_a_dead_link_with_a_capture_gets_the_archive_in_the_articles_date_format() -> None:
    web = SimulatedWeb({A: page(A, 404)}, {A: [("20230305101010", "200")]})
    patched, changes = only_changes(article(cite(A)), web)
    assert (
        f"|access-date=8 March 2023 |archive-url=https://web.archive.org/web/20230305101010/{A} "
        "|archive-date=5 March 2023 |url-status=dead}}" in patched
    )
    assert changes == [
        ("link-dead", "archive-url"),
        ("link-dead", "archive-date"),
        ("link-dead", "url-status"),
    ]


def test_a_dead_bare_link_gets_a_webarchive_template_after_it() -> None:
    web = SimulatedWeb({A: page(A, 404)}, {A: [("20230305101010", "200")]})
    patched, _ = only_changes(article(f"<ref>[{A} A report], News Example, 2023.</ref>"), web)
    assert (
        f"<ref>[{A} A report], News Example, 2023. {{{{Webarchive |url=https://web.archive.org/"
        f"web/20230305101010/{A} |date=5 March 2023}}}}</ref>" in patched
    )


def test_a_dead_link_the_archive_holds_nothing_of_is_tagged_once() -> None:
    web = SimulatedWeb({A: page(A, 410)}, {A: []})
    patched, changes = only_changes(article(cite(A)), web)
    assert (
        "|access-date=8 March 2023}}{{Dead link|date=November 2026|fix-attempted=yes}}</ref>"
        in patched
    )
    assert changes == [("link-dead", "{{Dead link}}")]
    again, changes = only_changes(patched, web)
    assert again == patched and changes == []


def test_an_existing_dead_link_tag_is_respected() -> None:
    text = article(cite(A).replace("</ref>", "{{dead link|date=May 2024}}</ref>"))
    patched, _ = only_changes(text, SimulatedWeb({A: page(A, 404)}, {A: []}))
    assert patched == text


def test_a_capture_older_than_the_document_is_not_its_copy() -> None:
    web = SimulatedWeb({A: page(A, 404)}, {A: [("20190101000000", "200")]})
    report, patch = fix(article(cite(A)), web)
    assert not patch.changed
    assert [d.code for d in patch.declined] == ["link-dead"]
    assert "older than the document" in patch.declined[0].why


@pytest.mark.parametrize(
    "answer",
    [
        page(A, 403, "<title>Just a moment...</title>"),  # blocked
        FetchResult(A, failure=FailureKind.TIMEOUT),  # unreachable
        page(A, 503),
    ],
    ids=["blocked", "timeout", "5xx"],
)
def test_a_blocked_or_unreachable_link_is_never_tagged_dead(answer: FetchResult) -> None:
    text = article(cite(A))
    patched, changes = only_changes(text, SimulatedWeb({A: answer}, {A: []}))
    assert patched == text and changes == []


def test_when_the_archive_cannot_be_asked_nothing_is_tagged() -> None:
    class Unreachable(SimulatedWeb):
        def answer(self, request):  # type: ignore[no-untyped-def]
            if "archive.org" in request.url:
                return FetchResult(request.url, failure=FailureKind.DNS, detail="no such host")
            return super().answer(request)

    report, patch = fix(article(cite(A)), Unreachable({A: page(A, 404)}))
    assert not patch.changed
    assert "not known" in patch.declined[0].why


def test_an_alive_link_marked_dead_is_marked_live() -> None:
    text = article(cite(A, extra=archived("dead")))
    patched, changes = only_changes(text, SimulatedWeb({A: alive(A, "A report")}))
    assert patched == text.replace("|url-status=dead", "|url-status=live")
    assert changes == [("link-alive-marked-dead", "url-status")]


def test_a_dead_link_with_its_own_archive_copy_is_marked_dead_when_the_copy_answers() -> None:
    text = article(cite(A, extra=archived("live")))
    patched, changes = only_changes(text, SimulatedWeb({A: page(A, 404)}))
    assert patched == text.replace("|url-status=live", "|url-status=dead")


def test_an_archive_date_that_disagrees_with_its_timestamp_is_corrected() -> None:
    text = article(cite(A, extra=archived("", archive_date="7 March 2023")))
    patched, changes = only_changes(text, SimulatedWeb({A: alive(A, "A report")}))
    assert patched == text.replace("|archive-date=7 March 2023", "|archive-date=5 March 2023")
    assert changes == [("archive-date-mismatch", "archive-date")]


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        ("08 March 2023", "8 March 2023"),
        ("March 8 2023", "8 March 2023"),
        ("8th march 2023", "8 March 2023"),
        ("Wednesday, 8 March 2023", "8 March 2023"),
        ("2023-3-8", "8 March 2023"),
        ("25/03/2023", "25 March 2023"),
    ],
)
def test_a_date_with_one_clear_meaning_is_written_in_the_articles_format(
    written: str, fixed: str
) -> None:
    text = article(f"<ref>{{{{cite web |title=A report |work=News |date={written}}}}}</ref>")
    patched, changes = only_changes(text, SimulatedWeb())
    assert patched == text.replace(f"|date={written}", f"|date={fixed}")
    assert changes == [("date-invalid", "date")]


@pytest.mark.parametrize(
    "written", ["03/04/2023", "31 April 2023", "Tuesday, 8 March 2023", "Febuary 2023"]
)
def test_an_ambiguous_or_impossible_date_stays_a_finding(written: str) -> None:
    text = article(f"<ref>{{{{cite web |title=A report |work=News |date={written}}}}}</ref>")
    report, patch = fix(text, SimulatedWeb())
    assert not patch.changed and [d.code for d in patch.declined] == ["date-invalid"]


def test_a_captured_challenge_title_is_replaced_by_the_pages_own() -> None:
    text = article(cite(A, title="Just a moment..."))
    head = '<meta property="og:site_name" content="News Example">'
    web = SimulatedWeb({A: alive(A, "Storm closes the valley schools | News Example", head)})
    patched, changes = only_changes(text, web)
    assert patched == text.replace(
        "|title=Just a moment...", "|title=Storm closes the valley schools"
    )
    assert changes == [("title-generic", "title")]


def test_a_page_whose_title_is_no_better_leaves_the_generic_title() -> None:
    text = article(cite(A, title="StackPath"))
    report, patch = fix(text, SimulatedWeb({A: alive(A, "Home")}))
    assert not patch.changed


def test_a_bare_url_becomes_a_cite_web_with_what_the_page_states() -> None:
    head = (
        '<meta property="og:title" content="Storm closes schools">'
        '<meta property="og:site_name" content="News Example">'
        '<meta property="article:published_time" content="2023-03-01T10:00:00Z">'
        '<meta name="author" content="Mara Ellison">'
    )
    web = SimulatedWeb({A: alive(A, "Storm closes schools - News Example", head)})
    patched, changes = only_changes(article(f"<ref>{A}</ref>", f"<ref>[{B}]</ref>"), web)
    assert (
        f"<ref>{{{{cite web |url={A} |title=Storm closes schools |website=News Example "
        "|date=1 March 2023 |author=Mara Ellison |access-date=28 November 2026}}</ref>" in patched
    )
    assert f"<ref>[{B}]</ref>" in patched  # not read: left as it was
    assert changes == [("ref-bare-url", "{{cite web}}")]


def test_a_bare_url_with_words_around_it_is_left_to_an_editor() -> None:
    text = article(f"<ref>See {A} for the figures.</ref>")
    patched, _ = only_changes(text, SimulatedWeb({A: alive(A, "Storm closes schools")}))
    assert patched == text


def test_duplicates_merge_into_the_first_named_after_the_source() -> None:
    text = article(
        cite(A),
        "<ref name=other>{{cite web |url=https://news.example/b |title=B}}</ref>",
        cite(A + "?utm_source=x"),
    )
    web = SimulatedWeb(
        {A: alive(A, "A report"), A + "?utm_source=x": alive(A, "A report"), B: alive(B, "B")}
    )
    patched, changes = only_changes(text, web)
    assert patched.count('<ref name="news">{{cite web') == 1
    assert 'Claim 3.<ref name="news" />' in patched
    assert ("ref-duplicate", "ref") in changes


def test_duplicates_citing_different_pages_of_a_source_are_not_merged() -> None:
    first = "<ref>{{cite book |title=Rivers |publisher=Valley Press |page=5}}</ref>"
    later = "<ref>{{cite book |title=Rivers |publisher=Valley Press |page=9}}</ref>"
    report, patch = fix(article(first, later), SimulatedWeb())
    assert not patch.changed and "|page=9" in patch.declined[0].why


def test_a_named_reference_defined_twice_alike_gets_the_same_edit_in_both() -> None:
    definition = f"<ref name=x>{{{{cite web |url={A} |title=A report |date=08 March 2023}}}}</ref>"
    text = article(definition, definition)
    patched, changes = only_changes(text, SimulatedWeb({A: alive(A, "A report")}))
    assert patched.count("|date=8 March 2023}}</ref>") == 2 and "08 March" not in patched


def test_no_findings_with_a_repair_give_the_text_back_byte_for_byte() -> None:
    text = article(cite(A)) + "<!-- <ref>https://news.example/c</ref> -->\n<nowiki>{{x}}</nowiki>\n"
    report = audit(text, SimulatedWeb({A: alive(A, "A report")}))
    patch = propose_fixes(report, text)
    assert patch.text == text and patch.text is text or patch.text == text
    assert not patch.changed and patch.fixes.summary == "No repairs to make"


def test_only_and_skip_choose_repairs_by_finding_code() -> None:
    text = article(
        cite(A, title="Just a moment..."), "<ref>{{cite web |title=B |date=08 March 2023}}</ref>"
    )
    report = audit(text, SimulatedWeb({A: alive(A, "The real title")}))
    only = propose_fixes(report, text, FixOptions.choose(only=["date-invalid"]))
    skipped = propose_fixes(report, text, FixOptions.choose(skip=["date-invalid"]))
    assert [c.code for c in only.changes] == ["date-invalid"]
    assert [c.code for c in skipped.changes] == ["title-generic"]
    with pytest.raises(Exception, match="no repair answers link-blocked"):
        FixOptions.choose(only=["link-blocked"])
    assert set(FixOptions().codes) == set(REPAIRS)


def test_the_patched_article_no_longer_reports_what_was_repaired_and_nothing_new() -> None:
    head = '<meta property="og:site_name" content="News Example">'
    text = article(
        cite(A),
        cite(B, title="Just a moment..."),
        f"<ref>{C}</ref>",
        "<ref>{{cite web |title=D |work=News |date=08 March 2023}}</ref>",
        cite(D),
    )
    web = SimulatedWeb(
        {
            A: page(A, 404),
            B: alive(B, "The real B", head),
            C: alive(C, "Page C", head),
            D: redirect(D, "https://news.example/"),
            "https://news.example/": alive("https://news.example/", "News Example front page"),
        },
        {A: [("20230305101010", "200")], D: []},
    )
    before, patch = fix(text, web)
    after = audit(patch.text, web)
    was, now = serious(before), serious(after)
    repaired = {(c.code, c.reference_id) for c in patch.changes}
    assert len(repaired) >= 5
    for key in repaired:
        assert now.get(key, -1) < was[key], key
    assert set(now) - set(was) == set()
