"""Where articles come from: files (with a `revision.json` beside them) and wiki titles.

A SOURCE on the command line is an existing file, or else a page title (or a page URL
`https://SITE/wiki/TITLE`) fetched through the MediaWiki API. `citeaudit fetch` saves a page as
`article.wiki` with its `revision.json` (and attribution); reading that file back gives the
same title and revision as fetching it did.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from citeaudit.app.config import SourceConfig
from citeaudit.errors import InputError
from citeaudit.model import Article, Revision, SourceForm
from citeaudit.parse import parse_article, read_article_file
from citeaudit.web.fetchers.base import Fetcher
from citeaudit.web.mediawiki import MediaWikiClient, WikiPage

ARTICLE_FILE = "article.wiki"
REVISION_FILE = "revision.json"
ATTRIBUTION_FILE = "ATTRIBUTION.md"
FILE_SUFFIXES = (".wiki", ".wikitext", ".mediawiki", ".html", ".htm", ".txt", ".text")


@dataclass(frozen=True)
class LoadedArticle:
    """An article and the text it was parsed from (what `citeaudit fix` patches).

    The text has `\n` line ends and no byte-order mark; `newline` and `bom` say how the file
    wrote them, so that a patched article is written back the same way.
    """

    article: Article
    text: str
    newline: str = "\n"
    """`\r\n` when every line of the file ended so; `\n` otherwise."""
    bom: bool = False

    def as_written(self, text: str) -> str:
        """`text` (this article, patched) with the file's own line ends and byte-order mark."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return ("\ufeff" if self.bom else "") + text


def read_file_article(path: Path, input_format: SourceForm | None, title: str | None) -> Article:
    """Parse an article file; for an `article.wiki` saved by `citeaudit fetch`, the
    `revision.json` beside it gives its title and revision."""
    return read_file_source(path, input_format, title).article


def read_file_source(
    path: Path, input_format: SourceForm | None, title: str | None
) -> LoadedArticle:
    """`read_file_article`, with the text of the file."""
    text = read_article_file(path)
    saved_title, revision = None, None
    if path.name == ARTICLE_FILE:
        saved_title, revision = read_revision_file(path.parent / REVISION_FILE)
    article = parse_article(text, input_format, title=title or saved_title)
    if not article.title:
        article.title = title or path.stem.replace("_", " ")
    if revision is not None and article.revision is None:
        article.revision = revision
    head = path.read_bytes()
    lone_ends = head.count(b"\n") - head.count(b"\r\n") + head.count(b"\r") - head.count(b"\r\n")
    crlf = b"\r\n" in head and lone_ends == 0
    return LoadedArticle(article, text, "\r\n" if crlf else "\n", head.startswith(b"\xef\xbb\xbf"))


def read_revision_file(path: Path) -> tuple[str | None, Revision | None]:
    """The title and revision that `citeaudit fetch` saved, or (None, None) without the file."""
    if not path.is_file():
        return None, None
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{path}: not a readable revision file ({error})") from None
    if not isinstance(metadata, dict):
        raise InputError(f"{path}: not a revision file (expected a JSON object)")

    def field(name: str, kind: type) -> Any:
        value = metadata.get(name)
        if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
            raise InputError(f"{path}: `{name}` should be a {kind.__name__}, not {value!r}")
        return value

    revision = Revision(
        site=field("site", str),
        page_id=field("page_id", int),
        revision_id=field("revision_id", int),
        timestamp=field("timestamp", str),
    )
    return field("title", str), revision


def load_article(
    source: str,
    options: SourceConfig,
    fetcher: Fetcher,
    sleep: Callable[[float], None] = time.sleep,
) -> Article:
    """A file when SOURCE names one; otherwise a title (or a wiki URL) fetched from the wiki."""
    return load_source(source, options, fetcher, sleep).article


def load_source(
    source: str,
    options: SourceConfig,
    fetcher: Fetcher,
    sleep: Callable[[float], None] = time.sleep,
) -> LoadedArticle:
    """`load_article`, with the text the article was parsed from (a title gives its wikitext)."""
    path = Path(source)
    if path.exists():
        if options.revision is not None:
            raise InputError(f"--revision is for titles; {source} is a file")
        return read_file_source(path, options.input_format, options.title)
    if options.site is None and looks_like_a_path(source):
        raise InputError(f"{source}: no such file (to audit a page of this title, give --site)")
    page = fetch_page(source, options, fetcher, sleep)
    return LoadedArticle(article_from_page(page), page.wikitext)


def fetch_page(
    source: str,
    options: SourceConfig,
    fetcher: Fetcher,
    sleep: Callable[[float], None] = time.sleep,
) -> WikiPage:
    """The wikitext and revision of a title (or `https://SITE/wiki/TITLE`) from its wiki."""
    site, title = site_and_title(source, options.wiki)
    client = MediaWikiClient(fetcher, site=site, contact=options.contact, sleep=sleep)
    return client.page(title, revision=options.revision)


def article_from_page(page: WikiPage) -> Article:
    """Parse a fetched page's wikitext, with its title and revision."""
    article = parse_article(page.wikitext, SourceForm.WIKITEXT, title=page.title)
    article.title = page.title
    article.revision = Revision(
        site=page.site, page_id=page.page_id, revision_id=page.revision_id, timestamp=page.timestamp
    )
    return article


def looks_like_a_path(source: str) -> bool:
    """A file name (`x.wiki`, `./x`, `/tmp/x`) rather than a title such as `AC/DC`."""
    if source.startswith(("http://", "https://")):
        return False
    return source.lower().endswith(FILE_SUFFIXES) or source.startswith(
        ("./", "../", "/", "~", ".\\")
    )


def site_and_title(source: str, site: str) -> tuple[str, str]:
    """`https://de.wikipedia.org/wiki/Foo_bar` -> (`de.wikipedia.org`, `Foo bar`); a title stays."""
    if source.startswith(("http://", "https://")):
        parts = urlsplit(source)
        if parts.path.startswith("/wiki/") and parts.hostname:
            return parts.hostname, unquote(parts.path[len("/wiki/") :]).replace("_", " ")
        raise InputError(f"{source}: not an article URL of the form https://SITE/wiki/TITLE")
    return site, source.replace("_", " ")


def attribution(page: WikiPage) -> str:
    """The CC BY-SA 4.0 attribution that must travel with text copied from Wikipedia."""
    return (
        f'# Attribution\n\n`{ARTICLE_FILE}` is the wikitext of "{page.title}" on {page.site}, '
        f"revision {page.revision_id} ({page.timestamp}): {page.url}\n\n"
        "It is licensed under the Creative Commons Attribution-ShareAlike 4.0 licence "
        "(https://creativecommons.org/licenses/by-sa/4.0/); its authors are listed in the page "
        f"history: {page.history_url}\n"
    )
