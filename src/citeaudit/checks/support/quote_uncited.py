"""Quotations without a citation (WP:MINREF: every quotation needs an inline citation).

A quotation is a block quote paragraph, or three or more words between quotation marks in a
sentence (shorter quoted words, such as "extremist" charges, are usually scare quotes or
terms). It is uncited when neither its sentence nor a later sentence of its paragraph cites a
source. Titles of works in quotation marks look the same in rendered text: a known source of
false alarms for titles of three words or more.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext
from citeaudit.checks.support.claim_scope import claim_sections, is_biography_of_living_person
from citeaudit.model import Article, Finding, FindingFamily, Severity

_QUOTATION = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«([^»]+)»")
MIN_QUOTED_WORDS = 3


def quotations(text: str) -> list[str]:
    """The quoted passages of three words or more in a sentence."""
    found = []
    for match in _QUOTATION.finditer(text):
        quoted = next(group for group in match.groups() if group is not None)
        if len(quoted.split()) >= MIN_QUOTED_WORDS:
            found.append(quoted)
    return found


class UncitedQuoteCheck(Check):
    family = FindingFamily.SUPPORT
    codes = ("quote-uncited",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        severity = Severity.ERROR if is_biography_of_living_person(article) else Severity.WARNING
        for section in claim_sections(article):
            for paragraph in section.paragraphs:
                sentences = paragraph.sentences
                for index, sentence in enumerate(sentences):
                    if any(later.reference_ids for later in sentences[index:]):
                        continue
                    quoted = quotations(sentence.text)
                    if paragraph.kind == "quote" and not quoted and sentence.text.strip():
                        quoted = [sentence.text.strip()]
                    if not quoted:
                        continue
                    yield self.finding(
                        "quote-uncited",
                        severity,
                        f"The quotation \u201c{_shorten(quoted[0])}\u201d has no citation.",
                        fix="Cite the source it is quoted from right after it, or remove it.",
                        section=section.title,
                        sentence=sentence,
                    )


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
