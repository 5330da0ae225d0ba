"""A one-line progress bar for link checking, drawn on stderr only when a person is watching."""

from __future__ import annotations

import os
from typing import TextIO


class ProgressBar:
    """A one-line progress bar on a terminal; `for_stream` gives None where there is no terminal."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.drawn = False

    @classmethod
    def for_stream(cls, stream: TextIO) -> ProgressBar | None:
        if os.environ.get("CI") or not stream.isatty():
            return None
        return cls(stream)

    def __call__(self, done: int, total: int) -> None:
        filled = self.width * done // total if total else self.width
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\rchecking links [{bar}] {done}/{total}")
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\n")
