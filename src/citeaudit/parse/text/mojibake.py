"""Text decoded with the wrong character set somewhere along the way, repaired.

A page saved as UTF-8 and read back as Windows-1252 (or Latin-1) turns "—" into "â€”" and "é"
into "Ã©"; crawls and datasets carry such text, sometimes twice over. `ftfy` undoes exactly
that and leaves correct text alone; only its encoding repairs are used here (curly quotes,
ligatures, widths and normal forms stay as the article wrote them). It runs only where the
text shows a trace of mojibake, so a clean copy costs one scan.
"""

from __future__ import annotations

import re

import ftfy

_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)
# Windows-1252 or Latin-1 readings of UTF-8 lead bytes followed by a continuation byte's reading.
_TRACE = re.compile(
    "[ÂÃÄÅÆÇÐÑØÙâãäåæ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def repair_mojibake(text: str) -> tuple[str, bool]:
    """The text with mojibake undone, and whether anything was changed."""
    if _TRACE.search(text) is None:
        return text, False
    fixed = ftfy.fix_text(text, _CONFIG)
    return fixed, fixed != text
