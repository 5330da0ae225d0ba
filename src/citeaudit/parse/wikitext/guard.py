"""Read unclosed wikitext markup as text in linear time, before mwparserfromhell sees it.

mwparserfromhell tries every opener (`{{`, `[[`, `[http://...`, `{|`, `<tag`) as the start of
its construct and scans ahead for the closer; when there is none it backtracks and reads the
opener as text. That is right, but a failed try scans on to the end of the text (even from
inside a template that is closed), so n unclosed openers cost n times the length: 4,000
unclosed `{{a|` take seconds, 40,000 take minutes. `neutralise_unclosed` pairs openers and
closers in one pass with stacks and escapes the openers that have no closer as zero-padded
HTML entities (`{{` -> `&#00123;&#00123;`, `<div` -> `&#00060;div`), which render as the same
characters: the article reads as mwparserfromhell would have read it, without the
backtracking (`tests/hostile/test_fuzz.py` holds the two readings against each other). Markup
that is closed is left exactly as it was. List markup deeper than `MAX_LIST_DEPTH` levels
(each level is a node) is cut to that depth.

The pairing is the simple bracket matching of MediaWiki's preprocessor: braces pair in runs,
innermost first; tags pair by name; a bracketed external link counts as closed by any later
`]`; the content of `<nowiki>`, `<pre>` and the like, and of comments, is skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from mwparserfromhell import definitions

_TOKEN = re.compile(
    r"<!--"
    r"|\{\{+(?P<open_braces>)"
    r"|\}\}+(?P<close_braces>)"
    r"|\[\[(?P<open_link>)"
    r"|\]\](?P<close_link>)"
    r"|\[(?=(?:https?:)?//|ftp://|mailto:|news:|irc://)(?P<ext_link>)"
    r"|\{\|(?P<open_table>)"
    r"|\|\}(?!\})(?P<close_table>)"
    r"|<(?P<slash>/?)(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)",
    re.M,
)
"""Every alternative opens with its first character, outside any group (the group that names
the kind is empty, at the end), so that the regular-expression engine skips to the next of
those characters instead of trying every alternative at every position: that made the scan
cost as much as a fifth of mwparserfromhell's own parse. A table's `{|` and `|}` count only at
the start of a line (`opens_line`)."""
_TAG_REST = re.compile(r"[^<>]*>")
"""The rest of a tag up to its `>` (when no `<` comes first: quoted attributes may hold one)."""


@dataclass
class _Scan:
    text: str
    lowered: str
    braces: list[list[int]] = field(default_factory=list)
    """Unclosed brace runs: [position, braces still open, 1 if a closer may pair with it]."""
    links: list[int] = field(default_factory=list)
    tables: list[int] = field(default_factory=list)
    tags: dict[str, list[int]] = field(default_factory=dict)
    escapes: list[tuple[int, int, str]] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    no_raw_close: set[str] = field(default_factory=set)
    last_close_bracket: int | None = None
    comment_unclosed_after: int = 1 << 62
    """No `-->` follows this position (found once, so n unclosed `<!--` cost one search)."""

    def escape(self, position: int, length: int, replacement: str, kind: str) -> None:
        self.escapes.append((position, length, replacement))
        self.counts[kind] += 1


_ESCAPED = {"{": "&#00123;", "[": "&#00091;", "<": "&#00060;"}
"""Entity spellings no editor writes (zero-padded), so `restore_escaped` can undo exactly ours."""
NOTE_THRESHOLD = 10
"""Fewer unclosed openers than this are typos (`Option<T>` in prose) and go unmentioned."""


def restore_escaped(fragment: str) -> str:
    """`fragment` of the escaped text as the original spelled it (for a reference's raw source).

    Call it only when the original holds no zero-padded entity of its own: then every one in
    `fragment` is ours.
    """
    if "&#00" not in fragment:
        return fragment
    for character, entity in _ESCAPED.items():
        fragment = fragment.replace(entity, character)
    return fragment


MAX_LIST_DEPTH = 16
_DEEP_LIST = re.compile(rf"^([*#:;]{{{MAX_LIST_DEPTH}}})[*#:;]+", re.M)


def neutralise_unclosed(text: str) -> tuple[str, list[str]]:
    """`text` with its unclosed openers escaped and its lists at most `MAX_LIST_DEPTH` deep, and
    a note per kind of markup changed `NOTE_THRESHOLD` times or more."""
    text, deep_lists = _DEEP_LIST.subn(r"\1", text)
    scan = _Scan(text, text.lower())
    if deep_lists:
        scan.counts[f"lists deeper than {MAX_LIST_DEPTH} levels"] = deep_lists
    position = 0
    while (match := _TOKEN.search(text, position)) is not None:
        position = _consume(scan, match)
    _escape_leftovers(scan)
    if not scan.escapes:
        return text, _notes(scan.counts)
    return _apply(text, scan.escapes), _notes(scan.counts)


def _consume(scan: _Scan, match: re.Match[str]) -> int:
    """Handle one token; the position to scan on from."""
    kind = match.lastgroup
    start, end = match.start(), match.end()
    if kind is None:  # a comment: skip it whole
        if scan.comment_unclosed_after <= start:
            return end  # unclosed: `</ref>` inside it still closes a ref, so read on
        close = scan.text.find("-->", end)
        if close < 0:
            scan.comment_unclosed_after = start
            return end
        return close + 3
    if kind == "open_braces":
        scan.braces.append([start, end - start, 0])
    elif kind == "close_braces":
        _close_braces(scan, end - start)
    elif kind == "open_link":
        scan.links.append(start)
    elif kind == "close_link":
        if scan.links:
            scan.links.pop()
    elif kind == "ext_link":
        _ext_link(scan, start)
    elif kind == "open_table":
        if opens_line(scan.text, start, " \t:"):
            scan.tables.append(start)
    elif kind == "close_table":
        if scan.tables and opens_line(scan.text, start, " \t"):
            scan.tables.pop()
    else:
        return _tag(scan, match)
    return end


def opens_line(text: str, start: int, indent: str) -> bool:
    """Whether only characters of `indent` stand between the line's start and `start`."""
    while start and text[start - 1] in indent:
        start -= 1
    return not start or text[start - 1] == "\n"


def _close_braces(scan: _Scan, count: int) -> None:
    # Innermost first, as the preprocessor pairs them: `{{{{a}}}}` closes an argument-less
    # template in a template, and a run of 3 pairs with a run of 3 (a parameter).
    while count >= 2 and scan.braces:
        run = scan.braces[-1]
        taken = min(run[1], count)
        if taken < 2:
            break
        run[1] -= taken
        count -= taken
        if run[1] < 2:
            scan.braces.pop()
    if count and scan.braces:
        # A brace left over (`{{{{x{{}}}`): mwparserfromhell may backtrack and pair the run
        # below with it (reading `{` and a parameter); that run is left to the parser.
        scan.braces[-1][2] = 1


def _ext_link(scan: _Scan, start: int) -> None:
    # mwparserfromhell lets a bracketed link run on to the next `]`, over line ends too: only a
    # `[` with no `]` anywhere after it is certain to stay text.
    if scan.last_close_bracket is None:  # looked up once: n `[http` cost one search
        scan.last_close_bracket = scan.text.rfind("]")
    if start > scan.last_close_bracket:
        scan.escape(start, 1, _ESCAPED["["], "[http")


def _tag(scan: _Scan, match: re.Match[str]) -> int:
    name = match.group("tag").lower()
    start = match.start()
    # Tags pair by name alone: mwparserfromhell reads `<span title="<b>">` as one tag, so a
    # start tag whose `>` is not found before the next `<` still counts as a start tag. The
    # scan goes on inside the tag: attribute values may hold templates.
    rest = _TAG_REST.match(scan.text, match.end())
    if match.group("slash"):
        openers = scan.tags.get(name)
        if openers:
            openers.pop()
        return match.end()
    if (rest and scan.text[rest.end() - 2] == "/") or definitions.is_single(name):
        return match.end()  # self-closed, or a tag that may stay open (`<br>`, `<li>`, `<td>`)
    if not definitions.is_parsable(name):  # `<nowiki>`, `<pre>`, `<math>`: content is not markup
        return _skip_raw(scan, name, start, rest.end() if rest else match.end())
    scan.tags.setdefault(name, []).append(start)
    return match.end()


def _skip_raw(scan: _Scan, name: str, start: int, end: int) -> int:
    # A failed search is remembered: n unclosed `<nowiki>` cost one search, not n.
    close = -1 if name in scan.no_raw_close else scan.lowered.find(f"</{name}", end)
    if close < 0:
        scan.no_raw_close.add(name)
        scan.escape(start, 1, _ESCAPED["<"], "<tag")
        return end
    return close


def _escape_leftovers(scan: _Scan) -> None:
    # Inside a template that is closed too: mwparserfromhell's failed try at an unclosed tag or
    # table runs on past the template to the end of the text (1,000 `{{a|<div>}}` took 0.4 s,
    # 2,000 took 1.7 s), and nested unclosed links do the same.
    for position, still_open, maybe_closed in scan.braces:
        if not maybe_closed:
            scan.escape(position, still_open, _ESCAPED["{"] * still_open, "{{")
    for position in scan.links:
        scan.escape(position, 2, _ESCAPED["["] * 2, "[[")
    for position in scan.tables:
        scan.escape(position, 1, _ESCAPED["{"], "{|")
    for openers in scan.tags.values():
        for position in openers:
            scan.escape(position, 1, _ESCAPED["<"], "<tag")


def _apply(text: str, escapes: list[tuple[int, int, str]]) -> str:
    pieces = []
    position = 0
    for start, length, replacement in sorted(escapes):
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = start + length
    pieces.append(text[position:])
    return "".join(pieces)


_KIND_NAMES = {
    "{{": "`{{`",
    "[[": "`[[`",
    "{|": "`{|`",
    "[http": "`[` of an external link",
    "<tag": "`<tag>`",
}


def _notes(counts: Counter[str]) -> list[str]:
    return [
        f"{count} unclosed {_KIND_NAMES[kind]} read as plain text"
        if kind in _KIND_NAMES
        else f"{count} {kind} read as {MAX_LIST_DEPTH} levels"
        for kind, count in sorted(counts.items())
        if count >= NOTE_THRESHOLD
    ]
