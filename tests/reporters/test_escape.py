"""Escaping untrusted text for Markdown: rendered back, it is the same words and no markup."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from citeaudit.reporters import escape

MARKDOWN = MarkdownIt("commonmark").enable("table").enable("strikethrough")

HOSTILE = [
    "a | b || c",
    "`code` and ``more``",
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[[Internal link]] and [text](javascript:alert(1))",
    "*bold* _it_ **x** ~~gone~~",
    "# heading",
    "- item",
    "1. first",
    "> quote",
    "===",
    "line one\nline two\r\n\n| new | row |",
    "&lt;script&gt; &amp; &#60;",
    "back\\slash\\",
    "$x^2$ math",
    "trailing backslash \\",
    "![image](https://example.org/x.png)",
    "<https://autolink.example>",
    "\u202eevil\u202c bidi",
]


def inline_tokens(markdown: str) -> list[Token]:
    tokens = MARKDOWN.parse(markdown)
    return [child for token in tokens if token.type == "inline" for child in token.children or []]


def rendered_text(markdown: str) -> str:
    """The text a reader sees in a one-line Markdown paragraph, failing on any markup."""
    pieces = []
    for token in inline_tokens(markdown):
        assert token.type in ("text", "code_inline", "softbreak"), (token.type, markdown)
        pieces.append(token.content)
    return "".join(pieces)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_renders_as_itself(value: str) -> None:
    assert rendered_text(escape.text(value)) == escape.one_line(value)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_any_text_renders_as_itself(value: str) -> None:
    assert rendered_text(escape.text(value)) == escape.one_line(value)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=4))
def test_escaped_cells_keep_a_table_in_shape(cells: list[str]) -> None:
    header = "| " + " | ".join(f"h{i}" for i in range(len(cells))) + " |"
    rule = "| " + " | ".join("---" for _ in cells) + " |"
    row = "| " + " | ".join(escape.text(cell) or " " for cell in cells) + " |"
    html = MARKDOWN.render(f"{header}\n{rule}\n{row}\n")
    assert html.count("<td") == len(cells)
    assert html.count("<tr>") == 2


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a b",
        "https://example.org/a|b",
        "https://example.org/<script>",
        'https://example.org/"q"`x`',
        "https://example.org/path_(with)_parens*",
    ],
)
def test_web_urls_become_autolinks_to_the_same_address(url: str) -> None:
    [link_open, text, link_close] = inline_tokens(escape.url(url))
    assert link_open.type == "link_open" and link_close.type == "link_close"
    href = str(link_open.attrs["href"])
    assert href.startswith("https://example.org/")
    assert "<" not in href and " " not in href and "|" not in href


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>x</script>",
        "file:///etc/passwd",
        "ftp://x.org/a",
        "//x.org",
    ],
)
def test_other_urls_are_never_links(url: str) -> None:
    assert all(token.type != "link_open" for token in inline_tokens(escape.url(url)))
    assert rendered_text(escape.url(url)) == url


def test_links_escape_their_label() -> None:
    [link_open, *label, link_close] = inline_tokens(
        escape.link("a](javascript:x) [b", "https://ok.example/")
    )
    assert link_open.attrs["href"] == "https://ok.example/"
    assert "".join(token.content for token in label) == "a](javascript:x) [b"


@pytest.mark.parametrize("value", ["plain", "a `tick`", "``double``", "`edge", "pipe | inside"])
def test_code_spans_show_their_content_literally(value: str) -> None:
    [code] = inline_tokens(escape.code(value))
    assert code.type == "code_inline" and code.content == value


@given(
    st.lists(
        st.text(max_size=40).filter(lambda line: "\n" not in line and "\r" not in line), max_size=5
    )
)
@settings(max_examples=100, deadline=None)
def test_a_code_block_shows_its_lines_literally_whatever_they_hold(lines: list[str]) -> None:
    block = escape.code_block([*lines, "```", "<script>x</script>"], "diff")
    tokens = [token for token in MARKDOWN.parse(block) if token.type == "fence"]
    assert len(tokens) == 1 and tokens[0].info == "diff"
    shown = tokens[0].content.split("\n")[:-1]
    assert shown[-2:] == ["```", "<script>x</script>"]
    assert len(shown) == len(lines) + 2
