"""Reporters turn a `Report` into text; `REPORTERS` maps a format id to its reporter."""

from __future__ import annotations

from pathlib import PurePath

from citeaudit.reporters.base import Reporter
from citeaudit.reporters.json import JSONReporter
from citeaudit.reporters.markdown import MarkdownReporter

REPORTERS: dict[str, type[Reporter]] = {
    reporter.format_id: reporter for reporter in (MarkdownReporter, JSONReporter)
}

DEFAULT_FORMAT = "markdown"
"""The format of a report written to stdout, to a directory, or to a file whose extension
names no format."""


def format_of_path(path: PurePath) -> str | None:
    """The format an output file's extension asks for (`r.json` -> `json`), or None."""
    suffix = path.suffix.lower()
    for format_id, reporter in REPORTERS.items():
        if suffix and suffix in (reporter.extension, *reporter.other_extensions):
            return format_id
    return None
