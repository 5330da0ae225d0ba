"""The checker's own network, judged before any failure is taken as evidence against a page.

A laptop on a train, a captive portal or a broken resolver fails every request alike, and a
failure that could be the checker's own must never turn a good source into "remove this
citation". `NetworkHealth` watches every answer of a run (cited links, probes, the archive) and
says afterwards whether the network was down:

- no host name resolved in the run while some failed to: the resolver is failing, whatever it
  said ("Name or service not known" comes from a resolver with no servers, too);
- no host answered at all while requests failed: every host refusing, or unreachable, is the
  checker's network, not the sites.

An audit gives up once its network is plainly down (`GiveUp`): no host has answered for a
while, and hosts enough have failed; the requests still to make are then not made
(`FailureKind.NOT_TRIED`), since each would only wait for its own failure (a resolver that
times out, a portal that drops packets: 2,000 links at 20 s a timeout are half an hour).

Then `review` turns the failures of that run into `unreachable` with the reason "network
down", and keeps a "no such host" as `dead` only when other names resolved in the same run.
The audit keeps such results out of the link history: they are no evidence about the pages.

A run spread over many tasks (a dump scan's hosts, on Dask workers) judges its network once,
over all of them: each task's `Observations` travel to the driver, which merges them
(`Observations.merged`) and judges by the sum (`NetworkHealth(observations)`). Judging each
task alone would be wrong, since a task often holds a single host: "no host answered" would
call one dead host "network down".
"""

from __future__ import annotations

import ipaddress
import threading
from dataclasses import dataclass, replace

from citeaudit.model import FailureKind, FetchRequest, FetchResult, LinkResult, LinkVerdict
from citeaudit.web.clock import SYSTEM_CLOCK, Clock
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


@dataclass(frozen=True)
class GiveUp:
    """When a run stops asking: `hosts` distinct hosts failed for a reason of the network, no
    host answered at all, and `seconds` have passed since the first failure. Hosts alone would
    not do: the dead domains an old article cites fail at once, before the live ones answer."""

    hosts: int = 10
    seconds: float = 15.0


RESOLVED_SAMPLES = 2
"""Names kept of those that resolved: two distinct ones tell whether a name other than any
given one resolved, so what a run saw stays small however many hosts it reached."""


@dataclass(frozen=True)
class Observations:
    """What answers said of the checker's network, in a form that travels and merges.

    The runs of a dump scan are many tasks on many workers: each watches its own answers
    and their observations are merged (`merged`) into the health of the whole run. Everything
    here is a sum, a last value or a small sample, so that merging is exact and cheap.
    """

    resolved: frozenset[str] = frozenset()
    """Up to `RESOLVED_SAMPLES` host names that resolved (any such names: they are samples)."""
    answers: int = 0
    """Requests that got an HTTP answer."""
    lookups_failed: int = 0
    """Requests whose host name did not resolve."""
    failures: int = 0
    """Requests that got no answer for a reason of the network."""
    last_failure: str = ""

    def merged(self, other: Observations) -> Observations:
        """What both saw (`other`'s last failure is the later one)."""
        return Observations(
            resolved=frozenset(sorted(self.resolved | other.resolved)[:RESOLVED_SAMPLES]),
            answers=self.answers + other.answers,
            lookups_failed=self.lookups_failed + other.lookups_failed,
            failures=self.failures + other.failures,
            last_failure=other.last_failure or self.last_failure,
        )


class NetworkHealth:
    """What one run's answers say about the checker's network; safe to share between threads."""

    def __init__(
        self,
        seen: Observations | None = None,
        give_up: GiveUp | None = None,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        """Judge by `seen`: what the parts of a run observed, merged (nothing by default).
        With `give_up`, the watched fetchers stop asking once the network is plainly down (a
        run judged by what it alone saw: a dump scan's tasks each see a few hosts)."""
        self._lock = threading.Lock()
        self._seen = seen or Observations()
        self._give_up = give_up
        self._clock = clock
        self._failed_hosts: set[str] = set()
        self._first_failure: float | None = None

    def reset(self) -> None:
        """Forget what was seen: a new run (a new article) judges its own network."""
        with self._lock:
            self._seen = Observations()
            self._failed_hosts = set()
            self._first_failure = None

    @property
    def given_up(self) -> bool:
        """Whether requests are no longer made this run: the network is plainly down."""
        if self._give_up is None:
            return False
        with self._lock:
            return (
                not self._seen.answers
                and len(self._failed_hosts) >= self._give_up.hosts
                and self._first_failure is not None
                and self._clock.monotonic() - self._first_failure >= self._give_up.seconds
            )

    def watch(self, fetcher: Fetcher) -> Fetcher:
        """`fetcher`, with every answer it gives observed here."""
        return _WatchedFetcher(fetcher, self)

    def observations(self) -> Observations:
        """What was seen so far, to be merged with what other parts of the run saw."""
        with self._lock:
            return self._seen

    def add(self, observations: Observations) -> None:
        """Take in what another part of the run saw."""
        with self._lock:
            self._seen = self._seen.merged(observations)

    def observe(self, result: FetchResult) -> None:
        """Take note of one answer (or failure)."""
        seen = _observed(result)
        if seen is None:
            return
        with self._lock:
            self._seen = self._seen.merged(seen)
            if seen.failures and self._give_up is not None:
                if self._first_failure is None:
                    self._first_failure = self._clock.monotonic()
                if len(self._failed_hosts) < self._give_up.hosts:
                    self._failed_hosts.add(host_of(result.url))

    @property
    def problem(self) -> str | None:
        """Why the network looks down this run, in full, or None when it does not."""
        seen = self.observations()
        if seen.lookups_failed and not seen.resolved:
            return (
                f"{NO_NAME_RESOLVED} ({_counted(seen.lookups_failed, 'look-up')} failed,"
                f" the last: {seen.last_failure}); the resolver or the network of the machine"
                " running the check is failing"
            )
        if seen.failures and not seen.answers:
            return (
                f"{NO_HOST_ANSWERED} ({_counted(seen.failures, 'request')} failed, the last:"
                f" {seen.last_failure}); the network of the machine running the check"
                " is failing"
            )
        return None

    def resolved_other_than(self, host: str) -> bool:
        """Whether a host name other than `host` resolved in this run."""
        return bool(self.observations().resolved - {host.lower()})

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


def _observed(result: FetchResult) -> Observations | None:
    """What one answer says of the network (None: nothing, as for a URL without a host)."""
    host = host_of(result.url)
    if not host:
        return None
    named = _is_name(host)
    if result.status is not None:
        return Observations(resolved=frozenset({host} if named else ()), answers=1)
    resolved = named and result.failure in _AFTER_RESOLVING
    if result.failure not in _NETWORK_FAILURES:
        return Observations(resolved=frozenset({host} if resolved else ()))
    kind = result.failure.value if result.failure else ""
    return Observations(
        resolved=frozenset({host} if resolved else ()),
        lookups_failed=int(result.failure is FailureKind.DNS),
        failures=1,
        last_failure=f"{kind} {result.detail}".strip(),
    )


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


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
        if self._health.given_up:
            return FetchResult(
                request.url,
                failure=FailureKind.NOT_TRIED,
                detail="no host answered this run; the network is down",
            )
        result = self._fetcher.fetch(request)
        self._health.observe(result)
        return result

    def close(self) -> None:
        self._fetcher.close()
