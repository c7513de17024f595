"""Error types and the texts of every user-facing error, kept in one place so they stay consistent."""

from __future__ import annotations


class FramingError(Exception):
    """Base class for errors framing reports to its users."""


class LexiconError(FramingError, ValueError):
    """A lexicon or actor file is malformed; the message names the file and line."""


class InputError(FramingError, ValueError):
    """An input file or row cannot be read; the message names the file (and row)."""


class StoreError(FramingError):
    """A store file cannot be used (not a DuckDB file, not a framing store)."""


class ModelError(FramingError, ValueError):
    """A model file or label file cannot be used."""


MESSAGES = {
    # lexicons
    "lexicon_missing_header": "{path}: line 1: header must contain the columns {expected}; found {found}",
    "lexicon_fields": "{path}: line {line}: expected {expected} tab-separated fields, found {found}",
    "lexicon_empty_cell": "{path}: line {line}: column '{column}' is empty",
    "lexicon_bad_value": "{path}: line {line}: column '{column}' has '{value}'; allowed: {allowed}",
    "lexicon_bad_number": "{path}: line {line}: column '{column}' must be a number, found '{value}'",
    "lexicon_not_finite": "{path}: line {line}: column '{column}' must be a finite number, found '{value}'",
    "lexicon_not_utf8": "{path}: line {line}: not valid UTF-8 (byte {byte}); save the file as UTF-8",
    "lexicon_bad_regex": "{path}: line {line}: pattern does not compile: {error}",
    "lexicon_not_found": "lexicon file not found: {path}",
    # inputs
    "path_missing": "no such file or folder",
    "empty_file": "empty file",
    "binary_file": "not a text file (binary content)",
    "unreadable": "cannot be read: {error}",
    "unsupported_type": "unsupported file type '{suffix}'",
    "no_body": "no article text found after removing headers and boilerplate",
    "no_rows": "no rows (a header at most)",
    "row_no_text": "row {row}: no text in column '{column}'",
    "no_text_column": "no text column found (looked for {candidates}); map one with --columns text=NAME",
    "bad_mapping": "--columns: '{item}' is not FIELD=COLUMN with FIELD one of {fields}",
    "mapped_column_missing": "column '{column}' (mapped to {field}) is not in the file; columns are: {columns}",
    "bad_json_line": "line {line}: not valid JSON: {error}",
    "bad_json_record": "item {row}: expected a JSON object, found {kind}",
    "duplicate_article": "duplicate of an article already read from {other}",
    "date_unparsed": "date '{value}' could not be parsed; published left empty",
    "decoded_guess": "not UTF-8: decoded as {encoding}, a guess (check accented letters, or save the file as UTF-8)",
    "decoded_mixed": "{count} byte(s) that are not UTF-8 read as {fallback}, a guess (the file mixes encodings)",
    "decoded_utf16": "decoded as {codec} without a byte-order mark, a guess from its zero bytes",
    "not_regular": "not a regular file ({kind})",
    "dangling_link": "dangling symbolic link (points to {target})",
    "link_loop": "symbolic link loop ({target})",
    "too_large": "file too large for one article ({size:,} bytes; the limit is {limit:,}): split it into one file per article",
    "json_too_large": "JSON array too large to read at once ({size:,} bytes; the limit is {limit:,}): convert it to JSON Lines, which is read row by row",
    "csv_unclosed": "row {row}: unclosed quote (the field starting on line {line} never ends)",
    "csv_malformed": "row {row}: malformed CSV on line {line}: {error}",
    "csv_surplus": "row {row}: {found} fields, the header has {expected}",
    "csv_missing": "row {row}: {found} fields, the header has {expected}; the missing ones are left empty",
    "row_text_not_text": "row {row}: column '{column}' holds structured data, not text or a list of paragraphs",
    "csv_embedded_row": "row {row}: line {line}, inside the quoted field '{column}', starts like a new row ({start}): a quote above it may be unclosed, and the rows were read as one; check the file",
    "metadata_too_long": "metadata column '{column}' longer than {limit} characters not kept",
    "date_order_inferred": "date '{value}' read {order} (column '{column}' has {order} dates such as '{example}')",
    "date_order_default": "date '{value}' is ambiguous; read {order} (the default: give --month-first or --day-first)",
    "date_order_conflict": "date '{value}' is ambiguous and column '{column}' has both day-first ('{day_example}') and month-first ('{month_example}') dates; published left empty",
    "sentence_split": "{count} over-long stretch(es) of text without sentence end split every {limit:,} characters at most",
    "headline_cut": "{field} of {size:,} characters cut to its first {limit:,}",
    "paragraph_split": "{count} over-long paragraph(s) split into blocks of at most {limit:,} characters",
}


def message(key: str, **values: object) -> str:
    """Return the user-facing text for ``key`` filled with ``values``."""
    return MESSAGES[key].format(**values)
