"""Golden files: expected reporter output kept in tests/data/golden/.

Regenerate them after an intended change with `UPDATE_GOLDEN=1` and review the diff:
`UPDATE_GOLDEN=1 python -m pytest tests/reporters` (then `git diff tests/data/golden`).
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "golden"


def assert_matches_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"{name} differs from its golden file: if intended, rerun with UPDATE_GOLDEN=1"
    )
