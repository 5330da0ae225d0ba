"""Tests of `citeaudit scan`, with the dumps they build (tests/scan/dumpwriter.py, testdump.py)."""
