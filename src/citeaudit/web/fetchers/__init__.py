"""Fetchers: the one way citeaudit talks to the network (live, recording, offline replay)."""
