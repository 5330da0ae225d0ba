"""One-line progress on stderr, drawn only when a person is watching: the phases of an audit
(links, the archive work beside them, claim support), a bar of partitions scanned.
"""

from __future__ import annotations

import os
import threading
import time
from typing import TextIO

from citeaudit.model.progress import Phase

REDRAW_SECONDS = 0.1
"""At most ten redraws a second: worker threads report far more often than a person reads."""

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


class AuditProgress:
    """Every phase of an audit on one line, the phase under way with a bar; `for_stream` gives
    None where there is no terminal. Called from several threads (as `ProgressCallback`).
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
    def for_stream(cls, stream: TextIO) -> AuditProgress | None:
        return cls(stream) if ProgressBar.for_stream(stream) is not None else None

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
