"""The one decimal context for exact arithmetic, and plain formatting of Decimals.

Python's ``Decimal`` operators use the thread's current context, which rounds to 28
digits by default and which an application may change.  Everything here calls the
methods of :data:`EXACT` instead: its precision is far above any sum of magnitudes the
package admits, and it traps ``Inexact`` and ``Rounded``, so a result that would need
rounding raises instead of being rounded silently.
"""

from __future__ import annotations

import decimal
from decimal import Decimal

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
