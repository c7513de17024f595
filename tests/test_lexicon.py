"""Lexicon files and the phrase matcher: validation errors name file and line; longest match wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.annotation.actors import ActorIndex
from framing.errors import LexiconError
from framing.reading.lexicon import PhraseMatcher, make_entry, read_lexicon, read_tsv
from framing.reading.tokens import tokenize


def matches(terms, text, **kw):
    matcher = PhraseMatcher(make_entry(t) for t in terms)
    tokens = tokenize(text)
    return [(m.entry.term, text[tokens[m.first].start : tokens[m.last - 1].end]) for m in matcher.find(tokens, **kw)]


@pytest.mark.parametrize(
    ("terms", "text", "expected"),
    [
        (["at least", "least"], "at least 40 people", [("at least", "at least")]),
        (["terroris*"], "Terrorists and terrorism", [("terroris*", "Terrorists"), ("terroris*", "terrorism")]),
        (["in the hands of"], "It is in the hands of Hamas", [("in the hands of", "in the hands of")]),
        (["hamas 's court"], "in Hamas's court", [("hamas 's court", "Hamas's court")]),
        (["hamas 's court"], "in Hamas’s court", [("hamas 's court", "Hamas’s court")]),
        (["brutal"], "a brutality", []),
        (["not yet confirmed", "confirmed"], "has not yet confirmed it", [("not yet confirmed", "not yet confirmed")]),
    ],
)
def test_phrase_matcher(terms, text, expected):
    assert matches(terms, text) == expected


def test_accept_veto_falls_back_to_shorter_match():
    found = matches(["may", "may be"], "It may be so", accept=lambda tokens, m: len(m.entry.tokens) == 1)
    assert found == [("may", "may")]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("word\tcategory\nbrutal\tjudgement\n", "{path}: line 1: header must contain the columns ['term', 'category', 'weight']; found ['word', 'category']"),
        ("term\tcategory\tweight\nbrutal\tjudgement\n", "{path}: line 2: expected 3 tab-separated fields, found 2"),
        ("term\tcategory\tweight\nbrutal\t\t1\n", "{path}: line 2: column 'category' is empty"),
        ("term\tcategory\tweight\nbrutal\tjudgement\theavy\n", "{path}: line 2: column 'weight' must be a number, found 'heavy'"),
        ("term\tcategory\tweight\n\nbrutal\tcolour\t1\n", "{path}: line 3: column 'category' has 'colour'; allowed: ['judgement']"),
    ],
)
def test_read_tsv_errors(tmp_path, content, message):
    path = write(tmp_path / "lex.tsv", content)
    with pytest.raises(LexiconError) as error:
        read_tsv(path, required=("term", "category", "weight"), numeric=("weight",), allowed={"category": ("judgement",)})
    assert str(error.value) == message.format(path=path)


def test_user_lexicon_overrides_and_adds(tmp_path):
    write(tmp_path / "abbreviations.tsv", "term\tnote\nzz\tnew one\nu.s\toverridden\n")
    rows = read_lexicon("abbreviations.tsv", tmp_path, required=("term",), optional=("note",))
    by_term = {r["term"]: r["note"] for r in rows}
    assert by_term["zz"] == "new one" and by_term["u.s"] == "overridden" and "oct" in by_term


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        ("Hamas spokesman Jihad Taha", "Hamas"),
        ("US President Joe Biden", "US"),
        ("the Qatari Foreign Ministry", "Qatar"),
        ("local health authorities", "Gaza health authorities"),
        ("Local health authorities", "Gaza health authorities"),
        ("us", ""),
        ("someone unknown", ""),
    ],
)
def test_actor_canonical(name, actor):
    index = ActorIndex.from_files([Path(__file__).resolve().parents[1] / "lexicons" / "actors" / "gaza.tsv"])
    assert index.canonical(name) == actor


def test_actor_file_errors(tmp_path):
    path = write(tmp_path / "actors.tsv", "name\tactor\ttype\tnote\nFoo\tFoo\tplanet\t\n")
    with pytest.raises(LexiconError) as error:
        ActorIndex.from_files([path])
    assert str(error.value) == (
        f"{path}: line 2: column 'type' has 'planet'; allowed: ['armed_group', 'civil_society', 'company', "
        "'government', 'international_body', 'media', 'organisation', 'party', 'person', 'state']"
    )
