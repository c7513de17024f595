"""Relations between actors: the rules' relations, and a model for the pairs the rules leave open.

Every sentence's actors (:func:`framing.classifiers.targets.candidates`: actor mentions, names, actor
nouns, resolved pronouns) are paired in text order. A pair the rules decide keeps the rules' answer:
a blame cue with a named source and target (:mod:`framing.annotation.blame`, category ``blame``) or a
relation of ``lexicons/relations.tsv`` (:mod:`framing.annotation.relations`: praise, support,
endorsement, thanks, defence, threat, dispute). For every other pair a logistic regression over
:func:`pair_features` (the words between and around the two mentions, their order and distance, the cue
words of both lexicons and where they stand, whether a mention is the subject or the object of a cue
word or follows *by*, quotation marks and reporting verbs) gives the probability of the five classes
of the DSE data (Park et al. 2021, ``../shared/datasets/dse/``): 0 no relation, 1 first positive toward
second, 2 second positive toward first, 3 first negative toward second, 4 second negative toward first.
A most probable class that is a relation, with a probability of at least the model's threshold
(chosen by cross-validation), becomes a relation (category ``criticism`` or ``support``, term
``relation model``, weight = its probability).

Each relation is a cue of dimension ``relation`` (source, target, polarity, voice, the cue words and
their offsets); blame relations stay blame cues. :func:`framing.tables.relations.relation_table` builds
the relations table from both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer

from framing.annotation.blame import _antecedent_in
from framing.annotation.grammar import (
    PRONOUNS,
    TEMPORAL,
    Grammar,
    Named,
    grammar_for,
    proper_words,
    sentence_mentions,
    speaker_of,
)
from framing.annotation.relations import (
    MODEL_NEGATIVE,
    MODEL_POSITIVE,
    Hit,
    polarity_of,
    relation_hits,
    relation_lexicon,
    rule_relations,
)
from framing.classifiers.models import RELATIONS, load_model, model_info, shipped_model_path
from framing.classifiers.targets import candidates
from framing.config import AnalysisConfig
from framing.reading.tokens import tokenize
from framing.types import Cue, Doc, Sentence, Token

MODEL_TERM = "relation model"
CLASSES = (0, 1, 2, 3, 4)
NEGATIVE_DIRECTED = (3, 4)
# A pair the model decides becomes a relation when its most probable class is a relation with at
# least the probability stored in the model (``framing_info_["threshold"]``), chosen by grouped
# cross-validation on DSE among THRESHOLDS (the plain argmax, 0, was best). A higher threshold trades
# recall for precision: benchmarks/eval_relations.py prints both; relations.csv keeps the probability.
PRECISION_THRESHOLD = 0.5
MAX_CANDIDATES = 8  # actors per sentence paired by the model (28 pairs at most)
NEAR = 3  # words on each side of the pair read as its context
REPORTING = frozenset("said says say told tells according claimed claims added stated wrote argued".split())
QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})
BE = frozenset("is are was were be been being".split())
MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
SKIPPED = frozenset("has have had will would could should may might must also not n't never".split())


# ---------------------------------------------------------------------------------------------------
# features


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1-2" if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


@lru_cache(maxsize=1)
def valence() -> dict[str, float]:
    """VADER's word valences (the lexicon ships with ``vaderSentiment``)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon)


def pair_features(
    tokens: Sequence[Token], a: tuple[int, int], b: tuple[int, int], hits: Sequence[Hit]
) -> dict[str, float]:
    """Features of the pair of mentions at token spans ``a`` (the first in the text) and ``b``."""
    words = [t.lower for t in tokens]
    f: dict[str, float] = {}
    scores = valence()
    for name, span in (("before", words[: a[0]]), ("between", words[a[1] : b[0]]), ("after", words[b[1] :])):
        for w in span:
            v = scores.get(w, 0.0)
            if v:
                key = f"vader_{name}_{'neg' if v < 0 else 'pos'}"
                f[key] = f.get(key, 0.0) + abs(v) / 4
    between = words[a[1] : b[0]]
    f[f"dist={_bucket(len(between))}"] = 1.0
    for w in between[:12] + between[-12:]:
        f[f"b={w}"] = 1.0
    for w1, w2 in zip(between, between[1:], strict=False):
        f[f"bb={w1}_{w2}"] = 1.0
    for w in words[max(0, a[0] - NEAR) : a[0]]:
        f[f"l={w}"] = 1.0
    for w in words[b[1] : b[1] + NEAR]:
        f[f"r={w}"] = 1.0
    for w in words[a[1] : a[1] + 2]:
        f[f"a+={w}"] = 1.0
    for w in words[max(a[1], b[0] - 2) : b[0]]:
        f[f"b-={w}"] = 1.0
    if a[0] == 0 or (a[0] > 0 and not words[a[0] - 1][0].isalnum()):
        f["a_opens"] = 1.0
    if any(w in QUOTES for w in between):
        f["quote_between"] = 1.0
    if any(w in QUOTES for w in words[: a[0]]):
        f["quote_before"] = 1.0
    if any(w in QUOTES for w in words[b[1] :]):
        f["quote_after"] = 1.0
    for name, span in (("between", between), ("before", words[: a[0]]), ("after", words[b[1] :])):
        if any(w in REPORTING for w in span):
            f[f"reporting_{name}"] = 1.0
    if a[0] > 0 and words[a[0] - 1] == "by":
        f["a_by"] = 1.0
    if b[0] > 0 and words[b[0] - 1] == "by":
        f["b_by"] = 1.0
    for hit in hits:
        where = "before" if hit.last <= a[0] else "between" if hit.first >= a[1] and hit.last <= b[0] else (
            "after" if hit.first >= b[1] else "inside"
        )
        f[f"hit_{where}={hit.polarity}"] = f.get(f"hit_{where}={hit.polarity}", 0.0) + 1.0
        f[f"cat_{where}={hit.category}"] = 1.0
        if where == "between":
            f[f"term_between={hit.term}"] = 1.0
            gap = [w for w in words[a[1] : hit.first] if w not in SKIPPED]
            if len(gap) <= 1:  # a is the subject: "A (has) accused B"
                f[f"a_subject={hit.polarity}"] = 1.0
                if any(w in BE for w in words[a[1] : hit.first]) and words[hit.last - 1].endswith("ed"):
                    f[f"a_passive_subject={hit.polarity}"] = 1.0
            after = [w for w in words[hit.last : b[0]] if w not in {"the", "a", "an", "of", "at", "on", "to"}]
            if len(after) <= 1:
                f[f"b_object={hit.polarity}"] = 1.0
        elif where == "after":
            gap = [w for w in words[b[1] : hit.first] if w not in SKIPPED]
            if len(gap) <= 1:
                f[f"b_subject={hit.polarity}"] = 1.0
    f["bias"] = 1.0
    return f


# ---------------------------------------------------------------------------------------------------
# the DSE data


@dataclass(frozen=True)
class PairItem:
    """A sentence with two marked entities (the first in the text is ``a``) and the DSE label."""

    text: str
    a: tuple[int, int]  # character offsets
    b: tuple[int, int]
    label: int


def parse_dse_line(line: str) -> PairItem | None:
    """One line of the DSE files: the sentence with its two entities in square brackets, then entity
    p, entity q and the label; None when the line does not mark exactly two entities."""
    parts = line.rstrip("\n").split("\t")
    if len(parts) < 4 or not parts[3].strip().isdigit():
        return None
    marked, label = parts[0], int(parts[3])
    text, spans, start = [], [], None
    length = 0
    for ch in marked:
        if ch == "[" and start is None:
            start = length
        elif ch == "]" and start is not None:
            spans.append((start, length))
            start = None
        else:
            text.append(ch)
            length += 1
    if len(spans) != 2 or label not in CLASSES:
        return None
    return PairItem("".join(text), spans[0], spans[1], label)


def read_dse(path: str | Path) -> list[PairItem]:
    """The pairs of a DSE file (lines that do not mark two entities are left out)."""
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            item = parse_dse_line(line)
            if item is not None:
                out.append(item)
    return out


def _token_span(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int] | None:
    inside = [k for k, t in enumerate(tokens) if t.start < end and t.end > start]
    return (inside[0], inside[-1] + 1) if inside else None


def item_features(items: Sequence[PairItem], config: AnalysisConfig) -> tuple[list[dict], np.ndarray, list[str]]:
    """Feature dicts, labels and groups (the sentence text) of DSE items."""
    lexicon = relation_lexicon(config)
    feats, labels, groups = [], [], []
    cache: dict[str, tuple[list[Token], list[Hit]]] = {}
    for item in items:
        if item.text not in cache:
            tokens = tokenize(item.text)
            cache[item.text] = (tokens, relation_hits(tokens, lexicon))
        tokens, hits = cache[item.text]
        a, b = _token_span(tokens, *item.a), _token_span(tokens, *item.b)
        if a is None or b is None or a[1] > b[0]:
            continue
        feats.append(pair_features(tokens, a, b, hits))
        labels.append(item.label)
        groups.append(item.text)
    return feats, np.asarray(labels), groups


class PairVectorizer(DictVectorizer):
    """``DictVectorizer`` keeping the features seen in at least ``min_df`` training pairs, with 32-bit
    sparse indices (what ``SGDClassifier`` accepts)."""

    def __init__(self, *, min_df: int = 2):
        super().__init__()
        self.min_df = min_df

    def fit(self, X, y=None):
        self.fit_transform(X, y)
        return self

    def fit_transform(self, X, y=None):
        X = list(X)
        matrix = super().fit_transform(X, y)
        if self.min_df > 1:
            support = np.asarray((matrix != 0).sum(axis=0)).ravel() >= self.min_df
            self.restrict(support)
            matrix = matrix[:, support]
        return self._int32(matrix)

    def transform(self, X):
        return self._int32(super().transform(X))

    @staticmethod
    def _int32(matrix):
        matrix = matrix.tocsr()
        matrix.indices = matrix.indices.astype(np.int32)
        matrix.indptr = matrix.indptr.astype(np.int32)
        return matrix


def relation_pipeline(*, alpha: float = 1e-3, seed: int = 0):
    """Dict features -> logistic regression over the five classes (balanced classes), fitted by
    stochastic gradient descent: a second per fit on the 14,600 DSE pairs, where lbfgs takes a minute."""
    from sklearn.linear_model import SGDClassifier
    from sklearn.pipeline import Pipeline

    classifier = SGDClassifier(
        loss="log_loss", alpha=alpha, class_weight="balanced", max_iter=50, tol=None, random_state=seed
    )
    return Pipeline([("features", PairVectorizer()), ("classifier", classifier)])


@dataclass(frozen=True)
class RelationScores:
    macro_f1: float  # five classes
    negative_precision: float  # the negative-directed classes (3, 4), the direction counted
    negative_recall: float
    negative_f1: float
    n: int

    @classmethod
    def of(cls, gold: Sequence[int], predicted: Sequence[int]) -> RelationScores:
        from sklearn.metrics import f1_score

        gold, predicted = np.asarray(gold), np.asarray(predicted)
        macro = float(f1_score(gold, predicted, labels=list(CLASSES), average="macro", zero_division=0))
        neg_pred = np.isin(predicted, NEGATIVE_DIRECTED)
        neg_gold = np.isin(gold, NEGATIVE_DIRECTED)
        tp = int(np.sum(neg_pred & (predicted == gold)))
        p = tp / neg_pred.sum() if neg_pred.sum() else 0.0
        r = tp / neg_gold.sum() if neg_gold.sum() else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(macro, float(p), float(r), float(f), len(gold))

    def format(self) -> str:
        return (
            f"five-class macro-F1 {self.macro_f1:.3f}; negative-directed P {self.negative_precision:.3f} "
            f"R {self.negative_recall:.3f} F1 {self.negative_f1:.3f} (n={self.n})"
        )


def cross_validate(
    feats: Sequence[dict], labels: np.ndarray, groups: Sequence[str], *, folds: int = 5, alpha: float = 1e-3, seed: int = 0
) -> np.ndarray:
    """Out-of-fold class probabilities (columns in :data:`CLASSES` order), folds grouped by sentence
    text (DSE repeats sentences, with other entity pairs)."""
    from sklearn.model_selection import GroupKFold

    probabilities = np.zeros((len(labels), len(CLASSES)))
    for train, test in GroupKFold(n_splits=folds).split(feats, labels, groups):
        model = relation_pipeline(alpha=alpha, seed=seed)
        model.fit([feats[i] for i in train], labels[train])
        columns = [CLASSES.index(int(c)) for c in model.classes_]
        probabilities[np.ix_(test, columns)] = model.predict_proba([feats[i] for i in test])
    return probabilities


def decide(probabilities: np.ndarray, threshold: float = 0.0) -> np.ndarray:
    """The most probable class, or 0 (no relation) when its probability is below ``threshold``."""
    best = probabilities.argmax(axis=1)
    top = probabilities[np.arange(len(best)), best]
    return np.where(top >= threshold, np.asarray(CLASSES)[best], 0)


THRESHOLDS = (0.0, 0.4, 0.45, 0.5, 0.55, 0.6)


DSE_FILES = ("train.tsv", "valid.tsv")
TRAINING_DATA = "DSE (Park et al. 2021) train.tsv + valid.tsv, entity pairs"
ALPHAS = (3e-4, 1e-3, 3e-3)  # regularisation strengths tried by grouped cross-validation


def build_relation_model(out_dir: Path, dse_dir: Path, *, log=print, folds: int = 5, seed: int = 0):
    """Train the shipped relation model on every DSE pair, alpha and the decision threshold chosen by
    grouped cross-validation (best five-class macro-F1); returns (path, its cross-validated scores, n)."""
    from framing.classifiers.models import save_model

    config = AnalysisConfig()
    items = [i for name in DSE_FILES for i in read_dse(Path(dse_dir) / name)]
    feats, labels, groups = item_features(items, config)
    best = None
    for alpha in ALPHAS:
        probabilities = cross_validate(feats, labels, groups, folds=folds, alpha=alpha, seed=seed)
        for threshold in THRESHOLDS:
            scores = RelationScores.of(labels, decide(probabilities, threshold))
            log(f"alpha={alpha:g} threshold={threshold:g}: {scores.format()}")
            if best is None or scores.macro_f1 > best[2].macro_f1:
                best = (alpha, threshold, scores)
    alpha, threshold, scores = best
    model = relation_pipeline(alpha=alpha, seed=seed)
    model.fit(feats, labels)
    model.framing_info_ = {
        "dimension": RELATIONS,
        "classes": [str(c) for c in CLASSES],
        "binary": False,
        "training_data": TRAINING_DATA,
        "n": len(labels),
        "alpha": alpha,
        "threshold": threshold,
        "cv_macro_f1": round(scores.macro_f1, 4),
        "cv_negative_f1": round(scores.negative_f1, 4),
    }
    path = save_model(model, Path(out_dir) / f"{RELATIONS}.skops")
    return path, scores, len(labels)


# ---------------------------------------------------------------------------------------------------
# the annotator


@dataclass(frozen=True)
class Pending:
    """A pair the model decides: where it is and what it needs to become a cue."""

    doc: Doc
    sentence: Sentence
    first: tuple[str, int, int]  # name, first token, last token
    second: tuple[str, int, int]
    hits: tuple[Hit, ...]


def _date_word(name: str) -> bool:
    """A month, day or its abbreviation taken for a name ("Oct. 7", "Tuesday"): no actor."""
    word = name.lower().rstrip(".")
    return word in TEMPORAL or word in MONTH_ABBREVIATIONS


def _name_key(name: str) -> str:
    """A name's last word, case-folded: "Senator Warren" and "Warren" are one actor in a sentence."""
    words = name.lower().split()
    return words[-1] if words else ""


def _pair_key(a: str, b: str) -> frozenset[str]:
    return frozenset((_name_key(a), _name_key(b)))


def _model_path(config: AnalysisConfig) -> Path | None:
    for name, path in config.models:
        if name == RELATIONS:
            return Path(path)
    return shipped_model_path(RELATIONS)


class RelationAnnotator:
    name = "relations"
    columns = ()

    def __init__(self, config: AnalysisConfig):
        self.config = config
        self.lexicon = relation_lexicon(config)
        path = _model_path(config) if config.classifiers and config.relation_model else None
        self.model = load_model(path) if path is not None else None
        self.threshold = float(model_info(self.model).get("threshold", 0.0)) if self.model is not None else 0.0

    def __call__(self, doc: Doc) -> None:
        self.annotate_many([doc])

    def annotate_many(self, docs: Sequence[Doc]) -> None:
        pending: list[Pending] = []
        feats: list[dict] = []
        for doc in docs:
            mentions = sentence_mentions(doc)
            proper = proper_words(doc)
            blamed: dict[str, set[frozenset[str]]] = {}
            for cue in doc.cues:
                if cue.dimension == "blame" and cue.target_actor:
                    blamed.setdefault(cue.sentence_id, set()).add(_pair_key(cue.source_actor, cue.target_actor))
            new: list[Cue] = []
            for sentence in doc.sentences:
                if not sentence.tokens:
                    continue
                grammar = grammar_for(sentence, mentions.get(sentence.sentence_id, ()), self.config, proper)
                decided = set(blamed.get(sentence.sentence_id, ()))
                for cue in self._rule_cues(doc, sentence, grammar):
                    new.append(cue)
                    decided.add(_pair_key(cue.source_actor, cue.target_actor))
                if self.model is None:
                    continue
                found = [c for c in candidates(grammar) if c.kind != "pronoun" and not _date_word(c.target)]
                found = found[:MAX_CANDIDATES]
                hits = tuple(relation_hits(sentence.tokens, self.lexicon))
                for i, a in enumerate(found):
                    for b in found[i + 1 :]:
                        if a.target == b.target or a.last > b.first or _pair_key(a.target, b.target) in decided:
                            continue
                        pending.append(Pending(doc, sentence, (a.target, a.first, a.last), (b.target, b.first, b.last), hits))
                        feats.append(pair_features(sentence.tokens, (a.first, a.last), (b.first, b.last), hits))
            doc.cues.extend(new)
        if not pending:
            return
        probabilities = self.model.predict_proba(feats)
        classes = [int(c) for c in self.model.classes_]
        for item, row in zip(pending, probabilities, strict=True):
            best = int(np.argmax(row))
            label = classes[best]
            if label == 0 or row[best] < self.threshold:
                continue
            item.doc.cues.append(self._model_cue(item, label, float(row[best])))

    def _rule_cues(self, doc: Doc, sentence: Sentence, grammar: Grammar) -> list[Cue]:
        out = []
        tokens = sentence.tokens
        for relation in rule_relations(grammar, self.config):
            start, end = tokens[relation.first].start, tokens[relation.last - 1].end
            speaker, voice = speaker_of(doc, sentence, start, end)
            named_sources = [n for n in (_named(grammar, s) for s in relation.sources) if n is not None]
            if named_sources:
                sources = [s.actor for s in named_sources]
                voice = voice if voice != "author" else "indirect"
            else:
                sources = [speaker or "author"] if voice != "author" else ["author"]
            targets = [_named(grammar, t) for t in relation.targets]
            for target in dict.fromkeys(t.actor for t in targets if t is not None):
                for source in sources:
                    if source == target:
                        continue
                    out.append(
                        Cue(
                            article_id=sentence.article_id,
                            sentence_id=sentence.sentence_id,
                            dimension="relation",
                            category=relation.category,
                            text=doc.article.text[start:end],
                            start=start,
                            end=end,
                            term=relation.term,
                            weight=relation.weight,
                            polarity=polarity_of(relation.category),
                            source_actor=source,
                            target_actor=target,
                            voice=voice,
                            detail="passive" if relation.passive else "",
                        )
                    )
        return out

    def _model_cue(self, item: Pending, label: int, probability: float) -> Cue:
        tokens = item.sentence.tokens
        (a_name, a_first, a_last), (b_name, b_first, b_last) = item.first, item.second
        source, target = (a_name, b_name) if label in (1, 3) else (b_name, a_name)
        polarity = "negative" if label in NEGATIVE_DIRECTED else "positive"
        words = [h for h in item.hits if h.polarity == polarity and h.first >= a_last and h.last <= b_first]
        if words:  # the cue words between the two actors
            first, last = words[0].first, words[-1].last
        elif b_first > a_last:  # the words between them
            first, last = a_last, b_first
        else:
            first, last = a_first, b_last
        start, end = tokens[first].start, tokens[last - 1].end
        _, voice = speaker_of(item.doc, item.sentence, start, end)
        return Cue(
            article_id=item.sentence.article_id,
            sentence_id=item.sentence.sentence_id,
            dimension="relation",
            category=MODEL_NEGATIVE if polarity == "negative" else MODEL_POSITIVE,
            text=item.doc.article.text[start:end],
            start=start,
            end=end,
            term=MODEL_TERM,
            weight=probability,
            polarity=polarity,
            source_actor=source,
            target_actor=target,
            voice=voice if voice != "author" else "indirect",
        )


def _named(grammar: Grammar, named: Named) -> Named | None:
    """A pronoun named by the actor it stands for earlier in the sentence; None when none is found."""
    if named.canonical or named.actor not in PRONOUNS:
        return named
    return _antecedent_in(grammar, named.first, named.actor)


def build(config: AnalysisConfig) -> RelationAnnotator:
    return RelationAnnotator(config)
