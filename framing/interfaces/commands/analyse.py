"""``framing analyse PATH... [--out DIR] [--store FILE]``: analyse a corpus, streaming it in batches on
every core (or on a Dask cluster), into CSV reports and/or an incremental DuckDB store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from framing.errors import InputError
from framing.interfaces.commands.common import (
    add_config_options,
    check_out,
    check_store,
    config_from_args,
    parse_by,
)


def register(sub) -> None:
    parser = sub.add_parser("analyse", aliases=["analyze"], help="analyse files, folders or tabular exports; write CSV reports")
    parser.add_argument("paths", nargs="+", type=Path, help="files or folders (.txt, .html, .csv, .tsv, .jsonl, .json, .parquet)")
    parser.add_argument("--out", type=Path, help="folder for the CSV reports (default: reports, unless --store is given)")
    parser.add_argument("--store", type=Path, metavar="FILE", help="DuckDB store to add the results to; articles already stored with the same configuration are skipped")
    parser.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    scale = parser.add_argument_group("scale")
    scale.add_argument("--jobs", type=int, default=0, metavar="N", help="worker processes (default: all cores)")
    scale.add_argument("--batch-size", type=int, default=200, metavar="N", help="articles per batch and per store transaction (default: 200)")
    scale.add_argument("--engine", choices=("local", "dask"), default="local", help="local processes (default) or a Dask cluster")
    scale.add_argument("--scheduler", metavar="ADDRESS", help="--engine dask: scheduler address, e.g. tcp://host:8786 (default: a local cluster of --jobs workers)")
    reports = parser.add_argument_group("reports")
    reports.add_argument("--by", default="outlet,month", help="groupings for profiles.csv and the other analytics (default: outlet,month)")
    reports.add_argument("--no-analytics", action="store_true", help="write the base tables only (profiles etc. later with framing report)")
    add_config_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from framing.running.local import available_cores, run_local

    config = config_from_args(args)
    parse_by(args.by)  # a bad --by fails before the analysis, not after
    if args.jobs < 0 or args.batch_size < 1:
        raise InputError("--jobs must be 0 (all cores) or more, and --batch-size at least 1")
    if args.scheduler and args.engine != "dask":
        raise InputError("--scheduler needs --engine dask")
    out = args.out if args.out is not None or args.store is not None else Path("reports")
    check_out(out)
    check_store(args.store)
    jobs = args.jobs or available_cores()
    progress = not args.quiet and sys.stderr.isatty()
    if args.engine == "dask":
        from framing.running.dask_engine import run_dask

        result = run_dask(
            args.paths, config, store=args.store, out=out, jobs=jobs, batch_size=args.batch_size, scheduler=args.scheduler
        )
    else:
        result = run_local(args.paths, config, store=args.store, out=out, jobs=jobs, batch_size=args.batch_size, progress=progress)
    if out is not None and not args.no_analytics and result.written:
        result.written += write_analytics(out, args.by)
    return summarise_run(result, store=args.store, quiet=args.quiet)


def write_analytics(out: Path, by_text: str) -> list[Path]:
    """Profiles, comparisons, timeline, blame matrix, voices and aligned sentences from the base tables
    just written (the same code path as ``framing report``)."""
    from framing.storage.reports import read_reports, write_reports

    by, period = parse_by(by_text)
    return write_reports(read_reports(out), out, by=by, period=period, base=False)


def summarise_run(result, *, store: Path | None, quiet: bool) -> int:
    """Like ``summarise``, from the counts of a streamed run (the tables may not fit in memory)."""
    if not quiet:
        where = [f"{len(result.written)} file(s) to {result.written[0].parent}"] if result.written else []
        where += [f"the store {store}"] if store is not None else []
        unchanged = f", {result.articles_unchanged} already stored" if result.articles_unchanged else ""
        replaced = f" ({result.articles_replaced} re-analysed under a new configuration)" if result.articles_replaced else ""
        print(
            f"analysed {result.articles_analysed} article(s){replaced}, {result.sentences} sentence(s){unchanged}; "
            f"skipped {len(result.skipped)}; wrote {' and '.join(where) or '-'}",
            file=sys.stderr,
        )
    for source, item, reason in result.skipped:
        where = f"{source} ({item})" if item else source
        print(f"skipped: {where}: {reason}", file=sys.stderr)
    for source, warnings in result.warnings:
        print(f"warning: {source}: {warnings}", file=sys.stderr)
    if result.warnings_total > len(result.warnings):
        print(f"warning: ... and {result.warnings_total - len(result.warnings)} more article(s) with warnings (see the warnings column)", file=sys.stderr)
    return 3 if result.skipped or result.warnings_total else 0
