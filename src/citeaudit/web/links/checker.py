"""Checking one cited URL: redirects one hop at a time, retries, a deadline, the soft-404 probe.

`check_url` walks the chain through any `Fetcher` (so it works live, recorded and offline) and
hands the finished chain to `classify_chain`. Nothing here sleeps or reads the time except
through the injected `Clock`, so tests of retries and deadlines run instantly.
"""

from __future__ import annotations

import hashlib
import posixpath
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit, urlunsplit

from citeaudit.model import FailureKind, FetchRequest, FetchResult, Hop, LinkResult, LinkVerdict
from citeaudit.web.clock import SYSTEM_CLOCK, Clock, parse_retry_after
from citeaudit.web.fetchers.base import DEFAULT_TIMEOUT, Fetcher
from citeaudit.web.links.classify import Classification, ProbeAnswer, classify_chain, probe_answer
from citeaudit.web.links.page import read_page
from citeaudit.web.links.signals import challenge_evidence, is_deep_link
from citeaudit.web.urls import host_of, normalise_url, resolve_location

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
RETRY_STATUSES = {429, 502, 503, 504}
RETRY_FAILURES = {FailureKind.TIMEOUT, FailureKind.RESET}


@dataclass(frozen=True)
class LinkCheckOptions:
    """How links are checked; the defaults are polite to servers and patient with slow ones."""

    timeout: float = DEFAULT_TIMEOUT
    """Total deadline per URL in seconds, redirects and retries included (`--timeout`)."""
    retries: int = 2
    """Retries of a hop that answered 429, 502, 503, 504 or timed out."""
    retry_backoff: float = 2.0
    """First wait before a retry without `Retry-After`, doubled for each further retry."""
    max_retry_wait: float = 30.0
    """The longest `Retry-After` honoured; a longer one ends the retries."""
    max_redirects: int = 10
    per_host_limit: int = 2
    """Requests in flight to one host at most (`--per-host`, enforced by the runner): the
    long-standing crawler courtesy of two connections per server, enough to hide one slow
    answer."""
    concurrency: int = 16
    """Requests in flight in all (`--concurrency`): fetching is waiting on sockets, so threads
    are cheap, and 16 keep many hosts busy without nearing file-descriptor limits."""
    min_interval: float = 1.0
    """Seconds between the starts of two requests to one host (enforced by the runner): at
    most one new request a second per site, gentle for small sites, while a run over many
    hosts stays fast."""
    probe_soft_404: bool = True
    """Ask each host once for a path that cannot exist, to recognise its soft-404 page."""
    excluded_hosts: tuple[str, ...] = ()
    """Hosts (and their subdomains) never checked: verdict `skipped`, reason "excluded"."""


@dataclass
class Walk:
    """The hops one check went through, and why it stopped early (None: it reached an answer)."""

    chain: list[FetchResult] = field(default_factory=list)
    retries: int = 0
    stopped: str | None = None
    declined_wait: float | None = None
    """A `Retry-After` longer than `max_retry_wait` that ended the retries of the last hop."""


class ProbeCache:
    """The soft-404 probe answers of one run by probe URL; each fetched once, thread-safely."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key_locks: dict[str, threading.Lock] = {}
        self._answers: dict[str, ProbeAnswer | None] = {}

    def get(self, probe_url: str, fetch: Callable[[str], ProbeAnswer | None]) -> ProbeAnswer | None:
        """The answer for `probe_url`, fetching it with `fetch` the first time it is asked for."""
        with self._lock:
            key_lock = self._key_locks.setdefault(probe_url, threading.Lock())
        with key_lock:
            if probe_url not in self._answers:
                self._answers[probe_url] = fetch(probe_url)
            return self._answers[probe_url]


def check_url(
    url: str,
    fetcher: Fetcher,
    options: LinkCheckOptions | None = None,
    *,
    probes: ProbeCache | None = None,
    clock: Clock = SYSTEM_CLOCK,
    reference_ids: tuple[str, ...] = (),
    cited_title: str | None = None,
    on_answer: Callable[[FetchResult], None] | None = None,
) -> LinkResult:
    """Check one URL and return its verdict with the evidence (chain, final URL, title, reason).

    `cited_title` is the title the citation gives the page, when it gives one: a server that
    answers 404 with that very page is mislabelling it, and the page is not called dead.

    With `probes`, a 2xx answer to a deep link is compared with the host's answer to random
    paths (fetched once per host and section, shared through `probes`).

    `on_answer` is given the final answer of the chain (with its capped body) when the walk
    reached one, so that a caller can keep the page without fetching it again.
    """
    options = options or LinkCheckOptions()
    checked_at = clock.now().isoformat(timespec="seconds")

    def finish(classification: Classification, chain: Sequence[FetchResult] = ()) -> LinkResult:
        return LinkResult(
            url=url,
            verdict=classification.verdict,
            reason=classification.reason,
            status=classification.status,
            final_url=classification.final_url,
            chain=tuple(Hop(hop.url, hop.status) for hop in chain),
            page_title=classification.page_title,
            checked_at=checked_at,
            reference_ids=reference_ids,
        )

    checkable = normalise_url(url)
    if checkable.url is None:
        return finish(Classification(LinkVerdict.INVALID, checkable.problem or "not checkable"))
    if is_excluded(checkable.url, options.excluded_hosts):
        return finish(Classification(LinkVerdict.SKIPPED, "excluded"))
    deadline = clock.monotonic() + options.timeout
    walk = follow_redirects(checkable.url, fetcher, options, clock, deadline)
    last = walk.chain[-1] if walk.chain else None
    if walk.stopped is not None or last is None:
        reason = walk.stopped or "no request was made"
        status, final_url = (last.status, last.url) if last else (None, None)
        return finish(
            Classification(LinkVerdict.UNREACHABLE, reason, status, final_url), walk.chain
        )
    if on_answer is not None:
        on_answer(last)
    answers: list[ProbeAnswer] = []
    if (
        probes is not None
        and options.probe_soft_404
        and _is_success(last)
        and is_deep_link(checkable.url)
    ):
        answers = _probe_answers(checkable.url, fetcher, options, clock, probes)
    classification = classify_chain(checkable.url, walk.chain, answers, walk.retries, cited_title)
    if walk.declined_wait is not None:
        waits = (
            f"asked to wait {walk.declined_wait:g} s, more than the {options.max_retry_wait:g} s"
        )
        classification = replace(
            classification, reason=f"{classification.reason} ({waits} allowed)"
        )
    return finish(classification, walk.chain)


def follow_redirects(
    url: str, fetcher: Fetcher, options: LinkCheckOptions, clock: Clock, deadline: float
) -> Walk:
    """Fetch `url` and follow redirects one hop at a time, with retries, to an answer or a stop.

    Stops (with `Walk.stopped` set) on a loop (any URL seen before, on any host), on more than
    `max_redirects` redirects, on a `Location` that is not a checkable URL, and at the deadline.
    """
    walk = Walk()
    seen = {url}
    current = url
    while True:
        if clock.monotonic() >= deadline:
            walk.stopped = (
                f"the deadline of {options.timeout:g} s passed before an answer; may pass"
            )
            return walk
        result, walk.retries, walk.declined_wait = _fetch_with_retries(
            current, fetcher, options, clock, deadline
        )
        walk.chain.append(result)
        location = result.header("location") if result.status in REDIRECT_STATUSES else None
        if result.failure is not None or not location:
            return walk
        target = normalise_url(resolve_location(current, location))
        if target.url is None:
            walk.stopped = f"redirected to an unusable URL {location!r}: {target.problem}"
            return walk
        if target.url in seen:
            walk.stopped = f"redirect loop: {current} redirects back to {target.url}"
            return walk
        if len(walk.chain) > options.max_redirects:
            walk.stopped = f"more than {options.max_redirects} redirects"
            return walk
        seen.add(target.url)
        current = target.url


def is_excluded(url: str, excluded_hosts: tuple[str, ...]) -> bool:
    """True when the URL's host is one of `excluded_hosts` or a subdomain of one."""
    host = host_of(url)
    return any(host == excluded or host.endswith("." + excluded) for excluded in excluded_hosts)


def probe_urls(url: str) -> list[str]:
    """Paths on the URL's host that cannot exist: one at the root, one in the page's top section.

    `/news/2019/05/story.html` gives `/<token>` and `/news/<token>.html`: catch-all routes
    usually stand at a section's top, and one probe per section (not per directory, which on
    a dated news site is per article) keeps the extra requests few. The token is derived from
    the host, not drawn afresh, so a recorded run asks the same probe URLs when replayed.
    """
    parts = urlsplit(url)
    token = hashlib.sha256(f"citeaudit-soft404-probe:{parts.hostname}".encode()).hexdigest()[:16]
    root_probe = urlunsplit((parts.scheme, parts.netloc, f"/{token}", "", ""))
    segments = [segment for segment in parts.path.split("/") if segment]
    if len(segments) < 2:
        return [root_probe]
    extension = posixpath.splitext(segments[-1])[1]
    section_probe = f"/{segments[0]}/{token}{extension}"
    return [root_probe, urlunsplit((parts.scheme, parts.netloc, section_probe, "", ""))]


def _probe_answers(
    url: str, fetcher: Fetcher, options: LinkCheckOptions, clock: Clock, probes: ProbeCache
) -> list[ProbeAnswer]:
    probe_options = LinkCheckOptions(
        timeout=options.timeout, retries=0, max_redirects=options.max_redirects
    )

    def fetch_probe(probe_url: str) -> ProbeAnswer | None:
        walk = follow_redirects(
            probe_url, fetcher, probe_options, clock, clock.monotonic() + probe_options.timeout
        )
        return None if walk.stopped else probe_answer(probe_url, walk.chain)

    answers = (probes.get(probe_url, fetch_probe) for probe_url in probe_urls(url))
    return [answer for answer in answers if answer is not None]


def _fetch_with_retries(
    url: str, fetcher: Fetcher, options: LinkCheckOptions, clock: Clock, deadline: float
) -> tuple[FetchResult, int, float | None]:
    """The last answer, how many retries led to it, and a `Retry-After` declined as too long."""
    attempt = 0
    while True:
        result = fetcher.fetch(FetchRequest(url))
        if attempt >= options.retries or not _is_retryable(result):
            return result, attempt, None
        retry_after = parse_retry_after(result.header("retry-after"), clock.now())
        if retry_after is not None and retry_after > options.max_retry_wait:
            return result, attempt, retry_after
        wait = retry_after if retry_after is not None else options.retry_backoff * 2.0**attempt
        if clock.monotonic() + wait >= deadline:
            return result, attempt, None
        clock.sleep(wait)
        attempt += 1


def _is_retryable(result: FetchResult) -> bool:
    if result.failure is not None:
        return result.failure in RETRY_FAILURES
    if result.status not in RETRY_STATUSES:
        return False
    # A challenge served with 429 or 503 will be served again: waiting only adds load.
    return challenge_evidence(result, read_page(result)) is None


def _is_success(result: FetchResult) -> bool:
    return result.status is not None and 200 <= result.status < 300
