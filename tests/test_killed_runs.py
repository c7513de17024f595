"""A run killed with -9 leaves no worker processes, no scratch folder after the next run, and no run
that stays 'running' in the store."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from framing.config import AnalysisConfig
from framing.interfaces.cli import main
from framing.running.local import SCRATCH_PREFIX
from framing.storage.store import StoreWriter, connect, read_runs
from framing.tables.pipeline import table_columns

ARTICLE = "Title: Council {n} meets\nOutlet: Test Wire\nDate: 2025-02-03\n\nThe council met on Monday, officials said. It voted {n} times.\n"
REPO = Path(__file__).resolve().parents[1]


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_run_left_running_by_a_dead_process_is_marked_interrupted(tmp_path: Path):
    config = AnalysisConfig(classifiers=False, vader=False)
    store = tmp_path / "s.duckdb"
    first = StoreWriter(store, config.version())
    first.begin(table_columns(config))
    first.close()
    con = connect(store)
    con.execute("UPDATE runs SET pid = ? WHERE run_id = 1", [dead_pid()]).fetchall()
    con.close()
    second = StoreWriter(store, config.version())
    second.begin(table_columns(config))
    second.finish("complete")
    runs = read_runs(store)
    assert runs["status"].tolist() == ["interrupted", "complete"]
    assert runs["finished"].iloc[0] and runs["host"].iloc[1] == socket.gethostname()


def test_a_live_run_is_left_alone(tmp_path: Path):
    config = AnalysisConfig(classifiers=False, vader=False)
    store = tmp_path / "s.duckdb"
    first = StoreWriter(store, config.version())
    first.begin(table_columns(config))  # this process: alive
    second = StoreWriter(store, config.version())
    second.begin(table_columns(config))
    assert read_runs(store)["status"].tolist() == ["running", "running"]


def test_scratch_folders_of_killed_runs_are_removed_by_the_next_run(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE.format(n=1), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    stale = out / f"{SCRATCH_PREFIX}{socket.gethostname()}-{dead_pid()}-abc123"
    (stale / "scratch.duckdb").parent.mkdir()
    (stale / "scratch.duckdb").write_bytes(b"")
    live = out / f"{SCRATCH_PREFIX}{socket.gethostname()}-{os.getpid()}-abc123"
    live.mkdir()
    assert main(["analyse", str(tmp_path / "a.txt"), "--out", str(out), "--quiet", "--no-classifiers", "--jobs", "1"]) == 0
    assert not stale.exists() and live.exists()
    assert sorted(p.name for p in out.glob(f"{SCRATCH_PREFIX}*")) == [live.name]


def _children(pid: int) -> list[int]:
    psutil = pytest.importorskip("psutil")
    try:
        return [child.pid for child in psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


@pytest.mark.slow
@pytest.mark.parametrize("target", ["--out", "--store"])
def test_kill_9_leaves_no_workers_and_no_running_run(tmp_path: Path, target):
    psutil = pytest.importorskip("psutil")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(400):
        (corpus / f"{n:04d}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    out = tmp_path / "out"
    where = [str(out)] if target == "--out" else [str(tmp_path / "s.duckdb")]
    command = [sys.executable, "-m", "framing.interfaces.cli", "analyse", str(corpus), target, *where,
               "--jobs", "2", "--batch-size", "2", "--quiet", "--no-analytics"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 3:  # the resource tracker and two workers
        time.sleep(0.5)
        workers = _children(process.pid)
    assert len(workers) >= 3, "the workers did not start"
    time.sleep(8)  # into the analysis
    assert process.poll() is None, "the run ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 60  # a worker still starting up (slow on a busy machine) leaves once it has
    while time.monotonic() < deadline and any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE for pid in workers):
        time.sleep(0.5)
    alive = [pid for pid in workers if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]
    for pid in alive:  # do not leave them behind whatever the outcome
        os.kill(pid, signal.SIGKILL)
    assert alive == []
    if target == "--out":
        assert list(out.glob(f"{SCRATCH_PREFIX}*"))  # the killed run could not clean up ...
        (tmp_path / "one").mkdir()
        (tmp_path / "one" / "a.txt").write_text(ARTICLE.format(n=1), encoding="utf-8")
        assert main(["analyse", str(tmp_path / "one"), "--out", str(out), "--quiet", "--no-classifiers", "--jobs", "1"]) == 0
        assert not list(out.glob(f"{SCRATCH_PREFIX}*"))  # ... the next one did
    else:
        (tmp_path / "one").mkdir()
        (tmp_path / "one" / "a.txt").write_text(ARTICLE.format(n=1), encoding="utf-8")
        main(["analyse", str(tmp_path / "one"), "--store", str(tmp_path / "s.duckdb"), "--quiet", "--jobs", "1"])
        assert read_runs(tmp_path / "s.duckdb")["status"].tolist() == ["interrupted", "complete"]
