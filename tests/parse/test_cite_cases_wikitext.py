"""The Cite extension's own parser tests, run against the wikitext parser.

For each case, the entries the wikitext parser finds (group, footnote number, number of uses)
must be those the case's expected HTML shows: the legacy parser's HTML where the case has it,
else Parsoid's. The simple test templates the file defines in `!! article` blocks (`{{1x}}`,
`{{refinref}}`, ...) are substituted before parsing, as MediaWiki would expand them; the parser
itself expands no template. Cases that cannot be expected to match are skipped, each with its
reason. Where the legacy parser renders broken or nested markup in a way of its own (or drops
what Parsoid keeps), the case's Parsoid HTML is the oracle instead, and the reason is named.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from pathlib import Path

import mwparserfromhell
import pytest

from citeaudit.model import Article, Reference
from citeaudit.parse.cite_templates import normalize_template_name
from citeaudit.parse.wikitext.article import parse
from tests.conftest import shared_cases, shared_file
from tests.parse.cite_cases import CiteCase, ExpectedEntry, expected_entries, load_cases

CASES = shared_cases(
    ("reference", "data", "cite_parser_tests.txt"), load_cases, lambda case: case.name
)

LEGACY_QUIRK = "the legacy parser renders this broken or nested markup in its own way"
ROUND_TRIP = "a wt2wt/html2wt case: its Parsoid HTML is a round-trip input, not a rendering"
FOLLOW_MARKER = "Parsoid keeps a marker for a follow= ref (see the file's note); no legacy HTML"
UNMARKED_GROUP = "the legacy HTML does not mark the list's group: the oracle reads the main list"
LINK_HOIST = "the legacy parser drops the marker of a ref inside link text (T301293)"
TEMPLATED_TABLE = "a table cell built by a template: needs template expansion before tables"
TEMPLATE_LOOP = "a template that includes itself: needs MediaWiki's template loop detection"
SKIPS: dict[str, str] = {
    "Transclusion parameter spacing is lost without data-parsoid": ROUND_TRIP,
    "Headings: Category in ref isn't hoisted": ROUND_TRIP,
    "CircularRef": TEMPLATE_LOOP,
    "Follow following a named ref with multiple definitions": FOLLOW_MARKER,
    "Broken wikitext making a ref as extended attribute and a duplicated fragment": LEGACY_QUIRK,
    "Broken wikitext making a ref as extended attribute and a duplicated fragment (with 2wt tests)": LEGACY_QUIRK,
    "T107652: <ref>s in templates that also generate table cell attributes should be rendered "
    "properly": TEMPLATED_TABLE,
}

PARSOID_ORACLE: dict[str, str] = {
    "T242437 - Nested references edge case, outer tag function with LDR": LEGACY_QUIRK,
    "T242437 - Nested references edge case, outer tag function, inner LDR": LEGACY_QUIRK,
    "Ref in ref: nested in top level ref": LEGACY_QUIRK,
    "2. Ref in ref: self-referential, redefinition": LEGACY_QUIRK,
    "3. Ref in ref: self-referential, redefinition and leading, with other ref": LEGACY_QUIRK,
    "T269531: Special case when a named group is entirely unused in the text": UNMARKED_GROUP,
    "<ref> in a link should hoist the link outside the link (T301293)": LINK_HOIST,
}
"""Cases read against their Parsoid HTML, with the reason the legacy HTML is not the oracle."""


@pytest.mark.parametrize("case", CASES)
def test_cite_case(case: CiteCase) -> None:
    legacy = case.legacy_html is not None and case.name not in PARSOID_ORACLE
    html = case.legacy_html if legacy else case.parsoid_html
    if html is None:
        pytest.skip("no expected HTML: the case tests Parsoid's wt2wt/html2wt/selser only")
    if case.name in SKIPS:
        pytest.skip(SKIPS[case.name])
    article = parse(expand_test_templates(case.wikitext, _test_templates()))
    assert our_entries(article, legacy=legacy) == expected_entries(html)


_UNLISTED = re.compile(r'^refs of group "(.*)" have no <references')


def our_entries(article: Article, legacy: bool) -> list[ExpectedEntry]:
    """The article's entries as the expected HTML numbers them.

    Both renderings list each `<references />` separately; the legacy parser lists the entries
    never used in the text before the numbered ones, Parsoid after them, and adds no list for a
    group other than the main one that has no `<references />` (Cite shows an error instead).
    """
    lists: dict[tuple[str, int], list[Reference]] = defaultdict(list)
    unlisted = (
        {m.group(1) for note in article.notes if (m := _UNLISTED.match(note))} if legacy else set()
    )
    for reference in article.references:
        generation = int(reference.id.rpartition("~")[2]) if "~" in reference.id else 1
        lists[(reference.group or "", generation)].append(reference)
    last = dict(sorted(lists))  # each group's last list
    entries = []
    for (group, generation), references in lists.items():
        if group in unlisted and generation == last[group]:
            continue  # the legacy parser shows no list for them (a Cite error)
        unused = [r for r in references if r.number is None]
        numbered = sorted((r for r in references if r.number is not None), key=lambda r: r.number)
        ordered = unused + numbered if legacy else numbered + unused
        for position, reference in enumerate(ordered, start=1):
            entries.append(ExpectedEntry(group, str(position), len(reference.uses)))
    return sorted(entries)


_TEMPLATE_PARAM = re.compile(r"\{\{\{1(?:\|[^{}]*)?\}\}\}")


def expand_test_templates(wikitext: str, templates: dict[str, str], rounds: int = 4) -> str:
    """Substitute the test file's own templates (`{{1x|...}}` -> its body with `{{{1}}}` filled)."""
    for _ in range(rounds):
        code = mwparserfromhell.parse(wikitext)
        changed = False
        for template in code.filter_templates(recursive=False):
            body = templates.get(normalize_template_name(str(template.name)))
            if body is None:
                continue
            value = str(template.get("1").value) if template.has("1") else ""
            code.replace(template, _TEMPLATE_PARAM.sub(value.replace("\\", "\\\\"), body))
            changed = True
        wikitext = str(code)
        if not changed:
            break
    return wikitext


@functools.cache
def _test_templates() -> dict[str, str]:
    return _read_articles(shared_file("reference", "data", "cite_parser_tests.txt"))


def _read_articles(path: Path) -> dict[str, str]:
    """`!! article Template:X` / `!! text` blocks of the file, as {normalized name: body}."""
    templates: dict[str, str] = {}
    text = path.read_text(encoding="utf-8")
    for match in re.finditer(
        r"^!! article\n(.*?)\n!! text\n(.*?)\n!! endarticle", text, re.M | re.S
    ):
        title, body = match.group(1).strip(), match.group(2)
        if title.lower().startswith("template:") and "{{" + title.split(":", 1)[1] not in body:
            templates[normalize_template_name(title)] = body
    return templates
