"""The parsed article: sections, paragraphs, sentences with their citations, references.

Parsers build an `Article`; everything after reads it. No library type (mwparserfromhell, bs4)
appears here, and nothing here does I/O. Positions are plain integers so that the model
serialises as it is: `Section.index` is the section's place in document order (the lead is 0),
`Sentence.id` the sentence's place in the whole article, and `Reference.id` a key that is unique
across groups. Where a section, sentence or reference stands in the text it was read from is a
`SourcePosition` (line and column).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field


class SourceForm(enum.Enum):
    """The form an article was read from."""

    WIKITEXT = "wikitext"
    HTML = "html"
    TEXT = "text"


class DateFormat(enum.Enum):
    """A date format an article declares with `{{Use dmy dates}}` or `{{Use mdy dates}}`."""

    DMY = "dmy"
    MDY = "mdy"
    YMD = "ymd"


@dataclass(frozen=True)
class SourcePosition:
    """A place in the article's source as read (its newlines made `\n`): a line and a column,
    both counted from 1, the column in characters (Unicode code points)."""

    line: int
    column: int


@dataclass
class Revision:
    """Where the article text came from, when it was fetched from a wiki."""

    site: str | None = None
    page_id: int | None = None
    revision_id: int | None = None
    timestamp: str | None = None
    note: str | None = None
    """What the text is when it is not a revision as the wiki has it (a reconstruction, a
    draft): the report says so at its top."""


@dataclass
class Use:
    """One inline marker of a reference: where in the article it stands.

    `sentence_id` is None when the marker stands outside any sentence (an infobox, a table,
    a heading). `page` is the page suffix of this use (`[10]: 13`, `{{rp|13}}`, `{{sfn|...|p=13}}`).
    """

    section_index: int
    sentence_id: int | None = None
    page: str | None = None


@dataclass
class MaintenanceTag:
    """An inline cleanup tag such as `{{citation needed}}` or `{{dead link}}`.

    `kind` is the canonical kebab-case name (`citation-needed`, `dead-link`, `failed-verification`,
    `better-source-needed`, ...) whatever redirect the article used; `name` is what was written.
    A tag inside a reference (typically `{{dead link}}`) carries that `reference_id`.
    """

    kind: str
    name: str
    section_index: int
    sentence_id: int | None = None
    reference_id: str | None = None
    date: str | None = None
    params: dict[str, str] = field(default_factory=dict)


@dataclass
class Reference:
    """One entry of a reference list, with its structured fields and every use.

    Dates are kept as written; `citeaudit.parse.dates` turns them into ISO dates where valid.
    `kind` says what the entry is made of: a citation template's name (`cite web`, `citation`),
    `short` for `{{sfn}}`-style short citations (then `short_target` is the id of the full
    entry, when one is found), `link` for a plain `[url title]`, `bare-url`, or `text`.
    """

    id: str
    number: int | None = None
    group: str | None = None
    name: str | None = None
    kind: str = "text"
    title: str | None = None
    url: str | None = None
    work: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    access_date: str | None = None
    archive_url: str | None = None
    archive_date: str | None = None
    url_status: str | None = None
    format: str | None = None
    language: str | None = None
    via: str | None = None
    """The service the source was read through (`|via=`, printed ` – via JSTOR`)."""
    identifiers: dict[str, str] = field(default_factory=dict)
    citeref: str | None = None
    short_target: str | None = None
    raw: str = ""
    text: str = ""
    uses: list[Use] = field(default_factory=list)
    """Inline markers in document order."""
    definitions: list[str] = field(default_factory=list)
    """Every body given for this reference's name, as written (two distinct bodies are an error)."""
    position: SourcePosition | None = None
    """Where the reference is defined in the source (where it is first cited, when the form
    keeps no definition of it apart: HTML)."""


@dataclass
class Sentence:
    """A sentence of rendered text and the references cited right after it."""

    id: int
    text: str
    reference_ids: list[str] = field(default_factory=list)
    position: SourcePosition | None = None
    """Where the sentence's first word stands in the source."""


@dataclass
class Paragraph:
    """A block of running text. `kind` is `text`, `list` (a list item) or `quote`."""

    sentences: list[Sentence] = field(default_factory=list)
    kind: str = "text"


@dataclass
class Section:
    """A section: its heading, its own paragraphs, and its subsections.

    The lead is the root section: level 0, empty title. `level_inferred` is True where the
    heading level was guessed (the rendered-text form loses levels).
    """

    index: int
    title: str
    level: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    level_inferred: bool = False
    position: SourcePosition | None = None
    """Where the heading stands in the source (None for the lead)."""


@dataclass
class Infobox:
    """An infobox's name and its fields, as plain text (used to recognise biographies)."""

    name: str
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class Article:
    """One article in one model, whatever form it was read from."""

    title: str
    source_form: SourceForm
    lead: Section
    references: list[Reference] = field(default_factory=list)
    maintenance_tags: list[MaintenanceTag] = field(default_factory=list)
    date_format: DateFormat | None = None
    revision: Revision | None = None
    infoboxes: list[Infobox] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What the parser noticed and could not represent (inferred levels, skipped markup, ...)."""

    def sections(self) -> Iterator[Section]:
        """Every section in document order, the lead first."""
        stack = [self.lead]
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def sentences(self) -> Iterator[tuple[Section, Paragraph, Sentence]]:
        """Every sentence in document order, with its section and paragraph."""
        for section in self.sections():
            for paragraph in section.paragraphs:
                for sentence in paragraph.sentences:
                    yield section, paragraph, sentence

    def reference(self, reference_id: str) -> Reference | None:
        """The reference with this id, or None."""
        for reference in self.references:
            if reference.id == reference_id:
                return reference
        return None

    def cited_url(self, reference: Reference) -> str | None:
        """The URL a reference cites: its own, else its short citation's full entry's."""
        if not reference.url and reference.short_target:
            target = self.reference(reference.short_target)
            reference = target if target is not None else reference
        return reference.url.strip() if reference.url else None
