"""Make untrusted text safe to put into Markdown: it renders as the same words, nothing more.

Article titles, sentences, citation fields and URLs come from pages anyone can edit. Put into a
report as they are, a `|` would split a table cell, a newline would end it, `[[x]]` or `*x*`
would turn into markup, and `<script>` would be raw HTML. Everything untrusted goes through
one of these functions:

- `text`: one line of plain text (whitespace collapsed; Markdown punctuation backslash-escaped;
  `<`, `>` and `&` as entities, so no renderer can see a tag).
- `url`: an `http`/`https` URL as an autolink `<...>`, with the characters an autolink or a
  table cannot hold percent-encoded; anything else is shown as text and is never a link.
- `code`: a code span whose fence is longer than any backtick run inside it.
- `code_block`: a fenced block of lines, its fence likewise longer than any run inside.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_WHITESPACE = re.compile(r"\s+")
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\u200b\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
"""Control characters (C0 and C1, bar the whitespace ones), the zero-width space, and the
bidirectional overrides and isolates that could make text read backwards (joiners and the
left-to-right and right-to-left marks stay: Persian, Indic scripts and emoji need them), and
lone surrogates (JSON may carry them; no file can hold them)."""
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]|~$#])")
"""What makes markup anywhere in a line (`(`, `!`, `:` only matter after or before a `[`)."""
_LINE_START_MARKUP = re.compile(r"^([-+=])")
"""What makes markup only at the start of a line (list items, setext underlines)."""
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_LIST_NUMBER = re.compile(r"^(\d+)([.)])")
_URL_UNSAFE = re.compile(
    r"[\x00-\x20\x7f-\x9f<>\"`'|\\{}^\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
"""What an autolink or a table cannot hold, and what could disguise a URL (C1 controls, bidi
overrides, zero-width characters): all percent-encoded."""


def one_line(value: str) -> str:
    """The text with every run of whitespace (newlines too) made one space, invisibles removed."""
    return _WHITESPACE.sub(" ", _INVISIBLE.sub("", value)).strip()


def text(value: str | None) -> str:
    """Plain text that renders as itself on one line, in a paragraph, a list or a table cell."""
    if not value:
        return ""
    line = one_line(value)
    line = "".join(_ENTITIES.get(ch, ch) for ch in line)
    line = _MARKDOWN_PUNCTUATION.sub(r"\\\1", line)
    line = _LINE_START_MARKUP.sub(r"\\\1", line)
    return _LIST_NUMBER.sub(r"\1\\\2", line)


def is_web_url(value: str | None) -> bool:
    """Whether the value is an `http` or `https` URL with a host (the only kind we link)."""
    if not value:
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def url(value: str | None) -> str:
    """An autolink for an http(s) URL; any other value as inert text."""
    if not value:
        return ""
    if not is_web_url(value):
        return text(value)
    return f"<{_percent_encode(value.strip())}>"


def link(label: str, target: str | None) -> str:
    """`[label](<target>)` for an http(s) target, else the escaped label alone."""
    if not is_web_url(target):
        return text(label)
    return f"[{text(label)}](<{_percent_encode(target.strip())}>)"  # type: ignore[union-attr]


def code(value: str, in_table: bool = False) -> str:
    """A code span showing `value` literally, on one line.

    In a table cell a `|` must be escaped even inside a code span (GFM splits cells first and
    drops the backslash); anywhere else the backslash would show, so it is added only there.
    """
    line = one_line(value)
    longest = max((len(run) for run in re.findall(r"`+", line)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if line.startswith("`") or line.endswith("`") or not line.strip() else ""
    if in_table:
        line = line.replace("|", "\\|")
    return f"{fence}{padding}{line}{padding}{fence}"


def code_block(lines: list[str], language: str = "") -> str:
    """A fenced code block showing the lines literally (invisible characters removed)."""
    shown = [_INVISIBLE.sub("", line) for line in lines]
    longest = max((len(run) for line in shown for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return "\n".join([fence + language, *shown, fence])


def _percent_encode(value: str) -> str:
    # Besides `_URL_UNSAFE`, whatever does not print (soft hyphens, tag characters, private use,
    # unassigned code points) is encoded: a URL is shown exactly, or not at all.
    return "".join(
        _encoded(character)
        if _URL_UNSAFE.match(character) or not character.isprintable()
        else character
        for character in value
    )


def _encoded(character: str) -> str:
    # `surrogatepass`: a lone surrogate (JSON from an API may carry one) is encoded, not raised.
    return "".join(f"%{byte:02X}" for byte in character.encode("utf-8", "surrogatepass"))
