"""Where `citeaudit audit` writes: never over an input, in the format the file name asks for,
and into a place checked before any work is done."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from citeaudit.app.cli import World, main
from citeaudit.model import FetchRequest, FetchResult
from tests.fakes import FakeFetcher

ARTICLE = """'''Jane Example''' is an activist.<ref>{{cite book |title=A Book |publisher=Example
 Press |year=2015}}</ref>

== References ==
{{reflist}}
"""


def no_network() -> FakeFetcher:
    def refuse(request: FetchRequest) -> FetchResult:
        raise AssertionError(f"nothing should be fetched: {request.url}")

    return FakeFetcher(refuse)


def world(fetcher: FakeFetcher | None = None) -> World:
    return World(
        network=fetcher or no_network(),
        sleep=lambda seconds: None,
        today=lambda: dt.date(2026, 11, 28),
    )


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "Jane_Example.wiki"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_the_report_is_never_written_over_its_input(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["audit", str(article), "--no-links", "-o", str(article)], world())
    assert status == 2
    err = capsys.readouterr().err
    assert "over its input" in err and str(article) in err
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_an_input_is_never_overwritten_through_another_spelling_of_its_path(
    article: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(article.parent)
    status = main(["audit", article.name, "--no-links", "-o", f"./{article.name}"], world())
    assert status == 2
    assert "over its input" in capsys.readouterr().err
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_a_report_named_after_its_title_does_not_replace_an_input_of_that_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Text copied off a page, saved as `Jane_Example.md`: the report would get that name."""
    source = tmp_path / "Jane_Example.md"
    source.write_text(ARTICLE, encoding="utf-8")
    status = main(["audit", str(source), "--no-links", "-o", f"{tmp_path}/"], world())
    assert status == 2
    assert "over its input" in capsys.readouterr().err
    assert source.read_text(encoding="utf-8") == ARTICLE


@pytest.mark.parametrize(
    ("name", "expected"),
    [("r.json", "json"), ("r.JSON", "json"), ("r.md", "markdown"), ("r.markdown", "markdown")],
)
def test_the_format_follows_the_extension_of_the_output(
    article: Path, tmp_path: Path, name: str, expected: str
) -> None:
    output = tmp_path / "out" / name
    assert main(["audit", str(article), "--no-links", "-o", str(output)], world()) in (0, 1)
    text = output.read_text(encoding="utf-8")
    if expected == "json":
        assert json.loads(text)["schema"].startswith("citeaudit.report/")
    else:
        assert text.startswith("# Citation audit: Jane Example\n")


def test_format_overrides_the_extension(article: Path, tmp_path: Path) -> None:
    output = tmp_path / "report.txt"
    command = ["audit", str(article), "--no-links", "-o", str(output), "--format", "json"]
    assert main(command, world()) in (0, 1)
    assert json.loads(output.read_text(encoding="utf-8"))["article"]["title"] == "Jane Example"
    output = tmp_path / "report.json"
    command = ["audit", str(article), "--no-links", "-o", str(output), "--format", "markdown"]
    assert main(command, world()) in (0, 1)
    assert output.read_text(encoding="utf-8").startswith("# Citation audit")


def test_an_unknown_extension_without_format_is_markdown(article: Path, tmp_path: Path) -> None:
    output = tmp_path / "report.txt"
    assert main(["audit", str(article), "--no-links", "-o", str(output)], world()) in (0, 1)
    assert output.read_text(encoding="utf-8").startswith("# Citation audit")


@pytest.mark.parametrize("target", ["file", "directory"])
def test_an_unwritable_output_is_found_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    """A title would be fetched from the wiki: nothing is asked when the output cannot be
    written (here its parent is a file, which even root cannot write into)."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a directory", encoding="utf-8")
    output = blocker / ("r.md" if target == "file" else "reports/")
    fetcher = no_network()
    status = main(["audit", "Jane Example", "-o", str(output)], world(fetcher))
    assert status == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and str(blocker) in err
    assert fetcher.requests == []


def test_an_output_directory_that_does_not_exist_yet_is_made(article: Path, tmp_path: Path) -> None:
    output = tmp_path / "new" / "deeper"
    assert main(["audit", str(article), "--no-links", "-o", f"{output}/"], world()) in (0, 1)
    assert (output / "Jane_Example.md").exists()
