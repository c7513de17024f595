"""Throughput of ``framing analyse`` as a user runs it, in sentences per CPU second, against the peer
(spaCy ``en_core_web_sm`` + textacy ``direct_quotations``, see ``benchmarks/peer.py``) run in the same
benchmark on the same articles, with VADER's ``polarity_scores`` alone as a reference.

Every framing figure is the command itself, started as a child process exactly as a user starts it
(``python -m framing.interfaces.cli analyse CORPUS --out DIR --jobs N --quiet``): imports, model
loading, reading, segmenting, annotating, the scratch store, the CSV reports and (unless
``--no-analytics``) the analytics. CPU time is that of the command and all its worker processes
(``getrusage(RUSAGE_CHILDREN)``), so it does not depend on what else the machine runs; wall time,
which the two-core figure needs, does, so the load average is printed beside it and each run is
repeated (``--repeat``; the best wall time is kept, the CPU time of the same run is shown).

    python benchmarks/throughput.py --real --limit 300   # 300 PolNeAR articles (../shared/datasets)
    python benchmarks/throughput.py --real               # all PolNeAR train and dev articles (924)
    python benchmarks/throughput.py --corpus PATH        # any folder or file the analyser reads
    python benchmarks/throughput.py --articles 2000      # a generated corpus (benchmarks/corpus.py)
    python benchmarks/throughput.py --sample             # the 18 shipped sample articles
    ... --peer-python /work/peer-venv/bin/python         # where spaCy, textacy and the model are
    ... --no-peer --jobs 2 --repeat 3 --no-analytics --no-vader

The peer runs only when ``--peer-python`` (default: ``$FRAMING_PEER_PYTHON``) names an interpreter
that can import spaCy, textacy and the model; otherwise the benchmark says it was not available and
prints framing's figures alone. The ratio is computed on the same texts (the articles as framing
read them: headline block and body), per CPU second, fixed costs (imports, model loading) included
for both and, separately, excluded for both.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PEER = Path(__file__).resolve().parent / "peer.py"


@dataclass
class Run:
    jobs: int
    wall: float
    cpu: float  # the command and its workers, user + system
    sentences: int
    articles: int
    load: tuple[float, float]  # 1-minute load average before and after


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_command(corpus: Path, out: Path, jobs: int, extra: list[str]) -> Run:
    """One ``framing analyse`` run as a child process; CPU time includes its worker processes."""
    import pandas as pd

    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "framing.interfaces.cli", "analyse", str(corpus), "--out", str(out),
               "--quiet", "--jobs", str(jobs), *extra]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    before_load = os.getloadavg()[0]
    before = children_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    cpu = children_cpu() - before
    if done.returncode not in (0, 3):  # 3: some inputs skipped (reported in skipped.csv)
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    sentences = len(pd.read_csv(out / "sentences.csv", usecols=["sentence_id"]))
    articles = len(pd.read_csv(out / "articles.csv", usecols=["article_id"]))
    return Run(jobs, wall, cpu, sentences, articles, (before_load, os.getloadavg()[0]))


def real_corpus(scratch: Path, limit: int | None) -> Path:
    """PolNeAR's train and dev article texts (sorted by name, the first ``limit``), linked into one folder."""
    from framing.reading.datasets import data_dir

    files = sorted((data_dir() / "polnear").glob("*/text/*.txt"), key=lambda p: (p.parts[-3], p.name))
    if not files:
        raise SystemExit(f"no PolNeAR articles under {data_dir() / 'polnear'} (set FRAMING_DATA_DIR)")
    folder = scratch / "real"
    folder.mkdir()
    for path in files[:limit]:
        (folder / f"{path.parts[-3]}_{path.name}").symlink_to(path)
    return folder


def limited(corpus: Path, scratch: Path, limit: int | None) -> Path:
    if limit is None or not corpus.is_dir():
        return corpus
    folder = scratch / "limited"
    folder.mkdir()
    for path in sorted(p for p in corpus.rglob("*") if p.is_file())[:limit]:
        (folder / path.name).symlink_to(path.resolve())
    return folder


def article_texts(corpus: Path, target: Path) -> int:
    """The articles as framing reads them (duplicates and unreadable inputs left out), one JSON
    string a line: the peer's input."""
    from framing.config import AnalysisConfig
    from framing.reading import read_paths
    from framing.types import Article

    count = 0
    with open(target, "w", encoding="utf-8") as handle:
        for item in read_paths([corpus], AnalysisConfig().read_options):
            if isinstance(item, Article):
                handle.write(json.dumps(item.text) + "\n")
                count += 1
    return count


def run_peer(python: str | None, texts: Path) -> tuple[dict | None, str]:
    """(the peer's figures and its process's total CPU seconds, or None; why not)."""
    if not python:
        return None, "no --peer-python given (and FRAMING_PEER_PYTHON is not set)"
    if not Path(python).exists():
        return None, f"{python} does not exist"
    probe = subprocess.run([python, "-c", "import spacy, textacy"], capture_output=True, text=True)
    if probe.returncode != 0:
        return None, f"{python} cannot import spacy and textacy: {probe.stderr.strip().splitlines()[-1:]}"
    before = children_cpu()
    done = subprocess.run([python, str(PEER), str(texts)], capture_output=True, text=True)
    total = children_cpu() - before
    try:
        figures = json.loads(done.stdout.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        return None, f"the peer failed: {done.stderr.strip()[-500:]}"
    if "error" in figures:
        return None, figures["error"]
    figures["total_cpu"] = total
    return figures, ""


def fixed_cost(scratch: Path, extra: list[str]) -> Run:
    """The command on one short article: what every run pays before the first sentence."""
    folder = scratch / "one"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "A short test article\n\nThe council said on Monday that the bridge would reopen next week.\n",
        encoding="utf-8",
    )
    return run_command(folder, scratch / "out-one", 1, extra)


def vader_seconds(sentences: list[str]) -> float:
    """CPU seconds VADER's polarity_scores takes over ``sentences`` in this process."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    started = time.process_time()
    for text in sentences:
        analyzer.polarity_scores(text)
    return time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    from framing.running.local import available_cores

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--articles", type=int, default=20_000, help="size of the generated corpus (default 20000)")
    source.add_argument("--corpus", type=Path, help="analyse this folder or file")
    source.add_argument("--real", action="store_true", help="PolNeAR train+dev articles from ../shared/datasets")
    source.add_argument("--sample", action="store_true", help="the shipped sample corpus")
    parser.add_argument("--limit", type=int, help="only the first N files of the corpus (sorted by name)")
    parser.add_argument("--jobs", type=int, default=available_cores(), help="'all cores' (default: the cores available)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per setting; the fastest wall time is kept")
    parser.add_argument("--no-analytics", action="store_true", help="pass --no-analytics to the command")
    parser.add_argument("--no-vader", action="store_true", help="pass --no-vader to the command")
    parser.add_argument("--peer-python", default=os.environ.get("FRAMING_PEER_PYTHON"),
                        help="interpreter with spaCy, textacy and en_core_web_sm (default $FRAMING_PEER_PYTHON)")
    parser.add_argument("--no-peer", action="store_true", help="do not run the peer")
    args = parser.parse_args(argv)

    extra = (["--no-analytics"] if args.no_analytics else []) + (["--no-vader"] if args.no_vader else [])
    scratch = Path(tempfile.mkdtemp(prefix="framing-bench-"))
    try:
        from framing.resources import sample_corpus_dir

        if args.real:
            corpus, name = real_corpus(scratch, args.limit), "PolNeAR train+dev article texts"
        elif args.sample:
            corpus, name = limited(sample_corpus_dir(), scratch, args.limit), "the shipped sample corpus"
        elif args.corpus:
            corpus, name = limited(args.corpus, scratch, args.limit), str(args.corpus)
        else:
            corpus, name = write_corpus(scratch / "corpus", args.articles), f"{args.articles:,} generated articles"
        if args.limit and (args.real or args.corpus or args.sample):
            name += f", first {args.limit} files"
        fixed = fixed_cost(scratch, extra)
        runs: dict[int, list[Run]] = {}
        for _ in range(args.repeat):
            for jobs in sorted({1, args.jobs}):
                runs.setdefault(jobs, []).append(run_command(corpus, scratch / f"out-{jobs}", jobs, extra))
        best = {jobs: min(rs, key=lambda r: r.wall) for jobs, rs in runs.items()}
        one = best[1]
        vader = None
        if not args.no_vader:
            import pandas as pd

            texts = pd.read_csv(scratch / "out-1" / "sentences.csv", usecols=["text"], keep_default_na=False)["text"].tolist()
            vader = len(texts) / vader_seconds(texts)
        peer, why = (None, "--no-peer") if args.no_peer else (None, "")
        if not args.no_peer:
            texts_file = scratch / "texts.jsonl"
            article_texts(corpus, texts_file)
            peer, why = run_peer(args.peer_python, texts_file)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"corpus: {name}; {one.articles:,} articles, {one.sentences:,} sentences (framing's segmentation)")
    print(f"command: framing analyse CORPUS --out DIR --quiet --jobs N {' '.join(extra)}".rstrip())
    print(f"machine: {os.cpu_count()} cores; CPU time = the command and its workers (getrusage)")
    print()
    print(f"{'jobs':>4} {'run':>3} {'wall s':>7} {'CPU s':>7} {'load before/after':>18} {'sent/CPU-s':>11} {'sent/wall-s':>12}")
    for jobs, rs in runs.items():
        for number, r in enumerate(rs, 1):
            print(f"{jobs:>4} {number:>3} {r.wall:>7.1f} {r.cpu:>7.1f} {r.load[0]:>8.2f} / {r.load[1]:<7.2f} "
                  f"{r.sentences / r.cpu:>11,.0f} {r.sentences / r.wall:>12,.0f}")
    print()
    print(f"fixed cost (the command on one two-sentence article, 1 job): {fixed.cpu:.2f} CPU s, {fixed.wall:.2f} s wall")
    per_core = one.sentences / one.cpu
    net = one.sentences / max(one.cpu - fixed.cpu, 1e-9)
    print(f"framing, 1 core: {per_core:,.0f} sentences per CPU second end to end "
          f"({net:,.0f} without the fixed cost)")
    if args.jobs > 1:
        many = best[args.jobs]
        print(f"{args.jobs} jobs / 1 job: {one.wall / many.wall:.2f}x by wall time (fastest of {args.repeat}; "
              f"load averages above), CPU time {many.cpu / one.cpu:.2f}x that of one job")
    if vader is not None:
        print(f"reference: VADER polarity_scores alone, 1 core, same sentences: {vader:,.0f} sentences per CPU second")
    if peer is None:
        print(f"peer (spaCy en_core_web_sm + textacy direct_quotations): NOT RUN: {why}")
        return 0
    peer_net = peer["analysis_cpu"]
    print(f"peer: spaCy {peer['spacy']} {peer['model']} ({', '.join(peer['pipeline'])}) + textacy direct_quotations, "
          f"1 core, {peer['texts']:,} texts, {peer['sentences']:,} spaCy sentences, {peer['quotations']:,} quotations "
          f"(textacy gave up on {peer['texts_textacy_gave_up_on']} texts with an unclosed quotation mark)")
    print(f"peer CPU: {peer['total_cpu']:.1f} s in all (imports {peer['imports_cpu']:.1f}, model {peer['load_cpu']:.1f}, "
          f"analysis {peer_net:.1f})")
    print(f"peer, 1 core: {one.sentences / peer['total_cpu']:,.0f} framing-sentences per CPU second end to end "
          f"({one.sentences / peer_net:,.0f} analysis only)")
    print(f"RATIO framing / peer, 1 core, same texts: {peer['total_cpu'] / one.cpu:.2f}x end to end, "
          f"{peer_net / max(one.cpu - fixed.cpu, 1e-9):.2f}x without fixed costs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
