"""Actors discovered in the text, resolved within the article, typed, and grouped by actor sets.

Every sentence here was written for these tests (invented people and bodies where names matter).
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from framing.annotation.discovery import ActorFinder, type_lexicon
from framing.annotation.mentions import MentionAnnotator, build
from framing.annotation.names import CrfNameFinder, RuleNameFinder, name_finder, spans_from_labels
from framing.config import AnalysisConfig
from framing.reading.segment import segment
from framing.reading.tokens import tokenize
from framing.resources import actor_sets, names_model_path, sample_corpus_dir
from framing.types import Article, Doc

CONFIG = AnalysisConfig(vader=False, classifiers=False)
SHARED = Path(os.environ.get("FRAMING_SHARED", Path(__file__).resolve().parents[2] / "shared"))
POLNEAR = SHARED / "datasets" / "polnear"


def annotate(text: str, config: AnalysisConfig = CONFIG, title: str = "") -> Doc:
    body = text if not title else f"{title}\n\n{text}"
    article = Article(article_id="a1", text=body, body_start=len(title) + 2 if title else 0, title=title)
    doc = Doc(article=article, sentences=segment(article))
    build(config)(doc)
    return doc


def mentions(doc: Doc) -> list[tuple[str, str, str]]:
    """(text, actor, type) of every actor mention in reading order."""
    return [(m.text, m.actor, m.type) for _, m in doc.actor_mentions]


def actors(doc: Doc) -> set[str]:
    return {m.actor for _, m in doc.actor_mentions}


# --- discovery and resolution without any actor set ---------------------------------------------------


def test_a_person_keeps_the_full_name_of_the_first_mention_and_surnames_resolve_to_it():
    doc = annotate(
        "Secretary of State Marcus Olvenberg arrived in Lisbon on Monday. "
        "Olvenberg told reporters the talks had been useful. Later, Mr. Olvenberg left for Madrid."
    )
    found = [m for m in mentions(doc) if "Olvenberg" in m[0]]
    assert len(found) == 3
    assert {m[1] for m in found} == {"Marcus Olvenberg"}
    assert {m[2] for m in found} == {"person"}


def test_a_middle_initial_does_not_make_another_person():
    doc = annotate(
        "Senator Harold T. Pike walked out of the budget talks on Monday. "
        "Harold Pike later told reporters the offer was an insult. Pike said he would return on Friday.",
    )
    found = [m for m in mentions(doc) if "Pike" in m[0]]
    assert len(found) == 3 and len({m[1] for m in found}) == 1


def test_a_surname_in_the_headline_joins_the_full_name_given_with_an_initial():
    doc = annotate(
        "Harold T. Pike walked out of the budget talks on Monday. Harold Pike later called the offer an insult.",
        title="Pike walks out of talks",
    )
    assert {m[1] for m in mentions(doc) if "Pike" in m[0]} == {"Harold T. Pike"}


def test_a_name_split_before_its_initial_is_one_person():
    doc = annotate("The panel of Chief Justice Maren T. Holloway issued two rulings. Holloway wrote both opinions.")
    assert {m[1] for m in mentions(doc) if "Holloway" in m[0]} == {"Maren T. Holloway"}


def test_a_dateline_place_is_no_actor():
    doc = annotate("BOSTON — The city council, facing a growing backlash, delayed the vote on Saturday.")
    assert "BOSTON" not in actors(doc)


def test_a_court_case_is_no_actor():
    doc = annotate("The ruling in Marsh v. Dalton changed how the board counts votes, Ellen Voss said.")
    assert not any("Marsh" in a or "Dalton" in a for a in actors(doc))


def test_a_name_ending_in_an_organisation_word_is_typed_as_the_organisation():
    from framing.annotation.discovery import type_lexicon

    types = type_lexicon()
    assert types.type_of("Dunmore Herald", "PER") == "media"
    assert types.type_of("Harold Pike", "PER") == "person"
    assert types.type_of("al Qaeda", "PER") == "armed_group"


def test_a_name_with_an_institution_becomes_the_institution():
    doc = annotate("Rebels say Bashar al-Assad's government blocked the convoy near the border on Friday.")
    assert "Assad government" in actors(doc)
    assert dict((a, t) for _, a, t in mentions(doc))["Assad government"] == "government"


@pytest.mark.parametrize(
    "text, actor, kind",
    [
        ("The Senate voted on the measure late on Tuesday.", "Senate", "government"),
        ("The Federal Bureau of Investigation opened an inquiry. The FBI declined to comment.", "Federal Bureau of Investigation", "government"),
        ("Officials at the Ministry of Water said supplies were short. The ministry blamed the drought.", "Ministry of Water", "government"),
    ],
)
def test_organisations_and_their_later_references_resolve(text, actor, kind):
    doc = annotate(text)
    found = [m for m in mentions(doc) if m[1] == actor]
    assert found, mentions(doc)
    assert {m[2] for m in found} == {kind}
    if "FBI" in text or "ministry blamed" in text:
        assert len(found) == 2


def test_he_and_she_resolve_to_the_person_named_before():
    doc = annotate("Senator Dana Whitlock spoke first. She said the bill would fail. Whitlock then left.")
    pronouns = [(text, actor) for text, actor, _ in mentions(doc) if text == "She"]
    assert pronouns == [("She", "Dana Whitlock")]


def test_the_spokesman_resolves_to_the_person_introduced_with_that_title():
    doc = annotate("Army spokesman Piet Varnholt denied the report. The spokesman said no shots were fired.")
    assert ("spokesman", "Piet Varnholt") in [(t, a) for t, a, _ in mentions(doc)]


@pytest.mark.parametrize(
    "text",
    [
        "Toll rises to 40 after the storm on Tuesday.",
        "The toll rose again on Monday, officials said.",
        "On Friday, 12 people were hurt in March.",
        "Talks resumed after a pause of three weeks.",
    ],
)
def test_dates_numbers_and_common_words_never_become_actors(text):
    doc = annotate(text)
    bad = {"Toll", "The", "Tuesday", "Monday", "Friday", "March", "Talks", "", "12", "40"}
    assert not actors(doc) & bad, mentions(doc)


def test_a_place_used_as_a_location_is_no_actor_but_a_state_that_acts_is():
    doc = annotate("Aid trucks waited in Tarvonia for a week. Tarvonia rejected the new plan on Sunday.")
    found = mentions(doc)
    assert [m for m in found if m[1] == "Tarvonia"] == [("Tarvonia", "Tarvonia", "state")]
    assert found[0][0] == "Tarvonia" and doc.actor_mentions[0][1].start > 30


def test_no_actor_has_an_empty_name_and_every_mention_has_a_type():
    text = (sample_corpus_dir() / sorted(p.name for p in sample_corpus_dir().glob("*.txt"))[0]).read_text(
        encoding="utf-8"
    )
    doc = annotate(text, AnalysisConfig(vader=False, classifiers=False, detect_actor_sets=False))
    assert doc.actor_mentions
    assert all(m.actor.strip() and m.type for _, m in doc.actor_mentions)


def test_discovery_is_deterministic():
    text = "Governor Ellen Marsh criticised the Transit Authority. The authority said Marsh was wrong."
    assert mentions(annotate(text)) == mentions(annotate(text))


# --- actor sets -----------------------------------------------------------------------------------


def write_set(path: Path) -> Path:
    path.write_text(
        "name\tactor\ttype\tnote\n"
        "Olvenberg\tNorland\tperson\t\n"
        "Foreign Office\tNorland\tgovernment\t\n"
        "Norland\tNorland\tstate\t\n",
        encoding="utf-8",
    )
    return path


def test_an_actor_set_groups_discovered_actors(tmp_path):
    config = AnalysisConfig(vader=False, classifiers=False, actor_files=(write_set(tmp_path / "n.tsv"),))
    doc = annotate(
        "Marcus Olvenberg met Kira Salo in Lisbon. The Foreign Office said Olvenberg had been clear.", config
    )
    grouped = {text: actor for text, actor, _ in mentions(doc)}
    assert grouped["Marcus Olvenberg"] == "Norland"
    assert grouped["Foreign Office"] == "Norland"
    assert grouped["Kira Salo"] == "Kira Salo"  # a name the set does not know stays as discovered


def test_no_set_is_applied_by_default_to_an_article_that_does_not_match_one():
    assert AnalysisConfig().actor_paths == ()
    doc = annotate("President Joe Biden spoke with Senator Maria Ortiz about the budget. Ortiz said she agreed.")
    assert "US" not in actors(doc)
    assert doc.article.warnings == ()


def test_an_article_that_clearly_matches_a_shipped_set_gets_it_and_a_warning():
    text = (
        "Valdorian President Anton Dresk said the Karesh Front had broken the truce. The Front denied it, "
        "and Ardenia called on both sides to return to talks. The Federation of Nations urged restraint."
    )
    doc = annotate(text)
    assert {"Valdoria", "Karesh Front", "Ardenia"} <= actors(doc)
    assert any("actor set 'sample' applied" in w for w in doc.article.warnings)
    plain = annotate(text, AnalysisConfig(vader=False, classifiers=False, detect_actor_sets=False))
    assert "Anton Dresk" in actors(plain) and plain.article.warnings == ()


def test_shipped_sets_are_found_by_name():
    assert {"gaza", "sample"} <= set(actor_sets())


# --- the name finders -------------------------------------------------------------------------------


def test_the_shipped_name_model_is_a_crfsuite_file_and_finds_names():
    path = names_model_path()
    assert path.is_file(), "run tools/train_names.py"
    assert path.read_bytes()[:4] == b"lCRF"  # CRFsuite's own format, not a pickle
    finder = name_finder()
    assert isinstance(finder, CrfNameFinder)
    tokens = tokenize("Senator Dana Whitlock met officials from the World Bank in Chicago on Tuesday.")
    found = {(" ".join(t.text for t in tokens[s.first : s.last]), s.label) for s in finder.spans(tokens)}
    assert ("Dana Whitlock", "PER") in found
    assert ("World Bank", "ORG") in found
    assert not any("Tuesday" in text for text, _ in found)


def test_the_rule_finder_skips_an_ordinary_first_word_and_calendar_words():
    tokens = tokenize("Officials said Dana Whitlock met the Transit Authority on Tuesday.")
    found = [(" ".join(t.text for t in tokens[s.first : s.last]), s.label) for s in RuleNameFinder().spans(tokens)]
    assert found == [("Dana Whitlock", "PER"), ("Transit Authority", "ORG")]


def test_spans_from_io_labels():
    assert [(s.first, s.last, s.label) for s in spans_from_labels(["O", "PER", "PER", "ORG", "O", "LOC"])] == [
        (1, 3, "PER"),
        (3, 4, "ORG"),
        (5, 6, "LOC"),
    ]


def test_an_unknown_type_in_the_type_lexicon_names_the_file_and_line(tmp_path):
    from framing.errors import LexiconError

    (tmp_path / "actor_types.tsv").write_text("term\ttype\tnote\nguild\tplanet\t\n", encoding="utf-8")
    type_lexicon.cache_clear()
    with pytest.raises(LexiconError, match="actor_types.tsv.*line 2"):
        type_lexicon(tmp_path)


def test_a_finder_and_annotator_can_be_built_from_parts():
    annotator = MentionAnnotator(ActorFinder(RuleNameFinder(), type_lexicon()), None)
    article = Article(article_id="x", text="Dana Whitlock met Kira Salo.", body_start=0)
    doc = Doc(article=article, sentences=segment(article))
    annotator(doc)
    assert [m.actor for _, m in doc.actor_mentions] == ["Dana Whitlock", "Kira Salo"]


# --- the command line ----------------------------------------------------------------------------------


def test_actors_option_takes_a_shipped_set_by_name_a_file_or_none(tmp_path):
    import argparse

    from framing.errors import InputError
    from framing.interfaces.commands.common import add_config_options, config_from_args

    parser = argparse.ArgumentParser()
    add_config_options(parser)
    config = config_from_args(parser.parse_args(["--actors", "gaza"]))
    assert [p.name for p in config.actor_paths] == ["gaza.tsv"] and config.detect_actor_sets
    path = write_set(tmp_path / "mine.tsv")
    assert config_from_args(parser.parse_args(["--actors", str(path)])).actor_paths == (path,)
    assert config_from_args(parser.parse_args(["--actors", "none"])).detect_actor_sets is False
    with pytest.raises(InputError, match="no actor set or file 'atlantis'"):
        config_from_args(parser.parse_args(["--actors", "atlantis"]))


# --- real data -------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_polnear_articles_keep_politicians_and_institutions_apart():
    """PolNeAR dev articles analysed with defaults: Trump, Clinton, Obama, the FBI and the Senate are
    separate actors wherever an article names them (not grouped under one side)."""
    folder = POLNEAR / "dev" / "text"
    if not folder.is_dir():
        pytest.skip(f"PolNeAR not found at {folder}")
    from framing.running.inprocess import analyse

    paths = sorted(folder.glob("*.txt"))[:40]
    analysis = analyse(paths, CONFIG)
    table = analysis.actors
    seen = set(table["actor"])
    for surname in ("Trump", "Clinton", "Obama"):
        assert any(a.endswith(surname) for a in seen), surname
    assert "FBI" in seen or "Federal Bureau of Investigation" in seen
    assert "Senate" in seen or "U.S. Senate" in seen
    for row in table.itertuples():
        assert row.actor.strip() and row.type
    assert not any("actor set" in w for w in analysis.articles["warnings"])
    per_article = table.groupby("article_id")["actor"].apply(set)
    both = [s for s in per_article if any(a.endswith("Trump") for a in s) and any(a.endswith("Clinton") for a in s)]
    assert both, "no article names both Trump and Clinton as separate actors"


@pytest.mark.slow
def test_the_name_model_reads_the_parser_data_when_present():
    path = SHARED / "datasets" / "polnear_corenlp" / "dev.tsv.gz"
    if not path.is_file():
        pytest.skip(f"parser data not found at {path}")
    from framing.classifiers.names import read_corenlp

    with gzip.open(path, "rt", encoding="utf-8") as handle:
        assert handle.readline().split("\t")[:3] == ["doc", "sent", "tok"]
    docs = list(read_corenlp("dev", SHARED / "datasets", limit=2))
    assert len(docs) == 2
    assert all(len(t) == len(labels) for d in docs for t, labels in zip(d.sentences, d.labels, strict=True))
    assert any(label == "PER" for d in docs for labels in d.labels for label in labels)


# --- the example articles and the sample corpus ------------------------------------------------------------


def blame_pairs(analysis) -> set[tuple[str, str, str]]:
    cues = analysis.cues[analysis.cues["dimension"] == "blame"]
    return {(row.source_actor, row.target_actor, row.text.lower()) for row in cues.itertuples()}


@pytest.mark.slow
def test_seeds_keep_their_blame_with_the_set_the_run_announces(seeds_dir):
    from framing.running.inprocess import analyse

    analysis = analyse([seeds_dir], CONFIG)
    warnings = list(analysis.articles["warnings"])
    assert all("actor set 'gaza' applied" in w for w in warnings), warnings
    pairs = blame_pairs(analysis)
    sources_of = {(s, t) for s, t, _ in pairs}
    assert {("Hamas", "Israel"), ("Iran", "Israel")} <= sources_of
    assert ("author", "Israel", "hampered") in pairs
    assert any(s == "US" and t == "Hamas" and "court" in text for s, t, text in pairs)
    assert ("Hamas", "Israel", "refused") in pairs


@pytest.mark.slow
def test_seeds_without_a_set_name_sensible_actors(seeds_dir):
    from framing.running.inprocess import analyse

    analysis = analyse([seeds_dir], AnalysisConfig(vader=False, classifiers=False, detect_actor_sets=False))
    assert list(analysis.articles["warnings"]) == ["", ""]
    pairs = blame_pairs(analysis)
    assert {("Hamas", "Israel"), ("Iran", "Israel")} <= {(s, t) for s, t, _ in pairs}
    assert ("Hamas", "Israel", "refused") in pairs
    names = set(analysis.actors["actor"])
    assert {"Hamas", "Antony Blinken", "Joe Biden", "Benjamin Netanyahu", "Egypt"} <= names
    assert "US" not in names  # nothing groups them without a set


@pytest.mark.slow
def test_the_sample_corpus_has_no_non_actor_among_its_actors():
    """``make demo`` (--actors sample): every actor is an actor of the set or a discovered organisation or
    person, never a date, a number, a function word, or one of the corpus's places (README)."""
    from framing.running.inprocess import analyse

    sample = actor_sets()["sample"]
    analysis = analyse([sample_corpus_dir()], AnalysisConfig(vader=False, classifiers=False, actor_files=(sample,)))
    names = set(analysis.actors["actor"])
    places = {"Halvik", "Ostrel", "Kesser", "Tamsin", "Solenne", "Brenna", "Sorrel Quarter", "Karesh"}
    calendar = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "June"}
    assert not names & (places | calendar | {"", "The", "Toll", "Talks", "Front"}), sorted(names)
    assert all(any(c.isupper() for c in name) and not name[0].isdigit() for name in names)
    assert {"Valdoria", "Karesh Front", "Ardenia", "Federation of Nations", "Karesh Health Office"} <= names


def test_the_actors_table_lists_discovered_actors_with_counts_type_and_names(tmp_path):
    from framing.running.inprocess import analyse_texts

    text = (
        "Governor Ellen Marsh criticised the Transit Authority on Monday. The authority rejected the claim, "
        "and Marsh said she would take the matter to the Norland Assembly. Critics blamed the weather."
    )
    table = analyse_texts([text], CONFIG).actors.set_index("actor")
    assert table.loc["Ellen Marsh", "type"] == "person"
    assert table.loc["Ellen Marsh", "mentions"] == 3  # the name, the surname, "she"
    assert table.loc["Ellen Marsh", "names"] == "Ellen Marsh"
    assert table.loc["Transit Authority", "mentions"] == 2
    assert table.loc["Transit Authority", "type"] == "government"
    assert table.loc["Norland Assembly", "type"] == "government"
    assert (table["discovered"] == table["mentions"]).all()  # no set: every mention was discovered
    assert not {"Monday", "Critics", "weather"} & set(table.index)


def test_a_set_s_actor_row_names_the_grouped_names_and_takes_a_non_person_type(tmp_path):
    from framing.running.inprocess import analyse_texts

    config = AnalysisConfig(vader=False, classifiers=False, actor_files=(write_set(tmp_path / "n.tsv"),))
    text = "Marcus Olvenberg met envoys. The Foreign Office said Olvenberg had been clear."
    row = analyse_texts([text], config).actors.set_index("actor").loc["Norland"]
    assert row["type"] == "government"
    assert set(row["names"].split("; ")) == {"Marcus Olvenberg", "Foreign Office"}


def test_the_two_countries_speak_for_the_two_states_named_before():
    from framing.running.inprocess import analyse_texts

    text = "On Monday, Norland and Tarvonia signed a water deal. The two countries said the deal would last."
    sentences = analyse_texts([text], CONFIG).sentences
    assert sentences.iloc[1]["speaker_actor"] == "Norland;Tarvonia"
