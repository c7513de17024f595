"""Agency of harm: is the doer of a reported killing, injury or destruction named, hidden or absent?

Every harm mention (``lexicons/harm.tsv``: a clause whose verb reports harm, such as kill, injure,
destroy, displace, die, lose their lives; a harm noun such as deaths, death toll, the killing; "dead"
after a figure) gets one label:

- ``agentive``: the mention names a doer: the subject of an active verb ("The Israeli bombardment has
  killed", "a gunman shot"), also through a relative pronoun ("militants, who killed"), a participle
  clause ("Hamas launched an attack, killing") or a second verb; a by-phrase ("killed by Israeli
  fire"); the side of the attack noun the clause attaches to ("killed in an Israeli strike", "the raid
  by Hamas in which ... were killed"); the possessor or actor modifier of a noun of killing ("the
  police killing");
- ``agentless_passive``: a passive without a doer ("have since been killed", "has been damaged or
  destroyed") or a reduced passive after a figure or a noun ("91,000 injured", "Palestinians killed in
  Gaza");
- ``no_agent``: an intransitive harm verb ("died", "perished", "lost their lives") or a harm noun with
  no doer ("the death toll rose", "Palestinian deaths").

A side named only in another clause ("killed since Israel launched strikes") or as a source ("the
Hamas-run health ministry says") is not the doer. The sentence column ``agency`` lists the labels of
its mentions in order, joined with ';' (one cue per mention); ``agency_agent`` lists the actors named
as doers, in order, once each. The doer is resolved to an actor through the actor files, else written
as the text names it (a capitalised name, or an actor noun such as "police").

The harm mentions and the grammar that finds their doers are in :mod:`framing.annotation.grammar`,
shared with the blame annotator. Coding rules: ``docs/codebook.md`` section 8; method:
``docs/blame_and_agency.md``.
"""

from __future__ import annotations

from framing.annotation.grammar import (  # noqa: F401  (harm_lexicon, HarmClause: this component's public names)
    AGENCY_LABELS,
    HarmClause,
    grammar_for,
    harm_clauses,
    harm_lexicon,
    proper_words,
    sentence_mentions,
    speaker_of,
)
from framing.config import AnalysisConfig
from framing.schema import Column
from framing.types import Cue, Doc


class AgencyAnnotator:
    name = "agency"
    columns = (
        Column("agency", "str", "", "agency of each harm mention in order, ';'-joined: agentive / agentless_passive / no_agent"),
        Column("agency_agent", "str", "", "actors named as doers of harm in the sentence, ';'-joined in order"),
    )

    def __init__(self, config: AnalysisConfig):
        self.config = config
        self.lexicon = harm_lexicon(config)

    def __call__(self, doc: Doc) -> None:
        mentions = sentence_mentions(doc)
        proper = proper_words(doc)
        text = doc.article.text
        for sentence in doc.sentences:
            labels, agents = [], []
            tokens = sentence.tokens
            if tokens and self.lexicon.matcher.entries:
                grammar = grammar_for(sentence, mentions.get(sentence.sentence_id, ()), self.config, proper)
                for clause in harm_clauses(grammar, self.lexicon, nouns=True):
                    start, end = tokens[clause.first].start, tokens[clause.last - 1].end
                    source, voice = speaker_of(doc, sentence, start, end)
                    agent = clause.agent.actor if clause.agent else ""
                    labels.append(clause.label)
                    if agent and agent not in agents:
                        agents.append(agent)
                    doc.cues.append(
                        Cue(
                            article_id=sentence.article_id,
                            sentence_id=sentence.sentence_id,
                            dimension="agency",
                            category=clause.label,
                            text=text[start:end],
                            start=start,
                            end=end,
                            term=clause.lemma,
                            source_actor=source,
                            target_actor=agent,
                            voice=voice,
                            detail=clause.doer,
                        )
                    )
            sentence.values["agency"] = ";".join(labels)
            sentence.values["agency_agent"] = ";".join(agents)


def build(config: AnalysisConfig) -> AgencyAnnotator:
    return AgencyAnnotator(config)
