"""The command line, end to end through `main([...])`: outputs, files written, exit codes."""

from __future__ import annotations

import datetime as dt
import http.server
import io
import json
import os
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from citeaudit.app.cli import World, main
from citeaudit.app.progress import AuditProgress
from citeaudit.model import FetchRequest, FetchResult
from citeaudit.model.progress import Phase
from citeaudit.web.links import LinkHistory
from tests.conftest import FIXTURES, TEST_DATA, shared_file
from tests.fakes import FakeFetcher

API_ANSWERS = TEST_DATA / "mediawiki"
TODAY = dt.date(2026, 11, 28)
ARTICLE = """{{Use dmy dates|date=March 2023}}
'''Jane Example''' is an activist.<ref>{{cite web |url=https://example.org/a |title=Profile
 |work=Example |date=1 March 2023 |access-date=11 March 2023}}</ref>

== Career ==
She founded a foundation in 1999.<ref>{{cite book |title=A Book |publisher=Example Press
 |year=2015}}</ref>

== References ==
{{reflist}}
"""


def api_answer(
    name: str, status: int = 200, headers: tuple[tuple[str, str], ...] = ()
) -> FetchResult:
    return FetchResult(
        url="",
        status=status,
        body=(API_ANSWERS / name).read_bytes(),
        headers=(("content-type", "application/json"), *headers),
    )


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def api(*answers: FetchResult) -> FakeFetcher:
    """Answers the MediaWiki API with these results in turn; nothing else may be asked."""
    queue: Iterator[FetchResult] = iter(answers)

    def handle(request: FetchRequest) -> FetchResult:
        assert urlsplit(request.url).path == "/w/api.php", request.url
        return next(queue)

    return FakeFetcher(handle)


def world(
    fetcher: FakeFetcher | None = None, sleep: Callable[[float], None] | None = None
) -> World:
    return World(
        network=fetcher or api(),
        sleep=sleep if sleep is not None else (lambda seconds: None),
        today=lambda: TODAY,
    )


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "Jane_Example.wiki"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# --- parse -----------------------------------------------------------------------------------


def test_parse_prints_the_model_as_json(
    article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(article_file)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "citeaudit.article/1"
    assert document["title"] == "Jane Example" and document["source_form"] == "wikitext"
    assert [s["title"] for s in document["sections"]] == ["", "Career", "References"]
    first = document["references"][0]
    assert first["access_date"] == "11 March 2023" and first["access_date_iso"] == "2023-03-11"
    assert first["uses"][0]["section"] == {"index": 0, "title": ""}
    assert first["uses"][0]["sentence"]["text"] == "Jane Example is an activist."


def test_parse_as_text_gives_an_outline(
    article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(article_file), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "Career" in out and "2 references" in out


def test_parse_reads_every_form(capsys: pytest.CaptureFixture[str]) -> None:
    seed = FIXTURES / "Bakhytzhan_Toregozhina"
    forms = {}
    for path in (
        seed / "Bakhytzhan_Toregozhina.wiki",
        seed / "Bakhytzhan_Toregozhina.rendered.txt",
    ):
        assert main(["parse", str(path)]) == 0
        document = json.loads(capsys.readouterr().out)
        forms[document["source_form"]] = document
    assert set(forms) == {"wikitext", "text"}
    for document in forms.values():
        assert len(document["references"]) == 24
        assert sum(len(reference["uses"]) for reference in document["references"]) == 31
    assert any(section["level_inferred"] for section in forms["text"]["sections"])
    html = shared_file("reference", "data", "rust_parsoid.html")
    assert main(["parse", str(html), "--input-format", "html"]) == 0
    assert json.loads(capsys.readouterr().out)["source_form"] == "html"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (b"\x00\x01\x02binary", "binary"), (b"caf\xe9", "not UTF-8")],
)
def test_files_that_are_not_articles_exit_2_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "bad.wiki"
    path.write_bytes(content)
    for command in (
        ["parse", str(path)],
        ["audit", str(path), "--no-links", "-o", str(tmp_path / "r/")],
    ):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err


def test_a_missing_file_is_not_taken_for_a_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", str(tmp_path / "nope.wiki"), "--no-links"], world()) == 2
    assert "no such file" in capsys.readouterr().err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert AuditProgress.for_stream(io.StringIO()) is None
    terminal = Terminal()
    bar = AuditProgress.for_stream(terminal)
    assert bar is not None
    bar(Phase.LINKS, 1, 4)
    bar(Phase.ARCHIVE, 0, 1)
    bar(Phase.LINKS, 4, 4)
    bar(Phase.ARCHIVE, 1, 1)
    bar(Phase.SUPPORT, 2, 2)
    bar.finish()
    drawn = terminal.getvalue()
    assert drawn.startswith("\rchecking links [#######.......................] 1/4")
    assert drawn.endswith("\rchecking links 4/4 · archive 1/1 · claims 2/2\n")
    monkeypatch.setenv("CI", "true")
    assert AuditProgress.for_stream(Terminal()) is None


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit"]) == 2
    assert main(["audit", "x", "--as-of", "28/11/2026"]) == 2
    assert main(["audit", "x", "--format", "pdf"]) == 2
    assert main(["frobnicate"]) == 2
    assert "usage:" in capsys.readouterr().err


# --- audit of files --------------------------------------------------------------------------


def test_audit_writes_a_markdown_report_named_after_the_title(
    article_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = tmp_path / "reports"
    status = main(
        ["audit", str(article_file), "--no-links", "--as-of", "2026-11-28", "-o", f"{reports}/"]
    )
    assert status in (0, 1)
    report = reports / "Jane_Example.md"
    assert report.read_text().startswith("# Citation audit: Jane Example\n")
    assert "**As of:** 2026-11-28" in report.read_text()
    assert f"-> {report}" in capsys.readouterr().err
    assert os.listdir(reports) == ["Jane_Example.md"]


def test_audit_to_stdout_as_json(article_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(
        [
            "audit",
            str(article_file),
            "--no-links",
            "--as-of",
            "2026-11-28",
            "--format",
            "json",
            "-o",
            "-",
            "-q",
        ]
    )
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert document["schema"] == "citeaudit.report/2" and document["as_of"] == "2026-11-28"
    assert document["links_checked"] is False
    assert captured.err == ""


def test_fail_on_sets_the_exit_code(article_file: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "r.json")
    common = [
        "audit",
        str(article_file),
        "--no-links",
        "--as-of",
        "2026-11-28",
        "--format",
        "json",
        "-o",
        out,
        "-q",
    ]
    ranks = {"info": 0, "warning": 1, "error": 2}
    for level in ranks:
        status = main([*common, "--fail-on", level])
        findings = json.loads(Path(out).read_text())["findings"]
        assert status == (1 if any(ranks[f["severity"]] >= ranks[level] for f in findings) else 0)


def test_several_sources_give_one_report_each(article_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "Other.wiki"
    other.write_text(ARTICLE.replace("Jane Example", "Other Person"), encoding="utf-8")
    reports = tmp_path / "out"
    main(["audit", str(article_file), str(other), "--no-links", "-o", f"{reports}/", "-q"])
    assert sorted(os.listdir(reports)) == ["Jane_Example.md", "Other.md"]


def test_several_sources_need_a_directory(
    article_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "audit",
                str(article_file),
                str(article_file),
                "--no-links",
                "-o",
                str(tmp_path / "one.md"),
            ]
        )
        == 2
    )
    assert "need a directory" in capsys.readouterr().err


def test_one_json_document_on_stdout(
    article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command = ["audit", str(article_file), str(article_file), "--no-links", "--format", "json"]
    assert main([*command, "-o", "-"]) == 2
    assert "one JSON report" in capsys.readouterr().err


def test_an_unwritable_output_directory_exits_2(
    article_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a directory")
    assert main(["audit", str(article_file), "--no-links", "-o", f"{blocker}/reports/", "-q"]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and "Traceback" not in err


def test_a_report_is_replaced_whole(article_file: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    for as_of in ("2026-11-27", "2026-11-28"):
        main(
            ["audit", str(article_file), "--no-links", "--as-of", as_of, "-o", f"{reports}/", "-q"]
        )
    assert "**As of:** 2026-11-28" in (reports / "Jane_Example.md").read_text()
    assert os.listdir(reports) == ["Jane_Example.md"]


# --- audit of titles, against recorded API answers -------------------------------------------


def audit_title(
    title: str,
    fetcher: FakeFetcher,
    tmp_path: Path,
    *extra: str,
    sleep: Callable[[float], None] | None = None,
) -> int:
    return main(
        [
            "audit",
            "--site",
            "en.wikipedia.org",
            title,
            "--no-links",
            "--as-of",
            "2026-11-28",
            "-o",
            f"{tmp_path}/reports/",
            *extra,
        ],
        world(fetcher, sleep),
    )


def test_a_title_is_fetched_and_audited(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fetcher = api(api_answer("found.json"))
    assert audit_title("Jane Example", fetcher, tmp_path) in (0, 1)
    report = (tmp_path / "reports" / "Jane_Example.md").read_text()
    assert "[1143000000](<https://en.wikipedia.org/w/index.php?oldid=1143000000>)" in report
    assert "2023-03-12T10:11:12Z on en.wikipedia.org" in report
    assert parse_qs(urlsplit(fetcher.requests[0].url).query)["titles"] == ["Jane Example"]


def test_a_redirected_and_normalised_title_reports_on_the_target(tmp_path: Path) -> None:
    assert audit_title("jane_example", api(api_answer("redirected.json")), tmp_path) in (0, 1)
    assert os.listdir(tmp_path / "reports") == ["Jane_Example.md"]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("missing.json", "has no page titled 'Does Not Exist'"),
        ("invalid.json", "is not a valid title"),
    ],
)
def test_missing_and_invalid_titles_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], answer: str, message: str
) -> None:
    assert audit_title("Does Not Exist", api(api_answer(answer)), tmp_path) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "reports").exists()


def test_maxlag_then_success(tmp_path: Path) -> None:
    sleeps = Sleeps()
    fetcher = api(
        api_answer("maxlag.json", headers=(("retry-after", "5"),)), api_answer("found.json")
    )
    assert audit_title("Jane Example", fetcher, tmp_path, sleep=sleeps) in (0, 1)
    assert sleeps == [5.0]
    assert (tmp_path / "reports" / "Jane_Example.md").exists()


def test_429_with_retry_after_then_success(tmp_path: Path) -> None:
    sleeps = Sleeps()
    fetcher = api(
        FetchResult(url="", status=429, headers=(("retry-after", "12"),)), api_answer("found.json")
    )
    assert audit_title("Jane Example", fetcher, tmp_path, sleep=sleeps) in (0, 1)
    assert sleeps == [12.0]


def test_a_revision_is_fetched_by_id(tmp_path: Path) -> None:
    fetcher = api(api_answer("found.json"))
    audit_title("Jane Example", fetcher, tmp_path, "--revision", "1143000000")
    assert parse_qs(urlsplit(fetcher.requests[0].url).query)["revids"] == ["1143000000"]


def test_a_title_with_a_slash_is_a_title(tmp_path: Path) -> None:
    fetcher = api(api_answer("found.json"))
    main(["audit", "AC/DC", "--no-links", "-o", f"{tmp_path}/reports/", "-q"], world(fetcher))
    assert parse_qs(urlsplit(fetcher.requests[0].url).query)["titles"] == ["AC/DC"]


def test_with_site_a_file_like_name_is_a_title(tmp_path: Path) -> None:
    fetcher = api(api_answer("found.json"))
    audit_title("Robots.txt", fetcher, tmp_path)
    assert parse_qs(urlsplit(fetcher.requests[0].url).query)["titles"] == ["Robots.txt"]


def test_a_wiki_url_names_its_site_and_title(tmp_path: Path) -> None:
    fetcher = api(api_answer("found.json"))
    audit_title("https://de.wikipedia.org/wiki/Jane_Example", fetcher, tmp_path)
    request = urlsplit(fetcher.requests[0].url)
    assert request.netloc == "de.wikipedia.org" and parse_qs(request.query)["titles"] == [
        "Jane Example"
    ]


def test_a_hostile_page_title_cannot_write_outside_the_output_directory(tmp_path: Path) -> None:
    answer = json.loads((API_ANSWERS / "found.json").read_text())
    answer["query"]["pages"][0]["title"] = "../../escaped"
    fetcher = api(FetchResult(url="", status=200, body=json.dumps(answer).encode()))
    audit_title("x", fetcher, tmp_path)
    assert os.listdir(tmp_path / "reports") == ["escaped.md"]
    assert not (tmp_path / "escaped.md").exists()


def test_ctrl_c_leaves_nothing_half_written_and_exits_130(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupt(request: FetchRequest) -> FetchResult:
        raise KeyboardInterrupt

    assert audit_title("Jane Example", FakeFetcher(interrupt), tmp_path) == 130
    assert "interrupted" in capsys.readouterr().err
    assert not (tmp_path / "reports").exists()


def test_sigterm_stops_like_ctrl_c(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def terminate(request: FetchRequest) -> FetchResult:
        os.kill(os.getpid(), signal.SIGTERM)
        return api_answer("found.json")

    assert audit_title("Jane Example", FakeFetcher(terminate), tmp_path) == 130
    assert "interrupted" in capsys.readouterr().err
    assert not (tmp_path / "reports").exists()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


# --- fetch -----------------------------------------------------------------------------------


def test_fetch_saves_the_wikitext_with_its_revision_and_attribution(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixture = tmp_path / "fixtures" / "Jane"
    assert (
        main(["fetch", "Jane Example", "-o", str(fixture)], world(api(api_answer("found.json"))))
        == 0
    )
    assert (fixture / "article.wiki").read_text().startswith("{{Use dmy dates")
    metadata = json.loads((fixture / "revision.json").read_text())
    assert (metadata["title"], metadata["revision_id"], metadata["site"]) == (
        "Jane Example",
        1143000000,
        "en.wikipedia.org",
    )
    assert "CC BY-SA 4.0" in (fixture / "ATTRIBUTION.md").read_text().replace(
        "Attribution-ShareAlike 4.0", "CC BY-SA 4.0"
    )
    assert "citeaudit audit" in capsys.readouterr().err
    # The saved fixture audits with its revision, without the network.
    reports = tmp_path / "reports"
    main(["audit", str(fixture / "article.wiki"), "--no-links", "-o", f"{reports}/", "-q"], world())
    report = (reports / "Jane_Example.md").read_text()
    assert "# Citation audit: Jane Example" in report and "1143000000" in report


# --- recording a fixture, then replaying it offline --------------------------------------------

SNAPSHOT = "http://web.archive.org/web/20230311093000/https://example.com/gone"


def simulated_web(request: FetchRequest) -> FetchResult:
    """The wiki's API, one live page, one gone page, and the Wayback Machine's availability API."""
    parts = urlsplit(request.url)
    if parts.path == "/w/api.php":
        return api_answer("found.json")
    if request.url == "https://example.org/profile":
        page = (
            b"<html><head><title>Example profile</title></head><body>"
            + b"Jane Example's profile. " * 40
            + b"</body></html>"
        )
        return FetchResult(
            url=request.url, status=200, headers=(("content-type", "text/html"),), body=page
        )
    if parts.netloc == "archive.org" and "example.com%2Fgone" in parts.query:
        closest = {
            "available": True,
            "status": "200",
            "timestamp": "20230311093000",
            "url": SNAPSHOT,
        }
        body = json.dumps({"archived_snapshots": {"closest": closest}}).encode()
        return FetchResult(
            url=request.url, status=200, headers=(("content-type", "application/json"),), body=body
        )
    return FetchResult(
        url=request.url,
        status=404,
        headers=(("content-type", "text/html"),),
        body=b"<html><head><title>Not Found</title></head></html>",
    )


def no_network(request: FetchRequest) -> FetchResult:
    raise AssertionError(f"an offline run asked the network for {request.url}")


def test_fetch_record_then_audit_offline_replays_every_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixture = tmp_path / "fixtures" / "Jane"
    recorded = world(FakeFetcher(simulated_web))
    assert main(["fetch", "Jane Example", "-o", str(fixture), "--record"], recorded) == 0
    assert f"--offline {fixture / 'web'}" in capsys.readouterr().err
    assert (fixture / "web" / "records.json").is_file()

    offline = world(FakeFetcher(no_network))
    out = tmp_path / "report.json"
    status = main(
        [
            "audit",
            str(fixture / "article.wiki"),
            "--offline",
            str(fixture / "web"),
            "--as-of",
            "2026-11-28",
            "--format",
            "json",
            "-o",
            str(out),
            "-q",
        ],
        offline,
    )
    document = json.loads(out.read_text())
    verdicts = {link["url"]: link["verdict"] for link in document["links"]}
    assert verdicts == {"https://example.org/profile": "alive", "https://example.com/gone": "dead"}
    dead = next(link for link in document["links"] if link["verdict"] == "dead")
    assert (
        dead["archive_url"] == "https://web.archive.org/web/20230311093000/https://example.com/gone"
    )
    assert (
        document["offline"] is True and document["article"]["revision"]["revision_id"] == 1143000000
    )
    [dead_link] = [finding for finding in document["findings"] if finding["code"] == "link-dead"]
    # One recorded check is one failure: a warning until a later check confirms it.
    assert dead_link["severity"] == "warning" and "first seen dead today" in dead_link["message"]
    assert status == 0

    # A title replays offline too, from the recorded API answer.
    reports = tmp_path / "reports"
    main(
        ["audit", "Jane Example", "--offline", str(fixture / "web"), "-o", f"{reports}/", "-q"],
        offline,
    )
    assert (reports / "Jane_Example.md").is_file()


def test_an_offline_run_is_deterministic(tmp_path: Path) -> None:
    fixture = tmp_path / "fixture"
    main(
        ["fetch", "Jane Example", "-o", str(fixture), "--record"], world(FakeFetcher(simulated_web))
    )
    outputs = []
    for run in ("one", "two"):
        for form in ("markdown", "json"):
            out = tmp_path / run / f"report.{form}"
            main(
                [
                    "audit",
                    str(fixture / "article.wiki"),
                    "--offline",
                    str(fixture / "web"),
                    "--as-of",
                    "2026-11-28",
                    "--format",
                    form,
                    "-o",
                    str(out),
                    "-q",
                ],
                world(FakeFetcher(no_network)),
            )
            outputs.append(out.read_text())
    assert outputs[:2] == outputs[2:]


def test_a_missing_fixture_directory_exits_2(
    article_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "audit",
                str(article_file),
                "--offline",
                str(tmp_path / "absent"),
                "-o",
                f"{tmp_path}/r/",
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "no such fixture directory" in err and "Traceback" not in err


def test_an_unusable_state_file_exits_2(
    article_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixture = tmp_path / "web"
    fixture.mkdir()
    (fixture / "records.json").write_text("[]")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a directory")
    command = [
        "audit",
        str(article_file),
        "--offline",
        str(fixture),
        "--state",
        str(blocker / "links.sqlite3"),
    ]
    assert main([*command, "-o", f"{tmp_path}/r/", "-q"]) == 2
    err = capsys.readouterr().err
    assert "cannot keep a link history" in err and "Traceback" not in err


def test_a_state_file_keeps_the_history_of_an_offline_run(
    article_file: Path, tmp_path: Path
) -> None:
    fixture = tmp_path / "web"
    fixture.mkdir()
    (fixture / "records.json").write_text(
        json.dumps([{"url": "https://example.org/a", "status": 404}])
    )
    state = tmp_path / "state" / "links.sqlite3"
    command = [
        "audit",
        str(article_file),
        "--offline",
        str(fixture),
        "--state",
        str(state),
        "--as-of",
        "2026-11-28",
    ]
    main([*command, "--format", "json", "-o", str(tmp_path / "r.json"), "-q"])
    [link] = json.loads((tmp_path / "r.json").read_text())["links"]
    assert (link["verdict"], link["failed_checks"]) == ("dead", 1)
    assert state.is_file()


# --- live, against real sockets on loopback ----------------------------------------------------


class _Pages(http.server.BaseHTTPRequestHandler):
    """Answers `/alive` with a page, anything else with 404; notes each User-Agent."""

    agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        self.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/alive":
            body = (
                b"<html><head><title>Profile</title></head><body>"
                + b"Jane. " * 200
                + b"</body></html>"
            )
            self.send_response(200)
        else:
            body = b"<html><head><title>404 Not Found</title></head><body>Not found</body></html>"
            self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads what it needs from `agents`."""


@pytest.fixture
def loopback_site(loopback_network: object) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_a_live_audit_checks_cited_urls_over_real_sockets(
    loopback_site: str, tmp_path: Path
) -> None:
    article = tmp_path / "Live.wiki"
    article.write_text(
        f"Alive.<ref>{{{{cite web |url={loopback_site}/alive |title=Profile}}}}</ref>"
        f" Gone.<ref>{{{{cite web |url={loopback_site}/gone |title=Gone}}}}</ref>\n"
        "== References ==\n{{reflist}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "live.json"
    command = [
        "audit",
        str(article),
        "--allow-private",
        "--no-state",
        "--timeout",
        "5",
        "--as-of",
        "2026-11-28",
    ]
    status = main(
        [*command, "--format", "json", "-o", str(out), "-q"], World(sleep=lambda seconds: None)
    )
    document = json.loads(out.read_text())
    verdicts = {link["url"].rsplit("/", 1)[1]: link["verdict"] for link in document["links"]}
    assert verdicts == {"alive": "alive", "gone": "dead"}
    assert document["offline"] is False and status == 0
    assert _Pages.agents and all("citeaudit" in agent for agent in _Pages.agents)


def test_private_addresses_are_refused_unless_allowed(loopback_site: str, tmp_path: Path) -> None:
    article = tmp_path / "Private.wiki"
    article.write_text(
        f"Claim.<ref>{{{{cite web |url={loopback_site}/alive |title=P}}}}</ref>\n", encoding="utf-8"
    )
    out = tmp_path / "private.json"
    main(
        ["audit", str(article), "--no-state", "--format", "json", "-o", str(out), "-q"],
        World(sleep=lambda s: None),
    )
    [link] = json.loads(out.read_text())["links"]
    assert link["verdict"] == "skipped" and "private" in link["reason"]


def test_ctrl_c_during_link_checks_reports_and_keeps_the_finished_ones(tmp_path: Path) -> None:
    article = tmp_path / "Two.wiki"
    article.write_text(
        "One.<ref>{{cite web |url=https://first.example/a |title=A}}</ref>"
        " Two.<ref>{{cite web |url=https://second.example/b |title=B}}</ref>\n",
        encoding="utf-8",
    )

    def first_then_interrupt(request: FetchRequest) -> FetchResult:
        if request.url.startswith("https://second.example/"):
            raise KeyboardInterrupt
        if request.url != "https://first.example/a":
            return FetchResult(url=request.url, status=404)
        page = b"<html><head><title>A</title></head><body>" + b"Text. " * 200 + b"</body></html>"
        return FetchResult(
            url=request.url, status=200, headers=(("content-type", "text/html"),), body=page
        )

    state = tmp_path / "links.sqlite3"
    command = [
        "audit",
        str(article),
        "--state",
        str(state),
        "--concurrency",
        "1",
        "-o",
        f"{tmp_path}/r/",
    ]
    assert main([*command, "-q"], world(FakeFetcher(first_then_interrupt))) == 130
    [report] = (tmp_path / "r").iterdir()
    assert "**Incomplete report:**" in report.read_text()
    history = LinkHistory.open(state)
    try:
        kept = history.fresh("https://first.example/a", max_age=86_400 * 365 * 10)
        assert kept is not None and kept.verdict.value == "alive"
        assert history.fresh("https://second.example/b", max_age=86_400 * 365 * 10) is None
    finally:
        history.close()
