"""Fuzz the readers and the whole run: generate malformed documents of many kinds, run ``framing analyse``
on them as a user would, and check that it does not crash, that every input is accounted for (analysed,
or listed in skipped.csv with a reason) and that the peak memory of the process tree stays bounded.

The documents are generated here from word lists and random bytes (no shared data): wire-style text
articles mutated in many ways (control characters, NUL bytes, legacy encodings, UTF-16 without a
byte-order mark, stray non-UTF-8 bytes, run-on sentences, thousands of quotations in one paragraph,
formula-like text), broken HTML, CSV files with unclosed and stray quotes, ragged rows, contradictory
and US-style dates, metadata columns named like the tool's own, formula headers; JSON Lines with broken
lines and non-objects, JSON arrays whose first record has no text, truncated Parquet files, binary
files, empty files, exact duplicates, unsupported types, dangling and looping links, named pipes.

    python benchmarks/fuzz_inputs.py                    # 2,400 documents, seed 0, base tables only
    python benchmarks/fuzz_inputs.py --documents 500 --seed 3 --keep /tmp/fuzz

Exit status 0 when every check holds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pandas as pd
import psutil

MB = 1024 * 1024

WORDS = (
    "the council minister officials said blamed accused reportedly perhaps clearly failed brutal "
    "attack rebels government police crisis talks water bridge city forces spokesman according "
    "claimed denied alleged sources suggested might could confirmed warned disaster shameful"
).split()
NAMES = ("Ana Perez", "the Ministry", "Valdoria", "Karesh Front", "Mayor Lind", "the Red Cross")
OUTLETS = ("Harbour Times", "Compass Wire", "Valley Courier", "=HYPERLINK(\"x\")", "")
LIMIT_MB = 1536


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(3, 18))]
    if rng.random() < 0.3:
        words.insert(0, rng.choice(NAMES))
    text = " ".join(words)
    if rng.random() < 0.25:
        text = f"\u201c{text},\u201d {rng.choice(NAMES)} said"
    return text[0].upper() + text[1:] + rng.choice([".", ".", "?", "!", ""])


def article(rng: random.Random, paragraphs: int | None = None) -> str:
    head = f"Title: {sentence(rng)}\nOutlet: {rng.choice(OUTLETS)}\nDate: {rng.choice(DATES)}\n\n"
    body = "\n\n".join(" ".join(sentence(rng) for _ in range(rng.randint(1, 5))) for _ in range(paragraphs or rng.randint(1, 6)))
    return head + body + "\n"


DATES = ("2025-01-14", "14/1/2025", "1/14/2025", "2/11/2025", "31.12.2024", "yesterday", "99/99/9999", "", "0")


def mutate(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 20)):
        at = rng.randrange(len(chars) + 1)
        chars.insert(at, rng.choice(["\x00", "\x01", "\x1b", "\r", "\u2028", "\ufeff", "\u00a0", "\u0301", "=", '"', "'", "\t", "\U0001F600", "\ud7ff", "|", "\n\n"]))
    return "".join(chars)


# --- generators: each writes one or more files and returns (path, kind, expected records or None) ---


def g_text(rng, folder, n):
    path = folder / f"{n:05d}_text.txt"
    path.write_text(mutate(rng, article(rng)) if rng.random() < 0.7 else article(rng), encoding="utf-8", errors="surrogatepass")
    return [(path, "text", None)]


def g_encoding(rng, folder, n):
    path = folder / f"{n:05d}_encoding.txt"
    text = article(rng) + "Caf\u00e9 d\u00e9j\u00e0 vu \u2013 na\u00efve co\u00f6perate.\n"
    kind = rng.choice(["latin-1", "cp1252", "utf-16-le", "utf-16", "mixed", "cp1251"])
    if kind == "mixed":
        data = text.encode("utf-8") + "Stra\u00dfe \u2013 caf\u00e9".encode("cp1252")
    elif kind == "cp1251":
        data = (text + "\u041c\u044d\u0440 \u0441\u043a\u0430\u0437\u0430\u043b.").encode("cp1251", errors="replace")
    else:
        data = text.encode(kind, errors="replace")
    path.write_bytes(data)
    return [(path, f"encoding {kind}", None)]


def g_binary(rng, folder, n):
    path = folder / f"{n:05d}_binary.{rng.choice(['txt', 'csv', 'html', 'parquet', 'jsonl'])}"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(1, 5000))))
    return [(path, "binary", None)]


def g_empty(rng, folder, n):
    path = folder / f"{n:05d}_empty.{rng.choice(['txt', 'csv', 'json', 'jsonl', 'html'])}"
    path.write_text(rng.choice(["", " ", "\n\n\n", "\t \n", "\ufeff"]), encoding="utf-8")
    return [(path, "empty", None)]


def g_runon(rng, folder, n):
    path = folder / f"{n:05d}_runon.txt"
    words = [rng.choice(WORDS) for _ in range(rng.randint(2_000, 15_000))]
    path.write_text(f"Title: Run on {n}\n\n" + " ".join(words) + "\n", encoding="utf-8")
    return [(path, "run-on sentence", None)]


def g_quotes(rng, folder, n):
    path = folder / f"{n:05d}_quotes.txt"
    quote = " ".join(f"\u201c{sentence(rng)}\u201d {rng.choice(NAMES)} said." for _ in range(rng.randint(300, 1500)))
    path.write_text(f"Title: Quotes {n}\n\n{quote}\n", encoding="utf-8")
    return [(path, "many quotations", None)]


def g_html(rng, folder, n):
    path = folder / f"{n:05d}_page.html"
    body = rng.choice([
        f"<html><head><title>{sentence(rng)}</title></head><body><article><p>{sentence(rng)} {sentence(rng)}</p></article></body></html>",
        "<html><body><script>var x = 1;</script></body></html>",
        "<div><p>" * 200 + sentence(rng),
        f"<p>{sentence(rng)}</p><p>{sentence(rng)}" + "</td></tr>" * 30,
        "<<<>>>" + sentence(rng) + "<!-- unclosed comment",
    ])
    path.write_text(mutate(rng, body) if rng.random() < 0.3 else body, encoding="utf-8", errors="surrogatepass")
    return [(path, "html", None)]


CSV_HEADERS = (
    ["title", "date", "text"],
    ["title", "date", "text", "outlet", "country"],
    ["headline", "pub_date", "body", "text", "source", "n_words", "warnings", "row_seq"],
    ["title", "=cmd|' /C calc'!A0", "text", ""],
    ["title", "title", "text"],
)


def g_csv(rng, folder, n):
    """A CSV file whose records are one line each unless noted, with malformed rows mixed in."""
    path = folder / f"{n:05d}_table.{rng.choice(['csv', 'csv', 'tsv'])}"
    delimiter = "\t" if path.suffix == ".tsv" else rng.choice([",", ",", ";"])
    header = rng.choice(CSV_HEADERS)
    lines = [delimiter.join(header)]
    for _ in range(rng.randint(1, 12)):
        cells = []
        for name in header:
            if name in ("date", "pub_date"):
                cells.append(rng.choice(DATES))
            elif name in ("text", "body"):
                cells.append(f'"{sentence(rng)} {sentence(rng)}"'.replace(delimiter, " "))
            else:
                cells.append(rng.choice([sentence(rng)[:30].replace(delimiter, " ").replace('"', ""), "=1+1", "-3", "", "x"]))
        flaw = rng.random()
        if flaw < 0.1:
            cells[-1] = '"' + cells[-1].strip('"')  # unclosed quote
        elif flaw < 0.2:
            cells.append("surplus")
        elif flaw < 0.3 and len(cells) > 1:
            cells.pop()
        elif flaw < 0.35:
            cells[0] = '"stray" quote'
        lines.append(delimiter.join(cells))
    text = "\n".join(lines) + rng.choice(["\n", "", "\r\n"])
    path.write_bytes(text.encode(rng.choice(["utf-8", "utf-8-sig", "cp1252"]), errors="replace"))
    return [(path, "csv", len(lines) - 1)]


def g_jsonl(rng, folder, n):
    path = folder / f"{n:05d}_rows.jsonl"
    lines = []
    for _ in range(rng.randint(1, 10)):
        choice = rng.random()
        if choice < 0.6:
            lines.append(json.dumps({"title": sentence(rng), "text": sentence(rng), "date": rng.choice(DATES), "source": rng.choice(OUTLETS)}))
        elif choice < 0.7:
            lines.append("{broken json")
        elif choice < 0.8:
            lines.append(json.dumps(["not", "an", "object"]))
        elif choice < 0.9:
            lines.append(json.dumps({"title": "no text here"}))
        else:
            lines.append(json.dumps({"text": None, "body": 3}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [(path, "jsonl", len(lines))]


def g_json(rng, folder, n):
    path = folder / f"{n:05d}_array.json"
    records = [{"title": "first, without text"}] + [
        {"title": sentence(rng), rng.choice(["text", "body", "content"]): sentence(rng)} for _ in range(rng.randint(1, 6))
    ]
    shape = rng.random()
    if shape < 0.6:
        path.write_text(json.dumps(records), encoding="utf-8")
        return [(path, "json array", len(records))]
    if shape < 0.8:
        path.write_text(json.dumps({"articles": records}), encoding="utf-8")
        return [(path, "json object", len(records))]
    path.write_text(rng.choice(["[1, 2, 3]", "\"just a string\"", "[{\"text\": ", "null", "{}"]), encoding="utf-8")
    return [(path, "json odd", None)]


def g_parquet(rng, folder, n):
    path = folder / f"{n:05d}_rows.parquet"
    rows = rng.randint(1, 50)
    frame = pd.DataFrame({"title": [sentence(rng) for _ in range(rows)], "text": [sentence(rng) if rng.random() < 0.9 else None for _ in range(rows)]})
    frame.to_parquet(path)
    if rng.random() < 0.3:
        data = path.read_bytes()
        path.write_bytes(data[: rng.randint(1, len(data) - 1)])
        return [(path, "truncated parquet", None)]
    return [(path, "parquet", rows)]


def g_duplicate(rng, folder, n):
    text = article(rng)
    first, second = folder / f"{n:05d}_dup_a.txt", folder / f"{n:05d}_dup_b.txt"
    first.write_text(text, encoding="utf-8")
    second.write_text(text, encoding="utf-8")
    return [(first, "duplicate", None), (second, "duplicate", None)]


def g_odd(rng, folder, n):
    choice = rng.randrange(4)
    if choice == 0:
        path = folder / f"{n:05d}_dangling.txt"
        path.symlink_to(folder / "nowhere.txt")
    elif choice == 1:
        path = folder / f"{n:05d}_loop.txt"
        path.symlink_to(path)
    elif choice == 2:
        path = folder / f"{n:05d}_pipe.txt"
        os.mkfifo(path)
    else:
        path = folder / f"{n:05d}_doc.{rng.choice(['docx', 'pdf', 'xml', 'md'])}"
        path.write_text(sentence(rng), encoding="utf-8")
    return [(path, "odd entry", None)]


GENERATORS = (
    (g_text, 30), (g_encoding, 10), (g_binary, 5), (g_empty, 4), (g_runon, 0.15), (g_quotes, 0.15), (g_html, 8),
    (g_csv, 14), (g_jsonl, 8), (g_json, 6), (g_parquet, 5), (g_duplicate, 3), (g_odd, 4),
)


def generate(folder: Path, documents: int, seed: int) -> list[tuple[Path, str, int | None]]:
    rng = random.Random(seed)
    functions, weights = zip(*GENERATORS, strict=True)
    made: list[tuple[Path, str, int | None]] = []
    n = 0
    while len(made) < documents:
        made += rng.choices(functions, weights)[0](rng, folder, n)
        n += 1
    return made


def _numbers(values: pd.Series) -> list[int]:
    return sorted(int(v.rsplit("=", 1)[1] if "=" in v else v.split()[-1]) for v in values)


def account(made, out: Path) -> list[str]:
    """Problems: inputs found neither among the articles nor in skipped.csv, and tabular files whose
    rows are not all accounted for."""
    articles = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    skipped = pd.read_csv(out / "skipped.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    if (skipped["reason"].str.strip() == "").any():
        return ["a skipped row has no reason"]
    by_file: dict[str, list[str]] = {}
    for source in articles["source"]:
        by_file.setdefault(source.split("#", 1)[0], []).append(source.rpartition("#")[2] or "")
    whole = set(skipped.loc[skipped["item"] == "", "source"])
    rows_skipped: dict[str, list[str]] = {}
    for source, item in skipped.loc[skipped["item"] != "", ["source", "item"]].itertuples(index=False):
        rows_skipped.setdefault(source, []).append(item)
    problems = []
    for path, kind, expected in made:
        name = str(path)
        if name not in by_file and name not in whole and name not in rows_skipped:
            problems.append(f"{name} ({kind}): not accounted for")
            continue
        if expected is None or name in whole:
            continue
        numbers = _numbers(pd.Series(by_file.get(name, []) + rows_skipped.get(name, [])))
        first = 2 if path.suffix in (".csv", ".tsv") else 1
        if numbers != list(range(first, first + expected)):
            problems.append(f"{name} ({kind}): rows {numbers} reported, {expected} expected")
    return problems


def run_measured(command: list[str], log: Path, interval: float = 0.1) -> tuple[float, float, float, int, str]:
    """Run ``command``, sampling the summed resident memory of its process tree (workers included):
    (tree peak MB, main process peak MB, seconds, exit status, stderr)."""
    started = time.perf_counter()
    with open(log, "w", encoding="utf-8") as handle:
        process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=handle)
        tree_peak = main_peak = 0
        while process.poll() is None:
            try:
                sizes = []
                for member in [process, *process.children(recursive=True)]:
                    try:
                        sizes.append(member.memory_info().rss)
                    except psutil.Error:
                        sizes.append(0)
                tree_peak, main_peak = max(tree_peak, sum(sizes)), max(main_peak, sizes[0])
            except psutil.Error:
                pass
            time.sleep(interval)
    return tree_peak / MB, main_peak / MB, time.perf_counter() - started, process.returncode, log.read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2400)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument(
        "--analytics", action="store_true",
        help="also write profiles and comparisons (slow: the fuzzed outlet names make over a hundred outlets)",
    )
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="framing-fuzz-"))
    corpus, out = root / "corpus", root / "out"
    if corpus.exists():
        shutil.rmtree(corpus)
    corpus.mkdir(parents=True)
    made = generate(corpus, args.documents, args.seed)
    kinds = Counter(kind.split()[0] for _, kind, _ in made)
    records = sum(expected or 1 for _, _, expected in made)
    print(f"generated {len(made)} documents ({records} records counting table rows) in {corpus}, seed {args.seed}")
    print("kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    command = [sys.executable, "-m", "framing.interfaces.cli", "analyse", str(corpus), "--out", str(out),
               "--jobs", str(args.jobs), "--quiet"]
    if not args.analytics:
        command.append("--no-analytics")
    tree, main_peak, seconds, status, stderr = run_measured(command, root / "stderr.txt")
    articles = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig") if (out / "articles.csv").is_file() else None
    skipped = pd.read_csv(out / "skipped.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig") if (out / "skipped.csv").is_file() else None
    crashed = status not in (0, 3) or articles is None or "Traceback" in stderr
    problems = account(made, out) if not crashed else ["the run crashed"]
    print(f"framing analyse: exit status {status}, {seconds:.0f} s, peak memory {tree:.0f} MB (process tree; "
          f"main process {main_peak:.0f} MB; limit {LIMIT_MB} MB)")
    if articles is not None and skipped is not None:
        warned = int((articles["warnings"] != "").sum())
        print(f"analysed {len(articles)} articles ({warned} with warnings), skipped {len(skipped)} items")
        reasons = Counter(r.split(":")[0] if r.startswith(("row", "line", "item")) is False else r.split(": ", 1)[1].split(" (")[0][:50] for r in skipped["reason"])
        for reason, count in reasons.most_common(12):
            print(f"  {count:5d}  {reason[:90]}")
    if crashed:
        print(stderr[-3000:])
    print(f"unaccounted inputs: {len(problems)}")
    for problem in problems[:20]:
        print("  " + problem)
    ok = not crashed and not problems and tree < LIMIT_MB
    print("PASS" if ok else "FAIL")
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
