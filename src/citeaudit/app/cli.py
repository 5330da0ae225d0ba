"""The command line: `citeaudit parse`, `audit`, `fix`, `fetch` and `scan`.

`main` parses the arguments, builds the objects (fetcher, link checker, reporter), calls
`run_audit`, writes the output and returns the exit code: 0 when nothing is at or above
`--fail-on`, 1 when something is, 2 for a usage or input error, 130 when interrupted.
Everything else (counting, ordering, deciding) lives in `audit.py` and the reporters.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from citeaudit import __version__
from citeaudit.app.baseline import load_baseline
from citeaudit.app.config import (
    DEFAULT_OUTPUT,
    AuditConfig,
    FixConfig,
    NetworkConfig,
    SourceConfig,
)
from citeaudit.app.output import (
    atomic_write,
    check_writable,
    encodable,
    plan_output,
    refuse_overwriting,
    report_path,
)
from citeaudit.app.progress import AuditProgress, StagedProgress
from citeaudit.app.settings import CONFIG_FILE, ListOption, Settings, apply_settings, find_settings
from citeaudit.app.sources import (
    ARTICLE_FILE,
    ATTRIBUTION_FILE,
    REVISION_FILE,
    STDIN,
    LoadedArticle,
    article_from_page,
    attribution,
    fetch_page,
    load_source,
    read_file_article,
    read_stdin_source,
)
from citeaudit.app.wiring import (
    LazyFetcher,
    fixture_is_simulated,
    make_fetcher,
    make_link_scan_options,
    make_web,
    proxy_routes,
)
from citeaudit.audit import AuditOptions, WebAccess, run_audit
from citeaudit.checks.registry import finding_codes
from citeaudit.checks.selection import CodeSelection, parse_selectors
from citeaudit.errors import CiteAuditError, InputError
from citeaudit.fix import REPAIRS, FixOptions, Patch, propose_fixes
from citeaudit.fix.render import diff_document, patch_json
from citeaudit.model import Article, Report, Severity, SourceForm
from citeaudit.model.report import summarise
from citeaudit.model.wording import plural
from citeaudit.reporters import DEFAULT_FORMAT, REPORTERS
from citeaudit.reporters.serialize import article_to_dict
from citeaudit.support import Verifier
from citeaudit.support.nli import NLIVerifier, ONNXCrossEncoder
from citeaudit.web.fetchers.base import Fetcher, header_problem
from citeaudit.web.fetchers.recorded import request_key
from citeaudit.web.mediawiki import DEFAULT_SITE

if TYPE_CHECKING:
    from citeaudit.scan import ScanConfig, ScanResult

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
CONTACT_VARIABLE = "CITEAUDIT_CONTACT"
STALE_AFTER_HELP = (
    "`link-rot-risk` is a warning when the retrieval date is at least YEARS years old (or "
    "missing) and there is no archived copy, else a note"
)
"""`--stale-after` in words, as the README and docs/findings.md say it too (a test checks)."""
WEB_DIR = "web"


@dataclass(frozen=True)
class World:
    """What `main` takes from outside the process; tests pass their own."""

    network: Fetcher | None = None
    """Used instead of the live fetcher; `--record` still records what it answers, and
    `--offline` still replays the fixture without it."""
    sleep: Callable[[float], None] = time.sleep
    today: Callable[[], dt.date] = dt.date.today
    stdout: TextIO | None = None
    stderr: TextIO | None = None
    stdin: TextIO | None = None
    """Read for the SOURCE `-`: its `buffer` as bytes when it has one."""

    def read_stdin(self) -> bytes:
        """All of standard input, as bytes (the article's encoding is sniffed like a file's)."""
        stream = self.stdin or sys.stdin
        buffer = getattr(stream, "buffer", None)
        return buffer.read() if buffer is not None else stream.read().encode("utf-8")


def main(argv: Sequence[str] | None = None, world: World | None = None) -> int:
    """Run one command; return its exit code (never raises for bad input)."""
    world = world or World()
    out = world.stdout or sys.stdout
    err = world.stderr or sys.stderr
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser(_settings_for(arguments))
    except CiteAuditError as error:
        err.write(f"citeaudit: error: {error}\n")
        return EXIT_USAGE
    try:
        args = parser.parse_args(arguments)
    except SystemExit as stop:
        return int(stop.code or 0)
    try:
        with _terminate_as_interrupt():
            return int(args.run(args, world, out, err))
    except KeyboardInterrupt:
        err.write(
            "\nciteaudit: interrupted; no report was left half-written, and links already "
            "checked are kept in the link history\n"
        )
        return EXIT_INTERRUPTED
    except CiteAuditError as error:
        err.write(f"citeaudit: error: {error}\n")
        return EXIT_USAGE


_CONFIGURED_COMMANDS = ("audit", "fix")


def _settings_for(arguments: Sequence[str]) -> Settings | None:
    """The config file's settings, for the commands that read one: the file `--config` names,
    else the nearest `citeaudit.toml` or `pyproject.toml` with `[tool.citeaudit]`."""
    command = next((word for word in arguments if not word.startswith("-")), None)
    if command not in _CONFIGURED_COMMANDS:
        return None
    explicit = None
    for index, word in enumerate(arguments):
        if word == "--config" and index + 1 < len(arguments):
            explicit = Path(arguments[index + 1])
        elif word.startswith("--config="):
            explicit = Path(word.partition("=")[2])
    return find_settings(Path.cwd(), explicit)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Let SIGTERM stop a run the way Ctrl-C does: reports whole or absent, history kept.

    Signal handlers can only be set from the main thread; elsewhere nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


# --- arguments -------------------------------------------------------------------------------


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {value!r}") from None


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return int(value)


def _number(value: str) -> float:
    """The number `value` writes, or NaN (which no bound accepts)."""
    try:
        return float(value)
    except ValueError:
        return float("nan")


def _positive_float(value: str) -> float:
    if not (number := _number(value)) > 0:
        raise argparse.ArgumentTypeError(f"not a positive number: {value!r}")
    return number


def _non_negative_float(value: str) -> float:
    if not (number := _number(value)) >= 0:
        raise argparse.ArgumentTypeError(f"not a number of 0 or more: {value!r}")
    return number


def _days(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number < float("inf"):
        raise argparse.ArgumentTypeError(f"not a number of days, 0 or more: {value!r}")
    return number


def _contact(value: str) -> str:
    problem = header_problem(value)
    if problem is not None:
        raise argparse.ArgumentTypeError(
            f"{value!r} {problem}; it is sent in the User-Agent header of every request "
            f"(from --contact or ${CONTACT_VARIABLE})"
        )
    return value


def build_parser(settings: Settings | None = None) -> argparse.ArgumentParser:
    """The command line's parser; `settings` (a config file's) become the defaults of `audit`
    and `fix`."""
    parser = argparse.ArgumentParser(
        prog="citeaudit",
        description="Audit the citations of Wikipedia articles: dead links, unsupported "
        "claims, wrong dates.",
    )
    parser.add_argument("--version", action="version", version=f"citeaudit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    parse = commands.add_parser("parse", help="print the parsed model of an article file")
    parse.add_argument(
        "source", metavar="SOURCE", help="an article file (wikitext, HTML or text), or - for stdin"
    )
    _add_input_options(parse)
    parse.add_argument("--format", choices=("json", "text"), default="json")
    parse.set_defaults(run=run_parse)

    audit = commands.add_parser("audit", help="audit articles and write a report for each")
    audit.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="an article file, - for stdin, or a page title, https://SITE/wiki/TITLE or "
        "permanent link fetched from the wiki",
    )
    _add_audit_options(audit)
    audit.add_argument(
        "--select",
        action=ListOption,
        default=[],
        metavar="CODES",
        help="report only these finding codes, prefixes (link) or families (dates); "
        "comma-separated, repeatable (default: all)",
    )
    audit.add_argument(
        "--ignore",
        action=ListOption,
        default=[],
        metavar="CODES",
        help="do not report these codes, prefixes or families (the more specific of --select "
        "and --ignore wins)",
    )
    audit.add_argument(
        "--baseline",
        action=ListOption,
        type=Path,
        default=[],
        metavar="FILE",
        help="a JSON report (or a directory of them): findings already in it are reported but "
        "do not fail the run",
    )
    audit.add_argument(
        "--offline-strict",
        action="store_true",
        help="with --offline: a request the fixture has no record of is an error (exit 2)",
    )
    audit.add_argument(
        "--fail-on",
        choices=[s.value for s in reversed(Severity)],
        default=AuditConfig.fail_on.value,
        help="exit 1 when a finding is at or above this severity (default %(default)s)",
    )
    audit.add_argument(
        "--format",
        choices=sorted(REPORTERS),
        default=AuditConfig.format,
        help=f"the report's format (default: from the extension of -o FILE, else {DEFAULT_FORMAT})",
    )
    audit.add_argument(
        "-o",
        "--output",
        default=DEFAULT_OUTPUT,
        metavar="PATH",
        help="a directory (default %(default)s), a file (one source only), or - for stdout",
    )
    audit.add_argument(
        "-q", "--quiet", action="store_true", help="no progress and no summary on stderr"
    )
    audit.set_defaults(run=run_audit_command)
    if settings is not None:
        apply_settings(audit, settings)

    fix = commands.add_parser(
        "fix", help="audit a wikitext article and write its repairs, as the patched text or a diff"
    )
    fix.add_argument(
        "source",
        metavar="SOURCE",
        help="a wikitext file, or a page title or https://SITE/wiki/TITLE fetched from the wiki",
    )
    _add_audit_options(fix, support=False)
    fix.add_argument(
        "--format",
        choices=("wikitext", "diff", "json"),
        default=FixConfig.format,
        help="the patched article, a unified diff, or one JSON record per change "
        "(default %(default)s)",
    )
    fix.add_argument(
        "--diff", dest="format", action="store_const", const="diff", help="same as --format diff"
    )
    fix.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="CODES",
        help=f"make only the repairs answering these finding codes (comma-separated): "
        f"{', '.join(REPAIRS)}",
    )
    fix.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="CODES",
        help="make every repair but those answering these finding codes (comma-separated)",
    )
    fix.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="PATH",
        help="the file to write (default - for stdout); never the SOURCE itself",
    )
    fix.add_argument(
        "-q", "--quiet", action="store_true", help="no progress and no summary on stderr"
    )
    fix.set_defaults(run=run_fix_command)
    if settings is not None:
        apply_settings(fix, settings)

    fetch = commands.add_parser(
        "fetch", help="save an article (and with --record, its web) as a fixture"
    )
    fetch.add_argument(
        "title",
        metavar="TITLE",
        help="a page title, https://SITE/wiki/TITLE or a permanent link (?oldid=ID)",
    )
    fetch.add_argument("-o", "--output", required=True, metavar="DIR", help="the fixture directory")
    fetch.add_argument(
        "--record",
        action="store_true",
        help="also check every cited URL and record the answers under DIR/web",
    )
    _add_site_options(fetch, fetching=True)
    _add_network_options(fetch, replay=False, history=False, when=" (with --record)")
    fetch.set_defaults(run=run_fetch, offline=None)
    _add_scan_command(commands)
    return parser


def _add_audit_options(parser: argparse.ArgumentParser, support: bool = True) -> None:
    """The options that decide what an audit finds (`audit` and `fix` share them)."""
    _add_input_options(parser)
    _add_site_options(parser)
    _add_network_options(parser)
    _add_judging_options(parser, support=support, nli=support)


def _add_judging_options(
    parser: argparse.ArgumentParser, support: bool = True, nli: bool = True
) -> None:
    """What an audit checks and the day it judges by (`audit`, `fix` and `scan`)."""
    parser.add_argument(
        "--exclude",
        action=ListOption,
        default=[],
        metavar="HOST_OR_PATTERN",
        help="do not fetch links on this host (and its subdomains) or matching this pattern "
        "(*.example.org, https://example.org/private/*); repeatable",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help=f"read settings from FILE (default: the nearest {CONFIG_FILE}, or pyproject.toml "
        "with [tool.citeaudit], here or above)",
    )
    parser.add_argument(
        "--no-links",
        action="store_true",
        help="do not fetch cited URLs (and so do not check claim support either)",
    )
    if support:
        parser.add_argument(
            "--no-support",
            action="store_true",
            help="do not check that the cited pages say what their sentences say",
        )
    if nli:
        parser.add_argument(
            "--nli-model",
            metavar="DIR",
            type=Path,
            help="judge claim support with a local NLI cross-encoder exported to ONNX in DIR "
            "(model.onnx, tokenizer.json, config.json) instead of the rules alone; needs "
            "pip install 'citeaudit[nli]' (docs/support.md)",
        )
    parser.add_argument(
        "--as-of", type=_date, metavar="YYYY-MM-DD", help="audit as of this date (default today)"
    )
    parser.add_argument(
        "--stale-after",
        type=_positive_int,
        default=AuditConfig.stale_after_years,
        metavar="YEARS",
        help=STALE_AFTER_HELP.replace("`", "") + " (default %(default)s)",
    )
    parser.add_argument(
        "--dead-after",
        type=_days,
        default=AuditConfig.dead_after_days,
        metavar="DAYS",
        help="a link gone on checks at least this many days apart is an error; a first failure"
        " is a warning (default %(default)g; 0: at once)",
    )
    parser.add_argument(
        "--lead-needs-citations",
        action="store_true",
        help="treat the lead like the body (by default it may rest on the body's citations)",
    )


def _add_scan_command(commands: argparse._SubParsersAction) -> None:
    scan = commands.add_parser(
        "scan", help="audit every article of a MediaWiki XML dump, in parallel on Dask"
    )
    scan.add_argument(
        "dump",
        metavar="DUMP",
        type=Path,
        help="pages-articles.xml(.bz2), or pages-articles-multistream.xml.bz2 with its "
        "-index.txt.bz2 beside it",
    )
    scan.add_argument(
        "-o", "--output", required=True, type=Path, metavar="OUT_DIR", help="where the tables go"
    )
    scan.add_argument(
        "--index", type=Path, metavar="FILE", help="the multistream index, when not beside DUMP"
    )
    cluster = scan.add_mutually_exclusive_group()
    cluster.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on the Dask cluster of this scheduler (tcp://HOST:PORT) instead of locally",
    )
    cluster.add_argument(
        "--workers",
        type=_positive_int,
        metavar="N",
        help="worker processes of the local cluster (default: this machine's cores)",
    )
    scan.add_argument(
        "--namespace",
        type=_namespace,
        action="append",
        metavar="N",
        help="audit the pages of this namespace (repeatable; default 0, the articles)",
    )
    scan.add_argument(
        "--titles",
        type=Path,
        metavar="FILE",
        help="audit only these titles (one a line; with an index, only their streams are read)",
    )
    scan.add_argument(
        "--limit", type=_positive_int, metavar="N", help="audit the first N articles only"
    )
    scan.add_argument(
        "--partition-pages",
        type=_positive_int,
        metavar="N",
        help="pages per partition (default: from the size of the dump and of the cluster)",
    )
    # No --nli-model: a verifier holds a model that cannot travel to the workers (yet).
    _add_judging_options(scan, nli=False)
    _add_network_options(scan, replay=False)
    _add_contact_option(scan)
    scan.add_argument(
        "-q", "--quiet", action="store_true", help="no progress and no summary on stderr"
    )
    scan.set_defaults(run=run_scan_command)


def _namespace(value: str) -> int:
    if not value.lstrip("-").isdigit():
        raise argparse.ArgumentTypeError(f"not a namespace number: {value!r}")
    return int(value)


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--input-format",
        choices=[form.value for form in SourceForm],
        help="the form of an article file (default: detected from its content)",
    )
    parser.add_argument(
        "--title", dest="file_title", help="the article's title, when a file does not carry it"
    )


def _add_site_options(parser: argparse.ArgumentParser, fetching: bool = False) -> None:
    """`--site`, `--revision`, `--contact`; `fetching`: worded for `citeaudit fetch`."""
    parser.add_argument(
        "--site",
        help=f"the wiki the TITLE is on (default {DEFAULT_SITE})"
        if fetching
        else f"the wiki of titles (default {DEFAULT_SITE}); with --site, "
        "a SOURCE that is not an existing file is always a title",
    )
    parser.add_argument(
        "--revision",
        type=_positive_int,
        metavar="ID",
        help="save this revision instead of the latest"
        if fetching
        else "audit this revision instead of the latest (one title only)",
    )
    _add_contact_option(parser)


def _add_contact_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--contact",
        type=_contact,
        default=os.environ.get(CONTACT_VARIABLE),
        help="your e-mail or user page, sent in the User-Agent as Wikimedia asks "
        f"(default ${CONTACT_VARIABLE})",
    )


def _add_network_options(
    parser: argparse.ArgumentParser, replay: bool = True, history: bool = True, when: str = ""
) -> None:
    """How the web is asked: with `replay`, `--offline`/`--record`; with `history`, the link
    history's options (`citeaudit fetch --record` keeps none: it checks every link anew);
    `when` says when the limits apply."""
    if replay:
        fixture = parser.add_mutually_exclusive_group()
        fixture.add_argument(
            "--offline", metavar="DIR", type=Path, help="replay a recorded fixture; open no socket"
        )
        fixture.add_argument(
            "--record", metavar="DIR", type=Path, help="check live and record every answer into DIR"
        )
    parser.add_argument(
        "--timeout",
        type=_positive_float,
        default=NetworkConfig.timeout,
        metavar="SECONDS",
        help=f"total time allowed per URL{when} (default %(default)g)",
    )
    parser.add_argument(
        "--concurrency",
        type=_positive_int,
        default=NetworkConfig.concurrency,
        metavar="N",
        help=f"requests in flight{when} (default %(default)s)",
    )
    parser.add_argument(
        "--per-host",
        type=_positive_int,
        default=NetworkConfig.per_host,
        metavar="N",
        help=f"requests in flight per host{when} (default %(default)s)",
    )
    parser.add_argument(
        "--host-interval",
        type=_non_negative_float,
        default=NetworkConfig.host_interval,
        metavar="SECONDS",
        help=f"the least time between two requests to one host{when} (default %(default)g)",
    )
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help=f"allow URLs on private and loopback addresses{when}",
    )
    parser.add_argument(
        "--proxy",
        metavar="URL",
        help="send requests through this HTTP proxy (default: $HTTPS_PROXY, $HTTP_PROXY,"
        " $ALL_PROXY, minus $NO_PROXY)",
    )
    parser.add_argument(
        "--no-archive",
        action="store_true",
        help="no archive work: no snapshot look-up, no archive copy fetched",
    )
    if not history:
        return
    parser.add_argument(
        "--max-age",
        type=_days,
        default=NetworkConfig.max_age_days,
        metavar="DAYS",
        help="reuse link results younger than this from the history; 0 rechecks everything "
        "(default %(default)g)",
    )
    parser.add_argument(
        "--archive-max-age",
        type=_days,
        default=NetworkConfig.archive_max_age_days,
        metavar="DAYS",
        help="trust an archive copy that answered for this long without asking again"
        " (default %(default)g)",
    )
    state = parser.add_mutually_exclusive_group()
    state.add_argument(
        "--state",
        type=Path,
        metavar="PATH",
        help="the link-history file (default: in the user cache directory; none offline)",
    )
    state.add_argument("--no-state", action="store_true", help="keep no link history")


# --- parse -----------------------------------------------------------------------------------


def run_parse(args: argparse.Namespace, world: World, out: TextIO, err: TextIO) -> int:
    form = SourceForm(args.input_format) if args.input_format else None
    if args.source == STDIN:
        article = read_stdin_source(world.read_stdin(), form, args.file_title).article
    else:
        article = read_file_article(Path(args.source), form, args.file_title)
    if args.format == "json":
        out.write(encodable(json.dumps(article_to_dict(article), ensure_ascii=False, indent=2)))
        out.write("\n")
    else:
        out.write(encodable(outline(article)))
    return EXIT_OK


def outline(article: Article) -> str:
    """A short human-readable view of the model: sections, then references with their uses."""
    lines = [f"{article.title} ({article.source_form.value})"]
    for section in article.sections():
        sentences = sum(len(p.sentences) for p in section.paragraphs)
        name = section.title or "(lead)"
        inferred = ", level inferred" if section.level_inferred else ""
        lines.append(f"{'  ' * max(section.level - 1, 0)}{name} [{sentences} sentences{inferred}]")
    lines.append(f"{len(article.references)} references")
    for reference in article.references:
        label = reference.number if reference.number is not None else reference.id
        group = f"{reference.group} " if reference.group else ""
        lines.append(
            f"  [{group}{label}] {reference.title or reference.text[:80]!r} "
            f"uses={len(reference.uses)} url={reference.url or '-'}"
        )
    for tag in article.maintenance_tags:
        lines.append(f"  tag {tag.kind} ({tag.name}) date={tag.date or '-'}")
    return "\n".join(lines) + "\n"


# --- audit -----------------------------------------------------------------------------------


def run_audit_command(args: argparse.Namespace, world: World, out: TextIO, err: TextIO) -> int:
    return audit_articles(audit_config(args), world, out, err)


def audit_config(args: argparse.Namespace) -> AuditConfig:
    """The run configuration `citeaudit audit` was given."""
    return AuditConfig(
        sources=tuple(args.sources),
        source=source_config(args),
        network=network_config(args),
        check_links=not args.no_links,
        check_support=not getattr(args, "no_support", False),
        nli_model=getattr(args, "nli_model", None),
        as_of=args.as_of,
        stale_after_years=args.stale_after,
        lead_needs_citations=args.lead_needs_citations,
        dead_after_days=args.dead_after,
        fail_on=Severity(getattr(args, "fail_on", AuditConfig.fail_on.value)),
        format=args.format,
        output=args.output,
        quiet=args.quiet,
        offline_strict=getattr(args, "offline_strict", False),
        selection=code_selection(args),
        baseline=tuple(getattr(args, "baseline", None) or ()),
    )


def code_selection(args: argparse.Namespace) -> CodeSelection:
    """The finding codes `--select`/`--ignore` report, refused when one names no code."""
    selection = CodeSelection(
        select=parse_selectors(getattr(args, "select", None) or ()),
        ignore=parse_selectors(getattr(args, "ignore", None) or ()),
    )
    problems = selection.problems(finding_codes())
    if problems:
        raise InputError(f"--select/--ignore: {'; '.join(problems)}")
    return selection


def verifier_for(config: AuditConfig) -> Verifier | None:
    """The claim-support verifier a run asked for: the rules (None), or an NLI model on disk."""
    if config.nli_model is None or not config.check_support:
        return None
    return NLIVerifier(ONNXCrossEncoder(config.nli_model))


def audit_articles(config: AuditConfig, world: World, out: TextIO, err: TextIO) -> int:
    """Audit every source of `config` and write its report; the exit status."""
    plan = plan_output(config.output, config.format)
    if plan.target is not None and not plan.into_directory and len(config.sources) > 1:
        raise InputError(f"-o {config.output}: several sources need a directory (end it with /)")
    if plan.target is None and plan.format == "json" and len(config.sources) > 1:
        raise InputError("-o - prints one JSON report: give one source, or -o DIR/")
    if config.source.revision is not None and len(config.sources) > 1:
        raise InputError("--revision applies to one title; give one source")
    if config.offline_strict and config.network.offline is None:
        raise InputError("--offline-strict applies to a replay: give --offline DIR too")
    inputs = [Path(source) for source in config.sources if Path(source).is_file()]
    if plan.target is not None and not plan.into_directory:
        refuse_overwriting(plan.target, inputs)
    check_writable(plan)
    proxy_routes(config.network)  # a proxy setting that cannot work fails before any work
    reporter = REPORTERS[plan.format]()
    options = audit_options(config, world)
    fetcher = LazyFetcher(lambda: make_fetcher(config.network, world.network))
    status = EXIT_OK
    written: set[Path] = set()
    web: WebAccess | None = None
    try:
        for source in config.sources:
            try:
                loaded = load_source(source, config.source, fetcher, world.sleep, world.read_stdin)
            except CiteAuditError as error:
                err.write(f"citeaudit: error: {error}\n")
                status = EXIT_USAGE
                continue
            article = loaded.article
            checking = config.check_links
            progress = AuditProgress.for_stream(err) if checking and not config.quiet else None
            if web is None and checking:
                web = make_web(
                    config.network, fetcher, options.as_of, world.sleep, warn=_warner(err)
                )
            asked_before = len(fetcher.unanswered)
            report = run_audit(article, options, web, on_progress=progress)
            if progress is not None:
                progress.finish()
            unrecorded = fetcher.unanswered[asked_before:]
            if reporter.format_id == "markdown" and article.source_form is SourceForm.WIKITEXT:
                report = replace(report, fixes=propose_fixes(report, loaded.text).fixes)
            text = reporter.render(report)
            if plan.target is None:
                out.write(encodable(text))
                destination = "stdout"
            else:
                path = _unique(
                    report_path(plan.target, article.title, reporter.extension)
                    if plan.into_directory
                    else plan.target,
                    written,
                )
                refuse_overwriting(path, inputs)
                atomic_write(path, text)
                destination = str(path)
            if report.facts.incomplete is not None:
                err.write(
                    f"\nciteaudit: {report.facts.incomplete}; the report of what was finished,"
                    f" marked incomplete, -> {destination}\n"
                )
                return EXIT_INTERRUPTED
            if not config.quiet:
                err.write(f"{one_line_summary(report, unrecorded)} -> {destination}\n")
                for warning in gathering_warnings(report):
                    err.write(f"citeaudit: warning: {warning}\n")
            if unrecorded:
                err.write(_unrecorded_notice(unrecorded, config))
            if unrecorded and config.offline_strict:
                status = EXIT_USAGE
            if status == EXIT_OK and report.fails(config.fail_on):
                status = EXIT_FINDINGS
    finally:
        if web is not None:
            web.close()
        fetcher.close()
    return status


def audit_options(config: AuditConfig, world: World) -> AuditOptions:
    """What decides the outcome of the audits `config` asks for."""
    offline = config.network.offline
    return AuditOptions(
        as_of=config.as_of or world.today(),
        offline=offline is not None,
        stale_after_years=config.stale_after_years,
        lead_needs_citations=config.lead_needs_citations,
        check_support=config.check_support,
        dead_after_days=config.dead_after_days,
        verifier=verifier_for(config),
        simulated_web=offline is not None and fixture_is_simulated(offline),
        selection=config.selection,
        baseline=load_baseline(config.baseline),
    )


# --- fix -------------------------------------------------------------------------------------


def run_fix_command(args: argparse.Namespace, world: World, out: TextIO, err: TextIO) -> int:
    args.sources = [args.source]
    codes = [
        [code.strip() for option in given for code in option.split(",") if code.strip()]
        for given in (args.only, args.skip)
    ]
    config = FixConfig(
        audit=audit_config(args),
        repairs=FixOptions.choose(only=codes[0], skip=codes[1]),
        format=args.format,
    )
    return fix_article(config, world, out, err)


def fix_article(config: FixConfig, world: World, out: TextIO, err: TextIO) -> int:
    """Audit the one source of `config`, make its repairs and write the patch; the exit status.

    The page's text is read for every alive link (claim support reads it), since titles and
    bare URLs are filled in from it.
    """
    audit = replace(config.audit, check_support=True)
    [source] = audit.sources
    to_stdout = audit.output == "-"
    if not to_stdout:
        refuse_overwriting(Path(audit.output), [Path(source)], what="patch")
    fetcher = LazyFetcher(lambda: make_fetcher(audit.network, world.network))
    web: WebAccess | None = None
    try:
        loaded = load_source(source, audit.source, fetcher, world.sleep)
        if loaded.article.source_form is not SourceForm.WIKITEXT:
            raise InputError(
                f"{source}: only wikitext can be patched, and this was read as "
                f"{loaded.article.source_form.value}; give the article's wikitext (a .wiki file "
                "saved by `citeaudit fetch`, or its title)"
            )
        options = audit_options(audit, world)
        progress = None
        if audit.check_links:
            web = make_web(audit.network, fetcher, options.as_of, world.sleep, warn=_warner(err))
            progress = AuditProgress.for_stream(err) if not audit.quiet else None
        report = run_audit(loaded.article, options, web, on_progress=progress)
        if progress is not None:
            progress.finish()
        patch = propose_fixes(report, loaded.text, config.repairs)
    finally:
        if web is not None:
            web.close()
        fetcher.close()
    text = _patch_output(config.format, patch, report, loaded, source)
    if to_stdout:
        out.write(encodable(text))
        destination = "stdout"
    else:
        atomic_write(Path(audit.output), text)
        destination = audit.output
    if not audit.quiet:
        err.write(
            f"{report.article.title}: {patch.fixes.summary}; "
            f"{plural(len(patch.changes), 'change')}, "
            f"{plural(len(patch.declined), 'finding')} left for an editor -> {destination}\n"
        )
    return EXIT_OK


def _patch_output(
    form: str, patch: Patch, report: Report, loaded: LoadedArticle, source: str
) -> str:
    if form == "json":
        return patch_json(patch, report)
    if form == "diff":
        return diff_document(patch, report, _diff_name(source, report))
    return loaded.as_written(patch.text)


def _diff_name(source: str, report: Report) -> str:
    """The file a diff names: the SOURCE as given (relative to here when it can be), or
    `Title.wiki` for a title."""
    path = Path(source)
    if not path.exists():
        return f"{report.article.title}.wiki".replace(" ", "_")
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.name
    return path.as_posix()


def _unique(path: Path, written: set[Path]) -> Path:
    """The path, or a numbered sibling when an earlier source of this run already wrote it."""
    candidate, number = path, 2
    while candidate in written:
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    written.add(candidate)
    return candidate


_UNRECORDED_SHOWN = 5
"""Requests a fixture lacked that the notice names; the rest are counted."""


def _unrecorded_notice(unrecorded: Sequence[str], config: AuditConfig) -> str:
    """What to say of the requests an offline fixture had no record of."""
    kind = "error" if config.offline_strict else "warning"
    count = len(unrecorded)
    shown = ", ".join(unrecorded[:_UNRECORDED_SHOWN])
    more = f" and {count - _UNRECORDED_SHOWN} more" if count > _UNRECORDED_SHOWN else ""
    were, them = ("was", "it") if count == 1 else ("were", "them")
    return (
        f"citeaudit: {kind}: {plural(count, 'request')} {were} not in the fixture "
        f"{config.network.offline} and {were} answered 'not recorded': {shown}{more}; record "
        f"{them} with --record DIR\n"
    )


def one_line_summary(report: Report, unrecorded: Sequence[str] = ()) -> str:
    """One line on stderr per article: references, links, claims and findings."""
    summary = summarise(report)
    bad = sum(1 for result in report.links if result.verdict.is_gone)
    missing = {request_key(*request.split(" ", 1)) for request in unrecorded}
    not_in_fixture = sum(1 for result in report.links if request_key("GET", result.url) in missing)
    lacking = f", {not_in_fixture} not in the fixture" if not_in_fixture else ""
    severities = ", ".join(
        f"{count} {severity}{'s' if count != 1 and severity != 'info' else ''}"
        for severity, count in summary.findings_by_severity.items()
    )
    links = (
        f"{plural(len(report.links), 'link')} checked ({bad} dead{lacking})"
        if report.links_checked
        else "links not checked"
    )
    claims = (
        f", claims: {summary.support_by_verdict['not-found']} not found in their sources"
        if report.support_checked and any(record.urls for record in report.support)
        else ""
    )
    known = (
        f" ({summary.findings_in_baseline} in the baseline)" if summary.findings_in_baseline else ""
    )
    return (
        f"{report.article.title}: {summary.references} references, {links}{claims}, "
        f"findings: {severities}{known}"
    )


def gathering_warnings(report: Report) -> list[str]:
    """What went wrong while gathering, that a person should know before reading the report."""
    facts = report.facts
    warnings = []
    if facts.network_problem:
        warnings.append(
            f"the network seemed down ({facts.network_problem}): no link was called dead for it"
            " and nothing was kept in the link history; audit again once the network works"
        )
    if facts.archive_problem:
        warnings.append(f"snapshots could not be looked up: {facts.archive_problem}")
    return warnings


def _warner(err: TextIO) -> Callable[[str], None]:
    def warn(message: str) -> None:
        err.write(f"citeaudit: warning: {message}\n")

    return warn


# --- fetch -----------------------------------------------------------------------------------


def run_fetch(args: argparse.Namespace, world: World, out: TextIO, err: TextIO) -> int:
    directory = Path(args.output)
    web_directory = directory / WEB_DIR
    network = replace(network_config(args), record=web_directory if args.record else None)
    fetcher = make_fetcher(network, world.network)
    try:
        page = fetch_page(args.title, source_config(args), fetcher, world.sleep)
        atomic_write(directory / ARTICLE_FILE, page.wikitext)
        atomic_write(directory / REVISION_FILE, json.dumps(page.metadata(), indent=2) + "\n")
        atomic_write(directory / ATTRIBUTION_FILE, attribution(page))
        if args.record:
            as_of = world.today()
            web = make_web(network, fetcher, as_of, world.sleep, use_history=False)
            progress = AuditProgress.for_stream(err)
            run_audit(
                article_from_page(page),
                AuditOptions(as_of=as_of, check_support=False),
                web,
                checks=(),
                on_progress=progress,
            )
            if progress is not None:
                progress.finish()
    finally:
        fetcher.close()
    replay = f" --offline {web_directory}" if args.record else ""
    err.write(
        f"saved {page.title} (revision {page.revision_id}) in {directory}; audit it with: "
        f"citeaudit audit {directory / ARTICLE_FILE}{replay}\n"
    )
    return EXIT_OK


# --- scan ------------------------------------------------------------------------------------


def run_scan_command(args: argparse.Namespace, world: World, out: TextIO, err: TextIO) -> int:
    # Imported here: Dask and Arrow take a second to load, which the other commands need not pay.
    from citeaudit.scan import dashboard_link, dask_client, run_scan

    config = scan_config(args, world)
    progress = None if args.quiet else StagedProgress.for_stream(err)
    with dask_client(args.scheduler, args.workers) as client:
        link = dashboard_link(client)
        if link is not None and not args.quiet:
            err.write(f"Dask dashboard: {link}\n")
        try:
            result = run_scan(config, client, on_progress=progress)
        except KeyboardInterrupt:
            if progress is not None:
                progress.finish()
            err.write(
                f"\nciteaudit: scan stopped; the finished partitions are kept in "
                f"{config.out_dir}: run the same command again to continue\n"
            )
            return EXIT_INTERRUPTED
    if progress is not None:
        progress.finish()
    if not args.quiet:
        err.write(f"{scan_one_line(result)} -> {config.out_dir}\n")
        if result.links is not None and result.links.network_problem:
            _warner(err)(
                f"the network seemed down ({result.links.network_problem}): "
                f"{result.links.network_down} links were not called dead for it and nothing"
                " was kept about them in the link history; scan again into another OUT_DIR"
                " once the network works"
            )
    return EXIT_OK


def scan_config(args: argparse.Namespace, world: World) -> ScanConfig:
    """The scan the options ask for; without `--as-of`, a scan begun in OUT_DIR continues
    with the day it began with."""
    from citeaudit.scan import ScanConfig, previous_as_of, read_titles

    if not args.dump.is_file():  # before a cluster is started for nothing
        raise InputError(f"{args.dump}: no such dump file")
    as_of = args.as_of or previous_as_of(args.output) or world.today()
    return ScanConfig(
        dump=args.dump,
        out_dir=args.output,
        options=AuditOptions(
            as_of=as_of,
            stale_after_years=args.stale_after,
            dead_after_days=args.dead_after,
            lead_needs_citations=args.lead_needs_citations,
            check_support=not args.no_support,
        ),
        index=args.index,
        namespaces=frozenset(args.namespace or [0]),
        titles=read_titles(args.titles) if args.titles is not None else None,
        limit=args.limit,
        partition_pages=args.partition_pages,
        links=None if args.no_links else make_link_scan_options(network_config(args), args.output),
    )


def scan_one_line(result: ScanResult) -> str:
    done = result.done.values()
    articles = sum(record["articles"] for record in done)
    problems = sum(record["problems"] for record in done)
    findings = sum(record["rows"]["findings"] for record in done)
    again = f", {len(result.done) - result.ran} kept from an earlier run" if result.resumed else ""
    return (
        f"{result.plan.dump.name}: {articles} articles audited, {findings} findings, "
        f"{problems} problems, in {len(result.done)} "
        f"partition{'' if len(result.done) == 1 else 's'}{again}"
    )


def source_config(args: argparse.Namespace) -> SourceConfig:
    """How the command's SOURCE is read."""
    input_format = getattr(args, "input_format", None)
    return SourceConfig(
        input_format=SourceForm(input_format) if input_format else None,
        title=getattr(args, "file_title", None),
        site=args.site,
        revision=args.revision,
        contact=args.contact,
    )


def network_config(args: argparse.Namespace) -> NetworkConfig:
    """Where the command's answers come from, and how politely they are asked."""
    return NetworkConfig(
        offline=getattr(args, "offline", None),
        record=getattr(args, "record", None),
        timeout=args.timeout,
        concurrency=args.concurrency,
        per_host=args.per_host,
        host_interval=args.host_interval,
        allow_private=args.allow_private,
        proxy=args.proxy,
        archive=not args.no_archive,
        max_age_days=getattr(args, "max_age", NetworkConfig.max_age_days),
        archive_max_age_days=getattr(args, "archive_max_age", NetworkConfig.archive_max_age_days),
        state=getattr(args, "state", None),
        keep_state=not getattr(args, "no_state", False),
        contact=args.contact,
        exclude=tuple(getattr(args, "exclude", None) or ()),
    )
