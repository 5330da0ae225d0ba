"""Fixtures of the link checker's tests."""

from __future__ import annotations

import pytest

from .fakes import FakeTime


@pytest.fixture
def fake_time() -> FakeTime:
    """A clock that never waits."""
    return FakeTime()
