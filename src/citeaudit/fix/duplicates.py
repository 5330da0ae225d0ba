"""References that cite the same source, merged: the first becomes a named reference (it keeps
its name, or gets one made from the source that no other reference has), and every use of the
later one reuses it (`<ref name="..." />`).

Merged only when nothing is lost and nothing doubles:
- the two are the same source by URL, article identifier, or title and work (a document number
  alone, `No 2137/2012`, may be two bodies' copies of one document: they are left to an editor);
- they are the same kind of citation, in the same group, and the later one gives nothing the
  first does not (another page, chapter or quote, another URL or title, an archive copy);
- every use of the later one is a `<ref>` tag here (not `{{r}}`, not a list-defined entry), and
  no sentence cites both (it would show one marker twice).
"""

from __future__ import annotations

import re

from citeaudit.checks.integrity.ref_duplicate import identity_keys, normalize_url
from citeaudit.fix.context import Declined, Proposal, Repair, RepairContext
from citeaudit.fix.edits import Edit
from citeaudit.fix.locate import RefTag
from citeaudit.fix.template import TemplateSite
from citeaudit.fix.wikitext import attribute_value
from citeaudit.model import Article, Change, Finding, Reference
from citeaudit.web.urls import host_of

MERGEABLE = frozenset({"URL", "title and work", "doi", "pmid", "pmc", "arxiv", "jstor"})
_PLACES = (
    "page",
    "pages",
    "p",
    "pp",
    "at",
    "loc",
    "chapter",
    "section",
    "quote",
    "quotation",
    "volume",
    "issue",
    "edition",
    "archive-url",
    "archiveurl",
)
"""Parameters that say which part of a source is meant, or where else it is kept."""
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "or", "ne", "go"})
"""`bbc.co.uk` is named `bbc`, not `co`."""
_NAME_CHARACTERS = re.compile(r"[^\w-]+")
_MAX_NAME = 32


class DuplicateRepair(Repair):
    codes = ("ref-duplicate",)

    def propose(self, finding: Finding, context: RepairContext) -> Proposal | Declined:
        later = context.reference(finding)
        match = first_of_same_source(context.report.article, later) if later else None
        if later is None or match is None:
            return self.decline(finding, "the earlier citation of the source was not found")
        first, kind = match
        problem = _why_not_merge(first, later, kind, context)
        if problem is not None:
            return self.decline(finding, problem)
        first_tag = context.definition(first)
        assert first_tag is not None
        name = first.name or new_name(first, context.sites.names | context.new_names)
        context.new_names.add(name)
        attributes = f" name={attribute_value(name)}"
        if first.group is not None:
            attributes += f" group={attribute_value(first.group)}"
        reuse = context.house_style.reuse(attributes)
        edits: list[Edit] = []
        changes: list[Change] = []
        why = (
            f"it cites the same source as reference {first.number or first.id} "
            f"(same {kind}); its uses now reuse that one"
        )
        if first.name is None:
            after_ref = first_tag.start + len("<ref")
            edits.append(Edit(after_ref, after_ref, f" name={attribute_value(name)}"))
            changes.append(
                Change(
                    finding.code,
                    first.id,
                    "name",
                    None,
                    name,
                    f"reference {later.number or later.id} is merged into it and reuses it by name",
                )  # fmt: skip
            )
        for tag in _tags_of(later, context):
            edits.append(Edit(tag.start, tag.end, reuse))
        changes.append(Change(finding.code, later.id, "ref", later.raw, reuse, why))
        return Proposal(tuple(edits), tuple(changes))


def first_of_same_source(article: Article, later: Reference) -> tuple[Reference, str] | None:
    """The earliest reference citing the same source as `later`, and what they share (the
    way `ref-duplicate` pairs them)."""
    first_with: dict[tuple[str, str], Reference] = {}
    for reference in article.references:
        if reference.kind == "short":
            continue
        keys = identity_keys(reference)
        if reference is later:
            for key in keys:
                if key in first_with:
                    return first_with[key], key[0]
            return None
        for key in keys:
            first_with.setdefault(key, reference)
    return None


def _why_not_merge(
    first: Reference, later: Reference, kind: str, context: RepairContext
) -> str | None:
    if kind not in MERGEABLE:
        return f"they share only a {kind}: two copies of one document may both be worth keeping"
    if first.group != later.group:
        return "they are in different reference groups"
    if first.kind != later.kind:
        return f"one is a {first.kind} citation and the other a {later.kind}: merge by hand"
    if context.definition(first) is None or context.definition(later) is None:
        return "one of them is not defined by a <ref> tag that could be located"
    if first.name is None and (why := context.why_body_cannot_change(first)):
        return why
    if first.url and later.url and normalize_url(first.url) != normalize_url(later.url):
        return "they give different URLs"
    if first.title and later.title and _fold(first.title) != _fold(later.title):
        return "they give different titles"
    lost = _what_later_adds(first, later, context)
    if lost:
        return (
            f"the later one gives what the first does not ({lost}): merge by hand with {{{{rp}}}}"
        )
    tags = _tags_of(later, context)
    if len(tags) != len(later.uses):
        return "it is also used through a template or defined in the reference list"
    first_sentences = {use.sentence_id for use in first.uses if use.sentence_id is not None}
    if any(use.sentence_id in first_sentences for use in later.uses):
        return "one sentence cites both: remove one of them by hand"
    return None


def _what_later_adds(first: Reference, later: Reference, context: RepairContext) -> str | None:
    first_body, later_body = context.body(first), context.body(later)
    if first_body is None or later_body is None:
        return "a body that could not be read"
    if first_body.template is None or later_body.template is None:
        first_text = context.text[first_body.start : first_body.end].strip()
        later_text = context.text[later_body.start : later_body.end].strip()
        return None if first_text == later_text else "other text around the link"
    first_values, later_values = _places(first_body.template), _places(later_body.template)
    for name, value in later_values.items():
        if _fold(first_values.get(name, "")) != _fold(value):
            return f"|{name}={value}"
    return None


def _places(template: TemplateSite) -> dict[str, str]:
    return {
        p.name: p.value for p in template.parameters if p.keyed and p.name in _PLACES and p.value
    }


def _tags_of(reference: Reference, context: RepairContext) -> list[RefTag]:
    """Every tag that uses the reference: its definition, copies and reuses by name."""
    if reference.name is None:
        definition = context.definition(reference)
        return [definition] if definition is not None else []
    definition = context.definition(reference)
    group = definition.group if definition is not None else reference.group
    return context.sites.tags_named(group, reference.name)


def new_name(reference: Reference, taken: set[str]) -> str:
    """A name for a reference, made from its source, that no other reference has."""
    year = re.search(r"\b(1[5-9]|20)\d{2}\b", reference.date or "")
    candidates = []
    if reference.authors:
        last = reference.authors[0].split(",")[0]
        candidates.append(last + (year.group(0) if year else ""))
    labels = (host_of(reference.url or "") or "").removeprefix("www.").split(".")[:-1]
    while len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels.pop()
    if labels and labels[-1]:
        candidates.append(labels[-1])
        if year:
            candidates.append(f"{labels[-1]}-{year.group(0)}")
    if reference.title:
        words = [word for word in re.findall(r"\w+", reference.title) if len(word) > 3][:3]
        candidates.append("-".join(words))
    candidates.append("source")
    lowered = {name.lower() for name in taken}
    cleaned = [_clean_name(candidate) for candidate in candidates]
    usable = [name for name in cleaned if name and not name.isdigit()]
    for name in usable:
        if name.lower() not in lowered:
            return name
    base, number = usable[0], 2
    while f"{base}-{number}".lower() in lowered:
        number += 1
    return f"{base}-{number}"


def _clean_name(candidate: str) -> str:
    return _NAME_CHARACTERS.sub("-", candidate).strip("-")[:_MAX_NAME].strip("-")


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())
