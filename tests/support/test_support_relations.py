"""Claims whose facts are on the page but not as the claim puts them, and pages that say a thing
twice: the rules that keep `supported` and `contradicted` honest beyond single facts.

The sources are written for these tests (short texts, not copies of any page). Each case is a
structure seen on real pages: a list of figures whose captions differ by their number, a
thing said once after a "not" and once plainly, a contraction of "I", two figures of one
sentence each put where the other stands.
"""

from __future__ import annotations

import pytest

from citeaudit.model import SourceText, SupportVerdict
from citeaudit.support import verify_claim
from citeaudit.support.facts import FactKind, facts_of

SUPPORTED, PARTIAL = SupportVerdict.SUPPORTED, SupportVerdict.PARTIAL
CONTRADICTED, NOT_FOUND = SupportVerdict.CONTRADICTED, SupportVerdict.NOT_FOUND

FILLER = (
    "Readers can find more guides like this one in our weekly newsletter. "
    "Prices and versions were checked at the time of writing and may have changed since. "
)


def source(text: str, title: str = "") -> SourceText:
    return SourceText(text=f"{text}\n{FILLER}", title=title, language="en", kind="html")


CAPTIONS = source(
    "Figure 1: Changing the font size of all text elements.\n"
    "Figure 2: Changing the font size of the axis text.\n"
    "Figure 3: Changing the font size of the axis titles.\n"
    "Figure 4: Changing the font size of the main title.\n",
    title="Font sizes in plots",
)
ANSWERS = source(
    "Are wheelchairs carried on the buses? Yes, subject to size and space. If not, staff will "
    "arrange alternative transport.\n"
    "What if the bus is late? The station staff will arrange alternative transport for you.\n"
    "Are pets allowed? No. Assistance dogs are always permitted.\n"
    "Are bicycles allowed? Folding bicycles only. Assistance dogs are always permitted.\n",
    title="Replacement buses",
)


@pytest.mark.parametrize(
    "claim",
    [
        "Figure 2: Changing the font size of the axis text.",
        "Figure 4: Changing the font size of the main title.",
    ],
)
def test_a_caption_among_captions_that_differ_by_their_number_is_supported(claim: str) -> None:
    result = verify_claim(claim, [CAPTIONS])
    assert result.verdict is SUPPORTED, result.reason


def test_a_one_digit_model_number_is_found_where_it_is_written() -> None:
    result = verify_claim("Figure 3 changes the font size of the axis titles.", [CAPTIONS])
    assert result.verdict is SUPPORTED, result.reason
    changed = verify_claim("Figure 3 changes the font size of the main title.", [CAPTIONS])
    assert changed.verdict is not SUPPORTED, changed.reason


@pytest.mark.parametrize(
    "claim",
    ["Staff will arrange alternative transport.", "Assistance dogs are always permitted."],
)
def test_a_thing_said_once_after_a_not_and_once_plainly_is_not_contradicted(claim: str) -> None:
    result = verify_claim(claim, [ANSWERS])
    assert result.verdict is SUPPORTED, result.reason


def test_a_stance_the_page_reverses_everywhere_is_still_contradicted() -> None:
    result = verify_claim("Assistance dogs are never permitted.", [ANSWERS])
    assert result.verdict is CONTRADICTED, result.reason


def test_a_contraction_of_i_is_not_a_name() -> None:
    facts = facts_of("She said that I’m an artist in residence and I'll be having a solo show.")
    assert not [fact for fact in facts if fact.kind is FactKind.NAME]


SURVEY = source(
    "The spring survey counted 7,600 nesting pairs of boobies and 1,700 pairs of frigate birds "
    "on the island. With afternoon highs in Leeds and York reaching ten degrees, Hull hitting "
    "14 degrees and Derby, 15 degrees, the mild weather lasted through the week.",
    title="Island survey",
)


def test_two_figures_of_one_sentence_swapped_are_contradicted() -> None:
    claim = (
        "The spring survey counted 1,700 nesting pairs of boobies and 7,600 pairs of frigate birds."
    )
    result = verify_claim(claim, [SURVEY])
    assert result.verdict is CONTRADICTED, result.reason
    assert ("1,700", "7,600") in {(c.claim, c.source) for c in result.conflicts}


def test_a_list_put_in_another_order_is_supported() -> None:
    """ "counted" stands before whichever figure comes first; "frigate birds" after its own."""
    claim = (
        "The spring survey counted 1,700 pairs of frigate birds and 7,600 nesting pairs of boobies."
    )
    result = verify_claim(claim, [SURVEY])
    assert result.verdict is SUPPORTED, result.reason


PLANS = source(
    "By 2028, the Harbour Trust aims to convert 110,000 apartments, while the Council aims to "
    "convert 62,000.",
    title="Housing plans",
)


def test_figures_swapped_between_two_bodies_saying_the_same_verb_are_contradicted() -> None:
    """ "aims to convert" stands by both figures: only "Harbour Trust" and "apartments" tell them
    apart, and they put 110,000 where the claim puts 62,000."""
    claim = "By 2028 the Harbour Trust aimed to convert 62,000 apartments and the Council 110,000."
    result = verify_claim(claim, [PLANS])
    assert result.verdict is CONTRADICTED, result.reason
    as_pairs = (
        "By 2028 the Harbour Trust aimed to convert 110,000 apartments and the Council 62,000."
    )
    assert verify_claim(as_pairs, [PLANS]).verdict is SUPPORTED


@pytest.mark.parametrize(
    ("claim", "conflict"),
    [
        (
            "The spring survey counted 7,600 nesting pairs of boobies and 7,600 pairs of frigate "
            "birds.",
            ("7,600", "1,700"),
        ),
        (
            "The spring survey counted 1,700 nesting pairs of boobies and 1,700 pairs of frigate "
            "birds.",
            ("1,700", "7,600"),
        ),
    ],
)
def test_one_figure_written_in_the_place_of_the_other_too_is_contradicted(
    claim: str, conflict: tuple[str, str]
) -> None:
    result = verify_claim(claim, [SURVEY])
    assert result.verdict is CONTRADICTED, result.reason
    assert conflict in {(c.claim, c.source) for c in result.conflicts}


RECORDS = source(
    "The records covered 90 million hospital stays and 4.2 million deaths over ten years.",
    title="Hospital records",
)


@pytest.mark.parametrize(
    "claim",
    [
        "The records covered 90 million hospital stays and 90 million deaths.",
        "The records covered 4.2 million hospital stays and 4.2 million deaths.",
    ],
)
def test_a_figure_written_twice_where_the_page_writes_it_once_is_contradicted(claim: str) -> None:
    # One word on each side ("stays and _ deaths") places the other figure; neither side alone
    # has two, as a swap needs.
    result = verify_claim(claim, [RECORDS])
    assert result.verdict is CONTRADICTED, result.reason


def test_a_figure_the_page_writes_twice_too_is_supported() -> None:
    page = source("Each ward had 40 beds and 40 nurses on duty.", title="Wards")
    result = verify_claim("Each ward had 40 beds and 40 nurses on duty.", [page])
    assert result.verdict is SUPPORTED, result.reason


def test_a_value_written_twice_keeps_both_places() -> None:
    text = "It had 1,700 pairs of boobies and 1,700 of frigate birds."
    (value,) = [fact for fact in facts_of(text) if fact.kind is FactKind.NUMBER]
    assert [text[place.start : place.end] for place in value.each_place()] == ["1,700", "1,700"]
    assert [place.start for place in value.each_place()] == [7, 34]


@pytest.mark.parametrize(
    "claim",
    [
        "The survey counted 7,600 nesting pairs of boobies and 1,700 pairs of frigate birds.",
        # The same pairs in another word order: "14 degrees in Hull" is "Hull hitting 14 degrees".
        "Afternoon highs reached 14 degrees in Hull and 15 degrees in Derby.",
    ],
)
def test_figures_paired_as_the_page_pairs_them_are_supported(claim: str) -> None:
    result = verify_claim(claim, [SURVEY])
    assert result.verdict is SUPPORTED, result.reason


FIRES = source(
    "By Monday, 8,668 fires had been detected in the state, according to the fire database. "
    "That exceeds the past few years, and falls just short of the 2016 high of 8,836. "
    "The agency recorded more than 2,000 fires in the first week of the month alone.",
    title="Fire season",
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (
            "By Monday, 8,668 fires had been detected, more than the 2016 high of 8,836.",
            CONTRADICTED,
        ),
        ("By Monday, 8,668 fires had been detected, just below the 2016 high of 8,836.", SUPPORTED),
        (
            "The agency recorded fewer than 2,000 fires in the first week of the month.",
            CONTRADICTED,
        ),
        ("The agency recorded over 2,000 fires in the first week of the month.", SUPPORTED),
    ],
)
def test_a_number_compared_the_other_way_is_contradicted(
    claim: str, expected: SupportVerdict
) -> None:
    result = verify_claim(claim, [FIRES])
    assert result.verdict is expected, result.reason


BOARD = source(
    "The county board of supervisors approved a move to enter into exclusive negotiations with "
    "a local developer on Tuesday night. This approval is for a two-year negotiation, during "
    "which the developer will work on a design and the environmental impact of the resort.",
    title="Resort talks approved",
)


@pytest.mark.parametrize(
    "claim",
    [
        "The county board approved exclusive negotiations with a local developer, funded by a "
        "state tourism grant.",
        "The county board approved a two-year negotiation with the developer despite strong "
        "objections from residents.",
    ],
)
def test_an_added_clause_the_page_never_states_is_not_supported(claim: str) -> None:
    result = verify_claim(claim, [BOARD])
    assert result.verdict is PARTIAL, result.reason
    assert "does not say" in result.reason


def test_a_word_put_for_another_is_still_supported() -> None:
    claim = "The county board agreed to exclusive negotiations with a local developer."
    result = verify_claim(claim, [BOARD])
    assert result.verdict is SUPPORTED, result.reason


FUNDRAISER = source(
    "The family of a ranked junior tennis player has launched a crowdfunding effort. His older "
    "brother Khaleel, 22, started the Go Fund Me page earlier this month to raise money for his "
    "medical care. The family lives in Niger.",
    title="Family seeks funds",
)


@pytest.mark.parametrize(
    "claim",
    [
        "His older brother Khaleel, 22, started a GoFundMe page to raise money for his care.",
        "His older brother Khaleel, 22, started a Go-Fund-Me page to raise money for his care.",
    ],
)
def test_a_name_run_together_or_apart_is_one_name(claim: str) -> None:
    result = verify_claim(claim, [FUNDRAISER])
    assert result.verdict is SUPPORTED, result.reason


def test_names_alike_but_not_the_same_still_conflict() -> None:
    result = verify_claim("The family lives in Nigeria.", [FUNDRAISER])
    assert result.verdict is CONTRADICTED, result.reason


MARKET = source(
    "Consumer prices increased by 5 percent in March while retail sales fell sharply. "
    "Open-ended contracts increased by 21.9 percent whilst atypical contracts declined by "
    "16.1 percent over the same period.",
    title="Monthly figures",
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Open-ended contracts decreased by 21.9 percent over the period.", CONTRADICTED),
        ("Atypical contracts decreased by 16.1 percent over the period.", SUPPORTED),
    ],
)
def test_a_sentence_that_goes_both_ways_reverses_only_the_thing_it_is_about(
    claim: str, expected: SupportVerdict
) -> None:
    result = verify_claim(claim, [MARKET])
    assert result.verdict is expected, result.reason


def test_an_antonym_about_another_thing_of_the_sentence_is_no_reversal() -> None:
    # "rose" is "increased": the "fell" of the same sentence is about sales.
    result = verify_claim("Consumer prices rose by 5 percent in March.", [MARKET])
    assert result.verdict is not CONTRADICTED, result.reason


UNION = source(
    "The University and College Union report was published on Monday. "
    "It was launched at an event in London. Ministers were invited to speak. "
    "Several vice-chancellors attended as well. "
    "The data show that 67,000 research staff were on fixed-term contracts. "
    "Research staff said their contracts left them unable to plan. "
    "Contracts for research staff are often renewed each year.",
    title="Casual contracts at universities",
)


def test_a_value_changed_in_a_sentence_apart_from_the_best_passage_is_contradicted() -> None:
    # The claim's words choose the opening sentence; the other value stands four sentences on.
    claim = (
        "The University and College Union report found that 76,000 research staff were on "
        "fixed-term contracts."
    )
    result = verify_claim(claim, [UNION])
    assert result.verdict is CONTRADICTED, result.reason
    assert [(c.claim, c.source) for c in result.conflicts] == [("76,000", "67,000")]


CONFERENCE = source(
    "The conference, which is scheduled for June 13 to 17, will take place at the Montego Bay "
    "Convention Centre under the theme of resilience. About 1,500 participants are expected.",
    title="Free zones conference",
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (
            "The conference was scheduled for June 13 to 17 at the Kingston Conference Centre.",
            CONTRADICTED,
        ),
        (
            "The conference was scheduled for June 13 to 17 at the Montego Bay Conference Centre.",
            PARTIAL,
        ),
        (
            "The conference was scheduled for June 13 to 17 at the Montego Bay Convention Centre.",
            SUPPORTED,
        ),
    ],
)
def test_another_body_of_the_same_kind_in_the_claims_place_is_a_conflict(
    claim: str, expected: SupportVerdict
) -> None:
    result = verify_claim(claim, [CONFERENCE])
    assert result.verdict is expected, result.reason


STUDY = source(
    "The records included 7.6 million episodes of care and 170 million deaths over 14 years. "
    "The city council voted 31 to 9 to build a 14-kilometre tram line with 23 stops.",
    title="Records study",
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The records included 7.6 million deaths over 14 years.", CONTRADICTED),
        ("The records included 170 million deaths over 14 years.", SUPPORTED),
        # Reworded around its own value, which the other value's words do not outweigh.
        ("The council approved the 14-kilometre tram line by 31 votes to 9.", SUPPORTED),
    ],
)
def test_a_value_given_to_the_other_of_two_things_is_a_conflict(
    claim: str, expected: SupportVerdict
) -> None:
    result = verify_claim(claim, [STUDY])
    assert result.verdict is expected, result.reason
