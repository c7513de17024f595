"""Pass 2, reporting frames: in each sentence, the reporting verbs and phrases outside quotations that
form a report of speech (frame before, after or around the content, inversion, "according to", headline
forms), each with its speaker phrase, verb and content spans."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from framing.annotation.voices.attitudes import AttitudeFrames
from framing.annotation.voices.common import (
    _LOWER_WORD,
    ADDRESSEE_VERBS,
    ANIMATE_NOUNS,
    BETWEEN_SUBJECT_AND_VERB,
    CLAUSE_END,
    CLOSING_CONSTRUCTIONS,
    COMPLEMENTIZERS,
    DETERMINERS,
    FINITE_MARKERS,
    OTHER_PRONOUNS,
    PASSIVE_BEFORE,
    PERSON_PRONOUNS,
    PREPOSITIONS,
    QUOTE_MARKS,
    SOURCE_NOUNS,
    SUBORDINATORS,
    TIME_WORDS,
    VIEW_WORDS,
    Frame,
    ReportingVerb,
    SentenceView,
    is_cap,
    is_word,
)
from framing.annotation.voices.phrases import (
    frame_over,
    in_name,
    infinitive_at,
    looks_like_clause,
    np_right,
    skip_between,
)
from framing.annotation.voices.subjects import SpeakerPhrases
from framing.reading.lexicon import Match, PhraseMatcher
from framing.types import Token


class FrameFinder(AttitudeFrames, SpeakerPhrases):
    """The reporting frames of a sentence (see the module docstring)."""

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

    def _passive(
        self, s: SentenceView, first: int, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> Frame | None:
        """``as reported by X`` / ``..., was announced by X``: the speaker is the by-agent."""
        tokens = s.tokens
        if last >= len(tokens) - 1 or tokens[last].lower != "by":
            return None
        end = np_right(tokens, last + 1, verbs)
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
        return frame_over(s, first, last, verb, construction, speaker, content, groups)

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
        end = np_right(tokens, comma + 1, verbs)
        if end == comma + 1 or end - comma > 9:
            return None
        content, groups = self._content_after(s, last)
        return frame_over(s, first, last, verb, "fronted", (comma + 1, end - 1), content, groups)

    def _left_boundary(self, s: SentenceView, first: int) -> int:
        """Index of the comma or closing quotation mark right before the verb or its subject, or -1."""
        tokens = s.tokens
        i = skip_between(tokens, first - 1)
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
            k = max(np_right(tokens, k, verbs), k + 1)
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
        end = np_right(tokens, last, verbs)
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
        return frame_over(s, first, last, verb, "inverted", (last, end - 1), content, groups)

    def _has_words(self, s: SentenceView, content: list[tuple[int, int]]) -> bool:
        tokens = s.tokens
        for a, b in content:
            k = bisect_left(s.starts, a)
            while k < len(tokens) and tokens[k].start < b:
                if is_word(tokens[k]):
                    return True
                k += 1
        return False

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
            k = max(np_right(tokens, k, verbs), k + 1) if tokens[k].lower not in DETERMINERS | {"to"} else k
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
            and infinitive_at(tokens, k)
            and self._animate(s, *subject)
        ):
            return self._make(s, first, last, verb, "preposed", subject, k)
        if looks_like_clause(tokens, k, verbs, bare=verb.unmarked):
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
        return frame_over(s, first, last, verb, construction, subject, content, groups)

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
                or looks_like_clause(tokens, k, verbs, bare=verb.unmarked)
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
            or in_name(tokens, subject_end)
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
        end = np_right(tokens, last, verbs)
        # "according to a statement by the ministry": keep the by-phrase with the source
        while end + 1 < len(tokens) and tokens[end].lower == "by":
            more = np_right(tokens, end + 1, verbs)
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
        return frame_over(s, first, last, verb, "according", (last, end - 1), content, groups)

    def _citing(
        self, s: SentenceView, first: int, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> Frame | None:
        """``..., citing Israeli officials``: the cited source speaks the clause before."""
        tokens = s.tokens
        if first == 0 or tokens[first - 1].text != ",":
            return None
        end = np_right(tokens, last, verbs)
        if end == last:
            return None
        content, groups = self._content_before(s, first - 1)
        return frame_over(s, first, last, verb, "citing", (last, end - 1), content, groups)

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
