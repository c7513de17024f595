"""``framing suggest --model MODEL SENTENCES.csv|CORPUS [-n 20]``: the sentences to code next.

Ranks sentences by the model's uncertainty (uncertainty sampling) and writes them as a CSV with an
empty ``label`` column, ready to code and to add to the label file. A single ``.csv`` input is read as
sentences (one a row, column ``text``; other columns are kept); anything else, or any input with
``--corpus``, is read as a corpus of articles, segmented and annotated first. ``--exclude LABELS.csv`` skips sentences already labelled.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from framing.errors import InputError


def register(sub) -> None:
    parser = sub.add_parser("suggest", help="the sentences a model is least sure about: what to code next")
    parser.add_argument("inputs", nargs="+", type=Path, help="a CSV with a text column, or corpus files/folders")
    parser.add_argument("--model", required=True, help="a model file, or the name of a shipped model (blame, hedge, ...)")
    parser.add_argument("-n", type=int, default=20, help="how many sentences (default 20)")
    parser.add_argument("--exclude", type=Path, action="append", default=[], metavar="CSV", help="skip the texts of this CSV (repeatable)")
    parser.add_argument("--out", type=Path, help="write the CSV here (default: standard output)")
    parser.add_argument("--corpus", action="store_true", help="read a CSV input as a corpus of articles, not as sentences")
    parser.set_defaults(run=run)


def _load(model: str):
    from framing.classifiers.models import (
        BLAME_TARGET,
        RELATIONS,
        SHIPPED,
        STANCE,
        canonical_dimension,
        load_model,
        load_shipped,
        model_info,
    )

    if Path(model).is_file() or canonical_dimension(model) not in SHIPPED:
        loaded = load_model(model)
    else:
        loaded = load_shipped(canonical_dimension(model))
    kind = model_info(loaded).get("dimension")
    if kind in {STANCE, BLAME_TARGET, RELATIONS}:
        what = {
            STANCE: "actor mentions",
            BLAME_TARGET: "the candidate actors of a blaming sentence",
            RELATIONS: "pairs of actors",
        }[kind]
        raise InputError(
            f"--model {model}: the {kind} model scores {what}, not sentences; suggest ranks sentences: "
            "use blame, hedge, evaluative, reported or a model trained with framing train"
        )
    return loaded


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot be read as CSV: {error}") from error
    if "text" not in table.columns:
        raise InputError(f"{path}: no 'text' column; columns are: {', '.join(table.columns)}")
    return table


def _sentences(inputs: list[Path], *, corpus: bool = False):
    """(texts, meta) from a sentence CSV, or from a corpus through the rule annotators."""
    if not corpus and len(inputs) == 1 and inputs[0].suffix.lower() == ".csv" and inputs[0].is_file():
        table = _read_csv(inputs[0])
        return table["text"].tolist(), table.drop(columns=["text"])
    from dataclasses import replace

    from framing.classifiers.features import CuedText
    from framing.config import AnalysisConfig
    from framing.running.inprocess import analyse
    from framing.types import Cue

    for path in inputs:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
    config = replace(AnalysisConfig(), classifiers=False, vader=False)
    analysis = analyse(inputs, config)
    cues: dict[str, list[Cue]] = {}
    for row in analysis.cues.to_dict("records"):
        cues.setdefault(row["sentence_id"], []).append(Cue(**row))
    sentences = analysis.sentences
    texts = [CuedText(r["text"], cues.get(r["sentence_id"], ()), r) for r in sentences.to_dict("records")]
    return texts, sentences[["article_id", "sentence_id"]].reset_index(drop=True)


def run(args: argparse.Namespace) -> int:
    from framing.classifiers.suggest import suggest

    model = _load(args.model)
    texts, meta = _sentences(args.inputs, corpus=args.corpus)
    exclude = [t for path in args.exclude for t in _read_csv(path)["text"]]
    picked = suggest(model, texts, n=args.n, exclude=exclude, meta=meta)
    picked["label"] = ""
    if args.out:
        picked.to_csv(args.out, index=False)
        print(f"wrote {len(picked)} sentence(s) to {args.out}", file=sys.stderr)
    else:
        picked.to_csv(sys.stdout, index=False)
    return 0
