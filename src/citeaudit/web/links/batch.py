"""Checking many links at once: each distinct URL once, concurrently, politely.

`check_links` hands the work to the project's one runner (`citeaudit.web.runner`), which keeps
to the per-host limit and pace of `LinkCheckOptions`; tests may pass a runner of their own.
Results are reported as they come (`on_result`, from worker threads), and the final answer of
each fresh check, body included, goes to `on_page` so that the page can be read without being
fetched twice. Remembering results between runs is the link history's job
(`citeaudit.web.links.history.check_with_history`), which wraps this.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from citeaudit.model import FetchResult, LinkResult
from citeaudit.web.clock import SYSTEM_CLOCK, Clock
from citeaudit.web.fetchers.base import Fetcher
from citeaudit.web.links.checker import LinkCheckOptions, ProbeCache, check_url
from citeaudit.web.links.targets import LinkTarget
from citeaudit.web.runner import Limits, run_scheduled
from citeaudit.web.urls import host_of

Runner = Callable[
    [Sequence[LinkTarget], Callable[[LinkTarget], str], Callable[[LinkTarget], LinkResult]],
    list[LinkResult],
]
"""`run(tasks, host_of, work) -> results in task order`."""
OnResult = Callable[[LinkResult], None]
OnPage = Callable[[LinkResult, FetchResult], None]


def check_links(
    targets: Sequence[LinkTarget],
    fetcher: Fetcher,
    options: LinkCheckOptions | None = None,
    *,
    run: Runner | None = None,
    clock: Clock = SYSTEM_CLOCK,
    on_result: OnResult | None = None,
    on_page: OnPage | None = None,
) -> list[LinkResult]:
    """Check each target (one per distinct URL: see `merge_targets`); results in target order.

    `on_result` is called with each result as it is known, `on_page` with each result and the
    final answer of its redirect chain; both from worker threads.
    """
    options = options or LinkCheckOptions()
    probes = ProbeCache()

    def work(target: LinkTarget) -> LinkResult:
        final: list[FetchResult] = []
        result = check_url(
            target.url,
            fetcher,
            options,
            probes=probes,
            clock=clock,
            reference_ids=target.reference_ids,
            cited_title=target.title,
            on_answer=final.append,
        )
        if on_page is not None and final:
            on_page(result, final[-1])
        if on_result is not None:
            on_result(result)
        return result

    runner = run or scheduled_runner(options)
    return runner(targets, host_key, work)


def scheduled_runner(options: LinkCheckOptions) -> Runner:
    """The polite runner with the options' limits."""
    limits = Limits(
        max_workers=options.concurrency,
        per_host=options.per_host_limit,
        min_interval=options.min_interval,
    )

    def run(
        tasks: Sequence[LinkTarget],
        host_key: Callable[[LinkTarget], str],
        work: Callable[[LinkTarget], LinkResult],
    ) -> list[LinkResult]:
        return run_scheduled(tasks, host_key, work, limits)

    return run


def host_key(target: LinkTarget) -> str:
    """The host a target's requests go to, for per-host limits."""
    return host_of(target.key)
