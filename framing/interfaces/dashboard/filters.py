"""The sidebar filters: the values offered and the analysis restricted to them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import pandas as pd

# ---------------------------------------------------------------------------------------------------
# filters


@dataclass(frozen=True)
class Filters:
    """The sidebar's choices; empty tuples mean 'all'."""

    outlets: tuple[str, ...] = ()
    start: str = ""  # ISO dates, inclusive; empty for open ends
    end: str = ""
    sections: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    voice: str = "all"  # all / author / quoted

    def key(self) -> str:
        return repr(self)

    def describe(self) -> str:
        """The filters in words ('' when none is set), for reports."""
        parts = []
        if self.outlets:
            parts.append("outlets " + ", ".join(self.outlets))
        if self.start or self.end:
            parts.append(f"published {self.start or '…'} to {self.end or '…'}")
        if self.sections:
            parts.append("sections " + ", ".join(self.sections))
        if self.actors:
            parts.append("mentioning " + ", ".join(self.actors))
        return "; ".join(parts)


@dataclass(frozen=True)
class FilterOptions:
    outlets: tuple[str, ...]
    sections: tuple[str, ...]
    actors: tuple[str, ...]
    first_date: str
    last_date: str
    undated: int = 0


def filter_options(analysis) -> FilterOptions:
    """The values the sidebar offers: outlets, sections and actors present, and the date range."""
    articles = analysis.articles
    dates = articles["published"][articles["published"] != ""]
    actors = analysis.actors["actor"] if len(analysis.actors) else pd.Series([], dtype=str)
    return FilterOptions(
        outlets=tuple(sorted(articles["outlet"].unique())),
        sections=tuple(sorted(s for s in articles["section"].unique() if s)),
        actors=tuple(sorted(a for a in actors.unique() if a)),
        first_date=str(dates.min()) if len(dates) else "",
        last_date=str(dates.max()) if len(dates) else "",
        undated=int((articles["published"] == "").sum()),
    )


def subset(analysis, article_ids: Iterable[str]):
    """The same analysis restricted to ``article_ids`` (every table, skipped inputs kept)."""
    ids = set(article_ids)
    return replace(
        analysis,
        articles=analysis.articles[analysis.articles["article_id"].isin(ids)].reset_index(drop=True),
        sentences=analysis.sentences[analysis.sentences["article_id"].isin(ids)].reset_index(drop=True),
        cues=analysis.cues[analysis.cues["article_id"].isin(ids)].reset_index(drop=True),
        actors=analysis.actors[analysis.actors["article_id"].isin(ids)].reset_index(drop=True),
    )


def apply_filters(analysis, filters: Filters):
    """The articles that pass the filters (outlet, date range, section, any of the actors), with their
    sentences, cues and actor rows. The voice choice is not applied here: the profiles are computed per
    voice, and the sentence views filter by voice themselves. Undated articles drop out when a date
    range is set."""
    articles = analysis.articles
    keep = pd.Series(True, index=articles.index)
    if filters.outlets:
        keep &= articles["outlet"].isin(filters.outlets)
    if filters.sections:
        keep &= articles["section"].isin(filters.sections)
    if filters.start:
        keep &= (articles["published"] != "") & (articles["published"] >= filters.start)
    if filters.end:
        keep &= (articles["published"] != "") & (articles["published"] <= filters.end)
    ids = set(articles.loc[keep, "article_id"])
    if filters.actors:
        mentioned = analysis.actors[analysis.actors["actor"].isin(filters.actors)]["article_id"]
        ids &= set(mentioned)
    if len(ids) == len(articles):
        return analysis
    return subset(analysis, ids)


def voice_mask(sentences: pd.DataFrame, voice: str) -> pd.Series:
    """Which sentences belong to the chosen voice: 'author', 'quoted' (direct, indirect or mixed), or
    'all'. Without a voice column only 'all' keeps anything."""
    if voice == "all":
        return pd.Series(True, index=sentences.index)
    if "voice" not in sentences.columns:
        return pd.Series(False, index=sentences.index)
    if voice == "author":
        return sentences["voice"] == "author"
    if voice == "quoted":
        return sentences["voice"].isin(["direct", "indirect", "mixed"])
    return sentences["voice"] == voice
