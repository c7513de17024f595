"""Who blames whom and whose voices are heard: the blame matrix (source actor x target actor, from the
relations table) and the voices table (voice, speaker, reporting-verb stance), per group, from the
sentence table."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from framing.analytics.profiles import QUOTED_VOICES, VOICES, SentenceData, empty_frame, group_frame
from framing.errors import InputError

BLAME_MATRIX_COLUMNS = ("source_actor", "target_actor", "cues", "sentences", "articles")


def _cue_voice(cues: pd.DataFrame, voice: str) -> pd.DataFrame:
    if voice == "all":
        return cues
    voices = cues["voice"].astype(str)
    if voice == "quoted":
        return cues[voices.isin(QUOTED_VOICES)]
    if voice not in VOICES:
        raise InputError(f"unknown voice '{voice}'; choose from {', '.join(VOICES)}")
    return cues[voices == voice]


def blame_relations(analysis) -> pd.DataFrame:
    """The relations of category blame (built from the cues when the analysis has no relations table)."""
    relations = getattr(analysis, "relations", None)
    if relations is None:
        from framing.tables.relations import relation_table

        relations = relation_table(analysis.cues)
    return relations[relations["category"] == "blame"]


def blame_matrix(
    analysis,
    *,
    voice: str = "all",
    by: Sequence[str] = (),
    period: str | Sequence[str] = "month",
    include_headlines: bool = True,
) -> pd.DataFrame:
    """Who blames whom: the blame relations (``analysis.relations`` rows of category ``blame``: blame
    cues with a named target whose source is someone else) per (source actor, target actor), with the
    sentences and articles they occur in. ``voice`` filters on the relation's voice (author = the
    outlet's own words, source_actor 'author'); ``by`` adds article grouping columns in front."""
    by = (by,) if isinstance(by, str) else tuple(by)
    data = SentenceData(analysis, include_headlines=include_headlines)
    relations = blame_relations(analysis)
    relations = relations[relations["sentence_id"].isin(data.sentences["sentence_id"])]
    cues = _cue_voice(relations, voice)
    names = [*by, *BLAME_MATRIX_COLUMNS]
    if not len(cues):
        return empty_frame(names, [*by, "source_actor", "target_actor"])
    groups = group_frame(analysis.articles, by, period)
    groups.index = analysis.articles["article_id"].to_numpy()
    cues = cues.copy()
    for name in by:
        cues[name] = groups[name].reindex(cues["article_id"]).fillna("").to_numpy()
    keys = [*by, "source_actor", "target_actor"]
    for key in ("source_actor", "target_actor"):
        cues[key] = cues[key].fillna("").astype(str)
    table = cues.groupby(keys, sort=True).agg(
        cues=("sentence_id", "size"), sentences=("sentence_id", "nunique"), articles=("article_id", "nunique")
    ).reset_index()
    table = table.sort_values([*by, "cues", "source_actor", "target_actor"], ascending=[True] * len(by) + [False, True, True], kind="stable")
    return table[names].reset_index(drop=True)


VOICES_TABLE_COLUMNS = ("kind", "item", "sentences", "articles", "population", "share")
UNIDENTIFIED = "(unidentified)"


def voices_table(
    analysis,
    by: Sequence[str] = ("outlet",),
    *,
    period: str | Sequence[str] = "month",
    include_headlines: bool = True,
) -> pd.DataFrame:
    """Whose voices are heard, per group, in long format (``kind`` says what ``item`` is):

    - ``voice``: share of all sentences in each voice (author, direct, indirect, mixed);
    - ``speaker``: share of the quoted or reported sentences per speaker actor (``(unidentified)``
      when the speaker is not a known actor);
    - ``verb_stance``: share of the sentences with a reporting verb per verb stance.
    """
    by = (by,) if isinstance(by, str) else tuple(by)
    data = SentenceData(analysis, include_headlines=include_headlines)
    names = [*by, *VOICES_TABLE_COLUMNS]
    if not data.has("voice") or not data.n:
        return empty_frame(names, [*by, "kind", "item"])
    groups = group_frame(analysis.articles, by, period)
    groups.index = analysis.articles["article_id"].to_numpy()
    s = pd.DataFrame({"article_id": data.sentences["article_id"].astype(str), "voice": data.text("voice")})
    for name in by:
        s[name] = groups[name].reindex(s["article_id"]).fillna("").to_numpy()
    s = s[s["article_id"].isin(groups.index)]
    parts = []
    quoted = s["voice"].isin(QUOTED_VOICES)
    kinds = [("voice", s[s["voice"] != ""], s["voice"][s["voice"] != ""])]
    if data.has("speaker_actor"):
        speakers = data.text("speaker_actor").loc[s.index].replace("", UNIDENTIFIED)[quoted].str.split(";")
        speakers = speakers.explode()  # a sentence spoken by "Hamas;Iran" counts for each
        kinds.append(("speaker", s[quoted].loc[speakers.index], speakers))
    if data.has("verb_stance"):
        stances = data.text("verb_stance").loc[s.index]
        kinds.append(("verb_stance", s[stances != ""], stances[stances != ""]))
    for kind, rows, items in kinds:
        if not len(rows):
            continue
        rows = rows.assign(item=items.to_numpy())
        counted = rows.groupby([*by, "item"], sort=True).agg(
            sentences=("article_id", "size"), articles=("article_id", "nunique")
        ).reset_index()
        population = rows.groupby(list(by), sort=True).size().rename("population") if by else None
        if by:
            counted = counted.merge(population.reset_index(), on=list(by), how="left")
        else:
            counted["population"] = len(rows)
        counted["share"] = counted["sentences"] / counted["population"]
        counted["kind"] = kind
        parts.append(counted)
    if not parts:
        return empty_frame(names, [*by, "kind", "item"])
    table = pd.concat(parts, ignore_index=True)
    kind_order = {"voice": 0, "speaker": 1, "verb_stance": 2}
    table = table.assign(_kind=table["kind"].map(kind_order)).sort_values(
        [*by, "_kind", "sentences", "item"], ascending=[True] * len(by) + [True, False, True], kind="stable"
    )
    return table[names].reset_index(drop=True)
