"""Unsupported-claim rules (each fires, a near miss does not), BLP detection, the lead exemption."""

from __future__ import annotations

import pytest

from citeaudit.checks.support.claim_scope import is_biography_of_living_person
from citeaudit.checks.support.maintenance_tags import MaintenanceTagCheck
from citeaudit.checks.support.number_uncited import UncitedNumberCheck
from citeaudit.checks.support.quote_uncited import UncitedQuoteCheck
from citeaudit.checks.support.sentence_uncited import BLPUncitedSentenceCheck
from citeaudit.checks.support.trailing_uncited import SentenceAfterLastCitationCheck
from citeaudit.checks.support.uncited_paragraph import UncitedParagraphCheck
from citeaudit.model import FindingFamily, Infobox, MaintenanceTag, Severity
from tests.conftest import build_article, codes, run_check, web_ref

CITED = ("The committee adopted its views on the complaint in October 2014.", ["1"])
UNCITED = "The organisation later opened three regional offices in the north."

# (case, check, sections, expected sentences of the findings)
CASES = [
    (
        "uncited paragraph",
        UncitedParagraphCheck,
        [("Career", [[CITED], [UNCITED, "It also trained lawyers from several provinces."]])],
        [UNCITED],
    ),
    ("near miss: cited at its end", UncitedParagraphCheck, [("Career", [[UNCITED, CITED]])], []),
    (
        "near miss: a See also section",
        UncitedParagraphCheck,
        [("See also", [["List of human rights activists in Central Asia"]])],
        [],
    ),
    (
        "near miss: a list of the subject's own works",
        UncitedParagraphCheck,
        [("Selected works", [("list", ["Human Rights in Kazakhstan, Almaty, 2009."])])],
        [],
    ),
    (
        "near miss: a sentence introducing a list",
        UncitedParagraphCheck,
        [("Works", [["Her main publications are the following:"]])],
        [],
    ),
    (
        "uncited list items",
        UncitedParagraphCheck,
        [
            (
                "Awards",
                [
                    ("list", ["Civil Courage Prize awarded in Geneva, 2015"]),
                    ("list", ["Press Freedom Award given by the union, 2016"]),
                ],
            )
        ],
        ["Civil Courage Prize awarded in Geneva, 2015"],
    ),
    (
        "near miss: one list item cites",
        UncitedParagraphCheck,
        [
            (
                "Awards",
                [
                    ("list", ["Civil Courage Prize awarded in Geneva, 2015"]),
                    ("list", [("Press Freedom Award given by the union, 2016", ["1"])]),
                ],
            )
        ],
        [],
    ),
    (
        "sentence after the last citation",
        SentenceAfterLastCitationCheck,
        [("Career", [[CITED, UNCITED]])],
        [UNCITED],
    ),
    (
        "near miss: sentence before the citation",
        SentenceAfterLastCitationCheck,
        [("Career", [[UNCITED, CITED]])],
        [],
    ),
    (
        "near miss: short sentence after the citation",
        SentenceAfterLastCitationCheck,
        [("Career", [[CITED, "It failed."]])],
        [],
    ),
    (
        "one finding for a paragraph's uncited tail",
        SentenceAfterLastCitationCheck,
        [("Career", [[CITED, UNCITED, "It also trained lawyers from several provinces."]])],
        [UNCITED],
    ),
    (
        "near miss: a sentence describing the example above",
        SentenceAfterLastCitationCheck,
        [("Syntax", [[CITED, "In the above code, the loop prints the numbers four to ten."]])],
        [],
    ),
    (
        "uncited quotation",
        UncitedQuoteCheck,
        [
            (
                "Views",
                [[CITED, "She said the trial was \u201ca political puzzle for everyone\u201d."]],
            )
        ],
        ["She said the trial was \u201ca political puzzle for everyone\u201d."],
    ),
    (
        "near miss: quotation cited after its sentence",
        UncitedQuoteCheck,
        [
            (
                "Views",
                [["She said the trial was \u201ca political puzzle for everyone\u201d.", CITED]],
            )
        ],
        [],
    ),
    (
        "near miss: scare quotes",
        UncitedQuoteCheck,
        [("Views", [["They faced \u201cextremist\u201d charges in court."]])],
        [],
    ),
    (
        "uncited block quote",
        UncitedQuoteCheck,
        [("Views", [("quote", ["Freedom is never given; it is won by those who ask."])])],
        ["Freedom is never given; it is won by those who ask."],
    ),
    (
        "near miss: a song's title in quotation marks",
        UncitedQuoteCheck,
        [("Music", [["She recorded the song \u201cwalking on the river\u201d in Almaty."]])],
        [],
    ),
    (
        "near miss: a film's title in title case",
        UncitedQuoteCheck,
        [("Films", [["Her story was told in \u201cThe Road to Almaty\u201d, shown in Berlin."]])],
        [],
    ),
    (
        "near miss: a name after 'known as'",
        UncitedQuoteCheck,
        [("Views", [["The group became known as \u201cthe quiet observers of the steppe\u201d."]])],
        [],
    ),
    (
        "near miss: a block quotation cited at its end",
        UncitedQuoteCheck,
        [
            (
                "Views",
                [
                    (
                        "quote",
                        [
                            "Freedom is never given.",
                            ("It is won by those who ask for it every day.", ["1"]),
                        ],
                    )
                ],
            )
        ],
        [],
    ),
    (
        "near miss: a block quotation of two paragraphs cited at its end",
        UncitedQuoteCheck,
        [
            (
                "Views",
                [
                    ("quote", ["First paragraph of a long quotation that goes on and on."]),
                    ("quote", [("Second paragraph of the same quotation, still going.", ["1"])]),
                ],
            )
        ],
        [],
    ),
    (
        "an uncited block quotation is one finding",
        UncitedQuoteCheck,
        [("Views", [("quote", ["Freedom is never given.", "It is won by those who ask."])])],
        ["Freedom is never given."],
    ),
    (
        "near miss: list items under a cited lead-in",
        UncitedNumberCheck,
        [
            (
                "Impact",
                [
                    [("The survey of 2019 found the following:", ["1"])],
                    ("list", ["45% of respondents voted"]),
                    ("list", ["$2.5 million was raised for 1,200 families"]),
                ],
            )
        ],
        [],
    ),
    (
        "list items under an uncited lead-in",
        UncitedNumberCheck,
        [
            (
                "Impact",
                [
                    ["The survey of 2019 found the following:"],
                    ("list", ["45% of respondents voted"]),
                ],
            )
        ],
        ["45% of respondents voted"],
    ),
    (
        "near miss: a list of works outside a works section",
        UncitedParagraphCheck,
        [
            (
                "Later life",
                [
                    ("list", ["Human Rights in Kazakhstan (Almaty: Adilet Press, 2009)"]),
                    ("list", ["Notes from the Courtroom (2014). ISBN 978-601-000-000-0"]),
                ],
            )
        ],
        [],
    ),
    (
        "near miss: a See also line and a line of navigation links",
        UncitedParagraphCheck,
        [
            (
                "Career",
                [
                    ["See also: List of human rights activists in Central Asia"],
                    ["Home · Human rights · Kazakhstan · Almaty · Elections"],
                ],
            )
        ],
        [],
    ),
    (
        "near miss: a paragraph describing the example above",
        UncitedParagraphCheck,
        [
            (
                "Syntax",
                [
                    [CITED],
                    [
                        "In the above code, the loop prints the numbers four to ten.",
                        "The body of the loop runs once for each number in the range.",
                    ],
                ],
            )
        ],
        [],
    ),
    (
        "uncited figure",
        UncitedNumberCheck,
        [("Impact", [[CITED, "The fund paid out $2.5 million to 1,200 families."]])],
        ["The fund paid out $2.5 million to 1,200 families."],
    ),
    (
        "uncited percentage",
        UncitedNumberCheck,
        [("Impact", [["Turnout fell to 45% in the capital."]])],
        ["Turnout fell to 45% in the capital."],
    ),
    (
        "near miss: cited figure",
        UncitedNumberCheck,
        [("Impact", [[("Turnout fell to 45% in the capital.", ["1"])]])],
        [],
    ),
    (
        "near miss: years and small counts are not statistics",
        UncitedNumberCheck,
        [("Impact", [["In 2005 she organized 12 observers for the elections."]])],
        [],
    ),
]


@pytest.mark.parametrize(
    ("case", "check", "sections", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_support_rule(case: str, check: type, sections: list, expected: list[str]) -> None:
    article = build_article(sections=sections, references=[web_ref("1")])
    findings = run_check(check, article)
    assert [finding.sentence for finding in findings] == expected
    assert all(finding.family is FindingFamily.SUPPORT and finding.section for finding in findings)


BORN = Infobox("person", {"birth_date": "23 March 1962"})


@pytest.mark.parametrize(
    ("infoboxes", "categories", "lead", "living"),
    [
        ([BORN], [], [], True),
        ([Infobox("person", {"Born": "(1962-03-23) 23 March 1962 (age\u00a062)"})], [], [], True),
        ([], ["Living people"], [], True),
        ([], ["Category:Living people"], [], True),
        ([], [], [["Born (1962-03-23) 23 March 1962 (age 62)"]], True),
        # near misses: dead person, an organisation, a birth year in a sentence
        ([Infobox("person", {"birth_date": "1900", "death_date": "1980"})], [], [], False),
        ([Infobox("organization", {"founded": "1999"})], ["1999 establishments"], [], False),
        ([], [], [["She was born in 1962 in Almaty and studied law."]], False),
    ],
)
def test_biography_of_living_person(
    infoboxes: list, categories: list, lead: list, living: bool
) -> None:
    article = build_article(lead=lead, infoboxes=infoboxes, categories=categories)
    assert is_biography_of_living_person(article) is living


def test_uncited_paragraph_is_an_error_in_a_living_persons_biography() -> None:
    sections = [("Career", [[UNCITED]])]
    living = build_article(sections=sections, infoboxes=[BORN])
    other = build_article(sections=sections)
    assert [finding.severity for finding in run_check(UncitedParagraphCheck, living)] == [
        Severity.ERROR
    ]
    assert [finding.severity for finding in run_check(UncitedParagraphCheck, other)] == [
        Severity.WARNING
    ]


LEAD_COVERED = "Toregozhina is a Kazakh activist who founded the Kahar youth movement in 2004."
LEAD_NOT_COVERED = "She is widely regarded as the most influential dissident of her generation."
BODY = [
    (
        "Activism",
        [[("In 2004, Toregozhina founded Kahar, a Kazakh youth movement of activists.", ["1"])]],
    )
]


@pytest.mark.parametrize(
    ("lead_sentence", "lead_needs_citations", "fires"),
    [
        (LEAD_NOT_COVERED, False, True),
        (LEAD_COVERED, True, True),
        (LEAD_COVERED, False, False),
        ("Toregozhina founded the Kahar youth movement in 2009.", False, True),
    ],
)
def test_lead_exemption(lead_sentence: str, lead_needs_citations: bool, fires: bool) -> None:
    article = build_article(lead=[[lead_sentence]], sections=BODY, references=[web_ref("1")])
    findings = run_check(UncitedParagraphCheck, article, lead_needs_citations=lead_needs_citations)
    assert bool(findings) is fires


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("citation-needed", ["tag-citation-needed"]),
        ("failed-verification", ["tag-failed-verification"]),
        ("better-source-needed", ["tag-better-source-needed"]),
        ("dead-link", []),
    ],
)
def test_maintenance_tags(kind: str, expected: list[str]) -> None:
    article = build_article(
        sections=[("Career", [[UNCITED]])],
        tags=[MaintenanceTag(kind, kind, 1, sentence_id=0, date="May 2024")],
    )
    findings = run_check(MaintenanceTagCheck, article)
    assert codes(findings) == expected
    assert all(
        f.section == "Career" and f.sentence == UNCITED and "May 2024" in f.message
        for f in findings
    )


@pytest.mark.parametrize(
    ("infoboxes", "paragraph", "expected"),
    [
        ([BORN], [UNCITED, CITED], [UNCITED]),
        # near misses: not a living person; the sentence cites; the sentence after the last citation
        ([], [UNCITED, CITED], []),
        ([BORN], [(UNCITED, ["1"]), CITED], []),
        ([BORN], [CITED, UNCITED], []),
    ],
)
def test_blp_sentence_uncited(infoboxes: list, paragraph: list, expected: list[str]) -> None:
    article = build_article(
        sections=[("Career", [paragraph])], references=[web_ref("1")], infoboxes=infoboxes
    )
    findings = run_check(BLPUncitedSentenceCheck, article)
    assert [finding.sentence for finding in findings] == expected
    assert all(finding.severity is Severity.INFO for finding in findings)
