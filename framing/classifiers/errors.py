"""The texts of the classifier errors users see (label files, model files, stance offsets), in one
place so they stay consistent and testable. Raised as :class:`framing.errors.ModelError`."""

from __future__ import annotations

from framing.errors import ModelError

MESSAGES = {
    "labels_not_found": "{source}: label file not found",
    "labels_unreadable": "{source}: cannot be read as CSV: {error}",
    "labels_missing_columns": "{source}: missing column(s) {missing}; a label file needs the columns text and label",
    "labels_one_class": "{source}: only one class ({label!r}); training needs at least two classes",
    "labels_too_few": (
        "{source}: too few examples of class {label!r} ({count}); every class needs at least {minimum}"
    ),
    "labels_folds": "{source}: --folds {folds} is more than the smallest class has examples ({count})",
    "bad_folds": "folds must be at least 2, not {folds}",
    "unknown_dimension": "unknown dimension {dimension!r}; shipped dimensions are {known}",
    "model_not_found": "{path}: model file not found",
    "model_untrusted": (
        "{path}: the model contains types framing does not load ({types}); only scikit-learn pipelines "
        "built by framing are accepted"
    ),
    "model_unreadable": "{path}: not a framing model file: {error}",
    "model_not_classifier": "{path}: the model has no predict_proba; train it with 'framing train'",
    "no_shipped_model": "no shipped {name} model (framing/models/MANIFEST.tsv); run 'framing train --defaults'",
    "stance_offsets": "target offsets {start}:{end} are outside the sentence (length {length}) or empty",
    "stance_target_missing": "target {target!r} does not occur in the sentence",
}


def model_error(key: str, **values: object) -> ModelError:
    """A :class:`ModelError` carrying the text for ``key`` filled with ``values``."""
    return ModelError(MESSAGES[key].format(**values))
