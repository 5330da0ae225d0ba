"""Where articles come from: the attribution a fetched page carries, and wiki page URLs."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from citeaudit.app.sources import attribution
from citeaudit.web.mediawiki import WikiPage, index_url, page_url


def page(title: str) -> WikiPage:
    return WikiPage(
        site="en.wikipedia.org",
        title=title,
        page_id=1,
        revision_id=42,
        timestamp="2026-11-28T00:00:00Z",
        wikitext="Text.",
        requested=title,
    )


@pytest.mark.parametrize("title", ["AC/DC", "Procter & Gamble", "C++", "50% (album)", "Ça va"])
def test_the_attribution_links_the_history_of_the_page_itself(title: str) -> None:
    [history] = [word for word in attribution(page(title)).split() if "action=history" in word]
    query = parse_qs(urlsplit(history).query)
    assert query == {"title": [title.replace(" ", "_")], "action": ["history"]}


def test_page_urls_come_from_one_helper() -> None:
    assert page_url("en.wikipedia.org", "AC/DC") == "https://en.wikipedia.org/wiki/AC%2FDC"
    assert index_url("en.wikipedia.org", oldid=7) == "https://en.wikipedia.org/w/index.php?oldid=7"
    assert page(title="Procter & Gamble").url == index_url("en.wikipedia.org", oldid=42)
