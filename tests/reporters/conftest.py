"""Fixtures of the reporter tests: the sample report (built in `report_samples`)."""

from __future__ import annotations

import pytest
from report_samples import audit, build_article

from citeaudit.model import Report


@pytest.fixture
def sample_report() -> Report:
    return audit(build_article())
