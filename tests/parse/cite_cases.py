"""Read the Cite extension's parser tests and what their expected HTML shows.

`../shared/reference/data/cite_parser_tests.txt` (from wikimedia/mediawiki-extensions-Cite, GPL)
holds, for each case, wikitext and the HTML MediaWiki renders from it (`html/php` or `html` for
the legacy parser, `html/parsoid` for Parsoid). `expected_entries` reads the HTML with a few
selectors of its own, independent of `citeaudit.parse.html.article`, so it can serve as the oracle for
both parsers: the reference-list entries, each with its group, footnote number and the number of
inline markers that point at it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Tag


@dataclass
class CiteCase:
    name: str
    sections: dict[str, str] = field(default_factory=dict)

    @property
    def wikitext(self) -> str:
        return self.sections.get("wikitext", "")

    @property
    def legacy_html(self) -> str | None:
        return self.sections.get("html/php", self.sections.get("html"))

    @property
    def parsoid_html(self) -> str | None:
        return self.sections.get("html/parsoid")

    @property
    def options(self) -> str:
        return self.sections.get("options", "")


@dataclass(frozen=True, order=True)
class ExpectedEntry:
    group: str
    number: str
    uses: int


def load_cases(path: Path) -> list[CiteCase]:
    """Every `!! test` block of the file, with its sections by name."""
    cases: list[CiteCase] = []
    current: CiteCase | None = None
    section: str | None = None
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        header = re.match(r"^!!\s*(\S+)\s*$", line)
        if not header:
            if section is not None:
                lines.append(line)
            continue
        keyword = header.group(1)
        if current is not None and section is not None:
            current.sections[section] = "\n".join(lines)
        lines = []
        if keyword == "test":
            current, section = CiteCase(name=""), "test"
        elif keyword == "end":
            if current is not None:
                current.name = current.sections.pop("test", "").strip()
                cases.append(current)
            current, section = None, None
        else:
            section = keyword if current is not None else None
    return cases


def expected_entries(html: str) -> list[ExpectedEntry]:
    """The reference-list entries the HTML shows, each with its inline markers counted."""
    soup = BeautifulSoup(html, "html.parser")
    markers: Counter[str] = Counter()
    for sup in soup.find_all("sup"):
        classes = sup.get("class") or []
        if "reference" not in classes and "mw:Extension/ref" not in (sup.get("typeof") or ""):
            continue
        link = sup.find("a", href=True)
        if isinstance(link, Tag):
            note = str(link["href"]).partition("#")[2]  # a ref name may itself hold a "#"
            markers[note] += 1
    entries: list[ExpectedEntry] = []
    for ol in soup.find_all("ol"):
        classes = ol.get("class") or []
        if "references" not in classes and "mw-references" not in classes:
            continue
        group = str(ol.get("data-mw-group") or "")
        for position, li in enumerate(ol.find_all("li", recursive=False), start=1):
            note = str(li.get("id") or "").replace("&#95;", "_")
            number = str(li.get("data-mw-footnote-number") or position)
            entries.append(ExpectedEntry(group, number, markers[note]))
    return sorted(entries)
