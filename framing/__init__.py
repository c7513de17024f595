"""framing: compare how news coverage frames a story.

Sentence by sentence it finds who is speaking, who is blamed by whom, how hedged or boosted the claims
are and how loaded the wording is, with the words behind every finding; it rolls them up into
article, outlet, actor and period profiles with confidence intervals.

>>> import framing
>>> analysis = framing.analyse(["corpus/"])        # doctest: +SKIP
>>> analysis.sentences[["text", "voice", "blame_targets"]]  # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Analysis", "AnalysisConfig", "analyse", "analyse_texts", "load", "stance", "__version__"]


def __getattr__(name: str):
    # Imported on first use so that ``import framing`` stays cheap (worker processes, the CLI's --help).
    if name in ("analyse", "analyse_texts"):
        from framing.running import inprocess

        return getattr(inprocess, name)
    if name == "Analysis":
        from framing.storage.reports import Analysis

        return Analysis
    if name == "AnalysisConfig":
        from framing.config import AnalysisConfig

        return AnalysisConfig
    if name == "load":
        from framing.running.load import load

        return load
    if name == "stance":
        from framing.classifiers.stance import stance

        return stance
    raise AttributeError(f"module 'framing' has no attribute {name!r}")
