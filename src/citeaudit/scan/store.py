"""The output directory of a scan: the Parquet tables, and the state a rerun continues from.

```
OUT_DIR/
  articles/part-00000.parquet  one file per partition and table (a Parquet dataset per table)
  references/ links/ findings/ support/ problems/
  state/plan.json              the partitions and the parameters of the scan
  state/done/00000.json        one per finished partition: what it read and wrote
  scan.json, summary.md        written when the scan ends (scan.json also on an interrupt)
```
A partition's files are written under temporary names and renamed when all are complete; its
`done` file is written last. So a partition is either finished (every file there, and its
`done` file) or not, and an interrupted scan is continued by doing the unfinished ones again.
"""

from __future__ import annotations

import enum
import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from citeaudit.scan.tables import SCHEMAS, TABLE_NAMES

STATE_DIR = "state"
PLAN_FILE = "plan.json"
DONE_DIR = "done"
COMPRESSION = "zstd"


class Stage(enum.Enum):
    """A pass over the partitions: the tables, or (before checking links) the cited URLs."""

    REPORT = "report"
    TARGETS = "targets"

    def root(self, out_dir: Path) -> Path:
        """Where the stage's tables go: OUT_DIR itself, or inside `state/`."""
        return out_dir if self is Stage.REPORT else out_dir / STATE_DIR / self.value

    def done_dir(self, out_dir: Path) -> Path:
        return (
            out_dir / STATE_DIR / DONE_DIR
            if self is Stage.REPORT
            else self.root(out_dir) / DONE_DIR
        )


def part_name(number: int) -> str:
    return f"part-{number:05d}.parquet"


def plan_path(out_dir: Path) -> Path:
    return out_dir / STATE_DIR / PLAN_FILE


def done_path(out_dir: Path, number: int, stage: Stage = Stage.REPORT) -> Path:
    return stage.done_dir(out_dir) / f"{number:05d}.json"


def write_json(path: Path, value: Any) -> None:
    """Write JSON so that the file is the old one or the whole new one (temp file, rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    temporary.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def finished(out_dir: Path, stage: Stage = Stage.REPORT) -> dict[int, dict[str, Any]]:
    """The `done` record of every finished partition of a stage, by number."""
    directory = stage.done_dir(out_dir)
    if not directory.is_dir():
        return {}
    records = {}
    for path in directory.glob("*.json"):
        if path.stem.isdigit():
            records[int(path.stem)] = read_json(path)
    return records


class PartitionWriter:
    """The tables of one partition, written as rows come and made visible all at once."""

    def __init__(self, root: Path, number: int, tables: tuple[str, ...] = TABLE_NAMES) -> None:
        self._targets = {name: root / name / part_name(number) for name in tables}
        # Unique names: a worker still writing a partition a stopped scan gave up on must not
        # share its files with the rerun that does the partition again.
        unique = uuid.uuid4().hex[:12]
        self._temporary = {
            name: path.with_name(f".{path.name}.{unique}.tmp")
            for name, path in self._targets.items()
        }
        self._buffers: dict[str, list[dict[str, Any]]] = {name: [] for name in tables}
        self._writers: dict[str, pq.ParquetWriter] = {}
        self.rows = dict.fromkeys(tables, 0)

    def add(self, table: str, rows: list[dict[str, Any]]) -> None:
        self._buffers[table].extend(rows)
        self.rows[table] += len(rows)

    def flush(self) -> None:
        """Write what was added since the last flush (one row group per table)."""
        for name, rows in self._buffers.items():
            if rows:
                self._writer(name).write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[name]))
                rows.clear()

    def commit(self) -> None:
        """Flush, close, and rename every table's file into place (empty tables included)."""
        self.flush()
        for name in self._targets:
            self._writer(name).close()
        for name in self._targets:
            os.replace(self._temporary[name], self._targets[name])

    def abort(self) -> None:
        for writer in self._writers.values():
            writer.close()
        for path in self._temporary.values():
            path.unlink(missing_ok=True)

    def _writer(self, name: str) -> pq.ParquetWriter:
        writer = self._writers.get(name)
        if writer is None:
            self._temporary[name].parent.mkdir(parents=True, exist_ok=True)
            writer = pq.ParquetWriter(self._temporary[name], SCHEMAS[name], compression=COMPRESSION)
            self._writers[name] = writer
        return writer


def write_rows(out_dir: Path, table: str, name: str, rows: list[dict[str, Any]]) -> None:
    """Write rows that belong to no partition (`part-NAME.parquet`), replacing any earlier."""
    path = out_dir / table / f"part-{name}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    pq.write_table(
        pa.Table.from_pylist(rows, schema=SCHEMAS[table]), temporary, compression=COMPRESSION
    )
    os.replace(temporary, path)


def table_batches(
    root: Path, table: str, columns: list[str] | None = None
) -> Iterator[pa.RecordBatch]:
    """The rows of a table under `root`, a batch at a time (only `columns`, when given)."""
    directory = root / table
    if not directory.is_dir():
        return
    dataset = ds.dataset(
        sorted(directory.glob("part-*.parquet")), schema=SCHEMAS[table], format="parquet"
    )
    yield from dataset.to_batches(columns=columns)


def read_table(out_dir: Path, table: str, columns: list[str] | None = None) -> pa.Table:
    """A whole table (for tests and small scans; large ones are read with `table_batches`)."""
    batches = list(table_batches(out_dir, table, columns))
    schema = (
        SCHEMAS[table] if columns is None else pa.schema([SCHEMAS[table].field(c) for c in columns])
    )
    return pa.Table.from_batches(batches, schema=schema)
