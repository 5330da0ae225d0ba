"""Parse time and peak memory of generated articles of 1, 5 and 20 MB in each input form.

Growth should be linear: the time per MB at 20 MB as a ratio to the time per MB at 1 MB
(measured in the same run) should be close to 1, and so should the memory per MB. Every
article is generated (`tests/hostile/generate.py`): simulated prose, made-up URLs. Run with
`PYTHONPATH=src python -m pytest -m benchmark -s tests/benchmarks/test_bench_parse_scale.py`.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable

import pytest
from hostile import generate

from citeaudit.model import Article
from citeaudit.parse import html, text, wikitext

SIZES_MB = (1, 5, 20)
LIMIT = 2.0
"""The test fails when time or memory per MB at 20 MB exceeds this multiple of that at 1 MB."""

FORMS: dict[str, tuple[Callable[[int], str], Callable[[str], Article]]] = {
    "wikitext": (generate.wikitext_article, wikitext.parse),
    "html": (generate.html_article, html.parse),
    "text": (generate.text_article, text.parse),
}


def measure(parse: Callable[[str], Article], source: str) -> tuple[float, int, int]:
    """Seconds, peak traced bytes and references of one parse (time without tracing)."""
    gc.collect()
    started = time.perf_counter()
    article = parse(source)
    seconds = time.perf_counter() - started
    references = len(article.references)
    del article
    gc.collect()
    tracemalloc.start()
    try:
        parse(source)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return seconds, peak, references


@pytest.mark.benchmark
@pytest.mark.parametrize("form", sorted(FORMS))
def test_parse_time_and_memory_grow_linearly(form: str) -> None:
    make, parse = FORMS[form]
    per_mb: dict[int, tuple[float, float]] = {}
    for size in SIZES_MB:
        source = make(size * generate.MEGABYTE)
        seconds, peak, references = measure(parse, source)
        megabytes = len(source.encode()) / generate.MEGABYTE
        per_mb[size] = (seconds / megabytes, peak / generate.MEGABYTE / megabytes)
        print(
            f"{form} {megabytes:5.1f} MB: {seconds:6.2f} s, peak {peak / 2**20:7.0f} MiB, "
            f"{references} references; {per_mb[size][0]:.3f} s/MB, "
            f"{per_mb[size][1]:.1f} MiB/MB"
        )
        del source
    time_growth = per_mb[SIZES_MB[-1]][0] / per_mb[SIZES_MB[0]][0]
    memory_growth = per_mb[SIZES_MB[-1]][1] / per_mb[SIZES_MB[0]][1]
    print(
        f"{form}: time per MB at {SIZES_MB[-1]} MB / at {SIZES_MB[0]} MB = {time_growth:.2f}, "
        f"memory per MB ratio {memory_growth:.2f} (linear: about 1)"
    )
    assert time_growth < LIMIT
    assert memory_growth < LIMIT
