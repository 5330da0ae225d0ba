"""A token bucket shared by threads: at most `rate` requests a second to one endpoint, on average,
with bursts of at most `burst`, and a pause when the endpoint asks for one (HTTP 429).

Each caller reserves the next start time under a lock and sleeps outside it, so the threads
queue fairly and none holds the lock while it waits. A reservation made before a pause is
looked at again after its sleep: nobody starts inside a pause. Time is read and spent only
through the injected `Clock`, so tests run instantly.
"""

from __future__ import annotations

import threading

from citeaudit.web.clock import SYSTEM_CLOCK, Clock


class TokenBucket:
    """Paces the requests of every thread that shares it (the GCRA form of a token bucket)."""

    def __init__(self, rate: float, burst: int = 1, clock: Clock = SYSTEM_CLOCK) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError(f"a token bucket needs a positive rate and burst: {rate}, {burst}")
        self.interval = 1.0 / rate
        self._tolerance = (burst - 1) * self.interval
        self._clock = clock
        self._lock = threading.Lock()
        self._theoretical_arrival = float("-inf")
        self._paused_until = float("-inf")

    def take(self) -> None:
        """Wait until this caller may start a request."""
        while True:
            with self._lock:
                now = self._clock.monotonic()
                start = max(now, self._theoretical_arrival - self._tolerance, self._paused_until)
                self._theoretical_arrival = max(self._theoretical_arrival, start) + self.interval
            if start > now:
                self._clock.sleep(start - now)
            with self._lock:
                if self._paused_until <= start:
                    return

    def pause(self, seconds: float) -> None:
        """No request starts for `seconds` from now (and the pace resumes after that)."""
        with self._lock:
            until = self._clock.monotonic() + seconds
            self._paused_until = max(self._paused_until, until)
            self._theoretical_arrival = max(self._theoretical_arrival, until)
