"""What a check says: a `Finding`, with its severity."""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from citeaudit.model.article import SourcePosition


class Severity(enum.Enum):
    """How much a finding matters; the order is the order of `--fail-on`."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


class FindingFamily(enum.Enum):
    """The kind of problem a finding is about; the report groups findings by family."""

    LINKS = "links"
    DATES = "dates"
    SUPPORT = "support"
    INTEGRITY = "integrity"


@dataclass(frozen=True)
class Finding:
    """One problem a check found, with where it is and what to do about it.

    `section` is the section's title ("" for the lead), `reference_id` the id of the reference
    concerned, `sentence_id`/`sentence` the sentence concerned. `message` says what is wrong,
    `fix` what to do about it.
    """

    code: str
    family: FindingFamily
    severity: Severity
    message: str
    section: str | None = None
    reference_id: str | None = None
    sentence_id: int | None = None
    sentence: str | None = None
    fix: str | None = None
    url: str | None = None
    """The URL the finding is about, when it is about one (a cited link, an archive copy)."""
    position: SourcePosition | None = None
    """Where it stands in the source: its sentence, else its reference's definition, else its
    section's heading (filled in by the audit; None for the whole article)."""
    fingerprint: str = ""
    """Its identity across runs and unrelated edits, for baselines (filled in by the audit;
    `citeaudit.model.report.placed`)."""
    in_baseline: bool = False
    """Known from the baseline (`--baseline`): still reported, but it does not fail the run."""


def join_reasons(reasons: Iterable[str], counted: str = "sources") -> str:
    """Reasons joined with `; `, each said once: `no URL to read (3 sources)`, not three times."""
    counts = Counter(reasons)
    return "; ".join(
        reason if count == 1 else f"{reason} ({count} {counted})"
        for reason, count in counts.items()
    )
