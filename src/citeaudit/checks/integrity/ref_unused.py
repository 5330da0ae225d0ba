"""Named references defined but never used (list-defined references no marker points to).

The Cite extension reports these ("`<ref>` tag with name X defined in `<references>` is not used
in prior text"). Assumption shared with the parsers: such a reference has a `name`, a body
(`definitions` or text) and no `uses`; in HTML or rendered text, a reference whose text carries
the Cite error counts too.
"""

from __future__ import annotations

from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext, describe_reference
from citeaudit.model import Article, Finding, FindingFamily, Severity

CITE_ERROR_UNUSED = ("is not used in prior text", "is not used in the content")


class UnusedReferenceCheck(Check):
    family = FindingFamily.INTEGRITY
    codes = ("ref-unused",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        for reference in article.references:
            reported = any(message in reference.text for message in CITE_ERROR_UNUSED)
            defined = bool(
                reference.definitions or reference.text.strip() or reference.title or reference.url
            )
            if not (reported or (reference.name and defined and not reference.uses)):
                continue
            yield self.finding(
                "ref-unused",
                Severity.WARNING,
                f"{describe_reference(reference)} is defined but never cited in the text.",
                fix="Cite it where it supports a claim, or delete it from the reference list.",
                reference=reference,
            )
