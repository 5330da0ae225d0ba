"""Claim support: does the cited source say what the sentence says?

Pure functions over bytes the link checker already fetched; nothing here opens a socket.

- `extract_source(body, content_type, ...) -> SourceText`: the main text, title, date and
  language of an HTML page, a PDF or plain text (`SourceText.unavailable(reason)` stands for a
  source with no text: dead, blocked, no URL, not recorded).
- `source_for_link(link, fetched) -> SourceText`: the same from the link checker's result.
- `verify_claim(sentence, sources, article_language="en") -> SupportResult`: `supported`,
  `partial`, `contradicted`, `not-found` or `unverifiable`, with the facts found, missing or
  stated otherwise, and the best passage.
- `compare_metadata(source, cited_title, cited_date) -> list[MetadataIssue]`: moved, usurped or
  misdated pages.
- `Verifier`: what turns a sentence and its sources into a verdict; `RuleVerifier` (the rules
  above) by default, `citeaudit.support.nli.NLIVerifier` (a local entailment model, the `nli`
  extra) when asked for.
"""

from citeaudit.support.align import Conflict, Flip
from citeaudit.support.claims import support_records
from citeaudit.support.extract import extract_source
from citeaudit.support.facts import Fact, FactKind
from citeaudit.support.links import source_for_link
from citeaudit.support.metadata import MetadataIssue, MetadataKind, compare_metadata
from citeaudit.support.passages import PreparedSource, prepare_source
from citeaudit.support.source import ExtractLimits
from citeaudit.support.verifier import RuleVerifier, Verifier
from citeaudit.support.verify import (
    Evidence,
    SupportResult,
    Thresholds,
    verify_claim,
)

__all__ = [
    "Conflict",
    "Evidence",
    "FactKind",
    "Flip",
    "ExtractLimits",
    "Fact",
    "MetadataIssue",
    "MetadataKind",
    "PreparedSource",
    "RuleVerifier",
    "Verifier",
    "SupportResult",
    "Thresholds",
    "compare_metadata",
    "extract_source",
    "prepare_source",
    "source_for_link",
    "support_records",
    "verify_claim",
]
