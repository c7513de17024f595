"""The fast model files (``framing/models/NAME.fast.npz``): made from the shipped skops files, up to
date with them, predicting exactly what they predict, and never trusted when made from another file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing.classifiers import fast_files, models
from framing.classifiers.fast import predict_proba as analysis_proba
from framing.classifiers.fast_files import (
    FastModel,
    fast_path,
    load_predictor,
    read_fast_file,
    write_fast_file,
)
from framing.classifiers.features import annotate_texts
from framing.classifiers.models import load_model, models_dir, read_manifest, sha256

# our own sentences, written for these tests
SENTENCES = [
    "The mayor blamed the contractor for the flooded tunnel, officials said on Tuesday.",
    "Critics called the plan a reckless gamble that could perhaps cost millions.",
    "The council may reopen the bridge next week, according to a spokesperson.",
    "Residents said the new park was a wonderful addition to the neighbourhood.",
    "The minister denied any wrongdoing and accused the opposition of spreading lies.",
]
FAST = ["blame", "hedge", "evaluative", "reported", "stance", "blame_target"]


def _entries():
    return {e.name: e for e in read_manifest()}


@pytest.mark.parametrize("name", FAST)
def test_every_fast_file_was_made_from_the_shipped_skops_file(name):
    entry = _entries().get(name)
    if entry is None:
        pytest.skip(f"no shipped {name} model")
    fast = fast_path(models_dir() / entry.file)
    assert fast.is_file(), f"{fast.name} is missing: run make fast-models"
    with np.load(fast, allow_pickle=False) as stored:
        header = json.loads(str(stored["header"]))
    assert header["source_sha256"] == entry.sha256 == sha256(models_dir() / entry.file), (
        f"{fast.name} was made from another {entry.file}: run make fast-models"
    )
    assert isinstance(load_predictor(models_dir() / entry.file), FastModel)


@pytest.mark.parametrize("name", ["blame", "hedge", "evaluative", "reported"])
def test_sentence_models_predict_the_same_from_either_file(name):
    path = models_dir() / _entries()[name].file
    full, fast = load_model(path), load_predictor(path)
    texts = annotate_texts(SENTENCES)
    # the analysis predicts through the compiled form of either: the same arrays, the same figures
    assert np.array_equal(analysis_proba(fast, texts), analysis_proba(full, texts))
    assert np.allclose(fast.predict_proba(texts), full.predict_proba(texts), rtol=0, atol=1e-12)
    assert [str(c) for c in fast.classes_] == [str(c) for c in full.classes_]
    assert fast.framing_info_ == models.model_info(full)


def test_the_stance_model_predicts_the_same_from_either_file():
    from framing.classifiers.stance import mark_target

    path = models_dir() / _entries()["stance"].file
    full, fast = load_model(path), load_predictor(path)
    marked = [mark_target(text, 4, 9) for text in SENTENCES]
    assert np.array_equal(analysis_proba(fast, marked), analysis_proba(full, marked))
    assert list(fast.classes_) == list(full.classes_)


def test_the_target_model_predicts_the_same_from_either_file():
    path = models_dir() / _entries()["blame_target"].file
    full, fast = load_model(path), load_predictor(path)
    names = full.steps[0][1].feature_names_
    rng = np.random.default_rng(0)
    rows = [{names[i]: float(rng.integers(1, 3)) for i in rng.choice(len(names), 12, replace=False)} for _ in range(30)]
    rows.append({"a feature no model has": 1.0})
    assert np.array_equal(fast.predict_proba(rows), full.predict_proba(rows))


def test_a_fast_file_made_from_another_skops_file_is_not_used(tmp_path: Path):
    source = models_dir() / _entries()["hedge"].file
    copy = tmp_path / "hedge.skops"
    shutil.copyfile(source, copy)
    write_fast_file(load_model(source), source, out=fast_path(copy))
    assert isinstance(load_predictor(copy), FastModel)
    other = tmp_path / "other.skops"
    shutil.copyfile(models_dir() / _entries()["blame"].file, other)
    shutil.copyfile(fast_path(copy), fast_path(other))  # a hedge fast file beside the blame model
    assert read_fast_file(fast_path(other), sha256(other)) is None
    loaded = load_predictor(other)
    assert not isinstance(loaded, FastModel) and models.model_info(loaded)["dimension"] == "blame"


def test_a_fast_file_holding_python_objects_is_refused(tmp_path: Path):
    source = models_dir() / _entries()["hedge"].file
    copy = tmp_path / "hedge.skops"
    shutil.copyfile(source, copy)
    header = json.dumps({"format": fast_files.FORMAT, "source_sha256": sha256(copy)})
    np.savez(fast_path(copy), header=np.array(header), payload=np.array([object()], dtype=object))
    with pytest.raises(ValueError, match="not a fast model file"):
        read_fast_file(fast_path(copy), sha256(copy))
    assert not isinstance(load_predictor(copy), FastModel)  # the skops file is read instead


def test_the_analysis_is_the_same_without_the_fast_files(monkeypatch, tmp_path):
    from framing.classifiers.annotator import load_models
    from framing.classifiers.targets import load_picker
    from framing.config import AnalysisConfig
    from framing.running.inprocess import analyse_texts
    from framing.tables.pipeline import pipeline

    def clear():
        for cached in (load_models, load_picker, pipeline, models._load_model, fast_files._load_predictor):
            cached.cache_clear()

    texts = [" ".join(SENTENCES), " ".join(reversed(SENTENCES))]
    config = AnalysisConfig()
    clear()
    with_fast = analyse_texts(texts, config)
    assert isinstance(load_models(config).stance, FastModel)
    monkeypatch.setattr(fast_files, "fast_path", lambda path: tmp_path / "none.fast.npz")
    clear()
    try:
        without = analyse_texts(texts, config)
        assert not isinstance(load_models(config).stance, FastModel)
    finally:
        monkeypatch.undo()
        clear()
    for name in ("sentences", "cues", "actors"):
        pd.testing.assert_frame_equal(getattr(with_fast, name), getattr(without, name))
