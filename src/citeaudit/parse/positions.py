"""Where a parsed article's headings, sentences and references stand in the source it was read
from, as `SourcePosition`s (line and column), so that a finding can say where to look.

Each parser reads its source into plain sentences; `place_article` finds them back, in
document order, once the parser is done.

- A heading is the first of the form's heading lines (`Headings`: `== x ==` lines, `<h2>`
  elements, lines of the rendered text) after the previous sentence whose words are mostly
  the section title's.
- A sentence is found by its words: the first of its opening words that stands in the source
  after where the previous sentence was found, at a word boundary, followed closely (a link's
  target or a little markup between them, no paragraph break) by the sentence's next words in
  order, a third of them allowed to be missing (they came out of templates). The position is
  that word's. What holds words of no sentence is cut out first by the form's own spans
  (`MaskedText`): reference bodies, comments, templates and tables in wikitext; tags and
  citation markers in HTML; so a word there is never taken for the sentence's, and a gap
  between two words counts only what is left. Nearby, that is enough; further on, every word
  must be there, since a wrong match far ahead would misplace every sentence after it. A
  sentence none of whose opening words is found stands where the previous one was found.
- A reference stands where its definition is, found by its raw text where the form keeps that
  verbatim (wikitext refs, the rendered text's list entries); otherwise (HTML, or a reference
  only reused) at the sentence where it is first cited.

On the Rust article, 297 of 301 wikitext sentences and all 305 HTML sentences are placed on
their first word; the others on a later word of the same sentence (`tests/parse/test_positions.py`).
"""

from __future__ import annotations

import itertools
import operator
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from citeaudit.model import Article, Reference, SourcePosition

_WORD = re.compile(r"\w\w+")
"""Words of two letters or more: a lone letter (`a`, the `s` of `'s`) is everywhere."""
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
"""A paragraph break: no sentence runs across one."""
OPENING_WORDS = 3
"""A sentence is found from one of its first words."""
CONFIRMING_WORDS = 6
"""Words after the first that are looked for close behind it, in order: two thirds of them
must be there to accept it nearby, all of them further on."""
WORD_GAP = 100
"""At most this many characters between two words of a sentence, once masked spans are cut
out: room for a link's target (`[[Literal (computer programming)|`) and some formatting."""
NEAR_WINDOW = 5_000
"""How far after the previous sentence a sentence is looked for first: once masked spans are
cut out, consecutive sentences stand close together."""
FAR_WINDOW = 200_000
"""How far it is looked for then, with every confirming word required."""
ADJACENT = 3
"""A word this close behind the one before (`word, next`) is taken without looking further."""
MAX_CANDIDATES = 64
"""Occurrences of an opening word tried before the next opening word is tried."""
HEADING_EXTRA_WORDS = 4
"""A heading line may hold this many words more than its title (markup, `[edit]`)."""
MAX_HEADING_CANDIDATES = 500
"""Heading lines tried for one section before it is left where the last sentence was."""

Headings = Sequence[tuple[int, str]]
"""The form's heading lines in document order: where each starts, and its text."""


class SourceLines:
    """Line and column of a character offset in a text."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def position(self, offset: int) -> SourcePosition:
        line = bisect_right(self._starts, offset)
        return SourcePosition(line=line, column=offset - self._starts[line - 1] + 1)


class MaskedText:
    """A text with spans cut out, each left as one space, that maps its offsets back to the
    text's and forth. A span in `breaks` (one that ends a block: a paragraph, a table cell) is
    left as a paragraph break instead, which no sentence runs across."""

    def __init__(
        self,
        text: str,
        spans: Iterable[tuple[int, int]] = (),
        breaks: Iterable[tuple[int, int]] = (),
    ) -> None:
        breaking = set(breaks)
        pieces: list[str] = []
        kept: list[int] = []
        original: list[int] = []
        end = length = 0
        for start, stop in sorted({*spans, *breaking}):
            if stop <= end:
                continue  # inside a span already cut
            cut = "\n\n" if (start, stop) in breaking else " "
            start = max(start, end)
            pieces.append(text[end:start])
            kept.append(length)
            original.append(end)
            pieces.append(cut)
            length += start - end + len(cut)
            end = stop
        pieces.append(text[end:])
        kept.append(length)
        original.append(end)
        self.text = "".join(pieces)
        self._kept = kept
        """Offset in the masked text where each kept piece starts."""
        self._original = original
        """Offset in the original text of the same piece."""

    @classmethod
    def from_pieces(
        cls, kept: Sequence[str], cut: Sequence[str], left: Sequence[str]
    ) -> MaskedText:
        """The masked text of a text split into `kept` pieces and the `cut` spans between them
        (`len(kept) == len(cut) + 1`, as `re.split` gives them), each cut span left as the
        string `left` gives for it (a space, or a paragraph break).

        The same as the constructor given the spans, with the work left to C: a page of HTML
        has a span to cut for every tag, tens of thousands of them.
        """
        masked = cls.__new__(cls)
        masked.text = "".join(
            itertools.chain.from_iterable(itertools.zip_longest(kept, left, fillvalue=""))
        )
        lengths = list(map(len, kept))
        masked._kept = [0, *itertools.accumulate(map(operator.add, lengths, map(len, left)))]
        masked._original = [0, *itertools.accumulate(map(operator.add, lengths, map(len, cut)))]
        return masked

    def original(self, offset: int) -> int:
        """The offset in the original text of a character of the masked text."""
        index = bisect_right(self._kept, offset) - 1
        return self._original[index] + offset - self._kept[index]

    def masked(self, offset: int) -> int:
        """The offset in the masked text of (or just after) a character of the original."""
        index = bisect_right(self._original, offset) - 1
        return self._kept[index] + offset - self._original[index]


def place_article(
    article: Article,
    source: str,
    masked: MaskedText | None = None,
    headings: Headings = (),
    *,
    raw_references: bool = True,
) -> None:
    """Give the article's headings, sentences and references their positions in `source`.

    `masked` is `source` without what holds no sentence's words; `headings` are the form's
    heading lines; with `raw_references`, a reference is looked for by its raw text.
    """
    lines = SourceLines(source)
    masked = masked or MaskedText(source)
    finder = _WordFinder(masked.text)
    heading_starts = [start for start, _ in headings]
    heading_words = [_WORD.findall(text.lower()) for _, text in headings]
    sentence_positions: dict[int, SourcePosition] = {}
    section_positions: dict[int, SourcePosition] = {}
    for section in article.sections():
        if section.index:
            at = masked.original(finder.cursor)
            first = bisect_left(heading_starts, at)
            found = _heading(section.title, heading_starts, heading_words, first)
            if found is not None:
                finder.cursor = masked.masked(found)
            section.position = lines.position(found if found is not None else at)
            section_positions[section.index] = section.position
        for paragraph in section.paragraphs:
            for sentence in paragraph.sentences:
                sentence.position = lines.position(masked.original(finder.place(sentence.text)))
                sentence_positions[sentence.id] = sentence.position
    hint = 0
    for reference in article.references:
        found = _raw_offset(source, reference, hint) if raw_references else None
        if found is not None:
            hint = found
            reference.position = lines.position(found)
        else:
            reference.position = _first_use(reference, sentence_positions, section_positions)


def _heading(
    title: str, starts: Sequence[int], words_of: Sequence[list[str]], first: int
) -> int | None:
    """Where the first heading line from `first` on that reads like `title` starts (`starts`
    and `words_of`: each heading line's start and its words, read once for the article)."""
    wanted = _WORD.findall(title.lower())
    if not wanted:
        return None
    for index in range(first, min(len(starts), first + MAX_HEADING_CANDIDATES)):
        words = words_of[index]
        if len(words) > len(wanted) + HEADING_EXTRA_WORDS:
            continue
        present = sum(1 for word in wanted if word in words)
        if 2 * present >= len(wanted):
            return starts[index]
    return None


class _WordFinder:
    """Finds sentences' opening words in order in a masked text, after the last one found."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cursor = 0

    def place(self, sentence: str) -> int:
        """The offset of the sentence's first word found; moves on past that word."""
        words = _WORD.findall(sentence)
        for window, strict in ((NEAR_WINDOW, False), (FAR_WINDOW, True)):
            for first in range(min(OPENING_WORDS, len(words))):
                start = self._start_of(words[first:], window, strict)
                if start is not None:
                    self.cursor = start + len(words[first])
                    return start
        return self.cursor

    def _start_of(self, words: list[str], window: int, strict: bool) -> int | None:
        limit = min(len(self.text), self.cursor + window)
        at = self.cursor
        for _ in range(MAX_CANDIDATES):
            start = self._word_at_or_after(words[0], at, limit)
            if start is None:
                return None
            if self._confirmed(words[1 : 1 + CONFIRMING_WORDS], start + len(words[0]), strict):
                return start
            at = start + 1
        return None

    def _confirmed(self, following: list[str], end: int, strict: bool) -> bool:
        """Whether the words follow, in order, each close behind the one before.

        A word found only after the next one is taken for missing (it came out of a template
        and its match is a later word), so that one missing word does not carry the rest away.
        The answer is no as soon as more words are missing than allowed.
        """
        allowed = 0 if strict else len(following) // 3
        missing = 0
        for index, word in enumerate(following):
            here = self._near(word, end)
            if here is not None and here - end > ADJACENT and index + 1 < len(following):
                next_at = self._near(following[index + 1], end)
                if next_at is not None and next_at < here:
                    here = None
            if here is None:
                missing += 1
                if missing > allowed:
                    return False
            else:
                end = here + len(word)
        return True

    def _near(self, word: str, end: int) -> int | None:
        """Where `word` stands close after `end`, in the same paragraph, or None."""
        found = self._word_at_or_after(word, end, end + WORD_GAP + len(word))
        # A paragraph break takes two characters: most words stand one space apart.
        if found is None or (found - end > 1 and _BLANK_LINE.search(self.text, end, found)):
            return None
        return found

    def _word_at_or_after(self, word: str, start: int, limit: int) -> int | None:
        """Where `word` first stands whole (no word character on either side) in the range."""
        text = self.text
        found = text.find(word, start, limit)
        while found >= 0:
            before = text[found - 1 : found]
            after = text[found + len(word) : found + len(word) + 1]
            if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
                return found
            found = text.find(word, found + 1, limit)
        return None


def element_spans(
    text: str, openers: re.Pattern[str], *, case_blind: bool = True
) -> list[tuple[int, int]]:
    """Spans from each opener `openers` matches to its closer: `-->` for `<!--` (a comment
    never closed runs to the end), `</name ...>` for `<name ...>` (the first group that matched
    is the name; an element never closed masks nothing, and `<name/>` is its own span).
    Closers are found in any case, or with `case_blind=False` only in lower case: lowering a
    page of HTML that holds other scripts than Latin costs as much as all the rest.

    Linear, whatever the input: an opener with no closer after it means that no later opener of
    that name has one either, and what one span covers is not searched again.
    """
    lowered = text.lower() if case_blind else text
    spans: list[tuple[int, int]] = []
    unclosed: set[str] = set()
    end = 0
    for match in openers.finditer(text):
        if match.start() < end:
            continue
        if match.group().endswith("/>"):
            spans.append(match.span())
            continue
        name = next((group for group in match.groups() if group), None)
        closer = "-->" if name is None else f"</{name.lower()}"
        if closer in unclosed:
            continue
        found = lowered.find(closer, match.end())
        if found < 0:
            if closer == "-->":
                spans.append((match.start(), len(text)))
                break
            unclosed.add(closer)
            continue
        close_end = lowered.find(">", found)
        end = len(text) if close_end < 0 else close_end + 1
        spans.append((match.start(), end))
    return spans


def line_headings(text: str, pattern: re.Pattern[str] | None = None) -> list[tuple[int, str]]:
    """Every line of `text` (or those `pattern` matches at their start) as a heading line."""
    found = []
    for match in re.finditer(r"^.*$", text, re.M):
        if match.group().strip() and (pattern is None or pattern.match(match.group())):
            found.append((match.start(), match.group()))
    return found


def _raw_offset(source: str, reference: Reference, hint: int) -> int | None:
    """Where the reference's raw text stands: after `hint` first (definitions mostly come in
    list order), else before it."""
    raw = reference.raw.strip()
    if not raw:
        return None
    found = source.find(raw, hint)
    if found < 0:
        found = source.find(raw, 0, hint + len(raw))
    return found if found >= 0 else None


def _first_use(
    reference: Reference,
    sentences: dict[int, SourcePosition],
    sections: dict[int, SourcePosition],
) -> SourcePosition | None:
    for use in reference.uses:
        if use.sentence_id is not None and use.sentence_id in sentences:
            return sentences[use.sentence_id]
        if use.section_index in sections:
            return sections[use.section_index]
    return None
