"""The Cite extension's bookkeeping of `<ref>`s: names, groups, numbers, lists and follows.

`RefRegistry` is told about every `<ref>` (and `{{#tag:ref}}`, `{{efn}}`, `{{sfn}}`, ...) in
document order and keeps the entries as MediaWiki's Cite extension does, as its parser tests
show (`reference/data/cite_parser_tests.txt`):

- Each group has a current list; `<references group=g />` (or `{{reflist}}`) closes it, and
  later refs of that group start a new list whose numbers start again at 1.
- An entry is numbered at its first use in the text, whether that use is a definition or a
  reuse `<ref name=x />`; list-defined refs (inside `<references>...</references>` or
  `{{reflist|refs=}}`) give bodies, not uses, and those never used keep no number.
- A name is trimmed and its HTML entities decoded; an empty or all-digit name is ignored (Cite
  reports it as an error and treats the ref as unnamed). A ref with neither name nor content,
  or with both `name` and `follow`, is an error and makes no entry.
- `follow=x` adds its body to the earlier entry `x` of the same list; with no such entry yet,
  it is dropped, as Cite drops it.

Reference ids are unique across groups: the default group's entries are `"1"`, `"2"`, ...;
group `g` gives `"g-1"`, `"g-2"`, ...; an entry of a later list of the same group (after a
`<references />` closed the first) gets `"~2"`, `"~3"`, ... appended; an entry never used in the
text is `"unused-<name>"` (`"g-unused-<name>"`, or `"unused-<n>"` when it has no name).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from citeaudit.model import Reference, Use


@dataclass
class RefList:
    """One reference list of one group: the entries shown by one `<references />`."""

    group: str | None
    generation: int
    by_name: dict[str, Reference] = field(default_factory=dict)
    entries: list[Reference] = field(default_factory=list)
    counter: int = 0
    position: int | None = None
    """Which reference list of the article this is, once a `<references />` showed it."""


def normalize_name(raw: str | None) -> str | None:
    """The name Cite matches on, or None when the ref counts as unnamed (blank or all digits)."""
    if raw is None:
        return None
    name = html.unescape(raw).strip()
    if not name or name.isdigit():
        return None
    return name


def normalize_group(raw: str | None) -> str | None:
    """A group name, None for the default group."""
    if raw is None:
        return None
    return html.unescape(raw).strip() or None


class RefRegistry:
    """Entries of every reference list, built from refs reported in document order."""

    def __init__(self) -> None:
        self._open: dict[str | None, RefList] = {}
        self._lists: list[RefList] = []
        self._generations: dict[str | None, int] = {}
        self._closed_count = 0
        self.unlisted_groups: list[str] = []
        """Groups whose last refs no `<references>` shows (MediaWiki adds only the main list)."""

    def use(
        self, group: str | None, name: str | None, body: str | None
    ) -> tuple[Reference, bool] | None:
        """Record an inline ref; return its entry and whether `body` is a new definition of it.

        Returns None for the refs Cite rejects (no name and no content).
        """
        has_body = body is not None and body.strip() != ""
        if name is None and not has_body:
            return None
        current = self._list(group)
        reference = current.by_name.get(name) if name is not None else None
        if reference is None:
            reference = self._new_entry(current, name)
        if reference.number is None:
            current.counter += 1
            reference.number = current.counter
        return reference, has_body and self._add_definition(reference, body)

    def define_in_list(
        self, group: str | None, name: str | None, body: str | None
    ) -> tuple[Reference, bool] | None:
        """Record a list-defined ref (inside `<references>`); it gives a body, not a use."""
        has_body = body is not None and body.strip() != ""
        current = self._list(group)
        reference = current.by_name.get(name) if name is not None else None
        if reference is None:
            if not has_body:
                return None
            reference = self._new_entry(current, name)
        if not has_body:
            return None
        return reference, self._add_definition(reference, body)

    def follow(self, group: str | None, parent: str) -> Reference | None:
        """The entry a `follow=` ref continues, or None when there is none yet (it is dropped)."""
        current = self._open.get(group)
        if current is None:
            return None
        return current.by_name.get(parent)

    def close_list(self, group: str | None) -> None:
        """A `<references />` of this group: show its current list and start a new one."""
        current = self._open.pop(group, None)
        if current is None or not current.entries:
            return
        current.position = self._closed_count
        self._closed_count += 1

    def finish(self) -> list[Reference]:
        """Every entry in reading order of the lists, numbered ones first, with their ids."""
        for group in sorted(self._open, key=lambda g: g is not None):
            if group is not None and self._open[group].entries:
                self.unlisted_groups.append(group)
            self.close_list(group)  # the lists MediaWiki adds at the end, the main one first
        shown = sorted(
            (ref_list for ref_list in self._lists if ref_list.entries),
            key=lambda ref_list: ref_list.position if ref_list.position is not None else 0,
        )
        references: list[Reference] = []
        taken: set[str] = set()
        for ref_list in shown:
            numbered = sorted(
                (r for r in ref_list.entries if r.number is not None), key=lambda r: r.number or 0
            )
            unused = [r for r in ref_list.entries if r.number is None]
            for index, reference in enumerate(numbered + unused, start=1):
                reference.id = _unique(_entry_id(ref_list, reference, index), taken)
                references.append(reference)
        return references

    def _list(self, group: str | None) -> RefList:
        current = self._open.get(group)
        if current is None:
            generation = self._generations.get(group, 0) + 1
            self._generations[group] = generation
            current = RefList(group, generation)
            self._open[group] = current
            self._lists.append(current)
        return current

    @staticmethod
    def _new_entry(current: RefList, name: str | None) -> Reference:
        reference = Reference(id="", group=current.group, name=name)
        current.entries.append(reference)
        if name is not None:
            current.by_name[name] = reference
        return reference

    @staticmethod
    def _add_definition(reference: Reference, body: str | None) -> bool:
        if (
            body is None
            or not body.strip()
            or body.strip() in (d.strip() for d in reference.definitions)
        ):
            return False
        reference.definitions.append(body)
        return True


def add_use(reference: Reference, section_index: int, page: str | None = None) -> Use:
    """Append a use to the entry and return it (its sentence is filled in later)."""
    use = Use(section_index=section_index, page=page)
    reference.uses.append(use)
    return use


def _entry_id(ref_list: RefList, reference: Reference, index: int) -> str:
    prefix = f"{ref_list.group}-" if ref_list.group is not None else ""
    if reference.number is None:
        base = f"{prefix}unused-{reference.name or index}"
    else:
        base = f"{prefix}{reference.number}"
    return base if ref_list.generation == 1 else f"{base}~{ref_list.generation}"


def _unique(candidate: str, taken: set[str]) -> str:
    result, counter = candidate, 1
    while result in taken:
        counter += 1
        result = f"{candidate}#{counter}"
    taken.add(result)
    return result
