"""Compare: groups side by side, the clearest differences first, blame and voices.
"""

from __future__ import annotations

import functools

import altair as alt
import streamlit as st

from framing.interfaces import dashboard as ds
from framing.interfaces.dashboard.pages.common import (
    GROUPINGS,
    VOICES,
    View,
    cached_blame_pairs,
    cached_comparisons,
    cached_metric_names,
    cached_metric_sentences,
    cached_pair,
    cached_profiles,
    cached_subset,
    cached_voices,
    choose_metrics,
    export_buttons,
    label_metrics,
    list_sentences,
    not_available,
    optional,
    selected_rows,
    show_chart,
    table_download,
)


def choose_groups(v: View, key: str, *, at_least: int = 2) -> tuple[str, list[str], dict[str, str]]:
    """Grouping (outlet / article / section) and the groups to compare; returns (column, groups, labels)."""
    articles = v.analysis.articles
    # one outlet (or one section) has nothing to compare: open on its articles instead
    one_outlet = articles["outlet"].nunique() < at_least
    left, right = st.columns([1, 3])
    with left:
        by = st.radio("Compare", list(GROUPINGS), format_func=GROUPINGS.get, key=f"{key}-by-{one_outlet}",
                      index=list(GROUPINGS).index("article_id" if one_outlet else "outlet"), horizontal=False)
    if one_outlet and by == "outlet":
        st.caption(f"Every article here comes from {ds.outlet_label(str(articles['outlet'].iloc[0]))}: compare "
                   "articles or sections instead.")
    if by == "article_id":
        labels = ds.article_labels(articles)
        values = list(labels)
        default = values[:at_least]
    else:
        values = sorted(articles[by].unique())
        labels = {value: (ds.outlet_label(value) if by == "outlet" else value or "(none)") for value in values}
        default = values[:6]
    with right:
        # keyed by the values on offer: when the sidebar narrows them, the choice starts again from the
        # default instead of keeping only the groups that survive (one outlet: nothing to compare)
        offered = ds.content_key([(value, b"") for value in values])
        groups = st.multiselect(
            f"{GROUPINGS[by].capitalize()} side by side", values, default=default, format_func=labels.get,
            key=f"{key}-groups-{by}-{offered}",
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
    names = cached_metric_names(v.key, v.analysis)
    if not names:
        st.info("This analysis has none of the columns the metrics need (an older store, or a build without "
                "the annotators).")
        return
    tested = (v.filters.voice,)
    family = () if by != "article_id" else tuple(groups)  # outlets, sections: every group, as in comparisons.csv
    show_differences(v, by, groups, labels, tested, family)
    show_profiles(v, sub, names, by, groups, labels, voices, key)
    show_blame(v, sub, by, groups, labels, v.filters.voice, key)
    show_voices(sub, by, groups, labels, key)


def show_differences(v: View, by: str, groups: list[str], labels: dict, voices: tuple[str, ...],
                     family: tuple[str, ...]) -> None:
    """The differences between two of the groups with the resamples and seed of comparisons.csv: the
    pair on screen is tested alone (values, intervals and p-values are that pair's rows of
    comparisons.csv) and adjusted over its own rows; on request, every pair is tested and adjusted
    together as comparisons.csv does (seconds on a large corpus)."""
    st.subheader("Clearest differences first")
    if optional("framing.analytics.compare", "compare_all") is None:
        not_available("Testing differences between groups", "framing.analytics.compare")
        return
    from framing.analytics.compare import DEFAULT_N_BOOT, pair_rows

    left, middle, right = st.columns([2, 2, 3])
    a = left.selectbox("Group A", groups, format_func=labels.get, key=f"compare-a-{by}")
    b = middle.selectbox("Group B", [g for g in groups if g != a], format_func=labels.get, key=f"compare-b-{by}")
    every = right.toggle(
        f"Adjust over every pair of {GROUPINGS[by]}, as comparisons.csv does", key=f"compare-family-{by}",
        help="Off: the Benjamini-Hochberg adjustment runs over this pair's differences only, and only this pair "
             "is tested (fast). On: every pair is tested and adjusted together, the verdicts of comparisons.csv "
             "(with many groups this takes seconds). Values, intervals and unadjusted p-values are the same.",
    )
    table = None
    if every:
        table = cached_comparisons(f"{v.key}|{by}|{voices}|{family}", v.analysis, by, voices, family)
        result = pair_rows(table, a, b)
        if result.empty:  # a group with a single article is not in the report's family: test the chosen ones
            table = cached_comparisons(f"{v.key}|{by}|{voices}|{groups}", v.analysis, by, voices, tuple(groups))
            result = pair_rows(table, a, b)
        pairs = len(table[["group_a", "group_b"]].drop_duplicates()) if len(table) else 0
        family_note = (f"adjusted over the {pairs} pair(s) of {GROUPINGS[by]} tested together, as in comparisons.csv"
                       if pairs > 1 else "adjusted over this pair")
    else:
        result = cached_pair(v.key, v.analysis, by, voices, a, b)
        family_note = (f"adjusted over this pair's {len(result)} differences; {DEFAULT_N_BOOT:,} resamples and "
                       f"{DEFAULT_N_BOOT:,} permutations")
    clear = int(result["clear"].sum()) if len(result) else 0
    if clear:
        st.success(f"{clear} of {len(result)} differences are statistically clear (95% interval excludes zero and "
                   f"Benjamini-Hochberg p < 0.05, {family_note}); they come first.", icon=":material/insights:")
    else:
        st.info(f"None of the {len(result)} differences is statistically clear with these articles ({family_note}).")
    shown = label_metrics(ds.as_percentages(result, ("value_a", "value_b", "difference", "ci_low", "ci_high")))
    selection = st.dataframe(
        shown[["clear", "metric_label", "voice_label", "value_a", "value_b", "difference", "ci_low", "ci_high",
               "p_adjusted", "n_articles_a", "n_articles_b"]],
        hide_index=True, width="stretch", height=min(38 + 35 * len(shown), 420),
        on_select="rerun", selection_mode="single-row", key=f"compare-diff-table-{by}-{a}-{b}",
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
    st.caption("Shares are in %, rates per 100 sentences. Select a row to read the sentences behind it.")
    left, right = st.columns(2)
    with left:
        table_download(result, f"differences-{ds.safe_file_name(a)}-vs-{ds.safe_file_name(b)}", "compare-diff")
    with right:
        st.download_button(
            "Download a report to cite (HTML)", on_click="ignore", icon=":material/article:", mime="text/html",
            data=functools.partial(report_bytes, v.analysis, by, a, b, table, voices[0], v.filters.describe(),
                                   family or tuple(groups)),
            file_name=f"framing-{ds.safe_file_name(a)}-vs-{ds.safe_file_name(b)}.html", key=f"compare-report-{by}",
            help="One self-contained file: the groups and periods, the clearest differences with their intervals, "
                 "and the sentences behind each with the evidence highlighted.",
        )
    rows = selected_rows(selection)
    if rows:
        row = result.iloc[rows[0]]
        show_metric_sentences(v, by, [a, b], labels, str(row["metric"]), str(row["voice"]))
    st.session_state["compare-report"] = (by, a, b, labels.get(a, a), labels.get(b, b))


def report_bytes(analysis, by: str, a: str, b: str, table, voice: str, filters: str, family: tuple[str, ...]) -> bytes:
    """The HTML report of ``a`` against ``b`` (made on click): the differences of comparisons.csv, every
    pair tested and adjusted together (``table`` when already on screen, else computed now)."""
    from framing.analytics.compare import DEFAULT_N_BOOT, DEFAULT_SEED, compare_all, pair_rows
    from framing.storage.html_report import report_html

    if table is None or pair_rows(table, a, b).empty:
        table = compare_all(analysis, by, list(family) or None, voices=(voice,), n_boot=DEFAULT_N_BOOT,
                            n_perm=DEFAULT_N_BOOT, seed=DEFAULT_SEED)
        if pair_rows(table, a, b).empty:
            table = compare_all(analysis, by, [a, b], voices=(voice,), n_boot=DEFAULT_N_BOOT, n_perm=DEFAULT_N_BOOT,
                                seed=DEFAULT_SEED)
    return report_html(analysis, by=by, pair=(a, b), comparisons=table, voice=voice, filters=filters).encode("utf-8")


def show_metric_sentences(v: View, by: str, groups: list[str], labels: dict, metric: str, voice: str) -> None:
    """The sentences that count toward ``metric`` in each group, side by side, cues highlighted."""
    columns = st.columns(len(groups))
    for column, group in zip(columns, groups, strict=True):
        ids = cached_metric_sentences(f"{v.key}|{by}|{group}|{metric}|{voice}", v.analysis, by, group, metric, voice)
        with column:
            list_sentences(v.analysis, ids, f"**{labels.get(group, group)}**: {len(ids):,} sentence(s) behind "
                           f"{ds.metric_labels([metric])[metric].lower()}", border=False)


def show_profiles(v: View, sub, names: list[str], by: str, groups: list[str], labels: dict,
                  voices: tuple[str, ...], key: str) -> None:
    st.subheader("Profiles with 95% intervals")
    chosen = choose_metrics(names, "compare-metrics", 6)
    profiles = cached_profiles(f"{key}|{voices}|{chosen}", sub, (by,), voices, tuple(chosen))
    data = label_metrics(ds.as_percentages(profiles[profiles["metric"].isin(chosen)], ("value", "ci_low", "ci_high")))
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
    picked = alt.selection_point(name="bar", fields=[by, "metric", "voice"], on="click", clear="dblclick",
                                 empty=False)
    bars = base.mark_bar().encode(
        y=alt.Y("value:Q", title=None),
        color=alt.Color("voice_label:N", title="voice", sort=voice_order),
        opacity=alt.condition("datum.too_few", alt.value(0.3), alt.value(0.9)),
        stroke=alt.condition(picked, alt.value("#222"), alt.value(None)),
        tooltip=tooltip,
    ).add_params(picked)
    errors = base.mark_errorbar(ticks=True, color="#222", thickness=1.2).encode(y="ci_low:Q", y2="ci_high:Q")
    chart = (
        alt.layer(bars, errors, data=data)
        .properties(width=230, height=170)
        .facet(facet=alt.Facet("metric_label:N", title=None, sort=list(dict.fromkeys(data["metric_label"])),
                               header=alt.Header(labelLimit=300)), columns=3)
        .resolve_scale(y="independent")
    )
    event = st.altair_chart(chart, width="stretch", on_select="rerun", selection_mode="bar",
                            key=f"compare-profile-chart-{by}")
    st.caption("Click a bar to read the sentences behind it.")
    export_buttons(chart, "profiles", "compare-profiles")
    table_download(profiles, "profiles", "compare-profiles")
    bar = (event.selection.get("bar", []) if event is not None else []) or [{}]
    group, metric, voice = (str(bar[0].get(name, "")) for name in (by, "metric", "voice"))
    if group and metric:
        ids = cached_metric_sentences(f"{v.key}|{by}|{group}|{metric}|{voice}", v.analysis, by, group, metric, voice)
        list_sentences(v.analysis, ids, f"**{labels.get(group, group)}, {ds.voice_label(voice)}**: {len(ids):,} "
                       f"sentence(s) behind {ds.metric_labels([metric])[metric].lower()}")


def show_blame(v: View, sub, by: str, groups: list[str], labels: dict, voice: str, key: str) -> None:
    """Who blames whom as a table, the most frequent pairs first; a selected row lists its sentences.
    Read from the analysis's relations table when it has one, else from the blame cues."""
    st.subheader("Who is blamed, by whom")
    pairs = cached_blame_pairs(f"{key}|{voice}", sub, by, tuple(groups), voice)
    if pairs.empty:
        st.info(f"No blame cues (source \u2192 target) in these articles, {ds.voice_label(voice)}.")
        return
    shown = pairs.assign(group=pairs[by].map(lambda g: labels.get(g, g)))
    st.caption("'author' is the outlet's own voice; '(unnamed)' a source or target the analyser could not name. "
               "Select a row to read its sentences.")
    selection = st.dataframe(
        shown[["group", "source_actor", "target_actor", "cues", "sentences", "articles"]],
        hide_index=True, width="stretch", height=min(38 + 35 * len(shown), 320),
        on_select="rerun", selection_mode="single-row", key=f"compare-blame-table-{by}",
        column_config={
            "group": GROUPINGS[by][:-1] if by != "article_id" else "article",
            "source_actor": st.column_config.TextColumn("who blames", width="medium"),
            "target_actor": st.column_config.TextColumn("\u2192 whom", width="medium"),
            "cues": st.column_config.ProgressColumn("blame cues", format="%d", min_value=0,
                                                    max_value=int(shown["cues"].max())),
        },
    )
    table_download(pairs, "who-blames-whom", "compare-blame")
    rows = selected_rows(selection)
    if rows:
        row = pairs.iloc[rows[0]]
        ids = ds.pair_sentence_ids(sub, by, row[by], row["source_actor"], row["target_actor"], voice)
        list_sentences(sub, ids, f"**{labels.get(row[by], row[by])}: {row['source_actor']} \u2192 "
                       f"{row['target_actor']}**, {len(ids)} sentence(s)")


VOICE_KINDS = {
    "voice": ("Voice of the sentences", "share of sentences"),
    "speaker": ("Whose words are quoted or reported", "share of quoted or reported sentences"),
    "verb_stance": ("Reporting-verb stance", "share of sentences with a reporting verb"),
}


def show_voices(sub, by: str, groups: list[str], labels: dict, key: str) -> None:
    st.subheader("Whose voices are heard")
    if optional("framing.analytics.matrices", "voices_table") is None:
        not_available("The voices table", "framing.analytics.matrices.voices_table")
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
            x=alt.X("sum(share):Q", title=f"{axis} (%)", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("item:N", title=None, legend=alt.Legend(orient="right", labelLimit=220),
                            scale=ds.item_colours(part["item"])),
            tooltip=["group:N", "item:N", alt.Tooltip("sum(sentences):Q", title="sentences"),
                     alt.Tooltip("sum(share):Q", format=".0%", title="share")],
        ).properties(height=max(34 * len(order) + 50, 24 * part["item"].nunique()))
        show_chart(chart, f"voices-{kind}", f"compare-voices-{kind}")
    table_download(table.drop(columns=["group"]), "voices", "compare-voices")
