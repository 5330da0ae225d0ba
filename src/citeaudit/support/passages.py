"""A cited source cut into sentences and indexed once, to check many claims against.

`prepare_source` splits a source's text into sentences (lines split at sentence ends, long runs
cut), reads each sentence's tokens, content stems and facts, and counts in how many sentences
each stem occurs: a word found in every paragraph of a page says what the page is about, not
that it states a claim, so claim words are weighed by how specific they are to a passage
(`PreparedSource.weight`). It also keeps what helps to read names: the words the page writes
capitalised inside a sentence, and the short forms it defines ("Pan American Health
Organization (PAHO)").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property

from citeaudit.model import SourceText
from citeaudit.support.facts import Fact, FactKind, facts_of
from citeaudit.support.words import Token, TokenKind, content_stems, fold, join_dotted, tokenize

# Not after an ordinal ("14. Oktober"), an initial ("Anthony J. Blinken") or a short
# abbreviation ("Nov. 8", "Dr. Etienne", "Gov. Inslee").
SENTENCE_END = re.compile(
    r"(?<!\d\.)(?<!\b[A-Z]\.)(?<!\b[A-Z][a-z]\.)(?<!\b[A-Z][a-z]{2}\.)"
    r"(?<=[.!?…])\s+(?=[\"“«(]?[^\W_])"
)
_LONG_LINE = 600
_TITLE_WEIGHT = 0.25
_SHORT_FORM = re.compile(
    r"((?:[A-Z][\w&'’-]*\s+(?:(?:of|for|and|the|de|on)\s+){0,2}){1,8})\(([A-Z][A-Za-z&]{1,9})\)"
)


@dataclass(eq=False)
class Sentence:
    """One sentence of a source: its text, tokens, content stems and facts."""

    text: str
    tokens: list[Token]
    stems: frozenset[str]
    folded: str
    """The folded text with single letters dropped, padded with spaces for phrase look-ups."""

    @cached_property
    def facts(self) -> list[Fact]:
        return facts_of(self.text)


@dataclass
class PreparedSource:
    """A source split into sentences and indexed once."""

    source: SourceText
    sentences: list[Sentence]
    document_frequency: Counter[str]
    capitalised: frozenset[str]
    """Folded words the page writes capitalised inside a sentence: names, not common words."""
    short_forms: dict[str, str]
    """Short forms the page defines, both ways: `paho` to its full name and back (folded)."""
    title_folded: str
    title_stems: frozenset[str]
    folded: str = field(default="")

    def weight(self, stem: str) -> float:
        """How specific a claim word is to one passage of this page: 1 for a word in one
        sentence or none, falling towards 0 for a word in every sentence; a word of the page's
        own title says what the page is about, and weighs little wherever it stands."""
        total = len(self.sentences)
        frequency = self.document_frequency.get(stem, 0)
        specific = 1.0
        if total > 1 and frequency > 1:
            specific = max(0.0, math.log((total + 1) / frequency) / math.log(total + 1))
        return min(specific, _TITLE_WEIGHT) if stem in self.title_stems else specific

    @cached_property
    def author_keys(self) -> frozenset[str]:
        """The keys of the page's authors' names, as a claim's names are keyed ("Michael L.
        Anderson" is `michael anderson`)."""
        return frozenset(fact.key for author in self.source.authors for fact in facts_of(author))

    @cached_property
    def page_facts(self) -> list[Fact]:
        return [fact for sentence in self.sentences for fact in sentence.facts]

    @cached_property
    def elsewhere(self) -> PreparedSource | None:
        """The rest of the page's visible text (`SourceText.elsewhere`), prepared on first use:
        only a claim its main text does not state is looked for there."""
        if not self.source.elsewhere:
            return None
        return prepare_source(replace(self.source, text=self.source.elsewhere, elsewhere=""))


def prepare_source(source: SourceText) -> PreparedSource:
    """Cut a source's text into sentences and index them."""
    sentences = [_sentence(source.text[start:end]) for start, end in sentence_spans(source.text)]
    frequency: Counter[str] = Counter()
    capitalised: set[str] = set()
    for sentence in sentences:
        frequency.update(sentence.stems)
        words = [token for token in sentence.tokens if token.kind is TokenKind.WORD]
        capitalised |= {token.folded for token in words[1:] if token.is_capitalised}
    titles = " ".join(source.titles or ((source.title,) if source.title else ()))
    return PreparedSource(
        source,
        sentences,
        frequency,
        frozenset(capitalised),
        _short_forms(source.text),
        f" {fold(titles)} ",
        frozenset(content_stems(titles)),
        folded=" " + " ".join(sentence.folded.strip() for sentence in sentences) + " ",
    )


def _sentence(text: str) -> Sentence:
    tokens = tokenize(text)
    stems = frozenset(token.key for token in tokens if token.is_content)
    words = (word for word in fold(join_dotted(text)).split() if len(word) > 1)
    return Sentence(text, tokens, stems, " " + " ".join(words) + " ")


def _short_forms(text: str) -> dict[str, str]:
    forms: dict[str, str] = {}
    for match in _SHORT_FORM.finditer(text):
        full, short = match.group(1).strip(), match.group(2)
        initials = "".join(word[0] for word in full.split() if word[0].isupper()).lower()
        letters = short.lower().replace("&", "")
        # "Showa Denko K.K. (SDK)": the short form's letters start the full name's words in order.
        if letters[:1] != initials[:1] or not _in_order(letters, initials):
            continue
        folded_full = " ".join(word for word in fold(full).split() if len(word) > 1)
        forms[fold(short)] = folded_full
        forms[folded_full] = fold(short)
    return forms


def _in_order(letters: str, initials: str) -> bool:
    position = 0
    for letter in letters:
        position = initials.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of a text stands: lines split at sentence ends, long runs cut."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end_mark in SENTENCE_END.finditer(text, line.start(), line.end()):
            spans.extend(_cut_long(text, start, end_mark.start()))
            start = end_mark.end()
        spans.extend(_cut_long(text, start, line.end()))
    return [(start, end) for start, end in spans if text[start:end].strip()]


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    # PDFs and scraped tables give lines with no sentence end: cut them at a space.
    pieces = []
    while end - start > _LONG_LINE:
        cut = text.rfind(" ", start, start + _LONG_LINE)
        cut = cut if cut > start else start + _LONG_LINE
        pieces.append((start, cut))
        start = cut + 1
    pieces.append((start, end))
    return pieces


def has_kind(source: PreparedSource, kind: FactKind) -> bool:
    """Whether a source states any fact of a kind at all: only then does lacking one count."""
    return any(fact.kind is kind for fact in source.page_facts)
