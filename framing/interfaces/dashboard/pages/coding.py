"""Coding: label sentences by hand and train a model from the codes.
"""

from __future__ import annotations

import html

import streamlit as st

from framing.errors import ModelError
from framing.interfaces import dashboard as ds
from framing.interfaces.dashboard.pages.common import (
    View,
    cached_model,
    html_block,
    not_available,
    optional,
    table_download,
)


def view_coding(v: View) -> None:
    sheet: ds.CodingSheet = st.session_state.setdefault("coding-sheet", ds.CodingSheet())
    c1, c2, c3 = st.columns([2, 2, 2])
    choice = c1.selectbox("Code for", [*ds.CODING_DIMENSIONS, "your own label"], key="coding-dimension")
    label = choice
    if choice == "your own label":
        label = c2.text_input("Label name", key="coding-label", placeholder="e.g. human_interest").strip()
    coder = c3.text_input("Coder", key="coding-coder", placeholder="your initials").strip()
    if not label:
        st.info("Name the label to code.")
        return
    if not coder:
        st.info("Give your name or initials as coder: every code records who gave it (agreement between coders "
                "is computed from them).")
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
            before, after = ds.neighbours(v.analysis.sentences, current["sentence_id"])
            grey = '<p style="color:#888;line-height:1.6;margin:0.3em 0">{}</p>'
            html_block((grey.format(html.escape(before)) if before else "")
                       + f'<p style="font-size:1.15em;line-height:1.6;margin:0.3em 0;border-left:3px solid #d62728;'
                       f'padding-left:8px">{ds.highlight_html(current["text"], cues, offset=int(current["start"]))}</p>'
                       + (grey.format(html.escape(after)) if after else ""))
            b1, b2, b3, _ = st.columns([1, 1, 1, 3])
            if b1.button(f"Yes: {label}", key="coding-yes", type="primary", disabled=not coder):
                sheet.code(current["sentence_id"], current["text"], label, 1, coder)
                st.rerun()
            if b2.button(f"No {label}", key="coding-no", disabled=not coder):
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
    negatives = len(coded) - positives
    ready = min(positives, negatives) >= ds.MIN_CODES_PER_CLASS
    st.caption(f"{len(coded)} codes, {positives} yes and {negatives} no. Cross-validation keeps the sentences of one "
               "article in the same fold" + ("." if ready else f"; training needs at least {ds.MIN_CODES_PER_CLASS} "
                                                 "yes and as many no."))
    if st.button(f"Train on {len(coded)} codes", key="coding-train", disabled=not ready):
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
