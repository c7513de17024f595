"""Evaluative language: loaded adjectives, emotive and legal-moral nouns, actor labels and loaded
verbs from ``lexicons/evaluative.tsv`` (see ``docs/lexicons/evaluative.md``), split by voice.

Every evaluative word is an ``evaluative`` cue with its polarity and a weight (intensity). Modifier
rows change the evaluative word they precede and are never cues themselves:

- intensifiers and downtoners ending at most one token before it multiply its weight ("extremely
  brutal"); modifiers stack from the nearest outwards ("not very brutal");
- a negator up to three tokens back in the same clause, with only articles, forms of *be*, adverbs
  or other modifiers in between, flips the polarity of an adjective-like evaluation (judgement,
  affect, appreciation: "not brutal") or, for nouns, labels and verbs ("no massacre"), and for the
  weakening negators ("no longer deadly"), keeps the polarity and halves the weight. A negator
  before a verb is not carried past it: in "did not condemn the brutal attack" the attack stays
  brutal. "not only" is not a negation.

The cue's ``detail`` records what changed it ("intensified by extremely; negated by not").

Sentence columns: ``evaluative`` is 1 when the sentence has an evaluative cue of negative or positive
polarity; neutral-polarity rows (loaded but not plainly valenced labels such as *militant*,
*settler*, *occupied*) are recorded as cues so label choices can be counted, but on their own they
make the sentence's ``polarity`` "neutral", not evaluative. ``evaluative_score`` is the signed sum
of the weights; ``evaluative_author`` and ``evaluative_quoted`` count the valenced cues in the
author's voice and in quoted or reported voices. An intensifier acting on an evaluative word also
marks the sentence as boosted (codebook: intensified evaluation is a booster), as a ``booster`` cue
of category ``intensifier``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from framing.annotation.hedging import cue_voice
from framing.config import AnalysisConfig
from framing.reading.lexicon import Match, PhraseMatcher, make_entry, read_lexicon
from framing.schema import Column
from framing.types import Cue, Doc, Sentence, Token

EVALUATIVE_CATEGORIES = (
    "judgement",
    "affect",
    "appreciation",
    "emotive_noun",
    "legal_moral",
    "actor_label",
    "loaded_verb",
)
MODIFIER_CATEGORIES = ("intensifier", "downtoner", "negator")
POLARITIES = ("negative", "positive", "neutral")
SOURCES = ("team", "babe", "ptc", "babe;ptc", "vader")
EVALUATIVE_SCHEMA = {
    "required": ("term", "category", "polarity", "weight"),
    "optional": ("source", "note"),
    "allowed": {
        "category": EVALUATIVE_CATEGORIES + MODIFIER_CATEGORIES,
        "polarity": POLARITIES,
        "source": SOURCES,
    },
    "numeric": ("weight",),
}
# negation turns these into their opposite ("not brutal"); for nouns and verbs it only weakens
FLIPPABLE = frozenset({"judgement", "affect", "appreciation"})
FLIP = {"negative": "positive", "positive": "negative", "neutral": "neutral"}
SCALE_GAP = 1  # tokens allowed between an intensifier or downtoner and what it scales
NEGATION_REACH = 3  # tokens a negator reaches back over
# what may stand between a negator and the word it negates: "not a", "isn't that", "never so"
NEGATION_BRIDGE = frozenset(
    "a an the that this so as too any at all such be is are was were been being 's 're am very".split()
)
CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "(", ")", '"', "but", "and", "or", "while", "although"})
VALENCED = ("negative", "positive")


@lru_cache(maxsize=4)
def evaluative_matcher(config: AnalysisConfig) -> PhraseMatcher:
    user_dir = Path(config.lexicon_dir) if config.lexicon_dir else None
    rows = read_lexicon("evaluative.tsv", user_dir, **EVALUATIVE_SCHEMA)
    return PhraseMatcher(
        make_entry(
            row["term"],
            {"category": row["category"], "polarity": row["polarity"], "weight": float(row["weight"])},
        )
        for row in rows
    )


@dataclass(frozen=True)
class Evaluation:
    """One evaluative word after its modifiers were applied."""

    match: Match
    polarity: str
    weight: float
    detail: str
    intensifiers: tuple[Match, ...]


def _title_case(tokens: Sequence[Token]) -> bool:
    """A headline in title case ("Israel Launches Brutal Offensive"): capitals say nothing there."""
    words = [t.text for t in tokens if t.text[:1].isalpha()]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


# tokens after which a capital opens a quotation or a heading, not a name
CAPITAL_OPENERS = frozenset({'"', "“", "‘", "'", ":", "—", "–", "-", "(", "[", "…"})
# adjective-like evaluations and feelings: written with a capital in mid-sentence only as a name
# ("Pride went ahead", "a Proud Boys rally"); labels and nouns ("Nazi") are capitalised as words
NAME_ONLY_WHEN_CAPITALISED = frozenset({"judgement", "affect", "appreciation"})


def name_filter(tokens: Sequence[Token]):
    """An ``accept`` callback rejecting matches inside a proper name ("Jihad Taha", "Islamic Jihad"):
    a capitalised word, not sentence-initial nor opening a quotation, next to another capitalised
    word; or a capitalised adjective or feeling word on its own in mid-sentence ("after the ban,
    Pride went ahead"). Off in title case."""
    if _title_case(tokens):
        return None

    def capitalised(i: int) -> bool:
        return 0 <= i < len(tokens) and tokens[i].text[:1].isupper() and tokens[i].text[:1].isalpha()

    def accept(toks: Sequence[Token], match: Match) -> bool:
        first = match.first
        if not capitalised(first) or first == 0 or toks[first - 1].text in CAPITAL_OPENERS:
            return True  # lower case, or at the start of the sentence or of a quotation
        if toks[first - 1].text in {".", "!", "?"}:
            return True  # a sentence the segmenter did not split
        if capitalised(first - 1) or capitalised(match.last):
            return False
        return match.entry.get("category") not in NAME_ONLY_WHEN_CAPITALISED

    return accept


def _bridge(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Whether tokens[first:last] may stand between a negator and the word it negates."""
    for token in tokens[first:last]:
        word = token.lower
        if word in CLAUSE_BREAKS:
            return False
        if word not in NEGATION_BRIDGE and not word.endswith("ly"):
            return False
    return True


def evaluate(tokens: Sequence[Token], matches: Sequence[Match]) -> list[Evaluation]:
    """Apply the modifiers in ``matches`` to the evaluative words in it."""
    by_end = {m.last: m for m in matches if m.entry.get("category") in MODIFIER_CATEGORIES}
    evaluations = []
    for match in matches:
        category = match.entry.get("category")
        if category in MODIFIER_CATEGORIES:
            continue
        polarity = match.entry.get("polarity")
        weight = float(match.entry.get("weight"))
        notes: list[str] = []
        intensifiers: list[Match] = []
        position = match.first
        # intensifiers and downtoners, nearest first
        while True:
            modifier = next(
                (by_end[end] for end in range(position, position - SCALE_GAP - 1, -1) if end in by_end), None
            )
            if modifier is None or modifier.entry.get("category") == "negator":
                break
            if any(t.lower in CLAUSE_BREAKS for t in tokens[modifier.last : position]):
                break
            factor = float(modifier.entry.get("weight"))
            weight *= factor
            kind = "intensified" if factor >= 1 else "toned down"
            notes.append(f"{kind} by {' '.join(t.text for t in tokens[modifier.first : modifier.last])}")
            if factor >= 1:
                intensifiers.append(modifier)
            position = modifier.first
        # a negator within reach, bridged only by articles, be-forms, adverbs
        for end in range(position, position - NEGATION_REACH - 1, -1):
            negator = by_end.get(end)
            if negator is None or negator.entry.get("category") != "negator":
                continue
            if negator.last < len(tokens) and tokens[negator.last].lower == "only":
                break  # "not only brutal but ..."
            if not _bridge(tokens, negator.last, position):
                break
            factor = float(negator.entry.get("weight"))
            words = " ".join(t.text for t in tokens[negator.first : negator.last])
            if factor <= -1 and category in FLIPPABLE:
                polarity = FLIP[polarity]
                notes.append(f"negated by {words}")
            else:
                weight *= 0.5
                notes.append(f"weakened by {words}")
            break
        evaluations.append(Evaluation(match, polarity, weight, "; ".join(notes), tuple(intensifiers)))
    return evaluations


def sentence_polarity(evaluations: Sequence[Evaluation]) -> str:
    polarities = {e.polarity for e in evaluations}
    if not polarities:
        return ""
    if {"negative", "positive"} <= polarities:
        return "mixed"
    for polarity in VALENCED:
        if polarity in polarities:
            return polarity
    return "neutral"


class EvaluativeAnnotator:
    name = "evaluative"
    columns = (
        Column(
            "evaluative",
            "int",
            0,
            "1 if the sentence has negative or positive evaluative wording (any voice)",
        ),
        Column(
            "evaluative_score",
            "float",
            0.0,
            "signed sum of the evaluative cues' weights (positive minus negative)",
        ),
        Column(
            "polarity", "str", "", "negative / positive / mixed / neutral (only unvalenced labels) / empty"
        ),
        Column("evaluative_author", "int", 0, "valenced evaluative cues in the author's own voice"),
        Column("evaluative_quoted", "int", 0, "valenced evaluative cues in quoted or reported speech"),
    )

    def __init__(self, matcher: PhraseMatcher):
        self.matcher = matcher

    def __call__(self, doc: Doc) -> None:
        for sentence in doc.sentences:
            tokens = sentence.tokens
            evaluations = evaluate(tokens, self.matcher.find(tokens, name_filter(tokens)))
            score = 0.0
            author = quoted = 0
            boosters: list[Match] = []
            for evaluation in evaluations:
                cue = self._cue(doc, sentence, evaluation)
                doc.cues.append(cue)
                if evaluation.polarity in VALENCED:
                    score += evaluation.weight if evaluation.polarity == "positive" else -evaluation.weight
                    if cue.voice == "author":
                        author += 1
                    else:
                        quoted += 1
                    boosters.extend(evaluation.intensifiers)
            sentence.values.update(
                evaluative=int(author + quoted > 0),
                evaluative_score=score,
                polarity=sentence_polarity(evaluations),
                evaluative_author=author,
                evaluative_quoted=quoted,
            )
            if boosters:
                self._boost(doc, sentence, boosters)

    @staticmethod
    def _cue(doc: Doc, sentence: Sentence, evaluation: Evaluation) -> Cue:
        match = evaluation.match
        start, end = sentence.tokens[match.first].start, sentence.tokens[match.last - 1].end
        voice, source = cue_voice(doc, start, end)
        return Cue(
            article_id=sentence.article_id,
            sentence_id=sentence.sentence_id,
            dimension="evaluative",
            category=match.entry.get("category"),
            text=doc.article.text[start:end],
            start=start,
            end=end,
            term=match.entry.term,
            weight=evaluation.weight,
            polarity=evaluation.polarity,
            source_actor=source,
            voice=voice,
            detail=evaluation.detail,
        )

    @staticmethod
    def _boost(doc: Doc, sentence: Sentence, intensifiers: Sequence[Match]) -> None:
        """Intensified evaluation is a booster: add the cues and update the hedging columns."""
        for match in intensifiers:
            start, end = sentence.tokens[match.first].start, sentence.tokens[match.last - 1].end
            voice, source = cue_voice(doc, start, end)
            weight = float(match.entry.get("weight")) - 1.0
            doc.cues.append(
                Cue(
                    article_id=sentence.article_id,
                    sentence_id=sentence.sentence_id,
                    dimension="booster",
                    category="intensifier",
                    text=doc.article.text[start:end],
                    start=start,
                    end=end,
                    term=match.entry.term,
                    weight=weight,
                    source_actor=source,
                    voice=voice,
                    detail="intensifies an evaluative word",
                )
            )
            sentence.values["booster_score"] = sentence.values.get("booster_score", 0.0) + weight
        sentence.values["booster"] = 1


def build(config: AnalysisConfig) -> EvaluativeAnnotator:
    return EvaluativeAnnotator(evaluative_matcher(config))
