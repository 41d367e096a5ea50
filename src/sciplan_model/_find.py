"""Every figure in running text, with its place: :func:`find_figures` and :class:`Found`.

The finder walks the text once.  Where a number starts (Arabic or full-width digits,
Chinese numerals, a placeholder such as 20xx or **, a rate's 每, a 百分之) it asks the
figure grammar (``_scan``, the grammar of :meth:`Figure.parse`) for the longest figure
from there, then takes in the qualifier words written just before it (近, 约, 超过,
突破, 不少于 … and a short verb between: 至少参加2期以上).  What reads as a figure but is
not one is left out: calendar years and dates, ordinals (第24届), ranks (前40位), phases
(二期工程), the indefinite 一 before a noun (一批骨干), set phrases (五位一体), quantities
inside quotes and 《》, and 万 alone where no money is spoken of.

Each position is looked at a bounded number of times, so the walk is linear in the
length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from ._exact import own_context
from ._prose import CLAUSE_ENDS
from ._reading import CN_DIGITS, CN_NUMERAL_CHARS, fold_text
from ._scan import (
    FIGURE_PLACEHOLDERS,
    LEAD_WORDS,
    TIME_WORDS,
    Scanned,
    scan_prefix,
    unit_name_at,
    verb_gap,
    word_before,
)
from .errors import SciplanError, WrongTypeError
from .figure import Figure, figure_of
from .units import unit_info

__all__ = ["Found", "find_figures"]


@attrs.frozen(repr=False)
class Found:
    """A figure found in a text: where it stands (code points, half-open), the text as
    written there — qualifier words included — and the :class:`Figure` it says, which is
    what ``Figure.parse(text)`` gives.

    >>> found = find_figures("全年新增高新技术企业15家，投入近5.5亿元。")
    >>> found
    (Found(10, 13, '15家'), Found(16, 22, '近5.5亿元'))
    >>> found[1].figure.range
    Range('[5.225亿元, 5.5亿元)')
    """

    start: int
    end: int
    text: str
    figure: Figure

    def __repr__(self) -> str:
        return f"Found({self.start}, {self.end}, {self.text!r})"


# -- the words around a figure ---------------------------------------------------------

#: Qualifier words that belong to the figure after them, longest first.
_QUALIFIERS = sorted((w for w, kind in LEAD_WORDS.items() if kind not in (None, "ASPIRATION")),
                     key=len, reverse=True)  # fmt: skip
#: Verbs that may stand between a qualifier and its number (至少参加2期以上).
_VERBS = sorted((w for w, kind in LEAD_WORDS.items() if kind is None
                 and w not in ("确保", "达到", "达", "实现", "共计", "共", "合计", "总计", "计",
                               "累计", "共有", "总共", "全年", "高达", "多达")),
                key=len, reverse=True)  # fmt: skip
#: Characters that make a one-character qualifier part of another word: 节约, 附近.
_NOT_QUALIFIER_AFTER = {"约": set("节制签合预邀公条隐简婉契和"), "近": set("附最临邻靠贴就亲")}
_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "〈": "〉", '"': '"'}
_OPENING = re.compile("[" + re.escape("".join(_QUOTES)) + "]")
#: How far a quotation or title may reach and still be a name (longer is prose).
_NAME_REACH = 40
_MONEY_WORDS = re.compile(
    "资金|经费|投入|投资|产值|收入|销售|营业|营收|利润|税|奖励|奖金|补助|补贴|拨款|贷款|"
    "融资|资助|金额|费用|成本|预算|支出|总额|资产|基金|款|元|价值|效益"
)
#: Set phrases that are names, not counts.
_SET_PHRASES = (
    "三个代表", "四个全面", "五位一体", "八项规定", "四个意识", "四个自信", "两个维护", "两个确立",
    "三次产业", "两个基本点", "一个中心", "三个一批", "四个一批", "两个一百年", "三个面向",
    "三门峡", "五台山", "五台县", "三台县", "七台河", "五家渠", "九台",
)  # fmt: skip
_SET_PHRASE_FIRST = frozenset(p[0] for p in _SET_PHRASES)
#: A unit followed by this character starts another word: 期间, 部门, 节气 …
_WORD_AFTER_UNIT = {
    "期": set("间限末初望中盼待"),
    "部": set("门署分长委属"),
    "节": set("气日点约能"),
    "类": set("型别似"),
    "组": set("织建成合"),
    "队": set("伍"),
    "口": set("径号岸罩"),
    "处": set("室理置罚分"),
    "条": set("件例款"),
    "款": set("项"),
    "间": set("隔断"),
    "门": set("类户槛诊"),
    "首": set("先次批席要"),
    "周": set("年末边"),
    "种": set("子类植养业"),
    "批": set("次准复示"),
    "轮": set("次换"),
    "架": set("构设"),
    "支": set("持撑付出部柱"),
    "块": set("钱"),
    "只": set("是有要能"),
    "头": set("脑部"),
    "所": set("属有以在谓得"),
    "户": set("籍口外"),
    "家": set("庭乡属"),
    "张": set("贴"),
    "台": set("账阶"),
    "次": set("数"),
    "场": set("所地景馆"),
}
#: Words after a span of years that make it a point in time: 2025年底, 90年代, 108年度.
_YEAR_POINT_AFTER = ("底", "初", "末", "中", "度", "代", "上半", "下半", "前后", "以来", "来", "间")
#: Verbs after a span of years that make it the time over which something is done
#: (县财政三年安排资金, 五年累计投入): a time of reference, not a figure.
_OVER_YEARS_VERB = (
    "累计",
    "安排",
    "投入",
    "共",
    "新增",
    "引进",
    "培育",
    "建成",
    "实现",
    "完成",
    "争取",
    "净增",
    "合计",
    "总计",
    "增长",
)
#: Words before a span of years that make it a time of reference: 近三年, 今后五年.
_YEAR_POINT_BEFORE = ("近", "今后", "未来", "过去", "这", "最近", "往后", "此后", "之前", "以前")
#: Words after a span of years that make it part of a name: 三年行动方案.
_YEAR_NAME_AFTER = ("行动", "规划", "计划", "攻坚", "工程", "方案", "纲要")
#: Words before a two-digit year that make it a year of the calendar: 较23年.
_YEAR_BEFORE = frozenset("较比与同于在至到自从由")
#: Verbs that change a span of time (由10年缩短至5年): the spans beside them are spans.
_SPAN_CHANGES = ("缩短", "延长", "压缩", "减少", "增加", "提高", "降低", "放宽")
#: Words after 次 that make it an ordinal: 十届五次全会.
#: Words after 次 that make it a session of a congress: 五次全会 (N中全会 likewise).
_SESSION_AFTER = ("全会",)
_ORDINAL_BEFORE = frozenset("第")
_RANK_BEFORE = frozenset("前后")
_RANK_UNITS = frozenset({"位", "名"})
_PHASE_AFTER = ("工程", "项目", "建设", "扩建", "改造", "规划")
_ASCII_LETTER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_CN_START = (frozenset(CN_DIGITS) | {"十", "拾"}) - {"零", "〇", "○"}
_QUALIFIERS_BY_LAST: dict[str, list[str]] = {}
for _w in _QUALIFIERS:  # longest first within each group, as _QUALIFIERS is sorted
    _QUALIFIERS_BY_LAST.setdefault(_w[-1], []).append(_w)
#: The characters a figure may start with: where the walk stops to look.
_STARTS = re.compile(
    "[0-9" + re.escape("".join(sorted(_CN_START | FIGURE_PLACEHOLDERS | {"每", "百", "千"}))) + "]"
)
_ARABIC = frozenset("0123456789")
#: Placeholder characters that digits after them belong to (x2, ×3); ** is Markdown's
#: bold as well (完成**12项**), so digits after * start a figure.
_BEFORE_NO_DIGIT = FIGURE_PLACEHOLDERS - {"*"}


def _is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _starts_words(c: str) -> bool:
    """Whether words (a noun) start at ``c``: a Chinese character or an opening quote."""
    return _is_cjk(c) or c in '“‘「『《"'


@own_context
def find_figures(text: str) -> tuple[Found, ...]:
    """Every figure in ``text``, in text order, none overlapping another.

    >>> [f.text for f in find_figures("2024年举办培训班30余期，培训2万人次以上（其中第一批500人）。")]
    ['30余期', '2万人次以上', '500人']
    """
    if not isinstance(text, str):
        raise WrongTypeError("text", "a str", type(text).__name__)
    return tuple(_Finder(text).run())


class _Finder:
    __slots__ = ("last", "n", "names", "s", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.s = fold_text(text)
        self.n = len(text)
        self.names = _names(self.s)
        self.last = 0  # where the last figure found ends

    def run(self) -> Iterator[Found]:
        s, n = self.s, self.n
        names = iter(self.names)
        shield = next(names, None)
        i = 0
        starts = _STARTS
        while i < n:
            m = starts.search(s, i)
            if m is None:
                return
            i = m.start()
            kind = _start_kind(s, i, s[i])
            if kind is None:
                i += 1
                continue
            while shield is not None and shield[1] <= i:
                shield = next(names, None)
            skip = _run_end(s, i, kind)
            if (shield is not None and shield[0] < i) or (
                kind in ("chinese", "arabic") and not _may_follow_numeral(s, skip)
            ):
                i = skip
                continue
            found = self._attempt(i, shield)
            if found is None:
                i = skip
                continue
            yield found
            self.last = found.end
            i = found.end

    def _attempt(self, i: int, shield: tuple[int, int] | None) -> Found | None:
        """The figure whose number starts at ``s[i]``, with the qualifier words before
        it where they belong to it; None when there is none or it is no figure."""
        for start in self._starts(i):
            got = scan_prefix(self.s, start)
            if got is None:
                continue
            parts, end = got
            if start < i and _range_follows(self.s, end):
                continue  # 约30%—40%: the range is read from its number, without its 约
            end = _trim(self.s, i, end)
            if end <= i or (shield is not None and end > shield[0]):
                return None
            if _excluded(self.s, i, end, parts):
                return None
            if parts.implied_unit and not _money_spoken_of(self.s, i, self.last):
                return None
            if end == got[1]:  # the figure read is the text's: no need to read it again
                return Found(
                    start, end, self.text[start:end], figure_of(parts, self.text[start:end])
                )
            found = _found(self.text, start, end)
            if found is not None:
                return found
        return None

    def _starts(self, i: int) -> Iterator[int]:
        """Where the figure may start: at the qualifier words just before the number
        (with a verb between: 至少参加2期), then at the number itself."""
        s = self.s
        at = _back_over_spaces(s, i, self.last)
        for k in (2, 1):  # a short verb between: 至少参加2期, 不少于接受2次
            if (
                at - k > self.last
                and s[at - k - 1] in _QUALIFIERS_BY_LAST
                and verb_gap(s, at - k) == k
            ):
                q = _qualifier_before(s, _back_over_spaces(s, at - k, self.last), self.last)
                if q is not None and at - k - q > 1:
                    yield q
        q = _qualifier_before(s, at, self.last)
        if q is not None:
            yield q
        yield i


def _may_follow_numeral(s: str, j: int) -> bool:
    """Whether what follows a number's digits (or Chinese numerals) at ``s[j]`` may go on
    to a figure: a unit, a scale, 余/多, a range's mark, a placeholder or a space — not
    一是, 统一, 十分 or a list's 1、 and 2.实施."""
    if j >= len(s):
        return False
    return s[j] in _AFTER_NUMERAL or unit_name_at(s, j) is not None


_AFTER_NUMERAL = frozenset("余多至到-~—–― \n\r\xa0(，万亿萬億千百十xX×*")


def _start_kind(s: str, i: int, c: str) -> str | None:
    """What kind of figure may start at ``s[i]``: digits, a Chinese numeral, a
    placeholder, 每 or 百分之; None where none may."""
    prev = s[i - 1] if i else ""
    if c in _ARABIC:
        if prev in _ARABIC or prev in _ASCII_LETTER or prev == "." or prev in _BEFORE_NO_DIGIT:
            return None
        if prev in "万亿" and i > 1 and s[i - 2] in _ARABIC:
            return None  # the rest of 1亿2000余万元, unread: never the figure 2000余万元
        if prev in _DASHES and i > 1 and (s[i - 2] in _ARABIC or s[i - 2] in "万亿%"):
            return None  # the high end of a range that could not be read: never a figure
        return "arabic"
    if c in _CN_START:
        return None if prev in CN_NUMERAL_CHARS else "chinese"
    if c in FIGURE_PLACEHOLDERS:
        if prev in FIGURE_PLACEHOLDERS or prev in _ASCII_LETTER or prev in _ARABIC:
            return None
        if c in "xX" and i + 1 < len(s) and s[i + 1] in _ASCII_LETTER - {"x", "X"}:
            return None  # a word such as Xbox
        return "placeholder"
    if c == "每" and i + 1 < len(s) and s[i + 1] in "万亿百千":
        return "per"  # 每万人1.6件; in 每人2期 the 每 belongs to the words before
    if c in "百千" and prev not in CN_NUMERAL_CHARS and _qualifier_before(s, i, 0) is not None:
        return "chinese"  # 突破百项, 近千人
    if c == "百" and s.startswith("百分之", i) and prev not in CN_NUMERAL_CHARS:
        return "percent"
    return None


def _run_end(s: str, i: int, kind: str) -> int:
    """Where the run of characters that a failed start belongs to ends: no start inside
    a number is tried again, which keeps the walk linear."""
    n = len(s)
    j = i + 1
    if kind == "arabic":
        while j < n and (s[j] in _ARABIC or s[j] in ".,。"):
            j += 1
    elif kind == "chinese":
        while j < n and s[j] in CN_NUMERAL_CHARS:
            j += 1
    elif kind == "placeholder":
        while j < n and s[j] in FIGURE_PLACEHOLDERS:
            j += 1
    return j


def _names(s: str) -> list[tuple[int, int]]:
    """The spans of short quotations and titles (“双十”工程, 《…》): names, whose
    numbers are not figures.  A quotation longer than a name, or without its closing
    mark on the same line, shields nothing."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(s)
    while True:
        m = _OPENING.search(s, i)
        if m is None:
            return spans
        i = m.start()
        close = _QUOTES[s[i]]
        reach = min(n, i + 1 + 2 * _NAME_REACH if s[i] == "《" else i + 1 + _NAME_REACH)
        j = s.find(close, i + 1, reach)
        line = s.find("\n", i + 1, reach)
        if j >= 0 and (line < 0 or j < line):
            spans.append((i, j + 1))
            i = j + 1
        else:
            i += 1


def _trim(s: str, start: int, end: int) -> int:
    """The end of a figure without the spaces the grammar let it take at its end."""
    while end > start and s[end - 1] in " \xa0\n\r\t":
        end -= 1
    return end


_GAPS = frozenset(" \xa0\r\n")


def _back_over_spaces(s: str, i: int, floor: int) -> int:
    """Back over the spaces (and one line break) a figure may hold before ``s[i]``."""
    j = i
    # \r and the no-break space too (约\r\n500斤, 约\xa0500斤), as the grammar takes them
    while j > floor and i - j < 3 and s[j - 1] in _GAPS and s[j - 1 : i].count("\n") <= 1:
        j -= 1
    return j


def _word_before(s: str, at: int, words: dict[str, list[str]], floor: int) -> int | None:
    """Where one of ``words`` (grouped by their last character) that ends at ``at``
    starts (None when none does)."""
    if at <= floor:
        return None
    for w in words.get(s[at - 1], ()):
        k = word_before(s, at, w, floor)
        if k is not None:
            return k
    return None


def _qualifier_before(s: str, at: int, floor: int) -> int | None:
    k = _word_before(s, at, _QUALIFIERS_BY_LAST, floor)
    if k is None:
        return None
    word = s[k:at]
    refused = _NOT_QUALIFIER_AFTER.get(word)
    if refused is not None and k > 0 and s[k - 1] in refused:
        return None
    return k


def _found(text: str, start: int, end: int) -> Found | None:
    written = text[start:end]
    try:
        figure = Figure.parse(written)
    except SciplanError:
        return None
    return Found(start, end, written, figure)


def _money_spoken_of(s: str, i: int, floor: int) -> bool:
    """Whether the words just before ``s[i]`` speak of money (投入资金500万): then 万
    alone is 万元 — not where money is spoken of further back (销售收入3亿元、带动就业1万)."""
    j = i
    while j > floor and i - j < _MONEY_REACH and s[j - 1] not in CLAUSE_ENDS and s[j - 1] != "、":
        j -= 1
    return _MONEY_WORDS.search(s, j, i) is not None


_MONEY_REACH = 12
_DASHES = frozenset("-—–~")


def _range_follows(s: str, end: int) -> bool:
    """Whether a range's second end follows ``s[end]`` (—40%): the figure read so far is
    only the low end."""
    j = end
    while j < len(s) and s[j] in _DASHES:
        j += 1
    return j > end and j < len(s) and s[j] in _ARABIC


# -- what reads as a figure but is not one ------------------------------------------------


def _excluded(s: str, i: int, end: int, parts: Scanned) -> bool:
    """Whether the figure read at ``s[i:end]`` is a year, an ordinal, a rank, a phase,
    an indefinite 一, a set phrase, or a unit that begins another word."""
    before = s[i - 1] if i else ""
    if before in _ORDINAL_BEFORE:
        return True
    word = unit_info(parts.unit).word if "/" not in parts.unit else ""
    if before in _RANK_BEFORE and word in _RANK_UNITS:
        return True
    if _LEVEL_NUMBER.match(s, i) and _line_opens(s, i) and unit_info(parts.unit).is_count:
        return True  # 2.3项目资金管理: a heading numbered 2.3, not 2.3 items
    if s[i] in _SET_PHRASE_FIRST and any(s.startswith(p, i) for p in _SET_PHRASES):
        return True
    after = s[end] if end < len(s) else ""
    unit_end = end
    if word in TIME_WORDS and _is_point_in_time(s, i, end, parts, word):
        return True
    if word in _WORD_AFTER_UNIT and after in _WORD_AFTER_UNIT[word] and s[end - 1] == word[-1]:
        return True
    if word == "期" and _is_phase(s, i, end, unit_end):
        return True  # 二期工程, 园区一期: a phase
    number = s[i:end]
    if (
        number.startswith(("一", "壹"))
        and parts.qualifier == "EXACT"
        and _starts_words(after)
        and not any(s.startswith(t, end) for t in ("以上", "以下", "以内", "左右"))
    ):
        return True  # 一批骨干, 一个平台: the indefinite article
    if word == "元" and len(number) == 2 and number[0] in _CN_START and _is_cjk(after):
        return True  # 三元区, 二元结构: names, not money
    if (
        word == "次"
        and (
            (number.startswith("二") and _is_cjk(after))  # 二次开发: secondary
            or "届" in s[max(0, i - _SESSION_REACH) : i]  # 十八届人大三次会议
            or any(s.startswith(w, end) for w in _SESSION_AFTER)  # 十届五次全会
        )
    ):
        return True
    return word.startswith("日") and before == "月"  # 1月1日元旦: a date, not yen


#: Words before N期 that make it sessions held (举办培训班三期), not a phase.
_SESSIONS_HELD = re.compile("举办|开办|开展|组织|举行|培训|参加|参训|办|共|计|累计|每年|全年")


def _is_phase(s: str, i: int, end: int, unit_end: int) -> bool:
    """Whether N期 names a phase of a project (二期工程, 园区一期3.2万平方米已投用,
    完成二期主体工程) rather than a number of sessions (举办培训班三期, 举办三期培训班): a
    Chinese numeral, not after a verb of holding sessions, before a project's words or
    where no count of sessions is spoken of."""
    if any(s.startswith(w, unit_end) for w in _PHASE_AFTER):
        return True
    if s[i] not in "一二三四五六七八九十两":
        return False
    if _SESSIONS_HELD.search(s, max(0, i - 6), i):
        return False
    after = s[end : end + 3]
    return not any(w in after for w in ("培训", "讲座", "班", "课"))


_SESSION_REACH = 8
_LEVEL_NUMBER = re.compile(r"[0-9]{1,2}(?:\.[0-9]{1,2})+(?![0-9])", re.ASCII)


def _line_opens(s: str, i: int) -> bool:
    """Whether ``s[i]`` is the first thing on its line (after spaces and markdown's #)."""
    j = i
    while j > 0 and s[j - 1] in " \t#":
        j -= 1
    return j == 0 or s[j - 1] == "\n"


def _is_point_in_time(s: str, i: int, end: int, parts: Scanned, word: str) -> bool:
    """Whether a figure in 年 (or 个月) is a calendar year or a time of reference
    rather than a span of time: 2024年, 06年, 二〇三五年, 20xx年, 2025年底, 近三年来."""
    if any(s.startswith(w, end) for w in _YEAR_POINT_AFTER + _YEAR_NAME_AFTER):
        return True
    if parts.qualifier == "EXACT" and any(s.startswith(w, end) for w in _OVER_YEARS_VERB):
        return True
    j = i
    while j > 0 and s[j - 1] == " ":
        j -= 1
    if any(s.endswith(w, 0, j) for w in _YEAR_POINT_BEFORE):
        return True
    if (j == 0 or s[j - 1] in CLAUSE_ENDS) and parts.qualifier == "EXACT":
        return True  # 24年，… and 五年累计…: a clause that opens with a time

    if word != "年":
        return False
    if parts.placeholder is not None:
        return True
    if s[i:end] == "一年" and j > 0 and s[j - 1] in "的这":
        return True  # 开局起步的一年: the year spoken of
    digits = s[i:end]
    k = 0
    while k < len(digits) and digits[k] in _ARABIC:
        k += 1
    if k == 4 or (k == 2 and digits[0] == "0") or k == 3:
        return True
    if k == 2 and j > 0 and s[j - 1] in _YEAR_BEFORE:
        # 由10年缩短至5年, 延长到20年: a span that changes, not a year of the calendar
        changes = s.startswith(_SPAN_CHANGES, end) or s.endswith(_SPAN_CHANGES, 0, j - 1)
        return not changes
    run = digits[: len(digits) - len(digits.lstrip("零〇○一二三四五六七八九"))]
    return len(run) >= 2 and not any(c in "十百千" for c in run)
