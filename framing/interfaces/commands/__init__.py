"""Subcommands of the ``framing`` command line, one module each."""
