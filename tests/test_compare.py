"""Tests for framing.analytics.compare: the difference interval, the permutation test, Benjamini-Hochberg and the
ordering of comparisons, on synthetic corpora with and without a real difference."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_aggregate import make_analysis, random_corpus

from framing.analytics import compare as C
from framing.analytics import profiles as A
from framing.errors import InputError


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        ([0.01, 0.04, 0.03, 0.5], [0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.5]),
        ([0.2, np.nan, 0.01], [0.2, np.nan, 0.02]),
        ([0.9, 0.95], [0.95, 0.95]),
        ([], []),
    ],
)
def test_benjamini_hochberg(p, expected):
    np.testing.assert_allclose(C.benjamini_hochberg(p), expected)


def test_real_difference_is_clear():
    analysis = random_corpus(1, {"A": {"n": 20, "hedge": 0.6}, "B": {"n": 20, "hedge": 0.1}})
    table = C.compare(analysis, "outlet", "A", "B", metrics=["hedge_rate", "booster_rate"], n_boot=1000, n_perm=1000)
    row = table.set_index("metric").loc["hedge_rate"]
    assert row["difference"] > 30 and row["ci_low"] > 0
    assert row["p_value"] < 0.01 and row["clear"]
    assert table.iloc[0]["metric"] == "hedge_rate"  # clearest first


def test_no_difference_large_p_on_shuffled_labels():
    analysis = random_corpus(2, {"A": {"n": 30, "hedge": 0.4}})
    rng = np.random.default_rng(5)
    labels = np.array(["A"] * 15 + ["B"] * 15)
    analysis.articles["outlet"] = rng.permutation(labels)
    table = C.compare(analysis, "outlet", "A", "B", metrics=["hedge_rate"], voices=["all"], n_perm=2000)
    row = table.iloc[0]
    assert row["p_value"] > 0.2
    assert row["ci_low"] < 0 < row["ci_high"]
    assert not row["clear"]


def test_identical_groups_p_is_one():
    spec = [{"hedge": k % 3 == 0} for k in range(12)]
    articles = [{"id": f"{g}{i}", "outlet": g, "published": "2025-01-01", "sentences": spec} for g in "AB" for i in range(4)]
    table = C.compare(make_analysis(articles), "outlet", "A", "B", metrics=["hedge_rate"], voices=["all"])
    assert table.iloc[0]["difference"] == 0
    assert table.iloc[0]["p_value"] == 1.0


def test_values_match_profiles():
    analysis = random_corpus(3, {"A": {"n": 8, "hedge": 0.5}, "B": {"n": 9, "hedge": 0.2}})
    table = C.compare(analysis, "outlet", "A", "B", voices=("all", "author"), n_boot=200, n_perm=200)
    profiles = A.profiles(analysis, voices=("all", "author"), n_boot=0).set_index(["outlet", "metric", "voice"])
    for row in table.itertuples():
        assert row.value_a == pytest.approx(profiles.loc[("A", row.metric, row.voice), "value"], nan_ok=True)
        assert row.value_b == pytest.approx(profiles.loc[("B", row.metric, row.voice), "value"], nan_ok=True)
        assert row.n_articles_a == profiles.loc[("A", row.metric, row.voice), "n_articles"]
    np.testing.assert_allclose(table["difference"], table["value_a"] - table["value_b"])
    assert list(table.columns) == list(C.COMPARE_COLUMNS)
    assert (table["p_adjusted"].dropna() >= table["p_value"].dropna() - 1e-12).all()
    clear = table["clear"].to_numpy()
    assert (clear[: clear.sum()]).all()  # clear rows come first
    assert (table["clear"] == ((table["p_adjusted"] < 0.05) & ((table["ci_low"] > 0) | (table["ci_high"] < 0)))).all()


def test_compare_all_pairs_and_joint_adjustment():
    analysis = random_corpus(4, {"A": {"n": 6, "hedge": 0.6}, "B": {"n": 6}, "C": {"n": 6}, "D": {"n": 1}})
    table = C.compare_all(analysis, "outlet", metrics=["hedge_rate"], voices=["all"], n_boot=100, n_perm=300)
    assert sorted(zip(table["group_a"], table["group_b"], strict=True)) == [("A", "B"), ("A", "C"), ("B", "C")]
    np.testing.assert_allclose(table["p_adjusted"], C.benjamini_hochberg(table["p_value"]))
    single = C.compare(analysis, "outlet", "A", "B", metrics=["hedge_rate"], voices=["all"], n_boot=100, n_perm=300)
    joint = table[(table["group_a"] == "A") & (table["group_b"] == "B")].iloc[0]
    assert joint["p_value"] == single.iloc[0]["p_value"]  # the pair's own seed, whatever else is compared
    chosen = C.compare_all(analysis, "outlet", groups=["C", "A"], metrics=["hedge_rate"], voices=["all"], n_perm=50)
    assert chosen[["group_a", "group_b"]].values.tolist() == [["A", "C"]]


def test_compare_prepared_is_the_pairs_rows_of_compare_all_adjusted_over_the_pair():
    analysis = random_corpus(5, {"A": {"n": 8, "hedge": 0.6}, "B": {"n": 7}, "C": {"n": 6, "blame": 0.5}})
    table = C.compare_all(analysis, "outlet", voices=["all"], n_boot=100, n_perm=200)
    prepared = C.prepare(analysis, "outlet", voices=["all"])
    for a, b in (("A", "B"), ("C", "A")):  # either order: the rows are written a - b
        pair = C.compare_prepared(prepared, a, b, n_boot=100, n_perm=200)
        expected = C.pair_rows(table, a, b).set_index(["metric", "voice"])
        got = pair.set_index(["metric", "voice"]).loc[expected.index]
        for column in ("value_a", "value_b", "difference", "ci_low", "ci_high", "p_value", "n_articles_a"):
            np.testing.assert_allclose(got[column].astype(float), expected[column].astype(float))
        np.testing.assert_allclose(pair["p_adjusted"], C.benjamini_hochberg(pair["p_value"]))
        assert (pair["group_a"] == a).all() and (pair["group_b"] == b).all()
        assert pair["clear"].iloc[0] or not pair["clear"].any()  # clearest first


def test_compare_periods():
    analysis = random_corpus(5, {"A": {"n": 12}})
    table = C.compare(analysis, "period", "2025-01", "2025-02", metrics=["hedge_rate"], n_perm=50, n_boot=50)
    assert table.iloc[0][["group_a", "group_b"]].tolist() == ["2025-01", "2025-02"]


def test_unknown_group():
    with pytest.raises(InputError) as info:
        C.compare(random_corpus(6), "outlet", "A", "Z", n_perm=10, n_boot=10)
    assert str(info.value) == "no articles in group 'Z'; groups are: A, B"


def test_compare_deterministic():
    analysis = random_corpus(7)
    first = C.compare(analysis, "outlet", "A", "B", n_boot=200, n_perm=200, seed=3)
    pd.testing.assert_frame_equal(first, C.compare(analysis, "outlet", "A", "B", n_boot=200, n_perm=200, seed=3))


def test_permutation_p_values_direct():
    num = np.array([[9.0], [8.0], [9.0], [1.0], [0.0], [1.0]])
    den = np.full((6, 1), 10.0)
    in_a = np.array([True, True, True, False, False, False])
    p = C.permutation_p_values(num, den, in_a, np.array([1.0]), n_perm=4000, rng=np.random.default_rng(0))
    # only the observed split and its mirror reach the observed difference: 2 of 20 splits
    assert p[0] == pytest.approx(0.1, abs=0.02)
