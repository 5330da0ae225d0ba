"""Read the fields of a citation back from the phrases Citation Style 1 prints.

A `{{cite web}}` renders as `Last, First (20 October 2022). "Title" (PDF). Work. Publisher.
8 March 2023. Archived from the original on 9 March 2023. Retrieved 11 March 2023.` (see
Module:Citation/CS1 and `reference/interfaces.md` §3.2). Italics and links are lost in a copy,
so a lone segment after the title may be the work or the publisher: it is kept as `work`.
URLs are not in this form at all. Dates are kept as written. Every pattern here is anchored
or bounded, so a long hostile line is read in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citeaudit.model.calendar import MONTH_ABBREVIATIONS, MONTH_PATTERN

_MONTH = rf"(?:{MONTH_PATTERN}|{'|'.join(MONTH_ABBREVIATIONS)})\.?"
_SEASON = r"(?:Spring|Summer|Autumn|Fall|Winter)"
_DAY = r"\d{1,2}"
_YEAR = r"\d{4}[a-z]?"
_DASH = r"\s?[–—-]\s?"
DATE = (
    rf"(?:{_DAY}(?:{_DASH}{_DAY})? {_MONTH}(?:{_DASH}{_DAY} {_MONTH})? {_YEAR}"
    rf"|{_MONTH} {_DAY}(?:{_DASH}(?:{_MONTH} )?{_DAY})?, {_YEAR}"
    rf"|(?:{_MONTH}|{_SEASON}|Christmas)(?:{_DASH}(?:{_MONTH}|{_SEASON}))? {_YEAR}"
    rf"(?:{_DASH}(?:(?:{_MONTH}|{_SEASON}) )?\d{{2,4}})?"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|(?:c\. )?{_YEAR}(?:{_DASH}\d{{2,4}})?"
    r"|n\.d\.)"
)
_DATE_SEGMENT = re.compile(rf"({DATE})\.?")
_RETRIEVED = re.compile(rf"[Rr]etrieved (?:on )?({DATE})")
_ARCHIVED = re.compile(
    rf"Archived(?: \(\w{{1,8}}\))? from the original(?: \(\w{{1,8}}\))?(?: on ({DATE}))?"
)
_WEBARCHIVE = re.compile(rf"(?:.{{0,300}} )?Archived ({DATE}),? at (?:the )?\S.{{0,200}}")
_VIA = re.compile(r"(.*?)\s[–—-]\s?via (.{1,200}?)\.?")
_PARENTHESIS = re.compile(r"\s*\(([^()]{1,60})\)")
_TRANS_TITLE = re.compile(r"\s*\[[^\[\]]{1,500}\]")
_AUTHOR_DATE = re.compile(rf"(.*?)\s*\(({DATE})\)[.,]?\s*$")
_IDENTIFIER = re.compile(
    r"(ISBN|ISSN|OCLC|PMID|PMC|JSTOR|S2CID|LCCN|Bibcode|doi|hdl|arXiv)[:\s]\s?(\S{1,80}?)\.?$"
)
_PAGES = re.compile(r"(?:pp?|Vol|vol|No|no)\.\s?\S|\d+ \(\d+\)|\d+: \d")
_FORMATS = frozenset(
    "pdf doc docx xls xlsx ppt pptx rtf txt epub djvu video audio mp3 mp4 podcast html".split()
)
_SHORT_CITATION = re.compile(r"([^\"“”()]{1,120}?) \d{4}[a-z]?(?:, pp?\.\s?\S{1,40})?\.?")
_NAME_JOINERS = frozenset(
    {"&", "and", "et", "al.", "al", "van", "von", "de", "der", "den", "da", "di", "du", "la", "le"}
)
_PHRASE_STARTS = ("Retrieved ", "Archived ")
_YEAR_ONLY = re.compile(r"\d{4}[a-z]?")
_MONTH_DAY_END = re.compile(rf"{_MONTH} {_DAY}(?:{_DASH}{_DAY})?$")
_INITIALS = re.compile(r"(?:[A-Za-z]{1,2}\.)*[A-Za-z]{1,2}")


@dataclass
class CitationFields:
    """What a rendered citation says, each field as printed (None when it is not there).

    The names are `Reference`'s, so that the fields are copied onto a reference by name.
    """

    kind: str = "text"
    title: str | None = None
    work: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    access_date: str | None = None
    archive_date: str | None = None
    format: str | None = None
    language: str | None = None
    via: str | None = None
    identifiers: dict[str, str] = field(default_factory=dict)


def parse_citation(text: str) -> CitationFields:
    """The fields of one rendered citation (the text after the back-links).

    A quoted title (straight or curly quotes) anchors the reading: what stands before it is
    the authors and, in parentheses, the date; what follows is format and language in
    parentheses, then the work, publisher, date, archive and retrieval phrases. Without a
    quoted title, `Author (Date). Title. ...` is read as a book; a note in plain prose gives
    no title.
    """
    fields = CitationFields()
    text = " ".join(text.split())
    quoted = _find_quoted_title(text)
    if quoted is not None:
        start, end = quoted
        fields.title = text[start + 1 : end].strip() or None
        _read_authors(text[:start], fields)
        if text.startswith(",", end + 1):
            # Citation Style 2 (`{{citation}}`) separates its elements with commas.
            _read_tail(_cs2_segments(text[end + 2 :]), fields, allow_middle=True)
            return fields
        rest = _read_title_suffixes(text[end + 1 :], fields)
    else:
        author_date = _split_author_date(text)
        if author_date is None:
            _read_unquoted(text, fields)
            return fields
        authors, date, rest = author_date
        _read_authors(f"{authors} ({date}).", fields)
        segments = _segments(rest)
        if segments:
            fields.title = segments.pop(0)
        _read_tail(segments, fields, allow_middle=True, book=True)
        return fields
    _read_tail(_segments(rest), fields, allow_middle=True)
    return fields


def _read_unquoted(text: str, fields: CitationFields) -> None:
    """A citation without quoted title or `Author (Date).`: a short citation (`Smith 2001,
    p. 5.`), a title followed by phrases (`Title. Publisher. Retrieved ...`), or prose."""
    short = _SHORT_CITATION.fullmatch(text)
    if short and all(
        word[:1].isupper() or word in _NAME_JOINERS for word in short.group(1).split()
    ):
        fields.kind = "short"
        return
    segments = _segments(text)
    if len(segments) > 1 and any(
        _read_phrase(segment, CitationFields()) for segment in segments[1:]
    ):
        fields.title = segments.pop(0)
        _read_tail(segments, fields, allow_middle=True, book=True)
    else:
        _read_tail(segments, fields, allow_middle=False)


def _find_quoted_title(text: str) -> tuple[int, int] | None:
    """The positions of the quotes around the title: the first quote whose closing quote is
    followed by the end, `.`, `,`, ` (` or ` [` (or is preceded by `?`/`!`)."""
    for opener, closer in (('"', '"'), ("“", "”")):
        start = text.find(opener)
        if start < 0:
            continue
        end = text.find(closer, start + 1)
        while end >= 0:
            after = text[end + 1 : end + 3]
            if (
                after == ""
                or after[0] in ".,"
                or after in (" (", " [")
                or (text[end - 1] in "?!" and after[:1] == " ")
            ):
                return start, end
            end = text.find(closer, end + 1)
    return None


def _split_author_date(text: str) -> tuple[str, str, str] | None:
    """`Smith, John (2010). Rest` -> (`Smith, John`, `2010`, `Rest`)."""
    match = re.search(rf"\(({DATE})\)\.\s", text[:400])
    if match is None or match.start() == 0:
        return None
    return text[: match.start()].strip(), match.group(1), text[match.end() :]


def _read_authors(before_title: str, fields: CitationFields) -> None:
    text = before_title.strip()
    if not text:
        return
    match = _AUTHOR_DATE.fullmatch(text)
    if match:
        text, fields.date = match.group(1).strip(), match.group(2)
    if text.endswith(".") and not _ends_with_initial(text):
        text = text[:-1]
    for author in text.split(";"):
        author = author.strip()
        if author and author.lower() not in ("et al.", "et al"):
            fields.authors.append(author)


def _read_title_suffixes(after_title: str, fields: CitationFields) -> str:
    """Format and language in parentheses and a translated title in brackets right after the
    title; returns what follows them."""
    rest = after_title
    while True:
        rest = rest.lstrip(".,")
        if match := _TRANS_TITLE.match(rest):
            rest = rest[match.end() :]
            continue
        match = _PARENTHESIS.match(rest)
        if not match:
            return rest
        inside = match.group(1).strip()
        if inside.startswith("in "):
            fields.language = inside[3:]
        elif inside.lower() in _FORMATS:
            fields.format = inside
        else:
            return rest
        rest = rest[match.end() :]


def _read_tail(
    segments: list[str], fields: CitationFields, allow_middle: bool, book: bool = False
) -> None:
    """Work and publisher (the segments before any date or phrase), then the phrases.

    An unquoted (italic) title is a book's, and the segment after it is the publisher.
    """
    middle: list[str] = []
    in_middle = allow_middle
    for segment in segments:
        via = _VIA.fullmatch(segment)
        if via:
            segment, fields.via = via.group(1).strip(), via.group(2).strip()
        if _read_phrase(segment, fields):
            in_middle = False
        elif in_middle and segment and not _PAGES.match(segment):
            middle.append(segment)
    if middle and book:
        fields.publisher = ". ".join(middle)
    elif middle:
        fields.work = middle[0]
        fields.publisher = ". ".join(middle[1:]) or None


def _read_phrase(segment: str, fields: CitationFields) -> bool:
    """Read one date, archive, retrieval or identifier segment; False if it is none of them."""
    if match := _RETRIEVED.fullmatch(segment.rstrip(".")):
        fields.access_date = match.group(1)
    elif match := _ARCHIVED.fullmatch(segment.rstrip(".")):
        fields.archive_date = match.group(1) or fields.archive_date
    elif match := _WEBARCHIVE.fullmatch(segment.rstrip(".")):
        fields.archive_date = match.group(1)
    elif match := _DATE_SEGMENT.fullmatch(segment):
        if fields.date is None:
            fields.date = match.group(1)
    elif match := _IDENTIFIER.fullmatch(segment):
        fields.identifiers[match.group(1).lower()] = match.group(2)
    else:
        return False
    return True


def _segments(text: str) -> list[str]:
    """Split at `. ` where the period ends a segment, not an initial or an abbreviation
    (`U.S. Department of State`, `Anthony J. Blinken` stay whole)."""
    segments: list[str] = []
    start = 0
    position = text.find(". ")
    while position >= 0:
        if text.startswith(_PHRASE_STARTS, position + 2) or not _ends_with_initial(text, position):
            segments.append(text[start:position].strip())
            start = position + 2
        position = text.find(". ", position + 2)
    segments.append(text[start:].strip().rstrip("."))
    return [segment for segment in segments if segment]


def _cs2_segments(text: str) -> list[str]:
    """Split at `, `, joining `May 1` and `2020` back into one date."""
    segments: list[str] = []
    for part in text.strip().rstrip(".").split(", "):
        if segments and _YEAR_ONLY.fullmatch(part) and _MONTH_DAY_END.search(segments[-1]):
            segments[-1] = f"{segments[-1]}, {part}"
        else:
            segments.append(part.strip())
    return [segment for segment in segments if segment]


def _ends_with_initial(text: str, period: int | None = None) -> bool:
    """Whether the period at `period` (default: the last character) closes an initial or a
    dotted abbreviation (`J.`, `U.S.`). Looks back over one word only."""
    period = len(text) - 1 if period is None else period
    word_start = period
    while word_start > 0 and text[word_start - 1] not in " (":
        word_start -= 1
    word = text[word_start:period]
    return bool(word) and _INITIALS.fullmatch(word) is not None
