"""The layout of text copied off a rendered article: skin chrome, title, headings, lists.

A copy of a whole page carries the skin's chrome around the article (Vector 2022, legacy
Vector, MonoBook: "Jump to content", menus, the contents box, "From Wikipedia, the free
encyclopedia", `Retrieved from "..."`, categories, footer links). `split_page` finds the
title and the article's lines between that chrome, and reads the categories and the revision
from the footer. `read_blocks` turns the article's lines into headings (`Title` followed by
a line `[edit]`, or `Title[edit]` on one line as older skins print it), reference-list entries
(`  1. ^ a b "Title". ...`) and lines of running text. Everything is done line by line with
bounded patterns, in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citeaudit.model import Revision

TAGLINE = "From Wikipedia, the free encyclopedia"

# Marks a converter rendering leaves in its normalised lines (`text.converted`): a heading whose
# level the rendering kept, and the target of a link where the link stood. Control characters
# that no article text holds (`parse` removes them from the input first).
_HEADING_MARK = "\x03"
_LINK_START, _LINK_END = "\x01", "\x02"
_LINK_MARK = re.compile("\x01([^\x01\x02\n]{0,2000})\x02")
TEXT_BRACKET_MARK = "\x04"
"""Put inside a bracket (`[\x0482]`) that the rendering shows to be text, not a citation marker."""
MARK_CHARACTERS = re.compile("[\x01\x02\x03\x04]")


def heading_mark(level: int, title: str) -> str:
    """The line of a heading whose level the rendering kept."""
    return f"{_HEADING_MARK}{level}{title}"


def link_mark(url: str) -> str:
    """A link's target, kept at the place of the link."""
    return f"{_LINK_START}{url}{_LINK_END}"


def links_in(text: str) -> list[str]:
    """The link targets marked in a line, in order."""
    return _LINK_MARK.findall(text)


def without_links(text: str) -> str:
    return _LINK_MARK.sub("", text) if _LINK_START in text else text


def bracket_as_text(inner: str) -> str:
    """A bracket the rendering shows to be text (`[82]` quoted in a source, `array[2]`)."""
    return f"[{TEXT_BRACKET_MARK}{inner}]"


def without_text_marks(text: str) -> str:
    """The text as the page shows it, without the marks of brackets that are text."""
    return text.replace(TEXT_BRACKET_MARK, "")


# Lines of skin chrome, as a copy of the whole page prints them (menus, tabs, tools, footer).
CHROME_LINES = frozenset(
    item.strip()
    for item in """
    Jump to content|Jump to navigation|Jump to search|Jump to navigation Jump to search
    |Main menu|move to sidebar|hide|show|[hide]|[show]|Navigation|Main page|Contents
    |Current events|Random article|About Wikipedia|Contact us|Donate|Contribute|Help
    |Learn to edit|Community portal|Recent changes|Upload file|Special pages|Search
    |Search Wikipedia|Appearance|Create account|Log in|Personal tools|Not logged in
    |Pages for logged out editors learn more|Contributions|Talk|(Top)|Toggle the table of contents
    |Article|Article Talk|Read|Edit|View source|View history|Read Edit View history
    |Read View source View history|Edit links|Tools|Actions|General|What links here
    |Related changes|Permanent link|Page information|Cite this page|Get shortened URL
    |Download QR code|Wikidata item|Print/export|Download as PDF|Printable version
    |In other projects|Wikimedia Commons|Add languages|Languages|English|Namespaces|Variants
    |Views|More|History|Toolbox|Interaction|Navigation menu|Add topic|Text|Small|Standard
    |Large|Width|Wide|Color (beta)|Automatic|Light|Dark|Privacy policy|Disclaimers
    |Contact Wikipedia|Code of Conduct|Developers|Statistics|Cookie statement|Mobile view
    |Wikimedia Foundation|Powered by MediaWiki|Wikipedia The Free Encyclopedia
    |Listen to this article
    """.split("|")
)
# The chrome a copy can carry inside the article's own part (older skins put the "Jump to" links
# and the contents box there); words such as "History" or "Contents" are headings there.
_CONTENT_CHROME_LINES = frozenset(
    {
        "Jump to content",
        "Jump to navigation",
        "Jump to search",
        "Jump to navigation Jump to search",
        "Toggle the table of contents",
        "hide",
        "show",
        "[hide]",
        "[show]",
        "Listen to this article",
        TAGLINE,
    }
)
_CHROME_PATTERN = re.compile(
    r"\d{1,3} languages?|Toggle .{1,300} subsection|\(Redirected from .{1,300}\)"
    r"|Coordinates: .{1,200}"
)
_FOOTER = re.compile(
    r"Retrieved from [\"“]|Categor(?:y|ies):|Hidden categor(?:y|ies):|Navigation menu\s*$"
    r"|This page was last edited on |Text is available under the Creative Commons"
)
_REVISION = re.compile(r"Retrieved from [\"“]https?://([^/\s\"”]{1,100})/\S*?[?&]oldid=(\d{1,12})")
_EDIT = r"\[\s*(?:edit|edit source|view source)(?:\s*\|\s*edit source)?\s*\]"
_EDIT_LINE = re.compile(_EDIT)
_EDIT_SUFFIX = re.compile(rf"\s*{_EDIT}\s*$")
_HEADING_WITH_EDIT = re.compile(rf"(.{{1,300}}?)\s*{_EDIT}\s*")
_REFERENCE_LINE = re.compile(r"\s*(?:(\d{1,5}|[a-z]{1,3}|[A-Z]{1,3})\.\s*)?[\^↑]\s*(.*)")
_NUMBERED_BACKLINKS = re.compile(r"\s*(\d{1,5})\.\s+(1(?: \d{1,3}){1,700})\s+(\S.*)")
"""Parsoid prints an entry's back-links as numbers (`2. 1 2 "Title"...`) without an arrow."""
_GLUED_CATEGORY = re.compile(r"(?<=[a-z)])(?=[A-Z0-9])")
_TOC_ENTRY = re.compile(r"(\d{1,3}(?:\.\d{1,3}){0,5})\s*(\S.{0,300})")
_SECTION_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3}){0,5}")
_TOC_TOGGLE = re.compile(r"(?:^|\s)(?:\(BUTTON\) )?Toggle (.{1,300}) subsection$")
"""Vector 2022's button for a contents entry with subsections; a dump may run it into the entry."""
_NAVBOX_LINE = re.compile(r"v\s?[·•]?\s?t\s?[·•]?\s?e")
_NESTED_BULLET = re.compile(r"\s*[•·*▪◦‣□■○●☆★+o#@-]\s+")
MAX_NAVBOX_MARK = 16
"""A navbox's `v · t · e` (or its first letter) is a short line, bullet and indent included."""
_BULLET = re.compile(r"\s*[•·*▪◦‣-]\s+")
APPENDIX_TITLES = frozenset(
    item.strip()
    for item in """
    see also|references|notes|external links|further reading|bibliography|sources|citations
    |footnotes|notes and references|references and notes|works cited|explanatory notes
    """.split("|")
)
_LIST_SECTIONS = frozenset({"see also", "external links", "further reading", "bibliography"})


@dataclass
class Heading:
    title: str
    level: int = 2
    followed_by_heading: bool = False
    level_known: bool = False
    """The rendering drew the level (asterisks, `##`): nothing to infer."""


@dataclass
class TextLine:
    """A line of the article: `kind` is `text`, `list` (an item) or `table` (a row)."""

    text: str
    kind: str = "text"


@dataclass
class ReferenceLine:
    """An entry of a reference list: `label` as printed (None when the copy lost the number)."""

    label: str | None
    backlinks: int
    """How many back-link letters were printed (0: the entry is used once)."""
    citation: str
    """The entry's text; brackets that are text still carry their mark (`bracket_as_text`)."""
    raw: str
    marked: str = ""
    """The entry with the link marks the rendering kept (empty when it kept none)."""


Block = Heading | TextLine | ReferenceLine


@dataclass
class Page:
    """The article's part of a copied page, and what the chrome told about it."""

    title: str | None
    lines: list[str]
    categories: list[str] = field(default_factory=list)
    revision: Revision | None = None
    toc_entries: list[str] = field(default_factory=list)
    """The lines of a numbered contents box, in order: `4.1 2005 police raid`, or number and
    title run together as Vector 2022's sidebar copies (`2.2Heading`, `1.12006–2009: ...`)."""
    toc_parents: set[str] = field(default_factory=set)
    """Headings Vector 2022's contents box marks with "Toggle X subsection"."""


def is_chrome(line: str) -> bool:
    """Whether a line is skin chrome, anywhere on a copied page."""
    stripped = line.strip()
    return stripped in CHROME_LINES or _CHROME_PATTERN.fullmatch(stripped) is not None


def _is_content_chrome(line: str) -> bool:
    stripped = line.strip()
    return stripped in _CONTENT_CHROME_LINES or _CHROME_PATTERN.fullmatch(stripped) is not None


def split_page(text: str, title_hint: str | None = None) -> Page:
    """The title, the article's lines, and the footer's categories and revision."""
    lines = text.split("\n")
    stripped = [without_links(line).strip() for line in lines]
    tagline = stripped.index(TAGLINE) if TAGLINE in stripped else None
    before = [_unbulleted(without_links(line)) for line in stripped[: tagline or 0]]
    toc_parents = {match.group(1) for line in before if (match := _TOC_TOGGLE.search(line))}
    if tagline is not None:
        title = _title_before_tagline(stripped[:tagline], title_hint)
        start = tagline + 1
    else:
        title, start = _title_at_start(stripped, title_hint)
    end = next(
        (index for index in range(start, len(lines)) if _FOOTER.match(stripped[index])), len(lines)
    )
    body = [line for line in lines[start:end] if not _is_content_chrome(line)]
    body, toc_entries = _remove_numbered_toc(body)
    footer = stripped[end:]
    return Page(
        title=title,
        lines=body,
        categories=_categories(footer),
        revision=_revision(footer),
        toc_entries=_sidebar_toc(before) + toc_entries,
        toc_parents=toc_parents,
    )


def _title_before_tagline(before: list[str], hint: str | None) -> str | None:
    if hint and hint in before:
        return hint
    drawn = [line[2:].strip() for line in before if line.startswith(heading_mark(1, ""))]
    if drawn:
        return drawn[-1]  # the page's `<h1>`, as a converter drew it
    candidates = [line for line in before if line and not is_chrome(line)]
    if "Toggle the table of contents" in before:
        after_toggle = len(before) - 1 - before[::-1].index("Toggle the table of contents")
        following = [line for line in before[after_toggle + 1 :] if line and not is_chrome(line)]
        if following:
            return following[0]
    return candidates[-1] if candidates else hint


def _title_at_start(stripped: list[str], hint: str | None) -> tuple[str | None, int]:
    """Without the tagline, the first line is the title when it looks like one."""
    index = 0
    while index < len(stripped) and (
        not stripped[index] or (is_chrome(stripped[index]) and not _is_heading(stripped, index))
    ):
        index += 1
    if index == len(stripped):
        return hint, index
    line = stripped[index]
    if hint is not None:
        return (hint, index + 1) if line == hint else (hint, index)
    looks_like_title = (
        len(line) <= 200
        and not line.endswith((".", "!", "?", "]", ":"))
        and not _is_heading(stripped, index)
        and _HEADING_WITH_EDIT.fullmatch(line) is None
        and _REFERENCE_LINE.fullmatch(line) is None
        and _FOOTER.match(line) is None
    )
    return (line, index + 1) if looks_like_title else (None, index)


def _is_heading(stripped: list[str], index: int) -> bool:
    """Whether the line is followed by an `[edit]` line (a heading such as "History")."""
    following = next((line for line in stripped[index + 1 : index + 4] if line), "")
    return _EDIT_LINE.fullmatch(following) is not None


def _unbulleted(line: str) -> str:
    """The line without its list bullet (`*`, `•`, and lynx's nesting bullets `+`, `o`, `#`)."""
    bullet = _NESTED_BULLET.match(line)
    return line[bullet.end() :].strip() if bullet else line.strip()


def _sidebar_toc(before_tagline: list[str]) -> list[str]:
    """Numbered entries of Vector 2022's contents sidebar, which a copy puts before the title.

    The number may stand on a line of its own, the title on the next; the entries are matched
    to the article's headings later, so a line that only looks like one ("16 languages") is
    harmless.
    """
    entries: list[str] = []
    index = 0
    while index < len(before_tagline):
        line = before_tagline[index]
        if _SECTION_NUMBER.fullmatch(line) and index + 1 < len(before_tagline):
            entries.append(f"{line} {before_tagline[index + 1]}")
            index += 2
            continue
        if _SECTION_NUMBER.match(line):
            toggle = _TOC_TOGGLE.search(line)
            entries.append(line[: toggle.start()] if toggle else line)
        index += 1
    return entries


def _remove_numbered_toc(lines: list[str]) -> tuple[list[str], list[str]]:
    """Drop a contents box of older skins (`Contents`, `[hide]`, `1 Early life`, `4.1 ...`)."""
    for index, line in enumerate(lines):
        if line.strip() not in ("Contents", heading_mark(2, "Contents")):
            continue
        position = index + 1
        entries: list[str] = []
        while position < len(lines):
            current = _unbulleted(without_links(lines[position]))
            match = _TOC_ENTRY.fullmatch(current)
            if match:
                entries.append(current)
            elif current and current not in ("hide", "show", "[hide]", "[show]"):
                break
            position += 1
        if entries:
            return lines[:index] + lines[position:], entries
    return lines, []


def _categories(footer: list[str]) -> list[str]:
    """The categories of a `Categories: A | B` line, or of the lines after `Categories:`.

    Items glued together are split where a lower-case letter meets a capital, which cuts a
    name such as "McCarthy" too; pipes or one category a line are read exactly.
    """
    for index, line in enumerate(footer):
        match = re.match(r"Categor(?:y|ies):\s*(.*)", line)
        if not match:
            continue
        listed = match.group(1)
        if not listed:
            following = []
            for item in footer[index + 1 :]:
                if not item or is_chrome(item) or _FOOTER.match(item):
                    break
                following.append(item)
            return following
        if "|" not in listed:
            # A browser copies the inline list items glued: "1962 birthsLiving people".
            return [part.strip() for part in _GLUED_CATEGORY.split(listed) if part.strip()]
        return [part.strip() for part in listed.split("|") if part.strip()]
    return []


def _revision(footer: list[str]) -> Revision | None:
    for line in footer:
        match = _REVISION.match(line)
        if match:
            return Revision(site=match.group(1), revision_id=int(match.group(2)))
    return None


def read_blocks(lines: list[str]) -> list[Block]:
    """Headings, reference-list entries and lines of text, in order; navboxes dropped.

    Lines of a converter rendering may carry marks (`heading_mark`, `link_mark`): a marked
    heading keeps its level, and a reference entry keeps its links' targets.
    """
    marked, lines = lines, [without_links(line) for line in lines]
    has_edit_links = any(_EDIT_LINE.search(line) for line in lines)
    next_text = _next_non_blank(lines)
    blocks: list[Block] = []
    section = ""
    seen_reference = False
    for index, line in enumerate(lines):
        text = line.strip()
        if not text or _EDIT_LINE.fullmatch(text):
            continue
        if seen_reference and _starts_navbox(lines, index):
            break  # navboxes and authority control close the page, after the references
        if text.startswith(_HEADING_MARK):
            title = _EDIT_SUFFIX.sub("", text[2:]).strip()  # older skins: `History[edit]`
            blocks.append(Heading(without_text_marks(title), int(text[1]), level_known=True))
            section = title.lower()
            continue
        heading = _heading_title(text, lines, next_text[index], has_edit_links)
        if heading is not None:
            blocks.append(Heading(without_text_marks(heading)))
            section = heading.lower()
            continue
        reference = _reference_line(line)
        if reference is not None:
            reference.marked = marked[index] if links_in(marked[index]) else ""
            blocks.append(reference)
            seen_reference = True
            continue
        bullet = _BULLET.match(text)
        if "\t" in text:
            blocks.append(TextLine(text, "table"))  # a browser copies a table row with tabs
        elif bullet:
            blocks.append(TextLine(text[bullet.end() :], "list"))
        else:
            blocks.append(TextLine(text, "list" if section in _LIST_SECTIONS else "text"))
    for block, following in zip(blocks, blocks[1:], strict=False):
        if isinstance(block, Heading):
            block.followed_by_heading = isinstance(following, Heading)
    return blocks


def _next_non_blank(lines: list[str]) -> list[int | None]:
    following: list[int | None] = [None] * len(lines)
    upcoming: int | None = None
    for index in range(len(lines) - 1, -1, -1):
        following[index] = upcoming
        if lines[index].strip():
            upcoming = index
    return following


def _heading_title(
    text: str, lines: list[str], next_index: int | None, has_edit_links: bool
) -> str | None:
    match = _HEADING_WITH_EDIT.fullmatch(text)
    if match:
        return match.group(1) if _may_be_heading(match.group(1)) else None
    if next_index is not None and _EDIT_LINE.fullmatch(lines[next_index].strip()):
        return text if _may_be_heading(text) else None
    if not has_edit_links and text.lower() in APPENDIX_TITLES:
        return text  # a copy without edit links still has its appendix headings
    return None


def _may_be_heading(text: str) -> bool:
    """A sentence with an edit link (`{{Excerpt}}`'s "This section is an excerpt from X.") is not
    a heading: headings do not end with a period after several words."""
    return not (text.endswith(".") and len(text.split()) > 4)


def _starts_navbox(lines: list[str], index: int) -> bool:
    if len(lines[index]) > MAX_NAVBOX_MARK:
        return False
    text = _unbulleted(lines[index])
    if _NAVBOX_LINE.fullmatch(text):
        return True
    following = [_unbulleted(line) for line in lines[index : index + 3]]
    return following == ["v", "t", "e"]


def _reference_line(line: str) -> ReferenceLine | None:
    match = _REFERENCE_LINE.fullmatch(line)
    if not match:
        numbered = _NUMBERED_BACKLINKS.fullmatch(line)
        if numbered and numbered.group(2).split() == [
            str(n) for n in range(1, len(numbered.group(2).split()) + 1)
        ]:
            count = len(numbered.group(2).split())
            return ReferenceLine(
                numbered.group(1),
                count,
                numbered.group(3).strip(),
                without_text_marks(line.rstrip()),
            )
        return None
    label, rest = match.group(1), match.group(2)
    backlinks, citation = _split_backlinks(rest, label)
    return ReferenceLine(label, backlinks, citation.strip(), without_text_marks(line.rstrip()))


def backlink_label(index: int) -> str:
    """The `index`-th back-link letter MediaWiki prints: a..z, then aa, ab, ..."""
    if index < 26:
        return chr(ord("a") + index)
    return chr(ord("a") + index // 26 - 1) + chr(ord("a") + index % 26)


def _split_backlinks(rest: str, label: str | None) -> tuple[int, str]:
    """`a b c "Title"...` -> (3, `"Title"...`); also `Jump up to: a b c` and `1.0 1.1`.

    Letters run from `a` in sequence, so a citation that starts with a short word (`de Souza`)
    is not mistaken for back-links; a run of one letter is no run (a single use prints none).
    """
    text = rest
    if text.startswith("Jump up to:"):
        text = text[len("Jump up to:") :].lstrip()
    count = 0
    position = 0
    while count < 702:  # a..zz
        expected = backlink_label(count)
        numeric = f"{label}.{count}" if label and label.isdigit() else None
        for candidate in (expected, numeric):
            if candidate and text.startswith(candidate, position):
                after = position + len(candidate)
                if after == len(text) or text[after] in " \u00a0":
                    position = after
                    while position < len(text) and text[position] in " \u00a0":
                        position += 1
                    break
        else:
            break
        count += 1
    if count < 2:
        return 0, text
    return count, text[position:]
