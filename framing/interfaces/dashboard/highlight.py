"""Cues turned into highlighted, escaped HTML: a sentence, a whole article, a list of sentences,
aligned sentence pairs with their word differences.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Iterable, Sequence

import pandas as pd

from framing.interfaces.dashboard.vocabulary import (
    DIMENSION_COLOURS,
    OTHER_COLOUR,
    UNDERLINED,
    dimension_label,
    dimension_rank,
    outlet_label,
    voice_label,
)

# ---------------------------------------------------------------------------------------------------
# highlighted text


def term_spans(text: str, query: str, offset: int = 0) -> list[dict]:
    """Every case-insensitive occurrence of ``query`` in ``text`` as a 'search' pseudo-cue (article
    offsets), so the search term is marked along with the cues."""
    needle = query.strip().lower()
    if not needle:
        return []
    spans, lowered, start = [], text.lower(), 0
    while (found := lowered.find(needle, start)) >= 0:
        spans.append({"dimension": "search", "start": offset + found, "end": offset + found + len(needle),
                      "detail": "your search"})
        start = found + len(needle)
    return spans


def cue_tooltip(cue: dict) -> str:
    """One line describing a cue: dimension, category, source -> target, voice and the lexicon term."""
    parts = [dimension_label(str(cue.get("dimension", "")))]
    if cue.get("category"):
        parts[0] += f": {cue['category']}"
    source, target = str(cue.get("source_actor") or ""), str(cue.get("target_actor") or "")
    if source and target and source != target:
        parts.append(f"{source} \u2192 {target}")
    elif target:
        parts.append(f"actor: {target}")
    elif source:
        parts.append(f"source: {source}")
    if cue.get("voice"):
        parts.append(f"voice: {voice_label(str(cue['voice']))}")
    if cue.get("term"):
        parts.append(f"term: {cue['term']}")
    if cue.get("detail"):
        parts.append(str(cue["detail"]))
    return " | ".join(parts)


def highlight_html(
    text: str, cues: pd.DataFrame | Iterable[dict], *, offset: int = 0, dimensions: Iterable[str] | None = None
) -> str:
    """``text`` as HTML with every cue wrapped in a coloured ``<mark>`` whose ``title`` is its tooltip.

    ``offset`` is where ``text`` starts in the article text (cue offsets are article offsets). Text
    and tooltips are HTML-escaped. Overlapping cues split the text at every boundary; each piece takes
    the colour of its highest-priority dimension and a tooltip listing every cue covering it.
    """
    rows = cues.to_dict("records") if isinstance(cues, pd.DataFrame) else list(cues)
    wanted = set(dimensions) if dimensions is not None else None
    spans = []
    for cue in rows:
        if wanted is not None and cue.get("dimension") not in wanted:
            continue
        start, end = int(cue["start"]) - offset, int(cue["end"]) - offset
        start, end = max(start, 0), min(end, len(text))
        if start < end:
            spans.append((start, end, cue))
    if not spans:
        return html.escape(text)
    bounds = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    out = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        piece = html.escape(text[left:right])
        covering = [cue for s, e, cue in spans if s <= left and right <= e]
        if not covering:
            out.append(piece)
            continue
        covering.sort(key=lambda c: dimension_rank(str(c.get("dimension", ""))))
        dims = sorted({str(c.get("dimension", "")) for c in covering}, key=dimension_rank)
        tip = html.escape("\n".join(cue_tooltip(c) for c in covering), quote=True)
        out.append(
            f'<mark class="cue" data-dimensions="{html.escape(" ".join(dims), quote=True)}" title="{tip}" '
            f'style="{cue_style(dims)}">{piece}</mark>'
        )
    return "".join(out)


def cue_style(dimensions: Sequence[str]) -> str:
    """Inline CSS for text carrying cues of ``dimensions`` (in priority order): the background of the
    first coloured dimension; attribution and actor mentions are underlined, so long quoted spans
    stay readable and the evaluative or hedging words inside them still stand out."""
    filled = [d for d in dimensions if d not in UNDERLINED]
    style = f"background:{DIMENSION_COLOURS.get(filled[0], OTHER_COLOUR)};" if filled else "background:none;"
    lines = [UNDERLINED[d] for d in dimensions if d in UNDERLINED]
    if lines:
        style += f"border-bottom:{lines[0]};"
    return style + "padding:0 1px;border-radius:2px;color:inherit"


def legend_html(dimensions: Iterable[str]) -> str:
    """A one-line colour legend for the given dimensions."""
    items = [
        f'<span style="{cue_style([d])};padding:1px 6px;margin-right:8px">{html.escape(dimension_label(d))}</span>'
        for d in sorted(set(dimensions), key=dimension_rank)
    ]
    return '<div style="font-size:0.85em;line-height:2">' + "".join(items) + "</div>"


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


def word_diff_html(a: str, b: str) -> tuple[str, str]:
    """Two sentences as HTML with the words that differ between them marked (deleted / inserted)."""
    words_a, words_b = a.split(), b.split()
    def norm(word: str) -> str:
        return word.strip(PUNCTUATION).lower()

    matcher = difflib.SequenceMatcher(a=[norm(w) for w in words_a], b=[norm(w) for w in words_b], autojunk=False)
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
            out_a.append(mark.format("#fdd0a2", left))
        if right:
            out_b.append(mark.format("#c7e9c0", right))
    return " ".join(out_a), " ".join(out_b)


def sentence_list_html(table: pd.DataFrame, analysis, *, query: str = "") -> str:
    """Sentences of a ``sentence_table`` as a list with their cues highlighted (actor mentions left
    plain) and outlet, date and voice above each."""
    if table.empty:
        return ""
    ids = set(table["sentence_id"])
    cues = analysis.cues[analysis.cues["sentence_id"].isin(ids) & (analysis.cues["dimension"] != "actor")]
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
