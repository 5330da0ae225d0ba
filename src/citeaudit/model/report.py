"""Everything an audit found about one article, and the counts and order reporters show.

`Report` is what a reporter renders; `summarise`, `finding_order`, `reference_label` and
`sorted_links` are the pure helpers every reporter shares, so that the Markdown and the JSON
of one audit always agree. `placed` gives findings their source position and fingerprint.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from citeaudit.model.article import Article, Reference, SourcePosition
from citeaudit.model.facts import Facts
from citeaudit.model.findings import Finding, Severity
from citeaudit.model.fixes import ProposedFixes
from citeaudit.model.support import SupportRecord, SupportVerdict
from citeaudit.model.web import LinkResult, LinkVerdict

DEFAULT_DEAD_AFTER_DAYS = 1.0
"""Days a link must keep failing, on checks that far apart, before `link-dead` (or
`link-soft-404`) is an error (`--dead-after`) and `fix` repairs it: a first failure is a
warning, as a server may be down for a day; the link history keeps the streak. 0 makes a first
failure count in full."""


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
    dead_after_days: float = DEFAULT_DEAD_AFTER_DAYS
    """How far apart a gone link's failed checks must be for its deadness to be confirmed."""
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
        """Whether a finding not in the baseline is at or above `fail_on` (the exit status of
        linters)."""
        return any(
            finding.severity.rank >= fail_on.rank and not finding.in_baseline
            for finding in self.findings
        )


@dataclass(frozen=True)
class Baseline:
    """The findings an earlier report already had, by article title and fingerprint: they are
    reported again but fail no run (`--baseline`)."""

    known: frozenset[tuple[str, str]] = frozenset()

    def knows(self, title: str, finding: Finding) -> bool:
        return (title, finding.fingerprint) in self.known


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


def placed(article: Article, findings: Sequence[Finding]) -> list[Finding]:
    """The findings with their `position` and `fingerprint` filled in."""
    sentences = {sentence.id: sentence.position for _, _, sentence in article.sentences()}
    sections = {section.title: section.position for section in article.sections()}
    seen: Counter[str] = Counter()
    out = []
    for finding in findings:
        reference = article.reference(finding.reference_id) if finding.reference_id else None
        position: SourcePosition | None = None
        if finding.sentence_id is not None:
            position = sentences.get(finding.sentence_id)
        if position is None and reference is not None:
            position = reference.position
        if position is None and finding.section is not None:
            position = sections.get(finding.section)
        key = _identity(finding, reference)
        seen[key] += 1
        out.append(replace(finding, position=position, fingerprint=_fingerprint(key, seen[key])))
    return out


FINGERPRINT_LENGTH = 16


def _identity(finding: Finding, reference: Reference | None) -> str:
    """What makes a finding the same finding in another run: its code, the citation it is
    about (by name, else URL, else title, else its text, never its number), the sentence it
    quotes, the URL it names; the section only when it is about nothing smaller. Not the
    message, which may give dates relative to the as-of day."""
    parts = [finding.code, finding.url or ""]
    if reference is not None:
        parts.append(f"group:{reference.group or ''}")
        if reference.name:
            parts.append(f"name:{reference.name}")
        elif reference.url:
            parts.append(f"url:{reference.url.strip()}")
        elif reference.title:
            parts.append(f"title:{reference.title}")
        else:
            parts.append(f"text:{' '.join((reference.raw or reference.text).split())}")
    if finding.sentence is not None:
        parts.append(f"sentence:{' '.join(finding.sentence.split())}")
    if reference is None and finding.sentence is None:
        parts.append(f"section:{finding.section}")
    return "\x1f".join(parts)


def _fingerprint(identity: str, occurrence: int) -> str:
    """A short hash of the identity; the second finding of one identity gets another."""
    suffix = f"\x1e{occurrence}" if occurrence > 1 else ""
    digest = hashlib.sha256(f"{identity}{suffix}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:FINGERPRINT_LENGTH]


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
    findings_in_baseline: int = 0
    """Findings known from `--baseline`: reported, but failing no run."""
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
        findings_in_baseline=sum(1 for finding in report.findings if finding.in_baseline),
        support_by_verdict=(
            {verdict.value: support.get(verdict, 0) for verdict in SupportVerdict}
            if report.support_checked
            else {}
        ),
    )
