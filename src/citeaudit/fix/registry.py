"""`REPAIRS`: every repair, by the finding code it answers, in the order they are tried.

The order settles which repair wins where two would change the same place: a merge first (the
edits of the reference merged away would be lost), then the repairs that rewrite a whole
citation, then those that change one parameter. A test holds every code here to a code of the
checks' registry, so the repairs and the findings stay in step.
"""

from __future__ import annotations

from citeaudit.fix.archive_dates import ArchiveDateRepair
from citeaudit.fix.context import Repair
from citeaudit.fix.date_values import DateValueRepair
from citeaudit.fix.dead_links import DeadLinkRepair, LiveStatusRepair
from citeaudit.fix.duplicates import DuplicateRepair
from citeaudit.fix.pages import BareURLRepair, GenericTitleRepair

_IN_ORDER: tuple[Repair, ...] = (
    DuplicateRepair(),
    BareURLRepair(),
    DeadLinkRepair(),
    LiveStatusRepair(),
    GenericTitleRepair(),
    ArchiveDateRepair(),
    DateValueRepair(),
)

REPAIRS: dict[str, Repair] = {code: repair for repair in _IN_ORDER for code in repair.codes}
"""Finding code -> the repair that answers it."""
