"""Turn a fetched page (bytes and content type) into the text a claim can be checked against.

`extract_source` is the entry point: HTML goes through `citeaudit.support.html`, PDF through
`citeaudit.support.pdf`, plain text is decoded as it is; anything else has no text. Whatever
comes in, a `SourceText` comes out, never an exception: when no text could be read, `problem`
says why, in words a report can show ("PDF unreadable: ...", "not a text document (image/png)").

Nothing here fetches: the link checker has the bytes already, and passes them in.
"""

from __future__ import annotations

import codecs
from dataclasses import replace

from citeaudit.model import SourceText
from citeaudit.model.web import decode_body
from citeaudit.support.html import extract_html
from citeaudit.support.language import detect_language, normalise_language
from citeaudit.support.pdf import extract_pdf
from citeaudit.support.source import ExtractLimits


def extract_source(
    body: bytes,
    content_type: str | None = None,
    *,
    url: str | None = None,
    content_language: str | None = None,
    body_truncated: bool = False,
    limits: ExtractLimits | None = None,
    text: str | None = None,
) -> SourceText:
    """The `SourceText` of a fetched body, whatever it holds.

    `content_type` is the `Content-Type` header (with its charset, if any); when it is missing
    or generic, the body is sniffed. `content_language` is the `Content-Language` header.
    `body_truncated` passes on the fetcher's own cut (`FetchResult.truncated`). `text` is the
    body already decoded (`FetchResult.text`), so that a page is decoded once.
    """
    limits = limits or ExtractLimits()
    kind = sniff_kind(body, content_type)
    if not body.strip():
        source = SourceText.unavailable("the page has no body")
    elif kind == "pdf":
        source = extract_pdf(body, limits, body_truncated=body_truncated)
    elif kind == "html":
        decoded = text if text is not None else decode_body(body, content_type)
        source = extract_html(decoded[: limits.max_html_bytes], limits)
        source = replace(source, truncated=source.truncated or len(decoded) > limits.max_html_bytes)
    elif kind == "text":
        decoded = text if text is not None else decode_body(body, content_type)
        source = SourceText(
            text=decoded[: limits.max_chars],
            kind="text",
            truncated=len(decoded) > limits.max_chars,
        )
    else:
        source = SourceText.unavailable(f"not a text document ({_media_type(content_type)})")
    if source.language is None and content_language:
        source = replace(
            source, language=normalise_language(content_language), language_declared=True
        )
    if source.language is None and source.has_text:
        source = replace(source, language=detect_language(source.text))
    return replace(source, url=url, truncated=source.truncated or body_truncated)


def sniff_kind(body: bytes, content_type: str | None) -> str:
    """`pdf`, `html`, `text` or `other`, from the media type, else from the first bytes."""
    media = _media_type(content_type)
    head = body[:1024].lstrip().lower()
    if media == "application/pdf" or head.startswith(b"%pdf-"):
        return "pdf"
    if media in {"text/html", "application/xhtml+xml"}:
        return "html"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<meta")):
        return "html"
    if media.startswith("text/"):
        return "text"
    if media in {"", "application/octet-stream"} and body and _looks_textual(body[:4096]):
        return "text"
    return "other"


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _looks_textual(sample: bytes) -> bool:
    try:
        # An incremental decoder forgives a character cut at the end of the sample.
        text = codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return sum(ch.isprintable() or ch.isspace() for ch in text) >= 0.95 * len(text)
