"""The `Fetcher` interface: one HTTP request in, one `FetchResult` out.

Every network access (cited URLs, archive look-ups, the MediaWiki API) goes through a
`Fetcher`, so that a recorded fixture can replay all of it offline. A fetcher makes exactly one
hop: redirects come back as 3xx results and the caller decides whether to follow them.
Network failures are returned as a `FetchResult` with `failure` set, never raised.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod

from citeaudit.model import FetchRequest, FetchResult

DEFAULT_TIMEOUT = 20.0
"""Seconds one cited URL may take, redirects and retries included (`--timeout`): long enough for
a slow server on the far side of the world, short enough that a dead one does not hold a run."""


_NOT_IN_A_HEADER = re.compile(r"[\x00-\x1f\x7f]")
"""Control characters: a header value holding one (a line break above all) is refused by
`requests` on every request, or would end the header early."""


def header_problem(value: str) -> str | None:
    """Why `value` cannot be sent in an HTTP header (a control character), or None."""
    found = _NOT_IN_A_HEADER.search(value)
    if found is None:
        return None
    return f"holds a control character ({found.group()!r} at {found.start()})"


class Fetcher(ABC):
    """Makes single-hop requests; implementations must be safe to call from several threads."""

    @abstractmethod
    def fetch(self, request: FetchRequest) -> FetchResult:
        """Make one request and return what came back (or the failure)."""

    def close(self) -> None:  # noqa: B027 (an optional hook: most fetchers hold nothing)
        """Release connections and flush anything recorded."""
