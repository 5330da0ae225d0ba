"""What the unsupported-claim rules look at: which text is a claim, which article is a biography
of a living person, and which lead sentences the body already cites.

- Not claims: navigation and apparatus sections (See also, External links, Further reading,
  References, Notes, Bibliography, Sources, ...), lists of the subject's own works (Works,
  Publications, Discography, Filmography) and galleries, and everything under them; sentences
  of fewer than four words; sentences that only introduce what follows (ending in ":");
  sentences that describe an example shown on the page ("In the above code, ...", "The example
  below ...").
  Parsers keep image captions, infoboxes, tables and navigation boxes out of paragraphs.
- Biography of a living person (WP:BLP): a "Living people" category, an infobox with a birth
  date and no death date, or the rendered "Born ... (age N)" (which CS1's `{{birth date and age}}`
  prints only for the living).
- The lead (WP:LEADCITE) need not repeat citations for what the body cites: a lead sentence is
  covered when every number in it appears in the cited body text and most of its content words
  do (half in one cited body paragraph, or three quarters across them). "Cited body text" is
  each body paragraph up to its last citation, with the title of its section (a heading such as
  "In academic research" names what the paragraph under it is about). Words of attribution and
  emphasis ("noted", "widely", "various") are not content words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from citeaudit.model import Article, Paragraph, Section, Sentence

NON_CLAIM_SECTIONS = frozenset(
    {
        "see also",
        "external links",
        "further reading",
        "references",
        "notes",
        "footnotes",
        "citations",
        "bibliography",
        "sources",
        "works cited",
        "notes and references",
        "references and notes",
        "general references",
        "general and cited references",
        "cited sources",
        "explanatory notes",
        "reference notes",
        "links",
        "external link",
        "further information",
        "navigation",
        # Lists of the subject's own works cite themselves (WP:V: works are their own source).
        "works",
        "selected works",
        "publications",
        "selected publications",
        "select bibliography",
        "selected bibliography",
        "discography",
        "filmography",
        "gallery",
        "image gallery",
        "writings",
        "selected writings",
        "books",
        "selected books",
        "list of works",
        "works and publications",
        "published works",
        "bibliography (selected)",
        "articles",
        "selected articles",
    }
)
_LIVING_CATEGORY = "living people"
_BIRTH_KEYS = frozenset({"birth_date", "born", "birth date", "date of birth", "birthdate"})
_DEATH_KEYS = frozenset({"death_date", "died", "death date", "date of death", "deathdate"})
_AGE = re.compile(r"\(\s*age\s+\d{1,3}\s*\)", re.I)
_BORN_AGE = re.compile(r"\bBorn\b.*\(\s*age\s+\d{1,3}\s*\)", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d[\d,.]*")
_STOPWORDS = frozenset(
    """
    about above after again against also although among another because been before being
    below between both could does doing during each either from further have having here
    itself just more most much must other over same should since some such than that their
    theirs them then there these they this those through under until upon very were what
    when where which while whom whose will with within without would your into only onto
    well many like first later known called including include includes used uses using
    noted notable widely considered regarded various several multiple especially particularly
    emphasis
    """.split()
)
MIN_CLAIM_WORDS = 4
_DESCRIBES_EXAMPLE = re.compile(
    r"\b(?:the\s+)?(?:above|below|following|preceding|previous)\s+(?:code|example|program|snippet|listing|figure|diagram)s?\b"
    r"|\b(?:code|example|program|snippet|listing)s?\s+(?:above|below)\b",
    re.I,
)
_SUFFIXES = ("ally", "ied", "ies", "ing", "ed", "ly", "es", "s", "y", "e")


_HATNOTE = re.compile(
    r"^(?:see also|main articles?|further information|for more details|further reading|"
    r"related articles?)\b",
    re.I,
)
_NAVIGATION_SEPARATORS = re.compile(r"\s[·•|]\s")
_BIBLIOGRAPHIC = re.compile(
    r"\bISBN\b|\bISSN\b|\bdoi:|\bpp?\.\s*\d|\((?:[^()]*[:,]\s*)?(?:1[5-9]|20)\d\d\)"
)


def is_claim_sentence(sentence: Sentence) -> bool:
    """Whether a sentence states something a reader could challenge: not a lead-in to a list
    ("... the following:"), not a description of the example shown, not a "See also" line, not
    a line of navigation links ("Home · News · Sport")."""
    text = sentence.text.strip()
    return (
        len(text.split()) >= MIN_CLAIM_WORDS
        and not text.endswith(":")
        and not _DESCRIBES_EXAMPLE.search(text)
        and not _HATNOTE.match(text)
        and len(_NAVIGATION_SEPARATORS.findall(text)) < 2
    )


def is_bibliographic(sentences: list[Sentence]) -> bool:
    """A list of works, not of claims: most items cite themselves (a year of publication, a
    publisher and place, an ISBN, pages)."""
    return bool(sentences) and 2 * sum(
        bool(_BIBLIOGRAPHIC.search(s.text.strip())) for s in sentences
    ) > len(sentences)


def paragraph_cites(paragraph: Paragraph) -> bool:
    return any(sentence.reference_ids for sentence in paragraph.sentences)


def claim_sections(article: Article) -> Iterator[Section]:
    """Every section whose text makes claims, the lead first, skipping apparatus sections."""
    stack = [article.lead]
    while stack:
        section = stack.pop()
        if section.title.strip().lower() in NON_CLAIM_SECTIONS:
            continue
        yield section
        stack.extend(reversed(section.children))


@dataclass(frozen=True)
class ClaimUnit:
    """Sentences cited as a whole when a citation follows their claims: a prose paragraph, a
    block quotation (however many paragraphs), or a run of list items with its lead-in."""

    kind: str
    sentences: list[Sentence]

    @property
    def cites(self) -> bool:
        return any(sentence.reference_ids for sentence in self.sentences)

    def uncited(self) -> Iterator[Sentence]:
        """Its sentences no citation covers: none of them, nor a later one, cites a source, and
        no cited lead-in ("... the following:") stands before them."""
        covered_from_lead_in = False
        for index, sentence in enumerate(self.sentences):
            if sentence.text.rstrip().endswith(":") and sentence.reference_ids:
                covered_from_lead_in = True
            if covered_from_lead_in:
                continue
            if not any(later.reference_ids for later in self.sentences[index:]):
                yield sentence


def claim_units(section: Section) -> Iterator[ClaimUnit]:
    """A section's units of claims (see `ClaimUnit`). A list of the subject's works (items that
    cite themselves: a year of publication with its publisher or place, an ISBN, pages) and a
    paragraph describing an example are no units of claims."""
    kind, run = "", list[Sentence]()
    for paragraph in section.paragraphs:
        joins = paragraph.kind in ("list", "quote") and (
            paragraph.kind == kind or _introduces(run, kind, paragraph.kind)
        )
        if joins:
            run.extend(paragraph.sentences)
            kind = paragraph.kind
            continue
        if _has_claims(kind, run):
            yield ClaimUnit(kind, run)
        kind, run = paragraph.kind, list(paragraph.sentences)
    if _has_claims(kind, run):
        yield ClaimUnit(kind, run)


def _has_claims(kind: str, run: list[Sentence]) -> bool:
    """Not a list of works, nor a paragraph that opens by describing the example shown ("In
    the above code, ...": what follows describes it too)."""
    if not run:
        return False
    if kind == "list":
        return not is_bibliographic(_items(run))
    return not _DESCRIBES_EXAMPLE.search(run[0].text)


def claim_blocks(section: Section) -> Iterator[list[Sentence]]:
    """The sentences of each of a section's units of claims."""
    for unit in claim_units(section):
        yield unit.sentences


def _introduces(run: list[Sentence], run_kind: str, kind: str) -> bool:
    """A text paragraph ending in ":" introduces the list that follows it."""
    return (
        kind == "list" and run_kind == "text" and bool(run) and run[-1].text.rstrip().endswith(":")
    )


def _items(run: list[Sentence]) -> list[Sentence]:
    return [sentence for sentence in run if not sentence.text.rstrip().endswith(":")]


def is_biography_of_living_person(article: Article) -> bool:
    if any(
        category.split(":")[-1].strip().lower() == _LIVING_CATEGORY
        for category in article.categories
    ):
        return True
    for infobox in article.infoboxes:
        keys = {
            key.strip().lower().replace("_", " "): value for key, value in infobox.fields.items()
        }
        normalized = {key.replace(" ", "_"): value for key, value in keys.items()}
        has = {**keys, **normalized}
        born = any(has.get(key, "").strip() for key in _BIRTH_KEYS)
        died = any(has.get(key, "").strip() for key in _DEATH_KEYS)
        if born and not died:
            return True
        if died:
            return False
        if any(_AGE.search(value) for value in infobox.fields.values()):
            return True
    return any(
        _BORN_AGE.search(sentence.text)
        for paragraph in article.lead.paragraphs
        for sentence in paragraph.sentences
    )


def content_words(text: str) -> tuple[set[str], set[str]]:
    """The content words (lower-case, crude singular) and the numbers of a text."""
    words, numbers = set(), set()
    for token in _WORD.findall(text):
        if token[0].isdigit():
            numbers.add(token.rstrip(".,").replace(",", ""))
        elif len(token) >= 4 and token.lower() not in _STOPWORDS:
            words.add(_stem(token.lower()))
    return words, numbers


def _stem(word: str) -> str:
    """A crude stem: enough to match "studied"/"study" and "academically"/"academic"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@dataclass
class LeadCoverage:
    """Which lead sentences the cited body text already supports (WP:LEADCITE)."""

    paragraphs: list[tuple[set[str], set[str]]]
    all_words: set[str]
    all_numbers: set[str]

    @classmethod
    def of(cls, article: Article) -> LeadCoverage:
        paragraphs = []
        for section in claim_sections(article):
            if section is article.lead:
                continue
            for paragraph in section.paragraphs:
                cited = [
                    index
                    for index, sentence in enumerate(paragraph.sentences)
                    if sentence.reference_ids
                ]
                if cited:
                    text = " ".join(
                        sentence.text for sentence in paragraph.sentences[: cited[-1] + 1]
                    )
                    paragraphs.append(content_words(f"{section.title}. {text}"))
        all_words = set().union(*(words for words, _ in paragraphs)) if paragraphs else set()
        all_numbers = set().union(*(numbers for _, numbers in paragraphs)) if paragraphs else set()
        return cls(paragraphs, all_words, all_numbers)

    def covers(self, sentence: Sentence) -> bool:
        words, numbers = content_words(sentence.text)
        if not numbers <= self.all_numbers:
            return False
        if not words:
            return True
        best = max((len(words & body) / len(words) for body, _ in self.paragraphs), default=0.0)
        return best >= 0.5 or len(words & self.all_words) / len(words) >= 0.75


class LeadExemption:
    """Whether an uncited sentence is exempt as a lead sentence that the cited body supports
    (WP:LEADCITE), unless the lead must cite anyway (`--lead-needs-citations`). The body is
    read once, when a lead sentence first asks."""

    def __init__(self, article: Article, lead_needs_citations: bool) -> None:
        self._article = article
        self._applies = not lead_needs_citations
        self._coverage: LeadCoverage | None = None

    def __call__(self, section: Section, sentence: Sentence) -> bool:
        if not self._applies or section is not self._article.lead:
            return False
        if self._coverage is None:
            self._coverage = LeadCoverage.of(self._article)
        return self._coverage.covers(sentence)
