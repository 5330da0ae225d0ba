"""Small readers of rendered Wikipedia HTML, shared by the HTML parser's walk and reference reader.

What an inline `<sup>` is (a citation marker, a `{{rp}}` page suffix, a maintenance tag), what a
maintenance tag says (kind, name, date), the visible text of an element, and Parsoid's `data-mw`
template transclusions as plain `(name, params)` pairs. Works the same on legacy parser output
and on Parsoid HTML; see `reference/interfaces.md` §2.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from bs4 import NavigableString, Tag

from citeaudit.model.calendar import MONTH_PATTERN
from citeaudit.parse.cite_templates import maintenance_kind, normalize_template_name

HIDDEN_CLASSES = frozenset(
    """
    mw-editsection mw-cite-backlink Z3988 cs1-maint cs1-hidden-error reference mw-ref
    noprint Inline-Template Template-Fact sortkey mw-empty-elt cite-accessibility-label
    """.split()
)
"""Elements whose text is not part of the text a reader sees as prose or as a citation."""

SKIPPED_TAGS = frozenset(
    {"script", "style", "link", "meta", "noscript", "template", "head", "title"}
)

_GROUP_LABEL = re.compile(r"^(\S.*?)\s+\d+$")
_SPACED = frozenset({"br", "li", "p", "div", "tr", "td", "th", "dd", "dt"})
"""Elements a browser shows apart, so that their texts do not run together."""

_MONTH_YEAR = re.compile(rf"\b({MONTH_PATTERN})\s+(\d{{4}})\b")
_TAG_LINK_KINDS = {
    "wikipedia:link rot": "dead-link",
    "wikipedia:citation needed": "citation-needed",
    "wikipedia:verifiability": "failed-verification",
    "wikipedia:reliable sources": "better-source-needed",
}


@dataclass(frozen=True)
class Transclusion:
    """One template call of a Parsoid `data-mw` (name normalised, parameters as wikitext)."""

    name: str
    written_name: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TagReading:
    """What a rendered maintenance tag says: kind, name written, date, parameters."""

    kind: str
    name: str
    date: str | None
    params: dict[str, str]


def classes_of(tag: Tag) -> list[str]:
    value = tag.attrs.get("class")
    if value is None:
        return []
    return value if isinstance(value, list) else str(value).split()


def attr(tag: Tag, name: str) -> str:
    value = tag.attrs.get(name)
    if value is None:
        return ""
    return " ".join(value) if isinstance(value, list) else str(value)


def elements(tag: Tag) -> Iterator[Tag]:
    """Every element inside `tag`, in document order (a plain loop: faster than `find_all`)."""
    for node in tag.descendants:
        if isinstance(node, Tag):
            yield node


def first_element(tag: Tag, name: str, class_name: str | None = None) -> Tag | None:
    """The first element inside `tag` with this name (and class), or None."""
    for node in elements(tag):
        if node.name == name and (class_name is None or class_name in classes_of(node)):
            return node
    return None


def first_link(tag: Tag) -> Tag | None:
    for node in elements(tag):
        if node.name == "a" and "href" in node.attrs:
            return node
    return None


def is_ref_marker(sup: Tag) -> bool:
    """A citation marker: Parsoid `typeof~=mw:Extension/ref`, or `sup.reference` linking a note."""
    if "mw:Extension/ref" in attr(sup, "typeof").split():
        return True
    if "reference" not in classes_of(sup):
        return False
    link = first_link(sup)
    return link is not None and "#" in attr(link, "href")


def is_maintenance_tag(sup: Tag) -> bool:
    classes = classes_of(sup)
    return "Inline-Template" in classes or "Template-Fact" in classes


def is_page_suffix(sup: Tag) -> bool:
    """`{{rp}}` renders a `sup.reference` with no note link (`: 13`) right after a marker."""
    return "reference" in classes_of(sup) and not is_ref_marker(sup)


def page_suffix_text(sup: Tag) -> str | None:
    text = visible_text(sup, hide=frozenset()).strip(" :\u00a0\u2009\u202f")
    return text or None


@dataclass(frozen=True)
class MarkerReading:
    """Where a citation marker points (`cite_note-...`), and the name and group it gives."""

    note: str
    name: str | None
    group: str | None


def read_marker(sup: Tag) -> MarkerReading | None:
    """The entry a marker links to, from its `<a href="...#cite_note-...">` or Parsoid `body.id`.

    Name and group come from Parsoid's `data-mw` attrs, or the link's `data-mw-group`.
    """
    details = data_mw(sup)
    attrs = details.get("attrs")
    attrs = attrs if isinstance(attrs, dict) else {}
    link = first_link(sup)
    # The fragment starts at the first "#": a ref name may hold one itself (`name="[#foo]"`).
    note = unquote(attr(link, "href").partition("#")[2]) if link is not None else ""
    body = details.get("body")
    if not note and isinstance(body, dict) and isinstance(body.get("id"), str):
        note = str(body["id"]).removeprefix("mw-reference-text-")
    if not note:
        return None
    name = attrs.get("name")
    group = attrs.get("group")
    if not isinstance(group, str) and link is not None:
        group = attr(link, "data-mw-group") or group_from_label(visible_text(link, frozenset()))
    return MarkerReading(note, name if isinstance(name, str) else None, group or None)


def group_from_label(label: str) -> str | None:
    """The group a marker's label shows, for HTML too old to say it: `[note 2]` -> `note`,
    `[b]` -> `lower-alpha` (`{{efn}}`), `[B]` -> `upper-alpha`; `[2]` is the main list."""
    label = label.strip("[] \u00a0")
    named = _GROUP_LABEL.match(label)
    if named:
        return named.group(1)
    if label.isalpha() and label.isascii():
        return "lower-alpha" if label.islower() else "upper-alpha" if label.isupper() else None
    return None


def data_mw(tag: Tag) -> dict[str, Any]:
    """The element's Parsoid `data-mw` JSON, or an empty dict when absent or malformed."""
    raw = tag.attrs.get("data-mw")
    return parse_json_object(raw) if isinstance(raw, str) else {}


def parse_json_object(text: str) -> dict[str, Any]:
    """A JSON object, or an empty dict when the text is not one (saved HTML can be cut short)."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


def cite_error_key(span: Tag) -> str:
    """Parsoid's Cite error message key and parameters, from `data-mw-i18n`.

    `{"/":{"key":"cite_error","params":[{"text":{"key":"cite_error_references_no_text",
    "params":["bar"]}}]}}` gives `cite_error_references_no_text (bar)`.
    """
    pending: list[Any] = [parse_json_object(attr(span, "data-mw-i18n"))]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            key, params = item.get("key"), item.get("params")
            if isinstance(key, str) and key != "cite_error":
                shown = (
                    [str(p) for p in params if isinstance(p, str | int)]
                    if isinstance(params, list)
                    else []
                )
                return f"{key} ({', '.join(shown)})" if shown else key
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return "unknown error"


def transclusions(tag: Tag) -> list[Transclusion]:
    """The templates a Parsoid `mw:Transclusion` element records in its `data-mw.parts`."""
    if "mw:Transclusion" not in attr(tag, "typeof"):
        return []
    parts = data_mw(tag).get("parts")
    found: list[Transclusion] = []
    for part in parts if isinstance(parts, list) else []:
        template = part.get("template") if isinstance(part, dict) else None
        if not isinstance(template, dict):
            continue
        target = template.get("target")
        target = target if isinstance(target, dict) else {}
        written = str(target.get("wt") or "").strip()
        href = str(target.get("href") or "")
        name = normalize_template_name(unquote(href.removeprefix("./")) if href else written)
        given = template.get("params")
        params = {
            str(key): str(value.get("wt", "")) if isinstance(value, dict) else str(value)
            for key, value in (given.items() if isinstance(given, dict) else ())
        }
        found.append(Transclusion(name, written, params))
    return found


def read_maintenance_tag(sup: Tag) -> TagReading:
    """Kind, name and date of a rendered maintenance tag (`[citation needed]`, `[dead link]`, ...).

    Parsoid's `data-mw` names the template and gives its parameters; otherwise the kind is read
    from the link's text or target, and the date from the tooltip ("... (July 2012)").
    """
    link = first_element(sup, "a")
    text = " ".join(visible_text(sup, hide=frozenset()).strip("[] \u00a0").split())
    for call in transclusions(sup):
        kind = maintenance_kind(call.name)
        if kind:
            date = call.params.get("date", "").strip() or _tooltip_date(sup)
            return TagReading(kind, call.written_name, date, call.params)
    kind = maintenance_kind(text) or _kind_from_link(link)
    if kind is None:
        kind = "citation-needed" if "Template-Fact" in classes_of(sup) else _slug(text) or "tag"
    return TagReading(kind, text or kind, _tooltip_date(sup), {})


def _kind_from_link(link: Tag | None) -> str | None:
    if not isinstance(link, Tag):
        return None
    target = unquote(attr(link, "href")).rpartition("/")[2].replace("_", " ").lower()
    return _TAG_LINK_KINDS.get(target)


def _tooltip_date(sup: Tag) -> str | None:
    for element in [sup, *elements(sup)]:
        found = _MONTH_YEAR.findall(attr(element, "title"))
        if found:
            month, year = found[-1]
            return f"{month} {year}"
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def visible_text(tag: Tag, hide: frozenset[str] = HIDDEN_CLASSES) -> str:
    """The text a reader sees in `tag`, without markers, tags, back-links, COinS or styles."""
    chunks: list[str] = []
    stack: list[Any] = [iter(tag.contents)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
        elif type(node) is NavigableString:
            chunks.append(node)
        elif isinstance(node, Tag) and node.name not in SKIPPED_TAGS:
            if hide and not hide.isdisjoint(classes_of(node)):
                continue
            if node.name in _SPACED:
                chunks.append(" ")
            stack.append(iter(node.contents))
    return "".join(chunks)


_VOID_ELEMENTS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)


def inner_html(tag: Tag) -> str:
    """The HTML inside `tag`, serialised by a plain loop (bs4's `decode_contents` is far slower).

    Text is escaped with chained `str.replace` calls, not `str.translate`: with a mapping to
    strings, `translate` goes character by character in Python objects, and took more time
    than the rest of serialising a page's references.
    """
    chunks: list[str] = []
    stack: list[tuple[Iterator[Any], str]] = [(iter(tag.contents), "")]
    while stack:
        node = next(stack[-1][0], None)
        if node is None:
            chunks.append(stack.pop()[1])
        elif type(node) is NavigableString:
            chunks.append(node.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
        elif isinstance(node, NavigableString):
            chunks.append(node.output_ready())  # comments, `<style>` text: bs4 knows their form
        elif isinstance(node, Tag):
            chunks.append(f"<{node.name}")
            for name, value in node.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                text = text.replace("&", "&amp;").replace('"', "&quot;")
                chunks.append(f' {name}="{text}"')
            chunks.append(">")
            if node.name not in _VOID_ELEMENTS:
                stack.append((iter(node.contents), f"</{node.name}>"))
    return "".join(chunks)


def squash(text: str) -> str:
    """Collapse white space (including no-break spaces) to single spaces."""
    return " ".join(text.split())
