"""The lexicon side of every classifier: the rule annotators' cues, counted per sentence.

:class:`CueFeaturizer` is a scikit-learn transformer: it turns sentences into cue-count dicts and
vectorises them with ``DictVectorizer``, so the rules' evidence drops into a ``Pipeline`` or
``GridSearchCV`` beside text features. A plain string is annotated by the rule annotators (every
annotator of the pipeline except the classifiers); a :class:`CuedText` already carries its cues, so
training (annotate once, cross-validate many times) and the analysis pipeline (the cues are already
in the document) do not annotate twice.

Features of one sentence, each a count:

- ``dimension:category`` for every cue (``hedge:approximator``), and ``dimension:term=TERM`` for the
  lexicon entry that matched (``hedge:term=at least``); actor mentions count by type only;
- the same split by voice, ``...@author`` or ``...@quoted``, since a loaded word in a quotation is the
  speaker's, not the outlet's;
- ``dimension:polarity=P`` for cues with a polarity, and ``sentence:voice=V`` /
  ``sentence:verb_stance=S`` from the attribution columns.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.utils.validation import check_is_fitted

from framing.config import AnalysisConfig
from framing.types import Cue

# Columns of the rule annotators read as categorical sentence features.
SENTENCE_FEATURES = ("voice", "verb_stance")
# Cue dimensions that are not lexicon evidence about the sentence (the classifiers' own output).
SKIPPED_DIMENSIONS = frozenset({"stance"})
CLASSIFIER_ANNOTATOR = "classify"


class CuedText(str):
    """A sentence (a ``str``, so text vectorisers read it unchanged) with the rule annotators' cues and
    sentence columns already attached."""

    cues: tuple[Cue, ...]
    values: Mapping[str, Any]

    def __new__(cls, text: str, cues: Iterable[Cue] = (), values: Mapping[str, Any] | None = None):
        obj = super().__new__(cls, text)
        obj.cues = tuple(cues)
        obj.values = dict(values or {})
        return obj

    def __reduce__(self):
        # pickled for joblib workers: keep the cues
        return (CuedText, (str(self), self.cues, self.values))


@lru_cache(maxsize=4)
def rule_annotators(config: AnalysisConfig) -> tuple:
    """The rule annotators, without VADER, which no model reads."""
    from framing.annotation import build_annotators

    rules = replace(config, classifiers=False, vader=False)
    return tuple(a for a in build_annotators(rules) if a.name != CLASSIFIER_ANNOTATOR)


def annotate_texts(texts: Iterable[str], config: AnalysisConfig | None = None) -> list[CuedText]:
    """Run the rule annotators over each text as a one-paragraph article; keep its cues and columns.

    A text that segments into several sentences keeps the cues of all of them, and for each column
    the first non-empty value.
    """
    from framing.errors import InputError
    from framing.reading.build import build_article
    from framing.reading.segment import punkt, segment
    from framing.types import Doc

    config = config or AnalysisConfig()
    annotators = rule_annotators(config)
    tokenizer = punkt(config.lexicon_dir)
    out = []
    for number, text in enumerate(texts):
        text = str(text)
        try:
            article = build_article(paragraphs=[text], meta={}, source=f"<text {number + 1}>")
        except InputError:  # nothing but white space
            out.append(CuedText(text))
            continue
        doc = Doc(article=article, sentences=segment(article, tokenizer))
        for annotator in annotators:
            annotator(doc)
        values: dict[str, Any] = {}
        for sentence in doc.sentences:
            for key, value in sentence.values.items():
                if key not in values or (not values[key] and value):
                    values[key] = value
        out.append(CuedText(text, doc.cues, values))
    return out


def cue_counts(cues: Sequence[Cue], values: Mapping[str, Any], *, terms: bool = True, voice_split: bool = True):
    """The feature dict of one sentence (see the module docstring)."""
    counts: Counter[str] = Counter()
    for cue in cues:
        if cue.dimension in SKIPPED_DIMENSIONS:
            continue
        keys = [f"{cue.dimension}:{cue.category}"]
        if terms and cue.term and cue.dimension != "actor":
            keys.append(f"{cue.dimension}:term={cue.term.lower()}")
        if cue.polarity:
            keys.append(f"{cue.dimension}:polarity={cue.polarity}")
        counts.update(keys)
        if voice_split:
            voice = "author" if cue.voice == "author" else "quoted"
            counts.update(f"{key}@{voice}" for key in keys[:1] + keys[2:])
    for name in SENTENCE_FEATURES:
        value = values.get(name)
        if isinstance(value, str) and value:
            counts[f"sentence:{name}={value}"] += 1
    return dict(counts)


class CueFeaturizer(TransformerMixin, BaseEstimator):
    """Sentences to cue counts, vectorised with ``DictVectorizer``.

    Parameters
    ----------
    lexicon_dir : str or None
        User lexicons (as ``--lexicon-dir``) used when plain strings have to be annotated.
    terms : bool
        Count the matched lexicon entries (``hedge:term=reportedly``), not only their categories.
    voice_split : bool
        Also count each cue by voice (author / quoted).
    """

    def __init__(self, *, lexicon_dir: str | None = None, terms: bool = True, voice_split: bool = True):
        self.lexicon_dir = lexicon_dir
        self.terms = terms
        self.voice_split = voice_split

    def _config(self) -> AnalysisConfig:
        return AnalysisConfig(lexicon_dir=Path(self.lexicon_dir) if self.lexicon_dir else None)

    def _cued(self, X: Iterable[str]) -> list[CuedText]:
        if isinstance(X, str):
            raise ValueError("CueFeaturizer expects a list of sentences, not a single string")
        items = list(X)
        plain = [i for i, x in enumerate(items) if not isinstance(x, CuedText)]
        if plain:
            annotated = annotate_texts([items[i] for i in plain], self._config())
            for i, cued in zip(plain, annotated, strict=True):
                items[i] = cued
        return items

    def _dicts(self, X: Iterable[str]) -> list[dict[str, int]]:
        return [
            cue_counts(x.cues, x.values, terms=self.terms, voice_split=self.voice_split) for x in self._cued(X)
        ]

    def fit(self, X, y=None):
        self.fit_transform(X, y)
        return self

    def fit_transform(self, X, y=None):
        dicts = self._dicts(X)
        self.vectorizer_ = DictVectorizer(sparse=True)
        return self.vectorizer_.fit_transform(dicts)

    def transform(self, X):
        check_is_fitted(self, "vectorizer_")
        return self.vectorizer_.transform(self._dicts(X))

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "vectorizer_")
        return self.vectorizer_.get_feature_names_out()

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags
