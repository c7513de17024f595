"""Training a sentence model from a label file, with cross-validated figures anyone can rerun.

A label file is a CSV with the columns ``text`` and ``label`` (0/1, or class names), and optionally
``article_id``: folds are then grouped by article so sentences of one article never sit on both sides.
:func:`train_model` annotates the sentences once with the rule annotators, runs stratified k-fold
cross-validation (fixed seed, two processes) to measure the pipeline, and fits the final model on all
rows. Its :class:`TrainingReport` gives per-class precision, recall and F1, macro-F1 and the confusion
matrix of the model, beside the same figures for the lexicon rules alone.

How the analysis combines rules and model, for the binary dimensions (blame, hedge, evaluative), is
chosen per model from the cross-validation's out-of-fold probabilities and travels in the model file:

- ``rule_or_model``: a sentence where the rules fire stays positive (the cue is the evidence); a
  sentence where no cue fires becomes positive when the model's probability reaches the threshold;
- ``model``: the model decides at the threshold (it has already weighed the cues as features), which
  wins when the rules fire on many sentences the coders call negative.

The policy and threshold (0.05 to 0.95 in steps of 0.05) are the pair with the best macro-F1 of the
combined decision; ties go to ``rule_or_model`` and the lower threshold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing.classifiers.errors import model_error
from framing.classifiers.features import CuedText, annotate_texts
from framing.classifiers.models import canonical_dimension, sentence_pipeline

MIN_PER_CLASS = 10
GROUP_COLUMN = "article_id"
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.05, 0.96, 0.05))
_TRUE = {"1", "true", "yes", "y"}
_FALSE = {"0", "false", "no", "n"}


# ---------------------------------------------------------------------------------------------------
# label files


def normalise_labels(values: Sequence[Any]) -> list[Any]:
    """0/1, true/false, yes/no become the ints 1 and 0; anything else stays a (stripped) string."""
    strings = [str(v).strip() for v in values]
    lowered = {s.lower() for s in strings}
    if lowered <= _TRUE | _FALSE:
        return [1 if s.lower() in _TRUE else 0 for s in strings]
    return strings


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value it holds (so messages read 1, not np.int64(1))."""
    return value.item() if hasattr(value, "item") else value


def check_labels(labels: pd.DataFrame, *, source: str = "labels", folds: int | None = None) -> pd.DataFrame:
    """Validate a label table; returns a copy with normalised labels and unlabelled rows dropped.

    Errors name ``source``: missing ``text``/``label`` columns, a single class, fewer than
    ``MIN_PER_CLASS`` examples of a class, or more folds than the smallest class has examples.
    """
    missing = [c for c in ("text", "label") if c not in labels.columns]
    if missing:
        raise model_error("labels_missing_columns", source=source, missing=", ".join(missing))
    data = labels.copy()
    data["text"] = data["text"].fillna("").astype(str)
    raw = data["label"].fillna("").astype(str).str.strip()
    data = data[(raw != "") & (data["text"].str.strip() != "")].copy()
    data["label"] = normalise_labels(raw[data.index].tolist())
    counts = data["label"].value_counts()
    if len(counts) < 2:
        only = _plain(counts.index[0]) if len(counts) else ""
        raise model_error("labels_one_class", source=source, label=only)
    for label, count in sorted(counts.items(), key=lambda kv: (kv[1], str(kv[0]))):
        if count < MIN_PER_CLASS:
            raise model_error("labels_too_few", source=source, label=_plain(label), count=count, minimum=MIN_PER_CLASS)
    if folds is not None and folds > counts.min():
        raise model_error("labels_folds", source=source, folds=folds, count=int(counts.min()))
    return data.reset_index(drop=True)


def read_labels(path: str | Path, *, folds: int | None = None) -> pd.DataFrame:
    """Read and validate a label CSV (see :func:`check_labels`); errors name the file."""
    path = Path(path)
    if not path.is_file():
        raise model_error("labels_not_found", source=path)
    try:
        labels = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise model_error("labels_unreadable", source=path, error=error) from error
    return check_labels(labels, source=str(path), folds=folds)


# ---------------------------------------------------------------------------------------------------
# the rules' decision per dimension


def rule_decision(dimension: str, text: CuedText) -> int | None:
    """What the lexicon rules alone say about a sentence, or None for a dimension they do not cover.

    blame / hedge / evaluative: the rule annotator's sentence column when it exists, else whether a
    cue of that dimension fired; reported: the sentence's voice is not the author's (else: an
    attribution cue fired).
    """
    dimension = canonical_dimension(dimension)
    values = text.values
    if dimension == "reported":
        if "voice" in values:
            return int(bool(values["voice"]) and values["voice"] != "author")
        return int(any(c.dimension == "attribution" for c in text.cues))
    if dimension in {"blame", "hedge", "evaluative"}:
        if dimension in values and values[dimension] is not None:
            try:
                return int(float(values[dimension]) > 0)
            except (TypeError, ValueError):
                return int(bool(values[dimension]))
        return int(any(c.dimension == dimension for c in text.cues))
    return None


POLICIES = ("rule_or_model", "model")


def combine(rule: np.ndarray, probability: np.ndarray, threshold: float, policy: str = "rule_or_model") -> np.ndarray:
    """The final decision. ``rule_or_model``: positive when the rules fire, or when p >= threshold;
    ``model``: positive when p >= threshold (the model has already weighed the cues as features)."""
    if policy == "model":
        return (probability >= threshold).astype(int)
    return ((rule == 1) | (probability >= threshold)).astype(int)


def decide(rule: int, probability: float, threshold: float, policy: str) -> tuple[int, str]:
    """One sentence's final decision and the path that decided it: ``rule`` (cues fired, the model did
    not reach the threshold but the rule stands), ``model`` (no cue fired, the model reached the
    threshold), ``rule+model`` (both), ``overruled`` (cues fired, the model's probability is below the
    threshold under the ``model`` policy), or "" (negative on both paths). Under the ``rule`` policy the
    model only reports its probability: the rules decide alone."""
    if probability != probability or policy == "rule":  # NaN: no model; "rule": the model only reports
        return rule, "rule" if rule else ""
    model = probability >= threshold
    if rule and model:
        return 1, "rule+model"
    if model:
        return 1, "model"
    if rule:
        return (1, "rule") if policy == "rule_or_model" else (0, "overruled")
    return 0, ""


# ---------------------------------------------------------------------------------------------------
# figures


@dataclass(frozen=True)
class ClassScores:
    label: Any
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Scores:
    """Per-class precision/recall/F1, macro-F1, accuracy and the confusion matrix (rows: true)."""

    labels: tuple
    per_class: tuple[ClassScores, ...]
    macro_f1: float
    accuracy: float
    confusion: tuple[tuple[int, ...], ...]
    n: int

    @classmethod
    def of(cls, y_true: Sequence, y_pred: Sequence, labels: Sequence) -> Scores:
        from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

        labels = list(labels)
        p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
        per_class = tuple(
            ClassScores(lab, float(pi), float(ri), float(fi), int(si))
            for lab, pi, ri, fi, si in zip(labels, p, r, f, s, strict=True)
        )
        matrix = confusion_matrix(y_true, y_pred, labels=labels)
        return cls(
            labels=tuple(labels),
            per_class=per_class,
            macro_f1=float(np.mean(f)),
            accuracy=float(accuracy_score(y_true, y_pred)),
            confusion=tuple(tuple(int(v) for v in row) for row in matrix),
            n=len(y_true),
        )

    def format(self) -> str:
        width = max(8, *(len(str(lab)) + 2 for lab in self.labels))
        lines = [f"{'class':<{width}}{'precision':>10}{'recall':>8}{'F1':>8}{'n':>7}"]
        for c in self.per_class:
            lines.append(f"{str(c.label):<{width}}{c.precision:>10.3f}{c.recall:>8.3f}{c.f1:>8.3f}{c.support:>7}")
        lines.append(f"macro-F1 {self.macro_f1:.3f}   accuracy {self.accuracy:.3f}   n {self.n}")
        lines.append("confusion matrix (rows: true class, columns: predicted)")
        lines.append(" " * width + "".join(f"{str(lab):>10}" for lab in self.labels))
        for lab, row in zip(self.labels, self.confusion, strict=True):
            lines.append(f"{str(lab):<{width}}" + "".join(f"{v:>10}" for v in row))
        return "\n".join(lines)


@dataclass(frozen=True)
class TrainingReport:
    """The cross-validated figures of a trained model."""

    dimension: str
    source: str
    n: int
    folds: int
    grouped_by: str  # "" when folds are not grouped
    model: Scores  # the model's own decision (p >= 0.5, or the most probable class)
    lexicon: Scores | None  # the rules alone; None for a dimension the rules do not cover
    combined: Scores | None  # rules + model at ``threshold`` (binary dimensions)
    threshold: float | None
    policy: str
    seed: int
    notes: tuple[str, ...] = field(default=())

    def format(self) -> str:
        grouping = f", grouped by {self.grouped_by}" if self.grouped_by else ""
        lines = [f"{self.dimension}: {self.n} labelled sentences from {self.source}"]
        lines.append(f"stratified {self.folds}-fold cross-validation{grouping}, seed {self.seed}")
        lines += list(self.notes)
        lines += ["", "model (cues + word and character n-grams)", self.model.format()]
        if self.lexicon is not None:
            lines += ["", "lexicon rules alone", self.lexicon.format()]
        if self.combined is not None and self.threshold is not None:
            how = "a cue fires, or p >=" if self.policy == "rule_or_model" else "p >="
            lines += [
                "",
                f"final decision, policy {self.policy} (positive when {how} {self.threshold:.2f}; "
                "policy and threshold chosen on these folds)",
                self.combined.format(),
            ]
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------
# training


def _splitter(y: np.ndarray, groups: np.ndarray | None, folds: int, seed: int):
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    if groups is not None:
        return StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed).split(
            np.zeros(len(y)), y, groups
        )
    return StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y)


def _fit_predict(factory_params: dict, texts: list, y: np.ndarray, train: np.ndarray, test: np.ndarray):
    model = sentence_pipeline(**factory_params)
    model.fit([texts[i] for i in train], y[train])
    return test, model.predict_proba([texts[i] for i in test]), list(model.classes_)


def out_of_fold(
    texts: Sequence[str],
    y: Sequence,
    *,
    groups: Sequence | None = None,
    folds: int = 5,
    seed: int = 0,
    n_jobs: int = 2,
    **pipeline_params,
) -> tuple[np.ndarray, list]:
    """Out-of-fold class probabilities of ``sentence_pipeline(**pipeline_params)`` (rows follow ``texts``)."""
    from joblib import Parallel, delayed

    texts = list(texts)
    y = np.asarray(y)
    groups_array = np.asarray(groups) if groups is not None else None
    params = {"seed": seed, **pipeline_params}
    results = Parallel(n_jobs=n_jobs)(
        delayed(_fit_predict)(params, texts, y, train, test) for train, test in _splitter(y, groups_array, folds, seed)
    )
    classes = sorted(set(y.tolist()), key=str)
    proba = np.zeros((len(texts), len(classes)))
    for test, p, fold_classes in results:
        for j, label in enumerate(fold_classes):
            proba[test, classes.index(label)] = p[:, j]
    return proba, classes


def choose_policy(
    y: np.ndarray, rule: np.ndarray, probability: np.ndarray, policies: Sequence[str] = POLICIES
) -> tuple[str, float]:
    """The (policy, threshold) maximising the macro-F1 of ``combine`` (first policy, lowest t on ties)."""
    from sklearn.metrics import f1_score

    best = (-1.0, policies[0], 0.5)
    for policy in policies:
        for t in THRESHOLDS:
            score = f1_score(y, combine(rule, probability, t, policy), average="macro", zero_division=0)
            if score > best[0] + 1e-12:
                best = (score, policy, float(t))
    return best[1], best[2]


def _groups(labels: pd.DataFrame, folds: int) -> tuple[np.ndarray | None, list[str]]:
    if GROUP_COLUMN not in labels.columns:
        return None, []
    groups = labels[GROUP_COLUMN].fillna("").astype(str)
    # rows without an article are their own group
    groups = groups.where(groups != "", "row-" + pd.Series(range(len(groups)), index=groups.index).astype(str))
    if groups.nunique() < folds:
        return None, [f"note: only {groups.nunique()} distinct {GROUP_COLUMN} values; folds not grouped"]
    return groups.to_numpy(), []


def train_model(
    labels: pd.DataFrame,
    *,
    dimension: str,
    folds: int = 5,
    seed: int = 0,
    source: str = "labels",
    n_jobs: int = 2,
    texts: Sequence[CuedText] | None = None,
    **pipeline_params,
):
    """Cross-validate and fit a sentence model; returns ``(model, TrainingReport)``.

    ``labels``: a DataFrame with ``text`` and ``label`` (and optionally ``article_id``), validated by
    :func:`check_labels`. ``texts``: the rows already annotated (``CuedText``), to skip annotation.
    ``pipeline_params`` go to :func:`~framing.classifiers.models.sentence_pipeline`.
    """
    if folds < 2:
        raise model_error("bad_folds", folds=folds)
    dimension = canonical_dimension(dimension)
    if texts is None:
        data = check_labels(labels, source=source, folds=folds)
        texts = annotate_texts(data["text"].tolist())
    else:
        data = check_labels(labels, source=source, folds=folds)
        if len(texts) != len(data):
            raise ValueError("texts must match the labelled rows one to one (no empty text or label)")
    texts = list(texts)
    y = np.asarray(data["label"].tolist())
    groups, notes = _groups(data, folds)
    proba, classes = out_of_fold(texts, y, groups=groups, folds=folds, seed=seed, n_jobs=n_jobs, **pipeline_params)
    predicted = np.asarray(classes, dtype=object)[proba.argmax(axis=1)]
    model_scores = Scores.of(y.tolist(), predicted.tolist(), classes)

    binary = classes == [0, 1]
    rules = [rule_decision(dimension, t) for t in texts]
    has_rule = binary and all(r is not None for r in rules)
    lexicon = combined = threshold = None
    if has_rule:
        rule = np.asarray(rules, dtype=int)
        lexicon = Scores.of(y.tolist(), rule.tolist(), classes)
    policy = "model"
    if binary:
        rule = np.asarray(rules, dtype=int) if has_rule else np.zeros(len(y), dtype=int)
        policy, threshold = choose_policy(y, rule, proba[:, 1], POLICIES if has_rule else ("model",))
        if has_rule:
            combined = Scores.of(y.tolist(), combine(rule, proba[:, 1], threshold, policy).tolist(), classes)

    model = sentence_pipeline(seed=seed, **pipeline_params)
    model.fit(texts, y)
    report = TrainingReport(
        dimension=dimension,
        source=source,
        n=len(y),
        folds=folds,
        grouped_by=GROUP_COLUMN if groups is not None else "",
        model=model_scores,
        lexicon=lexicon,
        combined=combined,
        threshold=threshold,
        policy=policy,
        seed=seed,
        notes=tuple(notes),
    )
    model.framing_info_ = info_for(report, classes)
    return model, report


def retune_decision(model, labels: pd.DataFrame, *, dimension: str, source: str) -> dict[str, Any]:
    """Choose the model's decision policy and threshold again on other labelled sentences (e.g. a model
    trained on one definition of a code, used under the codebook's); updates ``framing_info_``."""
    data = check_labels(labels, source=source)
    texts = annotate_texts(data["text"].tolist())
    y = np.asarray(data["label"].tolist())
    rule = np.asarray([rule_decision(dimension, t) or 0 for t in texts], dtype=int)
    probability = model.predict_proba(texts)[:, list(model.classes_).index(1)]
    policy, threshold = choose_policy(y, rule, probability)
    info = dict(getattr(model, "framing_info_", {}))
    info.update(policy=policy, threshold=threshold, decision_data=source, decision_n=len(y))
    model.framing_info_ = info
    return info


def info_for(report: TrainingReport, classes: list) -> dict[str, Any]:
    """The metadata stored in a model file (plain strings and numbers only)."""
    from framing import __version__

    info: dict[str, Any] = {
        "dimension": report.dimension,
        "classes": [str(c) for c in classes],
        "binary": classes == [0, 1],
        "threshold": float(report.threshold) if report.threshold is not None else 0.5,
        "policy": report.policy,
        "training_data": report.source,
        "n": int(report.n),
        "cv_folds": int(report.folds),
        "cv_macro_f1": round(report.model.macro_f1, 4),
        "framing_version": __version__,
    }
    if report.lexicon is not None:
        info["lexicon_macro_f1"] = round(report.lexicon.macro_f1, 4)
    if report.combined is not None:
        info["combined_macro_f1"] = round(report.combined.macro_f1, 4)
    return info


def evaluate_model(model, texts: Sequence[CuedText], y: Sequence, *, dimension: str) -> dict[str, Scores]:
    """Figures of a trained model on held-out sentences: the model, the rules, and both combined."""
    texts = list(texts)
    y = np.asarray(normalise_labels(list(y)))
    classes = list(model.classes_)
    proba = model.predict_proba(texts)
    labels = sorted(set(classes) | set(y.tolist()), key=str)
    out = {"model": Scores.of(y.tolist(), [classes[i] for i in proba.argmax(axis=1)], labels)}
    rules = [rule_decision(dimension, t) for t in texts]
    if classes == [0, 1] and all(r is not None for r in rules):
        rule = np.asarray(rules, dtype=int)
        info = model_info(model)
        threshold, policy = float(info.get("threshold", 0.5)), str(info.get("policy", "rule_or_model"))
        out["lexicon"] = Scores.of(y.tolist(), rule.tolist(), labels)
        out["combined"] = Scores.of(y.tolist(), combine(rule, proba[:, 1], threshold, policy).tolist(), labels)
    return out


def model_info(model) -> dict[str, Any]:
    from framing.classifiers.models import model_info as info

    return info(model)
