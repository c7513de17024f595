"""Score the voices annotator on PolNeAR (Newell et al. 2018) at sentence level.

Each document is segmented with framing's own segmenter. A sentence is gold-attributed when it overlaps
the cue or the content of an annotated attribution; it is predicted attributed when its voice is not
``author``. Printed: precision, recall and F1 of "contains an attribution"; speaker match, the share of
sentences both gold- and predicted-attributed (among those whose gold attributions name a source) whose
predicted speaker words overlap a gold source span; voice counts; and the annotator's throughput.

    .venv/bin/python benchmarks/eval_attribution.py            # dev, then train for reference
    .venv/bin/python benchmarks/eval_attribution.py --split train --errors 30
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from framing.annotation.voices import build
from framing.config import AnalysisConfig
from framing.reading.datasets import DatasetUnavailable, load_polnear
from framing.reading.segment import paragraphs, punkt, segment
from framing.types import Article, Doc


def polnear_article(row) -> Article:
    """The document text exactly as its offsets count it; a first paragraph equal to the title is the
    headline."""
    text = row.text
    spans = paragraphs(text)
    body_start = 0
    if len(spans) > 1 and text[spans[0][0] : spans[0][1]].rstrip(".").strip() == str(row.title).strip():
        body_start = spans[1][0]
    return Article(article_id=row.doc_id, text=text, body_start=body_start, title=str(row.title))


def _overlaps(a: int, b: int, fragments) -> bool:
    return any(a < end and start < b for start, end in fragments)


def evaluate(split: str, errors: int = 0) -> dict:
    frame = load_polnear(split)
    annotator = build(AnalysisConfig())
    tokenizer = punkt()
    counts = Counter()
    voices = Counter()
    elapsed = 0.0
    shown = 0
    for row in frame.itertuples(index=False):
        article = polnear_article(row)
        doc = Doc(article=article, sentences=segment(article, tokenizer))
        began = time.perf_counter()
        annotator(doc)
        elapsed += time.perf_counter() - began
        for sentence in doc.sentences:
            a, b = sentence.start, sentence.end
            gold = [
                att
                for att in row.attributions
                if any(
                    span is not None and _overlaps(a, b, span.fragments)
                    for span in (att.cue, att.content, att.content2)
                )
            ]
            predicted = sentence.values["voice"] != "author"
            voices[sentence.values["voice"]] += 1
            counts["sentences"] += 1
            counts["tp" if gold and predicted else "fn" if gold else "fp" if predicted else "tn"] += 1
            sources = [att.source for att in gold if att.source is not None]
            if gold and predicted and sources:
                counts["speaker_total"] += 1
                s_start, s_end = sentence.values["speaker_start"], sentence.values["speaker_end"]
                if s_start >= 0 and any(_overlaps(s_start, s_end, src.fragments) for src in sources):
                    counts["speaker_match"] += 1
            if errors and shown < errors and bool(gold) != predicted:
                shown += 1
                kind = "FN" if gold else "FP"
                detail = "; ".join(f"{att.cue.text if att.cue else '?'}" for att in gold)
                print(
                    f"{kind} [{sentence.values['voice']}/{sentence.values['speaker']}] cues={detail!r}: {sentence.text[:200]!r}"
                )
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "split": split,
        "documents": len(frame),
        "sentences": counts["sentences"],
        "gold_attributed": tp + fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "speaker_match": counts["speaker_match"] / counts["speaker_total"]
        if counts["speaker_total"]
        else 0.0,
        "speaker_total": counts["speaker_total"],
        "voices": dict(sorted(voices.items())),
        "sentences_per_second": counts["sentences"] / elapsed if elapsed else 0.0,
    }


def report(result: dict) -> None:
    print(
        f"PolNeAR {result['split']}: {result['documents']} documents, {result['sentences']} sentences, "
        f"{result['gold_attributed']} gold-attributed"
    )
    print(
        f"  contains an attribution: precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}"
    )
    print(
        f"  speaker match: {result['speaker_match']:.3f} of {result['speaker_total']} sentences with a gold source"
    )
    print(f"  voices: {result['voices']}")
    print(f"  throughput: {result['sentences_per_second']:.0f} sentences/s (annotator only)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "train", "both"], default="both")
    parser.add_argument("--errors", type=int, default=0, help="print this many misclassified sentences")
    args = parser.parse_args(argv)
    splits = ["dev", "train"] if args.split == "both" else [args.split]
    try:
        for split in splits:
            report(evaluate(split, args.errors))
    except DatasetUnavailable as error:
        print(f"PolNeAR not available, nothing measured: {error}", file=sys.stderr)
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
