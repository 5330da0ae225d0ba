"""Where articles come from: files (with a `revision.json` beside them), standard input, and
wiki titles.

A SOURCE on the command line is `-` (standard input), an existing file, or else a page title,
a page URL `https://SITE/wiki/TITLE` or a permanent link (`/w/index.php?title=T&oldid=N`,
`Special:PermanentLink/N`) fetched through the MediaWiki API. `citeaudit fetch` saves a page as
`article.wiki` with its `revision.json` (and attribution); reading that file back gives the
same title and revision as fetching it did.

What is read is parsed in its form, and refused with a reason when it is no article at all:
HTML that is not a page of a MediaWiki wiki (a blog), or a form given with `--input-format`
under which the text yields no reference while the form its content suggests yields some.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from citeaudit.app.config import SourceConfig
from citeaudit.errors import InputError
from citeaudit.model import Article, Revision, SourceForm
from citeaudit.parse import decode_article, detect_form, parse_article, read_article_file
from citeaudit.parse.html import is_mediawiki_html
from citeaudit.web.fetchers.base import Fetcher
from citeaudit.web.mediawiki import MediaWikiClient, WikiPage

ARTICLE_FILE = "article.wiki"
REVISION_FILE = "revision.json"
ATTRIBUTION_FILE = "ATTRIBUTION.md"
WIKITEXT_SUFFIXES = (".wiki", ".wikitext", ".mediawiki")
FILE_SUFFIXES = (*WIKITEXT_SUFFIXES, ".html", ".htm", ".txt", ".text")
STDIN = "-"
STDIN_LABEL = "standard input"
STDIN_TITLE = "stdin"
"""The title of an article read from standard input without `--title`."""


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
    saved_title, revision = read_revision_file(revision_file_of(path))
    named_wikitext = path.suffix.lower() in WIKITEXT_SUFFIXES
    article = parse_checked(
        text, str(path), input_format, title or saved_title, named_wikitext=named_wikitext
    )
    if not article.title:
        article.title = title or path.stem.replace("_", " ")
    if revision is not None and article.revision is None:
        article.revision = revision
    head = path.read_bytes()
    lone_ends = head.count(b"\n") - head.count(b"\r\n") + head.count(b"\r") - head.count(b"\r\n")
    crlf = b"\r\n" in head and lone_ends == 0
    return LoadedArticle(article, text, "\r\n" if crlf else "\n", head.startswith(b"\xef\xbb\xbf"))


def read_stdin_source(
    data: bytes, input_format: SourceForm | None, title: str | None
) -> LoadedArticle:
    """Parse an article given on standard input (`-`), with its text."""
    text = decode_article(data, STDIN_LABEL)
    article = parse_checked(text, STDIN_LABEL, input_format, title)
    article.title = article.title or title or STDIN_TITLE
    return LoadedArticle(article, text)


def parse_checked(
    text: str,
    label: str,
    input_format: SourceForm | None,
    title: str | None,
    *,
    named_wikitext: bool = False,
) -> Article:
    """Parse article text, refusing (with `InputError`) what is no Wikipedia article.

    HTML must carry the marks of a MediaWiki page. When `input_format` is given and yields no
    reference while the form the content suggests yields some, the form was given wrongly.
    """
    form = input_format or detect_form(text, named_wikitext=named_wikitext)
    if form is SourceForm.HTML and not is_mediawiki_html(text):
        _refuse_a_wrong_form(text, label, form, title)
        raise InputError(
            f"{label}: this HTML is not a Wikipedia article (no MediaWiki parser output, no "
            "reference list); save the article's page from the wiki, or give its title"
        )
    article = parse_article(text, form, title=title)
    if input_format is not None and not article.references:
        _refuse_a_wrong_form(text, label, form, title)
    return article


def _refuse_a_wrong_form(text: str, label: str, form: SourceForm, title: str | None) -> None:
    """Raise `InputError` when the form the content suggests gives references where `form`,
    given with `--input-format`, gave none."""
    detected = detect_form(text)
    if detected is form:
        return
    found = len(parse_article(text, detected, title=title).references)
    if found:
        raise InputError(
            f"{label}: read as {form.value}, it gives no reference; its content looks like "
            f"{detected.value}, which gives {found}: drop --input-format or give "
            f"--input-format {detected.value}"
        )


def revision_file_of(path: Path) -> Path:
    """Where an article file's revision record is: `revision.json` beside an `article.wiki`
    (as `citeaudit fetch` saves them), else `NAME.revision.json` beside `NAME.wiki`."""
    if path.name == ARTICLE_FILE:
        return path.parent / REVISION_FILE
    return path.with_name(f"{path.stem}.{REVISION_FILE}")


def read_revision_file(path: Path) -> tuple[str | None, Revision | None]:
    """The title and revision that `citeaudit fetch` saved (or a person wrote: with a `note`
    on what the text is), or (None, None) without the file."""
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
        note=field("note", str),
    )
    return field("title", str), revision


def load_article(
    source: str,
    options: SourceConfig,
    fetcher: Fetcher,
    sleep: Callable[[float], None] = time.sleep,
    read_stdin: Callable[[], bytes] = lambda: b"",
) -> Article:
    """A file when SOURCE names one; otherwise a title (or a wiki URL) fetched from the wiki."""
    return load_source(source, options, fetcher, sleep, read_stdin).article


def load_source(
    source: str,
    options: SourceConfig,
    fetcher: Fetcher,
    sleep: Callable[[float], None] = time.sleep,
    read_stdin: Callable[[], bytes] = lambda: b"",
) -> LoadedArticle:
    """`load_article`, with the text the article was parsed from (a title gives its wikitext):
    standard input for `-`; a file when SOURCE names one; otherwise a title (or a wiki URL, or
    a permanent link) fetched from the wiki."""
    if source == STDIN:
        return read_stdin_source(read_stdin(), options.input_format, options.title)
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
    """The wikitext and revision of a title (or a wiki URL, or a permanent link) from its wiki."""
    address = page_address(source, options.wiki)
    revision = address.revision
    if revision is not None and options.revision not in (None, revision):
        raise InputError(
            f"{source} is revision {revision}, but --revision {options.revision} was given"
        )
    client = MediaWikiClient(fetcher, site=address.site, contact=options.contact, sleep=sleep)
    return client.page(address.title, revision=revision or options.revision)


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


@dataclass(frozen=True)
class PageAddress:
    """A page on a wiki: its title, or one of its revisions, or both."""

    site: str
    title: str | None
    revision: int | None = None


_PERMANENT_LINK = re.compile(r"special:(?:permanentlink|permalink)/(\d+)", re.I)


def page_address(source: str, site: str) -> PageAddress:
    """Where a SOURCE that is not a file points: a title on `site`, or a wiki URL.

    `https://de.wikipedia.org/wiki/Foo_bar` is (`de.wikipedia.org`, `Foo bar`); the permanent
    links copied from a page's history (`/w/index.php?title=Foo&oldid=42`, `?oldid=42`,
    `/wiki/Special:PermanentLink/42`, `/wiki/Foo?oldid=42`) name revision 42 as well.
    """
    if not source.startswith(("http://", "https://")):
        return PageAddress(site, source.replace("_", " "))
    parts = urlsplit(source)
    query = parse_qs(parts.query)
    oldid = query.get("oldid", [""])[-1]
    revision = int(oldid) if oldid.isdigit() and int(oldid) > 0 else None
    title = query.get("title", [""])[-1].replace("_", " ").strip() or None
    if parts.hostname and parts.path.startswith("/wiki/"):
        name = unquote(parts.path[len("/wiki/") :]).replace("_", " ")
        permanent = _PERMANENT_LINK.fullmatch(name)
        if permanent:
            return PageAddress(parts.hostname, None, int(permanent.group(1)))
        return PageAddress(parts.hostname, name, revision)
    if parts.hostname and parts.path.endswith("/index.php") and (title or revision):
        return PageAddress(parts.hostname, title, revision)
    raise InputError(
        f"{source}: not an article URL; give https://SITE/wiki/TITLE or a permanent link "
        "https://SITE/w/index.php?title=TITLE&oldid=ID"
    )


def attribution(page: WikiPage) -> str:
    """The CC BY-SA 4.0 attribution that must travel with text copied from Wikipedia."""
    return (
        f'# Attribution\n\n`{ARTICLE_FILE}` is the wikitext of "{page.title}" on {page.site}, '
        f"revision {page.revision_id} ({page.timestamp}): {page.url}\n\n"
        "It is licensed under the Creative Commons Attribution-ShareAlike 4.0 licence "
        "(https://creativecommons.org/licenses/by-sa/4.0/); its authors are listed in the page "
        f"history: {page.history_url}\n"
    )
