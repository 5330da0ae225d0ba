"""`check_url`: redirects hop by hop, loops, retries, Retry-After, deadline, soft-404 probe.

The web here is simulated with `FakeFetcher`; the clock never really waits.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from email.utils import format_datetime

from citeaudit.model import FetchRequest, FetchResult, Hop, LinkVerdict
from citeaudit.web.links.checker import LinkCheckOptions, ProbeCache, check_url, probe_urls

from tests.fakes import ARTICLE_TEXT, START, FakeTime, failed, fake_web, html, page, redirect

URL = "https://a.example/news/story-1.html"
STORY = html("Story one", ARTICLE_TEXT)


def check(
    web: dict,
    fake_time: FakeTime,
    options: LinkCheckOptions | None = None,
    url: str = URL,
    **kwargs: object,
):
    fetcher = fake_web(web, fake_time, kwargs.pop("latency", 0.0))  # type: ignore[arg-type]
    return check_url(
        url, fetcher, options or LinkCheckOptions(), clock=fake_time.clock, **kwargs
    ), fetcher  # type: ignore[arg-type]


def test_redirect_chain_is_followed_hop_by_hop(fake_time: FakeTime) -> None:
    web = {
        URL: redirect(URL, "https://b.example/s1", 301),
        "https://b.example/s1": redirect("https://b.example/s1", "/s1/", 302),
        "https://b.example/s1/": page("https://b.example/s1/", 200, STORY),
    }
    result, _ = check(web, fake_time)
    assert result.verdict == LinkVerdict.ALIVE
    assert result.final_url == "https://b.example/s1/"
    assert result.chain == (
        Hop(URL, 301),
        Hop("https://b.example/s1", 302),
        Hop("https://b.example/s1/", 200),
    )
    assert result.page_title == "Story one"


def test_relative_location_resolves_against_the_hop_that_sent_it(fake_time: FakeTime) -> None:
    web = {
        URL: redirect(URL, "../archive/story-1.html", 308),
        "https://a.example/archive/story-1.html": page(
            "https://a.example/archive/story-1.html", 200, STORY
        ),
    }
    result, _ = check(web, fake_time)
    assert result.final_url == "https://a.example/archive/story-1.html"


def test_loop_on_one_host_is_unreachable_not_dead(fake_time: FakeTime) -> None:
    web = {URL: redirect(URL, "/x"), "https://a.example/x": redirect("https://a.example/x", URL)}
    result, fetcher = check(web, fake_time)
    assert result.verdict == LinkVerdict.UNREACHABLE
    assert "redirect loop" in result.reason
    assert len(fetcher.requests) == 2


def test_loop_across_hosts_is_detected(fake_time: FakeTime) -> None:
    web = {
        URL: redirect(URL, "https://b.example/"),
        "https://b.example/": redirect("https://b.example/", "https://c.example/login"),
        "https://c.example/login": redirect(
            "https://c.example/login", "HTTPS://A.EXAMPLE/news/story-1.html"
        ),
    }
    result, fetcher = check(web, fake_time)
    assert result.verdict == LinkVerdict.UNREACHABLE
    assert "redirect loop" in result.reason
    assert len(fetcher.requests) == 3


def test_at_most_max_redirects_are_followed(fake_time: FakeTime) -> None:
    web = {
        f"https://a.example/{n}": redirect(f"https://a.example/{n}", f"/{n + 1}") for n in range(30)
    }
    result, fetcher = check(
        web, fake_time, LinkCheckOptions(max_redirects=10), url="https://a.example/0"
    )
    assert result.verdict == LinkVerdict.UNREACHABLE
    assert "more than 10 redirects" in result.reason
    assert len(fetcher.requests) == 11


def test_ten_redirects_are_allowed(fake_time: FakeTime) -> None:
    web: dict = {
        f"https://a.example/{n}": redirect(f"https://a.example/{n}", f"/{n + 1}") for n in range(10)
    }
    web["https://a.example/10"] = page("https://a.example/10", 200, STORY)
    result, _ = check(web, fake_time, url="https://a.example/0")
    assert result.verdict == LinkVerdict.ALIVE


def test_redirect_to_an_unsupported_scheme_stops(fake_time: FakeTime) -> None:
    result, _ = check({URL: redirect(URL, "javascript:void(0)")}, fake_time)
    assert result.verdict == LinkVerdict.UNREACHABLE
    assert "unusable URL" in result.reason


def test_invalid_and_excluded_urls_are_not_fetched(fake_time: FakeTime) -> None:
    invalid, fetcher = check({}, fake_time, url="javascript:alert(1)")
    excluded, _ = check(
        {}, fake_time, LinkCheckOptions(excluded_hosts=("example",)), url="https://sub.a.example/x"
    )
    assert (invalid.verdict, invalid.reason) == (
        LinkVerdict.INVALID,
        "unsupported scheme 'javascript': only http and https are checked",
    )
    assert (excluded.verdict, excluded.reason) == (LinkVerdict.SKIPPED, "excluded")
    assert fetcher.requests == []


# --- Retries -----------------------------------------------------------------------------------


def test_503_then_200_is_alive_after_backoff(fake_time: FakeTime) -> None:
    web = {URL: [page(URL, 503), page(URL, 503), page(URL, 200, STORY)]}
    result, fetcher = check(web, fake_time, LinkCheckOptions(retries=2, retry_backoff=2.0))
    assert result.verdict == LinkVerdict.ALIVE
    assert fake_time.sleeps == [2.0, 4.0]
    assert len(fetcher.requests) == 3


def test_retry_after_seconds_is_honoured(fake_time: FakeTime) -> None:
    web = {URL: [page(URL, 429, "", {"retry-after": "7"}), page(URL, 200, STORY)]}
    result, _ = check(web, fake_time)
    assert result.verdict == LinkVerdict.ALIVE
    assert fake_time.sleeps == [7.0]


def test_retry_after_http_date_is_honoured(fake_time: FakeTime) -> None:
    when = format_datetime(START + timedelta(seconds=12), usegmt=True)
    web = {URL: [page(URL, 503, "", {"retry-after": when}), page(URL, 200, STORY)]}
    result, _ = check(web, fake_time)
    assert result.verdict == LinkVerdict.ALIVE
    assert fake_time.sleeps == [12.0]


def test_retry_after_beyond_the_bound_ends_retries(fake_time: FakeTime) -> None:
    web = {URL: [page(URL, 429, "", {"retry-after": "3600"}), page(URL, 200, STORY)]}
    result, fetcher = check(web, fake_time, LinkCheckOptions(max_retry_wait=30))
    assert result.verdict == LinkVerdict.BLOCKED
    assert "asked to wait 3600 s, more than the 30 s allowed" in result.reason
    assert fake_time.sleeps == []
    assert len(fetcher.requests) == 1


def test_429_after_every_retry_is_blocked(fake_time: FakeTime) -> None:
    result, fetcher = check({URL: page(URL, 429)}, fake_time, LinkCheckOptions(retries=3))
    assert result.verdict == LinkVerdict.BLOCKED
    assert "after 3 retries" in result.reason
    assert len(fetcher.requests) == 4


def test_timeouts_are_retried_then_unreachable(fake_time: FakeTime) -> None:
    result, fetcher = check({URL: failed(URL, "timeout")}, fake_time, LinkCheckOptions(retries=2))
    assert result.verdict == LinkVerdict.UNREACHABLE
    assert len(fetcher.requests) == 3


def test_404_and_dns_failures_are_not_retried(fake_time: FakeTime) -> None:
    dead, first = check({URL: page(URL, 404)}, fake_time)
    gone, second = check({URL: failed(URL, "dns")}, fake_time)
    assert (dead.verdict, gone.verdict) == (LinkVerdict.DEAD, LinkVerdict.DEAD)
    assert len(first.requests) == len(second.requests) == 1


def test_a_challenge_served_with_503_is_not_retried(fake_time: FakeTime) -> None:
    result, fetcher = check(
        {URL: page(URL, 503, html("Just a moment..."), {"server": "cloudflare"})}, fake_time
    )
    assert result.verdict == LinkVerdict.BLOCKED
    assert len(fetcher.requests) == 1


# --- The deadline ------------------------------------------------------------------------------


def test_slow_hops_stop_at_the_deadline(fake_time: FakeTime) -> None:
    web = {
        f"https://a.example/{n}": redirect(f"https://a.example/{n}", f"/{n + 1}") for n in range(10)
    }
    result, fetcher = check(
        web, fake_time, LinkCheckOptions(timeout=10), url="https://a.example/0", latency=4.0
    )
    assert result.verdict == LinkVerdict.UNREACHABLE
    assert "deadline of 10 s" in result.reason
    assert len(fetcher.requests) == 3


def test_retry_waits_never_pass_the_deadline(fake_time: FakeTime) -> None:
    result, _ = check(
        {URL: page(URL, 503, "", {"retry-after": "20"})},
        fake_time,
        LinkCheckOptions(timeout=15, retries=5),
    )
    assert result.verdict == LinkVerdict.UNREACHABLE
    assert fake_time.sleeps == []


# --- The soft-404 probe ------------------------------------------------------------------------


SHELL = html(
    "A News",
    "<p>Sorry, the story you want has moved or never existed here. Try our search.</p>" * 3,
)


def test_probe_urls_are_stable_and_one_per_section() -> None:
    first = probe_urls("https://a.example/news/story-1.html")
    assert first == probe_urls("https://a.example/news/2019/05/12/story-2.html")
    assert len(first) == 2
    assert first[1].startswith("https://a.example/news/") and first[1].endswith(".html")
    assert probe_urls("https://a.example/top") == first[:1]
    assert probe_urls("https://b.example/x") != probe_urls("https://a.example/x")


def test_a_page_like_the_probe_answer_is_soft_404(fake_time: FakeTime) -> None:
    root_probe, sibling_probe = probe_urls(URL)
    web = {
        URL: page(URL, 200, SHELL),
        root_probe: page(root_probe, 404),
        sibling_probe: page(sibling_probe, 200, SHELL),
    }
    result, _ = check(web, fake_time, probes=ProbeCache())
    assert result.verdict == LinkVerdict.SOFT_404
    assert sibling_probe in result.reason


def test_probes_are_made_once_per_host_and_directory_even_from_many_threads(
    fake_time: FakeTime,
) -> None:
    urls = [f"https://a.example/news/story-{n}.html" for n in range(20)]
    web: dict = {
        url: page(url, 200, html(f"Story {n}", ARTICLE_TEXT.replace("Paragraph", f"Part{n}")))
        for n, url in enumerate(urls)
    }
    for probe_url in probe_urls(urls[0]):
        web[probe_url] = page(probe_url, 404)
    fetcher = fake_web(web)
    probes = ProbeCache()
    threads = [
        threading.Thread(
            target=check_url,
            args=(url, fetcher, LinkCheckOptions()),
            kwargs={"probes": probes, "clock": fake_time.clock},
        )
        for url in urls
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    asked = [request.url for request in fetcher.requests]
    assert sorted(asked.count(probe_url) for probe_url in probe_urls(urls[0])) == [1, 1]


def test_no_probe_for_pages_that_are_not_alive_or_without_a_cache(fake_time: FakeTime) -> None:
    _, dead_fetcher = check({URL: page(URL, 404)}, fake_time, probes=ProbeCache())
    _, plain_fetcher = check({URL: page(URL, 200, STORY)}, fake_time)
    assert [r.url for r in dead_fetcher.requests] == [URL]
    assert [r.url for r in plain_fetcher.requests] == [URL]


def test_an_unrecorded_probe_changes_nothing(fake_time: FakeTime) -> None:
    result, _ = check({URL: page(URL, 200, SHELL)}, fake_time, probes=ProbeCache())
    assert result.verdict == LinkVerdict.ALIVE


def test_each_hop_is_one_plain_get(fake_time: FakeTime) -> None:
    _, fetcher = check(
        {URL: redirect(URL, "/b"), "https://a.example/b": page("https://a.example/b", 200, STORY)},
        fake_time,
    )
    assert fetcher.requests == [FetchRequest(URL), FetchRequest("https://a.example/b")]


def test_checked_at_comes_from_the_injected_clock(fake_time: FakeTime) -> None:
    result, _ = check({URL: page(URL, 200, STORY)}, fake_time)
    assert result.checked_at == START.isoformat(timespec="seconds")


def test_reference_ids_are_carried(fake_time: FakeTime) -> None:
    result, _ = check({URL: FetchResult(URL, 200)}, fake_time, reference_ids=("r1", "r2"))
    assert result.reference_ids == ("r1", "r2")
