"""Renderings of a whole Wikipedia page made by converters, read back into a reader's copy.

Much of the Wikipedia text in circulation was made by tools, not copied by a reader: crawls,
datasets and archives made with `html2text` (headings drawn as `***** History *****`, link
text with underscores), `lynx -dump` and `w3m -dump` (each link numbered `[12]`, the targets
listed at the end), pandoc and the Python Markdown converters (`## History`, `[text](url)`),
or plain dumps wrapped at a fixed width. `recognise` tells these families apart by their
structural marks, never by an article's words; `normalise` turns a rendering into the lines a
reader's copy has (one line per paragraph or list item, `[12]` markers, `^ a b` back-links),
with a heading mark where the rendering drew a heading's level and a link mark where it kept a
link's target, so that the text parser reads every family as one form.
"""

from __future__ import annotations

import enum
import itertools
import re
from dataclasses import dataclass

from citeaudit.parse.text.infobox import is_hatnote
from citeaudit.parse.text.inline import brackets, looks_like_marker
from citeaudit.parse.text.layout import (
    APPENDIX_TITLES,
    TAGLINE,
    bracket_as_text,
    heading_mark,
    link_mark,
    without_links,
)
from citeaudit.parse.text.markdown import (
    grid_tables,
    heading_text,
    is_atx_heading,
    is_fence,
    is_setext_rule,
    is_table_rule,
    markdown_line,
    table_row,
)


class Rendering(enum.Enum):
    """The family of tool a page's text came from."""

    READER_COPY = "reader-copy"
    """A browser's copy: one line per paragraph, headings followed by `[edit]`."""
    ASTERISKS = "html2text"
    """`html2text`: `****** Title ******`, one star fewer per level; `link_text` underscored."""
    MARKDOWN = "markdown"
    """Python `html2text`, `markdownify`, pandoc: `## Heading`, `[text](url)`."""
    NUMBERED_LINKS = "numbered-links"
    """`lynx -dump`, `w3m -dump`: `[12]` before each link, the targets listed at the end."""
    PLAIN_DUMP = "plain-dump"
    """Text wrapped at a fixed width with no marks: pandoc's plain writer, dumps without links."""


@dataclass(frozen=True)
class Normalised:
    """A rendering as reader-copy lines (with marks), and what was done to it."""

    rendering: Rendering
    lines: list[str]
    notes: list[str]


_ASTERISK_HEADING = re.compile(r"(\*{1,6}) (\S.{0,300}?) \1")
_LINK_LIST_HEAD = re.compile(r"\s*References:?\s*")
_LINK_LIST_ENTRY = re.compile(
    r"\s*\[?(\d{1,6})\]?\.?\s+((?:https?|ftp|file|mailto):[^\n]{1,2000}?)\s*"
)
"""`  12. https://...` (lynx) or `[12] https://...` (w3m); a target may hold spaces as written."""
_LINK_NUMBER = re.compile(r"\[(\d{1,6})\](?![\]])")
"""A link number; the link's text follows, after a line break where the dump wrapped there.
Each number stands once as a link number (tables put them out of order); a marker `[1]` is the
text of its own link, right after that link's number (see `_numbered_link_lines`)."""
_LIST_ITEM = re.compile(r"(\s*)((?:[*•·+‣◦▪□■○●☆★o-]|\d{1,5}[.)]|[a-z]{1,2}[.)])\s+)(?=\S)")
_ITEM_LABEL = re.compile(r"(\d{1,5}|[a-z]{1,2})[.)]")
_MARKDOWN_LINK = re.compile(r"\]\((?:https?:|\.{0,2}/|#)")
_HEADING_LIKE = re.compile(r"[A-Z0-9\"'“(].{0,120}")
_MARK = "(?:\x01[^\x01\x02\n]{0,2000}\x02)?"
_EDIT = re.compile(rf"\[\s*{_MARK}edit(?: source)?\s*\]|\[\[edit\]\([^)\n]{{0,2000}}\)\]")
_CSS_RULE = re.compile(
    r"\s*(?:\d{1,5}\.\s+)?\.mw-parser-output\b.{0,5000}|\s*[.#]?[\w-]{1,60}\{[\w-]{1,60}:[^{}]{0,1000}\}.{0,5000}"
)
_SUPERSCRIPT_PARENS = re.compile(r"\^\(([^()\n]{1,200})\)")
_SUPERSCRIPT_SIGN = re.compile(rf"\^(?={_MARK}(?:\[|[a-z]{{1,2}}(?:\s|$)))")
_UNDERSCORED = re.compile(r"(?<=[^\s_])_(?=[^\s_])")
_LYNX_BUTTON = re.compile(r"\(BUTTON\) ?")
_NUMBERED_ITEM = re.compile(r"(\s*)(\d{1,5})\.\s+(\S.*)")
_BACKLINK_NUMBERS = r"\d(?:\d| (?=\d))*+"
"""Back-link numbers, spaced (`1 2 3`) or glued (`123`): read once, never backtracked into
(a long run of digits tried as every split into numbers takes exponential time)."""
_OPENS_WITH_BACKLINKS = re.compile(r"[↑^]|" + _BACKLINK_NUMBERS + r"(?:\s|$)")
_BACKLINK_ONLY = re.compile(
    r"(\s*\d{1,5}\.\s+)([↑^]|" + _BACKLINK_NUMBERS + r"|(?:[a-z]{1,2} ){1,700}[a-z]{1,2})\s*"
)
_ASTERISK_HEADING_LINE = re.compile(r"^[ \t]*(\*{1,6}) \S[^\n]{0,300}? \1[ \t]*$", re.M)
_LINK_LIST_LINE = re.compile(r"^[ \t]*\[?\d{1,6}\]?\.?[ \t]+(?:https?|ftp|file):", re.M)
_ATX_LINE = re.compile(r"^#{1,6}[ \t]+\S", re.M)
_RULE_LINE = re.compile(r"^[ 	]*(?:={3,}|-{3,})[ 	]*$", re.M)
_LONG_LINE = re.compile(r"^[^\n]{40,}$", re.M)
_BROKEN_LINE = re.compile(r"^[^\n]{40,}\n[ \t]*[a-z]", re.M)
_CONTENTS_ENTRY = re.compile(r"\d{1,3}(?:\.\d{1,3}){0,5}\s+(\S.{0,300})")
_IMAGE_PLACEHOLDER = re.compile(r"\[[^\[\]]{1,300}\]")
MIN_CONTENTS_ENTRIES = 3
MIN_WRAPPED_LINES = 5
MIN_MARKDOWN_LINKS = 5
WRAP_SAMPLE = 200_000
MIN_MARKS = 2
"""Two marks of a family (two asterisk headings, two `##` lines) are enough to name it."""


def recognise(text: str) -> Rendering:
    """The family of the rendering, from its structural marks.

    Each mark is searched for with one regex over the text, stopping as soon as enough are
    found; whether lines are wrapped is judged on the first `WRAP_SAMPLE` characters (a
    converter wraps the whole page alike).
    """
    if _found(_ASTERISK_HEADING_LINE, text, MIN_MARKS) >= MIN_MARKS:
        return Rendering.ASTERISKS
    if _LINK_LIST_LINE.search(text) and _link_list_start(text.split("\n")) is not None:
        return Rendering.NUMBERED_LINKS
    headings = _found(_ATX_LINE, text, MIN_MARKS) + _setext_headings(text, MIN_MARKS)
    if (
        headings >= MIN_MARKS
        or _found(_MARKDOWN_LINK, text, MIN_MARKDOWN_LINKS) >= MIN_MARKDOWN_LINKS
    ):
        return Rendering.MARKDOWN
    if _is_wrapped_text(text[:WRAP_SAMPLE]):
        return Rendering.PLAIN_DUMP
    return Rendering.READER_COPY


def _setext_headings(text: str, enough: int) -> int:
    """How many `Title` lines underlined with `===` or `---` stand alone (counting to `enough`)."""
    count = 0
    for rule in _RULE_LINE.finditer(text):
        lines = text[max(0, rule.start() - 600) : rule.start()].split("\n")[-3:-1]
        if len(lines) == 2 and not lines[0].strip() and lines[1].strip():
            count += 1
            if count == enough:
                break
    return count


def _found(pattern: re.Pattern[str], text: str, enough: int) -> int:
    """How many matches, counting no further than `enough`."""
    return sum(1 for _ in itertools.islice(pattern.finditer(text), enough))


def normalise(text: str, rendering: Rendering) -> Normalised:
    """The rendering as the lines of a reader's copy, with heading and link marks."""
    lines = text.split("\n")
    notes = [f"Read as a converter rendering ({_DESCRIPTIONS[rendering]})."]
    if rendering is Rendering.ASTERISKS:
        lines = _asterisk_lines(lines)
    elif rendering is Rendering.NUMBERED_LINKS:
        lines = _numbered_link_lines(lines)
    elif rendering is Rendering.MARKDOWN:
        lines = _markdown_lines(lines, pandoc="{#" in text or "\n:::" in text)
    else:
        lines = _reflow(lines, blank_separated=True)
    lines = _join_split_items(
        [_common(line) for line in lines],
        breaks_at_inline_styles=rendering is Rendering.ASTERISKS,
    )
    lines = [line for line in lines if not _CSS_RULE.fullmatch(line)]
    if rendering in (Rendering.NUMBERED_LINKS, Rendering.MARKDOWN):
        lines = _unlinked_brackets_as_text(lines)
    if rendering is not Rendering.MARKDOWN and rendering is not Rendering.ASTERISKS:
        lines = _mark_bare_headings(lines)
    return Normalised(rendering, lines, notes)


_DESCRIPTIONS = {
    Rendering.ASTERISKS: "html2text: headings drawn in asterisks give their levels",
    Rendering.MARKDOWN: "Markdown: `#` headings give their levels, links their targets",
    Rendering.NUMBERED_LINKS: "lynx or w3m dump: numbered links give their targets",
    Rendering.PLAIN_DUMP: "a plain dump wrapped at a fixed width",
    Rendering.READER_COPY: "a reader's copy",
}


def _common(line: str) -> str:
    """What every family prints alike: superscripts (`^[12]`, `^(a)`), edit links."""
    line = _SUPERSCRIPT_PARENS.sub(r"\1", line)
    line = _SUPERSCRIPT_SIGN.sub("", line)
    return _EDIT.sub("[edit]", line)


# --- html2text ------------------------------------------------------------------------------


def _asterisk_lines(lines: list[str]) -> list[str]:
    marked = []
    for line in lines:
        heading = _ASTERISK_HEADING.fullmatch(line.strip())
        if heading:
            title = _UNDERSCORED.sub(" ", heading.group(2))
            marked.append(heading_mark(7 - len(heading.group(1)), title))
        else:
            marked.append(_UNDERSCORED.sub(" ", line))
    return _reflow(marked, blank_separated=False)


# --- lynx and w3m ---------------------------------------------------------------------------


def _link_list_start(lines: list[str]) -> int | None:
    """Where the list of link targets begins (`References` then `1. https://...`), if any."""
    for index in range(len(lines) - 1, max(-1, len(lines) - 20000), -1):
        if not _LINK_LIST_HEAD.fullmatch(lines[index]):
            continue
        following = [line for line in lines[index + 1 : index + 8] if line.strip()]
        entries = sum(1 for line in following if _LINK_LIST_ENTRY.fullmatch(line))
        if entries >= 3:
            return index
    return None


def _numbered_link_lines(lines: list[str]) -> list[str]:
    start = _link_list_start(lines)
    targets: dict[str, str] = {}
    if start is not None:
        for line in lines[start + 1 :]:
            entry = _LINK_LIST_ENTRY.fullmatch(line)
            if entry:
                targets[entry.group(1)] = entry.group(2)
        lines = lines[:start]

    used: set[str] = set()
    body = []
    for line in _reflow([_LYNX_BUTTON.sub("", line) for line in lines], blank_separated=True):
        pieces: list[str] = []
        position = 0
        for match in _LINK_NUMBER.finditer(line):
            number = match.group(1)
            right_after_link = (
                pieces and position == match.start() and pieces[-1].startswith("\x01")
            )
            if right_after_link or number in used:
                continue  # a citation marker (`[80][1]`: the link's text), not a link number
            if number not in targets and line[match.end() : match.end() + 1] in ("", " "):
                continue
            # w3m numbers form fields too (`[16][ ]`) without listing them: dropped.
            pieces.append(line[position : match.start()])
            pieces.append(link_mark(targets[number]) if number in targets else "")
            position = match.end()
            used.add(number)
        pieces.append(line[position:])
        body.append("".join(pieces))
    return body


# --- Markdown -------------------------------------------------------------------------------


def _markdown_lines(lines: list[str], pandoc: bool) -> list[str]:
    if pandoc:
        lines = grid_tables(lines)
    marked: list[str] = []
    heading_continues: tuple[int, str] | None = None
    for index, line in enumerate(lines):
        if is_fence(line) or is_table_rule(line) and not _is_setext_under(lines, index):
            marked.append("")
            continue
        if heading_continues:
            if line.strip() and not is_atx_heading(line) and not _LIST_ITEM.match(line):
                level, title = heading_continues
                heading_continues = (level, f"{title} {line.strip()}")
                marked[-1] = heading_mark(level, heading_text(heading_continues[1], pandoc))
                continue
            heading_continues = None
        atx = is_atx_heading(line)
        if atx:
            # Python's html2text wraps a long heading line; the title runs to the blank line.
            title = atx.group(2) or ""
            heading_continues = (len(atx.group(1)), title)
            marked.append(heading_mark(len(atx.group(1)), heading_text(title, pandoc)))
            continue
        if _is_setext_under(lines, index):
            title = marked.pop()
            level = 1 if is_setext_rule(line) == "=" else 2
            marked.append(heading_mark(level, heading_text(title, pandoc)))
            continue
        if line.lstrip().startswith("|") and line.rstrip().endswith("|"):
            marked.append(table_row(line))
            continue
        marked.append(line)
    flowed = _reflow(marked, blank_separated=True, markdown=True)
    return [
        line if line.startswith("\x03") else markdown_line(line, pandoc_dashes=pandoc)
        for line in flowed
    ]


def _is_setext_under(lines: list[str], index: int) -> bool:
    rule = is_setext_rule(lines[index])
    if rule is None or index == 0 or len(lines[index].strip()) < 3:
        return False
    title = lines[index - 1].strip()
    alone = index < 2 or not lines[index - 2].strip()  # a one-line paragraph, not a wrapped tail
    # Converters underline the whole title; a shorter rule is a one-column table's (`Rust` `---`).
    underlined = len(lines[index].strip()) >= len(title)
    return (
        bool(title)
        and alone
        and underlined
        and not is_atx_heading(title)
        and not _LIST_ITEM.match(lines[index - 1])
    )


# --- Unwrapping -----------------------------------------------------------------------------


def _reflow(lines: list[str], blank_separated: bool, markdown: bool = False) -> list[str]:
    """One line per paragraph or list item, from text wrapped at a fixed width.

    A line continues the one before unless a blank line, a heading, a list item, a table row or
    an `[edit]` link stands between them, or the line before stopped short: shorter than the
    wrap width by more than this line's first word, which the converter would have put there
    (menus, titles, and paragraphs where the converter puts no blank line between them). The
    width is learnt from lines that certainly wrapped (the next one goes on in lower case), so
    it is hardly ever overestimated; a line indented past a list item's label, no further than
    its text, goes on with the item whatever its length (w3m indents an item's wrapped lines by
    four whatever the label's width). Where the converter puts no blank lines, a line indented less
    than its paragraph also starts a new one. A word broken after a hyphen (`978-1-4920-5254-`
    / `8`) is joined without a space. Text that is not wrapped is left as it is. In Markdown a
    paragraph runs to the next blank line whatever the lengths (CommonMark), so the width is not
    consulted there.
    """
    if not markdown and not _is_wrapped(lines):
        return lines
    width = _wrap_width(lines)
    out: list[str] = []
    current: list[str] = []
    indent = 0
    item_start: int | None = None
    """Where the label of the list item being read stands (its wrapped lines are indented more)."""
    inside: _OrderedItem | None = None
    previous = ""

    def flush() -> None:
        if current:
            out.append(_join(current))
            current.clear()

    for line in lines:
        stripped = line.strip()
        starts_block = (
            not stripped
            or stripped.startswith("\x03")
            or _EDIT.fullmatch(stripped) is not None
            or "\t" in line
            or _starts_item(line, inside)
            or bool(current)
            and not (item_start is not None and item_start < _indent(line) <= indent)
            and (
                not markdown
                and _ended_short(previous, stripped, width)
                or not blank_separated
                and _indent(line) < indent
            )
        )
        if starts_block:
            flush()
            if not stripped:
                out.append("")
                continue
            if stripped.startswith("\x03") or "\t" in line:
                out.append(stripped if "\t" not in line else line.strip("\n"))
                continue
            item = _LIST_ITEM.match(line)
            indent = item.end() if item else _indent(line)
            item_start = _indent(line) if item else None
            inside = _ordered_item(item)
        elif not current:
            indent = _indent(line)
            item_start = None
        current.append(stripped)
        previous = line.rstrip()
    flush()
    return out


@dataclass(frozen=True)
class _OrderedItem:
    """The label (`12`, `b`) of the list item a paragraph of a reflow is in, and its indent."""

    label: str
    marker_indent: int


def _ordered_item(item: re.Match[str] | None) -> _OrderedItem | None:
    label = _ITEM_LABEL.match(item.group(2)) if item else None
    if item is None or label is None:
        return None
    return _OrderedItem(label.group(1), len(item.group(1)))


def _starts_item(line: str, inside: _OrderedItem | None) -> bool:
    """Whether a list item starts at this line.

    Inside an ordered item, a line indented past the item's label that opens with a label
    other than the next one or a nested list's first (`2015. Archived from ...` under `109.`,
    `p. 5: We observe ...` under `236.`) is text the converter wrapped to the start of a line,
    not an item: as in CommonMark, where only a list starting at 1 may interrupt a paragraph.
    """
    item = _LIST_ITEM.match(line)
    if item is None:
        return False
    label = _ITEM_LABEL.match(item.group(2))
    if inside is None or label is None or len(item.group(1)) <= inside.marker_indent:
        return True
    return label.group(1) in ("1", "a", "i") or label.group(1) == _next_label(inside.label)


def _next_label(label: str) -> str | None:
    if label.isdigit():
        return str(int(label) + 1)
    return chr(ord(label) + 1) if len(label) == 1 and label < "z" else None


def _join(parts: list[str]) -> str:
    text = parts[0]
    for part in parts[1:]:
        if text.endswith("-") and len(text) > 1 and text[-2].isalnum():
            text += part
        else:
            text += " " + part
    return text


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _ended_short(previous: str, following: str, width: int) -> bool:
    if following[:1].islower():
        return False  # a paragraph does not start in lower case
    first_word = following.split(" ", 1)[0]
    return len(previous) + 1 + len(first_word) <= width


def _wrap_width(lines: list[str]) -> int:
    """About the longest line that certainly wrapped (the line after it goes on in lower case),
    leaving out the longest tenth: an odd long line must not make the width look larger."""
    lengths = sorted(
        len(line.rstrip())
        for line, following in zip(lines, lines[1:], strict=False)
        if line.strip() and following.strip()[:1].islower()
    )
    return lengths[(len(lengths) * 9) // 10] if lengths else 0


def _is_wrapped_text(text: str) -> bool:
    """`_is_wrapped` over a whole text, in two regex scans."""
    broken = len(_BROKEN_LINE.findall(text))
    return broken >= MIN_WRAPPED_LINES and broken >= 0.1 * len(_LONG_LINE.findall(text))


def _is_wrapped(lines: list[str]) -> bool:
    """Text wrapped at a fixed width: lines broken mid-sentence (the next goes on in lower case).

    A reader's copy has one line per paragraph, so its lines almost never go on in lower case.
    """
    long_lines = 0
    broken = 0
    for line, following in zip(lines, lines[1:], strict=False):
        if len(line.strip()) >= 40:
            long_lines += 1
            broken += following.strip()[:1].islower()
    return broken >= MIN_WRAPPED_LINES and broken >= 0.1 * long_lines


# --- After the family's own steps -----------------------------------------------------------


def _mark_bare_headings(lines: list[str]) -> list[str]:
    """Without `[edit]` links, a short line standing alone before a paragraph is a heading.

    Where the page has a numbered contents box, only lines it lists are (figure captions and
    hatnotes stand alone too); without one, captions next to an image placeholder (`[alt]`)
    and hatnotes ("Main article: X") are left out.
    """
    if any(_EDIT.search(line) for line in lines):
        return lines
    listed = _contents_titles(lines)
    marked = list(lines)
    for index in range(1, len(lines) - 2):
        line = lines[index].strip()
        alone = not lines[index - 1].strip() and not lines[index + 1].strip()
        if not alone or not _looks_like_heading(line):
            continue
        if listed and line.lower() not in listed and line.lower() not in APPENDIX_TITLES:
            continue
        if not listed and (_next_to_image(lines, index) or is_hatnote(line)):
            continue
        if len(lines[index + 2].strip()) > len(line) or listed:
            marked[index] = line + "\n[edit]"
    return [part for line in marked for part in line.split("\n")]


def _looks_like_heading(line: str) -> bool:
    return (
        _HEADING_LIKE.fullmatch(line) is not None
        and len(line.split()) <= 12
        and not line.endswith((".", ",", ";", ":", "!", "?", "]"))
        and line != TAGLINE
        and _LIST_ITEM.match(line) is None
    )


def _contents_titles(lines: list[str]) -> set[str]:
    """The titles a numbered contents box lists (`1 History`, `1.1 Early years`), lower-cased."""
    titles = set()
    for line in lines:
        entry = _CONTENTS_ENTRY.fullmatch(_LIST_ITEM.sub("", without_links(line), count=1).strip())
        if entry:
            titles.add(" ".join(entry.group(1).split()).lower())
    return titles if len(titles) >= MIN_CONTENTS_ENTRIES else set()


def _next_to_image(lines: list[str], index: int) -> bool:
    neighbours = [
        line.strip()
        for line in (*lines[max(0, index - 3) : index], *lines[index + 1 : index + 4])
        if line.strip()
    ]
    near = neighbours[-1:] + neighbours[:1] if neighbours else []
    return any(_IMAGE_PLACEHOLDER.fullmatch(line) for line in near)


def _unlinked_brackets_as_text(lines: list[str]) -> list[str]:
    """Where the rendering links its citation markers, a bracketed number with no link is text.

    A marker is always a link to its entry: `lynx` and `w3m` print the link's number right
    before it (`[436][74]`), the Markdown converters write it as a link (`[[3]](#cite_note-3)`),
    so its bracket stands right after a link mark. When most marker-shaped brackets of the page
    do, the others are text that merely looks like markers: a number quoted in a source
    (`reordering [82]`), an index in a code block (`array[2]`). A rendering that dropped the
    markers' links (a converter told to ignore links) keeps all its brackets as they are.
    """
    linked = unlinked = 0
    for line in lines:
        for bracket in brackets(line):
            if looks_like_marker(bracket.group(1)):
                if _is_linked(line, bracket):
                    linked += 1
                else:
                    unlinked += 1
    if linked <= unlinked:
        return lines
    return [_unlinked_as_text(line) if "[" in line else line for line in lines]


def _is_linked(line: str, bracket: re.Match[str]) -> bool:
    """Whether the bracket is a link's text: a link mark stands right before it (a wrapped dump
    leaves a space), or it stands inside the brackets of a Markdown link that could not be read
    whole (`[[5]](htt`, `[[8]`, `[n 1]](#cite_note-2)`: a grid table cut the link's target or
    its text's brackets apart)."""
    start, end = bracket.start(), bracket.end()
    if line[max(0, start - 8) : start].rstrip(" ").endswith("\x02"):
        return True
    return line[start - 1 : start] == "[" or line[end : end + 2] == "]("


def _unlinked_as_text(line: str) -> str:
    pieces: list[str] = []
    position = 0
    for bracket in brackets(line):
        if looks_like_marker(bracket.group(1)) and not _is_linked(line, bracket):
            pieces += [line[position : bracket.start()], bracket_as_text(bracket.group(1))]
            position = bracket.end()
    return "".join(pieces) + line[position:]


def _join_split_items(lines: list[str], breaks_at_inline_styles: bool) -> list[str]:
    """Entries of a numbered list that a converter printed in pieces are one item each again.

    `html2text` splits an entry of Parsoid's reference list in two, the back-links and the
    text (`3. ↑`, `4. text`; `5. 12`, `6. text`), and closes an item at a `<style>` inside it
    (MediaWiki puts one in the first citation of each kind), printing the style sheet as an item
    of its own and the rest of the text as the next item; it counts every piece. It closes an
    item at a `<link>` to a style sheet too (later citations of the same kind), printing
    nothing there: where the items of a list open with back-links, an item that does not (after
    the halves are joined) is the rest of the entry before it. Once the
    pieces are joined, every item of the list (blank lines do not end it) is numbered again from
    its first label, the entries it did not split too.
    """
    out: list[str] = []
    for is_list, run in itertools.groupby(lines, key=_in_numbered_list):
        block = list(run)
        joined = _joined_halves(_joined_around_styles(block)) if is_list else block
        if is_list and breaks_at_inline_styles:
            joined = _joined_rests(joined)
        out.extend(_renumbered(joined) if len(joined) < len(block) else block)
    return out


def _in_numbered_list(line: str) -> bool:
    return not line.strip() or _NUMBERED_ITEM.match(line) is not None


def _joined_around_styles(block: list[str]) -> list[str]:
    """`14. Text`, `15. .mw-parser-output ...{...}`, `16. rest of text`: one item."""
    out: list[str] = []
    after_style = False
    for line in block:
        item = _NUMBERED_ITEM.match(line)
        if item and out and _NUMBERED_ITEM.match(out[-1]) and _CSS_RULE.fullmatch(item.group(3)):
            after_style = True
        elif item and after_style:
            out[-1] = f"{out[-1]} {item.group(3)}"
            after_style = False
        else:
            out.append(line)
            after_style = False
    return out


def _joined_halves(block: list[str]) -> list[str]:
    """`3. ↑`, `4. text`: one item."""
    out: list[str] = []
    index = 0
    while index < len(block):
        backlinks = _BACKLINK_ONLY.fullmatch(block[index])
        following = block[index + 1] if index + 1 < len(block) else ""
        item = _NUMBERED_ITEM.match(following)
        if backlinks and item:
            marks = _spaced_backlinks(backlinks.group(2))
            out.append(f"{backlinks.group(1)}{marks} {item.group(3)}")
            index += 2
            continue
        out.append(block[index])
        index += 1
    return out


def _joined_rests(block: list[str]) -> list[str]:
    """`5. ^ a b "Title". Work.`, `6. Text after the style link.`: one item."""
    items = [item for item in map(_NUMBERED_ITEM.match, block) if item]
    opening = sum(1 for item in items if _OPENS_WITH_BACKLINKS.match(item.group(3)))
    if opening * 2 <= len(items):
        return block
    out: list[str] = []
    for line in block:
        item = _NUMBERED_ITEM.match(line)
        previous = _NUMBERED_ITEM.match(out[-1]) if out else None
        if item and previous and not _OPENS_WITH_BACKLINKS.match(item.group(3)):
            out[-1] = f"{out[-1]} {item.group(3)}"
            continue
        out.append(line)
    return out


def _renumbered(block: list[str]) -> list[str]:
    numbers = itertools.count(next(int(m.group(2)) for m in map(_NUMBERED_ITEM.match, block) if m))
    return [
        f"{item.group(1)}{next(numbers)}.{line[item.end(2) + 1 :]}"
        if (item := _NUMBERED_ITEM.match(line))
        else line
        for line in block
    ]


def _spaced_backlinks(marks: str) -> str:
    """`↑`, or the numbers of a run glued together (`12345678910`) spaced out (`1 2 3 ... 10`)."""
    if not marks.replace(" ", "").isdigit():
        return marks
    glued = marks.replace(" ", "")
    numbers, position, expected = [], 0, 1
    while position < len(glued) and glued.startswith(str(expected), position):
        numbers.append(str(expected))
        position += len(str(expected))
        expected += 1
    return " ".join(numbers) if position == len(glued) and len(numbers) > 1 else "↑"
