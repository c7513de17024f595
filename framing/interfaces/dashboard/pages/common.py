"""What every page shares: the cached computations (keyed by corpus and filter), the View every
page draws from, and small drawing helpers.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import os
import threading
import time
from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st

from framing.config import AnalysisConfig
from framing.interfaces import dashboard as ds

VIEWS = ("Overview", "Compare", "Over time", "Sentences", "Same event", "Coding", "Lexicons")
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
def cached_profiles(key: str, _analysis, by: tuple[str, ...], voices: tuple[str, ...], metrics: tuple[str, ...]):
    """Profiles of the metrics on screen only (every metric of every voice takes seconds on a large corpus)."""
    from framing.analytics.profiles import profiles

    return profiles(_analysis, by=by, voices=voices, metrics=list(metrics))


@st.cache_data(max_entries=32)
def cached_metric_names(key: str, _analysis) -> list[str]:
    """The metrics this analysis supports, actor families expanded (the choices of the metric lists)."""
    from framing.analytics.profiles import available_metrics

    return available_metrics(_analysis)


@st.cache_data(show_spinner="Testing the differences…", max_entries=32)
def cached_comparisons(key: str, _analysis, by: str, voices: tuple[str, ...], groups: tuple[str, ...]):
    """Every pair of groups tested together, as comparisons.csv does (same resamples, same seed, one
    Benjamini-Hochberg adjustment over all pairs); ``groups`` empty: every group with two or more
    articles, the report's family."""
    from framing.analytics.compare import DEFAULT_N_BOOT, DEFAULT_SEED, compare_all

    return compare_all(_analysis, by, list(groups) or None, voices=voices, n_boot=DEFAULT_N_BOOT,
                       n_perm=DEFAULT_N_BOOT, seed=DEFAULT_SEED)


@st.cache_resource(max_entries=8)
def cached_prepared(key: str, _analysis, by: str, voices: tuple[str, ...]):
    """The per-article sums of every metric and each article's group (framing.analytics.compare.prepare),
    once per corpus, filter, grouping and voice: every pair compared on them reuses it."""
    from framing.analytics.compare import prepare

    return prepare(_analysis, by, voices=voices)


@st.cache_data(show_spinner="Testing the differences…", max_entries=64)
def cached_pair(key: str, _analysis, by: str, voices: tuple[str, ...], a: str, b: str):
    """``a`` against ``b`` with the resamples, permutations and seed of comparisons.csv, adjusted over this
    pair's rows (``compare_prepared``); ``key`` identifies the filtered analysis."""
    from framing.analytics.compare import DEFAULT_N_BOOT, DEFAULT_SEED, compare_prepared

    prepared = cached_prepared(key, _analysis, by, voices)
    return compare_prepared(prepared, a, b, n_boot=DEFAULT_N_BOOT, n_perm=DEFAULT_N_BOOT, seed=DEFAULT_SEED)


@st.cache_data(max_entries=32)
def cached_blame(key: str, _analysis, voice: str, by: tuple[str, ...]):
    from framing.analytics.matrices import blame_matrix

    return blame_matrix(_analysis, voice=voice, by=by)


@st.cache_data(max_entries=32)
def cached_blame_pairs(key: str, _analysis, by: str, groups: tuple[str, ...], voice: str):
    return ds.who_blames_whom(_analysis, by, groups, voice)


@st.cache_data(max_entries=64)
def cached_metric_sentences(key: str, _analysis, by: str, group: str, metric: str, voice: str,
                            period: str = "", label: str = ""):
    """The sentences behind one group's value of a metric (in one period when ``period`` is given)."""
    if period:
        ids = ds.period_article_ids(_analysis, by, group, period, label)
    else:
        ids = _analysis.articles.loc[_analysis.articles[by].astype(str) == group, "article_id"]
    return ds.metric_sentence_ids(_analysis, ids, metric, voice)


@st.cache_data(max_entries=32)
def cached_voices(key: str, _analysis, by: tuple[str, ...]):
    from framing.analytics.matrices import voices_table

    return voices_table(_analysis, by=by)

@st.cache_data(show_spinner="Computing the timeline…", max_entries=32)
def cached_timeline(key: str, _analysis, by: str, period: str, metrics: tuple[str, ...], voices: tuple[str, ...]):
    """The timeline of the metrics and voice on screen only."""
    from framing.analytics.profiles import timeline

    return timeline(_analysis, by=by, period=period, metrics=list(metrics), voices=list(voices))


@st.cache_data(max_entries=32)
def cached_volume(key: str, _analysis, period: str):
    return ds.volume(_analysis, period)


@st.cache_data(show_spinner="Aligning sentences across outlets…", max_entries=16)
def cached_alignment(key: str, _analysis, article_ids: tuple[str, ...], min_similarity: float, max_days: int):
    from framing.analytics.align import align_event

    # the slider is the sentences' similarity (the number shown under each pair); articles are paired at
    # align_event's own threshold
    return align_event(_analysis, article_ids=list(article_ids) or None, min_sentence_similarity=min_similarity,
                       max_days=max_days)


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
# small drawing helpers


def table_download(table: pd.DataFrame, name: str, key: str) -> None:
    st.download_button(
        f"Download {name}.csv", data=functools.partial(ds.csv_bytes, table), file_name=f"{name}.csv",
        mime="text/csv", key=f"csv-{key}", on_click="ignore", icon=":material/download:",
    )


def show_chart(chart: alt.TopLevelMixin, name: str, key: str) -> None:
    """Draw an altair chart with PNG and SVG downloads (when vl-convert-python is installed)."""
    st.altair_chart(chart, width="stretch")
    export_buttons(chart, name, key)


def export_buttons(chart: alt.TopLevelMixin, name: str, key: str) -> None:
    """PNG and SVG downloads of ``chart``, made only when clicked."""
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


MAX_LISTED = 30  # sentences listed under a clicked point or a selected row


def selected_rows(event) -> list[int]:
    """The rows selected in an ``st.dataframe(..., on_select="rerun")`` (none when nothing is)."""
    selection = getattr(event, "selection", None)
    return list(getattr(selection, "rows", []) or []) if selection is not None else []


def list_sentences(analysis, ids: list[str], heading: str, *, border: bool = True) -> None:
    """``heading``, then the first MAX_LISTED of the sentences ``ids`` with their cues highlighted."""
    with st.container(border=border):
        st.markdown(heading)
        if not ids:
            st.caption("No sentence counts toward this value (it rests on none: the value is 0 or empty).")
        html_block(ds.sentence_list_html(ds.sentence_table(analysis, sentence_ids=ids[:MAX_LISTED]), analysis))
        if len(ids) > MAX_LISTED:
            st.caption(f"The first {MAX_LISTED} are shown; the Sentences tab searches them all.")


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
    access: ds.Access | None = None  # the folders it may read and write


# ---------------------------------------------------------------------------------------------------
# warming the caches: what Compare and Over time show first is computed in the background once the
# first page of a corpus and filter is drawn, so opening those tabs finds it ready (the per-key compute locks of
# st.cache_data make a tab opened mid-way wait for the same computation instead of repeating it)

_warming: set[str] = set()
_warming_lock = threading.Lock()


def warm_up(v: View) -> None:
    with _warming_lock:
        if v.key in _warming:
            return
        _warming.add(v.key)
    threading.Thread(target=_warm, args=(v,), name="framing-warm-up", daemon=True).start()


WARM_UP_NICENESS = 10  # the warm-up thread yields the CPU to the sessions drawing pages
_drawing = 0  # script runs under way (any session)
IDLE_WAIT_SECONDS = 30.0  # a warm-up step waits at most this long for the pages being drawn


@contextlib.contextmanager
def drawing():
    """Marks a script run: the warm-up starts its next step only when no page is being drawn (its
    pandas steps hold the interpreter for long stretches and would hold up a new session's first page)."""
    global _drawing
    with _warming_lock:
        _drawing += 1
    try:
        yield
    finally:
        with _warming_lock:
            _drawing -= 1


def _when_idle() -> None:
    deadline = time.monotonic() + IDLE_WAIT_SECONDS
    while _drawing and time.monotonic() < deadline:
        time.sleep(0.05)


def _warm(v: View) -> None:
    # Linux: a thread's own niceness (elsewhere the call fails or is absent and nothing changes)
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WARM_UP_NICENESS)
    voice = v.filters.voice
    outlets = sorted(v.analysis.articles["outlet"].unique())
    steps = [
        lambda: cached_volume(f"{v.key}|month", v.analysis, "month"),
        lambda: cached_metric_names(v.key, v.analysis),
        lambda: cached_timeline(f"{v.key}|month|{chosen()}|{voice}", v.analysis, "outlet", "month", tuple(chosen()),
                                (voice,)),
        lambda: cached_prepared(v.key, v.analysis, "outlet", (voice,)),
    ]
    if len(outlets) > 1:  # the pair Compare opens on
        steps.append(lambda: cached_pair(v.key, v.analysis, "outlet", (voice,), outlets[0], outlets[1]))

    def chosen() -> list[str]:
        return ds.default_metrics(ds.order_metrics(cached_metric_names(v.key, v.analysis)), 3)

    try:
        for run in steps:
            _when_idle()
            run()
    except Exception:  # noqa: BLE001 - a failed warm-up only means the page computes it when opened
        with _warming_lock:
            _warming.discard(v.key)
