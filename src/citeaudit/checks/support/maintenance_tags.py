"""Inline cleanup tags editors already placed: `{{citation needed}}`, `{{failed verification}}`,
`{{better source needed}}`, listed with the date they carry (how long the problem has waited)."""

from __future__ import annotations

from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext
from citeaudit.model import Article, Finding, FindingFamily, MaintenanceTag, Severity

_TAGS = {
    "citation-needed": (
        "tag-citation-needed",
        "[citation needed]",
        "Find a reliable source and cite it, or remove the claim.",
    ),
    "failed-verification": (
        "tag-failed-verification",
        "[failed verification]",
        "Read the cited source: cite one that supports the claim, or reword the claim to match it.",
    ),
    "better-source-needed": (
        "tag-better-source-needed",
        "[better source needed]",
        "Replace the cited source with a reliable, independent one (WP:RS).",
    ),
}


class MaintenanceTagCheck(Check):
    family = FindingFamily.SUPPORT
    codes = tuple(code for code, _, _ in _TAGS.values())

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        titles = {section.index: section.title for section in article.sections()}
        sentences = {sentence.id: sentence for _, _, sentence in article.sentences()}
        for tag in article.maintenance_tags:
            if tag.kind not in _TAGS:
                continue
            code, shown, advice = _TAGS[tag.kind]
            sentence = sentences.get(tag.sentence_id) if tag.sentence_id is not None else None
            yield self.finding(
                code,
                Severity.WARNING,
                _message(tag, shown),
                fix=advice,
                section=titles.get(tag.section_index),
                sentence=sentence,
            )


def _message(tag: MaintenanceTag, shown: str) -> str:
    since = f" since {tag.date}" if tag.date else " (undated)"
    reason = f" ({tag.params['reason']})" if tag.params.get("reason") else ""
    return f"Tagged {shown}{since}{reason}."
