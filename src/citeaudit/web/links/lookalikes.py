"""Several cited pages of one host answering one and the same page: a soft-404 by template.

A site that removed a batch of articles often answers each of their addresses with one page
("this content is no longer available"), worded however it likes, with 200. No single answer
gives it away, but together they do: three or more cited addresses of one host, whose
citations name different documents, answering pages with one title and nearly the same text,
a title that names none of those documents. Nothing here reads the words.

The conditions keep real pages alive: citations of one article under several addresses name
the same document; articles of one site share its template, but not their titles or text.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass

from citeaudit.model import FetchResult, LinkResult, LinkVerdict
from citeaudit.web.links.classify import carries_cited_title
from citeaudit.web.links.page import Fingerprint, read_page, similarity
from citeaudit.web.links.signals import is_deep_link
from citeaudit.web.urls import host_of

MIN_PAGES = 3
SAME_BODY = 0.9
"""Estimated Jaccard similarity above which two answers are one page."""
SKETCH_SIZE = 128
"""Hashes kept per page for the comparison (the smallest of its fingerprint's: a bottom-k
sketch of a bottom-k sketch is one of the whole text)."""


@dataclass(frozen=True)
class PageSketch:
    """What is kept of an alive page to compare it with the host's other cited pages."""

    url: str
    host: str
    final_url: str
    title: str | None
    cited_title: str | None
    fingerprint: Fingerprint


def sketch_of(result: LinkResult, final: FetchResult, cited_title: str | None) -> PageSketch | None:
    """The sketch of an alive deep link's page, or None (other verdicts, not HTML)."""
    if result.verdict is not LinkVerdict.ALIVE or not is_deep_link(result.url):
        return None
    page = read_page(final)
    if not page.fingerprint:
        return None
    small = Fingerprint(
        frozenset(heapq.nsmallest(SKETCH_SIZE, page.fingerprint.sketch)), page.fingerprint.shingles
    )
    return PageSketch(result.url, host_of(final.url), final.url, page.title, cited_title, small)


def same_page_answers(sketches: Iterable[PageSketch]) -> dict[str, str]:
    """Cited URL -> reason, for the pages that are one page answered at several addresses."""
    by_host: dict[str, list[PageSketch]] = {}
    for sketch in sketches:
        by_host.setdefault(sketch.host, []).append(sketch)
    found: dict[str, str] = {}
    for pages in by_host.values():
        for group in _groups(pages):
            if _names_different_documents(group):
                reason = (
                    f"{len(group)} cited pages of this host, whose citations name different"
                    f" documents, answer with one and the same page ({group[0].title!r})"
                )
                found.update({sketch.url: reason for sketch in group})
    return found


def _groups(pages: list[PageSketch]) -> list[list[PageSketch]]:
    """Pages joined when they have one title and nearly the same text (union-find)."""
    parent = list(range(len(pages)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for first in range(len(pages)):
        for second in range(first + 1, len(pages)):
            a, b = pages[first], pages[second]
            if a.title == b.title and similarity(a.fingerprint, b.fingerprint) >= SAME_BODY:
                parent[root(first)] = root(second)
    groups: dict[int, list[PageSketch]] = {}
    for index, page in enumerate(pages):
        groups.setdefault(root(index), []).append(page)
    return [group for group in groups.values() if len({p.final_url for p in group}) >= MIN_PAGES]


def _names_different_documents(group: list[PageSketch]) -> bool:
    cited = {" ".join((p.cited_title or "").casefold().split()) for p in group} - {""}
    if len(cited) < 2:
        return False
    title = group[0].title
    return not any(carries_cited_title(title, p.cited_title) for p in group)
