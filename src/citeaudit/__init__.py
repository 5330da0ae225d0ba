"""citeaudit: audit the citations of Wikipedia articles."""

__version__ = "0.1.0"
