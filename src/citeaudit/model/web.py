"""What the web said: requests and answers of one hop, and the verdict on each cited URL."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import cached_property

_CHARSET_IN_HEADER = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_CHARSET_IN_META = re.compile(
    rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE
)


class LinkVerdict(enum.Enum):
    """One word per checked URL (docs/links.md has the table of what each means)."""

    ALIVE = "alive"
    DEAD = "dead"
    SOFT_404 = "soft-404"
    BLOCKED = "blocked"
    UNREACHABLE = "unreachable"
    INVALID = "invalid"
    SKIPPED = "skipped"

    @property
    def is_gone(self) -> bool:
        """The page is no longer there: dead, or answering with an error page (soft-404)."""
        return self in (LinkVerdict.DEAD, LinkVerdict.SOFT_404)

    @property
    def wants_archive(self) -> bool:
        """A reader may need an archived copy: the page is gone, or could not be reached."""
        return self.is_gone or self is LinkVerdict.UNREACHABLE


class FailureKind(enum.Enum):
    """Why a request got no HTTP answer (`FetchResult.failure`)."""

    DNS = "dns"
    """The host name did not resolve (`FetchResult.detail` says whether it does not exist)."""
    CONNECTION = "connection"
    """The connection could not be made (refused, no route)."""
    RESET = "reset"
    TIMEOUT = "timeout"
    TLS = "tls"
    PROTOCOL = "protocol"
    """The server's answer was not HTTP (a bad status line, broken headers)."""
    TOO_LARGE = "too-large"
    """A header line or the header block was larger than the fetcher accepts."""
    INVALID_URL = "invalid-url"
    REFUSED_ADDRESS = "refused-address"
    """The host resolves to a private, loopback or reserved address (`--allow-private`)."""
    NOT_RECORDED = "not-recorded"
    """Offline replay has no record of this request."""
    NOT_TRIED = "not-tried"
    """The request was not made: the run had found its own network down (`NetworkHealth`)."""


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
    failure: FailureKind | None = None
    detail: str = ""
    elapsed: float = 0.0

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        for key, value in self.headers:
            if key == wanted:
                return value
        return None

    @cached_property
    def text(self) -> str:
        """The body decoded once, however many readers read it (`decode_body`)."""
        return decode_body(self.body, self.header("content-type"))


def decode_body(body: bytes, content_type: str | None) -> str:
    """A body as text in the charset the `Content-Type` or a `<meta>` declares, else UTF-8.

    The one place a fetched page is decoded: the link checker and claim support read the same
    text. Bytes that do not decode become U+FFFD; a declared charset Python does not know is
    passed over.
    """
    declared = []
    header_match = _CHARSET_IN_HEADER.search(content_type or "")
    if header_match:
        declared.append(header_match.group(1))
    meta_match = _CHARSET_IN_META.search(body[:4096])
    if meta_match:
        declared.append(meta_match.group(1).decode("ascii"))
    for encoding in declared:
        try:
            return body.decode(encoding, errors="replace")
        except LookupError:
            continue
    return body.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Hop:
    """One step of a redirect chain: the URL asked and the status it answered (None: failed)."""

    url: str
    status: int | None


class ArchiveOutcome(enum.Enum):
    """What a snapshot look-up in the Wayback Machine came to."""

    FOUND = "found"
    NOT_ARCHIVED = "not-archived"
    """The archive answered: it holds no usable capture of the URL."""
    UNKNOWN = "unknown"
    """The archive could not be asked, or did not answer usably: nothing is known."""


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


@dataclass(frozen=True)
class ArchiveLookup:
    """A snapshot look-up's outcome, why, and the snapshot when one was found."""

    outcome: ArchiveOutcome
    reason: str
    snapshot: ArchiveSnapshot | None = None
