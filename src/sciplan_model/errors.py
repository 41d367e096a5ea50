"""Exception types of sciplan_model.

Every error the library raises derives from :class:`SciplanError` and also from the
built-in exception a Python programmer would expect (``ValueError`` for bad values and
unreadable text, ``TypeError`` for wrong types and unit mismatches), so that
``except ValueError`` keeps working in code that does not know this library.

Each error keeps what it is about as attributes, builds its message in ``__str__`` and
survives ``pickle`` (it is rebuilt from its attributes).  Messages are in English and
quote the offending input.

This module imports nothing else from the package.
"""

from __future__ import annotations

from typing import Any, NamedTuple

__all__ = [
    "CodeParseError",
    "DivisionByZeroError",
    "DocumentReadError",
    "EmptyTotalError",
    "FigureParseError",
    "InexactResultError",
    "InvalidMagnitudeError",
    "InvalidValueError",
    "LevelParseError",
    "LoadProblem",
    "NumeralParseError",
    "ParseError",
    "PeriodParseError",
    "PlanLoadError",
    "SciplanError",
    "SheetReadError",
    "UnitMismatchError",
    "UnknownUnitError",
    "ValidationError",
    "WrongTypeError",
]

_SNIPPET = 24

#: The most problems a PlanLoadError lists (it says how many more there were).
MAX_PROBLEMS = 1000


class SciplanError(Exception):
    """Base class of every error raised by sciplan_model."""

    def _fields(self) -> tuple[Any, ...]:
        return tuple(self.args)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), self._fields())


def _clip(text: str, limit: int = 80) -> str:
    """Quote ``text`` for a message, shortened in the middle when long."""
    if len(text) <= limit:
        return repr(text)
    half = limit // 2
    return repr(text[:half] + "…" + text[-half:]) + f" ({len(text)} characters)"


class ParseError(SciplanError, ValueError):
    """Text that could not be read.

    ``text`` is the whole input, ``position`` the index (in code points) of the first
    character that could not be read, and ``reason`` says what was expected there.
    """

    what = "text"

    def __init__(self, text: str, position: int, reason: str) -> None:
        super().__init__(text, position, reason)
        self.text = text
        self.position = position
        self.reason = reason

    @property
    def snippet(self) -> str:
        """The piece of the text that starts at ``position``."""
        return self.text[self.position : self.position + _SNIPPET]

    def __str__(self) -> str:
        where = (
            f"at position {self.position} ({self.snippet!r})"
            if self.position < len(self.text)
            else f"at position {self.position} (end of text)"
        )
        return f"cannot read {self.what} {_clip(self.text)}: {self.reason} {where}"


class NumeralParseError(ParseError):
    """A number (``"159。3"``, ``"三万五千"``) could not be read."""

    what = "number"


class FigureParseError(ParseError):
    """A figure such as ``"159.3万元"`` or ``"2万人次以上"`` could not be read."""

    what = "figure"


class PeriodParseError(ParseError):
    """A year (``"2006年"``) or five-year period (``"“十一五”"``) could not be read."""

    what = "period"


class CodeParseError(ParseError):
    """A coded value (a funding source, a project's status …) could not be read."""

    what = "code"


class LevelParseError(CodeParseError):
    """An administrative level (``"省列"``, ``"市级以上"``) could not be read."""

    what = "level"


class UnknownUnitError(SciplanError, ValueError):
    """A unit that the package's unit registry does not define."""

    def __init__(self, unit: str, reason: str = "") -> None:
        super().__init__(unit, reason)
        self.unit = unit
        self.reason = reason

    def __str__(self) -> str:
        tail = f": {self.reason}" if self.reason else ""
        return f"unknown unit {_clip(self.unit)}{tail}"


class UnitMismatchError(SciplanError, TypeError):
    """Two quantities whose units measure different things (项 and 家, 万元 and 人次)."""

    def __init__(self, left: str, right: str, operation: str) -> None:
        super().__init__(left, right, operation)
        self.left = left
        self.right = right
        self.operation = operation

    def __str__(self) -> str:
        return (
            f"cannot {self.operation} {self.left!r} and {self.right!r}: "
            "they are units of different things"
        )


class InvalidMagnitudeError(SciplanError, ValueError):
    """A number that cannot be an exact magnitude (NaN, infinite, absurdly large…)."""

    def __init__(self, value: str, reason: str, field: str = "magnitude") -> None:
        super().__init__(value, reason, field)
        self.value = value
        self.reason = reason
        self.field = field

    def __str__(self) -> str:
        return f"invalid {self.field} {_clip(self.value)}: {self.reason}"


class WrongTypeError(SciplanError, TypeError):
    """A value of the wrong Python type, such as a ``float`` where money enters."""

    def __init__(self, field: str, expected: str, got: str) -> None:
        super().__init__(field, expected, got)
        self.field = field
        self.expected = expected
        self.got = got

    def __str__(self) -> str:
        return f"{self.field} must be {self.expected}, not {self.got}"


class InexactResultError(SciplanError, ArithmeticError):
    """An operation whose exact result cannot be written as a finite decimal.

    Raised instead of rounding (for example ``Money("10", "元") / 3``).
    """

    def __init__(self, operation: str) -> None:
        super().__init__(operation)
        self.operation = operation

    def __str__(self) -> str:
        operation = self.operation if len(self.operation) <= 200 else _clip(self.operation)
        return f"{operation} has no exact decimal result; nothing is rounded silently"


class EmptyTotalError(SciplanError, ValueError):
    """``total()`` of no quantities, without ``unit=`` to say what zero it is."""

    def __init__(self) -> None:
        super().__init__()

    def __str__(self) -> str:
        return "total() of no quantities needs unit= to know which zero to return"


class DivisionByZeroError(SciplanError, ZeroDivisionError):
    """A quantity divided by zero, or a ratio against a zero quantity."""

    def __init__(self, operation: str) -> None:
        super().__init__(operation)
        self.operation = operation

    def __str__(self) -> str:
        return f"{self.operation} divides by zero"


class InvalidValueError(SciplanError, ValueError):
    """An object whose parts do not fit together (a range whose low end is above its
    high end, a figure whose unit differs from its value's …)."""

    def __init__(self, what: str, reason: str) -> None:
        super().__init__(what, reason)
        self.what = what
        self.reason = reason

    def __str__(self) -> str:
        return f"invalid {self.what}: {self.reason}"


class DocumentReadError(SciplanError, ValueError):
    """A file that cannot be read as a plan's text: not found, too large, not text in a
    known encoding, or not a Word document.  ``path`` names the file and ``reason`` says
    what is wrong with it, in one line."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"cannot read {self.path}: {self.reason}"


class LoadProblem(NamedTuple):
    """One problem in a document: where (a JSON path) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class PlanLoadError(SciplanError, ValueError):
    """A document that cannot be loaded, with every problem found in it.

    At most ``MAX_PROBLEMS`` problems are listed, and a last one says how many more
    there were.  ``stopped=True`` says that the loader stopped looking once it had found
    more than it lists (a hostile document may hold millions), so the count of the
    others is a lower bound: "and at least N more".  ``unlisted`` counts problems
    known but not given (so that a copy made by ``pickle`` says the same)."""

    def __init__(
        self,
        problems: tuple[LoadProblem, ...] | list[LoadProblem],
        stopped: bool = False,
        unlisted: int = 0,
    ) -> None:
        given = tuple(problems) or (LoadProblem("$", "the document could not be read"),)
        shown = given
        more = len(given) - MAX_PROBLEMS + unlisted
        if stopped:
            more = max(more, 1)
            tail = (
                f"and at least {more} more problem{'s' if more != 1 else ''}, not listed: "
                f"the search stopped after the first {MAX_PROBLEMS}"
            )
            shown = (*given[:MAX_PROBLEMS], LoadProblem("$", tail))
        elif more > 0:
            shown = (*given[:MAX_PROBLEMS], LoadProblem("$", f"and {more} more problems"))
        super().__init__(shown)
        self.problems = shown
        self._given = given[:MAX_PROBLEMS]
        self._stopped = stopped
        self._unlisted = max(more, 0)

    def _fields(self) -> tuple[Any, ...]:
        return (self._given, self._stopped, self._unlisted)

    def __str__(self) -> str:
        count = len(self.problems)
        head = f"cannot load the document: {count} problem{'s' if count != 1 else ''}"
        return "\n  ".join([head, *(str(p) for p in self.problems)])


class SheetReadError(SciplanError, ValueError):
    """A project list that cannot be read, with every cell that cannot be read: each
    problem's ``path`` is a cell's address (``项目表!D7``), a sheet's name or the
    argument at fault.  Nothing of the sheet is returned."""

    def __init__(self, path: str, problems: tuple[LoadProblem, ...] | list[LoadProblem]) -> None:
        given = tuple(problems)
        shown = given[:MAX_PROBLEMS]
        if len(given) > MAX_PROBLEMS:
            shown = (*shown, LoadProblem("$", f"and {len(given) - MAX_PROBLEMS} more problems"))
        super().__init__(path, shown)
        self.path = path
        self.problems = shown

    def __str__(self) -> str:
        count = len(self.problems)
        head = (
            f"cannot read the projects of {self.path}: {count} problem{'s' if count != 1 else ''}"
        )
        return "\n  ".join([head, *(str(p) for p in self.problems)])


class ValidationError(SciplanError, ValueError):
    """Raised by ``Report.raise_for_findings()``: the findings at or above a severity,
    each with its stable code and path (their messages, in Chinese, stay on the
    report)."""

    def __init__(self, findings: tuple[Any, ...] | list[Any]) -> None:
        super().__init__(tuple(findings))
        self.findings = tuple(findings)

    def __str__(self) -> str:
        count = len(self.findings)
        head = f"the plan does not validate: {count} finding{'s' if count != 1 else ''}"
        shown = [
            f"{f.severity.value} {f.code} at {f'{f.plan}:' if f.plan else ''}{f.path}"
            for f in self.findings[:20]
        ]
        if count > 20:
            shown.append(f"and {count - 20} more")
        return "\n  ".join([head, *shown])
