"""What the voice passes share: closed-class word lists, the typed results (quotes, reporting verbs,
frames), the reporting-verb lexicon and a sentence view over tokens and quotations."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from framing.annotation.actors import ActorIndex
from framing.config import AnalysisConfig
from framing.errors import LexiconError, message
from framing.reading.lexicon import PhraseMatcher, make_entry, read_lexicon
from framing.types import Sentence, Token

STANCES = ("neutral", "distancing", "endorsing", "loaded")
VERB_KINDS = ("speech", "cognition", "document", "source_phrase", "attitude")
# what may follow the verb unmarked: "clause" ("said Israel had refused", "said yes"), "object" ("accused
# Israel of ...", "denied the report"), "infinitive" ("vowed to fight", "wants voters to know"),
# "predicative" ("called the plan a disaster", "sees him as a threat"); several joined by "|"; empty: the
# content must be marked by "that", a quotation, a colon, or a clause whose finite verb is recognisable
COMPLEMENTS = ("clause", "object", "infinitive", "predicative")

# --- closed-class words the constructions are built from ------------------------------------------
DOUBLE_QUOTES = frozenset('"“”„«»')
SINGLE_OPEN = frozenset("'‘")
SINGLE_CLOSE = frozenset("'’")
QUOTE_MARKS = DOUBLE_QUOTES | SINGLE_OPEN | SINGLE_CLOSE
DETERMINERS = frozenset("the a an this that these those his her its their our my your".split())
PERSON_PRONOUNS = frozenset("he she".split())
OTHER_PRONOUNS = frozenset("they it we i you".split())
# words standing between a subject and its verb: auxiliaries, negation, a few frequent adverbs
BETWEEN_SUBJECT_AND_VERB = frozenset(
    """has have had was were is are will would could can may might must should shall did does do 's 've 'd
    n't not also then later earlier again further previously once recently repeatedly reportedly yet still
    already never often even just first separately too publicly privately""".split()
)
# a verb after one of these is a passive or copular participle ("was told", "stands accused"), not a frame
PASSIVE_BEFORE = frozenset(
    "is are was were be been being stands stood remain remains remained get gets got".split()
)
CLAUSE_STARTERS = frozenset(
    """that which who whom whose where when while as because after before since if although though but or
    nor so than whether unless until there here what how why""".split()
)
PREPOSITIONS = frozenset(
    """in on at to with by from for of during after before about over against into through amid ahead
    following without within under near via per upon across since until despite outside inside behind
    beyond toward towards like around""".split()
)
NP_PREPOSITIONS = frozenset("of for at from".split())  # may sit inside a speaker phrase ("head of the UN")
TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight earlier later morning
    afternoon evening night""".split()
)
FINITE_MARKERS = frozenset(
    """is are was were has have had will would could can may might must should shall did does do 's 're
    'll 've 'd""".split()
)
# verbs that take the addressee as object before the content ("told reporters", "urged Israel to")
ADDRESSEE_VERBS = frozenset(
    "tell inform assure reassure remind notify brief ask advise urge warn caution thank call on".split()
)
COMPLEMENTIZERS = frozenset("that if whether".split())
# subjects that can hold a position or an intention (attitude verbs, infinitive complements): a pronoun, a
# proper name, an actor mention, or a noun for people and organisations
ANIMATE_PRONOUNS = frozenset("he she they we i who".split())
# "may want to", "can support any candidate": advice or possibility, not a position held
NOT_ATTITUDE_AFTER = frozenset("may might can".split())
OBJECT_PRONOUNS = frozenset("him her them us me it".split())
# "in X's view, ...", "X's position is that ...": a holder's view named by a noun
VIEW_NOUNS = frozenset("view opinion judgment judgement estimation eyes".split())
POSITION_NOUNS = frozenset("position view belief stance argument contention".split())
VIEW_WORDS = VIEW_NOUNS | POSITION_NOUNS
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}
ANIMATE_NOUNS = frozenset(
    """official officials spokesman spokeswoman spokesperson spokespeople senator senators representative
    lawmaker lawmakers legislator legislators congressman congresswoman governor governors mayor president
    minister ministers secretary ambassador diplomat diplomats leader leaders chairman chairwoman chair
    candidate candidates nominee campaign campaigns group groups ministry government administration party
    parties committee council agency department organisation organization union coalition movement team
    staff aide aides adviser advisers advisor advisors ally allies supporter supporters critic critics
    opponent opponents rival rivals voter voters delegate delegates donor donors member members people
    activist activists advocate advocates expert experts analyst analysts economist economists strategist
    strategists observer observers leadership establishment residents citizens americans women men students
    workers families parents conservatives liberals progressives moderates evangelicals republicans
    democrats independents respondents majority minority most many some others insiders sources source
    judge judges court lawyer lawyers attorney attorneys prosecutor prosecutors police officers authorities
    company companies firm board executive executives investors manager managers operatives pollster
    pollsters everyone anyone nobody someone office spokesmen percent half third quarter three-quarters
    two-thirds plurality""".split()
)
QUANTIFIER_SPEAKERS = frozenset("several neither none both each".split())
# "While Hamas blamed Israel for the killing, Tel Aviv ...": a frame in a fronted subordinate clause, whose
# content ends at the clause's comma
SUBORDINATORS = frozenset("while although though whereas after when since because if once".split())
# "Earlier on Wednesday, X expressed ...": words that open an adverbial, not a reported clause
ADVERBIAL_OPENERS = frozenset(
    """meanwhile however separately earlier later also still instead moreover then now last next this
    in on at during after before following since until amid late early""".split()
)
# frames that report what stands before them in the sentence ("..., according to X", "..., X said")
CLOSING_CONSTRUCTIONS = frozenset({"according", "postposed", "inverted"})
# "the two countries said", "both sides said": the last two distinct speakers
PAIR_WORDS = frozenset("two both".split())
REFLEXIVES = frozenset("himself herself themselves itself".split())
UNRESOLVED = "unidentified"  # speaker_actor of a pronoun that refers to no earlier speaker or actor
# people nouns that name no organisation: never resolved through an earlier organisation's name
PEOPLE_HEADS = frozenset(
    """official officials spokesman spokeswoman spokesperson people residents witnesses diplomats
    monitors sources source men women workers""".split()
)
ANIMATE_NOUNS |= frozenset(
    """side sides diplomats monitors witnesses envoy envoys mediator mediators negotiator negotiators
    director doctor doctors nurse nurses surgeon surgeons commander commanders soldier soldiers fighters
    troops army military police hospital society agencies institute foundation network broadcaster
    newspaper detainees prisoners survivors victims relatives villagers refugees locals spokespeople
    researcher researchers investigator investigators inspectors person persons reporters journalists
    several neither none both each camp organizers organisers politicians admirers friends fans colleagues""".split()
)
# heads that can be the source of speech without being people: documents, records and counts ("the
# statement said", "the report found", "polls show")
SOURCE_NOUNS = frozenset(
    """statement statements report reports letter letters poll polls survey surveys study studies memo
    document documents analysis data figures figure release filing complaint lawsuit ruling order ad ads
    advertisement website post tweet tweets book article story editorial video message email emails
    transcript notes record records account paper papers testimony speech findings estimate estimates
    count tally census investigation inquiry audit review assessment indictment plan proposal bill law
    treaty agreement deal resolution text draft platform budget media press outlet channel television radio
    numbers research model projections charter constitution declaration communique communiqué bulletin
    brief warning notice guidance policy rules rule legislation measure remarks comments words examination""".split()
)
# numbers and quantifiers standing alone ("six said killed", "Several told ...", "Neither claim ...")
NOT_SPEAKER_HEADS = frozenset(
    """two three four five six seven eight nine ten eleven twelve dozens dozen hundreds thousands
    scores either not much little part rest""".split()
)
PREDICATIVE_AS_ONLY = frozenset("see view regard describe portray cast depict characterise characterize".split())
NOT_PREDICATE = frozenset("off back up out down in on for to quits into over by at with from".split())
CLAUSE_END = frozenset(".!?;")
_WORD = re.compile(r"\w+")
_LOWER_WORD = re.compile(r"\b[a-z][a-z]+\b")


# --- typed results --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Quote:
    """A top-level quotation: ``start`` is the opening mark, ``end`` is after the closing mark (or the
    paragraph end when the quotation continues into the next paragraph); ``group`` links the parts of
    one quotation spread over paragraphs."""

    start: int
    end: int
    group: int
    closed: bool


@dataclass(frozen=True)
class ReportingVerb:
    lemma: str
    stance: str
    kind: str
    unmarked: bool = False  # an unmarked clause or object after the verb is its content
    complements: frozenset[str] = frozenset()  # the lexicon's complement values


@dataclass
class Frame:
    """One report of speech: speaker, reporting cue and content spans (offsets into the article)."""

    sentence: int  # index of the sentence holding the cue
    cue_start: int
    cue_end: int
    verb: ReportingVerb
    construction: str
    speaker_start: int = -1
    speaker_end: int = -1
    content: list[tuple[int, int]] = field(default_factory=list)
    quote_groups: set[int] = field(default_factory=set)
    speaker: str = ""
    speaker_actor: str = ""
    speaker_is_person: bool = False
    context_words: frozenset[str] = frozenset()  # nouns a later "the statement" can refer back to
    inherited: bool = False  # speaker taken from another frame of the sentence
    hint: tuple[int, int] | None = None  # where to look for the speaker's actor when it is not the speaker


# --- data ------------------------------------------------------------------------------------------
@lru_cache(maxsize=4)
def reporting_verbs(user_dir: Path | None = None) -> PhraseMatcher:
    """A matcher over every surface form of the reporting-verb lexicon; entries carry a ReportingVerb."""
    rows = read_lexicon(
        "reporting_verbs.tsv",
        user_dir,
        key="lemma",
        required=("lemma", "forms", "stance", "kind"),
        optional=("complement", "note"),
        allowed={"stance": STANCES, "kind": VERB_KINDS},
    )
    entries = []
    for row in rows:
        complements = frozenset(c.strip() for c in row["complement"].split("|") if c.strip())
        if complements - set(COMPLEMENTS):
            raise LexiconError(
                message(
                    "lexicon_bad_value",
                    path=row.path,
                    line=row.line,
                    column="complement",
                    value=row["complement"],
                    allowed=sorted(COMPLEMENTS),
                )
            )
        verb = ReportingVerb(
            row["lemma"].lower(),
            row["stance"],
            row["kind"],
            bool(complements & {"clause", "object"}),
            complements,
        )
        for form in row["forms"].split("|"):
            if form.strip():
                entries.append(make_entry(form.strip(), {"verb": verb}))
    return PhraseMatcher(entries)


@lru_cache(maxsize=4)
def actor_index(config: AnalysisConfig) -> ActorIndex:
    from framing.annotation.mentions import actor_index as shared_index

    return shared_index(config)




# --- helpers over tokens ---------------------------------------------------------------------------
def is_word(token: Token) -> bool:
    return token.text[0].isalnum()


def is_cap(token: Token) -> bool:
    return token.text[0].isupper()


class SentenceView:
    """A sentence's tokens with quotation membership precomputed."""

    def __init__(self, index: int, sentence: Sentence, quotes: Sequence[Quote]):
        self.index = index
        self.sentence = sentence
        self.tokens = sentence.tokens
        self.starts = [t.start for t in self.tokens]
        self.quotes = [q for q in quotes if q.start < sentence.end and q.end > sentence.start]
        self.quoted = [self.quote_of(t) is not None for t in self.tokens]

    def quote_of(self, token: Token) -> Quote | None:
        if token.text in QUOTE_MARKS:
            return None
        for quote in self.quotes:
            if quote.start <= token.start < quote.end:
                return quote
        return None

    def is_open_mark(self, k: int) -> Quote | None:
        token = self.tokens[k]
        for quote in self.quotes:
            if token.start == quote.start:
                return quote
        return None

    def is_close_mark(self, k: int) -> Quote | None:
        token = self.tokens[k]
        for quote in self.quotes:
            if quote.closed and token.end == quote.end:
                return quote
        return None
