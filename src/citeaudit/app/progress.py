"""A one-line progress bar (links checked, partitions scanned), drawn on stderr only when a
person is watching."""

from __future__ import annotations

import os
from typing import TextIO

LINKS_LABEL = "checking links"


class ProgressBar:
    """A one-line progress bar on a terminal; `for_stream` gives None where there is no terminal."""

    def __init__(self, stream: TextIO, width: int = 30, label: str = LINKS_LABEL) -> None:
        self.stream = stream
        self.width = width
        self.label = label
        self.drawn = False

    @classmethod
    def for_stream(cls, stream: TextIO, label: str = LINKS_LABEL) -> ProgressBar | None:
        if os.environ.get("CI") or not stream.isatty():
            return None
        return cls(stream, label=label)

    def __call__(self, done: int, total: int | None) -> None:
        """Draw `done` of `total` (None: not known yet, so a count without a bar)."""
        if total is None:
            self.stream.write(f"\r{self.label}: {done} done")
            self.stream.flush()
            self.drawn = True
            return
        filled = self.width * done // total if total else self.width
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total}")
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\n")


class StagedProgress:
    """Progress through stages, one bar each: `(label, done, total)` starts a new bar whenever
    the label changes."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bar: ProgressBar | None = None

    @classmethod
    def for_stream(cls, stream: TextIO) -> StagedProgress | None:
        return cls(stream) if ProgressBar.for_stream(stream) is not None else None

    def __call__(self, label: str, done: int, total: int | None) -> None:
        if self.bar is None or self.bar.label != label:
            self.finish()
            self.bar = ProgressBar(self.stream, label=label)
        self.bar(done, total)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.finish()
            self.bar = None
