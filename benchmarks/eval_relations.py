"""Measure who-relates-to-whom: the relation model and the rules on DSE, and blame on the coded sample.

Usage: ``python benchmarks/eval_relations.py [--quick]``

1. **DSE** (Park, Pan & Joo 2021, ``../shared/datasets/dse/``, train.tsv + valid.tsv: sentences with two
   marked entities and a five-class label). The relation model (:mod:`framing.classifiers.relations`) is
   cross-validated with five folds grouped by sentence text (valid.tsv repeats many train sentences, and
   one sentence carries several pairs): five-class macro-F1 and the precision, recall and F1 of the
   negative-directed classes (3 and 4: the pair must be negative and its direction right), at the
   plain argmax (what the analysis uses) and at a probability threshold of 0.5.
2. **The rules on DSE valid.tsv** (none of its sentences was used to write a rule): every valid sentence
   is analysed with the classifiers off, and a pair gets the label of a relation whose source and
   target name its two entities (blame relations and the rule relations of relations.tsv). Then rules
   and model together as the analysis combines them: the rules' answer where they give one, else the
   model's out-of-fold answer from section 1.
3. **Blame on the coded sample** (``annotations/``, coder_a, docs/codebook.md), dev and heldout splits:
   a sentence blames when it has a blame relation (relations.csv, category blame); blame precision,
   recall, F1, blame-target F1, and how many blame relations have a named actor as source, the author,
   or an unnamed accuser. The blame rules were developed on the dev split: its figures are not held out.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from framing.annotation.mentions import actor_index
from framing.classifiers.relations import (
    PRECISION_THRESHOLD,
    RelationScores,
    cross_validate,
    decide,
    item_features,
    read_dse,
)
from framing.classifiers.targets import split_targets, targets_match
from framing.config import AnalysisConfig
from framing.reading.datasets import DatasetUnavailable, data_dir, load_coded_sample
from framing.schema import CUE_COLUMNS, frame
from framing.tables.pipeline import analyse_articles
from framing.tables.relations import relation_table
from framing.types import Article

RULES = AnalysisConfig(vader=False, classifiers=False)
# the analysis decides by the plain argmax (the threshold cross-validation chose); 0.5 for precision
THRESHOLDS = (("argmax, as the analysis", 0.0), (f"threshold {PRECISION_THRESHOLD:g}", PRECISION_THRESHOLD))
DEFAULT = AnalysisConfig(vader=False)


def _dse_dir() -> Path | None:
    try:
        folder = data_dir() / "dse"
    except DatasetUnavailable as error:
        print(f"  skipped: {error}")
        return None
    if not (folder / "train.tsv").is_file():
        print(f"  skipped: no DSE data in {folder}")
        return None
    return folder


def section_model(folder: Path, quick: bool):
    """Cross-validated figures of the model; returns the out-of-fold probabilities of the valid.tsv
    pairs (None for a pair whose entities could not be placed), for the rules + model figure."""
    print("== 1. relation model, DSE train.tsv + valid.tsv, 5-fold CV grouped by sentence text ==")
    train, valid = read_dse(folder / "train.tsv"), read_dse(folder / "valid.tsv")
    if quick:
        train, valid = train[::4], valid[::4]
    started = time.perf_counter()
    config = AnalysisConfig()
    feats, labels, groups = item_features(train, config)
    kept = []
    for item in valid:  # one by one, to know which valid pairs have a row
        f, y, g = item_features([item], config)
        kept.append(bool(len(y)))
        feats += f
        labels = np.concatenate([labels, y])
        groups += g
    print(f"  pairs {len(labels)}, sentences {len(set(groups))}, labels {dict(sorted(Counter(labels.tolist()).items()))}")
    probabilities = cross_validate(feats, labels, groups)
    for label, threshold in THRESHOLDS:
        print(f"  model, {label}: {RelationScores.of(labels, decide(probabilities, threshold)).format()}")
    majority = np.zeros_like(labels)
    print(f"  everything 'no relation': {RelationScores.of(labels, majority).format()}")
    print(f"  ({time.perf_counter() - started:.0f} s)")
    tail = iter(probabilities[len(labels) - sum(kept) :])
    return valid, [next(tail) if k else None for k in kept]


def _names(entity: str, name: str, canonical) -> bool:
    e = entity.lower().strip(" '’\".,")
    n = name.lower()
    if not e or not n or n in {"author", "(unnamed)", "unidentified"}:
        return False
    if e in n or (len(n) >= 3 and n in e):
        return True
    actor = canonical(entity)
    return bool(actor) and actor == name


def rule_label(relations, a: str, b: str, canonical) -> int:
    """The DSE class the rules' relations give the pair (a is the first entity in the text)."""
    found = 0
    for r in relations.itertuples():
        forward = _names(a, r.source_actor, canonical) and _names(b, r.target_actor, canonical)
        backward = _names(b, r.source_actor, canonical) and _names(a, r.target_actor, canonical)
        if not (forward or backward):
            continue
        negative = r.polarity == "negative"
        label = (3 if negative else 1) if forward else (4 if negative else 2)
        if negative or not found:
            found = label
    return found


def section_rules(valid, valid_probabilities) -> None:
    print("== 2. rules (this version, classifiers off) on DSE valid.tsv; rules + model as the analysis runs ==")
    items = valid
    texts = sorted({i.text for i in items})
    articles = [
        Article(article_id=hashlib.sha1(t.encode()).hexdigest()[:16], text=t, body_start=0) for t in texts
    ]
    started = time.perf_counter()
    results = analyse_articles(articles, RULES)
    relations = relation_table(frame([c for r in results for c in r.cues], CUE_COLUMNS))
    by_text = {t: relations[relations["article_id"] == a.article_id] for t, a in zip(texts, articles, strict=True)}
    canonical = actor_index(RULES).canonical
    gold, predicted = [], []
    for item in items:
        a = item.text[item.a[0] : item.a[1]]
        b = item.text[item.b[0] : item.b[1]]
        gold.append(item.label)
        predicted.append(rule_label(by_text[item.text], a, b, canonical))
    print(f"  pairs {len(items)}, sentences {len(texts)} ({time.perf_counter() - started:.0f} s)")
    print(f"  rules: {RelationScores.of(gold, predicted).format()}")
    rows = [i for i, p in enumerate(valid_probabilities) if p is not None]
    probabilities = np.vstack([valid_probabilities[i] for i in rows])
    for label, threshold in THRESHOLDS:
        model = decide(probabilities, threshold)
        combined = [predicted[i] or int(m) for i, m in zip(rows, model, strict=True)]
        print(
            f"  rules, else the model's out-of-fold answer ({label}): "
            f"{RelationScores.of([gold[i] for i in rows], combined).format()}"
        )


def _prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp {tp}, fp {fp}, fn {fn})"


def section_coded() -> None:
    print("== 3. blame relations on the coded sample (coder_a; dev was used to develop the rules) ==")
    try:
        sample = load_coded_sample()
    except (DatasetUnavailable, FileNotFoundError, ValueError) as error:
        print(f"  skipped: {error}")
        return
    articles = [
        Article(article_id=hashlib.sha1(f"{n}:{t}".encode()).hexdigest()[:16], text=t, body_start=0)
        for n, t in enumerate(sample["text"])
    ]
    for label, config in (("rules", RULES), ("default (classifiers on)", DEFAULT)):
        results = analyse_articles(articles, config)
        relations = relation_table(frame([c for r in results for c in r.cues], CUE_COLUMNS))
        blame = relations[relations["category"] == "blame"]
        canonical = actor_index(config).canonical
        for split in ("dev", "heldout"):
            rows = [i for i, s in enumerate(sample["split"]) if s == split]
            tp = fp = fn = ttp = tfp = tfn = 0
            sources: Counter = Counter()
            for i in rows:
                mine = blame[blame["article_id"] == articles[i].article_id]
                coded = bool(int(sample["blame"].iloc[i]))
                found = len(mine) > 0
                tp += coded and found
                fp += found and not coded
                fn += coded and not found
                for source in mine["source_actor"]:
                    sources["author" if source == "author" else "(unnamed)" if source == "(unnamed)" else "an actor"] += 1
                if coded and found:
                    gold = split_targets(sample["blame_targets"].iloc[i])
                    predicted = list(dict.fromkeys(mine["target_actor"]))
                    hits = [p for p in predicted if any(targets_match(g, p, canonical) for g in gold)]
                    ttp += len(hits)
                    tfp += len(predicted) - len(hits)
                    tfn += sum(1 for g in gold if not any(targets_match(g, p, canonical) for p in predicted))
            print(f"  [{split}, {label}] n={len(rows)} blame {_prf(tp, fp, fn)}")
            print(f"  [{split}, {label}]        targets {_prf(ttp, tfp, tfn)}; sources: {dict(sorted(sources.items()))}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a quarter of the DSE pairs (a smoke run)")
    args = parser.parse_args(argv)
    folder = _dse_dir()
    if folder is not None:
        valid, probabilities = section_model(folder, args.quick)
        section_rules(valid, probabilities)
    section_coded()
    return 0


if __name__ == "__main__":
    sys.exit(main())
