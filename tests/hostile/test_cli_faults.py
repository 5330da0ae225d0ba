"""The command line under faults: interrupted runs, unwritable or full disks, missing fixtures,
and titles that try to write outside the output directory.

Each fault gives a clear message and its exit code (2 for "cannot continue", 130 for an
interrupt), and never leaves a half-written report behind: a report file is whole or absent.
"""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from citeaudit.app.cli import main
from citeaudit.web.links.history import LinkHistory
from tests.web.fetchers import loopback

REPO = Path(__file__).resolve().parents[2]
ARTICLE = """'''Jane Example''' is a simulated activist.<ref>{{cite web |url=https://example.org/a
 |title=Profile |work=Example |date=1 March 2023 |access-date=11 March 2023}}</ref>

== Career ==
She founded a foundation in 1999.<ref>{{cite book |title=A Book |publisher=Example Press
 |year=2015}}</ref> She was detained in 2010.{{citation needed|date=May 2024}}

== References ==
{{reflist}}
"""
LOOPBACK_ONLY = """
import socket, sys
connect = socket.socket.connect
def loopback_only(sock, address):
    if not (isinstance(address, tuple) and str(address[0]).startswith("127.")):
        raise ConnectionRefusedError(f"this test process may reach loopback only, not {address}")
    return connect(sock, address)
socket.socket.connect = loopback_only
from citeaudit.app.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "Jane_Example.wiki"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def files_under(directory: Path) -> set[Path]:
    return set(directory.rglob("*"))


def run_cli(*args: str, **popen: object) -> subprocess.Popen[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src"), "XDG_CACHE_HOME": "/nonexistent"}
    return subprocess.Popen(  # type: ignore[call-overload]
        [sys.executable, "-c", LOOPBACK_ONLY, *args],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


@pytest.mark.parametrize(
    "title",
    ["../../etc/passwd", "/tmp/citeaudit-escape", "..", "a/../../b", "x" * 5000, "nul\x00byte"],
)
def test_a_hostile_title_writes_one_report_inside_the_output_directory(
    tmp_path: Path, article: Path, title: str, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "reports"
    before = files_under(tmp_path)
    status = main(["audit", str(article), "--no-links", "--title", title, "-o", f"{output}/"])
    assert status in (0, 1), capsys.readouterr().err
    created = files_under(tmp_path) - before
    assert created - {output} and all(path.parent == output for path in created - {output})
    assert len(created - {output}) == 1
    assert not Path("/tmp/citeaudit-escape.md").exists()


def test_an_unwritable_report_directory_is_a_clear_error(
    tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A path through a regular file: unwritable even for root, who ignores permission bits.
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a directory")
    status = main(["audit", str(article), "--no-links", "-o", f"{blocker}/reports/"])
    assert status == 2
    assert "cannot write into" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_a_read_only_report_directory_is_a_clear_error(
    tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "reports"
    output.mkdir(mode=0o500)
    status = main(["audit", str(article), "--no-links", "-o", f"{output}/"])
    assert status == 2
    assert "cannot write into" in capsys.readouterr().err
    assert list(output.iterdir()) == []


def test_a_full_disk_leaves_no_report_and_no_temporary_file(
    tmp_path: Path,
    article: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    output = tmp_path / "reports"

    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)  # where a full disk shows on delayed allocation
    status = main(["audit", str(article), "--no-links", "-o", f"{output}/"])
    assert status == 2
    assert "No space left on device" in capsys.readouterr().err
    assert list(output.iterdir()) == []


def test_a_file_size_limit_hit_while_writing_is_a_clear_error(
    tmp_path: Path, article: Path
) -> None:
    # A real failing write(2): the process may not write files over 1 KiB (EFBIG), as a full
    # quota would stop it.
    output = tmp_path / "reports"
    output.mkdir()

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    process = run_cli(
        "audit", str(article), "--no-links", "-o", f"{output}/", preexec_fn=limit_file_size
    )
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 2, err
    assert "File too large" in err
    assert list(output.iterdir()) == []


def test_a_missing_fixture_is_a_clear_error(
    tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["audit", str(article), "--offline", str(tmp_path / "no-such-fixture")])
    assert status == 2
    assert "no such fixture directory" in capsys.readouterr().err


def slow_web_article(fast: list[loopback.LoopbackServer], slow: loopback.LoopbackServer) -> str:
    refs = [
        f"Claim {n}.<ref>[{server.url('/news/story.html')} Story {n}]</ref>\n"
        for n, server in enumerate(fast)
    ]
    refs += [f"Slow {n}.<ref>[{slow.url(f'/slow/{n}.html')} Slow {n}]</ref>\n" for n in range(6)]
    return "".join(refs) + "\n== References ==\n{{reflist}}\n"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_run_reports_what_finished_and_keeps_finished_checks(
    tmp_path: Path, stop: signal.Signals
) -> None:
    page = "<title>Story</title>" + "<p>A simulated story.</p>" * 30
    fast = [
        loopback.LoopbackServer(
            {"/news/story.html": loopback.respond(200, page)}, host=f"127.0.0.{20 + n}", lifetime=40
        ).start()
        for n in range(4)
    ]
    slow = loopback.LoopbackServer(host="127.0.0.30", fallback=loopback.hang(), lifetime=40).start()
    try:
        source = tmp_path / "Slow_web.wiki"
        source.write_text(slow_web_article(fast, slow), encoding="utf-8")
        output, state = tmp_path / "reports", tmp_path / "links.sqlite3"
        process = run_cli(
            "audit",
            str(source),
            "--allow-private",
            "--timeout",
            "3",
            "--state",
            str(state),
            "--per-host",
            "2",
            "-o",
            f"{output}/",
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (
            all(server.traffic.requests for server in fast) and slow.traffic.requests
        ):
            time.sleep(0.05)
        time.sleep(0.5)  # the fast pages are answered and recorded
        process.send_signal(stop)
        _out, err = process.communicate(timeout=30)
    finally:
        for server in (*fast, slow):
            server.stop()
    assert process.returncode == 130, err
    assert "interrupted" in err
    [report] = list(output.iterdir())
    text = report.read_text(encoding="utf-8")
    assert "**Incomplete report:** interrupted while checking links" in text
    assert all(server.url("/news/story.html") in text for server in fast)
    with LinkHistory.open(state) as history:
        for server in fast:
            kept = history.fresh(server.url("/news/story.html"), max_age=3600)
            assert kept is not None and kept.verdict.value == "alive"
