"""Tests for framing.reading.datasets: location rules, the brat parser, and the loaders on the real files.

Tests that read the datasets skip with a reason when the folder is not found.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.reading import datasets as D


@pytest.fixture
def data(monkeypatch):
    try:
        return D.data_dir()
    except D.DatasetUnavailable as exc:
        pytest.skip(f"datasets not found at the default locations ({exc}): set {D.ENV_VAR}")


def test_env_var_missing_folder_raises(monkeypatch, tmp_path):
    missing = tmp_path / "nope"
    monkeypatch.setenv(D.ENV_VAR, str(missing))
    with pytest.raises(D.DatasetUnavailable) as info:
        D.data_dir()
    assert str(missing) in str(info.value)
    assert D.ENV_VAR in str(info.value)
    assert isinstance(info.value, FileNotFoundError)


def test_env_var_wins(monkeypatch, tmp_path):
    monkeypatch.setenv(D.ENV_VAR, str(tmp_path))
    assert D.data_dir() == tmp_path.resolve()
    with pytest.raises(D.DatasetUnavailable):
        D.require("babe/final_labels_SG2.csv")


def test_parse_brat_discontinuous_and_multiline():
    text = "Alpha beta said gamma.\n\nDelta epsilon"
    ann = (
        "T1\tSource 0 10\tAlpha beta\n"
        "T2\tCue 11 15\tsaid\n"
        "T3\tContent 16 21;24 29\tgamma Delta\n"
        "T4\tAttribution 11 15\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tContent 16 37\tgamma.\n"
        "\n"
        "Delta epsilon\n"
        "T6\tAttribution 11 15\tsaid\n"
        "E2\tAttribution-no-source:T6 Content:T5\n"
        "#1\tAnnotatorNotes T1\tnote\n"
    )
    atts = D.parse_brat(ann)
    assert len(atts) == 2
    a = atts[0]
    assert a.source.as_tuple() == (0, 10, "Alpha beta")
    assert a.content.fragments == ((16, 21), (24, 29))
    assert D.span_text(text, a.content) == a.content.text
    b = atts[1]
    assert b.source is None and b.kind == "Attribution-no-source"
    assert D.span_text(text, b.content) == b.content.text


def test_sha1_12():
    assert D.sha1_12("abc") == "a9993e364706"


@pytest.mark.datasets
def test_babe_counts_and_columns(data):
    sg2 = D.load_babe("SG2")
    assert len(sg2) == 3674
    assert list(sg2.columns) == [
        "text",
        "outlet",
        "topic",
        "leaning",
        "label_bias",
        "label_opinion",
        "biased_words",
        "news_link",
        "row",
    ]
    assert set(sg2["leaning"]) <= {"left", "center", "right", ""}  # a few rows have no leaning
    assert set(sg2["label_bias"]) <= {"Biased", "Non-biased", "No agreement"}
    assert all(isinstance(w, list) for w in sg2["biased_words"])
    assert sg2["biased_words"].map(len).sum() > 1000
    assert sg2["row"].tolist() == list(range(3674))
    assert not sg2["text"].iloc[0].startswith("\ufeff")
    assert len(D.load_babe("SG1")) == 1700


@pytest.mark.datasets
def test_checkthat(data):
    train, dev = D.load_checkthat("train"), D.load_checkthat("dev")
    assert (len(train), len(dev)) == (830, 462)
    assert set(train["label"]) == {"SUBJ", "OBJ"}
    assert list(train.columns[:3]) == ["sentence_id", "text", "label"]


@pytest.mark.datasets
def test_polnear_offsets_slice_to_annotated_text(data):
    dev = D.load_polnear("dev")
    assert len(dev) == 84
    n = 0
    for doc in dev.itertuples():
        assert (data / doc.path).exists()
        for att in doc.attributions:
            for span in (att.source, att.cue, att.content, att.content2):
                if span is None:
                    continue
                assert D.span_text(doc.text, span) == span.text, (doc.doc_id, att.id)
                n += 1
    assert n > 6000
    assert set(dev["publisher"]) >= {"breitbart", "nyt"}


@pytest.mark.datasets
@pytest.mark.slow
def test_polnear_train(data):
    train = D.load_polnear("train")
    assert len(train) == 840
    assert train["attributions"].map(len).sum() > 19000


@pytest.mark.datasets
def test_basil(data):
    articles, annotations = D.load_basil()
    assert len(articles) == 300
    assert set(articles["source"]) == {"fox", "hpo", "nyt"}
    assert all(
        isinstance(p, list) and all(isinstance(s, str) for s in p)
        for ps in articles["paragraphs"]
        for p in ps
    )
    assert len(annotations) > 1500
    located = annotations[annotations["paragraph"] >= 0]
    assert len(located) / len(annotations) > 0.95


@pytest.mark.datasets
def test_newsmtsc(data):
    df = D.load_newsmtsc()
    assert df["sentence_id"].nunique() == 7758
    assert set(df["polarity"]) == {"negative", "neutral", "positive"}
    row = df.iloc[0]
    assert row["text"][row["from"] : row["to"]] == row["mention"]


@pytest.mark.datasets
def test_ptc(data):
    articles, spans = D.load_ptc()
    assert len(articles) == 371
    assert (spans["technique"] == "Loaded_Language").sum() == 2123
    assert set(spans["article_id"]) <= set(articles["article_id"])


@pytest.mark.datasets
def test_sample_items_well_formed():
    items = D.load_sample_items()
    assert len(items) >= 620
    assert items["item_id"].is_unique
    assert set(items["dataset"]) == {"polnear", "basil", "babe"}
    assert set(items["split"]) == {"dev", "heldout"}
    assert set(items["stratum"]) == {"random", "keyword"}
    assert items["second_pass"].sum() == 100
    assert 0.2 < (items["split"] == "heldout").mean() < 0.4


@pytest.mark.datasets
def test_coded_sample_joins_with_matching_hashes(data):
    if not (D.ANNOTATIONS_DIR / "coded_sample.csv").exists():
        pytest.skip("annotations/coded_sample.csv not written yet")
    coded = D.load_coded_sample("coder_a")
    items = D.load_sample_items()
    assert len(coded) == len(items)
    assert coded["item_id"].is_unique
    assert (coded["text"].map(D.sha1_12) == coded["text_sha1"]).all()
    for col in D.BINARY_CODES:
        assert set(coded[col]) <= {0, 1}
    assert set(coded["blame_voice"]) <= {"", "author", "attributed"}
    assert set(coded["polarity"]) <= {"", "negative", "positive", "mixed"}
    assert ((coded["blame"] == 1) == (coded["blame_voice"] != "")).all()
    assert ((coded["blame"] == 1) == (coded["blame_targets"] != "")).all()
    assert (coded.loc[coded["hedged_figure"] == 1, "hedge"] == 1).all()
    assert ((coded["evaluative"] == 1) == (coded["polarity"] != "")).all()


def test_coded_sample_mismatch_names_item(data, tmp_path):
    items = D.load_sample_items().head(2).copy()
    items.loc[items.index[1], "text_sha1"] = "000000000000"
    items_path = tmp_path / "items.csv"
    items.to_csv(items_path, index=False)
    codes_path = tmp_path / "codes.csv"
    header = "item_id,coder," + ",".join(D.CODE_COLUMNS)
    lines = [header] + [f"{i},coder_a,0,0,,,0,0,0,0," for i in items["item_id"]]
    codes_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(D.SampleMismatch, match=items["item_id"].iloc[1]):
        D.load_coded_sample("coder_a", path=codes_path, items_path=items_path)


def test_repo_root_points_at_package_parent():
    assert (D.REPO_ROOT / "framing" / "reading" / "datasets.py").exists()
    assert Path(D.__file__).resolve().parents[2] == D.REPO_ROOT
