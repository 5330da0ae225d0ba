"""Split a paragraph of rendered text into sentences that know their citations.

Every parser flattens a paragraph into a list of pieces: plain text and `Marker`s (a citation
or a maintenance tag standing at that point). `split_sentences` cuts the text into sentences
and gives each sentence the markers inside it or right after its final punctuation, so that in
`two decades.[1] She has` the marker `[1]` belongs to the first sentence.

A period ends a sentence only when it is followed by white space and a capital, a digit or an
opening quote. After an initial (`Anthony J. Blinken`), a dotted abbreviation (`U.S.`) or a
known abbreviation (`Inc.`, `etc.`) it ends one only when the next word is one that opens
sentences and never continues a name (`He`, `The`, `In`): "moved to the U.S. He liked it" is two
sentences, "the U.S. Department of State" one. After a title that stands before a name (`Dr.`,
`St.`) or an abbreviation that stands before a number (`No.`, `c.`) it never does. A word with
a digit in it is no abbreviation: decades and years end sentences ("in the 1900s. It grew").
A piece that would be a one-word sentence (`Ar. Rukh. Khak.`) is joined to the sentence before
it. A citation marker right after the punctuation is strong evidence of an end, and overrides
the abbreviation rules.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

_MARKER_BASE = 0xE000  # Unicode private use area: never in article text we keep
_MARKER_LIMIT = 0xF8FF
_MARKER_CAPACITY = _MARKER_LIMIT - _MARKER_BASE + 1
_PRIVATE_USE = re.compile(f"[{chr(_MARKER_BASE)}-{chr(_MARKER_LIMIT)}]")

PREFIX_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof st sen rep gov gen col lt sgt capt maj cmdr adm rev hon fr mt
    vs cf viz approx ca c fl
    no nos vol vols p pp ch chap sec fig figs ed eds trans repr
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
"""Abbreviations that stand before what they qualify (a name, a number, a date): never an end."""
ABBREVIATIONS = PREFIX_ABBREVIATIONS | frozenset(
    """
    jr sr inc ltd co corp bros plc llc dept univ assn est etc al eg ie a.m p.m
    """.split()
)
SENTENCE_OPENERS = frozenset(
    """
    a an the this that these those there here it its he she his her they their them we our
    i you your in on at by for from with after before during since until when while where
    although though however but and yet so also then thus today later meanwhile moreover
    furthermore nevertheless despite as if because both each every many most some several
    other others such one two three four five six seven eight nine ten
    """.split()
)
"""Capitalised words that open sentences and do not continue a name or a title: after an
initial or an abbreviation they mark an end ("the U.S. He", "&mut T. A mutable reference")."""

_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«([¿¡"


@dataclass(frozen=True)
class Marker:
    """Something that stands at a point of the text: a citation (`kind="ref"`) or a tag."""

    kind: str
    value: str
    page: str | None = None


@dataclass
class SentenceDraft:
    """A sentence's text and the markers that belong to it, in order."""

    text: str
    markers: list[Marker] = field(default_factory=list)


def split_sentences(pieces: list[str | Marker]) -> list[SentenceDraft]:
    """Split the pieces of one paragraph into sentences; empty text gives no sentence.

    Markers that stand before any text (a paragraph that opens with a citation) go to the
    first sentence; markers after the last sentence go to the last one. A paragraph with more
    markers than the private use area holds (thousands: only hostile input has them) is split
    in runs of that many markers, each run a paragraph of its own.
    """
    if sum(isinstance(piece, Marker) for piece in pieces) <= _MARKER_CAPACITY:
        return _split_run(pieces)
    drafts: list[SentenceDraft] = []
    start, markers = 0, 0
    for index, piece in enumerate(pieces):
        if isinstance(piece, Marker):
            markers += 1
            if markers == _MARKER_CAPACITY:
                drafts += _split_run(pieces[start : index + 1])
                start, markers = index + 1, 0
    return drafts + _split_run(pieces[start:])


def _split_run(pieces: list[str | Marker]) -> list[SentenceDraft]:
    markers: list[Marker] = []
    chars: list[str] = []
    for piece in pieces:
        if isinstance(piece, Marker):
            chars.append(chr(_MARKER_BASE + len(markers)))
            markers.append(piece)
        else:
            chars.append(_strip_private_use(piece))
    text = "".join(chars)
    spans = _sentence_spans(text)
    drafts: list[SentenceDraft] = []
    pending: list[Marker] = []
    for start, end in spans:
        chunk = text[start:end]
        own = [markers[ord(ch) - _MARKER_BASE] for ch in _PRIVATE_USE.findall(chunk)]
        words = _clean(chunk)
        if not words:
            pending.extend(own)
            continue
        drafts.append(SentenceDraft(words, pending + own))
        pending = []
    if pending:
        if drafts:
            drafts[-1].markers.extend(pending)
        # markers in a paragraph with no text at all stay unattached: the caller records them
        # as uses outside any sentence.
    return _join_one_word_sentences(drafts)


def unattached_markers(pieces: list[str | Marker]) -> list[Marker]:
    """The markers of a paragraph that has no sentence text at all."""
    has_text = any(isinstance(p, str) and p.strip() for p in pieces)
    return [] if has_text else [p for p in pieces if isinstance(p, Marker)]


_PRIVATE_USE = re.compile(f"[{chr(_MARKER_BASE)}-{chr(_MARKER_LIMIT)}]")


def _strip_private_use(text: str) -> str:
    return _PRIVATE_USE.sub("", text)


def _is_marker(ch: str) -> bool:
    return _MARKER_BASE <= ord(ch) <= _MARKER_LIMIT


def _clean(chunk: str) -> str:
    return " ".join(_strip_private_use(chunk).split())


_TERMINAL = re.compile(r"[.!?…]+")


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _TERMINAL.finditer(text):
        end = match.end()
        while end < len(text) and text[end] in _CLOSERS:
            end += 1
        after_markers = end
        while after_markers < len(text) and (
            _is_marker(text[after_markers]) or text[after_markers] in " \u00a0"
        ):
            after_markers += 1
        has_marker = any(_is_marker(ch) for ch in text[end:after_markers])
        if after_markers == end and after_markers < len(text):
            continue  # no space after the punctuation: "3.5", "U.S.A", "example.com"
        if after_markers < len(text) and not _starts_sentence(text[after_markers]):
            continue
        closed = end > match.end()  # `"no." Then`: a closing quote ends an abbreviation's doubt
        if match.group() == "." and not (has_marker or closed):
            kind = _abbreviation(text, match.start())
            if kind is _Abbreviation.PREFIX:
                continue
            if kind is _Abbreviation.FINAL and not _opens_sentence(text, after_markers):
                continue
        boundary = _last_marker_end(text, end, after_markers)
        spans.append((start, boundary))
        start = boundary
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _last_marker_end(text: str, end: int, after: int) -> int:
    boundary = end
    for index in range(end, after):
        if _is_marker(text[index]):
            boundary = index + 1
    return boundary


def _starts_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in _OPENERS or _is_marker(ch)


class _Abbreviation(enum.Enum):
    """What the word before a period is, as far as ending a sentence goes."""

    PREFIX = "prefix"
    """Stands before a name or a number (`Dr.`, `No.`): the period never ends a sentence."""
    FINAL = "final"
    """An initial or an abbreviation that can close a sentence (`J.`, `U.S.`, `etc.`)."""


def _abbreviation(text: str, period: int) -> _Abbreviation | None:
    word_start = period
    while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:period]
    if not word or not word.replace(".", "").isalpha():
        return None  # "1900s.", "2005.", "3rd.": numbers end sentences
    if word.lower() in PREFIX_ABBREVIATIONS and (len(word) > 1 or word.islower()):
        return _Abbreviation.PREFIX  # "c. 1900", "p. 5"; but "Plan C." is an initial
    if len(word) == 1 and word.isalpha():
        return _Abbreviation.FINAL  # an initial: "J. Blinken", "e. coli"
    if "." in word or word.lower() in ABBREVIATIONS:
        return _Abbreviation.FINAL  # a dotted abbreviation: "U.S.", "e.g."; "Inc.", "etc."
    return None


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` is one that opens sentences (`He`, `The`), not a name."""
    end = start
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[start:end].lower() in SENTENCE_OPENERS


def _join_one_word_sentences(drafts: list[SentenceDraft]) -> list[SentenceDraft]:
    joined: list[SentenceDraft] = []
    for draft in drafts:
        if joined and _is_one_word(draft.text) and joined[-1].text.endswith("."):
            previous = joined[-1]
            previous.text = f"{previous.text} {draft.text}"
            previous.markers.extend(draft.markers)
        else:
            joined.append(draft)
    return joined


def _is_one_word(text: str) -> bool:
    return " " not in text and text[:1].isalpha()
