"""The classifier component of the pipeline: probabilities, final decisions and stance toward actors.

It runs last, after the rule annotators, over a batch of documents (``annotate_many``; one batch per
model, so per-call costs are paid once per batch, not per article):

- adds ``p_blame``, ``p_hedge``, ``p_evaluative`` and ``p_reported``, each model's probability that
  the sentence is positive (the models read the rules' cues, already in the document, and the text);
- sets the final ``blame``, ``hedge`` and ``evaluative`` decisions from the rules' decision and the
  probability, with the policy and threshold stored in the model file (see
  :mod:`framing.classifiers.train`), and records which path decided in ``blame_source``,
  ``hedge_source`` and ``evaluative_source``: ``rule``, ``model``, ``rule+model``, ``overruled`` or "".
  Blame is the exception: by default the blame cues decide alone and ``p_blame`` is reported beside
  them, because the blame model, trained on 438 US political sentences, flags far too much in other
  coverage; ``--blame-model`` (``AnalysisConfig.blame_model``) lets it decide like the others;
- adds one column per user model given with ``--model NAME=FILE`` under a name framing does not
  ship: ``p_NAME`` for a 0/1 model, ``NAME`` (the predicted class) otherwise;
- with ``--blame-model``, names the targets of the sentences the final decision marks as blaming where
  the rules named none (:mod:`framing.classifiers.targets`);
- adds a ``stance`` cue for every actor mention: category and polarity the most probable stance,
  weight p(positive) - p(negative), target the actor, source and voice those of the words around it.
  A negative or positive stance needs words that carry it (:func:`framing.classifiers.stance.stance_evidence`:
  evaluative or blame cues, or VADER sentiment words, near the target; for a mediator only those
  before it): the cue's detail names them, and without any the stance is neutral with weight 0 (the
  model's probabilities stay in the detail).

With ``--no-classifiers`` the columns are still there: the probabilities empty, the decisions the
rules' own. Models are loaded once per process and configuration.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from framing.classifiers.fast import FeatureCache, predict_proba
from framing.classifiers.fast_files import load_predictor
from framing.classifiers.features import CuedText
from framing.classifiers.models import (
    SENTENCE_DIMENSIONS,
    STANCE,
    canonical_dimension,
    load_model,
    model_info,
    shipped_model_path,
)
from framing.classifiers.targets import load_picker
from framing.classifiers.train import decide, rule_decision
from framing.config import AnalysisConfig
from framing.schema import Column
from framing.types import Cue, Doc

DECIDED = ("blame", "hedge", "evaluative")
BASE_COLUMNS = (
    Column(
        "p_blame",
        "float",
        float("nan"),
        "blame model: probability the sentence assigns blame (empty without models)",
    ),
    Column("p_hedge", "float", float("nan"), "hedging model: probability the sentence is hedged"),
    Column(
        "p_evaluative",
        "float",
        float("nan"),
        "evaluative model: probability the wording is evaluative or loaded",
    ),
    Column(
        "p_reported",
        "float",
        float("nan"),
        "reported-speech model: probability the sentence reports someone's words",
    ),
    Column("blame", "int", 0, "final blame decision (rules and model, see blame_source)"),
    Column("hedge", "int", 0, "final hedge decision (rules and model, see hedge_source)"),
    Column("evaluative", "int", 0, "final evaluative decision (rules and model, see evaluative_source)"),
    Column(
        "blame_source",
        "str",
        "",
        "what decided blame: rule / model / rule+model / overruled (cues, model below threshold) / empty",
    ),
    Column("hedge_source", "str", "", "what decided hedge: rule / model / rule+model / overruled / empty"),
    Column(
        "evaluative_source",
        "str",
        "",
        "what decided evaluative: rule / model / rule+model / overruled / empty",
    ),
)


@dataclass(frozen=True)
class LoadedModels:
    """The models of one configuration: per sentence dimension, stance, and user models by name."""

    sentence: tuple[tuple[str, Any], ...] = ()
    stance: Any = None
    user: tuple[tuple[str, Any], ...] = ()
    targets: Any = None  # framing.classifiers.targets.TargetPicker: targets of sentences the blame model adds
    # dimensions the cues alone decide, the model only reporting p_<dimension>: blame unless
    # ``--blame-model``, and those of ``--cues-decide``
    cues_decide: tuple[str, ...] = ("blame",)


@lru_cache(maxsize=4)
def load_models(config: AnalysisConfig) -> LoadedModels:
    """The shipped models, replaced by ``--model NAME=FILE`` where NAME is a shipped dimension."""
    if not config.classifiers:
        return LoadedModels()
    overrides: dict[str, Path] = {}
    user = []
    for name, path in config.models:
        dimension = canonical_dimension(name)
        if dimension in SENTENCE_DIMENSIONS or dimension == STANCE:
            overrides[dimension] = Path(path)
        else:
            user.append((name, load_model(path)))
    sentence = []
    for dimension in SENTENCE_DIMENSIONS:
        path = overrides.get(dimension) or shipped_model_path(dimension)
        if path is not None:
            sentence.append((dimension, load_predictor(path)))
    stance_path = overrides.get(STANCE) or shipped_model_path(STANCE)
    stance = load_predictor(stance_path) if stance_path is not None else None
    cues_decide = set(config.cues_decide) | (set() if config.blame_model else {"blame"})
    return LoadedModels(tuple(sentence), stance, tuple(user), load_picker(config), tuple(sorted(cues_decide)))


def _is_binary(model) -> bool:
    return [str(c) for c in model.classes_] == ["0", "1"]


def positive_probability(model, texts: list[CuedText], cache: FeatureCache | None = None) -> np.ndarray:
    """P(class 1) of a 0/1 model for each text (``cache``: hashed features shared between models)."""
    proba = predict_proba(model, texts, cache)
    return proba[:, [str(c) for c in model.classes_].index("1")]


def user_columns(models: LoadedModels) -> tuple[Column, ...]:
    columns = []
    for name, model in models.user:
        if _is_binary(model):
            columns.append(
                Column(f"p_{name}", "float", float("nan"), f"user model {name}: probability of class 1")
            )
        else:
            columns.append(Column(name, "str", "", f"user model {name}: predicted class"))
    return tuple(columns)


class ShiftedCue(NamedTuple):
    """What the stance features read of a cue, with offsets into its sentence."""

    dimension: str
    category: str
    polarity: str
    start: int
    end: int
    target: str = ""  # a blame cue's target actor: only its target is blamed by it


class ClassifierAnnotator:
    name = "classify"

    def __init__(self, models: LoadedModels):
        self.models = models
        self.columns = BASE_COLUMNS + user_columns(models)

    def __call__(self, doc: Doc) -> None:
        self.annotate_many([doc])

    def annotate_many(self, docs: list[Doc]) -> None:
        """Classify the sentences and actor mentions of several documents, one batch per model."""
        docs = [doc for doc in docs if doc.sentences]
        if not docs:
            return
        cues_by_doc: list[dict[str, list[Cue]]] = []
        texts: list[CuedText] = []
        for doc in docs:
            by_sentence: dict[str, list[Cue]] = defaultdict(list)
            for cue in doc.cues:
                by_sentence[cue.sentence_id].append(cue)
            cues_by_doc.append(by_sentence)
            texts.extend(CuedText(s.text, by_sentence[s.sentence_id], s.values) for s in doc.sentences)
        sentences = [s for doc in docs for s in doc.sentences]
        probabilities: dict[str, np.ndarray] = {}
        cache = FeatureCache()  # each sentence is hashed once for every model
        for dimension, model in self.models.sentence:
            probabilities[dimension] = positive_probability(model, texts, cache)
        infos = {dimension: model_info(model) for dimension, model in self.models.sentence}
        policies = {
            dimension: (
                float(infos.get(dimension, {}).get("threshold", 0.5)),
                str(infos.get(dimension, {}).get("policy", "rule_or_model")),
                float(infos.get(dimension, {}).get("rule_threshold", 0.0)),
            )
            for dimension in DECIDED
        }
        for dimension in self.models.cues_decide:  # p_<dimension> is reported; the cues decide
            if dimension in policies:
                policies[dimension] = (policies[dimension][0], "rule", 0.0)
        for i, sentence in enumerate(sentences):
            values = sentence.values
            for dimension in SENTENCE_DIMENSIONS:
                p = probabilities.get(dimension)
                values[f"p_{dimension}"] = float(p[i]) if p is not None else math.nan
            for dimension in DECIDED:
                rule = rule_decision(dimension, texts[i]) or 0
                threshold, policy, rule_threshold = policies[dimension]
                decision, source = decide(rule, values[f"p_{dimension}"], threshold, policy, rule_threshold)
                values[dimension] = decision
                values[f"{dimension}_source"] = source
        if self.models.targets is not None:
            for doc in docs:
                self.models.targets(doc)  # blame_targets of blaming sentences where the rules named none
        for name, model in self.models.user:
            if _is_binary(model):
                p = positive_probability(model, texts, cache)
                for sentence, value in zip(sentences, p, strict=True):
                    sentence.values[f"p_{name}"] = float(value)
            else:
                for sentence, label in zip(sentences, model.predict(texts), strict=True):
                    sentence.values[name] = str(label)
        if self.models.stance is not None:
            self._stance([(doc, by) for doc, by in zip(docs, cues_by_doc, strict=True) if doc.actor_mentions])

    def _stance(self, docs: list[tuple[Doc, dict[str, list[Cue]]]]) -> None:
        from framing.classifiers.stance import MarkedText, mark_target, predict_stance, stance_evidence

        marked, mentions = [], []
        for doc, by_sentence in docs:
            sentences = {s.sentence_id: s for s in doc.sentences}
            shifted: dict[str, list[ShiftedCue]] = {}  # a sentence's cues, offsets into the sentence
            for sentence_id, mention in doc.actor_mentions:
                sentence = sentences.get(sentence_id)
                if sentence is None or not (sentence.start <= mention.start < mention.end <= sentence.end):
                    continue
                shift = sentence.start
                cues = shifted.get(sentence_id)
                if cues is None:
                    cues = shifted[sentence_id] = [
                        ShiftedCue(
                            c.dimension, c.category, c.polarity, c.start - shift, c.end - shift, c.target_actor
                        )
                        for c in by_sentence[sentence_id]
                        if c.dimension != "stance"
                    ]
                text = mark_target(sentence.text, mention.start - shift, mention.end - shift)
                marked.append(MarkedText(text, cues))
                mentions.append((doc, sentence, mention, cues))
        results = predict_stance(self.models.stance, marked)
        for (doc, sentence, mention, cues), result in zip(mentions, results, strict=True):
            span = doc.voice_at(mention.start, mention.end)
            shift = sentence.start
            label, weight = result.label, round(result.net, 6)
            detail = " ".join(f"p_{k}={v:.3f}" for k, v in sorted(result.probabilities.items()))
            if label in {"negative", "positive"}:
                evidence = stance_evidence(
                    sentence.text, mention.start - shift, mention.end - shift, cues, label, actor=mention.actor
                )
                if evidence:
                    detail += f"; {label} words: " + ", ".join(evidence)
                else:
                    detail += f"; no {label} words near the target: neutral"
                    label, weight = "neutral", 0.0
            doc.cues.append(
                Cue(
                    article_id=sentence.article_id,
                    sentence_id=sentence.sentence_id,
                    dimension="stance",
                    category=label,
                    text=doc.article.text[mention.start : mention.end],
                    start=mention.start,
                    end=mention.end,
                    term="stance model",
                    weight=weight,
                    polarity=label,
                    source_actor=(span.speaker_actor or span.speaker) if span else "author",
                    target_actor=mention.actor,
                    voice=span.voice if span else "author",
                    detail=detail,
                )
            )


def build(config: AnalysisConfig) -> ClassifierAnnotator:
    return ClassifierAnnotator(load_models(config))


def columns(config: AnalysisConfig) -> tuple[Column, ...]:
    """The columns ``build(config)`` adds, loading only the user models (their kind decides the
    column), not the shipped ones."""
    if not config.classifiers:
        return BASE_COLUMNS
    user = []
    for name, path in config.models:
        dimension = canonical_dimension(name)
        if dimension not in SENTENCE_DIMENSIONS and dimension != STANCE:
            user.append((name, load_model(path)))
    return BASE_COLUMNS + user_columns(LoadedModels(user=tuple(user)))
