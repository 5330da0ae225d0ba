"""The checker's own network: down when no name resolves or no host answers; "no such host"
trusted only beside names that resolve."""

from __future__ import annotations

from citeaudit.model import FetchRequest, LinkResult, LinkVerdict
from citeaudit.web.health import NetworkHealth, is_network_failure
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
