"""Time as the link checker sees it: a monotonic clock, a sleep and the wall clock, injected.

Tests inject a clock that never waits.

Also reads `Retry-After`, which is either a number of seconds or an HTTP date.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Clock:
    """The three ways the checker reads or spends time."""

    monotonic: Callable[[], float] = field(default=time.monotonic)
    sleep: Callable[[float], None] = field(default=time.sleep)
    now: Callable[[], datetime] = field(default=_utc_now)


SYSTEM_CLOCK = Clock()


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait by a `Retry-After` header (seconds or an HTTP date); None if unreadable.

    A date in the past means "now" (0 s).
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())
