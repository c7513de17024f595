"""Tests for the agency-of-harm annotator: agentive, agentless passive and agentless intransitive
clauses, nouns that are not clauses, cue evidence, the lexicon checks and the seed articles."""

from __future__ import annotations

from dataclasses import replace

import pytest

from framing.annotation.agency import harm_lexicon
from framing.config import AnalysisConfig
from framing.errors import LexiconError
from framing.resources import actor_sets
from framing.running.inprocess import analyse, analyse_texts

# the rules are tested with the shipped actor sets applied (actors are otherwise discovered only)
CONFIG = AnalysisConfig(vader=False, classifiers=False, actor_files=tuple(actor_sets().values()))


def one(text: str):
    analysis = analyse_texts([text], CONFIG)
    return analysis.sentences.iloc[-1], analysis.cues[analysis.cues["dimension"] == "agency"]


@pytest.mark.parametrize(
    ("text", "agency", "agent"),
    [
        ("Israeli strikes killed 40 people in Rafah.", "agentive", "Israel"),
        ("Dozens were killed by Israeli fire.", "agentive", "Israel"),
        ("Five were killed in an Israeli airstrike on the camp.", "agentive", "Israel"),
        ("Soldiers shot two protesters near the gate.", "agentive", "soldiers"),
        ("Hamas fighters abducted 250 people.", "agentive", "Hamas"),
        ("At least 40 Palestinians were killed on Tuesday.", "agentless_passive", ""),
        ("Two men were killed in Israel on Monday.", "agentless_passive", ""),
        ("Over 900 injured, officials said.", "agentless_passive", ""),
        ("Most homes have been damaged or destroyed.", "agentless_passive", ""),
        ("Three children died of hunger.", "no_agent", ""),
        ("Twelve people lost their lives in the flood.", "no_agent", ""),
        ("Children starved in the north.", "no_agent", ""),
        ("The strike killed 12 and injured 30 others.", "agentive;agentive", ""),
        ("Nine were killed and 20 injured.", "agentless_passive;agentless_passive", ""),
        ("The raid killed 30, officials said, while 12 others died later.", "agentive;no_agent", ""),
        # an -ing noun after an armed collective, or after a plural subject, still names its doer
        ("The police shooting of two teenagers drew protests.", "agentive", "police"),
        ("Gunmen shooting at the crowd killed four people.", "agentive;agentive", "gunmen"),
        # two verbs sharing an object, and a common actor noun opening the sentence (not a name)
        ("Soldiers killed and wounded dozens of protesters.", "agentive", "soldiers"),
        ("Police shot two protesters near the gate.", "agentive", "police"),
        ("Over 900 killed and injured, officials said.", "agentless_passive", ""),
    ],
)
def test_agency_labels(text, agency, agent):
    row, _ = one(text)
    assert row["agency"] == agency
    assert row["agency_agent"] == agent


@pytest.mark.parametrize(
    "text",
    [
        "The killing sparked protests across the region.",
        "The wounded were taken to Nasser hospital.",
        "Hamas blamed Israel for the bombing of the school.",
        "Doctors treated two injured children overnight.",
        "He was accused of killing the envoy.",
        "The bank shooting highlighted the failure of gun laws.",
        "Officials described a mass killing at the school.",
    ],
)
def test_nouns_and_adjectives_are_not_clauses(text):
    row, cues = one(text)
    assert row["agency"] == ""
    assert cues.empty


def test_cues_carry_offsets_label_and_agent():
    analysis = analyse_texts(["The Israeli bombardment has killed at least 300 people and injured 700 others."], CONFIG)
    cues = analysis.cues[analysis.cues["dimension"] == "agency"]
    text = analysis.articles["text"].iloc[0]
    assert list(cues["category"]) == ["agentive", "agentive"]
    assert list(cues["text"]) == ["killed", "injured"]
    assert set(cues["target_actor"]) == {"Israel"}
    assert set(cues["detail"]) == {"Israeli bombardment"}
    for cue in cues.itertuples():
        assert text[cue.start : cue.end] == cue.text


def test_coordinated_participles_are_one_clause():
    _, cues = one("Six schools have been damaged or destroyed.")
    assert list(cues["text"]) == ["damaged or destroyed"]


def test_quoted_harm_keeps_the_speaker_voice():
    _, cues = one('"Israeli tanks shelled the camp," the spokesman said.')
    assert list(cues["voice"]) == ["direct"]


def test_determinism():
    texts = ["Israeli strikes killed 40. Dozens were wounded. Two died later.", "Over 900 injured, officials said."]
    first, second = analyse_texts(texts, CONFIG), analyse_texts(texts, CONFIG)
    assert first.cues.equals(second.cues)
    assert first.sentences[["agency", "agency_agent"]].equals(second.sentences[["agency", "agency_agent"]])


def test_lexicon_is_indexed_once_per_config():
    assert harm_lexicon(CONFIG) is harm_lexicon(replace(CONFIG))


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("kill\tkill|killed\tkilled\tditransitive\t", "column 'valency' has 'ditransitive'"),
        ("kill\t\tkilled\ttransitive\t", "column 'forms' is empty"),
        ("kill\tkill|killed\tkilled\ttransitive", "expected 5 tab-separated fields, found 4"),
    ],
)
def test_malformed_lexicon_names_file_and_line(tmp_path, row, expected):
    path = tmp_path / "harm.tsv"
    path.write_text("term\tforms\tparticiples\tvalency\tnote\n" + row + "\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        harm_lexicon(AnalysisConfig(lexicon_dir=tmp_path))
    assert f"{path}: line 2: " in str(info.value)
    assert expected in str(info.value)


# -- the seed articles -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    return analyse([seeds_dir], CONFIG)


@pytest.mark.parametrize(
    ("fragment", "agency", "agent"),
    [
        ("Palestinians have since been killed", "agentless_passive;agentless_passive", ""),
        ("has been damaged or destroyed", "agentless_passive", ""),
        ("The ensuing Israeli bombardment has killed", "agentive;agentive", "Israel"),
        ("Hamas and Iran blamed Israel for the killing", "", ""),
    ],
)
def test_seed_agency(seeds, fragment, agency, agent):
    rows = seeds.sentences[seeds.sentences["text"].str.contains(fragment, regex=False)]
    assert len(rows) >= 1
    assert (rows.iloc[0]["agency"], rows.iloc[0]["agency_agent"]) == (agency, agent)
