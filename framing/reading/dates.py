"""Date parsing for every input format: wire headers ("09:19 | 31 July 2024", "06.03.2024"), ISO
strings and free text. Day-first unless told otherwise, as in most non-US wire copy."""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as dateparser

_NOISE = re.compile(r"\s*(?:\||-\s*Update\s*:.*$|\bGMT\b|\bUTC\b)\s*", re.IGNORECASE)


def parse_date(value: object, *, dayfirst: bool = True) -> tuple[str, str]:
    """Return (ISO date, ISO date-time or "") for ``value``; raise ValueError when it is not a date.

    >>> parse_date("09:19 | 31 July 2024")
    ('2024-07-31', '2024-07-31T09:19:00')
    >>> parse_date("06.03.2024")
    ('2024-03-06', '')
    """
    if isinstance(value, datetime):
        return value.date().isoformat(), value.replace(tzinfo=None).isoformat()
    if isinstance(value, date):
        return value.isoformat(), ""
    text = str(value).strip()
    if not text:
        raise ValueError("empty date")
    try:  # ISO first: dateutil's dayfirst would swap 2025-01-02
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        has_time = "T" in text or " " in text.strip()
        return parsed.date().isoformat(), parsed.replace(tzinfo=None).isoformat() if has_time else ""
    except ValueError:
        pass
    cleaned = _NOISE.sub(" ", text).strip()
    if not re.search(r"\d", cleaned):
        raise ValueError(f"no digits in {text!r}")
    try:
        parsed = dateparser.parse(cleaned, dayfirst=dayfirst, fuzzy=False)
    except (ValueError, OverflowError) as error:
        raise ValueError(str(error)) from None
    has_time = bool(re.search(r"\d{1,2}:\d{2}", cleaned))
    if not 1800 <= parsed.year <= 2200:
        raise ValueError(f"year {parsed.year} out of range")
    return parsed.date().isoformat(), parsed.replace(tzinfo=None).isoformat() if has_time else ""
