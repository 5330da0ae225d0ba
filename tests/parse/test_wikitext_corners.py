"""Wikitext corners: comments inside template arguments, refs defined in a list template's
arguments, and wikitext flattened to one line."""

from __future__ import annotations

import json

from citeaudit.model import Article, SourceForm
from citeaudit.parse import parse_article
from citeaudit.parse.wikitext.flattened import FLATTENED_NOTE
from tests.conftest import shared_file


def parse(text: str) -> Article:
    return parse_article(text, SourceForm.WIKITEXT, title="T")


def test_comments_in_parser_function_and_template_arguments_are_removed_before_reading() -> None:
    article = parse(
        "Text.{{#tag:ref|A note.|group=note<!-- end -->}} More.{{efn|name=n<!-- x -->|E.}} "
        "Again.{{efn|name=n}} Last.{{r|<!-- reuse -->b}}<ref name=b>B</ref>\n"
        "==Notes==\n{{reflist|group=note}}\n{{notelist}}\n==References==\n{{reflist}}"
    )
    by_group = {(ref.group, ref.name): len(ref.uses) for ref in article.references}
    assert by_group == {("note", None): 1, ("lower-alpha", "n"): 2, (None, "b"): 2}
    assert not any("Cite error" in note or "have no" in note for note in article.notes)


def test_a_ref_in_a_list_templates_other_argument_defines_an_entry() -> None:
    """`{{Reflist|<ref name=a>A</ref>}}`: Reflist expands its first argument (the columns), so
    the ref is defined there; the page lists entry A for the marker in the text."""
    article = parse("Text.<ref name=a/>\n==References==\n{{Reflist|<ref name=a>A</ref>}}")
    assert [(ref.name, ref.text, len(ref.uses)) for ref in article.references] == [("a", "A", 1)]


def test_list_defined_refs_in_refs_argument_keep_working() -> None:
    article = parse("Text.<ref name=a/>\n{{Reflist|2|refs=<ref name=a>A</ref><ref name=b>B</ref>}}")
    assert [(ref.name, len(ref.uses), ref.number) for ref in article.references] == [
        ("a", 1, 1),
        ("b", 0, None),
    ]


def test_flattened_wikitext_gets_its_headings_paragraphs_and_references_back() -> None:
    flat = (
        "'''X''' is a thing.<ref>{{cite web|url=https://a.example/|title=A}}</ref>  It is old."
        "<ref name=b>B</ref> ==History== It began.<ref name=b/> ===Beginnings=== Early days. "
        "== References == {{reflist}}"
    )
    article = parse(flat)
    assert [(s.title, s.level, len(s.paragraphs)) for s in article.sections()] == [
        ("", 0, 2),
        ("History", 2, 1),
        ("Beginnings", 3, 1),
        ("References", 2, 0),
    ]
    assert [(ref.url, len(ref.uses)) for ref in article.references] == [
        ("https://a.example/", 1),
        (None, 2),
    ]
    assert FLATTENED_NOTE in article.notes


def test_the_rust_article_flattened_keeps_its_headings_and_references() -> None:
    page = json.loads(shared_file("reference", "data", "rust_rest_page.json").read_text("utf-8"))
    source = page["source"]
    whole = parse_article(source, SourceForm.WIKITEXT, title=page["title"])
    flat = parse_article(" ".join(source.split("\n")), SourceForm.WIKITEXT, title=page["title"])
    assert [(s.title, s.level) for s in flat.sections()] == [
        (s.title, s.level) for s in whole.sections()
    ]
    assert [(r.url, len(r.uses)) for r in flat.references] == [
        (r.url, len(r.uses)) for r in whole.references
    ]
    assert FLATTENED_NOTE in flat.notes and FLATTENED_NOTE not in whole.notes


def test_equals_signs_in_prose_of_a_normal_page_are_not_headings() -> None:
    text = "A == B holds.\n\nThe test {{#ifeq:a|b|x==y|z}} ==here== is inline.\n\n== Real ==\nText."
    article = parse(text)
    assert [s.title for s in article.sections()] == ["", "Real"]
    assert FLATTENED_NOTE not in article.notes
