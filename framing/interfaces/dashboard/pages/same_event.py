"""Same event: aligned sentences of different outlets with their word differences.
"""

from __future__ import annotations

import streamlit as st

from framing.interfaces import dashboard as ds
from framing.interfaces.dashboard.pages.common import (
    View,
    cached_alignment,
    html_block,
    not_available,
    optional,
    table_download,
)


def view_same_event(v: View) -> None:
    if optional("framing.analytics.align", "align_event") is None:
        not_available("Aligning the same event across outlets", "framing.analytics.align")
        return
    labels = ds.article_labels(v.analysis.articles)
    chosen = st.multiselect("Articles about the event (none: every article in the filters)", list(labels),
                            format_func=labels.get, key="event-articles")
    c1, c2 = st.columns(2)
    min_similarity = c1.slider("Minimum similarity of two sentences", 0.1, 0.9, 0.35, 0.05, key="event-sim",
                               help="the similarity shown under each pair (word overlap of the two sentences)")
    max_days = c2.slider("At most days apart", 0, 14, 3, key="event-days")
    pairs = cached_alignment(f"{v.key}|{sorted(chosen)}", v.analysis, tuple(sorted(chosen)), min_similarity, max_days)
    if "similarity" in pairs:  # the threshold applies to the number the reader sees
        pairs = pairs[pairs["similarity"] >= min_similarity].reset_index(drop=True)
    st.caption(f"{len(pairs):,} aligned sentence pair(s) across outlets with a similarity of at least "
               f"{min_similarity:.2f}.")
    if pairs.empty:
        outlets = v.analysis.articles["outlet"].unique()
        if len(outlets) < 2:
            st.info(f"Every article here comes from one outlet ({ds.outlet_label(str(outlets[0]))}): Same event pairs "
                    "the sentences of different outlets reporting one event. Open a corpus with two or more outlets.")
        else:
            st.info("No sentence pairs found: choose articles on the same event from different outlets, or lower the "
                    "similarity.")
        return
    table_download(pairs, "aligned-sentences", "event")
    html_block(ds.word_diff_legend_html())
    html_block(ds.aligned_pairs_html(pairs.head(50)))
    if len(pairs) > 50:
        st.caption("The first 50 pairs are shown; the download holds them all.")
