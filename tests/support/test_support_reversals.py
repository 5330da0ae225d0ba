"""Reversals that carry no changed value: what a page denies, which side of "instead of" is
which, a name the page excludes, names each in the other's place.

The sources are written for these tests (short news-like texts, not copies of any page). Each
case pairs a claim a page reverses with the claim it states, so that a rule that fires on the
words alone, not on their place, fails one of the two.
"""

from __future__ import annotations

import pytest

from citeaudit.model import SupportVerdict
from citeaudit.support import verify_claim
from citeaudit.support.dates import find_dates
from citeaudit.support.stance import denied_clause, frames_belief
from citeaudit.support.words import tokenize
from tests.support.test_support_causes import source

SUPPORTED, PARTIAL = SupportVerdict.SUPPORTED, SupportVerdict.PARTIAL
CONTRADICTED = SupportVerdict.CONTRADICTED

GARDEN = source(
    "Roses are easy to grow in most gardens, the nursery's head gardener Tom Reyes says. "
    "“One common misconception, though, is that they need constant water,” Reyes says. "
    "The soil should be moist but never wet, and most roses flower from June to September.\n"
    "Reyes said the nursery would plant hedges of native hawthorn instead of imported laurel "
    "along its new car park.",
    title="How to grow roses",
)
SURVEY = source(
    "A majority of voters — though not of farmers — back the plan to widen the motorway, the "
    "survey found. Most shop owners in the town also supported the plan.\n"
    "If the drought has given the farmers a headache, the water company has caught a fever, "
    "the minister wrote in the Gazette.",
    title="Survey on the motorway plan",
)
MAGAZINE = source(
    "The open letter, signed by 150 writers, will appear in the magazine's October issue. "
    "It was drafted over several weeks by a group of novelists.",
    title="Writers sign open letter",
)


@pytest.mark.parametrize(
    ("case", "claim", "expected"),
    [
        (
            "what the page calls a misconception, stated as so",
            "Tom Reyes says roses need constant water.",
            CONTRADICTED,
        ),
        (
            "what the page states outside the denied clause",
            "Tom Reyes says roses are easy to grow in most gardens.",
            SUPPORTED,
        ),
        (
            "the misconception reported as one",
            "Tom Reyes says it is a common misconception that roses need constant water.",
            SUPPORTED,
        ),
        (
            "the two sides of 'instead of' swapped",
            "Reyes said the nursery would plant hedges of imported laurel instead of native "
            "hawthorn along its new car park.",
            CONTRADICTED,
        ),
        (
            "'rather than' for the page's 'instead of', sides swapped",
            "The nursery would plant imported laurel rather than native hawthorn along its car "
            "park.",
            CONTRADICTED,
        ),
        (
            "'rather than' for the page's 'instead of', sides kept",
            "The nursery would plant native hawthorn rather than imported laurel along its new "
            "car park.",
            SUPPORTED,
        ),
    ],
)
def test_what_the_page_denies_and_which_side_is_which(
    case: str, claim: str, expected: SupportVerdict
) -> None:
    assert verify_claim(claim, [GARDEN]).verdict is expected, case


@pytest.mark.parametrize(
    ("case", "claim", "expected"),
    [
        (
            "a name the page leaves out of the majority",
            "The survey found that a majority of farmers back the plan to widen the motorway.",
            CONTRADICTED,
        ),
        (
            "the majority the page states",
            "The survey found that a majority of voters back the plan to widen the motorway.",
            SUPPORTED,
        ),
    ],
)
def test_a_name_the_page_excludes(case: str, claim: str, expected: SupportVerdict) -> None:
    assert verify_claim(claim, [SURVEY]).verdict is expected, case


def test_sides_read_across_a_comma_and_names_written_together() -> None:
    page = source(
        "The new Lumo phone is cheaper than its flagships. In a departure, the Lumo gets a "
        "fingerprint sensor, instead of FaceLock, the maker's face unlock system.",
        title="Lumo phone review",
    )
    claim = "The Lumo phone unlocks with Face Lock rather than a fingerprint sensor."
    assert verify_claim(claim, [page]).verdict is CONTRADICTED


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Officers detained the two ministers at an airport in Fort Lauderdale.", CONTRADICTED),
        ("Officers detained the two ministers at an airport in Miami.", SUPPORTED),
    ],
)
def test_a_place_written_before_its_noun_and_after_it(claim: str, expected: SupportVerdict) -> None:
    page = source(
        "On Thursday, officers detained the two ministers at a Miami airport on fraud charges. "
        "Both deny wrongdoing.",
        title="Ministers detained",
    )
    assert verify_claim(claim, [page]).verdict is expected


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (
            "By 2030 the Harbour Trust aimed to renovate 4,200 homes and Northgate 9,800.",
            CONTRADICTED,
        ),
        (
            "By 2030 the Harbour Trust aimed to renovate 9,800 homes and Northgate 4,200.",
            SUPPORTED,
        ),
    ],
)
def test_two_values_each_given_to_the_others_name(claim: str, expected: SupportVerdict) -> None:
    """The name nearest before a value is whose it is, however far the words around it are."""
    page = source(
        "By 2030, the Harbour Trust aims to renovate 9,800 homes, while Northgate aims to "
        "renovate 4,200. Tenants will be consulted first.",
        title="Housing plans",
    )
    assert verify_claim(claim, [page]).verdict is expected


def test_names_swapped_where_the_page_writes_one_of_them_twice() -> None:
    """ "Republican Party" written once before the swapped place and once in it: every place a
    sentence writes a name counts, not only its first."""
    page = source(
        "Analysts agree the Green Party has grown; the Green Party gained seats in the north … "
        "if the election has given the Green Party the flu, the Labour Party has caught "
        "pneumonia, Ruth Klein writes.",
        title="After the election",
    )
    swapped = "Ruth Klein writes that the election has given the Labour Party the flu and the "
    swapped += "Green Party pneumonia."
    as_written = swapped.replace("Labour", "@").replace("Green", "Labour").replace("@", "Green")
    assert verify_claim(swapped, [page]).verdict is CONTRADICTED
    assert verify_claim(as_written, [page]).verdict is not CONTRADICTED


def test_a_month_named_before_a_noun_is_a_date() -> None:
    assert verify_claim(
        "The open letter will appear in the magazine's September issue.", [MAGAZINE]
    ).verdict is (CONTRADICTED)
    assert verify_claim(
        "The open letter will appear in the magazine's October issue.", [MAGAZINE]
    ).verdict is (SUPPORTED)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("the magazine's October issue", "--10"),
        ("a November meeting of the board", "--11"),
        # Given names and ordinary words are months only after a preposition.
        ("June Carter sang", None),
        ("the March on Washington", None),
        ("we met in June", "--06"),
    ],
)
def test_which_lone_month_names_are_dates(text: str, month: str | None) -> None:
    assert next((found.key for found in find_dates(text)), None) == month


@pytest.mark.parametrize(
    ("text", "denies"),
    [
        ("One common misconception, though, is that they need water", True),
        ("It is not true that the bridge was closed", True),
        ("Experts debunked the claim that the bridge was closed", True),
        ("It is true that the bridge was closed", False),
        ("The myth of the bridge is told in the village", False),
    ],
)
def test_denied_clauses(text: str, denies: bool) -> None:
    tokens = tokenize(text)
    assert any(denied_clause(tokens, i) is not None for i in range(len(tokens))) is denies


def test_a_claim_that_reports_a_belief_or_an_allegation_is_not_denied_by_the_page() -> None:
    assert frames_belief(tokenize("Many believe the bridge was closed"))
    assert frames_belief(tokenize("He claimed the vote was rigged"))
    assert not frames_belief(tokenize("Reyes says roses need constant water"))
