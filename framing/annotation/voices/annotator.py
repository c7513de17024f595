"""Pass 3, voices: the annotator that runs quotations, frames and speaker resolution over an article and
gives every sentence its voice (author, direct, indirect, mixed), speaker and reporting verb, with
cues and speech spans."""

from __future__ import annotations

from collections.abc import Sequence

from framing.annotation.actors import ActorIndex
from framing.annotation.voices.common import (
    _WORD,
    QUOTE_MARKS,
    Frame,
    Quote,
    SentenceView,
    actor_index,
    is_word,
    reporting_verbs,
)
from framing.annotation.voices.frames import FrameFinder
from framing.annotation.voices.quotations import find_quotes
from framing.annotation.voices.speakers import SpeakerResolver
from framing.config import AnalysisConfig
from framing.reading.lexicon import PhraseMatcher
from framing.schema import Column
from framing.types import Cue, Doc, SpeechSpan


# --- the annotator ---------------------------------------------------------------------------------
class AttributionAnnotator:
    name = "attribution"
    columns = (
        Column(
            "voice",
            "str",
            "author",
            "author / direct (quoted) / indirect (reported) / mixed (paraphrase with a quoted fragment)",
        ),
        Column("speaker", "str", "", "the words naming the source, as written (pronouns as written)"),
        Column("speaker_actor", "str", "", "the source's actor (discovered in the text, or grouped by an applied actor set), or the name itself"),
        Column(
            "reporting_verb",
            "str",
            "",
            "lemma of the reporting verb or phrase (say, tell, accord for 'according to')",
        ),
        Column(
            "verb_stance",
            "str",
            "",
            "stance of the reporting verb: neutral / distancing / endorsing / loaded",
        ),
        Column(
            "speaker_start", "int", -1, "offset of the speaker's words in the article text (-1 when none)"
        ),
        Column("speaker_end", "int", -1, "end offset of the speaker's words (-1 when none)"),
    )

    def __init__(self, matcher: PhraseMatcher, index: ActorIndex):
        self.matcher = matcher
        self.index = index

    def __call__(self, doc: Doc) -> None:
        text = self.text = doc.article.text
        quotes = find_quotes(text)
        views = [SentenceView(i, s, quotes) for i, s in enumerate(doc.sentences)]
        finder = FrameFinder(self.matcher, text)
        resolver = SpeakerResolver(text)
        frames_by_sentence: list[list[Frame]] = []
        # the actors the mentions annotator found (discovered, grouped by any actor set)
        by_sentence: dict[str, list] = {}
        for sentence_id, mention in doc.actor_mentions:
            by_sentence.setdefault(sentence_id, []).append(mention)
        found = [by_sentence.get(view.sentence.sentence_id, []) for view in views]
        resolver.all_mentions = [m for mentions in found for m in mentions]
        resolver.headlines = {view.index for view in views if view.sentence.is_headline}
        for view, mentions in zip(views, found, strict=True):
            resolver.mentions.extend(mentions)
            actor_tokens = frozenset(k for m in mentions for k in range(m.first_token, m.last_token))
            frames = finder.find(view, actor_tokens)
            main = next((f for f in frames if not f.inherited), None)
            if main is not None:
                resolver.resolve(main, view.tokens)
            for frame in frames:
                if frame is main:
                    pass
                elif frame.inherited and main is not None:
                    # a participle or coordinated verb shares the main clause's speaker
                    frame.speaker_start, frame.speaker_end = main.speaker_start, main.speaker_end
                    frame.speaker, frame.speaker_actor = main.speaker, main.speaker_actor
                    frame.speaker_is_person = main.speaker_is_person
                else:
                    resolver.resolve(frame, view.tokens)
                if frame.speaker:
                    resolver.history.append(frame)
            frames_by_sentence.append(frames)
        group_frame = self._quote_speakers(frames_by_sentence, quotes, views)
        for view, frames in zip(views, frames_by_sentence, strict=True):
            self._annotate_sentence(doc, view, frames, group_frame)
        self._speech_spans(doc, frames_by_sentence, quotes, group_frame)

    @staticmethod
    def _primary(frames: Sequence[Frame]) -> Frame | None:
        """The frame that speaks for the sentence: 'according to' at either end scopes over the whole
        sentence; a frame placed after its content ('..., the statement said') over the frames inside that content;
        otherwise the first frame with a speaker (outer frames come first in English)."""
        with_speaker = [f for f in frames if f.speaker]
        for frame in with_speaker:
            if frame.construction == "according" and len(frame.content) == 1:
                return frame
        # a frame after its content reports the frames inside it: "They discussed X, the statement said."
        for frame in with_speaker:
            if frame.construction in {"postposed", "inverted"} and any(
                g is not frame and any(a <= g.cue_start < b for a, b in frame.content) for g in with_speaker
            ):
                return frame
        return with_speaker[0] if with_speaker else (frames[0] if frames else None)

    def _quote_speakers(
        self, frames_by_sentence: list[list[Frame]], quotes: Sequence[Quote], views: Sequence[SentenceView]
    ) -> dict[int, Frame]:
        """Each quotation group's frame: the frame whose content holds it; an unframed quotation takes the
        frame of the quotation or sentence just before it in the same or the previous paragraph."""
        group_frame: dict[int, Frame] = {}
        for frames in frames_by_sentence:
            for frame in frames:
                for group in frame.quote_groups:
                    group_frame.setdefault(group, frame)
        groups = sorted({q.group for q in quotes}, key=lambda g: min(q.start for q in quotes if q.group == g))
        paragraph_of = {}
        for view in views:
            for quote in view.quotes:
                paragraph_of.setdefault(quote.group, view.sentence.paragraph)
        last_frame: Frame | None = None
        last_paragraph = -1
        for group in groups:
            if group in group_frame:
                last_frame, last_paragraph = group_frame[group], paragraph_of.get(group, -1)
                continue
            words = self._quote_words(group, quotes, self.text)
            if words < 4:
                continue  # a scare quote, unless a frame claims it
            paragraph = paragraph_of.get(group, -1)
            candidate = self._frame_before(frames_by_sentence, views, group, quotes)
            if candidate is not None and paragraph - views[candidate.sentence].sentence.paragraph <= 1:
                group_frame[group] = candidate
            elif last_frame is not None and paragraph - last_paragraph <= 1:
                group_frame[group] = last_frame
        return group_frame

    @staticmethod
    def _quote_words(group: int, quotes: Sequence[Quote], text: str) -> int:
        return sum(len(_WORD.findall(text, q.start, q.end)) for q in quotes if q.group == group)

    @staticmethod
    def _frame_before(frames_by_sentence, views, group, quotes) -> Frame | None:
        start = min(q.start for q in quotes if q.group == group)
        for view in reversed(views):
            if view.sentence.start >= start:
                continue
            frames = [f for f in frames_by_sentence[view.index] if f.speaker]
            return frames[-1] if frames else None
        return None

    def _annotate_sentence(
        self, doc: Doc, view: SentenceView, frames: list[Frame], group_frame: dict[int, Frame]
    ) -> None:
        sentence = view.sentence
        tokens = view.tokens
        words = [k for k, t in enumerate(tokens) if is_word(t)]
        voice, frame = "author", None
        primary = self._primary(frames)
        if primary is not None:
            frame = primary
            in_content = [k for k in words if any(a <= tokens[k].start < b for a, b in frame.content)]
            quoted = [
                k
                for k in in_content
                if view.quoted[k] and view.quote_of(tokens[k]).group in frame.quote_groups | set(group_frame)
            ]
            quoted_any = [k for k in in_content if view.quoted[k]]
            if (
                in_content
                and len(quoted_any) >= 0.8 * len(in_content)
                and self._content_opens_with_quote(view, frame)
            ):
                voice = "direct"
            elif quoted or quoted_any:
                voice = "mixed"
            else:
                voice = "indirect"
        else:
            carried = [group_frame[q.group] for q in view.quotes if q.group in group_frame]
            if carried:
                frame = carried[0]
                quoted = sum(1 for k in words if view.quoted[k])
                voice = "direct" if quoted >= 0.5 * len(words) else "mixed"
            else:
                long_quotes = [
                    q for q in view.quotes if self._quote_words(q.group, view.quotes, self.text) >= 4
                ]
                quoted = sum(1 for k in words if view.quoted[k])
                if long_quotes and words and quoted >= 0.5 * len(words):
                    voice = "direct"  # a quotation whose speaker the article does not name
        values = sentence.values
        values["voice"] = voice
        values["speaker"] = frame.speaker if frame and voice != "author" else ""
        values["speaker_actor"] = frame.speaker_actor if frame and voice != "author" else ""
        values["reporting_verb"] = (
            frame.verb.lemma.split()[0] if frame and voice != "author" and frame.verb.lemma else ""
        )
        if frame and frame.verb.lemma == "according to":
            values["reporting_verb"] = "accord"
        values["verb_stance"] = frame.verb.stance if frame and voice != "author" else ""
        has_span = frame is not None and voice != "author" and frame.speaker_start >= 0
        values["speaker_start"] = frame.speaker_start if has_span else -1
        values["speaker_end"] = frame.speaker_end if has_span else -1
        for own in frames:
            self._cues(doc, view, own, voice if own is primary else ("indirect" if own.speaker else voice))
        if primary is None and frame is not None and voice != "author":
            self._content_cue(doc, view, frame, voice)

    @staticmethod
    def _content_opens_with_quote(view: SentenceView, frame: Frame) -> bool:
        for a, b in frame.content:
            inside = [k for k, t in enumerate(view.tokens) if a <= t.start < b and t.text not in {":", ","}]
            if inside:
                return view.tokens[inside[0]].text in QUOTE_MARKS or view.quoted[inside[0]]
        return False

    def _cues(self, doc: Doc, view: SentenceView, frame: Frame, voice: str) -> None:
        sentence = view.sentence
        text = doc.article.text
        common = dict(
            article_id=sentence.article_id,
            sentence_id=sentence.sentence_id,
            dimension="attribution",
            source_actor=frame.speaker_actor,
            voice=voice,
        )
        if (
            frame.speaker_start >= 0
            and sentence.start <= frame.speaker_start < sentence.end
            and not any(  # a second frame of the same speaker ("X said ... and discussed ...")
                c.category == "speaker" and c.start == frame.speaker_start and c.end == frame.speaker_end
                for c in doc.cues[-12:]
            )
        ):
            doc.cues.append(
                Cue(
                    category="speaker",
                    text=text[frame.speaker_start : frame.speaker_end],
                    start=frame.speaker_start,
                    end=frame.speaker_end,
                    term=frame.speaker_actor,
                    detail=frame.construction,
                    **common,
                )
            )
        doc.cues.append(
            Cue(
                category="cue",
                text=text[frame.cue_start : frame.cue_end],
                start=frame.cue_start,
                end=frame.cue_end,
                term=frame.verb.lemma,
                detail=f"{frame.verb.stance} {frame.verb.kind} {frame.construction}".strip(),
                **common,
            )
        )
        self._content_cue(doc, view, frame, voice)

    @staticmethod
    def _content_cue(doc: Doc, view: SentenceView, frame: Frame, voice: str) -> None:
        sentence = view.sentence
        for a, b in frame.content:
            start, end = max(a, sentence.start), min(b, sentence.end)
            if start < end:
                doc.cues.append(
                    Cue(
                        article_id=sentence.article_id,
                        sentence_id=sentence.sentence_id,
                        dimension="attribution",
                        category="content",
                        text=doc.article.text[start:end],
                        start=start,
                        end=end,
                        term=frame.verb.lemma,
                        source_actor=frame.speaker_actor,
                        voice=voice,
                        detail=frame.construction,
                    )
                )

    @staticmethod
    def _speech_spans(
        doc: Doc, frames_by_sentence, quotes: Sequence[Quote], group_frame: dict[int, Frame]
    ) -> None:
        direct: list[SpeechSpan] = []
        indirect: list[SpeechSpan] = []
        claimed: set[int] = set()
        for quote in quotes:
            frame = group_frame.get(quote.group)
            if frame is None:
                continue
            claimed.add(quote.group)
            direct.append(SpeechSpan(quote.start, quote.end, "direct", frame.speaker, frame.speaker_actor))
        for frames in frames_by_sentence:
            for frame in frames:
                for a, b in frame.content:
                    indirect.append(SpeechSpan(a, b, "indirect", frame.speaker, frame.speaker_actor))
        doc.speech.extend(sorted(direct, key=lambda s: s.start) + sorted(indirect, key=lambda s: s.start))


def build(config: AnalysisConfig) -> AttributionAnnotator:
    return AttributionAnnotator(reporting_verbs(config.lexicon_dir), actor_index(config))
