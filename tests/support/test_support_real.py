"""The labelled set on real pages: well formed, and claim support meeting its goals on it.

The pages are read from the shared reference data (one visible skip when it is absent); the
claims, labels and short evidence quotations are ours (`fixtures/support_real/`). The goals are
asserted on the part tuned on; the held-out part is scored by the benchmark only
(`tests/benchmarks/test_bench_support.py`), so that no test nudges the rules towards it.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from citeaudit.model import SupportVerdict
from tests.conftest import shared_file
from tests.support.evaluation import REFUTING, Evaluation, evaluate, load_real_claims

CLAIMS = Path(__file__).resolve().parents[2] / "fixtures" / "support_real" / "claims.jsonl"
CAUSES = {
    "number",
    "percent",
    "currency",
    "unit",
    "words-number",
    "range",
    "approximate",
    "date",
    "month",
    "identifier",
    "name",
    "place",
    "quote",
    "negation",
    "antonym",
    "extra-clause",
    "topic",
    "main-text",
}


def lines() -> list[dict[str, object]]:
    text = CLAIMS.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_the_set_is_big_varied_labelled_and_held_out_in_part() -> None:
    items = lines()
    assert len(items) >= 150
    assert len({item["page"] for item in items}) >= 30
    assert len({item["id"] for item in items}) == len(items)
    labels = Counter(str(item["label"]) for item in items)
    assert set(labels) == {"supported", "partial", "contradicted", "not-found"}
    assert set().union(*(set(item["causes"]) for item in items)) == CAUSES  # type: ignore[arg-type]
    held_out = {item["page"] for item in items if item["split"] == "held-out"}
    tuned = {item["page"] for item in items if item["split"] == "tune"}
    assert held_out and tuned and not held_out & tuned, "a page is in one part only"
    for item in items:
        evidence = item["evidence"]
        assert (evidence is None) == (item["label"] == "not-found"), item["id"]
        assert evidence is None or len(str(evidence)) <= 300, item["id"]
        assert (item["conflict"] is not None) == (item["label"] == "contradicted"), item["id"]


@pytest.fixture(scope="module")
def tuned() -> Evaluation:
    pages = shared_file("reference", "data", "web-pages", "index.json").parent
    pairs = load_real_claims(CLAIMS, pages)
    assert all(path.is_file() for pair in pairs for path in pair.sources)
    return evaluate([pair for pair in pairs if not pair.is_held_out])


def test_supported_is_right_nine_times_in_ten(tuned: Evaluation) -> None:
    assert tuned.rate(SupportVerdict.SUPPORTED).precision >= 0.9, tuned.summary()


def test_what_the_page_does_not_back_is_caught_and_rightly(tuned: Evaluation) -> None:
    refuting = tuned.rates(REFUTING)
    assert refuting.recall >= 0.6 and refuting.precision >= 0.9, tuned.summary()


def test_no_supported_claim_is_called_contradicted(tuned: Evaluation) -> None:
    assert tuned.supported_called_contradicted == 0, tuned.summary()
