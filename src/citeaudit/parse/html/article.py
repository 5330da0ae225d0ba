"""Parse rendered Wikipedia HTML (legacy parser output or Parsoid) into an `Article`.

One BeautifulSoup parse, then one iterative walk over the article content (never recursive, so
pathological nesting cannot raise `RecursionError`). The walk keeps a stack of open sections
(any `h1`-`h6`, whether inside Parsoid's `<section>` elements, `div.mw-heading` or old
`h2 > span.mw-headline`), turns `<p>`, list items and block quotes into paragraphs of sentences,
and records every citation marker as a use of the reference-list entry it points at, in
document order. Markers in tables, infoboxes, figures and navboxes are uses outside any
sentence. Entries come from `ol.references` / `ol.mw-references`, one per `li`; their fields
are read by `citeaudit.parse.html.references`; page-level facts (content root, title,
revision) by `citeaudit.parse.html.page`.

The skin around a saved page (menus, the contents box, edit links, footer) is skipped: only
`#mw-content-text` / `.mw-parser-output` (or Parsoid's body) is read. Categories come from
`#catlinks` or Parsoid's `link[rel="mw:PageProp/Category"]`.

Markers find their entry by the entry's HTML id (`cite_note-Name-3`); a reference's `id` is
the one every parser gives it: its number, prefixed by its group (`"3"`, `"lower-alpha-1"`).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import unescape
from typing import Any
from urllib.parse import unquote

from bs4 import (
    BeautifulSoup,
    MarkupResemblesLocatorWarning,
    NavigableString,
    Tag,
    XMLParsedAsHTMLWarning,
)

from citeaudit.model import (
    Article,
    DateFormat,
    Infobox,
    MaintenanceTag,
    Paragraph,
    Reference,
    Section,
    Sentence,
    SourceForm,
    Use,
)
from citeaudit.parse.cite_templates import declared_date_format
from citeaudit.parse.html.inline import (
    SKIPPED_TAGS,
    attr,
    cite_error_key,
    classes_of,
    data_mw,
    elements,
    inner_html,
    is_maintenance_tag,
    is_page_suffix,
    is_ref_marker,
    page_suffix_text,
    parse_json_object,
    read_maintenance_tag,
    read_marker,
    squash,
    transclusions,
    visible_text,
)
from citeaudit.parse.html.masks import heading_elements, masked_html
from citeaudit.parse.html.page import (
    content_root,
    date_format_from_categories,
    page_metadata,
    saved_page_revision,
)
from citeaudit.parse.html.references import link_short_citations, read_reference_body
from citeaudit.parse.positions import place_article
from citeaudit.parse.sentences import Marker, split_sentences, unattached_markers

HTML_BUILDER = "lxml"
"""lxml builds the tree of a large article 1.5 times as fast as `html.parser`, and copes with
broken markup; `tests/benchmarks/test_bench_html.py` measures against the same builder."""

_CHROME_CLASSES = frozenset(
    """
    mw-editsection toc vector-toc catlinks printfooter mw-jump-link hatnote noprint
    shortdescription mw-cite-backlink navbar mw-indicators sistersitebox
    mw-authority-control metadata cs1-maint cs1-hidden-error Z3988
    """.split()
)
"""Skin and page furniture that is not article content: skipped with everything inside."""
_CHROME_IDS = frozenset(
    {"toc", "catlinks", "siteSub", "contentSub", "jump-to-nav", "footer", "mw-navigation"}
)
_ASIDE_TAGS = frozenset({"table", "figure", "pre", "math", "figcaption", "caption", "gallery"})
_ASIDE_CLASSES = frozenset(
    """
    navbox infobox thumb gallery reflist mw-references-wrap sidebar ambox mbox-small
    side-box mwe-math-element references mw-references refbegin quotebox toccolours
    """.split()
)
"""Content that is not running text: its markers are uses outside any sentence. Code blocks
are `pre` (inline `code.mw-highlight` is part of its sentence)."""
_INLINE_TAGS = frozenset(
    """
    span code sup sub small a i b abbr cite q s u em strong kbd samp var bdi mark time img math
    """.split()
)
"""An aside that is one of these (inline math) leaves the paragraph around it whole."""
_BODY_CLASSES = frozenset({"reference-text", "mw-reference-text"})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_LIST_ITEMS = frozenset({"li", "dd", "dt"})
_DATA_MW_ATTRIBUTE = re.compile(r"data-mw='([^']*)'")
_NOTE_NAME = re.compile(r"^cite_note-(?P<name>.+)-\d+$")


@dataclass(frozen=True)
class _Context:
    """What the walk knows about where it stands: inside running text or not, in which entry."""

    prose: bool = True
    quote: bool = False
    reference: str | None = None
    reflist: _RefList | None = None


@dataclass
class _RefList:
    element: Tag
    group: str | None
    ordinal: int
    """1 for the first list of its group, 2 for the next (after a `<references />` closed one)."""
    count: int = 0


@dataclass
class _Entry:
    note: str
    number: int
    group: str | None
    ordinal: int
    body: Tag
    inside: list[Tag]
    """Every element of the list item, the body's among them."""


_Frame = tuple[Iterator[Any], _Context, Callable[[], None] | None]


def parse(text: str, title: str | None = None) -> Article:
    """Parse Wikipedia HTML (a saved page, `action=parse` output or Parsoid HTML)."""
    with warnings.catch_warnings():
        # An article that is only a URL or a file name is still an article to read.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(text, HTML_BUILDER)
    page_title, revision = page_metadata(soup)
    revision = revision or saved_page_revision(text)
    article = Article(
        title=title or page_title or "",
        source_form=SourceForm.HTML,
        lead=Section(index=0, title="", level=0),
        revision=revision,
    )
    walk = _Walk(article)
    try:
        walk.run(content_root(soup, text))
    except RecursionError:
        article.notes.append("the HTML is nested too deeply to read in full; the rest was skipped")
    if "catlinks" in text:
        walk.read_catlinks(soup.find(id="catlinks"))
    walk.finish()
    masked = masked_html(text)
    place_article(article, text, masked, heading_elements(text), raw_references=False)
    return article


class _Walk:
    """One pass over the content, building sections, sentences, uses, tags and entries."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.open_sections: list[Section] = [article.lead]
        self.section_count = 1
        self.sentence_count = 0
        self.pieces: list[str | Marker] = []
        self.kinds: list[str] = ["text"]
        self.uses: list[tuple[str, Use]] = []
        self.last_was_marker = False
        self.entries: list[_Entry] = []
        self.names: dict[str, str] = {}
        self.marker_groups: dict[str, str | None] = {}
        self.about_templates: dict[str, str] = {}
        self.category_seen: set[str] = set()
        self.lists_per_group: dict[str | None, int] = {}

    # --- the walk ----------------------------------------------------------------------------

    def run(self, root: Tag) -> None:
        stack: list[_Frame] = [(iter(root.contents), _Context(), None)]
        while stack:
            iterator, context, on_exit = stack[-1]
            node = next(iterator, None)
            if node is None:
                stack.pop()
                if on_exit is not None:
                    on_exit()
                continue
            if type(node) is NavigableString:
                self.text(node, context)
            elif isinstance(node, Tag):
                frame = self.enter(node, context)
                if frame is not None:
                    stack.append(frame)
        self.flush()

    def text(self, text: str, context: _Context) -> None:
        if self.last_was_marker and text.strip():
            self.last_was_marker = False  # a `{{rp}}` page must follow its marker directly
        if context.prose:
            self.pieces.append(text)

    def enter(self, tag: Tag, context: _Context) -> _Frame | None:
        """Handle one element; return the frame to walk its children, or None to skip them."""
        name = tag.name
        if name in SKIPPED_TAGS:
            self.skipped(tag)
            return None
        if name == "sup":
            if is_ref_marker(tag):
                self.marker(tag, context)
                return None
            if is_maintenance_tag(tag):
                self.maintenance_tag(tag, context)
                return None
            if is_page_suffix(tag):
                self.page_suffix(tag)
                return None
        classes = classes_of(tag)
        if not _CHROME_CLASSES.isdisjoint(classes) or attr(tag, "id") in _CHROME_IDS:
            for link in elements(tag):
                if link.name == "link":
                    self.skipped(link)  # Parsoid puts category links anywhere, even in a hatnote
            return None
        if "data-mw" in tag.attrs:
            self.transclusion(tag)
        if "mw-ext-cite-error" in classes:
            self.cite_error(tag, None)
        if name in _HEADINGS:
            return self.heading(tag, context)
        if context.reflist is not None and name == "li" and tag.parent is context.reflist.element:
            self.entry(tag, context.reflist)
            return None
        if name == "ol" and ("references" in classes or "mw-references" in classes):
            return (
                iter(tag.contents),
                _Context(False, False, context.reference, self.reflist(tag)),
                None,
            )
        if name in _ASIDE_TAGS or not _ASIDE_CLASSES.isdisjoint(classes):
            if name == "table" and "infobox" in classes:
                self.infobox(tag)
            aside = _Context(False, False, context.reference, context.reflist)
            if name in _INLINE_TAGS:
                return iter(tag.contents), aside, None
            return self.block(tag, aside, None)
        if name == "p":
            return self.block(tag, context, "quote" if context.quote else "text")
        if name in _LIST_ITEMS:
            return self.block(tag, context, "quote" if context.quote else "list")
        if name == "blockquote":
            return self.block(
                tag, _Context(context.prose, True, context.reference, context.reflist), "quote"
            )
        if name in ("ul", "ol", "dl", "div", "section", "center"):
            return self.block(tag, context, None)
        if name == "br" and context.prose:
            self.pieces.append(" ")
        return iter(tag.contents), context, None

    def block(self, tag: Tag, context: _Context, kind: str | None) -> _Frame:
        """A block element ends the paragraph before it; `kind` starts a paragraph of its own."""
        self.flush()
        if kind is None:
            return iter(tag.contents), context, self.flush
        self.kinds.append(kind)

        def close() -> None:
            self.flush()
            self.kinds.pop()

        return iter(tag.contents), context, close

    # --- sections, paragraphs, sentences -----------------------------------------------------

    def heading(self, tag: Tag, context: _Context) -> _Frame | None:
        if not context.prose or context.reflist is not None:
            return iter(tag.contents), context, None
        self.flush()
        level = _HEADINGS[tag.name]
        while self.open_sections[-1].level >= level and len(self.open_sections) > 1:
            self.open_sections.pop()
        section = Section(index=self.section_count, title=squash(visible_text(tag)), level=level)
        self.section_count += 1
        self.open_sections[-1].children.append(section)
        self.open_sections.append(section)
        return iter(tag.contents), _Context(False, False, context.reference, None), None

    def flush(self) -> None:
        """Turn the pending pieces into a paragraph of sentences, giving each use its sentence."""
        pieces, self.pieces = self.pieces, []
        if not pieces:
            return
        section = self.open_sections[-1]
        for marker in unattached_markers(pieces):
            self.place(marker, None)
        drafts = (
            split_sentences(pieces) if any(isinstance(p, str) and p.strip() for p in pieces) else []
        )
        if not drafts:
            return
        paragraph = Paragraph(kind=self.kinds[-1])
        for draft in drafts:
            sentence = Sentence(id=self.sentence_count, text=draft.text)
            self.sentence_count += 1
            for marker in draft.markers:
                note = self.place(marker, sentence.id)
                if note is not None:
                    sentence.reference_ids.append(note)
            paragraph.sentences.append(sentence)
        section.paragraphs.append(paragraph)

    def place(self, marker: Marker, sentence_id: int | None) -> str | None:
        """Give a marker its sentence; return the note id of a citation marker."""
        if marker.kind == "ref":
            note, use = self.uses[int(marker.value)]
            use.sentence_id = sentence_id
            return note
        self.article.maintenance_tags[int(marker.value)].sentence_id = sentence_id
        return None

    # --- markers and tags --------------------------------------------------------------------

    def marker(self, sup: Tag, context: _Context) -> None:
        reading = read_marker(sup)
        if reading is None:
            return
        note = reading.note
        if reading.name:
            self.names.setdefault(note, reading.name)
        self.marker_groups.setdefault(note, reading.group)
        self.uses.append((note, Use(section_index=self.open_sections[-1].index)))
        self.emit(Marker("ref", str(len(self.uses) - 1)), context)
        self.last_was_marker = True

    def page_suffix(self, sup: Tag) -> None:
        if self.last_was_marker and self.uses:
            self.uses[-1][1].page = page_suffix_text(sup)

    def maintenance_tag(self, sup: Tag, context: _Context) -> None:
        reading = read_maintenance_tag(sup)
        tag = MaintenanceTag(
            kind=reading.kind,
            name=reading.name,
            section_index=self.open_sections[-1].index,
            reference_id=context.reference,
            date=reading.date,
            params=reading.params,
        )
        self.article.maintenance_tags.append(tag)
        self.emit(Marker("tag", str(len(self.article.maintenance_tags) - 1)), context)
        self.last_was_marker = False

    def emit(self, marker: Marker, context: _Context) -> None:
        if context.prose:
            self.pieces.append(marker)
        else:
            self.place(marker, None)

    # --- reference lists ---------------------------------------------------------------------

    def reflist(self, ol: Tag) -> _RefList:
        self.flush()
        group = attr(ol, "data-mw-group") or None
        wrapper = ol.parent
        if group is None and isinstance(wrapper, Tag):
            attrs = data_mw(wrapper).get("attrs")
            if isinstance(attrs, dict) and isinstance(attrs.get("group"), str):
                group = attrs["group"] or None
        if isinstance(wrapper, Tag):
            self.list_defined_names(wrapper)
        self.lists_per_group[group] = self.lists_per_group.get(group, 0) + 1
        return _RefList(ol, group, self.lists_per_group[group])

    def list_defined_names(self, wrapper: Tag) -> None:
        """Names of list-defined refs, from the `data-mw.body.html` of Parsoid's references wrapper.

        That HTML holds only the definitions' `<sup>` markers; their own `data-mw` attributes
        are read with a pattern rather than a second parse.
        """
        body = data_mw(wrapper).get("body")
        html = body.get("html") if isinstance(body, dict) else None
        if not isinstance(html, str):
            return
        for quoted in _DATA_MW_ATTRIBUTE.findall(html):
            details = parse_json_object(unescape(quoted))
            attrs, ref_body = details.get("attrs"), details.get("body")
            if not (isinstance(attrs, dict) and isinstance(ref_body, dict)):
                continue
            name, body_id = attrs.get("name"), ref_body.get("id")
            if isinstance(name, str) and isinstance(body_id, str):
                self.names.setdefault(body_id.removeprefix("mw-reference-text-"), name)

    def entry(self, li: Tag, reflist: _RefList) -> None:
        """One list entry; its markers (refs in notes) and tags are read in one pass over it."""
        reflist.count += 1
        note = attr(li, "id") or f"cite_note-{reflist.group or ''}-{reflist.count}".replace(
            "--", "-"
        )
        number_text = attr(li, "data-mw-footnote-number")
        number = int(number_text) if number_text.isdigit() else reflist.count
        inside = list(elements(li))
        body = next((node for node in inside if not _BODY_CLASSES.isdisjoint(classes_of(node))), li)
        self.entries.append(_Entry(note, number, reflist.group, reflist.ordinal, body, inside))
        inner = _Context(False, False, note, None)
        for sup in inside:
            if "mw-ext-cite-error" in classes_of(sup):
                self.cite_error(sup, note)
            if sup.name != "sup" or _inside_marker(sup, li):
                continue
            if is_ref_marker(sup):
                self.marker(sup, inner)
            elif is_maintenance_tag(sup):
                self.maintenance_tag(sup, inner)
            elif is_page_suffix(sup):
                self.page_suffix(sup)

    # --- everything else the walk notices ----------------------------------------------------

    def cite_error(self, span: Tag, note: str | None) -> None:
        """A Cite error (legacy: its text; Parsoid: its message key) goes into the notes."""
        message = squash(visible_text(span, hide=frozenset())).removeprefix("Cite error:").strip()
        where = f" in {note}" if note else ""
        self.article.notes.append(f"Cite error{where}: {message or cite_error_key(span)}")

    def skipped(self, tag: Tag) -> None:
        if tag.name == "link" and "mw:PageProp/Category" in attr(tag, "rel"):
            name = unquote(attr(tag, "href")).partition("Category:")[2].partition("#")[0]
            self.category(name.replace("_", " "))
        elif "data-mw" in tag.attrs:
            self.transclusion(tag)

    def transclusion(self, tag: Tag) -> None:
        """Date-format declarations, and the template behind an infobox (by its `about`)."""
        for call in transclusions(tag):
            declared = declared_date_format(call.name)
            if declared and self.article.date_format is None:
                self.article.date_format = DateFormat(declared)
            if call.name.startswith("infobox") and attr(tag, "about"):
                self.about_templates.setdefault(attr(tag, "about"), call.written_name)

    def category(self, name: str) -> None:
        name = squash(name)
        if name and name not in self.category_seen:
            self.category_seen.add(name)
            self.article.categories.append(name)

    def read_catlinks(self, catlinks: Any) -> None:
        if not isinstance(catlinks, Tag):
            return
        for item in catlinks.find_all("li"):
            self.category(item.get_text())

    def infobox(self, table: Tag) -> None:
        name = self.about_templates.get(attr(table, "about")) or "Infobox"
        fields: dict[str, str] = {}
        for row in table.find_all("tr"):
            label, data = row.find("th"), row.find("td")
            if isinstance(label, Tag) and isinstance(data, Tag):
                key = squash(visible_text(label))
                if key and key not in fields:
                    fields[key] = squash(visible_text(data))
        self.article.infoboxes.append(Infobox(name=name, fields=fields))

    # --- putting it together -----------------------------------------------------------------

    def finish(self) -> None:
        """Build the references from the entries and hand each use, tag and sentence its entry."""
        article = self.article
        by_note: dict[str, Reference] = {}
        taken: set[str] = set()
        for entry in self.entries:
            reference = self.reference(entry, taken)
            taken.add(reference.id)
            by_note.setdefault(entry.note, reference)
            article.references.append(reference)
        lost = 0
        for note, use in self.uses:
            if note in by_note:
                by_note[note].uses.append(use)
            else:
                lost += 1
        if lost:
            article.notes.append(f"{lost} citation marker(s) point at no reference-list entry")
        link_short_citations(article.references)
        for _, _, sentence in article.sentences():
            sentence.reference_ids = [by_note[n].id for n in sentence.reference_ids if n in by_note]
        for tag in article.maintenance_tags:
            if tag.reference_id is not None:
                found = by_note.get(tag.reference_id)
                tag.reference_id = found.id if found else None
        if article.date_format is None:
            article.date_format = date_format_from_categories(article.categories)

    def reference(self, entry: _Entry, taken: set[str]) -> Reference:
        """The reference of one entry, with the id the other parsers give it too.

        `"3"` for the main list, `"<group>-3"` for a group, `~2` appended for a later list of
        the same group; a further `~k` keeps ids unique if a list repeats numbers.
        """
        reading = read_reference_body(entry.body, entry.inside)
        group = entry.group or self.marker_groups.get(entry.note)
        base = f"{group}-{entry.number}" if group else str(entry.number)
        reference_id = f"{base}~{entry.ordinal}" if entry.ordinal > 1 else base
        suffix = entry.ordinal + 1
        while reference_id in taken:
            reference_id, suffix = f"{base}~{suffix}", suffix + 1
        name_match = _NOTE_NAME.match(entry.note)
        reference = Reference(
            id=reference_id,
            number=entry.number,
            group=group,
            name=self.names.get(entry.note)
            or (name_match.group("name").replace("_", " ") if name_match else None),
            kind=reading.kind,
            citeref=reading.citeref,
            short_target=reading.short_anchor,
            raw=inner_html(entry.body),
            text=reading.text,
        )
        for key, value in reading.fields.items():
            setattr(reference, key, value)
        return reference


def _inside_marker(sup: Tag, stop: Tag) -> bool:
    """Whether a `<sup>` sits inside another `<sup>` (a marker's or tag's own parts)."""
    parent = sup.parent
    while parent is not None and parent is not stop:
        if parent.name == "sup":
            return True
        parent = parent.parent
    return False
