"""Peak memory of ``framing analyse`` on growing corpora, workers included: the command runs as a child
process and psutil samples the resident memory of its whole process tree (the command and its worker
processes) every 0.1 s. The baseline, measured the same way in the same run, is the command on the
18-article sample corpus: the fixed cost of the interpreter, the libraries and the lexicons.

Summed resident memory (RSS) counts a page shared by several processes once per process: workers
forked from the fork server share its libraries, models and lexicons, so the sum overstates what the
machine uses. The proportional set size (PSS: each shared page divided among its sharers) is
printed beside it; its sum is what the process tree really occupies.

    python benchmarks/memory.py                       # generated corpora of 20,000 and 100,000 articles
    python benchmarks/memory.py --articles 2000 6000  # quicker
    python benchmarks/memory.py --jobs 1 --csv        # one process, CSV reports instead of a store
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from framing.resources import sample_corpus_dir  # noqa: E402

MB = 1024 * 1024


def peak_rss(command: list[str], interval: float = 0.1) -> tuple[float, float, float, float, int]:
    """(peak of the tree's summed RSS, of its summed PSS, of the main process RSS, seconds, exit status)."""
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tree_peak = pss_peak = main_peak = 0
    while process.poll() is None:
        try:
            members = [process, *process.children(recursive=True)]
            sizes, shares = [], []
            for member in members:
                try:
                    full = member.memory_full_info()
                    sizes.append(full.rss)
                    shares.append(getattr(full, "pss", full.rss))
                except psutil.Error:
                    sizes.append(0)
                    shares.append(0)
            tree_peak = max(tree_peak, sum(sizes))
            pss_peak = max(pss_peak, sum(shares))
            main_peak = max(main_peak, sizes[0])
        except psutil.Error:
            pass
        time.sleep(interval)
    stderr = process.stderr.read().decode()
    if process.returncode not in (0, 3):
        print(stderr, file=sys.stderr)
    return tree_peak / MB, pss_peak / MB, main_peak / MB, time.perf_counter() - started, process.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (default: all cores)")
    parser.add_argument("--csv", action="store_true", help="write CSV reports (through a scratch store) instead of a store")
    parser.add_argument("--no-vader", action="store_true")
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="framing-memory-"))
    rows = []
    try:
        for label, size in [("sample (baseline)", 18), *((f"{n:,} generated", n) for n in args.articles)]:
            corpus = sample_corpus_dir() if size == 18 else write_corpus(scratch / f"corpus-{size}", size)
            target = ["--out", str(scratch / f"reports-{size}")] if args.csv else ["--store", str(scratch / f"store-{size}.duckdb")]
            command = [sys.executable, "-m", "framing.interfaces.cli", "analyse", str(corpus), *target, "--quiet", "--jobs", str(args.jobs)]
            command += ["--no-vader"] if args.no_vader else []
            tree, pss, main_process, seconds, status = peak_rss(command)
            rows.append((label, tree, pss, main_process, seconds, status))
            if size != 18:
                shutil.rmtree(corpus, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"framing analyse --jobs {args.jobs or 'all'} {'--out' if args.csv else '--store'}; peak resident memory")
    print(f"{'corpus':<20} {'tree RSS MB':>11} {'tree PSS MB':>11} {'main MB':>9} {'seconds':>8} {'status':>6}")
    for label, tree, pss, main_process, seconds, status in rows:
        print(f"{label:<20} {tree:>11,.0f} {pss:>11,.0f} {main_process:>9,.0f} {seconds:>8.1f} {status:>6}")
    base = rows[0][1]
    for label, tree, *_ in rows[1:]:
        print(f"{label}: {tree - base:+,.0f} MB over the baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
