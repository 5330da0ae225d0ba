"""The html form of an article."""

from citeaudit.parse.html.article import parse

__all__ = ["parse"]
