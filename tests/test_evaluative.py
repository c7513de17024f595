"""Evaluative language: polarity, intensifiers, downtoners, negation, names, voice split, seeds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from framing.annotation.evaluative import build
from framing.config import AnalysisConfig
from framing.reading.segment import segment
from framing.types import Article, Doc, SpeechSpan

CONFIG = AnalysisConfig(vader=False, classifiers=False)


def annotate(text: str, speech: tuple[SpeechSpan, ...] = ()) -> Doc:
    article = Article(article_id="a1", text=text, body_start=0)
    doc = Doc(article=article, sentences=segment(article), speech=list(speech))
    build(CONFIG)(doc)
    return doc


def evaluative_cues(doc: Doc):
    return [c for c in doc.cues if c.dimension == "evaluative"]


@pytest.mark.parametrize(
    ("text", "word", "polarity"),
    [
        ("The army pressed on with a brutal offensive.", "brutal", "negative"),
        ("Aid agencies described a crippling blockade.", "crippling", "negative"),
        ("Israel has launched a deadly offensive.", "deadly", "negative"),
        ("The court heard charges of genocide.", "genocide", "negative"),
        ("There has been a rational offer.", "rational", "positive"),
    ],
)
def test_evaluative_words_and_polarity(text, word, polarity):
    doc = annotate(text)
    cues = [c for c in evaluative_cues(doc) if c.text.lower() == word]
    assert [c.polarity for c in cues] == [polarity]
    values = doc.sentences[0].values
    assert (values["evaluative"], values["polarity"]) == (1, polarity)
    assert text[cues[0].start : cues[0].end].lower() == word


@pytest.mark.parametrize(
    "text",
    [
        "The foreign ministers met on Tuesday in Washington.",
        "Hamas spokesman Jihad Taha said the ball was in the other court.",  # a name, not a word
    ],
)
def test_neutral_sentences_have_no_evaluative_cue(text):
    doc = annotate(text)
    assert evaluative_cues(doc) == []
    assert doc.sentences[0].values["polarity"] == ""


def test_unvalenced_label_is_recorded_but_not_evaluative():
    doc = annotate("Militants crossed the border at dawn.")
    (cue,) = evaluative_cues(doc)
    assert (cue.category, cue.polarity) == ("actor_label", "neutral")
    values = doc.sentences[0].values
    assert (values["evaluative"], values["polarity"]) == (0, "neutral")


def weight_of(text: str, word: str) -> tuple[float, str, str]:
    (cue,) = [c for c in evaluative_cues(annotate(text)) if c.text.lower() == word]
    return cue.weight, cue.polarity, cue.detail


def test_intensifier_and_downtoner_scale_the_next_word():
    plain, _, _ = weight_of("It was a brutal raid.", "brutal")
    strong, polarity, detail = weight_of("It was an extremely brutal raid.", "brutal")
    weak, _, weak_detail = weight_of("It was a slightly brutal raid.", "brutal")
    assert weak < plain < strong
    assert polarity == "negative"
    assert detail == "intensified by extremely"
    assert weak_detail == "toned down by slightly"


def test_intensified_evaluation_is_a_booster():
    doc = annotate("It was an extremely brutal raid.")
    boosters = [c for c in doc.cues if c.dimension == "booster"]
    assert [(c.category, c.text) for c in boosters] == [("intensifier", "extremely")]
    assert doc.sentences[0].values["booster"] == 1


@pytest.mark.parametrize(
    ("text", "word", "polarity", "detail"),
    [
        ("The raid was not brutal.", "brutal", "positive", "negated by not"),
        ("The raid was not very brutal.", "brutal", "positive", "intensified by very; negated by not"),
        ("The road is no longer deadly.", "deadly", "negative", "weakened by no longer"),
        ("They did not condemn the brutal raid.", "brutal", "negative", ""),  # negation stops at a verb
        ("The raid was not only brutal but long.", "brutal", "negative", ""),
        ("Not far away, a brutal raid began.", "brutal", "negative", ""),  # a comma ends the reach
    ],
)
def test_negation(text, word, polarity, detail):
    _, got_polarity, got_detail = weight_of(text, word)
    assert (got_polarity, got_detail) == (polarity, detail)


def test_weakening_negator_halves_the_weight():
    plain, _, _ = weight_of("The road is deadly.", "deadly")
    weakened, _, _ = weight_of("The road is no longer deadly.", "deadly")
    assert weakened == pytest.approx(plain / 2)


def test_mixed_polarity_and_signed_score():
    doc = annotate("It was a brutal raid and a rational offer.")
    values = doc.sentences[0].values
    weights = {c.text: c.weight for c in evaluative_cues(doc)}
    assert values["polarity"] == "mixed"
    assert values["evaluative_score"] == pytest.approx(weights["rational"] - weights["brutal"])


def test_voice_split():
    text = 'A brutal raid hit the camp. "It is a rational offer," the minister said.'
    quote_start = text.index('"')
    quote_end = text.index('"', quote_start + 1) + 1
    doc = annotate(text, (SpeechSpan(quote_start, quote_end, "direct", "the minister", "Qatar"),))
    first, second = (s.values for s in doc.sentences)
    assert (first["evaluative_author"], first["evaluative_quoted"]) == (1, 0)
    assert (second["evaluative_author"], second["evaluative_quoted"]) == (0, 1)
    quoted = [c for c in evaluative_cues(doc) if c.text == "rational"][0]
    assert (quoted.voice, quoted.source_actor) == ("direct", "Qatar")


def test_same_input_same_output():
    text = "The extremely brutal raid was not rational. Militants fled."
    first, second = annotate(text), annotate(text)
    assert first.cues == second.cues
    assert [s.values for s in first.sentences] == [s.values for s in second.sentences]


# ---------------------------------------------------------------------------------------------------
# the seed articles, with the attribution annotator for the voices when it is installed


def seeds_dir() -> Path:
    shared = os.environ.get("FRAMING_SHARED")
    base = Path(shared) if shared else Path(__file__).resolve().parents[2] / "shared"
    return base / "corpus" / "seeds"


@pytest.fixture(scope="module")
def seed_docs() -> list[Doc]:
    from framing.reading.boilerplate import Boilerplate
    from framing.reading.text import read_text_article

    paths = sorted(seeds_dir().glob("*.txt"))
    if not paths:
        pytest.skip(f"seed articles not found in {seeds_dir()} (set FRAMING_SHARED)")
    try:
        from framing.annotation import voices as attribution
    except ModuleNotFoundError:
        pytest.skip("the attribution annotator is not installed; voices cannot be checked")
    rules = Boilerplate.load(None)
    docs = []
    for path in paths:
        article = read_text_article(path.read_text(encoding="utf-8"), source=str(path), rules=rules)
        doc = Doc(article=article, sentences=segment(article))
        attribution.build(CONFIG)(doc)
        build(CONFIG)(doc)
        docs.append(doc)
    return docs


@pytest.mark.parametrize(
    ("words", "polarity", "voice"),
    [
        ("brutal offensive", "negative", "author"),
        ("crippling blockade", "negative", "author"),
        ("deadly offensive", "negative", "author"),
        ("genocide", "negative", "author"),
        ("rational offer", "positive", "direct"),
    ],
)
def test_seed_evaluative_words(seed_docs, words, polarity, voice):
    docs = seed_docs
    word = words.split()[0]
    cues = [c for d in docs for c in evaluative_cues(d) if c.text.lower() == word]
    assert cues, f"no evaluative cue on {word!r}"
    assert {(c.polarity, c.voice) for c in cues} == {(polarity, voice)}


def test_seed_quoted_evaluation_counts_as_quoted_and_neutral_sentence_is_clean(seed_docs):
    pairs = [(d, s) for d in seed_docs for s in d.sentences]
    offer = next(s for _, s in pairs if "rational offer" in s.text)
    assert offer.values["evaluative_quoted"] == 1 and offer.values["evaluative_author"] == 0
    doc, meeting = next((d, s) for d, s in pairs if "met Tuesday with his Qatari counterpart" in s.text)
    assert [c for c in evaluative_cues(doc) if c.sentence_id == meeting.sentence_id] == []


@pytest.mark.parametrize(
    "text",
    ["The delegates proved serious partners in the talks.", "Both sides held serious talks on Friday."],
)
def test_serious_carries_no_polarity_of_its_own(text):
    doc = annotate(text)
    assert [c for c in evaluative_cues(doc) if c.text.lower() == "serious"] == []
    assert doc.sentences[0].values["evaluative"] == 0


def test_serious_intensifies_the_evaluative_word_it_precedes():
    doc = annotate("Monitors reported a serious atrocity near the border.")
    cues = evaluative_cues(doc)
    assert [c.text for c in cues] == ["atrocity"]
    assert "intensified by serious" in cues[0].detail
    assert doc.sentences[0].values["booster"] == 1


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("The inspectors said the port authority has been cooperating.", "positive"),
        ("The ministry cooperated fully with the auditors.", "positive"),
        ("The landlord was uncooperative throughout.", "negative"),
    ],
)
def test_cooperation_judged(text, polarity):
    doc = annotate(text)
    assert doc.sentences[0].values["polarity"] == polarity


def test_cooperation_as_a_topic_is_not_evaluative():
    doc = annotate("The two ministers discussed trade and security cooperation.")
    assert doc.sentences[0].values["evaluative"] == 0


@pytest.mark.parametrize(
    ("text", "evaluative"),
    [
        # a lone capitalised feeling or adjective word in mid-sentence is a name
        ("After the court ruling, Pride went ahead in the old town.", 0),
        ("The band Brutal played in the square.", 0),
        # at the start of a sentence or of a quotation it is the word
        ("Pride in the team showed on the pitch.", 1),
        ('He said: "Brutal is the only word for it."', 1),
        # in lower case it is the word wherever it is
        ("The crowd watched with pride as the ship sailed.", 1),
    ],
)
def test_capitalised_adjective_or_feeling_in_mid_sentence_is_a_name(text, evaluative):
    doc = annotate(text)
    assert doc.sentences[0].values["evaluative"] == evaluative, [c.text for c in evaluative_cues(doc)]
