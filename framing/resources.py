"""Where the data that ships with framing lives: lexicons, actor files and the sample corpus.

In an installed wheel the top-level ``lexicons/`` folder is packaged as ``framing/lexicons``; in a
source checkout it sits beside the package. Both are found through ``importlib.resources``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _package_dir() -> Path:
    return Path(str(resources.files("framing")))


def lexicon_dir() -> Path:
    """The folder holding the shipped lexicons."""
    packaged = _package_dir() / "lexicons"
    if packaged.is_dir():
        return packaged
    checkout = _package_dir().parent / "lexicons"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"the lexicons folder is missing (looked in {packaged} and {checkout})")


def lexicon_path(name: str, user_dir: Path | None = None) -> Path:
    """A lexicon file by name, from ``user_dir`` first when it has one."""
    if user_dir is not None and (Path(user_dir) / name).is_file():
        return Path(user_dir) / name
    return lexicon_dir() / name


def sample_corpus_dir() -> Path:
    """The fictional sample corpus shipped with the package."""
    return _package_dir() / "sample_corpus"


def sample_actors_path() -> Path:
    return lexicon_dir() / "actors" / "sample.tsv"


def actor_sets() -> dict[str, Path]:
    """The shipped actor sets by name (``lexicons/actors/NAME.tsv``): optional alias-and-side maps,
    applied only when asked for (``--actors NAME``) or when an article clearly matches one."""
    folder = lexicon_dir() / "actors"
    return {p.stem: p for p in sorted(folder.glob("*.tsv"))} if folder.is_dir() else {}


def names_model_path() -> Path:
    """The shipped name finder (a CRFsuite model file; ``tools/train_names.py`` builds it)."""
    return _package_dir() / "models" / "names.crfsuite"
