"""A source dated before the year its sentence reports: which years count, and when it fires."""

from __future__ import annotations

import pytest

from citeaudit.checks.dates.source_predates_claim import SourcePredatesClaimCheck, event_years
from citeaudit.model import Severity
from tests.conftest import AS_OF, build_article, run_check, web_ref

# (guard or case, sentence, event years)
YEAR_CASES = [
    ("plain event year", "In 2017, she gave a press conference.", [2017]),
    ("full date", "On 16 March 2010, police entered her office.", [2010]),
    ("mdy date", "It was released on March 5, 2021.", [2021]),
    (
        "event named by its year",
        "She received the 2023 International Women of Courage Award.",
        [2023],
    ),
    # A year inside a proper name names the thing, not the time of the claim: the body may be
    # older than its name, and a source from before it may still support the rest.
    ("body named with a year", "She heads the Qantar 2022 coalition.", []),
    (
        "body named with a year",
        "She has been serving as the head of the Qantar 2022, and a foundation.",
        [],
    ),
    ("body named with a year", "He is a member of Charter 77 and Forum 2000.", []),
    ("name", "She often spoke about Vision 2030 in interviews.", []),
    ("name", "The office used Windows 2000 computers.", []),
    ("name, then an event year", "She joined Forum 2000 in 2015.", [2015]),
    ("since", "She has lived there since 2010.", []),
    ("until", "He remained in office until 2019.", []),
    ("by", "The law is in force by 2020.", []),
    ("founded in", "She heads the group, founded in 2022, in Almaty.", []),
    ("planned", "A new office is planned for 2024.", []),
    ("expected", "The report is expected in 2025.", []),
    ("scheduled", "Elections are scheduled in 2024.", []),
    ("proposed", "The proposed 2024 budget was debated.", []),
    ("future tense", "The museum will reopen in 2025.", []),
    ("range", "He worked there from 1999 to 2005.", []),
    ("range", "The 2010–11 season was poor.", []),
    ("range", "She was active 1999–present.", []),
    ("range", "Between 2016 and 2018 she lived abroad.", []),
    ("decade", "In the 1990s the movement grew.", []),
    ("quoted title", "She wrote \u201cReport on 2019 Elections\u201d for the paper.", []),
    ("quantity", "About 1500 prisoners were released.", []),
    ("money", "She was fined $2000 by the court.", []),
    ("not a year: too late", "In 2999 nothing happened.", []),
]


@pytest.mark.parametrize(
    ("case", "sentence", "years"), YEAR_CASES, ids=[f"{c[0]}: {c[1]}" for c in YEAR_CASES]
)
def test_event_years(case: str, sentence: str, years: list[int]) -> None:
    assert event_years(sentence, AS_OF) == years


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["26 April 2015"], [("1", Severity.WARNING)]),
        (["26 April 2015", "15 November 2015"], [("1", Severity.WARNING), ("2", Severity.WARNING)]),
        (["26 April 2015", "8 March 2023"], [("1", Severity.INFO)]),
        # near misses: a source of the same year, an undated source
        (["1 December 2022"], []),
        ([None], []),
    ],
)
def test_fires_per_source_before_the_event(
    dates: list[str | None], expected: list[tuple[str, Severity]]
) -> None:
    references = [web_ref(str(number), date=date) for number, date in enumerate(dates, start=1)]
    article = build_article(
        sections=[
            (
                "Activism",
                [
                    [
                        (
                            "In 2022 she became the head of a coalition of NGOs.",
                            [reference.id for reference in references],
                        )
                    ]
                ],
            )
        ],
        references=references,
    )
    findings = run_check(SourcePredatesClaimCheck, article)
    assert [(finding.reference_id, finding.severity) for finding in findings] == expected
    assert all(finding.section == "Activism" and "2022" in finding.message for finding in findings)
