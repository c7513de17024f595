"""Labels and colours of voices, dimensions and outlets, and the order dimensions are shown in.
"""

from __future__ import annotations

# the words and colours of cues are shared with the HTML report: they live in framing.storage.highlight
from framing.storage.highlight import (  # noqa: F401
    DIMENSION_COLOURS,
    DIMENSION_LABELS,
    DIMENSION_PRIORITY,
    OTHER_COLOUR,
    UNDERLINED,
    VOICE_LABELS,
    dimension_label,
    dimension_rank,
    outlet_label,
    sort_dimensions,
    voice_label,
)

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
