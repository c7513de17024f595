"""``framing report --out DIR``: write the CSV reports (profiles, comparisons, timeline, blame matrix,
voices, aligned sentences) from a store, an earlier reports folder, or inputs analysed now."""

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
    summarise,
)


def register(sub) -> None:
    parser = sub.add_parser(
        "report",
        help="write profiles, comparisons, timeline, blame matrix, voices and aligned sentences as CSV",
        description="Write the CSV reports. Read a store (--store), an earlier reports folder (--from), "
        "or analyse PATHS now.",
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders to analyse (when no --store or --from)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--store", type=Path, metavar="FILE", help="a DuckDB store written by framing analyse")
    source.add_argument("--from", dest="from_dir", type=Path, metavar="DIR", help="a folder of earlier CSV reports")
    parser.add_argument("--out", type=Path, default=Path("reports"), help="folder for the CSV reports (default: reports)")
    parser.add_argument(
        "--by", default="outlet,month",
        help="grouping of profiles and voices: article columns and one period (day, week, month, quarter, year); "
        "default outlet,month",
    )
    parser.add_argument("--compare-by", default="outlet", help="article column whose groups are compared pairwise")
    parser.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples (default 1000)")
    parser.add_argument("--n-perm", type=int, default=None, help="permutations per test (default: --n-boot)")
    parser.add_argument("--seed", type=int, default=0, help="random seed for bootstrap and permutations")
    parser.add_argument("--no-headlines", action="store_true", help="leave headline and standfirst out of the metrics")
    parser.add_argument("--html", action="store_true",
                        help="also write report.html: a self-contained report of the clearest --compare-by differences "
                        "with their intervals and the sentences behind them")
    parser.add_argument("--quiet", action="store_true", help="no summary")
    add_config_options(parser)
    parser.set_defaults(run=run)


def load_analysis(args: argparse.Namespace):
    if args.store is not None:
        check_store(args.store, must_exist=True)
        from framing.storage.store import read_store

        return read_store(args.store)
    if args.from_dir is not None:
        if not (args.from_dir / "articles.csv").is_file():
            raise InputError(f"--from: no articles.csv in {args.from_dir}")
        from framing.storage.reports import read_reports

        return read_reports(args.from_dir)
    if not args.paths:
        raise InputError("give files or folders to analyse, --store FILE or --from DIR")
    from framing.running.inprocess import analyse

    return analyse(args.paths, config_from_args(args), progress=not args.quiet and sys.stderr.isatty())


def run(args: argparse.Namespace) -> int:
    from framing.storage.reports import write_reports

    by, period = parse_by(args.by)
    if args.n_boot < 0 or (args.n_perm is not None and args.n_perm < 0):
        raise InputError("--n-boot and --n-perm must be 0 or more")
    check_out(args.out)
    analysis = load_analysis(args)
    written = write_reports(
        analysis, args.out, by=by, period=period, n_boot=args.n_boot, n_perm=args.n_perm, seed=args.seed,
        compare_by=args.compare_by, include_headlines=not args.no_headlines,
    )
    if getattr(args, "html", False):
        from framing.storage.html_report import write_html_report

        written.append(write_html_report(analysis, args.out / "report.html", by=args.compare_by, period=period or "month",
                                         n_boot=args.n_boot, n_perm=args.n_perm, seed=args.seed,
                                         include_headlines=not args.no_headlines))
    return summarise(analysis, written, quiet=args.quiet)
