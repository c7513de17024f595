"""Word tokenisation with character offsets, shared by every matcher so lexicon terms and text align.

The tokeniser keeps dotted abbreviations ("U.S.") and figures ("39,445", "85%") whole, splits the
possessive "'s" and the clitic "n't" into their own tokens, and needs no data files.
"""

from __future__ import annotations

import re

from framing.types import Token

TOKEN_RE = re.compile(
    r"""
    (?:[A-Za-z]\.){2,}(?![A-Za-z])        # U.S.  U.N.  a.m.
    |\d+(?:[.,:/]\d+)*%?                   # 39,445  85%  9:19  2.5
    |\w+(?=n['’]t\b)                       # do|n't
    |n['’]t\b
    |['’](?:s|re|ve|ll|d|m)\b              # 's 're ...
    |\w+(?:[-‐‑]\w+)*                      # words, hyphenated compounds
    |[^\w\s]                               # any other single symbol
    """,
    re.VERBOSE,
)

_QUOTE_NORMAL = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "‐": "-", "‑": "-"})


def normalise(word: str) -> str:
    """Lower-case and fold curly quotes and unusual hyphens, so lexicon look-ups are spelling-tolerant."""
    return word.lower().translate(_QUOTE_NORMAL)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text``; offsets are shifted by ``offset`` (the position of ``text`` in the article)."""
    low = normalise(text)
    if len(low) != len(text):  # a few characters grow when lower-cased ("İ"): normalise word by word
        return [
            Token(m.group(), normalise(m.group()), m.start() + offset, m.end() + offset)
            for m in TOKEN_RE.finditer(text)
        ]
    # one span() call per match and the tuple built directly: this runs for every word of the corpus
    return [
        _new(Token, (text[s:e], low[s:e], s + offset, e + offset))
        for s, e in map(_span, TOKEN_RE.finditer(text))
    ]


_new = tuple.__new__
_span = re.Match.span


def term_tokens(term: str) -> tuple[str, ...]:
    """The normalised tokens of a lexicon term, tokenised exactly like running text."""
    return tuple(t.lower for t in tokenize(term))


NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds
    thousand thousands million millions billion billions dozen dozens score scores half""".split()
)


def is_number(token: Token | str) -> bool:
    """Digits or a number word ("39,445", "ten", "dozens")."""
    word = token.lower if isinstance(token, Token) else token.lower()
    return word[:1].isdigit() or word in NUMBER_WORDS
