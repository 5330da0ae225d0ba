"""The test dump: a small multistream dump of a made-up wiki, built from the project's fixtures.

`testwiki-20260101-pages-articles-multistream.xml.bz2` and its index hold, in streams of 20
pages: the project's CC BY-SA article fixture ("Bakhytzhan Toregozhina", whose attribution is
in its own wikitext and in fixtures/Bakhytzhan_Toregozhina/README.md), 240 generated articles
(tests/scan/articles.py: simulated text, `.example` hosts), redirects, talk and template pages,
a page whose text is hidden, one with no text, one whose XML is broken, and one stream whose
bytes are scrambled. Everything is deterministic: the same bytes every time.

Build it where you like, for the README's worked example:

    .venv/bin/python -m tests.scan.testdump /tmp/testwiki
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from tests.conftest import FIXTURES

from .articles import name, realistic_article
from .dumpwriter import PageSpec, write_multistream

PAGES_PER_STREAM = 20
GENERATED_ARTICLES = 240
SCRAMBLED_STREAM = 3
"""The fourth page stream: its 20 pages are lost, and a `problems` row says so."""
SEED_TITLE = "Bakhytzhan Toregozhina"
SEED_TEXT = FIXTURES / "Bakhytzhan_Toregozhina" / "Bakhytzhan_Toregozhina.wiki"
BROKEN_XML = (
    b"  <page>\n    <title>Broken markup</title>\n    <ns>0</ns>\n    <id>{id}</id>\n"
    b"    <revision>\n      <id>1</id>\n      <text>An &undefined; entity.</text>\n"
    b"    </revision>\n  </page>\n"
)


def generated_titles(count: int, seed: int = 16) -> list[str]:
    rng = random.Random(seed)
    titles: list[str] = []
    while len(titles) < count:
        title = name(rng)
        if title not in titles:
            titles.append(title)
    return titles


def dump_pages() -> list[PageSpec]:
    """Every page of the test dump, in page-id order."""
    titles = generated_titles(GENERATED_ARTICLES)
    pages = [PageSpec(SEED_TITLE, 1, SEED_TEXT.read_text(encoding="utf-8"))]
    for number, title in enumerate(titles):
        page_id = len(pages) + 1
        rng = random.Random(f"article {title}")
        timestamp = f"2025-{1 + number % 12:02d}-{1 + number % 28:02d}T12:{number % 60:02d}:00Z"
        pages.append(PageSpec(title, page_id, realistic_article(rng, title), timestamp=timestamp))
        if number % 40 == 7:
            target = titles[number]
            pages.append(
                PageSpec(
                    f"{target} (place)", len(pages) + 1, f"#REDIRECT [[{target}]]", redirect=target
                )
            )
        if number % 25 == 3:
            pages.append(
                PageSpec(
                    f"Talk:{title}",
                    len(pages) + 1,
                    "== Sources ==\nIs this cited?<ref>x</ref> ~~~~",
                    namespace=1,
                )
            )
        if number % 60 == 11:
            pages.append(
                PageSpec(
                    f"Template:Box {number}",
                    len(pages) + 1,
                    "<includeonly>{{{1}}}</includeonly>",
                    namespace=10,
                )
            )
        if number == 100:
            pages.append(PageSpec("Hidden revision", len(pages) + 1, None, hidden=True))
        if number == 120:
            pages.append(PageSpec("Empty page", len(pages) + 1, None))
        if number == 140:
            page_id = len(pages) + 1
            raw = BROKEN_XML.replace(b"{id}", str(page_id).encode())
            pages.append(PageSpec("Broken markup", page_id, None, raw=raw))
    return pages


def build_test_dump(directory: Path) -> tuple[Path, Path]:
    """Write the test dump and its index into `directory`; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    return write_multistream(
        directory, dump_pages(), PAGES_PER_STREAM, scrambled_streams=[SCRAMBLED_STREAM]
    )


if __name__ == "__main__":
    dump, index = build_test_dump(Path(sys.argv[1] if len(sys.argv) > 1 else "testwiki"))
    print(f"{dump}\n{index}")
