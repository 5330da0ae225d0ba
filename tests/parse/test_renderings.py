"""Converter renderings of whole Wikipedia pages (fixtures/renderings/), against hand counts.

The seed and the Kettlewell Footbridge renderings were held out while the readers were written;
the truth below was counted by hand from the rendered pages (the footbridge: 7 headings incl.
one subsection, a main list of 5 entries and a notes list of 2, 11 markers, 2 citation-needed
tags, 4 cited URLs; the seed: 12 headings, 4 of them subsections, 24 entries, 31 markers, no
tags, 2 cited URLs).
"""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeaudit.model import Article, SourceForm
from citeaudit.parse import detect_form, parse_article
from citeaudit.parse.text.converted import Rendering, recognise
from tests.conftest import FIXTURES, SEED_HEADINGS

RENDERINGS = FIXTURES / "renderings"
CONVERTERS = {
    "html2text.txt": Rendering.ASTERISKS,
    "lynx.txt": Rendering.NUMBERED_LINKS,
    "w3m.txt": Rendering.NUMBERED_LINKS,
    "pandoc-plain.txt": Rendering.PLAIN_DUMP,
    "pandoc.md": Rendering.MARKDOWN,
    "html2text-py.md": Rendering.MARKDOWN,
    "markdownify.md": Rendering.MARKDOWN,
}
KEEPS_LINKS = {"lynx.txt", "w3m.txt", "pandoc.md", "html2text-py.md", "markdownify.md"}

FOOTBRIDGE_HEADINGS = [
    ("History", 2),
    ("Opening", 3),
    ("Design", 2),
    ("Reception", 2),
    ("Notes", 2),
    ("References", 2),
]
FOOTBRIDGE_USES = {"1": 3, "2": 3, "3": 1, "4": 1, "5": 1, "lower-alpha:a": 1, "lower-alpha:b": 1}
FOOTBRIDGE_URLS = {
    "1": "https://www.example.org/kettlewell/footbridge-history",
    "2": "https://news.example.com/2019/ferry-memories",
    "4": "https://www.example.org/kettlewell/lighting-2016",
    "5": "https://awards.example.net/1999/winners",
}
SEED_USES = Counter({1: 4, 3: 2, 7: 2, 8: 2, 10: 2})
"""Entries used more than once, as the seed prints their back-links (`^ a b c d`)."""
SEED_URLS = {
    "3": "https://thediplomat.com/2022/09/kazakh-opposition-organizing-against-snap-elections/",
    "5": "https://www.frontlinedefenders.org/en/testimonial/bakhytzhan-toregozhina-testimony",
}


def read(name: str) -> Article:
    return parse_article((RENDERINGS / name).read_text("utf-8"))


def headings(article: Article) -> list[tuple[str, int]]:
    return [(section.title, section.level) for section in article.sections()][1:]


@pytest.mark.parametrize("converter", sorted(CONVERTERS))
def test_footbridge_rendering_matches_the_hand_count(converter: str) -> None:
    article = read(f"footbridge.{converter}")
    assert article.source_form is SourceForm.TEXT
    assert article.title == "Kettlewell Footbridge"
    assert headings(article) == FOOTBRIDGE_HEADINGS
    assert {ref.id: len(ref.uses) for ref in article.references} == FOOTBRIDGE_USES
    assert [tag.kind for tag in article.maintenance_tags] == ["citation-needed"] * 2
    urls = {ref.id: ref.url for ref in article.references if ref.url}
    assert urls == (FOOTBRIDGE_URLS if converter in KEEPS_LINKS else {})


@pytest.mark.parametrize("converter", sorted(CONVERTERS))
def test_seed_rendering_matches_the_hand_count(converter: str) -> None:
    article = read(f"seed.{converter}")
    assert article.title == "Bakhytzhan Toregozhina"
    assert headings(article) == SEED_HEADINGS
    assert len(article.references) == 24
    assert sum(len(ref.uses) for ref in article.references) == 31
    several = Counter(
        {ref.number: len(ref.uses) for ref in article.references if len(ref.uses) > 1}
    )
    assert several == SEED_USES
    assert not article.maintenance_tags
    urls = {ref.id: ref.url for ref in article.references if ref.url}
    assert urls == (SEED_URLS if converter in KEEPS_LINKS else {})


@pytest.mark.parametrize(
    "name",
    sorted(
        p.name
        for p in RENDERINGS.glob("*.*")
        if p.suffix in (".txt", ".md") and p.name != "README.md"
    ),
)
def test_each_rendering_is_text_of_its_family(name: str) -> None:
    text = (RENDERINGS / name).read_text("utf-8")
    assert detect_form(text) is SourceForm.TEXT
    converter = name.split(".", 1)[1]
    assert recognise(text) is CONVERTERS[converter]


def test_the_other_fixtures_keep_their_forms() -> None:
    seed = FIXTURES / "Bakhytzhan_Toregozhina"
    assert (
        detect_form((seed / "Bakhytzhan_Toregozhina.rendered.txt").read_text()) is SourceForm.TEXT
    )
    assert detect_form((seed / "Bakhytzhan_Toregozhina.wiki").read_text()) is SourceForm.WIKITEXT
    assert (
        detect_form((RENDERINGS / "Kettlewell_Footbridge.wiki").read_text()) is SourceForm.WIKITEXT
    )
    assert (
        recognise((seed / "Bakhytzhan_Toregozhina.rendered.txt").read_text())
        is Rendering.READER_COPY
    )


def _sloppy_windows_1252(data: bytes) -> str:
    """UTF-8 bytes read back as Windows-1252, undefined bytes as Latin-1 (as browsers do)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


@pytest.mark.parametrize(
    "garble",
    [
        lambda text: _sloppy_windows_1252(text.encode("utf-8")),
        lambda text: text.encode("utf-8").decode("latin-1"),
        lambda text: _sloppy_windows_1252(
            _sloppy_windows_1252(text.encode("utf-8")).encode("utf-8")
        ),
    ],
    ids=["windows-1252", "latin-1", "twice"],
)
def test_mojibake_is_repaired_before_reading(garble: object) -> None:
    clean = (RENDERINGS / "seed.lynx.txt").read_text("utf-8")
    garbled = garble(clean)  # type: ignore[operator]
    assert "â€" in garbled or "Ã" in garbled
    article = parse_article(garbled)
    expected = parse_article(clean)
    assert headings(article) == headings(expected)
    assert [s.text for _, _, s in article.sentences()] == [
        s.text for _, _, s in expected.sentences()
    ]
    assert any("wrong character set" in note for note in article.notes)


def test_vector_2022_contents_numbers_give_levels_that_structure_cannot() -> None:
    """A reader's copy with the contents sidebar: "Opening" has text before it under "History",
    so only the sidebar's `1.1Opening` says it is a subsection; `1.12006–2009: Beginnings` is
    section 1.2 because a heading reads "2006–2009: Beginnings"."""
    copy = "\n".join(
        [
            "Contents",
            "hide",
            "(Top)",
            "1History",
            "Toggle History subsection",
            "1.1Opening",
            "1.22006–2009: Beginnings",
            "2",
            "Design",
            "Toggle the table of contents",
            "Kettlewell Footbridge",
            "From Wikipedia, the free encyclopedia",
            "The bridge crosses the river.[1]",
            "History",
            "[edit]",
            "Plans were drawn up.[1]",
            "Opening",
            "[edit]",
            "It opened in 1998.[1]",
            "2006–2009: Beginnings",
            "[edit]",
            "Work began.[1]",
            "Design",
            "[edit]",
            "It is long.[1]",
            "References",
            "[edit]",
            '1. ^ a b c d e "The footbridge". Council. Retrieved 14 May 2024.',
        ]
    )
    article = parse_article(copy, SourceForm.TEXT)
    assert headings(article) == [
        ("History", 2),
        ("Opening", 3),
        ("2006–2009: Beginnings", 3),
        ("Design", 2),
        ("References", 2),
    ]


FRONT_MATTER_LINES = st.lists(
    st.from_regex(r"[a-z_]{1,12}: [^\n]{0,60}", fullmatch=True), min_size=1, max_size=8
)
WIKI_NOISE = st.lists(
    st.sampled_from(
        [
            "{{cite web|url=x}}",
            "[[Link]]",
            "== Heading ==",
            "'''bold'''",
            "<ref>x</ref>",
            "}}",
            "{{",
        ]
    ),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(FRONT_MATTER_LINES, WIKI_NOISE, st.randoms(use_true_random=False))
def test_front_matter_is_never_wikitext(
    metadata: list[str], noise: list[str], shuffle: random.Random
) -> None:
    body = ["Some prose of the article."] + noise
    shuffle.shuffle(body)
    text = "---\n" + "\n".join(metadata) + "\n---\n" + "\n".join(body) + "\n"
    assert detect_form(text) is SourceForm.TEXT


TEX = st.sampled_from(
    [
        r"{\displaystyle x^{2}+y^{2}=z^{2}}",
        r"{\displaystyle {\frac {1}{2}}\sum _{i}a_{i}}",
        r"{\displaystyle \mathbf {A} ={\begin{pmatrix}a&b\\c&d\end{pmatrix}}}",
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.text("abcdefgh ,.", min_size=5, max_size=80), TEX), min_size=1, max_size=20
    )
)
def test_tex_fallback_is_never_wikitext(paragraphs: list[tuple[str, str]]) -> None:
    """Formulas' TeX fallback braces (`}}`) are not templates: prose with them stays text."""
    text = "\n\n".join(f"{prose} {tex} {prose}" for prose, tex in paragraphs)
    assert detect_form(text) is SourceForm.TEXT


def test_input_format_still_overrules_detection() -> None:
    text = "---\ntitle: X\n---\n'''X''' is a [[thing]].<ref>{{cite web|title=T}}</ref>\n"
    assert detect_form(text) is SourceForm.TEXT
    assert parse_article(text, SourceForm.WIKITEXT).references[0].title == "T"


def test_an_article_between_horizontal_rules_is_no_front_matter() -> None:
    """Wikitext may open with `----` or `---` lines around markup: only `key: value` lines
    between them are front matter (found by the hostile-article fuzzing)."""
    text = (
        "---\n'''X''' is a thing.<ref>{{cite web |url=https://example.org/ |title=T}}</ref>\n"
        "# a list item\n---\n== History ==\nMore.<ref>{{cite web |url=https://example.org/b}}</ref>\n"
    )
    assert detect_form(text) is SourceForm.WIKITEXT
