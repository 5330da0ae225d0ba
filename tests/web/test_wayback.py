"""Wayback Machine snapshot URLs: timestamp, flag and original URL."""

from __future__ import annotations

import datetime as dt

import pytest

from citeaudit.web.wayback import parse_wayback_url


@pytest.mark.parametrize(
    ("url", "timestamp", "flag", "original", "date"),
    [
        (
            "https://web.archive.org/web/20230312101500/https://example.org/a",
            "20230312101500",
            None,
            "https://example.org/a",
            dt.date(2023, 3, 12),
        ),
        (
            "http://web.archive.org/web/20170211031659id_/http://embedjournal.com/x",
            "20170211031659",
            "id_",
            "http://embedjournal.com/x",
            dt.date(2017, 2, 11),
        ),
        (
            "https://archive.org/web/20230312/https://example.org/",
            "20230312",
            None,
            "https://example.org/",
            dt.date(2023, 3, 12),
        ),
        (
            "https://web.archive.org/web/202204/https://example.org/",
            "202204",
            None,
            "https://example.org/",
            None,
        ),
        (
            "https://web.archive.org/web/20231345000000/https://example.org/",
            "20231345000000",
            None,
            "https://example.org/",
            None,
        ),
    ],
)
def test_snapshot_parts(
    url: str, timestamp: str, flag: str | None, original: str, date: dt.date | None
) -> None:
    snapshot = parse_wayback_url(url)
    assert snapshot is not None
    assert (snapshot.timestamp, snapshot.flag, snapshot.original, snapshot.date) == (
        timestamp,
        flag,
        original,
        date,
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/web/20230312101500/https://example.org/",
        "https://archive.today/20230312/https://example.org/",
        "https://web.archive.org/save/https://example.org/",
    ],
)
def test_other_urls_are_not_snapshots(url: str) -> None:
    assert parse_wayback_url(url) is None
