"""Pathological articles in every form: no crash, no recursion error, no quadratic time.

Each case is sized so that a quadratic parser would take minutes (tens of thousands of
unclosed openers or nested elements) while a linear one takes a second or two; the time bound
is generous (a shared, busy machine) but far below what the quadratic behaviour costs. Where a
limit is passed, the article's notes say so. The 1-20 MB sizes are measured by
`tests/benchmarks/test_bench_parse_scale.py`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from citeaudit.errors import InputError
from citeaudit.model import Article, SourceForm
from citeaudit.parse import MAX_ARTICLE_BYTES, decode_article, html, parse_article, text, wikitext

from . import generate

SECONDS = 20.0
"""Bound on any one case here; the quadratic behaviour these cases provoke takes minutes."""


def timed_parse(parse: Callable[[str], Article], source: str) -> tuple[Article, float]:
    started = time.perf_counter()
    article = parse(source)
    return article, time.perf_counter() - started


def all_references_have_consistent_uses(article: Article) -> bool:
    sentence_ids = {sentence.id for _section, _paragraph, sentence in article.sentences()}
    return all(
        use.sentence_id is None or use.sentence_id in sentence_ids
        for reference in article.references
        for use in reference.uses
    )


def test_fifty_thousand_nested_templates() -> None:
    article, seconds = timed_parse(wikitext.parse, generate.nested_templates(50_000))
    assert seconds < SECONDS
    assert len(article.references) == 1


@pytest.mark.parametrize("tag", ["span", "div", "b"])
def test_fifty_thousand_nested_tags_end_in_a_note(tag: str) -> None:
    article, seconds = timed_parse(wikitext.parse, generate.nested_tags(50_000, tag))
    assert seconds < SECONDS
    assert any("nested deeper than" in note for note in article.notes)


def test_fifty_thousand_nested_refs_are_one_ref_and_the_next() -> None:
    # mwparserfromhell gives up nesting at its own depth limit and keeps the rest as the text
    # of the outermost ref; the ref after the nest is read as usual.
    article, seconds = timed_parse(wikitext.parse, generate.nested_tags(50_000, "ref"))
    assert seconds < SECONDS
    assert [reference.raw.startswith("<ref><ref>") for reference in article.references] == [
        True,
        False,
    ]


def test_twenty_thousand_of_every_unclosed_opener() -> None:
    source = generate.unclosed_everything(20_000)
    article, seconds = timed_parse(wikitext.parse, source)
    assert seconds < SECONDS
    assert [r.raw for r in article.references] == ["<ref>Kept.</ref>"]
    unclosed = " ".join(article.notes)
    for kind in ("`{{`", "`[[`", "`<tag>`", "external link"):
        assert kind in unclosed
    sentences = [sentence.text for _section, _paragraph, sentence in article.sentences()]
    assert any("Claim 19999." in sentence for sentence in sentences)


def test_fifty_thousand_references() -> None:
    article, seconds = timed_parse(wikitext.parse, generate.references(50_000))
    assert seconds < 3 * SECONDS
    assert len(article.references) == 50_000
    assert article.references[-1].url == "https://example.org/49999"
    assert all_references_have_consistent_uses(article)


def test_deep_lists_are_cut_to_a_depth_with_a_note() -> None:
    article, seconds = timed_parse(wikitext.parse, generate.deep_lists(500, 3_000))
    assert seconds < SECONDS
    assert len(article.references) == 500
    assert any("lists deeper than" in note for note in article.notes)


def test_ten_thousand_nested_tables() -> None:
    article, seconds = timed_parse(wikitext.parse, generate.nested_tables(10_000))
    assert seconds < SECONDS
    assert len(article.references) <= 1


@pytest.mark.parametrize("tag", ["div", "span"])
def test_html_with_a_hundred_thousand_nested_elements(tag: str) -> None:
    article, seconds = timed_parse(html.parse, generate.html_nested(100_000, tag))
    assert seconds < SECONDS
    assert article.source_form is SourceForm.HTML


def test_html_with_fifty_thousand_unclosed_elements() -> None:
    article, seconds = timed_parse(html.parse, generate.html_unclosed(50_000))
    assert seconds < SECONDS
    assert article.references == []


def test_html_paragraph_with_more_markers_than_the_splitter_holds() -> None:
    # 7,000 markers in one paragraph: more than the 6,400 private-use characters the sentence
    # splitter stands markers in; it raised ValueError before.
    article, seconds = timed_parse(html.parse, generate.html_markers_in_one_paragraph(7_000))
    assert seconds < SECONDS
    assert len(article.references) == 7_000
    assert all(len(reference.uses) == 1 for reference in article.references)
    assert all_references_have_consistent_uses(article)


def test_text_with_millions_of_brackets() -> None:
    article, seconds = timed_parse(text.parse, generate.text_brackets(1_000_000))
    assert seconds < SECONDS
    assert article.source_form is SourceForm.TEXT


@pytest.mark.parametrize(
    "make",
    [generate.nested_templates, generate.unclosed_everything, generate.text_brackets],
    ids=["nested-templates", "unclosed", "brackets"],
)
def test_form_detection_and_dispatch_survive_hostile_text(make: Callable[[int], str]) -> None:
    article, seconds = timed_parse(parse_article, make(20_000))
    assert seconds < SECONDS
    assert article.source_form in set(SourceForm)


def test_an_article_over_the_size_limit_is_refused_with_a_reason() -> None:
    with pytest.raises(InputError, match="larger than 64 MB"):
        decode_article(b"x" * (MAX_ARTICLE_BYTES + 1))


@pytest.mark.parametrize(
    "unit",
    ["{{a|<div>}}", "{{a|\n{|\n}}", "{{a|[[b|[[b|[[b|[[b|[[b|}}"],
    ids=["tag", "table", "nested-links"],
)
def test_unclosed_markup_inside_closed_templates(unit: str) -> None:
    # mwparserfromhell's failed try at these runs on past the template's end: quadratic in the
    # number of templates (2,000 took seconds) unless the guard escapes them.
    article, seconds = timed_parse(wikitext.parse, unit * 20_000)
    assert seconds < SECONDS
    assert any("read as plain text" in note for note in article.notes)
