"""The command line's output in whatever encoding the terminal (or the file it is
redirected to) uses.

A report holds Chinese text and a few symbols (›, ─, →); a terminal whose encoding lacks
a character (GBK has no ›, ASCII and cp1252 have no Chinese) must not end the command
with a UnicodeEncodeError.  :func:`terminal_streams` has standard output and error write
a character they cannot encode as a plain equivalent (› as >, full-width ， as ,) or, when
there is none, as ``?``; every character the encoding has is written as it is, so GBK
output keeps its Chinese.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import sys
import unicodedata
from collections.abc import Iterator
from typing import Any

__all__ = ["ERRORS", "plain", "terminal_streams"]

#: The name of the error handler registered for the streams.
ERRORS = "sciplan.plain"

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

#: Plain equivalents of symbols the library writes (or plans hold) that NFKC leaves alone.
_PLAIN = {
    "›": ">",
    "‹": "<",
    "»": ">>",
    "«": "<<",
    "→": "->",
    "←": "<-",
    "↵": " ",
    "∞": "inf",
    "─": "-",
    "━": "-",
    "│": "|",
    "—": "--",
    "–": "-",
    "‒": "-",
    "‑": "-",
    "−": "-",
    "…": "...",
    "、": ",",
    "。": ".",
    "【": "[",
    "】": "]",
    "《": "<",
    "》": ">",
    "「": '"',
    "」": '"',
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "≥": ">=",
    "≤": "<=",
    "×": "x",
    "·": ".",
    "✓": "v",
    "✗": "x",
    **{s: f"^{k}" for k, s in enumerate(_SUPERSCRIPTS)},
}


def plain(char: str) -> str:
    """An ASCII stand-in for ``char``: the table's, else its NFKC form (full-width
    letters, digits and punctuation, circled numbers) when that is ASCII, else ``?``."""
    if char in _PLAIN:
        return _PLAIN[char]
    folded = unicodedata.normalize("NFKC", char)
    return folded if folded.isascii() and folded.isprintable() else "?"


def _handler(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(plain(c) for c in text), error.end


codecs.register_error(ERRORS, _handler)


@contextlib.contextmanager
def terminal_streams() -> Iterator[None]:
    """Standard output and error write what their encoding cannot hold as plain
    equivalents, while the block runs; their error handlers are put back after it."""
    changed: list[tuple[io.TextIOWrapper[Any], str | None]] = []
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors != ERRORS:
            with contextlib.suppress(OSError, ValueError):
                old = stream.errors
                stream.reconfigure(errors=ERRORS)
                changed.append((stream, old))
    try:
        yield
    finally:
        for stream, old in changed:
            with contextlib.suppress(OSError, ValueError):
                stream.reconfigure(errors=old)
