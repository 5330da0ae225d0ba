"""The checker's own network: down when no name resolves or no host answers; "no such host"
trusted only beside names that resolve."""

from __future__ import annotations

import functools

from citeaudit.model import FetchRequest, FetchResult, LinkResult, LinkVerdict
from citeaudit.web.health import (
    NO_NAME_RESOLVED,
    RESOLVED_SAMPLES,
    NetworkHealth,
    Observations,
    is_network_failure,
)
from tests.fakes import FakeFetcher, failed, page

NO_SUCH_HOST = "[Errno -2] Name or service not known"


def dead_by_dns(url: str) -> LinkResult:
    return LinkResult(url, LinkVerdict.DEAD, f"the host name does not exist ({NO_SUCH_HOST})")


def test_no_name_resolving_is_a_network_down_whatever_the_resolver_said() -> None:
    health = NetworkHealth()
    for host in ("a.example", "b.example", "archive.org"):
        health.observe(failed(f"https://{host}/", "dns", NO_SUCH_HOST))
    assert health.problem is not None and "no host name resolved" in health.problem
    reviewed = health.review(dead_by_dns("https://a.example/"))
    assert reviewed.verdict is LinkVerdict.UNREACHABLE
    assert reviewed.reason.startswith("network down (no host name resolved in this run)")


def test_every_host_refusing_is_a_network_down() -> None:
    health = NetworkHealth()
    for host in ("a.example", "b.example"):
        health.observe(failed(f"https://{host}/", "connection", "Connection refused"))
    assert health.problem is not None and "no host answered" in health.problem
    timeout = LinkResult("https://a.example/", LinkVerdict.UNREACHABLE, "timed out; may pass")
    assert health.review(timeout).reason.startswith("network down")


def test_one_missing_host_among_answering_ones_stays_dead() -> None:
    health = NetworkHealth()
    health.observe(page("https://a.example/", 200))
    health.observe(page("https://b.example/", 404))
    health.observe(failed("https://gone.example/", "dns", NO_SUCH_HOST))
    assert health.problem is None
    assert health.review(dead_by_dns("https://gone.example/")).verdict is LinkVerdict.DEAD


def test_no_such_host_is_no_evidence_when_no_other_name_resolved() -> None:
    """Only an address answered (no name at all resolved but the failing one's)."""
    health = NetworkHealth()
    health.observe(page("http://192.0.2.10/", 200))
    health.observe(failed("https://gone.example/", "dns", NO_SUCH_HOST))
    reviewed = health.review(dead_by_dns("https://gone.example/"))
    assert reviewed.verdict is LinkVerdict.UNREACHABLE


def test_answers_are_evidence_whatever_the_network() -> None:
    health = NetworkHealth()
    health.observe(failed("https://a.example/", "dns", NO_SUCH_HOST))
    answered = LinkResult("https://b.example/", LinkVerdict.DEAD, "HTTP 404", status=404)
    assert health.review(answered) is answered and not is_network_failure(answered)


def test_requests_absent_from_a_fixture_say_nothing_of_the_network() -> None:
    health = NetworkHealth()
    health.observe(failed("https://a.example/", "not-recorded"))
    assert health.problem is None


def test_a_watched_fetcher_reports_every_answer_and_reset_forgets() -> None:
    health = NetworkHealth()
    fetcher = health.watch(FakeFetcher(lambda request: failed(request.url, "dns", NO_SUCH_HOST)))
    fetcher.fetch(FetchRequest("https://a.example/"))
    assert health.problem is not None
    health.reset()
    assert health.problem is None


# --- one run in many parts (the tasks of a dump scan) -----------------------------------------


def seen(*answers: FetchResult) -> Observations:
    health = NetworkHealth()
    for answer in answers:
        health.observe(answer)
    return health.observations()


def test_parts_that_each_saw_one_host_judge_as_one_run() -> None:
    """Each task holds one host: alone, the task of the missing host sees no name resolve, and
    the task of a refusing host sees no host answer; merged, the run saw the network work."""
    missing = seen(failed("https://gone.example/", "dns", NO_SUCH_HOST))
    refusing = seen(failed("https://down.example/", "connection", "Connection refused"))
    answering = seen(page("https://a.example/", 200))
    assert NetworkHealth(missing).problem is not None
    assert NetworkHealth(refusing).problem is not None
    run = NetworkHealth(missing.merged(refusing).merged(answering))
    assert run.problem is None
    assert run.review(dead_by_dns("https://gone.example/")).verdict is LinkVerdict.DEAD


def test_parts_that_all_failed_are_a_network_down_with_every_failure_counted() -> None:
    parts = [
        seen(failed(f"https://{host}/", "dns", NO_SUCH_HOST), failed(f"https://{host}/x", "dns"))
        for host in ("a.example", "b.example", "web.archive.org")
    ]
    merged = parts[0].merged(parts[1]).merged(parts[2])
    problem = NetworkHealth(merged).problem
    assert problem is not None and problem.startswith(NO_NAME_RESOLVED)
    assert "(6 look-ups failed" in problem
    assert (merged.failures, merged.answers, merged.resolved) == (6, 0, frozenset())


def test_merging_is_the_same_in_any_grouping_and_keeps_a_bounded_sample() -> None:
    parts = [seen(page(f"https://host{n}.example/", 200)) for n in range(50)]
    left = functools.reduce(Observations.merged, parts, Observations())
    right = functools.reduce(lambda a, b: b.merged(a), reversed(parts), Observations())
    assert left == right and left.answers == 50
    assert len(left.resolved) == RESOLVED_SAMPLES
    # Two names are enough to tell that a name other than any given one resolved.
    for host in left.resolved:
        assert NetworkHealth(left).resolved_other_than(host)


def test_only_the_missing_name_itself_resolving_proves_nothing_after_merging() -> None:
    """A name seen resolving in one part (its host then timed out) is not another name, and an
    address answering in a third resolved no name."""
    earlier = seen(failed("https://gone.example/", "timeout", "read timed out"))
    later = seen(failed("https://gone.example/page", "dns", NO_SUCH_HOST))
    address = seen(page("http://192.0.2.10/", 200))
    health = NetworkHealth(earlier.merged(later).merged(address))
    assert health.problem is None and not health.resolved_other_than("gone.example")
    reviewed = health.review(dead_by_dns("https://gone.example/"))
    assert reviewed.verdict is LinkVerdict.UNREACHABLE
    assert reviewed.reason.startswith("no other host name resolved")
