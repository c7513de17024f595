"""The Dask engine: partitions that read exactly what the local reader reads, and a LocalCluster of two
workers giving the same tables as the local engine, with one Parquet file per partition."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from framing.config import AnalysisConfig
from framing.reading import read_paths
from framing.resources import sample_corpus_dir
from framing.running.dask_engine import Piece, plan_partitions, read_partition, run_dask
from framing.running.local import run_local
from framing.storage.store import read_store
from framing.types import Article, Skipped

CONFIG = AnalysisConfig()


def test_partitions_of_files_and_rows_read_what_the_local_reader_reads(tmp_path):
    rows = [{"title": f"Report {n}", "text": f"Officials said {n} people were hurt in Halvik.", "date": f"2025-03-0{n % 9 + 1}"}
            for n in range(7)]
    rows[3] = {"title": "empty", "text": ""}
    rows[5] = rows[1]  # a duplicate inside the file
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    for name in ("a.txt", "c.txt"):
        (tmp_path / name).write_text(f"Title: {name}\nOutlet: Test Wire\nDate: 2025-01-02\n\nA body for {name}.\n", encoding="utf-8")
    partitions = plan_partitions([tmp_path], partition_size=3)
    assert partitions[0] == [Piece(str(tmp_path / "a.txt"))]
    assert [p[0].start for p in partitions[1:-1]] == [1, 4, 7]
    assert partitions[-1] == [Piece(str(tmp_path / "c.txt"))]
    local = list(read_paths([tmp_path], CONFIG.read_options))
    split = [item for pieces in partitions for item in read_partition(pieces, CONFIG)]
    # the duplicate on line 6 is in another partition than line 2: the driver reports it, not the reader
    differ = [(a, b) for a, b in zip(split, local, strict=True) if a != b]
    assert len(differ) == 1
    article, duplicate = differ[0]
    assert article.source == duplicate.source == f"{tmp_path / 'b.jsonl'}#line=6"
    assert isinstance(article, Article) and isinstance(duplicate, Skipped)


@pytest.mark.slow
def test_local_cluster_gives_the_local_engine_tables(tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    inputs = [sample_corpus_dir(), sample_corpus_dir() / "2025-03-26_compass-wire_kesser-rockets.txt"]
    run_local(inputs, CONFIG, store=tmp_path / "local.duckdb", jobs=1, batch_size=5)
    summary = run_dask(inputs, CONFIG, store=tmp_path / "dask.duckdb", out=tmp_path / "out", jobs=2, batch_size=5)
    assert summary.articles_analysed == 18 and len(summary.skipped) == 1
    local, dask = read_store(tmp_path / "local.duckdb"), read_store(tmp_path / "dask.duckdb")
    for name in ("articles", "sentences", "cues", "actors", "skipped"):
        keys = list(getattr(local, name).columns[:3])
        expected = getattr(local, name).sort_values(keys).reset_index(drop=True)
        assert_frame_equal(getattr(dask, name).sort_values(keys).reset_index(drop=True), expected)
    parts = sorted((tmp_path / "out" / "parquet" / "sentences").glob("part-*.parquet"))
    assert len(parts) == 4  # 19 files in partitions of 5
    from_parquet = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
    assert_frame_equal(from_parquet, dask.sentences, check_dtype=False)
    assert (tmp_path / "out" / "sentences.csv").is_file()


def test_a_truncated_parquet_file_is_skipped_as_the_local_engine_skips_it(tmp_path):
    good = pd.DataFrame({"title": ["A", "B"], "text": ["Officials met on Monday.", "The council voted."]})
    good.to_parquet(tmp_path / "good.parquet")
    data = (tmp_path / "good.parquet").read_bytes()
    (tmp_path / "cut.parquet").write_bytes(data[: len(data) // 2])
    partitions = plan_partitions([tmp_path], partition_size=10)
    split = [item for pieces in partitions for item in read_partition(pieces, CONFIG)]
    local = list(read_paths([tmp_path], CONFIG.read_options))
    assert split == local
    assert [s.source for s in local if isinstance(s, Skipped)] == [str(tmp_path / "cut.parquet")]


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch, capsys):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    from framing.interfaces.cli import main
    from framing.running import dask_engine

    monkeypatch.setattr(dask_engine, "SCHEDULER_TIMEOUT", 2)
    (tmp_path / "a.txt").write_text("Title: A\n\nThe council met.\n", encoding="utf-8")
    status = main(["analyse", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--engine", "dask",
                   "--scheduler", "tcp://127.0.0.1:9", "--quiet"])
    assert status == 1
    assert "framing: error: --scheduler: no Dask scheduler answered at tcp://127.0.0.1:9 within 2 s" in capsys.readouterr().err
