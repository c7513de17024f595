"""Overview: the corpus at a glance; an outlet, an article or a point of the volume chart leads to
its sentences in one click.
"""

from __future__ import annotations

import streamlit as st

from framing.interfaces import dashboard as ds
from framing.interfaces.dashboard.pages.common import (
    View,
    list_sentences,
    selected_rows,
    table_download,
)
from framing.interfaces.dashboard.pages.over_time import show_volume
from framing.interfaces.dashboard.pages.sentences import show_article

ARTICLES_LISTED_AT_ONCE = 200  # more articles than this: the table waits for the toggle


def view_overview(v: View) -> None:
    summary = ds.corpus_summary(v.analysis)
    full = ds.corpus_summary(v.full)
    figures = [
        ("Articles", f"{summary['articles']:,}", f"{full['articles']:,} before the filters"),
        ("Outlets", f"{summary['outlets']:,}", ""),
        ("First published", summary["first_date"] or "no dates", ""),
        ("Last published", summary["last_date"] or "no dates", ""),
        ("Sentences analysed", f"{summary['sentences']:,}", ""),
        ("Skipped inputs", f"{full['skipped']:,}", "inputs that could not be read; listed below"),
    ]
    # plain markdown, drawn at once (st.metric waits for its script bundle on a first visit)
    st.markdown(ds.figures_html(figures), unsafe_allow_html=True)
    if summary["undated"]:
        st.caption(f"{summary['undated']} article(s) have no publication date.")
    for text in v.messages:
        st.warning(text, icon=":material/warning:")

    st.subheader("Articles per outlet per month")
    show_volume(v, "month", "overview")

    st.subheader("Outlets")
    outlets = ds.outlet_summary(v.analysis)
    picked = st.dataframe(outlets, hide_index=True, width="stretch", on_select="rerun",
                          selection_mode="single-row", key="overview-outlets")
    st.caption("Select an outlet to read its sentences.")
    table_download(outlets, "outlets", "overview-outlets")
    rows = selected_rows(picked)
    if rows:
        outlet = str(outlets.iloc[rows[0]]["outlet"])
        ids = ds.article_sentence_ids(v.analysis, ds.group_article_ids(v.analysis, "outlet", outlet))
        list_sentences(v.analysis, ids, f"**{outlet}**: {len(ids):,} sentence(s), by date")

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
    # a table of thousands of rows is drawn only when asked for: the page opens faster without it
    if st.toggle(f"List the {len(v.analysis.articles):,} articles", key="overview-list-articles",
                 value=len(v.analysis.articles) <= ARTICLES_LISTED_AT_ONCE):
        articles = v.analysis.articles.drop(columns=["text"])
        lead = [c for c in ("title", "outlet", "published", "author", "section") if c in articles]
        articles = articles[[*lead, *(c for c in articles if c not in lead)]]  # the headline first, the id last
        articles = articles[[*(c for c in articles if c != "article_id"), "article_id"]]
        picked = st.dataframe(articles, hide_index=True, width="stretch", on_select="rerun",
                              selection_mode="single-row", key="overview-articles",
                              column_config={"url": st.column_config.LinkColumn("url")})
        st.caption("Select an article to read it with its cues highlighted.")
        table_download(articles, "articles", "overview-articles")
        rows = selected_rows(picked)
        if rows:
            show_article(v.analysis, str(articles.iloc[rows[0]]["article_id"]), key="overview")
    missing = ds.missing_parts(v.analysis.sentences)
    if missing:
        st.caption("Not in this analysis: " + ", ".join(missing) + ".")
