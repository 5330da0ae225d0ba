"""Claim support over a whole article: one `SupportRecord` per sentence that cites something.

All the citations of a sentence share the load (`verify_claim` takes their sources together);
each cited URL's text is prepared once however many sentences cite it. A reference without a
URL, a link that is not alive, or a page whose text was not kept gives a source with no text
and the reason, so that every `unverifiable` verdict says why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from citeaudit.model import (
    Article,
    LinkResult,
    LinkVerdict,
    Reference,
    Section,
    Sentence,
    SourceForm,
    SourceText,
    SupportRecord,
)
from citeaudit.support.links import source_for_link
from citeaudit.support.passages import PreparedSource, prepare_source
from citeaudit.support.verifier import RuleVerifier, Verifier
from citeaudit.support.verify import SupportResult

NO_URL = "the reference gives no URL to read"
NO_URL_IN_TEXT = "no URL in this form (text copied off a rendered page loses its links)"


def support_records(
    article: Article,
    links: Sequence[LinkResult],
    texts: Mapping[str, SourceText],
    verifier: Verifier | None = None,
) -> list[SupportRecord]:
    """A record for every sentence that cites something, in document order.

    `links` are the link checker's results, `texts` the page texts read from the alive ones, by
    URL; `verifier` decides each verdict (the rules when None).
    """
    verifier = verifier or RuleVerifier()
    sources = _Sources(article, links, texts)
    language = article_language(article)
    records: list[SupportRecord] = []
    for section, _, sentence in article.sentences():
        references = _cited(article, sentence)
        if not references:
            continue
        cited = sources.for_references(references)
        result = verifier.verify(sentence.text, cited, article_language=language)
        records.append(_record(section, sentence, references, cited, result))
    return records


def article_language(article: Article) -> str:
    """The article's language from its wiki's host (`de.wikipedia.org` -> `de`); else English."""
    site = article.revision.site if article.revision and article.revision.site else ""
    prefix = site.split(".", 1)[0].lower()
    return prefix if "." in site and prefix.isalpha() and 2 <= len(prefix) <= 3 else "en"


class _Sources:
    """Each reference's source text, prepared once per URL."""

    def __init__(
        self, article: Article, links: Sequence[LinkResult], texts: Mapping[str, SourceText]
    ) -> None:
        self._article = article
        self._links = {link.url: link for link in links}
        self._texts = texts
        self._prepared: dict[str, PreparedSource] = {}

    def for_references(self, references: Sequence[Reference]) -> list[PreparedSource]:
        """One prepared source per distinct URL (or per reference without one), in order."""
        cited: list[PreparedSource] = []
        seen: set[str] = set()
        for reference in references:
            url = self._article.cited_url(reference)
            if url is not None and url in seen:
                continue
            if url is not None:
                seen.add(url)
            cited.append(self._prepare(url))
        return cited

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


def _record(
    section: Section,
    sentence: Sentence,
    references: Sequence[Reference],
    cited: Sequence[PreparedSource],
    result: SupportResult,
) -> SupportRecord:
    best = result.evidence[0] if result.evidence else None
    return SupportRecord(
        sentence_id=sentence.id,
        sentence=sentence.text,
        section=section.title,
        reference_ids=tuple(reference.id for reference in references),
        verdict=result.verdict,
        reason=result.reason,
        found=tuple(fact.text for fact in result.found),
        missing=tuple(fact.text for fact in result.missing),
        evidence=best.passage if best else None,
        evidence_url=best.url if best else None,
        urls=tuple(p.source.url for p in cited if p.source.has_text and p.source.url),
        conflicts=tuple((c.claim, c.source) for c in result.conflicts)
        + tuple((flip.claim, flip.source) for flip in result.flips),
        score=result.score,
    )
