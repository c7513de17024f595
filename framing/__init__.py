"""framing: compare how news coverage frames a story."""

__version__ = "0.1.0"
