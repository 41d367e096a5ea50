"""Read a figure as written into its parts, without building any object yet.

One pass, left to right: lead words (力争, 至少, 超过, 近, 约 …), a rate's 每万人 or a
百分之, the number (Arabic, full-width or Chinese, with scales inside: 1亿2000万,
6957万7千), 余/多, a range's second end (1-2, 1——2, 1至2), the unit (with 个 as a
classifier, 万 alone as 万元, and an alternative in brackets: 人(次), 份(册)), and tail
words (以上, 以下, 以内, 左右, 内 after a span of time).  Text is folded first
(full-width forms to ASCII, traditional characters to simplified), one character for one.

The result is a :class:`Scanned` record; ``quantity`` and ``figure`` build their
objects from it.  :func:`scan` reads a whole text and raises
:class:`FigureParseError` with the position of the first character it could not read;
:func:`scan_prefix` reads the longest figure that starts at a position of a longer
text, for the finder of figures in prose.  Each looks at a character a bounded number of
times, so scanning is linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple, TypeVar

from ._exact import EXACT, magnitude_problem, plain
from ._reading import (
    CN_NUMERAL_CHARS,
    MAX_DIGITS,
    SCALE_NAMES,
    SCALES,
    Bad,
    fold_text,
    read_compound,
    read_scale,
)
from .errors import FigureParseError, UnknownUnitError, WrongTypeError
from .units import unit_info, unit_names

T = TypeVar("T")

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
    "确保": None, "达到": None, "达": None, "实现": None, "共计": None, "共": None,
    "合计": None, "总计": None, "计": None, "累计": None, "共有": None, "总共": None,
    "全年": None, "高达": None, "多达": None,
    # verbs that plans put between a qualifier and its number (至少参加2期以上)
    "参加": None, "完成": None, "新增": None, "举办": None, "培训": None, "开展": None,
    "建成": None, "建立": None, "引进": None, "发展": None, "推广": None, "实施": None,
    "取得": None, "获得": None, "开发": None, "选派": None, "发放": None, "参训": None,
    "投入": None, "认定": None, "培育": None, "服务": None, "带动": None,
    "吸引": None, "组织": None, "召开": None, "接待": None, "帮扶": None, "转化": None,
    "申请": None, "授权": None, "登记": None, "孵化": None, "招引": None, "新建": None,
    "有": None, "占": None, "增长": None, "增加": None, "提高": None, "减少": None,
    "降低": None, "下降": None,
    "不少于": K_AT_LEAST, "至少": K_AT_LEAST, "不低于": K_AT_LEAST, "最少": K_AT_LEAST,
    "超过": K_MORE_THAN, "多于": K_MORE_THAN, "突破": K_MORE_THAN, "逾": K_MORE_THAN,
    "不超过": K_AT_MOST, "不高于": K_AT_MOST, "最多": K_AT_MOST,
    "不满": K_LESS_THAN, "低于": K_LESS_THAN, "少于": K_LESS_THAN, "不足": K_LESS_THAN,
    "不到": K_LESS_THAN,
    "将近": K_NEARLY, "接近": K_NEARLY, "近": K_NEARLY,
    "大约": K_ABOUT, "约": K_ABOUT,
}  # fmt: skip
TAIL_WORDS: dict[str, str] = {
    "及以上": K_AT_LEAST, "以上": K_AT_LEAST, "或以上": K_AT_LEAST,
    "及以下": K_AT_MOST, "以下": K_AT_MOST, "以内": K_AT_MOST, "之内": K_AT_MOST,
    "左右": K_ABOUT, "上下": K_ABOUT,
}  # fmt: skip
#: Words after a span of time only (2年内): a tail elsewhere would eat a word (5项内容).
TIME_TAIL_WORDS: dict[str, str] = {"内": K_AT_MOST}
#: The words of durations and multiples, which may also take 余/多 after the unit
#: (3年多, 10倍多).
TIME_WORDS = frozenset({"年", "个月", "天", "周", "小时", "分钟"})
_ODD_AFTER_UNIT = TIME_WORDS | {"倍"}
#: What may stand after a plain figure and add to it: a range's second end, a tail word,
#: 余/多, an alternative in brackets, a rate's /, spaces before any of them.
_EXTENDS = frozenset(
    "-~—–至到(/余多 \t\n\r" + "".join(w[0] for w in (*TAIL_WORDS, *TIME_TAIL_WORDS))
) | {""}
#: The units that 个 stands before as a classifier in prose (20个课时 is 20 课时); before
#: any other word there it is the unit itself (5个项目, 3个人才).  A whole figure such
#: as 3个人 reads as 3人.
CLASSIFIED_BY_GE = frozenset({"课时", "学时", "小时", "工作日"})
#: The most lead words a figure takes (力争全年累计达到约…: five), and the most words
#: of its qualifier (至少…以上, 约…左右: two).  A figure is refused past them at once, so
#: that a run of 约约约… costs no more than its length.
MAX_LEAD_WORDS = 8
MAX_QUALIFIER_WORDS = 4

#: Characters of a figure's placeholder (20xx万元, X万元, ×%, **家).
FIGURE_PLACEHOLDERS = frozenset("xX×*")


def _by_first_character(words: dict[str, str] | dict[str, str | None]) -> dict[str, list[str]]:
    """Words grouped by their first character, longest first within each group."""
    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        groups.setdefault(w[0], []).append(w)
    return groups


_LEADS = _by_first_character(LEAD_WORDS)
_TAILS = _by_first_character(TAIL_WORDS)
_TIME_TAILS = _by_first_character(TIME_TAIL_WORDS)
#: The dashes of a range: hyphen, em and en dash, and the look-alikes that converted
#: documents and Word put in their place (U+2015 horizontal bar, U+2012 figure dash,
#: U+2011 non-breaking hyphen): 1―2次 is 1—2次, never the figure 2次 alone.
_DASHES = frozenset("-—–―‒‑")
_RANGE_SEPARATORS = _DASHES | frozenset("~至到")
_ODD = frozenset("余多")
#: Spaces a whole figure may hold between its parts (8500 亩, 约\n500斤; the no-break
#: space U+00A0 that Word and web pages put between a number and its unit) …
_SPACES = frozenset(" \xa0\t\n\r")
#: … and those a figure found in prose may: a tab parts the cells of a table.
_PROSE_SPACES = frozenset(" \xa0\n\r")
#: … and around a whole figure, where a line break would be another line.
_EDGE_SPACES = frozenset(" \xa0\t")
_PER = "每"
_PERCENT_WORDS = "百分之"
_BOTTOM_PREFIXES = {"百": "百", "千": "千"}
#: A bracketed word that adds nothing to the figure: 30家(含)以上.
_INCLUSIVE = "(含)"


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
    implied_unit: bool = False  # 万 alone read as 万元 (20xx万以上)


def alternative_read(unit: str, inside: str) -> str | None:
    """The alternative unit that ``unit(inside)`` says: 人(次) says 人次, 份(册) says 册;
    None where the brackets hold no other unit of a figure."""
    word = unit_info(unit).word
    for candidate in (word + inside, inside):
        if candidate in _UNIT_NAME_SET:
            return None if candidate == word else candidate
    return None


def _unit_pattern() -> str:
    names = sorted(unit_names(), key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


_UNIT_NAMES = sorted(unit_names(), key=len, reverse=True)
_UNIT_NAME_SET = frozenset(_UNIT_NAMES)
_UNIT_FIRST = frozenset(n[0] for n in _UNIT_NAMES)
#: The unit names by their first character, longest first.
_UNITS_BY_FIRST: dict[str, tuple[str, ...]] = {
    c: tuple(n for n in _UNIT_NAMES if n[0] == c) for c in _UNIT_FIRST
}
# The common case — digits, a scale, a unit — read by one anchored expression.
PLAIN = re.compile(
    r"([0-9]{1,28}(?:\.[0-9]{1,28})?)(万亿|亿|万)?(" + _unit_pattern() + ")",
    re.ASCII,
)


def _unit_at(s: str, i: int) -> bool:
    """Whether one of the unit names starts at ``s[i]``."""
    return any(s.startswith(name, i) for name in _UNIT_NAMES if name[0] == s[i])


def unit_name_at(s: str, i: int) -> str | None:
    """The longest unit name that starts at ``s[i]`` (None when none does)."""
    if i >= len(s):
        return None
    for name in _UNITS_BY_FIRST.get(s[i], ()):
        if s.startswith(name, i):
            return name
    return None


#: Characters a verb between a qualifier and its number is not made of: 至少参训3期 has a
#: verb, 超过去年5家 and 不少于全省平均 do not.
_NOT_VERB = frozenset("年期均省市国县区去上同每全各") | CN_NUMERAL_CHARS | FIGURE_PLACEHOLDERS


def verb_gap(s: str, i: int) -> int:
    """How many characters of a short verb stand at ``s[i]`` before a number, after a
    qualifier word (至少参训3期以上, 不少于接受2次): one or two Chinese characters, or 0."""
    for w in _LEADS.get(s[i : i + 1], ()):
        if s.startswith(w, i) and LEAD_WORDS[w] not in (None, "ASPIRATION"):
            return 0  # a second qualifier (至少不满100人) is no verb
    for k in (2, 1):
        j = i + k
        # a space or a line break may part the verb from its number (至少参训\n3期以上),
        # as it may part a qualifier from it
        breaks = 0
        while j < len(s) and j - i - k < 3 and s[j] in _PROSE_SPACES:
            breaks += s[j] == "\n"
            if breaks > 1:
                break
            j += 1
        if j >= len(s) or not ("0" <= s[j] <= "9" or s[j] in CN_NUMERAL_CHARS):
            continue
        if all("\u4e00" <= c <= "\u9fff" and c not in _NOT_VERB for c in s[i : i + k]):
            return k
    return 0


def _known_unit(unit: str, at: int) -> str:
    """``unit`` where the registry knows it; else the figure cannot be read at ``at``."""
    try:
        unit_info(unit)
    except UnknownUnitError as e:
        raise Bad(at, e.reason or "an unknown unit") from None
    return unit


def word_at(s: str, i: int, w: str) -> int | None:
    """Where the word ``w`` written at ``s[i]`` ends — also where a wrapped line breaks
    it (不少\\n于, from a converted PDF); None where it is not written there."""
    if s.startswith(w, i):
        return i + len(w)
    for cut in range(1, len(w)):
        if s.startswith(w[:cut], i):
            j = i + cut
            j += s.startswith("\r", j)
            if s.startswith("\n", j) and s.startswith(w[cut:], j + 1):
                return j + 1 + len(w) - cut
        else:
            return None
    return None


def word_before(s: str, at: int, w: str, floor: int) -> int | None:
    """Where the word ``w`` that ends at ``s[at]`` starts, a wrapped line's break inside
    it allowed; None where it does not end there."""
    k = at - len(w)
    if k >= floor and s.startswith(w, k):
        return k
    k -= 1
    if k >= floor and "\n" in s[k:at] and word_at(s, k, w) == at:
        return k
    if k - 1 >= floor and "\r\n" in s[k - 1 : at] and word_at(s, k - 1, w) == at:
        return k - 1
    return None


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
        return _Scanner(fold_text(text), 0, prefix=False).whole()
    except Bad as bad:
        raise FigureParseError(text, bad.position, bad.reason) from None


def scan_prefix(s: str, start: int) -> tuple[Scanned, int] | None:
    """The longest figure of the folded text ``s`` that starts at ``s[start]`` (lead
    words included), with the index after it; None when no figure starts there."""
    m = PLAIN.match(s, start)
    if m is not None and s[m.end() : m.end() + 1] not in _EXTENDS and m.group(3) != "个":
        # the common case, digits, a scale and a unit with nothing after that could add
        # to the figure, read without the general scanner
        value = Decimal(m.group(1))
        scale, unit = m.group(2), m.group(3)
        if magnitude_problem(value) is None and (scale is None or unit_info(unit).scalable):
            name = unit if scale is None else scale + unit
            at = m.start(3) if scale is None else m.start(2)
            return Scanned(value, name, K_EXACT, False, unit_at=at), m.end()
    scanner = _Scanner(s, start, prefix=True)
    try:
        found = scanner.longest()
    except Bad:
        return None
    return found


def _regroup(value: Decimal, power: int, number: str, at: int) -> Decimal:
    """The value of a number whose scale word comes after its 余/多 (一亿二千余万元),
    counted in that scale.  The scale after 余 reaches only the part of the number below
    the next larger group written inside it: 一亿二千余万 is 1亿 and 2千余万, 12000余万,
    not 100002000万."""
    group = Decimal(10 ** (power + 4))  # 亿 above 万, 万亿 above 亿
    if value.copy_abs() < group or not any(c in SCALES for c in number):
        return value
    high, low = EXACT.divmod(value, group)
    if low.copy_abs() >= 10**4:
        raise Bad(at, "a part too large for the scale before it")
    return EXACT.add(EXACT.multiply(high, Decimal(10**4)), low)


class _Scanner:
    """One figure's reader.  In prefix mode the optional parts after the unit (a
    range's second end, an alternative, tail words) are tried from a saved state and
    left out when they do not fit, and the figure may end before the text does."""

    __slots__ = (
        "alternative_at",
        "aspirational",
        "gaps",
        "i",
        "implied",
        "n",
        "prefix",
        "qualifiers",
        "s",
        "scale_at",
        "unit_at",
        "word_end",
        "words_at",
    )

    def __init__(self, s: str, start: int, *, prefix: bool) -> None:
        self.s = s
        self.i = start
        self.n = len(s)
        self.prefix = prefix
        self.gaps = _PROSE_SPACES if prefix else _SPACES
        self.qualifiers: list[tuple[str, int]] = []
        self.aspirational = False
        self.words_at = -1
        self.scale_at = -1
        self.unit_at = -1
        self.alternative_at = -1
        self.implied = False
        self.word_end = start

    # -- state, for the parts that prefix mode may leave out ---------------------------

    def _save(self) -> tuple[int, int, int, int, bool]:
        return self.i, len(self.qualifiers), self.alternative_at, self.scale_at, self.implied

    def _restore(self, state: tuple[int, int, int, int, bool]) -> None:
        self.i, count, self.alternative_at, self.scale_at, self.implied = state
        del self.qualifiers[count:]

    def _skip_spaces(self) -> None:
        # at most one line break: a figure does not run across paragraphs
        breaks = 0
        while self.i < self.n and self.s[self.i] in self.gaps:
            if self.s[self.i] == "\n":
                breaks += 1
                if breaks > 1:
                    return
            self.i += 1

    def _skip_edge(self) -> None:
        """Spaces before or after a whole figure (a line break inside one only)."""
        while self.i < self.n and self.s[self.i] in _EDGE_SPACES:
            self.i += 1

    def _word(self, words: dict[str, list[str]]) -> str | None:
        """The word of ``words`` at ``self.i``, its end left in ``self.word_end``."""
        if self.i >= self.n:
            return None
        for w in words.get(self.s[self.i], ()):
            end = word_at(self.s, self.i, w)
            if end is not None:
                self.word_end = end
                return w
        return None

    # -- a whole figure ------------------------------------------------------------------

    def whole(self) -> Scanned:
        """The figure that is the whole text (spaces around it allowed)."""
        found = self._figure()
        self._end()
        return found

    def longest(self) -> tuple[Scanned, int]:
        """The longest figure from the start, and where it ends."""
        found = self._figure()
        return found, self.i

    def _figure(self) -> Scanned:
        self._skip_edge()
        if self.i == self.n:
            raise Bad(self.i, "a figure was expected")
        self._leads()
        per = self._per()
        if self.s.startswith(_PERCENT_WORDS, self.i):
            return self._percent_words(per)
        start = self.i
        negative = self.i < self.n and self.s[self.i] in "-−" and not self.prefix
        if negative:
            self.i += 1
        if self.i < self.n and (self._placeholder_ahead()):
            if negative:
                raise Bad(start, "a sign before a placeholder")
            return self._placeholder_figure(per)
        value, power = self._number()
        if negative:
            value = value.copy_negate()
        if not power:  # a scale word after a space: 5 万元
            j = self.i
            while j < self.n and self.s[j] in self.gaps:
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
                number = self.s[start : self.i - 1]  # before its 余
                power = self._scale()
                value = _regroup(value, power, number, start)
        state = self._save()
        self._skip_spaces()
        if self.i < self.n and self.s[self.i] in _RANGE_SEPARATORS:
            found = self._optional(lambda: self._range(start, value, power, odd, None, per))
            if found is not None:
                return found
            self._restore(state)
        unit = self._unit(power, per)
        state = self._save()
        self._skip_spaces()
        if self.i < self.n and self.s[self.i] in _RANGE_SEPARATORS and not self.implied:
            found = self._optional(lambda: self._range(start, value, power, odd, unit, per))
            if found is not None:
                return found
        self._restore(state)
        if not odd:
            self._odd_after(unit)
        alternative = self._optional(lambda: self._alternative(unit))
        self._optional(lambda: self._tails(unit))
        return self._finish(value, unit, alternative=alternative)

    def _optional(self, read: Callable[[], T]) -> T | None:
        """``read()``; in prefix mode, where it fails, None and the state as it was."""
        if not self.prefix:
            return read()
        state = self._save()
        try:
            return read()
        except Bad:
            self._restore(state)
            return None

    # -- pieces -------------------------------------------------------------------

    def _leads(self) -> None:
        said = 0
        while True:
            self._skip_spaces()
            w = self._word(_LEADS)
            if w is None:
                return
            said += 1
            if said > MAX_LEAD_WORDS:
                raise Bad(self.i, f"more than {MAX_LEAD_WORDS} words before a figure")
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
                self.i = self.word_end
                if len(w) > 1:
                    self.i += verb_gap(self.s, self.i)
                continue
            self.i = self.word_end

    def _per(self) -> str | None:
        """每万人 before the number of a rate (每万人1.6件): the unit it is per."""
        s, i = self.s, self.i
        if not s.startswith(_PER, i):
            return None
        j = i + 1
        prefix = ""
        if j < self.n and s[j] in SCALES:
            power = read_scale(s, j)
            prefix = SCALE_NAMES[power]
            j += 2 if power == 12 else 1
        elif j < self.n and s[j] in _BOTTOM_PREFIXES:
            prefix = _BOTTOM_PREFIXES[s[j]]
            j += 1
        name = unit_name_at(s, j)
        if name is None:
            raise Bad(j, "a unit was expected after 每")
        self.i = j + len(name)
        if self.words_at < 0:
            self.words_at = i
        self._skip_spaces()
        return prefix + name

    def _tails(self, unit: str) -> None:
        timed = unit_info(unit).word in TIME_WORDS
        while True:
            before = self.i
            self._skip_spaces()
            w = self._word(_TAILS)
            kind = None if w is None else TAIL_WORDS[w]
            if w is None and timed:
                w = self._word(_TIME_TAILS)
                kind = None if w is None else TIME_TAIL_WORDS[w]
            if w is None or kind is None:
                self.i = before
                return
            if len(self.qualifiers) >= MAX_QUALIFIER_WORDS:
                raise Bad(self.i, f"more than {MAX_QUALIFIER_WORDS} qualifier words")
            self.qualifiers.append((kind, self.i))
            self.i = self.word_end

    def _odd_after(self, unit: str) -> None:
        """余/多 after the unit of a span of time or a multiple: 3年多, 10倍多."""
        if self.i < self.n and self.s[self.i] in _ODD and unit_info(unit).word in _ODD_AFTER_UNIT:
            self.qualifiers.append((K_ODD, self.i))
            self.i += 1

    def _placeholder_ahead(self) -> bool:
        """Whether a placeholder starts here: digits, then placeholder characters
        (20xx, X, ××, **)."""
        j = self.i
        while j < self.n and "0" <= self.s[j] <= "9":
            j += 1
        return j < self.n and self.s[j] in FIGURE_PLACEHOLDERS

    def _placeholder_figure(self, per: str | None) -> Scanned:
        j = self.i
        while j < self.n and "0" <= self.s[j] <= "9":
            j += 1
        while j < self.n and self.s[j] in FIGURE_PLACEHOLDERS:
            j += 1
        if j - self.i > MAX_DIGITS:
            raise Bad(self.i, f"a placeholder longer than {MAX_DIGITS} characters")
        if j < self.n and "0" <= self.s[j] <= "9":
            raise Bad(j, "a digit after a placeholder")
        placeholder = self.s[self.i : j]
        self.i = j
        power = self._scale() if j < self.n and self.s[j] in SCALES else 0
        unit = self._unit(power, per)
        alternative = self._optional(lambda: self._alternative(unit))
        self._optional(lambda: self._tails(unit))
        return self._finish(None, unit, placeholder=placeholder, alternative=alternative)

    def _percent_words(self, per: str | None) -> Scanned:
        """百分之三十 is 30%."""
        if per is not None:
            raise Bad(self.i, "百分之 after 每")
        self.unit_at = self.i
        self.i += len(_PERCENT_WORDS)
        value, power = self._number(bare_hundred=True)
        if power:
            raise Bad(self.scale_at, "a scale word after 百分之")
        self._optional(lambda: self._tails("%"))
        return self._finish(value, "%")

    def _scale(self) -> int:
        s, i = self.s, self.i
        self.scale_at = i
        if s[i] in "万萬" and s[i + 1 : i + 2] in ("亿", "億"):
            self.i += 2
            return 12
        self.i += 1
        return SCALES[s[i]]

    def _number(self, *, bare_hundred: bool = False) -> tuple[Decimal, int]:
        if self.i >= self.n:
            raise Bad(self.i, "a number was expected")
        c = self.s[self.i]
        if not ("0" <= c <= "9" or (c in CN_NUMERAL_CHARS and c not in SCALES)):
            raise Bad(self.i, "a number was expected")
        start = self.i
        if c in "百千" and (self.qualifiers or bare_hundred):
            # 突破百项, 近千人, 百分之百: a hundred or a thousand said without its 一
            j = self.i
            while j < self.n and self.s[j] in CN_NUMERAL_CHARS:
                j += 1
            value, end, power = read_compound("一" + self.s[self.i : j], 0, _unit_at)
            end += self.i - 1
        else:
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

    def _unit(self, power: int, per: str | None = None) -> str:
        self._skip_spaces()
        start = self.i
        self.unit_at = self.scale_at if power else start
        if self.i < self.n and self.s[self.i] in SCALES:
            raise Bad(self.i, "a second scale word")
        name = unit_name_at(self.s, self.i)
        if name == "个" and self.i + 1 < self.n:
            classified = unit_name_at(self.s, self.i + 1)
            if classified in CLASSIFIED_BY_GE or (
                classified is not None and classified != "个" and not self.prefix
            ):
                self.i += 1
                name = classified  # 20个课时 is 20 课时; in prose 5个项目 stays 5个
            elif classified is None and (end := self._broken_points(self.i + 1)) > 0:
                # 1个\n百分点: a line break (a wrapped line) inside the unit 个百分点
                name = "个百分点"
                self.i = end - len(name)
        if name is None:
            if power and self._ends_here():  # 万 alone: 20xx万以上 is money
                self.implied = True
                unit = SCALE_NAMES[power] + "元"
                return unit if per is None else self._per_unit(unit, per, start)
            if self.i >= self.n:
                raise Bad(self.i, "a unit was expected")
            raise Bad(self.i, "an unknown unit")
        self.i += len(name)
        unit = SCALE_NAMES[power] + name if power else name
        if per is not None:
            return self._per_unit(unit, per, start)
        if self.i < self.n and self.s[self.i] == "/":
            self.i += 1
            j = self.i
            bottom_prefix = ""
            if j < self.n and self.s[j] in SCALES:
                bottom_power = read_scale(self.s, j)
                bottom_prefix = SCALE_NAMES[bottom_power]
                j += 2 if bottom_power == 12 else 1
            elif j < self.n and self.s[j] in _BOTTOM_PREFIXES:
                bottom_prefix = _BOTTOM_PREFIXES[self.s[j]]
                j += 1
            bottom = unit_name_at(self.s, j)
            if bottom is None:
                raise Bad(self.i, "a unit was expected after /")
            self.i = j + len(bottom)
            unit = f"{unit}/{bottom_prefix}{bottom}"
        return _known_unit(unit, start)

    def _broken_points(self, j: int) -> int:
        """Where 百分点 ends when it stands at ``s[j]`` after spaces or one line break
        (0 when it does not)."""
        k = j
        while k < self.n and k - j < 3 and self.s[k] in self.gaps:
            k += 1
        if k == j or self.s[j:k].count("\n") > 1 or not self.s.startswith("百分点", k):
            return 0
        return k + len("百分点")

    def _ends_here(self) -> bool:
        """Whether the number ends its figure here: at the end of the text, before a
        mark, or before a tail word — not before other words (5万农户)."""
        if self.i >= self.n:
            return True
        c = self.s[self.i]
        if not "\u4e00" <= c <= "\u9fff":
            return True
        return self._word(_TAILS) is not None or c in _ODD

    def _per_unit(self, unit: str, per: str, at: int) -> str:
        return _known_unit(f"{unit}/{per}", at)

    def _alternative(self, unit: str) -> str | None:
        """An alternative in brackets: 份(册), or the rest of a longer word: 人(次) is
        人 or 人次.  ``(含)`` after a figure says the figure itself is included."""
        if not (self.i < self.n and self.s[self.i] == "("):
            return None
        if self.s.startswith(_INCLUSIVE, self.i):
            self.i += len(_INCLUSIVE)
            return None
        self.alternative_at = self.i
        at = self.i + 1
        close = self.s.find(")", at, at + 8)
        if close < 0:
            raise Bad(at, "a unit in brackets was expected")
        name = alternative_read(unit, self.s[at:close])
        if name is None:
            raise Bad(at, "a unit in brackets was expected")
        if unit_info(unit).currency or unit_info(name).currency:
            raise Bad(at, "money takes no alternative unit")
        self.i = close + 1
        return name

    def _range(
        self,
        start: int,
        low: Decimal,
        low_power: int,
        odd: bool,
        low_unit: str | None,
        per: str | None,
    ) -> Scanned:
        if odd:
            raise Bad(self.i, "a range after 余 or 多")
        if low < 0:
            raise Bad(start, "a negative end of a range")
        first = self.s[self.i]
        self.i += 1
        if first in _DASHES and self.i < self.n and self.s[self.i] in _DASHES:
            self.i += 1  # 1——2次, 1--2次
        self._skip_spaces()
        high, high_power = self._number()
        if self.i < self.n and self.s[self.i] in _ODD:
            raise Bad(self.i, "余 or 多 in a range")
        unit = self._unit(high_power, per)
        if self.implied:
            raise Bad(self.i, "a unit was expected")
        alternative = self._optional(lambda: self._alternative(unit))  # 3至5场(次)
        before_tails = self._save()
        self._optional(lambda: self._tails(unit))
        if low_unit is not None:
            if unit_info(low_unit).dimension != unit_info(unit).dimension:
                raise Bad(start, f"{low_unit} and {unit} count different things")
        elif not low_power:
            low_unit = unit
        else:
            # 3万-5万元: the low end in the high end's unit with its own scale (of the top
            # of a rate: 3万-5万元/项)
            top, slash, bottom = unit.partition("/")
            low_unit = SCALE_NAMES[low_power] + unit_info(top).word + slash + bottom
            try:
                unit_info(low_unit)
            except UnknownUnitError:
                raise Bad(start, f"{unit} takes no scale word") from None
        low_canon = EXACT.multiply(low, unit_info(low_unit).factor)
        if low_canon > EXACT.multiply(high, unit_info(unit).factor):
            raise Bad(start, "the range's low end is above its high end")
        timed = unit_info(unit).word in TIME_WORDS
        if (
            timed
            and self.qualifiers
            and all(kind == K_AT_MOST and at > start for kind, at in self.qualifiers)
        ):
            del self.qualifiers[:]  # 1——2年内, 3至5年以内: the span is the range itself
        if self.qualifiers and self.prefix:
            self._restore(before_tails)  # in prose, 3-5亿元 stands without its 以上
        if self.qualifiers:
            raise Bad(self.qualifiers[0][1], "a qualifier on a range")
        if not self.prefix:
            self._end()
        return Scanned(
            low,
            low_unit,
            K_RANGE,
            self.aspirational,
            upper=high,
            upper_unit=unit,
            alternative_unit=alternative,
            alternative_at=self.alternative_at,
            unit_at=self.unit_at,
            words_at=self.words_at,
        )

    def _end(self) -> None:
        self._skip_edge()
        if self.i != self.n:
            raise Bad(self.i, "an unexpected character")

    def _finish(
        self,
        value: Decimal | None,
        unit: str,
        placeholder: str | None = None,
        alternative: str | None = None,
    ) -> Scanned:
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
            implied_unit=self.implied,
        )
