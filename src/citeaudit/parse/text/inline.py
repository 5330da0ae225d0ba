"""Citation markers and cleanup tags inside a line of text copied off a rendered article.

A rendered article shows a citation as `[12]` (some copies give `[ 12 ]`), a page suffix from
`{{rp}}` as `[12]: 34` or `[12]:34–35`, a footnote of a named group as `[note 1]` or `[a]`,
and a cleanup tag as `[citation needed]` or `[permanent dead link]`. `tokenize` cuts a line
into plain text and these tokens in one pass. Brackets are found with a bounded pattern (no
nesting, at most 60 characters inside), so a line of a million brackets is read in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from citeaudit.parse.text.layout import TEXT_BRACKET_MARK, without_text_marks

_BRACKET = re.compile(rf"\[(?!{TEXT_BRACKET_MARK})([^\[\]\n]{{1,60}})\]")
"""A bracket, unless a converter reading marked it as text (`layout.bracket_as_text`)."""
_NUMBER = re.compile(r"\s*(\d{1,4})\s*")
_LETTER = re.compile(r"\s*([a-z]{1,2}|[A-Z]{1,2})\s*")
_GROUP_NUMBER = re.compile(r"\s*([A-Za-z][\w-]{0,24}) (\d{1,4})\s*")
_PAGE_ITEM = r"(?:\d+|[ivxlcdm]+)(?:\s?[–—-]\s?(?:\d+|[ivxlcdm]+))?"
_PAGE = re.compile(rf":\s?({_PAGE_ITEM}(?:,\s?{_PAGE_ITEM}){{0,10}})(?!\w)")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))

# What cleanup templates print between brackets (Template:Fix and its wrappers on en.wiki), with
# the kinds `cite_templates.MAINTENANCE_TEMPLATES` gives the templates that print them. Only
# these texts are tags: `[dead]` or `[sic]` in running text are not.
_TAG_TEXTS = {
    "citation needed": "citation-needed",
    "dead link": "dead-link",
    "permanent dead link": "dead-link",
    "failed verification": "failed-verification",
    "not in source": "failed-verification",
    "not in citation given": "failed-verification",
    "better source needed": "better-source-needed",
    "unreliable source?": "unreliable-source",
    "page needed": "page-needed",
    "full citation needed": "full-citation-needed",
    "medical citation needed": "citation-needed",
    "dubious": "dubious",
    "dubious – discuss": "dubious",
    "dubious - discuss": "dubious",
    "disputed – discuss": "dubious",
    "clarification needed": "clarification-needed",
    "when?": "when",
    "who?": "who",
    "which?": "which",
    "where?": "where",
    "why?": "why",
    "according to whom?": "according-to-whom",
    "by whom?": "by-whom",
    "year needed": "year-needed",
    "original research?": "original-research",
    "self-published source?": "self-published-source",
    "self-published source": "self-published-source",
    "unreliable medical source?": "unreliable-source",
    "non-primary source needed": "primary-source",
    "third-party source needed": "primary-source",
    "irrelevant citation": "irrelevant-citation",
    "additional citation(s) needed": "citation-needed",
    "not specific enough to verify": "verification-needed",
    "verification needed": "verification-needed",
    "attribution needed": "attribution-needed",
    "improper synthesis?": "original-research",
    "obsolete source": "obsolete-source",
    "update needed": "update-needed",
    "needs update": "update-needed",
    "title missing": "full-citation-needed",
    "page range too broad": "page-needed",
    "bare url": "bare-url",
    "bare url pdf": "bare-url",
    "vague": "vague",
    "specify": "vague",
    "quantify": "vague",
    "examples needed": "examples-needed",
    "promotional language": "promotional-language",
    "weasel words": "weasel-words",
    "neutrality is disputed": "neutrality-disputed",
}


@dataclass(frozen=True)
class RefToken:
    """An inline citation marker: `group` None for the main list; `label` its number or letter."""

    group: str | None
    label: str
    page: str | None = None

    @property
    def reference_id(self) -> str:
        return reference_id(self.group, self.label)


@dataclass(frozen=True)
class TagToken:
    """A cleanup tag: `kind` is canonical (`dead-link`), `name` what the page printed."""

    kind: str
    name: str


Token = str | RefToken | TagToken


def reference_id(group: str | None, label: str) -> str:
    """The `Reference.id` of a list entry: its number in the main list, `group:label` otherwise."""
    return label if group is None else f"{group}:{label}"


def tag_kind(text: str) -> str | None:
    """The kind of a cleanup tag from its bracketed text (`citation needed`), or None."""
    normal = " ".join(text.translate(_INVISIBLE).split()).lower()
    if not normal:
        return None
    return _TAG_TEXTS.get(normal)


def tokenize(line: str, is_reference: Callable[[RefToken], bool]) -> list[Token]:
    """Cut a line into text, citation markers and cleanup tags, in order.

    `is_reference` decides whether a bracketed candidate is a citation (`[1999]` in running
    text is a year when the reference list has no entry 1999).
    """
    tokens: list[Token] = []
    position = 0
    for match in _BRACKET.finditer(line):
        token = _classify(match.group(1), is_reference)
        if token is None:
            continue
        end = match.end()
        if isinstance(token, RefToken):
            page = _PAGE.match(line, end)
            if page:
                token = RefToken(token.group, token.label, page.group(1))
                end = page.end()
        if match.start() > position:
            tokens.append(without_text_marks(line[position : match.start()]))
        tokens.append(token)
        position = end
    if position < len(line):
        tokens.append(without_text_marks(line[position:]))
    return tokens


def looks_like_marker(inner: str) -> bool:
    """Whether a bracket's text has a citation marker's shape (`12`, `a`, `note 3`)."""
    return any(
        pattern.fullmatch(inner) is not None for pattern in (_NUMBER, _LETTER, _GROUP_NUMBER)
    )


def brackets(line: str) -> Iterator[re.Match[str]]:
    """The brackets of a line that may hold a citation marker or a cleanup tag (text inside)."""
    return _BRACKET.finditer(line)


def named_groups(lines: Iterable[str]) -> list[str]:
    """The named groups of `[note 1]`-style markers in the lines, in order of appearance."""
    seen: dict[str, None] = {}
    for line in lines:
        for match in _BRACKET.finditer(line):
            group = _GROUP_NUMBER.fullmatch(match.group(1))
            if group:
                seen.setdefault(group.group(1), None)
    return list(seen)


def has_letter_markers(lines: Iterable[str]) -> bool:
    """Whether the lines cite footnotes by letter (`[a]`, `[b]`) right after text."""
    return any(
        _LETTER.fullmatch(match.group(1)) and match.group(1).islower()
        for line in lines
        for match in _BRACKET.finditer(line)
        if match.start() > 0 and not line[match.start() - 1].isspace()
    )


def plain_text(tokens: list[Token]) -> str:
    """The text of the tokens without markers and tags."""
    return "".join(token for token in tokens if isinstance(token, str))


def _classify(inner: str, is_reference: Callable[[RefToken], bool]) -> RefToken | TagToken | None:
    candidate: RefToken | None = None
    if match := _NUMBER.fullmatch(inner):
        candidate = RefToken(None, str(int(match.group(1))))
    elif match := _LETTER.fullmatch(inner):
        letters = match.group(1)
        candidate = RefToken("lower-alpha" if letters.islower() else "upper-alpha", letters)
    elif match := _GROUP_NUMBER.fullmatch(inner):
        candidate = RefToken(match.group(1), str(int(match.group(2))))
    if candidate is not None:
        return candidate if is_reference(candidate) else None
    kind = tag_kind(inner)
    return TagToken(kind, " ".join(inner.split())) if kind else None
