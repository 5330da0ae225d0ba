"""The model-based verifier's plumbing, on a tiny NLI model the tests build (no download).

The model's answers are set by hand (`nli_maker`): what is tested is the loading, the
tokenising of (passage, sentence) pairs, batching, the label names, the verdicts and scores,
what the rules keep, and the command line's `--nli-model`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citeaudit.app.cli import main
from citeaudit.errors import ModelError
from citeaudit.model import SourceText, SupportVerdict
from citeaudit.support import prepare_source, verify_claim
from citeaudit.support.nli import Inference, NLIVerifier, ONNXCrossEncoder

pytest.importorskip("onnx", reason="the NLI tests build their model with onnx (the test extra)")
from tests.support.nli_maker import build_tiny_nli  # noqa: E402
from tests.test_support_audit import seed_audit  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "fixtures" / "Bakhytzhan_Toregozhina"
WORDS = "the sky over the harbour is blue today and the council opened a new ferry route".split()
HARBOUR = SourceText(
    text=(
        "The sky over the harbour is blue today, the weather office said in its morning report.\n"
        "The council opened a new ferry route to the island on Monday, with 14 crossings a day.\n"
        "The ferry costs 4 pounds for adults and is free for children under five."
    ),
    language="en",
    kind="html",
    url="https://harbour.example/news",
)


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_nli(tmp_path_factory.mktemp("tiny-nli"), WORDS)


@pytest.fixture(scope="module")
def verifier(model_dir: Path) -> NLIVerifier:
    return NLIVerifier(ONNXCrossEncoder(model_dir))


def test_the_model_scores_pairs_with_its_own_label_names(model_dir: Path) -> None:
    model = ONNXCrossEncoder(model_dir)
    agree, negated, unrelated = model.classify(
        [
            ("The sky is blue.", "The sky is blue."),
            ("The sky is blue.", "The sky is not blue."),
            ("The sky is grey.", "Today."),
        ]
    )
    assert max(agree, key=agree.__getitem__) is Inference.ENTAILMENT
    assert max(negated, key=negated.__getitem__) is Inference.CONTRADICTION
    assert max(unrelated, key=unrelated.__getitem__) is Inference.NEUTRAL
    assert all(abs(sum(p.values()) - 1) < 1e-5 for p in (agree, negated, unrelated))


def test_batches_and_truncation_give_the_same_answers(model_dir: Path) -> None:
    pairs = [
        (f"The sky is {'blue ' * n}today.", "The sky is not blue." if n % 2 else "Blue sky.")
        for n in range(7)
    ]
    one_batch = ONNXCrossEncoder(model_dir).classify(pairs)
    small_batches = ONNXCrossEncoder(model_dir, batch_size=2).classify(pairs)
    flat = [p[inference] for p in one_batch for inference in Inference]
    assert flat == pytest.approx([p[inference] for p in small_batches for inference in Inference])
    assert len({round(value, 6) for value in flat}) > 3, "the pairs must differ to test batching"
    truncated = ONNXCrossEncoder(model_dir, max_length=8).classify(pairs)
    assert len(truncated) == len(pairs)


def test_a_model_without_token_types_runs(tmp_path: Path) -> None:
    directory = build_tiny_nli(tmp_path, WORDS, token_types=False)
    [scores] = ONNXCrossEncoder(directory).classify([("the sky is blue", "the sky is blue")])
    assert scores[Inference.ENTAILMENT] > 0.5


def test_the_verifier_returns_the_same_verdicts_with_a_score(verifier: NLIVerifier) -> None:
    source = prepare_source(HARBOUR)
    supported = verifier.verify("The council opened a new ferry route to the island.", [source])
    assert supported.verdict is SupportVerdict.SUPPORTED
    assert supported.score is not None and supported.score > 0.5
    assert supported.reason.startswith("nli model")
    negated = "The council has not opened a new ferry route to the island."
    contradicted = verifier.verify(negated, [source])
    assert contradicted.verdict is SupportVerdict.CONTRADICTED and contradicted.score
    # The model reads the passages the rules chose.
    assert contradicted.evidence == verify_claim(negated, [source]).evidence


def test_what_the_model_cannot_see_the_rules_keep(verifier: NLIVerifier) -> None:
    source = prepare_source(HARBOUR)
    dead = prepare_source(SourceText.unavailable("dead link (HTTP 404)", url="https://x.example/"))
    unread = verifier.verify("The council opened a new ferry route.", [dead])
    assert unread.verdict is SupportVerdict.UNVERIFIABLE and unread.score is None
    # A changed number is the rules' to see: a bag of words cannot.
    changed = verifier.verify("The council opened a ferry route with 41 crossings a day.", [source])
    assert changed.verdict is SupportVerdict.CONTRADICTED and changed.conflicts
    assert changed.score is None


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: (d / "model.onnx").unlink(), "has no model.onnx or onnx/model.onnx"),
        (lambda d: (d / "tokenizer.json").unlink(), "has no tokenizer.json"),
        (lambda d: (d / "config.json").write_text("{}"), "has no readable id2label"),
        (
            lambda d: (d / "config.json").write_text(
                json.dumps({"id2label": {"0": "NEGATIVE", "1": "POSITIVE", "2": "MIXED"}})
            ),
            "not an NLI model",
        ),
    ],
)
def test_a_broken_model_directory_says_what_is_wrong(
    tmp_path: Path, setup: object, message: str
) -> None:
    directory = build_tiny_nli(tmp_path, WORDS)
    setup(directory)  # type: ignore[operator]
    with pytest.raises(ModelError, match=message):
        ONNXCrossEncoder(directory)


def test_the_command_line_audits_with_the_model(model_dir: Path, tmp_path: Path) -> None:
    report = json.loads(seed_audit(tmp_path, "--format", "json", "--nli-model", str(model_dir)))
    read = [r for r in report["support"] if r["verdict"] != "unverifiable"]
    assert read and all(record["score"] is not None for record in read)
    assert all(r["reason"].startswith("nli model") for r in read)


def test_the_command_line_refuses_a_directory_with_no_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        [
            "audit",
            str(SEED / "Bakhytzhan_Toregozhina.wiki"),
            "--offline",
            str(SEED / "web"),
            "--nli-model",
            str(tmp_path),
            "-o",
            str(tmp_path / "r.md"),
            "--quiet",
        ]
    )
    assert status == 2
    assert "has no model.onnx" in capsys.readouterr().err
