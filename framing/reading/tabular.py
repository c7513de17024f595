"""Tabular corpora: CSV, TSV, JSON Lines, JSON arrays and Parquet, one article per row.

Columns are recognised by their usual names (text/body/content, title/headline, date/published, ...)
or mapped explicitly (``--columns text=body,date=pub_date``). Columns that are not mapped travel with
the article as user metadata (e.g. country, leaning) and can be used as groupings.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from framing.errors import InputError, message
from framing.reading.build import build_article
from framing.reading.dates import parse_date
from framing.reading.encoding import FALLBACK, FallbackCounter, normalise_text, open_text
from framing.schema import ARTICLE_COLUMNS
from framing.types import Article, Skipped

FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "article_text", "full_text", "maintext", "story", "body_text", "paragraphs", "body_paragraphs", "body-paragraphs"),
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


CSV_FIELD_LIMIT = 10 * 1024 * 1024  # characters: a longer field is an unclosed quote, not an article
# Article columns the tool fills itself (plus the store's bookkeeping columns, see
# framing.storage.store.BOOKKEEPING): a metadata column of the same name is kept as ``meta_<name>``.
RESERVED_COLUMNS = frozenset({c.name for c in ARTICLE_COLUMNS} | {"language", "analysis_version", "analysis_run", "row_seq"})
METADATA_LIMIT = 200  # characters: longer metadata values are left out (with a warning)
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?!\d)")
DATE_FIELDS = ("published", "modified")


class _Lines:
    """The physical lines of a text stream, handed to the csv module one at a time, with the lines of
    the record being parsed kept so that a record that turns out to be broken can be re-read from its
    second line on."""

    def __init__(self, stream: Iterator[str]):
        self.stream = stream
        self.replay: deque[str] = deque()
        self.taken: list[str] = []
        self.line = 0  # physical lines handed out so far

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.replay.popleft() if self.replay else next(self.stream)
        self.taken.append(line)
        self.line += 1
        return line

    def start_record(self) -> int:
        self.taken = []
        return self.line + 1

    def rewind_after_first(self, first_line: int) -> None:
        """Give back every line of the broken record but its first."""
        self.replay.extendleft(reversed(self.taken[1:]))
        self.line = first_line


def _csv_rows(stream: Iterator[str], delimiter: str) -> Iterator[tuple[int, list[str] | str]]:
    """(first line, fields) per record; (first line, problem) for a record the strict csv parser
    refuses, after which parsing resumes on the record's second line."""
    lines = _Lines(stream)
    csv.field_size_limit(CSV_FIELD_LIMIT)
    while True:
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        while True:
            first = lines.start_record()
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                text = str(error)
                unclosed = "unexpected end of data" in text or "field larger than field limit" in text
                yield first, ("unclosed" if unclosed else f"{lines.line}\x1f{text}")
                lines.rewind_after_first(first)
                break  # a new reader: the old one's state is undefined after an error
            if fields:
                yield first, fields


def _unique_header(fields: list[str]) -> list[str]:
    """Header names with empty ones named by position and repeats numbered (none may hide another)."""
    names: list[str] = []
    for index, name in enumerate(fields, start=1):
        name = name.strip() or f"column_{index}"
        base, number = name, 2
        while name in names:
            name, number = f"{base}_{number}", number + 1
        names.append(name)
    return names


def _shape(value: str) -> str:
    """A value's character classes, runs collapsed: '1042' -> '9', 'AA-2024-17' -> 'A-9-9'."""
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[A-Z]", "A", re.sub(r"[a-z]", "a", re.sub(r"[0-9]", "9", value))))


_SHAPES_NEEDED = 2  # rows whose first fields share one shape before a line inside a field is suspected


def _embedded_rows(fields: list[str], header: list[str], delimiter: str, shape: str) -> tuple[int, str, str] | None:
    """(lines into the record, column, start) of the first line inside a multi-line field that begins the
    way the file's rows begin: the sign of a quote left open that swallowed the rows after it. A row
    begins with a first field of the shape every row so far has (an identifier or a date) and the
    delimiter; plain numbers, which also open paragraphs ("1,200 people"), count only as the next
    number of a numbered file (the row's own first field plus one)."""
    expected = str(int(fields[0]) + 1) if shape == "9" and fields[0].isdigit() else None
    offset = 0
    for column, value in zip(header, fields, strict=False):
        lines = value.split("\n")
        for index, line in enumerate(lines[1:], start=1):
            head, found, _ = line.partition(delimiter)
            if not (found and head and len(head) <= 40 and _shape(head) == shape):
                continue
            if expected is None or head == expected:
                return offset + index, column, f"{head}{delimiter}"
        offset += len(lines) - 1
    return None


def _csv_records(path: Path, stream: Iterator[str]) -> Iterator[tuple[int, object, list[str]]]:
    sample = stream.read(20000)
    stream.seek(0)
    if path.suffix.lower() == ".tsv":
        delimiter = "\t"
    else:
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    header: list[str] | None = None
    number = 1  # row 1 is the header; rows are records, numbered as a spreadsheet shows them
    shapes: set[str] = set()  # shapes of the first field (identifiers, dates) of the rows read so far
    shaped = 0
    for first, fields in _csv_rows(stream, delimiter):
        if header is None:
            if isinstance(fields, str):
                raise InputError(message("csv_malformed", row=1, line=first, error="the header cannot be parsed"))
            header = _unique_header(fields)
            continue
        number += 1
        if isinstance(fields, str):
            if fields == "unclosed":
                yield number, InputError(message("csv_unclosed", row=number, line=first)), []
            else:
                line, _, error = fields.partition("\x1f")
                yield number, InputError(message("csv_malformed", row=number, line=line, error=error)), []
            continue
        if len(fields) > len(header):
            yield number, InputError(message("csv_surplus", row=number, found=len(fields), expected=len(header))), []
            continue
        notes = []
        common = next(iter(shapes)) if len(shapes) == 1 else ""  # identifiers or dates: shapes with digits
        if "9" in common and (common == "9" or shaped >= _SHAPES_NEEDED) and any("\n" in value for value in fields):
            embedded = _embedded_rows(fields, header, delimiter, common)
            if embedded is not None:
                lines_in, column, start = embedded
                notes.append(message("csv_embedded_row", row=number, line=first + lines_in, column=column, start=start))
        if fields and fields[0] and "\n" not in fields[0]:
            shapes.add(_shape(fields[0]))
            shaped += 1
        if len(fields) < len(header):
            notes.append(message("csv_missing", row=number, found=len(fields), expected=len(header)))
            fields = fields + [""] * (len(header) - len(fields))
        yield number, dict(zip(header, fields, strict=True)), notes


def _records(path: Path) -> Iterator[tuple[int, object, list[str]]]:
    """(row number, record, warnings) triples, read as a stream; a record that is not a mapping, or a
    row that cannot be parsed (an InputError as record), is reported, not dropped. The warnings say
    how the row was decoded when that was a guess."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        number = 0
        with pq.ParquetFile(path) as table:
            for batch in table.iter_batches(batch_size=1024):
                for record in batch.to_pylist():
                    number += 1
                    yield number, record, []
        return
    stream, decoding = open_text(path)
    counter = FallbackCounter()
    file_notes = [decoding.note] if decoding.note else []

    def notes_for_row() -> list[str]:
        stray = counter.take()
        extra = [message("decoded_mixed", count=stray, fallback=FALLBACK)] if stray else []
        return file_notes + extra

    with stream:
        if suffix in (".jsonl", ".ndjson"):
            for number, line in enumerate(stream, start=1):
                notes = notes_for_row()
                if line.strip():
                    try:
                        yield number, json.loads(line), notes
                    except json.JSONDecodeError as error:
                        yield number, InputError(message("bad_json_line", line=number, error=error.msg)), notes
        elif suffix == ".json":
            try:
                data = json.loads(stream.read())
            except json.JSONDecodeError as error:
                raise InputError(message("bad_json_line", line=error.lineno, error=error.msg)) from None
            notes = notes_for_row()
            if isinstance(data, dict):  # a wrapper of records ({"articles": [{...}, ...]}) or one record
                data = next((v for v in data.values() if _is_record_list(v)), [data])
            elif not isinstance(data, list):
                data = [data]
            for number, record in enumerate(data, start=1):
                yield number, record, notes
        else:
            for number, record, notes in _csv_records(path, stream):
                yield number, record, notes_for_row() + notes


def _is_record_list(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, Mapping) for item in value)


def _paragraphs_of(value: list) -> list[str] | None:
    """The strings of a text field given as a list of paragraphs (lists of strings nested at any depth,
    as some exports hold paragraphs of sentences), or None when it holds anything else."""
    found: list[str] = []
    for item in value:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, list):
            inner = _paragraphs_of(item)
            if inner is None:
                return None
            found.append(" ".join(inner))
        elif not _is_missing(item):
            return None
    return found


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _clean(value: object) -> str:
    if isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
        value = "; ".join(str(item) for item in value if not _is_missing(item))  # a list of names or tags
    return "" if _is_missing(value) else normalise_text(str(value))


@dataclass
class _DateEvidence:
    """The first value of a date column that can only be day-first, and one that can only be month-first."""

    day_first: str = ""
    month_first: str = ""


def _order_of(value: str) -> tuple[bool | None, bool]:
    """(dayfirst decided by the value itself or None, whether the value is ambiguous at all)."""
    match = _NUMERIC_DATE.match(value)
    if not match:
        return None, False
    first, second = int(match.group(1)), int(match.group(2))
    if first > 12 and second <= 12:
        return True, False
    if second > 12 and first <= 12:
        return False, False
    return None, first != second and first <= 12 and second <= 12


def _resolver(mapping: Mapping[str, str]):
    cache: dict[tuple[str, ...], dict[str, str]] = {}

    def resolve(record: Mapping) -> dict[str, str]:
        key = tuple(str(k) for k in record)
        if key not in cache:
            cache[key] = _resolve(list(key), mapping)
        return cache[key]

    return resolve


def _date_evidence(path: Path, mapping: Mapping[str, str]) -> dict[str, tuple[str, _DateEvidence]]:
    """A first pass over the file: per date field, its column and the values that decide its order."""
    found: dict[str, tuple[str, _DateEvidence]] = {}
    resolve = _resolver(mapping)
    for _, record, _ in _records(path):
        if not isinstance(record, Mapping):
            continue
        try:
            resolved = resolve(record)
        except InputError:
            continue
        for field in DATE_FIELDS:
            column = resolved.get(field)
            if column is None:
                continue
            value = _clean(record.get(column)).strip()
            dayfirst, _ = _order_of(value)
            if dayfirst is None:
                continue
            evidence = found.setdefault(field, (column, _DateEvidence()))[1]
            if dayfirst and not evidence.day_first:
                evidence.day_first = value
            elif not dayfirst and not evidence.month_first:
                evidence.month_first = value
    return found


def _date(
    value: str, column: str, evidence: _DateEvidence | None, *, dayfirst: bool, infer: bool, warnings: list[str]
) -> str:
    """The date ``value`` as an ISO string (date-time when it has a time), read in the order its column
    shows; the raw value when it does not parse (build_article then warns), "" when the order cannot be
    told. Warnings say which order an ambiguous value was read in and why."""
    own, ambiguous = _order_of(value)
    if own is not None:
        dayfirst = own
    elif ambiguous and infer:
        evidence = evidence or _DateEvidence()
        if evidence.day_first and evidence.month_first:
            warnings.append(
                message(
                    "date_order_conflict", value=value, column=column,
                    day_example=evidence.day_first, month_example=evidence.month_first,
                )
            )
            return ""
        if evidence.day_first or evidence.month_first:
            dayfirst = bool(evidence.day_first)
            order = "day-first" if dayfirst else "month-first"
            example = evidence.day_first or evidence.month_first
            warnings.append(message("date_order_inferred", value=value, order=order, column=column, example=example))
        else:
            warnings.append(message("date_order_default", value=value, order="day-first" if dayfirst else "month-first"))
    try:
        day, moment = parse_date(value, dayfirst=dayfirst)
    except ValueError:
        return value
    return moment or day


def _metadata_name(name: str, taken: set[str]) -> str:
    """``name`` for a user metadata column, prefixed with ``meta_`` while it names a column of the tool's."""
    while name in RESERVED_COLUMNS or name in taken:
        name = f"meta_{name}"
    return name


def read_table(
    path: Path,
    *,
    mapping: Mapping[str, str] | None = None,
    dayfirst: bool = True,
    infer_date_order: bool = True,
) -> Iterator[Article | Skipped]:
    """One Article per usable row, one Skipped per unusable row (naming the row and why).

    With ``infer_date_order`` the day/month order of each date column is taken from its values (a first
    pass over the file); ``dayfirst`` decides only when no value does, with a warning."""
    mapping = mapping or {}
    evidence = _date_evidence(path, mapping) if infer_date_order else {}
    resolve = _resolver(mapping)
    label = "line" if path.suffix.lower() in (".jsonl", ".ndjson") else "row"
    fixed_columns = path.suffix.lower() in (".csv", ".tsv", ".parquet")
    rows = 0
    for number, record, notes in _records(path):
        rows += 1
        item = f"{label} {number}"
        if isinstance(record, InputError):
            yield Skipped(str(path), item, str(record))
            continue
        if not isinstance(record, Mapping):
            yield Skipped(str(path), item, message("bad_json_record", row=number, kind=type(record).__name__))
            continue
        try:
            resolved = resolve(record)
        except InputError as error:
            if fixed_columns:  # the header is the file's: no row can be read
                raise
            yield Skipped(str(path), item, f"{item}: {error}")
            continue
        body = record.get(resolved["text"])
        if isinstance(body, list):
            parts = _paragraphs_of(body)
            if parts is None:
                yield Skipped(str(path), item, message("row_text_not_text", row=number, column=resolved["text"]))
                continue
            body = "\n\n".join(part.strip() for part in parts if part.strip())
        elif isinstance(body, Mapping):
            yield Skipped(str(path), item, message("row_text_not_text", row=number, column=resolved["text"]))
            continue
        if _is_missing(body) or not str(body).strip():
            yield Skipped(str(path), item, message("row_no_text", row=number, column=resolved["text"]))
            continue
        warnings = list(notes)
        meta = {field: _clean(record.get(column)) for field, column in resolved.items() if field != "text"}
        for field in DATE_FIELDS:
            if meta.get(field, "").strip():
                column, seen = evidence.get(field, (resolved[field], None))
                meta[field] = _date(
                    meta[field].strip(), column, seen, dayfirst=dayfirst, infer=infer_date_order, warnings=warnings
                )
        used = set(resolved.values())
        keys = {str(k) for k in record}
        extra: dict[str, str] = {}
        for key, value in record.items():
            if key in used or _is_missing(value):
                continue
            text = _clean(value)
            if not text.strip():
                continue
            if len(text) > METADATA_LIMIT:
                warnings.append(message("metadata_too_long", column=key, limit=METADATA_LIMIT))
                continue
            extra[_metadata_name(str(key), set(extra) | (keys - {str(key)}))] = text
        body_text = normalise_text(str(body))
        paragraphs = body_text.split("\n\n") if "\n\n" in body_text else body_text.split("\n")
        source = f"{path}#{label}={number}"
        try:
            yield build_article(paragraphs=paragraphs, meta=meta, source=source, warnings=warnings, dayfirst=dayfirst, extra=extra)
        except InputError as error:
            yield Skipped(str(path), item, str(error))
    if not rows:
        raise InputError(message("no_rows"))
