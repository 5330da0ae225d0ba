"""The html form of an article."""

from citeaudit.parse.html.article import parse
from citeaudit.parse.html.page import is_mediawiki_html

__all__ = ["is_mediawiki_html", "parse"]
