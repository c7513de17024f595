"""Turning bytes into clean text: encoding detection, binary detection and newline/Unicode normalisation.

UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are read as they are. Any
other decoding is a guess, and the guess is said in the article warnings:

- bytes that are not UTF-8 inside a file that is otherwise UTF-8 (a file pasted together from two
  sources) are read one by one as Windows-1252, the usual culprit, and counted;
- a file with no UTF-8 multi-byte sequence at all is in a legacy single-byte encoding, guessed by
  charset-normalizer;
- UTF-16 without a byte-order mark is recognised by its zero bytes in every other position.

``decode`` works on a whole file; ``open_text`` streams a big tabular file with the same rules
(decided on the first megabyte), and ``FallbackCounter`` tells a reader which rows held stray bytes.
"""

from __future__ import annotations

import codecs
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from charset_normalizer import from_bytes

from framing.errors import InputError, message

SAMPLE_BYTES = 1 << 20  # how much of a streamed file decides its encoding
FALLBACK = "cp1252"
_HANDLER = "framing-cp1252-fallback"
_fallback_bytes = [0]  # stray bytes decoded by the fallback handler in this process, ever


def _fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode bytes that are not UTF-8 as Windows-1252 (Latin-1 for the five bytes it leaves undefined)."""
    chunk = error.object[error.start : error.end]
    _fallback_bytes[0] += len(chunk)
    return "".join(bytes([b]).decode(FALLBACK, errors="ignore") or chr(b) for b in chunk), error.end


codecs.register_error(_HANDLER, _fallback)


class FallbackCounter:
    """How many stray bytes the fallback decoded since the last call (for per-row warnings)."""

    def __init__(self) -> None:
        self._seen = _fallback_bytes[0]

    def take(self) -> int:
        now = _fallback_bytes[0]
        count, self._seen = now - self._seen, now
        return count


@dataclass(frozen=True)
class Decoding:
    """How a file's bytes are turned into text, and the warning to record when that is a guess."""

    encoding: str  # a Python codec name
    errors: str = "strict"
    note: str = ""  # empty when the decoding is certain


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB (UTF-16 with a BOM is text)."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and control / len(head) > 0.05


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when zero bytes fill one of the two positions (text in the Latin range)."""
    head = head[: len(head) // 2 * 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    for codec, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.6 * len(zeros) and other.count(0) <= 0.05 * len(other):
            try:
                head.decode(codec)
            except UnicodeDecodeError:
                continue
            return codec
    return None


def detect(sample: bytes, *, whole: bool) -> Decoding:
    """Choose the decoding for a file starting with ``sample`` (``whole``: the sample is the file).

    Raises InputError for empty or binary content."""
    if not sample.replace(codecs.BOM_UTF8, b"").strip():
        raise InputError(message("empty_file"))
    if sample.startswith(codecs.BOM_UTF8):
        return Decoding("utf-8-sig", _HANDLER)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoding("utf-16")
    if b"\x00" in sample[:8192]:
        codec = _utf16_without_bom(sample[:65536])
        if codec is None:
            raise InputError(message("binary_file"))
        return Decoding(codec, "replace", message("decoded_utf16", codec=codec.upper().replace("UTF-16-", "UTF-16")))
    if looks_binary(sample):
        raise InputError(message("binary_file"))
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    text = decoder.decode(sample, final=whole)
    if "\ufffd" not in text or any(ord(c) > 127 and c != "\ufffd" for c in text):
        # UTF-8, possibly with stray bytes from another encoding (counted as they are met)
        return Decoding("utf-8-sig", _HANDLER)
    encoding = _guess_legacy(sample)
    return Decoding(encoding, "replace", message("decoded_guess", encoding=encoding))


def _guess_legacy(sample: bytes) -> str:
    """charset-normalizer's guess, except that Windows-1252 (Western European, by far the most common
    legacy encoding of news text) wins when it reads the bytes about as cleanly: on short texts
    charset-normalizer often prefers a rarer code page that gives the same letters or worse."""
    results = list(from_bytes(sample))
    if not results:
        return FALLBACK
    best = results[0]
    try:
        western = sample.decode(FALLBACK)
    except UnicodeDecodeError:
        return best.encoding
    for match in results:
        if (match.encoding == FALLBACK or str(match) == western) and match.chaos <= best.chaos + 0.1:
            return FALLBACK
    return best.encoding


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode ``data``; return the text and warnings. Raises InputError for empty or binary content."""
    decoding = detect(data, whole=True)
    counter = FallbackCounter()
    text = data.decode(decoding.encoding, errors=decoding.errors)
    warnings = [decoding.note] if decoding.note else []
    stray = counter.take()
    if stray:
        warnings.append(message("decoded_mixed", count=stray, fallback=FALLBACK))
    return normalise_text(text), warnings


def open_text(path: Path) -> tuple[TextIO, Decoding]:
    """``path`` as a text stream (newlines untranslated, for the csv module), decoded by the rules above."""
    raw = open(path, "rb")  # noqa: SIM115 - handed to the wrapper, which closes it
    try:
        decoding = detect(raw.read(SAMPLE_BYTES), whole=False)
        raw.seek(0)
    except BaseException:
        raw.close()
        raise
    return io.TextIOWrapper(raw, encoding=decoding.encoding, errors=decoding.errors, newline=""), decoding


def normalise_text(text: str) -> str:
    """NFC, Unix newlines, no BOM or NUL, non-breaking spaces as spaces (same length: offsets stay valid
    against the normalised text)."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").replace("\x00", "")
    return text.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n")
