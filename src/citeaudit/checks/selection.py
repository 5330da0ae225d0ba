"""Which finding codes a run reports: `--select` and `--ignore`, read as ruff reads its own.

A selector is a finding code (`link-dead`), a prefix of codes ending at a hyphen (`link`
selects `link-dead`, `link-soft-404` and the other `link-*`; `access-date` every
`access-date-*`), a family (`links`, `dates`, `support`, `integrity`), or `ALL`. Without
`--select` every code is selected. When selectors of both lists match a code, the more specific
one decides (a code before a prefix, a longer prefix before a shorter, a prefix before a family,
a family before `ALL`), and at equal specificity `--ignore` wins: `--select link --ignore
link-blocked` reports every link code but one, `--ignore link --select link-dead` that one only.
A selector that matches no code is refused, with the codes it resembles.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from citeaudit.model import FindingFamily

ALL = "ALL"
_FAMILIES = {family.value: family for family in FindingFamily}


@dataclass(frozen=True)
class CodeSelection:
    """The selectors of `--select` (empty: all) and `--ignore`."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def problems(self, codes: dict[str, FindingFamily]) -> list[str]:
        """What is wrong with the selectors, given every code and its family."""
        found = []
        for selector in (*self.select, *self.ignore):
            if selector == ALL or selector in _FAMILIES:
                continue
            if any(_specificity(selector, code, family) for code, family in codes.items()):
                continue
            near = difflib.get_close_matches(selector, [*codes, *_FAMILIES], n=3)
            hint = f" (did you mean {', '.join(near)}?)" if near else ""
            found.append(f"{selector!r} is no finding code, prefix or family{hint}")
        return found

    def keeps(self, code: str, family: FindingFamily) -> bool:
        """Whether findings of this code are reported."""
        selected = _most_specific(self.select, code, family) if self.select else 0
        ignored = _most_specific(self.ignore, code, family)
        if selected is None:
            return False
        return ignored is None or selected > ignored


def parse_selectors(values: Iterable[str]) -> tuple[str, ...]:
    """`--select a,b --select c` as `(a, b, c)`."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _most_specific(selectors: Iterable[str], code: str, family: FindingFamily) -> int | None:
    ranks = [rank for s in selectors if (rank := _specificity(s, code, family)) is not None]
    return max(ranks, default=None)


def _specificity(selector: str, code: str, family: FindingFamily) -> int | None:
    """How specifically `selector` names `code` (higher is more specific), or None."""
    if selector == ALL:
        return 0
    if selector in _FAMILIES:
        return 1 if _FAMILIES[selector] is family else None
    if selector == code:
        return 1000
    if code.startswith(f"{selector}-"):
        return 2 + selector.count("-")
    return None
