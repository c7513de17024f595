"""Over time: each outlet per period with intervals and flagged shifts.
"""

from __future__ import annotations

import altair as alt
import streamlit as st

from framing.interfaces import dashboard as ds
from framing.interfaces.dashboard.pages.common import (
    View,
    cached_timeline,
    choose_metrics,
    label_metrics,
    not_available,
    optional,
    show_chart,
    table_download,
)


def view_over_time(v: View) -> None:
    if optional("framing.analytics.profiles", "timeline") is None:
        not_available("The timeline", "framing.analytics.profiles.timeline")
        return
    period = st.radio("Period", ("week", "month", "quarter"), index=1, key="time-period", horizontal=True)
    table = cached_timeline(f"{v.key}|{period}", v.analysis, "outlet", period)
    if table.empty:
        st.info("Nothing to draw: the articles have no dates, or this analysis lacks the metric columns.")
        return
    chosen = choose_metrics(list(dict.fromkeys(table["metric"])), "time-metrics", 3)
    voice = v.filters.voice
    data = table[table["metric"].isin(chosen) & (table["voice"] == voice)]
    if data.empty:
        st.info(f"No values for these metrics in the voice '{ds.voice_label(voice)}' (some metrics exist for all "
                "voices only).")
        return
    data = label_metrics(data)
    data["outlet_label"] = data["outlet"].map(ds.outlet_label)
    data["period_start"] = ds.period_starts(data["period"])
    data["too_few"] = data["too_few"].astype(bool)
    shifts = int(data["shift"].sum())
    st.caption(
        f"Per {period}, {ds.voice_label(voice)}. Bands: 95% intervals. \u25b2 flagged shift (the value lies outside "
        f"the intervals of the three earlier periods): {shifts} in view. Hollow points: too few articles."
    )
    base = alt.Chart().encode(
        x=alt.X("period_start:T", title=period),
        color=alt.Color("outlet_label:N", title="outlet"),
    )
    tooltip = ["outlet_label:N", "period:N", "metric_label:N", alt.Tooltip("value:Q", format=".2f"),
               alt.Tooltip("ci_low:Q", format=".2f", title="95% from"), alt.Tooltip("ci_high:Q", format=".2f", title="to"),
               "n_articles:Q", "shift:N"]
    band = base.mark_area(opacity=0.15).encode(y="ci_low:Q", y2="ci_high:Q")
    line = base.mark_line().encode(y=alt.Y("value:Q", title=None))
    points = base.mark_point(size=40).encode(
        y="value:Q", tooltip=tooltip, fill=alt.condition("datum.too_few", alt.value("white"), "outlet_label:N"),
    )
    marks = base.transform_filter("datum.shift").mark_point(
        shape="triangle-up", size=190, filled=True, color="#d62728", yOffset=-12
    ).encode(y="value:Q", tooltip=tooltip)
    chart = (
        alt.layer(band, line, points, marks, data=data)
        .properties(width=760, height=160)
        .facet(row=alt.Row("metric_label:N", title=None, sort=list(dict.fromkeys(data["metric_label"])),
                           header=alt.Header(labelAngle=0, labelAlign="left", labelLimit=400, labelOrient="top")))
        .resolve_scale(y="independent")
    )
    show_chart(chart, f"timeline-{period}", "time-chart")
    table_download(table, f"timeline-{period}", "time-table")
