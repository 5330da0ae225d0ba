"""A citation template or link inside one reference, read with mwparserfromhell, with the span of
every part in the article's text, and the edits that change it without moving anything else.

Only the body of a reference that a repair needs is parsed (a few hundred bytes), and every
offset is computed from how mwparserfromhell prints its nodes: a template is `{{` + name +
`|` + each parameter + `}}`, a parameter `name=value`. A body whose pieces do not add up to its
text is not edited.

New parameters copy the template's own layout: the whitespace before each `|`, around each
name and `=`, and the column names are padded to, so that a one-line template stays on one line
and a template with one parameter per line gets one more line in the same style.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import mwparserfromhell
from mwparserfromhell.nodes import Comment, ExternalLink, Node, Tag, Template, Text
from mwparserfromhell.wikicode import Wikicode

from citeaudit.fix.edits import Edit
from citeaudit.parse.cite_templates import is_citation_template, normalize_template_name
from citeaudit.parse.wikitext.text import wikitext_of


@dataclass(frozen=True)
class Parameter:
    """One `|name=value` of a template. Offsets are absolute; `value_*` is the value without
    the whitespace around it (where a new value goes)."""

    name: str
    start: int
    """Where the parameter starts (just after its `|`)."""
    end: int
    value_start: int
    value_end: int
    value: str
    plain: bool
    """The value is text only (a URL counts): no comment, template, link or tag to keep."""
    name_lead: str
    name_trail: str
    value_lead: str
    trail: str
    """The whitespace after the value (before the next `|` or the closing braces)."""
    keyed: bool


@dataclass(frozen=True)
class TemplateSite:
    """A template in the article's text, its name and parameters with their spans."""

    name: str
    start: int
    end: int
    name_trail: str
    """The whitespace after the template's name (before its first `|`)."""
    parameters: tuple[Parameter, ...]

    def parameter(self, *names: str) -> Parameter | None:
        """The parameter MediaWiki reads among `names` (the last one given of a name), in the
        order of `names`; an empty one counts."""
        for name in names:
            found = [p for p in self.parameters if p.keyed and p.name == name]
            if found:
                return found[-1]
        return None

    def filled(self, *names: str) -> Parameter | None:
        """Like `parameter`, but only a parameter with a value."""
        for name in names:
            found = [p for p in self.parameters if p.keyed and p.name == name and p.value]
            if found:
                return found[-1]
        return None

    def set_value(self, parameter: Parameter, value: str) -> Edit:
        """Replace a parameter's value, keeping the whitespace around it."""
        return Edit(parameter.value_start, parameter.value_end, value)

    def add_after(self, anchor: Parameter | None, values: Sequence[tuple[str, str]]) -> Edit:
        """Insert new parameters right after `anchor` (after the last parameter when None),
        in the template's own layout."""
        keyed = [p for p in self.parameters if p.keyed] or list(self.parameters)
        anchor = anchor or (self.parameters[-1] if self.parameters else None)
        separator = self._separator(anchor)
        model = anchor if anchor is not None and anchor.keyed else (keyed[-1] if keyed else None)
        width = self._name_width()
        pieces = []
        for name, value in values:
            name_lead = model.name_lead if model else ""
            name_trail = model.name_trail if model else ""
            if width is not None:
                name_trail = " " * max(1, width - len(name_lead) - len(name))
            value_lead = model.value_lead if model else ""
            pieces.append(f"{separator}|{name_lead}{name}{name_trail}={value_lead}{value}")
        position = anchor.value_end if anchor is not None else self.end - 2
        return Edit(position, position, "".join(pieces))

    def _separator(self, anchor: Parameter | None) -> str:
        """What stands between one value and the next `|`: the anchor's own when it is not the
        last parameter, else the most common one, else what follows the template's name."""
        inner = [p.trail for p in self.parameters[:-1]]
        if anchor is not None and anchor is not self.parameters[-1]:
            return anchor.trail
        if inner:
            return Counter(inner).most_common(1)[0][0]
        return self.name_trail

    def _name_width(self) -> int | None:
        """The column `=` stands at, when every named parameter pads its name to it."""
        widths = {
            len(p.name_lead) + len(p.name) + len(p.name_trail) for p in self.parameters if p.keyed
        }
        keyed = [p for p in self.parameters if p.keyed]
        if len(keyed) >= 3 and len(widths) == 1 and any(len(p.name_trail) > 1 for p in keyed):
            return widths.pop()
        return None


@dataclass(frozen=True)
class LinkSite:
    """An external link in the article's text: `[url title]`, `[url]` or a bare URL."""

    url: str
    start: int
    end: int
    brackets: bool
    title_start: int | None
    """Where the link's text starts and ends (None without one), without surrounding spaces."""
    title_end: int | None
    title: str | None


@dataclass(frozen=True)
class BodySite:
    """What a reference's body holds: its first citation template, its first link, and where
    its content ends."""

    start: int
    end: int
    template: TemplateSite | None
    link: LinkSite | None
    content_end: int
    """The end of the body without its trailing whitespace."""
    only_link: bool
    """The body is the link alone (whitespace aside)."""


def read_body(text: str, start: int, end: int) -> BodySite:
    """Parse one reference body, `text[start:end]`, and locate what repairs edit in it."""
    body = text[start:end]
    code = mwparserfromhell.parse(body)
    template: TemplateSite | None = None
    link: LinkSite | None = None
    offset = start
    meaningful: list[Node] = []
    for node in code.nodes:
        if (
            template is None
            and isinstance(node, Template)
            and is_citation_template(wikitext_of(node.name))
        ):
            template = template_site(node, offset)
            meaningful.append(node)
            offset = template.end
            continue
        printed = str(node)
        if not (isinstance(node, Text) and not printed.strip()) and not isinstance(node, Comment):
            meaningful.append(node)
        if link is None and template is None:
            link = _link_in(node, offset, printed)
        offset += len(printed)
    if offset != end:
        return BodySite(start, end, None, None, start + len(body.rstrip()), False)
    only_link = (
        len(meaningful) == 1 and isinstance(meaningful[0], ExternalLink) and link is not None
    )
    return BodySite(start, end, template, link, start + len(body.rstrip()), only_link)


def template_site(template: Template, start: int) -> TemplateSite:
    """The spans of a template's parts (its length is theirs: `{{` + name + `|` + each
    parameter + `}}`, as mwparserfromhell prints it)."""
    name_text = wikitext_of(template.name)
    position = start + 2 + len(name_text)
    parameters = []
    for parameter in template.params:
        position += 1  # the `|`
        name = wikitext_of(parameter.name) if parameter.showkey else ""
        value = wikitext_of(parameter.value)
        value_offset = position + (len(name) + 1 if parameter.showkey else 0)
        stripped = value.strip()
        lead = value[: len(value) - len(value.lstrip())]
        trail = value[len(value.rstrip()) :]
        value_start = value_offset + len(lead)
        parameters.append(
            Parameter(
                name=name.strip(),
                start=position,
                end=value_offset + len(value),
                value_start=value_start,
                value_end=value_start + len(stripped),
                value=stripped,
                plain=_is_plain(parameter.value),
                name_lead=name[: len(name) - len(name.lstrip())],
                name_trail=name[len(name.rstrip()) :],
                value_lead=lead,
                trail=trail,
                keyed=bool(parameter.showkey),
            )
        )
        position = value_offset + len(value)
    return TemplateSite(
        name=normalize_template_name(name_text),
        start=start,
        end=position + 2,
        name_trail=name_text[len(name_text.rstrip()) :],
        parameters=tuple(parameters),
    )


def _is_plain(value: Wikicode) -> bool:
    return all(
        isinstance(node, Text) or (isinstance(node, ExternalLink) and not node.brackets)
        for node in value.nodes
    )


def _link_in(node: Node, start: int, printed: str) -> LinkSite | None:
    """The first external link of a body node: the node itself, or one inside formatting."""
    if isinstance(node, ExternalLink):
        return _link_site(node, start, printed)
    if isinstance(node, Tag) and node.contents is not None and str(node.tag).lower() != "ref":
        inner_start = start + printed.find(str(node.contents)) if node.contents else -1
        if inner_start < start:
            return None
        for inner in node.contents.nodes:
            inner_printed = str(inner)
            if isinstance(inner, ExternalLink):
                return _link_site(inner, inner_start, inner_printed)
            inner_start += len(inner_printed)
    return None


def _link_site(link: ExternalLink, start: int, printed: str) -> LinkSite:
    url = str(link.url)
    if link.title is None:
        return LinkSite(url.strip(), start, start + len(printed), link.brackets, None, None, None)
    title = str(link.title)
    title_offset = start + 1 + len(url) + (0 if link.suppress_space else 1)
    lead = len(title) - len(title.lstrip())
    stripped = title.strip()
    return LinkSite(
        url.strip(),
        start,
        start + len(printed),
        link.brackets,
        title_offset + lead,
        title_offset + lead + len(stripped),
        stripped,
    )
