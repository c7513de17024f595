"""Hedges, boosters and hedged casualty figures: how far a sentence commits to its claims.

Terms come from ``lexicons/hedges.tsv`` and ``lexicons/boosters.tsv`` (see ``docs/lexicons/hedging.md``);
casualty, damage and displacement words that make a number a *casualty figure* come from
``lexicons/figures.tsv``. Ambiguous terms are checked in context:

- ``before_number`` terms ("about", "some", "over") count only before a figure ("some 40", not
  "some residents"); a year ("between 2010 and 2015") is not a figure;
- ``modal`` terms follow the rules documented in ``docs/lexicons/hedging.md``: "May" the month,
  "could not" of past inability, "would" of reported future and "must"/"should" of obligation are
  not hedges;
- a booster inside a hedge match ("almost certainly") or right after a negator ("could not confirm
  that") does not count.

Every hedge and booster is a cue with the voice of the words it is in, so a hedge inside a quotation
is the speaker's, not the outlet's. A sentence has a hedged figure when an approximator sits on a
casualty figure, or when an evidential or unconfirmed hedge shares the sentence with one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from framing.annotation.grammar import AUX
from framing.config import AnalysisConfig
from framing.reading.lexicon import Entry, Match, PhraseMatcher, make_entry, read_lexicon
from framing.reading.tokens import NUMBER_WORDS, is_number
from framing.schema import Column
from framing.types import Cue, Doc, Token

HEDGE_CATEGORIES = (
    "epistemic_modal",
    "epistemic_verb",
    "epistemic_adjective",
    "epistemic_adverb",
    "evidential",
    "approximator",
    "unconfirmed",
    "shield",
)
BOOSTER_CATEGORIES = ("certainty_adverb", "certainty_adjective", "certainty_verb", "emphatic", "universal")
CONTEXTS = ("before_number", "modal", "evidence_subject", "limiting", "claim_verb")
FIGURE_CATEGORIES = (
    "death",
    "injury",
    "casualty",
    "displacement",
    "damage",
    "detention",
    "illness",
    "deprivation",
)


def stance_schema(categories: Sequence[str]) -> dict:
    """The read_tsv schema of hedges.tsv and boosters.tsv."""
    return {
        "required": ("term", "category", "weight"),
        "optional": ("context", "note"),
        "allowed": {"category": categories, "context": CONTEXTS},
        "numeric": ("weight",),
    }


HEDGE_SCHEMA = stance_schema(HEDGE_CATEGORIES)
BOOSTER_SCHEMA = stance_schema(BOOSTER_CATEGORIES)
FIGURE_SCHEMA = {
    "required": ("term", "category"),
    "optional": ("note",),
    "allowed": {"category": FIGURE_CATEGORIES},
}

# Closed word classes used by the context rules (grammar, not vocabulary: they stay in code).
NEGATORS = frozenset({"not", "n't", "never", "no", "nor", "without"})
MONTH_PREPOSITIONS = frozenset(
    "in of since until till by from through last next early late this that between and to during before after "
    "on for".split()
)
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# before a lower-case "may", these make it the month ("since may"), not the modal ("this may")
LOWER_MONTH_PREPOSITIONS = frozenset(
    "in of since until till from through last next early late during".split()
)
FRACTIONS = frozenset("half third thirds quarter quarters fifth fifths tenth tenths dozen".split())
# "over a year", "nearly a decade": a unit after "a"/"an" is a figure for an approximator
UNITS = frozenset("hour day week month year decade century minute mile kilometre kilometer".split())
# "nearly doubled", "almost twice": multiplication is a figure
MULTIPLIERS = frozenset(
    "double doubled doubling triple tripled tripling quadruple quadrupled halved twice thrice tenfold".split()
)
CURRENCY = frozenset("$ £ € ¥ us$".split())
SECOND_PERSON = frozenset({"you", "ye"})
THIRD_PERSON = frozenset("he she they who it's he's she's".split())
NOUN_MIGHT_BEFORE = frozenset(
    "its his her their our my your the military economic naval full all with".split()
)
CLAUSE_OPENERS = frozenset({"if", "whether", "unless", "so", "though", "although"})
COULD_ABILITY = frozenset("see hear feel afford barely hardly only scarcely smell".split())
# "would" hedges only as a tentative assertion: "that would suggest", "I would think"
WOULD_EPISTEMIC = frozenset(
    "suggest indicate imply mean appear seem seemed expect think guess say estimate assume imagine "
    "argue thought expected guessed assumed imagined".split()
)
# "should" hedges only as expectation about an event: "aid should arrive by Friday"
SHOULD_EXPECT = frozenset("arrive reach last begin start resume finish conclude".split())
SHOULD_BE_EXPECT = frozenset("ready completed finished over available known able done".split())
DETERMINERS = frozenset("a an the some any no their its his her our my your this that these those".split())
COMPOUND_HEADS = frozenset({"tank", "tanks"})  # "think tank" is a noun
FIGURE_BREAKS = frozenset({";", ":", "(", ")", "—", "–"})
FIGURE_WINDOW_BEFORE = 6  # tokens before a figure searched for a harm word ("killed 40")
FIGURE_WINDOW_AFTER = 10  # tokens after it ("40 Palestinians have since been killed")
FIGURE_SOURCE_CATEGORIES = frozenset({"evidential", "unconfirmed"})
# hedge categories that give way to a blame cue on the same words ("accused of", "suspected of")
BLAME_SHARED = frozenset({"evidential", "epistemic_verb"})
# What a figure counts decides whether an approximator on it is a hedge: only a claim whose size is
# uncertain (casualties, crowds, estimates, costs) is. Spans of time, ages and ordinals are known
# quantities written loosely, and a figure that is a term of a deal or plan ("would release up to 40
# hostages") states a limit, not an estimate.
TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days night nights week weeks weekend weekends month months "
    "year years decade decades century centuries fortnight fortnights".split()
)
AGE_BEFORE = frozenset({"aged", "age", "ages"})
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
DECADE_OF_LIFE = frozenset({"his", "her", "their", "early", "mid", "late"})
ORDINAL_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth twentieth thirtieth "
    "hundredth thousandth millionth".split()
)
# words of a figure's own phrase between the number and what it counts ("40,000 more", "2 million")
FIGURE_CONTINUATIONS = NUMBER_WORDS | frozenset({"-", "or", "to", "and", "more", "fewer", "additional", "other"})
# a figure after one of these (the verb right before the approximator has one of them before it) is
# the object of a planned, proposed or hypothetical act: "would release up to 40", "agreed to free about 50"
IRREALIS = frozenset("would will shall 'll could can might may should must".split())
# "to" before the verb marks a planned act only after these ("agreed to release about 50")
PLAN_VERBS = frozenset(
    "agree agreed agrees offer offered offers plan plans planned propose proposed proposes pledge pledged "
    "pledges promise promised promises commit committed commits expected set".split()
)
TERM_BEFORE = frozenset({"exchange", "return"})  # "in exchange for up to 40", "in return for about 50"
# a minimum in a rule, condition or requirement states a threshold, not an estimate: "if they own at
# least 60 percent", "must file at least ten returns", "at least 67 votes, the number needed"
MINIMUM_TERMS = frozenset({("at", "least"), ("more", "than"), ("no", "fewer", "than"), ("no", "less", "than"), ("a", "minimum", "of")})
CONDITION_BEFORE = frozenset(
    "if unless must need needs needed require requires required requiring minimum threshold qualify "
    "eligible".split()
)
REQUIREMENT_AFTER = frozenset("necessary needed required".split())
# what follows a figure "one" that is a count ("under one percent"), not the determiner of "under one roof"
ONE_FIGURE_AFTER = frozenset("in out percent per % million billion thousand hundred".split())
# the words between a verb and its subject: auxiliaries, negation ("he didn't suggest", "is suggesting")
AUXILIARIES = AUX | {"not", "n't", "never", "also"}  # the grammar's auxiliaries, negation
# "seems to suggest", "appears to indicate": evidence hedging through a raising verb
RAISING_VERBS = frozenset("seem seems seemed appear appears appeared tend tends tended".split())
# "claimed responsibility", "claimed the lives of", "claimed victory": taking or winning, not asserting
CLAIM_OBJECTS = frozenset(
    "responsibility credit victory win wins lives life title titles seat seats prize prizes asylum ownership "
    "land territory throne crown mantle championship majority spot place top refund refunds benefits "
    "damages compensation deduction deductions exemption exemptions share stake jobs".split()
)
# skipped between "claimed" and the word that tells a claim from a taking ("claimed Monday that")
CLAIM_SKIPPED = frozenset("on again also monday tuesday wednesday thursday friday saturday sunday yesterday today".split())
CLAIM_CLAUSE_NEXT = frozenset("that to he she they it we i there his her their its this these those".split())
CLAIM_NOUN_BEFORE = frozenset(
    "a an the such these those his her their its our my your false new many several similar unfounded "
    "any no".split()
)
# shields that, as an apposition after a comma, dash or bracket, describe the make-up of what precedes
# ("killed 40 people, mostly civilians") instead of limiting a claim
APPOSITION_BREAKS = frozenset({",", "(", "—", "–", "-", "--"})


@dataclass(frozen=True)
class StanceLexicons:
    """The matchers built once per configuration."""

    hedges: PhraseMatcher
    boosters: PhraseMatcher
    harm: PhraseMatcher


@lru_cache(maxsize=4)
def stance_lexicons(config: AnalysisConfig) -> StanceLexicons:
    user_dir = Path(config.lexicon_dir) if config.lexicon_dir else None

    def matcher(name: str, schema: dict, *fields: str) -> PhraseMatcher:
        rows = read_lexicon(name, user_dir, **schema)
        return PhraseMatcher(
            make_entry(row["term"], {f: float(row[f]) if f == "weight" else row[f] for f in fields})
            for row in rows
        )

    return StanceLexicons(
        hedges=matcher("hedges.tsv", HEDGE_SCHEMA, "category", "weight", "context"),
        boosters=matcher("boosters.tsv", BOOSTER_SCHEMA, "category", "weight", "context"),
        harm=matcher("figures.tsv", FIGURE_SCHEMA, "category"),
    )


def cue_voice(doc: Doc, start: int, end: int) -> tuple[str, str]:
    """(voice, source_actor) of the words at ``start:end``: the author's, or the speech span's."""
    span = doc.voice_at(start, end)
    if span is None:
        return "author", "author"
    return span.voice, span.speaker_actor or span.speaker


# ---------------------------------------------------------------------------------------------------
# context rules


def _is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and 1900 <= int(word) <= 2099


def figure_at(tokens: Sequence[Token], i: int) -> int | None:
    """The index of the figure starting at token ``i`` ("40", "$5", "two-thirds", "a third"), or None.

    Years and calendar dates are not figures.
    """
    n = len(tokens)
    if i < n and tokens[i].lower in CURRENCY:
        i += 1
    if i >= n:
        return None
    word = tokens[i].lower
    if word in {"a", "an", "one"} and i + 1 < n:
        unit = tokens[i + 1].lower
        if unit in FRACTIONS or unit in NUMBER_WORDS or (word != "one" and unit in UNITS):
            return i + 1
    if word in MULTIPLIERS:
        return i
    if word[:1].isdigit():
        if _is_year(word) and (
            i + 1 >= n or not tokens[i + 1].lower.isalpha() or tokens[i + 1].lower in MONTH_PREPOSITIONS
        ):
            return None
        if i > 0 and _after_month(tokens, i):
            return None
        return i
    head = word.split("-")[0]
    if word in NUMBER_WORDS or (head != word and (head in NUMBER_WORDS or head in FRACTIONS)):
        return i
    return None


def _counted(tokens: Sequence[Token], figure: int) -> str:
    """The word a figure counts: the first word after the figure's own phrase ("ten months" ->
    "months", "2 million people" -> "people", "ten-month" -> "month", "a year" -> "year")."""
    word = tokens[figure].lower
    if "-" in word:
        tail = word.split("-")[-1]
        if tail and not tail[:1].isdigit() and tail not in NUMBER_WORDS and tail not in FRACTIONS:
            return tail  # "ten-month", "40-year-old" (-> "old": see _is_age)
    i = figure + 1
    while i < len(tokens) and (tokens[i].lower in FIGURE_CONTINUATIONS or tokens[i].lower[:1].isdigit()):
        i += 1
    return tokens[i].lower if i < len(tokens) else ""


def _is_age(tokens: Sequence[Token], figure: int) -> bool:
    word = tokens[figure].lower
    if word.endswith("-old"):
        return True
    if word.endswith("s") and word[:-1].isdigit():  # "in his 40s", "in their late 20s"
        return figure > 0 and tokens[figure - 1].lower in DECADE_OF_LIFE
    if figure > 0 and tokens[figure - 1].lower in AGE_BEFORE:
        return True
    if figure > 1 and tokens[figure - 2].lower in AGE_BEFORE:
        return True  # "aged about 40": the approximator sits between
    rest = [t.lower for t in tokens[figure + 1 : figure + 4]]
    return rest[:2] in (["years", "old"], ["year", "old"]) or rest[:1] == ["-year-old"]


def _is_ordinal(tokens: Sequence[Token], figure: int) -> bool:
    word = tokens[figure].lower
    if word in ORDINAL_WORDS or (word[:1].isdigit() and word[-2:] in {"st", "nd", "rd", "th"}):
        return True
    return word[:1].isdigit() and _next_word(tokens, figure + 1) in ORDINAL_SUFFIXES  # "20" "th"


def _is_term(tokens: Sequence[Token], first: int) -> bool:
    """The approximator at ``first`` opens the object of a planned or hypothetical act ("Hamas would
    release up to 40 hostages", "agreed to free about 50 prisoners"), or a term of an exchange ("in
    return for up to 40 hostages")."""
    j = first - 1
    if j >= 1 and tokens[j].lower == "for" and tokens[j - 1].lower in TERM_BEFORE:
        return True
    if j >= 0 and tokens[j].lower.endswith("ly"):
        j -= 1  # "would eventually release up to 40"
    if j < 1 or not tokens[j].lower.isalpha() or tokens[j].lower in IRREALIS:
        return False  # no verb right before it ("would up to"?)
    k = j - 1
    if k >= 0 and (tokens[k].lower.endswith("ly") or tokens[k].lower in {"not", "also", "then"}):
        k -= 1
    if k >= 0 and tokens[k].lower in IRREALIS:
        return True
    return k >= 1 and tokens[k].lower == "to" and tokens[k - 1].lower in PLAN_VERBS


def uncertain_size(tokens: Sequence[Token], match: Match, figure: int) -> bool:
    """Whether an approximator on the figure at ``figure`` hedges a claim whose size is uncertain:
    not a span of time ("nearly ten months into the war", "over a year"), an age ("aged about 40"),
    an ordinal, or a term of a deal or plan ("would release up to 40 hostages")."""
    if _is_ordinal(tokens, figure) or _is_age(tokens, figure):
        return False
    if tokens[figure].lower in TIME_UNITS or _counted(tokens, figure) in TIME_UNITS:
        return False  # "about a year" (the figure is the unit), "ten months"
    if any(part in TIME_UNITS or part + "s" in TIME_UNITS for part in tokens[figure].lower.split("-")[1:]):
        return False  # "a nearly two-year-long inquiry", "almost ten-month"
    if (
        tokens[figure].lower == "one"
        and match.entry.tokens in {("under",), ("over",)}
        and _next_word(tokens, figure + 1) not in ONE_FIGURE_AFTER
    ):
        return False  # "under one roof", "over one issue": a preposition and a determiner, not a size
    if _is_threshold(tokens, match, figure):
        return False
    return not _is_term(tokens, match.first)


def _is_threshold(tokens: Sequence[Token], match: Match, figure: int) -> bool:
    """A minimum ("at least", "more than") set by a rule, condition or requirement: "if the
    shareholders own at least 60 percent", "must have at least 10 years", "at least 67 senators, the
    number needed to pass it"."""
    if match.entry.tokens not in MINIMUM_TERMS:
        return False
    before = [tokens[j].lower for j in range(max(0, match.first - 8), match.first)]
    if any(word in CONDITION_BEFORE for word in before):
        return True
    after = [tokens[j].lower for j in range(figure + 1, min(len(tokens), figure + 8))]
    return any(word in REQUIREMENT_AFTER for word in after)


def apposition(tokens: Sequence[Token], match: Match) -> bool:
    """A limiting word opening an apposition ("40 killed, mostly women and children"): it tells what
    the group consists of. Followed by a participle ("largely ignored") it still limits a claim."""
    if match.first == 0 or tokens[match.first - 1].lower not in APPOSITION_BREAKS:
        return False
    following = _next_word(tokens, match.last)
    return bool(following) and following[:1].isalpha() and not following.endswith("ed")


def _after_month(tokens: Sequence[Token], i: int) -> bool:
    """True for the day of a date: "May 6", "Oct. 7"."""
    j = i - 1
    if j >= 0 and tokens[j].lower == ".":
        j -= 1
    return j >= 0 and tokens[j].lower in MONTHS and tokens[j].text[:1].isupper()


def _next_word(tokens: Sequence[Token], i: int) -> str:
    return tokens[i].lower if i < len(tokens) else ""


def _clause_before(tokens: Sequence[Token], i: int, span: int = 4) -> list[str]:
    """Up to ``span`` words before token ``i``, stopping at a comma or clause punctuation."""
    words = []
    for j in range(i - 1, max(-1, i - 1 - span), -1):
        if tokens[j].lower in {",", ";", ":", "—", "–", '"'}:
            break
        words.append(tokens[j].lower)
    return words


def _skip_adverb(tokens: Sequence[Token], i: int) -> int:
    """Skip one "-ly" adverb or "not"/"also"/"still" after a modal."""
    word = _next_word(tokens, i)
    if word.endswith("ly") or word in {"also", "still", "even", "then", "now"}:
        return i + 1
    return i


def modal_is_epistemic(tokens: Sequence[Token], match: Match) -> bool:
    """Whether a modal match is a hedge here (see docs/lexicons/hedging.md, "Rules for modals")."""
    first = match.first
    token = tokens[first]
    modal = token.lower
    after = match.last
    following = _next_word(tokens, after)
    if not following or not following[:1].isalpha():
        return False  # "May." / "its might," : not a verb phrase
    if modal != "may" or token.text[:1] != "M":
        if first > 0 and tokens[first - 1].lower in SECOND_PERSON:
            return False  # "you could support", "you may have heard": suggestion or address, not doubt
        if _in_question(tokens, after):
            return False  # "how much worse could it get?"
    if modal == "may":
        if token.text[:1] == "M" and (
            first > 0 or figure_at(tokens, after) is not None or _is_year(following)
        ):
            return False  # the month: "on May 6", "in May", "May 2024"; or a name ("Theresa May")
        if first > 0 and tokens[first - 1].lower in LOWER_MONTH_PREPOSITIONS:
            return False  # "in may" written in lower case
        return not is_number(following)  # "may 6" written in lower case
    if modal == "might":
        if first > 0 and tokens[first - 1].lower in NOUN_MIGHT_BEFORE:
            return False  # "military might"
        return following not in {"of", "and", "or"}
    before = _clause_before(tokens, first)
    if modal == "could":
        if len(match.entry.tokens) == 1 and (following in NEGATORS or following in COULD_ABILITY):
            return False  # "could not reach": past inability; "could see": perception
        return not any(word in CLAUSE_OPENERS for word in before)
    if modal == "would":
        i = after
        if match.entry.tokens[-1] != "have" and _next_word(tokens, i) == "have":
            i += 1
        i = _skip_adverb(tokens, i)
        return _next_word(tokens, i) in WOULD_EPISTEMIC
    if modal == "should":
        i = _skip_adverb(tokens, after)
        word = _next_word(tokens, i)
        if word == "be":
            return _next_word(tokens, i + 1) in SHOULD_BE_EXPECT
        return word in SHOULD_EXPECT
    if modal == "must":
        # only inference about the past ("must have been fired"); bare "must" is obligation
        return match.entry.tokens[-1] == "have" and following.isalpha() and following not in DETERMINERS
    return True


def _in_question(tokens: Sequence[Token], i: int) -> bool:
    """True when the first sentence-final mark after token ``i`` is a question mark."""
    for token in tokens[i:]:
        if token.lower in {".", "!", "?"}:
            return token.lower == "?"
    return False


def subject_is_evidence(tokens: Sequence[Token], match: Match) -> bool:
    """For verbs such as "suggest": a hedge when evidence suggests ("the figures suggest", "I suggest"
    is also kept, "seems to suggest"), not when a third person suggests or proposes ("Sanders
    suggests", "he didn't suggest", "Sanders is suggesting", ", suggesting that", "and suggesting",
    "used the speech to suggest"), which is reporting."""
    first = match.first
    if (
        match.entry.tokens[0].endswith("ing")
        and first > 0
        and tokens[first - 1].lower in {",", "—", "–", "-", "--", "and", "while", "by"}
    ):
        return False
    j = first - 1
    while j >= 0 and (tokens[j].lower.endswith("ly") or tokens[j].lower in AUXILIARIES):
        j -= 1  # "he also suggested", "Smith repeatedly suggested", "he didn't suggest"
    if j < 0:
        return True
    previous = tokens[j]
    if previous.lower == "to":
        k = j - 1
        while k >= 0 and tokens[k].lower.endswith("ly"):
            k -= 1
        # "seems to suggest" hedges; "took to Twitter to suggest" is someone's act
        return k >= 0 and tokens[k].lower in RAISING_VERBS
    if previous.lower in THIRD_PERSON:
        return False
    return not (j > 0 and previous.text[:1].isupper() and previous.text[:1].isalpha())


def claim_is_distancing(tokens: Sequence[Token], match: Match) -> bool:
    """"claimed", "claims" as a reporting verb that distances the outlet ("X claimed the vote was
    rigged", "claims that he should be the exception"); not "claimed responsibility", "claimed the
    lives of", and not the noun ("the claims", "false claims")."""
    first, after = match.first, match.last
    word = match.entry.tokens[0]
    following = after
    while following < len(tokens) and (tokens[following].lower in DETERMINERS or tokens[following].lower in CLAIM_SKIPPED):
        following += 1  # "claimed Monday that", "claimed the lives": look at the head
    head = _next_word(tokens, following)
    if head in CLAIM_OBJECTS:
        return False
    if word in {"claim", "claims"}:
        if first > 0 and (tokens[first - 1].lower in CLAIM_NOUN_BEFORE or tokens[first - 1].lower.endswith("'s")):
            return False  # the noun: "the claims", "his claim", "Trump's claims"
        return _next_word(tokens, after) in CLAIM_CLAUSE_NEXT
    return bool(head) and head[:1].isalpha()


# "every possible means", "the best possible outcome", "as soon as possible": degree, not doubt
NON_EPISTEMIC_BEFORE_ADJECTIVE = frozenset("every all any best worst greatest fullest maximum highest lowest only as".split())


def accept_hedge(tokens: Sequence[Token], match: Match) -> bool:
    context = match.entry.get("context")
    if (
        match.entry.get("category") == "epistemic_adjective"
        and match.first > 0
        and tokens[match.first - 1].lower in NON_EPISTEMIC_BEFORE_ADJECTIVE
    ):
        return False
    if match.last < len(tokens) and tokens[match.last].lower in COMPOUND_HEADS:
        return False  # "think tank"
    if context == "before_number":
        figure = figure_at(tokens, match.last)
        return figure is not None and uncertain_size(tokens, match, figure)
    if match.entry.get("category") == "approximator" and match.entry.tokens in MINIMUM_TERMS:
        # "at least" hedges with or without a figure ("at least for now"); on a figure, the figure
        # rules apply ("at least two weeks" is a span of time, "at least 60 percent" in a rule a threshold)
        figure = figure_at(tokens, match.last)
        if figure is not None:
            return uncertain_size(tokens, match, figure)
    if context == "limiting":
        return not apposition(tokens, match)
    if context == "modal":
        return modal_is_epistemic(tokens, match)
    if context == "evidence_subject":
        return subject_is_evidence(tokens, match)
    if context == "claim_verb":
        return claim_is_distancing(tokens, match)
    return True


RANGE_LINKS = frozenset({"to", "or"})
# "voted 52 to 48", "from 10 to 20", "by 5 to 4": spans and scores, not approximations
RANGE_BLOCKERS = frozenset("from between by of voted won lost beat defeated score scored".split())
RANGE_ENTRY = Entry(
    term="<figure> to/or <figure>",
    tokens=("<figure>", "to", "<figure>"),
    prefix=False,
    data={"category": "approximator", "weight": 0.8, "context": ""},
)


def figure_ranges(tokens: Sequence[Token], covered: set[int]) -> list[Match]:
    """Ranges given as an approximation: "25 to 30 protesters", "three or four months"."""
    found = []
    for i in range(len(tokens) - 2):
        if tokens[i + 1].lower not in RANGE_LINKS or i in covered:
            continue
        if figure_at(tokens, i) != i or figure_at(tokens, i + 2) != i + 2:
            continue
        if i > 0 and tokens[i - 1].lower in RANGE_BLOCKERS:
            continue
        match = Match(i, i + 3, RANGE_ENTRY)
        if not uncertain_size(tokens, match, i + 2):
            continue  # "three or four months", "a 40-to-50-year-old", "would free 30 to 40"
        found.append(match)
    return found


def _negated(tokens: Sequence[Token], i: int) -> bool:
    """A negator right before token ``i`` ("not", "n't", or "not" + one adverb)."""
    if i > 0 and tokens[i - 1].lower in NEGATORS:
        return True
    return i > 1 and tokens[i - 2].lower in {"not", "n't"} and tokens[i - 1].lower.endswith("ly")


def booster_filter(covered: set[int]):
    """An ``accept`` callback for boosters: not inside a hedge match ("almost certainly", "not
    entirely"), not right after a negator ("could not confirm that")."""

    def accept(tokens: Sequence[Token], match: Match) -> bool:
        if any(k in covered for k in range(match.first, match.last)):
            return False
        return not _negated(tokens, match.first)

    return accept


# ---------------------------------------------------------------------------------------------------
# casualty figures


def casualty_figures(tokens: Sequence[Token], harm: PhraseMatcher) -> list[int]:
    """Indices of figures with a casualty, damage or displacement word close by in the same clause."""
    harm_positions = [m.first for m in harm.find(tokens)]
    if not harm_positions:
        return []
    figures = []
    for i, token in enumerate(tokens):
        if not (token.lower[:1].isdigit() or token.lower in NUMBER_WORDS or "-" in token.lower):
            continue
        if figure_at(tokens, i) != i:
            continue
        if any(_same_clause(tokens, i, h) for h in harm_positions):
            figures.append(i)
    return figures


def _same_clause(tokens: Sequence[Token], figure: int, harm_word: int) -> bool:
    if not -FIGURE_WINDOW_BEFORE <= harm_word - figure <= FIGURE_WINDOW_AFTER:
        return False
    low, high = sorted((figure, harm_word))
    return not any(tokens[k].lower in FIGURE_BREAKS for k in range(low + 1, high))


def _figure_of(tokens: Sequence[Token], match: Match) -> int | None:
    """The figure an approximator sits on: the number after it ("at least 40"), before it ("40 or
    more"), or the approximator itself when it names a quantity ("dozens of", "an unknown number of")."""
    after = figure_at(tokens, match.last)
    if after is not None:
        return after
    if match.first > 0 and figure_at(tokens, match.first - 1) == match.first - 1:
        return match.first - 1
    if any(word in NUMBER_WORDS or word == "number" for word in match.entry.tokens):
        return match.first
    return None


# ---------------------------------------------------------------------------------------------------
# the annotator


class HedgingAnnotator:
    name = "hedging"
    columns = (
        Column("hedge", "int", 0, "1 if the sentence has a hedge (in any voice)"),
        Column("hedge_score", "float", 0.0, "sum of the hedge cues' weights"),
        Column("hedge_categories", "str", "", "hedge categories found, ';'-separated"),
        Column("hedged_figure", "int", 0, "1 if a hedge qualifies a casualty, damage or displacement figure"),
        Column("booster", "int", 0, "1 if the sentence has a booster (in any voice)"),
        Column("booster_score", "float", 0.0, "sum of the booster cues' weights"),
    )

    def __init__(self, lexicons: StanceLexicons):
        self.lexicons = lexicons

    def __call__(self, doc: Doc) -> None:
        blame_spans = [(c.sentence_id, c.start, c.end) for c in doc.cues if c.dimension == "blame"]
        for sentence in doc.sentences:
            tokens = sentence.tokens
            hedges = self.lexicons.hedges.find(tokens, accept_hedge)
            if blame_spans:
                hedges = self._outside_blame(sentence, hedges, blame_spans)
            covered = {k for m in hedges for k in range(m.first, m.last)}
            ranges = figure_ranges(tokens, covered)
            if ranges:
                hedges = sorted(hedges + ranges, key=lambda m: m.first)
                covered.update(k for m in ranges for k in range(m.first, m.last))

            boosters = self.lexicons.boosters.find(tokens, booster_filter(covered))
            figures = casualty_figures(tokens, self.lexicons.harm) if hedges else []
            hedged_figure = False
            hedge_score = booster_score = 0.0
            categories: list[str] = []
            for match in hedges:
                category = match.entry.get("category")
                detail = ""
                if figures:
                    if category == "approximator" and _figure_of(tokens, match) in figures:
                        detail = "casualty figure"
                    elif category in FIGURE_SOURCE_CATEGORIES:
                        detail = "casualty figure in the sentence"
                hedged_figure = hedged_figure or bool(detail)
                hedge_score += float(match.entry.get("weight"))
                if category not in categories:
                    categories.append(category)
                doc.cues.append(self._cue(doc, sentence, "hedge", match, detail))
            for match in boosters:
                booster_score += float(match.entry.get("weight"))
                doc.cues.append(self._cue(doc, sentence, "booster", match, ""))
            sentence.values.update(
                hedge=int(bool(hedges)),
                hedge_score=hedge_score,
                hedge_categories=";".join(sorted(categories)),
                hedged_figure=int(hedged_figure),
                booster=int(bool(boosters)),
                booster_score=booster_score,
            )

    @staticmethod
    def _outside_blame(sentence, hedges: list[Match], blame_spans) -> list[Match]:
        """Hedge matches that are not the words of a blame cue: "accused of", "allegations" name an
        accusation (blame), and a word is evidence of one finding, not of two. Only evidential
        readings give way; a shield inside a blame phrase ("partly to blame") still limits it."""
        spans = [(a, b) for sid, a, b in blame_spans if sid == sentence.sentence_id]
        if not spans:
            return hedges
        tokens = sentence.tokens
        return [
            m
            for m in hedges
            if m.entry.get("category") not in BLAME_SHARED
            or not any(a < tokens[m.last - 1].end and tokens[m.first].start < b for a, b in spans)
        ]

    @staticmethod
    def _cue(doc: Doc, sentence, dimension: str, match: Match, detail: str) -> Cue:
        start = sentence.tokens[match.first].start
        end = sentence.tokens[match.last - 1].end
        voice, source = cue_voice(doc, start, end)
        return Cue(
            article_id=sentence.article_id,
            sentence_id=sentence.sentence_id,
            dimension=dimension,
            category=match.entry.get("category"),
            text=doc.article.text[start:end],
            start=start,
            end=end,
            term=match.entry.term,
            weight=float(match.entry.get("weight")),
            source_actor=source,
            voice=voice,
            detail=detail,
        )


def build(config: AnalysisConfig) -> HedgingAnnotator:
    return HedgingAnnotator(stance_lexicons(config))
