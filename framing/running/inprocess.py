"""The whole flow in this process: read -> segment -> annotate -> tables. ``analyse`` runs it over
files, folders or exports and returns an ``Analysis`` (framing.storage.reports) holding the tables."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

from framing.config import AnalysisConfig
from framing.reading import read_paths
from framing.schema import ARTICLE_COLUMNS, CUE_COLUMNS, SKIPPED_COLUMNS, frame
from framing.storage.reports import Analysis
from framing.tables.actors import actor_table
from framing.tables.pipeline import (
    ANALYSIS_CHUNK,
    ArticleResult,
    analyse_article,
    analyse_articles,
    pipeline,
    sentence_columns,
)
from framing.types import Article, Skipped


def iter_results(
    paths: Iterable[str | Path], config: AnalysisConfig, *, progress: bool = False
) -> Iterator[ArticleResult | Skipped]:
    """Analyse articles as they are read, a chunk at a time (bounded memory)."""
    items = read_paths(paths, config.read_options)
    if progress:
        from tqdm import tqdm

        items = tqdm(items, desc="articles", unit="art", file=sys.stderr)
    waiting: list[Article] = []
    for item in items:
        if isinstance(item, Skipped):
            yield item
        else:
            waiting.append(item)
            if len(waiting) >= ANALYSIS_CHUNK:
                yield from analyse_articles(waiting, config)
                waiting = []
    yield from analyse_articles(waiting, config)


def assemble(results: Iterable[ArticleResult | Skipped], config: AnalysisConfig) -> Analysis:
    """Build the tables from per-article results."""
    articles, sentences, cues, skipped = [], [], [], []
    for result in results:
        if isinstance(result, Skipped):
            skipped.append(asdict(result))
        else:
            articles.append(result.article)
            sentences.extend(result.sentences)
            cues.extend(result.cues)
    base = {c.name for c in ARTICLE_COLUMNS}
    extra = sorted({k for row in articles for k in row} - base)
    articles_df = frame(articles, ARTICLE_COLUMNS, extra)
    sentences_df = frame(sentences, sentence_columns(pipeline(config)))
    cues_df = frame(cues, CUE_COLUMNS)
    return Analysis(
        articles=articles_df,
        sentences=sentences_df,
        cues=cues_df,
        skipped=frame(skipped, SKIPPED_COLUMNS),
        actors=actor_table(sentences_df, cues_df),
        version=config.version(),
    )


def analyse(
    paths: str | Path | Iterable[str | Path], config: AnalysisConfig | None = None, *, progress: bool = False
) -> Analysis:
    """Analyse files, folders or tabular exports and return the tables.

    >>> analysis = analyse(["corpus/"])          # doctest: +SKIP
    >>> analysis.sentences[["text", "voice", "blame"]]  # doctest: +SKIP
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    config = config or AnalysisConfig()
    return assemble(iter_results(list(paths), config, progress=progress), config)


def analyse_texts(texts: Iterable[str], config: AnalysisConfig | None = None, **meta) -> Analysis:
    """Analyse strings directly (each a plain-text article, wire header optional)."""
    from framing.reading.boilerplate import Boilerplate
    from framing.reading.text import read_text_article

    config = config or AnalysisConfig()
    rules = Boilerplate.load(config.lexicon_dir)
    results = []
    for number, text in enumerate(texts, start=1):
        article = read_text_article(text, source=f"<text {number}>", rules=rules, dayfirst=config.dayfirst)
        results.append(analyse_article(article, config))
    return assemble(results, config)
