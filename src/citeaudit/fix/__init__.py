"""Repairs: the mechanical edits the audit's findings allow, made to the wikitext as a patch.

`propose_fixes(report, wikitext)` reads an audit's `Report` (the article, the `Facts` gathered
from the web, the findings) and the wikitext it was parsed from, and makes every repair the
evidence supports (archive links for dead links, `{{Dead link}}` tags, dates CS1 rejects, real
titles, bare URLs filled in, duplicates merged), each keyed by the finding code it answers
(`REPAIRS`). Edits are made by span, so that nothing else in the text moves; `unified_diff`
writes them for review. Nothing here writes to a wiki.
"""

from citeaudit.fix.diff import unified_diff
from citeaudit.fix.patch import FixOptions, Patch, propose_fixes
from citeaudit.fix.registry import REPAIRS

__all__ = ["REPAIRS", "FixOptions", "Patch", "propose_fixes", "unified_diff"]
