"""Where sections, sentences and references stand in the source they were read from."""

from __future__ import annotations

import json
import re

import pytest

from citeaudit.model import Article, SourceForm, SourcePosition
from citeaudit.parse import html, parse_article, read_article_file, text, wikitext
from citeaudit.parse.positions import MaskedText, SourceLines
from tests.conftest import FIXTURES, shared_file

SEED = FIXTURES / "Bakhytzhan_Toregozhina"

WIKITEXT = """{{Infobox person
| name = Jane Example
| occupation = Activist and writer
}}
'''Jane Example''' (born 1962) is an activist and writer.<ref>{{cite web |title=Jane Example
is an activist |url=https://example.org/a}}</ref> She founded a school.<!-- She founded it
in 1999. --> {{lang|fr|Elle}} also wrote books.<ref name="b">Books. She wrote three.</ref>

== Career ==
She wrote three books<ref name="b" /> about [[Kazakhstan|her country]].
<syntaxhighlight lang="text">
She wrote code.
</syntaxhighlight>

She retired in 2020.

== References ==
{{reflist}}
"""


def at(source: str, position: SourcePosition | None) -> str:
    assert position is not None
    line = source.split("\n")[position.line - 1]
    return line[position.column - 1 :]


def test_wikitext_sentences_stand_at_their_first_word() -> None:
    article = wikitext.parse(WIKITEXT)
    sentences = [sentence for _, _, sentence in article.sentences()]
    assert [(s.position.line, s.position.column) for s in sentences if s.position] == [
        (5, 4),  # inside the bold markup, not in the infobox's `name =`
        (6, 51),  # after the reference whose title holds the same words
        (7, 31),  # the first word a template does not print
        (10, 1),
        (15, 1),  # not the words of the code block
    ]
    assert at(WIKITEXT, sentences[1].position).startswith("She founded a school.")
    assert at(WIKITEXT, sentences[2].position).startswith("also wrote books.")


def test_wikitext_sections_and_references() -> None:
    article = wikitext.parse(WIKITEXT)
    career = next(section for section in article.sections() if section.title == "Career")
    assert career.position == SourcePosition(9, 1)
    first, books = article.references
    assert at(WIKITEXT, first.position).startswith("<ref>{{cite web |title=Jane Example")
    assert at(WIKITEXT, books.position).startswith('<ref name="b">Books.')


def test_a_reference_only_reused_stands_at_its_first_citing_sentence() -> None:
    source = "Jane wrote books.<ref name=x />\n\n== Notes ==\n{{reflist}}\n"
    article = wikitext.parse(source)
    [undefined] = article.references
    assert undefined.position == SourcePosition(1, 1)


HTML = """<!doctype html><html><head><title>Jane Example - Wikipedia</title></head><body>
<div id="mw-content-text"><div class="mw-parser-output">
<table class="infobox"><tr><th>Jane Example</th></tr><tr><td>Activist and writer</td></tr></table>
<p><b>Jane Example</b> (born 1962) is an activist and writer.<sup class="reference" id="c-1"><a
 href="#cite_note-1">[1]</a></sup> She founded a school.</p>
<div class="mw-heading mw-heading2"><h2 id="Career">Career</h2></div>
<p>She wrote three <a href="/wiki/Book" title="Book">books</a>.</p>
<ol class="references"><li id="cite_note-1"><span class="reference-text">A profile.</span></li></ol>
</div></div></body></html>
"""


def test_html_sentences_headings_and_references() -> None:
    article = html.parse(HTML)
    sentences = [sentence for _, _, sentence in article.sentences()]
    assert [s.position for s in sentences] == [
        SourcePosition(4, 7),
        SourcePosition(5, 36),
        SourcePosition(7, 4),
    ]
    career = next(section for section in article.sections() if section.title == "Career")
    assert career.position == SourcePosition(6, 37), "at its <h2>"
    [reference] = article.references
    assert reference.position == sentences[0].position, "HTML: where it is first cited"


def test_rendered_text_positions() -> None:
    source = read_article_file(SEED / "Bakhytzhan_Toregozhina.rendered.txt")
    article = text.parse(source)
    assert_every_sentence_at_its_first_word(article, source)
    for reference in article.references:
        assert at(source, reference.position).startswith(reference.raw.strip())


def assert_every_sentence_at_its_first_word(
    article: Article, source: str, allowed_later_word: int = 0
) -> None:
    later = []
    for _, _, sentence in article.sentences():
        words = re.findall(r"\w\w+", sentence.text)
        here = at(source, sentence.position)
        if not here.startswith(words[0]):
            assert any(here.startswith(word) for word in words[1:4]), (sentence.text, here[:60])
            later.append(sentence.text)
    assert len(later) <= allowed_later_word, later


def test_seed_wikitext_positions() -> None:
    source = read_article_file(SEED / "Bakhytzhan_Toregozhina.wiki")
    article = wikitext.parse(source)
    assert_every_sentence_at_its_first_word(article, source)
    for reference in article.references:
        assert at(source, reference.position).startswith("<ref")
    for section in list(article.sections())[1:]:
        assert at(source, section.position).startswith("=")


def test_rust_wikitext_positions() -> None:
    """Four sentences open with a template's words; they stand at their next word."""
    source = json.loads(shared_file("reference", "data", "rust_rest_page.json").read_text())
    article = parse_article(source["source"], SourceForm.WIKITEXT)
    assert_every_sentence_at_its_first_word(article, source["source"], allowed_later_word=4)
    assert all(section.position for section in list(article.sections())[1:])


def test_rust_html_positions() -> None:
    path = shared_file("reference", "data", "rust_parsoid.html")
    source = read_article_file(path)
    article = parse_article(source, SourceForm.HTML)
    lines = source.split("\n")
    for _, _, sentence in article.sentences():
        assert sentence.position is not None
        first = re.findall(r"\w\w+", sentence.text)[0]
        assert lines[sentence.position.line - 1][sentence.position.column - 1 :].startswith(first)


@pytest.mark.parametrize(
    ("offset", "expected"), [(0, (1, 1)), (3, (1, 4)), (4, (2, 1)), (9, (3, 1)), (10, (3, 2))]
)
def test_source_lines(offset: int, expected: tuple[int, int]) -> None:
    assert SourceLines("abc\ndefg\nhi").position(offset) == SourcePosition(*expected)


def test_masked_text_maps_offsets_both_ways() -> None:
    source = "one <x>two\nthree</x> four"
    masked = MaskedText(source, [(4, 7), (16, 20)])
    assert masked.text == "one  two\nthree  four"
    assert masked.original(masked.text.index("four")) == source.index("four")
    assert masked.masked(source.index("two")) == masked.text.index("two")
