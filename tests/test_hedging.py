"""Hedges, boosters and hedged casualty figures: context rules, voice, the seed articles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from framing.annotation.hedging import build
from framing.config import AnalysisConfig
from framing.reading.segment import segment
from framing.types import Article, Doc, SpeechSpan

CONFIG = AnalysisConfig(vader=False, classifiers=False)


def annotate(text: str, speech: tuple[SpeechSpan, ...] = ()) -> Doc:
    article = Article(article_id="a1", text=text, body_start=0)
    doc = Doc(article=article, sentences=segment(article), speech=list(speech))
    build(CONFIG)(doc)
    return doc


def hedge_terms(doc: Doc) -> list[str]:
    return [c.text.lower() for c in doc.cues if c.dimension == "hedge"]


@pytest.mark.parametrize(
    ("text", "hedge", "category"),
    [
        # modals
        ("The death toll may rise further.", 1, "epistemic_modal"),
        ("Troops entered the city on May 6.", 0, ""),
        ("In May the talks resumed in Cairo.", 0, ""),
        ("May 2024 was the deadliest month.", 0, ""),
        ("Prime Minister Theresa May met the envoy.", 0, ""),
        ("The figure could be higher than reported.", 1, "epistemic_modal"),
        ("Rescuers could not reach the site for hours.", 0, ""),
        ("She can speak French and Arabic.", 0, ""),
        ("He said he would resign next week.", 0, ""),
        ("That would suggest a second strike.", 1, "epistemic_modal"),
        ("Congress must act before the deadline.", 0, ""),
        ("The shell must have come from the north.", 1, "epistemic_modal"),
        ("The minister should resign.", 0, ""),
        ("The convoy should arrive by Friday.", 1, "epistemic_modal"),
        ("How much worse could it get?", 0, ""),
        ("You may have heard about the vote.", 0, ""),
        ("The country relied on its military might.", 0, ""),
        # approximators
        ("Some 40 bodies were recovered.", 1, "approximator"),
        ("Some residents left the town.", 0, ""),
        ("Donors pledged every possible means of support.", 0, ""),
        ("Aid must arrive as soon as possible.", 0, ""),
        ("A deal is possible within days.", 1, "epistemic_adjective"),
        ("About 300 families were displaced.", 1, "approximator"),
        ("They wrote a report about the convoy.", 0, ""),
        ("Talks over the border crossing stalled.", 0, ""),
        ("Over 91,000 homes were destroyed.", 1, "approximator"),
        ("Nearly two-thirds of the buildings were damaged.", 1, "approximator"),
        ("Between 2010 and 2015 the town grew.", 0, ""),
        ("Police counted 25 to 30 protesters outside.", 1, "approximator"),
        ("The council voted 52 to 48 in favour.", 0, ""),
        # evidentials and unconfirmed status
        ("The army has not yet confirmed or denied the report.", 1, "unconfirmed"),
        ("The claims could not be independently verified.", 1, "unconfirmed"),
        ("The commander was reportedly wounded.", 1, "evidential"),
        ("The man accused of the theft was released.", 1, "evidential"),
        # epistemic verbs: evidence suggests, people propose
        ("The data suggest that the strike was deliberate.", 1, "epistemic_verb"),
        ("He suggested a meeting on Monday.", 0, ""),
        ("A progressive think tank published the study.", 0, ""),
    ],
)
def test_hedge_in_context(text, hedge, category):
    doc = annotate(text)
    values = doc.sentences[0].values
    assert values["hedge"] == hedge, hedge_terms(doc)
    if category:
        assert category in values["hedge_categories"].split(";")


@pytest.mark.parametrize(
    ("text", "hedged_figure"),
    [
        ("At least 212 people were killed in the strikes.", 1),
        ("Dozens of civilians were wounded overnight.", 1),
        ("Some 40 people died, according to the local health office.", 1),
        ("Strikes killed 40 people, according to officials.", 1),
        ("About 300 trucks entered the enclave on Sunday.", 0),  # a figure, but not of harm
        ("According to the statement, the ministers met on Oct. 7, 2023.", 0),  # a date is no figure
        ("Strikes killed 40 people on Tuesday.", 0),  # a casualty figure without a hedge
    ],
)
def test_hedged_figure(text, hedged_figure):
    doc = annotate(text)
    assert doc.sentences[0].values["hedged_figure"] == hedged_figure, hedge_terms(doc)


@pytest.mark.parametrize(
    ("text", "booster", "hedge"),
    [
        ("This is clearly a violation of the truce.", 1, 0),
        ("The deal will almost certainly collapse.", 0, 1),  # the booster is inside a hedge
        ("The ministry could not confirm that the convoy was hit.", 0, 1),  # negated booster
        ("There is no doubt that the shell hit the school.", 1, 0),
        ("He never visited Iowa.", 0, 0),
        ("We do not know that the ceasefire will hold.", 0, 0),
    ],
)
def test_booster(text, booster, hedge):
    doc = annotate(text)
    values = doc.sentences[0].values
    assert (values["booster"], values["hedge"]) == (booster, hedge)


def test_cues_carry_offsets_weights_and_categories():
    text = "The figure could be higher, the official said."
    doc = annotate(text)
    (cue,) = [c for c in doc.cues if c.dimension == "hedge"]
    assert text[cue.start : cue.end] == cue.text == "could"
    assert (cue.category, cue.term, cue.weight) == ("epistemic_modal", "could", 0.9)
    assert doc.sentences[0].values["hedge_score"] == pytest.approx(0.9)


def test_cue_voice_follows_the_speech_span():
    text = 'The toll may rise. "It may take months," the minister said.'
    quote_start = text.index('"')
    span = SpeechSpan(quote_start, text.index(",", quote_start) + 2, "direct", "the minister", "Israel")
    doc = annotate(text, (span,))
    voices = [(c.voice, c.source_actor) for c in doc.cues if c.dimension == "hedge"]
    assert voices == [("author", "author"), ("direct", "Israel")]


def test_user_lexicon_adds_a_hedge(tmp_path):
    shipped = Path(__file__).resolve().parents[1] / "lexicons" / "hedges.tsv"
    header = shipped.read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "hedges.tsv").write_text(
        f"{header}\nit is rumoured in the souk\tevidential\t1.5\t\t\n", encoding="utf-8"
    )
    article = Article(article_id="a1", text="It is rumoured in the souk that he left.", body_start=0)
    doc = Doc(article=article, sentences=segment(article))
    build(AnalysisConfig(lexicon_dir=tmp_path))(doc)
    assert [c.term for c in doc.cues] == ["it is rumoured in the souk"]


def test_same_input_same_output():
    text = "At least 40 people were reportedly killed. It is clearly a crime, which may be denied."
    first, second = annotate(text), annotate(text)
    assert first.cues == second.cues
    assert [s.values for s in first.sentences] == [s.values for s in second.sentences]


# ---------------------------------------------------------------------------------------------------
# the seed articles


def seeds_dir() -> Path:
    shared = os.environ.get("FRAMING_SHARED")
    base = Path(shared) if shared else Path(__file__).resolve().parents[2] / "shared"
    return base / "corpus" / "seeds"


def seed_sentences():
    from framing.reading.boilerplate import Boilerplate
    from framing.reading.text import read_text_article

    paths = sorted(seeds_dir().glob("*.txt"))
    if not paths:
        pytest.skip(f"seed articles not found in {seeds_dir()} (set FRAMING_SHARED)")
    rules = Boilerplate.load(None)
    sentences = []
    for path in paths:
        article = read_text_article(path.read_text(encoding="utf-8"), source=str(path), rules=rules)
        doc = Doc(article=article, sentences=segment(article))
        build(CONFIG)(doc)
        sentences.extend(doc.sentences)
    return sentences


def find(sentences, words: str):
    matches = [s for s in sentences if words in s.text]
    assert matches, f"no seed sentence contains {words!r}"
    return matches[0]


def test_seed_hedges():
    sentences = seed_sentences()
    unconfirmed = find(sentences, "has not yet confirmed or denied")
    assert unconfirmed.values["hedge"] == 1 and "unconfirmed" in unconfirmed.values["hedge_categories"]
    toll = find(sentences, "Palestinians have since been killed")
    assert toll.values["hedge"] == 1 and toll.values["hedged_figure"] == 1
    rafah = find(sentences, "invaded on May 6")
    assert "epistemic_modal" not in rafah.values["hedge_categories"]
    meeting = find(sentences, "met Tuesday with his Qatari counterpart")
    assert meeting.values["hedge"] == 0 and meeting.values["booster"] == 0


# What an approximator's figure counts: only a claim whose size is uncertain is hedged.
@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        # spans of time
        ("Almost three weeks after the flood, the bridge reopened.", 0),
        ("The siege of the port lasted about a year.", 0),
        ("Two or three days later the pumps failed.", 0),
        ("After nearly eight years in office, the governor stepped down.", 0),
        ("Over a ten-month campaign the party gained seats.", 0),
        # ages and ordinals
        ("The driver, aged about 60, walked away unhurt.", 0),
        ("The runner finished in roughly 20th place.", 0),
        # terms of a deal or plan
        ("Under the plan the rebels would free up to 25 captives.", 0),
        ("The ministry agreed to admit about 200 trucks a day.", 0),
        ("The guards were swapped in return for up to 12 fishermen.", 0),
        # uncertain sizes stay hedged
        ("Up to 25 captives were wounded in the blast.", 1),
        ("Roughly 2,000 marchers filled the square.", 1),
        ("The ferry carried nearly 300 passengers.", 1),
        ("Staff were surprised to find 25 to 30 pickets at the gate.", 1),
        ("Repairs will cost about $4 million, engineers estimate.", 1),
    ],
)
def test_approximator_needs_an_uncertain_size(text, hedge):
    doc = annotate(text)
    assert doc.sentences[0].values["hedge"] == hedge, hedge_terms(doc)


def test_time_span_approximator_does_not_hedge_a_casualty_figure_next_to_it():
    doc = annotate("Nearly two months into the siege, at least 80 fishermen have been killed.")
    values = doc.sentences[0].values
    assert hedge_terms(doc) == ["at least"]
    assert values["hedged_figure"] == 1


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("Eleven people drowned, mostly fishermen from the coast.", 0),
        ("The crowd (mainly students) marched to the hall.", 0),
        ("The march was largely peaceful.", 1),
        ("The warnings were, largely ignored by the council.", 1),
    ],
)
def test_limiting_word_in_apposition_tells_composition(text, hedge):
    doc = annotate(text)
    assert doc.sentences[0].values["hedge"] == hedge, hedge_terms(doc)


@pytest.mark.parametrize(
    "text",
    [
        "Some say the harbour deal was rushed.",
        "It is believed the convoy turned back at the border.",
        "Critics argue the levy hurts small farms.",
        "The envoy reportedly left the capital on Sunday.",
        "The fire is thought to have started in the kitchen.",
        "The vote appears to favour the incumbent.",
        "The mayor is widely considered a reformer.",
        "Many believe the dam will not hold.",
        "It has been argued that the tariff failed.",
    ],
)
def test_weasel_and_evidential_cues(text):
    doc = annotate(text)
    assert doc.sentences[0].values["hedge"] == 1, text


def _analyse(text: str):
    from framing.tables.pipeline import analyse_article

    return analyse_article(Article(article_id="a2", text=text, body_start=0), CONFIG)


@pytest.mark.parametrize(
    "text",
    [
        "The governor stands accused of fraud by the opposition.",
        "Rebel leaders repeated their allegations against the governor.",
    ],
)
def test_a_blame_cue_is_not_also_a_hedge(text):
    result = _analyse(text)
    blame = [(c["start"], c["end"]) for c in result.cues if c["dimension"] == "blame"]
    hedges = [(c["start"], c["end"], c["category"]) for c in result.cues if c["dimension"] == "hedge"]
    assert blame, "the accusation should be a blame cue"
    for start, end, category in hedges:
        assert not any(a < end and start < b for a, b in blame), (category, hedges, blame)


def test_a_shield_inside_a_blame_phrase_still_hedges():
    result = _analyse("The auditor said the treasurer was partly to blame for the shortfall.")
    assert any(c["dimension"] == "blame" for c in result.cues)
    assert "partly" in [c["text"] for c in result.cues if c["dimension"] == "hedge"]


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        # a minimum set by a rule, condition or requirement is a threshold, not an estimate
        ("The measure passes if backers hold at least 60 percent of the seats.", 0),
        ("Applicants must show at least three payslips.", 0),
        ("It needs at least 34 votes, the number required for a veto.", 0),
        ("At least 34 crew members were rescued.", 1),
        ("At least the ferry was insured.", 1),
        # "under one" / "over one" with a noun is a preposition and a determiner
        ("The clinics work under one roof.", 0),
        ("Turnout fell to under one percent.", 1),
        ("At least one ranger was hurt.", 1),
        # a time span written as a compound
        ("The nearly two-year-long inquiry closed on Friday.", 0),
    ],
)
def test_thresholds_and_determiners_are_not_estimates(text, hedge):
    doc = annotate(text)
    assert doc.sentences[0].values["hedge"] == hedge, hedge_terms(doc)


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        # a person suggesting is reporting or proposing
        ("Mayor Okafor didn't suggest a recount.", 0),
        ("Senator Okafor is suggesting he won the debate.", 0),
        ("The envoy used the dinner to suggest that the truce was fragile.", 0),
        ("The union wrote to the board and suggesting a pay freeze was unfair.", 0),
        # evidence suggesting is a hedge
        ("The soil samples suggest that the well was poisoned.", 1),
        ("The tallies seem to suggest a late swing.", 1),
    ],
)
def test_suggest_hedges_only_with_evidence_as_subject(text, hedge):
    doc = annotate(text)
    assert doc.sentences[0].values["hedge"] == hedge, hedge_terms(doc)


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("The council claimed the flood defences were sound.", 1),
        ("Okafor claims that the count was rigged.", 1),
        ("The ministry claimed Tuesday that no villages were hit.", 1),
        ("The rebels claimed responsibility for the ambush.", 0),
        ("The storm claimed the lives of six sailors.", 0),
        ("The claims were dismissed by the court.", 0),
        ("Her claims that the count was rigged spread quickly.", 0),
        # weasels with a modal, and a contracted negation
        ("It is a plan some would question as wasteful.", 1),
        ("The threat isn't necessarily coming from the north.", 1),
        # the accusation noun is blame (codebook 4), not a hedge
        ("The treasurer rejected the allegations.", 0),
    ],
)
def test_claim_verbs_weasels_and_accusation_nouns(text, hedge):
    doc = annotate(text)
    assert doc.sentences[0].values["hedge"] == hedge, hedge_terms(doc)
