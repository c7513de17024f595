"""Attributed blame: who is held responsible, by whom, for what, and in whose voice.

Every blame cue is a triple with evidence: ``source_actor`` (who blames), ``target_actor`` (who is
blamed), ``term`` (the ``lexicons/blame.tsv`` entry), ``detail`` (for what, when the sentence says it)
and ``voice``. The lexicon gives the cue words and which argument is the target:

- ``object``: accuse, blame, condemn, criticise ... X ("Hamas and Iran blamed Israel"); in the passive
  the subject is the target and the by-phrase the source ("Israel stands accused of genocide"); for
  nouns, "criticism of X" or, after *faced*, *drew*, *denied*, the subject ("Israel has faced
  condemnation");
- ``subject``: X refused, rejected, flouted, violated, obstructed; X bears responsibility, is to blame;
  in the passive the by-phrase is the target ("efforts hampered by Netanyahu's rejection");
- ``possessor``: X's rejection, the Israeli refusal, violations by X;
- ``slot``: idioms with a place for the actor ("the ball is in X's court", "it is on X to").

Harm done by a named agent ("The Israeli bombardment has killed ...") is blame too (category
``harm_by_agent``), found by the agency rules in :mod:`framing.annotation.agency`.

The source is the subject (or by-agent) of an accusation or condemnation ("Hamas and Iran blamed
Israel": sources Hamas and Iran); for every other cue it is the speaker when the cue is inside a
quotation or reported speech, else ``author``. Targets and sources are canonical actors from the actor
files, else the noun phrase as written. Grammar is local and parser-free (see agency.py and
``docs/blame_and_agency.md``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from framing.annotation.blame_lexicon import (  # noqa: F401  (blame_rows: read by tests and tools)
    BLAME_CATEGORIES,
    BLAME_SCHEMA,
    NOT_CUES,
    OBJECT_ROLES,
    POS,
    SLOT,
    SPEECH_ACTS,
    TARGETS,
    blame_rows,
)
from framing.annotation.grammar import (
    AUX,
    CONJUNCTIONS,
    DETERMINERS,
    NEGATORS,
    POSSESSIVE,
    PREPOSITIONS,
    Grammar,
    Named,
    _is_adverb,
    _is_punct,
    grammar_for,
    harm_clauses,
    harm_lexicon,
    proper_words,
    sentence_mentions,
    speaker_of,
)
from framing.config import AnalysisConfig
from framing.reading.lexicon import Match, PhraseMatcher, make_entry
from framing.reading.tokens import term_tokens
from framing.schema import Column
from framing.types import Cue, Doc, Sentence, Token

# Verbs before a blame noun that make its subject the one blamed: "Israel has faced condemnation".
# verbs whose subject is also the doer of the infinitive after them ("X sought to collude")
CONTROL_VERBS = frozenset(
    "seek seeks sought seeking try tries tried trying attempt attempts attempted attempting want wants "
    "wanted continue continues continued continuing decide decides decided choose chooses chose chosen "
    "plan plans planned planning threaten threatens threatened threatening vow vows vowed conspire "
    "conspires conspired conspiring allowed permitted began begun start starts started "
    "refuse refuses refused".split()
)
RECEIVING = frozenset(
    "face faces faced facing draw draws drew drawn drawing receive receives received receiving attract "
    "attracts attracted attracting under deny denies denied denying reject rejects rejected rejecting "
    "dismiss dismisses dismissed dismissing".split()
)
STAND = frozenset({"stand", "stands", "stood", "remain", "remains", "remained"})
DETAIL_PREPOSITIONS = frozenset({"for", "of", "over", "with"})
OBJECT_PREPOSITIONS = frozenset({"of", "against", "on", "at", "toward", "towards"})
SOURCE_PREPOSITIONS = frozenset({"from", "by"})
PAST_PARTICIPLE_IRREGULAR = frozenset({"held", "stolen"})
RELATIVES = frozenset({"who", "which", "that"})
DASHES = frozenset({",", "-", "--", "—", "–"})
# possessive determiners standing for the pronoun that names the possessor ("his failure" -> he)
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they"}
# pronoun targets resolved to an earlier sentence: person pronouns and group pronouns
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them"})
OBJECT_PRONOUNS = frozenset({"her", "him", "them"})
QUANTIFIERS = frozenset({"both", "all", "each", "either", "neither"})
ANTECEDENT_WINDOW = 3  # sentences looked back for the referent of a pronoun target




# the lower-case words an apposition naming a person or body may hold ("Rep. Ames of Ohio", "the
# former envoy Lena Marr", "Ames and Kolb")
APPOSITION_WORDS = frozenset({"of", "and", "the", "former", "including"})
# the source of an accusation or condemnation the sentence reports without naming who makes it
UNNAMED = "(unnamed)"


@dataclass(frozen=True)
class BlameLexicon:
    matcher: PhraseMatcher
    claims: frozenset[str] = frozenset()  # nouns of claims: rejecting one is disputing, not refusing


@lru_cache(maxsize=4)
def blame_lexicon(config: AnalysisConfig) -> BlameLexicon:
    """Cue forms of ``blame.tsv`` indexed once per configuration; idioms are indexed by the words
    before their slot and carry the words after it."""
    entries = []
    claims = set()
    for row in blame_rows(config):
        if row["pos"] == "claim":
            claims.update(f.strip().lower() for f in row["forms"].split("|") if f.strip())
        if row["pos"] in NOT_CUES:
            continue
        for form in (f.strip() for f in row["forms"].split("|")):
            if not form:
                continue
            data = {
                "term": row["term"],
                "pos": row["pos"],
                "category": row["category"],
                "target": row["target"],
                "weight": float(row["weight"]),
                "suffix": (),
            }
            if row["pos"] == "idiom":
                before, _, after = form.partition(SLOT)
                data["suffix"] = term_tokens(after.strip()) if after.strip() else ()
                form = before.strip()
            entries.append(make_entry(form, data))
    return BlameLexicon(PhraseMatcher(entries), frozenset(claims))


@dataclass(frozen=True)
class Triple:
    """A blame finding before it becomes a cue: token span, targets, sources and what for."""

    first: int
    last: int
    term: str
    category: str
    weight: float
    targets: tuple[Named, ...]
    sources: tuple[Named, ...] = ()  # named blamers (subject or by-agent of an accusation)
    detail: str = ""
    # an accusation or condemnation whose accuser the sentence does not name ("Israel stands accused")
    unnamed: bool = False


def _slot_end(tokens: Sequence[Token], start: int, suffix: tuple[str, ...], limit: int = 8) -> int:
    """Index where an idiom's closing words begin after its slot, or -1."""
    for j in range(start + 1, min(len(tokens), start + limit + 1)):
        if tuple(t.lower for t in tokens[j : j + len(suffix)]) == suffix:
            return j
    return -1


def _antecedent_in(g: Grammar, k: int, pronoun: str) -> Named | None:
    """The nearest actor before token ``k`` that the pronoun can stand for: a person (a person mention
    or a name of two or more words, titles removed) for *he / she / him / her*, else a group (a
    mention of a state, organisation or group, or a plural actor noun such as "protesters")."""
    person = pronoun in PERSON_PRONOUNS
    j = min(k, g.n) - 1
    while j >= 0:
        mention = g.mention_at[j]
        if mention is not None:
            if (mention.type == "person") == person:
                return Named(mention.actor, mention.first_token, mention.last_token, True)
            j = mention.first_token - 1
            continue
        word = g.tokens[j].lower
        if person and g.is_name(j) and j != g.first_word and word.rstrip(".") not in g.titles:
            first = j
            while first > 0 and g.mention_at[first - 1] is None and g.is_name(first - 1):
                first -= 1
            if j > first:  # "Omar Mateen", "Mr. Stone"
                while first < j and g.tokens[first].lower.rstrip(".") in g.titles:
                    first += 1
                return Named(g._text(first, j + 1), first, j + 1, False)
        if not person and word in g.agents and word.endswith("s"):
            return Named(word, j, j + 1, False)
        j -= 1
    return None


def _target_text(target: Named) -> str:
    """A target as written, without a leading quantifier ("Both Facebook and Twitter" -> Facebook)."""
    if target.canonical:
        return target.actor
    first, _, rest = target.actor.partition(" ")
    return rest if rest and first.lower() in QUANTIFIERS else target.actor


def _accept(tokens: Sequence[Token], match: Match) -> bool:
    suffix = match.entry.get("suffix")
    return not suffix or _slot_end(tokens, match.last, suffix) >= 0


class BlameFinder:
    """Blame triples in one sentence."""

    def __init__(self, grammar: Grammar, claims: frozenset[str] = frozenset()):
        self.g = grammar
        self.tokens = grammar.tokens
        self.claims = claims

    def names_after(self, k: int) -> tuple[Named, ...]:
        if self.object_pronoun(k):  # "attacked her for", "criticized him."
            return (self.pronoun_object(k),)
        while k < self.g.n and (self.tokens[k].lower in DETERMINERS or _is_adverb(self.tokens[k])):
            k += 1
        if k >= self.g.n:
            return ()
        return tuple(self.g.names(k, self.g.phrase_end(k)))

    def object_pronoun(self, k: int) -> bool:
        """*her / him / them* used as an object pronoun: followed by a preposition, a conjunction, a
        punctuation mark or nothing ("her for", not the possessive "her record")."""
        if k >= self.g.n or self.tokens[k].lower not in OBJECT_PRONOUNS:
            return False
        if k + 1 >= self.g.n:
            return True
        nxt = self.tokens[k + 1]
        return _is_punct(nxt) or nxt.lower in PREPOSITIONS or nxt.lower in CONJUNCTIONS or self.g.is_boundary(k + 1)

    def pronoun_object(self, k: int) -> Named:
        """The referent of an object pronoun: the nearest earlier actor outside the pronoun's own clause
        (whose subject it cannot be: "Holt said Pike kept attacking her" -> Holt)."""
        pronoun = {"her": "she", "him": "he", "them": "they"}[self.tokens[k].lower]
        found = _antecedent_in(self.g, k, pronoun)
        if found is not None and found.first >= self.g.clause_start(k):  # the verb's own subject
            found = _antecedent_in(self.g, found.first, pronoun)
        return found or Named(pronoun, k, k + 1, False)

    def accusers(self, k: int) -> tuple[Named, ...]:
        """Who performs the speech act at ``k``: the names right before it, auxiliaries and adverbs
        skipped ("Ardenia and the Federation of Nations publicly faulted", "The U.N. has accused",
        "Front spokesman Idris Kael rejected"), else the subject of its clause."""
        j = k - 1
        while j >= 0 and (self.tokens[j].lower in AUX or _is_adverb(self.tokens[j])):
            j -= 1
        if j >= 0 and self.tokens[j].lower in {"he", "she", "they"}:
            # a pronoun subject, named later from the sentences before (not from a place in this one)
            return (Named(self.tokens[j].lower, j, j + 1, False),)
        if j >= 2 and self.tokens[j].text == ",":
            # "The House leader, Representative Kay Ames of Ohio, also criticized": the apposition
            # before the verb names the accuser
            named = self.apposition_before(j)
            if named:
                return named
        end = start = j + 1
        while start > 0:
            prev = start - 1
            token = self.tokens[prev]
            word = token.lower
            mention = self.g.mention_at[prev]
            if mention is not None:
                start = min(mention.first_token, prev)
            elif self.g.is_name(prev) or word.rstrip(".") in self.g.titles or word in self.g.agents or word in POSSESSIVE or start < end and (word in CONJUNCTIONS or word == "the" or (token.text == "," and self.g._comma_joins_list(prev))):
                start = prev
            elif start < end and word == "of" and prev > 0 and self.g.is_name(prev - 1):
                start = prev  # "the Federation of Nations"
            else:
                break
        named = tuple(self.g.names(start, end)) if start < end else ()
        return named or self.names_before(k)

    def apposition_before(self, comma: int, limit: int = 14) -> tuple[Named, ...]:
        """The accuser named around an apposition that ends at the comma ``comma`` and follows the
        sentence's subject: the subject when it is a name ("Rep. Ames, R-Texas," / "Bruning, a
        Republican," -> Ames, Bruning), else the apposition's names when it is a name with its titles
        and place, not a clause of its own ("The leader, Rep. Ames of Ohio," -> Ames)."""
        for i in range(comma - 1, max(comma - limit, 0) - 1, -1):
            token = self.tokens[i]
            if self.g.is_boundary(i) or token.text in {".", ";", ":"} or token.lower in RELATIVES:
                return ()
            if token.text != ",":
                continue
            if i == 0 or self.g.clause_start(i - 1) != self.g.first_word:
                return ()  # the phrase before the apposition must be the sentence's subject
            if self.g.mention_at[i - 1] is not None or self.g.is_name(i - 1):
                # the subject is itself a name; the apposition describes it ("Bruning, a Republican,")
                return tuple(self.g.names(self.g.first_word, i))
            inside = range(i + 1, comma)
            if any(
                self.tokens[j].text.islower() and self.tokens[j].lower not in APPOSITION_WORDS
                and self.tokens[j].lower.rstrip(".") not in self.g.titles
                for j in inside
            ):
                return ()
            named = tuple(self.g.names(i + 1, comma))
            return named if named and named[0].first <= i + 4 else ()
        return ()

    def names_before(self, k: int) -> tuple[Named, ...]:
        span = self.g.subject_span(k)
        return tuple(self.g.names(*span)) if span else ()

    def relative_antecedent(self, k: int) -> tuple[Named, ...]:
        """The noun phrase a relative clause hangs on, for a verb at ``k`` whose clause opens with
        *who / which / that*: "Trump -- who has been criticized for" -> Trump."""
        rel = self.g.clause_start(k) - 1
        if rel < 1 or self.tokens[rel].lower not in RELATIVES:
            return ()
        end = rel - 1 if self.tokens[rel - 1].text in DASHES else rel
        span = self.g.subject_span(end)
        return tuple(self.g.names(*span)) if span else ()

    def subject_of(self, k: int) -> tuple[Named, ...]:
        """The subject of the verb at ``k``: the phrase before it, the subject after a fronted
        participle clause, or the antecedent of a relative pronoun."""
        targets = self.names_before(k)
        j = self.g.skip_left(k - 1)
        if not targets and j >= 0 and self.tokens[j].lower in {"he", "she", "they"}:
            # "critics say she mishandled": a subject pronoun after a reporting verb without "that"
            targets = tuple(self.g.names(j, j + 1))
        if not targets and self.tokens[k].lower.endswith("ing"):
            targets = self.opening_subject(k)
        if not targets and j >= 1 and self.tokens[j].lower == "to":  # "Trump sought to obstruct justice"
            control = self.g.skip_left(j - 1)
            if control >= 0 and self.tokens[control].lower in CONTROL_VERBS:
                targets = self.subject_of(control)
        return targets or self.relative_antecedent(k)

    def opening_subject(self, k: int) -> tuple[Named, ...]:
        """The subject after a fronted participle clause: "Flouting a resolution ..., Israel has faced"."""
        if self.g.clause_start(k) > self.g.first_word:
            return ()
        for j in range(k + 1, self.g.n - 1):
            if self.tokens[j].text == ",":
                return self.names_after(j + 1)
            if self.g.is_boundary(j):
                return ()
        return ()

    def by_agent(self, k: int, limit: int = 10) -> tuple[Named, ...]:
        """Names in the first by-phrase after token ``k`` within the clause."""
        for j in range(k, min(self.g.n, k + limit)):
            token = self.tokens[j]
            if token.lower == "by":
                return self.names_after(j + 1)
            if self.g.is_boundary(j) or token.text in {",", "."}:
                break
        return ()

    def on_phrase(self, k: int, limit: int = 12) -> tuple[Named, ...]:
        """Names after an *on* within ``limit`` tokens of ``k`` in the same clause ("blame X on Y")."""
        for j in range(k, min(self.g.n, k + limit)):
            if self.tokens[j].lower == "on":
                return self.names_after(j + 1)
            if self.g.is_boundary(j) or self.tokens[j].text in {".", ";"}:
                break
        return ()

    def detail_after(self, k: int) -> str:
        if k < self.g.n and self.tokens[k].lower in DETAIL_PREPOSITIONS:
            end = self.g.phrase_end(k + 1)
            if end > k + 1:
                return self.g._text(k, end)
        return ""

    def after_phrase(self, k: int) -> int:
        """Index after the noun phrase starting at ``k`` (skipping determiners)."""
        return self.g.phrase_end(k) if k < self.g.n else k

    # -- cue forms -------------------------------------------------------------------------------

    def idiom(self, match: Match, entry) -> Triple | None:
        suffix = entry.get("suffix")
        if suffix:
            end = _slot_end(self.tokens, match.last, suffix)
            targets = tuple(self.g.names(match.last, end))
            last = end + len(suffix)
        else:
            targets = self.names_after(match.last)
            last = max((t.last for t in targets), default=match.last)
        # "Qatar held Israel responsible": the subject of an accusing idiom is the one who blames
        sources = self.accusers(match.first) if entry.get("category") in SPEECH_ACTS else ()
        if entry.get("category") in SPEECH_ACTS and not sources and self.tokens[match.first].lower.endswith("ing"):
            sources = self.opening_subject(match.first) or self._main_subject(match.first)
        return self._triple(match.first, last, entry, targets, sources, self.detail_after(last))

    def is_passive(self, match: Match) -> bool:
        word = self.tokens[match.last - 1].lower
        if not (word.endswith("ed") or word in PAST_PARTICIPLE_IRREGULAR):
            return False
        if self.g.passive_aux(match.first):
            return True
        nxt = self.tokens[match.last].lower if match.last < self.g.n else ""
        if nxt == "by":
            return True
        return nxt in DETAIL_PREPOSITIONS | {"as"} and self.g.passive_aux(match.first) is False and (
            match.first > 0 and self.tokens[match.first - 1].lower not in {"has", "have", "had"}
        ) and match.entry.get("target") in OBJECT_ROLES

    def negated(self, k: int) -> bool:
        """A negator among the auxiliaries and adverbs before token ``k``: "has not accused" (a
        denial or a non-event is not blame)."""
        j = k - 1
        while j >= 0 and (self.tokens[j].lower in AUX or _is_adverb(self.tokens[j])):
            if self.tokens[j].lower in NEGATORS:
                return True
            j -= 1
        return False

    def verb(self, match: Match, entry) -> Triple | None:
        if self.negated(match.first):
            return None
        role = entry.get("target")
        passive = self.is_passive(match)
        speech_act = entry.get("category") in SPEECH_ACTS
        if role in OBJECT_ROLES and not passive:
            targets = self.names_after(match.last)
            end = self.after_phrase(match.last)
            if not targets and speech_act:  # "blame the explosion on Kurdish militants"
                targets = self.on_phrase(end)
            if not targets and role == "object_or_subject":
                # no actor attacked ("attacking the values of freedom"): the attacker is blamed
                targets = self.subject_of(match.first)
                return self._triple(match.first, match.last, entry, targets, category="wrongdoing")
            sources = self.accusers(match.first) if speech_act else ()
            if speech_act and not sources and self.tokens[match.first].lower.endswith("ing"):
                sources = self.opening_subject(match.first) or self._main_subject(match.first)
            return self._triple(match.first, match.last, entry, targets, sources, self.detail_after(end))
        if role in OBJECT_ROLES:  # passive: "Israel stands accused of genocide", "was blamed by X"
            verb = match.first
            if verb > 0 and self.tokens[verb - 1].lower in STAND:
                verb -= 1  # the subject of "stands", which the grammar does not count as an auxiliary
            targets = self.subject_of(verb)
            sources = self.by_agent(match.last) if speech_act else ()
            return self._triple(match.first, match.last, entry, targets, sources, self.detail_after(match.last))
        if passive:  # "efforts ... hampered by Netanyahu's rejection"
            return self._triple(match.first, match.last, entry, self.by_agent(match.last, limit=2))
        if entry.get("category") == "refusal" and self.claim_object(match.last):
            return None  # "Kael rejected that account": disputing a claim is no refusal to act
        return self._triple(match.first, match.last, entry, self.subject_of(match.first))

    def claim_object(self, k: int) -> bool:
        """The noun phrase starting at ``k`` is a claim (its head a ``claim`` row of blame.tsv:
        account, allegation, report ...)."""
        while k < self.g.n and (self.tokens[k].lower in DETERMINERS or _is_adverb(self.tokens[k])):
            k += 1  # "that account", "these claims"
        if k >= self.g.n:
            return False
        end = self.g.phrase_end(k)
        return any(self.tokens[j].lower in self.claims for j in range(k, end))

    def _main_subject(self, k: int) -> tuple[Named, ...]:
        """For "..., accusing X of" and "X issued a statement accusing Y": the subject of the clause
        the participle hangs on."""
        if k == 0:
            return ()
        start = self.g.clause_start(k - 1)
        for j in range(start, k):
            if self.g.is_name(j) or self.tokens[j].lower in self.g.agents:
                end = j
                while end < k and (self.g.is_name(end) or self.tokens[end].lower in self.g.agents):
                    end += 1
                return tuple(self.g.names(j, end))[:1]
            if self.g.is_boundary(j):
                break
        return ()

    def phrase(self, match: Match, entry) -> Triple | None:
        if self.negated(match.first):
            return None
        targets = self.names_before(match.first) or self.opening_subject(match.first)
        targets = targets or self.relative_antecedent(match.first)
        return self._triple(match.first, match.last, entry, targets, detail=self.detail_after(match.last))

    def noun(self, match: Match, entry) -> Triple | None:
        if entry.get("target") == "possessor":
            return self._triple(match.first, match.last, entry, self.possessor(match))
        if entry.get("target") == "possessor_of":  # "Trump's failure", "failure by X", "crimes of X"
            targets = self.possessor(match)
            if not targets and match.last < self.g.n and self.tokens[match.last].lower == "of":
                targets = self.names_after(match.last + 1)
            return self._triple(match.first, match.last, entry, targets)
        sources = self.noun_source(match)
        if self.tokens[match.last - 1].lower in OBJECT_PREPOSITIONS:  # the form ends in it: "anger toward X"
            targets = self.names_after(match.last)
            if targets:
                return self._triple(match.first, match.last, entry, targets, sources)
        for j in range(match.last, min(self.g.n, match.last + 12)):
            token = self.tokens[j]
            if token.lower == "that":  # "accusations that aides ... shut the lanes"
                targets = self.names_after(j + 1)
                if targets:
                    return self._triple(match.first, match.last, entry, targets, sources)
                break
            if self.g.is_boundary(j) or token.text in {".", ";"}:
                break
        k = match.last
        if k < self.g.n and self.tokens[k].lower in OBJECT_PREPOSITIONS:
            targets = self.names_after(k + 1)
            if targets:
                return self._triple(match.first, match.last, entry, targets, sources)
        receiving = self.receiving_verb(match.first)
        if receiving >= 0:
            targets = self.names_before(receiving)
            return self._triple(match.first, match.last, entry, targets, sources, self.detail_after(match.last))
        return None

    def receiving_verb(self, k: int) -> int:
        """Index of *faced*, *drew*, *denied* ... before a blame noun (modifiers allowed between), or -1."""
        j = k - 1
        steps = 0
        while j >= 0 and steps < 4:
            word = self.tokens[j].lower
            if word in RECEIVING:
                if word == "under" and j > 0 and self.tokens[j - 1].lower.isalpha():
                    return j - 1  # "came under criticism": the subject of "came"
                return j
            if not (word.isalpha() or "-" in word) or word in CONJUNCTIONS or self.g.mention_at[j] is not None:
                return -1
            j -= 1
            steps += 1
        return -1

    def noun_source(self, match: Match) -> tuple[Named, ...]:
        possessor = self.possessor(match, by_phrase=False)
        if possessor:
            return possessor
        k = match.last
        if k < self.g.n and self.tokens[k].lower in SOURCE_PREPOSITIONS:
            return self.names_after(k + 1)
        return ()

    def possessor(self, match: Match, *, by_phrase: bool = True) -> tuple[Named, ...]:
        """The possessor or actor modifier of a noun ("Netanyahu's rejection", "the Israeli refusal"),
        else its by-phrase ("violations by X")."""
        k = match.first - 1
        j = k
        while j > k - 3 and j >= 1 and self._is_modifier(j):  # "Clinton's email scandal"
            j -= 1
        if j >= 1 and self.tokens[j].lower in {"'s", "'"}:
            end = j
            start = end - 1
            while start > 0 and (
                self.g.is_name(start - 1) and self.tokens[start - 1].lower not in CONJUNCTIONS
            ):
                start -= 1
            return tuple(self.g.names(start, end + 1))[-1:]
        if j >= 0 and self.tokens[j].lower in POSSESSIVE_PRONOUNS:  # "his failure"
            return (self.pronoun_antecedent(j),)
        start = k
        while start >= 0 and k - start < 3 and self.g.mention_at[start] is not None:
            start -= 1
        if start < k and (start < 0 or self.tokens[start].lower in DETERMINERS):
            return tuple(self.g.names(start + 1, k + 1))[-1:]
        if by_phrase and match.last < self.g.n and self.tokens[match.last].lower == "by":
            return self.names_after(match.last + 1)
        if by_phrase and match.last + 1 < self.g.n and self.tokens[match.last].lower == "of":
            end = self.g.phrase_end(match.last + 1)  # "the killing of Floyd by police"
            if end < self.g.n and self.tokens[end].lower == "by":
                return self.names_after(end + 1)
        return ()

    def _is_modifier(self, k: int) -> bool:
        """A lower-case adjective or noun between a possessive and its head ("Trump's *racist* lies")."""
        token = self.tokens[k]
        word = token.lower
        return (
            token.text.isalpha()
            and token.text.islower()
            and self.g.mention_at[k] is None
            and word not in DETERMINERS
            and word not in POSSESSIVE_PRONOUNS
            and word not in AUX
            and word not in CONJUNCTIONS
            and word not in PREPOSITIONS
        )

    def pronoun_antecedent(self, k: int) -> Named:
        """The actor a possessive pronoun at ``k`` stands for: the nearest earlier person (his, her) or
        group (their) in the sentence, else the personal pronoun itself (resolved across sentences by
        the annotator)."""
        pronoun = POSSESSIVE_PRONOUNS[self.tokens[k].lower]
        found = _antecedent_in(self.g, k, pronoun)
        return found or Named(pronoun, k, k + 1, False)

    def _triple(self, first, last, entry, targets, sources=(), detail="", category="") -> Triple | None:
        # an accusation or a condemnation aimed at something the rules cannot name as an actor
        # ("blamed 'progressivism'", "the bill has been criticized by ...") stays as a cue with an
        # empty target: not blame by itself (the codebook wants an identifiable actor), but the target
        # model may name the actor (framing.classifiers.targets); other cues need their target
        if not targets and (category or entry.get("category")) not in SPEECH_ACTS:
            return None
        category = category or entry.get("category")
        return Triple(
            first,
            last,
            entry.get("term"),
            category,
            entry.get("weight"),
            tuple(targets),
            tuple(sources),
            detail,
            unnamed=category in SPEECH_ACTS and not sources,
        )

    def find(self, matcher: PhraseMatcher) -> list[Triple]:
        out = []
        for match in matcher.find(self.tokens, accept=_accept):
            entry = match.entry
            pos = entry.get("pos")
            if pos == "idiom":
                triple = self.idiom(match, entry)
            elif pos == "verb":
                triple = self.verb(match, entry)
            elif pos == "noun":
                triple = self.noun(match, entry)
            else:
                triple = self.phrase(match, entry)
            if triple is not None:
                out.append(triple)
        return out


def _detached_gerund(g: Grammar, clause) -> bool:
    """An -ing harm word whose doer is not right before it (auxiliaries and adverbs aside): a noun,
    not a verb ("Toll from Halvik shelling rises": no one named does the shelling)."""
    if not g.tokens[clause.first].lower.endswith("ing") or clause.agent is None:
        return False
    j = clause.first - 1
    while j >= 0 and (g.tokens[j].lower in AUX or _is_adverb(g.tokens[j])):
        j -= 1
    return clause.agent.last != j + 1


# words that open a place phrase and are missing from the grammar's prepositions
PLACE_PREPOSITIONS = frozenset({"around", "outside", "inside", "beside", "along", "beyond", "across", "near"})
PLACE_NOUNS = frozenset("city town village region province capital district outskirts edge centre center area".split())


def _in_prepositional_phrase(g: Grammar, clause) -> bool:
    """The named doer of an active harm clause sits in a prepositional phrase of the subject: it is a
    place or a possessor, not the doer ("airstrikes around Halvik General Hospital killed 17", "shelling
    in the city of Halvik that ... killed")."""
    agent = clause.agent
    if agent is None or agent.last > clause.first:
        return False  # a passive's by-phrase or instrument comes after the verb
    j = agent.first - 1
    while j >= 0 and g.tokens[j].lower in DETERMINERS:
        j -= 1
    if j < 0:
        return False
    word = g.tokens[j].lower
    if word == "of":  # "the city of Halvik", not "hundreds of Israeli soldiers"
        return j > 0 and g.tokens[j - 1].lower in PLACE_NOUNS
    return word in PREPOSITIONS or word in PLACE_PREPOSITIONS


def _one_casing(cues: list[Cue]) -> list[Cue]:
    """One spelling per name in a sentence: a sentence-initial capital ("Officials blamed ... and
    accused ...") does not make a second source beside "officials"."""
    def key(name: str) -> str:  # only the first letter's case may differ ("US" and "us" stay apart)
        return name[:1].lower() + name[1:]

    spelling: dict[str, str] = {}
    for cue in cues:
        for name in (cue.source_actor, cue.target_actor):
            if name and (key(name) not in spelling or name[:1].islower()):
                spelling[key(name)] = name
    if len(spelling) == len({n for c in cues for n in (c.source_actor, c.target_actor) if n}):
        return cues
    return [
        replace(
            cue,
            source_actor=spelling.get(key(cue.source_actor), cue.source_actor),
            target_actor=spelling.get(key(cue.target_actor), cue.target_actor),
        )
        for cue in cues
    ]


def _join(values) -> str:
    return ";".join(sorted({v for v in values if v}))


class BlameAnnotator:
    name = "blame"
    columns = (
        Column("blame", "int", 0, "1 when the sentence holds an actor responsible (any voice)"),
        Column("blame_score", "float", 0.0, "sum of the blame cues' weights"),
        Column("blame_targets", "str", "", "actors blamed, ';'-separated, sorted"),
        Column("blame_sources", "str", "", "who blames ('author' or actors), ';'-separated, sorted"),
        Column("blame_voice", "str", "", "author / attributed / both: whose voice carries the blame; empty when none"),
    )

    def __init__(self, config: AnalysisConfig):
        self.config = config
        self.lexicon = blame_lexicon(config)
        self.harm = harm_lexicon(config)

    def sentence_cues(self, doc: Doc, sentence: Sentence, grammar: Grammar, resolve=None) -> list[Cue]:
        """Blame cues of one sentence; ``resolve(pronoun)`` names the referent of a pronoun target from
        the sentences before it (see :meth:`__call__`)."""
        tokens = sentence.tokens
        text = doc.article.text
        triples = BlameFinder(grammar, self.lexicon.claims).find(self.lexicon.matcher)
        for clause in harm_clauses(grammar, self.harm):
            if (
                clause.label == "agentive"
                and clause.agent is not None
                and not _detached_gerund(grammar, clause)
                and not _in_prepositional_phrase(grammar, clause)
            ):
                triples.append(
                    Triple(clause.first, clause.last, clause.lemma, "harm_by_agent", 1.0, (clause.agent,), (), clause.doer)
                )
        cues = []
        for triple in triples:
            targets = triple.targets
            if any(not t.canonical and t.actor in PERSON_PRONOUNS | GROUP_PRONOUNS for t in targets):
                targets = tuple(self._resolve(grammar, t, resolve) for t in targets)
            start, end = tokens[triple.first].start, tokens[triple.last - 1].end
            speaker, voice = speaker_of(doc, sentence, start, end)
            if triple.sources:
                sources = [self._source_name(grammar, sentence, s, resolve) for s in triple.sources]
                voice = voice if voice != "author" else "indirect"
            elif triple.unnamed and voice == "author":
                # "Israel stands accused of genocide": the outlet reports an accusation it does not make
                sources, voice = [UNNAMED], "indirect"
            else:
                sources = [speaker or "author"] if voice != "author" else ["author"]
            for target in dict.fromkeys(_target_text(t) for t in targets) if targets else [""]:
                for source in sources:
                    if triple.category == "harm_by_agent" and source == target:
                        continue  # a speaker reporting its own action ("the army said it shot down")
                    cues.append(
                        Cue(
                            article_id=sentence.article_id,
                            sentence_id=sentence.sentence_id,
                            dimension="blame",
                            category=triple.category,
                            text=text[start:end],
                            start=start,
                            end=end,
                            term=triple.term,
                            weight=triple.weight,
                            source_actor=source,
                            target_actor=target,
                            voice=voice,
                            detail=triple.detail,
                        )
                    )
        return _one_casing(cues)

    def _source_name(self, grammar: Grammar, sentence: Sentence, source: Named, resolve) -> str:
        """Who blames, with a pronoun subject ("he accused ...") named: an earlier actor, else the
        sentence's resolved speaker, else "unidentified" (never a bare pronoun)."""
        if source.canonical or source.actor not in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return source.actor
        named = self._resolve(grammar, source, resolve)
        if named.canonical or named.actor not in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return named.actor
        return sentence.values.get("speaker_actor") or "unidentified"

    @staticmethod
    def _resolve(grammar: Grammar, target: Named, resolve) -> Named:
        """A pronoun target named: an actor earlier in the sentence ("they" -> the group named before
        it), else in the sentences before (``resolve``), else the pronoun as written."""
        if target.canonical or target.actor not in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return target
        found = _antecedent_in(grammar, target.first, target.actor)
        if found is None and resolve is not None:
            found = resolve(target.actor)
        return found or target

    def __call__(self, doc: Doc) -> None:
        mentions = sentence_mentions(doc)
        proper = proper_words(doc)
        grammars: dict[int, Grammar] = {}

        def grammar_at(i: int) -> Grammar:
            if i not in grammars:
                earlier = doc.sentences[i]
                grammars[i] = grammar_for(earlier, mentions.get(earlier.sentence_id, ()), self.config, proper)
            return grammars[i]

        for index, sentence in enumerate(doc.sentences):
            cues: list[Cue] = []
            if sentence.tokens:
                grammar = grammar_for(sentence, mentions.get(sentence.sentence_id, ()), self.config, proper)

                def resolve(pronoun: str, index: int = index) -> Named | None:
                    # the last fitting actor of the few sentences before (built only when needed)
                    for i in range(index - 1, max(-1, index - 1 - ANTECEDENT_WINDOW), -1):
                        if doc.sentences[i].tokens:
                            found = _antecedent_in(grammar_at(i), len(doc.sentences[i].tokens), pronoun)
                            if found is not None:
                                return found
                    return None

                cues = self.sentence_cues(doc, sentence, grammar, resolve)
            doc.cues.extend(cues)
            cues = [c for c in cues if c.target_actor]  # an accusation aimed at no named actor is not blame
            voices = {"author" if c.voice == "author" else "attributed" for c in cues}
            sentence.values["blame"] = int(bool(cues))
            sentence.values["blame_score"] = float(sum(c.weight for c in {(c.start, c.term): c for c in cues}.values()))
            sentence.values["blame_targets"] = _join(c.target_actor for c in cues)
            sentence.values["blame_sources"] = _join(c.source_actor for c in cues)
            sentence.values["blame_voice"] = "both" if len(voices) == 2 else next(iter(voices), "")


def build(config: AnalysisConfig) -> BlameAnnotator:
    return BlameAnnotator(config)
