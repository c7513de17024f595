"""Throughput of the whole default pipeline, in sentences per second, against a named baseline measured
in the same run on the same sentences: VADER's ``polarity_scores`` alone, on one core.

The pipeline is timed end to end as the command line runs it (read, segment, annotate, build the
tables; ``--with-store`` adds the DuckDB writes), on one core and on all cores, with and without the
VADER column. The figure is the ratio of pipeline to baseline sentences per second.

    python benchmarks/throughput.py                 # a generated corpus of 20,000 articles
    python benchmarks/throughput.py --articles 2000 # quicker
    python benchmarks/throughput.py --sample        # the 18 shipped sample articles
    python benchmarks/throughput.py --corpus PATH   # any folder or file the analyser reads
    python benchmarks/throughput.py --no-vader      # only the runs without the VADER column
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from framing.config import AnalysisConfig  # noqa: E402
from framing.resources import sample_corpus_dir  # noqa: E402
from framing.running.local import available_cores, iter_batches, store_batches  # noqa: E402
from framing.tables.pipeline import pipeline  # noqa: E402


def vader_baseline(sentences: list[str]) -> float:
    """Seconds VADER's polarity_scores takes over ``sentences`` on this one core."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    started = time.perf_counter()
    for text in sentences:
        analyzer.polarity_scores(text)
    return time.perf_counter() - started


def time_pipeline(corpus: Path, config: AnalysisConfig, jobs: int, batch_size: int, store: Path | None, texts: list | None):
    """(sentences, seconds) for one end-to-end run; fills ``texts`` with the sentences when given."""
    if jobs == 1:  # the one-off build is not throughput; workers build theirs inside the timing
        pipeline(config)
    started = time.perf_counter()
    sentences = 0

    def batches(_writer=None):
        yield from iter_batches([corpus], config, jobs=jobs, batch_size=batch_size)

    if store is not None:
        store.unlink(missing_ok=True)
        summary = store_batches(batches, store, config, hold=False, jobs=jobs)
        sentences = summary.sentences
    else:
        for tables in batches():
            sentences += len(tables.sentences)
            if texts is not None:
                texts.extend(tables.sentences["text"].tolist())
    return sentences, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--articles", type=int, default=20_000, help="size of the generated corpus (default 20000)")
    source.add_argument("--corpus", type=Path, help="analyse this folder or file instead")
    source.add_argument("--sample", action="store_true", help="the shipped sample corpus")
    parser.add_argument("--no-vader", action="store_true", help="only the runs without the VADER column")
    parser.add_argument("--jobs", type=int, default=available_cores(), help="'all cores' (default: the cores available)")
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--with-store", action="store_true", help="also time the all-cores run writing a DuckDB store")
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="framing-bench-"))
    try:
        if args.sample:
            corpus = sample_corpus_dir()
        elif args.corpus:
            corpus = args.corpus
        else:
            corpus = write_corpus(scratch / "corpus", args.articles)
        configs = [("no VADER", AnalysisConfig(vader=False))]
        if not args.no_vader:
            configs.insert(0, ("with VADER", AnalysisConfig()))
        texts: list[str] = []
        rows = []
        for label, config in configs:
            for jobs in sorted({1, args.jobs}):
                sentences, seconds = time_pipeline(corpus, config, jobs, args.batch_size, None, texts if not texts else None)
                rows.append((label, jobs, "", sentences, seconds))
            if args.with_store:
                sentences, seconds = time_pipeline(corpus, config, args.jobs, args.batch_size, scratch / "bench.duckdb", None)
                rows.append((label, args.jobs, "+store", sentences, seconds))
        baseline_seconds = vader_baseline(texts)
        baseline = len(texts) / baseline_seconds
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"corpus: {corpus if args.corpus or args.sample else f'{args.articles} generated articles'}; {len(texts)} sentences")
    print(f"baseline: VADER polarity_scores alone, 1 core: {baseline:,.0f} sentences/s ({baseline_seconds:.1f} s)")
    print()
    print(f"{'pipeline':<12} {'jobs':>4} {'':<6} {'sentences':>10} {'seconds':>8} {'sent/s':>9} {'per core':>9} {'vs VADER':>9}")
    for label, jobs, extra, sentences, seconds in rows:
        rate = sentences / seconds
        print(f"{label:<12} {jobs:>4} {extra:<6} {sentences:>10,} {seconds:>8.1f} {rate:>9,.0f} {rate / jobs:>9,.0f} {rate / baseline:>9.2f}")
    print()
    for label, _ in configs:
        timed = {jobs: s / t for lab, jobs, extra, s, t in rows if lab == label and not extra}
        if len(timed) > 1:
            print(f"{label}: {args.jobs} cores / 1 core speedup {timed[args.jobs] / timed[1]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
