"""Does the cited source say it? A verdict per sentence and the sources it cites.

The claim's checkable facts come first (numbers, dates, names, quoted phrases, see
`citeaudit.support.facts`); then content-word overlap with the source's best passage (a window
of three sentences, not the whole page). Several sources cited on one sentence share the load:
a fact found in any of them is found, and the words covered by each one's best passage add up.

Verdicts:
- `supported`: every fact is found and the best passages cover enough of the claim's words;
- `partial`: some of it is there (a changed number, a missing name, a paraphrase);
- `not-found`: every cited source was read in full, none states any of the claim's own facts
  (names that only name the page's topic do not count) and no passage shares much of its words;
- `unverifiable`: there is no text to read, or too little of it to say `not-found`; the reason
  says which.

`not-found` is kept for clear cases on purpose: a false one sends an editor to remove a good
source. When a source is in another language than the article, only language-neutral facts
(numbers, dates, names) are compared, and the reason says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from citeaudit.model import SourceText, SupportVerdict, join_reasons
from citeaudit.support.facts import (
    Fact,
    TextIndex,
    claim_facts,
    content_stems,
    fold,
    folded_stems,
    has_fact,
    has_kind,
    index_spans,
)
from citeaudit.support.metadata import is_usurped

# Not after an ordinal ("14. Oktober") or an initial ("Anthony J. Blinken").
_SENTENCE_END = re.compile(r"(?<!\d\.)(?<!\b[A-Z]\.)(?<=[.!?…])\s+(?=[\"“«(]?[^\W_])")
_WINDOW = 3
_LONG_LINE = 600
_EVIDENCE_CHARS = 300
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
    """The shares of the claim's content words a best passage must cover.

    `supported` with every fact found; `supported_with_facts` when at least two facts of the
    claim's own were found; below `not_found` (and with no own fact found) a fully read source
    does not state the claim (nor does one that has only a name of it). A claim with no facts
    at all needs `min_words` content words and a coverage below `words_only` for that.
    `min_chars`: a source with less text is never said to lack a claim.
    """

    supported: float = 0.5
    supported_with_facts: float = 0.34
    not_found: float = 0.3
    words_only: float = 0.2
    min_words: int = 4
    min_chars: int = 300


@dataclass(frozen=True)
class Evidence:
    """The passage of one source that comes closest to the claim, quoted briefly."""

    url: str | None
    passage: str


@dataclass(frozen=True)
class SupportResult:
    """The verdict on one sentence, with what was found, what was missing and the evidence."""

    verdict: SupportVerdict
    reason: str
    found: tuple[Fact, ...] = ()
    missing: tuple[Fact, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    coverage: float | None = None
    """Share of the claim's content words in the best passages (None when not compared)."""
    language_neutral: bool = False
    """Only numbers, dates and names were compared: the sources are in another language."""

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
            "found": [{"kind": fact.kind, "text": fact.text} for fact in self.found],
            "missing": [{"kind": fact.kind, "text": fact.text} for fact in self.missing],
            "evidence": [{"url": item.url, "passage": item.passage} for item in self.evidence],
            "coverage": self.coverage,
            "language_neutral": self.language_neutral,
        }


@dataclass
class PreparedSource:
    """A source split into passages and indexed once, to check many sentences against."""

    source: SourceText
    passages: list[str]
    passage_index: list[TextIndex]
    passage_stems: list[set[str]]
    whole: TextIndex
    title_folded: str


def prepare_source(source: SourceText) -> PreparedSource:
    """Split a source's text into overlapping passages of three sentences and index them."""
    spans = _sentence_spans(source.text)
    whole, indexes = index_spans(source.text, spans)
    stems = [folded_stems(index.folded) for index in indexes]
    passages, passage_index, passage_stems = [], [], []
    for first in range(max(1, len(spans) - _WINDOW + 1)):
        window = range(first, min(first + _WINDOW, len(spans)))
        if not window:
            break
        passages.append(" ".join(source.text[slice(*spans[i])] for i in window))
        merged = TextIndex()
        for i in window:
            merged = merged.merge(indexes[i])
        passage_index.append(merged)
        passage_stems.append(set().union(*(stems[i] for i in window)))
    titles = " ".join(source.titles or ((source.title,) if source.title else ()))
    return PreparedSource(
        source, passages, passage_index, passage_stems, whole, f" {fold(titles)} "
    )


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
    neutral = all(_is_foreign(p.source, article_language) for p in readable)
    facts = [f for f in claim_facts(claim) if f.is_language_neutral or not neutral]
    stems = content_stems(claim)
    if not facts and not stems:
        return SupportResult(SupportVerdict.UNVERIFIABLE, "the sentence has nothing to check")
    found_facts: set[Fact] = set()
    covered: set[str] = set()
    evidence: list[tuple[float, Evidence]] = []
    for source in readable:
        loose = _is_foreign(source.source, article_language)
        found_facts |= {
            f for f in facts if has_fact(source.whole, f, fuzzy=True, loose_names=loose)
        }
        score, passage, passage_stems = _best_passage(source, facts, stems)
        if not loose:
            covered |= passage_stems & stems
        if score > 0:
            evidence.append((score, Evidence(source.source.url, _quote(passage, claim))))
    evidence_out = tuple(item for _, item in sorted(evidence, key=lambda pair: -pair[0]))
    tally = _Tally.of(facts, found_facts, readable)
    if neutral:
        verdict, reason = _neutral_verdict(tally, readable)
        coverage = None
    else:
        coverage = len(covered) / len(stems) if stems else 1.0
        verdict = _verdict(tally, stems, covered, coverage, thresholds)
        reason = _reason(verdict, tally.found, tally.missing, coverage)
    if verdict is SupportVerdict.NOT_FOUND and (doubt := _doubt(prepared, thresholds)):
        verdict, reason = SupportVerdict.UNVERIFIABLE, f"{reason}; but {doubt}"
    return SupportResult(
        verdict, reason, tally.found, tally.missing, evidence_out, coverage, neutral
    )


@dataclass(frozen=True)
class _Tally:
    """The claim's facts sorted by what the sources said of them.

    `topic` are names found in a source's own title: they say what the page is about, not that
    it states this claim. `absent` are missing numbers and dates of a kind the sources do state
    elsewhere (a source whose dates we cannot read at all proves nothing by lacking one).
    """

    found: tuple[Fact, ...]
    missing: tuple[Fact, ...]
    topic: tuple[Fact, ...]
    own: tuple[Fact, ...]
    absent: tuple[Fact, ...]
    title_stems: frozenset[str]

    @classmethod
    def of(
        cls, facts: list[Fact], found_facts: set[Fact], readable: list[PreparedSource]
    ) -> _Tally:
        found = tuple(f for f in facts if f in found_facts)
        missing = tuple(f for f in facts if f not in found_facts)
        topic = tuple(f for f in found if f.kind == "name" and _names_topic(f, readable))
        absent = tuple(
            f
            for f in missing
            if f.kind in {"number", "date"} and any(has_kind(p.whole, f.kind) for p in readable)
        )
        own = tuple(f for f in found if f not in topic)
        title_stems = frozenset().union(*(content_stems(p.title_folded) for p in readable))
        return cls(found, missing, topic, own, absent, title_stems)

    @property
    def own_names(self) -> tuple[Fact, ...]:
        return tuple(f for f in self.own if f.kind == "name")

    @property
    def own_hard(self) -> tuple[Fact, ...]:
        """Found numbers, dates and quotes: the facts that pin a claim down."""
        return tuple(f for f in self.own if f.kind != "name")


def _verdict(
    tally: _Tally, stems: set[str], covered: set[str], coverage: float, thresholds: Thresholds
) -> SupportVerdict:
    if not tally.missing and (
        coverage >= thresholds.supported
        or (len(tally.own) >= 2 and coverage >= thresholds.supported_with_facts)
    ):
        return SupportVerdict.SUPPORTED
    # Words of the page's own title say what the page is about, not that it states this claim.
    own_stems = stems - tally.title_stems
    own_coverage = len(covered & own_stems) / len(own_stems) if own_stems else coverage
    if not tally.found and not tally.missing:
        # Words are all a fact-free claim offers, and a paraphrase shares few of them: say
        # `not-found` only when the claim has words enough and the source next to none.
        if len(own_stems) >= thresholds.min_words and own_coverage < thresholds.words_only:
            return SupportVerdict.NOT_FOUND
        return SupportVerdict.PARTIAL
    if not tally.own and own_coverage < thresholds.not_found:
        return SupportVerdict.NOT_FOUND
    # Names alone do not carry a claim: a source that names the same people but states none of
    # the claim's numbers, dates or quotes, nor much else of its words, does not state it.
    name_stems = content_stems(" ".join(f.text for f in tally.own_names))
    rest = own_stems - name_stems
    rest_coverage = len(covered & rest) / len(rest) if rest else 1.0
    if (
        not tally.own_hard
        and tally.absent
        and len(tally.own_names) <= 1
        and rest_coverage < thresholds.not_found
    ):
        return SupportVerdict.NOT_FOUND
    return SupportVerdict.PARTIAL


def _neutral_verdict(tally: _Tally, readable: list[PreparedSource]) -> tuple[SupportVerdict, str]:
    languages = sorted({p.source.language or "?" for p in readable})
    said = ", ".join(f"{_LANGUAGE_NAMES.get(code, code)} ({code})" for code in languages)
    note = f"the source is in {said}: only numbers, dates and names were compared"
    if not tally.found and not tally.missing:
        return SupportVerdict.UNVERIFIABLE, f"{note}, and the sentence has none"
    listed = _list(tally.missing)
    if not tally.missing:
        return SupportVerdict.SUPPORTED, f"{note}; all {len(tally.found)} found"
    if not tally.own and len(tally.missing) >= 2:
        return SupportVerdict.NOT_FOUND, f"{note}; none found: {listed}"
    if not tally.own_hard and len(tally.absent) >= 2 and len(tally.own_names) <= 1:
        return SupportVerdict.NOT_FOUND, f"{note}; no number or date found: {listed}"
    hard_missing = [f for f in tally.missing if f.kind != "name"]
    if not hard_missing and len(tally.own) >= 2:
        # Organisation names are often translated; numbers, dates and a person's name are not.
        return SupportVerdict.SUPPORTED, f"{note}; every number and date found, not found: {listed}"
    return SupportVerdict.PARTIAL, f"{note}; not found: {listed}"


def _reason(
    verdict: SupportVerdict, found: tuple[Fact, ...], missing: tuple[Fact, ...], coverage: float
) -> str:
    share = f"the best passage shares {coverage:.0%} of the sentence's words"
    if verdict is SupportVerdict.SUPPORTED:
        return f"{_count(found)} found; {share}" if found else share
    if verdict is SupportVerdict.NOT_FOUND:
        if missing:
            return f"none of the sentence's facts is in the source ({_list(missing)}); {share}"
        return f"the source does not state it: {share}"
    if missing:
        return f"not found: {_list(missing)}; {share}"
    return f"every fact found, but {share}"


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
    return any(f" {fact.key} " in p.title_folded for p in readable)


def _best_passage(
    source: PreparedSource, facts: list[Fact], stems: set[str]
) -> tuple[float, str, set[str]]:
    best: tuple[float, str, set[str]] = (0.0, "", set())
    for passage, index, passage_stems in zip(
        source.passages, source.passage_index, source.passage_stems, strict=True
    ):
        overlap = len(passage_stems & stems)
        if not overlap and not facts:
            continue
        score = overlap + 2 * sum(has_fact(index, fact) for fact in facts)
        if score > best[0]:
            best = (float(score), passage, passage_stems)
    return best


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of a text stands: lines split at sentence ends, long runs cut."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end_mark in _SENTENCE_END.finditer(text, line.start(), line.end()):
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


def _quote(passage: str, claim: str) -> str:
    if len(passage) <= _EVIDENCE_CHARS:
        return passage
    stems = content_stems(claim)
    parts = _SENTENCE_END.split(passage)
    best = max(parts, key=lambda part: len(content_stems(part) & stems))
    return best if len(best) <= _EVIDENCE_CHARS else best[: _EVIDENCE_CHARS - 1].rstrip() + "…"


def _list(facts: Sequence[Fact]) -> str:
    return ", ".join(f"“{fact.text}”" if fact.kind == "quote" else fact.text for fact in facts)


def _count(facts: tuple[Fact, ...]) -> str:
    return f"{len(facts)} fact{'s' if len(facts) != 1 else ''} ({_list(facts)})"
