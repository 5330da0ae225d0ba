"""Checks: small rules from the model (plus fetched facts) to `Finding`s.

`ALL_CHECKS` lists every registered check; `run_checks` runs them over one article. Modules
in `HELPER_MODULES` hold what several rules share and define no rule themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from citeaudit.checks.access_date import AccessDateCheck
from citeaudit.checks.archive_date import ArchiveDateCheck
from citeaudit.checks.base import Check, CheckContext
from citeaudit.checks.date_format import DateFormatConsistencyCheck
from citeaudit.checks.link_rot import LinkRotRiskCheck
from citeaudit.checks.maintenance_tags import MaintenanceTagCheck
from citeaudit.checks.number_uncited import UncitedNumberCheck
from citeaudit.checks.publication_date import PublicationDateCheck
from citeaudit.checks.quote_uncited import UncitedQuoteCheck
from citeaudit.checks.ref_bare_url import BareURLCheck
from citeaudit.checks.ref_duplicate import DuplicateReferenceCheck
from citeaudit.checks.ref_name_conflict import ReferenceNameConflictCheck
from citeaudit.checks.ref_undefined import UndefinedReferenceCheck
from citeaudit.checks.ref_unfindable import UnfindableReferenceCheck
from citeaudit.checks.ref_unused import UnusedReferenceCheck
from citeaudit.checks.sentence_uncited import BLPUncitedSentenceCheck
from citeaudit.checks.source_predates_claim import SourcePredatesClaimCheck
from citeaudit.checks.title_generic import GenericTitleCheck
from citeaudit.checks.trailing_uncited import SentenceAfterLastCitationCheck
from citeaudit.checks.uncited_paragraph import UncitedParagraphCheck
from citeaudit.model import Article, Finding

ALL_CHECKS: list[type[Check]] = [
    # dates
    AccessDateCheck,
    ArchiveDateCheck,
    LinkRotRiskCheck,
    PublicationDateCheck,
    DateFormatConsistencyCheck,
    SourcePredatesClaimCheck,
    # support
    UncitedParagraphCheck,
    SentenceAfterLastCitationCheck,
    BLPUncitedSentenceCheck,
    UncitedQuoteCheck,
    UncitedNumberCheck,
    MaintenanceTagCheck,
    # integrity
    UndefinedReferenceCheck,
    UnusedReferenceCheck,
    ReferenceNameConflictCheck,
    DuplicateReferenceCheck,
    GenericTitleCheck,
    BareURLCheck,
    UnfindableReferenceCheck,
]

HELPER_MODULES = frozenset({"base", "web_citations", "claim_scope"})


def run_checks(
    article: Article, context: CheckContext, checks: Iterable[type[Check]] | None = None
) -> list[Finding]:
    """Every finding of the given checks (all by default) on one article, in check order."""
    findings: list[Finding] = []
    for check in checks if checks is not None else ALL_CHECKS:
        findings.extend(check().run(article, context))
    return findings
