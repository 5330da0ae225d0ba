"""No wikitext crashes the wikitext parser, and what it returns always holds together."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeaudit.model import Article
from citeaudit.parse.wikitext.article import parse
from tests.conftest import FIXTURES

TOKENS = [
    "<ref>",
    "</ref>",
    "<ref name=a>",
    '<ref name="b" />',
    "<ref name=a/>",
    "<ref group=g>",
    "<ref follow=a>",
    "<references>",
    "</references>",
    "<references />",
    "{{",
    "}}",
    "|",
    "=",
    "{{cite web|title=T|url=http://x.example/",
    "{{sfn|A|2001|p=1}}",
    "{{efn|",
    "{{reflist|refs=",
    "{{#tag:ref|",
    "{{cn}}",
    "{{rp|3}}",
    "[[",
    "]]",
    "[[File:X.jpg|thumb|",
    "[[Category:C]]",
    "[http://x.example t]",
    "''",
    "'''",
    "<!--",
    "-->",
    "<nowiki>",
    "</nowiki>",
    "{|",
    "|}",
    "|-",
    "\n",
    "\n\n",
    "\n== H ==\n",
    "\n=== I ===\n",
    "* ",
    "# ",
    ": ",
    "<blockquote>",
    "</blockquote>",
    "&amp;",
    "&#x;",
    "<",
    ">",
    " ",
    "Word.",
    "U.S. ",
    "{{{1}}}",
    "{{Infobox x|a=",
    "<br>",
    "<pre>",
]

SEED = (FIXTURES / "Bakhytzhan_Toregozhina" / "Bakhytzhan_Toregozhina.wiki").read_text(
    encoding="utf-8"
)


def check_consistent(article: Article, text: str) -> None:
    """Ids are unique, sentences are numbered in order, every use points at a real sentence,
    and each reference's `raw` is a piece of the text."""
    ids = [r.id for r in article.references]
    assert len(ids) == len(set(ids))
    sentence_ids = [s.id for _, _, s in article.sentences()]
    assert sentence_ids == list(range(len(sentence_ids)))
    section_count = sum(1 for _ in article.sections())
    for reference in article.references:
        for use in reference.uses:
            assert use.sentence_id is None or 0 <= use.sentence_id < len(sentence_ids)
            assert 0 <= use.section_index < section_count
    cited = {rid for _, _, s in article.sentences() for rid in s.reference_ids}
    assert cited <= set(ids)
    assert all(reference.raw in text for reference in article.references)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), max_size=60))
def test_random_wikitext_never_crashes(pieces: list[str]) -> None:
    text = "".join(pieces)
    check_consistent(parse(text), text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(SEED)), st.integers(0, 40), st.sampled_from(TOKENS)),
        min_size=1,
        max_size=8,
    )
)
def test_mutated_article_never_crashes(edits: list[tuple[int, int, str]]) -> None:
    text = SEED
    for position, cut, insert in edits:
        text = text[:position] + insert + text[position + cut :]
    check_consistent(parse(text), text)


@pytest.mark.parametrize(
    "text",
    [
        "{{" * 5000,
        "{{a|" * 3000 + "}}" * 3000,
        "<ref>" * 3000,
        "<ref>{{efn|" * 1000,
        "[[" * 5000,
        "''" * 5000,
        "{|\n" * 2000,
        "<div>" * 5000,
        "{{#tag:ref|" * 2000,
        "<references>" * 2000 + "<ref name=a>x</ref>",
        "=" * 10000,
        "\n" * 10000,
        "",
        "\x00\ufffd\ue000 <ref>\ue001</ref>",
    ],
    ids=lambda text: repr(text[:16]),
)
def test_pathological_nesting_does_not_raise(text: str) -> None:
    check_consistent(parse(text), text)


def test_many_markers_in_one_paragraph() -> None:
    text = "Claim." + "<ref>x</ref>" * 7000 + " End."
    article = parse(text)
    assert len(article.references) == 7000
    check_consistent(article, text)
