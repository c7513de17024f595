"""Actor files: names, titles, demonyms and metonyms mapped to canonical actors with a type.

An actor file is a TSV with the columns ``name, actor, type, note``. A name containing an upper-case
letter matches case-sensitively ("US" is not "us"); an all-lower-case name matches in any case.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.reading.lexicon import PhraseMatcher, has_upper, make_entry, read_tsv
from framing.reading.tokens import tokenize
from framing.types import Token

ACTOR_TYPES = (
    "state",
    "government",
    "armed_group",
    "person",
    "international_body",
    "media",
    "civil_society",
)


@dataclass(frozen=True)
class ActorMention:
    start: int  # offsets into the article text
    end: int
    text: str
    actor: str
    type: str
    first_token: int
    last_token: int


class ActorIndex:
    """Finds actor mentions in tokens and maps free-text names to canonical actors."""

    def __init__(self, rows: Iterable[tuple[str, str, str]]):
        entries = []
        self.types: dict[str, str] = {}
        for name, actor, kind in rows:
            entries.append(make_entry(name, {"actor": actor, "type": kind}, case_sensitive=has_upper(name)))
            self.types.setdefault(actor, kind if kind != "person" else self.types.get(actor, kind))
        self.matcher = PhraseMatcher(entries)

    @classmethod
    def from_files(cls, paths: Sequence[Path]) -> ActorIndex:
        rows = []
        for path in paths:
            for row in read_tsv(
                Path(path), required=("name", "actor", "type"), optional=("note",), allowed={"type": ACTOR_TYPES}
            ):
                rows.append((row["name"], row["actor"], row["type"]))
        return cls(rows)

    @property
    def actors(self) -> list[str]:
        return sorted(self.types)

    def find(self, tokens: Sequence[Token]) -> list[ActorMention]:
        out = []
        for m in self.matcher.find(tokens):
            first, last = tokens[m.first], tokens[m.last - 1]
            out.append(
                ActorMention(
                    first.start,
                    last.end,
                    "",
                    m.entry.get("actor"),
                    m.entry.get("type"),
                    m.first,
                    m.last,
                )
            )
        return out

    def canonical(self, name: str) -> str:
        """The canonical actor named in ``name`` (the last mention wins: "Hamas spokesman" -> Hamas,
        "Palestinian group Hamas" -> Hamas), or "" when none is known."""
        mentions = self.find(tokenize(name))
        if not mentions:
            return ""
        return max(mentions, key=lambda m: (m.last_token - m.first_token, m.start)).actor
