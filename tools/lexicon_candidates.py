#!/usr/bin/env python3
"""Candidate evaluative terms from annotated data, for reviewing additions to lexicons/evaluative.tsv.

Evidence comes from two public corpora, read from the folder in the environment variable
``FRAMING_DATA_DIR`` (default: ``../shared/datasets`` relative to the repository root):

* BABE (Spinde et al. 2021), ``babe/final_labels_SG2.csv`` and ``babe/final_labels_SG1.csv``:
  for every word or phrase that annotators listed in ``biased_words``, how many sentences mark it
  (``babe_marked``), and how often the word occurs at all in sentences labelled Biased versus
  Non-biased (``babe_in_biased``, ``babe_in_nonbiased``, ``babe_biased_rate``). A sentence that
  occurs in both files is counted once (the SG2 label wins).
* PTC (Da San Martino et al. 2020, SemEval-2020 Task 11), ``ptc/train-articles`` and
  ``ptc/train-task2-TC.labels``: the Loaded_Language and Name_Calling,Labeling spans, lower-cased.
  ``ptc_count`` is the number of such spans that contain the word (or, for a phrase, the number of
  spans that consist of exactly that 2-3 word phrase); ``ptc_whole_span`` counts spans that are the
  term alone.

**BABE is also a measurement set** (``benchmarks/eval_scorers.py``), so only half of it may be used
to grow the lexicon. ``babe_half(text)`` splits BABE sentences into two fixed halves by a hash of
the normalised sentence text (lower-cased word tokens joined by spaces, SHA-1, first hex digit 0-7:
``growth``, 8-f: ``eval``). Every BABE column is computed on the ``growth`` half only; the benchmark
reports BABE figures on the ``eval`` half. The same sentence always lands in the same half, in SG1
and in SG2, whatever its punctuation or quote characters.

``--source vader`` lists instead the words of the VADER sentiment lexicon (Hutto & Gilbert 2014;
``vader_lexicon.txt`` as shipped with the ``vaderSentiment`` package) whose mean valence is at least
1.5 in absolute value and that the lexicon does not cover yet, with their BABE-growth and PTC evidence
beside them (``vader_mean``, ``vader_sd``).

The script prints a table sorted by evidence. Nothing is added to the lexicon automatically: the
table is for a person to review (topic words, proper names and ambiguous senses must be rejected
by hand). Only the standard library and pandas are used; pandas is optional (only for ``--out``
with a ``.parquet`` name).

Usage::

    python tools/lexicon_candidates.py                  # babe_marked + ptc_count >= 3
    python tools/lexicon_candidates.py --min-count 5
    python tools/lexicon_candidates.py --only-new --out candidates.tsv
    python tools/lexicon_candidates.py --source vader --out vader_candidates.tsv
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import os
import re
import sys
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT.parent / "shared" / "datasets"
DEFAULT_LEXICON = REPO_ROOT / "lexicons" / "evaluative.tsv"

BABE_FILES = ("final_labels_SG2.csv", "final_labels_SG1.csv")  # SG2 first: its label wins on duplicates
PTC_TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling")
MAX_PHRASE_WORDS = 3

WORD_RE = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")
_FOLD = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2013": "-",
        "\u2014": "-",
    }
)

# Function words and very frequent words that carry no evaluation by themselves. Candidates made only of
# these are dropped unless --keep-function-words is given.
FUNCTION_WORDS = frozenset(
    """a about above after again against all almost along also although always am among an and another any
    are around as at be because been before being below between both but by can could did do does doing
    down during each either else even ever every few for from further had has have having he her here hers
    herself him himself his how however i if in into is it its itself just least less let like many may me
    might more most much must my myself near neither no nor not now of off on once one only or other our
    ours ourselves out over own per rather same she should since so some such than that the their theirs
    them themselves then there these they this those though through thus to too toward towards under until
    up upon us very was we were what when where whether which while who whom whose why will with within
    without would yet you your yours yourself 's n't s t don doesn didn isn wasn aren weren won wouldn
    said says say told according new also mr ms mrs""".split()
)


def fold(text: str) -> str:
    return text.lower().translate(_FOLD)


def words(text: str) -> list[str]:
    """Lower-cased word tokens; possessive 's is dropped so "trump's" counts as "trump"."""
    out = []
    for w in WORD_RE.findall(fold(text)):
        if w.endswith("'s"):
            w = w[:-2]
        if w:
            out.append(w)
    return out


def data_dir() -> Path:
    folder = Path(os.environ.get("FRAMING_DATA_DIR", str(DEFAULT_DATA_DIR))).expanduser()
    if not folder.is_dir():
        sys.exit(
            f"lexicon_candidates: data folder not found: {folder}\n"
            "Set FRAMING_DATA_DIR to the folder holding babe/ and ptc/ (see the datasets README)."
        )
    return folder


# --------------------------------------------------------------------------- BABE

BABE_HALVES = ("growth", "eval")


def babe_half(text: str) -> str:
    """The fixed half of BABE a sentence belongs to: ``growth`` (may be used to grow the lexicon) or
    ``eval`` (kept for measurement). SHA-1 of the normalised text; first hex digit below 8 is growth."""
    key = " ".join(words(text))
    return "growth" if hashlib.sha1(key.encode("utf-8")).hexdigest()[0] < "8" else "eval"



def parse_biased_words(cell: str) -> list[str]:
    """The annotators' word list; malformed cells give an empty list instead of an error."""
    cell = (cell or "").strip()
    if not cell:
        return []
    try:
        value = ast.literal_eval(cell)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        return []
    return [" ".join(words(str(v))) for v in value if str(v).strip()]


def read_babe(folder: Path, half: str | None = "growth") -> list[tuple[str, str, list[str]]]:
    """(text, label, marked terms) per distinct sentence of one half (``None``: all of BABE)."""
    seen: dict[str, tuple[str, str, list[str]]] = {}
    found_any = False
    for name in BABE_FILES:
        path = folder / "babe" / name
        if not path.is_file():
            print(f"lexicon_candidates: {path} not found, skipped", file=sys.stderr)
            continue
        found_any = True
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle, delimiter=";"):
                text = (row.get("text") or "").strip()
                key = " ".join(words(text))
                if not key or key in seen:
                    continue
                if half is not None and babe_half(text) != half:
                    continue
                marked = [m for m in parse_biased_words(row.get("biased_words", "")) if m]
                seen[key] = (text, (row.get("label_bias") or "").strip(), marked)
    if not found_any:
        print("lexicon_candidates: no BABE file found; BABE columns will be zero", file=sys.stderr)
    return list(seen.values())


def babe_evidence(sentences):
    """marked counts, and sentence counts per term in Biased / Non-biased sentences."""
    marked: Counter[str] = Counter()
    for _text, _label, terms in sentences:
        for term in set(terms):
            marked[term] += 1
    in_biased: Counter[str] = Counter()
    in_nonbiased: Counter[str] = Counter()
    phrases = {t for t in marked if " " in t}
    for text, label, _terms in sentences:
        if label not in ("Biased", "Non-biased"):
            continue
        toks = words(text)
        present = set(toks)
        joined = " " + " ".join(toks) + " "
        present.update(p for p in phrases if f" {p} " in joined)
        target = in_biased if label == "Biased" else in_nonbiased
        for term in present:
            target[term] += 1
    return marked, in_biased, in_nonbiased


# --------------------------------------------------------------------------- PTC


def read_ptc_spans(folder: Path) -> list[str]:
    """Lower-cased Loaded_Language and Name_Calling,Labeling spans."""
    labels = folder / "ptc" / "train-task2-TC.labels"
    articles = folder / "ptc" / "train-articles"
    if not labels.is_file() or not articles.is_dir():
        print(
            f"lexicon_candidates: PTC files not found under {folder / 'ptc'}; PTC columns will be zero",
            file=sys.stderr,
        )
        return []
    cache: dict[str, str] = {}
    spans = []
    with labels.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 4:
                continue
            article_id, technique, start, end = parts
            if technique not in PTC_TECHNIQUES:
                continue
            if article_id not in cache:
                path = articles / f"article{article_id}.txt"
                try:
                    cache[article_id] = path.read_text(encoding="utf-8")
                except OSError:
                    print(f"lexicon_candidates: {path} unreadable (labels line {number})", file=sys.stderr)
                    cache[article_id] = ""
            try:
                span = cache[article_id][int(start) : int(end)]
            except ValueError:
                continue
            if span.strip():
                spans.append(" ".join(words(span)))
    return spans


def ptc_evidence(spans):
    word_count: Counter[str] = Counter()
    whole: Counter[str] = Counter()
    for span in spans:
        toks = span.split()
        for w in set(toks):
            word_count[w] += 1
        if 1 <= len(toks) <= MAX_PHRASE_WORDS:
            whole[span] += 1
            if len(toks) > 1:
                word_count[span] += 1
    return word_count, whole


# --------------------------------------------------------------------------- lexicon look-up


def load_lexicon(path: Path) -> tuple[set[str], list[str]]:
    """Exact terms and prefix stems (terms ending in *) of the current lexicon."""
    exact: set[str] = set()
    prefixes: list[str] = []
    if not path.is_file():
        print(f"lexicon_candidates: {path} not found; already_in_lexicon will be 'no'", file=sys.stderr)
        return exact, prefixes
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)
        for row in reader:
            if not row or not row[0].strip() or row[0].startswith("#"):
                continue
            raw = row[0].strip()
            if raw.endswith("*"):
                prefixes.append(" ".join(words(raw[:-1])))
            else:
                exact.add(" ".join(words(raw)))
    return exact, prefixes


def in_lexicon(term: str, exact: set[str], prefixes: list[str]) -> bool:
    if term in exact:
        return True
    for stem in prefixes:
        head, _, last = stem.rpartition(" ")
        if head:
            if (
                term.startswith(head + " ")
                and term[len(head) + 1 :].startswith(last)
                and " " not in term[len(head) + 1 :]
            ):
                return True
        elif " " not in term and term.startswith(last):
            return True
    return False


# --------------------------------------------------------------------------- VADER

VADER_MIN_VALENCE = 1.5


def read_vader() -> list[tuple[str, float, float]]:
    """(word, mean valence, standard deviation) from the vaderSentiment package's lexicon file."""
    try:
        from importlib.resources import files

        text = files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    except (ImportError, ModuleNotFoundError, FileNotFoundError) as error:
        sys.exit(f"lexicon_candidates: cannot read vader_lexicon.txt from vaderSentiment ({error})")
    out = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        try:
            out.append((parts[0].strip().lower(), float(parts[1]), float(parts[2])))
        except ValueError:
            continue
    return out


# --------------------------------------------------------------------------- table


def candidate_table(
    folder: Path, lexicon: Path, min_count: int, keep_function_words: bool, source: str = "corpora"
):
    """Evidence rows. ``source`` "corpora": terms marked in BABE-growth or PTC with enough evidence;
    "vader": VADER words with |mean valence| >= 1.5 (``min_count`` is not applied)."""
    sentences = read_babe(folder, half="growth")
    marked, in_biased, in_nonbiased = babe_evidence(sentences)
    spans = read_ptc_spans(folder)
    ptc_words, ptc_whole = ptc_evidence(spans)
    exact, prefixes = load_lexicon(lexicon)

    vader: dict[str, tuple[float, float]] = {}
    if source == "vader":
        vader = {w: (m, sd) for w, m, sd in read_vader() if abs(m) >= VADER_MIN_VALENCE and WORD_RE.fullmatch(w)}
        terms = set(vader)
    else:
        terms = set(marked) | set(ptc_words)
    rows = []
    for term in terms:
        toks = term.split()
        if not toks or len(toks) > MAX_PHRASE_WORDS:
            continue
        if not keep_function_words and all(t in FUNCTION_WORDS or t.isdigit() for t in toks):
            continue
        m = marked.get(term, 0)
        p = ptc_words.get(term, 0)
        if source != "vader" and m + p < min_count:
            continue
        b, n = in_biased.get(term, 0), in_nonbiased.get(term, 0)
        rate = b / (b + n) if b + n else float("nan")
        row = {
            "term": term,
            "babe_marked": m,
            "babe_in_biased": b,
            "babe_in_nonbiased": n,
            "babe_biased_rate": rate,
            "ptc_count": p,
            "ptc_whole_span": ptc_whole.get(term, 0),
            "already_in_lexicon": "yes" if in_lexicon(term, exact, prefixes) else "no",
        }
        if source == "vader":
            row["vader_mean"], row["vader_sd"] = vader[term]
        rows.append(row)
    if source == "vader":
        rows.sort(key=lambda r: (-(r["babe_marked"] + r["ptc_count"]), -abs(r["vader_mean"]), r["term"]))
    else:
        rows.sort(key=lambda r: (-(r["babe_marked"] + r["ptc_count"]), -r["babe_marked"], r["term"]))
    stats = {
        "source": source,
        "babe_sentences": len(sentences),
        "babe_marked_terms": len(marked),
        "ptc_spans": len(spans),
        "candidates": len(rows),
        "new_candidates": sum(r["already_in_lexicon"] == "no" for r in rows),
    }
    return rows, stats


COLUMNS = (
    "term",
    "babe_marked",
    "babe_in_biased",
    "babe_in_nonbiased",
    "babe_biased_rate",
    "ptc_count",
    "ptc_whole_span",
    "already_in_lexicon",
)
VADER_COLUMNS = ("term", "vader_mean", "vader_sd", *COLUMNS[1:])


def fmt(value) -> str:
    if isinstance(value, float):
        return "" if value != value else f"{value:.2f}"
    return str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--min-count",
        type=int,
        default=3,
        help="keep terms whose babe_marked + ptc_count is at least this (default 3)",
    )
    parser.add_argument("--lexicon", type=Path, default=DEFAULT_LEXICON, help="lexicon to compare with")
    parser.add_argument("--only-new", action="store_true", help="list only terms not yet in the lexicon")
    parser.add_argument(
        "--keep-function-words",
        action="store_true",
        help="do not drop candidates made only of function words",
    )
    parser.add_argument(
        "--source",
        choices=("corpora", "vader"),
        default="corpora",
        help="corpora: terms marked in BABE (growth half) or PTC; vader: VADER words with |valence| >= 1.5",
    )
    parser.add_argument("--limit", type=int, default=0, help="print at most this many rows (0: all)")
    parser.add_argument("--out", type=Path, help="also write the full table to this .tsv (or .parquet) file")
    args = parser.parse_args(argv)

    folder = data_dir()
    rows, stats = candidate_table(
        folder, args.lexicon, args.min_count, args.keep_function_words, source=args.source
    )
    columns = VADER_COLUMNS if args.source == "vader" else COLUMNS
    if args.only_new or args.source == "vader":
        rows = [r for r in rows if r["already_in_lexicon"] == "no"]

    if args.out:
        if args.out.suffix == ".parquet":
            import pandas as pd

            pd.DataFrame(rows, columns=columns).to_parquet(args.out, index=False)
        else:
            with args.out.open("w", encoding="utf-8", newline="") as handle:
                handle.write("\t".join(columns) + "\n")
                for r in rows:
                    handle.write("\t".join(fmt(r[c]) for c in columns) + "\n")

    shown = rows[: args.limit] if args.limit else rows
    widths = [max(len(c), *(len(fmt(r[c])) for r in shown)) if shown else len(c) for c in columns]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for r in shown:
        print("  ".join(fmt(r[c]).ljust(w) for c, w in zip(columns, widths, strict=True)))
    selection = (
        f"VADER words with |valence| >= {VADER_MIN_VALENCE}"
        if args.source == "vader"
        else f"count >= {args.min_count}"
    )
    print(
        f"\n# {stats['babe_sentences']} BABE sentences (growth half), {stats['babe_marked_terms']} distinct marked terms; "
        f"{stats['ptc_spans']} PTC Loaded_Language/Name_Calling spans; "
        f"{stats['candidates']} candidates ({selection}), "
        f"{stats['new_candidates']} not yet in the lexicon",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
