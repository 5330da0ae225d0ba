"""Shared test fixtures: paths to the shared reference data, and a guard against the network.

Every test runs inside a `responses.RequestsMock`, so a stray `requests` call raises
`ConnectionError` instead of reaching the internet. Tests that need real sockets start their
own server on loopback and ask for `loopback_network`, which lets requests to 127.0.0.0/8
(and only there) through the guard.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import responses

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
TEST_DATA = REPO / "tests" / "data"
SHARED = Path(os.environ.get("CITEAUDIT_SHARED", REPO.parent / "shared"))
"""`../shared/` beside the checkout; `CITEAUDIT_SHARED` points elsewhere (a git worktree, CI)."""
REFERENCE_DATA = SHARED / "reference" / "data"
SEED_DIR = SHARED / "seed"
LOOPBACK_URL = re.compile(r"^https?://127\.\d{1,3}\.\d{1,3}\.\d{1,3}(:\d+)?(/|$)")


def shared_file(*parts: str) -> Path:
    """A file of `../shared/`, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path.relative_to(SHARED.parent)} is absent: the shared reference data is not beside this checkout")
    return path


@pytest.fixture(autouse=True)
def no_internet() -> Iterator[responses.RequestsMock]:
    """Keep `requests` from reaching any server a test did not register."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def loopback_network(no_internet: responses.RequestsMock) -> responses.RequestsMock:
    """Let `requests` reach servers the test started on 127.0.0.0/8; all other hosts stay guarded."""
    no_internet.add_passthru(LOOPBACK_URL)
    return no_internet
