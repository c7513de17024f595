"""Assembling an Article from what a reader found: metadata, headline block and body paragraphs."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence

from framing.errors import InputError, message
from framing.reading.dates import parse_date
from framing.types import Article

_SPACES = re.compile(r"[ \t]+")
# Work per sentence grows faster than its length (cue spans, quotation pairing), so text is bounded
# before segmentation: a stretch with no sentence end longer than MAX_SENTENCE_CHARS is cut at spaces
# into paragraphs of its own, and paragraphs are split between sentences into blocks of at most
# MAX_PARAGRAPH_CHARS. Both leave a warning on the article; no text is dropped.
MAX_SENTENCE_CHARS = 2_000
MAX_PARAGRAPH_CHARS = 20_000
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")


def _cut(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at a space where there is one."""
    pieces = []
    while len(text) > limit:
        at = text.rfind(" ", limit // 2, limit + 1)
        at = at if at > 0 else limit
        pieces.append(text[:at].strip())
        text = text[at:].strip()
    return [*pieces, text] if text else pieces


def bounded_paragraphs(paragraph: str) -> tuple[list[str], int, int]:
    """The paragraph as blocks with bounded sentences: (blocks, run-on stretches cut, paragraph splits)."""
    if len(paragraph) <= MAX_SENTENCE_CHARS:
        return [paragraph], 0, 0
    units, start = [], 0
    for match in _SENTENCE_END.finditer(paragraph):
        units.append(paragraph[start : match.end()])
        start = match.end()
    units.append(paragraph[start:])
    blocks: list[list[str]] = [[]]
    size = runs = splits = 0
    for unit in units:
        if len(unit.strip()) > MAX_SENTENCE_CHARS:
            runs += 1
            blocks += [[piece] for piece in _cut(unit.strip(), MAX_SENTENCE_CHARS)] + [[]]
            size = 0
            continue
        if blocks[-1] and size + len(unit) > MAX_PARAGRAPH_CHARS:
            blocks.append([])
            size = 0
            splits += 1
        blocks[-1].append(unit)
        size += len(unit)
    return [text for text in ("".join(block).strip() for block in blocks) if text], runs, splits


def clean_paragraph(text: str) -> str:
    """One paragraph on one line: inner line breaks and runs of spaces become single spaces."""
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def article_id_for(outlet: str, title: str, published: str, body: str) -> str:
    """A stable id from the content and metadata: the same article gets the same id in every run."""
    key = "\x1f".join([outlet.strip().lower(), title.strip(), published, clean_paragraph(body)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _headline(text: str, name: str, warnings: list[str]) -> str:
    """A headline line (analysed as one sentence), cut at MAX_SENTENCE_CHARS with a warning."""
    text = clean_paragraph(text)
    if len(text) > MAX_SENTENCE_CHARS:
        warnings.append(message("headline_cut", field=name, size=len(text), limit=MAX_SENTENCE_CHARS))
        text = _cut(text, MAX_SENTENCE_CHARS)[0]
    return text


def _same_line(paragraph: str, lines: Sequence[str]) -> bool:
    key = " ".join(paragraph.split()).casefold()
    return any(key == " ".join(line.split()).casefold() for line in lines)


def build_article(
    *,
    paragraphs: Sequence[str],
    meta: Mapping[str, str],
    source: str,
    warnings: Sequence[str] = (),
    dayfirst: bool = True,
    extra: Mapping[str, str] | None = None,
) -> Article:
    """Make an Article; raises InputError when no body text is left."""
    warnings = list(warnings)
    body_paragraphs, runs, splits = [], 0, 0
    for paragraph in (clean_paragraph(p) for p in paragraphs):
        if paragraph:
            blocks, cut, split = bounded_paragraphs(paragraph)
            body_paragraphs += blocks
            runs, splits = runs + cut, splits + split
    if not body_paragraphs:
        raise InputError(message("no_body"))
    if runs:
        warnings.append(message("sentence_split", count=runs, limit=MAX_SENTENCE_CHARS))
    if splits:
        warnings.append(message("paragraph_split", count=splits, limit=MAX_PARAGRAPH_CHARS))
    title = _headline(meta.get("title", ""), "title", warnings)
    subtitle = _headline(meta.get("subtitle", ""), "subtitle", warnings)
    published, published_at, modified_at = "", "", ""
    raw = str(meta.get("published", "") or "").strip()
    if raw:
        try:
            published, published_at = parse_date(raw, dayfirst=dayfirst)
        except ValueError:
            warnings.append(message("date_unparsed", value=raw))
    raw_modified = str(meta.get("modified", "") or "").strip()
    if raw_modified:
        try:
            modified_day, modified_at = parse_date(raw_modified, dayfirst=dayfirst)
            modified_at = modified_at or modified_day
        except ValueError:
            warnings.append(message("date_unparsed", value=raw_modified))
    head = [p for p in (title, subtitle) if p]
    while len(body_paragraphs) > 1 and _same_line(body_paragraphs[0], head):
        body_paragraphs.pop(0)  # the headline repeated as the body's first paragraph, as some exports do
    text = "\n\n".join(head + body_paragraphs)
    body_start = len("\n\n".join(head)) + 2 if head else 0
    outlet = clean_paragraph(meta.get("outlet", ""))
    body = text[body_start:]
    return Article(
        article_id=article_id_for(outlet, title, published, body),
        text=text,
        body_start=body_start,
        title=title,
        subtitle=subtitle,
        outlet=outlet,
        published=published,
        published_at=published_at,
        modified_at=modified_at,
        author=clean_paragraph(meta.get("author", "")),
        section=clean_paragraph(meta.get("section", "")),
        dateline=clean_paragraph(meta.get("dateline", "")),
        url=str(meta.get("url", "") or "").strip(),
        source=source,
        warnings=tuple(warnings),
        extra=tuple(sorted((str(k), str(v)) for k, v in (extra or {}).items())),
    )
