"""The wikitext parser: sections, running text, refs as Cite numbers them, templates, tags."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from citeaudit.model import Article, DateFormat, Reference
from citeaudit.parse.wikitext.article import parse
from tests.conftest import FIXTURES, SEED_HEADINGS, shared_file


def entries(article: Article) -> list[tuple[str | None, int | None, int]]:
    """(group, number, uses) of every entry, in the article's order."""
    return [(r.group, r.number, len(r.uses)) for r in article.references]


def only(article: Article) -> Reference:
    assert len(article.references) == 1
    return article.references[0]


def sentences(article: Article) -> list[tuple[str, list[str]]]:
    return [(s.text, s.reference_ids) for _, _, s in article.sentences()]


# --- sections, paragraphs, sentences ------------------------------------------------------


def test_sections_form_a_tree_by_heading_level() -> None:
    article = parse("Lead.\n== A ==\nx.\n=== A1 ===\ny.\n==== A1a ====\n== B ==\n=== B1 ===\n")
    flat = [(s.index, s.title, s.level) for s in article.sections()]
    assert flat == [(0, "", 0), (1, "A", 2), (2, "A1", 3), (3, "A1a", 4), (4, "B", 2), (5, "B1", 3)]
    assert [c.title for c in article.lead.children] == ["A", "B"]
    assert [c.title for c in article.lead.children[0].children] == ["A1"]


def test_heading_titles_are_plain_text() -> None:
    article = parse("== {{rust|if}} ''expressions'' and [[Foo|bar]]<!-- x --> ==\ntext.")
    assert [s.title for s in article.sections()][1] == "if expressions and bar"


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        (
            "One '''bold''' and ''italic'' [[Target|link]] and [[plain]].",
            "One bold and italic link and plain.",
        ),
        ("A <!-- hidden --> comment and &amp; entity&nbsp;here.", "A comment and & entity here."),
        ("See [https://example.org the site] and [https://example.org].", "See the site and ."),
        ("Text {{nowrap|kept}} and {{unknown template|dropped}} end.", "Text kept and end."),
        (
            "Born {{birth date|1962|3|23|df=y}} in {{lang|kk|Алматы}}.",
            "Born 23 March 1962 in Алматы.",
        ),
        ("Code <nowiki>{{not a template}}</nowiki> stays.", "Code {{not a template}} stays."),
        (
            "It is {{convert|5|to|10|km|mi}} long, {{as of|2023}}.",
            "It is 5 to 10 km long, As of 2023.",
        ),
        ("A {{cn-span|text=doubtful claim|date=May 2020}} here.", "A doubtful claim here."),
    ],
)
def test_running_text_is_rendered_without_markup(wikitext: str, expected: str) -> None:
    assert [text for text, _ in sentences(parse(wikitext))] == [expected]


def test_paragraphs_split_on_blank_lines_lists_and_quotes() -> None:
    article = parse(
        "First line\ncontinues.\n\nSecond paragraph.\n* item one\n* item two\n"
        "<blockquote>Quoted words.</blockquote>\n{{quote|text=Template quote.}}\nAfter."
    )
    kinds = [(p.kind, [s.text for s in p.sentences]) for p in article.lead.paragraphs]
    assert kinds == [
        ("text", ["First line continues."]),
        ("text", ["Second paragraph."]),
        ("list", ["item one"]),
        ("list", ["item two"]),
        ("quote", ["Quoted words."]),
        ("quote", ["Template quote."]),
        ("text", ["After."]),
    ]


def test_a_citation_after_or_in_the_source_line_of_a_quotation_cites_the_quotation() -> None:
    article = parse(
        "<blockquote>We met at dawn. We left at dusk.</blockquote><ref>after</ref>\n\n"
        "{{blockquote|text=The trial was long. Nobody knew the outcome.|author=A. Writer"
        "|source=A book, 2019<ref>source</ref>}}\n\n"
        "{{quote|We will keep going.}} <ref>spaced</ref>\n\n"
        "A sentence after them all.<ref>own</ref>"
    )
    assert sentences(article) == [
        ("We met at dawn.", []),
        ("We left at dusk.", ["1"]),
        ("The trial was long.", []),
        ("Nobody knew the outcome.", ["2"]),
        ("We will keep going.", ["3"]),
        ("A sentence after them all.", ["4"]),
    ]
    assert all(use.sentence_id is not None for r in article.references for use in r.uses)


def test_sentences_know_their_citations_and_ids_are_in_document_order() -> None:
    article = parse(
        "Jill Biden and Anthony J. Blinken at the U.S. Department of State.<ref>a</ref> "
        "Next one.\n== S ==\nIn 2004, she initiated Kahar,<ref>b</ref> a movement.<ref>c</ref>"
    )
    assert sentences(article) == [
        ("Jill Biden and Anthony J. Blinken at the U.S. Department of State.", ["1"]),
        ("Next one.", []),
        ("In 2004, she initiated Kahar, a movement.", ["2", "3"]),
    ]
    assert [s.id for _, _, s in article.sentences()] == [0, 1, 2]
    assert [u.sentence_id for r in article.references for u in r.uses] == [0, 2, 2]
    assert [u.section_index for r in article.references for u in r.uses] == [0, 1, 1]


def test_non_running_text_makes_no_sentence_but_its_refs_count() -> None:
    article = parse(
        "{{Infobox person|name=X\n"
        "|birth_date={{birth date and age|1962|3|23|df=y}}<ref>born</ref>}}\n"
        '{| class="wikitable"\n| cell<ref>table</ref>\n|}\n'
        "[[File:X.jpg|thumb|A caption.<ref>caption</ref>]]\n"
        "{{Navbox|list=<ref>navbox</ref>}}\n== Heading<ref>heading</ref> ==\n"
        "Only sentence.<ref>text</ref>\n[[Category:Living people]]\n"
        "[[Category:1962 births|Toregozhina]]"
    )
    assert sentences(article) == [("Only sentence.", ["6"])]
    assert [[u.sentence_id for u in r.uses] for r in article.references] == [[None]] * 5 + [[0]]
    assert article.infoboxes[0].name == "Infobox person"
    assert article.infoboxes[0].fields["birth_date"] == "23 March 1962"
    assert article.categories == ["Living people", "1962 births"]


def test_inline_image_caption_ref_makes_an_entry_without_a_marker() -> None:
    article = parse("[[File:Foobar.jpg|Undisplayed caption<ref>foo</ref>]]")
    assert entries(article) == [(None, 1, 0)]


def test_gallery_captions_may_cite() -> None:
    article = parse("<gallery>\nFile:A.jpg|Caption.<ref>source</ref>\n</gallery>\nText.")
    assert entries(article) == [(None, 1, 1)]
    assert sentences(article) == [("Text.", [])]


# --- refs as the Cite extension counts them -----------------------------------------------


@pytest.mark.parametrize(
    "reuse",
    [
        "<ref name=x/>",
        '<ref name="x" />',
        "<ref name=x />",
        "<ref name = 'x'/>",
        '<ref name=" x "/>',
    ],
)
def test_every_spelling_of_a_reuse_joins_the_named_ref(reuse: str) -> None:
    article = parse(f"A.<ref name=x>Body</ref> B.{reuse}")
    reference = only(article)
    assert (reference.id, reference.name, reference.number, len(reference.uses)) == ("1", "x", 1, 2)
    assert reference.definitions == ["Body"]


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        # groups number apart, each from 1
        (
            'A<ref>a</ref>B<ref group="note">n</ref>C<ref>c</ref>',
            [(None, 1, 1), (None, 2, 1), ("note", 1, 1)],
        ),
        # {{efn}} is group lower-alpha, {{refn}} takes group=
        (
            "A{{efn|first}}B{{efn|name=e|second}}C{{efn|name=e}}D{{refn|group=nb|third}}",
            [("lower-alpha", 1, 1), ("lower-alpha", 2, 2), ("nb", 1, 1)],
        ),
        # {{#tag:ref}} with name and group
        ("A{{#tag:ref|body|name=t|group=g}}B<ref name=t group=g/>", [("g", 1, 2)]),
        # a list-defined ref is numbered at its first use, not where it is defined
        (
            'A<ref name="b"/>B<ref>x</ref>\n<references>\n<ref name="b">B</ref>\n</references>',
            [(None, 1, 1), (None, 2, 1)],
        ),
        (
            "A<ref name=b/>\n{{reflist|refs=\n<ref name=b>B</ref>\n<ref name=c>unused</ref>\n}}",
            [(None, 1, 1), (None, None, 0)],
        ),
        # refs nested in notes count, after the note
        ("A{{efn|a note<ref>its source</ref>}}", [(None, 1, 1), ("lower-alpha", 1, 1)]),
        # refs in comments, <nowiki> and <pre> are not refs; nor are refs with neither name nor body
        (
            "A<!--<ref>x</ref>--><nowiki><ref>y</ref></nowiki><pre><ref>z</ref></pre><ref/><ref></ref>",
            [],
        ),
        # <references /> closes a list: later refs start again at 1
        (
            "A<ref>a</ref>\n<references />\nB<ref>b</ref>\n<references />",
            [(None, 1, 1), (None, 1, 1)],
        ),
        # a numeric name is ignored, as Cite does
        ('A<ref>a</ref>B<ref name="1">b</ref>C<ref name="1"/>', [(None, 1, 1), (None, 2, 1)]),
        # a <ref> inside a <ref> tag is text to Cite
        ("A<ref>outer <ref>inner</ref></ref>", [(None, 1, 1)]),
    ],
)
def test_refs_are_numbered_and_grouped_as_cite_does(
    wikitext: str, expected: list[tuple[str | None, int | None, int]]
) -> None:
    assert entries(parse(wikitext)) == expected


def test_reference_ids_are_unique_across_groups_and_lists() -> None:
    article = parse(
        "A<ref>a</ref>B{{efn|n}}C<ref name=x/>\n<references />\nD<ref>d</ref>"
        "\n<references>\n<ref name=unusedone>u</ref>\n</references>"
    )
    assert [r.id for r in article.references] == [
        "1",
        "2",
        "1~2",
        "unused-unusedone~2",
        "lower-alpha-1",
    ]


def test_follow_adds_its_text_to_the_earlier_entry() -> None:
    article = parse('A<ref name="p">First part.</ref> B<ref follow="p">Second part.</ref>')
    reference = only(article)
    assert reference.text == "First part. Second part."
    assert len(reference.uses) == 1


def test_every_distinct_body_of_a_name_is_kept() -> None:
    reference = only(parse("A<ref name=a>one</ref>B<ref name=a>two</ref>C<ref name=a>one</ref>"))
    assert reference.definitions == ["one", "two"]
    assert len(reference.uses) == 3


# --- what a reference says ----------------------------------------------------------------


def test_citation_template_fields_with_aliases_and_markup_stripped() -> None:
    reference = only(
        parse(
            "A.<ref name=d>{{Cite Web |last1=Smith |first1=Ann |last2=Jones |first2=Bo "
            "|title=''The'' [[Dr. Dobb's Journal]] |url=https://example.org/a "
            "|work=[[Example|Example Site]] |publisher=Pub |date=5 May 2020 "
            "|accessdate=6 June 2021 "
            "|archiveurl=https://web.archive.org/x |archivedate=7 July 2021 |dead-url=yes "
            "|format=PDF |via=[[ProQuest]] "
            "|language=en |doi=10.1/x}}{{dead link|date=March 2023|bot=InternetArchiveBot}}</ref>"
        )
    )
    assert reference.kind == "cite web"
    assert (reference.title, reference.url, reference.work, reference.publisher) == (
        "The Dr. Dobb's Journal",
        "https://example.org/a",
        "Example Site",
        "Pub",
    )
    assert reference.authors == ["Smith, Ann", "Jones, Bo"]
    assert (reference.date, reference.access_date) == ("5 May 2020", "6 June 2021")
    assert (reference.archive_url, reference.archive_date, reference.url_status) == (
        "https://web.archive.org/x",
        "7 July 2021",
        "dead",
    )
    assert (reference.format, reference.language, reference.identifiers, reference.via) == (
        "PDF",
        "en",
        {"doi": "10.1/x"},
        "ProQuest",
    )
    assert reference.citeref == "CITEREFSmithJones2020"
    assert reference.raw.startswith("<ref name=d>{{Cite Web") and reference.raw.endswith("</ref>")
    assert reference.text.startswith(
        'Smith, Ann; Jones, Bo (5 May 2020). "The Dr. Dobb\'s Journal" (PDF).'
    )


@pytest.mark.parametrize(
    ("body", "kind", "url", "title", "text"),
    [
        (
            "[https://example.org/p A page] and more",
            "link",
            "https://example.org/p",
            "A page",
            "A page and more",
        ),
        (
            "https://example.org/bare",
            "bare-url",
            "https://example.org/bare",
            None,
            "https://example.org/bare",
        ),
        (
            "''[https://example.org/i Italic link]''",
            "link",
            "https://example.org/i",
            "Italic link",
            "Italic link",
        ),
        ("Smith, ''A Book'', p. 3.", "text", None, None, "Smith, A Book, p. 3."),
        (
            "{{citation |title=Cs2 |year=1999 |author=Roe}}",
            "citation",
            None,
            "Cs2",
            'Roe (1999). "Cs2".',
        ),
    ],
)
def test_reference_kinds(
    body: str, kind: str, url: str | None, title: str | None, text: str
) -> None:
    reference = only(parse(f"Claim.<ref>{body}</ref>"))
    assert (reference.kind, reference.url, reference.title, reference.text) == (
        kind,
        url,
        title,
        text,
    )


def test_a_chapter_is_the_title_and_its_book_the_work() -> None:
    reference = only(
        parse(
            "A.<ref>{{cite book |last=Klabnik |first=Steve |chapter=The History of Rust "
            "|title=Applicative 2016 |date=2016-06-02 |publisher=ACM}}</ref>"
        )
    )
    assert (reference.title, reference.work, reference.publisher) == (
        "The History of Rust",
        "Applicative 2016",
        "ACM",
    )
    assert reference.citeref == "CITEREFKlabnik2016"


def test_citeref_uses_ref_param_and_at_most_four_authors() -> None:
    article = parse(
        "A<ref>{{cite book|last1=A|last2=B|last3=C|last4=D|last5=E|year=2001|title=T}}</ref>"
        "B<ref>{{cite book|last=Solo|title=T|ref={{sfnref|Org|2003}}}}</ref>"
        "C<ref>{{cite book|last=None|year=2004|title=T|ref=none}}</ref>"
    )
    assert [r.citeref for r in article.references] == ["CITEREFABCD2001", "CITEREFOrg2003", None]


def test_short_citations_share_footnotes_and_point_at_their_full_entry() -> None:
    article = parse(
        "A.{{sfn|Klabnik|Nichols|2019|p=5}} B.{{sfn|Klabnik|Nichols|2019|p=5}} "
        "C.{{sfnp|Klabnik|Nichols|2019|pp=7–9}}"
        " D.<ref>See {{harvnb|Klabnik|Nichols|2019|p=12}}.</ref> E.{{sfn|Nobody|1900}}"
        "<ref>{{cite book|last1=Klabnik|last2=Nichols|date=2019|title=The Book}}</ref>"
    )
    by_number = {r.number: r for r in article.references}
    full_id = by_number[5].id
    assert [(r.name, r.kind, len(r.uses), r.short_target) for r in article.references[:4]] == [
        ("FOOTNOTEKlabnikNichols2019p.5", "short", 2, full_id),
        ("FOOTNOTEKlabnikNichols2019pp.7–9", "short", 1, full_id),
        (None, "short", 1, full_id),
        ("FOOTNOTENobody1900", "short", 1, None),
    ]
    assert by_number[1].text == "Klabnik & Nichols 2019, p. 5."
    assert by_number[3].text == "See Klabnik & Nichols 2019, p. 12."
    assert [u.page for u in by_number[1].uses] == ["5", "5"]


def test_r_template_reuses_named_refs_with_pages() -> None:
    article = parse(
        "First one.<ref name=a>One</ref><ref name=b>Two</ref> "
        "Second one.{{r|a|b|p2=7}} Third one.{{r|a|p=3}}"
    )
    pages = [[u.page for u in r.uses] for r in article.references]
    assert pages == [[None, None, "3"], [None, "7"]]
    assert sentences(article)[1] == ("Second one.", ["1", "2"])


def test_short_citations_of_a_sources_list_and_without_target_are_noted() -> None:
    article = parse(
        "A.{{sfn|Smith|2001|p=5}} B.{{sfn|Smith|2001|p=6}} C.{{sfn|Ghost|1999}}\n"
        "== Sources ==\n* {{cite book|last=Smith|year=2001|title=A Book|url=https://b.example/}}"
    )
    assert [r.short_target for r in article.references] == [None, None, None]
    assert article.notes == [
        "2 short citations point at full citations outside the reference lists (a sources "
        "section): those citations are not entries, and their URLs are not read",
        "short citations point at CITEREFGhost1999, which no citation here has "
        "(sfn error: no target)",
    ]


def test_rp_sets_the_page_of_the_use_before_it() -> None:
    article = parse(
        "A.<ref name=b>Book</ref>{{rp|13}} B.<ref name=b/>{{rp|page=20}} C.<ref name=b/>"
    )
    assert [u.page for u in only(article).uses] == ["13", "20", None]


# --- tags and declarations ----------------------------------------------------------------


def test_maintenance_tags_with_redirects_dates_sentences_and_refs() -> None:
    article = parse(
        "{{Use mdy dates|date=May 2020}}Claim one.{{cn|date=March 2023}} Claim two.{{Fact}}\n"
        "== S ==\nSourced.<ref>[https://x.example/ X]"
        "{{Dead link|date=May 2021|fix-attempted=yes}}</ref>"
        " It is doubtful.{{failed verification|date=June 2022}}"
    )
    tags = [
        (t.kind, t.name, t.section_index, t.sentence_id, t.reference_id, t.date)
        for t in article.maintenance_tags
    ]
    assert tags == [
        ("citation-needed", "cn", 0, 0, None, "March 2023"),
        ("citation-needed", "Fact", 0, 1, None, None),
        ("dead-link", "Dead link", 1, None, "1", "May 2021"),
        ("failed-verification", "failed verification", 1, 3, None, "June 2022"),
    ]
    assert article.maintenance_tags[2].params == {"date": "May 2021", "fix-attempted": "yes"}
    assert article.date_format is DateFormat.MDY


def test_cleanup_banners_are_tags_of_their_section_not_of_a_sentence() -> None:
    article = parse(
        "{{Refimprove|date=May 2020}}\n{{BLP sources|date=June 2021}}\nLead claim here.\n"
        "== S ==\n{{Unreferenced section|date=July 2022}}\nSection claim here."
    )
    tags = [(t.kind, t.section_index, t.sentence_id, t.date) for t in article.maintenance_tags]
    assert tags == [
        ("more-citations-needed", 0, None, "May 2020"),
        ("blp-sources", 0, None, "June 2021"),
        ("unreferenced", 1, None, "July 2022"),
    ]


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{{Use dmy dates}}", DateFormat.DMY),
        ("{{use DMY}}", DateFormat.DMY),
        ("{{Use mdy dates|cs1-dates=y}}", DateFormat.MDY),
        ("No template.", None),
    ],
)
def test_declared_date_format(template: str, expected: DateFormat | None) -> None:
    assert parse(template).date_format is expected


# --- real articles ------------------------------------------------------------------------


SEED = FIXTURES / "Bakhytzhan_Toregozhina" / "Bakhytzhan_Toregozhina.wiki"


def test_seed_reconstruction() -> None:
    article = parse(SEED.read_text(encoding="utf-8"), title="Bakhytzhan Toregozhina")
    assert len(article.references) == 24
    assert sum(len(r.uses) for r in article.references) == 31
    uses = {r.number: len(r.uses) for r in article.references}
    assert {n: u for n, u in uses.items() if u != 1} == {1: 4, 3: 2, 7: 2, 8: 2, 10: 2}
    assert [(s.title, s.level) for s in article.sections()][1:] == SEED_HEADINGS
    assert article.date_format is DateFormat.DMY
    assert article.categories == ["Living people"]
    assert article.infoboxes[0].fields["birth_date"] == "23 March 1962"
    twenty = next(r for r in article.references if r.number == 20)
    assert twenty.authors == ["Melnychenko, Natalia"]
    assert [r.number for r in article.references if r.url] == [3, 5]
    assert all(u.sentence_id is not None for r in article.references for u in r.uses)


def test_rust_article_matches_its_parsoid_html() -> None:
    source = json.loads(
        shared_file("reference", "data", "rust_rest_page.json").read_text(encoding="utf-8")
    )["source"]
    article = parse(source, title="Rust (programming language)")
    headings = [s.title for s in article.sections()][1:]
    uncommented = re.sub(r"<!--.*?-->", "", source, flags=re.S)
    assert len(headings) == len(re.findall(r"^=+[^=\n].*=+[ \t]*$", uncommented, re.M)) == 52
    assert headings[:2] == ["History", "2006–2009: Early years"]
    assert "if expressions" in headings
    assert article.date_format is DateFormat.MDY
    parsoid = _parsoid_entries(
        shared_file("reference", "data", "rust_parsoid.html").read_text(encoding="utf-8")
    )
    ours = Counter((r.group or "", len(r.uses)) for r in article.references)
    assert ours == parsoid
    assert len(article.references) == 207
    assert sum(1 for r in article.references if r.kind == "short") == 68
    assert article.notes[0].startswith("68 short citations point at full citations outside")


def _parsoid_entries(html: str) -> Counter[tuple[str, int]]:
    """(group, uses) of Parsoid's entries, less the two only template expansion makes.

    `{{wikidata}}` in the infobox and `{{excerpt|Type conversion|Rust}}` bring refs from
    elsewhere; a parser that does not expand templates cannot see them.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    uses: Counter[str] = Counter()
    for sup in soup.find_all(
        "sup", attrs={"typeof": lambda t: bool(t) and "mw:Extension/ref" in t}
    ):
        link = sup.find("a", href=True)
        uses[str(link["href"]).rpartition("#")[2]] += 1
    found: Counter[tuple[str, int]] = Counter()
    for ol in soup.find_all("ol", class_="references"):
        for li in ol.find_all("li", recursive=False):
            text = li.get_text()
            if "wikidata" in str(li.get("id")) or '"Casting". Rust by Example' in text:
                continue
            found[(str(ol.get("data-mw-group") or ""), uses[str(li.get("id"))])] += 1
    return found


def test_seed_reconstruction_renders_the_sentences_of_the_rendered_copy() -> None:
    rendered = shared_file("seed", "Bakhytzhan_Toregozhina.rendered.txt").read_text(
        encoding="utf-8"
    )
    visible = " ".join(re.sub(r"\[\d+\]", "", rendered).split())
    article = parse(SEED.read_text(encoding="utf-8"))
    missing = [s.text for _, _, s in article.sentences() if s.text not in visible]
    assert missing == []
    assert sum(1 for _ in article.sentences()) == 34


def test_seed_reconstruction_cites_as_the_rendered_reference_list_prints() -> None:
    rendered = shared_file("seed", "Bakhytzhan_Toregozhina.rendered.txt").read_text(
        encoding="utf-8"
    )
    printed = {
        int(match.group(1)): match.group(2)
        for match in re.finditer(r"^\s+(\d+)\. \^ (?:[a-z] )*(.+)$", rendered, re.M)
    }
    article = parse(SEED.read_text(encoding="utf-8"))
    assert {r.number: r.text for r in article.references} == printed
