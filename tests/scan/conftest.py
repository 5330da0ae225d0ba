"""Fixtures of the scan tests: the test dump (built once), a small local Dask cluster, a scan.

Clusters here are in-process (`processes=False`) with one or two single-threaded workers, and
each is closed by its fixture: the machine running the tests is shared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dask
import pytest
from distributed import Client, LocalCluster

from citeaudit.audit import AuditOptions
from citeaudit.scan import ScanConfig, run_scan
from citeaudit.scan.cluster import WORKER_PROFILE
from citeaudit.scan.run import ScanResult

from .testdump import build_test_dump

AS_OF = dt.date(2026, 11, 28)


@dataclass(frozen=True)
class BuiltDump:
    dump: Path
    index: Path


@pytest.fixture(scope="session")
def test_dump(tmp_path_factory: pytest.TempPathFactory) -> BuiltDump:
    dump, index = build_test_dump(tmp_path_factory.mktemp("testwiki"))
    return BuiltDump(dump, index)


def local_cluster(workers: int = 2, protocol: str = "inproc://") -> LocalCluster:
    """An in-process cluster of single-threaded workers (no dashboard port to fight over), that
    do not profile themselves: no dashboard shows it, and on some interpreters the profiler
    can hang the test's process (see `citeaudit.scan.cluster.profile_workers`)."""
    with dask.config.set({WORKER_PROFILE: False}):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=False,
            protocol=protocol,
            dashboard_address=":0",
        )


@pytest.fixture
def client() -> Iterator[Client]:
    with local_cluster() as cluster, Client(cluster) as dask_client:
        yield dask_client


def config(dump: Path, out_dir: Path, **changes: object) -> ScanConfig:
    values: dict[str, object] = {
        "dump": dump,
        "out_dir": out_dir,
        "options": AuditOptions(as_of=AS_OF),
        "partition_pages": 40,
    }
    values.update(changes)
    return ScanConfig(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def scanned(test_dump: BuiltDump, tmp_path_factory: pytest.TempPathFactory) -> ScanResult:
    """The test dump scanned once, statically (shared by the tests that only read the output)."""
    out_dir = tmp_path_factory.mktemp("scan")
    with local_cluster() as cluster, Client(cluster) as dask_client:
        return run_scan(config(test_dump.dump, out_dir), dask_client)
