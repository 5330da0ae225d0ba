"""The cited URL and archive URL of a reference entry whose rendering kept its links.

A converter that keeps links (Markdown, `lynx`, `w3m`) leaves a link mark before each link's
text. Citation Style 1 links the title to `url` and "Archived" to `archive-url` (a live
source), or the title to `archive-url` and "the original" to `url` (a dead one); identifiers
(`doi:10.1145/...`, `S2CID 6630704`) and wiki links are not the cited page. The same reading
as the HTML parser's (`parse.html.references`), from the words that follow each mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from citeaudit.parse.text.layout import MARK_CHARACTERS

_MARK = re.compile("\x01([^\x01\x02\n]{0,2000})\x02")
_IDENTIFIER_LABEL = re.compile(
    r"(?:doi|hdl|arXiv|bibcode|PMID|PMC|S2CID|OCLC|ISBN|ISSN|JSTOR|LCCN|OSTI|SSRN|Zbl|MR|"
    r"CiteSeerX|OL|eISSN|EISSN|ERIC|JFM|RFC|SBN|ZDB|ASIN|BNF|DNB|ISMN|ISNI|VIAF|medRxiv|bioRxiv)"
    r"\s?:?\s*$"
)
_WIKI_HOSTS = re.compile(
    r"(?:^|\.)(?:wikipedia|wikimedia|wikidata|mediawiki|wiktionary|wikisource|"
    r"wikibooks|wikiquote|wikinews|wikiversity|wikivoyage)\.org$"
)


@dataclass(frozen=True)
class CitedLinks:
    url: str | None = None
    archive_url: str | None = None
    url_status: str | None = None


def cited_links(marked: str, title: str | None) -> CitedLinks:
    """`url`, `archive_url` and `url_status` from an entry's marked links, as CS1 prints them."""
    links = _external_links(marked)
    if not links:
        return CitedLinks()
    archived = next((url for url, after in links if after.startswith("Archived")), None)
    original = next((url for url, after in links if after.startswith("the original")), None)
    wanted = (title or "").strip("\"'“”‘’ ").lower()
    title_link = next(
        (
            url
            for url, after in links
            if url not in (archived, original)
            and wanted
            and after.lstrip("\"'“‘ ").lower().startswith(wanted[:40])
        ),
        None,
    )
    if archived is not None:
        return CitedLinks(title_link, archived, "live")
    if original is not None:
        return CitedLinks(original, title_link, "dead")
    if title_link is not None:
        return CitedLinks(title_link)
    return CitedLinks(links[0][0]) if not wanted else CitedLinks()


def _external_links(marked: str) -> list[tuple[str, str]]:
    """(target, the words after it) of each external link that is not an identifier's."""
    links = []
    for match in _MARK.finditer(marked):
        url = match.group(1).strip()
        before = MARK_CHARACTERS.sub(
            "", _MARK.sub("", marked[max(0, match.start() - 40) : match.start()])
        )
        # A dump that wrapped between a link's number and its text leaves a space after the mark.
        after = _MARK.sub("", marked[match.end() : match.end() + 300]).lstrip()
        if not url.lower().startswith(("http://", "https://", "//")):
            continue
        host = (
            urlsplit(url if not url.startswith("//") else "https:" + url).hostname or ""
        ).lower()
        if _WIKI_HOSTS.search(host) or _IDENTIFIER_LABEL.search(before):
            continue
        links.append((url if not url.startswith("//") else "https:" + url, after))
    return links
