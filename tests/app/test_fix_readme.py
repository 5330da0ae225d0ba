"""The README's `citeaudit fix` example: its command writes the committed example patch, the diff
the README shows is that patch, and the seed's committed patch is what the same command writes
for the seed (as `test_readme.py` holds the example report)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from citeaudit.app.cli import main
from tests.conftest import REPO

README = REPO / "README.md"


def fix_command() -> list[str]:
    [command] = [
        block
        for block in re.findall(r"```sh\n(.+?)\n```", README.read_text(encoding="utf-8"), re.S)
        if block.startswith("citeaudit fix ")
    ]
    return shlex.split(command)[1:]


def regenerate(
    arguments: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, Path]:
    """Run the command from the checkout, as the README does, with its output in `tmp_path`;
    the text it wrote and the committed file."""
    monkeypatch.chdir(REPO)
    output_at = arguments.index("-o") + 1
    committed = REPO / arguments[output_at]
    arguments[output_at] = str(tmp_path / committed.name)
    assert main([*arguments, "--quiet"]) == 0
    if not committed.exists():
        pytest.fail(f"{committed.relative_to(REPO)} is missing: run the README's fix command")
    return (tmp_path / committed.name).read_text(encoding="utf-8"), committed


def test_the_committed_example_patch_is_what_the_readme_command_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written, committed = regenerate(fix_command(), tmp_path, monkeypatch)
    assert written == committed.read_text(encoding="utf-8"), (
        f"{committed.relative_to(REPO)} is stale: run the README's fix command, commit the result"
    )
    shown = re.search(r"```diff\n(.+?)```", README.read_text(encoding="utf-8"), re.S)
    assert shown is not None and shown.group(1) == written, "the README's diff is stale"


def test_the_committed_seed_patch_is_what_the_command_writes_for_the_seed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = "fixtures/Bakhytzhan_Toregozhina/"
    arguments = [
        a.replace("fixtures/Repair_example/Orrin_Valley_Tramway", seed + "Bakhytzhan_Toregozhina")
        .replace("fixtures/Repair_example/web", seed + "web")
        .replace("reports/Orrin_Valley_Tramway.diff", "reports/Bakhytzhan_Toregozhina.diff")
        for a in fix_command()
    ]
    written, committed = regenerate(arguments, tmp_path, monkeypatch)
    assert written == committed.read_text(encoding="utf-8"), (
        f"{committed.relative_to(REPO)} is stale: run the README's fix command on the seed"
    )
    assert "Edit summary: No repairs to make" in written  # its URLs answer; see the report
