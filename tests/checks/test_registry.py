"""Every rule module is registered; every code a rule can emit is documented, and only those."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import citeaudit.checks as checks_package
from citeaudit.checks import ALL_CHECKS, HELPER_MODULES
from citeaudit.checks.base import Check
from citeaudit.checks.support.claims import SUPPORT_CODES

FINDINGS_DOC = Path(__file__).resolve().parents[2] / "docs" / "findings.md"


def rule_classes_by_module() -> dict[str, list[type[Check]]]:
    found: dict[str, list[type[Check]]] = {}
    for module_info in pkgutil.walk_packages(checks_package.__path__, "citeaudit.checks."):
        if module_info.ispkg:
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
    for name, classes in rule_classes_by_module().items():
        if name in HELPER_MODULES:
            assert not classes, f"helper module {name} defines a rule"
            continue
        assert len(classes) == 1, f"checks/{name}.py should hold exactly one rule"
        assert classes[0] in ALL_CHECKS, f"{classes[0].__name__} is not in ALL_CHECKS"


def test_every_rule_has_a_family_and_codes() -> None:
    for check in ALL_CHECKS:
        assert check.family in {"dates", "support", "integrity"}
        assert check.codes and all(re.fullmatch(r"[a-z]+(-[a-z]+)*", code) for code in check.codes)


def documented_codes() -> dict[str, str]:
    rows = re.findall(
        r"^\| `([a-z-]+)` \| (\w+) \|", FINDINGS_DOC.read_text(encoding="utf-8"), re.M
    )
    return dict(rows)


def test_codes_and_documentation_agree() -> None:
    """Rows of the checks' and the support step's families are exactly their codes (the link
    checker documents its own)."""
    emitted = {code: check.family for check in ALL_CHECKS for code in check.codes}
    assert len(emitted) == sum(len(check.codes) for check in ALL_CHECKS), "a code is declared twice"
    assert not emitted.keys() & SUPPORT_CODES.keys(), "a support code is also a check's"
    emitted |= SUPPORT_CODES
    families = set(emitted.values())
    documented = {code: family for code, family in documented_codes().items() if family in families}
    assert documented == emitted
