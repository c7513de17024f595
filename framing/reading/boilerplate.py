"""The boilerplate rules (``lexicons/boilerplate.tsv``): header metadata lines, captions, related-link
lists, subscription and copyright notices, datelines. A new outlet's furniture is a new row, not code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from framing.errors import LexiconError, message
from framing.reading.lexicon import read_lexicon

KINDS = ("meta", "drop", "related", "caption", "outlet", "dateline")
WHERE = ("header", "footer", "body", "any")


@dataclass(frozen=True)
class Rule:
    kind: str
    where: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Boilerplate:
    rules: tuple[Rule, ...]

    @classmethod
    def load(cls, user_dir: Path | None = None) -> Boilerplate:
        rows = read_lexicon(
            "boilerplate.tsv",
            user_dir,
            key="pattern",
            required=("kind", "where", "flags", "pattern"),
            optional=("note",),
            allowed={"kind": KINDS, "where": WHERE, "flags": ("", "i")},
            nonempty=("kind", "where", "pattern"),
        )
        rules = []
        for row in rows:
            try:
                regex = re.compile(row["pattern"], re.IGNORECASE if row["flags"] == "i" else 0)
            except re.error as error:
                raise LexiconError(message("lexicon_bad_regex", path=row.path, line=row.line, error=error)) from None
            rules.append(Rule(row["kind"], row["where"], regex))
        return cls(tuple(rules))

    def match(self, kind: str, line: str, where: str) -> re.Match[str] | None:
        for rule in self.rules:
            if rule.kind == kind and rule.where in (where, "any"):
                found = rule.regex.search(line)
                if found:
                    return found
        return None
