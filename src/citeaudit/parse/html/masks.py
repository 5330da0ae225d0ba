"""The spans of HTML that hold no sentence's words, for finding sentences back in it.

Tags (their attributes hold link targets, titles and Parsoid's `data-mw`), comments, scripts
and styles, and citation markers (`[1]`) are cut out before the words of the article's
sentences are looked for in the page (`citeaudit.parse.positions`); headings are the `<h1>`
to `<h6>` elements.
"""

from __future__ import annotations

import re

from citeaudit.parse.positions import element_spans

_ELEMENTS = re.compile(
    r"<!--|<(script|style)\b[^<>]*>|<(sup)\b[^<>]*\bclass=[\"'][^\"']*\breference\b[^<>]*>",
    re.I,
)
"""Comments, scripts, styles and citation markers: cut out with what they hold."""
_TAG = re.compile(r"<[^<>]*>")


_BLOCK_TAG = re.compile(
    r"</?(?:p|div|table|tr|td|th|li|ul|ol|dl|dd|dt|h[1-6]|section|blockquote|figure|figcaption"
    r"|caption|br)\b[^<>]*>",
    re.I,
)


def spans_without_sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of `text` that no sentence's words come from."""
    return element_spans(text, _ELEMENTS) + [match.span() for match in _TAG.finditer(text)]


def block_breaks(text: str) -> list[tuple[int, int]]:
    """The tags of block elements: no sentence runs across one."""
    return [match.span() for match in _BLOCK_TAG.finditer(text)]


_HEADING = re.compile(r"<(h[1-6])\b[^<>]*>", re.I)


def heading_elements(text: str) -> list[tuple[int, str]]:
    """Every `<h1>`..`<h6>` element: where it starts, and its text."""
    return [(start, _TAG.sub(" ", text[start:end])) for start, end in element_spans(text, _HEADING)]
