"""Trust in the field, through `main([...])`: no false dead when the checker's own network is
down, deadness confirmed over days, archive answers told apart, every phase visible, Ctrl-C
leaving the report of what was finished.

Every answer here is simulated by a fake fetcher; nothing reaches a network.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from citeaudit.app.cli import World, main
from citeaudit.model import FetchRequest, FetchResult, LinkResult, LinkVerdict
from citeaudit.web.links import LinkHistory
from tests.fakes import FakeFetcher, failed, html, page
from tests.web.fetchers import loopback
from tests.web.fetchers.proxy_server import LoopbackProxy

TODAY = dt.date(2026, 11, 28)
ALIVE = "https://alive.example/story"
GONE = "https://gone.example/story"
NO_SUCH_HOST = "[Errno -2] Name or service not known"
ARCHIVE_HOSTS = {"archive.org", "web.archive.org"}
STORY = html("A story about the regional election", "<p>" + "The election was held. " * 60)


def article(tmp_path: Path, *urls: str) -> Path:
    path = tmp_path / "Field_Test.wiki"
    refs = "".join(
        f"Claim {number}.<ref>{{{{cite web |url={url} |title=Story {number}"
        f" |access-date=11 March 2023}}}}</ref>\n"
        for number, url in enumerate(urls, start=1)
    )
    path.write_text(refs + "== References ==\n{{reflist}}\n", encoding="utf-8")
    return path


def audit(
    source: Path,
    handler: Callable[[FetchRequest], FetchResult],
    tmp_path: Path,
    *extra: str,
    name: str = "report.json",
) -> tuple[int, dict, FakeFetcher]:
    fetcher = FakeFetcher(handler)
    out = tmp_path / name
    form = ["--format", "json"] if out.suffix == ".json" else []
    status = main(
        ["audit", str(source), "--as-of", TODAY.isoformat(), "-o", str(out), "-q", *form, *extra],
        World(network=fetcher, sleep=lambda seconds: None, today=lambda: TODAY),
    )
    document = json.loads(out.read_text()) if out.suffix == ".json" and out.exists() else {}
    return status, document, fetcher


def stored_rows(state: Path) -> int:
    with sqlite3.connect(state) as connection:
        return connection.execute("SELECT count(*) FROM checks").fetchone()[0]


# --- network health before verdicts ----------------------------------------------------------


def test_a_resolver_failing_for_every_name_gives_no_dead_and_keeps_nothing(
    tmp_path: Path,
) -> None:
    """No name resolves (a laptop on a train): the resolver says "no such host" for every name,
    the archive's included. Nothing is dead, nothing is kept, and the report says why."""
    state = tmp_path / "links.sqlite3"

    def no_resolver(request: FetchRequest) -> FetchResult:
        return failed(request.url, "dns", NO_SUCH_HOST)

    source = article(tmp_path, ALIVE, GONE)
    status, document, _ = audit(source, no_resolver, tmp_path, "--state", str(state))
    verdicts = {link["url"]: link["verdict"] for link in document["links"]}
    assert verdicts == {ALIVE: "unreachable", GONE: "unreachable"}
    assert all("network down" in link["reason"] for link in document["links"])
    assert "link-dead" not in {finding["code"] for finding in document["findings"]}
    assert document["network_problem"] and status == 0
    assert stored_rows(state) == 0
    status, _, _ = audit(source, no_resolver, tmp_path, "--state", str(state), name="report.md")
    assert "network" in (tmp_path / "report.md").read_text().lower()


def test_every_host_refusing_is_the_checkers_network_not_the_sites(tmp_path: Path) -> None:
    def refused(request: FetchRequest) -> FetchResult:
        return failed(request.url, "connection", "[Errno 111] Connection refused")

    _, document, _ = audit(article(tmp_path, ALIVE, GONE), refused, tmp_path, "--no-state")
    assert {link["verdict"] for link in document["links"]} == {"unreachable"}
    assert document["network_problem"]


def answers_except_gone_host(request: FetchRequest) -> FetchResult:
    """Every name resolves except the gone host's, which does not exist; no archived copies."""
    host = urlsplit(request.url).hostname or ""
    if host == "gone.example":
        return failed(request.url, "dns", NO_SUCH_HOST)
    if host in ARCHIVE_HOSTS:
        return page(request.url, 200, '{"archived_snapshots": {}}', {"content-type": "text/json"})
    if request.url == ALIVE:
        return page(request.url, 200, STORY)
    return page(request.url, 404, html("Not found"))


def test_a_missing_host_among_resolving_ones_is_dead_but_first_a_warning(tmp_path: Path) -> None:
    state = tmp_path / "links.sqlite3"
    status, document, _ = audit(
        article(tmp_path, ALIVE, GONE), answers_except_gone_host, tmp_path, "--state", str(state)
    )
    verdicts = {link["url"]: link["verdict"] for link in document["links"]}
    assert verdicts == {ALIVE: "alive", GONE: "dead"}
    [finding] = [f for f in document["findings"] if f["code"] == "link-dead"]
    assert finding["severity"] == "warning"
    assert "first seen dead today; rerun later to confirm" in finding["message"]
    assert document["network_problem"] is None and status == 0


def test_dead_on_checks_a_day_apart_is_an_error(tmp_path: Path) -> None:
    state = tmp_path / "links.sqlite3"
    three_days_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    with LinkHistory.open(state) as history:
        history.record(
            LinkResult(
                GONE,
                LinkVerdict.DEAD,
                "the host name does not exist",
                checked_at=three_days_ago.isoformat(timespec="seconds"),
            )
        )
    status, document, _ = audit(
        article(tmp_path, ALIVE, GONE), answers_except_gone_host, tmp_path, "--state", str(state)
    )
    [finding] = [f for f in document["findings"] if f["code"] == "link-dead"]
    assert finding["severity"] == "error" and status == 1
    [gone] = [link for link in document["links"] if link["url"] == GONE]
    assert gone["failed_checks"] == 2


def test_dead_after_zero_makes_a_first_failure_an_error(tmp_path: Path) -> None:
    status, document, _ = audit(
        article(tmp_path, ALIVE, GONE),
        answers_except_gone_host,
        tmp_path,
        "--no-state",
        "--dead-after",
        "0",
    )
    [finding] = [f for f in document["findings"] if f["code"] == "link-dead"]
    assert finding["severity"] == "error" and status == 1


# --- archive answers told apart --------------------------------------------------------------


@pytest.mark.parametrize(
    ("archive", "outcome", "words"),
    [
        (
            lambda url: page(url, 200, '{"archived_snapshots": {}}'),
            "not-archived",
            "no capture",
        ),
        (lambda url: page(url, 200, "[]"), "not-archived", "no capture"),
        (lambda url: failed(url, "timeout", "read timed out"), "unknown", "could not be asked"),
    ],
    ids=["availability-empty-and-cdx-empty", "cdx-empty", "archive-times-out"],
)
def test_not_archived_is_told_apart_from_could_not_ask(
    tmp_path: Path, archive: Callable[[str], FetchResult], outcome: str, words: str
) -> None:
    def web(request: FetchRequest) -> FetchResult:
        host = urlsplit(request.url).hostname or ""
        if host in ARCHIVE_HOSTS:
            answer = archive(request.url)
            if "/cdx/" in request.url and answer.status == 200:
                return page(request.url, 200, "[]", {"content-type": "application/json"})
            return answer
        if request.url == ALIVE:
            return page(request.url, 200, STORY)
        return page(request.url, 404, html("Not found"))

    source = article(tmp_path, ALIVE, GONE)
    _, document, _ = audit(source, web, tmp_path, "--no-state", "--dead-after", "0")
    [gone] = [link for link in document["links"] if link["url"] == GONE]
    assert gone["archive_lookup"]["outcome"] == outcome
    assert gone["archive_lookup"]["reason"]
    audit(source, web, tmp_path, "--no-state", "--dead-after", "0", name="report.md")
    assert words in (tmp_path / "report.md").read_text()


def test_no_archive_makes_no_archive_request(tmp_path: Path) -> None:
    source = tmp_path / "Archived.wiki"
    source.write_text(
        f"Claim.<ref>{{{{cite web |url={GONE} |title=Gone |access-date=11 March 2023"
        f" |archive-url=https://web.archive.org/web/20230311000000/{GONE}"
        f" |archive-date=11 March 2023}}}}</ref>\n"
        f"Other.<ref>{{{{cite web |url={ALIVE} |title=Alive}}}}</ref>\n"
        "Copy.<ref>{{cite web |url=https://web.archive.org/web/20230101000000/"
        "https://gone.example/other |title=Copy}}</ref>\n",
        encoding="utf-8",
    )
    _, document, fetcher = audit(
        source, answers_except_gone_host, tmp_path, "--no-state", "--no-archive"
    )
    asked = {urlsplit(request.url).hostname for request in fetcher.requests}
    assert not asked & ARCHIVE_HOSTS
    assert document["archive"]["used"] is False
    [copy] = [link for link in document["links"] if "web.archive.org" in link["url"]]
    assert (copy["verdict"], copy["reason"]) == ("skipped", "excluded")


# --- every phase visible and interruptible -----------------------------------------------------


def test_ctrl_c_writes_the_report_of_what_was_finished_marked_incomplete(tmp_path: Path) -> None:
    def first_then_interrupt(request: FetchRequest) -> FetchResult:
        if request.url.startswith("https://second.example/"):
            raise KeyboardInterrupt
        return answers_except_gone_host(request)

    source = article(tmp_path, ALIVE, "https://second.example/b")
    status, document, _ = audit(
        source, first_then_interrupt, tmp_path, "--no-state", "--concurrency", "1"
    )
    assert status == 130
    assert document["incomplete"]
    assert {link["url"] for link in document["links"]} == {ALIVE}
    status, _, _ = audit(
        source,
        first_then_interrupt,
        tmp_path,
        "--no-state",
        "--concurrency",
        "1",
        name="report.md",
    )
    text = (tmp_path / "report.md").read_text()
    assert status == 130 and "incomplete" in text.lower()


# --- proxies -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "environ"),
    [(["--proxy", "socks5://127.0.0.1:1080"], {}), ([], {"HTTPS_PROXY": "https://p.example"})],
    ids=["option", "environment"],
)
def test_an_unusable_proxy_is_an_error_before_any_work(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    option: list[str],
    environ: dict[str, str],
) -> None:
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    status, _, fetcher = audit(
        article(tmp_path, ALIVE), answers_except_gone_host, tmp_path, *option
    )
    assert status == 2 and fetcher.requests == []
    assert "only http:// proxies are supported" in capsys.readouterr().err


def test_a_live_audit_through_a_local_proxy(tmp_path: Path, loopback_network: object) -> None:
    with (
        loopback.LoopbackServer(
            {"/page": loopback.respond(200, STORY)}, host="127.0.0.2", lifetime=20
        ) as origin,
        LoopbackProxy() as proxy,
    ):
        cited = origin.url("/page")
        out = tmp_path / "report.json"
        status = main(
            [
                "audit",
                str(article(tmp_path, cited)),
                "--proxy",
                proxy.url,
                "--allow-private",
                "--no-state",
                "--no-archive",
                "--format",
                "json",
                "-o",
                str(out),
                "-q",
            ],
            World(sleep=lambda seconds: None, today=lambda: TODAY),
        )
    [link] = json.loads(out.read_text())["links"]
    assert status == 0 and link["verdict"] == "alive"
    assert [(method, target) for method, target, _ in proxy.asked] == [("GET", cited)]


def test_a_run_with_the_network_down_says_so_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_resolver(request: FetchRequest) -> FetchResult:
        return failed(request.url, "dns", NO_SUCH_HOST)

    main(
        ["audit", str(article(tmp_path, ALIVE)), "--no-state", "-o", f"{tmp_path}/r/"],
        World(network=FakeFetcher(no_resolver), sleep=lambda s: None, today=lambda: TODAY),
    )
    err = capsys.readouterr().err
    assert "warning: the network seemed down (no host name resolved in this run" in err
    assert "warning: snapshots could not be looked up" in err
