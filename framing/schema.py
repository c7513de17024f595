"""The tables that connect the parts: fixed, documented columns for articles, sentences, cues, skipped
inputs, actors and relations. Annotators declare the sentence columns they add; this module assembles them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from framing.types import Cue


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str  # "str", "int", "float", "bool"
    default: Any
    description: str


ARTICLE_COLUMNS: tuple[Column, ...] = (
    Column("article_id", "str", "", "stable id from outlet, title, date and body (16 hex digits)"),
    Column("outlet", "str", "", "the outlet (news organisation), as named in the file"),
    Column("published", "str", "", "publication date, ISO YYYY-MM-DD; empty when unknown"),
    Column("published_at", "str", "", "publication date-time, ISO, when the source gives a time"),
    Column("modified_at", "str", "", "last modification date-time, ISO, when given"),
    Column("title", "str", "", "headline"),
    Column("subtitle", "str", "", "standfirst or summary under the headline"),
    Column("author", "str", "", "byline"),
    Column("section", "str", "", "section or desk"),
    Column("dateline", "str", "", "dateline place, e.g. WASHINGTON"),
    Column("url", "str", "", "address of the article, when known"),
    Column("source", "str", "", "input file, with #row=N or #line=N for tabular inputs"),
    Column("n_sentences", "int", 0, "sentences analysed, headline rows included"),
    Column("n_words", "int", 0, "word tokens in headline and body"),
    Column("warnings", "str", "", "problems met while reading that did not stop the analysis, '; '-separated"),
    Column("text", "str", "", "the analysed text (headline block then body); all offsets point into it"),
)

SENTENCE_BASE_COLUMNS: tuple[Column, ...] = (
    Column("article_id", "str", "", "the article"),
    Column("sentence_id", "str", "", "article_id and position, unique in the corpus"),
    Column("position", "int", 0, "0-based order of the sentence in the article"),
    Column("paragraph", "int", 0, "0-based paragraph index (headline = 0)"),
    Column("start", "int", 0, "character offset of the sentence in the article text"),
    Column("end", "int", 0, "end offset (exclusive) in the article text"),
    Column("text", "str", "", "the sentence"),
    Column("is_headline", "bool", False, "true for the headline and standfirst"),
    Column("n_words", "int", 0, "word tokens in the sentence"),
)

CUE_COLUMNS: tuple[Column, ...] = (
    Column("article_id", "str", "", "the article"),
    Column("sentence_id", "str", "", "the sentence holding the cue"),
    Column("dimension", "str", "", "attribution, actor, blame, relation, agency, hedge, booster, evaluative, stance"),
    Column("category", "str", "", "the lexicon or rule category within the dimension"),
    Column("text", "str", "", "the words as they appear in the article"),
    Column("start", "int", 0, "character offset in the article text"),
    Column("end", "int", 0, "end offset (exclusive) in the article text"),
    Column("term", "str", "", "the lexicon entry or rule that matched"),
    Column("weight", "float", 1.0, "strength of the cue (lexicon weight, scaled by intensifiers or negation)"),
    Column("polarity", "str", "", "negative / positive / neutral, for evaluative and stance cues"),
    Column("source_actor", "str", "", "who the cue is attributed to: 'author' or the speaker's actor"),
    Column("target_actor", "str", "", "the actor the cue is about (blamed, evaluated, mentioned)"),
    Column("voice", "str", "author", "author / direct / indirect / mixed: whose words carry the cue"),
    Column("detail", "str", "", "extra information, e.g. what an actor is blamed for"),
)

SKIPPED_COLUMNS: tuple[Column, ...] = (
    Column("source", "str", "", "input file or folder"),
    Column("item", "str", "", "row or line inside the file, empty for a whole file"),
    Column("reason", "str", "", "why it was not analysed"),
)

ACTOR_COLUMNS: tuple[Column, ...] = (
    Column("article_id", "str", "", "the article"),
    Column("actor", "str", "", "the actor: its fullest name in the article as discovered, or the actor an applied actor set groups it under"),
    Column("mentions", "int", 0, "mentions of the actor in the article"),
    Column("quoted_sentences", "int", 0, "sentences in which the actor is the speaker (direct, indirect or mixed)"),
    Column("blamed_by_others", "int", 0, "blame cues targeting the actor whose source is someone else"),
    Column("blamer_of_others", "int", 0, "blame cues the actor is the source of, targeting someone else"),
    Column("net_evaluation", "float", float("nan"), "mean stance toward the actor over its mentions, -1 (negative) to +1 (positive)"),
    Column("type", "str", "", "the actor's type (person, state, government, party, armed_group, international_body, civil_society, media, company, organisation): the most frequent over its mentions"),
    Column("names", "str", "", "the names the article uses for it, most frequent first, '; '-separated (e.g. Antony Blinken; State Department grouped as US)"),
    Column("discovered", "int", 0, "mentions found in the text without an actor set (names, surnames, references, pronouns); the rest are an actor set's aliases"),
)

RELATION_COLUMNS: tuple[Column, ...] = (
    Column("article_id", "str", "", "the article"),
    Column("sentence_id", "str", "", "the sentence stating the relation"),
    Column("source_actor", "str", "", "who relates to the target: an actor, 'author' (the outlet's own words) or "
           "'(unnamed)' (an accusation the sentence reports without naming who makes it)"),
    Column("target_actor", "str", "", "the actor the relation is directed at"),
    Column("polarity", "str", "", "negative / positive"),
    Column("category", "str", "", "blame (every blame cue with a named target), criticism, dispute, threat (negative); "
           "praise, support, endorsement, thanks, defence (positive)"),
    Column("blame_category", "str", "", "for blame: the blame cue's category (accusation, condemnation, refusal, "
           "harm_by_agent ...); empty otherwise"),
    Column("text", "str", "", "the cue words as they appear in the article (for the model: the words between the two actors)"),
    Column("start", "int", 0, "character offset of the cue words in the article text"),
    Column("end", "int", 0, "end offset (exclusive) in the article text"),
    Column("term", "str", "", "the lexicon entry that matched, or 'relation model'"),
    Column("voice", "str", "author", "author / direct / indirect / mixed: whose words state the relation"),
    Column("method", "str", "", "rules (a lexicon cue decides) or model (the relation model decides a pair no cue decides)"),
    Column("probability", "float", float("nan"), "the model's probability of the relation; for rules the cue's lexicon weight"),
)


def frame(rows: Iterable[Mapping[str, Any]], columns: Sequence[Column], extra: Sequence[str] = ()) -> pd.DataFrame:
    """A DataFrame with exactly ``columns`` (then ``extra``), in order and with their dtypes."""
    data = pd.DataFrame.from_records(list(rows))
    names = [c.name for c in columns]
    for column in columns:
        if column.name not in data.columns:
            data[column.name] = pd.Series([column.default] * len(data), dtype=object)
    data = data.reindex(columns=names + [e for e in extra if e not in names])
    for column in columns:
        series = data[column.name]
        if column.dtype == "int":
            data[column.name] = pd.to_numeric(series, errors="coerce").fillna(column.default or 0).astype("int64")
        elif column.dtype == "float":
            data[column.name] = pd.to_numeric(series, errors="coerce").astype("float64")
        elif column.dtype == "bool":
            data[column.name] = series.fillna(False).astype(bool)
        else:
            data[column.name] = series.fillna("").astype(str)
    return data


CUE_FIELDS = [f.name for f in fields(Cue)]
