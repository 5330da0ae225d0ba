"""The checkable facts of a claim, and a source's index to look them up in.

A claim's facts are what a source must state for the claim to stand on it: numbers, dates and
years, names (capitalised spans: people, organisations, places) and quoted phrases. A
`TextIndex` holds what a piece of source text states in comparable form: folded text (case,
diacritics, Cyrillic transliterated to Latin), word tokens, number values (every plausible
reading of `1.234`, `2,5`, `1 234`, `2,5 Millionen`) and date keys (see `citeaudit.support.dates`).

Matching leans towards "found": a false "not found" sends an editor to remove a good source,
so names tolerate initials, possessives, word order and small spelling variants.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from citeaudit.support.dates import MONTHS, find_dates

ENGLISH_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my no nor not now of off on once only or other our ours out over own
    same she should so some such than that the their theirs them themselves then there these they
    this those through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself various several many much another among within
    without according reported said says including included made make became become well later
    first last new one two three years year since per into onto upon who""".split()
)
_NAME_CONNECTORS = frozenset(
    "of the for de del della da di du van von der den la le al el bin ibn y".split()
)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_TRANSLITERATION = str.maketrans(
    dict(
        zip(
            "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіїєґ",
            (
                "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya "
                "a g k n o u u h i i e g"
            )
            .replace("_", "")
            .split(" "),
            strict=True,
        )
    )
)
_COMBINING_MARKS = re.compile(
    r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
_POSSESSIVE = re.compile(r"['’ʼ]s\b")
_NOT_WORD = re.compile(r"[\W_]+")
_WRITTEN_NUMBERS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {
    Decimal(1000): "k thousand tausend mille mil тысяч тысячи тысяча тыс tys".split(),
    Decimal(10**6): "m mn million millions millionen millones milioni milhões miljoen mln миллион "
    "миллиона миллионов млн".split(),
    Decimal(10**9): "bn billion billions milliarde milliarden milliard milliards miliardi bilhões "
    "miljard миллиард миллиарда миллиардов млрд".split(),
}
_SCALE_OF = {word: scale for scale, words in _SCALES.items() for word in words}
_NUMBER = re.compile(
    r"(?<![\w.,])(?<![^\W\d_]-)(?P<int>\d{1,3}(?:(?P<sep>[,.\u00a0\u202f ])\d{3})+|\d+)"
    r"(?:[.,](?P<frac>\d+))?(?![\d])"
    r"(?:\s*(?P<scale>[^\W\d_]+))?"
)
_WRITTEN = re.compile(
    r"\b(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?P<unit>one|two|three|"
    r"four|five|six|seven|eight|nine)\b|\b(?P<word>" + "|".join(_WRITTEN_NUMBERS) + r")\b",
    re.IGNORECASE,
)
_CAPITALISED = r"(?:[A-ZÀ-ÞĀ-Ž\u0400-\u042F][\w’'\-]*\.?|[A-Z]\.)"
_NAME = re.compile(
    rf"{_CAPITALISED}(?:\s+(?:(?:{'|'.join(_NAME_CONNECTORS)})\s+){{0,2}}{_CAPITALISED})*"
)
_QUOTE = re.compile(r"[“\"«„]([^“”\"«»„]{2,200})[”\"»“]")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Fact:
    """One checkable fact of a claim: `kind` (number, date, name, quote), as written, and its key.

    For dates the key is an ISO key from `citeaudit.support.dates`; for numbers a normalised
    decimal; for names and quotes the folded text.
    """

    kind: str
    text: str
    key: str

    @property
    def is_language_neutral(self) -> bool:
        return self.kind in {"number", "date", "name"}


@dataclass
class TextIndex:
    """What a piece of source text states, in the forms facts are compared in."""

    folded: str = ""
    tokens: set[str] = field(default_factory=set)
    numbers: set[Decimal] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)

    def merge(self, other: TextIndex) -> TextIndex:
        return TextIndex(
            folded=f"{self.folded} {other.folded}",
            tokens=self.tokens | other.tokens,
            numbers=self.numbers | other.numbers,
            dates=self.dates | other.dates,
        )


def fold(text: str) -> str:
    """Text reduced for comparison: lower case, no diacritics, Latin letters, single spaces.

    Possessive endings go (`Toregozhina's` is `toregozhina`), so do punctuation and hyphens.
    """
    text = _POSSESSIVE.sub("", text).casefold()
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = _COMBINING_MARKS.sub("", decomposed).translate(_TRANSLITERATION)
    return _NOT_WORD.sub(" ", text).strip()


def index_spans(text: str, spans: Sequence[tuple[int, int]]) -> tuple[TextIndex, list[TextIndex]]:
    """Index a whole text and each of its spans (its sentences), reading numbers and dates once.

    Reading dates over the whole text, not sentence by sentence, also finds a date that a
    sentence splitter cut in two.
    """
    parts = []
    for start, end in spans:
        folded = fold(text[start:end])
        parts.append(TextIndex(folded=f" {folded} ", tokens=set(folded.split())))
    starts = [start for start, _ in spans]

    def owner(position: int) -> TextIndex | None:
        at = bisect.bisect_right(starts, position) - 1
        return parts[at] if at >= 0 and position < spans[at][1] else None

    whole = TextIndex(
        folded=" " + " ".join(part.folded.strip() for part in parts) + " ",
        tokens=set().union(*(part.tokens for part in parts)),
    )
    found: list[tuple[int, set[Decimal], set[str]]] = []
    found += [(match.start(), _readings(match), set()) for match in _NUMBER.finditer(text)]
    found += [(match.start(), {_written_value(match)}, set()) for match in _WRITTEN.finditer(text)]
    found += [(mention.start, set(), {mention.key}) for mention in find_dates(text)]
    for position, numbers, dates in found:
        for index in (whole, owner(position)):
            if index is not None:
                index.numbers |= numbers
                index.dates |= dates
    return whole, parts


def claim_facts(claim: str) -> list[Fact]:
    """The checkable facts of an English claim, in the order they are written, without repeats."""
    facts: list[Fact] = []
    date_mentions = find_dates(claim)
    taken = [(mention.start, mention.end) for mention in date_mentions]
    facts += [Fact("date", mention.text, mention.key) for mention in date_mentions]
    for match in _QUOTE.finditer(claim):
        facts.append(Fact("quote", match.group(1).strip(), fold(match.group(1))))
        taken.append(match.span())
    for match in _NUMBER.finditer(claim):
        if _overlaps(match.span(), taken):
            continue
        value = _claim_value(match)
        if value is not None:
            facts.append(Fact("number", _number_text(match), str(value)))
    for match in _WRITTEN.finditer(claim):
        value = _written_value(match)
        if value >= 2 and not _overlaps(match.span(), taken):
            facts.append(Fact("number", match.group(0), str(value)))
    facts += _names(claim, taken)
    unique: dict[tuple[str, str], Fact] = {}
    for fact in facts:
        unique.setdefault((fact.kind, fact.key), fact)
    return sorted(unique.values(), key=lambda fact: claim.find(fact.text))


def content_stems(text: str) -> set[str]:
    """The stems of a text's content words (no stopwords, no numbers), for overlap scoring."""
    return folded_stems(fold(text))


def folded_stems(folded: str) -> set[str]:
    """`content_stems` of text that is already folded."""
    return {
        stem(word)
        for word in _WORD.findall(folded)
        if len(word) > 2 and word not in ENGLISH_STOPWORDS
    }


def stem(word: str) -> str:
    """A crude English stem: enough to match `arrested`/`arrest`, `protesters`/`protests`."""
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:6]


def has_fact(
    index: TextIndex, fact: Fact, *, fuzzy: bool = False, loose_names: bool = False
) -> bool:
    """Whether indexed text states the fact.

    `fuzzy` forgives small spelling differences in names; `loose_names` takes one distinctive
    word of a name for the name (for sources in another language, where "Halvorsen Prize" is
    "Halvorsen-Preis"). A scaled number ("2.4 million") is also found as its bare figure.
    """
    if fact.kind == "number":
        return Decimal(fact.key) in index.numbers or _bare_value(fact.text) in index.numbers
    if fact.kind == "date":
        return _has_date(index.dates, fact.key)
    if fact.kind == "quote":
        return f" {fact.key} " in index.folded
    return _has_name(index, fact.key, fuzzy=fuzzy) or (
        loose_names and _has_name_word(index, fact.key)
    )


def has_kind(index: TextIndex, kind: str) -> bool:
    """Whether indexed text states any number (or date) at all: only then does lacking one count."""
    return bool(index.numbers if kind == "number" else index.dates)


def _has_date(dates: set[str], key: str) -> bool:
    if key in dates:
        return True
    if key.startswith("--"):
        return any(date.endswith(key[1:]) and len(date) == 10 for date in dates)
    if len(key) == 10:
        return f"--{key[5:]}" in dates and key[:4] in dates
    if len(key) == 7:
        return any(date.startswith(key) for date in dates) or (
            key[:4] in dates and any(date.startswith(f"--{key[5:]}") for date in dates)
        )
    return any(date.startswith(key) for date in dates)


def _has_name(index: TextIndex, key: str, *, fuzzy: bool) -> bool:
    if f" {key} " in index.folded:
        return True
    words = [word for word in key.split() if word not in _NAME_CONNECTORS and len(word) > 1]
    if not words:
        return False
    present = [
        word in index.tokens or (fuzzy and _close_token(word, index.tokens)) for word in words
    ]
    if all(present):
        return True
    # "Anthony J. Blinken" is "Blinken" once introduced: a person's surname carries the name.
    return (
        len(words) >= 2 and present[-1] and len(words[-1]) >= 4 and sum(present) * 2 >= len(words)
    )


def _has_name_word(index: TextIndex, key: str) -> bool:
    return any(
        len(word) >= 4 and word in index.tokens
        for word in key.split()
        if word not in _NAME_CONNECTORS
    )


def _bare_value(text: str) -> Decimal | None:
    match = _NUMBER.match(text)
    if not match:
        return None
    whole, fraction = re.sub(r"\D", "", match.group("int")), match.group("frac")
    return Decimal(f"{whole}.{fraction}" if fraction else whole).normalize()


def _close_token(word: str, tokens: set[str]) -> bool:
    if len(word) < 5:
        return False
    candidates = [
        token for token in tokens if token[:1] == word[:1] and abs(len(token) - len(word)) <= 2
    ]
    return bool(difflib.get_close_matches(word, candidates, n=1, cutoff=0.85))


def _names(claim: str, taken: list[tuple[int, int]]) -> list[Fact]:
    facts = []
    for match in _NAME.finditer(claim):
        if _overlaps(match.span(), taken):
            continue
        words = match.group(0).split()
        if (
            _starts_sentence(claim, match.start())
            and len(words) == 1
            and not _looks_like_name(words[0])
        ):
            # A lone capitalised word opening a sentence ("Police", "Volunteers") proves nothing.
            continue
        while words and (_is_common(words[0])):
            words = words[1:]
        while words and (_is_common(words[-1]) or words[-1].lower() in _NAME_CONNECTORS):
            words = words[:-1]
        text = _POSSESSIVE.sub("", " ".join(words)).rstrip(".,")
        key = " ".join(word for word in fold(text).split() if len(word) > 1)
        if _is_name_key(key, text):
            facts.append(Fact("name", text, key))
    return facts


def _is_name_key(key: str, text: str) -> bool:
    # Two letters make a name only as an acronym ("UN", "EU"), not as a cut-off "Ar."
    if len(key) < 3 and not (text.isupper() and text.isalpha()):
        return False
    return bool(key) and not all(word in _NAME_CONNECTORS for word in key.split())


def _looks_like_name(word: str) -> bool:
    """A word no dictionary has: `Velasco-Ibarra`, `McDonald`, `O'Brien`."""
    return bool(re.search(r"[a-z][-'’]?[A-Z]", word))


def _is_common(word: str) -> bool:
    lowered = word.lower().rstrip(".")
    return (
        lowered in ENGLISH_STOPWORDS
        or lowered in MONTHS
        or lowered in _WEEKDAYS
        or (len(lowered) == 1 and not word.endswith("."))
    )


def _starts_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip(" “\"'(«")
    return not before or before[-1] in ".!?:;"


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _claim_value(match: re.Match[str]) -> Decimal | None:
    whole = re.sub(r"\D", "", match.group("int"))
    fraction = match.group("frac")
    try:
        value = Decimal(f"{whole}.{fraction}" if fraction else whole)
    except InvalidOperation:
        return None
    scale = _SCALE_OF.get((match.group("scale") or "").lower())
    return (value * scale).normalize() if scale else value.normalize()


def _number_text(match: re.Match[str]) -> str:
    if (match.group("scale") or "").lower() in _SCALE_OF:
        return match.group(0).strip()
    end = match.end("frac") if match.group("frac") else match.end("int")
    return match.string[match.start() : end].strip()


def _readings(match: re.Match[str]) -> set[Decimal]:
    """Every value a source's number may mean: `1.234` is 1234 in German and 1.234 in English."""
    integer, separator, fraction = match.group("int"), match.group("sep"), match.group("frac")
    digits = re.sub(r"\D", "", integer)
    readings = {Decimal(digits)}
    if separator:
        groups = re.split(r"[,.\u00a0\u202f ]", integer)
        readings |= {Decimal(group) for group in groups}
        if len(groups) == 2:
            readings.add(Decimal(f"{groups[0]}.{groups[1]}"))
    if fraction:
        readings.add(Decimal(f"{digits}.{fraction}"))
        readings.add(Decimal(digits + fraction))
    scale = _SCALE_OF.get((match.group("scale") or "").lower())
    if scale:
        readings |= {value * scale for value in readings}
    return {value.normalize() for value in readings}


def _written_value(match: re.Match[str]) -> Decimal:
    if match.group("tens"):
        return Decimal(
            _WRITTEN_NUMBERS[match.group("tens").lower()]
            + _WRITTEN_NUMBERS[match.group("unit").lower()]
        )
    return Decimal(_WRITTEN_NUMBERS[match.group("word").lower()])
