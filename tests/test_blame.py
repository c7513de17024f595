"""Tests for the blame annotator: triples (source, target, what for, voice) in every grammatical form,
false positives it must avoid, the lexicon checks, and the done-when checks on the seed articles."""

from __future__ import annotations

from dataclasses import replace

import pytest

from framing.annotation.blame import blame_lexicon, blame_rows
from framing.config import AnalysisConfig
from framing.errors import LexiconError
from framing.resources import actor_sets
from framing.running.inprocess import analyse, analyse_texts

# the rules are tested with the shipped actor sets applied (actors are otherwise discovered only)
CONFIG = AnalysisConfig(vader=False, classifiers=False, actor_files=tuple(actor_sets().values()))


def one(text: str):
    analysis = analyse_texts([text], CONFIG)
    rows = analysis.sentences
    cues = analysis.cues[analysis.cues["dimension"] == "blame"]
    return rows.iloc[-1], cues


@pytest.mark.parametrize(
    ("text", "targets", "sources", "voice"),
    [
        ("Hamas and Iran blamed Israel for the strike.", "Israel", "Hamas;Iran", "attributed"),
        ("Israel was blamed by Egypt for the delay.", "Israel", "Egypt", "attributed"),
        ("Qatar held Israel responsible for the collapse.", "Israel", "Qatar", "attributed"),
        ("Egypt condemned the Israeli raid on the camp.", "Israel", "Egypt", "attributed"),
        ("Israel stands accused of war crimes at the court.", "Israel", "(unnamed)", "attributed"),
        ("Hamas has refused every proposal so far.", "Hamas", "author", "author"),
        ("The talks were obstructed by Netanyahu's demands.", "Israel", "author", "author"),
        ("Progress was hampered by the Israeli rejection of the plan.", "Israel", "author", "author"),
        ("The onus is on Hamas now.", "Hamas", "author", "author"),
        ("Washington bears responsibility for the famine.", "US", "author", "author"),
        ("The ball is in Tehran's court, the minister said.", "Iran", "minister", "attributed"),
        ("Senator Reyes faced fierce criticism from his party.", "Reyes", "party", "attributed"),
        ("Carter came under criticism for the delay.", "Carter", "(unnamed)", "attributed"),
        ("The group called on Mayor Okafor to resign.", "Okafor", "group", "attributed"),
        ("The ensuing Israeli bombardment has killed at least 300 people.", "Israel", "author", "author"),
    ],
)
def test_blame_triples(text, targets, sources, voice):
    row, _ = one(text)
    assert row["blame"] == 1
    assert row["blame_targets"] == targets
    assert row["blame_sources"] == sources
    assert row["blame_voice"] == voice


@pytest.mark.parametrize(
    "text",
    [
        # failure or refusal without an actor as subject
        "Talks between Israel and Hamas have failed to produce a deal.",
        "Negotiations mediated by Qatar and Egypt stalled again in May.",
        # negated or denied accusations are not blame
        "Israel has not accused Egypt of anything.",
        "The spokesman said he had never violated any rules.",
        # captivity is not the idiom of responsibility
        "Families of the hostages in the hands of Hamas met the envoy.",
        # a blame word whose object is no actor
        "The minister condemned the violence in general terms.",
        # harm without a named doer
        "At least 40 Palestinians were killed on Tuesday.",
        "Three children died of hunger in the north.",
        # a subject that is a pronoun for a thing, not an actor
        "It was a reminder that the plan had been rejected before.",
    ],
)
def test_no_blame(text):
    row, cues = one(text)
    assert row["blame"] == 0, cues[["category", "text", "target_actor"]].to_dict("records")
    assert row["blame_targets"] == ""
    assert row["blame_voice"] == ""


@pytest.mark.parametrize(
    ("text", "category", "detail"),
    [
        ("Hamas and Iran blamed Israel for the killing.", "accusation", "for the killing"),
        ("Israel stands accused of genocide at the court.", "accusation", "of genocide"),
        ("Israel has flouted the resolution.", "violation", ""),
        ("The Israeli bombardment killed dozens of people.", "harm_by_agent", "Israeli bombardment"),
        ("It is up to Hamas to decide.", "responsibility_idiom", ""),
    ],
)
def test_cue_category_detail_and_offsets(text, category, detail):
    analysis = analyse_texts([text], CONFIG)
    cues = analysis.cues[analysis.cues["dimension"] == "blame"]
    assert category in set(cues["category"])
    cue = cues[cues["category"] == category].iloc[0]
    assert cue["detail"] == detail
    article_text = analysis.articles["text"].iloc[0]
    for c in cues.itertuples():
        assert article_text[c.start : c.end] == c.text
        assert c.term


def test_blame_score_counts_each_cue_once():
    row, cues = one("Hamas and Iran blamed Israel and Egypt for the killing.")
    assert row["blame_targets"] == "Egypt;Israel"
    assert len(cues) == 4  # two sources x two targets, one piece of evidence
    assert row["blame_score"] == pytest.approx(1.0)


def test_mixed_voices_give_both():
    row, _ = one("Israeli strikes killed 40 people, and Egypt condemned Israel.")
    assert row["blame_voice"] == "both"


def test_determinism():
    texts = [
        "Hamas and Iran blamed Israel for the killing. The ball is in the Israeli court, Taha said.",
        "Israeli strikes killed 40 people. Dozens were wounded. Israel refused the plan.",
    ]
    first = analyse_texts(texts, CONFIG)
    second = analyse_texts(texts, CONFIG)
    assert first.cues.equals(second.cues)
    columns = ["blame", "blame_score", "blame_targets", "blame_sources", "blame_voice"]
    assert first.sentences[columns].equals(second.sentences[columns])


def test_lexicon_is_indexed_once_per_config():
    assert blame_lexicon(CONFIG) is blame_lexicon(replace(CONFIG))
    assert len(blame_lexicon(CONFIG).matcher) > 100


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("accuse\tverb\taccused\taccusation\tsideways\t1\t", "column 'target' has 'sideways'"),
        ("accuse\tverb\taccused\taccusation\t\t1\t", "column 'target' is empty"),
        ("ball\tidiom\tball is in court\tresponsibility_idiom\tslot\t1\t", "column 'forms' has 'ball is in court'"),
        ("accuse\tverb\taccused\tblame\tobject\t1\t", "column 'category' has 'blame'"),
        ("accuse\tverb\taccused\taccusation\tobject\tmuch\t", "column 'weight' must be a number"),
    ],
)
def test_malformed_lexicon_names_file_and_line(tmp_path, row, expected):
    path = tmp_path / "blame.tsv"
    path.write_text("term\tpos\tforms\tcategory\ttarget\tweight\tnote\n" + row + "\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        blame_rows(AnalysisConfig(lexicon_dir=tmp_path))
    assert f"{path}: line 2: " in str(info.value)
    assert expected in str(info.value)


def test_user_lexicon_adds_a_cue(tmp_path):
    (tmp_path / "blame.tsv").write_text(
        "term\tpos\tforms\tcategory\ttarget\tweight\tnote\n"
        "scapegoat\tverb\tscapegoated\taccusation\tobject\t2\t\n",
        encoding="utf-8",
    )
    config = AnalysisConfig(lexicon_dir=tmp_path, vader=False, classifiers=False)
    row = analyse_texts(["Egypt scapegoated Qatar for the failure."], config).sentences.iloc[-1]
    assert (row["blame_targets"], row["blame_sources"], row["blame_score"]) == ("Qatar", "Egypt", 2.0)


# -- the seed articles -------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["rules", "default"])
def seeds(request, seeds_dir):
    """The seed articles analysed by the rules alone, and as the command runs by default (classifiers
    on: the blame model reports p_blame, the target model names open accusations' actors)."""
    if request.param == "rules":
        return analyse([seeds_dir], CONFIG)
    return analyse([seeds_dir], AnalysisConfig(vader=False))


def seed_sentence(analysis, fragment: str):
    rows = analysis.sentences[analysis.sentences["text"].str.contains(fragment, regex=False)]
    assert len(rows) >= 1, fragment
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("fragment", "targets", "sources", "voice"),
    [
        ("Hamas and Iran blamed Israel", "Israel", "Hamas;Iran", "attributed"),
        ("have been hampered by Israeli Prime Minister", "Israel", "author", "author"),
        ("the ball is now in Hamas", "Hamas", "US", "attributed"),
        ("it is on Hamas to make decisions", "Hamas", "US", "attributed"),
        ("in the hands of Hamas right now", "Hamas", "US", "attributed"),
        ("the ball is in the Israeli court", "Israel", "Hamas", "attributed"),
        ("Israel had thus far refused", "Israel", "Hamas", "attributed"),
        ("The ensuing Israeli bombardment has killed", "Israel", "author", "author"),
        # an accusation whose accuser is not named is reported, not the outlet's own
        ("Israel stands accused of genocide", "Israel", "(unnamed)", "attributed"),
        # the outlet's "Flouting a resolution" (violation) beside an unnamed condemnation
        ("Israel has faced international condemnation", "Israel", "(unnamed);author", "both"),
    ],
)
def test_seed_blame(seeds, fragment, targets, sources, voice):
    row = seed_sentence(seeds, fragment)
    assert (row["blame"], row["blame_targets"], row["blame_sources"], row["blame_voice"]) == (
        1,
        targets,
        sources,
        voice,
    )


@pytest.mark.parametrize(
    ("fragment", "category", "term"),
    [
        ("have been hampered by Israeli Prime Minister", "obstruction", "hamper"),
        ("have been hampered by Israeli Prime Minister", "refusal", "rejection"),
        ("The ensuing Israeli bombardment has killed", "harm_by_agent", "kill"),
        ("the ball is in the Israeli court", "responsibility_idiom", "ball in court"),
        ("Israel had thus far refused", "refusal", "refuse"),
    ],
)
def test_seed_cue_families(seeds, fragment, category, term):
    row = seed_sentence(seeds, fragment)
    cues = seeds.cues[(seeds.cues["sentence_id"] == row["sentence_id"]) & (seeds.cues["dimension"] == "blame")]
    assert ((cues["category"] == category) & (cues["term"] == term)).any()


@pytest.mark.parametrize(
    "fragment",
    [
        "Indirect talks between Israel and Hamas",
        "Qatar will continue to work with its partners",
        "called Wednesday for continuing negotiations",
        "received a phone call from Blinken",
        "took up the strategic ties between Qatar",
    ],
)
def test_seed_no_blame(seeds, fragment):
    assert seed_sentence(seeds, fragment)["blame"] == 0


# -- families added for recall: criticism, wrongdoing, causation, fault nouns, calls to stop --------


@pytest.mark.parametrize(
    ("text", "category", "targets"),
    [
        # criticism and verbal attack: the object is blamed
        ("Senator Ortega attacked Governor Lind for the budget cuts.", "condemnation", "Lind"),
        ("The union took aim at the Harlow Company over the layoffs.", "condemnation", "Harlow Company"),
        ("Activists called out Mayor Brandt for the delays.", "condemnation", "Brandt"),
        ("The candidate railed against Congress at the rally.", "condemnation", "Congress"),
        ("Ms. Vance lashed out at Senator Pike after the vote.", "condemnation", "Pike"),
        ("Her rival took a swipe at Governor Lind in the debate.", "condemnation", "Lind"),
        ("The editorial chided Senator Pike for his silence.", "condemnation", "Pike"),
        ("Mr. Cole mocked Senator Pike on television.", "condemnation", "Pike"),
        ("The regulator admonished the bank for the errors.", "condemnation", "bank"),
        # verbal attack with no actor attacked: the attacker is blamed
        ("The regime is attacking the freedom of the press.", "wrongdoing", "regime"),
        # legal outcome and status
        ("Dan Marsh was convicted of fraud last year.", "accusation", "Dan Marsh"),
        ("Dan Marsh pleaded guilty to two counts of bribery.", "wrongdoing", "Dan Marsh"),
        ("The agency has been under fire for the slow response.", "accusation", "agency"),
        ("Senator Pike came under fire over the donations.", "condemnation", "Pike"),
        ("Dan Marsh was arrested for assaulting a guard.", "accusation", "Dan Marsh"),
        # wrongdoing reported of an actor
        ("Dan Marsh cheated the investors out of millions.", "wrongdoing", "Dan Marsh"),
        ("The treasurer embezzled funds from the charity.", "wrongdoing", "treasurer"),
        ("Aides covered up the report for months.", "wrongdoing", "aides"),
        ("The ministry mishandled the outbreak from the start.", "failure", "ministry"),
        ("Senator Pike played politics with the relief money.", "wrongdoing", "Pike"),
        ("Officials turned a blind eye to the abuse.", "failure", "officials"),
        ("The governor let it happen.", "failure", "governor"),
        ("Senator Pike interfered in the inquiry.", "wrongdoing", "Pike"),
        ("Ms. Vance said Senator Pike is a liar.", "wrongdoing", "Pike"),
        # relative clause: the antecedent is the subject
        ("Mayor Brandt, who lied to the council, resigned on Monday.", "violation", "Brandt"),
        # causation
        ("The Harlow Company caused the spill.", "causation", "Harlow Company"),
        ("The spill was caused by the Harlow Company.", "causation", "Harlow Company"),
        ("Investigators say the rebels were behind the bombing.", "causation", "rebels"),
        # fault and wrongdoing nouns: possessor, by-phrase, of-phrase
        ("Governor Lind's failure to act left towns flooded.", "failure", "Lind"),
        ("The report cites negligence by the ministry.", "failure", "ministry"),
        ("Voters are tired of Senator Pike's lies.", "wrongdoing", "Pike"),
        ("The flooding exposed the incompetence of the administration.", "failure", "administration"),
        # harm nouns with a doer
        ("Crowds marched against the killing of a teenager by police.", "harm_by_agent", "police"),
        ("Residents protested against Merrow's bombing of the port.", "harm_by_agent", "Valdoria"),
        # calls on an actor to stop or apologise
        ("The council called on Mayor Brandt to apologize.", "call_to_act", "Brandt"),
        ("It is time for Congress to act on the crisis.", "responsibility_idiom", "Congress"),
    ],
)
def test_new_blame_families(text, category, targets):
    row, cues = one(text)
    assert row["blame"] == 1, text
    assert category in set(cues["category"]), cues[["category", "text", "target_actor"]].to_dict("records")
    assert row["blame_targets"] == targets


@pytest.mark.parametrize(
    "text",
    [
        # neutral reports of disagreement, positions and plans
        "The two parties disagree on the size of the budget.",
        "The senator wants to raise the minimum wage.",
        "Talks failed to agree on a ceasefire.",
        "The president called on Congress to pass the budget.",
        # praise and support
        "The mayor praised the firefighters for their courage.",
        "Governor Lind thanked the volunteers.",
        # a lawsuit or an investigation reported neutrally
        "A lawsuit against the Harlow Company is pending before the court.",
        # physical causes and reasons that are no actor
        "The storm caused widespread damage along the coast.",
        "She was the reason they came to the rally.",
        # fault nouns with no actor
        "The failure of the talks surprised analysts.",
        "The mistakes of the past weigh on the economy.",
        # competition: behind in the polls is not 'behind the attack'
        "Senator Pike is behind in the polls.",
        # negated wrongdoing
        "The treasurer has not embezzled anything.",
    ],
)
def test_new_families_no_blame(text):
    row, cues = one(text)
    assert row["blame"] == 0, cues[["category", "text", "target_actor"]].to_dict("records")


def test_object_pronoun_is_the_target():
    row, _ = one("Mary Holt said Senator Pike kept attacking her for weeks.")
    assert row["blame"] == 1
    assert row["blame_targets"] in {"Mary Holt", "she"}


def test_pronoun_target_resolved_from_earlier_sentence():
    analysis = analyse_texts(["Mayor Dana Brandt spoke on Monday. Critics say she mishandled the flood."], CONFIG)
    row = analysis.sentences.iloc[-1]
    assert row["blame"] == 1
    assert row["blame_targets"] == "Dana Brandt"


def test_pronoun_target_kept_without_referent():
    row, _ = one("They covered up the report for months.")
    assert row["blame_targets"] == "they"


def test_leading_quantifier_is_dropped_from_targets():
    row, _ = one("Both Facebook and Twitter have been under fire for the leak.")
    assert row["blame_targets"] == "Facebook;Twitter"


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ("Foreign Minister Lena Ward met envoys on Monday. She accused Ruritania of stalling the talks.", "Lena Ward"),
        ("They accused Ruritania of stalling the talks.", "unidentified"),
    ],
)
def test_pronoun_source_is_named_never_bare(text, sources):
    analysis = analyse_texts([text], CONFIG)
    row = analysis.sentences.iloc[-1]
    assert row["blame_targets"] == "Ruritania"
    assert row["blame_sources"] == sources


def test_a_capitalised_noun_with_its_complement_is_not_a_target():
    """"Failure to share ... will cause deaths": a sentence-initial noun followed by "to" or "of" is not
    a name, so it is never the one blamed."""
    analysis = analyse_texts(["Failure to promptly share the data will cause deadly delays, the agency warned."], CONFIG)
    row = analysis.sentences.iloc[-1]
    assert "Failure" not in row["blame_targets"]
    assert row["blame"] == 0


def test_a_second_verb_after_and_is_not_a_second_target():
    """"blamed the attack on the rebels and accused the army ...": the army is the target of
    "accused" only, and the sentence-initial capital does not make a second source."""
    analysis = analyse_texts(["Officials blamed the attack on the rebels and accused the army of negligence."], CONFIG)
    cues = analysis.cues[analysis.cues["dimension"] == "blame"]
    pairs = sorted(zip(cues["term"], cues["target_actor"], strict=True))
    assert pairs == [("accuse", "army"), ("blame", "rebels")]
    assert set(cues["source_actor"]) == {"officials"}
    assert analysis.sentences.iloc[-1]["blame_sources"] == "officials"


# --------------------------------------------------------------------------------------------------
# the accuser, not the outlet (issue: who blames whom on any corpus)


@pytest.mark.parametrize(
    ("text", "targets", "sources", "voice"),
    [
        # a subject who accuses or criticises is the source, also with a title, an auxiliary or an adverb
        ("The World Bank has accused Ruritania of hiding its debts.", "Ruritania", "World Bank", "attributed"),
        ("Kimberly also criticizes the Harbour Authority for the delays.", "Harbour Authority", "Kimberly", "attributed"),
        ("Portugal and the Federation of Nations publicly faulted Madrid for the failure of the talks.",
         "Madrid", "Federation of Nations;Portugal", "attributed"),
        # an accusation reported without its accuser: unnamed, not the outlet
        ("Ruritania stands accused of war crimes at the tribunal.", "Ruritania", "(unnamed)", "attributed"),
        ("Ruritania has faced condemnation for the raid.", "Ruritania", "(unnamed)", "attributed"),
        # criticism without a blame verb
        ("Senator Alvarez has been critical of the Harbour Authority for years.", "Harbour Authority", "Alvarez", "attributed"),
        ("Mayor Brandt questioned Ortiz's figures on Monday.", "Ortiz", "Brandt", "attributed"),
        ("Ms Lind issued a statement warning of the peril of supporting Governor Hale.", "Hale", "Lind", "attributed"),
        ("Lisbon bears responsibility for what follows.", "Lisbon", "author", "author"),
        # the accuser named in an apposition to the subject
        ("The port's director, Harriet Vole of Dunmore, also criticized Governor Hale on Monday.", "Hale", "Harriet Vole", "attributed"),
        # a named subject whose apposition only describes it
        ("Councillor Ivo Brandt, a Liberal, blamed Governor Hale for the closures.", "Hale", "Ivo Brandt", "attributed"),
        # in a quotation the speaker is the source
        ('"Brenford bears responsibility for what follows," Ortiz said.', "Brenford", "Ortiz", "attributed"),
    ],
)
def test_the_accuser_is_the_source(text, targets, sources, voice):
    row, _ = one(text)
    assert (row["blame"], row["blame_targets"], row["blame_sources"], row["blame_voice"]) == (1, targets, sources, voice)


def test_a_main_clause_after_a_fronted_phrase_is_no_apposition():
    # "In a speech ..., X echoed Y and castigated Z, accusing ...": not "Y and Z" as the accusers
    row, _ = one("In a speech earlier this month, Kolb echoed President Marta Hale and castigated the Port "
                 "Authority, accusing the agency of being corrupt.")
    assert not {"Marta Hale", "Port Authority"} & set(row["blame_sources"].split(";"))


@pytest.mark.parametrize(
    "text",
    [
        "Union spokesman Tom Reyes rejected that account.",  # disputing a claim is no refusal
        "The army said it shot down four drones near the border.",  # a doer reporting its own action
        "Toll from Brenford shelling rises, officials say.",  # an -ing noun, no doer named
        "Mayor Brandt questioned the result of the vote.",  # criticism of no actor: not blame
    ],
)
def test_no_blame_between_actors(text):
    row, _ = one(text)
    assert row["blame"] == 0, row["blame_targets"]
