"""Rebuilding the shipped models from the research datasets and the coded sample, reproducibly.

``framing train --defaults`` (and ``make models``) calls :func:`build_defaults`: every model (the
blame target model too, :func:`framing.classifiers.targets.build_target_model`, and the relation
model, :func:`framing.classifiers.relations.build_relation_model`) is
trained with a fixed seed on fixed data (see :data:`SPECS` and :mod:`framing.classifiers.data`), written
to ``framing/models/NAME.skops`` and listed in ``MANIFEST.tsv`` with its training data, n, its
cross-validated (or held-out, for stance) figure and the file's sha256.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from framing.classifiers import data
from framing.classifiers.models import (
    BLAME_TARGET,
    RELATIONS,
    SHIPPED,
    STANCE,
    ManifestEntry,
    models_dir,
    read_manifest,
    save_model,
    sha256,
    write_manifest,
)
from framing.classifiers.train import POLICIES, Scores, retune_decision, train_model

SEED = 0
FOLDS = 5
POLNEAR_MAX_DOCS = 300  # of 840 training articles (about 11,000 sentences): keeps training near a minute


@dataclass(frozen=True)
class Spec:
    name: str
    training_data: str
    labels: Callable[[], pd.DataFrame]
    # labels the decision policy and threshold are chosen on instead of the training folds, when the
    # training data codes something close to but not the codebook's definition (BABE's "biased")
    decision_labels: Callable[[], pd.DataFrame] | None = None
    decision_data: str = ""
    # the decision policies to choose among (framing.classifiers.train): for hedge and evaluative only
    # ``rule_or_model``, the cues stand: trained mostly on other genres and definitions (Wikipedia's
    # uncertainty, BABE's bias, CheckThat!'s subjectivity), the models overrule clear news cues
    # ("brutal offensive", "has not confirmed") when allowed to
    policies: tuple[str, ...] = POLICIES


def coded_evaluative_outside_babe(split: str = "dev") -> pd.DataFrame:
    """The coded sample's evaluative codes, without its BABE items (those sentences are in the
    evaluative model's training data)."""
    labels = data.coded_labels("evaluative", split)
    return labels[labels["dataset"] != "babe"].reset_index(drop=True)


def _evaluative() -> pd.DataFrame:
    return pd.concat(
        [data.babe_labels("SG2"), data.checkthat_labels("train"), coded_evaluative_outside_babe("dev")],
        ignore_index=True,
    )[["text", "label", "article_id", "source"]]


def _hedge() -> pd.DataFrame:
    return pd.concat([data.coded_labels("hedge", "dev"), data.conll_labels()], ignore_index=True)[
        ["text", "label", "article_id", "source"]
    ]


SPECS = (
    Spec(
        "evaluative",
        "BABE SG2 (Biased=1) + CheckThat! train (SUBJ=1) + coded sample, dev split, coder_a, PolNeAR and BASIL items",
        _evaluative,
        policies=("rule_or_model",),
    ),
    Spec(
        "reported",
        f"PolNeAR train, {POLNEAR_MAX_DOCS} articles drawn with seed {SEED} (sentence overlaps an attribution)",
        lambda: data.polnear_labels("train", max_docs=POLNEAR_MAX_DOCS, seed=SEED),
    ),
    Spec("blame", "coded sample, dev split, coder_a", lambda: data.coded_labels("blame", "dev")),
    Spec(
        "hedge",
        "coded sample, dev split, coder_a + CoNLL-2010 Wikipedia train.csv (uncertain=1)",
        _hedge,
        policies=("rule_or_model",),
    ),
)
STANCE_DATA = "NewsMTSC train.jsonl, 80% by sentence (seed 0); figure on the other 20%"


def train_stance_model(train: pd.DataFrame, *, seed: int = SEED, **params):
    """Fit the stance pipeline on rows with text, start, end and label."""
    from framing.classifiers.stance import mark_target, stance_pipeline

    marked = [mark_target(r.text, int(r.start), int(r.end)) for r in train.itertuples()]
    model = stance_pipeline(seed=seed, **params)
    model.fit(marked, train["label"].tolist())
    return model


def evaluate_stance(model, rows: pd.DataFrame) -> Scores:
    from framing.classifiers.stance import mark_target

    marked = [mark_target(r.text, int(r.start), int(r.end)) for r in rows.itertuples()]
    predicted = model.predict(marked)
    return Scores.of(rows["label"].tolist(), list(predicted), sorted(set(rows["label"])))


def build_defaults(
    out_dir: str | Path | None = None, *, log: Callable[[str], None] = print, only: Sequence[str] | None = None
) -> list[ManifestEntry]:
    """Train and write every shipped model (or those named in ``only``, keeping the manifest's other
    entries); returns the manifest entries (also written)."""
    out = Path(out_dir or models_dir())
    out.mkdir(parents=True, exist_ok=True)
    wanted = set(only) if only else set(SHIPPED)
    unknown = sorted(wanted - set(SHIPPED))
    if unknown:
        raise ValueError(f"no shipped model named {', '.join(unknown)}; choose from {', '.join(SHIPPED)}")
    entries = [e for e in read_manifest(out) if e.name not in wanted]
    for spec in SPECS:
        if spec.name not in wanted:
            continue
        labels = spec.labels()
        log(f"== {spec.name}: {spec.training_data}")
        model, report = train_model(
            labels,
            dimension=spec.name,
            folds=FOLDS,
            seed=SEED,
            source=spec.training_data,
            n_jobs=1,
            policies=spec.policies,
        )
        log(report.format())
        if spec.decision_labels is not None:
            info = retune_decision(model, spec.decision_labels(), dimension=spec.name, source=spec.decision_data)
            log(f"decision chosen on {spec.decision_data} (n={info['decision_n']}): "
                f"policy {info['policy']}, threshold {info['threshold']:.2f}")
        path = save_model(model, out / f"{spec.name}.skops")
        entries.append(
            ManifestEntry(
                name=spec.name,
                file=path.name,
                dimension=spec.name,
                training_data=spec.training_data,
                n=report.n,
                figure=f"{FOLDS}-fold CV macro-F1 (grouped by article)",
                value=report.model.macro_f1,
                sha256=sha256(path),
            )
        )
    if STANCE in wanted:
        entries.append(_build_stance(out, log))
    if BLAME_TARGET in wanted:
        from framing.classifiers.targets import TARGET_DATA, build_target_model

        log(f"== {BLAME_TARGET}: {TARGET_DATA}")
        path, report, n = build_target_model(out, log=log)
        figure = f"{FOLDS}-fold CV target F1 (grouped by article; items coded as blaming)"
        entries.append(ManifestEntry(BLAME_TARGET, path.name, BLAME_TARGET, TARGET_DATA, n, figure, report.coded[2], sha256(path)))
    if RELATIONS in wanted:
        entries.append(_build_relations(out, log))
    write_manifest(entries, out)
    from framing.classifiers.fast_files import write_fast_files

    write_fast_files(out, log=log)  # the fast files must match the skops files just written
    return entries


def _build_relations(out: Path, log: Callable[[str], None]) -> ManifestEntry:
    from framing.classifiers.relations import TRAINING_DATA, build_relation_model
    from framing.reading.datasets import DatasetUnavailable, data_dir

    dse = data_dir() / "dse"
    if not (dse / "train.tsv").is_file():
        raise DatasetUnavailable(f"no DSE data at {dse} (set FRAMING_DATA_DIR)")
    log(f"== {RELATIONS}: {TRAINING_DATA}")
    path, scores, n = build_relation_model(out, dse, log=log, folds=FOLDS, seed=SEED)
    figure = f"{FOLDS}-fold CV five-class macro-F1 (grouped by sentence)"
    return ManifestEntry(RELATIONS, path.name, RELATIONS, TRAINING_DATA, n, figure, scores.macro_f1, sha256(path))


def _build_stance(out: Path, log: Callable[[str], None]) -> ManifestEntry:
    train, heldout = data.newsmtsc_split()
    log(f"== stance: {STANCE_DATA}")
    model = train_stance_model(train)
    scores = evaluate_stance(model, heldout)
    model.framing_info_ = {
        "dimension": "stance",
        "classes": [str(c) for c in model.classes_],
        "binary": False,
        "training_data": STANCE_DATA,
        "n": len(train),
        "heldout_macro_f1": round(scores.macro_f1, 4),
    }
    log(f"held-out ({len(heldout)} targets)\n{scores.format()}")
    path = save_model(model, out / "stance.skops")
    return ManifestEntry("stance", path.name, "stance", STANCE_DATA, len(train), "held-out macro-F1", scores.macro_f1, sha256(path))
