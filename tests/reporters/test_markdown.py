"""The Markdown report: its golden file, its sections, and text that tries to break it."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from report_golden import assert_matches_golden
from report_samples import AS_OF, audit, build_article

from citeaudit.audit import AuditOptions, run_audit
from citeaudit.model import Report, SourceForm
from citeaudit.reporters import REPORTERS
from citeaudit.reporters.markdown import MarkdownReporter

MARKDOWN = MarkdownIt("commonmark").enable("table").enable("strikethrough")
HOSTILE_TITLE = "Evil | `title` <script>alert(1)</script>\n[[Link]] *x* _y_ # z"
HOSTILE_SENTENCES = [
    "Cells | split || here.",
    "Back`ticks` and ``runs``.",
    "<script>alert('sentence')</script> and <img src=x onerror=alert(1)>.",
    "New\nlines\r\nand | pipes\n| forged | row |",
    "[[Wiki link]] and [md](javascript:alert(1)) and ![img](https://x.example/i.png).",
    "# Not a heading\n- not a list",
]


def test_markdown_report_matches_its_golden_file(sample_report: Report) -> None:
    assert_matches_golden("sample.md", MarkdownReporter().render(sample_report))


def test_the_report_is_deterministic() -> None:
    assert MarkdownReporter().render(audit(build_article())) == MarkdownReporter().render(
        audit(build_article())
    )


def test_sections_come_in_the_order_an_editor_works_in(sample_report: Report) -> None:
    text = MarkdownReporter().render(sample_report)
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings == ["Summary", "Fix first", "Findings by section", "References", "Not checked"]
    fix_first = text.split("## Fix first", 1)[1].split("## Findings by section", 1)[0]
    assert (
        fix_first.index("Dead and broken links")
        < fix_first.index("Unsupported claims")
        < fix_first.index("Dates and archive copies")
    )
    assert "<https://web.archive.org/web/20230311093000/https://example.com/gone>" in fix_first
    assert "> She was born in 1962 in Almaty." in fix_first


def test_the_header_says_what_was_audited_and_how(sample_report: Report) -> None:
    header = MarkdownReporter().render(sample_report).split("## Summary", 1)[0]
    for fact in ("Jane Example", "1143000000", "2026-11-28", "wikitext", "offline", "0.0.0-test"):
        assert fact in header


def test_a_simulated_web_is_said_to_be_simulated(sample_report: Report) -> None:
    simulated = replace(sample_report, simulated_web=True)
    header = MarkdownReporter().render(simulated).split("## Summary", 1)[0]
    assert "marked **simulated**" in header and "not the live sites" in header


def test_links_not_checked_are_said_to_be_not_checked() -> None:
    report = run_audit(build_article(), AuditOptions(as_of=AS_OF), checks=[])
    text = MarkdownReporter().render(report)
    assert "**Links:** not checked (`--no-links`)" in text
    assert "Links were not checked (`--no-links`): 6 URLs not fetched" in text
    assert "```mermaid" not in text and "No findings." in text


def test_text_form_references_say_the_form_has_no_urls() -> None:
    article = build_article()
    article.source_form = SourceForm.TEXT
    article.revision = None
    for reference in article.references:
        reference.url = None
    text = MarkdownReporter().render(run_audit(article, AuditOptions(as_of=AS_OF), None, []))
    assert "No URL in this form" in text
    assert '`citeaudit audit --site en.wikipedia.org "Jane Example"`' in text
    assert "not known (read from a file)" in text


class _Cells(HTMLParser):
    """Counts the cells of every table row, and notes any script element."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[int]] = []
        self.scripts = 0
        self.javascript_links = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.rows.append([])
        elif tag == "tr":
            self.rows[-1].append(0)
        elif tag in ("td", "th"):
            self.rows[-1][-1] += 1
        elif tag == "script":
            self.scripts += 1
        elif tag == "a" and any(
            (value or "").lower().startswith("javascript") for _, value in attrs
        ):
            self.javascript_links += 1


def test_hostile_titles_and_sentences_cannot_break_the_markdown() -> None:
    report = audit(build_article(HOSTILE_TITLE, HOSTILE_SENTENCES))
    text = MarkdownReporter().render(report)
    assert "<script" not in text.lower() and "<img" not in text.lower()
    # Every table row, parsed back by splitting on unescaped pipes, has its header's width.
    for block in re.findall(r"(?:^\|.*\|$\n?)+", text, re.M):
        widths = {len(re.split(r"(?<!\\)\|", row)) for row in block.splitlines()}
        assert len(widths) == 1, block
    # Rendered, it has no script, no javascript link, and every table keeps its shape.
    cells = _Cells()
    cells.feed(MARKDOWN.render(text))
    assert cells.scripts == 0 and cells.javascript_links == 0
    for table in cells.rows:
        assert len(set(table)) == 1, table
    # The title is one heading line that shows the title as text.
    [title_line] = [line for line in text.splitlines() if line.startswith("# ")]
    tokens = MARKDOWN.parseInline(title_line[2:])[0].children or []
    assert "".join(t.content for t in tokens) == "Citation audit: " + " ".join(
        HOSTILE_TITLE.split()
    )
    # The quoted sentence (the uncited one) stays one quoted line of plain text.
    assert "  > Back\\`ticks\\` and \\`\\`runs\\`\\`." in text.splitlines()


def test_hostile_citation_fields_and_urls_cannot_break_the_markdown() -> None:
    article = build_article()
    for reference in article.references:
        reference.title = "T | `x` <script>y</script>\n| a | b |"
        reference.work = "*W* [[w]]"
        reference.access_date = "1 | 2\n3"
    article.references[3].url = "javascript:alert(1)"
    article.references[7].url = "https://example.org/a b|c<script>"
    text = MarkdownReporter().render(audit(article))
    for block in re.findall(r"(?:^\|.*\|$\n?)+", text, re.M):
        assert len({len(re.split(r"(?<!\\)\|", row)) for row in block.splitlines()}) == 1, block
    cells = _Cells()
    cells.feed(MARKDOWN.render(text))
    assert cells.scripts == 0 and cells.javascript_links == 0
    assert all(len(set(table)) == 1 for table in cells.rows)
    assert "<https://example.org/a%20b%7Cc%3Cscript%3E>" in text


@settings(max_examples=40, deadline=None)
@given(
    title=st.text(min_size=1, max_size=40),
    sentences=st.lists(st.text(min_size=1, max_size=60), min_size=6, max_size=6),
    reference_title=st.text(max_size=40),
)
def test_any_text_keeps_the_report_in_shape(
    title: str, sentences: list[str], reference_title: str
) -> None:
    article = build_article(title, sentences)
    for reference in article.references:
        reference.title = reference_title or None
    text = MarkdownReporter().render(audit(article))
    cells = _Cells()
    cells.feed(MARKDOWN.render(text))
    assert cells.scripts == 0 and cells.javascript_links == 0
    assert all(len(set(table)) == 1 for table in cells.rows)
    headings = [line for line in text.splitlines() if line.startswith("# ")]
    assert len(headings) == 1


def test_markdown_is_registered() -> None:
    assert REPORTERS["markdown"] is MarkdownReporter
