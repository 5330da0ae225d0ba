"""The static scan of a generated multistream dump: speed per core, speed-up, memory per worker.

The dump holds 5,000 generated articles of realistic shape (tests/scan/articles.py: sizes
log-normal around a median of about 4 KB of wikitext, about one citation per 450 characters)
in streams of 100 pages, as Wikimedia's are. The floor is the per-article function alone
(`audit_wikitext`, no Dask, no XML, no Parquet) on the same articles in this process; the scan
runs on a local cluster of 1, then 2 single-threaded worker processes.

Goals (issue 16): at least 100 articles a second per core, at least 1.8 times faster on 2
workers than on 1 (90 % of ideal), under 300 MB per worker. The throughput per core is also
given as a ratio to the floor: what the scan's machinery (reading, Dask, Parquet) costs.

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
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from citeaudit.audit import AuditOptions
from citeaudit.scan import ScanConfig, audit_wikitext, run_scan
from citeaudit.scan.pages import read_page, split_pages
from scan.articles import name, realistic_article
from scan.dumpwriter import PageSpec, page_xml, write_multistream

ARTICLES = 5_000
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
        pages.append(PageSpec(title, len(pages) + 1, realistic_article(rng, title)))
    return pages


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[PageSpec]]:
    pages = generated_pages(ARTICLES)
    path, _index = write_multistream(tmp_path_factory.mktemp("benchdump"), pages, PAGES_PER_STREAM)
    sizes = sorted(len((page.text or "").encode()) for page in pages)
    references = [(page.text or "").count("<ref") for page in pages]
    print(
        f"\n{ARTICLES} articles: median {statistics.median(sizes) / 1024:.1f} KB "
        f"(quartiles {sizes[len(sizes) // 4] / 1024:.1f}–{sizes[3 * len(sizes) // 4] / 1024:.1f} KB, "
        f"largest {sizes[-1] / 1024:.0f} KB), median {statistics.median(references):.0f} citations; "
        f"dump {path.stat().st_size / 2**20:.1f} MB compressed"
    )
    return path, pages


def floor_rate(pages: list[PageSpec]) -> float:
    """Articles a second of the per-article function alone, in this process."""
    sample = pages[:FLOOR_SAMPLE]
    for page in sample[:50]:  # warm up imports and caches
        audit_wikitext(page.title, page.text or "", OPTIONS)
    started = time.perf_counter()
    for page in sample:
        audit_wikitext(page.title, page.text or "", OPTIONS)
    return len(sample) / (time.perf_counter() - started)


def scan_with(workers: int, dump: Path, out_dir: Path) -> tuple[float, int, int]:
    """Seconds for the scan on `workers` worker processes, articles, peak memory of a worker."""
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(lambda: __import__("citeaudit.scan.records"))  # imports before the clock
        config = ScanConfig(dump=dump, out_dir=out_dir, options=OPTIONS)
        started = time.perf_counter()
        result = run_scan(config, client)
        seconds = time.perf_counter() - started
    articles = sum(record["articles"] for record in result.done.values())
    peak = max(record["peak_memory"] for record in result.done.values())
    return seconds, articles, peak


@pytest.mark.benchmark
def test_static_scan_speed_speedup_and_memory(
    dump: tuple[Path, list[PageSpec]], tmp_path: Path
) -> None:
    path, pages = dump
    floor = floor_rate(pages)
    print(f"floor (audit_wikitext alone, 1 core): {floor:.0f} articles/s")
    one_seconds, articles, one_peak = scan_with(1, path, tmp_path / "one")
    two_seconds, articles_two, two_peak = scan_with(2, path, tmp_path / "two")
    assert articles == articles_two == ARTICLES
    per_core = articles / one_seconds
    two_per_core = articles / two_seconds / 2
    speedup = one_seconds / two_seconds
    peak = max(one_peak, two_peak)
    print(
        f"1 worker: {one_seconds:.1f} s, {per_core:.0f} articles/s/core "
        f"({per_core / floor:.2f} of the floor); goal {GOAL_PER_CORE:.0f}: "
        f"{'met' if per_core >= GOAL_PER_CORE else 'NOT met'}"
    )
    print(
        f"2 workers: {two_seconds:.1f} s, {two_per_core:.0f} articles/s/core; speed-up "
        f"{speedup:.2f}x ({speedup / 2:.0%} of ideal); goal {GOAL_SPEEDUP}x: "
        f"{'met' if speedup >= GOAL_SPEEDUP else 'NOT met'}"
    )
    print(
        f"peak resident memory of a worker: {peak / 2**20:.0f} MB; goal under "
        f"{GOAL_MEMORY / 2**20:.0f} MB: {'met' if peak < GOAL_MEMORY else 'NOT met'}"
    )
    print(f"load average during the run: {os.getloadavg()[0]:.1f} (2 cores)")
    assert peak < GOAL_MEMORY
    assert per_core / floor > 0.8, "the scan's machinery costs more than a fifth of the audit"


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
            for _, element in etree.iterparse(io.BytesIO(b"<pages>" + stream + b"</pages>"), tag="page"):
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
