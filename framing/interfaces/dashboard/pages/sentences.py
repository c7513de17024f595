"""Sentences: search, cues highlighted, the sentence boxed in its article.
"""

from __future__ import annotations

import json

import streamlit as st

from framing.interfaces import dashboard as ds
from framing.interfaces.dashboard.pages.common import (
    View,
    cached_sentences,
    html_block,
    table_download,
)


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
    st.caption(f"{len(table):,} sentence(s) of {len(v.analysis.sentences):,}. Select a row to open its article "
               "below the table.")
    shown_columns = [c for c in ("text", "outlet", "published", "speaker_name", "voice", "cue_dimensions",
                                 "reporting_verb", "verb_stance", "blame_targets", "hedge", "evaluative", "polarity")
                     if c in table.columns]
    selection = st.dataframe(
        table[shown_columns], hide_index=True, width="stretch", height=300,
        on_select="rerun", selection_mode="single-row", key="sent-table",
        column_config={"text": st.column_config.TextColumn("sentence", width="large"),
                       "speaker_name": st.column_config.TextColumn("speaker", help="the resolved actor when known, "
                                                                   "else the words naming the source"),
                       "voice": st.column_config.TextColumn("voice"), "cue_dimensions": "cues"},
    )
    table_download(table, "sentences", "sentences")
    if table.empty:
        return

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
    show_article(v.analysis, article_id, opened, query=query)
    if rows:  # bring the opened article into view (our own fixed script; the id is JSON-quoted)
        st.html(f"<script>/* {json.dumps(opened)} */ setTimeout(() => document.getElementById('opened-article')"
                "?.scrollIntoView({block: 'start', behavior: 'instant'}), 250);</script>", unsafe_allow_javascript=True)

    st.subheader("Cues in the text")
    listed = [d for d in (dimensions or dims) if d not in HIDDEN_WITH_ACTORS]
    st.html(ds.legend_html([*listed, *(["search"] if query else [])]))
    page_size = 20
    pages = max(1, -(-len(table) // page_size))
    page = st.number_input("Page", 1, pages, 1, key="sent-page") if pages > 1 else 1
    shown = table.iloc[(page - 1) * page_size : page * page_size]
    st.html(ds.sentence_list_html(shown, v.analysis, query=query))


HIDDEN_WITH_ACTORS = ("actor", "stance")  # stance is drawn on the actor's mention: it reads like a verdict


def show_article(analysis, article_id: str, selected: str | None = None, query: str = "", key: str = "") -> None:
    article = analysis.articles[analysis.articles["article_id"] == article_id].iloc[0]
    sentences = analysis.sentences[analysis.sentences["article_id"] == article_id]
    cues = analysis.cues[analysis.cues["article_id"] == article_id]
    with st.container(border=True):
        st.markdown(f"**{ds.outlet_label(article['outlet'])}** \u00b7 {article['published'] or 'undated'} \u00b7 "
                    f"{article['author'] or 'no byline'} \u00b7 {article['section'] or ''}")
        shown_dims = ds.sort_dimensions(set(cues["dimension"]))
        hide_actors = st.toggle("Hide actor mentions and stance toward actors", value=True,
                                key="article-hide-actors" + (f"-{key}" if key else ""))
        dims = [d for d in shown_dims if not (hide_actors and d in HIDDEN_WITH_ACTORS)]
        html_block(ds.legend_html([*dims, *(["search"] if query else [])]))
        body = ds.article_html(article["text"], sentences, cues, selected=selected, dimensions=dims, query=query)
        anchor = "opened-article" + (f"-{key}" if key else "")
        html_block(f'<div id="{anchor}">{body}</div>')
        with st.expander(f"All {len(cues)} cues of this article"):
            st.dataframe(cues.drop(columns=["article_id"]), hide_index=True, width="stretch")
            table_download(cues, f"cues-{article_id}", f"article-cues-{key}-{article_id}")
