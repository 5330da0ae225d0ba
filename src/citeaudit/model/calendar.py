"""Month names and seasons as English Wikipedia writes dates: the one table of them.

The CS1 date grammar, the rendered-text and HTML readers, claim support's date finder and the
reports all read month names from here.
"""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBREVIATIONS = tuple(name[:3] for name in MONTHS) + ("Sept",)
"""CS1 accepts the three-letter forms, and `Sept`."""

SEASONS = {"Winter": 0, "Spring": 1, "Summer": 2, "Fall": 3, "Autumn": 3}
"""Season order within a year; Winter opens it, except as the end of a range (`Fall–Winter`)."""

MONTH_PATTERN = "|".join(MONTHS)
"""The full month names as a regular-expression alternation."""


def month_year(day: dt.date) -> str:
    """`November 2026`: the date form of maintenance tags such as `{{dead link|date=...}}`."""
    return f"{MONTHS[day.month - 1]} {day.year}"
