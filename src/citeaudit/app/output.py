"""Writing reports safely: where they go, file names derived from titles, and atomic writes.

`plan_output` decides once, before any article is read, where the reports of a run go and in
which format (`-o r.json` asks for JSON), and `check_writable` proves that place writable, so
that an unwritable output fails the run at once rather than after the whole audit.
`refuse_overwriting` keeps a report from replacing one of the run's input files.

A report's file name comes from an article title, which anyone can edit, so `safe_filename`
keeps it to one harmless path component (no `..`, separators, NUL, control characters or
Windows reserved names, and a bounded length). `atomic_write` writes into a temporary file in
the target's own directory and renames it over the target, so a reader (or a Ctrl-C) never sees
half a report.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from citeaudit.errors import OutputError
from citeaudit.reporters import DEFAULT_FORMAT, format_of_path

STDOUT = "-"

MAX_NAME_BYTES = 120
"""Well under the 255-byte limit of file systems, leaving room for an extension and a suffix."""

_UNSAFE_CHARACTERS = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_RUNS_OF_SEPARATORS = re.compile(r"[\s_]+")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.I)


def safe_filename(title: str, fallback: str = "article") -> str:
    """One path component, without extension, that names a file for `title` and nothing else.

    Spaces become underscores, as in Wikipedia URLs. Names cut for length keep a short hash of
    the full title, so that two long titles with the same beginning still get different names.
    """
    name = unicodedata.normalize("NFC", title)
    name = _UNSAFE_CHARACTERS.sub("_", name)
    name = "".join(ch if unicodedata.category(ch)[0] != "C" else "_" for ch in name)
    name = _RUNS_OF_SEPARATORS.sub("_", name).strip("._ ")
    if not name:
        return fallback
    if _WINDOWS_RESERVED.match(name):
        name = f"_{name}"
    encoded = name.encode("utf-8")
    if len(encoded) > MAX_NAME_BYTES:
        digest = hashlib.sha256(title.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        head = encoded[: MAX_NAME_BYTES - len(digest) - 1].decode("utf-8", errors="ignore")
        name = f"{head.rstrip('._ ')}-{digest}"
    return name


@dataclass(frozen=True)
class OutputPlan:
    """Where the reports of one run go, and in which format."""

    target: Path | None
    """The file or directory written; None for stdout."""
    into_directory: bool
    format: str

    @property
    def directory(self) -> Path | None:
        """The directory the reports are written into (None for stdout)."""
        if self.target is None:
            return None
        return self.target if self.into_directory else self.target.parent


def plan_output(output: str, format_id: str | None) -> OutputPlan:
    """`-o`/`--format` as a plan: `-` is stdout; a name ending in a separator, an existing
    directory or a name without an extension is a directory; anything else is a file, whose
    extension gives the format unless `format_id` is set (`DEFAULT_FORMAT` when it names none).
    """
    if output == STDOUT:
        return OutputPlan(None, False, format_id or DEFAULT_FORMAT)
    path = Path(output)
    into_directory = output.endswith(("/", os.sep)) or path.is_dir() or not path.suffix
    from_name = None if into_directory else format_of_path(path)
    return OutputPlan(path, into_directory, format_id or from_name or DEFAULT_FORMAT)


def check_writable(plan: OutputPlan) -> None:
    """Raise `OutputError` unless the plan's directory can be written (or made) now."""
    directory = plan.directory
    if directory is None:
        return
    existing = directory
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"cannot write into {directory}: {existing} is not a directory")
    if existing != directory:
        if not os.access(existing, os.W_OK | os.X_OK):
            raise OutputError(f"cannot write into {directory}: {existing} is not writable")
        return
    try:
        handle, probe = tempfile.mkstemp(prefix=".citeaudit-probe-", dir=directory)
    except OSError as error:
        raise OutputError(f"cannot write into {directory}: {error.strerror or error}") from None
    os.close(handle)
    Path(probe).unlink(missing_ok=True)


def refuse_overwriting(path: Path, inputs: Iterable[Path], what: str = "report") -> None:
    """Raise `OutputError` when `path` is one of the input files, however it is spelled (a
    link to it included)."""
    for source in inputs:
        if path.exists() and source.exists() and path.samefile(source):
            raise OutputError(
                f"refusing to write the {what} over its input {source}; give another -o"
            )


def report_path(directory: Path, title: str, extension: str) -> Path:
    """The path of the report for `title` inside `directory`; never outside it."""
    path = directory / f"{safe_filename(title)}{extension}"
    if path.resolve().parent != directory.resolve():
        raise OutputError(f"refusing to write {path}: it is not inside {directory}")
    return path


def encodable(text: str) -> str:
    """The text with lone surrogates (which JSON escapes like `\\ud800` can carry) as `?`,
    so that it can be written as UTF-8."""
    return text.encode("utf-8", "replace").decode("utf-8")


def atomic_write(path: Path, text: str) -> None:
    """Write `text` to `path` so that the file is either the old one or the whole new one.

    The temporary file lives in the same directory (a rename across file systems is not
    atomic) and is removed if anything, including a `KeyboardInterrupt`, stops the write.
    """
    directory = path.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise OutputError(f"cannot write into {directory}: {error.strerror or error}") from None
    try:
        # `replace`: a lone surrogate (JSON from an API may carry one) cannot be UTF-8; it is
        # written as "?" rather than failing the whole report.
        with os.fdopen(handle, "w", encoding="utf-8", errors="replace", newline="\n") as stream:
            stream.write(encodable(text))
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
        raise
