"""What citation and maintenance templates mean, independent of the form they were read from.

The wikitext parser reads template parameters from mwparserfromhell nodes and the HTML parser
from Parsoid's `data-mw`; both hand a plain `{name: value}` dict to `reference_fields`, so that
CS1's parameter aliases are known in one place. Sources: Module:Citation/CS1/Configuration
`aliases{}` and Module:Citation/CS1/Whitelist (see `reference/interfaces.md` §5.1).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_CITATION_TEMPLATE_NAMES = """
    cite web|cite news|cite journal|cite book|cite magazine|cite report|cite press release
    |cite conference|cite encyclopedia|cite av media|cite av media notes|cite thesis|cite tweet
    |cite podcast|cite episode|cite serial|cite map|cite speech|cite interview|cite mailing list
    |cite newsgroup|cite sign|cite techreport|cite arxiv|cite biorxiv|cite citeseerx|cite ssrn
    |cite medrxiv|cite document|cite letter|cite court|cite act|cite patent|cite dictionary
    |cite newspaper|cite website|cite paper|cite video|cite video game|cite q|cite|citation
    |vcite web|vcite news|vcite journal|vcite book|cite encyclopaedia|cite periodical
    """
CITATION_TEMPLATES = frozenset(
    " ".join(name.split()) for name in _CITATION_TEMPLATE_NAMES.split("|") if name.strip()
)

FOOTNOTE_TEMPLATES = {
    # template -> the <ref> group it renders into
    "efn": "lower-alpha",
    "efn-la": "lower-alpha",
    "efn-ua": "upper-alpha",
    "efn-lr": "lower-roman",
    "efn-ur": "upper-roman",
    "efn-lg": "lower-greek",
    "notetag": "lower-alpha",
    "refn": None,  # group= parameter, default the main list
}

MAINTENANCE_TEMPLATES = {
    "citation needed": "citation-needed",
    "cn": "citation-needed",
    "fact": "citation-needed",
    "citation-needed": "citation-needed",
    "cite needed": "citation-needed",
    "citeneeded": "citation-needed",
    "citation required": "citation-needed",
    "needs citation": "citation-needed",
    "source needed": "citation-needed",
    "ref needed": "citation-needed",
    "reference needed": "citation-needed",
    "unreferenced inline": "citation-needed",
    "cn-span": "citation-needed",
    "citation needed span": "citation-needed",
    "dead link": "dead-link",
    "deadlink": "dead-link",
    "dead": "dead-link",
    "dl": "dead-link",
    "404": "dead-link",
    "broken link": "dead-link",
    "permanent dead link": "dead-link",
    "permanently dead link": "dead-link",
    "pdl": "dead-link",
    "failed verification": "failed-verification",
    "fv": "failed-verification",
    "failed": "failed-verification",
    "not in source": "failed-verification",
    "not in citation given": "failed-verification",
    "verification failed": "failed-verification",
    "failed verification span": "failed-verification",
    "better source needed": "better-source-needed",
    "better source": "better-source-needed",
    "bsn": "better-source-needed",
    "betterref": "better-source-needed",
    "unreliable source?": "unreliable-source",
    "unreliable source": "unreliable-source",
    "verification needed": "verification-needed",
    "verify source": "verification-needed",
    "page needed": "page-needed",
    "pn": "page-needed",
    "full citation needed": "full-citation-needed",
    "full": "full-citation-needed",
    "self-published inline": "self-published-source",
    "primary source inline": "primary-source",
    "medical citation needed": "citation-needed",
    "dubious": "dubious",
}

BANNER_TEMPLATES = {
    # article- and section-level cleanup banners: they stand on their own line, not after a claim
    "more citations needed": "more-citations-needed",
    "refimprove": "more-citations-needed",
    "more sources": "more-citations-needed",
    "citations needed": "more-citations-needed",
    "more citations needed section": "more-citations-needed",
    "refimprove section": "more-citations-needed",
    "unreferenced": "unreferenced",
    "unsourced": "unreferenced",
    "no references": "unreferenced",
    "unreferenced section": "unreferenced",
    "blp sources": "blp-sources",
    "blp sources section": "blp-sources",
    "blp unsourced": "blp-unsourced",
    "blp unsourced section": "blp-unsourced",
    "primary sources": "primary-sources",
    "one source": "one-source",
    "cleanup bare urls": "bare-urls",
    "bare urls": "bare-urls",
    "link rot": "bare-urls",
    "citation style": "citation-style",
    "no footnotes": "no-footnotes",
    "more footnotes needed": "more-footnotes-needed",
    "more footnotes": "more-footnotes-needed",
    "self-published": "self-published-sources",
    "third-party": "third-party-sources-needed",
}

DATE_FORMAT_TEMPLATES = {
    "use dmy dates": "dmy",
    "use dmy": "dmy",
    "dmy": "dmy",
    "usedmy": "dmy",
    "usedmydates": "dmy",
    "use mdy dates": "mdy",
    "use mdy": "mdy",
    "mdy": "mdy",
    "usemdy": "mdy",
    "usemdydates": "mdy",
    "use ymd dates": "ymd",
}

# Parameter aliases, first match wins: the order is CS1's own preference.
TITLE_PARAMS = (
    "title",
    "script-title",
    "trans-title",
    "chapter",
    "contribution",
    "entry",
    "article",
)
PART_TITLE_PARAMS = ("chapter", "script-chapter", "contribution", "entry", "article", "section")
"""A part of the titled work: CS1 prints it in quotes, and the work's title in italics after it."""
URL_PARAMS = ("url", "URL", "chapter-url", "chapterurl", "contribution-url", "section-url")
WORK_PARAMS = (
    "work",
    "website",
    "journal",
    "newspaper",
    "magazine",
    "periodical",
    "encyclopedia",
    "encyclopaedia",
    "dictionary",
    "mailinglist",
    "mailing-list",
)
PUBLISHER_PARAMS = ("publisher", "distributor", "institution", "newsgroup")
DATE_PARAMS = ("date", "air-date", "airdate", "publication-date", "year")
ACCESS_DATE_PARAMS = ("access-date", "accessdate")
ARCHIVE_URL_PARAMS = ("archive-url", "archiveurl")
ARCHIVE_DATE_PARAMS = ("archive-date", "archivedate")
URL_STATUS_PARAMS = ("url-status",)
LEGACY_DEAD_URL_PARAMS = ("dead-url", "deadurl", "deadlink")
FORMAT_PARAMS = ("format",)
LANGUAGE_PARAMS = ("language", "lang")
# `eprint` is `{{cite arXiv}}`'s name for the arXiv identifier.
IDENTIFIER_PARAMS = (
    "doi",
    "isbn",
    "issn",
    "eissn",
    "pmid",
    "pmc",
    "oclc",
    "jstor",
    "arxiv",
    "eprint",
    "bibcode",
    "hdl",
    "s2cid",
    "lccn",
    "ol",
    "osti",
    "rfc",
    "ssrn",
    "zbl",
    "mr",
    "biorxiv",
    "citeseerx",
    "asin",
    "ismn",
    "sbn",
    "id",
)

_NUMBERED = re.compile(
    r"^(last|surname|author|author-last|authorlast|first|given|author-first)(\d*)$"
)


def normalize_template_name(name: str) -> str:
    """`Cite_Web ` -> `cite web`: what MediaWiki treats as the same page, for matching.

    MediaWiki only ignores the case of the first letter, but every citation template with
    other capitals (`Cite Web`, `Cite News`) is a redirect to the lower-case one.
    """
    name = name.replace("_", " ").strip()
    if ":" in name:
        prefix, _, rest = name.partition(":")
        if prefix.strip().lower() == "template":
            name = rest
    return " ".join(name.split()).lower()


def is_citation_template(name: str) -> bool:
    normal = normalize_template_name(name)
    return normal in CITATION_TEMPLATES or normal.startswith("cite ")


def first_param(params: Mapping[str, str], names: tuple[str, ...]) -> str | None:
    """The first non-empty value among `names` (CS1 reads aliases in this order)."""
    for name in names:
        value = params.get(name)
        if value is not None and value.strip():
            return value.strip()
    return None


def authors_from_params(params: Mapping[str, str]) -> list[str]:
    """Authors as `Last, First` in order: last/first pairs, `author#`, `authors`, `vauthors`."""
    numbered: dict[int, dict[str, str]] = {}
    for key, value in params.items():
        match = _NUMBERED.match(key.strip())
        if not match or not value.strip():
            continue
        role, number = match.groups()
        index = int(number) if number else 1
        slot = "first" if role in ("first", "given", "author-first") else "last"
        numbered.setdefault(index, {}).setdefault(slot, value.strip())
    authors = []
    for index in sorted(numbered):
        parts = numbered[index]
        last, first = parts.get("last"), parts.get("first")
        if last and first:
            authors.append(f"{last}, {first}")
        elif last:
            authors.append(last)
    if not authors:
        listed = first_param(params, ("authors", "vauthors", "people", "credits"))
        if listed:
            pieces = re.split(r"[;]|,(?=\s*\S+\s+\S)", listed)
            authors = [piece.strip() for piece in pieces if piece.strip()]
    return authors


def url_status_from_params(params: Mapping[str, str]) -> str | None:
    """`url-status`, or the deprecated `dead-url` read as evidence (`yes` = dead, `no` = live)."""
    status = first_param(params, URL_STATUS_PARAMS)
    if status:
        return status.lower()
    legacy = first_param(params, LEGACY_DEAD_URL_PARAMS)
    if legacy:
        legacy = legacy.lower()
        if legacy in ("yes", "y", "true", "dead"):
            return "dead"
        if legacy in ("no", "n", "false", "live"):
            return "live"
        return legacy
    return None


def reference_fields(params: Mapping[str, str]) -> dict[str, Any]:
    """The `Reference` fields a citation template's parameters give (values as plain text).

    A chapter (or entry, contribution) is the title, and the book it is in the work, as CS1
    prints them: `"The History of Rust". Applicative 2016.`, so all three forms agree.
    """
    part_title = first_param(params, PART_TITLE_PARAMS)
    whole_title = first_param(params, ("title", "script-title", "trans-title"))
    identifiers = {
        name: params[name].strip()
        for name in IDENTIFIER_PARAMS
        if params.get(name) is not None and params[name].strip()
    }
    return {
        "title": part_title or first_param(params, TITLE_PARAMS),
        "url": first_param(params, URL_PARAMS),
        "work": first_param(params, WORK_PARAMS) or (whole_title if part_title else None),
        "publisher": first_param(params, PUBLISHER_PARAMS),
        "authors": authors_from_params(params),
        "date": first_param(params, DATE_PARAMS),
        "access_date": first_param(params, ACCESS_DATE_PARAMS),
        "archive_url": first_param(params, ARCHIVE_URL_PARAMS),
        "archive_date": first_param(params, ARCHIVE_DATE_PARAMS),
        "url_status": url_status_from_params(params),
        "format": first_param(params, FORMAT_PARAMS),
        "language": first_param(params, LANGUAGE_PARAMS),
        "via": first_param(params, ("via",)),
        "identifiers": identifiers,
    }


def maintenance_kind(name: str) -> str | None:
    """The canonical kind of a maintenance template (`cn` -> `citation-needed`), or None."""
    return MAINTENANCE_TEMPLATES.get(normalize_template_name(name))


def banner_kind(name: str) -> str | None:
    """The kind of a cleanup banner (`refimprove` -> `more-citations-needed`)."""
    return BANNER_TEMPLATES.get(normalize_template_name(name))


def declared_date_format(name: str) -> str | None:
    """`dmy`/`mdy`/`ymd` for `{{Use dmy dates}}` and its redirects, else None."""
    return DATE_FORMAT_TEMPLATES.get(normalize_template_name(name))
