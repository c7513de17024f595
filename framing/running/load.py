"""Open earlier results: a folder of CSV reports, a DuckDB store, or raw inputs to analyse now."""

from __future__ import annotations

from pathlib import Path


def load(path: str | Path, config=None):
    """An ``Analysis`` from a reports folder (``articles.csv`` inside), a ``.duckdb`` store, or, for any
    other file or folder, by analysing it."""
    path = Path(path)
    if path.is_dir() and (path / "articles.csv").is_file():
        from framing.storage.reports import read_reports

        return read_reports(path)
    if path.suffix == ".duckdb":
        from framing.storage.store import read_store

        return read_store(path)
    from framing.running.inprocess import analyse

    return analyse([path], config)
