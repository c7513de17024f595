"""Blame targets the rules cannot name: which actor in the sentence is held responsible.

The blame rules name a target whenever they fire, except for an accusation or condemnation aimed at
something they cannot name as an actor; and the blame model (:mod:`framing.classifiers.train`), under
``--blame-model``, adds sentences where no cue fired, which have no target. This module fills them in.
For every
**candidate** in a sentence (:func:`candidates`: the actor mentions of the actor files, capitalised
names, the actor nouns of ``blame.tsv`` such as "police" or "senators", and unresolved personal
pronouns) a logistic regression gives the probability that the sentence holds this candidate
responsible, from :func:`candidate_features`:

- where the candidate stands: its kind (actor mention, name, actor noun, pronoun) and actor type, its
  position in the sentence and among the candidates, the words right before and after it (a
  preposition, a possessive ``'s``, an auxiliary), whether it opens its clause;
- what the rules say about it: whether a blame cue names it as target or as source (speakers are rarely
  their own targets), whether it is the doer of a harm clause, the rules' blame, evaluative, harm and
  attribution cues near it and on which side (``target_features`` of :mod:`framing.classifiers.stance`,
  with VADER's sentiment words around it);
- whether it is the sentence's speaker or sits inside a quotation.

The stance model's probabilities toward the candidate and weak labels from BASIL's negative
annotations (their target entity) were tried as well and did not raise the cross-validated F1 (see
``docs/models.md``), so the model does without them.

:class:`TargetPicker` runs in the classifier step, for two kinds of sentence: one with an accusation
or condemnation cue aimed at nothing the rules can name as an actor (not blame by itself), where it
takes the candidates at or above the model's threshold and, if there are any, makes the sentence
blame; and, with ``--blame-model``, one the blame model flags without any cue, where it takes every
candidate at or above the threshold, else the single most probable one. Either way it adds one
``blame`` cue per target (term ``blame model``, source and voice of the words around the target,
target normalised through the actor index) and the sentence's
``blame_targets``, ``blame_sources`` and ``blame_voice``. Sentences where the rules named a target
keep the rules' targets.

:func:`build_target_model` trains the shipped model (``framing train --defaults``) on the coded
sample's ``dev`` split: a candidate is positive when it matches a coded target (:func:`targets_match`,
the matching of ``benchmarks/eval_scorers.py``). The threshold and C are chosen by cross-validation
grouped by article (:func:`cross_validate`); see ``docs/models.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import numpy as np

from framing.annotation.grammar import (
    ADVERBS,
    AUX,
    BOUNDARY,
    CONJUNCTIONS,
    DETERMINERS,
    NEGATORS,
    PREPOSITIONS,
    PRONOUNS,
    SUBORDINATORS,
    Grammar,
    _is_punct,
    grammar_for,
    proper_words,
    sentence_mentions,
    speaker_of,
)
from framing.classifiers.models import BLAME_TARGET as TARGET_MODEL
from framing.config import AnalysisConfig
from framing.types import Cue, Doc, Sentence

MODEL_TERM = "blame model"
NEAR = 6  # words on each side counted as "near" the candidate
SUBJECT_PRONOUNS = frozenset({"he", "she", "they"})
CANDIDATE_PRONOUNS = SUBJECT_PRONOUNS | {"him", "them"}
# sentence openers that are not names (closed-class words the grammar's word lists do not hold)
OPENERS = frozenset(
    "however but and so yet instead still meanwhile moreover furthermore nevertheless nonetheless "
    "thus hence therefore indeed perhaps maybe now then here there when where why how what whatever "
    "whether if unless although though while because let just even only also".split()
)
CUE_DIMENSIONS = frozenset({"blame", "evaluative", "agency", "attribution", "hedge", "booster"})
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.1, 0.91, 0.05))
C_VALUES = (0.1, 0.3, 1.0, 3.0)
SEED = 0
FOLDS = 5


@dataclass(frozen=True)
class Candidate:
    """A possible blame target: how it is written as a target, its token span in the sentence, its
    character offsets in the article, and what kind of phrase it is."""

    target: str  # the canonical actor for an actor mention, else the words as written
    first: int
    last: int
    start: int
    end: int
    kind: str  # mention / name / agent / pronoun
    actor_type: str = ""


# ---------------------------------------------------------------------------------------------------
# matching targets (the benchmark's rule)


def targets_match(gold: str, predicted: str, canonical: Callable[[str], str]) -> bool:
    """A predicted target matches a gold one when either names the other (case-folded), or both
    canonicalise to the same actor (``canonical``: e.g. ``ActorIndex.canonical``)."""
    g, p = gold.lower(), predicted.lower()
    if g in p or p in g:
        return True
    g_actor, p_actor = canonical(gold), canonical(predicted)
    return bool(g_actor) and g_actor == p_actor


def split_targets(value: Any) -> list[str]:
    """A ``;``-separated target cell as a list of names."""
    return [t.strip() for t in str(value or "").split(";") if t.strip()]


# ---------------------------------------------------------------------------------------------------
# candidates


def _strip_titles(g: Grammar, first: int, last: int) -> int:
    while first < last - 1 and g.tokens[first].lower.rstrip(".") in g.titles:
        first += 1
    return first


def candidates(g: Grammar) -> list[Candidate]:
    """The actors a sentence could blame, in text order: actor mentions, runs of capitalised names
    (titles removed: "Sen. Ada Byrne" -> "Ada Byrne"), actor nouns with the names before them
    ("Byrne aides", "police") and personal pronouns the sentence does not resolve."""
    tokens = g.tokens
    out: list[Candidate] = []
    k = 0
    while k < g.n:
        mention = g.mention_at[k]
        if mention is not None:
            first = mention.first_token
            if out and out[-1].kind == "name" and out[-1].last == first:  # "Donald" + "Trump"
                first = out.pop().first
            out.append(
                Candidate(
                    mention.actor,
                    first,
                    mention.last_token,
                    tokens[first].start,
                    mention.end,
                    "mention",
                    mention.type,
                )
            )
            k = max(mention.last_token, k + 1)
            continue
        token = tokens[k]
        word = token.lower
        if g.is_name(k) and token.text[0].isalpha() and word not in g.agents and not _opening_word(g, k):
            last = k
            while (
                last < g.n
                and g.mention_at[last] is None
                and g.is_name(last)
                and tokens[last].text[0].isalpha()
            ):
                if tokens[last].lower in g.agents:
                    break
                last += 1
            kind = "name"
            if last < g.n and g.mention_at[last] is None and tokens[last].lower in g.agents:
                last += 1  # "Byrne aides"
                kind = "agent"
            first = _strip_titles(g, k, last)
            if not all(t.lower.rstrip(".") in g.titles for t in tokens[first:last]):
                out.append(
                    Candidate(
                        g._text(first, last), first, last, tokens[first].start, tokens[last - 1].end, kind
                    )
                )
            k = last
            continue
        if word in g.agents:
            out.append(Candidate(word, k, k + 1, token.start, token.end, "agent"))
        elif word in CANDIDATE_PRONOUNS and (word not in {"her"} or _object_pronoun(g, k)):
            out.append(Candidate(word, k, k + 1, token.start, token.end, "pronoun"))
        k += 1
    return _resolve_pronouns(g, out)


def _opening_word(g: Grammar, k: int) -> bool:
    """A capitalised word that opens the sentence or a clause and is a function word or an adverb
    ("However", "Beyond", "Instead", "Surprisingly"), not a name."""
    if not (k == g.first_word or (k > 0 and g.tokens[k - 1].lower in BOUNDARY)):
        return False
    if k + 1 < g.n and g.is_name(k + 1):
        return False
    word = g.tokens[k].lower
    return (
        word in OPENERS
        or word in PREPOSITIONS
        or word in SUBORDINATORS
        or word in DETERMINERS
        or word in AUX
        or word in ADVERBS
        or (word.endswith("ly") and word not in g.proper)
        or (word.endswith("ing") and word not in g.proper)
    )


def _object_pronoun(g: Grammar, k: int) -> bool:
    if k + 1 >= g.n:
        return True
    nxt = g.tokens[k + 1]
    return _is_punct(nxt) or nxt.lower in PREPOSITIONS or nxt.lower in CONJUNCTIONS


def _resolve_pronouns(g: Grammar, found: list[Candidate]) -> list[Candidate]:
    """A pronoun is the nearest earlier candidate of the sentence when there is one (it then counts
    as another mention of that candidate), else kept as written."""
    out = []
    for i, candidate in enumerate(found):
        if candidate.kind == "pronoun":
            earlier = [c for c in found[:i] if c.kind != "pronoun"]
            if earlier:
                out.append(replace(candidate, target=earlier[-1].target, kind="pronoun_resolved"))
                continue
        out.append(candidate)
    return out


# ---------------------------------------------------------------------------------------------------
# features


def _bucket(value: float, edges: Sequence[float]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge:g}"
    return f">{edges[-1]:g}"


def _token_index(g: Grammar, offset: int) -> int:
    for k, token in enumerate(g.tokens):
        if token.end > offset:
            return k
    return g.n


def _word_class(word: str) -> str:
    if word in PREPOSITIONS:
        return "prep"
    if word in AUX:
        return "aux"
    if word in NEGATORS:
        return "neg"
    if word in CONJUNCTIONS:
        return "conj"
    if word in DETERMINERS:
        return "det"
    if word in SUBORDINATORS:
        return "sub"
    if word in {"'s", "'"}:
        return "poss"
    if word in PRONOUNS:
        return "pron"
    return "punct" if not word[:1].isalnum() else "word"


def candidate_features(
    doc: Doc,
    sentence: Sentence,
    g: Grammar,
    found: Sequence[Candidate],
    cues: Sequence[Cue],
) -> list[dict[str, float]]:
    """One feature dict per candidate (see the module docstring); ``cues`` are the sentence's rule cues."""
    from framing.classifiers.stance import target_features

    tokens = g.tokens
    shift = sentence.start
    relative = [
        replace(c, start=c.start - shift, end=c.end - shift) for c in cues if c.dimension in CUE_DIMENSIONS
    ]
    blame_cues = [c for c in cues if c.dimension == "blame" and c.term != MODEL_TERM]
    cue_spans = [(c, _token_index(g, c.start), _token_index(g, max(c.start, c.end - 1)) + 1) for c in cues]
    values = sentence.values
    speaker_span = (values.get("speaker_start", -1), values.get("speaker_end", -1))
    agents = {a for a in str(values.get("agency_agent") or "").split(";") if a}
    named = [c for c in found if c.kind != "pronoun"]
    out = []
    for i, c in enumerate(found):
        f: dict[str, float] = {f"kind={c.kind}": 1.0, f"type={c.actor_type or 'none'}": 1.0}
        before = tokens[c.first - 1].lower if c.first > 0 else "<s>"
        after = tokens[c.last].lower if c.last < g.n else "</s>"
        after2 = tokens[c.last + 1].lower if c.last + 1 < g.n else "</s>"
        f[f"prev={before}"] = 1.0
        f[f"next={after}"] = 1.0
        f[f"prev_class={_word_class(before)}"] = 1.0
        f[f"next_class={_word_class(after)}"] = 1.0
        f[f"next2_class={_word_class(after)}_{_word_class(after2)}"] = 1.0
        f[f"position={_bucket(c.first / max(g.n, 1), (0.1, 0.3, 0.6))}"] = 1.0
        f[f"order={min(i, 3)}"] = 1.0
        f[f"order_from_end={min(len(found) - 1 - i, 3)}"] = 1.0
        f[f"n_candidates={min(len(named), 4)}"] = 1.0
        f[f"distinct_targets={min(len({x.target for x in named}), 4)}"] = 1.0
        f["repeated"] = float(sum(x.target == c.target for x in found) > 1)
        clause = g.clause_start(c.first)
        f["clause_opening"] = float(clause >= c.first - 1)
        if c.last - c.first == 1 and c.kind == "name" and c.first == g.first_word:
            f["opening_single_word"] = 1.0
        j = c.last
        while j < g.n and (tokens[j].lower in AUX or tokens[j].lower in ADVERBS):
            j += 1
        if j > c.last and j < g.n:
            f["next_after_aux_negated"] = float(any(t.lower in NEGATORS for t in tokens[c.last : j]))
        nxt = tokens[j].lower if j < g.n else "</s>"
        if (
            nxt.isalpha()
            and nxt not in PREPOSITIONS
            and nxt not in DETERMINERS
            and (nxt.endswith("ed") or (nxt.endswith("s") and not nxt.endswith("ss")))
        ):
            f["verb_like_after"] = 1.0
        for cue, a, _ in cue_spans:
            if cue.dimension in {"blame", "evaluative"} and clause <= a and g.clause_start(a) == clause:
                key = f"clause:{cue.dimension}:{cue.polarity or cue.category}"
                f[key] = f.get(key, 0.0) + 1.0
        f["sentence_opening"] = float(c.first <= g.first_word + 1)
        if any(t.text[:1] in {'"', "“", "”"} for t in tokens[max(0, c.first - 1) : c.first]):
            f["after_quote_mark"] = 1.0
        # the rules
        for cue in blame_cues:
            if _names(cue.target_actor, c):
                f["rule_target"] = 1.0
                f[f"rule_target:{cue.category}"] = 1.0
            if _names(cue.source_actor, c):
                f["rule_source"] = 1.0
        if c.target in agents:
            f["harm_doer"] = 1.0
        for cue, a, b in cue_spans:
            if cue.dimension not in CUE_DIMENSIONS:
                continue
            if b <= c.first:
                side, gap = "left", c.first - b
            elif a >= c.last:
                side, gap = "right", a - c.last
            else:
                side, gap = "over", 0
            if gap <= NEAR:
                f[f"{side}:{cue.dimension}"] = f.get(f"{side}:{cue.dimension}", 0.0) + 1.0
                if cue.dimension == "blame":
                    f[f"{side}:blame:{cue.category}"] = 1.0
                if cue.polarity:
                    f[f"{side}:{cue.dimension}:{cue.polarity}"] = 1.0
            if cue.dimension == "blame":
                f[f"blame_{side}"] = 1.0
        # speaker and voice
        if speaker_span[0] >= 0 and c.start < speaker_span[1] and speaker_span[0] < c.end:
            f["speaker"] = 1.0
        elif values.get("speaker_actor") and _names(str(values.get("speaker_actor")), c):
            f["speaker_named"] = 1.0
        span = doc.voice_at(c.start, c.end)
        f[f"voice={span.voice if span else values.get('voice') or 'author'}"] = 1.0
        if span is not None:
            f["in_speech_span"] = 1.0
        # cues and sentiment words around it
        for key, value in target_features(
            sentence.text, c.start - shift, c.end - shift, relative, window=NEAR
        ).items():
            f[f"ctx:{key}"] = float(value)
        out.append(f)
    return out


def _names(value: str, candidate: Candidate) -> bool:
    if not value:
        return False
    a, b = value.lower(), candidate.target.lower()
    return a == b or (len(a) > 2 and len(b) > 2 and (a in b or b in a))


# ---------------------------------------------------------------------------------------------------
# choosing targets


def choose(
    probabilities: Sequence[float], found: Sequence[Candidate], threshold: float, *, fallback: bool = True
) -> list[Candidate]:
    """Candidates at or above ``threshold`` (one per target, best first), else (``fallback``) the most
    probable one."""
    if not found:
        return []
    best: dict[str, tuple[float, Candidate]] = {}
    for p, c in zip(probabilities, found, strict=True):
        if c.target not in best or p > best[c.target][0]:
            best[c.target] = (float(p), c)
    ranked = sorted(best.values(), key=lambda pc: (-pc[0], pc[1].first))
    picked = [c for p, c in ranked if p >= threshold]
    return picked or ([ranked[0][1]] if fallback else [])


@dataclass
class SentenceCandidates:
    """A sentence's candidates and their feature dicts."""

    sentence: Sentence
    grammar: Grammar
    found: list[Candidate]
    features: list[dict[str, float]]


def sentence_candidates(
    doc: Doc, config: AnalysisConfig, only: set[str] | None = None
) -> list[SentenceCandidates]:
    """Candidates and features for the sentences of ``doc`` (those whose ids are in ``only``, or all)."""
    mentions = sentence_mentions(doc)
    proper = proper_words(doc)
    by_sentence: dict[str, list[Cue]] = {}
    for cue in doc.cues:
        by_sentence.setdefault(cue.sentence_id, []).append(cue)
    out = []
    for sentence in doc.sentences:
        if not sentence.tokens or (only is not None and sentence.sentence_id not in only):
            continue
        g = grammar_for(sentence, mentions.get(sentence.sentence_id, ()), config, proper)
        found = candidates(g)
        cues = [c for c in by_sentence.get(sentence.sentence_id, []) if c.dimension != "stance"]
        features = candidate_features(doc, sentence, g, found, cues)
        out.append(SentenceCandidates(sentence, g, found, features))
    return out


class TargetPicker:
    """Fills ``blame_targets`` for sentences the final decision marks as blaming and the rules gave no
    target (see the module docstring)."""

    def __init__(self, model, config: AnalysisConfig):
        from framing.annotation.mentions import actor_index
        from framing.classifiers.models import model_info

        self.model = model
        self.config = config
        self.index = actor_index(config)
        self.threshold = float(model_info(model).get("threshold", 0.5))

    def __call__(self, doc: Doc) -> None:
        untargeted = {c.sentence_id for c in doc.cues if c.dimension == "blame" and not c.target_actor}
        flagged = {
            s.sentence_id
            for s in doc.sentences
            if int(s.values.get("blame") or 0) == 1 and not str(s.values.get("blame_targets") or "")
        }
        wanted = flagged | {
            s.sentence_id for s in doc.sentences if s.sentence_id in untargeted and not s.values.get("blame")
        }
        if not wanted:
            return
        # the accuser of an open accusation ("rejected the allegation": unnamed) is the source of the
        # targets picked for it, not the words around each target
        accusers = {
            c.sentence_id: (c.source_actor, c.voice)
            for c in doc.cues
            if c.dimension == "blame" and not c.target_actor and c.source_actor != "author"
        }
        positive = [str(c) for c in self.model.classes_].index("1")
        for item in sentence_candidates(doc, self.config, only=wanted):
            if not item.found:
                continue
            p = self.model.predict_proba(item.features)[:, positive]
            if item.sentence.sentence_id in flagged:
                picked = choose(p, item.found, self.threshold)
            else:  # an accusation with no named actor: blame only when a candidate reaches the threshold
                picked = choose(p, item.found, self.threshold, fallback=False)
                if not picked:
                    continue
                item.sentence.values["blame"] = 1
                item.sentence.values["blame_source"] = "rule"
            cues = [
                self._cue(doc, item.sentence, c, float(pc), accusers.get(item.sentence.sentence_id))
                for c, pc in zip(item.found, p, strict=True)
                if c in picked
            ]
            cues = [c for c in cues if c.source_actor != c.target_actor]
            cues = list({c.target_actor: c for c in cues}.values())
            doc.cues.extend(cues)
            values = item.sentence.values
            voices = {"author" if c.voice == "author" else "attributed" for c in cues}
            values["blame_targets"] = ";".join(sorted({c.target_actor for c in cues}))
            values["blame_sources"] = ";".join(sorted({c.source_actor for c in cues}))
            values["blame_voice"] = "both" if len(voices) == 2 else next(iter(voices), "")

    def _cue(self, doc: Doc, sentence: Sentence, candidate: Candidate, probability: float, accuser=None) -> Cue:
        target = candidate.target
        if candidate.kind != "mention":
            target = self.index.canonical(target) or target
        speaker, voice = speaker_of(doc, sentence, candidate.start, candidate.end)
        if accuser is not None:
            speaker, voice = accuser
        return Cue(
            article_id=sentence.article_id,
            sentence_id=sentence.sentence_id,
            dimension="blame",
            category="model",
            text=doc.article.text[candidate.start : candidate.end],
            start=candidate.start,
            end=candidate.end,
            term=MODEL_TERM,
            weight=round(probability, 6),
            source_actor=(speaker or "author") if voice != "author" else "author",
            target_actor=target,
            voice=voice,
            detail=f"p_target={probability:.3f}",
        )


@lru_cache(maxsize=4)
def load_picker(config: AnalysisConfig) -> TargetPicker | None:
    """The shipped target model for ``config``, or None when it has not been built."""
    from framing.classifiers.fast_files import load_predictor
    from framing.classifiers.models import shipped_model_path

    path = shipped_model_path(TARGET_MODEL)
    return TargetPicker(load_predictor(path), config) if path is not None else None


# ---------------------------------------------------------------------------------------------------
# training on the coded sample


@dataclass
class CodedItem:
    """One coded item, analysed by the rules: its codes, the rules' targets per sentence, and its
    candidates with their features and labels (1: the candidate matches a coded target)."""

    item_id: str
    unit: str  # the article the item comes from: folds are grouped by it
    blame: int
    gold: list[str]
    sentences: list[tuple[str, list[Candidate], list[dict[str, float]], list[int]]]
    # per sentence: an accusation or condemnation cue fired that names no actor (the default analysis
    # asks the target model for its target)
    open_cues: list[bool] = field(default_factory=list)


def analyse_rules(text: str, article_id: str, config: AnalysisConfig) -> Doc:
    """``text`` as an article of its own, annotated by the rule annotators (as the benchmark reads it)."""
    from framing.classifiers.features import rule_annotators
    from framing.reading.segment import punkt, segment
    from framing.types import Article

    article = Article(article_id=article_id, text=text, body_start=0)
    doc = Doc(article=article, sentences=segment(article, punkt(config.lexicon_dir)))
    for annotator in rule_annotators(config):
        annotator(doc)
    return doc


def coding_config() -> AnalysisConfig:
    """The rules as the coded sample's targets were matched: every shipped actor set applied, so that
    a coded "Israel" and a candidate "the IDF" are the same target."""
    from framing.resources import actor_sets

    return AnalysisConfig(vader=False, classifiers=False, actor_files=tuple(actor_sets().values()))


def coded_items(split: str = "dev", config: AnalysisConfig | None = None) -> list[CodedItem]:
    """The coded sample's items of ``split`` (coder_a) with their candidates, labelled by
    :func:`targets_match` against the coded targets."""
    from framing.annotation.mentions import actor_index
    from framing.classifiers import data
    from framing.reading import datasets

    config = config or coding_config()
    canonical = actor_index(config).canonical
    labels = data.coded_labels("blame", split)
    sample = datasets.load_coded_sample(data.CODER)
    targets = dict(zip(sample["item_id"], sample["blame_targets"].fillna("").astype(str), strict=True))
    out = []
    for row in labels.itertuples():
        gold = split_targets(targets.get(row.item_id, "")) if int(row.label) else []
        doc = analyse_rules(row.text, row.item_id, config)
        sentences = []
        open_ids = {c.sentence_id for c in doc.cues if c.dimension == "blame" and not c.target_actor}
        open_cues = []
        for item in sentence_candidates(doc, config):
            open_cues.append(item.sentence.sentence_id in open_ids)
            y = [
                int(
                    any(
                        targets_match(g, c.target, canonical)
                        or targets_match(g, doc.article.text[c.start : c.end], canonical)
                        for g in gold
                    )
                )
                for c in item.found
            ]
            sentences.append(
                (str(item.sentence.values.get("blame_targets") or ""), item.found, item.features, y)
            )
        out.append(CodedItem(row.item_id, str(row.article_id), int(row.label), gold, sentences, open_cues))
    return out


def target_pipeline(*, C: float = 0.3, seed: int = SEED):
    """The target model: the feature dicts vectorised, a logistic regression."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline(
        [
            ("features", DictVectorizer()),
            ("classifier", LogisticRegression(C=C, max_iter=5000, random_state=seed)),
        ]
    )


def _rows(items: Sequence[CodedItem]) -> tuple[list[dict], list[int]]:
    X, y = [], []
    for item in items:
        if item.blame:
            for _, _, features, labels in item.sentences:
                X += features
                y += labels
    return X, y


def fit_target_model(items: Sequence[CodedItem], *, C: float, seed: int = SEED):
    """Fit the target model on the candidates of the items coded as blaming."""
    X, y = _rows(items)
    if len(set(y)) < 2:
        raise ValueError("target model: the training items need both matching and other candidates")
    return target_pipeline(C=C, seed=seed).fit(X, y)


def predicted_targets(
    item: CodedItem, probabilities: Sequence[Sequence[float]] | None, threshold: float
) -> list[str]:
    """An item's targets as the analysis writes them once it decides the item blames: the rules'
    targets where they fired, else the chosen candidates (``probabilities``: one array per sentence)."""
    out: list[str] = []
    for i, (rules, found, _, _) in enumerate(item.sentences):
        if rules:
            out += split_targets(rules)
        elif found and probabilities is not None:
            out += [c.target for c in choose(probabilities[i], found, threshold)]
    return out


def default_targets(item: CodedItem, probabilities: Sequence[Sequence[float]], threshold: float) -> list[str]:
    """An item's targets as the default analysis writes them (no blame model deciding): the rules'
    targets, and for a sentence whose only blame cue names no actor, the candidates at or above the
    threshold (none: the sentence is not blame)."""
    out: list[str] = []
    for i, (rules, found, _, _) in enumerate(item.sentences):
        if rules:
            out += split_targets(rules)
        elif found and item.open_cues and item.open_cues[i]:
            out += [c.target for c in choose(probabilities[i], found, threshold, fallback=False)]
    return out


def target_counts(
    gold_rows: Sequence[Sequence[str]], predicted_rows: Sequence[Sequence[str]], canonical
) -> tuple[int, int, int]:
    """(tp, fp, fn) of micro-averaged target matching, each gold target matched at most once per item
    (the benchmark's counting)."""
    tp = fp = fn = 0
    for gold, predicted in zip(gold_rows, predicted_rows, strict=True):
        unmatched = list(gold)
        for target in dict.fromkeys(predicted):
            hit = next((g for g in unmatched if targets_match(g, target, canonical)), None)
            if hit is None:
                fp += 1
            else:
                tp += 1
                unmatched.remove(hit)
        fn += len(unmatched)
    return tp, fp, fn


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def out_of_fold(
    items: Sequence[CodedItem], *, C: float, folds: int = FOLDS, seed: int = SEED
) -> list[list[np.ndarray]]:
    """Out-of-fold candidate probabilities, folds grouped by article (every item's probabilities come
    from a model that saw no item of its article)."""
    from sklearn.model_selection import StratifiedGroupKFold

    groups = np.asarray([item.unit for item in items])
    strata = np.asarray([item.blame for item in items])
    out: list[list[np.ndarray]] = [[np.zeros(len(s[1])) for s in item.sentences] for item in items]
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(np.zeros(len(items)), strata, groups):
        model = fit_target_model([items[i] for i in train], C=C, seed=seed)
        positive = list(model.classes_).index(1)
        for i in test:
            for j, (_, found, features, _) in enumerate(items[i].sentences):
                if found:
                    out[i][j] = model.predict_proba(features)[:, positive]
    return out


@dataclass(frozen=True)
class TargetReport:
    """Cross-validated figures of the target model on the coded items (grouped by article)."""

    C: float
    threshold: float
    n_items: int
    n_blamed: int
    n_candidates: int
    coded: tuple[float, float, float]  # P, R, F1 on the items coded as blaming (the rules' targets kept)
    rules_only: tuple[float, float, float]  # the same items, the rules' targets alone
    top1_share: float  # sentences without rule targets whose most probable candidate is a coded target
    end_to_end: tuple[float, float, float] | None = None  # with out-of-fold sentence decisions
    default: tuple[float, float, float] | None = None  # all items, as the default analysis decides
    seeds: int = 3

    def format(self) -> str:
        def prf(v):
            return f"P={v[0]:.3f} R={v[1]:.3f} F1={v[2]:.3f}"

        lines = [
            f"target model: {self.n_candidates} candidates in the {self.n_blamed} items coded as blaming "
            f"(of {self.n_items}); {FOLDS}-fold cross-validation grouped by article, mean of {self.seeds} fold seeds",
            f"chosen C={self.C:g}, threshold {self.threshold:.2f}",
            f"items coded as blaming, the rules' targets alone:        {prf(self.rules_only)}",
            f"items coded as blaming, rules' targets + model's picks:  {prf(self.coded)}",
            f"most probable candidate is a coded target (no rule target): {self.top1_share:.3f}",
        ]
        if self.default is not None:
            lines.append(
                f"all items, default analysis (rules; model names targets of open accusations): {prf(self.default)}"
            )
        if self.end_to_end is not None:
            lines.append(
                f"all items, --blame-model (out-of-fold rules-or-blame-model decisions):  {prf(self.end_to_end)}"
            )
        return "\n".join(lines)


def _score(items, probabilities, threshold, canonical, decided=None) -> tuple[int, int, int]:
    gold, predicted = [], []
    for i, item in enumerate(items):
        blamed = item.blame if decided is None else decided[i]
        gold.append(item.gold)
        predicted.append(predicted_targets(item, probabilities[i], threshold) if blamed else [])
    return target_counts(gold, predicted, canonical)


def cross_validate(
    items: Sequence[CodedItem],
    canonical,
    *,
    c_values: Sequence[float] = C_VALUES,
    thresholds: Sequence[float] = THRESHOLDS,
    seeds: Sequence[int] = (0, 1, 2),
    decided: Sequence[int] | None = None,
) -> TargetReport:
    """Choose C and the threshold by the cross-validated target F1 on the items coded as blaming
    (mean over fold seeds; ties go to the smaller C and the lower threshold)."""
    blamed = [item for item in items if item.blame]
    best = None
    for C in c_values:
        runs = [out_of_fold(items, C=C, seed=seed) for seed in seeds]
        for t in thresholds:
            scores = [f1(*_score(items, run, t, canonical))[2] for run in runs]
            mean = float(np.mean(scores))
            if best is None or mean > best[0] + 1e-9:
                best = (mean, C, t, runs)
    assert best is not None
    _, C, t, runs = best

    def mean_prf(decisions=None):
        return tuple(
            float(v)
            for v in np.mean([f1(*_score(items, run, t, canonical, decisions)) for run in runs], axis=0)
        )

    rules = f1(
        *target_counts([i.gold for i in blamed], [predicted_targets(i, None, t) for i in blamed], canonical)
    )
    hits = total = 0
    for run in runs:
        for i, item in enumerate(items):
            if not item.blame:
                continue
            for j, (rules_found, found, _, labels) in enumerate(item.sentences):
                if not rules_found and found:
                    total += 1
                    hits += labels[int(np.argmax(run[i][j]))]
    return TargetReport(
        C=C,
        threshold=t,
        n_items=len(items),
        n_blamed=len(blamed),
        n_candidates=len(_rows(items)[1]),
        coded=mean_prf(),
        rules_only=rules,
        top1_share=hits / total if total else 0.0,
        end_to_end=mean_prf(decided) if decided is not None else None,
        default=tuple(
            float(v)
            for v in np.mean(
                [
                    f1(
                        *target_counts(
                            [i.gold for i in items],
                            [default_targets(i, run[k], t) for k, i in enumerate(items)],
                            canonical,
                        )
                    )
                    for run in runs
                ],
                axis=0,
            )
        ),
        seeds=len(seeds),
    )


def sentence_decisions(
    items: Sequence[CodedItem], blame_model, *, folds: int = FOLDS, seed: int = SEED
) -> list[int]:
    """Out-of-fold blame decisions for the items (the blame sentence model retrained per fold, grouped
    by article, combined with the rules by the shipped model's policy and threshold): what the
    analysis would decide on items it has not seen; ``blame_model`` gives the policy and threshold)."""
    from framing.classifiers import data
    from framing.classifiers.features import annotate_texts
    from framing.classifiers.models import model_info
    from framing.classifiers.train import combine, rule_decision
    from framing.classifiers.train import out_of_fold as sentence_out_of_fold

    labels = data.coded_labels("blame", "dev")
    order = {item_id: k for k, item_id in enumerate(labels["item_id"])}
    texts = annotate_texts(labels["text"].tolist())
    proba, classes = sentence_out_of_fold(
        texts, labels["label"].to_numpy(), groups=labels["article_id"].to_numpy(), folds=folds, seed=seed
    )
    info = model_info(blame_model)
    rule = np.asarray([rule_decision("blame", t) or 0 for t in texts])
    decided = combine(
        rule,
        proba[:, classes.index(1)],
        float(info.get("threshold", 0.5)),
        str(info.get("policy", "rule_or_model")),
        float(info.get("rule_threshold", 0.0)),
    )
    return [int(decided[order[item.item_id]]) for item in items]


def build_target_model(out_dir, *, log: Callable[[str], None] = print):
    """Train the shipped target model on the coded sample's dev split, with cross-validated figures;
    writes ``blame_target.skops`` to ``out_dir`` and returns ``(path, report, n)``."""
    from pathlib import Path

    from framing.annotation.mentions import actor_index
    from framing.classifiers.models import load_model, load_shipped, save_model

    config = coding_config()
    items = coded_items("dev", config)
    canonical = actor_index(config).canonical
    built = Path(out_dir) / "blame.skops"  # the blame model of the same build, else the shipped one
    blame_model = load_model(built) if built.is_file() else load_shipped("blame")
    report = cross_validate(items, canonical, decided=sentence_decisions(items, blame_model))
    log(report.format())
    model = fit_target_model(items, C=report.C)
    X, _ = _rows(items)
    model.framing_info_ = {
        "dimension": TARGET_MODEL,
        "classes": [str(c) for c in model.classes_],
        "binary": True,
        "threshold": float(report.threshold),
        "C": float(report.C),
        "training_data": TARGET_DATA,
        "n": len(X),
        "cv_target_f1": round(report.coded[2], 4),
        "cv_end_to_end_target_f1": round(report.end_to_end[2], 4) if report.end_to_end else float("nan"),
    }
    path = save_model(model, Path(out_dir) / f"{TARGET_MODEL}.skops")
    return path, report, len(X)


TARGET_DATA = "coded sample, dev split, coder_a: candidates in items coded as blaming (1 = a coded target)"
