"""The checker's own network: down when no name resolves or no host answers; "no such host"
trusted only beside names that resolve."""

from __future__ import annotations

import functools

from citeaudit.model import FailureKind, FetchRequest, FetchResult, LinkResult, LinkVerdict
from citeaudit.web.health import (
    NO_NAME_RESOLVED,
    RESOLVED_SAMPLES,
    GiveUp,
    NetworkHealth,
    Observations,
    is_network_failure,
)
from citeaudit.web.links.checker import LinkCheckOptions, check_url
from tests.fakes import FakeFetcher, FakeTime, failed, page

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


# --- giving up once the network is plainly down -------------------------------------------


def failing_hosts(health: NetworkHealth, count: int, kind: str = "dns") -> None:
    for number in range(count):
        health.observe(failed(f"https://h{number}.example/", kind, NO_SUCH_HOST))


def test_a_run_gives_up_once_hosts_enough_failed_and_none_answered_for_a_while(
    fake_time: FakeTime,
) -> None:
    health = NetworkHealth(give_up=GiveUp(hosts=10, seconds=15), clock=fake_time.clock)
    asked: list[str] = []

    def web(request: FetchRequest) -> FetchResult:
        asked.append(request.url)
        return page(request.url)

    fetcher = health.watch(FakeFetcher(web))
    failing_hosts(health, 10)
    assert not health.given_up  # the dead domains of an old article fail at once
    fake_time.advance(15)
    assert health.given_up
    result = fetcher.fetch(FetchRequest("https://live.example/story"))
    assert result.failure is FailureKind.NOT_TRIED and asked == []
    checked = check_url(
        "https://live.example/story", fetcher, LinkCheckOptions(), clock=fake_time.clock
    )
    assert checked.verdict is LinkVerdict.UNREACHABLE and asked == [] and not fake_time.sleeps
    reviewed = health.review(checked)
    assert reviewed.verdict is LinkVerdict.UNREACHABLE and reviewed.reason.startswith(
        "network down"
    )
    assert is_network_failure(reviewed)  # kept out of the link history
    health.reset()
    assert not health.given_up


def test_one_answer_or_too_few_hosts_never_give_up(fake_time: FakeTime) -> None:
    answered = NetworkHealth(give_up=GiveUp(hosts=3, seconds=1), clock=fake_time.clock)
    answered.observe(page("https://live.example/"))
    failing_hosts(answered, 20)
    few = NetworkHealth(give_up=GiveUp(hosts=3, seconds=1), clock=fake_time.clock)
    for _ in range(20):  # one host failing again and again
        few.observe(failed("https://h0.example/", "timeout", "timed out"))
    fake_time.advance(60)
    assert not answered.given_up and not few.given_up


def test_a_run_judged_by_its_parts_never_gives_up_alone(fake_time: FakeTime) -> None:
    """A dump scan's task sees a few hosts: the driver judges the whole run."""
    health = NetworkHealth(clock=fake_time.clock)
    failing_hosts(health, 50)
    fake_time.advance(3600)
    assert not health.given_up
