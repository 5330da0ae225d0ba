"""Plain text of wikitext nodes: what a reader sees, without markup, templates or references.

`plain_text` renders a mwparserfromhell `Wikicode` the way the wikitext parser needs it for
template parameter values, headings and reference bodies: links become their text, bold and
italic marks go, comments and `<ref>`s vanish, and the few templates that only wrap text
(`{{nowrap}}`, `{{lang}}`, `{{code}}`, date templates, ...) give that text. Other templates give
nothing: their output cannot be known without expanding them.
"""

from __future__ import annotations

import html
import re

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
from mwparserfromhell.wikicode import Wikicode

from citeaudit.model.calendar import MONTHS
from citeaudit.parse.cite_templates import normalize_template_name

TEXT_TEMPLATES: dict[str, int] = {
    # template -> the positional parameter that holds the text it shows
    "nowrap": 1,
    "nobr": 1,
    "nobreak": 1,
    "small": 1,
    "smaller": 1,
    "big": 1,
    "larger": 1,
    "em": 1,
    "strong": 1,
    "1x": 1,
    "code": 1,
    "mono": 1,
    "rust": 1,
    "cpp": 1,
    "c": 1,
    "kbd": 1,
    "samp": 1,
    "var": 1,
    "abbr": 1,
    "abbrlink": 1,
    "sic": 1,
    "ill": 1,
    "interlanguage link": 1,
    "visible anchor": 1,
    "vanchor": 1,
    "keypress": 1,
    "tooltip": 1,
    "lang": 2,
    "langx": 2,
    "script": 2,
    "transl": 2,
    "transliteration": 2,
    "bdi": 2,
    "noitalic": 1,
    "not a typo": 1,
    "proper name": 1,
    "as written": 1,
    "midsize": 1,
    "section link": 2,
    "slink": 2,
    "text": 1,
}
"""Templates whose whole output is one of their parameters, shown as plain text."""

LITERAL_TEMPLATES: dict[str, str] = {
    "!": "|",
    "=": "=",
    "snd": " – ",
    "spaced ndash": " – ",
    "ndash": "–",
    "mdash": "—",
    "nbsp": "\u00a0",
    "dash": " – ",
    "thinsp": "\u2009",
    "'": "'",
    "-": "",
}

SFN_TEMPLATES = frozenset(
    {
        "sfn",
        "sfnp",
        "sfnm",
        "sfnmp",
        "shortened footnote",
        "shortened footnote template",
        "sfn whole",
    }
)
HARV_TEMPLATES = frozenset(
    {
        "harvnb",
        "harv",
        "harvp",
        "harvtxt",
        "harvard citation no brackets",
        "harvard citation",
        "harvard citation text",
        "harvcoltxt",
        "harvcolnb",
        "harvcol",
        "harvs",
    }
)
_DATE_TEMPLATES = frozenset(
    {
        "birth date",
        "birth date and age",
        "death date",
        "death date and age",
        "start date",
        "start date and age",
        "end date",
        "dob",
        "bda",
        "dda",
        "film date",
        "start-date",
    }
)
_SPACES = re.compile(r"[ \t\u00a0]+")
_HIDDEN_TAGS = frozenset(
    {
        "ref",
        "references",
        "math",
        "score",
        "templatedata",
        "timeline",
        "graph",
        "mapframe",
        "maplink",
        "indicator",
        "gallery",
        "imagemap",
    }
)
_NAMESPACED_LINK = re.compile(r"^\s*(?:category|file|image|media)\s*:", re.I)

MAX_DEPTH = 60
"""Deeper nesting than this is rendered as nothing rather than risking the recursion limit."""


def wikitext_of(code: Wikicode) -> str:
    """The wikitext of `code`; a single text node is read without printing the tree."""
    nodes = code.nodes
    if len(nodes) == 1 and type(nodes[0]) is Text:
        return nodes[0].value
    return str(code)


def without_comments(code: Wikicode) -> str:
    """The wikitext of `code` without its HTML comments."""
    if not any(isinstance(node, Comment) for node in code.nodes):
        return wikitext_of(code)
    return "".join(str(node) for node in code.nodes if not isinstance(node, Comment))


def template_name(template: Template) -> str:
    """The template's normalised name (`Cite_Web ` -> `cite web`)."""
    return normalize_template_name(wikitext_of(template.name))


def template_params(template: Template) -> dict[str, str]:
    """A template's parameters as `{name: plain text}` (the last of a repeated name wins)."""
    return {wikitext_of(param.name).strip(): plain_text(param.value) for param in template.params}


def positional(template: Template, index: int) -> Wikicode | None:
    """The wikicode of positional parameter `index` (1-based), or None."""
    key = str(index)
    if template.has(key):
        return template.get(key).value
    return None


def date_template_text(name: str, params: dict[str, str]) -> str:
    """`{{birth date and age|1962|3|23|df=y}}` -> `23 March 1962` (`March 23, 1962` without df)."""
    parts = [params.get(str(i), "").strip() for i in (1, 2, 3)]
    year, month, day = parts
    if not year:
        return ""
    if not month.isdigit() or not 1 <= int(month) <= 12:
        return year
    month_name = MONTHS[int(month) - 1]
    if not day.isdigit():
        return f"{month_name} {year}"
    day_first = params.get("df", "").strip().lower() in ("y", "yes", "1", "true")
    day_text = str(int(day))
    return f"{day_text} {month_name} {year}" if day_first else f"{month_name} {day_text}, {year}"


def template_text(template: Template, depth: int = 0) -> str:
    """What a template shows as plain text, for the templates that only wrap text; else ``""``."""
    name = template_name(template)
    literal = LITERAL_TEMPLATES.get(name)
    if literal is not None:
        return literal
    index = TEXT_TEMPLATES.get(name)
    if index is None and name.startswith("lang-"):
        index = 1
    if index is not None:
        value = positional(template, index)
        return _render(value, depth + 1) if value is not None else ""
    if name in _DATE_TEMPLATES:
        return date_template_text(name, template_params(template))
    if name in ("convert", "cvt"):
        return convert_text([plain_text(p.value) for p in template.params if not p.showkey])
    if name == "as of":
        params = template_params(template)
        return " ".join(["As of", *(params[k] for k in ("1", "2", "3") if params.get(k))][:2])
    if name in HARV_TEMPLATES:
        params = template_params(template)
        parts = [params[k] for k in sorted((k for k in params if k.isdigit()), key=int)]
        return short_citation_text(parts[:-1], parts[-1] if parts else "", params)
    if name == "sfnref" or name == "harvid":
        return citeref_from_parts([plain_text(p.value) for p in template.params if not p.showkey])
    return ""


_RANGE_WORDS = frozenset({"to", "-", "–", "and", "or", "by", "x", "×", "+", "+/-", "±"})


def convert_text(values: list[str]) -> str:
    """`{{convert|5|to|10|km|mi}}` -> `5 to 10 km`: the amounts and the first unit, unconverted."""
    shown: list[str] = []
    for value in values:
        shown.append(value)
        if (
            value not in _RANGE_WORDS
            and not value.replace(".", "", 1).replace(",", "").lstrip("-").isdigit()
        ):
            break
    return " ".join(shown)


def citeref_from_parts(parts: list[str]) -> str:
    """`CITEREF` + names + year, the anchor CS1 and `{{sfn}}` agree on (spaces as underscores)."""
    return anchor_encode("CITEREF" + "".join(part.strip() for part in parts if part.strip()))


def anchor_encode(text: str) -> str:
    """What MediaWiki's `anchorencode` does to spaces: they become underscores."""
    return _SPACES.sub("_", text.strip())


def plain_text(code: Wikicode | None, depth: int = 0) -> str:
    """The plain text of `code`: markup stripped, spaces collapsed."""
    if code is None:
        return ""
    nodes = code.nodes
    if len(nodes) == 1 and type(nodes[0]) is Text:
        return " ".join(nodes[0].value.split())
    return " ".join(_render(code, depth).split())


def _render(code: Wikicode, depth: int) -> str:
    if depth > MAX_DEPTH:
        return ""
    return "".join(_render_node(node, depth) for node in code.nodes)


def _render_node(node: Node, depth: int) -> str:
    if isinstance(node, Text):
        return node.value
    if isinstance(node, Wikilink):
        return wikilink_text(node, depth)
    if isinstance(node, Template):
        return template_text(node, depth)
    if isinstance(node, Tag):
        return tag_text(node, depth)
    if isinstance(node, ExternalLink):
        return (
            _render(node.title, depth + 1)
            if node.title is not None
            else ("" if node.brackets else str(node.url))
        )
    if isinstance(node, HTMLEntity):
        return entity_text(node)
    if isinstance(node, Heading):
        return _render(node.title, depth + 1)
    if isinstance(node, Argument):
        return _render(node.default, depth + 1) if node.default is not None else ""
    if isinstance(node, Comment):
        return ""
    return ""


def wikilink_text(link: Wikilink, depth: int) -> str:
    """The text a wiki link shows; category, file and media links show nothing."""
    title = str(link.title)
    if _NAMESPACED_LINK.match(title):
        return ""
    if link.text is not None:
        return _render(link.text, depth + 1)
    title = title.lstrip(":")
    return title.partition("#")[0] or title.partition("#")[2]


def tag_text(tag: Tag, depth: int) -> str:
    """The text an HTML or wiki-markup tag shows (none for refs, lists of refs, math, ...)."""
    name = str(tag.tag).strip().lower()
    if name in _HIDDEN_TAGS:
        return ""
    if name == "br":
        return " "
    if name in ("nowiki", "pre", "syntaxhighlight", "source"):
        return html.unescape(str(tag.contents))
    return _render(tag.contents, depth + 1)


def entity_text(entity: HTMLEntity) -> str:
    try:
        return entity.normalize()
    except ValueError:
        return str(entity)


def short_citation_text(names: list[str], year: str, params: dict[str, str]) -> str:
    """`Smith & Jones 2001, p. 5`: how `{{sfn}}` and `{{harvnb}}` name a source."""
    if len(names) >= 4:
        who = f"{names[0]} et al."
    elif len(names) == 3:
        who = f"{names[0]}, {names[1]} & {names[2]}"
    else:
        who = " & ".join(names)
    text = f"{who} {year}".strip()
    if params.get("p") or params.get("page"):
        text += f", p. {params.get('p') or params.get('page')}"
    elif params.get("pp") or params.get("pages"):
        text += f", pp. {params.get('pp') or params.get('pages')}"
    elif params.get("loc"):
        text += f", {params['loc']}"
    return text
