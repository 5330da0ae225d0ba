"""Each cause of a wrong verdict on one real page: the claims that went wrong, their verdicts.

A page per cause, from the tuned part of the labelled set (`fixtures/support_real/`); each
claim must get the verdict it is labelled with. The pages are read from the shared reference
data (one visible skip when it is absent), never copied here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citeaudit.model import SupportVerdict
from citeaudit.support import extract_source, prepare_source, verify_claim
from tests.conftest import shared_file

CLAIMS = Path(__file__).resolve().parents[2] / "fixtures" / "support_real" / "claims.jsonl"
CASES = {
    "negation, and identifiers read whole (iOS 13 against iOS 12)": (
        "theverge.com.ios13.html",
        ("r008", "r009", "r010", "r011", "r012", "r013", "r014"),
    ),
    "a reversed stance without a negation word (rose against fell), a changed percentage": (
        "salon.com.emissions.html",
        ("r045", "r047"),
    ),
    "numbers, scales and percentages; a changed value stated elsewhere on the page": (
        "breakingbelizenews.com-paho.html",
        ("r036", "r037", "r038", "r039", "r040", "r042"),
    ),
    "currency, numbers in words, and approved against rejected": (
        "abc7news.com-Napa.html",
        ("r058", "r060", "r061", "r063", "r064", "r065"),
    ),
    "whole names (Western Digital is not Seagate), units together and apart": (
        "pcmag.com.platters.html",
        ("r001", "r002", "r004", "r005", "r006"),
    ),
    "topic words alone (the page's subject and common words); a negation": (
        "phys.org.tool.html",
        ("r015", "r016", "r018", "r019", "r020", "r021"),
    ),
    "an invented clause with no number or name; worse against better": (
        "rutgers.edu.robot.html",
        ("r073", "r074", "r076", "r077", "r079", "r080"),
    ),
    "a lone month, a range of months, above against below": (
        "vice.com.amazon.html",
        ("r093", "r094", "r096", "r097", "r098", "r100"),
    ),
    "a long feature page whose later paragraphs hold the evidence": (
        "edition.cnn.com-royal.html",
        ("r254", "r255", "r256", "r262"),
    ),
}


def claims() -> dict[str, dict[str, str]]:
    text = CLAIMS.read_text(encoding="utf-8")
    return {item["id"]: item for item in map(json.loads, text.splitlines()) if item}


@pytest.mark.parametrize("cause", sorted(CASES))
def test_each_cause_on_its_page(cause: str) -> None:
    page, ids = CASES[cause]
    path = shared_file("reference", "data", "web-pages", page)
    source = prepare_source(extract_source(path.read_bytes(), "text/html", url=page))
    labelled = claims()
    wrong = []
    for claim_id in ids:
        item = labelled[claim_id]
        assert item["page"] == page and item["split"] == "tune", claim_id
        result = verify_claim(item["claim"], [source])
        if result.verdict is not SupportVerdict(item["label"]):
            wrong.append(f"{claim_id} {item['label']} -> {result.verdict.value}: {result.reason}")
    assert not wrong, "\n".join(wrong)
