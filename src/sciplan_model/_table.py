"""Plain-text tables for people: columns aligned by display width, where a Chinese
character takes two columns."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Rows under headers, columns aligned by display width (a CJK character is two)."""
    widths = [max(_width(str(r[k])) for r in [headers, *rows]) for k in range(len(headers))]
    lines = [
        "  ".join(_pad(str(c), w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in [headers, ["-" * w for w in widths], *rows]
    ]
    return "\n".join(lines)
