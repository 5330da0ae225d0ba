"""Reference-integrity rules: each fires, and a near miss does not."""

from __future__ import annotations

import pytest

from citeaudit.checks.integrity.ref_bare_url import BareURLCheck
from citeaudit.checks.integrity.ref_duplicate import (
    DuplicateReferenceCheck,
    document_numbers,
    normalize_url,
)
from citeaudit.checks.integrity.ref_name_conflict import ReferenceNameConflictCheck
from citeaudit.checks.integrity.ref_undefined import UndefinedReferenceCheck
from citeaudit.checks.integrity.ref_unfindable import UnfindableReferenceCheck
from citeaudit.checks.integrity.ref_unused import UnusedReferenceCheck
from citeaudit.checks.integrity.title_generic import GenericTitleCheck, generic_title_kind
from citeaudit.model import FindingFamily, Reference, SourceForm, Use
from tests.conftest import build_article, run_check, web_ref

USED = [Use(section_index=0, sentence_id=0)]

# (case, check, references, source form, ids of the references found)
CASES = [
    (
        "undefined named reference",
        UndefinedReferenceCheck,
        [Reference(id="nyt", name="nyt", uses=list(USED))],
        SourceForm.WIKITEXT,
        ["nyt"],
    ),
    (
        "undefined, shown as a Cite error in HTML",
        UndefinedReferenceCheck,
        [
            Reference(
                id="x", text='Cite error: The named reference "x" was invoked but never defined'
            )
        ],
        SourceForm.HTML,
        ["x"],
    ),
    (
        "near miss: named and defined",
        UndefinedReferenceCheck,
        [
            Reference(
                id="nyt",
                name="nyt",
                definitions=["{{cite news|title=A}}"],
                raw="{{cite news|title=A}}",
                uses=list(USED),
            )
        ],
        SourceForm.WIKITEXT,
        [],
    ),
    (
        "unused named reference",
        UnusedReferenceCheck,
        [Reference(id="bbc", name="bbc", definitions=["{{cite web|title=B}}"], title="B")],
        SourceForm.WIKITEXT,
        ["bbc"],
    ),
    (
        "near miss: named and used",
        UnusedReferenceCheck,
        [
            Reference(
                id="bbc",
                name="bbc",
                definitions=["{{cite web|title=B}}"],
                title="B",
                uses=list(USED),
            )
        ],
        SourceForm.WIKITEXT,
        [],
    ),
    (
        "one name, two bodies",
        ReferenceNameConflictCheck,
        [Reference(id="a", name="a", definitions=["{{cite web|title=A}}", "{{cite web|title=B}}"])],
        SourceForm.WIKITEXT,
        ["a"],
    ),
    (
        "near miss: the same body twice, spaced differently",
        ReferenceNameConflictCheck,
        [
            Reference(
                id="a", name="a", definitions=["{{cite web|title=A}}", " {{cite web|title=A}}\n"]
            )
        ],
        SourceForm.WIKITEXT,
        [],
    ),
    (
        "duplicate URL",
        DuplicateReferenceCheck,
        [
            web_ref("1", url="https://www.example.org/a/"),
            web_ref("2", url="http://example.org/a?utm_source=x"),
        ],
        SourceForm.WIKITEXT,
        ["2"],
    ),
    (
        "duplicate title and work",
        DuplicateReferenceCheck,
        [
            web_ref("1", title="Kazakhstan: New Restrictions", url=None),
            web_ref("2", title="Kazakhstan – new restrictions", url=None),
        ],
        SourceForm.TEXT,
        ["2"],
    ),
    (
        "duplicate document number",
        DuplicateReferenceCheck,
        [
            web_ref(
                "1",
                title="Communication No 2137/2012: Views adopted by the Committee",
                work="Treaty Bodies",
            ),
            web_ref("2", title="Human Rights Committee Communication No 2137/2012", work="OHCHR"),
        ],
        SourceForm.TEXT,
        ["2"],
    ),
    (
        "duplicate DOI",
        DuplicateReferenceCheck,
        [
            web_ref("1", identifiers={"doi": "10.1000/XYZ"}),
            web_ref("2", title="Other", identifiers={"doi": "10.1000/xyz"}),
        ],
        SourceForm.WIKITEXT,
        ["2"],
    ),
    (
        "near miss: same work, different titles and URLs",
        DuplicateReferenceCheck,
        [web_ref("1"), web_ref("2")],
        SourceForm.WIKITEXT,
        [],
    ),
    (
        "near miss: the same ISBN for two chapters",
        DuplicateReferenceCheck,
        [
            web_ref(
                "1",
                kind="cite book",
                title="Ch. 1",
                url=None,
                identifiers={"isbn": "9780000000002"},
            ),
            web_ref(
                "2",
                kind="cite book",
                title="Ch. 2",
                url=None,
                identifiers={"isbn": "9780000000002"},
            ),
        ],
        SourceForm.WIKITEXT,
        [],
    ),
    (
        "near miss: different communications",
        DuplicateReferenceCheck,
        [
            web_ref("1", title="Communication No 2137/2012"),
            web_ref("2", title="Communication No 2138/2012"),
        ],
        SourceForm.WIKITEXT,
        [],
    ),
    ("generic title", GenericTitleCheck, [web_ref("1", title="StackPath")], SourceForm.TEXT, ["1"]),
    (
        "near miss: a real title mentioning a robot",
        GenericTitleCheck,
        [web_ref("1", title="Robots in the factory of the future")],
        SourceForm.TEXT,
        [],
    ),
    (
        "bare URL",
        BareURLCheck,
        [Reference(id="1", kind="bare-url", url="https://example.org/x")],
        SourceForm.WIKITEXT,
        ["1"],
    ),
    (
        "near miss: a [url title] link",
        BareURLCheck,
        [Reference(id="1", kind="link", url="https://example.org/x", title="X")],
        SourceForm.WIKITEXT,
        [],
    ),
    (
        "unfindable",
        UnfindableReferenceCheck,
        [Reference(id="1", kind="cite book", title="Memoirs", authors=["Smith, J."])],
        SourceForm.WIKITEXT,
        ["1"],
    ),
    (
        "near miss: a publisher is enough",
        UnfindableReferenceCheck,
        [Reference(id="1", kind="cite book", title="Memoirs", publisher="Penguin")],
        SourceForm.WIKITEXT,
        [],
    ),
    (
        "near miss: rendered text shows a retrieval date",
        UnfindableReferenceCheck,
        [Reference(id="1", kind="cite web", title="Memoirs", access_date="12 March 2023")],
        SourceForm.TEXT,
        [],
    ),
    (
        "near miss: an explanatory note",
        UnfindableReferenceCheck,
        [Reference(id="n1", kind="text", group="note", text="Also spelled Toregojina.")],
        SourceForm.WIKITEXT,
        [],
    ),
]


@pytest.mark.parametrize(
    ("case", "check", "references", "form", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_integrity_rule(
    case: str, check: type, references: list[Reference], form: SourceForm, expected: list[str]
) -> None:
    article = build_article(references=references, source_form=form)
    findings = run_check(check, article)
    assert [finding.reference_id for finding in findings] == expected
    assert all(finding.family is FindingFamily.INTEGRITY for finding in findings)


@pytest.mark.parametrize(
    ("title", "generic"),
    [
        ("StackPath", True),
        ("Just a moment...", True),
        ("Just a moment\u2026", True),
        ("Attention Required! | Cloudflare", True),
        ("Access Denied", True),
        ("Page not found", True),
        ("Archived copy", True),
        ("Login", True),
        ("Untitled", True),
        ("404 Not Found – Example", True),
        ("Are you a robot?", True),
        ("Wayback Machine", True),
        ("http://example.org/a", True),
        ("How to log in to public services", False),
        ("The Error of Our Ways", False),
        ("Cloudflare reports record attacks", False),
        ("Home Office rules on asylum", False),
    ],
)
def test_generic_title_table(title: str, generic: bool) -> None:
    assert (generic_title_kind(title) is not None) is generic


def test_url_normal_form() -> None:
    assert normalize_url("https://www.Example.org/a/?utm_source=x&id=3#top") == "example.org/a?id=3"


def test_document_numbers() -> None:
    assert document_numbers("Views on communication No. 2137/2012 (CCPR/C/112/D/2137/2012)") == {
        "2137/2012",
        "CCPR/C/112/D/2137/2012",
    }
    assert document_numbers("Report 2015/2016 season") == set()


@pytest.mark.parametrize(
    ("form", "url", "advice"),
    [
        (SourceForm.WIKITEXT, "https://example.org/report", "Open the URL in a browser"),
        (SourceForm.WIKITEXT, None, "The citation gives no URL to open"),
        (SourceForm.TEXT, None, "Follow the reference's link on the article page"),
    ],
)
def test_generic_title_advice_fits_what_the_citation_gives(
    form: SourceForm, url: str | None, advice: str
) -> None:
    article = build_article(
        [[("A claim.", ["1"])]],
        references=[web_ref("1", title="Just a moment...", url=url)],
        source_form=form,
    )
    [finding] = run_check(GenericTitleCheck, article)
    assert finding.fix is not None and finding.fix.startswith(advice)
