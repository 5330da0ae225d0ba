"""The edit summary of a patch, in the style editors know from InternetArchiveBot and Citation bot:
"Rescuing 2 sources and tagging 1 as dead; 3 dates normalised; 1 bare URL filled in (via
citeaudit)"."""

from __future__ import annotations

from collections.abc import Iterable

from citeaudit.model import Change
from citeaudit.model.wording import plural

NOTHING = "No repairs to make"
_DEAD_LINK_CODES = frozenset({"link-dead", "link-soft-404"})
_DATE_CODES = frozenset({"date-invalid", "access-date-invalid", "archive-date-invalid"})
_CLAUSES = (
    (_DATE_CODES, "date", "normalised"),
    (frozenset({"archive-date-mismatch"}), "archive-date", "corrected"),
    (frozenset({"archive-date-missing"}), "archive-date", "added"),
    (frozenset({"link-alive-marked-dead"}), "link", "marked live again"),
    (frozenset({"title-generic"}), "title", "replaced by the page's own"),
    (frozenset({"ref-bare-url"}), "bare URL", "filled in as {{cite web}}"),
    (frozenset({"ref-duplicate"}), "duplicate reference", "merged"),
)  # fmt: skip


def edit_summary(changes: Iterable[Change]) -> str:
    """One line for the edit summary box, counting references (not parameters) changed."""
    changes = list(changes)
    rescued = _references(
        c for c in changes if c.code in _DEAD_LINK_CODES and c.parameter != "{{Dead link}}"
    )
    tagged = _references(
        c for c in changes if c.code in _DEAD_LINK_CODES and c.parameter == "{{Dead link}}"
    )
    clauses = []
    if rescued or tagged:
        clauses.append(f"Rescuing {plural(rescued, 'source')} and tagging {tagged} as dead")
    for codes, noun, verb in _CLAUSES:
        selected = [c for c in changes if c.code in codes and not _is_name_given(c)]
        count = len(selected) if noun == "date" else _references(selected)
        if count:
            clauses.append(f"{plural(count, noun)} {verb}")
    if not clauses:
        return NOTHING
    summary = "; ".join(clauses)
    return summary[0].upper() + summary[1:] + " (via citeaudit)"


def _references(changes: Iterable[Change]) -> int:
    return len({change.reference_id for change in changes})


def _is_name_given(change: Change) -> bool:
    """The name a merge gives the reference it keeps: part of the merge, not one more merge."""
    return change.code == "ref-duplicate" and change.parameter == "name"
