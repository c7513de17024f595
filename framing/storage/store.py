"""The embedded store: the analysis tables in one DuckDB file, filled incrementally, batch by batch.

``framing analyse PATH... --store corpus.duckdb`` writes the tables (articles, sentences, cues, actors,
skipped) plus ``runs`` (one row per run: configuration version, times, counts) and ``columns`` (the
typed column definitions, so readers rebuild the same DataFrames). Later runs add new articles, skip
articles already stored with the same article_id *and* the same configuration version, and re-analyse
and replace those stored under another version.

Each batch is written in one transaction (its articles with their sentences, cues and actors), so a
reader never sees half an article and a killed run loses at most the batch in flight.

DuckDB lets one process hold a database file for writing, and while it does no other process can open
the file, not even read-only. The writer therefore opens the file only for each batch commit (and
closes it again), and both readers and the writer retry for a while when the other side holds the
lock. ``docs/scale.md`` has the measured behaviour.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from framing.errors import StoreError
from framing.schema import ACTOR_COLUMNS, ARTICLE_COLUMNS, CUE_COLUMNS, SKIPPED_COLUMNS, Column

STORE_FORMAT = 1
DATA_TABLES = ("articles", "sentences", "cues", "actors", "skipped")
# store-only bookkeeping columns, never part of the tables handed back to users
VERSION_COLUMN = "analysis_version"
RUN_COLUMN = "analysis_run"
SEQ_COLUMN = "row_seq"  # insertion order, so reads return rows in the order they were analysed
BOOKKEEPING = {VERSION_COLUMN, RUN_COLUMN, SEQ_COLUMN}

SQL_TYPES = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN"}
FIXED_COLUMNS = {
    "articles": ARTICLE_COLUMNS,
    "cues": CUE_COLUMNS,
    "actors": ACTOR_COLUMNS,
    "skipped": SKIPPED_COLUMNS,
}

RUN_COUNTS = (
    "articles_read",  # articles found in the inputs
    "articles_analysed",  # analysed in this run (new or replaced)
    "articles_replaced",  # stored before under another configuration version, analysed again
    "articles_unchanged",  # already stored with the same version: read, not analysed
    "sentences",
    "cues",
    "skipped",
)
RUNS_SQL = (
    "CREATE TABLE IF NOT EXISTS runs (run_id BIGINT, version VARCHAR, started VARCHAR, finished VARCHAR, "
    "status VARCHAR, engine VARCHAR, jobs BIGINT, inputs VARCHAR, "
    + ", ".join(f"{name} BIGINT DEFAULT 0" for name in RUN_COUNTS)
    + ")"
)
COLUMNS_SQL = (
    "CREATE TABLE IF NOT EXISTS columns (table_name VARCHAR, ordinal BIGINT, name VARCHAR, dtype VARCHAR, "
    "default_value VARCHAR, description VARCHAR)"
)

MEMORY_LIMIT = os.environ.get("FRAMING_DUCKDB_MEMORY", "256MB")  # DuckDB syntax: 256MB, 1GB
WAL_CHECKPOINT_BYTES = 64 * 1024 * 1024
LOCK_TIMEOUT = 60.0  # seconds a reader or writer waits for the other side to release the file


class StoreLocked(RuntimeError):
    """The store stayed locked by another process for longer than the timeout."""


def _is_lock_error(error: Exception) -> bool:
    text = str(error).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file


def is_duckdb_file(path: str | Path) -> bool:
    """True when ``path`` is missing or empty (a store can be made there) or is a DuckDB database file."""
    path = Path(path)
    if not path.exists():
        return True
    if not path.is_file():
        return False
    with open(path, "rb") as handle:
        head = handle.read(12)
    return not head or head[8:12] == DUCKDB_MAGIC


def connect(
    path: str | Path, *, read_only: bool = False, timeout: float = LOCK_TIMEOUT
) -> duckdb.DuckDBPyConnection:
    """Open the store, retrying while another process holds the file lock (up to ``timeout`` seconds).

    Raises StoreError, touching nothing, when ``path`` holds something other than a DuckDB database."""
    if not is_duckdb_file(path):
        raise StoreError(f"{path} is not a DuckDB store")
    deadline = time.monotonic() + timeout
    delay = 0.01
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            # DuckDB's own cache would take up to 80% of the machine; past this limit it spills to disk
            con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'").fetchall()
            return con
        except duckdb.IOException as error:
            if not _is_lock_error(error):
                raise
            if time.monotonic() >= deadline:
                raise StoreLocked(
                    f"{path}: still locked by another process after {timeout:g} s ({error})"
                ) from None
        time.sleep(delay)
        delay = min(delay * 2, 0.25)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _do(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence | None = None) -> list:
    """Run a statement to completion (DuckDB keeps a statement's result open until it is fetched)."""
    return con.execute(sql, params or []).fetchall()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: object) -> str:
    return "" if value is None else repr(value) if isinstance(value, float) else str(value)


class IdSet:
    """A compact, sorted set of article ids (about 16 bytes each), for skip checks on big stores."""

    def __init__(self, ids: Iterable[str] = ()):
        encoded = [str(i).encode("utf-8") for i in ids]
        self._ids = np.unique(np.array(encoded, dtype=bytes)) if encoded else np.array([], dtype="S1")

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: str) -> bool:
        if not len(self._ids):
            return False
        key = article_id.encode("utf-8")
        index = int(np.searchsorted(self._ids, key))
        return index < len(self._ids) and self._ids[index] == key


def _coerce(data: pd.DataFrame, columns: Sequence[Column]) -> pd.DataFrame:
    """Give columns read from the store the dtypes ``framing.schema.frame`` gives them."""
    for column in columns:
        if column.name not in data.columns:
            data[column.name] = pd.Series([column.default] * len(data), dtype=object, index=data.index)
        series = data[column.name]
        if column.dtype == "int":
            data[column.name] = (
                pd.to_numeric(series, errors="coerce").fillna(column.default or 0).astype("int64")
            )
        elif column.dtype == "float":
            data[column.name] = pd.to_numeric(series, errors="coerce").astype("float64")
        elif column.dtype == "bool":
            data[column.name] = series.astype(object).where(series.notna(), False).astype(bool)
        else:
            data[column.name] = series.astype(object).where(series.notna(), "").astype(str)
    return data


def _parse_default(dtype: str, text: str):
    if dtype == "int":
        return int(text or 0)
    if dtype == "float":
        return float(text) if text else float("nan")
    if dtype == "bool":
        return text == "True"
    return text


class Schema:
    """The columns each table of a store holds, as recorded in its ``columns`` table."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        rows = con.execute(
            "SELECT table_name, name, dtype, default_value, description FROM columns ORDER BY table_name, ordinal"
        ).fetchall()
        self.columns: dict[str, list[Column]] = {name: [] for name in DATA_TABLES}
        for table, name, dtype, default, description in rows:
            self.columns.setdefault(table, []).append(
                Column(name, dtype, _parse_default(dtype, default), description)
            )

    def names(self, table: str) -> list[str]:
        return [c.name for c in self.columns.get(table, [])]

    def user_columns(self, table: str) -> list[Column]:
        """The columns handed back to users, articles' metadata extras sorted after the fixed ones (as
        ``framing.tables.pipeline.assemble`` orders them)."""
        columns = self.columns.get(table, [])
        if table != "articles":
            return list(columns)
        fixed = {c.name for c in ARTICLE_COLUMNS}
        return [c for c in columns if c.name in fixed] + sorted(
            (c for c in columns if c.name not in fixed), key=lambda c: c.name
        )


def _ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    _do(con, RUNS_SQL)
    # which process runs the run, so a later run can tell a killed one (stores made before had none)
    _do(con, "ALTER TABLE runs ADD COLUMN IF NOT EXISTS host VARCHAR")
    _do(con, "ALTER TABLE runs ADD COLUMN IF NOT EXISTS pid BIGINT")
    _do(con, COLUMNS_SQL)
    _do(con, "CREATE TABLE IF NOT EXISTS store_info (key VARCHAR, value VARCHAR)")
    if not con.execute("SELECT count(*) FROM store_info WHERE key = 'format'").fetchall()[0][0]:
        _do(con, "INSERT INTO store_info VALUES ('format', ?)", [str(STORE_FORMAT)])
    existing = {
        row[0]
        for row in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()
    }
    for table in DATA_TABLES:
        if table in existing:
            continue
        extra = {
            "articles": f", {VERSION_COLUMN} VARCHAR, {RUN_COLUMN} BIGINT",
            "skipped": f", {RUN_COLUMN} BIGINT",
        }
        _do(con, f"CREATE TABLE {table} (article_id VARCHAR, {SEQ_COLUMN} BIGINT{extra.get(table, '')})")
        if table == "skipped":
            _do(con, "ALTER TABLE skipped DROP COLUMN article_id")


def _add_columns(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[Column]) -> None:
    """Record ``columns`` for ``table`` and add any the table lacks (ALTER TABLE ADD COLUMN). The recorded
    order follows ``columns``, then the columns only older runs produced."""
    known = [
        row[0]
        for row in con.execute(
            "SELECT name FROM columns WHERE table_name = ? ORDER BY ordinal", [table]
        ).fetchall()
    ]
    new = [c for c in columns if c.name not in set(known)]
    physical = {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()} if new else set()
    for column in new:
        if column.name not in physical:
            _do(
                con,
                f"ALTER TABLE {table} ADD COLUMN {_quote(column.name)} {SQL_TYPES.get(column.dtype, 'VARCHAR')}",
            )
        _do(
            con,
            "INSERT INTO columns VALUES (?, ?, ?, ?, ?, ?)",
            [table, len(known), column.name, column.dtype, _literal(column.default), column.description],
        )
        known.append(column.name)
    given = [c.name for c in columns]
    order = given + [name for name in known if name not in set(given)]
    if order != known:
        for ordinal, name in enumerate(order):
            _do(
                con,
                "UPDATE columns SET ordinal = ? WHERE table_name = ? AND name = ?",
                [ordinal, table, name],
            )


def _undeclared(data: pd.DataFrame, columns: Sequence[Column]) -> list[Column]:
    """Columns of ``data`` the definitions do not name (e.g. from a worker running newer annotators),
    typed from their pandas dtype."""
    declared = {c.name for c in columns}
    found = []
    for name in data.columns:
        if name in declared:
            continue
        dtype = data[name].dtype
        kind = (
            "bool"
            if pd.api.types.is_bool_dtype(dtype)
            else "int"
            if pd.api.types.is_integer_dtype(dtype)
            else "float"
            if pd.api.types.is_float_dtype(dtype)
            else "str"
        )
        default = {"bool": False, "int": 0, "float": float("nan"), "str": ""}[kind]
        found.append(Column(str(name), kind, default, "column without a definition"))
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _mark_interrupted(con: duckdb.DuckDBPyConnection) -> int:
    """Runs still 'running' whose process (on this machine) is gone were killed: mark them 'interrupted'
    (their committed batches stay; the batch in flight was rolled back). Returns how many."""
    rows = con.execute("SELECT run_id, pid FROM runs WHERE status = 'running' AND host = ?", [socket.gethostname()]).fetchall()
    stale = [run_id for run_id, pid in rows if pid is not None and not _alive(int(pid))]
    for run_id in stale:
        _do(con, "UPDATE runs SET status = 'interrupted', finished = ? WHERE run_id = ?", [_now(), run_id])
    return len(stale)


class StoreWriter:
    """Writes the batches of one run into a store.

    ``hold=False`` (the default) opens the file for each batch commit only, so other processes can read
    between batches; ``hold=True`` keeps it open for the whole run (faster, for private scratch stores).
    """

    def __init__(self, path: str | Path, version: str, *, hold: bool = False, timeout: float = LOCK_TIMEOUT):
        self.path = Path(path)
        self.version = version
        self.hold = hold
        self.timeout = timeout
        self.run_id: int | None = None
        self._con: duckdb.DuckDBPyConnection | None = None

    @contextmanager
    def _connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self._con is not None:
            yield self._con
            return
        con = connect(self.path, timeout=self.timeout)
        # closing would checkpoint the log into the file every batch (most of a commit's cost); the
        # writer checkpoints when the log passes WAL_CHECKPOINT_BYTES and at the end of the run instead
        _do(con, "PRAGMA disable_checkpoint_on_shutdown")
        # one thread: the cores belong to the analysis workers, and each DuckDB thread keeps its own
        # allocator arena (about 30 MB less at 12,000 articles, no slower)
        _do(con, "SET threads = 1")
        if self.hold:
            self._con = con
            yield con
            return
        try:
            yield con
        finally:
            con.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def begin(
        self,
        sentence_columns: Sequence[Column],
        *,
        inputs: Sequence[str | Path] = (),
        engine: str = "local",
        jobs: int = 1,
    ) -> int:
        """Create the tables if needed and record the run; returns its run_id."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connection() as con:
            _do(con, "BEGIN TRANSACTION")
            _ensure_tables(con)
            _add_columns(con, "articles", ARTICLE_COLUMNS)
            _add_columns(con, "sentences", sentence_columns)
            for table in ("cues", "actors", "skipped"):
                _add_columns(con, table, FIXED_COLUMNS[table])
            _mark_interrupted(con)
            self.run_id = int(con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchall()[0][0])
            _do(
                con,
                "INSERT INTO runs (run_id, version, started, status, engine, jobs, inputs, host, pid) "
                "VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?)",
                [
                    self.run_id, self.version, _now(), engine, jobs, os.pathsep.join(str(p) for p in inputs),
                    socket.gethostname(), os.getpid(),
                ],
            )
            _do(con, "COMMIT")
        return self.run_id

    def stored(self) -> IdSet:
        """Ids of the articles stored with this writer's configuration version (to skip them)."""
        with self._connection() as con:
            rows = con.execute(
                f"SELECT article_id FROM articles WHERE {VERSION_COLUMN} = ?", [self.version]
            ).fetchnumpy()
        return IdSet(rows["article_id"].tolist())

    def write(self, batch, sentence_columns: Sequence[Column]) -> int:
        """Store one batch (``framing.running.local.BatchTables``) in one transaction; returns how many of its
        articles replaced articles stored under another version."""
        with self._connection() as con:
            _do(con, "BEGIN TRANSACTION")
            try:
                replaced = self._write(con, batch, sentence_columns)
                _do(con, "COMMIT")
            except BaseException:
                _do(con, "ROLLBACK")
                raise
            wal = Path(f"{self.path}.wal")
            if wal.is_file() and wal.stat().st_size > WAL_CHECKPOINT_BYTES:
                _do(con, "CHECKPOINT")
        return replaced

    def _write(self, con, batch, sentence_columns: Sequence[Column]) -> int:
        articles = batch.articles
        fixed = {c.name for c in ARTICLE_COLUMNS}
        article_columns = list(ARTICLE_COLUMNS) + [
            Column(name, "str", "", "user metadata column") for name in articles.columns if name not in fixed
        ]
        _add_columns(con, "articles", article_columns)
        _add_columns(con, "sentences", [*sentence_columns, *_undeclared(batch.sentences, sentence_columns)])
        for table in ("cues", "actors", "skipped"):
            undeclared = _undeclared(getattr(batch, table), FIXED_COLUMNS[table])
            if undeclared:
                _add_columns(con, table, [*FIXED_COLUMNS[table], *undeclared])
        replaced = 0
        if len(articles):
            con.register("batch_ids", articles[["article_id"]])
            present = con.execute(
                "SELECT count(*) FROM articles WHERE article_id IN (SELECT article_id FROM batch_ids)"
            ).fetchall()[0][0]
            if present:  # the big tables are scanned only when something is replaced
                for table in ("sentences", "cues", "actors", "articles"):
                    _do(con, f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM batch_ids)")
                replaced = int(present)
            con.unregister("batch_ids")
        if len(batch.skipped):
            con.register("batch_skipped", batch.skipped[["source", "item"]])
            _do(con, "DELETE FROM skipped WHERE (source, item) IN (SELECT (source, item) FROM batch_skipped)")
            con.unregister("batch_skipped")
        stamps = {
            "articles": {VERSION_COLUMN: self.version, RUN_COLUMN: self.run_id},
            "skipped": {RUN_COLUMN: self.run_id},
        }
        for table in DATA_TABLES:
            data: pd.DataFrame = getattr(batch, table)
            if not len(data):
                continue
            start = con.execute(f"SELECT coalesce(max({SEQ_COLUMN}), -1) + 1 FROM {table}").fetchall()[0][0]
            data = data.assign(
                **stamps.get(table, {}), **{SEQ_COLUMN: np.arange(start, start + len(data), dtype="int64")}
            )
            con.register("batch_rows", data)
            _do(con, f"INSERT INTO {table} BY NAME SELECT * FROM batch_rows")
            con.unregister("batch_rows")
        counts = {
            "articles_read": len(articles) + batch.unchanged,
            "articles_analysed": len(articles),
            "articles_replaced": replaced,
            "articles_unchanged": batch.unchanged,
            "sentences": len(batch.sentences),
            "cues": len(batch.cues),
            "skipped": len(batch.skipped),
        }
        assignments = ", ".join(f"{name} = {name} + ?" for name in counts)
        _do(con, f"UPDATE runs SET {assignments} WHERE run_id = ?", [*counts.values(), self.run_id])
        return replaced

    def finish(self, status: str = "complete") -> None:
        with self._connection() as con:
            _do(
                con,
                "UPDATE runs SET finished = ?, status = ? WHERE run_id = ?",
                [_now(), status, self.run_id],
            )
            _do(con, "CHECKPOINT")
        self.close()


def _filter(outlets: Sequence[str] | None, since: str | None, until: str | None) -> tuple[str, list]:
    clauses, params = [], []
    if outlets:
        clauses.append(f"outlet IN ({', '.join('?' for _ in outlets)})")
        params.extend(outlets)
    if since:
        clauses.append("published <> '' AND published >= ?")
        params.append(str(since)[:10])
    if until:
        clauses.append("published <> '' AND published <= ?")
        params.append(str(until)[:10])
    return " AND ".join(clauses), params


def _select(table: str, schema: Schema, where: str = "") -> str:
    names = ", ".join(_quote(c.name) for c in schema.user_columns(table))
    return f"SELECT {names} FROM {table} {where} ORDER BY {SEQ_COLUMN}"


def read_store(
    path: str | Path,
    *,
    outlets: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    timeout: float = LOCK_TIMEOUT,
):
    """The ``Analysis`` held in a store, optionally limited to some outlets and a publication-date range
    (ISO dates, inclusive; articles without a date are left out when a range is given).

    Rows come back in the order they were stored. The actors table is the stored one (written with each
    batch by ``framing.tables.actors.actor_table``, one row per actor per article, so the batches add up
    to the table of the whole corpus), sorted by article and actor; a store whose actors table lacks
    columns of ``framing.schema.ACTOR_COLUMNS`` (written by an older version) has it rebuilt from the
    sentences and cues, which takes minutes on a large store. Skipped inputs are returned whatever the
    filters.
    """
    from framing.storage.reports import Analysis
    from framing.tables.actors import actor_table

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no store at {path}")
    con = connect(path, read_only=True, timeout=timeout)
    try:
        schema = Schema(con)
        condition, params = _filter(outlets, since, until)
        where = f"WHERE {condition}" if condition else ""
        of_articles = f"WHERE article_id IN (SELECT article_id FROM articles {where})" if condition else ""
        tables = {}
        stored_actors = {c.name for c in ACTOR_COLUMNS} <= set(schema.names("actors"))
        for table in ("articles", "sentences", "cues", "skipped", *(["actors"] if stored_actors else [])):
            clause = where if table == "articles" else of_articles if table != "skipped" else ""
            data = con.execute(_select(table, schema, clause), params if clause else []).df()
            tables[table] = _coerce(data, schema.user_columns(table))
        versions = dict(
            con.execute(
                f"SELECT {VERSION_COLUMN}, count(*) FROM articles {where} GROUP BY 1 ORDER BY 2 DESC", params
            ).fetchall()
        )
        latest = con.execute("SELECT version FROM runs ORDER BY run_id DESC LIMIT 1").fetchall()
    finally:
        con.close()
    version = next(iter(versions)) if len(versions) == 1 else (latest[0][0] if latest else "")
    if stored_actors:
        keys = ["article_id", "actor"]
        actors = tables["actors"][[c.name for c in ACTOR_COLUMNS]].sort_values(keys, kind="stable")
        actors = actors.reset_index(drop=True)
    else:
        actors = actor_table(tables["sentences"], tables["cues"])
    return Analysis(
        articles=tables["articles"],
        sentences=tables["sentences"],
        cues=tables["cues"],
        skipped=tables["skipped"],
        actors=actors,
        version=version,
        extra={"versions": versions, "store": str(path)},
    )


def read_runs(path: str | Path, *, timeout: float = LOCK_TIMEOUT) -> pd.DataFrame:
    """The ``runs`` table: one row per run with its configuration version, times, status and counts."""
    con = connect(path, read_only=True, timeout=timeout)
    try:
        return con.execute("SELECT * FROM runs ORDER BY run_id").df()
    finally:
        con.close()


def export_csv(
    path: str | Path, out_dir: str | Path, *, chunk_rows: int = 50_000, timeout: float = LOCK_TIMEOUT
) -> list[Path]:
    """Write the CSV reports of a whole store into ``out_dir``, chunk by chunk (bounded memory), with the
    same formatting as ``framing.storage.reports.write_reports``."""
    from framing.storage.reports import OFFSET_TEXT_COLUMNS, safe_frame

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    con = connect(path, read_only=True, timeout=timeout)
    written = []
    vectors = max(1, chunk_rows // 2048)
    try:
        schema = Schema(con)
        for table in ("articles", "sentences", "cues", "actors", "skipped"):
            columns = schema.user_columns(table) or list(FIXED_COLUMNS.get(table, ()))
            if table == "actors":
                sql = f"SELECT {', '.join(_quote(c.name) for c in columns)} FROM actors ORDER BY article_id, actor"
            else:
                sql = _select(table, schema)
            target = out_dir / f"{table}.csv"
            with open(target, "w", encoding="utf-8-sig", newline="") as handle:
                if not schema.names(table):  # an empty store: header only
                    safe_frame(_coerce(pd.DataFrame(), columns), OFFSET_TEXT_COLUMNS.get(table, ())).to_csv(
                        handle, index=False, lineterminator="\n"
                    )
                else:
                    con.execute(sql)
                    first = True
                    while True:
                        chunk = con.fetch_df_chunk(vectors)
                        if not len(chunk) and not first:
                            break
                        safe_frame(_coerce(chunk, columns), OFFSET_TEXT_COLUMNS.get(table, ())).to_csv(
                            handle, index=False, header=first, lineterminator="\n"
                        )
                        first = False
                        if not len(chunk):
                            break
            written.append(target)
        written.append(_export_relations(con, schema, out_dir))
    finally:
        con.close()
    return written


def _export_relations(con: duckdb.DuckDBPyConnection, schema: Schema, out_dir: Path) -> Path:
    """relations.csv, built from the store's blame and relation cues (a small part of the cue table)."""
    from framing.schema import RELATION_COLUMNS
    from framing.storage.reports import write_csv
    from framing.tables.relations import relation_table

    columns = schema.user_columns("cues") or list(FIXED_COLUMNS.get("cues", ()))
    if schema.names("cues"):
        cues = con.execute(_select("cues", schema, "WHERE dimension IN ('blame', 'relation')")).df()
        table = relation_table(_coerce(cues, columns))
    else:
        table = _coerce(pd.DataFrame(), list(RELATION_COLUMNS))
    return write_csv(table, out_dir / "relations.csv")
