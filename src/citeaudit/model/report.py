"""Everything an audit found about one article, and the counts and order reporters show.

`Report` is what a reporter renders; `summarise`, `finding_order`, `reference_label` and
`sorted_links` are the pure helpers every reporter shares, so that the Markdown and the JSON
of one audit always agree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from citeaudit.model.article import Article, Reference
from citeaudit.model.facts import Facts
from citeaudit.model.findings import Finding, Severity
from citeaudit.model.fixes import ProposedFixes
from citeaudit.model.support import SupportRecord, SupportVerdict
from citeaudit.model.web import LinkResult, LinkVerdict


@dataclass(frozen=True)
class Report:
    """Everything an audit found about one article, ready for a reporter."""

    article: Article
    as_of: dt.date
    offline: bool
    tool_version: str
    facts: Facts = field(default_factory=Facts)
    findings: tuple[Finding, ...] = ()
    """In `finding_order`: severity first, then place in the article."""
    simulated_web: bool = False
    """True when the links were replayed from a fixture whose every answer is marked simulated."""
    fixes: ProposedFixes | None = None
    """The repairs `citeaudit fix` would make (wikitext only; None when not worked out)."""

    @property
    def links(self) -> tuple[LinkResult, ...]:
        return self.facts.links

    @property
    def support(self) -> tuple[SupportRecord, ...]:
        return self.facts.support

    @property
    def links_checked(self) -> bool:
        return self.facts.links_checked

    @property
    def support_checked(self) -> bool:
        return self.facts.support_checked

    def fails(self, fail_on: Severity) -> bool:
        """Whether a finding is at or above `fail_on` (the exit status of linters)."""
        return any(finding.severity.rank >= fail_on.rank for finding in self.findings)


def reference_label(reference: Reference) -> str:
    """The marker a reader sees: `[3]`, `[note 1]`, `[a]`; the id when it has no number."""
    if reference.number is None:
        return f"[{reference.id}]"
    if reference.group in (None, ""):
        return f"[{reference.number}]"
    if reference.group == "lower-alpha":
        return f"[{_alpha_label(reference.number)}]"
    return f"[{reference.group} {reference.number}]"


def _alpha_label(number: int) -> str:
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


def finding_order(article: Article) -> Callable[[Finding], tuple[object, ...]]:
    """A total order on findings: severity first, then where they are in the article."""
    section_rank: dict[str, int] = {}
    for section in article.sections():
        section_rank.setdefault(section.title, section.index)
    reference_rank = {ref.id: position for position, ref in enumerate(article.references)}

    def key(finding: Finding) -> tuple[object, ...]:
        return (
            -finding.severity.rank,
            section_rank.get(finding.section or "", len(section_rank))
            if finding.section is not None
            else -1,
            finding.sentence_id if finding.sentence_id is not None else -1,
            reference_rank.get(finding.reference_id or "", -1),
            finding.code,
            finding.message,
            finding.family.value,
            finding.reference_id or "",
        )

    return key


def sorted_links(links: Iterable[LinkResult]) -> list[LinkResult]:
    """Link results in a fixed order (by URL), whatever order they were checked in."""
    return sorted(links, key=lambda result: (result.url, result.verdict.value, result.reason))


@dataclass(frozen=True)
class Summary:
    """The counts at the top of a report."""

    references: int
    uses: int
    urls: int
    references_without_url: int
    links_by_verdict: dict[str, int] = field(default_factory=dict)
    findings_by_severity: dict[str, int] = field(default_factory=dict)
    findings_by_family: dict[str, dict[str, int]] = field(default_factory=dict)
    findings_by_code: dict[str, int] = field(default_factory=dict)
    support_by_verdict: dict[str, int] = field(default_factory=dict)
    """Cited sentences by claim-support verdict, zeros included (empty when not checked)."""


def summarise(report: Report) -> Summary:
    """Counts of references, links by verdict and findings by severity, family and code."""
    article = report.article
    verdicts = Counter(result.verdict for result in report.links)
    by_family: dict[str, dict[str, int]] = {}
    for finding in report.findings:
        family = by_family.setdefault(
            finding.family.value, {s.value: 0 for s in reversed(Severity)}
        )
        family[finding.severity.value] += 1
    severities = Counter(finding.severity for finding in report.findings)
    support = Counter(record.verdict for record in report.support)
    return Summary(
        references=len(article.references),
        uses=sum(len(ref.uses) for ref in article.references),
        urls=len({ref.url.strip() for ref in article.references if ref.url}),
        references_without_url=sum(1 for ref in article.references if not ref.url),
        links_by_verdict={verdict.value: verdicts.get(verdict, 0) for verdict in LinkVerdict},
        findings_by_severity={s.value: severities.get(s, 0) for s in reversed(Severity)},
        findings_by_family=dict(sorted(by_family.items())),
        findings_by_code=dict(sorted(Counter(f.code for f in report.findings).items())),
        support_by_verdict=(
            {verdict.value: support.get(verdict, 0) for verdict in SupportVerdict}
            if report.support_checked
            else {}
        ),
    )
