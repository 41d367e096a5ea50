"""Words around figures in a plan's text: sentences and clauses, the words that name a
figure, table rows and cells.  Everything here reads the folded text (``fold_text``) and
answers with positions, so that callers take the words themselves from the text as
written (traditional characters and all)."""

from __future__ import annotations

import re
from typing import Protocol

from ._prose import CLAUSE_ENDS, SENTENCE_ENDS, decimal_point
from .figure import Figure
from .units import unit_info

__all__ = [
    "LONGEST_NAME",
    "OPENERS",
    "TOTAL_ROW",
    "VERBS_ALONE",
    "HasFigure",
    "after_span",
    "cells",
    "clause_end",
    "clause_start",
    "dimension",
    "indicator_unit",
    "key_span",
    "name_span",
    "sentences",
    "statements",
    "trim",
    "wrapped",
]

# Where the words naming a figure start (CLAUSE_ENDS): 、 lists, quotes and brackets stay
# inside a name (农、林、牧新品种, 示范乡(镇), “科技特派员”); the previous figure bounds it too.
#: Where the words after a figure end.
_AFTER_ENDS = frozenset('、（）()“”"《》') | CLAUSE_ENDS
OPENERS = ("其中", "其中有", "中有", "有")
_LEADING = re.compile(
    r"(?:\([^()]{4,}\)|[●★■◆▲►•※]|的|为(?=确保|实现|完成|推动|力争)|[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}|其中|另外|此外|同时|并且|"
    r"并|而且|还|全年|今年|去年|明年|当年|本年度|年内|期间|时期|到目前|到现在|至今|连续|等|"
    r"“[^”]{1,8}”(?:期间|时期|以来)|[0-9xX×]{2,4}年(?:度|底|末)?|[一二三四五六七八九十〇零]{2,4}年|"
    r"到[0-9xX×]{2,4}年(?:底|末)?|截至[^，,]{0,8}|目前|已|共计|共|合计|总计|累计|"
    r"全县|全市|全区|全省|全镇|我县|我市|我区|我省|我镇|县上|市上|"
    # 在 and 有 are words of their own, but not in 在孵, 在建, 在研, 在校 … or 有效
    r"力争|争取|力求|努力|确保|计划|拟|预计|要|将|经过努力|经过|在(?![孵建研校职读编岗])|"
    r"有(?!效)|"
    r"先后|分别|进一步|继续|大力|积极|认真)+"
)
_TRAILING = re.compile(
    r"(?:(?:由|从)(?:现有|目前|当前|去年底?|上年底?|原来|年初|期初|基期|[0-9]{2,4}年(?:底|末|初)?)?的?|达到|达|为|共计|共|合计|总计|累计|约|近|"
    r"有|到|至|超过|突破|不少于|至少|占|确保|力争|争取|力求|努力)+$"
)


def sentences(s: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    a = start
    for k in range(start, end):
        if s[k] in SENTENCE_ENDS:
            if s[k] == "。" and decimal_point(s, k):
                continue  # 159。3: a converted document's decimal point
            if s[k] == "\n" and wrapped(s, k):
                continue
            if k > a:
                out.append((a, k + 1))
            a = k + 1
    if a < end:
        out.append((a, end))
    return out


def statements(s: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans a 共…其中… statement may take: up to 。！？ or a line's end — but a
    list goes on over ；and over lines that end with ：；，、 (其中：\n国家级3项；\n…)."""
    out = []
    a = start
    for k in range(start, end):
        c = s[k]
        if c in "。！!？?" and not (c == "。" and decimal_point(s, k)):
            out.append((a, k + 1))
            a = k + 1
        elif c == "\n" and k > a:
            j = k
            while j > a and s[j - 1] in " \t\r\n":  # a blank line after 如下： too
                j -= 1
            if (j > a and s[j - 1] in _LIST_GOES_ON) or wrapped(s, k):
                continue
            out.append((a, k + 1))
            a = k + 1
    if a < end:
        out.append((a, end))
    return out


_LIST_GOES_ON = frozenset("：:；;，,、")
TOTAL_ROW = re.compile("合计|小计|总计|共计|合 计|总 计")


def cells(s: str, a: int, b: int) -> list[tuple[int, int]]:
    out = []
    while True:
        k = s.find("\t", a, b)
        if k < 0:
            out.append((a, b))
            return out
        out.append((a, k))
        a = k + 1


def wrapped(s: str, k: int) -> bool:
    """Whether the line break at ``s[k]`` only wraps a long line (text copied from a PDF):
    the line is long, does not end a sentence, and the next goes on with words."""
    line_start = s.rfind("\n", 0, k) + 1
    if k - line_start < _WRAPPED_LINE or k + 1 >= len(s):
        return False
    if k - line_start < _FULL_LINE and _ENDS_ON_FIGURE.search(s, max(line_start, k - 8), k):
        return False  # 新增高新技术企业20家 short of a full line: a statement of its own
    return (
        s[k - 1] not in "。；;！!？?：:"
        and s[k + 1] not in " \t\n#-"
        and "\t" not in s[line_start:k]
        and _LABEL.match(s, k + 1) is None
    )


def unwrap(words: str) -> str:
    """Words without the line breaks of a wrapped line (资\\n金 → 资金)."""
    return words.replace("\r", "").replace("\n", "") if "\n" in words else words


_WRAPPED_LINE = 16
#: A line this long fills a page's width (a 公文 line holds 28 characters), wherever it ends.
_FULL_LINE = 26
_ENDS_ON_FIGURE = re.compile(r"[0-9](?:[%％]|[万亿千]?[^\x00-\x7f，。；：、（）“”]{1,3})$")
#: What opens a heading's line: the next line is a heading, not the rest of this one.
_LABEL = re.compile(
    r"[(（]?[一二三四五六七八九十]{1,3}[、)）.．]|第[一二三四五六七八九十0-9]{1,3}[章节条部]|"
    r"[(（]?[0-9]{1,2}[)）、]|[0-9]{1,2}[.．](?![0-9])|[①-⑳]|[一二三四五六七八九十]{1,3}是|"
    r"第[一二三四五六七八九十]{1,3}[，,、：:]|[●★■◆▲►•·※]"
)
#: The longest run of words taken as a name from a clause of its own.
LONGEST_NAME = 24


class HasFigure(Protocol):
    """A figure found in a text or read from a table's cell."""

    @property
    def figure(self) -> Figure: ...


def dimension(f: HasFigure) -> str:
    return unit_info(f.figure.unit).dimension


def indicator_unit(unit: str) -> str:
    info = unit_info(unit)
    if info.currency or "/" in unit or not info.scale:
        return unit
    return info.word


def clause_start(s: str, i: int, floor: int) -> int:
    """Where the clause of ``s[i]`` starts: after the clause mark before it, not before
    ``floor``, and no further back than a long clause's length."""
    floor = max(floor, i - _CLAUSE_REACH)
    j = i
    while j > floor and (s[j - 1] not in CLAUSE_ENDS or (s[j - 1] == "\n" and wrapped(s, j - 1))):
        j -= 1
    return j


def clause_end(s: str, i: int, limit: int, ends: frozenset[str] = _AFTER_ENDS) -> int:
    """Where the clause of ``s[i]`` ends: at the next of ``ends``, not after ``limit``,
    and no further than a long clause's length."""
    limit = min(limit, i + _CLAUSE_REACH)
    j = i
    while j < limit and s[j] not in ends:
        j += 1
    return j


#: The longest clause read around a figure: bounds each look at the words around it, so
#: that reading stays linear in a text of one endless sentence.
_CLAUSE_REACH = 80


_STRIP = frozenset(" \t\n\r：:，,、；;*-|")  # markdown's bold, list dashes and table bars too
_BRACKETS = frozenset("()（）")


def trim(s: str, a: int, b: int) -> tuple[int, int]:
    """The span of the words that name a figure within ``s[a:b]``: without time, place,
    aspiration and connectives (or a remark in brackets) before, and lead words after."""
    while True:
        before = (a, b)
        while a < b and s[a] in _STRIP:
            a += 1
        while b > a and s[b - 1] in _STRIP:
            b -= 1
        m = _LEADING.match(s, a, b)
        if m is not None and m.end() > a:
            a = m.end()
        m = _TRAILING.search(s, a, b)
        if m is not None and m.start() < b:
            b = m.start()
        if (a, b) == before:
            break
    words = s[a:b]
    if words.count("“") != words.count("”"):
        while a < b and s[a] in "“”":
            a += 1
        while b > a and s[b - 1] in "“”":
            b -= 1
    if s[a:b].count("(") != s[a:b].count(")"):
        while a < b and s[a] in _BRACKETS:
            a += 1
        while b > a and s[b - 1] in _BRACKETS:
            b -= 1
    return a, b


def name_span(s: str, at: int, floor: int = 0) -> tuple[int, int]:
    """Where the words naming the figure at ``s[at]`` stand: its clause before it,
    trimmed."""
    return trim(s, clause_start(s, at, floor), at)


def after_span(s: str, i: int, limit: int) -> tuple[int, int]:
    """Where the words right after a figure stand, up to the clause's end (新增5家高新
    技术企业 → 高新技术企业) — a name's length at most."""
    return trim(s, i, clause_end(s, i, min(limit, i + _AFTER_REACH)))


#: The longest run of words after a figure that may name it.
_AFTER_REACH = 40


def key_span(s: str, a: int, b: int) -> tuple[int, int]:
    """A part's key: the words between the previous part (or 其中) and its figure."""
    while a < b and s[a] in " \t\n：:，,、；;（）()":
        a += 1
    for opener in OPENERS:
        if s.startswith(opener, a) and a + len(opener) < b:
            a += len(opener)
            break
    while a < b and s[a] in _STRIP:
        a += 1
    while b > a and s[b - 1] in _STRIP:
        b -= 1
    m = _TRAILING.search(s, a, b)
    if m is not None:
        b = m.start()
    return a, b


#: Verbs that name nothing alone: a figure after one is named by the words after it
#: (新增5家高新技术企业) or by the figure before it.
VERBS_ALONE = frozenset(
    [
        "新增",
        "新建",
        "建成",
        "建立",
        "培育",
        "认定",
        "引进",
        "培训",
        "举办",
        "开展",
        "完成",
        "实施",
        "组织",
        "争取",
        "获得",
        "取得",
        "发放",
        "选派",
        "推广",
        "发展",
        "开发",
        "申报",
        "参加",
        "落实",
        "实现",
        "招引",
        "扶持",
        "支持",
        "创建",
        "新认定",
        "新培育",
        "投入",
        "达",
        "增加",
        "提高",
        "增长",
        "提升",
        "减少",
        "降低",
        "达到",
        "保持",
        "稳定在",
    ]
)
