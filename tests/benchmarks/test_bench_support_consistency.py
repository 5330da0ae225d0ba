"""Claim support on sentences made from real pages, with no labels needed.

The pages are the shared corpus's (`../shared/reference/data/web-pages/`, skipped visibly when
absent), less those of the first three labelled sets in `fixtures/support_real/` and any page
whose claims are tuned on (the held-out half of `holdout4.jsonl`, never read, stays here). From
each English page's own sentences four kinds of claim are made, whose right verdict follows
from how they are made:

- the sentence as it is: never `contradicted`, and `supported` nearly always;
- two values of one kind in the sentence swapped: not `supported`;
- one value replaced by the other value of the sentence: not `supported`;
- a name of two words or more replaced by one of as many words and of the same sort (a person,
  an organisation) from another page, one this page never writes, or from the same page (a
  name in another's role): not `supported`;
- the sentence with a clause the page does not state appended: not `supported`;
- the sentence negated ("not" after its first auxiliary verb) or, where it is negated, with
  its negation taken out: `contradicted`;
- a word of a listed pair of antonyms replaced by the other ("approved" by "rejected"), or of
  a closed set by another of the set ("spring" by "summer"): not `supported`; after an
  auxiliary, replaced by "not" and the other ("was not rejected"), two reversals that agree:
  not `contradicted`, nearly always (a partner word may not fit the sentence's sense);
- a count rounded down to its first digit behind "more than" ("107 people" made "more than 100
  people"): `supported` nearly always; rounded up behind it ("more than 200 people"): not
  `supported`;
- a rank in words after "the" or an owner put one place up or down ("the first woman to" made
  "the second woman to"): not `supported`;
- the words next to a verb in the past swapped, in the active voice ("the bank acquired the
  startup" made "the startup acquired the bank"): not `supported`;
- a sentence of another page: `not-found` (never `supported` or `contradicted`).

This measures what a labelled set measures only on a few pages: a conflict taken from the
wrong sentence, a value paired with the wrong thing, a clause nobody checked, a reversed stance.

Run: `pytest -m benchmark -s tests/benchmarks/test_bench_support_consistency.py`
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from citeaudit.model import SupportVerdict
from citeaudit.support import verify_claim
from citeaudit.support.extract import extract_source
from citeaudit.support.facts import Fact, FactKind, facts_of
from citeaudit.support.passages import PreparedSource, Sentence, prepare_source
from citeaudit.support.stance import ANTONYM_WORDS, EXCLUSIVE_SETS
from citeaudit.support.words import Token, TokenKind
from tests.conftest import shared_file
from tests.support.evaluation import is_prose

LABELLED = Path(__file__).resolve().parents[2] / "fixtures" / "support_real"
FIRST_SETS = ("claims.jsonl", "holdout2.jsonl", "holdout3.jsonl")
CLAUSES = (
    ", according to a report released the following spring",
    ", after months of negotiations with local residents",
    ", funded by a regional development grant",
    ", despite strong objections from opposition lawmakers",
    ", which drew sharp criticism from environmental groups",
)
PER_PAGE = 8
AUXILIARY = re.compile(
    r"\b(?:is|was|are|were|has|have|had|will|would|can|could|should|does|did|must|may) "
    r"(?!not\b|only\b|just\b)(?=[a-z])"
)
NEGATED = re.compile(
    r"\b(?P<verb>is|was|are|were|has|have|had|will|would|can|could|should|does|did|do|must) "
    r"not (?!only\b|just\b|merely\b)"
    r"|\b(?P<short>isn['’]t|wasn['’]t|aren['’]t|weren['’]t|hasn['’]t|haven['’]t|doesn['’]t"
    r"|didn['’]t|don['’]t|can['’]t|won['’]t) ",
    re.IGNORECASE,
)
UNDONE = {"ca": "can ", "wo": "will "}
PARTNERS = {word: other for pair in ANTONYM_WORDS for word, other in (pair, pair[::-1])} | {
    word: members[(index + 1) % len(members)]
    for members in (words.split() for words in EXCLUSIVE_SETS)
    for index, word in enumerate(members)
}
LISTED_WORD = re.compile(r"\b(?:" + "|".join(sorted(PARTNERS, key=len, reverse=True)) + r")\b")
COUNT = re.compile(r"(?<=[a-z] )(?P<count>[1-9]\d{0,2}(?:,\d{3})*)(?= [a-z])")
"""A plain count inside a sentence's words ("after 107 people"), not a year, a phone number or
a reference."""
HEDGED = re.compile(r"(?:than|over|under|about|nearly|almost|around|to) $", re.IGNORECASE)


def rounded(text: str) -> tuple[str, str] | None:
    """The sentence with its first plain count of 20 or more (not a year) behind "more than",
    rounded down to its first digit and rounded up: `None` when there is none, or it is round."""
    for match in COUNT.finditer(text):
        value = int(match.group("count").replace(",", ""))
        if value < 20 or 1900 <= value <= 2030 or HEDGED.search(text[: match.start()]):
            continue
        magnitude = 10 ** (len(str(value)) - 1)
        down = value // magnitude * magnitude
        if down == value:
            return None
        before, after = text[: match.start()], text[match.end() :]
        return (
            f"{before}more than {down:,}{after}",
            f"{before}more than {down + magnitude:,}{after}",
        )
    return None


RANKED = re.compile(
    r"\b(?:the|its|his|her|their|our|whose|\w+['’]s) "
    r"(?P<rank>first|second|third|fourth|fifth) (?=[A-Za-z])",
    re.IGNORECASE,
)
OTHER_RANK = {
    "first": "second",
    "second": "first",
    "third": "second",
    "fourth": "third",
    "fifth": "fourth",
}
AFTER_AUXILIARY = re.compile(r"\b(?:is|was|are|were|be|been|has|have|had|will|would|to) $")


def without_negation(match: re.Match[str]) -> str:
    """The verb of a negated auxiliary, without its negation ("isn't" -> "is")."""
    if match.group("verb"):
        return match.group("verb") + " "
    verb = match.group("short")[:-3]
    return UNDONE.get(verb.lower(), verb + " ")


def unlabelled_pages() -> list[PreparedSource]:
    folder = shared_file("reference", "data", "web-pages", "index.json").parent
    items = [
        (path.name, json.loads(line))
        for path in LABELLED.glob("*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    labelled = {
        item["page"] for name, item in items if name in FIRST_SETS or item["split"] == "tune"
    }
    pages = []
    for path in sorted(folder.glob("*.html")):
        if path.name in labelled:
            continue
        source = extract_source(path.read_bytes(), "text/html", url=path.name)
        if source.language in (None, "en") and len(source.text) >= 1500:
            pages.append(prepare_source(source))
    return pages


ACTIVE_BREAKS = frozenset("is was are were be been being by with and as like".split())


def content_run(tokens: list[Token], at: int, step: int) -> list[Token]:
    """The run of content words closest to a token on one side, within its clause."""
    run: list[Token] = []
    index = at + step
    while 0 <= index < len(tokens) and tokens[index].kind is not TokenKind.BOUNDARY:
        if tokens[index].is_content:
            run.append(tokens[index])
        elif run:
            break
        index += step
    return sorted(run, key=lambda token: token.start)


def sides_swapped(sentence: Sentence) -> str | None:
    """The sentence with the words on each side of its first "-ed" verb in the active voice
    swapped (no "be" before it, no "by", "with", "and", "as" or "like" next to it)."""
    tokens, text = sentence.tokens, sentence.text
    for at, token in enumerate(tokens):
        near = {t.folded for t in tokens[max(0, at - 2) : at + 2]}
        if not token.folded.endswith("ed") or len(token.folded) < 5 or near & ACTIVE_BREAKS:
            continue
        before, after = content_run(tokens, at, -1), content_run(tokens, at, 1)
        if before and after and not {t.key for t in before} & {t.key for t in after}:
            first, second = (before[0].start, before[-1].end), (after[0].start, after[-1].end)
            return (
                text[: first[0]]
                + text[second[0] : second[1]]
                + text[first[1] : second[0]]
                + text[first[0] : first[1]]
                + text[second[1] :]
            )
    return None


def two_values(sentence: Sentence) -> tuple[Fact, Fact] | None:
    """Two numbers with one unit, or two dates as precise, with a word between them."""
    values = [f for f in facts_of(sentence.text) if f.kind in (FactKind.NUMBER, FactKind.DATE)]
    for index, first in enumerate(values):
        for second in values[index + 1 :]:
            alike = first.unit == second.unit and (
                first.kind is FactKind.NUMBER or len(first.key) == len(second.key)
            )
            apart = any(
                t.is_content and first.end <= t.start and t.end <= second.start
                for t in sentence.tokens
            )
            if first.kind is second.kind and alike and first.key != second.key and apart:
                return first, second
    return None


def names_of(sentence: Sentence) -> list[Fact]:
    """The sentence's names of two words or more (a lone capitalised word may be no name)."""
    return [
        fact
        for fact in facts_of(sentence.text)
        if fact.kind is FactKind.NAME and not fact.weak and len(fact.key.split()) > 1
    ]


def same_sort(fact: Fact, other: Fact) -> bool:
    """Two names of as many words and one sort (people, organisations), with no word shared."""
    return (
        len(other.key.split()) == len(fact.key.split())
        and other.is_organisation == fact.is_organisation
        and not set(other.key.split()) & set(fact.key.split())
    )


def foreign_name(
    sentence: Sentence, page: PreparedSource, pool: list[Fact], chosen: random.Random
) -> tuple[Fact, Fact] | None:
    """A name of the sentence, and one of the same sort that the page never writes, to put in
    its place."""
    words = set(" ".join(s.folded for s in page.sentences).split())
    for fact in names_of(sentence):
        others = [o for o in pool if same_sort(fact, o) and not set(o.key.split()) & words]
        if others:
            return fact, chosen.choice(others)
    return None


def same_page_name(
    sentence: Sentence, page: PreparedSource, chosen: random.Random
) -> tuple[Fact, Fact] | None:
    """A name of the sentence, and another of the same sort that the page writes elsewhere and
    this sentence does not, to put in its place."""
    pool = [fact for other in page.sentences for fact in names_of(other)]
    for fact in names_of(sentence):
        others = [o for o in pool if same_sort(fact, o) and o.key not in sentence.folded]
        if others:
            return fact, chosen.choice(others)
    return None


def made_claims(pages: list[PreparedSource]) -> Iterator[tuple[str, str, PreparedSource]]:
    """(kind, claim, page) for every claim made from the pages' sentences."""
    chosen, naming, foreign = random.Random(13), random.Random(31), random.Random(7)
    renaming = random.Random(5)
    pool = [fact for page in pages for sentence in page.sentences for fact in names_of(sentence)]
    for page in pages:
        prose = [s for s in page.sentences if is_prose(s)]
        for sentence in chosen.sample(prose, min(PER_PAGE, len(prose))):
            yield "as it is", sentence.text, page
            if sentence.text.rstrip().endswith("."):
                clause = chosen.choice(CLAUSES)
                yield "with a clause", sentence.text.rstrip()[:-1] + clause + ".", page
            if NEGATED.search(sentence.text):
                yield "un-negated", NEGATED.sub(without_negation, sentence.text, count=1), page
            elif AUXILIARY.search(sentence.text):
                negated = AUXILIARY.sub(lambda verb: verb.group(0) + "not ", sentence.text, 1)
                yield "negated", negated, page
        reversible = [(s, word) for s in prose if (word := LISTED_WORD.search(s.text))]
        for sentence, word in reversible[:PER_PAGE]:
            text, other = sentence.text, PARTNERS[word.group(0)]
            yield "antonym", text[: word.start()] + other + text[word.end() :], page
            if AFTER_AUXILIARY.search(text[: word.start()]):
                yield (
                    "not antonym",
                    text[: word.start()] + "not " + other + text[word.end() :],
                    page,
                )
        bounded = [pair for s in prose if (pair := rounded(s.text))]
        for down, up in bounded[:PER_PAGE]:
            yield "bound below", down, page
            yield "bound above", up, page
        ranked = [(s, match) for s in prose if (match := RANKED.search(s.text))]
        for sentence, match in ranked[:PER_PAGE]:
            text, rank = sentence.text, match.group("rank")
            changed = OTHER_RANK[rank.lower()]
            yield (
                "rank changed",
                text[: match.start("rank")] + changed + text[match.end("rank") :],
                page,
            )
        swapped = [claim for s in prose if (claim := sides_swapped(s))]
        for claim in swapped[:PER_PAGE]:
            yield "sides swapped", claim, page
        paired = [(s, pair) for s in prose if (pair := two_values(s))][:PER_PAGE]
        for sentence, (first, second) in paired:
            text = sentence.text
            yield (
                "values swapped",
                text[: first.start]
                + second.text
                + text[first.end : second.start]
                + first.text
                + text[second.end :],
                page,
            )
            yield "value replaced", text[: second.start] + first.text + text[second.end :], page
        others = [other for other in pages if other is not page]
        for other in foreign.sample(others, min(PER_PAGE, len(others))):
            sentences = [s for s in other.sentences if is_prose(s)]
            if sentences:
                yield "another page's", foreign.choice(sentences).text, page
        named = [(s, pair) for s in prose if (pair := foreign_name(s, page, pool, naming))]
        for sentence, (name, other) in named[:PER_PAGE]:
            text = sentence.text
            yield "name replaced", text[: name.start] + other.text + text[name.end :], page
        renamed = [(s, pair) for s in prose if (pair := same_page_name(s, page, renaming))]
        for sentence, (name, other) in renamed[:PER_PAGE]:
            text = sentence.text
            yield "page's name", text[: name.start] + other.text + text[name.end :], page


@pytest.mark.benchmark
def test_bench_support_on_sentences_made_from_unlabelled_pages() -> None:
    pages = unlabelled_pages()
    verdicts: dict[str, Counter[SupportVerdict]] = {}
    for kind, claim, page in made_claims(pages):
        verdicts.setdefault(kind, Counter())[verify_claim(claim, [page]).verdict] += 1
    print(f"\n{len(pages)} unlabelled English pages")
    for kind, counts in verdicts.items():
        total = sum(counts.values())
        shares = ", ".join(f"{verdict.value} {n}" for verdict, n in counts.most_common())
        print(f"  {kind:<15} {total:>4} claims: {shares}")
    as_it_is = verdicts["as it is"]
    assert as_it_is[SupportVerdict.CONTRADICTED] == 0
    assert as_it_is[SupportVerdict.SUPPORTED] >= 0.9 * sum(as_it_is.values())
    foreign = verdicts["another page's"]
    assert foreign[SupportVerdict.SUPPORTED] == foreign[SupportVerdict.CONTRADICTED] == 0
