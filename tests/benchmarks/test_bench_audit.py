"""Benchmark: a whole live audit of an 800-citation article, archive work included.

A generated article (simulated prose, 800 `{{cite web}}` citations, 138 of them with an
`archive-url`) is audited end to end by `python -m citeaudit audit` in a child process
(parse, links, snapshot look-ups, archive copies, claim support, report) against a loopback
web of 20 hosts (127.0.0.2 .. 127.0.0.21, skewed 1/sqrt(rank) as citations cluster) and a
simulated Wayback Machine on 127.0.0.30 (availability API, CDX, snapshot playback), which
answers 429 when more search requests than its limit arrive within a minute. The archive
client is pointed at it with `CITEAUDIT_ARCHIVE_ENDPOINT` and told its limit with
`CITEAUDIT_ARCHIVE_SEARCH_RATE` (the settings meant for testing, docs/links.md); the limit
is scaled up from the real archive's 24 a minute so that the run takes well under a minute.

Printed: the wall time as a ratio to the floor of the run, the larger of
- the politeness floor: for each host (the archive's playback included), its requests counted
  at the server, spaced by `--host-interval`;
- the archive floor: the search requests needed, divided by the archive's allowed rate;
and the peak RSS of the audit process (its own, from `wait4`), the 429s provoked, and the
most requests in flight at once per host, counted at the servers.

Goal (issue 12): at most 1.3 times the floor, under 150 MB, no 429, never more in flight per
host than `--per-host`. Scale with `CITEAUDIT_BENCH_CITATIONS` (default 800) and
`CITEAUDIT_BENCH_PARAGRAPHS` (paragraphs per story, default 120: about 9 KB of main text; with
400, reading the pages and claim support, both CPU-bound, outlast the archive floor).

Run: .venv/bin/python -m pytest -m benchmark -s tests/benchmarks/test_bench_audit.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tests.conftest import REPO
from tests.web.fetchers import loopback

pytestmark = [pytest.mark.benchmark, pytest.mark.usefixtures("loopback_network")]

CITATIONS = int(os.environ.get("CITEAUDIT_BENCH_CITATIONS", "800"))
ARCHIVED = 138 * CITATIONS // 800
HOSTS = 20
HOST_INTERVAL = 0.1
PER_HOST = 2
SEARCH_PER_MINUTE = 240
LATENCY = 0.02
STORY_PARAGRAPHS = int(os.environ.get("CITEAUDIT_BENCH_PARAGRAPHS", "120"))
"""Paragraphs of each simulated story: about 14 KB of HTML, 9 KB of main text."""
ARCHIVE_HOST = "127.0.0.30"
TOWNS = ["Almaty", "Astana", "Shymkent", "Karaganda", "Aktobe", "Taraz", "Pavlodar", "Oskemen"]
TEMPLATE_NAV = " ".join(f"<a href='/section/{n}'>Section {n}</a>" for n in range(40))
TEMPLATE_FOOT = "<p>" + "Simulated site footer with contact, privacy and terms links. " * 12


@dataclass(frozen=True)
class Citation:
    number: int
    host: int
    kind: str
    """`alive`, `dead` (404) or `soft-404` (a deep link redirected to the home page)."""
    archived: bool
    captured_before: bool
    """The Wayback Machine's availability API has a capture before the access-date."""

    @property
    def path(self) -> str:
        return f"/news/2023/story-{self.number}.html"

    @property
    def sentence(self) -> str:
        town = TOWNS[self.number % len(TOWNS)]
        return (
            f"In {2000 + self.number % 23}, the council of {town} approved"
            f" {100 + self.number} new homes near the river"
        )

    @property
    def needs_look_up(self) -> bool:
        return self.kind != "alive" and not self.archived

    @property
    def searches(self) -> int:
        """Availability only; else CDX before the access-date, then after it."""
        return (1 if self.captured_before else 3) if self.needs_look_up else 0


def plan(count: int) -> list[Citation]:
    weights = [1 / (rank + 1) ** 0.5 for rank in range(HOSTS)]
    hosts: list[int] = []
    for host, weight in enumerate(weights):
        hosts += [host] * round(count * weight / sum(weights))
    hosts = (hosts + [0] * count)[:count]
    citations = []
    for number in range(count):
        kind = "dead" if number % 12 == 5 else "soft-404" if number % 50 == 7 else "alive"
        citations.append(
            Citation(
                number,
                hosts[(number * 7) % count],
                kind,
                archived=number % 6 == 0 and number // 6 < ARCHIVED,
                captured_before=number % 24 < 12,
            )
        )
    return citations


def page(title: str, text: str) -> str:
    return (
        f"<!doctype html><html><head><title>{title} | Simulated News</title></head><body>"
        f"<nav>{TEMPLATE_NAV}</nav><main><h1>{title}</h1>{text}</main>"
        f"<footer>{TEMPLATE_FOOT}</footer></body></html>"
    )


def story(citation: Citation) -> str:
    filler = "".join(
        f"<p>Paragraph {n} of a simulated report on housing, planning and local budgets.</p>"
        for n in range(STORY_PARAGRAPHS)
    )
    return page(f"Story {citation.number}", f"<p>{citation.sentence}.</p>{filler}")


def article(citations: list[Citation], servers: list[loopback.LoopbackServer]) -> str:
    lines = ["{{Use dmy dates|date=March 2023}}", "'''Simulated town''' is a generated article."]
    for citation in citations:
        url = servers[citation.host].url(citation.path)
        archive = (
            f" |archive-url=https://web.archive.org/web/20230310000000/{url}"
            " |archive-date=10 March 2023"
            if citation.archived
            else ""
        )
        lines.append(
            f"{citation.sentence}.<ref>{{{{cite web |url={url} |title=Story {citation.number}"
            f" |website=Simulated News |date=1 March 2023 |access-date=11 March 2023{archive}}}}}"
            "</ref>"
        )
        if citation.number % 10 == 9:
            lines.append("")
    return "\n".join(lines) + "\n\n== References ==\n{{reflist}}\n"


class SimulatedWayback:
    """The archive's three endpoints; search answers 429 past `limit` a minute."""

    def __init__(self, citations: list[Citation], servers: list[loopback.LoopbackServer]) -> None:
        self.captured = {
            servers[c.host].url(c.path): c for c in citations if c.needs_look_up or c.archived
        }
        self.limit = SEARCH_PER_MINUTE
        self.searches: deque[float] = deque()
        self.answered_searches = 0
        self.search_times: list[float] = []
        self.rate_limited = 0
        self.lock = threading.Lock()

    def behaviour(self, exchange: loopback.Exchange) -> bool:
        parts = urlsplit(exchange.path)
        if parts.path.startswith("/web/"):
            exchange.pause(LATENCY)
            original = unquote(parts.path.split("/", 3)[3])
            return loopback.respond(200, page("Archived story", f"<p>{original}</p>"))(exchange)
        with self.lock:
            now = time.monotonic()
            while self.searches and self.searches[0] <= now - 60:
                self.searches.popleft()
            if len(self.searches) >= self.limit:
                self.rate_limited += 1
                return loopback.respond(429, "slow down", [("Retry-After", "60")])(exchange)
            self.searches.append(now)
            self.search_times.append(now)
            self.answered_searches += 1
        exchange.pause(LATENCY)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        citation = self.captured.get(query.get("url", ""))
        found = citation is not None and citation.captured_before
        if parts.path == "/wayback/available":
            closest = {
                "status": "200",
                "available": True,
                "timestamp": "20230301000000",
                "url": f"http://web.archive.org/web/20230301000000/{query.get('url')}",
            }
            body = {"archived_snapshots": {"closest": closest} if found else {}}
        else:
            body = [["timestamp", "original", "statuscode"]]
            later = citation is not None and citation.number % 4 == 0
            if later and "to" not in query:  # a capture after the access-date only
                body.append(["20230320000000", query.get("url", ""), "200"])
            body = body if len(body) > 1 else []
        return loopback.respond(200, json.dumps(body), [("Content-Type", "application/json")])(
            exchange
        )


def start_web(citations: list[Citation]) -> tuple[list[loopback.LoopbackServer], SimulatedWayback]:
    by_host: dict[int, list[Citation]] = {}
    for citation in citations:
        by_host.setdefault(citation.host, []).append(citation)

    def routes(host: int) -> dict[str, loopback.Behaviour]:
        table: dict[str, loopback.Behaviour] = {
            "/": loopback.respond(200, page("Home", "<p>Front page.</p>"), delay=LATENCY)
        }
        for citation in by_host.get(host, []):
            if citation.kind == "dead":
                table[citation.path] = loopback.respond(404, page("Not here", ""), delay=LATENCY)
            elif citation.kind == "soft-404":
                table[citation.path] = loopback.redirect("/", 302)
            else:
                table[citation.path] = loopback.respond(200, story(citation), delay=LATENCY)
        return table

    servers = loopback.start_hosts(
        HOSTS,
        routes,
        first=2,
        fallback=lambda host: loopback.respond(404, page("Not found", ""), delay=LATENCY),
        lifetime=300,
    ).servers
    wayback = SimulatedWayback(citations, servers)
    archive = loopback.LoopbackServer(host=ARCHIVE_HOST, fallback=wayback.behaviour, lifetime=300)
    return [*servers, archive.start()], wayback


def run_audit(source: Path, output: Path, endpoint: str) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MiB) and exit status of one audit in a child process."""
    environment = {
        **os.environ,
        "CITEAUDIT_ARCHIVE_ENDPOINT": endpoint,
        "CITEAUDIT_ARCHIVE_SEARCH_RATE": str(SEARCH_PER_MINUTE),
        "PYTHONPATH": str(REPO / "src"),
    }
    command = [
        sys.executable,
        "-m",
        "citeaudit",
        "audit",
        str(source),
        "--allow-private",
        "--no-state",
        "--timeout",
        "10",
        "--per-host",
        str(PER_HOST),
        "--host-interval",
        str(HOST_INTERVAL),
        "--as-of",
        "2026-11-28",
        "--format",
        "json",
        "-o",
        str(output),
        "-q",
    ]
    started = time.monotonic()
    with subprocess.Popen(command, env=environment, stderr=subprocess.PIPE) as process:
        stderr = process.stderr.read().decode() if process.stderr else ""
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode in (0, 1), stderr
    return wall, usage.ru_maxrss / 1024, started


def test_a_live_audit_of_800_citations_runs_near_its_floor(tmp_path: Path) -> None:
    citations = plan(CITATIONS)
    servers, wayback = start_web(citations)
    try:
        source = tmp_path / "Simulated_town.wiki"
        source.write_text(article(citations, servers[:-1]), encoding="utf-8")
        output = tmp_path / "report.json"
        wall, peak_mib, started = run_audit(source, output, servers[-1].base)
    finally:
        for server in servers:
            server.stop()
    report = json.loads(output.read_text())
    requests_per_host = {server.host: len(server.traffic.requests) for server in servers}
    playback = sum(1 for path in servers[-1].traffic.paths() if path.startswith("/web/"))
    requests_per_host[ARCHIVE_HOST] = playback
    politeness_floor = max(
        (count - 1) * HOST_INTERVAL + LATENCY for count in requests_per_host.values() if count
    )
    searches_needed = sum(citation.searches for citation in citations)
    archive_floor = searches_needed * 60 / SEARCH_PER_MINUTE
    floor = max(politeness_floor, archive_floor)
    peaks = {server.host: server.traffic.peak_in_flight for server in servers}
    verdicts: dict[str, int] = report["summary"]["links_by_verdict"]
    lookups = [link["archive_lookup"] for link in report["links"] if link["archive_lookup"]]
    print(
        f"\n[audit] {CITATIONS} citations ({ARCHIVED} with an archive-url) over {HOSTS} hosts;"
        f" verdicts {verdicts}; {len(lookups)} snapshot look-ups,"
        f" {len(report['support'])} cited sentences checked"
    )
    print(
        f"[audit] wall {wall:.1f} s; floor {floor:.1f} s (politeness {politeness_floor:.1f} s at"
        f" {HOST_INTERVAL} s per host, archive {archive_floor:.1f} s = {searches_needed} searches"
        f" at {SEARCH_PER_MINUTE}/min); ratio {wall / floor:.2f}x"
    )
    link_times = [moment for server in servers[:-1] for moment in server.traffic.times]
    print(
        f"[audit] link requests from {min(link_times) - started:.1f} s to"
        f" {max(link_times) - started:.1f} s; search requests from"
        f" {wayback.search_times[0] - started:.1f} s to {wayback.search_times[-1] - started:.1f} s"
    )
    print(
        f"[audit] peak RSS {peak_mib:.0f} MiB; 429s provoked {wayback.rate_limited};"
        f" search requests answered {wayback.answered_searches}; max in flight per host"
        f" {max(peaks.values())} (limit {PER_HOST})"
    )
    assert wayback.answered_searches == searches_needed
    assert wayback.rate_limited == 0
    assert max(peaks.values()) <= PER_HOST
    assert report["archive"]["problem"] is None and report["incomplete"] is None
    assert wall / floor <= 1.3
    assert peak_mib < 150
