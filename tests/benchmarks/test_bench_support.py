"""Claim support against the labelled set: not-found precision and recall, and time per pair.

The floor, measured in the same run, is reading the same pages naively (BeautifulSoup's
`get_text` for HTML, pypdf's text for PDF) and calling a claim not found when fewer than half
of its content words appear anywhere in them: what a crude checker costs and how precise it is.

Run: PYTHONPATH=src python -m pytest -m benchmark -s tests/benchmarks/test_bench_support.py
"""

from __future__ import annotations

import io
import time
import warnings
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from citeaudit.model import SourceText
from citeaudit.support import prepare_source, verify_claim
from tests.support.evaluation import LabelledPair, evaluate, load_pairs
from citeaudit.support.extract import extract_source
from citeaudit.support.facts import content_stems

PAIRS = Path(__file__).resolve().parents[2] / "fixtures" / "support_eval" / "pairs.jsonl"


def naive_text(path: Path) -> str:
    if path.suffix == ".pdf":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(path.read_bytes()))
            return "\n".join(page.extract_text() or "" for page in reader.pages)
    return BeautifulSoup(path.read_bytes(), "html.parser").get_text(" ")


def naive_not_found(pair: LabelledPair) -> bool:
    words = content_stems(pair.claim)
    page = content_stems(" ".join(naive_text(path) for path in pair.sources))
    return len(words & page) < len(words) / 2


def precision_recall(said: list[bool], labelled: list[bool]) -> tuple[float, float]:
    hits = sum(s and t for s, t in zip(said, labelled, strict=True))
    return (hits / sum(said) if any(said) else 1.0, hits / sum(labelled) if any(labelled) else 1.0)


@pytest.mark.benchmark
def test_bench_support_against_labels() -> None:
    pairs = load_pairs(PAIRS)
    started = time.perf_counter()
    naive = [naive_not_found(pair) for pair in pairs]
    floor = (time.perf_counter() - started) / len(pairs)
    evaluation = evaluate(pairs)
    labelled = [pair.label == "not-found" for pair in pairs]
    naive_precision, naive_recall = precision_recall(naive, labelled)
    print(f"\nall pairs: {evaluation.summary()}")
    for name, keep in (("tuned on", False), ("held out", True)):
        subset = [pair for pair in pairs if pair.note.startswith("held-out:") == keep]
        part = evaluate(subset)
        print(
            f"{name} ({len(subset)} pairs): not-found precision {part.not_found_precision:.3f}, "
            f"recall {part.not_found_recall:.3f}"
        )
    print(
        f"floor (naive page text, half the words): precision {naive_precision:.3f}, "
        f"recall {naive_recall:.3f}, {floor * 1000:.1f} ms per pair"
    )
    print(
        f"time per pair: {evaluation.seconds_per_pair * 1000:.1f} ms = "
        f"{evaluation.seconds_per_pair / floor:.2f} x the floor"
    )
    for pair, result in evaluation.mistakes():
        print(f"  {pair.id} {pair.label} -> {result.verdict.value}: {pair.claim[:70]}")
    assert evaluation.not_found_precision >= 0.9


@pytest.mark.benchmark
def test_bench_support_on_a_large_page() -> None:
    paragraph = (
        "<p>The committee met in the spring and discussed the budget for the coming year, "
        "the state of the roads and the new library, and it heard from 12 residents.</p>"
    )
    body = ("<html><body><article>" + paragraph * 1500 + "</article></body></html>").encode()
    started = time.perf_counter()
    source = extract_source(body, "text/html")
    extracted = time.perf_counter()
    prepared = prepare_source(source)
    prepared_at = time.perf_counter()
    claims = [f"The committee approved a budget of {n} million pounds in 2021." for n in range(20)]
    for claim in claims:
        verify_claim(claim, [prepared])
    verified = time.perf_counter()
    floor_started = time.perf_counter()
    BeautifulSoup(body, "html.parser").get_text(" ")
    floor = time.perf_counter() - floor_started
    print(
        f"\nlarge page: {len(body) // 1000} KB, {len(source.text) // 1000} K chars kept "
        f"(truncated={source.truncated})"
    )
    print(
        f"extract {extracted - started:.2f} s "
        f"({(extracted - started) / floor:.1f} x a bare get_text), "
        f"prepare {prepared_at - extracted:.2f} s, "
        f"verify {(verified - prepared_at) / len(claims) * 1000:.1f} ms per sentence"
    )
    assert isinstance(source, SourceText) and source.truncated
