"""Plain-text tables for people: columns aligned by display width, where a Chinese
character takes two columns."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def display_width(text: str) -> int:
    """How many columns ``text`` takes on a terminal (a CJK character two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Rows under headers, columns aligned by display width (a CJK character is two)."""
    widths = [max(display_width(str(r[k])) for r in [headers, *rows]) for k in range(len(headers))]
    lines = [
        "  ".join(_pad(str(c), w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in [headers, ["-" * w for w in widths], *rows]
    ]
    return "\n".join(lines)
