"""Cited URLs made checkable: validation, normalisation, host extraction and redirect resolution.

Only `http` and `https` URLs are checked; anything else (`javascript:`, `mailto:`, `ftp:`, a
URL without a scheme or a host, with whitespace or control characters inside, with a user name
or password, with a port that is not a number in 1..65535, with an international host name that
cannot be written in punycode) is `invalid` with a reason a person can act on. Nothing here
raises on bad input and nothing does I/O.

This is the one normaliser of the project: the link checker, the link history and the fetchers
all use it, so that the URL checked is the URL fetched and the URL remembered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

import idna

CHECKABLE_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_WHITESPACE = re.compile(r"\s")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
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
    if _CONTROL.search(text):
        return CheckableURL(None, "the URL contains control characters")
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
    if parts.username is not None or parts.password is not None:
        return CheckableURL(None, "the URL carries a user name or password")
    encoded_host = ascii_host(host)
    if encoded_host is None:
        return CheckableURL(None, f"the host {host!r} is not a valid domain name")
    netloc = _netloc(encoded_host, port, scheme)
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


def ascii_host(host: str) -> str | None:
    """The ASCII form of a host name, or None when it is not a valid one.

    International names are written in punycode by IDNA 2008 with UTS 46 mapping, as browsers
    do (`straße.de` is `xn--strae-oqa.de`, not `strasse.de`); punycode labels must decode.
    IPv6 literals come back in brackets.
    """
    if host.startswith("[") or ":" in host:
        return f"[{host.strip('[]')}]"
    host = host.rstrip(".")
    if not host:
        return None
    if host.isascii():
        encoded = host.lower()
    else:
        try:
            encoded = idna.encode(host, uts46=True).decode("ascii").lower()
        except (idna.IDNAError, UnicodeError):
            return None
    labels = encoded.split(".")
    if len(encoded) > 253 or not all(_HOST_LABEL.match(label) for label in labels):
        return None
    if not all(_decodes(label) for label in labels if label.startswith("xn--")):
        return None
    return encoded


def _decodes(label: str) -> bool:
    try:
        idna.decode(label)
    except (idna.IDNAError, UnicodeError):
        return False
    return True


def _netloc(host: str, port: int | None, scheme: str) -> str:
    port_text = "" if port is None or port == DEFAULT_PORTS[scheme] else f":{port}"
    return f"{host}{port_text}"
