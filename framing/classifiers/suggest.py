"""Uncertainty sampling for the coding workflow: which sentences should a coder label next?

The sentences a model is least sure about teach it most per label. :func:`suggest` scores each
sentence by the margin between the model's two most probable classes (1 - margin: 1 is a coin toss,
0 is certain), drops duplicates and sentences already labelled, and returns the ``n`` most uncertain,
ties kept in input order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

_SPACE = re.compile(r"\s+")


def _key(text: str) -> str:
    return _SPACE.sub(" ", str(text)).strip().lower()


def uncertainty(proba: np.ndarray) -> np.ndarray:
    """1 - (p of the most probable class - p of the second): 1 when the model cannot decide."""
    if proba.shape[1] < 2:
        return np.zeros(len(proba))
    top = np.sort(proba, axis=1)
    return 1.0 - (top[:, -1] - top[:, -2])


def suggest(
    model,
    texts: Sequence[str],
    *,
    n: int = 20,
    exclude: Iterable[str] = (),
    meta: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ``n`` sentences the model is least sure about.

    Returns rank, text, predicted (the most probable class), p (its probability; for a 0/1 model the
    probability of 1), uncertainty, and the columns of ``meta`` (one row per text, e.g. item_id).
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")
    texts = list(texts)
    skip = {_key(t) for t in exclude}
    keep, seen = [], set()
    for i, text in enumerate(texts):
        key = _key(text)
        if not key or key in skip or key in seen:
            continue
        seen.add(key)
        keep.append(i)
    columns = ["rank", "text", "predicted", "p", "uncertainty"]
    if not keep:
        return pd.DataFrame(columns=columns + (list(meta.columns) if meta is not None else []))
    proba = model.predict_proba([texts[i] for i in keep])
    classes = [str(c) for c in model.classes_]
    scores = uncertainty(proba)
    order = np.argsort(-scores, kind="stable")[:n]
    binary = classes == ["0", "1"]
    rows = []
    for rank, j in enumerate(order, start=1):
        best = int(proba[j].argmax())
        rows.append(
            {
                "rank": rank,
                "text": texts[keep[j]],
                "predicted": classes[best],
                "p": float(proba[j][1] if binary else proba[j][best]),
                "uncertainty": float(scores[j]),
            }
        )
    out = pd.DataFrame(rows, columns=columns)
    if meta is not None:
        picked = meta.iloc[[keep[j] for j in order]].reset_index(drop=True)
        out = pd.concat([out, picked.drop(columns=[c for c in picked.columns if c in columns])], axis=1)
    return out
