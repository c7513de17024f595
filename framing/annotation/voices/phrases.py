"""Noun phrases and clauses over a sentence's tokens, for finding frames: the phrase left or right of a
word, names, infinitives, what looks like a clause."""

from __future__ import annotations

from collections.abc import Sequence

from framing.annotation.voices.common import (
    BETWEEN_SUBJECT_AND_VERB,
    CLAUSE_STARTERS,
    DETERMINERS,
    FINITE_MARKERS,
    NP_PREPOSITIONS,
    OBJECT_PRONOUNS,
    OTHER_PRONOUNS,
    PASSIVE_BEFORE,
    PERSON_PRONOUNS,
    PREPOSITIONS,
    QUOTE_MARKS,
    TIME_WORDS,
    Frame,
    ReportingVerb,
    SentenceView,
    is_cap,
    is_word,
)
from framing.types import Token


# --- helpers over tokens ---------------------------------------------------------------------------
def frame_over(
    s: SentenceView,
    first: int,
    last: int,
    verb: ReportingVerb,
    construction: str,
    speaker: tuple[int, int],
    content: list[tuple[int, int]],
    groups: set[int],
) -> Frame:
    """A frame whose cue is tokens ``[first, last)`` and whose speaker runs from token ``speaker[0]``
    through token ``speaker[1]``."""
    tokens = s.tokens
    return Frame(
        s.index,
        tokens[first].start,
        tokens[last - 1].end,
        verb,
        construction,
        tokens[speaker[0]].start,
        tokens[speaker[1]].end,
        content,
        groups,
    )


def skip_between(tokens: Sequence[Token], i: int) -> int:
    """Step left over auxiliaries, adverbs and time words between a subject and its verb."""
    while i >= 0:
        low = tokens[i].lower
        if (
            low in BETWEEN_SUBJECT_AND_VERB
            or low in TIME_WORDS
            or low.endswith("ly")
            and len(low) > 4
            and not is_cap(tokens[i])
            or low == "on"
            and i + 1 < len(tokens)
            and tokens[i + 1].lower in TIME_WORDS
        ):
            i -= 1
        else:
            break
    return i


def in_name(tokens: Sequence[Token], j: int) -> bool:
    """A non-word token that belongs inside a name: hyphen, possessive, ampersand, or the full stop of an
    abbreviated title or initial followed by the rest of the name ("Mr. Lew", "Thomas R. Nides")."""
    text = tokens[j].text
    if text in {"-", "'s", "’s", "&"}:
        return True
    return (
        text == "."
        and 0 < j < len(tokens) - 1
        and tokens[j - 1].text.isalpha()
        and is_cap(tokens[j - 1])
        and len(tokens[j - 1].text) <= 4
        and is_cap(tokens[j + 1])
    )


def np_left(tokens: Sequence[Token], end: int, verbs: set[int]) -> int:
    """First token of the noun phrase ending at ``end`` (walking left), or end + 1 when there is none."""
    j = end
    while j >= 0:
        token = tokens[j]
        low = token.lower
        if token.text == ")" and j < end:
            # a parenthesis inside the name: "Sen. Bernie Sanders (I-Vt.)"
            opening = next((m for m in range(j - 1, max(j - 8, -1), -1) if tokens[m].text == "("), -1)
            if opening > 0:
                j = opening - 1
                continue
        if token.text in QUOTE_MARKS or (not is_word(token) and not in_name(tokens, j)):
            break
        if low in {"'s", "’s"} and 0 < j < end and is_word(tokens[j - 1]):
            j -= 1  # a possessive inside the phrase: "Netanyahu's spokesman"
            continue
        if (
            low in CLAUSE_STARTERS
            or low in FINITE_MARKERS
            or low in PASSIVE_BEFORE
            or (j in verbs and j != end)
        ):
            break
        if low in PREPOSITIONS and low not in NP_PREPOSITIONS:
            break
        if low == "and" and not (j > 0 and is_cap(tokens[j - 1]) and j < end and is_cap(tokens[j + 1])):
            break
        j -= 1
    start = j + 1
    while start <= end and (tokens[start].lower in NP_PREPOSITIONS or tokens[start].lower == "and"):
        start += 1
    return start


def np_right(tokens: Sequence[Token], start: int, verbs: set[int]) -> int:
    """Index after the noun phrase starting at ``start`` (walking right); ``start`` when there is none."""
    j = start
    while j < len(tokens):
        token = tokens[j]
        low = token.lower
        if token.text in QUOTE_MARKS or (not is_word(token) and not in_name(tokens, j)):
            break
        if low in CLAUSE_STARTERS or low in FINITE_MARKERS or low in PASSIVE_BEFORE or j in verbs:
            break
        if low in PREPOSITIONS and low not in NP_PREPOSITIONS:
            break
        if low in TIME_WORDS:
            break
        j += 1
    while j > start and tokens[j - 1].lower in NP_PREPOSITIONS | DETERMINERS | {"and"}:
        j -= 1
    return j


def infinitive_at(tokens: Sequence[Token], k: int) -> bool:
    """``to`` at ``k`` opens an infinitive ("to fight"), not a prepositional phrase ("to their lowest")."""
    if k + 1 >= len(tokens) or tokens[k].lower != "to":
        return False
    after = tokens[k + 1]
    return (
        is_word(after)
        and not is_cap(after)
        and not after.text[0].isdigit()
        and after.lower not in DETERMINERS
        and after.lower not in OBJECT_PRONOUNS
    )


def looks_like_clause(tokens: Sequence[Token], k: int, verbs: set[int], *, bare: bool = False) -> bool:
    """A complement clause without "that" starts at ``k``: a subject soon followed by a finite verb
    ("Israel had refused", "the talks stalled"). With ``bare`` (verbs of saying and thinking) any content
    of two or more words counts ("said closed primaries deny ...", "said yes")."""
    if k >= len(tokens) or not is_word(tokens[k]) or tokens[k].lower == "to":
        return False
    low = tokens[k].lower
    if low in PERSON_PRONOUNS or low in OTHER_PRONOUNS or low == "there":
        return True
    if bare:
        return True
    for m in range(k + 1, min(len(tokens), k + 8)):
        token = tokens[m]
        word = token.lower
        if not is_word(token) and not in_name(tokens, m):
            return False
        if word in FINITE_MARKERS or word in PASSIVE_BEFORE:
            return True
        if word in CLAUSE_STARTERS or (word in PREPOSITIONS and word not in NP_PREPOSITIONS) or m in verbs:
            return False
        if (
            not is_cap(token)
            and word.endswith("ed")
            and (is_cap(tokens[m - 1]) or tokens[m - 1].lower in {"'s", "’s"})
        ):
            return True
    return False



# --- frames within one sentence --------------------------------------------------------------------
