"""Fixtures of the fetcher tests: a socket layer that refuses every connection."""

from __future__ import annotations

import re
import socket

import pytest
import responses

ANY_URL = re.compile(r".*")


@pytest.fixture
def connect_attempts(
    no_internet: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
) -> list[object]:
    """Let requests reach the socket layer, where every connection attempt is recorded and refused.

    The `responses` guard would stop a request before any address check could run; this moves
    the guard down to `socket.connect`, so a test can prove that a fetcher refused an address
    (or replayed a fixture) without ever trying to connect.
    """
    attempts: list[object] = []

    def refuse(sock: socket.socket, address: object) -> None:
        attempts.append(address)
        raise ConnectionRefusedError("connection attempts are disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    no_internet.add_passthru(ANY_URL)
    return attempts
