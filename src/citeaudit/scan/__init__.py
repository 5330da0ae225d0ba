"""Whole wikis: `citeaudit scan` audits a MediaWiki XML dump in parallel on Dask.

- `pages` and `dumps` read a dump: pages one `<page>` element at a time, a multistream dump by
  the byte ranges of its bz2 streams, a plain one front to back;
- `records.audit_wikitext` is the work on one article (title and wikitext in, rows out), the
  same audit as `citeaudit audit`; `tables` cuts its JSON report into tidy rows;
- `plan` cuts the dump into partitions, `partition` is what a worker does with one, `store`
  is the output directory (Parquet tables and the state a rerun continues from);
- `links` checks the links of a whole dump, host by host, with the shared link history;
- `run` drives it all on a `distributed.Client` (`cluster` starts or joins one) and `summary`
  writes `summary.md` and `scan.json`.

Layers: this package sits above `audit` and `reporters` and below `app`.
"""

from citeaudit.scan.cluster import dashboard_link, dask_client, local_workers
from citeaudit.scan.plan import ScanConfig, previous_as_of, read_titles
from citeaudit.scan.records import audit_wikitext
from citeaudit.scan.run import ScanResult, run_scan

__all__ = [
    "ScanConfig",
    "ScanResult",
    "audit_wikitext",
    "dashboard_link",
    "dask_client",
    "local_workers",
    "previous_as_of",
    "read_titles",
    "run_scan",
]
