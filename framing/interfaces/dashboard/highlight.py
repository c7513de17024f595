"""Cues turned into highlighted, escaped HTML: a sentence, a whole article, a list of sentences,
aligned sentence pairs with their word differences.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Iterable

import pandas as pd

from framing.storage.highlight import (  # noqa: F401  (re-exported for the dashboard)
    cue_style,
    cue_tooltip,
    highlight_html,
    legend_html,
    outlet_label,
    term_spans,
    voice_label,
)

# ---------------------------------------------------------------------------------------------------
# highlighted text


def article_html(
    text: str,
    sentences: pd.DataFrame,
    cues: pd.DataFrame,
    *,
    selected: str | None = None,
    dimensions: Iterable[str] | None = None,
    query: str = "",
) -> str:
    """A whole article as HTML, paragraph by paragraph, every cue highlighted and the sentence
    ``selected`` (a sentence_id) outlined so the reader sees it in context."""
    dimensions = list(dimensions) if dimensions is not None else None
    paragraphs: list[list[str]] = []
    current = None
    for row in sentences.sort_values("position").itertuples():
        if current != row.paragraph:
            paragraphs.append([])
            current = row.paragraph
        inside = cues[(cues["start"] >= row.start) & (cues["end"] <= row.end)] if len(cues) else cues
        sentence = text[row.start : row.end]
        if query:
            inside = inside.to_dict("records") + term_spans(sentence, query, row.start)
        wanted = None if dimensions is None else [*dimensions, "search"]
        body = highlight_html(sentence, inside, offset=row.start, dimensions=wanted)
        style = "font-weight:600;font-size:1.1em" if row.is_headline else ""
        if selected is not None and row.sentence_id == selected:
            style += ";outline:2px solid #d62728;outline-offset:2px"
        anchor = html.escape(str(row.sentence_id), quote=True)
        paragraphs[-1].append(f'<span id="s-{anchor}" style="{style}">{body}</span>')
    return "".join(f'<p style="line-height:1.7">{" ".join(p)}</p>' for p in paragraphs)


PUNCTUATION = ".,;:!?\"'()[]\u201c\u201d\u2018\u2019\u2014\u2013-"


MIN_DIFF_RATIO = 0.4  # below this share of shared words the two sentences are shown unmarked
ONLY_LEFT, ONLY_RIGHT = "#fdd0a2", "#c7e9c0"


def word_diff_legend_html() -> str:
    return ('<div style="font-size:0.85em;line-height:2">'
            f'<mark style="background:{ONLY_LEFT};padding:1px 6px">words only in the left sentence</mark> '
            f'<mark style="background:{ONLY_RIGHT};padding:1px 6px;margin-left:8px">words only in the right '
            'sentence</mark> <span style="margin-left:8px;color:#555">unmarked words are shared; pairs sharing '
            f'less than {MIN_DIFF_RATIO:.0%} of their words are left unmarked</span></div>')


def word_diff_html(a: str, b: str) -> tuple[str, str]:
    """Two sentences as HTML with the words that differ between them marked (deleted / inserted)."""
    words_a, words_b = a.split(), b.split()
    def norm(word: str) -> str:
        return word.strip(PUNCTUATION).lower()

    matcher = difflib.SequenceMatcher(a=[norm(w) for w in words_a], b=[norm(w) for w in words_b], autojunk=False)
    if matcher.ratio() < MIN_DIFF_RATIO:  # mostly different wording: marking every word says nothing
        return html.escape(a), html.escape(b)
    out_a, out_b = [], []
    mark = '<mark style="background:{};padding:0 1px">{}</mark>'
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        left = html.escape(" ".join(words_a[i1:i2]))
        right = html.escape(" ".join(words_b[j1:j2]))
        if op == "equal":
            out_a.append(left)
            out_b.append(right)
            continue
        if left:
            out_a.append(mark.format(ONLY_LEFT, left))
        if right:
            out_b.append(mark.format(ONLY_RIGHT, right))
    return " ".join(out_a), " ".join(out_b)


def sentence_list_html(table: pd.DataFrame, analysis, *, query: str = "") -> str:
    """Sentences of a ``sentence_table`` as a list with their cues highlighted (actor mentions left
    plain) and outlet, date and voice above each."""
    if table.empty:
        return ""
    ids = set(table["sentence_id"])
    cues = analysis.cues[analysis.cues["sentence_id"].isin(ids) & ~analysis.cues["dimension"].isin(("actor", "stance"))]
    by_sentence = dict(tuple(cues.groupby("sentence_id")))
    starts = analysis.sentences.set_index("sentence_id")["start"]
    items = []
    for row in table.to_dict("records"):
        sentence_cues = by_sentence.get(row["sentence_id"], cues.iloc[0:0])
        start = int(starts[row["sentence_id"]])
        marks = sentence_cues.to_dict("records") + term_spans(row["text"], query, start)
        body = highlight_html(row["text"], marks, offset=start)
        meta = f"{outlet_label(row['outlet'])} \u00b7 {row['published'] or 'undated'}"
        if row.get("voice"):
            name = row.get("speaker_actor") or row.get("speaker")
            speaker = f" ({name})" if name else ""
            meta += f" \u00b7 {voice_label(row['voice'])}{speaker}"
        items.append(
            f'<li style="margin-bottom:0.6em"><div style="font-size:0.8em;color:#666">{html.escape(meta)}</div>'
            f"<div>{body}</div></li>"
        )
    return '<ol style="padding-left:1.4em">' + "".join(items) + "</ol>"


def _pair_columns(pairs: pd.DataFrame, stem: str) -> tuple[str | None, str | None]:
    a, b = f"{stem}_a", f"{stem}_b"
    return (a if a in pairs.columns else None), (b if b in pairs.columns else None)


def aligned_pairs_html(pairs: pd.DataFrame) -> str:
    """Aligned sentence pairs side by side, with the words that differ marked and the readable
    ``differences`` under each pair."""
    text_a, text_b = _pair_columns(pairs, "text")
    if text_a is None or text_b is None:
        return ""
    outlet_a, outlet_b = _pair_columns(pairs, "outlet")
    date_a, date_b = _pair_columns(pairs, "published")
    rows = []
    for row in pairs.to_dict("records"):
        left, right = word_diff_html(str(row[text_a]), str(row[text_b]))

        def meta(outlet, date, row=row):
            parts = [outlet_label(str(row[outlet])) if outlet else "", str(row[date]) if date else ""]
            return html.escape(" \u00b7 ".join(p for p in parts if p))

        similarity = f"similarity {row['similarity']:.2f}" if "similarity" in row else ""
        differences = html.escape(str(row.get("differences", "") or ""))
        note = " \u00b7 ".join(p for p in (html.escape(similarity), differences) if p)
        rows.append(
            '<tr style="vertical-align:top">'
            f'<td style="width:50%;padding:6px;border-top:1px solid #ddd"><div style="font-size:0.8em;color:#666">'
            f"{meta(outlet_a, date_a)}</div>{left}</td>"
            f'<td style="width:50%;padding:6px;border-top:1px solid #ddd"><div style="font-size:0.8em;color:#666">'
            f"{meta(outlet_b, date_b)}</div>{right}</td></tr>"
            f'<tr><td colspan="2" style="font-size:0.8em;color:#444;padding:0 6px 8px">{note}</td></tr>'
        )
    return '<table style="width:100%;border-collapse:collapse">' + "".join(rows) + "</table>"
