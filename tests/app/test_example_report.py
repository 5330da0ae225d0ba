"""The example report says what it audits: the seed is a hand reconstruction of the article's
wikitext whose unknown URLs are left out, and that is why most of its warnings are
`access-date-without-url`. The note comes from the file's own revision record, which any
article file may have beside it."""

from __future__ import annotations

import json
from pathlib import Path

from citeaudit.app.cli import main
from citeaudit.app.sources import read_file_article
from tests.conftest import FIXTURES, REPO

EXAMPLE = REPO / "reports" / "Bakhytzhan_Toregozhina.md"
README = REPO / "README.md"


def test_the_example_report_explains_the_reconstruction_it_audits() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    header = text.split("## Summary", 1)[0]
    assert "reconstruction" in header
    assert "access-date-without-url" in header


def test_the_readme_says_why_the_example_warns_so_much() -> None:
    text = README.read_text(encoding="utf-8")
    before_tests = text.split("Run the tests", 1)[0]
    assert "reconstruction" in before_tests and "access-date-without-url" in before_tests


def test_a_revision_record_beside_any_article_file(tmp_path: Path) -> None:
    article = tmp_path / "Draft.wiki"
    article.write_text("A claim.<ref>A book.</ref>\n\n== Notes ==\n{{reflist}}\n", "utf-8")
    (tmp_path / "Draft.revision.json").write_text(
        json.dumps(
            {"title": "Jane Example", "site": "en.wikipedia.org", "note": "a draft, not saved"}
        ),
        encoding="utf-8",
    )
    read = read_file_article(article, None, None)
    assert read.title == "Jane Example"
    assert read.revision is not None and read.revision.note == "a draft, not saved"
    out = tmp_path / "r.md"
    main(["audit", str(article), "--no-links", "-q", "-o", str(out)])
    assert "a draft, not saved" in out.read_text(encoding="utf-8").split("## Summary")[0]


def test_a_bad_note_is_refused(tmp_path: Path) -> None:
    article = tmp_path / "Draft.wiki"
    article.write_text("A claim.<ref>A book.</ref>\n", "utf-8")
    (tmp_path / "Draft.revision.json").write_text(json.dumps({"note": 3}), encoding="utf-8")
    assert main(["audit", str(article), "--no-links", "-q", "-o", str(tmp_path / "r.md")]) == 2


def test_the_seed_has_its_record() -> None:
    seed = read_file_article(
        FIXTURES / "Bakhytzhan_Toregozhina" / "Bakhytzhan_Toregozhina.wiki", None, None
    )
    assert seed.revision is not None and seed.revision.note
    assert seed.revision.revision_id is None, "a reconstruction is no revision of the wiki"
