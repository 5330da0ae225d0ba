"""A model-based verifier: a natural-language-inference cross-encoder run locally.

`NLIVerifier` reads the passages the rules chose (the best passage of each cited source) and
asks an entailment model whether each one entails the sentence, contradicts it, or neither;
the verdict carries the model's probability as its `score`. What the model cannot see, the
rules keep: a source with no text stays `unverifiable`, a source in another language is
compared on its numbers and dates, and a number or date the page states otherwise stays
`contradicted` (models read digits poorly). A neutral answer keeps the rules' `partial` or
`not-found`.

`ONNXCrossEncoder` runs such a model from a directory holding an ONNX export of a sequence-pair
classifier (`model.onnx`, or `onnx/model.onnx`), its `tokenizer.json` and its `config.json`
(whose `id2label` names the entailment, neutral and contradiction outputs), as exported by
Hugging Face's `optimum-cli export onnx` or published with many NLI cross-encoders. It needs
the `nli` extra (`pip install 'citeaudit[nli]'`: onnxruntime, tokenizers, numpy) and never
downloads anything: the user points it at a model on disk (docs/support.md).
"""

from __future__ import annotations

import enum
import importlib
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from citeaudit.errors import ModelError
from citeaudit.model import SupportVerdict
from citeaudit.support.passages import PreparedSource
from citeaudit.support.verifier import Verifier
from citeaudit.support.verify import SupportResult, verify_claim


class Inference(enum.Enum):
    """What a premise says of a hypothesis."""

    ENTAILMENT = "entailment"
    NEUTRAL = "neutral"
    CONTRADICTION = "contradiction"


Probabilities = dict[Inference, float]


class EntailmentModel(Protocol):
    """Scores (premise, hypothesis) pairs: a probability for each `Inference`."""

    name: str

    def classify(self, pairs: Sequence[tuple[str, str]]) -> list[Probabilities]: ...


class NLIVerifier(Verifier):
    """The rules' passages, judged by an entailment model (see the module docstring)."""

    name = "nli"

    def __init__(self, model: EntailmentModel, *, threshold: float = 0.5) -> None:
        self.model = model
        self.threshold = threshold
        """The probability an entailment or a contradiction must reach to be the verdict."""

    def verify(
        self, claim: str, sources: Sequence[PreparedSource], *, article_language: str = "en"
    ) -> SupportResult:
        ruled = verify_claim(claim, sources, article_language=article_language)
        if (
            ruled.verdict is SupportVerdict.UNVERIFIABLE
            or ruled.language_neutral
            or not ruled.evidence
            or ruled.conflicts
        ):
            return ruled
        judged = self.model.classify([(evidence.passage, claim) for evidence in ruled.evidence])
        entailed = max(p[Inference.ENTAILMENT] for p in judged)
        contradicted = max(p[Inference.CONTRADICTION] for p in judged)
        said = f"{self.model.name}: entailment {entailed:.2f}, contradiction {contradicted:.2f}"
        if contradicted >= self.threshold and contradicted > entailed:
            verdict, score = SupportVerdict.CONTRADICTED, contradicted
        elif entailed >= self.threshold:
            verdict, score = SupportVerdict.SUPPORTED, entailed
        elif ruled.verdict in (SupportVerdict.PARTIAL, SupportVerdict.NOT_FOUND):
            verdict, score = ruled.verdict, 1.0 - max(entailed, contradicted)
        else:
            verdict, score = SupportVerdict.PARTIAL, 1.0 - max(entailed, contradicted)
        return replace(
            ruled,
            verdict=verdict,
            reason=f"{said} on the best passage; the rules: {ruled.reason}",
            score=round(score, 3),
            flips=() if verdict is not SupportVerdict.CONTRADICTED else ruled.flips,
        )


class ONNXCrossEncoder:
    """An NLI cross-encoder exported to ONNX, run on the CPU with onnxruntime."""

    def __init__(self, directory: Path, *, max_length: int = 512, batch_size: int = 16) -> None:
        self.name = f"nli model {directory.name}"
        self._batch_size = batch_size
        onnxruntime = _import("onnxruntime")
        tokenizers = _import("tokenizers")
        self._numpy = _import("numpy")
        model = _first_file(directory, ("model.onnx", "onnx/model.onnx"))
        tokenizer = _first_file(directory, ("tokenizer.json",))
        self._labels = _labels(_first_file(directory, ("config.json",)))
        self._session = onnxruntime.InferenceSession(str(model), providers=["CPUExecutionProvider"])
        self._inputs = {item.name for item in self._session.get_inputs()}
        if "input_ids" not in self._inputs:
            raise ModelError(f"{model} takes no input_ids: not a text classifier")
        self._tokenizer = tokenizers.Tokenizer.from_file(str(tokenizer))
        self._tokenizer.enable_truncation(max_length=max_length)
        self._tokenizer.enable_padding()

    def classify(self, pairs: Sequence[tuple[str, str]]) -> list[Probabilities]:
        """Probabilities for each (premise, hypothesis) pair, in order."""
        results: list[Probabilities] = []
        for start in range(0, len(pairs), self._batch_size):
            results += self._classify_batch(pairs[start : start + self._batch_size])
        return results

    def _classify_batch(self, pairs: Sequence[tuple[str, str]]) -> list[Probabilities]:
        np = self._numpy
        encodings = self._tokenizer.encode_batch(list(pairs))
        feed = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        (logits,) = self._session.run(None, {k: v for k, v in feed.items() if k in self._inputs})
        shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
        probabilities = shifted / shifted.sum(axis=1, keepdims=True)
        return [
            {inference: float(row[index]) for index, inference in self._labels.items()}
            for row in probabilities
        ]


def _import(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ModelError(
            f"the NLI verifier needs {module}: install the extra with pip install 'citeaudit[nli]'"
        ) from error


def _first_file(directory: Path, names: Sequence[str]) -> Path:
    for name in names:
        if (directory / name).is_file():
            return directory / name
    raise ModelError(f"{directory} has no {' or '.join(names)}: see docs/support.md")


def _labels(config: Path) -> dict[int, Inference]:
    """The model's output index of each inference, from `id2label` in its config."""
    try:
        id2label = json.loads(config.read_text(encoding="utf-8"))["id2label"]
        labels = {int(index): str(label).lower() for index, label in id2label.items()}
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ModelError(f"{config} has no readable id2label: {error}") from error
    found: dict[int, Inference] = {}
    for index, label in labels.items():
        for inference, stem in (
            (Inference.ENTAILMENT, "entail"),
            (Inference.NEUTRAL, "neutral"),
            (Inference.CONTRADICTION, "contradict"),
        ):
            if stem in label:
                found[index] = inference
    if set(found.values()) != set(Inference):
        raise ModelError(
            f"{config}: id2label {sorted(labels.values())} does not name entailment, neutral "
            "and contradiction: not an NLI model"
        )
    return found
