"""The JSON report, schema `citeaudit.report/2` (documented in docs/report-schema.md)."""

from __future__ import annotations

import json

from citeaudit.model import Report
from citeaudit.reporters.base import Reporter
from citeaudit.reporters.serialize import report_to_dict


class JSONReporter(Reporter):
    format_id = "json"
    extension = ".json"

    def render(self, report: Report) -> str:
        return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"
