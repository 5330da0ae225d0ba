"""The wikitext an editor pastes to repair a dead link, and why no snapshot is offered: written
once, for checks and reports.

Used by the link checks' messages and by the Markdown report's "Fix first" items, so that the
two never give different advice for the same citation.
"""

from __future__ import annotations

import datetime as dt

from citeaudit.model import ArchiveLookup, ArchiveOutcome, ArchiveSnapshot, Facts
from citeaudit.model.calendar import month_year
from citeaudit.web.wayback import wayback_date

ALREADY_MARKED_DEAD = frozenset({"dead", "unfit", "usurped", "deviated"})
"""`|url-status=` values that already send readers to the archive copy."""


def archive_parameters(snapshot: ArchiveSnapshot, mark_dead: bool = True) -> str:
    """`|archive-url=... |archive-date=YYYY-MM-DD |url-status=dead` for a snapshot."""
    parameters = f"|archive-url={snapshot.url} |archive-date={wayback_date(snapshot.timestamp)}"
    return parameters + (" |url-status=dead" if mark_dead else "")


def dead_link_tag(as_of: dt.date) -> str:
    """`{{dead link|date=November 2026}}`: the tag for a dead link with no archived copy."""
    return f"{{{{dead link|date={month_year(as_of)}}}}}"


def no_snapshot_reason(lookup: ArchiveLookup | None, facts: Facts) -> str:
    """Why no snapshot is offered for a link, in a sentence: the archive has none, could not be
    asked (and why), or was not asked."""
    if not facts.archive_used:
        return "Archive look-ups were off (--no-archive)."
    if lookup is None:
        return "No archive copy was looked up."
    if lookup.outcome is ArchiveOutcome.NOT_ARCHIVED:
        return "The Wayback Machine has no capture of it."
    return f"The archive could not be asked ({lookup.reason}); rerun later to look for a copy."
