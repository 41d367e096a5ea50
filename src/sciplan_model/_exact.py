"""The one decimal context for exact arithmetic, and plain formatting of Decimals.

Python's ``Decimal`` operators use the thread's current context, which rounds to 28
digits by default and which an application may change (traps, precision, rounding,
exponent limits).  Everything here calls the methods of :data:`EXACT` instead: its
precision is far above any sum of magnitudes the package admits, and it traps
``Inexact`` and ``Rounded``, so a result that would need rounding raises instead of
being rounded silently.

So that no result depends on the caller's context, the package keeps two habits:

- hot inner code calls context methods (``EXACT.add(a, b)``, ``RATIO.divide(a, b)``,
  ``d.quantize(e, context=ROUNDING)``), never the operators, and turns a ``decimal``
  signal into the package's :class:`~sciplan_model.InexactResultError`;
- each public entry point that computes (roll-ups, validation, reports, rates) is
  wrapped in :func:`own_context`, which makes :data:`EXACT` the thread's context for
  the call, restores the caller's afterwards (its flags untouched) and turns a
  ``decimal`` signal from anywhere inside into the package's own error.
"""

from __future__ import annotations

import decimal
import functools
from collections.abc import Callable
from decimal import Decimal, getcontext, setcontext
from typing import ParamSpec, TypeVar

from .errors import DivisionByZeroError, InexactResultError, SciplanError

EXACT = decimal.Context(
    prec=1000,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=10_000,
    Emin=-10_000,
    traps=[
        decimal.Inexact,
        decimal.Rounded,
        decimal.InvalidOperation,
        decimal.DivisionByZero,
        decimal.Overflow,
        decimal.Underflow,
        decimal.Clamped,
    ],
)

#: Ratios (quantity / quantity, 完成率, 同比) are the one place that may round: to 28
#: significant digits, half to even; what people see is rounded again, half up.
RATIO = decimal.Context(prec=28, rounding=decimal.ROUND_HALF_EVEN, traps=[
    decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow,
])  # fmt: skip

#: What people see, rounded on purpose (half up to a stated number of places): pass it
#: as ``context=`` to ``quantize``, so that the rounding meets no trap of the caller's.
ROUNDING = decimal.Context(
    prec=EXACT.prec,
    rounding=decimal.ROUND_HALF_UP,
    Emax=EXACT.Emax,
    Emin=EXACT.Emin,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

_P = ParamSpec("_P")
_R = TypeVar("_R")


def signal_error(signal: decimal.DecimalException, operation: str) -> SciplanError:
    """The package's error for a ``decimal`` signal met in ``operation``: a division by
    zero is a :class:`DivisionByZeroError`; anything else (a result past the precision
    or the exponent limits of :data:`EXACT`) an :class:`InexactResultError`."""
    if isinstance(signal, ZeroDivisionError):
        return DivisionByZeroError(operation)
    return InexactResultError(operation)


def own_context(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``fn`` in the package's own decimal context, whatever the caller's holds.

    The caller's context is restored afterwards, unchanged (precision, rounding, traps
    and flags); a ``decimal`` signal raised inside becomes the package's error (see
    :func:`signal_error`).  For public entry points, not for hot inner code.
    """
    what = f"a value computed by {fn.__name__}()"

    @functools.wraps(fn)
    def in_own_context(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        # what decimal.localcontext(EXACT) does, at a third of its cost: a fresh copy,
        # so that nothing done inside (a caller's callback) outlives the call
        caller = getcontext()
        setcontext(EXACT.copy())
        try:
            return fn(*args, **kwargs)
        except decimal.DecimalException as e:
            raise signal_error(e, what) from None
        finally:
            setcontext(caller)

    return in_own_context


#: Most significant digits a magnitude may have.
MAX_DIGITS = 28
#: A magnitude must be below ``10 ** (MAX_EXPONENT + 1)`` …
MAX_EXPONENT = 27
#: … and its last digit may stand no further right than ``10 ** MIN_EXPONENT``.
MIN_EXPONENT = -28


def magnitude_problem(d: Decimal) -> str | None:
    """Why ``d`` cannot be a magnitude, or None when it can."""
    if not d.is_finite():
        return "not a finite number"
    if d:
        t = d.as_tuple()
        if len(t.digits) > MAX_DIGITS:
            return f"more than {MAX_DIGITS} significant digits"
        if d.adjusted() > MAX_EXPONENT or t.exponent < MIN_EXPONENT:  # type: ignore[operator]
            return "too large or too finely divided"
    return None


def plain(d: Decimal) -> Decimal:
    """``d`` without trailing fractional zeros and without a positive exponent.

    >>> plain(Decimal("1593000.0")), plain(Decimal("1.5E+3")), plain(Decimal("-0.00"))
    (Decimal('1593000'), Decimal('1500'), Decimal('0'))
    """
    n = d.normalize(EXACT)
    if n.as_tuple().exponent > 0:  # type: ignore[operator]
        n = n.quantize(Decimal(1), context=EXACT)
    return n if n else n.copy_abs()


def positional(d: Decimal) -> Decimal:
    """``d`` as written but without a positive exponent (``1.2E+8`` → ``120000000``)."""
    if d.as_tuple().exponent > 0:  # type: ignore[operator]
        return d.quantize(Decimal(1), context=EXACT)
    return d


def fmt(d: Decimal) -> str:
    """Write ``d`` in positional notation, never with an exponent."""
    return format(d, "f")
