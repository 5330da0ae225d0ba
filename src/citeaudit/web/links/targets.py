"""What the link checker is asked to check: a URL with the references that cite it.

The audit builds the targets from an article (`citeaudit.audit.link_targets`), reading the
citations' dates with the CS1 date grammar; here they are only merged, one per distinct URL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from citeaudit.web.urls import normalise_url


@dataclass(frozen=True)
class LinkTarget:
    """One URL to check, the references citing it, and what those citations say about it."""

    url: str
    reference_ids: tuple[str, ...] = ()
    access_day: date | None = None
    """The first day the citation's access-date covers, when it gives a valid one."""
    archive_url: str | None = None
    """The archive copy the citation gives (`|archive-url=`), if any."""
    title: str | None = None
    """The title the citation gives the page."""

    @property
    def key(self) -> str:
        """The URL as it is checked and remembered (normalised)."""
        return normalise_url(self.url).url or self.url.strip()


def merge_targets(targets: Iterable[LinkTarget]) -> list[LinkTarget]:
    """One target per distinct URL, in order of first appearance, citing all its references.

    URLs are compared normalised (`HTTP://Example.com` is `http://example.com/`). Where the
    citations disagree, the earliest access-date is kept (the page was there then) and the
    first archive URL and title given.
    """
    merged: dict[str, LinkTarget] = {}
    for target in targets:
        known = merged.get(target.key)
        if known is None:
            merged[target.key] = target
            continue
        reference_ids = known.reference_ids + tuple(
            ref for ref in target.reference_ids if ref not in known.reference_ids
        )
        days = [day for day in (known.access_day, target.access_day) if day is not None]
        merged[target.key] = LinkTarget(
            url=known.url,
            reference_ids=reference_ids,
            access_day=min(days) if days else None,
            archive_url=known.archive_url or target.archive_url,
            title=known.title or target.title,
        )
    return list(merged.values())
