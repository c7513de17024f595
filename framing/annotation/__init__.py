"""Annotation: the rule components, one module each, each a callable built from the analysis
configuration that adds its columns to every sentence and its cues to the document.

An annotator has a ``name``, a tuple of ``columns`` (framing.schema.Column) it adds to the sentences
table, and ``__call__(doc)``. ``build_annotators`` returns them in pipeline order; each module
exposes ``build(config) -> Annotator``, and may expose ``columns(config)`` when its columns are known
without building it (the classifiers: a process that only writes tables need not load the models).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from framing.schema import Column
from framing.types import Doc

if TYPE_CHECKING:
    from framing.config import AnalysisConfig


class Annotator(Protocol):
    name: str
    columns: Sequence[Column]

    def __call__(self, doc: Doc) -> None: ...


# Order: later annotators read what earlier ones wrote (voice before blame and evaluation). The
# classifiers (framing.classifiers.annotator) run after these; framing.tables.pipeline chains both.
RULE_COMPONENTS: tuple[str, ...] = (
    "framing.annotation.mentions",  # actor mentions
    "framing.annotation.voices",  # voice, speaker, reporting verb
    "framing.annotation.blame",  # blame triples
    "framing.annotation.agency",  # agency of harm
    "framing.annotation.hedging",  # hedges, boosters, hedged figures
    "framing.annotation.evaluative",  # evaluative language, polarity
    "framing.annotation.sentiment",  # VADER compound
)


def component_modules(names: Sequence[str] = RULE_COMPONENTS):
    """The modules of the named components, skipping one that is not installed in this build."""
    for module_name in names:
        try:
            yield importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name and module_name.startswith(error.name):
                continue  # component not installed in this build
            raise


def build_annotators(config: AnalysisConfig, names: Sequence[str] = RULE_COMPONENTS) -> list[Annotator]:
    annotators = []
    for module in component_modules(names):
        annotator = module.build(config)
        if annotator is not None:
            annotators.append(annotator)
    return annotators


def declared_columns(config: AnalysisConfig, names: Sequence[str] = RULE_COMPONENTS) -> list[Sequence[Column]]:
    """The columns of each annotator, in order, building only those that do not declare them."""
    out = []
    for module in component_modules(names):
        declare = getattr(module, "columns", None)
        if declare is not None:
            out.append(tuple(declare(config)))
        else:
            annotator = module.build(config)
            if annotator is not None:
                out.append(tuple(annotator.columns))
    return out
