"""The framing dashboard: how outlets frame a story, compared side by side and over time, one click
away from the sentences behind every number.

Run ``framing dashboard [PATH]`` or ``streamlit run dashboard.py [-- PATH]``. PATH is a reports folder,
a ``.duckdb`` store or a folder of articles; without one the app opens on the sample corpus. This file
only routes: the sidebar picks the corpus and the filters, and each page is a module of
``framing.interfaces.dashboard.pages`` that draws what ``framing`` computes.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from framing.errors import InputError
from framing.interfaces import dashboard as ds
from framing.interfaces.dashboard.pages import common
from framing.interfaces.dashboard.pages.coding import view_coding
from framing.interfaces.dashboard.pages.common import VIEWS, VOICES, View, filtered, load_path, load_uploads
from framing.interfaces.dashboard.pages.compare import view_compare
from framing.interfaces.dashboard.pages.lexicons import view_lexicons
from framing.interfaces.dashboard.pages.over_time import view_over_time
from framing.interfaces.dashboard.pages.overview import view_overview
from framing.interfaces.dashboard.pages.same_event import view_same_event
from framing.interfaces.dashboard.pages.sentences import view_sentences
from framing.resources import sample_corpus_dir

PATH_VARIABLE = "FRAMING_DASHBOARD_PATH"
SOURCES = ("Sample corpus", "Analysed corpus or folder", "Upload files")


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


def open_source(source: Source, access: ds.Access):
    """(analysis or None, cache key, messages). A typed path is read only when it lies under the
    folders the dashboard was started with."""
    if source.kind == "upload":
        if not source.files:
            return None, "", ["Upload article files (or a CSV / JSON Lines export) to analyse them here."]
        key = ds.content_key(source.files)
        analysis, problems = load_uploads(key, source.files)
        return analysis, f"upload:{key}", problems
    try:
        path = access.readable(source.path)
    except InputError as error:
        return None, "", [str(error)]
    if not path.exists():
        return None, "", [f"Not found: {source.path}"]
    analysis = load_path(str(path), ds.path_stamp(path))
    return analysis, f"path:{path}:{ds.path_stamp(path)}", []


def main() -> None:
    with common.drawing():  # no warm-up step starts while a page is drawn
        draw()


def draw() -> None:
    st.set_page_config(page_title="framing", page_icon=":material/newspaper:", layout="wide")
    source = choose_source()
    # the tabs first: a large store takes seconds to read, and the page shows where it is meanwhile
    tabs = st.tabs(VIEWS, key="view", on_change="rerun", bind="query-params")
    opened = [(name, tab) for name, tab in zip(VIEWS, tabs, strict=True) if tab.open]
    name, tab = opened[0] if opened else (VIEWS[0], tabs[0])
    with tab:  # only the open tab's page is computed and drawn
        v = prepare(source)
        if v is not None:
            RENDER[name](v)
    if v is not None:
        common.warm_up(v)  # in the background, after the first paint


def prepare(source: Source) -> View | None:
    """The corpus read and filtered as the sidebar says, or None (with the reason shown)."""
    access = ds.Access.from_environment(default_path())
    with st.spinner("Reading the corpus ..."):
        analysis, key, messages = open_source(source, access)
    if analysis is None:
        for text in messages:
            st.warning(text)
        return None
    if analysis.articles.empty:
        st.error("No article could be analysed.")
        for text in messages:
            st.warning(text)
        if len(analysis.skipped):
            st.dataframe(analysis.skipped, hide_index=True, width="stretch")
        return None
    options = ds.filter_options(analysis)
    filters = choose_filters(options, key)
    view_key = f"{key}|{filters.key()}"
    current = filtered(view_key, analysis, filters)
    if current.articles.empty:
        st.warning("No article passes the filters.")
        return None
    return View(analysis, current, view_key, filters, options, tuple(messages), access)

if __name__ == "__main__":
    main()
