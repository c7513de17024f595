"""Tests for framing.analytics.profiles: the metric registry, periods, profiles with article-bootstrap intervals,
the timeline shift rule, the blame matrix and the voices table.

Most tests build small synthetic tables (so they do not depend on the annotators); the end-to-end
checks on the sample corpus and the example articles skip with a reason when a part is missing.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import pytest

from framing.analytics import matrices as M
from framing.analytics import profiles as A
from framing.errors import InputError
from framing.schema import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    CUE_COLUMNS,
    SENTENCE_BASE_COLUMNS,
    SKIPPED_COLUMNS,
    frame,
)
from framing.storage.reports import Analysis

SENTENCE_DEFAULTS = {
    "voice": "author", "speaker_actor": "", "verb_stance": "", "blame": 0, "blame_voice": "", "agency": "",
    "hedge": 0, "hedged_figure": 0, "booster": 0, "evaluative": 0, "polarity": "", "vader_compound": 0.0,
}


def make_analysis(articles: list[dict], *, drop: tuple[str, ...] = ()) -> Analysis:
    """An Analysis from article specs: {id, outlet, published, sentences: [dict of sentence columns],
    cues: [dict of cue columns with 'position']} (any other key becomes an article column)."""
    article_rows, sentence_rows, cue_rows = [], [], []
    for spec in articles:
        aid = spec["id"]
        meta = {k: v for k, v in spec.items() if k not in ("id", "sentences", "cues")}
        texts = []
        for position, values in enumerate(spec["sentences"]):
            row = {**SENTENCE_DEFAULTS, **values}
            text = row.pop("text", f"Sentence {position} of {aid}.")
            texts.append(text)
            sentence_rows.append(
                {"article_id": aid, "sentence_id": f"{aid}-{position}", "position": position, "text": text,
                 "is_headline": row.pop("is_headline", position == 0), **row}
            )
        for cue in spec.get("cues", ()):
            cue = dict(cue)
            position = cue.pop("position")
            cue_rows.append({"article_id": aid, "sentence_id": f"{aid}-{position}", **cue})
        article_rows.append(
            {"article_id": aid, "n_sentences": len(spec["sentences"]), "text": " ".join(texts), **meta}
        )
    extra = sorted({k for row in article_rows for k in row} - {c.name for c in ARTICLE_COLUMNS})
    added = list(dict.fromkeys([*SENTENCE_DEFAULTS, *(k for row in sentence_rows for k in row)]))
    sentences = frame(sentence_rows, SENTENCE_BASE_COLUMNS, added)
    sentences = sentences.drop(columns=[c for c in drop if c in sentences.columns])
    return Analysis(
        articles=frame(article_rows, ARTICLE_COLUMNS, extra),
        sentences=sentences,
        cues=frame(cue_rows, CUE_COLUMNS),
        skipped=frame([], SKIPPED_COLUMNS),
        actors=frame([], ACTOR_COLUMNS),
    )


def random_corpus(seed: int = 0, groups: dict | None = None, n_sentences: int = 20) -> Analysis:
    """Articles per outlet with per-sentence flags drawn at the outlet's probabilities."""
    rng = np.random.default_rng(seed)
    groups = groups or {"A": {"n": 12, "hedge": 0.3}, "B": {"n": 12, "hedge": 0.3}}
    articles = []
    for outlet, spec in groups.items():
        for i in range(spec["n"]):
            size = int(rng.integers(n_sentences // 2, n_sentences * 2))
            sentences = []
            for _ in range(size):
                quoted = rng.random() < 0.4
                sentences.append(
                    {
                        "voice": rng.choice(["direct", "indirect"]) if quoted else "author",
                        "hedge": int(rng.random() < spec.get("hedge", 0.2)),
                        "booster": int(rng.random() < 0.1),
                        "blame": int(rng.random() < spec.get("blame", 0.1)),
                        "evaluative": int(rng.random() < 0.2),
                        "polarity": rng.choice(["negative", "positive", "neutral", ""]),
                        "vader_compound": float(rng.uniform(-1, 1)),
                        "agency": rng.choice(["", "", "agentive", "agentless_passive", "agentive;no_agent"]),
                        "speaker_actor": rng.choice(["X", "Y"]) if quoted else "",
                    }
                )
            month = 1 + i % 6
            articles.append(
                {"id": f"{outlet}{i:03d}", "outlet": outlet, "published": f"2025-{month:02d}-{1 + i % 27:02d}",
                 "sentences": sentences}
            )
    return make_analysis(articles)


# --------------------------------------------------------------------------------------------------
# registry


def test_registry_names_unique_and_units_known():
    names = [m.name for m in A.METRICS]
    assert len(names) == len(set(names))
    assert {m.unit for m in A.METRICS} <= {A.PER_100, A.SHARE, A.MEAN}
    for metric in A.METRICS:
        assert metric.label and metric.description and metric.computation
        assert (metric.scale == 100.0) == (metric.unit == A.PER_100)
        assert metric.is_family == (":" in metric.name)


@pytest.mark.parametrize(
    ("name", "label"),
    [("hedge_rate", "Hedged sentences"), ("blame_rate:Valdoria", "Blame received by Valdoria"),
     ("speaker_share:Karesh Front", "Share of quotes from Karesh Front")],
)
def test_metric_label(name, label):
    assert A.metric_label(name) == label


def test_unknown_metric_error():
    with pytest.raises(InputError, match=r"^unknown metric 'nope'; known metrics: blame_rate, "):
        A.profiles(random_corpus(), metrics=["nope"])


# --------------------------------------------------------------------------------------------------
# periods


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("day", ["2025-01-14", "2024-12-30", "2025-06-30", ""]),
        ("week", ["2025-W03", "2025-W01", "2025-W27", ""]),
        ("month", ["2025-01", "2024-12", "2025-06", ""]),
        ("quarter", ["2025-Q1", "2024-Q4", "2025-Q2", ""]),
        ("year", ["2025", "2024", "2025", ""]),
        ("2025-01-01,2025-04-01,2025-07-01", ["2025-01-01..2025-04-01", "", "2025-04-01..2025-07-01", ""]),
        (["2024-12-01", "2025-02-01"], ["2024-12-01..2025-02-01", "2024-12-01..2025-02-01", "", ""]),
    ],
)
def test_add_period(period, expected):
    articles = pd.DataFrame({"published": ["2025-01-14", "2024-12-30", "2025-06-30", ""]})
    assert A.add_period(articles, period).tolist() == expected


def test_add_period_falls_back_to_published_at():
    articles = pd.DataFrame({"published": ["", ""], "published_at": ["2025-03-02T10:00:00", ""]})
    assert A.add_period(articles, "month").tolist() == ["2025-03", ""]


@pytest.mark.parametrize(
    ("period", "message"),
    [("fortnight", "unknown period 'fortnight'; choose from day, week, month, quarter, year or give dates as bin edges"),
     ("2025-02-01,2025-01-01", "custom period bins must be two or more increasing ISO dates, got ['2025-02-01', '2025-01-01']")],
)
def test_add_period_errors(period, message):
    with pytest.raises(InputError) as info:
        A.add_period(pd.DataFrame({"published": ["2025-01-01"]}), period)
    assert str(info.value) == message


def test_group_by_unknown_column():
    with pytest.raises(InputError, match=r"^cannot group by 'desk': not an article column"):
        A.profiles(random_corpus(), by=("desk",))


# --------------------------------------------------------------------------------------------------
# profiles


@pytest.mark.parametrize(
    ("metric", "flag"),
    [("hedge_rate", lambda s: s["hedge"] > 0), ("booster_rate", lambda s: s["booster"] > 0),
     ("blame_rate", lambda s: s["blame"] > 0), ("evaluative_rate", lambda s: s["evaluative"] > 0),
     ("negative_rate", lambda s: s["polarity"].isin(["negative", "mixed"]))],
)
@pytest.mark.parametrize("voice", ["all", "author", "quoted"])
def test_rate_totals_equal_sentence_counts(metric, flag, voice):
    analysis = random_corpus(3)
    table = A.profiles(analysis, by=("outlet", "period"), metrics=[metric], voices=[voice], n_boot=50)
    s = analysis.sentences.merge(analysis.articles[["article_id", "outlet", "published"]], on="article_id")
    s["period"] = s["published"].str.slice(0, 7)
    if voice == "author":
        s = s[s["voice"] == "author"]
    elif voice == "quoted":
        s = s[s["voice"].isin(["direct", "indirect", "mixed"])]
    expected = s.assign(flag=flag(s)).groupby(["outlet", "period"]).agg(flagged=("flag", "sum"), n=("flag", "size"))
    assert len(table) == len(expected)
    for row in table.itertuples():
        count, n = expected.loc[(row.outlet, row.period)]
        assert row.n_sentences == n
        assert row.value * row.n_sentences / 100 == pytest.approx(count)
        assert row.numerator == count


def test_shares_and_means():
    analysis = make_analysis(
        [
            {"id": "a1", "outlet": "O", "published": "2025-01-01", "sentences": [
                {"agency": "agentive;no_agent", "vader_compound": 0.5, "voice": "direct", "speaker_actor": "X"},
                {"agency": "agentless_passive", "vader_compound": float("nan"), "voice": "indirect", "speaker_actor": "Y"},
                {"agency": "", "vader_compound": -0.2, "voice": "author", "verb_stance": ""},
            ]},
            {"id": "a2", "outlet": "O", "published": "2025-01-02", "sentences": [
                {"agency": "agentive", "vader_compound": 0.3, "voice": "direct", "speaker_actor": "X",
                 "verb_stance": "distancing"},
                {"verb_stance": "neutral", "voice": "indirect", "speaker_actor": ""},
            ]},
        ]
    )
    table = A.profiles(analysis, voices=("all",), n_boot=0).set_index("metric")
    assert table.at["agency_agentive_share", "value"] == pytest.approx(2 / 4)
    assert table.at["agency_no_agent_share", "value"] == pytest.approx(1 / 4)
    assert table.at["agency_agentless_passive_share", "value"] == pytest.approx(1 / 4)
    assert table.at["agency_agentive_share", "n_sentences"] == 3
    assert table.at["vader_mean", "value"] == pytest.approx((0.5 - 0.2 + 0.3 + 0.0) / 4)
    assert table.at["quoted_share", "value"] == pytest.approx(4 / 5)
    assert table.at["direct_share", "value"] == pytest.approx(2 / 5)
    assert table.at["speaker_share:X", "value"] == pytest.approx(2 / 4)
    assert table.at["speaker_share:Y", "value"] == pytest.approx(1 / 4)
    assert table.at["verb_distancing_share", "value"] == pytest.approx(1 / 2)
    assert table.at["verb_loaded_share", "value"] == 0
    assert np.isnan(table.at["vader_mean", "ci_low"])  # n_boot=0: no interval


def test_blame_families_from_cues():
    cue = {"dimension": "blame", "category": "cause"}
    analysis = make_analysis(
        [
            {"id": "a1", "outlet": "O", "published": "2025-01-01",
             "sentences": [{"blame": 1, "blame_voice": "author"}, {"blame": 1, "blame_voice": "attributed",
                                                                   "voice": "indirect"}, {}, {}],
             "cues": [{**cue, "position": 0, "target_actor": "V", "source_actor": "author", "voice": "author"},
                      {**cue, "position": 0, "target_actor": "V", "source_actor": "author", "voice": "author"},
                      {**cue, "position": 1, "target_actor": "K", "source_actor": "V", "voice": "indirect"}]},
        ]
    )
    table = A.profiles(analysis, voices=("all",), n_boot=0).set_index("metric")["value"]
    assert table["blame_rate"] == 50
    assert table["blame_authorial_rate"] == 25
    assert table["blame_attributed_rate"] == 25
    assert table["blame_rate:V"] == 25 and table["blame_rate:K"] == 25
    assert table["blame_authorial_rate:V"] == 25 and table["blame_authorial_rate:K"] == 0
    assert table["blame_share:V"] == pytest.approx(2 / 3)
    assert A.available_metrics(analysis)[:5] == ["blame_rate", "blame_authorial_rate", "blame_attributed_rate",
                                                 "blame_rate:V", "blame_rate:K"]


def test_missing_columns_leave_metrics_out():
    analysis = random_corpus(1)
    without = make_analysis(
        [{"id": "x", "outlet": "O", "published": "2025-01-01", "sentences": [{"hedge": 1}, {}]}],
        drop=("hedge", "voice", "blame", "agency"),
    )
    names = set(A.profiles(without, n_boot=0)["metric"])
    assert "hedge_rate" not in names and "blame_rate" not in names and "quoted_share" not in names
    assert "booster_rate" in names
    assert set(A.profiles(without, n_boot=0)["voice"]) == {"all"}
    assert "hedge_rate" in set(A.profiles(analysis, n_boot=0)["metric"])


def test_headlines_option():
    analysis = make_analysis(
        [{"id": "a", "outlet": "O", "published": "2025-01-01",
          "sentences": [{"hedge": 1, "is_headline": True}, {"hedge": 0}, {"hedge": 1}, {"hedge": 0}]}]
    )
    with_h = A.profiles(analysis, metrics=["hedge_rate"], voices=["all"], n_boot=0)
    without = A.profiles(analysis, metrics=["hedge_rate"], voices=["all"], n_boot=0, include_headlines=False)
    assert with_h["value"].item() == 50 and with_h["n_sentences"].item() == 4
    assert without["value"].item() == pytest.approx(100 / 3) and without["n_sentences"].item() == 3


def test_per_article_profiles():
    analysis = random_corpus(2)
    table = A.profiles(analysis, by=("article_id",), metrics=["hedge_rate"], voices=["all"])
    s = analysis.sentences
    expected = s.groupby("article_id")["hedge"].mean() * 100
    assert len(table) == len(analysis.articles)
    assert table.set_index("article_id")["value"].to_dict() == pytest.approx(expected.to_dict())
    assert table["ci_low"].isna().all() and (table["n_articles"] == 1).all() and table["too_few"].all()


def test_too_few_flag():
    analysis = random_corpus(4, {"A": {"n": 2}, "B": {"n": 5}})
    table = A.profiles(analysis, metrics=["hedge_rate"], voices=["all"], min_articles=3).set_index("outlet")
    assert table.at["A", "too_few"] and not table.at["B", "too_few"]
    assert table.at["A", "n_articles"] == 2


def test_interval_contains_estimate_and_seed_reproduces():
    analysis = random_corpus(5, {"A": {"n": 15}, "B": {"n": 8}, "C": {"n": 3}})
    first = A.profiles(analysis, n_boot=400, seed=7)
    again = A.profiles(analysis, n_boot=400, seed=7)
    other = A.profiles(analysis, n_boot=400, seed=8)
    pd.testing.assert_frame_equal(first, again)
    assert not np.allclose(first["ci_low"].fillna(0), other["ci_low"].fillna(0))
    finite = first[first["ci_low"].notna()]
    assert len(finite) > 50
    assert (finite["ci_low"] <= finite["value"] + 1e-9).all()
    assert (finite["value"] <= finite["ci_high"] + 1e-9).all()


def test_group_interval_does_not_depend_on_other_groups():
    analysis = random_corpus(6, {"A": {"n": 10}, "B": {"n": 10}})
    both = A.profiles(analysis, metrics=["hedge_rate"], voices=["all"], n_boot=300)
    only_a = make_analysis([])
    only_a.articles = analysis.articles[analysis.articles["outlet"] == "A"]
    only_a.sentences = analysis.sentences
    only_a.cues = analysis.cues
    alone = A.profiles(only_a, metrics=["hedge_rate"], voices=["all"], n_boot=300)
    assert both.iloc[0]["ci_low"] == alone.iloc[0]["ci_low"]


def test_bootstrap_matches_definition():
    """The vectorised bootstrap equals a loop over resamples drawn with the same generator."""
    rng = np.random.default_rng(11)
    num = rng.integers(0, 5, size=(9, 2)).astype(float)
    den = num + rng.integers(1, 6, size=(9, 2))
    low, high = A.bootstrap_interval(num, den, 100.0, n_boot=500, rng=np.random.default_rng(3))
    draw = np.random.default_rng(3)
    estimates = []
    for picked in draw.integers(0, 9, size=(500, 9)):
        estimates.append(100 * num[picked].sum(0) / den[picked].sum(0))
    expected = np.quantile(np.array(estimates), [0.025, 0.975], axis=0)
    np.testing.assert_allclose(low, expected[0])
    np.testing.assert_allclose(high, expected[1])


def test_interval_narrows_with_more_articles():
    small = random_corpus(7, {"A": {"n": 5}})
    large = random_corpus(7, {"A": {"n": 80}})
    width = [
        (lambda r: (r["ci_high"] - r["ci_low"]).item())(
            A.profiles(a, metrics=["hedge_rate"], voices=["all"], n_boot=500)
        )
        for a in (small, large)
    ]
    assert width[1] < width[0] / 2


def test_profiles_deterministic():
    analysis = random_corpus(8)
    pd.testing.assert_frame_equal(A.profiles(analysis, by=("outlet", "period")),
                                  A.profiles(analysis, by=("outlet", "period")))


def test_profile_columns():
    table = A.profiles(random_corpus(9), by=("outlet", "period"), n_boot=10)
    assert list(table.columns) == ["outlet", "period", *A.PROFILE_COLUMNS]
    assert table["too_few"].dtype == bool


def test_empty_analysis():
    table = A.profiles(make_analysis([]), n_boot=10)
    assert len(table) == 0 and list(table.columns) == ["outlet", *A.PROFILE_COLUMNS]


# --------------------------------------------------------------------------------------------------
# timeline


def _series(values_by_month: list[list[int]]) -> Analysis:
    """One outlet; month m has one article per entry, each with 20 sentences of which n are hedged."""
    articles = []
    for month, counts in enumerate(values_by_month, start=1):
        for i, hedged in enumerate(counts):
            articles.append({"id": f"m{month}a{i}", "outlet": "O", "published": f"2025-{month:02d}-{i + 1:02d}",
                             "sentences": [{"hedge": int(k < hedged), "is_headline": False} for k in range(20)]})
    return make_analysis(articles)


def test_timeline_shift_rule():
    stable = [2, 3, 2, 3]
    analysis = _series([stable, stable, stable, stable, [15, 16, 14, 15], [2, 3, 3, 2]])
    table = A.timeline(analysis, metrics=["hedge_rate"], voices=["all"], n_boot=300)
    assert table["period"].tolist() == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    assert table["shift"].tolist() == [False, False, False, False, True, False]
    may = table.iloc[4]
    assert may["value"] > may["reference_high"]
    assert table.iloc[:3]["reference_low"].isna().all()  # fewer than 3 earlier periods: not judged


def test_timeline_ignores_thin_periods():
    analysis = _series([[2, 3, 2], [2, 3, 3], [3, 2, 2], [15]])  # the jump rests on one article
    table = A.timeline(analysis, metrics=["hedge_rate"], voices=["all"], n_boot=200)
    assert not table["shift"].any()
    assert table.iloc[3]["too_few"]


def test_timeline_sorted_by_period_and_drops_undated():
    analysis = random_corpus(10)
    analysis.articles.loc[0, "published"] = ""
    table = A.timeline(analysis, metrics=["hedge_rate"], n_boot=20)
    assert table["period"].is_monotonic_increasing and "" not in set(table["period"])
    assert {"outlet", "period", "shift", "reference_low", "reference_high"} <= set(table.columns)


# --------------------------------------------------------------------------------------------------
# blame matrix and voices


def test_blame_matrix():
    cue = {"dimension": "blame", "category": "cause"}
    analysis = make_analysis(
        [
            {"id": "a1", "outlet": "E", "published": "2025-01-01", "sentences": [{}, {}, {}],
             "cues": [{**cue, "position": 0, "source_actor": "author", "target_actor": "V", "voice": "author"},
                      {**cue, "position": 0, "source_actor": "author", "target_actor": "V", "voice": "author"},
                      {**cue, "position": 1, "source_actor": "K", "target_actor": "V", "voice": "direct"}]},
            {"id": "a2", "outlet": "N", "published": "2025-01-02", "sentences": [{}, {}],
             "cues": [{**cue, "position": 1, "source_actor": "author", "target_actor": "V", "voice": "author"},
                      {"dimension": "hedge", "position": 1}]},
        ]
    )
    table = M.blame_matrix(analysis)
    assert list(table.columns) == list(M.BLAME_MATRIX_COLUMNS)
    assert table.values.tolist() == [["author", "V", 3, 2, 2], ["K", "V", 1, 1, 1]]
    assert M.blame_matrix(analysis, voice="quoted").values.tolist() == [["K", "V", 1, 1, 1]]
    by_outlet = M.blame_matrix(analysis, voice="author", by=("outlet",))
    assert by_outlet.values.tolist() == [["E", "author", "V", 2, 1, 1], ["N", "author", "V", 1, 1, 1]]
    assert len(M.blame_matrix(make_analysis([]))) == 0


def test_voices_table():
    analysis = make_analysis(
        [{"id": "a1", "outlet": "O", "published": "2025-01-01", "sentences": [
            {"voice": "author"}, {"voice": "direct", "speaker_actor": "X", "verb_stance": "neutral"},
            {"voice": "indirect", "speaker_actor": "X", "verb_stance": "distancing"},
            {"voice": "direct", "speaker_actor": "", "verb_stance": "neutral"}]}]
    )
    table = M.voices_table(analysis)
    rows = {(r.kind, r.item): (r.sentences, r.population, r.share) for r in table.itertuples()}
    assert rows[("voice", "direct")] == (2, 4, 0.5)
    assert rows[("speaker", "X")] == (2, 3, pytest.approx(2 / 3))
    assert rows[("speaker", M.UNIDENTIFIED)] == (1, 3, pytest.approx(1 / 3))
    assert rows[("verb_stance", "neutral")] == (2, 3, pytest.approx(2 / 3))
    assert table["kind"].tolist()[0] == "voice" and table["kind"].tolist()[-1] == "verb_stance"
    assert len(M.voices_table(make_analysis([{"id": "a", "sentences": [{}]}], drop=("voice",)))) == 0


# --------------------------------------------------------------------------------------------------
# real texts


@lru_cache(maxsize=1)
def sample() -> Analysis:
    """The sample corpus analysed once for every test module that needs it."""
    from framing.resources import sample_corpus_dir
    from framing.running.inprocess import analyse

    return analyse([sample_corpus_dir()])


@pytest.fixture
def sample_analysis():
    return sample()


def test_sample_eastgate_blames_valdoria_in_its_own_voice(sample_analysis):
    if "blame" not in sample_analysis.sentences.columns or not (sample_analysis.cues["dimension"] == "blame").any():
        pytest.skip("the blame annotator (framing/annotation/blame.py) is not available in this build")
    table = A.profiles(sample_analysis, metrics=["blame_authorial_rate:Valdoria"], voices=["all"], n_boot=2000)
    table = table.set_index("outlet")
    eastgate = table.loc["Eastgate Herald"]
    others = table.drop(index="Eastgate Herald")
    assert len(others) >= 2
    assert (eastgate["value"] > others["value"]).all()
    assert (eastgate["ci_low"] > others["value"]).all()


def test_sample_profiles_cover_the_outlets(sample_analysis):
    table = A.profiles(sample_analysis, by=("outlet", "period"), n_boot=100)
    assert {"Eastgate Herald", "Northbridge Daily News", "Compass Wire"} <= set(table["outlet"])
    assert set(table["period"]) >= {"2025-01", "2025-06"}


def test_seeds_two_periods(seeds_analysis):
    table = A.profiles(seeds_analysis, by=("period",), n_boot=100, min_articles=1)
    assert sorted(set(table["period"])) == ["2024-03", "2024-07"]
    assert (table["n_articles"] <= 1).all()
    per_article = A.profiles(seeds_analysis, by=("article_id",), n_boot=0)
    dates = seeds_analysis.articles.set_index("article_id")["published"].str.slice(0, 7)
    per_article["period"] = per_article["article_id"].map(dates)
    merged = table.merge(per_article, on=["period", "metric", "voice"], suffixes=("", "_article"))
    assert len(merged) == len(table)
    np.testing.assert_allclose(merged["value"], merged["value_article"])
    rates = table[table["metric"].isin(["hedge_rate", "booster_rate", "blame_rate"]) & (table["voice"] == "all")]
    s = seeds_analysis.sentences.merge(seeds_analysis.articles[["article_id", "published"]], on="article_id")
    for row in rates.itertuples():
        column = row.metric.removesuffix("_rate")
        month = s[s["published"].str.startswith(row.period)]
        assert round(row.value * row.n_sentences / 100) == int((month[column] > 0).sum())
        assert row.n_sentences == len(month)


def test_synthetic_authorial_blame_interval_excludes_other_outlets():
    """The statistics behind the sample-corpus check, on tables built by hand: one outlet blames V in its
    own voice, the others only quote sources who do."""
    rng = np.random.default_rng(12)
    articles = []
    for outlet, own_voice in (("E", True), ("N", False), ("C", False)):
        for i in range(6):
            sentences, cues = [], []
            for position in range(int(rng.integers(15, 25))):
                blames = rng.random() < 0.25
                voice = "author" if own_voice or not blames else "direct"
                sentences.append({"voice": voice, "blame": int(blames),
                                  "blame_voice": ("author" if own_voice else "attributed") if blames else ""})
                if blames:
                    cues.append({"position": position, "dimension": "blame", "target_actor": "V",
                                 "source_actor": "author" if own_voice else "K", "voice": voice})
            articles.append({"id": f"{outlet}{i}", "outlet": outlet, "published": "2025-01-01",
                             "sentences": sentences, "cues": cues})
    table = A.profiles(make_analysis(articles), metrics=["blame_authorial_rate:V", "blame_rate:V"], voices=["all"])
    authorial = table[table["metric"] == "blame_authorial_rate:V"].set_index("outlet")
    assert authorial.at["E", "ci_low"] > authorial.drop(index="E")["value"].max()
    received = table[table["metric"] == "blame_rate:V"].set_index("outlet")
    assert (received["value"] > 10).all()  # all three report the blame; only E voices it
