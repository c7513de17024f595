"""Tabular corpora: CSV, TSV, JSON Lines, JSON arrays and Parquet, one article per row.

Columns are recognised by their usual names (text/body/content, title/headline, date/published, ...)
or mapped explicitly (``--columns text=body,date=pub_date``). Columns that are not mapped travel with
the article as user metadata (e.g. country, leaning) and can be used as groupings.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path

import pandas as pd

from framing.errors import InputError, message
from framing.reading.build import build_article
from framing.types import Article, Skipped

FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "article_text", "full_text", "maintext", "story", "body_text"),
    "title": ("title", "headline", "heading", "head"),
    "published": ("published", "date", "publish_date", "published_at", "pub_date", "publication_date", "datetime", "timestamp", "date_publish"),
    "outlet": ("outlet", "source", "media_name", "publisher", "site", "sitename", "media", "newspaper", "domain"),
    "author": ("author", "authors", "byline", "writer"),
    "url": ("url", "link", "href", "permalink"),
    "section": ("section", "category", "desk"),
    "subtitle": ("subtitle", "standfirst", "description", "summary", "lede"),
    "id": ("id", "article_id", "doc_id", "guid", "uid", "stories_id"),
}


def parse_mapping(spec: str | None) -> dict[str, str]:
    """``"text=body,date=pub_date"`` -> {"text": "body", "published": "pub_date"} ("date" is an alias)."""
    if not spec:
        return {}
    mapping = {}
    for item in spec.split(","):
        field, _, column = item.partition("=")
        field = {"date": "published", "source": "outlet", "headline": "title"}.get(field.strip(), field.strip())
        if not column.strip() or field not in FIELDS:
            raise InputError(message("bad_mapping", item=item, fields=sorted([*FIELDS, "date"])))
        mapping[field] = column.strip()
    return mapping


def _resolve(columns: list[str], mapping: Mapping[str, str]) -> dict[str, str]:
    lower = {str(c).strip().lower(): c for c in columns}
    resolved = {}
    for field, names in FIELDS.items():
        if field in mapping:
            if mapping[field] not in columns:
                raise InputError(message("mapped_column_missing", column=mapping[field], field=field, columns=columns))
            resolved[field] = mapping[field]
            continue
        for name in names:
            if name in lower and lower[name] not in resolved.values():
                resolved[field] = lower[name]
                break
    if "text" not in resolved:
        raise InputError(message("no_text_column", candidates=", ".join(FIELDS["text"])))
    return resolved


def _records(path: Path, text: str | None) -> Iterator[tuple[int, object]]:
    """(row number, record) pairs; a record that is not a mapping is reported, not dropped."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        frame = pd.read_parquet(path)
        for number, record in enumerate(frame.to_dict("records"), start=1):
            yield number, record
    elif suffix in (".jsonl", ".ndjson"):
        for number, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                try:
                    yield number, json.loads(line)
                except json.JSONDecodeError as error:
                    yield number, InputError(message("bad_json_line", line=number, error=error.msg))
    elif suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(message("bad_json_line", line=error.lineno, error=error.msg)) from None
        if isinstance(data, dict):
            data = next((v for v in data.values() if isinstance(v, list)), [data])
        for number, record in enumerate(data, start=1):
            yield number, record
    else:
        delimiter = "\t" if suffix == ".tsv" else None
        if delimiter is None:
            try:
                delimiter = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|").delimiter
            except csv.Error:
                delimiter = ","
        csv.field_size_limit(2**31 - 1)
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        for number, record in enumerate(reader, start=2):  # row 1 is the header
            yield number, record


def read_table(
    path: Path,
    text: str | None,
    *,
    mapping: Mapping[str, str] | None = None,
    dayfirst: bool = True,
    warnings=(),
) -> Iterator[Article | Skipped]:
    """One Article per usable row, one Skipped per unusable row (naming the row and why)."""
    resolved: dict[str, str] | None = None
    label = "line" if path.suffix.lower() in (".jsonl", ".ndjson") else "row"
    for number, record in _records(path, text):
        item = f"{label} {number}"
        if isinstance(record, InputError):
            yield Skipped(str(path), item, str(record))
            continue
        if not isinstance(record, Mapping):
            yield Skipped(str(path), item, message("bad_json_record", row=number, kind=type(record).__name__))
            continue
        if resolved is None:
            resolved = _resolve(list(record.keys()), mapping or {})
        values = {field: record.get(column) for field, column in resolved.items()}
        body = values.get("text")
        if body is None or (isinstance(body, float) and pd.isna(body)) or not str(body).strip():
            yield Skipped(str(path), item, message("row_no_text", row=number, column=resolved["text"]))
            continue
        meta = {k: ("" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)) for k, v in values.items() if k != "text"}
        used = set(resolved.values())
        extra = {str(k): str(v) for k, v in record.items() if k not in used and v is not None and str(v).strip() and len(str(v)) <= 200}
        body_text = str(body).replace("\r\n", "\n").replace("\r", "\n")
        paragraphs = [p for p in body_text.split("\n\n")] if "\n\n" in body_text else body_text.split("\n")
        source = f"{path}#{label}={number}"
        try:
            yield build_article(paragraphs=paragraphs, meta=meta, source=source, warnings=warnings, dayfirst=dayfirst, extra=extra)
        except InputError as error:
            yield Skipped(str(path), item, str(error))
