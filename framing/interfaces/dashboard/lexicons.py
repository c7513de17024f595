"""Lexicon browsing and editing, and the re-analysis that shows which sentences a new entry changes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from framing.config import AnalysisConfig

# ---------------------------------------------------------------------------------------------------
# lexicons


LEXICON_ORDER = ("hedges.tsv", "boosters.tsv", "evaluative.tsv", "blame.tsv", "reporting_verbs.tsv", "harm.tsv",
                 "figures.tsv")


def lexicon_files(shipped: Path, user: Path | None = None) -> pd.DataFrame:
    """Every lexicon TSV (shipped, and the user's) with its name, origin and number of entries; the
    framing lexicons first, then actor files, then the reading aids (abbreviations, boilerplate)."""
    rows = []
    for origin, folder in (("shipped", shipped), ("user", user)):
        if folder is None or not Path(folder).is_dir():
            continue
        for path in sorted(Path(folder).rglob("*.tsv")):
            name = path.relative_to(folder).as_posix()
            rows.append({"name": name, "origin": origin, "entries": len(read_lexicon_table(path)), "path": str(path)})

    def rank(row: dict) -> tuple:
        name = row["name"]
        group = 0 if name in LEXICON_ORDER else 1 if name.startswith("actors/") else 2
        return (group, LEXICON_ORDER.index(name) if name in LEXICON_ORDER else 0, name, row["origin"])

    return pd.DataFrame(sorted(rows, key=rank), columns=["name", "origin", "entries", "path"])


def read_lexicon_table(path: Path) -> pd.DataFrame:
    """A lexicon TSV as a table of strings (comment lines skipped, nothing parsed as numbers)."""
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        lines = [line for line in handle.read().splitlines() if line.strip() and not line.startswith("#")]
    if not lines:
        return pd.DataFrame()
    header = lines[0].split("\t")
    rows = [line.split("\t") for line in lines[1:]]
    rows = [r + [""] * (len(header) - len(r)) if len(r) < len(header) else r[: len(header)] for r in rows]
    return pd.DataFrame(rows, columns=header)


def lexicon_header(path: Path) -> list[str]:
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        return handle.readline().rstrip("\r\n").split("\t")


def tsv_line(values: Sequence[str]) -> str:
    """One TSV line; refuses tabs and line breaks inside values, which would break the file."""
    for value in values:
        if any(ch in str(value) for ch in "\t\r\n"):
            raise ValueError(f"'{value}' contains a tab or a line break")
    return "\t".join(str(v).strip() for v in values) + "\n"


def add_term(user_dir: Path, name: str, row: dict[str, str], header: Sequence[str]) -> Path:
    """Append ``row`` to the user lexicon ``name`` in ``user_dir`` (created with ``header`` when new);
    the analyser reads it on top of the shipped file of the same name. Returns the file."""
    key = header[0]
    if not str(row.get(key, "")).strip():
        raise ValueError(f"the '{key}' column must not be empty")
    path = Path(user_dir) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file():
        path.write_text(tsv_line(header), encoding="utf-8")
    elif lexicon_header(path) != list(header):
        raise ValueError(f"{path}: its header {lexicon_header(path)} differs from {list(header)}")
    with path.open("a", encoding="utf-8") as handle:
        handle.write(tsv_line([row.get(col, "") for col in header]))
    return path


def staged_lexicon_dir(user_dir: Path | None, name: str, row: dict[str, str], header: Sequence[str]) -> Path:
    """A fresh temporary copy of ``user_dir`` with ``row`` added to ``name``: the analysis with the
    new term runs on it before anything is saved. The caller removes the folder."""
    import shutil

    staged = Path(tempfile.mkdtemp(prefix="framing-lexicon-"))
    if user_dir is not None and Path(user_dir).is_dir():
        shutil.copytree(user_dir, staged, dirs_exist_ok=True)
    add_term(staged, name, row, header)
    return staged


def check_lexicons(config: AnalysisConfig) -> None:
    """Build the annotators for ``config`` so that a malformed lexicon raises its LexiconError (naming
    the file, line and problem) before any article is analysed."""
    from framing.tables.pipeline import build_pipeline

    build_pipeline(config)


def articles_containing(analysis, words: str) -> list[str]:
    """Ids of the articles whose text contains ``words`` (case-insensitive; a trailing ``*`` ignored):
    the only articles a new lexicon term can change."""
    needle = words.strip().rstrip("*").strip()
    if not needle:
        return []
    found = analysis.articles["text"].str.contains(needle, case=False, regex=False)
    return analysis.articles.loc[found, "article_id"].tolist()


def rebuild_articles(analysis, article_ids: Iterable[str] | None = None) -> list:
    """The ``Article`` records behind the articles table, so stored sentences can be analysed again
    (for instance with a new lexicon) without the original files."""
    from framing.types import Article

    articles = analysis.articles
    if article_ids is not None:
        articles = articles[articles["article_id"].isin(set(article_ids))]
    body = analysis.sentences[~analysis.sentences["is_headline"]].groupby("article_id")["start"].min()
    fields = {f for f in Article.__dataclass_fields__} - {"article_id", "text", "body_start", "warnings", "extra"}
    rebuilt = []
    for row in articles.to_dict("records"):
        text = row["text"]
        first = body.get(row["article_id"])
        # the body starts at the beginning of the line holding its first sentence
        body_start = len(text) if first is None or pd.isna(first) else text.rfind("\n", 0, int(first)) + 1
        values = {k: str(row[k]) for k in fields if k in row and isinstance(row[k], str)}
        rebuilt.append(Article(article_id=row["article_id"], text=text, body_start=body_start, **values))
    return rebuilt


def reanalyse(analysis, config, article_ids: Iterable[str] | None = None):
    """Analyse the stored articles again under ``config``; returns a new Analysis."""
    from framing.running.inprocess import assemble
    from framing.tables.pipeline import analyse_article

    return assemble((analyse_article(a, config) for a in rebuild_articles(analysis, article_ids)), config)


CUE_KEY = ("dimension", "category", "start", "end", "term", "source_actor", "target_actor")
DECISION_COLUMNS = ("voice", "blame", "blame_targets", "agency", "hedge", "hedged_figure", "booster", "evaluative", "polarity")


def sentence_changes(before, after) -> pd.DataFrame:
    """Sentences whose cues or decisions differ between two analyses of the same articles: the cues
    added and removed (as 'dimension:category "words"') and the columns whose value changed."""
    def keyed(cues: pd.DataFrame) -> dict[str, set[tuple]]:
        out: dict[str, set[tuple]] = {}
        for row in cues.to_dict("records"):
            out.setdefault(row["sentence_id"], set()).add(tuple(row[k] for k in CUE_KEY) + (row["text"],))
        return out

    cues_before, cues_after = keyed(before.cues), keyed(after.cues)
    columns = [c for c in DECISION_COLUMNS if c in before.sentences.columns and c in after.sentences.columns]
    left = before.sentences.set_index("sentence_id")
    right = after.sentences.set_index("sentence_id")
    rows = []
    for sentence_id in right.index:
        added = cues_after.get(sentence_id, set()) - cues_before.get(sentence_id, set())
        removed = cues_before.get(sentence_id, set()) - cues_after.get(sentence_id, set())
        changed = []
        if sentence_id in left.index:
            for column in columns:
                old, new = left.at[sentence_id, column], right.at[sentence_id, column]
                if str(old) != str(new):
                    changed.append(f"{column}: {old} \u2192 {new}")
        if added or removed or changed:
            rows.append(
                {
                    "sentence_id": sentence_id,
                    "text": right.at[sentence_id, "text"],
                    "cues_added": "; ".join(sorted(f'{c[0]}:{c[1]} "{c[-1]}"' for c in added)),
                    "cues_removed": "; ".join(sorted(f'{c[0]}:{c[1]} "{c[-1]}"' for c in removed)),
                    "columns_changed": "; ".join(changed),
                }
            )
    return pd.DataFrame(rows, columns=["sentence_id", "text", "cues_added", "cues_removed", "columns_changed"])


def default_user_lexicon_dir() -> Path:
    return Path.home() / ".framing" / "lexicons"


MAX_REANALYSE_ARTICLES = 100


def user_config(user_dir: Path | None) -> AnalysisConfig:
    """The analysis configuration with a user lexicon folder: its lexicons on top of the shipped ones
    and the actor files in its ``actors`` subfolder."""
    if user_dir is None or not Path(user_dir).is_dir():
        return AnalysisConfig()
    actors = tuple(sorted((Path(user_dir) / "actors").glob("*.tsv")))
    return AnalysisConfig(lexicon_dir=Path(user_dir), actor_files=actors)


FREE_COLUMNS = ("source", "note", "comment")  # typed freely even when few values occur
MAX_CHOICES = 15


def field_kinds(table: pd.DataFrame, header: Sequence[str]) -> dict[str, tuple[str, list[str]]]:
    """How each column of a new entry is asked for, from the values the lexicon already holds:
    ('choice', values by frequency) for a column with a few recurring values (category, polarity,
    type ...), ('number', []) for a numeric column (weight), ('text', []) otherwise (the term, source,
    note). So the allowed values are visible before anything is submitted."""
    kinds: dict[str, tuple[str, list[str]]] = {}
    for i, column in enumerate(header):
        values = table[column].astype(str).str.strip() if column in table else pd.Series([], dtype=str)
        values = values[values != ""]
        if i == 0 or column in FREE_COLUMNS or values.empty:
            kinds[column] = ("text", [])
        elif pd.to_numeric(values, errors="coerce").notna().all():
            kinds[column] = ("number", [])
        elif values.nunique() <= MAX_CHOICES:
            kinds[column] = ("choice", values.value_counts().index.tolist())
        else:
            kinds[column] = ("text", [])
    return kinds
