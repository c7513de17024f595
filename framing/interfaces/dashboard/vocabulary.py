"""Labels and colours of voices, dimensions and outlets, and the order dimensions are shown in.
"""

from __future__ import annotations

from collections.abc import Iterable

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


# 20 distinguishable colours (Tableau 20 order, dark shades first), so up to 20 outlets or actors never
# share one; "other ..." buckets are grey.
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
    "#7f7f7f", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#9edae5",
    "#dbdb8d", "#393b79",
)  # fmt: skip
OTHER_ITEM_COLOUR = "#c7c7c7"


def _scale(domain: list[str]):
    import altair as alt

    range_ = [OTHER_ITEM_COLOUR if d.startswith("other ") else PALETTE[i % len(PALETTE)] for i, d in enumerate(domain)]
    return alt.Scale(domain=domain, range=range_)


def outlet_colours(outlets) -> object:
    """An altair colour scale fixed over every outlet of the corpus (labels), so an outlet keeps its
    colour when others are filtered out."""
    return _scale([outlet_label(o) for o in sorted(dict.fromkeys(outlets))])


def item_colours(items) -> object:
    """An altair colour scale giving each item (actor, voice ...) its own colour, 'other ...' last in grey."""
    names = sorted(dict.fromkeys(str(i) for i in items), key=lambda n: (n.startswith("other "), n))
    return _scale(names)
