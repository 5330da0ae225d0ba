"""The main text of an HTML page without navigation, ads and boilerplate; its title, date, language.

Metadata is read by us, from the whole page: titles (og:title, twitter:title, the JSON-LD
headline, the first `<h1>`, `<title>`), the publication date (`article:published_time` and its
kin, `datePublished` in JSON-LD or microdata, `<time datetime>`, Dublin Core, Highwire
`citation_*`), the site's name (og:site_name, the JSON-LD publisher), the authors (JSON-LD
`author`, `<meta name="author">`, Highwire `citation_author`, Dublin Core `creator`) and the
declared language (`<html lang>`, `og:locale`, `Content-Language`).

The main text comes from trafilatura. Measured on 133 real pages with phrases their main text
must and must not contain (`tests/benchmarks/test_bench_extract.py`), it finds 0.96 of the
phrases that belong against 0.87 for the extractor we had (which returned nothing at all on 7
pages: a class name such as `modal` or `paywall` on a page's wrapper deleted the article), keeps
out as much boilerplate, and is three times faster. readability-lxml found 0.86.

We read the page's own statements of its date and do not guess one from the URL or the text
(which trafilatura's `htmldate` does well): a guessed date is not worth a "different date" finding.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import trafilatura
from lxml.etree import ParserError, XPath
from lxml.html import HtmlElement, HTMLParser, fromstring

from citeaudit.model import SourceText
from citeaudit.support.dates import parse_date
from citeaudit.support.language import normalise_language
from citeaudit.support.source import ExtractLimits

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
_PAYWALL_TEXT = re.compile(
    r"subscribe to (continue|read)|to continue reading|for subscribers only|subscribers? only|"
    r"already a subscriber|this (article|content) is (only )?(available|reserved) (to|for) "
    r"subscribers|create a free account to (continue|read)|log in to (continue|read)",
    re.IGNORECASE,
)
_PAYWALL_TEASER_CHARS = 1500


def extract_html(markup: str, limits: ExtractLimits) -> SourceText:
    """Read one HTML page (decoded): metadata from the whole page, text from its main content."""
    tree = _parse(markup)
    if tree is None:
        return SourceText(kind="html", problem="the page has no HTML to read")
    linked_data = list(_json_ld_objects(tree))
    metas = _meta_tags(tree)
    titles = _titles(tree, metas, linked_data)
    published = _published(tree, metas, linked_data)
    language = _declared_language(tree, metas, linked_data)
    site_name, authors = _site_name(metas, linked_data), _authors(metas, linked_data, tree)
    visible = _visible_blocks(tree)
    text = _main_text(tree)  # last: trafilatura prunes the tree it reads
    problem = None
    if len(text) < _PAYWALL_TEASER_CHARS and _PAYWALL_TEXT.search(text):
        problem = "paywalled: only a teaser of the page is readable"
    return SourceText(
        text=text[: limits.max_chars],
        title=titles[0] if titles else None,
        titles=tuple(titles),
        published=published,
        site_name=site_name,
        authors=authors,
        language=language,
        language_declared=language is not None,
        kind="html",
        truncated=len(text) > limits.max_chars,
        problem=problem,
        elsewhere=_outside(visible, text)[: limits.max_elsewhere_chars],
    )


def _parse(markup: str) -> HtmlElement | None:
    """One lxml tree for both readers of the page (None when there is nothing to parse)."""
    # Bytes with the encoding said, so that a page's own `<?xml encoding=...?>` cannot clash.
    parser = HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        tree = fromstring(markup.encode("utf-8", errors="replace"), parser=parser)
    except (ParserError, ValueError):
        return None
    if not isinstance(tree, HtmlElement):
        return None
    root = tree.getroottree().getroot()
    _separate_run_together(root)
    return root


_INLINE = frozenset(
    "a abbr b bdi cite code data dfn em i label mark q s small span strong time u var".split()
)
_WORD_END = re.compile(r"[^\W\d_]{2}$")


def _separate_run_together(root: HtmlElement) -> None:
    """A space between two inline elements whose words would run together: a name and its
    role laid out as two lines by the site's style sheet ("<span>Anna Rass</span><span>Head of
    Finance</span>", an author box, a team list) would read "Anna RassHead", a name no claim
    can find. Only a word of two letters or more before a capital: a drop capital
    ("<span>T</span>he") and a word split for styling ("un<em>likely</em>") stay whole. A line
    break is a space too."""
    for element in root.iter(*_INLINE):
        following = element.getnext()
        if element.tail or following is None or following.tag not in _INLINE:
            continue
        if following.text_content()[:1].isupper() and _WORD_END.search(element.text_content()):
            element.tail = " "
    for line_break in root.iter("br"):
        # "Brooklyn.<br><br>For the first time": two lines, not one word "Brooklyn.For".
        if line_break.tail and not line_break.tail[:1].isspace():
            line_break.tail = " " + line_break.tail


_VISIBLE_TEXT = XPath(
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
    " or ancestor::template or ancestor::svg)]"
)
_BLOCKS = frozenset(
    """p div li ul ol dd dt td th tr table h1 h2 h3 h4 h5 h6 section article aside header
    footer nav main blockquote figure figcaption pre address form body""".split()
)


def _visible_blocks(tree: HtmlElement) -> list[str]:
    """The page's visible text, a line per block element (a paragraph, a list item, a caption),
    read before the main-text reader prunes the tree. A block that is mostly link text is left
    out: menus and lists of other stories are headlines of other pages, not statements of
    this one."""
    blocks: list[tuple[str, int]] = []
    current: object = None
    for node in _VISIBLE_TEXT(tree):
        # A tail ("..., a platform for" after a link) belongs to its element's parent.
        block, linked = node.getparent(), False
        if node.is_tail and block is not None:
            block = block.getparent()
        while block is not None and block.tag not in _BLOCKS:
            linked = linked or block.tag == "a"
            block = block.getparent()
        if block is not current:
            blocks.append(("", 0))
            current = block
        text, link_chars = blocks[-1]
        blocks[-1] = (text + str(node), link_chars + (len(node.strip()) if linked else 0))
    return [
        squashed
        for text, link_chars in blocks
        if (squashed := _squash(text)) and 2 * link_chars < len(squashed)
    ]


_OUTSIDE_WORDS = 4


def _outside(blocks: list[str], main_text: str) -> str:
    """The blocks of the page, of a few words at least, that its main text does not hold."""
    kept = set(main_text.split("\n"))
    return "\n".join(
        dict.fromkeys(
            block
            for block in blocks
            if len(block.split()) >= _OUTSIDE_WORDS and block not in kept and block not in main_text
        )
    )


def _main_text(tree: HtmlElement) -> str:
    """The page's main text, a line per paragraph (trafilatura; comments left out)."""
    text = trafilatura.extract(
        tree, include_comments=False, include_tables=True, with_metadata=False
    )
    lines = (_squash(line) for line in (text or "").split("\n"))
    return "\n".join(line for line in lines if line)


def _json_ld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text_content(), strict=False)
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


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """Every `<meta>` with content, by its lower-cased property, name, itemprop or http-equiv."""
    metas: dict[str, str] = {}
    for tag in tree.iter("meta"):
        content = (tag.get("content") or "").strip()
        if not content:
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = tag.get(attribute)
            if key is not None:
                metas.setdefault(key.strip().lower(), content)
    return metas


def _titles(
    tree: HtmlElement, metas: dict[str, str], linked_data: list[dict[str, Any]]
) -> list[str]:
    found = [metas.get(name) for name in _TITLE_META]
    found += [item.get("headline") for item in linked_data if isinstance(item.get("headline"), str)]
    found += [_first_text(tree, "h1"), _first_text(tree, "title")]
    titles: list[str] = []
    for title in found:
        cleaned = _squash(title or "")
        if cleaned and cleaned not in titles:
            titles.append(cleaned)
    return titles


def _first_text(tree: HtmlElement, tag: str) -> str | None:
    element = next(tree.iter(tag), None)
    return element.text_content() if element is not None else None


def _published(
    tree: HtmlElement, metas: dict[str, str], linked_data: list[dict[str, Any]]
) -> str | None:
    candidates: list[Any] = [metas.get(name) for name in _PUBLISHED_META]
    candidates += [item.get("datePublished") for item in linked_data]
    for tag in tree.iter():
        if isinstance(tag.tag, str) and tag.get("itemprop") == "datePublished":
            candidates.append(tag.get("content") or tag.get("datetime") or tag.text_content())
    times = [tag for tag in tree.iter("time") if tag.get("datetime") is not None]
    candidates += [tag.get("datetime") for tag in times if tag.get("pubdate") is not None]
    candidates += [tag.get("datetime") for tag in times]
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
    metas: dict[str, str], linked_data: list[dict[str, Any]], tree: HtmlElement
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
        for tag in tree.iter("meta"):
            name, content = tag.get("name"), tag.get("content")
            if name is not None and content and name.strip().lower() in _AUTHOR_META:
                found.append(content)
    names: list[str] = []
    for name in (_squash(n) for n in found):
        if name and not _NOT_A_NAME.search(name) and name not in names:
            names.append(name)
    return tuple(names)


def _declared_language(
    tree: HtmlElement, metas: dict[str, str], linked_data: list[dict[str, Any]]
) -> str | None:
    declared: list[Any] = [tree.get("lang"), tree.get("xml:lang")] if tree.tag == "html" else []
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


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
