"""Sentence segmentation with offsets: NLTK's Punkt algorithm with parameters shipped as data
(``lexicons/abbreviations.tsv``), so nothing is downloaded at run time.

Paragraphs are the blank-line-separated blocks of ``Article.text``; sentences never cross them.
Headline paragraphs (title and standfirst) are one sentence each, flagged ``is_headline``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from framing.reading.lexicon import read_lexicon
from framing.reading.tokens import tokenize
from framing.types import Article, Sentence

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")


@lru_cache(maxsize=8)
def punkt(user_dir: Path | None = None) -> PunktSentenceTokenizer:
    """A Punkt tokenizer whose abbreviations come from the shipped (and user) abbreviation list."""
    params = PunktParameters()
    rows = read_lexicon("abbreviations.tsv", user_dir, required=("term",), optional=("note",))
    params.abbrev_types = {row["term"].lower().rstrip(".") for row in rows}
    return PunktSentenceTokenizer(params)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, tokenizer: PunktSentenceTokenizer | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph of running text."""
    tokenizer = tokenizer or punkt()
    spans = []
    for start, end in tokenizer.span_tokenize(text):
        start, end = _trim(text, start, end)
        if start >= end:
            continue
        # Punkt sometimes splits before a lower-case continuation ("... U.S. officials said"): rejoin
        if spans and text[start].islower():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def segment(article: Article, tokenizer: PunktSentenceTokenizer | None = None) -> list[Sentence]:
    """The sentences of an article, with tokens, in reading order."""
    tokenizer = tokenizer or punkt()
    text = article.text
    sentences: list[Sentence] = []
    for index, (p_start, p_end) in enumerate(paragraphs(text)):
        headline = p_start < article.body_start
        if headline:
            spans = [_trim(text, p_start, p_end)]
        else:
            spans = [(p_start + s, p_start + e) for s, e in split_sentences(text[p_start:p_end], tokenizer)]
        for start, end in spans:
            if start >= end:
                continue
            position = len(sentences)
            sentence_text = text[start:end]
            sentences.append(
                Sentence(
                    article_id=article.article_id,
                    sentence_id=f"{article.article_id}-{position:04d}",
                    position=position,
                    paragraph=index,
                    start=start,
                    end=end,
                    text=sentence_text,
                    is_headline=headline,
                    tokens=tokenize(sentence_text, start),
                )
            )
    return sentences
