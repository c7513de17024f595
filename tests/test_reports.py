"""Tests for framing.storage.reports and ``framing report``: every file written, byte-identical reruns, every
column documented in docs/reports.md, formula neutralising undone on reading, types restored."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_aggregate import make_analysis, random_corpus, sample

from framing.analytics import profiles as A
from framing.errors import InputError
from framing.interfaces.cli import main
from framing.interfaces.commands.report import parse_by
from framing.storage import reports as R

DOCS = Path(__file__).resolve().parents[1] / "docs" / "reports.md"
FILES = [
    "articles.csv", "sentences.csv", "cues.csv", "actors.csv", "relations.csv", "skipped.csv", "profiles.csv",
    "comparisons.csv",
    "timeline.csv", "blame_matrix.csv", "voices.csv", "aligned.csv",
]


def tricky_corpus():
    analysis = random_corpus(1, {"Outlet =A": {"n": 4, "hedge": 0.5}, "B": {"n": 4}})
    analysis.articles.loc[0, "title"] = "=HYPERLINK(\"x\")"
    analysis.articles.loc[1, "title"] = "'=already quoted"
    analysis.articles.loc[2, "title"] = "-12 dead, +3 wounded"
    analysis.articles.loc[3, "title"] = "'plain apostrophe"
    analysis.sentences.loc[0, "text"] = "@mention and ünïcödé “quotes”"
    return analysis


@pytest.mark.parametrize(
    ("value", "written"),
    [("=1+1", "'=1+1"), ("+44 20", "'+44 20"), ("-5", "'-5"), ("@x", "'@x"), ("\tx", "'\tx"),
     ("'=x", "''=x"), ("'plain", "'plain"), ("plain", "plain"), ("", ""), (3, 3)],
)
def test_neutralise_round_trip(value, written):
    assert R.neutralise(value) == written
    assert R.unneutralise(R.neutralise(value)) == value


def test_writes_every_file_byte_identical(tmp_path):
    analysis = tricky_corpus()
    first = R.write_reports(analysis, tmp_path / "one", n_boot=100)
    second = R.write_reports(analysis, tmp_path / "two", n_boot=100)
    assert [p.name for p in first] == FILES
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert first[0].read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in first[0].read_bytes()


def test_profiles_csv_content(tmp_path):
    analysis = random_corpus(2)
    R.write_reports(analysis, tmp_path, by=("outlet", "period"), n_boot=100)
    written = pd.read_csv(tmp_path / "profiles.csv", encoding="utf-8-sig")
    expected = A.profiles(analysis, ("outlet", "period"), n_boot=100)
    assert list(written.columns) == list(expected.columns)
    np.testing.assert_allclose(written["value"], expected["value"].round(6), rtol=0, atol=1e-9)
    assert set(written["too_few"]) <= {0, 1}
    comparisons = pd.read_csv(tmp_path / "comparisons.csv", encoding="utf-8-sig")
    assert set(zip(comparisons["group_a"], comparisons["group_b"], strict=True)) == {("A", "B")}


def test_every_written_column_is_documented(tmp_path):
    documented = R.documented_columns(DOCS.read_text(encoding="utf-8"))
    for analysis in (tricky_corpus(), sample()):
        for path in R.write_reports(analysis, tmp_path, n_boot=20):
            header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
            missing = set(header) - documented.get(path.name, set())
            assert not missing, (
                f"{path.name}: columns not in docs/reports.md: {sorted(missing)}; "
                "run python -m framing.storage.reports --docs docs/reports.md"
            )


def test_every_metric_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    for metric in A.METRICS:
        assert f"| `{metric.name}` |" in text, metric.name


def test_reference_generation_is_stable():
    assert R.render_reference() == R.render_reference()
    assert set(R.documented_columns(R.render_reference())) == set(FILES)


def test_read_reports_round_trip(tmp_path):
    analysis = tricky_corpus()
    R.write_reports(analysis, tmp_path, analytics=False)
    back = R.read_reports(tmp_path)
    for name in R.BASE_TABLES:
        original, read = getattr(analysis, name), getattr(back, name)
        assert list(read.columns) == list(original.columns), name
        assert len(read) == len(original), name
    pd.testing.assert_series_equal(back.articles["title"], analysis.articles["title"], check_dtype=False)
    assert back.sentences.loc[0, "text"] == "@mention and ünïcödé “quotes”"
    assert back.sentences["is_headline"].dtype == bool
    assert back.sentences["hedge"].dtype == np.int64
    assert back.sentences["vader_compound"].dtype == np.float64
    assert back.articles["outlet"].tolist() == analysis.articles["outlet"].tolist()
    np.testing.assert_allclose(back.sentences["vader_compound"], analysis.sentences["vader_compound"].round(6))
    again = A.profiles(back, n_boot=50)
    pd.testing.assert_frame_equal(again, A.profiles(analysis, n_boot=50), check_exact=False, atol=1e-5)


def test_read_reports_empty_float_column(tmp_path):
    analysis = make_analysis([{"id": "a", "outlet": "O", "published": "2025-01-01",
                               "sentences": [{"vader_compound": float("nan")}, {"vader_compound": float("nan")}]}])
    R.write_reports(analysis, tmp_path, analytics=False)
    back = R.read_reports(tmp_path)
    assert back.sentences["vader_compound"].dtype == np.float64 and back.sentences["vader_compound"].isna().all()


@pytest.mark.parametrize(
    ("text", "by", "period"),
    [("outlet,month", ("outlet", "period"), "month"), ("outlet", ("outlet",), "month"),
     ("week,section", ("period", "section"), "week"), (" outlet , quarter ", ("outlet", "period"), "quarter")],
)
def test_parse_by(text, by, period):
    assert parse_by(text) == (by, period)


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "--by: name at least one grouping, e.g. outlet,month"), ("month,week", "--by: 'period' given twice")],
)
def test_parse_by_errors(text, message):
    with pytest.raises(InputError) as info:
        parse_by(text)
    assert str(info.value) == message


def test_report_command_from_reports(tmp_path, capsys):
    analysis = random_corpus(3)
    R.write_reports(analysis, tmp_path / "base", analytics=False)
    code = main(["report", "--from", str(tmp_path / "base"), "--out", str(tmp_path / "out"), "--by", "outlet,quarter",
                 "--n-boot", "50", "--quiet"])
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(FILES)
    profiles = pd.read_csv(tmp_path / "out" / "profiles.csv", encoding="utf-8-sig")
    assert set(profiles["period"]) == {"2025-Q1", "2025-Q2"}


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--out", "x"], "give files or folders to analyse, --store FILE or --from DIR"),
     (["--from", "nowhere", "--out", "x"], "--from: no articles.csv in nowhere"),
     (["--store", "none.duckdb", "--out", "x"], "--store: file not found: none.duckdb")],
)
def test_report_command_errors(args, message, capsys):
    assert main(["report", *args]) == 1
    assert capsys.readouterr().err.strip() == f"framing: error: {message}"


def test_report_command_analyses_paths(tmp_path, seeds_dir):
    code = main(["report", str(seeds_dir), "--actors", "gaza", "--out", str(tmp_path), "--n-boot", "20", "--quiet", "--no-classifiers"])
    assert code == 0
    profiles = pd.read_csv(tmp_path / "profiles.csv", encoding="utf-8-sig")
    assert set(profiles["period"]) == {"2024-03", "2024-07"}


FORMULA_ARTICLE = (
    "Title: =SUM(1,2) opens the headline\n\n"
    "-5 degrees was the low, the forecaster said. +3 was the high.\n\n"
    "@mayor wrote that the bridge would close. =HYPERLINK(\"x\") was pasted here.\n\n"
    "'=quoted already, a reader noted.\n"
)


def test_offsets_index_the_text_cells_for_a_plain_csv_reader(tmp_path):
    """No apostrophe is added inside offset-indexed text, so text[start:end] holds straight from the CSV."""
    (tmp_path / "a.txt").write_text(FORMULA_ARTICLE, encoding="utf-8")
    status = main(["analyse", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--quiet", "--no-analytics"])
    assert status == 0
    plain = {
        name: pd.read_csv(tmp_path / "out" / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
        for name in ("articles", "sentences", "cues")
    }
    text = plain["articles"].set_index("article_id")["text"]
    assert text.iloc[0].startswith("=SUM(1,2)")
    for name in ("sentences", "cues"):
        rows = plain[name]
        assert len(rows)
        for row in rows.itertuples():
            assert text[row.article_id][int(row.start) : int(row.end)] == row.text
    assert set(plain["sentences"]["text"]) >= {"=SUM(1,2) opens the headline", "+3 was the high."}
    assert plain["articles"]["title"].iloc[0] == "'=SUM(1,2) opens the headline"  # not offset-indexed: neutralised
    back = R.read_reports(tmp_path / "out")
    assert back.articles["text"].iloc[0] == text.iloc[0]
    assert "'=quoted already, a reader noted." in set(back.sentences["text"])


def test_header_cells_are_neutralised_and_read_back(tmp_path):
    data = pd.DataFrame({"=cmd|' /C calc'!A0": ["x"], "plain": ["-1"]})
    written = R.write_csv(data, tmp_path / "extra.csv")
    assert written.read_text(encoding="utf-8-sig").splitlines()[0] == "'=cmd|' /C calc'!A0,plain"
    assert list(R.read_table(written).columns) == ["=cmd|' /C calc'!A0", "plain"]
