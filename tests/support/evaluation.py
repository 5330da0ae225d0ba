"""Score claim support against labelled sets of claims and the pages they cite.

Two sets are read:
- the synthetic set (`fixtures/support_eval/pairs.jsonl`): one pair a line, `id`, `claim`,
  `article_language`, `sources` (paths of saved pages relative to the file), `label`, `note`
  (a note starting `held-out:` marks a pair kept out of tuning);
- the sets on real pages (`fixtures/support_real/claims.jsonl`, and `holdout2.jsonl` and
  `holdout3.jsonl`, held out whole): `id`, `page` (a file name in a corpus of saved pages kept
  outside the repository), `claim`, `label`, `evidence`, `conflict`, `causes`, `split`
  (`tune` or `held-out`).

Labels are verdict words (`supported`, `partial`, `contradicted`, `not-found`); an unknown one
fails at load time. `evaluate` extracts each cited page once, runs a verifier over every claim
and reports precision and recall per verdict, the confusion of labels and verdicts, the
precision and recall of "the page does not back this" (`not-found` and `contradicted` together)
and the time per claim. It reads files and nothing else, and lives with the tests: the tool
itself never reads a labelled set.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from citeaudit.model import SupportVerdict
from citeaudit.support.extract import extract_source
from citeaudit.support.passages import PreparedSource, Sentence, prepare_source
from citeaudit.support.verify import SupportResult, verify_claim

_CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".html": "text/html",
    ".htm": "text/html",
    ".txt": "text/plain",
}
HELD_OUT = "held-out"
REFUTING = frozenset({SupportVerdict.NOT_FOUND, SupportVerdict.CONTRADICTED})
"""The verdicts that say the cited page does not back the sentence."""

Verify = Callable[[str, Sequence[PreparedSource], str], SupportResult]


@dataclass(frozen=True)
class LabelledPair:
    """One claim, the saved sources it cites, and the verdict a person gave it."""

    id: str
    claim: str
    sources: tuple[Path, ...]
    label: SupportVerdict
    article_language: str = "en"
    note: str = ""
    split: str = "tune"
    causes: tuple[str, ...] = ()

    @property
    def is_held_out(self) -> bool:
        return self.split == HELD_OUT


@dataclass(frozen=True)
class Rates:
    """Precision and recall of one verdict (or of a set of verdicts taken as one)."""

    precision: float
    recall: float
    said: int
    labelled: int


@dataclass
class Evaluation:
    """Verdicts against labels: per-verdict rates, confusion, time per claim."""

    results: list[tuple[LabelledPair, SupportResult]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def confusion(self) -> Counter[tuple[SupportVerdict, SupportVerdict]]:
        """How often each label got each verdict."""
        return Counter((pair.label, result.verdict) for pair, result in self.results)

    def rates(self, verdicts: frozenset[SupportVerdict]) -> Rates:
        """Precision and recall of saying one of `verdicts` when the label is one of them."""
        said = [result.verdict in verdicts for _, result in self.results]
        labelled = [pair.label in verdicts for pair, _ in self.results]
        hits = sum(s and t for s, t in zip(said, labelled, strict=True))
        return Rates(
            hits / sum(said) if any(said) else 1.0,
            hits / sum(labelled) if any(labelled) else 1.0,
            sum(said),
            sum(labelled),
        )

    def rate(self, verdict: SupportVerdict) -> Rates:
        return self.rates(frozenset({verdict}))

    @property
    def not_found_precision(self) -> float:
        return self.rate(SupportVerdict.NOT_FOUND).precision

    @property
    def not_found_recall(self) -> float:
        return self.rate(SupportVerdict.NOT_FOUND).recall

    @property
    def supported_called_contradicted(self) -> int:
        """Claims labelled supported that were called contradicted: the goal is none."""
        return self.confusion[(SupportVerdict.SUPPORTED, SupportVerdict.CONTRADICTED)]

    @property
    def seconds_per_pair(self) -> float:
        return self.seconds / len(self.results) if self.results else 0.0

    def subset(self, keep: Callable[[LabelledPair], bool]) -> Evaluation:
        """The same results restricted to some pairs (time shared out evenly)."""
        kept = [(pair, result) for pair, result in self.results if keep(pair)]
        share = len(kept) / len(self.results) if self.results else 0.0
        return Evaluation(kept, self.seconds * share)

    def mistakes(self) -> list[tuple[LabelledPair, SupportResult]]:
        """Pairs whose verdict is not their label."""
        return [(pair, result) for pair, result in self.results if result.verdict != pair.label]

    def summary(self) -> str:
        """Per-verdict precision and recall, the refuting pair, and the confusion matrix."""
        labels = [v for v in SupportVerdict if any(pair.label is v for pair, _ in self.results)]
        verdicts = list(SupportVerdict)
        lines = [f"claims: {len(self.results)}"]
        for verdict in labels:
            rates = self.rate(verdict)
            lines.append(
                f"  {verdict.value:>12}: precision {rates.precision:.3f} ({rates.said} said), "
                f"recall {rates.recall:.3f} ({rates.labelled} labelled)"
            )
        refuting = self.rates(REFUTING)
        lines.append(
            f"  not-found + contradicted: precision {refuting.precision:.3f}, "
            f"recall {refuting.recall:.3f}"
        )
        lines.append(f"  supported called contradicted: {self.supported_called_contradicted}")
        lines.append(f"  time per claim: {self.seconds_per_pair * 1000:.1f} ms (extraction shared)")
        header = "".join(f"{v.value:>13}" for v in verdicts)
        corner = "label \\ verdict"
        lines.append(f"  {corner:>14}{header}")
        confusion = self.confusion
        for label in labels:
            row = "".join(f"{confusion[(label, verdict)]:>13}" for verdict in verdicts)
            lines.append(f"  {label.value:>14}{row}")
        return "\n".join(lines)


def load_pairs(path: Path) -> list[LabelledPair]:
    """Read the synthetic set; source paths are relative to the file."""
    pairs = []
    for item in _lines(path):
        note = item.get("note", "")
        pairs.append(
            LabelledPair(
                id=item["id"],
                claim=item["claim"],
                sources=tuple(path.parent / source for source in item["sources"]),
                label=SupportVerdict(item["label"]),
                article_language=item.get("article_language", "en"),
                note=note,
                split=HELD_OUT if note.startswith("held-out:") else "tune",
            )
        )
    return pairs


def load_real_claims(path: Path, pages: Path) -> list[LabelledPair]:
    """Read the set on real pages; `pages` is the folder that holds the cited pages."""
    return [
        LabelledPair(
            id=item["id"],
            claim=item["claim"],
            sources=(pages / item["page"],),
            label=SupportVerdict(item["label"]),
            note=item.get("conflict") or "",
            split=item["split"],
            causes=tuple(item.get("causes", ())),
        )
        for item in _lines(path)
    ]


def _lines(path: Path) -> list[dict[str, object]]:
    text = path.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _verify_with_rules(
    claim: str, sources: Sequence[PreparedSource], language: str
) -> SupportResult:
    return verify_claim(claim, sources, article_language=language)


def evaluate(pairs: Sequence[LabelledPair], verify: Verify | None = None) -> Evaluation:
    """Extract every cited source once and verify every claim, timing both."""
    verify = verify or _verify_with_rules
    evaluation = Evaluation()
    prepared: dict[Path, PreparedSource] = {}
    started = time.perf_counter()
    for pair in pairs:
        for path in pair.sources:
            if path not in prepared:
                body = path.read_bytes()
                content_type = _CONTENT_TYPES.get(path.suffix.lower())
                prepared[path] = prepare_source(extract_source(body, content_type, url=path.name))
        sources = [prepared[path] for path in pair.sources]
        evaluation.results.append((pair, verify(pair.claim, sources, pair.article_language)))
    evaluation.seconds = time.perf_counter() - started
    return evaluation


def is_prose(sentence: Sentence) -> bool:
    """A sentence of running prose: not too long to be one, with six content words or more (no
    heading, caption or table row)."""
    return len(sentence.text.split()) <= 45 and sum(t.is_content for t in sentence.tokens) >= 6
