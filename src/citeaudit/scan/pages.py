"""Pages of a MediaWiki XML export, one `<page>` element at a time, and what went wrong reading
them.

A dump is a `<mediawiki>` root holding a `<siteinfo>` and then `<page>` elements (export schema
0.11: https://www.mediawiki.org/xml/export-0.11.xsd, read 2026-12). Text inside an element is
always escaped (`&lt;page&gt;`), so the bytes `<page>` and `</page>` can only be tags: a run of
bytes is cut into pages by finding them (`split_pages`), and each page is parsed on its own
with lxml (`read_page`). Malformed XML then costs one page, never the rest of its stream, and a
stream of a multistream dump (pages without a root element) needs no wrapping.

lxml rather than `mwxml`: on the same pages lxml is several times faster (docs/scale.md gives
the measurement), and `mwxml` reads a whole stream with one parser, so that one malformed page
loses every page after it.
"""

from __future__ import annotations

import enum
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree

PAGE_OPEN = b"<page>"
PAGE_CLOSE = b"</page>"
WIKITEXT_MODEL = "wikitext"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
"""No entity expansion, no network: a dump is data from a file anyone could have made."""
_TITLE = re.compile(rb"<title>([^<]{1,512})</title>")
_PAGE_ID = re.compile(rb"</ns>\s*<id>(\d{1,18})</id>")


class ProblemKind(enum.Enum):
    """Why a page (or a run of pages) could not be audited; each becomes a `problems` row."""

    CORRUPT_STREAM = "corrupt-stream"
    """A bz2 stream that does not decompress: every page in it is lost."""
    TRUNCATED_STREAM = "truncated-stream"
    """A bz2 stream (or the file) that ends early: the pages after the cut are lost."""
    MALFORMED_XML = "malformed-xml"
    """A page whose XML does not parse, or lacks its title."""
    MISSING_TEXT = "missing-text"
    """A page whose current revision has no text in the dump."""
    HIDDEN_TEXT = "hidden-text"
    """A page whose current revision's text was hidden (revision-deleted)."""
    AUDIT_FAILED = "audit-failed"
    """An article that made the parser or a check fail (a bug to report, with the title)."""
    TITLE_NOT_FOUND = "title-not-found"
    """A title of `--titles` that the dump does not hold."""
    TITLE_IS_REDIRECT = "title-is-redirect"
    """A title of `--titles` that is a redirect in the dump (its target is named)."""


@dataclass(frozen=True)
class Problem:
    """Something in the dump that could not be audited, and why; the scan goes on."""

    kind: ProblemKind
    reason: str
    title: str | None = None
    page_id: int | None = None
    offset: int | None = None
    """The byte offset of the bz2 stream concerned (multistream dumps), else None."""


@dataclass(frozen=True)
class SiteInfo:
    """The `<siteinfo>` of a dump: which wiki it is, and its namespaces."""

    sitename: str | None = None
    dbname: str | None = None
    base: str | None = None
    """The URL of the wiki's main page, e.g. `https://en.wikipedia.org/wiki/Main_Page`."""
    generator: str | None = None
    namespaces: dict[int, str] = field(default_factory=dict)

    @property
    def host(self) -> str | None:
        """The wiki's host name (`en.wikipedia.org`), from `base`."""
        if not self.base:
            return None
        try:
            return urlsplit(self.base).hostname
        except ValueError:
            return None


@dataclass(frozen=True)
class DumpPage:
    """One page of a dump with its current revision."""

    title: str
    namespace: int
    page_id: int | None = None
    revision_id: int | None = None
    timestamp: str | None = None
    text: str | None = None
    """The wikitext; None when the dump holds none (missing or hidden)."""
    redirect: str | None = None
    """The target title of a redirect; None for a page that is not one."""
    text_hidden: bool = False
    model: str = WIKITEXT_MODEL


def split_pages(data: bytes) -> tuple[list[bytes], bytes]:
    """The complete `<page>...</page>` elements of `data`, and the bytes to keep for later.

    Whatever comes before the first `<page>` (a `<siteinfo>`, the `<mediawiki>` tags) is skipped.
    The bytes kept are an unfinished page, or the last few bytes (which may hold the start of a
    `<page>` tag): a reader of a stream in pieces prepends them to the next piece.
    """
    pages: list[bytes] = []
    position = 0
    while True:
        start = data.find(PAGE_OPEN, position)
        if start < 0:
            return pages, data[max(position, len(data) - len(PAGE_OPEN) + 1) :]
        end = data.find(PAGE_CLOSE, start)
        following = data.find(PAGE_OPEN, start + len(PAGE_OPEN), end if end >= 0 else len(data))
        if following >= 0:
            # A page cut short (a damaged file): its `</page>` never came before the next page.
            pages.append(data[start:following])
            position = following
            continue
        if end < 0:
            return pages, data[start:]
        position = end + len(PAGE_CLOSE)
        pages.append(data[start:position])


def read_page(chunk: bytes, offset: int | None = None) -> DumpPage | Problem:
    """The page of one `<page>...</page>` element, or a `Problem` saying why it has none."""
    try:
        element = etree.fromstring(chunk, _PARSER)
    except etree.XMLSyntaxError as error:
        return Problem(
            ProblemKind.MALFORMED_XML,
            f"the page's XML does not parse ({_short(str(error))})",
            title=_title_guess(chunk),
            page_id=_page_id_guess(chunk),
            offset=offset,
        )
    page = _children(element)
    title = _text(page.get("title"))
    namespace = _integer(_text(page.get("ns")))
    if not title or namespace is None:
        return Problem(
            ProblemKind.MALFORMED_XML,
            "the page has no title or no namespace",
            title=title or None,
            page_id=_integer(_text(page.get("id"))),
            offset=offset,
        )
    revisions = [child for child in element if _local_name(child) == "revision"]
    revision = _children(revisions[-1]) if revisions else {}
    text_element = revision.get("text")
    redirect = page.get("redirect")
    return DumpPage(
        title=title,
        namespace=namespace,
        page_id=_integer(_text(page.get("id"))),
        revision_id=_integer(_text(revision.get("id"))),
        timestamp=_text(revision.get("timestamp")) or None,
        text=(text_element.text or None) if text_element is not None else None,
        redirect=(redirect.get("title") or "") if redirect is not None else None,
        text_hidden=text_element is not None and text_element.get("deleted") is not None,
        model=_text(revision.get("model")) or WIKITEXT_MODEL,
    )


def read_siteinfo(head: bytes) -> SiteInfo:
    """The `<siteinfo>` found in the bytes before the first page (an empty one if absent)."""
    start, end = head.find(b"<siteinfo>"), head.find(b"</siteinfo>")
    if start < 0 or end < 0:
        return SiteInfo()
    try:
        element = etree.fromstring(head[start : end + len(b"</siteinfo>")], _PARSER)
    except etree.XMLSyntaxError:
        return SiteInfo()
    info = _children(element)
    namespaces: dict[int, str] = {}
    container = info.get("namespaces")
    for namespace in container if container is not None else ():
        key = _integer(namespace.get("key"))
        if key is not None:
            namespaces[key] = namespace.text or ""
    return SiteInfo(
        sitename=_text(info.get("sitename")) or None,
        dbname=_text(info.get("dbname")) or None,
        base=_text(info.get("base")) or None,
        generator=_text(info.get("generator")) or None,
        namespaces=namespaces,
    )


def pages_of(chunks: list[bytes], offset: int | None = None) -> Iterator[DumpPage | Problem]:
    """`read_page` of each chunk."""
    for chunk in chunks:
        yield read_page(chunk, offset)


def _children(element: etree._Element) -> dict[str, etree._Element]:
    """The element's children by local name (a dump read whole carries the export namespace)."""
    children: dict[str, etree._Element] = {}
    for child in element:
        name = _local_name(child)
        if name:
            children.setdefault(name, child)
    return children


def _local_name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # a comment or processing instruction
        return ""
    return tag.rpartition("}")[2]


def _text(element: etree._Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _integer(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _title_guess(chunk: bytes) -> str | None:
    """The title of a page whose XML is broken, when its `<title>` can still be read."""
    found = _TITLE.search(chunk)
    if found is None:
        return None
    return html.unescape(found.group(1).decode("utf-8", errors="replace"))


def _page_id_guess(chunk: bytes) -> int | None:
    found = _PAGE_ID.search(chunk)
    return int(found.group(1)) if found else None


def _short(message: str, limit: int = 200) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"
