"""The work of a scan on one article: its title and wikitext in, its table rows out.

`audit_wikitext` is a pure function of its arguments (no file, no global state, no network
unless a link checker is handed in): the same function runs in a Dask worker, in a test, or
inside a Spark UDF (docs/scale.md shows how). It parses the wikitext, runs the same audit as
`citeaudit audit` (`citeaudit.audit.run_audit`) and cuts the same JSON report
(`citeaudit.reporters.serialize.report_to_dict`) into rows, so a scan's rows say exactly what
`citeaudit audit --format json` says of the article.
"""

from __future__ import annotations

from typing import Any

from citeaudit.audit import AuditOptions, LinkChecking, run_audit
from citeaudit.model import Revision, SourceForm
from citeaudit.parse import parse_article
from citeaudit.reporters.serialize import report_to_dict
from citeaudit.scan.tables import report_rows

Rows = dict[str, list[dict[str, Any]]]
"""Rows by table name (`articles`, `references`, `links`, `findings`, `support`)."""


def audit_wikitext(
    title: str,
    wikitext: str,
    options: AuditOptions,
    revision: Revision | None = None,
    link_checking: LinkChecking | None = None,
) -> Rows:
    """Audit one article's wikitext and return its rows, table by table."""
    article = parse_article(wikitext, SourceForm.WIKITEXT, title=title)
    article.title = title
    article.revision = revision
    return report_rows(report_to_dict(run_audit(article, options, link_checking)))
