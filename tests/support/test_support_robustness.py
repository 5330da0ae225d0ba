"""Whatever bytes a site sends and whatever a sentence says, claim support answers, never raises."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citeaudit.model import SourceText, SupportVerdict
from citeaudit.support import extract_source, verify_claim

CONTENT_TYPES = st.sampled_from(
    [None, "text/html", "text/html; charset=utf-8", "application/pdf", "text/plain", "image/png"]
)
PREFIXES = st.sampled_from([b"", b"%PDF-1.4\n", b"<html><body><p>", b"<?xml version='1.0'?>"])


@settings(max_examples=60, deadline=None)
@given(prefix=PREFIXES, body=st.binary(max_size=600), content_type=CONTENT_TYPES)
def test_any_body_gives_a_source(prefix: bytes, body: bytes, content_type: str | None) -> None:
    source = extract_source(prefix + body, content_type)
    assert isinstance(source, SourceText)
    assert source.has_text or source.problem is not None or source.kind in {"html", "text"}


@settings(max_examples=60, deadline=None)
@given(claim=st.text(max_size=200), page=st.text(max_size=600))
def test_any_sentence_and_page_give_a_verdict(claim: str, page: str) -> None:
    result = verify_claim(claim, [SourceText(text=page, language="en")])
    assert isinstance(result.verdict, SupportVerdict)
    assert result.reason
