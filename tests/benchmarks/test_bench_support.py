"""Claim support against labelled sets, and its time per cited sentence.

Two labelled sets:
- real pages (`fixtures/support_real/`), read from the shared reference data (skipped visibly
  when absent), labelled `supported`, `partial`, `contradicted` or `not-found`: 272 claims on
  36 pages (`claims.jsonl`), whose held-out pages are scored apart from the tuned ones, a
  second held-out set of 192 claims on 17 other pages (`holdout2.jsonl`, two of whose pages
  were later read while tuning), and a third of 400 claims on 34 further pages
  (`holdout3.jsonl`), written before the rules changed again, scored once whole and then split
  by page: half tuned on, half held out; and a fourth of 222 claims on 27 further pages
  (`holdout4.jsonl`), written without running claim support, split the same way;
- the synthetic set (`fixtures/support_eval/`): simulated pages, three labels.

For each: precision and recall per verdict, the confusion matrix, and "the page does not back
this" (`not-found` and `contradicted` together). The floor, measured in the same run, is a naive
checker: every text node of the page, and a claim called not backed when fewer than half of its
content words appear anywhere in it.

Run: `pytest -m benchmark -s tests/benchmarks/test_bench_support.py`
"""

from __future__ import annotations

import io
import time
import warnings
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from citeaudit.model import SourceText, SupportVerdict
from citeaudit.support import prepare_source, verify_claim
from citeaudit.support.extract import extract_source
from citeaudit.support.words import content_stems
from tests.conftest import shared_file
from tests.support.evaluation import (
    REFUTING,
    Evaluation,
    LabelledPair,
    evaluate,
    load_pairs,
    load_real_claims,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SYNTHETIC = FIXTURES / "support_eval" / "pairs.jsonl"
REAL = FIXTURES / "support_real" / "claims.jsonl"
SECOND_HELD_OUT = FIXTURES / "support_real" / "holdout2.jsonl"
THIRD_HELD_OUT = FIXTURES / "support_real" / "holdout3.jsonl"
FOURTH_HELD_OUT = FIXTURES / "support_real" / "holdout4.jsonl"
ROUNDS = 5


def naive_text(path: Path) -> str:
    if path.suffix == ".pdf":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(path.read_bytes()))
            return "\n".join(page.extract_text() or "" for page in reader.pages)
    return BeautifulSoup(path.read_bytes(), "lxml").get_text(" ")


def naive_floor(pairs: list[LabelledPair]) -> tuple[float, float, float]:
    """Precision and recall of "not backed" for the naive checker, and its seconds per claim."""
    pages: dict[Path, set[str]] = {}
    started = time.perf_counter()
    said = []
    for pair in pairs:
        for path in pair.sources:
            if path not in pages:
                pages[path] = content_stems(naive_text(path))
        words = content_stems(pair.claim)
        found = set().union(*(pages[path] for path in pair.sources))
        said.append(len(words & found) < len(words) / 2)
    seconds = (time.perf_counter() - started) / len(pairs)
    labelled = [pair.label in REFUTING for pair in pairs]
    hits = sum(s and t for s, t in zip(said, labelled, strict=True))
    precision = hits / sum(said) if any(said) else 1.0
    return precision, hits / sum(labelled) if any(labelled) else 1.0, seconds


def report(name: str, evaluation: Evaluation) -> None:
    print(f"\n{name}\n{evaluation.summary()}")


@pytest.mark.benchmark
def test_bench_support_on_real_pages() -> None:
    pages = shared_file("reference", "data", "web-pages", "index.json").parent
    pairs = load_real_claims(REAL, pages)
    evaluation = evaluate(pairs)
    tuned = evaluation.subset(lambda pair: not pair.is_held_out)
    held_out = evaluation.subset(lambda pair: pair.is_held_out)
    second = evaluate(load_real_claims(SECOND_HELD_OUT, pages))
    third = evaluate(load_real_claims(THIRD_HELD_OUT, pages))
    third_tuned = third.subset(lambda pair: not pair.is_held_out)
    third_held_out = third.subset(lambda pair: pair.is_held_out)
    fourth = evaluate(load_real_claims(FOURTH_HELD_OUT, pages))
    fourth_tuned = fourth.subset(lambda pair: not pair.is_held_out)
    fourth_held_out = fourth.subset(lambda pair: pair.is_held_out)
    report(f"tuned on ({len(tuned.results)} claims)", tuned)
    report(f"held out ({len(held_out.results)} claims, never read while tuning)", held_out)
    report(
        f"second set ({len(second.results)} claims on other pages, written before the rules"
        " changed again; two of its pages were then read while tuning)",
        second,
    )
    report(
        f"third set, tuned half ({len(third_tuned.results)} claims on 17 pages, read while"
        " tuning after one score of the whole set)",
        third_tuned,
    )
    report(
        f"third set, held-out half ({len(third_held_out.results)} claims on 17 other pages,"
        " never read while tuning)",
        third_held_out,
    )
    report(
        f"fourth set, tuned half ({len(fourth_tuned.results)} claims on 13 pages, read while"
        " tuning after one score of the whole set)",
        fourth_tuned,
    )
    report(
        f"fourth set, held-out half ({len(fourth_held_out.results)} claims on 14 other pages,"
        " never read while tuning)",
        fourth_held_out,
    )
    precision, recall, seconds = naive_floor(pairs)
    print(
        f"\nfloor (every text node, half the words): not backed precision {precision:.3f}, "
        f"recall {recall:.3f}, {seconds * 1000:.1f} ms per claim; claim support takes "
        f"{evaluation.seconds_per_pair * 1000:.1f} ms per claim "
        f"({evaluation.seconds_per_pair / seconds:.1f} x the floor), extraction included"
    )
    parts = {
        "tuned on": tuned,
        "held out": held_out,
        "second set": second,
        "third set, tuned half": third_tuned,
        "third set, held-out half": third_held_out,
        "fourth set, tuned half": fourth_tuned,
        "fourth set, held-out half": fourth_held_out,
    }
    for name, part in parts.items():
        print(f"{name}: {goals(part)}")
    for part in (tuned, held_out, second):
        # Floors against a regression, below the goals printed above. The third set has no
        # floor: its first score, before any tuning on it, was below these.
        assert part.rate(SupportVerdict.SUPPORTED).precision >= 0.85
        assert part.supported_called_contradicted <= 2


def goals(part: Evaluation) -> str:
    """The goals of claim support on real pages, each said met or missed."""
    supported = part.rate(SupportVerdict.SUPPORTED).precision
    refuting = part.rates(REFUTING)
    wrong = part.supported_called_contradicted
    checks = (
        (f"supported precision {supported:.3f} (goal 0.9)", supported >= 0.9),
        (
            f"not-found + contradicted recall {refuting.recall:.3f} at precision"
            f" {refuting.precision:.3f} (goal 0.6 at 0.9)",
            refuting.recall >= 0.6 and refuting.precision >= 0.9,
        ),
        (f"{wrong} supported called contradicted (goal 0)", wrong == 0),
    )
    return "; ".join(f"{text} {'met' if met else 'MISSED'}" for text, met in checks)


@pytest.mark.benchmark
def test_bench_support_on_the_synthetic_set() -> None:
    pairs = load_pairs(SYNTHETIC)
    evaluation = evaluate(pairs)
    report(f"synthetic, all ({len(pairs)} pairs)", evaluation)
    for name, held in (("tuned on", False), ("held out", True)):
        part = evaluation.subset(lambda pair, held=held: pair.is_held_out == held)
        rates = part.rates(REFUTING)
        print(
            f"  {name} ({len(part.results)} pairs): not backed precision {rates.precision:.3f}, "
            f"recall {rates.recall:.3f}; supported precision "
            f"{part.rate(SupportVerdict.SUPPORTED).precision:.3f}"
        )
    precision, recall, seconds = naive_floor(pairs)
    print(
        f"  floor: not backed precision {precision:.3f}, recall {recall:.3f}, "
        f"{seconds * 1000:.1f} ms per pair"
    )
    assert evaluation.not_found_precision >= 0.9


@pytest.mark.benchmark
def test_bench_time_per_cited_sentence_with_and_without_the_model_plumbing(
    tmp_path: Path,
) -> None:
    """The rules alone, then the NLI verifier on a tiny model built here: the difference is the
    plumbing (tokenising the passages, running an ONNX graph), not a real model's size."""
    pytest.importorskip("onnx", reason="the tiny model is built with onnx (the test extra)")
    from citeaudit.support.nli import NLIVerifier, ONNXCrossEncoder
    from tests.support.nli_maker import build_tiny_nli

    pages = shared_file("reference", "data", "web-pages", "index.json").parent
    pairs = load_real_claims(REAL, pages)
    words = {word.lower() for pair in pairs for word in pair.claim.split()}
    verifier = NLIVerifier(ONNXCrossEncoder(build_tiny_nli(tmp_path, sorted(words))))
    prepared = {
        path: prepare_source(extract_source(path.read_bytes(), "text/html", url=path.name))
        for path in {path for pair in pairs for path in pair.sources}
    }
    verifiers = {
        "rules": lambda claim, sources: verify_claim(claim, sources),
        "rules + NLI plumbing": lambda claim, sources: verifier.verify(claim, sources),
    }
    timings: dict[str, list[float]] = {name: [] for name in verifiers}
    for _ in range(ROUNDS):  # interleaved, so that a busy machine weighs on both alike
        for name, verify in verifiers.items():
            started = time.perf_counter()
            for pair in pairs:
                verify(pair.claim, [prepared[path] for path in pair.sources])
            timings[name].append((time.perf_counter() - started) / len(pairs))
    best = {name: min(values) for name, values in timings.items()}
    floor_started = time.perf_counter()
    for pair in pairs:
        content_stems(pair.claim)
    floor = (time.perf_counter() - floor_started) / len(pairs)
    print(f"\n{len(pairs)} cited sentences, pages prepared once beforehand")
    for name, seconds in best.items():
        print(
            f"  {name:<22} {seconds * 1000:6.2f} ms per cited sentence, best of {ROUNDS} "
            f"({seconds / floor:.0f} x reading the sentence's words)"
        )
    # The plumbing on its own (tokenising, the ONNX run, softmax), timed directly: the
    # difference of the two totals above is at the mercy of a busy machine.
    passages = [
        (result.evidence[0].passage, pair.claim)
        for pair in pairs
        if (result := verify_claim(pair.claim, [prepared[p] for p in pair.sources])).evidence
    ]
    model_times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for passage in passages:
            verifier.model.classify([passage])
        model_times.append((time.perf_counter() - started) / len(pairs))
    print(f"  of which the model's plumbing: {min(model_times) * 1000:.2f} ms per cited sentence")
    assert best["rules"] < 0.5


@pytest.mark.benchmark
def test_bench_support_on_a_large_page() -> None:
    paragraphs = "".join(
        f"<p>In meeting {n} the committee discussed the budget for the coming year, "
        f"the state of the roads and the new library, and it heard from {n % 40} residents.</p>"
        for n in range(1500)
    )
    body = f"<html><body><article>{paragraphs}</article></body></html>".encode()
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
    assert isinstance(source, SourceText) and source.has_text
