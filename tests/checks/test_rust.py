"""The unsupported-claim rules on a Good Article (Rust; its wikitext and Parsoid HTML in the
shared reference data).

A Good Article cites nearly everything, so these rules must say little about it. Reviewed by
hand on the stored revision: 7 findings from either form (`pytest -s` prints them), 6 real
uncited statements (variable shadowing; iterator adapters; the unit-type paragraph; "Safety in
Rust includes..."; statements separated by semicolons; the Option/Result tail), 1 not (a
sentence summing up the two articles cited just before it). No `quote-uncited` (the quoted
"unit type" is two words, a term) and no `number-uncited`; the paragraph that describes the
for-loop example ("In the above code, ...") is no longer taken for a claim.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest

from citeaudit.checks.base import CheckContext
from citeaudit.checks.registry import ALL_CHECKS, run_checks
from citeaudit.model import FindingFamily, SourceForm
from tests.conftest import shared_file

MAX_SUPPORT_FINDINGS = 8


def rust_source(form: SourceForm) -> str:
    if form is SourceForm.WIKITEXT:
        page = json.loads(
            shared_file("reference", "data", "rust_rest_page.json").read_text("utf-8")
        )
        return str(page["source"])
    return shared_file("reference", "data", "rust_parsoid.html").read_text("utf-8")


@pytest.mark.parametrize("form", [SourceForm.WIKITEXT, SourceForm.HTML], ids=lambda f: f.value)
def test_a_good_article_has_few_unsupported_claims(form: SourceForm) -> None:
    from citeaudit.parse import parse_article

    article = parse_article(rust_source(form), form, title="Rust (programming language)")
    support = [check for check in ALL_CHECKS if check.family is FindingFamily.SUPPORT]
    findings = run_checks(article, CheckContext(as_of=dt.date(2026, 11, 28)), support)
    for finding in findings:
        print(f"{finding.code} [{finding.section}] {finding.sentence}")
    assert 0 < len(findings) <= MAX_SUPPORT_FINDINGS
    assert not [finding for finding in findings if finding.section == ""], "the body cites the lead"
    counts = Counter(finding.code for finding in findings)
    assert (counts["quote-uncited"], counts["number-uncited"], counts["paragraph-uncited"]) == (
        0,
        0,
        3,
    ), counts
