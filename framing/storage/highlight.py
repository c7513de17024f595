"""Cues as highlighted, escaped HTML, and the words and colours they are shown with: shared by the
dashboard (``framing.interfaces.dashboard``) and the HTML report (``framing.storage.html_report``).
Each cue is wrapped in a coloured ``<mark>`` whose ``title`` says what it is; text and tooltips are
escaped, so article text can never inject markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import pandas as pd

# ---------------------------------------------------------------------------------------------------
# vocabulary and colours

VOICE_LABELS = {
    "all": "all voices",
    "author": "authorial",
    "quoted": "quoted or reported",
    "direct": "quoted",
    "indirect": "reported",
    "mixed": "mixed (partly quoted)",
}

DIMENSION_LABELS = {
    "blame": "responsibility (blame)",
    "hedge": "hedge",
    "booster": "booster",
    "evaluative": "evaluative",
    "agency": "agency",
    "attribution": "reporting verb / attribution",
    "stance": "stance toward an actor",
    "actor": "actor mention",
    "search": "your search",
}

# Colour-blind-safe background colours (Okabe-Ito, lightened) so the text stays readable on top.
DIMENSION_COLOURS = {
    "blame": "#f4b183",
    "hedge": "#9ecae1",
    "booster": "#c6a0d6",
    "evaluative": "#f7e08a",
    "agency": "#a1d99b",
    "attribution": "#d9d9d9",
    "stance": "#f2a7c3",
    "actor": "#e8e8e8",
}
OTHER_COLOUR = "#eeeeee"
# Dimensions drawn as an underline instead of a background (they cover long spans).
UNDERLINED = {"search": "3px solid #111111", "attribution": "2px dotted #6b6b6b", "actor": "2px solid #b0b0b0"}

# When cues overlap, the colour of the first dimension in this order wins; the tooltip lists them all.
DIMENSION_PRIORITY = ("blame", "evaluative", "hedge", "booster", "agency", "stance", "search", "attribution", "actor")


def voice_label(voice: str) -> str:
    """The researchers' word for a voice code (author -> authorial, direct -> quoted, ...)."""
    return VOICE_LABELS.get(voice, voice or "unknown")


def dimension_label(dimension: str) -> str:
    return DIMENSION_LABELS.get(dimension, dimension)


def outlet_label(outlet: str) -> str:
    return outlet if outlet else "(no outlet named)"


def dimension_rank(dimension: str) -> int:
    return DIMENSION_PRIORITY.index(dimension) if dimension in DIMENSION_PRIORITY else len(DIMENSION_PRIORITY)


def sort_dimensions(dimensions: Iterable[str]) -> list[str]:
    """Dimensions in display order (blame, evaluative, hedge, ...), unknown ones last."""
    return sorted(set(dimensions), key=lambda d: (dimension_rank(d), d))


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
