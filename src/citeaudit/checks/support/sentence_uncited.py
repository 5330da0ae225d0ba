"""In a biography of a living person, claims that wait for a citation several sentences later.

WP:BLP asks that every statement about a living person be traceable to a source; a citation at
the end of a run of sentences covers them only if the one source says all of them, which a
reviewer must check. This rule lists, for biographies of living people only, each claim
sentence without its own citation that is followed by a cited sentence in its paragraph
(sentences after the last citation are `sentence-after-last-citation`'s, whole uncited
paragraphs `paragraph-uncited`'s). Covered lead sentences are exempt (see `claim_scope`).
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


class BLPUncitedSentenceCheck(Check):
    family = FindingFamily.SUPPORT
    codes = ("blp-sentence-uncited",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        if not is_biography_of_living_person(article):
            return
        exempt = LeadExemption(article, context.lead_needs_citations)
        for section in claim_sections(article):
            for block in claim_blocks(section):
                cited = [index for index, sentence in enumerate(block) if sentence.reference_ids]
                if not cited:
                    continue
                for index, sentence in enumerate(block[: cited[-1]]):
                    if (
                        sentence.reference_ids
                        or not is_claim_sentence(sentence)
                        or exempt(section, sentence)
                    ):
                        continue
                    later = next(position for position in cited if position > index) - index
                    yield self.finding(
                        "blp-sentence-uncited",
                        Severity.INFO,
                        "In this biography of a living person, this sentence has no citation "
                        f"of its own; the next one comes {plural(later, 'sentence')} later.",
                        fix="Check that that citation's source says this too, or cite the "
                        "source that does right after the sentence.",
                        section=section.title,
                        sentence=sentence,
                    )
