"""Statistics without a citation: percentages, sums of money, counts in thousands or millions.

Figures are what readers check and vandals change (WP:CITEDENSE, WP:MINREF "statistics"). A
statistic is a percentage, an amount with a currency sign or code, a number with "million",
"billion" or "trillion", or a number written with thousands separators (not a year). It is
uncited when neither its sentence nor a later sentence of its paragraph cites a source, nor a
cited lead-in of its list ("The survey found:" cites the items under it); lead sentences
whose figures the cited body gives are exempt (see `claim_scope`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext
from citeaudit.checks.support.claim_scope import LeadExemption, claim_sections, claim_units
from citeaudit.model import Article, Finding, FindingFamily, Severity

_STATISTIC = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b)"
    r"|(?:[$€£¥₹]|\b(?:US|USD|EUR|GBP|KZT)\$?\s?)\s?\d[\d,.]*"
    r"|\b\d+(?:[.,]\d+)?\s(?:million|billion|trillion)\b"
    r"|\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b",
    re.I,
)


def statistics(text: str) -> list[str]:
    return [match.group().strip() for match in _STATISTIC.finditer(text)]


class UncitedNumberCheck(Check):
    family = FindingFamily.SUPPORT
    codes = ("number-uncited",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        exempt = LeadExemption(article, context.lead_needs_citations)
        for section in claim_sections(article):
            for unit in claim_units(section):
                for sentence in unit.uncited():
                    figures = statistics(sentence.text)
                    if not figures or exempt(section, sentence):
                        continue
                    yield self.finding(
                        "number-uncited",
                        Severity.WARNING,
                        f"The {'figure' if len(figures) == 1 else 'figures'} "
                        f"{', '.join(figures)} {'has' if len(figures) == 1 else 'have'} no "
                        "citation.",
                        fix=f"Cite the source of the {'figure' if len(figures) == 1 else 'figures'}"
                        " right after the sentence.",
                        section=section.title,
                        sentence=sentence,
                    )
