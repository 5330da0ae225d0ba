"""The `Check` interface, the context every check reads (the as-of date, the gathered `Facts`),
and the small lookups most checks share (where a reference or sentence stands, what to call it).

A check is one rule: a pure function of the article and what was gathered about it. It never
fetches, never reads the clock, and says what it finds as `Finding`s with stable codes.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field

from citeaudit.model import (
    Article,
    Facts,
    Finding,
    FindingFamily,
    Reference,
    Sentence,
    Severity,
)
from citeaudit.model.report import DEFAULT_DEAD_AFTER_DAYS

DEFAULT_STALE_AFTER_YEARS = 5
"""A retrieval date older than this, with no archive, is a link-rot risk (`--stale-after`)."""


@dataclass(frozen=True)
class CheckContext:
    """What a check may know besides the article. Checks never read the clock themselves."""

    as_of: dt.date
    facts: Facts = field(default_factory=Facts)
    """What was fetched and read about the article (empty facts when links were not checked)."""
    stale_after_years: int = DEFAULT_STALE_AFTER_YEARS
    lead_needs_citations: bool = False
    dead_after_days: float = DEFAULT_DEAD_AFTER_DAYS
    """A link gone on checks at least this many days apart is an error; before, a warning."""


class Check(ABC):
    """One rule. `family` groups its findings in the report.

    `codes` lists every finding code the rule can yield; `docs/findings.md` documents each,
    and a test keeps the two in step.
    """

    family: FindingFamily
    codes: tuple[str, ...] = ()

    @abstractmethod
    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        """Yield the findings of this rule on one article."""

    def finding(
        self,
        code: str,
        severity: Severity,
        message: str,
        *,
        section: str | None = None,
        reference: Reference | None = None,
        sentence: Sentence | None = None,
        fix: str | None = None,
        url: str | None = None,
    ) -> Finding:
        """A finding of this rule; `code` must be one of `codes`. `message` says what is
        wrong, `fix` what to do about it; `url` is the URL it is about, if any."""
        if code not in self.codes:
            raise ValueError(f"{type(self).__name__} does not declare the code {code!r}")
        return Finding(
            code=code,
            family=self.family,
            severity=severity,
            message=message,
            section=section,
            reference_id=reference.id if reference is not None else None,
            sentence_id=sentence.id if sentence is not None else None,
            sentence=sentence.text if sentence is not None else None,
            fix=fix,
            url=url,
        )


def describe_reference(reference: Reference) -> str:
    """`reference 10 ("StackPath")`: how a message names a reference."""
    label = (
        f"reference {reference.number}"
        if reference.number is not None
        else f"reference {reference.id!r}"
    )
    if reference.group:
        label = f"{label} (group {reference.group})"
    if reference.title:
        return f'{label} ("{reference.title}")'
    if reference.name:
        return f'{label} (name "{reference.name}")'
    return label


def first_section_title(article: Article, reference: Reference) -> str | None:
    """The title of the section where a reference is first used ("" for the lead), if used."""
    if not reference.uses:
        return None
    titles = {section.index: section.title for section in article.sections()}
    return titles.get(reference.uses[0].section_index)
