"""Reporters turn a `Report` into text; `REPORTERS` maps a format id to its reporter."""

from __future__ import annotations

from citeaudit.reporters.base import Reporter
from citeaudit.reporters.json import JSONReporter
from citeaudit.reporters.markdown import MarkdownReporter

REPORTERS: dict[str, type[Reporter]] = {
    reporter.format_id: reporter for reporter in (MarkdownReporter, JSONReporter)
}
