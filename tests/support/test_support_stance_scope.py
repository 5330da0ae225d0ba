"""What a page does not state, and stances read in their own scope.

The sources are written for these tests (short news-like texts, not copies of any page). The
claims are the kinds a reader would get wrong if the rules looked at the page as a bag of
words: an unrelated fact about the page's subject whose actor the page never names, a year
the page writes only about something else, a compound claim of which the page states one
part; a negation excused by another negation elsewhere in the sentence, or reported although
the page negates the same words ("for failing to" against "if they fail to"); opposites made by
a prefix ("likely"/"unlikely") and common reversals ("lifted"/"imposed").
"""

from __future__ import annotations

import pytest

from citeaudit.model import SourceText, SupportVerdict
from citeaudit.support import verify_claim
from citeaudit.support.stance import are_antonyms, is_negated
from citeaudit.support.words import tokenize
from tests.support.test_support_causes import source

SUPPORTED, PARTIAL = SupportVerdict.SUPPORTED, SupportVerdict.PARTIAL
CONTRADICTED, NOT_FOUND = SupportVerdict.CONTRADICTED, SupportVerdict.NOT_FOUND


COUNCIL = source(
    "The city council approved the new cycle lane on Harbour Road on Monday, after a vote of "
    "9 to 4. Councillor Maria Lenz said the lane would open in the spring and would link the "
    "station with the university. Shop owners on the road had asked for more parking spaces.\n"
    "The library will shut for a week in August while its roof is mended. "
    "The mayor thanked the volunteers who cleaned the beach after the storm. "
    "In 2019 the city hosted a food festival on the seafront.",
    title="Council approves Harbour Road cycle lane",
)
FINES = source(
    "Drivers may be fined £100 if they fail to show their licence to an inspector. "
    "Eighty percent of the scheme was paid for by federal grants, and none of it by private "
    "donors. Analysts said a merger between the two bus companies is unlikely before 2025. "
    "The government lifted the ban on night flights in March.",
    title="New rules for drivers",
)


@pytest.mark.parametrize(
    ("case", "claim", "expected"),
    [
        (
            "an actor the page never names, with next to none of the claim's other words",
            "Councillor Maria Lenz said the project was funded by the Transport Ministry.",
            NOT_FOUND,
        ),
        (
            "a year written only in a sentence about something else",
            "The cycle lane on Harbour Road was closed for repairs in 2019.",
            NOT_FOUND,
        ),
        (
            "a compound claim whose first part the page states",
            "Councillor Maria Lenz said the lane would open in the spring, and the Transport "
            "Ministry paid for it.",
            PARTIAL,
        ),
        (
            "a stated part with no fact of its own, and an invented one",
            "The lane would link the station with the university, and the Transport Ministry "
            "paid for it.",
            PARTIAL,
        ),
        (
            "an invented cause",
            "Councillor Maria Lenz said the lane would open in the spring because road "
            "accidents had doubled.",
            PARTIAL,
        ),
        (
            "a cause invented between two facts the page states side by side",
            "Councillor Maria Lenz said the lane would open in the spring because shop owners "
            "had asked for more parking spaces.",
            PARTIAL,
        ),
        (
            "a joining word inside a name joins nothing",
            "The cycle lane was approved by the Food and Drug Administration in 2021.",
            NOT_FOUND,
        ),
        (
            "a name listed beside one the page has",
            "The lane was proposed by Maria Lenz and Tom Baptiste.",
            PARTIAL,
        ),
        (
            "the page's own statement",
            "Maria Lenz said the new lane would link the station with the university.",
            SUPPORTED,
        ),
    ],
)
def test_what_the_page_does_not_state(case: str, claim: str, expected: SupportVerdict) -> None:
    result = verify_claim(claim, [COUNCIL])
    assert result.verdict is expected, f"{case}: {result.reason}"


def test_a_not_found_with_one_fact_found_says_which_is_nowhere() -> None:
    result = verify_claim(
        "Councillor Maria Lenz said the project was funded by the Transport Ministry.", [COUNCIL]
    )
    assert "Transport Ministry is nowhere in it" in result.reason


@pytest.mark.parametrize(
    ("case", "claim", "expected"),
    [
        (
            "negated in both, by other words",
            "Drivers can be fined £100 for failing to show their licence to an inspector.",
            SUPPORTED,
        ),
        (
            "a negation elsewhere in the page's sentence excuses nothing",
            "Eighty percent of the scheme was not paid for by federal grants.",
            CONTRADICTED,
        ),
        (
            "an opposite made by a prefix",
            "Analysts said a merger between the two bus companies is likely before 2025.",
            CONTRADICTED,
        ),
        (
            "the same prefixed word",
            "Analysts said a merger of the two bus companies was unlikely before 2025.",
            SUPPORTED,
        ),
        (
            "a common reversal",
            "The government imposed a ban on night flights in March.",
            CONTRADICTED,
        ),
    ],
)
def test_stance_in_its_own_scope(case: str, claim: str, expected: SupportVerdict) -> None:
    result = verify_claim(claim, [FINES])
    assert result.verdict is expected, f"{case}: {result.reason}"
    if expected is CONTRADICTED:
        assert result.flips


@pytest.mark.parametrize(
    ("first", "second", "opposite"),
    [
        ("likely", "unlikely", True),
        ("legal", "illegal", True),
        ("regular", "irregular", True),
        ("possible", "impossible", True),
        ("accurate", "inaccurate", True),
        ("agree", "disagree", True),
        ("known", "unknown", True),
        ("lifted", "imposed", True),
        ("form", "inform", False),
        ("prove", "improve", False),
        ("crease", "increase", False),
        ("cover", "discover", False),
        ("less", "unless", False),
        ("able", "disable", False),
    ],
)
def test_opposites(first: str, second: str, opposite: bool) -> None:
    one, other = tokenize(first)[0], tokenize(second)[0]
    assert are_antonyms(one, other) is opposite
    assert are_antonyms(other, one) is opposite


GARDEN = source(
    "If there's no drainage and too much water collects around the roots, the leaves wilt. "
    "Plants in pots need drainage holes. fasd - upstream packaged in Debian.\n"
    "British Virgin Islands Premier Andrew Alturo Fahie, 51, was arrested by United States "
    "Drug Enforcement Agency officials at a Miami airport. A complaint said Fahie had agreed to "
    "let an informant use the islands' ports in return for a payment of $500,000.\n"
    "The smaller phone has a 4.7in display, while most phones on the market are closer to the "
    "6in mark. More than a quarter of the buyers were students.\n"
    "Nixon began work on his memoirs, RN: The Memoirs of Richard Nixon, a long rebuttal to his "
    "critics. Released in May 1978, the book was priced at $19.95.",
    title="Notes from the week",
)


@pytest.mark.parametrize(
    ("case", "claim", "expected"),
    [
        (
            "a word the claim both negates and states plainly",
            "According to its author, fasd is packaged upstream in Debian, whereas z is not in "
            "Debian.",
            PARTIAL,
        ),
        (
            "a name with its middle name",
            "Premier Andrew Fahie was arrested at a Miami airport.",
            SUPPORTED,
        ),
        (
            "an agency written another way is no other agency",
            "Premier Andrew Fahie was arrested by the US Drug Enforcement Administration at a "
            "Miami airport.",
            PARTIAL,
        ),
        (
            "a unit written against the number and in full",
            "Most phones on the market are closer to six inches than the smaller phone's "
            "4.7-inch display.",
            SUPPORTED,
        ),
        (
            "an amount in words",
            "Fahie agreed to let an informant use the ports in return for half a million dollars.",
            SUPPORTED,
        ),
        (
            "another amount in the same place, after another preposition",
            "Fahie agreed to let an informant use the ports in return for $5 million.",
            CONTRADICTED,
        ),
        (
            "a share in words against another",
            "More than half of the buyers were students.",
            CONTRADICTED,
        ),
        ("the same share", "Over a quarter of the buyers were students.", SUPPORTED),
        (
            "another date in the passage's next sentence",
            "RN: The Memoirs of Richard Nixon was released in September 1978.",
            CONTRADICTED,
        ),
    ],
)
def test_values_and_names_read_as_the_page_means_them(
    case: str, claim: str, expected: SupportVerdict
) -> None:
    result = verify_claim(claim, [GARDEN])
    assert result.verdict is expected, f"{case}: {result.reason}"


def test_a_negation_in_a_condition_states_nothing() -> None:
    tokens = tokenize("If there's no drainage, the leaves wilt.")
    drainage = next(i for i, token in enumerate(tokens) if token.folded == "drainage")
    assert not is_negated(tokens, drainage)
    plain = tokenize("There's no drainage, so the leaves wilt.")
    assert is_negated(plain, next(i for i, t in enumerate(plain) if t.folded == "drainage"))


RACE = source(
    "In the East Bronx, Democratic incumbent Marjorie Velázquez trailed her Republican "
    "challenger Kristy Marmorato by more than 700 votes on Wednesday. "
    "The masks had been kept in a machine room on the third floor of the city hospital. "
    "The best time of the day to cut the blooms is in the morning, the gardener says. "
    "The Five-hundred-meter Aperture Spherical Radio Telescope (FAST) in southern China has "
    "passed its final review.",
    title="Election night",
)


@pytest.mark.parametrize(
    ("case", "claim", "expected"),
    [
        (
            "two names each in the other's place",
            "Republican incumbent Marjorie Velázquez trailed her Democratic challenger Kristy "
            "Marmorato by more than 700 votes.",
            CONTRADICTED,
        ),
        (
            "the names in their places, in other words",
            "Kristy Marmorato, the Republican challenger, led the Democratic incumbent Marjorie "
            "Velázquez by more than 700 votes.",
            SUPPORTED,
        ),
        (
            "a short form in apposition, in another order",
            "FAST, the Five-hundred-meter Aperture Spherical Radio Telescope in southern China, "
            "has passed its final review.",
            SUPPORTED,
        ),
        (
            "another ordinal",
            "The masks were kept in a machine room on the fifth floor of the city hospital.",
            CONTRADICTED,
        ),
        (
            "the same ordinal",
            "The masks were kept in a machine room on the third floor of the city hospital.",
            SUPPORTED,
        ),
        (
            "another time of day",
            "The gardener says the best time of day to cut the blooms is in the evening.",
            CONTRADICTED,
        ),
    ],
)
def test_relations_ordinals_and_times(case: str, claim: str, expected: SupportVerdict) -> None:
    result = verify_claim(claim, [RACE])
    assert result.verdict is expected, f"{case}: {result.reason}"


def test_a_claim_the_rest_of_the_page_states_in_full_is_partial_not_not_found() -> None:
    page = SourceText(
        text=COUNCIL.text,
        title=COUNCIL.title,
        language="en",
        kind="html",
        elsewhere=(
            "About the author: Jo Reyes has covered the city council for the Courier since "
            "2015.\nMore stories: council debates the harbour budget for next year"
        ),
    )
    stated = verify_claim("Jo Reyes has covered the city council since 2015.", [page])
    assert stated.verdict is PARTIAL, stated.reason
    assert "elsewhere on the page" in stated.reason
    assert "Jo Reyes" in stated.evidence[0].passage
    unstated = verify_claim(
        "Councillor Maria Lenz said the project was funded by the Transport Ministry.", [page]
    )
    assert unstated.verdict is NOT_FOUND, unstated.reason


def test_the_page_states_its_own_date_and_authors_but_they_excuse_no_conflict() -> None:
    page = SourceText(
        text=(
            "The city council approved the new cycle lane on Harbour Road on Monday. "
            "The old swing bridge over the river opened in 2017 after two years of work.\n"
            "Readers can send their views on local news to our letters page."
        ),
        title="Council approves cycle lane",
        language="en",
        kind="html",
        published="2019-01-14",
        authors=("Jo Reyes",),
    )
    stated = verify_claim(
        "Jo Reyes reported in January 2019 that the city council approved the new cycle lane on "
        "Harbour Road.",
        [page],
    )
    assert stated.verdict is SUPPORTED, stated.reason
    changed = verify_claim("The old swing bridge over the river opened in 2019.", [page])
    assert changed.verdict is CONTRADICTED, changed.reason


SCHOOLS = source(
    "The health team had planned to keep schools open during the four weeks of the lockdown. "
    "The attraction on the headland will be closed from tomorrow. Opening again for weekends "
    "from October 31st, from 11am to 4pm.\n"
    "The Hyogo Prefectural Police is investigating the loss of the masks as a case of theft.",
    title="Lockdown plans",
)


@pytest.mark.parametrize(
    ("case", "claim", "expected"),
    [
        (
            "an opposite in the passage",
            "The health team's lockdown plan would have closed schools for its four weeks.",
            CONTRADICTED,
        ),
        (
            "a claim that goes both ways itself",
            "The attraction on the headland would close and then reopen at weekends from 31 "
            "October, from 11am to 4pm.",
            SUPPORTED,
        ),
        (
            "a body of one kind in another place",
            "The Osaka Prefectural Police investigated the loss of the masks as a theft.",
            CONTRADICTED,
        ),
    ],
)
def test_opposites_in_their_place(case: str, claim: str, expected: SupportVerdict) -> None:
    result = verify_claim(claim, [SCHOOLS])
    assert result.verdict is expected, f"{case}: {result.reason}"


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The trail runs for about 150 km along the coast.", SUPPORTED),
        ("The trail runs for about 300 km along the coast.", PARTIAL),
        ("The water in the bay reached 80 °F in August.", SUPPORTED),
    ],
)
def test_a_measure_in_other_units_is_the_same_measure(claim: str, expected: SupportVerdict) -> None:
    page = source(
        "The trail runs for 93 miles along the coast, from the harbour to the lighthouse. "
        "The water in the bay reached 26.7 °C in August, the warmest on record.",
        title="Coast trail",
    )
    result = verify_claim(claim, [page])
    assert result.verdict is expected, result.reason


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The new phone is designed to look like the iPhone X from 2017.", CONTRADICTED),
        ("The new phone is designed to look like the iPhone 8 from 2017.", SUPPORTED),
        ("The shop still sells laptops running Windows XP.", SUPPORTED),
    ],
)
def test_a_model_named_by_letters_is_read_whole(claim: str, expected: SupportVerdict) -> None:
    page = source(
        "The new phone is designed to look like the iPhone 8 from 2017, but it is faster. "
        "The shop still sells laptops running Windows XP to schools.",
        title="Phone review",
    )
    result = verify_claim(claim, [page])
    assert result.verdict is expected, result.reason


def test_a_condition_reversed_is_a_reversal() -> None:
    page = source(
        "For those of us who feel we would lose our head if it wasn't attached, this doormat "
        "is a godsend. If there's no drainage, the roots of the plants rot.",
        title="Gifts for the forgetful",
    )
    reversed_condition = verify_claim(
        "For those of us who feel we would lose our head if it was attached, this doormat is a "
        "godsend.",
        [page],
    )
    assert reversed_condition.verdict is CONTRADICTED, reversed_condition.reason
    as_written = verify_claim("If there's no drainage, the roots of the plants rot.", [page])
    assert as_written.verdict is SUPPORTED, as_written.reason
