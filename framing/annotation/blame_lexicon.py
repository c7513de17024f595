"""The blame lexicon (``lexicons/blame.tsv``): its schema and its rows, checked.

Rows with pos ``agent`` and ``title`` are the actor nouns and titles the shared grammar
(:mod:`framing.annotation.grammar`) reads; rows with pos ``claim`` are nouns of claims (rejecting a
claim is disputing it, not a refusal); the other rows are the blame cues of
:mod:`framing.annotation.blame`.
"""

from __future__ import annotations

from framing.config import AnalysisConfig
from framing.errors import LexiconError, message
from framing.reading.lexicon import Row, read_lexicon

BLAME_CATEGORIES = (
    "accusation",
    "condemnation",
    "refusal",
    "violation",
    "obstruction",
    "failure",
    "responsibility_idiom",
    "harm_by_agent",
    "wrongdoing",
    "causation",
    "call_to_act",
)
SPEECH_ACTS = frozenset({"accusation", "condemnation"})  # their subject is the one who blames
POS = ("verb", "noun", "phrase", "idiom", "agent", "title", "claim")
NOT_CUES = ("agent", "title", "claim")  # word lists for the grammar, not cue rows
TARGETS = ("object", "subject", "possessor", "slot", "object_or_subject", "possessor_of")
OBJECT_ROLES = frozenset({"object", "object_or_subject"})
BLAME_SCHEMA = {
    "required": ("term", "pos", "forms", "category"),
    "optional": ("target", "weight", "note"),
    "allowed": {"pos": POS, "category": BLAME_CATEGORIES + NOT_CUES, "target": TARGETS},
    "numeric": ("weight",),
    "nonempty": ("term", "pos", "forms", "category"),
}
SLOT = "_"


def blame_rows(config: AnalysisConfig) -> list[Row]:
    """``blame.tsv`` (shipped, merged with the user's), checked: cue rows need a target and a weight."""
    rows = read_lexicon("blame.tsv", config.lexicon_dir, **BLAME_SCHEMA)
    for row in rows:
        if row["pos"] in NOT_CUES:
            continue
        for column in ("target", "weight"):
            if not row[column]:
                raise LexiconError(message("lexicon_empty_cell", path=row.path, line=row.line, column=column))
        if row["pos"] == "idiom":
            for form in row["forms"].split("|"):
                if form.split().count(SLOT) != 1 or form.split()[0] == SLOT:
                    raise LexiconError(
                        message(
                            "lexicon_bad_value",
                            path=row.path,
                            line=row.line,
                            column="forms",
                            value=form,
                            allowed=["one '_' slot, not first"],
                        )
                    )
    return rows
