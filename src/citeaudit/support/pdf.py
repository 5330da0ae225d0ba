"""The text of a PDF source through pypdf, within a byte cap and a page cap, never raising.

PDFs cited by Wikipedia articles are reports, court decisions and UN documents: long, sometimes
damaged, sometimes scans without a text layer. Each of these ends in a `SourceText` whose
`problem` says what happened ("PDF unreadable: ...", "PDF has no text layer"), never in an
exception: one broken document must not stop an audit.
"""

from __future__ import annotations

import io
import re
import warnings

from pypdf import PdfReader

from citeaudit.model import SourceText
from citeaudit.support.dates import parse_date
from citeaudit.support.language import normalise_language
from citeaudit.support.source import ExtractLimits

_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?")


def extract_pdf(body: bytes, limits: ExtractLimits, *, body_truncated: bool = False) -> SourceText:
    """The text of the first `limits.max_pdf_pages` pages, with the document's title and date."""
    if len(body) > limits.max_pdf_bytes:
        return SourceText.unavailable(
            f"PDF too large to read ({len(body):,} bytes; the cap is {limits.max_pdf_bytes:,})",
            kind="pdf",
        )
    try:
        with warnings.catch_warnings():
            # Damaged PDFs are normal input: pypdf warns and recovers where it can.
            warnings.simplefilter("ignore")
            return _read(body, limits)
    except Exception as error:  # noqa: BLE001 - pypdf raises many types on damaged files
        cut = " (the download was cut short)" if body_truncated else ""
        return SourceText.unavailable(
            f"PDF unreadable{cut}: {type(error).__name__}: {str(error)[:120]}".rstrip(": "),
            kind="pdf",
        )


def _read(body: bytes, limits: ExtractLimits) -> SourceText:
    reader = PdfReader(io.BytesIO(body), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        return SourceText.unavailable("PDF is encrypted with a password", kind="pdf")
    pages = reader.pages
    page_count = len(pages)
    chunks = [
        pages[number].extract_text() or ""
        for number in range(min(page_count, limits.max_pdf_pages))
    ]
    text = _tidy("\n".join(chunks))
    metadata = reader.metadata
    title = (metadata.title or "").strip() if metadata else ""
    created = str(metadata.get("/CreationDate", "")) if metadata else ""
    declared_language = _declared_language(reader)
    truncated = page_count > limits.max_pdf_pages or len(text) > limits.max_chars
    return SourceText(
        text=text[: limits.max_chars],
        title=title or None,
        titles=(title,) if title else (),
        published=_pdf_date(created),
        language=declared_language,
        language_declared=declared_language is not None,
        kind="pdf",
        truncated=truncated,
        problem=None if text.strip() else "PDF has no text layer (a scan?)",
    )


def _declared_language(reader: PdfReader) -> str | None:
    root = reader.trailer.get("/Root")
    language = root.get_object().get("/Lang") if root is not None else None
    return normalise_language(str(language)) if language else None


def _pdf_date(value: str) -> str | None:
    match = _PDF_DATE.search(value)
    if not match:
        return None
    year, month, day = match.groups()
    if month and day:
        return parse_date(f"{year}-{month}-{day}") or year
    if month and 1 <= int(month) <= 12:
        return f"{year}-{month}"
    return year


def _tidy(text: str) -> str:
    # Words hyphenated at a line end are joined; single line breaks inside a paragraph go.
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
