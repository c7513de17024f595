"""The same analysis on a Dask cluster (``framing analyse --engine dask [--scheduler ADDRESS]``).

The driver splits the input into partitions (lists of files; tabular files by ranges of rows), and
each Dask task reads its partition, analyses it with the same pipeline as the local engine and writes
one Parquet file per table under ``OUT/parquet/<table>/part-NNNNN.parquet``. The driver takes the
partitions back in order, removes articles that repeat one from an earlier partition (as the local
reader does), and writes the store and the CSV reports exactly as the local engine does, so both
engines give the same tables.

Without an address a ``LocalCluster`` of ``jobs`` worker processes is started and stopped. With an
address, the workers must see the input files (and ``OUT``) at the same paths, e.g. on a shared
filesystem; see ``docs/scale.md``.
"""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from framing.config import AnalysisConfig
from framing.errors import FramingError, message
from framing.reading import iter_files, read_file, without_duplicates
from framing.running.local import BatchTables, RunSummary, batch_tables, finish_run, store_batches
from framing.schema import SKIPPED_COLUMNS, frame
from framing.tables.pipeline import ANALYSIS_CHUNK, analyse_articles
from framing.types import Article, Skipped

PARQUET_TABLES = ("articles", "sentences", "cues", "actors", "skipped")
ROW_SPLIT_TYPES = {".csv", ".tsv", ".jsonl", ".ndjson", ".parquet"}  # .json arrays stay whole
FIRST_ROW = {".csv": 2, ".tsv": 2}  # csv row 1 is the header; jsonl lines and parquet rows count from 1
_NUMBER = re.compile(r"(\d+)$")
SCHEDULER_TIMEOUT = 15  # seconds to wait for a --scheduler to answer


@dataclass(frozen=True)
class Piece:
    """Part of the input: a whole file, or the rows ``start`` (inclusive) to ``stop`` of a tabular file,
    numbered as the reader numbers them in ``Skipped.item`` and ``Article.source``."""

    path: str
    start: int | None = None
    stop: int | None = None  # None: to the end of the file
    problem: str = ""  # why the path cannot be used, reported as a skipped input


def _count_rows(path: Path) -> int:
    """An upper bound of the row numbers in a tabular file (its line count), or parquet's row count."""
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    lines = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 24):
            lines += chunk.count(b"\n")
    return lines + 1


def plan_partitions(paths: Sequence[str | Path], *, partition_size: int) -> list[list[Piece]]:
    """Partitions of the input in reading order: up to ``partition_size`` files, or up to
    ``partition_size`` rows of one tabular file."""
    partitions: list[list[Piece]] = []
    files: list[Piece] = []
    for path, problem in iter_files(paths):
        suffix = path.suffix.lower()
        if problem or suffix not in ROW_SPLIT_TYPES:
            files.append(Piece(str(path), problem=problem or ""))
            if len(files) >= partition_size:
                partitions.append(files)
                files = []
            continue
        if files:
            partitions.append(files)
            files = []
        try:
            rows = _count_rows(path)
        except Exception:  # unreadable (e.g. a truncated Parquet file): read whole, the reader reports it
            files.append(Piece(str(path)))
            continue
        first = FIRST_ROW.get(suffix, 1)
        last = first + rows
        for start in range(first, last, partition_size):
            stop = start + partition_size
            partitions.append([Piece(str(path), start, None if stop >= last else stop)])
    if files:
        partitions.append(files)
    return partitions


def _number(item: Article | Skipped) -> int | None:
    label = item.item if isinstance(item, Skipped) else item.source.rpartition("#")[2]
    found = _NUMBER.search(label)
    return int(found.group(1)) if found else None


def read_partition(pieces: Sequence[Piece], config: AnalysisConfig) -> Iterator[Article | Skipped]:
    """What ``framing.reading.read_paths`` yields for these pieces, duplicates inside the partition
    included (reported as skipped)."""
    from framing.reading.boilerplate import Boilerplate

    options = config.read_options
    rules = Boilerplate.load(options.lexicon_dir)
    yield from without_duplicates(_partition_items(pieces, options, rules))


def _partition_items(pieces: Sequence[Piece], options, rules) -> Iterator[Article | Skipped]:
    for piece in pieces:
        if piece.problem:
            yield Skipped(piece.path, "", piece.problem)
            continue
        path = Path(piece.path)
        for item in read_file(path, options, rules):
            if piece.start is not None:
                number = _number(item)
                if number is None:  # a problem with the whole file: reported once, by its first piece
                    if piece.start != FIRST_ROW.get(path.suffix.lower(), 1):
                        continue
                elif number < piece.start:
                    continue
                elif piece.stop is not None and number >= piece.stop:
                    break
            yield item


def analyse_partition(
    pieces: Sequence[Piece], config: AnalysisConfig, stored, parquet_dir: str | None, index: int
) -> BatchTables:
    """A Dask task: read, skip what the store holds, analyse, write the partition's Parquet files."""
    results, skipped, unchanged, waiting = [], [], 0, []
    for item in read_partition(pieces, config):
        if isinstance(item, Skipped):
            skipped.append(item)
        elif stored is not None and item.article_id in stored:
            unchanged += 1
        else:
            waiting.append(item)
            if len(waiting) >= ANALYSIS_CHUNK:
                results.extend(analyse_articles(waiting, config))
                waiting = []
    results.extend(analyse_articles(waiting, config))
    tables = batch_tables(results, skipped, config, unchanged)
    if parquet_dir is not None:
        write_parquet(tables, Path(parquet_dir), index)
    return tables


def write_parquet(tables: BatchTables, folder: Path, index: int) -> None:
    for name in PARQUET_TABLES:
        target = folder / name / f"part-{index:05d}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        getattr(tables, name).to_parquet(target, index=False)


class _Dedup:
    """Drops articles already seen in an earlier partition, reporting them as the local reader does."""

    def __init__(self):
        self.seen: dict[str, str] = {}

    def __call__(self, tables: BatchTables) -> bool:
        """Remove repeats from ``tables`` in place; True when something was removed."""
        articles = tables.articles
        repeated = articles["article_id"].isin(self.seen.keys()) if self.seen else None
        if repeated is None or not repeated.any():
            self.seen.update(zip(articles["article_id"], articles["source"], strict=True))
            return False
        extra = [
            asdict(Skipped(source, "", message("duplicate_article", other=self.seen[article_id])))
            for article_id, source in zip(
                articles.loc[repeated, "article_id"], articles.loc[repeated, "source"], strict=True
            )
        ]
        dropped = set(articles.loc[repeated, "article_id"])
        for name in ("articles", "sentences", "cues", "actors"):
            data = getattr(tables, name)
            setattr(tables, name, data[~data["article_id"].isin(dropped)].reset_index(drop=True))
        tables.skipped = pd.concat([tables.skipped, frame(extra, SKIPPED_COLUMNS)], ignore_index=True)
        self.seen.update(zip(tables.articles["article_id"], tables.articles["source"], strict=True))
        return True


def _client(scheduler: str | None, jobs: int):
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout=SCHEDULER_TIMEOUT), None
        except (OSError, TimeoutError) as error:
            raise FramingError(
                f"--scheduler: no Dask scheduler answered at {scheduler} within {SCHEDULER_TIMEOUT:g} s ({error})"
            ) from None
    cluster = LocalCluster(
        n_workers=jobs,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


def run_dask(
    paths: Sequence[str | Path],
    config: AnalysisConfig,
    *,
    store: str | Path | None = None,
    out: str | Path | None = None,
    jobs: int = 2,
    batch_size: int = 200,
    scheduler: str | None = None,
) -> RunSummary:
    """Analyse ``paths`` on a Dask cluster into Parquet (under ``out/parquet``), the store and CSV."""
    client, cluster = _client(scheduler, jobs)
    parquet_dir = Path(out) / "parquet" if out is not None else None
    if parquet_dir is not None:
        for old in parquet_dir.glob("*/part-*.parquet"):
            old.unlink()
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)

        def make_batches(writer) -> Iterator[BatchTables]:
            stored = writer.stored() if store is not None else None
            shared = client.scatter(stored, broadcast=True) if stored is not None and len(stored) else None
            dedup = _Dedup()
            window: deque = deque()
            target = str(parquet_dir) if parquet_dir is not None else None

            def collect():
                index, future = window.popleft()
                tables = future.result()
                future.release()
                if dedup(tables) and parquet_dir is not None:
                    write_parquet(tables, parquet_dir, index)
                return tables

            for index, pieces in enumerate(plan_partitions(paths, partition_size=batch_size)):
                window.append(
                    (
                        index,
                        client.submit(analyse_partition, pieces, config, shared, target, index, pure=False),
                    )
                )
                if len(window) >= 2 * workers:
                    yield collect()
            while window:
                yield collect()

        def write(target: Path, hold: bool) -> RunSummary:
            return store_batches(
                make_batches, target, config, hold=hold, inputs=paths, engine="dask", jobs=workers
            )

        return finish_run(write, store=store, out=out)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
