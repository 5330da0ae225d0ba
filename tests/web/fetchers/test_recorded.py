"""Recorded fixtures: the format, replay without sockets, recording from a live fetcher."""

from __future__ import annotations

import json
import socket
import threading
from pathlib import Path

import pytest

from citeaudit.errors import FixtureError
from citeaudit.model import FailureKind, FetchRequest, FetchResult
from citeaudit.web.fetchers.live import LiveFetcher, LiveLimits
from citeaudit.web.fetchers.recorded import OfflineFetcher, RecordingFetcher, load_records
from tests.fakes import FakeFetcher
from tests.web.fetchers import loopback


def write_fixture(
    directory: Path, records: list[dict[str, object]], bodies: dict[str, bytes] | None = None
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "records.json").write_text(json.dumps(records, indent=2), encoding="utf-8")
    for name, data in (bodies or {}).items():
        (directory / "bodies").mkdir(exist_ok=True)
        (directory / "bodies" / name).write_bytes(data)
    return directory


SAMPLE = [
    {
        "url": "https://example.org/page",
        "status": 200,
        "headers": {"Content-Type": "text/html"},
        "body_file": "page.html",
        "note": "simulated",
    },
    {
        "url": "https://example.org/old",
        "status": 301,
        "headers": {"Location": "https://example.org/page"},
    },
    {"url": "https://example.org/inline", "status": 404, "text": "<title>Not Found</title>"},
    {"url": "https://gone.example/", "failure": "dns", "detail": "NXDOMAIN"},
    {"url": "https://flaky.example/", "status": 503, "headers": {"Retry-After": "2"}},
    {"url": "https://flaky.example/", "status": 200, "text": "back"},
]


def test_offline_replay_opens_no_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fixture = write_fixture(tmp_path / "web", SAMPLE, {"page.html": b"<title>Page</title>"})
    attempts: list[object] = []

    def forbidden(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError("offline replay tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", forbidden)
    monkeypatch.setattr(socket.socket, "connect_ex", forbidden)
    monkeypatch.setattr(socket, "create_connection", forbidden)
    monkeypatch.setattr(socket, "getaddrinfo", forbidden)
    fetcher = OfflineFetcher.open(fixture)
    results = [fetcher.fetch(FetchRequest(entry["url"])) for entry in SAMPLE]  # type: ignore[arg-type]
    missing = fetcher.fetch(FetchRequest("https://example.org/never-seen"))
    assert attempts == []
    assert [(result.status, result.failure) for result in results] == [
        (200, None),
        (301, None),
        (404, None),
        (None, FailureKind.DNS),
        (503, None),
        (200, None),
    ]
    assert (
        results[0].body == b"<title>Page</title>"
        and results[0].header("content-type") == "text/html"
    )
    assert results[1].header("location") == "https://example.org/page"
    assert results[2].body == b"<title>Not Found</title>"
    assert missing.failure is FailureKind.NOT_RECORDED


def test_repeated_records_answer_in_turn_and_the_last_repeats(tmp_path: Path) -> None:
    fetcher = OfflineFetcher.open(write_fixture(tmp_path, SAMPLE, {"page.html": b""}))
    statuses = [fetcher.fetch(FetchRequest("https://flaky.example/")).status for _ in range(4)]
    assert statuses == [503, 200, 200, 200]


def test_urls_match_whatever_their_spelling(tmp_path: Path) -> None:
    records = [
        {
            "url": "https://archive.org/wayback/available?url=https://example.org/a&timestamp=20230312",
            "status": 200,
            "text": "{}",
        },
        {"url": "https://bücher.example/Seite", "status": 200, "text": "idn"},
    ]
    fetcher = OfflineFetcher.open(write_fixture(tmp_path, records))
    encoded = "https://ARCHIVE.org/wayback/available?timestamp=20230312&url=https%3A%2F%2Fexample.org%2Fa#x"
    assert fetcher.fetch(FetchRequest(encoded)).status == 200
    assert fetcher.fetch(FetchRequest("https://xn--bcher-kva.example/Seite")).body == b"idn"
    assert (
        fetcher.fetch(FetchRequest("https://bücher.example/Seite", method="HEAD")).failure
        is FailureKind.NOT_RECORDED
    )


@pytest.mark.parametrize(
    "records, message",
    [
        ({"url": "x"}, "expected a JSON list"),
        (["just a string"], "expected an object"),
        ([{"status": 200}], "`url` must be a non-empty string"),
        (
            [{"url": "https://a.example/", "status": 200, "failure": "dns"}],
            "exactly one of `status`",
        ),
        ([{"url": "https://a.example/"}], "exactly one of `status`"),
        ([{"url": "https://a.example/", "status": 999}], "HTTP status code"),
        ([{"url": "https://a.example/", "status": "200"}], "HTTP status code"),
        ([{"url": "https://a.example/", "status": 200, "body": "x"}], "unknown field(s) body"),
        (
            [{"url": "https://a.example/", "status": 200, "headers": ["a", "b"]}],
            "`headers` must be an object",
        ),
        (
            [{"url": "https://a.example/", "status": 200, "text": "a", "body_file": "a.html"}],
            "not both",
        ),
        (
            [{"url": "https://a.example/", "status": 200, "body_file": "missing.html"}],
            "cannot be read",
        ),
        (
            [{"url": "https://a.example/", "status": 200, "body_file": "../../etc/passwd"}],
            "outside bodies/",
        ),
        ([{"url": "https://a.example/", "failure": "dns", "text": "x"}], "no headers or body"),
        # A misspelt kind is refused when the fixture loads, not read as "unreachable" later.
        ([{"url": "https://a.example/", "failure": "time-out"}], "'time-out' is not one of"),
        (
            [{"url": "https://a.example/", "status": 200, "truncated": "yes"}],
            "`truncated` must be a bool",
        ),
    ],
)
def test_malformed_fixtures_say_what_is_wrong(
    tmp_path: Path, records: object, message: str
) -> None:
    (tmp_path / "records.json").write_text(json.dumps(records), encoding="utf-8")
    with pytest.raises(FixtureError, match="records.json") as raised:
        load_records(tmp_path)
    assert message in str(raised.value)


def test_missing_and_unparsable_fixture_files(tmp_path: Path) -> None:
    with pytest.raises(FixtureError, match="no such fixture file"):
        OfflineFetcher.open(tmp_path)
    (tmp_path / "records.json").write_text("[{,]", encoding="utf-8")
    with pytest.raises(FixtureError, match="not readable JSON"):
        OfflineFetcher.open(tmp_path)


def canned(request: FetchRequest) -> FetchResult:
    if "gone" in request.url:
        return FetchResult(url=request.url, failure=FailureKind.DNS, detail="NXDOMAIN")
    if "moved" in request.url:
        return FetchResult(url=request.url, status=302, headers=(("location", "/here"),))
    body = f"<title>{request.url}</title>".encode()
    return FetchResult(
        url=request.url,
        status=200,
        headers=(("content-type", "text/html"),),
        body=body,
        truncated="cut" in request.url,
    )


def test_recording_then_replay_gives_the_same_results(tmp_path: Path) -> None:
    urls = [
        "https://a.example/one",
        "https://a.example/moved",
        "https://gone.example/",
        "https://b.example/cut",
    ]
    recorder = RecordingFetcher(FakeFetcher(canned), tmp_path / "rec")
    recorded = [recorder.fetch(FetchRequest(url)) for url in urls]
    recorder.close()
    replayed = [OfflineFetcher.open(tmp_path / "rec").fetch(FetchRequest(url)) for url in urls]
    assert recorded == replayed
    entries = json.loads((tmp_path / "rec" / "records.json").read_text(encoding="utf-8"))
    assert [entry["url"] for entry in entries] == urls
    assert entries[0]["body_file"].startswith("a-example-one-") and entries[0][
        "body_file"
    ].endswith(".html")
    assert entries[2] == {
        "url": "https://gone.example/",
        "method": "GET",
        "failure": "dns",
        "detail": "NXDOMAIN",
    }


def test_recording_appends_to_an_existing_fixture_from_many_threads(tmp_path: Path) -> None:
    directory = write_fixture(
        tmp_path / "rec", [{"url": "https://old.example/", "status": 200, "text": "old"}]
    )
    recorder = RecordingFetcher(FakeFetcher(canned), directory, flush_interval=0.0)
    threads = [
        threading.Thread(target=lambda n=n: recorder.fetch(FetchRequest(f"https://t.example/{n}")))
        for n in range(20)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    recorder.close()
    records = load_records(directory)
    assert len(records) == 21
    assert {record.url for record in records} >= {f"https://t.example/{n}" for n in range(20)}
    assert not list(directory.rglob("*.tmp"))


@pytest.mark.usefixtures("loopback_network")
def test_live_run_recorded_and_replayed_offline(tmp_path: Path) -> None:
    routes = {
        "/page": loopback.respond(200, "<title>Live page</title>"),
        "/moved": loopback.redirect("/page"),
        "/missing": loopback.respond(404, "<title>Not Found</title>"),
    }
    with loopback.LoopbackServer(routes, lifetime=20) as server:
        live = LiveFetcher(LiveLimits(total_timeout=5), allow_private=True)
        recorder = RecordingFetcher(live, tmp_path / "rec")
        urls = [server.url(path) for path in ("/page", "/moved", "/missing")]
        recorded = [recorder.fetch(FetchRequest(url)) for url in urls]
        recorder.close()
    offline = OfflineFetcher.open(tmp_path / "rec")
    replayed = [offline.fetch(FetchRequest(url)) for url in urls]
    assert [(r.status, r.body, r.header("location")) for r in replayed] == [
        (r.status, r.body, r.header("location")) for r in recorded
    ]
    assert [r.status for r in replayed] == [200, 302, 404]
