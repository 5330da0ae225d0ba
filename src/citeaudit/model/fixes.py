"""Proposed repairs of an article's wikitext: what `citeaudit fix` would change, and why.

A `Change` is one edit a repair makes (a parameter set or added, a tag appended, a reference
merged), with the finding code it answers and the evidence it rests on; a `ReferenceFix` is one
reference's wikitext before and after its changes; `ProposedFixes` is what a report shows of a
patch: the edit summary and each changed reference. The patch itself (the whole article, the
diff) is made in `citeaudit.fix`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """One edit of the wikitext and the finding it answers.

    `parameter` is the template parameter set or added (`archive-url`, `title`), or a short
    name of what else changed (`{{Dead link}}`, `{{Webarchive}}`, `{{cite web}}`, `name`,
    `ref`); `old` is None when something is added, `new` when something is only removed.
    """

    code: str
    reference_id: str | None
    parameter: str
    old: str | None
    new: str | None
    why: str


@dataclass(frozen=True)
class ReferenceFix:
    """A reference's wikitext before and after its changes (one snippet per edited place)."""

    reference_id: str
    snippets: tuple[tuple[str, str], ...]
    """(before, after) for the definition and for every reuse the changes touched."""
    changes: tuple[Change, ...]

    def diff_lines(self) -> list[str]:
        """The `-` and `+` lines (and unchanged lines between) of every snippet's change."""
        lines: list[str] = []
        for before, after in self.snippets:
            lines += [
                line
                for line in difflib.unified_diff(
                    before.splitlines(), after.splitlines(), lineterm="", n=1
                )
                if not line.startswith(("---", "+++", "@@"))
            ]
        return lines


@dataclass(frozen=True)
class ProposedFixes:
    """What a patch of the article would do: the edit summary and each changed reference."""

    summary: str
    references: tuple[ReferenceFix, ...] = ()
