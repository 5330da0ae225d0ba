"""Fetch an article's wikitext from a MediaWiki site through its Action API, via a `Fetcher`.

One request per page: `action=query&prop=revisions` with `formatversion=2` and `maxlag=5`,
following normalised titles and redirects (`redirects=1`), or a given revision (`revids=`).
Going through a `Fetcher` means a recorded fixture replays these calls offline like any other.

Etiquette (see https://www.mediawiki.org/wiki/API:Etiquette and
https://foundation.wikimedia.org/wiki/Policy:User-Agent_policy): one request at a time, a
User-Agent naming the tool, its version and a contact, and on 429/503 or a `maxlag` error a wait
of at least `Retry-After` seconds (5 when absent), a bounded number of times.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urljoin

from citeaudit import __version__
from citeaudit.errors import ArticleNotFound, FetchError, InputError
from citeaudit.model import FailureKind, FetchRequest, FetchResult
from citeaudit.web.fetchers.base import Fetcher

DEFAULT_SITE = "en.wikipedia.org"
MAXLAG_SECONDS = 5
MIN_RETRY_WAIT = 5.0
"""Wikimedia asks clients to wait at least 5 s when a 429/503 carries no `Retry-After`."""
MAX_RETRY_WAIT = 120.0
MAX_RETRIES = 4
MAX_REDIRECT_HOPS = 5
_PASSING_FAILURES = frozenset({FailureKind.TIMEOUT, FailureKind.RESET, FailureKind.CONNECTION})
"""Network failures worth a retry; a DNS or TLS failure will not pass by waiting."""


def user_agent(contact: str | None) -> str:
    """A User-Agent per Wikimedia's policy: tool/version, contact, library, and the word bot."""
    who = contact.strip() if contact and contact.strip() else "no contact given; see --contact"
    return f"citeaudit-bot/{__version__} ({who}) citeaudit/{__version__}"


def page_url(site: str, title: str) -> str:
    """`https://SITE/wiki/TITLE`: the address of a page, its title percent-encoded whole."""
    return f"https://{site}/wiki/{quote(title.replace(' ', '_'), safe='')}"


def index_url(site: str, **params: str | int) -> str:
    """`https://SITE/w/index.php?...`: a permanent link (`oldid=`), a history (`action=`)."""
    if "title" in params:
        params["title"] = str(params["title"]).replace(" ", "_")
    return f"https://{site}/w/index.php?{urlencode(params, quote_via=quote, safe='')}"


@dataclass(frozen=True)
class WikiPage:
    """One revision of a page: its wikitext and where it came from."""

    site: str
    title: str
    page_id: int
    revision_id: int
    timestamp: str
    wikitext: str
    requested: str
    parent_id: int | None = None
    normalized_from: str | None = None
    redirected_from: str | None = None

    @property
    def url(self) -> str:
        """The permanent link of this revision."""
        return index_url(self.site, oldid=self.revision_id)

    @property
    def history_url(self) -> str:
        """The page's history, where its authors are listed (for the CC BY-SA attribution)."""
        return index_url(self.site, title=self.title, action="history")

    def metadata(self) -> dict[str, object]:
        """What `citeaudit fetch` saves beside the wikitext (`revision.json`)."""
        return {
            "site": self.site,
            "title": self.title,
            "requested": self.requested,
            "page_id": self.page_id,
            "revision_id": self.revision_id,
            "parent_id": self.parent_id,
            "timestamp": self.timestamp,
            "normalized_from": self.normalized_from,
            "redirected_from": self.redirected_from,
            "source_url": self.url,
            "license": "CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)",
            "authors": self.history_url,
        }


class MediaWikiClient:
    """Reads page revisions from one wiki's `api.php` through a fetcher."""

    def __init__(
        self,
        fetcher: Fetcher,
        site: str = DEFAULT_SITE,
        contact: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_retries: int = MAX_RETRIES,
    ) -> None:
        self.fetcher = fetcher
        self.site = site
        self.api_url = f"https://{site}/w/api.php"
        self.user_agent = user_agent(contact)
        self._sleep = sleep
        self._max_retries = max_retries

    def page(self, title: str | None = None, revision: int | None = None) -> WikiPage:
        """The latest revision of `title`, or the revision `revision` (of whatever page it is)."""
        if revision is None and not (title and title.strip()):
            raise ArticleNotFound("no title given")
        answer = self._query(self.revision_url(title, revision))
        requested = title.strip() if title else f"revision {revision}"
        return self._page_from(answer, requested, revision)

    def revision_url(self, title: str | None = None, revision: int | None = None) -> str:
        """The API request for a page's latest revision, or for one revision by id."""
        params: dict[str, str] = {
            "action": "query",
            "format": "json",
            "formatversion": "2",
            "prop": "revisions",
            "rvprop": "content|ids|timestamp",
            "rvslots": "main",
            "redirects": "1",
            "maxlag": str(MAXLAG_SECONDS),
        }
        if revision is not None:
            params["revids"] = str(revision)
        else:
            params["titles"] = (title or "").strip()
        return f"{self.api_url}?{urlencode(params, safe='|', quote_via=quote)}"

    # --- the request, with retries -------------------------------------------------------------

    def _query(self, url: str) -> dict[str, object]:
        for attempt in range(self._max_retries + 1):
            result = self._get(url)
            wait = self._retry_wait(result)
            answer = _json_body(result, self.site) if wait is None else None
            if answer is not None:
                error = answer.get("error")
                if isinstance(error, dict) and error.get("code") == "maxlag":
                    wait = _retry_after(result, error)
                elif isinstance(error, dict):
                    raise InputError(
                        f"{self.site} refused the request: {error.get('code')}: {error.get('info')}"
                    )
                else:
                    return answer
            if attempt == self._max_retries:
                break
            self._sleep(wait if wait is not None else MIN_RETRY_WAIT)
        raise FetchError(
            f"{self.site} is busy (rate-limited or lagged) after {self._max_retries + 1} tries; "
            "try again in a few minutes"
        )

    def _get(self, url: str) -> FetchResult:
        headers = (("User-Agent", self.user_agent), ("Accept", "application/json"))
        for _hop in range(MAX_REDIRECT_HOPS + 1):
            result = self.fetcher.fetch(FetchRequest(url=url, headers=headers))
            location = result.header("location")
            if result.status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                continue
            return result
        raise FetchError(f"{self.site}: too many redirects from its API")

    def _retry_wait(self, result: FetchResult) -> float | None:
        """Seconds to wait before retrying this answer, or None when it is not a retryable one."""
        if result.failure is not None:
            if result.failure is FailureKind.NOT_RECORDED:
                raise FetchError(
                    f"{result.url} is not in the offline fixture; record it with "
                    "`citeaudit fetch TITLE -o DIR --record`"
                )
            if result.failure in _PASSING_FAILURES:
                return MIN_RETRY_WAIT
            raise FetchError(
                f"cannot reach {self.site}: {result.failure.value} {result.detail}".strip()
            )
        if result.status in (429, 503):
            return _retry_after(result, {})
        return None

    # --- reading the answer --------------------------------------------------------------------

    def _page_from(
        self, answer: dict[str, object], requested: str, revision: int | None
    ) -> WikiPage:
        query = answer.get("query")
        if not isinstance(query, dict):
            raise InputError(f"{self.site} answered without a `query` object: not a MediaWiki API?")
        if query.get("badrevids"):
            raise ArticleNotFound(f"{self.site} has no revision {revision}")
        pages = query.get("pages") or []
        if not isinstance(pages, list) or not pages or not isinstance(pages[0], dict):
            raise ArticleNotFound(f"{self.site} returned no page for {requested!r}")
        page = pages[0]
        title = well_formed(str(page.get("title", requested)))
        if page.get("invalid"):
            reason = page.get("invalidreason") or "not a valid page title"
            raise ArticleNotFound(f"{requested!r} is not a valid title on {self.site}: {reason}")
        if page.get("missing"):
            raise ArticleNotFound(
                f"{self.site} has no page titled {title!r}; check the spelling and the --site"
            )
        revisions = page.get("revisions") or []
        if not revisions or not isinstance(revisions[0], dict):
            raise ArticleNotFound(f"{self.site} returned no revision of {title!r}")
        latest = revisions[0]
        main = (latest.get("slots") or {}).get("main") or {}
        content = main.get("content")
        if not isinstance(content, str):
            raise InputError(
                f"the text of {title!r} (revision {latest.get('revid')}) is hidden or missing"
            )
        model = main.get("contentmodel", "wikitext")
        if model != "wikitext":
            raise InputError(f"{title!r} is a {model} page, not a wikitext article")
        normalized = _mapped_to(query.get("normalized"), requested)
        current = normalized or requested
        redirected = _mapped_to(query.get("redirects"), current)
        return WikiPage(
            site=self.site,
            title=title,
            page_id=int(page.get("pageid", 0)),
            revision_id=int(latest.get("revid", 0)),
            parent_id=_int_or_none(latest.get("parentid")),
            timestamp=str(latest.get("timestamp", "")),
            wikitext=well_formed(content),
            requested=requested,
            normalized_from=requested if normalized else None,
            redirected_from=current if redirected else None,
        )


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""`json.loads` joins escaped surrogate pairs into one character: any surrogate left is lone."""


def well_formed(text: str) -> str:
    """`text` with any lone surrogate (JSON's `\\ud800` escapes decode to one) as U+FFFD.

    Article text read from a file is UTF-8 and cannot hold one; from JSON it can, and no later
    stage (URL quoting, writing a report) could encode it.
    """
    return _LONE_SURROGATE.sub("\ufffd", text)


def _json_body(result: FetchResult, site: str) -> dict[str, object]:
    if result.status != 200:
        raise FetchError(f"{site} answered HTTP {result.status} to an API request")
    try:
        answer = json.loads(result.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(f"{site} did not answer with JSON: is it a MediaWiki site?") from None
    if not isinstance(answer, dict):
        raise InputError(f"{site} answered with JSON that is not an object")
    return answer


def _retry_after(result: FetchResult, error: dict[str, object]) -> float:
    """The wait a busy server asks for: `Retry-After`, else the reported lag, at least 5 s."""
    header = result.header("retry-after")
    seconds = MIN_RETRY_WAIT
    if header and header.strip().isdigit():
        seconds = float(header.strip())
    elif isinstance(error.get("lag"), int | float):
        seconds = float(error["lag"])  # type: ignore[arg-type]
    return min(max(seconds, MIN_RETRY_WAIT), MAX_RETRY_WAIT)


def _mapped_to(mappings: object, source: str) -> str | None:
    """Where a `normalized` or `redirects` list of the API sends `source`, or None."""
    if isinstance(mappings, list):
        for item in mappings:
            if isinstance(item, dict) and item.get("from") == source and item.get("to"):
                return str(item["to"])
    return None


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) else None
