"""Sentence rows from articles: segment, run the annotator chain (rule components, then the
classifiers), and turn each document into plain rows with the columns of ``framing.schema``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from framing.annotation import RULE_COMPONENTS, Annotator, build_annotators, declared_columns
from framing.config import AnalysisConfig
from framing.reading.segment import punkt, segment
from framing.schema import ARTICLE_COLUMNS, SENTENCE_BASE_COLUMNS, Column
from framing.types import Article, Doc


@dataclass
class ArticleResult:
    """Everything analysed for one article, as plain rows (cheap to send between processes)."""

    article: dict
    sentences: list[dict]
    cues: list[dict]


# Articles analysed together when a caller streams them one by one (the classifiers batch them).
ANALYSIS_CHUNK = 50


# The whole chain: the rule components, then the classifiers, which read the rule cues, then the
# relations between actors, which read the blame cues (the target model's too).
COMPONENTS: tuple[str, ...] = RULE_COMPONENTS + ("framing.classifiers.annotator", "framing.classifiers.relations")


def build_pipeline(config: AnalysisConfig) -> list[Annotator]:
    """A new chain of annotators (checks every lexicon and model file it reads)."""
    return build_annotators(config, COMPONENTS)


@lru_cache(maxsize=4)
def pipeline(config: AnalysisConfig) -> tuple[Annotator, ...]:
    return tuple(build_pipeline(config))


def sentence_columns(annotators: Iterable[Annotator]) -> tuple[Column, ...]:
    return _merge_columns(annotator.columns for annotator in annotators)


@lru_cache(maxsize=4)
def table_columns(config: AnalysisConfig) -> tuple[Column, ...]:
    """The sentence columns of ``config``, as ``sentence_columns(pipeline(config))`` gives them, without
    loading the models (for the process that writes the tables while workers analyse)."""
    return _merge_columns(declared_columns(config, COMPONENTS))


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
