"""The analysis flow: read -> segment -> annotate -> tables. Every stage is a plain function over plain
data; ``analyse`` runs them all and returns an ``Analysis`` with the tables of ``framing.tables``."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from framing.annotate import Annotator, build_annotators, declared_columns
from framing.config import AnalysisConfig
from framing.ingest import read_paths
from framing.segment import punkt, segment
from framing.tables import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    CUE_COLUMNS,
    SENTENCE_BASE_COLUMNS,
    SKIPPED_COLUMNS,
    Column,
    frame,
)
from framing.types import Article, Doc, Skipped


@dataclass
class ArticleResult:
    """Everything analysed for one article, as plain rows (cheap to send between processes)."""

    article: dict
    sentences: list[dict]
    cues: list[dict]


@dataclass
class Analysis:
    """The tables of one analysis run."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    cues: pd.DataFrame
    skipped: pd.DataFrame
    actors: pd.DataFrame
    version: str = ""
    extra: dict = field(default_factory=dict)

    def write(self, out_dir: str | Path, **options) -> list[Path]:
        """Write the CSV reports into ``out_dir``; returns the files written."""
        from framing.reports import write_reports

        return write_reports(self, Path(out_dir), **options)


# Articles analysed together when a caller streams them one by one (the classifiers batch them).
ANALYSIS_CHUNK = 50


@lru_cache(maxsize=4)
def pipeline(config: AnalysisConfig) -> tuple[Annotator, ...]:
    return tuple(build_annotators(config))


def sentence_columns(annotators: Iterable[Annotator]) -> tuple[Column, ...]:
    return _merge_columns(annotator.columns for annotator in annotators)


@lru_cache(maxsize=4)
def table_columns(config: AnalysisConfig) -> tuple[Column, ...]:
    """The sentence columns of ``config``, as ``sentence_columns(pipeline(config))`` gives them, without
    loading the models (for the process that writes the tables while workers analyse)."""
    return _merge_columns(declared_columns(config))


def _merge_columns(groups: Iterable[Iterable[Column]]) -> tuple[Column, ...]:
    columns = list(SENTENCE_BASE_COLUMNS)
    seen = {c.name for c in columns}
    for group in groups:
        for column in group:
            if column.name not in seen:
                columns.append(column)
                seen.add(column.name)
    return tuple(columns)


def analyse_article(article: Article, config: AnalysisConfig) -> ArticleResult:
    """Segment and annotate one article."""
    return analyse_articles([article], config)[0]


def analyse_articles(articles: Sequence[Article], config: AnalysisConfig) -> list[ArticleResult]:
    """Segment and annotate a batch of articles. Each annotator runs over the whole batch in turn;
    one that has an ``annotate_many`` method (the classifiers) gets all the documents at once, so
    its per-call costs are paid once per batch."""
    if len(articles) > ANALYSIS_CHUNK:  # smaller pieces: a lower peak, the same results
        return [
            r
            for i in range(0, len(articles), ANALYSIS_CHUNK)
            for r in analyse_articles(articles[i : i + ANALYSIS_CHUNK], config)
        ]
    annotators = pipeline(config)
    tokenizer = punkt(config.lexicon_dir)
    docs = [Doc(article=article, sentences=segment(article, tokenizer)) for article in articles]
    for annotator in annotators:
        many = getattr(annotator, "annotate_many", None)
        if many is not None:
            many(docs)
        else:
            for doc in docs:
                annotator(doc)
    return [_result(doc) for doc in docs]


def _result(doc: Doc) -> ArticleResult:
    article = doc.article
    sentences = []
    for s in doc.sentences:
        row = {
            "article_id": s.article_id,
            "sentence_id": s.sentence_id,
            "position": s.position,
            "paragraph": s.paragraph,
            "start": s.start,
            "end": s.end,
            "text": s.text,
            "is_headline": s.is_headline,
            "n_words": sum(1 for t in s.tokens if t.text[0].isalnum()),
        }
        row.update(s.values)
        sentences.append(row)
    article_row = {c.name: getattr(article, c.name, c.default) for c in ARTICLE_COLUMNS}
    article_row["n_sentences"] = len(sentences)
    article_row["n_words"] = sum(r["n_words"] for r in sentences)
    article_row["warnings"] = "; ".join(article.warnings)
    article_row.update(dict(article.extra))
    cues = [dict(vars(c)) for c in sorted(doc.cues, key=lambda c: (c.start, c.end, c.dimension, c.category))]
    return ArticleResult(article_row, sentences, cues)


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


def actor_table(sentences: pd.DataFrame, cues: pd.DataFrame) -> pd.DataFrame:
    """One row per actor per article: mentions, voice, blame given and received, net evaluation."""
    keys = ["article_id", "actor"]
    parts = []
    mentions = cues[cues["dimension"] == "actor"].rename(columns={"target_actor": "actor"})
    parts.append(mentions.groupby(keys).size().rename("mentions"))
    if "speaker_actor" in sentences.columns and "voice" in sentences.columns:
        quoted = sentences[(sentences["voice"] != "author") & (sentences["speaker_actor"] != "")]
        # "Hamas;Iran" (a joint statement) is a quoted sentence for each of them
        quoted = quoted.assign(actor=quoted["speaker_actor"].str.split(";")).explode("actor")
        parts.append(quoted.groupby(keys).size().rename("quoted_sentences"))
    blame = cues[(cues["dimension"] == "blame") & (cues["source_actor"] != cues["target_actor"])]
    parts.append(
        blame.rename(columns={"target_actor": "actor"}).groupby(keys).size().rename("blamed_by_others")
    )
    sources = blame.assign(actor=blame["source_actor"].str.split(";")).explode("actor")
    parts.append(sources.groupby(keys).size().rename("blamer_of_others"))
    stance = cues[cues["dimension"] == "stance"].rename(columns={"target_actor": "actor"})
    parts.append(stance.groupby(keys)["weight"].mean().rename("net_evaluation"))
    parts = [p for p in parts if len(p)]
    if not parts:
        return frame([], ACTOR_COLUMNS)
    table = pd.concat(parts, axis=1).reset_index()
    table = table[table["actor"].astype(str).str.len() > 0]
    for name in ("mentions", "quoted_sentences", "blamed_by_others", "blamer_of_others"):
        table[name] = table[name].fillna(0) if name in table else 0
    if "net_evaluation" not in table:
        table["net_evaluation"] = np.nan
    return (
        frame(table.to_dict("records"), ACTOR_COLUMNS).sort_values(keys, kind="stable").reset_index(drop=True)
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
    from framing.ingest.boilerplate import Boilerplate
    from framing.ingest.text import read_text_article

    config = config or AnalysisConfig()
    rules = Boilerplate.load(config.lexicon_dir)
    results = []
    for number, text in enumerate(texts, start=1):
        article = read_text_article(text, source=f"<text {number}>", rules=rules, dayfirst=config.dayfirst)
        results.append(analyse_article(article, config))
    return assemble(results, config)
