"""The `Reporter` interface: a `Report` in, a string out. Reporters never write files."""

from __future__ import annotations

from abc import ABC, abstractmethod

from citeaudit.model import Report


class Reporter(ABC):
    format_id: str = ""
    extension: str = ""
    """The extension of the files it writes; an output file with it gets this format."""
    other_extensions: tuple[str, ...] = ()
    """Further extensions that ask for this format (`.markdown`)."""

    @abstractmethod
    def render(self, report: Report) -> str:
        """The whole report as text."""
