"""How converters render a reference list, one rule at a time, on small renderings written
here by hand (an invented article, "Kettle Valley Bridge", on example domains) in the shape
each converter gives: what the text reader must read back from each shape.
"""

from __future__ import annotations

from citeaudit.model import Article, SourceForm
from citeaudit.parse import parse_article

W3M_PARAGRAPHS = """\
Kettle Valley Bridge

From Wikipedia, the free encyclopedia

The Kettle Valley bridge was built over the river in the spring of the year
when the old ferry stopped running and the village needed a way across the
water for the people who worked at the mill on the far side of the river.^[1]
[1] It was paid for by a subscription among the families of the valley and
the mill owners, who gave most of the money and asked for nothing in return
but a plaque on the railing near the middle of the span on the north side.^[2]
[2] The plaque was stolen in the winter after the flood and was replaced with
one of cast iron, which the smith of the village made in his forge by the mill
from the old railings, and which is still there.

References

"""
W3M_LINKS = """
References:

[1] https://en.wikipedia.org/wiki/Kettle#cite_note-1
[2] https://en.wikipedia.org/wiki/Kettle#cite_note-2
[3] https://en.wikipedia.org/wiki/Kettle#cite_ref-1
[4] https://web.archive.org/web/20150420104147/https://news.example.org/bridge
[5] https://news.example.org/bridge
[6] https://en.wikipedia.org/wiki/Kettle#cite_ref-2
[7] https://gazette.example.org/mill
"""


def read(text: str) -> Article:
    article = parse_article(text)
    assert article.source_form is SourceForm.TEXT
    return article


def test_a_year_wrapped_to_the_start_of_a_line_goes_on_with_its_numbered_entry() -> None:
    """w3m indents an entry's wrapped lines by four, whatever the width of its number, so a
    line that starts with a year and a full stop looks like an item of its own."""
    article = read(
        W3M_PARAGRAPHS
        + """\
 1. [3]↑ [4]"The Valley Bridge". Valley News. Archived from [5]the original on
    2015-04-20. Retrieved 2017-04-24.
 2. [6]↑ [7]"Mill families and the bridge fund". The Mill Gazette. Valley Press.
    2015. Retrieved 2017-04-24.
"""
        + W3M_LINKS
    )
    second = article.references[1]
    assert [ref.number for ref in article.references] == [1, 2]
    assert second.text.endswith("Valley Press. 2015. Retrieved 2017-04-24.")
    assert second.url == "https://gazette.example.org/mill"


def test_a_number_that_follows_the_item_still_starts_the_next_item() -> None:
    article = read(
        W3M_PARAGRAPHS
        + """\
 1. [3]↑ [4]"The Valley Bridge". Valley News. Archived from [5]the original on
    2015-04-20. Retrieved 2017-04-24.
    2. [6]↑ [7]"Mill families and the bridge fund". The Mill Gazette. Valley.
"""
        + W3M_LINKS
    )
    assert [ref.number for ref in article.references] == [1, 2]


def test_the_original_link_is_found_where_the_dump_wrapped_after_its_number() -> None:
    """`Archived from [5]` at the end of a line, `the original` on the next: still the URL of
    a dead source, the title linking to the archive."""
    article = read(
        W3M_PARAGRAPHS
        + """\
 1. [3]↑ [4]"The Valley Bridge". Valley News. Archived from [5]
    the original on 2015-04-20. Retrieved 2017-04-24.
 2. [6]↑ [7]"Mill families and the bridge fund". The Mill Gazette. Retrieved
    2017-04-24.
"""
        + W3M_LINKS
    )
    first = article.references[0]
    assert first.url == "https://news.example.org/bridge"
    assert (
        first.archive_url
        == "https://web.archive.org/web/20150420104147/https://news.example.org/bridge"
    )


HTML2TEXT_PAGE = """\
****** Kettle Valley Bridge ******
From Wikipedia, the free encyclopedia
The Kettle Valley bridge was built over the river in the spring of the year
when the old ferry stopped running and the village needed a way across the
water for the people who worked at the mill on the far side of the river.[1]
It was paid for by a subscription among the families of the valley and the
mill owners, who gave most of the money and asked for nothing in return but a
plaque on the railing near the middle of the span on the north side.[2][3]
The plaque was stolen in the winter after the flood and was replaced with one
of cast iron, which the smith of the village made in his forge by the mill
from the old railings, and which is still there.[3]
***** References *****
[edit]
{entries}
***** External links *****
[edit]
"""


def test_html2text_halves_and_style_splits_make_one_entry_each() -> None:
    """Debian's html2text prints a Parsoid entry's back-links and its text as two items, and
    breaks an item at an inline style sheet (the sheet an item, the rest of the text another),
    numbering every piece; entries it did not split are numbered on from there."""
    entries = """\
   1. ↑
   2. "The Valley Bridge". Valley News. Archived from the original on 2015-04-
      20. Retrieved 2017-04-24. The bridge, says the
   3. .mw-parser-output .monospaced{font-family:monospace,monospace}
   4. valley fund, was paid for in full.
   5. ↑ Valley Council 1999, p. 4.
   6. 12
   7. "Mill families and the bridge fund". The Mill Gazette. Valley Press.
      p. 5: The mill gave the most.
"""
    article = read(HTML2TEXT_PAGE.format(entries=entries))
    assert [(ref.number, len(ref.uses)) for ref in article.references] == [(1, 1), (2, 1), (3, 2)]
    first, _, third = article.references
    assert first.text.endswith("The bridge, says the valley fund, was paid for in full.")
    assert third.text.endswith("Valley Press. p. 5: The mill gave the most.")


def test_html2text_entry_broken_at_a_style_link_or_a_wrapped_style_sheet_is_one_entry() -> None:
    """The legacy parser's list (`^` glued to the text): the first citation's style sheet
    comes out as an item wrapped over several lines right after the back-link, and a later
    citation's `<link>` to the sheet breaks its entry with nothing printed."""
    entries = """\
   1. ^
   2.  .mw-parser-output cite.citation { font-style: inherit; word-wrap: break-
      word } .mw-parser-output .citation q { quotes: "\\"" "\\"" "'" "'" } .mw-
      parser-output .citation:target { background-color: rgba(0, 127, 255,
      0.133) } .mw-parser-output .cs1-code { color: inherit }
   3. "The_Valley_Bridge". Valley News. Retrieved 24 April 2017.
   4. ^ a b"Mill_families_and_the_bridge_fund". The Mill Gazette. Retrieved 24
      April 2017.
   5. The sum given is in the money of the day, as the gazette printed it.
   6. ^ Valley Council 1999, p. 4.
"""
    article = read(HTML2TEXT_PAGE.format(entries=entries))
    assert [(ref.number, len(ref.uses)) for ref in article.references] == [(1, 1), (2, 1), (3, 2)]
    assert (
        article.references[0].text == '"The Valley Bridge". Valley News. Retrieved 24 April 2017.'
    )
    assert article.references[1].text.endswith(
        "in the money of the day, as the gazette printed it."
    )


PANDOC_PAGE = """\
Kettle Valley Bridge
====================

From Wikipedia, the free encyclopedia

History
-------

The Kettle Valley bridge was built over the river when the old ferry
stopped running.^[[[\\[]{#mwA1 .cite-bracket}1[\\]]{#mwA2
.cite-bracket}]{#mwA3
.mw-reflink-text}](https://en.wikipedia.org/wiki/Kettle#cite_note-1){#mwA4}^
It was paid for by the families of the
valley.^[[[\\[]{#mwB1 .cite-bracket}2[\\]]{#mwB2
.cite-bracket}]{#mwB3
.mw-reflink-text}](https://en.wikipedia.org/wiki/Kettle#cite_note-2){#mwB4}^

References
----------

::: {#mwR1 .mw-references-wrap typeof="mw:Extension/references"}
1.  [[[[↑ ]{#mwC1
    .mw-linkback-text}](https://en.wikipedia.org/wiki/Kettle#cite_ref-1){#mwC2
    rel="mw:referencedBy"}]{#mwC3 .mw-cite-backlink}
    [[\"The Valley
    Bridge\"](https://news.example.org/bridge){#mwC4 .external .text}.
    [Valley News]{#mwC5}. Retrieved 2017-04-24. The bridge was opened on a
    wet morning in the spring, with the band of the mill playing on the
    north bank and the children of the school standing along the railings
    on both sides of the span, and the oldest ferryman of the valley was
    the first to walk across it, carrying the last ticket of the ferry in
    his hand, which he then gave to the keeper of the village museum,
    where it can still be seen in a case beside the old ferry bell and a
    painting of the crossing as it looked before the bridge was built over
    the river. The fund, it says, was
    [raised in a year](https://en.wikipedia.org/wiki/Year "Year"){#mwC6
    rel="mw:WikiLink"} by [the
    families](https://en.wikipedia.org/wiki/Family "Family"){#mwC7
    rel="mw:WikiLink"} and [the
    mill](https://en.wikipedia.org/wiki/Mill "Mill"){#mwC8
    rel="mw:WikiLink"}.^[[[\\[]{#mwC9 .cite-bracket}2[\\]]{#mwCa
    .cite-bracket}]{#mwCb
    .mw-reflink-text}](https://en.wikipedia.org/wiki/Kettle#cite_note-2){#mwCc}^]{#mw-reference-text-cite_note-1
    .mw-reference-text .reference-text}]{#cite_note-1}
2.  [[[[1 ]{#mwD1
    .mw-linkback-text}](https://en.wikipedia.org/wiki/Kettle#cite_ref-2-0){#mwD2}[[2
    ]{#mwD3
    .mw-linkback-text}](https://en.wikipedia.org/wiki/Kettle#cite_ref-2-1){#mwD4}]{#mwD5
    .mw-cite-backlink rel="mw:referencedBy"}
    [[\"Mill families and the bridge
    fund\"](https://gazette.example.org/mill){#mwD6 .external .text}. [The
    Mill Gazette]{#mwD7}. Retrieved 2017-04-24.]{#mw-reference-text-cite_note-2
    .mw-reference-text .reference-text}]{#cite_note-2}
:::
"""


def test_an_entry_opening_with_a_long_number_is_read_in_one_pass() -> None:
    """Back-link numbers may be glued (`12` for 1 and 2), so a run of digits opening an item
    could be split into numbers in exponentially many ways; a long one (an identifier, a
    phone number) is read once. With backtracking, this entry took hours."""
    digits = "4" * 64
    entries = f"""\
   1. ↑
   2. "The Valley Bridge". Valley News. Retrieved 2017-04-24.
   3. {digits}x is the bridge's number in the county register.
   4. ↑ Valley Council 1999, p. 4.
"""
    article = read(HTML2TEXT_PAGE.format(entries=entries))
    assert any(digits in ref.text for ref in article.references)


def test_pandoc_markdown_of_a_parsoid_entry_nested_in_spans_is_one_entry() -> None:
    """pandoc writes each entry of Parsoid's list as a span holding the back-link span and the
    text span, links and markers nested inside them: all taken away, however long the text."""
    article = read(PANDOC_PAGE)
    assert [(ref.number, len(ref.uses)) for ref in article.references] == [(1, 1), (2, 2)]
    first, second = article.references
    assert first.url == "https://news.example.org/bridge"
    assert first.text.startswith('"The Valley Bridge". Valley News. Retrieved 2017-04-24.')
    assert second.url == "https://gazette.example.org/mill"
    assert (
        second.text
        == '"Mill families and the bridge fund". The Mill Gazette. Retrieved 2017-04-24.'
    )


def uses(article: Article) -> dict[str, int]:
    return {ref.id: len(ref.uses) for ref in article.references}


def test_a_bracketed_number_without_a_link_number_is_text_in_a_numbered_link_dump() -> None:
    """w3m and lynx print a link's number before each marker (`^[4][1]`); `table[1]` with no
    link number before it is text, though the number was a link's earlier on the page."""
    article = read(
        """\
Kettle Valley Bridge

From Wikipedia, the free encyclopedia

The Kettle Valley bridge was built over the river in the spring.^[1][1]

The ledger of the mill lists the subscribers in table[1] of its second volume
and the families paid for the plaque on the railing.^[2][2]

References

 1. [3]↑ [4]"The Valley Bridge". Valley News. Retrieved 2017-04-24.
 2. [5]↑ [6]"Mill families and the bridge fund". The Mill Gazette. Retrieved 2017-04-24.

References:

[1] https://en.wikipedia.org/wiki/Kettle#cite_note-1
[2] https://en.wikipedia.org/wiki/Kettle#cite_note-2
[3] https://en.wikipedia.org/wiki/Kettle#cite_ref-1
[4] https://news.example.org/bridge
[5] https://en.wikipedia.org/wiki/Kettle#cite_ref-2
[6] https://gazette.example.org/mill
"""
    )
    assert uses(article) == {"1": 1, "2": 1}
    assert any("table[1] of its second" in sentence.text for *_, sentence in article.sentences())


MARKDOWN_HEAD = """\
Kettle Valley Bridge
====================

From Wikipedia, the free encyclopedia

"""
MARKDOWN_REFERENCES = """
References
----------

1. **[^](#cite_ref-1)** ["The Valley Bridge"](https://news.example.org/bridge). Valley News.
2. ^ [a](#cite_ref-2-0) [b](#cite_ref-2-1) ["Mill families"](https://gazette.example.org/mill).
   The Mill Gazette.
"""


def test_an_index_in_a_markdown_code_block_is_not_a_marker() -> None:
    """A marker in Markdown is a link to its entry (`[[1]](#cite_note-1)`); `fares[2]` in a
    fenced code block and `[1]` quoted without a link are text."""
    article = read(
        MARKDOWN_HEAD
        + """\
The toll was kept by a script on the keeper's desk.[[1]](#cite_note-1) The mill paid for
it.[[2]](#cite_note-2)

```
fare = fares[2]
```

The keeper's notes quote it as "see [1] for the fares".[[2]](#cite_note-2)
"""
        + MARKDOWN_REFERENCES
    )
    assert uses(article) == {"1": 1, "2": 2}


def test_a_markdown_rendering_without_links_keeps_its_markers() -> None:
    """Guard: a converter told to drop links leaves every marker unlinked; they stay markers."""
    article = read(
        MARKDOWN_HEAD
        + """\
The toll was kept by a script on the keeper's desk.[1] The mill paid for it.[2][1]
"""
        + MARKDOWN_REFERENCES.replace("**[^](#cite_ref-1)**", "^ a b")
        .replace("[a](#cite_ref-2-0) [b](#cite_ref-2-1)", "")
        .replace("](https://news.example.org/bridge)", "]")
        .replace("](https://gazette.example.org/mill)", "]")
    )
    assert uses(article) == {"1": 2, "2": 1}


def test_a_marker_of_its_own_list_quoted_in_an_entry_is_text_beyond_the_backlinks() -> None:
    """Debian html2text keeps no links: a `[1]` inside entry 3's quoted source is text when
    entry 1 prints fewer back-links than the markers read; the note's `[2]`, which cites the
    other list, is a use."""
    article = read(
        """\
****** Kettle Valley Bridge ******
From Wikipedia, the free encyclopedia
The Kettle Valley bridge was built over the river in the spring.[1] Its deck is
of oak.[a] The mill paid for the plaque on the railing.[3]
***** History *****
The ferry stopped running in the winter after the flood.[2]
***** Notes *****
   1. ^ The oak came from the valley's own woods.[2]
***** References *****
   1. ^"The_Valley_Bridge". Valley News. Retrieved 2017-04-24.
   2. ^ a b "Mill_families_and_the_bridge_fund". The Mill Gazette.
   3. ^Kettle, Ann (2019). "The toll ledger", quoting "as the ledger [1] shows".
      Valley Press.
"""
    )
    assert uses(article) == {"lower-alpha:a": 1, "1": 1, "2": 2, "3": 1}
    assert not any("back-link" in note for note in article.notes)


def test_a_marker_whose_link_a_table_cut_is_still_a_marker() -> None:
    """pandoc's grid tables cut a link between lines (`[[3]](https://en.wi`, `[3]](#cite_note-3)`,
    `[[3]`); the bracket still stands inside a Markdown link's brackets: a marker."""
    article = read(
        MARKDOWN_HEAD
        + """\
The toll was kept by a script on the keeper's desk.[[1]](#cite_note-1) The mill paid for
it.[[2]](#cite_note-2)

| Opened | 1998[[1]](https://en.wi |
| Closed | 2001 [1]](#cite_note-1) |
| Rebuilt | 2009.[[2] |
"""
        + MARKDOWN_REFERENCES
    )
    assert uses(article) == {"1": 3, "2": 2}


GRID_TABLE = r"""
+-----------------------+-----------------------+
| Opened                | ::: plainlist         |
|                       | -   1998^[\[1         |
|                       | \]](https://en.wikipe |
|                       | dia.org/wiki/Kettle#c |
|                       | ite_note-kettle-v-1)^ |
|                       | :::                   |
+-----------------------+-----------------------+
| [Engineer](/wiki/Eng  | Margaret Hale^[       |
| ineer "Engineer")     | \[2\]](#cite_note-2)^ |
+-----------------------+-----------------------+
"""


def test_pandoc_grid_table_cells_are_read_whole_with_their_markers() -> None:
    """pandoc draws a table as a grid: each cell's text runs down its column over the row's
    lines, wrapped at spaces, and a word longer than the column (a link with its target) is cut
    at the column's width. The cells are read whole, so the markers in them count."""
    article = read(
        MARKDOWN_HEAD.replace("From Wikipedia", "[]{#top}\nFrom Wikipedia")
        + """\
The toll was kept by a script on the keeper's desk.[[1]](#cite_note-1) The mill paid for
it.[[2]](#cite_note-2)

"""
        + GRID_TABLE
        + MARKDOWN_REFERENCES
    )
    assert uses(article) == {"1": 2, "2": 2}
