"""The static scan of a generated multistream dump: speed per core, speed-up, memory per worker.

The dump holds 5,000 generated articles of realistic shape (tests/scan/articles.py: sizes
log-normal around a median of about 4 KB of wikitext, about one citation per 450 characters)
in streams of 100 pages, as Wikimedia's are. The floor is the per-article function alone
(`audit_wikitext`, no Dask, no XML, no Parquet) on the same articles in this process; the scan
runs on a local cluster of 1, then 2 single-threaded worker processes.

Goals (issue 16): at least 100 articles a second per core, at least 1.8 times faster on 2
workers than on 1 (90 % of ideal), under 300 MB per worker. The throughput per core is given
by wall time and by the workers' CPU time: on a machine others are using, wall time measures
their load as much as ours, and the CPU time is the truer figure of the work. It is also given
as a ratio to the floor: what the scan's machinery (reading, Dask, Parquet) costs.

    .venv/bin/python -m pytest -m benchmark -s tests/benchmarks/test_bench_scan.py

The second test compares the XML readers (lxml page by page, lxml's iterparse, `mwxml`) on
the pages of the same dump; it is skipped when `mwxml` is not installed (it is not a
dependency: `pip install mwxml` to measure it).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from scan.articles import CITED_SENTENCES, name, realistic_article
from scan.dumpwriter import PageSpec, page_xml, write_multistream

from citeaudit.audit import AuditOptions
from citeaudit.model import LinkResult, LinkVerdict
from citeaudit.scan import ScanConfig, audit_wikitext, run_scan
from citeaudit.scan.cluster import dask_client
from citeaudit.scan.dumps import read_index, read_streams
from citeaudit.scan.links import Frontier
from citeaudit.scan.pages import DumpPage, read_page, split_pages
from citeaudit.scan.store import write_rows
from citeaudit.scan.tables import TARGETS
from citeaudit.web.links import LinkHistory, LinkTarget
from citeaudit.web.urls import host_of

ARTICLES = 5_000
CITED = float(os.environ.get("CITEAUDIT_BENCH_CITED", CITED_SENTENCES))
"""The share of sentences followed by a citation (`CITEAUDIT_BENCH_CITED=0.22` comes near
English Wikipedia's average of about 6.5 citations an article)."""
FLOOR_SAMPLE = 600
PAGES_PER_STREAM = 100
AS_OF = dt.date(2026, 11, 28)
GOAL_PER_CORE, GOAL_SPEEDUP, GOAL_MEMORY = 100.0, 1.8, 300 * 2**20
OPTIONS = AuditOptions(as_of=AS_OF)


def generated_pages(count: int, seed: int = 5) -> list[PageSpec]:
    rng = random.Random(seed)
    titles: set[str] = set()
    pages = []
    while len(pages) < count:
        title = name(rng, 3)
        if title in titles:
            continue
        titles.add(title)
        pages.append(PageSpec(title, len(pages) + 1, realistic_article(rng, title, cited=CITED)))
    return pages


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[PageSpec]]:
    pages = generated_pages(ARTICLES)
    path, _index = write_multistream(tmp_path_factory.mktemp("benchdump"), pages, PAGES_PER_STREAM)
    sizes = sorted(len((page.text or "").encode()) for page in pages)
    references = [(page.text or "").count("<ref") for page in pages]
    quartiles = f"{sizes[len(sizes) // 4] / 1024:.1f}–{sizes[3 * len(sizes) // 4] / 1024:.1f}"
    print(
        f"\n{ARTICLES} articles: median {statistics.median(sizes) / 1024:.1f} KB "
        f"(quartiles {quartiles} KB, largest {sizes[-1] / 1024:.0f} KB), "
        f"median {statistics.median(references):.0f} citations "
        f"(mean {statistics.mean(references):.1f}); "
        f"dump {path.stat().st_size / 2**20:.1f} MB compressed"
    )
    return path, pages


def floor_rate(pages: list[PageSpec]) -> tuple[float, float]:
    """Articles a second (wall, CPU) of the per-article function alone, in this process."""
    sample = pages[:FLOOR_SAMPLE]
    for page in sample[:50]:  # warm up imports and caches
        audit_wikitext(page.title, page.text or "", OPTIONS)
    started, started_cpu = time.perf_counter(), time.process_time()
    for page in sample:
        audit_wikitext(page.title, page.text or "", OPTIONS)
    wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    return len(sample) / wall, len(sample) / cpu


@dataclass(frozen=True)
class Run:
    workers: int
    seconds: float
    cpu_seconds: float
    articles: int
    peak_memory: int

    @property
    def per_core(self) -> float:
        return self.articles / self.seconds / self.workers

    @property
    def per_cpu_second(self) -> float:
        return self.articles / self.cpu_seconds


def scan_with(workers: int, dump: Path, out_dir: Path) -> Run:
    """The scan on `workers` single-threaded worker processes, as `citeaudit scan --workers`
    runs it."""
    with dask_client(workers=workers) as client:  # the cluster `citeaudit scan` starts
        client.run(lambda: __import__("citeaudit.scan.records"))  # imports before the clock
        config = ScanConfig(dump=dump, out_dir=out_dir, options=OPTIONS)
        started = time.perf_counter()
        result = run_scan(config, client)
        seconds = time.perf_counter() - started
    done = result.done.values()
    return Run(
        workers,
        seconds,
        sum(record["cpu_seconds"] for record in done),
        sum(record["articles"] for record in done),
        max(record["peak_memory"] for record in done),
    )


@pytest.mark.benchmark
def test_static_scan_speed_speedup_and_memory(
    dump: tuple[Path, list[PageSpec]], tmp_path: Path
) -> None:
    path, pages = dump
    floor_wall, floor_cpu = floor_rate(pages)
    print(
        f"floor (audit_wikitext alone, 1 core): {floor_wall:.0f} articles/s by wall time, "
        f"{floor_cpu:.0f} per CPU-second"
    )
    one = scan_with(1, path, tmp_path / "one")
    two = scan_with(2, path, tmp_path / "two")
    assert one.articles == two.articles == ARTICLES
    speedup = one.seconds / two.seconds
    peak = max(one.peak_memory, two.peak_memory)
    for run in (one, two):
        print(
            f"{run.workers} worker{'s' if run.workers > 1 else ''}: {run.seconds:.1f} s, "
            f"{run.per_core:.0f} articles/s/core by wall time, {run.per_cpu_second:.0f} per "
            f"CPU-second ({run.per_cpu_second / floor_cpu:.2f} of the floor)"
        )
    best = max(one.per_cpu_second, one.per_core)
    print(
        f"per core: goal {GOAL_PER_CORE:.0f} articles/s: "
        f"{'met' if best >= GOAL_PER_CORE else 'NOT met'} ({best:.0f})"
    )
    print(
        f"speed-up 1 -> 2 workers: {speedup:.2f}x ({speedup / 2:.0%} of ideal); goal "
        f"{GOAL_SPEEDUP}x: {'met' if speedup >= GOAL_SPEEDUP else 'NOT met'}"
    )
    print(
        f"peak resident memory of a worker: {peak / 2**20:.0f} MB; goal under "
        f"{GOAL_MEMORY / 2**20:.0f} MB: {'met' if peak < GOAL_MEMORY else 'NOT met'}"
    )
    print(f"load average after the runs: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    assert peak < GOAL_MEMORY
    assert one.per_cpu_second / floor_cpu > 0.7, "the scan's machinery costs over 30 %"


@pytest.mark.benchmark
def test_xml_readers(dump: tuple[Path, list[PageSpec]]) -> None:
    mwxml = pytest.importorskip("mwxml")
    from lxml import etree

    path, pages = dump
    streams = [
        b"".join(page_xml(page) for page in pages[start : start + PAGES_PER_STREAM])
        for start in range(0, len(pages), PAGES_PER_STREAM)
    ]

    def ours() -> int:
        return sum(
            len(read_page(chunk).text or "")  # type: ignore[union-attr]
            for stream in streams
            for chunk in split_pages(stream)[0]
        )

    def iterparse() -> int:
        total = 0
        for stream in streams:
            for _, element in etree.iterparse(
                io.BytesIO(b"<pages>" + stream + b"</pages>"), tag="page"
            ):
                total += len(element.find("revision/text").text or "")
                element.clear()
        return total

    def with_mwxml() -> int:
        total = 0
        for stream in streams:
            for page in mwxml.Dump.from_page_xml(io.StringIO(stream.decode())):
                for revision in page:
                    total += len(revision.text or "")
        return total

    megabytes = sum(map(len, streams)) / 2**20
    rates = {}
    for reader in (ours, iterparse, with_mwxml, ours, iterparse, with_mwxml):
        started = time.perf_counter()
        characters = reader()
        rates[reader.__name__] = len(pages) / (time.perf_counter() - started)
        assert characters == sum(len(page.text or "") for page in pages)
    for reader, rate in rates.items():
        print(f"{reader}: {rate:,.0f} pages/s ({rate * megabytes / len(pages):.0f} MB/s)")
    print(f"lxml page by page / mwxml: {rates['ours'] / rates['with_mwxml']:.1f}x")
    assert rates["ours"] > rates["with_mwxml"]


@pytest.mark.benchmark
def test_reading_and_link_bookkeeping_costs(
    dump: tuple[Path, list[PageSpec]], tmp_path: Path
) -> None:
    """What the scan pays besides the audit: reading the dump (bz2 and XML), and per URL in a
    links scan, the frontier and the link history (the cost of a rerun that reuses it)."""
    path, pages = dump
    index = path.with_name(path.name.replace("multistream.xml", "multistream-index.txt"))
    streams = read_index(index, path.stat().st_size).streams
    started = time.process_time()
    read = sum(1 for item in read_streams(path, streams) if isinstance(item, DumpPage))
    seconds = time.process_time() - started
    xml_megabytes = sum(len(page_xml(page)) for page in pages) / 2**20
    print(
        f"\nreading: {read / seconds:,.0f} pages per CPU-second, {xml_megabytes / seconds:.0f} MB "
        f"of XML ({path.stat().st_size / 2**20 / seconds:.1f} MB of bz2) per CPU-second"
    )
    targets = [
        LinkTarget(f"https://www.host{n % 997}.example/story/{n}", access_day=AS_OF)
        for n in range(20_000)
    ]
    root = tmp_path / "targets"
    rows = [
        {
            "page_id": n,
            "url_key": t.key,
            "host": host_of(t.key),
            "url": t.url,
            "access_day": t.access_day,
            "archive_url": None,
            "title": None,
        }
        for n, t in enumerate(targets)
    ]
    write_rows(root, TARGETS, "00000", rows)
    frontier = Frontier.open(tmp_path / "frontier.sqlite3")
    started = time.perf_counter()
    frontier.load(root)
    load = time.perf_counter() - started
    frontier.close()
    history = LinkHistory.open(tmp_path / "links.sqlite3")
    started = time.perf_counter()
    for target in targets[:5_000]:
        history.record(LinkResult(target.url, LinkVerdict.ALIVE, "HTTP 200", 200))
    record = (time.perf_counter() - started) / 5_000
    started = time.perf_counter()
    for target in targets[:5_000]:
        history.fresh(target.url, 86_400)
    fresh = (time.perf_counter() - started) / 5_000
    history.close()
    print(
        f"frontier: {len(targets) / load:,.0f} citations merged per second; link history: "
        f"{record * 1e6:.0f} µs to record a result, {fresh * 1e6:.0f} µs to reuse one"
    )
    assert read == len(pages)
