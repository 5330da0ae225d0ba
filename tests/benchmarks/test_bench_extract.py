"""Main-text extraction on real pages: phrases kept and left out, and time per page.

133 real web pages (gathered by the trafilatura project for its evaluation; read from the
shared reference data, never copied here) come with phrases their main text must contain and
phrases it must not (navigation, comments, related links). Each extractor is scored on the
share of the first found, the share of the second absent, the pages where every phrase is
right, the pages where it kept under 300 characters, and its median time per page.

Compared: what claim support uses (`extract_source`: trafilatura for the text, our own reading
of title, date and language), trafilatura alone with `favor_recall`, readability-lxml (the
`bench` extra; skipped visibly when absent) and trafilatura falling back to readability-lxml
when it keeps under 500 characters. The floor, in the same run, is every text node of the page
(`BeautifulSoup.get_text`): all the phrases that belong, and all the boilerplate too.

Run: `pytest -m benchmark -s tests/benchmarks/test_bench_extract.py`
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import trafilatura
from bs4 import BeautifulSoup

from citeaudit.support.extract import extract_source
from tests.conftest import shared_file

Extractor = Callable[[bytes], str]


@dataclass(frozen=True)
class Page:
    name: str
    body: bytes
    contains: tuple[str, ...]
    lacks: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    kept: float
    left_out: float
    all_right: int
    short: int
    median_ms: float

    @property
    def f1(self) -> float:
        return 2 * self.kept * self.left_out / (self.kept + self.left_out)


def pages() -> list[Page]:
    index = shared_file("reference", "data", "web-pages", "index.json")
    folder = index.parent
    return [
        Page(
            item["file"],
            (folder / item["file"]).read_bytes(),
            tuple(item["main_text_contains"]),
            tuple(item["main_text_lacks"]),
        )
        for item in json.loads(index.read_text(encoding="utf-8"))["pages"]
    ]


def squash(text: str) -> str:
    return " ".join(text.split())


def score(extract: Extractor, corpus: list[Page]) -> Score:
    kept = wanted = left_out = unwanted = all_right = short = 0
    times = []
    for page in corpus:
        started = time.perf_counter()
        text = squash(extract(page.body))
        times.append(time.perf_counter() - started)
        found = sum(squash(phrase) in text for phrase in page.contains)
        absent = sum(squash(phrase) not in text for phrase in page.lacks)
        kept, wanted = kept + found, wanted + len(page.contains)
        left_out, unwanted = left_out + absent, unwanted + len(page.lacks)
        all_right += found == len(page.contains) and absent == len(page.lacks)
        short += len(text) < 300
    return Score(
        kept / wanted, left_out / unwanted, all_right, short, statistics.median(times) * 1000
    )


def ours(body: bytes) -> str:
    return extract_source(body, "text/html").text


def trafilatura_recall(body: bytes) -> str:
    return trafilatura.extract(body, favor_recall=True, include_comments=False) or ""


def every_text_node(body: bytes) -> str:
    return BeautifulSoup(body, "lxml").get_text(" ")


@pytest.mark.benchmark
def test_bench_main_text_on_real_pages() -> None:
    corpus = pages()
    extractors: dict[str, Extractor] = {
        "floor: every text node": every_text_node,
        "citeaudit (trafilatura + own metadata)": ours,
        "trafilatura, favor_recall": trafilatura_recall,
    }
    try:
        from lxml.html import fromstring
        from readability import Document
    except ImportError:
        print("\nreadability-lxml is not installed (pip install -e '.[bench]'): not compared")
    else:

        def readability(body: bytes) -> str:
            summary = Document(body).summary(html_partial=True)
            return str(fromstring(summary).text_content()) if summary.strip() else ""

        def with_fallback(body: bytes) -> str:
            text = ours(body)
            return text if len(text) >= 500 else max(text, readability(body), key=len)

        extractors["readability-lxml"] = readability
        extractors["citeaudit, readability-lxml under 500 chars"] = with_fallback
    scores = {name: score(extract, corpus) for name, extract in extractors.items()}
    floor = scores["floor: every text node"]
    print(f"\n{len(corpus)} pages; time as a multiple of the floor's {floor.median_ms:.1f} ms")
    for name, result in scores.items():
        print(
            f"  {name:<44} kept {result.kept:.3f}  left out {result.left_out:.3f}  "
            f"F1 {result.f1:.3f}  all right {result.all_right:>3}  under 300 chars "
            f"{result.short:>2}  median {result.median_ms:5.1f} ms "
            f"({result.median_ms / floor.median_ms:.1f} x)"
        )
    ours_score = scores["citeaudit (trafilatura + own metadata)"]
    assert ours_score.kept >= 0.93 and ours_score.left_out >= 0.88


def test_the_corpus_index_names_pages_that_exist() -> None:
    corpus = pages()
    assert len(corpus) == 133
    assert all(page.contains and page.body for page in corpus)
    assert all(Path(page.name).suffix == ".html" for page in corpus)
