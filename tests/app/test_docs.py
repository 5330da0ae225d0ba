"""The README, `--help` and `docs/` say the same as the code: every option the README lists
exists and shows its real default, `fetch --help` speaks of fetching, the report schema names
only files and codes that exist, and the same option is described the same way everywhere."""

from __future__ import annotations

import argparse
import re

import pytest

from citeaudit.app.cli import build_parser
from citeaudit.checks.registry import finding_codes
from citeaudit.model import LinkVerdict, SupportVerdict
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
DOCS = REPO / "docs"


def subparser(name: str) -> argparse.ArgumentParser:
    commands = next(
        action
        for action in build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    parser: argparse.ArgumentParser = commands.choices[name]
    return parser


def options_of(name: str) -> dict[str, argparse.Action]:
    return {
        option: action for action in subparser(name)._actions for option in action.option_strings
    }


def audit_table() -> list[tuple[str, str]]:
    """The rows (`option`, `meaning`) of the README's table of `citeaudit audit` options."""
    section = README.split("### `citeaudit audit", 1)[1].split("\n### ", 1)[0]
    rows = re.findall(r"^\| (`-.+?) \| (.+) \|$", section, re.M)
    assert len(rows) > 15
    return rows


def shown(value: object) -> str:
    """A default as `--help` and the README write it: `20`, not `20.0`."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def test_every_option_in_the_readme_exists() -> None:
    options = options_of("audit")
    missing = [
        option
        for names, _ in audit_table()
        for option in re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", names)
        if option not in options
    ]
    assert missing == []


def test_every_audit_option_is_in_the_readme() -> None:
    section = README.split("### `citeaudit audit", 1)[1].split("\n### ", 1)[0]
    undocumented = [
        option
        for option in options_of("audit")
        if option.startswith("--") and option != "--help" and f"`{option}" not in section
    ]
    assert undocumented == []


_DEFAULT = re.compile(r"\(default (?:`([^`]+)`|(\d+(?:\.\d+)?))")
WITH_DEFAULTS = [(names, meaning) for names, meaning in audit_table() if _DEFAULT.search(meaning)]


def test_the_readme_gives_defaults() -> None:
    assert len(WITH_DEFAULTS) >= 6


@pytest.mark.parametrize(("names", "meaning"), WITH_DEFAULTS, ids=lambda v: v[:30])
def test_each_default_the_readme_gives_is_the_real_one_and_help_shows_it(
    names: str, meaning: str
) -> None:
    options = options_of("audit")
    written = _DEFAULT.findall(meaning)
    named = re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", names)
    named = [option for option in named if option.startswith("--") or len(named) == 1]
    for option, (quoted, number) in zip(named, written, strict=False):
        action = options[option]
        assert shown(action.default) == (quoted or number), option
        help_text = subparser("audit").format_help()
        assert f"(default {shown(action.default)})" in re.sub(r"\s+", " ", help_text), option


def test_fetch_help_speaks_of_fetching() -> None:
    text = subparser("fetch").format_help()
    assert "audit" not in text.replace("citeaudit", ""), text


@pytest.mark.parametrize("option", ["--max-age", "--state", "--no-state"])
def test_fetch_takes_no_option_that_does_nothing_there(option: str) -> None:
    assert option not in options_of("fetch")


def test_the_report_schema_names_only_what_exists() -> None:
    text = (DOCS / "report-schema.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+)", text):
        assert (DOCS / target).exists(), target
    for name in re.findall(r"[\w/-]+\.md\b", text):
        assert (DOCS / name).exists() or (REPO / name).exists(), name
    codes = finding_codes()
    words = {v.value for v in LinkVerdict} | {v.value for v in SupportVerdict}
    audit_options = options_of("audit")
    for token in re.findall(r"`([a-z0-9*-]+-[a-z0-9*-]+)`", text):
        if token.startswith("--"):
            assert token in audit_options, token
        elif token.endswith("*"):
            assert any(code.startswith(token[:-1]) for code in codes), token
        else:
            assert token in codes or token in words, token


def test_stale_after_is_described_alike_everywhere() -> None:
    [meaning] = [meaning for names, meaning in audit_table() if "--stale-after" in names]
    findings = (DOCS / "findings.md").read_text(encoding="utf-8")
    assert meaning in findings
    help_text = re.sub(r"\s+", " ", subparser("audit").format_help())
    plain = meaning.replace("`", "")
    assert plain in help_text


def test_documented_defaults_of_the_docs_are_the_real_ones() -> None:
    """`(`--timeout`, 20 s by default)` and the like, anywhere in docs/."""
    options = options_of("audit")
    for path in DOCS.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        for option, value in re.findall(r"`(--[a-z-]+)`, (\d+(?:\.\d+)?) s by default", text):
            assert shown(options[option].default) == value, (path.name, option)
