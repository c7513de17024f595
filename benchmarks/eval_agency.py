"""Measure the agency-of-harm annotator against hand codes (``docs/codebook.md``, section 8).

Data (no text in the repository: locations, fingerprints and codes in ``annotations/``; the sentences are
read from ``../shared/datasets`` or ``FRAMING_DATA_DIR`` and checked against their fingerprints):

1. ``gold``: ``annotations/agency_items.csv`` + ``agency_coded.csv``: 260 PolNeAR and BASIL sentences
   drawn because they hold a death or injury word, coded mention by mention. ``dev`` items were used to
   develop the rules; ``heldout`` items (40%, by a hash of the item id) were coded with the rest but
   never looked at while writing rules: report those.
2. ``sample``: the team's coded sample (``load_coded_sample``): its 41 items with a death or injury
   word, coded for agency in ``agency_coded_sample.csv`` (same columns), per split of the sample.

Each gold mention is scored by the ``agency`` cue that covers its words (none: the annotator gave it
no label). Printed per split: accuracy per gold class (agentive / agentless_passive / no_agent), overall
accuracy over mentions, the confusion table, how often a mention whose doer is a named side comes out
``agentive``, and, for those, whether ``agency_agent`` names it. Sentences are analysed one per
article, with the classifiers and VADER off (the agency rules do not use them).

Usage::

    .venv/bin/python benchmarks/eval_agency.py                # both sections
    .venv/bin/python benchmarks/eval_agency.py gold --errors  # and the dev-split mistakes
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from framing.annotation.mentions import actor_index
from framing.config import AnalysisConfig
from framing.reading.datasets import (
    ANNOTATIONS_DIR,
    DatasetUnavailable,
    SampleMismatch,
    attach_text,
    load_coded_sample,
)
from framing.tables.pipeline import analyse_article
from framing.types import Article

CONFIG = AnalysisConfig(vader=False, classifiers=False)
CLASSES = ("agentive", "agentless_passive", "no_agent")
CODE_COLUMNS = ("item_id", "mention", "start", "end", "label", "agent")
SECTIONS = ("gold", "sample")


def read_codes(path: Path) -> pd.DataFrame:
    """The mention codes of ``path``: one row per mention (``mention`` 0 with label ``none`` marks an
    item that holds no death or injury mention). Raises ValueError naming the file and line."""
    codes = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in CODE_COLUMNS if c not in codes.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    for line, row in enumerate(codes.itertuples(), start=2):
        if row.label not in (*CLASSES, "none"):
            raise ValueError(f"{path}: line {line}: label {row.label!r} is not one of {CLASSES + ('none',)}")
        if row.label != "none" and not (row.start.isdigit() and row.end.isdigit()):
            raise ValueError(f"{path}: line {line}: start and end must be character offsets")
    return codes[codes["label"] != "none"].reset_index(drop=True)


def read_items(path: Path) -> pd.DataFrame:
    items = pd.read_csv(path, dtype=str, keep_default_na=False)
    items["start"] = items["start"].astype(int)
    items["end"] = items["end"].astype(int)
    return attach_text(items)


def predict(texts: Sequence[str]) -> list[tuple[list[tuple[int, int, str, str]], str]]:
    """For each text, its agency cues (start, end, label, agent) and its ``agency_agent`` column."""
    out = []
    for number, text in enumerate(texts):
        article_id = hashlib.sha1(f"{number}:{text}".encode()).hexdigest()[:16]
        result = analyse_article(Article(article_id=article_id, text=text, body_start=0), CONFIG)
        cues = [(c["start"], c["end"], c["category"], c["target_actor"]) for c in result.cues if c["dimension"] == "agency"]
        agents = ";".join(filter(None, (str(row.get("agency_agent") or "") for row in result.sentences)))
        out.append((cues, agents))
    return out


def score(items: pd.DataFrame, codes: pd.DataFrame) -> pd.DataFrame:
    """One row per gold mention with the predicted label and agent of the cue covering it."""
    texts = dict(zip(items["item_id"], items["text"], strict=True))
    ids = sorted(set(codes["item_id"]))
    unknown = [i for i in ids if i not in texts]
    if unknown:
        raise ValueError(f"coded item(s) not in the items file: {', '.join(unknown[:5])}")
    predicted = dict(zip(ids, predict([texts[i] for i in ids]), strict=True))
    rows = []
    for code in codes.itertuples():
        start, end = int(code.start), int(code.end)
        cues, agents = predicted[code.item_id]
        cover = [c for c in cues if c[0] < end and start < c[1]]
        label, agent = (cover[0][2], cover[0][3]) if cover else ("none", "")
        rows.append(
            {
                "item_id": code.item_id,
                "mention": int(code.mention),
                "word": texts[code.item_id][start:end],
                "gold": code.label,
                "gold_agent": code.agent,
                "predicted": label,
                "agent": agent,
                "sentence_agents": agents,
            }
        )
    return pd.DataFrame(rows)


def _same_side(gold: str, predicted: str, canonical) -> bool:
    if not gold or not predicted:
        return False
    g, p = gold.lower(), predicted.lower()
    if g in p or p in g:
        return True
    return (canonical(gold) or g) == (canonical(predicted) or p)


def report(label: str, scored: pd.DataFrame, canonical) -> None:
    n = len(scored)
    print(f" [{label}] mentions={n} sentences={scored['item_id'].nunique()}")
    if not n:
        print("  nothing coded")
        return
    for cls in CLASSES:
        rows = scored[scored["gold"] == cls]
        right = int((rows["predicted"] == cls).sum())
        share = right / len(rows) if len(rows) else float("nan")
        print(f"  {cls:<18} n={len(rows):<4} accuracy={share:.3f} ({right}/{len(rows)})")
    right = int((scored["gold"] == scored["predicted"]).sum())
    print(f"  {'all mentions':<18} n={n:<4} accuracy={right / n:.3f} ({right}/{n})")
    first = scored[scored["mention"] == 1]
    right_first = int((first["gold"] == first["predicted"]).sum())
    print(f"  {'first mention':<18} n={len(first):<4} accuracy={right_first / len(first):.3f} (one per sentence)")
    table = Counter(zip(scored["gold"], scored["predicted"], strict=True))
    columns = (*CLASSES, "none")
    print("  confusion (rows gold, columns predicted): " + " ".join(f"{c[:12]:>12}" for c in columns))
    for cls in CLASSES:
        print(f"  {cls:<40} " + " ".join(f"{table[(cls, c)]:>12}" for c in columns))
    named = scored[(scored["gold"] == "agentive") & (scored["gold_agent"] != "")]
    if len(named):
        agentive = named[named["predicted"] == "agentive"]
        sides = sum(_same_side(g, p, canonical) for g, p in zip(agentive["gold_agent"], agentive["agent"], strict=True))
        print(
            f"  doer named: {len(named)} mentions, {len(agentive)} agentive ({len(agentive) / len(named):.3f}); "
            f"agency_agent names the coded doer in {sides} of those"
        )


def show_errors(scored: pd.DataFrame, items: pd.DataFrame) -> None:
    texts = dict(zip(items["item_id"], items["text"], strict=True))
    wrong = scored[scored["gold"] != scored["predicted"]]
    print(f"\n dev mistakes ({len(wrong)}):")
    for row in wrong.itertuples():
        print(f"  {row.item_id}#{row.mention} {row.word!r}: gold {row.gold} {row.gold_agent!r}, got {row.predicted} {row.agent!r}")
        print(f"     {texts[row.item_id]}")


def section_gold(errors: bool) -> None:
    print("== 1. agency gold set (annotations/agency_items.csv, agency_coded.csv; PolNeAR and BASIL) ==")
    try:
        items = read_items(ANNOTATIONS_DIR / "agency_items.csv")
    except (DatasetUnavailable, FileNotFoundError, SampleMismatch) as error:
        print(f"  skipped: {error}")
        return
    codes = read_codes(ANNOTATIONS_DIR / "agency_coded.csv")
    scored = score(items, codes)
    split = dict(zip(items["item_id"], items["split"], strict=True))
    scored["split"] = scored["item_id"].map(split)
    canonical = actor_index(CONFIG).canonical
    for name, note in (("dev", "rules developed against these"), ("heldout", "never looked at while writing rules")):
        report(f"{name}: {note}", scored[scored["split"] == name], canonical)
    if errors:
        show_errors(scored[scored["split"] == "dev"], items)


def section_sample(errors: bool) -> None:
    print("== 2. the team's coded sample (load_coded_sample; agency codes in annotations/agency_coded_sample.csv) ==")
    try:
        sample = load_coded_sample()
    except (DatasetUnavailable, FileNotFoundError, SampleMismatch, ValueError) as error:
        print(f"  skipped: {error}")
        return
    codes = read_codes(ANNOTATIONS_DIR / "agency_coded_sample.csv")
    scored = score(sample, codes)
    split = dict(zip(sample["item_id"], sample["split"], strict=True))
    scored["split"] = scored["item_id"].map(split)
    canonical = actor_index(CONFIG).canonical
    for name in ("dev", "heldout"):
        report(name, scored[scored["split"] == name], canonical)
    report("all", scored, canonical)
    if errors:
        show_errors(scored[scored["split"] == "dev"], sample)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sections", nargs="*", help=f"sections to run: {', '.join(SECTIONS)} (default: all)")
    ap.add_argument("--errors", action="store_true", help="print the dev-split mistakes with their sentences")
    args = ap.parse_args(argv)
    unknown = [s for s in args.sections if s not in SECTIONS]
    if unknown:
        ap.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    for section in args.sections or SECTIONS:
        {"gold": section_gold, "sample": section_sample}[section](args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
