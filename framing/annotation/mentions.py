"""Actor mentions: every name, title, demonym or metonym from the actor files, as ``actor`` cues."""

from __future__ import annotations

from functools import lru_cache

from framing.annotation.actors import ActorIndex
from framing.config import AnalysisConfig
from framing.schema import Column
from framing.types import Cue, Doc


@lru_cache(maxsize=4)
def actor_index(config: AnalysisConfig) -> ActorIndex:
    return ActorIndex.from_files(config.actor_paths)


class MentionAnnotator:
    name = "mentions"
    columns = (Column("actors", "str", "", "canonical actors mentioned in the sentence, ';'-separated"),)

    def __init__(self, index: ActorIndex):
        self.index = index

    def __call__(self, doc: Doc) -> None:
        text = doc.article.text
        for sentence in doc.sentences:
            found = []
            for mention in self.index.find(sentence.tokens):
                doc.actor_mentions.append((sentence.sentence_id, mention))
                doc.cues.append(
                    Cue(
                        article_id=sentence.article_id,
                        sentence_id=sentence.sentence_id,
                        dimension="actor",
                        category=mention.type,
                        text=text[mention.start : mention.end],
                        start=mention.start,
                        end=mention.end,
                        term=text[mention.start : mention.end],
                        target_actor=mention.actor,
                        voice="author",
                    )
                )
                if mention.actor not in found:
                    found.append(mention.actor)
            sentence.values["actors"] = ";".join(found)


def build(config: AnalysisConfig) -> MentionAnnotator:
    return MentionAnnotator(actor_index(config))
