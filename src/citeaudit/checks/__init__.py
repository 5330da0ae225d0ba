"""Checks: small rules from the article and the gathered `Facts` to `Finding`s.

Every finding code of the project comes from a check registered in `ALL_CHECKS`
(`citeaudit.checks.registry`), links and claim support included; `run_checks` runs them over one
article. Checks live in one folder per family (`dates/`, `support/`, `integrity/`, `links/`),
one rule per module. `docs/findings.md` is the table of every code, and a test keeps it and the
registry in step.
"""
