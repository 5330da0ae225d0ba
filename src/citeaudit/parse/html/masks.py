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
    r"|<script\b(?=[^<]*>)[^>]*>.*?</script\s*>"
    r"|<style\b(?=[^<]*>)[^>]*>.*?</style\s*>"
    r"|<sup\b[^<>]*?\bclass=[\"'][^\"']*\breference\b(?=[^<]*>)[^>]*>.*?</sup\s*>"
    r"|<(?:(/?(?:p|div|table|tr|td|th|li|ul|ol|dl|dd|dt|h[1-6]|section|blockquote|figure"
    r"|figcaption|caption|br)\b)|)(?=[^<]*>)[^>]*>)",
    re.S,
)
"""What is cut, in one pass: a comment (one never closed runs to the end), a script or style,
a citation marker, each with what it holds; a block element's tag (the second group holds its
name); any other tag. A script or style never closed is only its tag. Names are matched in
lower case, as MediaWiki writes them: matching case-blind costs half the parse's budget. A
citation marker's `class` is looked for from the tag's start (a lazy repeat): Parsoid writes it
before the long `data-mw`, which a greedy repeat would step back over. A tag runs to the first
`>` with no `<` before it, written `(?=[^<]*>)[^>]*>` rather than `[^<>]*>`: the same match, but
a class of one excluded character is scanned by the engine's fast loop, and a tag's attributes
are most of a Parsoid page."""
_GROUPS = 2
_TAG = re.compile(r"<[^<>]*>")


def masked_html(text: str) -> MaskedText:
    """`text` without what holds no sentence's words."""
    pieces = _CUT.split(text)
    stride = _GROUPS + 1
    blocks = pieces[_GROUPS::stride]
    return MaskedText.from_pieces(
        pieces[0::stride], pieces[1::stride], list(map(_LEFT.__getitem__, map(bool, blocks)))
    )


_LEFT = {True: "\n\n", False: " "}
"""What a cut span leaves: a paragraph break for a block element's tag, else a space."""


_HEADING = re.compile(r"<(h[1-6])\b[^<>]*>")


def heading_elements(text: str) -> list[tuple[int, str]]:
    """Every `<h1>`..`<h6>` element: where it starts, and its text. Its closing tag is found in
    lower case, as MediaWiki writes it (as for `_CUT`)."""
    return [
        (start, _TAG.sub(" ", text[start:end]))
        for start, end in element_spans(text, _HEADING, case_blind=False)
    ]
