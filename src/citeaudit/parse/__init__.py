"""Read an article in any of its forms into one `Article`.

`read_article_file` and `decode_article` turn bytes into text or a clear `InputError`;
`detect_form` sniffs the form from the content; `parse_article` hands the text to the parser
of that form (`wikitext`, `html`, `text`), each of which returns the same model.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from citeaudit.errors import InputError
from citeaudit.model import Article, SourceForm

MAX_ARTICLE_BYTES = 64 * 1024 * 1024
"""Larger than any Wikipedia article (the largest are about 2 MB of wikitext)."""

_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<body|<div|<section|<p[ >])", re.I)
_LEADING_COMMENTS = re.compile(r"^\s*(<!--.*?-->\s*)+", re.S)
"""Wikitext may open with a comment (a fixture's attribution): leading comments prove nothing."""
_HTML_TAG = re.compile(r"<(p|div|span|sup|section|ol|li|a|h[1-6]|table)\b[^>]*>", re.I)
_WIKITEXT_SIGNS = re.compile(
    r"\{\{\s*[#\w]|<ref[\s>/]|\[\[(?![\d\s]{1,5}\]\])[^\]\n]{1,300}\]\](?!\()"
    r"|^=+[^=\n]+=+\s*$|^\{\||'''",
    re.M | re.I,
)
"""Templates, `<ref>`, wiki links (not Markdown's `[[1]](url)` marker links), `== headings ==`,
tables and bold: the marks of wikitext. A closing `}}` alone is no sign: TeX has them."""
_TEXT_SIGNS = re.compile(
    r"^\[edit\]$|\[edit\]$|^\s*\d+\.\s+[\^↑]|\[\d+\](?!\()|^#{2,6} \S"
    r"|\]\((?:https?:|\.{0,2}/|#)|^\*{2,6} \S.*\S \*{2,6}$|\{\\displaystyle"
    r"|^\s*\[?\d{1,5}\]?\.? (?:https?|file)://",
    re.M,
)
"""A rendering's marks: edit links, `[n]` markers, reference-list entries, Markdown headings and
links (a `# ` line alone is a numbered list item of wikitext), asterisk headings, TeX fallback
text of formulas, a numbered link list."""
_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\n((?:[^\n]{0,2000}\n){1,200}?)---[ \t]*(?:\n|\Z)")
"""A block between `---` lines opening the file, as static-site generators and scrapers write
YAML front matter."""
_YAML_KEY = re.compile(r"^[\w][\w .-]{0,60}:(?:\s|$)")
_YAML_OTHER = re.compile(r"^(?:\s+\S|-\s|#)")
"""Lines a YAML mapping may also hold: indented continuations, list items, comments."""
_SCAN_LIMIT = 4 * 1024 * 1024
"""How much of a file its form is judged on: all of any real article."""
_UTF16_BOMS = {codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}
"""Windows editors save "Unicode" as UTF-16 with a byte-order mark; without one, UTF-16 is
indistinguishable from binary and is refused as such."""


def read_article_file(path: Path) -> str:
    """The text of an article file, or an `InputError` that says what is wrong with it."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_ARTICLE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not an article file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    return decode_article(data, str(path))


def decode_article(data: bytes, label: str = "input") -> str:
    """Decode article bytes as UTF-8 (with or without a BOM) or as UTF-16 with its BOM,
    refusing what is not an article."""
    encoding = _UTF16_BOMS.get(data[:2])
    if encoding is not None:
        try:
            data = data[2:].decode(encoding).encode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError(
                f"{label}: starts with a UTF-16 byte-order mark but is not UTF-16 "
                f"(bad bytes at offset {error.start + 2})"
            ) from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{label}: larger than {MAX_ARTICLE_BYTES // (1024 * 1024)} MB; "
            "no Wikipedia article is this large, so this is probably not an article"
        )
    if not data.strip():
        raise InputError(f"{label}: is empty; give the wikitext, HTML or text of an article")
    if b"\x00" in data[:65536]:
        raise InputError(f"{label}: is a binary file, not the wikitext, HTML or text of an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{label}: is not UTF-8 (bad byte at offset {error.start}); "
            "save the article as UTF-8 and try again"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def has_front_matter(text: str) -> bool:
    """Whether the file opens with YAML front matter: a `---` block of `key: value` lines (an
    article that merely opens with a horizontal rule is not one)."""
    block = _FRONT_MATTER.match(text)
    if block is None:
        return False
    lines = [line for line in block.group(1).split("\n") if line.strip()]
    keys = sum(1 for line in lines if _YAML_KEY.match(line))
    return keys > 0 and all(_YAML_KEY.match(line) or _YAML_OTHER.match(line) for line in lines)


def detect_form(text: str, *, named_wikitext: bool = False) -> SourceForm:
    """Guess the form of an article from its content (`--input-format` overrides this).

    HTML shows at its start. Otherwise the marks of wikitext are weighed against the marks of a
    rendering over the whole file: a scraper's copy may open with YAML front matter (then it is
    no wikitext) and carry TeX (`{\\displaystyle ...}`) whose braces are not templates, and a
    Markdown rendering has `[[1]](url)` markers that are not wiki links. A file named as
    wikitext (`named_wikitext`: `.wiki`) is read so unless a rendering's marks outnumber
    wikitext's twice over: wikitext may hold lines that look like Markdown headings.
    """
    head = _LEADING_COMMENTS.sub("", text[:20000], count=1)
    if _HTML_START.match(head) or len(_HTML_TAG.findall(head)) >= 5:
        return SourceForm.HTML
    if has_front_matter(text):
        return SourceForm.TEXT
    body = text[:_SCAN_LIMIT]
    wikitext_signs = len(_WIKITEXT_SIGNS.findall(body))
    text_signs = len(_TEXT_SIGNS.findall(body))
    if wikitext_signs > text_signs or (named_wikitext and text_signs <= 2 * wikitext_signs):
        return SourceForm.WIKITEXT
    return SourceForm.TEXT


def parse_article(text: str, form: SourceForm | None = None, title: str | None = None) -> Article:
    """Parse article text of the given form (sniffed when None) into an `Article`."""
    form = form or detect_form(text)
    if form is SourceForm.WIKITEXT:
        from citeaudit.parse import wikitext as parser
    elif form is SourceForm.HTML:
        from citeaudit.parse import html as parser  # type: ignore[no-redef]
    else:
        from citeaudit.parse import text as parser  # type: ignore[no-redef]
    return parser.parse(text, title=title)
