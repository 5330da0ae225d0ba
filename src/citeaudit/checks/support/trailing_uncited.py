"""Sentences after the last citation of their paragraph: nothing says where they come from.

By convention a citation covers the sentences before it back to the previous citation, so only
the sentences after a paragraph's last citation stand unsupported. One finding per paragraph,
on the first such sentence. A warning in a biography of a living person, a note elsewhere;
covered lead sentences are exempt (see `claim_scope`).
"""

from __future__ import annotations

from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext
from citeaudit.checks.support.claim_scope import (
    LeadExemption,
    claim_blocks,
    claim_sections,
    is_biography_of_living_person,
    is_claim_sentence,
)
from citeaudit.model import Article, Finding, FindingFamily, Severity


class SentenceAfterLastCitationCheck(Check):
    family = FindingFamily.SUPPORT
    codes = ("sentence-after-last-citation",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        living = is_biography_of_living_person(article)
        exempt = LeadExemption(article, context.lead_needs_citations)
        for section in claim_sections(article):
            for block in claim_blocks(section):
                cited = [index for index, sentence in enumerate(block) if sentence.reference_ids]
                if not cited:
                    continue
                tail = [
                    sentence
                    for sentence in block[cited[-1] + 1 :]
                    if is_claim_sentence(sentence) and not exempt(section, sentence)
                ]
                if not tail:
                    continue
                count = (
                    "This sentence comes" if len(tail) == 1 else f"These {len(tail)} sentences come"
                )
                yield self.finding(
                    "sentence-after-last-citation",
                    Severity.WARNING if living else Severity.INFO,
                    f"{count} after the last citation of the paragraph, so no source covers "
                    f"{'it' if len(tail) == 1 else 'them'}.",
                    fix=f"Cite the source that supports {'it' if len(tail) == 1 else 'them'} "
                    "(or move the paragraph's citation to the end if that source does).",
                    section=section.title,
                    sentence=tail[0],
                )
