"""The analysis configuration: which lexicons, actor files and models to use, and how to read inputs.

It is a frozen, hashable value so components can cache what they load per configuration, and it can
be sent to worker processes as it is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from framing import __version__
from framing.reading import ReadOptions
from framing.resources import lexicon_dir, names_model_path


@dataclass(frozen=True)
class AnalysisConfig:
    lexicon_dir: Path | None = None  # user lexicons adding to / overriding the shipped ones
    # actor sets to apply (files; a shipped set by name is resolved with ``actor_set_paths``). Actors
    # are discovered in the text either way; a set only groups and types them.
    actor_files: tuple[Path, ...] = ()
    # also apply a shipped set to an article that clearly matches it (the article gets a warning)
    detect_actor_sets: bool = True
    models: tuple[tuple[str, Path], ...] = ()  # (dimension, model file) replacing shipped models
    vader: bool = True
    classifiers: bool = True
    # the blame classifier may flag sentences no blame cue fires in (its targets from the target
    # model); off by default, so every blame flag rests on cue words (see docs/models.md)
    blame_model: bool = False
    # the relation model decides actor pairs no cue decides; off by default: on news its pairs were
    # mostly wrong when read by hand (see docs/blame_and_agency.md), so relations rest on cue words
    relation_model: bool = False
    # sentence decisions the cues alone make (``hedge``, ``evaluative``): the model's probability is
    # still reported in p_<dimension>, but it adds no sentence and overrules none
    cues_decide: tuple[str, ...] = ()
    columns: tuple[tuple[str, str], ...] = ()  # tabular column mapping
    dayfirst: bool = True
    date_order_explicit: bool = False  # True: dayfirst as given; False: inferred per tabular date column
    outlet: str = ""  # outlet for files that name none
    extras: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # free options for components

    @property
    def read_options(self) -> ReadOptions:
        return ReadOptions(
            columns=dict(self.columns) or None,
            dayfirst=self.dayfirst,
            date_order_explicit=self.date_order_explicit,
            lexicon_dir=self.lexicon_dir,
            outlet=self.outlet,
        )

    @property
    def actor_paths(self) -> tuple[Path, ...]:
        """The actor sets applied to every article (none unless asked for)."""
        return tuple(Path(p) for p in self.actor_files)

    def version(self) -> str:
        """A fingerprint of the code version, lexicons, actor files, models and switches: results made
        under another fingerprint are re-analysed by incremental runs."""
        digest = hashlib.sha1(__version__.encode())
        folders = [lexicon_dir()] + ([Path(self.lexicon_dir)] if self.lexicon_dir else [])
        files = [p for folder in folders for p in sorted(Path(folder).rglob("*.tsv"))]
        files += [Path(p) for p in self.actor_files] + [Path(p) for _, p in self.models]
        files += [names_model_path()] if names_model_path().is_file() else []
        for path in files:
            digest.update(str(path.name).encode())
            digest.update(path.read_bytes())
        digest.update(
            repr(
                (self.vader, self.classifiers, self.blame_model, self.relation_model, self.models, self.detect_actor_sets)
                + ((tuple(sorted(self.cues_decide)),) if self.cues_decide else ())
            ).encode()
        )
        return digest.hexdigest()[:12]

