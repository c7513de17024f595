"""The actors table: one row per actor per article, from the sentence and cue tables.

An actor is a row when the article mentions it (an ``actor`` cue: discovered in the text or an actor
set's alias); speakers and blame sources or targets that are no mentioned actor (the author, an
unnamed source, a phrase the blame rules took for a name) stay in the cues and sentences tables only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing.schema import ACTOR_COLUMNS, frame


def _names(terms: list[str]) -> str:
    """The names an actor goes by, most mentioned first (then longer first, then alphabetical)."""
    counts: dict[str, int] = {}
    for term in terms:
        if term != "":
            counts[term] = counts.get(term, 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], -len(item[0]), item[0]))
    return "; ".join(name for name, _ in ordered)


def _type(categories: list[str]) -> str:
    """The most frequent type over the mentions (the first mentioned of equally frequent ones); an
    actor a set groups people and bodies under ("US": Blinken, the State Department) takes its most
    frequent type other than person."""
    counts: dict[str, int] = {}
    for category in categories:
        if category != "":
            counts[category] = counts.get(category, 0) + 1
    if not counts:
        return ""
    if "person" in counts and len(counts) > 1:
        del counts["person"]
    return max(counts, key=counts.__getitem__)  # max keeps the first of equal counts


def _per_actor(mentions: pd.DataFrame, index: pd.MultiIndex) -> pd.DataFrame:
    """Type, names and discovered mentions of each (article, actor) of ``index``, in one pass over
    the mention cues (a Python function per pandas group costs milliseconds per actor)."""
    groups: dict[tuple[str, str], tuple[list[str], list[str], list[int]]] = {}
    columns = (mentions[name].astype(str).tolist() for name in ("article_id", "actor", "category", "term", "detail"))
    for article_id, actor, category, term, detail in zip(*columns, strict=True):
        group = groups.get((article_id, actor))
        if group is None:
            group = groups[(article_id, actor)] = ([], [], [0])
        group[0].append(category)
        group[1].append(term)
        group[2][0] += detail != "alias"
    rows = [groups[(str(article_id), str(actor))] for article_id, actor in index]
    return pd.DataFrame(
        {
            "type": [_type(categories) for categories, _, _ in rows],
            "names": [_names(terms) for _, terms, _ in rows],
            "discovered": [discovered[0] for _, _, discovered in rows],
        },
        index=index,
    )


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
    per_actor = _per_actor(mentions, parts[0].index)
    parts += [per_actor["type"], per_actor["names"], per_actor["discovered"]]
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
