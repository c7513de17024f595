"""The ``framing`` command. Each subcommand lives in ``framing/interfaces/commands/<name>.py`` with
``register(subparsers)``; this module only assembles them and turns errors into clear messages."""

from __future__ import annotations

import argparse
import importlib
import sys

from framing import __version__
from framing.errors import FramingError

COMMANDS = (
    "framing.interfaces.commands.analyse",
    "framing.interfaces.commands.report",
    "framing.interfaces.commands.dashboard",
    "framing.interfaces.commands.train",
    "framing.interfaces.commands.agreement",
    "framing.interfaces.commands.suggest",
    "framing.interfaces.commands.stance",
)

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="framing",
        description="Compare how news coverage frames a story: blame, hedging, evaluative language and voices.",
    )
    top.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                continue
            raise
        module.register(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except FramingError as error:
        print(f"framing: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
