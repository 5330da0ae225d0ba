"""Which network addresses a fetcher may connect to, and URL checks done before any request.

A link checker fetches URLs written by strangers, so a cited URL (or a redirect it answers
with) must not make it talk to the machine it runs on or to the local network: private,
loopback, link-local, multicast, reserved and unspecified addresses are refused, in IPv4 and
IPv6 alike, including IPv4 addresses wrapped in IPv6 (`::ffff:10.0.0.1`, 6to4, Teredo, NAT64).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from citeaudit.web.urls import DEFAULT_PORTS, normalise_url

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class InvalidURLError(ValueError):
    """The URL cannot be fetched: malformed, no host, unsupported scheme, bad IDN or port."""


class AddressRefusedError(Exception):
    """The host resolves to an address the fetcher must not connect to.

    Deliberately not an `OSError`: urllib3 wraps and retries `OSError`s raised while connecting,
    whereas this one must reach the fetcher as it is.
    """

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"{host} resolves to {address}, a non-public address")
        self.host = host
        self.address = address


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside an IPv6 one (mapped, 6to4, Teredo, NAT64), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in ipaddress.IPv6Network("64:ff9b::/96"):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public_address(address: IPAddress) -> bool:
    """True when `address` is globally routable unicast (not private, loopback, link-local, ...)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id:
            return False
        inner = embedded_ipv4(address)
        if inner is not None and not is_public_address(inner):
            return False
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to for TCP, in order (`socket.gaierror` if none)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for _family, _type, _proto, _canonname, sockaddr in infos:
        text = str(sockaddr[0])
        if text not in addresses:
            addresses.append(text)
    return addresses


Resolver = Callable[[str, int], list[str]]
"""`resolve`'s signature: host and port to addresses, raising `socket.gaierror` on failure."""


IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def is_reachable(address: IPAddress, allowed_networks: tuple[IPNetwork, ...] = ()) -> bool:
    """True when `address` is public, or inside one of `allowed_networks` (given on purpose)."""
    return is_public_address(address) or any(
        address.version == network.version and address in network for network in allowed_networks
    )


def checked_addresses(
    host: str,
    port: int,
    allow_private: bool,
    resolver: Resolver = resolve,
    allowed_networks: tuple[IPNetwork, ...] = (),
) -> list[str]:
    """Resolve `host` and return its addresses, refusing them all if any one is non-public.

    Refusing on any bad address (rather than skipping it) keeps a host that mixes public and
    private answers from being reached at all, which is what a rebinding attacker would try.
    Addresses inside `allowed_networks` count as public (an intranet the user named).
    """
    addresses = resolver(host, port)
    if not allow_private:
        for text in addresses:
            if not is_reachable(ipaddress.ip_address(text.split("%", 1)[0]), allowed_networks):
                raise AddressRefusedError(host, text)
    return addresses


@dataclass(frozen=True)
class CheckedURL:
    """A URL that passed the syntactic checks, with its host in ASCII (punycode) form."""

    url: str
    scheme: str
    host: str
    port: int


def check_url(url: str) -> CheckedURL:
    """Check that `url` is an absolute http(s) URL with a host (`citeaudit.web.urls`, the one
    normaliser); the normalised URL is returned with its host in ASCII and its port."""
    checkable = normalise_url(url)
    if checkable.url is None:
        raise InvalidURLError(checkable.problem or "not a checkable URL")
    parts = urlsplit(checkable.url)
    host = (parts.hostname or "").strip("[]")
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    return CheckedURL(url=checkable.url, scheme=parts.scheme, host=host, port=port)
