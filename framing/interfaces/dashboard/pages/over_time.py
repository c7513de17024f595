"""Over time: articles per outlet per period, then each chosen metric per outlet with its 95%
intervals and flagged shifts; a clicked point lists the sentences behind it.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from framing.interfaces import dashboard as ds
from framing.interfaces.dashboard.pages.common import (
    View,
    cached_metric_names,
    cached_metric_sentences,
    cached_timeline,
    cached_volume,
    choose_metrics,
    export_buttons,
    label_metrics,
    list_sentences,
    not_available,
    optional,
    table_download,
)

PERIODS = ("week", "month", "quarter")


def time_axis(period: str) -> alt.X:
    """A time axis labelled by the period itself (Mar 2025, Q1 2025, 03 Mar 2025), one tick per period
    at most."""
    unit = {"week": "week", "month": "month", "quarter": "quarter"}.get(period, "day")
    step = {"week": "week", "quarter": "month"}.get(period, unit)
    return alt.X("period_start:T", title=None,
                 axis=alt.Axis(format=ds.PERIOD_AXIS_FORMAT.get(period, "%b %Y"), labelAngle=-30,
                               tickCount={"interval": step, "step": 3 if period == "quarter" else 1}))


def volume_chart(table: pd.DataFrame, period: str, outlets) -> alt.Chart:
    """Articles per outlet per period: one line per outlet, zero in periods without articles; a point
    can be clicked (selection ``volume``) to list the headlines of its articles."""
    data = table.assign(outlet_label=table["outlet"].map(ds.outlet_label))
    picked = alt.selection_point(name="volume", fields=["outlet", "period"], on="click", clear="dblclick")
    return alt.Chart(data).mark_line(point=alt.OverlayMarkDef(size=45, filled=True)).encode(
        x=time_axis(period),
        y=alt.Y("articles:Q", title=f"articles per {period}", axis=alt.Axis(format="d", tickMinStep=1)),
        color=alt.Color("outlet_label:N", title="outlet", scale=ds.outlet_colours(outlets)),
        tooltip=[alt.Tooltip("outlet_label:N", title="outlet"), "period:N", "articles:Q"],
    ).add_params(picked).properties(height=180)


def show_volume(v: View, period: str, key: str) -> None:
    table = cached_volume(f"{v.key}|{period}", v.analysis, period)
    if table.empty:
        st.caption("No dated articles: no volume over time.")
        return
    chart = volume_chart(table, period, v.options.outlets)
    event = st.altair_chart(chart, width="stretch", on_select="rerun", selection_mode="volume",
                            key=f"{key}-volume-{period}")
    st.caption("Click a point to list the headlines of its articles.")
    picked = event.selection.get("volume", []) if event is not None else []
    if picked:
        outlet, when = str(picked[0].get("outlet", "")), str(picked[0].get("period", ""))
        articles = ds.period_article_ids(v.analysis, "outlet", outlet, period, when)
        ids = ds.article_sentence_ids(v.analysis, articles, headlines=True)
        list_sentences(v.analysis, ids, f"**{ds.outlet_label(outlet)}, {when}**: {len(articles):,} article(s)")
    export_buttons(chart, f"volume-{period}", f"{key}-volume")


def view_over_time(v: View) -> None:
    if optional("framing.analytics.profiles", "timeline") is None:
        not_available("The timeline", "framing.analytics.profiles.timeline")
        return
    period = st.radio("Period", PERIODS, index=1, key="time-period", horizontal=True)
    st.markdown("**Articles per outlet**")
    show_volume(v, period, "time")
    names = cached_metric_names(v.key, v.analysis)
    if not names:
        st.info("This analysis lacks the metric columns (an older store, or a build without the annotators).")
        return
    chosen = choose_metrics(names, "time-metrics", 3)
    voice = v.filters.voice
    table = cached_timeline(f"{v.key}|{period}|{chosen}|{voice}", v.analysis, "outlet", period, tuple(chosen), (voice,))
    if table.empty:
        st.info("Nothing to draw: the articles have no dates." if chosen else "Choose one or more metrics.")
        return
    data = table[table["metric"].isin(chosen) & (table["voice"] == voice)]
    if data.empty:
        st.info(f"No values for these metrics in the voice '{ds.voice_label(voice)}' (some metrics exist for all "
                "voices only).")
        return
    data = label_metrics(ds.as_percentages(data, ("value", "ci_low", "ci_high", "reference_low", "reference_high")))
    data["outlet_label"] = data["outlet"].map(ds.outlet_label)
    data["period_start"] = ds.period_starts(data["period"])
    data["too_few"] = data["too_few"].astype(bool)
    data["has_interval"] = data["ci_low"].notna() & data["ci_high"].notna()
    data = ds.mark_gaps(data, period, ["outlet", "metric"])
    shifts = int(data["shift"].sum())
    intervals = int(data["has_interval"].sum())
    st.caption(
        f"Per {period}, {ds.voice_label(voice)}. Bars: 95% intervals ({intervals} of {len(data)} points have one; "
        f"a point resting on a single article has none). Pale points: fewer than 3 articles. "
        f"\u25b2 flagged shift (outside the intervals of the three earlier periods): {shifts} in view. "
        "Lines stop at periods without articles. Click a point to read its sentences."
    )
    colours = ds.outlet_colours(v.options.outlets)
    for metric in chosen:  # in the order chosen
        part = data[data["metric"] == metric]
        if part.empty:
            continue
        label = part["metric_label"].iloc[0]
        st.markdown(f"**{label}**")
        event = st.altair_chart(metric_chart(part, period, colours), width="stretch", on_select="rerun",
                                selection_mode="point", key=f"time-chart-{metric}-{period}")
        picked = event.selection.get("point", []) if event is not None else []
        if picked:
            show_point_sentences(v, period, metric, voice, picked[0], label)
    table_download(table, f"timeline-{period}", "time-table")


def metric_chart(part: pd.DataFrame, period: str, colours) -> alt.LayerChart:
    point = alt.selection_point(name="point", fields=["outlet", "period"], on="click", clear="dblclick")
    base = alt.Chart(part).encode(x=time_axis(period), color=alt.Color("outlet_label:N", title="outlet", scale=colours))
    tooltip = [alt.Tooltip("outlet_label:N", title="outlet"), "period:N", alt.Tooltip("value:Q", format=".2f"),
               alt.Tooltip("ci_low:Q", format=".2f", title="95% from"), alt.Tooltip("ci_high:Q", format=".2f", title="to"),
               "n_articles:Q", "shift:N"]
    line = base.mark_line().encode(y=alt.Y("value:Q", title=None), detail="segment:N")
    bars = base.transform_filter("datum.has_interval").mark_rule(opacity=0.55, strokeWidth=2).encode(
        y="ci_low:Q", y2="ci_high:Q")
    points = base.mark_circle().encode(
        y="value:Q", tooltip=tooltip,
        opacity=alt.condition("datum.too_few", alt.value(0.35), alt.value(1.0)),
        size=alt.condition(point, alt.value(150), alt.value(60)),
    ).add_params(point)
    marks = base.transform_filter("datum.shift").mark_point(
        shape="triangle-up", size=190, filled=True, color="#d62728", yOffset=-12
    ).encode(y="value:Q", tooltip=tooltip)
    return alt.layer(line, bars, points, marks).properties(height=190)


def show_point_sentences(v: View, period: str, metric: str, voice: str, picked: dict, label: str) -> None:
    outlet, when = str(picked.get("outlet", "")), str(picked.get("period", ""))
    ids = cached_metric_sentences(f"{v.key}|time|{outlet}|{period}|{when}|{metric}|{voice}", v.analysis, "outlet",
                                  outlet, metric, voice, period, when)
    list_sentences(v.analysis, ids, f"**{ds.outlet_label(outlet)}, {when}**: {len(ids):,} sentence(s) behind "
                   f"{label.lower()}")
