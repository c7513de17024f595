"""Turning bytes into clean text: encoding detection, binary detection and newline/Unicode normalisation."""

from __future__ import annotations

import unicodedata

from charset_normalizer import from_bytes

from framing.errors import InputError, message


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB (UTF-16 with a BOM is text)."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and control / len(head) > 0.05


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode ``data``; return the text and warnings. Raises InputError for empty or binary content."""
    if not data.strip():
        raise InputError(message("empty_file"))
    if looks_binary(data):
        raise InputError(message("binary_file"))
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            best = from_bytes(data).best()
            if best is not None and best.encoding not in ("utf_8", "utf-8"):
                text = str(best)
            else:
                text = data.decode("utf-8", errors="replace")
                count = text.count("\ufffd")
                warnings.append(message("decode_replaced", count=count, offset=error.start, encoding="utf-8"))
    return normalise_text(text), warnings


def normalise_text(text: str) -> str:
    """NFC, Unix newlines, no BOM or NUL, non-breaking spaces as spaces (same length: offsets stay valid
    against the normalised text)."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").replace("\x00", "")
    return text.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n")
