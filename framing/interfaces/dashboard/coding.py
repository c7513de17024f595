"""Coding sentences by hand and training a model from the codes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pandas as pd

# ---------------------------------------------------------------------------------------------------
# coding by hand

CODING_DIMENSIONS = ("blame", "hedge", "evaluative")


@dataclass
class CodingSheet:
    """Labels given by hand: one row per (sentence, label name), the way the annotation CSVs are kept."""

    rows: list[dict] = field(default_factory=list)

    def code(self, sentence_id: str, text: str, label: str, value: int, coder: str = "") -> None:
        self.rows = [r for r in self.rows if not (r["item_id"] == sentence_id and r["label"] == label)]
        self.rows.append({"item_id": sentence_id, "text": text, "label": label, "value": int(value), "coder": coder})

    def coded_ids(self, label: str) -> set[str]:
        return {r["item_id"] for r in self.rows if r["label"] == label}

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=["item_id", "text", "label", "value", "coder"])

    def wide(self, label: str) -> pd.DataFrame:
        """item_id, text, coder and a 0/1 column named ``label`` (the layout of the coded CSVs)."""
        rows = self.frame()
        rows = rows[rows["label"] == label]
        return rows.rename(columns={"value": label})[["item_id", "text", "coder", label]].reset_index(drop=True)

    @classmethod
    def from_csv(cls, data: bytes) -> CodingSheet:
        table = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
        missing = {"item_id", "text", "label", "value"} - set(table.columns)
        if missing:
            raise ValueError(f"the coding file lacks the column(s) {', '.join(sorted(missing))}")
        sheet = cls()
        for row in table.to_dict("records"):
            if row["value"] not in ("0", "1"):
                raise ValueError(f"item {row['item_id']}: value must be 0 or 1, found '{row['value']}'")
            sheet.code(row["item_id"], row["text"], row["label"], int(row["value"]), row.get("coder", ""))
        return sheet


def next_to_code(sentences: pd.DataFrame, done: set[str], *, n: int = 1, seed: int = 0) -> pd.DataFrame:
    """The next sentences to code when no model suggests any: a reproducible random order over the
    sentences not yet coded (headlines included)."""
    remaining = sentences[~sentences["sentence_id"].isin(done)]
    if remaining.empty:
        return remaining
    return remaining.sample(frac=1.0, random_state=seed).head(n)


def training_frame(sheet: CodingSheet, label: str, sentences: pd.DataFrame) -> pd.DataFrame:
    """The codes for ``label`` as the training table of ``framing.classifiers.train.train_model``:
    ``text``, ``label`` (0/1) and ``article_id`` (so cross-validation keeps an article's sentences in
    one fold)."""
    codes = sheet.wide(label)
    articles = sentences.set_index("sentence_id")["article_id"]
    return pd.DataFrame(
        {
            "text": codes["text"],
            "label": codes[label].astype(int),
            "article_id": codes["item_id"].map(articles).fillna(codes["item_id"]),
        }
    )


def training_figures(report) -> pd.DataFrame:
    """The cross-validated figures of a training report (``framing.classifiers.train.TrainingReport``):
    one row per decision rule (the model, the lexicon rules alone, both combined) with macro-F1,
    accuracy and precision / recall / F1 of each class."""
    rows = []
    for name, scores in (("model", report.model), ("lexicon rules alone", report.lexicon),
                         ("rules + model", report.combined)):
        if scores is None:
            continue
        row = {"decision": name, "macro_F1": scores.macro_f1, "accuracy": scores.accuracy, "n": scores.n}
        for c in scores.per_class:
            row[f"precision ({c.label})"] = c.precision
            row[f"recall ({c.label})"] = c.recall
            row[f"F1 ({c.label})"] = c.f1
        rows.append(row)
    return pd.DataFrame(rows)


MIN_CODES_PER_CLASS = 5  # cross-validation needs a few of each class in every fold


def neighbours(sentences: pd.DataFrame, sentence_id: str) -> tuple[str, str]:
    """The sentences just before and after ``sentence_id`` in its article ('' at either end), so a coder
    reads it in context."""
    row = sentences[sentences["sentence_id"] == sentence_id]
    if row.empty:
        return "", ""
    article, position = row["article_id"].iloc[0], int(row["position"].iloc[0])
    same = sentences[sentences["article_id"] == article].set_index("position")["text"]
    return str(same.get(position - 1, "")), str(same.get(position + 1, ""))
