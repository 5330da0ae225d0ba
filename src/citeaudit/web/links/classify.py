"""The verdict on a finished redirect chain: one `LinkVerdict`, the reason, and the evidence.

Pure functions of what was seen on the wire. The order of the rules is the point: a challenge
page is `blocked` whatever its status, refusals (401, 403, 429, 451, 999) are `blocked`, only a
404, a 410 or a host that does not exist is `dead`, everything that might pass is
`unreachable`, and a 2xx answer is `alive` unless it is a soft-404 (redirected home, to an error
or login page, titled "page not found", or the same page the host serves for a random path).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from citeaudit.model import FailureKind, FetchResult, LinkVerdict
from citeaudit.web.links.page import Fingerprint, Page, own_shingles, read_page, similarity
from citeaudit.web.links.signals import (
    BLOCKING_STATUSES,
    challenge_evidence,
    error_url_evidence,
    is_deep_link,
    is_site_root,
    login_evidence,
    missing_page_evidence,
    says_missing,
)
from citeaudit.web.urls import same_url

REFUSED = "the checker was refused, not the page"
# A shorter title ("News", "The New York Times": citations often give the site's name as the
# title) says nothing about which page it is.
MIN_TITLE_CHARS = 20
MIN_TITLE_WORDS = 5
_TITLE_WORD = re.compile(r"\w+")
GONE_STATUSES = {404: "not found", 410: "gone"}
# Two pages with the same title and at least this much text in common are the same page.
SAME_PAGE_SIMILARITY = 0.85
# Without a title to compare, only near-identical text counts.
SAME_TEXT_SIMILARITY = 0.95
# A page that adds fewer distinct word shingles than this to another page is that page (a
# short notice differs from the host's "not found" text by about this much; a real article,
# however heavy its site's template, adds its own sentences).
MAX_OWN_SHINGLES = 15
# A page is short when it adds at most this much to the host's "not found" page, or, with no
# such page to compare, when a reader sees at most this much text.
SHORT_OWN_SHINGLES = 60
SHORT_TEXT_CHARS = 1500
# A page names the cited title when at least this share of its longer words are in its HTML.
NAMED_SHARE = 0.3
_TITLE_WORD_MIN = 4

FAILURE_PHRASES = {
    FailureKind.DNS: "DNS look-up failed for now",
    FailureKind.TIMEOUT: "timed out",
    FailureKind.RESET: "connection reset",
    FailureKind.CONNECTION: "connection failed",
    FailureKind.TLS: "TLS error",
    FailureKind.PROTOCOL: "the answer was not HTTP",
    FailureKind.TOO_LARGE: "the answer's headers were too large",
    FailureKind.INVALID_URL: "not a fetchable URL",
    FailureKind.NOT_TRIED: "not tried, the network of this run was down",
}

# How resolvers word a temporary failure (glibc, musl, macOS, Windows WSATRY_AGAIN).
TEMPORARY_DNS_MARKERS = (
    "temporary failure",
    "try again",
    "eai_again",
    "errno -3]",
    "[errno 11002]",
    "timed out",
    "timeout",
    "servfail",
)

SKIP_REASONS = {
    FailureKind.REFUSED_ADDRESS: (
        "refused: the host resolves to a private, loopback or reserved address"
        " (--allow-private checks it)"
    ),
    FailureKind.NOT_RECORDED: "not recorded",
}


@dataclass(frozen=True)
class Classification:
    """A verdict with its reason and the evidence read from the last hop."""

    verdict: LinkVerdict
    reason: str
    status: int | None = None
    final_url: str | None = None
    page_title: str | None = None


@dataclass(frozen=True)
class ProbeAnswer:
    """How a host answered a path that cannot exist there (the soft-404 probe)."""

    url: str
    status: int | None
    final_url: str
    title: str | None
    fingerprint: Fingerprint

    @property
    def answers_anything(self) -> bool:
        """True when the host said 2xx to a path that cannot exist."""
        return self.status is not None and 200 <= self.status < 300


def probe_answer(probe_url: str, chain: Sequence[FetchResult]) -> ProbeAnswer | None:
    """What the probe's finished chain says, or None when the probe failed (no conclusion then)."""
    if not chain or chain[-1].failure is not None:
        return None
    last = chain[-1]
    page = read_page(last)
    return ProbeAnswer(probe_url, last.status, last.url, page.title, page.fingerprint)


def classify_chain(
    cited_url: str,
    chain: Sequence[FetchResult],
    probes: Sequence[ProbeAnswer] = (),
    retries: int = 0,
    cited_title: str | None = None,
) -> Classification:
    """Classify the chain of hops a check of `cited_url` went through.

    `chain` holds one result per hop, the last being where the check stopped (an answer that is
    not a redirect, or a failure). `probes` are the host's answers to random paths, when known;
    `retries` is how many times the last hop was retried, for the reason. `cited_title` is the
    title the citation gives: a 404 page that carries it is the page, mislabelled by its server.
    """
    if not chain:
        return Classification(LinkVerdict.UNREACHABLE, "no request was made")
    last = chain[-1]
    if last.failure is not None:
        return _classify_failure(last, len(chain) > 1, retries)
    page = read_page(last)
    evidence = Classification(LinkVerdict.ALIVE, "", last.status, last.url, page.title)
    challenge = challenge_evidence(last, page)
    if challenge is not None:
        return _with(
            evidence,
            LinkVerdict.BLOCKED,
            f"{challenge} (HTTP {last.status}); {REFUSED}",
        )
    status = last.status or 0
    after = _after_retries(retries)
    if status in BLOCKING_STATUSES:
        return _with(
            evidence,
            LinkVerdict.BLOCKED,
            f"HTTP {status} {BLOCKING_STATUSES[status]}{after}; {REFUSED}",
        )
    if status in GONE_STATUSES and carries_cited_title(page.title, cited_title):
        return _with(
            evidence,
            LinkVerdict.ALIVE,
            f"HTTP {status}, but the page carries the cited title: its server mislabels it",
        )
    if status in GONE_STATUSES:
        return _with(
            evidence,
            LinkVerdict.DEAD,
            _redirect_prefix(chain) + f"HTTP {status} {GONE_STATUSES[status]}",
        )
    if status >= 500:
        return _with(
            evidence, LinkVerdict.UNREACHABLE, f"HTTP {status} server error{after}; may pass"
        )
    if 300 <= status < 400:
        return _with(
            evidence, LinkVerdict.UNREACHABLE, f"HTTP {status} redirect without a usable Location"
        )
    if not 200 <= status < 300:
        return _with(
            evidence, LinkVerdict.UNREACHABLE, f"HTTP {status}: no evidence that the page is gone"
        )
    return _classify_success(cited_url, last, page, probes, evidence, cited_title)


def is_temporary_dns_failure(detail: str) -> bool:
    """True when a DNS failure says "try again" rather than "no such host".

    A resolver that cannot be reached (the checker's own network is down) or answers SERVFAIL
    raises `EAI_AGAIN`, "Temporary failure in name resolution": that is no evidence against
    the host, and calling every link dead on a train without Wi-Fi is the worst error.
    """
    lowered = detail.lower()
    return any(marker in lowered for marker in TEMPORARY_DNS_MARKERS)


def _classify_failure(last: FetchResult, redirected: bool, retries: int) -> Classification:
    failure = last.failure or FailureKind.CONNECTION
    detail = f" ({last.detail})" if last.detail else ""
    where = f" at {last.url}" if redirected else ""
    if failure in SKIP_REASONS:
        return Classification(
            LinkVerdict.SKIPPED, SKIP_REASONS[failure] + where, final_url=last.url
        )
    if failure is FailureKind.DNS and not is_temporary_dns_failure(last.detail):
        return Classification(
            LinkVerdict.DEAD, f"the host name does not exist{where}{detail}", final_url=last.url
        )
    if failure is FailureKind.INVALID_URL and not redirected:
        return Classification(LinkVerdict.INVALID, f"not a checkable URL{detail}")
    phrase = FAILURE_PHRASES[failure]
    return Classification(
        LinkVerdict.UNREACHABLE,
        f"{phrase}{where}{detail}{_after_retries(retries)}; may pass",
        final_url=last.url,
    )


def _classify_success(
    cited_url: str,
    last: FetchResult,
    page: Page,
    probes: Sequence[ProbeAnswer],
    evidence: Classification,
    cited_title: str | None = None,
) -> Classification:
    redirected = not same_url(cited_url, last.url)
    deep = is_deep_link(cited_url)
    if redirected:
        error_page = error_url_evidence(last.url)
        if error_page is not None:
            return _with(evidence, LinkVerdict.SOFT_404, error_page)
        login = login_evidence(last.url, cited_url)
        if login is not None and login[1]:
            return _with(
                evidence,
                LinkVerdict.BLOCKED,
                f"{login[0]}, which returns to the cited page: access is restricted",
            )
        if login is not None and deep:
            return _with(evidence, LinkVerdict.SOFT_404, f"deep link {login[0]}")
        if deep and is_site_root(last.url):
            return _with(
                evidence,
                LinkVerdict.SOFT_404,
                f"deep link redirected to the site's home page ({last.url})",
            )
    missing = missing_page_evidence(page)
    if missing is not None:
        return _with(evidence, LinkVerdict.SOFT_404, missing)
    if deep:
        for probe in probes:
            if looks_like_probe(last, page, probe):
                return _with(
                    evidence,
                    LinkVerdict.SOFT_404,
                    f"the page looks like the host's answer to a path that does not exist"
                    f" ({probe.url})",
                )
            if is_not_found_page(page, probe):
                return _with(
                    evidence,
                    LinkVerdict.SOFT_404,
                    f"the page is the host's own answer to a path that does not exist"
                    f" ({probe.url}, HTTP {probe.status}), served here with HTTP {last.status}",
                )
        if is_short_and_unnamed(page, probes, cited_title):
            return _with(
                evidence,
                LinkVerdict.SOFT_404,
                f"a short page that nowhere names the cited title ({cited_title!r})",
            )
    reason = f"HTTP {last.status}" + (f", redirected to {last.url}" if redirected else "")
    return _with(evidence, LinkVerdict.ALIVE, reason)


def looks_like_probe(last: FetchResult, page: Page, probe: ProbeAnswer) -> bool:
    """True when the cited page is what the host also serves (2xx) for a path that cannot exist.

    Near-identical text alone is not enough on a site whose template outweighs its articles:
    the page must also add next to nothing of its own.
    """
    if not probe.answers_anything:
        return False
    if not same_url(probe.final_url, probe.url) and same_url(probe.final_url, last.url):
        return True
    if page.title and probe.title and page.title == probe.title:
        return similarity(page.fingerprint, probe.fingerprint) >= SAME_PAGE_SIMILARITY
    return (
        similarity(page.fingerprint, probe.fingerprint) >= SAME_TEXT_SIMILARITY
        and own_shingles(page.fingerprint, probe.fingerprint) < MAX_OWN_SHINGLES
    )


def is_not_found_page(page: Page, probe: ProbeAnswer) -> bool:
    """True when a 2xx page is the host's "not found" page: the one it answers (with an error
    status) for a path that cannot exist, same title, adding next to nothing of its own.

    Worded however the site likes: nothing here reads the words, only what the two share.
    """
    if probe.answers_anything or not probe.fingerprint or not page.fingerprint:
        return False
    if page.title != probe.title:
        return False
    return own_shingles(page.fingerprint, probe.fingerprint) < MAX_OWN_SHINGLES


def is_short_and_unnamed(
    page: Page, probes: Sequence[ProbeAnswer], cited_title: str | None
) -> bool:
    """True when a deep link answers a short page that nowhere names what was cited.

    A page keeps its own title somewhere (the `<title>`, a heading, `og:title`, JSON-LD, the
    URL of its canonical link), so a long cited title (five words or more) none of whose longer
    words appears anywhere in the HTML is not on this page; and a short page (little beyond
    the host's "not found" text, or little text at all) is a notice, not a moved article.
    """
    words = _title_words(cited_title)
    if not page.html or not _is_long_title(cited_title) or len(words) < 3:
        return False
    in_markup = set(_TITLE_WORD.findall(html.unescape(page.html).casefold()))
    named = len(words & in_markup) / len(words)
    if named >= NAMED_SHARE:
        return False
    bodies = [probe.fingerprint for probe in probes if probe.fingerprint]
    if bodies:
        return min(own_shingles(page.fingerprint, body) for body in bodies) <= SHORT_OWN_SHINGLES
    return page.text_chars <= SHORT_TEXT_CHARS


def _title_words(title: str | None) -> set[str]:
    return {
        word
        for word in _TITLE_WORD.findall((title or "").casefold())
        if len(word) >= _TITLE_WORD_MIN
    }


def _is_long_title(title: str | None) -> bool:
    key = _title_key(title)
    return len(key) >= MIN_TITLE_CHARS and len(key.split()) >= MIN_TITLE_WORDS


def carries_cited_title(page_title: str | None, cited_title: str | None) -> bool:
    """True when a page's title contains the citation's title (or the reverse), compared loosely.

    Only a cited title of five words or more counts (a citation titled with the site's name
    proves nothing), and never a page title that says the page is missing.
    """
    page_key, cited_key = _title_key(page_title), _title_key(cited_title)
    if len(cited_key) < MIN_TITLE_CHARS or len(cited_key.split()) < MIN_TITLE_WORDS:
        return False
    if page_title is None or says_missing(page_title):
        return False
    return cited_key in page_key or page_key in cited_key


def _title_key(title: str | None) -> str:
    return " ".join(_TITLE_WORD.findall((title or "").casefold()))


def _with(evidence: Classification, verdict: LinkVerdict, reason: str) -> Classification:
    return Classification(verdict, reason, evidence.status, evidence.final_url, evidence.page_title)


def _after_retries(retries: int) -> str:
    return f" after {retries} retr{'y' if retries == 1 else 'ies'}" if retries else ""


def _redirect_prefix(chain: Sequence[FetchResult]) -> str:
    return f"redirected to {chain[-1].url}, which answered " if len(chain) > 1 else ""
