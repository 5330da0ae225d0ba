"""Text that goes into the wikitext: values made safe to put in a template, new templates and
reuse tags written in the article's own style.

A value read off a web page may hold what wikitext reads as markup: `|` would end the
parameter, `[` `]` would make a link, `{{` a template, `~~~~` a signature when the page is saved,
`<` a tag, `&amp;` an entity. `template_value` writes such characters as entities or `{{!}}`, so
the value renders as the page wrote it and nothing more.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_SEPARATOR = re.compile(r"\{\{\s*[Cc]ite[ _][a-z]+(\s*)\|")
_REUSE = re.compile(r"<ref\s+name\s*=\s*(\"?)[^>\"]*\1(\s*)/>", re.IGNORECASE)
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_URL_UNSAFE = {" ": "%20", "|": "%7C", "[": "%5B", "]": "%5D", "{": "%7B", "}": "%7D",
               '"': "%22", "<": "%3C", ">": "%3E"}  # fmt: skip


@dataclass(frozen=True)
class HouseStyle:
    """How the article writes citation templates and reuses: `{{cite web |a=b}}` or
    `{{cite web|a=b}}`, `<ref name="x" />` or `<ref name="x"/>`."""

    separator: str = " "
    reuse_space: str = " "

    @classmethod
    def of(cls, text: str) -> HouseStyle:
        """The style most of the article's citation templates and reuse tags are written in."""
        separators = Counter(match.group(1) for match in _SEPARATOR.finditer(text))
        spaces = Counter(match.group(2) for match in _REUSE.finditer(text))
        return cls(
            separator=separators.most_common(1)[0][0] if separators else cls.separator,
            reuse_space=spaces.most_common(1)[0][0] if spaces else cls.reuse_space,
        )

    def template(self, name: str, parameters: Sequence[tuple[str, str]]) -> str:
        """`{{name |a=b |c=d}}` in this style."""
        return "{{" + name + "".join(f"{self.separator}|{k}={v}" for k, v in parameters) + "}}"

    def reuse(self, attributes: str) -> str:
        """`<ref name="x" />` for the given attributes (` name="x"`, with a group when any)."""
        return f"<ref{attributes}{self.reuse_space}/>"


def template_value(value: str) -> str:
    """A plain-text value as wikitext that renders as the same text inside a template."""
    value = " ".join(value.split())
    value = _ENTITY_LIKE.sub("&amp;", value)
    for character, entity in (
        ("<", "&lt;"),
        ("[", "&#91;"),
        ("]", "&#93;"),
        ("{", "&#123;"),
        ("}", "&#125;"),
        ("~~~", "&#126;~~"),
        ("''", "&#39;'"),
        ("__", "&#95;_"),
    ):
        value = value.replace(character, entity)
    return value.replace("|", "{{!}}")


def url_value(url: str) -> str:
    """A URL as a template value: the characters wikitext would read percent-encoded."""
    return "".join(_URL_UNSAFE.get(character, character) for character in url.strip())


def attribute_value(name: str) -> str:
    """A reference name as a quoted attribute value."""
    return '"' + name.replace('"', "") + '"'
