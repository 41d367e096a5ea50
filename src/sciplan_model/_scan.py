"""Read a figure as written into its parts, without building any object yet.

One pass, left to right, no backtracking: lead words (力争, 至少, 超过, 近, 约 …), the
number (Arabic, full-width or Chinese, with scales inside), 余/多, a range's second end,
the unit (with 个 as a classifier, and an alternative in brackets), and tail words
(以上, 以下, 以内, 左右).  The result is a :class:`Scanned` record; ``quantity`` and
``figure`` build their objects from it.  Errors are :class:`FigureParseError` with the
position of the first character that could not be read.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from ._exact import EXACT, magnitude_problem, plain
from ._reading import (
    CN_NUMERAL_CHARS,
    MAX_DIGITS,
    PLACEHOLDER_CHARS,
    SCALE_NAMES,
    SCALES,
    Bad,
    normalize_text,
    read_compound,
)
from .errors import FigureParseError, UnknownUnitError, WrongTypeError
from .units import unit_info, unit_names

# What the reader makes of qualifier words: the names of figure.Qualifier's members (the
# enum lives above this module, which must not import it; a test keeps the two alike).
K_EXACT = "EXACT"
K_AT_LEAST = "AT_LEAST"
K_MORE_THAN = "MORE_THAN"
K_AT_MOST = "AT_MOST"
K_LESS_THAN = "LESS_THAN"
K_ODD = "ODD"
K_NEARLY = "NEARLY"
K_ABOUT = "ABOUT"
K_RANGE = "RANGE"
K_UNKNOWN = "UNKNOWN"
KINDS = (K_EXACT, K_AT_LEAST, K_MORE_THAN, K_AT_MOST, K_LESS_THAN, K_ODD, K_NEARLY, K_ABOUT,
         K_RANGE, K_UNKNOWN)  # fmt: skip

#: Words before the number.  ``None`` marks a word that changes nothing (达到, 共计,
#: 确保 — a binding floor); ``"ASPIRATION"`` marks 力争 and its kin.
LEAD_WORDS: dict[str, str | None] = {
    "力争": "ASPIRATION", "争取": "ASPIRATION", "努力实现": "ASPIRATION",
    "努力达到": "ASPIRATION", "力求": "ASPIRATION",
    "确保": None, "达到": None, "实现": None, "共计": None, "共": None, "合计": None,
    "总计": None, "计": None,
    # verbs that plans put between a qualifier and its number (至少参加2期以上)
    "参加": None, "完成": None, "新增": None, "举办": None, "培训": None, "开展": None,
    "建成": None, "建立": None, "引进": None, "发展": None, "推广": None, "实施": None,
    "取得": None, "获得": None, "开发": None, "选派": None, "发放": None,
    "不少于": K_AT_LEAST, "至少": K_AT_LEAST, "不低于": K_AT_LEAST,
    "超过": K_MORE_THAN, "多于": K_MORE_THAN, "突破": K_MORE_THAN, "逾": K_MORE_THAN,
    "不超过": K_AT_MOST, "不高于": K_AT_MOST, "最多": K_AT_MOST,
    "不满": K_LESS_THAN, "低于": K_LESS_THAN, "少于": K_LESS_THAN, "不足": K_LESS_THAN,
    "将近": K_NEARLY, "接近": K_NEARLY, "近": K_NEARLY,
    "大约": K_ABOUT, "约": K_ABOUT,
}  # fmt: skip
TAIL_WORDS: dict[str, str] = {
    "及以上": K_AT_LEAST, "以上": K_AT_LEAST,
    "及以下": K_AT_MOST, "以下": K_AT_MOST, "以内": K_AT_MOST,
    "左右": K_ABOUT,
}  # fmt: skip


def _by_first_character(words: dict[str, str] | dict[str, str | None]) -> dict[str, list[str]]:
    """Words grouped by their first character, longest first within each group."""
    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        groups.setdefault(w[0], []).append(w)
    return groups


_LEADS = _by_first_character(LEAD_WORDS)
_TAILS = _by_first_character(TAIL_WORDS)
_RANGE_SEPARATORS = frozenset("-~〜—–至到")
_ODD = frozenset("余多")
_SPACES = frozenset(" \t")


class Scanned(NamedTuple):
    """The parts of one figure as written."""

    value: Decimal | None  # None for a placeholder (20xx)
    unit: str  # with its scale word: 万元
    qualifier: str
    aspirational: bool
    upper: Decimal | None = None  # a range's upper end, in ``upper_unit``
    upper_unit: str | None = None
    placeholder: str | None = None  # "20xx"
    alternative_unit: str | None = None  # 册 in 52.6万册(份) is (份)
    qualifier_at: int = -1  # where the first qualifier word stands
    unit_at: int = -1  # where the unit (or the scale word before it) stands
    words_at: int = -1  # where the first word before the number stands (力争, 共计, 参加 …)
    alternative_at: int = -1  # where the bracketed alternative unit stands


def _unit_pattern() -> str:
    names = sorted(unit_names(), key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


_UNIT_NAMES = sorted(unit_names(), key=len, reverse=True)
_UNIT_FIRST = frozenset(n[0] for n in _UNIT_NAMES)
# The common case — digits, a scale, a unit — read by one anchored expression.
PLAIN = re.compile(
    r"([0-9]{1,28}(?:\.[0-9]{1,28})?)(万亿|亿|万)?(" + _unit_pattern() + ")",
    re.ASCII,
)


def _unit_at(s: str, i: int) -> bool:
    """Whether one of the unit names starts at ``s[i]``."""
    return any(s.startswith(name, i) for name in _UNIT_NAMES if name[0] == s[i])


def scan(text: object) -> Scanned:
    """Read ``text`` into a :class:`Scanned` record or raise FigureParseError."""
    if not isinstance(text, str):
        raise WrongTypeError("figure text", "a str", type(text).__name__)
    m = PLAIN.fullmatch(text)
    if m is not None and magnitude_problem(value := Decimal(m.group(1))) is None:
        scale, unit = m.group(2), m.group(3)
        if scale is None:
            return Scanned(value, unit, K_EXACT, False, unit_at=m.start(3))
        if unit_info(unit).scalable:
            return Scanned(value, scale + unit, K_EXACT, False, unit_at=m.start(2))
    try:
        return _Scanner(normalize_text(text)).figure()
    except Bad as bad:
        raise FigureParseError(text, bad.position, bad.reason) from None


class _Scanner:
    __slots__ = (
        "alternative_at",
        "aspirational",
        "i",
        "n",
        "qualifiers",
        "s",
        "scale_at",
        "unit_at",
        "words_at",
    )

    def __init__(self, s: str) -> None:
        self.s = s
        self.i = 0
        self.n = len(s)
        self.qualifiers: list[tuple[str, int]] = []
        self.aspirational = False
        self.words_at = -1
        self.scale_at = -1
        self.unit_at = -1
        self.alternative_at = -1

    def _skip_spaces(self) -> None:
        while self.i < self.n and self.s[self.i] in _SPACES:
            self.i += 1

    def _word(self, words: dict[str, list[str]]) -> str | None:
        if self.i >= self.n:
            return None
        for w in words.get(self.s[self.i], ()):
            if self.s.startswith(w, self.i):
                return w
        return None

    def figure(self) -> Scanned:
        self._skip_spaces()
        if self.i == self.n:
            raise Bad(self.i, "a figure was expected")
        self._leads()
        start = self.i
        negative = self.i < self.n and self.s[self.i] in "-−"
        if negative:
            self.i += 1
        if self.i < self.n and (self.s[self.i] in PLACEHOLDER_CHARS or self._placeholder_ahead()):
            if negative:
                raise Bad(start, "a sign before a placeholder")
            return self._placeholder_figure()
        value, power = self._number()
        if negative:
            value = value.copy_negate()
        if not power:  # a scale word after a space: 5 万元
            j = self.i
            while j < self.n and self.s[j] in _SPACES:
                j += 1
            if j > self.i and j < self.n and self.s[j] in SCALES:
                self.i = j
                power = self._scale()
        odd = False
        if self.i < self.n and self.s[self.i] in _ODD:
            self.qualifiers.append((K_ODD, self.i))
            odd = True
            self.i += 1
            if power == 0 and self.i < self.n and self.s[self.i] in SCALES:
                power = self._scale()
        self._skip_spaces()
        if self.i < self.n and self.s[self.i] in _RANGE_SEPARATORS:
            return self._range(start, value, power, odd, None)
        unit = self._unit(power)
        self._skip_spaces()
        if self.i < self.n and self.s[self.i] in _RANGE_SEPARATORS:
            return self._range(start, value, power, odd, unit)
        alternative = self._alternative(unit)
        self._tails()
        return self._finish(value, unit, alternative=alternative)

    # -- pieces -------------------------------------------------------------------

    def _leads(self) -> None:
        while True:
            self._skip_spaces()
            w = self._word(_LEADS)
            if w is None:
                return
            if self.words_at < 0:
                self.words_at = self.i
            kind = LEAD_WORDS[w]
            if kind == "ASPIRATION":
                if self.aspirational:
                    raise Bad(self.i, f"{w} after another word of aspiration")
                self.aspirational = True
            elif kind is not None:
                if self.qualifiers and self.qualifiers[0][0] != kind:
                    raise Bad(self.i, f"{w} conflicts with a qualifier before it")
                self.qualifiers.append((kind, self.i))
            self.i += len(w)

    def _tails(self) -> None:
        while True:
            self._skip_spaces()
            w = self._word(_TAILS)
            if w is None:
                return
            self.qualifiers.append((TAIL_WORDS[w], self.i))
            self.i += len(w)

    def _placeholder_ahead(self) -> bool:
        j = self.i
        while j < self.n and "0" <= self.s[j] <= "9":
            j += 1
        return j > self.i and j < self.n and self.s[j] in PLACEHOLDER_CHARS

    def _placeholder_figure(self) -> Scanned:
        j = self.i
        while j < self.n and ("0" <= self.s[j] <= "9" or self.s[j] in PLACEHOLDER_CHARS):
            j += 1
        if j - self.i > MAX_DIGITS:
            raise Bad(self.i, f"a placeholder longer than {MAX_DIGITS} characters")
        placeholder = self.s[self.i : j]
        self.i = j
        power = self._scale() if j < self.n and self.s[j] in SCALES else 0
        unit = self._unit(power)
        alternative = self._alternative(unit)
        self._tails()
        return self._finish(None, unit, placeholder=placeholder, alternative=alternative)

    def _scale(self) -> int:
        s, i = self.s, self.i
        self.scale_at = i
        if s[i] in "万萬" and s[i + 1 : i + 2] in ("亿", "億"):
            self.i += 2
            return 12
        self.i += 1
        return SCALES[s[i]]

    def _number(self) -> tuple[Decimal, int]:
        if self.i >= self.n:
            raise Bad(self.i, "a number was expected")
        c = self.s[self.i]
        if not ("0" <= c <= "9" or (c in CN_NUMERAL_CHARS and c not in SCALES)):
            raise Bad(self.i, "a number was expected")
        start = self.i
        value, end, power = read_compound(self.s, self.i, _unit_at)
        self.i = end
        if power:
            self.scale_at = end - (2 if power == 12 else 1)
        if power:
            value = value.scaleb(-power, EXACT)
        if not "0" <= c <= "9":
            value = plain(value)  # 三万 is 3 (万), not 3.0000
        problem = magnitude_problem(value)
        if problem is not None:
            raise Bad(start, f"a number with {problem}")
        return value, power

    def _unit_name(self) -> str | None:
        s, i = self.s, self.i
        if i >= self.n or s[i] not in _UNIT_FIRST:
            return None
        for name in _UNIT_NAMES:
            if s.startswith(name, i):
                return name
        return None

    def _unit(self, power: int) -> str:
        self._skip_spaces()
        start = self.i
        self.unit_at = self.scale_at if power else start
        if self.i < self.n and self.s[self.i] in SCALES:
            raise Bad(self.i, "a second scale word")
        name = self._unit_name()
        if name == "个" and self.i + 1 < self.n:
            self.i += 1
            classified = self._unit_name()
            if classified is None or classified == "个":
                self.i -= 1
            else:
                name = classified  # 20个课时 is 20 课时
        if name is None:
            if self.i >= self.n:
                raise Bad(self.i, "a unit was expected")
            raise Bad(self.i, "an unknown unit")
        self.i += len(name)
        unit = SCALE_NAMES[power] + name if power else name
        if self.i < self.n and self.s[self.i] == "/":
            self.i += 1
            bottom = self._unit_name()
            if bottom is None:
                raise Bad(self.i, "a unit was expected after /")
            self.i += len(bottom)
            unit = f"{unit}/{bottom}"
        try:
            unit_info(unit)
        except UnknownUnitError as e:
            raise Bad(start, e.reason or "an unknown unit") from None
        return unit

    def _alternative(self, unit: str) -> str | None:
        if not (self.i < self.n and self.s[self.i] == "("):
            return None
        self.alternative_at = self.i
        self.i += 1
        at = self.i
        name = self._unit_name()
        if name is None or not self.s.startswith(")", self.i + len(name)):
            raise Bad(at, "a unit in brackets was expected")
        if unit_info(name).dimension != unit_info(unit).dimension:
            raise Bad(at, f"{name} does not count what {unit} counts")
        self.i += len(name) + 1
        return name

    def _range(
        self, start: int, low: Decimal, low_power: int, odd: bool, low_unit: str | None
    ) -> Scanned:
        if odd:
            raise Bad(self.i, "a range after 余 or 多")
        if low < 0:
            raise Bad(start, "a negative end of a range")
        self.i += 1
        self._skip_spaces()
        high, high_power = self._number()
        if self.i < self.n and self.s[self.i] in _ODD:
            raise Bad(self.i, "余 or 多 in a range")
        unit = self._unit(high_power)
        self._tails()
        if low_unit is not None:
            if unit_info(low_unit).dimension != unit_info(unit).dimension:
                raise Bad(start, f"{low_unit} and {unit} count different things")
        elif not low_power:
            low_unit = unit
        else:
            word = unit_info(unit).word
            low_unit = SCALE_NAMES[low_power] + word
            try:
                unit_info(low_unit)
            except UnknownUnitError:
                raise Bad(start, f"{unit} takes no scale word") from None
        low_canon = EXACT.multiply(low, unit_info(low_unit).factor)
        if low_canon > EXACT.multiply(high, unit_info(unit).factor):
            raise Bad(start, "the range's low end is above its high end")
        if self.qualifiers:
            raise Bad(self.qualifiers[0][1], "a qualifier on a range")
        self._end()
        return Scanned(
            low,
            low_unit,
            K_RANGE,
            self.aspirational,
            upper=high,
            upper_unit=unit,
            unit_at=self.unit_at,
            words_at=self.words_at,
        )

    def _end(self) -> None:
        self._skip_spaces()
        if self.i != self.n:
            raise Bad(self.i, "an unexpected character")

    def _finish(
        self,
        value: Decimal | None,
        unit: str,
        placeholder: str | None = None,
        alternative: str | None = None,
    ) -> Scanned:
        self._end()
        qualifier = self.qualifiers[0][0] if self.qualifiers else K_EXACT
        for kind, at in self.qualifiers:
            if kind != qualifier:
                raise Bad(at, "two qualifiers that disagree")
        at = self.qualifiers[0][1] if self.qualifiers else -1
        if placeholder is not None:
            if qualifier == K_EXACT:
                qualifier = K_UNKNOWN  # a bare 20xx万元; a qualified one keeps its word
            elif qualifier == K_ODD:
                raise Bad(at, "余 or 多 after a placeholder")
        elif qualifier == K_ODD and value is not None and not value:
            raise Bad(at, "余 or 多 after zero")
        return Scanned(
            value,
            unit,
            qualifier,
            self.aspirational,
            placeholder=placeholder,
            alternative_unit=alternative,
            qualifier_at=at,
            unit_at=self.unit_at,
            words_at=self.words_at,
            alternative_at=self.alternative_at,
        )
