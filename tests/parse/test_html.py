"""The HTML parser on legacy parser output, Parsoid HTML and a saved full page.

Every HTML snippet here is simulated: written for the test after the structures described in
`reference/interfaces.md` §2 (legacy `sup.reference` / `ol.references` / `cite.citation` /
COinS, Parsoid `data-mw` / `section` / `data-mw-footnote-number`), not copied from a page.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from citeaudit.model import Article, DateFormat, Reference, Revision, SourceForm
from citeaudit.parse import parse_article
from citeaudit.parse.html.article import parse
from tests.conftest import shared_file
from tests.parse.cite_cases import ExpectedEntry, expected_entries

# --- builders of simulated markup -----------------------------------------------------------


def legacy_marker(note: str, label: str, use: str = "") -> str:
    ref_id = f"cite_ref-{note}{use}"
    return (
        f'<sup id="{ref_id}" class="reference"><a href="#cite_note-{note}">'
        f'<span class="cite-bracket">&#91;</span>{label}<span class="cite-bracket">&#93;</span></a></sup>'
    )


def legacy_list(*items: tuple[str, str], group: str | None = None) -> str:
    group_attr = f' data-mw-group="{group}"' if group else ""
    entries = "".join(
        f'<li id="cite_note-{note}"><span class="mw-cite-backlink"><b><a href="#cite_ref-{note}">^</a></b></span> '
        f'<span class="reference-text">{body}</span></li>'
        for note, body in items
    )
    return f'<div class="reflist"><div class="mw-references-wrap"><ol class="references"{group_attr}>{entries}</ol></div></div>'


def parsoid_marker(
    note: str, label: str, name: str | None = None, first: bool = True, group: str = ""
) -> str:
    attrs = {"name": name} if name else {}
    if group:
        attrs["group"] = group

    data = {"name": "ref", "attrs": attrs}
    if first:
        data["body"] = {"id": f"mw-reference-text-cite_note-{note}"}
    group_attr = f' data-mw-group="{group}"' if group else ""
    return (
        f'<sup about="#mwt1" class="mw-ref reference" typeof="mw:Extension/ref" data-mw=\'{json.dumps(data)}\'>'
        f'<a href="./Page#cite_note-{note}"{group_attr}><span class="mw-reflink-text">[{label}]</span></a></sup>'
    )


def parsoid_list(*items: tuple[str, int, str], group: str = "") -> str:
    entries = "".join(
        f'<li about="#cite_note-{note}" id="cite_note-{note}" data-mw-footnote-number="{number}">'
        f'<span class="mw-cite-backlink" rel="mw:referencedBy"><a href="./Page#cite_ref-{note}">↑</a></span> '
        f'<span id="mw-reference-text-cite_note-{note}" class="mw-reference-text reference-text">{body}</span></li>'
        for note, number, body in items
    )
    group_attr = f' data-mw-group="{group}"' if group else ""
    return (
        f'<div class="mw-references-wrap" typeof="mw:Extension/references" '
        f'data-mw=\'{{"name":"references","attrs":{{"group":"{group}"}}}}\'>'
        f'<ol class="mw-references references"{group_attr}>{entries}</ol></div>'
    )


def content(html: str) -> Article:
    return parse(f'<div class="mw-content-ltr mw-parser-output">{html}</div>')


def by_number(article: Article, group: str | None = None) -> dict[int, Reference]:
    return {r.number: r for r in article.references if r.group == group and r.number is not None}


# --- sections -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        (
            '<div class="mw-heading mw-heading2"><h2 id="Early_life">Early life</h2>'
            '<span class="mw-editsection"><span class="mw-editsection-bracket">[</span>'
            '<a href="/w/index.php?action=edit&amp;section=1">edit</a>]</span></div>',
            "Early life",
        ),
        (
            '<h2><span class="mw-headline" id="Early_life">Early life</span>'
            '<span class="mw-editsection">[<a href="#">edit</a>]</span></h2>',
            "Early life",
        ),
        (
            '<h2 id="Early_life"><span id="Early.E2.80.93life" typeof="mw:FallbackId"></span>Early life</h2>',
            "Early life",
        ),
    ],
    ids=["legacy-2024", "legacy-mw-headline", "parsoid"],
)
def test_heading_shapes_give_plain_titles_without_edit_links(heading: str, title: str) -> None:
    article = content(f"<p>Lead.</p>{heading}<p>Body.</p>")
    assert [(s.level, s.title) for s in article.sections()] == [(0, ""), (2, title)]
    assert [s.text for _, _, s in article.sentences()] == ["Lead.", "Body."]


def test_sections_form_a_tree_in_legacy_and_parsoid_shapes() -> None:
    legacy = content(
        "<p>Lead.</p><h2>Career</h2><p>A.</p><h3>2010 detention</h3><p>B.</p>"
        "<h3>2016 detention</h3><p>C.</p><h2>Awards</h2><p>D.</p>"
    )
    parsoid = parse(
        '<body class="mw-parser-output"><section data-mw-section-id="0"><p>Lead.</p></section>'
        '<section data-mw-section-id="1"><h2 id="Career">Career</h2><p>A.</p>'
        '<section data-mw-section-id="2"><h3>2010 detention</h3><p>B.</p></section>'
        '<section data-mw-section-id="3"><h3>2016 detention</h3><p>C.</p></section></section>'
        '<section data-mw-section-id="4"><h2>Awards</h2><p>D.</p></section></body>'
    )
    for article in (legacy, parsoid):
        assert [(s.index, s.level, s.title) for s in article.sections()] == [
            (0, 0, ""),
            (1, 2, "Career"),
            (2, 3, "2010 detention"),
            (3, 3, "2016 detention"),
            (4, 2, "Awards"),
        ]
        assert [c.title for c in article.lead.children[0].children] == [
            "2010 detention",
            "2016 detention",
        ]
        assert article.source_form is SourceForm.HTML


def test_paragraph_kinds_for_lists_and_quotes() -> None:
    article = content(
        "<p>Text here.</p><ul><li>First item.<ul><li>Nested item.</li></ul></li></ul>"
        "<blockquote><p>Quoted words.</p></blockquote><dl><dd>Indented.</dd></dl>"
    )
    kinds = [(p.kind, [s.text for s in p.sentences]) for _, p, _ in article.sentences()]
    assert kinds == [
        ("text", ["Text here."]),
        ("list", ["First item."]),
        ("list", ["Nested item."]),
        ("quote", ["Quoted words."]),
        ("list", ["Indented."]),
    ]


# --- markers and uses -----------------------------------------------------------------------


def test_legacy_markers_named_reuse_and_backlinks() -> None:
    article = content(
        "<p>She founded it."
        + legacy_marker("Kahar-1", "1", "_1-0")
        + " It grew."
        + legacy_marker("2", "2")
        + legacy_marker("Kahar-1", "1", "_1-1")
        + "</p>"
        + "<h2>References</h2>"
        + legacy_list(("Kahar-1", "Kahar site."), ("2", "Second."))
    )
    first, second = article.references
    assert (first.id, first.name, first.number, first.group) == ("1", "Kahar", 1, None)
    assert (second.id, second.name, second.number) == ("2", None, 2)
    assert [(u.section_index, u.sentence_id) for u in first.uses] == [(0, 0), (0, 1)]
    assert [s.reference_ids for _, _, s in article.sentences()] == [["1"], ["2", "1"]]
    assert first.text == "Kahar site."


def test_parsoid_markers_groups_and_footnote_numbers() -> None:
    article = content(
        "<p>A claim."
        + parsoid_marker("x-1", "1", name="x")
        + " A note."
        + parsoid_marker("3", "note 1", group="note")
        + " Said again."
        + parsoid_marker("x-1", "1", name="x", first=False)
        + "</p>"
        + parsoid_list(("3", 1, "A note."), group="note")
        + parsoid_list(("x-1", 1, "Source X."))
    )
    main, notes = by_number(article), by_number(article, "note")
    assert main[1].name == "x" and len(main[1].uses) == 2
    assert notes[1].group == "note" and len(notes[1].uses) == 1
    assert [u.sentence_id for u in main[1].uses] == [0, 2]


def test_parsoid_list_defined_names_come_from_the_references_wrapper() -> None:
    definitions = (
        '\\u003csup typeof=\\"mw:Extension/ref\\" data-mw=\'{\\"name\\":\\"ref\\",\\"attrs\\":'
        '{\\"name\\":\\"Project Verona\\"},\\"body\\":{\\"id\\":\\"mw-reference-text-cite_note-Project_Verona-4\\"}}\'\\u003e\\u003c/sup\\u003e'
    )
    wrapper_data = '{"name":"references","attrs":{},"body":{"html":"' + definitions + '"}}'
    article = content(
        "<p>Uses it."
        + parsoid_marker("Project_Verona-4", "1", first=False)
        + "</p>"
        + f'<div class="mw-references-wrap" typeof="mw:Extension/references" data-mw=\'{wrapper_data.replace(chr(39), "&apos;")}\'>'
        + '<ol class="mw-references references"><li id="cite_note-Project_Verona-4" data-mw-footnote-number="1">'
        + '<span class="mw-reference-text">Verona.</span></li></ol></div>'
    )
    assert article.references[0].name == "Project Verona"


@pytest.mark.parametrize(
    ("suffix", "page"),
    [
        ('<sup class="reference nowrap"><span title="Page: 13">: 13</span></sup>', "13"),
        (
            '<sup class="reference nowrap" typeof="mw:Transclusion"><span title="Location: 7:50">'
            '<span typeof="mw:Entity">:</span><span typeof="mw:Entity">\u00a0</span>7:50</span></sup>',
            "7:50",
        ),
    ],
    ids=["legacy-rp", "parsoid-rp"],
)
def test_page_suffix_after_a_marker_is_that_use_s_page(suffix: str, page: str) -> None:
    article = content(
        "<p>A claim."
        + legacy_marker("1", "1")
        + suffix
        + " Said more."
        + legacy_marker("1", "1")
        + "</p>"
        + legacy_list(("1", "Book."))
    )
    assert [u.page for u in article.references[0].uses] == [page, None]
    assert [s.text for _, _, s in article.sentences()] == ["A claim.", "Said more."]


def test_markers_in_tables_infoboxes_and_figures_are_uses_outside_sentences() -> None:
    article = content(
        '<table class="infobox biography vcard"><tr><th class="infobox-label">Born</th>'
        '<td class="infobox-data">23 March 1962' + legacy_marker("1", "1") + "</td></tr>"
        '<tr><th class="infobox-label">Died</th><td class="infobox-data">—</td></tr></table>'
        "<figure><figcaption>A caption." + legacy_marker("1", "1") + "</figcaption></figure>"
        "<p>Prose." + legacy_marker("1", "1") + "</p>" + legacy_list(("1", "Source."))
    )
    assert [u.sentence_id for u in article.references[0].uses] == [None, None, 0]
    assert [s.text for _, _, s in article.sentences()] == ["Prose."]
    assert article.infoboxes[0].fields == {"Born": "23 March 1962", "Died": "—"}


def test_a_marker_pointing_at_no_entry_is_noted_not_invented() -> None:
    article = content("<p>Claim." + legacy_marker("9", "9") + "</p>")
    assert article.references == []
    assert article.notes == ["1 citation marker(s) point at no reference-list entry"]


# --- maintenance tags -----------------------------------------------------------------------

CITATION_NEEDED = (
    '<sup class="noprint Inline-Template Template-Fact" style="white-space:nowrap;">&#91;<i>'
    '<a href="/wiki/Wikipedia:Citation_needed" title="Wikipedia:Citation needed">'
    '<span title="This claim needs references to reliable sources. (July 2012)">citation needed</span></a></i>&#93;</sup>'
)
DEAD_LINK = (
    '<sup class="noprint Inline-Template"><span style="white-space: nowrap;">&#91;<i>'
    '<a href="/wiki/Wikipedia:Link_rot" title="Wikipedia:Link rot">'
    '<span title="\u00a0Dead link tagged January 2018">permanent dead link</span></a></i>&#93;</span></sup>'
)
FAILED = (
    '<sup class="noprint Inline-Template" style="white-space:nowrap;">&#91;<i>'
    '<a href="/wiki/Wikipedia:Verifiability" title="Wikipedia:Verifiability"><span title="The material near '
    'this tag failed verification of its source citation(s). (March 2017)">failed verification</span></a></i>&#93;</sup>'
)
PARSOID_BETTER_SOURCE = (
    '<sup class="noprint Inline-Template" typeof="mw:Transclusion" data-mw=\'{"parts":[{"template":'
    '{"target":{"wt":"bsn","href":"./Template:Bsn"},"params":{"date":{"wt":"May 2024"}},"i":0}}]}\'>'
    '[<i><a href="./Wikipedia:Reliable_sources">better source needed</a></i>]</sup>'
)


@pytest.mark.parametrize(
    ("markup", "kind", "name", "date"),
    [
        (CITATION_NEEDED, "citation-needed", "citation needed", "July 2012"),
        (FAILED, "failed-verification", "failed verification", "March 2017"),
        (PARSOID_BETTER_SOURCE, "better-source-needed", "bsn", "May 2024"),
    ],
    ids=["citation-needed", "failed-verification", "parsoid-data-mw"],
)
def test_maintenance_tags_in_prose_belong_to_their_sentence(
    markup: str, kind: str, name: str, date: str
) -> None:
    article = content(f"<p>First claim.{markup} Second claim.</p>")
    (tag,) = article.maintenance_tags
    assert (tag.kind, tag.name, tag.date, tag.sentence_id, tag.reference_id) == (
        kind,
        name,
        date,
        0,
        None,
    )
    assert [s.text for _, _, s in article.sentences()] == ["First claim.", "Second claim."]


def test_dead_link_inside_a_reference_carries_the_reference_id() -> None:
    article = content(
        "<p>Claim."
        + legacy_marker("1", "1")
        + "</p>"
        + legacy_list(
            (
                "1",
                '<a class="external free" href="http://gone.example/">http://gone.example/</a> '
                + DEAD_LINK,
            )
        )
    )
    (tag,) = article.maintenance_tags
    assert (tag.kind, tag.reference_id, tag.sentence_id, tag.date) == (
        "dead-link",
        "1",
        None,
        "January 2018",
    )
    assert article.references[0].kind == "bare-url"
    assert article.references[0].text == "http://gone.example/"


# --- reference fields -----------------------------------------------------------------------

LEGACY_CITE_LIVE = (
    '<cite id="CITEREFChandrasekaran2014" class="citation web cs1">Chandrasekaran, Siddharth (2014-05-16). '
    '<a rel="nofollow" class="external text" href="https://embed.example/ring-buffer/">"Implementing a Ring Buffer"</a>. '
    '<i>Embed Journal</i>. EmbedJournal Team. <a rel="nofollow" class="external text" '
    'href="https://web.archive.org/web/20170211031659/http://embed.example/ring-buffer/">Archived</a> from the original '
    'on 11 February 2017<span class="reference-accessdate">. Retrieved <span class="nowrap">14 August</span> 2017</span>.</cite>'
    '<span title="ctx_ver=Z39.88-2004&amp;rft.genre=unknown&amp;rft.jtitle=Embed+Journal&amp;rft.atitle=Implementing+a+Ring+Buffer'
    "&amp;rft.date=2014-05-16&amp;rft.aulast=Chandrasekaran&amp;rft.aufirst=Siddharth&amp;rft.pub=EmbedJournal+Team"
    '&amp;rft_id=https%3A%2F%2Fembed.example%2Fring-buffer%2F" class="Z3988"></span>'
)
LEGACY_CITE_DEAD_PDF = (
    '<cite class="citation news cs1"><a rel="nofollow" class="external text" '
    'href="https://web.archive.org/web/20160807075745/http://news.example/report.pdf">"Annual Report"</a> '
    '<span class="cs1-format">(PDF)</span>. <i>The Daily Example</i>. 8 March 2023. Archived from '
    '<a rel="nofollow" class="external text" href="http://news.example/report.pdf">the original</a> on 7 August 2016'
    '<span class="reference-accessdate">. Retrieved <span class="nowrap">11 March</span> 2023</span>.</cite>'
)
PARSOID_CITE = (
    '<link rel="mw-deduplicated-inline-style" href="mw-data:TemplateStyles:r1" about="#mwt9" '
    'typeof="mw:Extension/templatestyles mw:Transclusion" data-mw=\'{"parts":[{"template":{"target":'
    '{"wt":"cite news ","href":"./Template:Cite_news"},"params":{"last":{"wt":"Binstock"},'
    '"first":{"wt":"Andrew"},"date":{"wt":"January 7, 2014"},"title":{"wt":"The Rise And Fall"},'
    '"website":{"wt":"[[Dr. Dobb&apos;s Journal]]"},"url":{"wt":"https://dobbs.example/rise"},'
    '"url-status":{"wt":"dead"},"archive-url":{"wt":"https://web.archive.org/web/2016/https://dobbs.example/rise"},'
    '"archive-date":{"wt":"2016-08-07"},"accessdate":{"wt":"2022-11-20"}},"i":0}}]}\'/>'
    '<cite id="CITEREFBinstock2014" class="citation news cs1" about="#mwt9">Binstock, Andrew (2014-01-07). '
    '<a rel="mw:ExtLink nofollow" href="https://web.archive.org/web/2016/https://dobbs.example/rise" class="external text">'
    '"The Rise And Fall"</a>. <i>Dr. Dobb\'s Journal</i>.</cite>'
)


def test_legacy_cite_web_with_live_archive_and_coins() -> None:
    article = content(
        "<p>Claim." + legacy_marker("1", "1") + "</p>" + legacy_list(("1", LEGACY_CITE_LIVE))
    )
    ref = article.references[0]
    assert (ref.kind, ref.title, ref.url, ref.work) == (
        "cite web",
        "Implementing a Ring Buffer",
        "https://embed.example/ring-buffer/",
        "Embed Journal",
    )
    assert (ref.archive_url, ref.archive_date, ref.url_status) == (
        "https://web.archive.org/web/20170211031659/http://embed.example/ring-buffer/",
        "11 February 2017",
        "live",
    )
    assert (ref.date, ref.access_date, ref.authors, ref.publisher) == (
        "2014-05-16",
        "14 August 2017",
        ["Chandrasekaran, Siddharth"],
        "EmbedJournal Team",
    )
    assert ref.citeref == "CITEREFChandrasekaran2014"
    assert "Retrieved 14 August 2017" in ref.text and "ctx_ver" not in ref.text


def test_legacy_cite_news_dead_original_and_pdf() -> None:
    article = content(
        "<p>Claim." + legacy_marker("1", "1") + "</p>" + legacy_list(("1", LEGACY_CITE_DEAD_PDF))
    )
    ref = article.references[0]
    assert (ref.kind, ref.title, ref.work, ref.format, ref.date) == (
        "cite news",
        "Annual Report",
        "The Daily Example",
        "PDF",
        "8 March 2023",
    )
    assert (ref.url, ref.archive_url, ref.url_status, ref.archive_date, ref.access_date) == (
        "http://news.example/report.pdf",
        "https://web.archive.org/web/20160807075745/http://news.example/report.pdf",
        "dead",
        "7 August 2016",
        "11 March 2023",
    )


def test_parsoid_template_parameters_are_the_best_source() -> None:
    article = content(
        "<p>Claim." + parsoid_marker("1", "1") + "</p>" + parsoid_list(("1", 1, PARSOID_CITE))
    )
    ref = article.references[0]
    assert (ref.kind, ref.title, ref.url, ref.work, ref.date, ref.access_date) == (
        "cite news",
        "The Rise And Fall",
        "https://dobbs.example/rise",
        "Dr. Dobb's Journal",
        "January 7, 2014",
        "2022-11-20",
    )
    assert (ref.archive_url, ref.archive_date, ref.url_status, ref.authors) == (
        "https://web.archive.org/web/2016/https://dobbs.example/rise",
        "2016-08-07",
        "dead",
        ["Binstock, Andrew"],
    )


@pytest.mark.parametrize(
    ("body", "kind", "title", "url"),
    [
        (
            '<a rel="nofollow" class="external text" href="https://site.example/page">Site page</a>, 2020.',
            "link",
            "Site page",
            "https://site.example/page",
        ),
        (
            '<a rel="nofollow" class="external free" href="https://site.example/page">https://site.example/page</a>',
            "bare-url",
            None,
            "https://site.example/page",
        ),
        (
            '<a rel="nofollow" class="external autonumber" href="https://site.example/page">[1]</a>',
            "link",
            None,
            "https://site.example/page",
        ),
        ("Interview with the author, 2019.", "text", None, None),
    ],
    ids=["titled-link", "bare-url", "numbered-link", "text"],
)
def test_references_without_a_citation_template(
    body: str, kind: str, title: str | None, url: str | None
) -> None:
    article = content("<p>Claim." + legacy_marker("1", "1") + "</p>" + legacy_list(("1", body)))
    ref = article.references[0]
    assert (ref.kind, ref.title, ref.url) == (kind, title, url)


def test_short_citation_points_at_the_full_entry_by_its_citeref_anchor() -> None:
    full = '<cite id="CITEREFKlabnikNichols2019" class="citation book cs1">Klabnik, Steve; Nichols, Carol (2019). <i>The Rust Programming Language</i>. No Starch Press.</cite>'
    article = content(
        "<p>Claim."
        + legacy_marker("FOOTNOTEKlabnikNichols2019110-1", "1")
        + "</p>"
        + legacy_list(
            (
                "FOOTNOTEKlabnikNichols2019110-1",
                '<a href="#CITEREFKlabnikNichols2019">Klabnik &amp; Nichols 2019</a>, p. 110.',
            )
        )
        + "<h3>Book sources</h3><ul><li>"
        + full
        + "</li></ul>"
        + legacy_list(("book-2", full))
    )
    short, book = article.references
    assert (short.kind, short.short_target) == ("short", book.id)
    assert (book.kind, book.title, book.authors, book.date) == (
        "cite book",
        "The Rust Programming Language",
        ["Klabnik, Steve", "Nichols, Carol"],
        "2019",
    )


# --- page-level facts ---------------------------------------------------------------------


def test_date_format_from_parsoid_data_mw_or_the_tracking_category() -> None:
    parsoid = content(
        '<p><span typeof="mw:Nowiki mw:Transclusion" data-mw=\'{"parts":[{"template":{"target":'
        '{"wt":"Use dmy dates","href":"./Template:Use_dmy_dates"},"params":{},"i":0}}]}\'></span></p>'
    )
    legacy = parse(
        '<html><body><div id="mw-content-text"><div class="mw-parser-output"><p>Text.</p></div></div>'
        '<div id="catlinks" class="catlinks"><ul><li><a href="/wiki/Category:Use_mdy_dates_from_July_2022">'
        "Use mdy dates from July 2022</a></li></ul></div></body></html>"
    )
    assert parsoid.date_format is DateFormat.DMY
    assert legacy.date_format is DateFormat.MDY
    assert content("<p>Text.</p>").date_format is None


SAVED_PAGE = (
    """<!DOCTYPE html>
<html><head><title>Jane Example - Wikipedia</title>
<script>RLCONF={"wgArticleId":4242,"wgRevisionId":1143000000,"wgServerName":"en.wikipedia.org"};</script></head>
<body>
<a class="mw-jump-link" href="#bodyContent">Jump to content</a>
<div id="mw-navigation"><nav><ul><li><a href="/wiki/Main_Page">Main page</a></li><li>Donate now.</li></ul></nav></div>
<div class="vector-toc"><ul><li>Contents menu entry.</li></ul></div>
<h1 id="firstHeading">Jane Example</h1>
<div id="bodyContent"><div id="siteSub">From Wikipedia, the free encyclopedia</div>
<div id="mw-content-text"><div class="mw-content-ltr mw-parser-output">
<div class="shortdescription nomobile noexcerpt noprint searchaux" style="display:none">Activist</div>
<div role="note" class="hatnote navigation-not-searchable">For other people, see Jane (disambiguation).</div>
<p>Jane Example is an activist."""
    + legacy_marker("1", "1")
    + """</p>
<div id="toc" class="toc"><ul><li>1 Career entry.</li></ul></div>
<div class="mw-heading mw-heading2"><h2 id="Career">Career</h2><span class="mw-editsection">[<a href="#">edit</a>]</span></div>
<p>She worked.</p>
<div class="mw-heading mw-heading2"><h2 id="References">References</h2></div>
"""
    + legacy_list(("1", "A source."))
    + """
<div class="navbox"><table><tr><td>Navbox entry text.</td></tr></table></div>
</div></div>
<div class="printfooter">Retrieved from "https://en.wikipedia.org/wiki/Jane_Example"</div>
<div id="catlinks" class="catlinks"><div id="mw-normal-catlinks"><a href="/wiki/Help:Category">Categories</a>:
<ul><li><a href="/wiki/Category:Living_people">Living people</a></li><li><a href="/wiki/Category:Activists">Activists</a></li></ul></div></div>
</div>
<footer id="footer"><ul><li>This page was last edited today.</li></ul></footer>
</body></html>"""
)


def test_saved_full_page_keeps_only_the_article_content() -> None:
    article = parse(SAVED_PAGE)
    assert article.title == "Jane Example"
    assert article.revision == Revision(
        site="en.wikipedia.org", page_id=4242, revision_id=1143000000
    )
    assert [(s.level, s.title) for s in article.sections()] == [
        (0, ""),
        (2, "Career"),
        (2, "References"),
    ]
    assert [s.text for _, _, s in article.sentences()] == [
        "Jane Example is an activist.",
        "She worked.",
    ]
    assert article.categories == ["Living people", "Activists"]
    assert len(article.references) == 1 and len(article.references[0].uses) == 1


def test_parsoid_head_gives_title_revision_and_categories() -> None:
    article = parse(
        '<!DOCTYPE html><html about="https://en.wikipedia.org/wiki/Special:Redirect/revision/1318205510">'
        '<head><meta property="mw:pageId" content="29414838"/><meta property="dc:modified" content="2025-10-22T14:47:24.000Z"/>'
        "<title>Rust (programming language)</title></head>"
        '<body class="mw-content-ltr parsoid-body mediawiki mw-parser-output"><section data-mw-section-id="0">'
        '<p>Text.<link rel="mw:PageProp/Category" href="./Category:Programming_languages#Rust"/></p></section></body></html>'
    )
    assert article.title == "Rust (programming language)"
    assert article.revision is not None
    assert (article.revision.site, article.revision.revision_id, article.revision.page_id) == (
        "en.wikipedia.org",
        1318205510,
        29414838,
    )
    assert article.categories == ["Programming languages"]
    assert parse("<p>x</p>", title="Given").title == "Given"


# --- the real Parsoid HTML of "Rust (programming language)" -----------------------------------
# English Wikipedia, revision 1318205510, CC BY-SA 4.0 (Wikipedia contributors); read from the
# shared reference data, never copied here. The expected numbers are counted from the raw HTML
# with patterns of the test's own, or with `cite_cases.expected_entries`.


@pytest.fixture(scope="module")
def rust_html() -> str:
    return shared_file("reference", "data", "rust_parsoid.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rust(rust_html: str) -> Article:
    return parse(rust_html)


def test_rust_headings_match_the_h_elements_of_the_html(rust_html: str, rust: Article) -> None:
    headings = re.findall(r'<h([2-6]) id="([^"]*)"', rust_html)
    sections = list(rust.sections())[1:]
    assert [(s.level, s.title.replace(" ", "_")) for s in sections] == [
        (int(n), anchor) for n, anchor in headings
    ]
    assert Counter(s.level for s in sections) == {2: 11, 3: 30, 4: 11}
    assert [s.title for s in rust.lead.children][-4:] == [
        "See also",
        "Notes",
        "References",
        "External links",
    ]


def test_rust_entries_per_group_and_uses(rust_html: str, rust: Article) -> None:
    found = sorted(
        ExpectedEntry(r.group or "", str(r.number), len(r.uses)) for r in rust.references
    )
    assert found == expected_entries(rust_html)
    assert (
        len(rust.references)
        == len(re.findall(r'<li about="#cite_note-[^"]*" id="cite_note-', rust_html))
        == 209
    )
    assert Counter(r.group for r in rust.references) == {None: 202, "note": 7}
    backlinks = len(re.findall(r'href="\./Rust_\(programming_language\)#cite_ref-', rust_html))
    assert sum(len(r.uses) for r in rust.references) == backlinks == 273
    assert len({r.id for r in rust.references}) == 209


def test_rust_reference_fields_and_page_facts(rust: Article) -> None:
    platform = rust.reference("2")
    assert platform is not None
    assert (platform.name, platform.kind, platform.title, platform.work) == (
        "CrossPlatform",
        "cite web",
        "Platform Support",
        "The rustc book",
    )
    assert (platform.url, platform.archive_date, platform.access_date, platform.url_status) == (
        "https://doc.rust-lang.org/rustc/platform-support.html",
        "2022-06-30",
        "2022-06-27",
        "live",
    )
    cited = [r for r in rust.references if r.kind.startswith("cite ")]
    assert all(r.title and (r.url or r.identifiers) for r in cited)
    assert all(r.url for r in cited if r.kind == "cite web")
    short = [r for r in rust.references if r.kind == "short"]
    assert len(short) == 68
    assert all(use.page for r in short if re.search(r", pp?\. ", r.text) for use in r.uses)
    assert rust.date_format is DateFormat.MDY
    assert rust.revision is not None and rust.revision.revision_id == 1318205510
    assert rust.infoboxes[0].name == "Infobox programming language"
    assert rust.infoboxes[0].fields["Developer"] == "The Rust Team"
    assert "Articles with short description" in rust.categories
    in_sentences = sum(1 for r in rust.references for u in r.uses if u.sentence_id is not None)
    assert in_sentences == sum(len(s.reference_ids) for _, _, s in rust.sentences())


def test_cite_errors_are_noted_and_stay_in_the_reference_text() -> None:
    legacy = content(
        "<p>Claim."
        + legacy_marker("foo-1", "1")
        + "</p>"
        + legacy_list(
            (
                "foo-1",
                'Body <span class="error mw-ext-cite-error">Cite error: <code>&lt;ref&gt;'
                '</code> tag with name "foo" defined in <code>&lt;references&gt;</code> is not used '
                "in prior text.</span>",
            )
        )
    )
    parsoid = content(
        "<p>Claim." + parsoid_marker("bar-1", "1", name="bar", first=False) + "</p>"
        '<ol class="mw-references references"><li id="cite_note-bar-1" data-mw-footnote-number="1">'
        '<span class="mw-reference-text reference-text"></span> <span typeof="mw:I18n" '
        'class="error mw-ext-cite-error" data-mw-i18n=\'{"/":{"key":"cite_error","params":'
        '[{"text":{"key":"cite_error_references_no_text","params":["bar"]}}]}}\'></span></li></ol>'
    )
    assert "is not used in prior text" in legacy.references[0].text
    assert legacy.notes == [
        'Cite error in cite_note-foo-1: <ref> tag with name "foo" defined in <references> '
        "is not used in prior text."
    ]
    assert parsoid.notes == ["Cite error in cite_note-bar-1: cite_error_references_no_text (bar)"]
    undefined = parsoid.references[0]
    assert (undefined.name, undefined.raw, undefined.text, len(undefined.uses)) == (
        "bar",
        "",
        "",
        1,
    )


def cite_web(inner: str) -> str:
    return f'<cite class="citation web cs1">{inner}</cite>'


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            cite_web(
                '<a class="external text" href="https://state.example/award">"2023 International '
                'Women of Courage Award"</a>. U.S. Department of State. 8 March 2023'
                '<span class="reference-accessdate">. Retrieved 11 March 2023</span>.'
            ),
            (
                "2023 International Women of Courage Award",
                None,
                "U.S. Department of State",
                "8 March 2023",
                "11 March 2023",
                [],
            ),
        ),
        (
            cite_web(
                'Melnychenko, Natalia (20 October 2022). <a class="external text" '
                'href="https://odf.example/kz">"KAZAKHSTAN: persecution"</a>. Open Dialogue '
                'Foundation<span class="reference-accessdate">. Retrieved 12 March 2023</span>.'
            ),
            (
                "KAZAKHSTAN: persecution",
                None,
                "Open Dialogue Foundation",
                "20 October 2022",
                "12 March 2023",
                ["Melnychenko, Natalia"],
            ),
        ),
        (
            cite_web(
                'AP, Manuel Balce Ceneta-staff. <a class="external text" href="https://hj.example/">'
                '"Jill Biden Women"</a>. <i>The Herald Journal</i>'
                '<span class="reference-accessdate">. Retrieved 12 March 2023</span>.'
            ),
            (
                "Jill Biden Women",
                "The Herald Journal",
                None,
                None,
                "12 March 2023",
                ["AP, Manuel Balce Ceneta-staff"],
            ),
        ),
        (
            '<cite class="citation book cs1">Klabnik, Steve; Nichols, Carol (2019). <i>The Rust '
            "Programming Language</i>. San Francisco: No Starch Press. pp. 4–5. "
            '<a href="/wiki/ISBN">ISBN</a> 978-1-7185-0044-0.</cite>',
            (
                "The Rust Programming Language",
                None,
                "No Starch Press",
                "2019",
                None,
                ["Klabnik, Steve", "Nichols, Carol"],
            ),
        ),
    ],
    ids=["publisher-and-date", "author-first", "agency-author", "book"],
)
def test_rendered_cs1_phrases_give_the_fields(body: str, expected: tuple[object, ...]) -> None:
    article = content("<p>A claim." + legacy_marker("1", "1") + "</p>" + legacy_list(("1", body)))
    ref = article.references[0]
    assert (ref.title, ref.work, ref.publisher, ref.date, ref.access_date, ref.authors) == expected


def test_inline_code_and_math_stay_inside_their_sentence() -> None:
    article = content(
        '<p>Variables are declared with the <code class="mw-highlight mw-highlight-lang-rust">let</code>'
        ' keyword, and <span class="mwe-math-element"><math><mi>x</mi></math></span> is a value.'
        '</p><div class="mw-highlight"><pre>let x = 1;</pre></div><p>After the block.</p>'
    )
    assert [s.text for _, _, s in article.sentences()] == [
        "Variables are declared with the let keyword, and is a value.",
        "After the block.",
    ]


@pytest.mark.parametrize(
    ("label", "group"),
    [("note 1", "note"), ("a", "lower-alpha"), ("B", "upper-alpha"), ("4", None)],
)
def test_old_html_without_list_groups_takes_the_group_from_the_marker_label(
    label: str, group: str | None
) -> None:
    article = content(
        "<p>A claim." + legacy_marker("n-1", label) + "</p>" + legacy_list(("n-1", "A note."))
    )
    assert article.references[0].group == group


def test_identifier_links_and_a_title_linked_to_its_doi_are_not_the_cited_url() -> None:
    journal = (
        '<cite class="citation journal cs1">Perkel, Jeffrey M. (2020). <a class="external text" '
        'href="https://doi.org/10.1038%2Fd41586-020-03382-2">"Why scientists are turning to Rust"</a>. '
        '<i>Nature</i>. <a href="/wiki/Doi_(identifier)" title="Doi (identifier)">doi</a>:'
        '<a class="external text" href="https://doi.org/10.1038%2Fd41586-020-03382-2">10.1038/d41586</a>. '
        '<a href="/wiki/S2CID_(identifier)">S2CID</a>\u00a0<a class="external text" '
        'href="https://api.semanticscholar.org/CorpusID:227311364">227311364</a>.</cite>'
        '<span class="Z3988" title="rft.atitle=Why&amp;rft_id=info%3Adoi%2F10.1038%2Fd41586-020-03382-2'
        '&amp;rft_id=https%3A%2F%2Fapi.semanticscholar.org%2FCorpusID%3A227311364"></span>'
    )
    article = content(
        "<p>A claim." + legacy_marker("1", "1") + "</p>" + legacy_list(("1", journal))
    )
    ref = article.references[0]
    assert (ref.title, ref.work, ref.url) == ("Why scientists are turning to Rust", "Nature", None)
    assert ref.identifiers == {"doi": "10.1038/d41586-020-03382-2"}


def test_reference_ids_are_group_and_number_with_later_lists_marked() -> None:
    article = content(
        "<p>One claim."
        + legacy_marker("1", "1")
        + " A note."
        + legacy_marker("2", "note 1")
        + "</p>"
        + legacy_list(("1", "First."))
        + legacy_list(("2", "Note."), group="note")
        + "<p>Later claim."
        + legacy_marker("3", "1")
        + "</p>"
        + legacy_list(("3", "After the first list."))
    )
    assert [r.id for r in article.references] == ["1", "note-1", "1~2"]
    assert [s.reference_ids for _, _, s in article.sentences()] == [["1"], ["note-1"], ["1~2"]]


def test_parse_article_hands_html_to_this_parser(rust_html: str) -> None:
    article = parse_article(rust_html)
    assert article.source_form is SourceForm.HTML
    assert len(article.references) == 209


def test_a_long_run_of_digits_in_a_citation_is_read_in_one_pass() -> None:
    """Days before a month may be several (`3 4 May`); a run of digits tried as every split
    into days took exponential time (this entry: hours)."""
    digits = "4" * 64
    cited = (
        '<cite class="citation book cs1">Valley Council (1999). <i>The Bridge Fund</i>. '
        f"Valley Press, {digits}x.</cite>"
    )
    article = content("<p>Claim." + legacy_marker("1", "1") + "</p>" + legacy_list(("1", cited)))
    assert digits in article.references[0].text
