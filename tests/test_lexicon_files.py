"""Every shipped lexicon loads; the stance and evaluative lexicons follow their schema, have no
duplicate terms, and a malformed user lexicon fails with an error naming the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.annotation.evaluative import EVALUATIVE_SCHEMA, MODIFIER_CATEGORIES, evaluative_matcher
from framing.annotation.hedging import BOOSTER_SCHEMA, FIGURE_SCHEMA, HEDGE_SCHEMA, stance_lexicons
from framing.config import AnalysisConfig
from framing.errors import LexiconError
from framing.reading.lexicon import read_lexicon, read_tsv
from framing.resources import lexicon_dir

SCHEMAS = {
    "hedges.tsv": HEDGE_SCHEMA,
    "boosters.tsv": BOOSTER_SCHEMA,
    "figures.tsv": FIGURE_SCHEMA,
    "evaluative.tsv": EVALUATIVE_SCHEMA,
}


@pytest.mark.parametrize("path", sorted(lexicon_dir().rglob("*.tsv")), ids=lambda p: p.name)
def test_every_shipped_lexicon_has_a_header_and_whole_rows(path):
    header = path.read_text(encoding="utf-8-sig").splitlines()[0].split("\t")
    assert all(header), f"{path.name}: empty column name in the header"
    rows = read_tsv(path, required=header[:1], nonempty=())
    assert rows, f"{path.name}: no data rows"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_and_no_duplicates(name):
    rows = read_lexicon(name, **SCHEMAS[name])
    terms = [row["term"] for row in rows]
    duplicates = sorted({t for t in terms if terms.count(t) > 1})
    assert duplicates == []
    assert [t for t in terms if t != t.lower()] == []
    assert [t for t in terms if t != t.strip() or "  " in t] == []


@pytest.mark.parametrize("name", ["hedges.tsv", "boosters.tsv"])
def test_stance_weights_in_range(name):
    rows = read_lexicon(name, **SCHEMAS[name])
    assert [r["term"] for r in rows if not 0.5 <= float(r["weight"]) <= 2.0] == []


def test_evaluative_weights_in_range():
    rows = read_lexicon("evaluative.tsv", **EVALUATIVE_SCHEMA)
    for row in rows:
        weight = float(row["weight"])
        if row["category"] == "negator":
            assert weight in (-1.0, -0.5), row["term"]
        elif row["category"] in MODIFIER_CATEGORIES:
            assert 0.0 < weight <= 2.0 and row["polarity"] == "neutral", row["term"]
        else:
            assert 0.3 <= weight <= 2.0, row["term"]


def test_shipped_matchers_build():
    config = AnalysisConfig(vader=False, classifiers=False)
    lexicons = stance_lexicons(config)
    assert len(lexicons.hedges) > 400 and len(lexicons.boosters) > 150 and len(lexicons.harm) > 50
    assert len(evaluative_matcher(config)) > 850


def write_user_lexicon(folder: Path, name: str, lines: list[str]) -> Path:
    shipped = (lexicon_dir() / name).read_text(encoding="utf-8").splitlines()[0]
    path = folder / name
    path.write_text("\n".join([shipped, *lines]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "lines", "expected"),
    [
        (
            "hedges.tsv",
            ["reportedly\tevidential\t1.2\t\t", "purportedly\tevidential\theavy\t\t"],
            "{path}: line 3: column 'weight' must be a number, found 'heavy'",
        ),
        (
            "hedges.tsv",
            ["reportedly\tguess\t1.2\t\t"],
            "{path}: line 2: column 'category' has 'guess'; allowed: "
            + str(sorted(HEDGE_SCHEMA["allowed"]["category"])),
        ),
        (
            "boosters.tsv",
            ["clearly\tcertainty_adverb\t1.0\tafter_verb\t"],
            "{path}: line 2: column 'context' has 'after_verb'; allowed: "
            + str(sorted(BOOSTER_SCHEMA["allowed"]["context"])),
        ),
        (
            "boosters.tsv",
            ["clearly\tcertainty_adverb\t1.0"],
            "{path}: line 2: expected 5 tab-separated fields, found 3",
        ),
        (
            "evaluative.tsv",
            ["vile\tjudgement\tbad\t1.5\tteam\t"],
            "{path}: line 2: column 'polarity' has 'bad'; allowed: ['negative', 'neutral', 'positive']",
        ),
        ("evaluative.tsv", ["\tjudgement\tnegative\t1.5\tteam\t"], "{path}: line 2: column 'term' is empty"),
    ],
)
def test_malformed_user_lexicon_names_file_and_line(tmp_path, name, lines, expected):
    path = write_user_lexicon(tmp_path, name, lines)
    config = AnalysisConfig(lexicon_dir=tmp_path, vader=False, classifiers=False)
    build = evaluative_matcher if name == "evaluative.tsv" else stance_lexicons
    with pytest.raises(LexiconError) as error:
        build(config)
    assert str(error.value) == expected.format(path=path)


def test_user_row_overrides_the_shipped_row(tmp_path):
    write_user_lexicon(tmp_path, "hedges.tsv", ["may\tepistemic_modal\t1.7\tmodal\tstronger here"])
    lexicons = stance_lexicons(AnalysisConfig(lexicon_dir=tmp_path))
    weights = [e.get("weight") for e in lexicons.hedges.entries if e.term == "may"]
    assert weights == [1.7]
