"""The types every stage shares: the parsed `Article`, and what checks and link checks say of it.

Parsers build an `Article`; checks read it and yield `Finding`s; the link checker yields a
`LinkResult` per URL; reporters read a `Report`. No library type (mwparserfromhell, bs4,
requests) ever appears here, and nothing here does I/O.

Positions are plain integers so that the model serialises as it is: `Section.index` is the
section's place in document order (the lead is 0), `Sentence.id` the sentence's place in the
whole article, and `Reference.id` a key that is unique across groups.
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


@dataclass
class Revision:
    """Where the article text came from, when it was fetched from a wiki."""

    site: str | None = None
    page_id: int | None = None
    revision_id: int | None = None
    timestamp: str | None = None


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

    Dates are kept as written; `citeaudit.dates` turns them into ISO dates where they are valid.
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


@dataclass
class Sentence:
    """A sentence of rendered text and the references cited right after it."""

    id: int
    text: str
    reference_ids: list[str] = field(default_factory=list)


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


# --- What the checks and the link checker say ------------------------------------------------


class Severity(enum.Enum):
    """How much a finding matters; the order is the order of `--fail-on`."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


@dataclass(frozen=True)
class Finding:
    """One problem a check found, with where it is and what to do about it.

    `section` is the section's title ("" for the lead), `reference_id` the id of the reference
    concerned, `sentence_id`/`sentence` the sentence concerned. `message` says what is wrong and
    what to do.
    """

    code: str
    family: str
    severity: Severity
    message: str
    section: str | None = None
    reference_id: str | None = None
    sentence_id: int | None = None
    sentence: str | None = None


class LinkVerdict(enum.Enum):
    """One word per checked URL; see DESIGN.md, "Link verdicts"."""

    ALIVE = "alive"
    DEAD = "dead"
    SOFT_404 = "soft-404"
    BLOCKED = "blocked"
    UNREACHABLE = "unreachable"
    INVALID = "invalid"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class FetchRequest:
    """One HTTP request a fetcher is asked to make (a single hop: redirects are not followed)."""

    url: str
    method: str = "GET"
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FetchResult:
    """What one request got: an HTTP answer, or a network failure (`failure` set, `status` None).

    `body` holds at most the fetcher's byte cap; `truncated` says it was cut. Headers are
    lower-cased names.
    """

    url: str
    status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    truncated: bool = False
    failure: str | None = None
    """`timeout`, `dns`, `connection`, `reset`, `tls`, `refused-address`, `not-recorded`, ..."""
    detail: str = ""
    elapsed: float = 0.0

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        for key, value in self.headers:
            if key == wanted:
                return value
        return None


@dataclass(frozen=True)
class Hop:
    """One step of a redirect chain: the URL asked and the status it answered (None: failed)."""

    url: str
    status: int | None


@dataclass(frozen=True)
class ArchiveSnapshot:
    """A Wayback Machine capture offered for a link."""

    url: str
    timestamp: str
    status: str = "200"


@dataclass(frozen=True)
class LinkResult:
    """The verdict on one URL and the evidence behind it."""

    url: str
    verdict: LinkVerdict
    reason: str
    status: int | None = None
    final_url: str | None = None
    chain: tuple[Hop, ...] = ()
    page_title: str | None = None
    checked_at: str | None = None
    archive: ArchiveSnapshot | None = None
    reference_ids: tuple[str, ...] = ()
    first_failed_at: str | None = None
    """For dead links with a history: when the link was first seen dead."""
    failed_checks: int = 0
    """How many checks in a row, this one included, found the link dead."""


@dataclass(frozen=True)
class SupportRecord:
    """Whether the sources a sentence cites say what it says (see `citeaudit.support`).

    `verdict` is `supported`, `partial`, `not-found` or `unverifiable`; `reason` says why (for
    `unverifiable`, why there was nothing to read). `found`/`missing` are the sentence's
    checkable facts (numbers, dates, names, quotes) the sources do or do not state; `evidence`
    is the closest passage, quoted briefly, from the page at `evidence_url`.
    """

    sentence_id: int
    sentence: str
    section: str
    reference_ids: tuple[str, ...]
    verdict: str
    reason: str
    found: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    evidence: str | None = None
    evidence_url: str | None = None
    urls: tuple[str, ...] = ()
    """The cited URLs whose text was read."""


@dataclass
class Report:
    """Everything an audit found about one article, ready for a reporter."""

    article: Article
    as_of: str
    offline: bool
    tool_version: str
    links: list[LinkResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    links_checked: bool = True
    """False when the audit did not check links at all (`--no-links`)."""
    support: list[SupportRecord] = field(default_factory=list)
    """One record per cited sentence, in document order."""
    support_checked: bool = False
    """False when claim support was not checked (`--no-support`, `--no-links`)."""
    simulated_web: bool = False
    """True when the links were replayed from a fixture whose every answer is marked simulated."""
