"""Lexicons: browse, add an entry, see which sentences it changes before saving.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import streamlit as st

from framing.errors import LexiconError
from framing.interfaces import dashboard as ds
from framing.interfaces.dashboard.pages.common import (
    View,
    cached_lexicon_diff,
    table_download,
)
from framing.resources import lexicon_dir


def view_lexicons(v: View) -> None:
    access = v.access or ds.Access.from_environment()
    user_dir = access.writable(access.lexicon_dir)  # fixed at start: the only folder the dashboard writes
    st.caption(f"Your lexicon folder: `{user_dir}` (set with `framing dashboard --lexicon-dir DIR`).")
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
    kinds = ds.field_kinds(table, header)
    with st.form("lex-add"):
        cols = st.columns(min(len(header), 4))
        row = {}
        for i, column in enumerate(header):
            kind, choices = kinds[column]
            box, key = cols[i % len(cols)], f"lex-new-{name}-{column}"
            if kind == "choice":
                row[column] = box.selectbox(column, choices, key=key, help=f"one of: {', '.join(choices)}")
            elif kind == "number":
                row[column] = f"{box.number_input(column, value=1.0, step=0.5, key=key):g}"
            else:
                row[column] = box.text_input(column, key=key)
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
        st.error(str(error).replace(str(Path(tempfile.gettempdir())), "(a trial copy)"))
        return
    try:
        before, after = ds.user_config(user_dir), ds.user_config(staged)
        try:
            ds.check_lexicons(after)
        except LexiconError as error:
            # name the user's file, not the temporary copy the entry was tried in
            st.error(f"The new entry does not fit the lexicon: {str(error).replace(str(staged), str(user_dir))}")
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
            saved = ds.add_term(access.writable(user_dir / name).parent, Path(name).name, row, header)
            st.session_state.pop("lex-pending", None)
            st.success(f"Saved to {saved}. Re-analyse with `--lexicon-dir {user_dir}` to use it everywhere.")
    finally:
        shutil.rmtree(staged, ignore_errors=True)
