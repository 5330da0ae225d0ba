"""Heading levels for a copy that lost them.

A rendered page prints every heading alike, so levels are inferred. A numbered contents box
gives them outright: older skins' box in the article (`4 Detentions and raid`, `4.1 2005
police raid`), or Vector 2022's sidebar, which a copy puts before the title with number and
title run together (`4.1 2005 police raid`, `2.2Heading`; `1.12006–2009: Early years` is
section 1.1 because a heading of the article reads "2006–2009: Early years"). Converter
renderings that draw the levels (asterisks, `##`) need neither. Otherwise
the structure does: a heading directly followed by another heading is a parent (level 2),
and its children (level 3) are the headings after it that resemble its first child (all start
with a year or a number when the first does, or they share a word with the parent or the
first child), up to an appendix heading (See also, References, ...) or another parent. Every
other heading is level 2. Vector 2022's contents box names the parents ("Toggle Detentions
and raid subsection"), which finds parents that have text of their own before their first
child.
"""

from __future__ import annotations

import re

from citeaudit.parse.text.layout import APPENDIX_TITLES, Heading

_WORD = re.compile(r"[^\W\d_]{4,}")
_SECTION_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3}){0,5}")


def infer_levels(headings: list[Heading], toc_entries: list[str], toc_parents: set[str]) -> str:
    """Set `level` on every heading; return the note that says how they were inferred."""
    drawn = [heading for heading in headings if not heading.level_known]
    if not drawn:
        return "Heading levels were read from the rendering, which draws them."
    remaining = _apply_toc(drawn, toc_entries)
    if not remaining:
        return "Heading levels are not in rendered text: read from the numbered contents box."
    _infer_from_structure(remaining, toc_parents)
    how = (
        "a heading directly followed by another heading (or marked as having subsections in the "
        "contents box) is taken as level 2 and the headings after it that resemble its first "
        "child as level 3; every other heading as level 2"
    )
    return f"Heading levels are not in rendered text: they were inferred ({how})."


def _apply_toc(headings: list[Heading], toc_entries: list[str]) -> list[Heading]:
    """Levels from a numbered contents box, matched by title in order; the unmatched headings.

    An entry is a heading's when it ends with the heading's title and what stands before is a
    section number: the number's depth is the level.
    """
    if not toc_entries:
        return headings
    entries = [_normal(entry) for entry in toc_entries]
    unmatched: list[Heading] = []
    position = 0
    for heading in headings:
        title = _normal(heading.title)
        for place in range(position, len(entries)):
            number = entries[place].removesuffix(title).strip()
            if entries[place].endswith(title) and _SECTION_NUMBER.fullmatch(number):
                heading.level = number.count(".") + 2
                position = place + 1
                break
        else:
            unmatched.append(heading)
    return unmatched


def _infer_from_structure(headings: list[Heading], toc_parents: set[str]) -> None:
    index = 0
    while index < len(headings):
        parent = headings[index]
        parent.level = 2
        index += 1
        if not _is_parent(parent, toc_parents) or _is_appendix(parent):
            continue
        if index >= len(headings) or _is_appendix(headings[index]):
            continue
        first = headings[index]
        first.level = 3
        index += 1
        while index < len(headings) and _continues(parent, first, headings[index], toc_parents):
            headings[index].level = 3
            index += 1


def _is_parent(heading: Heading, toc_parents: set[str]) -> bool:
    return heading.followed_by_heading or heading.title in toc_parents


def _continues(parent: Heading, first: Heading, candidate: Heading, toc_parents: set[str]) -> bool:
    if _is_appendix(candidate) or _is_parent(candidate, toc_parents):
        return False
    if first.title[:1].isdigit():
        return candidate.title[:1].isdigit()
    return bool(_stems(candidate.title) & (_stems(parent.title) | _stems(first.title)))


def _is_appendix(heading: Heading) -> bool:
    return _normal(heading.title) in APPENDIX_TITLES


def _stems(title: str) -> set[str]:
    return {word.lower().rstrip("s") for word in _WORD.findall(title)}


def _normal(title: str) -> str:
    return " ".join(title.split()).lower()
