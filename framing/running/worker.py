"""Imported once by the fork server the analysis workers are forked from
(:data:`framing.running.local.WORKER_PRELOAD`): the libraries and the annotator modules, the shipped
models in their fast form (:mod:`framing.classifiers.fast_files`) and, when the run's process passed
its configuration (``FRAMING_WORKER_CONFIG``, JSON), the annotators of that configuration, so a
worker starts with them in memory instead of importing and loading them itself. Nothing here runs
any analysis; a failure to load anything is left for the worker to report when it builds its
annotators (with the same configuration, the same error).
"""

from __future__ import annotations

import contextlib
import importlib
import os

from framing.running.local import CONFIG_VARIABLE, config_from_json
from framing.tables.pipeline import COMPONENTS, pipeline


def _preload() -> None:
    for name in COMPONENTS:
        importlib.import_module(name)
    from framing.classifiers.fast_files import fast_path, load_predictor
    from framing.classifiers.models import SHIPPED, shipped_model_path

    for name in SHIPPED:
        path = shipped_model_path(name)
        if path is not None and fast_path(path).is_file():  # not the opt-in relation model (skops only)
            # cached by path, size and date: the workers' own calls find it; an error is the worker's to report
            with contextlib.suppress(Exception):
                load_predictor(path)
    text = os.environ.get(CONFIG_VARIABLE)
    if text:
        with contextlib.suppress(Exception):
            pipeline(config_from_json(text))


_preload()
