"""``framing train LABELS.csv --dimension NAME --out MODEL``: cross-validate and train a sentence model.

Prints stratified k-fold (grouped by ``article_id`` when the file has it) precision, recall and F1 per
class, macro-F1 and the confusion matrix, beside the lexicon rules' own figures, then writes the model
(skops). ``framing train --defaults`` rebuilds every shipped model from the research datasets and the
coded sample, reproducibly (``make models``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from framing.errors import InputError


def register(sub) -> None:
    parser = sub.add_parser(
        "train",
        help="train a sentence classifier from a label file (text,label[,article_id]); print cross-validated figures",
        description=__doc__.split("\n\n")[0],
    )
    parser.add_argument("labels", nargs="?", type=Path, help="CSV with the columns text and label (optional article_id)")
    parser.add_argument("--dimension", help="what the labels code: blame, hedge, evaluative, reported, or a name of yours")
    parser.add_argument("--out", type=Path, help="where to write the model (.skops)")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the folds and the model (default 0)")
    parser.add_argument("--defaults", action="store_true", help="rebuild every shipped model from the datasets")
    parser.add_argument("--models-dir", type=Path, help="with --defaults: write here instead of framing/models")
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="with --defaults: rebuild only this shipped model (repeatable), keeping the others' manifest rows",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.defaults:
        from framing.classifiers.models import SHIPPED
        from framing.classifiers.shipped import build_defaults
        from framing.reading.datasets import DatasetUnavailable

        unknown = sorted(set(args.only or ()) - set(SHIPPED))
        if unknown:
            raise InputError(f"--only: no shipped model named {', '.join(unknown)}; choose from {', '.join(SHIPPED)}")
        try:
            entries = build_defaults(args.models_dir, only=args.only)
        except DatasetUnavailable as error:
            raise InputError(str(error)) from error
        for entry in entries:
            if args.only and entry.name not in args.only:
                continue
            print(f"wrote {entry.file}: {entry.figure} {entry.value:.3f} (n={entry.n})")
        return 0
    if args.labels is None or not args.dimension or args.out is None:
        raise InputError("train needs LABELS.csv, --dimension and --out (or --defaults)")
    from framing.classifiers.models import save_model
    from framing.classifiers.train import read_labels, train_model

    labels = read_labels(args.labels, folds=args.folds)
    print(f"annotating {len(labels)} sentences and running {args.folds}-fold cross-validation ...", file=sys.stderr)
    model, report = train_model(labels, dimension=args.dimension, folds=args.folds, seed=args.seed, source=str(args.labels))
    print(report.format())
    save_model(model, args.out)
    print(f"\nwrote {args.out}", file=sys.stderr)
    return 0
