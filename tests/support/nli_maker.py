"""Build a tiny NLI "cross-encoder" on disk, in the layout `ONNXCrossEncoder` reads.

No model can be downloaded here, so the tests build one: a word-level tokenizer
(`tokenizer.json`, with `[CLS] premise [SEP] hypothesis [SEP]` pairs and padding) and an ONNX
graph that sums one learned vector per token over the unmasked tokens into three logits. The
weights are set by hand so that its answers are predictable: a negation word anywhere pushes
towards contradiction, a word of `AGREEING` towards entailment, anything else stays neutral. It
exercises the real loading and running code (ONNX inputs, attention mask, token types,
batching, truncation, softmax, the label names of `config.json`), not the quality of a model.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
NEGATING = ("not", "never", "no")
AGREEING = ("blue", "opened", "approved")
LABELS = {0: "CONTRADICTION", 1: "ENTAILMENT", 2: "NEUTRAL"}


def build_tiny_nli(
    directory: Path,
    words: Sequence[str],
    *,
    labels: dict[int, str] | None = None,
    token_types: bool = True,
) -> Path:
    """Write model.onnx, tokenizer.json and config.json into `directory`; return it."""
    directory.mkdir(parents=True, exist_ok=True)
    vocabulary = {token: index for index, token in enumerate(SPECIAL)}
    for word in dict.fromkeys([*NEGATING, *AGREEING, *(w.lower() for w in words)]):
        vocabulary.setdefault(word, len(vocabulary))
    _tokenizer(vocabulary).save(str(directory / "tokenizer.json"))
    onnx.save(_graph(vocabulary, token_types=token_types), str(directory / "model.onnx"))
    config = {"architectures": ["TinyNLI"], "id2label": labels or LABELS}
    (directory / "config.json").write_text(json.dumps(config), encoding="utf-8")
    return directory


def _tokenizer(vocabulary: dict[str, int]) -> Tokenizer:
    tokenizer = Tokenizer(models.WordLevel(vocab=vocabulary, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.Lowercase()
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.Whitespace(), pre_tokenizers.Punctuation()]
    )
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", vocabulary["[CLS]"]), ("[SEP]", vocabulary["[SEP]"])],
    )
    return tokenizer


def _graph(vocabulary: dict[str, int], *, token_types: bool) -> onnx.ModelProto:
    """logits[n] = sum over unmasked tokens t of weights[input_ids[n, t]] (+ a neutral bias)."""
    weights = np.zeros((len(vocabulary), 3), dtype=np.float32)
    for word in NEGATING:
        weights[vocabulary[word]] = (4.0, -2.0, 0.0)
    for word in AGREEING:
        weights[vocabulary[word]] = (0.0, 1.5, 0.0)
    bias = np.array([0.0, 0.0, 1.0], dtype=np.float32)
    inputs = [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"]),
        helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "sequence"]),
    ]
    if token_types:
        inputs.append(
            helper.make_tensor_value_info(
                "token_type_ids", TensorProto.INT64, ["batch", "sequence"]
            )
        )
    nodes = [
        helper.make_node("Gather", ["weights", "input_ids"], ["embedded"], axis=0),
        helper.make_node("Cast", ["attention_mask"], ["mask_float"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["mask_float", "last_axis"], ["mask_3d"]),
        helper.make_node("Mul", ["embedded", "mask_3d"], ["masked"]),
        helper.make_node("ReduceSum", ["masked", "sequence_axis"], ["summed"], keepdims=0),
        helper.make_node("Add", ["summed", "bias"], ["logits"]),
    ]
    initializers = [
        numpy_helper.from_array(weights, "weights"),
        numpy_helper.from_array(bias, "bias"),
        numpy_helper.from_array(np.array([2], dtype=np.int64), "last_axis"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "sequence_axis"),
    ]
    output = helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 3])
    graph = helper.make_graph(nodes, "tiny_nli", inputs, [output], initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model
