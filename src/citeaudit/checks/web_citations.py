"""What kind of source a reference points to, as the date rules need to know it.

CS1 asks for `|access-date=` on online sources whose content may change, and not on published
books and papers that have a stable identifier (Help:Citation Style 1, "access-date"). In the
rendered-text form URLs are lost, but CS1 shows "Retrieved ..." only when the citation has a URL
(an access-date without one is blanked with an error), so there an access-date marks a web
citation.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from citeaudit.model import Article, Reference, SourceForm

STABLE_KINDS = frozenset(
    {
        "cite book",
        "cite journal",
        "cite thesis",
        "cite conference",
        "cite encyclopedia",
        "cite encyclopaedia",
        "cite dictionary",
        "cite map",
        "cite patent",
        "cite arxiv",
        "cite biorxiv",
        "cite medrxiv",
        "cite ssrn",
        "cite citeseerx",
        "cite court",
        "cite act",
    }
)
"""Citation templates for published works that do not change once out."""

STABLE_IDENTIFIERS = frozenset(
    {
        "doi",
        "isbn",
        "pmid",
        "pmc",
        "jstor",
        "arxiv",
        "eprint",
        "hdl",
        "oclc",
        "bibcode",
        "osti",
        "ssrn",
        "s2cid",
        "lccn",
        "ol",
        "zbl",
        "mr",
    }
)


def is_citation(reference: Reference) -> bool:
    """A citation template or a `[url title]` link (not a short citation, a bare URL or prose)."""
    return (
        reference.kind == "link"
        or reference.kind == "citation"
        or reference.kind.startswith("cite")
    )


def has_stable_identifier(reference: Reference) -> bool:
    return any(key.lower() in STABLE_IDENTIFIERS for key in reference.identifiers)


def is_web_citation(article: Article, reference: Reference) -> bool:
    """A citation of an online page: it has a URL, or (rendered text) shows a retrieval date."""
    if reference.url:
        return True
    return article.source_form is SourceForm.TEXT and bool(reference.access_date)


def needs_access_date(reference: Reference) -> bool:
    """A citation with a URL to content that may change, which CS1 asks to date."""
    return (
        bool(reference.url)
        and is_citation(reference)
        and reference.kind not in STABLE_KINDS
        and not has_stable_identifier(reference)
    )


ARCHIVE_HOSTS = (
    "web.archive.org",
    "wayback.archive.org",
    "archive.org",
    "archive.today",
    "archive.ph",
    "archive.is",
    "archive.li",
    "archive.fo",
    "archive.md",
    "archive.vn",
    "webcitation.org",
    "ghostarchive.org",
    "archive-it.org",
    "perma.cc",
)
"""Web archives: a citation whose own URL is on one of these already points to a copy."""


def is_archive_url(url: str) -> bool:
    host = urlsplit(url.strip()).netloc.lower().split(":")[0]
    return any(host == archive or host.endswith("." + archive) for archive in ARCHIVE_HOSTS)


def has_archive(reference: Reference) -> bool:
    """An archived copy is given (in rendered text only its date survives), or cited directly."""
    return bool(
        reference.archive_url
        or reference.archive_date
        or (reference.url and is_archive_url(reference.url))
    )
