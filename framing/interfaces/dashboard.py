"""What the dashboard needs besides drawing: cues turned into highlighted, escaped HTML; uploads checked
against size limits and analysed; the sidebar filters applied to the tables; sentence search; the
corpus summary; word differences between aligned sentences; lexicon editing and re-analysis diffs;
table and chart exports. Pure functions over the tables of ``framing.schema``, so they are tested
without a browser and the app itself only draws.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import html
import io
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from framing.config import AnalysisConfig
from framing.schema import CUE_COLUMNS

# ---------------------------------------------------------------------------------------------------
# vocabulary and colours

VOICE_LABELS = {
    "all": "all voices",
    "author": "authorial",
    "quoted": "quoted or reported",
    "direct": "quoted",
    "indirect": "reported",
    "mixed": "mixed (partly quoted)",
}

DIMENSION_LABELS = {
    "blame": "responsibility (blame)",
    "hedge": "hedge",
    "booster": "booster",
    "evaluative": "evaluative",
    "agency": "agency",
    "attribution": "reporting verb / attribution",
    "stance": "stance toward an actor",
    "actor": "actor mention",
}

# Colour-blind-safe background colours (Okabe-Ito, lightened) so the text stays readable on top.
DIMENSION_COLOURS = {
    "blame": "#f4b183",
    "hedge": "#9ecae1",
    "booster": "#c6a0d6",
    "evaluative": "#f7e08a",
    "agency": "#a1d99b",
    "attribution": "#d9d9d9",
    "stance": "#f2a7c3",
    "actor": "#e8e8e8",
}
OTHER_COLOUR = "#eeeeee"
# Dimensions drawn as an underline instead of a background (they cover long spans).
UNDERLINED = {"attribution": "2px dotted #6b6b6b", "actor": "2px solid #b0b0b0"}

# When cues overlap, the colour of the first dimension in this order wins; the tooltip lists them all.
DIMENSION_PRIORITY = ("blame", "evaluative", "hedge", "booster", "agency", "stance", "attribution", "actor")


def voice_label(voice: str) -> str:
    """The researchers' word for a voice code (author -> authorial, direct -> quoted, ...)."""
    return VOICE_LABELS.get(voice, voice or "unknown")


def dimension_label(dimension: str) -> str:
    return DIMENSION_LABELS.get(dimension, dimension)


def outlet_label(outlet: str) -> str:
    return outlet if outlet else "(no outlet named)"


# ---------------------------------------------------------------------------------------------------
# highlighted text


def cue_tooltip(cue: dict) -> str:
    """One line describing a cue: dimension, category, source -> target, voice and the lexicon term."""
    parts = [dimension_label(str(cue.get("dimension", "")))]
    if cue.get("category"):
        parts[0] += f": {cue['category']}"
    source, target = str(cue.get("source_actor") or ""), str(cue.get("target_actor") or "")
    if source and target and source != target:
        parts.append(f"{source} \u2192 {target}")
    elif target:
        parts.append(f"actor: {target}")
    elif source:
        parts.append(f"source: {source}")
    if cue.get("voice"):
        parts.append(f"voice: {voice_label(str(cue['voice']))}")
    if cue.get("term"):
        parts.append(f"term: {cue['term']}")
    if cue.get("detail"):
        parts.append(str(cue["detail"]))
    return " | ".join(parts)


def _priority(dimension: str) -> int:
    return DIMENSION_PRIORITY.index(dimension) if dimension in DIMENSION_PRIORITY else len(DIMENSION_PRIORITY)


def highlight_html(
    text: str, cues: pd.DataFrame | Iterable[dict], *, offset: int = 0, dimensions: Iterable[str] | None = None
) -> str:
    """``text`` as HTML with every cue wrapped in a coloured ``<mark>`` whose ``title`` is its tooltip.

    ``offset`` is where ``text`` starts in the article text (cue offsets are article offsets). Text
    and tooltips are HTML-escaped. Overlapping cues split the text at every boundary; each piece takes
    the colour of its highest-priority dimension and a tooltip listing every cue covering it.
    """
    rows = cues.to_dict("records") if isinstance(cues, pd.DataFrame) else list(cues)
    wanted = set(dimensions) if dimensions is not None else None
    spans = []
    for cue in rows:
        if wanted is not None and cue.get("dimension") not in wanted:
            continue
        start, end = int(cue["start"]) - offset, int(cue["end"]) - offset
        start, end = max(start, 0), min(end, len(text))
        if start < end:
            spans.append((start, end, cue))
    if not spans:
        return html.escape(text)
    bounds = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    out = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        piece = html.escape(text[left:right])
        covering = [cue for s, e, cue in spans if s <= left and right <= e]
        if not covering:
            out.append(piece)
            continue
        covering.sort(key=lambda c: _priority(str(c.get("dimension", ""))))
        dims = sorted({str(c.get("dimension", "")) for c in covering}, key=_priority)
        tip = html.escape("\n".join(cue_tooltip(c) for c in covering), quote=True)
        out.append(
            f'<mark class="cue" data-dimensions="{html.escape(" ".join(dims), quote=True)}" title="{tip}" '
            f'style="{cue_style(dims)}">{piece}</mark>'
        )
    return "".join(out)


def cue_style(dimensions: Sequence[str]) -> str:
    """Inline CSS for text carrying cues of ``dimensions`` (in priority order): the background of the
    first coloured dimension; attribution and actor mentions are underlined, so long quoted spans
    stay readable and the evaluative or hedging words inside them still stand out."""
    filled = [d for d in dimensions if d not in UNDERLINED]
    style = f"background:{DIMENSION_COLOURS.get(filled[0], OTHER_COLOUR)};" if filled else "background:none;"
    lines = [UNDERLINED[d] for d in dimensions if d in UNDERLINED]
    if lines:
        style += f"border-bottom:{lines[0]};"
    return style + "padding:0 1px;border-radius:2px;color:inherit"


def legend_html(dimensions: Iterable[str]) -> str:
    """A one-line colour legend for the given dimensions."""
    items = [
        f'<span style="{cue_style([d])};padding:1px 6px;margin-right:8px">{html.escape(dimension_label(d))}</span>'
        for d in sorted(set(dimensions), key=_priority)
    ]
    return '<div style="font-size:0.85em;line-height:2">' + "".join(items) + "</div>"


def article_html(
    text: str,
    sentences: pd.DataFrame,
    cues: pd.DataFrame,
    *,
    selected: str | None = None,
    dimensions: Iterable[str] | None = None,
) -> str:
    """A whole article as HTML, paragraph by paragraph, every cue highlighted and the sentence
    ``selected`` (a sentence_id) outlined so the reader sees it in context."""
    dimensions = list(dimensions) if dimensions is not None else None
    paragraphs: list[list[str]] = []
    current = None
    for row in sentences.sort_values("position").itertuples():
        if current != row.paragraph:
            paragraphs.append([])
            current = row.paragraph
        inside = cues[(cues["start"] >= row.start) & (cues["end"] <= row.end)] if len(cues) else cues
        body = highlight_html(text[row.start : row.end], inside, offset=row.start, dimensions=dimensions)
        style = "font-weight:600;font-size:1.1em" if row.is_headline else ""
        if selected is not None and row.sentence_id == selected:
            style += ";outline:2px solid #d62728;outline-offset:2px"
        anchor = html.escape(str(row.sentence_id), quote=True)
        paragraphs[-1].append(f'<span id="s-{anchor}" style="{style}">{body}</span>')
    return "".join(f'<p style="line-height:1.7">{" ".join(p)}</p>' for p in paragraphs)


PUNCTUATION = ".,;:!?\"'()[]\u201c\u201d\u2018\u2019\u2014\u2013-"


def word_diff_html(a: str, b: str) -> tuple[str, str]:
    """Two sentences as HTML with the words that differ between them marked (deleted / inserted)."""
    words_a, words_b = a.split(), b.split()
    def norm(word: str) -> str:
        return word.strip(PUNCTUATION).lower()

    matcher = difflib.SequenceMatcher(a=[norm(w) for w in words_a], b=[norm(w) for w in words_b], autojunk=False)
    out_a, out_b = [], []
    mark = '<mark style="background:{};padding:0 1px">{}</mark>'
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        left = html.escape(" ".join(words_a[i1:i2]))
        right = html.escape(" ".join(words_b[j1:j2]))
        if op == "equal":
            out_a.append(left)
            out_b.append(right)
            continue
        if left:
            out_a.append(mark.format("#fdd0a2", left))
        if right:
            out_b.append(mark.format("#c7e9c0", right))
    return " ".join(out_a), " ".join(out_b)


# ---------------------------------------------------------------------------------------------------
# uploads

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UPLOAD_FILES = 200
UPLOAD_TYPES = ("txt", "html", "htm", "csv", "tsv", "jsonl", "json", "parquet")


@dataclass(frozen=True)
class UploadCheck:
    """Uploaded files that can be analysed, and a message for each one that cannot (or for the batch)."""

    accepted: tuple[tuple[str, bytes], ...]
    problems: tuple[str, ...]


def check_uploads(
    files: Sequence[tuple[str, bytes]], *, max_bytes: int = MAX_UPLOAD_BYTES, max_files: int = MAX_UPLOAD_FILES
) -> UploadCheck:
    """Check uploads against the limits: nothing is analysed when there are too many files or too many
    bytes (the message says by how much); empty files and unsupported types are refused one by one."""
    total = sum(len(data) for _, data in files)
    if len(files) > max_files:
        return UploadCheck((), (f"{len(files)} files uploaded; the limit is {max_files} files per analysis.",))
    if total > max_bytes:
        return UploadCheck(
            (), (f"{total / 1e6:.1f} MB uploaded; the limit is {max_bytes / 1e6:.0f} MB per analysis.",)
        )
    accepted, problems = [], []
    for name, data in files:
        suffix = Path(name).suffix.lower().lstrip(".")
        if suffix not in UPLOAD_TYPES:
            problems.append(f"{name}: unsupported file type '.{suffix}' (use {', '.join(UPLOAD_TYPES)}).")
        elif not data:
            problems.append(f"{name}: empty file.")
        else:
            accepted.append((name, data))
    return UploadCheck(tuple(accepted), tuple(problems))


def safe_file_name(name: str) -> str:
    """A file name without folders or characters that are unsafe on disk (keeps the extension)."""
    base = Path(name.replace("\\", "/")).name
    cleaned = "".join(ch if ch.isalnum() or ch in "._- " else "_" for ch in base).strip(" .")
    return cleaned or "upload"


def write_uploads(files: Sequence[tuple[str, bytes]], folder: Path) -> list[Path]:
    """Write uploaded files into ``folder`` under safe, unique names; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths, used = [], set()
    for name, data in files:
        clean = safe_file_name(name)
        stem, suffix = Path(clean).stem, Path(clean).suffix
        candidate, number = clean, 1
        while candidate.lower() in used:
            number += 1
            candidate = f"{stem}-{number}{suffix}"
        used.add(candidate.lower())
        path = folder / candidate
        path.write_bytes(data)
        paths.append(path)
    return paths


def content_key(files: Sequence[tuple[str, bytes]]) -> str:
    """A short fingerprint of uploaded files (names and bytes), used as a cache key."""
    digest = hashlib.sha1()
    for name, data in files:
        digest.update(name.encode())
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:16]


def analyse_uploads(files: Sequence[tuple[str, bytes]], config=None, **limits):
    """Check and analyse uploaded files. Returns ``(analysis or None, problems)``; the uploaded names
    replace the temporary paths in ``source`` and in the skipped table."""
    from framing.running.inprocess import analyse

    check = check_uploads(files, **limits)
    if not check.accepted:
        return None, list(check.problems) or ["No files uploaded."]
    with tempfile.TemporaryDirectory(prefix="framing-upload-") as tmp:
        folder = Path(tmp)
        paths = write_uploads(check.accepted, folder)
        analysis = analyse(paths, config)
        names = {str(path): name for path, (name, _) in zip(paths, check.accepted, strict=True)}

        def rename(value: str) -> str:
            head, sep, tail = value.partition("#")
            return names.get(head, value.replace(str(folder) + "/", "")) + sep + tail

        analysis.articles["source"] = analysis.articles["source"].map(rename)
        analysis.skipped["source"] = analysis.skipped["source"].map(rename)
    return analysis, list(check.problems)


# ---------------------------------------------------------------------------------------------------
# filters


@dataclass(frozen=True)
class Filters:
    """The sidebar's choices; empty tuples mean 'all'."""

    outlets: tuple[str, ...] = ()
    start: str = ""  # ISO dates, inclusive; empty for open ends
    end: str = ""
    sections: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    voice: str = "all"  # all / author / quoted

    def key(self) -> str:
        return repr(self)


@dataclass(frozen=True)
class FilterOptions:
    outlets: tuple[str, ...]
    sections: tuple[str, ...]
    actors: tuple[str, ...]
    first_date: str
    last_date: str
    undated: int = 0


def filter_options(analysis) -> FilterOptions:
    """The values the sidebar offers: outlets, sections and actors present, and the date range."""
    articles = analysis.articles
    dates = articles["published"][articles["published"] != ""]
    actors = analysis.actors["actor"] if len(analysis.actors) else pd.Series([], dtype=str)
    return FilterOptions(
        outlets=tuple(sorted(articles["outlet"].unique())),
        sections=tuple(sorted(s for s in articles["section"].unique() if s)),
        actors=tuple(sorted(a for a in actors.unique() if a)),
        first_date=str(dates.min()) if len(dates) else "",
        last_date=str(dates.max()) if len(dates) else "",
        undated=int((articles["published"] == "").sum()),
    )


def subset(analysis, article_ids: Iterable[str]):
    """The same analysis restricted to ``article_ids`` (every table, skipped inputs kept)."""
    ids = set(article_ids)
    return replace(
        analysis,
        articles=analysis.articles[analysis.articles["article_id"].isin(ids)].reset_index(drop=True),
        sentences=analysis.sentences[analysis.sentences["article_id"].isin(ids)].reset_index(drop=True),
        cues=analysis.cues[analysis.cues["article_id"].isin(ids)].reset_index(drop=True),
        actors=analysis.actors[analysis.actors["article_id"].isin(ids)].reset_index(drop=True),
    )


def apply_filters(analysis, filters: Filters):
    """The articles that pass the filters (outlet, date range, section, any of the actors), with their
    sentences, cues and actor rows. The voice choice is not applied here: the profiles are computed per
    voice, and the sentence views filter by voice themselves. Undated articles drop out when a date
    range is set."""
    articles = analysis.articles
    keep = pd.Series(True, index=articles.index)
    if filters.outlets:
        keep &= articles["outlet"].isin(filters.outlets)
    if filters.sections:
        keep &= articles["section"].isin(filters.sections)
    if filters.start:
        keep &= (articles["published"] != "") & (articles["published"] >= filters.start)
    if filters.end:
        keep &= (articles["published"] != "") & (articles["published"] <= filters.end)
    ids = set(articles.loc[keep, "article_id"])
    if filters.actors:
        mentioned = analysis.actors[analysis.actors["actor"].isin(filters.actors)]["article_id"]
        ids &= set(mentioned)
    if len(ids) == len(articles):
        return analysis
    return subset(analysis, ids)


def voice_mask(sentences: pd.DataFrame, voice: str) -> pd.Series:
    """Which sentences belong to the chosen voice: 'author', 'quoted' (direct, indirect or mixed), or
    'all'. Without a voice column only 'all' keeps anything."""
    if voice == "all":
        return pd.Series(True, index=sentences.index)
    if "voice" not in sentences.columns:
        return pd.Series(False, index=sentences.index)
    if voice == "author":
        return sentences["voice"] == "author"
    if voice == "quoted":
        return sentences["voice"].isin(["direct", "indirect", "mixed"])
    return sentences["voice"] == voice


# ---------------------------------------------------------------------------------------------------
# summaries and tables the views show


def corpus_summary(analysis) -> dict:
    """The Overview figures: articles, outlets, date range, sentences analysed, skipped inputs."""
    articles = analysis.articles
    dates = articles["published"][articles["published"] != ""]
    return {
        "articles": len(articles),
        "outlets": int(articles["outlet"].nunique()),
        "first_date": str(dates.min()) if len(dates) else "",
        "last_date": str(dates.max()) if len(dates) else "",
        "undated": int((articles["published"] == "").sum()),
        "sentences": len(analysis.sentences),
        "cues": len(analysis.cues),
        "skipped": len(analysis.skipped),
        "warnings": int((articles["warnings"] != "").sum()) if "warnings" in articles else 0,
    }


def outlet_summary(analysis) -> pd.DataFrame:
    """Per outlet: articles, sentences, first and last date."""
    articles = analysis.articles.assign(outlet=analysis.articles["outlet"].map(outlet_label))
    dated = articles["published"].where(articles["published"] != "")
    table = articles.assign(published=dated).groupby("outlet", sort=True).agg(
        articles=("article_id", "size"),
        sentences=("n_sentences", "sum"),
        first_date=("published", "min"),
        last_date=("published", "max"),
    )
    return table.fillna("").reset_index()


def article_labels(articles: pd.DataFrame, width: int = 70) -> dict[str, str]:
    """article_id -> 'date · outlet · headline' for selection lists."""
    labels = {}
    for row in articles.itertuples():
        title = row.title if len(row.title) <= width else row.title[: width - 1] + "\u2026"
        labels[row.article_id] = f"{row.published or 'undated'} \u00b7 {outlet_label(row.outlet)} \u00b7 {title}"
    return labels


SENTENCE_VIEW_COLUMNS = (
    "voice", "speaker", "speaker_actor", "reporting_verb", "verb_stance", "blame", "blame_targets",
    "agency", "hedge", "booster", "evaluative", "polarity",
)  # fmt: skip


def sentence_table(
    analysis,
    *,
    query: str = "",
    dimensions: Sequence[str] = (),
    actor: str = "",
    voice: str = "all",
) -> pd.DataFrame:
    """Sentences matching a case-insensitive search, having a cue of any of ``dimensions``, involving
    ``actor`` (as speaker, source or target of a cue) and in ``voice``; with outlet, date and the
    dimensions of their cues. Sorted by date, article and position."""
    sentences = analysis.sentences
    cues = analysis.cues
    keep = voice_mask(sentences, voice)
    if query:
        keep &= sentences["text"].str.contains(query, case=False, regex=False)
    if dimensions:
        ids = set(cues.loc[cues["dimension"].isin(dimensions), "sentence_id"])
        keep &= sentences["sentence_id"].isin(ids)
    if actor:
        involved = cues[(cues["source_actor"] == actor) | (cues["target_actor"] == actor)]["sentence_id"]
        by_actor = sentences["sentence_id"].isin(set(involved))
        if "speaker_actor" in sentences.columns:
            by_actor |= (";" + sentences["speaker_actor"].astype(str) + ";").str.contains(f";{actor};", regex=False)
        keep &= by_actor
    chosen = sentences[keep]
    meta = analysis.articles[["article_id", "outlet", "published", "title"]]
    table = chosen.merge(meta, on="article_id", how="left")
    found = cues[cues["sentence_id"].isin(set(chosen["sentence_id"])) & (cues["dimension"] != "actor")]
    dims = found.groupby("sentence_id")["dimension"].agg(lambda d: ", ".join(sorted(set(d))))
    table["cue_dimensions"] = table["sentence_id"].map(dims).fillna("")
    extra = [c for c in SENTENCE_VIEW_COLUMNS if c in table.columns]
    columns = ["sentence_id", "article_id", "published", "outlet", "position", "text", "cue_dimensions", *extra, "title"]
    return table.sort_values(["published", "article_id", "position"], kind="stable")[columns].reset_index(drop=True)


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


# ---------------------------------------------------------------------------------------------------
# exports


def csv_bytes(table: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV (with BOM for Excel), formulas neutralised as in the CSV reports."""
    from framing.storage.reports import safe_frame

    buffer = io.StringIO()
    safe_frame(table).to_csv(buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def chart_export_available() -> bool:
    """True when charts can be saved as PNG or SVG (``vl-convert-python`` installed)."""
    try:
        import vl_convert  # noqa: F401
    except ImportError:
        return False
    return True


def chart_image(chart, fmt: str) -> bytes:
    """A Vega-Lite chart (an altair chart or its JSON) rendered as PNG or SVG bytes with
    ``vl-convert-python``."""
    import vl_convert

    spec_json = chart if isinstance(chart, str) else chart.to_json()
    if fmt == "png":
        return vl_convert.vegalite_to_png(spec_json, scale=2)
    if fmt == "svg":
        return vl_convert.vegalite_to_svg(spec_json).encode("utf-8")
    raise ValueError(f"unknown chart format '{fmt}' (png or svg)")


def default_user_lexicon_dir() -> Path:
    return Path.home() / ".framing" / "lexicons"


def cue_columns() -> list[str]:
    return [c.name for c in CUE_COLUMNS]


# ---------------------------------------------------------------------------------------------------
# small helpers the views share

MAX_REANALYSE_ARTICLES = 100


def sort_dimensions(dimensions: Iterable[str]) -> list[str]:
    """Dimensions in display order (blame, evaluative, hedge, ...), unknown ones last."""
    return sorted(set(dimensions), key=lambda d: (_priority(d), d))


def metric_labels(names: Iterable[str]) -> dict[str, str]:
    """Metric name -> 'label (unit)' for the names in a profiles table, actor families filled in
    (``blame_rate:Valdoria`` -> 'Blame received by Valdoria (per 100 sentences)')."""
    from framing.analytics.profiles import metric_info, metric_label

    labels = {}
    for name in dict.fromkeys(names):
        unit = metric_info(name).unit
        labels[name] = f"{metric_label(name)} ({unit})" if unit else metric_label(name)
    return labels


def plain_metrics(names: Iterable[str]) -> list[str]:
    """The metrics that are not per-actor families, in their order."""
    return [n for n in dict.fromkeys(names) if ":" not in n]


def order_metrics(names: Iterable[str]) -> list[str]:
    """Metric names in registry order, the general metrics before the per-actor families."""
    from framing.analytics.profiles import METRICS, metric_info

    position = {m.name: i for i, m in enumerate(METRICS)}
    return sorted(
        dict.fromkeys(names), key=lambda n: (":" in n, position.get(metric_info(n).name, len(position)), n)
    )


DEFAULT_METRICS = (
    "blame_rate", "blame_authorial_rate", "hedge_rate", "booster_rate", "evaluative_rate", "quoted_share",
    "agency_agentless_passive_share", "hedged_figure_rate",
)  # fmt: skip


def default_metrics(names: Sequence[str], count: int) -> list[str]:
    """The metrics shown before the user chooses: framing's core measures when present, then others."""
    present = [n for n in DEFAULT_METRICS if n in set(names)]
    rest = [n for n in plain_metrics(names) if n not in present]
    return (present + rest)[:count]


EXPECTED_PARTS = {
    "voice": "voice and speaker (attribution)",
    "blame": "responsibility (blame)",
    "agency": "agency of harm",
    "hedge": "hedges and boosters",
    "evaluative": "evaluative language",
    "p_blame": "classifier probabilities",
}


def missing_parts(sentences: pd.DataFrame) -> list[str]:
    """The parts of the analysis absent from this sentences table (a store made by an older version,
    or a build without some annotators)."""
    return [label for column, label in EXPECTED_PARTS.items() if column not in sentences.columns]


def period_starts(periods: pd.Series) -> pd.Series:
    """Period labels (2025-01, 2025-W03, 2025Q1, dates or timestamps) as the timestamp they start at,
    so the time axis is a real time scale."""
    def start(value) -> pd.Timestamp:
        if isinstance(value, pd.Period):
            return value.start_time
        if isinstance(value, pd.Timestamp):
            return value
        text = str(value)
        if "-W" in text:
            year, week = text.split("-W")
            return pd.Timestamp.fromisocalendar(int(year), int(week), 1)
        if "Q" in text:
            return pd.Period(text.replace("-", ""), freq="Q").start_time
        return pd.Timestamp(text)

    return periods.map(start)


def path_stamp(path: Path) -> float:
    """The latest modification time of a file or of the files directly in a folder (cache freshness)."""
    path = Path(path)
    if path.is_dir():
        times = [p.stat().st_mtime for p in path.iterdir() if p.is_file()]
        return max(times, default=path.stat().st_mtime)
    return path.stat().st_mtime


def search_table(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows of a string table where any cell contains ``query`` (case-insensitive)."""
    if not query or table.empty:
        return table
    hit = pd.Series(False, index=table.index)
    for column in table.columns:
        hit |= table[column].astype(str).str.contains(query, case=False, regex=False)
    return table[hit]


def user_config(user_dir: Path | None) -> AnalysisConfig:
    """The analysis configuration with a user lexicon folder: its lexicons on top of the shipped ones
    and the actor files in its ``actors`` subfolder."""
    if user_dir is None or not Path(user_dir).is_dir():
        return AnalysisConfig()
    actors = tuple(sorted((Path(user_dir) / "actors").glob("*.tsv")))
    return AnalysisConfig(lexicon_dir=Path(user_dir), actor_files=actors)


def sentence_list_html(table: pd.DataFrame, analysis) -> str:
    """Sentences of a ``sentence_table`` as a list with their cues highlighted (actor mentions left
    plain) and outlet, date and voice above each."""
    if table.empty:
        return ""
    ids = set(table["sentence_id"])
    cues = analysis.cues[analysis.cues["sentence_id"].isin(ids) & (analysis.cues["dimension"] != "actor")]
    by_sentence = dict(tuple(cues.groupby("sentence_id")))
    starts = analysis.sentences.set_index("sentence_id")["start"]
    items = []
    for row in table.to_dict("records"):
        sentence_cues = by_sentence.get(row["sentence_id"], cues.iloc[0:0])
        body = highlight_html(row["text"], sentence_cues, offset=int(starts[row["sentence_id"]]))
        meta = f"{outlet_label(row['outlet'])} \u00b7 {row['published'] or 'undated'}"
        if row.get("voice"):
            speaker = f" ({row['speaker']})" if row.get("speaker") else ""
            meta += f" \u00b7 {voice_label(row['voice'])}{speaker}"
        items.append(
            f'<li style="margin-bottom:0.6em"><div style="font-size:0.8em;color:#666">{html.escape(meta)}</div>'
            f"<div>{body}</div></li>"
        )
    return '<ol style="padding-left:1.4em">' + "".join(items) + "</ol>"


def _pair_columns(pairs: pd.DataFrame, stem: str) -> tuple[str | None, str | None]:
    a, b = f"{stem}_a", f"{stem}_b"
    return (a if a in pairs.columns else None), (b if b in pairs.columns else None)


def aligned_pairs_html(pairs: pd.DataFrame) -> str:
    """Aligned sentence pairs side by side, with the words that differ marked and the readable
    ``differences`` under each pair."""
    text_a, text_b = _pair_columns(pairs, "text")
    if text_a is None or text_b is None:
        return ""
    outlet_a, outlet_b = _pair_columns(pairs, "outlet")
    date_a, date_b = _pair_columns(pairs, "published")
    rows = []
    for row in pairs.to_dict("records"):
        left, right = word_diff_html(str(row[text_a]), str(row[text_b]))

        def meta(outlet, date, row=row):
            parts = [outlet_label(str(row[outlet])) if outlet else "", str(row[date]) if date else ""]
            return html.escape(" \u00b7 ".join(p for p in parts if p))

        similarity = f"similarity {row['similarity']:.2f}" if "similarity" in row else ""
        differences = html.escape(str(row.get("differences", "") or ""))
        note = " \u00b7 ".join(p for p in (html.escape(similarity), differences) if p)
        rows.append(
            '<tr style="vertical-align:top">'
            f'<td style="width:50%;padding:6px;border-top:1px solid #ddd"><div style="font-size:0.8em;color:#666">'
            f"{meta(outlet_a, date_a)}</div>{left}</td>"
            f'<td style="width:50%;padding:6px;border-top:1px solid #ddd"><div style="font-size:0.8em;color:#666">'
            f"{meta(outlet_b, date_b)}</div>{right}</td></tr>"
            f'<tr><td colspan="2" style="font-size:0.8em;color:#444;padding:0 6px 8px">{note}</td></tr>'
        )
    return '<table style="width:100%;border-collapse:collapse">' + "".join(rows) + "</table>"


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
