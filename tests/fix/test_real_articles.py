"""Repairs on real articles: the Rust article (its wikitext in the shared reference data, read
there) over a simulated web where a few of its links die, and the seed.

A handful of the Rust article's citations are changed the way articles go wrong (a challenge
page's title, a mistyped access-date, an archive-date off by days, a citation marked dead whose
page answers, a bare URL), and a few of its links are made dead; everything else answers with a
page titled as it is cited. Each repair must be made, the patched article must parse to the same
references and uses (the merged ones aside), and a new audit of it must no longer report what
was repaired, nor anything new.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from citeaudit.fix import FixOptions, propose_fixes, unified_diff
from citeaudit.model import Article, Report, SourceForm
from citeaudit.parse import parse_article, read_article_file
from tests.conftest import FIXTURES, shared_file
from tests.fakes import page, redirect
from tests.fix.conftest import SimulatedWeb, alive, audit, fix, serious

BARE = "https://example.org/rust-bare-url-page"
MUTATIONS = (
    # (what the article says, what it says after the mutation)
    (
        "|title=Platform Support |website=The rustc book",
        "|title=Just a moment... |website=The rustc book",
    ),
    (
        "|access-date=2022-10-19  |archive-date=2023-07-22",
        "|access-date=19 Oct. 2022  |archive-date=2023-07-22",
    ),
    ("|archive-date=2025-02-23", "|archive-date=2025-02-27"),
    ("|url-status=live", "|url-status=dead"),
)


def rust_text() -> str:
    page_data = json.loads(
        shared_file("reference", "data", "rust_rest_page.json").read_text("utf-8")
    )
    text = str(page_data["source"])
    for before, after in MUTATIONS:
        assert before in text, before
        text = text.replace(before, after, 1)
    marker = "== History =="
    assert marker in text
    return text.replace(
        marker, f"Rust is also described elsewhere.<ref>{BARE}</ref>\n\n{marker}", 1
    )


def rust_web(article: Article) -> SimulatedWeb:
    web = SimulatedWeb()
    for reference in article.references:
        if reference.url and reference.url not in web.pages:
            web.pages[reference.url] = alive(reference.url, reference.title or "Rust")
    urls = [
        r.url for r in article.references if r.url and not r.archive_url and r.kind == "cite web"
    ]
    with_capture, without_capture, gone_home = urls[0], urls[1], urls[3]
    web.pages[with_capture] = page(with_capture, 404)
    web.captures[with_capture] = [("20230101120000", "200")]
    web.pages[without_capture] = page(without_capture, 410)
    web.captures[without_capture] = []
    home = "https://" + gone_home.split("/")[2] + "/"
    web.pages[gone_home] = redirect(gone_home, home)
    web.pages[home] = alive(home, "Home page")
    web.captures[gone_home] = []
    head = '<meta property="og:site_name" content="Example Programming News">'
    web.pages[BARE] = alive(BARE, "Rust in practice | Example Programming News", head)
    web.pages["https://doc.rust-lang.org/rustc/platform-support.html"] = alive(
        "https://doc.rust-lang.org/rustc/platform-support.html", "Platform Support - The rustc book"
    )
    return web


@pytest.fixture(scope="module")
def rust() -> tuple[str, SimulatedWeb, Report]:
    text = rust_text()
    web = rust_web(parse_article(text, SourceForm.WIKITEXT))
    return text, web, audit(text, web)


def test_every_repair_is_made_on_the_rust_article(rust: tuple[str, SimulatedWeb, Report]) -> None:
    text, web, report = rust
    patch = propose_fixes(report, text)
    made = {(change.code, change.parameter) for change in patch.changes}
    for expected in [
        ("link-dead", "archive-url"),
        ("link-dead", "{{Dead link}}"),
        ("link-soft-404", "{{Dead link}}"),
        ("link-alive-marked-dead", "url-status"),
        ("archive-date-mismatch", "archive-date"),
        ("access-date-invalid", "access-date"),
        ("title-generic", "title"),
        ("ref-bare-url", "{{cite web}}"),
        ("ref-duplicate", "ref"),
    ]:
        assert expected in made, expected
    assert "|access-date=2022-10-19  |archive-date=2023-07-22" in patch.text  # ISO, as most are
    assert "|title=Platform Support |website=The rustc book" in patch.text
    assert patch.fixes.summary.startswith(
        "Rescuing 1 source and tagging 2 as dead; 1 date normalised"
    )


def test_the_patched_rust_article_keeps_its_references_and_uses(
    rust: tuple[str, SimulatedWeb, Report],
) -> None:
    text, web, report = rust
    patch = propose_fixes(report, text)
    before = parse_article(text, SourceForm.WIKITEXT)
    after = parse_article(patch.text, SourceForm.WIKITEXT)
    merged = {
        c.reference_id for c in patch.changes if c.code == "ref-duplicate" and c.parameter == "ref"
    }
    kept = [r for r in before.references if r.id not in merged]
    assert len(after.references) == len(kept)
    gained = {
        c.reference_id: before.reference(next(iter(merged)))
        for c in patch.changes
        if c.code == "ref-duplicate" and c.parameter == "name"
    }
    for old, new in zip(kept, after.references, strict=True):
        assert (old.group, old.url) == (new.group, new.url)
        uses = [(u.section_index, u.sentence_id) for u in old.uses]
        if old.id in gained:
            uses += [(u.section_index, u.sentence_id) for u in gained[old.id].uses]  # type: ignore[union-attr]
        assert sorted(uses, key=str) == sorted(
            ((u.section_index, u.sentence_id) for u in new.uses), key=str
        )
    assert [s.text for _, _, s in before.sentences()] == [s.text for _, _, s in after.sentences()]


def test_a_new_audit_of_the_patched_rust_article_reports_no_repaired_finding_and_nothing_new(
    rust: tuple[str, SimulatedWeb, Report],
) -> None:
    text, web, report = rust
    patch = propose_fixes(report, text)
    again = audit(patch.text, web)

    # Merging renumbers the references after the merged one: compare by what they cite.
    def keyed(found: Report) -> dict[tuple[str, str], int]:
        names = {
            r.id: f"{r.url}|{r.raw[:60] if not r.url else ''}" for r in found.article.references
        }
        return {
            (code, names.get(ref or "", "")): rank for (code, ref), rank in serious(found).items()
        }

    was, now = keyed(report), keyed(again)
    repaired = {
        (c.code, f"{r.url}|{r.raw[:60] if not r.url else ''}")
        for c in patch.changes
        if c.parameter not in ("ref", "name")
        and (r := report.article.reference(c.reference_id or ""))
    }
    for key in repaired:
        assert now.get(key, -1) < was[key], key
    assert sorted(set(now) - set(was)) == []


def test_the_diff_applies_with_patch(
    rust: tuple[str, SimulatedWeb, Report], tmp_path: Path
) -> None:
    if shutil.which("patch") is None:
        pytest.skip("the patch program is not installed")
    text, web, report = rust
    result = propose_fixes(report, text)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "Rust.wiki").write_text(text, encoding="utf-8")
    diff = unified_diff(text, result.edits, "a/Rust.wiki", "b/Rust.wiki")
    subprocess.run(
        ["patch", "-s", "-p1", "-d", str(tmp_path / "a")],
        input=diff.encode(),
        check=True,
        timeout=60,
    )
    assert (tmp_path / "a" / "Rust.wiki").read_text(encoding="utf-8") == result.text


def test_the_rust_article_with_nothing_to_repair_comes_back_byte_for_byte() -> None:
    text = str(
        json.loads(shared_file("reference", "data", "rust_rest_page.json").read_text("utf-8"))[
            "source"
        ]
    )
    article = parse_article(text, SourceForm.WIKITEXT)
    web = SimulatedWeb(
        {
            r.url: page(r.url, 404) if r.url_status == "dead" else alive(r.url, r.title or "Rust")
            for r in article.references
            if r.url
        }
    )  # every citation right about its link: those marked dead are gone
    report = audit(text, web)
    patch = propose_fixes(report, text, FixOptions.choose(skip=["ref-duplicate"]))
    assert not patch.changed and patch.text == text


def test_the_seed_has_nothing_a_repair_may_change() -> None:
    path = FIXTURES / "Bakhytzhan_Toregozhina" / "Bakhytzhan_Toregozhina.wiki"
    text = read_article_file(path)
    report, patch = fix(text, SimulatedWeb())
    assert patch.text == text and not patch.changed
    assert {d.code: d.why for d in patch.declined} == {
        "ref-duplicate": "they share only a document number: two copies of one document may "
        "both be worth keeping",
        "title-generic": "it gives no URL whose page could be read",
    }
