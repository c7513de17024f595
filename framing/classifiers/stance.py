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

import re
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
    vader_lexicon,
)

EVIDENCE_WINDOW = 6  # words either side of the target searched for words that carry a stance
VADER_MIN = 1.0  # VADER words weaker than this ("reach" 0.1, "demanding" -0.9) carry no stance
_EVIDENCE_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# "mediated by X", "X's mediation", "mediators X and Y": the role is neutral; what follows the mediator
# in the sentence is about the talks, not about it
MEDIATION_BEFORE = re.compile(r"\b(?:mediated|brokered|facilitated|hosted|sponsored)\s+by\s+(?:the\s+)?(?:[\w.'’-]+,?\s+(?:and\s+)?){0,6}$", re.I)
MEDIATION_AFTER = re.compile(r"^(?:['’]s?)?\s*(?:-led\s+|-brokered\s+)?(?:mediation|mediators?|mediating|mediated|brokered|brokering)\b", re.I)
MEDIATORS_BEFORE = re.compile(r"\b(?:mediators?|intermediar(?:y|ies)|go-betweens?)\s+(?:the\s+)?(?:[\w.'’-]+,?\s+(?:and\s+)?){0,6}$", re.I)


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


def is_mediator(sentence: str, start: int, end: int) -> bool:
    """Whether the words at ``start:end`` name a mediator in this sentence ("talks mediated by Qatar and
    Egypt", "Qatar's mediation", "the mediators, Egypt and Qatar")."""
    before, after = sentence[:start], sentence[end:]
    return bool(
        MEDIATION_BEFORE.search(before) or MEDIATORS_BEFORE.search(before) or MEDIATION_AFTER.match(after)
    )


def stance_evidence(
    sentence: str,
    start: int,
    end: int,
    cues,
    polarity: str,
    *,
    actor: str | None = None,
    window: int = EVIDENCE_WINDOW,
) -> list[str]:
    """The words that carry a ``polarity`` ("negative" / "positive") stance toward the target at
    ``start:end``: evaluative cues of that polarity and, for a negative stance, blame cues, within
    ``window`` words of the target or covering it, and VADER sentiment words of that sign (valence at
    least ``VADER_MIN``) within the same window. For a mediator only the words before it count (what follows is about the talks it
    mediates). A blame cue that names its target (``target``) counts only for that ``actor``: in
    "flouting a UN resolution, Israel ..." the blame is Israel's, not the UN's. ``cues`` have
    ``dimension``, ``polarity``, ``start`` and ``end`` (offsets into the sentence)."""
    if polarity not in {"negative", "positive"}:
        return []
    words = list(_EVIDENCE_WORD.finditer(sentence))
    before = [m for m in words if m.end() <= start][-window:]
    after = [] if is_mediator(sentence, start, end) else [m for m in words if m.start() >= end][:window]
    low = before[0].start() if before else start
    high = after[-1].end() if after else end
    found: list[str] = []
    for cue in cues:
        if not (cue.start < high and low < cue.end):
            continue
        valenced = cue.dimension == "evaluative" and cue.polarity == polarity
        target = getattr(cue, "target", "")
        blaming = cue.dimension == "blame" and polarity == "negative" and (not target or actor in (None, target))
        if valenced or blaming:
            found.append(sentence[cue.start : cue.end])
    lexicon = vader_lexicon()
    sign = 1 if polarity == "positive" else -1
    for m in before + after:
        valence = lexicon.get(m.group().lower(), 0.0)
        if valence * sign >= VADER_MIN and m.group() not in found:
            found.append(m.group())
    return found


def find_target(sentence: str, target: str) -> tuple[int, int]:
    """Offsets of the first occurrence of ``target`` (case-insensitive) in ``sentence``."""
    index = sentence.lower().find(target.lower()) if target else -1
    if index < 0:
        raise model_error("stance_target_missing", target=target)
    return index, index + len(target)
