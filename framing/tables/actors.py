"""The actors table: one row per actor per article, from the sentence and cue tables.

An actor is a row when the article mentions it (an ``actor`` cue: discovered in the text or an actor
set's alias); speakers and blame sources or targets that are no mentioned actor (the author, an
unnamed source, a phrase the blame rules took for a name) stay in the cues and sentences tables only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing.schema import ACTOR_COLUMNS, frame


def _names(group: pd.Series) -> str:
    counts = group[group.astype(str) != ""].value_counts(sort=False)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], -len(str(item[0])), str(item[0])))
    return "; ".join(str(name) for name, _ in ordered)


def _type(categories: pd.Series) -> str:
    """The most frequent type over the mentions; an actor a set groups people and bodies under ("US":
    Blinken, the State Department) takes its most frequent type other than person."""
    counts = categories[categories.astype(str) != ""].value_counts()
    if not len(counts):
        return ""
    others = counts.drop("person", errors="ignore")
    return str(others.index[0]) if len(others) and len(others) < len(counts) else str(counts.index[0])


def actor_table(sentences: pd.DataFrame, cues: pd.DataFrame) -> pd.DataFrame:
    """One row per mentioned actor per article: mentions, type, names, voice, blame given and received,
    net evaluation."""
    keys = ["article_id", "actor"]
    mentions = cues[(cues["dimension"] == "actor") & (cues["target_actor"].astype(str) != "")]
    mentions = mentions.rename(columns={"target_actor": "actor"})
    if not len(mentions):
        return frame([], ACTOR_COLUMNS)
    grouped = mentions.groupby(keys)
    parts = [grouped.size().rename("mentions")]
    parts.append(grouped["category"].agg(_type).rename("type"))
    parts.append(grouped["term"].agg(_names).rename("names"))
    parts.append(grouped["detail"].agg(lambda d: int((d != "alias").sum())).rename("discovered"))
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
    table = pd.concat(parts, axis=1).reset_index()
    table = table[table.set_index(keys).index.isin(parts[0].index)]  # mentioned actors only
    for name in ("mentions", "quoted_sentences", "blamed_by_others", "blamer_of_others", "discovered"):
        table[name] = table[name].fillna(0) if name in table else 0
    if "net_evaluation" not in table:
        table["net_evaluation"] = np.nan
    return (
        frame(table.to_dict("records"), ACTOR_COLUMNS).sort_values(keys, kind="stable").reset_index(drop=True)
    )
