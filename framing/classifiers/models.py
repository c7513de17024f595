"""The classifier pipelines, the registry of shipped models, and safe model files.

A sentence model is a scikit-learn ``Pipeline``: a ``FeatureUnion`` of the rules' evidence
(:class:`~framing.classifiers.features.CueFeaturizer`), word 1-2-grams and character 2-5-grams (hashed,
weighted by the model's own TF-IDF),
ending in a calibrated linear model (``CalibratedClassifierCV`` around ``LinearSVC``), so
``predict_proba`` gives probabilities a threshold can be set on.

Model files are written with skops and read with ``skops.io.load(path, trusted=TRUSTED_TYPES)``:
only the types listed here are rebuilt, and nothing is ever unpickled, so a model file from someone
else cannot run code. What the model was trained for travels in the file as ``model.framing_info_``
(dimension, classes, threshold, training data, cross-validated figures).

The shipped models live in ``framing/models/`` and are listed in ``MANIFEST.tsv`` (name, file,
training data, n, cross-validated figure, sha256); ``framing train --defaults`` rebuilds them.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from framing.classifiers.errors import model_error
from framing.classifiers.features import CueFeaturizer
from framing.errors import ModelError

# The dimensions a shipped sentence model exists for, and the sentence column each one feeds.
SENTENCE_DIMENSIONS = ("blame", "hedge", "evaluative", "reported")
STANCE = "stance"
BLAME_TARGET = "blame_target"  # which candidate a blaming sentence blames (framing.classifiers.targets)
RELATIONS = "relations"  # who relates to whom, how (framing.classifiers.relations)
SHIPPED = SENTENCE_DIMENSIONS + (STANCE, BLAME_TARGET, RELATIONS)
DIMENSION_ALIASES = {"hedging": "hedge", "reported_speech": "reported", "speech": "reported", "bias": "evaluative"}
MANIFEST_COLUMNS = ("name", "file", "dimension", "training_data", "n", "figure", "value", "sha256")

# Every type a framing model file may contain. Anything else in a file is refused.
TRUSTED_TYPES = [
    "builtins.slice",
    "framing.classifiers.features.CueFeaturizer",
    "framing.classifiers.models.PrunedTfidf",
    "framing.classifiers.relations.PairVectorizer",
    "framing.classifiers.target_features.TargetContext",
    "framing.classifiers.target_features.TargetCueFeaturizer",
    "numpy.dtype",
    "numpy.float64",
    "numpy.int64",
    "numpy.ndarray",
    "numpy.str_",
    "scipy.sparse._csr.csr_matrix",
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.feature_extraction._dict_vectorizer.DictVectorizer",
    "sklearn.feature_extraction.text.HashingVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.linear_model._stochastic_gradient.SGDClassifier",
    "sklearn.preprocessing._label.LabelEncoder",
    "sklearn.svm._classes.LinearSVC",
    "sklearn.pipeline.FeatureUnion",
    "sklearn.pipeline.Pipeline",
]


def canonical_dimension(name: str) -> str:
    """``hedging`` -> ``hedge``; other names unchanged (lower-cased)."""
    name = name.strip().lower()
    return DIMENSION_ALIASES.get(name, name)


HASH_FEATURES = 2**19  # columns of each hashed n-gram space (word, character)


def word_hasher(ngram_range=(1, 2), n_features: int = HASH_FEATURES):
    """Stateless word n-gram counts (hashed, no vocabulary, no sign flipping, not normalised)."""
    return HashingVectorizer(
        ngram_range=ngram_range, n_features=n_features, alternate_sign=False, norm=None, lowercase=True
    )


def char_hasher(ngram_range=(2, 5), n_features: int = HASH_FEATURES):
    """Stateless character n-gram counts within word boundaries (hashed, as :func:`word_hasher`)."""
    return HashingVectorizer(
        analyzer="char_wb",
        ngram_range=ngram_range,
        n_features=n_features,
        alternate_sign=False,
        norm=None,
        lowercase=True,
    )


class PrunedTfidf(TfidfTransformer):
    """``TfidfTransformer`` that keeps only the columns seen in at least ``min_df`` training rows and,
    of those, the ``max_features`` most frequent, as ``TfidfVectorizer`` does with a vocabulary: the
    other columns get an IDF weight of 0, so they count neither in a row nor in its length."""

    def __init__(self, *, min_df: int = 1, max_features: int | None = None, norm="l2", use_idf=True,
                 smooth_idf=True, sublinear_tf=False):
        super().__init__(norm=norm, use_idf=use_idf, smooth_idf=smooth_idf, sublinear_tf=sublinear_tf)
        self.min_df = min_df
        self.max_features = max_features

    def fit(self, X, y=None):
        import numpy as np
        import scipy.sparse as sp

        if not self.use_idf:
            raise ValueError("PrunedTfidf needs use_idf=True")
        super().fit(X, y)
        X = sp.csc_matrix(X)
        df = np.diff(X.indptr)
        keep = df >= self.min_df
        if self.max_features is not None and keep.sum() > self.max_features:
            totals = np.asarray(X.sum(axis=0)).ravel()
            kept = np.where(keep)[0]
            top = kept[(-totals[kept]).argsort(kind="stable")[: self.max_features]]
            keep = np.zeros_like(keep)
            keep[top] = True
        idf = np.array(self.idf_, dtype=float)
        idf[~keep] = 0.0
        self.idf_ = idf
        return self


def hashed_tfidf(hasher, *, min_df: int = 2, max_features: int | None = None) -> Pipeline:
    """Hashed counts weighted by the model's own TF-IDF (sublinear counts, unit-length rows), keeping
    the columns of n-grams seen in ``min_df`` training rows (at most ``max_features``)."""
    return Pipeline(
        [("hash", hasher), ("tfidf", PrunedTfidf(min_df=min_df, max_features=max_features, sublinear_tf=True))]
    )


def text_features(
    *, n_features: int = HASH_FEATURES, word_max_features: int = 20000, char_max_features: int = 30000, min_df: int = 2
):
    """Word 1-2-grams and character 2-5-grams (within word boundaries), hashed, TF-IDF with sublinear
    counts, n-grams seen in at least ``min_df`` training rows, at most 20,000 word and 30,000
    character columns. The hashing is the same for every sentence model, so the analysis hashes each
    sentence once for all of them (:mod:`framing.classifiers.fast`); each model keeps only its weights."""
    return [
        ("words", hashed_tfidf(word_hasher(n_features=n_features), min_df=min_df, max_features=word_max_features)),
        ("chars", hashed_tfidf(char_hasher(n_features=n_features), min_df=min_df, max_features=char_max_features)),
    ]


def calibrated_linear(*, C: float = 0.1, seed: int = 0, calibration_folds: int = 3) -> CalibratedClassifierCV:
    """A linear SVM (balanced classes) fitted on all rows, with sigmoid calibration of its scores
    learned on inner folds (``ensemble=False``): probabilities a threshold can be set on."""
    return CalibratedClassifierCV(
        LinearSVC(C=C, class_weight="balanced", random_state=seed),
        method="sigmoid",
        cv=calibration_folds,
        ensemble=False,
    )


def sentence_pipeline(
    *,
    features: str = "all",
    C: float = 0.1,
    seed: int = 0,
    n_features: int = HASH_FEATURES,
    word_max_features: int = 20000,
    char_max_features: int = 30000,
    min_df: int = 2,
    cue_weight: float = 0.3,
) -> Pipeline:
    """The sentence classifier. ``features``: ``all`` (cues + text), ``cues`` (the lexicon evidence
    only: the baseline every figure is reported beside) or ``text`` (n-grams only). ``cue_weight``
    scales the cue counts against the unit-length TF-IDF rows (0.3 was best of 0.1-0.5 on BABE folds)."""
    if features not in {"all", "cues", "text"}:
        raise ValueError(f"features must be 'all', 'cues' or 'text', not {features!r}")
    parts: list[tuple[str, Any]] = []
    weights = {}
    if features in {"all", "cues"}:
        parts.append(("cues", CueFeaturizer()))
        weights["cues"] = cue_weight
    if features in {"all", "text"}:
        parts += text_features(
            n_features=n_features,
            word_max_features=word_max_features,
            char_max_features=char_max_features,
            min_df=min_df,
        )
    union = FeatureUnion(parts, transformer_weights=weights or None)
    return Pipeline([("features", union), ("classifier", calibrated_linear(C=C, seed=seed))])


# ---------------------------------------------------------------------------------------------------
# files


class CompactVector:
    """A long 1-D vector most of whose entries share one value, kept as the other entries only: the
    IDF weights of hashed features (about a million columns, a few ten thousand of them seen in
    training) take a few hundred kilobytes instead of 8 MB per block and model. It offers what reads
    them: indexing by an array of columns (``TfidfTransformer.transform``), ``len``, ``shape`` and
    ``np.asarray`` (the whole vector, made on demand)."""

    ndim = 1

    def __init__(self, dense: np.ndarray):
        dense = np.asarray(dense)
        distinct, counts = np.unique(dense, return_counts=True)
        self.common = dense.dtype.type(distinct[counts.argmax()])
        self.rows = np.flatnonzero(dense != self.common).astype(np.int64)
        self.values = dense[self.rows]
        self.size = len(dense)
        self.dtype = dense.dtype

    @property
    def shape(self) -> tuple[int]:
        return (self.size,)

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index):
        index = np.asarray(index)
        if index.dtype == bool or index.ndim > 1:
            return np.asarray(self)[index]
        index = np.where(index < 0, index + self.size, index)
        out = np.full(index.shape, self.common, dtype=self.dtype)
        if len(self.rows):
            position = np.minimum(np.searchsorted(self.rows, index), len(self.rows) - 1)
            hit = self.rows[position] == index
            out[hit] = self.values[position[hit]]
        return out[()] if out.ndim == 0 else out

    def __array__(self, dtype=None, copy=None):
        dense = np.full(self.size, self.common, dtype=self.dtype)
        dense[self.rows] = self.values
        return dense if dtype is None else dense.astype(dtype)


def compact(model):
    """Make a fitted model small on disk: drop the TF-IDF vectorisers' ``stop_words_`` where scikit-learn
    keeps them (every n-gram cut by min_df/max_features) and store vocabularies with plain ints."""
    from sklearn.base import BaseEstimator

    seen = set()

    def walk(obj):
        if id(obj) in seen:
            return
        seen.add(id(obj))
        if isinstance(obj, TfidfVectorizer) and hasattr(obj, "stop_words_"):
            del obj.stop_words_
        if isinstance(getattr(obj, "idf_", None), CompactVector):  # files keep the plain array
            obj.idf_ = np.asarray(obj.idf_)
        if isinstance(getattr(obj, "vocabulary_", None), dict):
            # numpy integers would be stored one file each; Python ints go into the JSON schema
            obj.vocabulary_ = {key: int(value) for key, value in obj.vocabulary_.items()}
        if isinstance(obj, BaseEstimator):
            for value in vars(obj).values():
                walk(value)
        elif isinstance(obj, list | tuple):
            for value in obj:
                walk(value)

    walk(model)
    return model


def save_model(model, path: str | Path) -> Path:
    """Write ``model`` with skops (compacted, see :func:`compact`; zip-compressed); returns the path."""
    import zipfile

    import skops.io as sio

    compact(model)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(model, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    return path


def load_model(path: str | Path):
    """Read a model file written by framing, refusing any type not in ``TRUSTED_TYPES``.

    Cached per process (keyed on the file's path, size and modification time), so the analysis loads
    each model once.
    """
    path = Path(path)
    if not path.is_file():
        raise model_error("model_not_found", path=path)
    stat = path.stat()
    return _load_model(str(path.resolve()), stat.st_size, stat.st_mtime_ns)


# Where the types of model files written before the package took its present layout live now
# (framing.classify -> framing.classifiers); such files are read with their type names brought up to date.
LEGACY_TYPES = {
    ("framing.classify.features", "CueFeaturizer"): "framing.classifiers.features",
    ("framing.classify.models", "PrunedTfidf"): "framing.classifiers.models",
    ("framing.classify.stance", "TargetContext"): "framing.classifiers.target_features",
    ("framing.classify.stance", "TargetCueFeaturizer"): "framing.classifiers.target_features",
}


def _current_types(node) -> bool:
    """Rewrite the legacy type names in a skops schema in place; True if any was found."""
    found = False
    if isinstance(node, dict):
        module = LEGACY_TYPES.get((node.get("__module__"), node.get("__class__")))
        if module is not None:
            node["__module__"] = module
            found = True
        for value in node.values():
            found = _current_types(value) or found
    elif isinstance(node, list):
        for value in node:
            found = _current_types(value) or found
    return found


def upgrade_model_bytes(data: bytes) -> bytes:
    """A skops file's bytes with legacy type names (LEGACY_TYPES) rewritten; unchanged if it has none."""
    import io
    import json
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as source:
        schema = json.loads(source.read("schema.json"))
        if not _current_types(schema):
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                content = json.dumps(schema, indent=2).encode() if info.filename == "schema.json" else source.read(info)
                target.writestr(info, content)
    return out.getvalue()


# A model file is a zip archive; its members are expanded in memory while loading. The shipped models
# expand to 50 MB at most: an archive whose directory announces more than this is refused unread (a
# zip bomb of 2 MB can announce gigabytes; zipfile never expands a member past its announced size).
MAX_MODEL_EXPANDED_BYTES = 1024 * 1024 * 1024


def _check_expanded_size(data: bytes, path: str) -> None:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        total = sum(info.file_size for info in archive.infolist())
    if total > MAX_MODEL_EXPANDED_BYTES:
        raise model_error(
            "model_unreadable", path=path,
            error=f"it would expand to {total:,} bytes (the limit is {MAX_MODEL_EXPANDED_BYTES:,}); not read",
        )


@lru_cache(maxsize=16)
def _load_model(path: str, size: int, mtime_ns: int):
    import zipfile

    import skops.io as sio
    from skops.io.exceptions import UntrustedTypesFoundException

    try:
        data = Path(path).read_bytes()
        _check_expanded_size(data, path)
        data = upgrade_model_bytes(data)
        # skops checks every type in the file against the list before building anything
        model = sio.loads(data, trusted=TRUSTED_TYPES)
    except UntrustedTypesFoundException:
        refused = sorted(set(sio.get_untrusted_types(data=data)) - set(TRUSTED_TYPES))
        raise model_error("model_untrusted", path=path, types=", ".join(refused)) from None
    except ModelError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, AttributeError, ImportError) as error:
        # a crafted schema (an unknown loader such as ReduceNode, wrong node contents) fails inside skops
        raise model_error("model_unreadable", path=path, error=f"{type(error).__name__}: {error}") from error
    if not hasattr(model, "predict_proba"):
        raise model_error("model_not_classifier", path=path)
    _sparsify(model)
    return model


def _sparsify(model) -> None:
    """Store the coefficients of every linear model inside ``model`` as a sparse matrix, and the IDF
    weights of hashed TF-IDF steps as a :class:`CompactVector`: hashed features give wide vectors with
    few distinct entries (scikit-learn predicts the same from either)."""
    from sklearn.base import BaseEstimator

    seen: set[int] = set()

    def visit(obj) -> None:
        if id(obj) in seen:
            return
        seen.add(id(obj))
        if isinstance(obj, list | tuple):
            for item in obj:
                visit(item)
            return
        if not isinstance(obj, BaseEstimator):
            # scikit-learn's helpers that hold estimators (the calibrated classifiers of
            # CalibratedClassifierCV) are not estimators themselves
            if type(obj).__module__.startswith("sklearn.") and hasattr(obj, "__dict__"):
                for value in vars(obj).values():
                    visit(value)
            return
        coef = getattr(obj, "coef_", None)
        sparse_enough = (
            isinstance(coef, np.ndarray) and coef.ndim == 2 and np.count_nonzero(coef) < 0.5 * coef.size
        )
        if sparse_enough and hasattr(obj, "sparsify"):
            obj.sparsify()
        idf = getattr(obj, "idf_", None)
        if isinstance(obj, TfidfTransformer) and isinstance(idf, np.ndarray) and idf.ndim == 1 and idf.size > 65536:
            vector = CompactVector(idf)
            if len(vector.rows) < 0.25 * idf.size:
                obj.idf_ = vector
        for value in vars(obj).values():
            visit(value)

    visit(model)


def model_info(model) -> dict[str, Any]:
    """What the model was trained for (``framing_info_``); empty for a model framing did not train."""
    return dict(getattr(model, "framing_info_", {}) or {})


def sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------------
# the shipped models


@dataclass(frozen=True)
class ManifestEntry:
    """One shipped model, as listed in ``MANIFEST.tsv``."""

    name: str
    file: str
    dimension: str
    training_data: str
    n: int
    figure: str  # what ``value`` measures, e.g. "5-fold CV macro-F1"
    value: float
    sha256: str


def models_dir() -> Path:
    """The folder of the shipped models (inside the package)."""
    return Path(str(resources.files("framing"))) / "models"


def read_manifest(folder: str | Path | None = None) -> list[ManifestEntry]:
    """The shipped models' manifest; empty when none has been built."""
    path = Path(folder or models_dir()) / "MANIFEST.tsv"
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [
        ManifestEntry(
            name=r["name"],
            file=r["file"],
            dimension=r["dimension"],
            training_data=r["training_data"],
            n=int(r["n"]),
            figure=r["figure"],
            value=float(r["value"]),
            sha256=r["sha256"],
        )
        for r in rows
    ]


def write_manifest(entries: list[ManifestEntry], folder: str | Path | None = None) -> Path:
    path = Path(folder or models_dir()) / "MANIFEST.tsv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(MANIFEST_COLUMNS)
        for e in sorted(entries, key=lambda e: e.name):
            writer.writerow([e.name, e.file, e.dimension, e.training_data, e.n, e.figure, f"{e.value:.4f}", e.sha256])
    return path


def shipped_model_path(name: str) -> Path | None:
    """The file of the shipped model ``name``, or None when it has not been built."""
    for entry in read_manifest():
        if entry.name == name:
            path = models_dir() / entry.file
            return path if path.is_file() else None
    return None


def load_shipped(name: str):
    """Load the shipped model ``name``; a clear error when it is missing."""
    path = shipped_model_path(name)
    if path is None:
        raise model_error("no_shipped_model", name=name)
    return load_model(path)
