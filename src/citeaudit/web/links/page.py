"""Reading a fetched page: its text, `<title>`, first `<h1>`, and a fingerprint to compare pages.

Bodies arrive capped, so they may stop in the middle of a tag or a multi-byte character; every
function here takes what is there and never raises. Regular expressions rather than a parser:
the title and heading are near the top, and a page cut after 64 KB is no document for a parser.

A fingerprint is a bottom-k sketch of the page's word shingles: the `FINGERPRINT_MAX_SHINGLES`
smallest hashes of all of them, with how many distinct shingles there were. Drawn from the
whole text (not its first shingles, which on a site with a heavy template are all menu), it
lets two pages be compared by what they share and by what one adds to the other.
"""

from __future__ import annotations

import heapq
import html
import re
import zlib
from dataclasses import dataclass

from citeaudit.model import FetchResult

TITLE_MAX_CHARS = 300
# Everything a verdict reads is near the top; reading further only costs time on big pages.
READ_MAX_CHARS = 512 * 1024
FINGERPRINT_SHINGLE = 3
FINGERPRINT_MAX_SHINGLES = 2000

_TITLE = re.compile(
    r"<title(?:\s[^>]*)?>(.*?)(?:</title\s*>|<(?!/?(?:b|i|em|span)\b)|\Z)",
    re.IGNORECASE | re.DOTALL,
)
_H1 = re.compile(r"<h1(?:\s[^>]*)?>(.*?)(?:</h1\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_SVG = re.compile(r"<svg\b.*?(?:</svg\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_INVISIBLE = re.compile(
    r"<(script|style|noscript|template)\b.*?(?:</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL
)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_TAG = re.compile(r"<[^>]*(?:>|\Z)")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+")
_VOLATILE_TOKEN = re.compile(r"[\d/]")
_HTML_TYPES = ("text/html", "application/xhtml", "text/plain", "")


@dataclass(frozen=True)
class Fingerprint:
    """A bottom-k sketch of a text's word shingles, and how many distinct shingles it has."""

    sketch: frozenset[int]
    shingles: int

    def __bool__(self) -> bool:
        return bool(self.sketch)


EMPTY = Fingerprint(frozenset(), 0)


@dataclass(frozen=True)
class Page:
    """What the classifier reads of a response body: decoded text, title, heading, fingerprint."""

    html: str
    title: str | None
    heading: str | None
    fingerprint: Fingerprint
    text_chars: int


def read_page(result: FetchResult) -> Page:
    """Decode `result`'s body and pull out what the classifier needs; empty for non-HTML bodies."""
    if not is_html(result):
        return Page("", None, None, EMPTY, len(result.body))
    text = result.text[:READ_MAX_CHARS]
    markup = _COMMENT.sub(" ", text)
    readable = visible_text(markup)
    return Page(
        html=text,
        title=extract_title(markup),
        heading=_first_match_text(_H1, _SVG.sub(" ", _INVISIBLE.sub(" ", markup))),
        fingerprint=fingerprint(readable),
        text_chars=len(readable),
    )


def is_html(result: FetchResult) -> bool:
    """True when the body may be an HTML page (declared so, or undeclared and starting like one)."""
    content_type = (result.header("content-type") or "").split(";")[0].strip().lower()
    if content_type in _HTML_TYPES:
        return content_type != "" or result.body.lstrip()[:1] == b"<"
    return content_type.endswith("+xml") or content_type == "text/xml"


def extract_title(markup: str) -> str | None:
    """The text of the first `<title>` outside an `<svg>`, unescaped, whitespace collapsed, capped.

    A title cut off by a truncated body, or left unclosed, ends at the next tag or at the end.
    """
    return _first_match_text(_TITLE, _SVG.sub(" ", markup))


def visible_text(markup: str) -> str:
    """The text a reader would see: tags, scripts, styles and comments removed."""
    without_code = _INVISIBLE.sub(" ", _COMMENT.sub(" ", markup))
    return _SPACES.sub(" ", html.unescape(_TAG.sub(" ", without_code))).strip()


def fingerprint(text: str, size: int = FINGERPRINT_MAX_SHINGLES) -> Fingerprint:
    """The `size` smallest hashes of the word shingles of `text`, without tokens holding digits
    or slashes.

    Error pages echo the requested path and pages carry counters and dates: leaving those out
    lets two answers of one template compare equal.
    """
    kept = (token for token in text.split() if not _VOLATILE_TOKEN.search(token))
    words = [word.lower() for token in kept for word in _WORD.findall(token)]
    if len(words) < FINGERPRINT_SHINGLE:
        return Fingerprint(frozenset({_hash(" ".join(words))}), 1) if words else EMPTY
    hashed = {
        _hash(" ".join(words[i : i + FINGERPRINT_SHINGLE]))
        for i in range(len(words) - FINGERPRINT_SHINGLE + 1)
    }
    return Fingerprint(frozenset(heapq.nsmallest(size, hashed)), len(hashed))


def similarity(first: Fingerprint, second: Fingerprint) -> float:
    """The Jaccard similarity of the two texts, estimated from their sketches (0 when either is
    empty): the share of the union's smallest hashes that both texts hold."""
    if not first or not second:
        return 0.0
    size = max(len(first.sketch), len(second.sketch))
    union = heapq.nsmallest(size, first.sketch | second.sketch)
    return sum(1 for value in union if value in first.sketch and value in second.sketch) / len(
        union
    )


def own_shingles(page: Fingerprint, other: Fingerprint) -> float:
    """About how many of the page's distinct shingles the other text lacks: what it adds."""
    if not page:
        return 0.0
    if not other:
        return float(page.shingles)
    shared_share = similarity(page, other)
    shared = shared_share * (page.shingles + other.shingles) / (1 + shared_share)
    return max(0.0, page.shingles - shared)


def _first_match_text(pattern: re.Pattern[str], markup: str) -> str | None:
    match = pattern.search(markup)
    if match is None:
        return None
    text = _SPACES.sub(" ", html.unescape(_TAG.sub(" ", match.group(1)))).strip()
    return text[:TITLE_MAX_CHARS] or None


def _hash(text: str) -> int:
    # CRC-32 is fast and the same in every process; a run only compares its own pages.
    return zlib.crc32(text.encode("utf-8"))
