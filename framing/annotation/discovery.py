"""Actor discovery: the actors of one article, found in its text without any actor file.

1. **Names.** The name finder (``framing.annotation.names``) marks person, organisation, location and
   other names in every sentence. Titles before a person ("President", "Sen.") are kept as the
   person's titles, not as part of the name; dates, numbers, day and month names and function words
   never make a name; a title-case headline only contributes names its body also capitalises.
2. **Which names are actors.** People and organisations always; a place only when it acts (not after a
   preposition such as "in" or "from", not as a modifier of an ordinary noun: "Gaza ceasefire");
   a nationality word with an actor noun ("Israeli forces") and plural groups ("Democrats");
   a name with an institution ("Bashar al-Assad's government", "the Trump administration") becomes
   that institution: "Assad government", "Trump administration".
3. **Resolution within the article.** A person is named by the fullest name the article gives
   ("Antony Blinken"); a surname, or title + surname, resolves to the most recent person with that
   surname. An acronym resolves to the organisation whose initials it is ("FBI"). "the ministry",
   "the agency", "the committee" resolve to the most recent actor whose name contains the noun; "the
   spokesman", "the senator" to the most recent person introduced with that title; "he" / "she" to the
   subject person of the same or the previous sentences.
4. **Types** come from ``lexicons/actor_types.tsv`` (the rightmost type word of the name decides:
   "House Intelligence Committee" -> government), else person / state / organisation by the kind of
   name.

An actor set (``--actors``) then groups the discovered actors (see ``framing.annotation.actors``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from framing.annotation.actors import ActorMention
from framing.annotation.names import FUNCTION_WORDS, MONTHS, WEEKDAYS, NameSpan, proper_words
from framing.reading.lexicon import PhraseMatcher, make_entry, read_lexicon
from framing.reading.tokens import is_number
from framing.types import Sentence, Token

DISCOVERED_TYPES = (
    "person",
    "state",
    "government",
    "party",
    "armed_group",
    "international_body",
    "civil_society",
    "media",
    "company",
    "organisation",
)

# Closed classes of the local grammar (grammar, not vocabulary).
DETERMINERS = frozenset("the a an this that these those".split())
LOCATIVE = frozenset(
    "in at from to into near across throughout outside inside around toward towards within through via "
    "of off along across beyond between among".split()
)
TITLES = frozenset(
    """president presidents senator sen sens rep reps representative gov governor secretary minister prime
    premier chancellor general gen col colonel lt sgt dr mr mrs ms miss judge justice chairman chairwoman
    chair leader spokesman spokeswoman spokesperson ambassador envoy mayor king queen prince princess
    pope sheikh vice former candidate nominee rev attorney speaker chief director commander lord sir dame
    professor prof adviser advisor aide official deputy emir mediator negotiator researcher analyst lawyer
    economist activist correspondent reporter editor founder ceo executive manager coordinator delegate
    inspector commissioner lieutenant captain major sergeant officer admiral marshal sheriff detective""".split()
)
# prepositions after which a name is a place ("in Halvik", "near Ostrel"): a name seen there is a place
# everywhere in the article unless it is a person's full name
PLACE_PREPOSITIONS = frozenset("in at near inside outside across throughout around into to from".split())
PLACE_NOUNS = frozenset("capital city town village province region district besieged".split())
# nouns a person's or place's name can head as an institution: "Assad's government", "Trump campaign"
INSTITUTIONS = {
    "government": "government",
    "administration": "government",
    "regime": "government",
    "cabinet": "government",
    "campaign": "organisation",
    "forces": "government",
    "army": "government",
    "military": "government",
    "troops": "government",
    "authorities": "government",
    "officials": "government",
    "police": "government",
    "ministry": "government",
    "foundation": "civil_society",
    "delegation": "government",
    "negotiators": "government",
    "diplomats": "government",
    "soldiers": "government",
    "militants": "armed_group",
    "fighters": "armed_group",
}
# the noun of a definite reference to an earlier actor: "the ministry said"
REFERENCE_NOUNS = frozenset(
    """ministry department agency committee bureau court party campaign administration government army
    council commission organization organisation office movement regime union foundation coalition
    alliance network newspaper company group senate house military police authority""".split()
)
PERSON_PRONOUNS = frozenset({"he", "she"})
# institution nouns that are no name on their own ("the Senate" and "Congress" are)
GENERIC_NOUNS = (REFERENCE_NOUNS - {"senate", "house"}) | frozenset(
    "hospital clinic university police military office forces troops officials authorities".split()
)
# type words that end organisations' names and hardly ever a person's: a name the finder took for a
# person's but ending in one is the organisation's ("Boston Herald", "Congressional Hispanic Caucus")
ORGANISATION_HEADS = frozenset(
    """herald gazette tribune journal times magazine newspaper caucus party institute foundation university
    college association society council committee commission department ministry agency inc corp llc ltd
    plc holdings industries technologies airlines""".split()
)
# what follows the place of a dateline ("WASHINGTON —", "BEIRUT (Reuters)")
DATELINE_MARKS = frozenset({"—", "–", "-", "(", ":", "―"})
# titles that only a person bears (a name after one is a person's)
PERSON_TITLES = frozenset("president senator sen rep gov governor gen col dr mr mrs ms judge mayor king queen".split())
VERBISH = frozenset(
    """is are was were has have had will would could should may might must can did does do said says
    told tells says warned urged called accused blamed rejected denied announced added""".split()
)


@dataclass
class Entity:
    """One actor of the article as discovered: its fullest name, type, and the words it goes by."""

    name: str
    type: str
    kind: str  # PER / ORG / LOC / MISC / INST
    words: tuple[str, ...]
    titles: set[str] = field(default_factory=set)
    last_seen: int = -1  # token position (article-wide) of the latest mention
    labels: Counter = field(default_factory=Counter)  # the name finder's labels over its mentions

    @property
    def surname(self) -> str:
        return self.words[-1] if self.words else ""

    @property
    def initials(self) -> str:
        return "".join(w[0] for w in self.words if w not in {"of", "and", "the", "for", "&"} and w[:1].isalpha())


@dataclass
class Found:
    """A discovered mention before actor sets apply."""

    sentence: int
    first: int
    last: int
    entity: Entity
    how: str  # name / surname / acronym / reference / title / pronoun / institution


@dataclass(frozen=True)
class TypeLexicon:
    matcher: PhraseMatcher

    def type_of(self, name: str, kind: str) -> str:
        from framing.reading.tokens import tokenize

        tokens = tokenize(name)
        matches = self.matcher.find(tokens)
        # the rightmost type word decides, the longest on a tie
        found = max(matches, key=lambda m: (m.last, m.last - m.first)).entry.get("type") if matches else None
        if kind == "PER":
            whole = [m for m in matches if m.first == 0 and m.last == len(tokens) and len(tokens) > 1]
            if whole and whole[0].entry.get("type") != "place":
                return whole[0].entry.get("type")  # "al Qaeda" taken for a person: the lexicon knows it
            if len(tokens) > 1 and tokens[-1].lower in ORGANISATION_HEADS and found is not None:
                return found  # "Boston Herald" taken for a person
            return "person"
        if found is not None:
            return "state" if found == "place" and kind == "LOC" else found
        return {"LOC": "state", "MISC": "civil_society"}.get(kind, "organisation")


@lru_cache(maxsize=4)
def type_lexicon(user_dir: Path | None = None) -> TypeLexicon:
    rows = read_lexicon(
        "actor_types.tsv",
        user_dir,
        required=("term", "type"),
        optional=("note",),
        allowed={"type": DISCOVERED_TYPES + ("place",)},
    )
    return TypeLexicon(PhraseMatcher(make_entry(row["term"], {"type": row["type"]}) for row in rows))


def _is_word(token: Token) -> bool:
    return token.text[:1].isalnum()


def _readable(tokens: Sequence[Token]) -> str:
    text = ""
    for k, token in enumerate(tokens):
        joined = k == 0 or token.start == tokens[k - 1].end
        text += token.text if joined else " " + token.text
    return text


def _surname(word: str) -> str:
    """``al-Assad`` -> Assad: the name without an Arabic article particle."""
    head, dash, rest = word.partition("-")
    if dash and head.lower() in {"al", "el", "ad", "as", "an", "ar", "at", "az", "ash", "ul"} and rest[:1].isupper():
        return rest
    return word


def _initial_at(tokens: Sequence[Token], k: int) -> bool:
    """A middle initial at ``k``: one capital letter and its full stop, after a capitalised word."""
    return (
        0 < k < len(tokens) - 1
        and len(tokens[k].text) == 1
        and tokens[k].text.isupper()
        and tokens[k + 1].text == "."
        and tokens[k - 1].text[:1].isupper()
    )


def _name_words(text: str, person: bool) -> tuple[str, ...]:
    """The words a name is matched by: lower case, hyphens apart; a person's middle initials left out,
    so "Donald J. Trump" and "Donald Trump" are one name."""
    words = [w.lower() for w in text.replace("-", " - ").split() if w != "-"]
    if person and len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if not (len(w.rstrip(".")) == 1 and w[:1].isalpha())), words[-1]]
    return tuple(words)


def _title_case(tokens: Sequence[Token]) -> bool:
    words = [t for t in tokens if _is_word(t) and t.lower not in FUNCTION_WORDS]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.8 * len(words)


class ActorFinder:
    """Finds the actors of an article: ``find(sentences) -> mentions per sentence``."""

    def __init__(self, names, types: TypeLexicon):
        self.names = names  # a name finder: spans(tokens, proper) -> list[NameSpan]
        self.types = types

    # -- step 1 and 2: names that are actors ------------------------------------------------------

    def _clean(self, tokens: Sequence[Token], span: NameSpan) -> tuple[int, int, set[str], str] | None:
        a, b = span.first, span.last
        while a < b and (tokens[a].lower in FUNCTION_WORDS or tokens[a].lower in LOCATIVE or not _is_word(tokens[a])):
            a += 1  # "While Hamas", "The Senate", "Inside Halvik"
        while b > a and (not _is_word(tokens[b - 1]) or tokens[b - 1].lower in FUNCTION_WORDS | {"'s", "'"}):
            b -= 1
        titles: set[str] = set()
        label = span.label
        if a >= 2 and tokens[a - 1].lower in {"of", "for"} and tokens[a - 2].lower.rstrip(".") in TITLES:
            # "Secretary of [State Antony Blinken]": the first word completes the title
            if b - a <= 2:
                return None  # "Secretary of State", "Minister of Foreign Affairs": an office, no name
            titles.add(tokens[a - 2].lower.rstrip("."))
            a, label = b - 2, "PER"
        if label != "PER" and 2 <= b - a <= 4 and tokens[a].lower.rstrip(".") in TITLES:
            rest = _readable(tokens[a + 1 : b])
            if tokens[a].lower.rstrip(".") in PERSON_TITLES or self.types.type_of(rest, "ORG") == "organisation":
                label = "PER"  # "Senator Pike", "Mediator Mira Castell" taken for an organisation
        if (
            label != "PER"
            and any(_initial_at(tokens, k) and tokens[k + 2].text[:1].isupper() for k in range(a + 1, b - 2))
            and self.types.type_of(_readable(tokens[a:b]), "ORG") == "organisation"
        ):
            label = "PER"  # "Chief Justice Maren T. Holloway": a middle initial makes it a person's name
        if label == "PER":
            # "Army spokesman Piet Varnholt", "Secretary of State Marcus Olvenberg": the name follows the
            # last title word; the words before it are the role
            inside = [k for k in range(a, b - 1) if tokens[k].lower.rstrip(".") in TITLES]
            if inside:
                titles.update(tokens[k].lower.rstrip(".") for k in inside)
                a = inside[-1] + 1
                while a < b - 1 and not _is_word(tokens[a]):
                    a += 1
            j = a - 1
            while j >= 0 and (tokens[j].lower.rstrip(".") in TITLES or tokens[j].text == "."):
                if tokens[j].text != ".":
                    titles.add(tokens[j].lower.rstrip("."))
                j -= 1
        if a >= b:
            return None
        if any(tokens[k].text in {"v", "vs", "versus"} for k in range(a + 1, b - 1)):
            return None  # "Bush v. Gore": a court case, not an actor
        if a >= 1 and tokens[a - 1].text in {"al", "el"} and tokens[a - 1].end < tokens[a].start:
            a -= 1  # "al Qaeda", "el Sisi": the article particle belongs to the name
        words = [t for t in tokens[a:b] if _is_word(t)]
        if not words:
            return None
        if len(words) == 1 and words[0].lower in GENERIC_NOUNS and not words[0].text.isupper():
            return None  # "Agency", "Army" alone: a common noun, not a name
        if not any(t.text[:1].isupper() for t in words):
            return None
        if all(
            t.lower in FUNCTION_WORDS or t.lower in MONTHS or t.lower in WEEKDAYS or is_number(t) or len(t.text) < 2
            for t in words
        ):
            return None
        return a, b, titles, label

    @staticmethod
    def _acts(tokens: Sequence[Token], a: int, b: int) -> bool:
        """A place name used as an actor: not after a preposition, not modifying an ordinary noun."""
        if a > 0 and tokens[a - 1].lower in LOCATIVE:
            return False
        if b < len(tokens):
            after = tokens[b]
            if (
                after.text[:1].islower()
                and after.lower not in FUNCTION_WORDS
                and after.lower not in LOCATIVE
                and _is_word(after)
            ):
                # "Gaza ceasefire" (a modifier) versus "Israel rejected", "blamed Israel for ..."
                word = after.lower
                return word in VERBISH or word.endswith("ed") or (word.endswith("s") and not word.endswith("ss"))
            if after.text == "," and b + 1 < len(tokens) and tokens[b + 1].text[:1].isupper():
                return False  # "Doha, Qatar" / a dateline
        return True

    def _split(self, tokens: Sequence[Token], spans: Sequence[NameSpan]) -> list[NameSpan]:
        """"Pavel Dorn of Watchlight Rights" taken as one organisation: a person's two-word name before
        "of" (no institution word in it) and the organisation after it."""
        out = []
        for span in spans:
            words = [t.lower for t in tokens[span.first : span.last]]
            if span.label == "ORG" and "of" in words:
                k = span.first + words.index("of")
                before = tokens[span.first : k]
                if (
                    len(before) == 2
                    and all(t.text[:1].isupper() and t.text[1:].islower() for t in before)
                    and self.types.type_of(_readable(before), "ORG") == "organisation"
                    and before[0].lower.rstrip(".") not in TITLES
                    and k + 1 < span.last
                ):
                    out += [NameSpan(span.first, k, "PER"), NameSpan(k + 1, span.last, "ORG")]
                    continue
            out.append(span)
        return out

    @staticmethod
    def _join_initials(tokens: Sequence[Token], spans: Sequence[NameSpan]) -> list[NameSpan]:
        """"[Chief Justice John] [G. Roberts]": a name that starts with an initial continues the name
        just before it, whatever the finder called that; the two are one person's name."""
        out: list[NameSpan] = []
        for span in spans:
            if out and out[-1].last == span.first and _initial_at(tokens, span.first):
                out[-1] = NameSpan(out[-1].first, span.last, "PER")
                continue
            out.append(span)
        return out

    def _institution(self, tokens: Sequence[Token], a: int, b: int) -> tuple[int, str] | None:
        """``X's government`` / ``the Trump administration``: the end token and the head noun."""
        k = b
        if k < len(tokens) and tokens[k].lower in {"'s", "'"}:
            k += 1
        if k < len(tokens) and tokens[k].lower in INSTITUTIONS and tokens[k].text[:1].islower():
            return k + 1, tokens[k].lower
        return None

    def candidates(self, sentences: Sequence[Sentence], proper: frozenset[str], body_proper: frozenset[str]):
        """(sentence index, first, last, kind, words as written, titles, head) for every actor name."""
        out = []
        for index, sentence in enumerate(sentences):
            tokens = sentence.tokens
            headline = sentence.is_headline and _title_case(tokens)
            for span in self._split(tokens, self._join_initials(tokens, self.names.spans(tokens, proper))):
                cleaned = self._clean(tokens, span)
                if cleaned is None:
                    continue
                a, b, titles, kind = cleaned
                if (
                    index <= 2  # the headline, a subtitle and the first sentence
                    and a == 0
                    and b < len(tokens)
                    and tokens[b].text in DATELINE_MARKS
                    and all(t.text.isupper() for t in tokens[a:b] if _is_word(t))
                ):
                    continue  # "WASHINGTON —": a dateline, not an actor
                if headline and not all(t.text in body_proper for t in tokens[a:b] if _is_word(t)):
                    continue
                if self.types.type_of(_readable(tokens[a:b]), "ORG") == "place":
                    kind = "LOC"  # "Gaza Strip", "West Bank": a place, whatever the finder called it
                institution = self._institution(tokens, a, b) if kind in {"PER", "LOC", "MISC"} else None
                if institution is not None:
                    end, head = institution
                    core = _surname(tokens[b - 1].text) if kind == "PER" else _readable(tokens[a:b])
                    out.append((index, a, end, "INST", f"{core} {head}", titles, head, True, False))
                    continue
                acts = self._acts(tokens, a, b)
                at_place = False
                if b < len(tokens) and tokens[b].text[:1].islower() and self.types.type_of(tokens[b].lower, "ORG") == "place":
                    kind, acts = "LOC", False  # "the Brenna crossing", "the Jabalia camp"
                after = [t.lower for t in tokens[b : b + 3]]
                if after[:1] in (["'s"], ["'"]) and any(
                    self.types.type_of(w, "ORG") == "place" for w in after[1:]
                ):
                    at_place = True  # "Halvik's northern edge", "Gaza's outskirts"
                    kind = "LOC" if kind != "PER" or " " not in _readable(tokens[a:b]) else kind
                before = [t.lower for t in tokens[max(a - 3, 0) : a]]
                at_place = at_place or bool(before) and (
                    before[-1] in PLACE_PREPOSITIONS | PLACE_NOUNS
                    or (len(before) >= 2 and before[-1] in {"the", "of", ","} and before[-2] in PLACE_PREPOSITIONS | PLACE_NOUNS)
                )
                if kind == "ORG" and b - a == 1 and not acts and self.types.type_of(tokens[a].text, kind) == "organisation":
                    continue  # "the Gaza ceasefire": a one-word name of no known kind, modifying a noun
                if kind == "MISC":
                    words = [t for t in tokens[a:b] if _is_word(t)]
                    last = words[-1].text
                    plural_group = (
                        len(words) == 1 and last.endswith("s") and not last.endswith("ss") and last[:1].isupper()
                        and (b >= len(tokens) or not tokens[b].text[:1].isupper())
                        and not (a > 0 and tokens[a - 1].lower in LOCATIVE - {"of", "between", "among"})
                    )
                    if not plural_group:
                        continue
                out.append((index, a, b, kind, _readable(tokens[a:b]), titles, "", acts, at_place))
        return out

    # -- step 3: one entity per actor -----------------------------------------------------------

    def find(self, sentences: Sequence[Sentence]) -> list[list[Found]]:
        proper = proper_words([s.tokens for s in sentences])
        body_proper = proper_words([s.tokens for s in sentences if not s.is_headline])
        entities: list[Entity] = []
        by_sentence: list[list[Found]] = [[] for _ in sentences]
        offsets = []
        total = 0
        for sentence in sentences:
            offsets.append(total)
            total += len(sentence.tokens)
        raw = self.candidates(sentences, proper, body_proper)
        # fullest person names first, so a headline surname finds the body's full name
        full_names: dict[str, list[tuple[str, ...]]] = {}
        for _, _, _, kind, text, *_ in raw:
            if kind == "PER":
                words = _name_words(text, person=True)
                if len(words) > 1:
                    full_names.setdefault(words[-1], []).append(words)
        # a name seen as a place ("in Halvik") is a place throughout, unless it is a person's full name
        places = {
            text
            for _, _, _, kind, text, _, _, _, at_place in raw
            if at_place
            and (kind in {"LOC", "MISC", "ORG"} or (kind == "PER" and " " not in text and text.lower() not in full_names))
        }
        for index, a, b, kind, text, titles, head, acts, at_place in raw:
            if text in places and (
                kind != "ORG" or (" " not in text and self.types.type_of(text, kind) == "organisation")
            ):
                kind = "LOC"  # "in Halvik", "in Gaza": a place here, whatever the finder called it
            if kind == "LOC" and (not acts or at_place):
                continue
            words = _name_words(text, person=kind == "PER")
            entity, how = self._resolve(entities, kind, text, words, full_names)
            if entity is None:
                kind_type = INSTITUTIONS[head] if kind == "INST" else self.types.type_of(text, kind)
                entity = Entity(name=text, type=kind_type, kind=kind, words=words)
                entities.append(entity)
                how = "institution" if kind == "INST" else "name"
            entity.titles |= titles
            entity.labels[kind] += 1
            entity.last_seen = offsets[index] + a
            by_sentence[index].append(Found(index, a, b, entity, how))
        for entity in entities:
            # "Trump" tagged a person in most sentences and an organisation in one: a person
            if entity.kind in {"ORG", "LOC", "MISC"} and entity.labels["PER"] > entity.labels[entity.kind]:
                entity.kind, entity.type = "PER", "person"
        self._references(sentences, by_sentence, offsets)
        for found in by_sentence:
            found.sort(key=lambda f: f.first)
        return by_sentence

    def _resolve(self, entities, kind, text, words, full_names) -> tuple[Entity | None, str]:
        recent = sorted(entities, key=lambda e: -e.last_seen)
        for entity in recent:
            if entity.words == words:
                return entity, "name"
        if kind != "PER" and len(words) == 1:
            # a surname the name finder took for another kind of name
            for entity in recent:
                if entity.kind == "PER" and len(entity.words) > 1 and entity.words[-1] == words[0]:
                    return entity, "surname"
        if kind == "PER":
            # a fuller name of an earlier surname-only person: the entity takes the full name
            for entity in recent:
                if entity.kind == "PER" and len(entity.words) < len(words) and words[-len(entity.words) :] == entity.words:
                    fuller = full_names.get(words[-1], [])
                    if len({f for f in fuller}) <= 1 or entity.words != words[-1:]:
                        entity.name, entity.words = text, words
                        return entity, "name"
            for entity in recent:
                if entity.kind == "PER" and len(words) < len(entity.words) and entity.words[-len(words) :] == words:
                    return entity, "surname"
            if len(words) == 1:
                fuller = {f for f in full_names.get(words[0], [])}
                if len(fuller) == 1:  # a headline's surname before the body's full name
                    return None, "name"
                # a first name alone ("Donald"): the one person of the article with that first name
                known = [e for e in recent if e.kind == "PER" and len(e.words) > 1 and e.words[0] == words[0]]
                if len({e.name for e in known}) == 1:
                    return known[0], "surname"
        if kind in {"ORG", "PER"} and len(words) == 1 and text.isupper() and len(text) >= 2:
            for entity in recent:
                if entity.kind == "ORG" and entity.initials == words[0].replace(".", ""):
                    return entity, "acronym"
        if kind == "ORG" and len(words) > 1:
            initials = "".join(w[0] for w in words if w not in {"of", "and", "the", "for", "&"} and w[:1].isalpha())
            for entity in recent:
                if entity.kind == "ORG" and len(entity.words) == 1 and entity.words[0].replace(".", "") == initials:
                    entity.name, entity.words = text, words  # the acronym came first: take the full name
                    return entity, "name"
        return None, ""

    # -- references: "the ministry", "the spokesman", he / she ---------------------------------------

    def _references(self, sentences, by_sentence: list[list[Found]], offsets: list[int]) -> None:
        history: list[Found] = []  # found mentions in reading order
        for index, sentence in enumerate(sentences):
            tokens = sentence.tokens
            own = sorted(by_sentence[index], key=lambda f: f.first)
            taken = [False] * len(tokens)
            for f in own:
                for k in range(f.first, f.last):
                    taken[k] = True
            added: list[Found] = []
            for k, token in enumerate(tokens):
                if taken[k]:
                    continue
                word = token.lower
                if word in PERSON_PRONOUNS:
                    target = self._pronoun(index, k, own, history)
                    if target is not None:
                        added.append(Found(index, k, k + 1, target, "pronoun"))
                    continue
                if word not in DETERMINERS - {"a", "an"} or k + 1 >= len(tokens):
                    continue
                j = k + 1
                while j < len(tokens) and tokens[j].text[:1].islower() and _is_word(tokens[j]) and j - k <= 3:
                    if tokens[j].lower in REFERENCE_NOUNS or tokens[j].lower.rstrip(".") in TITLES:
                        break
                    j += 1
                if j >= len(tokens) or taken[j] or not tokens[j].text[:1].islower():
                    continue
                noun = tokens[j].lower
                if j + 1 < len(tokens) and (tokens[j + 1].text[:1].isupper() or tokens[j + 1].lower == "of"):
                    continue  # "the spokesman Idris Kael" / "the ministry of ...": not a back reference
                target = None
                before = history + [f for f in own if f.last <= k]
                if noun in REFERENCE_NOUNS:
                    target = next(
                        (f.entity for f in reversed(before) if f.entity.kind != "PER" and noun in f.entity.words),
                        None,
                    )
                elif noun in TITLES and noun not in {"former", "vice", "mr", "mrs", "ms", "dr"}:
                    target = next(
                        (f.entity for f in reversed(before) if f.entity.kind == "PER" and noun in f.entity.titles),
                        None,
                    )
                if target is not None:
                    added.append(Found(index, k + 1, j + 1, target, "reference"))
                    for m in range(k, j + 1):
                        taken[m] = True
            for f in added:
                f.entity.last_seen = offsets[index] + f.first
            by_sentence[index].extend(added)
            history.extend(sorted(by_sentence[index], key=lambda f: f.first))

    @staticmethod
    def _pronoun(index: int, k: int, own: Sequence[Found], history: Sequence[Found]) -> Entity | None:
        """he / she: the nearest person earlier in the sentence, else the first person (the subject) of
        the latest of the three sentences before that names one."""
        for f in reversed(own):
            if f.last <= k and f.entity.kind == "PER":
                return f.entity
        for back in range(1, 4):
            persons = [f for f in history if f.sentence == index - back and f.entity.kind == "PER" and f.how != "pronoun"]
            if persons:
                return persons[0].entity
            pronouns = [f for f in history if f.sentence == index - back and f.how == "pronoun"]
            if pronouns:
                return pronouns[0].entity
        return None


def mentions_of(found: Sequence[Found], tokens: Sequence[Token], text: str) -> list[ActorMention]:
    """Discovered mentions as ActorMentions (the actor is the entity's name until a set groups it)."""
    out = []
    for f in found:
        first, last = tokens[f.first], tokens[f.last - 1]
        out.append(
            ActorMention(
                first.start,
                last.end,
                text[first.start : last.end],
                f.entity.name,
                f.entity.type,
                f.first,
                f.last,
                name=f.entity.name,
                how=f.how,
            )
        )
    return out
