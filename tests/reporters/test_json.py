"""The JSON report: golden file, schema name, and the fields the schema promises."""

from __future__ import annotations

import json

from report_golden import assert_matches_golden
from report_samples import audit, build_article

from citeaudit.model import Report
from citeaudit.reporters import REPORTERS
from citeaudit.reporters.json import JSONReporter

LINK_FIELDS = {
    "url",
    "verdict",
    "status",
    "final_url",
    "reason",
    "archive_url",
    "references",
    "chain",
    "title",
    "first_failed_at",
    "failed_checks",
}
FINDING_FIELDS = {
    "code",
    "family",
    "severity",
    "section",
    "reference",
    "sentence",
    "message",
    "fix",
    "url",
    "position",
    "fingerprint",
}


def test_json_report_matches_its_golden_file(sample_report: Report) -> None:
    assert_matches_golden("sample.json", JSONReporter().render(sample_report))


def test_json_report_has_the_promised_fields(sample_report: Report) -> None:
    document = json.loads(JSONReporter().render(sample_report))
    assert document["schema"] == "citeaudit.report/2"
    assert document["article"]["title"] == "Jane Example"
    assert document["article"]["revision"]["revision_id"] == 1143000000
    assert all(LINK_FIELDS <= set(link) for link in document["links"])
    assert all(FINDING_FIELDS <= set(finding) for finding in document["findings"])
    dead = next(link for link in document["links"] if link["verdict"] == "dead")
    assert dead["archive_url"].startswith("https://web.archive.org/web/20230311093000/")
    assert dead["references"] == [{"id": "r2", "label": "[2]"}]
    uncited = next(f for f in document["findings"] if f["code"] == "claim-uncited")
    assert (uncited["severity"], uncited["section"], uncited["reference"]) == (
        "error",
        "Early life",
        None,
    )
    assert uncited["sentence"] == "She was born in 1962 in Almaty."
    assert document["summary"]["links_by_verdict"]["dead"] == 1
    assert document["summary"]["findings_by_severity"] == {"error": 3, "warning": 5, "info": 5}
    lookups = {link["url"]: link["archive_lookup"] for link in document["links"]}
    assert lookups["https://news.example/report"]["outcome"] == "not-archived"
    assert lookups["https://slow.example/detention"]["outcome"] == "unknown"
    assert lookups["https://slow.example/detention"]["reason"].startswith("availability API")
    assert (document["incomplete"], document["network_problem"]) == (None, None)
    assert document["archive"] == {"used": True, "problem": None}


def test_hostile_text_stays_inside_its_json_strings() -> None:
    title = 'Evil "quote" \\ </script> \u2028 \x00'
    document = json.loads(JSONReporter().render(audit(build_article(title))))
    assert document["article"]["title"] == title


def test_json_is_registered() -> None:
    assert REPORTERS["json"] is JSONReporter
