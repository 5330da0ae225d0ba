"""Reading article files: clear errors for what is not an article, and form detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeaudit.errors import InputError
from citeaudit.model import SourceForm
from citeaudit.parse import decode_article, detect_form, read_article_file


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"  \n\t ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        (b"caf\xe9 au lait", "not UTF-8"),
    ],
)
def test_bad_bytes_are_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode_article(data)


def test_bom_and_crlf_are_accepted() -> None:
    assert decode_article("\ufeffa\r\nb".encode()) == "a\nb"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_article_file(tmp_path / "nope.wiki")
    with pytest.raises(InputError, match="directory"):
        read_article_file(tmp_path)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        (
            "'''Foo''' is a bar.<ref>{{cite web|url=http://x}}</ref>\n== History ==\n",
            SourceForm.WIKITEXT,
        ),
        ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", SourceForm.HTML),
        (
            "<!-- attribution -->\n{{Use dmy dates}}\nFoo is.<ref>x</ref>\n== A ==\n",
            SourceForm.WIKITEXT,
        ),
        (
            "<!-- saved from url=(0042)https://en.wikipedia.org/ -->\n<html><body><p>Hi</p>",
            SourceForm.HTML,
        ),
        (
            '<div class="mw-parser-output"><p>Foo<sup class="reference">[1]</sup></p></div>',
            SourceForm.HTML,
        ),
        (
            'Foo\n\nBar is a thing.[1]\n\nHistory\n\n[edit]\n\nReferences\n  1. ^ "T". W.',
            SourceForm.TEXT,
        ),
        ("Just some plain words.", SourceForm.TEXT),
    ],
)
def test_form_is_detected_from_content(text: str, form: SourceForm) -> None:
    assert detect_form(text) is form


WIKITEXT_WITH_HEADING_LIKE_LINES = (
    "Text.<ref>{{cite web |url=https://example.org/a |title=A}}</ref>\n"
    "## not a heading\n## nor this\n## nor this one\n## nor\n## this\n## one\n"
    "More text.{{citation needed}}\n== References ==\n{{reflist}}\n"
)


def test_a_file_named_as_wikitext_is_read_so_unless_a_rendering_clearly_outweighs_it() -> None:
    """Wikitext may hold lines that look like Markdown headings: a `.wiki` file is wikitext
    unless a rendering's marks outnumber wikitext's twice over."""
    assert detect_form(WIKITEXT_WITH_HEADING_LIKE_LINES) is SourceForm.TEXT
    assert detect_form(WIKITEXT_WITH_HEADING_LIKE_LINES, named_wikitext=True) is (
        SourceForm.WIKITEXT
    )
    rendering = "## Heading\n## Another\n## Third\nText.[1]\n[2] more.[3]\n"
    assert detect_form(rendering, named_wikitext=True) is SourceForm.TEXT


def test_the_cli_reads_a_wiki_file_as_wikitext(tmp_path: Path) -> None:
    from citeaudit.app.sources import read_file_article

    path = tmp_path / "Example.wiki"
    path.write_text(WIKITEXT_WITH_HEADING_LIKE_LINES, encoding="utf-8")
    article = read_file_article(path, None, None)
    assert article.source_form is SourceForm.WIKITEXT and len(article.references) == 1
