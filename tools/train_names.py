"""Build the shipped name finder, framing/models/names.crfsuite, from the parser analysis of the PolNeAR
train split (``../shared/datasets/polnear_corenlp/train.tsv.gz`` with ``polnear/train/text``).

    python tools/train_names.py                # the shipped model
    python tools/train_names.py --out /tmp/m.crfsuite --docs 200 --iterations 60

Only the model's weights are written; no text of the data goes into the repository. The dev split
is left for ``benchmarks/eval_actors.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

from framing.classifiers.names import data_dir, read_corenlp, train_crf
from framing.resources import names_model_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="datasets folder (default: FRAMING_DATA_DIR or ../shared/datasets)")
    parser.add_argument("--out", type=Path, default=names_model_path(), help="model file to write")
    parser.add_argument("--docs", type=int, default=None, help="train on the first N documents only")
    parser.add_argument("--iterations", type=int, default=120)
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.01)
    args = parser.parse_args(argv)
    root = args.data or data_dir()
    started = time.perf_counter()
    try:
        docs = list(read_corenlp("train", root, limit=args.docs))
    except FileNotFoundError as error:
        print(f"train_names: {error}", file=sys.stderr)
        return 2
    n_tokens = sum(len(s) for d in docs for s in d.sentences)
    path = train_crf(docs, args.out, c1=args.c1, c2=args.c2, max_iterations=args.iterations)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    print(
        f"trained on {len(docs)} PolNeAR train documents ({n_tokens} tokens, parser labels PER/ORG/LOC/MISC) "
        f"in {time.perf_counter() - started:.0f} s; wrote {path} (sha256 {digest[:16]})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
