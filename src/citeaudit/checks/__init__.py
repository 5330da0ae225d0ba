"""Checks: small rules from the model (plus fetched facts) to `Finding`s.

`ALL_CHECKS` lists every registered check; `run_checks` runs them over one article.
"""

from __future__ import annotations

from collections.abc import Iterable

from citeaudit.checks.base import Check, CheckContext
from citeaudit.model import Article, Finding

ALL_CHECKS: list[type[Check]] = []


def run_checks(
    article: Article, context: CheckContext, checks: Iterable[type[Check]] | None = None
) -> list[Finding]:
    """Every finding of the given checks (all by default) on one article, in check order."""
    findings: list[Finding] = []
    for check in checks if checks is not None else ALL_CHECKS:
        findings.extend(check().run(article, context))
    return findings
