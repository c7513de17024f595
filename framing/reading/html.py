"""HTML pages through trafilatura: main text, title, date, author and site name."""

from __future__ import annotations

import trafilatura

from framing.errors import InputError, message
from framing.reading.build import build_article
from framing.types import Article


def read_html_article(html: str, *, source: str, dayfirst: bool = True, warnings=()) -> Article:
    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    document = document.as_dict() if document is not None else None
    if not document or not (document.get("text") or "").strip():
        raise InputError(message("no_body"))
    paragraphs = [p for p in document["text"].split("\n") if p.strip()]
    title = document.get("title") or ""
    if paragraphs and paragraphs[0].strip() == title.strip():
        paragraphs = paragraphs[1:]
    meta = {
        "title": title,
        "subtitle": document.get("description") or "",
        "outlet": document.get("sitename") or document.get("hostname") or "",
        "author": document.get("author") or "",
        "published": document.get("date") or "",
        "section": ", ".join(document.get("categories") or []) if isinstance(document.get("categories"), list) else "",
        "url": document.get("url") or "",
    }
    if meta["subtitle"] and paragraphs and paragraphs[0].startswith(meta["subtitle"][:40]):
        meta["subtitle"] = ""
    return build_article(paragraphs=paragraphs, meta=meta, source=source, warnings=warnings, dayfirst=dayfirst)
