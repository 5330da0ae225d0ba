"""`propose_fixes`: every repair the audit's evidence allows, made to the article's wikitext.

The repairs of `REPAIRS` are tried in order, each on the findings of its codes in the order of
the references; a repair whose edits would touch a place another has already changed is
declined (its finding stays). The accepted edits are made in one pass over the text, so every
byte outside them stays as it was, and a run with nothing to repair gives the text back
unchanged.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from citeaudit.errors import InputError
from citeaudit.fix.context import Declined, Proposal, RepairContext
from citeaudit.fix.edits import Edit, apply_edits
from citeaudit.fix.locate import RefTag
from citeaudit.fix.registry import REPAIRS
from citeaudit.fix.summary import edit_summary
from citeaudit.model import Change, Finding, ProposedFixes, ReferenceFix, Report, SourceForm
from citeaudit.parse.wikitext.article import cyclic_gc_paused


@dataclass(frozen=True)
class FixOptions:
    """Which repairs to make, by the finding codes they answer (all of them by default)."""

    codes: frozenset[str] = frozenset(REPAIRS)

    @classmethod
    def choose(cls, only: Iterable[str] = (), skip: Iterable[str] = ()) -> FixOptions:
        """The repairs `--only` and `--skip` leave; an unknown code is an `InputError`."""
        only, skip = set(only), set(skip)
        unknown = sorted((only | skip) - set(REPAIRS))
        if unknown:
            raise InputError(
                f"no repair answers {', '.join(unknown)}; the codes with a repair are: "
                f"{', '.join(REPAIRS)}"
            )
        return cls(frozenset((only or set(REPAIRS)) - skip))


@dataclass(frozen=True)
class Patch:
    """The article's wikitext before and after, the edits between them, and what they mean."""

    original: str
    text: str
    edits: tuple[Edit, ...]
    changes: tuple[Change, ...]
    declined: tuple[Declined, ...]
    fixes: ProposedFixes

    @property
    def changed(self) -> bool:
        return bool(self.edits)


def propose_fixes(report: Report, text: str, options: FixOptions | None = None) -> Patch:
    """Every repair the audit's evidence allows; `text` is the wikitext `report` audited."""
    if report.article.source_form is not SourceForm.WIKITEXT:
        raise InputError(
            f"only wikitext can be patched; this article was read as "
            f"{report.article.source_form.value} (give its wikitext file or its title)"
        )
    options = options or FixOptions()
    with cyclic_gc_paused():
        return _patch(report, text, options)


def _patch(report: Report, text: str, options: FixOptions) -> Patch:
    context = RepairContext(report, text)
    accepted = _Accepted(_all_tags(context))
    declined: list[Declined] = []
    for finding in _findings_to_repair(report, options):
        outcome = REPAIRS[finding.code].propose(finding, context)
        if isinstance(outcome, Declined):
            declined.append(outcome)
        elif not accepted.add(outcome):
            why = _conflict(accepted, finding)
            declined.append(Declined(finding.code, finding.reference_id, why))
    edits = tuple(edit for proposal in accepted.proposals for edit in proposal.edits)
    changes = tuple(change for proposal in accepted.proposals for change in proposal.changes)
    patched = apply_edits(text, edits)
    fixes = ProposedFixes(
        summary=edit_summary(changes),
        references=tuple(_reference_fixes(context, accepted, changes, edits)),
    )
    return Patch(text, patched, edits, changes, tuple(declined), fixes)


def _conflict(accepted: _Accepted, finding: Finding) -> str:
    """Why a repair that overlaps an accepted one was not made."""
    for proposal in accepted.proposals:
        for change in proposal.changes:
            if change.reference_id == finding.reference_id and change.parameter == "ref":
                return "it is merged into another reference, which gets the repairs"
    return "another repair changes the same place"


def _findings_to_repair(report: Report, options: FixOptions) -> list[Finding]:
    """The findings with a repair, repair by repair, each in the order of its references."""
    rank = {reference.id: place for place, reference in enumerate(report.article.references)}
    seen: set[tuple[str, str | None]] = set()
    chosen = []
    for code in REPAIRS:
        if code not in options.codes:
            continue
        of_code = [finding for finding in report.findings if finding.code == code]
        for finding in sorted(of_code, key=lambda f: rank.get(f.reference_id or "", len(rank))):
            if (finding.code, finding.reference_id) not in seen:
                seen.add((finding.code, finding.reference_id))
                chosen.append(finding)
    return chosen


def _all_tags(context: RepairContext) -> list[RefTag]:
    tags = {tag.start: tag for tag in context.sites.definitions.values()}
    for copies in context.sites.copies.values():
        tags.update((tag.start, tag) for tag in copies)
    for named in context.sites.by_name.values():
        tags.update((tag.start, tag) for tag in named)
    return [tags[start] for start in sorted(tags)]


class _Accepted:
    """The proposals taken so far, with their edits indexed by the `<ref>` tag they fall in."""

    def __init__(self, tags: list[RefTag]) -> None:
        self.tags = {tag.start: tag for tag in tags}
        self._starts = [tag.start for tag in tags]
        self.proposals: list[Proposal] = []
        self.by_region: dict[int | None, list[Edit]] = defaultdict(list)

    def region(self, edit: Edit) -> int | None:
        """The start of the tag the edit falls in (None: outside every tag)."""
        index = bisect.bisect_right(self._starts, edit.start) - 1
        if index >= 0 and edit.end <= self.tags[self._starts[index]].end:
            return self._starts[index]
        return None

    def add(self, proposal: Proposal) -> bool:
        """Take the proposal unless one of its edits overlaps an edit already taken."""
        placed = [(self.region(edit), edit) for edit in proposal.edits]
        for region, edit in placed:
            others = (
                self.by_region[region] + self.by_region[None]
                if region is not None
                else [other for edits in self.by_region.values() for other in edits]
            )
            if any(edit.overlaps(other) for other in others):
                return False
        for region, edit in placed:
            self.by_region[region].append(edit)
        self.proposals.append(proposal)
        return True


def _reference_fixes(
    context: RepairContext,
    accepted: _Accepted,
    changes: tuple[Change, ...],
    edits: tuple[Edit, ...],
) -> list[ReferenceFix]:
    """Each changed reference, with the wikitext of every tag of it that changed."""
    owner = _tag_owners(context)
    snippets: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for region, region_edits in sorted(accepted.by_region.items(), key=lambda item: item[0] or 0):
        if region is None or region not in owner:
            continue
        tag = accepted.tags[region]
        before = context.text[tag.start : tag.end]
        shifted = [
            Edit(e.start - tag.start, e.end - tag.start, e.replacement) for e in region_edits
        ]
        snippets[owner[region]].append((before, apply_edits(before, shifted)))
    by_reference: dict[str | None, list[Change]] = defaultdict(list)
    for change in changes:
        by_reference[change.reference_id].append(change)
    return [
        ReferenceFix(
            reference.id, tuple(snippets.get(reference.id, ())), tuple(by_reference[reference.id])
        )
        for reference in context.report.article.references
        if reference.id in by_reference
    ]


def _tag_owners(context: RepairContext) -> dict[int, str]:
    """The reference each located tag belongs to, by the tag's start."""
    owner: dict[int, str] = {}
    names = {
        (reference.group, reference.name): reference.id
        for reference in context.report.article.references
        if reference.name is not None
    }
    for (group, name), tags in context.sites.by_name.items():
        if (group, name) in names:
            owner.update((tag.start, names[(group, name)]) for tag in tags)
    for reference_id, tag in context.sites.definitions.items():
        owner[tag.start] = reference_id
    for reference_id, copies in context.sites.copies.items():
        owner.update((tag.start, reference_id) for tag in copies)
    return owner
