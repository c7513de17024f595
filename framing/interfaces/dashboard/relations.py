"""Who blames whom, as a sorted source -> target table with the sentences behind each pair: the blame
relations that ``framing.analytics.matrices.blame_matrix`` counts (blame_matrix.csv), per group."""

from __future__ import annotations

import pandas as pd

from framing.analytics.matrices import blame_relations
from framing.interfaces.dashboard.filters import voice_mask

PAIR_COLUMNS = ("source_actor", "target_actor", "cues", "sentences", "articles")
AUTHOR = "author"
UNNAMED = "(unnamed)"
QUOTED = ("direct", "indirect", "mixed")


def _rows(analysis, voice: str) -> pd.DataFrame:
    """One row per blame (cue or relation): article_id, sentence_id, source_actor, target_actor."""
    rows = blame_relations(analysis)
    if voice != "all" and "voice" in rows.columns:
        voices = rows["voice"].astype(str)
        rows = rows[voices.isin(QUOTED)] if voice == "quoted" else rows[voices == voice]
    rows = rows[["article_id", "sentence_id", "source_actor", "target_actor"]].copy()
    for column in ("source_actor", "target_actor"):
        rows[column] = rows[column].fillna("").astype(str).replace("", UNNAMED)
    return rows


def _group_of(analysis, by: str) -> pd.Series:
    articles = analysis.articles
    return pd.Series(articles[by].astype(str).to_numpy(), index=articles["article_id"].to_numpy())


def who_blames_whom(analysis, by: str, groups, voice: str = "all") -> pd.DataFrame:
    """Per group of ``by`` (in ``groups``): source -> target pairs with their cues, sentences and
    articles, the most frequent first; 'author' is the outlet's own voice."""
    rows = _rows(analysis, voice)
    group_of = _group_of(analysis, by)
    rows[by] = rows["article_id"].map(group_of)
    rows = rows[rows[by].isin(list(groups))]
    columns = [by, *PAIR_COLUMNS]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    table = rows.groupby([by, "source_actor", "target_actor"], sort=True).agg(
        cues=("sentence_id", "size"), sentences=("sentence_id", "nunique"), articles=("article_id", "nunique")
    ).reset_index()
    order = {g: i for i, g in enumerate(groups)}
    table = table.assign(_group=table[by].map(order)).sort_values(
        ["cues", "_group", "source_actor", "target_actor"], ascending=[False, True, True, True], kind="stable"
    )
    return table[columns].reset_index(drop=True)


def pair_sentence_ids(analysis, by: str, group: str, source: str, target: str, voice: str = "all") -> list[str]:
    """The sentences behind one source -> target pair in one group, in reading order."""
    rows = _rows(analysis, voice)
    group_of = _group_of(analysis, by)
    rows = rows[(rows["source_actor"] == source) & (rows["target_actor"] == target)
                & (rows["article_id"].map(group_of) == group)]
    ids = set(rows["sentence_id"])
    sentences = analysis.sentences
    chosen = sentences[sentences["sentence_id"].isin(ids) & voice_mask(sentences, "all")]
    return chosen["sentence_id"].tolist()
