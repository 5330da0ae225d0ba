"""The JSON report as scripts read it: each finding's URL, place in the source, advice apart
from the message, a fingerprint stable across runs, and reasons said once."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from citeaudit.app.cli import World, main
from citeaudit.model import FetchRequest, FetchResult
from tests.conftest import FIXTURES, SEED_REPLAY
from tests.fakes import FakeFetcher, html, page

SEED = FIXTURES / "Bakhytzhan_Toregozhina"
ARTICLE = """'''Jane Example''' is an activist.<ref name="gone">{{cite web
 |url=https://example.org/gone |title=Profile |work=Example |date=1 March 2023
 |access-date=11 March 2023}}</ref>
She founded a school.<ref name="gone" /><ref>{{cite book |title=A Book |publisher=Press
 |year=2015}}</ref><ref>{{cite book |title=Another Book |publisher=Press |year=2016}}</ref>

== References ==
{{reflist}}
"""


def simulated(request: FetchRequest) -> FetchResult:
    if "archive.org" in request.url:
        return page(request.url, body='{"archived_snapshots": {}}')
    return page(request.url, status=404, body=html("Not Found"))


def audit_json(source: Path, *options: str, fetcher: FakeFetcher | None = None) -> dict[str, Any]:
    out = source.parent / f"report-{len(options)}-{abs(hash(options))}.json"
    world = World(
        network=fetcher or FakeFetcher(simulated),
        sleep=lambda seconds: None,
        today=lambda: dt.date(2026, 11, 28),
    )
    main(["audit", str(source), "--no-state", "-q", "-o", str(out), *options], world)
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return document


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "Jane_Example.wiki"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("seed") / "seed.json"
    main([*SEED_REPLAY, "-q", "-o", str(out)])
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return document


def test_the_schema_is_version_2(seed_report: dict[str, Any]) -> None:
    assert seed_report["schema"] == "citeaudit.report/2"


def test_every_finding_has_the_fields_scripts_read(seed_report: dict[str, Any]) -> None:
    for finding in seed_report["findings"]:
        assert {"url", "position", "fix", "fingerprint"} <= set(finding)
        assert finding["position"] is not None, finding
        assert set(finding["position"]) == {"line", "column"}


def test_positions_point_into_the_wikitext(seed_report: dict[str, Any]) -> None:
    lines = (SEED / "Bakhytzhan_Toregozhina.wiki").read_text(encoding="utf-8").split("\n")
    for finding in seed_report["findings"]:
        line = lines[finding["position"]["line"] - 1]
        here = line[finding["position"]["column"] - 1 :]
        if finding["sentence"]:
            assert here.startswith(finding["sentence"].split()[0].strip("'")), finding
        else:
            assert here.startswith("<ref"), finding


def test_the_advice_is_apart_from_the_message(seed_report: dict[str, Any]) -> None:
    without_url = [f for f in seed_report["findings"] if f["code"] == "access-date-without-url"]
    assert without_url
    for finding in without_url:
        assert "has an access-date" in finding["message"]
        assert "|url=" not in finding["message"]
        assert finding["fix"].startswith("Add the |url= the date refers to")
    assert all(finding["fix"] for finding in seed_report["findings"])


def test_link_findings_name_their_url(article: Path) -> None:
    report = audit_json(article)
    dead = [finding for finding in report["findings"] if finding["code"] == "link-dead"]
    assert dead and all(finding["url"] == "https://example.org/gone" for finding in dead)


def test_fingerprints_are_unique_and_survive_another_day_and_an_edit_above(
    article: Path,
) -> None:
    first = audit_json(article, "--as-of", "2026-11-28")
    prints = [finding["fingerprint"] for finding in first["findings"]]
    assert len(set(prints)) == len(prints) and all(len(p) == 16 for p in prints)
    later = audit_json(article, "--as-of", "2027-06-01")
    assert {f["fingerprint"] for f in later["findings"]} >= set(prints) - {
        f["fingerprint"] for f in first["findings"] if f["code"] == "link-rot-risk"
    }
    edited = article.with_name("Edited.wiki")
    edited.write_text(
        "A new first sentence.<ref>{{cite book |title=New |publisher=P |year=2020}}</ref>\n"
        + ARTICLE,
        encoding="utf-8",
    )
    after_edit = audit_json(edited, "--as-of", "2026-11-28")
    assert {f["fingerprint"] for f in after_edit["findings"]} >= set(prints)


def test_reasons_say_each_thing_once(article: Path) -> None:
    report = audit_json(article)
    [record] = [r for r in report["support"] if r["sentence"] == "She founded a school."]
    assert record["reason"].count("the reference gives no URL to read") == 1
    assert "(2 sources)" in record["reason"]
