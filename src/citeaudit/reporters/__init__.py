"""Reporters turn a `Report` into text; `REPORTERS` maps a format id to its reporter."""
