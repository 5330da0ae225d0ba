"""The repairs and the checks stay in step: every repair answers a code some check reports, and
docs/fix.md lists every repair's codes."""

from __future__ import annotations

import re

from citeaudit.checks.registry import ALL_CHECKS
from citeaudit.fix import REPAIRS
from tests.conftest import REPO


def test_every_repair_answers_a_code_of_a_registered_check() -> None:
    codes = {code for check in ALL_CHECKS for code in check.codes}
    assert set(REPAIRS) <= codes, sorted(set(REPAIRS) - codes)


def test_each_code_has_one_repair_and_each_repair_its_codes() -> None:
    for code, repair in REPAIRS.items():
        assert code in repair.codes


def test_docs_list_exactly_the_codes_with_a_repair() -> None:
    text = (REPO / "docs" / "fix.md").read_text(encoding="utf-8")
    table = text.split("## The repairs, by the finding they answer")[1].split("\n## ")[0]
    rows = re.findall(r"^\| (`[a-z0-9-]+`(?:, `[a-z0-9-]+`)*) \|", table, re.M)
    documented = [code for row in rows for code in re.findall(r"`([a-z0-9-]+)`", row)]
    assert sorted(documented) == sorted(REPAIRS)
    assert len(documented) == len(set(documented))
