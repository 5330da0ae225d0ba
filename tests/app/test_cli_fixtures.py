"""Recorded fixtures from the command line: `--record` writes down everything the audit reads,
whatever the link history knew, and a replay says how much of what it asked was not recorded
(`--offline-strict` makes that an error, for CI)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from citeaudit.app.cli import World, main
from citeaudit.model import FetchRequest, FetchResult
from citeaudit.web.fetchers.recorded import load_records
from tests.fakes import FakeFetcher, html, page

ARTICLE = """'''Jane Example''' is an activist.<ref>{{cite web |url=https://example.org/a
 |title=Profile |work=Example |date=1 March 2023 |access-date=11 March 2023}}</ref>
She founded a school.<ref>{{cite web |url=https://example.org/gone |title=School
 |work=Example |date=1 March 2023 |access-date=11 March 2023}}</ref>

== References ==
{{reflist}}
"""


def simulated(request: FetchRequest) -> FetchResult:
    if request.url == "https://example.org/a":
        return page(request.url, body=html("Profile", "Jane Example is an activist. " * 20))
    if "archive.org" in request.url:
        return page(request.url, body='{"archived_snapshots": {}}')
    return page(request.url, status=404, body=html("Not Found"))


def world(fetcher: FakeFetcher) -> World:
    return World(network=fetcher, sleep=lambda seconds: None, today=lambda: dt.date(2026, 11, 28))


def no_network(request: FetchRequest) -> FetchResult:
    raise AssertionError(f"an offline run asked the network for {request.url}")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "Jane_Example.wiki"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def audit(article: Path, *options: str, fetcher: FakeFetcher) -> int:
    return main(["audit", str(article), "--as-of", "2026-11-28", *options], world(fetcher))


def test_record_writes_down_what_the_history_already_knew(article: Path, tmp_path: Path) -> None:
    state = tmp_path / "links.sqlite3"
    live = FakeFetcher(simulated)
    audit(article, "--state", str(state), "-q", "-o", "-", fetcher=live)
    fixture = tmp_path / "web"
    audit(article, "--state", str(state), "--record", str(fixture), "-q", "-o", "-", fetcher=live)
    recorded = {record.url for record in load_records(fixture)}
    assert {"https://example.org/a", "https://example.org/gone"} <= recorded

    out = tmp_path / "replayed.json"
    audit(article, "--offline", str(fixture), "-q", "-o", str(out), fetcher=FakeFetcher(no_network))
    verdicts = {link["url"]: link["verdict"] for link in json.loads(out.read_text())["links"]}
    assert verdicts == {"https://example.org/a": "alive", "https://example.org/gone": "dead"}


def test_record_still_teaches_the_history(article: Path, tmp_path: Path) -> None:
    state = tmp_path / "links.sqlite3"
    live = FakeFetcher(simulated)
    fixture = str(tmp_path / "web")
    audit(article, "--state", str(state), "--record", fixture, "-q", "-o", "-", fetcher=live)
    asked = len(live.requests)
    audit(article, "--state", str(state), "-q", "-o", "-", fetcher=live)
    again = {request.url for request in live.requests[asked:]}
    assert again.isdisjoint({"https://example.org/a", "https://example.org/gone"}), (
        "the second run reuses the link checks the recording run made"
    )


def partial_fixture(tmp_path: Path) -> Path:
    """A fixture with the first page only: the second link and the archive were never recorded."""
    fixture = tmp_path / "partial"
    fixture.mkdir()
    records = [
        {
            "url": "https://example.org/a",
            "status": 200,
            "headers": {"content-type": "text/html"},
            "text": html("Profile", "Jane Example is an activist. " * 20),
            "note": "simulated: a profile page",
        }
    ]
    (fixture / "records.json").write_text(json.dumps(records), encoding="utf-8")
    return fixture


def test_a_replay_says_how_many_requests_the_fixture_lacked(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixture = partial_fixture(tmp_path)
    status = audit(article, "--offline", str(fixture), "-o", "-", fetcher=FakeFetcher(no_network))
    assert status == 0
    err = capsys.readouterr().err
    assert "2 links checked (0 dead, 1 not in the fixture)" in err
    # the second link and the soft-404 probe of the first one's host
    assert "warning: 2 requests were not in the fixture" in err
    assert "GET https://example.org/gone" in err


def test_offline_strict_makes_a_lacking_fixture_an_error(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixture = partial_fixture(tmp_path)
    out = tmp_path / "report.md"
    status = audit(
        article,
        "--offline",
        str(fixture),
        "--offline-strict",
        "-o",
        str(out),
        fetcher=FakeFetcher(no_network),
    )
    assert status == 2
    err = capsys.readouterr().err
    assert "error: 2 requests were not in the fixture" in err
    assert out.exists(), "the report is still written, so that CI can show what was missing"


def test_offline_strict_passes_a_complete_fixture(article: Path, tmp_path: Path) -> None:
    fixture = tmp_path / "web"
    live, offline = FakeFetcher(simulated), FakeFetcher(no_network)
    audit(article, "--record", str(fixture), "--no-state", "-q", "-o", "-", fetcher=live)
    strict = ("--offline", str(fixture), "--offline-strict", "--dead-after", "0")
    status = audit(article, *strict, "-q", "-o", "-", fetcher=offline)
    assert status == 1, "the dead link is an error finding, and nothing was missing"


def test_offline_strict_needs_offline(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert audit(article, "--offline-strict", "-o", "-", fetcher=FakeFetcher(no_network)) == 2
    assert "--offline-strict" in capsys.readouterr().err
