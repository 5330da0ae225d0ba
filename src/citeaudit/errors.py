"""The exceptions of citeaudit.

Exceptions are for "cannot continue"; a problem with one citation or one link is a `Finding`
or a `LinkResult`, never an exception.

```
CiteAuditError
├── InputError            the article cannot be read (empty, binary, not UTF-8, too large)
├── ArticleNotFound       the wiki has no such page (missing or invalid title)
├── FixtureError          an offline fixture is missing or malformed
├── OutputError           the report cannot be written
└── FetchError            a network request failed (carried into a verdict by the link checker)
    ├── FetchTimeout      connect, read or total deadline passed
    ├── Unreachable       DNS failure, connection refused or reset, TLS error
    ├── RefusedAddress    the URL resolves to a private, loopback or reserved address
    └── NotRecorded       offline replay has no record of this request
```
"""

from __future__ import annotations


class CiteAuditError(Exception):
    """Base of every error citeaudit raises on purpose."""


class InputError(CiteAuditError):
    """The article cannot be read: the message says why and what to do."""


class ArticleNotFound(CiteAuditError):
    """The wiki has no page of that title (missing, or not a valid title)."""


class FixtureError(CiteAuditError):
    """An offline fixture is missing or malformed."""


class OutputError(CiteAuditError):
    """The report cannot be written."""


class FetchError(CiteAuditError):
    """A network request failed before an HTTP answer was read."""

    kind = "error"


class FetchTimeout(FetchError):
    kind = "timeout"


class Unreachable(FetchError):
    """DNS failure, refused or reset connection, TLS failure: `kind` says which."""

    def __init__(self, message: str, kind: str = "connection") -> None:
        super().__init__(message)
        self.kind = kind


class RefusedAddress(FetchError):
    kind = "refused-address"


class NotRecorded(FetchError):
    kind = "not-recorded"
