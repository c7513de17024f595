"""``framing agreement A.csv B.csv [--key item_id] [--columns blame,hedge]``: inter-coder agreement.

For each code column shared by the two files, on the items both coded (joined on ``--key``): the
number of items, raw agreement, Cohen's kappa and Krippendorff's alpha (nominal; the ``krippendorff``
package). A and B can be two coders, or a coder and a model's output (e.g. framing's sentences.csv
with a key column). Empty cells are missing values: they count for neither coder.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import numpy as np
import pandas as pd

from framing.errors import InputError

SKIP_COLUMNS = {"text", "coder", "text_sha1"}


def register(sub) -> None:
    parser = sub.add_parser("agreement", help="Cohen's kappa and Krippendorff's alpha between two coders (or coder and model)")
    parser.add_argument("a", type=Path, help="first coder's CSV")
    parser.add_argument("b", type=Path, help="second coder's (or the model's) CSV")
    parser.add_argument("--key", default="item_id", help="column identifying an item in both files (default item_id)")
    parser.add_argument("--columns", help="comma-separated code columns (default: every column both files share)")
    parser.add_argument("--coder-a", help="keep only the rows of this coder in A (column coder)")
    parser.add_argument("--coder-b", help="keep only the rows of this coder in B (column coder)")
    parser.set_defaults(run=run)


def _read(path: Path, key: str, coder: str | None) -> pd.DataFrame:
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot be read as CSV: {error}") from error
    if key not in table.columns:
        raise InputError(f"{path}: no key column '{key}'; columns are: {', '.join(table.columns)}")
    if coder is not None:
        if "coder" not in table.columns:
            raise InputError(f"{path}: no column 'coder' to select coder {coder!r}")
        table = table[table["coder"] == coder]
    duplicated = table[key][table[key].duplicated()]
    if len(duplicated):
        raise InputError(f"{path}: key '{key}' is not unique (e.g. {duplicated.iloc[0]!r}); select a coder with --coder-a/--coder-b")
    return table.set_index(key)


def agreement(a: pd.Series, b: pd.Series) -> dict[str, float]:
    """n, raw agreement, Cohen's kappa and Krippendorff's alpha (nominal) of two aligned code series."""
    from sklearn.metrics import cohen_kappa_score

    try:
        import krippendorff
    except ImportError as error:  # an optional dependency (the dev extra)
        raise InputError("framing agreement needs the 'krippendorff' package: pip install krippendorff") from error
    a = a.fillna("").astype(str).str.strip()
    b = b.fillna("").astype(str).str.strip()
    both = (a != "") & (b != "")
    n = int(both.sum())
    result = {"n": n, "agreement": math.nan, "kappa": math.nan, "alpha": math.nan}
    if n == 0:
        return result
    result["agreement"] = float((a[both] == b[both]).mean())
    values = sorted(set(a[both]) | set(b[both]))
    if len(values) > 1:
        result["kappa"] = float(cohen_kappa_score(a[both], b[both]))
    codes = {v: i for i, v in enumerate(sorted((set(a) | set(b)) - {""}))}
    matrix = np.array([[codes.get(v, np.nan) for v in a], [codes.get(v, np.nan) for v in b]], dtype=float)
    if len(codes) > 1:
        with np.errstate(invalid="ignore", divide="ignore"):  # one pairable item: alpha is undefined (NaN)
            result["alpha"] = float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))
    elif n:
        result["alpha"] = 1.0 if result["agreement"] == 1.0 else math.nan
    return result


def run(args: argparse.Namespace) -> int:
    a = _read(args.a, args.key, args.coder_a)
    b = _read(args.b, args.key, args.coder_b)
    shared = [c for c in a.columns if c in b.columns and c not in SKIP_COLUMNS]
    if args.columns:
        columns = [c.strip() for c in args.columns.split(",") if c.strip()]
        for column in columns:
            for path, table in ((args.a, a), (args.b, b)):
                if column not in table.columns:
                    raise InputError(f"{path}: no column '{column}'; code columns are: {', '.join(table.columns)}")
    else:
        columns = shared
    if not columns:
        raise InputError(f"{args.a} and {args.b} share no code column besides '{args.key}'")
    items = a.index.intersection(b.index)
    print(f"{len(items)} item(s) in both files ({len(a)} in {args.a.name}, {len(b)} in {args.b.name})")
    print(f"{'column':<18}{'n':>6}{'agreement':>11}{'kappa':>9}{'alpha':>9}")
    for column in columns:
        r = agreement(a.loc[items, column], b.loc[items, column])
        cells = "".join(f"{r[k]:>9.3f}" if not math.isnan(r[k]) else f"{'-':>9}" for k in ("kappa", "alpha"))
        share = f"{r['agreement']:>11.3f}" if not math.isnan(r["agreement"]) else f"{'-':>11}"
        print(f"{column:<18}{r['n']:>6}{share}{cells}")
    return 0
