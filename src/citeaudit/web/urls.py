"""Cited URLs made checkable: validation, normalisation, host extraction and redirect resolution.

Only `http` and `https` URLs are checked; anything else (`javascript:`, `mailto:`, `ftp:`, a
URL without a scheme or a host, with whitespace inside, with a port that is not a number in
1..65535, with an international host name that cannot be written in punycode) is `invalid`
with a reason a person can act on. Nothing here raises on bad input and nothing does I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

CHECKABLE_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_WHITESPACE = re.compile(r"\s")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
# Characters left as they are when percent-encoding a path or query: the reserved set and `%`
# (an existing escape is kept, not double-encoded).
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
_SAFE_QUERY = _SAFE_PATH + "?"


@dataclass(frozen=True)
class CheckableURL:
    """The outcome of validating a cited URL: the normalised `url`, or the `problem` with it."""

    url: str | None
    problem: str | None = None

    @property
    def is_valid(self) -> bool:
        return self.url is not None


def normalise_url(raw: str) -> CheckableURL:
    """Validate `raw` and return it normalised, or the reason it cannot be checked.

    Normalising lower-cases the scheme and host, writes international host names in punycode,
    drops a default port and the fragment (never sent to a server), and percent-encodes
    characters that are not allowed in a path or query. A protocol-relative `//host/path`,
    which wikitext allows, is read as https.
    """
    text = raw.strip()
    if not text:
        return CheckableURL(None, "empty URL")
    if text.startswith("//"):
        text = "https:" + text
    if _WHITESPACE.search(text):
        return CheckableURL(None, "the URL contains whitespace")
    scheme_match = _SCHEME.match(text)
    if scheme_match is None:
        return CheckableURL(
            None, "the URL has no scheme (it should start with https:// or http://)"
        )
    scheme = scheme_match.group(1).lower()
    if scheme not in CHECKABLE_SCHEMES:
        return CheckableURL(None, f"unsupported scheme {scheme!r}: only http and https are checked")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        kind = "bad port" if "port" in str(error).lower() else "malformed URL"
        return CheckableURL(None, f"{kind}: {error}")
    if port is not None and not 0 < port <= 65535:
        return CheckableURL(None, f"bad port {port}")
    host = parts.hostname
    if not host:
        return CheckableURL(None, "the URL has no host")
    ascii_host = _ascii_host(host)
    if ascii_host is None:
        return CheckableURL(None, f"the host {host!r} is not a valid domain name")
    netloc = _netloc(parts.username, parts.password, ascii_host, port, scheme)
    path = quote(parts.path, safe=_SAFE_PATH) or "/"
    query = quote(parts.query, safe=_SAFE_QUERY)
    return CheckableURL(urlunsplit((scheme, netloc, path, query, "")))


def host_of(url: str) -> str:
    """The lower-cased host of `url` (no port, no userinfo), or "" when it has none.

    This is the key of per-host politeness limits and of the soft-404 probe cache.
    """
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return ""
    return (host or "").lower()


def resolve_location(base_url: str, location: str) -> str:
    """The absolute URL a `Location` header points to, relative to the URL that answered it."""
    return urljoin(base_url, location.strip())


def same_url(first: str, second: str) -> bool:
    """True when two URLs are the same up to the case of scheme and host and a trailing slash."""
    return _comparable(first) == _comparable(second)


def _comparable(url: str) -> str:
    checked = normalise_url(url)
    text = checked.url if checked.url is not None else url
    return text.rstrip("/")


def _ascii_host(host: str) -> str | None:
    if host.startswith("[") or ":" in host:
        return f"[{host.strip('[]')}]"
    host = host.rstrip(".")
    if not host:
        return None
    if host.isascii():
        ascii_host = host.lower()
    else:
        try:
            ascii_host = host.encode("idna").decode("ascii").lower()
        except UnicodeError:
            return None
    labels = ascii_host.split(".")
    if len(ascii_host) > 253 or not all(_HOST_LABEL.match(label) for label in labels):
        return None
    return ascii_host


def _netloc(
    user: str | None, password: str | None, host: str, port: int | None, scheme: str
) -> str:
    userinfo = ""
    if user is not None:
        userinfo = user + (f":{password}" if password is not None else "") + "@"
    port_text = "" if port is None or port == DEFAULT_PORTS[scheme] else f":{port}"
    return f"{userinfo}{host}{port_text}"
