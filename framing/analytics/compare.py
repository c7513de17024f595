"""Compare two groups of articles (two outlets, two periods) metric by metric, with honest statistics.

For each metric and voice: the difference of the two ratio estimates, a bootstrap interval for that
difference (articles resampled within each group), a two-sided permutation test that shuffles the
group labels of the articles, and Benjamini-Hochberg adjustment across all rows compared together.
A difference is ``clear`` when the adjusted p-value is below 0.05 and the interval excludes 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np
import pandas as pd

from framing.analytics.profiles import (
    ArticleMatrix,
    article_matrix,
    bootstrap_ratios,
    group_frame,
    group_seed,
    percentile_interval,
    ratio,
)
from framing.errors import InputError

COMPARE_COLUMNS = (
    "metric", "voice", "group_a", "group_b", "value_a", "value_b", "difference", "ci_low", "ci_high",
    "p_value", "p_adjusted", "n_articles_a", "n_articles_b", "clear",
)
# The defaults of comparisons.csv (``framing report``); the dashboard's Compare page uses the same, so
# both show one computation with one seed.
DEFAULT_N_BOOT = 1000
DEFAULT_SEED = 0
PERMUTATION_CELLS = 5_000_000  # label-indicator cells held in memory at once (n_perm x n_articles)


def benjamini_hochberg(p_values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values; NaN entries stay NaN and do not count as tests."""
    p = np.asarray(p_values, dtype=float)
    out = np.full(p.shape, np.nan)
    finite = np.flatnonzero(~np.isnan(p))
    m = len(finite)
    if not m:
        return out
    order = finite[np.argsort(p[finite], kind="stable")]
    scaled = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(scaled[::-1])[::-1]
    out[order] = np.minimum(adjusted, 1.0)
    return out


def permutation_p_values(
    num: np.ndarray, den: np.ndarray, in_a: np.ndarray, scale: np.ndarray, *, n_perm: int, rng: np.random.Generator
) -> np.ndarray:
    """Two-sided permutation p-value per column: how often shuffled group labels give a difference of
    ratios at least as large as the observed one. (1 + hits) / (1 + valid permutations)."""
    n = num.shape[0]
    observed = ratio(num[in_a].sum(0), den[in_a].sum(0), scale) - ratio(num[~in_a].sum(0), den[~in_a].sum(0), scale)
    total_num, total_den = num.sum(0), den.sum(0)
    hits = np.zeros(num.shape[1])
    valid = np.zeros(num.shape[1])
    tolerance = 1e-9 * np.maximum(np.abs(observed), 1.0)
    chunk = max(1, PERMUTATION_CELLS // max(n, 1))
    labels = np.zeros(n)
    labels[: int(in_a.sum())] = 1.0
    for start in range(0, n_perm, chunk):
        size = min(chunk, n_perm - start)
        indicator = rng.permuted(np.tile(labels, (size, 1)), axis=1)
        num_a, den_a = indicator @ num, indicator @ den
        diff = ratio(num_a, den_a, scale) - ratio(total_num - num_a, total_den - den_a, scale)
        ok = ~np.isnan(diff)
        valid += ok.sum(0)
        hits += (ok & (np.abs(np.where(ok, diff, 0.0)) >= np.abs(observed) - tolerance)).sum(0)
    with np.errstate(invalid="ignore"):
        p = (1.0 + hits) / (1.0 + valid)
    p[np.isnan(observed)] = np.nan
    return p


def _compare_rows(
    matrix: ArticleMatrix, groups: pd.Series, a: str, b: str, *, n_boot: int, n_perm: int, seed: int,
    confidence: float,
) -> pd.DataFrame:
    labels = groups.to_numpy(dtype=str)
    rows_a, rows_b = np.flatnonzero(labels == a), np.flatnonzero(labels == b)
    for name, rows in ((a, rows_a), (b, rows_b)):
        if not len(rows):
            known = ", ".join(sorted(set(labels)))
            raise InputError(f"no articles in group '{name}'; groups are: {known}")
    scale = matrix.scale
    num_a, den_a = matrix.numerator[rows_a], matrix.denominator[rows_a]
    num_b, den_b = matrix.numerator[rows_b], matrix.denominator[rows_b]
    value_a = ratio(num_a.sum(0), den_a.sum(0), scale)
    value_b = ratio(num_b.sum(0), den_b.sum(0), scale)
    k = len(matrix.columns)
    rng = group_seed(seed, groups.name, a, b)
    if n_boot > 0 and len(rows_a) >= 2 and len(rows_b) >= 2:
        boot = bootstrap_ratios(num_a, den_a, scale, n_boot=n_boot, rng=rng) - bootstrap_ratios(
            num_b, den_b, scale, n_boot=n_boot, rng=rng
        )
        low, high = percentile_interval(boot, confidence)
    else:
        low = high = np.full(k, np.nan)
    if n_perm > 0:
        rows = np.concatenate([rows_a, rows_b])
        in_a = np.zeros(len(rows), bool)
        in_a[: len(rows_a)] = True
        p = permutation_p_values(
            matrix.numerator[rows], matrix.denominator[rows], in_a, scale, n_perm=n_perm, rng=rng
        )
    else:
        p = np.full(k, np.nan)
    return pd.DataFrame(
        {
            "metric": [c.metric for c in matrix.columns],
            "voice": [c.voice for c in matrix.columns],
            "group_a": a,
            "group_b": b,
            "value_a": value_a,
            "value_b": value_b,
            "difference": value_a - value_b,
            "ci_low": low,
            "ci_high": high,
            "p_value": p,
            "n_articles_a": (den_a > 0).sum(0).astype("int64"),
            "n_articles_b": (den_b > 0).sum(0).astype("int64"),
            "_order": np.arange(k),
        }
    )


def _finish(table: pd.DataFrame, alpha: float) -> pd.DataFrame:
    """Adjust p-values across every row, mark clear differences, sort clearest first."""
    if not len(table):
        return pd.DataFrame({name: pd.Series(dtype=float) for name in COMPARE_COLUMNS})
    table = table.copy()
    table["p_adjusted"] = benjamini_hochberg(table["p_value"].to_numpy())
    excludes_zero = (table["ci_low"] > 0) | (table["ci_high"] < 0)
    table["clear"] = (table["p_adjusted"] < alpha) & excludes_zero
    table["_unclear"] = ~table["clear"]
    table = table.sort_values(
        ["_unclear", "p_adjusted", "p_value", "group_a", "group_b", "_order", "voice"],
        na_position="last", kind="stable",
    )
    return table[list(COMPARE_COLUMNS)].reset_index(drop=True)


def _prepare(analysis, by: str, period, metrics, voices, include_headlines: bool, max_actors: int):
    matrix = article_matrix(
        analysis, metrics=metrics, voices=voices, include_headlines=include_headlines, max_actors=max_actors
    )
    groups = group_frame(matrix.articles, (by,), period)[by]
    return matrix, groups


def compare(
    analysis,
    by: str,
    a: str,
    b: str,
    *,
    metrics: Sequence[str] | None = None,
    voices: Sequence[str] = ("all",),
    n_boot: int = 2000,
    n_perm: int = 2000,
    seed: int = 0,
    period: str | Sequence[str] = "month",
    include_headlines: bool = True,
    max_actors: int = 12,
    confidence: float = 0.95,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Group ``a`` against group ``b`` of the article column ``by`` (or ``period``), every metric.

    ``difference`` is value_a - value_b; ``ci_low``/``ci_high`` its bootstrap interval; ``p_value`` the
    permutation test, ``p_adjusted`` the Benjamini-Hochberg adjustment over the rows returned.
    """
    matrix, groups = _prepare(analysis, by, period, metrics, voices, include_headlines, max_actors)
    rows = _compare_rows(matrix, groups, a, b, n_boot=n_boot, n_perm=n_perm, seed=seed, confidence=confidence)
    return _finish(rows, alpha)


def compare_all(
    analysis,
    by: str,
    groups: Sequence[str] | None = None,
    *,
    metrics: Sequence[str] | None = None,
    voices: Sequence[str] = ("all",),
    n_boot: int = 2000,
    n_perm: int = 2000,
    seed: int = 0,
    period: str | Sequence[str] = "month",
    include_headlines: bool = True,
    max_actors: int = 12,
    min_articles: int = 2,
    confidence: float = 0.95,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Every pair of groups (in name order, a < b). Without ``groups``, the groups with a name and at
    least ``min_articles`` articles take part. Benjamini-Hochberg runs across all pairs together."""
    matrix, labels = _prepare(analysis, by, period, metrics, voices, include_headlines, max_actors)
    if groups is None:
        counts = labels.value_counts()
        groups = [g for g in counts.index if g != "" and counts[g] >= min_articles]
    pairs = list(combinations(sorted(dict.fromkeys(groups)), 2))
    parts = [
        _compare_rows(matrix, labels, a, b, n_boot=n_boot, n_perm=n_perm, seed=seed, confidence=confidence)
        for a, b in pairs
    ]
    return _finish(pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(), alpha)


def prepare(
    analysis,
    by: str,
    *,
    metrics: Sequence[str] | None = None,
    voices: Sequence[str] = ("all",),
    period: str | Sequence[str] = "month",
    include_headlines: bool = True,
    max_actors: int = 12,
) -> tuple[ArticleMatrix, pd.Series]:
    """The per-article sums and each article's group, computed once for many ``compare_prepared`` calls
    (the dashboard compares one pair after another on the same articles)."""
    return _prepare(analysis, by, period, metrics, voices, include_headlines, max_actors)


def compare_prepared(
    prepared: tuple[ArticleMatrix, pd.Series],
    a: str,
    b: str,
    *,
    n_boot: int = 2000,
    n_perm: int = 2000,
    seed: int = 0,
    confidence: float = 0.95,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """``a`` against ``b`` (written a - b) from a ``prepare``d matrix. The pair is tested in name order
    with the random stream ``compare_all`` gives it, so values, intervals and ``p_value`` are those of
    the pair's rows of ``compare_all`` (and comparisons.csv); ``p_adjusted`` and ``clear`` come from a
    Benjamini-Hochberg adjustment over this pair's rows only, not over every pair."""
    matrix, groups = prepared
    first, second = sorted((a, b))
    rows = _compare_rows(matrix, groups, first, second, n_boot=n_boot, n_perm=n_perm, seed=seed,
                         confidence=confidence)
    return pair_rows(_finish(rows, alpha), a, b)


def pair_rows(table: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """The rows of a ``compare_all`` table for ``a`` against ``b``, written as a - b whichever order the
    table holds the pair in (values and article counts swapped, difference and interval negated; the
    p-values and ``clear`` are those of the whole table's adjustment). Clearest first."""
    forward = table[(table["group_a"] == a) & (table["group_b"] == b)]
    backward = table[(table["group_a"] == b) & (table["group_b"] == a)].copy()
    if len(backward):
        backward = backward.assign(
            group_a=a, group_b=b, value_a=backward["value_b"], value_b=backward["value_a"],
            difference=-backward["difference"], ci_low=-backward["ci_high"], ci_high=-backward["ci_low"],
            n_articles_a=backward["n_articles_b"], n_articles_b=backward["n_articles_a"],
        )
    return pd.concat([forward, backward]).reset_index(drop=True)[list(COMPARE_COLUMNS)]
