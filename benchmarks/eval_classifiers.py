"""Cross-validated and held-out figures of every shipped classifier, each beside its lexicon-only
baselines, on the research datasets and the team's coded sample.

    .venv/bin/python benchmarks/eval_classifiers.py            # everything (about 10 minutes, 2 cores)
    .venv/bin/python benchmarks/eval_classifiers.py --only stance

For each task it prints macro-F1 of: the model (cues + word and character n-grams, as shipped), the
cue features alone in the same classifier ("cues-only model"), the lexicon rules' own decision
("rules"), and, for blame / hedge / evaluative, the final decision the analysis makes (rules and
model combined by the policy and threshold chosen on the training folds). Settings, seeds and data
are those of ``framing train --defaults``; nothing is tuned on the evaluation parts.

Published references: BABE 5-fold CV macro-F1 0.804 (fine-tuned transformer, Spinde et al. 2021);
NewsMTSC macro-F1 0.831 (fine-tuned RoBERTa, Hamborg & Donnay 2021, on their own test split).
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
import pandas as pd

from framing.classifiers import data
from framing.classifiers.features import annotate_texts
from framing.classifiers.shipped import (
    FOLDS,
    POLNEAR_MAX_DOCS,
    SEED,
    SPECS,
    coded_evaluative_outside_babe,
    evaluate_stance,
    train_stance_model,
)
from framing.classifiers.train import (
    POLICIES,
    Scores,
    evaluate_model,
    out_of_fold,
    retune_decision,
    rule_decision,
    train_model,
)
from framing.reading.datasets import DatasetUnavailable

TASKS = ("babe", "checkthat", "coded-evaluative", "polnear", "blame", "hedge", "stance")


def shipped_spec(name: str):
    return next(spec for spec in SPECS if spec.name == name)


def line(name: str, scores: Scores | None, extra: str = "") -> None:
    if scores is None:
        print(f"  {name:<28}{'-':>8}")
        return
    f1 = " ".join(f"{c.label}:{c.f1:.3f}" for c in scores.per_class)
    print(f"  {name:<28}{scores.macro_f1:>8.3f}   per-class F1 {f1}   n={scores.n} {extra}")


def cross_validated(labels: pd.DataFrame, dimension: str, *, grouped: bool) -> None:
    texts = annotate_texts(labels["text"].tolist())
    y = labels["label"].to_numpy()
    groups = labels["article_id"].to_numpy() if grouped else None
    classes = [0, 1]
    for features, name in (("all", "model"), ("cues", "cues-only model")):
        proba, classes = out_of_fold(texts, y, groups=groups, folds=FOLDS, seed=SEED, features=features)
        line(name, Scores.of(y.tolist(), np.asarray(classes)[proba.argmax(axis=1)].tolist(), classes))
    rules = [rule_decision(dimension, t) for t in texts]
    line("rules", Scores.of(y.tolist(), rules, classes))


def held_out(
    train: pd.DataFrame,
    test: pd.DataFrame,
    dimension: str,
    *,
    decision: pd.DataFrame | None = None,
    policies: tuple[str, ...] = POLICIES,
) -> None:
    test_texts = annotate_texts(test["text"].tolist())
    train_texts = annotate_texts(train["text"].tolist())
    started = time.time()
    model, report = train_model(
        train, dimension=dimension, folds=FOLDS, seed=SEED, texts=train_texts, policies=policies, n_jobs=1
    )
    seconds = time.time() - started
    if decision is not None:
        retune_decision(model, decision, dimension=dimension, source="decision labels")
    figures = evaluate_model(model, test_texts, test["label"].tolist(), dimension=dimension)
    cues_model, _ = train_model(
        train, dimension=dimension, folds=FOLDS, seed=SEED, texts=train_texts, features="cues", n_jobs=1
    )
    cues_figures = evaluate_model(cues_model, test_texts, test["label"].tolist(), dimension=dimension)
    line("model", figures["model"], f"(training with {FOLDS}-fold CV: {seconds:.0f} s)")
    line("cues-only model", cues_figures["model"])
    line("rules", figures.get("lexicon"))
    if dimension in {"blame", "hedge", "evaluative"}:
        info = model.framing_info_
        line(f"final ({info['policy']}, t={info['threshold']:.2f})", figures.get("combined"))
    print(f"  (cross-validated on the training part: model {report.model.macro_f1:.3f})")


def run(task: str) -> None:
    if task == "babe":
        labels = data.babe_labels("SG2")
        print(f"\nevaluative: BABE SG2, {FOLDS}-fold CV grouped by article (published transformer: 0.804)")
        cross_validated(labels, "evaluative", grouped=True)
        print(f"evaluative: BABE SG2, {FOLDS}-fold CV not grouped (as usually reported)")
        cross_validated(labels, "evaluative", grouped=False)
    elif task == "checkthat":
        test = data.checkthat_labels("dev")
        print("\nevaluative: CheckThat! dev, trained on CheckThat! train")
        held_out(data.checkthat_labels("train"), test, "evaluative")
        spec = shipped_spec("evaluative")
        print(f"evaluative: CheckThat! dev, trained on {spec.training_data} (the shipped model)")
        held_out(spec.labels(), test, "evaluative", policies=spec.policies)
    elif task == "coded-evaluative":
        spec = shipped_spec("evaluative")
        print("\nevaluative (codebook definition): coded sample held-out part without BABE items, model trained on")
        print(f"{spec.training_data} (as shipped)")
        held_out(spec.labels(), coded_evaluative_outside_babe("heldout"), "evaluative", policies=spec.policies)
    elif task == "polnear":
        print(f"\nreported speech: PolNeAR dev (84 articles), trained on {POLNEAR_MAX_DOCS} PolNeAR train articles")
        train = data.polnear_labels("train", max_docs=POLNEAR_MAX_DOCS, seed=SEED)
        held_out(train, data.polnear_labels("dev"), "reported")
    elif task in {"blame", "hedge"}:
        spec = shipped_spec(task)
        train, test = spec.labels(), data.coded_labels(task, "heldout")
        print(f"\n{task}: coded sample held-out part (coder_a), trained on {spec.training_data} (n={len(train)})")
        held_out(train, test, task, policies=spec.policies)
    elif task == "stance":
        train, test = data.newsmtsc_split()
        print("\nstance: NewsMTSC, our 20% held out by sentence (seed 0; published RoBERTa on its own test set: 0.831)")
        started = time.time()
        model = train_stance_model(train)
        seconds = time.time() - started
        line("model", evaluate_stance(model, test), f"(training: {seconds:.0f} s, n_train={len(train)})")
        line("cues-only model", evaluate_stance(train_stance_model(train, features="cues"), test))
        majority = train["label"].value_counts().idxmax()
        line("majority class", Scores.of(test["label"].tolist(), [majority] * len(test), sorted(set(test["label"]))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=TASKS, action="append", help="run only these tasks (repeatable)")
    args = parser.parse_args(argv)
    try:
        for task in args.only or TASKS:
            run(task)
    except DatasetUnavailable as error:
        print(f"datasets not available: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
