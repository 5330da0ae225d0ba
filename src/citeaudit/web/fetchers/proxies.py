"""Which HTTP proxy a request goes through: `--proxy`, else the standard proxy variables.

The variables are read as curl and Python read them: `https_proxy` for https URLs, `http_proxy`
for http URLs, `all_proxy` for either, lower case before upper case, and `no_proxy` (a comma
list of hosts, domains, `.domain` suffixes or `*`) for hosts that are reached directly. Only
`http://` proxies are spoken to (`host:port` alone means that); a proxy URL may carry
`user:password@`, sent as `Proxy-Authorization: Basic`.

How the address guard holds through a proxy is the live fetcher's business
(`citeaudit.web.fetchers.live`): every target is still resolved and checked here before a
byte goes to the proxy.
"""

from __future__ import annotations

import base64
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

PROXY_VARIABLES = {"https": ("https_proxy", "all_proxy"), "http": ("http_proxy", "all_proxy")}


class ProxyError(ValueError):
    """A proxy setting that cannot be used (not an http:// URL, no host, a bad port)."""


@dataclass(frozen=True)
class Proxy:
    """One HTTP proxy: where it listens, and the credentials it wants, if any."""

    url: str
    host: str
    port: int
    authorization: str | None = None
    """The `Proxy-Authorization` header value, from the URL's `user:password@`."""

    @classmethod
    def parse(cls, text: str, setting: str = "--proxy") -> Proxy:
        """The proxy a setting names, or `ProxyError` saying why it cannot be used."""
        value = text.strip()
        if "://" not in value:
            value = "http://" + value
        try:
            parts = urlsplit(value)
            port = parts.port or 80
        except ValueError as error:
            raise ProxyError(f"{setting}={text!r}: {error}") from None
        if parts.scheme.lower() != "http":
            raise ProxyError(
                f"{setting}={text!r}: only http:// proxies are supported, not {parts.scheme}://"
            )
        if not parts.hostname:
            raise ProxyError(f"{setting}={text!r}: no proxy host")
        authorization = None
        if parts.username is not None:
            credentials = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
            authorization = "Basic " + base64.b64encode(credentials.encode()).decode("ascii")
        return cls(f"http://{parts.hostname}:{port}", parts.hostname, port, authorization)


@dataclass(frozen=True)
class ProxyRoutes:
    """The proxy for each scheme, and the hosts reached directly (`no_proxy`)."""

    by_scheme: Mapping[str, Proxy]
    no_proxy: str = ""

    @classmethod
    def from_settings(cls, explicit: str | None, environ: Mapping[str, str]) -> ProxyRoutes:
        """`--proxy` for every scheme when given, else the environment's variables."""
        no_proxy = _variable(environ, "no_proxy") or ""
        if explicit:
            proxy = Proxy.parse(explicit)
            return cls({"http": proxy, "https": proxy}, no_proxy)
        by_scheme = {}
        for scheme, names in PROXY_VARIABLES.items():
            for name in names:
                value = _variable(environ, name)
                if value:
                    by_scheme[scheme] = Proxy.parse(value, setting=name.upper())
                    break
        return cls(by_scheme, no_proxy)

    def for_target(self, scheme: str, host: str) -> Proxy | None:
        """The proxy a request to `scheme://host` goes through, or None (direct)."""
        proxy = self.by_scheme.get(scheme)
        if proxy is None:
            return None
        if is_bypassed(host, self.no_proxy):
            return None
        return proxy


def is_bypassed(host: str, no_proxy: str) -> bool:
    """Whether `no_proxy` names `host`: `*`, the host or a parent domain (with or without a
    leading dot), or a network (`10.0.0.0/8`) holding its address; ports are not compared."""
    name = host.strip("[]").lower().rstrip(".")
    for entry in (item.strip().lower() for item in no_proxy.split(",")):
        if not entry:
            continue
        if entry == "*":
            return True
        if "/" in entry:
            try:
                if ipaddress.ip_address(name) in ipaddress.ip_network(entry, strict=False):
                    return True
            except ValueError:
                pass
            continue
        domain = entry.rsplit(":", 1)[0] if entry.count(":") == 1 else entry
        domain = domain.strip("[]").lstrip(".").rstrip(".")
        if domain and (name == domain or name.endswith("." + domain)):
            return True
    return False


def _variable(environ: Mapping[str, str], name: str) -> str | None:
    return environ.get(name) or environ.get(name.upper())
