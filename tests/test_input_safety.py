"""Bad input is reported, never silently lost or misread: broken CSV quoting, ragged rows, ambiguous
dates, metadata columns that collide with the tool's own, guessed encodings, odd files in folders,
JSON records without text, and over-long sentences."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from framing.reading import ReadOptions, read_paths
from framing.reading.encoding import decode
from framing.types import Article, Skipped


def read_all(path: Path, **options) -> tuple[list[Article], list[Skipped]]:
    items = list(read_paths([path], ReadOptions(**options)))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skipped)]


# --- item 1: broken CSV quoting and ragged rows --------------------------------------------------


def test_unclosed_quote_skips_the_broken_row_and_keeps_the_rest(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text('title,text\nA,one.\nB,"two\nC,three.\nD,four.\n', encoding="utf-8")
    articles, skipped = read_all(path)
    assert [a.title for a in articles] == ["A", "C", "D"]
    assert [a.body for a in articles] == ["one.", "three.", "four."]
    assert [(s.item, s.reason) for s in skipped] == [("row 3", "row 3: unclosed quote (the field starting on line 3 never ends)")]


def test_stray_quote_inside_a_field_is_reported(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text('title,text\nA,"one" two\nB,three.\n', encoding="utf-8")
    articles, skipped = read_all(path)
    assert [a.title for a in articles] == ["B"]
    assert skipped[0].item == "row 2" and "',' expected after '\"'" in skipped[0].reason


def test_ragged_rows_are_reported_not_stored_under_none(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text("title,text,country\nA,one.,X\nB,two.,Y,surplus\nC,three.\n", encoding="utf-8")
    articles, skipped = read_all(path)
    assert [a.title for a in articles] == ["A", "C"]
    assert all("None" not in dict(a.extra) for a in articles)
    assert [(s.item, s.reason) for s in skipped] == [("row 3", "row 3: 4 fields, the header has 3")]
    assert any("row 4: 2 fields, the header has 3" in w for w in articles[1].warnings)


def test_a_multiline_quoted_field_still_reads(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text('title,text\nA,"first paragraph.\n\nsecond paragraph."\nB,two.\n', encoding="utf-8")
    articles, skipped = read_all(path)
    assert [a.title for a in articles] == ["A", "B"] and not skipped
    assert articles[0].source.endswith("#row=2") and articles[1].source.endswith("#row=3")


def test_a_quote_closed_rows_later_is_a_warning_not_a_silent_merge(tmp_path: Path):
    # row 3 opens a quote that only the next row's text closes: the csv module reads the two rows as
    # one record with the right number of fields, so only the swallowed row's start gives it away
    path = tmp_path / "t.csv"
    path.write_text('id,text,outlet\n1,"one, two.",A\n2,"three four,A\n3,five six.",B\n4,seven.,C\n', encoding="utf-8")
    articles, skipped = read_all(path)
    assert [a.outlet for a in articles] == ["A", "B", "C"] and not skipped
    warning = "; ".join(articles[1].warnings)
    assert "row 3: line 4, inside the quoted field 'text', starts like a new row (3,)" in warning
    assert not articles[0].warnings and not articles[2].warnings


@pytest.mark.parametrize(
    "rows",
    [
        # paragraphs opening with a number are not rows: only the next identifier counts
        '1,"Crowds gathered.\n1,200 people marched.",A\n2,"Quiet day.",B\n',
        # identifiers that are not numbered in order, and a paragraph that opens with a figure
        '17,"Crowds gathered.\n\n40,000 came.",A\n9,"Quiet day.",B\n',
    ],
)
def test_multiline_fields_that_open_with_figures_are_not_flagged(tmp_path: Path, rows: str):
    path = tmp_path / "t.csv"
    path.write_text("id,text,outlet\n" + rows, encoding="utf-8")
    articles, skipped = read_all(path)
    assert len(articles) == 2 and not skipped
    assert not any("starts like a new row" in w for a in articles for w in a.warnings)


def test_swallowed_rows_with_coded_identifiers_are_flagged(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text(
        'id,text\nAB-101,one.\nAB-102,two.\nAB-103,"three\nAB-104,four."\nAB-105,five.\n', encoding="utf-8"
    )
    articles, _ = read_all(path)
    assert any("starts like a new row (AB-104,)" in w for w in articles[2].warnings)


# --- item 2: day/month order inferred per column -------------------------------------------------


def test_us_dates_are_read_month_first_when_the_column_says_so(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text("title,date,text\nA,1/14/2025,one.\nB,2/11/2025,two.\n", encoding="utf-8")
    articles, skipped = read_all(path)
    assert [a.published for a in articles] == ["2025-01-14", "2025-02-11"]
    assert "month-first" in "; ".join(articles[1].warnings)


def test_day_first_column_is_inferred_too(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text("title,date,text\nA,14/1/2025,one.\nB,2/11/2025,two.\n", encoding="utf-8")
    articles, _ = read_all(path, dayfirst=False)  # the values decide, not the default
    assert [a.published for a in articles] == ["2025-01-14", "2025-11-02"]


def test_a_column_contradicting_itself_leaves_ambiguous_dates_empty_with_a_warning(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text("title,date,text\nA,1/14/2025,one.\nB,14/1/2025,two.\nC,2/11/2025,three.\n", encoding="utf-8")
    articles, _ = read_all(path)
    assert [a.published for a in articles] == ["2025-01-14", "2025-01-14", ""]
    assert "both day-first" in "; ".join(articles[2].warnings)


def test_an_explicit_order_overrides_the_inference(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text("title,date,text\nA,2/11/2025,one.\n", encoding="utf-8")
    assert read_all(path, dayfirst=False, date_order_explicit=True)[0][0].published == "2025-02-11"
    guessed = read_all(path)[0][0]
    assert guessed.published == "2025-11-02" and "read day-first" in "; ".join(guessed.warnings)


# --- item 3: metadata never overwrites the tool's own columns ------------------------------------


def test_metadata_columns_cannot_replace_the_tools_columns(tmp_path: Path):
    from framing.config import AnalysisConfig
    from framing.running.inprocess import analyse

    path = tmp_path / "t.csv"
    path.write_text(
        "body,text,source,n_words,warnings,row_seq,analysis_version,dateline,modified_at\n"
        "The council met on Monday.,decoy,S,999,W,7,V,D,M\n",
        encoding="utf-8",
    )
    analysis = analyse([path], AnalysisConfig(columns=(("text", "body"),), classifiers=False, vader=False))
    row = analysis.articles.iloc[0]
    assert row["text"] == "The council met on Monday."
    assert row["source"].endswith("t.csv#row=2") and row["n_words"] == 5
    assert row["meta_text"] == "decoy" and row["outlet"] == "S" and row["meta_n_words"] == "999"
    assert row["meta_row_seq"] == "7" and row["meta_analysis_version"] == "V" and row["meta_warnings"] == "W"
    assert row["dateline"] == "" and row["meta_dateline"] == "D" and row["modified_at"] == "" and row["meta_modified_at"] == "M"


# --- item 4: encodings -----------------------------------------------------------------------------


def test_a_legacy_encoding_is_named_as_a_guess():
    text, warnings = decode("Le café était fermé à Montréal pendant l'été.\n".encode("latin-1"))
    assert "café" in text
    assert len(warnings) == 1 and "a guess" in warnings[0] and "not UTF-8" in warnings[0]


def test_mixed_utf8_and_cp1252_keeps_both():
    data = "Zoë said “no”. ".encode() + "Then café – closed.".encode("cp1252")
    text, warnings = decode(data)
    assert text == "Zoë said “no”. Then café – closed."
    assert len(warnings) == 1 and "cp1252" in warnings[0] and "2 byte(s)" in warnings[0]


def test_utf16_without_a_bom_is_text():
    text, warnings = decode("The mayor said the bridge would reopen.\n".encode("utf-16-le"))
    assert text == "The mayor said the bridge would reopen.\n"
    assert "UTF-16LE without a byte-order mark" in warnings[0]


# --- item 6: nothing in a folder vanishes ----------------------------------------------------------


def test_odd_folder_entries_are_listed_as_skipped(tmp_path: Path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("Title: A\n\nThe council met on Monday.\n", encoding="utf-8")
    (corpus / "dangling.txt").symlink_to(corpus / "gone.txt")
    (corpus / "sub" / "loop").symlink_to(corpus / "sub")
    (corpus / "self.txt").symlink_to(corpus / "self.txt")
    os.mkfifo(corpus / "pipe.txt")
    locked = corpus / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("Title: B\n\nThe council met again.\n", encoding="utf-8")
    locked.chmod(0)
    try:
        articles, skipped = read_all(corpus)
    finally:
        locked.chmod(0o755)
    reasons = {Path(s.source).name: s.reason for s in skipped}
    assert len(articles) == (2 if os.geteuid() == 0 else 1)
    assert reasons["dangling.txt"].startswith("dangling symbolic link")
    assert reasons["self.txt"].startswith("symbolic link loop")
    assert reasons["loop"].startswith("symbolic link loop")
    assert reasons["pipe.txt"] == "not a regular file (named pipe)"
    if os.geteuid() != 0:  # root reads any folder
        assert reasons["locked"].startswith("cannot be read: ")


def test_a_socket_given_as_input_is_named(tmp_path: Path):
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        _, skipped = read_all(path)
    assert skipped[0].reason == "not a regular file (socket)"


def test_json_array_with_a_first_record_without_text_keeps_the_rest(tmp_path: Path):
    path = tmp_path / "a.json"
    path.write_text('[{"title": "A"}, {"title": "B", "text": "The council met."}, {"title": "C", "body": "It rained."}]', encoding="utf-8")
    articles, skipped = read_all(path)
    assert [a.title for a in articles] == ["B", "C"]
    assert [(s.item, s.reason) for s in skipped] == [("row 1", "row 1: no text column found (looked for text, body, content, article, article_text, full_text, maintext, story, body_text, paragraphs, body_paragraphs, body-paragraphs); map one with --columns text=NAME")]


def test_one_json_object_with_list_fields_is_one_article(tmp_path: Path):
    # a list of names is metadata, not the file's records; paragraphs may come as lists of sentences
    path = tmp_path / "a.json"
    path.write_text(
        '{"title": "Vote", "entities": ["Ann Lee", "Bo Park"], "outlet": "X",'
        ' "paragraphs": [["The council met.", "It voted."], ["Lee objected."]]}',
        encoding="utf-8",
    )
    articles, skipped = read_all(path, columns={"text": "paragraphs"})
    assert not skipped and len(articles) == 1
    assert articles[0].body == "The council met. It voted.\n\nLee objected."
    assert dict(articles[0].extra)["entities"] == "Ann Lee; Bo Park"


def test_a_json_wrapper_of_records_is_read_record_by_record(tmp_path: Path):
    path = tmp_path / "a.json"
    path.write_text('{"source": "export", "tags": ["a"], "items": [{"text": "One."}, {"text": "Two."}]}', encoding="utf-8")
    articles, skipped = read_all(path)
    assert [a.body for a in articles] == ["One.", "Two."] and not skipped


def test_a_text_field_holding_objects_is_skipped_with_its_reason(tmp_path: Path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": [{"p": "One."}]}\n{"text": "Two."}\n', encoding="utf-8")
    articles, skipped = read_all(path)
    assert [a.body for a in articles] == ["Two."]
    assert skipped[0].reason == "row 1: column 'text' holds structured data, not text or a list of paragraphs"


# --- item 8: bounded work per sentence ---------------------------------------------------------------


def test_an_over_long_sentence_is_split_with_a_warning(tmp_path: Path):
    from framing.reading.build import MAX_SENTENCE_CHARS
    from framing.reading.segment import segment

    path = tmp_path / "a.txt"
    run_on = " ".join(f"word{i} and" for i in range(20_000))  # no full stop anywhere
    path.write_text(f"Title: Run on\n\n{run_on}\n", encoding="utf-8")
    articles, _ = read_all(path)
    sentences = segment(articles[0])
    assert max(s.end - s.start for s in sentences) <= MAX_SENTENCE_CHARS
    assert "".join(articles[0].body.split()) == "".join(run_on.split())  # nothing dropped
    assert any("split" in w for w in articles[0].warnings)


def test_a_huge_text_file_is_refused_before_reading(tmp_path: Path, monkeypatch):
    import framing.reading as reading

    monkeypatch.setattr(reading, "MAX_TEXT_FILE_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text("Title: Big\n\n" + "The council met. " * 200, encoding="utf-8")
    articles, skipped = read_all(path)
    assert not articles and skipped[0].reason.startswith("file too large for one article")


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_tabular_readers_stream(tmp_path: Path, suffix):
    """Rows come out before the whole file is parsed (the reader is a generator over the file)."""
    import pandas as pd

    from framing.reading.tabular import _records

    path = tmp_path / f"t{suffix}"
    frame = pd.DataFrame({"title": [f"t{i}" for i in range(3000)], "text": ["Some words."] * 3000})
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True)
    else:
        frame.to_parquet(path, row_group_size=500)
    records = _records(path)
    number, first, _ = next(records)
    assert first["title"] == "t0"
    assert sum(1 for _ in records) == 2999


@pytest.mark.parametrize(
    ("name", "data"),
    [("a.csv", b"title,text\n"), ("b.csv", b"\xef\xbb\xbf"), ("c.jsonl", b"\xef\xbb\xbf\n\n"), ("d.parquet", None)],
)
def test_a_table_without_rows_is_listed_as_skipped(tmp_path: Path, name, data):
    import pandas as pd

    path = tmp_path / name
    if data is None:
        pd.DataFrame({"title": [], "text": []}).to_parquet(path)
    else:
        path.write_bytes(data)
    articles, skipped = read_all(path)
    assert not articles and len(skipped) == 1 and skipped[0].source == str(path)
    assert skipped[0].reason in ("no rows (a header at most)", "empty file")
