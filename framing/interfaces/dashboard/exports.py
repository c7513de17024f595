"""Tables and charts as downloadable files.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from framing.schema import CUE_COLUMNS

# ---------------------------------------------------------------------------------------------------
# exports


def csv_bytes(table: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV (with BOM for Excel), formulas neutralised as in the CSV reports."""
    from framing.storage.reports import safe_frame

    buffer = io.StringIO()
    safe_frame(table).to_csv(buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def chart_export_available() -> bool:
    """True when charts can be saved as PNG or SVG (``vl-convert-python`` installed)."""
    try:
        import vl_convert  # noqa: F401
    except ImportError:
        return False
    return True


def chart_image(chart, fmt: str) -> bytes:
    """A Vega-Lite chart (an altair chart or its JSON) rendered as PNG or SVG bytes with
    ``vl-convert-python``."""
    import vl_convert

    spec_json = chart if isinstance(chart, str) else chart.to_json()
    if fmt == "png":
        return vl_convert.vegalite_to_png(spec_json, scale=2)
    if fmt == "svg":
        return vl_convert.vegalite_to_svg(spec_json).encode("utf-8")
    raise ValueError(f"unknown chart format '{fmt}' (png or svg)")


def cue_columns() -> list[str]:
    return [c.name for c in CUE_COLUMNS]
