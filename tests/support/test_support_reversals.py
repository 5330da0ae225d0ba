"""Reversals that carry no changed value: what a page denies, which side of "instead of" is
which, a name the page excludes, names each in the other's place.

The sources are written for these tests (short news-like texts, not copies of any page). Each
case pairs a claim a page reverses with the claim it states, so that a rule that fires on the
words alone, not on their place, fails one of the two.
"""

from __future__ import annotations

import pytest

from citeaudit.model import SourceText, SupportVerdict
from citeaudit.support import verify_claim
from citeaudit.support.align import same_name_written_otherwise, states
from citeaudit.support.dates import find_dates, parse_date
from citeaudit.support.facts import Fact, FactKind, facts_of
from citeaudit.support.passages import prepare_source
from citeaudit.support.stance import denied_clause, frames_belief, is_negated
from citeaudit.support.words import tokenize
from tests.support.test_support_causes import source

SUPPORTED, PARTIAL = SupportVerdict.SUPPORTED, SupportVerdict.PARTIAL
CONTRADICTED, NOT_FOUND = SupportVerdict.CONTRADICTED, SupportVerdict.NOT_FOUND


def verdict_on(page: str, claim: str) -> SupportVerdict:
    """The verdict on a claim cited to a short news page of these words."""
    return verify_claim(claim, [source(page, title="News")]).verdict


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
        ("There is no evidence that the bridge was closed", True),
        ("The goal is not that AI will replace doctors", True),
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


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("examples rely on Stunnel version 3.x syntax", "stunnel 3"),
        ("relied on the Stunnel 3.x syntax", "stunnel 3"),
        ("requires Python version 3.8 or later", "python 3 8"),
    ],
)
def test_a_product_and_its_version_are_one_identifier(text: str, key: str) -> None:
    assert key in {fact.key for fact in facts_of(text) if fact.kind is FactKind.IDENTIFIER}


def test_a_version_written_with_the_word_version_is_the_same_version() -> None:
    page = source(
        "I had a hard time getting this to work because the examples rely heavily on "
        "tcp-wrappers and Stunnel version 3.x syntax. Stunnel 4 reads a configuration file "
        "instead.",
        title="Tunnelling rsync",
    )
    claim = "The examples relied heavily on tcp-wrappers and the Stunnel 3.x syntax."
    assert verify_claim(claim, [page]).verdict is not CONTRADICTED


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Egypt", "Egyptian", True),
        ("Korea", "Korean", True),
        ("Japan", "Japanese", True),
        ("Iraq", "Iraqi", True),
        ("Austria", "Australian", False),
        ("Egypt", "Egyptology", False),
    ],
)
def test_a_place_and_its_people_are_one_name(first: str, second: str, same: bool) -> None:
    def name(text: str) -> Fact:
        return Fact(FactKind.NAME, text, text.lower())

    assert same_name_written_otherwise(name(first), name(second)) is same


def test_a_place_named_by_its_adjective_is_found() -> None:
    page = source(
        "One of its early projects was a book on the Egyptian revolution of 2011, written by "
        "young authors from the Arab region and Europe. The authors read from it in Cairo.",
        title="About the network",
    )
    claim = "One early project was a book by young authors from the Arab region and Europe on "
    claim += "Egypt's 2011 revolution."
    assert verify_claim(claim, [page]).verdict is SUPPORTED


def test_not_until_says_when_not_whether() -> None:
    tokens = tokenize("the band didn't start reaching the charts until 1984")
    assert not is_negated(tokens, [t.folded for t in tokens].index("reaching"))
    assert is_negated(tokenize("the band didn't reach the charts"), 3)
    # A span from one time until another is how long the negation holds.
    tokens = tokenize("they will not be allowing visitors from tomorrow until further notice")
    assert is_negated(tokens, [t.folded for t in tokens].index("allowing"))


def test_a_reversal_in_the_pages_closest_sentence_outside_the_passage() -> None:
    """The passage is chosen on the claim's facts too ("Level 3"), but the sentence that shares
    most of the claim's words is elsewhere, and it says the opposite."""
    page = source(
        "After the move, Cork Hospital said it will not be allowing visitors from tomorrow "
        "until further notice. Shops and cafes will close early. Schools stay open. Buses run "
        "a Sunday timetable. Taxis are exempt. Cork Hospital suspends visiting due to Level 3 "
        "restrictions. The hospital will not be allowing visitors from tomorrow.",
        title="Hospital visits",
    )
    claim = "Cork Hospital said it would keep allowing visitors after the move to Level 3."
    result = verify_claim(claim, [page])
    assert result.verdict is CONTRADICTED, result.reason
    assert result.evidence[0].passage.startswith("After the move")


@pytest.mark.parametrize(("first", "second"), [("eldest", "youngest"), ("elder", "younger")])
def test_eldest_and_youngest_are_opposites(first: str, second: str) -> None:
    from citeaudit.support.stance import are_antonyms

    assert are_antonyms(tokenize(first)[0], tokenize(second)[0])


@pytest.mark.parametrize(
    ("first", "second", "opposite"),
    [
        ("won", "loses", True),
        ("wins", "lost", True),
        ("rose", "falls", True),
        ("sold", "buys", True),
        ("won", "wins", False),
        ("fell", "fallen", False),
    ],
)
def test_antonyms_are_paired_in_any_form_of_the_word(
    first: str, second: str, opposite: bool
) -> None:
    from citeaudit.support.stance import are_antonyms

    assert are_antonyms(tokenize(first)[0], tokenize(second)[0]) is opposite


def test_a_fact_of_the_pages_about_box_is_not_nowhere() -> None:
    """A fact the page states outside its main text (an about box) is on the page: a claim
    that has it is not called unstated for lack of it."""
    text = (
        "This time I made a vegan char kway teow with tofu and bean sprouts. The noodles "
        "were fried in a hot wok for a few minutes. "
    ) * 3
    page = SourceText(
        text=text,
        title="Vegan char kway teow",
        elsewhere="About me. I am Joyce, a food blogger from sunny Singapore.",
    )
    claim = "The Singapore food blog published a vegan take on char kway teow."
    result = verify_claim(claim, [page])
    assert result.verdict is not NOT_FOUND, result.reason


def test_every_fact_of_the_claim_in_the_pages_author_box_is_partial_support() -> None:
    """The author box states each fact of the claim, most of them in one passage, though it
    calls the author by his first name: the page states it, not in its main text."""
    text = (
        "Fans of the band fall into two camps. Some lost interest after the second album; "
        "others think the band only found its voice later. "
    ) * 3
    page = SourceText(
        text=text,
        title="Two kinds of fans",
        elsewhere=(
            "In 2010 Tim published his first book, Tune in Osaka, a memoir of two years he "
            "spent in Japan. Tune in Osaka was reissued by Lantern Press in November 2011. Tim "
            "plays viola in a band. He lives by the sea with two cats. Follow him online for "
            "more of his writing. This page was written by Tim Ander."
        ),
    )
    claim = (
        "Tim Ander's memoir Tune in Osaka, first published in 2010, was reissued by Lantern "
        "Press in November 2011."
    )
    result = verify_claim(claim, [page])
    assert result.verdict is PARTIAL, result.reason
    assert "elsewhere on the page" in result.reason


def test_the_pages_own_month_is_stated_by_the_page_but_not_its_year_alone() -> None:
    text = (
        "This time I made a vegan char kway teow with tofu and bean sprouts. The noodles "
        "were fried in a hot wok for a few minutes. "
    ) * 3
    page = SourceText(text=text, title="Vegan char kway teow", published="2020-09-14")
    month = verify_claim(
        "In September 2020 the blog published a vegan take on char kway teow.", [page]
    )
    assert month.verdict is not NOT_FOUND, month.reason
    year = verify_claim("The blogger's husband left his bank job in 2020.", [page])
    assert year.verdict is NOT_FOUND, year.reason


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("- 120g yellow noodles", "120", "g"),
        ("8 oz of cheese", "8", "oz"),
        ("250 ml of milk", "250", "ml"),
        ("a 2l bottle", "2", "l"),
        ("For only 10$ from the shop", "10", "usd"),
        ("It costs 25 € now", "25", "eur"),
    ],
)
def test_masses_volumes_and_currencies_after_the_number_are_units(
    text: str, value: str, unit: str
) -> None:
    [fact] = facts_of(text)
    assert (fact.kind, fact.key, fact.unit) == (FactKind.NUMBER, value, unit)


def test_a_generation_is_no_unit() -> None:
    assert [(fact.kind, fact.key) for fact in facts_of("the 5G network")] == [
        (FactKind.IDENTIFIER, "5g")
    ]


def test_a_verb_opening_a_sentence_is_no_part_of_a_name() -> None:
    names = {fact.text for fact in facts_of("Writing for HelloGiggles, Jessica DeFino argued.")}
    assert names == {"HelloGiggles", "Jessica DeFino"}


def test_an_author_with_an_initial_is_one_of_the_pages_authors() -> None:
    text = (
        "A regression discontinuity design was applied to the sharp change in vaccination "
        "rate at age 65. The data included 170 million episodes of care. "
    ) * 2
    page = SourceText(
        text=text, title="Influenza vaccination", authors=("Michael L. Anderson", "Devon Gorry")
    )
    claim = "A study by Michael L. Anderson applied a regression discontinuity design to the "
    claim += "sharp change in vaccination rate at age 65."
    assert verify_claim(claim, [page]).verdict is SUPPORTED


TARIFFS = source(
    "The U.S. imposed new tariffs on Chinese steel in 2018, officials in Washington said. The "
    "UK followed a year later. The World Health Organization was not consulted. The union "
    "that represents the steelworkers said its members would strike.",
    title="Steel tariffs",
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The United States imposed new tariffs on Chinese steel in 2018.", SUPPORTED),
        ("The United Kingdom followed a year later.", SUPPORTED),
        ("The WHO was not consulted.", SUPPORTED),
        # Initials the page does not write are no name of its.
        ("The United Nations was not consulted.", PARTIAL),
    ],
)
def test_a_body_named_by_its_initials(claim: str, expected: SupportVerdict) -> None:
    assert verify_claim(claim, [TARIFFS]).verdict is expected


def test_a_figure_that_is_the_whole_claim_is_not_stated_where_the_page_lacks_it() -> None:
    """Next to no other words, the figure is the claim: a page that names the union and its
    members but not their number does not state it."""
    claim = "The steelworkers' union has about 120,000 members."
    assert verify_claim(claim, [TARIFFS]).verdict is NOT_FOUND


CEMETERY = source(
    "Burials on the island have risen to five days a week, a spokesman for the city said. "
    "Prisoners from Rikers Island, the city's main jail complex, usually dig the graves. "
    "On Thursday, police held the mayor's driver at a Miami airport on fraud charges. "
    "For the fair, the owner created a High Elf costume named Silver Thorn.",
    title="The city's burials",
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        # Two names that share only their last word, the kind they name, are two of that kind.
        ("The graves are usually dug by prisoners from Sing Island.", CONTRADICTED),
        ("The graves are usually dug by prisoners from Rikers Island.", SUPPORTED),
        ("For the fair, the owner created a Wood Elf costume named Silver Thorn.", CONTRADICTED),
        ("For the fair, the owner created a High Elf costume named Silver Thorn.", SUPPORTED),
        # A name before a noun moves the noun to its other side, and the preposition is the
        # noun's: "at a Miami airport" puts Miami where "an airport in Orlando" puts Orlando.
        ("On Thursday, police held the mayor's driver at an airport in Orlando.", CONTRADICTED),
        ("On Thursday, police held the mayor's driver at an airport in Miami.", SUPPORTED),
    ],
)
def test_another_name_in_the_claims_names_place(claim: str, expected: SupportVerdict) -> None:
    assert verify_claim(claim, [CEMETERY]).verdict is expected


def test_a_name_before_its_verb_modifies_no_noun() -> None:
    """Without a determiner before it, the word after a name is as often its verb: "Maria
    created" does not put Maria in the place of the "High Elf" the owner created."""
    claim = "For the fair, Maria created a Wood Elf costume named Silver Thorn."
    result = verify_claim(claim, [CEMETERY])
    assert result.verdict is CONTRADICTED
    assert [(c.claim, c.source) for c in result.conflicts] == [("Wood Elf", "High Elf")]


def test_a_quoted_title_does_not_tie_a_claim_to_the_page() -> None:
    """A quotation of a word or two names a song or a book: the page naming it says nothing of
    who wrote it. A longer quotation is specific wherever it stands."""
    page = source(
        "Fans of the band fall into two camps. Some love the early hits, “Barracuda” and "
        "“Alone” among them; others prefer the later ballads. The band said it would “never "
        "stop playing the songs our fans love” at its concerts.",
        title="Two kinds of fans",
    )
    claim = "“Alone” was written by Billy Steinberg and Tom Kelly, who first recorded it."
    assert verify_claim(claim, [page]).verdict is NOT_FOUND
    quoted = "The band promised to “never stop playing the songs our fans love” at its concerts."
    assert verify_claim(quoted, [page]).verdict is not NOT_FOUND


def test_a_word_or_two_beside_a_name_the_page_lacks_is_no_statement() -> None:
    """The page never names the architect; "design" is the one other word it shares with the
    claim, half of a short claim's words but no evidence that it states it."""
    page = source(
        "The telescope has a radical design and struggled at first to attract staff. Its dish "
        "is 500 metres wide and sits in a natural basin in the hills. Astronomers say it will "
        "be useful for following up on sources in detail.",
        title="The telescope",
    )
    result = verify_claim("The telescope was designed by the architect Zaha Hadid.", [page])
    assert result.verdict is NOT_FOUND, result.reason


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("first recorded with their project i-Ten", []),
        ("forty-nine percent of voters", ["49"]),
        ("twenty-one days later", ["21"]),
        ("a ten-year plan", ["10"]),
    ],
)
def test_a_number_word_ending_a_hyphened_name_is_no_number(text: str, values: list[str]) -> None:
    numbers = [fact.key for fact in facts_of(text) if fact.kind is FactKind.NUMBER]
    assert numbers == values


def test_a_negating_noun_says_nothing_of_the_words_before_it() -> None:
    """A noun that negates ("failure") governs what follows it, not "too often" before it: the
    page's sentence has no negation of the claim's negated words."""
    page = source(
        "When protests end in violence, it is too often the failure and the fault of the state, "
        "the bishop wrote. He asked for calm on all sides.",
        title="A letter on the protests",
    )
    claim = (
        "When protests end in violence, it is not too often the failure and the fault of the "
        "state, the bishop wrote."
    )
    assert verify_claim(claim, [page]).verdict is CONTRADICTED


def test_a_value_written_twice_where_the_page_writes_another_beside_one_word() -> None:
    """The claim gives the width's value to the length too; one word beside the page's other
    value ("length") is evidence enough, as the claim has a place with no mention of its own."""
    page = source(
        "Mobility scooters up to a width of 60cm and up to a length of 100cm and with a maximum "
        "turning radius of 120cm may travel on the trains. Staff will help at the station.",
        title="Travelling with a scooter",
    )
    claim = (
        "Mobility scooters up to a width of 60cm and up to a length of {} and with a maximum "
        "turning radius of 120cm may travel on the trains."
    )
    assert verify_claim(claim.format("60cm"), [page]).verdict is CONTRADICTED
    assert verify_claim(claim.format("100cm"), [page]).verdict is SUPPORTED


def test_a_sentence_of_names_alone_none_on_the_page_is_not_found() -> None:
    page = source(
        "To change the size of the axis labels, pass a larger value to the theme function. The "
        "legend title follows the same rule. Readers can try each example in turn.",
        title="Axis labels",
    )
    result = verify_claim("Example 2: Change Font Size of Axis Text", [page])
    assert result.verdict is NOT_FOUND, result.reason


def test_another_name_in_the_place_of_one_the_page_writes_elsewhere_is_not_support() -> None:
    """The page names the claim's person, but in another role; the sentence that carries the
    claim names someone else where the claim names her. A second actor or a swap: partial."""
    page = source(
        "“We are grateful for this gift to our clinic,” says volunteer coordinator Bonnie Young. "
        "Medical supplies are costly, she added. On hand to present the supplies was the "
        "resort's veterinarian, Dr. Amanda Pinder, who was glad to help.",
        title="Clinic receives supplies",
    )
    claim = "The supplies were presented by the resort's veterinarian, Dr. {}."
    result = verify_claim(claim.format("Bonnie Young"), [page])
    assert result.verdict is PARTIAL, result.reason
    assert "Amanda Pinder" in result.reason
    assert verify_claim(claim.format("Amanda Pinder"), [page]).verdict is SUPPORTED


def test_a_second_source_that_names_the_claims_actor_settles_who_it_was() -> None:
    first = source(
        "“We are grateful for this gift to our clinic,” says volunteer coordinator Bonnie Young. "
        "On hand to present the supplies was the resort's veterinarian, Dr. Amanda Pinder.",
        title="Clinic receives supplies",
    )
    second = source(
        "On hand to present the supplies was the resort's veterinarian, Dr. Bonnie Young, who "
        "was glad to help the clinic again this year.",
        title="Supplies for the clinic",
    )
    claim = "The supplies were presented by the resort's veterinarian, Dr. Bonnie Young."
    assert verify_claim(claim, [first]).verdict is PARTIAL
    assert verify_claim(claim, [first, second]).verdict is SUPPORTED


def test_a_word_alone_in_the_place_of_a_name_is_no_other_actor() -> None:
    """A name of one word may be the claim's own shortened: "the Trust" is the Northern Rivers
    Trust."""
    page = source(
        "The Northern Rivers Trust looks after the rivers of the north. In 2022 the Trust's "
        "income rose to £3.1 million, its annual report says.",
        title="Annual report",
    )
    claim = "In 2022 the Northern Rivers Trust's income rose to £3.1 million."
    assert verify_claim(claim, [page]).verdict is SUPPORTED


@pytest.mark.parametrize("name", ["Conan O'Brien", "Shaquille O’Neal", "L'Oréal"])
def test_a_name_with_an_apostrophe_inside_is_found(name: str) -> None:
    page = source(
        f"In 2010 {name} signed a new contract with the network, the company said. The deal "
        "runs for three years.",
        title="A new contract",
    )
    claim = f"{name} signed a new contract with the network in 2010."
    assert verify_claim(claim, [page]).verdict is SUPPORTED


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("This is when my Customer Journey™ begins.", FactKind.NAME),
        ("Add Windows applications to Touch Bar™ for instant access.", FactKind.NAME),
        ("“Our agents guard U.S. borders and the coasts,” the agency said.", FactKind.QUOTE),
        ("Conan O'Brien hosted the show.", FactKind.NAME),
    ],
)
def test_a_sentence_states_every_fact_read_from_it(sentence: str, kind: FactKind) -> None:
    """What the fact reader finds in a sentence, the sentence states: the two fold a name, a
    trademark sign, an apostrophe and dotted initials alike."""
    page = prepare_source(SourceText(text=sentence + " " + "Other text follows here. " * 15))
    read = [fact for fact in facts_of(sentence) if fact.kind is kind]
    assert read
    assert all(states(fact, page.sentences[:1], page) for fact in read)


def test_quotation_marks_around_punctuation_quote_nothing() -> None:
    assert not [f for f in facts_of('array = ["a", "b", "c"]') if f.kind is FactKind.QUOTE]


def test_a_claim_that_denies_as_the_page_does_is_no_reversal() -> None:
    page = source(
        "Observational studies suggest that the vaccine reduces deaths among elderly people. "
        "However, no evidence indicated that vaccination reduced deaths among elderly people "
        "in this study, the authors wrote.",
        title="Vaccination of the elderly",
    )
    denies = "No evidence indicated that vaccination reduced deaths among elderly people."
    assert verify_claim(denies, [page]).verdict is SUPPORTED
    claims = "The study found that vaccination reduced deaths among elderly people."
    assert verify_claim(claims, [page]).verdict is not SUPPORTED


COUNCIL = source(
    "The district council rejected the harbour expansion plan on Tuesday after a long debate. "
    "Under the new bylaw, smoking in bars is not allowed. Pets travel on buses at the "
    "driver's discretion. The museum did not close during the strike, its director said. "
    "The journey between the two stations takes more than 30 minutes, and not fewer than "
    "10,000 travellers use the line each week.",
    title="Council news",
)


@pytest.mark.parametrize(
    ("case", "claim", "expected"),
    [
        (
            "a negation of the page's antonym",
            "The district council did not approve the harbour expansion plan.",
            SUPPORTED,
        ),
        (
            "the page's antonym alone",
            "The district council approved the harbour expansion plan.",
            CONTRADICTED,
        ),
        (
            "an antonym of what the page negates",
            "Under the new bylaw, smoking in bars is prohibited.",
            SUPPORTED,
        ),
        ("what the page negates, as it does", "Smoking in bars is not allowed.", SUPPORTED),
        ("what the page negates, un-negated", "Smoking in bars is allowed.", CONTRADICTED),
        (
            "the antonym of a word the page negates",
            "The museum stayed open during the strike.",
            PARTIAL,
        ),
        ("what the page negates, stated", "The museum closed during the strike.", CONTRADICTED),
        (
            "a negated negating word",
            "Pets are not barred from travelling on buses at the driver's discretion.",
            SUPPORTED,
        ),
        (
            "a negating word where the page has none",
            "Pets are barred from travelling on buses at the driver's discretion.",
            CONTRADICTED,
        ),
        (
            "a negated comparison on the other side",
            "The journey between the two stations takes not less than 30 minutes.",
            SUPPORTED,
        ),
        (
            "a negated comparison on the same side",
            "The journey between the two stations takes no more than 30 minutes.",
            CONTRADICTED,
        ),
        (
            "the page's negated comparison, the other way",
            "More than 10,000 travellers use the line each week.",
            SUPPORTED,
        ),
        (
            "the page's negated comparison, un-negated",
            "Fewer than 10,000 travellers use the line each week.",
            CONTRADICTED,
        ),
    ],
)
def test_two_reversals_make_an_agreement(case: str, claim: str, expected: SupportVerdict) -> None:
    """A negation and an antonym, two negations, a negated comparison: each reverses, and both
    together agree. Each double reversal is paired with a single one the page contradicts
    ("stayed open" is two words the page does not have: partial, but not contradicted)."""
    assert verify_claim(claim, [COUNCIL]).verdict is expected, case


def test_a_negated_negating_word_negates_nothing() -> None:
    tokens = tokenize("Pets are not banned from buses, and dogs are banned from trains.")
    keys = [token.key for token in tokens]
    assert not is_negated(tokens, keys.index("bus"))
    assert is_negated(tokens, len(keys) - 1 - keys[::-1].index("train"))


REGULATOR = source(
    "The medicines regulator declined to approve the new asthma drug in March. "
    "Sales of the older inhaler declined to the lowest level in a decade. "
    "The solar plant has yet to produce any electricity for the grid. "
    "The mayor was absent from the opening ceremony of the bridge.",
    title="Regulator news",
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The medicines regulator did not approve the new asthma drug.", SUPPORTED),
        ("The medicines regulator approved the new asthma drug.", CONTRADICTED),
        ("Sales of the older inhaler fell to the lowest level in a decade.", SUPPORTED),
        ("The solar plant has never produced electricity for the grid.", SUPPORTED),
        ("The solar plant produced electricity for the grid.", CONTRADICTED),
        ("The mayor attended the opening ceremony of the bridge.", CONTRADICTED),
    ],
)
def test_negations_in_their_construction(claim: str, expected: SupportVerdict) -> None:
    """ "Declined to approve" refuses, "declined to the lowest level" falls; "has yet to
    produce" has not produced; "absent from" was not at."""
    assert verify_claim(claim, [REGULATOR]).verdict is expected, claim


def test_pairs_of_values_listed_in_another_order_are_in_their_place() -> None:
    """ "3% in May, after a 2% rise in April" keeps the page's pairs ("2% in April and 3% in
    May") in another order: not a swap. The percentages swapped are."""
    prices = source(
        "Consumer prices rose 2% in April and 3% in May, the statistics office said.",
        title="Prices",
    )
    kept = "Consumer prices rose by 3% in May, after a 2% rise in April."
    assert verify_claim(kept, [prices]).verdict is not CONTRADICTED
    swapped = "Consumer prices rose by 2% in May, after a 3% rise in April."
    assert verify_claim(swapped, [prices]).verdict is CONTRADICTED


ACQUISITION = source(
    "The regional bank acquired the fintech startup in 2019 for an undisclosed sum. "
    "The chief executive met the mayor the following week, and the museum was designed by the "
    "architect Ines Kahl.",
    title="Bank news",
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The fintech startup acquired the regional bank in 2019.", CONTRADICTED),
        ("The regional bank acquired the fintech startup in 2019.", SUPPORTED),
        ("The fintech startup was acquired by the regional bank in 2019.", SUPPORTED),
        ("The mayor met the chief executive the following week.", SUPPORTED),
        ("The architect Ines Kahl designed the museum.", SUPPORTED),
    ],
)
def test_the_sides_of_a_relation_swapped(claim: str, expected: SupportVerdict) -> None:
    """ "X acquired Y" against "Y acquired X" is a reversal; a passive ("was acquired by", "was
    designed by") turns the sides back, and a meeting holds both ways."""
    assert verify_claim(claim, [ACQUISITION]).verdict is expected, claim


SCHEDULE = source(
    "The book fair takes place every spring in the northern part of the city. "
    "The organisers publish a newsletter monthly, and the river ferry runs east to the fair "
    "grounds on Saturdays. The founder's daughter opened the fair, which won a silver award.",
    title="Book fair",
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The book fair takes place every spring in the northern part of the city.", SUPPORTED),
        ("The book fair takes place every autumn in the northern part of the city.", CONTRADICTED),
        ("The book fair takes place every spring in the southern part of the city.", CONTRADICTED),
        ("The organisers publish a newsletter weekly.", CONTRADICTED),
        ("The river ferry runs west to the fair grounds on Saturdays.", CONTRADICTED),
        ("The river ferry runs east to the fair grounds on Sundays.", CONTRADICTED),
        ("The founder's son opened the fair.", CONTRADICTED),
        ("The fair won a gold award.", CONTRADICTED),
        ("The founder's daughter opened the fair.", SUPPORTED),
    ],
)
def test_another_member_of_a_closed_set(claim: str, expected: SupportVerdict) -> None:
    """A season, a point of the compass, how often, a day of the week, a medal, a relative: one
    excludes another in its place."""
    assert verify_claim(claim, [SCHEDULE]).verdict is expected, claim


def test_how_a_work_was_received_reversed() -> None:
    review = source(
        "The reviewer found the sequel underwhelming. Most readers panned its ending.",
        title="Review",
    )
    for claim in (
        "The reviewer found the sequel impressive.",
        "Most readers praised its ending.",
    ):
        assert verify_claim(claim, [review]).verdict is CONTRADICTED, claim
    assert verify_claim("Most readers panned its ending.", [review]).verdict in (
        SUPPORTED,
        PARTIAL,
    )


RANKS = source(
    "Amira Haddad became the first woman to lead the rowing club in 1998. The club's second "
    "boathouse was built on the east bank. It recorded a second album in Berlin after its "
    "first album sold well. She first rowed for the club as a student.",
    title="Rowing club",
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Amira Haddad became the second woman to lead the rowing club in 1998.", CONTRADICTED),
        ("Amira Haddad became the first woman to lead the rowing club in 1998.", SUPPORTED),
        ("The club's first boathouse was built on the east bank.", CONTRADICTED),
        ("The club's third boathouse was built on the east bank.", CONTRADICTED),
        ("The club's second boathouse was built on the east bank.", SUPPORTED),
        # The page's "a second album" ranks the album as the claim does.
        ("Its second album was recorded in Berlin.", SUPPORTED),
        # No rank: "first" tells when.
        ("She first rowed for the club as a student.", SUPPORTED),
    ],
)
def test_another_rank_of_the_same_thing(claim: str, expected: SupportVerdict) -> None:
    """ "The second woman to lead" against "the first woman to lead": a rank in words, after
    "the" or an owner and before what it ranks, is a fact like a number."""
    assert verify_claim(claim, [RANKS]).verdict is expected, claim


@pytest.mark.parametrize(
    ("claim", "page", "expected"),
    [
        (
            "The film was released only in France.",
            "The film was never released outside France.",
            SUPPORTED,
        ),
        (
            "The song was a hit only in Germany.",
            "The song was not a hit anywhere but Germany.",
            SUPPORTED,
        ),
        (
            "Only the mayor attended the opening.",
            "No one other than the mayor attended the opening.",
            SUPPORTED,
        ),
        (
            "The virus survives only briefly outside the body.",
            "The virus cannot survive outside the body for long.",
            SUPPORTED,
        ),
        (
            "The team remained unbeaten at home all season.",
            "The team did not lose a home game all season.",
            PARTIAL,
        ),
        (
            "The species was last seen in 1952.",
            "The species has not been seen since 1952.",
            SUPPORTED,
        ),
        (
            "The player appeared in every game of the season.",
            "The player did not miss a game all season.",
            PARTIAL,
        ),
        (
            "Children under 12 are exempt from the rule.",
            "The rule does not apply to children under 12.",
            PARTIAL,
        ),
        (
            "Police declined to charge the driver.",
            "The driver was not charged by police.",
            SUPPORTED,
        ),
        (
            "The cause of the fire is still unknown.",
            "The cause of the fire is not yet known.",
            PARTIAL,
        ),
        # The same words, reversed.
        (
            "The species has been seen since 1952.",
            "The species has not been seen since 1952.",
            CONTRADICTED,
        ),
        ("Every resident was evacuated.", "No resident was evacuated.", CONTRADICTED),
        (
            "Police have disclosed the name.",
            "Police have not yet disclosed the name.",
            CONTRADICTED,
        ),
        ("It works in Emacs but not from the shell.", "It does not work with Emacs.", CONTRADICTED),
        (
            "The film was released outside France.",
            "The film was never released outside France.",
            CONTRADICTED,
        ),
        (
            "The film was released only in France.",
            "The film was not released in France.",
            CONTRADICTED,
        ),
        ("The car is red.", "The car is not red but blue.", CONTRADICTED),
        (
            "The team lost a home game.",
            "The team did not lose a home game all season.",
            CONTRADICTED,
        ),
        (
            "The bill was passed unopposed in the senate.",
            "The bill was not passed in the senate.",
            CONTRADICTED,
        ),
        (
            "The museum was undamaged in the fire.",
            "The museum was damaged in the fire.",
            CONTRADICTED,
        ),
    ],
)
def test_a_restriction_in_other_words_is_no_reversal(
    claim: str, page: str, expected: SupportVerdict
) -> None:
    """ "Only in France" is "never outside France": a negation that excepts something, or a
    claim that says less in other words ("only", an "un-" word in the place of the negated
    verb), is the same statement; the same words with the negation alone are not."""
    assert verdict_on(page, claim) is expected, claim


def test_a_name_cut_short_is_the_same_name() -> None:
    """ "The Met" is the Metropolitan Museum of Art, no other museum; "Niger" is not "Nigeria"."""
    page = source("The Met acquired the painting in 1990.", title="Museum news")
    claim = "The Metropolitan Museum of Art acquired the painting in 1990."
    assert verify_claim(claim, [page]).verdict is not CONTRADICTED
    (niger,) = facts_of("Niger")
    (army,) = facts_of("the Nigerian Army")
    assert not same_name_written_otherwise(niger, army)


def test_a_span_of_time_in_another_unit_is_no_other_value() -> None:
    """ "Three weeks" is "21 days" (not yet found as such: the page gives no "three"); "four
    weeks" is another span."""
    page = source("The trial lasted 21 days.", title="Court news")
    assert verify_claim("The trial lasted three weeks.", [page]).verdict is not CONTRADICTED
    assert verify_claim("The trial lasted four weeks.", [page]).verdict is CONTRADICTED


@pytest.mark.parametrize(
    ("claim", "page"),
    [
        ("Manchester United signed the striker.", "Man Utd signed the striker."),
        ("Saint Petersburg hosted the summit.", "St Petersburg hosted the summit."),
        ("The Democratic Party won the seat.", "The Democrats won the seat."),
        ("The embassy moved to Kyiv in 1992.", "The embassy moved to Kiev in 1992."),
    ],
)
def test_a_name_written_otherwise_is_no_other_name(claim: str, page: str) -> None:
    """Words abbreviated ("Man Utd", "St"), a party by its members ("the Democrats"), a place
    renamed or spelt anew within the sources' time ("Kiev" in a source of 2015)."""
    assert verdict_on(page, claim) is not CONTRADICTED, claim


@pytest.mark.parametrize(
    ("claim", "page"),
    [
        ("She was born in Kent in 1950.", "She was born in Kentucky in 1950."),
        ("The Republicans won the seat.", "The Democrats won the seat."),
        ("The embassy moved to Kyiv in 1992.", "The embassy moved to Minsk in 1992."),
    ],
)
def test_another_name_in_its_place_is_still_contradicted(claim: str, page: str) -> None:
    assert verdict_on(page, claim) is CONTRADICTED, claim


@pytest.mark.parametrize(
    ("claim", "page", "expected"),
    [
        (
            "More than 100 people attended the funeral.",
            "107 people attended the funeral.",
            SUPPORTED,
        ),
        (
            "Fewer than 50 people attended the meeting.",
            "47 people attended the meeting.",
            SUPPORTED,
        ),
        ("Over 2,000 homes lost power.", "2,350 homes lost power.", SUPPORTED),
        (
            "More than 100 people attended the funeral.",
            "87 people attended the funeral.",
            CONTRADICTED,
        ),
        (
            "Fewer than 50 people attended the meeting.",
            "60 people attended the meeting.",
            CONTRADICTED,
        ),
        # Two bounds are two values.
        (
            "The bouquet should last up to four weeks.",
            "The bouquet should last up to two weeks.",
            CONTRADICTED,
        ),
    ],
)
def test_a_bound_holds_the_values_on_its_side(
    claim: str, page: str, expected: SupportVerdict
) -> None:
    """ "More than 100" is 107, as an editor rounds a source's figure down to a bound; not 87."""
    assert verdict_on(page, claim) is expected, claim


@pytest.mark.parametrize(
    ("claim", "page", "expected"),
    [
        (
            "The bridge opened in the 1990s.",
            "The bridge opened in 1994, after six years of work.",
            SUPPORTED,
        ),
        (
            "The company was founded in the 19th century.",
            "The company was founded in 1862.",
            SUPPORTED,
        ),
        (
            "The bridge opened in the 1990s.",
            "The bridge opened in 1985, after six years of work.",
            CONTRADICTED,
        ),
        (
            "The company was founded in the 18th century.",
            "The company was founded in 1862.",
            CONTRADICTED,
        ),
    ],
)
def test_a_year_in_a_decade_or_a_century(claim: str, page: str, expected: SupportVerdict) -> None:
    """ "The 1990s" holds 1994, "the 19th century" 1862; neither holds 1985 or the 18th."""
    assert verdict_on(page, claim) is expected, claim
    assert parse_date("the 1990s") is None


def test_a_season_spans_two_years() -> None:
    """ "The 2019–20 season" is 2019 and 2020 ("1999–00" ends in 2000); "2019-24" is no season."""
    assert [fact.key for fact in facts_of("the 1999–00 season")] == ["1999", "2000"]
    assert "2024" not in [fact.key for fact in facts_of("the 2019-24 plan")]
    page = source("The team won the league in the 2019-20 season.", title="Club history")
    assert verify_claim("The team won the league in 2020.", [page]).verdict is SUPPORTED
    other = source("The team won the league in the 2017-18 season.", title="Club history")
    claim = "The team won the league in the 2019–20 season."
    assert verify_claim(claim, [other]).verdict is CONTRADICTED


@pytest.mark.parametrize(
    ("claim", "page", "expected"),
    [
        (
            "Three in ten voters backed the plan.",
            "30 percent of voters backed the plan.",
            SUPPORTED,
        ),
        ("About one in three adults is obese.", "33% of adults are obese.", SUPPORTED),
        (
            "30 percent of voters backed the plan.",
            "Three in ten voters backed the plan.",
            SUPPORTED,
        ),
        (
            "One in five children lives in poverty.",
            "40% of children live in poverty.",
            CONTRADICTED,
        ),
    ],
)
def test_so_many_in_so_many_is_a_share(claim: str, page: str, expected: SupportVerdict) -> None:
    assert verdict_on(page, claim) is expected, claim


def test_millions_of_a_currency_named_after_the_number() -> None:
    (amount,) = facts_of("2.5m dollars")
    assert (amount.key, amount.unit) == ("2500000", "usd")
    (height,) = facts_of("a 2.5m wall")
    assert (height.key, height.unit) == ("2.5", "m")


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The river is lower in summer than in spring.", PARTIAL),
        ("The river is lower in spring than in summer.", CONTRADICTED),
    ],
)
def test_opposite_comparatives_the_other_way_round_agree(
    claim: str, expected: SupportVerdict
) -> None:
    """ "Lower in summer than in spring" is "higher in spring than in summer"."""
    page = source("The river is higher in spring than in summer.", title="River")
    assert verify_claim(claim, [page]).verdict is expected, claim


@pytest.mark.parametrize(
    ("claim", "page", "expected"),
    [
        (
            "The company moved its headquarters to the UK.",
            "The company moved its headquarters to Britain.",
            SUPPORTED,
        ),
        ("The film won three Academy Awards.", "The film won three Oscars.", SUPPORTED),
        ("He served in World War II.", "He served in the Second World War.", SUPPORTED),
        ("Sales rose 20 per cent in 2020.", "Sales rose by a fifth in 2020.", SUPPORTED),
        (
            "The company moved its headquarters to the UK.",
            "The company moved its headquarters to France.",
            CONTRADICTED,
        ),
    ],
)
def test_well_known_other_names_and_shares(claim: str, page: str, expected: SupportVerdict) -> None:
    """The best-known other names of a country, an award, a war; a change "by a fifth"."""
    assert verdict_on(page, claim) is expected, claim
    assert facts_of("hired by a third party")[0].unit != "%"


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The north of the country is drier than the south.", CONTRADICTED),
        ("The north of the country is wetter than the south.", SUPPORTED),
        ("The storm brought light rain to the coast.", CONTRADICTED),
    ],
)
def test_plain_opposites(claim: str, expected: SupportVerdict) -> None:
    page = source(
        "The north of the country is wetter than the south. The storm brought heavy rain to "
        "the coast.",
        title="Weather",
    )
    assert verify_claim(claim, [page]).verdict is expected, claim


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The club was relegated to the second division in 2019.", CONTRADICTED),
        ("Critics slammed the sequel.", CONTRADICTED),
        ("All six passengers were killed in the crash.", CONTRADICTED),
        ("All six passengers survived the crash.", SUPPORTED),
    ],
)
def test_more_opposites_of_news(claim: str, expected: SupportVerdict) -> None:
    page = source(
        "The club was promoted to the second division in 2019. Critics praised the sequel. "
        "All six passengers survived the crash.",
        title="News",
    )
    assert verify_claim(claim, [page]).verdict is expected, claim


def test_free_of_is_none_of() -> None:
    """ "Free of side effects" is "no side effects"; "set free" negates nothing."""
    none = source("The drug has no side effects.", title="News")
    assert verify_claim("The drug is free of side effects.", [none]).verdict is SUPPORTED
    free = source("The drug is free of side effects.", title="News")
    assert verify_claim("The drug has side effects.", [free]).verdict is CONTRADICTED
    released = source("The hostages were set free on Monday.", title="News")
    claim = "The hostages were set free on Monday."
    assert verify_claim(claim, [released]).verdict is SUPPORTED


def test_dotted_initials_are_one_name() -> None:
    """ "U.S." is read as "US" is: one word, a name, no clause boundary inside; "the U.K." in its
    place is another country, and "America" is the same one."""
    assert [fact.text for fact in facts_of("Sales rose in the U.S. last year.")][-1] == "U.S."
    claim = "The U.S. imposed sanctions on the company in 2019."
    uk = source("The U.K. imposed sanctions on the company in 2019.", title="News")
    assert verify_claim(claim, [uk]).verdict is CONTRADICTED
    america = source("America imposed sanctions on the company in 2019.", title="News")
    assert verify_claim(claim, [america]).verdict is SUPPORTED


def test_a_name_spelt_otherwise_leaves_no_other_name_in_its_place() -> None:
    page = source(
        "John Hopkins hospital system in the U.S. recently launched a command center.",
        title="Hospitals",
    )
    claim = "The Johns Hopkins hospital system launched a command center."
    assert verify_claim(claim, [page]).verdict is not CONTRADICTED


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("About 100 people attended the funeral.", SUPPORTED),
        ("About 120 people attended the funeral.", CONTRADICTED),
        ("About 200 people attended the funeral.", CONTRADICTED),
    ],
)
def test_a_round_number_hedged_as_near(claim: str, expected: SupportVerdict) -> None:
    """ "About 100" is 107, rounded to the hundred; "about 120" is not, nor "about 200"."""
    page = source("107 people attended the funeral.", title="News")
    assert verify_claim(claim, [page]).verdict is expected, claim
