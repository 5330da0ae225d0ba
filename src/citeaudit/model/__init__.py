"""The types every stage shares, and the only place the stages meet.

`article` is the parsed article; `web` what the web said of each cited URL; `findings` what a
check says; `report` everything an audit found, with the counts and the order reporters show.
No library type (mwparserfromhell, bs4, requests) appears here, and nothing here does I/O.
"""

from citeaudit.model.article import (
    Article,
    DateFormat,
    Infobox,
    MaintenanceTag,
    Paragraph,
    Reference,
    Revision,
    Section,
    Sentence,
    SourceForm,
    SourcePosition,
    Use,
)
from citeaudit.model.facts import Facts
from citeaudit.model.findings import Finding, FindingFamily, Severity, join_reasons
from citeaudit.model.fixes import Change, ProposedFixes, ReferenceFix
from citeaudit.model.report import Report
from citeaudit.model.support import SourceText, SupportRecord, SupportVerdict
from citeaudit.model.web import (
    ArchiveLookup,
    ArchiveOutcome,
    ArchiveSnapshot,
    FailureKind,
    FetchRequest,
    FetchResult,
    Hop,
    LinkResult,
    LinkVerdict,
)

__all__ = [
    "ArchiveLookup",
    "ArchiveOutcome",
    "ArchiveSnapshot",
    "Article",
    "Change",
    "DateFormat",
    "Facts",
    "FailureKind",
    "FetchRequest",
    "FetchResult",
    "Finding",
    "FindingFamily",
    "Hop",
    "Infobox",
    "LinkResult",
    "LinkVerdict",
    "MaintenanceTag",
    "Paragraph",
    "ProposedFixes",
    "Reference",
    "ReferenceFix",
    "Report",
    "Revision",
    "Section",
    "Sentence",
    "Severity",
    "SourceForm",
    "SourcePosition",
    "SourceText",
    "SupportRecord",
    "SupportVerdict",
    "Use",
    "join_reasons",
]
