"""Every rule module is registered; every code a rule can emit is documented, and only those.

`docs/findings.md` is the one table of codes: links, dates, support and integrity alike.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import citeaudit.checks as checks_package
from citeaudit.checks.base import Check
from citeaudit.checks.registry import ALL_CHECKS, HELPER_MODULES
from citeaudit.model import FindingFamily
from tests.conftest import REPO

FINDINGS_DOC = REPO / "docs" / "findings.md"


def rule_classes_by_module() -> dict[str, list[type[Check]]]:
    found: dict[str, list[type[Check]]] = {}
    for module_info in pkgutil.walk_packages(checks_package.__path__, "citeaudit.checks."):
        if module_info.ispkg or module_info.name == "citeaudit.checks.registry":
            continue
        module = importlib.import_module(module_info.name)
        found[module_info.name.removeprefix("citeaudit.checks.")] = [
            value
            for value in vars(module).values()
            if inspect.isclass(value)
            and issubclass(value, Check)
            and not inspect.isabstract(value)
            and value.__module__ == module.__name__
        ]
    return found


def test_every_rule_module_is_registered() -> None:
    modules = rule_classes_by_module()
    assert HELPER_MODULES <= modules.keys(), "a helper module named in the registry is gone"
    for name, classes in modules.items():
        if name in HELPER_MODULES:
            assert not classes, f"helper module {name} defines a rule"
            continue
        assert len(classes) == 1, f"checks/{name}.py should hold exactly one rule"
        assert classes[0] in ALL_CHECKS, f"{classes[0].__name__} is not in ALL_CHECKS"


def test_every_rule_lives_in_the_folder_of_its_family() -> None:
    for check in ALL_CHECKS:
        folder = check.__module__.removeprefix("citeaudit.checks.").split(".")[0]
        assert folder == check.family.value, f"{check.__name__} is {check.family}, in {folder}/"


def test_every_rule_has_a_family_and_codes() -> None:
    for check in ALL_CHECKS:
        assert isinstance(check.family, FindingFamily)
        assert check.codes and all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c) for c in check.codes)


def documented_codes() -> dict[str, str]:
    rows = re.findall(
        r"^\| `([a-z0-9-]+)` \| (\w+) \|", FINDINGS_DOC.read_text(encoding="utf-8"), re.M
    )
    return dict(rows)


def test_codes_and_documentation_agree() -> None:
    """The table's rows are exactly the registered codes, each with its check's family, and no
    code is declared by two checks."""
    emitted = {code: check.family.value for check in ALL_CHECKS for code in check.codes}
    assert len(emitted) == sum(len(check.codes) for check in ALL_CHECKS), "a code is declared twice"
    assert documented_codes() == emitted
