"""Reading dumps: every page once across partition boundaries, damage costing only what it hits."""

from __future__ import annotations

import bz2
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeaudit.errors import InputError
from citeaudit.scan.dumps import (
    dump_name,
    index_beside,
    normalise_title,
    read_header,
    read_index,
    read_plain,
    read_streams,
)
from citeaudit.scan.pages import DumpPage, Problem, ProblemKind, SiteInfo, split_pages
from citeaudit.scan.plan import cut

from .conftest import BuiltDump
from .dumpwriter import PageSpec, Site, page_xml, write_multistream, write_plain
from .testdump import PAGES_PER_STREAM, SCRAMBLED_STREAM, dump_pages


def small_pages(count: int) -> list[PageSpec]:
    return [
        PageSpec(f"Page {n}", n, f"Text of page {n} & <ref>{n}</ref>.") for n in range(1, count + 1)
    ]


def pages_and_problems(items: object) -> tuple[list[DumpPage], list[Problem]]:
    listed = list(items)  # type: ignore[call-overload]
    return (
        [item for item in listed if isinstance(item, DumpPage)],
        [item for item in listed if isinstance(item, Problem)],
    )


@settings(max_examples=25, deadline=None)
@given(
    pages=st.integers(min_value=1, max_value=60),
    per_stream=st.integers(min_value=1, max_value=13),
    per_partition=st.integers(min_value=1, max_value=40),
)
def test_a_partition_boundary_never_loses_or_repeats_a_page(
    pages: int, per_stream: int, per_partition: int
) -> None:
    specs = small_pages(pages)
    with tempfile.TemporaryDirectory() as directory:
        dump, index = write_multistream(Path(directory), specs, per_stream)
        streams = read_index(index, dump.stat().st_size).streams
        partitions = cut(streams, per_partition)
        read = [
            page
            for partition in partitions
            for page in pages_and_problems(read_streams(dump, partition))[0]
        ]
    assert [page.page_id for page in read] == [spec.page_id for spec in specs]
    assert [page.text for page in read] == [spec.text for spec in specs]
    assert all(len(partition) >= 1 for partition in partitions)
    assert [s for p in partitions for s in p] == streams


def test_the_index_gives_each_stream_its_byte_range_and_pages(test_dump: BuiltDump) -> None:
    reading = read_index(test_dump.index, test_dump.dump.stat().st_size)
    assert reading.pages == len(dump_pages())
    assert all(stream.pages == PAGES_PER_STREAM for stream in reading.streams[:-1])
    assert all(
        a.end == b.offset for a, b in zip(reading.streams, reading.streams[1:], strict=False)
    )
    assert reading.streams[-1].end == test_dump.dump.stat().st_size
    site = read_header(test_dump.dump, reading.header_end)
    assert site == SiteInfo(
        sitename="Testwiki",
        dbname="testwiki",
        base="https://testwiki.example/wiki/Main_Page",
        generator="MediaWiki 1.46.0-wmf.1",
        namespaces=dict(Site().namespaces),
    )
    assert site.host == "testwiki.example"


def test_a_corrupt_stream_is_one_problem_and_its_neighbours_are_read(test_dump: BuiltDump) -> None:
    streams = read_index(test_dump.index, test_dump.dump.stat().st_size).streams
    scrambled = streams[SCRAMBLED_STREAM]
    neighbours = streams[SCRAMBLED_STREAM - 1 : SCRAMBLED_STREAM + 2]
    pages, problems = pages_and_problems(read_streams(test_dump.dump, neighbours))
    [problem] = problems
    assert problem.kind is ProblemKind.CORRUPT_STREAM
    assert problem.offset == scrambled.offset
    assert f"page ids {scrambled.first_page_id}–{scrambled.last_page_id}" in problem.reason
    expected = [
        spec.page_id
        for n, spec in enumerate(dump_pages())
        if n // PAGES_PER_STREAM in (SCRAMBLED_STREAM - 1, SCRAMBLED_STREAM + 1)
        and spec.raw is None
    ]
    assert [page.page_id for page in pages] == expected


def test_a_cut_dump_loses_only_its_last_stream(tmp_path: Path) -> None:
    dump, index = write_multistream(tmp_path, small_pages(30), 10)
    data = dump.read_bytes()
    streams = read_index(index, len(data)).streams
    dump.write_bytes(data[: streams[-1].offset + 20])
    shorter = read_index(index, dump.stat().st_size).streams
    pages, problems = pages_and_problems(read_streams(dump, shorter))
    assert [page.page_id for page in pages] == list(range(1, 21))
    assert [problem.kind for problem in problems] == [ProblemKind.TRUNCATED_STREAM]
    assert problems[0].offset == streams[-1].offset


def test_broken_xml_costs_one_page_and_names_it(tmp_path: Path) -> None:
    specs = small_pages(5)
    broken = PageSpec(
        "Bad & worse", 3, None, raw=page_xml(specs[2]).replace(b"</title>", b"</titel>")
    )
    dump, index = write_multistream(tmp_path, [*specs[:2], broken, *specs[3:]], 5)
    pages, problems = pages_and_problems(
        read_streams(dump, read_index(index, dump.stat().st_size).streams)
    )
    assert [page.page_id for page in pages] == [1, 2, 4, 5]
    [problem] = problems
    assert (problem.kind, problem.page_id) == (ProblemKind.MALFORMED_XML, 3)


def test_hidden_and_missing_texts_and_redirects_are_read_as_such(tmp_path: Path) -> None:
    specs = [
        PageSpec("Hidden", 1, None, hidden=True),
        PageSpec("Missing", 2, None),
        PageSpec("Old name", 3, "#REDIRECT [[New name]]", redirect="New name"),
        PageSpec("Talk:Old name", 4, "Hi", namespace=1),
    ]
    dump, index = write_multistream(tmp_path, specs, 10)
    pages, problems = pages_and_problems(
        read_streams(dump, read_index(index, dump.stat().st_size).streams)
    )
    assert problems == []
    hidden, missing, redirect, talk = pages
    assert (hidden.text, hidden.text_hidden) == (None, True)
    assert (missing.text, missing.text_hidden) == (None, False)
    assert redirect.redirect == "New name"
    assert (talk.namespace, talk.title, talk.redirect) == (1, "Talk:Old name", None)


@pytest.mark.parametrize("suffix", [".xml", ".xml.bz2", ".xml.gz"])
def test_a_plain_dump_gives_the_same_pages_as_the_multistream_one(
    tmp_path: Path, suffix: str
) -> None:
    specs = small_pages(50)
    path = write_plain(tmp_path / f"plainwiki-20260101-pages-articles{suffix}", specs)
    items = list(read_plain(path))
    assert isinstance(items[0], SiteInfo) and items[0].dbname == "testwiki"
    pages, problems = pages_and_problems(items[1:])
    assert problems == []
    assert [(page.page_id, page.title, page.text) for page in pages] == [
        (spec.page_id, spec.title, spec.text) for spec in specs
    ]


def test_a_damaged_plain_dump_keeps_the_pages_before_the_damage(tmp_path: Path) -> None:
    # bz2 checks whole blocks of 900 kB: the pages must span several for some to come before
    # the cut.
    rng = random.Random(7)
    specs = [
        PageSpec(f"Page {n}", n, "".join(rng.choice("abcdefgh ") for _ in range(6000)))
        for n in range(1, 401)
    ]
    path = write_plain(tmp_path / "plainwiki-20260101-pages-articles.xml.bz2", specs)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    pages, problems = pages_and_problems(list(read_plain(path))[1:])
    assert [problem.kind for problem in problems] == [ProblemKind.TRUNCATED_STREAM]
    assert 0 < len(pages) < 400
    assert [page.page_id for page in pages] == list(range(1, len(pages) + 1))


@settings(max_examples=40, deadline=None)
@given(
    cuts=st.lists(st.integers(min_value=1, max_value=2000), max_size=12), seed=st.integers(0, 99)
)
def test_pages_split_the_same_whatever_pieces_the_bytes_come_in(cuts: list[int], seed: int) -> None:
    rng = random.Random(seed)
    specs = [PageSpec(f"P{n}", n, "x" * rng.randint(0, 300)) for n in range(1, 8)]
    data = b"<mediawiki><siteinfo/>" + b"".join(page_xml(spec) for spec in specs) + b"</mediawiki>"
    positions = sorted({min(c, len(data)) for c in cuts} | {0, len(data)})
    chunks: list[bytes] = []
    kept = b""
    for start, end in zip(positions, positions[1:], strict=False):
        found, kept = split_pages(kept + data[start:end])
        chunks += found
    assert chunks == [page_xml(spec).strip() for spec in specs]


def test_an_index_that_cannot_be_trusted_is_an_input_error(tmp_path: Path) -> None:
    dump, index = write_multistream(tmp_path, small_pages(20), 5)
    size = dump.stat().st_size
    lines = bz2.decompress(index.read_bytes()).decode().splitlines(keepends=True)
    index.write_bytes(bz2.compress("".join(reversed(lines)).encode()))
    with pytest.raises(InputError, match="offsets go backwards"):
        read_index(index, size)
    index.write_bytes(bz2.compress(b"not an index\n"))
    with pytest.raises(InputError, match="not `offset:page_id:title`"):
        read_index(index, size)
    index.write_bytes(bz2.compress("".join(lines).encode())[:-30])
    with pytest.raises(InputError, match="cannot be read"):
        read_index(index, size)
    index.write_bytes(bz2.compress("".join(lines).encode()))
    with pytest.raises(InputError, match="past the end"):
        read_index(index, 100)


def test_titles_pick_their_streams_from_the_index(tmp_path: Path) -> None:
    dump, index = write_multistream(tmp_path, small_pages(40), 10)
    reading = read_index(index, dump.stat().st_size, wanted={"Page 3", "Page 25", "Page 99"})
    assert [(s.first_page_id, s.last_page_id) for s in reading.streams] == [(1, 10), (21, 30)]
    assert reading.titles_in(reading.streams) == ("Page 3", "Page 25")


def test_names_of_dumps_and_their_indexes(tmp_path: Path) -> None:
    assert dump_name(Path("enwiki-20240601-pages-articles-multistream.xml.bz2")).dbname == "enwiki"
    assert str(dump_name(Path("enwiki-20240601-pages-articles.xml.bz2")).date) == "2024-06-01"
    assert dump_name(Path("mydump.xml")).dbname is None
    split = tmp_path / "enwiki-20240601-pages-articles-multistream1.xml-p1p41242.bz2"
    split_index = tmp_path / "enwiki-20240601-pages-articles-multistream-index1.txt-p1p41242.bz2"
    split.touch()
    assert index_beside(split) is None
    split_index.touch()
    assert index_beside(split) == split_index
    assert index_beside(tmp_path / "enwiki-20240601-pages-articles.xml.bz2") is None


def test_titles_are_normalised_as_the_dump_writes_them() -> None:
    assert normalise_title("  rust_(programming   language) ") == "Rust (programming language)"
    assert normalise_title("éclair") == "Éclair"
