"""Readers for the public, human-annotated research datasets framing trains and measures itself on.

The datasets are not part of framing and their text never enters the repository. They live in a
folder found by :func:`data_dir`: the environment variable ``FRAMING_DATA_DIR`` if it is set, else
``../shared/datasets`` relative to the working directory or to the repository root. Every loader
returns a pandas DataFrame with fixed, documented columns; a missing folder or file raises
:class:`DatasetUnavailable` (a ``FileNotFoundError``) whose message names the path and the variable,
so benchmarks and tests can skip cleanly.

Loaders and their columns
-------------------------
``load_babe(sg)``
    text, outlet, topic, leaning (the file's ``type``: left/center/right), label_bias, label_opinion,
    biased_words (list of str), news_link, row (0-based data row index in the file).
``load_checkthat(split)``
    sentence_id, text, label (SUBJ/OBJ), solved_conflict.
``load_polnear(split)``
    one row per document: doc_id, path (relative to the data folder), text, publisher, date, author,
    title, annotator, ann_path and attributions, a list of :class:`Attribution` (source, cue and
    content as :class:`Span` or None; spans keep brat's possibly discontinuous fragments).
``load_basil()``
    ``(articles, annotations)``. articles: doc, path, triplet_uuid, uuid, year, source, date, title,
    url, main_event, paragraphs (list of paragraphs, each a list of sentence strings), text (the
    paragraphs joined, see :func:`basil_paragraph_text`). annotations: one row per phrase-level span
    as provided (txt, start, end, target, polarity, aim, bias, quote, speaker, ...) plus doc, year,
    and the located paragraph/sentence indices (-1 when the span could not be located).
``load_newsmtsc()``
    one row per target: sentence_id, text, mention, from, to, polarity (negative/neutral/positive).
``load_ptc()``
    ``(articles, spans)``: articles (article_id, text); spans (article_id, technique, start, end).
``load_sample_items()`` / ``load_coded_sample(coder)``
    the project's own coded sample (``annotations/``), joined with its text from the datasets.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

ENV_VAR = "FRAMING_DATA_DIR"
REPO_ROOT = Path(__file__).resolve().parents[2]
ANNOTATIONS_DIR = REPO_ROOT / "annotations"

CODE_COLUMNS = [
    "reported",
    "blame",
    "blame_targets",
    "blame_voice",
    "hedge",
    "hedged_figure",
    "booster",
    "evaluative",
    "polarity",
]
BINARY_CODES = ["reported", "blame", "hedge", "hedged_figure", "booster", "evaluative"]
NEWSMTSC_POLARITY = {2: "negative", 4: "neutral", 6: "positive"}


class DatasetUnavailable(FileNotFoundError):
    """The datasets folder, or a file expected in it, is missing."""


class SampleMismatch(ValueError):
    """A coded-sample item no longer matches the dataset text it points to."""


# ---------------------------------------------------------------------------------------------------
# locating the data


def _candidates() -> list[Path]:
    return [Path.cwd() / ".." / "shared" / "datasets", REPO_ROOT / ".." / "shared" / "datasets"]


def data_dir() -> Path:
    """Return the datasets folder: ``$FRAMING_DATA_DIR``, else the first existing default location."""
    env = os.environ.get(ENV_VAR)
    if env:
        path = Path(env).expanduser()
        if path.is_dir():
            return path.resolve()
        raise DatasetUnavailable(
            f"datasets folder not found: {path} (from the environment variable {ENV_VAR})"
        )
    tried = _candidates()
    for path in tried:
        if path.is_dir():
            return path.resolve()
    shown = " or ".join(str(p.resolve()) for p in tried)
    raise DatasetUnavailable(f"datasets folder not found: tried {shown}; set {ENV_VAR} to its location")


def require(name: str | Path) -> Path:
    """Return ``data_dir() / name``, raising :class:`DatasetUnavailable` if it does not exist."""
    path = data_dir() / name
    if not path.exists():
        raise DatasetUnavailable(
            f"dataset file not found: {path} (datasets folder from {ENV_VAR} or default)"
        )
    return path


def read_text(path: Path) -> str:
    """Read a dataset text file exactly as its annotation offsets count it (UTF-8, newlines kept)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def sha1_12(text: str) -> str:
    """First 12 hex digits of the SHA-1 of ``text`` in UTF-8: the fingerprint stored for sample items."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


# ---------------------------------------------------------------------------------------------------
# BABE


def _parse_word_list(value: object) -> list[str]:
    if not isinstance(value, str) or not value.strip():
        return []
    try:
        parsed = ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return []
    if isinstance(parsed, (list, tuple)):
        return [str(w) for w in parsed]
    return []


def load_babe(sg: str = "SG2") -> pd.DataFrame:
    """BABE sentences (SG1: 1,700; SG2: 3,674) with bias labels and the list of biased words."""
    sg = sg.upper()
    if sg not in {"SG1", "SG2"}:
        raise ValueError(f"sg must be 'SG1' or 'SG2', not {sg!r}")
    path = require(Path("babe") / f"final_labels_{sg}.csv")
    df = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    df = df.rename(columns={"type": "leaning"})
    df["biased_words"] = df["biased_words"].map(_parse_word_list)
    df["row"] = range(len(df))
    cols = [
        "text",
        "outlet",
        "topic",
        "leaning",
        "label_bias",
        "label_opinion",
        "biased_words",
        "news_link",
        "row",
    ]
    return df[cols]


# ---------------------------------------------------------------------------------------------------
# CheckThat!


def load_checkthat(split: str = "train") -> pd.DataFrame:
    """CheckThat! English subjectivity sentences: sentence_id, text, label (SUBJ/OBJ), solved_conflict."""
    if split not in {"train", "dev"}:
        raise ValueError(f"split must be 'train' or 'dev', not {split!r}")
    path = require(Path("checkthat") / f"{split}_en.tsv")
    df = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=csv.QUOTE_NONE)
    df = df.rename(columns={"sentence": "text"})
    return df[["sentence_id", "text", "label", "solved_conflict"]]


# ---------------------------------------------------------------------------------------------------
# PolNeAR (brat standoff)


@dataclass(frozen=True)
class Span:
    """A brat text-bound span: ``fragments`` are (start, end) pairs; ``start``/``end`` the outer bounds."""

    start: int
    end: int
    text: str
    fragments: tuple[tuple[int, int], ...]

    def as_tuple(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.text)


@dataclass(frozen=True)
class Attribution:
    """One attribution: who (source), the reporting cue, and what (content). Source may be None."""

    id: str
    kind: str  # "Attribution" or "Attribution-no-source"
    source: Span | None
    cue: Span | None
    content: Span | None
    content2: Span | None = None


_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t(.*)$")


def parse_brat(ann_text: str) -> list[Attribution]:
    """Parse PolNeAR ``.ann`` text into attributions (T spans linked by E events).

    Span text in the file can run over several physical lines; continuation lines (not starting with
    an annotation id) are appended to the previous span. ``#`` notes are ignored.
    """
    spans: dict[str, tuple[str, Span]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    last_t: str | None = None
    blanks = 0
    for raw in ann_text.split("\n"):
        line = raw.rstrip("\r")
        m = _T_LINE.match(line)
        if m:
            tid, kind, offs, text = m.groups()
            frags = tuple(
                (int(a), int(b)) for a, b in (piece.split() for piece in offs.split(";") if piece.strip())
            )
            spans[tid] = (kind, Span(frags[0][0], frags[-1][1], text, frags))
            last_t = tid
            blanks = 0
            continue
        if re.match(r"^E\d+\t", line):
            eid, args = line.split("\t", 1)
            roles = [tuple(a.split(":", 1)) for a in args.split() if ":" in a]
            events.append((eid, roles))
            last_t = None
            continue
        if line.startswith("#") or re.match(r"^[A-Z]\d+\t", line):
            last_t = None
            continue
        if last_t is not None:
            if not line:
                blanks += 1
                continue
            kind, sp = spans[last_t]
            joined = sp.text + "\n" * (blanks + 1) + line
            spans[last_t] = (kind, Span(sp.start, sp.end, joined, sp.fragments))
        blanks = 0
    out = []
    for eid, roles in events:
        if not roles:
            continue
        kind = roles[0][0]
        parts: dict[str, Span | None] = {"Source": None, "Cue": None, "Content": None, "Content2": None}
        for role, tid in roles[1:]:
            if role in parts and tid in spans:
                parts[role] = spans[tid][1]
        out.append(Attribution(eid, kind, parts["Source"], parts["Cue"], parts["Content"], parts["Content2"]))
    return out


def span_text(text: str, span: Span) -> str:
    """The document text under ``span``, fragments joined with one space (as brat writes it)."""
    return " ".join(text[a:b] for a, b in span.fragments)


@lru_cache(maxsize=1)
def _polnear_metadata() -> pd.DataFrame:
    path = require(Path("polnear") / "metadata.tsv")
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=csv.QUOTE_NONE)


def load_polnear(split: str = "train") -> pd.DataFrame:
    """PolNeAR documents of ``split`` ('train' or 'dev') with their attributions.

    Where several annotators' files exist for a document (the training compartment), the first
    annotator listed in ``metadata.tsv`` is used.
    """
    if split not in {"train", "dev"}:
        raise ValueError(f"split must be 'train' or 'dev', not {split!r}")
    base = require(Path("polnear") / split)
    root = data_dir()
    meta = _polnear_metadata()
    meta = meta[meta["compartment"] == split].set_index("filename")
    ann_dir = base / "attributions"
    anns: dict[str, list[Path]] = {}
    for p in sorted(ann_dir.glob("*.ann")):
        stem, _, annot = p.stem.rpartition("_")
        anns.setdefault(stem, []).append(p)
    rows = []
    for txt in sorted((base / "text").glob("*.txt")):
        doc_id = txt.stem
        m = meta.loc[doc_id] if doc_id in meta.index else None
        candidates = anns.get(doc_id, [])
        chosen = None
        if m is not None and candidates:
            for annot in str(m["annotators"]).split("|"):
                hits = [p for p in candidates if p.stem.endswith("_" + annot)]
                if hits:
                    chosen = hits[0]
                    break
        if chosen is None and candidates:
            chosen = candidates[0]
        attributions = parse_brat(read_text(chosen)) if chosen else []
        rows.append(
            {
                "doc_id": doc_id,
                "path": txt.relative_to(root).as_posix(),
                "text": read_text(txt),
                "publisher": m["publisher"] if m is not None else doc_id.split("_", 1)[0],
                "date": m["publication_date"] if m is not None else "",
                "author": m["author"] if m is not None else "",
                "title": m["title"] if m is not None else "",
                "annotator": chosen.stem.rpartition("_")[2] if chosen else "",
                "ann_path": chosen.relative_to(root).as_posix() if chosen else "",
                "attributions": attributions,
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------------
# BASIL


def basil_paragraph_text(paragraph: list[str] | str) -> str:
    """One BASIL paragraph as a string: its sentence strings joined with a single space."""
    if isinstance(paragraph, str):
        return paragraph
    return " ".join(paragraph)


def _read_basil_article(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def load_basil() -> tuple[pd.DataFrame, pd.DataFrame]:
    """BASIL articles (one row per article) and phrase-level annotations (one row per span)."""
    base = require("basil")
    root = data_dir()
    arts = []
    for p in sorted((base / "articles").glob("*/*.json")):
        d = _read_basil_article(p)
        paragraphs = [list(par) if isinstance(par, list) else [par] for par in d.get("body-paragraphs", [])]
        arts.append(
            {
                "doc": p.stem,
                "path": p.relative_to(root).as_posix(),
                "triplet_uuid": d.get("triplet-uuid", ""),
                "uuid": d.get("uuid", ""),
                "year": int(p.parent.name),
                "source": str(d.get("source", "")).lower(),
                "date": d.get("date", ""),
                "title": d.get("title", ""),
                "url": d.get("url", ""),
                "main_event": d.get("main-event", ""),
                "paragraphs": paragraphs,
                "text": "\n".join(basil_paragraph_text(par) for par in paragraphs),
            }
        )
    articles = pd.DataFrame(arts)
    by_doc = {a["doc"]: a for a in arts}
    anns = []
    for p in sorted((base / "annotations" / "resolved").glob("*/*_ann.json")):
        doc = p.stem[: -len("_ann")]
        d = _read_basil_article(p)
        art = by_doc.get(doc)
        for ph in d.get("phrase-level-annotations", []):
            row = {"doc": doc, "year": int(p.parent.name), **{k.replace("-", "_"): v for k, v in ph.items()}}
            row["paragraph"], row["sentence"] = _locate_basil(art, ph) if art else (-1, -1)
            anns.append(row)
    annotations = pd.DataFrame(anns)
    return articles, annotations


def _locate_basil(article: dict, ph: dict) -> tuple[int, int]:
    """Find the paragraph and sentence whose text has the span's ``txt`` at ``start:end``."""
    try:
        start, end = int(ph["start"]), int(ph["end"])
    except (KeyError, TypeError, ValueError):
        return -1, -1
    txt = ph.get("txt", "")
    for i, par in enumerate(article["paragraphs"]):
        for j, sent in enumerate(par):
            if sent[start:end] == txt:
                return i, j
    return -1, -1


# ---------------------------------------------------------------------------------------------------
# NewsMTSC


def load_newsmtsc() -> pd.DataFrame:
    """NewsMTSC targets: sentence_id, text, mention, from, to, polarity (negative/neutral/positive)."""
    path = require(Path("newsmtsc") / "train.jsonl")
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            d = json.loads(line)
            for t in d.get("targets", []):
                rows.append(
                    {
                        "sentence_id": d.get("primary_gid", ""),
                        "text": d.get("sentence_normalized", ""),
                        "mention": t.get("mention", ""),
                        "from": int(t["from"]),
                        "to": int(t["to"]),
                        "polarity": NEWSMTSC_POLARITY.get(int(float(t["polarity"])), ""),
                    }
                )
    return pd.DataFrame(rows, columns=["sentence_id", "text", "mention", "from", "to", "polarity"])


# ---------------------------------------------------------------------------------------------------
# PTC


def load_ptc() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Propaganda Techniques Corpus: articles (article_id, text), spans (article_id, technique, start, end)."""
    base = require("ptc")
    arts = []
    for p in sorted((base / "train-articles").glob("article*.txt")):
        arts.append({"article_id": p.stem[len("article") :], "text": read_text(p)})
    labels = require(Path("ptc") / "train-task2-TC.labels")
    spans = pd.read_csv(
        labels,
        sep="\t",
        header=None,
        names=["article_id", "technique", "start", "end"],
        dtype={"article_id": str, "technique": str, "start": int, "end": int},
    )
    return pd.DataFrame(arts, columns=["article_id", "text"]), spans


# ---------------------------------------------------------------------------------------------------
# the project's coded sample


def load_sample_items(path: str | Path | None = None) -> pd.DataFrame:
    """``annotations/sample_items.csv``: the sampled sentences' locations (no text)."""
    path = Path(path) if path else ANNOTATIONS_DIR / "sample_items.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for col in ("start", "end", "second_pass"):
        df[col] = df[col].astype(int)
    return df


HASHED_NAME = "sha1:"


def hashed_doc(doc: str) -> str:
    """A document location with its file name replaced by a hash of it: PolNeAR's file names carry the
    articles' headlines, and the repository keeps no dataset text, so the sample stores this form."""
    folder, _, name = doc.rpartition("/")
    return f"{folder}/{HASHED_NAME}{sha1_12(name)}"


@lru_cache(maxsize=64)
def _names_by_hash(folder: str) -> dict[str, str]:
    return {sha1_12(p.name): p.name for p in require(folder).iterdir()}


def resolve_doc(doc: str) -> Path:
    """The dataset file a (possibly hashed) document location points to."""
    folder, _, name = doc.rpartition("/")
    if name.startswith(HASHED_NAME):
        found = _names_by_hash(folder).get(name[len(HASHED_NAME) :])
        if found is None:
            raise SampleMismatch(f"no file in {folder} matches {name}: the dataset differs from the one sampled")
        name = found
    return require(f"{folder}/{name}")


@lru_cache(maxsize=4096)
def _unit_text(dataset: str, doc: str, locator: str) -> str:
    path = resolve_doc(doc)
    if dataset == "polnear":
        return read_text(path)
    if dataset == "basil":
        paragraphs = _read_basil_article(path)["body-paragraphs"]
        return basil_paragraph_text(paragraphs[int(locator)])
    if dataset == "babe":
        sg = "SG1" if "SG1" in doc else "SG2"
        return _babe_texts(sg)[int(locator)]
    raise ValueError(f"unknown dataset {dataset!r}")


@lru_cache(maxsize=2)
def _babe_texts(sg: str) -> list[str]:
    return load_babe(sg)["text"].tolist()


def item_text(item: dict | pd.Series) -> str:
    """The sentence an item points to: its unit's text sliced at ``start:end``."""
    unit = _unit_text(item["dataset"], item["doc"], str(item["locator"]))
    return unit[int(item["start"]) : int(item["end"])]


def attach_text(items: pd.DataFrame, verify: bool = True) -> pd.DataFrame:
    """Add a ``text`` column to sample items; with ``verify``, check every ``text_sha1``."""
    texts = []
    for item in items.to_dict("records"):
        text = item_text(item)
        if verify and sha1_12(text) != item["text_sha1"]:
            raise SampleMismatch(
                f"item {item['item_id']}: text at {item['doc']} [{item['locator']}] "
                f"{item['start']}:{item['end']} has sha1 {sha1_12(text)}, expected {item['text_sha1']}; "
                "the dataset file differs from the one the sample was drawn from"
            )
        texts.append(text)
    out = items.copy()
    out["text"] = texts
    return out


def read_recodes(path: str | Path | None = None) -> pd.DataFrame:
    """The codes changed by a codebook revision (``annotations/recodes.csv``): item_id, coder,
    column, old, new, codebook, reason. Errors name the file and line."""
    path = Path(path) if path else ANNOTATIONS_DIR / "recodes.csv"
    if not path.exists():
        return pd.DataFrame(columns=["item_id", "coder", "column", "old", "new", "codebook", "reason"])
    recodes = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"item_id", "coder", "column", "old", "new"} - set(recodes.columns)
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    for number, row in enumerate(recodes.itertuples(), start=2):
        if row.column not in BINARY_CODES:
            raise ValueError(f"{path}, line {number}: column must be one of {', '.join(BINARY_CODES)}, not {row.column!r}")
        if row.old not in {"0", "1"} or row.new not in {"0", "1"}:
            raise ValueError(f"{path}, line {number}: old and new must be 0 or 1")
    return recodes


def apply_recodes(codes: pd.DataFrame, recodes: pd.DataFrame, *, source: str = "recodes.csv") -> pd.DataFrame:
    """``codes`` (rows of coded_sample.csv, as strings) with the recoded cells replaced. A recode
    whose ``old`` value is not the code in the file is an error (the file and the codes disagree)."""
    codes = codes.copy()
    index = {(item, coder): i for i, item, coder in zip(codes.index, codes["item_id"], codes["coder"], strict=True)}
    for row in recodes.itertuples():
        i = index.get((row.item_id, row.coder))
        if i is None:
            continue
        current = str(codes.at[i, row.column]).strip()
        if current != row.old:
            raise ValueError(
                f"{source}: {row.item_id} {row.coder} {row.column} is {current!r} in the codes, not {row.old!r}"
            )
        codes.at[i, row.column] = row.new
    return codes


def load_coded_sample(
    coder: str = "coder_a",
    path: str | Path | None = None,
    items_path: str | Path | None = None,
    *,
    recoded: bool = True,
) -> pd.DataFrame:
    """The coded sample of ``coder`` joined with the item locations and the sentence text.

    One row per coded item: the item columns, ``text`` and the codes (binary codes as int, the
    string codes as str with "" for empty). Raises :class:`SampleMismatch` naming the item if a
    sentence no longer hashes to its stored ``text_sha1``. ``recoded``: apply the codebook
    revisions of ``annotations/recodes.csv`` (only to the default codes file); False gives the codes
    as first coded.
    """
    default = not path
    path = Path(path) if path else ANNOTATIONS_DIR / "coded_sample.csv"
    if not path.exists():
        raise FileNotFoundError(f"coded sample not found: {path}")
    codes = pd.read_csv(path, dtype=str, keep_default_na=False)
    codes = codes[codes["coder"] == coder]
    if codes.empty:
        raise ValueError(f"{path}: no rows for coder {coder!r}")
    if recoded and default:
        codes = apply_recodes(codes, read_recodes(), source=str(ANNOTATIONS_DIR / "recodes.csv"))
    for col in BINARY_CODES:
        # an item not coded yet (empty cell) stays missing rather than failing the whole load
        codes[col] = pd.to_numeric(codes[col].replace("", None), errors="raise").astype("Int64")
    items = load_sample_items(items_path)
    unknown = set(codes["item_id"]) - set(items["item_id"])
    if unknown:
        raise SampleMismatch(f"{path}: item(s) not in sample_items.csv: {', '.join(sorted(unknown)[:5])}")
    merged = items.merge(codes, on="item_id", how="inner")
    return attach_text(merged).reset_index(drop=True)
