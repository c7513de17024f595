"""Compare: groups side by side, the clearest differences first, blame and voices.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from framing.interfaces import dashboard as ds
from framing.interfaces.dashboard.pages.common import (
    GROUPINGS,
    VOICES,
    View,
    cached_blame,
    cached_compare,
    cached_profiles,
    cached_subset,
    cached_voices,
    choose_metrics,
    label_metrics,
    not_available,
    optional,
    show_chart,
    table_download,
)


def choose_groups(v: View, key: str, *, at_least: int = 2) -> tuple[str, list[str], dict[str, str]]:
    """Grouping (outlet / article / section) and the groups to compare; returns (column, groups, labels)."""
    left, right = st.columns([1, 3])
    with left:
        by = st.radio("Compare", list(GROUPINGS), format_func=GROUPINGS.get, key=f"{key}-by", horizontal=False)
    articles = v.analysis.articles
    if by == "article_id":
        labels = ds.article_labels(articles)
        values = list(labels)
        default = values[:at_least]
    else:
        values = sorted(articles[by].unique())
        labels = {value: (ds.outlet_label(value) if by == "outlet" else value or "(none)") for value in values}
        default = values[:6]
    with right:
        groups = st.multiselect(
            f"{GROUPINGS[by].capitalize()} side by side", values, default=default, format_func=labels.get,
            key=f"{key}-groups-{by}",
        )
    return by, groups, labels


def view_compare(v: View) -> None:
    if optional("framing.analytics.profiles", "profiles") is None:
        not_available("Comparing outlets and articles", "framing.analytics.profiles")
        return
    by, groups, labels = choose_groups(v, "compare")
    if len(groups) < 2:
        st.info("Choose two or more to compare.")
        return
    ids = v.analysis.articles.loc[v.analysis.articles[by].isin(groups), "article_id"]
    key = f"{v.key}|{by}|{groups}"
    sub = cached_subset(key, v.analysis, ids)
    voices = VOICES if v.filters.voice == "all" else (v.filters.voice,)
    profiles = cached_profiles(key, sub, (by,), voices)
    if profiles.empty:
        st.info("This analysis has none of the columns the metrics need (an older store, or a build without "
                "the annotators).")
        return
    show_differences(sub, by, groups, labels, voices, key)
    show_profiles(profiles, by, groups, labels, voices)
    show_blame(sub, by, groups, labels, v.filters.voice, key)
    show_voices(sub, by, groups, labels, key)


def show_differences(sub, by: str, groups: list[str], labels: dict, voices: tuple[str, ...], key: str) -> None:
    st.subheader("Clearest differences first")
    if optional("framing.analytics.compare", "compare") is None:
        not_available("Testing differences between groups", "framing.analytics.compare")
        return
    left, right = st.columns(2)
    a = left.selectbox("Group A", groups, format_func=labels.get, key=f"compare-a-{by}")
    b = right.selectbox("Group B", [g for g in groups if g != a], format_func=labels.get, key=f"compare-b-{by}")
    result = cached_compare(f"{key}|{a}|{b}", sub, by, a, b, voices)
    clear = int(result["clear"].sum()) if len(result) else 0
    if clear:
        st.success(f"{clear} of {len(result)} differences are statistically clear (95% interval excludes zero and "
                   "Benjamini-Hochberg adjusted p < 0.05); they come first.", icon=":material/insights:")
    else:
        st.info(f"None of the {len(result)} differences is statistically clear with these articles.")
    shown = label_metrics(result)
    st.dataframe(
        shown[["clear", "metric_label", "voice_label", "value_a", "value_b", "difference", "ci_low", "ci_high",
               "p_adjusted", "n_articles_a", "n_articles_b"]],
        hide_index=True, width="stretch", height=min(38 + 35 * len(shown), 420),
        column_config={
            "clear": st.column_config.CheckboxColumn("clear", help="statistically clear difference"),
            "metric_label": st.column_config.TextColumn("metric", width="large"),
            "voice_label": "voice",
            "value_a": st.column_config.NumberColumn(f"A: {labels.get(a, a)}", format="%.2f"),
            "value_b": st.column_config.NumberColumn(f"B: {labels.get(b, b)}", format="%.2f"),
            "difference": st.column_config.NumberColumn("A \u2212 B", format="%.2f"),
            "ci_low": st.column_config.NumberColumn("95% interval from", format="%.2f"),
            "ci_high": st.column_config.NumberColumn("to", format="%.2f"),
            "p_adjusted": st.column_config.NumberColumn("p (adjusted)", format="%.3f"),
            "n_articles_a": "articles A", "n_articles_b": "articles B",
        },
    )
    table_download(result, f"differences-{ds.safe_file_name(a)}-vs-{ds.safe_file_name(b)}", "compare-diff")


def show_profiles(profiles: pd.DataFrame, by: str, groups: list[str], labels: dict, voices: tuple[str, ...]) -> None:
    st.subheader("Profiles with 95% intervals")
    chosen = choose_metrics(list(dict.fromkeys(profiles["metric"])), "compare-metrics", 6)
    data = label_metrics(profiles[profiles["metric"].isin(chosen)])
    if data.empty:
        st.info("Choose one or more metrics.")
        return
    too_few = data[data["too_few"].astype(bool)]
    if len(too_few):
        names = sorted({labels.get(g, g) for g in too_few[by]})
        st.warning(f"Too few articles (fewer than 3 contributing) for a reliable interval (pale bars): "
                   f"{'; '.join(names)}.", icon=":material/warning:")
    data["group"] = data[by].map(lambda g: labels.get(g, g))
    order = [labels.get(g, g) for g in groups]
    voice_order = [ds.voice_label(x) for x in voices]
    base = alt.Chart().encode(
        x=alt.X("group:N", title=None, sort=order, axis=alt.Axis(labelLimit=150, labelAngle=-30, labelOverlap=False)),
        xOffset=alt.XOffset("voice_label:N", sort=voice_order),
    )
    tooltip = ["group:N", "metric_label:N", "voice_label:N", alt.Tooltip("value:Q", format=".2f"),
               alt.Tooltip("ci_low:Q", format=".2f", title="95% from"), alt.Tooltip("ci_high:Q", format=".2f", title="to"),
               "n_articles:Q", "n_sentences:Q", "too_few:N"]
    bars = base.mark_bar().encode(
        y=alt.Y("value:Q", title=None),
        color=alt.Color("voice_label:N", title="voice", sort=voice_order),
        opacity=alt.condition("datum.too_few", alt.value(0.3), alt.value(0.9)),
        tooltip=tooltip,
    )
    errors = base.mark_errorbar(ticks=True, color="#222", thickness=1.2).encode(y="ci_low:Q", y2="ci_high:Q")
    chart = (
        alt.layer(bars, errors, data=data)
        .properties(width=230, height=170)
        .facet(facet=alt.Facet("metric_label:N", title=None, sort=list(dict.fromkeys(data["metric_label"])),
                               header=alt.Header(labelLimit=300)), columns=3)
        .resolve_scale(y="independent")
    )
    show_chart(chart, "profiles", "compare-profiles")
    table_download(profiles, "profiles", "compare-profiles")


def show_blame(sub, by: str, groups: list[str], labels: dict, voice: str, key: str) -> None:
    st.subheader("Who is blamed, by whom")
    if optional("framing.analytics.profiles", "blame_matrix") is None:
        not_available("The blame matrix", "framing.analytics.profiles.blame_matrix")
        return
    matrix = cached_blame(f"{key}|{voice}", sub, voice, (by,))
    matrix = matrix[matrix[by].isin(groups)] if by in matrix else matrix
    if matrix.empty:
        st.info(f"No blame cues (source \u2192 target) in these articles, {ds.voice_label(voice)}.")
        return
    matrix = matrix.assign(group=matrix[by].map(lambda g: labels.get(g, g)))
    st.caption("Rows: who assigns responsibility ('author' = the outlet's own voice); columns: who is blamed. "
               "Hover a cell for the sentences and articles behind it.")
    heat = alt.Chart(matrix).mark_rect().encode(
        x=alt.X("target_actor:N", title="target (held responsible)", axis=alt.Axis(labelAngle=-35, labelLimit=140)),
        y=alt.Y("source_actor:N", title="source (assigns blame)", axis=alt.Axis(labelLimit=160)),
        color=alt.Color("cues:Q", title="blame cues", scale=alt.Scale(scheme="oranges")),
        tooltip=["group:N", "source_actor:N", "target_actor:N", "cues:Q", "sentences:Q", "articles:Q"],
    ).properties(  # cells of about the same size in every panel
        width=max(120, 28 * int(matrix.groupby("group")["target_actor"].nunique().max())),
        height=max(80, 22 * int(matrix.groupby("group")["source_actor"].nunique().max())),
    ).facet(
        facet=alt.Facet("group:N", title=None, sort=[labels.get(g, g) for g in groups]), columns=2
    ).resolve_scale(x="independent", y="independent")
    show_chart(heat, "blame-matrix", "compare-blame")
    table_download(matrix.drop(columns=["group"]), "blame-matrix", "compare-blame")


VOICE_KINDS = {
    "voice": ("Voice of the sentences", "share of sentences"),
    "speaker": ("Whose words are quoted or reported", "share of quoted or reported sentences"),
    "verb_stance": ("Reporting-verb stance", "share of sentences with a reporting verb"),
}


def show_voices(sub, by: str, groups: list[str], labels: dict, key: str) -> None:
    st.subheader("Whose voices are heard")
    if optional("framing.analytics.profiles", "voices_table") is None:
        not_available("The voices table", "framing.analytics.profiles.voices_table")
        return
    table = cached_voices(key, sub, (by,))
    table = table[table[by].isin(groups)] if by in table else table
    if table.empty:
        st.info("This analysis has no voice column (attribution did not run).")
        return
    table = table.assign(group=table[by].map(lambda g: labels.get(g, g)))
    order = [labels.get(g, g) for g in groups]
    for kind in [k for k in VOICE_KINDS if k in set(table["kind"])]:
        title, axis = VOICE_KINDS[kind]
        part = table[table["kind"] == kind].copy()
        if kind == "voice":
            part["item"] = part["item"].map(ds.voice_label)
        if kind == "speaker":  # the ten most quoted actors by name; the rest together
            top = part.groupby("item")["sentences"].sum().sort_values(ascending=False).index[:10]
            part["item"] = part["item"].where(part["item"].isin(top), "other actors")
        st.markdown(f"**{title}**")
        chart = alt.Chart(part).mark_bar().encode(
            y=alt.Y("group:N", title=None, sort=order, axis=alt.Axis(labelLimit=220)),
            x=alt.X("sum(share):Q", title=axis, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("item:N", title=None, legend=alt.Legend(orient="right", labelLimit=220)),
            tooltip=["group:N", "item:N", alt.Tooltip("sum(sentences):Q", title="sentences"),
                     alt.Tooltip("sum(share):Q", format=".0%", title="share")],
        ).properties(height=max(34 * len(order) + 50, 24 * part["item"].nunique()))
        show_chart(chart, f"voices-{kind}", f"compare-voices-{kind}")
    table_download(table.drop(columns=["group"]), "voices", "compare-voices")
