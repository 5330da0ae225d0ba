"""The wikitext form of an article."""

from citeaudit.parse.wikitext.article import parse

__all__ = ["parse"]
