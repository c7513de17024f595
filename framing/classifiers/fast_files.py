"""The shipped models' prediction form as plain arrays: what the analysis needs of a model, read in
milliseconds and without skops.

A skops file is the shipped, audited format: reading one rebuilds the whole scikit-learn object tree
(1.7 CPU seconds for the six shipped models) after importing skops, whose import lists every
scikit-learn estimator (imports all of scikit-learn). The analysis only predicts, so next to each
shipped ``NAME.skops`` file ``make fast-models`` (:func:`write_fast_files`) writes ``NAME.fast.npz``:

- a sentence or stance model (a ``Pipeline`` that :func:`framing.classifiers.fast.compile_model`
  compiles): the compiled form, i.e. each block's stored rows of IDF-weighted coefficients, the
  intercept and the calibration, with the hashers', cue featurisers' and target contexts' parameters;
- the blame target model (``DictVectorizer`` then ``LogisticRegression``): the vocabulary, the
  coefficients and the intercept, put back into the same two scikit-learn steps, unfitted objects
  given their fitted attributes, so it predicts exactly what the skops file does.

Every array is read with ``allow_pickle=False`` and the rest is JSON, so the file cannot run code;
the objects rebuilt from it are of a fixed list of classes. The file records the sha256 of the skops
file it was made from and is used only when that is the skops file present: a retrained or replaced
model is read from its skops file (and ``tests/test_fast_files.py`` fails until ``make fast-models``
is run again). Probabilities are the same as those of the skops model, bit for bit (same arrays, same
arithmetic).
"""

from __future__ import annotations

import io
import json
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from framing.classifiers.fast import CompiledModel, _DictBlock, _Rows, _TextBlock, compile_model
from framing.classifiers.models import _sparsify, load_model, models_dir, read_manifest, sha256

FORMAT = "framing-fast-model/1"
SUFFIX = ".fast.npz"


def fast_path(skops_path: str | Path) -> Path:
    """``NAME.fast.npz`` beside ``NAME.skops``."""
    path = Path(skops_path)
    return path.with_name(path.name.removesuffix(".skops") + SUFFIX)


class FastModel:
    """What the analysis reads of a model: ``classes_``, ``framing_info_``, ``predict_proba`` and
    ``predict``; ``compiled`` is the compiled form :func:`framing.classifiers.fast.predict_proba` uses."""

    def __init__(self, classes, info: dict, compiled: CompiledModel | None = None, estimator=None):
        self.classes_ = classes
        self.framing_info_ = info
        self.compiled = compiled
        self.estimator = estimator  # a rebuilt scikit-learn pipeline (the target model)

    def predict_proba(self, X):
        if self.compiled is not None:
            return self.compiled.predict_proba(X)
        return self.estimator.predict_proba(X)

    def predict(self, X):
        return self.classes_[self.predict_proba(X).argmax(axis=1)]


def _plain(value):
    """JSON for numpy scalars and arrays inside ``framing_info_``."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"cannot store {type(value).__name__} in a fast model file")


def _tuples(value):
    """JSON lists back to the tuples of a block key."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


# the hasher settings stored (those CachedHasher reads); anything else is not written as a fast file
_HASHER_PARAMS = ("analyzer", "ngram_range", "n_features", "lowercase", "token_pattern", "alternate_sign", "norm",
                  "binary", "input", "strip_accents", "stop_words", "preprocessor", "tokenizer", "decode_error",
                  "encoding", "dtype")


def _hasher_params(hasher) -> dict:
    params = hasher.get_params(deep=False)
    if set(params) != set(_HASHER_PARAMS):
        raise ValueError(f"hasher parameters {sorted(params)} are not the ones this format stores")
    if any(params[name] is not None for name in ("strip_accents", "stop_words", "preprocessor", "tokenizer")):
        raise ValueError("a hasher with a custom preprocessor, tokenizer, accents or stop words")
    params["dtype"] = np.dtype(params["dtype"]).name
    params["ngram_range"] = list(params["ngram_range"])
    return params


def _featurizer(kind: str, params: dict):
    from framing.classifiers.features import CueFeaturizer
    from framing.classifiers.target_features import TargetContext, TargetCueFeaturizer

    classes = {"CueFeaturizer": CueFeaturizer, "TargetCueFeaturizer": TargetCueFeaturizer, "TargetContext": TargetContext}
    if kind not in classes:
        raise ValueError(f"unknown part {kind!r}")
    return classes[kind](**params)


def _rows_arrays(prefix: str, rows: _Rows, arrays: dict) -> float:
    arrays[f"{prefix}_rows"] = rows.rows
    arrays[f"{prefix}_values"] = rows.values
    return rows.common


def _rows(prefix: str, common: float, arrays) -> _Rows:
    return _Rows(arrays[f"{prefix}_rows"], arrays[f"{prefix}_values"], float(common))


def fast_form(model) -> tuple[dict, dict[str, np.ndarray]]:
    """(JSON header, arrays) of a fitted model, or ValueError when it has no fast form."""
    classes = np.asarray(model.classes_)
    header: dict[str, Any] = {
        "format": FORMAT,
        "classes": classes.tolist(),
        "classes_dtype": classes.dtype.str,
        "info": dict(getattr(model, "framing_info_", {}) or {}),
    }
    arrays: dict[str, np.ndarray] = {}
    compiled = compile_model(model)
    if compiled is not None:
        blocks = []
        for number, block in enumerate(compiled.blocks):
            prefix = f"b{number}"
            if isinstance(block, _TextBlock):
                entry = {
                    "kind": "text",
                    "key": block.key,
                    "hasher": _hasher_params(block.hasher),
                    "sublinear": block.sublinear,
                    "weighted_common": _rows_arrays(f"{prefix}_weighted", block.weighted, arrays),
                    "idf_common": None,
                    "prepare": None,
                }
                if block.idf_squared is not None:
                    entry["idf_common"] = _rows_arrays(f"{prefix}_idf", block.idf_squared, arrays)
                if block.prepare is not None:
                    context = block.prepare.__self__
                    entry["prepare"] = [type(context).__name__, context.get_params(deep=False)]
            else:
                featurizer = block.dicts.__self__
                entry = {
                    "kind": "dict",
                    "key": block.key,
                    "featurizer": [type(featurizer).__name__, featurizer.get_params(deep=False)],
                    "vocabulary": block.vocabulary,
                }
                arrays[f"{prefix}_coef"] = block.coef
            blocks.append(entry)
        header.update(kind="compiled", blocks=blocks, link=compiled.link, a=compiled.a, b=compiled.b)
        arrays["intercept"] = compiled.intercept
        return header, arrays
    return _dict_linear_form(model, header, arrays)


def _dict_linear_form(model, header: dict, arrays: dict) -> tuple[dict, dict]:
    """A ``Pipeline(DictVectorizer, LogisticRegression)`` (the blame target model)."""
    import scipy.sparse as sp
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    steps = getattr(model, "steps", None) if isinstance(model, Pipeline) else None
    if not steps or len(steps) != 2:
        raise ValueError("not a model with a fast form")
    (name_v, vectorizer), (name_c, classifier) = steps
    if type(vectorizer) is not DictVectorizer or type(classifier) is not LogisticRegression:
        raise ValueError("not a model with a fast form")
    coef = classifier.coef_
    arrays["coef"] = coef.toarray() if sp.issparse(coef) else np.asarray(coef)
    arrays["intercept"] = np.asarray(classifier.intercept_)
    header.update(
        kind="dict_linear",
        steps=[name_v, name_c],
        vectorizer=vectorizer.get_params(deep=False) | {"dtype": np.dtype(vectorizer.dtype).name},
        feature_names=[str(n) for n in vectorizer.feature_names_],
        classifier={k: v for k, v in classifier.get_params(deep=False).items() if k != "class_weight"},
        class_weight=classifier.class_weight if isinstance(classifier.class_weight, str | None) else "unsupported",
        n_iter=np.asarray(classifier.n_iter_).tolist(),
    )
    if header["class_weight"] == "unsupported":
        raise ValueError("a class_weight dict is not stored in the fast form")
    return header, arrays


def write_fast_file(model, skops_path: str | Path, out: str | Path | None = None) -> Path:
    """Write the fast form of ``model`` (read from ``skops_path``) beside it; returns its path."""
    header, arrays = fast_form(model)
    header["source_sha256"] = sha256(skops_path)
    header["source"] = Path(skops_path).name
    text = json.dumps(header, default=_plain, sort_keys=True)
    path = Path(out) if out is not None else fast_path(skops_path)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, header=np.array(text), **arrays)
    # a fixed date in the archive, so the same model always gives the same bytes
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return path


def read_fast_file(path: str | Path, source_sha256: str) -> FastModel | None:
    """The model of a fast file made from the skops file whose sha256 is ``source_sha256``; None when
    the file is missing or was made from another file. Raises ValueError on a damaged file."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as stored:
            header = json.loads(str(stored["header"]))
            if not isinstance(header, dict) or header.get("format") != FORMAT:
                raise ValueError(f"format {header.get('format') if isinstance(header, dict) else header!r}, not {FORMAT!r}")
            if header.get("source_sha256") != source_sha256:
                return None  # made from another skops file: nothing else is read
            arrays = {name: stored[name] for name in stored.files if name != "header"}
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as error:
        raise ValueError(f"{path}: not a fast model file ({error})") from error
    classes = np.asarray(header["classes"], dtype=np.dtype(header["classes_dtype"]))
    if header["kind"] == "compiled":
        return FastModel(classes, header["info"], compiled=_compiled(header, arrays, classes))
    if header["kind"] == "dict_linear":
        return FastModel(classes, header["info"], estimator=_dict_linear(header, arrays, classes))
    raise ValueError(f"{path}: unknown kind {header['kind']!r}")


def _compiled(header: dict, arrays: dict, classes: np.ndarray) -> CompiledModel:
    from sklearn.feature_extraction.text import HashingVectorizer

    compiled = CompiledModel(
        intercept=arrays["intercept"], link=header["link"], a=float(header["a"]), b=float(header["b"]), classes=classes
    )
    for number, entry in enumerate(header["blocks"]):
        prefix = f"b{number}"
        if entry["kind"] == "text":
            params = dict(entry["hasher"])
            params["ngram_range"] = tuple(params["ngram_range"])
            params["dtype"] = np.dtype(params["dtype"]).type
            prepare = entry["prepare"]
            compiled.blocks.append(
                _TextBlock(
                    key=_tuples(entry["key"]),
                    prepare=_featurizer(*prepare).transform if prepare else None,
                    hasher=HashingVectorizer(**params),
                    sublinear=bool(entry["sublinear"]),
                    weighted=_rows(f"{prefix}_weighted", entry["weighted_common"], arrays),
                    idf_squared=_rows(f"{prefix}_idf", entry["idf_common"], arrays)
                    if entry["idf_common"] is not None
                    else None,
                )
            )
        elif entry["kind"] == "dict":
            featurizer = _featurizer(*entry["featurizer"])
            compiled.blocks.append(
                _DictBlock(_tuples(entry["key"]), featurizer._dicts, dict(entry["vocabulary"]), arrays[f"{prefix}_coef"])
            )
        else:
            raise ValueError(f"unknown block kind {entry['kind']!r}")
    return compiled


def _dict_linear(header: dict, arrays: dict, classes: np.ndarray):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    params = dict(header["vectorizer"])
    params["dtype"] = np.dtype(params["dtype"]).type
    vectorizer = DictVectorizer(**params)
    vectorizer.feature_names_ = list(header["feature_names"])
    vectorizer.vocabulary_ = {name: i for i, name in enumerate(vectorizer.feature_names_)}
    classifier = LogisticRegression(**header["classifier"], class_weight=header["class_weight"])
    classifier.coef_ = arrays["coef"]
    classifier.intercept_ = arrays["intercept"]
    classifier.classes_ = classes
    classifier.n_features_in_ = arrays["coef"].shape[1]
    classifier.n_iter_ = np.asarray(header["n_iter"], dtype=np.int32)
    names = header["steps"]
    return Pipeline([(names[0], vectorizer), (names[1], classifier)])


def load_predictor(path: str | Path):
    """The model of the skops file ``path`` for prediction only: from the fast file beside it when that
    was made from this very skops file (then a :class:`FastModel`: ``classes_``, ``framing_info_``,
    ``predict_proba``, no scikit-learn steps), else :func:`framing.classifiers.models.load_model`.
    Cached per process (keyed on the file's path, size and modification time)."""
    path = Path(path)
    if not path.is_file():
        return load_model(path)  # its error
    stat = path.stat()
    return _load_predictor(str(path.resolve()), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=16)
def _load_predictor(path: str, size: int, mtime_ns: int):
    fast = fast_path(path)
    if fast.is_file():
        try:
            model = read_fast_file(fast, sha256(path))
        except ValueError:  # damaged: the skops file is read instead
            model = None
        if model is not None:
            if model.estimator is not None:
                _sparsify(model.estimator)  # as the skops model is: the same arithmetic, the same probabilities
            return model
    return load_model(path)


def write_fast_files(folder: str | Path | None = None, *, log=print) -> list[Path]:
    """``NAME.fast.npz`` for every shipped model in the manifest that has a fast form."""
    folder = Path(folder or models_dir())
    written = []
    for entry in read_manifest(folder):
        source = folder / entry.file
        if not source.is_file():
            continue
        try:
            path = write_fast_file(load_model(source), source)
        except ValueError as error:
            log(f"{entry.file}: no fast form ({error})")
            fast_path(source).unlink(missing_ok=True)
            continue
        log(f"{entry.file} -> {path.name} ({path.stat().st_size:,} bytes)")
        written.append(path)
    return written


if __name__ == "__main__":  # make fast-models
    write_fast_files()
