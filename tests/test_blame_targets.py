"""Blame targets for the sentences the blame model adds: candidates, features, choice and the shipped
target model. Every sentence here was written for these tests (the invented actors of the sample
corpus and made-up names)."""

from __future__ import annotations

import numpy as np
import pytest

from framing.classifiers.annotator import ClassifierAnnotator, LoadedModels
from framing.classifiers.targets import (
    MODEL_TERM,
    Candidate,
    CodedItem,
    TargetPicker,
    analyse_rules,
    choose,
    fit_target_model,
    load_picker,
    predicted_targets,
    sentence_candidates,
    target_counts,
    targets_match,
)
from framing.config import AnalysisConfig
from framing.resources import actor_sets

# the rules are tested with the shipped actor sets applied (actors are otherwise discovered only)
CONFIG = AnalysisConfig(vader=False, classifiers=False, actor_files=tuple(actor_sets().values()))


def found(text: str) -> list[tuple[str, str]]:
    doc = analyse_rules(text, "t", CONFIG)
    return [(c.target, c.kind) for item in sentence_candidates(doc, CONFIG) for c in item.found]


def test_candidates_are_mentions_names_and_actor_nouns():
    got = found("Senator Ada Byrne said the council and the Karesh Front had let the bridge collapse.")
    assert ("Ada Byrne", "mention") in got  # a discovered actor, the title stripped
    assert ("council", "agent") in got
    assert ("Karesh Front", "mention") in got


def test_a_capitalised_opener_is_no_candidate():
    got = [target for target, _ in found("However, the Valdorian army withdrew from the hills near Ostrel.")]
    assert "However" not in got
    assert "Valdoria" in got and "Ostrel" in got


def test_a_first_name_joins_the_mention_after_it():
    doc = analyse_rules("Critics said Kaspar Holm ignored the warnings.", "t", CONFIG)
    (item,) = sentence_candidates(doc, CONFIG)
    (holm,) = [c for c in item.found if c.target == "Valdoria"]
    assert doc.article.text[holm.start : holm.end] == "Kaspar Holm"


def test_a_pronoun_is_the_candidate_before_it():
    got = found("Mira Holt said she would stay away from the talks.")
    assert ("Mira Holt", "mention") in got  # "she": a mention of the person named before
    assert found("They never answered the letters.") == [("they", "pronoun")]


def test_features_mark_the_rules_target_and_the_speaker():
    doc = analyse_rules("Ada Byrne accused the Karesh Front of shelling the market.", "t", CONFIG)
    (item,) = sentence_candidates(doc, CONFIG)
    by_target = dict(zip([c.target for c in item.found], item.features, strict=True))
    assert by_target["Karesh Front"].get("rule_target") == 1.0
    assert by_target["Ada Byrne"].get("rule_source") == 1.0
    assert "rule_target" not in by_target["Ada Byrne"]


def _candidate(target: str, first: int) -> Candidate:
    return Candidate(target, first, first + 1, first * 5, first * 5 + 4, "name")


def test_choose_takes_the_candidates_above_the_threshold_else_the_best_one():
    a, b, c = _candidate("Ana", 0), _candidate("Bo", 1), _candidate("Cy", 2)
    assert choose([0.8, 0.6, 0.1], [a, b, c], 0.5) == [a, b]
    assert choose([0.2, 0.4, 0.1], [a, b, c], 0.5) == [b]
    assert choose([0.2, 0.9], [a, _candidate("Ana", 3)], 0.5)[0].first == 3  # one per target, best mention
    assert choose([], [], 0.5) == []


def test_targets_match_and_counts():
    def canonical(name):
        return "Valdoria" if "Dresk" in name or name == "Valdoria" else ""

    assert targets_match("Dresk", "President Dresk", canonical)
    assert targets_match("Anton Dresk", "Valdoria", canonical)
    assert not targets_match("Ostrel", "Valdoria", canonical)
    assert target_counts([["Dresk", "Ostrel"]], [["Valdoria", "Halvik"]], canonical) == (1, 1, 1)


def _item(text: str, gold: list[str], blame: int = 1) -> CodedItem:
    doc = analyse_rules(text, text[:8], CONFIG)
    sentences = []
    for s in sentence_candidates(doc, CONFIG):
        labels = [int(any(targets_match(g, c.target, lambda _: "") for g in gold)) for c in s.found]
        sentences.append((str(s.sentence.values.get("blame_targets") or ""), s.found, s.features, labels))
    return CodedItem(text[:8], text[:8], blame, gold, sentences)


def test_fit_and_predict_targets_on_written_items():
    items = [
        _item("Mara Voss says the Tollbridge Company poisoned the river.", ["Tollbridge Company"]),
        _item("Eli Brandt says the Westfield Mill poisoned the lake.", ["Westfield Mill"]),
        _item("Ona Pike says the Harlow Refinery poisoned the creek.", ["Harlow Refinery"]),
        _item("Ivo Lang says the Kessel Works poisoned the pond.", ["Kessel Works"]),
    ]
    model = fit_target_model(items, C=1.0)
    test = _item("Tara Quill says the Ember Plant poisoned the canal.", ["Ember Plant"])
    probabilities = [model.predict_proba(features)[:, 1] for _, _, features, _ in test.sentences]
    assert predicted_targets(test, probabilities, 0.99) == ["Ember Plant"]
    assert predicted_targets(test, None, 0.5) == []  # no rule target, no model: nothing


def test_fit_refuses_items_without_both_classes():
    with pytest.raises(ValueError, match="both"):
        fit_target_model([_item("Nobody was there.", [], blame=1)], C=1.0)


class AlwaysBlames:
    """A stand-in blame model that flags every sentence (so the target step runs without cues)."""

    classes_ = np.array([0, 1])
    framing_info_ = {"threshold": 0.5, "policy": "rule_or_model"}

    def predict_proba(self, texts):
        return np.tile([0.1, 0.9], (len(texts), 1))


@pytest.fixture(scope="module")
def picker():
    found_picker = load_picker(AnalysisConfig(vader=False))
    if found_picker is None:
        pytest.skip("no shipped blame_target model (run: framing train --defaults --only blame_target)")
    return found_picker


def test_shipped_target_model_picks_the_blamed_actor(picker):
    text = "Officials in Halvik say the Karesh Front has turned the valley into a wasteland."
    doc = analyse_rules(text, "t", CONFIG)
    (item,) = sentence_candidates(doc, CONFIG)
    p = picker.model.predict_proba(item.features)[:, 1]
    best = item.found[int(np.argmax(p))]
    assert best.target == "Karesh Front"


def test_classifier_step_fills_targets_of_model_only_sentences(picker):
    models = LoadedModels(sentence=(("blame", AlwaysBlames()),), targets=picker, cues_decide=())
    annotator = ClassifierAnnotator(models)
    text = "Officials in Halvik say the Karesh Front has turned the valley into a wasteland."
    doc = analyse_rules(text, "t", CONFIG)
    annotator(doc)
    (sentence,) = doc.sentences
    assert sentence.values["blame"] == 1 and sentence.values["blame_source"] == "model"
    assert sentence.values["blame_targets"] == "Karesh Front"
    assert sentence.values["blame_voice"] in {"author", "attributed"}
    (cue,) = [c for c in doc.cues if c.dimension == "blame"]
    assert cue.term == MODEL_TERM and cue.target_actor == "Karesh Front"
    assert text[cue.start : cue.end] == cue.text == "Karesh Front"


def test_by_default_the_blame_model_only_reports(picker):
    models = LoadedModels(sentence=(("blame", AlwaysBlames()),), targets=picker)
    text = "Officials in Halvik say the Karesh Front has turned the valley into a wasteland."
    doc = analyse_rules(text, "t", CONFIG)
    ClassifierAnnotator(models)(doc)
    (sentence,) = doc.sentences
    assert sentence.values["p_blame"] == pytest.approx(0.9)
    assert (sentence.values["blame"], sentence.values["blame_source"], sentence.values["blame_targets"]) == (0, "", "")
    assert not [c for c in doc.cues if c.dimension == "blame"]


def test_blame_model_switch_reaches_the_loaded_models():
    from framing.classifiers.annotator import load_models

    assert "blame" in load_models(AnalysisConfig(vader=False)).cues_decide
    assert "blame" not in load_models(AnalysisConfig(vader=False, blame_model=True)).cues_decide
    assert AnalysisConfig(blame_model=True).version() != AnalysisConfig().version()


class NeverBlames(AlwaysBlames):
    def predict_proba(self, texts):
        return np.tile([0.9, 0.1], (len(texts), 1))


class FixedTargetModel:
    """A stand-in target model giving every candidate the same probability."""

    classes_ = np.array([0, 1])

    def __init__(self, p):
        self.p = p

    def predict_proba(self, features):
        return np.tile([1 - self.p, self.p], (len(features), 1))


def test_an_accusation_naming_no_actor_is_a_cue_but_not_blame():
    doc = analyse_rules("The minister condemned the violence in general terms.", "t", CONFIG)
    (cue,) = [c for c in doc.cues if c.dimension == "blame"]
    assert (cue.text, cue.target_actor) == ("condemned", "")
    assert doc.sentences[0].values["blame"] == 0


@pytest.mark.parametrize("p, expected", [(0.9, (1, "rule")), (0.1, (0, ""))])
def test_the_target_model_names_the_actor_of_an_open_accusation(p, expected):
    picker = TargetPicker.__new__(TargetPicker)
    picker.model, picker.config, picker.threshold = FixedTargetModel(p), CONFIG, 0.5
    from framing.annotation.mentions import actor_index

    picker.index = actor_index(CONFIG)
    models = LoadedModels(sentence=(("blame", NeverBlames()),), targets=picker)
    text = "Lena Marrin blamed the blackout on Tuesday, a spokesman for the Karesh Front said."
    doc = analyse_rules(text, "t", CONFIG)
    assert [c.target_actor for c in doc.cues if c.dimension == "blame"] == [""]
    ClassifierAnnotator(models)(doc)
    values = doc.sentences[0].values
    assert (values["blame"], values["blame_source"]) == expected
    named = [c for c in doc.cues if c.dimension == "blame" and c.target_actor]
    assert bool(named) == bool(expected[0]) and all(c.term == MODEL_TERM for c in named)


def test_the_rules_targets_are_kept(picker):
    models = LoadedModels(sentence=(("blame", AlwaysBlames()),), targets=picker, cues_decide=())
    doc = analyse_rules("Lena Marrin blamed the Karesh Front for the blackout.", "t", CONFIG)
    before = [c for c in doc.cues if c.dimension == "blame"]
    ClassifierAnnotator(models)(doc)
    assert doc.sentences[0].values["blame_targets"] == "Karesh Front"
    assert [c for c in doc.cues if c.dimension == "blame"] == before  # no model cue added


def test_picker_does_nothing_without_blame(picker):
    doc = analyse_rules("The ferry to Ostrel left on time.", "t", CONFIG)
    picker(doc)
    assert doc.sentences[0].values["blame_targets"] == ""
    assert not [c for c in doc.cues if c.dimension == "blame"]


def test_picker_reads_the_threshold_from_the_model(picker):
    assert isinstance(picker, TargetPicker)
    assert 0.0 < picker.threshold < 1.0


class AlwaysHedges(AlwaysBlames):
    """A stand-in hedge model: every sentence uncertain (p 0.9)."""


def test_cues_decide_keeps_the_hedge_model_to_its_probability():
    text = "The port workers have been cooperating with the inspectors."  # no hedge cue
    for cues_decide, expected in ((("blame",), (1, "model")), (("blame", "hedge"), (0, ""))):
        models = LoadedModels(sentence=(("hedge", AlwaysHedges()),), cues_decide=cues_decide)
        doc = analyse_rules(text, "t", CONFIG)
        ClassifierAnnotator(models)(doc)
        (sentence,) = doc.sentences
        assert sentence.values["p_hedge"] == pytest.approx(0.9)
        assert (sentence.values["hedge"], sentence.values["hedge_source"]) == expected


def test_cues_decide_reaches_the_loaded_models_and_the_fingerprint():
    from framing.classifiers.annotator import load_models

    assert load_models(AnalysisConfig(vader=False)).cues_decide == ("blame",)
    assert load_models(AnalysisConfig(vader=False, cues_decide=("hedge",))).cues_decide == ("blame", "hedge")
    assert AnalysisConfig(cues_decide=("hedge",)).version() != AnalysisConfig().version()
