"""Parse wikitext into an `Article`, with mwparserfromhell.

The text is parsed once and its tree walked once, in document order. The walk keeps, per
section, a stream of running text, citation points and block boundaries; refs are handed to
`RefRegistry` as they come, so they are numbered as the Cite extension numbers them. When the
walk is over, the entries get their ids, and each section's stream is cut into paragraphs and
sentences (`citeaudit.parse.sentences`), which tells every use and maintenance tag its sentence.

What is not running text (tables, infoboxes and other templates, image captions, reference
lists, headings) makes no sentence, but the refs and tags inside it still count, outside any
sentence. Refs inside comments, `<nowiki>` and `<pre>` are not refs. Templates are not expanded:
only citation, footnote, short-citation, maintenance and text-wrapping templates are understood.
"""

from __future__ import annotations

import contextlib
import enum
import gc
import html
import itertools
import re
from collections.abc import Iterable, Iterator

import mwparserfromhell
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.parser import ParserError
from mwparserfromhell.wikicode import Wikicode

from citeaudit.model import (
    Article,
    DateFormat,
    Infobox,
    MaintenanceTag,
    Reference,
    Section,
    SourceForm,
    Use,
)
from citeaudit.parse.cite_templates import (
    FOOTNOTE_TEMPLATES,
    banner_kind,
    declared_date_format,
    is_citation_template,
    maintenance_kind,
)
from citeaudit.parse.positions import MaskedText, place_article
from citeaudit.parse.wikitext.citations import citeref_of, describe_reference, short_citation
from citeaudit.parse.wikitext.flattened import FLATTENED_NOTE, restore_lines
from citeaudit.parse.wikitext.guard import neutralise_unclosed, restore_escaped
from citeaudit.parse.wikitext.masks import heading_lines, spans_without_sentences
from citeaudit.parse.wikitext.paragraphs import (
    BREAK,
    Block,
    Piece,
    TagPiece,
    UsePiece,
    build_paragraph,
    paragraphs,
)
from citeaudit.parse.wikitext.refs import RefRegistry, add_use, normalize_group, normalize_name
from citeaudit.parse.wikitext.text import (
    MAX_DEPTH,
    SFN_TEMPLATES,
    TEXT_TEMPLATES,
    entity_text,
    plain_text,
    positional,
    template_name,
    template_params,
    template_text,
    wikitext_of,
    without_comments,
)

LIST_TEMPLATES: dict[str, str | None] = {
    # template -> the group it lists when it has no group= parameter
    "reflist": None,
    "references": None,
    "reference list": None,
    "refs": None,
    "notelist": "lower-alpha",
    "notes": "lower-alpha",
    "efn list": "lower-alpha",
    "notelist-la": "lower-alpha",
    "notelist-ua": "upper-alpha",
    "notelist-lr": "lower-roman",
    "notelist-ur": "upper-roman",
    "notelist-lg": "lower-greek",
    "notefoot": "lower-alpha",
}
QUOTE_TEMPLATES = frozenset(
    {"quote", "blockquote", "cquote", "quotation", "quote box", "pull quote"}
)
_NOT_TEXT_TAGS = frozenset(
    {
        "pre",
        "math",
        "chem",
        "ce",
        "score",
        "syntaxhighlight",
        "source",
        "timeline",
        "templatedata",
        "graph",
        "gallery",
        "imagemap",
        "hiero",
        "inputbox",
        "mapframe",
        "maplink",
        "categorytree",
        "indicator",
    }
)
_BLOCK_TAGS = frozenset(
    {"div", "p", "center", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl"}
)
_SHOWN_CAPTION = frozenset({"thumb", "thumbnail", "frame", "framed"})
_FILE_LINK = re.compile(r"^\s*(file|image)\s*:", re.I)
_CATEGORY_LINK = re.compile(r"^\s*category\s*:", re.I)
_INTERWIKI_LINK = re.compile(r"^\s*[a-z]{2,3}(-[a-z]+)*\s*:", re.I)
_LIST_MARKUP = frozenset({"*", "#", ":", ";"})
_REFERENCES_ATTRIBUTES = frozenset({"group", "responsive"})


class Mode(enum.Enum):
    """What the node being walked is, for the refs and text inside it."""

    RUNNING = "running"
    """Running text: it makes sentences, and refs in it are cited by them."""
    HIDDEN = "hidden"
    """Shown but not running text (a table, an infobox): refs count, outside any sentence."""
    UNSHOWN = "unshown"
    """Not shown at all (an inline image's caption): refs make entries but show no marker."""
    LIST_DEFINED = "list-defined"
    """Inside `<references>...</references>`: refs give bodies, not uses."""


def parse(text: str, title: str | None = None) -> Article:
    """Parse an article's wikitext. Malformed wikitext is normal input and never raises.

    Unclosed markup is read as text before parsing (`citeaudit.parse.wikitext.guard`), which
    keeps the time linear in the length of the text; the article's notes say how much was.
    """
    source = text
    text, flattened = restore_lines(text)
    guarded, guard_notes = neutralise_unclosed(text)
    for skip_style_tags in (False, True):
        try:
            with cyclic_gc_paused():
                article = _Walker(title or "").article(
                    mwparserfromhell.parse(guarded, skip_style_tags=skip_style_tags)
                )
        except (RecursionError, ParserError):
            continue
        # Once per article, not per reference: restoring is exact only when the editor wrote
        # no zero-padded entity of their own (then ours and theirs could not be told apart).
        if guarded != text and "&#00" not in text:
            for reference in article.references:
                reference.raw = restore_escaped(reference.raw)
        article.notes += guard_notes
        if flattened:
            article.notes.append(FLATTENED_NOTE)
        masked = MaskedText(source, spans_without_sentences(source))
        place_article(article, source, masked, heading_lines(source))
        return article
    article = Article(title=title or "", source_form=SourceForm.WIKITEXT, lead=Section(0, "", 0))
    article.notes.append("the wikitext is nested too deeply to be parsed; nothing was read from it")
    return article


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Hold Python's cyclic garbage collector while a tree is built and walked.

    Each full collection visits every node alive, and a 20 MB article has millions: with the
    collector running, time per MB grew by half from 1 MB to 20 MB; without it the parse is
    linear (tests/benchmarks/test_bench_parse_scale.py). Reference counting still frees what
    the parse drops; the collector resumes (if it ran before) when the parse ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Walker:
    """One walk over a parsed article, collecting sections, text streams, refs and tags."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.registry = RefRegistry()
        self.lead = Section(index=0, title="", level=0)
        self.section = self.lead
        self.stack: list[Section] = [self.lead]
        self.pieces: list[Piece] = []
        self.streams: list[tuple[Section, list[Piece]]] = [(self.lead, self.pieces)]
        self.tags: list[MaintenanceTag] = []
        self.tag_refs: list[tuple[MaintenanceTag, Reference]] = []
        self.short_anchors: list[tuple[Reference, str]] = []
        self.follows: list[tuple[Reference, Wikicode]] = []
        self.infoboxes: list[Infobox] = []
        self.categories: list[str] = []
        self.date_format: DateFormat | None = None
        self.last_use: Use | None = None
        self.current_ref: Reference | None = None
        self.attribution: list[UsePiece] | None = None
        """While a quotation's source line is walked: its citations, which cite the quotation."""
        self.ref_tag_depth = 0
        self.list_group: str | None = None
        self.depth = 0
        self.too_deep = False
        self.outside_anchors: set[str] = set()

    # --- the walk ---------------------------------------------------------------------------

    def article(self, code: Wikicode) -> Article:
        self.walk(code, Mode.RUNNING)
        references = self.registry.finish()
        resolve_notes = self._resolve(references)
        sentence_ids = itertools.count()
        for section, pieces in self.streams:
            section.paragraphs = [
                p
                for kind, parts in paragraphs(pieces)
                if (p := build_paragraph(kind, parts, sentence_ids)).sentences
            ]
        notes = (
            [f"markup nested deeper than {MAX_DEPTH} levels was not read"] if self.too_deep else []
        )
        notes += resolve_notes
        notes += [
            f'refs of group "{group}" have no <references group="{group}" /> list '
            "(MediaWiki shows a Cite error instead of them)"
            for group in self.registry.unlisted_groups
        ]
        return Article(
            title=self.title,
            source_form=SourceForm.WIKITEXT,
            lead=self.lead,
            references=references,
            maintenance_tags=self.tags,
            date_format=self.date_format,
            infoboxes=self.infoboxes,
            categories=self.categories,
            notes=notes,
        )

    def walk(self, code: Wikicode | None, mode: Mode) -> None:
        if code is None:
            return
        if self.depth > MAX_DEPTH:
            self.too_deep = True
            return
        self.depth += 1
        for node in code.nodes:
            self.node(node, mode)
        self.depth -= 1

    def node(self, node: Node, mode: Mode) -> None:
        if isinstance(node, Text):
            self.emit(node.value, mode)
        elif isinstance(node, Template):
            self.template(node, mode)
        elif isinstance(node, Tag):
            self.tag(node, mode)
        elif isinstance(node, Wikilink):
            self.wikilink(node, mode)
        elif isinstance(node, ExternalLink):
            if node.title is not None:
                self.walk(node.title, mode)
            elif not node.brackets:
                self.emit(str(node.url), mode)
        elif isinstance(node, HTMLEntity):
            self.emit(entity_text(node), mode)
        elif isinstance(node, Heading):
            self.heading(node, mode)
        elif isinstance(node, Argument):
            self.walk(node.default, mode)
        elif not isinstance(node, Comment):
            self.emit(str(node), mode)

    def emit(self, text: str, mode: Mode) -> None:
        if mode is Mode.RUNNING and text:
            self.pieces.append(text)

    def heading(self, heading: Heading, mode: Mode) -> None:
        if mode is not Mode.RUNNING:
            self.walk(heading.title, _hidden(mode))
            return
        level = max(1, heading.level)
        while len(self.stack) > 1 and self.stack[-1].level >= level:
            self.stack.pop()
        section = Section(index=len(self.streams), title=plain_text(heading.title), level=level)
        self.stack[-1].children.append(section)
        self.stack.append(section)
        self.section = section
        self.pieces = []
        self.streams.append((section, self.pieces))
        self.walk(heading.title, Mode.HIDDEN)

    def wikilink(self, link: Wikilink, mode: Mode) -> None:
        title = str(link.title)
        if _CATEGORY_LINK.match(title):
            if mode is not Mode.LIST_DEFINED:
                self.categories.append(" ".join(title.partition(":")[2].split()))
        elif _FILE_LINK.match(title):
            options = {str(part).strip().lower() for part in str(link.text or "").split("|")}
            caption_mode = Mode.HIDDEN if options & _SHOWN_CAPTION else Mode.UNSHOWN
            self.walk(link.text, caption_mode if mode in (Mode.RUNNING, Mode.HIDDEN) else mode)
        elif _INTERWIKI_LINK.match(title) and link.text is None:
            return
        elif link.text is not None:
            self.walk(link.text, mode)
        else:
            shown = html.unescape(title).lstrip(":").strip()  # `[[AT&amp;T]]` shows "AT&T"
            self.emit(shown.partition("#")[0] or shown.partition("#")[2], mode)

    def tag(self, tag: Tag, mode: Mode) -> None:
        name = str(tag.tag).strip().lower()
        if tag.attributes and name not in ("ref", "references"):
            for attribute in tag.attributes:  # a ref in an attribute makes an entry, never a marker
                self.walk(attribute.name, Mode.UNSHOWN if mode is not Mode.LIST_DEFINED else mode)
                self.walk(attribute.value, Mode.UNSHOWN if mode is not Mode.LIST_DEFINED else mode)
        if name == "ref":
            self.ref_tag(tag, mode)
        elif name == "references":
            if all(
                wikitext_of(a.name).strip().lower() in _REFERENCES_ATTRIBUTES
                for a in tag.attributes
            ):
                self.references(_attribute(tag, "group"), tag.contents, mode)
            # else Cite shows an error in place of the list, and the refs stay in the open list
        elif tag.wiki_markup in _LIST_MARKUP:
            if mode is Mode.RUNNING:
                self.pieces.append(Block("list"))
        elif name == "gallery" and tag.contents is not None:
            # its lines are not parsed as wikitext by mwparserfromhell; their captions may cite
            self.walk(mwparserfromhell.parse(str(tag.contents)), _hidden(mode))
        elif name == "nowiki":
            self.emit(html.unescape(str(tag.contents or "")), mode)
        elif name in _NOT_TEXT_TAGS or tag.wiki_markup == "{|" or name == "table":
            self.walk(tag.contents, _hidden(mode))
        elif name == "br":
            self.emit(" ", mode)
        elif name == "blockquote" and mode is Mode.RUNNING:
            self.block("quote", tag.contents)
        elif name in _BLOCK_TAGS and mode is Mode.RUNNING:
            self.pieces.append(BREAK)
            self.walk(tag.contents, mode)
            self.pieces.append(BREAK)
        else:
            self.walk(tag.contents, mode)

    def block(self, kind: str, contents: Wikicode | None) -> None:
        self.pieces.append(Block(kind))
        self.walk(contents, Mode.RUNNING)
        self.pieces.append(Block(kind, start=False))

    # --- refs and reference lists -------------------------------------------------------------

    def ref_tag(self, tag: Tag, mode: Mode) -> None:
        if self.ref_tag_depth:
            return  # Cite reads a <ref> tag inside a <ref> tag as text, not as a ref
        body = None if tag.self_closing else tag.contents
        self.ref(
            _attribute(tag, "group"),
            _attribute(tag, "name"),
            _attribute(tag, "follow"),
            body,
            tag,
            mode,
        )

    def ref(
        self,
        group_attr: str | None,
        name_attr: str | None,
        follow_attr: str | None,
        body: Wikicode | None,
        source: Tag | Template,
        mode: Mode,
    ) -> None:
        """One ref in any of its forms (`<ref>`, `{{#tag:ref}}`, `{{efn}}`, `{{refn}}`)."""
        name = normalize_name(name_attr)
        body_text = None if body is None else str(body)
        from_tag = isinstance(source, Tag)
        if mode is Mode.LIST_DEFINED:
            defined = self.registry.define_in_list(self.list_group, name, body_text)
            if defined is not None and defined[1] and body is not None:
                self.define(defined[0], body, _source_text(source, body_text), from_tag)
            return
        group = normalize_group(group_attr)
        if follow_attr is not None:
            parent = self.registry.follow(group, normalize_name(follow_attr) or "")
            if name_attr is None and parent is not None and body is not None:
                self.follows.append((parent, body))
                self.walk_body(parent, body, from_tag)
            return
        used = self.registry.use(group, name, body_text)
        if used is None:
            return
        reference, is_new_definition = used
        if mode is not Mode.UNSHOWN:
            use = add_use(reference, self.section.index)
            self.last_use = use
            self.place_use(reference, use, mode)
        if is_new_definition and body is not None:
            self.define(reference, body, _source_text(source, body_text), from_tag)

    def place_use(self, reference: Reference, use: Use, mode: Mode) -> None:
        """A use cites the sentence it stands in; in a quotation's source line, the quotation."""
        if mode is Mode.RUNNING:
            self.pieces.append(UsePiece(reference, use))
        elif self.attribution is not None and self.current_ref is None:
            self.attribution.append(UsePiece(reference, use))

    def define(self, reference: Reference, body: Wikicode, raw: str, from_tag: bool) -> None:
        shown = not reference.raw
        if shown:
            reference.raw = raw
            anchor = describe_reference(reference, body)
            if anchor:
                self.short_anchors.append((reference, anchor))
        self.walk_body(reference, body, from_tag, shown)

    def walk_body(
        self, reference: Reference, body: Wikicode, from_tag: bool, shown: bool = True
    ) -> None:
        """Walk a ref's body for the refs (notes may nest them) and tags inside it.

        Only the first definition of a name is shown; refs nested in a later, different one
        make entries but no marker.
        """
        saved = (self.current_ref, self.ref_tag_depth, self.last_use)
        self.current_ref = reference
        self.ref_tag_depth += 1 if from_tag else 0
        self.walk(body, Mode.HIDDEN if shown else Mode.UNSHOWN)
        self.current_ref, self.ref_tag_depth, self.last_use = saved

    def references(self, group_attr: str | None, contents: Wikicode | None, mode: Mode) -> None:
        """`<references>`, `{{reflist}}`: read the list-defined refs, then close the list."""
        group = normalize_group(group_attr)
        if contents is not None:
            saved = self.list_group
            self.list_group = group
            self.walk(contents, Mode.LIST_DEFINED)
            self.list_group = saved
        if mode is not Mode.LIST_DEFINED:
            self.registry.close_list(group)

    # --- templates --------------------------------------------------------------------------

    def template(self, template: Template, mode: Mode) -> None:
        name = template_name(template)
        if name.startswith("#tag:"):
            self.tag_function(name[5:].strip(), template, mode)
        elif name in FOOTNOTE_TEMPLATES:
            group = FOOTNOTE_TEMPLATES[name] or _param(template, "group")
            self.ref(group, _param(template, "name"), None, positional(template, 1), template, mode)
        elif name in LIST_TEMPLATES:
            group = _param(template, "group") or LIST_TEMPLATES[name]
            refs = template.get("refs").value if template.has("refs") else None
            # A ref in another argument (`{{Reflist|<ref name=a>...</ref>}}`) is expanded where
            # the template reads that argument (a column count, a style): it defines an entry
            # of the list that follows, with no marker anyone sees.
            self.walk_params(template, Mode.UNSHOWN, skip=refs)
            self.references(group, refs, mode)
        elif name in SFN_TEMPLATES:
            self.short_footnote(template, mode)
        elif name in ("r", "ref reuse"):
            self.reuses(template, mode)
        elif name == "rp":
            page = _param(template, "1") or _param(template, "page") or _param(template, "pages")
            if self.last_use is not None and page:
                self.last_use.page = page
        elif (kind := maintenance_kind(name)) is not None:
            self.maintenance(kind, template, mode)
        elif (kind := banner_kind(name)) is not None:
            self.maintenance(kind, template, _hidden(mode))  # a banner tags no one sentence
        elif (declared := declared_date_format(name)) is not None:
            self.date_format = self.date_format or DateFormat(declared)
        elif name.startswith("infobox"):
            self.infoboxes.append(
                Infobox(" ".join(str(template.name).split()), template_params(template))
            )
            self.walk_params(template, _hidden(mode))
        elif name in QUOTE_TEMPLATES and mode is Mode.RUNNING:
            # `{{blockquote|text=...|source=...<ref>...</ref>}}`: the source's citation cites
            # the whole quotation, at its end.
            quote = _first_present(template, ("text", "quote", "1"))
            self.pieces.append(Block("quote"))
            self.walk(quote, Mode.RUNNING)
            saved, self.attribution = self.attribution, []
            self.walk_params(template, Mode.HIDDEN, skip=quote)
            self.pieces.extend(self.attribution)
            self.attribution = saved
            self.pieces.append(Block("quote", start=False))
        elif name in TEXT_TEMPLATES or name.startswith("lang-"):
            shown = positional(template, TEXT_TEMPLATES.get(name, 1))
            self.walk(shown, mode)
            self.walk_params(template, _hidden(mode), skip=shown)
        else:
            if self.current_ref is None and is_citation_template(name):
                anchor = citeref_of(template_params(template))  # a full citation in a list
                if anchor:
                    self.outside_anchors.add(anchor)
            self.emit(template_text(template), mode)
            self.walk_params(template, _hidden(mode))

    def reuses(self, template: Template, mode: Mode) -> None:
        """`{{r|a|b|p1=5}}`: reuses of the named refs `a` and `b`, with their pages."""
        group = _param(template, "group")
        names = sorted(
            (p for p in template.params if wikitext_of(p.name).strip().isdigit()),
            key=lambda p: int(wikitext_of(p.name)),
        )
        for param in names:
            self.ref(group, without_comments(param.value).strip(), None, None, template, mode)
            number = wikitext_of(param.name).strip()
            page = _param(template, f"p{number}") or _param(template, f"pp{number}")
            if page is None and number == "1":
                page = _param(template, "p") or _param(template, "pp")
            if page and self.last_use is not None:
                self.last_use.page = page

    def walk_params(self, template: Template, mode: Mode, skip: Wikicode | None = None) -> None:
        for param in template.params:
            if param.value is not skip:
                self.walk(param.value, mode)

    def tag_function(self, tag_name: str, template: Template, mode: Mode) -> None:
        """`{{#tag:ref|body|name=|group=}}` and `{{#tag:references|...}}`."""
        if tag_name == "ref":
            self.ref(
                _param(template, "group"),
                _param(template, "name"),
                _param(template, "follow"),
                positional(template, 1),
                template,
                mode,
            )
        elif tag_name == "references":
            self.references(_param(template, "group"), positional(template, 1), mode)
        elif tag_name in ("nowiki", "pre"):
            return
        else:
            self.walk_params(template, mode)

    def short_footnote(self, template: Template, mode: Mode) -> None:
        """`{{sfn}}`: a footnote named after its parameters, pointing at a full citation."""
        short = short_citation(template)
        used = (
            self.registry.use(None, short.name, short.text)
            if mode is not Mode.LIST_DEFINED
            else None
        )
        if used is None:
            return
        reference, is_new = used
        if is_new:
            reference.kind, reference.text, reference.raw = "short", short.text, str(template)
            self.short_anchors.append((reference, short.target))
        if mode is not Mode.UNSHOWN:
            use = add_use(reference, self.section.index, short.page)
            self.last_use = use
            self.place_use(reference, use, mode)

    def maintenance(self, kind: str, template: Template, mode: Mode) -> None:
        if template_name(template).endswith("span"):
            self.walk(_first_present(template, ("text", "1")), mode)  # `{{cn-span|text=claim}}`
        params = {k: v for k, v in template_params(template).items() if not k.isdigit()}
        tag = MaintenanceTag(
            kind=kind,
            name=" ".join(str(template.name).split()),
            section_index=self.section.index,
            date=params.get("date") or None,
            params=params,
        )
        self.tags.append(tag)
        if self.current_ref is not None:
            self.tag_refs.append((tag, self.current_ref))
        if mode is Mode.RUNNING:
            self.pieces.append(TagPiece(tag))

    # --- after the walk -----------------------------------------------------------------------

    def _resolve(self, references: list[Reference]) -> list[str]:
        """Fill what needs every entry's id: short-citation targets, tags' refs, follows.

        Returns notes on the short citations whose target is not an entry.
        """
        by_anchor: dict[str, str] = {}
        for reference in references:
            if reference.citeref:
                by_anchor.setdefault(reference.citeref, reference.id)
        outside, missing = 0, []
        for reference, anchor in self.short_anchors:
            reference.short_target = by_anchor.get(anchor)
            if reference.short_target is None:
                if anchor in self.outside_anchors:
                    outside += 1
                elif anchor not in missing:
                    missing.append(anchor)
        for tag, reference in self.tag_refs:
            tag.reference_id = reference.id
        for reference, body in self.follows:
            reference.text = f"{reference.text} {plain_text(body)}".strip()
        notes = []
        if outside:
            notes.append(
                f"{outside} short citations point at full citations outside the reference lists "
                "(a sources section): those citations are not entries, and their URLs are not read"
            )
        notes += [
            f"short citations point at {anchor}, which no citation here has (sfn error: no target)"
            for anchor in missing
        ]
        return notes


def _source_text(source: Tag | Template, body_text: str | None) -> str:
    """The wikitext of a ref, reusing its body's text rather than printing the tree again."""
    if isinstance(source, Template) or source.wiki_markup or body_text is None:
        return str(source)
    opening = ("</" if source.invalid else "<") + str(source.tag)
    opening += "".join(str(attribute) for attribute in source.attributes) + source.padding
    return f"{opening}>{body_text}</{source.closing_tag}>"


def _hidden(mode: Mode) -> Mode:
    return Mode.HIDDEN if mode is Mode.RUNNING else mode


def _attribute(tag: Tag, name: str) -> str | None:
    """An attribute's value as written (the last of repeated ones, as MediaWiki reads it)."""
    for attribute in reversed(tag.attributes):
        if wikitext_of(attribute.name).strip().lower() == name:
            return str(attribute.value) if attribute.value is not None else ""
    return None


def _param(template: Template, name: str) -> str | None:
    """A parameter's value, its comments removed first as MediaWiki's preprocessor does
    (`group=note<!-- end -->` is group `note`)."""
    if not template.has(name):
        return None
    value = without_comments(template.get(name).value).strip()
    return value.strip('"') if value.startswith('"') else value


def _first_present(template: Template, names: Iterable[str]) -> Wikicode | None:
    for name in names:
        if template.has(name):
            return template.get(name).value
    return None
