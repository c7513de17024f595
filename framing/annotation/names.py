"""Name finding: spans of person, organisation, location and other proper names in a sentence's tokens.

Two finders share one interface (``spans(tokens, proper) -> list[NameSpan]``):

* ``CrfNameFinder``: a linear-chain CRF (CRFsuite's own model file, ``framing/models/names.crfsuite``)
  trained on a parser's machine analysis of news text (``tools/train_names.py``; see docs/actors.md);
* ``RuleNameFinder``: capitalisation rules, kept as the fallback when the model file is missing and as
  the baseline the benchmark (``benchmarks/eval_actors.py``) compares the model with.

Both read only our own tokens (``framing.reading.tokens``), so training and use see the same words.
``proper`` is the set of words the document capitalises inside sentences: it tells a name that opens a
sentence ("Obama said") from an ordinary capitalised first word ("Officials said").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from framing.resources import names_model_path
from framing.types import Token

LABELS = ("PER", "ORG", "LOC", "MISC")

# Closed classes that are never part of a name on their own (grammar, not vocabulary).
MONTHS = frozenset("january february march april may june july august september october november december".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
FUNCTION_WORDS = frozenset(
    """a an the this that these those his her its their our your my i we you he she it they me him us them
    and or but nor if then than as at by for from in into of on onto over to under with without within
    about after before during since until while when where who whom whose which what why how
    is are was were be been being has have had do does did will would shall should can could may might
    must not no yes all any some every each both either neither other another such only also even just
    there here today yesterday tomorrow tonight mr mrs ms dr""".split()
)


@dataclass(frozen=True)
class NameSpan:
    """Tokens ``first:last`` of a sentence form a name of kind ``label`` (PER, ORG, LOC, MISC)."""

    first: int
    last: int
    label: str


@lru_cache(maxsize=200_000)
def shape(word: str) -> str:
    """Xxxx, XX, xx, dd, X.X. ... with runs collapsed: the spelling pattern of a word."""
    out = re.sub(r"[A-Z]", "X", word)
    out = re.sub(r"[a-z]", "x", out)
    out = re.sub(r"[0-9]", "d", out)
    return re.sub(r"(.)\1+", r"\1\1", out)


def _word_features(token: Token, prefix: str, proper: frozenset[str]) -> list[str]:
    text = token.text
    features = [f"{prefix}w={token.lower}", f"{prefix}shape={shape(text)}"]
    if text[:1].isupper():
        features.append(f"{prefix}cap")
        if text in proper:
            features.append(f"{prefix}proper")
    return features


@lru_cache(maxsize=100_000)
def _own_features(text: str, lower: str, is_proper: bool) -> tuple[str, ...]:
    """A word's own features (``_word_features`` without a prefix), once per spelling."""
    features = [f"w={lower}", f"shape={shape(text)}"]
    if text[:1].isupper():
        features.append("cap")
        if is_proper:
            features.append("proper")
    return tuple(features)


@lru_cache(maxsize=100_000)
def _head_features(text: str, lower: str, is_proper: bool) -> tuple[str, ...]:
    """The features of a token that depend on its spelling only, up to ``first``."""
    features = ["bias", *_own_features(text, lower, is_proper)]
    features += [f"p3={lower[:3]}", f"s3={lower[-3:]}", f"s2={lower[-2:]}", f"len={min(len(text), 8)}"]
    if text.isupper() and len(text) > 1:
        features.append("upper")
    return tuple(features)


@lru_cache(maxsize=100_000)
def _class_features(lower: str) -> tuple[str, ...]:
    return ("calendar",) * (lower in MONTHS or lower in WEEKDAYS) + ("function",) * (lower in FUNCTION_WORDS)


@lru_cache(maxsize=200_000)
def _neighbour_features(text: str, lower: str, is_proper: bool, offset: int) -> tuple[str, ...]:
    return tuple(f"{offset}:{feature}" for feature in _own_features(text, lower, is_proper))


def token_features(tokens: Sequence[Token], proper: frozenset[str] = frozenset()) -> list[list[str]]:
    """The CRF features of every token: the word, its spelling, affixes and its neighbours'. The parts
    that depend on a word's spelling only are made once per spelling (words repeat)."""
    out = []
    n = len(tokens)
    first_word = next((k for k, t in enumerate(tokens) if t.text[:1].isalnum()), 0)
    keys = [(token.text, token.lower, token.text in proper) for token in tokens]
    lowers = [token.lower for token in tokens]
    for k, key in enumerate(keys):
        features = list(_head_features(*key))
        if k == first_word:
            features.append("first")
        features += _class_features(key[1])
        for offset in (-2, -1, 1, 2):
            j = k + offset
            if 0 <= j < n:
                features += _neighbour_features(*keys[j], offset)
            else:
                features.append(f"{offset}:edge")
        if k > 0:
            features.append(f"bigram=-1:{lowers[k - 1]}|{key[1]}")
        if k + 1 < n:
            features.append(f"bigram=+1:{key[1]}|{lowers[k + 1]}")
        out.append(features)
    return out


def spans_from_labels(labels: Sequence[str]) -> list[NameSpan]:
    """Runs of the same label other than O (IO labels: a change of label starts a new span)."""
    spans = []
    k = 0
    while k < len(labels):
        label = labels[k]
        if label == "O":
            k += 1
            continue
        j = k
        while j < len(labels) and labels[j] == label:
            j += 1
        spans.append(NameSpan(k, j, label))
        k = j
    return spans


def proper_words(sentences: Sequence[Sequence[Token]]) -> frozenset[str]:
    """Words capitalised somewhere other than at the start of a sentence or after an opening mark."""
    seen = set()
    for tokens in sentences:
        for k in range(1, len(tokens)):
            token = tokens[k]
            if token.text[:1].isupper() and tokens[k - 1].text not in {".", '"', "“", "(", ":", "‘", "'"}:
                seen.add(token.text)
    return frozenset(seen)


class CrfNameFinder:
    """Names from the trained CRF (CRFsuite's own model format: no pickled Python objects)."""

    def __init__(self, path: Path):
        import pycrfsuite  # the compiled CRFsuite binding, loaded only when names are found

        self.path = Path(path)
        self.tagger = pycrfsuite.Tagger()
        try:
            self.tagger.open(str(self.path))
        except (OSError, ValueError) as error:
            raise ValueError(f"{self.path}: not a CRFsuite name model ({error})") from error

    def labels(self, tokens: Sequence[Token], proper: frozenset[str] = frozenset()) -> list[str]:
        if not tokens:
            return []
        return list(self.tagger.tag(token_features(tokens, proper)))

    def spans(self, tokens: Sequence[Token], proper: frozenset[str] = frozenset()) -> list[NameSpan]:
        return spans_from_labels(self.labels(tokens, proper))


# Heads that make a capitalised run an organisation (the rule finder's only typing knowledge).
ORG_WORDS = frozenset(
    """department ministry office party committee council commission agency bureau senate congress house
    court university college institute foundation association union league federation organization
    organisation corporation corp inc company group bank network times post news journal service
    administration government army forces police campaign coalition alliance front movement church
    board authority fund assembly parliament""".split()
)
TITLE_WORDS = frozenset("mr mrs ms dr sen rep gov gen col president senator governor minister".split())


class RuleNameFinder:
    """Capitalised runs as names: the baseline. A sentence's first word counts only when the document
    capitalises it elsewhere or the next word is capitalised; calendar words, numbers and function
    words never do. Typing: all-capital words and runs with an organisation head are ORG, else PER."""

    def spans(self, tokens: Sequence[Token], proper: frozenset[str] = frozenset()) -> list[NameSpan]:
        n = len(tokens)
        first_word = next((k for k, t in enumerate(tokens) if t.text[:1].isalnum()), 0)
        name = [False] * n
        for k, token in enumerate(tokens):
            text, low = token.text, token.lower
            if not text[:1].isupper() or low in MONTHS or low in WEEKDAYS or low in FUNCTION_WORDS:
                continue
            if k == first_word or (k > 0 and tokens[k - 1].text in {'"', "“", "(", ":"}):
                following = k + 1 < n and tokens[k + 1].text[:1].isupper()
                if text not in proper and not following:
                    continue
            name[k] = True
        out = []
        k = 0
        while k < n:
            if not name[k]:
                k += 1
                continue
            j = k
            while j < n and (name[j] or (tokens[j].lower == "of" and j + 1 < n and name[j + 1] and j > k)):
                j += 1
            while k < j and tokens[k].lower.rstrip(".") in TITLE_WORDS:
                k += 1
            if k < j:
                words = {t.lower for t in tokens[k:j]}
                is_org = bool(words & ORG_WORDS) or any(t.text.isupper() and len(t.text) > 1 for t in tokens[k:j])
                out.append(NameSpan(k, j, "ORG" if is_org else "PER"))
            k = max(j, k + 1)
        return out


@lru_cache(maxsize=2)
def name_finder(path: Path | None = None) -> CrfNameFinder | RuleNameFinder:
    """The shipped CRF when its file is there, else the capitalisation rules."""
    path = Path(path) if path is not None else names_model_path()
    if path.is_file():
        return CrfNameFinder(path)
    return RuleNameFinder()
