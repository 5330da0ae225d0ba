"""Quotations without a citation (WP:MINREF: every quotation needs an inline citation).

A quotation is a block quotation (one unit, however many sentences or paragraphs: it is cited
at its end, or in its source line), or three or more words between quotation marks in a
sentence (shorter quoted words, such as "extremist" charges, are usually scare quotes or
terms). Quotation marks around a title or a name are not a quotation: a song, a film, an
episode, an article ("the song "Hey Jude""), anything in title case ("The Lord of the Rings"),
or what follows "titled", "called", "known as". A quotation is uncited when neither its
sentence nor a later sentence of its paragraph cites a source, nor a cited lead-in of its list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext
from citeaudit.checks.support.claim_scope import (
    claim_sections,
    claim_units,
    is_biography_of_living_person,
)
from citeaudit.model import Article, Finding, FindingFamily, Sentence, Severity

_QUOTATION = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«([^»]+)»")
MIN_QUOTED_WORDS = 3
_NAMING = re.compile(
    r"\b(?:song|single|album|track|record|film|movie|documentary|book|novel|novella|poem|"
    r"story|essay|article|paper|column|editorial|episode|series|show|programme|program|play|"
    r"musical|opera|painting|sculpture|exhibition|campaign|slogan|motto|headline|chapter|"
    r"hymn|anthem|titled|entitled|named|called|nicknamed|dubbed|known as|billed as)"
    r"[\s,]*(?:\w+[\s,]+){0,2}$",
    re.I,
)
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of on or the to with vs via nor so".split()
)


def quotations(text: str) -> list[str]:
    """The quoted passages of three words or more in a sentence, titles and names left out."""
    found = []
    for match in _QUOTATION.finditer(text):
        quoted = next(group for group in match.groups() if group is not None)
        if len(quoted.split()) < MIN_QUOTED_WORDS or is_title(quoted, text[: match.start()]):
            continue
        found.append(quoted)
    return found


def is_title(quoted: str, before: str) -> bool:
    """Whether quoted words are a title or a name: after a word that names a work or names
    it ("the song", "titled"), or written in title case (every word but the small ones
    capitalised, as titles are and quoted speech is not)."""
    if _NAMING.search(before):
        return True
    words = [word.strip(".,;:!?()'’") for word in quoted.split()]
    significant = [w for w in words if w and w.lower() not in _SMALL_WORDS]
    return bool(significant) and all(w[0].isupper() or not w[0].isalpha() for w in significant)


class UncitedQuoteCheck(Check):
    family = FindingFamily.SUPPORT
    codes = ("quote-uncited",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        severity = Severity.ERROR if is_biography_of_living_person(article) else Severity.WARNING
        for section in claim_sections(article):
            for unit in claim_units(section):
                if unit.kind == "quote":
                    if unit.sentences and not unit.cites:
                        block = " ".join(sentence.text for sentence in unit.sentences)
                        yield self._finding(severity, section.title, unit.sentences[0], block)
                    continue
                for sentence in unit.uncited():
                    quoted = quotations(sentence.text)
                    if quoted:
                        yield self._finding(severity, section.title, sentence, quoted[0])

    def _finding(
        self, severity: Severity, section: str, sentence: Sentence, quoted: str
    ) -> Finding:
        return self.finding(
            "quote-uncited",
            severity,
            f"The quotation \u201c{_shorten(quoted)}\u201d has no citation.",
            fix="Cite the source it is quoted from right after it, or remove it.",
            section=section,
            sentence=sentence,
        )


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
