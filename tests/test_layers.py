"""The packages are one-way layers: each module imports only from its own package or below.

model ◀ parse, web, support ◀ checks ◀ audit ◀ reporters, fix ◀ scan ◀ app ◀ `__main__`. The
three packages of the second layer do not import one another either: a parser knows nothing of
the web, the web nothing of claim support. `errors` and the package root sit with the model.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "src" / "citeaudit"
LAYERS = {
    "model": 0,
    "errors": 0,
    "": 0,
    "parse": 1,
    "web": 1,
    "support": 1,
    "checks": 2,
    "audit": 3,
    "reporters": 4,
    "fix": 4,
    "scan": 5,
    "app": 6,
    "__main__": 7,
}


def part_of(module: str) -> str:
    """`citeaudit.web.links.batch` -> `web`; `citeaudit` -> `` (the package root)."""
    return module.removeprefix("citeaudit").lstrip(".").split(".")[0]


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append((name, path))
    return found


def imports_of(name: str, path: Path) -> set[str]:
    """Every `citeaudit` module `path` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            found.add(target)
    return {module for module in found if module == "citeaudit" or module.startswith("citeaudit.")}


def test_every_package_has_a_layer() -> None:
    assert {part_of(name) for name, _ in modules()} <= LAYERS.keys()


@pytest.mark.parametrize(("name", "path"), modules(), ids=[name for name, _ in modules()])
def test_imports_point_only_downward(name: str, path: Path) -> None:
    own = part_of(name)
    for imported in imports_of(name, path):
        other = part_of(imported)
        if other == own:
            continue
        assert LAYERS[other] < LAYERS[own], f"{name} imports {imported}: {other} is not below {own}"


def test_printing_a_json_report_loads_no_parser_web_or_pdf_library() -> None:
    """A reporter needs the model, not SQLite, bs4, lxml, pypdf or requests."""
    code = "import sys, citeaudit.reporters.json; print('\\n'.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
        ).stdout.split()
    )
    heavy = {"sqlite3", "bs4", "lxml", "pypdf", "requests", "mwparserfromhell"}
    assert not loaded & heavy
