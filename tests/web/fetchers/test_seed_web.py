"""The seed article's simulated recorded web: well-formed, labelled as simulated, and replayable."""

from __future__ import annotations

import json

from citeaudit.model import FetchRequest
from citeaudit.web.fetchers.recorded import OfflineFetcher, Record, is_simulated, load_records
from tests.conftest import FIXTURES

WEB = FIXTURES / "Bakhytzhan_Toregozhina" / "web"


def test_every_record_says_it_is_simulated() -> None:
    records = load_records(WEB)
    assert records
    assert all(record.note.startswith("simulated:") for record in records)
    assert "simulated" in (WEB / "README.md").read_text(encoding="utf-8").lower()
    assert is_simulated(records)


def test_a_fixture_with_one_real_record_is_not_simulated() -> None:
    records = load_records(WEB)
    recorded = Record(url="https://example.org/", method="GET", result=records[0].result)
    assert not is_simulated([*records, recorded])
    assert not is_simulated([])


def test_every_body_file_is_used_and_labelled() -> None:
    entries = json.loads((WEB / "records.json").read_text(encoding="utf-8"))
    named = {entry["body_file"] for entry in entries if "body_file" in entry}
    on_disk = {path.name for path in (WEB / "bodies").iterdir()}
    assert named == on_disk
    for name in on_disk:
        if name.endswith(".html"):
            assert "SIMULATED" in (WEB / "bodies" / name).read_text(encoding="utf-8")


def test_redirects_are_stored_hop_by_hop() -> None:
    fetcher = OfflineFetcher.open(WEB)
    for record in load_records(WEB):
        location = record.result.header("location")
        if location is not None:
            assert 300 <= (record.result.status or 0) < 400
            assert fetcher.fetch(FetchRequest(location)).failure is None
