"""Assembling an Article from what a reader found: metadata, headline block and body paragraphs."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence

from framing.errors import InputError, message
from framing.reading.dates import parse_date
from framing.types import Article

_SPACES = re.compile(r"[ \t]+")


def clean_paragraph(text: str) -> str:
    """One paragraph on one line: inner line breaks and runs of spaces become single spaces."""
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def article_id_for(outlet: str, title: str, published: str, body: str) -> str:
    """A stable id from the content and metadata: the same article gets the same id in every run."""
    key = "\x1f".join([outlet.strip().lower(), title.strip(), published, clean_paragraph(body)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


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
    body_paragraphs = [p for p in (clean_paragraph(p) for p in paragraphs) if p]
    if not body_paragraphs:
        raise InputError(message("no_body"))
    title = clean_paragraph(meta.get("title", ""))
    subtitle = clean_paragraph(meta.get("subtitle", ""))
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
