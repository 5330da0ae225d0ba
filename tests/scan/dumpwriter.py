"""Write MediaWiki XML dumps for the tests: plain, and multistream with its index.

The format follows export schema 0.11 (https://www.mediawiki.org/xml/export-0.11.xsd) and the
multistream layout of Wikimedia's dumps (a header stream with `<siteinfo>`, bz2 streams of
pages, a footer stream; an index of `offset:page_id:title` lines). Damage is planted on request:
a stream whose compressed bytes are scrambled, a page whose XML is broken.
"""

from __future__ import annotations

import bz2
import gzip
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

EXPORT_NAMESPACE = "http://www.mediawiki.org/xml/export-0.11/"
QUOTE = {'"': "&quot;"}


@dataclass(frozen=True)
class PageSpec:
    """A page to write; `raw` replaces the whole `<page>` element (to plant broken XML)."""

    title: str
    page_id: int
    text: str | None
    namespace: int = 0
    redirect: str | None = None
    revision_id: int | None = None
    timestamp: str = "2026-01-01T00:00:00Z"
    hidden: bool = False
    raw: bytes | None = None


@dataclass(frozen=True)
class Site:
    sitename: str = "Testwiki"
    dbname: str = "testwiki"
    base: str = "https://testwiki.example/wiki/Main_Page"
    namespaces: tuple[tuple[int, str], ...] = (
        (0, ""),
        (1, "Talk"),
        (2, "User"),
        (4, "Project"),
        (10, "Template"),
        (14, "Category"),
    )


def header(site: Site) -> bytes:
    namespaces = "".join(
        f'<namespace key="{key}" case="first-letter">{escape(name)}</namespace>'
        if name
        else f'<namespace key="{key}" case="first-letter" />'
        for key, name in site.namespaces
    )
    return (
        f'<mediawiki xmlns="{EXPORT_NAMESPACE}" version="0.11" xml:lang="en">\n'
        f"  <siteinfo>\n    <sitename>{escape(site.sitename)}</sitename>\n"
        f"    <dbname>{escape(site.dbname)}</dbname>\n    <base>{escape(site.base)}</base>\n"
        "    <generator>MediaWiki 1.46.0-wmf.1</generator>\n    <case>first-letter</case>\n"
        f"    <namespaces>{namespaces}</namespaces>\n  </siteinfo>\n"
    ).encode()


FOOTER = b"</mediawiki>\n"


def page_xml(page: PageSpec) -> bytes:
    if page.raw is not None:
        return page.raw
    redirect = f"    <redirect title={quoteattr(page.redirect)} />\n" if page.redirect else ""
    if page.hidden:
        text = '      <text bytes="0" deleted="deleted" />\n'
    elif page.text is None:
        text = ""
    else:
        size = len(page.text.encode())
        body = escape(page.text, QUOTE)
        text = f'      <text bytes="{size}" xml:space="preserve">{body}</text>\n'
    revision_id = page.revision_id or page.page_id * 10 + 7
    return (
        f"  <page>\n    <title>{escape(page.title)}</title>\n    <ns>{page.namespace}</ns>\n"
        f"    <id>{page.page_id}</id>\n{redirect}    <revision>\n"
        f"      <id>{revision_id}</id>\n      <timestamp>{page.timestamp}</timestamp>\n"
        "      <contributor>\n        <username>Example</username>\n        <id>1</id>\n"
        "      </contributor>\n      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
        f"{text}      <sha1>0</sha1>\n    </revision>\n  </page>\n"
    ).encode()


def write_plain(path: Path, pages: Iterable[PageSpec], site: Site = Site()) -> Path:
    """A plain export, compressed when the name ends in `.bz2` or `.gz`."""
    data = header(site) + b"".join(page_xml(page) for page in pages) + FOOTER
    compress = {".bz2": bz2.compress, ".gz": gzip.compress}.get(path.suffix, bytes)
    path.write_bytes(compress(data))
    return path


def write_multistream(
    directory: Path,
    pages: Sequence[PageSpec],
    pages_per_stream: int = 100,
    site: Site = Site(),
    date: str = "20260101",
    scrambled_streams: Iterable[int] = (),
) -> tuple[Path, Path]:
    """A `…-pages-articles-multistream.xml.bz2` and its `-index.txt.bz2` in `directory`.

    Streams are numbered from 0 (the first page stream); those in `scrambled_streams` have
    the middle of their compressed bytes overwritten, so that they fail to decompress.
    """
    prefix = f"{site.dbname}-{date}-pages-articles-multistream"
    dump = directory / f"{prefix}.xml.bz2"
    index = directory / f"{prefix}-index.txt.bz2"
    scrambled = set(scrambled_streams)
    blobs = [bz2.compress(header(site))]
    lines: list[str] = []
    offset = len(blobs[0])
    for number, start in enumerate(range(0, len(pages), pages_per_stream)):
        group = pages[start : start + pages_per_stream]
        blob = bz2.compress(b"".join(page_xml(page) for page in group))
        if number in scrambled:
            middle = len(blob) // 2
            blob = (
                blob[:middle]
                + bytes(b ^ 0x5A for b in blob[middle : middle + 64])
                + blob[middle + 64 :]
            )
        lines += [f"{offset}:{page.page_id}:{page.title}\n" for page in group]
        blobs.append(blob)
        offset += len(blob)
    blobs.append(bz2.compress(FOOTER))
    dump.write_bytes(b"".join(blobs))
    index.write_bytes(bz2.compress("".join(lines).encode()))
    return dump, index
