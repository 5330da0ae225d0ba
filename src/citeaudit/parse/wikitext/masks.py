"""The spans of wikitext that hold no sentence's words, for finding sentences back in it.

Reference bodies, comments, templates (an infobox is one), tables, reference lists, code and
formulas, and file links print no running text, or none that a sentence is made of; cut out,
their words cannot be taken for a sentence's (`citeaudit.parse.positions`). Templates and
links nest, so they are paired by a bracket count, not by a pattern; an opener that is never
closed masks nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from citeaudit.parse.positions import element_spans, line_headings
from citeaudit.parse.wikitext.guard import opens_line

_SELF_CLOSED_REF = re.compile(r"<ref\b[^<>]*/>", re.I)
_ELEMENTS = re.compile(
    r"<!--|<(ref|references|syntaxhighlight|source|pre|math|chem|score|timeline|gallery)\b[^<>]*>",
    re.I,
)
"""Comments, and the elements whose content is no sentence's."""
_BRACES = re.compile(r"\{\{|\}\}")
_TABLE_MARK = re.compile(r"\{\||\|\}")
"""Each pattern opens with a literal character, so that the regular-expression engine skips
to candidates (see `citeaudit.parse.wikitext.guard`)."""
_HEADING_LINE = re.compile(r"\s*=")
"""A heading stands on a line that opens with `=`."""


def spans_without_sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of `text` that no sentence's words come from."""
    spans = [match.span() for match in _SELF_CLOSED_REF.finditer(text)]
    spans += element_spans(text, _ELEMENTS)
    spans += _paired(_BRACES.finditer(text), "{{")
    spans += _paired(_table_marks(text), "{|")
    spans += _file_links(text)
    return spans


def _paired(matches: Iterable[re.Match[str]], opener: str) -> list[tuple[int, int]]:
    """The outermost spans from an `opener` to its matching closer, among `matches` of both."""
    spans: list[tuple[int, int]] = []
    opened: list[int] = []
    for match in matches:
        if match.group() == opener:
            opened.append(match.start())
        elif opened:
            start = opened.pop()
            if not opened:
                spans.append((start, match.end()))
    return spans


def _table_marks(text: str) -> Iterator[re.Match[str]]:
    """`{|` and `|}` where they open a table and close one: at the start of a line."""
    for match in _TABLE_MARK.finditer(text):
        indent = " \t:" if match.group() == "{|" else " \t"
        if opens_line(text, match.start(), indent):
            yield match


def _file_links(text: str) -> list[tuple[int, int]]:
    """`[[File:...]]` and `[[Image:...]]`, whose captions may hold links of their own."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for match in re.finditer(r"\[\[(\s*(?:file|image)\s*:)?|\]\]", text, re.I):
        if match.group().startswith("[["):
            if depth:
                depth += 1
            elif match.group(1):
                depth, start = 1, match.start()
        elif depth:
            depth -= 1
            if not depth:
                spans.append((start, match.end()))
    return spans


def heading_lines(text: str) -> list[tuple[int, str]]:
    """The lines a heading may stand on (those that open with `=`), with where they start."""
    return line_headings(text, _HEADING_LINE)
