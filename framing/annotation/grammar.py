"""The small, parser-free grammar that blame and agency share: nearest noun phrase left or right of a
word within its clause, coordination ("Hamas and Iran"), possessors ("Netanyahu's rejection") and actor
modifiers ("Israeli strikes"), and the harm clauses (``lexicons/harm.tsv``) with their doers.

See ``docs/blame_and_agency.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from framing.annotation.actors import ActorIndex, ActorMention
from framing.annotation.blame_lexicon import blame_rows
from framing.config import AnalysisConfig
from framing.reading.lexicon import PhraseMatcher, make_entry, read_lexicon
from framing.reading.tokens import is_number
from framing.types import Doc, Sentence, Token

AGENCY_LABELS = ("agentive", "agentless_passive", "no_agent")
VALENCIES = ("transitive", "intransitive", "both")
HARM_POS = ("verb", "noun", "adjective", "attack")
HARM_SCHEMA = {
    "required": ("term", "forms", "valency"),
    "optional": ("participles", "pos", "nouns", "not_before", "note"),
    "allowed": {"valency": VALENCIES, "pos": HARM_POS},
    "nonempty": ("term", "forms", "valency"),
}

# Closed word classes the local grammar relies on (grammar, not vocabulary: they stay in code).
BE = frozenset("am is are was were be been being 's 're 'm get gets got gotten getting".split())
AUX = BE | frozenset("has have had 've 'd will would shall should can could may might must do does did".split())
NEGATORS = frozenset("not n't never".split())
ADVERBS = frozenset(
    "also thus far so still now already since repeatedly again once then even just yet long further "
    "reportedly allegedly previously widely roundly publicly openly jointly both all recently later "
    "earlier initially first last ever".split()
)
DETERMINERS = frozenset("the a an this that these those its his her their our your my some any no every".split())
PREPOSITIONS = frozenset(
    "of in on at by for from with to between among against over under into onto through during after before "
    "about amid amidst since toward towards across without within near per via despite including as "
    "than like upon".split()
)
SUBORDINATORS = frozenset(
    "while whereas although though because but when whenever if unless that which who whom whose where "
    "whether yet so".split()
)
CONJUNCTIONS = frozenset({"and", "or", "nor", "&"})
# -ed words that head or modify noun phrases after "and" ("killed and wounded", "and injured civilians")
PARTICIPLE_NOUNS = frozenset("wounded injured killed detained displaced arrested missing armed united".split())
PRONOUNS = frozenset("he she they him her them".split())
NOT_NAMES = frozenset("i it we you us me this these those there here what who".split())
POSSESSIVE = frozenset({"'s", "'"})
BOUNDARY = frozenset(';:()[]{}"?!—–')
TEMPORAL = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight january february "
    "march april june july august september october november december".split()
)
PARTICLES = frozenset({"back"})
INSTRUMENT_PREPOSITIONS = frozenset({"in", "during", "from", "under", "amid", "amidst"})


def _is_punct(token: Token) -> bool:
    return not token.text[0].isalnum()


def _is_adverb(token: Token) -> bool:
    word = token.lower
    # a capitalised -ly word inside a clause is a name ("Schlafly also criticizes"), not an adverb
    return word in ADVERBS or word in NEGATORS or (
        word.endswith("ly") and len(word) > 4 and word.isalpha() and token.text[0].islower()
    )


@dataclass(frozen=True)
class Named:
    """An actor found in a noun phrase: the canonical actor (or the words as written) and its tokens."""

    actor: str
    first: int
    last: int
    canonical: bool  # True when the actor files name it


class Grammar:
    """Noun phrases and clause edges in one sentence's tokens, with its actor mentions.

    ``proper`` holds words seen capitalised inside sentences of the document, so that a capitalised
    first word ("Talks", "Obama") can be told apart from a name.
    """

    def __init__(
        self,
        tokens: Sequence[Token],
        mentions: Sequence[ActorMention],
        *,
        agents: frozenset[str],
        titles: frozenset[str],
        proper: frozenset[str] = frozenset(),
        canonical=None,
    ):
        self.tokens = tokens
        self.canonical = canonical  # name -> canonical actor ("" when unknown), from the actor files
        self.n = len(tokens)
        self.agents = agents
        self.titles = titles
        self.proper = proper
        self.mention_at: list[ActorMention | None] = [None] * self.n
        for mention in mentions:
            for k in range(mention.first_token, min(mention.last_token, self.n)):
                self.mention_at[k] = mention
        self.first_word = next((k for k, t in enumerate(tokens) if t.text[0].isalnum()), 0)

    # -- token classes -------------------------------------------------------------------------

    def is_boundary(self, k: int) -> bool:
        token = self.tokens[k]
        return token.lower in BOUNDARY or token.lower in SUBORDINATORS

    def is_name(self, k: int) -> bool:
        """A token that is part of an actor mention or a capitalised name."""
        if self.mention_at[k] is not None:
            return True
        token = self.tokens[k]
        if not token.text[0].isupper() or token.lower in TEMPORAL:
            return False
        if token.lower in DETERMINERS or token.lower in PREPOSITIONS or token.lower in SUBORDINATORS:
            return False
        if token.lower in AUX or token.lower in PRONOUNS or token.lower in CONJUNCTIONS or token.lower in NOT_NAMES:
            return False
        if k == self.first_word or (k > 0 and self.tokens[k - 1].lower in BOUNDARY):
            # a capitalised first word is a name when seen capitalised elsewhere, when the next word is
            # capitalised too ("Hillary Clinton"), or when it does not look like a plural ("Talks")
            if token.text in self.proper:
                return True
            if k + 1 < self.n and self.tokens[k + 1].lower in {"to", "of"}:
                return False  # a noun with its complement: "Failure to share ...", "Refusal of ..."
            if token.lower in self.agents and not (k + 1 < self.n and self.tokens[k + 1].text[0].isupper()):
                return False  # a common actor noun: "Gunmen killed ...", "Police said ..."
            if k + 1 < self.n and self.tokens[k + 1].text[0].isupper():
                return True
            return not token.lower.endswith("s") or token.lower.endswith("ss")
        return True

    def _comma_joins_list(self, k: int) -> bool:
        """A comma inside a list of names ("the U.S., Qatar, and Egypt")."""
        left = k - 1
        right = k + 1
        if right < self.n and self.tokens[right].lower in CONJUNCTIONS:
            right += 1
        return left >= 0 and right < self.n and self.is_name(left) and self.is_name(right)

    # -- clause edges ----------------------------------------------------------------------------

    def clause_start(self, k: int) -> int:
        """First token of the clause holding token ``k``, scanning left to a boundary."""
        j = k
        while j > 0:
            prev = j - 1
            token = self.tokens[prev]
            if self.mention_at[prev] is None and (
                self.is_boundary(prev) or (token.text == "," and not self._comma_joins_list(prev))
            ):
                break
            j = prev
        return j

    def phrase_end(self, k: int, limit: int = 12) -> int:
        """End (exclusive) of the noun phrase starting at ``k``: before a preposition, a clause edge, an
        auxiliary or a comma that does not join a list of names."""
        j = k
        while j < self.n and j - k < limit:
            token = self.tokens[j]
            if self.mention_at[j] is not None:
                j = self.mention_at[j].last_token
                continue
            word = token.lower
            if j > k and (word in PREPOSITIONS or (word in AUX and word not in POSSESSIVE) or word in NEGATORS):
                break
            if self.is_boundary(j) or (token.text == "," and not self._comma_joins_list(j)):
                break
            if j > k and word in CONJUNCTIONS and self._verb_follows(j + 1):
                break  # "the rebels and accused the army": a second verb, not a second name
            if token.text == "." and (j + 1 >= self.n or not self.tokens[j + 1].text[0].isupper()):
                break  # the full stop, not the dot of "Mr."
            j += 1
        return j

    def _verb_follows(self, k: int) -> bool:
        """A lower-case past-tense or participle form at ``k`` that no noun phrase would start with."""
        if k >= self.n or self.mention_at[k] is not None:
            return False
        token = self.tokens[k]
        word = token.lower
        return token.text.islower() and word.endswith("ed") and len(word) > 4 and word not in PARTICIPLE_NOUNS

    def skip_left(self, k: int) -> int:
        """From token ``k`` leftwards, skip auxiliaries, adverbs, temporal phrases and parentheses."""
        j = k
        while j >= 0:
            token = self.tokens[j]
            if token.lower in AUX or _is_adverb(token):
                j -= 1
            elif token.lower in TEMPORAL:
                j -= 1
                if j >= 0 and self.tokens[j].lower in {"on", "last", "this", "early", "late"}:
                    j -= 1
            elif token.text == ")":
                depth = 0
                while j >= 0:
                    if self.tokens[j].text == ")":
                        depth += 1
                    elif self.tokens[j].text == "(":
                        depth -= 1
                        if depth == 0:
                            break
                    j -= 1
                j -= 1
            else:
                break
        return j

    def passive_aux(self, k: int) -> bool:
        """A form of *be* (or *get*, *stand*, *remain*) before token ``k``, adverbs allowed between."""
        j = k - 1
        while j >= 0 and _is_adverb(self.tokens[j]):
            j -= 1
        return j >= 0 and self.tokens[j].lower in BE | {"stand", "stands", "stood", "remain", "remains"}

    def subject_span(self, k: int) -> tuple[int, int] | None:
        """Token span of the subject of the verb at ``k``: the noun phrase left of it in its clause.

        The subject's head is the noun before the first preposition of the clause ("talks between Israel
        and Hamas ... have failed": the subject is "talks"). Returns None when there is none.
        """
        j = self.skip_left(k - 1)
        if j < 0:
            return None
        token = self.tokens[j]
        if token.lower in CONJUNCTIONS or token.lower in DETERMINERS or token.lower in PREPOSITIONS:
            return None
        if self.mention_at[j] is None and (_is_punct(token) and token.text not in {"'", "’"}):
            return None
        if self.mention_at[j] is None and self.is_boundary(j):
            return None
        start = self.clause_start(j)
        if self.tokens[start].lower in PREPOSITIONS:
            # a fronted phrase ("On Tuesday Israel refused"): keep the run of words ending at the verb
            start = j
            while start > 0 and not (
                self.tokens[start - 1].lower in PREPOSITIONS
                or self.tokens[start - 1].lower in DETERMINERS
                or self.is_boundary(start - 1)
                or _is_punct(self.tokens[start - 1])
            ):
                start -= 1
            return start, j + 1
        for k2 in range(j, start - 1, -1):
            # a finite verb inside the span ("It was language ... to execute Blacks accused of"): the
            # subject can only follow it
            if self.tokens[k2].lower in AUX and self.tokens[k2].lower not in POSSESSIVE and self.mention_at[k2] is None:
                start = k2 + 1
                break
        if start > j:
            return None
        end = start
        while end <= j:
            if self.mention_at[end] is not None:
                end = self.mention_at[end].last_token
                continue
            word = self.tokens[end].lower
            if end > start and word in PREPOSITIONS:
                break
            end += 1
        return start, min(end, j + 1)

    def is_coordinated(self, k: int) -> bool:
        """The verb at ``k`` follows 'and'/'or' directly: a second predicate sharing the subject."""
        j = self.skip_left(k - 1)
        return j >= 0 and self.tokens[j].lower in CONJUNCTIONS

    # -- naming ----------------------------------------------------------------------------------

    def coordinated_parts(self, a: int, b: int) -> list[tuple[int, int]]:
        """Split a phrase at 'and', 'or' and list commas when at least two parts name someone."""
        parts = []
        start = a
        k = a
        while k < b:
            if self.mention_at[k] is not None:
                k = self.mention_at[k].last_token
                continue
            token = self.tokens[k]
            if token.lower in CONJUNCTIONS or token.text == ",":
                if k > start:
                    parts.append((start, k))
                start = k + 1
            k += 1
        if start < b:
            parts.append((start, b))
        named = [p for p in parts if self._name_part(*p) is not None]
        return named if len(parts) >= 2 and named else [(a, b)]

    def names(self, a: int, b: int) -> list[Named]:
        """The actors a noun phrase ``tokens[a:b]`` names, one per coordinated part."""
        out = []
        for part in self.coordinated_parts(a, b):
            named = self._name_part(*part)
            if named is not None and all(n.actor != named.actor for n in out):
                out.append(named)
        return out

    def name(self, a: int, b: int) -> Named | None:
        found = self.names(a, b)
        return found[0] if found else None

    def _antecedent(self, k: int) -> Named | None:
        """The person a singular pronoun refers to: the nearest name before it in the sentence."""
        if self.tokens[k].lower not in {"he", "she", "him", "her"}:
            return None
        for j in range(k - 1, -1, -1):
            mention = self.mention_at[j]
            if mention is not None:
                if mention.type == "person":
                    return Named(mention.actor, mention.first_token, mention.last_token, True)
                continue
            if self.is_name(j) and j != self.first_word and self.tokens[j].lower not in self.titles:
                first = j
                while first > 0 and self.is_name(first - 1):
                    first -= 1
                while first < j and self.tokens[first].lower.rstrip(".") in self.titles:
                    first += 1
                return Named(self._text(first, j + 1), first, j + 1, False)
        return None

    def _text(self, a: int, b: int) -> str:
        return " ".join(t.text for t in self.tokens[a:b]).replace(" - ", "-").replace(" .", ".")

    def _name_part(self, a: int, b: int) -> Named | None:
        while a < b and (self.tokens[a].lower in DETERMINERS or _is_punct(self.tokens[a])):
            a += 1
        while b > a and _is_punct(self.tokens[b - 1]) and self.tokens[b - 1].text not in {"'", "’"}:
            b -= 1
        if a >= b:
            return None
        head = b - 1
        if self.tokens[head].lower in {"'s", "'"} and head > a:
            head -= 1  # a bare possessor: "in Hamas's court"
        mentions = [m for m in (self.mention_at[k] for k in range(a, head + 1)) if m is not None]
        if mentions:
            last = mentions[-1]
            return Named(last.actor, last.first_token, last.last_token, True)
        word = self.tokens[head].lower
        if self.is_name(head) and word not in self.agents:
            first = head
            while first > a and self.is_name(first - 1):
                first -= 1
            while first < head and self.tokens[first].lower.rstrip(".") in self.titles:
                first += 1
            return Named(self._text(first, head + 1), first, head + 1, False)
        if word in self.agents:  # the actor noun with the names before it: "Christie aides", "police"
            first = head
            while first > a and self.is_name(first - 1):
                first -= 1
            while first < head and self.tokens[first].lower.rstrip(".") in self.titles:
                first += 1
            text = self._text(first, head + 1)
            if first == self.first_word and not self.is_name(first):
                text = text[:1].lower() + text[1:]  # "Soldiers shot ..." -> soldiers
            return Named(text, first, head + 1, False)
        if head == a and word in PRONOUNS:
            return self._antecedent(a) or Named(word, a, a + 1, False)
        for k in range(head - 1, a, -1):  # a possessor modifying a non-actor head: "Trump's wall"
            if self.tokens[k].lower in {"'s", "'"}:
                return self._name_part(a, k)
        return None


# --------------------------------------------------------------------------------------------------
# harm clauses

# words before a figure that keep it the object of the verb ("killed at least 40", "wounded about 90")
APPROXIMATORS = frozenset("about around over under some nearly almost roughly approximately at up more fewer less".split())
# where a figure is no object: "killed in 2014", "killed on 7 October"
NOT_APPROXIMATORS = frozenset("in on since by during until from after before of to for".split())
# relative pronouns standing for a subject ("militants, who killed"), and the prepositions of a relative
# clause on an attack ("the raid, in which 30 were killed")
RELATIVE_SUBJECTS = frozenset({"who", "which", "that"})
RELATIVE_PLACES = frozenset({"in", "during", "amid"})
LOCATIVES = frozenset({"in", "at", "near", "outside", "inside"})
# subordinators that put a verb in another clause than the harm ("killed since Israel launched ...")
OTHER_CLAUSE = frozenset("when whenever since after before as while because if unless until although though".split())
# past forms that a participle clause can hang on besides regular -ed forms ("Hamas struck the town, killing")
IRREGULAR_PASTS = frozenset("struck hit fought shot threw led began sent blew drove broke took made set stole".split())
QUANTITIES = frozenset("dozens hundreds thousands millions scores many several others more".split())
CAUSE_VERBS = frozenset("cause causes caused causing".split())
LEAVE_VERBS = frozenset("left leave leaves leaving".split())
# words before a noun form that make it a verb ("wants to murder", "they massacre")
VERB_BEFORE = frozenset("i we you he she they who which that to will would shall should can could may might must did do does".split())


@dataclass(frozen=True)
class HarmLexicon:
    matcher: PhraseMatcher  # harm verbs, nouns and adjectives
    attacks: frozenset[str] = frozenset()  # heads of attack nouns ("strike", "bombardment")


@lru_cache(maxsize=4)
def harm_lexicon(config: AnalysisConfig) -> HarmLexicon:
    """The harm words of ``harm.tsv``, indexed once per configuration."""
    entries, attacks = [], set()
    for row in read_lexicon("harm.tsv", config.lexicon_dir, **HARM_SCHEMA):
        participles = _forms(row["participles"])
        nouns = _forms(row["nouns"])
        not_before = _forms(row["not_before"])
        pos = row["pos"] or "verb"
        for form in row["forms"].split("|"):
            form = form.strip()
            if not form:
                continue
            if pos == "attack":
                attacks.add(form.lower().split()[-1])
                continue
            data = {
                "lemma": row["term"],
                "valency": row["valency"],
                "participle": form.lower() in participles,
                "pos": pos,
                "noun": form.lower() in nouns,
                "not_before": not_before,
            }
            entries.append(make_entry(form, data))
    return HarmLexicon(PhraseMatcher(entries), frozenset(attacks))


def _forms(cell: str | None) -> frozenset[str]:
    return frozenset(p.strip().lower() for p in (cell or "").split("|") if p.strip())


@dataclass(frozen=True)
class HarmClause:
    """One harm mention: its label, the harm word's tokens and the doer when named."""

    label: str
    first: int  # tokens [first, last) of the verb group (or the noun)
    last: int
    lemma: str
    agent: Named | None = None  # the doer, when it is an actor or a name
    doer: str = ""  # the doer's words as written, when the clause has one
    nominal: bool = False  # a noun or adjective ("deaths", "12 dead"), not a clause


def _figure_follows(tokens: Sequence[Token], k: int) -> bool:
    """An approximator and a figure at ``k``: "at least 40", "about 90", "more than 1,000"."""
    j = k
    while j < len(tokens) and j - k < 3 and tokens[j].lower in APPROXIMATORS | {"least", "than", "to", "most"}:
        j += 1
    return j > k and j < len(tokens) and is_number(tokens[j]) and tokens[k].lower not in NOT_APPROXIMATORS


def _looks_finite(grammar: Grammar, k: int) -> bool:
    """A lower-case past form at ``k`` (regular -ed or a few irregular ones) not used as a passive."""
    token = grammar.tokens[k]
    word = token.lower
    if grammar.mention_at[k] is not None or not token.text.islower():
        return False
    if not ((word.endswith("ed") and len(word) > 4 and word not in PARTICIPLE_NOUNS) or word in IRREGULAR_PASTS):
        return False
    return not grammar.passive_aux(k)


def _head(grammar: Grammar, a: int, b: int) -> int | None:
    """The last word of ``tokens[a:b]`` (the head of a noun phrase)."""
    for k in range(b - 1, a - 1, -1):
        if grammar.tokens[k].text[0].isalnum():
            return k
    return None


def _side(grammar: Grammar, a: int, b: int) -> Named | None:
    """An actor among the modifiers ``tokens[a:b]`` of a noun: an actor mention ("Israeli", "Hamas's") or
    a common actor noun ("police"); the one nearest the noun wins."""
    for k in range(b - 1, a - 1, -1):
        mention = grammar.mention_at[k]
        if mention is not None:
            return Named(mention.actor, mention.first_token, mention.last_token, True)
        word = grammar.tokens[k].lower
        if word in grammar.agents:
            return Named(word, k, k + 1, False)
        led = _led(grammar, Named(grammar.tokens[k].text, k, k + 1, False)) if "-" in word else None
        if led is not None and led.canonical:
            return led
    return None


def _by_phrase(grammar: Grammar, k: int) -> tuple[Named | None, str] | None:
    """The doer of a by-phrase starting at ``k`` ("by Hamas gunmen", "by a stray shell"): the actor it
    names (or None) and its words; None when ``k`` opens no by-phrase with a noun phrase."""
    tokens = grammar.tokens
    if k >= grammar.n or tokens[k].lower != "by" or k + 1 >= grammar.n:
        return None
    nxt = tokens[k + 1]
    if is_number(nxt) or not nxt.text[0].isalnum() or nxt.lower in TEMPORAL or nxt.lower in ADVERBS or nxt.lower.endswith("ing"):
        return None  # "by 2 percent", "by Tuesday", "by far", "by remembering"
    end = grammar.phrase_end(k + 1)
    for m in range(k + 2, end):  # the noun phrase ends before a time phrase: "by an officer two weeks earlier"
        word = tokens[m].lower
        if grammar.mention_at[m] is None and (is_number(tokens[m]) or word in TEMPORAL or word in ADVERBS or word in {"ago", "last"}):
            end = m
            break
    if end <= k + 1:
        return None
    a = k + 1
    while a < end and tokens[a].lower in DETERMINERS:
        a += 1
    if a >= end:
        return None
    return grammar.name(k + 1, end), grammar._text(a, end)


def _later_by(grammar: Grammar, j: int) -> int | None:
    """A "by" after a short place, body-part or time phrase ("shot in the back by a soldier", "wounded on
    Friday by a car bomb"): up to eight words with no clause edge, comma, verb form or second "by"; not a
    by-phrase of a participle in between ("killed in a school run by the agency")."""
    tokens = grammar.tokens
    if tokens[j].lower not in {"in", "on", "at"} | TEMPORAL and not _is_adverb(tokens[j]):
        return None
    for k in range(j + 1, min(j + 9, grammar.n)):
        token = tokens[k]
        if token.lower == "by":
            before = tokens[k - 1].lower
            if before.endswith("ed") or before in IRREGULAR_PASTS | {"run", "held", "built"}:
                return None
            return k
        if grammar.is_boundary(k) or token.text == "," or token.lower in AUX or token.lower in CONJUNCTIONS:
            return None
    return None


def _attack_doer(grammar: Grammar, lexicon: HarmLexicon, a: int, b: int) -> Named | None:
    """The side an attack noun phrase in ``tokens[a:b]`` names: a possessor or actor modifier of its head
    (the first attack noun: "Hamas's raid", "an Israeli air strike", "police shootings") or a by-phrase
    after it ("the raid by Hamas gunmen"). None when it has no attack noun or names no side."""
    head = next((k for k in range(a, b) if grammar.tokens[k].lower in lexicon.attacks), None)
    if head is None or grammar.mention_at[head] is not None:
        return None
    if any(_looks_finite(grammar, k) or grammar.tokens[k].lower in AUX - POSSESSIVE for k in range(a, head)):
        return None
    side = _side(grammar, a, head)
    if side is not None:
        return side
    k = head + 1
    while k < min(head + 3, grammar.n) and (grammar.tokens[k].lower.endswith("ed") or grammar.tokens[k].lower in IRREGULAR_PASTS | {"out"}):
        k += 1  # "rockets fired by", "the attack carried out by"
    by = _by_phrase(grammar, k)
    return by[0] if by is not None else None


def _instrument_agent(grammar: Grammar, lexicon: HarmLexicon, k: int) -> tuple[Named | None, str] | None:
    """The doer after a passive harm verb (or a harm noun) ending at ``k``: "by X" (any noun phrase:
    "by a stray shell" names a doer that is no actor), "at the hands of X", or an instrument phrase
    (*in, during, from, under, amid*) whose head is an attack noun with a side ("in an Israeli strike",
    "in Israel's bombardment", "in an attack by Hamas"; not "in Israeli custody", "in an Istanbul
    explosion"). Returns (actor or None, words) or None."""
    tokens = grammar.tokens
    j = k
    while j < grammar.n and _is_adverb(tokens[j]):
        j += 1
    if j >= grammar.n:
        return None
    word = tokens[j].lower
    if word == "by":
        return _by_phrase(grammar, j)
    by = _later_by(grammar, j)
    if by is not None:
        found = _by_phrase(grammar, by)
        if found is not None:
            return found
    words = [t.lower for t in tokens[j : j + 4]]
    if words == ["at", "the", "hands", "of"]:
        named = grammar.name(j + 4, grammar.phrase_end(j + 4))
        return (named, grammar._text(named.first, named.last)) if named else None
    if word in INSTRUMENT_PREPOSITIONS:
        end = grammar.phrase_end(j + 1)
        head = _head(grammar, j + 1, end)
        if head is None or grammar.mention_at[head] is not None or not tokens[head].lower.isalpha():
            return None
        side = _attack_doer(grammar, lexicon, j + 1, end)
        if side is not None:
            return side, grammar._text(side.first, side.last)
    return None


# collective nouns that do what the -ing noun after them names: "police shooting" is shooting by police
ARMED_COLLECTIVES = frozenset("police army military militia troops regime navy".split())


def _compound_head(grammar: Grammar, k: int) -> bool:
    """An -ing harm word heading a noun compound ("the bank shooting", "a mass killing"): right after a
    lower-case singular word that is no actor, auxiliary, adverb, pronoun or clause word."""
    tokens = grammar.tokens
    if k == 0 or not tokens[k].lower.endswith("ing"):
        return False
    prev = tokens[k - 1]
    word = prev.lower
    return (
        prev.text.isalpha()
        and prev.text.islower()
        and (not word.endswith("s") or word.endswith("ss"))
        and grammar.mention_at[k - 1] is None
        and word not in ARMED_COLLECTIVES
        and word not in AUX
        and word not in PRONOUNS
        and word not in NOT_NAMES
        and word not in CONJUNCTIONS
        and word not in SUBORDINATORS
        and word not in PREPOSITIONS
        and word != "to"
        and not _is_adverb(prev)
    )


def _verb_with_object(tokens: Sequence[Token], k: int) -> bool:
    """A past form at ``k`` followed by a word that can open its object ("wounded dozens", "injured
    five people"), not by the end of the clause ("killed and injured, officials said")."""
    if k + 1 >= len(tokens) or not tokens[k].lower.endswith("ed"):
        return False
    after = tokens[k + 1]
    return after.text[0].isalnum() and after.lower not in PREPOSITIONS | CONJUNCTIONS | SUBORDINATORS


def _noun_use(grammar: Grammar, first: int, last: int) -> bool:
    """A form that is a noun or a verb ("killing", "murders") used as a noun here: after a determiner or
    a possessive, in a compound ("a mass killing"), after a modifier that follows a determiner ("the
    police killing"), or (forms without -ing) after anything but an auxiliary, "to" or a subject pronoun."""
    tokens = grammar.tokens
    word = " ".join(t.lower for t in tokens[first:last])
    prev = tokens[first - 1] if first > 0 else None
    if prev is not None and (prev.lower in DETERMINERS or prev.lower in POSSESSIVE) and not _relative_that(tokens, first):
        return True
    if word.endswith("ing"):
        if _compound_head(grammar, first):
            return True
        before = tokens[first - 2] if first > 1 else None
        return (
            prev is not None
            and before is not None
            and (before.lower in DETERMINERS or before.lower in POSSESSIVE)
            and (grammar.mention_at[first - 1] is not None or prev.lower in grammar.agents or prev.text[0].isupper())
        )
    if word.endswith("ings"):
        return True
    j = first - 1
    while j >= 0 and _is_adverb(tokens[j]):
        j -= 1
    return j < 0 or (tokens[j].lower not in VERB_BEFORE and tokens[j].lower not in AUX)


def _nominal_clause(grammar: Grammar, lexicon: HarmLexicon, entry, first: int, last: int) -> HarmClause | None:
    """A harm noun ("deaths", "the killing", "the death toll") or "dead" after a figure, with its doer."""
    tokens = grammar.tokens
    lemma = entry.get("lemma")
    prev = tokens[first - 1] if first > 0 else None
    nxt = tokens[last] if last < grammar.n else None
    if nxt is not None and nxt.lower in entry.get("not_before", frozenset()):
        return None  # a modifier in a compound: "death row", "murder charges"
    if prev is not None and (prev.lower == "to" or prev.lower.endswith("degree")):
        return None  # part of the verb before ("beaten to death"), a charge ("second-degree murder")
    if entry.get("pos") == "adjective":
        return _dead(grammar, first, last, lemma)
    if entry.get("valency") == "transitive":
        # a noun of killing: its possessor or actor modifier is the doer ("the police killing")
        start = first
        while start > 0 and not (
            tokens[start - 1].lower in DETERMINERS
            or tokens[start - 1].lower in PREPOSITIONS
            or grammar.is_boundary(start - 1)
            or (_is_punct(tokens[start - 1]) and tokens[start - 1].text not in {"'", "’", "-"})
        ):
            start -= 1
        side = _side(grammar, start, first)
        if side is not None:
            return HarmClause("agentive", first, last, lemma, side, grammar._text(side.first, side.last), True)
    # after the noun, past an of-phrase: "the killing of X by Y", "the deaths of 40 people in Israeli
    # strikes", "deaths caused by shelling"
    j = last
    if j < grammar.n and tokens[j].lower == "of":
        j = grammar.phrase_end(j + 1)
    while j < grammar.n and (tokens[j].lower in BE or tokens[j].lower in {"caused", "directly", "partly"} or _is_adverb(tokens[j])):
        j += 1
    found = _instrument_agent(grammar, lexicon, j)
    if found is not None:
        named, doer = found
        return HarmClause("agentive", first, last, lemma, named, doer, True)
    # the object of a verb of causing: "Israeli strikes caused the deaths of 40"
    k = first - 1
    while k >= 0 and (tokens[k].lower in DETERMINERS or is_number(tokens[k])):
        k -= 1
    if k >= 0 and tokens[k].lower in CAUSE_VERBS:
        clause = _active_clause(grammar, lexicon, [], k, k + 1, lemma)
        if clause is not None:
            return HarmClause("agentive", first, last, lemma, clause.agent, clause.doer, True)
    return HarmClause("no_agent", first, last, lemma, nominal=True)


def _dead(grammar: Grammar, first: int, last: int, lemma: str) -> HarmClause | None:
    """"dead" after a figure or a quantity ("12 dead", "left four people dead"); the subject of "left"
    is its doer."""
    tokens = grammar.tokens
    figure = None
    for k in range(first - 1, max(first - 4, -1), -1):
        if not tokens[k].text[0].isalnum():
            break
        if is_number(tokens[k]) or tokens[k].lower in QUANTITIES:
            figure = k
            break
    if figure is None:
        return None
    for k in range(figure - 1, max(figure - 3, -1), -1):
        if tokens[k].lower in LEAVE_VERBS:
            clause = _active_clause(grammar, None, [], k, k + 1, lemma)
            if clause is not None:
                return HarmClause("agentive", first, last, lemma, clause.agent, clause.doer, True)
            break
    return HarmClause("no_agent", first, last, lemma, nominal=True)


def harm_clauses(grammar: Grammar, lexicon: HarmLexicon, nouns: bool = False) -> list[HarmClause]:
    """The harm clauses of one sentence, in order; with ``nouns`` also the harm nouns ("deaths", "the
    killing") and "dead" after a figure, which have a doer only when the sentence names one."""
    tokens = grammar.tokens
    clauses: list[HarmClause] = []
    for match in lexicon.matcher.find(tokens):
        entry = match.entry
        first, last = match.first, match.last
        prev = tokens[first - 1] if first > 0 else None
        nxt = tokens[last] if last < grammar.n else None
        lemma = entry.get("lemma")
        if entry.get("pos") in ("noun", "adjective") or (entry.get("noun") and _noun_use(grammar, first, last)):
            clause = _nominal_clause(grammar, lexicon, entry, first, last) if nouns else None
            if clause is not None:
                if _joins(clauses, tokens, first) and entry.get("participle"):
                    continue
                clauses.append(clause)
            continue
        if (
            prev is not None
            and (prev.lower in DETERMINERS or prev.lower in {"'s", "'"})
            and not _relative_that(tokens, first)
            and not _those_participle(tokens, first, last, entry)
        ):
            continue  # a noun: "the wounded", "Israel's bombing"
        if prev is not None and prev.lower in PREPOSITIONS and tokens[first].lower.endswith("ing"):
            if nouns and entry.get("valency") == "intransitive":
                clauses.append(HarmClause("no_agent", first, last, lemma))
            continue  # a gerund after a preposition: "accused of killing" (but "the risk of dying" has no doer)
        if last < grammar.n and tokens[last].lower in PARTICLES:
            continue  # a phrasal verb that is not harm: "shot back"
        if _compound_head(grammar, first):
            continue  # a noun: "the bank shooting"
        if _attack_noun_use(grammar, lexicon, first, last):
            continue  # an attack noun: "by a car bomb", "in roadside bombs"
        # coordinated participles sharing the previous clause's auxiliary: "damaged or destroyed", "shot
        # and killed by police" (the by-phrase after the second names the doer of both)
        if _joins(clauses, tokens, first) and entry.get("participle"):
            previous = clauses[-1]
            label, agent, doer = previous.label, previous.agent, previous.doer
            if label == "agentless_passive":
                found = _instrument_agent(grammar, lexicon, last)
                if found is not None:
                    label, (agent, doer) = "agentive", found
            clauses[-1] = HarmClause(label, previous.first, last, previous.lemma, agent, doer, previous.nominal)
            continue
        if entry.get("valency") == "intransitive":
            clauses.append(HarmClause("no_agent", first, last, lemma))
            continue
        nxt_word = nxt.lower if nxt is not None else ""
        ends_clause = nxt is None or _is_punct(nxt) or nxt_word in PREPOSITIONS or nxt_word in CONJUNCTIONS
        after = tokens[last + 1] if last + 1 < grammar.n else None
        ends_clause = ends_clause or nxt_word in SUBORDINATORS
        if nxt_word in CONJUNCTIONS and _verb_with_object(tokens, last + 1):
            ends_clause = False  # "Soldiers killed and wounded dozens": two verbs sharing an object
        ends_clause = ends_clause or (_is_adverb(nxt) and not (after is not None and is_number(after)))
        if nxt is not None and _figure_follows(tokens, last):
            ends_clause = False  # "killed at least 40", "wounded about 90": the figure is the object
        if entry.get("participle") and (grammar.passive_aux(first) or _those_participle(tokens, first, last, entry)):
            passive = True
        elif entry.get("participle") and ends_clause and (prev is None or prev.lower not in {"has", "have", "had"}):
            passive = entry.get("valency") != "both"  # "91,000 injured, according to"; "children starved"
            if not passive:
                clauses.append(HarmClause("no_agent", first, last, lemma))
                continue
        elif (
            entry.get("participle")
            and prev is not None
            and (is_number(prev) or prev.lower in PREPOSITIONS)
            and nxt is not None
            and nxt.lower.isalpha()
        ):
            continue  # an adjective: "two injured soldiers", "with injured children"
        else:
            passive = False
        if passive:
            clauses.append(_passive_clause(grammar, lexicon, first, last, lemma))
            continue
        if entry.get("valency") == "both" and ends_clause:
            clauses.append(HarmClause("no_agent", first, last, lemma))
            continue
        clause = _active_clause(grammar, lexicon, clauses, first, last, lemma)
        if clause is not None:
            clauses.append(clause)
    return clauses


def _attack_noun_use(grammar: Grammar, lexicon: HarmLexicon, first: int, last: int) -> bool:
    """A harm verb form that is also an attack noun ("bomb", "shelling") after a determiner, a
    preposition or a figure and one modifier that is no actor noun: "a car bomb", "by roadside bombs"."""
    tokens = grammar.tokens
    if last - first != 1 or tokens[first].lower not in lexicon.attacks or first < 2:
        return False
    prev, before = tokens[first - 1], tokens[first - 2]
    return (
        prev.text.isalpha()
        and prev.text.islower()
        and prev.lower not in grammar.agents
        and prev.lower not in ARMED_COLLECTIVES
        and grammar.mention_at[first - 1] is None
        and (before.lower in DETERMINERS or before.lower in PREPOSITIONS or is_number(before))
    )


def _those_participle(tokens: Sequence[Token], first: int, last: int, entry) -> bool:
    """A participle after "those" with no object after it: a reduced passive ("relatives of those
    killed", "those injured in the blast")."""
    if not entry.get("participle") or first == 0 or tokens[first - 1].lower != "those":
        return False
    return last >= len(tokens) or not (tokens[last].lower in DETERMINERS or is_number(tokens[last]))


def _relative_that(tokens: Sequence[Token], first: int) -> bool:
    """"that" before a verb form other than -ing is a relative pronoun, not a determiner ("the raids
    that killed 30", "a system that murders"; but "that killing")."""
    return first > 0 and tokens[first - 1].lower == "that" and not tokens[first].lower.endswith("ing")


def _joins(clauses: list[HarmClause], tokens: Sequence[Token], first: int) -> bool:
    """The word at ``first`` follows 'and'/'or' right after the previous harm mention."""
    return bool(clauses) and first > 0 and tokens[first - 1].lower in CONJUNCTIONS and clauses[-1].last == first - 1


def _passive_clause(grammar: Grammar, lexicon: HarmLexicon, first: int, last: int, lemma: str) -> HarmClause:
    """A passive: its doer is in a by-phrase or an instrument phrase after it, or, in a relative clause
    on an attack ("the raid by Hamas in which 30 were killed", "Hamas's raid, in which ..."), the side
    the attack names."""
    found = _instrument_agent(grammar, lexicon, last)
    if found is None:
        found = _relative_attack(grammar, lexicon, first)
    if found is None:
        return HarmClause("agentless_passive", first, last, lemma)
    named, doer = found
    return HarmClause("agentive", first, last, lemma, named, doer)


def _antecedent_span(grammar: Grammar, end: int) -> tuple[int, int] | None:
    """The noun phrase right before ``end`` (a relative pronoun or its preposition), a comma skipped:
    "the raid by Hamas fighters, who" -> "Hamas fighters"."""
    tokens = grammar.tokens
    b = end
    if b > 0 and tokens[b - 1].text == ",":
        b -= 1
    a = b
    while a > 0 and b - a < 10:
        k = a - 1
        token = tokens[k]
        if grammar.mention_at[k] is None and (
            token.lower in PREPOSITIONS
            or grammar.is_boundary(k)
            or token.lower in AUX - POSSESSIVE
            or (_is_punct(token) and token.lower not in POSSESSIVE | {"’s", "’", "-", "."})
            or _looks_finite(grammar, k)
        ):
            break
        a = k
    return (a, b) if a < b else None


def _relative_attack(grammar: Grammar, lexicon: HarmLexicon, first: int) -> tuple[Named | None, str] | None:
    """The side of the attack a relative clause "in which / during which" hangs on."""
    tokens = grammar.tokens
    start = grammar.clause_start(first)
    if start < 2 or tokens[start - 1].lower != "which" or tokens[start - 2].lower not in RELATIVE_PLACES:
        return None
    span = _antecedent_span(grammar, start - 2)
    if span is None:
        return None
    a, b = span
    if a >= 2 and tokens[a - 1].lower == "by":
        # the by-phrase of an attack noun: "the raid by Hamas fighters in which ..."
        head = a - 2
        if tokens[head].lower in lexicon.attacks:
            named = grammar.name(a, b) or _side(grammar, a, b)
            if named is not None:
                return named, grammar._text(a, b)
        return None
    named = _attack_doer(grammar, lexicon, a, b)
    return (named, grammar._text(named.first, named.last)) if named is not None else None


def _relative_subject(grammar: Grammar, lexicon: HarmLexicon | None, k: int) -> tuple[Named | None, str] | None:
    """The doer of a verb whose subject is a relative pronoun at ``k`` ("militants, who killed", "the
    raid, which killed"): the side of an attack antecedent, else the antecedent itself."""
    span = _antecedent_span(grammar, k)
    if span is not None and span[0] >= 2 and grammar.tokens[span[0] - 1].lower in LOCATIVES:
        # a place does not do harm: the pronoun hangs on the phrase before it ("the rally by white
        # nationalists in Charlottesville that killed" -> the white nationalists)
        span = _antecedent_span(grammar, span[0] - 1) or span
    if span is None:
        return None
    a, b = span
    while a < b and grammar.tokens[a].lower in DETERMINERS:
        a += 1
    if a >= b:
        return None
    if a >= 2 and grammar.tokens[a - 1].lower == "by":
        named = grammar.name(a, b) or _side(grammar, a, b)
        return named, grammar._text(a, b)
    if lexicon is not None:
        side = _attack_doer(grammar, lexicon, a, b)
        if side is not None:
            return side, grammar._text(a, b)
    return grammar.name(a, b), grammar._text(a, b)


def _hanging_subject(grammar: Grammar, lexicon: HarmLexicon | None, comma: int) -> tuple[Named | None, str] | None:
    """The subject of the clause a participle clause after ``comma`` hangs on ("Hamas struck the town,
    killing 30"; "... after militants stormed the town, killing 30" -> the militants): the noun phrase
    before the nearest active past verb before the comma. None when a clause edge, a relative pronoun or
    a subordinator comes first ("..., which ..., killing"), or when that verb is passive."""
    tokens = grammar.tokens
    k = comma - 1
    while k >= 0:
        token = tokens[k]
        if token.lower in BOUNDARY or token.lower in OTHER_CLAUSE or token.lower in RELATIVE_SUBJECTS:
            return None
        if _looks_finite(grammar, k):
            break
        k -= 1
    if k < 0:
        return None
    j = grammar.skip_left(k - 1)
    if j < 0:
        return None
    if grammar.mention_at[j] is None and (tokens[j].lower in RELATIVE_SUBJECTS or tokens[j].text == ","):
        return _subject_of(grammar, lexicon, k)
    return _named_span(grammar, lexicon, _antecedent_span(grammar, j + 1), attack_end=None)


def _subject_before_apposition(grammar: Grammar, comma: int) -> tuple[Named | None, str] | None:
    """The subject before an apposition that ends at ``comma`` ("the gunman and his brother, both
    residents of the town, killed"; "after the gunman and his brother, ..., killed"): the words between
    the two commas hold no verb or clause edge, and the noun phrase before the first comma opens its
    clause."""
    tokens = grammar.tokens
    k = comma - 1
    while k >= 0 and tokens[k].text != ",":
        token = tokens[k]
        if grammar.mention_at[k] is None and (
            grammar.is_boundary(k) or token.lower in AUX - POSSESSIVE or _looks_finite(grammar, k)
        ):
            return None
        k -= 1
    if k <= 0 or comma - k < 2:
        return None
    span = _antecedent_span(grammar, k)
    if span is None:
        return None
    a, b = span
    edge = tokens[a - 1].lower if a > 0 else ""
    if a > 0 and not (grammar.is_boundary(a - 1) or _is_punct(tokens[a - 1]) or edge in PREPOSITIONS or edge in OTHER_CLAUSE):
        return None
    while a < b and tokens[a].lower in DETERMINERS:
        a += 1
    if a >= b:
        return None
    return grammar.name(a, b), grammar._text(a, b)


# verbs whose clause after them is their object, not a relative clause's end ("officials who said
# Israel killed 40": Israel is the subject of "killed")
COMPLEMENT_VERBS = frozenset(
    "said say says told tell tells claimed claim claims believe believes believed think thinks thought "
    "alleged allege alleges reported report reports added add adds insisted insist insists".split()
)


def _subject_of(grammar: Grammar, lexicon: HarmLexicon | None, verb: int) -> tuple[Named | None, str] | None:
    """The doer in the subject of the active verb at ``verb``: (actor or None, words), or None.

    The subject is the noun phrase left of the verb; the antecedent of a relative clause that ends
    right before the verb ("Hamas gunmen who stormed into southern Israel on Oct. 7 killed" -> Hamas
    gunmen); the antecedent of a relative pronoun ("militants, who killed"); the phrase before an
    apposition. When the subject names no actor but holds an attack noun, the side that attack names
    is the actor ("the Oct. 7 attack by Hamas killed", "rockets fired by Hamas killed")."""
    tokens = grammar.tokens
    j = grammar.skip_left(verb - 1)
    if j < 0:
        return None
    if grammar.mention_at[j] is None and tokens[j].lower in RELATIVE_SUBJECTS:
        return _relative_subject(grammar, lexicon, j)
    if grammar.mention_at[j] is None and tokens[j].text == ",":
        return _subject_before_apposition(grammar, j)
    if grammar.mention_at[j] is None and tokens[j].lower in COMPLEMENT_VERBS:
        # a source between a relative pronoun and the verb: "the blast, which officials said killed
        # hundreds" (the source is never the doer)
        span = _antecedent_span(grammar, j)
        if span is not None and span[0] > 0 and tokens[span[0] - 1].lower in RELATIVE_SUBJECTS:
            return _relative_subject(grammar, lexicon, span[0] - 1)
        return None
    start = grammar.clause_start(j)
    if start > 0 and tokens[start - 1].lower in {"who", "which"} and grammar.mention_at[start - 1] is None:
        inner = [k for k in range(start, j + 1) if _looks_finite(grammar, k) or tokens[k].lower in AUX - POSSESSIVE]
        if inner and not any(tokens[k].lower in COMPLEMENT_VERBS for k in inner):
            return _relative_subject(grammar, lexicon, start - 1)
    return _named_span(grammar, lexicon, grammar.subject_span(verb), attack_end=verb)


# the second part of a hyphenated modifier whose first part is the doer: "Hamas-led", "U.S.-led"
LED = frozenset({"led", "launched", "linked"})


def _named_span(
    grammar: Grammar, lexicon: HarmLexicon | None, span: tuple[int, int] | None, *, attack_end: int | None
) -> tuple[Named | None, str] | None:
    """The doer named by a subject or antecedent ``span`` (determiners skipped) and its words: a name
    or "-led" side, else the side of an attack noun in it (looked for up to ``attack_end``, the span's
    end by default)."""
    if span is None:
        return None
    tokens = grammar.tokens
    a, b = span
    while a < b and tokens[a].lower in DETERMINERS:
        a += 1
    if a >= b:
        return None
    named = _led(grammar, grammar.name(a, b))
    if named is None and lexicon is not None:
        named = _attack_doer(grammar, lexicon, a, b if attack_end is None else attack_end)
    return named, grammar._text(a, b)


def _led(grammar: Grammar, named: Named | None) -> Named | None:
    """An actor written as a hyphenated "-led" modifier ("Hamas-led militants") resolved through the
    actor files to its first part (Hamas)."""
    if named is None:
        return named
    for k in range(named.first, named.last):
        head, _, tail = grammar.tokens[k].text.rpartition("-")
        if head and tail.lower() in LED:
            actor = grammar.canonical(head) if grammar.canonical is not None else ""
            if actor:
                return Named(actor, k, k + 1, True)
            if head[:1].isupper():  # a name no actor set knows: the side as written ("Hamas-led" -> Hamas)
                return Named(head, k, k + 1, named.canonical)
    return named


def _active_clause(
    grammar: Grammar, lexicon: HarmLexicon | None, earlier: list[HarmClause], first: int, last: int, lemma: str
) -> HarmClause | None:
    tokens = grammar.tokens
    verb = first
    if verb > 0 and tokens[verb - 1].lower == "to":  # "continues to kill": the subject of the verb before
        verb = max(grammar.skip_left(verb - 2), 0) if verb >= 2 else 0
        if not tokens[verb].lower.isalpha():
            return None
    coordinated = grammar.is_coordinated(first)
    participle = tokens[first].lower.endswith("ing") and first > 0 and tokens[first - 1].text == ","
    if (coordinated or participle) and earlier and earlier[-1].label == "agentive" and not earlier[-1].nominal:
        previous = earlier[-1]
        return HarmClause("agentive", first, last, lemma, previous.agent, previous.doer)
    found = None
    if participle:
        found = _hanging_subject(grammar, lexicon, first - 1)
    elif coordinated:
        # a second verb after a first that is no harm verb: "a sniper targeting and killing five",
        # "bombs built to explode and kill"
        j = grammar.skip_left(first - 1) - 1
        while j >= 0 and _is_adverb(tokens[j]):
            j -= 1
        k = j
        while k >= 0 and not (tokens[k].text.islower() and (tokens[k].lower.endswith("ing") or _looks_finite(grammar, k))):
            if grammar.is_boundary(k) or tokens[k].text == "," or tokens[k].lower in AUX - POSSESSIVE or j - k > 8:
                break
            k -= 1
        if k >= 0 and k != j and tokens[k].text.islower() and _looks_finite(grammar, k):
            j = k  # the verb of the first phrase: "troops raided the camp and killed four"
        if j >= 1 and tokens[j - 1].lower == "to" and tokens[j].text.islower():
            j = grammar.skip_left(j - 2)
            if j >= 0 and tokens[j].text.islower():
                found = _subject_of(grammar, lexicon, j)
        elif j >= 0 and tokens[j].text.islower() and (tokens[j].lower.endswith("ing") or _looks_finite(grammar, j)):
            found = _subject_of(grammar, lexicon, j)
    if found is None:
        found = _subject_of(grammar, lexicon, verb)
        if found is None:
            return None
    agent, doer = found
    return HarmClause("agentive", first, last, lemma, agent, doer)


# --------------------------------------------------------------------------------------------------
# the annotator


def sentence_mentions(doc: Doc) -> dict[str, list[ActorMention]]:
    by_sentence: dict[str, list[ActorMention]] = {}
    for sentence_id, mention in doc.actor_mentions:
        by_sentence.setdefault(sentence_id, []).append(mention)
    return by_sentence


def proper_words(doc: Doc) -> frozenset[str]:
    """Words seen capitalised after the first word of a sentence: names rather than sentence openers."""
    seen = set()
    for sentence in doc.sentences:
        for k, token in enumerate(sentence.tokens[1:], start=1):
            if token.text[0].isupper() and sentence.tokens[k - 1].text not in {".", '"', "“", "(", ":"}:
                seen.add(token.text)
    return frozenset(seen)


@lru_cache(maxsize=4)
def name_words(config: AnalysisConfig) -> tuple[frozenset[str], frozenset[str]]:
    """Actor nouns and titles from ``blame.tsv`` (rows with pos ``agent`` and ``title``)."""

    agents, titles = set(), set()
    for row in blame_rows(config):
        if row["pos"] == "agent":
            agents.update(f.strip().lower() for f in row["forms"].split("|") if f.strip())
        elif row["pos"] == "title":
            titles.update(f.strip().lower().rstrip(".") for f in row["forms"].split("|") if f.strip())
    return frozenset(agents), frozenset(titles)


def grammar_for(sentence: Sentence, mentions: Sequence[ActorMention], config: AnalysisConfig, proper: frozenset[str]) -> Grammar:
    agents, titles = name_words(config)
    return Grammar(
        sentence.tokens, mentions, agents=agents, titles=titles, proper=proper, canonical=_actor_index(config).canonical
    )


@lru_cache(maxsize=4)
def _actor_index(config: AnalysisConfig) -> ActorIndex:
    """The actor files' index, to resolve a name inside a hyphenated modifier ("Hamas-led")."""
    return ActorIndex.from_files(config.actor_paths)


def speaker_of(doc: Doc, sentence: Sentence, start: int, end: int) -> tuple[str, str]:
    """(source, voice) of words at ``start:end``: the speaker of the speech span covering them; the
    author when the sentence has speech spans but none covers them ("Israeli strikes killed 40, and
    Egypt condemned Israel": the killing is the outlet's narration); else the sentence's reported
    speaker when the sentence is reported speech; else the author."""
    span = doc.voice_at(start, end)
    if span is not None:
        return span.speaker_actor or span.speaker or "", span.voice
    if any(s.start < sentence.end and sentence.start < s.end for s in doc.speech):
        return "author", "author"
    voice = sentence.values.get("voice") or "author"
    if voice != "author":
        speaker = sentence.values.get("speaker_actor") or sentence.values.get("speaker") or ""
        return speaker, voice
    return "author", "author"
