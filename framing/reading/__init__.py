"""Readers: turn files, folders and tabular exports into Articles, and every unusable item into a
Skipped record with its reason, so nothing is lost silently.

The reader is chosen by file type: ``.txt`` (wire-style plain text), ``.html``/``.htm`` (trafilatura),
``.csv``/``.tsv``/``.jsonl``/``.json``/``.parquet`` (one article per row). Folders are read
recursively in sorted order; hidden files and README files in folders are passed over.
"""

from __future__ import annotations

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

__all__ = ["ReadOptions", "iter_files", "parse_mapping", "read_file", "read_paths", "without_duplicates"]


@dataclass(frozen=True)
class ReadOptions:
    columns: Mapping[str, str] | None = None  # explicit column mapping for tabular files
    dayfirst: bool = True
    lexicon_dir: Path | None = None  # a user folder that may hold its own boilerplate.tsv
    outlet: str = ""  # used when a file names no outlet


def iter_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str | None]]:
    """(path, problem) for every input file; problem is a reason when the path cannot be used."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and not any(part.startswith(".") for part in rel.parts) and not child.name.lower().startswith("readme"):
                    yield child, None
        elif path.is_file():
            yield path, None
        else:
            yield path, message("path_missing")


def read_file(path: Path, options: ReadOptions, rules: Boilerplate) -> Iterator[Article | Skipped]:
    suffix = path.suffix.lower()
    if suffix not in TEXT_TYPES | HTML_TYPES | TABLE_TYPES:
        yield Skipped(str(path), "", message("unsupported_type", suffix=suffix))
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        yield Skipped(str(path), "", message("unreadable", error=error.strerror or error))
        return
    try:
        if suffix == ".parquet":
            text, warnings = None, []
        else:
            text, warnings = decode(data)
        if suffix in TABLE_TYPES:
            for item in read_table(path, text, mapping=options.columns, dayfirst=options.dayfirst, warnings=warnings):
                yield _with_outlet(item, options.outlet)
            return
        if suffix in HTML_TYPES:
            article = read_html_article(text, source=str(path), dayfirst=options.dayfirst, warnings=warnings)
        else:
            article = read_text_article(text, source=str(path), rules=rules, dayfirst=options.dayfirst, warnings=warnings)
        yield _with_outlet(article, options.outlet)
    except InputError as error:
        yield Skipped(str(path), "", str(error))
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
