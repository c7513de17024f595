"""Tests of the coding-workflow commands: framing train, agreement, suggest and stance, on small
synthetic files written here; plus the shipped models' manifest."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from framing.interfaces.cli import main

ACTORS = ["the mayor", "the council", "the minister", "the agency", "the company", "the governor"]
FAILINGS = ["the flooding", "the budget crisis", "the delays", "the outbreak"]
PLAIN = ["a new park", "the spring festival", "the library hours", "a bus route"]


@pytest.fixture(scope="module")
def labels_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("labels") / "blame.csv"
    rows = []
    for i, actor in enumerate(ACTORS):
        for j, failing in enumerate(FAILINGS):
            rows.append({"article_id": f"a{i}", "text": f"Residents blamed {actor} for {failing}.", "label": 1})
            rows.append({"article_id": f"a{i}", "text": f"{actor.capitalize()} opened {PLAIN[j]} on Tuesday.", "label": 0})
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_train_prints_figures_and_writes_model(labels_csv, tmp_path, capsys):
    out = tmp_path / "blame.skops"
    assert main(["train", str(labels_csv), "--dimension", "blame", "--out", str(out), "--folds", "3"]) == 0
    printed = capsys.readouterr().out
    assert "stratified 3-fold cross-validation, grouped by article_id, seed 0" in printed
    for part in ("precision", "recall", "macro-F1", "confusion matrix", "lexicon rules alone", "final decision"):
        assert part in printed
    from framing.classifiers.models import load_model

    model = load_model(out)
    assert model.framing_info_["dimension"] == "blame"
    assert model.framing_info_["training_data"] == str(labels_csv)


@pytest.mark.parametrize(
    "rows, message",
    [
        ([{"text": "a"}] * 12, "{path}: missing column(s) label; a label file needs the columns text and label"),
        ([{"text": "a", "label": "1"}] * 12, "{path}: only one class (1); training needs at least two classes"),
        (
            [{"text": "a", "label": "1"}] * 12 + [{"text": "b", "label": "0"}] * 9,
            "{path}: too few examples of class 0 (9); every class needs at least 10",
        ),
    ],
)
def test_train_bad_label_file(tmp_path, capsys, rows, message):
    path = tmp_path / "labels.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    code = main(["train", str(path), "--dimension", "blame", "--out", str(tmp_path / "m.skops")])
    assert code == 1
    assert capsys.readouterr().err.strip() == "framing: error: " + message.format(path=path)
    assert not (tmp_path / "m.skops").exists()


def test_train_needs_arguments(capsys):
    assert main(["train", "--dimension", "blame"]) == 1
    assert "train needs LABELS.csv, --dimension and --out (or --defaults)" in capsys.readouterr().err


def test_agreement(tmp_path, capsys):
    a = tmp_path / "a.csv"
    b = tmp_path / "b.csv"
    pd.DataFrame({"item_id": ["s1", "s2", "s3", "s4", "s5"], "blame": [1, 1, 0, 0, 1], "hedge": [0, 1, 0, 1, 0]}).to_csv(
        a, index=False
    )
    pd.DataFrame({"item_id": ["s1", "s2", "s3", "s4"], "blame": [1, 0, 0, 0], "hedge": [0, 1, 0, 1]}).to_csv(b, index=False)
    assert main(["agreement", str(a), str(b)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "4 item(s) in both files (5 in a.csv, 4 in b.csv)"
    blame = lines[2].split()
    # 3 of 4 agree; kappa 0.5; Krippendorff's alpha (nominal) 1 - (2/8) / (30/56) = 8/15
    assert blame == ["blame", "4", "0.750", "0.500", "0.533"]
    assert lines[3].split() == ["hedge", "4", "1.000", "1.000", "1.000"]


def test_agreement_selects_coders_and_columns(tmp_path, capsys):
    codes = tmp_path / "coded.csv"
    pd.DataFrame(
        {
            "item_id": ["s1", "s2", "s1", "s2"],
            "coder": ["coder_a", "coder_a", "coder_b", "coder_b"],
            "blame": ["1", "0", "1", ""],
            "hedge": ["1", "0", "0", "0"],
        }
    ).to_csv(codes, index=False)
    args = ["agreement", str(codes), str(codes), "--coder-a", "coder_a", "--coder-b", "coder_b", "--columns", "blame"]
    assert main(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3 and out[2].split()[:3] == ["blame", "1", "1.000"]


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--columns", "stance"], "{a}: no column 'stance'; code columns are: blame"),
        (["--key", "id"], "{a}: no key column 'id'; columns are: item_id, blame"),
    ],
)
def test_agreement_errors(tmp_path, capsys, extra, message):
    a = tmp_path / "a.csv"
    pd.DataFrame({"item_id": ["s1"], "blame": [1]}).to_csv(a, index=False)
    assert main(["agreement", str(a), str(a), *extra]) == 1
    assert capsys.readouterr().err.strip() == "framing: error: " + message.format(a=a)


def test_suggest_writes_sentences_to_code(labels_csv, tmp_path, capsys):
    model = tmp_path / "blame.skops"
    assert main(["train", str(labels_csv), "--dimension", "blame", "--out", str(model), "--folds", "3"]) == 0
    sentences = tmp_path / "sentences.csv"
    pd.DataFrame(
        {
            "item_id": [f"n{i}" for i in range(5)],
            "text": [
                "Voters blamed the mayor for the delays.",
                "The mayor discussed the delays.",
                "A bus route opened on Tuesday.",
                "The council talked about the outbreak.",
                "Officials blamed the agency for the flooding.",
            ],
        }
    ).to_csv(sentences, index=False)
    out = tmp_path / "next.csv"
    capsys.readouterr()
    assert main(["suggest", "--model", str(model), str(sentences), "-n", "2", "--out", str(out)]) == 0
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 2
    assert list(rows[0]) == ["rank", "text", "predicted", "p", "uncertainty", "item_id", "label"]
    assert float(rows[0]["uncertainty"]) >= float(rows[1]["uncertainty"])


def test_stance_command(tmp_path, capsys):
    from framing.classifiers.models import save_model
    from framing.classifiers.stance import mark_target, stance_pipeline

    rows = []
    for name in ["Mayor Lind", "Governor Ortiz", "the council", "Senator Hale", "the agency", "Chief Adams"]:
        for template, label in (
            ("Critics said {} bungled the response and misled voters.", "negative"),
            ("Residents praised {} for a generous and effective rescue.", "positive"),
            ("{} met the delegation on Monday morning.", "neutral"),
        ):
            sentence = template.format(name)
            start = sentence.index(name)
            rows.append((mark_target(sentence, start, start + len(name)), label))
    model = stance_pipeline().fit([r[0] for r in rows], [r[1] for r in rows])
    path = save_model(model, tmp_path / "stance.skops")
    sentence = "Critics said Judge Mora bungled the response and misled voters."
    assert main(["stance", sentence, "--target", "judge mora", "--model", str(path)]) == 0
    out = capsys.readouterr().out
    assert "target: 'Judge Mora' (13:23)" in out and "stance: negative" in out
    assert main(["stance", sentence, "--start", "13", "--end", "23", "--model", str(path)]) == 0
    assert "stance: negative" in capsys.readouterr().out
    assert main(["stance", sentence, "--target", "the governor", "--model", str(path)]) == 1
    assert capsys.readouterr().err.strip() == "framing: error: target 'the governor' does not occur in the sentence"


def test_shipped_models_match_manifest():
    from framing.classifiers.models import SHIPPED, models_dir, read_manifest, sha256

    entries = read_manifest()
    if not entries:
        pytest.skip("no shipped models built (run: framing train --defaults)")
    assert sorted(e.name for e in entries) == sorted(SHIPPED)
    total = 0
    for entry in entries:
        path = models_dir() / entry.file
        assert sha256(path) == entry.sha256, entry.file
        total += path.stat().st_size
    assert total < 25 * 1024 * 1024


@pytest.mark.parametrize("name", ["blame_target", "stance", "relations"])
def test_suggest_refuses_models_that_do_not_score_sentences(name, tmp_path, capsys):
    from framing.classifiers.models import shipped_model_path

    if shipped_model_path(name) is None:
        pytest.skip(f"no shipped {name} model")
    sentences = tmp_path / "sentences.csv"
    pd.DataFrame({"text": ["Voters blamed the mayor for the delays."]}).to_csv(sentences, index=False)
    assert main(["suggest", "--model", name, str(sentences)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"framing: error: --model {name}: the {name} model scores") and "not sentences" in err
