"""The CS1 date grammar: which date strings Wikipedia's citation module accepts, and what they mean.

`parse_cs1_date` reads a `|date=`, `|access-date=` or `|archive-date=` value (or a date read off
the rendered text) and returns a `ParsedDate`: valid or not, the CS1 rule it breaks, its
precision, the earliest and latest day it covers, and the format it is written in. `iso_date`
gives the ISO 8601 form of a valid date. Nothing here raises on bad input: an invalid date is a
`ParsedDate` with a `reason`.

Accepted (after Module:Citation/CS1/Date_validation `check_date`, summarised in
`reference/anchors.md` §2.5): `YYYY-MM-DD` from 1583; `D Month YYYY`; `Month D, YYYY`;
`Month YYYY`; `Season YYYY`; `Christmas YYYY`; en-dash ranges that run forwards (`8–9 March 2023`,
`March 8–9, 2023`, `8 March – 9 April 2023`, `March 8 – April 9, 2023`, full dates across years,
`March–April 2023`, `Month YYYY – Month YYYY`, `Spring–Summer 2003`, `Fall–Winter 2003`,
`Winter 2003–04`, `YYYY–YY`, `YYYY–YYYY`); `YYY`/`YYYY`; `c. YYYY`; `n.d.`/`nd`. Months are full
or three letters (`Sept` too), capitalised as CS1 writes them; both ends of a range use the same
style. Days must exist (Julian leap years up to 1582, Gregorian after) and carry no leading zero.
No year may be later than the year after `today`, none before AD 100. One lower-case letter may
follow the last year (`2001a`, the CITEREF disambiguator).

Two leniencies, both chosen to keep false alarms away: spaces around the range dash are not
checked (CS1 wants `8–9 March` unspaced and `8 March – 9 April` spaced), and `c.`/`n.d.` are
accepted in any field (CS1 allows them in `|date=` and `|year=` only; a check that reads
`access-date` asks for day precision anyway).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from dataclasses import dataclass

from citeaudit.model import DateFormat
from citeaudit.model.calendar import MONTHS, SEASONS


class Precision(enum.Enum):
    """The unit a date (or each end of a date range) is given in."""

    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"


class DateRule(enum.Enum):
    """The CS1 rule an invalid date breaks (the `reason` of an invalid `ParsedDate`)."""

    UNRECOGNISED = "unrecognised-format"
    MONTH_NAME = "month-name"
    MONTH_CAPITALISATION = "month-capitalisation"
    DAY_LEADING_ZERO = "day-leading-zero"
    NO_SUCH_DAY = "no-such-day"
    NO_SUCH_MONTH = "no-such-month"
    ISO_BEFORE_1583 = "iso-before-1583"
    ISO_YEAR_MONTH = "iso-year-month"
    NUMERIC_DATE = "numeric-date"
    BEFORE_AD_100 = "before-ad-100"
    YEAR_TOO_LATE = "year-too-late"
    WEEKDAY = "weekday"
    RANGE_SEPARATOR = "range-separator"
    RANGE_BACKWARDS = "range-backwards"
    RANGE_REPEATS = "range-repeats"
    RANGE_MIXED_MONTH_STYLES = "range-mixed-month-styles"
    RANGE_SHORT_YEAR_LOOKS_LIKE_MONTH = "range-short-year-looks-like-month"

    @property
    def explanation(self) -> str:
        return _EXPLANATIONS[self]


_EXPLANATIONS = {
    DateRule.UNRECOGNISED: (
        "is not in a form CS1 accepts (e.g. 8 March 2023, March 8, 2023, 2023-03-08, March "
        "2023, 2023)"
    ),
    DateRule.MONTH_NAME: (
        "names no month (write the month in full or as its three-letter abbreviation, without "
        "a full stop; Sept is also accepted)"
    ),
    DateRule.MONTH_CAPITALISATION: (
        "writes the month without its capital (CS1 accepts only e.g. March or Mar)"
    ),
    DateRule.DAY_LEADING_ZERO: "gives the day with a leading zero (write 8 March, not 08 March)",
    DateRule.NO_SUCH_DAY: "names a day that does not exist in that month",
    DateRule.NO_SUCH_MONTH: "names a month that does not exist (months run 01-12)",
    DateRule.ISO_BEFORE_1583: (
        "is an ISO date before 1583 (CS1 accepts YYYY-MM-DD only for Gregorian years)"
    ),
    DateRule.ISO_YEAR_MONTH: (
        "is YYYY-MM, which CS1 rejects because it reads like a year range (write March 2023)"
    ),
    DateRule.NUMERIC_DATE: (
        "is all-numeric with slashes or dots, which is ambiguous (write 8 March 2023 or 2023-03-08)"
    ),
    DateRule.BEFORE_AD_100: "is before AD 100, which CS1 does not accept",
    DateRule.YEAR_TOO_LATE: "is later than next year",
    DateRule.WEEKDAY: "names a weekday, which CS1 does not accept (drop it)",
    DateRule.RANGE_SEPARATOR: "joins a range with a hyphen, slash or other dash (use an en dash –)",
    DateRule.RANGE_BACKWARDS: "is a range that runs backwards (the earlier date comes first)",
    DateRule.RANGE_REPEATS: "is a range whose two ends are the same",
    DateRule.RANGE_MIXED_MONTH_STYLES: "mixes a full and an abbreviated month name in one range",
    DateRule.RANGE_SHORT_YEAR_LOOKS_LIKE_MONTH: (
        "is YYYY–YY with a second part of 12 or less, which reads like a month (write the "
        "years in full)"
    ),
}


@dataclass(frozen=True)
class ParsedDate:
    """What one date string says, by CS1's rules.

    `earliest`/`latest` are the first and last days the date covers (a month covers all its
    days, a range everything between its ends); they are None for invalid dates and for `n.d.`.
    `precision` is the unit of the date or of each end of a range (`is_range`); None for `n.d.`.
    `format` is the order the date is written in: DMY, MDY, YMD, or None when the date has no
    day (a month, season or year reads the same in every format).
    """

    text: str
    valid: bool
    reason: DateRule | None = None
    precision: Precision | None = None
    is_range: bool = False
    earliest: dt.date | None = None
    latest: dt.date | None = None
    format: DateFormat | None = None
    circa: bool = False
    undated: bool = False
    disambiguator: str | None = None
    iso: str | None = None
    """The ISO 8601 form (an interval `start/end` for ranges); None unless valid and dated."""

    @property
    def has_day(self) -> bool:
        return self.precision is Precision.DAY

    @property
    def single_day(self) -> dt.date | None:
        """The day, when the date is one valid full day (not a month, a year or a range)."""
        if self.valid and self.has_day and not self.is_range:
            return self.earliest
        return None

    @property
    def why_not_a_single_day(self) -> str:
        """Why `single_day` is None: CS1's reason, else that it is not one full day."""
        return self.reason.explanation if self.reason else "is not a single full date"


_MONTH_NUMBERS: dict[str, tuple[int, str]] = {}
for _number, _name in enumerate(MONTHS, start=1):
    _MONTH_NUMBERS[_name] = (_number, "long" if len(_name) > 3 else "either")
    if len(_name) > 3:
        _MONTH_NUMBERS[_name[:3]] = (_number, "short")
_MONTH_NUMBERS["Sept"] = (9, "short")

_SEASON_MONTHS = {0: (1, 3), 1: (3, 6), 2: (6, 9), 3: (9, 12)}
"""Generous first and last month of each season, so that both hemispheres' readings fit inside."""

_WEEKDAY = re.compile(
    r"\b(Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(day|nesday|sday|rsday|urday)?\b\.?", re.I
)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_LOOSE = re.compile(r"\d{3,4}-\d{1,2}-\d{1,2}")
_ISO_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")
_NUMERIC = re.compile(r"\d{1,4}[/.]\d{1,2}[/.]\d{1,4}")
_BAD_SEPARATOR = re.compile(r"[\w.,]\s*(-|/|—|−|‒|--)\s*[\w]")
_CIRCA = re.compile(r"c\. ?(\d{3,4})")
_CHRISTMAS = re.compile(r"Christmas (\d{3,4})")
_DISAMBIGUATOR = re.compile(r"(?<=\d)([a-z])$")

_WORD = r"[A-Za-z]+\.?"
_PARTS = {
    "dmy": re.compile(rf"(?P<d>\d{{1,2}}) (?P<m>{_WORD}) (?P<y>\d{{1,4}})"),
    "mdy": re.compile(rf"(?P<m>{_WORD}) (?P<d>\d{{1,2}}), (?P<y>\d{{1,4}})"),
    "my": re.compile(rf"(?P<m>{_WORD}) (?P<y>\d{{3,4}})"),
    "y": re.compile(r"(?P<y>\d{3,4})"),
    "d": re.compile(r"(?P<d>\d{1,2})"),
    "dm": re.compile(rf"(?P<d>\d{{1,2}}) (?P<m>{_WORD})"),
    "md": re.compile(rf"(?P<m>{_WORD}) (?P<d>\d{{1,2}})"),
    "m": re.compile(rf"(?P<m>{_WORD})"),
    "d,y": re.compile(r"(?P<d>\d{1,2}), (?P<y>\d{3,4})"),
    "yy": re.compile(r"(?P<yy>\d{2})"),
}
_SINGLE_FORMS = ("dmy", "mdy", "my", "y")
_RANGE_FORMS = (
    ("d", "dmy"),
    ("dm", "dmy"),
    ("dmy", "dmy"),
    ("md", "d,y"),
    ("md", "mdy"),
    ("mdy", "mdy"),
    ("m", "my"),
    ("my", "my"),
    ("my", "yy"),
    ("y", "yy"),
    ("y", "y"),
)
_FORMAT_OF = {
    "dmy": DateFormat.DMY,
    "dm": DateFormat.DMY,
    "d": DateFormat.DMY,
    "mdy": DateFormat.MDY,
    "md": DateFormat.MDY,
}


class _Invalid(Exception):
    def __init__(self, rule: DateRule) -> None:
        super().__init__(rule.value)
        self.rule = rule


@dataclass(frozen=True)
class _Point:
    """One end of a date: its year and what else is known, with the bounds it covers."""

    year: int
    precision: Precision
    month: int | None = None
    day: int | None = None
    season: int | None = None
    month_style: str | None = None

    def bounds(self, *, closes_range: bool = False) -> tuple[dt.date, dt.date]:
        if self.precision is Precision.DAY:
            assert self.month is not None and self.day is not None
            day = _safe_date(self.year, self.month, self.day)
            return day, day
        if self.precision is Precision.MONTH:
            assert self.month is not None
            return _safe_date(self.year, self.month, 1), _month_end(self.year, self.month)
        if self.precision is Precision.SEASON:
            assert self.season is not None
            if self.season == 0 and closes_range:
                return _safe_date(self.year, 12, 1), _month_end(self.year + 1, 3)
            first, last = _SEASON_MONTHS[self.season]
            return _safe_date(self.year, first, 1), _month_end(self.year, last)
        return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)

    def iso(self) -> str:
        if self.precision is Precision.DAY:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.precision is Precision.MONTH:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def order_key(self, *, closes_range: bool) -> tuple[int, int, int]:
        if self.precision is Precision.SEASON:
            assert self.season is not None
            season = 4 if self.season == 0 and closes_range else self.season
            return self.year, season, 0
        return self.year, self.month or 0, self.day or 0


def parse_cs1_date(text: str, *, today: dt.date | None = None) -> ParsedDate | None:
    """Read one date string by CS1's rules; None when it is empty.

    `today` bounds the year (at most next year); it defaults to the system date, so callers
    that must be reproducible (every check) pass their as-of date.
    """
    return _parse_cached(text, today or dt.date.today())


@functools.lru_cache(maxsize=4096)
def _parse_cached(text: str, today: dt.date) -> ParsedDate | None:
    """`parse_cs1_date`, remembered: the checks and the report each read the same dates of an
    article again (about 90 readings of a 4 KB article's dates), and a `ParsedDate` is frozen."""
    cleaned = " ".join(text.replace("\u00a0", " ").replace("&nbsp;", " ").split())
    if not cleaned:
        return None
    try:
        return _parse(text, cleaned, today)
    except _Invalid as invalid:
        return ParsedDate(text=text, valid=False, reason=invalid.rule)


def iso_date(text: str, *, today: dt.date | None = None) -> str | None:
    """The ISO 8601 form of a valid CS1 date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `start/end`).

    None when the date is invalid or `n.d.`.
    """
    parsed = parse_cs1_date(text, today=today)
    return parsed.iso if parsed is not None and parsed.valid else None


def is_leap_year(year: int) -> bool:
    """Julian rule up to 1582, Gregorian after, as CS1 checks days."""
    if year <= 1582:
        return year % 4 == 0
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap_year(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _safe_date(year: int, month: int, day: int) -> dt.date:
    """A `datetime.date`, moving Julian-only 29 Februaries (1500, 1300, ...) to the 28th."""
    if month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        day = 28
    return dt.date(year, month, day)


def _month_end(year: int, month: int) -> dt.date:
    return _safe_date(year, month, days_in_month(year, month))


def _parse(text: str, cleaned: str, today: dt.date) -> ParsedDate:
    if cleaned in ("n.d.", "nd"):
        return ParsedDate(text=text, valid=True, undated=True)
    if _WEEKDAY.search(cleaned):
        raise _Invalid(DateRule.WEEKDAY)
    circa = _CIRCA.fullmatch(cleaned)
    if circa:
        point = _Point(_year(circa.group(1), today), Precision.YEAR)
        return _result(text, point, point, circa=True)
    christmas = _CHRISTMAS.fullmatch(cleaned)
    if christmas:
        point = _Point(_year(christmas.group(1), today), Precision.DAY, month=12, day=25)
        return _result(text, point, point)
    iso = _ISO.fullmatch(cleaned)
    if iso:
        return _result(text, *_iso_point(iso, today), date_format=DateFormat.YMD)
    if _ISO_LOOSE.fullmatch(cleaned):
        raise _Invalid(DateRule.UNRECOGNISED)
    if _NUMERIC.fullmatch(cleaned):
        raise _Invalid(DateRule.NUMERIC_DATE)
    year_month = _ISO_YEAR_MONTH.fullmatch(cleaned)
    if year_month and 1 <= int(year_month.group(2)) <= 12:
        raise _Invalid(DateRule.ISO_YEAR_MONTH)
    disambiguator = None
    letter = _DISAMBIGUATOR.search(cleaned)
    if letter:
        disambiguator = letter.group(1)
        cleaned = cleaned[:-1]
    if re.fullmatch(r"\d{1,2}", cleaned):
        raise _Invalid(DateRule.BEFORE_AD_100)
    if "–" in cleaned:
        start, end, form = _range_points(cleaned, today)
    else:
        if _BAD_SEPARATOR.search(cleaned):
            raise _Invalid(DateRule.RANGE_SEPARATOR)
        start, form = _single_point(cleaned, today)
        end = start
    return _result(text, start, end, date_format=_FORMAT_OF.get(form), disambiguator=disambiguator)


def _iso_point(match: re.Match[str], today: dt.date) -> tuple[_Point, _Point]:
    year, month, day = (int(group) for group in match.groups())
    if year < 1583:
        raise _Invalid(DateRule.ISO_BEFORE_1583)
    if not 1 <= month <= 12:
        raise _Invalid(DateRule.NO_SUCH_MONTH)
    point = _point(_year(str(year), today), month, day)
    return point, point


def _single_point(cleaned: str, today: dt.date) -> tuple[_Point, str]:
    for form in _SINGLE_FORMS:
        match = _PARTS[form].fullmatch(cleaned)
        if match:
            return _point_from(match.groupdict(), today), form
    raise _Invalid(DateRule.UNRECOGNISED)


def _range_points(cleaned: str, today: dt.date) -> tuple[_Point, _Point, str]:
    if cleaned.count("–") != 1:
        raise _Invalid(DateRule.UNRECOGNISED)
    left, right = (part.strip() for part in cleaned.split("–"))
    for left_form, right_form in _RANGE_FORMS:
        left_match = _PARTS[left_form].fullmatch(left)
        right_match = _PARTS[right_form].fullmatch(right)
        if not (left_match and right_match):
            continue
        first, last = _complete_range(left_match.groupdict(), right_match.groupdict())
        start = _point_from(first, today)
        end = _point_from(last, today)
        _check_range(start, end)
        return start, end, right_form if right_form != "d,y" else "mdy"
    raise _Invalid(DateRule.UNRECOGNISED)


def _complete_range(
    first: dict[str, str | None], last: dict[str, str | None]
) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """Give each end of a range what the other says once (`8–9 March 2023`, `March 8–9, 2023`)."""
    first, last = dict(first), dict(last)
    short = last.pop("yy", None)
    if short is not None:
        first_year = first["y"]
        assert first_year is not None
        last["y"] = str(int(first_year) // 100 * 100 + int(short))
        season = first.get("m")
        if season is None:
            if int(short) <= 12:
                raise _Invalid(DateRule.RANGE_SHORT_YEAR_LOOKS_LIKE_MONTH)
        else:
            # `Winter 2003–04`: a season spanning the turn of a year, nothing else.
            if season not in SEASONS or int(short) != (int(first_year) + 1) % 100:
                raise _Invalid(DateRule.UNRECOGNISED)
            return {"y": first_year}, {"y": str(int(first_year) + 1)}
    if first.get("y") is None:
        first["y"] = last["y"]
    if last.get("m") is None and last.get("d") is not None:
        last["m"] = first.get("m")
    if first.get("m") is None and first.get("d") is not None:
        first["m"] = last.get("m")
    return first, last


def _check_range(start: _Point, end: _Point) -> None:
    if start.precision is not end.precision:
        raise _Invalid(DateRule.UNRECOGNISED)
    styles = {start.month_style, end.month_style} - {None, "either"}
    if len(styles) > 1:
        raise _Invalid(DateRule.RANGE_MIXED_MONTH_STYLES)
    first = start.order_key(closes_range=False)
    last = end.order_key(closes_range=True)
    if first == last:
        raise _Invalid(DateRule.RANGE_REPEATS)
    if first > last:
        raise _Invalid(DateRule.RANGE_BACKWARDS)


def _point_from(fields: dict[str, str | None], today: dt.date) -> _Point:
    digits = fields.get("y")
    if digits is None:
        raise _Invalid(DateRule.UNRECOGNISED)
    year = _year(digits, today)
    word = fields.get("m")
    day = fields.get("d")
    if word is None:
        if day is not None:
            raise _Invalid(DateRule.UNRECOGNISED)
        return _Point(year, Precision.YEAR)
    if word in SEASONS:
        if day is not None:
            raise _Invalid(DateRule.UNRECOGNISED)
        return _Point(year, Precision.SEASON, season=SEASONS[word])
    month, style = _month(word)
    if day is None:
        return _Point(year, Precision.MONTH, month=month, month_style=style)
    if day.startswith("0") and len(day) > 1:
        raise _Invalid(DateRule.DAY_LEADING_ZERO)
    return _point(year, month, int(day), style)


def _point(year: int, month: int, day: int, month_style: str | None = None) -> _Point:
    if not 1 <= day <= days_in_month(year, month):
        raise _Invalid(DateRule.NO_SUCH_DAY)
    return _Point(year, Precision.DAY, month=month, day=day, month_style=month_style)


def _year(digits: str, today: dt.date) -> int:
    year = int(digits)
    if year < 100:
        raise _Invalid(DateRule.BEFORE_AD_100)
    if year > today.year + 1:
        raise _Invalid(DateRule.YEAR_TOO_LATE)
    return year


def _month(word: str) -> tuple[int, str]:
    if word in _MONTH_NUMBERS:
        return _MONTH_NUMBERS[word]
    if word.capitalize() in _MONTH_NUMBERS or word.capitalize() in SEASONS:
        raise _Invalid(DateRule.MONTH_CAPITALISATION)
    raise _Invalid(DateRule.MONTH_NAME if word[0].isupper() else DateRule.UNRECOGNISED)


def _result(
    text: str,
    start: _Point,
    end: _Point,
    *,
    date_format: DateFormat | None = None,
    circa: bool = False,
    disambiguator: str | None = None,
) -> ParsedDate:
    is_range = start != end
    earliest, _ = start.bounds()
    _, latest = end.bounds(closes_range=is_range)
    iso = f"{start.iso()}/{end.iso()}" if start.iso() != end.iso() else start.iso()
    return ParsedDate(
        text=text,
        valid=True,
        precision=start.precision,
        is_range=is_range,
        earliest=earliest,
        latest=latest,
        format=date_format,
        circa=circa,
        disambiguator=disambiguator,
        iso=iso,
    )
