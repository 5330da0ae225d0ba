"""Compare what a page says of itself (title, publication date) with what its citation says.

A different title at the cited URL means the article moved or the site changed hands
(a usurped domain now selling itself or showing ads); a different date means the citation or
the page is wrong. `compare_metadata` returns `MetadataIssue`s: what kind of disagreement, how
much it matters, and a message that says what to do (the checks `source-usurped`,
`source-title-mismatch` and `source-date-mismatch` turn them into findings).

A usurped domain is for sale or parked; a title mismatch means another article stands at the
URL; a date mismatch in another year is a warning, on another day of the same month a note.
"""

from __future__ import annotations

import difflib
import enum
import re
from dataclasses import dataclass

from citeaudit.model import Severity, SourceText
from citeaudit.support.dates import parse_date
from citeaudit.support.words import ENGLISH_STOPWORDS, fold

_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+")
_USURPED = re.compile(
    r"(this|the) domain (name )?(is|may be) for sale|buy this domain|domain (is )?for sale|"
    r"this domain has expired|domain (has )?expired|parked (free|domain)|domain parking|"
    r"hugedomains|sedo\.com|dan\.com|afternic|is available for purchase",
    re.IGNORECASE,
)
_MATCHING_TITLE = 0.6


class MetadataKind(enum.Enum):
    """What a page's own metadata says against its citation."""

    USURPED = "usurped"
    TITLE_MISMATCH = "title-mismatch"
    DATE_MISMATCH = "date-mismatch"


@dataclass(frozen=True)
class MetadataIssue:
    """One disagreement between a page and its citation."""

    kind: MetadataKind
    severity: Severity
    message: str
    fix: str


def compare_metadata(
    source: SourceText, cited_title: str | None = None, cited_date: str | None = None
) -> list[MetadataIssue]:
    """What the page's own title and date say against the citation's (nothing when they agree)."""
    issues: list[MetadataIssue] = []
    if is_usurped(source):
        issues.append(
            MetadataIssue(
                MetadataKind.USURPED,
                Severity.ERROR,
                f"The site now offers its domain for sale or parks it (page title: "
                f"{source.title or 'none'!r}).",
                "Replace the URL with an archived copy and mark the citation url-status=usurped.",
            )
        )
        return issues
    if cited_title and source.titles:
        similarity = title_similarity(cited_title, source.titles)
        if similarity < _MATCHING_TITLE:
            issues.append(
                MetadataIssue(
                    MetadataKind.TITLE_MISMATCH,
                    Severity.WARNING,
                    f"The page is now titled {source.title!r}, not {cited_title!r} "
                    f"(similarity {similarity:.2f}): the article moved or another page stands at "
                    "the URL.",
                    "Find its new address or an archived copy.",
                )
            )
    if cited_date and source.published and (issue := _date_issue(source.published, cited_date)):
        issues.append(issue)
    return issues


def is_usurped(source: SourceText) -> bool:
    """Whether the page is a domain-for-sale or parking page."""
    head = " ".join([*source.titles, source.text[:3000]])
    return bool(_USURPED.search(head))


def title_similarity(cited_title: str, page_titles: tuple[str, ...] | list[str]) -> float:
    """How alike the cited title is to the best of the page's titles, from 0 to 1.

    Site names joined to a title ("Title | Site", "Site - Title") are tried apart, and a cited
    title whose words all stand in a page title counts as the same.
    """
    cited = fold(cited_title)
    best = 0.0
    for title in page_titles:
        for candidate in {title, *_TITLE_SEPARATORS.split(title)}:
            folded = fold(candidate)
            if not folded or not cited:
                continue
            ratio = difflib.SequenceMatcher(None, cited, folded).ratio()
            cited_words = set(cited.split()) - ENGLISH_STOPWORDS
            page_words = set(folded.split())
            containment = len(cited_words & page_words) / len(cited_words) if cited_words else 0.0
            best = max(best, ratio, containment if len(cited_words) >= 2 else 0.0)
    return best


def _date_issue(published: str, cited_date: str) -> MetadataIssue | None:
    cited = parse_date(cited_date)
    if not cited:
        return None
    shared = min(len(cited), len(published))
    if cited[:4] != published[:4]:
        return MetadataIssue(
            MetadataKind.DATE_MISMATCH,
            Severity.WARNING,
            f"The page says it was published on {published}, the citation says {cited_date}.",
            "Check which is right (a different year often means a different article).",
        )
    if cited[:shared] != published[:shared]:
        return MetadataIssue(
            MetadataKind.DATE_MISMATCH,
            Severity.INFO,
            f"The page says it was published on {published}, the citation says {cited_date}.",
            "Check which is right and correct |date=.",
        )
    return None
