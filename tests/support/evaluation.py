"""Score claim support against a labelled set of claim/source pairs.

The set is a JSON Lines file, one pair a line: `id`, `claim`, `article_language`, `sources`
(paths of saved pages relative to the file), `label` (`supported`, `partial`, `not-found`) and
`note`. `evaluate` runs every pair and reports the precision and recall of `not-found` (the
verdict whose false alarms cost most), the confusion of labels and verdicts, and the time per
pair. It reads files and nothing else.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from citeaudit.model import SupportVerdict
from citeaudit.support.extract import extract_source
from citeaudit.support.verify import SupportResult, Thresholds, verify_claim

_CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".html": "text/html",
    ".htm": "text/html",
    ".txt": "text/plain",
}


@dataclass(frozen=True)
class LabelledPair:
    """One claim, the saved sources it cites, and the label a person gave it."""

    id: str
    claim: str
    sources: tuple[Path, ...]
    label: str
    article_language: str = "en"
    note: str = ""


@dataclass
class Evaluation:
    """Verdicts against labels: not-found precision and recall, confusion, time per pair."""

    results: list[tuple[LabelledPair, SupportResult]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def confusion(self) -> Counter[tuple[str, str]]:
        return Counter((pair.label, result.verdict.value) for pair, result in self.results)

    def _count(self, *, said: bool, labelled: bool) -> int:
        return sum(
            (result.verdict is SupportVerdict.NOT_FOUND) == said
            and (pair.label == "not-found") == labelled
            for pair, result in self.results
        )

    @property
    def not_found_precision(self) -> float:
        said = self._count(said=True, labelled=True) + self._count(said=True, labelled=False)
        return self._count(said=True, labelled=True) / said if said else 1.0

    @property
    def not_found_recall(self) -> float:
        labelled = self._count(said=True, labelled=True) + self._count(said=False, labelled=True)
        return self._count(said=True, labelled=True) / labelled if labelled else 1.0

    @property
    def seconds_per_pair(self) -> float:
        return self.seconds / len(self.results) if self.results else 0.0

    def mistakes(self) -> list[tuple[LabelledPair, SupportResult]]:
        """Pairs whose verdict is not their label."""
        return [
            (pair, result) for pair, result in self.results if result.verdict.value != pair.label
        ]

    def summary(self) -> str:
        lines = [
            f"pairs: {len(self.results)}",
            f"not-found precision: {self.not_found_precision:.3f}"
            f"  recall: {self.not_found_recall:.3f}",
            f"time per pair: {self.seconds_per_pair * 1000:.1f} ms (extraction included)",
            "label -> verdict:",
        ]
        lines += [
            f"  {label:>10} -> {verdict:<12} {count}"
            for (label, verdict), count in sorted(self.confusion.items())
        ]
        return "\n".join(lines)


def load_pairs(path: Path) -> list[LabelledPair]:
    """Read a JSON Lines set of labelled pairs; source paths are relative to the file."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        pairs.append(
            LabelledPair(
                id=item["id"],
                claim=item["claim"],
                sources=tuple(path.parent / source for source in item["sources"]),
                label=item["label"],
                article_language=item.get("article_language", "en"),
                note=item.get("note", ""),
            )
        )
    return pairs


def evaluate(pairs: list[LabelledPair], thresholds: Thresholds | None = None) -> Evaluation:
    """Extract every pair's sources and verify its claim, timing both."""
    evaluation = Evaluation()
    started = time.perf_counter()
    for pair in pairs:
        sources = [
            extract_source(
                path.read_bytes(), _CONTENT_TYPES.get(path.suffix.lower()), url=path.name
            )
            for path in pair.sources
        ]
        result = verify_claim(
            pair.claim, sources, article_language=pair.article_language, thresholds=thresholds
        )
        evaluation.results.append((pair, result))
    evaluation.seconds = time.perf_counter() - started
    return evaluation
