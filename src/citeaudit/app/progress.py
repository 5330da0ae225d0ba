"""A one-line progress display on stderr, drawn only when a person is watching.

Every phase that takes time has its count on the line: the links, the archive work that runs
beside them, and claim support after them; the phase under way has a bar.
"""

from __future__ import annotations

import os
import threading
import time
from typing import TextIO

from citeaudit.model.progress import Phase

REDRAW_SECONDS = 0.1
"""At most ten redraws a second: worker threads report far more often than a person reads."""


class ProgressBar:
    """A one-line progress display on a terminal; `for_stream` gives None where there is none.

    Called from several threads (as `ProgressCallback`), one call at a time.
    """

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.drawn = False
        self._counts: dict[Phase, tuple[int, int]] = {}
        self._lock = threading.Lock()
        self._last_draw = float("-inf")
        self._last_length = 0

    @classmethod
    def for_stream(cls, stream: TextIO) -> ProgressBar | None:
        if os.environ.get("CI") or not stream.isatty():
            return None
        return cls(stream)

    def __call__(self, phase: Phase, done: int, total: int) -> None:
        with self._lock:
            self._counts[phase] = (done, total)
            now = time.monotonic()
            if done < total and now - self._last_draw < REDRAW_SECONDS:
                return
            self._last_draw = now
            self._draw()

    def _draw(self) -> None:
        parts = []
        barred = False
        for phase in Phase:
            if phase not in self._counts:
                continue
            done, total = self._counts[phase]
            if not barred and done < total:
                filled = self.width * done // total
                bar = "#" * filled + "." * (self.width - filled)
                parts.append(f"{phase.value} [{bar}] {done}/{total}")
                barred = True
            else:
                parts.append(f"{phase.value} {done}/{total}")
        line = "checking " + " · ".join(parts)
        padding = " " * max(0, self._last_length - len(line))
        self.stream.write(f"\r{line}{padding}")
        self.stream.flush()
        self._last_length = len(line)
        self.drawn = True

    def finish(self) -> None:
        with self._lock:
            if self._counts:
                self._draw()
            if self.drawn:
                self.stream.write("\n")
