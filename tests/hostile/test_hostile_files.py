"""Hostile files: offline fixtures that point outside themselves, are huge, or nest JSON
deeper than the stack (each refused with a `FixtureError` that says why), and link-history rows
that citeaudit did not write (ignored, and fetched again).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from citeaudit.errors import FixtureError
from citeaudit.model import LinkResult, LinkVerdict
from citeaudit.web.fetchers.recorded import MAX_BODY_FILE_BYTES, OfflineFetcher
from citeaudit.web.links.history import LinkHistory
from citeaudit.web.mediawiki import well_formed


def fixture(directory: Path, records: object) -> Path:
    (directory / "bodies").mkdir(parents=True, exist_ok=True)
    (directory / "records.json").write_text(json.dumps(records), encoding="utf-8")
    return directory


def test_a_body_file_symlinked_outside_the_fixture_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the report")
    directory = fixture(
        tmp_path / "fx", [{"url": "https://a.example/", "status": 200, "body_file": "page"}]
    )
    (directory / "bodies" / "page").symlink_to(secret)
    with pytest.raises(FixtureError, match="points outside bodies/"):
        OfflineFetcher.open(directory)


def test_a_huge_body_file_is_refused_unread(tmp_path: Path) -> None:
    directory = fixture(
        tmp_path, [{"url": "https://a.example/", "status": 200, "body_file": "huge.html"}]
    )
    with (directory / "bodies" / "huge.html").open("wb") as handle:
        handle.truncate(MAX_BODY_FILE_BYTES + 1)  # sparse: no disk used
    with pytest.raises(FixtureError, match="larger than 64 MiB"):
        OfflineFetcher.open(directory)


def test_json_nested_deeper_than_the_stack_is_a_fixture_error(tmp_path: Path) -> None:
    (tmp_path / "records.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(FixtureError, match="nested too deeply"):
        OfflineFetcher.open(tmp_path)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("verdict", "pwned"),
        ("chain", "[" * 100_000 + "]" * 100_000),
        ("chain", '{"not": "a chain"}'),
        ("chain", "[[1, 2, 3]]"),
    ],
)
def test_a_planted_history_row_is_ignored_not_trusted(
    tmp_path: Path, column: str, value: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "links.sqlite3"
    url = "https://a.example/page"
    with LinkHistory.open(path) as history:
        history.record(LinkResult(url=url, verdict=LinkVerdict.ALIVE, reason="HTTP 200"))
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(f"UPDATE checks SET {column} = ?", (value,))
    connection.close()
    with LinkHistory.open(path) as reopened:
        assert reopened.fresh(url, max_age=86_400) is None
    assert "unreadable row" in caplog.text


def test_lone_surrogates_from_the_api_become_replacement_characters() -> None:
    # JSON can carry `\ud800` (an API answer can); no later stage could encode it.
    assert well_formed(json.loads('"a\\ud800b \\ud83d\\ude00"')) == "a\ufffdb \U0001f600"
