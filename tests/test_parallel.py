"""Streaming analysis on several processes: the same tables and the same CSV bytes for any --jobs,
batches that count stored articles instead of analysing them, and the command-line options."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.config import AnalysisConfig
from framing.interfaces.cli import main
from framing.reading import read_paths
from framing.resources import actor_sets, sample_corpus_dir
from framing.running.inprocess import analyse
from framing.running.local import _read_batches, iter_batches, run_local
from framing.storage.store import IdSet, read_runs
from framing.types import Skipped

# the sample corpus with its actor set, as `--actors sample` gives it (no set applied by guess: exit 0)
CONFIG = AnalysisConfig(actor_files=(actor_sets()["sample"],))
REPORTS = ("articles.csv", "sentences.csv", "cues.csv", "actors.csv", "relations.csv", "skipped.csv")


@pytest.fixture(scope="module")
def reference_reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reference")
    analyse([sample_corpus_dir()], CONFIG).write(folder)
    return folder


def _bytes(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in REPORTS}


@pytest.mark.slow
@pytest.mark.parametrize(("jobs", "batch_size"), [(1, 4), (2, 3)])
def test_csv_reports_are_identical_for_any_jobs(tmp_path, reference_reports, jobs, batch_size):
    summary = run_local([sample_corpus_dir()], CONFIG, out=tmp_path, jobs=jobs, batch_size=batch_size)
    assert summary.articles_analysed == 18
    assert _bytes(tmp_path) == _bytes(reference_reports)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".framing-scratch")]


@pytest.mark.slow
def test_replaced_workers_give_the_same_reports(tmp_path, reference_reports, monkeypatch):
    import framing.running.local

    monkeypatch.setattr(framing.running.local, "BATCHES_PER_WORKER", 2)  # 9 batches: every worker replaced
    summary = run_local([sample_corpus_dir()], CONFIG, out=tmp_path, jobs=2, batch_size=2)
    assert summary.articles_analysed == 18
    assert _bytes(tmp_path) == _bytes(reference_reports)


def test_batches_come_back_in_input_order():
    batches = list(iter_batches([sample_corpus_dir()], CONFIG, jobs=1, batch_size=5))
    assert [len(b.articles) for b in batches] == [5, 5, 5, 3]
    ids = [i for b in batches for i in b.articles["article_id"]]
    assert ids == [a.article_id for a in read_paths([sample_corpus_dir()], CONFIG.read_options)]


def test_stored_articles_are_counted_not_analysed():
    articles = list(read_paths([sample_corpus_dir()], CONFIG.read_options))
    stored = IdSet(a.article_id for a in articles[::2])
    items = [*articles[:4], Skipped("bad.txt", "", "empty file"), *articles[4:]]
    batches = list(_read_batches(items, 4, stored))
    analysed = [a.article_id for batch, _, _ in batches for a in batch]
    assert analysed == [a.article_id for a in articles[1::2]]
    assert sum(unchanged for _, _, unchanged in batches) == 9
    assert [s for _, skipped, _ in batches for s in skipped] == [Skipped("bad.txt", "", "empty file")]


def test_command_line_store_and_reports(tmp_path, capsys, reference_reports):
    store, out = tmp_path / "corpus.duckdb", tmp_path / "reports"
    argv = ["analyse", str(sample_corpus_dir()), "--actors", "sample", "--store", str(store), "--out", str(out), "--jobs", "1"]
    assert main([*argv, "--batch-size", "7"]) == 0
    assert "analysed 18 article(s)" in capsys.readouterr().err
    assert _bytes(out) == _bytes(reference_reports)
    assert main(argv) == 0
    assert "analysed 0 article(s), 0 sentence(s), 18 already stored" in capsys.readouterr().err
    assert read_runs(store)["articles_unchanged"].tolist() == [0, 18]


def test_command_line_store_only_writes_no_reports(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["analyse", str(sample_corpus_dir() / "2025-06-25_compass-wire_ceasefire-holding.txt"), "--actors", "sample",
                 "--store", "one.duckdb", "--jobs", "1", "--quiet"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.duckdb"]


@pytest.mark.parametrize(
    ("options", "error"),
    [
        (["--jobs", "-1"], "--jobs must be 0 (all cores) or more, and --batch-size at least 1"),
        (["--batch-size", "0"], "--jobs must be 0 (all cores) or more, and --batch-size at least 1"),
        (["--scheduler", "tcp://localhost:8786"], "--scheduler needs --engine dask"),
    ],
)
def test_command_line_rejects_bad_scale_options(tmp_path, capsys, options, error):
    assert main(["analyse", str(sample_corpus_dir()), "--out", str(tmp_path), *options]) == 1
    assert capsys.readouterr().err.strip() == f"framing: error: {error}"


def test_the_worker_configuration_travels_as_json_and_comes_back_equal():
    """The fork server builds the annotators of the run's configuration once; the workers find them
    in their cache only if the configuration they are sent is equal to the one it rebuilt."""
    from pathlib import Path

    from framing.config import AnalysisConfig
    from framing.running.local import config_from_json, config_json

    configs = [
        AnalysisConfig(),
        AnalysisConfig(
            lexicon_dir=Path("/some/lexicons"),
            actor_files=(Path("/a/b.tsv"), Path("c.tsv")),
            detect_actor_sets=False,
            models=(("hedge", Path("/m/h.skops")),),
            vader=False,
            blame_model=True,
            cues_decide=("evaluative", "hedge"),
            columns=(("text", "body"), ("title", "headline")),
            dayfirst=False,
            outlet="The Paper",
            extras=(("k", "v"),),
        ),
    ]
    for config in configs:
        back = config_from_json(config_json(config))
        assert back == config and hash(back) == hash(config)


def test_workers_are_forked_from_a_server_that_preloads_them():
    import sys

    from framing.running.local import WORKER_PRELOAD, _worker_context

    context = _worker_context()
    if sys.platform.startswith("linux"):
        assert context.get_start_method() == "forkserver"
    assert WORKER_PRELOAD == ["framing.running.worker"]
