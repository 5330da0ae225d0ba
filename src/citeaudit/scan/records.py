"""The work of a scan on one article: its title and wikitext in, its table rows out.

`audit_wikitext` is a pure function of its arguments (no file, no global state, no network):
the same function runs in a Dask worker, in a test, or inside a Spark UDF (docs/scale.md shows
how). It parses the wikitext, runs the checks of `citeaudit audit` over the article's facts
(`citeaudit.audit.report_on`; empty facts when links are not checked, or those the scan's link
stage gathered) and cuts the same JSON report (`citeaudit.reporters.serialize.report_to_dict`)
into rows, so a scan's rows say exactly what `citeaudit audit --format json` says.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeaudit.audit import AuditOptions, report_on
from citeaudit.model import Article, Facts, Revision, SourceForm
from citeaudit.parse import parse_article
from citeaudit.reporters.serialize import report_to_dict
from citeaudit.scan.tables import report_rows

Rows = dict[str, list[dict[str, Any]]]
"""Rows by table name (`articles`, `references`, `links`, `findings`, `support`)."""


FactsOf = Callable[[Article], Facts]
"""What the web said of an article's citations (the scan's link stage answers it)."""


def audit_wikitext(
    title: str,
    wikitext: str,
    options: AuditOptions,
    revision: Revision | None = None,
    facts: FactsOf | None = None,
) -> Rows:
    """Audit one article's wikitext and return its rows, table by table.

    Without `facts`, the audit of `citeaudit audit --no-links`.
    """
    article = parse_article(wikitext, SourceForm.WIKITEXT, title=title)
    article.title = title
    article.revision = revision
    gathered = facts(article) if facts is not None else Facts()
    return report_rows(report_to_dict(report_on(article, options, gathered)))
