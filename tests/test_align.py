"""Tests for framing.analytics.align: which articles are paired as the same event, the one-to-one sentence
matching, and the readable differences between matched sentences."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_aggregate import make_analysis, sample

from framing.analytics import align as L

EVENT_A = [
    {"text": "Brutal shelling hits the market in Ostrel."},
    {"text": "Valdorian forces killed twelve civilians at the Ostrel market on Monday.", "agency": "agentive"},
    {"text": "Militants fired rockets at the Kesser barracks overnight, officials said.", "voice": "indirect",
     "reporting_verb": "say"},
    {"text": "The weather in the capital stayed mild and dry all week."},
]
EVENT_B = [
    {"text": "Shelling hits the market in Ostrel."},
    {"text": "Twelve civilians died at the Ostrel market on Monday.", "agency": "no_agent"},
    {"text": "Fighters fired rockets at the Kesser barracks overnight, officials claimed.", "voice": "indirect",
     "reporting_verb": "claim"},
    {"text": "Negotiators in Solenne postponed their next meeting until Friday."},
]


def _cues(sentences, labels):
    cues = []
    for position, sentence in enumerate(sentences):
        text = sentence["text"]
        for word, actor in labels:
            if word in text:
                cues.append({"position": position, "dimension": "actor", "text": word, "term": word,
                             "target_actor": actor})
        for verb in ("killed", "died"):
            if verb in text:
                cues.append({"position": position, "dimension": "agency", "text": verb, "term": verb,
                             "category": sentence["agency"]})
        if "Brutal" in text:
            cues.append({"position": position, "dimension": "evaluative", "text": "Brutal", "term": "brutal",
                         "polarity": "negative"})
    return cues


def event(date_b: str = "2025-02-25", outlet_b: str = "North") -> pd.DataFrame:
    return make_analysis(
        [
            {"id": "a", "outlet": "East", "published": "2025-02-24", "sentences": EVENT_A,
             "cues": _cues(EVENT_A, [("Militants", "Karesh Front"), ("Valdorian forces", "Valdoria")])},
            {"id": "b", "outlet": outlet_b, "published": date_b, "sentences": EVENT_B,
             "cues": _cues(EVENT_B, [("Fighters", "Karesh Front")])},
        ]
    )


def test_align_event_differences():
    table = L.align_event(event())
    assert list(table.columns) == list(L.ALIGN_COLUMNS)
    assert table[["position_a", "position_b"]].values.tolist() == [[0, 0], [1, 1], [2, 2]]
    assert (table["outlet_a"] == "East").all() and (table["outlet_b"] == "North").all()
    headline, harm, rockets = table["differences"].tolist()
    assert headline == "evaluative: brutal (a only)"
    assert "agentive vs no_agent" in harm and "killed vs died" in harm
    assert "say vs claim" in rockets and "militants vs fighters" in rockets
    assert "Karesh Front: militants vs fighters" in rockets
    assert table.iloc[0]["terms_only_a"] == "evaluative: brutal" and table.iloc[0]["terms_only_b"] == ""
    assert table.iloc[2][["verb_a", "verb_b"]].tolist() == ["say", "claim"]
    assert (table["similarity"] >= 0.3).all() and (table["similarity"] <= 1 + 1e-9).all()


@pytest.mark.parametrize(
    ("date_b", "outlet_b", "pairs"),
    [("2025-02-25", "North", 1), ("2025-03-10", "North", 0), ("2025-02-24", "East", 0), ("", "North", 0)],
)
def test_candidate_pairs_filters(date_b, outlet_b, pairs):
    assert len(L.candidate_pairs(event(date_b, outlet_b))) == pairs


def test_chosen_articles_skip_date_filter():
    analysis = event("2025-05-01")
    assert len(L.align_event(analysis)) == 0
    assert len(L.align_event(analysis, article_ids=["a", "b"])) == 3
    assert len(L.align_event(analysis, article_ids=["a"])) == 0


def test_dissimilar_articles_are_not_paired():
    analysis = event()
    assert len(L.candidate_pairs(analysis, min_similarity=0.99)) == 0


def test_match_sentences_one_to_one():
    similarity = np.array([[0.9, 0.8, 0.1], [0.85, 0.2, 0.0], [0.1, 0.1, 0.25]])
    assert L.match_sentences(similarity, 0.3) == [(0, 0)]  # (1, 0) lost to (0, 0); (1, 1) is below 0.3
    assert L.match_sentences(similarity, 0.15) == [(0, 0), (1, 1), (2, 2)]


@pytest.mark.parametrize(
    ("a", "b", "swaps"),
    [("Israeli strikes killed 40 people.", "40 people died in strikes.", []),
     ("Strikes killed 40 people.", "Strikes wounded 40 people.", ["killed vs wounded"]),
     ("The militants attacked.", "The fighters attacked.", ["militants vs fighters"]),
     ("It was in the city.", "It was at the city.", [])],
)
def test_word_swaps(a, b, swaps):
    assert L.word_swaps(a, b) == swaps


def test_align_deterministic_and_sample_corpus():
    analysis = sample()
    first = L.align_event(analysis)
    pd.testing.assert_frame_equal(first, L.align_event(analysis))
    assert len(first) > 0
    assert (first["outlet_a"] != first["outlet_b"]).all()
    dates = pd.to_datetime(first["published_b"]) - pd.to_datetime(first["published_a"])
    assert (dates.dt.days.abs() <= 3).all()
