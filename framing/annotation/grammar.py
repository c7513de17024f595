"""The small, parser-free grammar that blame and agency share: nearest noun phrase left or right of a
word within its clause, coordination ("Hamas and Iran"), possessors ("Netanyahu's rejection") and actor
modifiers ("Israeli strikes"), and the harm clauses (``lexicons/harm.tsv``) with their doers.

See ``docs/blame_and_agency.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from framing.annotation.actors import ActorMention
from framing.annotation.blame_lexicon import blame_rows
from framing.config import AnalysisConfig
from framing.reading.lexicon import PhraseMatcher, make_entry, read_lexicon
from framing.reading.tokens import is_number
from framing.types import Doc, Sentence, Token

AGENCY_LABELS = ("agentive", "agentless_passive", "no_agent")
VALENCIES = ("transitive", "intransitive", "both")
HARM_SCHEMA = {
    "required": ("term", "forms", "valency"),
    "optional": ("participles", "note"),
    "allowed": {"valency": VALENCIES},
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
    ):
        self.tokens = tokens
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


@dataclass(frozen=True)
class HarmLexicon:
    matcher: PhraseMatcher


@lru_cache(maxsize=4)
def harm_lexicon(config: AnalysisConfig) -> HarmLexicon:
    """The harm verbs of ``harm.tsv``, indexed once per configuration."""
    entries = []
    for row in read_lexicon("harm.tsv", config.lexicon_dir, **HARM_SCHEMA):
        participles = frozenset(p.strip().lower() for p in row["participles"].split("|") if p.strip())
        for form in row["forms"].split("|"):
            if form.strip():
                data = {
                    "lemma": row["term"],
                    "valency": row["valency"],
                    "participle": form.strip().lower() in participles,
                }
                entries.append(make_entry(form.strip(), data))
    return HarmLexicon(PhraseMatcher(entries))


@dataclass(frozen=True)
class HarmClause:
    """One clause reporting harm: its label, the verb's tokens and the doer when named."""

    label: str
    first: int  # tokens [first, last) of the verb group
    last: int
    lemma: str
    agent: Named | None = None  # the doer, when it is an actor or a name
    doer: str = ""  # the doer's words as written, when the clause has one


def _instrument_agent(grammar: Grammar, k: int) -> Named | None:
    """The doer after a passive harm verb ending at ``k``: "by X", "at the hands of X", or an
    instrument phrase whose modifier is an actor ("in an Israeli strike")."""
    tokens = grammar.tokens
    j = k
    while j < grammar.n and _is_adverb(tokens[j]):
        j += 1
    if j >= grammar.n:
        return None
    word = tokens[j].lower
    if word == "by":
        return grammar.name(j + 1, grammar.phrase_end(j + 1))
    words = [t.lower for t in tokens[j : j + 4]]
    if words == ["at", "the", "hands", "of"]:
        return grammar.name(j + 4, grammar.phrase_end(j + 4))
    if word in INSTRUMENT_PREPOSITIONS:
        end = grammar.phrase_end(j + 1)
        head = end - 1
        if head > j and grammar.mention_at[head] is None and tokens[head].lower.isalpha():
            named = grammar.name(j + 1, end)
            if named is not None and named.canonical:
                return named
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


def harm_clauses(grammar: Grammar, lexicon: HarmLexicon) -> list[HarmClause]:
    """The harm clauses of one sentence, in order."""
    tokens = grammar.tokens
    clauses: list[HarmClause] = []
    for match in lexicon.matcher.find(tokens):
        entry = match.entry
        first, last = match.first, match.last
        prev = tokens[first - 1] if first > 0 else None
        nxt = tokens[last] if last < grammar.n else None
        if prev is not None and (prev.lower in DETERMINERS or prev.lower in {"'s", "'"}):
            continue  # a noun: "the killing", "the wounded", "Israel's bombing"
        if prev is not None and prev.lower in PREPOSITIONS and tokens[first].lower.endswith("ing"):
            continue  # a gerund after a preposition: "accused of killing"
        if last < grammar.n and tokens[last].lower in PARTICLES:
            continue  # a phrasal verb that is not harm: "shot back"
        if _compound_head(grammar, first):
            continue  # a noun: "the bank shooting", "a mass killing"
        lemma = entry.get("lemma")
        # coordinated participles sharing the previous clause's auxiliary: "damaged or destroyed"
        if (
            clauses
            and prev is not None
            and prev.lower in CONJUNCTIONS
            and clauses[-1].last == first - 1
            and entry.get("participle")
        ):
            previous = clauses[-1]
            clauses[-1] = HarmClause(previous.label, previous.first, last, previous.lemma, previous.agent, previous.doer)
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
        if entry.get("participle") and grammar.passive_aux(first):
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
            agent = _instrument_agent(grammar, last)
            doer = grammar._text(agent.first, agent.last) if agent else ""
            clauses.append(HarmClause("agentive" if agent else "agentless_passive", first, last, lemma, agent, doer))
            continue
        if entry.get("valency") == "both" and ends_clause:
            clauses.append(HarmClause("no_agent", first, last, lemma))
            continue
        clause = _active_clause(grammar, clauses, first, last, lemma)
        if clause is not None:
            clauses.append(clause)
    return clauses


def _active_clause(grammar: Grammar, earlier: list[HarmClause], first: int, last: int, lemma: str) -> HarmClause | None:
    tokens = grammar.tokens
    verb = first
    if verb > 0 and tokens[verb - 1].lower == "to":  # "continues to kill": the subject of the verb before
        verb = max(grammar.skip_left(verb - 2), 0) if verb >= 2 else 0
        if not tokens[verb].lower.isalpha():
            return None
    inherits = grammar.is_coordinated(first) or (
        tokens[first].lower.endswith("ing") and first > 0 and tokens[first - 1].text == ","
    )
    if inherits and earlier and earlier[-1].label == "agentive":
        previous = earlier[-1]
        return HarmClause("agentive", first, last, lemma, previous.agent, previous.doer)
    span = grammar.subject_span(verb if verb != first else first)
    if span is None:
        return None
    a, b = span
    while a < b and tokens[a].lower in DETERMINERS:
        a += 1
    if a >= b:
        return None
    agent = grammar.name(a, b)
    return HarmClause("agentive", first, last, lemma, agent, grammar._text(a, b))


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
    return Grammar(sentence.tokens, mentions, agents=agents, titles=titles, proper=proper)


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
