"""How long the wikitext parser takes, as a ratio to mwparserfromhell's own parse of the same text.

`mwparserfromhell.parse` is the floor: the parser cannot be faster than the tokenizer and tree
it builds on. Each figure is the best of a few runs taken in turns in the same process, so that
the ratio holds on any machine. Run with
`PYTHONPATH=src python -m pytest -m benchmark -s tests/benchmarks/test_bench_wikitext.py`.
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable

import mwparserfromhell
import pytest

from citeaudit.parse.wikitext.article import parse
from tests.conftest import shared_file

GOAL = 1.5
LIMIT = 2.5
"""The test fails above this ratio; the goal is printed beside the figure."""


def best_times(runs: int, *works: Callable[[], object]) -> list[float]:
    """The best time of each piece of work, run in turns so that a busy machine slows all alike."""
    best = [float("inf")] * len(works)
    for _ in range(runs):
        for index, work in enumerate(works):
            gc.collect()  # garbage left by one run must not be collected during the next
            start = time.perf_counter()
            work()
            best[index] = min(best[index], time.perf_counter() - start)
    return best


def generated_article(citations: int = 800) -> str:
    """About 400 KB of wikitext: sections of prose, each sentence cited with a CS1 template."""
    parts = [
        "{{Use dmy dates|date=May 2024}}\n"
        "{{Infobox person|name=Generated|birth_date={{birth date|1950|1|2}}}}\n"
    ]
    for number in range(citations):
        if number % 40 == 0:
            parts.append(f"\n== Section {number // 40} ==\n")
        if number % 10 == 0:
            parts.append("\n")
        parts.append(
            f"Sentence {number} of the article says something about [[Topic {number}|a topic]], "
            f"with '''bold''' and ''italic'' text, a second clause, and a third one for length."
            f'<ref name="r{number}">{{{{cite web |last=Author{number} |first=Given '
            f"|date={1 + number % 28} May 2020 "
            f"|title=Title of page {number} |url=https://example.org/{number}/page.html "
            f"|website=[[Example Site]] |publisher=Publisher {number % 17} "
            f"|access-date=2 June 2021 "
            f"|archive-url=https://web.archive.org/web/2021/https://example.org/{number}/page.html "
            f"|archive-date=3 June 2021 |url-status=live}}}}</ref> "
        )
        if number % 7 == 0:
            parts.append(f'It is repeated.<ref name="r{number}" />{{{{rp|{number}}}}} ')
        if number % 50 == 0:
            parts.append("An unsourced claim.{{citation needed|date=May 2024}} ")
    parts.append("\n== References ==\n{{Reflist}}\n[[Category:Generated articles]]\n")
    return "".join(parts)


def ratio_line(label: str, text: str) -> tuple[float, str]:
    floor, ours = best_times(7, lambda: mwparserfromhell.parse(text), lambda: parse(text))
    ratio = ours / floor
    return ratio, (
        f"{label}: {len(text) / 1024:.0f} KB, mwparserfromhell.parse {floor * 1000:.1f} ms, "
        f"wikitext.parse {ours * 1000:.1f} ms, ratio {ratio:.2f} (goal <= {GOAL})"
    )


@pytest.mark.benchmark
def test_rust_article_against_the_floor() -> None:
    source = json.loads(
        shared_file("reference", "data", "rust_rest_page.json").read_text(encoding="utf-8")
    )["source"]
    ratio, line = ratio_line("Rust (programming language)", source)
    print(line)
    assert ratio <= LIMIT


@pytest.mark.benchmark
def test_generated_article_against_the_floor() -> None:
    text = generated_article()
    article = parse(text)
    assert len(article.references) == 800
    assert 350_000 <= len(text.encode()) <= 450_000
    ratio, line = ratio_line("generated, 800 citation templates", text)
    print(line)
    assert ratio <= LIMIT
