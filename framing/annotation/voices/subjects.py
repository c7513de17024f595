"""The speaker phrase of a frame whose subject comes first ("the ministry said", "X, the head of Y,
said"): where it starts and ends and whether it can speak. Part of
:class:`framing.annotation.voices.frames.FrameFinder`."""

from __future__ import annotations

from collections.abc import Sequence

from framing.annotation.voices.common import (
    ADVERBIAL_OPENERS,
    ANIMATE_NOUNS,
    CLAUSE_END,
    CLAUSE_STARTERS,
    DETERMINERS,
    FINITE_MARKERS,
    NOT_SPEAKER_HEADS,
    NP_PREPOSITIONS,
    OTHER_PRONOUNS,
    PERSON_PRONOUNS,
    PREPOSITIONS,
    QUOTE_MARKS,
    SOURCE_NOUNS,
    TIME_WORDS,
    Frame,
    ReportingVerb,
    SentenceView,
    is_cap,
    is_word,
)
from framing.annotation.voices.phrases import (
    frame_over,
    np_left,
    skip_between,
)
from framing.types import Token


class SpeakerPhrases:
    """Methods of FrameFinder for the subject that speaks."""

    def _subject_frame(
        self, s: SentenceView, first: int, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> Frame | None:
        tokens = s.tokens
        end = skip_between(tokens, first - 1)
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
        start = np_left(tokens, end, verbs)
        hint = None
        if start > end and tokens[end].lower == "who":
            start = end  # "..., who said ...": the relative pronoun speaks for the noun phrase before it
            antecedent_end = end - 1 if end > 0 and tokens[end - 1].text != "," else end - 2
            if antecedent_end >= 0:
                hint = (tokens[np_left(tokens, antecedent_end, verbs)].start, tokens[antecedent_end].end)
        if (
            start <= end
            and start > 1
            and tokens[start - 1].lower in PREPOSITIONS
            and tokens[start - 1].lower != "to"
        ):
            # "a source close to him", "officials in Gaza": a prepositional phrase inside the subject
            wider = np_left(tokens, start - 2, verbs)
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
                return frame_over(
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
                    return frame_over(s, first, last, verb, "postposed", (start, end), content, groups)
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
            return np_left(tokens, start - 2, verbs), end  # "one in five say"
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
            wider = np_left(tokens, k, verbs)
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
        start = np_left(tokens, end, verbs)
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
