"""Uploaded files checked against the size limits, written under safe names and analysed; the
freshness stamp of a path.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# ---------------------------------------------------------------------------------------------------
# uploads

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UPLOAD_FILES = 200
UPLOAD_TYPES = ("txt", "html", "htm", "csv", "tsv", "jsonl", "json", "parquet")


@dataclass(frozen=True)
class UploadCheck:
    """Uploaded files that can be analysed, and a message for each one that cannot (or for the batch)."""

    accepted: tuple[tuple[str, bytes], ...]
    problems: tuple[str, ...]


def check_uploads(
    files: Sequence[tuple[str, bytes]], *, max_bytes: int = MAX_UPLOAD_BYTES, max_files: int = MAX_UPLOAD_FILES
) -> UploadCheck:
    """Check uploads against the limits: nothing is analysed when there are too many files or too many
    bytes (the message says by how much); empty files and unsupported types are refused one by one."""
    total = sum(len(data) for _, data in files)
    if len(files) > max_files:
        return UploadCheck((), (f"{len(files)} files uploaded; the limit is {max_files} files per analysis.",))
    if total > max_bytes:
        return UploadCheck(
            (), (f"{total / 1e6:.1f} MB uploaded; the limit is {max_bytes / 1e6:.0f} MB per analysis.",)
        )
    accepted, problems = [], []
    for name, data in files:
        suffix = Path(name).suffix.lower().lstrip(".")
        if suffix not in UPLOAD_TYPES:
            problems.append(f"{name}: unsupported file type '.{suffix}' (use {', '.join(UPLOAD_TYPES)}).")
        elif not data:
            problems.append(f"{name}: empty file.")
        else:
            accepted.append((name, data))
    return UploadCheck(tuple(accepted), tuple(problems))


def safe_file_name(name: str) -> str:
    """A file name without folders or characters that are unsafe on disk (keeps the extension)."""
    base = Path(name.replace("\\", "/")).name
    cleaned = "".join(ch if ch.isalnum() or ch in "._- " else "_" for ch in base).strip(" .")
    return cleaned or "upload"


def write_uploads(files: Sequence[tuple[str, bytes]], folder: Path) -> list[Path]:
    """Write uploaded files into ``folder`` under safe, unique names; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths, used = [], set()
    for name, data in files:
        clean = safe_file_name(name)
        stem, suffix = Path(clean).stem, Path(clean).suffix
        candidate, number = clean, 1
        while candidate.lower() in used:
            number += 1
            candidate = f"{stem}-{number}{suffix}"
        used.add(candidate.lower())
        path = folder / candidate
        path.write_bytes(data)
        paths.append(path)
    return paths


def content_key(files: Sequence[tuple[str, bytes]]) -> str:
    """A short fingerprint of uploaded files (names and bytes), used as a cache key."""
    digest = hashlib.sha1()
    for name, data in files:
        digest.update(name.encode())
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:16]


def analyse_uploads(files: Sequence[tuple[str, bytes]], config=None, **limits):
    """Check and analyse uploaded files. Returns ``(analysis or None, problems)``; the uploaded names
    replace the temporary paths in ``source`` and in the skipped table."""
    from framing.running.inprocess import analyse

    check = check_uploads(files, **limits)
    if not check.accepted:
        return None, list(check.problems) or ["No files uploaded."]
    with tempfile.TemporaryDirectory(prefix="framing-upload-") as tmp:
        folder = Path(tmp)
        paths = write_uploads(check.accepted, folder)
        analysis = analyse(paths, config)
        names = {str(path): name for path, (name, _) in zip(paths, check.accepted, strict=True)}

        def rename(value: str) -> str:
            head, sep, tail = value.partition("#")
            return names.get(head, value.replace(str(folder) + "/", "")) + sep + tail

        analysis.articles["source"] = analysis.articles["source"].map(rename)
        analysis.skipped["source"] = analysis.skipped["source"].map(rename)
    return analysis, list(check.problems)


def path_stamp(path: Path) -> float:
    """The latest modification time of a file or of the files directly in a folder (cache freshness)."""
    path = Path(path)
    if path.is_dir():
        times = [p.stat().st_mtime for p in path.iterdir() if p.is_file()]
        return max(times, default=path.stat().st_mtime)
    return path.stat().st_mtime
