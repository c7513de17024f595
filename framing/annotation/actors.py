"""Actor sets: optional alias-and-side maps from names, titles, demonyms and metonyms to a canonical
actor with a type, applied on top of the actors discovered in the text (``framing.annotation.discovery``).

An actor file is a TSV with the columns ``name, actor, type, note``. A name containing an upper-case
letter matches case-sensitively ("US" is not "us"); an all-lower-case name matches in any case.
Shipped sets live in ``lexicons/actors/NAME.tsv`` and are named on the command line by NAME
(``--actors gaza``); none is applied unless asked for or unless an article clearly matches one.
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
    "party",
    "company",
    "organisation",
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
    name: str = ""  # the name discovered in the article ("Antony Blinken"), before a set groups it
    how: str = "alias"  # name / surname / acronym / reference / title / pronoun / institution / alias


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

    def lookup(self, name: str, *, person: bool = False) -> tuple[str, str] | None:
        """(actor, type) when an alias covers the whole of ``name`` (leading determiners aside), or its
        last word when ``name`` is a person's ("Antony Blinken" by the alias "Blinken"), else None."""
        tokens = [t for t in tokenize(name) if t.text[:1].isalnum() or t.text in {"'", "'s", "-"}]
        while tokens and tokens[0].lower in {"the", "a", "an"}:
            tokens = tokens[1:]
        if not tokens:
            return None
        for m in self.matcher.find(tokens):
            if (m.first == 0 and m.last == len(tokens)) or (person and m.last == len(tokens)):
                return m.entry.get("actor"), m.entry.get("type")
        return None

    def leading(self, name: str, types: frozenset[str] | None = None) -> tuple[str, str] | None:
        """(actor, type) of an alias opening ``name`` ("Egyptian Foreign Ministry" -> Egypt by the alias
        "Egyptian"), when its type is in ``types`` (any type when None)."""
        tokens = [t for t in tokenize(name) if t.text[:1].isalnum() or t.text in {"'", "'s", "-"}]
        while tokens and tokens[0].lower in {"the", "a", "an"}:
            tokens = tokens[1:]
        for m in self.matcher.find(tokens):
            if m.first == 0 and m.last < len(tokens) and (types is None or m.entry.get("type") in types):
                return m.entry.get("actor"), "government"
            break
        return None

    def canonical(self, name: str) -> str:
        """The canonical actor named in ``name`` (the last mention wins: "Hamas spokesman" -> Hamas,
        "Palestinian group Hamas" -> Hamas), or "" when none is known."""
        mentions = self.find(tokenize(name))
        if not mentions:
            return ""
        return max(mentions, key=lambda m: (m.last_token - m.first_token, m.start)).actor
