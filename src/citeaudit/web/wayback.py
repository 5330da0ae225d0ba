"""Archive URLs as citations give them: Wayback Machine snapshots, archive.today, WebCite.

Pure helpers shared by the checks (is `|archive-url=` well-formed, of the cited page, and does
`|archive-date=` agree with its timestamp?) and the link checker (which archive URLs to fetch).
A Wayback URL is `https://web.archive.org/web/<timestamp>[<flag>_]/<original>`: a 14-digit
`YYYYMMDDhhmmss` timestamp (shorter ones are accepted by the Wayback Machine, which redirects to
the nearest capture), an optional two-letter flag such as `id_`, then the original URL
(CS1's rules: https://en.wikipedia.org/wiki/Help:CS1_errors#archive_url, read 2026-11-28).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

WAYBACK_HOSTS = {
    "web.archive.org",
    "archive.org",
    "www.archive.org",
    "wayback.archive.org",
    "liveweb.archive.org",
}
ARCHIVE_TODAY_HOSTS = {
    "archive.today",
    "archive.is",
    "archive.ph",
    "archive.li",
    "archive.fo",
    "archive.md",
    "archive.vn",
}
DEFUNCT_ARCHIVE_HOSTS = {"webcitation.org", "www.webcitation.org"}
FIRST_WAYBACK_YEAR = 1996

_STAMP = re.compile(r"^(\d*)(.*)$")
_FLAG = re.compile(r"^[a-z]{2}_$")
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


def wayback_url_problem(archive_url: str, today: date) -> str | None:
    """Why a Wayback Machine URL is malformed by CS1's rules, or None when it is well-formed.

    CS1 wants `https://web.archive.org/web/<14-digit timestamp>[<2 letters>_]/<original URL>`
    and names these faults: the `/save/` command, no `web/` path, a timestamp that is not 14
    digits or not a date between 1996 and next year, a bad flag, `liveweb.archive.org`.
    """
    parts = urlsplit(archive_url.strip())
    if (parts.hostname or "").lower() == "liveweb.archive.org":
        return "liveweb.archive.org is deprecated"
    path = parts.path
    if path.startswith("/save/") or path == "/save":
        return "a Save Page Now command (/save/), not an archived copy"
    if not path.startswith("/web/"):
        return "the path should start with web/"
    stamp, _, original = path[len("/web/") :].partition("/")
    digits, flag = _STAMP.match(stamp).groups()  # type: ignore[union-attr]
    if len(digits) != 14:
        return f"the timestamp {stamp!r} is not 14 digits"
    if flag and not _FLAG.match(flag):
        return f"the flag {flag!r} is not two lower-case letters and '_'"
    if not _is_wayback_date(digits, today):
        return f"the timestamp {digits} is not a valid date"
    if not original and not parts.query:
        return "no archived URL after the timestamp"
    return None


def _is_wayback_date(digits: str, today: date) -> bool:
    try:
        captured = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return False
    hour, minute, second = int(digits[8:10]), int(digits[10:12]), int(digits[12:14])
    in_range = FIRST_WAYBACK_YEAR <= captured.year <= today.year + 1
    return in_range and hour < 24 and minute < 60 and second < 62


def wayback_date(timestamp: str) -> str:
    """`20230312101112` -> `2023-03-12` (as much of it as there is)."""
    digits = "".join(ch for ch in timestamp if ch.isdigit())
    if len(digits) >= 8:
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"
    return digits
