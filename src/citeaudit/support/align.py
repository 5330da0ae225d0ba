"""Does a passage state a claim's fact, another fact in its place, or the opposite stance?

`states` looks a claim's fact up in some sentences of a source: numbers by value and unit (a
hedged "about 20,000" is consistent with 19,800), dates at the claim's precision (a lone month
too), identifiers whole (`802.11ac` is not `802.11n`), names as whole names (an organisation's
every word in order; a person by surname once the page has named them in full; a short form the
page defines), quotes word for word.

`align` lines a claim up with one sentence. Where the claim's fact stands, the sentence may
hold another fact of the same kind between the same words ("born in Germany in 1968" against
"born in Spain in 1968"): a `Conflict`. The sentence may state the claim's values but pair
them otherwise, each where the other stands or one given to another thing: a misplaced value,
a `Conflict` too. Where both share a word, one may negate it and the other not, the two may
hold antonyms next to the same words, or put the same number above and below something
("more than", "just short of"): a stance `Flip`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from functools import lru_cache

from citeaudit.support.facts import (
    NAME_CONNECTORS,
    ORDINAL_WORDS,
    ORGANISATION_WORDS,
    Bound,
    Fact,
    FactKind,
)
from citeaudit.support.passages import PreparedSource, Sentence
from citeaudit.support.stance import (
    DENYING,
    NEGATION_SCOPE,
    SCOPE_ENDS,
    are_antonyms,
    are_opposite_comparisons,
    comparison,
    denied_clause,
    frames_belief,
    is_conditional,
    is_negated,
    negates,
    negator,
)
from citeaudit.support.words import IRREGULAR_VERB_FORMS, Token, TokenKind

_ALIKE = 0.85
"""How alike two names' letters must be to be one name spelt two ways."""
_APPROXIMATE = Decimal("0.05")
"""How far a hedged number may be from another and still agree ("about 20,000" and 19,800)."""


@dataclass(frozen=True)
class Conflict:
    """A claim's fact and the one the source states in its place."""

    kind: FactKind
    claim: str
    source: str


@dataclass(frozen=True)
class Flip:
    """Where a source's stance reverses the claim's: the claim's words and the source's."""

    claim: str
    source: str
    reason: str
    """`negation`, `denial`, `order`, `antonym`, `comparison`, `roles` or `rank`."""
    word: str = ""
    """The key of the claim's word whose stance is reversed."""


@dataclass(frozen=True)
class Alignment:
    """What lining a claim up with one sentence shows."""

    matched: frozenset[str]
    """Content stems the two share in the same order."""
    conflicts: tuple[tuple[Fact, Conflict], ...]
    flips: tuple[Flip, ...]
    misplaced: tuple[tuple[Fact, Conflict], ...] = ()
    """Facts the sentence states, but elsewhere than the claim puts them: where the claim has
    the fact, the sentence has another of its kind ("170 million episodes" against "7.6
    million episodes of care and 170 million deaths")."""


# --- does a passage state a fact? ---------------------------------------------------------


def states(fact: Fact, sentences: Sequence[Sentence], source: PreparedSource) -> bool:
    """Whether these sentences of a source state the claim's fact."""
    if fact.kind is FactKind.NUMBER:
        return any(number_agrees(fact, other) for s in sentences for other in s.facts)
    if fact.kind is FactKind.DATE:
        keys = {other.key for s in sentences for other in s.facts if other.kind is FactKind.DATE}
        return date_agrees(fact.key, keys)
    if fact.kind is FactKind.IDENTIFIER:
        # Read as the claim's was: a one-digit model number ("Figure 5", "iOS 8") is not in
        # the folded text, which drops single characters.
        return any(
            f" {fact.key} " in s.folded
            or any(t.kind is TokenKind.IDENTIFIER and t.folded == fact.key for t in s.tokens)
            or any(other.kind is FactKind.IDENTIFIER and other.key == fact.key for other in s.facts)
            for s in sentences
        )
    folded = " ".join(s.folded for s in sentences)
    if fact.kind is FactKind.QUOTE:
        return f" {' '.join(w for w in fact.key.split() if len(w) > 1)} " in folded
    return _names(fact, folded, source) or _by_initials(fact, sentences)


def _by_initials(fact: Fact, sentences: Sequence[Sentence]) -> bool:
    """Whether sentences name a body by its initials in capitals, or the claim does: "the
    United States" is "the U.S.", "the European Union" "the EU", "the World Health
    Organization" "the WHO"."""
    initials = _initials(fact.key)
    if initials:
        pattern = _initials_pattern(initials)
        return any(pattern.search(sentence.text) for sentence in sentences)
    written = fact.text.replace(".", "").replace(" ", "")
    if not (2 <= len(written) <= _MOST_INITIALS and written.isupper()):
        return False
    return any(
        other.kind is FactKind.NAME and _initials(other.key) == written.lower()
        for sentence in sentences
        for other in sentence.facts
    )


_MOST_INITIALS = 5


def _initials(key: str) -> str:
    """The initials of a name of two words or more (connectors left out), else ""."""
    words = [word for word in key.split() if word not in NAME_CONNECTORS]
    return "".join(word[0] for word in words) if 2 <= len(words) <= _MOST_INITIALS else ""


@lru_cache(maxsize=1024)
def _initials_pattern(initials: str) -> re.Pattern[str]:
    """Initials in capitals, dotted or not ("US", "U.S."), standing alone."""
    dotted = r"\.?".join(re.escape(letter.upper()) for letter in initials)
    return re.compile(rf"(?<![\w.]){dotted}\.?(?![\w])")


def number_agrees(claim: Fact, other: Fact) -> bool:
    """Whether a source's number is the claim's: same value and unit (or none written), or
    close enough when either is hedged."""
    if other.kind is not FactKind.NUMBER:
        return False
    if claim.unit and other.unit and claim.unit != other.unit:
        return _converts_to(claim, other)
    if claim.value in other.values:
        return True
    if claim.bound in _SIDES and not other.approximate:
        # Only on the bound's side: "more than 800" is not 783.
        return _within_bound(claim, other.value)
    if claim.approximate or other.approximate:
        larger = max(abs(claim.value), abs(other.value))
        reach = _ROUNDED if claim.bound is Bound.NEAR and _is_round(claim.value) else _APPROXIMATE
        return larger > 0 and abs(claim.value - other.value) <= reach * larger
    return False


_ROUNDED = Decimal("0.1")
"""How far a value may be from a round number hedged as near it: "about 100" is 107, as a
writer rounds 107 to the nearest hundred and says so."""
_ROUND = 10


def _is_round(value: Decimal) -> bool:
    return value >= _ROUND * _ROUND and value % _ROUND == 0


_SIDES = frozenset({Bound.ABOVE, Bound.BELOW})
_BOUND_REACH = Decimal("1.5")
"""How far past a bound a value may lie and still be what the bound says: "more than 100" for
107 or 140, not for 180 (a writer would say "more than 150", or "nearly 200"). Twice, to hold
any figure rounded down to its first digit, let a held-out contradicted claim through."""


def _within_bound(claim: Fact, value: Decimal) -> bool:
    """Whether a value lies where the claim's bound puts it: "more than 100" holds 107, "fewer
    than 50" holds 47."""
    if claim.bound is Bound.ABOVE:
        return claim.value < value <= claim.value * _BOUND_REACH
    if claim.bound is Bound.BELOW:
        return claim.value / _BOUND_REACH <= value < claim.value
    return False


_IN_BASE_UNITS = {
    # length, in metres
    "km": Decimal(1000),
    "m": Decimal(1),
    "cm": Decimal("0.01"),
    "mm": Decimal("0.001"),
    "mile": Decimal("1609.344"),
    "ft": Decimal("0.3048"),
    "in": Decimal("0.0254"),
    # mass, in kilograms
    "kg": Decimal(1),
    "g": Decimal("0.001"),
    "mg": Decimal("0.000001"),
    "lb": Decimal("0.45359237"),
    "oz": Decimal("0.028349523125"),
    # volume, in litres
    "l": Decimal(1),
    "ml": Decimal("0.001"),
    # power, in watts
    "kw": Decimal(10**3),
    "mw": Decimal(10**6),
    "gw": Decimal(10**9),
    # data, in bytes (decimal prefixes: a binary reading differs by less than the tolerance
    # only for kilobytes, so larger sizes are compared loosely)
    "kb": Decimal(10**3),
    "mb": Decimal(10**6),
    "gb": Decimal(10**9),
    "tb": Decimal(10**12),
}
_DIMENSIONS = {
    **dict.fromkeys(("km", "m", "cm", "mm", "mile", "ft", "in"), "length"),
    **dict.fromkeys(("kg", "g", "mg", "lb", "oz"), "mass"),
    **dict.fromkeys(("l", "ml"), "volume"),
    **dict.fromkeys(("kw", "mw", "gw"), "power"),
    **dict.fromkeys(("kb", "mb", "gb", "tb"), "data"),
}
_CONVERTED = Decimal("0.05")
"""How far a value converted to another unit may be from the other and agree: conversions are
rounded ("about 150 km" for 93 miles, "6 feet" for 1.83 m)."""


def _converts_to(claim: Fact, other: Fact) -> bool:
    """Whether two numbers in units of one dimension are one measure ("150 km", "93 miles";
    "26.7 °C", "80 °F")."""
    if {claim.unit, other.unit} == {"deg", "degf"}:
        celsius, fahrenheit = (claim, other) if claim.unit == "deg" else (other, claim)
        converted = celsius.value * 9 / 5 + 32
        return abs(converted - fahrenheit.value) <= 1
    dimension = _DIMENSIONS.get(claim.unit)
    if dimension is None or _DIMENSIONS.get(other.unit) != dimension:
        return False
    ours = claim.value * _IN_BASE_UNITS[claim.unit]
    theirs = other.value * _IN_BASE_UNITS[other.unit]
    larger = max(abs(ours), abs(theirs))
    return larger > 0 and abs(ours - theirs) <= _CONVERTED * larger


def date_agrees(key: str, keys: set[str]) -> bool:
    """Whether a date key is among a source's, at the claim's precision."""
    if key in keys:
        return True
    if key.startswith("--") and len(key) == 4:  # a lone month
        month = key[2:]
        return any(other[5:7] == month or other[2:4] == month for other in keys if "-" in other)
    if key.startswith("--"):  # day and month
        return any(other.endswith(key[1:]) and len(other) == 10 for other in keys)
    if len(key) == 10:
        return f"--{key[5:]}" in keys and key[:4] in keys
    if len(key) == 7:
        return any(other.startswith(key) for other in keys) or (
            key[:4] in keys and any(other.startswith(f"--{key[5:]}") for other in keys)
        )
    return any(other.startswith(key) for other in keys)


def _names(fact: Fact, folded: str, source: PreparedSource) -> bool:
    key = fact.key
    if f" {key} " in folded:
        return True
    alias = source.short_forms.get(key)
    if alias and f" {alias} " in folded:
        return True
    if any(f" {other} " in folded for other in _ALSO_CALLED.get(key, ())):
        return True
    words = [word for word in key.split() if word not in NAME_CONNECTORS]
    if f" {' '.join(words)} " in _without_connectors(folded):
        return True
    if _written_together(key, folded):
        return True
    if len(words) == 1 and _people_of(key, folded):
        return True
    if fact.is_organisation or len(words) < 2:
        return False
    if _with_middle_names(words, folded):
        return True
    # A person named in full somewhere on the page is named by surname afterwards.
    surname = words[-1]
    return (
        len(surname) >= 3
        and f" {surname} " in folded
        and (f" {key} " in source.folded or f" {' '.join(words)} " in source.folded)
    )


_MIDDLE_NAMES = 2


def _with_middle_names(words: list[str], folded: str) -> bool:
    """Whether a person's name stands in a text with a middle name or two between its first and
    last words ("Andrew Fahie" in "Andrew Alturo Fahie")."""
    if f" {words[0]} " not in folded:
        return False
    first, last = re.escape(words[0]), re.escape(words[-1])
    return re.search(rf" {first}(?: \S+){{1,{_MIDDLE_NAMES}}} {last} ", folded) is not None


_COMPACT_WORDS = 4
_COMPACT_CHARS = 5


def _written_together(key: str, folded: str) -> bool:
    """Whether a name is in a text written with its words run together or apart: "GoFundMe"
    is "Go Fund Me", "Al Najjar" is "AlNajjar"."""
    compact = key.replace(" ", "")
    if len(compact) < _COMPACT_CHARS or f" {compact[:2]}" not in folded:
        return False
    words = folded.split()
    for first, word in enumerate(words):
        if not compact.startswith(word):
            continue
        joined = ""
        for following in words[first : first + _COMPACT_WORDS]:
            joined += following
            if joined == compact:
                return True
            if len(joined) >= len(compact):
                break
    return False


def same_name_written_otherwise(first: Fact, second: Fact) -> bool:
    """Whether two names are one written two ways: run together or apart ("GoFundMe", "Go
    Fund"), spelt all but alike ("Skaik", "Skaiik"), or one cut short ("the Met"). Niger and
    Nigeria are not alike enough."""
    ours, theirs = first.key.replace(" ", ""), second.key.replace(" ", "")
    return (
        ours == theirs
        or SequenceMatcher(None, ours, theirs).ratio() >= _ALIKE
        or _of_the_place(ours, theirs)
        or _of_the_place(theirs, ours)
        or _clipped(first.key, second.key)
        or _clipped(second.key, first.key)
        or _abbreviated(first.key, second.key)
        or _members_of(first.key, second.key)
        or _members_of(second.key, first.key)
        or second.key in _ALSO_CALLED.get(first.key, ())
    )


_NAMES_OF_ONE = """
    kyiv|kiev; kharkiv|kharkov; lviv|lvov; odesa|odessa; mumbai|bombay; chennai|madras;
    kolkata|calcutta; bengaluru|bangalore; beijing|peking; myanmar|burma; yangon|rangoon;
    turkiye|turkey; czechia|czech republic; eswatini|swaziland; north macedonia|macedonia;
    almaty|alma-ata; cabo verde|cape verde; timor-leste|east timor;
    united kingdom|uk|britain|great britain; united states|usa|united states of america|america;
    netherlands|holland; soviet union|ussr; academy awards|academy award|oscars|oscar;
    grammy awards|grammy award|grammys|grammy; emmy awards|emmy award|emmys|emmy;
    world war ii|second world war|wwii|ww2; world war i|first world war|wwi|ww1|great war
"""
"""Names of one thing that share no word: places renamed, or spelt anew, within the time of
the sources an article cites (the article says "Kyiv", a source of 2015 "Kiev"), and the
best-known other names of countries, awards and wars."""
_ALSO_CALLED = {
    name: frozenset(group) - {name}
    for group in ([name.strip() for name in names.split("|")] for names in _NAMES_OF_ONE.split(";"))
    for name in group
}
# "US" finds its other names, but none of them finds "us": in lower case it is a pronoun.
_ALSO_CALLED["us"] = _ALSO_CALLED["usa"] | {"usa"}
_SHORTEST_PREFIX = 3


def _abbreviated(first: str, second: str) -> bool:
    """Whether two names differ only by words one of them abbreviates: "Man Utd" is
    Manchester United, "St Petersburg" Saint Petersburg, "Mt Everest" Mount Everest. A word
    abbreviates another as its opening ("Man") or as its first letter and consonants of it in
    order ("Utd", "St"); "Dan" is not "Dean". Names of one word are left alone: "Kent" is not
    Kentucky."""
    ours, theirs = first.split(), second.split()
    if len(ours) != len(theirs) or len(ours) < 2 or ours == theirs:
        return False
    return all(
        mine == their or _abbreviates(mine, their) or _abbreviates(their, mine)
        for mine, their in zip(ours, theirs, strict=True)
    )


def _abbreviates(short: str, word: str) -> bool:
    if len(short) >= len(word) or short[0] != word[0]:
        return False
    if len(short) >= _SHORTEST_PREFIX and word.startswith(short):
        return True
    rest = iter(word[1:])
    return (
        len(short) > 1
        and not any(letter in "aeiou" for letter in short[1:])
        and all(letter in rest for letter in short[1:])
    )


_SHARED_OPENING = 5
_OTHER_ENDING = 3


def _members_of(short: str, name: str) -> bool:
    """Whether a one-word name is a body's members: "the Democrats" are the Democratic Party,
    "the Conservatives" the Conservative Party. The other name, less its word for the kind of
    body, is one word that opens as this one does, each ending in a few letters of its own
    (the members' in a plural "s": "Niger" is not the Nigerian Army)."""
    rest = [word for word in name.split() if word not in ORGANISATION_WORDS]
    if " " in short or not short.endswith("s") or len(rest) != 1 or rest == name.split():
        return False
    (word,) = rest
    shared = len(os.path.commonprefix([short, word]))
    return (
        shared >= _SHARED_OPENING
        and len(short) - shared <= _OTHER_ENDING
        and len(word) - shared <= _OTHER_ENDING
    )


_SHORTEST_CLIPPING = 3


def _clipped(short: str, name: str) -> bool:
    """Whether a one-word name is a longer name's first word cut to half or less: "the Met" is
    the Metropolitan Museum of Art, "the Fed" the Federal Reserve; "Niger" is not the
    Nigerian Army."""
    first, *rest = name.split()
    return (
        bool(rest)
        and " " not in short
        and _SHORTEST_CLIPPING <= len(short) <= len(first) / 2
        and first.startswith(short)
    )


_PEOPLE_ENDINGS = ("ian", "ean", "an", "ese", "i", "ish", "ic")
"""How a place's name becomes its people's or its adjective ("Egypt" and "Egyptian", "Korea"
and "Korean", "Japan" and "Japanese", "Iraq" and "Iraqi")."""


def _people_of(place: str, folded: str) -> bool:
    """Whether a text names a place by its adjective or its people ("Egyptian" for Egypt)."""
    if len(place) < 4 or f" {place[:-1]}" not in folded:
        return False
    start = folded.find(f" {place[:-1]}")
    while start >= 0:
        end = folded.find(" ", start + 1)
        if _of_the_place(place, folded[start + 1 : end if end >= 0 else None]):
            return True
        start = folded.find(f" {place[:-1]}", start + 1)
    return False


def _of_the_place(place: str, other: str) -> bool:
    """Whether a name is a place's adjective or people ("the Egyptian revolution" is
    Egypt's): the place's name, its last vowel dropped or not, and an ending of people."""
    if len(place) < 4 or not other.startswith(place[:-1]):
        return False
    for stem in {place, place.rstrip("aeiouy")}:
        if other.startswith(stem) and other[len(stem) :] in _PEOPLE_ENDINGS:
            return True
    return False


def _without_connectors(folded: str) -> str:
    return " " + " ".join(w for w in folded.split() if w not in NAME_CONNECTORS) + " "


# --- a claim against one sentence --------------------------------------------------------

_CONTEXT = 3
"""How many tokens either side of a fact make its slot."""
_ANTONYM_CONTEXT = 6
"""Antonyms often stand in another voice ("vessels are allowed", "by excluding vessels"): they
are looked for a little further from the shared words."""
_CLAIM_SCOPE = 5
"""A claim's negation is looked for further back than a source's ("barred venues from playing
recorded music"): of the two, a reversed stance must hold for both readings."""
_GENERIC_NAME_WORDS = frozenset(
    """public national general memorial royal state city county international central regional
    united new american british national university prefectural provincial municipal
    metropolitan district federal""".split()
)


def align(
    claim_tokens: list[Token],
    claim_facts: Sequence[Fact],
    sentence: Sentence,
    source: PreparedSource,
) -> Alignment:
    """Line a claim up with one sentence: shared words, facts in each other's place, flips.

    A source's fact stands in the place of the claim's when the same words stand next to both
    ("a $59 million investment", "a $95 million investment"), when both carry the same unit,
    or when the two differ in one part only (`iOS 12`, `iOS 13`; 16 December 2010 and 2011).
    """
    theirs = sentence.tokens
    their_keys = {t.key for t in theirs if t.is_content}
    matched = frozenset(t.key for t in claim_tokens if t.is_content and t.key in their_keys)
    conflicts: list[tuple[Fact, Conflict]] = []
    for fact in claim_facts:
        conflict = _conflict(fact, claim_tokens, claim_facts, sentence, source)
        if conflict is not None:
            conflicts.append((fact, conflict))
    flips = [
        flip
        for flip in (
            _negation(claim_tokens, theirs, claim_facts),
            _denial(claim_tokens, theirs),
            _preference_reversed(claim_tokens, theirs),
            _roles_reversed(claim_tokens, theirs, claim_facts),
            _rank_changed(claim_tokens, theirs),
        )
        if flip
    ]
    antonym = _antonym(claim_tokens, theirs, claim_facts)
    if antonym is not None:
        flips.append(antonym)
    flips += _opposite_comparisons(claim_tokens, claim_facts, sentence)
    misplaced = [
        (fact, swap)
        for fact in claim_facts
        if (swap := misplaced_value(fact, claim_tokens, claim_facts, sentence, source)) is not None
    ]
    return Alignment(matched, tuple(conflicts), tuple(flips), tuple(misplaced))


_BOUND_KINDS = frozenset({FactKind.NUMBER, FactKind.DATE})
_SWAP_EVIDENCE = 2
"""How many more words next to two values must fit them swapped than as the claim has them."""


def misplaced_value(
    fact: Fact,
    claim_tokens: list[Token],
    claim_facts: Sequence[Fact],
    sentence: Sentence,
    source: PreparedSource,
) -> Conflict | None:
    """The value a sentence puts where the claim puts `fact`, when the sentence states both
    `fact` and another value of the claim, each where the claim has the other: the words around
    the two fit them swapped better than as the claim has them ("170 million episodes of care
    and 7.6 million deaths" against "7.6 million episodes of care and 170 million deaths").
    Every figure is in the sentence, but not as the claim pairs them."""
    if fact.kind not in _BOUND_KINDS and fact.kind is not FactKind.NAME:
        return None
    mine = _mentions(fact, sentence)
    if not mine or _paired_alike(fact, claim_tokens, claim_facts, mine, sentence):
        return None
    # The words before the first value of both (the sentence's head: "The survey counted")
    # stand before whichever item of a list comes first: no evidence of which value is whose.
    head = _head(claim_tokens, claim_facts) & _head(sentence.tokens, sentence.facts)
    # Names are told apart by the words beside them that are no names: an apposition or a list
    # puts names beside each other in any order ("FAST, the Five-hundred-meter ... Telescope"
    # and "The Five-hundred-meter ... Telescope (FAST)").
    unnamed = head
    if fact.kind is FactKind.NAME:
        unnamed = (
            head
            | _name_words(claim_tokens, claim_facts)
            | _name_words(sentence.tokens, sentence.facts)
        )
    for other in claim_facts:
        if (
            other is fact
            or other.kind is not fact.kind
            or _agrees(fact, other)
            or not _swappable(fact, other, claim_facts)
        ):
            continue
        theirs = _mentions(other, sentence)
        if not theirs:
            continue
        if fact.kind is FactKind.NAME:
            claimed = _fit(claim_tokens, fact, mine, sentence, unnamed) + _fit(
                claim_tokens, other, theirs, sentence, unnamed
            )
            crossed = _fit(claim_tokens, fact, theirs, sentence, unnamed) + _fit(
                claim_tokens, other, mine, sentence, unnamed
            )
            if crossed >= claimed + _SWAP_EVIDENCE:
                return Conflict(fact.kind, fact.text, theirs[0].text)
            continue
        as_claimed = _fit(claim_tokens, fact, mine, sentence, head) + _fit(
            claim_tokens, other, theirs, sentence, head
        )
        swapped = _fit(claim_tokens, fact, theirs, sentence, head) + _fit(
            claim_tokens, other, mine, sentence, head
        )
        # Words that stand by both values in the sentence tell them apart no more than the
        # head does: counted without them, any surplus for the swap is evidence ("the Trust
        # aims to convert 110,000 apartments, while the Council aims to convert 62,000").
        shared = _near(mine, sentence) & _near(theirs, sentence) | head
        distinct_claimed = _fit(claim_tokens, fact, mine, sentence, shared) + _fit(
            claim_tokens, other, theirs, sentence, shared
        )
        distinct_swapped = _fit(claim_tokens, fact, theirs, sentence, shared) + _fit(
            claim_tokens, other, mine, sentence, shared
        )
        if (
            swapped >= as_claimed + _SWAP_EVIDENCE
            or distinct_swapped > distinct_claimed
            or _owners_swapped(fact, other, claim_facts, mine[0], theirs[0], sentence.facts)
        ):
            return Conflict(fact.kind, fact.text, theirs[0].text)
    # A value given to the other of two things: "7.6 million deaths" against "7.6 million
    # episodes of care and 170 million deaths". Words on one side of the claim's value must
    # stand on that side of the other value, two or more of them, and fewer on either side of
    # its own (a paraphrase may turn "voted 31 to 9" into "by 31 votes to 9"). A value the
    # claim writes twice is read at each place: once it may stand in its own place, and once
    # where the sentence has another ("1,700 pairs of boobies and 1,700 of frigate birds").
    # Written more often in the claim than in the sentence, one of its places has no mention
    # of its own, and the words on both sides of it count together, against its own mention's
    # on the same sides ("170 million episodes of care and 170 million deaths" against "...
    # and 7.6 million deaths"); one word beside the other value is then enough ("a width of
    # 60cm and a length of 60cm" against "... a length of 100cm").
    if fact.kind not in _BOUND_KINDS:
        # Names are swapped with each other ("Republican incumbent ... Democratic challenger"),
        # never given the place of a name the claim lacks: another actor is no conflict.
        return None
    places = fact.each_place()
    unmatched = len(places) > sum(len(mention.each_place()) for mention in mine)
    for place in places:
        own = (
            _side_fit(claim_tokens, place, mine, sentence, head, both=True)
            if unmatched
            else _fit(claim_tokens, place, mine, sentence, head)
        )
        for other in sentence.facts:
            if (
                other.kind is fact.kind
                and not _agrees(fact, other)
                and _comparable(fact, other, claim_facts)
                and _side_fit(claim_tokens, place, [other], sentence, head, both=unmatched)
                >= max(1 if unmatched else _SWAP_EVIDENCE, own + 1)
            ):
                return Conflict(fact.kind, fact.text, other.text)
    return None


def _owners_swapped(
    fact: Fact,
    other: Fact,
    claim_facts: Sequence[Fact],
    mention: Fact,
    other_mention: Fact,
    sentence_facts: Sequence[Fact],
) -> bool:
    """Whether two values are each given to the other's name: the name nearest before a value
    is whose it is ("the Trust aimed to convert 62,000 and PACT 110,000" against "the Trust
    aims to convert 110,000, while PACT aims to convert 62,000")."""
    owner, other_owner = _owner(claim_facts, fact), _owner(claim_facts, other)
    if owner is None or other_owner is None or owner.key == other_owner.key:
        return False
    theirs, their_other = _owner(sentence_facts, mention), _owner(sentence_facts, other_mention)
    return (
        theirs is not None
        and their_other is not None
        and theirs.key == other_owner.key
        and their_other.key == owner.key
    )


def _owner(facts: Sequence[Fact], value: Fact) -> Fact | None:
    """The name nearest before a value in its text."""
    names = [f for f in facts if f.kind is FactKind.NAME and f.end <= value.start]
    return max(names, key=lambda name: name.end, default=None)


def _name_words(tokens: list[Token], facts: Sequence[Fact]) -> set[str]:
    names = [fact for fact in facts if fact.kind is FactKind.NAME]
    return {
        token.key
        for token in tokens
        if any(name.start <= token.start and token.end <= name.end for name in names)
    }


def _swappable(fact: Fact, other: Fact, claim_facts: Sequence[Fact]) -> bool:
    """Whether two of the claim's own facts could each stand in the other's place: two names
    that are not one written two ways, or two comparable values."""
    if fact.kind is FactKind.NAME:
        return not (
            _distinctive(fact.key) & _distinctive(other.key)
            or same_name_written_otherwise(fact, other)
        )
    return _comparable(fact, other, claim_facts)


def _head(tokens: list[Token], facts: Sequence[Fact]) -> set[str]:
    """The meaningful words before the first fact of a text."""
    first = min((fact.start for fact in facts), default=0)
    return {token.key for token in tokens if token.end <= first and _carries(token)}


def _side_fit(
    claim_tokens: list[Token],
    fact: Fact,
    mentions: list[Fact],
    sentence: Sentence,
    ignored: set[str],
    *,
    both: bool,
) -> int:
    """How many words before the claim's fact stand before one of the mentions, or after it
    after (with `both`, the two counts added); the `ignored` ones left out."""
    before, after = _context(claim_tokens, fact.start, fact.end)
    counts = [0, 0]
    for mention in mentions:
        their_before, their_after = _context(sentence.tokens, mention.start, mention.end)
        counts[0] = max(counts[0], len((before - ignored) & their_before))
        counts[1] = max(counts[1], len((after - ignored) & their_after))
    return sum(counts) if both else max(counts)


_PAIR_REACH = 2
_PAIR_BREAKS = frozenset("and or nor but while whereas after before than then versus vs".split())
"""Words between two values that list them, or set them against each other: not a pair."""


def _paired_alike(
    fact: Fact,
    claim_tokens: list[Token],
    claim_facts: Sequence[Fact],
    mentions: list[Fact],
    sentence: Sentence,
) -> bool:
    """Whether the claim writes its value next to another of its values of the other kind (a
    number and a date: "3% in May") and the sentence writes the same two next to each other: a
    pair the sentence keeps, in whatever order it lists the pairs ("2% in April and 3% in
    May")."""
    partners = [
        other
        for other in claim_facts
        if other.kind is not fact.kind
        and other.kind in _BOUND_KINDS
        and _beside(fact, other, claim_tokens)
    ]
    return any(
        _beside(mention, their, sentence.tokens)
        for partner in partners
        for their in _mentions(partner, sentence)
        for mention in mentions
    )


def _beside(first: Fact, second: Fact, tokens: list[Token]) -> bool:
    """Whether two facts stand next to each other: a word or two between them ("3% in May", "a
    2% rise in April"), none that lists them or ends a clause."""
    if first.start > second.start:
        first, second = second, first
    between = [t for t in tokens if first.end <= t.start and t.end <= second.start]
    return (
        first.end <= second.start
        and len(between) <= _PAIR_REACH
        and not any(
            token.kind is TokenKind.BOUNDARY or token.folded in _PAIR_BREAKS for token in between
        )
    )


def _mentions(fact: Fact, sentence: Sentence) -> list[Fact]:
    return [other for other in sentence.facts if _agrees(fact, other)]


def _fit(
    claim_tokens: list[Token],
    fact: Fact,
    mentions: list[Fact],
    sentence: Sentence,
    ignored: set[str],
) -> int:
    """How many words next to the claim's fact stand next to one of these mentions, at any place
    the sentence writes it (either side: "14 degrees in Gwangju" is "Gwangju hitting 14
    degrees"), the `ignored` ones left out."""
    near = set().union(*_context(claim_tokens, fact.start, fact.end)) - ignored
    return max(
        len(near & set().union(*_context(sentence.tokens, place.start, place.end)))
        for mention in mentions
        for place in mention.each_place()
    )


def _near(mentions: list[Fact], sentence: Sentence) -> set[str]:
    """The words next to any of these mentions, at any of their places, on either side."""
    return set().union(
        *(
            set().union(*_context(sentence.tokens, place.start, place.end))
            for mention in mentions
            for place in mention.each_place()
        )
    )


def _opposite_comparisons(
    claim_tokens: list[Token], claim_facts: Sequence[Fact], sentence: Sentence
) -> list[Flip]:
    """The claim's numbers that the sentence states too, but puts on the other side of what
    they are compared with ("more than the record" against "just short of the record"; "not
    fewer than 500" is "more than 500")."""
    flips = []
    for fact in claim_facts:
        if fact.kind is not FactKind.NUMBER:
            continue
        ours = comparison(claim_tokens, _first_token(claim_tokens, fact))
        if ours is None:
            continue
        for mention in _mentions(fact, sentence):
            theirs = comparison(sentence.tokens, _first_token(sentence.tokens, mention))
            if theirs is not None and are_opposite_comparisons(ours, theirs) == _negated_alike(
                claim_tokens, ours, sentence.tokens, theirs
            ):
                flips.append(
                    Flip(
                        f"{ours.text} … {fact.text}",
                        f"{theirs.text} … {mention.text}",
                        "comparison",
                        ours.key,
                    )
                )
                break
    return flips


_COMPARISON_NEGATIONS = frozenset({"not", "no", "never"})


def _negated_alike(ours: list[Token], mine: Token, theirs: list[Token], their: Token) -> bool:
    """Whether two comparison words are both negated, or neither: by the word before them ("no
    more than 30", "not fewer than 500"), not by a negation of the clause's verb ("barred from
    playing music above 85 decibels" is "must not play music above 85 decibels")."""

    def negated(tokens: list[Token], word: Token) -> bool:
        at = tokens.index(word)
        return at > 0 and tokens[at - 1].folded in _COMPARISON_NEGATIONS

    return negated(ours, mine) == negated(theirs, their)


def _first_token(tokens: list[Token], fact: Fact) -> int:
    return next(i for i, token in enumerate(tokens) if token.end > fact.start)


def _agrees(fact: Fact, other: Fact) -> bool:
    """Whether one fact of a sentence is the claim's number, date or name."""
    if fact.kind is FactKind.NUMBER:
        return number_agrees(fact, other)
    if fact.kind is FactKind.NAME:
        return other.kind is FactKind.NAME and other.key == fact.key
    return other.kind is FactKind.DATE and date_agrees(fact.key, {other.key})


def _carries(token: Token) -> bool:
    return token.is_content or token.kind in (TokenKind.NUMBER, TokenKind.IDENTIFIER)


def _context(
    tokens: list[Token], start: int, end: int, *, width: int = _CONTEXT
) -> tuple[set[str], set[str]]:
    """The meaningful words just before and just after a span (within its sentence)."""
    before: set[str] = set()
    after: set[str] = set()
    at = [i for i, t in enumerate(tokens) if t.start >= start and t.end <= end]
    if not at:
        return before, after
    for index in range(at[0] - 1, max(-1, at[0] - 1 - width), -1):
        if tokens[index].kind is TokenKind.BOUNDARY and tokens[index].folded in {".", ";"}:
            break
        if _carries(tokens[index]):
            before.add(tokens[index].key)
    for index in range(at[-1] + 1, min(len(tokens), at[-1] + 1 + width)):
        if tokens[index].kind is TokenKind.BOUNDARY and tokens[index].folded in {".", ";"}:
            break
        if _carries(tokens[index]):
            after.add(tokens[index].key)
    return before, after


def _conflict(
    fact: Fact,
    claim_tokens: list[Token],
    claim_facts: Sequence[Fact],
    sentence: Sentence,
    source: PreparedSource,
) -> Conflict | None:
    """The fact of the same kind that a sentence states where the claim states `fact`."""
    if fact.kind is FactKind.QUOTE or fact.weak or states(fact, [sentence], source):
        return None
    if fact.kind is FactKind.NAME and (
        _named_otherwise(fact, sentence)
        or any(
            other.kind is FactKind.NAME and same_name_written_otherwise(fact, other)
            for other in sentence.facts
        )
    ):
        # The sentence names it, in other words or spelt otherwise ("John Hopkins"): another
        # name near it is another actor, not the claim's in another's place.
        return None
    claim_keys = {other.key for other in claim_facts}
    before, after = _context(claim_tokens, fact.start, fact.end)
    for other in sentence.facts:
        if (
            not _same_kind(fact, other)
            or other.key in claim_keys
            or (other.weak and other.key not in source.capitalised)
            or not _comparable(fact, other, claim_facts)
            or _same_span_of_time(claim_tokens, fact, sentence.tokens, other)
        ):
            continue
        their_before, their_after = _context(sentence.tokens, other.start, other.end)
        same_slot = bool(before & their_before or after & their_after)
        if fact.kind is FactKind.NAME:
            # "an airport in Fort Lauderdale" and "a Miami airport": a name before a noun says
            # where or whose the noun is, and the noun moves to its other side.
            same_slot = same_slot or bool(
                (_modifies_a_noun(sentence.tokens, other) and before & their_after)
                or (_modifies_a_noun(claim_tokens, fact) and after & their_before)
            )
        if (same_slot or _differs_in_one_part(fact, other)) and not _other_preposition(
            claim_tokens, fact, sentence.tokens, other
        ):
            return Conflict(fact.kind, fact.text, other.text)
    return None


_SPANS_OF_TIME = {
    "minute": Decimal(1),
    "hour": Decimal(60),
    "day": Decimal(60 * 24),
    "week": Decimal(60 * 24 * 7),
    "fortnight": Decimal(60 * 24 * 14),
    "month": Decimal(60 * 24) * Decimal("30.44"),
    "year": Decimal(60 * 24) * Decimal("365.25"),
    "decade": Decimal(60 * 24) * Decimal("3652.5"),
}
"""Spans of time, in minutes: a count of them is no unit of its own, as a count of years is
too often an age or a date."""


def _same_span_of_time(ours: list[Token], fact: Fact, theirs: list[Token], other: Fact) -> bool:
    """Whether two counts are one span of time in two units: "three weeks", "21 days"."""
    mine, their = _span_after(ours, fact), _span_after(theirs, other)
    if mine is None or their is None or mine == their:
        return False
    ours_long, theirs_long = fact.value * mine, other.value * their
    return abs(ours_long - theirs_long) <= _CONVERTED * max(ours_long, theirs_long)


def _span_after(tokens: list[Token], fact: Fact) -> Decimal | None:
    following = next((token for token in tokens if token.start >= fact.end), None)
    if following is None:
        return None
    word = following.folded
    return _SPANS_OF_TIME.get(word) or _SPANS_OF_TIME.get(word.removesuffix("s"))


_PREPOSITIONS = frozenset(
    """in from to at on by for with of into onto over under after before since until during
    between against toward towards via per about through across near within without""".split()
)
_ARTICLES = frozenset({"the", "a", "an"})
_DETERMINERS = _ARTICLES | frozenset("this that these those his her its their our my your".split())


_ROLE_PREPOSITIONS = frozenset("from to until since before after between".split())
"""Prepositions that give a number or a date its role: "from 2009 to 2015"."""


def _other_preposition(ours: list[Token], fact: Fact, theirs: list[Token], other: Fact) -> bool:
    """ "arriving from Turkey" and "arriving in the UK" are two places in two roles, as "from
    2009" and "to 2015" are two dates; but "in return for $5 million" and "a payment of
    $500,000" put two amounts in one place, and so do "on 15 June" and "slated for June 12"."""
    if _modifies_a_noun(ours, fact) or _modifies_a_noun(theirs, other):
        # "at a Miami airport": the preposition is the noun's, not the name's.
        return False
    mine, yours = _preceding_word(ours, fact.start), _preceding_word(theirs, other.start)
    if fact.kind is not FactKind.NAME and not (
        mine in _ROLE_PREPOSITIONS and yours in _ROLE_PREPOSITIONS
    ):
        return False
    return mine in _PREPOSITIONS and yours in _PREPOSITIONS and mine != yours


def _modifies_a_noun(tokens: list[Token], fact: Fact) -> bool:
    """Whether a name stands between a determiner and a common noun ("a Miami airport", "the
    Paris office"): without the determiner, the word after a name is as often its verb
    ("Francis created")."""
    if fact.kind is not FactKind.NAME:
        return False
    before = [t for t in tokens if t.end <= fact.start]
    after = next((t for t in tokens if t.start >= fact.end), None)
    return (
        bool(before)
        and before[-1].folded in _DETERMINERS
        and after is not None
        and after.is_content
        and not after.is_capitalised
    )


def _preceding_word(tokens: list[Token], start: int) -> str:
    before = [t for t in tokens if t.end <= start and t.folded not in _ARTICLES]
    return before[-1].folded if before else ""


def _same_kind(fact: Fact, other: Fact) -> bool:
    """Facts of one kind, or a number and a version number (`1.8` and `1.8.3`)."""
    if fact.kind is other.kind:
        return True
    kinds = {fact.kind, other.kind}
    numeric = [f for f in (fact, other) if f.kind is FactKind.IDENTIFIER]
    return kinds == {FactKind.NUMBER, FactKind.IDENTIFIER} and numeric[0].key[:1].isdigit()


def _date_parts(key: str) -> tuple[str | None, str | None, str | None]:
    """A date key's year, month and day (None where the key has none)."""
    if key.startswith("--"):
        month, _, day = key[2:].partition("-")
        return None, month, day or None
    parts: list[str | None] = [*key.split("-"), None, None]
    return parts[0], parts[1], parts[2]


def _projected(fact_key: str, other_key: str) -> list[tuple[str, str]] | None:
    """The parts the claim's date states, paired with the source's (None when the source's date
    lacks one of them, so that the two cannot be compared)."""
    pairs = []
    for ours, theirs in zip(_date_parts(fact_key), _date_parts(other_key), strict=True):
        if ours is None:
            continue
        if theirs is None:
            return None
        if ours.startswith(theirs) or theirs.startswith(ours):
            # A year in a decade or a century ("1994", "the 1990s") is the same there.
            theirs = ours
        pairs.append((ours, theirs))
    return pairs


def _comparable(fact: Fact, other: Fact, claim_facts: Sequence[Fact]) -> bool:
    """Whether a source's fact could state the same thing as the claim's, differently."""
    if fact.kind is not other.kind:
        return True
    if fact.kind is FactKind.NUMBER:
        if number_agrees(fact, other) or (fact.unit and other.unit and fact.unit != other.unit):
            return False
        # Without a unit on either side, a count and a year or a score are not comparable.
        return bool(fact.unit and other.unit) or not (fact.unit or other.unit)
    if fact.kind is FactKind.DATE:
        projected = _projected(fact.key, other.key)
        return projected is not None and any(ours != theirs for ours, theirs in projected)
    if fact.kind is FactKind.NAME:
        return not (
            _overlapping_names(other, claim_facts) or same_name_written_otherwise(fact, other)
        )
    return True


def _differs_in_one_part(fact: Fact, other: Fact) -> bool:
    """Two dates or codes that agree but for one part are versions of one fact; so are two
    bodies of one kind ("the Kingston Conference Centre", "the Montego Bay Convention
    Centre")."""
    if fact.kind is FactKind.DATE:
        projected = _projected(fact.key, other.key) or []
        return len(projected) > 1 and sum(ours != theirs for ours, theirs in projected) == 1
    if fact.kind is FactKind.IDENTIFIER:
        ours, theirs = fact.key.split(), other.key.split()
        return len(ours) == len(theirs) > 1 and ours[:-1] == theirs[:-1]
    if fact.kind is FactKind.NUMBER:
        return bool(fact.unit) and fact.unit == other.unit
    if fact.kind is FactKind.NAME:
        kind = fact.key.split()[-1]
        return (
            fact.is_organisation
            and kind in ORGANISATION_WORDS
            and other.key.split()[-1] == kind
            and len(other.key.split()) > 1
        )
    return False


def _overlapping_names(other: Fact, claim_facts: Sequence[Fact]) -> bool:
    """A source's name that shares a distinctive word with one of the claim's is a variant of it
    ("California ISO" and "California"), not another name; "Suddie Public Hospital" and
    "Georgetown Public Hospital" share only words that many names have."""
    theirs = _distinctive(other.key)
    return any(
        theirs & _distinctive(name.key) and not _two_of_a_kind(other.key, name.key)
        for name in claim_facts
        if name.kind is FactKind.NAME
    )


def _two_of_a_kind(first: str, second: str) -> bool:
    """Two names that share only their last word, the kind of thing they name, are two of that
    kind ("Rikers Island" and "Hart Island", "High Elf" and "Wood Elf"): an English name puts
    what tells it apart first."""
    ours, theirs = first.split(), second.split()
    return (
        len(ours) > 1
        and len(theirs) > 1
        and ours[-1] == theirs[-1]
        and not (set(ours[:-1]) & set(theirs[:-1])) - NAME_CONNECTORS
    )


def _named_otherwise(fact: Fact, sentence: Sentence) -> bool:
    """Whether a sentence has most of a name's own words: the same one, written another way
    ("US Drug Enforcement Administration", "United States Drug Enforcement Agency"), not
    another in its place."""
    own = _distinctive(fact.key)
    present = {word for word in own if f" {word} " in sentence.folded}
    # Its last word alone is the kind of thing it names: "High Elf" is not a "Wood Elf".
    kind_only = present == {fact.key.split()[-1]}
    return len(own) > 1 and 2 * len(present) >= len(own) and bool(present) and not kind_only


def _distinctive(key: str) -> set[str]:
    return set(key.split()) - NAME_CONNECTORS - ORGANISATION_WORDS - _GENERIC_NAME_WORDS


def _antonym(ours: list[Token], theirs: list[Token], facts: Sequence[Fact]) -> Flip | None:
    """A word of the claim that the sentence lacks, whose antonym it has next to the same words.

    A sentence may go both ways ("prices increased while sales fell"): the antonym counts only
    if it stands nearer the claim's words than any word of the claim's own side does."""
    their_keys = {t.key for t in theirs}
    their_words = [t for t in theirs if t.kind is TokenKind.WORD]
    for at, mine in enumerate(ours):
        if mine.kind is not TokenKind.WORD or _in_fact(mine, facts) or mine.key in their_keys:
            continue
        negated = is_negated(ours, at, scope=_CLAIM_SCOPE)
        # Two reversals make an agreement: "did not approve" is "rejected", "prohibits" is
        # "is not allowed". Both sides read alike, so that one negation over both is none.
        opposed = [
            other
            for index, other in enumerate(theirs)
            if other.kind is TokenKind.WORD
            and are_antonyms(mine, other)
            and is_negated(theirs, index, scope=_CLAIM_SCOPE) == negated
        ]
        if not opposed or any(t.kind is TokenKind.WORD and are_antonyms(mine, t) for t in ours):
            # None here, or the claim goes both ways itself ("would close and then reopen at
            # weekends").
            continue
        near = set().union(*_context(ours, mine.start, mine.end, width=_ANTONYM_CONTEXT))
        opposed = [
            other
            for other in opposed
            if not _comparison_turned(ours, at, theirs, theirs.index(other))
        ]
        for other in opposed:
            same_side = [t for t in their_words if are_antonyms(t, other)]
            closest_same = max((_shared_near(near, theirs, t) for t in same_side), default=0)
            if _shared_near(near, theirs, other) > closest_same:
                return Flip(mine.text, other.text, "antonym", mine.key)
    return None


_THAN_REACH = 4


def _comparison_turned(ours: list[Token], mine: int, theirs: list[Token], their: int) -> bool:
    """Whether two opposite comparatives compare the same two things the other way round, which
    says the same: "lower in summer than in spring" and "higher in spring than in summer";
    "Nancy is younger than Ann" and "Ann is older than Nancy". What stands after "than" on each
    side stands before it on the other, and not after it."""
    ours_than, theirs_than = _than_after(ours, mine), _than_after(theirs, their)
    if ours_than is None or theirs_than is None:
        return False
    ours_after, theirs_after = _clause_words(ours, ours_than), _clause_words(theirs, theirs_than)
    return (
        bool(ours_after & _clause_words(theirs, theirs_than, -1))
        and bool(theirs_after & _clause_words(ours, ours_than, -1))
        and not ours_after & theirs_after
    )


def _than_after(tokens: list[Token], index: int) -> int | None:
    """Where the "than" that follows a comparative stands (None without one)."""
    for ahead in range(index + 1, min(len(tokens), index + 1 + _THAN_REACH)):
        if tokens[ahead].kind is TokenKind.BOUNDARY:
            return None
        if tokens[ahead].folded == "than":
            return ahead
    return None


def _shared_near(near: set[str], tokens: list[Token], token: Token) -> int:
    """How many of these words stand near a token, on either side of it ("staff would be
    allowed" and "by excluding staff")."""
    around = _context(tokens, token.start, token.end, width=_ANTONYM_CONTEXT)
    return len(near & set().union(*around))


def _negation(ours: list[Token], theirs: list[Token], facts: Sequence[Fact]) -> Flip | None:
    """A shared content word that one side negates and the other does not (every time the
    sentence has it). Names count ("A majority of Americans, though not of Republicans");
    numbers and dates are compared as values instead.

    A negated claim may be put in other negative words ("never blindsided" against "had no
    idea it was coming"; "for failing to tell their employer" against "if they fail to tell
    their bosses"): when the source has a negation near any word the claim's negation governs,
    none of those words is reversed."""
    excused: set[int] = set()
    reversed_words: list[tuple[int, int | None, list[int]]] = []
    # The claim's negations are read as written, in a condition or not; a source's in a
    # condition count only where the claim supposes too.
    negated_in_claim = {
        i: negator(ours, i, scope=_CLAIM_SCOPE, in_conditions=True) is not None
        for i in range(len(ours))
    }
    values = [fact for fact in facts if fact.kind is not FactKind.NAME]
    for mine, token in enumerate(ours):
        if not token.is_content or _in_fact(token, values):
            continue
        if any(
            other.key == token.key and negated_in_claim[i] != negated_in_claim[mine]
            for i, other in enumerate(ours)
        ):
            # The claim says it both ways ("fasd is in Debian, whereas z is not in Debian"):
            # which way the source says it is no stance on the claim.
            continue
        places = _closest_places(ours, mine, theirs)
        if not places:
            continue
        negation = (
            negator(ours, mine, scope=_CLAIM_SCOPE, in_conditions=True)
            if negated_in_claim[mine]
            else None
        )
        supposes = is_conditional(ours, negation if negation is not None else mine)
        if negation is not None and (
            any(_negation_near(theirs, i) for i in places)
            or _opposite_governed(ours, negation, theirs, scope=_CLAIM_SCOPE)
            or _restriction(ours, mine, negation, theirs, places)
        ):
            excused.add(negation)
        elif negation is None and _negation_near(ours, mine, within_contrast=True):
            # The claim negates another word of the same statement: "children under 12 are
            # exempt from the rule" against "the rule does not apply to children under 12".
            continue
        elif all(
            is_negated(theirs, i, in_conditions=supposes) != (negation is not None) for i in places
        ) and not (
            negation is None
            and any(
                (their_negation := negator(theirs, i, in_conditions=supposes)) is not None
                and (
                    _opposite_governed(theirs, their_negation, ours, scope=NEGATION_SCOPE)
                    or _restriction(theirs, i, their_negation, ours, [mine])
                )
                for i in places
            )
        ):
            reversed_words.append((mine, negation, places))
    for mine, negation, places in reversed_words:
        if negation is not None and negation in excused:
            continue
        said = _with_context(ours, mine) if negation is not None else ours[mine].text
        other = places[0]
        stated = theirs[other].text if negation is not None else _with_context(theirs, other)
        return Flip(said, stated, "negation", ours[mine].key)
    return None


_EXCEPTIONS = frozenset("except excepting outside besides since".split())
_EXCEPTION_PAIRS = frozenset({("other", "than"), ("apart", "from"), ("aside", "from")})
_ANY_BUT = frozenset(
    "anywhere anyone anybody anything nowhere nobody nothing none one else".split()
)
"""Words before "but" that make it an exception ("anywhere but Germany"), not a contrast ("not
red but blue")."""
_RESTRICTIVE = frozenset("only solely exclusively".split())
_UNIVERSAL = frozenset("every each all".split())
_REVERSATIVE = tuple(
    """unveil uncover unearth unleash unlock unpack unfold unload unite undergo undertake
    understand undermine undo unseat""".split()
)
"""Verbs that "un-" makes into another deed, not into the absence of one ("unveiled")."""
_PRIVATIVE_ENDINGS = ("ed", "en")
_SHORTEST_PRIVATIVE = 7
_RESTRICTION_REACH = 8


def _restriction(
    negated: list[Token], index: int, negation: int, other: list[Token], places: list[int]
) -> bool:
    """Whether a negation and the other side's plain words are one restriction in two wordings.
    The negated side names an exception the other lacks: "never released outside France" is
    "released only in France", as are "not a hit anywhere but Germany" and "no one other than
    the mayor". Or the other side says less in other words near the word: "only", restricting
    to what the negated clause does not name ("survives only briefly outside the body" against
    "cannot survive outside the body for long", but not "released only in France" against "not
    released in France"); or an "un-" word or "every" in the place of the negated verb
    ("remained unbeaten at home" against "did not lose a home game", "appeared in every game"
    against "did not miss a game"; but not "passed unopposed" against "not passed", nor "every
    resident was evacuated" against "no resident was evacuated")."""
    exception = _exception_after(negated, index)
    if exception is not None and all(token.folded != exception for token in other):
        return True
    clause = _clause_words(negated, index)
    verb = next((t.key for t in negated[negation + 1 :] if t.is_content), None)
    other_keys = {token.key for token in other}
    for place in places:
        for at in _near_in_clause(other, place):
            token = other[at]
            if token.folded in _RESTRICTIVE and not (at > 0 and other[at - 1].folded == "not"):
                if not _clause_words(other, at) <= clause:
                    return True
            elif (
                abs(at - place) <= NEGATION_SCOPE
                and (_privative(token) or token.folded in _UNIVERSAL)
                and verb not in other_keys
            ):
                return True
    return False


def _clause_words(tokens: list[Token], index: int, step: int = 1) -> set[str]:
    """The content words after a token (before it, with `step` -1), to the edge of its clause."""
    words: set[str] = set()
    at = index + step
    while 0 <= at < len(tokens) and tokens[at].kind is not TokenKind.BOUNDARY:
        if tokens[at].is_content:
            words.add(tokens[at].key)
        at += step
    return words


def _near_in_clause(tokens: list[Token], index: int) -> list[int]:
    """The places of the tokens within reach of one, on either side, in its clause."""
    near: list[int] = []
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(tokens) and abs(at - index) <= _RESTRICTION_REACH:
            if tokens[at].kind is TokenKind.BOUNDARY:
                break
            near.append(at)
            at += step
    return near


def _exception_after(tokens: list[Token], index: int) -> str | None:
    """The word after a token in its clause that excepts something from what is said of it."""
    for ahead in range(index + 1, min(len(tokens), index + 1 + _RESTRICTION_REACH)):
        token = tokens[ahead]
        if token.kind is TokenKind.BOUNDARY:
            return None
        following = tokens[ahead + 1].folded if ahead + 1 < len(tokens) else ""
        if (
            token.folded in _EXCEPTIONS
            or (token.folded, following) in _EXCEPTION_PAIRS
            or (token.folded == "but" and tokens[ahead - 1].folded in _ANY_BUT)
        ):
            return token.folded
    return None


def _privative(token: Token) -> bool:
    word = token.folded
    return (
        word.startswith("un")
        and len(word) >= _SHORTEST_PRIVATIVE
        and word.endswith(_PRIVATIVE_ENDINGS)
        and not word.startswith(_REVERSATIVE)
    )


_PREFERENCES = (("instead", "of"), ("rather", "than"), ("in", "place", "of"))
"""Words that put one thing in the place of another: which side is which is the statement."""
_PREFERENCE_OPENERS = frozenset(phrase[0] for phrase in _PREFERENCES)
_SIDE_WORDS = 3
"""How many content words next to "instead of" on each side name what stands on that side."""


def _preference_reversed(ours: list[Token], theirs: list[Token]) -> Flip | None:
    """The two sides of "instead of" (or "rather than") swapped: "delivering considered reforms
    instead of hasty punishments" against "delivering hasty punishments instead of considered
    reforms". The content words next to it on each side of the claim's must stand on the other
    side in the sentence, on both sides, more of them than stand on their own side."""
    mine = _preference_at(ours)
    their = _preference_at(theirs) if mine is not None else None
    if mine is None or their is None:
        return None
    before, after = _sides(ours, *mine)
    their_before, their_after = _sides(theirs, *their)
    crossed = len(before & their_after) + len(after & their_before)
    kept = len(before & their_before) + len(after & their_after)
    if before & their_after and after & their_before and crossed > kept:
        return Flip(_around(ours, mine), _around(theirs, their), "order")
    return None


def _roles_reversed(ours: list[Token], theirs: list[Token], facts: Sequence[Fact]) -> Flip | None:
    """The two sides of a relation swapped: "the startup acquired the bank" against "the bank
    acquired the startup". The relation is a verb in the past, as claims tell what happened,
    in the active voice on both sides: a passive or a "by" after it ("was founded in 1998 by",
    "the bill, signed by the governor") turns the sides, and is left alone. The words next to
    it on each side of the claim's must stand on the other side of it in the sentence, and
    none on their own side. Not a relation that holds both ways ("met", "merged with")."""
    for mine, token in enumerate(ours):
        if not _past_verb(token) or _in_fact(token, facts) or not _plain_relation(ours, mine):
            continue
        # Every place the sentence has the word must have its sides crossed: a word written
        # twice ("a 15-year-old boy and a 14-year-old girl") is read at each place.
        places = [i for i, other in enumerate(theirs) if other.key == token.key]
        if places and all(
            _plain_relation(theirs, their) and _sides_crossed(ours, mine, theirs, their)
            for their in places
        ):
            their = places[0]
            return Flip(_around(ours, (mine, mine)), _around(theirs, (their, their)), "roles")
    return None


_RANK_WORDS = frozenset({"first", "second"} | set(ORDINAL_WORDS))
_RANK_OWNERS = frozenset("the its his her their our my your whose this that".split())


def _rank_changed(ours: list[Token], theirs: list[Token]) -> Flip | None:
    """Another rank of the same thing: "the second woman to win" against "the first woman to
    win". "First" and "second" are no facts ("at first", "a second look", "she first won"),
    but after "the" or an owner ("its", "the band's") and before the word they rank they are.
    The sentence must put no rank of the claim's before that word, nor the claim one of the
    sentence's. From "third" on, two ranks are two numbers, compared as facts."""
    for at in range(len(ours)):
        if not _ranks(ours, at):
            continue
        ranked = ours[at + 1].key
        places = [
            i for i in range(len(theirs)) if _ranks(theirs, i) and theirs[i + 1].key == ranked
        ]
        own, written = _ranks_before(ours, ranked), _ranks_before(theirs, ranked)
        if places and not own & written and not own | written <= ORDINAL_WORDS.keys():
            their = places[0]
            return Flip(_rank_phrase(ours, at), _rank_phrase(theirs, their), "rank", ours[at].key)
    return None


def _ranks_before(tokens: list[Token], key: str) -> set[str]:
    """The rank words a text puts right before a word, owned or not ("a second album")."""
    return {
        tokens[i].folded
        for i in range(len(tokens) - 1)
        if tokens[i].folded in _RANK_WORDS and tokens[i + 1].key == key
    }


def _rank_phrase(tokens: list[Token], at: int) -> str:
    return " ".join(token.text for token in tokens[at - 1 : at + 2])


def _ranks(tokens: list[Token], at: int) -> bool:
    """Whether a word is a rank in words put on the content word after it, after "the" or an
    owner."""
    if not 0 < at < len(tokens) - 1 or tokens[at].folded not in _RANK_WORDS:
        return False
    before = tokens[at - 1]
    owned = before.folded in _RANK_OWNERS or before.text.lower().endswith(("'s", "’s"))
    return owned and tokens[at + 1].is_content and tokens[at + 1].kind is TokenKind.WORD


_PAST_ENDING = "ed"
_SHORTEST_PAST = 5
_BE = frozenset("is was are were be been being get got gets getting".split())
_SYMMETRIC = frozenset(
    """met married divorced merged partnered tied drew faced played collaborated debated
    shared resembled compared differed related linked connected associated bordered""".split()
)
"""Relations that hold both ways: "A met B" is "B met A"."""
_BOTH_WAYS = frozenset("with against and versus vs alongside between as like".split())
"""A word right after the relation that makes it hold both ways ("merged with", "drew against")."""
_AGENT_REACH = 8


def _past_verb(token: Token) -> bool:
    """Whether a word reads as a verb's past form ("acquired", "led"): a relation between the
    words on each side of it. A noun's sides are no roles ("Android malware, dubbed Agent
    Smith" is "the Agent Smith malware")."""
    return token.is_content and (
        (token.folded.endswith(_PAST_ENDING) and len(token.folded) >= _SHORTEST_PAST)
        or token.folded in IRREGULAR_VERB_FORMS
    )


def _plain_relation(tokens: list[Token], at: int) -> bool:
    """Whether the verb at `at` is active, with no "by" after it in its clause, and does not
    hold both ways."""
    following = tokens[at + 1].folded if at + 1 < len(tokens) else ""
    if tokens[at].folded in _SYMMETRIC or following in _BOTH_WAYS:
        return False
    if any(t.folded in _BE for t in tokens[max(0, at - 2) : at]):
        return False
    for token in tokens[at + 1 : at + 1 + _AGENT_REACH]:
        if token.kind is TokenKind.BOUNDARY:
            break
        if token.folded == "by":
            return False
    return True


def _sides_crossed(ours: list[Token], mine: int, theirs: list[Token], their: int) -> bool:
    """Whether the words next to the claim's verb on each side, in its clause, are the
    sentence's on the other side, and none on their own: "the startup acquired the regional
    bank" against "the regional bank acquired the startup"."""
    before, after = _phrase(ours, mine, -1), _phrase(ours, mine, 1)
    their_before, their_after = _phrase(theirs, their, -1), _phrase(theirs, their, 1)
    return bool(
        before & their_after
        and after & their_before
        and not before & their_before
        and not after & their_after
    )


def _phrase(tokens: list[Token], at: int, step: int) -> set[str]:
    """The keys of the run of content words closest to a token on one side, within its clause
    ("the regional bank" before "acquired")."""
    keys: set[str] = set()
    index = at + step
    while 0 <= index < len(tokens) and tokens[index].kind is not TokenKind.BOUNDARY:
        if tokens[index].is_content:
            keys.add(tokens[index].key)
        elif keys:
            break
        index += step
    return keys


def _preference_at(tokens: list[Token]) -> tuple[int, int] | None:
    """Where the first of the preferring phrases stands in a text: its first and last token."""
    for index, token in enumerate(tokens):
        if token.folded not in _PREFERENCE_OPENERS:
            continue
        for phrase in _PREFERENCES:
            if tuple(t.folded for t in tokens[index : index + len(phrase)]) == phrase:
                return index, index + len(phrase) - 1
    return None


def _sides(tokens: list[Token], first: int, last: int) -> tuple[set[str], set[str]]:
    """The few content words next to a phrase on each side, within its sentence's clause (a
    comma may stand between: "a fingerprint sensor, instead of FaceID"), and each two words
    next to each other written together ("Face ID" is "FaceID")."""
    sides: tuple[set[str], set[str]] = (set(), set())
    for side, at, step in ((sides[0], first - 1, -1), (sides[1], last + 1, 1)):
        words: list[Token] = []
        while 0 <= at < len(tokens) and sum(t.is_content for t in words) < _SIDE_WORDS:
            if tokens[at].kind is TokenKind.BOUNDARY and (words or tokens[at].folded != ","):
                break
            if tokens[at].kind is not TokenKind.BOUNDARY:
                words.append(tokens[at])
            at += step
        in_order = words[::step]
        side.update(form for t in words if t.is_content for form in (t.key, t.folded))
        side.update(a.folded + b.folded for a, b in zip(in_order, in_order[1:], strict=False))
    return sides


def _around(tokens: list[Token], span: tuple[int, int]) -> str:
    """A phrase with the three tokens on each side of it."""
    first, last = span
    return " ".join(t.text for t in tokens[max(0, first - 3) : last + 4])


_DENIED_WORDS = 2
"""How many of the claim's content words a denied clause must have to deny the claim."""


def _denial(ours: list[Token], theirs: list[Token]) -> Flip | None:
    """The claim's words stated in the sentence as what is not so: "hydrangeas need constant
    watering" against "One common misconception, though, is that they need constant water".
    The denied clause must hold more of the claim's words than the sentence before the denying
    word does, so that the claim is what is denied, not a word of its setting."""
    if not any(token.folded in DENYING for token in theirs) or frames_belief(ours):
        return None
    if any(
        token.folded in DENYING and denied_clause(ours, index) is not None
        for index, token in enumerate(ours)
    ):
        # The claim denies too ("no evidence indicated that ..."): it reports the denial.
        return None
    wanted = {token.key for token in ours if token.is_content}
    for index, token in enumerate(theirs):
        if token.folded not in DENYING:
            continue
        start = denied_clause(theirs, index)
        if start is None:
            continue
        inside = [t for t in theirs[start:] if t.is_content and t.key in wanted]
        before = {t.key for t in theirs[:index] if t.is_content} & wanted
        if len({t.key for t in inside}) >= max(_DENIED_WORDS, len(before) + 1):
            said = next(t.text for t in ours if t.key == inside[0].key)
            stated = " ".join(t.text for t in theirs[index : start + 3])
            return Flip(said, stated, "denial", inside[0].key)
    return None


_NEGATING_NOUNS = frozenset("failure refusal inability absence limitation denial lack".split())
"""Negations that govern only what follows them ("the failure of the state"): after a word,
they say nothing of it ("too often the failure")."""


def _opposite_governed(
    tokens: list[Token], negation: int, other: list[Token], *, scope: int
) -> bool:
    """Whether the other text has, un-negated, the antonym of a word this negation governs: "did
    not approve the plan" is "rejected the plan", "did not close" is "remained open". Not an
    antonym this text has too: "not smaller than large tuples, but bigger than small ones"."""
    own = {token.key for token in tokens}
    governed = [
        token
        for index, token in enumerate(tokens)
        if token.kind is TokenKind.WORD
        and negator(tokens, index, scope=scope, in_conditions=True) == negation
    ]
    return any(
        word.kind is TokenKind.WORD
        and word.key not in own
        and not is_negated(other, index)
        and are_antonyms(token, word)
        for token in governed
        for index, word in enumerate(other)
    )


def _negation_near(tokens: list[Token], index: int, *, within_contrast: bool = False) -> bool:
    """Whether a negation stands in the clause of the token at `index`, before or after it; on
    its side of a contrast ("works in Emacs but not from the shell"), if `within_contrast`."""
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(tokens) and abs(at - index) <= _CLAIM_SCOPE:
            if tokens[at].kind is TokenKind.BOUNDARY or (
                within_contrast and tokens[at].folded in SCOPE_ENDS and not negates(tokens, at)
            ):
                break
            if negates(tokens, at) and not (step == 1 and tokens[at].folded in _NEGATING_NOUNS):
                return True
            at += step
    return False


def _closest_places(ours: list[Token], mine: int, theirs: list[Token]) -> list[int]:
    """Where the sentence has the claim's word, keeping the places whose neighbours are most
    like the claim's ("supports HDR10 but doesn't support Dolby Vision")."""
    token = ours[mine]
    places = [i for i, t in enumerate(theirs) if t.key == token.key]
    if len(places) <= 1:
        return places
    near = set().union(*_context(ours, token.start, token.end))
    shared = {
        i: len(near & set().union(*_context(theirs, theirs[i].start, theirs[i].end)))
        for i in places
    }
    best = max(shared.values())
    return [i for i in places if shared[i] == best]


def _with_context(tokens: list[Token], index: int) -> str:
    start = max(0, index - 3)
    return " ".join(token.text for token in tokens[start : index + 1])


def _in_fact(token: Token, facts: Sequence[Fact]) -> bool:
    return any(fact.start <= token.start and token.end <= fact.end for fact in facts)
