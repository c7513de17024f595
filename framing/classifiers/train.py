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
  wins when the rules fire on many sentences the coders call negative;
- ``graded``: a sentence without a cue becomes positive when p reaches the threshold; a sentence where
  a cue fires stays positive unless p falls below the lower ``rule_threshold`` (the model overrules
  a cue only when it is confident): between the two others.

The policy and thresholds (0.05 to 0.95 in steps of 0.05) are those with the best macro-F1 of the
combined decision; ties go to ``rule_or_model`` and the lower threshold. When the training data come
from several data sets (a ``source`` column), the figure maximised is the mean of the data sets'
macro-F1, so each counts the same.
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
SOURCE_COLUMN = "source"  # the data set of a row: the decision weighs data sets equally, figures per source
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


POLICIES = ("rule_or_model", "model", "graded")


def combine(
    rule: np.ndarray,
    probability: np.ndarray,
    threshold: float,
    policy: str = "rule_or_model",
    rule_threshold: float = 0.0,
) -> np.ndarray:
    """The final decision. ``rule_or_model``: positive when the rules fire, or when p >= threshold;
    ``model``: positive when p >= threshold (the model has already weighed the cues as features);
    ``graded``: positive when p >= threshold, or when the rules fire and p >= rule_threshold."""
    probability = np.asarray(probability)
    if policy == "model":
        return (probability >= threshold).astype(int)
    if policy == "graded":
        return (((np.asarray(rule) == 1) & (probability >= rule_threshold)) | (probability >= threshold)).astype(int)
    return ((np.asarray(rule) == 1) | (probability >= threshold)).astype(int)


def decide(
    rule: int, probability: float, threshold: float, policy: str, rule_threshold: float = 0.0
) -> tuple[int, str]:
    """One sentence's final decision and the path that decided it: ``rule`` (cues fired, the model did
    not reach the threshold but the rule stands), ``model`` (no cue fired, the model reached the
    threshold), ``rule+model`` (both), ``overruled`` (cues fired, the model's probability is below the
    threshold under the ``model`` policy, below ``rule_threshold`` under ``graded``), or "" (negative
    on both paths). Under the ``rule`` policy the
    model only reports its probability: the rules decide alone."""
    if probability != probability or policy == "rule":  # NaN: no model; "rule": the model only reports
        return rule, "rule" if rule else ""
    model = probability >= threshold
    if rule and model:
        return 1, "rule+model"
    if model:
        return 1, "model"
    if rule:
        if policy == "rule_or_model" or (policy == "graded" and probability >= rule_threshold):
            return 1, "rule"
        return 0, "overruled"
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
    rule_threshold: float = 0.0  # under the ``graded`` policy: p below which a cue is overruled
    # per data set (``source`` column): the model's, the rules' and the final decision's figures
    by_source: tuple[tuple[str, Scores, Scores | None, Scores | None], ...] = field(default=())

    def format(self) -> str:
        grouping = f", grouped by {self.grouped_by}" if self.grouped_by else ""
        lines = [f"{self.dimension}: {self.n} labelled sentences from {self.source}"]
        lines.append(f"stratified {self.folds}-fold cross-validation{grouping}, seed {self.seed}")
        lines += list(self.notes)
        lines += ["", "model (cues + word and character n-grams)", self.model.format()]
        if self.lexicon is not None:
            lines += ["", "lexicon rules alone", self.lexicon.format()]
        if self.combined is not None and self.threshold is not None:
            how = {
                "rule_or_model": "a cue fires, or p >=",
                "graded": f"a cue fires and p >= {self.rule_threshold:.2f}, or p >=",
            }.get(self.policy, "p >=")
            lines += [
                "",
                f"final decision, policy {self.policy} (positive when {how} {self.threshold:.2f}; "
                "policy and thresholds chosen on these folds)",
                self.combined.format(),
            ]
        if self.by_source:
            lines += ["", "per source (out-of-fold): F1 of class 1 / macro-F1 / accuracy"]
            for name, model, lexicon, combined in self.by_source:
                for label, scores in (("model", model), ("rules", lexicon), ("final", combined)):
                    if scores is not None:
                        f1 = scores.per_class[-1].f1 if scores.per_class else float("nan")
                        lines.append(
                            f"  {name:<12} {label:<6} F1 {f1:.3f}  macro-F1 {scores.macro_f1:.3f}  "
                            f"accuracy {scores.accuracy:.3f}  n {scores.n}"
                        )
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
    y: np.ndarray,
    rule: np.ndarray,
    probability: np.ndarray,
    policies: Sequence[str] = ("rule_or_model", "model"),
    sources: Sequence[str] | None = None,
) -> tuple[str, float]:
    """The (policy, threshold) of :func:`choose_decision` among ``rule_or_model`` and ``model``."""
    policy, threshold, _ = choose_decision(y, rule, probability, policies, sources)
    return policy, threshold


def choose_decision(
    y: np.ndarray,
    rule: np.ndarray,
    probability: np.ndarray,
    policies: Sequence[str] = POLICIES,
    sources: Sequence[str] | None = None,
) -> tuple[str, float, float]:
    """The (policy, threshold, rule_threshold) maximising the macro-F1 of ``combine`` (first policy,
    lowest thresholds on ties; ``rule_threshold`` is 0 except under ``graded``).

    With ``sources`` (the data set of each row), the mean of the sources' macro-F1: each data set counts
    the same however many rows it has, so a large corpus of another genre cannot set the decision alone.
    """
    from sklearn.metrics import f1_score

    y = np.asarray(y)
    parts = [np.ones(len(y), dtype=bool)]
    if sources is not None and len(set(sources)) > 1:
        names = np.asarray(list(sources))
        parts = [names == name for name in sorted(set(names.tolist()))]
    best = (-1.0, policies[0], 0.5, 0.0)
    for policy in policies:
        for t in THRESHOLDS:
            lower = [x for x in THRESHOLDS if x < t] if policy == "graded" else [0.0]
            for r in lower:
                decided = combine(rule, probability, t, policy, r)
                score = float(np.mean([f1_score(y[m], decided[m], average="macro", zero_division=0) for m in parts]))
                if score > best[0] + 1e-12:
                    best = (score, policy, float(t), float(r))
    return best[1], best[2], best[3]


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
    policies: Sequence[str] = POLICIES,
    **pipeline_params,
):
    """Cross-validate and fit a sentence model; returns ``(model, TrainingReport)``.

    ``labels``: a DataFrame with ``text`` and ``label`` (and optionally ``article_id``), validated by
    :func:`check_labels`. ``texts``: the rows already annotated (``CuedText``), to skip annotation.
    ``policies``: the decision policies to choose among (see the module docstring).
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
    rule_threshold = 0.0
    sources = data[SOURCE_COLUMN].astype(str).tolist() if SOURCE_COLUMN in data.columns else None
    if binary:
        rule = np.asarray(rules, dtype=int) if has_rule else np.zeros(len(y), dtype=int)
        policy, threshold, rule_threshold = choose_decision(
            y, rule, proba[:, 1], tuple(policies) if has_rule else ("model",), sources
        )
        if has_rule:
            combined = Scores.of(
                y.tolist(), combine(rule, proba[:, 1], threshold, policy, rule_threshold).tolist(), classes
            )

    by_source = []
    if sources is not None and len(set(sources)) > 1:
        names = np.asarray(sources)
        final = combine(rule, proba[:, 1], threshold, policy, rule_threshold) if binary and threshold is not None else None
        for name in sorted(set(sources)):
            m = names == name
            yt = y[m].tolist()
            by_source.append(
                (
                    name,
                    Scores.of(yt, predicted[m].tolist(), classes),
                    Scores.of(yt, rule[m].tolist(), classes) if has_rule else None,
                    Scores.of(yt, final[m].tolist(), classes) if final is not None else None,
                )
            )

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
        rule_threshold=rule_threshold,
        by_source=tuple(by_source),
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
    policy, threshold, rule_threshold = choose_decision(y, rule, probability)
    info = dict(getattr(model, "framing_info_", {}))
    info.update(
        policy=policy, threshold=threshold, rule_threshold=rule_threshold, decision_data=source, decision_n=len(y)
    )
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
        "rule_threshold": float(report.rule_threshold),
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
        rule_threshold = float(info.get("rule_threshold", 0.0))
        out["lexicon"] = Scores.of(y.tolist(), rule.tolist(), labels)
        out["combined"] = Scores.of(
            y.tolist(), combine(rule, proba[:, 1], threshold, policy, rule_threshold).tolist(), labels
        )
    return out


def model_info(model) -> dict[str, Any]:
    from framing.classifiers.models import model_info as info

    return info(model)
