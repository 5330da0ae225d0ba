"""A patch as the reader gets it: a unified diff with the edit summary above it, or JSON with one
record per change (`citeaudit.fix/1`, documented in docs/fix.md)."""

from __future__ import annotations

import json

from citeaudit.fix.diff import unified_diff
from citeaudit.fix.patch import Patch
from citeaudit.model import Report
from citeaudit.model.report import reference_label
from citeaudit.model.wording import plural

SCHEMA = "citeaudit.fix/1"


def base_revision(report: Report) -> str:
    """What the patch applies to: `revision 1318205510 of Rust (...) on en.wikipedia.org`."""
    revision = report.article.revision
    if revision is None or revision.revision_id is None:
        return f"{report.article.title} (read from a file)"
    where = f" on {revision.site}" if revision.site else ""
    return f"revision {revision.revision_id} of {report.article.title}{where}"


def diff_document(patch: Patch, report: Report, path: str) -> str:
    """The edit summary and what the patch applies to, then the unified diff of `path`.

    `patch` and `git apply` skip the lines before the first `---`, so the file applies as it is.
    """
    head = [
        f"citeaudit fix: {base_revision(report)}, as of {report.as_of.isoformat()}",
        f"Edit summary: {patch.fixes.summary}",
        f"{plural(len(patch.changes), 'change')}; "
        f"{plural(len(patch.declined), 'finding')} left for an editor",
    ]
    labels = {reference.id: reference_label(reference) for reference in report.article.references}
    for declined in patch.declined:
        label = labels.get(declined.reference_id or "")
        where = f"{label} " if label else ""
        head.append(f"Left for an editor: {where}{declined.code}: {declined.why}")
    body = unified_diff(patch.original, patch.edits, f"a/{path}", f"b/{path}")
    return "\n".join(head) + "\n" + ("\n" + body if body else "")


def patch_json(patch: Patch, report: Report) -> str:
    """The patch as JSON: the edit summary, every change, every finding left alone and why."""
    labels = {reference.id: reference_label(reference) for reference in report.article.references}
    revision = report.article.revision
    document = {
        "schema": SCHEMA,
        "article": report.article.title,
        "revision": revision.revision_id if revision is not None else None,
        "site": revision.site if revision is not None else None,
        "as_of": report.as_of.isoformat(),
        "tool": f"citeaudit {report.tool_version}",
        "summary": patch.fixes.summary,
        "changes": [
            {
                "reference": change.reference_id,
                "label": labels.get(change.reference_id or ""),
                "code": change.code,
                "parameter": change.parameter,
                "old": change.old,
                "new": change.new,
                "why": change.why,
            }
            for change in patch.changes
        ],
        "declined": [
            {
                "reference": declined.reference_id,
                "label": labels.get(declined.reference_id or ""),
                "code": declined.code,
                "why": declined.why,
            }
            for declined in patch.declined
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
