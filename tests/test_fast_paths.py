"""The fast paths give the numbers of the slow ones: the cached hasher against scikit-learn's
``HashingVectorizer``, and a batch of articles against the same articles analysed one by one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import HashingVectorizer

from framing.classifiers.fast import CachedHasher
from framing.config import AnalysisConfig
from framing.reading import read_paths
from framing.resources import sample_corpus_dir
from framing.tables.pipeline import analyse_article, analyse_articles

SETTINGS = [
    {"analyzer": "word", "ngram_range": (1, 2)},
    {"analyzer": "word", "ngram_range": (1, 3)},
    {"analyzer": "word", "ngram_range": (2, 3)},
    {"analyzer": "char_wb", "ngram_range": (2, 5)},
    {"analyzer": "char_wb", "ngram_range": (1, 1)},
]
WORDS = st.sampled_from(
    ["Talks", "stalled", "a", "I", "ceasefire", "Ünïcode", "“quoted”", "x-y", "don't", "ab"]
)
TEXTS = st.lists(
    st.one_of(
        st.lists(WORDS, max_size=12).map(" ".join),
        st.text(alphabet=st.sampled_from("ab É\t\n.,'-"), max_size=20),
    ),
    min_size=1,
    max_size=6,
)


@pytest.mark.parametrize("options", SETTINGS, ids=lambda o: f"{o['analyzer']}{o['ngram_range']}")
@settings(max_examples=60, deadline=None)
@given(texts=TEXTS)
def test_cached_hasher_counts_as_scikit_learn(options, texts):
    hasher = HashingVectorizer(n_features=2**18, alternate_sign=False, norm=None, **options)
    cached = CachedHasher(hasher, limit=8)  # a small table: the refill path is exercised too
    expected = hasher.transform(texts).tocsr()
    for _ in range(2):  # the second pass reads the remembered columns
        got = cached.transform(texts)
        assert got.shape == expected.shape
        assert (got != expected).nnz == 0


def test_cached_hasher_falls_back_for_other_settings():
    hasher = HashingVectorizer(n_features=2**10, alternate_sign=True)
    cached = CachedHasher(hasher)
    assert not cached.supported
    texts = ["one two", "three"]
    assert (cached.transform(texts) != hasher.transform(texts)).nnz == 0


def test_a_batch_gives_the_tables_of_articles_analysed_one_by_one():
    config = AnalysisConfig()
    articles = [a for a in read_paths([sample_corpus_dir()], config.read_options) if hasattr(a, "text")][:8]
    assert len(articles) == 8
    together = analyse_articles(articles, config)
    alone = [analyse_article(a, config) for a in articles]
    for key in ("sentences", "cues"):
        left = pd.DataFrame([row for r in together for row in getattr(r, key)])
        right = pd.DataFrame([row for r in alone for row in getattr(r, key)])
        pd.testing.assert_frame_equal(left, right)
    assert [r.article for r in together] == [r.article for r in alone]


@pytest.mark.parametrize("options", [{}, {"classifiers": False}, {"vader": False}], ids=str)
def test_the_columns_are_known_without_loading_the_models(options):
    from framing.tables.pipeline import pipeline, sentence_columns, table_columns

    config = AnalysisConfig(**options)
    assert table_columns(config) == sentence_columns(pipeline(config))


def test_compact_vector_reads_like_the_dense_array():
    from framing.classifiers.models import CompactVector

    rng = np.random.default_rng(0)
    dense = np.zeros(200_000)
    seen = rng.choice(dense.size, 3_000, replace=False)
    dense[seen] = rng.uniform(1, 9, seen.size)
    vector = CompactVector(dense)
    assert len(vector) == dense.size and vector.shape == dense.shape
    assert vector.values.nbytes + vector.rows.nbytes < dense.nbytes / 20
    index = np.concatenate([seen[:500], rng.integers(0, dense.size, 500), [0, dense.size - 1, -1]])
    np.testing.assert_array_equal(vector[index], dense[index])
    assert vector[int(seen[0])] == dense[seen[0]]
    np.testing.assert_array_equal(np.asarray(vector), dense)


def test_loaded_models_keep_compact_idf_and_predict_the_same(tmp_path):
    from sklearn.feature_extraction.text import TfidfTransformer

    from framing.classifiers.models import CompactVector, load_model, save_model, sentence_pipeline

    texts = [f"the council blamed the mayor for delay number {i}" for i in range(20)]
    texts += [f"the bus route opened on day {i} of the month" for i in range(20)]
    labels = [1] * 20 + [0] * 20
    model = sentence_pipeline(features="text", C=0.5).fit(texts, labels)
    path = save_model(model, tmp_path / "m.skops")
    loaded = load_model(path)
    steps = [s for _, s in loaded.steps[0][1].transformer_list]
    tfidfs = [step for pipe in steps for _, step in pipe.steps if isinstance(step, TfidfTransformer)]
    assert tfidfs and all(isinstance(t.idf_, CompactVector) for t in tfidfs)
    new = ["the council blamed the mayor again", "a new bus route"]
    np.testing.assert_allclose(loaded.predict_proba(new), model.predict_proba(new))
    again = save_model(loaded, tmp_path / "again.skops")  # saved with plain arrays
    np.testing.assert_allclose(load_model(again).predict_proba(new), model.predict_proba(new))


@pytest.mark.parametrize("bit_count", [True, False])
def test_sparse_rows_product_matches_the_dense_product(monkeypatch, bit_count):
    """The compiled models' weight lookup (a bitmap with ranks, or a binary search on numpy < 2) gives
    the product with the full matrix, columns never stored included."""
    import scipy.sparse as sp

    from framing.classifiers.fast import _Rows

    if not bit_count:
        monkeypatch.delattr(np, "bitwise_count", raising=False)
    rng = np.random.default_rng(3)
    n = 5000
    dense = np.full((n, 2), 0.25)
    stored = rng.choice(n, 700, replace=False)
    dense[stored] = rng.normal(size=(700, 2))
    dense[n - 1] = [1.0, -1.0]  # the last column, at a 64-column word's edge
    rows = _Rows.of(dense)
    counts = sp.random(40, n, density=0.02, format="lil", random_state=4)
    counts[0, n - 1] = 2.0
    counts[1, 0] = 1.0
    counts = counts.tocsr()
    assert np.allclose(rows.dot(counts), counts @ dense)
    assert np.allclose(rows.dot(sp.csr_matrix((3, n))), 0.0)


CELLS = st.one_of(
    st.text(alphabet=st.sampled_from(["'", "=", "+", "-", "@", "\t", "\r", "a", " ", "1", "é"]), max_size=6),
    st.none(),
    st.floats(allow_nan=True),
    st.integers(-3, 3),
)


@given(st.lists(CELLS, max_size=12))
@settings(max_examples=200, deadline=None)
def test_vectorised_neutralising_gives_the_values_of_the_per_cell_functions(cells):
    from framing.storage.reports import neutralise, neutralised, unneutralise, unneutralised

    def csv(series):  # what the reports hold (None and NaN both become empty cells)
        return series.to_frame("cell").to_csv(index=False, lineterminator="\n")

    mixed = pd.Series(cells, dtype=object)
    assert csv(neutralised(mixed)) == csv(mixed.map(neutralise))
    texts = [c for c in cells if isinstance(c, str)]
    for series in (pd.Series(texts, dtype=object), pd.Series(texts, dtype="str")):
        assert neutralised(series).tolist() == series.map(neutralise).tolist()
        assert unneutralised(series).tolist() == series.map(unneutralise).tolist()
        assert unneutralised(neutralised(series)).tolist() == texts
