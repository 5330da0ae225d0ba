"""A source dated before the event its sentence reports cannot support it.

For every cited sentence we collect its *event years*, then flag each cited source whose
publication date ends before the earliest of them (a report of April 2015 cannot say who heads
a coalition formed in 2022). The finding is a warning when every dated source of the sentence
is too early, a note when another cited source is recent enough to carry the claim.

Guarding against false alarms, a year counts as an event year only when nothing in the
sentence says it is not one:
- sentences about the future or plans are skipped whole: "will", "would", "shall", "going to",
  "to be held", "planned", "plans", "expected", "scheduled", "proposed", "intends", "aims",
  "due to", "upcoming", "forthcoming", "target";
- years right after "since", "until", "till", "by", "before", "after", "through", "from",
  "to", "as of", or after "founded/established/formed/created/launched in" (background of a
  named thing, not the claim) are dropped;
- ranges ("1999–2005", "2010-12", "1999–present", "between 2016 and 2018") and decades
  ("the 1990s") are dropped: a source inside or before them may still support the claim;
- text in quotation marks (quotes, titles of works) is removed first;
- a four-digit number is a year only in 1000..next year, and not when it is a quantity
  ("1500 prisoners", "$2000", "2000 km"): it needs a date cue before it (in, on, of, during,
  early, late, mid, around, a month, a season, "the") or no lower-case word after it;
- a year inside a proper name, right after a capitalised word that is not a month ("Qantar
  2022", "Forum 2000", "Vision 2030", "Windows 2000"), names the thing, never the claim's time:
  a body may be older than its name or named after a target year, and a source from before
  that year may still support the rest of the sentence ("heads Qantar 2022 and the Ar.Rukh.Khak
  foundation" cited to 2015 sources). Known gap, on the safe side: "heads Qantar 2022", cited
  only to a source from before the coalition existed, is not flagged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext, describe_reference
from citeaudit.model import Article, Finding, FindingFamily, Reference, Severity
from citeaudit.model.calendar import MONTHS, SEASONS
from citeaudit.parse.dates import parse_cs1_date

_FUTURE = re.compile(
    r"\b(will|would|shall|going to|to be held|planned|plans?|expected|expects?|scheduled|"
    r"proposed|proposes?|intends?|intended|aims?|aimed|due to|upcoming|forthcoming|targets?|"
    r"anticipated|projected|set to)\b",
    re.I,
)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’|«[^»]*»")
_YEAR = re.compile(r"(?<![\w$€£¥#/.,-])(\d{4})(?![\w%/]|[.,]\d)")
_RANGE = re.compile(
    r"\b\d{4}\s*(?:–|—|-|/|to|and|until|till|through)\s*(?:\d{2,4}|present|now|today)\b"
    r"|\bbetween\s+(?:\S+\s+){0,3}?\d{4}\s+and\b",
    re.I,
)
_DECADE = re.compile(r"\b\d{3}0s\b")
_GUARD_BEFORE = re.compile(
    r"(?:\b(?:since|until|till|by|before|after|through|from|to|as of)|"
    r"\b(?:founded|established|formed|created|launched|incorporated|registered)\s+in)"
    r"\s+(?:(?:early|late|mid|the)[\s-]+)?(?:(?:\d{1,2}\s+)?(?:"
    + "|".join(MONTHS)
    + r")\s+(?:\d{1,2},\s+)?)?$",
    re.I,
)
_DATE_CUE_BEFORE = re.compile(
    r"(?:\b(?:in|on|of|during|early|late|mid|around|circa|c\.|the|year|"
    + "|".join(MONTHS)
    + "|"
    + "|".join(SEASONS)
    + r")[\s-]+(?:\d{1,2},?\s+)?)$",
    re.I,
)
_CAPITALISED_BEFORE = re.compile(r"\b([A-Z][\w.&'-]*)\s+$")
_LOWER_WORD_AFTER = re.compile(r"^\s+[a-z]")


class SourcePredatesClaimCheck(Check):
    family = FindingFamily.DATES
    codes = ("source-predates-claim",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        by_id = {reference.id: reference for reference in article.references}
        for section, _, sentence in article.sentences():
            if not sentence.reference_ids:
                continue
            years = event_years(sentence.text, context.as_of)
            if not years:
                continue
            first = min(years)
            dated = [
                (reference, latest)
                for reference in _cited(by_id, sentence.reference_ids)
                if (latest := _latest_day(reference, context.as_of)) is not None
            ]
            early = [
                (reference, latest) for reference, latest in dated if latest < dt.date(first, 1, 1)
            ]
            every_source_too_early = len(early) == len(dated) == len(sentence.reference_ids)
            for reference, _latest in early:
                yield self.finding(
                    "source-predates-claim",
                    Severity.WARNING if every_source_too_early else Severity.INFO,
                    f"{describe_reference(reference)} is dated {reference.date}, before {first}, "
                    f"the year this sentence reports; it cannot support the claim.",
                    fix=f"Cite a source from {first} or later, or check the source's date.",
                    section=section.title,
                    reference=reference,
                    sentence=sentence,
                )


def event_years(text: str, as_of: dt.date) -> list[int]:
    """The years a sentence reports events in, by the guards of the module docstring."""
    if _FUTURE.search(text):
        return []
    text = _QUOTED.sub(lambda match: " " * len(match.group()), text)
    excluded = [match.span() for pattern in (_RANGE, _DECADE) for match in pattern.finditer(text)]
    years = []
    for match in _YEAR.finditer(text):
        year = int(match.group(1))
        if not 1000 <= year <= as_of.year + 1:
            continue
        if any(start <= match.start() < end for start, end in excluded):
            continue
        before, after = text[: match.start()], text[match.end() :]
        if _GUARD_BEFORE.search(before):
            continue
        if _DATE_CUE_BEFORE.search(before):
            years.append(year)
            continue
        name = _CAPITALISED_BEFORE.search(before)
        if name and name.group(1) not in MONTHS and name.start() > 0:
            continue  # part of a proper name
        if not _LOWER_WORD_AFTER.match(after):
            years.append(year)
    return years


def _cited(by_id: dict[str, Reference], reference_ids: list[str]) -> Iterator[Reference]:
    for reference_id in reference_ids:
        if reference_id in by_id:
            yield by_id[reference_id]


def _latest_day(reference: Reference, as_of: dt.date) -> dt.date | None:
    if not reference.date:
        return None
    parsed = parse_cs1_date(reference.date, today=as_of)
    if parsed is None or not parsed.valid:
        return None
    return parsed.latest
