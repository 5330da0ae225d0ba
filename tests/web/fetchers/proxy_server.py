"""A small HTTP proxy on loopback, for tests: `CONNECT` tunnels and forwarded requests.

It resolves names with its own table (the proxy's DNS, which may differ from the client's),
records every request it is asked (`asked`: method and target, with the headers), and can
demand credentials (407 without the right `Proxy-Authorization`). Bounded in time: it stops
with the test, and after `lifetime` seconds at most.
"""

from __future__ import annotations

import select
import socket
import socketserver
import threading
from collections.abc import Mapping
from urllib.parse import urlsplit


class LoopbackProxy:
    """`with LoopbackProxy(names={...}) as proxy:` then `proxy.url`."""

    def __init__(
        self,
        names: Mapping[str, str] | None = None,
        host: str = "127.0.0.9",
        authorization: str | None = None,
        lifetime: float = 30.0,
    ) -> None:
        self.names = dict(names or {})
        self.authorization = authorization
        self.asked: list[tuple[str, str, dict[str, str]]] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                proxy._serve(self.request)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server((host, 0), Handler)
        self.url = f"http://{host}:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._timer = threading.Timer(lifetime, self.stop)
        self._timer.daemon = True

    def __enter__(self) -> LoopbackProxy:
        self._thread.start()
        self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._timer.cancel()
        self._server.shutdown()
        self._server.server_close()

    def _serve(self, client: socket.socket) -> None:
        client.settimeout(10)
        head = b""
        while b"\r\n\r\n" not in head:
            piece = client.recv(4096)
            if not piece:
                return
            head += piece
        head, _, rest = head.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target, _version = lines[0].split(" ", 2)
        headers = {
            name.strip().lower(): value.strip()
            for name, _, value in (line.partition(":") for line in lines[1:])
        }
        with self._lock:
            self.asked.append((method, target, headers))
        if self.authorization and headers.get("proxy-authorization") != self.authorization:
            client.sendall(
                b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n"
            )
            return
        if method == "CONNECT":
            host, _, port = target.rpartition(":")
            upstream = self._connect(host.strip("[]"), int(port))
            if upstream is None:
                client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                return
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            _relay(client, upstream, rest)
            return
        parts = urlsplit(target)
        upstream = self._connect(parts.hostname or "", parts.port or 80)
        if upstream is None:
            client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            return
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        kept = [
            f"{name}: {value}"
            for name, value in headers.items()
            if name not in ("proxy-authorization", "connection", "proxy-connection")
        ]
        request = "\r\n".join([f"{method} {path} HTTP/1.1", *kept, "Connection: close"])
        upstream.sendall(request.encode("latin-1") + b"\r\n\r\n" + rest)
        _relay(client, upstream, b"", until_upstream_closes=True)

    def _connect(self, host: str, port: int) -> socket.socket | None:
        try:
            return socket.create_connection((self.names.get(host, host), port), timeout=5)
        except OSError:
            return None


def _relay(
    client: socket.socket,
    upstream: socket.socket,
    pending: bytes,
    until_upstream_closes: bool = False,
) -> None:
    with upstream:
        if pending:
            upstream.sendall(pending)
        sockets = [client, upstream]
        while True:
            readable, _, _ = select.select(sockets, [], [], 10)
            if not readable:
                return
            for sock in readable:
                data = sock.recv(65536)
                if not data:
                    return
                (upstream if sock is client else client).sendall(data)
            if until_upstream_closes and upstream not in sockets:
                return
