"""Plain-text news articles in wire style: a header (headline, section, outlet, dates, byline),
optional photo caption and dateline, body paragraphs, and trailing furniture (related links, notices).

Which lines are furniture is decided by the rules in ``lexicons/boilerplate.tsv`` plus a few layout
facts that hold across wire services: the headline is the first long header line, a photo caption
that repeats the headline follows the byline, and a bullet list at the very end is related links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from framing.reading.boilerplate import Boilerplate
from framing.reading.build import build_article
from framing.types import Article

_BULLET = re.compile(r"^\s*(?:[-•*–]\s+)")
HEADER_LINES = 15
FOOTER_LINES = 8


@dataclass
class _Line:
    index: int
    raw: str
    core: str  # without a leading bullet
    bullet: bool
    role: str = ""
    groups: dict[str, str] = field(default_factory=dict)


def _words(text: str) -> int:
    return len(text.split())


def _looks_like_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", '"', "”", "’", "'"))


def read_text_article(text: str, *, source: str, rules: Boilerplate, dayfirst: bool = True, warnings=()) -> Article:
    raw_lines = text.split("\n")
    lines = [
        _Line(i, raw.rstrip(), _BULLET.sub("", raw).strip(), bool(_BULLET.match(raw)))
        for i, raw in enumerate(raw_lines)
        if raw.strip()
    ]
    header = {line.index for line in lines[:HEADER_LINES]}
    footer = {line.index for line in lines[-FOOTER_LINES:]} if len(lines) > 3 else set()
    meta: dict[str, str] = {}

    def zones(line: _Line) -> list[str]:
        found = [z for z, members in (("header", header), ("footer", footer)) if line.index in members]
        return found or ["body"]

    # 1. metadata lines, notices, captions and related links anywhere the rules allow
    header_meta: list[_Line] = []
    for line in lines:
        places = zones(line)
        where = places[-1]
        for place in places:
            found = rules.match("meta", line.core, place) if place != "body" else None
            if found:
                line.role = "meta"
                if place == "header":
                    header_meta.append(line)
                for key, value in found.groupdict().items():
                    if value and value.strip() and key not in meta:
                        meta[key] = value.strip()
                break
        if line.role:
            continue
        if rules.match("drop", line.core, where):
            line.role = "drop"
        elif rules.match("related", line.core, where):
            line.role = "related"
        elif rules.match("caption", line.core, where):
            line.role = "caption"

    # 2. the header: everything up to the last metadata line near the top
    end = header_meta[-1].index if header_meta else -1
    before = [line for line in lines if line.index < end and not line.role]
    if end < 0 and "title" not in meta and len(lines) > 1:
        first = lines[0]
        if _words(first.core) <= 30 and not first.role and (not _looks_like_sentence(first.core) or _words(first.core) <= 12):
            before = [first]
            end = first.index
    bullets = [line for line in before if line.bullet]
    for line in bullets:
        if rules.match("outlet", line.core, "header") and "outlet" not in meta:
            meta["outlet"] = line.core
            line.role = "outlet"
    unknown = [line for line in bullets if not line.role]
    if unknown:
        if "section" not in meta:
            meta["section"] = unknown[0].core
            unknown[0].role = "section"
        if len(unknown) > 1 and "outlet" not in meta:
            meta["outlet"] = unknown[-1].core
            unknown[-1].role = "outlet"
    for line in unknown:
        line.role = line.role or "header"
    plain = [line for line in before if not line.bullet]
    for line in plain:
        if rules.match("outlet", line.core, "header") and "outlet" not in meta:
            meta["outlet"] = line.core
            line.role = "outlet"
    plain = [line for line in plain if not line.role]
    if "title" not in meta:
        title_line = next((line for line in plain if _words(line.core) >= 4), plain[0] if plain else None)
        if title_line is not None:
            meta["title"] = title_line.core
            title_line.role = "title"
    for line in plain:
        if line.role:
            continue
        is_before_title = any(t.role == "title" and line.index < t.index for t in plain)
        if is_before_title and _words(line.core) <= 4 and "section" not in meta:
            meta["section"] = line.core
            line.role = "section"
        elif "subtitle" not in meta and _words(line.core) >= 4:
            meta["subtitle"] = line.core
            line.role = "subtitle"
        else:
            line.role = "header"

    body = [line for line in lines if line.index > end]
    # 3. right after the header: a caption repeating the headline, then a dateline
    title = meta.get("title", "")
    for line in body[:3]:
        if not line.role and title and line.core.startswith(title[: min(len(title), 40)]) and line.core != title:
            line.role = "caption"
    remaining = [line for line in body if not line.role]
    # a dateline standing alone on a line starts the body: short lines before it are photo captions
    for position, line in enumerate(remaining[:3]):
        if position and rules.match("dateline", line.core, "body") and line.core.isupper():
            for caption in remaining[:position]:
                caption.role = "caption"
            remaining = remaining[position:]
            break
    if remaining:
        first = remaining[0]
        found = rules.match("dateline", first.core, "body")
        if found and "dateline" not in meta:
            meta["dateline"] = found.group("dateline").strip(" ,")
            rest = first.core[found.end() :].strip()
            if rest:
                first.core = rest
            else:
                first.role = "dateline"

    # 4. the tail: related-link headings with their bullets, and a trailing bullet list
    in_related = False
    for line in body:
        if line.role == "related":
            in_related = True
        elif in_related and line.bullet:
            line.role = "related"
        elif not line.role:
            in_related = False
    for line in reversed(body):
        if line.role in ("drop", "meta", "related", "caption"):
            continue
        if line.bullet:
            line.role = "related"
            continue
        break

    # 5. body paragraphs: blank-line blocks when the body uses blank lines, otherwise one line each
    kept = [line for line in body if not line.role]
    first_index = kept[0].index if kept else 0
    last_index = kept[-1].index if kept else 0
    blank_separated = any(not raw_lines[i].strip() for i in range(first_index, last_index + 1))
    paragraphs: list[str] = []
    previous = None
    for line in kept:
        joined = (
            blank_separated
            and previous is not None
            and all(raw_lines[i].strip() for i in range(previous.index, line.index + 1))
        )
        if joined:
            paragraphs[-1] += " " + line.core
        else:
            paragraphs.append(line.core)
        previous = line
    return build_article(paragraphs=paragraphs, meta=meta, source=source, warnings=warnings, dayfirst=dayfirst)
