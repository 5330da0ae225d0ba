"""Settings from a config file: `citeaudit.toml`, or the `[tool.citeaudit]` table of
`pyproject.toml`, for what a project always wants (its contact, what fails CI, links never to
fetch, the network's limits).

The file is looked for in the current directory, then in each directory above it, and the
first one found is read (`--config FILE` names one instead); a `pyproject.toml` without a
`[tool.citeaudit]` table does not count. Its keys are long options of `citeaudit audit` without
their dashes (`fail-on = "warning"`, `exclude = ["example.org"]`, `timeout = 10`), listed in
`SETTINGS`; each value is checked as the option's would be, and a wrong one names the file.
The command line wins over the file, and `CITEAUDIT_CONTACT` over its `contact`. Paths
(`baseline`) are relative to the file's directory.
"""

from __future__ import annotations

import argparse
import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citeaudit.errors import InputError

CONFIG_FILE = "citeaudit.toml"
PYPROJECT = "pyproject.toml"
SETTINGS = (
    "contact",
    "fail-on",
    "select",
    "ignore",
    "exclude",
    "baseline",
    "site",
    "timeout",
    "concurrency",
    "per-host",
    "max-age",
    "stale-after",
    "lead-needs-citations",
)
"""The keys a config file may set: each is the long option of the same name."""
PATH_SETTINGS = frozenset({"baseline"})


class ListOption(argparse.Action):
    """A repeatable option whose values make one list (`--ignore a --ignore b`); given on the
    command line, it replaces the config file's list rather than adding to it (argparse's
    `append` would add to it, and change the default list itself)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        current = getattr(namespace, self.dest, None)
        kept = [] if current is None or current is self.default else list(current)
        setattr(namespace, self.dest, [*kept, values])


@dataclass(frozen=True)
class Settings:
    """The table a config file gave, and where it came from."""

    path: Path
    table: dict[str, Any]


def find_settings(start: Path, explicit: Path | None = None) -> Settings | None:
    """The settings of `explicit`, else of the nearest config file at or above `start`."""
    if explicit is not None:
        return _read(explicit, required=True)
    for directory in (start, *start.parents):
        for name in (CONFIG_FILE, PYPROJECT):
            candidate = directory / name
            if candidate.is_file():
                settings = _read(candidate, required=False)
                if settings is not None:
                    return settings
    return None


def _read(path: Path, required: bool) -> Settings | None:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"--config {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot be read ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML ({error})") from None
    if path.name == PYPROJECT:
        tool = document.get("tool")
        table = tool.get("citeaudit") if isinstance(tool, dict) else None
        if not isinstance(table, dict):
            if required:
                raise InputError(f"{path}: has no [tool.citeaudit] table")
            return None
        return Settings(path, table)
    return Settings(path, document)


def apply_settings(parser: argparse.ArgumentParser, settings: Settings) -> None:
    """Make the settings the defaults of `parser`'s options (checked as those options are)."""
    actions = {
        option.removeprefix("--"): action
        for action in parser._actions
        for option in action.option_strings
        if option.startswith("--")
    }
    unknown = sorted(key for key in settings.table if key not in SETTINGS)
    if unknown:
        raise InputError(
            f"{settings.path}: unknown setting {unknown[0]!r}; the settings are: "
            f"{', '.join(SETTINGS)}"
        )
    defaults: dict[str, Any] = {}
    for key, value in settings.table.items():
        action = actions.get(key)
        if action is None:
            continue  # an audit setting that this command has no option for
        if key == "contact" and os.environ.get("CITEAUDIT_CONTACT"):
            continue
        try:
            defaults[action.dest] = _converted(action, value, settings.path.parent, key)
        except (argparse.ArgumentTypeError, ValueError, TypeError) as error:
            raise InputError(f"{settings.path}: {key}: {error}") from None
    parser.set_defaults(**defaults)


def _converted(action: argparse.Action, value: Any, base: Path, key: str) -> Any:
    if isinstance(action, argparse._StoreTrueAction):
        if not isinstance(value, bool):
            raise TypeError(f"expected true or false, not {value!r}")
        return value
    if isinstance(action, ListOption):
        items: Sequence[Any] = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise TypeError(f"expected a string or a list of strings, not {value!r}")
        if key in PATH_SETTINGS:
            return [base / item for item in items]
        return list(items)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise TypeError(f"expected a string or a number, not {value!r}")
    converted = action.type(str(value)) if callable(action.type) else str(value)
    if action.choices is not None and converted not in action.choices:
        raise ValueError(f"{value!r} is not one of {', '.join(map(str, action.choices))}")
    return converted
