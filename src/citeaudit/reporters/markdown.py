"""The Markdown report: what an editor works from, top to bottom.

Order: a header (what was audited, when, how); a summary (counts, a pie chart of link
verdicts); "Fix first" (the errors, then the warnings, each tier grouped so that each group is
one kind of edit, at most `FIX_FIRST_LIMIT` items, the rest counted); the fixes `citeaudit fix`
would make, with the diff of each reference (wikitext only, when there are any); every finding
by section; every reference in one table; and last, what could not be checked and why.

Each finding is written in full once: in "Fix first" when it is there (its row by section then
points back to it), else in its section's table, where long cells are cut (`CELL_LIMIT`; the
JSON report keeps every text whole).
Every piece of untrusted text goes through `citeaudit.reporters.escape`, and everything is
sorted, so that an offline run with a fixed `--as-of` always gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from citeaudit.checks.links.advice import no_snapshot_reason
from citeaudit.model import (
    Article,
    Finding,
    FindingFamily,
    LinkResult,
    LinkVerdict,
    Reference,
    Report,
    Severity,
    SourceForm,
    SupportRecord,
    SupportVerdict,
)
from citeaudit.model.report import Summary, reference_label, sorted_links, summarise
from citeaudit.model.wording import plural as _plural
from citeaudit.reporters import escape
from citeaudit.reporters.base import Reporter
from citeaudit.web.mediawiki import index_url, page_url
from citeaudit.web.wayback import wayback_date

_FORM_NAMES = {
    SourceForm.WIKITEXT: "wikitext",
    SourceForm.HTML: "Wikipedia HTML",
    SourceForm.TEXT: "rendered text (copied off the page; it carries no URLs)",
}
_VERDICT_MEANINGS = {
    LinkVerdict.ALIVE: "the page is there",
    LinkVerdict.DEAD: "the page is gone",
    LinkVerdict.SOFT_404: "answers, but the page is gone",
    LinkVerdict.BLOCKED: "the site refused the checker; proves nothing",
    LinkVerdict.UNREACHABLE: "no answer this time",
    LinkVerdict.INVALID: "not a checkable URL",
    LinkVerdict.SKIPPED: "not checked, by policy",
}
_SUPPORT_WORDS = {
    "supported": "supported",
    "partial": "partly supported",
    "contradicted": "contradicted by the cited page",
    "not-found": "not found in the cited page",
    "unverifiable": "could not be checked",
}


class MarkdownReporter(Reporter):
    format_id = "markdown"
    extension = ".md"
    other_extensions = (".markdown",)

    def render(self, report: Report) -> str:
        summary = summarise(report)
        parts = [
            _header(report),
            _summary(report, summary),
            _fix_first(report),
            _proposed_fixes(report),
            _by_section(report),
            _by_reference(report),
            _not_checked(report, summary),
        ]
        return "\n\n".join(part.rstrip("\n") for part in parts if part) + "\n"


# --- header and summary ----------------------------------------------------------------------


def _header(report: Report) -> str:
    article = report.article
    revision = article.revision
    site = revision.site if revision and revision.site else None
    title = escape.text(article.title) or "(untitled)"
    if site and article.title:
        title_cell = escape.link(article.title, page_url(site, article.title))
    else:
        title_cell = title
    if revision and revision.revision_id:
        permalink = index_url(site, oldid=revision.revision_id) if site else None
        revision_cell = escape.link(str(revision.revision_id), permalink)
        if revision.timestamp:
            revision_cell += f" of {escape.text(revision.timestamp)}"
        if site:
            revision_cell += f" on {escape.text(site)}"
    elif revision and revision.note:
        revision_cell = f"none: {escape.text(revision.note)}"
    else:
        revision_cell = "not known (read from a file)"
    if not any(reference.url for reference in article.references):
        links_cell = "none to check: no reference gives a URL"
    elif not report.links_checked:
        links_cell = "not checked (`--no-links`)"
    elif report.offline and report.simulated_web:
        links_cell = (
            "checked offline, replayed from a fixture whose answers are all marked **simulated**: "
            "the link verdicts and claim support below describe the simulation, not the live sites"
        )
    elif report.offline:
        links_cell = "checked offline, replayed from a recorded fixture"
    else:
        links_cell = "checked live"
    rows = [
        ("Article", title_cell),
        ("Revision", revision_cell),
        ("As of", escape.text(report.as_of.isoformat())),
        ("Read from", _FORM_NAMES[article.source_form]),
        ("Links", links_cell),
        ("Tool", escape.text(f"citeaudit {report.tool_version}")),
    ]
    facts = "\n".join(f"- **{name}:** {value}" for name, value in rows)
    incomplete = report.facts.incomplete
    warning = (
        f"\n\n> **Incomplete report:** {escape.text(incomplete)}. What follows is what was"
        " finished; run the audit again for the rest."
        if incomplete
        else ""
    )
    return f"# Citation audit: {title}\n\n{facts}{warning}"


def _summary(report: Report, summary: Summary) -> str:
    lines = ["## Summary", ""]
    uses = _plural(summary.uses, "time")
    with_url = summary.references - summary.references_without_url
    lines.append(
        f"{_plural(summary.references, 'reference')}, used {uses}; "
        f"{with_url} cite a URL ({summary.urls} distinct), "
        f"{summary.references_without_url} cite none."
    )
    if report.links:
        rows = [
            (
                verdict.value,
                _VERDICT_MEANINGS[verdict],
                str(summary.links_by_verdict[verdict.value]),
            )
            for verdict in LinkVerdict
            if summary.links_by_verdict[verdict.value]
        ]
        lines += [
            "",
            markdown_table(("Link verdict", "Meaning", "Links"), rows, align=("", "", "r")),
        ]
        lines += ["", "```mermaid", "pie showData", "    title Link verdicts"]
        lines += [f'    "{verdict}" : {count}' for verdict, _, count in rows]
        lines.append("```")
    if report.support_checked:
        lines += ["", _support_line(summary)]
    lines.append("")
    if not report.findings:
        lines.append("No findings.")
        return "\n".join(lines)
    severities = [severity.value for severity in reversed(Severity)]
    family_rows: list[tuple[str, ...]] = [
        (escape.text(family), *(str(counts[s]) for s in severities))
        for family, counts in summary.findings_by_family.items()
    ]
    totals = ("**all**", *(f"**{summary.findings_by_severity[s]}**" for s in severities))
    family_rows.append(totals)
    lines.append(markdown_table(("Findings", *severities), family_rows, align=("", "r", "r", "r")))
    return "\n".join(lines)


def _support_line(summary: Summary) -> str:
    counts = summary.support_by_verdict
    total = sum(counts.values())
    if not total:
        return "Claim support: no sentence cites a source."
    said = ", ".join(
        f"{count} {_SUPPORT_WORDS[verdict]}" for verdict, count in counts.items() if count
    )
    return (
        f"Claim support (does the cited page say what the sentence says?): "
        f"{_plural(total, 'cited sentence')}: {said}."
    )


# --- fix first -------------------------------------------------------------------------------


_FAMILY_ORDER = {
    FindingFamily.LINKS: 0,
    FindingFamily.SUPPORT: 1,
    FindingFamily.DATES: 2,
    FindingFamily.INTEGRITY: 3,
}
_GROUP_TITLES = {
    FindingFamily.LINKS: "Dead and broken links",
    FindingFamily.SUPPORT: "Unsupported claims",
    FindingFamily.DATES: "Dates and archive copies",
    FindingFamily.INTEGRITY: "Reference problems",
}
_SAME_CODE_LIMIT = 3
"""More findings of one code than this are shown as one item listing the citations (unless
they quote sentences: each claim to support is listed on its own)."""
FIX_FIRST_LIMIT = 30
"""Items in "Fix first" at most (a group of one code is one item); the rest are counted, and
written in full by section."""
CELL_LIMIT = 300
"""Characters of a finding's details in a table cell at most; the JSON report has them all."""
_TIERS = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings"}


def _group_of(finding: Finding) -> tuple[int, str]:
    return _FAMILY_ORDER[finding.family], _GROUP_TITLES[finding.family]


def _fix_first_items(report: Report) -> list[tuple[Severity, str, list[Finding]]]:
    """The items of "Fix first" in order, each with its tier and group: errors, then warnings
    (the notes, and findings known from the baseline, stay in the tables below)."""
    groups: dict[tuple[int, int, str], list[Finding]] = {}
    for finding in report.findings:
        if finding.severity in _TIERS and not finding.in_baseline:
            rank, heading = _group_of(finding)
            groups.setdefault((-finding.severity.rank, rank, heading), []).append(finding)
    items: list[tuple[Severity, str, list[Finding]]] = []
    for (_, _, heading), findings in sorted(groups.items()):
        by_code: dict[str, list[Finding]] = {}
        for finding in findings:
            by_code.setdefault(finding.code, []).append(finding)
        for same_code in by_code.values():
            severity = same_code[0].severity
            if len(same_code) > _SAME_CODE_LIMIT and not any(f.sentence for f in same_code):
                items.append((severity, heading, same_code))
            else:
                items += [(severity, heading, [finding]) for finding in same_code]
    return items


def _shown_in_fix_first(report: Report) -> set[Finding]:
    """The findings "Fix first" writes (in full, or as one of a group of one code)."""
    items = _fix_first_items(report)[:FIX_FIRST_LIMIT]
    return {finding for _, _, findings in items for finding in findings}


def _fix_first(report: Report) -> str:
    """Errors, then warnings, grouped by the kind of edit; capped, with the rest counted."""
    items = _fix_first_items(report)
    lines = ["## Fix first", ""]
    known = sum(1 for f in report.findings if f.in_baseline and f.severity in _TIERS)
    baseline = (
        f"{_plural(known, 'error or warning', 'errors and warnings')} known from the baseline "
        "(`--baseline`) are not repeated here; they are listed by section below."
        if known
        else ""
    )
    if not items:
        lines.append("No errors and no warnings; the notes are listed by section below.")
        return "\n".join([*lines, *(["", baseline] if baseline else [])])
    lines += [
        "Errors, then warnings, grouped by the kind of edit they need; the notes are listed by "
        "section below.",
        "",
    ]
    results = _results_by_reference(report)
    shown = items[:FIX_FIRST_LIMIT]
    for index, (severity, heading, findings) in enumerate(shown):
        if index == 0 or shown[index - 1][:2] != (severity, heading):
            count = sum(len(f) for s, h, f in shown if (s, h) == (severity, heading))
            title = f"{_TIERS[severity]}: {escape.text(heading)} ({count})"
            lines += [*([""] if index else []), f"### {title}", ""]
        if len(findings) > 1:
            lines += _same_code_item(report.article, findings)
        else:
            lines += _fix_item(report, findings[0], results)
    rest = [finding for _, _, findings in items[FIX_FIRST_LIMIT:] for finding in findings]
    if rest:
        errors = sum(1 for finding in rest if finding.severity is Severity.ERROR)
        counted = ", ".join(
            _plural(count, noun)
            for count, noun in ((errors, "error"), (len(rest) - errors, "warning"))
            if count
        )
        lines += [
            "",
            f"And {len(rest)} more ({counted}), each written in full by section below.",
        ]
    if baseline:
        lines += ["", baseline]
    return "\n".join(lines)


def _proposed_fixes(report: Report) -> str:
    """The repairs `citeaudit fix` would make, reference by reference, with their diffs."""
    if report.fixes is None or not report.fixes.references:
        return ""
    lines = [
        "## Proposed fixes",
        "",
        "Repairs the audit's evidence supports, made by `citeaudit fix` (the same audit options, "
        "with `--diff` to review them or `-o` to write the patched article). Edit summary: "
        f"“{escape.text(report.fixes.summary)}”",
        "",
    ]
    for fix in report.fixes.references:
        reference = report.article.reference(fix.reference_id)
        if reference is None:
            continue
        lines += [f"### {escape.text(reference_label(reference))} {_citation_title(reference)}", ""]
        grouped: dict[tuple[str, str], list[str]] = {}
        for change in fix.changes:  # one line for the parameters one repair sets for one reason
            grouped.setdefault((change.code, change.why), []).append(change.parameter)
        for (code, why), parameters in grouped.items():
            named = ", ".join(escape.code(parameter) for parameter in parameters)
            lines.append(f"- {named} ({escape.code(code)}): {escape.text(why)}")
        lines += ["", escape.code_block(fix.diff_lines(), "diff"), ""]
    return "\n".join(lines)


def _fix_item(report: Report, finding: Finding, results: dict[str, list[LinkResult]]) -> list[str]:
    reference = report.article.reference(finding.reference_id) if finding.reference_id else None
    record = _support_record(report, finding)
    if record is not None and finding.code in {"claim-not-found", "claim-contradicted"}:
        return _not_found_item(report.article, finding, record)
    result = _result_for(finding, reference, results)
    if result is not None and reference is not None:
        return _dead_link_item(report, finding, reference, result)
    return _finding_item(finding, reference)


def _same_code_item(article: Article, findings: list[Finding]) -> list[str]:
    """One item for many findings of one code: which citations, and the first one's advice."""
    first = findings[0]
    labels = _labels(article, [f.reference_id for f in findings if f.reference_id])
    where = f" ({labels})" if labels else ""
    fix = f" Fix: {_advice(first.fix)}" if first.fix else ""
    return [
        f"- {first.severity.value} {escape.code(first.code)}, {len(findings)} times{where}; "
        f"the first: {escape.text(first.message)}{fix}"
    ]


def _dead_link_item(
    report: Report, finding: Finding, reference: Reference, result: LinkResult
) -> list[str]:
    label = escape.text(reference_label(reference))
    cited_in = _cited_in(report.article, reference)
    cited = f" · cited in {cited_in}" if cited_in else ""
    lines = [f"- {finding.severity.value} **{label}** {_citation_title(reference)}{cited}"]
    lines += _cited_for(report.article, reference)
    lines.append(
        f"  - URL: {escape.url(result.url)} · **{result.verdict.value}**: {_evidence(result)}"
    )
    if result.archive is not None:
        captured = wayback_date(result.archive.timestamp)
        snapshot = escape.url(result.archive.url)
        lines.append(f"  - Archived copy: {snapshot} (captured {escape.text(captured)})")
    elif reference.archive_url:
        lines.append(f"  - Archived copy already cited: {escape.url(reference.archive_url)}")
    else:
        lookup = report.facts.archive_lookups.get(result.url)
        lines.append(f"  - {escape.text(no_snapshot_reason(lookup, report.facts))}")
    if finding.fix:
        lines.append(f"  - Fix: {_advice(finding.fix)}")
    return lines


def _support_record(report: Report, finding: Finding) -> SupportRecord | None:
    if finding.sentence_id is None:
        return None
    return next((r for r in report.support if r.sentence_id == finding.sentence_id), None)


def _not_found_item(article: Article, finding: Finding, record: SupportRecord) -> list[str]:
    """A claim the cited page does not state, or states otherwise: the sentence, what is missing
    or what the page says in its place, the closest passage."""
    labels = _labels(article, record.reference_ids)
    where = f" in *{escape.text(_section_name(record.section))}*"
    if finding.position is not None:
        where += f" (line {finding.position.line})"
    said = "says otherwise" if record.conflicts else "does not say this"
    lines = [
        f"- {finding.severity.value} **{labels}**{where}: the cited page {said} "
        f"({escape.code(finding.code)})",
        f"  > {escape.text(record.sentence)}",
    ]
    for ours, theirs in record.conflicts:
        lines.append(
            f"  - The sentence says “{escape.text(ours)}”; the page says “{escape.text(theirs)}”"
        )
    if record.missing and not record.conflicts:
        missing = ", ".join(escape.text(fact) for fact in record.missing)
        lines.append(f"  - Not in the page: {missing}")
    lines.append(f"  - Why: {escape.text(record.reason)}")
    if record.evidence:
        source = f" ({escape.url(record.evidence_url)})" if record.evidence_url else ""
        lines.append(f"  - Closest passage{source}: “{escape.text(record.evidence)}”")
    if finding.fix:
        lines.append(f"  - Fix: {_advice(finding.fix)}")
    return lines


def _cited_for(article: Article, reference: Reference) -> list[str]:
    """The claim a citation stands behind (its first use in a sentence), quoted."""
    texts = {sentence.id: sentence.text for _, _, sentence in article.sentences()}
    claims = [texts[use.sentence_id] for use in reference.uses if use.sentence_id in texts]
    if not claims:
        return []
    more = f" (and {_plural(len(claims) - 1, 'other sentence')})" if len(claims) > 1 else ""
    return [f"  - Cited for: “{escape.text(claims[0])}”{more}"]


def _finding_item(finding: Finding, reference: Reference | None) -> list[str]:
    where = [finding.severity.value]
    if reference is not None:
        where.append(f"**{escape.text(reference_label(reference))}**")
    if finding.section is not None:
        where.append(f"in *{escape.text(_section_name(finding.section))}*")
    if finding.position is not None:
        where.append(f"(line {finding.position.line})")
    prefix = " ".join(where)
    message = f"{escape.text(finding.message)} ({escape.code(finding.code)})"
    lines = [f"- {prefix + ': ' if prefix else ''}{message}"]
    if finding.sentence:
        lines.append(f"  > {escape.text(finding.sentence)}")
    if finding.fix:
        lines.append(f"  - Fix: {_advice(finding.fix)}")
    return lines


# --- by section and by reference -------------------------------------------------------------


def _by_section(report: Report) -> str:
    if not report.findings:
        return ""
    order = []
    for section in report.article.sections():
        if section.title not in order:
            order.append(section.title)
    grouped: dict[str | None, list[Finding]] = {}
    for finding in report.findings:
        key = finding.section if finding.section in order else None
        grouped.setdefault(key, []).append(finding)
    shown = _shown_in_fix_first(report)
    lines = ["## Findings by section", ""]
    for key in [None, *order]:
        findings = grouped.get(key)
        if not findings:
            continue
        heading = "Whole article" if key is None else _section_name(key)
        lines += [f"### {escape.text(heading)}", ""]
        rows = [_finding_row(report.article, finding, finding in shown) for finding in findings]
        lines += [markdown_table(("Severity", "Finding", "Citation", "Line", "Details"), rows), ""]
    return "\n".join(lines)


def _finding_row(article: Article, finding: Finding, in_fix_first: bool) -> tuple[str, ...]:
    """A finding's row: in full (its details cut at `CELL_LIMIT`), or a pointer to "Fix first"."""
    reference = article.reference(finding.reference_id) if finding.reference_id else None
    if in_fix_first:
        details = "in [Fix first](#fix-first)"
    else:
        text = finding.message
        if finding.fix:
            text += f" Fix: {finding.fix}"
        if finding.sentence:
            text += f" Sentence: “{finding.sentence}”"
        known = "(known from the baseline) " if finding.in_baseline else ""
        details = escape.text(known + _cut(text, CELL_LIMIT))
    return (
        finding.severity.value,
        escape.code(finding.code, in_table=True),
        escape.text(reference_label(reference)) if reference else "",
        str(finding.position.line) if finding.position else "",
        details,
    )


_WIKITEXT = re.compile(r"\{\{.*?\}\}|<ref[^>]*>|(?:\|[\w-]+=[^\s|]*\s?)+")
"""Wikitext in advice (`{{dead link|date=...}}`, `|archive-url=... |archive-date=...`)."""


def _advice(fix: str) -> str:
    """A check's advice as Markdown: its prose as text, the wikitext it quotes as code (so that
    an editor copies it whole)."""
    pieces = []
    end = 0
    for match in _WIKITEXT.finditer(fix):
        quoted = match.group().rstrip()
        while quoted and quoted[-1] in ".,;:)" and not quoted.endswith("}}"):
            quoted = quoted[:-1]
        pieces += [_prose(fix[end : match.start()]), escape.code(quoted)]
        end = match.start() + len(quoted)
    pieces.append(_prose(fix[end:]))
    return "".join(pieces)


def _prose(text: str) -> str:
    """Escaped text that keeps a space at either end (it stands between code spans)."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return f"{lead}{escape.text(text)}{trail}"


def _cut(text: str, limit: int) -> str:
    """`text`, or its first `limit` characters ending in `…`."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _by_reference(report: Report) -> str:
    article = report.article
    if not article.references:
        return "## References\n\nThe article has no references."
    results = _results_by_reference(report)
    codes: dict[str, list[str]] = {}
    for finding in report.findings:
        if finding.reference_id:
            codes.setdefault(finding.reference_id, []).append(finding.code)
    rows = []
    for reference in article.references:
        rows.append(
            (
                escape.text(reference_label(reference)),
                _citation_cell(reference),
                _cited_in(article, reference),
                _link_cell(report, reference, results.get(reference.id, [])),
                escape.text(reference.access_date),
                ", ".join(
                    escape.code(c, in_table=True) for c in sorted(set(codes.get(reference.id, [])))
                ),
            )
        )
    table = markdown_table(("Ref", "Citation", "Cited in", "Link", "Accessed", "Findings"), rows)
    return f"## References\n\n{table}"


def _citation_cell(reference: Reference) -> str:
    parts = [_citation_title(reference)]
    source = reference.work or reference.publisher
    if source:
        parts.append(f"*{escape.text(source)}*")
    if reference.date:
        parts.append(escape.text(reference.date))
    return ", ".join(part for part in parts if part)


def _link_cell(report: Report, reference: Reference, results: list[LinkResult]) -> str:
    if not reference.url:
        return (
            "no URL" if report.article.source_form is not SourceForm.TEXT else "no URL in this form"
        )
    pieces = [escape.url(reference.url)]
    own = next((r for r in results if r.url == reference.url.strip()), None)
    if own is not None:
        pieces.append(f"{_verdict_word(own)} ({_evidence(own)})")
    elif not report.links_checked:
        pieces.append("not checked")
    if reference.archive_url:
        pieces.append(f"archive: {escape.url(reference.archive_url)}")
    return " · ".join(pieces)


# --- what could not be checked ---------------------------------------------------------------


def _not_checked(report: Report, summary: Summary) -> str:
    article = report.article
    lines = ["## Not checked", ""]
    facts = report.facts
    if facts.network_problem:
        lines.append(
            f"- **The network was down** during this audit ({escape.text(facts.network_problem)}):"
            " links that got no answer are `unreachable`, none is called dead for it, and"
            " nothing of it was kept in the link history. Audit again once the network works."
        )
    if facts.archive_problem:
        lines.append(
            f"- Snapshots could not be looked up: {escape.text(facts.archive_problem)}. Links"
            " that need an archived copy say so; audit again later to look them up."
        )
    elif report.links_checked and not facts.archive_used:
        lines.append(
            "- Archive look-ups were off (`--no-archive`): no snapshot was looked up and no"
            " archive copy a citation gives was fetched."
        )
    if not report.links_checked and summary.urls:
        lines.append(
            f"- Links were not checked (`--no-links`): {_plural(summary.urls, 'URL')} "
            "not fetched; run without `--no-links` to check them."
        )
    without_url = [ref for ref in article.references if not ref.url]
    if without_url:
        labels = ", ".join(escape.text(reference_label(ref)) for ref in without_url)
        if article.source_form is SourceForm.TEXT:
            site = (
                article.revision.site
                if article.revision and article.revision.site
                else "en.wikipedia.org"
            )
            command = f'citeaudit audit --site {site} "{article.title}"'
            lines.append(
                f"- No URL in this form: text copied off a rendered page loses the links, so "
                f"{_plural(len(without_url), 'reference')} could not be checked ({labels}). "
                f"Audit the wikitext to check them: {escape.code(command)}."
            )
        else:
            lines.append(
                f"- No URL to check: {_plural(len(without_url), 'reference')} give no URL, so "
                f"there is nothing to fetch for {_them(len(without_url))}: {labels}."
            )
    for verdict, why in (
        (LinkVerdict.BLOCKED, "the site refused the checker; open these in a browser"),
        (LinkVerdict.UNREACHABLE, "no answer this time; try again later"),
        (LinkVerdict.SKIPPED, "not checked"),
    ):
        results = [r for r in sorted_links(report.links) if r.verdict is verdict]
        if not results:
            continue
        lines.append(f"- {verdict.value.capitalize()} ({why}):")
        for result in results:
            labels = _labels(article, result.reference_ids)
            lines.append(
                f"  - {escape.url(result.url)}{' (' + labels + ')' if labels else ''}: "
                f"{escape.text(result.reason or verdict.value)}"
            )
    lines += _support_not_checked(report)
    if len(lines) == 2:
        lines.append("Everything that could be checked was checked.")
    return "\n".join(lines)


def _support_not_checked(report: Report) -> list[str]:
    """Cited sentences whose sources gave no text, and why; those citing no URL are counted."""
    unverifiable = [r for r in report.support if r.verdict is SupportVerdict.UNVERIFIABLE]
    if not report.support_checked and report.links_checked:
        return ["- Claim support was not checked (`--no-support`)."]
    if not unverifiable:
        return []
    no_url = [r for r in unverifiable if _cites_no_url(report.article, r)]
    lines = []
    if no_url:
        lines.append(
            f"- Claim support: {_plural(len(no_url), 'cited sentence')} "
            f"{'cites' if len(no_url) == 1 else 'cite'} no URL, so there is no page to read "
            f"for {_them(len(no_url))}."
        )
    rest = [r for r in unverifiable if r not in no_url]
    if rest:
        lines.append("- Claim support could not be decided (why is given for each sentence):")
        for record in rest:
            labels = _labels(report.article, record.reference_ids)
            lines.append(
                f"  - *{escape.text(_section_name(record.section))}*, {labels}: "
                f"“{escape.text(record.sentence)}”: {escape.text(record.reason)}"
            )
    return lines


def _cites_no_url(article: Article, record: SupportRecord) -> bool:
    references = [article.reference(ref_id) for ref_id in record.reference_ids]
    return not any(reference is not None and reference.url for reference in references)


# --- small pieces ----------------------------------------------------------------------------


def _results_by_reference(report: Report) -> dict[str, list[LinkResult]]:
    by_reference: dict[str, list[LinkResult]] = {}
    for result in sorted_links(report.links):
        ids = set(result.reference_ids) or {
            ref.id for ref in report.article.references if result.url in (ref.url, ref.archive_url)
        }
        for ref_id in sorted(ids):
            by_reference.setdefault(ref_id, []).append(result)
    return by_reference


def _result_for(
    finding: Finding, reference: Reference | None, results: dict[str, list[LinkResult]]
) -> LinkResult | None:
    """The link result a `link-dead`/`link-soft-404` finding is about, if it is one."""
    if reference is None or finding.code not in ("link-dead", "link-soft-404"):
        return None
    return next(
        (r for r in results.get(reference.id, []) if r.verdict.is_gone and r.url == reference.url),
        None,
    )


def _evidence(result: LinkResult) -> str:
    pieces = [escape.text(result.reason or result.verdict.value)]
    if result.final_url and result.final_url != result.url:
        pieces.append(f"ends at {escape.url(result.final_url)}")
    if result.first_failed_at and result.failed_checks > 1:
        pieces.append(
            f"failing since {escape.text(result.first_failed_at[:10])}, "
            f"{result.failed_checks} checks in a row"
        )
    elif result.verdict is LinkVerdict.DEAD and result.failed_checks <= 1:
        pieces.append("first seen dead in this check")
    return "; ".join(pieces)


def _verdict_word(result: LinkResult) -> str:
    word = result.verdict.value
    return f"**{word}**" if result.verdict.is_gone else word


def _citation_title(reference: Reference) -> str:
    if reference.title:
        return f"“{escape.text(reference.title)}”"
    return escape.text(reference.text[:120]) if reference.text else "(no title)"


def _cited_in(article: Article, reference: Reference) -> str:
    names = {section.index: section.title for section in article.sections()}
    seen: dict[str, int] = {}
    for use in reference.uses:
        name = _section_name(names.get(use.section_index, ""))
        seen[name] = seen.get(name, 0) + 1
    return ", ".join(
        escape.text(name) + (f" ×{count}" if count > 1 else "") for name, count in seen.items()
    )


def _labels(article: Article, reference_ids: Iterable[str]) -> str:
    labels = []
    for ref_id in reference_ids:
        reference = article.reference(ref_id)
        labels.append(reference_label(reference) if reference else f"[{ref_id}]")
    return ", ".join(escape.text(label) for label in labels)


def _section_name(title: str) -> str:
    return title or "Lead"


def _them(count: int) -> str:
    return "it" if count == 1 else "them"


def markdown_table(
    header: tuple[str, ...], rows: Iterable[tuple[str, ...]], align: tuple[str, ...] | None = None
) -> str:
    """A GFM table; cells must already be escaped (no raw `|` or newline)."""
    align = align or tuple("" for _ in header)
    rule = tuple("---:" if a == "r" else "---" for a in align)
    lines = [_row(header), _row(rule)]
    lines += [_row(row) for row in rows]
    return "\n".join(lines)


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(cell if cell else " " for cell in cells) + " |"
