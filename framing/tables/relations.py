"""The relations table: one row per stated relation between two actors, from the cue table.

Two kinds of cue are relations: every blame cue with a named target (polarity negative, category
``blame``, its own category kept in ``blame_category``), and the ``relation`` cues of
:mod:`framing.classifiers.relations` (criticism, dispute, threat, praise, support, endorsement, thanks,
defence). A cue whose source is its own target is no relation between two actors and is left out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing.schema import RELATION_COLUMNS, frame

BLAME = "blame"
MODEL_TERMS = frozenset({"relation model", "blame model"})
POSITIVE_CATEGORIES = frozenset({"praise", "support", "endorsement", "thanks", "defence"})


def relation_table(cues: pd.DataFrame) -> pd.DataFrame:
    """The relations of ``cues`` (the cue table), in the order of the text."""
    names = [c.name for c in RELATION_COLUMNS]
    if not len(cues):
        return frame([], RELATION_COLUMNS)
    dimension = cues["dimension"].astype(str)
    source = cues["source_actor"].fillna("").astype(str)
    target = cues["target_actor"].fillna("").astype(str)
    keep = dimension.isin([BLAME, "relation"]) & (target != "") & (source != "") & (source != target)
    rows = cues[keep]
    if not len(rows):
        return frame([], RELATION_COLUMNS)
    blame = rows["dimension"].astype(str) == BLAME
    category = np.where(blame, BLAME, rows["category"].astype(str))
    polarity = rows["polarity"].fillna("").astype(str) if "polarity" in rows else pd.Series("", index=rows.index)
    polarity = np.where(
        blame,
        "negative",
        np.where(polarity != "", polarity, np.where(pd.Series(category).isin(POSITIVE_CATEGORIES), "positive", "negative")),
    )
    terms = rows["term"].fillna("").astype(str)
    table = pd.DataFrame(
        {
            "article_id": rows["article_id"].astype(str),
            "sentence_id": rows["sentence_id"].astype(str),
            "source_actor": rows["source_actor"].astype(str),
            "target_actor": rows["target_actor"].astype(str),
            "polarity": polarity,
            "category": category,
            "blame_category": np.where(blame, rows["category"].astype(str), ""),
            "text": rows["text"].astype(str),
            "start": rows["start"],
            "end": rows["end"],
            "term": terms,
            "voice": rows["voice"].astype(str),
            "method": np.where(terms.isin(MODEL_TERMS), "model", "rules"),
            "probability": pd.to_numeric(rows["weight"], errors="coerce").clip(upper=1.0),
        }
    )
    table = table.sort_values(["article_id", "start", "end", "source_actor", "target_actor"], kind="stable")
    return frame(table.to_dict("records"), RELATION_COLUMNS)[names].reset_index(drop=True)
