"""What the dashboard may touch on disk: it reads only under the folders it was started with (the
path given on the command line, folders added with ``--allow``, the sample corpus and the lexicons)
and writes only into the user lexicon folder chosen at start. Paths typed into the app are resolved
(symlinks followed) and refused when they fall outside; uploads never touch these folders.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from framing.errors import InputError
from framing.interfaces.dashboard.lexicons import default_user_lexicon_dir

PATH_VARIABLE = "FRAMING_DASHBOARD_PATH"
ALLOW_VARIABLE = "FRAMING_DASHBOARD_ALLOW"  # more folders to read, os.pathsep-separated
LEXICON_VARIABLE = "FRAMING_DASHBOARD_LEXICONS"  # the user lexicon folder (the only place written)


def _resolved(path: str | Path) -> Path:
    return Path(path).expanduser().resolve()


def _inside(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)


@dataclass(frozen=True)
class Access:
    """The folders the dashboard reads from and the one it writes to (all resolved)."""

    read_roots: tuple[Path, ...]
    lexicon_dir: Path

    @classmethod
    def from_environment(cls, given: str = "", environ: dict | None = None) -> Access:
        """The started-with folders: ``given`` (a file stands for its own folder), the folders in
        ``FRAMING_DASHBOARD_ALLOW``, the sample corpus, the shipped lexicons and the user lexicon folder
        (``FRAMING_DASHBOARD_LEXICONS`` or ``~/.framing/lexicons``)."""
        from framing.resources import lexicon_dir, sample_corpus_dir

        environ = os.environ if environ is None else environ
        roots: list[Path] = []
        if given:
            path = _resolved(given)
            roots.append(path.parent if path.is_file() else path)
        roots += [_resolved(p) for p in environ.get(ALLOW_VARIABLE, "").split(os.pathsep) if p.strip()]
        lexicons = _resolved(environ.get(LEXICON_VARIABLE) or default_user_lexicon_dir())
        roots += [_resolved(sample_corpus_dir()), _resolved(lexicon_dir()), lexicons]
        return cls(tuple(dict.fromkeys(roots)), lexicons)

    def allows_reading(self, path: str | Path) -> bool:
        resolved = _resolved(path)
        return any(_inside(resolved, root) for root in self.read_roots)

    def readable(self, path: str | Path) -> Path:
        """``path`` resolved, or InputError when it lies outside every folder the dashboard was started with."""
        if not str(path).strip():
            raise InputError("no path given")
        resolved = _resolved(path)
        if not self.allows_reading(resolved):
            raise InputError(
                f"{path}: outside the folders this dashboard may read ({self.describe()}); start it with "
                "`framing dashboard PATH` or add folders with `--allow DIR`"
            )
        return resolved

    def writable(self, path: str | Path) -> Path:
        """``path`` resolved when it lies in the user lexicon folder, else InputError."""
        resolved = _resolved(path)
        if not _inside(resolved, self.lexicon_dir):
            raise InputError(f"{path}: the dashboard writes only into {self.lexicon_dir}")
        return resolved

    def describe(self) -> str:
        return ", ".join(str(root) for root in self.read_roots)


def allowed_environment(allow: Iterable[Path], lexicon_dir: Path | None) -> dict[str, str]:
    """The environment variables that pass ``--allow`` folders and ``--lexicon-dir`` to the app."""
    env = {}
    folders = [str(_resolved(p)) for p in allow]
    if folders:
        env[ALLOW_VARIABLE] = os.pathsep.join(folders)
    if lexicon_dir is not None:
        env[LEXICON_VARIABLE] = str(_resolved(lexicon_dir))
    return env
