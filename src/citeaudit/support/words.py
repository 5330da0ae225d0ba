"""Words of claims and sources in comparable form: folding, stems and tokens with their spans.

`fold` reduces text for comparison (case, diacritics, Cyrillic transliterated to Latin,
punctuation). `stem` is a crude English stemmer, enough to match `arrested`/`arrest`,
`using`/`used`. `tokenize` cuts text into `Token`s that keep where they stand and how they were
written: numbers apart from a unit written against them (`80TB` is `80` and `tb`), identifiers
whole (`802.11ac`, `A320neo`, `COVID-19`, `BA.2`, `1.8.3`), words with their apostrophes
(`doesn't`), and the punctuation that ends a clause, so that alignment and negation scope can
see clause boundaries.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

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
_INNER_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’ʼ](?=[^\W\d_])")
_TRADEMARKS = re.compile("[™®©℠]")
"""Signs that compatibility decomposition would turn into letters ("Journey™" into "journeytm")."""
_NOT_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"[^\W\d_]+")
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")

UNITS: dict[str, str] = {
    **dict.fromkeys(("%", "percent", "per cent", "pct"), "%"),
    **dict.fromkeys(("°c", "°", "degrees celsius", "degrees", "degree", "celsius"), "deg"),
    **dict.fromkeys(("°f", "fahrenheit", "degrees fahrenheit"), "degf"),
    **dict.fromkeys(("tb", "terabytes", "terabyte"), "tb"),
    **dict.fromkeys(("gb", "gigabytes", "gigabyte"), "gb"),
    **dict.fromkeys(("mb", "megabytes", "megabyte"), "mb"),
    **dict.fromkeys(("kb", "kilobytes", "kilobyte"), "kb"),
    **dict.fromkeys(("km", "kilometres", "kilometers", "kilometre", "kilometer"), "km"),
    **dict.fromkeys(("m", "metres", "meters", "metre", "meter"), "m"),
    **dict.fromkeys(("cm", "centimetres", "centimeters"), "cm"),
    **dict.fromkeys(("mm", "millimetres", "millimeters"), "mm"),
    **dict.fromkeys(("mi", "miles", "mile"), "mile"),
    **dict.fromkeys(("ft", "feet", "foot"), "ft"),
    **dict.fromkeys(("in", "inches", "inch"), "in"),
    **dict.fromkeys(("kg", "kilograms", "kilogram", "kilos"), "kg"),
    **dict.fromkeys(("g", "grams", "gram", "grammes"), "g"),
    **dict.fromkeys(("mg", "milligrams", "milligram"), "mg"),
    **dict.fromkeys(("oz", "ounces", "ounce"), "oz"),
    **dict.fromkeys(("l", "litres", "liters", "litre", "liter"), "l"),
    **dict.fromkeys(("ml", "millilitres", "milliliters", "millilitre", "milliliter"), "ml"),
    **dict.fromkeys(("lb", "lbs", "pounds weight"), "lb"),
    **dict.fromkeys(("mw", "megawatts", "megawatt"), "mw"),
    **dict.fromkeys(("gw", "gigawatts", "gigawatt"), "gw"),
    **dict.fromkeys(("kw", "kilowatts", "kilowatt"), "kw"),
    **dict.fromkeys(("ghz",), "ghz"),
    **dict.fromkeys(("mhz",), "mhz"),
    **dict.fromkeys(("hrs", "hours", "hour"), "hour"),
    **dict.fromkeys(("db", "decibels", "decibel"), "db"),
    **dict.fromkeys(("ha", "hectares", "hectare"), "ha"),
}
"""Units as written (folded) to one name each; a number's unit is compared by that name."""
ATTACHED_ONLY_UNITS = frozenset({"in"})
"""Units that are common words too: a unit only against the number (`6in`, not "6 in 10")."""
CURRENCIES: dict[str, str] = {
    **dict.fromkeys(("$", "us$", "usd", "dollars", "dollar"), "usd"),
    **dict.fromkeys(("hk$",), "hkd"),
    **dict.fromkeys(("nz$", "nzd"), "nzd"),
    **dict.fromkeys(("€", "eur", "euros", "euro"), "eur"),
    **dict.fromkeys(("£", "gbp", "pounds", "pound", "sterling"), "gbp"),
    **dict.fromkeys(("¥", "yen", "jpy"), "jpy"),
    **dict.fromkeys(("yuan", "cny", "rmb", "renminbi"), "cny"),
    **dict.fromkeys(("₹", "rupees", "rupee", "inr"), "inr"),
    **dict.fromkeys(("a$", "aud"), "aud"),
    **dict.fromkeys(("c$", "cad"), "cad"),
    **dict.fromkeys(("chf", "francs"), "chf"),
}
"""Currency signs, codes and names to an ISO code."""

# Letters a number may carry that are a unit (`80TB`, `22mm`) or an ordinal (`117th`); any other
# letters against digits make an identifier (`802.11ac`, `5G`).
_ORDINAL = frozenset({"st", "nd", "rd", "th"})
_ATTACHED = frozenset(UNITS) | _ORDINAL | {"s", "k", "bn", "m", "hrs", "h"}
_GENERATIONS = frozenset({"G"})
"""Letters against a number that name a generation, not a unit: `5G` is no five grams."""
_TOKEN = re.compile(
    r"(?P<ident>"
    r"\d+(?:\.\d+){2,}[a-z]*\b"  # 1.8.3
    r"|[^\W\d_]+[-.]?\d(?:[\w.-]*\w)?"  # COVID-19, BA.2, M83, A320neo, COP28
    r"|\d+(?:\.\d+)?[^\W\d_]+\d[\w]*"  # 3D2
    r")"
    r"|(?P<number>\d{1,3}(?:(?:[,.\u00a0\u202f]| (?=\d{3}\b))\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?P<attached>[^\W\d_]+)?"
    r"|(?P<symbol>°[CF]\b|\b(?:US|A|C|HK|NZ)\$|[%$€£¥₹°])"
    # "U.S.", "U.K.": initials of one name, one word (as "US", "UK").
    r"|(?P<dotted>\b(?:[A-Z]\.){2,})"
    # "Carissa F. Etienne", "Ar. Rukh.": an initial or a short abbreviation ends no name.
    r"|(?P<initial>\b[A-Z][a-z]{0,3}\.(?=\s+[A-Z]))"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<stop>[.;:!?,()\[\]—–]|\s-\s)"
)


class TokenKind(enum.Enum):
    """What a token is: a word, a number, an identifier, a sign, or a clause boundary."""

    WORD = "word"
    NUMBER = "number"
    IDENTIFIER = "identifier"
    SYMBOL = "symbol"
    BOUNDARY = "boundary"


@dataclass(frozen=True)
class Token:
    """One token of a text: where it stands, as written, folded, and what it is."""

    start: int
    end: int
    text: str
    folded: str
    kind: TokenKind

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()

    @cached_property
    def key(self) -> str:
        """What alignment compares: a word's stem, a number's digits, an identifier folded
        (read once: alignment asks for it over and over)."""
        if self.kind is TokenKind.WORD:
            return stem(self.folded)
        if self.kind is TokenKind.NUMBER:
            return re.sub(r"[,\s]", "", self.folded)
        return self.folded

    @cached_property
    def lemma(self) -> str:
        """The stem of the word's base form (see `lemma_stem`), read once."""
        return lemma_stem(self.folded)

    @property
    def is_content(self) -> bool:
        """A word that carries meaning: not a stopword, three letters or more."""
        return (
            self.kind is TokenKind.WORD
            and len(self.folded) > 2
            and self.folded not in ENGLISH_STOPWORDS
        )


def fold(text: str) -> str:
    """Text reduced for comparison: lower case, no diacritics, Latin letters, single spaces.

    Possessive endings go (`Toregozhina's` is `toregozhina`), so do punctuation and hyphens;
    an apostrophe inside a word joins it (`O'Brien` is `obrien`, `aren't` is `arent`), as a
    name read on its own is.
    """
    text = _INNER_APOSTROPHE.sub("", _POSSESSIVE.sub("", text)).casefold()
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", _TRADEMARKS.sub(" ", text))
        text = _COMBINING_MARKS.sub("", decomposed).translate(_TRANSLITERATION)
    return _NOT_WORD.sub(" ", text).strip()


def join_dotted(text: str) -> str:
    """Dotted abbreviations written as one word: `U.S.` is `US`, `U.K.` is `UK`."""
    return _DOTTED.sub(lambda match: match.group(0).replace(".", ""), text)


def fold_word(word: str) -> str:
    """One word folded, its inner apostrophes dropped (`doesn't` is `doesnt`)."""
    return fold(word).replace(" ", "")


_IRREGULAR = {
    form: base
    for base, forms in {
        "arise": "arose arisen",
        "become": "became",
        "begin": "began begun",
        "bite": "bit bitten",
        "break": "broke broken",
        "bring": "brought",
        "build": "built",
        "buy": "bought",
        "catch": "caught",
        "child": "children",
        "choose": "chose chosen",
        "come": "came",
        "deal": "dealt",
        "draw": "drew drawn",
        "drive": "drove driven",
        "eat": "ate eaten",
        "fall": "fell fallen",
        "feed": "fed",
        "feel": "felt",
        "fight": "fought",
        "find": "found",
        "flee": "fled",
        "fly": "flew flown",
        "forbid": "forbade forbidden",
        "freeze": "froze frozen",
        "get": "got gotten",
        "give": "gave given",
        "go": "went gone",
        "grow": "grew grown",
        "hear": "heard",
        "hide": "hid hidden",
        "hold": "held",
        "keep": "kept",
        "know": "knew known",
        "lead": "led",
        "lose": "lost",
        "make": "made",
        "man": "men",
        "mean": "meant",
        "meet": "met",
        "pay": "paid",
        "person": "people",
        "ride": "rode ridden",
        "rise": "rose risen",
        "run": "ran",
        "say": "said",
        "see": "saw seen",
        "seek": "sought",
        "sell": "sold",
        "send": "sent",
        "shake": "shook shaken",
        "shoot": "shot",
        "sing": "sang sung",
        "sink": "sank sunk",
        "sit": "sat",
        "sleep": "slept",
        "speak": "spoke spoken",
        "spend": "spent",
        "stand": "stood",
        "steal": "stole stolen",
        "strike": "struck stricken",
        "swim": "swam swum",
        "take": "took taken",
        "teach": "taught",
        "tell": "told",
        "think": "thought",
        "throw": "threw thrown",
        "understand": "understood",
        "wake": "woke woken",
        "wear": "wore worn",
        "win": "won",
        "woman": "women",
        "write": "wrote written",
    }.items()
    for form in forms.split()
}
"""Irregular forms of common English verbs and nouns, to their base ("won" is "win", "children"
"child"). Forms that are as often words of their own are left out ("left", "lay"); the few
kept ("found", "saw") only pair antonyms, where such a reading does no harm."""
IRREGULAR_VERB_FORMS = frozenset(
    form for form, base in _IRREGULAR.items() if base not in {"child", "man", "person", "woman"}
)
"""The past forms of the irregular verbs above ("acquired" shows its tense; "won" does not)."""


@lru_cache(maxsize=1 << 16)
def lemma_stem(word: str) -> str:
    """The stem of a folded word's base form: "won" and "wins" are one word, "win". Matching
    words by it finds more of a paraphrase and so more support for what a page does not say;
    it serves where words are paired by meaning (antonyms), not where they are counted."""
    return stem(_IRREGULAR.get(word, word))


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude English stem of a folded word: enough to match `arrested`/`arrest`, `use`/`using`.

    Common suffixes go, then a final `e`, then the stem is cut to six letters.
    """
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
            break
    if len(word) >= 3 and word.endswith("e"):
        word = word[:-1]
    return word[:6]


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


def tokenize(text: str) -> list[Token]:
    """The tokens of a text in order (see the module docstring for what a token is)."""
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "number" or kind == "attached":
            tokens.extend(_number_tokens(match))
        elif kind == "ident":
            tokens.extend(_identifier_tokens(match))
        elif kind == "dotted":
            raw = match.group(kind)
            tokens.append(Token(match.start(), match.end(), raw, fold_word(raw), TokenKind.WORD))
        elif kind == "initial" and _ends_a_sentence(match.group(kind)):
            word, end = match.group(kind)[:-1], match.end() - 1
            tokens.append(Token(match.start(), end, word, fold_word(word), TokenKind.WORD))
            tokens.append(Token(end, match.end(), ".", ".", TokenKind.BOUNDARY))
        elif kind == "word" or kind == "initial":
            raw = match.group(kind)
            folded = fold_word(_POSSESSIVE.sub("", raw)) or fold_word(raw)
            tokens.append(Token(match.start(), match.end(), raw, folded, TokenKind.WORD))
        elif kind == "symbol":
            raw = match.group("symbol")
            tokens.append(Token(match.start(), match.end(), raw, raw.lower(), TokenKind.SYMBOL))
        else:
            raw = match.group(0)
            tokens.append(Token(match.start(), match.end(), raw, raw.strip(), TokenKind.BOUNDARY))
    return tokens


def _ends_a_sentence(initial: str) -> bool:
    """Whether a short capitalised word before a full stop is a sentence of its own, not an
    abbreviation: "No. Assistance dogs are always permitted." ("No. 5" has a digit after)."""
    word = initial[:-1].lower()
    return len(word) > 1 and (word in ENGLISH_STOPWORDS or word == "yes")


def _identifier_tokens(match: re.Match[str]) -> list[Token]:
    raw, start = match.group("ident"), match.start()
    # "mid-2020", "top-10": a lower-case word before a hyphen is a word, not part of a code.
    prefix = re.fullmatch(r"([^\W\d_]+)-(\d+)", raw)
    if prefix and prefix.group(1).islower():
        word, digits = prefix.group(1), prefix.group(2)
        middle = start + len(word) + 1
        return [
            Token(start, start + len(word), word, fold_word(word), TokenKind.WORD),
            Token(middle, match.end(), digits, digits, TokenKind.NUMBER),
        ]
    return [Token(start, match.end(), raw, _ident_key(raw), TokenKind.IDENTIFIER)]


def _number_tokens(match: re.Match[str]) -> list[Token]:
    number, attached = match.group("number"), match.group("attached")
    start, middle = match.start("number"), match.end("number")
    if attached and (attached.lower() not in _ATTACHED or attached in _GENERATIONS):
        raw = match.group(0)
        return [Token(start, match.end(), raw, _ident_key(raw), TokenKind.IDENTIFIER)]
    tokens = [Token(start, middle, number, number, TokenKind.NUMBER)]
    if attached and attached.lower() not in _ORDINAL:
        tokens.append(Token(middle, match.end(), attached, attached.lower(), TokenKind.WORD))
    return tokens


def _ident_key(raw: str) -> str:
    """An identifier folded: lower case, separators gone (`COVID-19` and `Covid19` agree)."""
    return re.sub(r"[-._]", "", fold(raw).replace(" ", ""))
