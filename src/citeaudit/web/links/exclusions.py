"""Links a run must not fetch (`--exclude`, the config file's `exclude`): hosts and patterns.

A pattern without `/` or a wildcard (`example.org`) is a host: it and its subdomains. One with
a wildcard but no `/` (`*.example.org`) is matched against the host, and one with a `/`
(`https://example.org/private/*`) against the whole URL, as shell patterns, letter case
aside. An excluded link is `skipped`, with the pattern that excluded it as the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from urllib.parse import urlsplit

from citeaudit.model import LinkResult, LinkVerdict
from citeaudit.web.links.targets import LinkTarget

_WILDCARDS = frozenset("*?[")


@dataclass(frozen=True)
class Exclusions:
    """The patterns of `--exclude`."""

    patterns: tuple[str, ...] = ()

    def excluding(self, url: str) -> str | None:
        """The first pattern that excludes `url`, or None."""
        if not self.patterns:
            return None
        try:
            host = (urlsplit(url.strip()).hostname or "").lower()
        except ValueError:
            host = ""
        lowered = url.strip().lower()
        for pattern in self.patterns:
            wanted = pattern.lower()
            if "/" in wanted:
                matched = fnmatchcase(lowered, wanted)
            elif _WILDCARDS & set(wanted):
                matched = fnmatchcase(host, wanted)
            else:
                matched = host == wanted or host.endswith(f".{wanted}")
            if matched:
                return pattern
        return None

    def skipped(self, target: LinkTarget) -> LinkResult | None:
        """The `skipped` result of a target these patterns exclude, or None."""
        pattern = self.excluding(target.url)
        if pattern is None:
            return None
        return LinkResult(
            url=target.url,
            verdict=LinkVerdict.SKIPPED,
            reason=f"excluded (--exclude {pattern})",
            reference_ids=target.reference_ids,
        )
