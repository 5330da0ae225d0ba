"""Safe report writing: names that cannot leave the directory, writes that are all or nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeaudit.app.output import MAX_NAME_BYTES, atomic_write, report_path, safe_filename
from citeaudit.errors import OutputError


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Bakhytzhan Toregozhina", "Bakhytzhan_Toregozhina"),
        ("Rust (programming language)", "Rust_(programming_language)"),
        ("../../etc/passwd", "etc_passwd"),
        ("..", "article"),
        ("a/b\\c", "a_b_c"),
        ("nul\x00byte", "nul_byte"),
        ("CON", "_CON"),
        ("aux.txt", "_aux.txt"),
        ("AC/DC: <live>?", "AC_DC_live"),
        ("line\nbreak", "line_break"),
        ("", "article"),
    ],
)
def test_titles_become_one_harmless_name(title: str, expected: str) -> None:
    assert safe_filename(title) == expected


def test_lone_surrogates_cannot_stop_a_name_or_a_write(tmp_path: Path) -> None:
    title = "x" * 200 + "\ud800"
    assert "\ud800" not in safe_filename(title)
    atomic_write(tmp_path / "r.md", f"title: {title}\n")
    assert (tmp_path / "r.md").read_text(encoding="utf-8").endswith("?\n")


def test_long_titles_are_cut_and_stay_distinct() -> None:
    first, second = safe_filename("é" * 300 + "a"), safe_filename("é" * 300 + "b")
    assert first != second
    assert len(first.encode()) <= MAX_NAME_BYTES and len(second.encode()) <= MAX_NAME_BYTES
    first.encode("utf-8").decode("utf-8")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_no_title_escapes_the_output_directory(
    tmp_path_factory: pytest.TempPathFactory, title: str
) -> None:
    directory = tmp_path_factory.getbasetemp() / "reports"
    path = report_path(directory, title, ".md")
    assert path.parent == directory
    assert path.name not in (".md", "..md") and not path.name.startswith(".")
    assert "/" not in path.name and "\x00" not in path.name


def test_atomic_write_replaces_the_whole_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.md"
    atomic_write(target, "first\n")
    atomic_write(target, "second\n")
    assert target.read_text() == "second\n"
    assert os.listdir(target.parent) == ["report.md"]


def test_an_interrupted_write_keeps_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    atomic_write(target, "old report\n")

    def interrupted_replace(source: str, destination: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted_replace)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "new report\n")
    assert target.read_text() == "old report\n"
    assert os.listdir(tmp_path) == ["report.md"]


def test_an_unwritable_directory_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(OutputError, match="cannot write"):
        atomic_write(blocker / "report.md", "x")
