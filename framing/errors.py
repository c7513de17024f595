"""Error types and the texts of every user-facing error, kept in one place so they stay consistent."""

from __future__ import annotations


class FramingError(Exception):
    """Base class for errors framing reports to its users."""


class LexiconError(FramingError, ValueError):
    """A lexicon or actor file is malformed; the message names the file and line."""


class InputError(FramingError, ValueError):
    """An input file or row cannot be read; the message names the file (and row)."""


class ModelError(FramingError, ValueError):
    """A model file or label file cannot be used."""


MESSAGES = {
    # lexicons
    "lexicon_missing_header": "{path}: line 1: header must contain the columns {expected}; found {found}",
    "lexicon_fields": "{path}: line {line}: expected {expected} tab-separated fields, found {found}",
    "lexicon_empty_cell": "{path}: line {line}: column '{column}' is empty",
    "lexicon_bad_value": "{path}: line {line}: column '{column}' has '{value}'; allowed: {allowed}",
    "lexicon_bad_number": "{path}: line {line}: column '{column}' must be a number, found '{value}'",
    "lexicon_bad_regex": "{path}: line {line}: pattern does not compile: {error}",
    "lexicon_not_found": "lexicon file not found: {path}",
    # inputs
    "path_missing": "no such file or folder",
    "empty_file": "empty file",
    "binary_file": "not a text file (binary content)",
    "unreadable": "cannot be read: {error}",
    "unsupported_type": "unsupported file type '{suffix}'",
    "no_body": "no article text found after removing headers and boilerplate",
    "row_no_text": "row {row}: no text in column '{column}'",
    "no_text_column": "no text column found (looked for {candidates}); map one with --columns text=NAME",
    "bad_mapping": "--columns: '{item}' is not FIELD=COLUMN with FIELD one of {fields}",
    "mapped_column_missing": "column '{column}' (mapped to {field}) is not in the file; columns are: {columns}",
    "bad_json_line": "line {line}: not valid JSON: {error}",
    "bad_json_record": "item {row}: expected a JSON object, found {kind}",
    "duplicate_article": "duplicate of an article already read from {other}",
    "date_unparsed": "date '{value}' could not be parsed; published left empty",
    "decode_replaced": "{count} undecodable byte(s) replaced (first at byte {offset}); encoding guessed as {encoding}",
}


def message(key: str, **values: object) -> str:
    """Return the user-facing text for ``key`` filled with ``values``."""
    return MESSAGES[key].format(**values)
