"""`FakeFetcher`: answers requests from a function, for tests and wiring without a network."""

from __future__ import annotations

import threading
from collections.abc import Callable

from citeaudit.web.fetchers.base import Fetcher
from citeaudit.model import FetchRequest, FetchResult


class FakeFetcher(Fetcher):
    """Calls `handler` for every request and keeps the requests it was asked, in order."""

    def __init__(self, handler: Callable[[FetchRequest], FetchResult]) -> None:
        self._handler = handler
        self._lock = threading.Lock()
        self.requests: list[FetchRequest] = []

    def fetch(self, request: FetchRequest) -> FetchResult:
        with self._lock:
            self.requests.append(request)
        return self._handler(request)
