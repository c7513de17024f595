"""A self-contained HTML report to cite or hand on: the groups compared (outlets, sections, ...) and the
period covered, articles per group per period, the clearest differences with their 95% intervals
drawn, and for each difference the sentences behind it in each group with their evidence highlighted.

One file, no scripts, no external resources (styles inline, charts as inline SVG), so it opens
offline and can be mailed or archived. The differences are those of comparisons.csv: the same
``compare_all`` computation with the same resamples and seed. Written by ``framing report --html`` and
by the dashboard's Compare page.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from framing.storage.highlight import (
    dimension_label,
    highlight_html,
    legend_html,
    outlet_label,
    sort_dimensions,
    voice_label,
)

HIDDEN = ("actor", "stance")  # drawn on every actor mention; left out of the evidence
TOP = 8
PER_GROUP = 3


# ---------------------------------------------------------------------------------------------------
# the sentences behind a number


def metric_sentence_ids(analysis, article_ids: Iterable[str], metric: str, voice: str = "all") -> list[str]:
    """The sentences of ``article_ids`` that count toward ``metric`` in ``voice``: those with a
    non-zero numerator (a blame cue, a hedge, a quote by the actor ...), in reading order."""
    from framing.analytics.profiles import SentenceData, metric_info

    ids = set(article_ids)
    sentences = analysis.sentences[analysis.sentences["article_id"].isin(ids)]
    if sentences.empty:
        return []
    part = replace(analysis, sentences=sentences, cues=analysis.cues[analysis.cues["article_id"].isin(ids)])
    data = SentenceData(part)
    info = metric_info(metric)
    key = metric.split(":", 1)[1] if ":" in metric else ""
    numerator, denominator = info.compute(data, key)
    keep = (np.nan_to_num(np.asarray(numerator, dtype=float)) != 0) & (np.asarray(denominator, dtype=float) > 0)
    mask = data.voice_mask(voice if info.voiced else "all")
    if mask is None:
        return []
    keep &= np.asarray(mask) > 0
    return data.sentences.loc[keep, "sentence_id"].tolist()


# ---------------------------------------------------------------------------------------------------
# pieces


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _unit(metric: str) -> tuple[str, float]:
    """(unit shown, factor): shares are shown as percentages."""
    from framing.analytics.profiles import metric_info

    unit = metric_info(metric).unit
    return ("%", 100.0) if unit == "share" else (unit, 1.0)


def _label(metric: str) -> str:
    from framing.analytics.profiles import metric_label

    unit, _ = _unit(metric)
    return f"{metric_label(metric)} ({unit})" if unit else metric_label(metric)


def _number(value, factor: float = 1.0) -> str:
    return "n/a" if value is None or pd.isna(value) else f"{float(value) * factor:.2f}"


def _p(value) -> str:
    return "n/a" if value is None or pd.isna(value) else f"{float(value):.3f}"


def interval_svg(rows: Sequence[tuple[str, float, float, float, bool]], unit: str) -> str:
    """Dot-and-whisker chart: one line per (label, value, low, high, too_few); zero marked."""
    values = [v for _, value, low, high, _ in rows for v in (value, low, high) if v is not None and not pd.isna(v)]
    if not values:
        return ""
    lo, hi = min(0.0, *values), max(0.0, *values)
    span = (hi - lo) or 1.0
    lo, hi = lo - 0.05 * span, hi + 0.05 * span
    left, width, row_h = 190, 330, 26
    height = row_h * len(rows) + 28

    def x(v: float) -> float:
        return left + (v - lo) / (hi - lo) * width

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 20}" height="{height}" role="img" '
             f'aria-label="values with 95% intervals">',
             f'<line x1="{x(0):.1f}" y1="4" x2="{x(0):.1f}" y2="{height - 22}" stroke="#999" stroke-dasharray="3,3"/>']
    for i, (label, value, low, high, too_few) in enumerate(rows):
        y = 16 + i * row_h
        parts.append(f'<text x="{left - 8}" y="{y + 4}" text-anchor="end" font-size="12">{_e(label)}</text>')
        if not pd.isna(low) and not pd.isna(high):
            parts.append(f'<line x1="{x(low):.1f}" y1="{y}" x2="{x(high):.1f}" y2="{y}" stroke="#333" stroke-width="2"/>')
            for end in (low, high):
                parts.append(f'<line x1="{x(end):.1f}" y1="{y - 5}" x2="{x(end):.1f}" y2="{y + 5}" stroke="#333"/>')
        if not pd.isna(value):
            fill = "#fff" if too_few else "#1f77b4"
            parts.append(f'<circle cx="{x(value):.1f}" cy="{y}" r="5" fill="{fill}" stroke="#1f77b4" stroke-width="2">'
                         f'<title>{_e(label)}: {value:.2f}</title></circle>')
    axis_y = height - 8
    for tick in np.linspace(lo, hi, 5):
        parts.append(f'<text x="{x(tick):.1f}" y="{axis_y}" text-anchor="middle" font-size="10" fill="#555">'
                     f'{tick:.1f}{_e(unit if unit == "%" else "")}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _evidence(analysis, sentence_ids: Sequence[str]) -> str:
    """The sentences as a list with their cues highlighted (actor mentions and stance left plain)."""
    if not sentence_ids:
        return '<p class="none">No sentence in this group counts toward it.</p>'
    sentences = analysis.sentences.set_index("sentence_id")
    cues = analysis.cues[analysis.cues["sentence_id"].isin(set(sentence_ids)) & ~analysis.cues["dimension"].isin(HIDDEN)]
    by_sentence = dict(tuple(cues.groupby("sentence_id")))
    meta = analysis.articles.set_index("article_id")
    items = []
    for sid in sentence_ids:
        row = sentences.loc[sid]
        article = meta.loc[row["article_id"]]
        body = highlight_html(str(row["text"]), by_sentence.get(sid, cues.iloc[0:0]), offset=int(row["start"]))
        speaker = ""
        if "voice" in row and str(row.get("voice", "")) not in ("", "author"):
            name = str(row.get("speaker_actor", "") or row.get("speaker", "") or "")
            speaker = f" \u00b7 {voice_label(str(row['voice']))}" + (f" ({name})" if name else "")
        items.append(f'<li><div class="meta">{_e(outlet_label(str(article["outlet"])))} \u00b7 '
                     f'{_e(article["published"] or "undated")} \u00b7 {_e(article["title"])}{_e(speaker)}</div>'
                     f"<div>{body}</div></li>")
    return "<ol>" + "".join(items) + "</ol>"


def _volume_table(analysis, by: str, groups: Sequence[str], period: str) -> str:
    from framing.analytics.profiles import add_period

    articles = analysis.articles[analysis.articles[by].astype(str).isin(groups)]
    periods = add_period(articles, period)
    counts = articles.assign(period=periods)[periods != ""].groupby(["period", by]).size().unstack(fill_value=0)
    if counts.empty:
        return "<p>No dated articles.</p>"
    counts = counts.reindex(columns=list(groups), fill_value=0)
    head = "".join(f"<th>{_e(_group_label(by, g))}</th>" for g in counts.columns)
    body = "".join(f"<tr><td>{_e(p)}</td>" + "".join(f"<td class='n'>{int(v)}</td>" for v in row) + "</tr>"
                   for p, row in counts.iterrows())
    return f'<table class="grid"><tr><th>{_e(period)}</th>{head}</tr>{body}</table>'


def _group_label(by: str, group: str) -> str:
    return outlet_label(group) if by == "outlet" else (group or "(none)")


STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;
color:#222;line-height:1.5}
h1{font-size:1.6em;margin-bottom:0.2em} h2{margin-top:2em;border-bottom:1px solid #ddd}
h3{margin-bottom:0.3em} .meta{font-size:0.8em;color:#666} .none{color:#888;font-style:italic}
table.grid{border-collapse:collapse;font-size:0.9em} table.grid td,table.grid th{border:1px solid #ddd;padding:3px 8px}
td.n{text-align:right} .clear{color:#1a7f37;font-weight:600} .unclear{color:#888}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1.5em} ol{padding-left:1.3em} li{margin-bottom:0.6em}
.note{font-size:0.85em;color:#555}
"""


# ---------------------------------------------------------------------------------------------------
# the report


def report_html(
    analysis,
    *,
    by: str = "outlet",
    pair: tuple[str, str] | None = None,
    comparisons: pd.DataFrame | None = None,
    voice: str = "all",
    period: str = "month",
    n_boot: int | None = None,
    n_perm: int | None = None,
    seed: int | None = None,
    include_headlines: bool = True,
    top: int = TOP,
    per_group: int = PER_GROUP,
    title: str = "",
    filters: str = "",
) -> str:
    """The report as one HTML string. ``pair`` = (a, b) reports a against b; without it, the
    clearest differences over every pair of ``by`` groups. ``comparisons`` is a ``compare_all`` table
    already computed (the dashboard's); otherwise it is computed with the report defaults."""
    from framing.analytics.compare import DEFAULT_N_BOOT, DEFAULT_SEED, compare_all, pair_rows
    from framing.analytics.profiles import profiles

    n_boot = DEFAULT_N_BOOT if n_boot is None else n_boot
    seed = DEFAULT_SEED if seed is None else seed
    if comparisons is None:
        comparisons = compare_all(analysis, by, voices=(voice,), n_boot=n_boot,
                                  n_perm=n_boot if n_perm is None else n_perm, seed=seed, period=period,
                                  include_headlines=include_headlines)
    rows = pair_rows(comparisons, *pair) if pair else comparisons
    groups = list(pair) if pair else sorted(set(comparisons["group_a"]) | set(comparisons["group_b"]))
    groups = [str(g) for g in groups]
    shown = rows.head(top)
    articles = analysis.articles[analysis.articles[by].astype(str).isin(groups)]
    dates = articles["published"][articles["published"] != ""]
    span = f"{dates.min()} to {dates.max()}" if len(dates) else "undated articles"
    names = " and ".join(_group_label(by, g) for g in groups) if len(groups) <= 3 else f"{len(groups)} {by} groups"
    title = title or f"How {names} framed it"
    clear = int(rows["clear"].sum()) if len(rows) else 0

    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{_e(title)}</title>"
             f"<style>{STYLE}</style></head><body>",
             f"<h1>{_e(title)}</h1>",
             f"<p class='meta'>framing report, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC \u00b7 "
             f"{len(articles):,} articles \u00b7 {_e(span)} \u00b7 {_e(voice_label(voice))}"
             + (f" \u00b7 filters: {_e(filters)}" if filters else "") + "</p>",
             f"<h2>Articles per {_e(period)}</h2>", _volume_table(analysis, by, groups, period),
             "<h2>Clearest differences</h2>",
             f"<p>{clear} of {len(rows)} differences are statistically clear: the 95% bootstrap interval of the "
             f"difference excludes zero and the permutation p-value, Benjamini-Hochberg adjusted over the "
             f"{len(comparisons[['group_a', 'group_b']].drop_duplicates())} pair(s) tested together, is below "
             f"0.05 ({n_boot} resamples, seed {seed}; the computation of comparisons.csv). "
             f"The {len(shown)} clearest are shown; rates are per 100 sentences, shares in %.</p>"]
    if shown.empty:
        parts.append("<p class='none'>Nothing to compare.</p>")
    else:
        table = ["<table class='grid'><tr><th>metric</th><th>A</th><th>B</th><th>value A</th><th>value B</th>"
                 "<th>A \u2212 B</th><th>95% interval</th><th>p (adjusted)</th><th>articles</th><th></th></tr>"]
        for row in shown.itertuples():
            _, factor = _unit(row.metric)
            verdict = "<span class='clear'>clear</span>" if row.clear else "<span class='unclear'>not clear</span>"
            table.append(
                f"<tr><td>{_e(_label(row.metric))}</td><td>{_e(_group_label(by, row.group_a))}</td>"
                f"<td>{_e(_group_label(by, row.group_b))}</td><td class='n'>{_number(row.value_a, factor)}</td>"
                f"<td class='n'>{_number(row.value_b, factor)}</td><td class='n'>{_number(row.difference, factor)}</td>"
                f"<td class='n'>{_number(row.ci_low, factor)} to {_number(row.ci_high, factor)}</td>"
                f"<td class='n'>{_p(row.p_adjusted)}</td><td class='n'>{row.n_articles_a} / {row.n_articles_b}</td>"
                f"<td>{verdict}</td></tr>")
        parts.append("".join(table) + "</table>")
        metrics = list(dict.fromkeys(shown["metric"]))
        profile = profiles(analysis, by=(by,), voices=(voice,), metrics=metrics, n_boot=n_boot, seed=seed)
        profile = profile[profile[by].astype(str).isin(groups) & (profile["voice"] == voice)]
        used = set()
        parts.append("<h2>Each difference and the sentences behind it</h2>")
        parts.append(legend_html([d for d in sort_dimensions(set(analysis.cues["dimension"])) if d not in HIDDEN]))
        for row in shown.itertuples():
            unit, factor = _unit(row.metric)
            pair_groups = [str(row.group_a), str(row.group_b)]
            lines = []
            for g in pair_groups:
                p = profile[(profile[by].astype(str) == g) & (profile["metric"] == row.metric)]
                if len(p):
                    r = p.iloc[0]
                    lines.append((f"{_group_label(by, g)} (n={int(r['n_articles'])})", r["value"] * factor,
                                  r["ci_low"] * factor, r["ci_high"] * factor, bool(r["too_few"])))
            parts.append(f"<h3>{_e(_label(row.metric))}: {_e(_group_label(by, row.group_a))} vs "
                         f"{_e(_group_label(by, row.group_b))}</h3>")
            parts.append(f"<p class='note'>{_e(voice_label(row.voice))}; difference "
                         f"{_number(row.difference, factor)} (95% interval {_number(row.ci_low, factor)} to "
                         f"{_number(row.ci_high, factor)}), p adjusted {_p(row.p_adjusted)}. "
                         "Points: value; bars: 95% interval; hollow: fewer than 3 articles.</p>")
            parts.append(interval_svg(lines, unit))
            columns = []
            for g in pair_groups:
                ids = articles.loc[articles[by].astype(str) == g, "article_id"]
                found = [s for s in metric_sentence_ids(analysis, ids, row.metric, row.voice) if s not in used]
                used.update(found[:per_group])
                columns.append(f"<div><h4>{_e(_group_label(by, g))}: {len(found):,} sentence(s)</h4>"
                               f"{_evidence(analysis, found[:per_group])}</div>")
            parts.append("<div class='cols'>" + "".join(columns) + "</div>")
    dims = [d for d in sort_dimensions(set(analysis.cues["dimension"])) if d not in HIDDEN]
    parts.append("<h2>How to read it</h2><p class='note'>Highlighted words are the cues the analysis found: "
                 + ", ".join(_e(dimension_label(d)) for d in dims)
                 + ". Hover a highlight for its category, source and target. Intervals come from a bootstrap "
                 "that resamples whole articles.</p></body></html>")
    return "".join(parts)


def write_html_report(analysis, path: str | Path, **options) -> Path:
    """Write :func:`report_html` to ``path`` (UTF-8); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report_html(analysis, **options), encoding="utf-8")
    return path
