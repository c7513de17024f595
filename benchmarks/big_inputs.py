"""Peak memory and time on inputs that used to exhaust memory: a 200 MB text file, a Parquet file of
300,000 short rows, a 50 MB CSV file, a 100,000-character run-on sentence and 3,000 quotations in one
paragraph. The inputs are generated here from a small word list (no shared data).

The readers are measured alone (a child process iterating ``framing.reading.read_paths``), the two
pathological articles through the whole ``framing analyse`` command. Memory is the peak resident size
of the child's process tree, sampled every 0.1 s with psutil.

    python benchmarks/big_inputs.py
    python benchmarks/big_inputs.py --code /work/main      # the same inputs read by another checkout
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import psutil

MB = 1024 * 1024
WORDS = "the council said officials blamed rebels for delays perhaps clearly brutal water talks city".split()
REPO = Path(__file__).resolve().parents[1]


def measure(command: list[str], code: Path) -> tuple[float, float, int, str]:
    """(peak MB of the process tree, seconds, exit status, last line of output)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as log:
        process = psutil.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        peak = 0
        while process.poll() is None:
            try:
                total = 0
                for member in [process, *process.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        total += member.memory_info().rss
                peak = max(peak, total)
            except psutil.Error:
                pass
            time.sleep(0.1)
        log.seek(0)
        lines = [line for line in log.read().splitlines() if line.strip()]
    return peak / MB, time.perf_counter() - started, process.returncode, (lines[-1] if lines else "")[:150]


READ = (
    "import sys; from framing.reading import read_paths; from framing.types import Skipped\n"
    "items = read_paths([sys.argv[1]]); n = s = 0\n"
    "for item in items:\n"
    "    n += 1; s += isinstance(item, Skipped); last = item\n"
    "print(f'{n - s} articles, {s} skipped; last: {getattr(last, \"reason\", \"\")[:80]}')\n"
)


def words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def make_inputs(folder: Path, rng: random.Random, size_mb: int, rows: int, csv_mb: int) -> dict[str, Path]:
    paths = {}
    paths["text"] = folder / "big.txt"
    paragraph = (words(rng, 30) + ". ") * 10 + "\n\n"
    with open(paths["text"], "w", encoding="utf-8") as handle:
        handle.write("Title: A very long file\n\n")
        while handle.tell() < size_mb * MB:
            handle.write(paragraph * 100)
    paths["parquet"] = folder / "rows.parquet"
    pd.DataFrame({"title": [f"t{i}" for i in range(rows)], "text": [f"Row {i} said the council." for i in range(rows)]}).to_parquet(paths["parquet"])
    paths["csv"] = folder / "big.csv"
    with open(paths["csv"], "w", encoding="utf-8") as handle:
        handle.write("title,date,text\n")
        number = 0
        while handle.tell() < csv_mb * MB:
            block = "".join(f"t{number + i},1/{i % 28 + 1}/2025,\"{words(rng, 25)}. {words(rng, 20)}.\"\n" for i in range(1000))
            handle.write(block)
            number += 1000
    paths["run-on"] = folder / "runon.txt"
    text = words(rng, 40_000)
    paths["run-on"].write_text("Title: Run on\n\n" + text[:100_000] + "\n", encoding="utf-8")
    paths["quotes"] = folder / "quotes.txt"
    quotes = " ".join(f"\u201c{words(rng, 6)},\u201d the minister said." for _ in range(3000))
    paths["quotes"].write_text("Title: Quotes\n\n" + quotes + "\n", encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=REPO, help="checkout whose framing is measured (default: this one)")
    parser.add_argument("--size-mb", type=int, default=200)
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--csv-mb", type=int, default=50, help="size of the CSV file (read at about 1,500 rows/s)")
    parser.add_argument("--skip-analyse", action="store_true", help="measure the readers only")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="framing-big-"))
    try:
        paths = make_inputs(folder, random.Random(0), args.size_mb, args.rows, args.csv_mb)
        print(f"code: {args.code}; inputs generated from a word list in {folder}")
        for name in ("text", "parquet", "csv"):
            size = paths[name].stat().st_size / MB
            peak, seconds, status, last = measure([sys.executable, "-c", READ, str(paths[name])], args.code)
            print(f"read {name:8s} {size:7.1f} MB: peak {peak:7.0f} MB, {seconds:6.1f} s, exit {status}: {last}")
        if not args.skip_analyse:
            for name in ("run-on", "quotes", "text"):
                out = folder / f"out-{name}"
                command = [sys.executable, "-m", "framing.interfaces.cli", "analyse", str(paths[name]), "--out", str(out),
                           "--jobs", "1", "--quiet", "--no-analytics"]
                peak, seconds, status, last = measure(command, args.code)
                print(f"analyse {name:6s}: peak {peak:7.0f} MB, {seconds:6.1f} s, exit {status}: {last}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
