"""A synthetic corpus for the scale benchmarks: varied wire-style articles about a fictional conflict,
in the three header styles of the sample corpus, built from sentence templates with random slots.

Every article is different (its own figures, places, speakers, quotes and order of paragraphs), so
article ids never collide, and the sentences carry the things the annotators look for: named actors,
direct and reported speech, blame, hedged and boosted figures, evaluative words and agentless
passives. The same seed always gives the same corpus.

    python benchmarks/corpus.py OUT_DIR --articles 20000 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path


@dataclass(frozen=True)
class Side:
    name: str
    adjective: str
    forces: tuple[str, ...]
    speakers: tuple[tuple[str, str], ...]  # (title and name, short name)


SIDES = (
    Side(
        "Valdoria",
        "Valdorian",
        ("the Valdorian army", "Valdorian forces", "Valdorian troops", "Merrow"),
        (
            ("Defence Minister Kaspar Holm", "Holm"),
            ("army spokesman Col. Piet Amsel", "Amsel"),
            ("President Anton Dresk", "Dresk"),
            ("Foreign Minister Lena Marrin", "Marrin"),
        ),
    ),
    Side(
        "the Karesh Front",
        "Front",
        ("the Karesh Front", "Front fighters", "the Front", "Front units"),
        (
            ("Front spokesman Idris Kael", "Kael"),
            ("Front commander Soren Vatan", "Vatan"),
            ("chief negotiator Dr. Amara Lenk", "Lenk"),
        ),
    ),
)
MEDIATORS = (
    ("Ardenian Foreign Minister Mira Castell", "Castell"),
    ("Federation of Nations envoy Dr. Helena Roussel", "Roussel"),
    ("a Watchlight Rights researcher, Pavel Dorn,", "Dorn"),
)
PLACES = (
    "Halvik",
    "Ostrel",
    "Kesser",
    "Brenna",
    "Tamsin",
    "Kovar",
    "Lisnet",
    "Marrowgate",
    "Tolvern",
    "Druhan",
    "Serrat",
    "Vellin",
    "Okhar",
    "Pennith",
    "Aldsmoor",
    "Cray Hollow",
    "Rusk",
    "Ebbren",
    "Sallow Point",
    "Nimra",
)
TARGETS = (
    "a market",
    "a school annex",
    "a water station",
    "a bakery",
    "a residential block",
    "a clinic",
    "a fuel depot",
    "a bus terminal",
    "a grain store",
    "a mosque",
    "a church hall",
    "a power substation",
    "a refugee shelter",
    "a bridge",
    "a hospital wing",
    "a checkpoint",
)
ATTACKS = (
    "shelling",
    "air strike",
    "rocket attack",
    "drone strike",
    "artillery barrage",
    "mortar fire",
    "raid",
)
VERBS_ACTIVE = ("struck", "shelled", "bombed", "hit", "pounded", "targeted", "destroyed", "fired on")
VERBS_PASSIVE = ("was struck", "was hit", "was destroyed", "was damaged", "came under fire", "was shelled")
LOADED = (
    "relentless",
    "brutal",
    "indiscriminate",
    "savage",
    "ruthless",
    "deadly",
    "reckless",
    "cynical",
    "heavy-handed",
    "merciless",
    "cowardly",
    "shameful",
)
NEUTRAL_ADJ = ("overnight", "early-morning", "renewed", "latest", "sustained", "fresh", "second")
HEDGES = (
    "at least",
    "an estimated",
    "up to",
    "nearly",
    "around",
    "roughly",
    "more than",
    "as many as",
)
HEDGE_PHRASES = (
    "The figures could not be independently verified.",
    "The toll may rise further, officials said.",
    "It was not immediately clear who fired first.",
    "The account could not be confirmed.",
    "Casualty figures from the area appear to be incomplete.",
    "Some of the dead were reportedly civilians.",
)
BOOSTERS = ("clearly", "undoubtedly", "without question", "beyond doubt", "plainly")
REPORTING = (
    "said",
    "told reporters",
    "said in a statement",
    "claimed",
    "insisted",
    "argued",
    "added",
    "noted",
    "warned",
    "alleged",
    "acknowledged",
    "stressed",
)
ACCUSE = ("accused", "blamed", "held responsible", "condemned")
HUMANITARIAN = (
    "Aid agencies said food stocks in {place} would last {n} more days.",
    "An aid convoy of {n} trucks reached {place} on {weekday}, the F.N. Relief Agency said.",
    "Hospitals in {place} were running on generators after the power station was damaged.",
    "About {big} people remain in {place}, according to F.N. estimates.",
    "Open Hands International said it had suspended deliveries to {place} for {n} days.",
)
DIPLOMACY = (
    "Talks in Solenne are due to resume on {weekday}, Ardenian officials said.",
    "Ardenia has offered to host a new round of negotiations in Solenne.",
    "The Federation of Nations called on both sides to respect the ceasefire.",
    "Mediators said a prisoner exchange could be agreed within {n} days.",
    "Diplomats familiar with the talks said progress had been slow.",
)
BACKGROUND = (
    "The conflict began in 2023 when the Front seized parts of Karesh.",
    "More than {big} people have been displaced since the fighting began, aid groups say.",
    "The siege of Halvik has lasted more than {n} months.",
    "A humanitarian pause agreed in the spring collapsed after {n} days.",
    "Both sides have traded accusations of attacks on civilians throughout the war.",
)
QUOTES = (
    "There were no fighters in that street, only families.",
    "Our units responded to fire coming from the district.",
    "This is a crime, and the world is watching.",
    "We will not negotiate under the pressure of propaganda.",
    "The ball is in their court.",
    "Every pause has been used to rearm.",
    "We are ready to talk, but not while the guns are firing.",
    "They fired and fired until the sun came up.",
    "We have no information about civilian casualties.",
    "The evidence is clear and it points in one direction.",
    "Nobody can say how many people are still under the rubble.",
    "We urge maximum restraint from all parties.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SECTIONS = ("World", "Europe", "Conflict", "Politics", "International")
FIRST = ("Rana", "Selin", "Tomas", "Ilse", "Mara", "Jonah", "Petra", "Oren", "Katya", "Luca", "Nadia", "Emil")
LAST = ("Osk", "Arvad", "Calloway", "Vehn", "Marr", "Telgar", "Ostby", "Brandt", "Quill", "Sorensen", "Hale")
OUTLETS = (
    ("Eastgate Herald", "A", "loaded"),
    ("Northbridge Daily News", "B", "balanced"),
    ("Compass Wire", "C", "cautious"),
    ("Harbour Times", "A", "balanced"),
    ("Meridian Post", "B", "loaded"),
    ("Lantern Press Agency", "C", "cautious"),
)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _figure(rng: random.Random, framing: str) -> str:
    number = rng.choice((rng.randint(2, 40), rng.randint(40, 400)))
    if framing == "cautious" or rng.random() < 0.3:
        return f"{rng.choice(HEDGES)} {number}"
    return str(number)


def _speaker(rng: random.Random, side: Side | None = None) -> tuple[str, str]:
    if side is None:
        return rng.choice(MEDIATORS)
    return rng.choice(side.speakers)


def _attack_paragraph(
    rng: random.Random, framing: str, attacker: Side, victim: Side, place: str
) -> list[str]:
    attack = rng.choice(ATTACKS)
    target = rng.choice(TARGETS)
    killed = _figure(rng, framing)
    sentences = []
    if framing == "loaded":
        sentences.append(
            f"{rng.choice(attacker.forces).capitalize() if attacker.forces[0][0].islower() else rng.choice(attacker.forces)} "
            f"{rng.choice(VERBS_ACTIVE)} {target} in {place} in a {rng.choice(LOADED)} {attack}, killing {killed} "
            f"civilians, {rng.choice(('most of them', 'several of them', 'some of them'))} children."
        )
        sentences.append(
            f"It was the most {rng.choice(LOADED)} attack on {place} in {rng.randint(2, 11)} weeks."
        )
    elif framing == "cautious":
        sentences.append(
            f"{killed.capitalize()} people were reported killed when {target} in {place} "
            f"{rng.choice(VERBS_PASSIVE)} during the {rng.choice(NEUTRAL_ADJ)} {attack}, according to local officials."
        )
        sentences.append(rng.choice(HEDGE_PHRASES))
    else:
        sentences.append(
            f"{rng.choice(NEUTRAL_ADJ).capitalize()} {attack} hit {target} in {place} on {rng.choice(WEEKDAYS)}, "
            f"killing {killed} people, the {victim.adjective} side said."
        )
        sentences.append(
            f"{attacker.name.replace('the ', 'The ', 1)} said it had targeted {victim.adjective.lower()} positions."
        )
    if rng.random() < 0.5:
        sentences.append(
            f"Another {rng.randint(3, 90)} people were wounded, {rng.choice(('medics', 'residents', 'officials'))} said."
        )
    return sentences


def _quote_paragraph(rng: random.Random, framing: str, speaker_side: Side | None, other: Side) -> list[str]:
    full, short = _speaker(rng, speaker_side)
    quote = rng.choice(QUOTES)
    verb = rng.choice(REPORTING)
    style = rng.random()
    if style < 0.35:
        return [f'"{quote[:-1]}," {full} {verb}.']
    if style < 0.6:
        second = rng.choice([q for q in QUOTES if q != quote])
        return [
            f"{full} {verb}: \u201c{quote} {second}\u201d",
            f"\u201cWe will keep saying it,\u201d {short} added.",
        ]
    if style < 0.85:
        accuse = rng.choice(ACCUSE)
        preposition = "of" if accuse == "accused" else "for"
        blame = f"held {other.name} responsible" if accuse == "held responsible" else f"{accuse} {other.name}"
        return [
            f"{full} {blame} {preposition} {rng.choice(('attacking civilians', 'breaking the truce', 'shelling homes', 'blocking aid'))}, "
            f"saying the {rng.choice(('attack', 'strike', 'violation'))} was {rng.choice(BOOSTERS)} deliberate."
        ]
    return [
        f"{short} {verb} that {other.name} {rng.choice(('bore responsibility', 'was to blame', 'had lied about the strike'))}."
    ]


def _body(rng: random.Random, framing: str) -> tuple[str, str, list[list[str]]]:
    attacker, victim = rng.sample(SIDES, 2)
    place = rng.choice(PLACES)
    slots = {
        "place": place,
        "weekday": rng.choice(WEEKDAYS),
        "n": rng.randint(2, 30),
        "big": f"{rng.randint(20, 400)},000",
    }
    paragraphs = [_attack_paragraph(rng, framing, attacker, victim, place)]
    for _ in range(rng.randint(6, 12)):
        kind = rng.random()
        if kind < 0.4:
            side = rng.choice((*SIDES, None))
            other = victim if side is attacker else attacker
            paragraphs.append(_quote_paragraph(rng, framing, side, other))
        elif kind < 0.55:
            paragraphs.append(
                [rng.choice(HUMANITARIAN).format(**slots), rng.choice(HEDGE_PHRASES)][: rng.randint(1, 2)]
            )
        elif kind < 0.7:
            paragraphs.append([rng.choice(DIPLOMACY).format(**slots)])
        elif kind < 0.85:
            paragraphs.append([line.format(**slots) for line in rng.sample(BACKGROUND, 2)])
        else:
            paragraphs.append(_attack_paragraph(rng, framing, attacker, victim, rng.choice(PLACES)))
    title = rng.choice(
        (
            f"{rng.choice(ATTACKS).capitalize()} kills {rng.randint(3, 60)} in {place}",
            f"{attacker.adjective} {rng.choice(ATTACKS)} on {place} draws condemnation",
            f"Talks stall as fighting around {place} intensifies",
            f"Aid groups warn of shortages in {place} after {rng.choice(ATTACKS)}",
            f"{victim.adjective} officials blame {attacker.name} for deaths in {place}",
        )
    )
    subtitle = f"{rng.choice(('Officials', 'Residents', 'Medics'))} say {rng.randint(2, 90)} people were wounded in {place}."
    return title, subtitle, paragraphs


def article_text(number: int, seed: int = 7) -> tuple[str, str]:
    """(file name, text) of article ``number`` of the corpus made with ``seed``."""
    rng = random.Random(seed * 1_000_003 + number)
    outlet, style, framing = rng.choice(OUTLETS)
    day = date(2024, 1, 1) + timedelta(days=rng.randint(0, 729))
    title, subtitle, paragraphs = _body(rng, framing)
    place = rng.choice(PLACES).upper()
    author = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    section = rng.choice(SECTIONS)
    body = [" ".join(s[0].upper() + s[1:] for s in p) for p in paragraphs]
    hour, minute = rng.randint(0, 23), rng.randint(0, 59)
    if style == "A":
        body[0] = f"{place}, {MONTHS[day.month - 1][:3]}. {day.day} \u2014 {body[0]}"
        related = [
            f"- {rng.choice(ATTACKS).capitalize()} reported near {rng.choice(PLACES)}"
            for _ in range(rng.randint(2, 4))
        ]
        lines = [
            title,
            f"- {section}",
            f"- {outlet}",
            f"- Published Date: {hour:02d}:{minute:02d} | {day.day} {MONTHS[day.month - 1]} {day.year}",
            f"- Modified Date: {hour:02d}:{minute:02d} | {day.day} {MONTHS[day.month - 1]} {day.year}",
            *body,
            *related,
        ]
        text = "\n".join(lines) + "\n"
    elif style == "B":
        stamp = f"{day.day:02d}.{day.month:02d}.{day.year}"
        lines = [
            section.upper(),
            title,
            subtitle,
            f"{author}  | {stamp} - Update : {stamp}",
            f"Residents gather outside {rng.choice(TARGETS)} in {place.title()} on {MONTHS[day.month - 1]} {day.day}, {day.year}.",
            place,
            *body,
            f"{outlet} website contains only a portion of the stories offered to subscribers.",
        ]
        text = "\n\n".join(lines) + "\n"
    else:
        body[0] = f"{place}, Valdoria ({outlet}) \u2014 {body[0]}"
        header = (
            f"Title: {title}\nOutlet: {outlet}\nDate: {day.isoformat()}\nAuthor: {author}\nSection: {section}"
        )
        text = (
            header + "\n\n" + "\n\n".join(body) + f"\n\nCopyright {day.year} {outlet}. All rights reserved.\n"
        )
    slug = outlet.lower().replace(" ", "-")
    return f"{day.isoformat()}_{slug}_{number:07d}.txt", text


def write_corpus(folder: str | Path, articles: int, *, seed: int = 7, per_folder: int = 1000) -> Path:
    """Write ``articles`` files into ``folder`` (sub-folders of ``per_folder`` files); returns the folder."""
    folder = Path(folder)
    for number in range(articles):
        name, text = article_text(number, seed)
        target = folder / f"part-{number // per_folder:05d}" / name
        if number % per_folder == 0:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the articles into")
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    write_corpus(args.out, args.articles, seed=args.seed)
    print(
        f"wrote {args.articles} articles to {args.out} in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
