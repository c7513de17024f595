"""Sentence segmentation with offsets: NLTK's Punkt algorithm with parameters shipped as data
(``lexicons/abbreviations.tsv``), so nothing is downloaded at run time.

Paragraphs are the blank-line-separated blocks of ``Article.text``; sentences never cross them.
Headline paragraphs (title and standfirst) are one sentence each, flagged ``is_headline``.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import types
from functools import lru_cache
from pathlib import Path

from framing.reading.lexicon import read_lexicon
from framing.reading.tokens import tokenize
from framing.types import Article, Sentence


def _punkt_module() -> types.ModuleType:
    """NLTK's ``punkt`` module, imported without running the ``nltk`` and ``nltk.tokenize`` package
    files: those import every part of NLTK (its scikit-learn classifier wrapper, ``scipy.stats`` for
    the collocation measures), about 2 CPU seconds of every run and every worker, for a module that
    needs none of it (0.1 s). Stand-in package modules (with the real search paths) are put in
    ``sys.modules`` while ``punkt`` and the few modules it imports load; then every ``nltk`` module
    loaded that way is taken out of ``sys.modules`` again, so a later ``import nltk`` elsewhere loads
    the real package as if this had not happened (its own copy of ``punkt``)."""
    if "nltk" in sys.modules:
        return importlib.import_module("nltk.tokenize.punkt")
    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        return importlib.import_module("nltk.tokenize.punkt")  # raises the usual ImportError
    root = Path(list(spec.submodule_search_locations)[0])
    before = set(sys.modules)
    for name, folder in (("nltk", root), ("nltk.tokenize", root / "tokenize")):
        module = types.ModuleType(name)
        module.__path__ = [str(folder)]
        sys.modules[name] = module
    try:
        return importlib.import_module("nltk.tokenize.punkt")
    finally:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]


_punkt = _punkt_module()
PunktParameters = _punkt.PunktParameters
PunktSentenceTokenizer = _punkt.PunktSentenceTokenizer

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
