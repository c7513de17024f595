"""Readers: wire text, HTML, tabular files, encodings, and bad input that is reported, not lost."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from framing.errors import InputError
from framing.reading import ReadOptions, read_paths
from framing.reading.boilerplate import Boilerplate
from framing.reading.dates import parse_date
from framing.reading.encoding import decode
from framing.reading.segment import segment
from framing.reading.tabular import parse_mapping
from framing.reading.text import read_text_article
from framing.types import Article, Skipped

JULY_SEED_NAME = "000_d927ed028db7c14a.txt"
MARCH_SEED_NAME = "002_d4685913e6ba8fbc.txt"

RULES = Boilerplate.load()

STYLE_A = """Ministers trade accusations as border talks stall
- Europe
- Harbour Times
- Published Date: 14:05 | 2 February 2025
- Modified Date: 15:10 | 2 February 2025
Talks between the two delegations ended without agreement on Sunday, officials said.
The next round is expected later this month.
- Earlier talks collapse over prisoner lists
- Aid agencies warn of winter shortages
"""

STYLE_B = """Politics

Council approves new budget after long debate

Members argue over school funding, says council leader

Jane Q. Writer  | 03.04.2025 - Update : 04.04.2025
Council approves new budget after long debate Council members vote in the main chamber (L) on April 2, 2025.

LONDON

The council approved the budget late on Wednesday after a nine-hour session.

"It was a difficult compromise," the council leader told reporters.

Harbour Times website carries only a selection of its reports for paying readers. Contact us for subscription options.
"""

STYLE_C = """Title: River levels fall after week of floods
Outlet: Valley Courier
Date: 2025-05-09
Author: Sam Reporter
Section: Environment

Water levels on the river fell on Friday for the first time in a week.

Officials said at least 40 homes were damaged.

Copyright 2025 Valley Courier. All rights reserved.
"""


def read_one(text: str) -> Article:
    return read_text_article(text, source="<test>", rules=RULES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            STYLE_A,
            {
                "title": "Ministers trade accusations as border talks stall",
                "outlet": "Harbour Times",
                "section": "Europe",
                "published": "2025-02-02",
                "published_at": "2025-02-02T14:05:00",
                "author": "",
            },
        ),
        (
            STYLE_B,
            {
                "title": "Council approves new budget after long debate",
                "subtitle": "Members argue over school funding, says council leader",
                "outlet": "Harbour Times",
                "section": "Politics",
                "published": "2025-04-03",
                "author": "Jane Q. Writer",
                "dateline": "LONDON",
            },
        ),
        (
            STYLE_C,
            {
                "title": "River levels fall after week of floods",
                "outlet": "Valley Courier",
                "section": "Environment",
                "published": "2025-05-09",
                "author": "Sam Reporter",
            },
        ),
    ],
)
def test_wire_headers(text, expected):
    article = read_one(text)
    for field, value in expected.items():
        assert getattr(article, field) == value, field


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (STYLE_A, ["Earlier talks collapse", "Aid agencies warn", "Published Date"]),
        (STYLE_B, ["(L)", "LONDON", "subscription", "Jane Q. Writer"]),
        (STYLE_C, ["Copyright", "Outlet:"]),
    ],
)
def test_furniture_is_not_body(text, absent):
    body = read_one(text).body
    for words in absent:
        assert words not in body


def test_body_paragraphs_and_offsets():
    article = read_one(STYLE_B)
    assert article.body.startswith("The council approved the budget")
    sentences = segment(article)
    assert [s.is_headline for s in sentences][:2] == [True, True]
    for s in sentences:
        assert article.text[s.start : s.end] == s.text
    assert sentences[-1].text == '"It was a difficult compromise," the council leader told reporters.'


def test_plain_text_without_header():
    article = read_one("Short headline here\n\nThe first paragraph says something. It has two sentences.\n")
    assert article.title == "Short headline here"
    assert article.body.startswith("The first paragraph")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("09:19 | 31 July 2024", ("2024-07-31", "2024-07-31T09:19:00")),
        ("06.03.2024", ("2024-03-06", "")),
        ("2025-01-02", ("2025-01-02", "")),
        ("2025-01-02T08:30:00Z", ("2025-01-02", "2025-01-02T08:30:00")),
        ("March 5, 2024", ("2024-03-05", "")),
    ],
)
def test_dates(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["", "yesterday", "99.99.9999", "not a date 12"])
def test_bad_dates(value):
    with pytest.raises(ValueError):
        parse_date(value)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Caf\u00e9 \u201cquoted\u201d".encode("utf-8"), "Caf\u00e9 \u201cquoted\u201d"),
        ("\ufeffCaf\u00e9".encode("utf-8"), "Caf\u00e9"),
        ("Caf\u00e9 \u201cquoted\u201d and more text here".encode("cp1252"), "Caf\u00e9 \u201cquoted\u201d and more text here"),
        (b"line one\r\nline two\r\n", "line one\nline two\n"),
        ("Caf\u00e9 text".encode("utf-16"), "Caf\u00e9 text"),
    ],
)
def test_decode(data, expected):
    text, _ = decode(data)
    assert text == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty file"), (b"   \n\n", "empty file"), (b"\x00\x01\x02\x03binary\x00", "not a text file (binary content)")],
)
def test_decode_rejects(data, message):
    with pytest.raises(InputError) as error:
        decode(data)
    assert str(error.value) == message


def test_mixed_folder_nothing_lost(tmp_path: Path):
    (tmp_path / "good.txt").write_text(STYLE_C, encoding="utf-8")
    (tmp_path / "other.txt").write_text(STYLE_A, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    pd.DataFrame(
        {"headline": ["One", "Two"], "body": ["Officials said the road reopened.", ""], "date": ["2025-01-01", "2025-01-02"]}
    ).to_csv(tmp_path / "table.csv", index=False)
    items = list(read_paths([tmp_path, tmp_path / "missing.txt"]))
    articles = [i for i in items if isinstance(i, Article)]
    skipped = {(Path(i.source).name, i.item): i.reason for i in items if isinstance(i, Skipped)}
    assert sorted(a.title for a in articles) == ["Ministers trade accusations as border talks stall", "One", "River levels fall after week of floods"]
    assert skipped == {
        ("empty.txt", ""): "empty file",
        ("image.txt", ""): "not a text file (binary content)",
        ("notes.docx", ""): "unsupported file type '.docx'",
        ("table.csv", "row 3"): "row 3: no text in column 'body'",
        ("missing.txt", ""): "no such file or folder",
    }


def test_unparsed_date_is_a_warning_not_a_loss(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(STYLE_C.replace("2025-05-09", "sometime soon"), encoding="utf-8")
    (article,) = read_paths([path])
    assert article.published == ""
    assert article.warnings == ("date 'sometime soon' could not be parsed; published left empty",)


def test_duplicates_are_reported(tmp_path: Path):
    (tmp_path / "a.txt").write_text(STYLE_C, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STYLE_C, encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], Skipped) and items[1].reason.startswith("duplicate of an article already read from ")


ROWS = [
    {"id": "x1", "title": "First", "content": "Officials said talks resumed. They met twice.", "publish_date": "2025-03-01", "media_name": "Daily A", "country": "X"},
    {"id": "x2", "title": "Second", "content": "Nothing was agreed.", "publish_date": "2025-03-02", "media_name": "Daily B", "country": "Y"},
]


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".json", ".parquet"])
def test_tabular_formats(tmp_path: Path, suffix: str):
    path = tmp_path / f"corpus{suffix}"
    frame = pd.DataFrame(ROWS)
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".tsv":
        frame.to_csv(path, index=False, sep="\t")
    elif suffix == ".jsonl":
        path.write_text("\n".join(json.dumps(r) for r in ROWS), encoding="utf-8")
    elif suffix == ".json":
        path.write_text(json.dumps(ROWS), encoding="utf-8")
    else:
        frame.to_parquet(path)
    articles = list(read_paths([path]))
    assert [(a.title, a.outlet, a.published) for a in articles] == [("First", "Daily A", "2025-03-01"), ("Second", "Daily B", "2025-03-02")]
    assert dict(articles[0].extra) == {"country": "X"}


def test_column_mapping(tmp_path: Path):
    path = tmp_path / "c.csv"
    pd.DataFrame({"story": ["A text here."], "pub": ["05.06.2024"], "paper": ["P"]}).to_csv(path, index=False)
    options = ReadOptions(columns=parse_mapping("text=story,date=pub,outlet=paper"))
    (article,) = read_paths([path], options)
    assert (article.body, article.published, article.outlet) == ("A text here.", "2024-06-05", "P")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("text", "--columns: 'text' is not FIELD=COLUMN with FIELD one of ['author', 'date', 'id', 'outlet', 'published', 'section', 'subtitle', 'text', 'title', 'url']"),
        ("colour=x", "--columns: 'colour=x' is not FIELD=COLUMN with FIELD one of ['author', 'date', 'id', 'outlet', 'published', 'section', 'subtitle', 'text', 'title', 'url']"),
    ],
)
def test_bad_mapping(spec, message):
    with pytest.raises(InputError) as error:
        parse_mapping(spec)
    assert str(error.value) == message


def test_bad_json_lines_are_skipped_with_line_numbers(tmp_path: Path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "Fine text."}\n{broken\n["not", "an object"]\n', encoding="utf-8")
    items = list(read_paths([path]))
    assert isinstance(items[0], Article)
    assert items[1] == Skipped(str(path), "line 2", "line 2: not valid JSON: Expecting property name enclosed in double quotes")
    assert items[2] == Skipped(str(path), "line 3", "item 3: expected a JSON object, found list")


def test_html_through_trafilatura(tmp_path: Path):
    paragraphs = "".join(
        f"<p>Paragraph {i} of the report says that the committee met again and discussed the budget in detail.</p>"
        for i in range(6)
    )
    html = (
        "<html><head><title>Committee meets again | City Paper</title>"
        '<meta property="og:site_name" content="City Paper">'
        '<meta name="author" content="Ann Author"><meta property="article:published_time" content="2024-10-02">'
        f"</head><body><nav>Home | News</nav><article><h1>Committee meets again</h1>{paragraphs}</article>"
        "<footer>Copyright City Paper</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (article,) = read_paths([path])
    assert article.outlet == "City Paper"
    assert article.published == "2024-10-02"
    assert article.author == "Ann Author"
    assert "Paragraph 3 of the report" in article.body
    assert "Home | News" not in article.body


def test_article_id_is_stable(tmp_path: Path):
    (tmp_path / "a.txt").write_text(STYLE_B, encoding="utf-8")
    first = [a.article_id for a in read_paths([tmp_path])]
    second = [a.article_id for a in read_paths([tmp_path])]
    assert first == second and len(first[0]) == 16


# The real example articles (read from ../shared, never copied here).


def test_seed_metadata(seeds_dir):
    july, march = (next(iter(read_paths([seeds_dir / name]))) for name in (JULY_SEED_NAME, MARCH_SEED_NAME))
    assert july.title.startswith("Qatar, U.S. call for continuing Gaza cease-fire talks")
    assert (july.outlet, july.section, july.published, july.author) == ("Anadolu Agency", "Middle East", "2024-07-31", "")
    assert july.published_at == "2024-07-31T09:19:00" and july.modified_at == "2024-07-31T09:24:00"
    assert march.title.startswith("Blinken meets with Qatari counterpart")
    assert (march.outlet, march.section, march.published, march.author) == ("Anadolu Agency", "World", "2024-03-06", "Rabia İclal Turan")
    assert march.dateline == "WASHINGTON"


def test_seed_body_has_no_furniture(seeds_dir):
    for path in (seeds_dir / JULY_SEED_NAME, seeds_dir / MARCH_SEED_NAME):
        article = next(iter(read_paths([path])))
        sentences = [s.text for s in segment(article) if not s.is_headline]
        joined = "\n".join(sentences)
        for furniture in ("subscri", "(R)", "(L)", "WASHINGTON", "Red Crescent", "Hezbollah leader", "communications director", "Published Date", "Spokesman"):
            assert furniture not in joined, (path.name, furniture)


def test_seed_sentences_are_rows(seeds_dir):
    march = next(iter(read_paths([seeds_dir / MARCH_SEED_NAME])))
    sentences = [s.text for s in segment(march)]
    # the five sentences of one quotation are five rows; "Oct. 7" and "85%" do not break sentences
    assert sum(1 for s in sentences if s.startswith(("\"It\u2019s in the hands", "The Israelis have", "There\u2019s been", "We will know", "We need a cease-fire"))) == 5
    assert any(s.endswith("on Oct. 7, 2023.") for s in sentences)
    assert any(s.startswith("The Israeli war has pushed 85%") for s in sentences)


def test_a_headline_repeated_as_the_first_paragraph_is_read_once(tmp_path: Path):
    path = tmp_path / "a.jsonl"
    rows = [
        {"title": "Council Backs New Budget", "text": ["Council backs new  budget", "The council voted on Monday."]},
        {"title": "Council Backs New Budget", "text": ["Council Backs New Budget"]},  # nothing else: kept
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    articles = [a for a in read_paths([path], ReadOptions()) if isinstance(a, Article)]
    assert articles[0].body == "The council voted on Monday."
    assert articles[0].text.count("Council") == 1
    assert articles[1].body == "Council Backs New Budget"
