"""A simulated web for repair tests: cited pages, and a Wayback Machine with captures per URL.

Every page here is simulated (short hand-written stand-ins). Audits run for real over it: the
link checker, the archive look-ups and claim support, then the checks, then the repairs.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from citeaudit.audit import AuditOptions, WebAccess, run_audit
from citeaudit.fix import Patch, propose_fixes
from citeaudit.model import FailureKind, FetchRequest, FetchResult, Report, SourceForm
from citeaudit.parse import parse_article
from citeaudit.web.archive import WaybackArchive
from citeaudit.web.links import LinkCheckOptions, WebRun
from citeaudit.web.urls import normalise_url
from tests.conftest import AS_OF
from tests.fakes import FakeFetcher, FakeTime, SimulatedWayback, html, page

FAST = LinkCheckOptions(min_interval=0.0, probe_soft_404=False)
BODY = " ".join(
    f"Sentence {n} of a simulated page about the subject of the citation." for n in range(30)
)


def alive(url: str, title: str, head: str = "") -> FetchResult:
    """A simulated page that answers, with its own title and metadata."""
    return page(
        url,
        200,
        html(title, f"<article><p>{BODY}</p></article>").replace("<head>", f"<head>{head}"),
    )


@dataclass
class SimulatedWeb:
    """Cited pages by URL (unknown ones fail as not recorded), Wayback captures by URL
    (`(timestamp, status)`), and every snapshot URL answering 200."""

    pages: dict[str, FetchResult] = field(default_factory=dict)
    captures: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def fetcher(self) -> FakeFetcher:
        return FakeFetcher(self.answer)

    def answer(self, request: FetchRequest) -> FetchResult:
        parts = urlsplit(request.url)
        if parts.path in ("/wayback/available", "/cdx/search/cdx"):
            url = parse_qs(parts.query)["url"][0]
            captures = {normalise_url(k).url or k: v for k, v in self.captures.items()}
            return SimulatedWayback(captures.get(url, [])).answer(request)
        if parts.hostname == "web.archive.org" and parts.path.startswith("/web/"):
            return page(request.url, 200, html("Archived copy (simulated)", f"<p>{BODY}</p>"))
        found = self.pages.get(request.url) or next(
            (answer for url, answer in self.pages.items() if normalise_url(url).url == request.url),
            None,
        )
        return found or FetchResult(request.url, failure=FailureKind.NOT_RECORDED)


def audit(text: str, web: SimulatedWeb, as_of: dt.date = AS_OF) -> Report:
    """A real audit of the wikitext over the simulated web."""
    fetcher = web.fetcher()
    article = parse_article(text, SourceForm.WIKITEXT, title="Test article")
    access = WebAccess(WebRun(fetcher, FAST, archive=WaybackArchive(fetcher, FakeTime().clock)))
    # A first failure counts in full here: what the repairs answer, not when they are confirmed.
    options = AuditOptions(as_of=as_of, offline=True, dead_after_days=0)
    return run_audit(article, options, access)


def fix(text: str, web: SimulatedWeb, as_of: dt.date = AS_OF) -> tuple[Report, Patch]:
    report = audit(text, web, as_of)
    return report, propose_fixes(report, text)


def serious(report: Report) -> dict[tuple[str, str | None], int]:
    """Each (code, reference) the report finds, with its severity's rank."""
    found: dict[tuple[str, str | None], int] = {}
    for finding in report.findings:
        key = (finding.code, finding.reference_id)
        found[key] = max(found.get(key, -1), finding.severity.rank)
    return found


def json_page(data: object) -> bytes:
    return json.dumps(data).encode()
