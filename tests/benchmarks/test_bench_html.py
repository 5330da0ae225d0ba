"""How long the HTML parser takes on a real article, as a multiple of a bare BeautifulSoup parse.

The floor is `BeautifulSoup(text, HTML_BUILDER)` of the same text in the same run: the parser
cannot be faster than building the tree it walks. Input: the Parsoid HTML of the English
Wikipedia article "Rust (programming language)" (CC BY-SA 4.0, Wikipedia contributors), read
from the shared reference data. Run with
`pytest -m benchmark -s tests/benchmarks/test_bench_html.py`.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup

from citeaudit.parse.html.article import HTML_BUILDER, parse
from tests.conftest import shared_file

ROUNDS = 9
GOAL = 1.5


def timed(action: Callable[[], object]) -> float:
    """One run, starting from a collected heap (bs4 trees are cyclic: their freeing would
    otherwise land in whichever run comes next)."""
    gc.collect()
    start = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - start
    del result
    return elapsed


def best_times(*actions: Callable[[], object]) -> list[float]:
    """The fastest of several rounds of each action, run in turn so that load from other
    processes falls on all of them alike."""
    rounds = [[timed(action) for action in actions] for _ in range(ROUNDS)]
    return [min(times) for times in zip(*rounds, strict=True)]


@pytest.mark.benchmark
def test_parsoid_html_parse_against_a_bare_beautifulsoup_parse() -> None:
    text = shared_file("reference", "data", "rust_parsoid.html").read_text(encoding="utf-8")
    floor, ours = best_times(lambda: BeautifulSoup(text, HTML_BUILDER), lambda: parse(text))
    ratio = ours / floor
    print(
        f"\nrust_parsoid.html ({len(text) // 1024} KB): "
        f"BeautifulSoup({HTML_BUILDER!r}) {floor * 1000:.0f} ms, "
        f"citeaudit.parse.html.article.parse {ours * 1000:.0f} ms, ratio {ratio:.2f} (goal <= {GOAL})"
    )
    assert parse(text).references, "the benchmark input must hold references"
