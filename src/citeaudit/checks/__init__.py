"""Checks: small rules from the model (plus fetched facts) to `Finding`s.

`ALL_CHECKS` lists every registered check; `run_checks` runs them over one article. Modules
in `HELPER_MODULES` hold what several rules share and define no rule themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from citeaudit.checks.dates.access_date import AccessDateCheck
from citeaudit.checks.dates.archive_date import ArchiveDateCheck
from citeaudit.checks.base import Check, CheckContext
from citeaudit.checks.dates.date_format import DateFormatConsistencyCheck
from citeaudit.checks.dates.link_rot import LinkRotRiskCheck
from citeaudit.checks.support.maintenance_tags import MaintenanceTagCheck
from citeaudit.checks.support.number_uncited import UncitedNumberCheck
from citeaudit.checks.dates.publication_date import PublicationDateCheck
from citeaudit.checks.support.quote_uncited import UncitedQuoteCheck
from citeaudit.checks.integrity.ref_bare_url import BareURLCheck
from citeaudit.checks.integrity.ref_duplicate import DuplicateReferenceCheck
from citeaudit.checks.integrity.ref_name_conflict import ReferenceNameConflictCheck
from citeaudit.checks.integrity.ref_undefined import UndefinedReferenceCheck
from citeaudit.checks.integrity.ref_unfindable import UnfindableReferenceCheck
from citeaudit.checks.integrity.ref_unused import UnusedReferenceCheck
from citeaudit.checks.support.sentence_uncited import BLPUncitedSentenceCheck
from citeaudit.checks.dates.source_predates_claim import SourcePredatesClaimCheck
from citeaudit.checks.integrity.title_generic import GenericTitleCheck
from citeaudit.checks.support.trailing_uncited import SentenceAfterLastCitationCheck
from citeaudit.checks.support.uncited_paragraph import UncitedParagraphCheck
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

HELPER_MODULES = frozenset(
    {"base", "web_citations", "support.claim_scope", "support.claims", "links.findings"}
)


def run_checks(
    article: Article, context: CheckContext, checks: Iterable[type[Check]] | None = None
) -> list[Finding]:
    """Every finding of the given checks (all by default) on one article, in check order."""
    findings: list[Finding] = []
    for check in checks if checks is not None else ALL_CHECKS:
        findings.extend(check().run(article, context))
    return findings
