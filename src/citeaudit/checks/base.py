"""The `Check` interface and the context every check reads (the as-of date, fetched facts)."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from citeaudit.model import Article, Finding, LinkResult


@dataclass(frozen=True)
class CheckContext:
    """What a check may know besides the article. Checks never read the clock themselves."""

    as_of: dt.date
    stale_after_years: int = 5
    lead_needs_citations: bool = False
    links: Mapping[str, LinkResult] = field(default_factory=dict)
    """Link results by URL, when links were checked."""


class Check(ABC):
    """One rule. `family` groups findings in the report (links, dates, support, integrity)."""

    family: str = ""

    @abstractmethod
    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        """Yield the findings of this rule on one article."""
