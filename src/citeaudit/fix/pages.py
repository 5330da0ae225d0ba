"""Citations completed from the page they cite, as the page itself states it.

- A generic or captured-challenge title ("Just a moment...", "StackPath", "Page not found",
  "Archived copy") is replaced by the page's own title, when the link checker found the page
  alive and read a title that is itself not generic.
- A bare URL reference (`<ref>https://...</ref>`, `<ref>[https://...]</ref>`) becomes a
  `{{cite web}}` with the URL, the page's title, the site's name, the page's date, its authors
  and the day it was read: only the fields the page states (meta tags, JSON-LD, `<time>`), never
  a guess. A page with no real title is left alone, as reFill leaves it: a `{{cite web}}`
  without a title is a CS1 error.

A title read from `<title>` often carries the site's name ("Reserve opens | Valley Courier");
the name is cut when it is the site's, the citation's work or publisher, or the host's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citeaudit.checks.integrity.title_generic import generic_title_kind
from citeaudit.fix.context import Declined, Proposal, Repair, RepairContext
from citeaudit.fix.dates import write_day, write_iso
from citeaudit.fix.edits import Edit
from citeaudit.fix.template import BodySite
from citeaudit.fix.wikitext import template_value, url_value
from citeaudit.model import Change, Finding, LinkVerdict, Reference, SourceText
from citeaudit.web.urls import host_of

_SEPARATORS = re.compile(r"\s+[|\-–—·•»:]\s+")
_GENERIC_AUTHORS = re.compile(
    r"^(by\s+)?(staff|admin|administrator|editor|editors|newsroom|news desk|desk|"
    r"web team|webmaster|anonymous|unknown|guest|press office|reporter|correspondent)$",
    re.IGNORECASE,
)
_USURPED_CODES = frozenset({"source-usurped", "source-title-mismatch"})


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def page_title(source: SourceText, reference: Reference, url: str) -> str | None:
    """The page's own title without the site's name, or None when it has no real title."""
    title = source.title
    if not title or generic_title_kind(title) is not None:
        return None
    host = (host_of(url) or "").removeprefix("www.")
    names = {
        _fold(name)
        for name in (
            source.site_name,
            reference.work,
            reference.publisher,
            host,
            host.split(".")[0],
        )
        if name
    }
    parts = _SEPARATORS.split(title)
    if len(parts) > 1:
        if _fold(parts[-1]) in names:
            title = title[: title.rfind(parts[-1])].rstrip(" |-–—·•»:")
        elif _fold(parts[0]) in names:
            title = title[len(parts[0]) :].lstrip(" |-–—·•»:")
    title = " ".join(title.split())
    if not title or generic_title_kind(title) is not None:
        return None
    return title


@dataclass(frozen=True)
class _ReadPage:
    """A reference whose page was read alive, the page's own title, and the reference's body."""

    reference: Reference
    source: SourceText
    title: str
    body: BodySite


def _read_page(finding: Finding, context: RepairContext) -> _ReadPage | str:
    """The reference, its page and body when its page was read alive with a real title; else
    why not."""
    reference = context.reference(finding)
    if reference is None or not reference.url:
        return "it gives no URL whose page could be read"
    result = context.link(reference)
    if result is None or result.verdict is not LinkVerdict.ALIVE:
        verdict = result.verdict.value if result is not None else "not checked"
        return f"its page was not read (the link is {verdict})"
    source = context.source(result)
    if source is None:
        return "its page was not read (claim support read no text from it)"
    if context.codes_of(reference) & _USURPED_CODES:
        return "the page at its URL is no longer the page cited"
    title = page_title(source, reference, result.url)
    if title is None:
        return "the page gives no real title either"
    body = context.editable_body(reference)
    return body if isinstance(body, str) else _ReadPage(reference, source, title, body)


class GenericTitleRepair(Repair):
    codes = ("title-generic",)

    def propose(self, finding: Finding, context: RepairContext) -> Proposal | Declined:
        read = _read_page(finding, context)
        if isinstance(read, str):
            return self.decline(finding, read)
        reference, body = read.reference, read.body
        evidence = f"the page at the URL is alive and titles itself {read.title!r}"
        value = template_value(read.title)
        if body.template is not None:
            parameter = body.template.filled("title")
            if parameter is None or not parameter.plain or parameter.value != reference.title:
                return self.decline(finding, "the title is not written plainly in |title=")
            edit = body.template.set_value(parameter, value)
            change = Change(finding.code, reference.id, "title", parameter.value, value, evidence)
        elif body.link is not None and body.link.title_start is not None:
            link = body.link
            assert link.title_end is not None
            edit = Edit(body.link.title_start, link.title_end, value)
            change = Change(finding.code, reference.id, "link text", link.title, value, evidence)
        else:
            return self.decline(finding, "the title is neither a |title= nor a link's text")
        return Proposal(context.in_copies(reference, (edit,)), (change,))


class BareURLRepair(Repair):
    codes = ("ref-bare-url",)

    def propose(self, finding: Finding, context: RepairContext) -> Proposal | Declined:
        read = _read_page(finding, context)
        if isinstance(read, str):
            return self.decline(finding, read)
        reference, link = read.reference, read.body.link
        if link is None or not read.body.only_link:
            return self.decline(finding, "the reference holds more than the URL")
        fields = _cite_web_fields(link.url, read.title, read.source, context)
        template = context.house_style.template("cite web", fields)
        found = ", ".join(name for name, _ in fields if name not in ("url", "access-date"))
        evidence = f"the page at the URL is alive and states its {found}"
        edit = Edit(link.start, link.end, template)
        written = context.text[link.start : link.end]
        change = Change(finding.code, reference.id, "{{cite web}}", written, template, evidence)
        return Proposal(context.in_copies(reference, (edit,)), (change,))


def _cite_web_fields(
    url: str, title: str, source: SourceText, context: RepairContext
) -> list[tuple[str, str]]:
    fields = [("url", url_value(url)), ("title", template_value(title))]
    site = source.site_name
    if site and _fold(site) != _fold(title):
        fields.append(("website", template_value(site)))
    if source.published:
        date = write_iso(source.published, context.date_style.for_parameter("date"))
        if date is not None:
            fields.append(("date", date))
    authors = [
        name
        for name in source.authors
        if not _GENERIC_AUTHORS.match(name) and (not site or _fold(name) != _fold(site))
    ]
    if len(authors) == 1:
        fields.append(("author", template_value(authors[0])))
    else:
        fields += [(f"author{n}", template_value(name)) for n, name in enumerate(authors, 1)]
    if source.kind == "pdf" and not re.search(r"\.pdf($|[?#])", url, re.IGNORECASE):
        fields.append(("format", "PDF"))
    access = write_day(context.as_of, context.date_style.for_parameter("access-date"))
    fields.append(("access-date", access))
    return fields
