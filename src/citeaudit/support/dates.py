"""Find and normalise dates in running text of several languages, for claim support.

A claim's "8 March 2023" must match a source's "March 8, 2023", "2023-03-08", "08.03.2023",
"8. März 2023", "8 mars 2023", "8 de marzo de 2023" or "8 марта 2023". `find_dates` scans text
for dates with a day, a month and a year (ISO `YYYY-MM-DD`), month and year (`YYYY-MM`), day and
month without a year (`--MM-DD`), a month alone (`--MM`: "released in December"), bare years
(`YYYY`; both years of a season, "the 2019–20 season"), decades (`YYY`: "the 1990s") and
centuries from the 16th, as years are read from 1500 (`YY`: "the 19th century" is `18`, the
opening of its years), with their spans so that a caller can tell a date's digits from other
numbers. `parse_date` reads one stated value (a meta tag, a citation's `date=`) into the most
precise ISO form it holds.

Slashed dates (`03/08/2023`) are ambiguous between day-first and month-first: both readings are
kept, because a source that contains either reading cannot be said to lack the date.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from citeaudit.model.calendar import MONTH_ABBREVIATIONS
from citeaudit.model.calendar import MONTHS as ENGLISH_MONTHS

_OTHER_LANGUAGES: dict[int, tuple[str, ...]] = {
    1: (
        "januar",
        "jänner",
        "janvier",
        "enero",
        "gennaio",
        "janeiro",
        "januari",
        "январь",
        "января",
        "stycznia",
        "styczeń",
        "қаңтар",
    ),
    2: (
        "februar",
        "février",
        "fevrier",
        "febrero",
        "febbraio",
        "fevereiro",
        "februari",
        "февраль",
        "февраля",
        "lutego",
        "luty",
        "ақпан",
    ),
    3: (
        "märz",
        "marz",
        "mars",
        "marzo",
        "março",
        "marco",
        "maart",
        "март",
        "марта",
        "marca",
        "marzec",
        "наурыз",
    ),
    4: (
        "avril",
        "abril",
        "aprile",
        "апрель",
        "апреля",
        "kwietnia",
        "kwiecień",
        "сәуір",
    ),
    5: ("may", "mai", "mayo", "maggio", "maio", "mei", "май", "мая", "maja", "maj", "мамыр"),
    6: (
        "juni",
        "juin",
        "junio",
        "giugno",
        "junho",
        "июнь",
        "июня",
        "czerwca",
        "czerwiec",
        "маусым",
    ),
    7: (
        "juli",
        "juillet",
        "julio",
        "luglio",
        "julho",
        "июль",
        "июля",
        "lipca",
        "lipiec",
        "шілде",
    ),
    8: (
        "août",
        "aout",
        "agosto",
        "augustus",
        "август",
        "августа",
        "sierpnia",
        "sierpień",
        "тамыз",
    ),
    9: (
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "setembro",
        "сентябрь",
        "сентября",
        "września",
        "wrzesień",
        "қыркүйек",
    ),
    10: (
        "oktober",
        "octobre",
        "octubre",
        "ottobre",
        "outubro",
        "октябрь",
        "октября",
        "października",
        "październik",
        "қазан",
    ),
    11: (
        "novembre",
        "noviembre",
        "novembro",
        "ноябрь",
        "ноября",
        "listopada",
        "listopad",
        "қараша",
    ),
    12: (
        "dezember",
        "décembre",
        "decembre",
        "diciembre",
        "dicembre",
        "dezembro",
        "декабрь",
        "декабря",
        "grudnia",
        "grudzień",
        "желтоқсан",
    ),
}


def _english_names(number: int) -> list[str]:
    full = ENGLISH_MONTHS[number - 1]
    return [name.lower() for name in (full, *MONTH_ABBREVIATIONS) if full.startswith(name)]


_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    number: tuple(dict.fromkeys([*_english_names(number), *names]))
    for number, names in _OTHER_LANGUAGES.items()
}
"""Every name of each month: English from the project's calendar, then the other languages."""

MONTHS: dict[str, int] = {name: number for number, names in _MONTH_NAMES.items() for name in names}
"""Month names (lower case) of the languages we read, to the month's number."""

_MONTH = "(?P<{}>" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|e|º|\.)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_LINK = r"(?:\s+(?:de|del|of))?"  # "8 de marzo de 2023", "8th of March"
# A month name opens a date only before a number: checking that first with a cheap character
# class spares trying every month name at every word of a long page.
_BEFORE_NUMBER = r"(?=[^\W\d_]{3,12}\.?,?\s+(?:(?:de|del|of)\s+)?\d)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (precision, re.compile(pattern, re.IGNORECASE))
    for precision, pattern in (
        (
            "iso",
            r"\b(?P<year>1[5-9]\d\d|20\d\d)[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)(?!\d)",
        ),
        ("dmy", rf"\b{_DAY}{_LINK}\s+{_MONTH.format('month')}{_LINK},?\s+{_YEAR}\b"),
        ("mdy", rf"\b{_BEFORE_NUMBER}{_MONTH.format('month')}\s+{_DAY},?\s+{_YEAR}\b"),
        ("dotted", r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>1[5-9]\d\d|20\d\d)\b"),
        ("slashed", r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>1[5-9]\d\d|20\d\d)\b"),
        ("my", rf"\b{_BEFORE_NUMBER}{_MONTH.format('month')}{_LINK},?\s+{_YEAR}\b"),
        ("dm", rf"\b{_DAY}{_LINK}\s+{_MONTH.format('month')}(?!\w)"),
        ("md", rf"\b{_BEFORE_NUMBER}{_MONTH.format('month')}\s+{_DAY}(?!\w)"),
        ("season", r"\b(?P<year>1[5-9]\d\d|20\d\d)[–-](?P<next>\d\d)\b(?![–-]?\d)"),
        ("decade", r"\b(?P<decade>1[5-9]\d|20\d)0['’]?s\b"),
        ("century", r"\b(?P<century>1[6-9]|2[01])(?:st|nd|rd|th)[- ]century\b"),
        ("year", rf"\b{_YEAR}\b"),
    )
) + (
    # A month alone ("passed in May", "until mid-September"): a capitalised full English name
    # after a preposition, since "May" and "March" open sentences as ordinary words too (and
    # "April", "June" and "August" are given names), and other languages write months in lower
    # case. The other months are months wherever they stand ("Harper's October issue").
    (
        "month",
        re.compile(
            r"(?:\b(?i:in|of|since|until|till|by|from|through|to|during|before|after|early|late|"
            r"last|next|this|that|every|each|between|and)\s+|\b(?i:mid)-"
            r"|\b(?=(?:January|February|September|October|November|December)\b))"
            r"(?P<month>" + "|".join(ENGLISH_MONTHS) + r")\b(?!\s*\d)"
        ),
    ),
)

# Month names that are also ordinary words ("we may", "mar the view"): months only when capitalised.
_AMBIGUOUS_SHORT = frozenset({"mar", "may", "mai", "maj", "jun", "jul", "sep", "oct", "dec", "mei"})


@dataclass(frozen=True)
class DateMention:
    """One date found in text: its span, what was written and its ISO key.

    `key` is `YYYY-MM-DD`, `YYYY-MM`, `--MM-DD` (day and month, no year), `--MM` (a month
    alone) or `YYYY`.
    """

    start: int
    end: int
    text: str
    key: str


def find_dates(text: str) -> list[DateMention]:
    """Every date in `text`, the most precise reading of each span first, in text order.

    A span already read as a fuller date is not read again as a shorter one: in "8 March 2023"
    the year 2023 is not a separate mention.
    """
    has_digit = re.search(r"\d", text) is not None
    taken = bytearray(len(text))
    mentions: list[DateMention] = []
    for precision, pattern in _PATTERNS:
        if precision != "month" and not has_digit:
            continue
        for match in pattern.finditer(text):
            # A lone month's span is the month's name, not the preposition before it.
            start, end = match.span("month" if precision == "month" else 0)
            if any(taken[start:end]):
                continue
            keys = _keys(precision, match)
            if not keys:
                continue
            taken[start:end] = b"\x01" * (end - start)
            mentions.extend(DateMention(start, end, text[start:end], key) for key in keys)
    mentions.sort(key=lambda mention: mention.start)
    return mentions


def parse_date(value: str) -> str | None:
    """The most precise ISO date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) stated in one value.

    Meant for metadata and citation fields ("2023-03-08T10:00:00+01:00", "8 March 2023",
    "March 2023", "2023"); returns None when no date with a year is found.
    """
    best: str | None = None
    for mention in find_dates(value.strip()):
        if mention.key.startswith("--") or len(mention.key) < len("YYYY"):
            continue  # no year: a month, a day, a decade or a century
        if best is None or len(mention.key) > len(best):
            best = mention.key
    return best


def _keys(precision: str, match: re.Match[str]) -> list[str]:
    groups = match.groupdict()
    year = groups.get("year")
    if precision == "year":
        return [year] if year else []
    if precision == "season" and year:
        # "The 2019–20 season" spans two years; "2019-24" is no season.
        following = int(year) + 1
        return [year, str(following)] if int(groups["next"]) == following % 100 else []
    if precision == "decade":
        return [groups["decade"]]
    if precision == "century":
        return [f"{int(groups['century']) - 1:02d}"]
    if precision == "slashed":
        first, second = int(groups["a"]), int(groups["b"])
        readings = {_iso(int(year or 0), second, first), _iso(int(year or 0), first, second)}
        return sorted(key for key in readings if key)
    if "month" in groups and groups["month"] is not None and not groups["month"].isdigit():
        word = groups["month"].lower()
        if word in _AMBIGUOUS_SHORT and not groups["month"][0].isupper():
            return []
        month = MONTHS[_fold_month(word)]
    else:
        month = int(groups["month"])
    if precision == "month":
        return [f"--{month:02d}"]
    if precision == "my":
        return [f"{int(year or 0):04d}-{month:02d}"] if 1 <= month <= 12 else []
    day = int(groups["day"])
    if precision in {"dm", "md"}:
        return [f"--{month:02d}-{day:02d}"] if _valid(2000, month, day) else []
    key = _iso(int(year or 0), month, day)
    return [key] if key else []


def _fold_month(word: str) -> str:
    if word in MONTHS:
        return word
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch)
    )
    return stripped if stripped in MONTHS else word


def _iso(year: int, month: int, day: int) -> str | None:
    return f"{year:04d}-{month:02d}-{day:02d}" if _valid(year, month, day) else None


def _valid(year: int, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    days = [
        31,
        29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ]
    return day <= days[month - 1]
