"""The DuckDB store: round trip, incremental runs, re-analysis under a new configuration, new columns,
filters, and a run killed mid-way that the next run completes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import numpy as np
import pytest
from pandas.testing import assert_frame_equal

from framing.config import AnalysisConfig
from framing.resources import sample_corpus_dir
from framing.running.inprocess import analyse
from framing.running.local import batch_tables, run_local
from framing.schema import Column
from framing.storage.store import IdSet, StoreWriter, connect, read_runs, read_store
from framing.tables.pipeline import analyse_article, pipeline, sentence_columns

CONFIG = AnalysisConfig()
TABLES = ("articles", "sentences", "cues", "skipped", "actors")


@pytest.fixture(scope="module")
def reference():
    return analyse([sample_corpus_dir()], CONFIG)


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "corpus.duckdb"
    summary = run_local([sample_corpus_dir()], CONFIG, store=path, jobs=1, batch_size=5)
    return path, summary


def test_store_round_trip_equals_in_memory_analysis(stored, reference):
    path, summary = stored
    assert summary.articles_analysed == 18
    back = read_store(path)
    for name in TABLES:
        assert_frame_equal(getattr(back, name), getattr(reference, name))
    assert back.version == CONFIG.version()


def test_second_run_skips_stored_articles(stored, tmp_path):
    path = tmp_path / "again.duckdb"
    shutil.copy(stored[0], path)
    summary = run_local([sample_corpus_dir()], CONFIG, store=path, jobs=1, batch_size=5)
    assert (summary.articles_analysed, summary.articles_unchanged) == (0, 18)
    runs = read_runs(path)
    assert runs["status"].tolist() == ["complete", "complete"]
    assert runs["articles_analysed"].tolist() == [18, 0]
    assert runs["articles_unchanged"].tolist() == [0, 18]
    back = read_store(path)
    assert back.articles["article_id"].is_unique and len(back.articles) == 18
    assert back.sentences["sentence_id"].is_unique


def test_new_configuration_version_replaces_articles(stored, tmp_path):
    path = tmp_path / "replace.duckdb"
    shutil.copy(stored[0], path)
    other = AnalysisConfig(vader=False)
    assert other.version() != CONFIG.version()
    summary = run_local([sample_corpus_dir()], other, store=path, jobs=1, batch_size=7)
    assert (summary.articles_analysed, summary.articles_replaced, summary.articles_unchanged) == (18, 18, 0)
    back = read_store(path)
    assert back.version == other.version()
    assert len(back.articles) == 18 and back.sentences["sentence_id"].is_unique
    assert back.sentences["vader_compound"].isna().all()
    assert len(back.cues) == len(analyse([sample_corpus_dir()], other).cues)


def test_a_new_sentence_column_is_added_to_the_table(tmp_path):
    path = tmp_path / "columns.duckdb"
    files = sorted(sample_corpus_dir().glob("*.txt"))
    from framing.reading import read_paths

    articles = list(read_paths(files[:3], CONFIG.read_options))
    columns = sentence_columns(pipeline(CONFIG))
    writer = StoreWriter(path, CONFIG.version())
    writer.begin(columns)
    writer.write(batch_tables([analyse_article(articles[0], CONFIG)], [], CONFIG), columns)
    later = batch_tables([analyse_article(articles[1], CONFIG)], [], CONFIG)
    later.sentences["p_novelty"] = np.linspace(0, 1, len(later.sentences))
    wider = (*columns, Column("p_novelty", "float", float("nan"), "a column a newer pipeline adds"))
    writer.write(later, wider)
    # a worker with a newer pipeline may return a column the writer's definitions do not name
    third = batch_tables([analyse_article(articles[2], CONFIG)], [], CONFIG)
    third.sentences["p_undeclared"] = 0.25
    writer.write(third, columns)
    writer.finish()
    back = read_store(path)
    assert set(back.sentences.columns[-2:]) == {"p_novelty", "p_undeclared"}
    first = back.sentences["article_id"] == articles[0].article_id
    second = back.sentences["article_id"] == articles[1].article_id
    assert back.sentences.loc[first, "p_novelty"].isna().all()
    assert back.sentences.loc[second, "p_novelty"].tolist() == later.sentences["p_novelty"].tolist()
    assert back.sentences.loc[first | second, "p_undeclared"].isna().all()
    assert (back.sentences.loc[~(first | second), "p_undeclared"] == 0.25).all()


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"outlets": ["Compass Wire"]}, 6),
        ({"outlets": ["Compass Wire", "Eastgate Herald"]}, 12),
        ({"since": "2025-05-15"}, 6),
        ({"until": "2025-01-15"}, 3),
        ({"since": "2025-02-01", "until": "2025-03-31", "outlets": ["Compass Wire"]}, 3),
    ],
)
def test_read_store_filters(stored, options, expected):
    back = read_store(stored[0], **options)
    assert len(back.articles) == expected
    assert set(back.sentences["article_id"]) == set(back.articles["article_id"])
    assert set(back.cues["article_id"]) <= set(back.articles["article_id"])
    assert set(back.actors["article_id"]) <= set(back.articles["article_id"])


def test_id_set_membership():
    ids = IdSet(["b2", "a1", "c3", "a1"])
    assert len(ids) == 3
    assert [x in ids for x in ("a1", "b2", "c3", "a", "d4", "")] == [True, True, True, False, False, False]
    assert "a1" not in IdSet()


def test_reader_waits_while_a_writer_holds_the_file(tmp_path):
    path = tmp_path / "locked.duckdb"
    writer = duckdb.connect(str(path))
    writer.execute("CREATE TABLE t (x INTEGER)")
    script = f"import duckdb, time\ncon = duckdb.connect({str(path)!r})\nprint('held', flush=True)\ntime.sleep(1.0)\ncon.close()"
    writer.close()
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    started = time.monotonic()
    con = connect(path, read_only=True, timeout=30)
    waited = time.monotonic() - started
    con.close()
    holder.wait()
    assert waited > 0.2  # it could not open while the other process held the file, then it could


def _many_articles(folder: Path, copies: int) -> int:
    """The sample corpus ``copies`` times over, each copy with other dates (so other article ids)."""
    count = 0
    for copy in range(copies):
        target = folder / f"copy{copy}"
        target.mkdir(parents=True)
        for source in sorted(sample_corpus_dir().glob("*.txt")):
            text = source.read_text(encoding="utf-8").replace("2025", str(2030 + copy))
            (target / source.name).write_text(text, encoding="utf-8")
            count += 1
    return count


@pytest.mark.slow
def test_killed_run_is_completed_by_the_next_run(tmp_path):
    corpus = tmp_path / "corpus"
    total = _many_articles(corpus, 2)
    path = tmp_path / "killed.duckdb"
    command = [sys.executable, "-m", "framing.interfaces.cli", "analyse", str(corpus), "--store", str(path)]
    command += ["--jobs", "1", "--batch-size", "2", "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ})
    stored = 0
    deadline = time.monotonic() + 120
    while stored == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        if path.exists():
            try:
                con = connect(path, read_only=True, timeout=5)
            except duckdb.Error:
                continue
            try:
                tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
                if "articles" in tables:
                    stored = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
            finally:
                con.close()
    assert process.poll() is None, process.stderr.read().decode()
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 0 < stored < total
    killed = read_store(path)
    assert 0 < len(killed.articles) < total
    assert killed.articles["article_id"].is_unique
    # every stored article is complete: as many sentences as its n_sentences says
    counts = killed.sentences.groupby("article_id").size()
    assert killed.articles.set_index("article_id")["n_sentences"].sort_index().equals(counts.sort_index())
    summary = run_local([corpus], CONFIG, store=path, jobs=1, batch_size=4)
    assert summary.articles_unchanged == len(killed.articles)
    back = read_store(path)
    assert len(back.articles) == total and back.articles["article_id"].is_unique
    assert back.sentences["sentence_id"].is_unique
    assert read_runs(path)["status"].tolist() == ["interrupted", "complete"]  # marked by the next run
