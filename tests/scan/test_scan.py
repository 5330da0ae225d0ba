"""`citeaudit scan` end to end on the test dump, on small local Dask clusters."""

from __future__ import annotations

import io
import json
import re
import shlex
import time
from pathlib import Path

import pyarrow as pa
import pytest
from distributed import Client, Worker

from citeaudit.app.cli import World, main
from citeaudit.errors import InputError
from citeaudit.scan import cluster, run_scan
from citeaudit.scan.run import ScanResult
from citeaudit.scan.store import done_path, read_table
from citeaudit.scan.summary import SCAN_FILE, SUMMARY_FILE
from citeaudit.scan.tables import TABLE_NAMES
from tests.conftest import REPO

from .conftest import AS_OF, BuiltDump, config, local_cluster
from .dumpwriter import write_plain
from .testdump import PAGES_PER_STREAM, SCRAMBLED_STREAM, dump_pages


def expected_articles() -> list[str]:
    """The titles the test dump holds as audited articles, in dump order."""
    pages = dump_pages()
    return [
        page.title
        for number, page in enumerate(pages)
        if number // PAGES_PER_STREAM != SCRAMBLED_STREAM
        and page.namespace == 0
        and page.redirect is None
        and page.text
        and page.raw is None
    ]


def titles(out_dir: Path) -> list[str]:
    return [row["article"] for row in read_table(out_dir, "articles", ["article"]).to_pylist()]


def test_the_scan_audits_every_article_once_and_records_each_problem(scanned: ScanResult) -> None:
    assert scanned.complete and not scanned.resumed
    assert titles(scanned.out_dir) == expected_articles()
    problems = read_table(scanned.out_dir, "problems").to_pylist()
    kinds = {row["kind"]: row for row in problems}
    assert sorted(kinds) == ["corrupt-stream", "hidden-text", "malformed-xml", "missing-text"]
    assert kinds["corrupt-stream"]["stream_offset"] == scanned.plan.partitions[1][1].offset
    assert (kinds["hidden-text"]["article"], kinds["malformed-xml"]["article"]) == (
        "Hidden revision",
        "Broken markup",
    )
    counts = json.loads((scanned.out_dir / SCAN_FILE).read_text())["counts"]
    assert counts["articles"] == len(expected_articles())
    assert counts["redirects"] == sum(
        1 for p in dump_pages()[:60] + dump_pages()[80:] if p.redirect
    )
    assert counts["problems"] == 4
    assert counts["findings"] == read_table(scanned.out_dir, "findings").num_rows


def test_the_summary_counts_what_the_tables_hold(scanned: ScanResult) -> None:
    summary = (scanned.out_dir / SUMMARY_FILE).read_text()
    findings = read_table(scanned.out_dir, "findings", ["code", "severity"]).to_pylist()
    errors = sum(1 for row in findings if row["severity"] == "error")
    assert f"| error | {errors:,} |" in summary
    assert f"{len(findings):,} findings." in summary
    references = read_table(scanned.out_dir, "references", ["url", "archive_url"]).to_pylist()
    with_url = [row for row in references if row["url"]]
    archived = sum(1 for row in with_url if row["archive_url"])
    assert f"Of the {len(with_url):,} web citations, {archived:,} (" in summary
    assert "```mermaid\npie showData\n    title Findings by severity" in summary
    assert "| `corrupt-stream` | 1 |" in summary
    assert summary.startswith("# Scan of testwiki, dump of 2026-01-01\n")


def test_the_command_runs_on_an_existing_cluster(test_dump: BuiltDump, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    err = io.StringIO()
    with local_cluster(workers=2, protocol="tcp://") as cluster:
        status = main(
            ["scan", str(test_dump.dump), "-o", str(out_dir), "--no-links", "--limit", "40"]
            + ["--scheduler", cluster.scheduler_address, "--as-of", AS_OF.isoformat()]
            + ["--partition-pages", "20"],
            World(stderr=err),
        )
    assert status == 0, err.getvalue()
    assert titles(out_dir) == expected_articles()[:40]
    assert "40 articles audited" in err.getvalue()
    record = json.loads((out_dir / SCAN_FILE).read_text())
    assert record["status"] == "complete" and record["counts"]["articles"] == 40
    assert record["dump"]["wiki"] == "testwiki" and record["dump"]["date"] == "2026-01-01"


IDLE_TIMEOUT = 60.0


def running(dask_worker: Worker) -> int:
    """Tasks occupying a worker's threads, cancelled ones included (they run to their end)."""
    return len(dask_worker.state.all_running_tasks)


def wait_until_idle(client: Client) -> None:
    deadline = time.monotonic() + IDLE_TIMEOUT
    while any(client.processing().values()) or any(client.run(running).values()):
        assert time.monotonic() < deadline, "the workers are still busy"
        time.sleep(0.05)


def test_an_interrupted_scan_continues_where_it_stopped(
    test_dump: BuiltDump, scanned: ScanResult, tmp_path: Path, client: Client
) -> None:
    out_dir = tmp_path / "out"

    def stop_after_two(label: str, done: int, total: int | None) -> None:
        if done >= 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_scan(config(test_dump.dump, out_dir), client, on_progress=stop_after_two)
    record = json.loads((out_dir / SCAN_FILE).read_text())
    assert record["status"] == "interrupted" and record["partitions"]["finished"] >= 2
    # A partition a worker was already reading when the scan stopped still finishes (a running
    # task cannot be cut short): wait for the workers to be idle before counting what is done.
    wait_until_idle(client)
    first = {
        n: done_path(out_dir, n).stat().st_mtime_ns
        for n in range(7)
        if done_path(out_dir, n).exists()
    }
    assert not (out_dir / SUMMARY_FILE).exists()

    result = run_scan(config(test_dump.dump, out_dir), client)
    assert result.resumed and result.complete
    assert result.ran == len(result.done) - len(first)
    assert all(done_path(out_dir, n).stat().st_mtime_ns == mtime for n, mtime in first.items())
    for table in TABLE_NAMES:
        assert read_table(out_dir, table).equals(read_table(scanned.out_dir, table)), table
    assert (out_dir / SUMMARY_FILE).read_text() == (scanned.out_dir / SUMMARY_FILE).read_text()


def test_a_rerun_with_other_parameters_is_refused(
    test_dump: BuiltDump, tmp_path: Path, client: Client
) -> None:
    out_dir = tmp_path / "out"
    run_scan(config(test_dump.dump, out_dir, titles=frozenset({"Bakhytzhan Toregozhina"})), client)
    with pytest.raises(InputError, match="other parameters \\(as_of\\)"):
        run_scan(
            config(
                test_dump.dump,
                out_dir,
                titles=frozenset({"Bakhytzhan Toregozhina"}),
                options=config(test_dump.dump, out_dir).options.__class__(
                    as_of=AS_OF.replace(day=1)
                ),
            ),
            client,
        )


def test_a_limit_keeps_exactly_the_first_articles(
    test_dump: BuiltDump, tmp_path: Path, client: Client
) -> None:
    result = run_scan(
        config(test_dump.dump, tmp_path / "out", limit=30, partition_pages=20), client
    )
    assert titles(tmp_path / "out") == expected_articles()[:30]
    assert result.complete
    assert json.loads((tmp_path / "out" / SCAN_FILE).read_text())["counts"]["articles"] == 30


def test_titles_read_only_their_streams_and_say_which_are_missing(
    test_dump: BuiltDump, tmp_path: Path, client: Client
) -> None:
    wanted = expected_articles()[::50]
    redirect = next(page for page in dump_pages() if page.redirect)
    asked = frozenset([*wanted, "No such article", redirect.title])
    result = run_scan(config(test_dump.dump, tmp_path / "out", titles=asked), client)
    assert sorted(titles(tmp_path / "out")) == sorted(wanted)
    streams = {stream.offset for partition in result.plan.partitions for stream in partition}
    assert len(streams) <= len(wanted) + 1
    problems = {row["kind"]: row for row in read_table(tmp_path / "out", "problems").to_pylist()}
    assert problems["title-not-found"]["article"] == "No such article"
    assert problems["title-is-redirect"]["article"] == redirect.title
    assert redirect.redirect in problems["title-is-redirect"]["reason"]


def test_a_plain_dump_gives_the_same_articles(
    test_dump: BuiltDump, tmp_path: Path, client: Client
) -> None:
    pages = dump_pages()[: SCRAMBLED_STREAM * PAGES_PER_STREAM]
    plain = write_plain(tmp_path / "testwiki-20260101-pages-articles.xml.bz2", pages)
    result = run_scan(config(plain, tmp_path / "out", partition_pages=25), client)
    assert result.plan.kind.value == "plain" and result.complete
    articles = read_table(tmp_path / "out", "articles", ["article", "revision_site"]).to_pylist()
    assert [row["article"] for row in articles] == expected_articles()[: len(articles)]
    assert len(articles) == sum(1 for page in pages if page.namespace == 0 and not page.redirect)
    assert {row["revision_site"] for row in articles} == {"testwiki.example"}
    in_namespace = sum(1 for page in pages if page.namespace == 0)
    assert len(result.done) == -(-in_namespace // 25)


def test_the_tables_have_the_documented_schemas(scanned: ScanResult) -> None:
    for table in TABLE_NAMES:
        read = read_table(scanned.out_dir, table)
        assert isinstance(read, pa.Table) and read.column_names[:2] == ["page_id", "article"]
    docs = (Path(__file__).resolve().parents[2] / "docs" / "scan.md").read_text(encoding="utf-8")
    for table in TABLE_NAMES:
        for name in read_table(scanned.out_dir, table).column_names:
            assert f"`{name}`" in docs, (table, name)


def test_the_readme_example_and_its_summary_are_current(scanned: ScanResult) -> None:
    """The README's worked example asks for what the shared scan did; its kept summary is
    what that scan writes (the summary does not depend on how the dump was partitioned)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    [command] = [c for c in re.findall(r"```sh\n(.+?)\n```", readme, re.S) if "scan" in c]
    build, scan = command.split(" && ")
    assert build.endswith("-m tests.scan.testdump /tmp/testwiki")
    words = shlex.split(scan)
    assert words[1:3] == ["scan", f"/tmp/testwiki/{scanned.plan.dump.name}"]
    assert words[3:] == ["-o", "/tmp/testwiki-scan", "--no-links", "--as-of", AS_OF.isoformat()]
    kept = REPO / "reports" / "testwiki-scan" / SUMMARY_FILE
    assert (scanned.out_dir / SUMMARY_FILE).read_text() == kept.read_text(encoding="utf-8"), (
        f"{kept.relative_to(REPO)} is stale: run the README's scan example, keep its summary.md"
    )


def test_a_missing_dump_is_a_clear_error_before_any_cluster_starts(tmp_path: Path) -> None:
    err = io.StringIO()
    status = main(
        ["scan", str(tmp_path / "enwiki-20260101-pages-articles.xml.bz2"), "-o", str(tmp_path)],
        World(stderr=err),
    )
    assert status == 2
    assert err.getvalue() == (
        f"citeaudit: error: {tmp_path / 'enwiki-20260101-pages-articles.xml.bz2'}: "
        "no such dump file\n"
    )


@pytest.mark.parametrize(
    ("dashboard", "deadlocks", "expected"),
    [(True, False, True), (False, False, False), (True, True, False)],
)
def test_workers_profile_themselves_only_for_a_dashboard_on_a_safe_interpreter(
    monkeypatch: pytest.MonkeyPatch, dashboard: bool, deadlocks: bool, expected: bool
) -> None:
    """CPython 3.11 before 3.11.9 can hang a worker that samples its own stacks."""
    monkeypatch.setattr(cluster, "has_dashboard_support", lambda: dashboard)
    monkeypatch.setattr(cluster, "_FRAMES_DEADLOCK", deadlocks)
    assert cluster.profile_workers() is expected
