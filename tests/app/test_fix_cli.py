"""`citeaudit fix` on the command line: outputs, refusals, and the report's "Proposed fixes"."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

from citeaudit.app.cli import World, main
from tests.conftest import FIXTURES

EXAMPLE = FIXTURES / "Repair_example"
ARTICLE = EXAMPLE / "Orrin_Valley_Tramway.wiki"
REPLAY = ["--offline", str(EXAMPLE / "web"), "--as-of", "2026-11-28"]
OFFLINE = [*REPLAY, "--dead-after", "0"]
"""The fixture holds one check of each link: its first failures count in full."""


def run(*arguments: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(arguments), World(stdout=out, stderr=err))
    return status, out.getvalue(), err.getvalue()


def test_the_patched_article_is_written_and_the_summary_told(tmp_path: Path) -> None:
    target = tmp_path / "patched.wiki"
    status, out, err = run("fix", str(ARTICLE), *OFFLINE, "-o", str(target))
    assert status == 0 and out == ""
    patched = target.read_text(encoding="utf-8")
    assert "|date=8 May 2019" in patched and "Just a moment" not in patched
    assert "Rescuing 1 source and tagging 1 as dead" in err and "11 changes" in err


def test_json_gives_one_record_per_change_and_the_findings_left() -> None:
    status, out, _ = run("fix", str(ARTICLE), *OFFLINE, "--format", "json", "-q")
    document = json.loads(out)
    assert status == 0 and document["schema"] == "citeaudit.fix/1"
    assert {"reference", "label", "code", "parameter", "old", "new", "why"} == set(
        document["changes"][0]
    )
    date = next(c for c in document["changes"] if c["code"] == "date-invalid")
    assert (date["parameter"], date["old"], date["new"]) == ("date", "08 May 2019", "8 May 2019")
    assert [d["code"] for d in document["declined"]] == ["link-dead"]


def test_a_link_not_yet_confirmed_dead_is_not_repaired() -> None:
    """As InternetArchiveBot waits: one failed check is no evidence enough to mark a link dead."""
    status, out, _ = run("fix", str(ARTICLE), *REPLAY, "--format", "json", "-q")
    document = json.loads(out)
    assert status == 0
    assert not {"link-dead", "link-soft-404"} & {c["code"] for c in document["changes"]}
    unconfirmed = [d for d in document["declined"] if d["code"] in ("link-dead", "link-soft-404")]
    assert unconfirmed and all("not yet confirmed dead" in d["why"] for d in unconfirmed)


def test_only_and_skip_take_finding_codes() -> None:
    def repaired(*choice: str) -> set[str]:
        status, out, _ = run("fix", str(ARTICLE), *OFFLINE, "--format", "json", "-q", *choice)
        assert status == 0
        return {change["code"] for change in json.loads(out)["changes"]}

    assert repaired("--only", "date-invalid,title-generic") == {"date-invalid", "title-generic"}
    skipped = repaired("--skip", "ref-duplicate", "--skip", "link-dead")
    assert skipped and skipped.isdisjoint({"ref-duplicate", "link-dead"})
    status, _, err = run("fix", str(ARTICLE), *OFFLINE, "--only", "link-blocked")
    assert status == 2 and "no repair answers link-blocked" in err


def test_html_and_text_cannot_be_patched(tmp_path: Path) -> None:
    text = FIXTURES / "Bakhytzhan_Toregozhina" / "Bakhytzhan_Toregozhina.rendered.txt"
    status, out, err = run("fix", str(text), "--no-links")
    assert (
        status == 2
        and out == ""
        and "only wikitext can be patched" in err
        and "Traceback" not in err
    )
    page = tmp_path / "page.html"
    page.write_text(
        '<!doctype html><html><body><div class="mw-parser-output"><p>A page.</p></div>'
        "</body></html>",
        encoding="utf-8",
    )
    status, _, err = run("fix", str(page), "--no-links")
    assert status == 2 and "read as html" in err


def test_the_article_itself_is_never_overwritten(tmp_path: Path) -> None:
    copy = tmp_path / "article.wiki"
    copy.write_bytes(ARTICLE.read_bytes())
    status, _, err = run("fix", str(copy), "--no-links", "-o", str(copy))
    assert status == 2 and "refusing to write the patch over its input" in err
    assert copy.read_bytes() == ARTICLE.read_bytes()
    link = tmp_path / "link.wiki"
    link.hardlink_to(copy)
    status, _, err = run("fix", str(copy), "--no-links", "-o", str(link))
    assert status == 2 and "over its input" in err
    assert copy.read_bytes() == ARTICLE.read_bytes()


def test_nothing_to_repair_gives_the_file_back_byte_for_byte_line_ends_and_all(
    tmp_path: Path,
) -> None:
    source = tmp_path / "windows.wiki"
    citation = "{{cite web |title=A report |work=News |date=8 May 2019}}"
    text = f"{{{{Use dmy dates}}}}\r\nA claim.<ref>{citation}</ref>\r\n{{{{Reflist}}}}\r\n"
    source.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    target = tmp_path / "same.wiki"
    assert run("fix", str(source), "--no-links", "-o", str(target), "-q")[0] == 0
    assert target.read_bytes() == source.read_bytes()
    repaired = tmp_path / "repaired.wiki"
    source.write_bytes(b"\xef\xbb\xbf" + text.replace("8 May", "08 May").encode("utf-8"))
    assert run("fix", str(source), "--no-links", "-o", str(repaired), "-q")[0] == 0
    assert repaired.read_bytes() == b"\xef\xbb\xbf" + text.encode("utf-8")


def test_the_markdown_report_proposes_the_same_fixes(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    run("audit", str(ARTICLE), *OFFLINE, "-o", str(report), "-q")
    text = report.read_text(encoding="utf-8")
    assert "## Proposed fixes" in text and "Rescuing 1 source and tagging 1 as dead" in text
    assert "\n-<ref>https://www.example.com/transport/orrin-tramway-2019</ref>\n" in text
    assert "\n+<ref>{{cite web |url=https://www.example.com/transport/orrin-tramway-2019 " in text
    seed = tmp_path / "seed.md"
    run(
        "audit",
        str(FIXTURES / "Bakhytzhan_Toregozhina" / "Bakhytzhan_Toregozhina.wiki"),
        "--offline",
        str(FIXTURES / "Bakhytzhan_Toregozhina" / "web"),
        "--as-of",
        "2026-11-28",
        "-o",
        str(seed),
        "-q",
    )
    assert "Proposed fixes" not in seed.read_text(encoding="utf-8")


def test_a_title_is_fetched_and_the_patch_names_the_revision_it_applies_to() -> None:
    from tests.app.test_cli import api, api_answer, world

    out, err = io.StringIO(), io.StringIO()
    arguments = ["fix", "Jane Example", "--site", "en.wikipedia.org", "--no-links", "--diff"]
    status = main(arguments, replace(world(api(api_answer("found.json"))), stdout=out, stderr=err))
    assert status == 0, err.getvalue()
    assert out.getvalue().startswith(
        "citeaudit fix: revision 1143000000 of Jane Example on en.wikipedia.org, as of 2026-11-28"
    )
    out = io.StringIO()
    arguments[-1:] = ["--format", "json", "-q"]
    main(arguments, replace(world(api(api_answer("found.json"))), stdout=out, stderr=err))
    document = json.loads(out.getvalue())
    assert (document["revision"], document["site"]) == (1143000000, "en.wikipedia.org")
