"""Roll sentences up into group profiles (outlet, period, article, any article column) with honest units.

Every metric is a ratio estimator: a per-sentence numerator and denominator are summed over the
sentences of a group, ``value = scale * sum(numerator) / sum(denominator)``; rates are per 100
sentences, shares lie between 0 and 1, means are averages of a sentence score. Confidence intervals
come from a bootstrap that resamples *articles* (the unit of sampling in a corpus), so long articles
do not count as many independent observations. All of it is vectorised: per-article sums are built
once, and a bootstrap is one matrix product of multinomial resampling weights with them.

``METRICS`` is the ordered registry of metric definitions; ``docs/reports.md`` is generated from it.
Metrics whose input columns are missing from an analysis (an annotator that did not run) are simply
left out; ``available_metrics`` lists what an analysis supports.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from framing.errors import InputError

QUOTED_VOICES = ("direct", "indirect", "mixed")
VOICES = ("all", "author", "quoted", "direct", "indirect", "mixed")
PERIODS = ("day", "week", "month", "quarter", "year")
PROFILE_COLUMNS = (
    "metric", "voice", "value", "ci_low", "ci_high", "n_articles", "n_sentences", "too_few", "numerator", "denominator",
)
BOOTSTRAP_CELLS = 20_000_000  # resampling weights held in memory at once (n_boot x n_articles)


# ---------------------------------------------------------------------------------------------------
# Per-sentence inputs


class SentenceData:
    """The sentences of an analysis (optionally without headlines) with the cues mapped to row numbers,
    and helpers that turn columns into numeric per-sentence arrays."""

    def __init__(self, analysis, *, include_headlines: bool = True):
        sentences = analysis.sentences
        if not include_headlines and "is_headline" in sentences.columns:
            sentences = sentences[~sentences["is_headline"].astype(bool)]
        self.sentences = sentences.reset_index(drop=True)
        self.n = len(self.sentences)
        cues = analysis.cues
        ids = pd.Index(self.sentences["sentence_id"])
        first = pd.Series(np.arange(self.n), index=ids)[~ids.duplicated()]  # a repeated id keeps its first row
        rows = first.reindex(cues["sentence_id"]).fillna(-1).astype(int).to_numpy() if len(cues) else []
        used = [c for c in ("article_id", "sentence_id", "dimension", "source_actor", "target_actor", "voice", "weight")
                if c in cues.columns]
        cues = cues[used].assign(row=rows)
        self.cues = cues[cues["row"] >= 0].reset_index(drop=True)
        self._text: dict[str, pd.Series] = {}
        self._masks: dict[str, np.ndarray | None] = {}
        self._cues: dict[str, pd.DataFrame] = {}

    def has(self, column: str) -> bool:
        return column in self.sentences.columns

    def numbers(self, column: str) -> np.ndarray:
        return pd.to_numeric(self.sentences[column], errors="coerce").to_numpy(dtype=float)

    def flag(self, column: str) -> np.ndarray:
        """1.0 where the column is set (a positive number), else 0.0."""
        return (np.nan_to_num(self.numbers(column)) > 0).astype(float)

    def text(self, column: str) -> pd.Series:
        if column not in self._text:
            self._text[column] = self.sentences[column].fillna("").astype(str)
        return self._text[column]

    def isin(self, column: str, values: Sequence[str]) -> np.ndarray:
        return self.text(column).isin(values).to_numpy(dtype=float)

    def label_count(self, column: str, label: str | None = None) -> np.ndarray:
        """How often ``label`` (or any label) occurs in a ';'-joined column, per sentence."""
        codes, uniques = pd.factorize(self.text(column))
        counts = np.array(
            [sum(1 for p in value.split(";") if p and (label is None or p == label)) for value in uniques], dtype=float
        )
        return counts[codes] if len(codes) else np.zeros(0)

    def voice_mask(self, voice: str) -> np.ndarray | None:
        """Which sentences belong to ``voice``; None when the voice column is missing."""
        if voice not in self._masks:
            self._masks[voice] = self._voice_mask(voice)
        return self._masks[voice]

    def _voice_mask(self, voice: str) -> np.ndarray | None:
        if voice == "all":
            return np.ones(self.n)
        if not self.has("voice"):
            return None
        voices = self.text("voice")
        if voice == "quoted":
            return voices.isin(QUOTED_VOICES).to_numpy(dtype=float)
        return (voices == voice).to_numpy(dtype=float)

    def cue_rows(self, dimension: str) -> pd.DataFrame:
        if dimension not in self._cues:
            self._cues[dimension] = self.cues[self.cues["dimension"] == dimension]
        return self._cues[dimension]

    def cue_count(self, cues: pd.DataFrame, values: np.ndarray | None = None) -> np.ndarray:
        """Per sentence: how many of ``cues`` it holds (or the sum of ``values`` over them)."""
        weights = None if values is None else np.asarray(values, dtype=float)
        return np.bincount(cues["row"].to_numpy(dtype=int), weights=weights, minlength=self.n).astype(float)

    def cue_keys(self, dimension: str, column: str) -> list[str]:
        """Values of a cue column for one dimension, most frequent first (ties by name)."""
        values = self.cue_rows(dimension)[column].astype(str)
        return _by_frequency(values[values != ""])


def _by_frequency(values: pd.Series) -> list[str]:
    counts = values.value_counts()
    return sorted(counts.index, key=lambda key: (-counts[key], key))


# ---------------------------------------------------------------------------------------------------
# The metric registry

Compute = Callable[[SentenceData, str], tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class Metric:
    """One metric: how it is named, shown, and computed from the sentences (and cues) of a group.

    ``compute(data, key)`` returns per-sentence numerator and denominator arrays; ``key`` is the actor
    (or category) of a metric family such as ``blame_rate:<actor>``, empty for plain metrics.
    """

    name: str  # plain name, or "prefix:<actor>" for a family expanded per actor
    label: str
    unit: str  # "per 100 sentences", "share" (0-1) or "mean (-1 to +1)"
    description: str
    computation: str
    requires: tuple[str, ...]  # sentence columns; "cues" when the family is read from the cue table
    compute: Compute
    scale: float = 1.0
    voiced: bool = True  # computed for each voice; False: only for "all"
    keys: Callable[[SentenceData], list[str]] | None = None  # family members found in the data

    @property
    def prefix(self) -> str:
        return self.name.split(":", 1)[0]

    @property
    def is_family(self) -> bool:
        return self.keys is not None

    def available(self, data: SentenceData) -> bool:
        return all(column == "cues" or data.has(column) for column in self.requires)


def _rate(column: str) -> Compute:
    return lambda d, key: (d.flag(column), np.ones(d.n))


def _rate_in(column: str, values: Sequence[str]) -> Compute:
    return lambda d, key: (d.isin(column, values), np.ones(d.n))


def _share_label(column: str, label: str) -> Compute:
    return lambda d, key: (d.label_count(column, label), d.label_count(column))


def _share_in(column: str, values: Sequence[str], among: Sequence[str] | None = None) -> Compute:
    def compute(d: SentenceData, key: str):
        text = d.text(column)
        population = (text != "") if among is None else text.isin(among)
        return d.isin(column, values), population.to_numpy(dtype=float)

    return compute


def _mean(column: str) -> Compute:
    def compute(d: SentenceData, key: str):
        values = d.numbers(column)
        present = ~np.isnan(values)
        return np.where(present, values, 0.0), present.astype(float)

    return compute


def _blame_to(*, authorial: bool) -> Compute:
    def compute(d: SentenceData, key: str):
        cues = d.cue_rows("blame")
        cues = cues[cues["target_actor"].astype(str) == key]
        if authorial:
            cues = cues[cues["voice"].astype(str) == "author"]
        return (d.cue_count(cues) > 0).astype(float), np.ones(d.n)

    return compute


def _blame_share(d: SentenceData, key: str):
    cues = d.cue_rows("blame")
    return d.cue_count(cues[cues["target_actor"].astype(str) == key]), d.cue_count(cues)


def _names(series: pd.Series, key: str) -> pd.Series:
    """Whether ``key`` is one of the ';'-separated actors of each cell ("Hamas;Iran" names both)."""
    return (";" + series.astype(str) + ";").str.contains(f";{key};", regex=False)


def _speaker_share(d: SentenceData, key: str):
    quoted = d.isin("voice", QUOTED_VOICES)
    return quoted * _names(d.text("speaker_actor"), key).to_numpy(dtype=float), quoted


def _stance(d: SentenceData, key: str):
    cues = d.cue_rows("stance")
    cues = cues[cues["target_actor"].astype(str) == key]
    weights = pd.to_numeric(cues["weight"], errors="coerce").fillna(0.0).to_numpy()
    return d.cue_count(cues, weights), d.cue_count(cues)


def _speakers(d: SentenceData) -> list[str]:
    voices = d.text("voice")
    speakers = d.text("speaker_actor")[voices.isin(QUOTED_VOICES)].str.split(";").explode()
    return _by_frequency(speakers[speakers != ""])


PER_100 = "per 100 sentences"
SHARE = "share"
MEAN = "mean (-1 to +1)"
VERB_STANCES = ("neutral", "distancing", "endorsing", "loaded")
AGENCY_LABELS = ("agentive", "agentless_passive", "no_agent")


def _registry() -> tuple[Metric, ...]:
    metrics = [
        Metric("blame_rate", "Blame", PER_100, "sentences that hold an actor responsible, in any voice",
               "sentences with blame = 1 / sentences", ("blame",), _rate("blame"), 100.0),
        Metric("blame_authorial_rate", "Blame in the outlet's own voice", PER_100,
               "sentences in which the text itself, not a quoted source, assigns blame",
               "sentences with blame_voice author or both / sentences", ("blame_voice",),
               _rate_in("blame_voice", ("author", "both")), 100.0),
        Metric("blame_attributed_rate", "Blame attributed to sources", PER_100,
               "sentences in which a quoted or reported source assigns blame",
               "sentences with blame_voice attributed or both / sentences", ("blame_voice",),
               _rate_in("blame_voice", ("attributed", "both")), 100.0),
        Metric("blame_rate:<actor>", "Blame received by <actor>", PER_100,
               "sentences with a blame cue targeting the actor, whoever assigns it (blame received)",
               "sentences with a blame cue whose target_actor is the actor / sentences", ("cues",),
               _blame_to(authorial=False), 100.0, keys=lambda d: d.cue_keys("blame", "target_actor")),
        Metric("blame_authorial_rate:<actor>", "Blame of <actor> in the outlet's own voice", PER_100,
               "sentences in which the text itself (cue voice author) blames the actor",
               "sentences with an authorial blame cue targeting the actor / sentences", ("cues",),
               _blame_to(authorial=True), 100.0, keys=lambda d: d.cue_keys("blame", "target_actor")),
        Metric("blame_share:<actor>", "Share of blame aimed at <actor>", SHARE,
               "of all blame cues, the share targeting the actor",
               "blame cues targeting the actor / blame cues", ("cues",), _blame_share,
               keys=lambda d: d.cue_keys("blame", "target_actor")),
        Metric("hedge_rate", "Hedged sentences", PER_100, "sentences that withhold full commitment (may, reportedly)",
               "sentences with hedge > 0 / sentences", ("hedge",), _rate("hedge"), 100.0),
        Metric("hedged_figure_rate", "Hedged figures", PER_100,
               "sentences with a qualified figure (at least 30, an estimated 200, could not be verified)",
               "sentences with hedged_figure > 0 / sentences", ("hedged_figure",), _rate("hedged_figure"), 100.0),
        Metric("booster_rate", "Boosted sentences", PER_100, "sentences that increase commitment (clearly, undeniably)",
               "sentences with booster > 0 / sentences", ("booster",), _rate("booster"), 100.0),
        Metric("evaluative_rate", "Evaluative sentences", PER_100, "sentences with evaluative or loaded wording",
               "sentences with evaluative > 0 / sentences", ("evaluative",), _rate("evaluative"), 100.0),
        Metric("negative_rate", "Negative evaluation", PER_100, "sentences whose evaluative wording is negative",
               "sentences with polarity negative or mixed / sentences", ("polarity",),
               _rate_in("polarity", ("negative", "mixed")), 100.0),
        Metric("positive_rate", "Positive evaluation", PER_100, "sentences whose evaluative wording is positive",
               "sentences with polarity positive or mixed / sentences", ("polarity",),
               _rate_in("polarity", ("positive", "mixed")), 100.0),
        Metric("vader_mean", "Mean VADER sentiment", MEAN,
               "general sentiment of the wording (VADER compound), not a framing measure",
               "sum of vader_compound / sentences with a score", ("vader_compound",), _mean("vader_compound")),
    ]
    for label in AGENCY_LABELS:
        metrics.append(
            Metric(f"agency_{label}_share", f"Harm reported as {label.replace('_', ' ')}", SHARE,
                   f"of the clauses reporting harm (killed, died, were wounded), the share that is {label}",
                   f"harm clauses labelled {label} / harm clauses (labels in the agency column)", ("agency",),
                   _share_label("agency", label))
        )
    metrics += [
        Metric("quoted_share", "Quoted or reported sentences", SHARE,
               "sentences carrying someone else's words (direct, indirect or mixed voice)",
               "sentences with voice direct, indirect or mixed / sentences with a voice", ("voice",),
               _share_in("voice", QUOTED_VOICES), voiced=False),
        Metric("direct_share", "Directly quoted sentences", SHARE, "sentences that are direct quotations",
               "sentences with voice direct / sentences with a voice", ("voice",),
               _share_in("voice", ("direct",)), voiced=False),
        Metric("speaker_share:<actor>", "Share of quotes from <actor>", SHARE,
               "of the quoted or reported sentences, the share whose speaker is the actor",
               "quoted sentences with speaker_actor = actor / quoted sentences", ("voice", "speaker_actor"),
               _speaker_share, voiced=False, keys=_speakers),
    ]
    for stance in VERB_STANCES:
        metrics.append(
            Metric(f"verb_{stance}_share", f"{stance.capitalize()} reporting verbs", SHARE,
                   f"of the sentences introduced by a reporting verb, the share whose verb is {stance}",
                   f"sentences with verb_stance {stance} / sentences with a verb_stance", ("verb_stance",),
                   _share_in("verb_stance", (stance,)), voiced=False)
        )
    metrics.append(
        Metric("stance:<actor>", "Stance toward <actor>", MEAN,
               "net evaluation of the actor: mean weight of the stance cues aimed at it",
               "sum of stance cue weights targeting the actor / stance cues targeting it", ("cues",), _stance,
               keys=lambda d: d.cue_keys("stance", "target_actor"))
    )
    return tuple(metrics)


METRICS: tuple[Metric, ...] = _registry()
METRIC_BY_NAME: dict[str, Metric] = {m.name: m for m in METRICS}
METRIC_BY_PREFIX: dict[str, Metric] = {m.prefix: m for m in METRICS if m.is_family}


def metric_info(name: str) -> Metric:
    """The definition behind a metric name, e.g. ``hedge_rate`` or ``blame_rate:Valdoria``."""
    if name in METRIC_BY_NAME:
        return METRIC_BY_NAME[name]
    prefix, _, key = name.partition(":")
    if key and prefix in METRIC_BY_PREFIX:
        return METRIC_BY_PREFIX[prefix]
    raise InputError(f"unknown metric '{name}'; known metrics: {', '.join(m.name for m in METRICS)}")


def metric_label(name: str) -> str:
    """The interface label of a metric name, with the actor filled in."""
    metric = metric_info(name)
    _, _, key = name.partition(":")
    return metric.label.replace("<actor>", key) if metric.is_family else metric.label


@dataclass(frozen=True)
class Column_:
    """One computed column of the article matrix: a metric name in one voice."""

    metric: str
    voice: str
    definition: Metric
    key: str


def _select(data: SentenceData, metrics: Sequence[str] | None, voices: Sequence[str], max_actors: int) -> list[Column_]:
    """Expand the requested metric names into (metric, voice) columns the data supports."""
    for voice in voices:
        if voice not in VOICES:
            raise InputError(f"unknown voice '{voice}'; choose from {', '.join(VOICES)}")
    wanted: list[tuple[Metric, str | None]] = []  # (definition, key or None for the whole family)
    if metrics is None:
        wanted = [(m, None) for m in METRICS]
    else:
        for name in metrics:
            prefix, sep, key = name.partition(":")
            if name in METRIC_BY_NAME:
                wanted.append((METRIC_BY_NAME[name], None))
            elif sep and prefix in METRIC_BY_PREFIX:
                wanted.append((METRIC_BY_PREFIX[prefix], key or None))
            else:
                metric_info(name)  # raises with the list of known names
    columns: list[Column_] = []
    seen: set[tuple[str, str]] = set()
    for metric, key in wanted:
        if not metric.available(data):
            continue
        if metric.is_family:
            keys = [key] if key else metric.keys(data)[:max_actors]
            names = [(f"{metric.prefix}:{k}", k) for k in keys]
        else:
            names = [(metric.name, "")]
        for voice in voices:
            if voice != "all" and (not metric.voiced or data.voice_mask(voice) is None):
                continue
            for name, k in names:
                if (name, voice) not in seen:
                    seen.add((name, voice))
                    columns.append(Column_(name, voice, metric, k))
    return columns


def available_metrics(analysis, *, max_actors: int = 12) -> list[str]:
    """The metric names an analysis supports (its annotators ran), actor families expanded."""
    data = SentenceData(analysis)
    return list(dict.fromkeys(c.metric for c in _select(data, None, ("all",), max_actors)))


# ---------------------------------------------------------------------------------------------------
# Per-article sums


@dataclass
class ArticleMatrix:
    """Per-article sums for every (metric, voice) column: the input of every bootstrap and test."""

    articles: pd.DataFrame  # the analysis' articles, index 0..n-1
    columns: list[Column_]
    numerator: np.ndarray  # (n_articles, n_columns)
    denominator: np.ndarray
    sentences: np.ndarray  # sentences with a non-zero denominator, per article and column

    @property
    def scale(self) -> np.ndarray:
        return np.array([c.definition.scale for c in self.columns], dtype=float)


def article_matrix(
    analysis,
    *,
    metrics: Sequence[str] | None = None,
    voices: Sequence[str] = ("all",),
    include_headlines: bool = True,
    max_actors: int = 12,
) -> ArticleMatrix:
    """Sum each metric's numerator and denominator per article (``np.bincount`` over article codes)."""
    data = SentenceData(analysis, include_headlines=include_headlines)
    articles = analysis.articles.reset_index(drop=True)
    codes = pd.Index(articles["article_id"]).get_indexer(data.sentences["article_id"]) if data.n else np.array([], int)
    n_art = len(articles)
    keep = None if (codes >= 0).all() else np.flatnonzero(codes >= 0)
    if keep is not None:
        codes = codes[keep]
    columns = _select(data, metrics, voices, max_actors)
    num = np.zeros((n_art, len(columns)))
    den = np.zeros((n_art, len(columns)))
    cnt = np.zeros((n_art, len(columns)))
    cache: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
    for j, column in enumerate(columns):
        key = (column.metric, column.key)
        if key not in cache:
            s_num, s_den = column.definition.compute(data, column.key)
            cache[key] = (s_num, s_den) if keep is None else (s_num[keep], s_den[keep])
        mask = data.voice_mask(column.voice)
        mask = mask if keep is None else mask[keep]
        s_num, s_den = cache[key][0] * mask, cache[key][1] * mask
        num[:, j] = np.bincount(codes, weights=s_num, minlength=n_art)
        den[:, j] = np.bincount(codes, weights=s_den, minlength=n_art)
        cnt[:, j] = np.bincount(codes, weights=s_den > 0, minlength=n_art)
    return ArticleMatrix(articles, columns, num, den, cnt)


# ---------------------------------------------------------------------------------------------------
# Periods and groups


def add_period(articles: pd.DataFrame, period: str | Sequence[str] = "month") -> pd.Series:
    """The period label of every article from ``published`` (``published_at`` when that is empty).

    ``period`` is day (2025-01-14), week (ISO week, 2025-W03), month (2025-01), quarter (2025-Q1),
    year (2025), or custom bins: ISO dates as a list or comma-separated string, read as edges; an
    article falls in [edge_i, edge_i+1) and is labelled ``edge_i..edge_i+1``. Articles without a date
    (or outside the custom bins) get an empty label.
    """
    published = articles["published"].fillna("").astype(str) if "published" in articles else pd.Series("", index=articles.index)
    if "published_at" in articles:
        published = published.where(published != "", articles["published_at"].fillna("").astype(str))
    dates = pd.to_datetime(published.str.slice(0, 10), errors="coerce", format="%Y-%m-%d")
    known = dates.notna()
    labels = pd.Series("", index=articles.index, dtype=object, name="period")
    if isinstance(period, str) and "," not in period:
        if period not in PERIODS:
            raise InputError(f"unknown period '{period}'; choose from {', '.join(PERIODS)} or give dates as bin edges")
        d = dates[known]
        if period == "day":
            text = d.dt.strftime("%Y-%m-%d")
        elif period == "week":
            iso = d.dt.isocalendar()
            text = iso["year"].astype(str) + "-W" + iso["week"].astype(int).map("{:02d}".format)
        elif period == "month":
            text = d.dt.strftime("%Y-%m")
        elif period == "quarter":
            text = d.dt.year.astype(str) + "-Q" + d.dt.quarter.astype(str)
        else:
            text = d.dt.year.astype(str)
        labels[known] = text
        return labels
    edges_text = [e.strip() for e in (period.split(",") if isinstance(period, str) else period) if str(e).strip()]
    edges = pd.to_datetime(pd.Series(edges_text), errors="coerce", format="%Y-%m-%d")
    if len(edges) < 2 or edges.isna().any() or not edges.is_monotonic_increasing:
        raise InputError(f"custom period bins must be two or more increasing ISO dates, got {edges_text}")
    names = [f"{edges_text[i]}..{edges_text[i + 1]}" for i in range(len(edges_text) - 1)]
    position = np.searchsorted(edges.to_numpy(), dates.to_numpy(), side="right") - 1
    inside = known.to_numpy() & (position >= 0) & (position < len(names))
    labels[inside] = [names[p] for p in position[inside]]
    return labels


def group_frame(articles: pd.DataFrame, by: Sequence[str], period: str | Sequence[str] = "month") -> pd.DataFrame:
    """The grouping columns for every article, as text; ``period`` is computed, the rest are article columns."""
    if isinstance(by, str):
        by = (by,)
    out = pd.DataFrame(index=articles.index)
    for name in by:
        if name == "period":
            out[name] = add_period(articles, period)
        elif name in articles.columns:
            out[name] = articles[name].fillna("").astype(str)
        else:
            raise InputError(
                f"cannot group by '{name}': not an article column; use period or one of: {', '.join(articles.columns)}"
            )
    return out


def _groups(groups: pd.DataFrame) -> list[tuple[tuple[str, ...], np.ndarray]]:
    """(key, article positions) for every group, sorted by key."""
    if groups.shape[1] == 0:
        return [((), np.arange(len(groups)))]
    keys = list(map(tuple, groups.to_numpy(dtype=str)))
    index: dict[tuple[str, ...], list[int]] = {}
    for position, key in enumerate(keys):
        index.setdefault(key, []).append(position)
    return [(key, np.array(index[key])) for key in sorted(index)]


def group_seed(seed: int, *parts: object) -> np.random.Generator:
    """A generator fixed by ``seed`` and the group's name, so one group's interval does not depend on
    which other groups were analysed."""
    return np.random.default_rng([seed, zlib.crc32("\x1f".join(map(str, parts)).encode())])


# ---------------------------------------------------------------------------------------------------
# Statistics


def ratio(num: np.ndarray, den: np.ndarray, scale: np.ndarray | float = 1.0) -> np.ndarray:
    """scale * num / den, NaN where the denominator is zero."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan) * scale


def bootstrap_ratios(
    num: np.ndarray, den: np.ndarray, scale: np.ndarray | float, *, n_boot: int, rng: np.random.Generator
) -> np.ndarray:
    """(n_boot, n_columns) ratio estimates over resampled articles (rows of ``num``/``den``).

    Each resample draws n article indices with replacement; the draws become a (resamples x articles)
    matrix of counts, so the sums over each resample are one matrix product.
    """
    n = num.shape[0]
    out = np.empty((n_boot, num.shape[1]))
    chunk = max(1, BOOTSTRAP_CELLS // max(n, 1))
    for start in range(0, n_boot, chunk):
        size = min(chunk, n_boot - start)
        weights = resample_counts(rng, n, size)
        out[start : start + size] = ratio(weights @ num, weights @ den, scale)
    return out


def resample_counts(rng: np.random.Generator, n: int, size: int) -> np.ndarray:
    """(size, n) counts: how often each of n items is drawn in each of ``size`` resamples of n draws."""
    draws = rng.integers(0, n, size=(size, n)) + (np.arange(size) * n)[:, None]
    return np.bincount(draws.ravel(), minlength=size * n).reshape(size, n).astype(float)


def percentile_interval(samples: np.ndarray, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval per column (numpy's linear method), ignoring resamples where the ratio was
    undefined; NaN for a column without any defined resample. Vectorised: ``np.nanquantile`` loops."""
    tail = (1.0 - confidence) / 2.0
    ordered = np.sort(samples, axis=0)  # NaN sorts last
    valid = (~np.isnan(samples)).sum(axis=0)
    columns = np.arange(samples.shape[1])
    out = []
    for q in (tail, 1.0 - tail):
        position = q * np.maximum(valid - 1, 0)
        below = np.floor(position).astype(int)
        above = np.minimum(below + 1, np.maximum(valid - 1, 0))
        low_value, high_value = ordered[below, columns], ordered[above, columns]
        with np.errstate(invalid="ignore"):
            value = low_value + (position - below) * (high_value - low_value)
        value = np.where(high_value == low_value, low_value, value)
        out.append(np.where(valid > 0, value, np.nan))
    return out[0], out[1]


def bootstrap_interval(
    num: np.ndarray, den: np.ndarray, scale: np.ndarray | float = 1.0, *, n_boot: int = 1000,
    rng: np.random.Generator | None = None, confidence: float = 0.95,
) -> tuple[np.ndarray, np.ndarray]:
    """The bootstrap percentile interval of the ratio estimator; NaN with fewer than two articles."""
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    if num.ndim == 1:
        num, den = num.reshape(-1, 1), den.reshape(-1, 1)
    if num.shape[0] < 2 or n_boot <= 0:
        nan = np.full(num.shape[1], np.nan)
        return nan, nan.copy()
    rng = rng if rng is not None else np.random.default_rng(0)
    return percentile_interval(bootstrap_ratios(num, den, scale, n_boot=n_boot, rng=rng), confidence)


# ---------------------------------------------------------------------------------------------------
# Profiles


def profiles(
    analysis,
    by: Sequence[str] = ("outlet",),
    *,
    period: str | Sequence[str] = "month",
    voices: Sequence[str] = ("all", "author", "quoted"),
    metrics: Sequence[str] | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    min_articles: int = 3,
    include_headlines: bool = True,
    max_actors: int = 12,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """One row per group x metric x voice: value, 95% bootstrap interval over articles, and the n behind it.

    ``n_articles`` counts the group's articles that contribute to the metric's denominator and
    ``n_sentences`` the sentences that do (for rates: the sentences of that voice), so for a rate
    ``value * n_sentences / 100`` is the number of flagged sentences. ``numerator`` and
    ``denominator`` are the summed counts behind the value. ``too_few`` marks n_articles < min_articles.
    """
    by = (by,) if isinstance(by, str) else tuple(by)
    matrix = article_matrix(
        analysis, metrics=metrics, voices=voices, include_headlines=include_headlines, max_actors=max_actors
    )
    groups = group_frame(matrix.articles, by, period)
    return _profile_rows(matrix, groups, by, n_boot=n_boot, seed=seed, min_articles=min_articles, confidence=confidence)


def _profile_rows(
    matrix: ArticleMatrix, groups: pd.DataFrame, by: Sequence[str], *, n_boot: int, seed: int, min_articles: int,
    confidence: float,
) -> pd.DataFrame:
    k = len(matrix.columns)
    names = list(by) + list(PROFILE_COLUMNS)
    if not len(matrix.articles) or k == 0:
        return empty_frame(names, by)
    scale = matrix.scale
    found = _groups(groups)
    order = np.concatenate([rows for _, rows in found])
    starts = np.cumsum([0] + [len(rows) for _, rows in found[:-1]])
    num_sum = np.add.reduceat(matrix.numerator[order], starts, axis=0)
    den_sum = np.add.reduceat(matrix.denominator[order], starts, axis=0)
    sentences = np.add.reduceat(matrix.sentences[order], starts, axis=0)
    n_articles = np.add.reduceat((matrix.denominator[order] > 0).astype(np.int64), starts, axis=0)
    low = np.full((len(found), k), np.nan)
    high = np.full((len(found), k), np.nan)
    if n_boot > 0:
        for g, (key, rows) in enumerate(found):
            if len(rows) >= 2:
                low[g], high[g] = bootstrap_interval(
                    matrix.numerator[rows], matrix.denominator[rows], scale, n_boot=n_boot,
                    rng=group_seed(seed, *key), confidence=confidence,
                )
    thin = n_articles < 2
    low[thin] = np.nan
    high[thin] = np.nan
    table = {name: np.repeat(np.array([key[i] for key, _ in found], dtype=object), k) for i, name in enumerate(by)}
    table.update(
        metric=np.tile(np.array([c.metric for c in matrix.columns], dtype=object), len(found)),
        voice=np.tile(np.array([c.voice for c in matrix.columns], dtype=object), len(found)),
        value=ratio(num_sum, den_sum, scale).ravel(),
        ci_low=low.ravel(),
        ci_high=high.ravel(),
        n_articles=n_articles.ravel(),
        n_sentences=sentences.round().astype(np.int64).ravel(),
        too_few=(n_articles < min_articles).ravel(),
        numerator=num_sum.ravel(),
        denominator=den_sum.ravel(),
    )
    return pd.DataFrame(table, columns=names)


def empty_frame(names: Sequence[str], text_columns: Sequence[str] = ()) -> pd.DataFrame:
    out = pd.DataFrame({name: pd.Series(dtype=object if name in text_columns else float) for name in names})
    return out


def timeline(
    analysis,
    *,
    by: str | Sequence[str] | None = "outlet",
    period: str | Sequence[str] = "month",
    window: int = 3,
    **kw,
) -> pd.DataFrame:
    """Profiles per group and period, with a ``shift`` flag, sorted by period.

    Rule: a period is flagged when its value lies outside the range spanned by the 95% intervals
    (ci_low to ci_high) of the ``window`` (3) most recent earlier periods of the same group, metric and
    voice. Only periods with enough articles (not ``too_few``) and a value take part, as the period
    judged and as references; a period needs ``window`` such earlier periods to be judged at all.
    ``reference_low`` and ``reference_high`` give the range it was judged against.
    """
    group_cols = [] if by is None else ([by] if isinstance(by, str) else list(by))
    group_cols = [c for c in group_cols if c != "period"]
    table = profiles(analysis, by=[*group_cols, "period"], period=period, **kw)
    table = table[table["period"] != ""].copy()
    table["shift"] = False
    table["reference_low"] = np.nan
    table["reference_high"] = np.nan
    if len(table):
        table = table.sort_values([*group_cols, "metric", "voice", "period"], kind="stable")
        eligible = (~table["too_few"].astype(bool)) & table["value"].notna()
        low = table["ci_low"].fillna(table["value"]).to_numpy()
        high = table["ci_high"].fillna(table["value"]).to_numpy()
        values = table["value"].to_numpy()
        shift = np.zeros(len(table), bool)
        ref_low = np.full(len(table), np.nan)
        ref_high = np.full(len(table), np.nan)
        series_keys = table.groupby([*group_cols, "metric", "voice"], sort=False).ngroup().to_numpy()
        eligible_arr = eligible.to_numpy()
        start = 0
        for end in range(1, len(table) + 1):
            if end < len(table) and series_keys[end] == series_keys[start]:
                continue
            history: list[int] = []
            for i in range(start, end):
                if not eligible_arr[i]:
                    continue
                if len(history) >= window:
                    ref = history[-window:]
                    ref_low[i], ref_high[i] = low[ref].min(), high[ref].max()
                    shift[i] = bool(values[i] < ref_low[i] or values[i] > ref_high[i])
                history.append(i)
            start = end
        table["shift"] = shift
        table["reference_low"] = ref_low
        table["reference_high"] = ref_high
    order = {name: i for i, name in enumerate(dict.fromkeys(table["metric"]))} if len(table) else {}
    table = table.assign(_order=table["metric"].map(order)).sort_values(
        ["period", *group_cols, "_order", "voice"], kind="stable"
    )
    return table.drop(columns="_order").reset_index(drop=True)


def metric_table() -> pd.DataFrame:
    """The registry as a table (name, label, unit, description, computation, voices, requires)."""
    return pd.DataFrame(
        [
            {
                "metric": m.name,
                "label": m.label,
                "unit": m.unit,
                "description": m.description,
                "computation": m.computation + (" x 100" if m.scale == 100 else ""),
                "voices": "all, author, quoted" if m.voiced else "all",
                "requires": ", ".join("cue table" if r == "cues" else r for r in m.requires),
            }
            for m in METRICS
        ]
    )

