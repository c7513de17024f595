"""The summaries and tables the views show: corpus and outlet summaries, sentence search, metric
names and order, period starts.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import pandas as pd

from framing.interfaces.dashboard.filters import voice_mask
from framing.interfaces.dashboard.vocabulary import outlet_label
from framing.storage.html_report import metric_sentence_ids  # noqa: F401  (the sentences behind a number)

# ---------------------------------------------------------------------------------------------------
# summaries and tables the views show


def corpus_summary(analysis) -> dict:
    """The Overview figures: articles, outlets, date range, sentences analysed, skipped inputs."""
    articles = analysis.articles
    dates = articles["published"][articles["published"] != ""]
    return {
        "articles": len(articles),
        "outlets": int(articles["outlet"].nunique()),
        "first_date": str(dates.min()) if len(dates) else "",
        "last_date": str(dates.max()) if len(dates) else "",
        "undated": int((articles["published"] == "").sum()),
        "sentences": len(analysis.sentences),
        "cues": len(analysis.cues),
        "skipped": len(analysis.skipped),
        "warnings": int((articles["warnings"] != "").sum()) if "warnings" in articles else 0,
    }


def figures_html(figures: Sequence[tuple[str, str, str]]) -> str:
    """A row of headline figures, (label, value, tooltip) each, as escaped HTML; each figure carries
    ``data-figure`` = its label."""
    cells = []
    for label, value, tooltip in figures:
        title = f' title="{html.escape(tooltip)}"' if tooltip else ""
        cells.append(
            f'<div data-figure="{html.escape(label)}"{title} style="min-width:9em">'
            f'<div style="font-size:0.875rem;color:rgba(49,51,63,0.8)">{html.escape(label)}</div>'
            f'<div class="figure-value" style="font-size:1.9rem;line-height:1.3">{html.escape(value)}</div></div>'
        )
    return f'<div style="display:flex;flex-wrap:wrap;gap:1.2em 2.5em;margin:0.2em 0 0.6em">{"".join(cells)}</div>'


def outlet_summary(analysis) -> pd.DataFrame:
    """Per outlet: articles, sentences, first and last date."""
    articles = analysis.articles.assign(outlet=analysis.articles["outlet"].map(outlet_label))
    dated = articles["published"].where(articles["published"] != "")
    table = articles.assign(published=dated).groupby("outlet", sort=True).agg(
        articles=("article_id", "size"),
        sentences=("n_sentences", "sum"),
        first_date=("published", "min"),
        last_date=("published", "max"),
    )
    return table.fillna("").reset_index()


def article_labels(articles: pd.DataFrame, width: int = 70) -> dict[str, str]:
    """article_id -> 'date · outlet · headline' for selection lists."""
    labels = {}
    for row in articles.itertuples():
        title = row.title if len(row.title) <= width else row.title[: width - 1] + "\u2026"
        labels[row.article_id] = f"{row.published or 'undated'} \u00b7 {outlet_label(row.outlet)} \u00b7 {title}"
    return labels


SENTENCE_VIEW_COLUMNS = (
    "voice", "speaker", "speaker_actor", "reporting_verb", "verb_stance", "blame", "blame_targets",
    "agency", "hedge", "booster", "evaluative", "polarity",
)  # fmt: skip


def sentence_table(
    analysis,
    *,
    query: str = "",
    dimensions: Sequence[str] = (),
    actor: str = "",
    voice: str = "all",
    sentence_ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Sentences matching a case-insensitive search, having a cue of any of ``dimensions``, involving
    ``actor`` (as speaker, source or target of a cue) and in ``voice``; with outlet, date and the
    dimensions of their cues. Sorted by date, article and position."""
    sentences = analysis.sentences
    cues = analysis.cues
    keep = voice_mask(sentences, voice)
    if sentence_ids is not None:
        keep &= sentences["sentence_id"].isin(set(sentence_ids))
    if query:
        keep &= sentences["text"].str.contains(query, case=False, regex=False)
    if dimensions:
        ids = set(cues.loc[cues["dimension"].isin(dimensions), "sentence_id"])
        keep &= sentences["sentence_id"].isin(ids)
    if actor:
        involved = cues[(cues["source_actor"] == actor) | (cues["target_actor"] == actor)]["sentence_id"]
        by_actor = sentences["sentence_id"].isin(set(involved))
        if "speaker_actor" in sentences.columns:
            by_actor |= (";" + sentences["speaker_actor"].astype(str) + ";").str.contains(f";{actor};", regex=False)
        keep &= by_actor
    chosen = sentences[keep]
    meta = analysis.articles[["article_id", "outlet", "published", "title"]]
    table = chosen.merge(meta, on="article_id", how="left")
    found = cues[cues["sentence_id"].isin(set(chosen["sentence_id"])) & (cues["dimension"] != "actor")]
    dims = found.groupby("sentence_id")["dimension"].agg(lambda d: ", ".join(sorted(set(d))))
    table["cue_dimensions"] = table["sentence_id"].map(dims).fillna("")
    # who speaks: the resolved actor when attribution found one ("the minister" -> Valdoria), else the words
    speaker = table["speaker"].fillna("").astype(str) if "speaker" in table else pd.Series("", index=table.index)
    if "speaker_actor" in table:
        actor_names = table["speaker_actor"].fillna("").astype(str).str.replace(";", ", ")
        speaker = actor_names.where(actor_names != "", speaker)
    table["speaker_name"] = speaker
    extra = [c for c in SENTENCE_VIEW_COLUMNS if c in table.columns]
    columns = ["sentence_id", "article_id", "published", "outlet", "position", "text", "cue_dimensions", "speaker_name",
               *extra, "title"]
    return table.sort_values(["published", "article_id", "position"], kind="stable")[columns].reset_index(drop=True)


def article_sentence_ids(analysis, article_ids: Iterable[str], *, headlines: bool = False) -> list[str]:
    """The sentences of ``article_ids`` (only each article's headline, or its first sentence when it has
    none, with ``headlines``), by date, article and position."""
    ids = set(article_ids)
    sentences = analysis.sentences
    chosen = sentences[sentences["article_id"].isin(ids)]
    if headlines and len(chosen):
        marked = chosen["is_headline"].astype(bool) if "is_headline" in chosen else pd.Series(False, index=chosen.index)
        first = chosen["position"] == chosen.groupby("article_id")["position"].transform("min")
        has_headline = chosen["article_id"].map(chosen[marked].groupby("article_id").size()).fillna(0) > 0
        chosen = chosen[marked | (first & ~has_headline)]
    dates = chosen["article_id"].map(analysis.articles.set_index("article_id")["published"])
    order = chosen.assign(_published=dates).sort_values(["_published", "article_id", "position"], kind="stable")
    return order["sentence_id"].tolist()


def group_article_ids(analysis, by: str, group: str) -> list[str]:
    """The articles whose ``by`` column is ``group`` (an outlet label maps back to its outlet)."""
    articles = analysis.articles
    values = articles[by].astype(str)
    keep = values == group
    if by == "outlet" and not keep.any():
        keep = values.map(outlet_label) == group
    return articles.loc[keep, "article_id"].tolist()


def metric_labels(names: Iterable[str]) -> dict[str, str]:
    """Metric name -> 'label (unit)' for the names in a profiles table, actor families filled in
    (``blame_rate:Valdoria`` -> 'Blame received by Valdoria (per 100 sentences)')."""
    from framing.analytics.profiles import metric_info, metric_label

    labels = {}
    for name in dict.fromkeys(names):
        unit = metric_info(name).unit
        unit = "%" if unit == "share" else unit
        labels[name] = f"{metric_label(name)} ({unit})" if unit else metric_label(name)
    return labels


def plain_metrics(names: Iterable[str]) -> list[str]:
    """The metrics that are not per-actor families, in their order."""
    return [n for n in dict.fromkeys(names) if ":" not in n]


def order_metrics(names: Iterable[str]) -> list[str]:
    """Metric names in registry order, the general metrics before the per-actor families."""
    from framing.analytics.profiles import METRICS, metric_info

    position = {m.name: i for i, m in enumerate(METRICS)}
    return sorted(
        dict.fromkeys(names), key=lambda n: (":" in n, position.get(metric_info(n).name, len(position)), n)
    )


DEFAULT_METRICS = (
    "blame_rate", "blame_authorial_rate", "hedge_rate", "booster_rate", "evaluative_rate", "quoted_share",
    "agency_agentless_passive_share", "hedged_figure_rate",
)  # fmt: skip


def default_metrics(names: Sequence[str], count: int) -> list[str]:
    """The metrics shown before the user chooses: framing's core measures when present, then others."""
    present = [n for n in DEFAULT_METRICS if n in set(names)]
    rest = [n for n in plain_metrics(names) if n not in present]
    return (present + rest)[:count]


EXPECTED_PARTS = {
    "voice": "voice and speaker (attribution)",
    "blame": "responsibility (blame)",
    "agency": "agency of harm",
    "hedge": "hedges and boosters",
    "evaluative": "evaluative language",
    "p_blame": "classifier probabilities",
}


def missing_parts(sentences: pd.DataFrame) -> list[str]:
    """The parts of the analysis absent from this sentences table (a store made by an older version,
    or a build without some annotators)."""
    return [label for column, label in EXPECTED_PARTS.items() if column not in sentences.columns]


def period_starts(periods: pd.Series) -> pd.Series:
    """Period labels (2025-01, 2025-W03, 2025Q1, dates or timestamps) as the timestamp they start at,
    so the time axis is a real time scale."""
    def start(value) -> pd.Timestamp:
        if isinstance(value, pd.Period):
            return value.start_time
        if isinstance(value, pd.Timestamp):
            return value
        text = str(value)
        if "-W" in text:
            year, week = text.split("-W")
            return pd.Timestamp.fromisocalendar(int(year), int(week), 1)
        if "Q" in text:
            return pd.Period(text.replace("-", ""), freq="Q").start_time
        return pd.Timestamp(text)

    return periods.map(start)


def search_table(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows of a string table where any cell contains ``query`` (case-insensitive)."""
    if not query or table.empty:
        return table
    hit = pd.Series(False, index=table.index)
    for column in table.columns:
        hit |= table[column].astype(str).str.contains(query, case=False, regex=False)
    return table[hit]


def is_share(name: str) -> bool:
    """True for metrics that are shares (0-1), shown as percentages."""
    from framing.analytics.profiles import metric_info

    return metric_info(name).unit == "share"


def as_percentages(table: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """A copy with the share metrics' ``columns`` times 100 (shown as %); rates and means unchanged."""
    out = table.copy()
    if out.empty or "metric" not in out:
        return out
    shares = out["metric"].isin([name for name in out["metric"].unique() if is_share(name)])
    for column in columns:
        if column in out:
            out[column] = out[column].astype(float).where(~shares, out[column].astype(float) * 100)
    return out


def period_article_ids(analysis, by: str, group: str, period: str, label: str) -> list[str]:
    """Articles of one group (``by`` = ``group``) published in one period (``label`` as the timeline
    writes it, e.g. 2025-03)."""
    from framing.analytics.profiles import add_period

    articles = analysis.articles
    periods = add_period(articles, period).astype(str)
    keep = (articles[by].astype(str) == group) & (periods == str(label))
    return articles.loc[keep, "article_id"].tolist()


PERIOD_FREQ = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}
PERIOD_AXIS_FORMAT = {"day": "%d %b %Y", "week": "%d %b %Y", "month": "%b %Y", "quarter": "Q%q %Y", "year": "%Y"}


def period_ordinal(starts: pd.Series, period: str) -> pd.Series:
    """Consecutive integers for consecutive periods (so gaps can be found)."""
    freq = PERIOD_FREQ.get(period, "D")
    return starts.map(lambda t: pd.Period(t, freq=freq).ordinal)


def mark_gaps(table: pd.DataFrame, period: str, series: Sequence[str]) -> pd.DataFrame:
    """``table`` (with ``period_start``) plus a ``segment`` number per run of consecutive periods of each
    series: a line drawn per segment stops at an empty period instead of bridging it."""
    if table.empty:
        return table.assign(segment=pd.Series(dtype=int))
    out = table.copy()
    out["_ordinal"] = period_ordinal(out["period_start"], period)
    out = out.sort_values([*series, "_ordinal"], kind="stable")
    new_run = out.groupby(list(series), sort=False)["_ordinal"].diff().ne(1)
    out["segment"] = new_run.cumsum().astype(int)
    return out.drop(columns="_ordinal")


def volume(analysis, period: str = "month", by: str = "outlet") -> pd.DataFrame:
    """Articles per outlet (``by``) per period, every period from the first to the last dated article
    present for every outlet (0 when it published nothing), with ``period_start`` as a timestamp."""
    from framing.analytics.profiles import add_period

    articles = analysis.articles
    labels = add_period(articles, period)
    dated = articles.assign(period=labels)[labels != ""]
    columns = [by, "period", "period_start", "articles"]
    if dated.empty:
        return pd.DataFrame(columns=columns)
    counts = dated.groupby([by, "period"]).size().rename("articles").reset_index()
    starts = period_starts(pd.Series(sorted(counts["period"].unique())))
    freq = PERIOD_FREQ.get(period, "D")
    every = pd.period_range(pd.Period(starts.min(), freq=freq), pd.Period(starts.max(), freq=freq), freq=freq)
    span = pd.DataFrame({"period_start": [p.start_time for p in every]})
    label_of = dict(zip(period_starts(counts["period"]), counts["period"], strict=True))
    span["period"] = span["period_start"].map(lambda t: label_of.get(t, _period_label(t, period)))
    grid = pd.MultiIndex.from_product([sorted(dated[by].astype(str).unique()), span["period"]], names=[by, "period"])
    table = counts.set_index([by, "period"]).reindex(grid, fill_value=0).reset_index()
    table["period_start"] = table["period"].map(dict(zip(span["period"], span["period_start"], strict=True)))
    return table[columns]


def _period_label(start: pd.Timestamp, period: str) -> str:
    if period == "week":
        iso = start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if period == "quarter":
        return f"{start.year}-Q{start.quarter}"
    if period == "year":
        return str(start.year)
    if period == "day":
        return start.strftime("%Y-%m-%d")
    return start.strftime("%Y-%m")
