"""Draw the agency-of-harm gold sample: PolNeAR and BASIL sentences that report deaths or injuries.

Writes ``annotations/agency_items.csv`` (locations, fingerprints and split; no text), in the format of
``annotations/sample_items.csv``. The codes are in ``annotations/agency_coded.csv`` (one row per harm
mention), coded by hand following ``docs/codebook.md`` section 8; see ``annotations/README.md``.

Sentences are split as in ``tools/draw_sample.py``. A sentence is a candidate when it holds a death or
injury word (``HARM_WORDS``), has 6 to 60 words and is not a duplicate. ``N`` candidates are drawn with a
fixed seed; ``split`` is ``heldout`` for 40% of items by a hash of the item id, fixed before any rule
was written.

Usage::

    python tools/draw_agency_sample.py            # writes annotations/agency_items.csv
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from draw_sample import basil_units, n_words, polnear_units  # noqa: E402

from framing.reading.datasets import ANNOTATIONS_DIR, hashed_doc, sha1_12  # noqa: E402

SEED = 20261203
N = 260
HELDOUT_PERCENT = 40
HARM_WORDS = re.compile(
    r"\b(kill(s|ed|ing)?|died|dies|dead|deaths?|death toll|wounded|injur(ed|ies|ing)|shot|murder(s|ed)?|"
    r"casualties|fatalities|massacred?|slaughtered|gunned down|lost (their|his|her) lives)\b",
    re.IGNORECASE,
)


def heldout(item_id: str) -> bool:
    return int(hashlib.sha1(item_id.encode()).hexdigest(), 16) % 100 < HELDOUT_PERCENT


def candidates() -> list[dict]:
    seen, pool = set(), []
    for unit in polnear_units() + basil_units():
        key = unit["text"].strip()
        if key in seen or not 6 <= n_words(key) <= 60 or not HARM_WORDS.search(key):
            continue
        seen.add(key)
        pool.append(unit)
    return pool


def build() -> list[dict]:
    rng = random.Random(SEED)
    pool = candidates()
    chosen = rng.sample(pool, min(N, len(pool)))
    rows = []
    for number, unit in enumerate(chosen, start=1):
        item_id = f"a{number:04d}"
        doc = hashed_doc(unit["doc"]) if unit["dataset"] == "polnear" else unit["doc"]
        rows.append(
            {
                "item_id": item_id,
                "dataset": unit["dataset"],
                "doc": doc,
                "locator": unit["locator"],
                "start": unit["start"],
                "end": unit["end"],
                "text_sha1": sha1_12(unit["text"]),
                "split": "heldout" if heldout(item_id) else "dev",
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ANNOTATIONS_DIR / "agency_items.csv"))
    args = ap.parse_args(argv)
    import pandas as pd

    items = pd.DataFrame(build())
    items.to_csv(args.out, index=False)
    print(f"{len(items)} items written to {args.out}")
    print(items.groupby(["dataset", "split"]).size().to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
