"""Classifiers: scikit-learn models per dimension (blame, hedge, evaluative, reported speech) fed by
the rule annotators' cues and by the text, a stance model toward actors, training with honest
cross-validated figures, and uncertainty sampling for the coding workflow.

>>> from framing.classifiers import train_model, load_model   # doctest: +SKIP
>>> from framing import stance                               # doctest: +SKIP

(``stance`` and ``suggest`` are also the names of modules here, so their functions are imported from
``framing.classifiers.stance`` and ``framing.classifiers.suggest``.)
"""

from __future__ import annotations

__all__ = [
    "CueFeaturizer",
    "StanceResult",
    "TrainingReport",
    "load_model",
    "read_labels",
    "train_model",
]


def __getattr__(name: str):
    # Lazy, so that importing the package does not import scikit-learn until a model is needed.
    if name == "CueFeaturizer":
        from framing.classifiers.features import CueFeaturizer

        return CueFeaturizer
    if name == "StanceResult":
        from framing.classifiers.stance import StanceResult

        return StanceResult
    if name in ("TrainingReport", "read_labels", "train_model"):
        from framing.classifiers import train

        return getattr(train, name)
    if name == "load_model":
        from framing.classifiers.models import load_model

        return load_model
    raise AttributeError(f"module 'framing.classifiers' has no attribute {name!r}")
