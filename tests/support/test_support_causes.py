"""Each cause of a wrong verdict found on real pages, as a source and the claims that failed.

The sources here are written for these tests (short news-like texts, not copies of any page);
the claims are the kinds that went wrong: a negation or a reversed stance read as support, a
changed number or year read as partial, identifiers cut at their dots, units apart from their
numbers, numbers in words, names matched word by word, topic words carrying a verdict, an
invented clause, a lost main text, a lone month. The same causes on real pages are in
`test_support_real_causes.py`.
"""

from __future__ import annotations

import pytest

from citeaudit.model import SourceText, SupportVerdict
from citeaudit.support import extract_source, verify_claim

SUPPORTED, PARTIAL = SupportVerdict.SUPPORTED, SupportVerdict.PARTIAL
CONTRADICTED, NOT_FOUND = SupportVerdict.CONTRADICTED, SupportVerdict.NOT_FOUND


def source(text: str, title: str = "") -> SourceText:
    filler = (
        "Readers can find more reviews of home cinema equipment in our weekly newsletter. "
        "Prices were checked at the time of writing and may have changed since then. "
    )
    return SourceText(text=f"{text}\n{filler}", title=title, language="en", kind="html")


TV = source(
    "The Lumen X9 television costs $1,299 and ships with 12GB of storage. "
    "It supports HDR10 but it doesn't support Dolby Vision, which disappointed reviewers. "
    "Its wireless chip uses 802.11n rather than a newer standard. "
    "The set was released in December 2019 after a delay of forty-nine days.",
    title="Lumen X9 review",
)
PORT = source(
    "Harbour traffic fell by 8 percent last year, the port authority said on Tuesday. "
    "About 19,800 ships called at the port, down from 21,500 the year before. "
    "Under the new rules, access to the inner basin is reduced by excluding vessels longer "
    "than 200 metres. The port employed a thousand people in 1998, when the new quay opened. "
    "Its owner, the Packard Motor Car Company, sold the site to the city in 2004. "
    "Injured dock workers are taken to the Royal Infirmary, a hospital in the old town.",
    title="Port traffic falls",
)
RELEASE = source(
    "The project published version 1.8.3 of its compiler on 2 May, fixing a crash on start. "
    "The airline will take delivery of its first A320neo in the spring. "
    "Staff who tested positive for COVID-19 must stay at home for five days. "
    "The plant will produce 19 billion doses a year by 2026, the company said.",
)


@pytest.mark.parametrize(
    ("cause", "claim", "expected"),
    [
        ("negation", "The Lumen X9 supports Dolby Vision.", CONTRADICTED),
        ("negation, agreeing", "The Lumen X9 does not support Dolby Vision.", SUPPORTED),
        (
            "reversed stance without a negation",
            "Under the new rules, vessels longer than 200 metres are allowed into the inner basin.",
            CONTRADICTED,
        ),
        ("antonym", "Harbour traffic rose by 8 percent last year.", CONTRADICTED),
        ("same stance", "Harbour traffic fell by 8 percent last year.", SUPPORTED),
    ],
)
def test_stance(cause: str, claim: str, expected: SupportVerdict) -> None:
    source_text = TV if "Lumen" in claim else PORT
    result = verify_claim(claim, [source_text])
    assert result.verdict is expected, f"{cause}: {result.reason}"
    if expected is CONTRADICTED:
        assert result.flips and result.evidence


@pytest.mark.parametrize(
    ("claim", "expected", "conflict"),
    [
        ("The plant will produce 22 billion doses a year by 2026.", CONTRADICTED, "19 billion"),
        ("The plant will produce 19 billion doses a year by 2026.", SUPPORTED, None),
        ("The port employed a thousand people in 1985.", CONTRADICTED, "1998"),
        ("The port employed 1,000 people in 1998.", SUPPORTED, None),
    ],
)
def test_a_changed_number_or_year_is_contradicted(
    claim: str, expected: SupportVerdict, conflict: str | None
) -> None:
    result = verify_claim(claim, [PORT if "port" in claim else RELEASE])
    assert result.verdict is expected, result.reason
    if conflict:
        assert [c.source for c in result.conflicts] == [conflict]


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The Lumen X9's wireless chip uses 802.11ac.", CONTRADICTED),
        ("The Lumen X9's wireless chip uses 802.11n.", SUPPORTED),
        ("The project published version 1.8 of its compiler on 2 May.", CONTRADICTED),
        ("The project published version 1.8.3 of its compiler on 2 May.", SUPPORTED),
        ("The airline will take delivery of its first A320neo in the spring.", SUPPORTED),
        ("The airline will take delivery of its first A321neo in the spring.", CONTRADICTED),
        ("Staff who tested positive for COVID-19 must stay at home for five days.", SUPPORTED),
    ],
)
def test_identifiers_are_read_whole(claim: str, expected: SupportVerdict) -> None:
    result = verify_claim(claim, [TV if "Lumen" in claim else RELEASE])
    assert result.verdict is expected, result.reason


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The Lumen X9 ships with 12 GB of storage.", SUPPORTED),
        ("The Lumen X9 ships with 16 GB of storage.", CONTRADICTED),
        ("The Lumen X9 costs $1,299.", SUPPORTED),
        ("The Lumen X9 costs €1,299.", PARTIAL),
        ("The Lumen X9 was released after a delay of 49 days.", SUPPORTED),
        ("The port employed 1000 people in 1998.", SUPPORTED),
        ("About 20,000 ships called at the port last year.", SUPPORTED),
        ("About 30,000 ships called at the port last year.", CONTRADICTED),
        ("Access to the inner basin is reduced for vessels longer than 200 m.", SUPPORTED),
    ],
)
def test_numbers_with_units_in_words_and_hedged(claim: str, expected: SupportVerdict) -> None:
    result = verify_claim(claim, [TV if "Lumen" in claim else PORT])
    assert result.verdict is expected, result.reason


@pytest.mark.parametrize(
    "claim",
    [
        "The Ford Motor Company sold the port site to the city in 2004.",
        "Injured dock workers are taken to the Princess Royal Hospital.",
    ],
)
def test_names_are_matched_whole(claim: str) -> None:
    result = verify_claim(claim, [PORT])
    assert result.verdict is not SUPPORTED, result.reason
    assert any(fact.text in claim for fact in result.missing)


def test_topic_words_alone_are_no_support() -> None:
    result = verify_claim(
        "The Lumen X9 won a design award from the European Television Guild.", [TV]
    )
    assert result.verdict is NOT_FOUND, result.reason


def test_an_invented_clause_with_no_number_or_name_is_not_supported() -> None:
    result = verify_claim(
        "Harbour traffic fell by 8 percent last year because of a strike by crane operators.",
        [PORT],
    )
    assert result.verdict is PARTIAL, result.reason


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The Lumen X9 was released in December.", SUPPORTED),
        ("The Lumen X9 was released in March.", CONTRADICTED),
    ],
)
def test_a_lone_month_is_a_date(claim: str, expected: SupportVerdict) -> None:
    result = verify_claim(claim, [TV])
    assert result.verdict is expected, result.reason


def test_a_class_name_on_the_wrapper_does_not_lose_the_main_text() -> None:
    paragraphs = "".join(
        f"<div class='para'>Paragraph {n}: the council met and the mayor spoke about the "
        f"harbour, the ferry timetable and the {n + 2} new berths planned for next year.</div>"
        for n in range(12)
    )
    body = (
        "<html><body><div class='modal-enabled and-w-sidebar pagination-first'>"
        f"<article>{paragraphs}</article></div>"
        "<div class='sidebar'>Most read today</div></body></html>"
    ).encode()
    text = extract_source(body, "text/html").text
    assert "Paragraph 0:" in text and "Paragraph 11:" in text
