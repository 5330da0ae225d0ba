"""The labelled evaluation set: well-formed, and `not-found` precise enough to act on."""

from __future__ import annotations

import json
from pathlib import Path

from citeaudit.model import SupportVerdict
from tests.support.evaluation import evaluate, load_pairs

EVAL_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "support_eval"
PAIRS = EVAL_DIR / "pairs.jsonl"


def test_the_set_is_large_labelled_and_complete() -> None:
    pairs = load_pairs(PAIRS)
    assert len(pairs) >= 60
    assert {pair.label.value for pair in pairs} == {
        "supported",
        "partial",
        "contradicted",
        "not-found",
    }
    assert len({pair.id for pair in pairs}) == len(pairs)
    assert all(path.is_file() for pair in pairs for path in pair.sources)
    assert any(len(pair.sources) > 1 for pair in pairs)
    assert any(path.suffix == ".pdf" for pair in pairs for path in pair.sources)
    lines = [
        json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    assert all(
        set(line) == {"id", "claim", "article_language", "sources", "label", "note"}
        for line in lines
    )


def test_every_page_says_it_is_synthetic() -> None:
    assert "Synthetic, written for this evaluation" in (EVAL_DIR / "README.md").read_text(
        encoding="utf-8"
    )
    for page in (EVAL_DIR / "pages").glob("*.html"):
        assert "Simulated page: synthetic" in page.read_text(encoding="utf-8"), page.name


def test_not_found_precision_on_the_evaluation_set() -> None:
    evaluation = evaluate(load_pairs(PAIRS))
    assert evaluation.not_found_precision >= 0.9, evaluation.summary()
    assert evaluation.not_found_recall > 0
    assert evaluation.rate(SupportVerdict.SUPPORTED).precision >= 0.95, evaluation.summary()
    assert evaluation.supported_called_contradicted == 0
