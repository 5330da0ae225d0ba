"""Undo `Content-Encoding` incrementally with a hard cap on the decoded size.

A body is read raw from the wire and fed here chunk by chunk; `zlib`'s `max_length` keeps any
single call from producing more than the room left, so a gzip bomb (10 MB that inflates to
10 GB) never allocates more than the cap. Only the encodings the fetcher asks for
(`Accept-Encoding: gzip, deflate`) are decoded; any other is kept as it came.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

_GZIP_WBITS = 16 + zlib.MAX_WBITS
_ZLIB_WBITS = zlib.MAX_WBITS
_RAW_DEFLATE_WBITS = -zlib.MAX_WBITS


class DecodingError(ValueError):
    """The body is not valid for its declared `Content-Encoding`."""


def _new_decompressor(encoding: str) -> zlib._Decompress | None:
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(_GZIP_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj(_ZLIB_WBITS)
    return None


@dataclass
class CappedDecoder:
    """Decodes one body, keeping at most `cap` decoded bytes; `truncated` turns True when cut.

    `encodings` is the `Content-Encoding` header split on commas, in the order applied by the
    server; they are undone in reverse. Servers that send raw deflate under `deflate` are
    handled by retrying the first chunk without the zlib header.
    """

    content_encoding: str
    cap: int
    truncated: bool = False
    supported: bool = True
    _stages: list[zlib._Decompress] = field(default_factory=list)
    _encodings: list[str] = field(default_factory=list)
    _output: bytearray = field(default_factory=bytearray)
    _started: bool = False

    def __post_init__(self) -> None:
        names = [name.strip().lower() for name in self.content_encoding.split(",") if name.strip()]
        names = [name for name in names if name != "identity"]
        stages = [_new_decompressor(name) for name in reversed(names)]
        if any(stage is None for stage in stages):
            self.supported = False
            return
        self._encodings = list(reversed(names))
        self._stages = [stage for stage in stages if stage is not None]

    @property
    def body(self) -> bytes:
        return bytes(self._output)

    @property
    def full(self) -> bool:
        return len(self._output) >= self.cap

    def feed(self, chunk: bytes) -> None:
        """Decode one raw chunk; once the cap is reached, further input is ignored."""
        if self.full:
            self.truncated = self.truncated or bool(chunk)
            return
        if not self._stages or not self.supported:
            self._append(chunk)
            return
        if not self._started:
            self._started = True
            self._retry_raw_deflate(chunk)
        data = chunk
        for stage in self._stages:
            data = self._run_stage(stage, data)
        self._append(data)

    def _retry_raw_deflate(self, first_chunk: bytes) -> None:
        if self._encodings and self._encodings[0] == "deflate":
            try:
                zlib.decompressobj(_ZLIB_WBITS).decompress(first_chunk, 1)
            except zlib.error:
                self._stages[0] = zlib.decompressobj(_RAW_DEFLATE_WBITS)

    def _run_stage(self, stage: zlib._Decompress, data: bytes) -> bytes:
        # Every stage, inner ones included, stops at the room left: nothing inflates past the cap.
        room = self.cap - len(self._output)
        try:
            output = stage.decompress(data, room)
        except zlib.error as error:
            raise DecodingError(f"body is not valid {self.content_encoding}: {error}") from error
        if stage.unconsumed_tail:
            self.truncated = True
        return output

    def _append(self, data: bytes) -> None:
        room = self.cap - len(self._output)
        if len(data) > room:
            self.truncated = True
            data = data[:room]
        self._output += data
