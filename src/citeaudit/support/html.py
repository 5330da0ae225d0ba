"""The main text of an HTML page without navigation, ads and boilerplate; its title, date, language.

Metadata is read first, from the whole page: titles (og:title, twitter:title, the JSON-LD
headline, the first `<h1>`, `<title>`), the publication date (`article:published_time` and its
kin, `datePublished` in JSON-LD or microdata, `<time datetime>`, Dublin Core, Highwire
`citation_*`), the site's name (og:site_name, the JSON-LD publisher), the authors (JSON-LD
`author`, `<meta name="author">`, Highwire `citation_author`, Dublin Core `creator`) and the
declared language (`<html lang>`, `og:locale`, `Content-Language`).

Then the boilerplate goes: elements that are never text (`script`, `style`, forms), page furniture
(`nav`, `header`, `footer`, `aside` and their ARIA roles), elements whose class or id names
furniture (cookie banners, share widgets, ads, newsletter boxes, related links), and link-dense
blocks. The main text is the page's `articleBody`, else its `<article>`, else `<main>`, else the
element under which most paragraph text stands.

We read the page's own statements of its date and do not guess one from the URL or the text
(which `htmldate` does well): a guessed date is not worth a "different date" finding.
"""

from __future__ import annotations

import importlib.util
import json
import re
import warnings
from collections.abc import Iterator
from typing import Any

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag, XMLParsedAsHTMLWarning
from bs4.element import CData, NavigableString, PageElement

from citeaudit.model import SourceText
from citeaudit.support.dates import parse_date
from citeaudit.support.language import normalise_language
from citeaudit.support.source import ExtractLimits

# lxml is faster and more forgiving; html.parser is the fallback that always exists.
_PARSER = "lxml" if importlib.util.find_spec("lxml") else "html.parser"

_NEVER_TEXT = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "canvas",
    "iframe",
    "object",
    "embed",
    "button",
    "select",
    "textarea",
    "input",
)
_FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "dialog", "menu"})
_FURNITURE_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert", "menu"}
)
_FURNITURE_WORDS = frozenset(
    """nav navbar navigation menu menubar breadcrumb breadcrumbs masthead footer sidebar toolbar
    cookie cookies consent gdpr banner share sharing social newsletter subscribe signup ad ads
    advert adverts advertisement advertising sponsor sponsored promo promotion related recommended
    recommendations comments comment popup modal overlay paywall outbrain taboola disqus skip
    pagination widget""".split()
)
_BLOCKS = (
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figcaption",
    "br",
    "hr",
    "address",
    "caption",
)
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "citation_publication_date",
    "citation_date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
)
_TITLE_META = ("og:title", "twitter:title", "citation_title", "dc.title")
_SITE_NAME_META = ("og:site_name", "application-name", "citation_journal_title")
_AUTHOR_META = ("citation_author", "author", "dc.creator", "dcterms.creator", "parsely-author")
_NOT_A_NAME = re.compile(r"^(https?:|www\.)|[@/<>{}]|^\W*$")
"""An author value that is a URL, an e-mail or a handle, not a name."""
_BOILERPLATE_LINE = re.compile(
    r"^(advertisement|advertisements|sponsored|share|share this( article| story)?|tweet|print|"
    r"email|e-mail|read more|skip to (main )?content|back to top|related( articles| stories)?|"
    r"subscribe|sign up|log in|menu|search)[.:!]?$",
    re.IGNORECASE,
)
_COOKIE_TEXT = re.compile(r"\b(cookies?)\b.*\b(accept|consent|agree|preferences)\b", re.I | re.S)
_PAYWALL_TEXT = re.compile(
    r"subscribe to (continue|read)|to continue reading|for subscribers only|subscribers? only|"
    r"already a subscriber|this (article|content) is (only )?(available|reserved) (to|for) "
    r"subscribers|create a free account to (continue|read)|log in to (continue|read)",
    re.IGNORECASE,
)
_PAYWALL_TEASER_CHARS = 1500


def extract_html(markup: str, limits: ExtractLimits) -> SourceText:
    """Read one HTML page (decoded): metadata from the whole page, text from its main content."""
    soup = _parse(markup)
    linked_data = list(_json_ld_objects(soup))
    metas = _meta_tags(soup)
    titles = _titles(soup, metas, linked_data)
    published = _published(soup, metas, linked_data)
    language = _declared_language(soup, metas, linked_data)
    _remove_boilerplate(soup)
    container = _main_container(soup)
    _remove_link_dense_blocks(container)
    text = _text_of(container)
    problem = None
    if len(text) < _PAYWALL_TEASER_CHARS and _PAYWALL_TEXT.search(text):
        problem = "paywalled: only a teaser of the page is readable"
    return SourceText(
        text=text[: limits.max_chars],
        title=titles[0] if titles else None,
        titles=tuple(titles),
        published=published,
        site_name=_site_name(metas, linked_data),
        authors=_authors(soup, metas, linked_data),
        language=language,
        language_declared=language is not None,
        kind="html",
        truncated=len(text) > limits.max_chars,
        problem=problem,
    )


def _parse(markup: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        # Fetched pages are whatever a site sends: a short body may look like a file name,
        # an XHTML page like XML. Neither is a reason to stop.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(markup, _PARSER)


def _json_ld_objects(soup: BeautifulSoup) -> Iterator[dict[str, Any]]:
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        try:
            data = json.loads(script.get_text(), strict=False)
        except ValueError:
            continue
        yield from _dicts(data)


def _dicts(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _dicts(item)
    elif isinstance(data, dict):
        yield data
        yield from _dicts(data.get("@graph", []))


def _meta_tags(soup: BeautifulSoup) -> dict[str, str]:
    """Every `<meta>` with content, by its lower-cased property, name, itemprop or http-equiv."""
    metas: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        content = tag.get("content")
        if not isinstance(content, str) or not content.strip():
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = tag.get(attribute)
            if isinstance(key, str):
                metas.setdefault(key.strip().lower(), content.strip())
    return metas


def _titles(
    soup: BeautifulSoup, metas: dict[str, str], linked_data: list[dict[str, Any]]
) -> list[str]:
    found = [metas.get(name) for name in _TITLE_META]
    found += [item.get("headline") for item in linked_data if isinstance(item.get("headline"), str)]
    heading = soup.find("h1")
    found.append(heading.get_text(" ", strip=True) if heading else None)
    found.append(soup.title.get_text(" ", strip=True) if soup.title else None)
    titles: list[str] = []
    for title in found:
        cleaned = _squash(title or "")
        if cleaned and cleaned not in titles:
            titles.append(cleaned)
    return titles


def _published(
    soup: BeautifulSoup, metas: dict[str, str], linked_data: list[dict[str, Any]]
) -> str | None:
    candidates: list[Any] = [metas.get(name) for name in _PUBLISHED_META]
    candidates += [item.get("datePublished") for item in linked_data]
    for tag in soup.find_all(None, {"itemprop": "datePublished"}):
        candidates.append(tag.get("content") or tag.get("datetime") or tag.get_text())
    times = soup.find_all("time", datetime=True)
    candidates += [tag["datetime"] for tag in times if tag.has_attr("pubdate")]
    candidates += [tag["datetime"] for tag in times]
    for candidate in candidates:
        if isinstance(candidate, str) and (date := parse_date(candidate)):
            return date
    return None


def _site_name(metas: dict[str, str], linked_data: list[dict[str, Any]]) -> str | None:
    candidates: list[Any] = [metas.get(name) for name in _SITE_NAME_META]
    for item in linked_data:
        for key in ("publisher", "isPartOf"):
            value = item.get(key)
            candidates.append(value.get("name") if isinstance(value, dict) else None)
        if str(item.get("@type", "")).lower() == "website":
            candidates.append(item.get("name"))
    return next((_squash(c) for c in candidates if isinstance(c, str) and c.strip()), None)


def _authors(
    soup: BeautifulSoup, metas: dict[str, str], linked_data: list[dict[str, Any]]
) -> tuple[str, ...]:
    """The people the page names as its authors: JSON-LD first, then meta tags, in order."""
    found: list[str] = []
    for item in linked_data:
        author = item.get("author")
        for person in author if isinstance(author, list) else [author]:
            name = person.get("name") if isinstance(person, dict) else person
            if isinstance(name, str):
                found.append(name)
        if found:
            break
    if not found:
        for tag in soup.find_all("meta", attrs={"name": True, "content": True}):
            if str(tag["name"]).strip().lower() in _AUTHOR_META:
                found.append(str(tag["content"]))
    names: list[str] = []
    for name in (_squash(n) for n in found):
        if name and not _NOT_A_NAME.search(name) and name not in names:
            names.append(name)
    return tuple(names)


def _declared_language(
    soup: BeautifulSoup, metas: dict[str, str], linked_data: list[dict[str, Any]]
) -> str | None:
    html = soup.find("html")
    declared = [html.get("lang"), html.get("xml:lang")] if isinstance(html, Tag) else []
    declared += [
        metas.get("og:locale"),
        metas.get("content-language"),
        metas.get("language"),
        metas.get("dc.language"),
    ]
    declared += [item.get("inLanguage") for item in linked_data]
    for code in declared:
        if isinstance(code, str) and (language := normalise_language(code)):
            return language
    return None


def _remove_boilerplate(soup: BeautifulSoup) -> None:
    for tag in soup.find_all(_NEVER_TEXT):
        if not tag.decomposed:
            tag.decompose()
    body_chars = len(soup.get_text(" ", strip=True)) or 1
    for tag in soup.find_all(_is_furniture):
        # A page template's names are not always honest ("main has-sidebar", an ASP.NET page
        # inside one <form>): an element holding most of the text is the content, whatever it is.
        if not tag.decomposed and len(tag.get_text(" ", strip=True)) < body_chars / 2:
            tag.decompose()


def _is_furniture(tag: Tag) -> bool:
    if tag.name in {"html", "body", "article", "main"}:
        return False
    if tag.name in _FURNITURE_TAGS:
        return True
    if tag.get("aria-hidden") == "true" or tag.has_attr("hidden"):
        return True
    if str(tag.get("role", "")).lower() in _FURNITURE_ROLES:
        return True
    style = str(tag.get("style", "")).replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    names = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")])
    words = set(re.split(r"[^a-z0-9]+", names.lower()))
    if words & _FURNITURE_WORDS:
        return True
    if tag.name not in {"div", "section", "p"}:
        return False
    text = tag.get_text(" ", strip=True)
    return len(text) < 600 and bool(_COOKIE_TEXT.search(text))


def _main_container(soup: BeautifulSoup) -> Tag:
    body = soup.body if isinstance(soup.body, Tag) else soup
    for selector in ('[itemprop="articleBody"]', "article", "main", '[role="main"]'):
        choices = [tag for tag in soup.select(selector) if _chars(tag) >= 200]
        if choices:
            return max(choices, key=_chars)
    scores: dict[int, float] = {}
    elements: dict[int, Tag] = {}
    for paragraph in body.find_all("p"):
        length = _chars(paragraph)
        if length < 25:
            continue
        for weight, ancestor in (
            (1.0, paragraph.parent),
            (0.5, paragraph.parent and paragraph.parent.parent),
        ):
            if isinstance(ancestor, Tag):
                scores[id(ancestor)] = scores.get(id(ancestor), 0.0) + weight * length
                elements[id(ancestor)] = ancestor
    if not scores:
        return body
    best = elements[max(scores, key=lambda key: scores[key])]
    # Text split into sibling sections (Parsoid's <section>s, a CMS's <div>s per heading) has
    # its best block in one section only: climb while the parent holds much more prose.
    while best is not body and isinstance(best.parent, Tag):
        if _prose_chars(best.parent) < 1.5 * _prose_chars(best):
            break
        best = best.parent
    return best


def _prose_chars(tag: Tag) -> int:
    return sum(length for p in tag.find_all("p") if (length := _chars(p)) >= 25)


def _remove_link_dense_blocks(container: Tag) -> None:
    for block in container.find_all(("div", "section", "ul", "ol", "table", "p", "li", "dl")):
        if block.decomposed:
            continue
        text_chars = _chars(block)
        link_chars = sum(_chars(link) for link in block.find_all("a"))
        if text_chars and link_chars >= 0.6 * text_chars:
            block.decompose()


def _text_of(container: Tag) -> str:
    """The container's text, a line per block (walked without recursion: pages nest deep)."""
    pieces: list[str] = []
    stack: list[tuple[Iterator[PageElement], bool]] = [(iter(container.children), False)]
    while stack:
        children, is_block = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            pieces.append("\n" if is_block else "")
        elif isinstance(child, Tag):
            block = child.name in _BLOCKS
            pieces.append("\n" if block else "")
            stack.append((iter(child.children), block))
        elif type(child) in (NavigableString, CData):
            # A newline in the page's source is a space: only blocks make lines.
            pieces.append(re.sub(r"\s+", " ", str(child)))
    lines = (_squash(line) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line and not _BOILERPLATE_LINE.match(line))


def _chars(tag: Tag) -> int:
    return len(tag.get_text(" ", strip=True))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
