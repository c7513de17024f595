"""Readers: turn files, folders and tabular exports into Articles, and every unusable item into a
Skipped record with its reason, so nothing is lost silently.

The reader is chosen by file type: ``.txt`` (wire-style plain text), ``.html``/``.htm`` (trafilatura),
``.csv``/``.tsv``/``.jsonl``/``.json``/``.parquet`` (one article per row). Folders are read
recursively in sorted order; hidden files and README files in folders are passed over.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from framing.errors import InputError, message
from framing.reading.boilerplate import Boilerplate
from framing.reading.encoding import decode
from framing.reading.html import read_html_article
from framing.reading.tabular import parse_mapping, read_table
from framing.reading.text import read_text_article
from framing.types import Article, Skipped

TEXT_TYPES = {".txt", ".text", ""}
HTML_TYPES = {".html", ".htm", ".xhtml"}
TABLE_TYPES = {".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet"}
# A text or HTML file is one article: past this size it is a corpus pasted together, which would be
# analysed as one giant article (memory grows many times the file size), so it is refused with a reason.
MAX_TEXT_FILE_BYTES = 20 * 1024 * 1024
# A JSON array is parsed whole (JSON Lines, CSV and Parquet are read row by row).
MAX_JSON_BYTES = 100 * 1024 * 1024

__all__ = ["ReadOptions", "iter_files", "parse_mapping", "read_file", "read_paths", "without_duplicates"]


@dataclass(frozen=True)
class ReadOptions:
    columns: Mapping[str, str] | None = None  # explicit column mapping for tabular files
    dayfirst: bool = True
    # False: the day/month order of each tabular date column is inferred from its values, ``dayfirst``
    # deciding only when no value does; True: ``dayfirst`` is applied as given (--month-first/--day-first)
    date_order_explicit: bool = False
    lexicon_dir: Path | None = None  # a user folder that may hold its own boilerplate.tsv
    outlet: str = ""  # used when a file names no outlet


_KINDS = (
    (stat.S_ISFIFO, "named pipe"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)


def _problem(path: Path) -> str | None:
    """Why ``path`` (not a folder) cannot be read as a file, or None when it is a regular file."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            return message("link_loop", target=os.readlink(path) if path.is_symlink() else path)
        if path.is_symlink():
            return message("dangling_link", target=os.readlink(path))
        if isinstance(error, FileNotFoundError):
            return message("path_missing")
        return message("unreadable", error=error.strerror or error)
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "special file")
    return message("not_regular", kind=kind)


def _walk(folder: Path, ancestors: frozenset[str]) -> Iterator[tuple[Path, str | None]]:
    """The files under ``folder`` in sorted order; folders that cannot be listed, links that lead
    nowhere or back up the tree, and special files are yielded with their problem."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        yield folder, message("unreadable", error=error.strerror or error)
        return
    for entry in entries:
        if entry.name.startswith("."):  # hidden files and folders are passed over by design
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            real = os.path.realpath(path)
            if real in ancestors:
                yield path, message("link_loop", target=os.readlink(path) if path.is_symlink() else real)
            else:
                yield from _walk(path, ancestors | {real})
            continue
        if entry.name.lower().startswith("readme"):
            continue
        yield path, _problem(path)


def iter_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str | None]]:
    """(path, problem) for every input file; problem is a reason when the path cannot be used."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, frozenset({os.path.realpath(path)}))
        else:
            yield path, _problem(path)


def read_file(path: Path, options: ReadOptions, rules: Boilerplate) -> Iterator[Article | Skipped]:
    suffix = path.suffix.lower()
    if suffix not in TEXT_TYPES | HTML_TYPES | TABLE_TYPES:
        yield Skipped(str(path), "", message("unsupported_type", suffix=suffix))
        return
    try:
        size = path.stat().st_size
        limit = MAX_JSON_BYTES if suffix == ".json" else None if suffix in TABLE_TYPES else MAX_TEXT_FILE_BYTES
        if limit is not None and size > limit:
            key = "json_too_large" if suffix == ".json" else "too_large"
            yield Skipped(str(path), "", message(key, size=size, limit=limit))
            return
        if suffix in TABLE_TYPES:
            for item in read_table(
                path,
                mapping=options.columns,
                dayfirst=options.dayfirst,
                infer_date_order=not options.date_order_explicit,
            ):
                yield _with_outlet(item, options.outlet)
            return
        text, warnings = decode(path.read_bytes())
        if suffix in HTML_TYPES:
            article = read_html_article(text, source=str(path), dayfirst=options.dayfirst, warnings=warnings)
        else:
            article = read_text_article(text, source=str(path), rules=rules, dayfirst=options.dayfirst, warnings=warnings)
        yield _with_outlet(article, options.outlet)
    except InputError as error:
        yield Skipped(str(path), "", str(error))
    except OSError as error:
        yield Skipped(str(path), "", message("unreadable", error=error.strerror or error))
    except Exception as error:  # a reader bug must not lose the rest of the corpus
        yield Skipped(str(path), "", message("unreadable", error=f"{type(error).__name__}: {error}"))


def _with_outlet(item: Article | Skipped, outlet: str) -> Article | Skipped:
    if outlet and isinstance(item, Article) and not item.outlet:
        from dataclasses import replace

        from framing.reading.build import article_id_for

        return replace(item, outlet=outlet, article_id=article_id_for(outlet, item.title, item.published, item.body))
    return item


def read_paths(paths: Iterable[str | Path], options: ReadOptions | None = None) -> Iterator[Article | Skipped]:
    """Every article in ``paths``, and a Skipped record for every file or row that could not be used.

    Exact duplicates (same article id) are reported as skipped, naming the first copy.
    """
    options = options or ReadOptions()
    rules = Boilerplate.load(options.lexicon_dir)

    def items() -> Iterator[Article | Skipped]:
        for path, problem in iter_files(paths):
            if problem:
                yield Skipped(str(path), "", problem)
                continue
            yield from read_file(path, options, rules)

    yield from without_duplicates(items())


def without_duplicates(items: Iterable[Article | Skipped]) -> Iterator[Article | Skipped]:
    """The items with every repeated article (same id) replaced by a Skipped record naming the first."""
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, Article):
            if item.article_id in seen:
                yield Skipped(item.source, "", message("duplicate_article", other=seen[item.article_id]))
                continue
            seen[item.article_id] = item.source
        yield item
