"""Annotators: one module per component, each a callable built from the analysis configuration that
adds its columns to every sentence and its cues to the document.

An annotator has a ``name``, a tuple of ``columns`` (framing.tables.Column) it adds to the sentences
table, and ``__call__(doc)``. ``build_annotators`` returns them in pipeline order; each module
exposes ``build(config) -> Annotator``, and may expose ``columns(config)`` when its columns are known
without building it (the classifiers: a process that only writes tables need not load the models).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from framing.tables import Column
from framing.types import Doc

if TYPE_CHECKING:
    from framing.config import AnalysisConfig


class Annotator(Protocol):
    name: str
    columns: Sequence[Column]

    def __call__(self, doc: Doc) -> None: ...


# Pipeline order: later annotators read what earlier ones wrote (voice before blame and evaluation).
PIPELINE: tuple[str, ...] = (
    "framing.annotate.mentions",  # actor mentions
    "framing.annotate.attribution",  # voice, speaker, reporting verb
    "framing.annotate.blame",  # blame triples
    "framing.annotate.agency",  # agency of harm
    "framing.annotate.hedging",  # hedges, boosters, hedged figures
    "framing.annotate.evaluative",  # evaluative language, polarity
    "framing.annotate.sentiment",  # VADER compound
    "framing.classify.annotator",  # classifier probabilities and final decisions
)


def _modules():
    for module_name in PIPELINE:
        try:
            yield importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name and module_name.startswith(error.name):
                continue  # component not installed in this build
            raise


def build_annotators(config: AnalysisConfig) -> list[Annotator]:
    annotators = []
    for module in _modules():
        annotator = module.build(config)
        if annotator is not None:
            annotators.append(annotator)
    return annotators


def declared_columns(config: AnalysisConfig) -> list[Sequence[Column]]:
    """The columns of each annotator, in pipeline order, building only those that do not declare them."""
    out = []
    for module in _modules():
        declare = getattr(module, "columns", None)
        if declare is not None:
            out.append(tuple(declare(config)))
        else:
            annotator = module.build(config)
            if annotator is not None:
                out.append(tuple(annotator.columns))
    return out
