"""Pass 2, reporting frames: in each sentence, the reporting verbs and phrases outside quotations that
form a report of speech (frame before, after or around the content, inversion, "according to", headline
forms), each with its speaker phrase, verb and content spans."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from framing.annotation.voices.common import (
    _LOWER_WORD,
    ADDRESSEE_VERBS,
    ADVERBIAL_OPENERS,
    ANIMATE_NOUNS,
    ANIMATE_PRONOUNS,
    BETWEEN_SUBJECT_AND_VERB,
    CLAUSE_END,
    CLAUSE_STARTERS,
    CLOSING_CONSTRUCTIONS,
    COMPLEMENTIZERS,
    DETERMINERS,
    FINITE_MARKERS,
    NOT_ATTITUDE_AFTER,
    NOT_PREDICATE,
    NOT_SPEAKER_HEADS,
    NP_PREPOSITIONS,
    OBJECT_PRONOUNS,
    OTHER_PRONOUNS,
    PASSIVE_BEFORE,
    PERSON_PRONOUNS,
    POSITION_NOUNS,
    POSSESSIVE_PRONOUNS,
    PREDICATIVE_AS_ONLY,
    PREPOSITIONS,
    QUOTE_MARKS,
    REFLEXIVES,
    SOURCE_NOUNS,
    SUBORDINATORS,
    TIME_WORDS,
    VIEW_NOUNS,
    VIEW_WORDS,
    Frame,
    ReportingVerb,
    SentenceView,
    is_cap,
    is_word,
)
from framing.reading.lexicon import Match, PhraseMatcher
from framing.types import Token


# --- helpers over tokens ---------------------------------------------------------------------------
def _frame_over(
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


def _skip_between(tokens: Sequence[Token], i: int) -> int:
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


def _in_name(tokens: Sequence[Token], j: int) -> bool:
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


def _np_left(tokens: Sequence[Token], end: int, verbs: set[int]) -> int:
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
        if token.text in QUOTE_MARKS or (not is_word(token) and not _in_name(tokens, j)):
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


def _np_right(tokens: Sequence[Token], start: int, verbs: set[int]) -> int:
    """Index after the noun phrase starting at ``start`` (walking right); ``start`` when there is none."""
    j = start
    while j < len(tokens):
        token = tokens[j]
        low = token.lower
        if token.text in QUOTE_MARKS or (not is_word(token) and not _in_name(tokens, j)):
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


def _infinitive_at(tokens: Sequence[Token], k: int) -> bool:
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


def _looks_like_clause(tokens: Sequence[Token], k: int, verbs: set[int], *, bare: bool = False) -> bool:
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
        if not is_word(token) and not _in_name(tokens, m):
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
class FrameFinder:
    def __init__(self, matcher: PhraseMatcher, text: str = ""):
        self.matcher = matcher
        self.previous: SentenceView | None = None
        self.text = text
        self._lower_words: frozenset[str] | None = None
        self.actor_tokens: frozenset[int] = frozenset()  # token indices inside actor mentions

    @property
    def lower_words(self) -> frozenset[str]:
        """Words the article writes in lower case somewhere (so not proper names); built on first use."""
        if self._lower_words is None:
            self._lower_words = frozenset(_LOWER_WORD.findall(self.text))
        return self._lower_words

    def find(self, s: SentenceView, actor_tokens: frozenset[int] = frozenset()) -> list[Frame]:
        tokens = s.tokens
        self.actor_tokens = actor_tokens
        matches = self.matcher.find(tokens)
        if not TIME_WORDS.isdisjoint(t.lower for t in tokens[1:]):
            matches = self._across_time_words(tokens, matches)
        matches = [m for m in matches if not any(s.quoted[m.first : m.last])]
        # attitude verbs double as nouns ("his call", "the plan") and do not bound other frames' phrases
        verbs = {
            k for m in matches if m.entry.get("verb").kind != "attitude" for k in range(m.first, m.last)
        }
        frames = []
        for m in matches:
            verb: ReportingVerb = m.entry.get("verb")
            frame = self._frame(s, m.first, m.last, verb, verbs)
            if frame is not None:
                frames.append(frame)
        if len(frames) > 1:
            self._end_before_closing_frames(s, frames)
        if not frames and s.sentence.is_headline:
            frame = self._headline_colon(s)
            if frame is not None:
                frames.append(frame)
        if not frames and not VIEW_WORDS.isdisjoint(t.lower for t in tokens):
            frame = self._possessive_view(s)
            if frame is not None:
                frames.append(frame)
        self.previous = s
        return frames

    @staticmethod
    def _end_before_closing_frames(s: SentenceView, frames: list[Frame]) -> None:
        """``Blinken appreciated Qatar's efforts to "...," according to the statement.``: a frame whose
        content follows it stops at the comma before a later frame that reports what comes before
        it (``..., according to X``, ``..., X said``), so the later frame's words are not the first
        speaker's."""
        tokens = s.tokens
        for later in frames:
            if later.construction not in CLOSING_CONSTRUCTIONS:
                continue
            opening = min(later.cue_start, later.speaker_start if later.speaker_start >= 0 else later.cue_start)
            k = bisect_left(s.starts, opening) - 1
            if k > 0 and s.is_close_mark(k) and tokens[k - 1].text == ",":
                cut = tokens[k].end  # '..., held by Hamas," according to ...': the quotation stays whole
            elif k >= 0 and tokens[k].text == "," and not s.quoted[k]:
                cut = tokens[k].start
            else:
                continue
            for frame in frames:
                if frame is later or frame.cue_end > cut or not frame.content:
                    continue
                if frame.content[-1][0] < frame.cue_end or not frame.content[-1][0] < cut < frame.content[-1][1]:
                    continue
                start = frame.content[-1][0]
                frame.content[-1] = (start, cut)
                frame.quote_groups = {q.group for q in s.quotes if q.start < cut and q.end > start} | {
                    q.group for q in s.quotes if q.end <= start and q.group in frame.quote_groups
                }

    def _across_time_words(self, tokens: Sequence[Token], matches: list[Match]) -> list[Match]:
        """Adds phrasal reporting verbs split by a day or time word ("called Wednesday for continuing
        negotiations", "said Tuesday that" is already covered): the phrase matched with the word left out,
        its span covering it."""
        covered = {k for m in matches for k in range(m.first, m.last)}
        single = {m.first: m for m in matches if m.last == m.first + 1}  # "called" alone: replaced
        added, replaced = [], []
        for k in range(1, len(tokens) - 1):
            if tokens[k].lower not in TIME_WORDS or (k - 1 in covered and k - 1 not in single):
                continue
            view = [tokens[k - 1], *tokens[k + 1 : k + 4]]
            found = next((m for m in self.matcher.find(view) if m.first == 0 and m.last >= 2), None)
            if found is not None and covered.isdisjoint(range(k + 1, k + found.last)):
                added.append(Match(k - 1, k + found.last, found.entry))
                if k - 1 in single:
                    replaced.append(single[k - 1])
        if not added:
            return matches
        return sorted([m for m in matches if m not in replaced] + added, key=lambda m: m.first)

    # each construction returns a Frame or None
    def _frame(
        self, s: SentenceView, first: int, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> Frame | None:
        tokens = s.tokens
        before = tokens[first - 1].lower if first > 0 else ""
        if verb.kind == "source_phrase" and " " in verb.lemma:
            return self._according(s, first, last, verb, verbs)
        if (
            last < len(tokens)
            and tokens[last].lower in FINITE_MARKERS - {"'s", "'d", "did", "does", "do"}
            and before in {"neither", "either", "each", "every", "no", "any", "this", "such"}
        ):
            return None  # a noun before its verb: "neither claim could be verified"
        if verb.kind == "attitude":
            return self._attitude(s, first, last, verb, verbs)
        auxiliary = (
            before in {"'s", "’s"}
            and first > 1
            and tokens[first - 2].lower in PERSON_PRONOUNS | OTHER_PRONOUNS | {"who", "that"}
        )
        if (
            before in DETERMINERS
            or (before in {"'s", "’s"} and not auxiliary)
            or (before in PREPOSITIONS and before != "to")
        ):
            return None  # a noun ("a report", "in comments to") or a preposition's object
        progressive = tokens[first].lower.endswith("ing")
        if (
            progressive
            and before
            and before[0].isalnum()
            and before not in BETWEEN_SUBJECT_AND_VERB | PASSIVE_BEFORE
        ):
            return None  # a reduced relative clause: "a resolution demanding a cease-fire"
        if not progressive and (
            before in PASSIVE_BEFORE
            or (first > 1 and before in {"not", "n't"} and tokens[first - 2].lower in PASSIVE_BEFORE)
        ):
            return self._passive(s, first, last, verb, verbs)
        if first == 0 and tokens[0].text.istitle() and tokens[0].lower.endswith("ed"):
            return self._fronted_participle(s, first, last, verb, verbs)
        if verb.kind == "source_phrase" and tokens[first].lower.endswith("ing"):
            return self._citing(s, first, last, verb, verbs)
        boundary = self._left_boundary(s, first)
        frame = self._inverted(s, first, last, verb, verbs, boundary)
        if frame is None:
            frame = self._subject_frame(s, first, last, verb, verbs)
        return frame

    def _attitude(
        self, s: SentenceView, first: int, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> Frame | None:
        """``X supports ...`` / ``X wants to ...`` / ``X called Y a Z``: a position or intention held by a
        person or an organisation named as the subject; passives, participles without a subject and
        inanimate subjects ("the bill supports families") are not attributions."""
        tokens = s.tokens
        before = tokens[first - 1].lower if first > 0 else ""
        progressive = tokens[first].lower.endswith("ing")
        if before in PASSIVE_BEFORE and not progressive:
            return None
        if first > 1 and before in {"not", "n't"} and tokens[first - 2].lower in PASSIVE_BEFORE:
            return None
        if progressive and before not in BETWEEN_SUBJECT_AND_VERB | PASSIVE_BEFORE:
            return None
        end = _skip_between(tokens, first - 1)
        if any(t.lower in NOT_ATTITUDE_AFTER for t in tokens[end + 1 : first]):
            return None
        if end < 0:
            return None
        hint = None
        if tokens[end].lower == "and":
            # "Carson took the stage and called the system rotten": the sentence's opening name holds it
            start = 0
            end = 0
            while end < first and (is_cap(tokens[end]) or _in_name(tokens, end)):
                end += 1
            end -= 1
            if end < 0:
                return None
        elif tokens[end].text == ",":
            subject = self._appositive_subject(s, end, verbs)
            if subject is None:
                return None
            start, end = subject
            hint = (tokens[start].start, tokens[end].end)
        elif not is_word(tokens[end]):
            return None
        else:
            start = _np_left(tokens, end, verbs)
            if start > end and tokens[end].lower == "who":
                start = end
                antecedent_end = end - 1 if end > 0 and tokens[end - 1].text != "," else end - 2
                if antecedent_end >= 0:
                    hint = (tokens[_np_left(tokens, antecedent_end, verbs)].start, tokens[antecedent_end].end)
            start, end = self._refine_subject(s, start, end, verbs)
            if start > end or end - start > 11 or not self._subject_ok(tokens, start, end):
                return None
        if not self._animate(s, start, end):
            return None
        content_from = self._attitude_content(s, last, verb, verbs)
        if content_from is None:
            return None
        frame = self._make(s, first, last, verb, "attitude", (start, end), content_from)
        if frame is not None:
            frame.hint = hint
        return frame

    def _possessive_view(self, s: SentenceView) -> Frame | None:
        """``In Netanyahu's view, ...`` / ``..., in his view.`` / ``Hamas's position is that ...``: the
        possessor holds the view; the rest of the sentence is its content."""
        tokens = s.tokens
        n = len(tokens)
        for k, token in enumerate(tokens):
            low = token.lower
            if k == 0 or s.quoted[k] or (low not in VIEW_NOUNS and low not in POSITION_NOUNS):
                continue
            if tokens[k - 1].lower in {"'s", "’s"} and k >= 2:
                end = k - 2
                start = _np_left(tokens, end, set())
                if start > end or not self._animate(s, start, end):
                    continue
            elif tokens[k - 1].lower in POSSESSIVE_PRONOUNS:
                start = end = k - 1
            else:
                continue
            before = start - 1
            verb = ReportingVerb(low, "neutral", "attitude")
            if low in VIEW_NOUNS and before >= 0 and tokens[before].lower == "in":
                if before == 0 and k + 1 < n:
                    after = k + 2 if tokens[k + 1].text == "," else k + 1
                    content, groups = self._content_after(s, after)
                elif before > 0 and tokens[before - 1].text == ",":
                    content, groups = self._content_before(s, before - 1)
                else:
                    continue
            elif (
                low in POSITION_NOUNS
                and k + 2 < n
                and tokens[k + 1].lower in {"is", "was", "remains"}
                and tokens[k + 2].lower == "that"
            ):
                content, groups = self._content_after(s, k + 3)
            else:
                continue
            if not self._has_words(s, content):
                continue
            return Frame(
                s.index,
                token.start,
                token.end,
                verb,
                "possessive",
                tokens[start].start,
                tokens[end].end,
                content,
                groups,
            )
        return None

    def _animate(self, s: SentenceView, start: int, end: int) -> bool:
        """The subject can hold a view: a pronoun for people, an actor, a proper name or a people noun."""
        tokens = s.tokens
        words = [k for k in range(start, end + 1) if is_word(tokens[k])]
        if not words:
            return False
        if len(words) == 1 and tokens[words[0]].lower in ANIMATE_PRONOUNS:
            return True
        if any(k in self.actor_tokens for k in words):
            return True
        head = words
        for n, k in enumerate(words):
            if tokens[k].lower in NP_PREPOSITIONS and n > 0:
                head = words[:n]  # "the head of the agency": the head noun comes before "of"
                break
        if FrameFinder._counted(tokens, words, head):
            return False
        if tokens[head[-1]].lower in ANIMATE_NOUNS:
            return True
        if head[-1] == 0 and tokens[0].lower in self.lower_words:
            return False  # "Much of the quarter": a capital only because the sentence starts there
        names = [k for k in words if is_cap(tokens[k]) and tokens[k].lower not in DETERMINERS]
        if not names:
            return False
        if tokens[head[-1]].lower in REFLEXIVES and len(head) > 1:
            head = head[:-1]  # "Obama himself seemed"
        if any(k > 0 for k in names):
            # a capitalised word inside the sentence is a name; a capitalised head is required so that
            # "the Republican plan" (head "plan") is not a holder of views
            return is_cap(tokens[head[-1]]) or tokens[head[-1]].lower in {"'s", "’s"}
        # only the sentence's first word is capitalised: a name unless the article writes it in lower case
        # ("Halvik ceasefire appears": the head "ceasefire" is no name)
        last = tokens[head[-1]]
        if (
            head[-1] > names[0]
            and not is_cap(last)
            and last.lower not in BETWEEN_SUBJECT_AND_VERB | TIME_WORDS | REFLEXIVES | {"now", "all"}
            and not last.lower.endswith("ly")
        ):
            return False
        return tokens[names[0]].lower not in self.lower_words

    def _attitude_content(self, s: SentenceView, last: int, verb: ReportingVerb, verbs: set[int]) -> int | None:
        """Index where the content of an attitude verb starts, or None when its complement is missing."""
        tokens = s.tokens
        n = len(tokens)
        k = last
        while k < n and (tokens[k].lower in TIME_WORDS or tokens[k].lower in {"also", "still", "now", "not"}):
            k += 1
        if k >= n or tokens[k].text in CLAUSE_END:
            return None
        complements = verb.complements
        low = tokens[k].lower
        if low == "to" and "infinitive" in complements:
            return k if _infinitive_at(tokens, k) else None
        if low == "that" and "clause" in complements:
            return k + 1
        if "predicative" in complements:
            return self._predicative(s, k, verb, verbs)
        if "infinitive" in complements and (
            is_cap(tokens[k]) or low in DETERMINERS or low in OBJECT_PRONOUNS
        ):
            # an object before the infinitive: "wants voters to know", "expects Trump to win"
            for m in range(k + 1, min(n, k + 6)):
                if not is_word(tokens[m]) and not _in_name(tokens, m):
                    break
                if tokens[m].lower == "to" and _infinitive_at(tokens, m):
                    return k
        if "infinitive" in complements and "object" not in complements:
            if "clause" in complements and _looks_like_clause(tokens, k, verbs):
                return k
            return None
        if "clause" in complements and _looks_like_clause(tokens, k, verbs):
            return k
        if "object" in complements and is_word(tokens[k]) or s.is_open_mark(k):
            if (
                low in PREPOSITIONS
                or low in {"among", "between", "around", "throughout"}
                or low in CLAUSE_STARTERS - {"what", "how", "why", "whether"}
            ):
                return None
            return k
        return None

    def _predicative(self, s: SentenceView, k: int, verb: ReportingVerb, verbs: set[int]) -> int | None:
        """``called the plan a disaster`` / ``called it "a farce"`` / ``sees Iran as a threat``: an object,
        then "as" or (for verbs of naming) a second noun phrase or a quotation."""
        tokens = s.tokens
        n = len(tokens)
        if not is_word(tokens[k]) or tokens[k].lower in NOT_PREDICATE:
            return None
        as_only = verb.lemma in PREDICATIVE_AS_ONLY
        for m in range(k + 1, min(n, k + 7)):
            token = tokens[m]
            low = token.lower
            if low == "as":
                return k if m + 1 < n and is_word(tokens[m + 1]) else None
            if as_only:
                if not is_word(token) and not _in_name(tokens, m):
                    return None
                continue
            if s.is_open_mark(m) or low in {"a", "an", "the"} or (m > k and low in DETERMINERS - {"that"}):
                return k
            if not is_word(token) and not _in_name(tokens, m):
                return None
            if low in NOT_PREDICATE or low in CLAUSE_STARTERS:
                return None
            if tokens[k].lower in {"him", "her", "it", "them", "himself", "herself", "itself", "themselves"}:
                return k  # "called it unacceptable"
        return None

    def _passive(
        self, s: SentenceView, first: int, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> Frame | None:
        """``as reported by X`` / ``..., was announced by X``: the speaker is the by-agent."""
        tokens = s.tokens
        if last >= len(tokens) - 1 or tokens[last].lower != "by":
            return None
        end = _np_right(tokens, last + 1, verbs)
        if end == last + 1:
            return None
        return self._around(s, first, last, verb, "passive", (last + 1, end - 1), end)

    def _around(
        self,
        s: SentenceView,
        first: int,
        last: int,
        verb: ReportingVerb,
        construction: str,
        speaker: tuple[int, int],
        after: int,
    ) -> Frame | None:
        """A frame set off by commas ("As X noted, ...", "..., as X said."): the content is the rest of
        the sentence on the other side of the comma."""
        tokens = s.tokens
        opening = first
        while opening > 0 and tokens[opening - 1].text not in {","} and opening > speaker[0] - 3:
            opening -= 1
        if after < len(tokens) and tokens[after].text == ",":
            content, groups = self._content_after(s, after + 1)
        elif opening > 0 and tokens[opening - 1].text == ",":
            content, groups = self._content_before(s, opening - 1)
        else:
            return None
        if not self._has_words(s, content):
            return None
        return _frame_over(s, first, last, verb, construction, speaker, content, groups)

    def _fronted_participle(
        self, s: SentenceView, first: int, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> Frame | None:
        """``Asked whether ..., Johnson said no`` / ``Told of the ruling, X ...``: the speaker is the
        subject after the comma."""
        tokens = s.tokens
        if verb.lemma not in ADDRESSEE_VERBS:
            return None
        comma = next((k for k in range(last, len(tokens)) if tokens[k].text == ","), -1)
        if comma < 0 or comma + 1 >= len(tokens):
            return None
        end = _np_right(tokens, comma + 1, verbs)
        if end == comma + 1 or end - comma > 9:
            return None
        content, groups = self._content_after(s, last)
        return _frame_over(s, first, last, verb, "fronted", (comma + 1, end - 1), content, groups)

    def _left_boundary(self, s: SentenceView, first: int) -> int:
        """Index of the comma or closing quotation mark right before the verb or its subject, or -1."""
        tokens = s.tokens
        i = _skip_between(tokens, first - 1)
        if i >= 0 and (tokens[i].text == "," or s.is_close_mark(i)):
            return i
        return -1

    def _content_before(self, s: SentenceView, boundary: int) -> tuple[list[tuple[int, int]], set[int]]:
        """Content of a frame placed after it: from the start of the clause (or of the quotation, which
        may begin sentences earlier) to the boundary."""
        tokens = s.tokens
        start = s.sentence.start
        groups = set()
        k = boundary
        closing = s.is_close_mark(k) or (k > 0 and tokens[k].text == "," and s.is_close_mark(k - 1))
        end = tokens[k].end if s.is_close_mark(k) else tokens[k].start
        if closing:
            groups.add(closing.group)
            end = closing.end
        for quote in s.quotes:
            if quote.end <= end:
                groups.add(quote.group)
        return [(start, end)], groups

    def _content_after(self, s: SentenceView, k: int) -> tuple[list[tuple[int, int]], set[int]]:
        tokens = s.tokens
        if k >= len(tokens):
            return [], set()
        start = tokens[k].start
        end = s.sentence.end
        groups = set()
        for quote in s.quotes:
            if quote.end > start:
                groups.add(quote.group)
                end = max(end, quote.end)
        return [(start, end)], groups

    def _tail_is_adjunct(
        self, s: SentenceView, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> tuple[bool, int]:
        """After a frame placed after its content: only an adjunct may follow ("in a statement",
        "on X", "Tuesday", "reporters before boarding ...") or a second quotation. Returns (ok, index of a
        quotation opening that continues the content, or -1)."""
        tokens = s.tokens
        k = last
        if (
            verb.lemma in ADDRESSEE_VERBS
            and k < len(tokens)
            and is_word(tokens[k])
            and tokens[k].lower not in PREPOSITIONS
        ):
            k = max(_np_right(tokens, k, verbs), k + 1)
        if k >= len(tokens):
            return True, -1
        token = tokens[k]
        if token.text in CLAUSE_END:
            return True, -1
        if token.text in {",", ":"}:
            if k + 1 < len(tokens) and s.is_open_mark(k + 1):
                return True, k + 1
            return True, -1
        low = token.lower
        if (
            low in PREPOSITIONS
            or low in TIME_WORDS
            or low.endswith("ly")
            or low in {"as", "while", "when", "after", "before"}
        ):
            return True, -1
        if low in BETWEEN_SUBJECT_AND_VERB:
            return True, -1
        return False, -1

    def _inverted(
        self, s: SentenceView, first: int, last: int, verb: ReportingVerb, verbs: set[int], boundary: int
    ) -> Frame | None:
        """``"...," said Biden`` / ``..., says top US diplomat``: the speaker follows the verb."""
        tokens = s.tokens
        if boundary < 0 or boundary != first - 1 or last >= len(tokens):
            return None
        if tokens[first].lower.endswith("ing") or (tokens[last - 1].lower in PREPOSITIONS and " " in verb.lemma):
            return None  # "..., referring to the plan": a participle and its object, not "..., said X"
        if not is_word(tokens[last]) or tokens[last].lower in PERSON_PRONOUNS | OTHER_PRONOUNS | {"there"}:
            return None
        end = _np_right(tokens, last, verbs)
        if end == last or end - last > 9:
            return None
        if end < len(tokens) and not (
            tokens[end].text in CLAUSE_END
            or tokens[end].text in {",", ";", ":"}
            or tokens[end].lower in PREPOSITIONS
            or tokens[end].lower in TIME_WORDS
        ):
            return None
        if not any(is_cap(t) for t in tokens[last:end]):
            if tokens[last].lower not in DETERMINERS:
                return None
            if tokens[end - 1].lower not in ANIMATE_NOUNS | SOURCE_NOUNS or "object" in verb.complements:
                return None  # "..., rejected the allegation": an object, not a speaker
        content, groups = self._content_before(s, boundary)
        if not self._has_words(s, content):
            return None
        return _frame_over(s, first, last, verb, "inverted", (last, end - 1), content, groups)

    def _has_words(self, s: SentenceView, content: list[tuple[int, int]]) -> bool:
        tokens = s.tokens
        for a, b in content:
            k = bisect_left(s.starts, a)
            while k < len(tokens) and tokens[k].start < b:
                if is_word(tokens[k]):
                    return True
                k += 1
        return False

    def _subject_frame(
        self, s: SentenceView, first: int, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> Frame | None:
        tokens = s.tokens
        end = _skip_between(tokens, first - 1)
        participle = tokens[first].lower.endswith("ing") and " " not in verb.lemma
        if end >= 0 and tokens[end].text == "," and not participle:
            appositive = self._appositive_subject(s, end, verbs)
            if appositive is not None:
                frame = self._preposed(s, first, last, verb, verbs, appositive)
                if frame is not None:
                    frame.hint = (tokens[appositive[0]].start, tokens[end - 1].end)
                return frame
        if end >= 0 and tokens[end].lower == "and" and not participle:
            return self._shared_subject(s, first, last, verb, verbs, participle)
        if end < 0 or not is_word(tokens[end]):
            # no subject next to the verb: a participle or a second verb sharing the sentence's subject
            if end >= 0 and (tokens[end].text == "," or s.is_close_mark(end)):
                return self._shared_subject(s, first, last, verb, verbs, participle)
            return None
        start = _np_left(tokens, end, verbs)
        hint = None
        if start > end and tokens[end].lower == "who":
            start = end  # "..., who said ...": the relative pronoun speaks for the noun phrase before it
            antecedent_end = end - 1 if end > 0 and tokens[end - 1].text != "," else end - 2
            if antecedent_end >= 0:
                hint = (tokens[_np_left(tokens, antecedent_end, verbs)].start, tokens[antecedent_end].end)
        if (
            start <= end
            and start > 1
            and tokens[start - 1].lower in PREPOSITIONS
            and tokens[start - 1].lower != "to"
        ):
            # "a source close to him", "officials in Gaza": a prepositional phrase inside the subject
            wider = _np_left(tokens, start - 2, verbs)
            if wider <= start - 2 and (
                wider == 0 or tokens[wider - 1].text == "," or s.is_close_mark(wider - 1)
            ):
                start = wider
        if (
            s.sentence.is_headline
            and start >= 2
            and start <= end
            and tokens[start - 1].text == ","
            and all(k in self.actor_tokens or not is_word(tokens[k]) for k in range(start - 1))
            and any(k in self.actor_tokens for k in range(start - 1))
        ):
            start = 0  # a headline's comma list of actors: "Qatar, U.S. call for ..."
        start, end = self._refine_subject(s, start, end, verbs)
        if start < end and tokens[end].lower in {"both", "all"}:
            end -= 1  # "X and Y both condemned ...": the quantifier is not part of the name
        conjuncts = 1 + sum(1 for t in tokens[start : end + 1] if t.lower == "and")
        if start > end or end - start > 11 * min(conjuncts, 2):
            return None  # two titled names may each run to a dozen words
        if not self._can_speak(s, start, end):
            return None
        if (
            participle
            and tokens[end].lower not in PERSON_PRONOUNS | OTHER_PRONOUNS
            and start == end
            and not is_cap(tokens[end])
        ):
            return None
        if not self._subject_ok(tokens, start, end):
            return None
        boundary = start - 1
        if boundary >= 0 and tokens[boundary].lower == "as":
            frame = self._around(
                s, first, last, verb, "as", (start, end), self._skip_tail(s, last, verb, verbs)
            )
            if frame is not None:
                return frame
        if boundary < 0 and self._tail_is_adjunct(s, last, verb, verbs)[0]:
            # "Cruz said." after a sentence that ends in a quotation: the frame of that quotation
            previous = self.previous
            if (
                previous is not None
                and previous.quotes
                and previous.quotes[-1].end >= previous.sentence.end - 1
            ):
                quote = previous.quotes[-1]
                return _frame_over(
                    s, first, last, verb, "postposed", (start, end), [(quote.start, quote.end)], {quote.group}
                )
        # frame after its content: "..., the ministry said in a statement." / "...," he said on X.
        if boundary >= 0 and (tokens[boundary].text == "," or s.is_close_mark(boundary)):
            ok, continuation = self._tail_is_adjunct(s, last, verb, verbs)
            adverbial = ok and boundary > 0 and self._adverbial_before(s, boundary)
            if adverbial:
                # "Earlier on Wednesday, X expressed concerns about ...": the content follows the verb
                frame = self._preposed(s, first, last, verb, verbs, (start, end))
                if frame is not None:
                    frame.hint = hint
                    return frame
            if ok and boundary > 0:
                content, groups = self._content_before(s, boundary)
                if continuation >= 0:
                    more, more_groups = self._content_after(s, continuation)
                    content += more
                    groups |= more_groups
                elif adverbial:
                    # "In the end, Mr. Rosenthal said, union voters ...": the clause runs on after the frame
                    comma = self._skip_tail(s, last, verb, verbs)
                    if comma < len(tokens) and tokens[comma].text == ",":
                        more, more_groups = self._content_after(s, comma + 1)
                        content += more
                        groups |= more_groups
                if self._has_words(s, content):
                    return _frame_over(s, first, last, verb, "postposed", (start, end), content, groups)
        frame = self._preposed(s, first, last, verb, verbs, (start, end))
        if frame is not None:
            frame.hint = hint
        return frame

    @staticmethod
    def _adverbial_before(s: SentenceView, boundary: int) -> bool:
        """Whether all that stands before ``boundary`` is a short fronted adverbial ("Earlier on
        Wednesday, X expressed concerns about ...", "On Tuesday, ..."): not content of a frame after it."""
        tokens = s.tokens[:boundary]
        words = [t for t in tokens if is_word(t)]
        if not words or len(words) > 6 or any(s.quoted[: boundary + 1]):
            return False
        first = words[0].lower
        return first in ADVERBIAL_OPENERS or first in TIME_WORDS or (first.endswith("ly") and len(first) > 4)

    def _refine_subject(self, s: SentenceView, start: int, end: int, verbs: set[int]) -> tuple[int, int]:
        """The subject's first token once a relative clause without its pronoun ("a step some diplomats
        hoped") and a prepositional phrase ("a pause in and around Halvik appeared") are set aside;
        start > end when no subject remains."""
        tokens = s.tokens
        if start > end or tokens[end].lower == "who":
            return start, end
        if tokens[end].lower in PERSON_PRONOUNS | OTHER_PRONOUNS and end > start:
            return end, end  # "On Monday he said", "Tuesday night he said"
        if (
            start > 1
            and tokens[start - 1].lower == "in"
            and (tokens[start - 2].lower in NOT_SPEAKER_HEADS or tokens[start - 2].lower.isdigit())
        ):
            return _np_left(tokens, start - 2, verbs), end  # "one in five say"
        start = self._inner_determiner(tokens, start, end)
        if (
            start > 1
            and tokens[start - 1].lower in PREPOSITIONS
            and tokens[start - 1].lower not in NP_PREPOSITIONS | CLAUSE_STARTERS | {"like", "until"}
            and tokens[start - 2].text != ","
            and not (
                tokens[end].lower in ANIMATE_NOUNS and not is_cap(tokens[end])
            )  # "four in 10 voters say": a people noun speaks wherever it stands
        ):
            return self._past_modifier(s, start, end, verbs)
        return start, end

    def _inner_determiner(self, tokens: Sequence[Token], start: int, end: int) -> int:
        """``a step some diplomats had hoped``: a determiner after a common noun opens a new phrase (a
        relative clause without its pronoun); the speaker is that phrase."""
        for k in range(end, start, -1):
            previous = tokens[k - 1]
            if (
                tokens[k].lower in DETERMINERS | {"some", "many", "most"}
                and is_word(previous)
                and not is_cap(previous)
                and previous.lower not in NP_PREPOSITIONS | DETERMINERS | {"and", "or", "all", "of"}
                and not previous.lower.isdigit()
            ):
                return k
        return start

    def _past_modifier(self, s: SentenceView, start: int, end: int, verbs: set[int]) -> tuple[int, int]:
        """``residents returning to the district said``: the subject is the noun phrase before the
        modifier; a place after a preposition ("a pause in and around Halvik") is not a speaker."""
        tokens = s.tokens
        for k in (start - 2, start - 3):
            # "a person familiar with ...", "residents returning to ...": one modifier may stand between
            if k < 0 or not is_word(tokens[k]) or (k == start - 3 and is_cap(tokens[k + 1])):
                break
            wider = _np_left(tokens, k, verbs)
            plural = tokens[k].lower.endswith("s") and not is_cap(tokens[k]) and len(tokens[k].text) > 3
            if wider <= k and (tokens[k].lower in SOURCE_NOUNS or plural or self._animate(s, wider, k)):
                return wider, k
        return end + 1, end

    @staticmethod
    def _counted(tokens: Sequence[Token], words: list[int], head: list[int]) -> bool:
        """A number or quantifier standing alone ("six said killed"); not "the two", "no one", "one in
        five", "one of the delegates"."""
        low = tokens[head[-1]].lower
        if low not in NOT_SPEAKER_HEADS and not low.isdigit():
            return False
        if len(head) > 1 and tokens[head[-2]].lower in {"the", "no", "in", "but"}:
            return False
        if low in {"much", "little", "part", "rest", "not"}:
            return True  # "much of the old town"
        return len(head) == len(words) and not any(tokens[k].lower == "in" for k in words)

    def _can_speak(self, s: SentenceView, start: int, end: int) -> bool:
        """A pronoun, a name, an actor, a noun for people or organisations, or a document that reports
        ("the statement"); not a number, a place after a preposition, an event or a thing."""
        tokens = s.tokens
        words = [k for k in range(start, end + 1) if is_word(tokens[k])]
        if not words:
            return False
        if len(words) == 1 and tokens[words[0]].lower in PERSON_PRONOUNS | OTHER_PRONOUNS | {"who"}:
            return True
        head = words
        for n, k in enumerate(words):
            if tokens[k].lower in NP_PREPOSITIONS and n > 0:
                head = words[:n]
                break
        low = tokens[head[-1]].lower
        if self._counted(tokens, words, head):
            return False
        if tokens[start].lower == "not" and start > 0 and tokens[start - 1].lower in FINITE_MARKERS:
            return False  # "it did not address reports": a verb phrase, not a subject
        if low in SOURCE_NOUNS | PERSON_PRONOUNS | OTHER_PRONOUNS or self._animate(s, start, end):
            return True
        if tokens[start].lower == "its":
            return False  # "its artillery responded": a thing an organisation owns does not speak
        # a common noun is accepted ("the campaign's filing said"), but not a sentence-initial capital the
        # article writes in lower case elsewhere (headline "Strike reported on market")
        return not (
            s.sentence.is_headline and head[-1] == 0 and is_cap(tokens[0]) and low in self.lower_words
        )

    def _skip_tail(self, s: SentenceView, last: int, verb: ReportingVerb, verbs: set[int]) -> int:
        """Index of the first token after the verb's object and adjuncts, up to a comma or the end."""
        k = last
        while k < len(s.tokens) and s.tokens[k].text not in {",", ";"} and s.tokens[k].text not in CLAUSE_END:
            k += 1
        return k

    def _subject_ok(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        words = [t for t in tokens[start : end + 1] if is_word(t)]
        if not words:
            return False
        if len(words) == 1 and words[0].lower in DETERMINERS:
            return False
        return not tokens[end].lower.isdigit()

    def _appositive_subject(self, s: SentenceView, comma: int, verbs: set[int]) -> tuple[int, int] | None:
        """``Al-Thani, who is Qatar's prime minister, said ...``: the subject before the appositive."""
        tokens = s.tokens
        opening = comma - 1
        while opening >= 0 and tokens[opening].text != ",":
            if tokens[opening].text in QUOTE_MARKS or tokens[opening].text in CLAUSE_END:
                return None
            opening -= 1
        if opening <= 0 or comma - opening > 16:
            return None
        inner = tokens[opening + 1 : comma]
        if not inner or not (
            inner[0].lower in {"who", "which", "whose", "a", "an", "the"}
            or is_cap(inner[0])
            or inner[0].lower in ANIMATE_NOUNS
        ):
            return None
        end = opening - 1
        start = _np_left(tokens, end, verbs)
        if (
            start > end
            or start > 0
            and tokens[start - 1].text not in {",", ":"}
            and not s.is_close_mark(start - 1)
        ):
            return None
        if not any(is_cap(t) for t in tokens[start : end + 1]):
            return None
        return start, end

    def _preposed(
        self,
        s: SentenceView,
        first: int,
        last: int,
        verb: ReportingVerb,
        verbs: set[int],
        subject: tuple[int, int],
    ) -> Frame | None:
        """``X said (that) ...`` / ``X said: "..."`` / ``X believes ...``: the content follows the verb."""
        tokens = s.tokens
        k = last
        n = len(tokens)
        if k + 1 < n and tokens[k].lower in {"or", "and"} and k + 1 in verbs:
            k += 1  # "has not confirmed or denied its involvement": the content follows both verbs
            while k < n and k in verbs:
                k += 1
        if (
            verb.lemma in ADDRESSEE_VERBS
            and k < n
            and is_word(tokens[k])
            and tokens[k].lower not in COMPLEMENTIZERS
        ):
            k = max(_np_right(tokens, k, verbs), k + 1) if tokens[k].lower not in DETERMINERS | {"to"} else k
            if k < n and tokens[k].lower == "to" and k > last:
                return self._make(s, first, last, verb, "preposed", subject, k + 1)
        while k < n and (
            (tokens[k].lower in TIME_WORDS and not (k + 1 < n and tokens[k + 1].lower in {"'s", "’s"}))
            or (tokens[k].lower == "on" and k + 1 < n and tokens[k + 1].lower in TIME_WORDS)
        ):
            k += 1
        if k >= n:
            return None
        token = tokens[k]
        if token.text in {":", ","} and k + 1 < n and s.is_open_mark(k + 1):
            return self._make(s, first, last, verb, "preposed", subject, k + 1)
        if s.is_open_mark(k):
            return self._make(s, first, last, verb, "preposed", subject, k)
        if token.text == ":":
            return self._make(s, first, last, verb, "preposed", subject, k + 1)
        if token.lower in COMPLEMENTIZERS:
            return self._make(s, first, last, verb, "preposed", subject, k + 1)
        # "said ahead of his meeting with X at the State Department that ...": an adjunct, then "that"
        if (
            token.lower in PREPOSITIONS
            or token.lower.endswith("ly")
            or any(t.lower == "that" for t in tokens[k : k + 4])
        ):
            for m in range(k + 1, min(n, k + 25)):
                if tokens[m].text in {",", ";"} or tokens[m].text in QUOTE_MARKS or m in verbs:
                    break
                if tokens[m].lower == "that":
                    return self._make(s, first, last, verb, "preposed", subject, m + 1)
        if " " in verb.lemma:
            # multi-word lemmas name the speech act itself: "called for continuing talks"
            words = sum(1 for t in tokens[k:] if is_word(t))
            return self._make(s, first, last, verb, "preposed", subject, k) if words >= 2 else None
        if (
            "infinitive" in verb.complements
            and _infinitive_at(tokens, k)
            and self._animate(s, *subject)
        ):
            return self._make(s, first, last, verb, "preposed", subject, k)
        if _looks_like_clause(tokens, k, verbs, bare=verb.unmarked):
            return self._make(s, first, last, verb, "preposed", subject, k)
        # a relative clause: "a deadline that insiders said went unnoticed", "which officials said will ..."
        before = tokens[subject[0] - 1].lower if subject[0] > 0 else ""
        if before in {"that", "which", "who", "what"} and (
            token.lower in FINITE_MARKERS or token.lower.endswith("ed")
        ):
            return self._make(s, first, last, verb, "preposed", subject, k)
        return None

    def _make(
        self,
        s: SentenceView,
        first: int,
        last: int,
        verb: ReportingVerb,
        construction: str,
        subject: tuple[int, int],
        content_from: int,
    ) -> Frame | None:
        tokens = s.tokens
        content, groups = self._content_after(s, content_from)
        if subject[0] == 1 and tokens[0].lower in SUBORDINATORS:
            # "While Hamas and Iran blamed Israel for the killing, Tel Aviv ...": the clause ends at its comma
            comma = next(
                (
                    k
                    for k in range(content_from, len(tokens))
                    if tokens[k].text == "," and not s.quoted[k] and not s.is_close_mark(k - 1)
                ),
                -1,
            )
            if comma > content_from:
                end = tokens[comma].start
                content = [(tokens[content_from].start, end)]
                groups = {q.group for q in s.quotes if tokens[content_from].start <= q.start < end}
        if not self._has_words(s, content):
            return None
        return _frame_over(s, first, last, verb, construction, subject, content, groups)

    def _shared_subject(
        self, s: SentenceView, first: int, last: int, verb: ReportingVerb, verbs: set[int], participle: bool
    ) -> Frame | None:
        """``..., adding that ...`` / headline ``X meets Y, says ...``: the subject of the sentence's main
        clause speaks; it is filled in from the sentence's other frame or its first noun phrase."""
        tokens = s.tokens
        k = last
        if (
            k < len(tokens)
            and tokens[k].lower in COMPLEMENTIZERS
            or k < len(tokens)
            and tokens[k].text in {",", ":"}
            and k + 1 < len(tokens)
            and s.is_open_mark(k + 1)
        ):
            k += 1
        elif not (
            k < len(tokens)
            and (
                s.is_open_mark(k)
                or _looks_like_clause(tokens, k, verbs, bare=verb.unmarked)
                or " " in verb.lemma
            )
        ):
            return None
        content, groups = self._content_after(s, k)
        if not self._has_words(s, content):
            return None
        subject_end = 0
        while subject_end < first and (
            is_cap(tokens[subject_end])
            or tokens[subject_end].text in {"'s", "’s", "-"}
            or _in_name(tokens, subject_end)
        ):
            subject_end += 1
        frame = Frame(
            s.index,
            tokens[first].start,
            tokens[last - 1].end,
            verb,
            "participle" if participle else "shared",
            content=content,
            quote_groups=groups,
        )
        if subject_end > 0:
            frame.speaker_start, frame.speaker_end = tokens[0].start, tokens[subject_end - 1].end
        frame.inherited = True
        return frame

    def _according(
        self, s: SentenceView, first: int, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> Frame | None:
        """``..., according to X.`` / ``According to X, ...`` / ``... in the words of X``."""
        tokens = s.tokens
        end = _np_right(tokens, last, verbs)
        # "according to a statement by the ministry": keep the by-phrase with the source
        while end + 1 < len(tokens) and tokens[end].lower == "by":
            more = _np_right(tokens, end + 1, verbs)
            if more == end + 1:
                break
            end = more
        if end == last:
            return None
        sentence = s.sentence
        if first == 0 or (first == 1 and not is_word(tokens[0])):
            k = end + 1 if end < len(tokens) and tokens[end].text == "," else end
            content, groups = self._content_after(s, k)
        elif tokens[first - 1].text == "," or s.is_close_mark(first - 1):
            content, groups = self._content_before(s, first - 1)
        else:
            content = [(sentence.start, tokens[first].start), (tokens[end - 1].end, sentence.end)]
            groups = {q.group for q in s.quotes}
        if not self._has_words(s, content):
            return None
        return _frame_over(s, first, last, verb, "according", (last, end - 1), content, groups)

    def _citing(
        self, s: SentenceView, first: int, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> Frame | None:
        """``..., citing Israeli officials``: the cited source speaks the clause before."""
        tokens = s.tokens
        if first == 0 or tokens[first - 1].text != ",":
            return None
        end = _np_right(tokens, last, verbs)
        if end == last:
            return None
        content, groups = self._content_before(s, first - 1)
        return _frame_over(s, first, last, verb, "citing", (last, end - 1), content, groups)

    def _headline_colon(self, s: SentenceView) -> Frame | None:
        """Headlines ``...: Spokesman`` (source after the colon) and ``Erdogan: ...`` (before it)."""
        tokens = s.tokens
        colons = [k for k, t in enumerate(tokens) if t.text == ":" and not s.quoted[k]]
        if len(colons) != 1:
            return None
        k = colons[0]
        after = [t for t in tokens[k + 1 :] if is_word(t)]
        before = [t for t in tokens[:k] if is_word(t)]
        cue = ReportingVerb("", "", "source_phrase")
        if 1 <= len(after) <= 6 and is_cap(after[0]) and len(before) >= 3:
            return Frame(
                s.index,
                tokens[k].start,
                tokens[k].end,
                cue,
                "headline_colon",
                after[0].start,
                after[-1].end,
                [(s.sentence.start, tokens[k].start)],
                {q.group for q in s.quotes if q.end <= tokens[k].start},
            )
        if 1 <= len(before) <= 4 and is_cap(before[0]) and len(after) >= 3:
            return Frame(
                s.index,
                tokens[k].start,
                tokens[k].end,
                cue,
                "headline_colon",
                before[0].start,
                before[-1].end,
                [(tokens[k].end, s.sentence.end)],
                {q.group for q in s.quotes if q.start >= tokens[k].end},
            )
        return None
