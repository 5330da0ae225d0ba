"""Cited sentences their sources do not (fully) say: the verdicts of claim support as findings.

- `claim-contradicted` (error): the cited page speaks of the same fact and says otherwise
  (another number, date, name or place, or the opposite stance); the finding quotes both values
  and the passage;
- `claim-not-found` (warning): the cited pages were read in full and do not state the sentence;
- `claim-partial` (info): part of the sentence is not in them (the missing facts are named);
- `claim-unverifiable` (info): a cited URL gave no text to read (dead, blocked, not recorded,
  unreadable), with why. Sentences whose citations give no URL at all get a record, not a
  finding (the report lists those references once).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from citeaudit.checks.base import Check, CheckContext
from citeaudit.model import (
    Article,
    Finding,
    FindingFamily,
    Reference,
    Sentence,
    Severity,
    SupportRecord,
    SupportVerdict,
)


class ClaimSupportCheck(Check):
    family = FindingFamily.SUPPORT
    codes = ("claim-contradicted", "claim-not-found", "claim-partial", "claim-unverifiable")

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        for record in context.facts.support:
            references = [
                reference
                for reference in map(article.reference, record.reference_ids)
                if reference is not None
            ]
            finding = self._finding(article, record, references)
            if finding is not None:
                yield finding

    def _finding(
        self, article: Article, record: SupportRecord, references: Sequence[Reference]
    ) -> Finding | None:
        cited = _one_per_url(article, references)
        with_url = [reference for reference, url in cited if url is not None]
        read = [reference for reference, url in cited if url is not None and url in record.urls]
        verdict = record.verdict
        if verdict is SupportVerdict.SUPPORTED or (
            verdict is SupportVerdict.UNVERIFIABLE and not with_url
        ):
            return None
        closest = f" Closest passage: “{record.evidence}”." if record.evidence else ""
        if verdict is SupportVerdict.CONTRADICTED:
            code, severity, about = "claim-contradicted", Severity.ERROR, read
            said = "; ".join(
                f"the sentence says “{ours}”, the page “{theirs}”"
                for ours, theirs in record.conflicts
            )
            passage = f" The page: “{record.evidence}”." if record.evidence else ""
            message = f"The cited page says otherwise: {said}.{passage}"
            fix = "Correct the sentence to what the source says, or cite a source for it."
        elif verdict is SupportVerdict.NOT_FOUND:
            code, severity, about = "claim-not-found", Severity.WARNING, read
            message = f"The cited page was read and does not say this ({record.reason}).{closest}"
            fix = "Read the source: cite one that says it, or reword the sentence to what it says."
        elif verdict is SupportVerdict.PARTIAL:
            code, severity, about = "claim-partial", Severity.INFO, read
            message = f"Only part of this is in the cited pages ({record.reason}).{closest}"
            fix = "Check the rest against the sources, or cite one that states it."
        else:
            code, severity, about = "claim-unverifiable", Severity.INFO, with_url
            message = f"Could not tell whether the cited pages say this ({record.reason})."
            fix = "Open them to check the sentence by hand."
        reference = (about or references)[0]
        return self.finding(
            code,
            severity,
            message,
            fix=fix,
            url=article.cited_url(reference),
            section=record.section,
            reference=reference,
            sentence=Sentence(id=record.sentence_id, text=record.sentence),
        )


def _one_per_url(
    article: Article, references: Sequence[Reference]
) -> list[tuple[Reference, str | None]]:
    """Each reference with the URL it cites, the first of several citing one URL only."""
    seen: set[str] = set()
    cited = []
    for reference in references:
        url = article.cited_url(reference)
        if url is not None and url in seen:
            continue
        if url is not None:
            seen.add(url)
        cited.append((reference, url))
    return cited
