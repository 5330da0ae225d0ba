"""The verifier interface: what turns a sentence and the sources it cites into a verdict.

`RuleVerifier` is the default: the rules of `citeaudit.support.verify` (facts, passages,
alignment, stance), fast and explainable. Another verifier reads the same prepared sources and
returns the same `SupportResult`, with a `score`; `citeaudit.support.nli.NLIVerifier` is one,
a local entailment model through the optional `nli` extra. Claim support over an article
(`citeaudit.support.claims.support_records`) takes any of them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from citeaudit.support.passages import PreparedSource
from citeaudit.support.verify import SupportResult, Thresholds, verify_claim


class Verifier(ABC):
    """Decides whether the sources a sentence cites say what it says."""

    name: str
    """Named in reasons and reports (`rules`, `nli`)."""

    @abstractmethod
    def verify(
        self, claim: str, sources: Sequence[PreparedSource], *, article_language: str = "en"
    ) -> SupportResult:
        """The verdict on one sentence against every source it cites (in citation order)."""


class RuleVerifier(Verifier):
    """The rules: facts found, changed or missing, stance, and the words of the best passage."""

    name = "rules"

    def __init__(self, thresholds: Thresholds | None = None) -> None:
        self._thresholds = thresholds

    def verify(
        self, claim: str, sources: Sequence[PreparedSource], *, article_language: str = "en"
    ) -> SupportResult:
        return verify_claim(
            claim, sources, article_language=article_language, thresholds=self._thresholds
        )
