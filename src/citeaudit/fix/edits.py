"""Edits of the article's text by span, and applying them so that nothing else moves.

An `Edit` replaces `text[start:end]` (an insertion when the two are equal). The edits of
different repairs never overlap: `overlaps` tells a repair that another has already changed the
place it wants. The edits of one repair may share a place; they are made in the order given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """Replace `text[start:end]` with `replacement`."""

    start: int
    end: int
    replacement: str

    def overlaps(self, other: Edit) -> bool:
        """Whether the two edits touch the same characters or insert at the same place (where
        the order of two repairs' text would be a guess)."""
        if self.start == self.end or other.start == other.end:
            if self.start == other.start and self.end == other.end:
                return True
            return (self.start < other.start < self.end) or (other.start < self.start < other.end)
        return self.start < other.end and other.start < self.end


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """`text` with every edit made; the edits must not overlap (see `Edit.overlaps`)."""
    pieces: list[str] = []
    position = 0
    for edit in sort_edits(edits):
        pieces.append(text[position : edit.start])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def sort_edits(edits: Iterable[Edit]) -> list[Edit]:
    """Edits in text order; at one place, insertions (in the order given) before a replacement."""
    indexed = list(enumerate(edits))
    indexed.sort(key=lambda item: (item[1].start, item[1].end > item[1].start, item[0]))
    return [edit for _, edit in indexed]


def apply_within(text: str, start: int, end: int, edits: Sequence[Edit]) -> str:
    """`text[start:end]` with the edits that fall inside it made (a reference's new wikitext)."""
    inside = [
        Edit(edit.start - start, edit.end - start, edit.replacement)
        for edit in edits
        if start <= edit.start and edit.end <= end
    ]
    return apply_edits(text[start:end], inside)
