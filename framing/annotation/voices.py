"""Voices: who is speaking in every sentence (the author, a quoted source, or a reported one).

The annotator works in three passes over an article:

1. **Quotations.** The text is scanned paragraph by paragraph for quotation marks (straight and curly,
   double and single, nested). A paragraph that ends inside a quotation and is followed by a paragraph
   opening with a quotation mark continues the same quotation (the newswire convention), so one
   quotation may cover several sentences and paragraphs.
2. **Frames.** In every sentence the reporting verbs and phrases of ``reporting_verbs.tsv`` are found
   outside quotations and checked against the constructions that make them a report of speech:
   ``"...," he said`` and ``..., the ministry said in a statement`` (frame after the content),
   ``..., said Biden`` (inversion), ``X said (that) ...`` and ``X said: "..."`` (frame first),
   ``"...," he said, "..."`` (frame in the middle), ``according to X`` at either end, ``..., adding ...``
   (participle sharing the sentence's speaker), and the headline forms ``..., says X`` and ``...: X``.
   The speaker is the noun phrase before the verb (or after it in inversion), titles included;
   pronouns and short definite references ("he", "the ministry", "the statement") are resolved to the
   most recent compatible speaker in the article.
3. **Voices.** Every sentence gets ``direct`` when the reported content is a quotation (including each
   sentence inside a quotation whose speaker is named elsewhere), ``mixed`` when a paraphrase carries a
   quoted fragment, ``indirect`` for reported speech without quotation marks, else ``author``. A short
   quoted stretch in a sentence without any reporting frame is a scare quote, not speech.

Each finding is recorded as ``attribution`` cues (``speaker``, ``cue``, ``content``) with offsets, and
each quoted or reported stretch as a :class:`framing.types.SpeechSpan` in ``doc.speech``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from framing.annotation.actors import ActorIndex, ActorMention
from framing.config import AnalysisConfig
from framing.errors import LexiconError, message
from framing.reading.lexicon import Match, PhraseMatcher, make_entry, read_lexicon
from framing.reading.segment import paragraphs
from framing.schema import Column
from framing.types import Cue, Doc, Sentence, SpeechSpan, Token

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


# --- quotations ------------------------------------------------------------------------------------
def find_quotes(text: str, *, spans: Sequence[tuple[int, int]] | None = None) -> list[Quote]:
    """Top-level quotations in ``text``, scanned within each paragraph ``spans`` (default: blank-line
    separated paragraphs). Straight double quotes toggle; single quotes open only before a word and
    close only after one, so apostrophes ("Gaza's", "Hamas' call") are not taken for quotes."""
    spans = paragraphs(text) if spans is None else spans
    quotes: list[Quote] = []
    group = -1
    carried = False  # the previous paragraph ended inside a double quotation
    for p_start, p_end in spans:
        stack: list[tuple[str, int]] = []  # ("d" | "s", offset of the opening mark)
        first = p_start
        while first < p_end and text[first].isspace():
            first += 1
        continues = (
            carried
            and first < p_end
            and (text[first] in DOUBLE_QUOTES or text[first : first + 2] in {"''", "``"})
        )
        carried = False
        skip = False
        for i in range(p_start, p_end):
            if skip:
                skip = False
                continue
            ch = text[i]
            # two apostrophes or backticks stand for a double quotation mark in some archives
            pair = ch in "'`" and i + 1 < p_end and text[i + 1] == ch
            if pair:
                skip = True
            if ch in DOUBLE_QUOTES or pair:
                if any(kind == "d" for kind, _ in stack):
                    while stack and stack[-1][0] != "d":
                        stack.pop()  # an unclosed single quote inside: it was an apostrophe
                    kind, opened = stack.pop()
                    if not stack:
                        if not (continues and opened == first):
                            group += 1
                        quotes.append(Quote(opened, i + 2 if pair else i + 1, group, True))
                else:
                    stack.append(("d", i))
            elif ch in SINGLE_OPEN or ch in SINGLE_CLOSE:
                before = text[i - 1] if i > p_start else " "
                after = text[i + 1] if i + 1 < p_end else " "
                if (
                    ch in SINGLE_CLOSE
                    and stack
                    and stack[-1][0] == "s"
                    and not before.isspace()
                    and not after.isalnum()
                ):
                    _, opened = stack.pop()
                    if not stack:
                        group += 1
                        quotes.append(Quote(opened, i + 1, group, True))
                elif ch in SINGLE_OPEN and (before.isspace() or before in '([{—–-/"“') and after.isalnum():
                    stack.append(("s", i))
        doubles = [opened for kind, opened in stack if kind == "d"]
        if doubles:
            opened = doubles[0]
            if not (continues and opened == first):
                group += 1
            quotes.append(Quote(opened, p_end, group, False))
            carried = True
    return sorted(quotes, key=lambda q: q.start)


# --- helpers over tokens ---------------------------------------------------------------------------
def _frame_over(
    s: _Sentence,
    first: int,
    last: int,
    verb: ReportingVerb,
    construction: str,
    speaker: tuple[int, int],
    content: list[tuple[int, int]],
    groups: set[int],
) -> Frame:
    """A frame whose cue is tokens ``[first, last)`` and whose speaker runs from token ``speaker[0]``
    through token ``speaker[1]``."""
    tokens = s.tokens
    return Frame(
        s.index,
        tokens[first].start,
        tokens[last - 1].end,
        verb,
        construction,
        tokens[speaker[0]].start,
        tokens[speaker[1]].end,
        content,
        groups,
    )


def _is_word(token: Token) -> bool:
    return token.text[0].isalnum()


def _is_cap(token: Token) -> bool:
    return token.text[0].isupper()


class _Sentence:
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


def _skip_between(tokens: Sequence[Token], i: int) -> int:
    """Step left over auxiliaries, adverbs and time words between a subject and its verb."""
    while i >= 0:
        low = tokens[i].lower
        if (
            low in BETWEEN_SUBJECT_AND_VERB
            or low in TIME_WORDS
            or low.endswith("ly")
            and len(low) > 4
            and not _is_cap(tokens[i])
            or low == "on"
            and i + 1 < len(tokens)
            and tokens[i + 1].lower in TIME_WORDS
        ):
            i -= 1
        else:
            break
    return i


def _in_name(tokens: Sequence[Token], j: int) -> bool:
    """A non-word token that belongs inside a name: hyphen, possessive, ampersand, or the full stop of an
    abbreviated title or initial followed by the rest of the name ("Mr. Lew", "Thomas R. Nides")."""
    text = tokens[j].text
    if text in {"-", "'s", "’s", "&"}:
        return True
    return (
        text == "."
        and 0 < j < len(tokens) - 1
        and tokens[j - 1].text.isalpha()
        and _is_cap(tokens[j - 1])
        and len(tokens[j - 1].text) <= 4
        and _is_cap(tokens[j + 1])
    )


def _np_left(tokens: Sequence[Token], end: int, verbs: set[int]) -> int:
    """First token of the noun phrase ending at ``end`` (walking left), or end + 1 when there is none."""
    j = end
    while j >= 0:
        token = tokens[j]
        low = token.lower
        if token.text == ")" and j < end:
            # a parenthesis inside the name: "Sen. Bernie Sanders (I-Vt.)"
            opening = next((m for m in range(j - 1, max(j - 8, -1), -1) if tokens[m].text == "("), -1)
            if opening > 0:
                j = opening - 1
                continue
        if token.text in QUOTE_MARKS or (not _is_word(token) and not _in_name(tokens, j)):
            break
        if low in {"'s", "’s"} and 0 < j < end and _is_word(tokens[j - 1]):
            j -= 1  # a possessive inside the phrase: "Netanyahu's spokesman"
            continue
        if (
            low in CLAUSE_STARTERS
            or low in FINITE_MARKERS
            or low in PASSIVE_BEFORE
            or (j in verbs and j != end)
        ):
            break
        if low in PREPOSITIONS and low not in NP_PREPOSITIONS:
            break
        if low == "and" and not (j > 0 and _is_cap(tokens[j - 1]) and j < end and _is_cap(tokens[j + 1])):
            break
        j -= 1
    start = j + 1
    while start <= end and (tokens[start].lower in NP_PREPOSITIONS or tokens[start].lower == "and"):
        start += 1
    return start


def _np_right(tokens: Sequence[Token], start: int, verbs: set[int]) -> int:
    """Index after the noun phrase starting at ``start`` (walking right); ``start`` when there is none."""
    j = start
    while j < len(tokens):
        token = tokens[j]
        low = token.lower
        if token.text in QUOTE_MARKS or (not _is_word(token) and not _in_name(tokens, j)):
            break
        if low in CLAUSE_STARTERS or low in FINITE_MARKERS or low in PASSIVE_BEFORE or j in verbs:
            break
        if low in PREPOSITIONS and low not in NP_PREPOSITIONS:
            break
        if low in TIME_WORDS:
            break
        j += 1
    while j > start and tokens[j - 1].lower in NP_PREPOSITIONS | DETERMINERS | {"and"}:
        j -= 1
    return j


def _infinitive_at(tokens: Sequence[Token], k: int) -> bool:
    """``to`` at ``k`` opens an infinitive ("to fight"), not a prepositional phrase ("to their lowest")."""
    if k + 1 >= len(tokens) or tokens[k].lower != "to":
        return False
    after = tokens[k + 1]
    return (
        _is_word(after)
        and not _is_cap(after)
        and not after.text[0].isdigit()
        and after.lower not in DETERMINERS
        and after.lower not in OBJECT_PRONOUNS
    )


def _looks_like_clause(tokens: Sequence[Token], k: int, verbs: set[int], *, bare: bool = False) -> bool:
    """A complement clause without "that" starts at ``k``: a subject soon followed by a finite verb
    ("Israel had refused", "the talks stalled"). With ``bare`` (verbs of saying and thinking) any content
    of two or more words counts ("said closed primaries deny ...", "said yes")."""
    if k >= len(tokens) or not _is_word(tokens[k]) or tokens[k].lower == "to":
        return False
    low = tokens[k].lower
    if low in PERSON_PRONOUNS or low in OTHER_PRONOUNS or low == "there":
        return True
    if bare:
        return True
    for m in range(k + 1, min(len(tokens), k + 8)):
        token = tokens[m]
        word = token.lower
        if not _is_word(token) and not _in_name(tokens, m):
            return False
        if word in FINITE_MARKERS or word in PASSIVE_BEFORE:
            return True
        if word in CLAUSE_STARTERS or (word in PREPOSITIONS and word not in NP_PREPOSITIONS) or m in verbs:
            return False
        if (
            not _is_cap(token)
            and word.endswith("ed")
            and (_is_cap(tokens[m - 1]) or tokens[m - 1].lower in {"'s", "’s"})
        ):
            return True
    return False


# --- frames within one sentence --------------------------------------------------------------------
class _FrameFinder:
    def __init__(self, matcher: PhraseMatcher, text: str = ""):
        self.matcher = matcher
        self.previous: _Sentence | None = None
        self.text = text
        self._lower_words: frozenset[str] | None = None
        self.actor_tokens: frozenset[int] = frozenset()  # token indices inside actor mentions

    @property
    def lower_words(self) -> frozenset[str]:
        """Words the article writes in lower case somewhere (so not proper names); built on first use."""
        if self._lower_words is None:
            self._lower_words = frozenset(_LOWER_WORD.findall(self.text))
        return self._lower_words

    def find(self, s: _Sentence, actor_tokens: frozenset[int] = frozenset()) -> list[Frame]:
        tokens = s.tokens
        self.actor_tokens = actor_tokens
        matches = self.matcher.find(tokens)
        if not TIME_WORDS.isdisjoint(t.lower for t in tokens[1:]):
            matches = self._across_time_words(tokens, matches)
        matches = [m for m in matches if not any(s.quoted[m.first : m.last])]
        # attitude verbs double as nouns ("his call", "the plan") and do not bound other frames' phrases
        verbs = {
            k for m in matches if m.entry.get("verb").kind != "attitude" for k in range(m.first, m.last)
        }
        frames = []
        for m in matches:
            verb: ReportingVerb = m.entry.get("verb")
            frame = self._frame(s, m.first, m.last, verb, verbs)
            if frame is not None:
                frames.append(frame)
        if len(frames) > 1:
            self._end_before_closing_frames(s, frames)
        if not frames and s.sentence.is_headline:
            frame = self._headline_colon(s)
            if frame is not None:
                frames.append(frame)
        if not frames and not VIEW_WORDS.isdisjoint(t.lower for t in tokens):
            frame = self._possessive_view(s)
            if frame is not None:
                frames.append(frame)
        self.previous = s
        return frames

    @staticmethod
    def _end_before_closing_frames(s: _Sentence, frames: list[Frame]) -> None:
        """``Blinken appreciated Qatar's efforts to "...," according to the statement.``: a frame whose
        content follows it stops at the comma before a later frame that reports what comes before
        it (``..., according to X``, ``..., X said``), so the later frame's words are not the first
        speaker's."""
        tokens = s.tokens
        for later in frames:
            if later.construction not in CLOSING_CONSTRUCTIONS:
                continue
            opening = min(later.cue_start, later.speaker_start if later.speaker_start >= 0 else later.cue_start)
            k = bisect_left(s.starts, opening) - 1
            if k > 0 and s.is_close_mark(k) and tokens[k - 1].text == ",":
                cut = tokens[k].end  # '..., held by Hamas," according to ...': the quotation stays whole
            elif k >= 0 and tokens[k].text == "," and not s.quoted[k]:
                cut = tokens[k].start
            else:
                continue
            for frame in frames:
                if frame is later or frame.cue_end > cut or not frame.content:
                    continue
                if frame.content[-1][0] < frame.cue_end or not frame.content[-1][0] < cut < frame.content[-1][1]:
                    continue
                start = frame.content[-1][0]
                frame.content[-1] = (start, cut)
                frame.quote_groups = {q.group for q in s.quotes if q.start < cut and q.end > start} | {
                    q.group for q in s.quotes if q.end <= start and q.group in frame.quote_groups
                }

    def _across_time_words(self, tokens: Sequence[Token], matches: list[Match]) -> list[Match]:
        """Adds phrasal reporting verbs split by a day or time word ("called Wednesday for continuing
        negotiations", "said Tuesday that" is already covered): the phrase matched with the word left out,
        its span covering it."""
        covered = {k for m in matches for k in range(m.first, m.last)}
        single = {m.first: m for m in matches if m.last == m.first + 1}  # "called" alone: replaced
        added, replaced = [], []
        for k in range(1, len(tokens) - 1):
            if tokens[k].lower not in TIME_WORDS or (k - 1 in covered and k - 1 not in single):
                continue
            view = [tokens[k - 1], *tokens[k + 1 : k + 4]]
            found = next((m for m in self.matcher.find(view) if m.first == 0 and m.last >= 2), None)
            if found is not None and covered.isdisjoint(range(k + 1, k + found.last)):
                added.append(Match(k - 1, k + found.last, found.entry))
                if k - 1 in single:
                    replaced.append(single[k - 1])
        if not added:
            return matches
        return sorted([m for m in matches if m not in replaced] + added, key=lambda m: m.first)

    # each construction returns a Frame or None
    def _frame(
        self, s: _Sentence, first: int, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> Frame | None:
        tokens = s.tokens
        before = tokens[first - 1].lower if first > 0 else ""
        if verb.kind == "source_phrase" and " " in verb.lemma:
            return self._according(s, first, last, verb, verbs)
        if (
            last < len(tokens)
            and tokens[last].lower in FINITE_MARKERS - {"'s", "'d", "did", "does", "do"}
            and before in {"neither", "either", "each", "every", "no", "any", "this", "such"}
        ):
            return None  # a noun before its verb: "neither claim could be verified"
        if verb.kind == "attitude":
            return self._attitude(s, first, last, verb, verbs)
        auxiliary = (
            before in {"'s", "’s"}
            and first > 1
            and tokens[first - 2].lower in PERSON_PRONOUNS | OTHER_PRONOUNS | {"who", "that"}
        )
        if (
            before in DETERMINERS
            or (before in {"'s", "’s"} and not auxiliary)
            or (before in PREPOSITIONS and before != "to")
        ):
            return None  # a noun ("a report", "in comments to") or a preposition's object
        progressive = tokens[first].lower.endswith("ing")
        if (
            progressive
            and before
            and before[0].isalnum()
            and before not in BETWEEN_SUBJECT_AND_VERB | PASSIVE_BEFORE
        ):
            return None  # a reduced relative clause: "a resolution demanding a cease-fire"
        if not progressive and (
            before in PASSIVE_BEFORE
            or (first > 1 and before in {"not", "n't"} and tokens[first - 2].lower in PASSIVE_BEFORE)
        ):
            return self._passive(s, first, last, verb, verbs)
        if first == 0 and tokens[0].text.istitle() and tokens[0].lower.endswith("ed"):
            return self._fronted_participle(s, first, last, verb, verbs)
        if verb.kind == "source_phrase" and tokens[first].lower.endswith("ing"):
            return self._citing(s, first, last, verb, verbs)
        boundary = self._left_boundary(s, first)
        frame = self._inverted(s, first, last, verb, verbs, boundary)
        if frame is None:
            frame = self._subject_frame(s, first, last, verb, verbs)
        return frame

    def _attitude(
        self, s: _Sentence, first: int, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> Frame | None:
        """``X supports ...`` / ``X wants to ...`` / ``X called Y a Z``: a position or intention held by a
        person or an organisation named as the subject; passives, participles without a subject and
        inanimate subjects ("the bill supports families") are not attributions."""
        tokens = s.tokens
        before = tokens[first - 1].lower if first > 0 else ""
        progressive = tokens[first].lower.endswith("ing")
        if before in PASSIVE_BEFORE and not progressive:
            return None
        if first > 1 and before in {"not", "n't"} and tokens[first - 2].lower in PASSIVE_BEFORE:
            return None
        if progressive and before not in BETWEEN_SUBJECT_AND_VERB | PASSIVE_BEFORE:
            return None
        end = _skip_between(tokens, first - 1)
        if any(t.lower in NOT_ATTITUDE_AFTER for t in tokens[end + 1 : first]):
            return None
        if end < 0:
            return None
        hint = None
        if tokens[end].lower == "and":
            # "Carson took the stage and called the system rotten": the sentence's opening name holds it
            start = 0
            end = 0
            while end < first and (_is_cap(tokens[end]) or _in_name(tokens, end)):
                end += 1
            end -= 1
            if end < 0:
                return None
        elif tokens[end].text == ",":
            subject = self._appositive_subject(s, end, verbs)
            if subject is None:
                return None
            start, end = subject
            hint = (tokens[start].start, tokens[end].end)
        elif not _is_word(tokens[end]):
            return None
        else:
            start = _np_left(tokens, end, verbs)
            if start > end and tokens[end].lower == "who":
                start = end
                antecedent_end = end - 1 if end > 0 and tokens[end - 1].text != "," else end - 2
                if antecedent_end >= 0:
                    hint = (tokens[_np_left(tokens, antecedent_end, verbs)].start, tokens[antecedent_end].end)
            start, end = self._refine_subject(s, start, end, verbs)
            if start > end or end - start > 11 or not self._subject_ok(tokens, start, end):
                return None
        if not self._animate(s, start, end):
            return None
        content_from = self._attitude_content(s, last, verb, verbs)
        if content_from is None:
            return None
        frame = self._make(s, first, last, verb, "attitude", (start, end), content_from)
        if frame is not None:
            frame.hint = hint
        return frame

    def _possessive_view(self, s: _Sentence) -> Frame | None:
        """``In Netanyahu's view, ...`` / ``..., in his view.`` / ``Hamas's position is that ...``: the
        possessor holds the view; the rest of the sentence is its content."""
        tokens = s.tokens
        n = len(tokens)
        for k, token in enumerate(tokens):
            low = token.lower
            if k == 0 or s.quoted[k] or (low not in VIEW_NOUNS and low not in POSITION_NOUNS):
                continue
            if tokens[k - 1].lower in {"'s", "’s"} and k >= 2:
                end = k - 2
                start = _np_left(tokens, end, set())
                if start > end or not self._animate(s, start, end):
                    continue
            elif tokens[k - 1].lower in POSSESSIVE_PRONOUNS:
                start = end = k - 1
            else:
                continue
            before = start - 1
            verb = ReportingVerb(low, "neutral", "attitude")
            if low in VIEW_NOUNS and before >= 0 and tokens[before].lower == "in":
                if before == 0 and k + 1 < n:
                    after = k + 2 if tokens[k + 1].text == "," else k + 1
                    content, groups = self._content_after(s, after)
                elif before > 0 and tokens[before - 1].text == ",":
                    content, groups = self._content_before(s, before - 1)
                else:
                    continue
            elif (
                low in POSITION_NOUNS
                and k + 2 < n
                and tokens[k + 1].lower in {"is", "was", "remains"}
                and tokens[k + 2].lower == "that"
            ):
                content, groups = self._content_after(s, k + 3)
            else:
                continue
            if not self._has_words(s, content):
                continue
            return Frame(
                s.index,
                token.start,
                token.end,
                verb,
                "possessive",
                tokens[start].start,
                tokens[end].end,
                content,
                groups,
            )
        return None

    def _animate(self, s: _Sentence, start: int, end: int) -> bool:
        """The subject can hold a view: a pronoun for people, an actor, a proper name or a people noun."""
        tokens = s.tokens
        words = [k for k in range(start, end + 1) if _is_word(tokens[k])]
        if not words:
            return False
        if len(words) == 1 and tokens[words[0]].lower in ANIMATE_PRONOUNS:
            return True
        if any(k in self.actor_tokens for k in words):
            return True
        head = words
        for n, k in enumerate(words):
            if tokens[k].lower in NP_PREPOSITIONS and n > 0:
                head = words[:n]  # "the head of the agency": the head noun comes before "of"
                break
        if _FrameFinder._counted(tokens, words, head):
            return False
        if tokens[head[-1]].lower in ANIMATE_NOUNS:
            return True
        if head[-1] == 0 and tokens[0].lower in self.lower_words:
            return False  # "Much of the quarter": a capital only because the sentence starts there
        names = [k for k in words if _is_cap(tokens[k]) and tokens[k].lower not in DETERMINERS]
        if not names:
            return False
        if tokens[head[-1]].lower in REFLEXIVES and len(head) > 1:
            head = head[:-1]  # "Obama himself seemed"
        if any(k > 0 for k in names):
            # a capitalised word inside the sentence is a name; a capitalised head is required so that
            # "the Republican plan" (head "plan") is not a holder of views
            return _is_cap(tokens[head[-1]]) or tokens[head[-1]].lower in {"'s", "’s"}
        # only the sentence's first word is capitalised: a name unless the article writes it in lower case
        # ("Halvik ceasefire appears": the head "ceasefire" is no name)
        last = tokens[head[-1]]
        if (
            head[-1] > names[0]
            and not _is_cap(last)
            and last.lower not in BETWEEN_SUBJECT_AND_VERB | TIME_WORDS | REFLEXIVES | {"now", "all"}
            and not last.lower.endswith("ly")
        ):
            return False
        return tokens[names[0]].lower not in self.lower_words

    def _attitude_content(self, s: _Sentence, last: int, verb: ReportingVerb, verbs: set[int]) -> int | None:
        """Index where the content of an attitude verb starts, or None when its complement is missing."""
        tokens = s.tokens
        n = len(tokens)
        k = last
        while k < n and (tokens[k].lower in TIME_WORDS or tokens[k].lower in {"also", "still", "now", "not"}):
            k += 1
        if k >= n or tokens[k].text in CLAUSE_END:
            return None
        complements = verb.complements
        low = tokens[k].lower
        if low == "to" and "infinitive" in complements:
            return k if _infinitive_at(tokens, k) else None
        if low == "that" and "clause" in complements:
            return k + 1
        if "predicative" in complements:
            return self._predicative(s, k, verb, verbs)
        if "infinitive" in complements and (
            _is_cap(tokens[k]) or low in DETERMINERS or low in OBJECT_PRONOUNS
        ):
            # an object before the infinitive: "wants voters to know", "expects Trump to win"
            for m in range(k + 1, min(n, k + 6)):
                if not _is_word(tokens[m]) and not _in_name(tokens, m):
                    break
                if tokens[m].lower == "to" and _infinitive_at(tokens, m):
                    return k
        if "infinitive" in complements and "object" not in complements:
            if "clause" in complements and _looks_like_clause(tokens, k, verbs):
                return k
            return None
        if "clause" in complements and _looks_like_clause(tokens, k, verbs):
            return k
        if "object" in complements and _is_word(tokens[k]) or s.is_open_mark(k):
            if (
                low in PREPOSITIONS
                or low in {"among", "between", "around", "throughout"}
                or low in CLAUSE_STARTERS - {"what", "how", "why", "whether"}
            ):
                return None
            return k
        return None

    def _predicative(self, s: _Sentence, k: int, verb: ReportingVerb, verbs: set[int]) -> int | None:
        """``called the plan a disaster`` / ``called it "a farce"`` / ``sees Iran as a threat``: an object,
        then "as" or (for verbs of naming) a second noun phrase or a quotation."""
        tokens = s.tokens
        n = len(tokens)
        if not _is_word(tokens[k]) or tokens[k].lower in NOT_PREDICATE:
            return None
        as_only = verb.lemma in PREDICATIVE_AS_ONLY
        for m in range(k + 1, min(n, k + 7)):
            token = tokens[m]
            low = token.lower
            if low == "as":
                return k if m + 1 < n and _is_word(tokens[m + 1]) else None
            if as_only:
                if not _is_word(token) and not _in_name(tokens, m):
                    return None
                continue
            if s.is_open_mark(m) or low in {"a", "an", "the"} or (m > k and low in DETERMINERS - {"that"}):
                return k
            if not _is_word(token) and not _in_name(tokens, m):
                return None
            if low in NOT_PREDICATE or low in CLAUSE_STARTERS:
                return None
            if tokens[k].lower in {"him", "her", "it", "them", "himself", "herself", "itself", "themselves"}:
                return k  # "called it unacceptable"
        return None

    def _passive(
        self, s: _Sentence, first: int, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> Frame | None:
        """``as reported by X`` / ``..., was announced by X``: the speaker is the by-agent."""
        tokens = s.tokens
        if last >= len(tokens) - 1 or tokens[last].lower != "by":
            return None
        end = _np_right(tokens, last + 1, verbs)
        if end == last + 1:
            return None
        return self._around(s, first, last, verb, "passive", (last + 1, end - 1), end)

    def _around(
        self,
        s: _Sentence,
        first: int,
        last: int,
        verb: ReportingVerb,
        construction: str,
        speaker: tuple[int, int],
        after: int,
    ) -> Frame | None:
        """A frame set off by commas ("As X noted, ...", "..., as X said."): the content is the rest of
        the sentence on the other side of the comma."""
        tokens = s.tokens
        opening = first
        while opening > 0 and tokens[opening - 1].text not in {","} and opening > speaker[0] - 3:
            opening -= 1
        if after < len(tokens) and tokens[after].text == ",":
            content, groups = self._content_after(s, after + 1)
        elif opening > 0 and tokens[opening - 1].text == ",":
            content, groups = self._content_before(s, opening - 1)
        else:
            return None
        if not self._has_words(s, content):
            return None
        return _frame_over(s, first, last, verb, construction, speaker, content, groups)

    def _fronted_participle(
        self, s: _Sentence, first: int, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> Frame | None:
        """``Asked whether ..., Johnson said no`` / ``Told of the ruling, X ...``: the speaker is the
        subject after the comma."""
        tokens = s.tokens
        if verb.lemma not in ADDRESSEE_VERBS:
            return None
        comma = next((k for k in range(last, len(tokens)) if tokens[k].text == ","), -1)
        if comma < 0 or comma + 1 >= len(tokens):
            return None
        end = _np_right(tokens, comma + 1, verbs)
        if end == comma + 1 or end - comma > 9:
            return None
        content, groups = self._content_after(s, last)
        return _frame_over(s, first, last, verb, "fronted", (comma + 1, end - 1), content, groups)

    def _left_boundary(self, s: _Sentence, first: int) -> int:
        """Index of the comma or closing quotation mark right before the verb or its subject, or -1."""
        tokens = s.tokens
        i = _skip_between(tokens, first - 1)
        if i >= 0 and (tokens[i].text == "," or s.is_close_mark(i)):
            return i
        return -1

    def _content_before(self, s: _Sentence, boundary: int) -> tuple[list[tuple[int, int]], set[int]]:
        """Content of a frame placed after it: from the start of the clause (or of the quotation, which
        may begin sentences earlier) to the boundary."""
        tokens = s.tokens
        start = s.sentence.start
        groups = set()
        k = boundary
        closing = s.is_close_mark(k) or (k > 0 and tokens[k].text == "," and s.is_close_mark(k - 1))
        end = tokens[k].end if s.is_close_mark(k) else tokens[k].start
        if closing:
            groups.add(closing.group)
            end = closing.end
        for quote in s.quotes:
            if quote.end <= end:
                groups.add(quote.group)
        return [(start, end)], groups

    def _content_after(self, s: _Sentence, k: int) -> tuple[list[tuple[int, int]], set[int]]:
        tokens = s.tokens
        if k >= len(tokens):
            return [], set()
        start = tokens[k].start
        end = s.sentence.end
        groups = set()
        for quote in s.quotes:
            if quote.end > start:
                groups.add(quote.group)
                end = max(end, quote.end)
        return [(start, end)], groups

    def _tail_is_adjunct(
        self, s: _Sentence, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> tuple[bool, int]:
        """After a frame placed after its content: only an adjunct may follow ("in a statement",
        "on X", "Tuesday", "reporters before boarding ...") or a second quotation. Returns (ok, index of a
        quotation opening that continues the content, or -1)."""
        tokens = s.tokens
        k = last
        if (
            verb.lemma in ADDRESSEE_VERBS
            and k < len(tokens)
            and _is_word(tokens[k])
            and tokens[k].lower not in PREPOSITIONS
        ):
            k = max(_np_right(tokens, k, verbs), k + 1)
        if k >= len(tokens):
            return True, -1
        token = tokens[k]
        if token.text in CLAUSE_END:
            return True, -1
        if token.text in {",", ":"}:
            if k + 1 < len(tokens) and s.is_open_mark(k + 1):
                return True, k + 1
            return True, -1
        low = token.lower
        if (
            low in PREPOSITIONS
            or low in TIME_WORDS
            or low.endswith("ly")
            or low in {"as", "while", "when", "after", "before"}
        ):
            return True, -1
        if low in BETWEEN_SUBJECT_AND_VERB:
            return True, -1
        return False, -1

    def _inverted(
        self, s: _Sentence, first: int, last: int, verb: ReportingVerb, verbs: set[int], boundary: int
    ) -> Frame | None:
        """``"...," said Biden`` / ``..., says top US diplomat``: the speaker follows the verb."""
        tokens = s.tokens
        if boundary < 0 or boundary != first - 1 or last >= len(tokens):
            return None
        if tokens[first].lower.endswith("ing") or (tokens[last - 1].lower in PREPOSITIONS and " " in verb.lemma):
            return None  # "..., referring to the plan": a participle and its object, not "..., said X"
        if not _is_word(tokens[last]) or tokens[last].lower in PERSON_PRONOUNS | OTHER_PRONOUNS | {"there"}:
            return None
        end = _np_right(tokens, last, verbs)
        if end == last or end - last > 9:
            return None
        if end < len(tokens) and not (
            tokens[end].text in CLAUSE_END
            or tokens[end].text in {",", ";", ":"}
            or tokens[end].lower in PREPOSITIONS
            or tokens[end].lower in TIME_WORDS
        ):
            return None
        if not any(_is_cap(t) for t in tokens[last:end]):
            if tokens[last].lower not in DETERMINERS:
                return None
            if tokens[end - 1].lower not in ANIMATE_NOUNS | SOURCE_NOUNS or "object" in verb.complements:
                return None  # "..., rejected the allegation": an object, not a speaker
        content, groups = self._content_before(s, boundary)
        if not self._has_words(s, content):
            return None
        return _frame_over(s, first, last, verb, "inverted", (last, end - 1), content, groups)

    def _has_words(self, s: _Sentence, content: list[tuple[int, int]]) -> bool:
        tokens = s.tokens
        for a, b in content:
            k = bisect_left(s.starts, a)
            while k < len(tokens) and tokens[k].start < b:
                if _is_word(tokens[k]):
                    return True
                k += 1
        return False

    def _subject_frame(
        self, s: _Sentence, first: int, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> Frame | None:
        tokens = s.tokens
        end = _skip_between(tokens, first - 1)
        participle = tokens[first].lower.endswith("ing") and " " not in verb.lemma
        if end >= 0 and tokens[end].text == "," and not participle:
            appositive = self._appositive_subject(s, end, verbs)
            if appositive is not None:
                frame = self._preposed(s, first, last, verb, verbs, appositive)
                if frame is not None:
                    frame.hint = (tokens[appositive[0]].start, tokens[end - 1].end)
                return frame
        if end >= 0 and tokens[end].lower == "and" and not participle:
            return self._shared_subject(s, first, last, verb, verbs, participle)
        if end < 0 or not _is_word(tokens[end]):
            # no subject next to the verb: a participle or a second verb sharing the sentence's subject
            if end >= 0 and (tokens[end].text == "," or s.is_close_mark(end)):
                return self._shared_subject(s, first, last, verb, verbs, participle)
            return None
        start = _np_left(tokens, end, verbs)
        hint = None
        if start > end and tokens[end].lower == "who":
            start = end  # "..., who said ...": the relative pronoun speaks for the noun phrase before it
            antecedent_end = end - 1 if end > 0 and tokens[end - 1].text != "," else end - 2
            if antecedent_end >= 0:
                hint = (tokens[_np_left(tokens, antecedent_end, verbs)].start, tokens[antecedent_end].end)
        if (
            start <= end
            and start > 1
            and tokens[start - 1].lower in PREPOSITIONS
            and tokens[start - 1].lower != "to"
        ):
            # "a source close to him", "officials in Gaza": a prepositional phrase inside the subject
            wider = _np_left(tokens, start - 2, verbs)
            if wider <= start - 2 and (
                wider == 0 or tokens[wider - 1].text == "," or s.is_close_mark(wider - 1)
            ):
                start = wider
        if (
            s.sentence.is_headline
            and start >= 2
            and start <= end
            and tokens[start - 1].text == ","
            and all(k in self.actor_tokens or not _is_word(tokens[k]) for k in range(start - 1))
            and any(k in self.actor_tokens for k in range(start - 1))
        ):
            start = 0  # a headline's comma list of actors: "Qatar, U.S. call for ..."
        start, end = self._refine_subject(s, start, end, verbs)
        if start < end and tokens[end].lower in {"both", "all"}:
            end -= 1  # "X and Y both condemned ...": the quantifier is not part of the name
        conjuncts = 1 + sum(1 for t in tokens[start : end + 1] if t.lower == "and")
        if start > end or end - start > 11 * min(conjuncts, 2):
            return None  # two titled names may each run to a dozen words
        if not self._can_speak(s, start, end):
            return None
        if (
            participle
            and tokens[end].lower not in PERSON_PRONOUNS | OTHER_PRONOUNS
            and start == end
            and not _is_cap(tokens[end])
        ):
            return None
        if not self._subject_ok(tokens, start, end):
            return None
        boundary = start - 1
        if boundary >= 0 and tokens[boundary].lower == "as":
            frame = self._around(
                s, first, last, verb, "as", (start, end), self._skip_tail(s, last, verb, verbs)
            )
            if frame is not None:
                return frame
        if boundary < 0 and self._tail_is_adjunct(s, last, verb, verbs)[0]:
            # "Cruz said." after a sentence that ends in a quotation: the frame of that quotation
            previous = self.previous
            if (
                previous is not None
                and previous.quotes
                and previous.quotes[-1].end >= previous.sentence.end - 1
            ):
                quote = previous.quotes[-1]
                return _frame_over(
                    s, first, last, verb, "postposed", (start, end), [(quote.start, quote.end)], {quote.group}
                )
        # frame after its content: "..., the ministry said in a statement." / "...," he said on X.
        if boundary >= 0 and (tokens[boundary].text == "," or s.is_close_mark(boundary)):
            ok, continuation = self._tail_is_adjunct(s, last, verb, verbs)
            adverbial = ok and boundary > 0 and self._adverbial_before(s, boundary)
            if adverbial:
                # "Earlier on Wednesday, X expressed concerns about ...": the content follows the verb
                frame = self._preposed(s, first, last, verb, verbs, (start, end))
                if frame is not None:
                    frame.hint = hint
                    return frame
            if ok and boundary > 0:
                content, groups = self._content_before(s, boundary)
                if continuation >= 0:
                    more, more_groups = self._content_after(s, continuation)
                    content += more
                    groups |= more_groups
                elif adverbial:
                    # "In the end, Mr. Rosenthal said, union voters ...": the clause runs on after the frame
                    comma = self._skip_tail(s, last, verb, verbs)
                    if comma < len(tokens) and tokens[comma].text == ",":
                        more, more_groups = self._content_after(s, comma + 1)
                        content += more
                        groups |= more_groups
                if self._has_words(s, content):
                    return _frame_over(s, first, last, verb, "postposed", (start, end), content, groups)
        frame = self._preposed(s, first, last, verb, verbs, (start, end))
        if frame is not None:
            frame.hint = hint
        return frame

    @staticmethod
    def _adverbial_before(s: _Sentence, boundary: int) -> bool:
        """Whether all that stands before ``boundary`` is a short fronted adverbial ("Earlier on
        Wednesday, X expressed concerns about ...", "On Tuesday, ..."): not content of a frame after it."""
        tokens = s.tokens[:boundary]
        words = [t for t in tokens if _is_word(t)]
        if not words or len(words) > 6 or any(s.quoted[: boundary + 1]):
            return False
        first = words[0].lower
        return first in ADVERBIAL_OPENERS or first in TIME_WORDS or (first.endswith("ly") and len(first) > 4)

    def _refine_subject(self, s: _Sentence, start: int, end: int, verbs: set[int]) -> tuple[int, int]:
        """The subject's first token once a relative clause without its pronoun ("a step some diplomats
        hoped") and a prepositional phrase ("a pause in and around Halvik appeared") are set aside;
        start > end when no subject remains."""
        tokens = s.tokens
        if start > end or tokens[end].lower == "who":
            return start, end
        if tokens[end].lower in PERSON_PRONOUNS | OTHER_PRONOUNS and end > start:
            return end, end  # "On Monday he said", "Tuesday night he said"
        if (
            start > 1
            and tokens[start - 1].lower == "in"
            and (tokens[start - 2].lower in NOT_SPEAKER_HEADS or tokens[start - 2].lower.isdigit())
        ):
            return _np_left(tokens, start - 2, verbs), end  # "one in five say"
        start = self._inner_determiner(tokens, start, end)
        if (
            start > 1
            and tokens[start - 1].lower in PREPOSITIONS
            and tokens[start - 1].lower not in NP_PREPOSITIONS | CLAUSE_STARTERS | {"like", "until"}
            and tokens[start - 2].text != ","
            and not (
                tokens[end].lower in ANIMATE_NOUNS and not _is_cap(tokens[end])
            )  # "four in 10 voters say": a people noun speaks wherever it stands
        ):
            return self._past_modifier(s, start, end, verbs)
        return start, end

    def _inner_determiner(self, tokens: Sequence[Token], start: int, end: int) -> int:
        """``a step some diplomats had hoped``: a determiner after a common noun opens a new phrase (a
        relative clause without its pronoun); the speaker is that phrase."""
        for k in range(end, start, -1):
            previous = tokens[k - 1]
            if (
                tokens[k].lower in DETERMINERS | {"some", "many", "most"}
                and _is_word(previous)
                and not _is_cap(previous)
                and previous.lower not in NP_PREPOSITIONS | DETERMINERS | {"and", "or", "all", "of"}
                and not previous.lower.isdigit()
            ):
                return k
        return start

    def _past_modifier(self, s: _Sentence, start: int, end: int, verbs: set[int]) -> tuple[int, int]:
        """``residents returning to the district said``: the subject is the noun phrase before the
        modifier; a place after a preposition ("a pause in and around Halvik") is not a speaker."""
        tokens = s.tokens
        for k in (start - 2, start - 3):
            # "a person familiar with ...", "residents returning to ...": one modifier may stand between
            if k < 0 or not _is_word(tokens[k]) or (k == start - 3 and _is_cap(tokens[k + 1])):
                break
            wider = _np_left(tokens, k, verbs)
            plural = tokens[k].lower.endswith("s") and not _is_cap(tokens[k]) and len(tokens[k].text) > 3
            if wider <= k and (tokens[k].lower in SOURCE_NOUNS or plural or self._animate(s, wider, k)):
                return wider, k
        return end + 1, end

    @staticmethod
    def _counted(tokens: Sequence[Token], words: list[int], head: list[int]) -> bool:
        """A number or quantifier standing alone ("six said killed"); not "the two", "no one", "one in
        five", "one of the delegates"."""
        low = tokens[head[-1]].lower
        if low not in NOT_SPEAKER_HEADS and not low.isdigit():
            return False
        if len(head) > 1 and tokens[head[-2]].lower in {"the", "no", "in", "but"}:
            return False
        if low in {"much", "little", "part", "rest", "not"}:
            return True  # "much of the old town"
        return len(head) == len(words) and not any(tokens[k].lower == "in" for k in words)

    def _can_speak(self, s: _Sentence, start: int, end: int) -> bool:
        """A pronoun, a name, an actor, a noun for people or organisations, or a document that reports
        ("the statement"); not a number, a place after a preposition, an event or a thing."""
        tokens = s.tokens
        words = [k for k in range(start, end + 1) if _is_word(tokens[k])]
        if not words:
            return False
        if len(words) == 1 and tokens[words[0]].lower in PERSON_PRONOUNS | OTHER_PRONOUNS | {"who"}:
            return True
        head = words
        for n, k in enumerate(words):
            if tokens[k].lower in NP_PREPOSITIONS and n > 0:
                head = words[:n]
                break
        low = tokens[head[-1]].lower
        if self._counted(tokens, words, head):
            return False
        if tokens[start].lower == "not" and start > 0 and tokens[start - 1].lower in FINITE_MARKERS:
            return False  # "it did not address reports": a verb phrase, not a subject
        if low in SOURCE_NOUNS | PERSON_PRONOUNS | OTHER_PRONOUNS or self._animate(s, start, end):
            return True
        if tokens[start].lower == "its":
            return False  # "its artillery responded": a thing an organisation owns does not speak
        # a common noun is accepted ("the campaign's filing said"), but not a sentence-initial capital the
        # article writes in lower case elsewhere (headline "Strike reported on market")
        return not (
            s.sentence.is_headline and head[-1] == 0 and _is_cap(tokens[0]) and low in self.lower_words
        )

    def _skip_tail(self, s: _Sentence, last: int, verb: ReportingVerb, verbs: set[int]) -> int:
        """Index of the first token after the verb's object and adjuncts, up to a comma or the end."""
        k = last
        while k < len(s.tokens) and s.tokens[k].text not in {",", ";"} and s.tokens[k].text not in CLAUSE_END:
            k += 1
        return k

    def _subject_ok(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        words = [t for t in tokens[start : end + 1] if _is_word(t)]
        if not words:
            return False
        if len(words) == 1 and words[0].lower in DETERMINERS:
            return False
        return not tokens[end].lower.isdigit()

    def _appositive_subject(self, s: _Sentence, comma: int, verbs: set[int]) -> tuple[int, int] | None:
        """``Al-Thani, who is Qatar's prime minister, said ...``: the subject before the appositive."""
        tokens = s.tokens
        opening = comma - 1
        while opening >= 0 and tokens[opening].text != ",":
            if tokens[opening].text in QUOTE_MARKS or tokens[opening].text in CLAUSE_END:
                return None
            opening -= 1
        if opening <= 0 or comma - opening > 16:
            return None
        inner = tokens[opening + 1 : comma]
        if not inner or not (
            inner[0].lower in {"who", "which", "whose", "a", "an", "the"}
            or _is_cap(inner[0])
            or inner[0].lower in ANIMATE_NOUNS
        ):
            return None
        end = opening - 1
        start = _np_left(tokens, end, verbs)
        if (
            start > end
            or start > 0
            and tokens[start - 1].text not in {",", ":"}
            and not s.is_close_mark(start - 1)
        ):
            return None
        if not any(_is_cap(t) for t in tokens[start : end + 1]):
            return None
        return start, end

    def _preposed(
        self,
        s: _Sentence,
        first: int,
        last: int,
        verb: ReportingVerb,
        verbs: set[int],
        subject: tuple[int, int],
    ) -> Frame | None:
        """``X said (that) ...`` / ``X said: "..."`` / ``X believes ...``: the content follows the verb."""
        tokens = s.tokens
        k = last
        n = len(tokens)
        if k + 1 < n and tokens[k].lower in {"or", "and"} and k + 1 in verbs:
            k += 1  # "has not confirmed or denied its involvement": the content follows both verbs
            while k < n and k in verbs:
                k += 1
        if (
            verb.lemma in ADDRESSEE_VERBS
            and k < n
            and _is_word(tokens[k])
            and tokens[k].lower not in COMPLEMENTIZERS
        ):
            k = max(_np_right(tokens, k, verbs), k + 1) if tokens[k].lower not in DETERMINERS | {"to"} else k
            if k < n and tokens[k].lower == "to" and k > last:
                return self._make(s, first, last, verb, "preposed", subject, k + 1)
        while k < n and (
            (tokens[k].lower in TIME_WORDS and not (k + 1 < n and tokens[k + 1].lower in {"'s", "’s"}))
            or (tokens[k].lower == "on" and k + 1 < n and tokens[k + 1].lower in TIME_WORDS)
        ):
            k += 1
        if k >= n:
            return None
        token = tokens[k]
        if token.text in {":", ","} and k + 1 < n and s.is_open_mark(k + 1):
            return self._make(s, first, last, verb, "preposed", subject, k + 1)
        if s.is_open_mark(k):
            return self._make(s, first, last, verb, "preposed", subject, k)
        if token.text == ":":
            return self._make(s, first, last, verb, "preposed", subject, k + 1)
        if token.lower in COMPLEMENTIZERS:
            return self._make(s, first, last, verb, "preposed", subject, k + 1)
        # "said ahead of his meeting with X at the State Department that ...": an adjunct, then "that"
        if (
            token.lower in PREPOSITIONS
            or token.lower.endswith("ly")
            or any(t.lower == "that" for t in tokens[k : k + 4])
        ):
            for m in range(k + 1, min(n, k + 25)):
                if tokens[m].text in {",", ";"} or tokens[m].text in QUOTE_MARKS or m in verbs:
                    break
                if tokens[m].lower == "that":
                    return self._make(s, first, last, verb, "preposed", subject, m + 1)
        if " " in verb.lemma:
            # multi-word lemmas name the speech act itself: "called for continuing talks"
            words = sum(1 for t in tokens[k:] if _is_word(t))
            return self._make(s, first, last, verb, "preposed", subject, k) if words >= 2 else None
        if (
            "infinitive" in verb.complements
            and _infinitive_at(tokens, k)
            and self._animate(s, *subject)
        ):
            return self._make(s, first, last, verb, "preposed", subject, k)
        if _looks_like_clause(tokens, k, verbs, bare=verb.unmarked):
            return self._make(s, first, last, verb, "preposed", subject, k)
        # a relative clause: "a deadline that insiders said went unnoticed", "which officials said will ..."
        before = tokens[subject[0] - 1].lower if subject[0] > 0 else ""
        if before in {"that", "which", "who", "what"} and (
            token.lower in FINITE_MARKERS or token.lower.endswith("ed")
        ):
            return self._make(s, first, last, verb, "preposed", subject, k)
        return None

    def _make(
        self,
        s: _Sentence,
        first: int,
        last: int,
        verb: ReportingVerb,
        construction: str,
        subject: tuple[int, int],
        content_from: int,
    ) -> Frame | None:
        tokens = s.tokens
        content, groups = self._content_after(s, content_from)
        if subject[0] == 1 and tokens[0].lower in SUBORDINATORS:
            # "While Hamas and Iran blamed Israel for the killing, Tel Aviv ...": the clause ends at its comma
            comma = next(
                (
                    k
                    for k in range(content_from, len(tokens))
                    if tokens[k].text == "," and not s.quoted[k] and not s.is_close_mark(k - 1)
                ),
                -1,
            )
            if comma > content_from:
                end = tokens[comma].start
                content = [(tokens[content_from].start, end)]
                groups = {q.group for q in s.quotes if tokens[content_from].start <= q.start < end}
        if not self._has_words(s, content):
            return None
        return _frame_over(s, first, last, verb, construction, subject, content, groups)

    def _shared_subject(
        self, s: _Sentence, first: int, last: int, verb: ReportingVerb, verbs: set[int], participle: bool
    ) -> Frame | None:
        """``..., adding that ...`` / headline ``X meets Y, says ...``: the subject of the sentence's main
        clause speaks; it is filled in from the sentence's other frame or its first noun phrase."""
        tokens = s.tokens
        k = last
        if (
            k < len(tokens)
            and tokens[k].lower in COMPLEMENTIZERS
            or k < len(tokens)
            and tokens[k].text in {",", ":"}
            and k + 1 < len(tokens)
            and s.is_open_mark(k + 1)
        ):
            k += 1
        elif not (
            k < len(tokens)
            and (
                s.is_open_mark(k)
                or _looks_like_clause(tokens, k, verbs, bare=verb.unmarked)
                or " " in verb.lemma
            )
        ):
            return None
        content, groups = self._content_after(s, k)
        if not self._has_words(s, content):
            return None
        subject_end = 0
        while subject_end < first and (
            _is_cap(tokens[subject_end])
            or tokens[subject_end].text in {"'s", "’s", "-"}
            or _in_name(tokens, subject_end)
        ):
            subject_end += 1
        frame = Frame(
            s.index,
            tokens[first].start,
            tokens[last - 1].end,
            verb,
            "participle" if participle else "shared",
            content=content,
            quote_groups=groups,
        )
        if subject_end > 0:
            frame.speaker_start, frame.speaker_end = tokens[0].start, tokens[subject_end - 1].end
        frame.inherited = True
        return frame

    def _according(
        self, s: _Sentence, first: int, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> Frame | None:
        """``..., according to X.`` / ``According to X, ...`` / ``... in the words of X``."""
        tokens = s.tokens
        end = _np_right(tokens, last, verbs)
        # "according to a statement by the ministry": keep the by-phrase with the source
        while end + 1 < len(tokens) and tokens[end].lower == "by":
            more = _np_right(tokens, end + 1, verbs)
            if more == end + 1:
                break
            end = more
        if end == last:
            return None
        sentence = s.sentence
        if first == 0 or (first == 1 and not _is_word(tokens[0])):
            k = end + 1 if end < len(tokens) and tokens[end].text == "," else end
            content, groups = self._content_after(s, k)
        elif tokens[first - 1].text == "," or s.is_close_mark(first - 1):
            content, groups = self._content_before(s, first - 1)
        else:
            content = [(sentence.start, tokens[first].start), (tokens[end - 1].end, sentence.end)]
            groups = {q.group for q in s.quotes}
        if not self._has_words(s, content):
            return None
        return _frame_over(s, first, last, verb, "according", (last, end - 1), content, groups)

    def _citing(
        self, s: _Sentence, first: int, last: int, verb: ReportingVerb, verbs: set[int]
    ) -> Frame | None:
        """``..., citing Israeli officials``: the cited source speaks the clause before."""
        tokens = s.tokens
        if first == 0 or tokens[first - 1].text != ",":
            return None
        end = _np_right(tokens, last, verbs)
        if end == last:
            return None
        content, groups = self._content_before(s, first - 1)
        return _frame_over(s, first, last, verb, "citing", (last, end - 1), content, groups)

    def _headline_colon(self, s: _Sentence) -> Frame | None:
        """Headlines ``...: Spokesman`` (source after the colon) and ``Erdogan: ...`` (before it)."""
        tokens = s.tokens
        colons = [k for k, t in enumerate(tokens) if t.text == ":" and not s.quoted[k]]
        if len(colons) != 1:
            return None
        k = colons[0]
        after = [t for t in tokens[k + 1 :] if _is_word(t)]
        before = [t for t in tokens[:k] if _is_word(t)]
        cue = ReportingVerb("", "", "source_phrase")
        if 1 <= len(after) <= 6 and _is_cap(after[0]) and len(before) >= 3:
            return Frame(
                s.index,
                tokens[k].start,
                tokens[k].end,
                cue,
                "headline_colon",
                after[0].start,
                after[-1].end,
                [(s.sentence.start, tokens[k].start)],
                {q.group for q in s.quotes if q.end <= tokens[k].start},
            )
        if 1 <= len(before) <= 4 and _is_cap(before[0]) and len(after) >= 3:
            return Frame(
                s.index,
                tokens[k].start,
                tokens[k].end,
                cue,
                "headline_colon",
                before[0].start,
                before[-1].end,
                [(tokens[k].end, s.sentence.end)],
                {q.group for q in s.quotes if q.start >= tokens[k].end},
            )
        return None


# --- speaker resolution ----------------------------------------------------------------------------
class _Resolver:
    """Maps speaker phrases to canonical actors, resolving pronouns and definite references to the most
    recent compatible speaker of the article."""

    def __init__(self, text: str):
        self.text = text
        self.lowered = text.lower()
        self.history: list[Frame] = []  # resolved frames, in reading order
        self.mentions: list[ActorMention] = []  # actor mentions seen so far, in reading order
        self.all_mentions: list[ActorMention] = []  # every actor mention of the article
        self.headlines: set[int] = set()  # indices of headline sentences

    def _mentions_in(self, start: int, end: int) -> list[ActorMention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def resolve(self, frame: Frame, sentence_tokens: Sequence[Token]) -> None:
        if frame.speaker_start < 0:
            return
        phrase = self.text[frame.speaker_start : frame.speaker_end]
        words = [t for t in sentence_tokens if frame.speaker_start <= t.start and t.end <= frame.speaker_end]
        lowered = [t.lower for t in words if _is_word(t)]
        frame.speaker = phrase
        frame.context_words = frozenset(lowered) | self._frame_context(frame, sentence_tokens)
        if lowered == ["who"] and frame.hint is not None:
            # "an Ardenian diplomat, who asked not to be named": the antecedent's actor
            hinted = [t for t in sentence_tokens if frame.hint[0] <= t.start and t.end <= frame.hint[1]]
            if hinted:
                words = hinted
                lowered = [t.lower for t in words if _is_word(t)]
        if len(lowered) == 1 and lowered[0] in POSSESSIVE_PRONOUNS:
            lowered = [POSSESSIVE_PRONOUNS[lowered[0]]]  # "in his view": the holder is "he"
        if len(lowered) == 1 and lowered[0] in PERSON_PRONOUNS:
            antecedent = self._last(lambda f: f.speaker_is_person)
            if antecedent is not None:
                frame.speaker_actor = antecedent.speaker_actor
            else:
                person = next(
                    (
                        m
                        for m in reversed(self.mentions)
                        if m.type == "person" and m.start < frame.speaker_start
                    ),
                    None,
                )
                frame.speaker_actor = person.actor if person else UNRESOLVED
            frame.speaker_is_person = True
            return
        if len(lowered) == 1 and lowered[0] in QUANTIFIER_SPEAKERS:
            frame.speaker_actor = UNRESOLVED  # "Several told the paper ...": people not named
            return
        if len(lowered) == 1 and lowered[0] in OTHER_PRONOUNS | {"who"}:
            antecedent = self._last(lambda f: not f.speaker_is_person) or self._last(lambda f: True)
            if antecedent is not None:
                frame.speaker_actor = antecedent.speaker_actor
            else:
                mention = next((m for m in reversed(self.mentions) if m.start < frame.speaker_start), None)
                frame.speaker_actor = mention.actor if mention else UNRESOLVED
            return
        mentions = self._mentions_in(frame.speaker_start, frame.speaker_end)
        if frame.hint is not None:
            mentions = mentions or self._mentions_in(*frame.hint)
        if mentions:
            head = max(mentions, key=lambda m: (m.end, m.end - m.start))
            frame.speaker_actor = self._coordinated(mentions, words) or head.actor
            frame.speaker_is_person = head.type == "person" or (
                _is_cap(words[-1]) and head.end < words[-1].end and lowered[0] not in DETERMINERS
            )
            return
        pair = self._pair(lowered)
        if pair:
            frame.speaker_actor = pair
            return
        described = self._described(words, frame.speaker_start, frame.sentence in self.headlines)
        if described:
            frame.speaker_actor = described
            return
        if (
            lowered
            and lowered[0] in DETERMINERS
            and lowered[0] not in {"a", "an"}
            and not any(_is_cap(t) for t in words)
        ):
            # a short definite reference: "the ministry", "the statement", "the two countries"
            nouns = set(lowered[1:])
            # an earlier sentence's frame: a frame of this sentence has the reference itself around it
            antecedent = self._last(lambda f: f.sentence != frame.sentence and bool(nouns & f.context_words))
            if antecedent is not None and antecedent.speaker_actor:
                frame.speaker_actor = antecedent.speaker_actor
                return
            head = lowered[-1]
            for position in self._earlier_positions(head, frame.speaker_start):
                near = [m for m in self.mentions if m.end <= position + len(head) and position - m.start < 60]
                if near:
                    frame.speaker_actor = near[-1].actor
                    return
        frame.speaker_actor = self._readable(words)
        if frame.hint is not None and lowered != ["who"]:
            # "Dr. Ilse Varga, director of the Tamsin Clinic, said": the organisation in the appositive
            hinted = [t for t in sentence_tokens if frame.hint[0] <= t.start and t.end <= frame.hint[1]]
            for k, token in enumerate(hinted[1:-1], start=1):
                if (
                    token.lower in NP_PREPOSITIONS
                    and hinted[k - 1].lower in ANIMATE_NOUNS | {"head", "chief"}
                    and any(_is_cap(t) for t in hinted[k + 1 :])
                ):
                    frame.speaker_actor = self._readable(hinted[k - 1 :])
                    break
        frame.speaker_is_person = any(_is_cap(t) for t in words) and (
            not lowered or lowered[0] not in DETERMINERS
        )

    def _pair(self, lowered: Sequence[str]) -> str:
        """``the two countries`` / ``both sides`` / ``the two diplomats``: the two most recent distinct
        speakers of the article, joined with ";" in the order they spoke; "" when there are fewer."""
        words = list(lowered[1:] if lowered and lowered[0] == "the" else lowered)
        if len(words) != 2 or words[0] not in PAIR_WORDS or not words[1].endswith("s"):
            return ""
        actors: list[str] = []
        for earlier in reversed(self.history):
            for actor in earlier.speaker_actor.split(";"):
                if actor and actor != UNRESOLVED and actor not in actors:
                    actors.append(actor)
            if len(actors) >= 2:
                break
        return ";".join(reversed(actors[:2])) if len(actors) >= 2 else ""

    def _described(self, words: Sequence[Token], before: int, headline: bool) -> str:
        """``the office``, ``the health office``, ``an official of the office`` (headline ``health office
        says``): the actor of the most recent mention whose actor or words contain the head noun (for a
        headline, which comes first, the first mention after it)."""
        if any(_is_cap(t) and t.lower not in DETERMINERS for t in words):
            return ""
        lowered = [t.lower for t in words if _is_word(t)]
        if "of" in lowered[1:]:
            lowered = lowered[lowered.index("of") + 1 :]  # "an official of the office": the office
        if not lowered:
            return ""
        if lowered[0] in DETERMINERS:
            if lowered[0] in {"a", "an"} or len(lowered) == 1:
                return ""
        elif not headline:
            return ""
        head = lowered[-1]
        if head not in ANIMATE_NOUNS or head in PEOPLE_HEADS:
            return ""
        if lowered[0] in POSSESSIVE_PRONOUNS and len(lowered) == 2:
            # "Her agency estimates ...": the organisation of the person (or group) referred to
            person = POSSESSIVE_PRONOUNS[lowered[0]] in PERSON_PRONOUNS
            antecedent = self._last(lambda f: f.speaker_is_person == person)
            return antecedent.speaker_actor if antecedent else ""

        def contains(m: ActorMention) -> bool:
            mention = self.text[m.start : m.end].lower().split()
            return head in mention or head in m.actor.lower().split()

        earlier = [m for m in self.mentions if m.end <= before and contains(m)]
        if earlier:
            return earlier[-1].actor
        spoke = self._last(lambda f: head in f.speaker_actor.lower().split())
        if spoke is not None:
            return spoke.speaker_actor
        if headline:
            later = [m for m in self.all_mentions if m.start >= before and contains(m)]
            if later:
                return later[0].actor
        return ""

    @staticmethod
    def _coordinated(mentions: Sequence[ActorMention], words: Sequence[Token]) -> str:
        """``Hamas and Iran``: the actors of a coordinated subject joined with ";" in reading order, or ""
        when the phrase names one actor ("the Palestinian group Hamas", "Hamas spokesman")."""
        if len(mentions) < 2:
            return ""
        ands = [t.start for t in words if t.lower in {"and", "&"} or t.text == ","]
        ordered = sorted(mentions, key=lambda m: m.start)
        actors = [ordered[0].actor]
        for previous, mention in zip(ordered, ordered[1:], strict=False):
            if not any(previous.end <= a < mention.start for a in ands):
                actors[-1] = mention.actor  # "Hamas spokesman X": one speaker, the later head actor
                continue
            actors.append(mention.actor)
        unique = list(dict.fromkeys(actors))
        return ";".join(unique) if len(unique) > 1 else ""

    def _frame_context(self, frame: Frame, tokens: Sequence[Token]) -> frozenset[str]:
        """Lower-case nouns around the frame outside its content ("said in a statement", "In a joint
        statement, ..."), so "the statement" can later find this speaker."""
        out = set()
        for token in tokens:
            inside = any(a <= token.start < b for a, b in frame.content)
            if not inside and _is_word(token) and not _is_cap(token) and token.lower not in DETERMINERS:
                out.add(token.lower)
        return frozenset(out)

    def _earlier_positions(self, word: str, before: int) -> list[int]:
        positions = []
        low = self.lowered
        at = low.rfind(word, 0, before)
        while at >= 0 and len(positions) < 5:
            positions.append(at)
            at = low.rfind(word, 0, at)
        return positions

    def _last(self, accept) -> Frame | None:
        for frame in reversed(self.history):
            if frame.speaker_actor and accept(frame):
                return frame
        return None

    def _readable(self, words: Sequence[Token]) -> str:
        """A speaker not in the actor files: the organisation in the title ("Acme spokesman Jo Bloggs" ->
        Acme, "a spokesman for the Acme Group" -> Acme Group), else the name without determiners."""
        for k, token in enumerate(words):
            if token.lower in NP_PREPOSITIONS and any(_is_cap(t) for t in words[k + 1 :]):
                rest = [t for t in words[k + 1 :] if _is_cap(t)]
                return self.text[rest[0].start : rest[-1].end]
        # capitalised runs separated by a lower-case word: the first run is the organisation in a title
        runs: list[list[Token]] = []
        broken = True
        for token in words:
            if _is_cap(token) or (not _is_word(token) and not broken):
                if broken:
                    runs.append([])
                runs[-1].append(token)
                broken = False
            elif _is_word(token):
                broken = True
        if len(runs) >= 2 and words and _is_cap(words[0]):
            first = [t for t in runs[0] if _is_word(t)]
            return self.text[first[0].start : first[-1].end]
        while words and words[0].lower in DETERMINERS:
            words = words[1:]
        return self.text[words[0].start : words[-1].end] if words else ""


# --- the annotator ---------------------------------------------------------------------------------
class AttributionAnnotator:
    name = "attribution"
    columns = (
        Column(
            "voice",
            "str",
            "author",
            "author / direct (quoted) / indirect (reported) / mixed (paraphrase with a quoted fragment)",
        ),
        Column("speaker", "str", "", "the words naming the source, as written (pronouns as written)"),
        Column("speaker_actor", "str", "", "the source's canonical actor (actor files), or the name itself"),
        Column(
            "reporting_verb",
            "str",
            "",
            "lemma of the reporting verb or phrase (say, tell, accord for 'according to')",
        ),
        Column(
            "verb_stance",
            "str",
            "",
            "stance of the reporting verb: neutral / distancing / endorsing / loaded",
        ),
        Column(
            "speaker_start", "int", -1, "offset of the speaker's words in the article text (-1 when none)"
        ),
        Column("speaker_end", "int", -1, "end offset of the speaker's words (-1 when none)"),
    )

    def __init__(self, matcher: PhraseMatcher, index: ActorIndex):
        self.matcher = matcher
        self.index = index

    def __call__(self, doc: Doc) -> None:
        text = self.text = doc.article.text
        quotes = find_quotes(text)
        views = [_Sentence(i, s, quotes) for i, s in enumerate(doc.sentences)]
        finder = _FrameFinder(self.matcher, text)
        resolver = _Resolver(text)
        frames_by_sentence: list[list[Frame]] = []
        found = [self.index.find(view.tokens) for view in views]
        resolver.all_mentions = [m for mentions in found for m in mentions]
        resolver.headlines = {view.index for view in views if view.sentence.is_headline}
        for view, mentions in zip(views, found, strict=True):
            resolver.mentions.extend(mentions)
            actor_tokens = frozenset(k for m in mentions for k in range(m.first_token, m.last_token))
            frames = finder.find(view, actor_tokens)
            main = next((f for f in frames if not f.inherited), None)
            if main is not None:
                resolver.resolve(main, view.tokens)
            for frame in frames:
                if frame is main:
                    pass
                elif frame.inherited and main is not None:
                    # a participle or coordinated verb shares the main clause's speaker
                    frame.speaker_start, frame.speaker_end = main.speaker_start, main.speaker_end
                    frame.speaker, frame.speaker_actor = main.speaker, main.speaker_actor
                    frame.speaker_is_person = main.speaker_is_person
                else:
                    resolver.resolve(frame, view.tokens)
                if frame.speaker:
                    resolver.history.append(frame)
            frames_by_sentence.append(frames)
        group_frame = self._quote_speakers(frames_by_sentence, quotes, views)
        for view, frames in zip(views, frames_by_sentence, strict=True):
            self._annotate_sentence(doc, view, frames, group_frame)
        self._speech_spans(doc, frames_by_sentence, quotes, group_frame)

    @staticmethod
    def _primary(frames: Sequence[Frame]) -> Frame | None:
        """The frame that speaks for the sentence: 'according to' at either end scopes over the whole
        sentence; a frame placed after its content ('..., the statement said') over the frames inside that content;
        otherwise the first frame with a speaker (outer frames come first in English)."""
        with_speaker = [f for f in frames if f.speaker]
        for frame in with_speaker:
            if frame.construction == "according" and len(frame.content) == 1:
                return frame
        # a frame after its content reports the frames inside it: "They discussed X, the statement said."
        for frame in with_speaker:
            if frame.construction in {"postposed", "inverted"} and any(
                g is not frame and any(a <= g.cue_start < b for a, b in frame.content) for g in with_speaker
            ):
                return frame
        return with_speaker[0] if with_speaker else (frames[0] if frames else None)

    def _quote_speakers(
        self, frames_by_sentence: list[list[Frame]], quotes: Sequence[Quote], views: Sequence[_Sentence]
    ) -> dict[int, Frame]:
        """Each quotation group's frame: the frame whose content holds it; an unframed quotation takes the
        frame of the quotation or sentence just before it in the same or the previous paragraph."""
        group_frame: dict[int, Frame] = {}
        for frames in frames_by_sentence:
            for frame in frames:
                for group in frame.quote_groups:
                    group_frame.setdefault(group, frame)
        groups = sorted({q.group for q in quotes}, key=lambda g: min(q.start for q in quotes if q.group == g))
        paragraph_of = {}
        for view in views:
            for quote in view.quotes:
                paragraph_of.setdefault(quote.group, view.sentence.paragraph)
        last_frame: Frame | None = None
        last_paragraph = -1
        for group in groups:
            if group in group_frame:
                last_frame, last_paragraph = group_frame[group], paragraph_of.get(group, -1)
                continue
            words = self._quote_words(group, quotes, self.text)
            if words < 4:
                continue  # a scare quote, unless a frame claims it
            paragraph = paragraph_of.get(group, -1)
            candidate = self._frame_before(frames_by_sentence, views, group, quotes)
            if candidate is not None and paragraph - views[candidate.sentence].sentence.paragraph <= 1:
                group_frame[group] = candidate
            elif last_frame is not None and paragraph - last_paragraph <= 1:
                group_frame[group] = last_frame
        return group_frame

    @staticmethod
    def _quote_words(group: int, quotes: Sequence[Quote], text: str) -> int:
        return sum(len(_WORD.findall(text, q.start, q.end)) for q in quotes if q.group == group)

    @staticmethod
    def _frame_before(frames_by_sentence, views, group, quotes) -> Frame | None:
        start = min(q.start for q in quotes if q.group == group)
        for view in reversed(views):
            if view.sentence.start >= start:
                continue
            frames = [f for f in frames_by_sentence[view.index] if f.speaker]
            return frames[-1] if frames else None
        return None

    def _annotate_sentence(
        self, doc: Doc, view: _Sentence, frames: list[Frame], group_frame: dict[int, Frame]
    ) -> None:
        sentence = view.sentence
        tokens = view.tokens
        words = [k for k, t in enumerate(tokens) if _is_word(t)]
        voice, frame = "author", None
        primary = self._primary(frames)
        if primary is not None:
            frame = primary
            in_content = [k for k in words if any(a <= tokens[k].start < b for a, b in frame.content)]
            quoted = [
                k
                for k in in_content
                if view.quoted[k] and view.quote_of(tokens[k]).group in frame.quote_groups | set(group_frame)
            ]
            quoted_any = [k for k in in_content if view.quoted[k]]
            if (
                in_content
                and len(quoted_any) >= 0.8 * len(in_content)
                and self._content_opens_with_quote(view, frame)
            ):
                voice = "direct"
            elif quoted or quoted_any:
                voice = "mixed"
            else:
                voice = "indirect"
        else:
            carried = [group_frame[q.group] for q in view.quotes if q.group in group_frame]
            if carried:
                frame = carried[0]
                quoted = sum(1 for k in words if view.quoted[k])
                voice = "direct" if quoted >= 0.5 * len(words) else "mixed"
            else:
                long_quotes = [
                    q for q in view.quotes if self._quote_words(q.group, view.quotes, self.text) >= 4
                ]
                quoted = sum(1 for k in words if view.quoted[k])
                if long_quotes and words and quoted >= 0.5 * len(words):
                    voice = "direct"  # a quotation whose speaker the article does not name
        values = sentence.values
        values["voice"] = voice
        values["speaker"] = frame.speaker if frame and voice != "author" else ""
        values["speaker_actor"] = frame.speaker_actor if frame and voice != "author" else ""
        values["reporting_verb"] = (
            frame.verb.lemma.split()[0] if frame and voice != "author" and frame.verb.lemma else ""
        )
        if frame and frame.verb.lemma == "according to":
            values["reporting_verb"] = "accord"
        values["verb_stance"] = frame.verb.stance if frame and voice != "author" else ""
        has_span = frame is not None and voice != "author" and frame.speaker_start >= 0
        values["speaker_start"] = frame.speaker_start if has_span else -1
        values["speaker_end"] = frame.speaker_end if has_span else -1
        for own in frames:
            self._cues(doc, view, own, voice if own is primary else ("indirect" if own.speaker else voice))
        if primary is None and frame is not None and voice != "author":
            self._content_cue(doc, view, frame, voice)

    @staticmethod
    def _content_opens_with_quote(view: _Sentence, frame: Frame) -> bool:
        for a, b in frame.content:
            inside = [k for k, t in enumerate(view.tokens) if a <= t.start < b and t.text not in {":", ","}]
            if inside:
                return view.tokens[inside[0]].text in QUOTE_MARKS or view.quoted[inside[0]]
        return False

    def _cues(self, doc: Doc, view: _Sentence, frame: Frame, voice: str) -> None:
        sentence = view.sentence
        text = doc.article.text
        common = dict(
            article_id=sentence.article_id,
            sentence_id=sentence.sentence_id,
            dimension="attribution",
            source_actor=frame.speaker_actor,
            voice=voice,
        )
        if (
            frame.speaker_start >= 0
            and sentence.start <= frame.speaker_start < sentence.end
            and not any(  # a second frame of the same speaker ("X said ... and discussed ...")
                c.category == "speaker" and c.start == frame.speaker_start and c.end == frame.speaker_end
                for c in doc.cues[-12:]
            )
        ):
            doc.cues.append(
                Cue(
                    category="speaker",
                    text=text[frame.speaker_start : frame.speaker_end],
                    start=frame.speaker_start,
                    end=frame.speaker_end,
                    term=frame.speaker_actor,
                    detail=frame.construction,
                    **common,
                )
            )
        doc.cues.append(
            Cue(
                category="cue",
                text=text[frame.cue_start : frame.cue_end],
                start=frame.cue_start,
                end=frame.cue_end,
                term=frame.verb.lemma,
                detail=f"{frame.verb.stance} {frame.verb.kind} {frame.construction}".strip(),
                **common,
            )
        )
        self._content_cue(doc, view, frame, voice)

    @staticmethod
    def _content_cue(doc: Doc, view: _Sentence, frame: Frame, voice: str) -> None:
        sentence = view.sentence
        for a, b in frame.content:
            start, end = max(a, sentence.start), min(b, sentence.end)
            if start < end:
                doc.cues.append(
                    Cue(
                        article_id=sentence.article_id,
                        sentence_id=sentence.sentence_id,
                        dimension="attribution",
                        category="content",
                        text=doc.article.text[start:end],
                        start=start,
                        end=end,
                        term=frame.verb.lemma,
                        source_actor=frame.speaker_actor,
                        voice=voice,
                        detail=frame.construction,
                    )
                )

    @staticmethod
    def _speech_spans(
        doc: Doc, frames_by_sentence, quotes: Sequence[Quote], group_frame: dict[int, Frame]
    ) -> None:
        direct: list[SpeechSpan] = []
        indirect: list[SpeechSpan] = []
        claimed: set[int] = set()
        for quote in quotes:
            frame = group_frame.get(quote.group)
            if frame is None:
                continue
            claimed.add(quote.group)
            direct.append(SpeechSpan(quote.start, quote.end, "direct", frame.speaker, frame.speaker_actor))
        for frames in frames_by_sentence:
            for frame in frames:
                for a, b in frame.content:
                    indirect.append(SpeechSpan(a, b, "indirect", frame.speaker, frame.speaker_actor))
        doc.speech.extend(sorted(direct, key=lambda s: s.start) + sorted(indirect, key=lambda s: s.start))


def build(config: AnalysisConfig) -> AttributionAnnotator:
    return AttributionAnnotator(reporting_verbs(config.lexicon_dir), actor_index(config))
