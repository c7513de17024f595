"""Stance toward a target: is a sentence negative, neutral or positive about the actor it mentions?

``stance(sentence, start, end)`` classifies the stance toward the words at ``start:end`` with the
shipped model (trained on NewsMTSC, see ``docs/models.md``) and returns a :class:`StanceResult`.

The model's input is the sentence with the target marked (:func:`mark_target`: ``⟦`` and ``⟧`` around
it). Its features mark the target four ways: word n-grams of the whole sentence with the mention
replaced by a placeholder token, n-grams of a window of words around the placeholder, every word
tagged with its side of the target (``l_``/``r_``), and counts of
the rule annotators' evaluative and blame cues and of VADER's sentiment words near the target
(:class:`TargetCueFeaturizer`). The n-grams are hashed (no vocabulary), each weighted by the model's
own TF-IDF; all mentions of a document are classified in one batch. The analysis adds one ``stance`` cue per actor mention, weighted
p(positive) - p(negative), which the actors table averages into ``net_evaluation``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.classifiers.errors import model_error
from framing.classifiers.fast import predict_proba
from framing.classifiers.target_features import (  # noqa: F401  (the stance model's public names)
    LABELS,
    MARK_CLOSE,
    MARK_OPEN,
    PLACEHOLDER,
    MarkedText,
    TargetContext,
    TargetCueFeaturizer,
    mark_target,
    stance_pipeline,
    target_features,
    unmark,
)


@dataclass(frozen=True)
class StanceResult:
    """The stance toward a target: the most probable label and every label's probability."""

    label: str
    probabilities: Mapping[str, float]

    @property
    def net(self) -> float:
        """p(positive) - p(negative), from -1 to +1: the weight of a stance cue."""
        return float(self.probabilities.get("positive", 0.0) - self.probabilities.get("negative", 0.0))


# ---------------------------------------------------------------------------------------------------
# the public function


def _model(path: str | Path | None):
    from framing.classifiers.models import STANCE, load_model, load_shipped

    return load_model(path) if path is not None else load_shipped(STANCE)


def predict_stance(model, marked: Sequence[str]) -> list[StanceResult]:
    """Stance results for marked sentences, in one batch."""
    if not len(marked):
        return []
    proba = predict_proba(model, list(marked))
    classes = [str(c) for c in model.classes_]
    out = []
    for row in proba:
        probabilities = {label: float(p) for label, p in zip(classes, row, strict=True)}
        out.append(StanceResult(classes[int(row.argmax())], probabilities))
    return out


def stance(sentence: str, start: int, end: int, *, model: str | Path | None = None) -> StanceResult:
    """The stance of ``sentence`` toward the words at ``start:end`` (negative / neutral / positive).

    >>> stance("Critics said the mayor bungled the response.", 17, 22).label   # doctest: +SKIP
    'negative'
    """
    marked = mark_target(sentence, start, end)
    return predict_stance(_model(model), [marked])[0]


def find_target(sentence: str, target: str) -> tuple[int, int]:
    """Offsets of the first occurrence of ``target`` (case-insensitive) in ``sentence``."""
    index = sentence.lower().find(target.lower()) if target else -1
    if index < 0:
        raise model_error("stance_target_missing", target=target)
    return index, index + len(target)
