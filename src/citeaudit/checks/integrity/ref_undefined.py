"""Named references used but never defined (Cite error: "The named reference X was invoked
but never defined").

How the parsers show one (assumption shared with them): a `Reference` with a `name`, at least
one use, no definition (`definitions` empty) and no body (`raw`, `text`, `title`, `url` all
empty). In the HTML and rendered-text forms the Cite extension prints the error in the
reference list; a reference whose text carries that message counts too.
"""

from __future__ import annotations

from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext, first_section_title
from citeaudit.model import Article, Finding, FindingFamily, Reference, Severity
from citeaudit.model.wording import times

CITE_ERROR_UNDEFINED = "was invoked but never defined"


def is_undefined(reference: Reference) -> bool:
    if CITE_ERROR_UNDEFINED in reference.text:
        return True
    has_body = bool(
        reference.definitions
        or reference.raw.strip()
        or reference.text.strip()
        or reference.title
        or reference.url
    )
    return bool(reference.name) and bool(reference.uses) and not has_body


class UndefinedReferenceCheck(Check):
    family = FindingFamily.INTEGRITY
    codes = ("ref-undefined",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        for reference in article.references:
            if not is_undefined(reference):
                continue
            yield self.finding(
                "ref-undefined",
                Severity.ERROR,
                f'The named reference "{reference.name or reference.id}" is used '
                f"{times(len(reference.uses))} but never defined, so readers see a Cite error.",
                fix="Give one of its uses the full citation (or restore the definition an edit "
                "removed).",
                section=first_section_title(article, reference),
                reference=reference,
            )
