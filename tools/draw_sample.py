"""Draw the sentence sample for human coding and write ``annotations/sample_items.csv``.

The sample mixes three corpora (PolNeAR, BASIL, BABE). In each, half the items are drawn at random
from all sentences of at least five words (stratum ``random``) and half from sentences matching a
list of blame / hedging cue words (stratum ``keyword``), so that positives are not too rare. Only
locations, offsets and a SHA-1 fingerprint are written; the text stays in the datasets folder.

Rerunning the script with the same datasets produces the same file (fixed seeds, sorted inputs).

    python tools/draw_sample.py [--out annotations/sample_items.csv]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from framing.reading import datasets as D  # noqa: E402

SEED = 20240715
SECOND_PASS_SEED = 7
SECOND_PASS_N = 100
HELDOUT_PERCENT = 30
TARGETS = {"polnear": 260, "basil": 180, "babe": 180}
MIN_WORDS = 5

KEYWORDS = re.compile(
    r"\b(accus\w*|blam\w*|responsib\w*|fault\w*|culpab\w*|condemn\w*|criticiz\w*|criticis\w*|"
    r"denounc\w*|slam\w*|killed|kill(?:s|ing)?|caused?|failed|failure|"
    r"may|might|could|reportedly|allegedly|alleged|according to|at least|nearly|"
    r"appear(?:s|ed)?|seem(?:s|ed)?|likely|possibly|perhaps|unclear|suggest\w*)\b",
    re.IGNORECASE,
)

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
    "gen",
    "lt",
    "col",
    "sgt",
    "st",
    "jr",
    "sr",
    "vs",
    "jan",
    "feb",
    "mar",
    "apr",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
    "no",
    "inc",
    "corp",
    "co",
    "ltd",
    "rev",
    "prof",
    "pres",
    "ft",
    "mt",
    "u.s",
    "u.n",
    "u.k",
    "d.c",
    "a.m",
    "p.m",
    "e.g",
    "i.e",
}
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentence (start, end) offsets: line breaks, then sentence-final punctuation.

    A period after a known abbreviation or a single capital initial does not end a sentence.
    Leading and trailing whitespace is excluded from each span.
    """
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        base, chunk = line.start(), line.group()
        start = 0
        for m in _BOUNDARY.finditer(chunk):
            before = chunk[start : m.start()]
            word = re.search(r"([A-Za-z.]+)$", before)
            if m.group().startswith(".") and word:
                w = word.group(1).lower().rstrip(".")
                if w in _ABBREV or (len(w) == 1 and w.isalpha()):
                    continue
            spans.append((base + start, base + m.end()))
            start = m.end()
        spans.append((base + start, base + len(chunk)))
    out = []
    for s, e in spans:
        seg = text[s:e]
        ls = len(seg) - len(seg.lstrip())
        rs = len(seg) - len(seg.rstrip())
        if e - rs > s + ls:
            out.append((s + ls, e - rs))
    return out


def n_words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def polnear_units() -> list[dict]:
    rows = []
    for split in ("train", "dev"):
        docs = D.load_polnear(split)
        for doc in docs.itertuples():
            for s, e in split_sentences(doc.text):
                rows.append(
                    {
                        "dataset": "polnear",
                        "doc": doc.path,
                        "locator": "",
                        "start": s,
                        "end": e,
                        "text": doc.text[s:e],
                    }
                )
    return rows


def basil_units() -> list[dict]:
    rows = []
    articles, _ = D.load_basil()
    for art in articles.itertuples():
        for pi, par in enumerate(art.paragraphs):
            pos = 0
            for sent in par:
                rows.append(
                    {
                        "dataset": "basil",
                        "doc": art.path,
                        "locator": str(pi),
                        "start": pos,
                        "end": pos + len(sent),
                        "text": sent,
                    }
                )
                pos += len(sent) + 1  # sentences are joined with one space
    return rows


def babe_units() -> list[dict]:
    babe = D.load_babe("SG2")
    return [
        {
            "dataset": "babe",
            "doc": "babe/final_labels_SG2.csv",
            "locator": str(r.row),
            "start": 0,
            "end": len(r.text),
            "text": r.text,
        }
        for r in babe.itertuples()
    ]


def heldout(item_id: str) -> bool:
    return int(hashlib.sha1(item_id.encode()).hexdigest(), 16) % 100 < HELDOUT_PERCENT


def draw(units: list[dict], n: int, rng: random.Random) -> list[dict]:
    seen, pool = set(), []
    for u in units:
        key = u["text"].strip()
        if n_words(key) < MIN_WORDS or key in seen:
            continue
        seen.add(key)
        pool.append(u)
    keyword = [u for u in pool if KEYWORDS.search(u["text"])]
    n_kw = n // 2
    chosen = rng.sample(keyword, n_kw)
    taken = {id(u) for u in chosen}
    rest = [u for u in pool if id(u) not in taken]
    randoms = rng.sample(rest, n - n_kw)
    return [dict(u, stratum="keyword") for u in chosen] + [dict(u, stratum="random") for u in randoms]


def second_pass(items: pd.DataFrame) -> pd.Series:
    """Exactly ``SECOND_PASS_N`` items, allocated to dataset x split cells in proportion to their size."""
    rng = random.Random(SECOND_PASS_SEED)
    cells = items.groupby(["dataset", "split"]).groups
    sizes = {k: len(v) for k, v in cells.items()}
    total = sum(sizes.values())
    quota = {k: SECOND_PASS_N * v / total for k, v in sizes.items()}
    alloc = {k: int(q) for k, q in quota.items()}
    for k in sorted(quota, key=lambda k: quota[k] - alloc[k], reverse=True)[
        : SECOND_PASS_N - sum(alloc.values())
    ]:
        alloc[k] += 1
    flag = pd.Series(0, index=items.index)
    for k in sorted(cells):
        idx = sorted(cells[k])
        flag.loc[rng.sample(idx, alloc[k])] = 1
    return flag


def build() -> pd.DataFrame:
    rng = random.Random(SEED)
    drawn = []
    for name, units in (("polnear", polnear_units), ("basil", basil_units), ("babe", babe_units)):
        drawn += draw(units(), TARGETS[name], rng)
    # interleave datasets in a random but fixed order, so coding order is not grouped by corpus
    rng.shuffle(drawn)
    rows = []
    for i, u in enumerate(drawn, start=1):
        item_id = f"s{i:04d}"
        rows.append(
            {
                "item_id": item_id,
                "dataset": u["dataset"],
                "doc": D.hashed_doc(u["doc"]) if u["dataset"] == "polnear" else u["doc"],
                "locator": u["locator"],
                "start": u["start"],
                "end": u["end"],
                "text_sha1": D.sha1_12(u["text"]),
                "stratum": u["stratum"],
                "split": "heldout" if heldout(item_id) else "dev",
            }
        )
    items = pd.DataFrame(rows)
    items["second_pass"] = second_pass(items)
    return items


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(D.ANNOTATIONS_DIR / "sample_items.csv"))
    args = ap.parse_args(argv)
    items = build()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    items.to_csv(out, index=False)
    print(f"wrote {len(items)} items to {out}")
    print(items.groupby(["dataset", "split", "stratum"]).size().to_string())
    print("second pass:", items.groupby(["dataset", "split"])["second_pass"].sum().to_dict())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
