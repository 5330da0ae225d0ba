"""The caps extractors keep to, and the `SourceText` every extractor returns (a model type).

`SourceText` lives in the model so that the link history can keep a page's text without
knowing how it was read.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExtractLimits:
    """Caps that keep one source's text small: kept characters, bytes parsed, PDF pages read."""

    max_chars: int = 200_000
    max_elsewhere_chars: int = 50_000
    """The rest of a page's visible text is kept to this (`SourceText.elsewhere`)."""
    max_html_bytes: int = 5_000_000
    max_pdf_bytes: int = 20_000_000
    max_pdf_pages: int = 60
