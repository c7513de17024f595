"""framing.interfaces.dashboard: highlighting, uploads, filters, sentence search, lexicon editing and the
re-analysis diff, coding sheets and exports, on small hand-made tables and on the sample corpus."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from framing.interfaces import dashboard as ds
from framing.resources import lexicon_dir, sample_corpus_dir


class Marks(HTMLParser):
    """Collects the text and the title of every <mark>, and all visible text."""

    def __init__(self):
        super().__init__()
        self.marks: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._title: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self._title = dict(attrs).get("title", "")
            self.marks.append(("", self._title))

    def handle_endtag(self, tag):
        if tag == "mark":
            self._title = None

    def handle_data(self, data):
        self.text.append(data)
        if self._title is not None:
            words, title = self.marks[-1]
            self.marks[-1] = (words + data, title)


def parse(markup: str) -> Marks:
    parser = Marks()
    parser.feed(markup)
    return parser


def cue(dimension, start, end, **extra):
    return {"dimension": dimension, "start": start, "end": end, "category": extra.pop("category", "c"), **extra}


@pytest.fixture(scope="module")
def sample():
    from framing.running.inprocess import analyse

    return analyse(sample_corpus_dir())


# ---------------------------------------------------------------------------------------------------
# highlighting


def test_highlight_escapes_text_and_tooltips():
    text = 'A <script>alert("x")</script> brutal & "loaded" attack'
    start = text.index("brutal")
    markup = ds.highlight_html(text, [cue("evaluative", start, start + 6, term='<b>"brutal*"</b>', target_actor="X&Y")])
    assert "<script>" not in markup and "<b>" not in markup
    parsed = parse(markup)
    assert "".join(parsed.text) == text
    assert parsed.marks == [("brutal", 'evaluative: c | actor: X&Y | term: <b>"brutal*"</b>')]


def test_highlight_offsets_are_article_offsets():
    sentence = "They said the strike was brutal."
    offset = 100
    start = offset + sentence.index("brutal")
    parsed = parse(ds.highlight_html(sentence, [cue("evaluative", start, start + 6)], offset=offset))
    assert [words for words, _ in parsed.marks] == ["brutal"]


def test_overlapping_cues_split_and_list_every_cue():
    text = "may have been killed"
    cues = [cue("hedge", 0, 8, term="may have"), cue("agency", 4, 20, category="agentless_passive")]
    parsed = parse(ds.highlight_html(text, cues))
    assert [words for words, _ in parsed.marks] == ["may ", "have", " been killed"]
    assert "hedge: c" in parsed.marks[1][1] and "agency: agentless_passive" in parsed.marks[1][1]
    assert "".join(parsed.text) == text


def test_highlight_colour_follows_priority_and_dimension_filter():
    text = "Israel blamed"
    cues = [cue("actor", 0, 6), cue("blame", 0, 13, source_actor="author", target_actor="Israel")]
    markup = ds.highlight_html(text, cues)
    assert ds.DIMENSION_COLOURS["blame"] in markup
    assert "author \u2192 Israel" in html.unescape(markup)
    only_actor = ds.highlight_html(text, cues, dimensions=["actor"])
    assert ds.DIMENSION_COLOURS["blame"] not in only_actor and 'data-dimensions="actor"' in only_actor


def test_highlight_without_cues_is_escaped_text():
    assert ds.highlight_html("a < b", []) == "a &lt; b"
    assert ds.highlight_html("abc", [cue("hedge", 5, 9)]) == "abc"  # out of range


def test_article_html_outlines_the_selected_sentence(sample):
    article_id = sample.articles["article_id"].iloc[0]
    sentences = sample.sentences[sample.sentences["article_id"] == article_id]
    cues = sample.cues[sample.cues["article_id"] == article_id]
    chosen = sentences["sentence_id"].iloc[2]
    markup = ds.article_html(sample.articles["text"].iloc[0], sentences, cues, selected=chosen)
    assert markup.count("outline:2px solid") == 1
    assert f'id="s-{chosen}" style="' in markup and "outline" in markup.split(f'id="s-{chosen}"')[1].split(">")[0]
    assert markup.count("<mark") >= len(cues[cues["dimension"] != ""]) // 4


@pytest.mark.parametrize(
    ("a", "b", "only_a", "only_b"),
    [
        ("Strikes killed 40 people.", "40 people died.", ["Strikes killed"], ["died."]),
        ("The hospital was hit.", "The hospital was hit", [], []),
        ("the militants fired", "the fighters fired", ["militants"], ["fighters"]),
    ],
)
def test_word_diff_marks_only_differing_words(a, b, only_a, only_b):
    left, right = ds.word_diff_html(a, b)
    assert [w for w, _ in parse(left).marks] == only_a
    assert [w for w, _ in parse(right).marks] == only_b


def test_word_diff_leaves_mostly_different_sentences_unmarked():
    left, right = ds.word_diff_html("Rain flooded the northern valley overnight.", "Officials met on Tuesday to talk.")
    assert "<mark" not in left and "<mark" not in right


# ---------------------------------------------------------------------------------------------------
# uploads


def test_check_uploads_limits_and_refusals():
    ok = ds.check_uploads([("a.txt", b"text"), ("b.exe", b"MZ"), ("c.csv", b"")])
    assert ok.accepted == (("a.txt", b"text"),)
    assert ok.problems == (
        "b.exe: unsupported file type '.exe' (use txt, html, htm, csv, tsv, jsonl, json, parquet).",
        "c.csv: empty file.",
    )
    too_big = ds.check_uploads([("a.txt", b"x" * 2_000_001)], max_bytes=2_000_000)
    assert too_big.accepted == () and too_big.problems == ("2.0 MB uploaded; the limit is 2 MB per analysis.",)
    too_many = ds.check_uploads([(f"{i}.txt", b"x") for i in range(4)], max_files=3)
    assert too_many.problems == ("4 files uploaded; the limit is 3 files per analysis.",)


@pytest.mark.parametrize(
    ("name", "safe"),
    [("../../etc/passwd.txt", "passwd.txt"), ("C:\\x\\a b.html", "a b.html"), ("r\u00e9sum\u00e9?.txt", "r\u00e9sum\u00e9_.txt"), ("...", "upload")],
)
def test_safe_file_name(name, safe):
    assert ds.safe_file_name(name) == safe


def test_write_uploads_keeps_names_unique(tmp_path):
    paths = ds.write_uploads([("a.txt", b"1"), ("A.txt", b"2"), ("sub/a.txt", b"3")], tmp_path)
    assert [p.name for p in paths] == ["a.txt", "A-2.txt", "a-3.txt"]
    assert [p.read_bytes() for p in paths] == [b"1", b"2", b"3"]


def test_content_key_changes_with_content():
    assert ds.content_key([("a", b"1")]) == ds.content_key([("a", b"1")])
    assert ds.content_key([("a", b"1")]) != ds.content_key([("a", b"2")])
    assert ds.content_key([("a", b"1")]) != ds.content_key([("b", b"1")])


def test_analyse_uploads_names_sources_and_lists_skipped():
    sample = sorted(sample_corpus_dir().glob("*.txt"))[:2]
    files = [(p.name, p.read_bytes()) for p in sample] + [("notes.txt", b"   \n"), ("x.doc", b"abc")]
    analysis, problems = ds.analyse_uploads(files)
    assert len(analysis.articles) == 2
    assert set(analysis.articles["source"]) == {p.name for p in sample}
    assert list(analysis.skipped["source"]) == ["notes.txt"]
    assert problems == ["x.doc: unsupported file type '.doc' (use txt, html, htm, csv, tsv, jsonl, json, parquet)."]


def test_analyse_uploads_refuses_everything_over_the_limit():
    analysis, problems = ds.analyse_uploads([("a.txt", b"x" * 100)], max_bytes=10)
    assert analysis is None and problems == ["0.0 MB uploaded; the limit is 0 MB per analysis."]


# ---------------------------------------------------------------------------------------------------
# filters and tables


def test_filters_restrict_every_table(sample):
    options = ds.filter_options(sample)
    assert options.outlets == tuple(sorted(sample.articles["outlet"].unique()))
    outlet = options.outlets[-1]
    chosen = ds.apply_filters(sample, ds.Filters(outlets=(outlet,), start="2025-03-01", end="2025-06-30"))
    expected = sample.articles[
        (sample.articles["outlet"] == outlet) & (sample.articles["published"] >= "2025-03-01")
    ]
    assert set(chosen.articles["article_id"]) == set(expected["article_id"])
    for table in (chosen.sentences, chosen.cues, chosen.actors):
        assert set(table["article_id"]) <= set(expected["article_id"])
    assert len(chosen.sentences) == sample.sentences["article_id"].isin(expected["article_id"]).sum()
    assert ds.apply_filters(sample, ds.Filters()) is sample


def test_actor_filter_keeps_articles_mentioning_the_actor(sample):
    actor = sample.actors["actor"].value_counts().index[-1]
    chosen = ds.apply_filters(sample, ds.Filters(actors=(actor,)))
    assert set(chosen.articles["article_id"]) == set(sample.actors.loc[sample.actors["actor"] == actor, "article_id"])


@pytest.mark.parametrize("voice", ["all", "author", "quoted", "direct"])
def test_voice_mask(voice):
    sentences = pd.DataFrame({"voice": ["author", "direct", "indirect", "mixed"]})
    expected = {
        "all": [True] * 4,
        "author": [True, False, False, False],
        "quoted": [False, True, True, True],
        "direct": [False, True, False, False],
    }[voice]
    assert ds.voice_mask(sentences, voice).tolist() == expected


def test_corpus_summary_matches_the_tables(sample):
    summary = ds.corpus_summary(sample)
    assert summary["articles"] == len(sample.articles)
    assert summary["sentences"] == len(sample.sentences)
    assert summary["outlets"] == sample.articles["outlet"].nunique()
    assert (summary["first_date"], summary["last_date"]) == ("2025-01-14", "2025-06-25")
    outlets = ds.outlet_summary(sample)
    assert outlets["articles"].sum() == len(sample.articles)
    assert outlets["sentences"].sum() == sample.articles["n_sentences"].sum()


def test_sentence_table_search_dimension_actor_voice(sample):
    table = ds.sentence_table(sample, query="CEASEFIRE")
    assert len(table) and table["text"].str.lower().str.contains("ceasefire").all()
    hedged = ds.sentence_table(sample, dimensions=["hedge"])
    hedge_ids = set(sample.cues.loc[sample.cues["dimension"] == "hedge", "sentence_id"])
    assert set(hedged["sentence_id"]) == hedge_ids
    assert hedged["cue_dimensions"].str.contains("hedge").all()
    actor = "Valdoria"
    involved = ds.sentence_table(sample, actor=actor)
    assert len(involved) and len(involved) < len(sample.sentences)
    if "voice" in sample.sentences:
        quoted = ds.sentence_table(sample, voice="quoted")
        assert set(quoted["voice"]) <= {"direct", "indirect", "mixed"}


def test_sentence_list_html_lists_each_sentence(sample):
    table = ds.sentence_table(sample, dimensions=["hedge"]).head(5)
    markup = ds.sentence_list_html(table, sample)
    assert markup.count("<li") == 5
    assert 'data-dimensions="hedge' in markup or "hedge " in markup


def test_period_starts():
    periods = pd.Series(["2025-01", "2025-W03", "2025-Q2", "2025-01-14"])
    assert ds.period_starts(periods).dt.strftime("%Y-%m-%d").tolist() == [
        "2025-01-01", "2025-01-13", "2025-04-01", "2025-01-14",
    ]


def test_missing_parts():
    assert ds.missing_parts(pd.DataFrame(columns=["voice", "blame", "agency", "hedge", "evaluative", "p_blame"])) == []
    assert ds.missing_parts(pd.DataFrame(columns=["text"]))[0] == "voice and speaker (attribution)"


# ---------------------------------------------------------------------------------------------------
# lexicons


def test_lexicon_files_lists_shipped_and_user(tmp_path):
    (tmp_path / "hedges.tsv").write_text("term\tcategory\tweight\tcontext\tnote\nperhaps\tadverb\t1\t\t\n")
    files = ds.lexicon_files(lexicon_dir(), tmp_path)
    assert {"hedges.tsv", "evaluative.tsv"} <= set(files["name"])
    user = files[files["origin"] == "user"]
    assert user[["name", "entries"]].values.tolist() == [["hedges.tsv", 1]]
    assert files["name"].iloc[0] == "hedges.tsv"


def test_add_term_creates_then_appends(tmp_path):
    header = ["term", "category", "weight", "context", "note"]
    path = ds.add_term(tmp_path, "hedges.tsv", {"term": "it seems", "category": "appearance", "weight": "1"}, header)
    ds.add_term(tmp_path, "hedges.tsv", {"term": "arguably", "category": "adverb"}, header)
    assert path.read_text().splitlines() == [
        "term\tcategory\tweight\tcontext\tnote", "it seems\tappearance\t1\t\t", "arguably\tadverb\t\t\t",
    ]
    with pytest.raises(ValueError, match="contains a tab or a line break"):
        ds.add_term(tmp_path, "hedges.tsv", {"term": "a\tb"}, header)
    with pytest.raises(ValueError, match="the 'term' column must not be empty"):
        ds.add_term(tmp_path, "hedges.tsv", {"term": " "}, header)
    with pytest.raises(ValueError, match="header"):
        ds.add_term(tmp_path, "hedges.tsv", {"term": "x"}, ["term", "note"])


def test_search_table():
    table = pd.DataFrame({"term": ["brutal*", "heroic"], "note": ["", "Brutality"]})
    assert ds.search_table(table, "BRUTAL")["term"].tolist() == ["brutal*", "heroic"]
    assert ds.search_table(table, "hero")["term"].tolist() == ["heroic"]


def test_rebuilt_articles_reanalyse_to_the_same_tables(sample):
    ids = sample.articles["article_id"].tolist()[:3]
    sub = ds.subset(sample, ids)
    again = ds.reanalyse(sub, ds.user_config(None))
    pd.testing.assert_frame_equal(again.sentences.reset_index(drop=True), sub.sentences.reset_index(drop=True))
    pd.testing.assert_frame_equal(again.cues.reset_index(drop=True), sub.cues.reset_index(drop=True))
    assert ds.sentence_changes(sub, again).empty


def test_new_lexicon_term_shows_which_sentences_change(sample, tmp_path):
    word = "separate"  # "in separate rooms": no lexicon marks it as evaluative
    ids = ds.articles_containing(sample, word)
    assert ids
    sub = ds.subset(sample, ids)
    header = ds.lexicon_header(lexicon_dir() / "evaluative.tsv")
    row = {"term": word, "category": "appreciation", "polarity": "negative", "weight": "1", "source": "team"}
    staged = ds.staged_lexicon_dir(tmp_path / "none", "evaluative.tsv", row, header)
    before = ds.reanalyse(sub, ds.user_config(None))
    after = ds.reanalyse(sub, ds.user_config(staged))
    changes = ds.sentence_changes(before, after)
    assert len(changes) >= 1
    assert changes["text"].str.lower().str.contains(word).all()
    assert changes["cues_added"].str.contains(f'evaluative:appreciation "{word}"', case=False).all()


# ---------------------------------------------------------------------------------------------------
# coding and exports


def test_coding_sheet_round_trip():
    sheet = ds.CodingSheet()
    sheet.code("s1", "They blamed Israel.", "blame", 1, "ab")
    sheet.code("s2", "It rained.", "blame", 0, "ab")
    sheet.code("s1", "They blamed Israel.", "blame", 0, "ab")  # recoded: the last answer counts
    sheet.code("s1", "They blamed Israel.", "hedge", 0, "ab")
    assert sheet.coded_ids("blame") == {"s1", "s2"}
    assert sheet.wide("blame")[["item_id", "blame"]].values.tolist() == [["s2", 0], ["s1", 0]]
    again = ds.CodingSheet.from_csv(ds.csv_bytes(sheet.frame()))
    assert again.frame().values.tolist() == sheet.frame().values.tolist()


def test_coding_sheet_rejects_bad_files():
    with pytest.raises(ValueError, match="lacks the column"):
        ds.CodingSheet.from_csv(b"item_id,text\ns1,x\n")
    with pytest.raises(ValueError, match="value must be 0 or 1"):
        ds.CodingSheet.from_csv(b"item_id,text,label,value\ns1,x,blame,yes\n")


def test_next_to_code_is_reproducible_and_skips_done(sample):
    first = ds.next_to_code(sample.sentences, set(), n=3, seed=1)
    assert first["sentence_id"].tolist() == ds.next_to_code(sample.sentences, set(), n=3, seed=1)["sentence_id"].tolist()
    done = set(first["sentence_id"])
    assert not set(ds.next_to_code(sample.sentences, done, n=50, seed=1)["sentence_id"]) & done


def test_csv_bytes_neutralises_formulas():
    data = ds.csv_bytes(pd.DataFrame({"text": ["=HYPERLINK(1)", "fine"], "value": [0.1234567891, 2.0]}))
    assert data.startswith("\ufeff".encode())
    lines = data.decode("utf-8-sig").splitlines()
    assert lines == ["text,value", "'=HYPERLINK(1),0.123457", "fine,2.0"]


def test_chart_image_png_and_svg():
    if not ds.chart_export_available():
        pytest.skip("vl-convert-python is not installed")
    spec = '{"$schema":"https://vega.github.io/schema/vega-lite/v5.json","data":{"values":[{"a":1}]},' \
           '"mark":"bar","encoding":{"y":{"field":"a","type":"quantitative"}}}'
    assert ds.chart_image(spec, "png").startswith(b"\x89PNG")
    assert b"<svg" in ds.chart_image(spec, "svg")
    with pytest.raises(ValueError, match="unknown chart format"):
        ds.chart_image(spec, "gif")


@pytest.mark.slow
def test_training_from_codes_gives_cross_validated_figures(sample):
    train = pytest.importorskip("framing.classifiers.train", reason="the training API is not installed")
    hedged = set(sample.cues.loc[sample.cues["dimension"] == "hedge", "sentence_id"])
    sheet = ds.CodingSheet()
    yes = sample.sentences[sample.sentences["sentence_id"].isin(hedged)].iloc[::3].head(30)
    no = sample.sentences[~sample.sentences["sentence_id"].isin(hedged)].iloc[::5].head(30)
    for row in pd.concat([yes, no]).itertuples():
        sheet.code(row.sentence_id, row.text, "hedge", int(row.sentence_id in hedged), "t")
    labels = ds.training_frame(sheet, "hedge", sample.sentences)
    assert labels["label"].tolist().count(1) == 30 and set(labels["article_id"]) <= set(sample.articles["article_id"])
    _, report = train.train_model(labels, dimension="hedge", folds=3)
    figures = ds.training_figures(report)
    assert figures["decision"].iloc[0] == "model" and figures["n"].iloc[0] == 60
    assert figures["macro_F1"].between(0, 1).all()
    assert {"precision (1)", "recall (1)", "F1 (1)"} <= set(figures.columns)


def test_path_stamp(tmp_path):
    (tmp_path / "a.csv").write_text("x")
    assert ds.path_stamp(tmp_path) == (tmp_path / "a.csv").stat().st_mtime
    assert ds.path_stamp(Path(tmp_path / "a.csv")) == (tmp_path / "a.csv").stat().st_mtime


def test_item_colours_give_every_actor_its_own_colour_and_outlets_a_fixed_one():
    names = [f"Actor {i}" for i in range(12)] + ["other actors"]
    scale = ds.item_colours(names).to_dict()
    colours = dict(zip(scale["domain"], scale["range"], strict=True))
    named = [colours[n] for n in names if n != "other actors"]
    assert len(set(named)) == len(named) and colours["other actors"] not in named
    every = ["B Post", "A Wire", "C Daily"]
    full = ds.outlet_colours(every).to_dict()
    narrowed = ds.outlet_colours(every).to_dict()  # the scale is built from every outlet, not the filtered ones
    assert full == narrowed and full["domain"] == sorted(every)


def test_volume_counts_articles_per_outlet_per_month_with_empty_months(sample):
    table = ds.volume(sample, "month")
    assert table["articles"].sum() == (sample.articles["published"] != "").sum()
    per_outlet = table.groupby("outlet")["period"].nunique()
    assert per_outlet.nunique() == 1  # every outlet has every month, zero when it published nothing
    assert (table["period_start"].dt.day == 1).all()
    gaps = ds.mark_gaps(table[table["articles"] > 0].assign(), "month", ["outlet"])
    for _, runs in gaps.groupby("outlet"):
        months = runs.sort_values("period_start")
        ordinal = months["period_start"].dt.year * 12 + months["period_start"].dt.month
        breaks = (ordinal.diff() != 1).sum()
        assert months["segment"].nunique() == breaks  # a new line segment after every empty month


def test_search_term_is_marked_in_sentences_and_articles(sample):
    table = ds.sentence_table(sample, query="said")
    markup = ds.sentence_list_html(table.head(5), sample, query="said")
    marks = [t for w, t in parse(markup).marks if w.lower() == "said"]
    assert marks and all("your search" in t for t in marks)


def test_who_blames_whom_counts_what_the_blame_matrix_counts(sample):
    """The Compare table and blame_matrix.csv come from the same blame relations: criticism, threats or
    praise between actors are in relations.csv but not in either."""
    from framing.analytics.matrices import blame_matrix
    from framing.interfaces.dashboard.relations import who_blames_whom

    outlets = sorted(sample.articles["outlet"].unique())
    table = who_blames_whom(sample, "outlet", outlets)
    matrix = blame_matrix(sample, by=("outlet",))
    key = ["outlet", "source_actor", "target_actor"]
    mine = table.set_index(key)["cues"].sort_index()
    theirs = matrix.set_index(key)["cues"].sort_index()
    assert len(mine) and mine.to_dict() == theirs.to_dict()
    assert set(sample.relations["category"]) - {"blame"}  # the sample has other relations to leave out
