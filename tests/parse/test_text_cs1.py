"""Reading a citation's fields back from the phrases Citation Style 1 prints."""

from __future__ import annotations

from typing import Any

import pytest

from citeaudit.parse.text.cs1 import parse_citation
from citeaudit.parse.text.inline import tag_kind

CASES: list[tuple[str, dict[str, Any]]] = [
    (
        "“Curly quoted title”. The Work. 8 March 2023. Retrieved 11 March 2023.",
        {
            "title": "Curly quoted title",
            "work": "The Work",
            "date": "8 March 2023",
            "access_date": "11 March 2023",
        },
    ),
    (
        '"Title". Website. Publisher Ltd. March 8, 2023. Retrieved March 11, 2023.',
        {
            "work": "Website",
            "publisher": "Publisher Ltd",
            "date": "March 8, 2023",
            "access_date": "March 11, 2023",
        },
    ),
    (
        '"Title". Work. 2023-03-08. Retrieved 2023-03-11.',
        {"date": "2023-03-08", "access_date": "2023-03-11"},
    ),
    ('"Title". Work. 8–9 March 2023. Retrieved 1 May 2023.', {"date": "8–9 March 2023"}),
    ('"Title". Work. Winter 2003–04.', {"date": "Winter 2003–04"}),
    (
        '"Title". Work. Mar 8, 2023. Retrieved Mar 11, 2023.',
        {"date": "Mar 8, 2023", "access_date": "Mar 11, 2023"},
    ),
    (
        '"Title" (PDF). Work. Archived (PDF) from the original on 9 March 2023. '
        "Retrieved 11 March 2023.",
        {"format": "PDF", "archive_date": "9 March 2023", "access_date": "11 March 2023"},
    ),
    (
        '"Title" (in French). Le Monde. Retrieved 1 May 2020.',
        {"language": "French", "work": "Le Monde"},
    ),
    (
        '"Title" [Translated title] (in German). Work.',
        {"title": "Title", "language": "German", "work": "Work"},
    ),
    (
        'Smith, John; Jones, Mary (2010). "Title". Journal of Things. 12 (3): 45–67. '
        "doi:10.1000/xyz123.",
        {
            "authors": ["Smith, John", "Jones, Mary"],
            "date": "2010",
            "work": "Journal of Things",
            "identifiers": {"doi": "10.1000/xyz123"},
        },
    ),
    ('Smith, J. "Title". Work.', {"authors": ["Smith, J."], "title": "Title"}),
    ('"Why now?" Work. Retrieved 1 May 2020.', {"title": "Why now?", "work": "Work"}),
    (
        '"Title", Work, retrieved 1 May 2020',
        {"title": "Title", "work": "Work", "access_date": "1 May 2020"},
    ),
    (
        'Smith, John (May 1, 2010), "Title", Work, Publisher, retrieved May 2, 2020',
        {
            "authors": ["Smith, John"],
            "date": "May 1, 2010",
            "work": "Work",
            "publisher": "Publisher",
            "access_date": "May 2, 2020",
        },
    ),
    (
        '"Title". Work. Retrieved 1 May 2020 – via JSTOR.',
        {"via": "JSTOR", "access_date": "1 May 2020"},
    ),
    (
        '"Title". U.S. Government Printing Office. Retrieved 1 May 2020.',
        {"work": "U.S. Government Printing Office"},
    ),
    (
        "Zip Code Lookup. USPS. Archived June 14, 2011, at the Wayback Machine. "
        "Retrieved 1 May 2020.",
        {"title": "Zip Code Lookup", "publisher": "USPS", "archive_date": "June 14, 2011"},
    ),
    ("Smith 2001, p. 5.", {"kind": "short", "title": None}),
    ("Smith & Jones 2001, pp. 5–7.", {"kind": "short"}),
    ("The figure is disputed by later surveys.", {"kind": "text", "title": None, "work": None}),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_cs1_phrases(text: str, expected: dict[str, Any]) -> None:
    fields = parse_citation(text)
    assert {key: getattr(fields, key) for key in expected} == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("citation needed", "citation-needed"),
        ("dead link", "dead-link"),
        ("permanent dead link\u200d", "dead-link"),
        ("failed verification", "failed-verification"),
        ("better source needed", "better-source-needed"),
        ("unreliable source?", "unreliable-source"),
        ("dubious – discuss", "dubious"),
        ("sic", None),
        ("dead", None),
    ],
)
def test_tag_texts(text: str, kind: str | None) -> None:
    assert tag_kind(text) == kind
