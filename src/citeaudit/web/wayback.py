"""Read Wayback Machine snapshot URLs: `https://web.archive.org/web/<timestamp>[<flag>_]/<original>`.

A pure helper shared by the date checks (does `|archive-date=` agree with the URL's timestamp?)
and the link checker (which snapshot is this?). The URL form and CS1's rules for it are in
`reference/interfaces.md` §4.3: a 14-digit `YYYYMMDDhhmmss` timestamp (shorter ones are accepted
by the Wayback Machine, which redirects to the nearest capture), an optional two-letter flag
such as `id_`, then the original URL.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_WAYBACK = re.compile(
    r"^(?:https?:)?//(?:web\.|www\.|wayback\.)?archive\.org/(?:web/)?"
    r"(?P<timestamp>\d{4,14})(?P<flag>[a-z]{2}_)?/(?P<original>.+)$",
    re.I,
)


@dataclass(frozen=True)
class WaybackSnapshot:
    """The parts of a Wayback Machine URL. `date` is None when the timestamp is not a real date."""

    timestamp: str
    flag: str | None
    original: str
    date: dt.date | None

    @property
    def has_full_timestamp(self) -> bool:
        return len(self.timestamp) == 14


def parse_wayback_url(url: str) -> WaybackSnapshot | None:
    """The snapshot a Wayback Machine URL names, or None when the URL is not one."""
    match = _WAYBACK.match(url.strip())
    if not match:
        return None
    timestamp = match.group("timestamp")
    return WaybackSnapshot(
        timestamp=timestamp,
        flag=match.group("flag"),
        original=match.group("original"),
        date=timestamp_date(timestamp),
    )


def timestamp_date(timestamp: str) -> dt.date | None:
    """The day of a Wayback timestamp with at least a full date (`YYYYMMDD...`), else None."""
    if len(timestamp) < 8 or not timestamp.isdigit():
        return None
    try:
        return dt.date(int(timestamp[:4]), int(timestamp[4:6]), int(timestamp[6:8]))
    except ValueError:
        return None
