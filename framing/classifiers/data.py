"""Label tables for the shipped models, built from the research datasets and the team's coded sample.

Every function returns a DataFrame with ``text``, ``label`` (0/1, or a class name for stance) and
``article_id`` (the unit folds are grouped by), read through :mod:`framing.reading.datasets` from the datasets
folder; nothing here is stored in the repository.

- evaluative: BABE SG2 (``Biased`` = 1, ``Non-biased`` = 0; "No agreement" dropped; grouped by the
  article link) and CheckThat! (``SUBJ`` = 1, ``OBJ`` = 0; each sentence its own group);
- reported: PolNeAR, every sentence of the articles as framing segments them, 1 when it overlaps the
  cue or the content of an annotated attribution;
- blame, hedge (and the other codes): the coded sample of ``coder_a``, one split (``dev`` trains,
  ``heldout`` evaluates); items not yet coded are left out;
- stance: NewsMTSC targets, split 80/20 by sentence text with a fixed seed;
- hedge beyond news: CoNLL-2010 Wikipedia sentences (``conll2010_wiki/train.csv``: uncertain, -1, = 1;
  certain = 0; sentences with the same text form one group);
- evaluative beyond single sentences: PTC articles, every sentence as framing segments them, 1 when it
  overlaps a span of loaded language, name calling or exaggeration.

Every table also has ``source``: the data set a row comes from, so cross-validated figures can be
reported per source.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from framing.reading import datasets

CODER = "coder_a"
STANCE_HELDOUT = 0.2
STANCE_SEED = 0


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def babe_labels(sg: str = "SG2") -> pd.DataFrame:
    babe = datasets.load_babe(sg)
    babe = babe[babe["label_bias"].isin(["Biased", "Non-biased"])]
    return pd.DataFrame(
        {
            "text": babe["text"].to_numpy(),
            "label": (babe["label_bias"] == "Biased").astype(int).to_numpy(),
            "article_id": ["babe-" + _short_hash(link or str(row)) for link, row in zip(babe["news_link"], babe["row"], strict=True)],
            "source": "babe",
        }
    )


def checkthat_labels(split: str = "train") -> pd.DataFrame:
    data = datasets.load_checkthat(split)
    return pd.DataFrame(
        {
            "text": data["text"].to_numpy(),
            "label": (data["label"] == "SUBJ").astype(int).to_numpy(),
            "article_id": ("checkthat-" + data["sentence_id"].astype(str)).to_numpy(),
            "source": "checkthat" if split == "train" else f"checkthat-{split}",
        }
    )


def polnear_labels(split: str = "train", *, max_docs: int | None = None, seed: int = 0) -> pd.DataFrame:
    """PolNeAR sentences: 1 when the sentence overlaps an attribution's cue or content."""
    from framing.reading.segment import punkt, segment
    from framing.types import Article

    docs = datasets.load_polnear(split)
    if max_docs is not None and max_docs < len(docs):
        docs = docs.sample(n=max_docs, random_state=seed).sort_values("doc_id")
    tokenizer = punkt()
    rows = []
    for doc in docs.itertuples():
        spans = [
            fragment
            for attribution in doc.attributions
            for part in (attribution.cue, attribution.content, attribution.content2)
            if part is not None
            for fragment in part.fragments
        ]
        article = Article(article_id=doc.doc_id, text=doc.text, body_start=0)
        for sentence in segment(article, tokenizer):
            overlaps = any(a < sentence.end and sentence.start < b for a, b in spans)
            rows.append({"text": sentence.text, "label": int(overlaps), "article_id": doc.doc_id})
    return pd.DataFrame(rows, columns=["text", "label", "article_id"])


def coded_labels(dimension: str, split: str = "dev", coder: str = CODER, *, recoded: bool = True) -> pd.DataFrame:
    """The coded sample's items of ``split`` that ``coder`` has coded for ``dimension``, with the
    codebook revisions of ``annotations/recodes.csv`` applied (``recoded=False``: as first coded).

    Tolerates a sample being coded: rows with an empty code are left out.
    """
    codes_path = datasets.ANNOTATIONS_DIR / "coded_sample.csv"
    if not codes_path.is_file():
        raise datasets.DatasetUnavailable(f"coded sample not found: {codes_path}")
    codes = pd.read_csv(codes_path, dtype=str, keep_default_na=False)
    if recoded:
        recodes_path = datasets.ANNOTATIONS_DIR / "recodes.csv"
        codes = datasets.apply_recodes(codes, datasets.read_recodes(recodes_path), source=str(recodes_path))
    if dimension not in codes.columns:
        raise ValueError(f"{codes_path}: no column {dimension!r}")
    codes = codes[(codes["coder"] == coder) & (codes[dimension].str.strip() != "")]
    items = datasets.load_sample_items()
    items = items[items["split"] == split]
    merged = items.merge(codes[["item_id", dimension]], on="item_id", how="inner")
    merged = datasets.attach_text(merged)
    # BABE rows are single sentences from different articles; PolNeAR and BASIL items share documents
    unit = np.where(merged["dataset"] == "babe", merged["doc"] + "#" + merged["locator"].astype(str), merged["doc"])
    return pd.DataFrame(
        {
            "text": merged["text"].to_numpy(),
            "label": merged[dimension].astype(int).to_numpy(),
            "article_id": unit,
            "item_id": merged["item_id"].to_numpy(),
            "dataset": merged["dataset"].to_numpy(),
            "source": "coded",
        }
    )


def conll_labels() -> pd.DataFrame:
    """CoNLL-2010 (Wikipedia) sentences: 1 = uncertain (has a hedge or weasel cue), 0 = certain."""
    from framing.reading.datasets import require

    path = require("conll2010_wiki/train.csv")
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"label", "sentence"} - set(rows.columns)
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    labels = rows["label"].str.strip()
    bad = ~labels.isin(["1", "-1"])
    if bad.any():
        line = int(bad.to_numpy().argmax()) + 2
        raise ValueError(f"{path}, line {line}: label must be 1 or -1, not {labels[bad].iloc[0]!r}")
    return pd.DataFrame(
        {
            "text": rows["sentence"].to_numpy(),
            "label": (labels == "-1").astype(int).to_numpy(),
            "article_id": ["conll-" + _short_hash(text) for text in rows["sentence"]],
            "source": "conll",
        }
    )


PTC_EVALUATIVE = ("Loaded_Language", "Name_Calling,Labeling", "Exaggeration,Minimisation")


def ptc_labels(*, max_docs: int | None = None, seed: int = 0) -> pd.DataFrame:
    """PTC sentences: 1 when the sentence overlaps a loaded-language, name-calling or exaggeration span."""
    from framing.reading.segment import punkt, segment
    from framing.types import Article

    articles, spans = datasets.load_ptc()
    if max_docs is not None and max_docs < len(articles):
        articles = articles.sample(n=max_docs, random_state=seed).sort_values("article_id")
    spans = spans[spans["technique"].isin(PTC_EVALUATIVE)]
    by_article = {key: list(zip(group["start"], group["end"], strict=True)) for key, group in spans.groupby("article_id")}
    tokenizer = punkt()
    rows = []
    for article_row in articles.itertuples():
        article = Article(article_id=f"ptc-{article_row.article_id}", text=article_row.text, body_start=0)
        marked = by_article.get(article_row.article_id, [])
        for sentence in segment(article, tokenizer):
            if len(sentence.text.split()) < 4:
                continue  # headlines' fragments, bylines
            overlaps = any(a < sentence.end and sentence.start < b for a, b in marked)
            rows.append({"text": sentence.text, "label": int(overlaps), "article_id": article.article_id, "source": "ptc"})
    return pd.DataFrame(rows, columns=["text", "label", "article_id", "source"])


def newsmtsc_split(*, heldout: float = STANCE_HELDOUT, seed: int = STANCE_SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """NewsMTSC targets as (train, held-out), grouped by sentence text so no sentence is on both sides."""
    from sklearn.model_selection import GroupShuffleSplit

    data = datasets.load_newsmtsc()
    data = data[data["polarity"] != ""].reset_index(drop=True)
    data = data.rename(columns={"from": "start", "to": "end", "polarity": "label"})
    splitter = GroupShuffleSplit(n_splits=1, test_size=heldout, random_state=seed)
    train, test = next(splitter.split(data, groups=data["text"]))
    return data.iloc[train].reset_index(drop=True), data.iloc[test].reset_index(drop=True)
