"""Dates CS1 rejects that have one clear meaning, and the article's date format to write them in.

`clear_reading` reads a date the CS1 grammar (`citeaudit.parse.dates`) rejects and returns what
it can only mean, or None when it could mean more than one thing (or nothing). Clear:
- a day with a leading zero (`08 March 2023`), a month in lower case or with a full stop
  (`8 march 2023`, `8 Mar. 2023`), an ordinal day (`8th March 2023`), a stray comma
  (`8 March, 2023`, `March 8 2023`), a weekday that agrees with the date (`Wednesday, 8 March
  2023`), an ISO date without its zeros (`2023-3-8`) or before 1583;
- numbers only (`25/03/2023`, `2023/03/08`) when the order is certain: the year first, or a day
  above 12, or day and month the same;
- `YYYY-MM` when it cannot be a range of years (`2023-03`; `2010-11` could be 2010–2011);
- a range joined by a hyphen or another dash instead of the en dash (`8-9 March 2023`).
Anything else (`03/04/2023`, `31 April 2023`, a misspelt month, a weekday that disagrees) is
left as it is, and stays a finding.

`DateStyle` is the format the article writes dates in: the one it declares (`{{Use dmy dates}}`,
`{{Use mdy dates}}`), else the one most of its citations' dates use; access and archive dates
are ISO when most of the article's are (MOS:DATEUNIFY allows it for them).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from citeaudit.model import Article, DateFormat
from citeaudit.model.calendar import MONTHS
from citeaudit.parse.dates import DateRule, parse_cs1_date

RETRIEVAL_PARAMETERS = frozenset({"access-date", "accessdate", "archive-date", "archivedate"})

_MONTH_WORDS: dict[str, int] = {}
for _number, _name in enumerate(MONTHS, start=1):
    _MONTH_WORDS[_name.lower()] = _number
    _MONTH_WORDS[_name[:3].lower()] = _number
_MONTH_WORDS["sept"] = 9
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    r"^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE
)
_MONTH = r"(?P<m>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>\d{4})"
_WORDED = (
    (DateFormat.DMY, re.compile(rf"{_DAY}[ \-.]+{_MONTH},?[ \-.]+{_YEAR}", re.I)),
    (DateFormat.MDY, re.compile(rf"{_MONTH}[ .]+{_DAY},?\s*{_YEAR}", re.I)),
    (None, re.compile(rf"{_MONTH},?\s+{_YEAR}", re.I)),
)
_YEAR_FIRST = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
_YEAR_LAST = re.compile(r"(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>\d{4})")
_YEAR_MONTH = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})")
_BAD_DASH = re.compile(r"(?<=\w)(\s*)(?:--|-|—|−|‒)(\s*)(?=\w)")


@dataclass(frozen=True)
class Reading:
    """What a rejected date clearly means: a day, a month or a range rewritten in place."""

    year: int
    month: int | None = None
    day: int | None = None
    order: DateFormat | None = None
    """The order it was written in, when that says something (a day-month order)."""
    short_month: bool = False
    range_text: str | None = None
    """For a range, the whole date with its dash corrected (written as it stands)."""


def clear_reading(text: str, today: dt.date) -> Reading | None:
    """The one thing a date CS1 rejects can mean, or None (valid, empty, or not clear)."""
    parsed = parse_cs1_date(text, today=today)
    if parsed is None or parsed.valid:
        return None
    cleaned = " ".join(text.replace("\u00a0", " ").replace("&nbsp;", " ").split())
    if parsed.reason is DateRule.RANGE_SEPARATOR:
        return _range(cleaned, today)
    weekday = _WEEKDAY.match(cleaned)
    if weekday:
        cleaned = cleaned[weekday.end() :]
    reading = _worded(cleaned) or _numeric(cleaned)
    if reading is None or not _exists(reading, today):
        return None
    if weekday and not _weekday_agrees(weekday.group(1), reading):
        return None
    return reading


def _range(cleaned: str, today: dt.date) -> Reading | None:
    if "/" in cleaned or len(_BAD_DASH.findall(cleaned)) != 1:
        return None
    fixed = _BAD_DASH.sub(lambda m: f"{m.group(1)}–{m.group(2)}", cleaned)
    reparsed = parse_cs1_date(fixed, today=today)
    if reparsed is None or not reparsed.valid or not reparsed.is_range or reparsed.earliest is None:
        return None
    return Reading(reparsed.earliest.year, range_text=fixed)


def _worded(cleaned: str) -> Reading | None:
    for order, pattern in _WORDED:
        match = pattern.fullmatch(cleaned)
        if match is None:
            continue
        word = match.group("m")
        month = _MONTH_WORDS.get(word.lower())
        if month is None:
            return None
        day = match.groupdict().get("d")
        if day is not None and len(day) > 2:
            return None
        short = len(word.rstrip(".")) <= 4 and word.lower() not in ("june", "july")
        return Reading(
            int(match.group("y")), month, int(day) if day else None, order, short_month=short
        )
    return None


def _numeric(cleaned: str) -> Reading | None:
    match = _YEAR_FIRST.fullmatch(cleaned)
    if match:
        return Reading(int(match["y"]), int(match["m"]), int(match["d"]), DateFormat.YMD)
    match = _YEAR_LAST.fullmatch(cleaned)
    if match:
        first, second = int(match["a"]), int(match["b"])
        if first > 12 >= second or first == second:
            return Reading(int(match["y"]), second, first, DateFormat.DMY)
        if second > 12 >= first:
            return Reading(int(match["y"]), first, second, DateFormat.MDY)
        return None  # 03/04/2023: 3 April or March 4
    match = _YEAR_MONTH.fullmatch(cleaned)
    if match:
        year, month = int(match["y"]), int(match["m"])
        # `2010-11` may be the years 2010–2011; only a month that cannot end a range is clear.
        if month > year % 100:
            return None
        return Reading(year, month)
    return None


def _exists(reading: Reading, today: dt.date) -> bool:
    if reading.range_text is not None:
        return True
    if not 1 <= (reading.month or 1) <= 12 or not 100 <= reading.year <= today.year + 1:
        return False
    if reading.day is None:
        return True
    try:
        dt.date(reading.year, reading.month or 1, reading.day)
    except ValueError:
        return False
    return True


def _weekday_agrees(word: str, reading: Reading) -> bool:
    if reading.day is None or reading.month is None:
        return False
    actual = _WEEKDAYS[dt.date(reading.year, reading.month, reading.day).weekday()]
    return actual.startswith(word.lower().rstrip("."))


def write_date(reading: Reading, style: DateFormat) -> str:
    """The reading in a format: `8 March 2023`, `March 8, 2023`, `2023-03-08`, `March 2023`."""
    if reading.range_text is not None:
        return reading.range_text
    if reading.month is None:
        return str(reading.year)
    month = MONTHS[reading.month - 1]
    if reading.short_month and len(month) > 4:
        month = month[:3]
    if reading.day is None:
        return f"{month} {reading.year}"
    if style is DateFormat.YMD and reading.year >= 1583:
        return f"{reading.year:04d}-{reading.month:02d}-{reading.day:02d}"
    if style is DateFormat.MDY:
        return f"{month} {reading.day}, {reading.year}"
    return f"{reading.day} {month} {reading.year}"


def write_day(day: dt.date, style: DateFormat) -> str:
    """A day in a format (for dates a repair adds: archive-dates, access-dates)."""
    return write_date(Reading(day.year, day.month, day.day), style)


def write_iso(iso: str, style: DateFormat) -> str | None:
    """An ISO date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) in a format, or None when it is not one."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", iso)
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        return None
    return write_date(Reading(year, month, day), style)


@dataclass(frozen=True)
class DateStyle:
    """The formats an article's dates are written in.

    `publication` is the declared format, else the day-month order most of the citations' dates
    use (None when nothing decides it: then a date keeps its own order); `iso_retrieval` says
    most access and archive dates are ISO, so that new ones are too.
    """

    publication: DateFormat | None
    iso_retrieval: bool

    def for_parameter(self, name: str, reading: Reading | None = None) -> DateFormat:
        """The format a date of this parameter is written in."""
        if name in RETRIEVAL_PARAMETERS and self.iso_retrieval:
            return DateFormat.YMD
        if self.publication is not None:
            return self.publication
        own = reading.order if reading is not None else None
        return own or DateFormat.DMY

    @classmethod
    def of(cls, article: Article) -> DateStyle:
        """The article's declared format, else the one most of its citations' dates use.

        The order a date is written in is read off its shape (`8 March 2023`, `March 8, 2023`,
        `2023-03-08`), which is all a count of formats needs and costs a tenth of reading every
        date by the CS1 grammar.
        """
        orders: Counter[DateFormat] = Counter()
        retrieval: Counter[bool] = Counter()
        for reference in article.references:
            for field in ("date", "access_date", "archive_date"):
                value = getattr(reference, field)
                written = _written_order(value) if value else None
                if written is None:
                    continue
                if written is not DateFormat.YMD:
                    orders[written] += 1
                if field != "date":
                    retrieval[written is DateFormat.YMD] += 1
        publication = article.date_format
        if publication is None and orders:
            ranked = orders.most_common(2)
            if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
                publication = ranked[0][0]
        return cls(publication=publication, iso_retrieval=retrieval[True] > retrieval[False])


_ORDERS = (
    (DateFormat.DMY, re.compile(r"\d{1,2} [A-Z][a-z]+\.? \d{4}")),
    (DateFormat.MDY, re.compile(r"[A-Z][a-z]+\.? \d{1,2}, \d{4}")),
    (DateFormat.YMD, re.compile(r"\d{4}-\d{2}-\d{2}")),
)


def _written_order(value: str) -> DateFormat | None:
    for order, pattern in _ORDERS:
        if pattern.fullmatch(value.strip()):
            return order
    return None
