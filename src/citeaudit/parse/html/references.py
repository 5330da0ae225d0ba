"""Read the fields of one reference-list entry of rendered Wikipedia HTML.

Three sources, best first: the citation template's parameters that Parsoid keeps in `data-mw`
(`cite_templates.reference_fields` knows CS1's aliases), the rendered `cite.citation` (title
link, `<i>` work, `span.cs1-format`, `Retrieved ...`, `Archived from the original on ...`,
authors before the date), and the COinS span (`rft.atitle`, `rft.jtitle`, `rft.date`,
`rft.au`, `rft.pub`, `rft_id`). An entry with no citation is a short citation (a link to a
`#CITEREF` anchor), a plain external link, a bare URL, or text. Once every entry is read,
`link_short_citations` points short citations at their full entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import mwparserfromhell
from bs4 import NavigableString, Tag

from citeaudit.model import Reference
from citeaudit.model.calendar import MONTH_ABBREVIATIONS, MONTHS, SEASONS
from citeaudit.parse.cite_templates import is_citation_template, reference_fields
from citeaudit.parse.html.inline import (
    attr,
    classes_of,
    elements,
    squash,
    transclusions,
    visible_text,
)

_WIKI_MARKUP = re.compile(r"\[\[|\{\{|''|<|\[http|&")
_QUOTED = re.compile(r'"(.+?)"(?=[\s.,;:)]|$)')
_RETRIEVED = re.compile(r"[Rr]etrieved\s+(.+?)\s*\.?\s*$")
_ARCHIVED_ON = re.compile(r"Archived from (?:the original )?on ([^.]+)")
_AUTHOR_DATE = re.compile(r"^(?P<authors>.*?)\s*\((?P<date>[^()]+)\)\.?\s*$")
_MONTHS = "(?:{})".format(
    "|".join(sorted({*MONTHS, *MONTH_ABBREVIATIONS, *SEASONS}, key=len, reverse=True))
)
_DATE = (
    rf"(?:\d{{4}}-\d{{2}}(?:-\d{{2}})?|(?:\d{{1,2}}[–-]?\s*)*+{_MONTHS}(?:[–-]{_MONTHS})?,?\s+\d{{4}}"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:[–-]\d{{1,2}})?,\s+\d{{4}}|c\.\s*\d{{4}}|\d{{4}}[a-z]?)"
)
"""Days before a month are read once (possessive): a run of digits tried as every split into days
took exponential time; giving digits back never lets a month, which opens with a letter, match."""
_IMPRINT_DATE = re.compile(rf"(?:^|[.,]\s+|^\W+)({_DATE})(?=[.,]?\s*$|[.,]\s)")
_IMPRINT_END = re.compile(
    r"\b(?:Archived|Retrieved|retrieved|ISBN|ISSN|OCLC|PMID|PMC|S2CID|JSTOR|Bibcode|arXiv|doi|hdl)\b"
    r"|\bpp?\.\s|\s[–—]\s*via\s"
)
_LANGUAGE_OR_FORMAT = re.compile(r"\((?:in [^)]*|PDF|[A-Z]{2,5}|[^)]*\bformat)\)")
_LINK_FIELDS = ("url", "archive_url", "url_status")
_SHORT_PAGE = re.compile(r",\s+(?:pp?\.|at)\s*(.+?)\.?$")
_ENDS_WITH_INITIAL = re.compile(r"\b[A-Z]\.$")


@dataclass
class EntryReading:
    """What one reference body says: its kind, its fields, and a `#CITEREF` target if short."""

    kind: str = "text"
    fields: dict[str, Any] = field(default_factory=dict)
    citeref: str | None = None
    short_anchor: str | None = None
    text: str = ""


def read_reference_body(body: Tag, inside: list[Tag]) -> EntryReading:
    """The kind and fields of a reference from its rendered body (`span.reference-text`).

    `inside` lists the elements of the whole list entry (back-links, body, Cite errors), which
    the caller has already gathered.
    """
    reading = EntryReading(text=squash(visible_text(body)))
    cite = next((node for node in inside if node.name == "cite"), None)
    template = _citation_template(inside)
    if template is not None:
        name, params = template
        reading.kind = name
        reading.fields = {
            key: value for key, value in reference_fields(_plain(params)).items() if value
        }
    rendered: dict[str, Any] = {}
    if cite is not None:
        if template is None:
            reading.kind = _kind_from_classes(classes_of(cite))
        rendered = _fields_from_cite(cite)
        cite_id = attr(cite, "id")
        reading.citeref = cite_id if cite_id.startswith("CITEREF") else None
    if template is not None:
        for key in _LINK_FIELDS:  # the template says which URL is cited; CS1 may link others
            rendered.pop(key, None)
    coins = next((node for node in inside if "Z3988" in classes_of(node)), None)
    from_coins = _fields_from_coins(attr(coins, "title")) if coins is not None else {}
    _fill(reading.fields, {"publisher": from_coins.get("publisher")})  # surer than the imprint
    _fill(reading.fields, rendered)
    _fill(reading.fields, from_coins)
    if template is None and cite is None:
        _read_uncited(inside, reading)
    return reading


def _citation_template(inside: list[Tag]) -> tuple[str, dict[str, str]] | None:
    for element in inside:
        if "data-mw" not in element.attrs or "mw:Extension/ref" in attr(element, "typeof"):
            continue
        for call in transclusions(element):
            if is_citation_template(call.name):
                return call.name, call.params
    return None


def _plain(params: dict[str, str]) -> dict[str, str]:
    """Template parameters as plain text: wiki links, bold/italic quotes, comments removed."""
    plain = {}
    for key, value in params.items():
        value = value.replace("{{!}}", "|")
        if _WIKI_MARKUP.search(value):
            try:
                value = str(mwparserfromhell.parse(value).strip_code(normalize=True, collapse=True))
            except RecursionError:
                pass  # absurdly nested markup in one parameter: keep it as written
        plain[key.strip()] = squash(value)
    return plain


def _kind_from_classes(classes: list[str]) -> str:
    """`citation web cs1` -> `cite web`; `citation cs2` -> `citation`."""
    rest = [name for name in classes if name not in ("citation", "cs1", "cs2")]
    return f"cite {rest[0]}" if rest else "citation"


def _fill(fields: dict[str, Any], more: dict[str, Any]) -> None:
    for key, value in more.items():
        if value and not fields.get(key):
            fields[key] = value


def _external_links(inside: list[Tag]) -> list[Tag]:
    return [
        link
        for link in inside
        if link.name == "a"
        and "href" in link.attrs
        and ("external" in classes_of(link) or "mw:ExtLink" in attr(link, "rel"))
    ]


def _fields_from_cite(cite: Tag) -> dict[str, Any]:
    """Fields read from CS1/CS2's rendering (see `reference/interfaces.md` §2.1 and §3.2)."""
    text = squash(visible_text(cite))
    fields: dict[str, Any] = {}
    inside = list(elements(cite))
    links = _external_links(inside)
    labelled = list(zip(links, [squash(a.get_text()) for a in links], strict=True))
    archived = next((a for a, label in labelled if label == "Archived"), None)
    original = next((a for a, label in labelled if label == "the original"), None)
    identifiers = {attr(a, "href") for a in links if _is_identifier_link(a)}
    quoted = _QUOTED.search(text)
    italics = [squash(i.get_text()) for i in inside if i.name == "i"]
    title = quoted.group(1) if quoted else italics.pop(0) if italics else None
    title_link = next(
        (
            a
            for a, label in labelled
            if a is not archived
            and a is not original
            and label.strip('"“”') == title
            and attr(a, "href") not in identifiers  # a title CS1 linked to its DOI or PMC
        ),
        None,
    )
    fields["title"] = title
    fields["work"] = next((i for i in italics if i and i != title), None)
    title_href = attr(title_link, "href") if title_link is not None else None
    if archived is not None:
        fields.update(url=title_href, archive_url=attr(archived, "href"), url_status="live")
    elif original is not None:
        fields.update(url=attr(original, "href"), archive_url=title_href, url_status="dead")
    elif "Archived from the original" in text:
        fields.update(archive_url=title_href, url_status="unfit")
    else:
        fields["url"] = title_href
    archive_date = _ARCHIVED_ON.search(text)
    if archive_date:
        fields["archive_date"] = archive_date.group(1).strip()
    access = next((node for node in inside if "reference-accessdate" in classes_of(node)), None)
    if access is not None:
        retrieved = _RETRIEVED.search(squash(access.get_text()))
        fields["access_date"] = retrieved.group(1) if retrieved else None
    fmt = next((node for node in inside if "cs1-format" in classes_of(node)), None)
    if fmt is not None:
        fields["format"] = squash(fmt.get_text()).strip("()") or None
    fields.update(_byline_and_imprint(text, title, fields["work"]))
    return fields


def _is_identifier_link(link: Tag) -> bool:
    """`doi:<a>10.1145/...</a>`, `S2CID <a>6630704</a>`: an identifier link follows its label.

    The label links to `Doi_(identifier)` and the like; older CS1 wrote `doi:` as text. Between
    them stand only a colon or a no-break space (Parsoid: a `mw:Entity` span).
    """
    before = link.previous_sibling
    while before is not None and _is_separator(before):
        if isinstance(before, NavigableString) and before.rstrip().endswith(":"):
            return True
        before = before.previous_sibling
    if isinstance(before, NavigableString):
        return before.rstrip().endswith(":")
    return (
        isinstance(before, Tag)
        and before.name == "a"
        and "(identifier)" in unquote(attr(before, "href")).replace("_", " ")
    )


def _is_separator(node: object) -> bool:
    if isinstance(node, Tag):
        return "mw:Entity" in attr(node, "typeof") and not node.get_text().strip()
    return isinstance(node, NavigableString) and not node.strip(" \u00a0:")


def _byline_and_imprint(text: str, title: str | None, work: str | None) -> dict[str, Any]:
    """Authors, date and publisher from the text around the title.

    CS1 puts authors first, with the date in brackets (`Last, First; Last2, First2 (date).
    "Title"`); without authors the date follows the title, work and publisher (`"Title". Work.
    Publisher. Date.`). The imprint ends where identifiers, `Archived ...` or `Retrieved ...`
    begin.
    """
    position = text.find(title) if title else -1
    if title is None or position < 0:
        return {}
    fields: dict[str, Any] = {}
    head = text[:position].rstrip(' "“')
    match = _AUTHOR_DATE.match(head)
    if match:
        fields["date"] = match.group("date").strip()
        head = match.group("authors").strip()
    elif not _ENDS_WITH_INITIAL.search(head):
        head = head.strip().rstrip(".")
    names = re.split(r";\s+", head.strip().removesuffix(" et al."))
    fields["authors"] = [name.strip() for name in names if name.strip()]
    imprint = _IMPRINT_END.split(text[position + len(title) :], maxsplit=1)[0]
    imprint = _LANGUAGE_OR_FORMAT.sub(" ", imprint)
    if work:
        imprint = imprint.replace(work, " ", 1)
    date = _IMPRINT_DATE.search(imprint)
    if date:
        fields.setdefault("date", date.group(1))
        imprint = imprint[: date.start()]
    publisher = imprint.strip(' .,;"').rpartition(": ")[2].strip()
    if publisher[:1].isalpha() and len(publisher) < 120:
        fields["publisher"] = publisher
    return fields


def _fields_from_coins(title: str) -> dict[str, Any]:
    """Fields from a COinS `title` (`rft.atitle=...&rft.date=...`).

    Its `rft_id` URLs are not taken: they mix the cited URL with identifier links, and the
    rendered title link already says which is cited.
    """
    values = _coins_values(title)
    first = {key: found[0] for key, found in values.items()}
    authors = list(values.get("rft.au", []))
    if "rft.aulast" in first:
        lead = first["rft.aulast"] + (f", {first['rft.aufirst']}" if "rft.aufirst" in first else "")
        authors.insert(0, lead)
    identifiers = {
        value.partition("/")[0].removeprefix("info:"): value.partition("/")[2]
        for value in values.get("rft_id", [])
        if value.startswith("info:")
    }
    return {
        "title": first.get("rft.atitle") or first.get("rft.btitle") or first.get("rft.title"),
        "work": first.get("rft.jtitle") if "rft.atitle" in first else None,
        "date": first.get("rft.date"),
        "publisher": first.get("rft.pub"),
        "authors": authors,
        "identifiers": identifiers,
    }


_COINS_KEYS = frozenset(
    {
        "rft.atitle",
        "rft.btitle",
        "rft.title",
        "rft.jtitle",
        "rft.date",
        "rft.pub",
        "rft.au",
        "rft.aulast",
        "rft.aufirst",
        "rft_id",
    }
)
"""The COinS keys `_fields_from_coins` reads."""


def _coins_values(title: str) -> dict[str, list[str]]:
    """The values of the keys in `_COINS_KEYS`, decoded as `urllib.parse.parse_qsl` decodes a
    query string (fields with no `=` or an empty value are left out). The other keys are not
    decoded: decoding `rfr_id` and `rft_val_fmt` was half of reading a page's COinS."""
    values: dict[str, list[str]] = {}
    for pair in title.split("&"):
        name, equals, value = pair.partition("=")
        if not (equals and value):
            continue
        key = unquote(name.replace("+", " "))
        if key in _COINS_KEYS:
            values.setdefault(key, []).append(unquote(value.replace("+", " ")).strip())
    return values


def _read_uncited(inside: list[Tag], reading: EntryReading) -> None:
    """A body without a citation template: short citation, plain link, bare URL, or text."""
    short = next((a for a in inside if a.name == "a" and "#CITEREF" in attr(a, "href")), None)
    if short is not None:
        reading.kind = "short"
        reading.short_anchor = unquote(attr(short, "href").rpartition("#")[2])
        return
    links = _external_links(inside)
    if not links:
        return
    link = links[0]
    href, label = attr(link, "href"), squash(link.get_text())
    if "free" in classes_of(link) or label == href:
        reading.kind = "bare-url"
    else:
        reading.kind = "link"
        if "autonumber" not in classes_of(link):
            reading.fields["title"] = label
    reading.fields["url"] = href


def link_short_citations(references: list[Reference]) -> None:
    """Point each short citation at the entry whose `cite` has its `#CITEREF` anchor.

    Its page (`Smith 2001, p. 5.`) becomes the page of each of its uses, as `{{sfn|p=5}}` says.
    A full citation kept in a bibliography outside the reference lists is no entry: then the
    short citation's `short_target` stays None.
    """
    by_citeref: dict[str, str] = {}
    for reference in references:
        if reference.citeref:
            by_citeref.setdefault(reference.citeref, reference.id)
    for reference in references:
        if reference.kind != "short":
            continue
        reference.short_target = by_citeref.get(reference.short_target or "")
        page = _SHORT_PAGE.search(reference.text)
        for use in reference.uses:
            use.page = use.page or (page.group(1) if page else None)
