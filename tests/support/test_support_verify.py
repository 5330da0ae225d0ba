"""Claim-support verdicts: facts, passages, several citations, other languages, honest doubt."""

from __future__ import annotations

import pytest

from citeaudit.model import SourceText, SupportVerdict
from citeaudit.support import prepare_source, verify_claim
from citeaudit.support.facts import FactKind, facts_of

RESERVE = SourceText(
    text=(
        "The Northern Rivers Trust opened its new wetland reserve at Ashby Marsh on 12 April 2021, "
        "after four years of work to restore former farmland beside the River Tallow.\n"
        "The reserve covers 340 hectares and cost £2.4 million, most of it raised from local "
        "donors. "
        "Volunteers planted more than 18,000 reeds and dug 11 shallow scrapes for wading birds.\n"
        "Helen Okafor, the trust's director, called the opening "
        '"a turning point for the valley" and '
        "said the marsh would store flood water that once threatened the village of Tallowford.\n"
        "The reserve is open every day from dawn to dusk, and entry is free of charge for everyone."
    ),
    title="Northern Rivers Trust opens Ashby Marsh wetland reserve",
    titles=("Northern Rivers Trust opens Ashby Marsh wetland reserve",),
    language="en",
    kind="html",
    url="https://courier.example/reserve",
)
BAKERY = SourceText(
    text=(
        "A family bakery in the old town has won the regional bread award for its rye loaf. "
        "The judges praised the crust and the long fermentation, and the owners said they would "
        "keep "
        "their prices as they are. The bakery opened in a former bicycle shop and now employs six "
        "people, most of them from the same street. Customers queued around the block on Saturday."
    ),
    title="Family bakery wins regional bread award",
    titles=("Family bakery wins regional bread award",),
    language="en",
    kind="html",
    url="https://chronicle.example/tram",
)
GERMAN = SourceText(
    text=(
        "Die chilenische Menschenrechtsanwältin Marta Velasco-Ibarra ist am 14. Oktober 2015 in "
        "Oslo "
        "mit dem Halvorsen-Preis ausgezeichnet worden. Der Preis ist mit 25.000 Euro dotiert. "
        "Velasco-Ibarra widmete die Auszeichnung den Familien der Verschwundenen. Sie gründete "
        "1999 "
        "die Rechtsberatungsstelle Clínica Abierta in Valparaíso, die mehr als 4.000 Mandanten "
        "hatte."
    ),
    title="Halvorsen-Preis für chilenische Anwältin",
    titles=("Halvorsen-Preis für chilenische Anwältin",),
    language="de",
    language_declared=True,
    kind="html",
)


def test_supported_with_the_facts_found_and_evidence_quoted() -> None:
    result = verify_claim(
        "The reserve at Ashby Marsh covers 340 hectares and cost £2.4 million.", [RESERVE]
    )
    assert result.verdict is SupportVerdict.SUPPORTED
    assert {fact.text for fact in result.found} >= {"Ashby Marsh", "340 hectares", "£2.4 million"}
    assert not result.missing
    assert result.evidence and "340 hectares" in result.evidence[0].passage
    assert result.evidence[0].url == RESERVE.url
    assert all(len(item.passage) <= 300 for item in result.evidence)


def test_a_changed_number_is_contradicted_and_both_values_named() -> None:
    result = verify_claim("The Ashby Marsh reserve covers 430 hectares.", [RESERVE])
    assert result.verdict is SupportVerdict.CONTRADICTED
    assert [(c.claim, c.source) for c in result.conflicts] == [("430 hectares", "340 hectares")]
    assert "“430 hectares” where the source says “340 hectares”" in result.reason
    assert "340 hectares" in result.evidence[0].passage


def test_a_missing_name_is_partial() -> None:
    result = verify_claim(
        "Helen Okafor and her deputy James Whitlow opened the Ashby Marsh reserve.", [RESERVE]
    )
    assert result.verdict is SupportVerdict.PARTIAL
    assert [fact.text for fact in result.missing] == ["James Whitlow"]


def test_a_quote_must_be_in_the_source() -> None:
    said = verify_claim('Okafor called the opening "a turning point for the valley".', [RESERVE])
    assert said.verdict is SupportVerdict.SUPPORTED
    not_said = verify_claim('Okafor called the opening "the proudest day of my career".', [RESERVE])
    assert not_said.verdict is SupportVerdict.PARTIAL
    assert [fact.kind for fact in not_said.missing] == [FactKind.QUOTE]


def test_not_found_when_another_article_stands_at_the_url() -> None:
    result = verify_claim(
        "Norbridge council approved a 14-kilometre tram line with 23 stops in 2022.", [BAKERY]
    )
    assert result.verdict is SupportVerdict.NOT_FOUND
    assert {fact.text for fact in result.missing} >= {"14-kilometre", "23", "2022"}
    assert "none of the sentence's facts" in result.reason


def test_not_found_when_the_source_on_the_same_subject_lacks_the_event() -> None:
    claim = (
        "In 2018, the Northern Rivers Trust bought the former Tallowford paper mill for £650,000."
    )
    assert verify_claim(claim, [RESERVE]).verdict is SupportVerdict.NOT_FOUND


@pytest.mark.parametrize(
    "written", ["12 April 2021", "April 12, 2021", "2021-04-12", "12th of April 2021"]
)
def test_date_formats_are_one_date(written: str) -> None:
    result = verify_claim(
        f"The Northern Rivers Trust opened the Ashby Marsh reserve on {written}.", [RESERVE]
    )
    assert result.verdict is SupportVerdict.SUPPORTED, result.reason


def test_several_citations_share_the_load() -> None:
    staff = SourceText(
        text="In 2022 the Trust employed 41 staff and managed 12 nature reserves in the valley. "
        "Its income rose to 3.1 million pounds.",
        title="Annual report",
        language="en",
        kind="pdf",
    )
    claim = (
        "The Northern Rivers Trust opened Ashby Marsh reserve on 12 April 2021 "
        "and employed 41 staff in 2022."
    )
    assert verify_claim(claim, [RESERVE]).verdict is SupportVerdict.PARTIAL
    assert verify_claim(claim, [staff]).verdict is SupportVerdict.PARTIAL
    together = verify_claim(claim, [RESERVE, staff])
    assert together.verdict is SupportVerdict.SUPPORTED
    assert len(together.evidence) == 2


def test_another_language_compares_only_language_neutral_facts() -> None:
    result = verify_claim(
        "Velasco-Ibarra received the Halvorsen Prize in Oslo on 14 October 2015.", [GERMAN]
    )
    assert result.verdict is SupportVerdict.SUPPORTED
    assert result.language_neutral and result.coverage is None
    assert "German (de): only numbers, dates and names were compared" in result.reason
    changed = verify_claim("Velasco-Ibarra's prize carries an award of €40,000.", [GERMAN])
    assert changed.verdict is SupportVerdict.PARTIAL and [f.text for f in changed.missing] == [
        "€40,000"
    ]


def test_another_language_and_no_neutral_fact_is_unverifiable() -> None:
    result = verify_claim("She dedicated it to the families of the disappeared.", [GERMAN])
    assert result.verdict is SupportVerdict.UNVERIFIABLE
    assert "the sentence has none" in result.reason


def test_another_language_without_any_of_the_facts_is_not_found() -> None:
    result = verify_claim(
        "Aigul Sarsenova was sentenced to 15 days in prison on 3 June 2017 in Astana.", [GERMAN]
    )
    assert result.verdict is SupportVerdict.NOT_FOUND
    assert result.language_neutral


def test_unverifiable_always_says_why() -> None:
    dead = SourceText.unavailable("dead link (HTTP 404)", url="https://example.org/gone")
    result = verify_claim("The reserve covers 340 hectares.", [dead])
    assert result.verdict is SupportVerdict.UNVERIFIABLE
    assert result.reason == "no source text to read: https://example.org/gone: dead link (HTTP 404)"
    nothing = verify_claim("The reserve covers 340 hectares.", [])
    assert (nothing.verdict, nothing.reason) == (
        SupportVerdict.UNVERIFIABLE,
        "the sentence cites no source",
    )


@pytest.mark.parametrize(
    ("doubtful", "why"),
    [
        (
            SourceText(
                text=BAKERY.text,
                language="en",
                problem="paywalled: only a teaser of the page is readable",
            ),
            "paywalled",
        ),
        (SourceText(text=BAKERY.text, language="en", truncated=True), "cut at the size cap"),
        (
            SourceText(text="Just a moment while we check your browser.", language="en"),
            "characters of the page",
        ),
    ],
)
def test_not_found_needs_a_fully_read_source(doubtful: SourceText, why: str) -> None:
    result = verify_claim(
        "Norbridge council approved a 14-kilometre tram line with 23 stops in 2022.", [doubtful]
    )
    assert result.verdict is SupportVerdict.UNVERIFIABLE
    assert why in result.reason


def test_not_found_is_not_said_while_another_cited_source_is_unread() -> None:
    dead = SourceText.unavailable("blocked by the site (HTTP 403)", url="https://blocked.example/")
    result = verify_claim(
        "Norbridge council approved a 14-kilometre tram line with 23 stops in 2022.", [BAKERY, dead]
    )
    assert result.verdict is SupportVerdict.UNVERIFIABLE
    assert "blocked by the site" in result.reason


def test_a_usurped_page_is_read_as_not_stating_the_claim() -> None:
    parked = SourceText(
        text="norbridge-chronicle.com\nThis domain is for sale! Buy this domain today.",
        title="norbridge-chronicle.com is for sale",
        titles=("norbridge-chronicle.com is for sale",),
        language="en",
    )
    result = verify_claim("Norbridge council approved a tram line on 2 February 2022.", [parked])
    assert result.verdict is SupportVerdict.NOT_FOUND


def test_a_prepared_source_gives_the_same_verdicts() -> None:
    prepared = prepare_source(RESERVE)
    for claim in (
        "The Ashby Marsh reserve covers 340 hectares.",
        "The Ashby Marsh reserve covers 430 hectares.",
    ):
        assert verify_claim(claim, [prepared]) == verify_claim(claim, [RESERVE])


def test_evidence_is_the_best_passage_not_the_whole_page() -> None:
    long_page = SourceText(
        text=("Unrelated filler about the weather in the hills. " * 80) + RESERVE.text,
        language="en",
    )
    result = verify_claim("Volunteers planted more than 18,000 reeds at Ashby Marsh.", [long_page])
    assert result.verdict is SupportVerdict.SUPPORTED
    assert "18,000 reeds" in result.evidence[0].passage
    assert "weather" not in result.evidence[0].passage


@pytest.mark.parametrize(
    ("claim", "kind", "text", "key"),
    [
        ("It was signed by Anthony J. Blinken.", "name", "Anthony J. Blinken", "anthony blinken"),
        ("It was about Toregozhina's arrest.", "name", "Toregozhina", "toregozhina"),
        (
            "The office of Bakhytzhan Töreğozhina was raided.",
            "name",
            "Bakhytzhan Töreğozhina",
            "bakhytzhan toregozhina",
        ),
        ("At least 33 people were detained.", "number", "33", "33"),
        ("The scheme cost 410 million pounds.", "number", "410 million pounds", "410000000"),
        ("She spent twenty-five days in jail.", "number", "twenty-five", "25"),
        ("She received it on 8 March 2023.", "date", "8 March 2023", "2023-03-08"),
        ("It was called an “art-mob” by police.", "quote", "art-mob", "art mob"),
    ],
)
def test_claim_facts(claim: str, kind: str, text: str, key: str) -> None:
    assert any((f.kind.value, f.text, f.key) == (kind, text, key) for f in facts_of(claim)), (
        facts_of(claim)
    )


def test_a_lone_capital_opening_a_sentence_is_no_name() -> None:
    (police,) = list(facts_of("Police entered the office."))
    assert police.kind is FactKind.NAME and police.weak
    source = SourceText(text="Officers said police entered the office at noon.", language="en")
    assert verify_claim("Police entered the office.", [source]).missing == ()


@pytest.mark.parametrize(
    ("claim", "fact", "source_text"),
    [
        (
            "It was presented by Anthony J. Blinken.",
            "Anthony J. Blinken",
            "The award was presented by Antony Blinken.",
        ),
        (
            "It was Bakhytzhan Toregozhina who spoke.",
            "Bakhytzhan Toregozhina",
            "Бақытжан Төреғожина выступила.",
        ),
        (
            "The scheme cost 2.5 million euros.",
            "2.5 million euros",
            "Das Projekt kostete 2,5 Millionen Euro.",
        ),
        ("The scheme cost 2.5 million euros.", "2.5 million euros", "The scheme cost €2.5m."),
        ("About 1,200 volunteers helped.", "1,200", "Plus de 1 200 bénévoles ont aidé."),
        (
            "The award is worth 25,000 euros.",
            "25,000 euros",
            "Der Preis ist mit 25.000 Euro dotiert.",
        ),
        ("It happened on 16 March 2010.", "16 March 2010", "Ocurrió el 16 de marzo de 2010."),
        ("It happened on 20 May 2016.", "20 May 2016", "Это произошло 20 мая 2016 года."),
        ("It happened on 8 March 2023.", "8 March 2023", "Es geschah am 08.03.2023 in Genf."),
    ],
)
def test_facts_are_found_across_spellings_scripts_and_formats(
    claim: str, fact: str, source_text: str
) -> None:
    result = verify_claim(claim, [SourceText(text=source_text, language="xx")])
    assert fact in {found.text for found in result.found}, result.reason


def test_a_fact_free_paraphrase_is_not_called_not_found() -> None:
    source = SourceText(
        text="She founded several groups for young people in the capital during the decade. " * 5,
        language="en",
    )
    result = verify_claim("She also organized various youth movements.", [source])
    assert result.verdict is SupportVerdict.PARTIAL


def test_a_fact_free_claim_on_another_subject_is_not_found() -> None:
    result = verify_claim(
        "The bridge collapsed after engineers ignored corrosion warnings.", [RESERVE]
    )
    assert result.verdict is SupportVerdict.NOT_FOUND


def test_a_sentence_with_nothing_to_check() -> None:
    result = verify_claim("She did.", [RESERVE])
    assert (result.verdict, result.reason) == (
        SupportVerdict.UNVERIFIABLE,
        "the sentence has nothing to check",
    )


def test_digits_inside_a_name_and_cut_off_words_are_no_facts() -> None:
    facts = facts_of("During the COVID-19 pandemic she joined the UN and Ar. Rukh. Khak.")
    assert [(fact.kind.value, fact.text) for fact in facts] == [
        ("identifier", "COVID-19"),
        ("name", "UN"),
        ("name", "Ar. Rukh. Khak"),
    ]
