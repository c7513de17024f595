"""Overview: the corpus at a glance.
"""

from __future__ import annotations

import streamlit as st

from framing.interfaces import dashboard as ds
from framing.interfaces.dashboard.pages.common import (
    View,
    table_download,
)
from framing.interfaces.dashboard.pages.over_time import show_volume


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

    st.subheader("Articles per outlet per month")
    show_volume(v, "month", "overview")

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
