"""Classification of finished chains, one table row per verdict rule and per pattern.

All pages are simulated.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from citeaudit.model import FetchResult, LinkVerdict
from citeaudit.web.links.classify import ProbeAnswer, classify_chain, probe_answer

from tests.fakes import ARTICLE_TEXT, failed, html, page, redirect

CITED = "https://news.example/politics/2023/03/election-results.html"
HOME = "https://news.example/"
ALIVE, DEAD, SOFT, BLOCKED, UNREACHABLE, SKIPPED = (
    LinkVerdict.ALIVE,
    LinkVerdict.DEAD,
    LinkVerdict.SOFT_404,
    LinkVerdict.BLOCKED,
    LinkVerdict.UNREACHABLE,
    LinkVerdict.SKIPPED,
)
STORY = html("Election results | News", ARTICLE_TEXT)


@dataclass(frozen=True)
class Case:
    name: str
    chain: tuple[FetchResult, ...]
    verdict: LinkVerdict
    reason: str
    cited: str = CITED
    probes: tuple[ProbeAnswer, ...] = ()


def via(*hops: FetchResult) -> tuple[FetchResult, ...]:
    return hops


def moved_to(target: str, final: FetchResult) -> tuple[FetchResult, ...]:
    return (redirect(CITED, target), final)


CHALLENGES = [
    Case(
        "cloudflare just a moment 403",
        via(page(CITED, 403, html("Just a moment..."), {"server": "cloudflare"})),
        BLOCKED,
        "Just a moment",
    ),
    Case(
        "cloudflare just a moment 503",
        via(page(CITED, 503, html("Just a moment..."), {"server": "cloudflare"})),
        BLOCKED,
        "challenge",
    ),
    Case(
        "cloudflare attention required",
        via(page(CITED, 403, html("Attention Required! | Cloudflare"))),
        BLOCKED,
        "Attention Required",
    ),
    Case(
        "cf-mitigated header on 200",
        via(page(CITED, 200, html("Site"), {"cf-mitigated": "challenge"})),
        BLOCKED,
        "cf-mitigated",
    ),
    Case(
        "cloudflare challenge script on 503",
        via(
            page(
                CITED,
                503,
                html("Please wait", "<script>window._cf_chl_opt={}</script>"),
                {"server": "cloudflare"},
            )
        ),
        BLOCKED,
        "challenge",
    ),
    Case(
        "challenge page served as 404",
        via(page(CITED, 404, html("Just a moment..."))),
        BLOCKED,
        "challenge",
    ),
    Case(
        "stackpath",
        via(page(CITED, 403, html("StackPath", "<p>The request is blocked.</p>"))),
        BLOCKED,
        "StackPath",
    ),
    Case(
        "ddos-guard title",
        via(page(CITED, 200, html("DDoS-Guard", "<p>Checking your browser</p>"))),
        BLOCKED,
        "DDoS-Guard",
    ),
    Case(
        "ddos-guard body on 403",
        via(page(CITED, 403, html(None, "<script src='/.well-known/ddos-guard/check'></script>"))),
        BLOCKED,
        "DDoS-Guard",
    ),
    Case(
        "incapsula incident",
        via(page(CITED, 200, html(None, "Request unsuccessful. Incapsula incident ID: 123-456"))),
        BLOCKED,
        "Incapsula",
    ),
    Case(
        "akamai access denied",
        via(
            page(
                CITED,
                403,
                html(
                    "Access Denied",
                    "You don't have permission to access this resource. Reference #18",
                ),
                {"server": "AkamaiGHost"},
            )
        ),
        BLOCKED,
        "Access Denied",
    ),
    Case(
        "perimeterx press and hold",
        via(
            page(
                CITED,
                200,
                html(
                    "Access to this page has been denied",
                    "<div id='px-captcha'>Press &amp; Hold</div>",
                ),
            )
        ),
        BLOCKED,
        "denied",
    ),
    Case(
        "perimeterx body only",
        via(page(CITED, 403, html(None, "<div id='px-captcha'></div>"))),
        BLOCKED,
        "PerimeterX",
    ),
    Case(
        "datadome captcha",
        via(
            page(
                CITED,
                403,
                html(None, "<iframe src='https://geo.captcha-delivery.com/captcha'></iframe>"),
            )
        ),
        BLOCKED,
        "DataDome",
    ),
    Case(
        "hcaptcha on 403",
        via(page(CITED, 403, html("Verify", "<div class='h-captcha'></div>"))),
        BLOCKED,
        "hCaptcha",
    ),
    Case(
        "recaptcha interstitial on 200",
        via(page(CITED, 200, html("Verify", "<div class='g-recaptcha'></div>"))),
        BLOCKED,
        "reCAPTCHA",
    ),
    Case("are you a robot", via(page(CITED, 200, html("Are you a robot?"))), BLOCKED, "robot"),
    Case(
        "pardon our interruption",
        via(page(CITED, 200, html("Pardon Our Interruption"))),
        BLOCKED,
        "Pardon",
    ),
    Case(
        "anubis", via(page(CITED, 200, html("Making sure you're not a bot!"))), BLOCKED, "not a bot"
    ),
    Case(
        "challenge after redirect",
        moved_to(
            "/cdn-cgi/challenge",
            page("https://news.example/cdn-cgi/challenge", 403, html("Just a moment...")),
        ),
        BLOCKED,
        "challenge",
    ),
]

REFUSALS = [
    Case(f"status {status}", via(page(CITED, status, html("Nope"))), BLOCKED, f"HTTP {status}")
    for status in (401, 402, 403, 429, 451, 999)
] + [
    Case(
        "login page that returns to the article",
        moved_to(
            "https://news.example/login?next=/politics/2023/03/election-results.html",
            page(
                "https://news.example/login?next=/politics/2023/03/election-results.html",
                200,
                html("Sign in"),
            ),
        ),
        BLOCKED,
        "login",
    ),
]

GONE = [
    Case("404", via(page(CITED, 404, html("Not Found"))), DEAD, "HTTP 404"),
    Case("410", via(page(CITED, 410, html("Gone"))), DEAD, "HTTP 410"),
    Case(
        "full 404 page with a reCAPTCHA newsletter form",
        via(page(CITED, 404, html("Not found", ARTICLE_TEXT + "<div class='g-recaptcha'></div>"))),
        DEAD,
        "HTTP 404",
    ),
    Case(
        "chain ending in 404",
        moved_to("https://new.example/story", page("https://new.example/story", 404)),
        DEAD,
        "redirected to https://new.example/story, which answered HTTP 404",
    ),
    Case(
        "nxdomain", via(failed(CITED, "dns", "Name or service not known")), DEAD, "does not exist"
    ),
    Case(
        "redirect to a host that does not exist",
        moved_to("https://gone.example/x", failed("https://gone.example/x", "dns")),
        DEAD,
        "does not exist at https://gone.example/x",
    ),
]

SOFT_404 = [
    Case(
        "deep link to home",
        moved_to(HOME, page(HOME, 200, html("News", ARTICLE_TEXT))),
        SOFT,
        "home page",
    ),
    Case(
        "deep link to language home",
        moved_to("https://news.example/en/", page("https://news.example/en/", 200, html("News"))),
        SOFT,
        "home page",
    ),
    Case(
        "deep link to index.html",
        moved_to(
            "https://news.example/index.html",
            page("https://news.example/index.html", 200, html("News")),
        ),
        SOFT,
        "home page",
    ),
    Case(
        "deep link to another site's home",
        moved_to(
            "https://parked.example/", page("https://parked.example/", 200, html("Buy this domain"))
        ),
        SOFT,
        "home page",
    ),
    Case(
        "redirect to /404.html",
        moved_to("/404.html", page("https://news.example/404.html", 200, html("News"))),
        SOFT,
        "error page",
    ),
    Case(
        "redirect to /not-found",
        moved_to("/not-found", page("https://news.example/not-found", 200, html("News"))),
        SOFT,
        "error page",
    ),
    Case(
        "redirect to /errors/404",
        moved_to("/errors/404", page("https://news.example/errors/404", 200, html("News"))),
        SOFT,
        "error page",
    ),
    Case(
        "asp.net error redirect",
        moved_to(
            "/error.aspx?aspxerrorpath=/x",
            page("https://news.example/error.aspx?aspxerrorpath=/x", 200, html("News")),
        ),
        SOFT,
        "error page",
    ),
    Case(
        "redirect to /error",
        moved_to("/error", page("https://news.example/error", 200, html("News"))),
        SOFT,
        "error page",
    ),
    Case(
        "login page without return",
        moved_to("/login", page("https://news.example/login", 200, html("Sign in"))),
        SOFT,
        "login page",
    ),
    *[
        Case(
            f"title {title!r}", via(page(CITED, 200, html(title, ARTICLE_TEXT))), SOFT, "title says"
        )
        for title in (
            "Page not found | News",
            "404 Not Found",
            "Error 404 - News",
            "404",
            "Not Found",
            "Seite nicht gefunden – Zeitung",
            "Page introuvable",
            "Página no encontrada",
            "Pagina non trovata",
            "Página não encontrada",
            "Страница не найдена",
            "Pagina niet gevonden",
            "Nie znaleziono strony",
            "Sidan hittades inte",
            "Sayfa bulunamadı",
            "ページが見つかりません",
            "页面不存在",
            "Бет табылмады",
            "Oops! That page can’t be found. – Blog",
        )
    ],
    Case(
        "heading says missing",
        via(
            page(CITED, 200, html("News", ARTICLE_TEXT, heading="Sorry, this page does not exist"))
        ),
        SOFT,
        "heading says",
    ),
]

UNSURE = [
    Case("timeout", via(failed(CITED, "timeout")), UNREACHABLE, "timed out"),
    Case("reset", via(failed(CITED, "reset")), UNREACHABLE, "reset"),
    Case(
        "connection refused",
        via(failed(CITED, "connection", "Connection refused")),
        UNREACHABLE,
        "connection failed (Connection refused)",
    ),
    Case("tls", via(failed(CITED, "tls", "certificate verify failed")), UNREACHABLE, "TLS error"),
    Case(
        "headers too large", via(failed(CITED, "too-large")), UNREACHABLE, "headers were too large"
    ),
    Case(
        "resolver unreachable (our network is down)",
        via(failed(CITED, "dns", "[Errno -3] Temporary failure in name resolution")),
        UNREACHABLE,
        "DNS look-up failed for now",
    ),
    Case("dns servfail", via(failed(CITED, "dns", "SERVFAIL from 9.9.9.9")), UNREACHABLE, "DNS"),
    Case("500", via(page(CITED, 500)), UNREACHABLE, "HTTP 500"),
    Case(
        "503 without challenge",
        via(page(CITED, 503, html("Service Unavailable"), {"server": "cloudflare"})),
        UNREACHABLE,
        "HTTP 503",
    ),
    Case("400", via(page(CITED, 400)), UNREACHABLE, "HTTP 400"),
    Case("405", via(page(CITED, 405)), UNREACHABLE, "HTTP 405"),
    Case("3xx without location", via(page(CITED, 302)), UNREACHABLE, "Location"),
]

SKIPS = [
    Case("private address", via(failed(CITED, "refused-address", "10.0.0.1")), SKIPPED, "private"),
    Case("not recorded", via(failed(CITED, "not-recorded")), SKIPPED, "not recorded"),
    Case(
        "fetcher refuses the URL",
        via(failed(CITED, "invalid-url", "bad host")),
        LinkVerdict.INVALID,
        "bad host",
    ),
    Case(
        "redirect to a private address",
        moved_to("http://10.0.0.1/", failed("http://10.0.0.1/", "refused-address")),
        SKIPPED,
        "private",
    ),
]

ALIVE_CASES = [
    Case("plain 200", via(page(CITED, 200, STORY)), ALIVE, "HTTP 200"),
    Case(
        "moved article",
        moved_to(
            "https://news.example/2023/election-results",
            page("https://news.example/2023/election-results", 200, STORY),
        ),
        ALIVE,
        "redirected to",
    ),
    Case(
        "moved to a short path that is not a language",
        moved_to("https://news.example/ok", page("https://news.example/ok", 200, STORY)),
        ALIVE,
        "redirected",
    ),
    Case(
        "deep link to a regional home",
        moved_to("https://news.example/pt_BR/", page("https://news.example/pt_BR/", 200, STORY)),
        SOFT,
        "home page",
    ),
    Case(
        "same script, one more parameter",
        (
            redirect("https://db.example/index.php?id=123", "/index.php?id=123&lang=en"),
            page("https://db.example/index.php?id=123&lang=en", 200, STORY),
        ),
        ALIVE,
        "redirected",
        cited="https://db.example/index.php?id=123",
    ),
    Case(
        "deep link to home with tracking parameters",
        moved_to(
            "https://news.example/?utm_source=old-link",
            page("https://news.example/?utm_source=old-link", 200, STORY),
        ),
        SOFT,
        "home page",
    ),
    Case(
        "http to https",
        (
            redirect("http://news.example/a/b", "https://news.example/a/b"),
            page("https://news.example/a/b", 200, STORY),
        ),
        ALIVE,
        "HTTP 200",
        cited="http://news.example/a/b",
    ),
    Case(
        "home page cited, home served", via(page(HOME, 200, STORY)), ALIVE, "HTTP 200", cited=HOME
    ),
    Case(
        "root cited, redirected to language root",
        (redirect(HOME, "/en/"), page("https://news.example/en/", 200, STORY)),
        ALIVE,
        "redirected",
        cited=HOME,
    ),
    Case(
        "page named error-handling.html",
        moved_to(
            "https://docs.example/guide/error-handling.html",
            page(
                "https://docs.example/guide/error-handling.html",
                200,
                html("Error handling", ARTICLE_TEXT),
            ),
        ),
        ALIVE,
        "redirected",
    ),
    Case(
        "article about a 404 day",
        via(page(CITED, 200, html("Why 404 errors matter for the web's memory", ARTICLE_TEXT))),
        ALIVE,
        "HTTP 200",
    ),
    Case(
        "article titled gone",
        via(page(CITED, 200, html("Gone Girl review – a twisty thriller", ARTICLE_TEXT))),
        ALIVE,
        "HTTP 200",
    ),
    Case(
        "article with recaptcha comment form",
        via(
            page(
                CITED,
                200,
                html("Election results", ARTICLE_TEXT + "<div class='g-recaptcha'></div>"),
            )
        ),
        ALIVE,
        "HTTP 200",
    ),
    Case(
        "page on a cloudflare CDN with its injected script",
        via(
            page(
                CITED,
                200,
                html(
                    "Election results",
                    ARTICLE_TEXT
                    + "<script src='/cdn-cgi/challenge-platform/scripts/jsd/main.js'></script>",
                ),
                {"server": "cloudflare"},
            )
        ),
        ALIVE,
        "HTTP 200",
    ),
    Case(
        "page using a stackpath CDN",
        via(
            page(
                CITED,
                200,
                html(
                    "Election results",
                    ARTICLE_TEXT + "<link href='https://stackpath.bootstrapcdn.com/x.css'>",
                ),
            )
        ),
        ALIVE,
        "HTTP 200",
    ),
    Case(
        "news about stackpath",
        via(page(CITED, 200, html("StackPath raises funding", ARTICLE_TEXT))),
        ALIVE,
        "HTTP 200",
    ),
    Case(
        "pdf",
        via(page(CITED, 200, b"%PDF-1.4", {"content-type": "application/pdf"})),
        ALIVE,
        "HTTP 200",
    ),
    Case("204", via(page(CITED, 204)), ALIVE, "HTTP 204"),
]

ALL_CASES = CHALLENGES + REFUSALS + GONE + SOFT_404 + UNSURE + SKIPS + ALIVE_CASES


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda case: case.name)
def test_classification(case: Case) -> None:
    result = classify_chain(case.cited, case.chain, case.probes)
    assert (result.verdict, case.reason in result.reason) == (case.verdict, True), result.reason


def test_evidence_is_kept() -> None:
    result = classify_chain(CITED, moved_to(HOME, page(HOME, 200, html("News home"))))
    assert (result.status, result.final_url, result.page_title) == (200, HOME, "News home")


def test_retries_are_named_in_the_reason() -> None:
    result = classify_chain(CITED, via(page(CITED, 429)), retries=2)
    assert result.verdict == BLOCKED
    assert "after 2 retries" in result.reason


# --- The soft-404 probe ------------------------------------------------------------------------

SHELL = html(
    "News",
    "<p>Sorry, we looked everywhere for /abc123 but the story is somewhere else."
    " Try the search.</p>" * 3,
)


def probe(
    status: int, body: str, final_url: str = "https://news.example/0123456789abcdef"
) -> ProbeAnswer:
    answer = probe_answer("https://news.example/0123456789abcdef", [page(final_url, status, body)])
    assert answer is not None
    return answer


@pytest.mark.parametrize(
    ("name", "cited_body", "answer", "verdict"),
    [
        (
            "same template as the random path",
            SHELL.replace("abc123", "politics-2023"),
            probe(200, SHELL),
            SOFT,
        ),
        # The host's own "not found" page, answered here with 200: gone, whatever its wording.
        ("the host's 404 page served with 200", SHELL, probe(404, SHELL), SOFT),
        ("host answers 404 honestly, real article", STORY, probe(404, SHELL), ALIVE),
        ("real article differs from the host's 200 error page", STORY, probe(200, SHELL), ALIVE),
        ("same title, different text", html("News", ARTICLE_TEXT), probe(200, SHELL), ALIVE),
    ],
)
def test_probe_comparison(
    name: str, cited_body: str, answer: ProbeAnswer, verdict: LinkVerdict
) -> None:
    result = classify_chain(CITED, via(page(CITED, 200, cited_body)), [answer])
    assert result.verdict == verdict, name


def test_probe_redirected_to_the_same_place_as_the_cited_page() -> None:
    landing = "https://news.example/search?q=missing"
    answer = probe(200, html("Search"), final_url=landing)
    chain = moved_to(landing, page(landing, 200, html("Search", ARTICLE_TEXT)))
    result = classify_chain(CITED, chain, [answer])
    assert result.verdict == SOFT
    assert "path that does not exist" in result.reason


def test_probe_is_not_applied_to_a_site_root() -> None:
    result = classify_chain(HOME, via(page(HOME, 200, SHELL)), [probe(200, SHELL)])
    assert result.verdict == ALIVE


def test_a_failed_probe_gives_no_answer() -> None:
    assert (
        probe_answer("https://news.example/x", [failed("https://news.example/x", "timeout")])
        is None
    )


# --- A 404 that carries the cited page ---------------------------------------------------------

TITLED = "Regional election results announced today | News"


@pytest.mark.parametrize(
    ("page_title", "cited_title", "verdict"),
    [
        (TITLED, "Regional election results announced today", ALIVE),
        (
            "Regional Election Results Announced Today – News",
            "Regional election results announced today",
            ALIVE,
        ),
        ("South China Morning Post", "South China Morning Post", DEAD),
        (TITLED, None, DEAD),
        ("Page not found | News", "Page not found", DEAD),
        ("News", "News", DEAD),
        ("Something else entirely happened", "Regional election results announced today", DEAD),
    ],
)
def test_a_404_carrying_the_cited_title_is_not_dead(
    page_title: str, cited_title: str | None, verdict: LinkVerdict
) -> None:
    chain = via(page(CITED, 404, html(page_title, ARTICLE_TEXT)))
    assert classify_chain(CITED, chain, cited_title=cited_title).verdict == verdict
