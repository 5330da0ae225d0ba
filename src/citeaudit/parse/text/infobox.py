"""The infobox of a copied article: short label-value lines between the title and the lead.

A browser copies an infobox row with its label glued to its value and no separator
(`NationalityKazakhstani`, `Born (1962-03-23) 23 March 1962 (age 62)`), or with a tab
between them. The rows are told from the lead by their shape: the lines before the first
line of prose, all of them short. Labels are split off by a list of the labels infoboxes
print, then by the glue itself (a lower-case letter followed by a capital or a digit).
"""

from __future__ import annotations

import re

KNOWN_LABELS = sorted(
    (
        item.strip()
        for item in """
    Born|Died|Resting place|Nationality|Citizenship|Occupation|Occupations|Years active|Awards
    |Honours|Honors|Spouse|Spouses|Spouse(s)|Partner|Partners|Partner(s)|Children|Parents
    |Parent(s)|Relatives|Education|Alma mater|Known for|Notable work|Notable works|Political party
    |Other political affiliations|Website|Official website|Organization|Organisation|Employer
    |Title|Height|Residence|Office|Preceded by|Succeeded by|Genres|Genre|Instruments|Instrument(s)
    |Labels|Native name|Other names|Also known as|Movement|Religion|Signature|Founded|Founder
    |Founders|Headquarters|Type|Location|Country|Population|Area|Language|Languages|Developer
    |Designed by|First appeared|Stable release|Typing discipline|License|Filename extensions
    |Paradigms|Paradigm|Family|Influenced by|Influenced|Allegiance|Branch|Service|Rank|Battles/wars
    |Criminal charge|Criminal penalty|Criminal status|Conviction(s)|Pronunciation|Institutions
    |Fields|Thesis|Doctoral advisor|Doctoral students|Political positions|Profession|Term
    |President|Prime Minister|Monarch|Deputy|Constituency|Majority|Memberships|Member of
    """.split("|")
    ),
    key=len,
    reverse=True,
)


def _by_first_letters(labels: list[str]) -> dict[str, list[str]]:
    """The labels by their first three letters, longest first (all are four letters or more)."""
    grouped: dict[str, list[str]] = {}
    for label in labels:
        grouped.setdefault(label[:3], []).append(label)
    return grouped


_LABELS_BY_START = _by_first_letters(KNOWN_LABELS)


def _known_label(text: str) -> str | None:
    """The longest known label `text` starts with (whatever follows it)."""
    for label in _LABELS_BY_START.get(text[:3], ()):
        if text.startswith(label) and len(text) > len(label):
            return label
    return None


_GLUE = re.compile(r"[a-z)][A-Z0-9(]")
_PROSE_END = re.compile(r"[.!?][\"'”’)]*(?:\[[^\[\]]{1,60}\])*$")
_HATNOTE = re.compile(
    r"For (?:other|the) |This article is about |Not to be confused with |Main articles?: "
    r"|See also: |Further information: |\"[^\"]{1,200}\" (?:and \"[^\"]{1,200}\" )?redirects? here"
)
MAX_ROW_LENGTH = 200


def is_prose(text: str) -> bool:
    """A line of running text: long, or a sentence of a few words."""
    words = len(text.split())
    return words >= 12 or (words >= 4 and _PROSE_END.search(text[-400:]) is not None)


def is_glued_row(text: str) -> bool:
    """A known label glued to its value (`Known forFounding ...`) or followed by a tab: a row
    however long its value, since prose never reads so."""
    label = _known_label(text)
    if label is None:
        return False
    following = text[len(label)]
    return following == "\t" or following.isupper() or following.isdigit()


def is_hatnote(text: str) -> bool:
    """An italic note above the lead or a section ("For other uses, see ...")."""
    return _HATNOTE.match(text) is not None


def looks_like_infobox(rows: list[str]) -> bool:
    """Short lines before the lead make an infobox when there are several or one has a label."""
    if not rows or any(len(row) > MAX_ROW_LENGTH for row in rows):
        return False
    return len(rows) >= 2 or split_row(rows[0])[0] is not None


def split_row(row: str) -> tuple[str | None, str]:
    """`NationalityKazakhstani` -> (`Nationality`, `Kazakhstani`); (None, row) without a label."""
    text = " ".join(row.replace("\u00a0", " ").split())
    if "\t" in row:
        before, _, after = row.partition("\t")
        if before.strip() and after.strip():
            return " ".join(before.split()), " ".join(after.replace("\u00a0", " ").split())
    known = _known_label(text)
    if known is not None:
        following = text[len(known)]
        if not following.islower() and following not in "'’-":
            return known, text[len(known) :].strip()
    glue = _GLUE.search(text[:40])
    if glue and len(text[: glue.start() + 1].split()) <= 4:
        return text[: glue.start() + 1], text[glue.start() + 1 :].strip()
    return None, text


def infobox_fields(rows: list[str]) -> dict[str, str]:
    """The rows as fields; rows without a label (the box's title, a native name, a caption)
    become `name` and then `subheader`, `subheader 2`, ..."""
    fields: dict[str, str] = {}
    unlabelled = 0
    for row in rows:
        label, value = split_row(row)
        if label is None:
            key = (
                "name"
                if unlabelled == 0
                else "subheader"
                if unlabelled == 1
                else f"subheader {unlabelled}"
            )
            unlabelled += 1
            label = key
        if label in fields:
            fields[label] = f"{fields[label]}; {value}"
        else:
            fields[label] = value
    return fields
