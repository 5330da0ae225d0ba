"""Capped decoding of `Content-Encoding`, chunk by chunk."""

from __future__ import annotations

import gzip
import zlib

import pytest

from citeaudit.web.fetchers.decoding import CappedDecoder, DecodingError


def feed_in_chunks(decoder: CappedDecoder, data: bytes, size: int = 7) -> bytes:
    for start in range(0, len(data), size):
        decoder.feed(data[start : start + size])
    return decoder.body


def test_gzip_fed_in_small_chunks() -> None:
    page = b"<title>Chunks</title>" * 50
    decoder = CappedDecoder("gzip", cap=10_000)
    assert feed_in_chunks(decoder, gzip.compress(page)) == page
    assert not decoder.truncated


def test_stacked_encodings_are_undone_in_reverse() -> None:
    page = b"twice packed " * 40
    decoder = CappedDecoder("deflate, gzip", cap=10_000)
    assert feed_in_chunks(decoder, gzip.compress(zlib.compress(page))) == page


def test_identity_and_unknown_encodings_keep_the_bytes() -> None:
    assert feed_in_chunks(CappedDecoder("identity", cap=100), b"plain") == b"plain"
    unknown = CappedDecoder("br", cap=100)
    assert not unknown.supported
    assert feed_in_chunks(unknown, b"\x1b\x02opaque") == b"\x1b\x02opaque"


def test_output_never_exceeds_the_cap() -> None:
    decoder = CappedDecoder("gzip", cap=1000)
    decoder.feed(gzip.compress(b"\0" * 1_000_000))
    decoder.feed(b"anything after the cap is ignored")
    assert len(decoder.body) == 1000 and decoder.truncated and decoder.full


def test_plain_bodies_are_cut_at_the_cap() -> None:
    decoder = CappedDecoder("", cap=10)
    decoder.feed(b"0123456789abcdef")
    assert decoder.body == b"0123456789" and decoder.truncated


def test_corrupt_data_raises_decoding_error() -> None:
    with pytest.raises(DecodingError, match="gzip"):
        CappedDecoder("gzip", cap=100).feed(b"definitely not gzip")
