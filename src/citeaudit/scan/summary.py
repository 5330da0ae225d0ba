"""`summary.md` and `scan.json`: the whole dump at a glance, counted from the tables.

The tables are read a batch at a time and only the columns a count needs, so that summing a
whole wiki holds counters, not rows: findings by code and severity, the worst articles (a
bounded heap), citations and dead links by host, web citations with an archive copy, link
verdicts and problems by kind. Untrusted text (titles, hosts, reasons) goes through
`citeaudit.reporters.escape`, as in the single report; the charts are Mermaid pies, as there.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citeaudit import __version__
from citeaudit.model import LinkVerdict, Severity
from citeaudit.reporters import escape
from citeaudit.reporters.markdown import markdown_table
from citeaudit.scan.links import LinkStageOutcome
from citeaudit.scan.plan import DumpKind, ScanConfig, ScanPlan
from citeaudit.scan.store import table_batches, write_json
from citeaudit.scan.tables import TABLE_NAMES
from citeaudit.web.urls import host_of, normalise_url

SUMMARY_FILE = "summary.md"
SCAN_FILE = "scan.json"
SCAN_FORMAT = "citeaudit.scan/1"
WORST_ARTICLES = 20
TOP_HOSTS = 15
LISTED_PROBLEMS = 20
DEAD_VERDICTS = (LinkVerdict.DEAD.value, LinkVerdict.SOFT_404.value)
_COUNTED = ("pages", "articles", "redirects", "other_namespaces", "not_wikitext", "not_selected")
"""The counts of pages each partition's `done` record keeps (problems are counted in their table:
titles of `--titles` that the dump lacks belong to no partition)."""
_SEVERITIES = tuple(severity.value for severity in reversed(Severity))


@dataclass
class Totals:
    """The counts of a scan, from its `done` records and its tables."""

    pages: Counter[str] = field(default_factory=Counter)
    references: int = 0
    cited_urls: int = 0
    web_citations: int = 0
    archived_web_citations: int = 0
    citations_by_host: Counter[str] = field(default_factory=Counter)
    findings_by_code: dict[str, Counter[str]] = field(default_factory=dict)
    articles_by_code: Counter[str] = field(default_factory=Counter)
    findings_by_family: dict[str, Counter[str]] = field(default_factory=dict)
    findings_by_severity: Counter[str] = field(default_factory=Counter)
    worst: list[tuple[int, int, int, str]] = field(default_factory=list)
    links_by_verdict: Counter[str] = field(default_factory=Counter)
    dead_by_host: Counter[str] = field(default_factory=Counter)
    problems_by_kind: Counter[str] = field(default_factory=Counter)
    problems: list[tuple[str, str, str]] = field(default_factory=list)
    peak_memory: int = 0
    worker_seconds: float = 0.0


def count(out_dir: Path, done: dict[int, dict[str, Any]]) -> Totals:
    """Sum the `done` records and the tables of `out_dir`."""
    totals = Totals()
    for record in done.values():
        totals.pages.update({name: record[name] for name in _COUNTED})
        totals.peak_memory = max(totals.peak_memory, record["peak_memory"])
        totals.worker_seconds += record["seconds"]
    _count_articles(out_dir, totals)
    _count_references(out_dir, totals)
    _count_findings(out_dir, totals)
    _count_links(out_dir, totals)
    _count_problems(out_dir, totals)
    return totals


def _rows(out_dir: Path, table: str, columns: list[str]) -> Iterable[dict[str, Any]]:
    for batch in table_batches(out_dir, table, columns):
        yield from batch.to_pylist()


def _count_articles(out_dir: Path, totals: Totals) -> None:
    def counted() -> Iterable[tuple[int, int, int, str]]:
        columns = ["article", "summary_findings_by_severity", "summary_findings_by_code"]
        for row in _rows(out_dir, "articles", columns):
            totals.articles_by_code.update(code for code, _ in row["summary_findings_by_code"])
            severities = dict(row["summary_findings_by_severity"])
            counts = tuple(severities.get(s, 0) for s in _SEVERITIES)
            if any(counts):
                yield (*counts, row["article"])

    # `nsmallest` keeps a heap of WORST_ARTICLES entries, however many articles there are.
    totals.worst = heapq.nsmallest(
        WORST_ARTICLES, counted(), key=lambda entry: (-entry[0], -entry[1], -entry[2], entry[3])
    )


def _count_references(out_dir: Path, totals: Totals) -> None:
    for row in _rows(out_dir, "references", ["url", "archive_url"]):
        totals.references += 1
        url = row["url"]
        if not url:
            continue
        totals.cited_urls += 1
        host = _host(url)
        totals.citations_by_host[host] += 1
        if host:
            totals.web_citations += 1
            totals.archived_web_citations += bool(row["archive_url"])


def _host(url: str) -> str:
    return host_of(normalise_url(url).url or url) or ""


def _count_findings(out_dir: Path, totals: Totals) -> None:
    for row in _rows(out_dir, "findings", ["code", "family", "severity"]):
        totals.findings_by_code.setdefault(row["code"], Counter())[row["severity"]] += 1
        totals.findings_by_family.setdefault(row["family"], Counter())[row["severity"]] += 1
        totals.findings_by_severity[row["severity"]] += 1


def _count_links(out_dir: Path, totals: Totals) -> None:
    for row in _rows(out_dir, "links", ["url", "verdict"]):
        totals.links_by_verdict[row["verdict"]] += 1
        if row["verdict"] in DEAD_VERDICTS:
            totals.dead_by_host[_host(row["url"])] += 1


def _count_problems(out_dir: Path, totals: Totals) -> None:
    for row in _rows(out_dir, "problems", ["article", "kind", "reason"]):
        totals.problems_by_kind[row["kind"]] += 1
        if len(totals.problems) < LISTED_PROBLEMS:
            totals.problems.append((row["article"] or "", row["kind"], row["reason"]))


# --- scan.json -------------------------------------------------------------------------------


def write_outputs(
    config: ScanConfig,
    plan: ScanPlan,
    done: dict[int, dict[str, Any]],
    links: LinkStageOutcome | None,
    complete: bool,
    seconds: float,
) -> None:
    """Write `scan.json` (always) and `summary.md` (when the scan is complete)."""
    totals = count(config.out_dir, done)
    record = scan_record(plan, done, totals, links, complete, seconds)
    write_json(config.out_dir / SCAN_FILE, record)
    if complete:
        text = render_summary(plan, totals, links)
        path = config.out_dir / SUMMARY_FILE
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)


def scan_record(
    plan: ScanPlan,
    done: dict[int, dict[str, Any]],
    totals: Totals,
    links: LinkStageOutcome | None,
    complete: bool,
    seconds: float,
) -> dict[str, Any]:
    """What `scan.json` holds: the run's parameters, the dump, and the counts."""
    partitions = len(plan.partitions) if plan.kind is DumpKind.MULTISTREAM else None
    return {
        "format": SCAN_FORMAT,
        "status": "complete" if complete else "interrupted",
        "tool": {"name": "citeaudit", "version": __version__},
        "dump": {
            "file": plan.dump.name,
            "path": str(plan.dump),
            "bytes": plan.size,
            "kind": plan.kind.value,
            "index": str(plan.index) if plan.index else None,
            "wiki": plan.name.dbname or plan.site.dbname,
            "date": plan.name.date.isoformat() if plan.name.date else None,
            "sitename": plan.site.sitename,
            "site": plan.site.host,
            "generator": plan.site.generator,
        },
        "parameters": plan.parameters,
        "partitions": {
            "total": partitions,
            "finished": len(done),
            "pages_per_partition": plan.partition_pages,
        },
        "counts": {
            **{name: totals.pages[name] for name in _COUNTED},
            "problems": sum(totals.problems_by_kind.values()),
            "references": totals.references,
            "cited_urls": totals.cited_urls,
            "cited_hosts": len(totals.citations_by_host),
            "web_citations_with_archive": totals.archived_web_citations,
            "findings": sum(totals.findings_by_severity.values()),
            "findings_by_severity": {s: totals.findings_by_severity[s] for s in _SEVERITIES},
            "links_by_verdict": dict(sorted(totals.links_by_verdict.items())),
        },
        "links": _links_record(links),
        "titles_not_found": len(plan.titles_not_found),
        "this_run": {
            "seconds": seconds,
            "worker_seconds": round(totals.worker_seconds, 3),
            "peak_worker_memory": totals.peak_memory,
        },
        "tables": list(TABLE_NAMES),
    }


def _links_record(links: LinkStageOutcome | None) -> dict[str, Any] | None:
    if links is None:
        return None
    return {
        "distinct_urls": links.urls,
        "hosts": links.hosts,
        "tasks": links.tasks,
        "checked": links.checked,
        "reused_from_history": links.reused,
        "by_verdict": dict(sorted(links.verdicts.items())),
        "snapshots_found": links.snapshots_found,
        "network_down": links.network_down,
        "network_problem": links.network_problem,
        "largest_hosts": [{"host": host, "urls": urls} for host, urls in links.largest_hosts],
    }


# --- summary.md ------------------------------------------------------------------------------


def render_summary(plan: ScanPlan, totals: Totals, links: LinkStageOutcome | None) -> str:
    """The Markdown summary of a whole scan."""
    sections = [
        _header(plan),
        _pages(totals),
        _references(totals),
        _findings(totals),
        _worst(totals),
        _hosts(plan, totals, links),
        _problems(totals),
    ]
    return "\n\n".join(section for section in sections if section) + "\n"


def _header(plan: ScanPlan) -> str:
    wiki = plan.name.dbname or plan.site.dbname or plan.dump.name
    date = f", dump of {plan.name.date.isoformat()}" if plan.name.date else ""
    links = plan.parameters.get("links")
    facts = [
        ("Dump", f"{escape.code(plan.dump.name)} ({plan.kind.value})"),
        (
            "Wiki",
            escape.text(
                " ".join(filter(None, [plan.site.sitename, _bracketed(plan.site.host)]))
                or "unknown"
            ),
        ),
        ("As of", escape.text(plan.parameters["as_of"])),
        ("Links", "checked" if links else "not checked (`--no-links`)"),
        ("Tool", escape.text(f"citeaudit {__version__}")),
    ]
    lines = "\n".join(f"- **{name}:** {value}" for name, value in facts)
    return f"# Scan of {escape.text(wiki)}{date}\n\n{lines}"


def _bracketed(value: str | None) -> str | None:
    return f"({value})" if value else None


def _pages(totals: Totals) -> str:
    pages = totals.pages
    rows = [
        ("read", pages["pages"]),
        ("audited (articles)", pages["articles"]),
        ("redirects, skipped", pages["redirects"]),
        ("other namespaces, skipped", pages["other_namespaces"]),
        ("not wikitext, skipped", pages["not_wikitext"]),
        ("not among `--titles`, skipped", pages["not_selected"]),
        ("problems (see below)", sum(totals.problems_by_kind.values())),
    ]
    table = markdown_table(
        ("Pages", "count"),
        [(name, _number(value)) for name, value in rows if value or name == "read"],
        ("", "r"),
    )
    return f"## Pages\n\n{table}"


def _references(totals: Totals) -> str:
    articles = totals.pages["articles"]
    per_article = f" ({totals.references / articles:.1f} per article)" if articles else ""
    share = (
        f"{totals.archived_web_citations / totals.web_citations:.1%}"
        if totals.web_citations
        else "–"
    )
    return (
        "## References\n\n"
        f"{_counted(totals.references, 'reference')}{per_article}; "
        f"{_number(totals.cited_urls)} cite a URL, on "
        f"{_counted(len(totals.citations_by_host), 'host')}. Of the "
        f"{_counted(totals.web_citations, 'web citation')}, "
        f"{_number(totals.archived_web_citations)} ({share}) give an archive copy."
    )


def _findings(totals: Totals) -> str:
    total = sum(totals.findings_by_severity.values())
    if not total:
        return "## Findings\n\nNo findings."
    severity_rows = [(s, _number(totals.findings_by_severity[s])) for s in _SEVERITIES]
    family_rows = [
        (escape.text(family), *(_number(counts[s]) for s in _SEVERITIES))
        for family, counts in sorted(totals.findings_by_family.items())
    ]
    code_rows = [
        (
            escape.code(code, in_table=True),
            *(_number(counts[s]) for s in _SEVERITIES),
            _number(totals.articles_by_code[code]),
        )
        for code, counts in sorted(
            totals.findings_by_code.items(), key=lambda item: (-sum(item[1].values()), item[0])
        )
    ]
    return "\n".join(
        [
            f"## Findings\n\n{_counted(total, 'finding')}.",
            "",
            markdown_table(("Severity", "findings"), severity_rows, ("", "r")),
            "",
            _pie(
                "Findings by severity", [(s, totals.findings_by_severity[s]) for s in _SEVERITIES]
            ),
            "",
            markdown_table(("Family", *_SEVERITIES), family_rows, ("", "r", "r", "r")),
            "",
            _pie(
                "Findings by family",
                [
                    (family, sum(counts.values()))
                    for family, counts in sorted(totals.findings_by_family.items())
                ],
            ),
            "",
            "### By code",
            "",
            markdown_table(("Code", *_SEVERITIES, "articles"), code_rows, ("", "r", "r", "r", "r")),
        ]
    )


def _worst(totals: Totals) -> str:
    if not totals.worst:
        return ""
    rows = [
        (escape.text(title), *(_number(count) for count in counts))
        for *counts, title in totals.worst
    ]
    return f"## The {_counted(len(rows), 'article')} with the most findings\n\n" + markdown_table(
        ("Article", *_SEVERITIES), rows, ("", "r", "r", "r")
    )


def _hosts(plan: ScanPlan, totals: Totals, links: LinkStageOutcome | None) -> str:
    cited = [
        (escape.text(host or "(no host)"), _number(count))
        for host, count in totals.citations_by_host.most_common(TOP_HOSTS)
    ]
    parts = [
        "## Hosts",
        "",
        f"The {_counted(len(cited), 'host')} cited most:" if len(cited) > 1 else "The host cited:",
        "",
        markdown_table(("Host", "citations"), cited, ("", "r")),
    ]
    if links is None:
        parts += ["", "Links were not checked (`--no-links`): no verdicts, no dead links."]
        return "\n".join(parts)
    parts += [
        "",
        f"The link stage checked {_counted(links.urls, 'distinct URL')} on "
        f"{_counted(links.hosts, 'host')} in {_counted(links.tasks, 'task')}: "
        f"{_number(links.checked)} fetched, "
        f"{_number(links.reused)} reused from the link history.",
    ]
    if links.network_problem is not None:
        parts += ["", _network_down(links)]
    verdicts = [(verdict.value, totals.links_by_verdict[verdict.value]) for verdict in LinkVerdict]
    dead = [
        (escape.text(host or "(no host)"), _number(count))
        for host, count in totals.dead_by_host.most_common(TOP_HOSTS)
    ]
    parts += [
        "",
        "### Link verdicts",
        "",
        markdown_table(
            ("Verdict", "links"), [(v, _number(n)) for v, n in verdicts if n], ("", "r")
        ),
        "",
        _pie("Link verdicts", [(v, n) for v, n in verdicts if n]),
        "",
        "### Hosts with the most dead links",
        "",
        markdown_table(("Host", "dead or soft-404 links"), dead, ("", "r"))
        if dead
        else "No dead links.",
    ]
    return "\n".join(parts)


def _network_down(links: LinkStageOutcome) -> str:
    """What the summary says, once, when the checker's own network was down."""
    return (
        f"**The network was down** while links were checked "
        f"({escape.text(links.network_problem or '')}): "
        f"{_counted(links.network_down, 'link')} could not be judged and "
        f"{'is' if links.network_down == 1 else 'are'} `unreachable`, not dead, and nothing "
        "about them was kept in the link history. Scan again (into another OUT_DIR) once the "
        "network works."
    )


def _problems(totals: Totals) -> str:
    if not totals.problems_by_kind:
        return "## Problems\n\nNone: every page was read."
    kinds = [
        (escape.code(kind, in_table=True), _number(n))
        for kind, n in sorted(totals.problems_by_kind.items())
    ]
    listed = [
        (escape.text(title) or "–", escape.code(kind, in_table=True), escape.text(reason))
        for title, kind, reason in totals.problems
    ]
    more = sum(totals.problems_by_kind.values()) - len(listed)
    return "\n".join(
        [
            "## Problems",
            "",
            "Pages that could not be audited; the `problems` table lists every one.",
            "",
            markdown_table(("Problem", "count"), kinds, ("", "r")),
            "",
            markdown_table(("Page", "problem", "reason"), listed),
        ]
        + ([f"\n… and {_number(more)} more in the `problems` table."] if more > 0 else [])
    )


def _pie(title: str, slices: Iterable[tuple[str, int]]) -> str:
    lines = ["```mermaid", "pie showData", f"    title {title}"]
    lines += [f'    "{name}" : {count}' for name, count in slices if count]
    lines.append("```")
    return "\n".join(lines)


def _number(value: int) -> str:
    return f"{value:,}"


def _counted(value: int, noun: str) -> str:
    return f"{value:,} {noun}{'' if value == 1 else 's'}"
