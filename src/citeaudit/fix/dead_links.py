"""Dead links: rescued with the archived copy the audit found, or tagged `{{Dead link}}`.

As InternetArchiveBot does it (https://meta.wikimedia.org/wiki/InternetArchiveBot, read
2026-11-28), and only on the audit's evidence:
- a dead or soft-404 link with a Wayback Machine capture that answered 200: a CS1/CS2 template
  gets `|archive-url=`, `|archive-date=` (in the article's date format) and `|url-status=dead`
  (after its access-date, else its URL); a citation that already gives an archive copy only
  gets `|url-status=dead`; a bare link or any other citation gets `{{Webarchive |url= |date=}}`
  after it;
- a dead link the archive was asked about and holds no capture of:
  `{{Dead link|date=Month YYYY|fix-attempted=yes}}` after the citation, unless it is tagged
  already. When the archive could not be asked, nothing is tagged: that a copy is missing is
  not known.
A blocked or unreachable link is never a finding these repairs answer. The capture must not
predate the cited document's own date: a copy of the page from before the article appeared is a
copy of something else.

`|url-status=dead` on a link that is alive (`link-alive-marked-dead`) becomes `live`.
"""

from __future__ import annotations

import datetime as dt

from citeaudit.checks.links.advice import ALREADY_MARKED_DEAD
from citeaudit.checks.links.link_status import is_confirmed_gone
from citeaudit.fix.context import Declined, Proposal, Repair, RepairContext
from citeaudit.fix.dates import write_day
from citeaudit.fix.edits import Edit
from citeaudit.fix.template import BodySite, TemplateSite
from citeaudit.fix.wikitext import url_value
from citeaudit.model import (
    ArchiveOutcome,
    ArchiveSnapshot,
    Change,
    Finding,
    LinkResult,
    LinkVerdict,
    Reference,
)
from citeaudit.model.calendar import month_year
from citeaudit.parse.cite_templates import (
    ACCESS_DATE_PARAMS,
    ARCHIVE_DATE_PARAMS,
    ARCHIVE_URL_PARAMS,
    URL_PARAMS,
    URL_STATUS_PARAMS,
)
from citeaudit.parse.dates import parse_cs1_date
from citeaudit.web.wayback import timestamp_date


class DeadLinkRepair(Repair):
    codes = ("link-dead", "link-soft-404")

    def propose(self, finding: Finding, context: RepairContext) -> Proposal | Declined:
        reference = context.reference(finding)
        result = context.link(reference) if reference is not None else None
        if reference is None or result is None or not result.verdict.is_gone:
            return self.decline(finding, "the audit holds no dead link for it")
        if not is_confirmed_gone(result, context.report.dead_after_days):
            # As InternetArchiveBot does: a link is repaired as dead only once its failures
            # are confirmed over time (a server may be down for a day).
            return self.decline(finding, "not yet confirmed dead: rerun the audit later")
        body = context.editable_body(reference)
        if isinstance(body, str):
            return self.decline(finding, body)
        evidence = f"the link is {result.verdict.value} ({result.reason})"
        if body.template is not None and body.template.filled(*ARCHIVE_URL_PARAMS) is not None:
            return _mark_dead(finding, reference, body.template, evidence, context)
        snapshot = result.archive
        if snapshot is not None and snapshot.status == "200":
            problem = _snapshot_problem(reference, snapshot, context)
            if problem is not None:
                return self.decline(finding, problem)
            return _rescue(finding, reference, result, snapshot, body, context)
        return _tag_dead(finding, reference, result, body, context)


def _snapshot_problem(
    reference: Reference, snapshot: ArchiveSnapshot, context: RepairContext
) -> str | None:
    captured = timestamp_date(snapshot.timestamp)
    if captured is None:
        return f"the capture's timestamp {snapshot.timestamp} is not a date"
    published = parse_cs1_date(reference.date, today=context.as_of) if reference.date else None
    if published is not None and published.valid and published.earliest is not None:
        if captured < published.earliest:
            return (
                f"the only capture ({captured.isoformat()}) is older than the document "
                f"({reference.date}): it is a copy of something else"
            )
    return None


def _rescue(
    finding: Finding,
    reference: Reference,
    result: LinkResult,
    snapshot: ArchiveSnapshot,
    body: BodySite,
    context: RepairContext,
) -> Proposal | Declined:
    captured = timestamp_date(snapshot.timestamp)
    assert captured is not None
    evidence = (
        f"the link is {result.verdict.value} ({result.reason}); the Wayback Machine holds a "
        f"capture of {captured.isoformat()} that answered 200"
    )
    template = body.template
    if template is None:
        archive_date = write_day(captured, context.date_style.for_parameter("archive-date"))
        tag = context.house_style.template(
            "Webarchive", [("url", url_value(snapshot.url)), ("date", archive_date)]
        )
        position = body.content_end
        edits = (Edit(position, position, " " + tag),)
        change = Change(finding.code, reference.id, "{{Webarchive}}", None, tag, evidence)
        return Proposal(context.in_copies(reference, edits), (change,))
    return _add_archive(finding, reference, template, snapshot, captured, evidence, context)


def _add_archive(
    finding: Finding,
    reference: Reference,
    template: TemplateSite,
    snapshot: ArchiveSnapshot,
    captured: dt.date,
    evidence: str,
    context: RepairContext,
) -> Proposal | Declined:
    archive_url = url_value(snapshot.url)
    archive_date = write_day(captured, context.date_style.for_parameter("archive-date"))
    wanted: list[tuple[tuple[str, ...], str, str]] = [
        (ARCHIVE_URL_PARAMS, "archive-url", archive_url),
        (ARCHIVE_DATE_PARAMS, "archive-date", archive_date),
    ]
    status = template.parameter(*URL_STATUS_PARAMS)
    if status is None or status.value.lower() not in ALREADY_MARKED_DEAD:
        wanted.append((URL_STATUS_PARAMS, "url-status", "dead"))
    edits: list[Edit] = []
    changes: list[Change] = []
    added: list[tuple[str, str]] = []
    for aliases, name, value in wanted:
        present = template.parameter(*aliases)
        if present is not None and present.value and name != "url-status":
            return Declined(
                finding.code, reference.id, f"it already gives |{present.name}={present.value}"
            )
        if present is not None:
            if not present.plain:
                return Declined(
                    finding.code, reference.id, f"its |{present.name}= holds markup to keep"
                )
            edits.append(template.set_value(present, value))
            changes.append(
                Change(
                    finding.code, reference.id, present.name, present.value or None, value, evidence
                )
            )
        else:
            added.append((name, value))
            changes.append(Change(finding.code, reference.id, name, None, value, evidence))
    if added:
        anchor = template.filled(*ACCESS_DATE_PARAMS) or template.filled(*URL_PARAMS)
        edits.append(template.add_after(anchor, added))
    return Proposal(context.in_copies(reference, tuple(edits)), tuple(changes))


def _mark_dead(
    finding: Finding,
    reference: Reference,
    template: TemplateSite,
    evidence: str,
    context: RepairContext,
) -> Proposal | Declined:
    archive_url = template.filled(*ARCHIVE_URL_PARAMS)
    assert archive_url is not None
    checked = context.report.facts.archive_urls.get(archive_url.value)
    if checked is None or checked.verdict is not LinkVerdict.ALIVE:
        return Declined(
            finding.code,
            reference.id,
            "it gives an archive copy the audit did not find answering; check it before "
            "sending readers to it",
        )
    evidence += "; the citation's own archive copy answers"
    status = template.parameter(*URL_STATUS_PARAMS)
    if status is not None and status.value.lower() in ALREADY_MARKED_DEAD:
        return Declined(finding.code, reference.id, "it already sends readers to its archive copy")
    if status is not None:
        if not status.plain:
            return Declined(finding.code, reference.id, "its |url-status= holds markup to keep")
        edit = template.set_value(status, "dead")
        change = Change(
            finding.code, reference.id, status.name, status.value or None, "dead", evidence
        )
    else:
        anchor = template.filled(*ARCHIVE_DATE_PARAMS) or archive_url
        edit = template.add_after(anchor, [("url-status", "dead")])
        change = Change(finding.code, reference.id, "url-status", None, "dead", evidence)
    return Proposal(context.in_copies(reference, (edit,)), (change,))


def _tag_dead(
    finding: Finding,
    reference: Reference,
    result: LinkResult,
    body: BodySite,
    context: RepairContext,
) -> Proposal | Declined:
    if context.is_tagged_dead(reference):
        return Declined(finding.code, reference.id, "it is already tagged {{dead link}}")
    lookup = context.report.facts.archive_lookups.get(result.url)
    if lookup is None or lookup.outcome is not ArchiveOutcome.NOT_ARCHIVED:
        why = lookup.reason if lookup is not None else "no archive look-up was made"
        return Declined(
            finding.code,
            reference.id,
            f"whether the Wayback Machine holds a copy is not known ({why}); run again later",
        )
    tag = f"{{{{Dead link|date={month_year(context.as_of)}|fix-attempted=yes}}}}"
    if body.template is not None:
        position, text = body.template.end, tag
    else:
        position, text = body.content_end, " " + tag
    evidence = (
        f"the link is {result.verdict.value} ({result.reason}); the Wayback Machine was asked "
        f"and holds no capture ({lookup.reason})"
    )
    edits = (Edit(position, position, text),)
    change = Change(finding.code, reference.id, "{{Dead link}}", None, tag, evidence)
    return Proposal(context.in_copies(reference, edits), (change,))


class LiveStatusRepair(Repair):
    codes = ("link-alive-marked-dead",)

    def propose(self, finding: Finding, context: RepairContext) -> Proposal | Declined:
        reference = context.reference(finding)
        result = context.link(reference) if reference is not None else None
        if reference is None or result is None or result.verdict is not LinkVerdict.ALIVE:
            return self.decline(finding, "the audit holds no alive link for it")
        template = context.template_of(reference)
        if isinstance(template, str):
            return self.decline(finding, template)
        status = template.filled(*URL_STATUS_PARAMS)
        if status is None or status.value.lower() != "dead":
            return self.decline(finding, "it does not say |url-status=dead (a legacy |dead-url=?)")
        if not status.plain:
            return self.decline(finding, "its |url-status= holds markup to keep")
        evidence = f"the page answers ({result.reason}); the archive copy stays linked"
        edit = template.set_value(status, "live")
        change = Change(finding.code, reference.id, status.name, status.value, "live", evidence)
        return Proposal(context.in_copies(reference, (edit,)), (change,))
