"""Shared test fixtures and builders: paths to the shared reference data, a guard against the
network, and small `Article`s built straight from the model dataclasses.

Every test runs inside a `responses.RequestsMock`, so a stray `requests` call raises
`ConnectionError` instead of reaching the internet. Tests that need real sockets start their
own server on loopback and ask for `loopback_network`, which lets requests to 127.0.0.0/8
(and only there) through the guard.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import responses

from citeaudit.checks.base import Check, CheckContext
from citeaudit.model import (
    Article,
    Finding,
    Infobox,
    LinkResult,
    LinkVerdict,
    MaintenanceTag,
    Paragraph,
    Reference,
    Section,
    Sentence,
    SourceForm,
    Use,
)
from tests.fakes import FakeTime

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
SEED_FIXTURE = FIXTURES / "Bakhytzhan_Toregozhina"
SEED_REPLAY = (
    "audit",
    str(SEED_FIXTURE / "Bakhytzhan_Toregozhina.wiki"),
    "--offline",
    str(SEED_FIXTURE / "web"),
    "--as-of",
    "2026-11-28",
)
"""The README's first command: the seed audited offline from its fixture (output not given)."""
SEED_HEADINGS = [
    ("Early life", 2),
    ("Career", 2),
    ("Human rights organizations and activism", 2),
    ("Detentions and raid", 2),
    ("2005 police raid", 3),
    ("2010 detention", 3),
    ("2016 detention", 3),
    ("2022 persecution", 3),
    ("Pegasus censorship", 2),
    ("Awards", 2),
    ("See also", 2),
    ("References", 2),
]
"""The seed's headings below the lead, with their levels, counted by hand on the page."""
TEST_DATA = REPO / "tests" / "data"
SHARED = Path(os.environ.get("CITEAUDIT_SHARED", REPO.parent / "shared"))
"""`../shared/` beside the checkout; `CITEAUDIT_SHARED` points elsewhere (a git worktree, CI)."""
REFERENCE_DATA = SHARED / "reference" / "data"
SEED_DIR = SHARED / "seed"
ABSENT = "the shared reference data is not beside this checkout"
LOOPBACK_URL = re.compile(r"^https?://127\.\d{1,3}\.\d{1,3}\.\d{1,3}(:\d+)?(/|$)")


def shared_file(*parts: str) -> Path:
    """A file of `../shared/`, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path.relative_to(SHARED.parent)} is absent: {ABSENT}")
    return path


def shared_cases(
    parts: Sequence[str], load: Callable[[Path], Sequence[Any]], name: Callable[[Any], str]
) -> list[Any]:
    """The cases a file of `../shared/` holds, as `parametrize` values with their ids; when the
    file is absent, one case that skips visibly with the reason (a suite never just shrinks)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path.relative_to(SHARED.parent)} is absent: {ABSENT}"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="shared-data-absent")]
    return [pytest.param(case, id=name(case)) for case in load(path)]


@pytest.fixture(autouse=True)
def no_internet() -> Iterator[responses.RequestsMock]:
    """Keep `requests` from reaching any server a test did not register."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture(autouse=True)
def quick_archive(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test waits on the real archive's pace: the testing setting lifts it (docs/links.md)."""
    monkeypatch.setenv("CITEAUDIT_ARCHIVE_SEARCH_RATE", "600000")


@pytest.fixture
def fake_time() -> FakeTime:
    """A clock that moves only when slept on or advanced."""
    return FakeTime()


@pytest.fixture
def loopback_network(no_internet: responses.RequestsMock) -> responses.RequestsMock:
    """Let `requests` reach servers the test started on 127.0.0.0/8; other hosts stay guarded."""
    no_internet.add_passthru(LOOPBACK_URL)
    return no_internet


# --- builders ---------------------------------------------------------------------------------

AS_OF = dt.date(2026, 11, 28)

SentenceSpec = str | tuple[str, Sequence[str]]
ParagraphSpec = Sequence[SentenceSpec] | tuple[str, Sequence[SentenceSpec]]


def web_ref(id: str, **fields: object) -> Reference:
    """A complete `{{cite web}}` reference; override any field."""
    values: dict[str, object] = {
        "kind": "cite web",
        "title": f"Report {id}",
        "url": f"https://example.org/report-{id}",
        "work": "Example News",
        "date": "1 March 2023",
        "access_date": "12 March 2023",
    }
    values.update(fields)
    return Reference(id=id, number=int(id) if id.isdigit() else None, **values)  # type: ignore[arg-type]


def build_article(
    lead: Sequence[ParagraphSpec] = (),
    sections: Sequence[tuple[str, Sequence[ParagraphSpec]]] = (),
    references: Sequence[Reference] = (),
    *,
    tags: Sequence[MaintenanceTag] = (),
    infoboxes: Sequence[Infobox] = (),
    categories: Sequence[str] = (),
    source_form: SourceForm = SourceForm.WIKITEXT,
    **fields: object,
) -> Article:
    """An article of sections `(title, [paragraph, ...])` below a lead, each paragraph a list of
    sentences (or `(kind, sentences)` for a list item or a quote), each sentence a string or
    `(text, ["1", "2"])` with the ids of the references cited after it. Sentence ids run through
    the article; every reference gets a `Use` per citation."""
    by_id = {reference.id: reference for reference in references}
    counter = iter(range(10_000))

    def build_section(
        index: int, title: str, level: int, paragraphs: Sequence[ParagraphSpec]
    ) -> Section:
        built = []
        for spec in paragraphs:
            kind = "text"
            if (
                isinstance(spec, tuple)
                and len(spec) == 2
                and spec[0] in ("list", "quote", "text")
                and not isinstance(spec[1], str)
            ):
                kind, spec = spec[0], spec[1]
            sentences = []
            for item in spec:
                text, cited = (item, ()) if isinstance(item, str) else item
                sentence = Sentence(id=next(counter), text=text, reference_ids=list(cited))
                for reference_id in cited:
                    if reference_id in by_id:
                        by_id[reference_id].uses.append(
                            Use(section_index=index, sentence_id=sentence.id)
                        )
                sentences.append(sentence)
            built.append(Paragraph(sentences=sentences, kind=kind))
        return Section(index=index, title=title, level=level, paragraphs=built)

    lead_section = build_section(0, "", 0, lead)
    lead_section.children = [
        build_section(number, title, 2, paragraphs)
        for number, (title, paragraphs) in enumerate(sections, start=1)
    ]
    return Article(
        title="Test article",
        source_form=source_form,
        lead=lead_section,
        references=list(references),
        maintenance_tags=list(tags),
        infoboxes=list(infoboxes),
        categories=list(categories),
        **fields,  # type: ignore[arg-type]
    )


def run_check(check: type[Check], article: Article, **context: object) -> list[Finding]:
    """The findings of one check on `article`, as of `AS_OF` (context fields may be given)."""
    return list(check().run(article, CheckContext(as_of=AS_OF, **context)))  # type: ignore[arg-type]


def link_result(
    url: str, verdict: LinkVerdict, *reference_ids: str, **fields: object
) -> LinkResult:
    """A link checker's result for `url`, cited by `reference_ids`."""
    return LinkResult(
        url=url,
        verdict=verdict,
        reason=fields.pop("reason", verdict.value),  # type: ignore[arg-type]
        reference_ids=reference_ids,
        **fields,  # type: ignore[arg-type]
    )


def codes(findings: Sequence[Finding]) -> list[str]:
    return [finding.code for finding in findings]
