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


# -- the forms of issue 15: the side is named on the attack, in a relative clause, after a named subject


@pytest.mark.parametrize(
    ("text", "agency", "agent"),
    [
        # a possessive or an adjective on the attack noun the clause attaches to
        ("Hamas's raids on 9 March killed 300 villagers.", "agentive", "Hamas"),
        ("Four aid workers were killed in an Israeli air strike on Khan Younis.", "agentive", "Israel"),
        ("Dozens of families were killed in Israel's shelling of the camp.", "agentive", "Israel"),
        ("Two boys were shot in the back by Israeli soldiers near the fence.", "agentive", "Israel"),
        ("The boy was shot by a police officer two weeks ago.", "agentive", "officer"),
        # a relative clause on an attributed attack
        ("The assault by Hamas fighters in which 800 people were killed shocked the region.", "agentive", "Hamas"),
        ("Hamas's 9 March raid, in which 300 villagers were killed, ended the truce.", "agentive", "Hamas"),
        ("The Israeli strike, during which 14 people were wounded, hit a clinic.", "agentive", "Israel"),
        # coordinated or relative verbs after a named subject
        ("Hamas fighters killed about 300 villagers and took 60 others captive.", "agentive", "Hamas"),
        (
            "Tuesday's night raid by Hamas fighters, who killed at least 300 villagers and wounded many more, "
            "ended the truce.",
            "agentive;agentive",
            "Hamas",
        ),
        ("Israeli troops raided the camp and killed four men.", "agentive", "Israel"),
        ("The Israeli army, which shelled the town on Monday, killed 12 people.", "agentive", "Israel"),
        ("Militants, who stormed the town and killed 12, fled across the border.", "agentive", "militants"),
        ("Hamas gunmen who stormed into the border towns on Saturday killed 300 villagers.", "agentive", "Hamas"),
        ("Officials who said Israel killed 40 people demanded an inquiry.", "agentive", "Israel"),
        ("Protests followed the raid by Israeli troops in Jenin that killed nine.", "agentive", "Israel"),
        # the side of an attack in the subject, and a "-led" modifier
        ("The Saturday raid by Hamas killed about 300 villagers.", "agentive", "Hamas"),
        ("Rockets fired by Hamas killed two people in the port.", "agentive", "Hamas"),
        ("Hamas-led fighters killed 300 villagers and took 60 captives.", "agentive", "Hamas"),
        ("More than 300 villagers were killed in the Hamas-led raid on the border towns.", "agentive", "Hamas"),
        # a participle clause hanging on a named subject
        ("Hamas launched a raid on the border town, killing more than 300 villagers.", "agentive", "Hamas"),
        ("Israel struck the refugee camp overnight, wounding 40 people.", "agentive", "Israel"),
        ("The army moved in after Hamas fighters crossed the fence, killing 30 villagers.", "agentive", "Hamas"),
        # a source between the relative pronoun and the verb is not the doer
        ("Israel denied a role in the blast, which Hamas officials said killed 40.", "agentive", ""),
        # harm nouns: the doer of a noun of killing is its actor modifier, a noun of dying has none
        ("The police killing of a teenager sparked protests.", "agentive", "police"),
        ("The deaths of 40 people in Israeli strikes drew condemnation.", "agentive", "Israel"),
        ("Israeli strikes caused the deaths of 40 people.", "agentive", "Israel"),
        ("The death toll rose to 52.", "no_agent", ""),
        ("Deaths among aid workers have doubled this year.", "no_agent", ""),
        ("Officials described a mass killing at the school.", "no_agent", ""),
        ("The blast left 12 people dead.", "agentive", ""),
        ("The flood left 12 dead.", "agentive", ""),
        ("Nine were killed and 30 others wounded, leaving hundreds dead in a week.", "agentless_passive;agentless_passive;no_agent", ""),
    ],
)
def test_the_side_is_named_where_the_sentence_names_it(text, agency, agent):
    row, _ = one(text)
    assert (row["agency"], row["agency_agent"]) == (agency, agent)


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        # a side named only in another clause does not make the mention agentive
        ("Twenty people have been killed since Israel began its offensive.", "agentless_passive"),
        ("Nine were killed when Hamas raided the village.", "agentless_passive"),
        ("Five people died after Israeli troops entered the town.", "no_agent"),
        ("Nine were killed in a strike on a school, and Israel denied any role.", "agentless_passive"),
        # a source is never the agent
        ("At least 40 people were killed, the Hamas-run health ministry says.", "agentless_passive"),
        ("The Israeli army said 12 soldiers had been wounded in the fighting.", "agentless_passive"),
        ("According to the Hamas-run ministry, the death toll has passed 30,000.", "no_agent"),
        # an attack with no side, a place or custody is no doer
        ("Six people were killed in the attack on the market.", "agentless_passive"),
        ("Three prisoners died in Israeli custody.", "no_agent"),
        ("Ten were injured in a Gaza City explosion.", "agentless_passive"),
        # a victim is no doer
        ("Palestinian deaths have passed 30,000.", "no_agent"),
        ("Ali's death was confirmed on Friday.", "no_agent"),
    ],
)
def test_exclusions(text, agency):
    row, _ = one(text)
    assert row["agency"] == agency
    assert row["agency_agent"] == ""


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("The doctors said the harm of dying alone weighed on families.", "no_agent"),
        ("Relatives of those killed gathered at the hospital.", "agentless_passive"),
        ("Two men were wounded on Friday by a car bomb.", "agentive"),
        ("Three soldiers were killed by friendly fire.", "agentive"),
        ("The protesters feared the devices were built to explode and kill.", "agentive"),
        ("The gunman and his brother, both residents of the town, killed 14 people.", "agentive"),
        ("The ban came after a gunman and his brother, both from the town, killed 14 people.", "agentive"),
        ("She reflected on the death by remembering her brother.", "no_agent"),
        ("The raids that killed 130 in the capital led to new patrols.", "agentive"),
    ],
)
def test_harm_in_other_frames(text, agency):
    row, _ = one(text)
    assert row["agency"] == agency


@pytest.mark.parametrize(
    "text",
    [
        "He faces a death sentence.",
        "The bill is dead on arrival.",
        "The two candidates are in a dead heat.",
        "He was charged with second-degree murder.",
        "Murder rates fell last year.",
        "She was scared to death of the dark.",
    ],
)
def test_idioms_and_compounds_are_no_mentions(text):
    row, cues = one(text)
    assert row["agency"] == ""
    assert cues.empty


def test_one_cue_per_mention_in_order():
    row, cues = one("Israeli strikes killed 40 people, and the death toll rose as 12 more died in hospital.")
    assert row["agency"] == "agentive;no_agent;no_agent"
    assert list(cues["text"]) == ["killed", "death toll", "died"]
    assert list(cues["category"]) == row["agency"].split(";")
    assert row["agency_agent"] == "Israel"


@pytest.mark.parametrize(
    "text",
    [
        "The wounded were taken to Nasser hospital.",
        "Hamas blamed Israel for the bombing of the school.",
        "Doctors treated two injured children overnight.",
        "He was accused of killing the envoy.",
        "The bank shooting highlighted the failure of gun laws.",
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
        ("Hamas and Iran blamed Israel for the killing", "no_agent", ""),  # a harm noun; blame is not agency
    ],
)
def test_seed_agency(seeds, fragment, agency, agent):
    rows = seeds.sentences[seeds.sentences["text"].str.contains(fragment, regex=False)]
    assert len(rows) >= 1
    assert (rows.iloc[0]["agency"], rows.iloc[0]["agency_agent"]) == (agency, agent)


def test_user_lexicon_without_the_noun_columns_still_loads(tmp_path):
    (tmp_path / "harm.tsv").write_text(
        "term\tforms\tparticiples\tvalency\tnote\nlynch\tlynch|lynched\tlynched\ttransitive\t\n", encoding="utf-8"
    )
    config = AnalysisConfig(vader=False, classifiers=False, lexicon_dir=tmp_path)
    analysis = analyse_texts(["Two men were lynched by a mob.", "The death toll rose."], config)
    assert list(analysis.sentences["agency"]) == ["agentive", "no_agent"]


def test_unknown_pos_names_file_and_line(tmp_path):
    path = tmp_path / "harm.tsv"
    path.write_text("term\tforms\tparticiples\tvalency\tpos\tnote\nraid\traid\t\ttransitive\tweapon\t\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        harm_lexicon(AnalysisConfig(lexicon_dir=tmp_path))
    assert f"{path}: line 2: " in str(info.value)
    assert "column 'pos' has 'weapon'" in str(info.value)



# -- the agency gold files (annotations/agency_*.csv): locations and codes only, text from the datasets


@pytest.mark.datasets
@pytest.mark.slow
def test_agency_gold_files_join_with_matching_fingerprints():
    import pandas as pd

    from framing.reading import datasets as D

    try:
        D.data_dir()
    except D.DatasetUnavailable as exc:
        pytest.skip(f"datasets not found ({exc}): set {D.ENV_VAR}")
    items = pd.read_csv(D.ANNOTATIONS_DIR / "agency_items.csv", dtype=str, keep_default_na=False)
    items = D.attach_text(items)  # raises SampleMismatch naming the item if a fingerprint differs
    texts = dict(zip(items["item_id"], items["text"], strict=True))
    sample = D.attach_text(D.load_sample_items())
    sample_texts = dict(zip(sample["item_id"], sample["text"], strict=True))
    for name, known in (("agency_coded.csv", texts), ("agency_coded_sample.csv", sample_texts)):
        codes = pd.read_csv(D.ANNOTATIONS_DIR / name, dtype=str, keep_default_na=False)
        assert set(codes["item_id"]) <= set(known), name
        assert set(codes["label"]) <= {"agentive", "agentless_passive", "no_agent", "none"}, name
        mentions = codes[codes["label"] != "none"]
        for row in mentions.itertuples():
            word = known[row.item_id][int(row.start) : int(row.end)]
            assert word.replace(" ", "").isalpha(), (name, row.item_id, row.mention)
    coded = pd.read_csv(D.ANNOTATIONS_DIR / "agency_coded.csv", dtype=str, keep_default_na=False)
    assert coded.loc[coded["label"] != "none", "item_id"].nunique() >= 150
