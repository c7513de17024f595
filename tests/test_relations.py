"""Relations between actors: the rule relations, the pair features and the DSE reader, the relation
model file, the relations table (built from the cues, written as relations.csv and read back) and the
blame matrix built from it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing.analytics.matrices import blame_matrix
from framing.annotation.grammar import Grammar, name_words
from framing.annotation.relations import relation_hits, relation_lexicon, rule_relations
from framing.classifiers.models import RELATIONS, TRUSTED_TYPES, load_model, shipped_model_path
from framing.classifiers.relations import (
    CLASSES,
    RelationScores,
    decide,
    pair_features,
    parse_dse_line,
)
from framing.config import AnalysisConfig
from framing.reading.tokens import tokenize
from framing.running.inprocess import analyse, analyse_texts
from framing.schema import CUE_COLUMNS, RELATION_COLUMNS, frame
from framing.storage import reports as R
from framing.tables.relations import relation_table

RULES = AnalysisConfig(vader=False, classifiers=False)


def grammar(text: str) -> Grammar:
    agents, titles = name_words(RULES)
    return Grammar(tokenize(text), [], agents=agents, titles=titles)


@pytest.mark.parametrize(
    ("text", "category", "source", "target"),
    [
        ("Ortiz praised Quinn for her handling of the flood.", "praise", "Ortiz", "Quinn"),
        ("Quinn was praised by Ortiz for the rescue.", "praise", "Ortiz", "Quinn"),
        ("Macron thanked Scholz for the loan.", "thanks", "Macron", "Scholz"),
        ("Moscow threatened Kyiv with new sanctions.", "threat", "Moscow", "Kyiv"),
        ("Governor Hale endorsed Ortiz on Tuesday.", "endorsement", "Hale", "Ortiz"),
        ("Union spokesman Tom Reyes rejected the Harbour Authority's account.", "dispute", "Tom Reyes", "Harbour Authority"),
    ],
)
def test_rule_relations(text, category, source, target):
    found = rule_relations(grammar(text), RULES)
    assert [(r.category, [s.actor for s in r.sources], [t.actor for t in r.targets]) for r in found] == [
        (category, [source], [target])
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Ortiz did not praise Quinn.",  # negated
        "Union spokesman Tom Reyes rejected the proposal.",  # a refusal (blame), not a dispute of a claim
        "Ortiz praised the new bridge.",  # no actor as target
    ],
)
def test_no_rule_relation(text):
    assert rule_relations(grammar(text), RULES) == []


def test_parse_dse_line():
    item = parse_dse_line("[Ortiz] sharply criticised [the Harbour Authority] on Monday.\tOrtiz\tthe Harbour Authority\t3\n")
    assert item.text == "Ortiz sharply criticised the Harbour Authority on Monday."
    assert item.text[slice(*item.a)] == "Ortiz"
    assert item.text[slice(*item.b)] == "the Harbour Authority"
    assert item.label == 3
    assert parse_dse_line("no brackets here\tA\tB\t0") is None
    assert parse_dse_line("[A] and [B]\tA\tB\tx") is None


def test_pair_features_read_subject_object_and_are_deterministic():
    tokens = tokenize("Ortiz sharply criticised Quinn on Monday.")
    hits = relation_hits(tokens, relation_lexicon(RULES))
    features = pair_features(tokens, (0, 1), (3, 4), hits)
    assert features == pair_features(tokens, (0, 1), (3, 4), hits)
    assert features["a_subject=negative"] == 1.0 and features["b_object=negative"] == 1.0
    assert features["hit_between=negative"] == 1.0
    assert "a_subject=negative" not in pair_features(tokens, (3, 4), (5, 6), hits)


def test_scores_and_decision():
    scores = RelationScores.of([3, 4, 0, 1], [3, 3, 0, 1])
    assert scores.negative_precision == 0.5 and scores.negative_recall == 0.5
    probabilities = np.array([[0.1, 0.1, 0.1, 0.6, 0.1], [0.3, 0.1, 0.2, 0.35, 0.05]])
    assert decide(probabilities).tolist() == [3, 3]
    assert decide(probabilities, 0.5).tolist() == [3, 0]


def test_shipped_model_loads_with_the_trusted_types():
    path = shipped_model_path(RELATIONS)
    if path is None:
        pytest.skip("no shipped relation model (run: framing train --defaults --only relations)")
    assert "framing.classifiers.relations.PairVectorizer" in TRUSTED_TYPES
    model = load_model(path)
    tokens = tokenize("Ortiz sharply criticised Quinn on Monday.")
    row = model.predict_proba([pair_features(tokens, (0, 1), (3, 4), relation_hits(tokens, relation_lexicon(RULES)))])
    assert row.shape == (1, len(CLASSES)) and abs(row.sum() - 1) < 1e-6


def cue(**values):
    base = {"article_id": "a1", "sentence_id": "a1-1", "text": "blamed", "start": 10, "end": 16, "weight": 1.0,
            "voice": "indirect"}
    return {**base, **values}


def test_relation_table_from_cues():
    cues = frame(
        [
            cue(dimension="blame", category="accusation", source_actor="Ortiz", target_actor="Quinn", term="blame"),
            cue(dimension="blame", category="harm_by_agent", source_actor="Quinn", target_actor="Quinn"),  # self
            cue(dimension="blame", category="accusation", source_actor="Ortiz", target_actor=""),  # no target
            cue(dimension="relation", category="praise", polarity="positive", source_actor="Hale", target_actor="Ortiz",
                term="praise", weight=1.0, start=20, end=27, text="praised"),
            cue(dimension="relation", category="criticism", polarity="negative", source_actor="Hale",
                target_actor="Quinn", term="relation model", weight=0.7, start=30, end=35, text="after"),
            cue(dimension="evaluative", category="judgement", source_actor="author", target_actor="Quinn"),
        ],
        CUE_COLUMNS,
    )
    table = relation_table(cues)
    assert list(table.columns) == [c.name for c in RELATION_COLUMNS]
    assert table[["source_actor", "target_actor", "polarity", "category", "blame_category", "method"]].values.tolist() == [
        ["Ortiz", "Quinn", "negative", "blame", "accusation", "rules"],
        ["Hale", "Ortiz", "positive", "praise", "", "rules"],
        ["Hale", "Quinn", "negative", "criticism", "", "model"],
    ]
    assert table["probability"].tolist() == [1.0, 1.0, 0.7]
    assert len(relation_table(frame([], CUE_COLUMNS))) == 0


def test_analysis_relations_written_and_read_back(tmp_path):
    analysis = analyse_texts(
        ["Headline\n\nHamas and Iran blamed Israel for the strike. Ortiz praised Quinn for the rescue."], RULES
    )
    relations = analysis.relations
    assert set(zip(relations["source_actor"], relations["target_actor"], relations["category"], strict=True)) == {
        ("Hamas", "Israel", "blame"),
        ("Iran", "Israel", "blame"),
        ("Ortiz", "Quinn", "praise"),
    }
    text = analysis.articles["text"].iloc[0]
    assert all(text[r.start : r.end] == r.text for r in relations.itertuples())
    R.write_reports(analysis, tmp_path, analytics=False)
    back = R.read_reports(tmp_path)
    pd.testing.assert_frame_equal(back.relations, relations, check_dtype=False)
    # a copy with fewer cues has its own relations
    from dataclasses import replace

    fewer = replace(analysis, cues=analysis.cues[analysis.cues["dimension"] != "relation"])
    assert set(fewer.relations["category"]) == {"blame"}


@pytest.mark.slow
def test_sample_corpus_blame_matrix_has_no_self_blame_and_no_non_actor():
    from framing.resources import sample_corpus_dir

    analysis = analyse([sample_corpus_dir()], RULES)
    matrix = blame_matrix(analysis)
    assert len(matrix)
    assert not (matrix["source_actor"] == matrix["target_actor"]).any()
    known = set(analysis.cues.loc[analysis.cues["dimension"] == "actor", "target_actor"]) | {"author", "(unnamed)"}
    assert set(matrix["source_actor"]) <= known, set(matrix["source_actor"]) - known
    assert set(matrix["target_actor"]) <= known, set(matrix["target_actor"]) - known


def test_model_relations_only_for_pairs_no_cue_decides():
    if shipped_model_path(RELATIONS) is None:
        pytest.skip("no shipped relation model")
    text = (
        "Headline\n\nHamas and Iran blamed Israel for the strike. Ortiz, a bitter rival of Quinn, said the plan "
        "Quinn drafted was a disgrace. Macron met Scholz and Sanchez in Paris."
    )
    config = AnalysisConfig(vader=False, relation_model=True)
    analysis = analyse_texts([text], config)
    relations = analysis.relations
    body = analysis.articles["text"].iloc[0]
    assert all(body[r.start : r.end] == r.text for r in relations.itertuples())
    assert not (relations["source_actor"] == relations["target_actor"]).any()
    model = relations[relations["method"] == "model"]
    assert set(model["term"]) <= {"relation model"} and set(model["category"]) <= {"criticism", "support"}
    assert ((model["probability"] > 0) & (model["probability"] <= 1)).all()
    pairs = {frozenset(p) for p in zip(model["source_actor"], model["target_actor"], strict=True)}
    assert frozenset(("Hamas", "Israel")) not in pairs and frozenset(("Iran", "Israel")) not in pairs
    assert len(model)  # the option brings the model in
    assert analyse_texts([text], config).relations.equals(relations)  # deterministic
    default = analyse_texts([text], AnalysisConfig(vader=False)).relations
    assert not (default["method"] == "model").any()  # by default relations rest on cue words
