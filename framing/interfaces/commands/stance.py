"""``framing stance "SENTENCE" --target "X"`` (or ``--start/--end``): the stance toward a target.

Prints the most probable stance (negative / neutral / positive), each probability, and the net
p(positive) - p(negative) that the analysis uses as the weight of a stance cue.
"""

from __future__ import annotations

import argparse

from framing.errors import InputError


def register(sub) -> None:
    parser = sub.add_parser("stance", help="stance of a sentence toward a target (negative / neutral / positive)")
    parser.add_argument("sentence", help="the sentence")
    parser.add_argument("--target", help="the target's words (first occurrence, case-insensitive)")
    parser.add_argument("--start", type=int, help="character offset where the target starts")
    parser.add_argument("--end", type=int, help="character offset where the target ends")
    parser.add_argument("--model", help="a stance model file instead of the shipped one")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from framing.classifiers.stance import find_target, stance

    if args.target is not None:
        start, end = find_target(args.sentence, args.target)
    elif args.start is not None and args.end is not None:
        start, end = args.start, args.end
    else:
        raise InputError("stance needs --target TEXT, or --start and --end")
    result = stance(args.sentence, start, end, model=args.model)
    print(f"target: {args.sentence[start:end]!r} ({start}:{end})")
    print(f"stance: {result.label}")
    for label, p in sorted(result.probabilities.items()):
        print(f"  p({label}) = {p:.3f}")
    print(f"net (positive - negative): {result.net:+.3f}")
    return 0
