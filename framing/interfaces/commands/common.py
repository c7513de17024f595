"""What ``framing analyse`` and ``framing report`` share: the analysis options, ``--by`` groupings and
the summary printed at the end of a run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from framing.analytics.profiles import PERIODS
from framing.config import AnalysisConfig
from framing.errors import InputError
from framing.reading import parse_mapping
from framing.resources import actor_sets


def add_config_options(parser: argparse.ArgumentParser) -> None:
    """Options that shape the analysis, shared by every command that analyses text."""
    group = parser.add_argument_group("analysis")
    group.add_argument("--columns", metavar="MAP", help="tabular inputs: map fields to columns, e.g. text=body,date=pub_date")
    order = group.add_mutually_exclusive_group()
    order.add_argument(
        "--month-first", action="store_true",
        help="read ambiguous dates as month/day (default: inferred per tabular date column, else day/month)",
    )
    order.add_argument("--day-first", action="store_true", help="read ambiguous dates as day/month, without inferring")
    group.add_argument("--outlet", default="", help="outlet name for files that do not name one")
    group.add_argument("--lexicon-dir", type=Path, help="folder of user lexicons adding to or overriding the shipped ones")
    group.add_argument(
        "--actors",
        action="append",
        default=[],
        metavar="NAME|FILE",
        help="actor set grouping the discovered actors: a shipped set by name (e.g. gaza, sample) or a TSV file "
        "(name, actor, type, note); repeatable. Default: actors discovered in the text, and a shipped set "
        "only for articles that clearly match it (with a warning); 'none': never a set",
    )
    group.add_argument("--model", action="append", default=[], metavar="NAME=FILE", help="use a trained model for a dimension; repeatable")
    group.add_argument("--no-vader", action="store_true", help="skip the VADER sentiment column")
    group.add_argument("--no-classifiers", action="store_true", help="lexicons and rules only, no classifier probabilities")
    group.add_argument(
        "--blame-model",
        action="store_true",
        help="let the blame classifier flag sentences without a blame cue (more recall on US political news, "
        "far less precision on other coverage; default: p_blame only)",
    )
    group.add_argument(
        "--cues-decide",
        action="append",
        default=[],
        choices=("hedge", "evaluative"),
        metavar="DIMENSION",
        help="hedge or evaluative: the cue words alone decide the sentence column; the model's probability "
        "is still reported in p_DIMENSION (repeatable; default: cues and model, see docs/models.md)",
    )
    group.add_argument(
        "--relation-model",
        action="store_true",
        help="let the relation model decide actor pairs no cue word decides (trained on directed sentiment "
        "between entities; low precision on news; default: relations from cue words only)",
    )


def config_from_args(args: argparse.Namespace) -> AnalysisConfig:
    models = []
    for item in args.model:
        name, _, path = item.partition("=")
        if not name or not path:
            raise InputError(f"--model: '{item}' is not NAME=FILE")
        if not Path(path).is_file():
            raise InputError(f"--model: model file not found: {path}")
        models.append((name, Path(path)))
    shipped = actor_sets()
    detect = "none" not in args.actors
    actor_files = []
    for item in (a for a in args.actors if a != "none"):
        if item in shipped:
            actor_files.append(shipped[item])
        elif Path(item).is_file():
            actor_files.append(Path(item))
        elif "/" in item or "\\" in item or item.endswith(".tsv"):
            raise InputError(f"--actors: file not found: {item}")
        else:
            raise InputError(f"--actors: no actor set or file '{item}' (shipped sets: {', '.join(shipped)}, or none)")
    if args.lexicon_dir is not None and not args.lexicon_dir.is_dir():
        raise InputError(f"--lexicon-dir: folder not found: {args.lexicon_dir}")
    return AnalysisConfig(
        lexicon_dir=args.lexicon_dir,
        actor_files=tuple(actor_files),
        detect_actor_sets=detect,
        models=tuple(models),
        vader=not args.no_vader,
        classifiers=not args.no_classifiers,
        blame_model=getattr(args, "blame_model", False),
        relation_model=getattr(args, "relation_model", False),
        cues_decide=tuple(sorted(set(getattr(args, "cues_decide", []) or []))),
        columns=tuple(parse_mapping(args.columns).items()),
        dayfirst=not args.month_first,
        date_order_explicit=args.month_first or args.day_first,
        outlet=args.outlet,
    )


def check_out(out: Path | None) -> None:
    """--out must be a folder (or not exist yet)."""
    if out is not None and out.exists() and not out.is_dir():
        raise InputError(f"--out: {out} is a file, not a folder")


def check_store(store: Path | None, *, must_exist: bool = False) -> None:
    """--store must be a DuckDB file (or, when writing, not exist yet); it is not touched otherwise."""
    from framing.storage.store import is_duckdb_file

    if store is None:
        return
    if must_exist and not store.is_file():
        raise InputError(f"--store: file not found: {store}")
    if store.is_dir() or not is_duckdb_file(store):
        raise InputError(f"--store: {store} is not a DuckDB store")


def has_warnings(articles) -> bool:
    return bool(len(articles)) and bool((articles["warnings"] != "").any())


def parse_by(text: str) -> tuple[tuple[str, ...], str]:
    """``outlet,month`` -> (("outlet", "period"), "month"): a period name stands for the period column."""
    by, period = [], "month"
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        if item in PERIODS or item == "period":
            period = item if item in PERIODS else period
            item = "period"
        if item in by:
            raise InputError(f"--by: '{item}' given twice")
        by.append(item)
    if not by:
        raise InputError("--by: name at least one grouping, e.g. outlet,month")
    return tuple(by), period


def summarise(analysis, written, *, quiet: bool) -> int:
    """Print what was analysed and skipped; the exit status is 3 when anything was skipped or an article
    carries a warning (something was guessed, cut or left out while reading it)."""
    skipped = analysis.skipped
    if not quiet:
        print(
            f"analysed {len(analysis.articles)} article(s), {len(analysis.sentences)} sentence(s); "
            f"skipped {len(skipped)}; wrote {len(written)} file(s) to {written[0].parent if written else '-'}",
            file=sys.stderr,
        )
    for row in skipped.itertuples():
        where = f"{row.source} ({row.item})" if row.item else row.source
        print(f"skipped: {where}: {row.reason}", file=sys.stderr)
    for row in analysis.articles[analysis.articles["warnings"] != ""].itertuples():
        print(f"warning: {row.source}: {row.warnings}", file=sys.stderr)
    return 3 if len(skipped) or has_warnings(analysis.articles) else 0
