"""The ``framing`` subcommands, one module each; common.py holds what analyse and report share."""
