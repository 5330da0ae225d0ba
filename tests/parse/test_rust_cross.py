"""The Rust article's wikitext and its Parsoid HTML (the same revision) give the same model.

Both samples come from GitHub magnusmanske/mediawiki_rest_api (`test_data/`), revision
1318205510 of "Rust (programming language)" (CC BY-SA 4.0, Wikipedia contributors); the tests
read them from `../shared/reference/data/` and skip where that is absent.

Two entries of the HTML come from templates that the wikitext parser cannot expand: the
infobox's latest-release reference, which Module:WikidataIB generates (its name starts with
`wikidata-`), and the "Casting" reference that `{{Excerpt|Type conversion}}` copies from another
article. They are set aside by those marks; every other entry must match one to one.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from citeaudit.model import Article, Reference, SourceForm
from citeaudit.parse import parse_article
from tests.conftest import FIXTURES, shared_file


@pytest.fixture(scope="module")
def from_wikitext() -> Article:
    page = json.loads(shared_file("reference", "data", "rust_rest_page.json").read_text("utf-8"))
    return parse_article(page["source"], SourceForm.WIKITEXT, title=page["title"])


@pytest.fixture(scope="module")
def from_parsoid() -> Article:
    html = shared_file("reference", "data", "rust_parsoid.html").read_text("utf-8")
    return parse_article(html, SourceForm.HTML)


def is_made_by_a_template(reference: Reference) -> bool:
    return (reference.name or "").startswith("wikidata-") or reference.title == "Casting"


def cited(reference: Reference) -> str:
    """What an entry cites: its URL, else its title, else its text (Module:Footnotes prints
    page ranges with an en dash and spaced lists where the wikitext has a hyphen and commas)."""
    text = "".join(reference.text.split()).replace("\u2013", "-")
    return reference.url or reference.title or text[:40]


def entries(article: Article) -> Counter[tuple[str, str, int]]:
    """Each entry as (group, what it cites, number of uses), as a multiset."""
    return Counter(
        (ref.group or "", cited(ref), len(ref.uses))
        for ref in article.references
        if not is_made_by_a_template(ref)
    )


def test_same_headings_and_levels(from_wikitext: Article, from_parsoid: Article) -> None:
    def headings(article: Article) -> list[tuple[str, int]]:
        return [(s.title, s.level) for s in article.sections()][1:]

    assert len(headings(from_wikitext)) == 52
    assert headings(from_wikitext) == headings(from_parsoid)


def test_template_made_entries_are_only_in_the_html(
    from_wikitext: Article, from_parsoid: Article
) -> None:
    assert sum(map(is_made_by_a_template, from_parsoid.references)) == 2
    assert not any(map(is_made_by_a_template, from_wikitext.references))


def test_same_entries_with_the_same_uses(from_wikitext: Article, from_parsoid: Article) -> None:
    assert len(from_wikitext.references) == 207
    assert entries(from_wikitext) == entries(from_parsoid)
    assert sum(len(ref.uses) for ref in from_wikitext.references) == 271


def test_same_groups_and_numbering_per_group(from_wikitext: Article, from_parsoid: Article) -> None:
    def numbers(article: Article) -> Counter[str]:
        return Counter(ref.group or "" for ref in article.references if ref.number is not None)

    assert numbers(from_wikitext) + Counter({"": 2}) == numbers(from_parsoid)


RENDERINGS = sorted((FIXTURES / "renderings").glob("rust.*.*"))
"""The Rust article's page view rendered by seven converters (fixtures/renderings/README.md)."""
KEEPS_LINKS = ("lynx", "w3m", "pandoc.md", "html2text-py", "markdownify")


@pytest.fixture(scope="module", params=RENDERINGS, ids=lambda path: path.name)
def from_rendering(request: pytest.FixtureRequest) -> Article:
    return parse_article(request.param.read_text("utf-8"))


def test_every_rendering_gives_the_headings_and_levels_of_the_wikitext(
    from_wikitext: Article, from_rendering: Article
) -> None:
    def headings(article: Article) -> list[tuple[str, int]]:
        return [(s.title, s.level) for s in article.sections()][1:]

    assert from_rendering.source_form is SourceForm.TEXT
    assert from_rendering.title == "Rust (programming language)"
    assert headings(from_rendering) == headings(from_wikitext)


@pytest.mark.parametrize("name", [path.name for path in RENDERINGS])
def test_renderings_give_the_entries_of_the_parsoid_html(from_parsoid: Article, name: str) -> None:
    """As many entries, per group, as the page view's own HTML; the URLs kept are its URLs."""
    rendering = parse_article((FIXTURES / "renderings" / name).read_text("utf-8"))

    def per_group(article: Article) -> Counter[str]:
        return Counter(ref.group or "" for ref in article.references)

    assert per_group(rendering) == per_group(from_parsoid)
    if any(mark in name for mark in KEEPS_LINKS):
        html_urls = {ref.url for ref in from_parsoid.references if ref.url}
        kept = [ref.url for ref in rendering.references if ref.url]
        assert len(kept) >= 0.95 * len(html_urls)
        assert sum(url not in html_urls for url in kept) <= 0.05 * len(kept)


CODE_BLOCK_READ_AS_MARKER = ("rust.html2text.txt", "rust.pandoc-plain.txt")
"""Renderings without links: `array[2]` in a code block is read as a marker of entry 2.
Debian html2text prints a code block flush left and pandoc's plain writer indents it as it
indents a list item's wrapped lines, and with no link to tell a marker from text nothing
sets the index apart from `Swift[7]` (docs/rendered-text.md)."""


def uses_per_entry(article: Article) -> dict[tuple[str, int | None], int]:
    return {(ref.group or "", ref.number): len(ref.uses) for ref in article.references}


def use_differences(rendering: Article, parsoid: Article) -> dict[tuple[str, int | None], int]:
    """Entry -> its uses in the rendering less its uses in the HTML, where they differ."""
    mine, theirs = uses_per_entry(rendering), uses_per_entry(parsoid)
    return {
        entry: mine.get(entry, 0) - theirs.get(entry, 0)
        for entry in mine.keys() | theirs.keys()
        if mine.get(entry, 0) != theirs.get(entry, 0)
    }


@pytest.mark.parametrize("name", [path.name for path in RENDERINGS])
def test_renderings_give_each_entry_the_uses_of_the_parsoid_html(
    from_parsoid: Article, name: str
) -> None:
    """Text that looks like a marker (`[82]` quoted in a source, `array[2]` in code) is not a
    use where the rendering shows it is text; the one exception is listed above."""
    rendering = parse_article((FIXTURES / "renderings" / name).read_text("utf-8"))
    expected = {("", 2): 1} if name in CODE_BLOCK_READ_AS_MARKER else {}
    assert use_differences(rendering, from_parsoid) == expected
