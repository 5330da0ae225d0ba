"""What the link checker is asked to check: a URL with the references that cite it and their dates.

Citation dates are kept as written in the model; `citation_day` reads them with the shared CS1
date grammar (`citeaudit.parse.dates`), a month or a year counting as its first day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from citeaudit.parse.dates import parse_cs1_date
from citeaudit.web.urls import normalise_url
from citeaudit.model import Article


@dataclass(frozen=True)
class LinkTarget:
    """One URL to check, the references citing it, and what those citations say about it."""

    url: str
    reference_ids: tuple[str, ...] = ()
    access_date: str | None = None
    archive_url: str | None = None
    archive_date: str | None = None
    url_status: str | None = None
    title: str | None = None
    """The title the citation gives the page."""


def targets_from_article(article: Article) -> list[LinkTarget]:
    """One target per reference that gives a URL, in reference order (duplicates kept)."""
    return [
        LinkTarget(
            url=reference.url,
            reference_ids=(reference.id,),
            access_date=reference.access_date,
            archive_url=reference.archive_url,
            archive_date=reference.archive_date,
            url_status=reference.url_status,
            title=reference.title,
        )
        for reference in article.references
        if reference.url
    ]


def merge_targets(targets: Iterable[LinkTarget], today: date) -> list[LinkTarget]:
    """One target per distinct URL, in order of first appearance, citing all its references.

    URLs are compared normalised (`HTTP://Example.com` is `http://example.com/`). Where the
    citations disagree, the earliest access-date is kept (the page was there then) and the
    first archive fields given.
    """
    merged: dict[str, LinkTarget] = {}
    for target in targets:
        key = normalise_url(target.url).url or target.url.strip()
        known = merged.get(key)
        if known is None:
            merged[key] = target
            continue
        reference_ids = known.reference_ids + tuple(
            ref for ref in target.reference_ids if ref not in known.reference_ids
        )
        merged[key] = LinkTarget(
            url=known.url,
            reference_ids=reference_ids,
            access_date=_earliest(known.access_date, target.access_date, today),
            archive_url=known.archive_url or target.archive_url,
            archive_date=known.archive_date if known.archive_url else target.archive_date,
            url_status=known.url_status or target.url_status,
            title=known.title or target.title,
        )
    return list(merged.values())


def citation_day(text: str | None, today: date) -> date | None:
    """The first day a valid CS1 date covers (`March 2023` is 1 March), or None."""
    parsed = parse_cs1_date(text or "", today=today)
    return parsed.earliest if parsed is not None and parsed.valid else None


def _earliest(first: str | None, second: str | None, today: date) -> str | None:
    first_day, second_day = citation_day(first, today), citation_day(second, today)
    if first_day is None:
        return second if second_day is not None else first or second
    if second_day is None:
        return first
    return first if first_day <= second_day else second
