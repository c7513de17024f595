"""``framing dashboard [PATH] [--port N]``: open the Streamlit dashboard on a reports folder, a
``.duckdb`` store or a folder of articles (the sample corpus when no path is given).

The app is ``dashboard.py`` at the top of a source checkout; an installed wheel carries the same file
as ``framing/dashboard_app.py``. The path reaches the app through the ``FRAMING_DASHBOARD_PATH``
environment variable.
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

PATH_VARIABLE = "FRAMING_DASHBOARD_PATH"


def app_path() -> Path:
    """The dashboard script: packaged inside framing (wheel) or beside the package (checkout)."""
    package = Path(str(resources.files("framing")))
    for candidate in (package / "dashboard_app.py", package.parent / "dashboard.py"):
        if candidate.is_file():
            return candidate
    raise InputError(f"the dashboard app is missing (looked for {package / 'dashboard_app.py'} and "
                     f"{package.parent / 'dashboard.py'})")


def streamlit_command(path: Path | None, port: int, *, headless: bool = False, address: str = "") -> tuple[list[str], dict]:
    """The command line and environment that start the dashboard."""
    command = [sys.executable, "-m", "streamlit", "run", str(app_path()), "--server.port", str(port),
               "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal"]
    if headless:
        command += ["--server.headless", "true"]
    if address:
        command += ["--server.address", address]
    env = dict(os.environ)
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
    parser.add_argument("--address", default="", help="address to listen on (default: Streamlit's, all interfaces)")
    parser.add_argument("--headless", action="store_true", help="do not open a browser window")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("streamlit") is None:
        raise InputError("the dashboard needs Streamlit: pip install 'framing[dashboard]'")
    if args.path is not None and not args.path.exists():
        raise InputError(f"no such file or folder: {args.path}")
    command, env = streamlit_command(args.path, args.port, headless=args.headless, address=args.address)
    return subprocess.call(command, env=env)
