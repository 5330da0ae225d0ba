"""The Hypothesis budget of the fuzzing tests: small in CI, raised by `CITEAUDIT_FUZZ_EXAMPLES`."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("CITEAUDIT_FUZZ_EXAMPLES", "0"))


def budget(default: int) -> settings:
    """`default` examples (or `CITEAUDIT_FUZZ_EXAMPLES` when set), no deadline."""
    return settings(
        max_examples=EXAMPLES or default,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
