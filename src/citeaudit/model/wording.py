"""How counts are written in messages and reports, once for every layer: `3 sentences`,
`1 sentence`, `used once`, never `3 sentence(s)`."""

from __future__ import annotations


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """`1 reference`, `3 references` (`plural_noun` for the irregular ones: `3 entries`)."""
    return f"{count} {noun if count == 1 else plural_noun or noun + 's'}"


def times(count: int) -> str:
    """`once`, `twice`, `3 times`."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")
