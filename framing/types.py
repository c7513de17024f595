"""The typed records that flow through the pipeline: articles, sentences, cues and skipped inputs.

Articles and cues are frozen; a sentence is a small mutable record because each annotator adds its
columns to it in turn. Offsets are always character offsets into ``Article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple


@dataclass(frozen=True)
class Article:
    """One news article after reading: metadata plus the analysed text.

    ``text`` is the headline block (title and standfirst, one paragraph each) followed by the body,
    paragraphs separated by blank lines; ``body_start`` is where the body begins in ``text``.
    """

    article_id: str
    text: str
    body_start: int
    title: str = ""
    subtitle: str = ""
    outlet: str = ""
    published: str = ""  # ISO date YYYY-MM-DD, empty when unknown
    published_at: str = ""  # ISO date-time when the source gives a time
    modified_at: str = ""
    author: str = ""
    section: str = ""
    dateline: str = ""
    url: str = ""
    source: str = ""  # file path, with "#row=N" for rows of tabular files
    language: str = "en"
    warnings: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()  # user metadata columns (name, value), e.g. country

    @property
    def body(self) -> str:
        return self.text[self.body_start :]


@dataclass(frozen=True)
class Skipped:
    """An input item that could not be analysed, and why."""

    source: str
    item: str  # row or line number inside the file, empty for whole files
    reason: str


class Token(NamedTuple):
    """A word or symbol with its offsets into the article text (a tuple: millions are made)."""

    text: str
    lower: str  # normalised: lower case, straight quotes
    start: int
    end: int


@dataclass(frozen=True)
class Cue:
    """One piece of evidence: the words that triggered a finding, with offsets into the article text."""

    article_id: str
    sentence_id: str
    dimension: str  # attribution, actor, blame, agency, hedge, booster, evaluative, ...
    category: str
    text: str
    start: int
    end: int
    term: str = ""  # the lexicon entry that matched
    weight: float = 1.0
    polarity: str = ""  # negative / positive / neutral for evaluative cues
    source_actor: str = ""
    target_actor: str = ""
    voice: str = "author"  # author / direct / indirect / mixed
    detail: str = ""


@dataclass
class Sentence:
    """A sentence of an article; annotators add their columns to ``values``."""

    article_id: str
    sentence_id: str
    position: int
    paragraph: int
    start: int
    end: int
    text: str
    is_headline: bool
    tokens: list[Token] = field(default_factory=list, repr=False)
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SpeechSpan:
    """A stretch of the text that is someone else's words (a quotation or reported content)."""

    start: int
    end: int
    voice: str  # direct / indirect
    speaker: str = ""
    speaker_actor: str = ""


@dataclass
class Doc:
    """An article being annotated: its sentences, the cues found so far, and the speech spans."""

    article: Article
    sentences: list[Sentence]
    cues: list[Cue] = field(default_factory=list)
    speech: list[SpeechSpan] = field(default_factory=list)
    actor_mentions: list[Any] = field(default_factory=list)

    def voice_at(self, start: int, end: int | None = None) -> SpeechSpan | None:
        """The speech span covering ``start`` (and ``end``), or None when the words are the author's."""
        end = start if end is None else end
        for span in self.speech:
            if span.start <= start and end <= span.end:
                return span
        return None
