"""`LiveFetcher`: one HTTP hop over the network with `requests`, capped in time, size and reach.

This is the only module that imports `requests`. What it guarantees, per `fetch` call:

- **One hop.** Redirects are never followed: a 3xx comes back with its `Location` header and
  the caller decides. `HEAD` is only sent when asked for (many sites answer it wrongly).
- **Bounded time.** A connect timeout, a read timeout per socket read, and a hard total
  deadline. The deadline is enforced by a watchdog thread that shuts the socket down when it
  passes, so a server that sends one byte a second (in its headers or its body) cannot hold a
  worker past it. A body cut by the deadline is returned with `truncated=True`; a deadline
  passed before the status line is a `timeout` failure.
- **Bounded size.** The body is streamed raw and read to at most `max_bytes` from the wire;
  gzip/deflate are undone here incrementally with `max_decoded_bytes` as a hard cap
  (`citeaudit.web.fetchers.decoding`), so a compression bomb never allocates more than the cap.
- **Bounded reach.** Only http and https. The connection class resolves the host itself,
  refuses every private, loopback, link-local, multicast, reserved or unspecified address
  (`citeaudit.web.fetchers.addresses`), and then connects to the very address it checked, so DNS
  rebinding (a name that answers public for a check and private for the connect) has no
  second look-up to exploit; the connected socket's peer address is checked once more. Since
  a redirect is a new `fetch`, every hop goes through the same check. `.netrc` is ignored.
  `allow_private=True` lifts the address check (tests on loopback, intranet audits);
  `allowed_networks` lifts it for the named networks only, every other address still refused.
- **Through a proxy, the same guard.** With `proxies` (`--proxy`, or the standard variables;
  `citeaudit.web.fetchers.proxies`), the proxy itself is reached as named (the user chose it,
  and it is often on a private address), while every target is still resolved and checked
  here first. An https target goes through a tunnel that this fetcher opens itself with
  `CONNECT <checked address>:<port>`, so the proxy connects to the very address checked (no
  second look-up, on the proxy's side either), and TLS is verified for the target's name. An
  http target is forwarded by name (a proxy replaces the `Host` header with the request line's
  host, so an address there would break virtual hosts): its name is checked here, and the
  proxy resolves it again, the one gap a forwarding proxy leaves. With `allow_private=True`
  nothing is resolved here and the proxy resolves everything.
- **No exceptions.** Every failure becomes `FetchResult(failure=KIND, detail=...)` with KIND
  one of `timeout`, `dns`, `connection`, `reset`, `tls`, `too-large`, `invalid-url`,
  `protocol`, `refused-address`.

No cookies are kept between requests: each hop is judged on its own, as a recording replays it.
"""

from __future__ import annotations

import heapq
import http.client
import ipaddress
import itertools
import socket
import ssl
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from http.cookiejar import DefaultCookiePolicy
from typing import Any

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util import connection as urllib3_connection

from citeaudit import __version__
from citeaudit.model import FailureKind, FetchRequest, FetchResult
from citeaudit.web.fetchers.addresses import (
    AddressRefusedError,
    InvalidURLError,
    IPNetwork,
    Resolver,
    check_url,
    checked_addresses,
    is_reachable,
    resolve,
)
from citeaudit.web.fetchers.base import DEFAULT_TIMEOUT, Fetcher
from citeaudit.web.fetchers.decoding import CappedDecoder, DecodingError
from citeaudit.web.fetchers.proxies import Proxy, ProxyRoutes

DEFAULT_CONTACT = "https://github.com/citeaudit/citeaudit"
READ_CHUNK = 64 * 1024
MAX_PROXY_ANSWER = 64 * 1024
NO_PROXIES = ProxyRoutes({})


def default_user_agent(contact: str = DEFAULT_CONTACT) -> str:
    """`citeaudit/<version> (+<contact>; citation checker bot) python-requests/<version>`.

    The form follows the Wikimedia User-Agent policy: tool and version, a way to reach the
    operator, the word "bot", then the library.
    """
    library = f"python-requests/{requests.__version__}"
    return f"citeaudit/{__version__} (+{contact}; citation checker bot) {library}"


@dataclass(frozen=True)
class LiveLimits:
    """Time and size limits of one `fetch` call.

    `connect_timeout` bounds establishing the TCP (and TLS) connection, `read_timeout` each
    wait for data, `total_timeout` the whole call. `max_bytes` caps what is read from the
    wire; `max_decoded_bytes` caps the decoded body (2 MiB holds the title and far more text
    than a verdict needs).
    """

    connect_timeout: float = 10.0
    read_timeout: float = 15.0
    total_timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = 2 * 1024 * 1024
    max_decoded_bytes: int = 2 * 1024 * 1024


class _DeadlineWatchdog:
    """One daemon thread that shuts down the socket of any request still running at its deadline."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._heap: list[tuple[float, int, socket.socket]] = []
        self._cancelled: set[int] = set()
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None
        self._stopped = False

    def watch(self, deadline: float, sock: socket.socket) -> int:
        with self._condition:
            token = next(self._tokens)
            heapq.heappush(self._heap, (deadline, token, sock))
            if self._thread is None and not self._stopped:
                self._thread = threading.Thread(
                    target=self._run, name="citeaudit-deadline", daemon=True
                )
                self._thread.start()
            self._condition.notify()
            return token

    def cancel(self, token: int) -> None:
        with self._condition:
            self._cancelled.add(token)

    def stop(self) -> None:
        with self._condition:
            self._stopped = True
            self._condition.notify()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        with self._condition:
            while not self._stopped:
                while self._heap and self._heap[0][1] in self._cancelled:
                    self._cancelled.discard(heapq.heappop(self._heap)[1])
                if not self._heap:
                    self._condition.wait()
                    continue
                deadline, _token, sock = self._heap[0]
                delay = deadline - time.monotonic()
                if delay > 0:
                    self._condition.wait(delay)
                    continue
                heapq.heappop(self._heap)
                _shut_down(sock)


def _shut_down(sock: socket.socket) -> None:
    # The plain-socket method, also for TLS sockets: `SSLSocket.shutdown` would tear down the
    # SSL object under the reading thread; this only wakes the blocked read with EOF.
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass


class _RequestGuard:
    """What the connections of one `LiveFetcher` share: the address policy and the deadlines.

    `fetch` sets the deadline of the request the current thread is making; the connection
    arms the watchdog with its socket when it starts waiting for the answer.
    """

    def __init__(
        self,
        allow_private: bool,
        resolver: Resolver,
        allowed_networks: tuple[IPNetwork, ...],
        proxies: ProxyRoutes = NO_PROXIES,
    ) -> None:
        self.allow_private = allow_private
        self.resolver = resolver
        self.allowed_networks = allowed_networks
        self.proxies = proxies
        self.watchdog = _DeadlineWatchdog()
        self._local = threading.local()

    def begin(self, deadline: float) -> None:
        self._local.deadline = deadline
        self._local.tokens = []

    def arm(self, sock: socket.socket | None) -> None:
        deadline = getattr(self._local, "deadline", None)
        if deadline is not None and sock is not None:
            self._local.tokens.append(self.watchdog.watch(deadline, sock))

    def end(self) -> None:
        for token in getattr(self._local, "tokens", []):
            self.watchdog.cancel(token)
        self._local.deadline = None
        self._local.tokens = []

    def connect(
        self, host: str, port: int, timeout: Any, options: Any, source: Any
    ) -> socket.socket:
        """Resolve, check every address, then connect to a checked one (never a second look-up)."""
        addresses = checked_addresses(
            host, port, self.allow_private, self.resolver, self.allowed_networks
        )
        last_error: OSError | None = None
        deadline = getattr(self._local, "deadline", None)
        for address in addresses:
            # Several addresses are tried in turn, but never past the request's deadline.
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise last_error or TimeoutError(f"deadline passed before connecting to {host}")
            if remaining is not None and isinstance(timeout, (int, float)):
                timeout = min(timeout, remaining)
            try:
                sock = urllib3_connection.create_connection(
                    (address, port), timeout, source_address=source, socket_options=options
                )
            except OSError as error:
                last_error = error
                continue
            self._check_peer(host, sock)
            return sock
        raise last_error or OSError(f"no address to connect to for {host}")

    def tunnel(
        self, proxy: Proxy, host: str, port: int, timeout: Any, options: Any, source: Any
    ) -> socket.socket:
        """A socket through `proxy` to a checked address of `host` (`CONNECT address:port`);
        without the guard (`allow_private`), to `host` by name, for the proxy to resolve."""
        addresses = (
            [host]
            if self.allow_private
            else checked_addresses(host, port, False, self.resolver, self.allowed_networks)
        )
        last_error: OSError | None = None
        for address in addresses:
            sock = self.connect_to_proxy(proxy, timeout, options, source)
            try:
                _open_tunnel(sock, proxy, address, port)
            except OSError as error:
                sock.close()
                last_error = error
                continue
            return sock
        raise last_error or OSError(f"no address to connect to for {host}")

    def connect_to_proxy(
        self, proxy: Proxy, timeout: Any, options: Any, source: Any
    ) -> socket.socket:
        """A connection to the proxy, as the user named it (no address check: their choice)."""
        deadline = getattr(self._local, "deadline", None)
        if deadline is not None and isinstance(timeout, (int, float)):
            timeout = max(0.001, min(timeout, deadline - time.monotonic()))
        sock = urllib3_connection.create_connection(
            (proxy.host, proxy.port), timeout, source_address=source, socket_options=options
        )
        self.arm(sock)
        return sock

    def _check_peer(self, host: str, sock: socket.socket) -> None:
        if self.allow_private:
            return
        peer = str(sock.getpeername()[0]).split("%", 1)[0]
        if not is_reachable(ipaddress.ip_address(peer), self.allowed_networks):
            sock.close()
            raise AddressRefusedError(host, peer)


def _open_tunnel(sock: socket.socket, proxy: Proxy, address: str, port: int) -> None:
    """Ask the proxy for a tunnel to `address:port`; raise `OSError` unless it says 2xx."""
    target = f"[{address}]:{port}" if ":" in address else f"{address}:{port}"
    lines = [f"CONNECT {target} HTTP/1.1", f"Host: {target}"]
    if proxy.authorization:
        lines.append(f"Proxy-Authorization: {proxy.authorization}")
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
    answer = b""
    while b"\r\n\r\n" not in answer:
        piece = sock.recv(4096)
        if not piece or len(answer) > MAX_PROXY_ANSWER:
            raise OSError(f"the proxy {proxy.url} closed the tunnel to {target} before answering")
        answer += piece
    status_line = answer.split(b"\r\n", 1)[0].decode("latin-1", "replace")
    parts = status_line.split(" ", 2)
    if len(parts) < 2 or not parts[1].isdigit() or not 200 <= int(parts[1]) < 300:
        shown = "".join(c if c.isprintable() else " " for c in status_line)[:200]
        raise OSError(f"the proxy {proxy.url} refused a tunnel to {target}: {shown}")


def _guarded_connection_classes(guard: _RequestGuard) -> dict[str, type[HTTPConnectionPool]]:
    """Connection-pool classes whose connections go through `guard` (one pair per fetcher)."""

    class GuardedHTTPConnection(HTTPConnection):
        def _new_conn(self) -> socket.socket:
            return _guarded_new_conn(self, guard)

        def getresponse(self) -> Any:  # type: ignore[override]
            guard.arm(self.sock)
            return super().getresponse()

    class GuardedHTTPSConnection(HTTPSConnection):
        def _new_conn(self) -> socket.socket:
            proxy = guard.proxies.for_target("https", self.host)
            if proxy is not None:
                return _guarded_new_conn(self, guard, proxy)
            return _guarded_new_conn(self, guard)

        def getresponse(self) -> Any:  # type: ignore[override]
            guard.arm(self.sock)
            return super().getresponse()

    class GuardedHTTPConnectionPool(HTTPConnectionPool):
        ConnectionCls = GuardedHTTPConnection

    class GuardedHTTPSConnectionPool(HTTPSConnectionPool):
        ConnectionCls = GuardedHTTPSConnection

    return {"http": GuardedHTTPConnectionPool, "https": GuardedHTTPSConnectionPool}


def _proxy_connection_classes(guard: _RequestGuard) -> dict[str, type[HTTPConnectionPool]]:
    """Connection-pool classes for the connections to a forwarding proxy (http targets): the
    proxy is reached as named, under the request's deadline; the target was checked before."""

    class ProxyConnection(HTTPConnection):
        def _new_conn(self) -> socket.socket:
            proxy = Proxy(f"http://{self.host}:{self.port}", self.host, self.port)
            return _guarded_new_conn(self, guard, proxy, forwarding=True)

        def getresponse(self) -> Any:  # type: ignore[override]
            guard.arm(self.sock)
            return super().getresponse()

    class ProxyConnectionPool(HTTPConnectionPool):
        ConnectionCls = ProxyConnection

    return {"http": ProxyConnectionPool}


def _guarded_new_conn(
    connection: HTTPConnection,
    guard: _RequestGuard,
    proxy: Proxy | None = None,
    forwarding: bool = False,
) -> socket.socket:
    # Mirrors urllib3's own `_new_conn` error wrapping, so requests maps errors as usual.
    try:
        if forwarding and proxy is not None:
            return guard.connect_to_proxy(
                proxy, connection.timeout, connection.socket_options, connection.source_address
            )
        if proxy is not None:
            sock = guard.tunnel(
                proxy,
                connection.host,
                connection.port,
                connection.timeout,
                connection.socket_options,
                connection.source_address,
            )
        else:
            sock = guard.connect(
                connection.host,
                connection.port,
                connection.timeout,
                connection.socket_options,
                connection.source_address,
            )
        guard.arm(sock)  # from here on, a slow TLS handshake is bounded by the deadline too
        return sock
    except socket.gaierror as error:
        raise urllib3.exceptions.NameResolutionError(connection.host, connection, error) from error
    except TimeoutError as error:
        raise urllib3.exceptions.ConnectTimeoutError(
            connection, f"connect to {connection.host} timed out"
        ) from error
    except OSError as error:
        raise urllib3.exceptions.NewConnectionError(
            connection, f"failed to connect: {error}"
        ) from error


class _GuardedAdapter(HTTPAdapter):
    """An `HTTPAdapter` whose pools use the guarded connections; no retries at this level."""

    def __init__(self, guard: _RequestGuard, pool_connections: int, pool_maxsize: int) -> None:
        self._guard = guard
        super().__init__(
            pool_connections=pool_connections, pool_maxsize=pool_maxsize, max_retries=0
        )

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        super().init_poolmanager(connections, maxsize, block=block, **pool_kwargs)
        self.poolmanager.pool_classes_by_scheme = _guarded_connection_classes(self._guard)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = _proxy_connection_classes(self._guard)
        return manager


class LiveFetcher(Fetcher):
    """Fetches one hop over the network; safe to call from many threads at once.

    One `requests.Session` is shared by all threads: it keeps no cookies (a policy that
    accepts none), takes nothing from the environment, and its adapter keeps up to
    `pool_maxsize` connections per host for `pool_hosts` hosts, so workers reuse connections.
    `resolver` turns a host name into addresses (tests give names to loopback addresses).
    `allowed_networks` (CIDR strings) are non-public networks that may be reached anyway, while
    every other non-public address stays refused: an intranet wiki's own hosts, or a test's
    servers on 127.0.0.2 beside a canary on 127.0.0.1 that must never be reached.
    """

    def __init__(
        self,
        limits: LiveLimits | None = None,
        *,
        user_agent: str | None = None,
        contact: str = DEFAULT_CONTACT,
        allow_private: bool = False,
        pool_hosts: int = 64,
        pool_maxsize: int = 8,
        resolver: Resolver = resolve,
        allowed_networks: Sequence[str] = (),
        proxies: ProxyRoutes = NO_PROXIES,
    ) -> None:
        self.limits = limits or LiveLimits()
        self.user_agent = user_agent or default_user_agent(contact)
        networks = tuple(ipaddress.ip_network(network) for network in allowed_networks)
        self._guard = _RequestGuard(allow_private, resolver, networks, proxies)
        self._session = requests.Session()
        self._session.trust_env = False
        self._session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
        adapter = _GuardedAdapter(
            self._guard, pool_connections=pool_hosts, pool_maxsize=pool_maxsize
        )
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

    def fetch(self, request: FetchRequest) -> FetchResult:
        started = time.monotonic()
        deadline = started + self.limits.total_timeout
        try:
            checked = check_url(request.url)
        except InvalidURLError as error:
            return FetchResult(url=request.url, failure=FailureKind.INVALID_URL, detail=str(error))
        self._guard.begin(deadline)
        try:
            return self._fetch(request, checked.url, started, deadline)
        except Exception as error:  # every failure becomes a value, as the Fetcher contract says
            kind = classify_failure(error, deadline_passed=time.monotonic() >= deadline)
            return FetchResult(
                url=request.url,
                failure=kind,
                detail=describe(error),
                elapsed=time.monotonic() - started,
            )
        finally:
            self._guard.end()

    def _fetch(
        self, request: FetchRequest, url: str, started: float, deadline: float
    ) -> FetchResult:
        headers = {
            "User-Agent": self.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Encoding": "gzip, deflate",
        }
        headers.update(dict(request.headers))
        parts = check_url(url)
        forward = (
            self._guard.proxies.for_target("http", parts.host) if parts.scheme == "http" else None
        )
        if forward is not None:
            if not self._guard.allow_private:
                # Forwarded by name: check the name here first, as a direct request would.
                checked_addresses(
                    parts.host,
                    parts.port,
                    False,
                    self._guard.resolver,
                    self._guard.allowed_networks,
                )
            if forward.authorization:
                headers["Proxy-Authorization"] = forward.authorization
        response = self._session.request(
            request.method,
            url,
            headers=headers,
            allow_redirects=False,
            stream=True,
            timeout=(self.limits.connect_timeout, self.limits.read_timeout),
            proxies={"http": forward.url} if forward is not None else None,
        )
        with response:
            body, truncated, note = self._read_body(response, deadline)
        return FetchResult(
            url=request.url,
            status=response.status_code,
            headers=tuple((name.lower(), value) for name, value in response.raw.headers.items()),
            body=body,
            truncated=truncated,
            detail=note,
            elapsed=time.monotonic() - started,
        )

    def _read_body(self, response: requests.Response, deadline: float) -> tuple[bytes, bool, str]:
        decoder = CappedDecoder(
            response.headers.get("Content-Encoding", ""), self.limits.max_decoded_bytes
        )
        note = "" if decoder.supported else "unknown Content-Encoding: body kept as sent"
        read = 0
        try:
            for chunk in _raw_chunks(response.raw):
                read += len(chunk)
                decoder.feed(chunk)
                if decoder.full or read >= self.limits.max_bytes:
                    return decoder.body, True, note
                if time.monotonic() >= deadline:
                    return decoder.body, True, "deadline passed while reading the body"
        except DecodingError as error:
            return decoder.body, True, str(error)
        except Exception as error:
            if time.monotonic() >= deadline:
                return decoder.body, True, "deadline passed while reading the body"
            return decoder.body, True, f"body cut short: {describe(error)}"
        return decoder.body, decoder.truncated, note

    def close(self) -> None:
        self._session.close()
        self._guard.watchdog.stop()


def _raw_chunks(raw: urllib3.HTTPResponse) -> Iterator[bytes]:
    """The body as it came off the wire (still compressed), one socket read at a time."""
    while True:
        chunk = raw.read1(READ_CHUNK, decode_content=False)
        if not chunk:
            return
        yield chunk


def _causes(error: BaseException) -> list[tuple[int, BaseException]]:
    """`error` and everything it wraps (`__cause__`, `__context__`, exception `args`, urllib3's
    `reason`), each with its depth below `error`."""
    seen: set[int] = set()
    found: list[tuple[int, BaseException]] = []
    queue: list[tuple[int, BaseException]] = [(0, error)]
    while queue:
        depth, current = queue.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        found.append((depth, current))
        inner = [
            current.__cause__,
            current.__context__,
            getattr(current, "reason", None),
            *current.args,
        ]
        queue.extend((depth + 1, item) for item in inner if isinstance(item, BaseException))
    return found


_FAILURE_KINDS: tuple[tuple[tuple[type[BaseException], ...], FailureKind], ...] = (
    (
        (
            InvalidURLError,
            requests.exceptions.InvalidURL,
            requests.exceptions.MissingSchema,
            requests.exceptions.InvalidSchema,
            urllib3.exceptions.LocationParseError,
            UnicodeError,
        ),
        FailureKind.INVALID_URL,
    ),
    ((http.client.LineTooLong, urllib3.exceptions.HeaderParsingError), FailureKind.TOO_LARGE),
    ((socket.gaierror, urllib3.exceptions.NameResolutionError), FailureKind.DNS),
    ((ssl.SSLError, ssl.CertificateError, requests.exceptions.SSLError), FailureKind.TLS),
    ((ConnectionRefusedError,), FailureKind.CONNECTION),
    (
        (
            ConnectionResetError,
            BrokenPipeError,
            ConnectionAbortedError,
            http.client.RemoteDisconnected,
        ),
        FailureKind.RESET,
    ),
    # Not urllib3's `ConnectTimeoutError`: its subclass `NewConnectionError` also means "refused".
    (
        (TimeoutError, requests.exceptions.Timeout, urllib3.exceptions.ReadTimeoutError),
        FailureKind.TIMEOUT,
    ),
    (
        (
            http.client.HTTPException,
            requests.exceptions.InvalidHeader,
            urllib3.exceptions.ProtocolError,
        ),
        FailureKind.PROTOCOL,
    ),
)


def classify_failure(error: BaseException, deadline_passed: bool = False) -> FailureKind:
    """The failure kind of an exception raised by `requests`, urllib3 or the socket layer.

    Once the total deadline has passed, whatever broke (typically the watchdog's shutdown
    showing up as a reset or an incomplete read) is reported as `timeout`.
    """
    causes = [cause for _depth, cause in _causes(error)]
    if any(isinstance(cause, AddressRefusedError) for cause in causes):
        return FailureKind.REFUSED_ADDRESS
    if deadline_passed:
        return FailureKind.TIMEOUT
    for classes, kind in _FAILURE_KINDS:
        if any(isinstance(cause, classes) for cause in causes):
            if kind is FailureKind.PROTOCOL and any(
                "got more than" in str(cause) for cause in causes
            ):
                return FailureKind.TOO_LARGE
            return kind
    return FailureKind.CONNECTION


def describe(error: BaseException) -> str:
    """A one-line description of an exception for `FetchResult.detail`: its innermost message.

    The innermost cause is the one that says what happened (`[Errno -3] Temporary failure in
    name resolution`), where the outer ones only add the library's wrapping.
    """
    depth, deepest = max(
        ((depth, cause) for depth, cause in _causes(error) if str(cause)),
        key=lambda item: item[0],
        default=(0, error),
    )
    text = str(deepest) or type(deepest).__name__
    if depth and type(deepest).__name__ not in text:
        text = f"{type(deepest).__name__}: {text}"
    # The message may quote what a server sent (a bad status line): no control character of
    # it reaches a report or a terminal (ANSI escapes, NUL), whatever the server put there.
    printable = "".join(character if character.isprintable() else " " for character in text)
    return " ".join(printable.split())[:300]
