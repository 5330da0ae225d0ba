"""The spans of HTML that hold no sentence's words, for finding sentences back in it.

Tags (their attributes hold link targets, titles and Parsoid's `data-mw`), comments, scripts
and styles, and citation markers (`[1]`) are cut out before the words of the article's
sentences are looked for in the page (`citeaudit.parse.positions`); a block element's tag is
left as a paragraph break, which no sentence runs across. Headings are the `<h1>` to `<h6>`
elements.
"""

from __future__ import annotations

import re

from citeaudit.parse.positions import MaskedText, element_spans

_CUT = re.compile(
    r"(<!--.*?(?:-->|\Z)"
    r"|<(script|style)\b[^<>]*>.*?</\2\s*>"
    r"|<sup\b[^<>]*\bclass=[\"'][^\"']*\breference\b[^<>]*>.*?</sup\s*>"
    r"|<(?:(/?(?:p|div|table|tr|td|th|li|ul|ol|dl|dd|dt|h[1-6]|section|blockquote|figure"
    r"|figcaption|caption|br)\b)|)[^<>]*>)",
    re.S,
)
"""What is cut, in one pass: a comment (one never closed runs to the end), a script or style,
a citation marker, each with what it holds; a block element's tag (the third group holds its
name); any other tag. A script or style never closed is only its tag. Names are matched in
lower case, as MediaWiki writes them: matching case-blind costs half the parse's budget."""
_GROUPS = 3
_TAG = re.compile(r"<[^<>]*>")


def masked_html(text: str) -> MaskedText:
    """`text` without what holds no sentence's words."""
    pieces = _CUT.split(text)
    stride = _GROUPS + 1
    return MaskedText.from_pieces(
        pieces[0::stride],
        pieces[1::stride],
        ["\n\n" if block else " " for block in pieces[3::stride]],
    )


_HEADING = re.compile(r"<(h[1-6])\b[^<>]*>")


def heading_elements(text: str) -> list[tuple[int, str]]:
    """Every `<h1>`..`<h6>` element: where it starts, and its text."""
    return [(start, _TAG.sub(" ", text[start:end])) for start, end in element_spans(text, _HEADING)]
