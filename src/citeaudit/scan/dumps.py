"""Dump files: plain exports read as one stream, multistream dumps read by their index.

A `pages-articles-multistream.xml.bz2` is a run of independent bz2 streams of about 100 pages
each; its `-index.txt.bz2` lists `offset:page_id:title` for every page, the offset being where
the page's stream starts (https://meta.wikimedia.org/wiki/Data_dumps/Dump_format, read
2026-12). `read_index` turns the index into `Stream`s (start, end, pages); `read_streams` reads
some of them from their byte ranges, one at a time, so that a worker needs neither the rest of
the file nor anyone else's decompression. A plain export (`.xml`, `.xml.bz2`, `.xml.gz`, or a
multistream file without its index) is read front to back by `read_plain`.

Damage costs what it touches: a stream that does not decompress (or stops short) becomes one
`Problem` naming the pages the index lists in it, and the next stream is read as usual. The
pages of a stream are only handed on once the whole stream has decompressed, because bz2
checks a block's CRC after giving out its bytes. Nothing holds more than one stream, capped.
"""

from __future__ import annotations

import bz2
import datetime as dt
import gzip
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from citeaudit.errors import InputError
from citeaudit.scan.pages import (
    PAGE_OPEN,
    DumpPage,
    Problem,
    ProblemKind,
    SiteInfo,
    pages_of,
    read_siteinfo,
    split_pages,
)

PIECE_BYTES = 1 << 20
"""Decompressed bytes handled at a time."""
MAX_STREAM_BYTES = 256 << 20
"""A stream of 100 pages of at most 2 MB each stays far below this; one above it is damaged
or hostile, and is skipped rather than held in memory."""
MAX_PAGE_BYTES = 64 << 20
"""The longest `<page>` element read from a plain dump (MediaWiki caps an article at 2 MB)."""
BZ2_MAGIC = b"BZh"
GZIP_MAGIC = b"\x1f\x8b"
SEVEN_ZIP_MAGIC = b"7z\xbc\xaf\x27\x1c"
_DUMP_NAME = re.compile(r"^(?P<dbname>[a-z0-9_]+)-(?P<date>\d{8})-")
_MULTISTREAM = re.compile(r"multistream(\d*)\.xml")


@dataclass(frozen=True)
class Stream:
    """One bz2 stream of a multistream dump: its byte range and the pages the index lists in it."""

    offset: int
    end: int
    pages: int
    first_page_id: int | None = None
    last_page_id: int | None = None

    def describe(self) -> str:
        ids = (
            f", page ids {self.first_page_id}–{self.last_page_id}"
            if self.first_page_id is not None
            else ""
        )
        return f"the bz2 stream at bytes {self.offset}–{self.end} ({self.pages} pages{ids})"


@dataclass(frozen=True)
class IndexReading:
    """The streams of a multistream dump (only those holding a wanted title, when titles are
    given), the header's byte range, and which wanted titles the index holds."""

    streams: list[Stream]
    header_end: int
    """The first page stream's offset: bytes before it hold the `<siteinfo>`."""
    pages: int
    """Pages the index lists in the streams kept."""
    titles_found: dict[int, list[str]]
    """The wanted titles found, by the offset of the stream that holds them."""

    def titles_in(self, streams: Iterable[Stream]) -> tuple[str, ...]:
        return tuple(title for s in streams for title in self.titles_found.get(s.offset, ()))


@dataclass(frozen=True)
class DumpName:
    """What a dump's file name says: the wiki's database name and the dump's date."""

    dbname: str | None
    date: dt.date | None


def dump_name(path: Path) -> DumpName:
    """`enwiki-20240601-pages-articles.xml.bz2` -> (`enwiki`, 2024-06-01); (None, None) if not."""
    found = _DUMP_NAME.match(path.name)
    if found is None:
        return DumpName(None, None)
    try:
        date = dt.datetime.strptime(found["date"], "%Y%m%d").date()
    except ValueError:
        date = None
    return DumpName(found["dbname"], date)


def index_beside(dump: Path) -> Path | None:
    """The multistream index beside a dump, if there is one.

    `…-multistream.xml.bz2` has `…-multistream-index.txt.bz2`; the split files
    `…-multistream1.xml-p1p41242.bz2` have `…-multistream-index1.txt-p1p41242.bz2`.
    """
    if not _MULTISTREAM.search(dump.name):
        return None
    index = dump.with_name(_MULTISTREAM.sub(r"multistream-index\1.txt", dump.name, count=1))
    return index if index.is_file() else None


def normalise_title(title: str) -> str:
    """A title as the dump writes it: spaces for underscores, one space at a time, and the
    first letter in capitals (Wikipedia's default `case="first-letter"`)."""
    words = " ".join(title.replace("_", " ").split())
    return words[:1].upper() + words[1:]


def read_index(index: Path, dump_size: int, wanted: set[str] | None = None) -> IndexReading:
    """The streams an index lists, each with its end (the next stream's offset, or the file's).

    With `wanted` (normalised titles), only the streams that hold one of them are kept. An index
    that cannot be read, or whose offsets go backwards or past the dump's end, is an
    `InputError`: a scan cannot trust it.
    """
    offsets: list[int] = []
    counts: list[int] = []
    first_ids: list[int | None] = []
    last_ids: list[int | None] = []
    keep: list[bool] = []
    found: dict[int, list[str]] = {}
    number = 0
    try:
        with (
            bz2.open(index, "rt", encoding="utf-8")
            if _is_bz2(index)
            else index.open(encoding="utf-8") as lines
        ):
            for number, line in enumerate(lines, start=1):
                offset, page_id, title = _index_line(line, number, index)
                if not offsets or offset != offsets[-1]:
                    if offsets and offset < offsets[-1]:
                        raise InputError(
                            f"{index}: line {number}: offsets go backwards; not an index of "
                            "this dump"
                        )
                    offsets.append(offset)
                    counts.append(0)
                    first_ids.append(page_id)
                    last_ids.append(page_id)
                    keep.append(wanted is None)
                counts[-1] += 1
                last_ids[-1] = page_id
                if wanted is not None and title in wanted:
                    keep[-1] = True
                    found.setdefault(offset, []).append(title)
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise InputError(
            f"{index}: the index cannot be read past line {number} ({error}); fetch it again, "
            "or move it away to read the dump front to back"
        ) from None
    if not offsets:
        raise InputError(f"{index}: the index lists no pages")
    if offsets[-1] >= dump_size:
        raise InputError(f"{index}: offsets run past the end of the dump ({dump_size} bytes)")
    ends = offsets[1:] + [dump_size]
    streams = [
        Stream(offset, end, count, first, last)
        for offset, end, count, first, last, kept in zip(
            offsets, ends, counts, first_ids, last_ids, keep, strict=True
        )
        if kept
    ]
    return IndexReading(streams, offsets[0], sum(s.pages for s in streams), found)


def _index_line(line: str, number: int, index: Path) -> tuple[int, int | None, str]:
    offset, _, rest = line.rstrip("\n").partition(":")
    page_id, _, title = rest.partition(":")
    if not offset.isdigit() or not title:
        raise InputError(f"{index}: line {number} is not `offset:page_id:title`: {line[:80]!r}")
    return int(offset), int(page_id) if page_id.isdigit() else None, title


def read_header(dump: Path, header_end: int) -> SiteInfo:
    """The `<siteinfo>` of a multistream dump (its first stream)."""
    with dump.open("rb") as handle:
        data = handle.read(min(header_end, MAX_STREAM_BYTES))
    try:
        head = b"".join(_decompressed(data))
    except (OSError, EOFError, ValueError):
        return SiteInfo()
    return read_siteinfo(head)


def read_streams(dump: Path, streams: Sequence[Stream]) -> Iterator[DumpPage | Problem]:
    """The pages of `streams`, read from their byte ranges one stream at a time."""
    with dump.open("rb") as handle:
        for stream in streams:
            handle.seek(stream.offset)
            yield from stream_pages(handle.read(stream.end - stream.offset), stream)


def stream_pages(data: bytes, stream: Stream) -> Iterator[DumpPage | Problem]:
    """The pages of one stream's bytes; one `Problem` instead if it does not decompress whole.

    The byte range may also hold the dump's last, page-less stream (`</mediawiki>`).
    """
    chunks: list[bytes] = []
    kept = b""
    size = 0
    try:
        for piece in _decompressed(data):
            size += len(piece)
            if size > MAX_STREAM_BYTES:
                yield Problem(
                    ProblemKind.CORRUPT_STREAM,
                    f"{stream.describe()} decompresses to more than "
                    f"{MAX_STREAM_BYTES >> 20} MB; skipped",
                    offset=stream.offset,
                )
                return
            found, kept = split_pages(kept + piece)
            chunks.extend(found)
    except EOFError:
        yield Problem(
            ProblemKind.TRUNCATED_STREAM,
            f"{stream.describe()} ends before its end of stream; its pages are lost",
            offset=stream.offset,
        )
        return
    except (OSError, ValueError) as error:
        yield Problem(
            ProblemKind.CORRUPT_STREAM,
            f"{stream.describe()} does not decompress ({error}); its pages are lost",
            offset=stream.offset,
        )
        return
    yield from pages_of(chunks, stream.offset)


def _decompressed(data: bytes) -> Iterator[bytes]:
    """The decompressed bytes of one or more whole bz2 streams, in pieces.

    Raises `EOFError` when the last stream stops short and `OSError` when one is damaged.
    """
    while data:
        decompressor = bz2.BZ2Decompressor()
        yield decompressor.decompress(data, max_length=PIECE_BYTES)
        while not decompressor.eof and not decompressor.needs_input:
            yield decompressor.decompress(b"", max_length=PIECE_BYTES)
        if not decompressor.eof:
            raise EOFError("the stream stops short")
        data = decompressor.unused_data


# --- plain dumps -----------------------------------------------------------------------------


def read_plain(dump: Path) -> Iterator[SiteInfo | DumpPage | Problem]:
    """The `SiteInfo` and then every page of a dump read front to back.

    A damaged or cut file ends the reading with one `Problem` saying where; the pages before it
    are given. (In a compressed file, there is no way to find the next page after damage.)
    """
    handle = _open_plain(dump)
    position = 0
    try:
        with handle:
            head = b""
            while PAGE_OPEN not in head and len(head) < MAX_PAGE_BYTES:
                piece = handle.read1(PIECE_BYTES)
                if not piece:
                    break
                position += len(piece)
                head += piece
            yield read_siteinfo(head)
            kept, piece = b"", head
            while piece:
                found, kept = split_pages(kept + piece)
                yield from pages_of(found)
                if len(kept) > MAX_PAGE_BYTES:
                    yield Problem(
                        ProblemKind.MALFORMED_XML,
                        f"a page longer than {MAX_PAGE_BYTES >> 20} MB before decompressed byte "
                        f"{position}; skipped",
                    )
                    kept = b""
                piece = handle.read1(PIECE_BYTES)
                position += len(piece)
    except EOFError:
        yield Problem(
            ProblemKind.TRUNCATED_STREAM,
            f"the dump ends early, after {position} decompressed bytes: the pages after "
            "that point are lost",
        )
    except (OSError, ValueError) as error:
        yield Problem(
            ProblemKind.CORRUPT_STREAM,
            f"the dump does not decompress past {position} decompressed bytes ({error}); "
            "reading stopped there",
        )


def _open_plain(dump: Path) -> io.BufferedIOBase:
    """The dump's decompressed bytes (read with `read1`, which hands over what it has rather
    than failing a whole piece when the damage comes after some good bytes)."""
    with dump.open("rb") as probe:
        magic = probe.read(6)
    if magic.startswith(BZ2_MAGIC):
        return bz2.open(dump, "rb")
    if magic.startswith(GZIP_MAGIC):
        return gzip.open(dump, "rb")
    if magic.startswith(SEVEN_ZIP_MAGIC):
        raise InputError(
            f"{dump}: a 7z archive; decompress it first, or use the pages-articles .xml.bz2 dump"
        )
    return dump.open("rb")


def _is_bz2(path: Path) -> bool:
    with path.open("rb") as probe:
        return probe.read(3) == BZ2_MAGIC


def batches(items: Iterable[DumpPage | Problem], size: int) -> Iterator[list[DumpPage | Problem]]:
    """`items` in lists of `size` pages (problems ride along with the pages around them)."""
    batch: list[DumpPage | Problem] = []
    pages = 0
    for item in items:
        batch.append(item)
        if isinstance(item, DumpPage):
            pages += 1
            if pages == size:
                yield batch
                batch, pages = [], 0
    if batch:
        yield batch
