"""The command line: reports written, exit status, clear errors, CSV safe for spreadsheets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framing.interfaces.cli import main
from framing.storage.reports import neutralise, write_csv

ARTICLE = "Title: A calm day\nOutlet: Test Wire\nDate: 2025-02-03\n\nNothing happened today. Officials said so.\n"


def test_analyse_writes_tables(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    status = main(["analyse", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet"])
    assert status == 0
    articles = pd.read_csv(tmp_path / "out" / "articles.csv", encoding="utf-8-sig")
    sentences = pd.read_csv(tmp_path / "out" / "sentences.csv", encoding="utf-8-sig")
    assert list(articles["outlet"]) == ["Test Wire"] and list(articles["published"]) == ["2025-02-03"]
    assert list(sentences["text"]) == ["A calm day", "Nothing happened today.", "Officials said so."]
    for name in ("cues.csv", "skipped.csv", "actors.csv", "profiles.csv", "comparisons.csv", "timeline.csv", "aligned.csv"):
        assert (tmp_path / "out" / name).is_file()


def test_analyse_base_tables_only(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["analyse", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--quiet", "--no-analytics"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["actors.csv", "articles.csv", "cues.csv", "relations.csv", "sentences.csv", "skipped.csv"]


def test_exit_status_says_something_was_skipped(tmp_path: Path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    status = main(["analyse", str(tmp_path), "--out", str(tmp_path / "out")])
    assert status == 3
    assert f"skipped: {tmp_path / 'empty.txt'}: empty file" in capsys.readouterr().err
    skipped = pd.read_csv(tmp_path / "out" / "skipped.csv", encoding="utf-8-sig", keep_default_na=False)
    assert skipped.to_dict("records") == [{"source": str(tmp_path / "empty.txt"), "item": "", "reason": "empty file"}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "blame"], "framing: error: --model: 'blame' is not NAME=FILE"),
        (["--actors", "/no/such.tsv"], "framing: error: --actors: file not found: /no/such.tsv"),
        (["--columns", "body"], "framing: error: --columns: 'body' is not FIELD=COLUMN with FIELD one of ['author', 'date', 'id', 'outlet', 'published', 'section', 'subtitle', 'text', 'title', 'url']"),
    ],
)
def test_bad_options_give_clear_errors(tmp_path: Path, capsys, args, message):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    status = main(["analyse", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), *args])
    assert status == 1
    assert capsys.readouterr().err.strip().endswith(message)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-2", "'-2"), ("@x", "'@x"), ("\tx", "'\tx"), ("plain", "plain"), (3, 3)],
)
def test_formula_cells_are_neutralised(value, expected):
    assert neutralise(value) == expected


def test_csv_is_utf8_with_bom_and_deterministic(tmp_path: Path):
    frame = pd.DataFrame({"text": ["=cmd|' /C calc'!A0", "Türkiye’s “quote”"], "value": [0.123456789, -1.5]})
    first = write_csv(frame, tmp_path / "a.csv").read_bytes()
    second = write_csv(frame, tmp_path / "b.csv").read_bytes()
    assert first == second
    assert first.startswith(b"\xef\xbb\xbf")
    assert first.decode("utf-8-sig").splitlines() == ["text,value", "'=cmd|' /C calc'!A0,0.123457", "Türkiye’s “quote”,-1.5"]


# --- clear errors instead of tracebacks -------------------------------------------------------------


def _lexicon_dir(tmp_path: Path, name: str, data: bytes) -> Path:
    folder = tmp_path / "lex"
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize("weight", ["nan", "inf", "-inf", "NaN"])
def test_non_finite_lexicon_weights_are_refused(tmp_path: Path, capsys, weight):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    folder = _lexicon_dir(tmp_path, "evaluative.tsv", f"term\tcategory\tpolarity\tweight\tsource\tnote\nawful\tjudgement\tnegative\t{weight}\tteam\t\n".encode())
    status = main(["analyse", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--lexicon-dir", str(folder), "--jobs", "1"])
    assert status == 1
    assert capsys.readouterr().err.strip().endswith(
        f"framing: error: {folder / 'evaluative.tsv'}: line 2: column 'weight' must be a finite number, found '{weight}'"
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_invalid_utf8_in_an_actor_file_names_file_and_line(tmp_path: Path, capsys, jobs):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    actors = tmp_path / "actors.tsv"
    actors.write_bytes("name\tactor\ttype\tnote\nOfficials\tGovernment\torganisation\t\nJos\xe9\tJos\xe9\tperson\t\n".encode("latin-1"))
    status = main(["analyse", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--actors", str(actors), "--jobs", jobs])
    assert status == 1
    assert capsys.readouterr().err.strip().endswith(f"framing: error: {actors}: line 3: not valid UTF-8 (byte 59); save the file as UTF-8")


def test_invalid_utf8_in_a_lexicon_names_file_and_line(tmp_path: Path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    folder = _lexicon_dir(tmp_path, "hedges.tsv", b"term\tcategory\tnote\nperhaps\tmodal\t\nm\xe4ybe\tmodal\t\n")
    status = main(["analyse", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--lexicon-dir", str(folder), "--jobs", "1"])
    assert status == 1
    assert capsys.readouterr().err.strip().endswith(f"framing: error: {folder / 'hedges.tsv'}: line 3: not valid UTF-8 (byte 35); save the file as UTF-8")


def test_out_pointing_at_a_file_is_a_clear_error(tmp_path: Path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    for command in (["analyse"], ["report"]):
        status = main([*command, str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--quiet"])
        assert status == 1
        assert capsys.readouterr().err.strip().endswith(f"framing: error: --out: {tmp_path / 'out'} is a file, not a folder")


def test_store_pointing_at_a_file_that_is_not_a_store_is_a_clear_error(tmp_path: Path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("these are my notes, not a database\n" * 10, encoding="utf-8")
    status = main(["analyse", str(tmp_path / "a.txt"), "--store", str(bogus), "--quiet"])
    assert status == 1
    assert capsys.readouterr().err.strip().endswith(f"framing: error: --store: {bogus} is not a DuckDB store")
    assert bogus.read_text(encoding="utf-8").startswith("these are my notes")  # untouched
    assert main(["report", "--store", str(bogus), "--out", str(tmp_path / "r"), "--quiet"]) == 1
    assert capsys.readouterr().err.strip().endswith(f"framing: error: --store: {bogus} is not a DuckDB store")


def test_warnings_give_exit_status_3(tmp_path: Path, capsys):
    (tmp_path / "a.txt").write_bytes("Title: Caf\xe9 news\n\nThe caf\xe9 closed on Monday, officials said.\n".encode("latin-1"))
    status = main(["analyse", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out")])
    assert status == 3
    assert "not UTF-8: decoded as cp1252, a guess" in capsys.readouterr().err


def test_month_first_overrides_the_inferred_date_order(tmp_path: Path):
    (tmp_path / "a.csv").write_text("title,date,text\nA,14/1/2025,one.\nB,2/11/2025,two.\n", encoding="utf-8")
    assert main(["analyse", str(tmp_path / "a.csv"), "--out", str(tmp_path / "inferred"), "--quiet", "--no-classifiers"]) == 3
    assert main(["analyse", str(tmp_path / "a.csv"), "--out", str(tmp_path / "us"), "--quiet", "--no-classifiers", "--month-first"]) == 0
    inferred = pd.read_csv(tmp_path / "inferred" / "articles.csv", encoding="utf-8-sig", keep_default_na=False)
    us = pd.read_csv(tmp_path / "us" / "articles.csv", encoding="utf-8-sig", keep_default_na=False)
    assert inferred.sort_values("title")["published"].tolist() == ["2025-01-14", "2025-11-02"]
    assert us.sort_values("title")["published"].tolist() == ["2025-01-14", "2025-02-11"]
