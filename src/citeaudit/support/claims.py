"""Claim support over a whole article: one `SupportRecord` per sentence that cites something.

All the citations of a sentence share the load (`verify_claim` takes their sources together);
each cited URL's text is prepared once however many sentences cite it. A reference without a
URL, a link that is not alive, or a page whose text was not kept gives a source with no text
and the reason, so that every `unverifiable` verdict says why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence

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
    return list(each_support_record(article, links, texts, verifier))


def cited_sentence_count(article: Article) -> int:
    """How many records `support_records` gives: the sentences that cite something."""
    return sum(1 for _, _, sentence in article.sentences() if _cited(article, sentence))


def each_support_record(
    article: Article,
    links: Sequence[LinkResult],
    texts: Mapping[str, SourceText],
    verifier: Verifier | None = None,
) -> Iterator[SupportRecord]:
    """`support_records`, one at a time (so that a caller can show progress, or stop).

    Each page's prepared text is dropped after the last sentence that cites it, so that the
    memory held is that of the pages still to be read, not of every page of the article.
    """
    verifier = verifier or RuleVerifier()
    sources = _Sources(article, links, texts)
    language = article_language(article)
    cited_sentences = [
        (section, sentence, references)
        for section, _, sentence in article.sentences()
        if (references := _cited(article, sentence))
    ]
    sources.expect(references for _, _, references in cited_sentences)
    for section, sentence, references in cited_sentences:
        cited = sources.for_references(references)
        result = verifier.verify(sentence.text, cited, article_language=language)
        sources.release(references)
        yield _record(section, sentence, references, cited, result)


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
        self._uses_left: Counter[str] = Counter()

    def expect(self, citations: Iterable[Sequence[Reference]]) -> None:
        """Count how many sentences will ask for each source, to drop each after its last."""
        for references in citations:
            self._uses_left.update(self._keys(references))

    def release(self, references: Sequence[Reference]) -> None:
        """One sentence citing `references` is done: drop the sources no sentence still needs."""
        for key in self._keys(references):
            self._uses_left[key] -= 1
            if self._uses_left[key] <= 0:
                self._prepared.pop(key, None)

    def _keys(self, references: Sequence[Reference]) -> set[str]:
        return {self._article.cited_url(reference) or "" for reference in references}

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
