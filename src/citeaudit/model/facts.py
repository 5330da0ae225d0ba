"""`Facts`: everything an audit learnt from the web about one article, gathered before any check.

The audit fills it once (`citeaudit.audit.gather_facts`); every check then reads it, so that a
check never fetches and a finding about a link or a claim is made the same way as any other.
An audit that checks no links (a static audit, `--no-links`) has empty facts that say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from citeaudit.model.support import SourceText, SupportRecord
from citeaudit.model.web import ArchiveLookup, LinkResult


@dataclass(frozen=True)
class Facts:
    """What was fetched and read for one article.

    `links` holds one result per distinct cited URL, in URL order. `archive_lookups` are the
    snapshot look-ups made for links that may need an archived copy, by cited URL;
    `archive_urls` the checks of the archive URLs the citations give, by archive URL.
    `sources` are the texts read from alive pages, by URL; `support` the claim-support verdict
    of each cited sentence, in document order.
    """

    links: tuple[LinkResult, ...] = ()
    archive_lookups: Mapping[str, ArchiveLookup] = field(default_factory=dict)
    archive_urls: Mapping[str, LinkResult] = field(default_factory=dict)
    sources: Mapping[str, SourceText] = field(default_factory=dict)
    support: tuple[SupportRecord, ...] = ()
    links_checked: bool = False
    """False when no link was checked at all (`--no-links`, a static audit)."""
    support_checked: bool = False
    """False when claim support was not checked (`--no-support`, `--no-links`)."""
    archive_used: bool = False
    """True when archive work was on: snapshot look-ups and archive copies (not `--no-archive`)."""
    archive_problem: str | None = None
    """Why snapshots could not be looked up (or archive copies fetched) during the run."""
    network_problem: str | None = None
    """Why the checker's own network looked down: its failures were not taken as evidence."""
    incomplete: str | None = None
    """What was left unfinished, and why (Ctrl-C); None when everything was gathered."""

    def link(self, url: str) -> LinkResult | None:
        """The result for a cited URL as the link checker saw it, or None."""
        return self._links_by_url.get(url)

    @cached_property
    def _links_by_url(self) -> dict[str, LinkResult]:
        return {result.url: result for result in self.links}
