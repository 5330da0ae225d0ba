"""The same source cited in separate reference entries (merge them into one named reference).

Two entries are the same source when they share:
- a URL, compared without scheme, `www.`, fragment, tracking parameters and trailing slash;
- a title and work (or publisher), compared case- and punctuation-blind;
- an article identifier (`doi`, `pmid`, `pmc`, `arxiv`, `jstor`); book identifiers are left
  out, since books are rightly cited once per chapter;
- a document number in the title: a case or communication number such as `No 2137/2012`
  (number/year after "No", "Communication", "Application", "Case", "Resolution", "Decision"),
  or an official document symbol such as `CCPR/C/112/D/2137/2012` or `A/HRC/40/L.1`. Such
  numbers identify one document whatever the title around them and whoever hosts the copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlencode, urlsplit

from citeaudit.checks.base import Check, CheckContext, describe_reference, first_section_title
from citeaudit.model import Article, Finding, FindingFamily, Reference, Severity

_ARTICLE_IDENTIFIERS = ("doi", "pmid", "pmc", "arxiv", "eprint", "jstor")
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|s_cid)$", re.I)
_NUMBERED_DOCUMENT = re.compile(
    r"\b(?:No|Nos|Number|Communication|Application|Applications|Case|Resolution|Decision|"
    r"Opinion|Petition|Complaint)\.?\s*(?:No\.?\s*|no\.?\s*)?(\d{2,6}/\d{2,4})\b",
    re.I,
)
_DOCUMENT_SYMBOL = re.compile(r"\b[A-Z]{1,6}(?:/[A-Z0-9.()-]+){2,}")
_PUNCTUATION = re.compile(r"[^\w\s]")


def normalize_url(url: str) -> str:
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.match(key)
        ]
    )
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{query}" if query else "")


def _plain(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", text.lower()).split())


def document_numbers(title: str) -> set[str]:
    """The document numbers and symbols a title names."""
    numbers = {match.group(1) for match in _NUMBERED_DOCUMENT.finditer(title)}
    for symbol in _DOCUMENT_SYMBOL.findall(title):
        numbers.add(symbol.rstrip(".)"))
        tail = re.search(r"(\d{2,6}/\d{4})$", symbol.rstrip(".)"))
        if tail:
            numbers.add(tail.group(1))
    return numbers


def identity_keys(reference: Reference) -> list[tuple[str, str]]:
    """What identifies the source a reference cites: (kind of key, value) pairs."""
    keys = []
    if reference.url:
        keys.append(("URL", normalize_url(reference.url)))
    where = reference.work or reference.publisher
    if reference.title and where:
        keys.append(("title and work", f"{_plain(reference.title)} | {_plain(where)}"))
    for name in _ARTICLE_IDENTIFIERS:
        value = reference.identifiers.get(name)
        if value:
            keys.append(("arxiv" if name == "eprint" else name, value.strip().lower()))
    for number in document_numbers(reference.title or ""):
        keys.append(("document number", number))
    return keys


class DuplicateReferenceCheck(Check):
    family = FindingFamily.INTEGRITY
    codes = ("ref-duplicate",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        first_with: dict[tuple[str, str], Reference] = {}
        for reference in article.references:
            if reference.kind == "short":
                continue
            match: tuple[Reference, str, str] | None = None
            for key in identity_keys(reference):
                earlier = first_with.setdefault(key, reference)
                if earlier is not reference and match is None:
                    match = (earlier, key[0], key[1])
            if match is None:
                continue
            earlier, kind, value = match
            yield self.finding(
                "ref-duplicate",
                Severity.INFO,
                f"{describe_reference(reference)} cites the same source as "
                f"{describe_reference(earlier)} (same {kind}: {value}).",
                fix="Merge them into one named reference (<ref name=...>) and reuse it, with "
                "{{rp}} for different pages.",
                section=first_section_title(article, reference),
                reference=reference,
            )
