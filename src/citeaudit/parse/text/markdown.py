"""Markdown renderings of a Wikipedia page, read back into plain lines.

Python's `html2text` and `markdownify`, and pandoc's `markdown` and `gfm` writers, turn a page
into Markdown: ATX (`## History`) or setext (`History` over `-------`) headings, links as
`[text](url "title")`, emphasis, backslash escapes, pipe tables; pandoc adds attribute blocks
(`{#id .class}`), bracketed spans (`[text]{.class}`), fenced divs (`:::`), raw HTML and
`--` for an en dash. `markdown_line` turns one logical line into the plain text a reader would
see, with each link's target kept as a link mark (`layout.link_mark`) where the link stood, so
that a reference entry keeps the URL it cites. Every pattern is bounded and works line by line.
"""

from __future__ import annotations

import itertools
import re

from citeaudit.parse.text.layout import link_mark

_ESCAPABLE = "\\`*_{}[]()#+-.!<>\"'$|~^&"
_PLACEHOLDER_BASE = 0xF0000  # supplementary private use: never in a rendering
_UNESCAPE = {_PLACEHOLDER_BASE + index: char for index, char in enumerate(_ESCAPABLE)}
"""The placeholders of escaped characters back to the characters."""
_ESCAPE = re.compile(r"\\([" + re.escape(_ESCAPABLE) + "])")
_HARD_SPACE = re.compile(r"\\ ")
_ATTRIBUTE_BLOCK = r"\{(?=[#.]|[\w-]{1,40}=)(?:[^{}\"\n]|\"[^\"\n]{0,5000}\"){0,5000}\}"
"""pandoc's `{#id .class key="value"}`; a quoted value may hold braces (Parsoid's JSON)."""
_ATTRIBUTES = re.compile(rf"(?<!\]){_ATTRIBUTE_BLOCK}")
_SPAN = re.compile(rf"\[([^\[\]\n]{{0,20000}})\]{_ATTRIBUTE_BLOCK}")
"""`[text]{.class}`; a span may hold a whole reference entry (pandoc wraps Parsoid's in two)."""
_IMAGE = re.compile(
    r"!\[(?:[^\[\]\n]|\[[^\[\]\n]{0,300}\]){0,500}\]\((?:[^()\s]|\([^()\s]{0,300}\)){0,2000}(?:\s+\"[^\"\n]{0,500}\")?\)"
)
_LINK = re.compile(
    r"\[((?:[^\[\]\n]|\[[^\[\]\n]{0,300}\]){0,1000})\]"
    r"\(<?((?:[^()\s<>]|\([^()\s]{0,300}\)){1,2000})>?(?:\s+\"[^\"\n]{0,500}\")?\)"
)
_HTML_LINK = re.compile(
    r"<a\s[^>]{0,2000}?href=\"([^\"]{1,2000})\"[^>]{0,2000}>(.{0,2000}?)</a>", re.I
)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>\n]{0,2000}>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.{1,2000}?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.{1,2000}?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`{1,3}([^`\n]{1,2000}?)`{1,3}")
_SUPERSCRIPT = re.compile(r"\^(\S{1,2000}?)\^")
_ATX = re.compile(r"(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")
"""`## Title`; or `##` alone, when a converter wrapped the line right after the hashes."""
_IN_DESTINATION = re.compile(r"\]\(<?(?:[^\s()<>]|\([^\s()<>]*\))*(?:\([^\s()<>]*)?$")
"""Text that ends inside a link's target (`](/wiki/Rust_(prog`): a target holds no spaces."""
_GRID_BORDER = re.compile(r"\+(?:[-=:]{3,}\+)+[ \t]*")
_SETEXT = re.compile(r"(=+|-+)[ \t]*")
_FENCE = re.compile(r":::+.*|```.*|~~~.*")
_TABLE_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?|[+=:\- ]{6,}")
_PANDOC_DASHES = re.compile(r"(?<=[\w)\]\s])---?(?=[\w(\[\s])")


def is_atx_heading(line: str) -> re.Match[str] | None:
    """`## Title` (with pandoc's attributes allowed after the title)."""
    return _ATX.fullmatch(line.strip())


def is_setext_rule(line: str) -> str | None:
    """`===` (level 1) or `---` (level 2) under a title line; None for anything else."""
    match = _SETEXT.fullmatch(line.strip())
    if match is None:
        return None
    return "=" if match.group(1)[0] == "=" else "-"


def is_fence(line: str) -> bool:
    """A pandoc fenced div or a code fence: a line that shows nothing."""
    return _FENCE.fullmatch(line.strip()) is not None


def is_table_rule(line: str) -> bool:
    """The rule under a table's header (`|---|---|`) or a grid table's border."""
    return _TABLE_RULE.fullmatch(line.strip()) is not None


def heading_text(raw: str, pandoc_dashes: bool = False) -> str:
    """The text of a heading's title: inline Markdown and pandoc's `{#id}` taken away."""
    return " ".join(markdown_line(raw, keep_links=False, pandoc_dashes=pandoc_dashes).split())


def grid_tables(lines: list[str]) -> list[str]:
    """pandoc's grid tables with each row as one line of tab-separated cells.

    A grid table draws each row over as many lines as its tallest cell needs, between borders
    (`+----+----+`), so a cell's text is its column's slice of those lines. pandoc wraps a cell's
    text at spaces and cuts a word longer than the column (a link with its target, often) into
    pieces of the column's width at any character; such pieces are joined without a space, and
    so is a line that ends inside a link's target (`[English](/wiki/Ne`), which has no spaces.
    """
    out: list[str] = []
    columns: list[tuple[int, int]] | None = None
    row: list[str] = []
    for line in lines:
        border = _GRID_BORDER.fullmatch(line)
        if columns is not None and not border and line.lstrip().startswith("|"):
            row.append(line)
            continue
        if row and columns is not None:
            out.append("\t".join(_grid_cell(row, start, end) for start, end in columns))
            row = []
        columns = _grid_columns(line) if border else None
        out.append(line)
    if row and columns is not None:
        out.append("\t".join(_grid_cell(row, start, end) for start, end in columns))
    return out


def _grid_columns(border: str) -> list[tuple[int, int]]:
    """Where each column's text stands: inside its `+...+`, less one space of padding a side."""
    corners = [index for index, character in enumerate(border) if character == "+"]
    return [(left + 2, right - 1) for left, right in itertools.pairwise(corners)]


def _grid_cell(row: list[str], start: int, end: int) -> str:
    width = end - start
    pieces = [line[start:end].rstrip() for line in row]
    text = ""
    previous = ""
    for piece in pieces:
        if not piece.strip() or is_fence(piece):
            continue  # a fenced div's mark inside a cell (`::: plainlist`) shows nothing
        if text and (_is_cut(previous, piece, width) or _IN_DESTINATION.search(text[-2000:])):
            text += piece
        else:
            text += (" " if text else "") + piece.strip()
        previous = piece
    return text


def _is_cut(previous: str, piece: str, width: int) -> bool:
    """Whether `piece` goes on with a word that pandoc cut at the column's width.

    A piece of a cut word fills the column; a full line with no space in it is such a piece, and
    so is a full line whose first word would have fitted on the line before (a wrap at a space
    would have put it there).
    """
    if len(previous) == width and " " not in previous:
        return True
    if len(piece) != width:
        return False
    first_word = piece.split(" ", 1)[0]
    return " " not in piece or len(previous) + 1 + len(first_word) <= width


def table_row(line: str) -> str:
    """A pipe-table row as the tab-separated cells a browser copy gives."""
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    return "\t".join(cells)


def markdown_line(line: str, keep_links: bool = True, pandoc_dashes: bool = False) -> str:
    """The visible text of one line of Markdown; link targets as link marks where kept."""
    text = _HARD_SPACE.sub(" ", line)
    text = _ESCAPE.sub(lambda m: chr(_PLACEHOLDER_BASE + _ESCAPABLE.index(m.group(1))), text)
    text = _IMAGE.sub("", text)
    text = _HTML_LINK.sub(lambda m: _linked(m.group(2), m.group(1), keep_links), text)
    text = _HTML_TAG.sub("", text)
    for _ in range(4):  # spans and links nest (`[[\[]{.cite-bracket}1...](url)`): innermost first
        before = text
        text = _SPAN.sub(r"\1", text)
        text = _ATTRIBUTES.sub("", text)
        text = _LINK.sub(lambda m: _linked(m.group(1), m.group(2), keep_links), text)
        if text == before:
            break
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _SUPERSCRIPT.sub(r"\1", text)
    if pandoc_dashes:
        text = _PANDOC_DASHES.sub(lambda m: "\u2014" if len(m.group()) == 3 else "\u2013", text)
    return text.translate(_UNESCAPE)


def _linked(text: str, target: str, keep_links: bool) -> str:
    url = target.replace("\\(", "(").replace("\\)", ")").replace("&amp;", "&")
    return (link_mark(url) if keep_links else "") + text
