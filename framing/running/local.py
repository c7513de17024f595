"""Streaming analysis on every core: articles are read lazily, analysed in batches by worker processes,
and handed back in input order, so the output is the same for any number of jobs and memory stays
bounded by the batches in flight, not by the size of the corpus.

``run_local`` drives a whole run: read -> skip what the store already holds -> analyse (in this
process for one job, in a ``ProcessPoolExecutor`` otherwise) -> write each batch to the store in one
transaction. CSV reports come from the store, chunk by chunk; without ``--store`` a scratch store in
the output folder is used and removed at the end.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path

import pandas as pd

from framing.config import AnalysisConfig
from framing.reading import read_paths
from framing.schema import ARTICLE_COLUMNS, CUE_COLUMNS, SKIPPED_COLUMNS, Column, frame
from framing.storage.store import StoreWriter, export_csv
from framing.tables.actors import actor_table
from framing.tables.pipeline import analyse_articles, pipeline, table_columns
from framing.types import Article, Skipped

DEFAULT_BATCH_SIZE = 200  # articles per batch: one store transaction, one task for a worker
WARNINGS_SHOWN = 20  # article warnings printed by the command line; all of them are in the tables


# A worker is replaced after this many batches: the Python heap of a long-lived worker creeps up with
# fragmentation, and a fresh one (about 3 s to load the models) keeps the peak flat on any corpus size.
BATCHES_PER_WORKER = 25


def available_cores() -> int:
    """Cores this process may run on (the CPU affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass
class BatchTables:
    """The tables of one batch of articles (plus the inputs skipped while reading them)."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    cues: pd.DataFrame
    actors: pd.DataFrame
    skipped: pd.DataFrame
    unchanged: int = 0  # articles read but already stored with the same configuration version


def batch_tables(
    results: Sequence, skipped: Sequence[Skipped], config: AnalysisConfig, unchanged: int = 0
) -> BatchTables:
    """Tables from per-article results, with the columns and dtypes ``framing.tables.pipeline.assemble`` gives."""
    base = {c.name for c in ARTICLE_COLUMNS}
    article_rows = [r.article for r in results]
    extra = sorted({k for row in article_rows for k in row} - base)
    sentences = frame([row for r in results for row in r.sentences], table_columns(config))
    cues = frame([row for r in results for row in r.cues], CUE_COLUMNS)
    return BatchTables(
        articles=frame(article_rows, ARTICLE_COLUMNS, extra),
        sentences=sentences,
        cues=cues,
        actors=actor_table(sentences, cues),
        skipped=frame([asdict(s) for s in skipped], SKIPPED_COLUMNS),
        unchanged=unchanged,
    )


def analyse_batch(articles: Sequence[Article], config: AnalysisConfig) -> BatchTables:
    """Analyse a batch of articles (in a worker process or here) and build its tables."""
    return batch_tables(analyse_articles(articles, config), [], config)


def _exit_with_parent(parent: int, run: int | None = None) -> None:
    """Leave as soon as the process that started this worker is gone (killed with -9, it cannot stop
    its pool): the worker is re-parented, and ``os.getppid`` changes. A worker forked by the fork
    server has the server as its parent (the server leaves when the run's process is gone, closing
    its end of a pipe), and also watches the run's process ``run`` itself."""
    while os.getppid() == parent and (run is None or run == parent or process_alive(run)):
        time.sleep(0.5)
    os._exit(1)


def _warm_worker(config: AnalysisConfig, run: int | None = None) -> None:
    """Build the annotators once per worker process, before the first batch arrives; the worker ends
    when its parent or the run's process ``run`` does."""
    if run is not None:
        watch = threading.Thread(
            target=_exit_with_parent, args=(os.getppid(), run), daemon=True, name="framing-parent-watch"
        )
        watch.start()
    pipeline(config)


# What the fork server imports once, so that the workers forked from it start with the libraries
# loaded (pandas, scikit-learn, the annotators): each spawned worker used to import them itself.
WORKER_PRELOAD = ["framing.running.worker"]


def _worker_context():
    """Workers are forked from a fork server: a fresh process started by this one before any store is
    opened, which imports the libraries and loads the shipped models once (``WORKER_PRELOAD``). A
    plain fork of this process would copy its DuckDB threads and open files; a spawned worker
    pays the imports and the model loading again, about 3 CPU seconds each. Where there is no fork
    server (not on Linux or macOS), workers are spawned."""
    try:
        context = get_context("forkserver")
    except ValueError:
        return get_context("spawn")
    context.set_forkserver_preload(WORKER_PRELOAD)
    return context


CONFIG_VARIABLE = "FRAMING_WORKER_CONFIG"


def config_json(config: AnalysisConfig) -> str:
    """``config`` as JSON (paths as text), for :func:`config_from_json` in the fork server."""
    return json.dumps(
        {
            "lexicon_dir": str(config.lexicon_dir) if config.lexicon_dir is not None else None,
            "actor_files": [str(p) for p in config.actor_files],
            "detect_actor_sets": config.detect_actor_sets,
            "models": [[name, str(path)] for name, path in config.models],
            "vader": config.vader,
            "classifiers": config.classifiers,
            "blame_model": config.blame_model,
            "relation_model": config.relation_model,
            "cues_decide": list(config.cues_decide),
            "columns": [list(pair) for pair in config.columns],
            "dayfirst": config.dayfirst,
            "date_order_explicit": config.date_order_explicit,
            "outlet": config.outlet,
            "extras": [list(pair) for pair in config.extras],
        }
    )


def config_from_json(text: str) -> AnalysisConfig:
    """The configuration :func:`config_json` wrote; equal to it, so the workers' cached pipeline is found."""
    values = json.loads(text)
    return AnalysisConfig(
        lexicon_dir=Path(values["lexicon_dir"]) if values["lexicon_dir"] is not None else None,
        actor_files=tuple(Path(p) for p in values["actor_files"]),
        detect_actor_sets=bool(values["detect_actor_sets"]),
        models=tuple((str(name), Path(path)) for name, path in values["models"]),
        vader=bool(values["vader"]),
        classifiers=bool(values["classifiers"]),
        blame_model=bool(values["blame_model"]),
        relation_model=bool(values["relation_model"]),
        cues_decide=tuple(str(d) for d in values["cues_decide"]),
        columns=tuple((str(a), str(b)) for a, b in values["columns"]),
        dayfirst=bool(values["dayfirst"]),
        date_order_explicit=bool(values["date_order_explicit"]),
        outlet=str(values["outlet"]),
        extras=tuple((str(a), str(b)) for a, b in values["extras"]),
    )


def _stop_fork_server() -> None:
    """Stop the fork server once the pool is done, and wait for it: it reaps the workers, so their
    CPU time then counts among this process's children (``getrusage``), as spawned workers' did."""
    from multiprocessing import forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if stop is not None:
        with contextlib.suppress(OSError):
            stop()


@dataclass
class _Pending:
    skipped: list[Skipped] = field(default_factory=list)
    unchanged: int = 0


def _read_batches(
    items: Iterable[Article | Skipped], batch_size: int, stored
) -> Iterator[tuple[list[Article], list[Skipped], int]]:
    """Group what the reader yields into batches of ``batch_size`` articles to analyse; articles the
    store holds with the same version are counted, not analysed."""
    articles: list[Article] = []
    pending = _Pending()
    for item in items:
        if isinstance(item, Skipped):
            pending.skipped.append(item)
        elif stored is not None and item.article_id in stored:
            pending.unchanged += 1
        else:
            articles.append(item)
        if len(articles) >= batch_size or len(pending.skipped) + pending.unchanged >= 10 * batch_size:
            yield articles, pending.skipped, pending.unchanged
            articles, pending = [], _Pending()
    if articles or pending.skipped or pending.unchanged:
        yield articles, pending.skipped, pending.unchanged


def iter_batches(
    paths: Iterable[str | Path],
    config: AnalysisConfig,
    *,
    jobs: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    stored=None,
    progress: bool = False,
) -> Iterator[BatchTables]:
    """The corpus as a stream of ``BatchTables``, in input order whatever ``jobs`` is.

    ``stored`` is a set-like of article ids to skip (read but not analysed). With ``jobs > 1`` the
    batches go to a pool of worker processes; at most ``2 * jobs`` batches are in flight, so memory
    does not grow with the corpus.
    """
    items: Iterable[Article | Skipped] = read_paths(list(paths), config.read_options)
    if progress:
        from tqdm import tqdm

        items = tqdm(items, desc="articles", unit="art", file=sys.stderr)
    batches = _read_batches(items, batch_size, stored)
    if jobs <= 1:
        for articles, skipped, unchanged in batches:
            tables = analyse_batch(articles, config)
            yield _with_skipped(tables, skipped, unchanged, config)
        return
    context = _worker_context()
    window: deque[tuple[Future | BatchTables, list[Skipped], int]] = deque()
    pool: ProcessPoolExecutor | None = None
    try:
        for articles, skipped, unchanged in batches:
            if articles and pool is None:  # a rerun over a stored corpus starts no workers
                if context.get_start_method() == "forkserver":  # the server builds the annotators once
                    os.environ[CONFIG_VARIABLE] = config_json(config)
                pool = ProcessPoolExecutor(
                    jobs,
                    mp_context=context,
                    initializer=_warm_worker,
                    initargs=(config, os.getpid()),
                    max_tasks_per_child=BATCHES_PER_WORKER,
                )
            work = pool.submit(analyse_batch, articles, config) if articles else batch_tables([], [], config)
            window.append((work, skipped, unchanged))
            if len(window) >= 2 * jobs:
                yield _finished(*window.popleft(), config)
        while window:
            yield _finished(*window.popleft(), config)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
            if context.get_start_method() == "forkserver":
                _stop_fork_server()
                os.environ.pop(CONFIG_VARIABLE, None)  # read by the server when it started


def _finished(
    work: Future | BatchTables, skipped: list[Skipped], unchanged: int, config: AnalysisConfig
) -> BatchTables:
    return _with_skipped(work.result() if isinstance(work, Future) else work, skipped, unchanged, config)


def _with_skipped(
    tables: BatchTables, skipped: list[Skipped], unchanged: int, config: AnalysisConfig
) -> BatchTables:
    tables.skipped = frame([asdict(s) for s in skipped], SKIPPED_COLUMNS)
    tables.unchanged = unchanged
    return tables


@dataclass
class RunSummary:
    """What a run did, for the command line: counts, skipped inputs and article warnings."""

    articles_analysed: int = 0
    articles_unchanged: int = 0
    articles_replaced: int = 0
    sentences: int = 0
    cues: int = 0
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    warnings_total: int = 0
    written: list[Path] = field(default_factory=list)

    def add(self, tables: BatchTables, replaced: int = 0) -> None:
        self.articles_analysed += len(tables.articles)
        self.articles_unchanged += tables.unchanged
        self.articles_replaced += replaced
        self.sentences += len(tables.sentences)
        self.cues += len(tables.cues)
        self.skipped.extend(tables.skipped[["source", "item", "reason"]].itertuples(index=False, name=None))
        warned = tables.articles[tables.articles["warnings"] != ""]
        self.warnings_total += len(warned)
        room = WARNINGS_SHOWN - len(self.warnings)
        if room > 0:
            self.warnings.extend(warned[["source", "warnings"]].head(room).itertuples(index=False, name=None))


def store_batches(
    make_batches: Callable[[StoreWriter], Iterable[BatchTables]],
    store: str | Path,
    config: AnalysisConfig,
    *,
    hold: bool = False,
    inputs: Sequence[str | Path] = (),
    engine: str = "local",
    jobs: int = 1,
) -> RunSummary:
    """Write the batches ``make_batches(writer)`` yields into a store, one transaction per batch, and
    record the run (its status stays 'running' if the process is killed, 'failed' on an error)."""
    writer = StoreWriter(store, config.version(), hold=hold)
    columns: tuple[Column, ...] = table_columns(config)
    writer.begin(columns, inputs=inputs, engine=engine, jobs=jobs)
    summary = RunSummary()
    status = "failed"
    try:
        for tables in make_batches(writer):
            summary.add(tables, writer.write(tables, columns))
        status = "complete"
    finally:
        try:
            writer.finish(status)
        finally:
            writer.close()
    return summary


def run_local(
    paths: Sequence[str | Path],
    config: AnalysisConfig,
    *,
    store: str | Path | None = None,
    out: str | Path | None = None,
    jobs: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: bool = False,
) -> RunSummary:
    """Analyse ``paths`` into a store and/or CSV reports, streaming, on ``jobs`` processes."""
    jobs = jobs or available_cores()

    def make_batches(writer: StoreWriter) -> Iterator[BatchTables]:
        stored = writer.stored() if store is not None else None
        return iter_batches(paths, config, jobs=jobs, batch_size=batch_size, stored=stored, progress=progress)

    def write(target: Path, hold: bool) -> RunSummary:
        return store_batches(make_batches, target, config, hold=hold, inputs=paths, engine="local", jobs=jobs)

    return finish_run(write, store=store, out=out)


SCRATCH_PREFIX = ".framing-scratch-"  # then host-pid-random: the run that made the folder


def process_alive(pid: int) -> bool:
    """True when a process ``pid`` exists on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def remove_stale_scratch(out: Path) -> list[Path]:
    """Remove the scratch folders in ``out`` left by runs of this machine that were killed."""
    removed = []
    host = socket.gethostname()
    for folder in out.glob(f"{SCRATCH_PREFIX}*"):
        owner = folder.name[len(SCRATCH_PREFIX) :]
        made_on, _, rest = owner.rpartition("-")[0].rpartition("-")
        pid = rest
        if made_on != host or not pid.isdigit() or process_alive(int(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def finish_run(
    write: Callable[[Path, bool], RunSummary], *, store: str | Path | None, out: str | Path | None
) -> RunSummary:
    """Run ``write(store_path, hold)`` into the user's store, or into a scratch store when only CSV
    reports are wanted, then export the reports from it."""
    if store is not None:
        summary = write(Path(store), False)
        if out is not None:
            summary.written = export_csv(store, out)
        return summary
    if out is None:
        raise ValueError("nothing to write: give a store, an output folder, or both")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_scratch(out)
    scratch = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{socket.gethostname()}-{os.getpid()}-", dir=out))
    try:
        summary = write(scratch / "scratch.duckdb", True)
        summary.written = export_csv(scratch / "scratch.duckdb", out)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return summary
