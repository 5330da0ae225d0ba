"""The plan of a scan: what the dump is, how it is cut into partitions, and with what parameters.

A multistream dump is cut along its bz2 streams into partitions of about `partition_pages`
pages (whole streams only; with `--titles`, only the streams that hold one of the titles). A
plain dump cannot be cut before it is read: its partitions are batches of pages in the order
they come. The plan is written to `OUT_DIR/state/plan.json` when a scan starts; a rerun into
the same directory reads it back, checks that the dump and the parameters are the same, and
continues with the partitions that are not finished.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from citeaudit.audit import AuditOptions
from citeaudit.errors import InputError
from citeaudit.scan.dumps import (
    DumpName,
    Stream,
    dump_name,
    index_beside,
    normalise_title,
    read_header,
    read_index,
)
from citeaudit.scan.pages import SiteInfo
from citeaudit.scan.store import plan_path, read_json, write_json

PLAN_FORMAT = "citeaudit.scan-plan/1"
MIN_PARTITION_PAGES, MAX_PARTITION_PAGES = 100, 10_000
PARTITIONS_PER_WORKER = 8
"""Enough partitions per worker that the last ones finish close together."""
PLAIN_BATCH_PAGES = 1_000


class DumpKind(enum.Enum):
    MULTISTREAM = "multistream"
    PLAIN = "plain"


@dataclass(frozen=True)
class ScanConfig:
    """Everything a scan is asked to do (built by the command line, passed down unchanged)."""

    dump: Path
    out_dir: Path
    options: AuditOptions
    index: Path | None = None
    """The multistream index; None: the one beside the dump, if there is one."""
    namespaces: frozenset[int] = frozenset({0})
    titles: frozenset[str] | None = None
    """Normalised titles to audit (`--titles`); None: every article."""
    limit: int | None = None
    partition_pages: int | None = None
    """Pages per partition; None: chosen from the size of the dump and of the cluster."""
    links: Any = None
    """How links are checked (`citeaudit.scan.links.LinkScanOptions`); None: `--no-links`."""

    def parameters(self) -> dict[str, Any]:
        """What decides the results: a rerun must ask for the same to continue a scan."""
        titles = (
            hashlib.sha256("\n".join(sorted(self.titles)).encode()).hexdigest()[:16]
            if self.titles is not None
            else None
        )
        return {
            "as_of": self.options.as_of.isoformat(),
            "stale_after_years": self.options.stale_after_years,
            "dead_after_days": self.options.dead_after_days,
            "lead_needs_citations": self.options.lead_needs_citations,
            "check_support": self.options.check_support,
            "namespaces": sorted(self.namespaces),
            "titles": titles,
            "limit": self.limit,
            "links": self.links.parameters() if self.links is not None else None,
        }


@dataclass(frozen=True)
class ScanPlan:
    """The dump, its site, and its partitions (the streams of each, for a multistream dump)."""

    kind: DumpKind
    dump: Path
    index: Path | None
    size: int
    name: DumpName
    site: SiteInfo
    parameters: dict[str, Any]
    partition_pages: int
    partitions: list[tuple[Stream, ...]] = field(default_factory=list)
    partition_titles: list[tuple[str, ...]] = field(default_factory=list)
    """With `--titles`, the titles each partition holds (in the order of `partitions`)."""
    pages: int | None = None
    """Pages the index lists in the partitions (None for a plain dump: not known before)."""
    titles_not_found: tuple[str, ...] = ()
    links_since: float | None = None
    """With links: results checked after this time (epoch seconds: the scan's start less
    `--max-age`) are reused, so that a rerun continues the scan without checking again."""

    def to_json(self) -> dict[str, Any]:
        return {
            "format": PLAN_FORMAT,
            "kind": self.kind.value,
            "dump": str(self.dump),
            "index": str(self.index) if self.index else None,
            "size": self.size,
            "site": {
                **asdict(self.site),
                "namespaces": {str(k): v for k, v in self.site.namespaces.items()},
            },
            "parameters": self.parameters,
            "partition_pages": self.partition_pages,
            "partitions": [[_stream_json(stream) for stream in part] for part in self.partitions],
            "partition_titles": [list(titles) for titles in self.partition_titles],
            "pages": self.pages,
            "titles_not_found": list(self.titles_not_found),
            "links_since": self.links_since,
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> ScanPlan:
        site = value["site"]
        dump = Path(value["dump"])
        return cls(
            kind=DumpKind(value["kind"]),
            dump=dump,
            index=Path(value["index"]) if value["index"] else None,
            size=value["size"],
            name=dump_name(dump),
            site=SiteInfo(
                **{**site, "namespaces": {int(k): v for k, v in site["namespaces"].items()}}
            ),
            parameters=value["parameters"],
            partition_pages=value["partition_pages"],
            partitions=[tuple(Stream(*stream) for stream in part) for part in value["partitions"]],
            partition_titles=[tuple(titles) for titles in value["partition_titles"]],
            pages=value["pages"],
            titles_not_found=tuple(value["titles_not_found"]),
            links_since=value["links_since"],
        )


def _stream_json(stream: Stream) -> list[int | None]:
    return [stream.offset, stream.end, stream.pages, stream.first_page_id, stream.last_page_id]


def read_titles(path: Path) -> frozenset[str]:
    """The titles of a `--titles` file, one a line, normalised (blank lines are skipped)."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"--titles {path}: cannot be read ({error})") from None
    titles = frozenset(normalise_title(line) for line in lines if line.strip())
    if not titles:
        raise InputError(f"--titles {path}: holds no title")
    return titles


def previous_as_of(out_dir: Path) -> dt.date | None:
    """The as-of date of the scan begun in `out_dir`, so that a rerun without `--as-of`
    continues it as it began (None when there is none)."""
    path = plan_path(out_dir)
    if not path.is_file():
        return None
    try:
        return dt.date.fromisoformat(read_json(path)["parameters"]["as_of"])
    except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError):
        return None


def load_or_make_plan(config: ScanConfig, workers: int) -> tuple[ScanPlan, bool]:
    """The plan in `OUT_DIR`, if a scan of the same dump with the same parameters began there;
    else a new plan, written there. The flag says whether it continues an earlier scan."""
    if not config.dump.is_file():
        raise InputError(f"{config.dump}: no such dump file")
    path = plan_path(config.out_dir)
    if path.is_file():
        try:
            plan = ScanPlan.from_json(read_json(path))
        except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError) as error:
            raise InputError(
                f"{path}: not a readable scan plan ({error}); give another -o, or delete it"
            ) from None
        _require_same_scan(plan, config)
        return plan, True
    plan = make_plan(config, workers)
    if config.links is not None:
        started = config.links.clock.now().timestamp()
        plan = replace(plan, links_since=started - config.links.max_age)
    write_json(path, plan.to_json())
    return plan, False


def _require_same_scan(plan: ScanPlan, config: ScanConfig) -> None:
    size = config.dump.stat().st_size
    if plan.dump.resolve() != config.dump.resolve() or plan.size != size:
        raise InputError(
            f"{config.out_dir} holds a scan of {plan.dump} ({plan.size} bytes), not of "
            f"{config.dump}: give another -o, or delete it to start over"
        )
    wanted = config.parameters()
    if plan.parameters != wanted:
        changed = sorted(k for k in wanted if plan.parameters.get(k) != wanted[k])
        raise InputError(
            f"{config.out_dir} holds a scan begun with other parameters ({', '.join(changed)}): "
            "rerun it with the same ones to continue, give another -o, or delete it to start over"
        )


def make_plan(config: ScanConfig, workers: int) -> ScanPlan:
    """Read the index (if any) and cut the dump into partitions."""
    size = config.dump.stat().st_size
    index = config.index or index_beside(config.dump)
    name = dump_name(config.dump)
    if index is None:
        return ScanPlan(
            DumpKind.PLAIN,
            config.dump,
            None,
            size,
            name,
            SiteInfo(),
            config.parameters(),
            config.partition_pages or PLAIN_BATCH_PAGES,
        )
    if not index.is_file():
        raise InputError(f"{index}: no such index file")
    reading = read_index(index, size, set(config.titles) if config.titles is not None else None)
    pages_per_partition = config.partition_pages or partition_size(reading.pages, workers)
    partitions = cut(reading.streams, pages_per_partition)
    titles = config.titles
    return ScanPlan(
        DumpKind.MULTISTREAM,
        config.dump,
        index,
        size,
        name,
        read_header(config.dump, reading.header_end),
        config.parameters(),
        pages_per_partition,
        partitions,
        [reading.titles_in(part) for part in partitions] if titles is not None else [],
        reading.pages,
        tuple(sorted(titles - {t for found in reading.titles_found.values() for t in found}))
        if titles is not None
        else (),
    )


def partition_size(pages: int, workers: int) -> int:
    """Pages per partition: several partitions per worker, within bounds that keep a partition
    long enough to be worth a task and short enough to hold little and lose little."""
    wanted = -(-pages // max(1, workers * PARTITIONS_PER_WORKER))
    return max(MIN_PARTITION_PAGES, min(MAX_PARTITION_PAGES, wanted))


def cut(streams: Sequence[Stream], pages: int) -> list[tuple[Stream, ...]]:
    """Consecutive streams in groups of at least `pages` pages (the last group may hold fewer)."""
    partitions: list[tuple[Stream, ...]] = []
    group: list[Stream] = []
    count = 0
    for stream in streams:
        group.append(stream)
        count += stream.pages
        if count >= pages:
            partitions.append(tuple(group))
            group, count = [], 0
    if group:
        partitions.append(tuple(group))
    return partitions
