"""The README's promises: two commands first, CI runs the second, the example report is current."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from citeaudit.app.cli import main
from tests.conftest import REPO

README = REPO / "README.md"


def readme_commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", README.read_text(encoding="utf-8"), re.S)


def test_the_readme_opens_with_two_one_line_commands() -> None:
    text = README.read_text(encoding="utf-8")
    first_blocks = re.findall(r"```(\w*)\n(.*?)\n```", text, re.S)[:2]
    assert [language for language, _ in first_blocks] == ["sh", "sh"]
    assert all("\n" not in command for _, command in first_blocks)
    assert "citeaudit audit" in first_blocks[0][1] and "pytest" in first_blocks[1][1]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci_lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert readme_commands()[1] in ci_lines


def test_the_committed_example_report_is_what_the_readme_command_writes(tmp_path: Path) -> None:
    """Regenerates the example report with the README's own arguments and compares."""
    command = readme_commands()[0].split("&&")[-1]
    words = shlex.split(command)
    assert Path(words[0]).name == "citeaudit" and words[1] == "audit"
    arguments = words[1:]
    output_at = arguments.index("-o") + 1
    committed_dir = REPO / arguments[output_at]
    arguments[output_at] = f"{tmp_path}/"
    arguments = [
        str(REPO / word)
        if (REPO / word).exists() and not word.startswith("-") and "/" in word
        else word
        for word in arguments
    ]
    main([*arguments, "--quiet"])
    [written] = list(tmp_path.iterdir())
    committed = committed_dir / written.name
    if not committed.exists():
        pytest.fail(
            f"{committed.relative_to(REPO)} is missing: run the README's first command to create it"
        )
    assert written.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), (
        f"{committed.relative_to(REPO)} is stale: run the README's first command, commit the result"
    )


def test_every_file_the_readme_links_exists() -> None:
    targets = re.findall(r"\]\(((?:docs|reports)/[^)#]+)\)", README.read_text(encoding="utf-8"))
    assert targets
    assert [target for target in targets if not (REPO / target).exists()] == []
