"""Tests of framing.classifiers: the cue featurizer, label checks, training, safe model files, the
rule/model decision, stance, uncertainty sampling and the pipeline component. Models are trained on
small synthetic sentences written here, so the tests are fast and need no dataset."""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd
import pytest
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline

from framing.classifiers.errors import MESSAGES
from framing.classifiers.features import CuedText, CueFeaturizer, annotate_texts, cue_counts
from framing.classifiers.models import TRUSTED_TYPES, load_model, save_model, sentence_pipeline
from framing.classifiers.stance import (
    MarkedText,
    StanceResult,
    TargetContext,
    find_target,
    mark_target,
    predict_stance,
    stance_pipeline,
    unmark,
)
from framing.classifiers.suggest import suggest, uncertainty
from framing.classifiers.train import (
    Scores,
    check_labels,
    combine,
    decide,
    normalise_labels,
    read_labels,
    rule_decision,
    train_model,
)
from framing.errors import ModelError

ACTORS = ["the mayor", "the council", "the minister", "the agency", "the company", "the governor"]
FAILINGS = ["the flooding", "the budget crisis", "the delays", "the outbreak"]
PLAIN = ["a new park", "the spring festival", "the library hours", "a bus route"]


def blame_labels() -> pd.DataFrame:
    rows = []
    for i, actor in enumerate(ACTORS):
        for j, failing in enumerate(FAILINGS):
            rows.append({"text": f"Residents blamed {actor} for {failing}.", "label": 1, "article_id": f"a{i}"})
            rows.append({"text": f"{actor.capitalize()} opened {PLAIN[j]} on Tuesday.", "label": 0, "article_id": f"a{i}"})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def blame_model():
    return train_model(blame_labels(), dimension="blame", folds=3, seed=0, n_jobs=1)


# ---------------------------------------------------------------------------------------------------
# CueFeaturizer


@pytest.mark.parametrize(
    "sentence, feature",
    [
        ("At least 12 people were killed in the blast.", "hedge:term=at least"),
        ("Rebels reportedly fired rockets.", "hedge:evidential@author"),
        ('"The plan may fail," she said.', "sentence:voice=direct"),
    ],
)
def test_cue_featurizer_counts_rule_cues(sentence, feature):
    featurizer = CueFeaturizer().fit([sentence])
    names = list(featurizer.get_feature_names_out())
    assert feature in names
    assert featurizer.transform([sentence]).toarray()[0][names.index(feature)] >= 1


def test_cue_featurizer_feature_names_need_fit():
    with pytest.raises(NotFittedError):
        CueFeaturizer().get_feature_names_out()


def test_cue_featurizer_init_only_stores_params():
    featurizer = CueFeaturizer(terms=False, voice_split=False)
    assert featurizer.get_params() == {"lexicon_dir": None, "terms": False, "voice_split": False}
    assert not [k for k in vars(featurizer) if k.endswith("_")]


def test_cue_featurizer_rejects_a_bare_string():
    with pytest.raises(ValueError, match="a list of sentences"):
        CueFeaturizer().fit("Rebels reportedly fired rockets.")


def test_cued_text_is_not_annotated_again():
    sentences = ["At least 12 people were killed.", "The talks resumed."]
    cued = annotate_texts(sentences)
    assert [str(c) for c in cued] == sentences
    fresh = CueFeaturizer().fit(sentences)
    reused = CueFeaturizer().fit(cued)
    assert list(fresh.get_feature_names_out()) == list(reused.get_feature_names_out())
    assert (fresh.transform(sentences) != reused.transform(cued)).nnz == 0
    # an empty CuedText has no cues: its features come from what it carries, not from its text
    assert CueFeaturizer().fit([CuedText("At least 12 people were killed.")]).get_feature_names_out().size == 0


@pytest.mark.parametrize(
    "terms, voice_split, expected",
    [
        (True, True, {"hedge:approximator", "hedge:term=at least", "hedge:approximator@author"}),
        (False, True, {"hedge:approximator", "hedge:approximator@author"}),
        (True, False, {"hedge:approximator", "hedge:term=at least"}),
    ],
)
def test_cue_counts_options(terms, voice_split, expected):
    cue = annotate_texts(["At least 12 people died."])[0]
    hedges = [c for c in cue.cues if c.dimension == "hedge"]
    features = cue_counts(hedges, {}, terms=terms, voice_split=voice_split)
    assert set(features) == expected


def test_cue_featurizer_in_grid_search():
    data = blame_labels()
    search = GridSearchCV(
        Pipeline([("cues", CueFeaturizer()), ("lr", LogisticRegression(max_iter=500))]),
        {"cues__terms": [True, False]},
        cv=3,
    )
    search.fit(data["text"].tolist(), data["label"])
    assert search.best_score_ > 0.9


# ---------------------------------------------------------------------------------------------------
# label files


@pytest.mark.parametrize(
    "table, message",
    [
        (pd.DataFrame({"text": ["a"] * 20}), "{path}: missing column(s) label; a label file needs the columns text and label"),
        (
            pd.DataFrame({"sentence": ["a"] * 20, "code": [1] * 20}),
            "{path}: missing column(s) text, label; a label file needs the columns text and label",
        ),
        (
            pd.DataFrame({"text": ["a sentence"] * 20, "label": [1] * 20}),
            "{path}: only one class (1); training needs at least two classes",
        ),
        (
            pd.DataFrame({"text": ["a sentence"] * 20, "label": [1] * 17 + [0] * 3}),
            "{path}: too few examples of class 0 (3); every class needs at least 10",
        ),
        (
            pd.DataFrame({"text": ["s"] * 25, "label": ["blame"] * 12 + ["praise"] * 9 + ["none"] * 4}),
            "{path}: too few examples of class 'none' (4); every class needs at least 10",
        ),
    ],
)
def test_bad_label_files(tmp_path, table, message):
    path = tmp_path / "labels.csv"
    table.to_csv(path, index=False)
    with pytest.raises(ModelError) as error:
        read_labels(path)
    assert str(error.value) == message.format(path=path)


def test_label_file_not_found(tmp_path):
    with pytest.raises(ModelError, match="label file not found"):
        read_labels(tmp_path / "missing.csv")


def test_more_folds_than_examples(tmp_path):
    with pytest.raises(ModelError) as error:
        check_labels(pd.DataFrame({"text": ["s"] * 22, "label": [0] * 11 + [1] * 11}), source="x.csv", folds=12)
    assert str(error.value) == "x.csv: --folds 12 is more than the smallest class has examples (11)"


def test_unlabelled_rows_are_dropped():
    table = pd.DataFrame({"text": ["s"] * 24 + [""], "label": ["1"] * 11 + ["0"] * 11 + ["", ""] + ["1"]})
    checked = check_labels(table)
    assert len(checked) == 22
    assert sorted(set(checked["label"])) == [0, 1]


@pytest.mark.parametrize(
    "values, expected",
    [
        (["1", "0", " 1"], [1, 0, 1]),
        (["yes", "No", "TRUE"], [1, 0, 1]),
        (["Biased", "Non-biased"], ["Biased", "Non-biased"]),
        ([1, 0], [1, 0]),
    ],
)
def test_normalise_labels(values, expected):
    assert normalise_labels(values) == expected


# ---------------------------------------------------------------------------------------------------
# training


def test_train_model_report(blame_model):
    model, report = blame_model
    assert report.n == 48 and report.folds == 3 and report.grouped_by == "article_id"
    assert [c.label for c in report.model.per_class] == [0, 1]
    assert sum(map(sum, report.model.confusion)) == 48
    assert report.model.macro_f1 > 0.9
    assert report.lexicon is not None and report.combined is not None
    assert report.policy in {"rule_or_model", "model"}
    assert 0.05 <= report.threshold <= 0.95
    text = report.format()
    assert "macro-F1" in text and "confusion matrix" in text and "lexicon rules alone" in text
    info = model.framing_info_
    assert info["dimension"] == "blame" and info["classes"] == ["0", "1"] and info["n"] == 48
    p = model.predict_proba(["Voters blamed the mayor for the flooding.", "The mayor opened a new park on Tuesday."])
    assert p[0, 1] > 0.5 > p[1, 1]


def test_training_is_deterministic(blame_model):
    model, report = blame_model
    again, report_again = train_model(blame_labels(), dimension="blame", folds=3, seed=0, n_jobs=1)
    assert report_again == report
    sentences = ["Critics blamed the agency for the outbreak.", "The library hours changed."]
    assert np.array_equal(model.predict_proba(sentences), again.predict_proba(sentences))


def test_train_model_multiclass():
    rows = []
    for actor in ACTORS:
        rows += [
            {"text": f"Critics attacked {actor} over the scandal.", "label": "conflict"},
            {"text": f"{actor.capitalize()} agreed to share the costs.", "label": "cooperation"},
            {"text": f"{actor.capitalize()} met on Monday.", "label": "none"},
            {"text": f"Rivals accused {actor} of stoking the dispute.", "label": "conflict"},
            {"text": f"{actor.capitalize()} signed a joint plan with partners.", "label": "cooperation"},
            {"text": f"{actor.capitalize()} published a schedule.", "label": "none"},
        ]
    model, report = train_model(pd.DataFrame(rows), dimension="frame", folds=3, n_jobs=1)
    assert report.lexicon is None and report.combined is None and report.threshold is None
    assert sorted(model.classes_) == ["conflict", "cooperation", "none"]
    assert model.framing_info_["binary"] is False


def test_bad_folds():
    with pytest.raises(ModelError, match="folds must be at least 2, not 1"):
        train_model(blame_labels(), dimension="blame", folds=1)


@pytest.mark.parametrize(
    "features", ["cues", "text", "all"],
)
def test_sentence_pipeline_variants(features):
    data = blame_labels()
    model = sentence_pipeline(features=features).fit(data["text"].tolist(), data["label"])
    assert model.predict_proba(["Residents blamed the council for the delays."]).shape == (1, 2)


def test_scores_of_known_case():
    scores = Scores.of([1, 1, 0, 0], [1, 0, 0, 0], [0, 1])
    assert scores.confusion == ((2, 0), (1, 1))
    assert scores.per_class[1].precision == 1.0 and scores.per_class[1].recall == 0.5
    assert math.isclose(scores.macro_f1, (0.8 + 2 / 3) / 2)


# ---------------------------------------------------------------------------------------------------
# combining rules and model


@pytest.mark.parametrize(
    "rule, p, policy, expected",
    [
        (1, 0.9, "rule_or_model", (1, "rule+model")),
        (1, 0.1, "rule_or_model", (1, "rule")),
        (0, 0.7, "rule_or_model", (1, "model")),
        (0, 0.2, "rule_or_model", (0, "")),
        (1, 0.1, "model", (0, "overruled")),
        (0, 0.7, "model", (1, "model")),
        (1, float("nan"), "model", (1, "rule")),
        (0, float("nan"), "rule_or_model", (0, "")),
        (0, 0.99, "rule", (0, "")),
        (1, 0.01, "rule", (1, "rule")),
    ],
)
def test_decide(rule, p, policy, expected):
    assert decide(rule, p, 0.5, policy) == expected


def test_combine_policies():
    rule = np.array([1, 1, 0, 0])
    p = np.array([0.9, 0.1, 0.7, 0.2])
    assert combine(rule, p, 0.5, "rule_or_model").tolist() == [1, 1, 1, 0]
    assert combine(rule, p, 0.5, "model").tolist() == [1, 0, 1, 0]
    # graded: a cue is overruled only below the lower threshold
    assert combine(rule, np.array([0.9, 0.3, 0.7, 0.2]), 0.5, "graded", 0.25).tolist() == [1, 1, 1, 0]
    assert combine(rule, np.array([0.9, 0.2, 0.7, 0.2]), 0.5, "graded", 0.25).tolist() == [1, 0, 1, 0]


@pytest.mark.parametrize(
    "rule, p, expected",
    [(1, 0.3, (1, "rule")), (1, 0.1, (0, "overruled")), (1, 0.6, (1, "rule+model")), (0, 0.6, (1, "model")), (0, 0.3, (0, ""))],
)
def test_decide_graded(rule, p, expected):
    assert decide(rule, p, 0.5, "graded", 0.25) == expected


def test_choose_decision_weighs_sources_equally():
    from framing.classifiers.train import choose_decision

    # big: the rules never fire, 8 positives sit at p=0.62; small: the rules are exact and the model
    # puts its negatives at p=0.6. Pooled, t=0.6 costs fewer rows (small's 5) than t=0.65 (big's 8);
    # weighed by source, wrecking the small source costs more.
    y = np.array([1] * 50 + [0] * 50 + [1] * 5 + [0] * 5)
    rule = np.array([0] * 100 + [1] * 5 + [0] * 5)
    p = np.array([0.8] * 42 + [0.62] * 8 + [0.2] * 50 + [0.3] * 5 + [0.6] * 5)
    sources = ["big"] * 100 + ["small"] * 10
    policy, threshold, lower = choose_decision(y, rule, p)
    pooled = combine(rule, p, threshold, policy, lower)
    assert pooled[105:].tolist() == [1] * 5  # pooled: the small source's negatives are lost
    policy, threshold, lower = choose_decision(y, rule, p, sources=sources)
    decided = combine(rule, p, threshold, policy, lower)
    assert decided[100:].tolist() == y[100:].tolist()


@pytest.mark.parametrize(
    "dimension, values, expected",
    [
        ("reported", {"voice": "indirect"}, 1),
        ("reported", {"voice": "author"}, 0),
        ("hedge", {"hedge": 1}, 1),
        ("hedging", {"hedge": 0}, 0),
        ("evaluative", {"evaluative": 0.0}, 0),
        ("frame", {}, None),
    ],
)
def test_rule_decision(dimension, values, expected):
    assert rule_decision(dimension, CuedText("x", (), values)) == expected


# ---------------------------------------------------------------------------------------------------
# model files


def test_model_file_round_trip(tmp_path, blame_model):
    model, _ = blame_model
    path = save_model(model, tmp_path / "blame.skops")
    loaded = load_model(path)
    sentences = ["Critics blamed the agency for the outbreak."]
    assert np.array_equal(loaded.predict_proba(sentences), model.predict_proba(sentences))
    assert loaded.framing_info_ == model.framing_info_


def test_untrusted_model_is_refused(tmp_path):
    import skops.io as sio
    from sklearn.preprocessing import FunctionTransformer

    path = tmp_path / "evil.skops"
    sio.dump(Pipeline([("f", FunctionTransformer(func=print)), ("lr", LogisticRegression())]), path)
    with pytest.raises(ModelError) as error:
        load_model(path)
    assert str(error.value).startswith(f"{path.resolve()}: the model contains types framing does not load (")
    assert "builtins.print" in str(error.value)
    assert "builtins.print" not in TRUSTED_TYPES


@pytest.mark.parametrize(
    "content, key", [(None, "model_not_found"), (b"not a zip file", "model_unreadable")]
)
def test_bad_model_files(tmp_path, content, key):
    path = tmp_path / "model.skops"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ModelError) as error:
        load_model(path)
    prefix = MESSAGES[key].split("{path}")[1].split("{")[0]
    assert prefix in str(error.value)


# ---------------------------------------------------------------------------------------------------
# stance


NEGATIVE = "Critics said {} bungled the response and misled voters."
POSITIVE = "Residents praised {} for a generous and effective rescue."
NEUTRAL = "{} met the delegation on Monday morning."


def stance_rows() -> list[tuple[str, int, int, str]]:
    rows = []
    for name in ["Mayor Lind", "Governor Ortiz", "the council", "Senator Hale", "the agency", "Chief Adams"]:
        for template, label in ((NEGATIVE, "negative"), (POSITIVE, "positive"), (NEUTRAL, "neutral")):
            sentence = template.format(name)
            start = sentence.index(name)
            rows.append((sentence, start, start + len(name), label))
    return rows


@pytest.fixture(scope="module")
def stance_model():
    rows = stance_rows()
    model = stance_pipeline()
    model.fit([mark_target(s, a, b) for s, a, b, _ in rows], [label for *_, label in rows])
    return model


def test_mark_and_unmark():
    sentence = "Critics said the mayor lied."
    marked = mark_target(sentence, 13, 22)
    assert marked == "Critics said ⟦the mayor⟧ lied."
    assert unmark(marked) == (sentence, 13, 22)


@pytest.mark.parametrize("start, end", [(5, 5), (-1, 3), (3, 99)])
def test_mark_target_bad_offsets(start, end):
    with pytest.raises(ModelError) as error:
        mark_target("Critics said the mayor lied.", start, end)
    assert str(error.value) == f"target offsets {start}:{end} are outside the sentence (length 28) or empty"


def test_find_target():
    assert find_target("Critics said the Mayor lied.", "the mayor") == (13, 22)
    with pytest.raises(ModelError, match="target 'the council' does not occur in the sentence"):
        find_target("Critics said the mayor lied.", "the council")


@pytest.mark.parametrize(
    "window, expected",
    [(0, "Critics said  targetx  lied badly."), (1, "said targetx lied")],
)
def test_target_context(window, expected):
    out = TargetContext(window=window).fit_transform(["Critics said ⟦the mayor⟧ lied badly."])
    assert out == [expected]


def test_stance_model_marks_the_target(stance_model):
    sentence = "Critics said Judge Mora bungled the response and misled voters."
    results = predict_stance(stance_model, [mark_target(sentence, 13, 23)])
    assert isinstance(results[0], StanceResult)
    assert results[0].label == "negative"
    assert math.isclose(sum(results[0].probabilities.values()), 1.0)
    assert results[0].net < 0
    # the window block reads the words around the placeholder (its n-grams are hashed: no names)
    window = dict(stance_model.named_steps["features"].transformer_list)["window"]
    assert "said targetx bungled" in window.named_steps["context"].transform([mark_target(sentence, 13, 23)])[0]


def test_stance_function_with_model_file(tmp_path, stance_model):
    from framing.classifiers.stance import stance

    path = save_model(stance_model, tmp_path / "stance.skops")
    sentence = "Residents praised Ranger Cole for a generous and effective rescue."
    result = stance(sentence, 18, 29, model=path)
    assert result.label == "positive" and result.net > 0
    # the cues travel with a MarkedText instead of being annotated again
    marked = MarkedText(mark_target(sentence, 18, 29), cues=())
    assert predict_stance(load_model(path), [marked])[0].label == "positive"


def test_stance_result_is_frozen():
    result = StanceResult("neutral", {"negative": 0.2, "neutral": 0.5, "positive": 0.3})
    assert math.isclose(result.net, 0.1)
    with pytest.raises(AttributeError):
        result.label = "positive"


# ---------------------------------------------------------------------------------------------------
# suggest


def test_uncertainty():
    proba = np.array([[0.5, 0.5], [0.9, 0.1], [0.2, 0.5, 0.3]][:2])
    assert uncertainty(proba).tolist() == pytest.approx([1.0, 0.2])


def test_suggest_ranks_by_uncertainty(blame_model):
    model, _ = blame_model
    texts = [
        "Residents blamed the mayor for the flooding.",
        "The mayor opened a new park on Tuesday.",
        "The mayor discussed the flooding.",
        "the mayor  discussed the flooding.",  # duplicate after normalising
        "Residents blamed the council for the delays.",
    ]
    picked = suggest(model, texts, n=3, exclude=["Residents blamed the council for the delays."])
    assert list(picked.columns) == ["rank", "text", "predicted", "p", "uncertainty"]
    assert len(picked) == 3
    assert picked["uncertainty"].is_monotonic_decreasing
    assert "Residents blamed the council for the delays." not in picked["text"].tolist()
    assert sum("discussed the flooding" in t for t in picked["text"]) == 1


def test_suggest_keeps_meta(blame_model):
    model, _ = blame_model
    meta = pd.DataFrame({"item_id": ["x1", "x2"]})
    picked = suggest(model, ["The mayor discussed the flooding.", "A bus route opened."], n=5, meta=meta)
    assert sorted(picked["item_id"]) == ["x1", "x2"]
    with pytest.raises(ValueError, match="n must be at least 1, not 0"):
        suggest(model, ["x"], n=0)


# ---------------------------------------------------------------------------------------------------
# the pipeline component


ARTICLE = (
    "Ceasefire talks stall\n\n"
    "Residents blamed Israel for the flooding of the camp. "
    "Critics said Hamas bungled the response and misled voters. "
    "At least 12 people were killed, officials said. "
    "The talks resumed on Monday."
)


@pytest.fixture(scope="module")
def model_files(tmp_path_factory, blame_model, stance_model):
    folder = tmp_path_factory.mktemp("models")
    blame = save_model(blame_model[0], folder / "blame.skops")
    # the synthetic model stands in for every sentence dimension, so the test does not load the shipped ones
    return {
        "blame": blame,
        "hedge": blame,
        "evaluative": blame,
        "reported": blame,
        "stance": save_model(stance_model, folder / "stance.skops"),
        "conflict": save_model(blame_model[0], folder / "conflict.skops"),
    }


def test_annotator_adds_probabilities_decisions_and_stance(model_files):
    from framing.config import AnalysisConfig
    from framing.running.inprocess import analyse_texts

    config = AnalysisConfig(models=tuple(model_files.items()), vader=False)
    analysis = analyse_texts([ARTICLE], config)
    sentences = analysis.sentences
    for column in ("p_blame", "p_hedge", "p_evaluative", "p_reported", "blame_source", "p_conflict"):
        assert column in sentences.columns
    assert sentences["p_blame"].between(0, 1).all()
    assert set(sentences["blame_source"]) <= {"rule", "model", "rule+model", "overruled", ""}
    assert (sentences["p_conflict"] == sentences["p_blame"]).all()
    stance_cues = analysis.cues[analysis.cues["dimension"] == "stance"]
    assert set(stance_cues["target_actor"]) >= {"Israel", "Hamas"}
    assert stance_cues["weight"].between(-1, 1).all()
    hamas = analysis.actors[analysis.actors["actor"] == "Hamas"]
    assert not hamas["net_evaluation"].isna().any()


def test_annotator_without_classifiers_keeps_rule_decisions(model_files):
    from framing.config import AnalysisConfig
    from framing.running.inprocess import analyse_texts

    config = AnalysisConfig(models=tuple(model_files.items()), vader=False, classifiers=False)
    sentences = analyse_texts([ARTICLE], config).sentences
    assert sentences["p_blame"].isna().all()
    assert set(sentences["blame_source"]) <= {"rule", ""}
    assert ((sentences["blame_source"] == "rule") == (sentences["blame"] == 1)).all()


def test_annotator_is_deterministic(model_files):
    from framing.config import AnalysisConfig
    from framing.running.inprocess import analyse_texts

    config = AnalysisConfig(models=tuple(model_files.items()), vader=False)
    first = analyse_texts([ARTICLE], config)
    second = analyse_texts([ARTICLE], config)
    pd.testing.assert_frame_equal(first.sentences, second.sentences)
    pd.testing.assert_frame_equal(first.cues, second.cues)


# ---------------------------------------------------------------------------------------------------
# the compiled prediction path (shared hashed features, IDF folded into the coefficients)


def test_compiled_sentence_model_matches_predict_proba(tmp_path, blame_model):
    from framing.classifiers.fast import FeatureCache, compile_model, predict_proba

    model, _ = blame_model
    loaded = load_model(save_model(model, tmp_path / "blame.skops"))
    assert compile_model(loaded) is not None
    sentences = annotate_texts(
        ["Critics blamed the agency for the outbreak.", "The library hours changed.", "Officials reportedly erred."]
    )
    cache = FeatureCache()
    fast = predict_proba(loaded, sentences, cache)
    assert np.allclose(fast, loaded.predict_proba(sentences), atol=1e-9)
    # a second model on the same batch reads the hashed counts already in the cache
    assert len(cache._text) == 2
    assert np.allclose(predict_proba(loaded, sentences, cache), fast)


def test_compiled_stance_model_matches_predict_proba(stance_model):
    from framing.classifiers.fast import compile_model, predict_proba

    assert compile_model(stance_model) is not None
    rows = stance_rows()[:9]
    marked = [mark_target(s, a, b) for s, a, b, _ in rows]
    assert np.allclose(predict_proba(stance_model, marked), stance_model.predict_proba(marked), atol=1e-9)


def test_uncompilable_model_falls_back_to_predict_proba():
    from sklearn.feature_extraction.text import TfidfVectorizer

    from framing.classifiers.fast import compile_model, predict_proba

    data = blame_labels()
    model = Pipeline([("tfidf", TfidfVectorizer()), ("lr", LogisticRegression())]).fit(data["text"], data["label"])
    assert compile_model(model) is None
    texts = ["Residents blamed the council for the delays."]
    assert np.array_equal(predict_proba(model, texts), model.predict_proba(texts))


def test_sentence_model_has_no_vocabulary(blame_model):
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfVectorizer

    model, _ = blame_model
    parts = dict(model.named_steps["features"].transformer_list)
    for name in ("words", "chars"):
        hasher = parts[name].steps[0][1]
        assert isinstance(hasher, HashingVectorizer) and not isinstance(hasher, TfidfVectorizer)
        assert hasher.alternate_sign is False and hasher.norm is None


# ---------------------------------------------------------------------------------------------------
# stance needs words that carry it


class _Cue(NamedTuple):
    dimension: str
    category: str
    polarity: str
    start: int
    end: int
    target: str = ""


def _cue_on(sentence: str, word: str, dimension: str = "evaluative", polarity: str = "negative") -> _Cue:
    start = sentence.index(word)
    return _Cue(dimension, "judgement", polarity, start, start + len(word))


def _span(sentence: str, target: str) -> tuple[int, int]:
    start = sentence.index(target)
    return start, start + len(target)


def test_stance_evidence_near_the_target():
    from framing.classifiers.stance import stance_evidence

    sentence = "Villagers said the reckless governor left the floods to others."
    cues = [_cue_on(sentence, "reckless")]
    assert stance_evidence(sentence, *_span(sentence, "governor"), cues, "negative") == ["reckless"]
    # VADER's sentiment words count too
    vader = "Villagers said the governor ignored the floods."
    assert stance_evidence(vader, *_span(vader, "governor"), [], "negative") == ["ignored"]
    assert stance_evidence(sentence, *_span(sentence, "governor"), cues, "positive") == []
    # plain words carry no stance
    plain = "The governor met the council on Monday."
    assert stance_evidence(plain, *_span(plain, "governor"), [], "negative") == []


def test_stance_evidence_far_from_the_target_does_not_count():
    from framing.classifiers.stance import stance_evidence

    sentence = "The council of Orvale met on Monday and after a long debate voted to condemn a reckless raid."
    cues = [_cue_on(sentence, "reckless")]
    assert stance_evidence(sentence, *_span(sentence, "Orvale"), cues, "negative") == []


def test_a_blame_cue_is_evidence_only_against_its_target():
    from framing.classifiers.stance import stance_evidence

    sentence = "Flouting a Lowland Council ruling, Ardenia expanded the quarry."
    start = sentence.index("Flouting")
    cues = [_Cue("blame", "violation", "", start, start + len("Flouting"), "Ardenia")]
    council = _span(sentence, "Lowland Council")
    assert stance_evidence(sentence, *council, cues, "negative", actor="Lowland Council") == []
    assert stance_evidence(sentence, *_span(sentence, "Ardenia"), cues, "negative", actor="Ardenia") == ["Flouting"]


def test_a_mediator_is_neutral_whatever_follows_it():
    from framing.classifiers.stance import is_mediator, stance_evidence

    sentence = "Talks between the two parties mediated by Norway and Chile have failed to agree a truce."
    cues = [_cue_on(sentence, "failed")]
    for name in ("Norway", "Chile"):
        assert is_mediator(sentence, *_span(sentence, name))
        assert stance_evidence(sentence, *_span(sentence, name), cues, "negative") == []
    praised = "The envoy praised Norway's mediation of the talks."
    assert is_mediator(praised, *_span(praised, "Norway"))
    assert stance_evidence(praised, *_span(praised, "Norway"), [], "positive") == ["praised"]
    assert not is_mediator("Norway sent troops to the border.", 0, 6)


def test_stance_cues_without_evidence_are_neutral(model_files):
    from framing.config import AnalysisConfig
    from framing.running.inprocess import analyse_texts

    config = AnalysisConfig(models=tuple(model_files.items()), vader=False)
    cues = analyse_texts([ARTICLE], config).cues
    stance_cues = cues[cues["dimension"] == "stance"]
    assert len(stance_cues)
    for cue in stance_cues.itertuples():
        if cue.polarity in {"negative", "positive"}:
            assert f"{cue.polarity} words: " in cue.detail, cue
        else:
            assert cue.polarity == "neutral"
            if "near the target: neutral" in cue.detail:
                assert cue.weight == 0.0
