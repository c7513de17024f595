"""Name finding for actor discovery: the shipped CRF against capitalisation rules.

Data: the PolNeAR dev split (83 articles the model never saw), with a parser's (Stanford CoreNLP's)
machine labels carried onto our tokens by character offsets (``../shared/datasets/polnear_corenlp/
dev.tsv.gz`` and ``polnear/dev/text``). These are silver labels, not human gold: the figures say how
closely each finder reproduces the parser's PERSON and ORGANIZATION spans.

Printed: exact-span precision / recall / F1 per label (PER, ORG), micro over both, and untyped (a
PER or ORG span found with either label), for the CRF, the rules, and the two combined (the CRF's
spans plus rule spans it does not overlap). Then the actors the full discovery step yields on the
same articles: how many of the parser's PERSON / ORGANIZATION spans fall inside a discovered actor
mention, and how many discovered mentions overlap none of the parser's names (any label).

    python benchmarks/eval_actors.py [--data DIR] [--model FILE]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from framing.annotation.names import CrfNameFinder, NameSpan, RuleNameFinder, spans_from_labels
from framing.classifiers.names import data_dir, read_corenlp
from framing.resources import names_model_path

TYPED = ("PER", "ORG")


def combined(crf: list[NameSpan], rules: list[NameSpan]) -> list[NameSpan]:
    taken = [(s.first, s.last) for s in crf]
    extra = [r for r in rules if not any(r.first < b and a < r.last for a, b in taken)]
    return sorted(crf + extra, key=lambda s: s.first)


def score(found: Counter, gold: Counter, hit: Counter, label: str) -> str:
    p = hit[label] / found[label] if found[label] else 0.0
    r = hit[label] / gold[label] if gold[label] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{label:8s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (found {found[label]}, parser {gold[label]})"


def evaluate(docs, finders) -> dict[str, list[str]]:
    counts = {name: (Counter(), Counter(), Counter()) for name in finders}
    for doc in docs:
        proper = doc.proper
        for s, (tokens, labels) in enumerate(zip(doc.sentences, doc.labels, strict=True)):
            gold = {(s, g.first, g.last, g.label) for g in spans_from_labels(labels) if g.label in TYPED}
            gold_untyped = {g[:3] for g in gold}
            spans = {name: finder(tokens, proper) for name, finder in finders.items()}
            for name, found_spans in spans.items():
                found_c, gold_c, hit_c = counts[name]
                found = {(s, f.first, f.last, f.label) for f in found_spans if f.label in TYPED}
                for label in TYPED:
                    found_c[label] += sum(1 for f in found if f[3] == label)
                    gold_c[label] += sum(1 for g in gold if g[3] == label)
                    hit_c[label] += sum(1 for f in found & gold if f[3] == label)
                found_c["micro"] += len(found)
                gold_c["micro"] += len(gold)
                hit_c["micro"] += len(found & gold)
                found_untyped = {f[:3] for f in found}
                found_c["untyped"] += len(found_untyped)
                gold_c["untyped"] += len(gold_untyped)
                hit_c["untyped"] += len(found_untyped & gold_untyped)
    return {
        name: [score(*counts[name], label) for label in (*TYPED, "micro", "untyped")] for name in finders
    }


def discovery(root: Path, limit: int | None) -> list[str]:
    """The full discovery step (framing.annotation.mentions, no actor set) on the dev articles."""
    from framing.annotation.mentions import build
    from framing.config import AnalysisConfig
    from framing.reading.segment import segment
    from framing.types import Article, Doc

    annotator = build(AnalysisConfig(vader=False, classifiers=False, detect_actor_sets=False))
    covered = Counter()
    actors = Counter()
    for labelled in read_corenlp("dev", root, limit=limit):
        text = (root / "polnear" / "dev" / "text" / f"{labelled.doc}.txt").read_text(encoding="utf-8")
        article = Article(article_id=labelled.doc, text=text, body_start=0)
        doc = Doc(article=article, sentences=segment(article))
        annotator(doc)
        mentions = [(m.start, m.end, m.how) for _, m in doc.actor_mentions]
        names = []
        for tokens, labels in zip(labelled.sentences, labelled.labels, strict=True):
            for span in spans_from_labels(labels):
                names.append((tokens[span.first].start, tokens[span.last - 1].end, span.label))
        for start, end, label in names:
            if label in TYPED:
                covered[label, "all"] += 1
                covered[label, "in"] += any(a <= start and end <= b for a, b, _ in mentions)
        for a, b, how in mentions:
            actors["all"] += 1
            actors[how, "all"] += 1
            outside = not any(s < b and a < e for s, e, _ in names)
            actors["outside"] += outside
            actors[how, "outside"] += outside
    lines = []
    for label in TYPED:
        n = covered[label, "all"]
        lines.append(f"parser {label} spans inside a discovered actor mention: {covered[label, 'in']}/{n} "
                     f"({covered[label, 'in'] / max(n, 1):.3f})")
    lines.append(
        f"discovered actor mentions overlapping no parser name (pronouns, descriptions, or misses of the "
        f"parser): {actors['outside']}/{actors['all']} ({actors['outside'] / max(actors['all'], 1):.3f})"
    )
    hows = sorted({key[0] for key in actors if isinstance(key, tuple)})
    lines.append(
        "  by how they were found (outside / all): "
        + ", ".join(f"{how} {actors[how, 'outside']}/{actors[how, 'all']}" for how in hows)
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--model", type=Path, default=names_model_path())
    parser.add_argument("--docs", type=int, default=None, help="the first N dev documents only")
    args = parser.parse_args(argv)
    root = args.data or data_dir()
    try:
        docs = list(read_corenlp("dev", root, limit=args.docs))
    except FileNotFoundError as error:
        print(f"eval_actors: {error}", file=sys.stderr)
        return 2
    n_tokens = sum(len(s) for d in docs for s in d.sentences)
    print(f"data: PolNeAR dev split, {len(docs)} articles, {n_tokens} tokens; reference: CoreNLP's machine "
          f"NER (silver) on our tokens; exact spans")
    crf, rules = CrfNameFinder(args.model), RuleNameFinder()
    finders = {
        f"CRF ({args.model.name})": crf.spans,
        "capitalisation rules": rules.spans,
        "CRF + rules": lambda t, p: combined(crf.spans(t, p), rules.spans(t, p)),
    }
    started = time.perf_counter()
    for name, lines in evaluate(docs, finders).items():
        print(f"\n{name}")
        for line in lines:
            print("  " + line)
    print(f"\n({time.perf_counter() - started:.1f} s for the three finders)")
    print("\nactor discovery with defaults (no actor set) on the same articles:")
    for line in discovery(root, args.docs):
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
