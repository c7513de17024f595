"""Actor mentions: the actors discovered in each article (``framing.annotation.discovery``), grouped by
the actor sets that apply to it, as ``actor`` cues and the sentences' ``actors`` column.

Sets apply when the configuration names them (``--actors gaza`` or a file) and, unless detection is
off, when an article clearly matches a shipped set: at least half of its discovered named actors are
in the set and the set names at least three distinct actors of the article. A set applied that way
adds a warning to the article ("actor set 'gaza' applied: ..."), so the run says so.

When a set applies, a discovered name it knows becomes the set's actor ("Antony Blinken" -> US), a
name it does not know stays as discovered, aliases the name finder missed ("the top US diplomat",
lower-case "defence ministry") are added, and a place the set does not list is taken for a location.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from framing.annotation.actors import ActorIndex, ActorMention
from framing.annotation.discovery import ActorFinder, Found, mentions_of, type_lexicon
from framing.annotation.names import name_finder
from framing.config import AnalysisConfig
from framing.resources import actor_sets
from framing.schema import Column
from framing.types import Cue, Doc

MIN_SET_SHARE = 0.5  # of the article's discovered named actors the set must know
MIN_SET_ACTORS = 3  # distinct actors of the set the article must name


@dataclass(frozen=True)
class ActorSet:
    name: str
    path: Path
    index: ActorIndex


@lru_cache(maxsize=8)
def _load_set(path: Path) -> ActorIndex:
    return ActorIndex.from_files([path])


@lru_cache(maxsize=4)
def actor_index(config: AnalysisConfig) -> ActorIndex:
    """The actor sets the configuration names, as one index (empty when it names none)."""
    return ActorIndex.from_files(config.actor_paths)


class MentionAnnotator:
    name = "mentions"
    columns = (
        Column("actors", "str", "", "actors mentioned in the sentence (discovered, grouped by any actor set), ';'-separated"),
    )

    def __init__(self, finder: ActorFinder, explicit: ActorIndex | None, detectable: Sequence[ActorSet] = ()):
        self.finder = finder
        self.explicit = explicit if explicit is not None and len(explicit.matcher) else None
        self.detectable = tuple(detectable)

    # -- which sets apply ---------------------------------------------------------------------

    def detect(self, found: Sequence[Sequence[Found]]) -> list[tuple[ActorSet, str]]:
        """The shipped sets this article clearly matches, each with the reason."""
        entities = {}
        for mentions in found:
            for f in mentions:
                if f.how in {"name", "institution", "acronym", "surname"}:
                    entities.setdefault(id(f.entity), f.entity)
        if len(entities) < MIN_SET_ACTORS:
            return []
        out = []
        for actor_set in self.detectable:
            known = {}
            for entity in entities.values():
                hit = actor_set.index.lookup(entity.name, person=entity.kind == "PER")
                if hit is not None:
                    known[entity.name] = hit[0]
            actors = sorted(set(known.values()))
            if len(known) >= MIN_SET_SHARE * len(entities) and len(actors) >= MIN_SET_ACTORS:
                shown = ", ".join(actors[:6]) + (", ..." if len(actors) > 6 else "")
                out.append(
                    (
                        actor_set,
                        f"actor set '{actor_set.name}' applied ({actor_set.path.name}): it knows {len(known)} of the "
                        f"article's {len(entities)} named actors ({shown}); choose sets with --actors NAME|FILE, "
                        "or --actors none",
                    )
                )
        return out

    # -- the annotator ------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> None:
        text = doc.article.text
        found = self.finder.find(doc.sentences)
        indexes = [self.explicit] if self.explicit is not None else []
        detected = self.detect(found) if self.detectable else []
        if detected:
            indexes += [s.index for s, _ in detected]
            doc.article = replace(doc.article, warnings=doc.article.warnings + tuple(w for _, w in detected))
        for sentence, own in zip(doc.sentences, found, strict=True):
            mentions = self._grouped(own, sentence.tokens, text, indexes)
            seen = []
            for mention in mentions:
                doc.actor_mentions.append((sentence.sentence_id, mention))
                doc.cues.append(
                    Cue(
                        article_id=sentence.article_id,
                        sentence_id=sentence.sentence_id,
                        dimension="actor",
                        category=mention.type,
                        text=mention.text,
                        start=mention.start,
                        end=mention.end,
                        term=mention.name or mention.text,
                        target_actor=mention.actor,
                        voice="author",
                        detail=mention.how,
                    )
                )
                if mention.actor not in seen:
                    seen.append(mention.actor)
            sentence.values["actors"] = ";".join(seen)

    @staticmethod
    def _grouped(found: Sequence[Found], tokens, text: str, indexes: Sequence[ActorIndex]) -> list[ActorMention]:
        mentions = mentions_of(found, tokens, text)
        if not indexes:
            return mentions
        out = []
        for f, mention in zip(found, mentions, strict=True):
            person = f.entity.kind == "PER"
            hit = None
            for index in indexes:
                hit = index.lookup(mention.text, person=person) if f.how in {"name", "surname", "acronym"} else None
                hit = hit or index.lookup(f.entity.name, person=person)
                if hit is None and f.entity.type == "government":
                    # "Egyptian Foreign Ministry", "Israeli forces", "Netanyahu government": the institution
                    # of the state or leader the set knows
                    kinds = None if f.entity.kind == "INST" else frozenset({"state", "government"})
                    hit = index.leading(f.entity.name, kinds)
                if hit is not None:
                    break
            if hit is not None:
                out.append(replace(mention, actor=hit[0], type=hit[1]))
            elif f.entity.kind != "LOC":  # a place no applied set lists is a location
                out.append(mention)
        taken = [False] * len(tokens)
        for m in mentions:  # discovered words, even places dropped above, are not aliases again
            for k in range(m.first_token, m.last_token):
                taken[k] = True
        for index in indexes:
            for alias in index.find(tokens):
                if any(taken[k] for k in range(alias.first_token, alias.last_token)):
                    continue
                out.append(replace(alias, text=text[alias.start : alias.end], name=text[alias.start : alias.end]))
                for k in range(alias.first_token, alias.last_token):
                    taken[k] = True
        return sorted(out, key=lambda m: m.start)


def build(config: AnalysisConfig) -> MentionAnnotator:
    finder = ActorFinder(name_finder(), type_lexicon(config.lexicon_dir))
    explicit = actor_index(config)
    named = {Path(p).resolve() for p in config.actor_paths}
    detectable = []
    if config.detect_actor_sets:
        for set_name, path in actor_sets().items():
            if path.resolve() not in named:
                detectable.append(ActorSet(set_name, path, _load_set(path)))
    return MentionAnnotator(finder, explicit, detectable)
