"""CSV reports: UTF-8 files that open cleanly in Excel and R, with spreadsheet formulas neutralised and
numbers rounded only here, at the moment of writing. The same input gives byte-identical files.

Beside the six base tables (articles, sentences, cues, actors, relations, skipped) the reports hold the
comparison analytics: profiles, pairwise comparisons, a timeline, the blame matrix, the voices table
and aligned sentences. Every column of every file is described in ``docs/reports.md``; the reference
part of that page is generated from the column lists here (``python -m framing.storage.reports --docs FILE``).
``read_reports`` reads the base tables back into an ``Analysis``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from framing.schema import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    CUE_COLUMNS,
    RELATION_COLUMNS,
    SENTENCE_BASE_COLUMNS,
    SKIPPED_COLUMNS,
    Column,
    frame,
)


@dataclass
class Analysis:
    """The tables of one analysis run."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    cues: pd.DataFrame
    skipped: pd.DataFrame
    actors: pd.DataFrame
    version: str = ""
    extra: dict = field(default_factory=dict)
    # the relations table, built from ``cues`` when first asked for (or read from relations.csv)
    _relations: tuple | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def relations(self) -> pd.DataFrame:
        """Who relates to whom, how (framing.tables.relations): built from the cues, so a copy of the
        analysis with other cues (``dataclasses.replace``) has its own."""
        from framing.tables.relations import relation_table

        if self._relations is None or self._relations[0] is not self.cues:
            self._relations = (self.cues, relation_table(self.cues))
        return self._relations[1]

    def write(self, out_dir: str | Path, **options) -> list[Path]:
        """Write the CSV reports into ``out_dir``; returns the files written."""
        return write_reports(self, Path(out_dir), **options)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DECIMALS = 6
BASE_TABLES = ("articles", "sentences", "cues", "actors", "relations", "skipped")


def _is_formula(value: str) -> bool:
    """True for text a spreadsheet would run, also behind apostrophes (so neutralising can be undone)."""
    return value.lstrip("'").startswith(FORMULA_START)


def neutralise(value: object) -> object:
    """Prefix text a spreadsheet would run as a formula with an apostrophe.

    Text that already starts with apostrophes before a formula character gets one more, so that
    ``unneutralise`` can remove exactly one and give back the original.
    """
    if isinstance(value, str) and _is_formula(value):
        return "'" + value
    return value


def unneutralise(value: object) -> object:
    """Undo ``neutralise``: remove the apostrophe it added."""
    if isinstance(value, str) and value.startswith("'") and _is_formula(value[1:]):
        return value[1:]
    return value


def neutralised(series: pd.Series) -> pd.Series:
    """``series.map(neutralise)``, with pandas' vectorised string methods doing the tests."""
    try:
        formula = series.str.lstrip("'").str.startswith(FORMULA_START)
    except AttributeError:  # a column without text
        return series.map(neutralise)
    mask = formula.fillna(False).astype(bool)
    if not mask.any():
        return series
    return series.where(~mask, "'" + series.where(mask, ""))


def unneutralised(text: pd.Series) -> pd.Series:
    """``text.map(unneutralise)`` for a column of strings, vectorised."""
    mask = (text.str.startswith("'") & text.str[1:].str.lstrip("'").str.startswith(FORMULA_START)).astype(bool)
    return text.where(~mask, text.str[1:]) if mask.any() else text


# Text cells that character offsets index (start/end in the same or another file): they are written
# exactly as analysed, never neutralised, so that ``text[start:end]`` holds for anyone reading the CSV
# with a plain reader (pandas, readr, the csv module). Spreadsheet users open these files through the
# import dialog with the text columns typed as Text (see docs/reports.md).
OFFSET_TEXT_COLUMNS = {"articles": ("text",), "sentences": ("text",), "cues": ("text",)}


def safe_frame(data: pd.DataFrame, keep: Sequence[str] = ()) -> pd.DataFrame:
    """The table as written to CSV: formula-like text and header cells neutralised (except the columns
    in ``keep``), floats rounded, booleans as 0/1."""
    out = data.copy()
    for name in out.columns:
        series = out[name]
        if name in keep:
            continue
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            out[name] = neutralised(series)
        elif pd.api.types.is_float_dtype(series):
            out[name] = series.round(DECIMALS)
        elif pd.api.types.is_bool_dtype(series):
            out[name] = series.astype(int)
    out.columns = [neutralise(str(name)) for name in out.columns]
    return out


def write_csv(data: pd.DataFrame, path: Path) -> Path:
    """Write one table as UTF-8 CSV (with a byte-order mark, which Excel needs to see UTF-8)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    safe_frame(data, OFFSET_TEXT_COLUMNS.get(path.stem, ())).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
    return path


def write_reports(
    analysis,
    out_dir: Path,
    *,
    by: Sequence[str] = ("outlet", "period"),
    period: str | Sequence[str] = "month",
    n_boot: int = 1000,
    n_perm: int | None = None,
    seed: int = 0,
    compare_by: str = "outlet",
    voices: Sequence[str] = ("all", "author", "quoted"),
    compare_voices: Sequence[str] = ("all",),
    include_headlines: bool = True,
    analytics: bool = True,
    base: bool = True,
) -> list[Path]:
    """Write every table of ``analysis`` and the comparison reports into ``out_dir``.

    ``by`` groups profiles.csv and voices.csv (``period`` is computed from the dates with ``period``);
    the other ``by`` columns group timeline.csv and blame_matrix.csv. comparisons.csv compares every
    pair of ``compare_by`` groups in ``compare_voices`` (all sentences by default: every extra voice
    multiplies the tests Benjamini-Hochberg adjusts for). ``n_perm`` defaults to ``n_boot``. ``analytics=False`` writes the
    base tables only; ``base=False`` the analytics only (the base tables were written already).
    """
    from framing.analytics.align import align_event
    from framing.analytics.matrices import blame_matrix, voices_table
    from framing.analytics.profiles import profiles, timeline

    out_dir = Path(out_dir)
    written = [write_csv(getattr(analysis, name), out_dir / f"{name}.csv") for name in BASE_TABLES] if base else []
    if not analytics:
        return written
    by = (by,) if isinstance(by, str) else tuple(by)
    plain_by = tuple(name for name in by if name != "period")
    common = {"include_headlines": include_headlines}
    tables = {
        "profiles": profiles(analysis, by, period=period, voices=voices, n_boot=n_boot, seed=seed, **common),
        "comparisons": _comparisons(analysis, compare_by, period, compare_voices, n_boot, n_perm, seed, include_headlines),
        "timeline": timeline(
            analysis, by=plain_by or None, period=period, voices=voices, n_boot=n_boot, seed=seed, **common
        ),
        "blame_matrix": pd.concat(
            [
                blame_matrix(analysis, voice=voice, by=plain_by, period=period, **common).assign(voice=voice)
                for voice in ("all", "author", "quoted")
            ],
            ignore_index=True,
        ),
        "voices": voices_table(analysis, by, period=period, **common),
        "aligned": align_event(analysis, include_headlines=include_headlines),
    }
    matrix = tables["blame_matrix"]
    tables["blame_matrix"] = matrix[[*plain_by, "voice", *[c for c in matrix.columns if c not in (*plain_by, "voice")]]]
    for name, table in tables.items():
        written.append(write_csv(table, out_dir / f"{name}.csv"))
    return written


def _comparisons(analysis, by, period, voices, n_boot, n_perm, seed, include_headlines) -> pd.DataFrame:
    from framing.analytics.compare import COMPARE_COLUMNS, compare_all

    if by != "period" and by not in analysis.articles.columns:
        return pd.DataFrame(columns=list(COMPARE_COLUMNS))
    return compare_all(
        analysis, by, voices=voices, n_boot=n_boot, n_perm=n_boot if n_perm is None else n_perm, seed=seed,
        period=period, include_headlines=include_headlines,
    )


# ---------------------------------------------------------------------------------------------------
# Reading reports back


# Sentence columns the annotators add, with their types, so a report reads back with the right types
# even when a column is empty throughout (VADER switched off, no classifiers).
ANNOUNCED_SENTENCE_COLUMNS: tuple[Column, ...] = (
    Column("actors", "str", "", "canonical actors mentioned in the sentence, ';'-separated"),
    Column("voice", "str", "author", "author / direct / indirect / mixed: whose words the sentence carries"),
    Column("speaker", "str", "", "the words naming the source, as written"),
    Column("speaker_actor", "str", "", "the source's canonical actor"),
    Column("reporting_verb", "str", "", "lemma of the reporting verb"),
    Column("verb_stance", "str", "", "neutral / distancing / endorsing / loaded"),
    Column("blame", "int", 0, "1 if the sentence holds an actor responsible"),
    Column("blame_targets", "str", "", "actors blamed, ';'-separated"),
    Column("blame_sources", "str", "", "who assigns the blame ('author' or the speaker's actor), ';'-separated"),
    Column("blame_voice", "str", "", "author / attributed / both: whose words carry the blame"),
    Column("agency", "str", "", "agency of each harm clause, ';'-joined: agentive / agentless_passive / no_agent"),
    Column("agency_agent", "str", "", "actors named as doers of harm, ';'-joined"),
    Column("hedge", "int", 0, "1 if the sentence has a hedge"),
    Column("hedged_figure", "int", 0, "1 if a hedge qualifies a figure"),
    Column("booster", "int", 0, "1 if the sentence has a booster"),
    Column("evaluative", "int", 0, "1 if the sentence has evaluative wording"),
    Column("polarity", "str", "", "negative / positive / mixed / neutral for the evaluative wording"),
    Column("evaluative_author", "int", 0, "evaluative cues in the author's words"),
    Column("evaluative_quoted", "int", 0, "evaluative cues inside quoted or reported words"),
    Column("vader_compound", "float", float("nan"), "VADER compound sentiment, -1 to +1"),
    Column("p_blame", "float", float("nan"), "classifier probability that the sentence assigns blame"),
    Column("p_hedge", "float", float("nan"), "classifier probability that the sentence is hedged"),
    Column("p_evaluative", "float", float("nan"), "classifier probability that the sentence is evaluative"),
    Column("p_reported", "float", float("nan"), "classifier probability that the sentence is quoted or reported"),
)

_INT = re.compile(r"^-?\d+$")
_FLOAT = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^-?inf$|^nan$", re.IGNORECASE)


def _restore(series: pd.Series, dtype: str | None, *, neutralised: bool = True) -> pd.Series:
    """Turn a column read as text back into its type; unknown columns are inferred from their values."""
    text = series.fillna("").astype(str)
    if dtype is None:
        filled = text[text != ""]
        if len(filled) and filled.str.match(_INT).all():
            dtype = "int" if len(filled) == len(text) else "float"
        elif len(filled) and filled.str.match(_FLOAT).all():
            dtype = "float"
        else:
            dtype = "str"
    if dtype == "int":
        return pd.to_numeric(text.replace("", "0"), errors="coerce").fillna(0).astype("int64")
    if dtype == "float":
        return pd.to_numeric(text.replace("", "nan"), errors="coerce").astype("float64")
    if dtype == "bool":
        return text.str.lower().isin(("1", "true")).astype(bool)
    return (unneutralised(text) if neutralised else text).astype(object)


def read_table(path: Path, columns: Sequence[Column] = ()) -> pd.DataFrame:
    """One CSV report as a DataFrame with its types restored and neutralising undone."""
    data = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    data.columns = [unneutralise(str(name)) for name in data.columns]
    types = {c.name: c.dtype for c in columns}
    kept = OFFSET_TEXT_COLUMNS.get(path.stem, ())
    for name in data.columns:
        data[name] = _restore(data[name], types.get(name), neutralised=name not in kept)
    return data


def read_reports(directory: str | Path):
    """The base tables of a reports folder as an ``Analysis`` (the analytics are recomputed from
    them on demand, so they are not read)."""
    pass

    directory = Path(directory)
    known = {
        "articles": ARTICLE_COLUMNS,
        "sentences": SENTENCE_BASE_COLUMNS + ANNOUNCED_SENTENCE_COLUMNS,
        "cues": CUE_COLUMNS,
        "actors": ACTOR_COLUMNS,
        "skipped": SKIPPED_COLUMNS,
    }
    tables = {}
    for name, columns in known.items():
        path = directory / f"{name}.csv"
        if path.is_file():
            tables[name] = read_table(path, columns)
        else:
            tables[name] = frame([], columns if name != "sentences" else SENTENCE_BASE_COLUMNS)
    analysis = Analysis(**tables)
    if (directory / "relations.csv").is_file():  # as written (else built from the cues when asked for)
        analysis._relations = (analysis.cues, read_table(directory / "relations.csv", RELATION_COLUMNS))
    return analysis


# ---------------------------------------------------------------------------------------------------
# Column documentation


GROUP_NOTE = "a grouping column (from --by): outlet, period, or any article column you group by"
REPORT_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "profiles.csv": (
        ("outlet", GROUP_NOTE),
        ("period", "the period label (day 2025-01-14, week 2025-W03, month 2025-01, quarter 2025-Q1, year 2025, "
                   "or custom bins start..end); empty when the article has no date"),
        ("metric", "metric name (see the metric table below); families name the actor after a colon"),
        ("voice", "all / author / quoted (direct, indirect or mixed): which sentences the metric is computed over"),
        ("value", "the ratio estimate: scale x numerator / denominator over the group's sentences"),
        ("ci_low", "lower end of the 95% bootstrap interval (articles resampled); empty with fewer than 2 articles"),
        ("ci_high", "upper end of the 95% bootstrap interval"),
        ("n_articles", "articles contributing to the denominator"),
        ("n_sentences", "sentences contributing to the denominator (for rates: the sentences of that voice)"),
        ("too_few", "1 when n_articles is below the minimum (3): read the value as anecdote, not as a pattern"),
        ("numerator", "summed numerator (flagged sentences for rates, cue weights for stance)"),
        ("denominator", "summed denominator (sentences for rates, clauses or cues for shares)"),
    ),
    "comparisons.csv": (
        ("metric", "metric name"),
        ("voice", "all / author / quoted"),
        ("group_a", "first group (name order)"),
        ("group_b", "second group"),
        ("value_a", "the metric in group a"),
        ("value_b", "the metric in group b"),
        ("difference", "value_a - value_b"),
        ("ci_low", "lower end of the 95% bootstrap interval of the difference (articles resampled within each group)"),
        ("ci_high", "upper end of that interval"),
        ("p_value", "two-sided permutation test p-value (article group labels shuffled)"),
        ("p_adjusted", "Benjamini-Hochberg adjusted p-value across every row of the file"),
        ("n_articles_a", "articles of group a contributing to the metric"),
        ("n_articles_b", "articles of group b contributing to the metric"),
        ("clear", "1 when p_adjusted < 0.05 and the interval excludes 0"),
    ),
    "timeline.csv": (
        ("outlet", GROUP_NOTE),
        ("period", "the period label"),
        ("metric", "metric name"),
        ("voice", "all / author / quoted"),
        ("value", "the metric in that group and period"),
        ("ci_low", "lower end of the 95% bootstrap interval"),
        ("ci_high", "upper end of the 95% bootstrap interval"),
        ("n_articles", "articles contributing"),
        ("n_sentences", "sentences contributing"),
        ("too_few", "1 when n_articles is below the minimum (3)"),
        ("numerator", "summed numerator"),
        ("denominator", "summed denominator"),
        ("shift", "1 when the value lies outside the range of the 95% intervals of the 3 previous periods "
                  "with enough articles (needs 3 such periods)"),
        ("reference_low", "low end of the range the period was judged against"),
        ("reference_high", "high end of that range"),
    ),
    "blame_matrix.csv": (
        ("outlet", GROUP_NOTE),
        ("voice", "all / author / quoted: the voice of the blame cues counted"),
        ("source_actor", "who assigns the blame: an actor, 'author' (the outlet's own words) or '(unnamed)' "
                         "(an accusation reported without its accuser)"),
        ("target_actor", "who is blamed"),
        ("cues", "blame relations from source to target (relations.csv rows of category blame)"),
        ("sentences", "sentences holding them"),
        ("articles", "articles holding them"),
    ),
    "voices.csv": (
        ("outlet", GROUP_NOTE),
        ("period", "the period label"),
        ("kind", "voice (share of all sentences), speaker (share of quoted sentences) or verb_stance "
                 "(share of sentences with a reporting verb)"),
        ("item", "the voice, the speaker actor ('(unidentified)' when not a known actor) or the verb stance"),
        ("sentences", "sentences of this item"),
        ("articles", "articles with at least one such sentence"),
        ("population", "the sentences the share is taken of"),
        ("share", "sentences / population"),
    ),
    "aligned.csv": (
        ("article_a", "the earlier article of a pair reporting the same event"),
        ("article_b", "the later article (another outlet)"),
        ("outlet_a", "outlet of article a"),
        ("outlet_b", "outlet of article b"),
        ("published_a", "date of article a"),
        ("published_b", "date of article b"),
        ("article_similarity", "TF-IDF cosine of the two article texts"),
        ("sentence_id_a", "sentence of article a"),
        ("sentence_id_b", "the matched sentence of article b"),
        ("position_a", "position of sentence a in its article"),
        ("position_b", "position of sentence b in its article"),
        ("text_a", "sentence a"),
        ("text_b", "sentence b"),
        ("similarity", "TF-IDF cosine of the two sentences"),
        ("differences", "what differs, readable: voice, reporting verb, agency, swapped words, actor labels, "
                        "cue terms on one side only"),
        ("voice_a", "voice of sentence a"),
        ("voice_b", "voice of sentence b"),
        ("verb_a", "reporting verb of sentence a"),
        ("verb_b", "reporting verb of sentence b"),
        ("agency_a", "agency labels of sentence a"),
        ("agency_b", "agency labels of sentence b"),
        ("terms_only_a", "cue terms (dimension: term) in sentence a and not in b, ';'-separated"),
        ("terms_only_b", "cue terms in sentence b and not in a"),
    ),
}


def sentence_column_docs() -> list[Column]:
    """The sentence columns: base columns, what the installed annotators declare, then announced ones."""
    columns = list(SENTENCE_BASE_COLUMNS)
    try:
        from framing.config import AnalysisConfig
        from framing.tables.pipeline import pipeline, sentence_columns

        columns = list(sentence_columns(pipeline(AnalysisConfig())))
    except Exception as error:  # a broken lexicon must not stop the documentation
        print(f"note: annotators not loaded ({error}); documenting the announced columns", file=sys.stderr)
    seen = {c.name for c in columns}
    return columns + [c for c in ANNOUNCED_SENTENCE_COLUMNS if c.name not in seen]


def column_reference() -> dict[str, list[tuple[str, str]]]:
    """Every report file and its columns with their descriptions."""
    base = {
        "articles.csv": ARTICLE_COLUMNS,
        "sentences.csv": tuple(sentence_column_docs()),
        "cues.csv": CUE_COLUMNS,
        "actors.csv": ACTOR_COLUMNS,
        "relations.csv": RELATION_COLUMNS,
        "skipped.csv": SKIPPED_COLUMNS,
    }
    out = {name: [(c.name, c.description) for c in columns] for name, columns in base.items()}
    out.update({name: list(columns) for name, columns in REPORT_COLUMNS.items()})
    return out


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_reference() -> str:
    """The generated part of docs/reports.md: the columns of every file and the metric registry."""
    from framing.analytics.profiles import metric_table

    lines = ["## Files and columns", ""]
    for name, columns in column_reference().items():
        lines += [f"### `{name}`", "", "| column | meaning |", "|---|---|"]
        lines += [f"| `{column}` | {_cell(text)} |" for column, text in columns]
        lines.append("")
    lines += ["## Metrics", "", "| metric | label | unit | voices | computation | needs |", "|---|---|---|---|---|---|"]
    for row in metric_table().itertuples(index=False):
        lines.append(
            f"| `{row.metric}` | {_cell(row.label)} | {row.unit} | {row.voices} | "
            f"{_cell(row.description)}: {_cell(row.computation)} | {_cell(row.requires)} |"
        )
    return "\n".join(lines) + "\n"


BEGIN, END = "<!-- reference: generated by python -m framing.storage.reports --docs -->", "<!-- end of reference -->"


def update_docs(path: Path) -> None:
    """Replace the generated reference in ``path`` (between the markers) with the current one."""
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    path.write_text(f"{head}{BEGIN}\n\n{render_reference()}\n{END}{tail}", encoding="utf-8")


def documented_columns(text: str) -> dict[str, set[str]]:
    """The columns documented per file in a reports page (``### `file.csv` `` then a table)."""
    out: dict[str, set[str]] = {}
    current = None
    for line in text.splitlines():
        heading = re.match(r"^###\s+`([^`]+\.csv)`", line)
        if heading:
            current = out.setdefault(heading.group(1), set())
        elif line.startswith("## "):
            current = None
        elif current is not None:
            cell = re.match(r"^\|\s*`([^`]+)`\s*\|", line)
            if cell:
                current.add(cell.group(1))
    return out


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--docs":
        update_docs(Path(sys.argv[2]))
    else:
        print("usage: python -m framing.storage.reports --docs docs/reports.md", file=sys.stderr)
        sys.exit(2)
