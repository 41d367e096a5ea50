"""The limits of a saved document, shared by the classes (which refuse to hold what could
not be saved and read back) and by the loader (which refuses documents past them).

``serialize`` re-exports the public names.  This module imports only ``errors``, so the
model's classes can use it without an import cycle.
"""

from __future__ import annotations

import re

from .errors import InvalidValueError

__all__ = [
    "INT_LIMIT",
    "MAX_DEPTH",
    "MAX_DOCUMENT",
    "MAX_INT_DIGITS",
    "MAX_STRING",
    "MAX_VALUES",
    "SURROGATE",
    "WHITESPACE_FACTOR",
    "check_int",
    "check_str",
    "text_problem",
]

#: How deeply arrays and objects may nest in a document.
MAX_DEPTH = 64
#: The longest document read, in characters besides spaces and line breaks (so that a
#: plan saved with indents reads back as well as one saved on one line).
MAX_DOCUMENT = 200_000_000
#: A document may hold this many times MAX_DOCUMENT characters in all, spaces and line
#: breaks included.
WHITESPACE_FACTOR = 4
#: The longest string a document may hold, in characters.
MAX_STRING = 1_000_000
#: The most digits an integer in a document may have.
MAX_INT_DIGITS = 30
#: Integers in a document lie strictly between ``-INT_LIMIT`` and ``INT_LIMIT``.
INT_LIMIT = 10**MAX_INT_DIGITS
#: The most values (strings, numbers, arrays, objects …) a plan's data may hold.  A plan
#: of 100,000 projects holds about three million; the bound stops the walk over Python
#: data that holds one list or dict many times over (a few levels of that make more
#: values than any memory holds) after a second or two.
MAX_VALUES = 20_000_000

SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """Why a string cannot be saved and read back, or None when it can."""
    if len(value) > MAX_STRING:
        return f"a string of {len(value)} characters (at most {MAX_STRING})"
    if not value.isascii():
        found = SURROGATE.search(value)
        if found:
            return (
                f"a lone surrogate (\\u{ord(found.group()):04x}) at position {found.start()}, "
                "which is no text"
            )
    return None


def check_str(value: str, field: str) -> None:
    """Raise InvalidValueError naming ``field`` when ``value`` could not be saved."""
    if len(value) <= MAX_STRING and (value.isascii() or not SURROGATE.search(value)):
        return
    problem = text_problem(value)
    error = InvalidValueError(field, f"{problem}; it could not be saved and read back")
    error.field_name = field  # type: ignore[attr-defined]
    raise error


def check_int(value: int, field: str) -> None:
    """Raise InvalidValueError naming ``field`` when ``value`` has too many digits."""
    if -INT_LIMIT < value < INT_LIMIT:
        return
    error = InvalidValueError(
        field,
        f"an integer of more than {MAX_INT_DIGITS} digits; it could not be saved and read back",
    )
    error.field_name = field  # type: ignore[attr-defined]
    raise error
