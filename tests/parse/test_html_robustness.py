"""No input crashes the HTML parser: random, mutated and pathologically nested HTML.

The seeds of the mutations are simulated snippets in the shapes of legacy and Parsoid output.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import given, settings
from hypothesis import strategies as st

from citeaudit.model import Article
from citeaudit.parse.html.article import HTML_BUILDER, parse
from citeaudit.parse.html.inline import inner_html

SEEDS = [
    '<div class="mw-parser-output"><h2><span class="mw-headline">A</span></h2><p>Claim.<sup id="cite_ref-a_1-0" '
    'class="reference"><a href="#cite_note-a-1">[1]</a></sup><sup class="reference nowrap">: 4</sup></p>'
    '<ol class="references"><li id="cite_note-a-1"><span class="mw-cite-backlink"><a href="#cite_ref-a_1-0">^</a>'
    '</span> <span class="reference-text"><cite class="citation web cs1"><a class="external text" href="https://x.example/">'
    '"T"</a>. <i>W</i>. Archived from <a class="external text" href="https://y.example/">the original</a> on 1 May 2020'
    '<span class="reference-accessdate">. Retrieved 2 May 2020</span>.</cite><span class="Z3988" title="rft.atitle=T&amp;rft.au=A">'
    '</span><sup class="noprint Inline-Template"><a href="/wiki/Wikipedia:Link_rot"><span title="May 2021">dead link</span>'
    "</a></sup></span></li></ol></div>",
    '<body class="mw-parser-output"><section data-mw-section-id="1"><h2>S</h2><p>X.<sup typeof="mw:Extension/ref" '
    'data-mw=\'{"name":"ref","attrs":{"name":"n"},"body":{"id":"mw-reference-text-cite_note-n-1"}}\'>'
    '<a href="./P#cite_note-n-1">[1]</a></sup></p><div typeof="mw:Extension/references" data-mw=\'{"body":'
    '{"html":"&lt;sup data-mw=&apos;{}&apos;>"}}\'><ol class="mw-references"><li id="cite_note-n-1" '
    'data-mw-footnote-number="1"><span class="mw-reference-text"><link typeof="mw:Transclusion" data-mw=\''
    '{"parts":[{"template":{"target":{"wt":"cite web"},"params":{"title":{"wt":"[[A|B]]"}}}}]}\'/>'
    '<a href="#CITEREFX">X</a></span></li></ol></div></section></body>',
]

TAGS = [
    "p",
    "div",
    "span",
    "sup",
    "a",
    "ol",
    "li",
    "ul",
    "h2",
    "h3",
    "section",
    "table",
    "tr",
    "td",
    "th",
    "cite",
    "i",
    "blockquote",
    "figure",
    "link",
    "style",
    "br",
]
ATTRIBUTES = st.sampled_from(
    [
        'class="reference"',
        'class="references"',
        'class="mw-references"',
        'class="reference-text"',
        'class="infobox"',
        'class="Inline-Template"',
        'class="Template-Fact"',
        'class="citation web"',
        'class="Z3988" title="rft.au=x&amp;rft_id=info:doi/1"',
        'href="#cite_note-1"',
        'href="#CITEREFa"',
        'id="cite_note-1"',
        'data-mw-footnote-number="x"',
        'data-mw-group="g"',
        'typeof="mw:Extension/ref"',
        'typeof="mw:Transclusion"',
        'rel="mw:PageProp/Category" href="./Category:A"',
        "",
    ]
)
DATA_MW = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "name",
                    "attrs",
                    "body",
                    "id",
                    "parts",
                    "template",
                    "target",
                    "params",
                    "wt",
                    "href",
                    "html",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@st.composite
def html_fragments(draw: st.DrawFn) -> str:
    pieces = []
    for _ in range(draw(st.integers(0, 25))):
        choice = draw(st.integers(0, 3))
        if choice == 0:
            pieces.append(f"<{draw(st.sampled_from(TAGS))} {draw(ATTRIBUTES)}>")
        elif choice == 1:
            pieces.append(f"</{draw(st.sampled_from(TAGS))}>")
        elif choice == 2:
            data = json.dumps(draw(DATA_MW)).replace("'", "&apos;")
            pieces.append(f"<sup typeof=\"mw:Extension/ref mw:Transclusion\" data-mw='{data}'>")
        else:
            pieces.append(draw(st.text(max_size=20)))
    return "".join(pieces)


def check(article: Article) -> None:
    ids = [reference.id for reference in article.references]
    assert len(ids) == len(set(ids))
    for _, _, sentence in article.sentences():
        assert set(sentence.reference_ids) <= set(ids)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses(text: str) -> None:
    check(parse(text))


@settings(max_examples=150, deadline=None)
@given(html_fragments())
def test_random_html_of_the_relevant_elements_parses(html: str) -> None:
    check(parse(html))


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(SEEDS),
    st.lists(
        st.tuples(
            st.integers(0, 2), st.integers(0, 2000), st.integers(0, 60), st.text(max_size=10)
        ),
        max_size=6,
    ),
)
def test_mutated_wikipedia_html_parses(
    seed: str, mutations: list[tuple[int, int, int, str]]
) -> None:
    html = seed
    for kind, start, length, text in mutations:
        start %= len(html) + 1
        if kind == 0:
            html = html[:start] + html[start + length :]
        elif kind == 1:
            html = html[:start] + text + html[start:]
        else:
            html = html[:start] + html[start : start + length] * 3 + html[start:]
    check(parse(html))


@pytest.mark.parametrize(
    "text", ["https://en.wikipedia.org/wiki/Rust", "Rust.html", '<?xml version="1.0"?><p>x</p>', ""]
)
def test_inputs_bs4_would_warn_about_parse_quietly(text: str) -> None:
    check(parse(text))  # pytest turns warnings into errors


def test_the_seeds_read_as_intended() -> None:
    legacy, parsoid = (parse(seed) for seed in SEEDS)
    assert [(len(r.uses), r.uses[0].page, r.url_status) for r in legacy.references] == [
        (1, "4", "dead")
    ]
    assert [m.kind for m in legacy.maintenance_tags] == ["dead-link"]
    assert [(r.name, r.kind, r.title) for r in parsoid.references] == [("n", "cite web", "B")]


def test_pathological_nesting_does_not_crash() -> None:
    depth = 20000
    for tag in ("div", "span", "sup", "li", "table"):
        html = (
            "<div class='mw-parser-output'>"
            + f"<{tag}>" * depth
            + "Deep text."
            + f"</{tag}>" * depth
            + "</div>"
        )
        article = parse(html)
        check(article)
    unclosed_markers = '<sup class="reference"><a href="#cite_note-1">' * 5000 + "x"
    swallowed = parse(unclosed_markers + '<ol class="references"><li id="cite_note-1">A.</li></ol>')
    assert swallowed.references == []  # the list sits inside the first, never closed, marker
    assert swallowed.notes == ["1 citation marker(s) point at no reference-list entry"]


@settings(max_examples=100, deadline=None)
@given(html_fragments())
def test_inner_html_serialises_what_beautifulsoup_would(html: str) -> None:
    tree = BeautifulSoup(f"<div>{html}</div>", HTML_BUILDER)
    root = tree.find("div")
    assert isinstance(root, Tag)
    ours = BeautifulSoup(inner_html(root), HTML_BUILDER)
    theirs = BeautifulSoup(root.decode_contents(), HTML_BUILDER)
    assert ours.decode() == theirs.decode()
