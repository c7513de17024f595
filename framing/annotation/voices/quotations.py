"""Pass 1, quotations: quotation marks paired paragraph by paragraph, with the newswire convention that a
quotation continues into the next paragraph when that opens with a quotation mark."""

from __future__ import annotations

from collections.abc import Sequence

from framing.annotation.voices.common import (
    DOUBLE_QUOTES,
    SINGLE_CLOSE,
    SINGLE_OPEN,
    Quote,
)
from framing.reading.segment import paragraphs


# --- quotations ------------------------------------------------------------------------------------
def find_quotes(text: str, *, spans: Sequence[tuple[int, int]] | None = None) -> list[Quote]:
    """Top-level quotations in ``text``, scanned within each paragraph ``spans`` (default: blank-line
    separated paragraphs). Straight double quotes toggle; single quotes open only before a word and
    close only after one, so apostrophes ("Gaza's", "Hamas' call") are not taken for quotes."""
    spans = paragraphs(text) if spans is None else spans
    quotes: list[Quote] = []
    group = -1
    carried = False  # the previous paragraph ended inside a double quotation
    for p_start, p_end in spans:
        stack: list[tuple[str, int]] = []  # ("d" | "s", offset of the opening mark)
        first = p_start
        while first < p_end and text[first].isspace():
            first += 1
        continues = (
            carried
            and first < p_end
            and (text[first] in DOUBLE_QUOTES or text[first : first + 2] in {"''", "``"})
        )
        carried = False
        skip = False
        for i in range(p_start, p_end):
            if skip:
                skip = False
                continue
            ch = text[i]
            # two apostrophes or backticks stand for a double quotation mark in some archives
            pair = ch in "'`" and i + 1 < p_end and text[i + 1] == ch
            if pair:
                skip = True
            if ch in DOUBLE_QUOTES or pair:
                if any(kind == "d" for kind, _ in stack):
                    while stack and stack[-1][0] != "d":
                        stack.pop()  # an unclosed single quote inside: it was an apostrophe
                    kind, opened = stack.pop()
                    if not stack:
                        if not (continues and opened == first):
                            group += 1
                        quotes.append(Quote(opened, i + 2 if pair else i + 1, group, True))
                else:
                    stack.append(("d", i))
            elif ch in SINGLE_OPEN or ch in SINGLE_CLOSE:
                before = text[i - 1] if i > p_start else " "
                after = text[i + 1] if i + 1 < p_end else " "
                if (
                    ch in SINGLE_CLOSE
                    and stack
                    and stack[-1][0] == "s"
                    and not before.isspace()
                    and not after.isalnum()
                ):
                    _, opened = stack.pop()
                    if not stack:
                        group += 1
                        quotes.append(Quote(opened, i + 1, group, True))
                elif ch in SINGLE_OPEN and (before.isspace() or before in '([{—–-/"“') and after.isalnum():
                    stack.append(("s", i))
        doubles = [opened for kind, opened in stack if kind == "d"]
        if doubles:
            opened = doubles[0]
            if not (continues and opened == first):
                group += 1
            quotes.append(Quote(opened, p_end, group, False))
            carried = True
    return sorted(quotes, key=lambda q: q.start)
