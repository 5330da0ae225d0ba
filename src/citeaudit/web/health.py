"""The checker's own network, judged before any failure is taken as evidence against a page.

A laptop on a train, a captive portal or a broken resolver fails every request alike, and a
failure that could be the checker's own must never turn a good source into "remove this
citation". `NetworkHealth` watches every answer of a run (cited links, probes, the archive) and
says afterwards whether the network was down:

- no host name resolved in the run while some failed to: the resolver is failing, whatever it
  said ("Name or service not known" comes from a resolver with no servers, too);
- no host answered at all while requests failed: every host refusing, or unreachable, is the
  checker's network, not the sites.

Then `review` turns the failures of that run into `unreachable` with the reason "network
down", and keeps a "no such host" as `dead` only when other names resolved in the same run.
The audit keeps such results out of the link history: they are no evidence about the pages.
"""

from __future__ import annotations

import ipaddress
import threading
from dataclasses import replace

from citeaudit.model import FailureKind, FetchRequest, FetchResult, LinkResult, LinkVerdict
from citeaudit.web.fetchers.base import Fetcher
from citeaudit.web.urls import host_of

NO_NAME_RESOLVED = "no host name resolved in this run"
NO_HOST_ANSWERED = "no host answered in this run"

# Failures that come after the name resolved: the resolver worked for that host.
_AFTER_RESOLVING = {
    FailureKind.CONNECTION,
    FailureKind.RESET,
    FailureKind.TIMEOUT,
    FailureKind.TLS,
    FailureKind.PROTOCOL,
    FailureKind.TOO_LARGE,
    FailureKind.REFUSED_ADDRESS,
}
# Failures that are network failures (no answer), as opposed to policy or replay.
_NETWORK_FAILURES = _AFTER_RESOLVING - {FailureKind.REFUSED_ADDRESS} | {FailureKind.DNS}


class NetworkHealth:
    """What one run's answers say about the checker's network; safe to share between threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Forget what was seen: a new run (a new article) judges its own network."""
        with self._lock:
            self._answered: set[str] = set()
            self._resolved: set[str] = set()
            self._unresolved: set[str] = set()
            self._failed = 0
            self._last_failure = ""

    def watch(self, fetcher: Fetcher) -> Fetcher:
        """`fetcher`, with every answer it gives observed here."""
        return _WatchedFetcher(fetcher, self)

    def observe(self, result: FetchResult) -> None:
        """Take note of one answer (or failure)."""
        host = host_of(result.url)
        if not host:
            return
        named = _is_name(host)
        with self._lock:
            if result.status is not None:
                self._answered.add(host)
                if named:
                    self._resolved.add(host)
                return
            if result.failure in _AFTER_RESOLVING and named:
                self._resolved.add(host)
            if result.failure is FailureKind.DNS:
                self._unresolved.add(host)
            if result.failure in _NETWORK_FAILURES:
                self._failed += 1
                kind = result.failure.value if result.failure else ""
                self._last_failure = f"{kind} {result.detail}".strip()

    @property
    def problem(self) -> str | None:
        """Why the network looks down this run, in full, or None when it does not."""
        with self._lock:
            if self._unresolved and not self._resolved:
                return (
                    f"{NO_NAME_RESOLVED} ({len(self._unresolved)} failed to, the last:"
                    f" {self._last_failure}); the resolver or the network of the machine"
                    " running the check is failing"
                )
            if self._failed and not self._answered:
                return (
                    f"{NO_HOST_ANSWERED} ({self._failed} requests failed, the last:"
                    f" {self._last_failure}); the network of the machine running the check"
                    " is failing"
                )
            return None

    def resolved_other_than(self, host: str) -> bool:
        """Whether a host name other than `host` resolved in this run."""
        with self._lock:
            return bool(self._resolved - {host.lower()})

    def review(self, result: LinkResult) -> LinkResult:
        """`result`, or `unreachable` when its failure may be the checker's own network's."""
        if result.status is not None or result.verdict not in (
            LinkVerdict.DEAD,
            LinkVerdict.UNREACHABLE,
        ):
            return result
        problem = self.problem
        if problem is not None:
            # The full story is told once, for the run; each link gets its gist.
            gist = NO_NAME_RESOLVED if problem.startswith(NO_NAME_RESOLVED) else NO_HOST_ANSWERED
            return replace(
                result,
                verdict=LinkVerdict.UNREACHABLE,
                reason=f"network down ({gist}): no evidence about the page",
            )
        host = host_of(result.final_url or result.url)
        if result.verdict is LinkVerdict.DEAD and not self.resolved_other_than(host):
            return replace(
                result,
                verdict=LinkVerdict.UNREACHABLE,
                reason=(
                    "no other host name resolved in this run, so a name that does not resolve"
                    f" proves nothing ({result.reason}); may pass"
                ),
            )
        return result


def is_network_failure(result: LinkResult) -> bool:
    """Whether a result rests on a request that got no answer (its evidence is the network's)."""
    return result.status is None and result.verdict in (LinkVerdict.DEAD, LinkVerdict.UNREACHABLE)


def _is_name(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return True
    return False


class _WatchedFetcher(Fetcher):
    def __init__(self, fetcher: Fetcher, health: NetworkHealth) -> None:
        self._fetcher = fetcher
        self._health = health

    def fetch(self, request: FetchRequest) -> FetchResult:
        result = self._fetcher.fetch(request)
        self._health.observe(result)
        return result

    def close(self) -> None:
        self._fetcher.close()
