"""Sentence segmentation and tokenisation: abbreviations, figures, quotations, valid offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.reading.boilerplate import Boilerplate
from framing.reading.build import build_article
from framing.reading.segment import segment, split_sentences
from framing.reading.text import read_text_article
from framing.reading.tokens import is_number, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. envoy arrived. Talks began.", ["The U.S. envoy arrived.", "Talks began."]),
        ("It began on Oct. 7 in the south. Others followed.", ["It began on Oct. 7 in the south.", "Others followed."]),
        ("Sen. Ann Lee and Gov. Bo Ray met Dr. Kim. They spoke.", ["Sen. Ann Lee and Gov. Bo Ray met Dr. Kim.", "They spoke."]),
        ("J. R. Smith wrote it. She agreed.", ["J. R. Smith wrote it.", "She agreed."]),
        ("At least 39,445 died and 85% fled. Aid stopped.", ["At least 39,445 died and 85% fled.", "Aid stopped."]),
        (
            '"We are ready. We have always been ready," she said. Then she left.',
            ['"We are ready.', 'We have always been ready," she said.', "Then she left."],
        ),
        ("Prices rose 2.5 percent. Wages did not.", ["Prices rose 2.5 percent.", "Wages did not."]),
    ],
)
def test_split_sentences(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("The U.S. said", ["The", "U.S.", "said"]),
        ("Hamas's court", ["Hamas", "'s", "court"]),
        ("Hamas’s court", ["Hamas", "’s", "court"]),
        ("don't", ["do", "n't"]),
        ("39,445 people, 85%", ["39,445", "people", ",", "85%"]),
        ("cease-fire talks", ["cease-fire", "talks"]),
    ],
)
def test_tokenize(text, tokens):
    found = tokenize(text)
    assert [t.text for t in found] == tokens
    assert all(text[t.start : t.end] == t.text for t in found)


@pytest.mark.parametrize(("word", "expected"), [("39,445", True), ("ten", True), ("dozens", True), ("people", False), ("May", False)])
def test_is_number(word, expected):
    assert is_number(word) is expected


def test_headline_rows_and_paragraphs():
    article = build_article(
        paragraphs=["First paragraph here. Second sentence.", "Next paragraph."],
        meta={"title": "A headline", "subtitle": "A standfirst line"},
        source="<t>",
    )
    rows = segment(article)
    assert [(r.paragraph, r.is_headline, r.text) for r in rows] == [
        (0, True, "A headline"),
        (1, True, "A standfirst line"),
        (2, False, "First paragraph here."),
        (2, False, "Second sentence."),
        (3, False, "Next paragraph."),
    ]
    assert len({r.sentence_id for r in rows}) == len(rows)


def test_segmentation_is_deterministic():
    article = build_article(paragraphs=["One. Two! Three?"], meta={}, source="<t>")
    assert [(s.start, s.end) for s in segment(article)] == [(s.start, s.end) for s in segment(article)]


RULES = Boilerplate.load()
PIECES = list("abcXYZ .,;:!?\"'“”‘’-–—()|\n\t0123456789") + ["U.S.", "Oct. ", "Dr. ", "- ", "\r\n", "\u00a0", "word "]
TEXT = st.lists(st.sampled_from(PIECES), max_size=200).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_text_reads_and_segments_with_valid_offsets(text):
    try:
        article = read_text_article(text, source="<fuzz>", rules=RULES)
    except Exception as error:  # only the documented "no body" error is acceptable
        assert str(error) == "no article text found after removing headers and boilerplate"
        return
    for sentence in segment(article):
        assert article.text[sentence.start : sentence.end] == sentence.text
        assert sentence.text.strip() == sentence.text and sentence.text
        for token in sentence.tokens:
            assert article.text[token.start : token.end] == token.text


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_are_decoded_or_rejected_clearly(data):
    from framing.errors import InputError
    from framing.reading.encoding import decode

    try:
        text, warnings = decode(data)
    except InputError as error:
        assert str(error) in ("empty file", "not a text file (binary content)")
        return
    assert isinstance(text, str) and "\r" not in text


def test_punkt_is_imported_without_the_rest_of_nltk():
    """Segmenting needs NLTK's punkt module only; the nltk package file imports all of NLTK (with
    scikit-learn and scipy.stats). A later ``import nltk`` still gets the whole, real package."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from framing.reading.segment import split_sentences\n"
        "assert split_sentences('Mr. Brown left. He was late.') == [(0, 15), (16, 28)]\n"
        "loaded = sorted(m for m in ('nltk', 'nltk.tokenize', 'scipy.stats', 'sklearn') if m in sys.modules)\n"
        "assert not loaded, loaded\n"
        "import nltk\n"
        "from nltk.tokenize.punkt import PunktSentenceTokenizer\n"
        "assert nltk.tokenize.punkt.PunktSentenceTokenizer is PunktSentenceTokenizer\n"
        "assert hasattr(nltk, 'word_tokenize')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
