"""Heading levels for a copy that lost them.

A rendered page prints every heading alike, so levels are inferred. A numbered contents box
(older skins: `4 Detentions and raid`, `4.1 2005 police raid`) gives them outright. Otherwise
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
from collections import deque

from citeaudit.parse.text.layout import APPENDIX_TITLES, Heading

_WORD = re.compile(r"[^\W\d_]{4,}")


def infer_levels(
    headings: list[Heading], toc_levels: list[tuple[int, str]], toc_parents: set[str]
) -> str:
    """Set `level` on every heading; return the note that says how they were inferred."""
    remaining = _apply_toc(headings, toc_levels)
    if not remaining:
        return "Heading levels are not in rendered text: read from the numbered contents box."
    _infer_from_structure(remaining, toc_parents)
    how = (
        "a heading directly followed by another heading (or marked as having subsections in the "
        "contents box) is taken as level 2 and the headings after it that resemble its first "
        "child as level 3; every other heading as level 2"
    )
    return f"Heading levels are not in rendered text: they were inferred ({how})."


def _apply_toc(headings: list[Heading], toc_levels: list[tuple[int, str]]) -> list[Heading]:
    """Levels from a numbered contents box, matched by title in order; the unmatched headings."""
    if not toc_levels:
        return headings
    places: dict[str, deque[int]] = {}
    for place, (_, title) in enumerate(toc_levels):
        places.setdefault(_normal(title), deque()).append(place)
    unmatched: list[Heading] = []
    position = 0
    for heading in headings:
        candidates = places.get(_normal(heading.title), deque())
        while candidates and candidates[0] < position:
            candidates.popleft()
        if not candidates:
            unmatched.append(heading)
            continue
        found = candidates.popleft()
        heading.level = toc_levels[found][0] + 1
        position = found + 1
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
