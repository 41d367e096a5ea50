"""The "共…其中…" statements of a section's sentences: which figures are the parts of
which total.

:class:`PartsReader` is the half of the reader of statements that finds breakdowns — parts
after 其中 (共20项，其中国家级3项、省级17项), in brackets after their totals (12项(市级5项,
县级7项)), after 有 or 中有 (40项，有6项达到…), listed with 分别, listed before the total
that sums them (甲区9家、乙区6家，合计15家), or named as examples before 等.  The figures it
takes as parts are no goals or achievements of their own; the other half
(:mod:`._statements`) reads those.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from ._find import Found
from ._prose import line_column
from ._reading import fold_text
from ._tables import Figured
from ._words import (
    VERBS_ALONE,
    after_span,
    clause_end,
    clause_start,
    dimension,
    indicator_unit,
    key_span,
    name_span,
    trim,
    unwrap,
)
from .codes import Level
from .errors import SciplanError
from .figure import Figure, Qualifier
from .model import Breakdown, BreakdownPart, Indicator, SourceRef
from .period import Period
from .quantity import Quantity, total

__all__ = ["PartsReader"]

# Words that end a list of parts: a new clause with its own verb.
_PART_STOP = re.compile(
    "取得|达到|获得|荣获|建立|完成|实现|通过|开展|带动|培训|举办|引进|发放|新增|参加|"
    "力争|争取|确保|拟"
)
_PART_SUFFIXES = (
    "科技计划项目",
    "计划项目",
    "科技项目",
    "项目",
    "计划",
    "资金",
    "经费",
    "立项",
    "的",
)
_EXAMPLES = re.compile("等$")
_HAVING = re.compile(r"(?:[\u4e00-\u9fff]{0,8}中)?[，,]?(?:其中)?(?:已|共|仅|只|均)?有")
_NEXT_PART = re.compile(r"[、，,]")
#: What opens the parts of the totals before it: 其中; 41项中， right after a figure;
#: 分配如下： and 具体为：.
_OPENS_PARTS = re.compile(r"其中|中[，,]|(?:分配|安排|分解|构成)?如下[：:]|具体(?:为|是)[：:]")
#: Between the last part and the total that sums the parts before it: ，合计268家.
_SUMMED = re.compile(r"[，,]\s*(?:合计|共计|总计)[为达是]?\s*")
_LONG_KEY = 16
#: How many words may stand between a figure and the 如下 that breaks it down: 具体.
_SAID_OF = 2
_SAID_OF_SHARED = 6
#: How far (in characters, punctuation included) 如下 may stand after its figure.
_SAID_OF_REACH = 24
_NOT_WORDS = re.compile(r"[\s，,。：:；;、（）()]")

#: How many figures back the examples before 等 look for their total.
_LOOK_BACK = 20
_LIST_BREAK = re.compile("[；;\n]")
_SHORT_KEY = 10
_LEVEL_FIRST = re.compile("(?:国家|中央|省|市|县|区|乡镇|镇)级.{0,8}$")
#: Keys that name what a part counts, not which part it is: the money of the part before.
_GENERIC_KEYS = frozenset(("资金", "经费", "金额", "补助", "投资", "拨款", "资助", "奖励"))
_LEVEL_AT_END = re.compile(
    "(?:国家级|国列|中央|省级|省列|省部级|市级|市列|地市级|县级|县列|区级|乡镇级|乡镇|村级)$"
)
_RESPECTIVELY = re.compile("分别(?:为|是|有|设置|建成|达到|完成|占)?")
#: What joins the items of a list: 、 和 及 与 以及, with spaces.
_LIST_JOINS = re.compile(r"\s*(?:、|和|及|与|以及|，|,)\s*")
_TOTAL_AFTER = re.compile(r"[，,]?\s*(?:合计|共计|总计|共|累计)")


def _spans_of(s: str, a: int, b: int, keys: list[str]) -> list[tuple[int, int]]:
    """Where each of ``keys`` (the pieces of ``s[a:b]`` between joins) stands."""
    spans = []
    at = a
    for key in keys:
        k = s.find(key, at, b)
        spans.append((k, k + len(key)))
        at = k + len(key)
    return spans


_PARTIAL_OPENERS = re.compile(r"^(?:如|包括|主要有|主要是|重点是)")


class PartsReader:
    """The breakdowns of a section's statements, read by position: each method takes a
    sentence's figures and records the breakdowns it finds (and the figures they take as
    parts, in ``parts``)."""

    s: str  # the folded text
    text: str  # the text as written
    period: Period | None
    figures: Sequence[Found]  # the section's figures, in text order …
    starts: list[int]  # … and where each starts
    parts: dict[int, int]  # figure start → the start of the total it is a part of
    breakdowns: list[tuple[int, Breakdown]]
    opened: dict[int, int]  # a total's start → where its statement starts
    named: dict[int, str]  # a total's start → the subject its statement names it by
    said_again: set[int]  # totals said again after their parts (其中…，合计3000人次)

    document: str
    lines: Sequence[int]  # where the text's lines start

    def source(self, start: int, end: int) -> SourceRef:
        """The source of ``text[start:end]``, with its line and column."""
        line, column = line_column(self.lines, start)
        return SourceRef(document=self.document, start=start, end=end, line=line, column=column)

    def _breakdowns(self, a: int, b: int, figs: list[Found], previous: list[Found]) -> None:
        s = self.s
        self._bracketed(figs)
        ends = [f.end for f in figs]  # in order: figures never overlap
        ended = set(ends)
        marks = [
            (m.start(), m.end())
            for m in _OPENS_PARTS.finditer(s, a, b)
            if m.group() == "其中"
            or (m.start() in ended if m.group().startswith("中") else self._said_of(ends, m))
        ]
        starts = [f.start for f in figs]
        for n, (q, q_end) in enumerate(marks):
            # the totals stand between the 其中 before and this one, the parts before the next
            since = bisect_left(starts, marks[n - 1][1]) if n else 0
            until = bisect_left(starts, marks[n + 1][0]) if n + 1 < len(marks) else len(figs)
            here = bisect_left(starts, q)
            pool = [f for f in figs[since:here] if f.end <= q and f.start not in self.parts]
            if not pool and s[a:q].strip(" ：:，,") == "":
                pool = [f for f in previous if f.start not in self.parts]
            self._statement(pool, q_end, figs[here:until], b)
        self._having(figs, b)
        self._respectively(a, b, figs)
        self._summed(a, figs)
        self._examples(figs, previous)

    def _said_of(self, ends: list[int], m: re.Match[str]) -> bool:
        """Whether 分配如下： or 具体为： speaks of the figure just before it (资金500万元，
        具体分配如下：), or of the statement before (…500万元。分配如下：), not of other
        matters (企业120家，2025年工作安排如下：)."""
        k = bisect_left(ends, m.start() + 1) - 1  # the figure that ends last before it
        if k < 0:
            return True  # the figures of the statement before, where nothing stands between
        if m.start() - ends[k] > _SAID_OF_REACH:
            return False
        between = _NOT_WORDS.sub("", self.s[ends[k] : m.start()])
        # 资金500万元，按项目分解如下: words that share out money may stand further off
        limit = _SAID_OF if m.group()[:2] not in ("分配", "分解", "构成") else _SAID_OF_SHARED
        return len(between) <= limit and not any("0" <= c <= "9" for c in between)

    def _statement(self, pool: list[Found], q: int, after: list[Found], b: int) -> None:
        """The parts after a 其中 at ``q`` for the totals in ``pool``."""
        totals: dict[str, Found] = {}
        for f in pool:
            totals[dimension(f)] = f  # the last figure of each kind before 其中
        if not totals:
            return
        parts: list[tuple[Found, str]] = []
        key = ""
        at = q
        complete_hint: bool | None = None
        again: Found | None = None
        for f in after:
            if f.start in self.parts:
                break
            k_a, k_b = key_span(self.s, at, f.start)
            folded = self.s[k_a:k_b]
            if dimension(f) not in totals or _PART_STOP.search(folded) or len(folded) > 16:
                break
            if parts and _TOTAL_AFTER.fullmatch(self.s, at, f.start):
                if f.figure == totals[dimension(f)].figure:
                    again = f  # …，合计3000人次: the total said again
                break
            if (
                parts
                and _LIST_BREAK.search(self.s, at, k_a)
                and not self._list_goes_on(parts, totals, folded, f)
            ):
                break  # after ；or a line break, only a part of the same list goes on
            if folded in _GENERIC_KEYS and key:
                key += self.text[k_a:k_b]  # 国家级项目2项、资金398万元: the money of that part
            elif folded:
                key = self.text[k_a:k_b]
            if not key and not parts:
                # 其中5项成果达到…: the part is named by the words after it
                c_a, c_b = after_span(self.s, f.end, b)
                if c_a < c_b:
                    parts.append((f, self.text[c_a:c_b]))
                    complete_hint = False
                break
            if not key:
                break
            parts.append((f, key))
            at = f.end
        if _PARTIAL_OPENERS.match(self.s[q : q + 4].lstrip("：:，, ")):
            complete_hint = False
        for kind, t in totals.items():
            mine = [(f, k) for f, k in parts if dimension(f) == kind]
            if mine:
                repeats = again is not None and dimension(again) == kind
                end = again.end if again is not None and repeats else mine[-1][0].end
                made = len(self.breakdowns)
                self._breakdown(t, mine, complete_hint, end=end)
                if again is not None and repeats and len(self.breakdowns) > made:
                    self.said_again.add(again.start)

    def _list_goes_on(
        self, parts: list[tuple[Found, str]], totals: dict[str, Found], folded: str, f: Found
    ) -> bool:
        """Whether a list of parts goes on past a ；or a line break with the part keyed
        ``folded``: not once the parts reach their total, and only with a key like theirs
        (a level after levels; a short name, not a verb's clause, after names)."""
        kind = dimension(parts[0][0])
        said = _value(totals[kind].figure)
        values = [_value(g.figure) for g, _ in parts if dimension(g) == kind]
        known = [v for v in values if v is not None]
        if said is not None and len(known) == len(values) and total(known) >= said:
            return False
        more = _value(f.figure)
        if said is not None and more is not None and total([*known, more]) > said:
            return False  # a part that would pass the total belongs to no list of its parts
        if len(parts) > 1 and all(_level_of(fold_text(key)) is not None for _, key in parts):
            # 国家级项目9项；省级重点研发项目31项；…: a level, or a programme of a level
            return _level_of(folded) is not None or bool(_LEVEL_FIRST.match(folded))
        return len(folded) <= _SHORT_KEY and not any(folded.startswith(v) for v in VERBS_ALONE)

    def _bracketed(self, figs: list[Found]) -> None:
        """57项(市级项目13项,县级项目44项): parts in brackets right after their total."""
        s = self.s
        for k, f in enumerate(figs):
            j = f.end
            while j < len(s) and s[j] == " ":
                j += 1
            if j >= len(s) or s[j] != "(" or f.start in self.parts:
                continue
            close = s.find(")", j, j + 120)
            if close < 0:
                continue
            inside = []
            for m in range(k + 1, len(figs)):
                if figs[m].end > close:
                    break
                inside.append(figs[m])
            totals = {dimension(f): f}
            for e in reversed(figs[max(0, k - _LOOK_BACK) : k]):
                # 项目19项，资金612万元（省级7项、405万元，…）: a total of each kind
                if e.start not in self.parts:
                    totals.setdefault(dimension(e), e)
            if not inside or any(dimension(g) not in totals for g in inside):
                continue
            opener = j + 1
            if s.startswith("其中", opener):
                opener += 2
            parts: list[tuple[Found, str]] = []
            at = opener
            for g in inside:
                k_a, k_b = key_span(s, at, g.start)
                if k_a < k_b:
                    key = self.text[k_a:k_b]
                elif parts and dimension(parts[-1][0]) != dimension(g):
                    key = parts[-1][1]  # 省级7项、405万元: the money of that part
                else:
                    break
                parts.append((g, key))
                at = g.end
            if len(parts) < len(inside):
                continue
            for kind, t in totals.items():
                mine = [(g, key) for g, key in parts if dimension(g) == kind]
                if mine:
                    self._breakdown(t, mine, None, end=close + 1)

    def _having(self, figs: list[Found], b: int) -> None:
        """40项，有6项成果达到…, 96家高企中，有58家… and 14个乡镇中，有9个…、5个…: parts
        that stand out of a total, each named by the words after it."""
        s = self.s
        for k, f in enumerate(figs[:-1]):
            g = figs[k + 1]
            if f.start in self.parts or g.start in self.parts or dimension(f) != dimension(g):
                continue
            between = s[f.end : g.start].strip(" ，,")
            if not _HAVING.fullmatch(between):
                continue
            parts: list[tuple[Found, str]] = []
            for m in range(k + 1, len(figs)):
                h = figs[m]
                if h.start in self.parts or dimension(h) != dimension(f):
                    break
                if (
                    parts
                    and s[parts[-1][0].end : h.start].strip()
                    and not _NEXT_PART.fullmatch(s[clause_end(s, parts[-1][0].end, b) : h.start])
                ):
                    break
                c_a, c_b = after_span(s, h.end, b)
                if c_a >= c_b:
                    break
                parts.append((h, self.text[c_a:c_b]))
            if parts:
                self._breakdown(f, parts, None if len(parts) > 1 else False, end=parts[-1][0].end)

    def _respectively(self, a: int, b: int, figs: list[Found]) -> None:
        """甲、乙、丙分别设置1处、4处、2处 after a total said before, or 分别为26项、18项和
        11项，合计55项 before a total said after: parts keyed by the names listed."""
        s = self.s
        starts = [f.start for f in figs]
        for m in _RESPECTIVELY.finditer(s, a, b):
            at = bisect_left(starts, m.end())
            parts: list[Found] = []
            for f in figs[at:]:
                if f.start in self.parts or (parts and dimension(f) != dimension(parts[0])):
                    break
                if parts and not _LIST_JOINS.fullmatch(s, parts[-1].end, f.start):
                    break
                parts.append(f)
            if len(parts) < 2:
                continue
            names = clause_start(s, m.start(), a)
            # the figures before the names (ends rise with starts: figures never overlap)
            until = at if at == 0 or figs[at - 1].end <= m.start() else at - 1
            if until and figs[until - 1].end > names:
                names = figs[until - 1].end
            keys = [k for k in _LIST_JOINS.split(s[names : m.start()]) if k.strip(" ，,")]
            if len(keys) != len(parts):
                continue
            spans = _spans_of(s, names, m.start(), keys)
            keyed = [
                (f, self.text[x:y].strip(" ，,")) for f, (x, y) in zip(parts, spans, strict=True)
            ]
            total = self._said_total(s, figs, parts, at, until)
            if total is not None:
                said_after = total.start > parts[-1].end  # …分别为…，合计55项: whole
                end = max(parts[-1].end, total.end)
                self._breakdown(total, keyed, True if said_after else None, end=end)

    def _summed(self, a: int, figs: list[Found]) -> None:
        """甲区96家、乙区73家、丙县41家，合计268家: parts listed before the total that sums
        them, each keyed by its words."""
        s = self.s
        for k in range(1, len(figs)):
            t = figs[k]
            if t.start in self.parts or not _SUMMED.fullmatch(s, figs[k - 1].end, t.start):
                continue
            parts: list[tuple[Found, str]] = []
            at = k - 1
            mark = ""  # what parts the list: 、 or ，; a list never changes it
            while at >= 0 and len(parts) < _LOOK_BACK:
                f = figs[at]
                if f.start in self.parts or dimension(f) != dimension(t):
                    break
                floor = figs[at - 1].end if at > 0 else a
                k_a, k_b = key_span(s, clause_start(s, f.start, floor), f.start)
                folded = s[k_a:k_b]
                if not folded or len(folded) > _LONG_KEY or _PART_STOP.search(folded):
                    break
                parts.append((f, self.text[k_a:k_b]))
                m = _NEXT_PART.search(s, figs[at - 1].end, k_a) if at else None
                if m is None:
                    break  # the first part: no list mark between it and the figure before
                said = "，" if m.group() in "，," else m.group()
                if mark and said != mark:
                    break  # 企业120家，新认定的中，甲区9家、乙区6家: 120家 is no part
                mark = said
                at -= 1
            if len(parts) >= 2:
                parts.reverse()
                first = clause_start(s, parts[0][0].start, a)
                # 新认定的高新技术企业中，甲区96家、…: the clause before the list names them
                c_a, c_b = (0, 0)
                if first > a:
                    c_a, c_b = trim(s, clause_start(s, first - 1, a), first - 1)
                    if self._figure_within(c_a, c_b):
                        c_a, c_b = (0, 0)
                subject = self.text[c_a:c_b].removesuffix("中") if c_a < c_b else ""
                at = c_a if subject else first
                self._breakdown(t, parts, True, end=t.end, subject=subject or None, at=at)
                if subject and t.start in self.parts.values():
                    self.named[t.start] = unwrap(subject)  # 新认定的企业中…合计15家

    def _figure_within(self, a: int, b: int) -> bool:
        k = bisect_left(self.starts, a)
        return k < len(self.starts) and self.starts[k] < b

    def _said_total(
        self, s: str, figs: list[Found], parts: list[Found], at: int, until: int
    ) -> Found | None:
        """The total of parts listed with 分别 (``figs[at:]`` from the first): 合计55项
        right after them, or the last figure of their kind of ``figs[:until]``, the figures
        before the names."""
        k = at + len(parts)
        if k < len(figs) and dimension(figs[k]) == dimension(parts[0]):
            between = s[parts[-1].end : figs[k].start]
            if _TOTAL_AFTER.fullmatch(between):
                return figs[k]
        for f in reversed(figs[max(0, until - _LOOK_BACK) : until]):
            if dimension(f) == dimension(parts[0]) and f.start not in self.parts:
                return f
        return None

    def _examples(self, figs: list[Found], previous: list[Found]) -> None:
        """节水灌溉、设施育苗等3项成果: examples of a total said just before (取得成果9项)."""
        s = self.s
        for k, g in enumerate(figs):
            if g.start in self.parts or g.start == 0 or s[g.start - 1] != "等":
                continue
            c_a, c_b = after_span(s, g.end, len(s))
            noun = s[c_a : c_a + 2]
            if c_b - c_a < 2:
                continue
            earlier = [*previous[-_LOOK_BACK:], *figs[max(0, k - _LOOK_BACK) : k]]
            for f in reversed(earlier[-_LOOK_BACK:]):
                if f.start in self.parts or dimension(f) != dimension(g):
                    continue
                if noun in s[max(0, f.start - 12) : f.start]:
                    self._breakdown(f, [(g, self.text[c_a:c_b])], False, end=g.end)
                break

    def _breakdown(
        self,
        t: Figured,
        parts: Sequence[tuple[Figured, str]],
        complete: bool | None,
        end: int,
        subject: str | None = None,
        at: int | None = None,
    ) -> None:
        try:
            keyed = [_part(g, key, self.source(g.start, g.end)) for g, key in parts]
        except SciplanError:
            return  # a part without words to name it: no breakdown
        if complete is None:
            complete = _complete(t, parts, keyed, self.s)
        k = bisect_left(self.starts, t.start)
        floor = self.figures[k - 1].end if k > 0 else 0
        n_a, n_b = name_span(self.s, t.start, floor)
        if n_b - n_a <= 2:  # 全县有20项成果获奖: the words after name it
            a_a, a_b = after_span(self.s, t.end, len(self.s))
            if a_b - a_a > 2:
                n_a, n_b = a_a, a_b
        name, name_start = unwrap(self.text[n_a:n_b]), n_a
        name_start = clause_start(self.s, t.start, floor)  # where the statement begins
        if subject is not None:  # a table's column or row, said where its 合计 row starts
            name = unwrap(subject)
        if at is not None:
            name_start = at
        elif name_start == floor and k > 0:  # 共…21项、资金1,280万元: one statement, two totals
            name_start = self.opened.get(self.figures[k - 1].start, name_start)
        unit = indicator_unit(t.figure.unit)
        indicator = None
        try:
            indicator = Indicator(name=name or "合计", unit=unit)
            breakdown = Breakdown(
                subject=name or "合计",
                total=t.figure,
                indicator=indicator,
                parts=keyed,
                complete=complete,
                period=self.period,
                source=self.source(min(name_start, t.start), max(end, t.end)),
            )
        except SciplanError:
            return  # parts the total cannot hold: leave them to be items or unplaced
        for g, _ in parts:
            self.parts[g.start] = t.start
        self.breakdowns.append((t.start, breakdown))
        self.opened[t.start] = min(name_start, t.start)


def _level_of(key: str) -> Level | None:
    """The level a part's key names: 国列, 省级项目, 全县争取国家级 (a level ending the
    words); None for a category (省科技型企业)."""
    words = key
    stripped = True
    while stripped:  # 国家级项目资金 → 国家级项目 → 国家级
        stripped = False
        for suffix in _PART_SUFFIXES:
            if words.endswith(suffix) and len(words) > len(suffix):
                words = words[: -len(suffix)]
                stripped = True
                break
    try:
        return Level.parse(words)
    except SciplanError:
        pass
    m = _LEVEL_AT_END.search(words)
    return Level.parse(m.group(0)) if m is not None else None


def _part(g: Figured, key: str, source: SourceRef) -> BreakdownPart:
    key = unwrap(key)
    level = _level_of(fold_text(key))
    if level is not None:
        return BreakdownPart(figure=g.figure, level=level, source=source)
    return BreakdownPart(figure=g.figure, category=key, source=source)


def _complete(
    t: Figured, parts: Sequence[tuple[Figured, str]], keyed: list[BreakdownPart], s: str
) -> bool:
    """Whether the parts claim to cover their total: parts by level, or parts that reach
    it.  Kinds that fall short may be a subset (发明专利30件、实用新型70件 of 120件), one
    part or examples (等) are: a partial breakdown, whose parts may not exceed the total
    but need not reach it.  (Statements that say they are whole — a table's 合计 row,
    分别…合计 — are complete whatever their parts.)"""
    if len(parts) < 2:
        return False
    if any(_EXAMPLES.search(key) for _, key in parts):
        return False
    last = parts[-1][0]
    if s.startswith("等", last.end):
        return False
    if all(p.level is not None for p in keyed):
        return True  # parts by level share out their total
    said = _value(t.figure)
    values = [_value(g.figure) for g, _ in parts]
    if said is not None and all(v is not None for v in values):
        return total([v for v in values if v is not None]) >= said
    return False


def _value(f: Figure) -> Quantity | None:
    if f.qualifier is not Qualifier.EXACT or f.value is None:
        return None
    return f.value
