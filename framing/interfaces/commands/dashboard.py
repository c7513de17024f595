"""``framing dashboard [PATH] [--port N]``: open the Streamlit dashboard on a reports folder, a
``.duckdb`` store or a folder of articles (the sample corpus when no path is given).

The app is ``dashboard.py`` at the top of a source checkout; an installed wheel carries the same file
as ``framing/dashboard_app.py``. The path reaches the app through the ``FRAMING_DASHBOARD_PATH``
environment variable.

The dashboard listens on 127.0.0.1 (this machine only) unless ``--address`` says otherwise, reads only
under PATH, the ``--allow`` folders, the sample corpus and the lexicons, and writes only into the user
lexicon folder (``--lexicon-dir``, default ``~/.framing/lexicons``).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

from framing.errors import InputError

LOCALHOST = "127.0.0.1"
PATH_VARIABLE = "FRAMING_DASHBOARD_PATH"


def app_path() -> Path:
    """The dashboard script: packaged inside framing (wheel) or beside the package (checkout)."""
    package = Path(str(resources.files("framing")))
    for candidate in (package / "dashboard_app.py", package.parent / "dashboard.py"):
        if candidate.is_file():
            return candidate
    raise InputError(f"the dashboard app is missing (looked for {package / 'dashboard_app.py'} and "
                     f"{package.parent / 'dashboard.py'})")


def streamlit_command(
    path: Path | None, port: int, *, headless: bool = False, address: str = LOCALHOST, allow: tuple[Path, ...] = (),
    lexicon_dir: Path | None = None,
) -> tuple[list[str], dict]:
    """The command line and environment that start the dashboard (on 127.0.0.1 unless ``address``)."""
    from framing.interfaces.dashboard.access import ALLOW_VARIABLE, LEXICON_VARIABLE, allowed_environment

    command = [sys.executable, "-m", "streamlit", "run", str(app_path()), "--server.port", str(port),
               "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal"]
    if headless:
        command += ["--server.headless", "true"]
    command += ["--server.address", address or LOCALHOST]
    env = {k: v for k, v in os.environ.items() if k not in (ALLOW_VARIABLE, LEXICON_VARIABLE)}
    env.update(allowed_environment(allow, lexicon_dir))
    if path is not None:
        env[PATH_VARIABLE] = str(path.expanduser().resolve())
    else:
        env.pop(PATH_VARIABLE, None)
    return command, env


def register(sub) -> None:
    parser = sub.add_parser(
        "dashboard", help="open the dashboard on a reports folder, a .duckdb store or a folder of articles"
    )
    parser.add_argument("path", nargs="?", type=Path,
                        help="reports folder, .duckdb store, or files to analyse (default: the sample corpus)")
    parser.add_argument("--port", type=int, default=8501, help="port to serve on (default 8501)")
    parser.add_argument("--address", default=LOCALHOST,
                        help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 opens it to the "
                        "network, with no login)")
    parser.add_argument("--allow", type=Path, action="append", default=[], metavar="DIR",
                        help="another folder the dashboard may read (repeatable); it reads nothing else but PATH, "
                        "the sample corpus and the lexicons")
    parser.add_argument("--lexicon-dir", type=Path, metavar="DIR",
                        help="the user lexicon folder the Lexicons tab saves into (default ~/.framing/lexicons)")
    parser.add_argument("--headless", action="store_true", help="do not open a browser window")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("streamlit") is None:
        raise InputError("the dashboard needs Streamlit: pip install 'framing[dashboard]'")
    if args.path is not None and not args.path.exists():
        raise InputError(f"no such file or folder: {args.path}")
    for folder in args.allow:
        if not folder.is_dir():
            raise InputError(f"--allow: not a folder: {folder}")
    command, env = streamlit_command(args.path, args.port, headless=args.headless, address=args.address,
                                     allow=tuple(args.allow), lexicon_dir=args.lexicon_dir)
    return subprocess.call(command, env=env)
