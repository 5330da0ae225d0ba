"""The baseline a run is compared with (`--baseline`): JSON reports written earlier.

A baseline is one `citeaudit.report/2` file, or a directory of them (what `-o DIR/ --format
json` writes for several articles). Each finding is known by its article's title and its
fingerprint (docs/report-schema.md), so a finding an editor has already seen, or decided to
live with, is reported again marked `in_baseline` but fails no run; a new one still does.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from citeaudit.errors import InputError
from citeaudit.model.report import Baseline
from citeaudit.reporters.serialize import REPORT_SCHEMA


def load_baseline(paths: Iterable[Path]) -> Baseline:
    """The findings the reports at `paths` (files, or directories of `*.json`) hold."""
    known: set[tuple[str, str]] = set()
    for path in paths:
        files = sorted(path.glob("*.json")) if path.is_dir() else [path]
        if path.is_dir() and not files:
            raise InputError(f"--baseline {path}: the directory holds no JSON report")
        for file in files:
            known |= _findings_of(file)
    return Baseline(frozenset(known))


def _findings_of(path: Path) -> set[tuple[str, str]]:
    try:
        document: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"--baseline {path}: no such file") from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise InputError(f"--baseline {path}: not a JSON report ({error})") from None
    if not isinstance(document, dict) or not isinstance(document.get("findings"), list):
        raise InputError(f"--baseline {path}: not a JSON report of citeaudit (no findings)")
    schema = document.get("schema")
    if schema != REPORT_SCHEMA:
        raise InputError(
            f"--baseline {path}: a {schema} report has no fingerprints to match; write the "
            f"baseline again with this citeaudit ({REPORT_SCHEMA}): --format json -o FILE"
        )
    article = document.get("article")
    title = article.get("title") if isinstance(article, dict) else None
    found = set()
    for finding in document["findings"]:
        fingerprint = finding.get("fingerprint") if isinstance(finding, dict) else None
        if not isinstance(title, str) or not isinstance(fingerprint, str):
            raise InputError(f"--baseline {path}: a finding without article title or fingerprint")
        found.add((title, fingerprint))
    return found
