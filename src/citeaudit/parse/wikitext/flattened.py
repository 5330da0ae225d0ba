"""Wikitext that lost its line breaks, given them back where its structure is plain to see.

Some dumps and datasets flatten each page to one line (every newline replaced by a space).
MediaWiki would then render no headings at all, since `== Title ==` counts only on a line of
its own; but a reader sees `... end of the lead. ==History== ===Beginnings=== The first ...`
and so does `restore_lines`: a heading standing between spaces gets its lines back, a run of
two or more spaces (what a paragraph break becomes when each newline turns into a space) is a
paragraph break, and a list item marker after such a break starts its line. Text that has
headings on lines of their own is left alone.
"""

from __future__ import annotations

import re

FLATTENED_NOTE = (
    "The wikitext had lost its line breaks (flattened to one line, as some dumps do): headings "
    "were recovered where `==Title==` stood inline and paragraphs where two spaces stood; "
    "MediaWiki itself would render this text without them."
)
_INLINE_HEADING = re.compile(r"(?:(?<=\s)|^)(={2,6})([^=\n{}|<>\[\]]{1,200}?)\1(?=\s|$)")
_LINE_HEADING = re.compile(r"^={2,6}[^=\n]{1,200}={2,6}\s*$", re.M)
_PARAGRAPH_BREAK = re.compile(r"(?<=\S) {2,}(?=\S)")
MIN_INLINE_HEADINGS = 2
MAX_LINES_PER_HEADING = 1
"""Flattened: at most as many line breaks as inline headings (a real page has dozens)."""


def restore_lines(text: str) -> tuple[str, bool]:
    """The text with headings and paragraphs on lines of their own, and whether it was flat."""
    if _LINE_HEADING.search(text):
        return text, False
    headings = _INLINE_HEADING.findall(text)
    too_many_lines = text.count("\n") > MAX_LINES_PER_HEADING * len(headings)
    if len(headings) < MIN_INLINE_HEADINGS or too_many_lines:
        return text, False
    text = _INLINE_HEADING.sub(lambda m: f"\n\n{m.group(1)}{m.group(2)}{m.group(1)}\n\n", text)
    lines = [
        line if line.startswith("=") else _PARAGRAPH_BREAK.sub("\n\n", line)
        for line in text.split("\n")
    ]
    return re.sub(r"[ \t]*\n[ \t]*", "\n", "\n".join(lines)).strip("\n") + "\n", True
