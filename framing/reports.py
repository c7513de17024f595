"""CSV reports: UTF-8 files that open cleanly in Excel and R, with spreadsheet formulas neutralised and
numbers rounded only here, at the moment of writing. The same input gives byte-identical files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DECIMALS = 6


def neutralise(value: object) -> object:
    """Prefix text a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(data: pd.DataFrame) -> pd.DataFrame:
    out = data.copy()
    for name in out.columns:
        series = out[name]
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            out[name] = series.map(neutralise)
        elif pd.api.types.is_float_dtype(series):
            out[name] = series.round(DECIMALS)
        elif pd.api.types.is_bool_dtype(series):
            out[name] = series.astype(int)
    return out


def write_csv(data: pd.DataFrame, path: Path) -> Path:
    """Write one table as UTF-8 CSV (with a byte-order mark, which Excel needs to see UTF-8)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    safe_frame(data).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
    return path


def write_reports(analysis, out_dir: Path, **options) -> list[Path]:
    """Write every table of ``analysis`` into ``out_dir``."""
    written = [
        write_csv(analysis.articles, out_dir / "articles.csv"),
        write_csv(analysis.sentences, out_dir / "sentences.csv"),
        write_csv(analysis.cues, out_dir / "cues.csv"),
        write_csv(analysis.actors, out_dir / "actors.csv"),
        write_csv(analysis.skipped, out_dir / "skipped.csv"),
    ]
    return written
