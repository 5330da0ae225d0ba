"""Claim support in an audit: every cited sentence against the text of the pages it cites.

The link checker fetches each cited URL once; a `SourceKeeper` is handed the final answer of
each check (`check_links(on_page=...)`), extracts its `SourceText` once per URL and keeps it in
memory and in the link history, so that a rerun that reuses a fresh check reuses the text too.
`check_support` then gives one `SupportRecord` per cited sentence (all its citations together,
as `citeaudit.support.verify_claim` wants them) and the findings an editor acts on:

- `claim-not-found` (warning): the cited pages were read in full and do not state the sentence;
- `claim-partial` (info): part of the sentence is not in them (the missing facts are named);
- `claim-unverifiable` (info): a cited URL gave no text to read (dead, blocked, not recorded,
  unreadable), with why; sentences whose citations give no URL at all get a record, not a
  finding (the report lists those references once);
- `source-usurped`, `source-title-mismatch`, `source-date-mismatch`: the page's own title and
  date against its citation's (`citeaudit.support.compare_metadata`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from citeaudit.checks.links.findings import section_of
from citeaudit.web.links.history import LinkHistory
from citeaudit.model import (
    Article,
    FetchResult,
    Finding,
    LinkResult,
    LinkVerdict,
    Reference,
    Section,
    Sentence,
    Severity,
    SourceForm,
    SupportRecord,
)
from citeaudit.support import (
    ExtractLimits,
    PreparedSource,
    SourceText,
    SupportResult,
    SupportVerdict,
    compare_metadata,
    prepare_source,
    source_for_link,
    verify_claim,
)

FAMILY = "support"
SUPPORT_CODES: dict[str, str] = {
    "claim-not-found": FAMILY,
    "claim-partial": FAMILY,
    "claim-unverifiable": FAMILY,
    "source-usurped": "links",
    "source-title-mismatch": "links",
    "source-date-mismatch": "dates",
}
"""Every code the support step can emit, with its family (documented in docs/findings.md)."""

NO_URL = "the reference gives no URL to read"
NO_URL_IN_TEXT = "no URL in this form (text copied off a rendered page loses its links)"


class SourceKeeper:
    """The text of every page the link checker read alive: extracted once, kept for the run
    and, with a link history, for later runs. Safe to call from the checker's worker threads."""

    def __init__(self, history: LinkHistory | None = None, limits: ExtractLimits | None = None):
        self._history = history
        self._limits = limits
        self._sources: dict[str, SourceText] = {}
        self._lock = threading.Lock()

    def keep(self, result: LinkResult, final: FetchResult) -> None:
        """Read the final answer of a fresh check (`check_links(on_page=...)`)."""
        if result.verdict is not LinkVerdict.ALIVE:
            return
        source = source_for_link(result, final, limits=self._limits)
        with self._lock:
            self._sources[result.url] = source
        if self._history is not None and result.checked_at:
            self._history.keep_source(result.url, result.checked_at, source)

    def has_what_it_needs(self, reused: LinkResult) -> bool:
        """Whether a result from the link history can stand without a new check: it is not
        alive, or the history kept its page's text (now loaded for this run)."""
        if reused.verdict is not LinkVerdict.ALIVE or self._history is None:
            return True
        source = self._history.source(reused.url)
        if source is None:
            return False
        with self._lock:
            self._sources[reused.url] = source
        return True

    def source_texts(self, links: Iterable[LinkResult]) -> dict[str, SourceText]:
        """The text of each alive link: read in this run, else kept in the link history."""
        texts: dict[str, SourceText] = {}
        for link in links:
            if link.verdict is not LinkVerdict.ALIVE:
                continue
            with self._lock:
                source = self._sources.get(link.url)
            if source is None and self._history is not None:
                source = self._history.source(link.url)
            if source is not None:
                texts[link.url] = source
        return texts


@dataclass(frozen=True)
class SupportOutcome:
    """What the support step adds to a report."""

    records: list[SupportRecord]
    findings: list[Finding]


def check_support(
    article: Article, links: Sequence[LinkResult], texts: Mapping[str, SourceText]
) -> SupportOutcome:
    """A record for every sentence that cites something, and the findings they call for."""
    sources = _Sources(article, links, texts)
    language = article_language(article)
    records: list[SupportRecord] = []
    findings: list[Finding] = []
    for section, _, sentence in article.sentences():
        references = _cited(article, sentence)
        if not references:
            continue
        cited = sources.for_references(references)
        result = verify_claim(
            sentence.text, [prepared for _, prepared in cited], article_language=language
        )
        record = _record(section, sentence, references, cited, result)
        records.append(record)
        finding = _claim_finding(record, references, cited)
        if finding is not None:
            findings.append(finding)
    findings += metadata_findings(article, links, texts)
    return SupportOutcome(records, findings)


def metadata_findings(
    article: Article, links: Sequence[LinkResult], texts: Mapping[str, SourceText]
) -> list[Finding]:
    """The page's own title and date against each citation of it."""
    findings = []
    for link in links:
        source = texts.get(link.url)
        if source is None or not source.has_text:
            continue
        for reference in article.references:
            if (reference.url or "").strip() != link.url:
                continue
            for issue in compare_metadata(source, reference.title, reference.date):
                findings.append(issue.to_finding(reference.id, section_of(article, reference)))
    return findings


def article_language(article: Article) -> str:
    """The article's language from its wiki's host (`de.wikipedia.org` -> `de`); else English."""
    site = article.revision.site if article.revision and article.revision.site else ""
    prefix = site.split(".", 1)[0].lower()
    return prefix if "." in site and prefix.isalpha() and 2 <= len(prefix) <= 3 else "en"


# --- sources of references -------------------------------------------------------------------


class _Sources:
    """Each reference's source text, prepared once per URL."""

    def __init__(
        self, article: Article, links: Sequence[LinkResult], texts: Mapping[str, SourceText]
    ) -> None:
        self._article = article
        self._links = {link.url: link for link in links}
        self._texts = texts
        self._prepared: dict[str, PreparedSource] = {}

    def for_references(
        self, references: Sequence[Reference]
    ) -> list[tuple[Reference, PreparedSource]]:
        """One prepared source per distinct URL (or per reference without one), in order."""
        cited: list[tuple[Reference, PreparedSource]] = []
        seen: set[str] = set()
        for reference in references:
            url = self._url_of(reference)
            if url is not None and url in seen:
                continue
            if url is not None:
                seen.add(url)
            cited.append((reference, self._prepare(url)))
        return cited

    def _url_of(self, reference: Reference) -> str | None:
        if not reference.url and reference.short_target:
            target = self._article.reference(reference.short_target)
            reference = target if target is not None else reference
        return reference.url.strip() if reference.url else None

    def _prepare(self, url: str | None) -> PreparedSource:
        key = url or ""
        if key not in self._prepared:
            self._prepared[key] = prepare_source(self._source(url))
        return self._prepared[key]

    def _source(self, url: str | None) -> SourceText:
        if url is None:
            in_text = self._article.source_form is SourceForm.TEXT
            return SourceText.unavailable(NO_URL_IN_TEXT if in_text else NO_URL)
        link = self._links.get(url)
        if link is None:
            return SourceText.unavailable("the link was not checked", url=url)
        if link.verdict is not LinkVerdict.ALIVE:
            return source_for_link(link)
        if url in self._texts:
            return self._texts[url]
        return SourceText.unavailable("the page's text was not kept by the link check", url=url)


def _cited(article: Article, sentence: Sentence) -> list[Reference]:
    references = []
    for ref_id in dict.fromkeys(sentence.reference_ids):
        reference = article.reference(ref_id)
        if reference is not None:
            references.append(reference)
    return references


# --- records and findings --------------------------------------------------------------------


def _record(
    section: Section,
    sentence: Sentence,
    references: Sequence[Reference],
    cited: Sequence[tuple[Reference, PreparedSource]],
    result: SupportResult,
) -> SupportRecord:
    best = result.evidence[0] if result.evidence else None
    return SupportRecord(
        sentence_id=sentence.id,
        sentence=sentence.text,
        section=section.title,
        reference_ids=tuple(reference.id for reference in references),
        verdict=result.verdict.value,
        reason=result.reason,
        found=tuple(fact.text for fact in result.found),
        missing=tuple(fact.text for fact in result.missing),
        evidence=best.passage if best else None,
        evidence_url=best.url if best else None,
        urls=tuple(p.source.url for _, p in cited if p.source.has_text and p.source.url),
    )


def _claim_finding(
    record: SupportRecord,
    references: Sequence[Reference],
    cited: Sequence[tuple[Reference, PreparedSource]],
) -> Finding | None:
    verdict = SupportVerdict(record.verdict)
    read = [reference for reference, prepared in cited if prepared.source.has_text]
    with_url = [reference for reference, prepared in cited if prepared.source.url]
    if verdict is SupportVerdict.SUPPORTED or (
        verdict is SupportVerdict.UNVERIFIABLE and not with_url
    ):
        return None
    closest = f" Closest passage: “{record.evidence}”." if record.evidence else ""
    if verdict is SupportVerdict.NOT_FOUND:
        code, severity, about = "claim-not-found", Severity.WARNING, read
        message = (
            f"The cited page was read and does not say this ({record.reason}).{closest} "
            "Check the source: cite one that says it, or reword the sentence to what it says."
        )
    elif verdict is SupportVerdict.PARTIAL:
        code, severity, about = "claim-partial", Severity.INFO, read
        message = (
            f"Only part of this is in the cited pages ({record.reason}).{closest} "
            "Check the rest against the sources, or cite one that states it."
        )
    else:
        code, severity, about = "claim-unverifiable", Severity.INFO, with_url
        message = (
            f"Could not tell whether the cited pages say this ({record.reason}). "
            "Open them to check the sentence by hand."
        )
    reference = (about or list(references))[0]
    return Finding(
        code=code,
        family=SUPPORT_CODES[code],
        severity=severity,
        message=message,
        section=record.section,
        reference_id=reference.id,
        sentence_id=record.sentence_id,
        sentence=record.sentence,
    )
