"""Golden reports of real articles: the seed (offline, with its recorded web) and Rust.

The seed's Markdown report is the committed example report (`reports/`, checked by
`tests/test_readme.py`); its JSON report is kept here. The Rust article's wikitext is read from
`../shared/reference/data/` (never copied into the project) and audited without links.
Regenerate after an intended change with `UPDATE_GOLDEN=1`, then review `git diff`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_golden import assert_matches_golden

from citeaudit.app.cli import main
from tests.conftest import FIXTURES, shared_file

SEED = FIXTURES / "Bakhytzhan_Toregozhina"
AS_OF = "2026-11-28"


def audit_to_text(arguments: list[str], output: Path) -> str:
    main([*arguments, "--as-of", AS_OF, "-o", str(output), "--quiet"])
    return output.read_text(encoding="utf-8")


def test_seed_json_report(tmp_path: Path) -> None:
    arguments = ["audit", str(SEED / "Bakhytzhan_Toregozhina.wiki"), "--offline", str(SEED / "web")]
    text = audit_to_text([*arguments, "--format", "json"], tmp_path / "seed.json")
    assert_matches_golden("seed.json", text)


def test_seed_rendered_text_markdown_report(tmp_path: Path) -> None:
    arguments = [
        "audit",
        str(SEED / "Bakhytzhan_Toregozhina.rendered.txt"),
        "--offline",
        str(SEED / "web"),
    ]
    text = audit_to_text(arguments, tmp_path / "seed-rendered.md")
    assert "No URL in this form" in text
    assert_matches_golden("seed-rendered.md", text)


@pytest.fixture
def rust_article(tmp_path: Path) -> Path:
    """The Rust article's wikitext and revision, laid out as `citeaudit fetch` saves them."""
    page = json.loads(shared_file("reference", "data", "rust_rest_page.json").read_text("utf-8"))
    directory = tmp_path / "rust"
    directory.mkdir()
    (directory / "article.wiki").write_text(page["source"], encoding="utf-8")
    revision = {
        "site": "en.wikipedia.org",
        "title": page["title"],
        "page_id": page["id"],
        "revision_id": page["latest"]["id"],
        "timestamp": page["latest"]["timestamp"],
    }
    (directory / "revision.json").write_text(json.dumps(revision), encoding="utf-8")
    return directory / "article.wiki"


@pytest.mark.parametrize(("format_id", "golden"), [("markdown", "rust.md"), ("json", "rust.json")])
def test_rust_reports(rust_article: Path, tmp_path: Path, format_id: str, golden: str) -> None:
    arguments = ["audit", str(rust_article), "--no-links", "--format", format_id]
    text = audit_to_text(arguments, tmp_path / f"report.{format_id}")
    assert text.startswith("# Citation audit: Rust (programming language)") or format_id == "json"
    assert_matches_golden(golden, text)
