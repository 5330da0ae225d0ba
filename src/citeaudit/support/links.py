"""From what the link checker saw to the source text claim support reads, or why there is none.

The link checker fetches every cited URL once; `source_for_link` turns its `LinkResult` and the
final `FetchResult` (the body it kept) into a `SourceText`, so that nothing is fetched twice.
A link that is not alive gives a source with no text and a reason a report can show: every
`unverifiable` verdict then says why.
"""

from __future__ import annotations

from citeaudit.model import FetchResult, LinkResult, LinkVerdict, SourceText
from citeaudit.support.extract import extract_source, sniff_kind
from citeaudit.support.source import ExtractLimits

_WHY_NO_TEXT = {
    LinkVerdict.DEAD: "dead link",
    LinkVerdict.SOFT_404: "the page is gone (soft 404)",
    LinkVerdict.BLOCKED: "the site refused the checker",
    LinkVerdict.UNREACHABLE: "the site could not be reached",
    LinkVerdict.INVALID: "not a checkable URL",
    LinkVerdict.SKIPPED: "not checked",
}


def source_for_link(
    link: LinkResult | None,
    fetched: FetchResult | None = None,
    *,
    limits: ExtractLimits | None = None,
) -> SourceText:
    """The text behind one cited URL: extracted from the kept body when the link is alive.

    `link` None means the reference gives no URL (the rendered-text form loses them all).
    `fetched` is the final answer of the link's redirect chain, with its (capped) body.
    """
    if link is None:
        return SourceText.unavailable("the reference gives no URL to read")
    if link.verdict is not LinkVerdict.ALIVE:
        return SourceText.unavailable(f"{_WHY_NO_TEXT[link.verdict]}: {link.reason}", url=link.url)
    if fetched is None or fetched.status is None or not fetched.body:
        return SourceText.unavailable(
            "the page's text was not kept by the link check", url=link.url
        )
    content_type = fetched.header("content-type")
    return extract_source(
        fetched.body,
        content_type,
        url=link.url,
        content_language=fetched.header("content-language"),
        body_truncated=fetched.truncated,
        limits=limits,
        # Decoded once, by whoever read the page first (the link checker did, for HTML).
        text=fetched.text if sniff_kind(fetched.body, content_type) in ("html", "text") else None,
    )
