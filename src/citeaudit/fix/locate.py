"""Where each reference stands in the wikitext: the `<ref>` tags, by span, and whose they are.

The audit's parse (one pass of mwparserfromhell over the whole article) gives every reference
the wikitext of its first definition (`Reference.raw`) but no position. Parsing the article a
second time would cost as much as the audit's parse, so `scan_refs` finds the `<ref>` tags
the way MediaWiki's preprocessor finds extension tags: a `<ref ...>` opening matched to the next
`</ref>`, or a self-closing `<ref .../>`, outside comments and outside the content of
`<nowiki>`, `<pre>` and the other tags whose content is not wikitext. `locate_references` then
pairs each definition with the reference whose `raw` it is, in document order. A reference
whose definition is not found that way (one made by `{{efn}}`, `{{refn}}` or `{{#tag:ref}}`, or
markup the two readings disagree on) has no site, and no repair touches it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from mwparserfromhell import definitions

from citeaudit.model import Article
from citeaudit.parse.wikitext.refs import normalize_group, normalize_name

_OPAQUE_TAGS = tuple(
    name for name in definitions.PARSER_BLACKLIST if name not in ("ref", "references")
)
"""Tags whose content is not wikitext, as mwparserfromhell (which the audit's parse uses) reads
them: a `<ref>` written inside one is text."""
_TOKEN = re.compile(
    r"<!--"
    rf"|<(?P<opaque>{'|'.join(_OPAQUE_TAGS)})(?=[\s/>])[^>]*?(?P<opaque_closed>/)?>"
    r"|<ref(?=[\s/>])(?P<attributes>[^>]*?)(?P<self_closing>/)?>",
    re.IGNORECASE,
)
_REF_CLOSE = re.compile(r"</ref\s*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""",
)


@dataclass(frozen=True)
class RefTag:
    """One `<ref>` tag of the wikitext: a definition (with a body) or a reuse.

    Offsets index the article's text: the tag is `text[start:end]`, its body
    `text[body_start:body_end]` (empty for a self-closing tag).
    """

    start: int
    end: int
    body_start: int
    body_end: int
    attributes: str
    """The opening tag's attributes as written (`' name="x" group=note'`)."""
    name: str | None
    group: str | None
    self_closing: bool

    @property
    def opening_end(self) -> int:
        """Where the opening tag ends (its `>`, plus one)."""
        return self.body_start

    def has_body(self, text: str) -> bool:
        return not self.self_closing and bool(text[self.body_start : self.body_end].strip())


def scan_refs(text: str) -> list[RefTag]:
    """Every `<ref>` tag outside comments and non-wikitext tags, in document order."""
    tags: list[RefTag] = []
    position = 0
    while True:
        match = _TOKEN.search(text, position)
        if match is None:
            return tags
        if match.group(0) == "<!--":
            closing = text.find("-->", match.end())
            if closing < 0:
                return tags
            position = closing + 3
        elif match.group("opaque"):
            position = match.end()
            if not match.group("opaque_closed"):
                name = re.escape(match.group("opaque"))
                closing_match = re.compile(rf"</{name}\s*>", re.I).search(text, match.end())
                if closing_match is not None:
                    position = closing_match.end()
        else:
            tag = _ref_tag(text, match)
            position = tag.end if tag is not None else match.end()
            if tag is not None:
                tags.append(tag)


def _ref_tag(text: str, match: re.Match[str]) -> RefTag | None:
    attributes = match.group("attributes")
    values = _attribute_values(attributes)
    name = normalize_name(values.get("name"))
    group = normalize_group(values.get("group"))
    if match.group("self_closing"):
        return RefTag(
            match.start(), match.end(), match.end(), match.end(), attributes, name, group, True
        )
    closing = _REF_CLOSE.search(text, match.end())
    if closing is None:
        return None  # an unclosed <ref> is text
    return RefTag(
        match.start(), closing.end(), match.end(), closing.start(), attributes, name, group, False
    )


def _attribute_values(attributes: str) -> dict[str, str]:
    """Attribute values by lower-cased name; the last of repeated ones, as MediaWiki reads."""
    values: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(attributes):
        value = next((group for group in match.groups()[1:] if group is not None), "")
        values[match.group(1).lower()] = value
    return values


@dataclass
class RefSites:
    """The tags of every reference that could be located, by reference id."""

    definitions: dict[str, RefTag] = field(default_factory=dict)
    """The first definition of each reference (the one its `raw` is)."""
    copies: dict[str, list[RefTag]] = field(default_factory=lambda: defaultdict(list))
    """Later definitions of a named reference with the very same wikitext."""
    by_name: dict[tuple[str | None, str], list[RefTag]] = field(
        default_factory=lambda: defaultdict(list)
    )
    """Every tag carrying a name (definitions and reuses), by (group, name)."""
    names: set[str] = field(default_factory=set)
    """Every reference name of the article, whatever the group."""

    def tags_named(self, group: str | None, name: str | None) -> list[RefTag]:
        return list(self.by_name.get((group, name), ())) if name is not None else []


def locate_references(
    article: Article, text: str, tags: Iterable[RefTag] | None = None
) -> RefSites:
    """Pair the `<ref>` tags of `text` with the article's references."""
    sites = RefSites()
    waiting: dict[str, list[str]] = defaultdict(list)
    for reference in article.references:
        if reference.raw.startswith("<"):
            waiting[reference.raw].append(reference.id)
        if reference.name is not None:
            sites.names.add(reference.name)
    located_raw: dict[str, str] = {}
    for tag in scan_refs(text) if tags is None else tags:
        if tag.name is not None:
            sites.by_name[(tag.group, tag.name)].append(tag)
            sites.names.add(tag.name)
        if not tag.has_body(text):
            continue
        source = text[tag.start : tag.end]
        queue = waiting.get(source)
        if queue:
            reference_id = queue.pop(0)
            sites.definitions[reference_id] = tag
            if tag.name is not None:
                located_raw[source] = reference_id
        elif source in located_raw:
            sites.copies[located_raw[source]].append(tag)
    return sites
