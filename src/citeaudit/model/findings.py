"""What a check says: a `Finding`, with its severity."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    """How much a finding matters; the order is the order of `--fail-on`."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


class FindingFamily(enum.Enum):
    """The kind of problem a finding is about; the report groups findings by family."""

    LINKS = "links"
    DATES = "dates"
    SUPPORT = "support"
    INTEGRITY = "integrity"


@dataclass(frozen=True)
class Finding:
    """One problem a check found, with where it is and what to do about it.

    `section` is the section's title ("" for the lead), `reference_id` the id of the reference
    concerned, `sentence_id`/`sentence` the sentence concerned. `message` says what is wrong and
    what to do.
    """

    code: str
    family: FindingFamily
    severity: Severity
    message: str
    section: str | None = None
    reference_id: str | None = None
    sentence_id: int | None = None
    sentence: str | None = None
