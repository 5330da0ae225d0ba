"""One reference name given two different bodies (Cite error: "defined multiple times with
different content"): readers see only one of them, so the other citation is lost. Bodies are
compared with their white space collapsed."""

from __future__ import annotations

from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext, describe_reference, first_section_title
from citeaudit.model import Article, Finding, FindingFamily, Severity


class ReferenceNameConflictCheck(Check):
    family = FindingFamily.INTEGRITY
    codes = ("ref-name-conflict",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        for reference in article.references:
            bodies = {" ".join(body.split()) for body in reference.definitions if body.strip()}
            if len(bodies) < 2:
                continue
            yield self.finding(
                "ref-name-conflict",
                Severity.ERROR,
                f'The reference name "{reference.name}" ({describe_reference(reference)}) has '
                f"{len(bodies)} different bodies; only one is shown.",
                fix="Give the other citation its own name, or make the bodies identical if they "
                "are the same source.",
                section=first_section_title(article, reference),
                reference=reference,
            )
