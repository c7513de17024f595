"""Speaker resolution: a frame's speaker phrase resolved to an actor (names, titles, "the ministry", he /
she / they after a named speaker, pairs such as "the two countries"), within the article."""

from __future__ import annotations

from collections.abc import Sequence

from framing.annotation.actors import ActorMention
from framing.annotation.voices.common import (
    ANIMATE_NOUNS,
    DETERMINERS,
    NP_PREPOSITIONS,
    OTHER_PRONOUNS,
    PAIR_WORDS,
    PEOPLE_HEADS,
    PERSON_PRONOUNS,
    POSSESSIVE_PRONOUNS,
    QUANTIFIER_SPEAKERS,
    UNRESOLVED,
    Frame,
    is_cap,
    is_word,
)
from framing.types import Token


# --- speaker resolution ----------------------------------------------------------------------------
class SpeakerResolver:
    """Maps speaker phrases to canonical actors, resolving pronouns and definite references to the most
    recent compatible speaker of the article."""

    def __init__(self, text: str):
        self.text = text
        self.lowered = text.lower()
        self.history: list[Frame] = []  # resolved frames, in reading order
        self.mentions: list[ActorMention] = []  # actor mentions seen so far, in reading order
        self.all_mentions: list[ActorMention] = []  # every actor mention of the article
        self.headlines: set[int] = set()  # indices of headline sentences

    def _mentions_in(self, start: int, end: int) -> list[ActorMention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def resolve(self, frame: Frame, sentence_tokens: Sequence[Token]) -> None:
        if frame.speaker_start < 0:
            return
        phrase = self.text[frame.speaker_start : frame.speaker_end]
        words = [t for t in sentence_tokens if frame.speaker_start <= t.start and t.end <= frame.speaker_end]
        lowered = [t.lower for t in words if is_word(t)]
        frame.speaker = phrase
        frame.context_words = frozenset(lowered) | self._frame_context(frame, sentence_tokens)
        if lowered == ["who"] and frame.hint is not None:
            # "an Ardenian diplomat, who asked not to be named": the antecedent's actor
            hinted = [t for t in sentence_tokens if frame.hint[0] <= t.start and t.end <= frame.hint[1]]
            if hinted:
                words = hinted
                lowered = [t.lower for t in words if is_word(t)]
        if len(lowered) == 1 and lowered[0] in POSSESSIVE_PRONOUNS:
            lowered = [POSSESSIVE_PRONOUNS[lowered[0]]]  # "in his view": the holder is "he"
        if len(lowered) == 1 and lowered[0] in PERSON_PRONOUNS:
            antecedent = self._last(lambda f: f.speaker_is_person)
            if antecedent is not None:
                frame.speaker_actor = antecedent.speaker_actor
            else:
                person = next(
                    (
                        m
                        for m in reversed(self.mentions)
                        if m.type == "person" and m.start < frame.speaker_start
                    ),
                    None,
                )
                frame.speaker_actor = person.actor if person else UNRESOLVED
            frame.speaker_is_person = True
            return
        if len(lowered) == 1 and lowered[0] in QUANTIFIER_SPEAKERS:
            frame.speaker_actor = UNRESOLVED  # "Several told the paper ...": people not named
            return
        if len(lowered) == 1 and lowered[0] in OTHER_PRONOUNS | {"who"}:
            antecedent = self._last(lambda f: not f.speaker_is_person) or self._last(lambda f: True)
            if antecedent is not None:
                frame.speaker_actor = antecedent.speaker_actor
            else:
                mention = next((m for m in reversed(self.mentions) if m.start < frame.speaker_start), None)
                frame.speaker_actor = mention.actor if mention else UNRESOLVED
            return
        mentions = self._mentions_in(frame.speaker_start, frame.speaker_end)
        if frame.hint is not None:
            mentions = mentions or self._mentions_in(*frame.hint)
        if mentions:
            head = max(mentions, key=lambda m: (m.end, m.end - m.start))
            frame.speaker_actor = (
                self._coordinated(mentions, words)
                or self._affiliation(head, mentions, frame, sentence_tokens)
                or head.actor
            )
            frame.speaker_is_person = head.type == "person" or (
                is_cap(words[-1]) and head.end < words[-1].end and lowered[0] not in DETERMINERS
            )
            return
        pair = self._pair(lowered)
        if pair:
            frame.speaker_actor = pair
            return
        described = self._described(words, frame.speaker_start, frame.sentence in self.headlines)
        if described:
            frame.speaker_actor = described
            return
        if (
            lowered
            and lowered[0] in DETERMINERS
            and lowered[0] not in {"a", "an"}
            and not any(is_cap(t) for t in words)
        ):
            # a short definite reference: "the ministry", "the statement", "the two countries"
            nouns = set(lowered[1:])
            # an earlier sentence's frame: a frame of this sentence has the reference itself around it
            antecedent = self._last(lambda f: f.sentence != frame.sentence and bool(nouns & f.context_words))
            if antecedent is not None and antecedent.speaker_actor:
                frame.speaker_actor = antecedent.speaker_actor
                return
            head = lowered[-1]
            for position in self._earlier_positions(head, frame.speaker_start):
                near = [m for m in self.mentions if m.end <= position + len(head) and position - m.start < 60]
                if near:
                    frame.speaker_actor = near[-1].actor
                    return
        frame.speaker_actor = self._readable(words)
        if frame.hint is not None and lowered != ["who"]:
            # "Dr. Ilse Varga, director of the Tamsin Clinic, said": the organisation in the appositive
            hinted = [t for t in sentence_tokens if frame.hint[0] <= t.start and t.end <= frame.hint[1]]
            for k, token in enumerate(hinted[1:-1], start=1):
                if (
                    token.lower in NP_PREPOSITIONS
                    and hinted[k - 1].lower in ANIMATE_NOUNS | {"head", "chief"}
                    and any(is_cap(t) for t in hinted[k + 1 :])
                ):
                    frame.speaker_actor = self._readable(hinted[k - 1 :])
                    break
        frame.speaker_is_person = any(is_cap(t) for t in words) and (
            not lowered or lowered[0] not in DETERMINERS
        )

    def _affiliation(
        self, head: ActorMention, mentions: Sequence[ActorMention], frame: Frame, tokens: Sequence[Token]
    ) -> str:
        """A person no actor set groups, speaking for the organisation in the title or the appositive:
        "Acme Relief spokeswoman Mara Quint" / "Mara Quint, director of Acme Relief," -> Acme Relief."""
        if head.type != "person" or head.how == "alias" or head.actor != head.name:
            return ""
        organisations = {"person", "state"}
        before = [m for m in mentions if m.end <= head.start and m.type not in organisations]
        if before:
            between = [t for t in tokens if before[-1].end <= t.start and t.end <= head.start]
            if between and all(t.text[:1].isalpha() and t.lower not in {"and", "or"} for t in between):
                return before[-1].actor
        lead = [t for t in tokens if frame.speaker_start <= t.start and t.end <= head.start and is_word(t)]
        if lead and is_cap(lead[0]) and not before:
            run = []
            for token in lead:
                if not is_cap(token):
                    break
                run.append(token)
            named = [m for m in mentions if m.start < run[-1].end and run[0].start < m.end]
            if len(run) < len(lead) and not named and lead[0].lower not in DETERMINERS:
                return self.text[run[0].start : run[-1].end]  # a name the finder missed before a role
        if frame.hint is not None:
            for mention in self.mentions:
                if not (frame.hint[0] <= mention.start and mention.end <= frame.hint[1]):
                    continue
                if mention.type in organisations:
                    continue
                lead = [t for t in tokens if frame.hint[0] <= t.start and t.end <= mention.start]
                while lead and lead[-1].lower in DETERMINERS:
                    lead = lead[:-1]
                if (
                    len(lead) >= 2
                    and lead[-1].lower in NP_PREPOSITIONS
                    and lead[-2].lower in ANIMATE_NOUNS | {"head", "chief"}
                ):
                    return mention.actor
        return ""

    def _pair(self, lowered: Sequence[str]) -> str:
        """``the two countries`` / ``both sides`` / ``the two diplomats``: the two most recent distinct
        speakers of the article, joined with ";" in the order they spoke; "" when there are fewer."""
        words = list(lowered[1:] if lowered and lowered[0] == "the" else lowered)
        if len(words) != 2 or words[0] not in PAIR_WORDS or not words[1].endswith("s"):
            return ""
        actors: list[str] = []
        for earlier in reversed(self.history):
            for actor in earlier.speaker_actor.split(";"):
                if actor and actor != UNRESOLVED and actor not in actors:
                    actors.append(actor)
            if len(actors) >= 2:
                break
        if len(actors) < 2 and words[1] in {"countries", "states", "governments", "nations"}:
            # no two speakers yet: the two states (or governments) the article named last
            actors = []
            for mention in reversed(self.mentions):
                if mention.type in {"state", "government"} and mention.actor not in actors:
                    actors.append(mention.actor)
                if len(actors) >= 2:
                    break
        return ";".join(reversed(actors[:2])) if len(actors) >= 2 else ""

    def _described(self, words: Sequence[Token], before: int, headline: bool) -> str:
        """``the office``, ``the health office``, ``an official of the office`` (headline ``health office
        says``): the actor of the most recent mention whose actor or words contain the head noun (for a
        headline, which comes first, the first mention after it)."""
        if any(is_cap(t) and t.lower not in DETERMINERS for t in words):
            return ""
        lowered = [t.lower for t in words if is_word(t)]
        if "of" in lowered[1:]:
            lowered = lowered[lowered.index("of") + 1 :]  # "an official of the office": the office
        if not lowered:
            return ""
        if lowered[0] in DETERMINERS:
            if lowered[0] in {"a", "an"} or len(lowered) == 1:
                return ""
        elif not headline:
            return ""
        head = lowered[-1]
        if head not in ANIMATE_NOUNS or head in PEOPLE_HEADS:
            return ""
        if lowered[0] in POSSESSIVE_PRONOUNS and len(lowered) == 2:
            # "Her agency estimates ...": the organisation of the person (or group) referred to
            person = POSSESSIVE_PRONOUNS[lowered[0]] in PERSON_PRONOUNS
            antecedent = self._last(lambda f: f.speaker_is_person == person)
            return antecedent.speaker_actor if antecedent else ""

        def contains(m: ActorMention) -> bool:
            mention = self.text[m.start : m.end].lower().split()
            return head in mention or head in m.actor.lower().split()

        earlier = [m for m in self.mentions if m.end <= before and contains(m)]
        if earlier:
            return earlier[-1].actor
        spoke = self._last(lambda f: head in f.speaker_actor.lower().split())
        if spoke is not None:
            return spoke.speaker_actor
        if headline:
            later = [m for m in self.all_mentions if m.start >= before and contains(m)]
            if later:
                return later[0].actor
        return ""

    @staticmethod
    def _coordinated(mentions: Sequence[ActorMention], words: Sequence[Token]) -> str:
        """``Hamas and Iran``: the actors of a coordinated subject joined with ";" in reading order, or ""
        when the phrase names one actor ("the Palestinian group Hamas", "Hamas spokesman")."""
        if len(mentions) < 2:
            return ""
        ands = [t.start for t in words if t.lower in {"and", "&"} or t.text == ","]
        ordered = sorted(mentions, key=lambda m: m.start)
        actors = [ordered[0].actor]
        for previous, mention in zip(ordered, ordered[1:], strict=False):
            if not any(previous.end <= a < mention.start for a in ands):
                actors[-1] = mention.actor  # "Hamas spokesman X": one speaker, the later head actor
                continue
            actors.append(mention.actor)
        unique = list(dict.fromkeys(actors))
        return ";".join(unique) if len(unique) > 1 else ""

    def _frame_context(self, frame: Frame, tokens: Sequence[Token]) -> frozenset[str]:
        """Lower-case nouns around the frame outside its content ("said in a statement", "In a joint
        statement, ..."), so "the statement" can later find this speaker."""
        out = set()
        for token in tokens:
            inside = any(a <= token.start < b for a, b in frame.content)
            if not inside and is_word(token) and not is_cap(token) and token.lower not in DETERMINERS:
                out.add(token.lower)
        return frozenset(out)

    def _earlier_positions(self, word: str, before: int) -> list[int]:
        positions = []
        low = self.lowered
        at = low.rfind(word, 0, before)
        while at >= 0 and len(positions) < 5:
            positions.append(at)
            at = low.rfind(word, 0, at)
        return positions

    def _last(self, accept) -> Frame | None:
        for frame in reversed(self.history):
            if frame.speaker_actor and accept(frame):
                return frame
        return None

    def _readable(self, words: Sequence[Token]) -> str:
        """A speaker not in the actor files: the organisation in the title ("Acme spokesman Jo Bloggs" ->
        Acme, "a spokesman for the Acme Group" -> Acme Group), else the name without determiners."""
        for k, token in enumerate(words):
            if token.lower in NP_PREPOSITIONS and any(is_cap(t) for t in words[k + 1 :]):
                rest = [t for t in words[k + 1 :] if is_cap(t)]
                return self.text[rest[0].start : rest[-1].end]
        # capitalised runs separated by a lower-case word: the first run is the organisation in a title
        runs: list[list[Token]] = []
        broken = True
        for token in words:
            if is_cap(token) or (not is_word(token) and not broken):
                if broken:
                    runs.append([])
                runs[-1].append(token)
                broken = False
            elif is_word(token):
                broken = True
        if len(runs) >= 2 and words and is_cap(words[0]):
            first = [t for t in runs[0] if is_word(t)]
            return self.text[first[0].start : first[-1].end]
        while words and words[0].lower in DETERMINERS:
            words = words[1:]
        return self.text[words[0].start : words[-1].end] if words else ""
