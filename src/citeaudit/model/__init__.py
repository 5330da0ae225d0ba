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
    Use,
)
from citeaudit.model.findings import Finding, Severity
from citeaudit.model.report import Report, SupportRecord
from citeaudit.model.web import (
    ArchiveSnapshot,
    FetchRequest,
    FetchResult,
    Hop,
    LinkResult,
    LinkVerdict,
)

__all__ = [
    "ArchiveSnapshot",
    "Article",
    "DateFormat",
    "FetchRequest",
    "FetchResult",
    "Finding",
    "Hop",
    "Infobox",
    "LinkResult",
    "LinkVerdict",
    "MaintenanceTag",
    "Paragraph",
    "Reference",
    "Report",
    "Revision",
    "Section",
    "Sentence",
    "Severity",
    "SourceForm",
    "SupportRecord",
    "Use",
]
