"""Lexicons as data: reading and validating TSV files, and matching their terms in tokenised text.

Every lexicon is a UTF-8, tab-separated file with a header. Terms are words or multi-word phrases;
a trailing ``*`` on the last word matches any word starting with that prefix. A user lexicon folder
(``--lexicon-dir``) can add terms or override shipped ones: a row with the same term replaces it.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.errors import LexiconError, message
from framing.reading.tokens import term_tokens
from framing.resources import lexicon_path
from framing.types import Token


@dataclass(frozen=True)
class Row:
    """One data row of a TSV file with the file and line it came from."""

    values: Mapping[str, str]
    path: str
    line: int

    def __getitem__(self, key: str) -> str:
        return self.values.get(key, "")


def read_tsv(
    path: Path,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    allowed: Mapping[str, Iterable[str]] | None = None,
    numeric: Iterable[str] = (),
    nonempty: Iterable[str] | None = None,
) -> list[Row]:
    """Read a headed TSV file, checking the header, field counts, allowed values and numbers.

    Raises LexiconError naming the file and line of the first problem.
    """
    path = Path(path)
    if not path.is_file():
        raise LexiconError(message("lexicon_not_found", path=path))
    allowed = {k: set(v) for k, v in (allowed or {}).items()}
    nonempty = set(required if nonempty is None else nonempty)
    numeric = set(numeric)
    data = path.read_bytes()
    try:
        lines = data.decode("utf-8").removeprefix("\ufeff").splitlines()
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise LexiconError(message("lexicon_not_utf8", path=path, line=line, byte=error.start)) from None
    if not lines:
        raise LexiconError(message("lexicon_missing_header", path=path, expected=list(required), found=[]))
    header = lines[0].split("\t")
    if any(col not in header for col in required):
        raise LexiconError(message("lexicon_missing_header", path=path, expected=list(required), found=header))
    rows: list[Row] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != len(header):
            raise LexiconError(message("lexicon_fields", path=path, line=number, expected=len(header), found=len(fields)))
        values = {col: value.strip() for col, value in zip(header, fields, strict=True)}
        for col in nonempty:
            if not values.get(col):
                raise LexiconError(message("lexicon_empty_cell", path=path, line=number, column=col))
        for col, options in allowed.items():
            if values.get(col) and values[col] not in options:
                raise LexiconError(
                    message("lexicon_bad_value", path=path, line=number, column=col, value=values[col], allowed=sorted(options))
                )
        for col in numeric:
            if values.get(col):
                try:
                    number_value = float(values[col])
                except ValueError:
                    raise LexiconError(
                        message("lexicon_bad_number", path=path, line=number, column=col, value=values[col])
                    ) from None
                if not math.isfinite(number_value):  # nan or inf would spread into every score
                    raise LexiconError(
                        message("lexicon_not_finite", path=path, line=number, column=col, value=values[col])
                    )
        rows.append(Row(values, str(path), number))
    return rows


def read_lexicon(name: str, user_dir: Path | None = None, *, key: str = "term", **schema: Any) -> list[Row]:
    """The shipped lexicon ``name`` merged with the same-named file in ``user_dir``, if any.

    Rows of the user file override shipped rows with the same ``key`` and add new ones.
    """
    shipped = read_tsv(lexicon_path(name), **schema)
    if user_dir is None or not (Path(user_dir) / name).is_file():
        return shipped
    user = read_tsv(Path(user_dir) / name, **schema)
    merged = {row[key].lower(): row for row in shipped}
    merged.update({row[key].lower(): row for row in user})
    return list(merged.values())


def fingerprint(paths: Iterable[Path]) -> str:
    """A short hash of the files' contents, recorded with results so changed lexicons are noticed."""
    digest = hashlib.sha1()
    for path in sorted(str(p) for p in paths):
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class Entry:
    """A lexicon term prepared for matching; ``data`` is the row's other columns."""

    term: str
    tokens: tuple[str, ...]
    prefix: bool  # the last token is a prefix (term ended in *)
    data: Mapping[str, Any] = field(default_factory=dict)
    case_sensitive: bool = False

    def get(self, key: str, default: Any = "") -> Any:
        return self.data.get(key, default)


@dataclass(frozen=True)
class Match:
    """Tokens ``[first, last)`` of a token list matched ``entry``."""

    first: int
    last: int
    entry: Entry


def make_entry(term: str, data: Mapping[str, Any] | None = None, *, case_sensitive: bool = False) -> Entry:
    prefix = term.endswith("*")
    clean = term[:-1] if prefix else term
    if case_sensitive:
        from framing.reading.tokens import tokenize

        tokens = tuple(t.text for t in tokenize(clean))
    else:
        tokens = term_tokens(clean)
    return Entry(term=term, tokens=tokens, prefix=prefix, data=dict(data or {}), case_sensitive=case_sensitive)


class _Bucket:
    """The terms sharing a first token: one-word terms, multi-word terms keyed by their second token,
    and the few whose second token is a prefix."""

    __slots__ = ("single", "by_second", "other")

    def __init__(self) -> None:
        self.single: list[Entry] = []
        self.by_second: dict[str, list[Entry]] = {}
        self.other: list[Entry] = []

    def add(self, entry: Entry) -> None:
        if len(entry.tokens) == 1:
            self.single.append(entry)
        elif entry.prefix and len(entry.tokens) == 2:
            self.other.append(entry)
        else:
            self.by_second.setdefault(entry.tokens[1], []).append(entry)

    def sort(self) -> None:
        for bucket in (self.single, self.other, *self.by_second.values()):
            bucket.sort(key=lambda e: (-len(e.tokens), e.prefix))


class PhraseMatcher:
    """Finds lexicon terms in a token list: longest match first, no overlaps, in one left-to-right pass.

    Terms are indexed by their first two tokens (lower-cased, or as written for case-sensitive terms),
    so the cost is about one dictionary look-up per token.
    """

    def __init__(self, entries: Iterable[Entry]):
        self._lower: dict[str, _Bucket] = {}  # case-insensitive terms by first token
        self._cased: dict[str, _Bucket] = {}  # case-sensitive terms by first token as written
        self._prefix: dict[str, list[Entry]] = {}  # single-token prefixes, keyed by the prefix itself
        self.entries: list[Entry] = []
        for entry in entries:
            if not entry.tokens:
                continue
            self.entries.append(entry)
            if entry.prefix and len(entry.tokens) == 1:
                self._prefix.setdefault(entry.tokens[0], []).append(entry)
            else:
                index = self._cased if entry.case_sensitive else self._lower
                index.setdefault(entry.tokens[0], _Bucket()).add(entry)
        for index in (self._lower, self._cased):
            for bucket in index.values():
                bucket.sort()
        self._lengths = sorted({len(p) for p in self._prefix}, reverse=True)
        self._shortest_prefix = min(self._lengths) if self._lengths else 0
        # every prefix cut to the shortest prefix length: one look-up rules out most words
        self._prefix_heads = {p[: self._shortest_prefix] for p in self._prefix}

    def __len__(self) -> int:
        return len(self.entries)

    @staticmethod
    def _fits(tokens: Sequence[Token], i: int, entry: Entry) -> bool:
        n = len(entry.tokens)
        if i + n > len(tokens):
            return False
        cased = entry.case_sensitive
        for k in range(1, n):
            token = tokens[i + k]
            word = token.text if cased else token.lower
            want = entry.tokens[k]
            if k == n - 1 and entry.prefix:
                if not word.startswith(want):
                    return False
            elif word != want:
                return False
        return True

    def _from_bucket(self, bucket: _Bucket, tokens: Sequence[Token], i: int, cased: bool) -> list[Entry]:
        found = []
        if i + 1 < len(tokens) and (bucket.by_second or bucket.other):
            nxt = tokens[i + 1]
            for entry in bucket.by_second.get(nxt.text if cased else nxt.lower, ()):
                if self._fits(tokens, i, entry):
                    found.append(entry)
            for entry in bucket.other:
                if self._fits(tokens, i, entry):
                    found.append(entry)
            if len(found) > 1:
                found.sort(key=lambda e: -len(e.tokens))
        found.extend(bucket.single)
        return found

    def candidates(self, tokens: Sequence[Token], i: int) -> list[Entry]:
        """All entries that match starting at token ``i``, longest first."""
        token = tokens[i]
        bucket = self._lower.get(token.lower)
        found = self._from_bucket(bucket, tokens, i, False) if bucket else []
        if self._cased:
            bucket = self._cased.get(token.text)
            if bucket:
                found = sorted(found + self._from_bucket(bucket, tokens, i, True), key=lambda e: -len(e.tokens))
        if self._lengths:
            word = token.lower
            for length in self._lengths:
                if len(word) >= length and word[:length] in self._prefix:
                    found.extend(self._prefix[word[:length]])
        return found


    def find(self, tokens: Sequence[Token], accept=None) -> list[Match]:
        """Non-overlapping matches, longest first at each position.

        ``accept(tokens, match) -> bool`` can veto a match in context (e.g. "May" the month); the next
        shorter candidate is then tried.
        """
        lower, cased, heads, shortest = self._lower, self._cased, self._prefix_heads, self._shortest_prefix
        # the positions where a term may start, in one pass (most sentences have none or a few)
        if heads:
            starts = [
                i
                for i, t in enumerate(tokens)
                if t.lower in lower or t.text in cased or t.lower[:shortest] in heads
            ]
        elif cased:
            starts = [i for i, t in enumerate(tokens) if t.lower in lower or t.text in cased]
        else:
            starts = [i for i, t in enumerate(tokens) if t.lower in lower]
        matches: list[Match] = []
        free = 0  # the first token not inside an earlier match
        for i in starts:
            if i < free:
                continue
            for entry in self.candidates(tokens, i):
                match = Match(i, i + len(entry.tokens), entry)
                if accept is None or accept(tokens, match):
                    matches.append(match)
                    free = match.last
                    break
        return matches


_WORDISH = re.compile(r"[A-Z]")


def has_upper(term: str) -> bool:
    return bool(_WORDISH.search(term))
