"""What a reference's wikitext says: citation template fields, links, short citations, anchors.

`describe_reference` fills a `Reference` from the body of its first definition: the first
citation template (`{{cite web}}`, `{{citation}}`, ...) gives the structured fields through
`cite_templates.reference_fields`; otherwise a plain `[url title]` link (`link`), a bare URL
(`bare-url`) or a short citation (`{{harvnb}}`, `short`); otherwise the text (`text`).

`citeref_of` computes the anchor CS1 gives a full citation (`CITEREF` + up to four author last
names + year, or its `ref=` parameter), and `ShortCitation` what `{{sfn}}` makes of its
parameters: the footnote name Module:Footnotes gives it (identical calls share one entry), its
text and the anchor it points at (`reference/interfaces.md` §5.3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mwparserfromhell.nodes import ExternalLink, Tag, Template
from mwparserfromhell.wikicode import Wikicode

from citeaudit.model import Reference
from citeaudit.parse.cite_templates import (
    is_citation_template,
    reference_fields,
)
from citeaudit.parse.wikitext.text import (
    HARV_TEMPLATES,
    SFN_TEMPLATES,
    anchor_encode,
    citeref_from_parts,
    plain_text,
    short_citation_text,
    template_name,
    template_params,
)

_YEAR = re.compile(r"\b(\d{4})[a-z]?\b")
_LAST_NAME_KEYS = (
    (
        "last",
        "last1",
        "surname",
        "surname1",
        "author-last",
        "author-last1",
        "author",
        "author1",
        "authors",
    ),
    ("last2", "surname2", "author-last2", "author2"),
    ("last3", "surname3", "author-last3", "author3"),
    ("last4", "surname4", "author-last4", "author4"),
)
_EDITOR_KEYS = (
    ("editor-last", "editor-last1", "editor1-last", "editor", "editor1"),
    ("editor-last2", "editor2-last", "editor2"),
    ("editor-last3", "editor3-last", "editor3"),
    ("editor-last4", "editor4-last", "editor4"),
)


@dataclass(frozen=True)
class ShortCitation:
    """A `{{sfn}}`-style short citation: the footnote it makes and the anchor it points at."""

    name: str
    text: str
    target: str
    page: str | None


def describe_reference(reference: Reference, body: Wikicode) -> str | None:
    """Fill `reference` from the body of its defining `<ref>` (kind, fields, plain text).

    Returns the `CITEREF` anchor a short citation in the body points at, for the caller to
    resolve into `short_target` once every full citation is known.
    """
    for node in body.nodes:
        if isinstance(node, Template):
            name = template_name(node)
            if is_citation_template(name):
                _fill_from_citation(reference, name, template_params(node))
                return None
            if name in HARV_TEMPLATES or name in SFN_TEMPLATES:
                short = short_citation(node)
                reference.kind = "short"
                reference.text = plain_text(body) or short.text
                return short.target
    reference.text = plain_text(body)
    link = next((n for n in body.nodes if isinstance(n, ExternalLink)), None)
    if link is None:
        link = _link_in_tags(body)
    if link is not None:
        reference.url = str(link.url).strip()
        if link.brackets and link.title is not None:
            reference.kind = "link"
            reference.title = plain_text(link.title)
        else:
            reference.kind = "bare-url"
    return None


def _link_in_tags(body: Wikicode) -> ExternalLink | None:
    """A link one level down, in formatting such as `''[url title]''`."""
    for node in body.nodes:
        if isinstance(node, Tag) and node.contents is not None and str(node.tag).lower() != "ref":
            for inner in node.contents.nodes:
                if isinstance(inner, ExternalLink):
                    return inner
    return None


def _fill_from_citation(reference: Reference, name: str, params: dict[str, str]) -> None:
    reference.kind = name
    for key, value in reference_fields(params).items():
        setattr(reference, key, value)
    reference.citeref = citeref_of(params)
    reference.text = citation_text(reference)


def citation_text(reference: Reference) -> str:
    """A CS1-like plain rendering: `Last, First (date). "Title". Work. Publisher. Retrieved ...`."""
    parts: list[str] = []
    if reference.authors:
        authors = "; ".join(reference.authors)
        parts.append(f"{authors} ({reference.date})." if reference.date else f"{authors}.")
    if reference.title:
        parts.append(
            f'"{reference.title}"' + (f" ({reference.format})." if reference.format else ".")
        )
    for value in (reference.work, reference.publisher):
        if value:
            parts.append(f"{value}.")
    if reference.date and not reference.authors:
        parts.append(f"{reference.date}.")
    if reference.access_date:
        parts.append(f"Retrieved {reference.access_date}.")
    return " ".join(parts)


def citeref_of(params: dict[str, str]) -> str | None:
    """The `CITEREF...` anchor of a full citation, or None when it has none (`ref=none`)."""
    explicit = params.get("ref", "").strip()
    if explicit:
        if explicit.lower() == "none":
            return None
        if explicit.lower() != "harv":
            return anchor_encode(explicit)
    names = _names(params, _LAST_NAME_KEYS) or _names(params, _EDITOR_KEYS)
    year = _year(params)
    if not names or not year:
        return None
    return citeref_from_parts([*names, year])


def _names(params: dict[str, str], keys: tuple[tuple[str, ...], ...]) -> list[str]:
    names = []
    for alternatives in keys:
        value = next((params[k].strip() for k in alternatives if params.get(k, "").strip()), "")
        if not value:
            break
        names.append(value)
    return names


def _year(params: dict[str, str]) -> str | None:
    for key in ("year", "date", "publication-date"):
        match = _YEAR.search(params.get(key, ""))
        if match:
            return match.group(0)
    return None


def short_citation(template: Template) -> ShortCitation:
    """What `{{sfn|Smith|Jones|2001|p=5}}` (or `{{harvnb}}`, `{{sfnm}}`) makes of its parameters."""
    name = template_name(template)
    params = template_params(template)
    if name in ("sfnm", "sfnmp"):
        names = [v for k, v in sorted(params.items()) if re.fullmatch(r"1a\d", k)]
        year = params.get("1y", "")
        page = params.get("1p") or params.get("1pp") or params.get("1loc")
    else:
        positional = [params[k] for k in sorted((k for k in params if k.isdigit()), key=int)]
        names, year = positional[:-1], (positional[-1] if positional else "")
        page = params.get("p") or params.get("page") or params.get("pp") or params.get("pages")
        page = page or params.get("loc") or params.get("at")
    target = citeref_from_parts([*names[:4], year])
    footnote = "FOOTNOTE" + "".join(part.replace(" ", "") for part in [*names[:5], year])
    for key, label in (("p", "p."), ("page", "p."), ("pp", "pp."), ("pages", "pp."), ("loc", "")):
        if params.get(key):
            footnote += label + params[key].replace(" ", "")
    return ShortCitation(footnote, short_citation_text(names, year, params) + ".", target, page)
