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
UNDERLINED = {"attribution": "2px dotted #6b6b6b", "actor": "2px solid #b0b0b0"}

# When cues overlap, the colour of the first dimension in this order wins; the tooltip lists them all.
DIMENSION_PRIORITY = ("blame", "evaluative", "hedge", "booster", "agency", "stance", "attribution", "actor")


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
