"""The `Reporter` interface: a `Report` in, a string out. Reporters never write files."""

from __future__ import annotations

from abc import ABC, abstractmethod

from citeaudit.model import Report


class Reporter(ABC):
    format_id: str = ""
    extension: str = ""

    @abstractmethod
    def render(self, report: Report) -> str:
        """The whole report as text."""
