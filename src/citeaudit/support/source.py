"""What claim support knows of one cited source: its text, title, date and language.

`SourceText` is the value every extractor returns and every verdict reads; `ExtractLimits` the
caps extractors keep to. Both are plain data, so that a source's text can be kept in the link
history and replayed offline without fetching again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class ExtractLimits:
    """Caps that keep one source's text small: kept characters, bytes parsed, PDF pages read."""

    max_chars: int = 200_000
    max_html_bytes: int = 5_000_000
    max_pdf_bytes: int = 20_000_000
    max_pdf_pages: int = 60


@dataclass(frozen=True)
class SourceText:
    """The readable text of one cited source and what the source says about itself.

    `text` is the main text, blocks separated by newlines (empty when nothing could be read).
    `title` is the page's own title (og:title, the JSON-LD headline, the first `<h1>`, then
    `<title>`); `titles` every title the page states, for comparing with the cited title.
    `published` is an ISO date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) the page states.
    `language` is a primary language subtag; `language_declared` says the page declared it
    rather than it being guessed from the text. `kind` is `html`, `pdf`, `text` or `none`.
    `truncated` says text was cut (by a cap here, or because the fetcher cut the body).
    `problem` says why the text is missing or cannot be trusted to be complete (a paywall teaser,
    an unreadable PDF, a dead link); a claim is never called `not-found` in such a source.
    """

    text: str = ""
    title: str | None = None
    titles: tuple[str, ...] = ()
    published: str | None = None
    language: str | None = None
    language_declared: bool = False
    kind: str = "none"
    truncated: bool = False
    problem: str | None = None
    url: str | None = None

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
        return cls(**{**data, "titles": tuple(data.get("titles", ()))})
