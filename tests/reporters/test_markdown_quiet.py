"""A quieter Markdown report: each finding in full once, short pointers elsewhere, cells cut
(the JSON keeps them whole), counts written as words, errors before warnings, and a cap on
"Fix first" with the rest counted."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from citeaudit.app.cli import World, main
from citeaudit.reporters import escape
from citeaudit.reporters.markdown import CELL_LIMIT, FIX_FIRST_LIMIT
from tests.conftest import FIXTURES

SEED = FIXTURES / "Bakhytzhan_Toregozhina"


def audit(source: Path, tmp_path: Path, *options: str) -> tuple[str, dict]:
    markdown, report = tmp_path / "report.md", tmp_path / "report.json"
    world = World(sleep=lambda s: None, today=lambda: dt.date(2026, 11, 28))
    base = ["audit", str(source), "-q", "--as-of", "2026-11-28", *options]
    main([*base, "-o", str(markdown)], world)
    main([*base, "-o", str(report)], world)
    return markdown.read_text(encoding="utf-8"), json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    tmp = tmp_path_factory.mktemp("seed")
    return audit(SEED / "Bakhytzhan_Toregozhina.wiki", tmp, "--offline", str(SEED / "web"))


def section(markdown: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", markdown, re.S | re.M)
    assert match, title
    return match.group(1)


def test_each_finding_is_written_in_full_at_most_once(seed: tuple[str, dict]) -> None:
    markdown, report = seed
    alike = Counter(finding["message"] for finding in report["findings"])
    for finding in report["findings"]:
        message = finding["message"]
        assert markdown.count(escape.text(message)) <= alike[message], message
        if finding["severity"] == "info":  # the notes are in full by section (cells cut)
            assert markdown.count(escape.text(message[:120])) == alike[message], message


def test_findings_shown_in_fix_first_point_there_from_their_section(
    seed: tuple[str, dict],
) -> None:
    markdown, _ = seed
    by_section = section(markdown, "Findings by section")
    rows = [line for line in by_section.splitlines() if line.startswith("| warning")]
    assert rows and all("[Fix first](#fix-first)" in row for row in rows)


def test_long_cells_are_cut_and_kept_whole_in_json(seed: tuple[str, dict]) -> None:
    markdown, report = seed
    cells = [
        cell.strip()
        for line in markdown.splitlines()
        if line.startswith("| ")
        for cell in line.strip("|").split(" | ")
    ]
    assert max(len(cell) for cell in cells) <= CELL_LIMIT + 40
    assert any(cell.endswith("…") for cell in cells)
    assert max(len(finding["message"]) for finding in report["findings"]) > CELL_LIMIT


def test_counts_are_written_as_words(seed: tuple[str, dict]) -> None:
    markdown, report = seed
    assert "(s)" not in markdown
    assert all("(s)" not in (f["message"] + (f["fix"] or "")) for f in report["findings"])


ERRORS_AFTER_WARNINGS = """'''Jane Example''' is an activist.<ref name="gone" />
She was born in 1962.<ref>{{cite web |title=Born |access-date=1 May 2023}}</ref>

== References ==
{{reflist}}
"""


def test_fix_first_lists_the_errors_before_any_warning(tmp_path: Path) -> None:
    source = tmp_path / "Jane.wiki"
    source.write_text(ERRORS_AFTER_WARNINGS, encoding="utf-8")
    markdown, _ = audit(source, tmp_path, "--no-links")
    fix_first = section(markdown, "Fix first")
    items = [line for line in fix_first.splitlines() if line.startswith("- ")]
    severities = [item.split()[1] for item in items]
    assert severities[0] == "error" and "warning" in severities
    assert severities == sorted(severities, key=["error", "warning"].index)
    headings = re.findall(r"^### (\w+)", fix_first, re.M)
    assert headings[0] == "Errors"


def test_fix_first_is_capped_and_counts_the_rest(tmp_path: Path) -> None:
    sentences = " ".join(
        f"Claim number {n} is made here.{{{{citation needed|date=May 2023}}}}" for n in range(60)
    )
    source = tmp_path / "Many.wiki"
    source.write_text(f"{sentences}\n\n== References ==\n{{{{reflist}}}}\n", encoding="utf-8")
    markdown, report = audit(source, tmp_path, "--no-links")
    fix_first = section(markdown, "Fix first")
    items = [line for line in fix_first.splitlines() if line.startswith("- ")]
    serious = [f for f in report["findings"] if f["severity"] != "info"]
    assert len(items) == FIX_FIRST_LIMIT < len(serious)
    assert f"And {len(serious) - FIX_FIRST_LIMIT} more" in fix_first
    by_section = section(markdown, "Findings by section")
    shown_in_full = by_section.count("Find a reliable source and cite it")
    assert shown_in_full == len(serious) - FIX_FIRST_LIMIT, "the rest are in full by section"
