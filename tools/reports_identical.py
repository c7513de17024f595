"""Check that a change of code leaves the reports byte-identical: analyse the same corpora with the code
of a git revision and with the working tree, and compare every report file byte for byte.

    python tools/reports_identical.py HEAD~1            # sample corpus and, when present, the seed articles
    python tools/reports_identical.py main --corpus my_articles/

Exit status 0 when every file is identical, 1 when any differs (each difference is listed).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("FRAMING_SHARED", REPO.parent / "shared")) / "corpus" / "seeds"


def analyse(code_root: Path, corpus: Path, out: Path) -> None:
    """Run ``framing analyse`` with the package found in ``code_root`` (not the installed one)."""
    env = dict(os.environ, PYTHONPATH=str(code_root))
    command = [sys.executable, "-c", "from framing.interfaces.cli import main; main()"]
    legacy = [sys.executable, "-c", "from framing.cli import main; main()"]  # revisions before the layers
    entry = command if (code_root / "framing" / "interfaces" / "cli.py").is_file() else legacy
    subprocess.run(
        [*entry, "analyse", str(corpus), "--out", str(out), "--quiet"], env=env, cwd=code_root, check=False
    )
    if not (out / "sentences.csv").is_file():
        raise SystemExit(f"analysis of {corpus} with {code_root} wrote no sentences.csv")


def differences(a: Path, b: Path) -> list[str]:
    names = sorted({p.name for p in a.glob("*.csv")} | {p.name for p in b.glob("*.csv")})
    out = []
    for name in names:
        if not (a / name).is_file() or not (b / name).is_file():
            out.append(f"{name}: only in {'the revision' if (a / name).is_file() else 'the working tree'}")
        elif not filecmp.cmp(a / name, b / name, shallow=False):
            out.append(f"{name}: differs")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="git revision to compare the working tree with")
    parser.add_argument("--corpus", type=Path, action="append", help="corpus to analyse (repeatable)")
    args = parser.parse_args(argv)
    corpora = args.corpus or [REPO / "framing" / "sample_corpus"] + ([SEEDS] if SEEDS.is_dir() else [])
    failed = False
    with tempfile.TemporaryDirectory(prefix="reports-identical-") as tmp:
        tmp = Path(tmp)
        old = tmp / "revision"
        subprocess.run(["git", "worktree", "add", "--detach", str(old), args.revision], cwd=REPO, check=True,
                       capture_output=True)
        try:
            for corpus in corpora:
                corpus = corpus.resolve()
                a, b = tmp / "a" / corpus.name, tmp / "b" / corpus.name
                analyse(old, corpus, a)
                analyse(REPO, corpus, b)
                found = differences(a, b)
                files = len(list(b.glob("*.csv")))
                print(f"{corpus}: {files} report files, {'identical' if not found else 'DIFFERENT'}")
                for line in found:
                    print(f"  {line}")
                failed = failed or bool(found)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=REPO, check=False)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
