"""The framing dashboard: how outlets frame a story, compared side by side and over time, one click
away from the sentences behind every number.

Run ``framing dashboard [PATH]`` or ``streamlit run dashboard.py [-- PATH]``. PATH is a reports folder,
a ``.duckdb`` store or a folder of articles; without one the app opens on the sample corpus. This file
only draws: every number comes from ``framing`` (``framing.analytics.profiles``, ``framing.analytics.compare``,
``framing.analytics.align``, ``framing.interfaces.dashboard``).
"""

from __future__ import annotations

import functools
import importlib
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from framing.config import AnalysisConfig
from framing.errors import LexiconError, ModelError
from framing.interfaces import dashboard as ds
from framing.resources import lexicon_dir, sample_corpus_dir

PATH_VARIABLE = "FRAMING_DASHBOARD_PATH"
VIEWS = ("Overview", "Compare", "Over time", "Sentences", "Same event", "Coding", "Lexicons")
SOURCES = ("Sample corpus", "Analysed corpus or folder", "Upload files")
VOICES = ("all", "author", "quoted")
GROUPINGS = {"outlet": "outlets", "article_id": "articles", "section": "sections"}
NOT_AVAILABLE = "{what} is not available in this installation (`{where}` is missing)."


def optional(module: str, name: str):
    """``module.name`` when that part of framing is installed, else None."""
    try:
        loaded = importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name and module.startswith(error.name):
            return None
        raise
    return getattr(loaded, name, None)


# ---------------------------------------------------------------------------------------------------
# loaders (cached and chained: a filter change recomputes only what depends on it)


# The analyses themselves are cached as resources, not data: a 5,000-article analysis is over 100 MB,
# and st.cache_data would pickle it on every store and unpickle it on every rerun. They are never
# modified in place (filters and views make new frames), so sharing one object between sessions is safe.


@st.cache_resource(show_spinner="Reading and analysing the corpus (first time only)…", max_entries=4)
def load_path(path: str, stamp: float):
    """The analysis behind a path; ``stamp`` (modification time) refreshes it when the files change."""
    from framing.running.load import load

    return load(path)


@st.cache_resource(show_spinner="Analysing the uploaded files…", max_entries=4)
def load_uploads(key: str, _files: tuple[tuple[str, bytes], ...]):
    return ds.analyse_uploads(list(_files))


@st.cache_resource(max_entries=16)
def filtered(key: str, _analysis, _filters: ds.Filters):
    return ds.apply_filters(_analysis, _filters)


@st.cache_resource(max_entries=16)
def cached_subset(key: str, _analysis, _article_ids):
    return ds.subset(_analysis, _article_ids)


@st.cache_data(show_spinner="Computing profiles with 95% intervals…", max_entries=32)
def cached_profiles(key: str, _analysis, by: tuple[str, ...], voices: tuple[str, ...]):
    from framing.analytics.profiles import profiles

    return profiles(_analysis, by=by, voices=voices)


@st.cache_data(show_spinner="Testing the differences…", max_entries=32)
def cached_compare(key: str, _analysis, by: str, a: str, b: str, voices: tuple[str, ...]):
    from framing.analytics.compare import compare

    return compare(_analysis, by, a, b, voices=voices)


@st.cache_data(max_entries=32)
def cached_blame(key: str, _analysis, voice: str, by: tuple[str, ...]):
    from framing.analytics.matrices import blame_matrix

    return blame_matrix(_analysis, voice=voice, by=by)


@st.cache_data(max_entries=32)
def cached_voices(key: str, _analysis, by: tuple[str, ...]):
    from framing.analytics.matrices import voices_table

    return voices_table(_analysis, by=by)

@st.cache_data(show_spinner="Computing the timeline…", max_entries=32)
def cached_timeline(key: str, _analysis, by: str, period: str):
    from framing.analytics.profiles import timeline

    return timeline(_analysis, by=by, period=period)


@st.cache_data(show_spinner="Aligning sentences across outlets…", max_entries=16)
def cached_alignment(key: str, _analysis, article_ids: tuple[str, ...], min_similarity: float, max_days: int):
    from framing.analytics.align import align_event

    return align_event(_analysis, article_ids=list(article_ids) or None, min_similarity=min_similarity, max_days=max_days)


@st.cache_data(max_entries=32)
def cached_sentences(key: str, _analysis, query: str, dimensions: tuple[str, ...], actor: str, voice: str):
    return ds.sentence_table(_analysis, query=query, dimensions=dimensions, actor=actor, voice=voice)


@st.cache_data(show_spinner="Re-analysing the articles with and without the new term…", max_entries=8)
def cached_lexicon_diff(key: str, _analysis, _before: AnalysisConfig, _after: AnalysisConfig):
    return ds.sentence_changes(ds.reanalyse(_analysis, _before), ds.reanalyse(_analysis, _after))


@st.cache_resource(show_spinner="Training and cross-validating the model…", max_entries=4)
def cached_model(key: str, _labels: pd.DataFrame, dimension: str):
    """(model, TrainingReport) from the codes given by hand."""
    from framing.classifiers.train import train_model

    return train_model(_labels, dimension=dimension, source="your codes")


# ---------------------------------------------------------------------------------------------------
# sidebar groups: each returns the user's choice


@dataclass(frozen=True)
class Source:
    kind: str  # sample / path / upload
    path: str = ""
    files: tuple[tuple[str, bytes], ...] = ()


def default_path() -> str:
    """The path given on the command line (``streamlit run dashboard.py -- PATH``) or by ``framing
    dashboard`` through the environment; empty for the sample corpus."""
    ours = bool(sys.argv) and Path(sys.argv[0]).resolve() == Path(__file__).resolve()  # not when imported
    args = [a for a in sys.argv[1:] if not a.startswith("-")] if ours else []
    return args[0] if args else os.environ.get(PATH_VARIABLE, "")


def choose_source() -> Source:
    st.sidebar.header("Corpus")
    given = default_path()
    kind = st.sidebar.radio("Open", SOURCES, index=1 if given else 0, key="source", label_visibility="collapsed")
    if kind == SOURCES[1]:
        path = st.sidebar.text_input(
            "Reports folder, .duckdb store, or folder of articles", value=given, key="source_path"
        ).strip()
        return Source("path", path)
    if kind == SOURCES[2]:
        uploaded = st.sidebar.file_uploader(
            f"Articles ({', '.join(ds.UPLOAD_TYPES)}); up to {ds.MAX_UPLOAD_FILES} files, "
            f"{ds.MAX_UPLOAD_BYTES // 2**20} MB in all",
            type=list(ds.UPLOAD_TYPES),
            accept_multiple_files=True,
            key="uploads",
            max_upload_size=ds.MAX_UPLOAD_BYTES // 2**20,
        )
        return Source("upload", files=tuple((f.name, f.getvalue()) for f in uploaded or ()))
    return Source("sample", str(sample_corpus_dir()))


def choose_filters(options: ds.FilterOptions, scope: str) -> ds.Filters:
    st.sidebar.header("Filters")
    outlets = st.sidebar.multiselect(
        "Outlets", options.outlets, format_func=ds.outlet_label, placeholder="all outlets", key=f"outlets-{scope}"
    )
    start = end = ""
    if options.first_date:
        first, last = pd.Timestamp(options.first_date).date(), pd.Timestamp(options.last_date).date()
        chosen = st.sidebar.date_input(
            "Published between", value=(first, last), min_value=first, max_value=last, key=f"dates-{scope}"
        )
        if isinstance(chosen, tuple | list) and len(chosen) == 2 and (chosen[0], chosen[1]) != (first, last):
            start, end = chosen[0].isoformat(), chosen[1].isoformat()
            if options.undated:
                st.sidebar.caption(f"{options.undated} undated article(s) are left out by the date range.")
    actors = st.sidebar.multiselect(
        "Actors mentioned", options.actors, placeholder="any actor", key=f"actors-{scope}"
    )
    sections = st.sidebar.multiselect("Sections", options.sections, placeholder="all sections", key=f"sections-{scope}")
    voice = st.sidebar.radio(
        "Voice", VOICES, format_func=ds.voice_label, key=f"voice-{scope}", horizontal=True,
        help="authorial: the outlet's own words; quoted or reported: words attributed to a source",
    )
    return ds.Filters(tuple(outlets), start, end, tuple(sections), tuple(actors), voice)


# ---------------------------------------------------------------------------------------------------
# small drawing helpers


def table_download(table: pd.DataFrame, name: str, key: str) -> None:
    st.download_button(
        f"Download {name}.csv", data=functools.partial(ds.csv_bytes, table), file_name=f"{name}.csv",
        mime="text/csv", key=f"csv-{key}", on_click="ignore", icon=":material/download:",
    )


def show_chart(chart: alt.TopLevelMixin, name: str, key: str) -> None:
    """Draw an altair chart with PNG and SVG downloads (when vl-convert-python is installed)."""
    st.altair_chart(chart, width="stretch")
    if not ds.chart_export_available():
        st.caption("Install `vl-convert-python` to download the charts as PNG or SVG.")
        return
    # the image is made only when a button is clicked (deferred download)
    left, right, _ = st.columns([1, 1, 4])
    with left:
        st.download_button(
            "PNG", data=functools.partial(ds.chart_image, chart, "png"), file_name=f"{name}.png", mime="image/png",
            key=f"png-{key}", on_click="ignore", icon=":material/image:",
        )
    with right:
        st.download_button(
            "SVG", data=functools.partial(ds.chart_image, chart, "svg"), file_name=f"{name}.svg",
            mime="image/svg+xml", key=f"svg-{key}", on_click="ignore", icon=":material/image:",
        )


def html_block(body: str) -> None:
    if body.strip():
        st.html(body)


def not_available(what: str, where: str) -> None:
    st.info(NOT_AVAILABLE.format(what=what, where=where), icon=":material/extension_off:")


def label_metrics(table: pd.DataFrame) -> pd.DataFrame:
    """The table with ``metric_label`` (label and unit) and ``voice_label`` columns for display."""
    out = table.copy()
    out["metric_label"] = out["metric"].map(ds.metric_labels(out["metric"]))
    out["voice_label"] = out["voice"].map(ds.voice_label) if "voice" in out else "all voices"
    return out


def choose_metrics(names: list[str], key: str, default_count: int) -> list[str]:
    names = ds.order_metrics(names)
    labels = ds.metric_labels(names)
    return st.multiselect(
        "Metrics", names, default=ds.default_metrics(names, default_count), format_func=labels.get, key=key,
        help="Per-actor metrics (blame received, share of quotes, stance) are listed after the general ones.",
    )


@dataclass
class View:
    """What every view draws from: the whole analysis, the filtered one, and the choices made."""

    full: object
    analysis: object
    key: str  # identifies the filtered analysis, for the caches
    filters: ds.Filters
    options: ds.FilterOptions
    messages: tuple[str, ...] = ()


def view_overview(v: View) -> None:
    summary = ds.corpus_summary(v.analysis)
    full = ds.corpus_summary(v.full)
    cols = st.columns([1, 1, 2.2, 1.3, 1])
    cols[0].metric("Articles", f"{summary['articles']:,}", help=f"{full['articles']:,} before the filters")
    cols[1].metric("Outlets", summary["outlets"])
    span = f"{summary['first_date']} \u2013 {summary['last_date']}" if summary["first_date"] else "no dates"
    cols[2].metric("Date range", span)
    cols[3].metric("Sentences analysed", f"{summary['sentences']:,}")
    cols[4].metric("Skipped inputs", full["skipped"])
    if summary["undated"]:
        st.caption(f"{summary['undated']} article(s) have no publication date.")
    for text in v.messages:
        st.warning(text, icon=":material/warning:")

    st.subheader("Outlets")
    outlets = ds.outlet_summary(v.analysis)
    st.dataframe(outlets, hide_index=True, width="stretch")
    table_download(outlets, "outlets", "overview-outlets")

    st.subheader("Skipped inputs and why")
    if len(v.full.skipped):
        st.dataframe(v.full.skipped, hide_index=True, width="stretch")
        table_download(v.full.skipped, "skipped", "overview-skipped")
    else:
        st.success("Every input was read and analysed.", icon=":material/check_circle:")
    warned = v.analysis.articles[v.analysis.articles["warnings"] != ""]
    if len(warned):
        with st.expander(f"Warnings while reading ({len(warned)} article(s))"):
            st.dataframe(warned[["source", "title", "warnings"]], hide_index=True, width="stretch")

    st.subheader("Articles")
    articles = v.analysis.articles.drop(columns=["text"])
    st.dataframe(articles, hide_index=True, width="stretch", column_config={"url": st.column_config.LinkColumn("url")})
    table_download(articles, "articles", "overview-articles")
    missing = ds.missing_parts(v.analysis.sentences)
    if missing:
        st.caption("Not in this analysis: " + ", ".join(missing) + ".")


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


def view_sentences(v: View) -> None:
    cues = v.analysis.cues
    dims = ds.sort_dimensions(set(cues["dimension"]) - {"actor"})
    c1, c2, c3, c4 = st.columns([3, 2, 2, 1])
    query = c1.text_input("Search the sentences", key="sent-query", placeholder="words, e.g. ceasefire")
    dimensions = c2.multiselect("With cues of", dims, format_func=ds.dimension_label, key="sent-dims",
                                placeholder="any dimension")
    actor = c3.selectbox("Involving actor", ["", *v.options.actors], format_func=lambda a: a or "any actor",
                         key="sent-actor")
    voice_options = ("all", "author", "quoted", "direct", "indirect")
    voice = c4.selectbox("Voice", voice_options, index=voice_options.index(v.filters.voice),
                         format_func=ds.voice_label, key=f"sent-voice-{v.filters.voice}")
    table = cached_sentences(f"{v.key}|sentences", v.analysis, query, tuple(dimensions), actor, voice)
    st.caption(f"{len(table):,} sentence(s) of {len(v.analysis.sentences):,}. Select a row to open its article.")
    selection = st.dataframe(
        table.drop(columns=["article_id", "title"]), hide_index=True, width="stretch", height=300,
        on_select="rerun", selection_mode="single-row", key="sent-table",
        column_config={"text": st.column_config.TextColumn("sentence", width="large")},
    )
    table_download(table, "sentences", "sentences")
    if table.empty:
        return

    st.subheader("Cues in the text")
    st.html(ds.legend_html(dims or ds.DIMENSION_PRIORITY))
    page_size = 20
    pages = max(1, -(-len(table) // page_size))
    page = st.number_input("Page", 1, pages, 1, key="sent-page") if pages > 1 else 1
    shown = table.iloc[(page - 1) * page_size : page * page_size]
    st.html(ds.sentence_list_html(shown, v.analysis))

    rows = selection.selection.rows if selection is not None and hasattr(selection, "selection") else []
    ids = table["sentence_id"].tolist()
    if rows:
        st.session_state["sent-open"] = ids[rows[0]]
    if st.session_state.get("sent-open") not in ids:
        st.session_state["sent-open"] = ids[0]
    labels = dict(zip(table["sentence_id"], table["text"], strict=True))
    opened = st.selectbox("Open the article of", ids, key="sent-open",
                          format_func=lambda s: (labels[s][:110] + "\u2026") if len(labels[s]) > 110 else labels[s])
    article_id = table.loc[table["sentence_id"] == opened, "article_id"].iloc[0]
    show_article(v.analysis, article_id, opened)


def show_article(analysis, article_id: str, selected: str | None = None) -> None:
    article = analysis.articles[analysis.articles["article_id"] == article_id].iloc[0]
    sentences = analysis.sentences[analysis.sentences["article_id"] == article_id]
    cues = analysis.cues[analysis.cues["article_id"] == article_id]
    with st.container(border=True):
        st.markdown(f"**{ds.outlet_label(article['outlet'])}** \u00b7 {article['published'] or 'undated'} \u00b7 "
                    f"{article['author'] or 'no byline'} \u00b7 {article['section'] or ''}")
        shown_dims = sorted(set(cues["dimension"]))
        hide_actors = st.toggle("Hide actor mentions", value=True, key="article-hide-actors")
        dims = [d for d in shown_dims if not (hide_actors and d == "actor")]
        html_block(ds.legend_html(dims))
        html_block(ds.article_html(article["text"], sentences, cues, selected=selected, dimensions=dims))
        with st.expander(f"All {len(cues)} cues of this article"):
            st.dataframe(cues.drop(columns=["article_id"]), hide_index=True, width="stretch")
            table_download(cues, f"cues-{article_id}", f"article-cues-{article_id}")


def view_same_event(v: View) -> None:
    if optional("framing.analytics.align", "align_event") is None:
        not_available("Aligning the same event across outlets", "framing.analytics.align")
        return
    labels = ds.article_labels(v.analysis.articles)
    chosen = st.multiselect("Articles about the event (none: every article in the filters)", list(labels),
                            format_func=labels.get, key="event-articles")
    c1, c2 = st.columns(2)
    min_similarity = c1.slider("Minimum similarity", 0.1, 0.9, 0.35, 0.05, key="event-sim")
    max_days = c2.slider("At most days apart", 0, 14, 3, key="event-days")
    pairs = cached_alignment(f"{v.key}|{sorted(chosen)}", v.analysis, tuple(sorted(chosen)), min_similarity, max_days)
    st.caption(f"{len(pairs):,} aligned sentence pair(s) across outlets.")
    if pairs.empty:
        st.info("No sentence pairs found: choose articles on the same event from different outlets, or lower the "
                "similarity.")
        return
    table_download(pairs, "aligned-sentences", "event")
    html_block(ds.aligned_pairs_html(pairs.head(50)))
    if len(pairs) > 50:
        st.caption("The first 50 pairs are shown; the download holds them all.")


def view_coding(v: View) -> None:
    sheet: ds.CodingSheet = st.session_state.setdefault("coding-sheet", ds.CodingSheet())
    c1, c2, c3 = st.columns([2, 2, 2])
    choice = c1.selectbox("Code for", [*ds.CODING_DIMENSIONS, "your own label"], key="coding-dimension")
    label = choice
    if choice == "your own label":
        label = c2.text_input("Label name", key="coding-label", placeholder="e.g. human_interest").strip()
    coder = c3.text_input("Coder", key="coding-coder", placeholder="your initials")
    if not label:
        st.info("Name the label to code.")
        return
    previous = st.file_uploader("Continue from a coding file (CSV)", type=["csv"], key="coding-upload")
    if previous is not None and st.session_state.get("coding-loaded") != previous.file_id:
        try:
            st.session_state["coding-sheet"] = sheet = ds.CodingSheet.from_csv(previous.getvalue())
            st.session_state["coding-loaded"] = previous.file_id
        except ValueError as error:
            st.error(f"{previous.name}: {error}")

    done = sheet.coded_ids(label) | st.session_state.setdefault("coding-skipped", set())
    sentences = v.analysis.sentences[ds.voice_mask(v.analysis.sentences, v.filters.voice)]
    upcoming = ds.next_to_code(sentences, done, n=1, seed=0)
    coded = sheet.wide(label)
    st.caption(f"{len(coded)} sentence(s) coded for **{label}** ({int(coded[label].sum()) if len(coded) else 0} "
               f"yes); {len(sentences) - len(done):,} left in the filtered corpus.")
    if upcoming.empty:
        st.success("Every sentence in the filters is coded.")
    else:
        current = upcoming.iloc[0]
        with st.container(border=True):
            show_cues = st.toggle("Show the analyser's cues (can bias the coding)", value=False, key="coding-cues")
            cues = v.analysis.cues[v.analysis.cues["sentence_id"] == current["sentence_id"]] if show_cues else []
            html_block(f'<p style="font-size:1.15em;line-height:1.6">'
                       f'{ds.highlight_html(current["text"], cues, offset=int(current["start"]))}</p>')
            b1, b2, b3, _ = st.columns([1, 1, 1, 3])
            if b1.button(f"Yes: {label}", key="coding-yes", type="primary"):
                sheet.code(current["sentence_id"], current["text"], label, 1, coder)
                st.rerun()
            if b2.button(f"No {label}", key="coding-no"):
                sheet.code(current["sentence_id"], current["text"], label, 0, coder)
                st.rerun()
            if b3.button("Skip", key="coding-skip"):
                st.session_state["coding-skipped"].add(current["sentence_id"])
                st.rerun()

    if len(sheet.rows):
        st.subheader("Your codes")
        st.dataframe(sheet.frame(), hide_index=True, width="stretch")
        table_download(sheet.frame(), "coding", "coding-all")

    st.subheader("Train a model from your codes")
    if optional("framing.classifiers.train", "train_model") is None:
        not_available("Training a model", "framing.classifiers.train")
        return
    positives = int(coded[label].sum()) if len(coded) else 0
    st.caption(f"{len(coded)} codes, {positives} yes and {len(coded) - positives} no. Cross-validation keeps the "
               "sentences of one article in the same fold.")
    if st.button(f"Train on {len(coded)} codes", key="coding-train", disabled=len(coded) < 2):
        labels = ds.training_frame(sheet, label, v.full.sentences)
        try:
            st.session_state[f"coding-model-{label}"] = cached_model(ds.content_key([("codes", ds.csv_bytes(labels))]),
                                                                     labels, label)
        except (ModelError, ValueError) as error:  # too few codes of a class, or too few for the folds
            st.warning(f"The model cannot be trained from these codes yet: {error}")
    trained = st.session_state.get(f"coding-model-{label}")
    if trained is not None:
        _, report = trained
        st.markdown("**Cross-validated figures**")
        st.dataframe(ds.training_figures(report), hide_index=True, width="stretch",
                     column_config={c: st.column_config.NumberColumn(format="%.3f")
                                    for c in ds.training_figures(report).columns if c not in ("decision", "n")})
        with st.expander("Full report"):
            st.code(report.format(), language=None)


def view_lexicons(v: View) -> None:
    user_dir = Path(st.text_input("Your lexicon folder", value=str(ds.default_user_lexicon_dir()), key="lex-user"))
    files = ds.lexicon_files(lexicon_dir(), user_dir)
    names = files["name"] + " (" + files["origin"] + ")"
    chosen = st.selectbox("Lexicon", range(len(files)), format_func=lambda i: names.iloc[i], key="lex-file")
    path = Path(files.iloc[chosen]["path"])
    name = files.iloc[chosen]["name"]
    table = ds.read_lexicon_table(path)
    query = st.text_input("Search the entries", key="lex-query")
    shown = ds.search_table(table, query)
    st.caption(f"{len(shown):,} of {len(table):,} entries in {name}.")
    st.dataframe(shown, hide_index=True, width="stretch", height=360)
    table_download(shown, Path(name).stem, "lex-table")

    st.subheader(f"Add an entry to your {name}")
    header = ds.lexicon_header(path)
    with st.form("lex-add"):
        cols = st.columns(min(len(header), 4))
        row = {column: cols[i % len(cols)].text_input(column, key=f"lex-new-{name}-{column}")
               for i, column in enumerate(header)}
        preview = st.form_submit_button("See which sentences it changes")
    if preview:
        st.session_state["lex-pending"] = (name, row)
    pending = st.session_state.get("lex-pending")
    if not pending or pending[0] != name:
        return
    row = pending[1]
    try:
        staged = ds.staged_lexicon_dir(user_dir, name, row, header)
    except ValueError as error:
        st.error(str(error))
        return
    try:
        before, after = ds.user_config(user_dir), ds.user_config(staged)
        try:
            ds.check_lexicons(after)
        except LexiconError as error:
            st.error(f"The new entry does not fit the lexicon: {error}")
            return
        ids = ds.articles_containing(v.analysis, row[header[0]])[: ds.MAX_REANALYSE_ARTICLES]
        if not ids:
            st.info(f"No article in the filters contains '{row[header[0]]}', so no sentence changes.")
        else:
            sub = ds.subset(v.analysis, ids)
            changes = cached_lexicon_diff(f"{v.key}|{name}|{sorted(row.items())}|{user_dir}", sub, before, after)
            st.caption(f"Re-analysed the {len(ids)} article(s) containing the term"
                       f"{' (the first ' + str(ds.MAX_REANALYSE_ARTICLES) + ')' if len(ids) == ds.MAX_REANALYSE_ARTICLES else ''}.")
            if changes.empty:
                st.info("The new entry changes no sentence in these articles.")
            else:
                st.success(f"{len(changes)} sentence(s) change.")
                st.dataframe(changes, hide_index=True, width="stretch")
                table_download(changes, "lexicon-changes", "lex-changes")
        new_file = staged / name
        c1, c2 = st.columns(2)
        c1.download_button(f"Download your {Path(name).name} with the entry", new_file.read_bytes(),
                           file_name=Path(name).name, mime="text/tab-separated-values", key="lex-download")
        if c2.button(f"Save to {user_dir / name}", key="lex-save", type="primary"):
            saved = ds.add_term(user_dir, name, row, header)
            st.session_state.pop("lex-pending", None)
            st.success(f"Saved to {saved}. Re-analyse with `--lexicon-dir {user_dir}` to use it everywhere.")
    finally:
        shutil.rmtree(staged, ignore_errors=True)


RENDER = {
    "Overview": view_overview,
    "Compare": view_compare,
    "Over time": view_over_time,
    "Sentences": view_sentences,
    "Same event": view_same_event,
    "Coding": view_coding,
    "Lexicons": view_lexicons,
}


# ---------------------------------------------------------------------------------------------------


def open_source(source: Source):
    """(analysis or None, cache key, messages)."""
    if source.kind == "upload":
        if not source.files:
            return None, "", ["Upload article files (or a CSV / JSON Lines export) to analyse them here."]
        key = ds.content_key(source.files)
        analysis, problems = load_uploads(key, source.files)
        return analysis, f"upload:{key}", problems
    path = Path(source.path).expanduser()
    if not source.path or not path.exists():
        return None, "", [f"Not found: {source.path or '(no path given)'}"]
    analysis = load_path(str(path.resolve()), ds.path_stamp(path))
    return analysis, f"path:{path.resolve()}:{ds.path_stamp(path)}", []


def main() -> None:
    st.set_page_config(page_title="framing", page_icon=":material/newspaper:", layout="wide")
    source = choose_source()
    analysis, key, messages = open_source(source)
    if analysis is None:
        st.title("framing")
        for text in messages:
            st.warning(text)
        return
    if analysis.articles.empty:
        st.title("framing")
        st.error("No article could be analysed.")
        for text in messages:
            st.warning(text)
        if len(analysis.skipped):
            st.dataframe(analysis.skipped, hide_index=True, width="stretch")
        return
    options = ds.filter_options(analysis)
    filters = choose_filters(options, key)
    view_key = f"{key}|{filters.key()}"
    current = filtered(view_key, analysis, filters)
    if current.articles.empty:
        st.warning("No article passes the filters.")
        return
    v = View(analysis, current, view_key, filters, options, tuple(messages))
    tabs = st.tabs(VIEWS, key="view", on_change="rerun", bind="query-params")
    for name, tab in zip(VIEWS, tabs, strict=True):
        if tab.open:
            with tab:
                RENDER[name](v)


if __name__ == "__main__":
    main()
