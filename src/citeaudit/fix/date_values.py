"""Dates CS1 rejects but whose meaning is clear, rewritten in the article's date format
(`citeaudit.fix.dates` says which are clear); the others stay findings."""

from __future__ import annotations

from citeaudit.fix.context import Declined, Proposal, Repair, RepairContext
from citeaudit.fix.dates import clear_reading, write_date
from citeaudit.fix.template import Parameter, TemplateSite
from citeaudit.model import Change, Finding, Reference
from citeaudit.parse.cite_templates import ACCESS_DATE_PARAMS, ARCHIVE_DATE_PARAMS, DATE_PARAMS

_FIELDS = {
    "date-invalid": ("date", DATE_PARAMS),
    "access-date-invalid": ("access_date", ACCESS_DATE_PARAMS),
    "archive-date-invalid": ("archive_date", ARCHIVE_DATE_PARAMS),
}
_DAY_NEEDED = frozenset({"access-date-invalid", "archive-date-invalid"})


class DateValueRepair(Repair):
    codes = tuple(_FIELDS)

    def propose(self, finding: Finding, context: RepairContext) -> Proposal | Declined:
        reference = context.reference(finding)
        if reference is None:
            return self.decline(finding, "the finding names no reference")
        field, aliases = _FIELDS[finding.code]
        written = getattr(reference, field)
        reading = clear_reading(written or "", context.as_of)
        if reading is None:
            return self.decline(finding, f"{written!r} could mean more than one date, or none")
        if finding.code in _DAY_NEEDED and reading.day is None and reading.range_text is None:
            return self.decline(finding, f"{written!r} gives no day")
        if finding.code in _DAY_NEEDED and reading.range_text is not None:
            return self.decline(finding, f"{written!r} is a range, not the day it needs")
        template = context.template_of(reference)
        if isinstance(template, str):
            return self.decline(finding, template)
        parameter = _holding(template, aliases, reference, written)
        if parameter is None:
            return self.decline(finding, "the date is not written plainly in one parameter")
        style = context.date_style.for_parameter(parameter.name, reading)
        value = write_date(reading, style)
        why = f"CS1 rejects {written!r}; it can only mean {value}" + (
            ", written in the article's date format" if reading.range_text is None else ""
        )
        edit = template.set_value(parameter, value)
        change = Change(finding.code, reference.id, parameter.name, parameter.value, value, why)
        return Proposal(context.in_copies(reference, (edit,)), (change,))


def _holding(
    template: TemplateSite, aliases: tuple[str, ...], reference: Reference, written: str
) -> Parameter | None:
    """The parameter whose plain value is the date the audit judged."""
    for alias in aliases:
        parameter = template.filled(alias)
        if parameter is not None:
            if parameter.plain and " ".join(parameter.value.split()) == " ".join(written.split()):
                return parameter
            return None
    return None
