"""Measure the rule-based scorers (blame, hedging, evaluative language) against human annotations.

Sections (each is skipped with a message when its data is missing):

1. ``coded``: the project's hand-coded sample (``annotations/``; codebook in ``docs/codebook.md``):
   sentence-level precision, recall and F1 for blame, hedge, hedged_figure, booster and evaluative,
   separately for the ``dev`` and ``heldout`` splits, and blame-target F1; then blame and blame
   targets again with the classifiers on, as the analysis runs by default (the blame cues decide; the
   target model names the actor of an accusation the rules could not name) and with ``--blame-model``
   (the blame model may also flag sentences without a cue, and the target model names their targets).
   The blame and target models were trained on the ``dev`` split, so their ``dev`` figures are
   in-sample; ``heldout`` is the figure to report.
2. ``babe``: BABE SG2 (Spinde et al. 2021): a sentence is predicted Biased when it has an evaluative
   cue; precision/recall/F1 of Biased, macro-F1, and the share of the annotators' biased words that
   an evaluative cue covers. The lexicon was grown from BABE's word-level evidence on one half of the
   sentences only (``babe_half`` in ``tools/lexicon_candidates.py``), so the figures to report are
   those of the ``eval`` half; all of SG2 is printed below them for reference only.
3. ``decisions``: the sentence-level ``hedge`` and ``evaluative`` decisions three ways: ``rules`` (the
   cues alone, classifiers off), ``model`` (the shipped model's probability >= 0.5) and ``final`` (the
   column as the analysis sets it, rules and model combined by the policy in the model file):
   hedge on CoNLL-2010 Wikipedia (``conll2010_wiki/train.csv``; uncertain = hedge): precision,
   recall, F1 and accuracy, the model's probabilities out-of-fold when the shipped model is trained
   on these sentences; evaluative on CheckThat! English dev (``dev_en.tsv``, never trained on;
   SUBJ = evaluative): macro-F1; both on the coded sample's held-out split: F1 (evaluative also
   without the BABE items, which are in the evaluative model's training data; hedge on the codes of
   codebook v1.2, ``annotations/recodes.csv`` applied, and on the v1 codes as first coded).
4. ``speed``: sentences per second of the hedging and evaluative annotators on the seed articles
   repeated.

Every sentence is analysed as an article of its own with the classifiers and VADER switched off, so
the figures are those of the rules and lexicons alone (except the "classifiers on" lines of ``coded``).

Usage::

    .venv/bin/python benchmarks/eval_scorers.py                 # all sections
    .venv/bin/python benchmarks/eval_scorers.py coded babe
    .venv/bin/python benchmarks/eval_scorers.py coded --errors hedge   # dev-split errors only
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from framing.annotation.mentions import actor_index
from framing.classifiers.targets import split_targets, target_counts
from framing.config import AnalysisConfig
from framing.reading.datasets import DatasetUnavailable, load_babe, load_checkthat, load_coded_sample
from framing.reading.segment import punkt, segment
from framing.resources import actor_sets
from framing.tables.pipeline import analyse_article
from framing.types import Article, Doc

CODED_DIMENSIONS = ("blame", "hedge", "hedged_figure", "booster", "evaluative")
SECTIONS = ("coded", "babe", "decisions", "speed")
CONFIG = AnalysisConfig(vader=False, classifiers=False)
MODELS_CONFIG = AnalysisConfig(vader=False, classifiers=True)
BLAME_MODEL_CONFIG = AnalysisConfig(vader=False, classifiers=True, blame_model=True)
# coded targets and found targets are compared through every shipped actor set ("the IDF" = "Israel"),
# whatever sets the analysis itself applied
MATCH_CONFIG = AnalysisConfig(vader=False, classifiers=False, actor_files=tuple(actor_sets().values()))


@dataclass
class Scored:
    """The analyser's output for one sentence-sized text: column values (max over its sentences,
    targets joined) and its cues."""

    values: dict
    cues: list[dict] = field(default_factory=list)


def score_texts(texts: Iterable[str], config: AnalysisConfig = CONFIG) -> list[Scored]:
    out = []
    for number, text in enumerate(texts):
        article_id = hashlib.sha1(f"{number}:{text}".encode()).hexdigest()[:16]
        result = analyse_article(Article(article_id=article_id, text=text, body_start=0), config)
        values: dict = {}
        for row in result.sentences:
            for key, value in row.items():
                if key == "blame_targets":
                    values[key] = ";".join(filter(None, [values.get(key, ""), str(value or "")]))
                elif isinstance(value, bool | int | float) and not isinstance(value, str):
                    values[key] = max(values.get(key, value), value)
                else:
                    values.setdefault(key, value)
        out.append(Scored(values, result.cues))
    return out


@dataclass(frozen=True)
class PRF:
    tp: int
    fp: int
    fn: int
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def inverse(self) -> PRF:
        """The same confusion counted for the negative class."""
        return PRF(self.tn, self.fn, self.fp, self.tp)

    @property
    def macro_f1(self) -> float:
        return (self.f1 + self.inverse().f1) / 2


def confusion(gold: Sequence[bool], predicted: Sequence[bool]) -> PRF:
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    fp = sum(p and not g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g and not p for g, p in zip(gold, predicted, strict=True))
    return PRF(tp, fp, fn, len(gold) - tp - fp - fn)


def fmt(value: float) -> str:
    return "  n/a" if value != value else f"{value:5.3f}"


def print_prf(label: str, prf: PRF, n: int) -> None:
    positives = prf.tp + prf.fn
    print(
        f"  {label:<14} n={n:<4d} gold+={positives:<4d} pred+={prf.tp + prf.fp:<4d} "
        f"P={fmt(prf.precision)} R={fmt(prf.recall)} F1={fmt(prf.f1)} macro-F1={fmt(prf.macro_f1)}"
    )


# ---------------------------------------------------------------------------------------------------
# 1. the coded sample


def target_prf(gold_rows: Sequence[str], predicted_rows: Sequence[str], canonical) -> PRF:
    """Micro-averaged target matching (``targets_match``: either names the other, case-folded, or both
    canonicalise to the same actor); each gold target is matched at most once per sentence."""
    tp, fp, fn = target_counts(
        [split_targets(value) for value in gold_rows],
        [split_targets(value) for value in predicted_rows],
        canonical,
    )
    return PRF(tp, fp, fn)


def print_targets(label: str, sample, scored: list[Scored], rows: list[int], canonical) -> None:
    both = [i for i in rows if int(sample["blame"].iloc[i]) and scored[i].values.get("blame")]
    prf = target_prf(
        [sample["blame_targets"].iloc[i] for i in rows],
        [scored[i].values.get("blame_targets", "") for i in rows],
        canonical,
    )
    print(
        f"  {label:<14} gold={prf.tp + prf.fn} predicted={prf.tp + prf.fp} P={fmt(prf.precision)} "
        f"R={fmt(prf.recall)} F1={fmt(prf.f1)} (sentences blamed in both: {len(both)})"
    )


def section_coded(errors: str | None) -> None:
    print("== 1. hand-coded sample (coder_a; docs/codebook.md) ==")
    try:
        sample = load_coded_sample()
    except (DatasetUnavailable, FileNotFoundError, ValueError) as error:
        print(f"  skipped: {error}")
        return
    scored = score_texts(sample["text"])
    columns = set(scored[0].values) if scored else set()
    print(
        f"  items coded: {len(sample)} ({', '.join(f'{k} {v}' for k, v in sample['split'].value_counts().items())})"
    )
    for split in ("dev", "heldout"):
        rows = [i for i, s in enumerate(sample["split"]) if s == split]
        print(f" [{split}] n={len(rows)} rules only")
        if not rows:
            print("  no items coded yet")
            continue
        for dimension in CODED_DIMENSIONS:
            if dimension not in columns:
                print(f"  {dimension:<14} skipped: no annotator writes this column yet")
                continue
            gold = [bool(int(sample[dimension].iloc[i])) for i in rows]
            predicted = [bool(scored[i].values.get(dimension)) for i in rows]
            print_prf(dimension, confusion(gold, predicted), len(rows))
        if "blame_targets" in columns:
            print_targets("blame targets", sample, scored, rows, actor_index(MATCH_CONFIG).canonical)
        else:
            print("  blame targets  skipped: no annotator writes blame_targets yet")
    section_coded_models(sample)
    if errors:
        show_errors(sample, scored, errors)


def section_coded_models(sample) -> None:
    """Blame and blame targets with the classifiers on: as the analysis runs by default (the blame
    cues decide; the target model names the actor of accusations the rules could not name) and with
    ``--blame-model`` (the blame model may also flag sentences without a cue)."""
    from framing.classifiers.models import shipped_model_path

    if shipped_model_path("blame") is None:
        print(" rules + models skipped: no shipped blame model (run: framing train --defaults)")
        return
    for label, config in (
        ("classifiers on (default)", MODELS_CONFIG),
        ("classifiers on, --blame-model", BLAME_MODEL_CONFIG),
    ):
        print(f" {label} (the blame and target models were trained on the dev split)")
        scored = score_texts(sample["text"], config)
        canonical = actor_index(MATCH_CONFIG).canonical
        for split, note in (("dev", "in-sample"), ("heldout", "")):
            rows = [i for i, s in enumerate(sample["split"]) if s == split]
            if not rows:
                continue
            print(f" [{split}{', ' + note if note else ''}] n={len(rows)} {label}")
            gold = [bool(int(sample["blame"].iloc[i])) for i in rows]
            predicted = [bool(scored[i].values.get("blame")) for i in rows]
            print_prf("blame", confusion(gold, predicted), len(rows))
            print_targets("blame targets", sample, scored, rows, canonical)


def show_errors(sample, scored: list[Scored], dimension: str) -> None:
    """Print dev-split disagreements for one dimension, with the cues behind each prediction."""
    cue_dimension = {"hedged_figure": "hedge", "blame": "blame"}.get(dimension, dimension)
    print(f" errors on dev for {dimension} (heldout items are never shown)")
    for i, row in sample.iterrows():
        if row["split"] != "dev" or dimension not in scored[i].values:
            continue
        gold, predicted = bool(int(row[dimension])), bool(scored[i].values[dimension])
        if gold == predicted:
            continue
        cues = [f"{c['category']}:{c['text']}" for c in scored[i].cues if c["dimension"] == cue_dimension]
        kind = "FN" if gold else "FP"
        print(f"  {kind} {row['item_id']} {' | '.join(cues)}\n      {' '.join(row['text'].split())[:400]}")


# ---------------------------------------------------------------------------------------------------
# 2. BABE


def covered_share(text: str, words: Sequence[str], cues: Sequence[dict], offset: int = 0) -> tuple[int, int]:
    """How many of ``words`` (found in ``text``, case-folded) overlap an evaluative cue."""
    spans = [(c["start"] - offset, c["end"] - offset) for c in cues if c["dimension"] == "evaluative"]
    lowered = text.lower()
    found = covered = 0
    for word in words:
        word = word.strip().lower()
        position = lowered.find(word) if word else -1
        if position < 0:
            continue
        found += 1
        end = position + len(word)
        if any(start < end and position < stop for start, stop in spans):
            covered += 1
    return covered, found


def _babe_half():
    """``babe_half`` from tools/lexicon_candidates.py (the tools folder is not a package)."""
    path = Path(__file__).resolve().parents[1] / "tools" / "lexicon_candidates.py"
    spec = importlib.util.spec_from_file_location("lexicon_candidates", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.babe_half


def _babe_figures(label: str, babe, scored: Sequence[Scored]) -> None:
    gold = [value == "Biased" for value in babe["label_bias"]]
    predicted = [bool(s.values.get("evaluative")) for s in scored]
    print_prf(label, confusion(gold, predicted), len(babe))
    covered = found = 0
    for text, words, result, is_biased in zip(babe["text"], babe["biased_words"], scored, gold, strict=True):
        if is_biased:
            c, f = covered_share(text, words, result.cues)
            covered, found = covered + c, found + f
    share = covered / found if found else float("nan")
    print(f"  {'':<14} biased words covered by an evaluative cue: {covered}/{found} = {fmt(share)}")


def section_babe() -> None:
    print("== 2. BABE SG2: biased = has an evaluative cue ==")
    try:
        babe = load_babe("SG2")
    except DatasetUnavailable as error:
        print(f"  skipped: {error}")
        return
    babe = babe[babe["label_bias"] != "No agreement"].reset_index(drop=True)
    scored = score_texts(babe["text"])
    if scored and "evaluative" not in scored[0].values:
        print("  skipped: no annotator writes the evaluative column")
        return
    babe_half = _babe_half()
    halves = [babe_half(text) for text in babe["text"]]
    rows = [i for i, half in enumerate(halves) if half == "eval"]
    print("  eval half (not used to grow the lexicon; the figure to report):")
    _babe_figures("biased [eval]", babe.iloc[rows].reset_index(drop=True), [scored[i] for i in rows])
    print("  all of SG2 (for reference only: the growth half was used to grow the lexicon):")
    _babe_figures("biased [all]", babe, scored)


# ---------------------------------------------------------------------------------------------------
# 3. the sentence decisions: rules, model, final


@dataclass(frozen=True)
class Decisions:
    """Gold labels and the three decisions of one dimension on one data set."""

    gold: list[bool]
    rules: list[bool]
    model: list[bool]
    final: list[bool]
    note: str


def _shipped_spec(name: str):
    from framing.classifiers.shipped import SPECS

    return next((spec for spec in SPECS if spec.name == name), None)


def _spec_params(spec) -> dict:
    return dict(getattr(spec, "params", None) or {})


def _decide_all(rules, probability, info) -> list[bool]:
    from framing.classifiers.train import combine

    threshold = float(info.get("threshold", 0.5))
    policy = str(info.get("policy", "rule_or_model"))
    rule_threshold = float(info.get("rule_threshold", 0.0))
    decided = combine(np.asarray(rules, dtype=int), np.asarray(probability), threshold, policy, rule_threshold)
    return [bool(v) for v in decided]


def _source_of(labels, name: str):
    return labels["source"] if "source" in labels.columns else [name] * len(labels)


def decisions_on(dimension: str, dataset: str, labels) -> Decisions | None:
    """Rules, model (p >= 0.5) and final decision of ``dimension`` on ``labels`` (text, label).

    When the shipped model's training data include ``dataset`` (its spec in
    ``framing.classifiers.shipped`` names it in the ``source`` column), the model's probabilities are
    out-of-fold: the spec's data are cross-validated (5 folds, grouped by article_id, seed 0, the
    spec's settings) and the rows of ``dataset`` are kept. Otherwise the shipped model is applied as
    it is (the data were never trained on).
    """
    from framing.classifiers.features import annotate_texts
    from framing.classifiers.models import load_shipped, model_info, shipped_model_path
    from framing.classifiers.train import out_of_fold, rule_decision

    if shipped_model_path(dimension) is None:
        print(f"  {dimension}: no shipped model (run: framing train --defaults)")
        return None
    model = load_shipped(dimension)
    info = model_info(model)
    spec = _shipped_spec(dimension)
    spec_labels = spec.labels() if spec is not None else None
    trained_on = spec_labels is not None and dataset in set(_source_of(spec_labels, dimension))
    if trained_on:
        spec_labels = spec_labels.reset_index(drop=True)
        texts = annotate_texts(spec_labels["text"].tolist())
        proba, classes = out_of_fold(
            texts,
            spec_labels["label"].astype(int).tolist(),
            groups=spec_labels["article_id"].astype(str).tolist(),
            folds=5,
            seed=0,
            n_jobs=1,
            **_spec_params(spec),
        )
        keep = [i for i, s in enumerate(_source_of(spec_labels, dimension)) if s == dataset]
        texts = [texts[i] for i in keep]
        gold = [bool(int(spec_labels["label"].iloc[i])) for i in keep]
        probability = proba[keep, classes.index(1)]
        note = f"5-fold CV over the model's training data (grouped by article_id), rows of {dataset}"
    else:
        texts = annotate_texts(labels["text"].tolist())
        gold = [bool(int(v)) for v in labels["label"]]
        probability = model.predict_proba(texts)[:, [str(c) for c in model.classes_].index("1")]
        note = "shipped model applied; never trained on"
    rules = [bool(rule_decision(dimension, t)) for t in texts]
    return Decisions(gold, rules, [bool(p >= 0.5) for p in probability], _decide_all(rules, probability, info), note)


def _conll_labels():
    import pandas as pd

    from framing.reading.datasets import require

    path = require(Path("conll2010_wiki") / "train.csv")
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    return pd.DataFrame({"text": rows["sentence"], "label": (rows["label"].str.strip() == "-1").astype(int)})


def print_decisions(label: str, decisions: Decisions, figures: Sequence[str]) -> None:
    print(f"  {label} ({decisions.note}), n={len(decisions.gold)}, gold+={sum(decisions.gold)}")
    for name in ("rules", "model", "final"):
        prf = confusion(decisions.gold, getattr(decisions, name))
        accuracy = (prf.tp + prf.tn) / len(decisions.gold) if decisions.gold else float("nan")
        parts = {
            "P": fmt(prf.precision),
            "R": fmt(prf.recall),
            "F1": fmt(prf.f1),
            "macro-F1": fmt(prf.macro_f1),
            "accuracy": fmt(accuracy),
        }
        print(f"    {name:<6} " + " ".join(f"{k}={parts[k]}" for k in figures))


def _missing(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def coded_decisions(dimension: str, sample, *, outside_babe: bool = False) -> Decisions | None:
    """Rules, model and final decision on the coded sample's held-out split, as the analysis runs
    (rules: classifiers off; model: p >= 0.5 with the classifiers on; final: the column with them on)."""
    rows = [
        i
        for i, s in enumerate(sample["split"])
        if s == "heldout"
        and not _missing(sample[dimension].iloc[i])
        and not (outside_babe and sample["dataset"].iloc[i] == "babe")
    ]
    if not rows:
        return None
    texts = [sample["text"].iloc[i] for i in rows]
    rules_scored = score_texts(texts)
    model_scored = score_texts(texts, MODELS_CONFIG)
    probability = [s.values.get(f"p_{dimension}", float("nan")) for s in model_scored]
    note = "held-out split" + (", PolNeAR and BASIL items only" if outside_babe else "")
    return Decisions(
        [bool(int(sample[dimension].iloc[i])) for i in rows],
        [bool(s.values.get(dimension)) for s in rules_scored],
        [bool(p == p and p >= 0.5) for p in probability],
        [bool(s.values.get(dimension)) for s in model_scored],
        note,
    )


def section_decisions() -> None:
    print("== 3. sentence decisions: rules (cues alone), model (p >= 0.5), final (as the analysis decides) ==")
    try:
        conll = _conll_labels()
    except DatasetUnavailable as error:
        print(f"  hedge on CoNLL-2010 skipped: {error}")
    else:
        print(" hedge on CoNLL-2010 Wikipedia train.csv (uncertain = hedge):")
        decisions = decisions_on("hedge", "conll", conll)
        if decisions:
            print_decisions("CoNLL", decisions, ("P", "R", "F1", "accuracy"))
    try:
        checkthat = load_checkthat("dev")
    except DatasetUnavailable as error:
        print(f"  evaluative on CheckThat! dev skipped: {error}")
    else:
        print(" evaluative on CheckThat! English dev_en.tsv (SUBJ = evaluative; never trained on):")
        labels = checkthat.assign(label=(checkthat["label"] == "SUBJ").astype(int))
        decisions = decisions_on("evaluative", "checkthat-dev", labels)
        if decisions:
            print_decisions("CheckThat dev", decisions, ("P", "R", "F1", "macro-F1"))
        print("  published baseline macro-F1: 0.63")
    try:
        sample = load_coded_sample()
        first_codes = load_coded_sample(recoded=False)
    except (DatasetUnavailable, FileNotFoundError, ValueError) as error:
        print(f"  coded sample skipped: {error}")
        return
    for dimension in ("hedge", "evaluative"):
        print(f" {dimension} on the coded sample (coder_a):")
        decisions = coded_decisions(dimension, sample)
        if decisions:
            print_decisions("coded (codebook v1.2: annotations/recodes.csv applied)", decisions, ("P", "R", "F1", "macro-F1"))
        if dimension == "hedge":
            decisions = coded_decisions(dimension, first_codes)
            if decisions:
                print_decisions("coded (v1 codes, as first coded)", decisions, ("P", "R", "F1", "macro-F1"))
        if dimension == "evaluative":
            decisions = coded_decisions(dimension, sample, outside_babe=True)
            if decisions:
                print_decisions("coded (BABE items are in the model's training data)", decisions, ("P", "R", "F1", "macro-F1"))


# ---------------------------------------------------------------------------------------------------
# 4. throughput


def seeds_dir() -> Path:
    shared = os.environ.get("FRAMING_SHARED")
    base = Path(shared) if shared else Path(__file__).resolve().parents[2] / "shared"
    return base / "corpus" / "seeds"


def section_speed(repeat: int = 200) -> None:
    print(f"== 4. annotator throughput on the seed articles x{repeat} ==")
    from framing.reading.boilerplate import Boilerplate
    from framing.reading.text import read_text_article

    paths = sorted(seeds_dir().glob("*.txt"))
    if not paths:
        print(f"  skipped: no seed articles in {seeds_dir()}")
        return
    rules = Boilerplate.load(None)
    articles = [read_text_article(p.read_text(encoding="utf-8"), source=str(p), rules=rules) for p in paths]
    docs = [Doc(article=a, sentences=segment(a, punkt(None))) for a in articles]
    n_sentences = sum(len(d.sentences) for d in docs) * repeat
    from framing.annotation import evaluative, hedging

    for annotator in (hedging.build(CONFIG), evaluative.build(CONFIG)):
        started = time.perf_counter()
        for _ in range(repeat):
            for doc in docs:
                doc.cues.clear()
                annotator(doc)
        elapsed = time.perf_counter() - started
        print(f"  {annotator.name:<11} {n_sentences} sentences in {elapsed:.2f} s = {n_sentences / elapsed:,.0f} sentences/s")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "sections", nargs="*", help=f"sections to run, of {', '.join(SECTIONS)} (default: all)"
    )
    parser.add_argument("--errors", metavar="DIMENSION", help="list dev-split errors for one coded dimension")
    args = parser.parse_args(argv)
    sections = args.sections or SECTIONS
    unknown = sorted(set(sections) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    if "coded" in sections:
        section_coded(args.errors)
    if "babe" in sections:
        section_babe()
    if "decisions" in sections:
        section_decisions()
    if "speed" in sections:
        section_speed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
