"""Page-level facts of rendered Wikipedia HTML: where the article content is, and what the page
says about itself (title, revision, the date format its tracking categories declare).

A saved page view wraps the article in skin chrome; `content_root` finds the article inside it.
Parsoid HTML names the revision in `<html about>` and head metas; a saved page view in its
`RLCONF` settings script.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from citeaudit.model import DateFormat, Revision
from citeaudit.parse.html.inline import attr, squash

_USE_DATES_CATEGORY = re.compile(r"^Use (dmy|mdy|ymd) dates\b")
_RLCONF_REVISION = re.compile(r'"wgRevisionId":\s*(\d+)')
_RLCONF_PAGE = re.compile(r'"wgArticleId":\s*(\d+)')
_RLCONF_SERVER = re.compile(r'"wgServerName":\s*"([^"]+)"')
_MEDIAWIKI_MARKS = re.compile(
    r"mw-parser-output|mw-content-text|mw-references|typeof=[\"']mw:|data-mw[=\s]|cite_note-"
    r"|class=[\"'](?:[^\"']*\s)?reference(?:\s[^\"']*)?[\"']|\"wgRevisionId\""
    r"|<meta[^>]+content=[\"']MediaWiki",
    re.I,
)
"""What every page a MediaWiki wiki renders carries, legacy parser or Parsoid: its content
wrapper, Parsoid's `typeof="mw:..."`/`data-mw`, a citation marker or reference list, the
page's `RLCONF` settings or its generator meta."""


def is_mediawiki_html(text: str) -> bool:
    """Whether HTML is a page (or a fragment of one) rendered by MediaWiki, not a blog's page."""
    return _MEDIAWIKI_MARKS.search(text) is not None


def content_root(soup: BeautifulSoup, text: str) -> Tag:
    """The article content: `.mw-parser-output` inside `#mw-content-text`, else the first one."""
    holder: Tag = soup
    if "mw-content-text" in text:
        found = soup.find(id="mw-content-text")
        holder = found if isinstance(found, Tag) else soup
    if "mw-parser-output" in text:
        output = holder.find(class_="mw-parser-output")
        if isinstance(output, Tag):
            return output
    if holder is soup and isinstance(soup.body, Tag):
        return soup.body
    return holder


def page_metadata(soup: BeautifulSoup) -> tuple[str | None, Revision | None]:
    """Title and revision from `<head>`: Parsoid's metas and `about`, or a page's `<title>`."""
    head = soup.head
    if not isinstance(head, Tag):
        return None, None
    title = squash(head.title.get_text()) if isinstance(head.title, Tag) else None
    if title and title.endswith(" - Wikipedia"):
        title = title.removesuffix(" - Wikipedia")
    revision = Revision()
    for meta in head.find_all("meta", property=True):
        if attr(meta, "property") == "mw:pageId" and attr(meta, "content").isdigit():
            revision.page_id = int(attr(meta, "content"))
        elif attr(meta, "property") == "dc:modified":
            revision.timestamp = attr(meta, "content") or None
    html = soup.find("html")
    about = attr(html, "about") if isinstance(html, Tag) else ""
    match = re.search(r"//([^/]+)/wiki/Special:Redirect/revision/(\d+)$", about)
    if match:
        revision.site, revision.revision_id = match.group(1), int(match.group(2))
    return title, (revision if revision != Revision() else None)


def saved_page_revision(text: str) -> Revision | None:
    """A saved page view's revision, from the `RLCONF` settings script in its head."""
    head = text[:200_000]
    revision_id, page_id = _RLCONF_REVISION.search(head), _RLCONF_PAGE.search(head)
    if not (revision_id or page_id):
        return None
    site = _RLCONF_SERVER.search(head)
    return Revision(
        site=site.group(1) if site else None,
        page_id=int(page_id.group(1)) if page_id else None,
        revision_id=int(revision_id.group(1)) if revision_id else None,
    )


def date_format_from_categories(categories: list[str]) -> DateFormat | None:
    """`Use mdy dates from July 2022`: the tracking category a date-format template adds."""
    for category in categories:
        match = _USE_DATES_CATEGORY.match(category)
        if match:
            return DateFormat(match.group(1))
    return None
