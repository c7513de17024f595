"""The features of the stance model: the sentence with its target marked (``⟦`` and ``⟧``), word
n-grams around and across the target, and the rule and VADER cues near it. These estimators are what
the stance model files store; :mod:`framing.classifiers.stance` applies the model."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils.validation import check_is_fitted

from framing.classifiers.errors import model_error
from framing.types import Cue

MARK_OPEN = "\u27e6"
MARK_CLOSE = "\u27e7"
PLACEHOLDER = "targetx"
LABELS = ("negative", "neutral", "positive")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[!?\"“”]")
CUE_DIMENSIONS = frozenset({"evaluative", "blame", "hedge", "booster", "agency", "attribution"})

MARK_OPEN = "\u27e6"
MARK_CLOSE = "\u27e7"
PLACEHOLDER = "targetx"
LABELS = ("negative", "neutral", "positive")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[!?\"“”]")
CUE_DIMENSIONS = frozenset({"evaluative", "blame", "hedge", "booster", "agency", "attribution"})


# ---------------------------------------------------------------------------------------------------
# marking the target


class MarkedText(str):
    """A sentence with its target marked, carrying the rule annotators' cues (offsets into the
    unmarked sentence) when they are already known."""

    cues: tuple[Cue, ...] | None

    def __new__(cls, marked: str, cues: Iterable[Cue] | None = None):
        obj = super().__new__(cls, marked)
        obj.cues = tuple(cues) if cues is not None else None
        return obj

    def __reduce__(self):
        return (MarkedText, (str(self), self.cues))


def mark_target(sentence: str, start: int, end: int) -> str:
    """The sentence with ``⟦`` before and ``⟧`` after the target at ``start:end``."""
    if not (0 <= start < end <= len(sentence)):
        raise model_error("stance_offsets", start=start, end=end, length=len(sentence))
    return f"{sentence[:start]}{MARK_OPEN}{sentence[start:end]}{MARK_CLOSE}{sentence[end:]}"


def unmark(marked: str) -> tuple[str, int, int]:
    """The sentence and the target's offsets from a marked sentence (the whole text if unmarked)."""
    start = marked.find(MARK_OPEN)
    end = marked.find(MARK_CLOSE, start + 1)
    if start < 0 or end < 0:
        return marked, 0, len(marked)
    sentence = marked[:start] + marked[start + 1 : end] + marked[end + 1 :]
    return sentence, start, end - 1


def _words(text: str) -> list[re.Match]:
    return list(_WORD.finditer(text))


class TargetContext(TransformerMixin, BaseEstimator):
    """Marked sentences to plain strings a text vectoriser reads: the sentence with the target replaced
    by a placeholder token (``window=0``), or only the ``window`` words on each side of it."""

    def __init__(self, *, window: int = 0, sides: bool = False):
        self.window = window
        self.sides = sides

    def fit(self, X, y=None):
        if self.window < 0:
            raise ValueError(f"window must be >= 0, not {self.window}")
        return self

    def transform(self, X):
        out = []
        for marked in X:
            sentence, start, end = unmark(str(marked))
            left, right = sentence[:start], sentence[end:]
            if self.sides:  # every word tagged with its side of the target
                left = " ".join("l_" + m.group() for m in _words(left)[-self.window or None :])
                right = " ".join("r_" + m.group() for m in _words(right)[: self.window or None])
            elif self.window:
                left = " ".join(m.group() for m in _words(left)[-self.window :])
                right = " ".join(m.group() for m in _words(right)[: self.window])
            out.append(f"{left} {PLACEHOLDER} {right}")
        return out

    def __sklearn_is_fitted__(self):
        return True  # stateless

    def get_feature_names_out(self, input_features=None):
        return [f"context_{self.window}"]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags


# ---------------------------------------------------------------------------------------------------
# cue evidence near the target


@lru_cache(maxsize=1)
def vader_lexicon() -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon)


def sentence_cues(sentences: Sequence[str], lexicon_dir: str | None = None) -> list[tuple[Cue, ...]]:
    """The rule annotators' cues of each sentence, offsets into the sentence itself."""
    from framing.classifiers.features import rule_annotators
    from framing.config import AnalysisConfig
    from framing.reading.segment import punkt, segment
    from framing.types import Article, Doc

    config = AnalysisConfig(lexicon_dir=Path(lexicon_dir) if lexicon_dir else None)
    annotators = rule_annotators(config)
    tokenizer = punkt(config.lexicon_dir)
    out = []
    for sentence in sentences:
        article = Article(article_id="stance", text=sentence, body_start=0)
        doc = Doc(article=article, sentences=segment(article, tokenizer))
        for annotator in annotators:
            annotator(doc)
        out.append(tuple(doc.cues))
    return out


def target_features(sentence: str, start: int, end: int, cues: Sequence[Cue], *, window: int) -> dict[str, float]:
    """Counts of cues and VADER sentiment words near the target (within ``window`` words) and in the
    sentence; whether the target is the speaker or the blamed actor."""
    words = _words(sentence)
    before = [m for m in words if m.end() <= start]
    after = [m for m in words if m.start() >= end]
    near_start = before[-window].start() if len(before) >= window else 0
    near_end = after[window - 1].end() if len(after) >= window else len(sentence)
    features: Counter[str] = Counter()
    lexicon = vader_lexicon()
    for side, ms in (("left", before[-window:]), ("right", after[:window])):
        for m in ms:
            valence = lexicon.get(m.group().lower())
            if valence:
                features[f"vader_{side}_{'pos' if valence > 0 else 'neg'}"] += abs(valence) / 4
    for m in words:
        valence = lexicon.get(m.group().lower())
        if valence:
            features[f"vader_sentence_{'pos' if valence > 0 else 'neg'}"] += abs(valence) / 4
    for cue in cues:
        if cue.dimension not in CUE_DIMENSIONS:
            continue
        where = "near" if cue.start < near_end and near_start < cue.end else "sentence"
        if cue.start < end and start < cue.end:
            where = "target"  # the cue covers the target: "the regime", "the speaker"
        name = f"{where}:{cue.dimension}:{cue.category}"
        features[name] += 1
        if cue.polarity:
            features[f"{where}:{cue.dimension}:polarity={cue.polarity}"] += 1
        if cue.dimension == "blame" and cue.start >= end:
            features["blame_after_target"] += 1
    return dict(features)


class TargetCueFeaturizer(TransformerMixin, BaseEstimator):
    """Marked sentences to counts of the cues near the target (see :func:`target_features`)."""

    def __init__(self, *, window: int = 6, lexicon_dir: str | None = None):
        self.window = window
        self.lexicon_dir = lexicon_dir

    def _dicts(self, X) -> list[dict[str, float]]:
        items = [unmark(str(x)) for x in X]
        known = [getattr(x, "cues", None) for x in X]
        missing = [i for i, c in enumerate(known) if c is None]
        if missing:
            annotated = sentence_cues([items[i][0] for i in missing], self.lexicon_dir)
            for i, cues in zip(missing, annotated, strict=True):
                known[i] = cues
        return [
            target_features(s, a, b, cues, window=self.window) for (s, a, b), cues in zip(items, known, strict=True)
        ]

    def fit(self, X, y=None):
        self.fit_transform(X, y)
        return self

    def fit_transform(self, X, y=None):
        X = list(X)
        self.vectorizer_ = DictVectorizer(sparse=True)
        return self.vectorizer_.fit_transform(self._dicts(X))

    def transform(self, X):
        check_is_fitted(self, "vectorizer_")
        return self.vectorizer_.transform(self._dicts(list(X)))

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "vectorizer_")
        return self.vectorizer_.get_feature_names_out()

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags


def stance_pipeline(
    *, features: str = "all", C: float = 0.5, window: int = 6, chars: bool = False, sides: bool = True, seed: int = 0
) -> Pipeline:
    """The stance model. ``features``: ``all``, or ``cues`` (cue and VADER counts only: the baseline).

    Settings chosen by 4-fold cross-validation on the NewsMTSC training part only (window 3/4/6,
    C 0.3-3, side-tagged words, character n-grams: these last did not help and are off)."""
    if features not in {"all", "cues"}:
        raise ValueError(f"features must be 'all' or 'cues', not {features!r}")
    from framing.classifiers.models import char_hasher, hashed_tfidf, word_hasher

    parts: list[tuple[str, Any]] = [("cues", TargetCueFeaturizer())]
    if features == "all":
        sentence_ngrams = hashed_tfidf(word_hasher((1, 2)), max_features=30000)
        window_ngrams = hashed_tfidf(word_hasher((1, 3)), max_features=30000)
        parts = [
            ("sentence", Pipeline([("context", TargetContext(window=0)), ("ngrams", sentence_ngrams)])),
            ("window", Pipeline([("context", TargetContext(window=window)), ("ngrams", window_ngrams)])),
        ] + parts
        if sides:
            ngrams = hashed_tfidf(word_hasher((1, 1)), max_features=30000)
            parts.append(("sides", Pipeline([("context", TargetContext(window=0, sides=True)), ("ngrams", ngrams)])))
        if chars:
            ngrams = hashed_tfidf(char_hasher((2, 5)), min_df=3, max_features=30000)
            parts.append(("chars", Pipeline([("context", TargetContext(window=window)), ("ngrams", ngrams)])))
    classifier = LogisticRegression(C=C, class_weight="balanced", max_iter=3000, random_state=seed)
    return Pipeline([("features", FeatureUnion(parts)), ("classifier", classifier)])
