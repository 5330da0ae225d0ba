"""Unified diffs of a patch: of the whole article, made straight from its edits, and of one
reference's snippets for the report.

The article's diff is written from the edits rather than by comparing the two texts, so it costs
time in proportion to what changed, not to the article's length: each edit's lines, with three
lines of context, make a hunk; hunks closer than that merge. `patch -p1` and `git apply` read it.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Sequence

from citeaudit.fix.edits import Edit, apply_edits, sort_edits

CONTEXT = 3


def unified_diff(original: str, edits: Sequence[Edit], old_name: str, new_name: str) -> str:
    """The unified diff that turns `original` into `original` with `edits` made ('' if none)."""
    if not edits:
        return ""
    starts = _line_starts(original)
    groups = _hunk_groups(original, sort_edits(edits), starts)
    lines = [f"--- {old_name}\n", f"+++ {new_name}\n"]
    shift = 0
    total = len(starts)
    for first, last, group in groups:
        first_context = max(0, first - CONTEXT)
        last_context = min(total - 1, last + CONTEXT)
        region_start = starts[first_context]
        region_end = starts[last_context + 1] if last_context + 1 < total else len(original)
        old = original[region_start:region_end]
        new = apply_edits(
            old, [Edit(e.start - region_start, e.end - region_start, e.replacement) for e in group]
        )
        old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
        lines.append(
            f"@@ -{_range(first_context + 1, len(old_lines))}"
            f" +{_range(first_context + 1 + shift, len(new_lines))} @@\n"
        )
        lines += _hunk_body(old_lines, new_lines)
        shift += len(new_lines) - len(old_lines)
    return "".join(lines)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position >= 0 and position + 1 < len(text):
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def _hunk_groups(
    text: str, edits: list[Edit], starts: list[int]
) -> list[tuple[int, int, list[Edit]]]:
    """Edits grouped into hunks: (first line, last line, edits), lines counted from 0."""
    groups: list[tuple[int, int, list[Edit]]] = []
    for edit in edits:
        first = bisect.bisect_right(starts, edit.start) - 1
        end = max(edit.end - 1, edit.start)
        last = bisect.bisect_right(starts, end) - 1
        if groups and first - groups[-1][1] <= 2 * CONTEXT:
            previous_first, previous_last, group = groups[-1]
            groups[-1] = (previous_first, max(previous_last, last), [*group, edit])
        else:
            groups.append((first, last, [edit]))
    return groups


def _range(start: int, length: int) -> str:
    if length == 0:
        return f"{start - 1},0"
    return f"{start},{length}" if length != 1 else str(start)


def _hunk_body(old_lines: list[str], new_lines: list[str]) -> list[str]:
    """The lines of one hunk: unchanged ones as context, the others as `-` and `+` lines."""
    body: list[str] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, old_first, old_last, new_first, new_last in matcher.get_opcodes():
        if tag == "equal":
            body += [_line(" ", line) for line in old_lines[old_first:old_last]]
            continue
        body += [_line("-", line) for line in old_lines[old_first:old_last]]
        body += [_line("+", line) for line in new_lines[new_first:new_last]]
    return body


def _line(prefix: str, line: str) -> str:
    if line.endswith("\n"):
        return prefix + line
    return prefix + line + "\n\\ No newline at end of file\n"
