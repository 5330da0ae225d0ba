"""Nothing from the article or the web breaks out of a report, or out of the output directory.

Every text field a report shows (the title, section titles, sentences, citation fields, link
reasons, page titles and URLs the web sent back) is filled with hostile strings: newlines then
headings, table rows, raw HTML, `javascript:` links, control and bidi characters. The Markdown
must keep every table's column count, show no raw tag and no link but http(s), and start no
heading of the attacker's; the JSON must parse back to exactly what was put in. Titles such as
`../../etc/passwd` must name a file inside the chosen directory.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeaudit.app.cli import main
from citeaudit.app.output import MAX_NAME_BYTES, atomic_write, report_path
from citeaudit.audit import AuditOptions, assemble_facts, report_on, run_audit
from citeaudit.model import (
    Article,
    LinkResult,
    LinkVerdict,
    Paragraph,
    Reference,
    Report,
    Section,
    Sentence,
    SourceForm,
    SourceText,
    Use,
)
from citeaudit.reporters.json import JSONReporter
from citeaudit.reporters.markdown import MarkdownReporter
from citeaudit.reporters.serialize import report_to_dict

from .fuzzing import budget

PAYLOADS = [
    "\n# Injected heading",
    "\n\n## Injected",
    "\r\n---\n",
    "| a | b | c |",
    "\n| x | y |\n|---|---|",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<IFRAME src=//evil.example>",
    "[click](javascript:alert(1))",
    "javascript:alert(1)",
    "![x](https://evil.example/x.png)",
    "<https://evil.example/>",
    "<javascript:alert(1)>",
    "`",
    "```",
    "*",
    "_",
    "~~",
    "\\",
    "\\|",
    "[[x]]",
    "> quote",
    "1. list",
    "- item",
    "<!--",
    "-->",
    "&lt;script&gt;",
    "&#60;script&#62;",
    "\x00",
    "\x1b[31m",
    "\u202eevil",
    "\u2066",
    "\ufeff",
    "\u0085",
    "\u2028",
    "\xad",
    "\U000e0001",
]
hostile = st.lists(
    st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=6)), min_size=1, max_size=6
).map("".join)
hostile_url = st.one_of(
    hostile,
    hostile.map(lambda text: "https://example.org/" + text),
    st.sampled_from(["javascript:alert(1)", "data:text/html,<b>x</b>", "https://a.example/a)b"]),
)
VERDICTS = list(LinkVerdict)
AS_OF = dt.date(2026, 11, 28)


@st.composite
def hostile_reports(draw: st.DrawFn) -> Report:
    texts = draw(st.lists(hostile, min_size=2, max_size=4))
    sentences = [
        Sentence(id=index, text=text, reference_ids=["r1"]) for index, text in enumerate(texts)
    ]
    section = Section(
        index=1, title=draw(hostile), level=2, paragraphs=[Paragraph(sentences=sentences[1:])]
    )
    lead = Section(
        index=0,
        title="",
        level=0,
        paragraphs=[Paragraph(sentences=sentences[:1])],
        children=[section],
    )
    url = draw(hostile_url)
    reference = Reference(
        id="r1",
        number=1,
        kind="cite web",
        title=draw(hostile),
        url=url,
        work=draw(hostile),
        publisher=draw(hostile),
        authors=[draw(hostile)],
        date=draw(hostile),
        access_date=draw(hostile),
        archive_url=draw(hostile_url),
        raw=draw(hostile),
        text=draw(hostile),
        uses=[Use(section_index=0, sentence_id=0), Use(section_index=1, sentence_id=1)],
    )
    article = Article(
        title=draw(hostile),
        source_form=SourceForm.WIKITEXT,
        lead=lead,
        references=[reference],
        notes=[draw(hostile)],
    )
    result = LinkResult(
        url=url,
        verdict=draw(st.sampled_from(VERDICTS)),
        reason=draw(hostile),
        status=draw(st.one_of(st.none(), st.integers(100, 599))),
        final_url=draw(hostile_url),
        page_title=draw(hostile),
        reference_ids=("r1",),
    )
    page = SourceText(
        text="\n".join([*draw(st.lists(hostile, min_size=1, max_size=3)), *texts]),
        title=draw(hostile),
        titles=(draw(hostile),),
        kind="html",
        url=url,
    )
    # The same hostile page for the alive link, so that claim support quotes it.
    pages = {url: page} if result.verdict is LinkVerdict.ALIVE else {}
    return report_on(
        article, AuditOptions(as_of=AS_OF), assemble_facts(article, [result], sources=pages)
    )


_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_RAW_TAG = re.compile(r"<(?!https?://)\s*[A-Za-z/!?]")
_AUTOLINK = re.compile(r"<https?://[^<>\s]*>")
_LINK_TARGET = re.compile(r"(?<!\\)\]\(\s*<?\s*([^)>\s]*)")
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069\u2028\u2029\x85]"
)


def table_blocks(markdown: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in markdown.split("\n"):
        if line.startswith("|"):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def assert_markdown_is_contained(markdown: str) -> None:
    for block in table_blocks(markdown):
        widths = {len(_UNESCAPED_PIPE.split(row)) for row in block}
        assert len(widths) == 1, block
    assert _RAW_TAG.search(markdown) is None
    outside_autolinks = _AUTOLINK.sub("<>", markdown)  # an autolink's text is never markup
    for target in _LINK_TARGET.findall(outside_autolinks):
        # web links, or the report's own pointers to its headings (`#fix-first`)
        assert target.startswith(("https://", "http://")) or re.fullmatch(r"#[a-z-]+", target), (
            target
        )
    assert not re.search(r"^ {0,3}#{1,6}\s+Injected", markdown, re.M)
    assert _CONTROL.search(markdown) is None
    for autolink in _AUTOLINK.findall(markdown):  # a URL shows as it is: nothing invisible
        assert all(character.isprintable() and character != " " for character in autolink)
        assert not re.search("[\u200b-\u200f]", autolink)


@budget(150)
@given(hostile_reports())
def test_nothing_breaks_out_of_the_markdown(report: Report) -> None:
    assert_markdown_is_contained(MarkdownReporter().render(report))


@budget(150)
@given(hostile_reports())
def test_the_json_gives_back_exactly_what_went_in(report: Report) -> None:
    document = json.loads(JSONReporter().render(report))
    assert document == json.loads(json.dumps(report_to_dict(report)))
    text = json.dumps(document, ensure_ascii=False)
    shown = [report.article.title, report.article.references[0].title]
    shown += [link.reason for link in report.links] + [link.page_title for link in report.links]
    for value in shown:
        assert json.dumps(value, ensure_ascii=False)[1:-1] in text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        hostile,
        st.sampled_from(
            [
                "../../etc/passwd",
                "/etc/passwd",
                "..",
                ".",
                "",
                "a/../../b",
                "C:\\Windows\\x",
                "CON",
                "nul.txt",
                "x" * 10_000,
                "é" * 5_000,
                "\x00",
                "/",
                "~root",
            ]
        ),
    )
)
def test_a_report_path_never_leaves_its_directory(tmp_path_factory: object, title: str) -> None:
    directory = Path("/nonexistent-citeaudit-output/reports")
    path = report_path(directory, title, ".md")
    assert path.parent == directory
    assert "\x00" not in path.name and path.name not in (".md", "..md")
    assert len(path.name.encode()) <= MAX_NAME_BYTES + len(".md")


def test_a_lone_surrogate_from_an_api_answer_still_gives_whole_reports(tmp_path: Path) -> None:
    # Article text read from a file is UTF-8 and cannot hold one; JSON (the MediaWiki API) can.
    title = json.loads('"Bad \\ud800 title"')
    report = run_audit(
        Article(title=title, source_form=SourceForm.WIKITEXT, lead=Section(0, "", 0)),
        AuditOptions(as_of=AS_OF),
    )
    for reporter, name in ((JSONReporter(), "report.json"), (MarkdownReporter(), "report.md")):
        atomic_write(tmp_path / name, reporter.render(report))
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert "Bad" in (tmp_path / "report.md").read_text(encoding="utf-8")


@st.composite
def hostile_wikitext(draw: st.DrawFn) -> str:
    words = st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=6)).filter(
        lambda piece: "\x00" not in piece and not any("\ud800" <= c <= "\udfff" for c in piece)
    )
    piece = st.lists(words, min_size=1, max_size=4).map("".join)
    return (
        f"{draw(piece)}.<ref>{{{{cite web |url=https://example.org/{draw(piece)} "
        f"|title={draw(piece)} |work={draw(piece)} |access-date={draw(piece)}}}}}</ref>\n"
        f"== {draw(piece)} ==\n{draw(piece)}.{{{{citation needed}}}} {draw(piece)}."
        f"<ref>[{draw(piece)} {draw(piece)}]</ref>\n== References ==\n{{{{reflist}}}}\n"
    )


@budget(25)
@given(hostile_wikitext())
def test_a_hostile_article_file_gives_contained_reports(source: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        article = directory / "Hostile.wiki"
        article.write_text(source, encoding="utf-8")
        for report_format in ("markdown", "json"):
            status = main(
                [
                    "audit",
                    str(article),
                    "--no-links",
                    "--quiet",
                    "--as-of",
                    "2026-11-28",
                    "--format",
                    report_format,
                    "-o",
                    f"{directory}/out/",
                ]
            )
            assert status in (0, 1)
        markdown, document = directory / "out" / "Hostile.md", directory / "out" / "Hostile.json"
        assert_markdown_is_contained(markdown.read_text(encoding="utf-8"))
        assert json.loads(document.read_text(encoding="utf-8"))["schema"].startswith("citeaudit.")
        assert {path.name for path in (directory / "out").iterdir()} == {
            markdown.name,
            document.name,
        }
