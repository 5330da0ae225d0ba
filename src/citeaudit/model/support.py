"""What claim support knows: the text of a cited page, and the verdict on each cited sentence.

`SourceText` is what an extractor reads from one page (kept in the link history so that a rerun
reads nothing again); `SupportRecord` is the verdict on one cited sentence, with its evidence.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass
from typing import Any


class SupportVerdict(enum.Enum):
    """One word for whether the cited sources support a sentence (docs/findings.md)."""

    SUPPORTED = "supported"
    PARTIAL = "partial"
    CONTRADICTED = "contradicted"
    NOT_FOUND = "not-found"
    UNVERIFIABLE = "unverifiable"


@dataclass(frozen=True)
class SourceText:
    """The readable text of one cited source and what the source says about itself.

    `text` is the main text, blocks separated by newlines (empty when nothing could be read).
    `title` is the page's own title (og:title, the JSON-LD headline, the first `<h1>`, then
    `<title>`); `titles` every title the page states, for comparing with the cited title.
    `published` is an ISO date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) the page states.
    `site_name` is the name the site gives itself (og:site_name, the JSON-LD publisher);
    `authors` the people the page names as its authors (JSON-LD, `<meta name="author">`).
    `language` is a primary language subtag; `language_declared` says the page declared it
    rather than it being guessed from the text. `kind` is `html`, `pdf`, `text` or `none`.
    `truncated` says text was cut (by a cap, or because the fetcher cut the body).
    `problem` says why the text is missing or cannot be trusted to be complete (a paywall teaser,
    an unreadable PDF, a dead link); a claim is never called `not-found` in such a source.
    `elsewhere` is the rest of the page's visible text, a line per block (side notes, captions,
    an author's note, menus): what a main-text reader leaves out, kept so that a claim the page
    states there is not called `not-found`.
    """

    text: str = ""
    title: str | None = None
    titles: tuple[str, ...] = ()
    published: str | None = None
    site_name: str | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    language_declared: bool = False
    kind: str = "none"
    truncated: bool = False
    problem: str | None = None
    url: str | None = None
    elsewhere: str = ""

    @property
    def has_text(self) -> bool:
        return bool(self.text.strip())

    @classmethod
    def unavailable(cls, reason: str, url: str | None = None, kind: str = "none") -> SourceText:
        """A source with no text, and why (dead, blocked, no URL, not recorded, unreadable)."""
        return cls(kind=kind, problem=reason, url=url)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict, for keeping the text in the link history."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SourceText:
        """The `SourceText` a `to_json` dict was made from."""
        return cls(
            **{
                **data,
                "titles": tuple(data.get("titles", ())),
                "authors": tuple(data.get("authors", ())),
            }
        )


@dataclass(frozen=True)
class SupportRecord:
    """Whether the sources a sentence cites say what it says (see `citeaudit.support`).

    `reason` says why (for `unverifiable`, why there was nothing to read). `found`/`missing` are
    the sentence's checkable facts (numbers, dates, names, quotes) the sources do or do not
    state; `evidence` is the closest passage, quoted briefly, from the page at `evidence_url`.
    `conflicts` (for `contradicted`) pair what the sentence says with what the page says in its
    place: two values of one fact, or a stance and its reverse. `score` is a model verifier's
    confidence in the verdict (None for the rules).
    """

    sentence_id: int
    sentence: str
    section: str
    reference_ids: tuple[str, ...]
    verdict: SupportVerdict
    reason: str
    found: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    evidence: str | None = None
    evidence_url: str | None = None
    urls: tuple[str, ...] = ()
    """The cited URLs whose text was read."""
    conflicts: tuple[tuple[str, str], ...] = ()
    score: float | None = None
