"""What every repair reads (the audit's report, the wikitext, where each reference stands) and
what it answers: a `Proposal` of edits with the changes they make, or `Declined` with why.

A repair is one kind of edit, keyed by the finding codes it answers (`citeaudit.fix.registry`).
It is handed one finding at a time and proposes edits of that finding's reference only where
the audit holds the evidence for them; otherwise it declines and the finding stays a finding.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from functools import cached_property

from citeaudit.fix.dates import DateStyle
from citeaudit.fix.edits import Edit
from citeaudit.fix.locate import RefSites, RefTag, locate_references
from citeaudit.fix.template import BodySite, TemplateSite, read_body
from citeaudit.fix.wikitext import HouseStyle
from citeaudit.model import Change, Finding, LinkResult, Reference, Report, SourceText


@dataclass(frozen=True)
class Proposal:
    """The edits one repair would make for one finding, and the changes they amount to."""

    edits: tuple[Edit, ...]
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Declined:
    """A finding a repair answers but did not repair, and why (it stays a finding)."""

    code: str
    reference_id: str | None
    why: str


class Repair(ABC):
    """One kind of repair. `codes` are the finding codes it answers; `summary` names what it
    does in the edit summary, by how many references (`Rescuing %d sources`)."""

    codes: tuple[str, ...] = ()

    @abstractmethod
    def propose(self, finding: Finding, context: RepairContext) -> Proposal | Declined:
        """The edits that answer `finding`, or why there are none."""

    def decline(self, finding: Finding, why: str) -> Declined:
        return Declined(finding.code, finding.reference_id, why)


@dataclass
class RepairContext:
    """The audit's report and the article's wikitext, with what the repairs look up in them."""

    report: Report
    text: str
    sites: RefSites = field(init=False)
    _bodies: dict[str, BodySite | None] = field(default_factory=dict, init=False)
    new_names: set[str] = field(default_factory=set, init=False)
    """Reference names given by this patch (so that two merges never pick the same one)."""

    def __post_init__(self) -> None:
        self.sites = locate_references(self.report.article, self.text)

    @property
    def as_of(self) -> dt.date:
        return self.report.as_of

    @cached_property
    def house_style(self) -> HouseStyle:
        return HouseStyle.of(self.text)

    @cached_property
    def date_style(self) -> DateStyle:
        return DateStyle.of(self.report.article)

    @cached_property
    def _links_by_reference(self) -> dict[str, LinkResult]:
        found: dict[str, LinkResult] = {}
        for result in self.report.facts.links:
            for reference_id in result.reference_ids:
                found.setdefault(reference_id, result)
        return found

    @cached_property
    def _codes_by_reference(self) -> dict[str, set[str]]:
        codes: dict[str, set[str]] = {}
        for finding in self.report.findings:
            if finding.reference_id is not None:
                codes.setdefault(finding.reference_id, set()).add(finding.code)
        return codes

    @cached_property
    def _dead_tagged(self) -> set[str]:
        return {
            tag.reference_id
            for tag in self.report.article.maintenance_tags
            if tag.kind == "dead-link" and tag.reference_id is not None
        }

    @cached_property
    def _references(self) -> dict[str, Reference]:
        return {reference.id: reference for reference in self.report.article.references}

    def reference(self, finding: Finding) -> Reference | None:
        """The reference a finding is about."""
        return self._references.get(finding.reference_id or "")

    def link(self, reference: Reference) -> LinkResult | None:
        """The link checker's result for the reference's URL."""
        return self._links_by_reference.get(reference.id)

    def source(self, result: LinkResult) -> SourceText | None:
        """The text and metadata read from an alive page, when it was read."""
        source = self.report.facts.sources.get(result.url)
        return source if source is not None and source.problem is None else None

    def codes_of(self, reference: Reference) -> set[str]:
        """The finding codes the audit reported on a reference."""
        return self._codes_by_reference.get(reference.id, set())

    def is_tagged_dead(self, reference: Reference) -> bool:
        """Whether the reference already carries a `{{dead link}}` tag."""
        return reference.id in self._dead_tagged

    def definition(self, reference: Reference) -> RefTag | None:
        """The `<ref>` tag that defines the reference, when it could be located."""
        return self.sites.definitions.get(reference.id)

    def body(self, reference: Reference) -> BodySite | None:
        """The reference's body, parsed (once), when its definition could be located."""
        if reference.id not in self._bodies:
            tag = self.definition(reference)
            self._bodies[reference.id] = (
                read_body(self.text, tag.body_start, tag.body_end) if tag is not None else None
            )
        return self._bodies[reference.id]

    def why_body_cannot_change(self, reference: Reference) -> str | None:
        """Why the body of a reference cannot be edited safely, or None when it can.

        A named reference defined again elsewhere must stay identical to that definition, or
        Cite reports "defined multiple times with different content": its copies written
        exactly alike get the same edits, but a copy spaced differently is not guessed at.
        """
        tag = self.definition(reference)
        if tag is None:
            return "its definition is not a <ref> tag that could be located (a template makes it)"
        if reference.name is None:
            return None
        body = self.text[tag.body_start : tag.body_end].strip()
        copies = {id(copy) for copy in self.sites.copies.get(reference.id, ())}
        for other in self.sites.tags_named(tag.group, tag.name):
            if other is tag or id(other) in copies or not other.has_body(self.text):
                continue
            if self.text[other.body_start : other.body_end].strip() == body:
                return "it is defined again with the same content written differently"
        return None

    def editable_body(self, reference: Reference) -> BodySite | str:
        """The reference's body when it can be edited, else why not."""
        why_not = self.why_body_cannot_change(reference)
        body = self.body(reference)
        if why_not is not None or body is None:
            return why_not or "its body could not be read"
        return body

    def template_of(self, reference: Reference) -> TemplateSite | str:
        """The reference's citation template when it can be edited, else why not."""
        body = self.editable_body(reference)
        if isinstance(body, str):
            return body
        return body.template if body.template is not None else "it is not a citation template"

    def in_copies(self, reference: Reference, edits: tuple[Edit, ...]) -> tuple[Edit, ...]:
        """The edits of a reference's definition, repeated in its identical later definitions."""
        tag = self.definition(reference)
        copies = self.sites.copies.get(reference.id, [])
        if tag is None or not copies:
            return edits
        repeated = list(edits)
        for copy in copies:
            shift = copy.start - tag.start
            repeated += [
                Edit(edit.start + shift, edit.end + shift, edit.replacement)
                for edit in edits
                if tag.start <= edit.start and edit.end <= tag.end
            ]
        return tuple(repeated)
