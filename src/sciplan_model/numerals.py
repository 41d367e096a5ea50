"""Numbers as Chinese plans write them: Arabic, full-width and Chinese numerals.

``parse_number`` reads a whole number and returns an exact ``Decimal``::

    >>> parse_number("159。3")          # a converted document's full-width stop
    Decimal('159.3')
    >>> parse_number("２１００")         # full-width digits
    Decimal('2100')
    >>> parse_number("1,593,000")
    Decimal('1593000')
    >>> parse_number("三万五千"), parse_number("一百二十"), parse_number("两")
    (Decimal('35000'), Decimal('120'), Decimal('2'))
    >>> parse_number("贰仟零伍"), parse_number("二〇〇六")
    (Decimal('2005'), Decimal('2006'))

The readers behind it (in the private module ``_reading``) never backtrack: each looks
at every character once, so no input takes more than linear time.
"""

from __future__ import annotations

from decimal import Decimal

from ._exact import positional
from ._reading import Bad, normalize_text, read_compound
from .errors import InvalidValueError, NumeralParseError, WrongTypeError

__all__ = ["normalize_text", "parse_number", "to_chinese_numeral"]


def parse_number(text: str) -> Decimal:
    """Read a whole number written in Arabic or Chinese numerals, exactly.

    Raises :class:`~sciplan_model.errors.NumeralParseError` (a ``ValueError``) naming
    the position of the first character it cannot read.

    >>> parse_number("1亿2000万")
    Decimal('120000000')
    >>> parse_number("12x")
    Traceback (most recent call last):
    ...
    sciplan_model.errors.NumeralParseError: cannot read number '12x': an unexpected character at position 2 ('x')
    """
    if not isinstance(text, str):
        raise WrongTypeError("text", "str", type(text).__name__)
    s = normalize_text(text)
    try:
        value, end, _ = read_compound(s, 0)
        if end != len(s):
            raise Bad(end, "an unexpected character")
    except Bad as bad:
        raise NumeralParseError(text, bad.position, bad.reason) from None
    return positional(value)


def to_chinese_numeral(n: int) -> str:
    """Write a whole number from 0 to 99 999 999 in Chinese numerals.

    >>> [to_chinese_numeral(k) for k in (0, 5, 10, 11, 15, 20, 105, 2006, 35000)]
    ['零', '五', '十', '十一', '十五', '二十', '一百零五', '二千零六', '三万五千']
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise WrongTypeError("n", "int", type(n).__name__)
    if not 0 <= n < 100_000_000:
        raise InvalidValueError("number", f"{n} is not between 0 and 99999999")
    if n == 0:
        return "零"
    if n >= 10_000:
        high, low = divmod(n, 10_000)
        text = _under_wan(high) + "万"
        if low:
            text += ("零" if low < 1000 else "") + _under_wan(low, leading_ten=False)
        return text
    return _under_wan(n)


def _under_wan(n: int, leading_ten: bool = True) -> str:
    digits = "零一二三四五六七八九"
    out: list[str] = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            if zero:
                out.append("零")
                zero = False
            if not (unit == 10 and d == 1 and not out and leading_ten):
                out.append(digits[d])
            out.append(name)
        elif out:
            zero = True
    return "".join(out)
