"""Claim support: does the cited source say what the sentence says?

Pure functions over bytes the link checker already fetched; nothing here opens a socket.

- `extract_source(body, content_type, ...) -> SourceText`: the main text, title, date and
  language of an HTML page, a PDF or plain text (`SourceText.unavailable(reason)` stands for a
  source with no text: dead, blocked, no URL, not recorded).
- `source_for_link(link, fetched) -> SourceText`: the same from the link checker's result.
- `verify_claim(sentence, sources, article_language="en") -> SupportResult`: `supported`,
  `partial`, `not-found` or `unverifiable`, with the facts found and missing and the best passage.
- `compare_metadata(source, cited_title, cited_date) -> list[MetadataIssue]`: moved, usurped or
  misdated pages.
"""

from citeaudit.support.claims import support_records
from citeaudit.support.extract import extract_source
from citeaudit.support.facts import Fact
from citeaudit.support.links import source_for_link
from citeaudit.support.metadata import MetadataIssue, MetadataKind, compare_metadata
from citeaudit.support.source import ExtractLimits
from citeaudit.support.verify import (
    Evidence,
    PreparedSource,
    SupportResult,
    Thresholds,
    prepare_source,
    verify_claim,
)

__all__ = [
    "Evidence",
    "ExtractLimits",
    "Fact",
    "MetadataIssue",
    "MetadataKind",
    "PreparedSource",
    "SupportResult",
    "Thresholds",
    "compare_metadata",
    "extract_source",
    "prepare_source",
    "source_for_link",
    "support_records",
    "verify_claim",
]
