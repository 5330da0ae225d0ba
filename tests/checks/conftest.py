"""Build small `Article`s for the check tests straight from the model dataclasses.

`build_article` takes sections as `(title, [paragraph, ...])`, each paragraph a list of
sentences, each sentence a string or `(text, ["1", "2"])` with the ids of the references cited
after it. Sentence ids run through the article; every reference gets a `Use` per citation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from citeaudit.checks import CheckContext
from citeaudit.checks.base import Check
from citeaudit.model import (
    Article,
    Finding,
    Infobox,
    MaintenanceTag,
    Paragraph,
    Reference,
    Section,
    Sentence,
    SourceForm,
    Use,
)

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
    return list(check().run(article, CheckContext(as_of=AS_OF, **context)))  # type: ignore[arg-type]


def codes(findings: Sequence[Finding]) -> list[str]:
    return [finding.code for finding in findings]
