"""Everything an audit found about one article, and the counts and order reporters show."""

from __future__ import annotations

from dataclasses import dataclass, field

from citeaudit.model.article import Article
from citeaudit.model.findings import Finding
from citeaudit.model.web import LinkResult


@dataclass(frozen=True)
class SupportRecord:
    """Whether the sources a sentence cites say what it says (see `citeaudit.support`).

    `verdict` is `supported`, `partial`, `not-found` or `unverifiable`; `reason` says why (for
    `unverifiable`, why there was nothing to read). `found`/`missing` are the sentence's
    checkable facts (numbers, dates, names, quotes) the sources do or do not state; `evidence`
    is the closest passage, quoted briefly, from the page at `evidence_url`.
    """

    sentence_id: int
    sentence: str
    section: str
    reference_ids: tuple[str, ...]
    verdict: str
    reason: str
    found: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    evidence: str | None = None
    evidence_url: str | None = None
    urls: tuple[str, ...] = ()
    """The cited URLs whose text was read."""


@dataclass
class Report:
    """Everything an audit found about one article, ready for a reporter."""

    article: Article
    as_of: str
    offline: bool
    tool_version: str
    links: list[LinkResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    links_checked: bool = True
    """False when the audit did not check links at all (`--no-links`)."""
    support: list[SupportRecord] = field(default_factory=list)
    """One record per cited sentence, in document order."""
    support_checked: bool = False
    """False when claim support was not checked (`--no-support`, `--no-links`)."""
    simulated_web: bool = False
    """True when the links were replayed from a fixture whose every answer is marked simulated."""
