"""The text form of an article."""

from citeaudit.parse.text.article import parse

__all__ = ["parse"]
