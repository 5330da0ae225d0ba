"""What the link checker is asked to check: a URL with the references that cite it and their dates.

Citation dates are kept as written in the model; `parse_citation_date` reads the forms CS1
accepts for an access-date or archive-date (ISO, `11 March 2023`, `March 11, 2023`, and the
month-only and year-only forms, which count as their first day).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from citeaudit.links.urls import normalise_url
from citeaudit.model import Article

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class LinkTarget:
    """One URL to check, the references citing it, and what those citations say about it."""

    url: str
    reference_ids: tuple[str, ...] = ()
    access_date: str | None = None
    archive_url: str | None = None
    archive_date: str | None = None
    url_status: str | None = None


def targets_from_article(article: Article) -> list[LinkTarget]:
    """One target per reference that gives a URL, in reference order (duplicates are merged later)."""
    return [
        LinkTarget(
            url=reference.url,
            reference_ids=(reference.id,),
            access_date=reference.access_date,
            archive_url=reference.archive_url,
            archive_date=reference.archive_date,
            url_status=reference.url_status,
        )
        for reference in article.references
        if reference.url
    ]


def merge_targets(targets: Iterable[LinkTarget]) -> list[LinkTarget]:
    """One target per distinct URL, in order of first appearance, citing every reference of that URL.

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
        reference_ids = known.reference_ids + tuple(ref for ref in target.reference_ids if ref not in known.reference_ids)
        merged[key] = LinkTarget(
            url=known.url,
            reference_ids=reference_ids,
            access_date=_earliest(known.access_date, target.access_date),
            archive_url=known.archive_url or target.archive_url,
            archive_date=known.archive_date if known.archive_url else target.archive_date,
            url_status=known.url_status or target.url_status,
        )
    return list(merged.values())


def parse_citation_date(text: str | None) -> date | None:
    """The date a citation date names (its first day for a month or a year), or None if unreadable."""
    if not text:
        return None
    value = text.strip()
    try:
        if match := _ISO.match(value):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DAY_MONTH_YEAR.match(value):
            return _from_parts(int(match[3]), match[2], int(match[1]))
        if match := _MONTH_DAY_YEAR.match(value):
            return _from_parts(int(match[3]), match[1], int(match[2]))
        if match := _MONTH_YEAR.match(value):
            return _from_parts(int(match[2]), match[1], 1)
        if match := _YEAR.match(value):
            return date(int(match[1]), 1, 1)
    except ValueError:
        return None
    return None


def _from_parts(year: int, month_name: str, day: int) -> date | None:
    month = MONTHS.get(month_name.lower())
    return date(year, month, day) if month else None


def _earliest(first: str | None, second: str | None) -> str | None:
    first_date, second_date = parse_citation_date(first), parse_citation_date(second)
    if first_date is None:
        return second if second_date is not None else first or second
    if second_date is None:
        return first
    return first if first_date <= second_date else second
