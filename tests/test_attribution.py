"""Voices: quotations, reporting frames, speakers and their actors, sentence by sentence."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from framing.annotation.mentions import build as mentions
from framing.annotation.voices import build, find_quotes, reporting_verbs
from framing.config import AnalysisConfig
from framing.errors import LexiconError
from framing.reading.segment import segment
from framing.resources import actor_sets
from framing.types import Article, Doc


def annotate(body: str, headline: str = "") -> Doc:
    text = f"{headline}\n\n{body}" if headline else body
    article = Article(article_id="t", text=text, body_start=len(headline) + 2 if headline else 0)
    doc = Doc(article=article, sentences=segment(article))
    config = AnalysisConfig(actor_files=tuple(actor_sets().values()))  # the shipped sets group the actors
    mentions(config)(doc)
    build(config)(doc)
    return doc


def row(doc: Doc, index: int) -> tuple[str, str, str, str]:
    values = doc.sentences[index].values
    return values["voice"], values["speaker"], values["speaker_actor"], values["reporting_verb"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # quotation first, speaker after
        (
            '"The border will reopen next week," Netanyahu said on Sunday.',
            ("direct", "Netanyahu", "Israel", "say"),
        ),
        # inversion
        ('"We are ready to talk," said Osama Hamdan.', ("direct", "Osama Hamdan", "Hamas", "say")),
        # speaker first, paraphrase with a quoted fragment
        (
            'Guterres said the offer was a "real chance for calm" in the region.',
            ("mixed", "Guterres", "UN", "say"),
        ),
        # speaker first, reported speech
        (
            "Guterres said that aid convoys were still blocked at the crossing.",
            ("indirect", "Guterres", "UN", "say"),
        ),
        # speaker in the middle of the quotation
        (
            '"The talks are stuck," Netanyahu said, "and nobody is moving."',
            ("direct", "Netanyahu", "Israel", "say"),
        ),
        # according to, at the end and at the start
        (
            "Three clinics closed last month, according to the World Health Organization.",
            ("indirect", "the World Health Organization", "WHO", "accord"),
        ),
        (
            "According to UNICEF, thousands of children lack clean water.",
            ("indirect", "UNICEF", "UNICEF", "accord"),
        ),
        # an organisation in a statement
        (
            "Two new crossings will open, the Egyptian Foreign Ministry said in a statement.",
            ("indirect", "the Egyptian Foreign Ministry", "Egypt", "say"),
        ),
        (
            "In a joint statement, Egypt and Jordan said the plan needed more work.",
            ("indirect", "Egypt and Jordan", "Egypt;Jordan", "say"),
        ),
        ("Guterres noted that the deadline had passed.", ("indirect", "Guterres", "UN", "note")),
        # a cognition verb
        ("Netanyahu believes that the pressure is working.", ("indirect", "Netanyahu", "Israel", "believe")),
        # a speaker the actor files do not know: the organisation in the title, else the name itself
        (
            "Acme Relief spokeswoman Mara Quint said supplies were running low.",
            ("indirect", "Acme Relief spokeswoman Mara Quint", "Acme Relief", "say"),
        ),
        ("Mara Quint said supplies were running low.", ("indirect", "Mara Quint", "Mara Quint", "say")),
        # titles and abbreviated titles stay in the speaker
        (
            '"We will rebuild," Mr. Karim Osei told reporters.',
            ("direct", "Mr. Karim Osei", "Karim Osei", "tell"),
        ),
        # curly quotes with a nested quotation
        (
            "“We heard them shout ‘open the gate’ all night,” said Jihad Taha.",
            ("direct", "Jihad Taha", "Hamas", "say"),
        ),
        # two apostrophes as quotation marks, as some archives print them
        ("''The convoy is safe,'' Lazzarini said.", ("direct", "Lazzarini", "UNRWA", "say")),
        # the relative pronoun speaks for the noun phrase before it
        (
            "The talks resumed after Guterres, who said the gap was narrowing, flew to Doha.",
            ("indirect", "who", "UN", "say"),
        ),
    ],
)
def test_constructions(body, expected):
    assert row(annotate(body), 0) == expected


@pytest.mark.parametrize(
    "body",
    [
        "The so-called 'buffer zone' now covers a third of the area.",
        'Residents call the road the "lifeline" of the town.',
        "The convoy reached Gaza's southern crossing after Hamas' fighters withdrew.",
        "Israel stands accused of war crimes at the court.",
        "A resolution demanding a cease-fire passed on Monday.",
        "The ministry's report on the crossings runs to forty pages.",
    ],
)
def test_authorial_sentences_stay_author(body):
    doc = annotate(body)
    assert row(doc, 0) == ("author", "", "", "")
    assert doc.speech == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # one quotation over several sentences, speaker named in the last
        (
            '"The crossing is closed. Trucks are waiting. We need access," Lazzarini told reporters.',
            [("direct", "Lazzarini", "UNRWA", "tell")] * 3,
        ),
        # one quotation over two paragraphs (the first paragraph leaves it open)
        (
            '"The first convoy left at dawn and the second will follow.\n\n"Both will reach the north," Guterres said.',
            [("direct", "Guterres", "UN", "say")] * 2,
        ),
        # a quotation continued in a new paragraph after its speaker was named
        (
            '"We have waited long enough," Lazzarini said. "Nothing moves.\n\n"The trucks are still at the gate."',
            [("direct", "Lazzarini", "UNRWA", "say")] * 3,
        ),
        # pronoun: the last person who spoke
        (
            'Netanyahu said the army would continue.\n\n"We will not stop," he added.',
            [("indirect", "Netanyahu", "Israel", "say"), ("direct", "he", "Israel", "add")],
        ),
        # "the ministry": the last organisation that spoke and has that noun
        (
            "The Qatari Foreign Ministry said talks would resume. Guterres welcomed the news. "
            '"Both sides agreed to meet again," the ministry noted.',
            [
                ("indirect", "The Qatari Foreign Ministry", "Qatar", "say"),
                ("indirect", "Guterres", "UN", "welcome"),
                ("direct", "the ministry", "Qatar", "note"),
            ],
        ),
        # "the statement": the speaker whose frame mentioned a statement
        (
            "Qatar said in a statement that the delegations had arrived. "
            "The delegations will meet in Cairo, the statement said.",
            [("indirect", "Qatar", "Qatar", "say"), ("indirect", "the statement", "Qatar", "say")],
        ),
        # a participle shares the speaker of its sentence
        (
            'Jihad Taha said “the offer is late,” adding that they were "open to proposals".',
            [("mixed", "Jihad Taha", "Hamas", "say")],
        ),
    ],
)
def test_speaker_carried_across_sentences(body, expected):
    doc = annotate(body)
    assert [row(doc, i) for i in range(len(doc.sentences))] == expected


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Aid must reach the north, says UN chief", ("indirect", "UN chief", "UN", "say")),
        ("Israel will 'keep every option open', says Netanyahu", ("mixed", "Netanyahu", "Israel", "say")),
        (
            "Cease-fire talks to resume next week: Qatari official",
            ("indirect", "Qatari official", "Qatar", ""),
        ),
        ("Guterres meets Qatari envoy, says there is 'room' for a deal", ("mixed", "Guterres", "UN", "say")),
    ],
)
def test_headlines(headline, expected):
    doc = annotate("The body of the article has one sentence.", headline=headline)
    assert doc.sentences[0].is_headline
    assert row(doc, 0) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # positions and intentions held by a person or an organisation (kind "attitude")
        ("Netanyahu supports the new proposal.", ("indirect", "Netanyahu", "Israel", "support")),
        ("Hamas opposes any deal that leaves troops in Gaza.", ("indirect", "Hamas", "Hamas", "oppose")),
        ("Egypt firmly backed the Qatari mediation plan.", ("indirect", "Egypt", "Egypt", "back")),
        ("The senator wants to delay the vote until June.", ("indirect", "The senator", "senator", "want")),
        ("Guterres wants donors to fund the shelters.", ("indirect", "Guterres", "UN", "want")),
        ("Biden plans to travel to Cairo next week.", ("indirect", "Biden", "US", "plan")),
        ("The agency expects to resume deliveries on Sunday.", ("indirect", "The agency", "agency", "expect")),
        ("Netanyahu does not intend to attend the summit.", ("indirect", "Netanyahu", "Israel", "intend")),
        ("Qatar seems to favour a longer pause.", ("indirect", "Qatar", "Qatar", "seem")),
        ("Guterres declined to comment on the report.", ("indirect", "Guterres", "UN", "decline")),
        # infinitive complements of verbs of saying
        ("Hamas vowed to keep fighting in the north.", ("indirect", "Hamas", "Hamas", "vow")),
        ("Blinken promised to return to the region soon.", ("indirect", "Blinken", "US", "promise")),
        # naming and seeing as
        ("Netanyahu called the proposal a trap.", ("indirect", "Netanyahu", "Israel", "call")),
        ('Hamas called the raid "a massacre" of civilians.', ("mixed", "Hamas", "Hamas", "call")),
        ("Guterres sees the deal as a turning point.", ("indirect", "Guterres", "UN", "see")),
        ("Egypt views the corridor as a threat to its security.", ("indirect", "Egypt", "Egypt", "view")),
        # a relative clause: the holder is the noun phrase before "who"
        (
            "The Hamas official who supports the truce left Doha.",
            ("indirect", "who", "Hamas", "support"),
        ),
        # an adjectival complement of "seem" / "appear"
        ("Netanyahu's aides seemed unconvinced by the offer.", ("indirect", "Netanyahu's aides", "Israel", "seem")),
        # a coordinated verb: the sentence's opening name holds the position
        (
            "Guterres toured the crossing and called the delays a disgrace.",
            ("indirect", "Guterres", "UN", "call"),
        ),
        # a vote as a position; talk about a topic
        ("The senator would vote for the aid package.", ("indirect", "The senator", "senator", "vote")),
        ("Blinken talked about the hostages with Qatar.", ("indirect", "Blinken", "US", "talk")),
        # the view or position of a possessor
        ("In Guterres's view, the aid must flow now.", ("indirect", "Guterres", "UN", "view")),
        ("The crossing must reopen, in Egypt's view.", ("indirect", "Egypt", "Egypt", "view")),
        (
            "Hamas's position is that any deal must end the war.",
            ("indirect", "Hamas", "Hamas", "position"),
        ),
        # coordinated subjects: every actor, joined with ";"
        ("Hamas and Iran blamed Israel for the strike.", ("indirect", "Hamas and Iran", "Hamas;Iran", "blame")),
    ],
)
def test_attitudes_and_positions(body, expected):
    assert row(annotate(body), 0) == expected


@pytest.mark.parametrize(
    "body",
    [
        # inanimate subjects hold no views
        "The bill supports families with young children.",
        "The new rules back the earlier agreement.",
        "Prices declined to their lowest level in a year.",
        "The Republican plan seems to ignore the deficit.",
        # passives and agentless expectations
        "Prices are expected to rise next month.",
        "The resolution was backed by twelve members.",
        "The ceasefire is widely considered fragile.",
        # nouns, advice and habitual naming
        "Support for the plan has fallen since May.",
        "His plan to rebuild the port stalled.",
        "Netanyahu may want to reconsider the timing.",
        "Residents call the market the heart of the town.",
        "The drivers called off the strike on Monday.",
        "The crowd appeared on the square at noon.",
        "The view from the ridge is stunning.",
    ],
)
def test_non_attributions_stay_author(body):
    assert row(annotate(body), 0) == ("author", "", "", "")


def test_pronoun_holder_of_a_view_resolves_to_the_last_speaker():
    doc = annotate("Netanyahu said on Monday that talks would resume. In his view, the truce cannot hold.")
    assert row(doc, 1) == ("indirect", "his", "Israel", "view")


def test_frame_after_its_content_speaks_for_the_sentence():
    doc = annotate("They discussed the crossings at length, the Qatari Foreign Ministry said.")
    assert row(doc, 0) == ("indirect", "the Qatari Foreign Ministry", "Qatar", "say")


def test_attitude_kind_and_complements_are_read_from_the_lexicon():
    verbs = {e.get("verb").lemma: e.get("verb") for e in reporting_verbs(None).entries}
    assert verbs["want"].kind == "attitude"
    assert verbs["want"].complements == frozenset({"object", "infinitive"})
    assert verbs["vow"].kind == "speech" and "infinitive" in verbs["vow"].complements


def test_bad_complement_value_names_file_and_line(tmp_path):
    (tmp_path / "reporting_verbs.tsv").write_text(
        "lemma\tforms\tstance\tkind\tcomplement\tnote\nmull\tmulls\tneutral\tattitude\tobject|bogus\t\n",
        encoding="utf-8",
    )
    reporting_verbs.cache_clear()
    try:
        with pytest.raises(LexiconError) as error:
            reporting_verbs(tmp_path)
        assert "reporting_verbs.tsv" in str(error.value) and "2" in str(error.value)
    finally:
        reporting_verbs.cache_clear()


@pytest.mark.parametrize(
    ("verb", "stance"),
    [("said", "neutral"), ("claimed", "distancing"), ("confirmed", "endorsing"), ("admitted", "loaded")],
)
def test_verb_stance(verb, stance):
    doc = annotate(f"Hamas {verb} that the convoy was attacked near the crossing.")
    assert doc.sentences[0].values["verb_stance"] == stance


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "yes" and left.', ['"yes"']),
        ("It is 'fine', they said.", ["'fine'"]),
        ("Gaza's north and Hamas' fighters", []),
        ("“Outer ‘inner’ outer,” she said.", ["“Outer ‘inner’ outer,”"]),
        ("''Archive style,'' he said.", ["''Archive style,''"]),
        ("the '90s and the 'eighties", []),
    ],
)
def test_find_quotes(text, expected):
    assert [text[q.start : q.end] for q in find_quotes(text)] == expected


def test_quotation_continues_into_next_paragraph_only_when_it_reopens():
    text = '"First part.\n\n"Second part," he said.\n\n"New quotation," she said.'
    quotes = find_quotes(text)
    assert [q.group for q in quotes] == [0, 0, 1]
    assert [q.closed for q in quotes] == [False, True, True]


def test_cues_and_speech_spans_carry_offsets_and_voice():
    body = 'Guterres said the offer was a "real chance for calm" in the region.'
    doc = annotate(body)
    attribution = [c for c in doc.cues if c.dimension == "attribution"]
    by_category = {c.category: c for c in attribution}
    assert set(by_category) == {"speaker", "cue", "content"}
    for cue in attribution:
        assert body[cue.start : cue.end] == cue.text
        assert cue.source_actor == "UN"
        assert cue.voice == "mixed"
    assert by_category["speaker"].text == "Guterres"
    assert by_category["cue"].text == "said"
    assert by_category["content"].text.startswith("the offer")
    inside_quote = body.index("chance")
    assert doc.voice_at(inside_quote).voice == "direct"
    assert doc.voice_at(inside_quote).speaker_actor == "UN"
    assert doc.voice_at(body.index("offer")).voice == "indirect"
    assert doc.voice_at(0) is None  # the speaker's name is not inside the reported words
    values = doc.sentences[0].values
    assert body[values["speaker_start"] : values["speaker_end"]] == "Guterres"


def test_same_input_same_output():
    body = (
        '"The crossing is closed. We need access," Lazzarini told reporters. '
        "Guterres said that aid convoys were blocked, according to the UN."
    )
    first, second = annotate(body), annotate(body)
    assert [s.values for s in first.sentences] == [s.values for s in second.sentences]
    assert first.cues == second.cues
    assert first.speech == second.speech


def test_malformed_reporting_verbs_file_names_file_and_line(tmp_path):
    path = tmp_path / "reporting_verbs.tsv"
    path.write_text(
        "lemma\tforms\tstance\tkind\tcomplement\tnote\nmutter\tmutter|muttered\tsure\tspeech\t\t\n"
    )
    reporting_verbs.cache_clear()
    try:
        with pytest.raises(LexiconError) as error:
            reporting_verbs(tmp_path)
    finally:
        reporting_verbs.cache_clear()
    assert str(error.value) == (
        f"{path}: line 2: column 'stance' has 'sure'; allowed: ['distancing', 'endorsing', 'loaded', 'neutral']"
    )


def test_user_lexicon_adds_a_verb(tmp_path):
    (tmp_path / "reporting_verbs.tsv").write_text(
        "lemma\tforms\tstance\tkind\tcomplement\tnote\nintone\tintone|intoned\tloaded\tspeech\tclause\t\n"
    )
    config = AnalysisConfig(lexicon_dir=tmp_path)
    article = Article(article_id="t", text="Guterres intoned that the talks were over.", body_start=0)
    doc = Doc(article=article, sentences=segment(article))
    build(config)(doc)
    assert doc.sentences[0].values["reporting_verb"] == "intone"
    assert doc.sentences[0].values["verb_stance"] == "loaded"


# --- the two real example articles --------------------------------------------------------------------
def seeds_dir() -> Path:
    shared = os.environ.get("FRAMING_SHARED")
    base = Path(shared) if shared else Path(__file__).resolve().parents[2] / "shared"
    return base / "corpus" / "seeds"


@pytest.fixture(scope="module")
def seed_cues_and_sentences():
    folder = seeds_dir()
    if not folder.is_dir() or not list(folder.glob("*.txt")):
        pytest.skip(f"example articles not found in {folder} (set FRAMING_SHARED to the shared folder)")
    from framing.running.inprocess import analyse

    analysis = analyse([folder], AnalysisConfig(vader=False, classifiers=False))
    return analysis.cues, analysis.sentences


@pytest.fixture(scope="module")
def seed_sentences(seed_cues_and_sentences):
    return seed_cues_and_sentences[1]


def _sentence(sentences, starts_with: str):
    hits = sentences[sentences["text"].str.startswith(starts_with)]
    assert len(hits) == 1, starts_with
    return hits.iloc[0]


def test_seed_march_article(seed_sentences):
    s = seed_sentences
    quote_start = s.index[s["text"].str.startswith('"It’s in the hands of Hamas')][0]
    quote = s.loc[quote_start : quote_start + 4]
    assert quote["text"].iloc[-1].endswith("Hagerstown, Maryland.")
    assert (quote["voice"] == "direct").all() and (quote["speaker_actor"] == "US").all()
    added = _sentence(s, '"And it is on Hamas')
    assert (added["voice"], added["speaker_actor"], added["reporting_verb"]) == ("direct", "US", "add")
    taha = _sentence(s, "Hamas spokesman Jihad Taha")
    assert taha["voice"] in {"direct", "mixed"} and taha["speaker_actor"] == "Hamas"
    un = _sentence(s, "The Israeli war has pushed")
    assert (un["voice"], un["speaker_actor"], un["reporting_verb"]) == ("indirect", "UN", "accord")
    assert _sentence(s, "Israel has launched a deadly offensive")["voice"] == "author"
    assert _sentence(s, "Blinken said ahead of his meeting")["voice"] == "mixed"


def test_seed_july_article(seed_sentences):
    s = seed_sentences
    for start, verb in (
        ('"The approach of political assassinations', "say"),
        ('"Regional and international peace', "add"),
    ):
        row_ = _sentence(s, start)
        assert (row_["voice"], row_["speaker_actor"], row_["reporting_verb"]) == ("direct", "Qatar", verb)
    ministry = _sentence(s, "The discussions between the Qatari")
    assert (ministry["voice"], ministry["speaker"], ministry["speaker_actor"]) == (
        "indirect",
        "the Qatari Foreign Ministry",
        "Qatar",
    )
    statement = _sentence(s, "They also discussed the latest")
    assert (statement["speaker"], statement["speaker_actor"]) == ("the statement", "Qatar")
    health = _sentence(s, "At least 39,445 Palestinians")
    assert (health["voice"], health["speaker_actor"]) == ("indirect", "Gaza health authorities")
    headline = _sentence(s, "Qatar, U.S. call for")
    assert (headline["voice"], headline["speaker_actor"], headline["reporting_verb"]) == (
        "indirect",
        "Qatar;US",
        "call",
    )
    lead = _sentence(s, "Qatari Prime Minister Mohammed")
    assert (lead["voice"], lead["speaker_actor"], lead["reporting_verb"]) == ("indirect", "Qatar;US", "call")
    concerns = _sentence(s, "Earlier on Wednesday, bin Abdulrahman")
    assert (concerns["voice"], concerns["speaker"], concerns["speaker_actor"]) == (
        "indirect",
        "bin Abdulrahman",
        "Qatar",
    )


def test_seed_content_spans(seed_cues_and_sentences):
    """The words each voice is credited with: a fronted adverbial is not content, a clause opened by
    "While" ends at its comma, and what the outlet says after it stays in the outlet's voice."""
    cues, s = seed_cues_and_sentences

    def contents(starts_with: str) -> list[str]:
        row_ = _sentence(s, starts_with)
        mine = cues[(cues["sentence_id"] == row_["sentence_id"]) & (cues["article_id"] == row_["article_id"])]
        return mine, mine[(mine["dimension"] == "attribution") & (mine["category"] == "content")]["text"].tolist()

    _, concerns = contents("Earlier on Wednesday, bin Abdulrahman")
    assert concerns and all(text.startswith("about the consequences") for text in concerns)
    cues_while, blamed = contents("While Hamas and Iran blamed Israel")
    assert blamed[0] == "Israel for the killing"
    unconfirmed = cues_while[(cues_while["dimension"] == "hedge") & (cues_while["category"] == "unconfirmed")]
    assert unconfirmed["voice"].tolist() == ["author"]
    joint = _sentence(s, "In a joint statement, the two countries")
    assert joint["speaker_actor"] == "US;Qatar"
    # "Blinken appreciated ... , according to the statement.": the statement is the joint one, and its
    # "according to" is the outlet's hedge, not Blinken's words
    cues_thanks, _ = contents("Blinken appreciated Qatar")
    assert _sentence(s, "Blinken appreciated Qatar")["speaker_actor"] == "US;Qatar"
    evidential = cues_thanks[(cues_thanks["dimension"] == "hedge") & (cues_thanks["category"] == "evidential")]
    assert evidential["voice"].tolist() == ["author"]
    mine, _ = contents("In a joint statement, the two countries")
    assert len(mine[(mine["dimension"] == "attribution") & (mine["category"] == "speaker")]) == 1


# --- speakers that cannot speak, and references resolved to actors -----------------------------------
@pytest.mark.parametrize(
    ("body", "index", "expected"),
    [
        # an abbreviated title before a name with a lower-case appositive
        (
            "Dr. Ilse Varga, director of the Tamsin Clinic, said the wards were full.",
            0,
            ("indirect", "Dr. Ilse Varga", "Tamsin Clinic", "say"),
        ),
        # a number is not a speaker: headline "N said killed"
        ("Shells hit a village near Brenna; four said killed", 0, ("author", "", "", "")),
        # a negated verb phrase before a reporting noun
        ("The ministry did not address reports of new arrests.", 0, ("author", "", "", "")),
        # a noun before a modal is not a verb: "neither claim could"
        ("Neither claim could be checked by reporters.", 0, ("author", "", "", "")),
        # a place after a preposition is not a speaker
        (
            "A truce in and around Ostrel appeared to collapse on Monday.",
            0,
            ("author", "", "", ""),
        ),
        # an event or a thing heading the subject is not a holder of views
        ("The Ostrel truce appears to be holding.", 0, ("author", "", "", "")),
        ("Much of the old town appears to be empty.", 0, ("author", "", "", "")),
        # a prepositional phrase inside the subject: the people before it speak
        (
            "Farmers returning to the valley described burned fields and empty barns.",
            0,
            ("indirect", "Farmers", "Farmers", "describe"),
        ),
        # a relative clause without its pronoun: the noun phrase after the determiner holds the view
        (
            "The talks opened on Monday, a move some envoys had hoped would calm the border.",
            0,
            ("indirect", "some envoys", "some envoys", "hope"),
        ),
        # an object after the verb is no inverted speaker
        (
            "Amara Lenk, the Front's negotiator, rejected the proposal.",
            0,
            ("indirect", "Amara Lenk", "Karesh Front", "reject"),
        ),
        # a thing owned by an organisation does not speak
        (
            "The Valdorian army moved north. Its artillery responded to fire from the ridge.",
            1,
            ("author", "", "", ""),
        ),
    ],
)
def test_speaker_must_be_able_to_speak(body, index, expected):
    assert row(annotate(body), index) == expected


@pytest.mark.parametrize(
    ("body", "headline", "index", "actor"),
    [
        # a definite description takes the actor of the last mention with that head noun
        (
            "The Karesh Health Office counted 12 dead on Friday. The office said the count would rise.",
            "",
            1,
            "Karesh Health Office",
        ),
        (
            "The Karesh Health Office counted 12 dead. The health office said nine were children.",
            "",
            1,
            "Karesh Health Office",
        ),
        (
            "The Karesh Health Office counted 12 dead. An official of the office said more were missing.",
            "",
            1,
            "Karesh Health Office",
        ),
        # a headline comes first: the first later mention
        (
            "The Karesh Health Office said 12 people were killed in the night.",
            "Death toll in Ostrel climbs, health office says",
            0,
            "Karesh Health Office",
        ),
        # a possessive pronoun with an organisation noun: the organisation of the person
        (
            "Marta Ekvall said the roads were closed. Her agency estimates that half the wells are dry.",
            "",
            1,
            "Open Hands International",
        ),
        # a relative pronoun takes its antecedent's actor
        (
            '"We are close," said an Ardenian envoy, who asked not to be named.',
            "",
            0,
            "Ardenia",
        ),
        # a quantifier standing for people names no actor
        ("Several told reporters they had not been paid.", "", 0, "unidentified"),
        # a pronoun with nothing to refer to
        ("It did not say when the road would reopen.", "", 0, "unidentified"),
    ],
)
def test_references_resolve_to_actors(body, headline, index, actor):
    assert row(annotate(body, headline), index)[2] == actor


# --- frame boundaries: fronted adverbials, subordinate clauses, split phrasal verbs, pairs ------------
@pytest.mark.parametrize(
    ("body", "expected", "content_starts"),
    [
        # a fronted time adverbial is not the content of a frame after it
        (
            "Earlier on Wednesday, the minister expressed concerns about the consequences of the strike.",
            ("indirect", "the minister", "", "express"),
            ["about the consequences"],
        ),
        # a parenthetical frame after a fronted adverbial: the clause runs on after it
        (
            "In the end, Mr. Rosenthal said, union voters almost always vote for the party.",
            ("indirect", "Mr. Rosenthal", "Rosenthal", "say"),
            ["In the end", "union voters"],
        ),
        # a frame inside a clause opened by "While" ends at the clause's comma
        (
            "While the rebels blamed the army for the killing, the bodies were buried on Monday.",
            ("indirect", "the rebels", "", "blame"),
            ["the army for the killing"],
        ),
        # a day between a phrasal reporting verb and its particle
        (
            "Senator Jo Hale called Wednesday for new talks on the border.",
            ("indirect", "Senator Jo Hale", "", "call"),
            ["new talks on the border"],
        ),
        # two coordinated reporting verbs: the content follows both
        (
            "The army has not confirmed or denied its involvement.",
            ("indirect", "The army", "", "confirm"),
            ["its involvement"],
        ),
        # a day's possessive after the verb is the content's first word, not an adjunct
        (
            "Ms. Berg said Thursday's speeches had changed her mind.",
            ("indirect", "Ms. Berg", "", "say"),
            ["Thursday's speeches"],
        ),
    ],
)
def test_frame_boundaries(body, expected, content_starts):
    doc = annotate(body)
    voice, speaker, actor, verb = row(doc, 0)
    assert (voice, speaker, verb) == (expected[0], expected[1], expected[3])
    if expected[2]:
        assert expected[2] in actor
    contents = [c.text for c in doc.cues if c.dimension == "attribution" and c.category == "content"]
    assert len(contents) >= len(content_starts)
    for text, start in zip(contents, content_starts, strict=False):
        assert text.startswith(start), (text, start)


def test_the_two_countries_are_the_last_two_speakers():
    doc = annotate(
        "Ardenian Foreign Minister Lio Brant said the talks had gone well. "
        "Valdoria's President Mara Ostin said her government was ready to sign. "
        "In a joint statement, the two countries said they would meet again."
    )
    voice, speaker, actor, _ = row(doc, 2)
    first, second = row(doc, 0)[2], row(doc, 1)[2]
    assert first and second and first != second
    assert (voice, speaker, actor) == ("indirect", "the two countries", f"{first};{second}")


def test_a_headline_list_of_actors_speaks_together():
    doc = annotate("The two ministers met in Doha on Tuesday.", headline="Qatar, Egypt call for new Gaza talks")
    voice, speaker, actor, verb = row(doc, 0)
    assert (voice, speaker, actor, verb) == ("indirect", "Qatar, Egypt", "Qatar;Egypt", "call")
    # a fronted place is not a speaker
    doc = annotate("Aid convoys were stopped.", headline="In Gaza, UN calls for new talks")
    assert row(doc, 0)[1] == "UN"


def test_a_quantifier_after_a_coordinated_subject_is_not_part_of_the_name():
    doc = annotate("Senator Jo Hale and Governor Ana Ruiz both condemned the program in statements.")
    voice, speaker, _, verb = row(doc, 0)
    assert (voice, speaker, verb) == ("indirect", "Senator Jo Hale and Governor Ana Ruiz", "condemn")


def test_a_second_frame_of_one_speaker_gives_one_speaker_cue():
    doc = annotate("The ministry said the envoys met on Monday and discussed the aid corridors.")
    speakers = [c for c in doc.cues if c.dimension == "attribution" and c.category == "speaker"]
    assert [c.text for c in speakers] == ["The ministry"]


def test_a_subordinate_clause_frame_ends_at_its_comma():
    doc = annotate("While the rebels blamed the army for the killing, the bodies were buried on Monday.")
    contents = [c.text for c in doc.cues if c.dimension == "attribution" and c.category == "content"]
    assert contents == ["the army for the killing"]


@pytest.mark.parametrize(
    ("body", "first_content"),
    [
        ("The army said the strike hit a depot, according to witnesses.", "the strike hit a depot"),
        ("They also discussed the crossings, the statement said.", "the crossings"),
        (
            'Blinken praised Qatar\'s efforts to "secure the release of hostages," according to the statement.',
            'Qatar\'s efforts to "secure the release of hostages,"',
        ),
    ],
)
def test_a_frame_stops_before_a_later_frame_that_reports_it(body, first_content):
    """"X said ..., according to Y": the words "according to Y" are not X's."""
    doc = annotate(body)
    contents = [c.text for c in doc.cues if c.dimension == "attribution" and c.category == "content"]
    assert first_content in contents
