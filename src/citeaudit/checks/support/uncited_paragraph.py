"""Paragraphs with no citation at all (WP:V: material likely to be challenged needs one).

An error in a biography of a living person (WP:BLP: unsourced material about living people is
removed), a warning elsewhere. Lead paragraphs are exempt when the cited body supports their
sentences, unless `--lead-needs-citations`; see `claim_scope` for what counts as a claim.
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
from citeaudit.model.wording import plural


class UncitedParagraphCheck(Check):
    family = FindingFamily.SUPPORT
    codes = ("paragraph-uncited",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        living = is_biography_of_living_person(article)
        exempt = LeadExemption(article, context.lead_needs_citations)
        for section in claim_sections(article):
            for block in claim_blocks(section):
                if any(sentence.reference_ids for sentence in block):
                    continue
                claims = [
                    sentence
                    for sentence in block
                    if is_claim_sentence(sentence) and not exempt(section, sentence)
                ]
                if not claims:
                    continue
                where = f"section {section.title!r}" if section.title else "the lead"
                if living:
                    advice = (
                        "This is a biography of a living person: cite a reliable source for it "
                        "or remove it (WP:BLP)."
                    )
                else:
                    advice = "Cite a reliable source for it, or tag it {{citation needed}}."
                yield self.finding(
                    "paragraph-uncited",
                    Severity.ERROR if living else Severity.WARNING,
                    f"A paragraph in {where} ({plural(len(claims), 'sentence')}) has no citation.",
                    fix=advice,
                    section=section.title,
                    sentence=claims[0],
                )
