"""What the web said: requests and answers of one hop, and the verdict on each cited URL."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class LinkVerdict(enum.Enum):
    """One word per checked URL; see DESIGN.md, "Link verdicts"."""

    ALIVE = "alive"
    DEAD = "dead"
    SOFT_404 = "soft-404"
    BLOCKED = "blocked"
    UNREACHABLE = "unreachable"
    INVALID = "invalid"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class FetchRequest:
    """One HTTP request a fetcher is asked to make (a single hop: redirects are not followed)."""

    url: str
    method: str = "GET"
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FetchResult:
    """What one request got: an HTTP answer, or a network failure (`failure` set, `status` None).

    `body` holds at most the fetcher's byte cap; `truncated` says it was cut. Headers are
    lower-cased names.
    """

    url: str
    status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    truncated: bool = False
    failure: str | None = None
    """`timeout`, `dns`, `connection`, `reset`, `tls`, `refused-address`, `not-recorded`, ..."""
    detail: str = ""
    elapsed: float = 0.0

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        for key, value in self.headers:
            if key == wanted:
                return value
        return None


@dataclass(frozen=True)
class Hop:
    """One step of a redirect chain: the URL asked and the status it answered (None: failed)."""

    url: str
    status: int | None


@dataclass(frozen=True)
class ArchiveSnapshot:
    """A Wayback Machine capture offered for a link."""

    url: str
    timestamp: str
    status: str = "200"


@dataclass(frozen=True)
class LinkResult:
    """The verdict on one URL and the evidence behind it."""

    url: str
    verdict: LinkVerdict
    reason: str
    status: int | None = None
    final_url: str | None = None
    chain: tuple[Hop, ...] = ()
    page_title: str | None = None
    checked_at: str | None = None
    archive: ArchiveSnapshot | None = None
    reference_ids: tuple[str, ...] = ()
    first_failed_at: str | None = None
    """For dead links with a history: when the link was first seen dead."""
    failed_checks: int = 0
    """How many checks in a row, this one included, found the link dead."""
