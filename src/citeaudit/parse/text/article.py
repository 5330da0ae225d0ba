"""Parse the text a reader copies off a rendered Wikipedia page into an `Article`.

The copy keeps the words, the citation markers (`[1]`, `[10]: 13`, `[a]`), the cleanup tags
(`[citation needed]`), the headings (each followed by its `[edit]` link) and the reference
list (`  1. ^ a b "Title". Work. Date. Retrieved DATE.`), and loses the heading levels, the
URLs and the markup. `text_layout` finds the article inside the skin's chrome and cuts it into
blocks, `text_infobox` recognises the infobox, `text_headings` infers the levels,
`text_inline` reads markers and tags, and `text_cs1` reads a citation's fields back from
the phrases Citation Style 1 prints. This module puts the pieces into the shared model: each
sentence with the references cited right after it, each reference with its uses in document
order (the k-th back-link letter is the k-th marker of that number).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from citeaudit.model import (
    Article,
    Infobox,
    MaintenanceTag,
    Paragraph,
    Reference,
    Section,
    Sentence,
    SourceForm,
    Use,
)
from citeaudit.parse.positions import line_headings, place_article
from citeaudit.parse.sentences import Marker, split_sentences
from citeaudit.parse.text.converted import Rendering, normalise, recognise
from citeaudit.parse.text.cs1 import parse_citation
from citeaudit.parse.text.headings import infer_levels
from citeaudit.parse.text.infobox import (
    infobox_fields,
    is_glued_row,
    is_hatnote,
    is_prose,
    looks_like_infobox,
)
from citeaudit.parse.text.inline import (
    RefToken,
    TagToken,
    Token,
    has_letter_markers,
    named_groups,
    plain_text,
    reference_id,
    tokenize,
)
from citeaudit.parse.text.layout import (
    MARK_CHARACTERS,
    Block,
    Heading,
    ReferenceLine,
    TextLine,
    backlink_label,
    read_blocks,
    split_page,
    without_text_marks,
)
from citeaudit.parse.text.links import cited_links
from citeaudit.parse.text.mojibake import repair_mojibake

MOJIBAKE_NOTE = (
    'The text had been decoded with the wrong character set (mojibake such as "â€”" for '
    '"—"); it was repaired before reading.'
)
NO_URL_NOTE = (
    "Rendered text carries no URLs: the cited links cannot be checked from this form; "
    "audit the article's wikitext or HTML (by title) to check them."
)
MAX_MARKERS_PER_CALL = 4000
"""The sentence splitter numbers markers in a private-use range; a paragraph with more is cut."""
COMMON_NOTE_GROUPS = frozenset({"note", "notes", "nb", "n"})
"""Named groups taken as markers even when the copy has no list for them. A letter (`[a]`) is a
marker only when a lettered list has that entry: `{{ill}}` prints language codes as `[de]`."""
MAX_UNLISTED_NUMBER = 999
"""`[n]` with no list entry is a marker up to this number (`[1999]` is more likely a year)."""


def parse(text: str, title: str | None = None) -> Article:
    """Parse rendered article text; `title` names the article when the copy lacks its title.

    A converter's rendering (`html2text`, `lynx`, `w3m`, pandoc, Markdown) is first turned into
    the lines of a reader's copy (`text.converted`); mojibake is repaired first of all.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text, repaired = repair_mojibake(MARK_CHARACTERS.sub("", text))
    notes = [MOJIBAKE_NOTE] if repaired else []
    rendering = recognise(text)
    if rendering is not Rendering.READER_COPY:
        normalised = normalise(text, rendering)
        text = "\n".join(normalised.lines)
        notes += normalised.notes
    page = split_page(text, title)
    blocks = read_blocks(page.lines)
    builder = _ArticleBuilder(page.title or title or "", notes=notes)
    blocks = builder.take_infobox(blocks)
    headings = [block for block in blocks if isinstance(block, Heading)]
    if headings:
        builder.notes.append(infer_levels(headings, page.toc_entries, page.toc_parents))
    builder.define_references(blocks)
    builder.add_infobox()
    for block in blocks:
        builder.add(block)
    article = builder.finish()
    article.categories = page.categories
    article.revision = page.revision
    text = without_text_marks(text)
    place_article(article, text, headings=line_headings(text))
    return article


@dataclass
class _ArticleBuilder:
    """Collects sections, sentences, references and tags while the blocks are read in order."""

    title: str
    lead: Section = field(default_factory=lambda: Section(index=0, title="", level=0))
    references: dict[str, Reference] = field(default_factory=dict)
    backlinks: dict[str, int] = field(default_factory=dict)
    tags: list[MaintenanceTag] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    infoboxes: list[Infobox] = field(default_factory=list)
    stack: list[Section] = field(default_factory=list)
    sections: int = 1
    sentence_ids: int = 0
    undefined: dict[str, Reference] = field(default_factory=dict)
    infobox_rows: list[str] = field(default_factory=list)
    entries: dict[int, str] = field(default_factory=dict)
    """`id()` of each reference-list line -> the id of the reference it defines."""
    uses_in_own_list: list[tuple[Reference, Use]] = field(default_factory=list)
    """Markers read inside an entry of the list they cite, with the reference each one cites."""

    def __post_init__(self) -> None:
        self.stack = [self.lead]

    @property
    def section(self) -> Section:
        return self.stack[-1]

    def take_infobox(self, blocks: list[Block]) -> list[Block]:
        """Remove the infobox rows (and hatnotes) before the lead; keep their markers for later."""
        first_heading = next(
            (i for i, block in enumerate(blocks) if isinstance(block, Heading)), len(blocks)
        )
        lead = blocks[:first_heading]
        kept = [b for b in lead if not (isinstance(b, TextLine) and is_hatnote(b.text))]
        first_prose = next(
            (i for i, b in enumerate(kept) if not isinstance(b, TextLine) or _is_lead_prose(b)),
            len(kept),
        )
        rows = [b for b in kept[:first_prose] if isinstance(b, TextLine)]
        if len(kept) < len(lead):
            self.notes.append("Hatnotes above the lead were left out of the text.")
        if not looks_like_infobox([row.text for row in rows]):
            return kept + blocks[first_heading:]
        self.infobox_rows = [row.text for row in rows]
        return kept[first_prose:] + blocks[first_heading:]

    def define_references(self, blocks: list[Block]) -> None:
        """Create the references of every list, so that markers can be told from brackets.

        A lettered list (`a. ^ ...`) is the lower-alpha group. When the text uses a named group
        (`[note 1]`) and there are two numbered lists, the one under a heading about notes (or
        else the first) is that group's.
        """
        runs = _reference_runs(blocks)
        text_lines = [block.text for block in blocks if isinstance(block, TextLine)]
        groups = named_groups(text_lines)
        numbered = [
            run for run in runs if run.lines[0].label is None or run.lines[0].label.isdigit()
        ]
        lettered_list = len(numbered) < len(runs)
        note_run: _ReferenceRun | None = None
        note_group: str | None = None
        if len(numbered) >= 2 and (
            groups or (not lettered_list and has_letter_markers(text_lines))
        ):
            # A converter numbers every list (`{{notelist}}`'s letters are the style sheet's).
            note_run = next((run for run in numbered if "note" in run.heading.lower()), numbered[0])
            note_group = groups[0] if groups else "lower-alpha"
        for run in runs:
            for position, line in enumerate(run.lines, start=1):
                group, label = _group_and_label(line.label, position)
                if run is note_run and note_group == "lower-alpha":
                    group, label = note_group, backlink_label(position - 1)
                elif run is note_run:
                    group = note_group
                self._define(line, group, label, position)

    def _define(self, line: ReferenceLine, group: str | None, label: str, position: int) -> None:
        ref_id = reference_id(group, label)
        if ref_id in self.references:
            self.notes.append(
                f"The reference list has entry {ref_id} twice; the second was left out."
            )
            return
        number = int(label) if label.isdigit() else position
        self.references[ref_id] = Reference(
            id=ref_id,
            number=number,
            group=group,
            raw=line.raw,
            text=without_text_marks(line.citation),
        )
        self.backlinks[ref_id] = line.backlinks
        self.entries[id(line)] = ref_id

    def add(self, block: Block) -> None:
        if isinstance(block, Heading):
            self._open_section(block)
        elif isinstance(block, ReferenceLine):
            self._fill_reference(block)
        elif block.kind == "table":
            self._record_outside_sentences(tokenize(block.text, self._is_reference))
        elif not is_hatnote(block.text) or len(block.text) > 400:
            self._add_paragraph(block)

    def add_infobox(self) -> None:
        """The infobox taken before the lead, its markers counted as uses outside sentences."""
        if not self.infobox_rows:
            return
        plain_rows = []
        for row in self.infobox_rows:
            tokens = tokenize(row, self._is_reference)
            self._record_outside_sentences(tokens)
            plain_rows.append(plain_text(tokens))
        self.infoboxes.append(Infobox("infobox", infobox_fields(plain_rows)))

    def _open_section(self, heading: Heading) -> None:
        section = Section(
            index=self.sections, title=heading.title, level=heading.level, level_inferred=True
        )
        self.sections += 1
        while len(self.stack) > 1 and self.stack[-1].level >= heading.level:
            self.stack.pop()
        self.stack[-1].children.append(section)
        self.stack.append(section)

    def _add_paragraph(self, line: TextLine) -> None:
        tokens = tokenize(line.text, self._is_reference)
        paragraph = Paragraph(kind=line.kind)
        for pieces, originals in _marker_chunks(tokens):
            drafts = split_sentences(pieces)
            if not drafts:
                self._record_outside_sentences(originals)
                continue
            queue = iter(originals)
            for draft in drafts:
                sentence = Sentence(id=self.sentence_ids, text=draft.text)
                self.sentence_ids += 1
                for _ in draft.markers:
                    self._record(next(queue), sentence)
                paragraph.sentences.append(sentence)
        if paragraph.sentences:
            self.section.paragraphs.append(paragraph)

    def _fill_reference(self, line: ReferenceLine) -> None:
        ref_id = self.entries.get(id(line))
        if ref_id is None:
            return
        ref = self.references[ref_id]
        tokens = tokenize(line.citation, self._is_reference)
        for token in tokens:
            if isinstance(token, TagToken):
                self.tags.append(self._tag(token, None, ref.id))
            elif isinstance(token, RefToken) and token.group == ref.group:
                self.uses_in_own_list.append(self._use(token, None))
            elif isinstance(token, RefToken):
                self._use(token, None)
        fields = parse_citation(plain_text(tokens))
        for name, value in vars(fields).items():
            setattr(ref, name, value)
        if line.marked:
            links = cited_links(line.marked, ref.title)
            ref.url, ref.archive_url = links.url, links.archive_url
            ref.url_status = ref.url_status or links.url_status

    def _record(self, token: Token, sentence: Sentence) -> None:
        if isinstance(token, RefToken):
            self._use(token, sentence.id)
            if token.reference_id not in sentence.reference_ids:
                sentence.reference_ids.append(token.reference_id)
        elif isinstance(token, TagToken):
            self.tags.append(self._tag(token, sentence.id))

    def _record_outside_sentences(self, tokens: list[Token]) -> None:
        for token in tokens:
            if isinstance(token, RefToken):
                self._use(token, None)
            elif isinstance(token, TagToken):
                self.tags.append(self._tag(token, None))

    def _tag(
        self, token: TagToken, sentence_id: int | None, reference_id: str | None = None
    ) -> MaintenanceTag:
        # `[permanent dead link]` is what `{{dead link|fix-attempted=yes}}` prints.
        params = {"fix-attempted": "yes"} if token.name.lower().startswith("permanent") else {}
        return MaintenanceTag(
            token.kind, token.name, self.section.index, sentence_id, reference_id, params=params
        )

    def _use(self, token: RefToken, sentence_id: int | None) -> tuple[Reference, Use]:
        ref_id = token.reference_id
        ref = self.references.get(ref_id) or self.undefined.get(ref_id)
        if ref is None:
            number = int(token.label) if token.label.isdigit() else None
            ref = Reference(id=ref_id, number=number, group=token.group)
            self.undefined[ref_id] = ref
        use = Use(self.section.index, sentence_id, token.page)
        ref.uses.append(use)
        return ref, use

    def _is_reference(self, token: RefToken) -> bool:
        if token.reference_id in self.references:
            return True
        if token.group is None:
            return int(token.label) <= MAX_UNLISTED_NUMBER
        return token.group.lower() in COMMON_NOTE_GROUPS

    def finish(self) -> Article:
        self._drop_quoted_markers()
        self._check_backlinks()
        if self.undefined:
            listed = ", ".join(f"[{ref_id}]" for ref_id in list(self.undefined)[:20])
            more = len(self.undefined) - 20
            listed += f" and {more} more" if more > 0 else ""
            self.notes.append(f"Markers with no entry in any reference list: {listed}.")
        has_urls = any(ref.url or ref.archive_url for ref in self.references.values())
        if (self.references or self.undefined) and not has_urls:
            self.notes.append(NO_URL_NOTE)
        return Article(
            title=self.title,
            source_form=SourceForm.TEXT,
            lead=self.lead,
            references=[*self.references.values(), *self.undefined.values()],
            maintenance_tags=self.tags,
            infoboxes=self.infoboxes,
            notes=self.notes,
        )

    def _drop_quoted_markers(self) -> None:
        """Markers inside an entry of their own list, beyond the cited entry's back-links, are text.

        An entry prints one back-link per use, so when the text has more markers for it than
        that, some are text that looks like markers. An entry cites entries of another list (a
        footnote citing a source), not of its own, so a marker of its own list inside an entry
        is most likely quoted text (`structure reordering [82]` in a quoted source): those go.
        """
        for ref, use in reversed(self.uses_in_own_list):
            printed = max(self.backlinks.get(ref.id, 1), 1)
            if ref.id in self.backlinks and len(ref.uses) > printed:
                ref.uses = [kept for kept in ref.uses if kept is not use]

    def _check_backlinks(self) -> None:
        """One back-link letter per use: the count of letters must equal the count of markers."""
        for ref_id, ref in self.references.items():
            printed = max(self.backlinks[ref_id], 1)
            if printed != len(ref.uses):
                self.notes.append(
                    f"Reference {ref_id} prints {printed} back-link(s) but the text has "
                    f"{len(ref.uses)} marker(s) for it."
                )


@dataclass
class _ReferenceRun:
    """Consecutive entries of one reference list and the heading above them."""

    heading: str
    lines: list[ReferenceLine]


def _reference_runs(blocks: list[Block]) -> list[_ReferenceRun]:
    runs: list[_ReferenceRun] = []
    heading = ""
    previous: Block | None = None
    for block in blocks:
        if isinstance(block, Heading):
            heading = block.title
        elif isinstance(block, ReferenceLine):
            if isinstance(previous, ReferenceLine) and _label_kind(previous) == _label_kind(block):
                runs[-1].lines.append(block)
            else:
                runs.append(_ReferenceRun(heading, [block]))
        previous = block
    return runs


def _label_kind(line: ReferenceLine) -> str:
    if line.label is None or line.label.isdigit():
        return "number"
    return "lower" if line.label.islower() else "upper"


def _is_lead_prose(line: TextLine) -> bool:
    return is_prose(line.text) and not is_glued_row(line.text)


def _group_and_label(label: str | None, position: int) -> tuple[str | None, str]:
    """The group of a list entry from its label: `a.` is a footnote (lower-alpha), `1.` the main
    list; an entry whose number the copy lost takes its place in the list."""
    if label is None or label.isdigit():
        return None, str(int(label)) if label else str(position)
    return ("lower-alpha" if label.islower() else "upper-alpha"), label


def _marker_chunks(tokens: list[Token]) -> Iterator[tuple[list[str | Marker], list[Token]]]:
    """The tokens as sentence-splitter pieces, cut so that no call gets too many markers."""
    pieces: list[str | Marker] = []
    originals: list[Token] = []
    for token in tokens:
        if isinstance(token, str):
            pieces.append(token)
            continue
        if len(originals) == MAX_MARKERS_PER_CALL:
            yield pieces, originals
            pieces, originals = [], []
        if isinstance(token, RefToken):
            pieces.append(Marker("ref", token.reference_id, token.page))
        else:
            pieces.append(Marker("tag", token.kind))
        originals.append(token)
    if pieces:
        yield pieces, originals
