"""The registry: `ALL_CHECKS`, every check of the project, and `run_checks`.

Modules in `HELPER_MODULES` hold what several rules share and define no rule themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from citeaudit.checks.base import Check, CheckContext
from citeaudit.checks.dates.access_date import AccessDateCheck
from citeaudit.checks.dates.archive_date import ArchiveDateCheck
from citeaudit.checks.dates.date_format import DateFormatConsistencyCheck
from citeaudit.checks.dates.link_rot import LinkRotRiskCheck
from citeaudit.checks.dates.page_date import PageDateCheck
from citeaudit.checks.dates.publication_date import PublicationDateCheck
from citeaudit.checks.dates.source_predates_claim import SourcePredatesClaimCheck
from citeaudit.checks.integrity.ref_bare_url import BareURLCheck
from citeaudit.checks.integrity.ref_duplicate import DuplicateReferenceCheck
from citeaudit.checks.integrity.ref_name_conflict import ReferenceNameConflictCheck
from citeaudit.checks.integrity.ref_undefined import UndefinedReferenceCheck
from citeaudit.checks.integrity.ref_unfindable import UnfindableReferenceCheck
from citeaudit.checks.integrity.ref_unused import UnusedReferenceCheck
from citeaudit.checks.integrity.title_generic import GenericTitleCheck
from citeaudit.checks.links.archive_url import ArchiveURLCheck
from citeaudit.checks.links.link_status import LinkStatusCheck
from citeaudit.checks.links.page_title import PageTitleCheck
from citeaudit.checks.support.claim_support import ClaimSupportCheck
from citeaudit.checks.support.maintenance_tags import MaintenanceTagCheck
from citeaudit.checks.support.number_uncited import UncitedNumberCheck
from citeaudit.checks.support.quote_uncited import UncitedQuoteCheck
from citeaudit.checks.support.sentence_uncited import BLPUncitedSentenceCheck
from citeaudit.checks.support.trailing_uncited import SentenceAfterLastCitationCheck
from citeaudit.checks.support.uncited_paragraph import UncitedParagraphCheck
from citeaudit.model import Article, Finding, FindingFamily

ALL_CHECKS: list[type[Check]] = [
    # dates
    AccessDateCheck,
    ArchiveDateCheck,
    LinkRotRiskCheck,
    PublicationDateCheck,
    DateFormatConsistencyCheck,
    SourcePredatesClaimCheck,
    PageDateCheck,
    # support
    UncitedParagraphCheck,
    SentenceAfterLastCitationCheck,
    BLPUncitedSentenceCheck,
    UncitedQuoteCheck,
    UncitedNumberCheck,
    MaintenanceTagCheck,
    ClaimSupportCheck,
    # integrity
    UndefinedReferenceCheck,
    UnusedReferenceCheck,
    ReferenceNameConflictCheck,
    DuplicateReferenceCheck,
    GenericTitleCheck,
    BareURLCheck,
    UnfindableReferenceCheck,
    # links
    LinkStatusCheck,
    ArchiveURLCheck,
    PageTitleCheck,
]

HELPER_MODULES = frozenset(
    {
        "base",
        "web_citations",
        "page_metadata",
        "selection",
        "support.claim_scope",
        "links.advice",
    }
)


def finding_codes() -> dict[str, FindingFamily]:
    """Every finding code a registered check can yield, with its family."""
    return {code: check.family for check in ALL_CHECKS for code in check.codes}


def run_checks(
    article: Article, context: CheckContext, checks: Iterable[type[Check]] | None = None
) -> list[Finding]:
    """Every finding of the given checks (all by default) on one article, in check order."""
    findings: list[Finding] = []
    for check in checks if checks is not None else ALL_CHECKS:
        findings.extend(check().run(article, context))
    return findings
