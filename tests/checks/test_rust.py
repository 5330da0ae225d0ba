"""The unsupported-claim rules on a Good Article (Rust, wikitext of the shared reference data).

A Good Article cites nearly everything, so these rules must say little about it. Reviewed by
hand on the stored revision: 8 findings (`pytest -s` prints them), 6 real uncited statements
(variable shadowing; iterator adapters; the unit-type paragraph; "Safety in Rust includes...";
statements separated by semicolons; the Option/Result tail), 2 not (a sentence describing the
code example above it; a sentence summing up the two articles cited just before it).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from citeaudit.checks import ALL_CHECKS, CheckContext, run_checks
from citeaudit.model import SourceForm
from tests.conftest import shared_file

pytest.importorskip("citeaudit.parsers.wikitext", reason="the wikitext parser has not landed")

MAX_SUPPORT_FINDINGS = 12


def test_a_good_article_has_few_unsupported_claims() -> None:
    from citeaudit.parsers import parse_article

    page = json.loads(shared_file("reference", "data", "rust_rest_page.json").read_text("utf-8"))
    article = parse_article(page["source"], SourceForm.WIKITEXT, title=page["title"])
    support = [check for check in ALL_CHECKS if check.family == "support"]
    findings = run_checks(article, CheckContext(as_of=dt.date(2026, 11, 28)), support)
    for finding in findings:
        print(f"{finding.code} [{finding.section}] {finding.sentence}")
    assert 0 < len(findings) <= MAX_SUPPORT_FINDINGS
    assert not [finding for finding in findings if finding.section == ""], "the body cites the lead"
