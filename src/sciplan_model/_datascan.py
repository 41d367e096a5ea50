"""The careful walk over a document's plain data, and what the careful JSON parse
marks on the way: objects in which a key stands twice, integers of too many digits, and
NaN or Infinity.  It finds, with their paths, the problems a document's values can have
on their own (nesting too deep, repeated keys, over-long strings and integers, lone
surrogates when writing, more values than a document holds) for the detailed paths of
``serialize``; the one pass (``_onepass``) proves the same without paths.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from ._limits import (
    INT_LIMIT,
    MAX_DEPTH,
    MAX_INT_DIGITS,
    MAX_STRING,
    MAX_VALUES,
    SURROGATE,
    text_problem,
)
from .errors import MAX_PROBLEMS, LoadProblem

__all__ = [
    "TOO_MANY",
    "Duplicates",
    "TooMany",
    "capped",
    "check_data",
    "integer",
    "looks_fine",
    "no_constant",
    "pairs",
    "scan_data",
    "value_problem",
]


def capped(problems: Iterator[LoadProblem]) -> list[LoadProblem]:
    """The first problems, one more than are listed: enough to say there are more."""
    return list(itertools.islice(problems, MAX_PROBLEMS + 1))


class Duplicates(dict[str, Any]):
    """An object in which a key stood more than once (slotted: a hostile document may
    hold millions)."""

    __slots__ = ("duplicates",)
    duplicates: tuple[str, ...]


def pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    repeated: list[str] = []
    for key, value in pairs:
        if key in out and key not in repeated:
            repeated.append(key)
        out[key] = value
    if repeated:
        marked = Duplicates(out)
        marked.duplicates = tuple(repeated)
        return marked
    return out


def no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number this library reads")


def integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"an integer of more than {MAX_INT_DIGITS} digits")
    return int(text)


_NESTED = (dict, list, tuple)
TOO_MANY = (
    f"more than {MAX_VALUES} values, more than a plan's document holds "
    "(is the same list or dict held many times over?)"
)


class TooMany(Exception):
    """Data that holds more values than MAX_VALUES (found without walking it all)."""


def looks_fine(data: Any, writing: bool = False) -> bool:
    """A quick pass without paths: nothing nests too deep, repeats a key or is too long,
    and there are no more values than a document can hold; when ``writing``, no string
    holds a lone surrogate either (the loader's structuring finds those with paths).
    Its stack holds one iterator a level, never the items of a long array."""
    if not isinstance(data, _NESTED):  # a scalar: the structuring says what is wrong
        return value_problem(data, writing) is None
    if type(data) is Duplicates:
        return False
    budget = MAX_VALUES - len(data)
    stack = [(iter(data.values() if isinstance(data, dict) else data), 2)]
    pop, push = stack.pop, stack.append
    while stack:
        values, depth = stack[-1]
        for value in values:
            kind = type(value)
            if kind is str:
                if len(value) > MAX_STRING or (
                    writing and not value.isascii() and SURROGATE.search(value)
                ):
                    return False
            elif kind is dict or kind is list:
                if depth > MAX_DEPTH:
                    return False
                budget -= len(value)
                if budget < 0:
                    raise TooMany
                push((iter(value.values() if kind is dict else value), depth + 1))
                break
            elif kind is int:
                if not -INT_LIMIT < value < INT_LIMIT:
                    return False
            elif kind is Duplicates:
                return False
            elif isinstance(value, _NESTED):
                if depth > MAX_DEPTH:
                    return False
                budget -= len(value)
                if budget < 0:
                    raise TooMany
                push((iter(value.values() if isinstance(value, dict) else value), depth + 1))
                break
            elif value_problem(value, writing) is not None:
                return False
        else:
            pop()
    return True


def value_problem(value: Any, writing: bool) -> str | None:
    """What is wrong with a value that holds no others (None when nothing is)."""
    if isinstance(value, str):
        if writing:
            return text_problem(value)
        if len(value) > MAX_STRING:
            return f"a string of {len(value)} characters (at most {MAX_STRING})"
    elif (
        isinstance(value, int)
        and not isinstance(value, bool)
        and not -INT_LIMIT < value < INT_LIMIT
    ):
        return f"an integer of more than {MAX_INT_DIGITS} digits"
    return None


def scan_data(data: Any, writing: bool = False) -> Iterator[LoadProblem]:
    """The slow pass, with paths, in document order: nesting too deep, repeated keys,
    over-long strings and integers (and, when ``writing``, lone surrogates).  A walk with its own stack, no deeper in Python's
    than one frame; the caller takes as many problems as it lists."""
    if not isinstance(data, _NESTED):
        problem = value_problem(data, writing)
        if problem is not None:
            yield LoadProblem("$", problem)
        return
    yield from _duplicates(data, "$")
    stack: list[tuple[str, bool, int, Iterator[tuple[Any, Any]]]] = [
        ("$", isinstance(data, dict), 1, _children(data))
    ]
    while stack:
        path, keyed, depth, children = stack[-1]
        for key, value in children:
            here = f"{path}.{key}" if keyed else f"{path}[{key}]"
            if isinstance(value, _NESTED):
                if depth >= MAX_DEPTH:
                    yield LoadProblem(here, f"nesting deeper than {MAX_DEPTH} levels")
                    continue
                yield from _duplicates(value, here)
                stack.append((here, isinstance(value, dict), depth + 1, _children(value)))
                break
            problem = value_problem(value, writing)
            if problem is not None:
                yield LoadProblem(here, problem)
        else:
            stack.pop()


def _children(node: Any) -> Iterator[tuple[Any, Any]]:
    return iter(node.items()) if isinstance(node, dict) else enumerate(node)


def _duplicates(node: Any, path: str) -> Iterator[LoadProblem]:
    for key in getattr(node, "duplicates", ()):
        yield LoadProblem(f"{path}.{key}", "a key that stands more than once")


def check_data(data: Any) -> tuple[list[LoadProblem], bool]:
    """Nesting too deep, repeated keys, over-long strings and over-long integers: the
    problems listed, and whether there are more than that."""
    try:
        if looks_fine(data):
            return [], False
    except TooMany:
        return [LoadProblem("$", TOO_MANY)], False
    found = capped(scan_data(data))
    return found, len(found) > MAX_PROBLEMS
