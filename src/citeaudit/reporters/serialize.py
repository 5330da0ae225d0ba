"""The model and the report as plain JSON-ready dicts, in the documented, versioned schemas.

`article_to_dict` gives `citeaudit.article/1` (docs/article-schema.md); `report_to_dict` gives
`citeaudit.report/2` (docs/report-schema.md). Both are pure functions of their input, with
lists in a fixed order, so that the same input always gives the same JSON. Dates are given as
written plus an ISO form (`*_iso`), which is null where the written date is not a valid date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from citeaudit.model import (
    ArchiveLookup,
    Article,
    Finding,
    LinkResult,
    MaintenanceTag,
    Reference,
    Report,
    Revision,
    Section,
    SourcePosition,
    SupportRecord,
    Use,
)
from citeaudit.model.report import reference_label, sorted_links, summarise
from citeaudit.parse.dates import iso_date

ARTICLE_SCHEMA = "citeaudit.article/1"
REPORT_SCHEMA = "citeaudit.report/2"


def article_to_dict(article: Article) -> dict[str, Any]:
    """The whole parsed article: sections, sentences, references with their uses, tags."""
    places = _Places(article)
    return {
        "schema": ARTICLE_SCHEMA,
        **article_metadata(article),
        "sections": [_section(section, places) for section in article.sections()],
        "sentences": [
            {
                "id": sentence.id,
                "section": places.section(section.index),
                "paragraph_kind": paragraph.kind,
                "text": sentence.text,
                "references": list(sentence.reference_ids),
                "position": position(sentence.position),
            }
            for section, paragraph, sentence in article.sentences()
        ],
        "references": [_reference(reference, places) for reference in article.references],
        "maintenance_tags": [_tag(tag, places) for tag in article.maintenance_tags],
        "infoboxes": [{"name": box.name, "fields": dict(box.fields)} for box in article.infoboxes],
        "categories": list(article.categories),
        "notes": list(article.notes),
    }


def article_metadata(article: Article) -> dict[str, Any]:
    """Title, form, revision and declared date format: what both schemas start with."""
    return {
        "title": article.title,
        "source_form": article.source_form.value,
        "revision": _revision(article.revision),
        "date_format": article.date_format.value if article.date_format else None,
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    """The audit of one article: metadata, every checked link, every finding, and the counts."""
    article = report.article
    places = _Places(article, report.as_of)
    summary = summarise(report)
    return {
        "schema": REPORT_SCHEMA,
        "tool": {"name": "citeaudit", "version": report.tool_version},
        "as_of": report.as_of.isoformat(),
        "offline": report.offline,
        "simulated_web": report.simulated_web,
        "links_checked": report.links_checked,
        "support_checked": report.support_checked,
        "incomplete": report.facts.incomplete,
        "network_problem": report.facts.network_problem,
        "archive": {"used": report.facts.archive_used, "problem": report.facts.archive_problem},
        "article": {
            **article_metadata(article),
            "sections": [_section(section, places) for section in article.sections()],
            "references": [_reference_brief(ref, places) for ref in article.references],
        },
        "summary": {
            "references": summary.references,
            "uses": summary.uses,
            "urls": summary.urls,
            "references_without_url": summary.references_without_url,
            "links_by_verdict": summary.links_by_verdict,
            "findings_by_severity": summary.findings_by_severity,
            "findings_by_family": summary.findings_by_family,
            "findings_by_code": summary.findings_by_code,
            "findings_in_baseline": summary.findings_in_baseline,
            "support_by_verdict": summary.support_by_verdict,
        },
        "links": [
            _link(result, article, report.facts.archive_lookups.get(result.url))
            for result in sorted_links(report.links)
        ],
        "findings": [_finding(finding, article) for finding in report.findings],
        "support": [_support(record, article) for record in report.support],
    }


class _Places:
    """Section and sentence look-ups by position, for `{index, title}`/`{id, text}` pairs."""

    def __init__(self, article: Article, today: dt.date | None = None) -> None:
        self.today = today
        """The day dates are judged on (the audit's as-of date; the real today for `parse`)."""
        self.sections: dict[int, Section] = {}
        self.parents: dict[int, int | None] = {}
        for section in article.sections():
            self.sections[section.index] = section
            for child in section.children:
                self.parents[child.index] = section.index
        self.sentences = {sentence.id: sentence.text for _, _, sentence in article.sentences()}

    def section(self, index: int) -> dict[str, Any]:
        found = self.sections.get(index)
        return {"index": index, "title": found.title if found else None}

    def sentence(self, sentence_id: int | None) -> dict[str, Any] | None:
        if sentence_id is None:
            return None
        return {"id": sentence_id, "text": self.sentences.get(sentence_id)}


def position(place: SourcePosition | None) -> dict[str, int] | None:
    """`{line, column}` (both from 1) where something stands in the source, or null."""
    return None if place is None else {"line": place.line, "column": place.column}


def _revision(revision: Revision | None) -> dict[str, Any] | None:
    if revision is None:
        return None
    return {
        "site": revision.site,
        "page_id": revision.page_id,
        "revision_id": revision.revision_id,
        "timestamp": revision.timestamp,
        "note": revision.note,
    }


def _section(section: Section, places: _Places) -> dict[str, Any]:
    return {
        "index": section.index,
        "title": section.title,
        "level": section.level,
        "level_inferred": section.level_inferred,
        "parent": places.parents.get(section.index),
        "position": position(section.position),
    }


def _dated(name: str, value: str | None, places: _Places) -> dict[str, Any]:
    iso = iso_date(value, today=places.today) if value else None
    return {name: value, f"{name}_iso": iso}


def _reference_brief(reference: Reference, places: _Places) -> dict[str, Any]:
    """What a report says of a reference: what it cites, its dates and its uses."""
    return {
        "id": reference.id,
        "label": reference_label(reference),
        "group": reference.group or None,
        "name": reference.name,
        "number": reference.number,
        "kind": reference.kind,
        "title": reference.title,
        "url": reference.url,
        "work": reference.work,
        "publisher": reference.publisher,
        **_dated("date", reference.date, places),
        **_dated("access_date", reference.access_date, places),
        "archive_url": reference.archive_url,
        **_dated("archive_date", reference.archive_date, places),
        "url_status": reference.url_status,
        "uses": [_use(use, places) for use in reference.uses],
        "position": position(reference.position),
    }


def _reference(reference: Reference, places: _Places) -> dict[str, Any]:
    """Everything the model knows of a reference (the article schema)."""
    return {
        **_reference_brief(reference, places),
        "authors": list(reference.authors),
        "format": reference.format,
        "language": reference.language,
        "via": reference.via,
        "identifiers": dict(sorted(reference.identifiers.items())),
        "citeref": reference.citeref,
        "short_target": reference.short_target,
        "text": reference.text,
        "definitions": len(reference.definitions),
    }


def _use(use: Use, places: _Places) -> dict[str, Any]:
    return {
        "section": places.section(use.section_index),
        "sentence": places.sentence(use.sentence_id),
        "page": use.page,
    }


def _tag(tag: MaintenanceTag, places: _Places) -> dict[str, Any]:
    return {
        "kind": tag.kind,
        "name": tag.name,
        **_dated("date", tag.date, places),
        "section": places.section(tag.section_index),
        "sentence": places.sentence(tag.sentence_id),
        "reference": tag.reference_id,
        "params": dict(tag.params),
    }


def _link(result: LinkResult, article: Article, lookup: ArchiveLookup | None) -> dict[str, Any]:
    references = [article.reference(ref_id) for ref_id in result.reference_ids]
    return {
        "url": result.url,
        "verdict": result.verdict.value,
        "status": result.status,
        "final_url": result.final_url,
        "reason": result.reason,
        "title": result.page_title,
        "archive_url": result.archive.url if result.archive else None,
        "archive_timestamp": result.archive.timestamp if result.archive else None,
        "archive_lookup": (
            {"outcome": lookup.outcome.value, "reason": lookup.reason} if lookup else None
        ),
        "references": [
            {"id": ref_id, "label": reference_label(ref) if ref else None}
            for ref_id, ref in zip(result.reference_ids, references, strict=True)
        ],
        "chain": [{"url": hop.url, "status": hop.status} for hop in result.chain],
        "checked_at": result.checked_at,
        "first_failed_at": result.first_failed_at,
        "failed_checks": result.failed_checks,
    }


def _support(record: SupportRecord, article: Article) -> dict[str, Any]:
    references = [article.reference(ref_id) for ref_id in record.reference_ids]
    return {
        "sentence_id": record.sentence_id,
        "sentence": record.sentence,
        "section": record.section,
        "references": [
            {"id": ref_id, "label": reference_label(ref) if ref else None}
            for ref_id, ref in zip(record.reference_ids, references, strict=True)
        ],
        "verdict": record.verdict.value,
        "reason": record.reason,
        "found": list(record.found),
        "missing": list(record.missing),
        "evidence": (
            {"passage": record.evidence, "url": record.evidence_url} if record.evidence else None
        ),
        "urls_read": list(record.urls),
        "conflicts": [{"sentence": ours, "source": theirs} for ours, theirs in record.conflicts],
        "score": record.score,
    }


def _finding(finding: Finding, article: Article) -> dict[str, Any]:
    reference = article.reference(finding.reference_id) if finding.reference_id else None
    return {
        "code": finding.code,
        "family": finding.family.value,
        "severity": finding.severity.value,
        "section": finding.section,
        "reference": (
            reference.number if reference and reference.number is not None else finding.reference_id
        ),
        "reference_id": finding.reference_id,
        "reference_label": reference_label(reference) if reference else None,
        "sentence_id": finding.sentence_id,
        "sentence": finding.sentence,
        "message": finding.message,
        "fix": finding.fix,
        "url": finding.url,
        "position": position(finding.position),
        "fingerprint": finding.fingerprint,
        "in_baseline": finding.in_baseline,
    }
