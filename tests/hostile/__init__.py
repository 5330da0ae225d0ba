"""Hostile input, hostile web and faults: the tests behind SECURITY.md."""
