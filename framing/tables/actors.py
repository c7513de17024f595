"""The actors table: one row per actor per article, from the sentence and cue tables."""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing.schema import ACTOR_COLUMNS, frame


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
