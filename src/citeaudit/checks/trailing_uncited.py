"""Sentences after the last citation of their paragraph: nothing after them says where they come from.

By convention a citation covers the sentences before it back to the previous citation, so only
the sentences after a paragraph's last citation stand unsupported. A warning in a biography of
a living person, a note elsewhere; covered lead sentences are exempt (see `claim_scope`).
"""

from __future__ import annotations

from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext
from citeaudit.checks.claim_scope import (
    LeadCoverage,
    claim_blocks,
    claim_sections,
    is_biography_of_living_person,
    is_claim_sentence,
)
from citeaudit.model import Article, Finding, Severity


class SentenceAfterLastCitationCheck(Check):
    family = "support"
    codes = ("sentence-after-last-citation",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        living = is_biography_of_living_person(article)
        coverage: LeadCoverage | None = None
        for section in claim_sections(article):
            for block in claim_blocks(section):
                cited = [index for index, sentence in enumerate(block) if sentence.reference_ids]
                if not cited:
                    continue
                for sentence in block[cited[-1] + 1:]:
                    if not is_claim_sentence(sentence):
                        continue
                    if section is article.lead and not context.lead_needs_citations:
                        coverage = coverage or LeadCoverage.of(article)
                        if coverage.covers(sentence):
                            continue
                    yield self.finding(
                        "sentence-after-last-citation",
                        Severity.WARNING if living else Severity.INFO,
                        "This sentence comes after the last citation of its paragraph, so no "
                        "source covers it; cite the source that supports it (or move the "
                        "paragraph's citation after it if that source does).",
                        section=section.title, sentence=sentence,
                    )
