"""A links scan judges the checker's own network once, over every host task of the run.

Two hosts the test starts on loopback are reached by name (`alpha.test`, `beta.test`) through
a resolver the test gives the fetcher; `gone.test` is a name that does not exist. With three
URLs a task, each host is a task of its own, as hosts often are in a scan: alone, the task of
`gone.test` sees no name resolve, and only the whole run can tell a missing host from a
failing resolver. The Internet Archive is answered in the test's process (no capture), behind
the same resolver, so that no request leaves the machine.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import socket
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import responses
from distributed import Client

from citeaudit.app.cli import World, main
from citeaudit.model import FailureKind, FetchRequest, FetchResult, LinkResult, LinkVerdict
from citeaudit.scan import run_scan
from citeaudit.scan.links import (
    Frontier,
    LinkScanOptions,
    UnitOutcome,
    frontier_path,
    judge_held,
    result_json,
)
from citeaudit.scan.store import read_table
from citeaudit.web.clock import Clock
from citeaudit.web.fetchers.base import Fetcher
from citeaudit.web.fetchers.live import LiveFetcher
from citeaudit.web.health import NO_NAME_RESOLVED, NetworkHealth
from citeaudit.web.links import LinkCheckOptions, LinkHistory
from tests.web.fetchers import loopback

from .conftest import AS_OF, config, local_cluster
from .dumpwriter import PageSpec, write_multistream
from .reports import cli_report, report_from_rows, rows_by_article

ALPHA, BETA, GONE = "alpha.test", "beta.test", "gone.test"
CITED = {ALPHA: 3, BETA: 2, GONE: 3}
"""URLs cited on each host."""
ARCHIVE_HOSTS = {"archive.org", "web.archive.org"}
NO_SUCH_NAME = "Name or service not known"
PAGE = (
    "<html><head><title>Harbour report {n}</title></head><body><article><p>Simulated page for"
    " the citeaudit tests. The harbour reopened in 2019 after two years of repairs.</p>"
    "</article></body></html>"
)
RESOLUTIONS: Counter[str] = Counter()
"""Names looked up, by name, across the scan's tasks (the test's workers run in its process)."""
_COUNTING = threading.Lock()


def resolve(addresses: dict[str, str], host: str, port: int) -> list[str]:
    """The test's resolver: `addresses` by name; any other name does not exist."""
    with _COUNTING:
        RESOLUTIONS[host] += 1
    if host in addresses:
        return [addresses[host]]
    raise socket.gaierror(socket.EAI_NONAME, NO_SUCH_NAME)


class NamedLoopback(Fetcher):
    """Names looked up by the test's resolver: loopback hosts through the live fetcher, and the
    Internet Archive's APIs answered here (no capture) when the archive's name resolves."""

    def __init__(self, addresses: dict[str, str]) -> None:
        self.resolve = functools.partial(resolve, addresses)
        self.live = LiveFetcher(allow_private=True, resolver=self.resolve)

    def fetch(self, request: FetchRequest) -> FetchResult:
        host = urlsplit(request.url).hostname or ""
        if host not in ARCHIVE_HOSTS:
            return self.live.fetch(request)
        try:
            self.resolve(host, 443)
        except socket.gaierror as error:
            return FetchResult(request.url, failure=FailureKind.DNS, detail=str(error))
        body = b"[]" if "/cdx/" in request.url else b'{"archived_snapshots": {}}'
        return FetchResult(request.url, 200, (("content-type", "application/json"),), body)

    def close(self) -> None:
        self.live.close()


@dataclass(frozen=True)
class Hosts:
    servers: loopback.LoopbackHosts
    addresses: dict[str, str]
    """Where the names that exist resolve to (the archive's are never connected to)."""
    urls: dict[str, list[str]]
    """The cited URLs, by host name."""

    def traffic(self) -> int:
        return sum(len(server.traffic.paths()) for server in self.servers)


@pytest.fixture
def hosts(loopback_network: responses.RequestsMock) -> Iterator[Hosts]:
    pages = {f"/news/harbour-{n}.html": loopback.respond(200, PAGE.format(n=n)) for n in range(3)}
    servers = loopback.start_hosts(2, lambda host: dict(pages))
    alpha, beta = servers.servers
    ports = {ALPHA: alpha.port, BETA: beta.port, GONE: alpha.port}
    urls = {
        name: [f"http://{name}:{ports[name]}/news/harbour-{n}.html" for n in range(count)]
        for name, count in CITED.items()
    }
    for name, port in ports.items():
        loopback_network.add_passthru(f"http://{name}:{port}/")
    RESOLUTIONS.clear()
    try:
        # The archive's names resolve too (its answers are the test's own).
        archive = dict.fromkeys(ARCHIVE_HOSTS, "192.0.2.1")
        yield Hosts(servers, {ALPHA: alpha.host, BETA: beta.host, **archive}, urls)
    finally:
        servers.stop()


def cite(url: str, archive: str = "") -> str:
    archived = f" |archive-url={archive} |archive-date=1 January 2020" if archive else ""
    fields = f"|url={url} |title=Harbour report |access-date=2 May 2024{archived}"
    return f"<ref>{{{{cite web {fields}}}}}</ref>"


def dump_citing(hosts: Hosts, directory: Path) -> tuple[Path, list[PageSpec]]:
    """Four articles citing the eight URLs; the last gives an archive copy of its source."""
    alpha, beta, gone = hosts.urls[ALPHA], hosts.urls[BETA], hosts.urls[GONE]
    cited = [
        [alpha[0], gone[0], beta[0]],
        [alpha[1], gone[1]],
        [alpha[2], gone[2], beta[1]],
        [],
    ]
    pages = []
    for number, urls in enumerate(cited, start=1):
        refs = "".join(cite(url) for url in urls)
        if not urls:
            refs = cite(alpha[0], f"https://web.archive.org/web/20200101000000/{alpha[0]}")
        text = (
            f"'''Harbour {number}''' is a port.\n\n== History ==\nThe harbour reopened in 2019."
            f"{refs}\n\n== References ==\n{{{{Reflist}}}}\n"
        )
        pages.append(PageSpec(f"Harbour {number}", number, text))
    dump, _index = write_multistream(directory, pages, pages_per_stream=2)
    return dump, pages


def link_options(history: Path, addresses: dict[str, str], **check: object) -> LinkScanOptions:
    return LinkScanOptions(
        check=LinkCheckOptions(
            **{"timeout": 10, "concurrency": 8, "per_host_limit": 2, "min_interval": 0.05, **check}
        ),
        fetcher=functools.partial(NamedLoopback, addresses),
        history=history,
        clock=Clock(sleep=lambda seconds: None),
        archive_interval=0.0,
        urls_per_task=3,
    )


def checks_kept(history: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(history) as connection:
        return connection.execute("SELECT url, verdict FROM checks ORDER BY url").fetchall()


def codes(out_dir: Path) -> Counter[str]:
    return Counter(row["code"] for row in read_table(out_dir, "findings", ["code"]).to_pylist())


def test_a_resolver_failing_for_every_name_calls_no_link_dead_and_keeps_nothing(
    hosts: Hosts, tmp_path: Path, client: Client
) -> None:
    """No name resolves (a laptop on a train), and the resolver says "no such host" for every
    one, the archive's included: no link is dead, nothing enters the history, and the scan
    says once why."""
    dump, _ = dump_citing(hosts, tmp_path)
    out_dir, history = tmp_path / "out", tmp_path / "links.sqlite3"
    result = run_scan(config(dump, out_dir, links=link_options(history, {})), client)
    assert result.complete
    links = read_table(out_dir, "links").to_pylist()
    assert {row["verdict"] for row in links} == {"unreachable"}
    assert all(row["reason"].startswith("network down") for row in links)
    found = codes(out_dir)
    assert found["link-dead"] == 0 and found["archive-url-dead"] == 0
    assert found["archive-url-unreachable"] == 1
    assert checks_kept(history) == []
    assert hosts.traffic() == 0 and RESOLUTIONS[GONE] >= CITED[GONE]

    record = json.loads((out_dir / "scan.json").read_text())["links"]
    assert record["network_problem"].startswith("no host name resolved in this run")
    assert record["network_down"] == sum(CITED.values())
    assert record["by_verdict"] == {"unreachable": sum(CITED.values())}
    summary = (out_dir / "summary.md").read_text()
    assert summary.count("**The network was down**") == 1
    assert "8 links could not be judged" in summary
    articles = read_table(out_dir, "articles", ["article", "network_problem"]).to_pylist()
    assert all(row["network_problem"] for row in articles)


def test_one_missing_host_among_resolving_ones_is_dead_once_confirmed(
    hosts: Hosts, tmp_path: Path, client: Client
) -> None:
    """`gone.test` does not exist while the other names resolve, in other tasks: its links are
    dead, kept in the history, and an error only where the history shows them failing on
    checks a day apart (`--dead-after`), as in a single audit."""
    dump, pages = dump_citing(hosts, tmp_path)
    out_dir, history = tmp_path / "out", tmp_path / "links.sqlite3"
    gone = hosts.urls[GONE]
    three_days_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    with LinkHistory.open(history) as kept:
        kept.record(
            LinkResult(
                gone[0],
                LinkVerdict.DEAD,
                "the host name does not exist",
                checked_at=three_days_ago.isoformat(timespec="seconds"),
            )
        )
    options = link_options(history, hosts.addresses)
    result = run_scan(config(dump, out_dir, links=options), client)
    assert result.complete

    record = json.loads((out_dir / "scan.json").read_text())["links"]
    assert record["tasks"] == len(CITED)  # each host a task of its own
    assert record["network_problem"] is None and record["network_down"] == 0
    assert "network was down" not in (out_dir / "summary.md").read_text()
    links = read_table(out_dir, "links").to_pylist()
    assert {row["url"]: row["verdict"] for row in links if GONE in row["url"]} == dict.fromkeys(
        gone, "dead"
    )
    assert {row["verdict"] for row in links if GONE not in row["url"]} == {"alive"}
    streaks = {row["url"]: row["failed_checks"] for row in links if GONE in row["url"]}
    assert streaks == {gone[0]: 2, gone[1]: 1, gone[2]: 1}
    severities = {
        row["url"]: row["severity"]
        for row in read_table(out_dir, "findings").to_pylist()
        if row["code"] == "link-dead"
    }
    assert severities == {gone[0]: "error", gone[1]: "warning", gone[2]: "warning"}
    kept_dead = [url for url, verdict in checks_kept(history) if verdict == "dead"]
    assert sorted(kept_dead) == sorted([*gone, gone[0]])  # the old check and the new ones

    # A single audit reading the same history reports what the scan's rows say.
    resolved = RESOLUTIONS.copy()
    by_article = rows_by_article(out_dir)
    command = ["--allow-private", "--state", str(history), "--max-age", "1"]
    page = pages[1]
    world = World(network=NamedLoopback(hosts.addresses), sleep=lambda seconds: None)
    expected = cli_report(tmp_path / "audit", page, command, world)
    assert report_from_rows(by_article[page.page_id]) == expected
    assert RESOLUTIONS[GONE] == resolved[GONE]  # reused from the history, not asked again


def test_held_results_survive_an_interruption_and_wait_for_the_judgement(
    hosts: Hosts, tmp_path: Path, client: Client
) -> None:
    """One task at a time, six URLs a task: `alpha.test` and `gone.test` share the first task,
    then the scan is stopped. The failures of `gone.test` are held in the frontier, not in the
    history; the resumed scan does not ask for them again, and judges them by the network of
    the run that saw them (where `alpha.test` resolved): dead, recorded once."""
    dump, _ = dump_citing(hosts, tmp_path)
    out_dir, history = tmp_path / "out", tmp_path / "links.sqlite3"
    options = link_options(history, hosts.addresses, concurrency=2)
    options = LinkScanOptions(**{**vars(options), "urls_per_task": 6})
    gone = hosts.urls[GONE]

    def stop_after_first_task(label: str, done: int, total: int | None) -> None:
        if label == "checking links" and done >= 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_scan(config(dump, out_dir, links=options), client, on_progress=stop_after_first_task)
    assert [url for url, _ in checks_kept(history)] == sorted(hosts.urls[ALPHA])
    with sqlite3.connect(frontier_path(out_dir)) as frontier:
        held = frontier.execute("SELECT url_key, network_down FROM held").fetchall()
    assert sorted(held) == [(url, 0) for url in sorted(gone)]
    asked = RESOLUTIONS[GONE]
    assert asked >= len(gone)

    result = run_scan(config(dump, out_dir, links=options), client)
    assert result.complete and result.resumed
    assert RESOLUTIONS[GONE] == asked
    links = read_table(out_dir, "links").to_pylist()
    assert {row["verdict"] for row in links if GONE in row["url"]} == {"dead"}
    assert {row["verdict"] for row in links if GONE not in row["url"]} == {"alive"}
    kept = checks_kept(history)
    assert sorted(url for url, verdict in kept if verdict == "dead") == sorted(gone)
    assert len(kept) == sum(CITED.values())
    with sqlite3.connect(frontier_path(out_dir)) as frontier:
        assert frontier.execute("SELECT count(*) FROM held").fetchone() == (0,)


def closed_port() -> int:
    """A port nothing listens on (bound for a moment, then closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.2", 0))
        return int(probe.getsockname()[1])


@pytest.mark.usefixtures("loopback_network")
def test_the_command_says_once_that_the_network_was_down(tmp_path: Path) -> None:
    """Every host refuses (nothing listens, and the archive is out of reach): the command calls
    nothing dead, exits 0, and says why on stderr and in the summary; `--dead-after` is the
    scan's as much as the audit's."""
    port = closed_port()
    urls = [f"http://127.0.0.{host}:{port}/news/{n}.html" for host in (2, 3) for n in (0, 1)]
    pages = [
        PageSpec(
            f"Harbour {number}",
            number,
            f"'''Harbour {number}''' is a port.{cite(url)}\n\n== References ==\n{{{{Reflist}}}}\n",
        )
        for number, url in enumerate(urls, start=1)
    ]
    dump, _index = write_multistream(tmp_path, pages, pages_per_stream=2)
    out_dir, err = tmp_path / "out", io.StringIO()
    with local_cluster(workers=1, protocol="tcp://") as cluster:
        status = main(
            ["scan", str(dump), "-o", str(out_dir), "--scheduler", cluster.scheduler_address]
            + ["--as-of", AS_OF.isoformat(), "--allow-private", "--no-state", "--timeout", "5"]
            + ["--dead-after", "0"],
            World(stderr=err, sleep=lambda seconds: None),
        )
    assert status == 0, err.getvalue()
    assert err.getvalue().count("the network seemed down (no host answered in this run") == 1
    record = json.loads((out_dir / "scan.json").read_text())
    assert record["parameters"]["dead_after_days"] == 0
    assert record["links"]["network_down"] == len(urls)
    assert {row["verdict"] for row in read_table(out_dir, "links").to_pylist()} == {"unreachable"}
    assert codes(out_dir)["link-dead"] == 0
    assert (out_dir / "summary.md").read_text().count("**The network was down**") == 1


# --- the judgement alone, on a frontier the test fills ---------------------------------------


NOW = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
ANSWER = FetchResult("http://alpha.test/", 200)


def held_run(frontier: Frontier, urls: list[str], *answers: FetchResult) -> int:
    """A run of the link stage whose one task held `urls` (no such host) and saw `answers`."""
    session = frontier.begin_session()
    health = NetworkHealth()
    for url in urls:
        health.observe(FetchResult(url, failure=FailureKind.DNS, detail=NO_SUCH_NAME))
    for answer in answers:
        health.observe(answer)
    held = [
        (url, LinkResult(url, LinkVerdict.DEAD, "the host name does not exist", checked_at=NOW))
        for url in urls
    ]
    outcome = UnitOutcome(
        session,
        held=[(url, json.dumps(result_json(result))) for url, result in held],
        observations=health.observations(),
    )
    frontier.record(outcome, session)
    return session


def test_each_run_is_judged_by_its_own_network(tmp_path: Path) -> None:
    """A run stopped while the network was down, resumed where it works: the first run's
    failures stay `unreachable` and out of the history, the second's are evidence."""
    frontier = Frontier.open(tmp_path / "frontier.sqlite3")
    down = ["http://a.test/1", "http://b.test/2"]
    held_run(frontier, down)
    held_run(frontier, ["http://gone.test/3"], ANSWER)
    with LinkHistory.open(tmp_path / "links.sqlite3") as history:
        judged = judge_held(frontier, history, max_age=86_400)
        assert judged == Counter({"unreachable": 2, "dead": 1})
        assert history.fresh("http://gone.test/3", 86_400) is not None
        assert all(history.fresh(url, 86_400) is None for url in down)
    count, problem = frontier.network_down()
    assert count == 2 and problem is not None and problem.startswith(NO_NAME_RESOLVED)
    assert frontier.sessions_to_judge() == []
    frontier.close()


def test_a_judgement_interrupted_after_recording_records_nothing_twice(tmp_path: Path) -> None:
    frontier = Frontier.open(tmp_path / "frontier.sqlite3")
    urls = [f"http://gone.test/{n}" for n in range(3)]
    held_run(frontier, urls, ANSWER)
    release = frontier.release

    def stopped(keys: object) -> None:
        raise KeyboardInterrupt

    frontier.release = stopped  # type: ignore[method-assign]
    with LinkHistory.open(tmp_path / "links.sqlite3") as history:
        with pytest.raises(KeyboardInterrupt):
            judge_held(frontier, history, max_age=86_400)
        frontier.release = release  # type: ignore[method-assign]
        assert frontier.sessions_to_judge() != []
        judge_held(frontier, history, max_age=86_400)
        for url in urls:
            recorded = history.fresh(url, 86_400)
            assert recorded is not None and recorded.failed_checks == 1
    assert checks_kept(tmp_path / "links.sqlite3") == [(url, "dead") for url in urls]
    frontier.close()
