"""The checkable facts of a sentence: numbers with units, dates, identifiers, names and quotes.

`facts_of(text)` reads the facts of an English sentence, each with where it stands:
- numbers with their unit or currency, written with the number or apart (`12GB`, `12 GB`,
  `$95 million`, `15 million euros`, `1.43°C`), in words (`forty-nine percent`, `a thousand`,
  `620 thousand`, `six-point-six`), each end of a range (`40 to 50 percent`), and whether the
  text hedges it (`about`, `approximately`, `more than`);
- dates down to a lone month or year (see `citeaudit.support.dates`);
- identifiers whole: codes with letters and digits (`802.11ac`, `A320neo`, `COVID-19`, `BA.2`,
  `1.8.3`) and a name with its number (`iOS 13`, `RTX 3070`, `Senate Bill 10`);
- names as whole names (capitalised spans, titles such as "Director" left out; a name of an
  organisation or place keeps all its words), a lone capitalised word at the start of the
  sentence marked `weak` (it may be an ordinary word: a source has to show it capitalised);
- quoted words.

The same reader runs over a source's sentences, so that a claim's fact and the one a source
states in its place can be compared kind for kind.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from citeaudit.support.dates import MONTHS, find_dates
from citeaudit.support.words import (
    ATTACHED_ONLY_UNITS,
    CURRENCIES,
    ENGLISH_STOPWORDS,
    UNITS,
    Token,
    TokenKind,
    fold,
    join_dotted,
    tokenize,
)


class FactKind(enum.Enum):
    """What kind of fact: the kinds a source must state as the claim states them."""

    NUMBER = "number"
    DATE = "date"
    IDENTIFIER = "identifier"
    NAME = "name"
    QUOTE = "quote"

    @property
    def is_language_neutral(self) -> bool:
        """Written the same way in any language (numbers, dates, codes, names)."""
        return self is not FactKind.QUOTE


class Bound(enum.Enum):
    """Where a hedged number's value lies: near it ("about 100", "nearly 100"), above it ("more
    than 100", "over 100") or below it ("fewer than 50", "under 50", "up to 50")."""

    NEAR = "near"
    ABOVE = "above"
    BELOW = "below"


@dataclass(frozen=True)
class Fact:
    """One checkable fact: its kind, as written, and the key it is compared by.

    For numbers the key is a normalised decimal and `unit` a unit or currency code (`%`,
    `usd`, `tb`; empty when none is written); for dates an ISO key from
    `citeaudit.support.dates`; for identifiers, names and quotes the folded text. `start` and
    `end` say where the fact stands in the text it was read from.
    """

    kind: FactKind
    text: str
    key: str
    unit: str = ""
    approximate: bool = field(default=False, compare=False)
    bound: Bound | None = field(default=None, compare=False)
    """For a hedged number, which side of it the value lies on."""
    readings: frozenset[str] = field(default=frozenset(), compare=False)
    """Other values a number's digits may mean in another language (`25.000` is 25000 in German)."""
    weak: bool = field(default=False, compare=False)
    """A name only if a source writes it capitalised (a lone word opening a sentence)."""
    is_organisation: bool = field(default=False, compare=False)
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)
    written_again: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    """Where the text writes the same fact again (`start`, `end`): a value may stand twice, once
    in its own place and once in another's ("1,700 pairs of boobies and 1,700 of frigate birds")."""

    def each_place(self) -> list[Fact]:
        """The fact as it stands at each place the text writes it."""
        return [self] + [replace(self, start=start, end=end) for start, end in self.written_again]

    @property
    def value(self) -> Decimal:
        """A number's value (numbers only)."""
        return Decimal(self.key)

    @property
    def values(self) -> set[Decimal]:
        """Every value a number may mean: its key and its other readings."""
        return {Decimal(self.key), *(Decimal(reading) for reading in self.readings)}


NAME_CONNECTORS = frozenset(
    "of the for and de del della da di du van von der den la le al el bin ibn y".split()
)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_TITLES = frozenset(
    """director governor president senator professor prof dr mr mrs ms sir dame judge justice
    minister secretary chairman chairwoman chair ceo chief executive officer mayor king queen
    prince princess duke duchess lord lady general captain detective sergeant rev reverend rabbi
    pope congressman congresswoman representative rep sen gov premier chancellor supervisor
    commissioner spokesman spokeswoman spokesperson founder editor author coach head deputy
    acting vice former late dean""".split()
)
ORGANISATION_WORDS = frozenset(
    """company corporation corp inc ltd llc plc co group university college institute school
    hospital centre center association organization organisation agency department council
    commission authority trust bank museum court party service society foundation fund board
    church ministry office administration airlines airways airport observatory station prison
    police union league network club committee federation alliance assembly bureau laboratory
    laboratories lab studios records systems technologies motors motor academy institution
    parliament senate congress government army navy force forces guild conference convention
    exhibition festival award awards prize programme program project zone zones
    initiative""".split()
)
_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
} | {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
ORDINAL_WORDS = {
    word: value
    for value, word in enumerate(
        "third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(), start=3
    )
}
"""Ordinals from "third" ("first" and "second" are too often no count: "at first", "a second
look"): "the fifth floor" is not "the third floor"."""
_NUMBER_WORDS |= ORDINAL_WORDS
_SCALE_WORDS = {
    Decimal(100): "hundred",
    Decimal(1000): "thousand k tausend mille mil тысяч тысячи тысяча тыс tys",
    Decimal(10**6): "million millions mn mln millionen mio millones milioni milhões miljoen "
    "миллион миллиона миллионов млн",
    Decimal(10**9): "billion billions bn milliarde milliarden milliard milliards mrd miliardi "
    "bilhões miljard миллиард миллиарда миллиардов млрд",
    Decimal(10**12): "trillion",
}
_SCALES = {word: scale for scale, words in _SCALE_WORDS.items() for word in words.split()}
_HEDGES = {
    **dict.fromkeys(
        """about approximately around nearly almost roughly some estimated circa approx
        close""".split(),
        Bound.NEAR,
    ),
    "over": Bound.ABOVE,
    "under": Bound.BELOW,
}
_HEDGE_PAIRS = {
    ("more", "than"): Bound.ABOVE,
    ("less", "than"): Bound.BELOW,
    ("fewer", "than"): Bound.BELOW,
    ("up", "to"): Bound.BELOW,
}
_RANGE_LINKS = frozenset({"to", "and", "-", "–", "through"})
_QUOTE = re.compile(r"[“\"«„]([^“”\"«»„]{2,200})[”\"»“]")
_NAME_ANY_CAPITAL = re.compile(r"[A-ZÀ-ÞĀ-Ž\u0400-\u042F]")
_PRONOUN_I = re.compile(r"I['’][a-z]{1,2}")
"""`I'll`, `I’m`, `I've`: the pronoun, not a name."""


def facts_of(text: str) -> list[Fact]:
    """The checkable facts of an English sentence, in the order they are first written, each once
    (with the places it is written again)."""
    tokens = tokenize(text)
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for mention in find_dates(text):
        facts.append(
            Fact(FactKind.DATE, mention.text, mention.key, start=mention.start, end=mention.end)
        )
        taken.append((mention.start, mention.end))
    for match in _QUOTE.finditer(text):
        quoted = match.group(1).strip()
        key = fold(join_dotted(quoted))
        if key:  # Quotation marks around punctuation alone quote nothing ('", "' in code).
            facts.append(Fact(FactKind.QUOTE, quoted, key, start=match.start(1), end=match.end(1)))
    identifiers = _identifiers(text, tokens, taken)
    taken += [(fact.start, fact.end) for fact in identifiers]
    numbers = _numbers(text, tokens, taken)
    taken += [(fact.start, fact.end) for fact in numbers]
    facts += identifiers + numbers + _names(text, tokens, taken)
    unique: dict[tuple[FactKind, str, str], Fact] = {}
    for fact in sorted(facts, key=lambda fact: fact.start):
        first = unique.setdefault((fact.kind, fact.key, fact.unit), fact)
        if first is not fact:
            places = (*first.written_again, (fact.start, fact.end))
            unique[(fact.kind, fact.key, fact.unit)] = replace(first, written_again=places)
    return list(unique.values())


def decimal_key(value: Decimal) -> str:
    """A number as a key: `60`, `2.5`, `240000000` (never `6E+1`)."""
    return format(value.normalize(), "f")


def _overlaps(start: int, end: int, taken: Sequence[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in taken)


# --- identifiers -------------------------------------------------------------------------


def _identifiers(text: str, tokens: list[Token], taken: list[tuple[int, int]]) -> list[Fact]:
    facts = []
    for index, token in enumerate(tokens):
        if _overlaps(token.start, token.end, taken):
            continue
        if token.kind is TokenKind.IDENTIFIER:
            facts.append(
                Fact(
                    FactKind.IDENTIFIER, token.text, token.folded, start=token.start, end=token.end
                )
            )
        elif _names_a_lettered_model(tokens, index, taken):
            letter = tokens[index + 1]
            model = f"{token.text} {letter.text}"
            facts.append(
                Fact(FactKind.IDENTIFIER, model, fold(model), start=token.start, end=letter.end)
            )
        elif _names_a_version(tokens, index, taken):
            word, number = tokens[index], tokens[index + 2]
            key = fold(f"{word.text} {number.text}")
            written = text[word.start : number.end]
            facts.append(Fact(FactKind.IDENTIFIER, written, key, start=word.start, end=number.end))
        elif _names_a_model(text, tokens, index, taken):
            number = tokens[index + 1]
            end = number.end
            text = f"{token.text} {number.text}"
            suffix = tokens[index + 2] if index + 2 < len(tokens) else None
            if suffix is not None and _is_model_suffix(suffix):
                end, text = suffix.end, f"{text} {suffix.text}"
            key = fold(text)
            facts.append(Fact(FactKind.IDENTIFIER, text, key, start=token.start, end=end))
    return facts


def _names_a_version(tokens: list[Token], index: int, taken: list[tuple[int, int]]) -> bool:
    """A capitalised word, "version" and a number: "Stunnel version 3.x" is `Stunnel 3`, and
    "Python version 3.8" is `Python 3.8`."""
    if index + 2 >= len(tokens):
        return False
    word, version, number = tokens[index : index + 3]
    return (
        word.kind is TokenKind.WORD
        and bool(_NAME_ANY_CAPITAL.search(word.text))
        and word.folded not in ENGLISH_STOPWORDS
        and version.folded == "version"
        and number.kind is TokenKind.NUMBER
        and not _overlaps(word.start, number.end, taken)
    )


def _names_a_model(
    text: str, tokens: list[Token], index: int, taken: list[tuple[int, int]]
) -> bool:
    """A capitalised word and a whole number right after it: `iOS 13`, `Proposition 4`."""
    if index + 1 >= len(tokens):
        return False
    word, number = tokens[index], tokens[index + 1]
    if word.kind is not TokenKind.WORD or number.kind is not TokenKind.NUMBER:
        return False
    if not _NAME_ANY_CAPITAL.search(word.text) or "." in number.text or "," in number.text:
        return False
    if word.folded in MONTHS or word.folded in _WEEKDAYS or word.folded in ENGLISH_STOPWORDS:
        return False
    if _overlaps(number.start, number.end, taken) or word.end == number.start:
        return False
    if re.match(r"\s*[-–]\s*\d", text[number.end :]):
        return False  # a score or a range ("Celtics 106–103"), not a model number
    after = tokens[index + 2] if index + 2 < len(tokens) else None
    # "Hull, 30": a comma is not there; "Windows 10 users": a unit or scale would be.
    return after is None or not (_unit_of(tokens, index + 2)[0] or after.folded in _SCALES)


_MODEL_LETTERS = re.compile(r"[A-HJ-Z]|[A-Z][A-Z0-9]|[IVX]{2,4}")


def _names_a_lettered_model(tokens: list[Token], index: int, taken: list[tuple[int, int]]) -> bool:
    """A capitalised word and a capital letter or two after it: `iPhone X`, `Windows XP`,
    `Louis XIV`; not the pronoun "I", not a middle initial before a surname ("John F
    Kennedy"), not the end of a longer name ("World War II")."""
    if index + 1 >= len(tokens):
        return False
    word, letters = tokens[index], tokens[index + 1]
    if word.kind is not TokenKind.WORD or letters.kind is not TokenKind.WORD:
        return False
    if not _NAME_ANY_CAPITAL.search(word.text) or not _MODEL_LETTERS.fullmatch(letters.text):
        return False
    if word.folded in MONTHS or word.folded in _WEEKDAYS or word.folded in ENGLISH_STOPWORDS:
        return False
    if _overlaps(letters.start, letters.end, taken) or letters.start - word.end != 1:
        return False
    before = tokens[index - 1] if index else None
    if (
        before is not None
        and before.kind is TokenKind.WORD
        and before.is_capitalised
        and before.folded not in ENGLISH_STOPWORDS
    ):
        return False  # the end of a longer name ("World War II", "Tesla Model S")
    after = tokens[index + 2] if index + 2 < len(tokens) else None
    return after is None or not (after.kind is TokenKind.WORD and after.is_capitalised)


def _is_model_suffix(token: Token) -> bool:
    return token.kind is TokenKind.WORD and token.text in {
        "Ti",
        "Pro",
        "Max",
        "Plus",
        "Mini",
        "SE",
        "XL",
        "Ultra",
        "Super",
        "XS",
        "Neo",
        "Lite",
    }


# --- numbers -----------------------------------------------------------------------------


@dataclass
class _Reading:
    value: Decimal
    start: int
    end: int
    next_index: int
    others: frozenset[Decimal] = frozenset()


def _digits_value(raw: str) -> tuple[Decimal, frozenset[Decimal]]:
    """A number in digits read the English way, and what else its separators may mean:
    `1.234` is 1234 in German, `2,5` is 2.5, `1 200` is 1200."""
    groups = re.split(r"[,.\u00a0\u202f ]", raw)
    separators = re.findall(r"[,.\u00a0\u202f ]", raw)
    digits = "".join(groups)
    readings = {Decimal(digits)}
    if not separators:
        return Decimal(raw), frozenset()
    last = separators[-1]
    if last == "." or (last == "," and len(groups[-1]) != 3):
        whole = "".join(groups[:-1])
        primary = Decimal(f"{whole}.{groups[-1]}")
    else:
        primary = Decimal(digits)
    if not all(len(group) == 3 for group in groups[1:]):
        readings.discard(Decimal(digits))  # "8.7" is never 87
    if len(groups) == 2:
        readings.add(Decimal(f"{groups[0]}.{groups[1]}"))
    return primary, frozenset(readings - {primary})


def _numbers(text: str, tokens: list[Token], taken: list[tuple[int, int]]) -> list[Fact]:
    facts: list[Fact] = []
    index = 0
    pending: list[Fact] = []  # the first end of a range waits for the unit of the second
    while index < len(tokens):
        token = tokens[index]
        if _overlaps(token.start, token.end, taken):
            index += 1
            continue
        if _ends_a_compound(text, tokens, index):
            index += 1
            continue
        fraction = _read_fraction(tokens, index)
        if fraction is not None:
            facts.append(_fraction_fact(text, tokens, index, fraction))
            index = fraction.next_index
            continue
        reading = _read_number(tokens, index)
        if reading is None:
            index += 1
            continue
        currency_before = _currency_before(tokens, index)
        unit, after = _unit_of(tokens, reading.next_index)
        unit = unit or currency_before
        bound = _hedge(tokens, index)
        text_end = tokens[after - 1].end if after > reading.next_index else reading.end
        start = tokens[index - 1].start if currency_before and index else reading.start
        fact = Fact(
            FactKind.NUMBER,
            text[start:text_end],
            decimal_key(reading.value),
            unit,
            bound is not None,
            bound,
            readings=frozenset(decimal_key(other) for other in reading.others),
            start=start,
            end=text_end,
        )
        if unit and pending:
            facts += [_with_unit(item, unit) for item in pending]
            pending = []
        elif pending:
            facts += pending
            pending = []
        is_range_start = not unit and _links_a_range(tokens, after)
        if is_range_start:
            pending.append(fact)
        elif _counts(fact, tokens, index):
            facts.append(fact)
        index = max(after, index + 1)
    return facts + pending


def _with_unit(fact: Fact, unit: str) -> Fact:
    return replace(fact, unit=unit)


def _counts(fact: Fact, tokens: list[Token], index: int) -> bool:
    """Whether a number is a fact worth checking: any number in digits, a written one from two."""
    return fact.unit != "" or fact.value >= 2 or tokens[index].kind is TokenKind.NUMBER


def _read_number(tokens: list[Token], index: int) -> _Reading | None:
    """A number in digits or words starting at `index`, with any scale word after it."""
    token = tokens[index]
    if token.kind is TokenKind.NUMBER:
        value, others = _digits_value(token.folded)
        reading = _Reading(value, token.start, token.end, index + 1, others)
    elif token.kind is TokenKind.WORD and (
        token.folded in _NUMBER_WORDS
        or (token.folded == "a" and _word_value(tokens, index + 1) is not None)
        or (_is_half_a(tokens, index) and _word_value(tokens, index + 2) is not None)
    ):
        words = _read_number_words(tokens, index)
        if words is None:
            return None
        reading = words
    else:
        return None
    while reading.next_index < len(tokens) and _is_scale(tokens, reading.next_index):
        scale_token = tokens[reading.next_index]
        scale = _SCALES.get(scale_token.folded) or Decimal(10**6)
        reading = _Reading(
            reading.value * scale,
            reading.start,
            scale_token.end,
            reading.next_index + 1,
            frozenset(other * scale for other in reading.others),
        )
    return reading


_FRACTIONS = {
    "half": Decimal(50),
    "halves": Decimal(50),
    "third": Decimal("33.3"),
    "thirds": Decimal("33.3"),
    "quarter": Decimal(25),
    "quarters": Decimal(25),
    "fifth": Decimal(20),
    "fifths": Decimal(20),
    "tenth": Decimal(10),
    "tenths": Decimal(10),
}
"""A part of a whole in words, as a percentage of it: "a quarter of", "two-thirds of"."""
_FRACTION_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_NOT_A_SHARE = frozenset(
    "the first second third fourth last final latter former other each every this that".split()
)
"""Words before "half" or "quarter" that make it a period or a part, not a share ("the first
half of the year", "the second quarter of 2020")."""


def _ends_a_compound(text: str, tokens: list[Token], index: int) -> bool:
    """Whether a number word ends a hyphened word ("i-Ten", "Big-Ten"): joined to a word that
    is no number ("forty-nine", "twenty-one" are numbers)."""
    token = tokens[index]
    if index == 0 or token.kind is not TokenKind.WORD or token.folded not in _NUMBER_WORDS:
        return False
    before = tokens[index - 1]
    return (
        text[before.end : token.start] == "-"
        and before.kind is TokenKind.WORD
        and before.folded not in _NUMBER_WORDS
    )


_RATIO_WHOLES = frozenset({3, 4, 5, 10, 100, 1000})


def _read_ratio(tokens: list[Token], index: int) -> _Reading | None:
    """A part of a whole written as so many in so many ("one in five children", "3 in 10
    voters"), as a percentage: it states what "20 percent of" states."""
    if index + 2 >= len(tokens) or tokens[index + 1].folded != "in":
        return None
    part, whole = _small_count(tokens[index]), _small_count(tokens[index + 2])
    if part is None or whole not in _RATIO_WHOLES or not 0 < part < whole:
        return None
    share = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))
    return _Reading(share.normalize(), tokens[index].start, tokens[index + 2].end, index + 3)


def _small_count(token: Token) -> int | None:
    """The value of a count in words or digits without a separator ("five", "10")."""
    if token.kind is TokenKind.NUMBER and token.folded.isdigit():
        return int(token.folded)
    value = _NUMBER_WORDS.get(token.folded)
    return value if token.folded not in ORDINAL_WORDS else None


def _read_fraction(tokens: list[Token], index: int) -> _Reading | None:
    """A part of a whole written in words, followed by "of" ("half of", "a quarter of",
    "two-thirds of") or a change "by" it ("rose by a fifth", "cut by half"), as a percentage:
    it states what "25 percent of" states; or as so many in so many (`_read_ratio`)."""
    if (ratio := _read_ratio(tokens, index)) is not None:
        return ratio
    if index and tokens[index - 1].folded in _NOT_A_SHARE:
        return None
    count, at = 1, index
    if tokens[index].folded in _FRACTION_COUNTS and tokens[index].folded != "half":
        count, at = _FRACTION_COUNTS[tokens[index].folded], index + 1
    if at >= len(tokens):
        return None
    after = tokens[at + 1] if at + 1 < len(tokens) else None
    # "By a third party" is no change by a third: a share by which ends its phrase.
    changed_by = (
        index > 0
        and tokens[index - 1].folded == "by"
        and (after is None or after.kind is TokenKind.BOUNDARY or after.folded in ENGLISH_STOPWORDS)
    )
    if not (changed_by or (after is not None and after.folded == "of")):
        return None
    share = _FRACTIONS.get(tokens[at].folded)
    singular = tokens[at].folded in {"half", "third", "quarter", "fifth", "tenth"}
    if share is None or (count > 1) == singular or (tokens[at].folded == "half" and count > 1):
        return None
    return _Reading(share * count, tokens[index].start, tokens[at].end, at + 1)


def _fraction_fact(text: str, tokens: list[Token], index: int, reading: _Reading) -> Fact:
    # A third is 33.3 percent only roughly: it agrees with "a third" written as "33%".
    bound = _hedge(tokens, index)
    return Fact(
        FactKind.NUMBER,
        text[reading.start : reading.end],
        decimal_key(reading.value),
        "%",
        bound is not None or reading.value % 1 != 0,
        bound,
        start=reading.start,
        end=reading.end,
    )


def _is_scale(tokens: list[Token], index: int) -> bool:
    """`million`, `bn`, `k` against the number, or `m` against an amount of money (`€2.5m`,
    `2.5m dollars`)."""
    token, before = tokens[index], tokens[index - 1]
    attached = token.start == before.end
    if token.folded in {"k", "m"}:
        money = _currency_before(tokens, _number_index(tokens, index - 1)) or _currency_word_at(
            tokens, index + 1
        )
        return attached and (token.folded == "k" or bool(money))
    return token.folded in _SCALES


def _currency_word_at(tokens: list[Token], index: int) -> bool:
    return (
        index < len(tokens)
        and tokens[index].kind is TokenKind.WORD
        and len(tokens[index].folded) > 1
        and tokens[index].folded in CURRENCIES
    )


def _number_index(tokens: list[Token], index: int) -> int:
    while index > 0 and tokens[index].kind is not TokenKind.NUMBER:
        index -= 1
    return index


def _word_value(tokens: list[Token], index: int) -> int | None:
    if index >= len(tokens) or tokens[index].kind is not TokenKind.WORD:
        return None
    folded = tokens[index].folded
    if folded in {"thousand", "million", "billion", "hundred", "dozen"}:
        return 1
    return None


def _is_half_a(tokens: list[Token], index: int) -> bool:
    return (
        index + 1 < len(tokens)
        and tokens[index].folded == "half"
        and tokens[index + 1].folded == "a"
    )


def _read_number_words(tokens: list[Token], index: int) -> _Reading | None:
    """`forty-nine`, `a thousand`, `half a million`, `one and a half`, `six-point-six`,
    `twenty four`."""
    start = tokens[index].start
    total = Decimal(0)
    position = index
    if tokens[position].folded == "a":
        total, position = Decimal(1), position + 1
    elif _is_half_a(tokens, position):
        return _Reading(Decimal("0.5"), start, tokens[position + 1].end, position + 2)
    else:
        total = Decimal(_NUMBER_WORDS[tokens[position].folded])
        position += 1
        if total >= 20 and position < len(tokens) and tokens[position].folded in _NUMBER_WORDS:
            extra = _NUMBER_WORDS[tokens[position].folded]
            if extra < 10:
                total += extra
                position += 1
    if (
        position + 2 < len(tokens)
        and tokens[position].folded == "and"
        and _is_half_a(tokens, position + 1)
    ) or (
        position + 2 < len(tokens)
        and (tokens[position].folded, tokens[position + 1].folded, tokens[position + 2].folded)
        == ("and", "a", "half")
    ):
        total += Decimal("0.5")
        position += 3
    if (
        position + 1 < len(tokens)
        and tokens[position].folded == "point"
        and tokens[position + 1].folded in _NUMBER_WORDS
    ):
        fraction = _NUMBER_WORDS[tokens[position + 1].folded]
        if fraction < 10:
            total = Decimal(f"{int(total)}.{fraction}")
            position += 2
    end = tokens[position - 1].end
    if (
        total == 1
        and tokens[index].folded == "a"
        and (position >= len(tokens) or tokens[position].folded not in _SCALES)
    ):
        return None
    return _Reading(total, start, end, position)


def _unit_of(tokens: list[Token], index: int) -> tuple[str, int]:
    """The unit or currency written right after a number, and the index after it."""
    if index >= len(tokens):
        return "", index
    token = tokens[index]
    if index + 1 < len(tokens):
        pair = f"{token.folded} {tokens[index + 1].folded}"
        if pair in UNITS:
            return UNITS[pair], index + 2
    attached = token.start == tokens[index - 1].end
    if token.folded in UNITS and (
        token.kind is TokenKind.SYMBOL
        or (len(token.folded) > 1 and token.folded not in ATTACHED_ONLY_UNITS)
        or attached
    ):
        return UNITS[token.folded], index + 1
    if token.kind is TokenKind.WORD and token.folded in CURRENCIES and len(token.folded) > 1:
        return CURRENCIES[token.folded], index + 1
    # A sign after the number ("10$", "25 €"), unless it opens the next amount ("10 $20 bills").
    opens_next = index + 1 < len(tokens) and tokens[index + 1].kind is TokenKind.NUMBER
    if token.kind is TokenKind.SYMBOL and token.folded in CURRENCIES and not opens_next:
        return CURRENCIES[token.folded], index + 1
    return "", index


def _currency_before(tokens: list[Token], index: int) -> str:
    if index == 0:
        return ""
    before = tokens[index - 1]
    if before.kind is TokenKind.SYMBOL and before.folded in CURRENCIES:
        return CURRENCIES[before.folded]
    if before.kind is TokenKind.WORD and before.folded in {"usd", "eur", "gbp", "cny", "inr"}:
        return CURRENCIES[before.folded]
    return ""


def _hedge(tokens: list[Token], index: int) -> Bound | None:
    """Where the hedge before a number puts its value (None when none does)."""
    at = index - 1
    if at >= 0 and tokens[at].kind is TokenKind.SYMBOL:
        at -= 1
    if at >= 0 and tokens[at].folded in _HEDGES:
        return _HEDGES[tokens[at].folded]
    if at >= 1:
        return _HEDGE_PAIRS.get((tokens[at - 1].folded, tokens[at].folded))
    return None


def _links_a_range(tokens: list[Token], index: int) -> bool:
    """Whether a number is the first end of a range ("40 to 50 percent")."""
    if index + 1 >= len(tokens):
        return False
    link, other = tokens[index], tokens[index + 1]
    return link.folded in _RANGE_LINKS and (
        other.kind is TokenKind.NUMBER or other.folded in _NUMBER_WORDS
    )


# --- names -------------------------------------------------------------------------------


def _names(text: str, tokens: list[Token], taken: list[tuple[int, int]]) -> list[Fact]:
    facts = []
    for span in _capitalised_spans(tokens, taken):
        parts = _split_at_and(tokens, _split_at_titles(tokens, span))
        for part in _split_person_from_body(tokens, parts):
            fact = _name_fact(text, tokens, part)
            if fact is not None:
                facts.append(fact)
    return facts


def _capitalised_spans(tokens: list[Token], taken: list[tuple[int, int]]) -> list[list[int]]:
    """Runs of capitalised words (with connectors such as "of the" inside), as token indexes."""
    spans: list[list[int]] = []
    current: list[int] = []
    gap: list[int] = []
    for index, token in enumerate(tokens):
        is_word = token.kind is TokenKind.WORD and not _overlaps(token.start, token.end, taken)
        if is_word and _NAME_ANY_CAPITAL.match(token.text):
            if gap and current:
                current += gap
            current.append(index)
            gap = []
            if re.search(r"['’]s$", token.text):
                # "Microsoft's Climate Innovation Fund": the owner is a name of its own.
                spans.append(current)
                current = []
        elif is_word and current and token.folded in NAME_CONNECTORS and len(gap) < 2:
            gap.append(index)
        else:
            if current:
                spans.append(current)
            current, gap = [], []
    if current:
        spans.append(current)
    return [list(span) for span in spans]


def _split_at_titles(tokens: list[Token], span: list[int]) -> list[list[int]]:
    """ "PAHO Director Carissa F. Etienne" names two: a title between names parts them."""
    parts: list[list[int]] = [[]]
    for index in span:
        if tokens[index].folded in _TITLES:
            parts.append([])
        else:
            parts[-1].append(index)
    return [part for part in parts if part]


def _split_at_and(tokens: list[Token], parts: list[list[int]]) -> list[list[int]]:
    """ "Turkey and Poland" names two; "University and College Union" one (it ends as a body's
    name does)."""
    split: list[list[int]] = []
    for part in parts:
        if tokens[part[-1]].folded in ORGANISATION_WORDS:
            split.append(part)
            continue
        current: list[int] = []
        for index in part:
            if tokens[index].folded == "and":
                split.append(current)
                current = []
            else:
                current.append(index)
        split.append(current)
    return [part for part in split if part]


def _split_person_from_body(tokens: list[Token], parts: list[list[int]]) -> list[list[int]]:
    """ "Mark Parrington of the European Center ..." names a person and an organisation; "Bank of
    America" and "University of Washington" are one name (their first part is an organisation)."""
    split: list[list[int]] = []
    for part in parts:
        words = [tokens[i].folded for i in part]
        if "of" in words:
            at = words.index("of")
            left, right = words[:at], [w for w in words[at + 1 :] if w not in NAME_CONNECTORS]
            person = len(left) >= 2 and not set(left) & ORGANISATION_WORDS
            body = bool(set(right) & ORGANISATION_WORDS) or any(
                tokens[i].text.isupper() and len(tokens[i].text) > 1 for i in part[at + 1 :]
            )
            if person and body:
                split += [part[:at], [i for i in part[at + 1 :] if tokens[i].folded != "the"]]
                continue
        split.append(part)
    return split


_ENDS_WITH_INITIALS = re.compile(r"(?:[A-Z]\.){2,}$")


def _name_fact(text: str, tokens: list[Token], span: list[int]) -> Fact | None:
    words = [tokens[i] for i in span]
    if len(span) > 2 and _opens_with_a_verb(tokens, span):
        words = words[1:]
    # Titles ("Director", "Governor") and common words at either end are not part of a name.
    while words and (_is_common(words[0]) or words[0].folded in NAME_CONNECTORS):
        words = words[1:]
    while words and (_is_common(words[-1]) or words[-1].folded in NAME_CONNECTORS):
        words = words[:-1]
    if not words:
        return None
    first = words[0]
    key = " ".join(word.folded for word in words if len(word.folded) > 1)
    if not key or all(part in NAME_CONNECTORS for part in key.split()):
        return None
    raw = re.sub(r"['’]s$", "", text[first.start : words[-1].end])
    letters = raw.replace(".", "")  # "U.S." is initials as "US" is
    if len(key) < 3 and not (letters.isupper() and letters.isalpha()):
        return None
    opens_sentence = _opens_sentence(tokens, tokens.index(first))
    weak = opens_sentence and len(words) == 1 and not _looks_like_name(first.text)
    is_organisation = any(word.folded in ORGANISATION_WORDS for word in words)
    return Fact(
        FactKind.NAME,
        raw.rstrip(",") if _ENDS_WITH_INITIALS.search(raw) else raw.rstrip(".,"),
        key,
        weak=weak,
        is_organisation=is_organisation,
        start=first.start,
        end=words[-1].end,
    )


def _opens_with_a_verb(tokens: list[Token], span: list[int]) -> bool:
    """Whether a span opens its sentence with a verb ending in -ing and a small word after it
    ("Writing for HelloGiggles, ..."): the verb is capitalised for its place, not a name."""
    first, second = tokens[span[0]], tokens[span[1]]
    return (
        _opens_sentence(tokens, span[0])
        and first.folded.endswith("ing")
        and len(first.folded) > len("ing") + 2
        and second.text.islower()
    )


def _is_common(token: Token) -> bool:
    lowered = token.folded
    return (
        _PRONOUN_I.fullmatch(token.text) is not None
        or lowered in ENGLISH_STOPWORDS
        or lowered in MONTHS
        or lowered in _WEEKDAYS
        or lowered in _NUMBER_WORDS
        or (len(lowered) == 1 and not token.text.endswith("."))
    )


def _opens_sentence(tokens: list[Token], index: int) -> bool:
    return index == 0 or (
        tokens[index - 1].kind is TokenKind.BOUNDARY
        and tokens[index - 1].folded in {".", ":", "!", "?", ";"}
    )


def _looks_like_name(word: str) -> bool:
    """A word no dictionary has: `Velasco-Ibarra`, `McDonald`, `O'Brien`, `PAHO`."""
    return bool(re.search(r"[a-z][-'’]?[A-Z]", word)) or (len(word) > 1 and word.isupper())
