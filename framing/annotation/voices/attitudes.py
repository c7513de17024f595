"""Attitude frames: a position or intention held by someone ("X believes", "in X's view", "X sees it as"),
with a subject that can hold one. Part of :class:`framing.annotation.voices.frames.FrameFinder`."""

from __future__ import annotations

from framing.annotation.voices.common import (
    ANIMATE_NOUNS,
    ANIMATE_PRONOUNS,
    BETWEEN_SUBJECT_AND_VERB,
    CLAUSE_END,
    CLAUSE_STARTERS,
    DETERMINERS,
    NOT_ATTITUDE_AFTER,
    NOT_PREDICATE,
    NP_PREPOSITIONS,
    OBJECT_PRONOUNS,
    PASSIVE_BEFORE,
    POSITION_NOUNS,
    POSSESSIVE_PRONOUNS,
    PREDICATIVE_AS_ONLY,
    PREPOSITIONS,
    REFLEXIVES,
    TIME_WORDS,
    VIEW_NOUNS,
    Frame,
    ReportingVerb,
    SentenceView,
    is_cap,
    is_word,
)
from framing.annotation.voices.phrases import (
    in_name,
    infinitive_at,
    looks_like_clause,
    np_left,
    skip_between,
)


class AttitudeFrames:
    """Methods of FrameFinder for attitude verbs and view nouns."""

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
        end = skip_between(tokens, first - 1)
        if any(t.lower in NOT_ATTITUDE_AFTER for t in tokens[end + 1 : first]):
            return None
        if end < 0:
            return None
        hint = None
        if tokens[end].lower == "and":
            # "Carson took the stage and called the system rotten": the sentence's opening name holds it
            start = 0
            end = 0
            while end < first and (is_cap(tokens[end]) or in_name(tokens, end)):
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
            start = np_left(tokens, end, verbs)
            if start > end and tokens[end].lower == "who":
                start = end
                antecedent_end = end - 1 if end > 0 and tokens[end - 1].text != "," else end - 2
                if antecedent_end >= 0:
                    hint = (tokens[np_left(tokens, antecedent_end, verbs)].start, tokens[antecedent_end].end)
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
                start = np_left(tokens, end, set())
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
        if self._counted(tokens, words, head):
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
            return k if infinitive_at(tokens, k) else None
        if low == "that" and "clause" in complements:
            return k + 1
        if "predicative" in complements:
            return self._predicative(s, k, verb, verbs)
        if "infinitive" in complements and (
            is_cap(tokens[k]) or low in DETERMINERS or low in OBJECT_PRONOUNS
        ):
            # an object before the infinitive: "wants voters to know", "expects Trump to win"
            for m in range(k + 1, min(n, k + 6)):
                if not is_word(tokens[m]) and not in_name(tokens, m):
                    break
                if tokens[m].lower == "to" and infinitive_at(tokens, m):
                    return k
        if "infinitive" in complements and "object" not in complements:
            if "clause" in complements and looks_like_clause(tokens, k, verbs):
                return k
            return None
        if "clause" in complements and looks_like_clause(tokens, k, verbs):
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
                if not is_word(token) and not in_name(tokens, m):
                    return None
                continue
            if s.is_open_mark(m) or low in {"a", "an", "the"} or (m > k and low in DETERMINERS - {"that"}):
                return k
            if not is_word(token) and not in_name(tokens, m):
                return None
            if low in NOT_PREDICATE or low in CLAUSE_STARTERS:
                return None
            if tokens[k].lower in {"him", "her", "it", "them", "himself", "herself", "itself", "themselves"}:
                return k  # "called it unacceptable"
        return None
