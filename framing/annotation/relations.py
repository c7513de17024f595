"""Relations between actors found by rules: praise, support, endorsement, thanks, defence, threats and
disputes (``lexicons/relations.tsv``), with their source and target.

Blame and criticism are found by :mod:`framing.annotation.blame` (every blame cue with a named source
and target is a negative relation of category ``blame``); this module adds the relations that are not
blame. The subject of a cue verb is the source and its object the target ("Ortiz praised Quinn");
in the passive the by-phrase is the source and the subject the target ("Quinn was praised by Ortiz");
for a noun, its possessor is the source and the actor after it the target ("Ortiz's support for
Quinn"). A dispute needs a claim as object (the ``claim`` rows of ``blame.tsv``) and targets the
claim's owner: "Kael rejected the army's account" -> Kael disputes the army.

:func:`relation_hits` also lists every cue word of a sentence (these and the blame cues) with its
polarity, for the relation model (:mod:`framing.classifiers.relations`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from framing.annotation.blame import BlameFinder, blame_lexicon
from framing.annotation.blame_lexicon import blame_rows
from framing.annotation.grammar import DETERMINERS, Grammar, Named
from framing.config import AnalysisConfig
from framing.reading.lexicon import PhraseMatcher, make_entry, read_lexicon
from framing.types import Token

POLARITIES = ("negative", "positive")
RELATION_CATEGORIES = ("praise", "support", "endorsement", "thanks", "defence", "threat", "dispute")
RELATION_SCHEMA = {
    "required": ("term", "pos", "forms", "category", "polarity", "weight"),
    "optional": ("note",),
    "allowed": {"pos": ("verb", "noun"), "category": RELATION_CATEGORIES, "polarity": POLARITIES},
    "numeric": ("weight",),
    "nonempty": ("term", "pos", "forms", "category", "polarity", "weight"),
}
# relation categories beyond the relations lexicon: every blame cue is a "blame" relation; the model
# names the negative and positive relations no cue word decides "criticism" and "support"
BLAME = "blame"
MODEL_NEGATIVE = "criticism"
MODEL_POSITIVE = "support"
NEGATIVE_CATEGORIES = frozenset({BLAME, MODEL_NEGATIVE, "threat", "dispute"})


def polarity_of(category: str) -> str:
    """negative or positive, from a relation category."""
    return "negative" if category in NEGATIVE_CATEGORIES else "positive"


@dataclass(frozen=True)
class RelationLexicon:
    matcher: PhraseMatcher  # relations.tsv
    cue_words: PhraseMatcher  # relations.tsv and the blame cues, for the model's features


@lru_cache(maxsize=4)
def relation_lexicon(config: AnalysisConfig) -> RelationLexicon:
    entries, words = [], []
    for row in read_lexicon("relations.tsv", config.lexicon_dir, **RELATION_SCHEMA):
        for form in (f.strip() for f in row["forms"].split("|")):
            if form:
                data = {
                    "term": row["term"],
                    "pos": row["pos"],
                    "category": row["category"],
                    "polarity": row["polarity"],
                    "weight": float(row["weight"]),
                }
                entries.append(make_entry(form, data))
                words.append(make_entry(form, data))
    for row in blame_rows(config):
        if row["pos"] in ("verb", "noun", "phrase"):
            for form in (f.strip() for f in row["forms"].split("|")):
                if form:
                    words.append(make_entry(form, {"term": row["term"], "category": row["category"], "polarity": "negative"}))
    return RelationLexicon(PhraseMatcher(entries), PhraseMatcher(words))


@dataclass(frozen=True)
class Hit:
    """A cue word of a relation in a sentence: tokens ``[first, last)``."""

    first: int
    last: int
    term: str
    category: str
    polarity: str


def relation_hits(tokens: Sequence[Token], lexicon: RelationLexicon) -> list[Hit]:
    """Every relation or blame cue word in ``tokens``, in order."""
    return [
        Hit(m.first, m.last, m.entry.get("term"), m.entry.get("category"), m.entry.get("polarity"))
        for m in lexicon.cue_words.find(tokens)
    ]


@dataclass(frozen=True)
class RuleRelation:
    """A relation the rules decide: cue tokens ``[first, last)``, who relates to whom."""

    first: int
    last: int
    term: str
    category: str
    weight: float
    sources: tuple[Named, ...]
    targets: tuple[Named, ...]
    passive: bool = False


def rule_relations(grammar: Grammar, config: AnalysisConfig) -> list[RuleRelation]:
    """The relations of ``relations.tsv`` the sentence states with a named target."""
    finder = BlameFinder(grammar, blame_lexicon(config).claims)
    tokens = grammar.tokens
    out = []
    for match in relation_lexicon(config).matcher.find(tokens):
        entry = match.entry
        if finder.negated(match.first):
            continue
        category = entry.get("category")
        last = match.last
        if entry.get("pos") == "noun":
            sources = finder.possessor(match, by_phrase=False) or finder.accusers(match.first)
            targets = finder.names_after(last)
            passive = False
        elif category == "dispute":
            if not finder.claim_object(last):
                continue
            end = grammar.phrase_end(_skip_determiners(grammar, last))
            targets = tuple(grammar.names(last, end))
            sources = finder.accusers(match.first)
            passive = False
        elif _passive(grammar, match.first, last):
            targets = finder.subject_of(match.first)
            sources = finder.by_agent(last)
            passive = True
        else:
            targets = finder.names_after(last)
            sources = finder.accusers(match.first)
            if not sources and tokens[match.first].lower.endswith("ing"):
                sources = finder.opening_subject(match.first) or finder._main_subject(match.first)
            passive = False
        if targets:
            out.append(RuleRelation(match.first, last, entry.get("term"), category, entry.get("weight"), sources, targets, passive))
    return out


def _skip_determiners(grammar: Grammar, k: int) -> int:
    while k < grammar.n and grammar.tokens[k].lower in DETERMINERS:
        k += 1
    return k


def _passive(grammar: Grammar, first: int, last: int) -> bool:
    """A participle after a form of *be* or before *by*: "Quinn was praised by Ortiz"."""
    if not grammar.tokens[last - 1].lower.endswith("ed"):
        return False
    return grammar.passive_aux(first) or (last < grammar.n and grammar.tokens[last].lower == "by")
