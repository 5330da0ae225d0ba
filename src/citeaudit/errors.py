"""The exceptions of citeaudit.

Exceptions are for "cannot continue"; a problem with one citation or one link is a `Finding`,
and a request that failed is a `FetchResult` with its `FailureKind`, never an exception.

```
CiteAuditError
├── InputError            the article cannot be read (empty, binary, not UTF-8, too large)
├── ArticleNotFound       the wiki has no such page (missing or invalid title)
├── FetchError            the wiki's API could not be reached or answered nonsense
├── FixtureError          an offline fixture is missing or malformed
├── ModelError            a claim-support model cannot be loaded (extra, files, labels)
└── OutputError           the report cannot be written
```
"""

from __future__ import annotations


class CiteAuditError(Exception):
    """Base of every error citeaudit raises on purpose; the command line prints its message."""


class InputError(CiteAuditError):
    """The article cannot be read: the message says why and what to do."""


class ArticleNotFound(CiteAuditError):
    """The wiki has no page of that title (missing, or not a valid title)."""


class FetchError(CiteAuditError):
    """The wiki's API could not be reached, or did not answer as an API does."""


class FixtureError(CiteAuditError):
    """An offline fixture is missing or malformed."""


class ModelError(CiteAuditError):
    """A claim-support model cannot be loaded: its extra is not installed, a file is missing,
    or its labels are not entailment, neutral and contradiction."""


class OutputError(CiteAuditError):
    """The report cannot be written."""
