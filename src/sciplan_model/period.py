"""Periods: years (2006年, 二〇〇六年, the placeholder 20xx年) and five-year plans.

Five-year plans are numbered from 1953.  The 1st covered 1953–1957 and the 2nd
1958–1962; 1963–1965 were years of adjustment outside any plan; the 3rd began in 1966.
So the n-th starts in 1948 + 5n for n ≤ 2 and in 1951 + 5n for n ≥ 3::

    >>> p = FiveYearPlan.parse("“十一五”")
    >>> p.number, p.name, p.start_year, p.end_year
    (11, '十一五', 2006, 2010)
    >>> FiveYearPlan.containing(2026).name, FiveYearPlan.containing(1964)
    ('十五五', None)
    >>> Year.parse("二〇〇六年").value, Year.parse("20xx年").is_known
    (2006, False)
"""

from __future__ import annotations

import re
from typing import Self

import attrs

from ._reading import (
    CN_DIGITS,
    CN_NUMERAL_CHARS,
    PLACEHOLDER_CHARS,
    SCALES,
    Bad,
    normalize_text,
    read_chinese,
)
from .errors import InvalidValueError, PeriodParseError, WrongTypeError
from .numerals import to_chinese_numeral

__all__ = ["FiveYearPlan", "Period", "Year", "YearSpan", "parse_period", "period_years"]

_QUOTES = "“”\"'‘’「」『』《》"
_PLACEHOLDER_YEAR = re.compile(r"(?=.*[xX×])[0-9xX×]{4}")
_ADJUSTMENT_YEARS = range(1963, 1966)


def _check_int(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise WrongTypeError(field, "an int", type(value).__name__)
    return value


#: The largest plan number: its name (九千九百九十九五) is written without 万, so that
#: what the name says reads back as the same plan.
MAX_PLAN_NUMBER = 9_999


def _number_check(_: object, __: attrs.Attribute[int], value: int) -> None:
    if _check_int(value, "number") < 1:
        raise InvalidValueError("five-year plan", f"its number must be 1 or more, not {value}")
    if value > MAX_PLAN_NUMBER:
        raise InvalidValueError("five-year plan", f"its number {value} is beyond {MAX_PLAN_NUMBER}")


@attrs.frozen(order=True, repr=False)
class FiveYearPlan:
    """The n-th five-year plan (十五 = 10th = 2001–2005, 十四五 = 2021–2025)."""

    number: int = attrs.field(validator=_number_check)

    @property
    def name(self) -> str:
        """The plan's short Chinese name: 一五, 十五, 十一五, 十五五."""
        return to_chinese_numeral(self.number) + "五"

    @property
    def start_year(self) -> int:
        """The plan's first year."""
        return 1948 + 5 * self.number if self.number <= 2 else 1951 + 5 * self.number

    @property
    def end_year(self) -> int:
        """The plan's last year."""
        return self.start_year + 4

    @property
    def years(self) -> range:
        """The plan's five years."""
        return range(self.start_year, self.end_year + 1)

    def __contains__(self, year: object) -> bool:
        if isinstance(year, Year):
            return year.value is not None and year.value in self.years
        return isinstance(year, int) and not isinstance(year, bool) and year in self.years

    @classmethod
    def containing(cls, year: int | Year) -> FiveYearPlan | None:
        """The plan that contains ``year``; None before 1953 and in 1963–1965.

        >>> FiveYearPlan.containing(2006)
        FiveYearPlan(11)
        """
        if isinstance(year, Year):
            if year.value is None:
                return None
            year = year.value
        y = _check_int(year, "year")
        if y < 1953 or y in _ADJUSTMENT_YEARS:
            return None
        return cls((y - 1948) // 5 if y < 1963 else (y - 1951) // 5)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a plan's name: 十一五, “十一五”, “十五”期间, 第十一个五年规划.

        >>> FiveYearPlan.parse("“十五”期间").number
        10
        """
        if not isinstance(text, str):
            raise WrongTypeError("period text", "a str", type(text).__name__)
        s = normalize_text(text)
        i, end = _strip(s)
        for suffix in ("期间", "时期", "规划", "计划"):
            if s.endswith(suffix, i, end):
                end -= len(suffix)
                break
        while end > i and s[end - 1] in _QUOTES:
            end -= 1
        try:
            if s.startswith("第", i):
                for tail in ("个五年规划", "个五年计划", "个五年"):
                    if s.endswith(tail, i, end):
                        return cls(_plan_number(s, i + 1, end - len(tail)))
                raise Bad(i, "第…个五年规划 was expected")
            if end - i < 2 or s[end - 1] != "五":
                raise Bad(i, "a five-year plan's name such as 十一五 was expected")
            return cls(_plan_number(s, i, end - 1))
        except Bad as bad:
            raise PeriodParseError(text, bad.position, bad.reason) from None

    def __str__(self) -> str:
        return f"“{self.name}”"

    def __repr__(self) -> str:
        return f"FiveYearPlan({self.number})"


def _strip(s: str) -> tuple[int, int]:
    i, end = 0, len(s)
    while i < end and (s[i].isspace() or s[i] in _QUOTES):
        i += 1
    while end > i and (s[end - 1].isspace() or s[end - 1] in _QUOTES):
        end -= 1
    return i, end


def _plan_number(s: str, i: int, end: int) -> int:
    if i >= end:
        raise Bad(i, "a number was expected")
    if end - i > 8:
        raise Bad(i, "a plan's number of more than eight characters")
    if all("0" <= c <= "9" for c in s[i:end]):
        n = int(s[i:end])
    else:
        for k in range(i, end):
            if s[k] not in CN_NUMERAL_CHARS or s[k] in SCALES or s[k] == "点":
                raise Bad(k, "an unexpected character in a plan's number")
        n = int(read_chinese(s, i, end))
    if not 1 <= n <= MAX_PLAN_NUMBER:
        raise Bad(i, f"a plan's number is from 1 to {MAX_PLAN_NUMBER}")
    return n


def _year_check(_: object, __: attrs.Attribute[int | None], value: int | None) -> None:
    if value is None:
        return
    y = _check_int(value, "year")
    if not 1000 <= y <= 9999:
        raise InvalidValueError("year", f"{y} is not a year of four digits")


@attrs.frozen(repr=False, cache_hash=True)
class Year:
    """A calendar year, or a template's placeholder year (20xx年) whose value is unknown.

    >>> Year(2006), Year.parse("20xx年")
    (Year(2006), Year.parse('20xx年'))
    """

    value: int | None = attrs.field(validator=_year_check)
    placeholder: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.value is None) == (self.placeholder is None):
            raise InvalidValueError("year", "give either a value or a placeholder such as 20xx")
        if self.placeholder is not None and not _PLACEHOLDER_YEAR.fullmatch(self.placeholder):
            raise InvalidValueError(
                "year", f"placeholder {self.placeholder!r} is not four digits or x with an x"
            )

    @property
    def is_known(self) -> bool:
        """False for a placeholder year."""
        return self.value is not None

    @property
    def five_year_plan(self) -> FiveYearPlan | None:
        """The five-year plan the year falls in (None when unknown or outside any)."""
        return FiveYearPlan.containing(self)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a year: 2006年, ２００６, 二〇〇六年, 2006年度, or a placeholder 20xx年.

        >>> Year.parse("2006年度").value
        2006
        """
        if not isinstance(text, str):
            raise WrongTypeError("year text", "a str", type(text).__name__)
        s = normalize_text(text)
        i, end = _strip(s)
        for suffix in ("年度", "年"):
            if s.endswith(suffix, i, end):
                end -= len(suffix)
                break
        body = s[i:end]
        try:
            if len(body) != 4:
                raise Bad(i, "a year of four digits was expected")
            if any(c in PLACEHOLDER_CHARS for c in body):
                for k, c in enumerate(body):
                    if not ("0" <= c <= "9" or c in PLACEHOLDER_CHARS):
                        raise Bad(i + k, "a digit or x was expected")
                return cls(None, body)
            if all("0" <= c <= "9" for c in body):
                return cls(int(body))
            arabic = "0" <= body[0] <= "9"
            for k, c in enumerate(body):
                if ("0" <= c <= "9") != arabic or (
                    not arabic and (c not in CN_DIGITS or c == "两")
                ):
                    raise Bad(i + k, "a digit was expected")
            return cls(int("".join(str(CN_DIGITS[c]) for c in body)))
        except Bad as bad:
            raise PeriodParseError(text, bad.position, bad.reason) from None

    def _known(self, other: object) -> tuple[int, int] | None:
        if isinstance(other, Year) and self.value is not None and other.value is not None:
            return self.value, other.value
        return None

    def __lt__(self, other: object) -> bool:
        k = self._known(other)
        return NotImplemented if k is None else k[0] < k[1]

    def __le__(self, other: object) -> bool:
        k = self._known(other)
        return NotImplemented if k is None else k[0] <= k[1]

    def __gt__(self, other: object) -> bool:
        k = self._known(other)
        return NotImplemented if k is None else k[0] > k[1]

    def __ge__(self, other: object) -> bool:
        k = self._known(other)
        return NotImplemented if k is None else k[0] >= k[1]

    def __str__(self) -> str:
        return f"{self.value if self.value is not None else self.placeholder}年"

    def __repr__(self) -> str:
        if self.value is None:
            return f"Year.parse({str(self)!r})"
        return f"Year({self.value})"


def _span_check(instance: YearSpan, _: attrs.Attribute[Year], end: Year) -> None:
    if not isinstance(instance.start, Year):
        raise WrongTypeError("start", "a Year", type(instance.start).__name__)
    if not isinstance(end, Year):
        raise WrongTypeError("end", "a Year", type(end).__name__)
    if instance.start.value is not None and end.value is not None and instance.start > end:
        raise InvalidValueError("span of years", f"{instance.start} is after {end}")


_SPAN_SEPARATORS = ("-", "~", "至", "到", "—", "–", "〜")


@attrs.frozen(repr=False)
class YearSpan:
    """A span of whole years, first and last included: 2006年-2010年.

    >>> YearSpan.parse("2006-2010年").years
    range(2006, 2011)
    """

    start: Year
    end: Year = attrs.field(validator=_span_check)

    @property
    def years(self) -> range | None:
        """The years of the span, or None when either end is a placeholder."""
        if self.start.value is None or self.end.value is None:
            return None
        return range(self.start.value, self.end.value + 1)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a span: 2006-2010年, 2006年至2010年, 2006～2010."""
        if not isinstance(text, str):
            raise WrongTypeError("period text", "a str", type(text).__name__)
        s = normalize_text(text)
        for sep in _SPAN_SEPARATORS:
            k = s.find(sep)
            if k > 0:
                head, tail = s[:k], s[k + len(sep) :]
                if not head.strip().endswith(("年", "年度")):
                    head = head + "年"
                try:
                    start = Year.parse(head)
                except PeriodParseError as e:
                    raise PeriodParseError(text, min(e.position, k), e.reason) from None
                try:
                    end = Year.parse(tail)
                except PeriodParseError as e:
                    raise PeriodParseError(text, k + len(sep) + e.position, e.reason) from None
                try:
                    return cls(start, end)
                except InvalidValueError as e:
                    raise PeriodParseError(text, 0, e.reason) from None
        raise PeriodParseError(text, 0, "a span of years such as 2006-2010年 was expected")

    def __str__(self) -> str:
        return f"{str(self.start)[:-1]}-{self.end}"

    def __repr__(self) -> str:
        return f"YearSpan.parse({str(self)!r})"


#: A section's or a figure's period: a year, a five-year plan, or a span of years.
Period = Year | FiveYearPlan | YearSpan


def parse_period(text: str) -> Period:
    """Read a period as plans write it: a year, a five-year plan or a span of years.

    >>> parse_period("“十一五”"), parse_period("20xx年"), parse_period("2006-2010年")
    (FiveYearPlan(11), Year.parse('20xx年'), YearSpan.parse('2006-2010年'))
    """
    if not isinstance(text, str):
        raise WrongTypeError("period text", "a str", type(text).__name__)
    s = "".join(c for c in normalize_text(text).strip() if c not in _QUOTES)
    if s.endswith(("五", "五期间", "五时期", "五规划", "五计划", "个五年规划", "个五年计划")):
        return FiveYearPlan.parse(text)
    if any(sep in s[1:] for sep in _SPAN_SEPARATORS):
        return YearSpan.parse(text)
    return Year.parse(text)


def period_years(period: Period) -> range | None:
    """The years a period covers, or None when it is not known (a placeholder).

    >>> period_years(FiveYearPlan(10)), period_years(Year(2006))
    (range(2001, 2006), range(2006, 2007))
    """
    if isinstance(period, FiveYearPlan):
        return period.years
    if isinstance(period, YearSpan):
        return period.years
    if isinstance(period, Year):
        return None if period.value is None else range(period.value, period.value + 1)
    raise WrongTypeError("period", "a Year, FiveYearPlan or YearSpan", type(period).__name__)


def _may_be_in(year: Year, span: range) -> bool:
    """Whether a placeholder year (20xx) may be one of ``span``'s years."""
    pattern = year.placeholder or ""
    return any(
        all(p in "xX×" or p == d for p, d in zip(pattern, str(y), strict=True)) for y in span
    )
