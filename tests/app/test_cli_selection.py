"""Choosing what a run reports and fails on, as ruff users expect: `--select`/`--ignore`,
`--baseline`, `--exclude`, and a config file (`citeaudit.toml`, `[tool.citeaudit]`)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from citeaudit.app.cli import World, build_parser, main
from citeaudit.app.settings import find_settings
from citeaudit.model import FetchRequest, FetchResult
from tests.fakes import FakeFetcher, html, page

ARTICLE = """'''Jane Example''' is an activist.<ref>{{cite web |url=https://example.org/gone
 |title=Profile |work=Example |date=1 March 2023 |access-date=11 March 2023}}</ref>
She founded a school.<ref>{{cite web |url=https://blocked.example.net/school |title=School
 |work=Example |date=1 March 2023 |access-date=11 March 2023}}</ref>
She wrote a book.<ref>{{cite book |title=A Book |access-date=1 May 2023}}</ref>

== References ==
{{reflist}}
"""


def simulated(request: FetchRequest) -> FetchResult:
    if "archive.org" in request.url:
        return page(request.url, body='{"archived_snapshots": {}}')
    if "blocked.example.net" in request.url:
        return page(request.url, status=403, body=html("Forbidden"))
    return page(request.url, status=404, body=html("Not Found"))


class Run:
    """One `citeaudit audit` of the article, its JSON report and what it asked the web."""

    def __init__(self, status: int, report: dict[str, Any], fetcher: FakeFetcher, err: str):
        self.status, self.report, self.fetcher, self.err = status, report, fetcher, err

    @property
    def codes(self) -> list[str]:
        return sorted({finding["code"] for finding in self.report["findings"]})


@pytest.fixture
def audit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    article = tmp_path / "Jane_Example.wiki"
    article.write_text(ARTICLE, encoding="utf-8")

    def run(*options: str, source: Path = article) -> Run:
        fetcher = FakeFetcher(simulated)
        out = tmp_path / f"r{len(list(tmp_path.glob('r*.json')))}.json"
        world = World(network=fetcher, sleep=lambda s: None, today=lambda: dt.date(2026, 11, 28))
        # A first failure counts in full (--dead-after 0): these tests are about selection.
        command = ["audit", str(source), "--no-state", "--dead-after", "0", "-o", str(out)]
        status = main([*command, *options], world)
        err = capsys.readouterr().err
        report = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
        return Run(status, report, fetcher, err)

    return run


# --- --select / --ignore ---------------------------------------------------------------------


def test_everything_is_reported_by_default(audit: Any) -> None:
    run = audit()
    assert {"link-dead", "link-blocked", "access-date-without-url"} <= set(run.codes)
    assert run.status == 1


def test_select_a_family_and_ignore_one_code_in_it(audit: Any) -> None:
    run = audit("--select", "links", "--ignore", "link-blocked")
    assert run.codes == ["link-dead"]
    assert run.report["summary"]["findings_by_code"] == {"link-dead": 1}


def test_a_prefix_selects_every_code_it_begins(audit: Any) -> None:
    """`link` is a prefix of codes, not a family: `link-rot-risk` (a dates code) is one of them."""
    assert audit("--select", "link").codes == ["link-blocked", "link-dead", "link-rot-risk"]


def test_a_more_specific_select_wins_over_a_broader_ignore(audit: Any) -> None:
    run = audit("--ignore", "link", "--select", "link-blocked,access-date")
    assert run.codes == ["access-date-without-url", "link-blocked"]


def test_ignoring_the_errors_passes_the_run(audit: Any) -> None:
    assert audit("--ignore", "link-dead,link-rot-risk").status == 0


def test_families_and_all_are_selectors(audit: Any) -> None:
    assert audit("--select", "dates").codes == ["access-date-without-url", "link-rot-risk"]
    assert audit("--select", "ALL", "--ignore", "links,dates").codes == [
        c for c in audit().codes if not c.startswith(("link", "access", "archive"))
    ]


def test_an_unknown_code_is_a_usage_error_with_a_suggestion(audit: Any) -> None:
    run = audit("--select", "link-ded")
    assert run.status == 2 and "link-ded" in run.err and "link-dead" in run.err


# --- --baseline ------------------------------------------------------------------------------


def test_findings_in_the_baseline_do_not_fail_the_run(audit: Any, tmp_path: Path) -> None:
    first = audit()
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(first.report), encoding="utf-8")
    again = audit("--baseline", str(baseline))
    assert again.status == 0
    assert all(finding["in_baseline"] for finding in again.report["findings"])
    assert again.report["summary"]["findings_in_baseline"] == len(first.report["findings"])
    assert "in the baseline" in again.err


def test_a_new_finding_still_fails_the_run(audit: Any, tmp_path: Path) -> None:
    first = audit()
    baseline = tmp_path / "baseline.json"
    kept = [f for f in first.report["findings"] if f["code"] != "link-dead"]
    baseline.write_text(json.dumps({**first.report, "findings": kept}), encoding="utf-8")
    again = audit("--baseline", str(baseline))
    assert again.status == 1
    new = [f for f in again.report["findings"] if not f["in_baseline"]]
    assert [f["code"] for f in new] == ["link-dead"]


def test_a_baseline_directory_of_reports(audit: Any, tmp_path: Path) -> None:
    first = audit()
    directory = tmp_path / "known"
    directory.mkdir()
    (directory / "Jane_Example.json").write_text(json.dumps(first.report), encoding="utf-8")
    assert audit("--baseline", str(directory)).status == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not a JSON report"),
        ('{"schema": "citeaudit.report/1", "findings": []}', "citeaudit.report/1"),
        ("[]", "not a JSON report"),
    ],
)
def test_a_bad_baseline_is_an_input_error(
    audit: Any, tmp_path: Path, content: str, message: str
) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(content, encoding="utf-8")
    run = audit("--baseline", str(baseline))
    assert run.status == 2 and message in run.err and "Traceback" not in run.err
    assert run.fetcher.requests == [], "refused before any work"


# --- --exclude -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern", ["blocked.example.net", "example.net", "*.example.net", "https://blocked.*/school"]
)
def test_excluded_links_are_skipped_unfetched(audit: Any, pattern: str) -> None:
    run = audit("--exclude", pattern)
    asked = {request.url for request in run.fetcher.requests}
    assert not any("blocked.example.net" in url for url in asked)
    [link] = [link for link in run.report["links"] if "blocked" in link["url"]]
    assert link["verdict"] == "skipped" and f"--exclude {pattern}" in link["reason"]
    assert "link-blocked" not in run.codes


def test_an_exclusion_does_not_reach_other_hosts(audit: Any) -> None:
    run = audit("--exclude", "ample.net")
    [link] = [link for link in run.report["links"] if "blocked" in link["url"]]
    assert link["verdict"] == "blocked"


# --- the config file -------------------------------------------------------------------------


def test_citeaudit_toml_sets_what_options_would(
    audit: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "citeaudit.toml").write_text(
        'fail-on = "warning"\nignore = ["link-dead"]\nexclude = ["blocked.example.net"]\n'
        'contact = "me@example.org"\ntimeout = 5\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CITEAUDIT_CONTACT", raising=False)
    run = audit()
    assert "link-dead" not in run.codes and "link-blocked" not in run.codes
    assert run.status == 1, "fail-on warning: the access-date warning fails the run"
    args = build_parser(find_settings(tmp_path)).parse_args(["audit", "x.wiki"])
    assert args.contact == "me@example.org" and args.timeout == 5.0


def test_the_command_line_wins_over_the_config_file(
    audit: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "citeaudit.toml").write_text('fail-on = "info"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert audit("--ignore", "link-dead,link-rot-risk,access-date-without-url").status == 1
    assert audit("--fail-on", "error", "--ignore", "link-dead,link-rot-risk").status == 0


def test_pyproject_tool_table_in_a_parent_directory(
    audit: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.citeaudit]\nselect = ["links"]\n', encoding="utf-8"
    )
    below = tmp_path / "a" / "b"
    below.mkdir(parents=True)
    monkeypatch.chdir(below)
    assert audit().codes == ["link-blocked", "link-dead"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("fail_on = 'error'\n", "unknown setting 'fail_on'"),
        ('fail-on = "fatal"\n', "fail-on"),
        ("timeout = -3\n", "timeout"),
        ('contact = "a\\nb"\n', "contact"),
        ("select = 3\n", "select"),
        ("fail-on = \n", "not valid TOML"),
    ],
)
def test_a_bad_config_file_is_a_usage_error_that_names_it(
    audit: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, message: str
) -> None:
    config = tmp_path / "citeaudit.toml"
    config.write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = audit()
    assert run.status == 2 and message in run.err and str(config) in run.err
    assert "Traceback" not in run.err


def test_config_names_a_file_explicitly(audit: Any, tmp_path: Path) -> None:
    config = tmp_path / "settings" / "ci.toml"
    config.parent.mkdir()
    config.write_text('select = ["dates"]\n', encoding="utf-8")
    assert audit("--config", str(config)).codes == ["access-date-without-url", "link-rot-risk"]
