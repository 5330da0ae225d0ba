"""How far an audit has got: each phase's work done and in all, as the audit reports it."""

from __future__ import annotations

import enum
from collections.abc import Callable


class Phase(enum.Enum):
    """The phases of an audit that take time, in the order they start."""

    LINKS = "links"
    """Checking the cited URLs."""
    ARCHIVE = "archive"
    """Looking up snapshots, and fetching the archive copies citations give (beside the links)."""
    SUPPORT = "claims"
    """Checking each cited sentence against the text of its pages."""


ProgressCallback = Callable[[Phase, int, int], None]
"""Called with (phase, done, in all) as the work of a phase goes; `in all` may grow (archive
work is queued as links are found gone)."""
