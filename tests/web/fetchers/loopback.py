"""A scripted HTTP server on a loopback address, for tests that need real sockets.

`LoopbackServer(routes, host="127.0.0.x")` binds an ephemeral port, answers each request with
the behaviour its path maps to, and counts requests in flight (peak included) so tests can
check politeness at the server. It is bounded in time: every behaviour stops when the server
stops, and the server stops itself after `lifetime` seconds even if a test forgets to.

Behaviours are plain functions `(Exchange) -> bool` (True: the connection may serve another
request); the factories below cover what a link checker meets: a plain answer, a redirect, a
slow body (slowloris), an endless chunked body, a huge body (under any `Content-Encoding`), a
gzip bomb, a hang after accept, a reset, huge headers, an invalid status line. `connections`
counts the connections accepted, so a test can prove that none was made.
"""

from __future__ import annotations

import select
import socket
import socketserver
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

MAX_REQUEST_HEAD = 64 * 1024
TLS_HANDSHAKE = b"\x16\x03"
"""How a TLS ClientHello record starts (handshake, version 3.x)."""


@dataclass
class Exchange:
    """One request as the server read it, and the means to answer it."""

    method: str
    path: str
    headers: dict[str, str]
    connection: socket.socket
    stopping: threading.Event

    def send(self, data: bytes) -> None:
        self.connection.sendall(data)

    def pause(self, seconds: float) -> bool:
        """Wait `seconds` unless the server stops first; False when it stopped."""
        return not self.stopping.wait(seconds)


Behaviour = Callable[[Exchange], bool]


def _head(status: int, headers: Iterable[tuple[str, str]], reason: str = "") -> bytes:
    lines = [f"HTTP/1.1 {status} {reason or 'Status'}"]
    lines.extend(f"{name}: {value}" for name, value in headers)
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def respond(
    status: int = 200,
    body: bytes | str = b"",
    headers: Iterable[tuple[str, str]] = (),
    delay: float = 0.0,
) -> Behaviour:
    """Answer `status` with `body` after `delay` seconds; keeps the connection alive."""
    data = body.encode() if isinstance(body, str) else body
    extra = list(headers)
    if not any(name.lower() == "content-type" for name, _ in extra):
        extra.append(("Content-Type", "text/html; charset=utf-8"))

    def behaviour(exchange: Exchange) -> bool:
        if delay and not exchange.pause(delay):
            return False
        exchange.send(_head(status, [*extra, ("Content-Length", str(len(data)))]) + data)
        return True

    return behaviour


def redirect(location: str, status: int = 302) -> Behaviour:
    """Answer `status` with a `Location` header."""
    return respond(status, b"", [("Location", location)])


def slow_body(byte_interval: float = 1.0, length: int = 1000) -> Behaviour:
    """Send the headers at once, then the body one byte every `byte_interval` seconds."""

    def behaviour(exchange: Exchange) -> bool:
        exchange.send(_head(200, [("Content-Type", "text/html"), ("Content-Length", str(length))]))
        for _ in range(length):
            if not exchange.pause(byte_interval):
                return False
            exchange.send(b"x")
        return False

    return behaviour


def slow_headers(byte_interval: float = 1.0) -> Behaviour:
    """Send the status line and headers one byte every `byte_interval` seconds."""

    def behaviour(exchange: Exchange) -> bool:
        head = _head(
            200, [("Content-Type", "text/html"), ("X-Padding", "p" * 200), ("Content-Length", "0")]
        )
        for index in range(len(head)):
            if not exchange.pause(byte_interval):
                return False
            exchange.send(head[index : index + 1])
        return False

    return behaviour


def endless_chunked(chunk: bytes = b"<p>more</p>" * 100, interval: float = 0.0) -> Behaviour:
    """A chunked body that never ends (until the client leaves or the server stops)."""

    def behaviour(exchange: Exchange) -> bool:
        exchange.send(_head(200, [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")]))
        framed = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
        while not exchange.stopping.is_set():
            exchange.send(framed)
            if interval and not exchange.pause(interval):
                break
        return False

    return behaviour


def huge_body(
    length: int = 50 * 1024 * 1024,
    delay: float = 0.0,
    headers: Iterable[tuple[str, str]] = (("Content-Type", "application/octet-stream"),),
) -> Behaviour:
    """A `length`-byte body (zeros), streamed in blocks; nothing that large is held in memory."""
    block = b"\0" * 65536
    extra = list(headers)

    def behaviour(exchange: Exchange) -> bool:
        if delay and not exchange.pause(delay):
            return False
        exchange.send(_head(200, [*extra, ("Content-Length", str(length))]))
        sent = 0
        while sent < length and not exchange.stopping.is_set():
            piece = block[: length - sent]
            exchange.send(piece)
            sent += len(piece)
        return False

    return behaviour


def gzip_bomb_blocks(inflated_block: int = 1024 * 1024) -> tuple[bytes, bytes]:
    """A gzip header block and a repeatable deflate block, each inflating to `inflated_block` zeros.

    `Z_FULL_FLUSH` ends each block on a byte boundary with no back-references into the block
    before, so the second block can be sent any number of times: N copies inflate to N times
    `inflated_block`, for about a thousandth of that on the wire.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = b"\0" * inflated_block
    first = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    return first, repeated


def gzip_bomb(compressed_length: int = 10 * 1024 * 1024) -> Behaviour:
    """About `compressed_length` bytes of gzip inflating a thousandfold (10 MB -> 10 GB)."""
    first, repeated = gzip_bomb_blocks()

    def behaviour(exchange: Exchange) -> bool:
        copies = max(0, (compressed_length - len(first)) // len(repeated))
        length = len(first) + copies * len(repeated)
        exchange.send(
            _head(
                200,
                [
                    ("Content-Type", "text/html"),
                    ("Content-Encoding", "gzip"),
                    ("Content-Length", str(length)),
                ],
            )
        )
        exchange.send(first)
        for _ in range(copies):
            if exchange.stopping.is_set():
                break
            exchange.send(repeated)
        return False

    return behaviour


def hang() -> Behaviour:
    """Accept and read the request, then say nothing until the server stops."""

    def behaviour(exchange: Exchange) -> bool:
        exchange.stopping.wait()
        return False

    return behaviour


def reset() -> Behaviour:
    """Read the request, then abort the connection with a TCP RST (SO_LINGER 0)."""

    def behaviour(exchange: Exchange) -> bool:
        exchange.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        exchange.connection.close()
        return False

    return behaviour


def huge_headers(line_length: int = 100_000) -> Behaviour:
    """Answer with one header line longer than any client accepts."""
    return respond(200, b"ok", [("X-Huge", "h" * line_length)])


def raw(data: bytes) -> Behaviour:
    """Send `data` as it is (an invalid status line, say) and close."""

    def behaviour(exchange: Exchange) -> bool:
        exchange.send(data)
        return False

    return behaviour


def _client_still_there(connection: socket.socket) -> bool:
    """False once the client has closed or reset the connection (peeks, consumes nothing)."""
    try:
        # `select` first: a socket with a timeout would wait in `recv` despite MSG_DONTWAIT.
        readable, _, _ = select.select([connection], [], [], 0)
        return not readable or connection.recv(1, socket.MSG_PEEK) != b""
    except (OSError, ValueError):
        return False


@dataclass
class Traffic:
    """What the server saw: requests by path, and requests in flight now and at most.

    A request is in flight from the moment its head is read until the server is done with it
    or the client has closed the connection, whichever comes first: a client that stops
    reading a 50 MB body and hangs up is done with it, even if the thread streaming the body
    has not noticed yet.
    """

    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    """When each request's head was read (`time.monotonic`)."""
    active: set[socket.socket] = field(default_factory=set)
    peak_in_flight: int = 0

    def begin(
        self, method: str, path: str, headers: dict[str, str], connection: socket.socket
    ) -> None:
        with self.lock:
            self.requests.append((method, path, headers))
            self.times.append(time.monotonic())
            self.active.add(connection)
            in_flight = sum(
                1 for other in self.active if other is connection or _client_still_there(other)
            )
            self.peak_in_flight = max(self.peak_in_flight, in_flight)

    def end(self, connection: socket.socket) -> None:
        with self.lock:
            self.active.discard(connection)

    def paths(self) -> list[str]:
        with self.lock:
            return [path for _method, path, _headers in self.requests]


def _read_head(connection: socket.socket) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data:
        piece = connection.recv(4096)
        if not piece:
            return None
        data += piece
        if data.startswith(TLS_HANDSHAKE):
            return data
        if len(data) > MAX_REQUEST_HEAD:
            return None
    return data


def _parse_head(data: bytes) -> tuple[str, str, dict[str, str]]:
    lines = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    method, path, _version = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return method, path, headers


class LoopbackServer:
    """A threaded HTTP/1.1 server on `host` (a loopback address), answering by path.

    `routes` maps a path (query included, as sent) to a behaviour; `fallback` answers the rest
    (404 by default). Use as a context manager; `url(path)` gives the full URL.
    """

    def __init__(
        self,
        routes: dict[str, Behaviour] | None = None,
        *,
        host: str = "127.0.0.1",
        fallback: Behaviour | None = None,
        lifetime: float = 60.0,
    ) -> None:
        self.routes = dict(routes or {})
        self.fallback = fallback or respond(404, "<title>Not Found</title>")
        self.traffic = Traffic()
        self.stopping = threading.Event()
        self.connections = 0
        server = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                with server.traffic.lock:
                    server.connections += 1
                server._serve_connection(self.request)

        class Threaded(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True
            request_queue_size = 128

        self._server = Threaded((host, 0), Handler)
        self.host, self.port = self._server.server_address[:2]
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"loopback-{self.host}",
            daemon=True,
        )
        self._timer = threading.Timer(lifetime, self.stop)
        self._timer.daemon = True

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base + path

    def start(self) -> LoopbackServer:
        """Start serving (a second call does nothing)."""
        if not self._thread.is_alive() and not self.stopping.is_set():
            self._thread.start()
            self._timer.start()
        return self

    def stop(self) -> None:
        if self.stopping.is_set():
            return
        self.stopping.set()
        self._timer.cancel()
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _serve_connection(self, connection: socket.socket) -> None:
        connection.settimeout(30)
        try:
            keep_alive = True
            while keep_alive and not self.stopping.is_set():
                head = _read_head(connection)
                if head is None:
                    return
                if head.startswith(TLS_HANDSHAKE):
                    # Spoken to with TLS: answer in plain HTTP, as a plain server does, so the
                    # client's handshake fails at once ("wrong version number").
                    connection.sendall(_head(400, [("Content-Length", "0")], "Bad Request"))
                    return
                method, path, headers = _parse_head(head)
                exchange = Exchange(method, path, headers, connection, self.stopping)
                self.traffic.begin(method, path, headers, connection)
                try:
                    keep_alive = self.routes.get(path, self.fallback)(exchange)
                finally:
                    self.traffic.end(connection)
        except OSError:
            return  # the client left (reset, broken pipe, timeout): nothing to answer


@dataclass
class LoopbackHosts:
    """Several servers, each on its own loopback address, acting as distinct hosts."""

    servers: list[LoopbackServer]

    def __iter__(self) -> Iterator[LoopbackServer]:
        return iter(self.servers)

    def stop(self) -> None:
        for server in self.servers:
            server.stop()


def start_hosts(
    count: int,
    make_routes: Callable[[int], dict[str, Behaviour]],
    *,
    first: int = 2,
    fallback: Callable[[int], Behaviour] | None = None,
    lifetime: float = 300.0,
) -> LoopbackHosts:
    """Start `count` servers on 127.0.0.`first`, `first+1`, ... (Linux answers on all of 127/8)."""
    servers = []
    for index in range(count):
        server = LoopbackServer(
            make_routes(index),
            host=f"127.0.0.{first + index}",
            fallback=fallback(index) if fallback else None,
            lifetime=lifetime,
        )
        servers.append(server.start())
    return LoopbackHosts(servers)
