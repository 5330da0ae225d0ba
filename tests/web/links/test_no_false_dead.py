"""The property that matters most: no page that is only blocked, slow or flaky is called dead,
and every page that is truly gone is.

Each row is a simulated site (one host each) with what it answers, one answer per request in
order (the last repeated), and the truth about the page. All rows run through `check_links`
with the default options, as one run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from hypothesis import given, settings
from hypothesis import strategies as st

from citeaudit.model import FailureKind, FetchResult, LinkVerdict
from citeaudit.web.links.batch import check_links
from citeaudit.web.links.checker import LinkCheckOptions, probe_urls
from citeaudit.web.links.classify import classify_chain
from citeaudit.web.links.targets import LinkTarget

from tests.fakes import ARTICLE_TEXT, FakeTime, failed, fake_web, html, page, redirect

STORY = html("A story", ARTICLE_TEXT)
CHALLENGE = html("Just a moment...", "<script>window._cf_chl_opt={}</script>")
PRESENT, GONE, SOFT_GONE = "present", "gone", "soft-gone"


@dataclass(frozen=True)
class Site:
    name: str
    truth: str
    answers: dict[str, list[FetchResult]]

    @property
    def url(self) -> str:
        return at(self.name)


def at(name: str) -> str:
    return f"https://{name}.example/section/page.html"


def answer(status: int, body: str = "", headers: dict[str, str] | None = None) -> FetchResult:
    """An answer for no URL yet: `site` and `elsewhere` give it the URL it answers."""
    return page("", status, body, headers)


def fails(kind: str) -> FetchResult:
    return failed("", kind)


def answering(url: str, answers: tuple[FetchResult, ...]) -> list[FetchResult]:
    return [replace(each, url=url) for each in answers]


def site(
    name: str, truth: str, *answers: FetchResult, extra: dict[str, list[FetchResult]] | None = None
) -> Site:
    return Site(name, truth, {at(name): answering(at(name), answers), **(extra or {})})


def elsewhere(url: str, *answers: FetchResult) -> dict[str, list[FetchResult]]:
    return {url: answering(url, answers)}


def rows() -> list[Site]:
    s = site
    return [
        # Blocked: the site refuses the checker; the page may well be there.
        s(
            "cf403",
            PRESENT,
            answer(403, CHALLENGE, {"server": "cloudflare", "cf-mitigated": "challenge"}),
        ),
        s("cf503", PRESENT, answer(503, CHALLENGE, {"server": "cloudflare"})),
        s("cf404", PRESENT, answer(404, CHALLENGE, {"server": "cloudflare"})),
        s("cf200", PRESENT, answer(200, CHALLENGE)),
        s("ddosguard", PRESENT, answer(403, html("DDoS-Guard"))),
        s(
            "incapsula",
            PRESENT,
            answer(200, html(None, "Request unsuccessful. Incapsula incident ID: 1-2")),
        ),
        s(
            "akamai",
            PRESENT,
            answer(
                403,
                html("Access Denied", "You don't have permission to access"),
                {"server": "AkamaiGHost"},
            ),
        ),
        s(
            "perimeterx",
            PRESENT,
            answer(403, html("Access to this page has been denied", "<div id='px-captcha'></div>")),
        ),
        s(
            "captcha404",
            PRESENT,
            answer(404, html("Security check", "<div class='g-recaptcha'></div>")),
        ),
        s("auth401", PRESENT, answer(401)),
        s("paywall402", PRESENT, answer(402)),
        s("forbidden", PRESENT, answer(403)),
        s("legal451", PRESENT, answer(451)),
        s("linkedin999", PRESENT, answer(999)),
        s("ratelimit", PRESENT, answer(429, "", {"retry-after": "5"})),
        s("ratelimit-long", PRESENT, answer(429, "", {"retry-after": "86400"})),
        s(
            "redirect-to-403",
            PRESENT,
            redirect("", at("redirect-to-403") + "?consent=1"),
            extra=elsewhere(at("redirect-to-403") + "?consent=1", answer(403)),
        ),
        s(
            "login-wall",
            PRESENT,
            redirect("", "/login?return=/section/page.html"),
            extra=elsewhere(
                "https://login-wall.example/login?return=/section/page.html",
                answer(200, html("Sign in")),
            ),
        ),
        # Slow and flaky: no decision, or the page after retries.
        s("timeout", PRESENT, fails("timeout")),
        s("timeout-then-ok", PRESENT, fails("timeout"), answer(200, STORY)),
        s("reset", PRESENT, fails("reset")),
        s("refused", PRESENT, fails("connection")),
        s("tls", PRESENT, fails("tls")),
        s("dns-servfail", PRESENT, replace(fails("dns"), detail="SERVFAIL from the resolver")),
        s(
            "resolver-down",
            PRESENT,
            replace(fails("dns"), detail="[Errno -3] Temporary failure in name resolution"),
        ),
        s("e500", PRESENT, answer(500)),
        s("e502-then-ok", PRESENT, answer(502), answer(200, STORY)),
        s("e503-twice-then-ok", PRESENT, answer(503), answer(503), answer(200, STORY)),
        s("e504", PRESENT, answer(504)),
        s("bad-request", PRESENT, answer(400)),
        s("no-get", PRESENT, answer(405)),
        s(
            "cookie-loop",
            PRESENT,
            redirect("", at("cookie-loop") + "?c=1"),
            extra=elsewhere(at("cookie-loop") + "?c=1", redirect("", at("cookie-loop"))),
        ),
        s("ok", PRESENT, answer(200, STORY)),
        s(
            "mislabelled-404",
            PRESENT,
            answer(404, html("A story about the regional election", ARTICLE_TEXT)),
        ),
        # Gone: evidence that the page is not there.
        s("nf404", GONE, answer(404, html("Not Found"))),
        s("gone410", GONE, answer(410)),
        s("nxdomain", GONE, fails("dns")),
        s(
            "moved-to-404",
            GONE,
            redirect("", "https://new-home.example/p"),
            extra=elsewhere("https://new-home.example/p", answer(404)),
        ),
        s(
            "two-hops-to-410",
            GONE,
            redirect("", "/a"),
            extra={
                **elsewhere(
                    "https://two-hops-to-410.example/a",
                    redirect("", "https://two-hops-to-410.example/b", 302),
                ),
                **elsewhere("https://two-hops-to-410.example/b", answer(410)),
            },
        ),
        s(
            "moved-to-nxdomain",
            GONE,
            redirect("", "https://expired.example/p"),
            extra=elsewhere("https://expired.example/p", fails("dns")),
        ),
        s("flaky-then-404", GONE, answer(503), answer(404)),
        s("timeout-then-404", GONE, fails("timeout"), answer(404)),
        # Gone behind a 200: soft-404s.
        s(
            "to-home",
            SOFT_GONE,
            redirect("", "/"),
            extra=elsewhere("https://to-home.example/", answer(200, STORY)),
        ),
        s("titled-missing", SOFT_GONE, answer(200, html("Page not found – Site", ARTICLE_TEXT))),
        s(
            "to-error-page",
            SOFT_GONE,
            redirect("", "/404.html"),
            extra=elsewhere("https://to-error-page.example/404.html", answer(200, html("A site"))),
        ),
        s(
            "probe-alike",
            SOFT_GONE,
            answer(200, html("Site", "Nothing to see here, try the search box. " * 5)),
            extra={
                url: answering(
                    url,
                    (answer(200, html("Site", "Nothing to see here, try the search box. " * 5)),),
                )
                for url in probe_urls(at("probe-alike"))
            },
        ),
    ]


def test_no_false_dead_and_every_dead_found(fake_time: FakeTime) -> None:
    sites = rows()
    web: dict[str, list[FetchResult]] = {}
    for each in sites:
        web.update(each.answers)
    targets = [
        LinkTarget(each.url, (each.name,), title="A story about the regional election")
        for each in sites
    ]
    results = {
        result.reference_ids[0]: result
        for result in check_links(targets, fake_web(web), LinkCheckOptions(), clock=fake_time.clock)
    }

    false_dead = [
        name
        for name, r in results.items()
        if _truth(sites, name) == PRESENT and r.verdict in (LinkVerdict.DEAD, LinkVerdict.SOFT_404)
    ]
    missed_dead = [
        name
        for name, r in results.items()
        if _truth(sites, name) == GONE and r.verdict != LinkVerdict.DEAD
    ]
    missed_soft = [
        name
        for name, r in results.items()
        if _truth(sites, name) == SOFT_GONE and r.verdict != LinkVerdict.SOFT_404
    ]
    assert (false_dead, missed_dead, missed_soft) == ([], [], [])
    assert sum(1 for name in results if _truth(sites, name) == PRESENT) == 34
    assert sum(1 for name in results if _truth(sites, name) != PRESENT) == 12


def test_every_blocked_row_says_blocked(fake_time: FakeTime) -> None:
    blocked_rows = {
        "cf403",
        "cf503",
        "cf404",
        "cf200",
        "ddosguard",
        "incapsula",
        "akamai",
        "perimeterx",
        "captcha404",
        "auth401",
        "paywall402",
        "forbidden",
        "legal451",
        "linkedin999",
        "ratelimit",
        "ratelimit-long",
        "redirect-to-403",
        "login-wall",
    }
    sites = [each for each in rows() if each.name in blocked_rows]
    web: dict[str, list[FetchResult]] = {}
    for each in sites:
        web.update(each.answers)
    results = check_links(
        [LinkTarget(each.url, (each.name,)) for each in sites], fake_web(web), clock=fake_time.clock
    )
    assert {r.reference_ids[0]: r.verdict for r in results} == dict.fromkeys(
        blocked_rows, LinkVerdict.BLOCKED
    )


def _truth(sites: list[Site], name: str) -> str:
    return next(each.truth for each in sites if each.name == name)


# --- The same property over generated chains --------------------------------------------------

BODIES = [
    "",
    STORY,
    CHALLENGE,
    html("Page not found"),
    html("Access Denied", "You don't have permission to access"),
    html("Security check", "<div class='g-recaptcha'></div>"),
    html(None, "Request unsuccessful. Incapsula incident ID: 1"),
]
STATUSES = [200, 204, 301, 302, 400, 401, 403, 404, 405, 410, 429, 451, 500, 503, 999]
FAILURES = ["timeout", "reset", "connection", "tls", "dns", "too-large", "protocol"]
DNS_DETAILS = ["Name or service not known", "[Errno -3] Temporary failure in name resolution"]


@st.composite
def chains(draw: st.DrawFn) -> list[FetchResult]:
    hops = []
    for index in range(draw(st.integers(min_value=1, max_value=4))):
        url = f"https://h{index}.example/p/{index}"
        if draw(st.booleans()):
            detail = draw(st.sampled_from(DNS_DETAILS))
            hops.append(failed(url, draw(st.sampled_from(FAILURES)), detail))
            break
        headers = draw(
            st.sampled_from([{}, {"server": "cloudflare"}, {"cf-mitigated": "challenge"}])
        )
        hops.append(
            page(url, draw(st.sampled_from(STATUSES)), draw(st.sampled_from(BODIES)), headers)
        )
    return hops


@settings(max_examples=300, deadline=None)
@given(chains())
def test_dead_only_on_evidence_that_the_page_is_gone(chain: list[FetchResult]) -> None:
    verdict = classify_chain("https://h0.example/p/0", chain).verdict
    last = chain[-1]
    gone = last.status in (404, 410) or (
        last.failure is FailureKind.DNS and "Temporary" not in last.detail
    )
    refused = last.status in (401, 402, 403, 407, 429, 451, 999) or last.header("cf-mitigated")
    if verdict == LinkVerdict.DEAD:
        assert gone and not refused
    if last.status in (404, 410) and last.body in (b"", STORY.encode()) and not refused:
        assert verdict == LinkVerdict.DEAD
