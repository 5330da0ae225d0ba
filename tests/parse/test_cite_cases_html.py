"""The Cite extension's own parser tests, read by the HTML parser.

For every case of `reference/data/cite_parser_tests.txt` (Cite extension, GPL-2.0-or-later),
the HTML parser run on the case's legacy HTML (`html/php`, or `html`) and on its Parsoid HTML
(`html/parsoid`, or `html/parsoid+integrated`) must find the same reference-list entries as `cite_cases.expected_entries`, which reads the
same HTML with selectors of its own: group, footnote number, and the number of uses.
"""

from __future__ import annotations

import pytest

from citeaudit.parse.html.article import parse
from tests.conftest import shared_cases, shared_file
from tests.parse.cite_cases import CiteCase, ExpectedEntry, expected_entries, load_cases

CASES = shared_cases(
    ("reference", "data", "cite_parser_tests.txt"), load_cases, lambda case: case.name
)


def entries_found(html: str) -> list[ExpectedEntry]:
    article = parse(f'<div class="mw-parser-output">{html}</div>')
    return sorted(
        ExpectedEntry(reference.group or "", str(reference.number), len(reference.uses))
        for reference in article.references
    )


def test_all_185_cases_are_read() -> None:
    assert len(load_cases(shared_file("reference", "data", "cite_parser_tests.txt"))) == 185


@pytest.mark.parametrize("flavour", ["legacy", "parsoid"])
@pytest.mark.parametrize("case", CASES)
def test_html_parser_finds_the_entries_the_case_shows(case: CiteCase, flavour: str) -> None:
    html = (
        case.legacy_html
        if flavour == "legacy"
        else case.parsoid_html or case.sections.get("html/parsoid+integrated")
    )
    if html is None:
        pytest.skip(
            f"the case has no {flavour} HTML (its wikitext is not rendered to {flavour} HTML)"
        )
    expected = expected_entries(html)
    if any(not entry.number.isdigit() for entry in expected):
        pytest.skip(
            "the footnote numbers are a custom group's labels (e.g. Klingon numerals); "
            "`Reference.number` is the entry's position, an integer"
        )
    assert entries_found(html) == expected
