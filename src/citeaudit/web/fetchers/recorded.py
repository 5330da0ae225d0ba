"""Recorded fixtures: `RecordingFetcher` writes what the network said, `OfflineFetcher` replays it.

A fixture is a directory a person can read and edit (the format is documented in
docs/fixtures.md):

```
<dir>/records.json     a JSON list, one object per request made
<dir>/bodies/...       the response bodies, one file each, named after the URL
```

Each record holds `url`, `method`, then either `status` (with `headers`, and `body_file` or
`text`) or `failure` (`timeout`, `dns`, `connection`, `reset`, `tls`, ...), and may carry
`truncated`, `detail` and a `note`. Redirects are stored hop by hop, as fetchers make them.
Several records for the same request are answered in turn (the last one repeats), so a
fixture can say "503, then 200" to exercise retries.

`OfflineFetcher` never opens a socket: a request with no record comes back as
`FetchResult(failure=FailureKind.NOT_RECORDED)`. A malformed fixture raises `FixtureError` when
loaded, saying which record is wrong and how.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

from citeaudit.errors import FixtureError
from citeaudit.model import FailureKind, FetchRequest, FetchResult
from citeaudit.web.fetchers.addresses import InvalidURLError, check_url
from citeaudit.web.fetchers.base import Fetcher

RECORDS_FILE = "records.json"
BODIES_DIR = "bodies"
MAX_BODY_FILE_BYTES = 64 * 1024 * 1024
"""Far more than the live fetcher ever keeps of a body (2 MiB by default): a larger body file
was not recorded by citeaudit, and is refused rather than read into memory."""
RECORD_KEYS = frozenset(
    {
        "url",
        "method",
        "status",
        "headers",
        "body_file",
        "text",
        "failure",
        "truncated",
        "detail",
        "note",
    }
)

_FAILURE_KINDS = {kind.value: kind for kind in FailureKind}


@dataclass(frozen=True)
class Record:
    """One recorded request and its answer, as the fixture file says it."""

    url: str
    method: str
    result: FetchResult
    note: str = ""


def request_key(method: str, url: str) -> tuple[str, str]:
    """How requests are matched to records: the method, and the URL in a canonical form.

    The canonical form lower-cases the scheme and host, encodes IDNs, drops the fragment,
    undoes percent-escapes and sorts the query parameters, so `?url=https%3A%2F%2Fa.example&limit=1`
    and `?limit=1&url=https://a.example` match the same record: a hand-written record matches
    however the citation (or the code building a query) spelled the URL. URLs that do not pass
    the check are matched exactly as written.
    """
    try:
        parts = urlsplit(check_url(url).url)
    except InvalidURLError:
        return method.upper(), url
    query = "&".join(
        f"{name}={value}" for name, value in sorted(parse_qsl(parts.query, keep_blank_values=True))
    )
    return method.upper(), urlunsplit((parts.scheme, parts.netloc, unquote(parts.path), query, ""))


# --- Reading -------------------------------------------------------------------------------------


SIMULATED_NOTE = "simulated"
"""How a record's `note` starts when its answer was written by hand rather than recorded."""


def is_simulated(records: list[Record]) -> bool:
    """True when every record says it is simulated: a report must not pass it off as the web."""
    return bool(records) and all(
        record.note.lower().startswith(SIMULATED_NOTE) for record in records
    )


def load_records(directory: Path) -> list[Record]:
    """Read and check `<directory>/records.json` and the body files it names."""
    path = directory / RECORDS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise FixtureError(
            f"{path}: no such fixture file (record one with --record DIR)"
        ) from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FixtureError(f"{path}: not readable JSON: {error}") from error
    except RecursionError:  # `[[[[...` nested deeper than the parser's stack
        raise FixtureError(f"{path}: not readable JSON: nested too deeply") from None
    if not isinstance(raw, list):
        raise FixtureError(f"{path}: expected a JSON list of records, found {type(raw).__name__}")
    return [
        _parse_record(entry, directory, f"{path}, record {index + 1}")
        for index, entry in enumerate(raw)
    ]


def _parse_record(entry: Any, directory: Path, where: str) -> Record:
    if not isinstance(entry, dict):
        raise FixtureError(f"{where}: expected an object, found {type(entry).__name__}")
    unknown = sorted(set(entry) - RECORD_KEYS)
    if unknown:
        raise FixtureError(
            f"{where}: unknown field(s) {', '.join(unknown)};"
            f" allowed: {', '.join(sorted(RECORD_KEYS))}"
        )
    url = entry.get("url")
    if not isinstance(url, str) or not url:
        raise FixtureError(f"{where}: `url` must be a non-empty string")
    where = f"{where} ({url})"
    method = _optional(entry, "method", str, where, "GET").upper()
    note = _optional(entry, "note", str, where, "")
    detail = _optional(entry, "detail", str, where, "")
    truncated = _optional(entry, "truncated", bool, where, False)
    status, failure = entry.get("status"), entry.get("failure")
    if (status is None) == (failure is None):
        raise FixtureError(
            f"{where}: give exactly one of `status` (an HTTP answer)"
            " or `failure` (a network failure)"
        )
    if failure is not None:
        kinds = ", ".join(kind.value for kind in FailureKind)
        if not isinstance(failure, str) or failure not in _FAILURE_KINDS:
            raise FixtureError(f"{where}: `failure` {failure!r} is not one of: {kinds}")
        if any(key in entry for key in ("headers", "body_file", "text")):
            raise FixtureError(f"{where}: a `failure` record has no headers or body")
        kind = _FAILURE_KINDS[failure]
        return Record(url, method, FetchResult(url=url, failure=kind, detail=detail), note)
    if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
        raise FixtureError(
            f"{where}: `status` must be an HTTP status code (100-599), found {status!r}"
        )
    headers = _headers(entry.get("headers", {}), where)
    body = _body(entry, directory, where)
    result = FetchResult(
        url=url, status=status, headers=headers, body=body, truncated=truncated, detail=detail
    )
    return Record(url, method, result, note)


def _optional(entry: dict[str, Any], key: str, kind: type, where: str, default: Any) -> Any:
    value = entry.get(key, default)
    if not isinstance(value, kind):
        raise FixtureError(f"{where}: `{key}` must be a {kind.__name__}, found {value!r}")
    return value


def _headers(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise FixtureError(f"{where}: `headers` must be an object of header names to string values")
    return tuple((name.lower(), header) for name, header in value.items())


def _body(entry: dict[str, Any], directory: Path, where: str) -> bytes:
    if "body_file" in entry and "text" in entry:
        raise FixtureError(f"{where}: give the body as `body_file` or as `text`, not both")
    if "text" in entry:
        text = entry["text"]
        if not isinstance(text, str):
            raise FixtureError(f"{where}: `text` must be a string")
        return text.encode("utf-8")
    name = entry.get("body_file")
    if name is None:
        return b""
    bodies = (directory / BODIES_DIR).resolve()
    if not isinstance(name, str) or not name:
        raise FixtureError(f"{where}: `body_file` must be a file name under {BODIES_DIR}/")
    path = (bodies / name).resolve()
    if not path.is_relative_to(bodies):
        raise FixtureError(f"{where}: `body_file` {name!r} points outside {BODIES_DIR}/")
    try:
        with path.open("rb") as handle:
            body = handle.read(MAX_BODY_FILE_BYTES + 1)
    except OSError as error:
        raise FixtureError(
            f"{where}: body file {BODIES_DIR}/{name} cannot be read: {error.strerror}"
        ) from error
    if len(body) > MAX_BODY_FILE_BYTES:
        raise FixtureError(
            f"{where}: body file {BODIES_DIR}/{name} is larger than "
            f"{MAX_BODY_FILE_BYTES // (1024 * 1024)} MiB; citeaudit never records that much"
        )
    return body


# --- Replaying -----------------------------------------------------------------------------------


class OfflineFetcher(Fetcher):
    """Answers from recorded records only; never touches the network.

    Build it with `OfflineFetcher.open(directory)` (reads and checks the fixture, raising
    `FixtureError`) or from records already loaded.
    """

    def __init__(self, records: list[Record]) -> None:
        self._answers: dict[tuple[str, str], list[FetchResult]] = defaultdict(list)
        for record in records:
            self._answers[request_key(record.method, record.url)].append(record.result)
        self._served: dict[tuple[str, str], int] = defaultdict(int)
        self._unanswered: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    @property
    def unanswered(self) -> list[str]:
        """Every request asked that has no record, as `METHOD URL`, once each, in order."""
        with self._lock:
            return list(self._unanswered.values())

    @classmethod
    def open(cls, directory: Path | str) -> OfflineFetcher:
        return cls(load_records(Path(directory)))

    def fetch(self, request: FetchRequest) -> FetchResult:
        key = request_key(request.method, request.url)
        with self._lock:
            answers = self._answers.get(key)
            if not answers:
                self._unanswered.setdefault(key, f"{request.method} {request.url}")
                return FetchResult(
                    url=request.url,
                    failure=FailureKind.NOT_RECORDED,
                    detail=f"no record of {request.method} {request.url} in the fixture",
                )
            turn = self._served[key]
            self._served[key] = turn + 1
        recorded = answers[min(turn, len(answers) - 1)]
        return FetchResult(
            url=request.url,
            status=recorded.status,
            headers=recorded.headers,
            body=recorded.body,
            truncated=recorded.truncated,
            failure=recorded.failure,
            detail=recorded.detail,
        )


# --- Recording -----------------------------------------------------------------------------------


class RecordingFetcher(Fetcher):
    """Fetches through `inner` and writes every request and answer into a fixture directory.

    Records already in the directory are kept and new ones appended. `records.json` is
    rewritten atomically (a temporary file, then a rename) at most every `flush_interval`
    seconds and on `close()`; body files are written as they come. Safe from many threads.
    """

    def __init__(
        self, inner: Fetcher, directory: Path | str, *, flush_interval: float = 1.0
    ) -> None:
        self.inner = inner
        self.directory = Path(directory)
        self.flush_interval = flush_interval
        self._entries: list[dict[str, Any]] | None = None
        self._lock = threading.Lock()
        self._last_flush = 0.0
        self._dirty = False

    def fetch(self, request: FetchRequest) -> FetchResult:
        result = self.inner.fetch(request)
        with self._lock:
            entries = self._load_existing()
            entries.append(self._entry(request, result))
            self._dirty = True
            if time.monotonic() - self._last_flush >= self.flush_interval:
                self._flush()
        return result

    def close(self) -> None:
        with self._lock:
            if self._dirty or self._entries is None:
                self._load_existing()
                self._flush()
        self.inner.close()

    def _load_existing(self) -> list[dict[str, Any]]:
        if self._entries is None:
            path = self.directory / RECORDS_FILE
            if path.exists():
                load_records(self.directory)  # refuse to append to a malformed fixture
                self._entries = json.loads(path.read_text(encoding="utf-8"))
            else:
                self._entries = []
        return self._entries

    def _entry(self, request: FetchRequest, result: FetchResult) -> dict[str, Any]:
        entry: dict[str, Any] = {"url": request.url, "method": request.method.upper()}
        if result.failure is not None:
            entry["failure"] = result.failure.value
        else:
            entry["status"] = result.status
            entry["headers"] = _joined_headers(result.headers)
            if result.body:
                entry["body_file"] = self._write_body(request, result)
            if result.truncated:
                entry["truncated"] = True
        if result.detail:
            entry["detail"] = result.detail
        return entry

    def _write_body(self, request: FetchRequest, result: FetchResult) -> str:
        name = body_file_name(
            request.method, request.url, result.body, result.header("content-type") or ""
        )
        bodies = self.directory / BODIES_DIR
        bodies.mkdir(parents=True, exist_ok=True)
        _write_atomically(bodies / name, result.body)
        return name

    def _flush(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self._entries, indent=2, ensure_ascii=False) + "\n"
        _write_atomically(self.directory / RECORDS_FILE, text.encode("utf-8"))
        self._last_flush = time.monotonic()
        self._dirty = False


def _joined_headers(headers: tuple[tuple[str, str], ...]) -> dict[str, str]:
    joined: dict[str, str] = {}
    for name, value in headers:
        joined[name] = f"{joined[name]}, {value}" if name in joined else value
    return joined


_EXTENSIONS = (
    ("html", ".html"),
    ("json", ".json"),
    ("xml", ".xml"),
    ("text/", ".txt"),
    ("pdf", ".pdf"),
)


def body_file_name(method: str, url: str, body: bytes, content_type: str) -> str:
    """A readable, unique file name for a body: a slug of the URL, a short hash, an extension."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", url.split("://", 1)[-1]).strip("-")[:80] or "body"
    digest = hashlib.sha256(f"{method} {url}\n".encode() + body).hexdigest()[:10]
    extension = next((ext for marker, ext in _EXTENSIONS if marker in content_type.lower()), ".bin")
    return f"{slug}-{digest}{extension}"


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
