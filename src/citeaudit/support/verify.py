"""Does the cited source say it? A verdict per sentence and the sources it cites.

The rules, for each source a sentence cites:
1. read the claim's facts (numbers with units, dates, identifiers, names, quotes; see
   `citeaudit.support.facts`) and its content words, each weighed by how specific it is to one
   passage of the page (a word in every paragraph is what the page is about, not evidence);
2. find the best passage: one sentence, or two or three adjacent ones, sharing most of the
   claim's weighed words and facts;
3. line the claim up with each sentence of that passage and the page's closest sentences
   (`citeaudit.support.align`): another number, date, identifier or name where the claim has
   its own, the claim's values paired otherwise, a negation, an antonym or the other side of a
   comparison in place of the claim's word; none of it counts when another sentence at least
   as close states the claim as it is.

Verdicts:
- `contradicted`: the passage speaks of the same thing (most of the rest of the claim is there)
  and states another value for one of its facts, or reverses its stance; the conflicting values
  and the passage are the evidence;
- `supported`: every fact is in the passage, its stance agrees, it covers most of the claim's
  weighed words (the predicate, not just the names) and lacks no two adjacent ones (a clause
  or qualifier the source does not state);
- `not-found`: every cited source was read in full, none states the claim's numbers, dates,
  codes or quotes beside more of its words, and either one of its facts is nowhere (names that
  only name the page's topic do not count) while the best passage itself says less than half
  of the rest of the claim, or no passage shares much of its words; a compound claim one part
  of which the passage states, or a claim the rest of the page (beyond its main text) states
  in full, is `partial` instead;
- `partial`: anything between; the reason names what is missing;
- `unverifiable`: there is no text to read, or too little of it to say `not-found`.

Several sources cited on one sentence share the load: a fact found in any of them is found,
and the words their best passages cover add up. When every source is in another language than
the article, only language-neutral facts (numbers, dates, identifiers, names) are compared.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from citeaudit.model import SourceText, SupportVerdict, join_reasons
from citeaudit.support.align import Conflict, Flip, align, date_agrees, misplaced_value, states
from citeaudit.support.facts import ORDINAL_WORDS, Fact, FactKind, facts_of
from citeaudit.support.metadata import is_usurped
from citeaudit.support.passages import (
    SENTENCE_END,
    PreparedSource,
    Sentence,
    has_kind,
    prepare_source,
)
from citeaudit.support.words import Token, TokenKind, tokenize

_WINDOW = 3
_FEW_WORDS = 3
"""Fewer of a claim's other words than this in a passage are no evidence that it states the
claim, whatever share of a short claim they are ("designed" of "designed by the architect")."""
_TITLE_WORDS = 2
"""A quotation of this many words or fewer names something (a song, a book) more often than
it quotes what someone said."""
_CANDIDATES = 5
"""Sentences beyond the best passage that are lined up with a claim to find a changed value."""
_ANCHORED = 0.4
"""The weighed share of a claim's words a sentence must have to speak of the same thing."""
_MARGIN = 0.2
"""How much closer to the claim a sentence stating another value must be than one stating the
claim's own, for the other value to count as a conflict."""
_SUBJECT_MENTIONS = 3
_SUBJECT_SHARE = 0.1
"""A name in at least this many sentences, and this share of them, is what the page is about."""
_EVIDENCE_CHARS = 300
_ADDED_PHRASE = 2
"""How many adjacent claim words the best passage lacks make a phrase the source does not state."""
_LANGUAGE_NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "ru": "Russian",
    "uk": "Ukrainian",
    "pl": "Polish",
    "tr": "Turkish",
    "kk": "Kazakh",
}


@dataclass(frozen=True)
class Thresholds:
    """The shares of the claim's weighed words a best passage must cover.

    `supported`: at least this share, with every fact found in the passage; `contradicted`:
    the rest of the claim must be this much there for a conflict to be about the same thing;
    below `not_found`, with one of its facts nowhere in the source and none of its numbers,
    dates or codes anywhere, a fully read source does not state the claim; so too below
    `words_only` when the claim has at least `min_words` other words (a paraphrase shares few,
    so this asks for next to none).
    `min_chars`: a source with less text is never said to lack a claim.
    """

    supported: float = 0.75
    contradicted: float = 0.4
    not_found: float = 0.35
    words_only: float = 0.15
    min_words: int = 4
    predicate: float = 0.5
    min_chars: int = 300


@dataclass(frozen=True)
class Evidence:
    """The passage of one source that comes closest to the claim, quoted briefly."""

    url: str | None
    passage: str


@dataclass(frozen=True)
class SupportResult:
    """The verdict on one sentence, with what was found, missing or stated otherwise.

    `conflicts` are the claim's values and the source's in their place (for `contradicted`);
    `flips` where the source's stance reverses the claim's. `score` is a model verifier's
    confidence in the verdict (None for the rules).
    """

    verdict: SupportVerdict
    reason: str
    found: tuple[Fact, ...] = ()
    missing: tuple[Fact, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    coverage: float | None = None
    """Weighed share of the claim's words in the best passages (None when not compared)."""
    language_neutral: bool = False
    """Only numbers, dates and names were compared: the sources are in another language."""
    conflicts: tuple[Conflict, ...] = ()
    flips: tuple[Flip, ...] = ()
    score: float | None = None

    def describe(self) -> str:
        """One line for a report: the verdict, why, and the best passage quoted."""
        line = f"{self.verdict.value}: {self.reason}"
        if self.evidence:
            best = self.evidence[0]
            line += f". Closest passage: “{best.passage}”" + (f" ({best.url})" if best.url else "")
        return line

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (verdict as its kebab-case word)."""
        return {
            "verdict": self.verdict.value,
            "reason": self.reason,
            "found": [{"kind": fact.kind.value, "text": fact.text} for fact in self.found],
            "missing": [{"kind": fact.kind.value, "text": fact.text} for fact in self.missing],
            "conflicts": [
                {"kind": c.kind.value, "claim": c.claim, "source": c.source} for c in self.conflicts
            ],
            "evidence": [{"url": item.url, "passage": item.passage} for item in self.evidence],
            "coverage": self.coverage,
            "language_neutral": self.language_neutral,
            "score": self.score,
        }


@dataclass
class _Claim:
    """A claim read once: its tokens, facts and weighed content words."""

    text: str
    tokens: list[Token]
    facts: list[Fact]
    stems: list[str]
    """Content stems, in order, without repeats."""
    fact_stems: frozenset[str]
    """Stems inside the claim's facts (names): checked as facts, not as words."""

    @classmethod
    def read(cls, text: str) -> _Claim:
        tokens = tokenize(text)
        stems = list(dict.fromkeys(token.key for token in tokens if token.is_content))
        return cls(text, tokens, facts_of(text), stems, frozenset()).with_facts(facts_of(text))

    def with_facts(self, facts: list[Fact]) -> _Claim:
        """The claim with these facts (a lone opening word no source writes as a name dropped):
        the words inside them are checked as facts, not as words; an ordinal is both ("the
        third developer beta" is a rank and the words of a phrase)."""
        in_facts = frozenset(
            token.key
            for token in self.tokens
            if token.is_content
            and token.folded not in ORDINAL_WORDS
            and any(fact.start <= token.start and token.end <= fact.end for fact in facts)
        )
        return _Claim(self.text, self.tokens, facts, self.stems, in_facts)


@dataclass(frozen=True)
class _Shares:
    """How much of a claim's words, less its facts, its best passages cover: counting the
    page's subject words wherever the page has them (`rest`), or only where the passage does
    (`predicate`)."""

    rest: float
    predicate: float
    words: int
    """How many of the claim's other words the passage has."""


@dataclass
class _Reading:
    """What one source's best passage says of a claim."""

    source: PreparedSource
    passage: list[Sentence]
    score: float
    covered: set[str]
    found: set[Fact]
    conflicts: list[tuple[Fact, Conflict]] = field(default_factory=list)
    flips: list[Flip] = field(default_factory=list)
    anchor: Sentence | None = None
    others: list[tuple[Fact, Conflict]] = field(default_factory=list)
    """Names the passage's closest sentence gives where the claim gives one the page writes
    elsewhere: a second actor, or the claim's name put in another's place."""


def verify_claim(
    claim: str,
    sources: Sequence[SourceText | PreparedSource],
    *,
    article_language: str = "en",
    thresholds: Thresholds | None = None,
) -> SupportResult:
    """The verdict on one sentence against every source it cites (in citation order)."""
    thresholds = thresholds or Thresholds()
    prepared = [s if isinstance(s, PreparedSource) else prepare_source(s) for s in sources]
    readable = [p for p in prepared if p.source.has_text]
    if not prepared:
        return SupportResult(SupportVerdict.UNVERIFIABLE, "the sentence cites no source")
    if not readable:
        reasons = join_reasons(_why_no_text(p.source) for p in prepared)
        return SupportResult(SupportVerdict.UNVERIFIABLE, f"no source text to read: {reasons}")
    parsed = _Claim.read(claim)
    facts = _confirmed(parsed.facts, readable)
    parsed = parsed.with_facts(facts)
    neutral = all(_is_foreign(p.source, article_language) for p in readable)
    if neutral:
        facts = [fact for fact in facts if fact.kind.is_language_neutral]
        result = _neutral_verdict(facts, readable)
    else:
        result = _verdict(parsed, facts, readable, thresholds)
        if result.verdict is SupportVerdict.NOT_FOUND:
            result = _stated_elsewhere(parsed, facts, readable, thresholds) or result
    if result.verdict is SupportVerdict.NOT_FOUND and (doubt := _doubt(prepared, thresholds)):
        result = SupportResult(
            SupportVerdict.UNVERIFIABLE,
            f"{result.reason}; but {doubt}",
            result.found,
            result.missing,
            result.evidence,
            result.coverage,
            result.language_neutral,
        )
    return result


def _stated_elsewhere(
    claim: _Claim, facts: list[Fact], readable: list[PreparedSource], thresholds: Thresholds
) -> SupportResult | None:
    """`partial` when the rest of a page (an author's note, a caption, a side box) states in full
    what its main text does not: the page may well say it, but not where a reader looks first,
    and a menu or a list of other stories can look like a statement. Less than that is no reason
    to doubt a `not-found`: the rest of a page shares words with anything about its subject."""
    rest = [source.elsewhere for source in readable if source.elsewhere is not None]
    if not rest:
        return None
    there = _verdict(claim, facts, rest, thresholds)
    # Every fact of the claim in the rest of the page, most of them in one passage, is as much
    # as a reader finds there: a side box writes "Tim" where the claim writes "Tim Anderson".
    every_fact = (
        there.verdict is SupportVerdict.PARTIAL
        and len(there.found) > len(there.missing)
        and all(any(_on_the_page(fact, page) for page in rest) for fact in there.missing)
    )
    if there.verdict is not SupportVerdict.SUPPORTED and not every_fact:
        return None
    return SupportResult(
        SupportVerdict.PARTIAL,
        f"not in the page's main text, but elsewhere on the page: {there.reason}",
        found=there.found,
        missing=there.missing,
        evidence=there.evidence,
        coverage=there.coverage,
    )


def _with_other_readings(found: set[Fact], facts: list[Fact]) -> set[Fact]:
    """The facts found, and those written in the same words as one found: "the 2019–20 season"
    is stated by a page that says 2020."""
    places = {(fact.start, fact.end) for fact in found}
    return found | {fact for fact in facts if (fact.start, fact.end) in places}


def _in_metadata(fact: Fact, readable: list[PreparedSource]) -> bool:
    """Whether a page states a fact about itself: its date of publication (the claim's, at the
    claim's precision) or one of its authors ("Matthew Davis wrote in January 2019 that ...")."""
    for prepared in readable:
        source = prepared.source
        if fact.kind is FactKind.DATE and source.published:
            if date_agrees(fact.key, {source.published}):
                return True
        if fact.kind is FactKind.NAME and fact.key in prepared.author_keys:
            return True
    return False


def _confirmed(facts: list[Fact], readable: list[PreparedSource]) -> list[Fact]:
    """The claim's facts, less a lone capitalised word opening it that no source writes as a
    name ("Police", "Volunteers" open sentences; "Texas" is written capitalised anywhere)."""
    return [
        replace(fact, weak=False) if fact.weak else fact
        for fact in facts
        if not fact.weak or any(fact.key in source.capitalised for source in readable)
    ]


# --- the rules --------------------------------------------------------------------------------


def _verdict(
    claim: _Claim, facts: list[Fact], readable: list[PreparedSource], thresholds: Thresholds
) -> SupportResult:
    if not facts and not claim.stems:
        return SupportResult(SupportVerdict.UNVERIFIABLE, "the sentence has nothing to check")
    readings = [_read(claim, facts, source) for source in readable]
    in_text = _with_other_readings(set().union(*(reading.found for reading in readings)), facts)
    anywhere = {f for f in facts if any(_on_the_page(f, r.source) for r in readings)}
    topic = {f for f in facts if _names_topic(f, readable)}
    conflicts = [
        (fact, conflict)
        for reading in readings
        for fact, conflict in reading.conflicts
        if fact not in in_text
    ]
    # What the page states of itself (its date, its authors) is found, but excuses no conflict
    # with its text: a page published in 2019 may say the bridge opened in 2017.
    found = in_text | {fact for fact in facts if _in_metadata(fact, readable)}
    flips = [flip for reading in readings for flip in reading.flips]
    coverage = _coverage(claim, readings, exclude_facts=False)
    rest = _coverage(claim, readings, exclude_facts=True)
    evidence = _evidence(readings, claim.text)
    missing = tuple(f for f in facts if f not in found and f not in topic)
    found_facts = tuple(f for f in facts if f in found or (f in topic and f in anywhere))

    def result(verdict: SupportVerdict, reason: str, **more: Any) -> SupportResult:
        return SupportResult(
            verdict, reason, found=found_facts, evidence=evidence, coverage=coverage, **more
        )

    share = f"the best passage shares {coverage:.0%} of the sentence's weighed words"
    if (conflicts or flips) and rest >= thresholds.contradicted:
        said = [f"“{c.claim}” where the source says “{c.source}”" for _, c in conflicts]
        said += [f"“{f.claim}” where the source says “{f.source}”" for f in flips]
        return result(
            SupportVerdict.CONTRADICTED,
            "the source says otherwise: " + "; ".join(said),
            missing=tuple(fact for fact, _ in conflicts),
            conflicts=tuple(conflict for _, conflict in conflicts),
            flips=tuple(flips),
        )
    added = _added_phrases(claim, facts, readings) + _unstated_cause(claim, readings)
    # Another source whose closest sentence has the claim's name settles who it was.
    others = [
        conflict
        for reading in readings
        for fact, conflict in reading.others
        if not any(
            other.anchor is not None and states(fact, [other.anchor], other.source)
            for other in readings
        )
    ]
    if not missing and rest >= thresholds.supported and not added and not others:
        detail = f"{_count(found_facts)} found; {share}" if found_facts else share
        return result(SupportVerdict.SUPPORTED, detail)
    rest_stems = [stem for stem in claim.stems if stem not in claim.fact_stems]
    own = [f for f in facts if f not in topic]
    predicate = _coverage(claim, readings, exclude_facts=True, in_passage=True)
    # A page's own date, to the month, is stated by the page ("In September 2020 the blog
    # published ..."); a year alone may be that of anything the page tells of.
    stated = {
        f
        for f in anywhere | found
        if _pins_down(f)
        and (
            (f.kind is FactKind.DATE and len(f.key) > len("YYYY") and _in_metadata(f, readable))
            or _stated_with_claim_words(f, facts, claim, readings)
        )
    }
    in_passage = sum(any(stem in r.covered for r in readings) for stem in rest_stems)
    shares = _Shares(rest, predicate, in_passage)
    # Next to no other words, a figure is the claim ("The union has about 120,000 members"): a
    # page that gives that value nowhere, in no unit, does not state it.
    bare_figure = len(rest_stems) < thresholds.min_words and any(
        _pins_down(f) and _value_nowhere(f, readable) for f in own if f not in stated
    )
    not_stated = bare_figure or _not_stated(
        own, anywhere, stated, found, shares, rest_stems, thresholds
    )
    if not_stated and not _stated_part(claim, own, found, readings):
        if missing and not found & set(own):
            reason = f"none of the sentence's facts is in the source ({_list(missing)}); {share}"
        elif nowhere := [f for f in missing if f not in anywhere]:
            reason = f"the source does not state it: {_list(nowhere)} is nowhere in it; {share}"
        elif missing:
            reason = (
                f"the source does not state it: {_list(missing)} is on the page, but not where "
                f"the rest of the sentence is; {share}"
            )
        else:
            reason = f"the source does not state it: {share}"
        return result(SupportVerdict.NOT_FOUND, reason, missing=missing)
    elsewhere = [f for f in missing if f in anywhere]
    if missing:
        reason = f"not found in the passage: {_list(missing)}"
        if elsewhere:
            reason += f" (elsewhere on the page: {_list(elsewhere)})"
        reason += f"; {share}"
    else:
        # A sentence with no number, date or name has no fact to have found.
        opening = "every fact found, but " if facts else ""
        if added:
            phrases = ", ".join(f"“{phrase}”" for phrase in added)
            reason = f"{opening}the source does not say {phrases}; {share}"
        elif others:
            named = "; ".join(f"“{c.source}” where the sentence names “{c.claim}”" for c in others)
            reason = f"{opening}the passage's closest sentence names {named}; {share}"
        else:
            reason = f"{opening}{share}"
    return result(SupportVerdict.PARTIAL, reason, missing=missing)


def _not_stated(
    facts: list[Fact],
    anywhere: set[Fact],
    stated: set[Fact],
    in_passage: set[Fact],
    coverage: _Shares,
    rest_stems: list[str],
    thresholds: Thresholds,
) -> bool:
    """Whether the source does not state the claim.

    Not when one of its numbers, dates, codes or quotes stands in a sentence with more of its
    words. Otherwise, when one of its facts is nowhere in the source (a number or date the
    page writes only about something else is not there), and the best passage says less than
    half of the rest of the claim, or shares little of it even counting the page's subject
    words; or when a passage shares next to none of the claim's other words. Names alone do
    not carry a claim: a page about its subject names the same people and places whatever it
    says of them; but a passage that names one of the claim's people with much of the rest of
    its words is partial evidence."""
    if any(f in stated for f in facts):
        return False
    if not rest_stems and facts and not any(f in anywhere for f in facts):
        # Names and figures only ("Example 2: Change Font Size of Axis Text"), none on the page.
        return True
    if len(rest_stems) >= thresholds.min_words and coverage.rest < thresholds.words_only:
        # Names alone, and next to none of the claim's other words.
        return True
    absent = [f for f in facts if f not in anywhere or _pins_down(f)]
    if absent and (
        coverage.predicate < thresholds.predicate
        or coverage.words < min(_FEW_WORDS, len(rest_stems))
    ):
        return True
    named = [f for f in facts if f in in_passage and not _pins_down(f)]
    if named and coverage.rest >= thresholds.words_only:
        return False
    return bool(absent) and coverage.rest < thresholds.not_found


def _on_the_page(fact: Fact, source: PreparedSource) -> bool:
    """Whether a page states a fact anywhere: in its main text, or in the rest of its visible
    text (an author's note, an about box: "the Singapore food blog")."""
    return states(fact, source.sentences, source) or (
        source.elsewhere is not None and states(fact, source.elsewhere.sentences, source.elsewhere)
    )


def _value_nowhere(fact: Fact, readable: list[PreparedSource]) -> bool:
    """Whether no page gives a number's value, in any unit or currency, or a date at all."""
    if fact.kind is FactKind.DATE:
        return not any(states(fact, source.sentences, source) for source in readable)
    if fact.kind is not FactKind.NUMBER:
        return False
    return not any(
        other.kind is FactKind.NUMBER and fact.values & other.values
        for source in readable
        for other in source.page_facts
    )


def _pins_down(fact: Fact) -> bool:
    """A fact specific enough to tie a claim to a passage: not a name, not a small count, not
    a quotation of a word or two (a title: "Alone", "Magic Man")."""
    if fact.kind is FactKind.NAME:
        return False
    if fact.kind is FactKind.QUOTE:
        return len(fact.key.split()) > _TITLE_WORDS
    return not (fact.kind is FactKind.NUMBER and not fact.unit and fact.value < 10)


def _read(claim: _Claim, facts: list[Fact], source: PreparedSource) -> _Reading:
    """The source's best passage for the claim, and what lining the claim up with it shows."""
    wanted = set(claim.stems)
    # The page's own subject (names and codes in its title) does not choose a passage.
    pinning = [fact for fact in facts if f" {fact.key} " not in source.title_folded]
    scores, stated = [], []
    for sentence in source.sentences:
        shared = sentence.stems & wanted
        scores.append(sum(source.weight(stem) for stem in shared))
        # Each sentence's own facts, once: a window's are those of its sentences.
        stated.append({i for i, fact in enumerate(pinning) if states(fact, [sentence], source)})
    best: tuple[float, int, int] = (0.0, 0, 0)
    for first in range(len(source.sentences)):
        covered: set[str] = set()
        hit: set[int] = set()
        for last in range(first, min(first + _WINDOW, len(source.sentences))):
            covered |= source.sentences[last].stems & wanted
            hit |= stated[last]
            if not scores[first] and not stated[first] and first != last:
                break
            weight = sum(source.weight(stem) for stem in covered)
            hits = len(hit)
            # A longer passage must earn its place: each added sentence costs a little.
            score = weight + 1.5 * hits - 0.25 * (last - first)
            if score > best[0]:
                best = (score, first, last)
    score, first, last = best
    passage = source.sentences[first : last + 1] if score > 0 else []
    covered = set().union(*(sentence.stems & wanted for sentence in passage))
    found = {fact for fact in facts if passage and states(fact, passage, source)}
    reading = _Reading(source, passage, score, covered, found)
    _line_up(claim, facts, reading)
    return reading


def _line_up(claim: _Claim, facts: list[Fact], reading: _Reading) -> None:
    """Line the claim up with the passage, and with the other sentences of the page that share
    much of it: a changed value is often stated where the claim's words are, but not in the
    passage those words chose. A conflict counts unless a sentence at least as close to the
    claim states the claim's own value ("685 million" in the next sentence does not excuse
    "240 million" in the claim's place)."""
    source = reading.source
    wanted = set(claim.stems)
    total = sum(source.weight(stem) for stem in wanted) or 1.0

    def closeness(sentence: Sentence) -> float:
        return sum(source.weight(stem) for stem in sentence.stems & wanted) / total

    near = {id(sentence): closeness(sentence) for sentence in source.sentences}
    ranked = sorted(source.sentences, key=lambda s: near[id(s)], reverse=True)[:_CANDIDATES]
    candidates = list(dict.fromkeys([*reading.passage, *ranked]))
    if not candidates:
        return
    alignments = [(align(claim.tokens, facts, s, source), s) for s in candidates]
    anchor = max(reading.passage, key=lambda sentence: near[id(sentence)], default=None)
    reading.anchor = anchor
    # A reversal needs its own sentence to speak of the same thing: the passage's closeness
    # is not enough (held-out pages showed a supported claim called contradicted that way).
    # The page's closest sentence, when much closer than any of the passage's: the passage won
    # on the claim's facts, which that sentence may leave out ("after the move to Level 3").
    closest = ranked[0]
    if anchor is None or near[id(closest)] >= near[id(anchor)] + _MARGIN:
        anchor = closest
    if near[id(anchor)] >= _ANCHORED:
        # Only the closest sentence: the passage's others often speak of something else.
        flips = next(list(a.flips) for a, s in alignments if s is anchor)
        if flips and not _agreeing(claim, facts, anchor, flips, source):
            reading.flips = flips
            if anchor not in reading.passage:
                reading.passage = [anchor]
                reading.anchor = anchor
                reading.covered |= anchor.stems & wanted
    # A number compared the other way is tied to the number, wherever in the passage it is.
    for alignment, sentence in alignments:
        compared = [flip for flip in alignment.flips if flip.reason == "comparison"]
        if sentence is not anchor and sentence in reading.passage and compared:
            reading.flips += compared
    # A sentence of the best passage is about what the passage is about: "Released in May 1978,
    # ..." after the sentence that names the book.
    passage_near = sum(source.weight(stem) for stem in reading.covered) / total
    for alignment, sentence in alignments:
        in_passage = sentence in reading.passage and sentence.stems & wanted
        if max(near[id(sentence)], passage_near if in_passage else 0.0) < _ANCHORED:
            continue
        for fact, conflict in alignment.conflicts:
            if fact.kind is FactKind.NAME and states(fact, source.sentences, source):
                # A name the page states elsewhere is more often a second actor than a swap;
                # but which, the sentence that carries the claim does not tell. Only full names:
                # a word alone ("the Trust", "the Polish violinist") may be the same one, or
                # no actor at all.
                if sentence is reading.anchor and _full_names(conflict):
                    reading.others.append((fact, conflict))
                continue
            # Any sentence of the page may state the claim's own value, not only the few
            # lined up: pages that repeat a pattern ("Figure 2: ...", "Figure 3: ...") tie.
            stating = [s for s in source.sentences if states(fact, [s], source)]
            if all(near[id(s)] + _MARGIN <= near[id(sentence)] for s in stating):
                reading.conflicts.append((fact, conflict))
                reading.found.discard(fact)
                if sentence not in reading.passage:
                    # The sentence that states the other value is now the evidence, beside
                    # the passage that shares the claim's words.
                    reading.passage = [sentence]
                    reading.anchor = sentence
                    reading.covered |= sentence.stems & wanted
        for fact, conflict in alignment.misplaced:
            if not any(
                near[id(s)] + _MARGIN > near[id(sentence)]
                and s is not sentence
                and states(fact, [s], source)
                and misplaced_value(fact, claim.tokens, facts, s, source) is None
                for s in source.sentences
            ):
                reading.conflicts.append((fact, conflict))
                reading.found.discard(fact)


def _full_names(conflict: Conflict) -> bool:
    """Whether both names of a conflict have two words or more."""
    return len(conflict.claim.split()) > 1 and len(conflict.source.split()) > 1


def _agreeing(
    claim: _Claim, facts: list[Fact], flipped: Sentence, flips: list[Flip], source: PreparedSource
) -> bool:
    """Whether another sentence has the reversed words of the claim and every other claim word
    the reversing sentence has, without reversing them: a page that says a thing once with a
    "not" near it and once plainly ("If not, staff will arrange transport"; "Staff will
    arrange transport") does not contradict the plain claim."""
    shared = flipped.stems & set(claim.stems) | {flip.word for flip in flips}
    return any(
        sentence is not flipped
        and shared <= sentence.stems
        and not align(claim.tokens, facts, sentence, source).flips
        for sentence in source.sentences
    )


def _added_phrases(claim: _Claim, facts: list[Fact], readings: list[_Reading]) -> list[str]:
    """Runs of two or more content words of the claim, next to each other but for small words,
    that no best passage has: a clause or a qualifier the source does not state ("funded by a
    state tourism grant", "stop using diesel generators"), though the rest of the claim may
    weigh enough to pass. A lone word is let through: paraphrase swaps one word at a time
    ("barred" for "no longer allowed")."""
    runs: list[list[Token]] = [[]]
    for token in claim.tokens:
        in_fact = any(fact.start <= token.start and token.end <= fact.end for fact in facts)
        if token.kind is not TokenKind.WORD or in_fact:
            runs.append([])
        elif token.is_content:
            if any(_states_word(token.key, reading) for reading in readings):
                runs.append([])
            else:
                runs[-1].append(token)
    return [claim.text[run[0].start : run[-1].end] for run in runs if len(run) >= _ADDED_PHRASE]


_CAUSE_IN_CLAIM = re.compile(
    r"\b(?:because|due to|owing to|as a result of|caused by|thanks to|led to|leading to)\b",
    re.IGNORECASE,
)
_CAUSE_IN_SOURCE = frozenset(
    """because due owing result resulted results caused cause causes causing led lead leads
    leading thanks reason reasons therefore consequently blamed attributed driven triggered
    prompted amid behind why""".split()
)
"""Words by which a page gives a cause ("since" and "after" are more often time than cause)."""


def _unstated_cause(claim: _Claim, readings: list[_Reading]) -> list[str]:
    """A cause the claim gives ("closed because customers had stopped coming") that no best
    passage gives any cause for: two facts the page states side by side are not one the
    cause of the other."""
    said = _CAUSE_IN_CLAIM.search(claim.text)
    if said is None:
        return []
    for reading in readings:
        for sentence in reading.passage:
            if any(token.folded in _CAUSE_IN_SOURCE for token in sentence.tokens):
                return []
    return [said.group(0)]


def _states_word(stem: str, reading: _Reading) -> bool:
    """Whether a source's best passage has a word, or its title does (the page is about it)."""
    return stem in reading.covered or stem in reading.source.title_stems


_PART_ENDS = frozenset("and but while whereas which who whom although though because".split())
_PART_WORDS = 2
"""A part with none of the claim's own facts is stated when the passage has at least this many
of its words, and most of them ("had just over a month to prepare")."""
_PART_MARKS = frozenset(",;:—–()")


def _parts(claim: _Claim) -> list[list[Token]]:
    """The claim cut at its clause marks and joining words: the parts a compound claim asserts
    one by one ("was studied by researchers from the Netherlands | the University of
    Cambridge")."""
    parts: list[list[Token]] = [[]]
    for token in claim.tokens:
        joins = token.folded in _PART_MARKS or token.folded in _PART_ENDS
        if joins and not any(f.start <= token.start and token.end <= f.end for f in claim.facts):
            # Not inside a name ("the Food and Drug Administration").
            parts.append([])
        else:
            parts[-1].append(token)
    return [part for part in parts if part]


def _stated_part(
    claim: _Claim, facts: list[Fact], found: set[Fact], readings: list[_Reading]
) -> bool:
    """Whether one part of a compound claim is in a best passage: its own facts (one at least)
    found there with one of its other words, if it has any ("Helen Okafor | and her deputy ...");
    or, with none of the claim's own facts, most of its words and two at least ("The Tridents
    had just over a month to prepare | and ..."). The page states that part, so the claim is
    partly supported, not unstated, whatever the rest adds (an invented cause, a name)."""
    parts = _parts(claim)
    if len(parts) < 2:
        return False
    for part in parts:
        start, end = part[0].start, part[-1].end
        inside = [f for f in facts if start <= f.start and f.end <= end]
        words = {t.key for t in part if t.is_content and t.key not in claim.fact_stems}
        covered = {word for word in words if any(word in r.covered for r in readings)}
        if inside and all(f in found for f in inside) and (covered or not words):
            return True
        if not inside and len(covered) >= _PART_WORDS and 2 * len(covered) > len(words):
            return True
    return False


def _stated_with_claim_words(
    fact: Fact, facts: list[Fact], claim: _Claim, readings: list[_Reading]
) -> bool:
    """Whether a source states the fact in a sentence that has another of the claim's words or
    facts: a year or a figure the page writes only in a sentence about something else is not
    there. A code or a quotation is specific enough wherever it stands."""
    if fact.kind not in (FactKind.NUMBER, FactKind.DATE):
        return True
    others = {s for s in claim.stems if s not in claim.fact_stems}
    return any(
        states(fact, [sentence], reading.source)
        and (
            sentence.stems & others
            or any(states(other, [sentence], reading.source) for other in facts if other != fact)
        )
        for reading in readings
        for sentence in reading.source.sentences
    )


def _coverage(
    claim: _Claim, readings: list[_Reading], *, exclude_facts: bool, in_passage: bool = False
) -> float:
    """The weighed share of the claim's words covered by the best passages (each word weighed
    by its specificity in the source that covers it, or 1 when none does). A word of a page's
    own title is covered wherever the page has it: the page is about it, and a passage need
    not repeat it; unless `in_passage`, which asks how much of the claim the passage itself
    says (whether the page states the claim, not only speaks of its subject)."""
    stems = [s for s in claim.stems if not (exclude_facts and s in claim.fact_stems)]
    if not stems:
        return 1.0
    total = covered = 0.0
    for stem in stems:
        weights = [r.source.weight(stem) for r in readings if r.passage]
        weight = max(weights) if weights else 1.0
        total += weight
        if any(
            stem in r.covered
            or (
                not in_passage
                and stem in r.source.title_stems
                and r.source.document_frequency.get(stem)
            )
            for r in readings
        ):
            covered += weight
    return covered / total if total else 1.0


def _evidence(readings: list[_Reading], claim: str) -> tuple[Evidence, ...]:
    ranked = sorted((r for r in readings if r.passage), key=lambda r: -r.score)
    return tuple(Evidence(r.source.source.url, _quote(r, claim)) for r in ranked)


def _quote(reading: _Reading, claim: str) -> str:
    text = " ".join(sentence.text for sentence in reading.passage)
    if len(text) <= _EVIDENCE_CHARS:
        return text
    anchor = reading.anchor.text if reading.anchor else SENTENCE_END.split(text)[0]
    return anchor if len(anchor) <= _EVIDENCE_CHARS else anchor[: _EVIDENCE_CHARS - 1] + "…"


# --- sources in another language ------------------------------------------------------------


def _neutral_verdict(facts: list[Fact], readable: list[PreparedSource]) -> SupportResult:
    languages = sorted({p.source.language or "?" for p in readable})
    said = ", ".join(f"{_LANGUAGE_NAMES.get(code, code)} ({code})" for code in languages)
    note = f"the source is in {said}: only numbers, dates and names were compared"
    found = tuple(f for f in facts if any(_states_loosely(f, p) for p in readable))
    missing = tuple(f for f in facts if f not in found)
    topic = tuple(f for f in found if _names_topic(f, readable))
    own = [f for f in found if f not in topic]
    hard = [f for f in own if f.kind is not FactKind.NAME]
    absent = [f for f in missing if f.kind is not FactKind.NAME and _states_kind(f, readable)]

    def result(verdict: SupportVerdict, reason: str) -> SupportResult:
        return SupportResult(verdict, f"{note}{reason}", found, missing, language_neutral=True)

    if not facts:
        return result(SupportVerdict.UNVERIFIABLE, ", and the sentence has none")
    if not missing:
        return result(SupportVerdict.SUPPORTED, f"; all {len(found)} found")
    if not own and len(missing) >= 2:
        return result(SupportVerdict.NOT_FOUND, f"; none found: {_list(missing)}")
    if not hard and len(absent) >= 2 and len(own) <= 1:
        return result(SupportVerdict.NOT_FOUND, f"; no number or date found: {_list(missing)}")
    if all(f.kind is FactKind.NAME for f in missing) and len(own) >= 2:
        # Organisation names are often translated; numbers, dates and a person's name are not.
        return result(
            SupportVerdict.SUPPORTED, f"; every number and date found, not found: {_list(missing)}"
        )
    return result(SupportVerdict.PARTIAL, f"; not found: {_list(missing)}")


def _states_loosely(fact: Fact, source: PreparedSource) -> bool:
    """A fact in a source in another language: a name by one distinctive word of it ("Halvorsen
    Prize" is "Halvorsen-Preis")."""
    if states(fact, source.sentences, source):
        return True
    return fact.kind is FactKind.NAME and any(
        len(word) >= 4 and f" {word} " in source.folded for word in fact.key.split()
    )


def _states_kind(fact: Fact, readable: list[PreparedSource]) -> bool:
    return any(has_kind(source, fact.kind) for source in readable)


# --- helpers --------------------------------------------------------------------------------


def _doubt(prepared: list[PreparedSource], thresholds: Thresholds) -> str | None:
    """Why a `not-found` cannot be said of these sources, or None when every one was fully read."""
    for item in prepared:
        source = item.source
        if not source.has_text:
            return f"another cited source could not be read ({_why_no_text(source)})"
        if source.problem:
            return source.problem
        if source.truncated:
            return "the source's text was cut at the size cap; the claim may stand further on"
        if len(source.text) < thresholds.min_chars and not is_usurped(source):
            return f"only {len(source.text)} characters of the page could be read"
    return None


def _why_no_text(source: SourceText) -> str:
    reason = source.problem or "no text was kept for this source"
    return f"{source.url}: {reason}" if source.url else reason


def _is_foreign(source: SourceText, article_language: str) -> bool:
    return source.language is not None and source.language != article_language


def _names_topic(fact: Fact, readable: list[PreparedSource]) -> bool:
    """A name or code that says what a page is about: in its own title, or in sentence after
    sentence of it (a passage need not repeat it to state the claim)."""
    if fact.kind not in (FactKind.NAME, FactKind.IDENTIFIER):
        return False
    for source in readable:
        if f" {fact.key} " in source.title_folded:
            return True
        mentions = sum(f" {fact.key} " in sentence.folded for sentence in source.sentences)
        if mentions >= max(_SUBJECT_MENTIONS, _SUBJECT_SHARE * len(source.sentences)):
            return True
    return False


def _list(facts: Sequence[Fact]) -> str:
    return ", ".join(
        f"“{fact.text}”" if fact.kind is FactKind.QUOTE else fact.text for fact in facts
    )


def _count(facts: Sequence[Fact]) -> str:
    return f"{len(facts)} fact{'s' if len(facts) != 1 else ''} ({_list(facts)})"
