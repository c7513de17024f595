"""Prediction without scikit-learn's per-call overhead, sharing the text features between models.

A shipped model is a ``Pipeline``: a ``FeatureUnion`` of blocks (cue counts through a
``DictVectorizer``; hashed word or character n-grams, optionally after a
:class:`~framing.classifiers.stance.TargetContext`, weighted by a ``TfidfTransformer``) ending in a linear
model (a calibrated ``LinearSVC`` or a ``LogisticRegression``). Everything after the hashing is linear
algebra, so :func:`compile_model` folds each block's IDF weights into the classifier's coefficients:

    score = (C @ (idf * w)) / sqrt(C**2 @ idf**2)        (C: a sentence's (sublinear) hashed counts)

The hashed counts are stateless, so a batch of sentences is hashed once per distinct hasher and the
result is shared by every model that reads it (:class:`FeatureCache`). :class:`CachedHasher` computes
those counts as ``HashingVectorizer.transform`` does, but remembers the hash of every word, n-gram and
word's character n-grams it has seen: words repeat, so most of a sentence is looked up, not hashed. The probabilities are those of
``model.predict_proba`` (to floating-point rounding; ``tests/test_classify.py`` checks it). A model of
any other shape (a user's model, an older file with fitted vocabularies) is not compiled:
:func:`predict_proba` then calls ``model.predict_proba``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.special import expit, softmax
from sklearn.utils import murmurhash3_32


@dataclass
class _TextBlock:
    key: tuple  # (context params, hasher params, sublinear): identical keys share counts
    prepare: Callable[[Sequence[str]], list[str]] | None
    hasher: Any
    sublinear: bool
    weighted: _Rows  # (n_features, k): idf * coefficients * block weight
    idf_squared: _Rows | None  # None: no l2 normalisation


@dataclass
class _Rows:
    """A tall (n_features, k) matrix of which only a few rows differ from ``common``: the rows of
    hashed columns never seen in training all share one value (zero coefficients, the largest IDF).
    Only the other rows are stored."""

    rows: np.ndarray  # sorted column numbers of the stored rows
    values: np.ndarray  # (len(rows), k): value - common
    common: float
    # which columns are stored, as a bitmap over all columns with the number of stored columns before
    # each 64-column word: a column's row is found by two look-ups and a bit count (built on first use)
    _bits: np.ndarray | None = field(default=None, repr=False, compare=False)
    _rank: np.ndarray | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, matrix: np.ndarray, *, common: float | None = None) -> _Rows:
        matrix = np.asarray(matrix, dtype=float)
        if matrix.ndim == 1:
            matrix = matrix[:, None]
        if common is None:
            distinct, counts = np.unique(matrix, return_counts=True)
            common = float(distinct[counts.argmax()])
        rows = np.flatnonzero((matrix != common).any(axis=1))
        return cls(rows, matrix[rows] - common, float(common))

    def dot(self, counts: sp.csr_matrix) -> np.ndarray:
        """``counts @ matrix`` as a dense (n, k) array, for (n, n_features) sparse counts."""
        out = np.zeros((counts.shape[0], self.values.shape[1]))
        if self.common:
            out += self.common * np.asarray(counts.sum(axis=1))
        if counts.nnz and len(self.rows):
            position, stored = self._positions(counts.indices, counts.shape[1])
            compact = sp.csr_matrix(
                (counts.data * stored, position, counts.indptr), shape=(counts.shape[0], len(self.rows))
            )
            out += compact @ self.values
        return out


    def _positions(self, columns: np.ndarray, n_columns: int) -> tuple[np.ndarray, np.ndarray]:
        """(row of each column among the stored rows, 0 where not stored; whether it is stored)."""
        if not hasattr(np, "bitwise_count"):  # numpy < 2: a binary search per column
            position = np.searchsorted(self.rows, columns)
            position[position == len(self.rows)] = 0
            return position, self.rows[position] == columns
        if self._bits is None or len(self._bits) * 64 < n_columns:
            words = (max(n_columns, int(self.rows[-1]) + 1) + 63) // 64
            bits = np.zeros(words, dtype=np.uint64)
            rows = self.rows.astype(np.uint64)
            np.bitwise_or.at(bits, (rows >> np.uint64(6)).astype(np.intp), np.uint64(1) << (rows & np.uint64(63)))
            rank = np.zeros(words, dtype=np.int64)
            np.cumsum(np.bitwise_count(bits)[:-1], out=rank[1:])
            self._bits, self._rank = bits, rank
        columns = columns.astype(np.uint64, copy=False)
        word = (columns >> np.uint64(6)).astype(np.intp)
        shift = columns & np.uint64(63)
        bits = self._bits[word]
        stored = ((bits >> shift) & np.uint64(1)).astype(bool)
        below = bits & ((np.uint64(1) << shift) - np.uint64(1))
        position = self._rank[word] + np.bitwise_count(below)
        position[~stored] = 0
        return position, stored


@dataclass
class _DictBlock:
    key: tuple  # identical keys share the feature dicts
    dicts: Callable[[Sequence[str]], list[dict]]
    vocabulary: dict[str, int]
    coef: np.ndarray  # (n_vocabulary, k) * block weight


@dataclass
class CompiledModel:
    blocks: list = field(default_factory=list)
    intercept: np.ndarray = None  # (k,)
    link: str = "calibrated"  # calibrated (binary sigmoid) / softmax / logistic
    a: float = 0.0
    b: float = 0.0
    classes: np.ndarray = None

    def predict_proba(self, texts: Sequence[str], cache: FeatureCache | None = None) -> np.ndarray:
        cache = cache if cache is not None else FeatureCache()
        scores = np.tile(self.intercept, (len(texts), 1)).astype(float)
        for block in self.blocks:
            if isinstance(block, _TextBlock):
                counts, squared = cache.text(block, texts)
                numerator = block.weighted.dot(counts)
                if block.idf_squared is not None:
                    norms = np.sqrt(block.idf_squared.dot(squared)[:, 0])
                    norms[norms == 0] = 1.0
                    numerator /= norms[:, None]
                scores += numerator
            else:
                scores += np.asarray(cache.dict_matrix(block, texts) @ block.coef)
        if self.link == "calibrated":
            positive = expit(-(self.a * scores[:, 0] + self.b))
            return np.column_stack([1.0 - positive, positive])
        if self.link == "logistic":
            positive = expit(scores[:, 0])
            return np.column_stack([1.0 - positive, positive])
        return softmax(scores, axis=1)


class FeatureCache:
    """Hashed counts and cue dicts of one batch of texts, shared by the models that read them."""

    def __init__(self):
        self._text: dict[tuple, tuple] = {}
        self._dicts: dict[tuple, list] = {}
        self._matrices: dict[tuple, Any] = {}
        self._texts = None

    def _check(self, texts):
        if self._texts is not texts:  # another batch: forget the last one
            self._text.clear()
            self._dicts.clear()
            self._matrices.clear()
            self._texts = texts

    def text(self, block: _TextBlock, texts):
        self._check(texts)
        found = self._text.get(block.key)
        if found is None:
            prepared = block.prepare(texts) if block.prepare is not None else [str(t) for t in texts]
            counts = cached_hasher(block.hasher).transform(prepared)
            if block.sublinear:
                counts.data = np.log(counts.data) + 1.0
            squared = counts.copy()
            squared.data **= 2
            found = self._text[block.key] = (counts, squared)
        return found

    def dict_matrix(self, block: _DictBlock, texts):
        """The cue dicts of ``texts`` in the columns of ``block``'s vocabulary (features it does not
        know are dropped, as ``DictVectorizer.transform`` drops them)."""
        names, columns, values, indptr = self._dict_arrays(block, texts)
        lookup = np.fromiter(
            (block.vocabulary.get(name, -1) for name in names), dtype=np.int64, count=len(names)
        )
        rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
        mapped = lookup[columns]
        keep = mapped >= 0
        return sp.csr_matrix(
            (values[keep], (rows[keep], mapped[keep])), shape=(len(indptr) - 1, len(block.vocabulary))
        )

    def _dict_arrays(self, block: _DictBlock, texts):
        """The cue dicts of ``texts`` as arrays over one batch-wide list of feature names."""
        self._check(texts)
        found = self._matrices.get(block.key)
        if found is None:
            ids: dict[str, int] = {}
            columns: list[int] = []
            values: list[float] = []
            indptr = [0]
            for features in self.dicts(block, texts):
                for name, value in features.items():
                    column = ids.get(name)
                    if column is None:
                        column = ids[name] = len(ids)
                    columns.append(column)
                    values.append(value)
                indptr.append(len(columns))
            found = self._matrices[block.key] = (
                list(ids),
                np.asarray(columns, dtype=np.int64),
                np.asarray(values, dtype=float),
                np.asarray(indptr, dtype=np.int64),
            )
        return found

    def dicts(self, block: _DictBlock, texts):
        self._check(texts)
        found = self._dicts.get(block.key)
        if found is None:
            found = self._dicts[block.key] = block.dicts(texts)
        return found


class CachedHasher:
    """``HashingVectorizer.transform`` for the settings the shipped models use (word or ``char_wb``
    n-grams of lower-cased text, no sign alternation, no normalisation), with the index of every
    feature remembered: the same sparse counts, several times faster on running text.

    Any other settings fall back to the hasher itself. The memory is bounded: a table that reaches
    ``limit`` entries is emptied and refilled.
    """

    def __init__(self, hasher, limit: int = 200_000):
        self.hasher = hasher
        self.limit = limit
        self.n_features = int(hasher.n_features)
        self.supported = self.supports(hasher)
        self._features: dict[str, int] = {}  # feature string -> column
        self._words: dict[str, list[int]] = {}  # char_wb: word -> columns of its n-grams
        if self.supported and hasher.analyzer == "word":
            self._tokens = re.compile(hasher.token_pattern).findall
        self._white = re.compile(r"\s\s+")

    @staticmethod
    def supports(hasher) -> bool:
        try:
            return (
                hasher.analyzer in ("word", "char_wb")
                and hasher.input == "content"
                and hasher.lowercase
                and hasher.preprocessor is None
                and hasher.tokenizer is None
                and hasher.stop_words is None
                and hasher.strip_accents is None
                and not hasher.alternate_sign
                and not hasher.binary
                and hasher.norm is None
                and np.dtype(hasher.dtype) == np.float64
                and (hasher.analyzer != "word" or re.compile(hasher.token_pattern).groups == 0)
            )
        except (AttributeError, TypeError):
            return False

    def column(self, feature: str) -> int:
        found = self._features.get(feature)
        if found is None:
            if len(self._features) >= self.limit:
                self._features.clear()
            h = murmurhash3_32(feature, seed=0)
            n = self.n_features
            found = (2147483647 - (n - 1)) % n if h == -2147483648 else abs(h) % n
            self._features[feature] = found
        return found

    def columns(self, features: list[str]) -> list[int]:
        """``[self.column(f) for f in features]``: the known ones looked up in one C-level pass."""
        found = list(map(self._features.get, features))
        if None in found:
            column = self.column
            found = [c if c is not None else column(f) for c, f in zip(found, features, strict=True)]
        return found

    def _word_columns(self, text: str, out: list[int]) -> None:
        tokens = self._tokens(text.lower())
        low, high = self.hasher.ngram_range
        columns = self.columns
        if low == 1:
            out.extend(columns(tokens))
            low = 2
        for n in range(low, min(high + 1, len(tokens) + 1)):
            out.extend(columns([" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]))

    def _char_columns(self, text: str, out: list[int]) -> None:
        words = self._words
        for word in self._white.sub(" ", text.lower()).split():
            found = words.get(word)
            if found is None:
                if len(words) >= self.limit:
                    words.clear()
                found = words[word] = self.columns(_char_wb(word, *self.hasher.ngram_range))
            out.extend(found)

    def transform(self, texts: Sequence[str]):
        """The hashed counts of ``texts`` as a CSR matrix (duplicates summed, indices sorted)."""
        if not self.supported:
            return self.hasher.transform(texts).tocsr()
        columns: list[int] = []
        indptr = [0]
        add = self._word_columns if self.hasher.analyzer == "word" else self._char_columns
        for text in texts:
            add(text, columns)
            indptr.append(len(columns))
        matrix = sp.csr_matrix(
            (np.ones(len(columns)), np.asarray(columns, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
            shape=(len(texts), self.n_features),
        )
        matrix.sum_duplicates()
        return matrix


def _char_wb(word: str, low: int, high: int) -> list[str]:
    """The character n-grams of one word padded with spaces, as scikit-learn's ``char_wb`` makes them."""
    padded = f" {word} "
    size = len(padded)
    grams = []
    for n in range(low, high + 1):
        grams.append(padded[:n])
        grams.extend(padded[offset : offset + n] for offset in range(1, size - n + 1))
        if size <= n:  # a short word counts once
            break
    return grams


_HASHERS: dict[int, tuple[Any, CachedHasher]] = {}


def cached_hasher(hasher) -> CachedHasher:
    """One :class:`CachedHasher` per hasher object (shared by the models of a process)."""
    found = _HASHERS.get(id(hasher))
    if found is None or found[0] is not hasher:
        found = _HASHERS[id(hasher)] = (hasher, CachedHasher(hasher))
    return found[1]


def _params_key(obj) -> tuple:
    return (type(obj).__name__, tuple(sorted((k, repr(v)) for k, v in obj.get_params(deep=False).items())))


def _block(part, coef: np.ndarray, weight: float):
    """One FeatureUnion part as a block, or None when it cannot be compiled."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

    from framing.classifiers.features import CueFeaturizer
    from framing.classifiers.target_features import TargetContext, TargetCueFeaturizer

    if isinstance(part, CueFeaturizer | TargetCueFeaturizer) and isinstance(
        getattr(part, "vectorizer_", None), DictVectorizer
    ):
        vectorizer = part.vectorizer_
        if len(vectorizer.vocabulary_) != coef.shape[0]:
            return None
        return _DictBlock(_params_key(part), part._dicts, dict(vectorizer.vocabulary_), coef * weight)
    steps = _steps(part)
    prepare = None
    if steps and isinstance(steps[0], TargetContext):
        prepare = steps[0].transform
        steps = steps[1:]
    if (
        len(steps) != 2
        or not isinstance(steps[0], HashingVectorizer)
        or not isinstance(steps[1], TfidfTransformer)
    ):
        return None
    hasher, tfidf = steps
    if hasher.norm is not None or hasher.alternate_sign or hasher.binary or tfidf.norm not in {"l2", None}:
        return None
    if tfidf.use_idf:
        idf = np.asarray(tfidf.idf_, dtype=float)
    else:
        idf = np.ones(hasher.n_features)
    if idf.shape[0] != coef.shape[0]:
        return None
    key = (
        _params_key(steps[0]),
        _params_key(prepare.__self__) if prepare else None,
        bool(tfidf.sublinear_tf),
    )
    return _TextBlock(
        key=key,
        prepare=prepare,
        hasher=hasher,
        sublinear=bool(tfidf.sublinear_tf),
        weighted=_Rows.of(idf[:, None] * coef * weight, common=0.0),
        idf_squared=_Rows.of(idf**2) if tfidf.norm == "l2" else None,
    )


def _steps(part) -> list:
    """The steps of a (nested) Pipeline, flattened; ``[part]`` for anything else."""
    from sklearn.pipeline import Pipeline

    if not isinstance(part, Pipeline):
        return [part]
    return [step for _, inner in part.steps for step in _steps(inner)]


def _width(part) -> int | None:
    from sklearn.feature_extraction.text import HashingVectorizer

    last = _steps(part)[-1]
    if isinstance(last, HashingVectorizer):
        return last.n_features
    if hasattr(last, "idf_"):
        return len(last.idf_)
    vectorizer = getattr(part, "vectorizer_", None)
    if vectorizer is not None and hasattr(vectorizer, "vocabulary_"):
        return len(vectorizer.vocabulary_)
    return None


def compile_model(model) -> CompiledModel | None:
    """The compiled form of a fitted model, or None when its shape is not one this module knows."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.svm import LinearSVC

    try:
        if not isinstance(model, Pipeline) or len(model.steps) != 2:
            return None
        union, classifier = model.steps[0][1], model.steps[1][1]
        if not isinstance(union, FeatureUnion) or union.n_jobs not in (None, 1):
            return None
        compiled = CompiledModel(classes=np.asarray(classifier.classes_))
        if isinstance(classifier, CalibratedClassifierCV):
            if len(classifier.calibrated_classifiers_) != 1 or len(classifier.classes_) != 2:
                return None
            inner = classifier.calibrated_classifiers_[0]
            if inner.method != "sigmoid" or not isinstance(inner.estimator, LinearSVC):
                return None
            linear = inner.estimator
            compiled.a, compiled.b = float(inner.calibrators[0].a_), float(inner.calibrators[0].b_)
            compiled.link = "calibrated"
        elif isinstance(classifier, LogisticRegression):
            linear = classifier
            compiled.link = "logistic" if len(classifier.classes_) == 2 else "softmax"
        else:
            return None
        coef = linear.coef_.toarray() if sp.issparse(linear.coef_) else np.asarray(linear.coef_, dtype=float)
        coef = coef.T  # (n_features, k)
        compiled.intercept = np.atleast_1d(np.asarray(linear.intercept_, dtype=float))
        weights = union.transformer_weights or {}
        offset = 0
        for name, part in union.transformer_list:
            if part == "drop" or part is None:
                return None
            width = _width(part)
            if width is None:
                return None
            block = _block(part, coef[offset : offset + width], float(weights.get(name, 1.0)))
            if block is None:
                return None
            compiled.blocks.append(block)
            offset += width
        if offset != coef.shape[0]:
            return None
        return compiled
    except (AttributeError, TypeError, ValueError, IndexError):
        return None


_COMPILED: dict[int, tuple[Any, CompiledModel | None]] = {}


def compiled(model) -> CompiledModel | None:
    """:func:`compile_model`, once per model object."""
    if isinstance(getattr(model, "compiled", None), CompiledModel):  # read from a fast file
        return model.compiled
    found = _COMPILED.get(id(model))
    if found is None or found[0] is not model:
        found = _COMPILED[id(model)] = (model, compile_model(model))
    return found[1]


def predict_proba(model, texts: Sequence[str], cache: FeatureCache | None = None) -> np.ndarray:
    """``model.predict_proba(texts)``, through the compiled form when there is one."""
    fast = compiled(model)
    if fast is None:
        return model.predict_proba(list(texts))
    return fast.predict_proba(texts, cache)
