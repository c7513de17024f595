"""Training data and training for the name finder (``framing/annotation/names.py``).

The data is a parser's machine analysis of the PolNeAR articles (``polnear_corenlp/``: one token a
line with character offsets into ``polnear/<split>/text/<doc>.txt`` and a name label). Its labels are
carried onto our own tokens by character offsets, sentence by sentence, so the model learns from the
tokens it will see at run time. Only the trained weights are kept; the texts stay where they are.
"""

from __future__ import annotations

import csv
import gzip
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.annotation.names import LABELS, proper_words, token_features
from framing.reading.tokens import tokenize
from framing.types import Token

# CoreNLP's name labels -> ours; dates, numbers, money and the rest are O
CORENLP_LABELS = {"PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC", "MISC": "MISC"}


def data_dir() -> Path:
    """``FRAMING_DATA_DIR`` or ``../shared/datasets`` beside the checkout."""
    env = os.environ.get("FRAMING_DATA_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2].parent / "shared" / "datasets"


@dataclass
class LabelledDoc:
    """One article: our tokens per parser sentence, with a label for each token."""

    doc: str
    sentences: list[list[Token]]
    labels: list[list[str]]

    @property
    def proper(self) -> frozenset[str]:
        return proper_words(self.sentences)


def read_corenlp(split: str, root: Path | None = None, *, limit: int | None = None) -> Iterator[LabelledDoc]:
    """The ``split`` (train / dev) documents with our tokens and the parser's labels on them.

    A token takes the label of the parser token its first character falls in; a token no parser token
    covers is O. Raises FileNotFoundError naming the missing file."""
    root = Path(root) if root is not None else data_dir()
    path = root / "polnear_corenlp" / f"{split}.tsv.gz"
    texts = root / "polnear" / split / "text"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the parser analysis is missing")
    rows_by_doc: dict[str, list[tuple[int, int, int, str]]] = {}
    order: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for line, row in enumerate(reader, start=2):
            try:
                item = (int(row["sent"]), int(row["begin"]), int(row["end"]), row["ner"])
            except (KeyError, TypeError, ValueError) as error:
                raise ValueError(f"{path}: line {line}: bad row ({error})") from error
            if row["doc"] not in rows_by_doc:
                if limit is not None and len(order) >= limit:
                    break
                order.append(row["doc"])
                rows_by_doc[row["doc"]] = []
            rows_by_doc[row["doc"]].append(item)
    for doc in order:
        text_path = texts / f"{doc}.txt"
        if not text_path.is_file():
            raise FileNotFoundError(f"{text_path}: text of {doc} ({path}) is missing")
        yield align(doc, text_path.read_text(encoding="utf-8"), rows_by_doc[doc])


def align(doc: str, text: str, rows: Sequence[tuple[int, int, int, str]]) -> LabelledDoc:
    """Our tokens of each parser sentence, labelled from the parser tokens by character offsets."""
    by_sentence: dict[int, list[tuple[int, int, str]]] = {}
    for sent, begin, end, ner in rows:
        by_sentence.setdefault(sent, []).append((begin, end, CORENLP_LABELS.get(ner, "O")))
    sentences, labels = [], []
    for sent in sorted(by_sentence):
        parsed = by_sentence[sent]
        start, stop = parsed[0][0], parsed[-1][1]
        tokens = tokenize(text[start:stop], start)
        if not tokens:
            continue
        out = []
        j = 0
        for token in tokens:
            while j < len(parsed) and parsed[j][1] <= token.start:
                j += 1
            covered = j < len(parsed) and parsed[j][0] <= token.start < parsed[j][1]
            out.append(parsed[j][2] if covered else "O")
        sentences.append(tokens)
        labels.append(out)
    return LabelledDoc(doc, sentences, labels)


def train_crf(
    docs: Sequence[LabelledDoc],
    path: Path,
    *,
    c1: float = 0.05,
    c2: float = 0.01,
    max_iterations: int = 120,
    min_freq: int = 2,
) -> Path:
    """Train the CRF (L-BFGS, L1 + L2) on ``docs`` and write CRFsuite's model file to ``path``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for doc in docs:
        proper = doc.proper
        for tokens, labels in zip(doc.sentences, doc.labels, strict=True):
            unknown = set(labels) - set(LABELS) - {"O"}
            if unknown:
                raise ValueError(f"{doc.doc}: unknown labels {sorted(unknown)}")
            trainer.append(token_features(tokens, proper), labels)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.minfreq": min_freq,
            "feature.possible_transitions": True,
        }
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return path
