"""What a section's sentences state: goals, achievements and "共…其中…" breakdowns.

:func:`read_statements` takes one section's own text (its heading's words and the
paragraphs before its first child section) with the figures found in it, and says what
each figure is:

* a part of a breakdown — after 其中 (共20项，其中国家级3项、省级17项), in brackets after
  its total (12项(市级5项,县级7项)), after 有 or 中有 (40项，有6项达到…), or one of the
  examples before 等 (节水灌溉、设施育苗等3项成果 of the 9 said before);
* else a goal (in a target sentence: 争取, 力争, 确保, 计划 … or a plan's section) or an
  achievement (in a result sentence: 完成了, 已, 累计 … or a review's section), named by
  the words before the figure (新增高新技术企业15家 → 新增高新技术企业), or by the words
  after it when those before are a bare verb (新增15家高新技术企业);
* else nothing: a figure the reader cannot name stays unplaced.

The rules read words, never the three seed texts: they are the forms DOMAIN.md and the
issue list, with the section's kind deciding where a sentence's verbs do not.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

import attrs

from ._find import Found
from ._prose import (
    ASPIRATION,
    CLAUSE_ENDS,
    RESULT_WORDS,
    TARGET_WORDS,
    is_table_row,
    line_column,
    lines,
)
from ._reading import fold_text
from ._tables import CAPTION_UNIT, Figured, read_table, unit_named
from ._words import (
    LONGEST_NAME,
    after_span,
    cells,
    clause_end,
    clause_start,
    dimension,
    indicator_unit,
    key_span,
    name_span,
    sentences,
    statements,
    trim,
    unwrap,
)
from .codes import Aggregation, Level
from .errors import SciplanError
from .figure import Figure, Qualifier
from .model import (
    Achievement,
    Breakdown,
    BreakdownPart,
    Goal,
    Indicator,
    Note,
    SourceRef,
)
from .period import Period
from .quantity import Quantity, total

__all__ = ["Memory", "Place", "Statements", "read_statements"]

_STOCK_WORDS = re.compile("累计|现有|已有|拥有|总数|总量|保有|到目前|目前|截至|截止|达到|共有|存量")
# Words to strip from the start of a name: time, place, aspiration, connectives.
_VERBS_ALONE = frozenset(
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
#: The longest name taken from the words after a figure, and the verbs that end them.
_AFTER_NAME = 14
_AFTER_VERB = re.compile("开展|实施|建设|建立|设立|推行|推广|进行|参与|参加|完成|实现|获得|入驻")
#: Words of aim that only tell when: in a review they tell a result's time (年内新认定).
_WEAK_AIMS = frozenset(("年内", "到年底"))
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


_TARGET_COLUMN = re.compile("目标|计划|预期|任务")
_RESULT_COLUMN = re.compile("完成|实际|实绩|现状|基数|[0-9]{4}年(?!目标|计划)")
_PARTIAL_OPENERS = re.compile(r"^(?:如|包括|主要有|主要是|重点是)")


@attrs.frozen
class Place:
    """What the reader made of one found figure: the kind of item it went into."""

    found: Found
    role: str  # "goal", "achievement", "part", "restated"


@attrs.frozen
class Statements:
    """The items read from one section's text, in text order, and the figures they
    took."""

    items: tuple[Goal | Achievement | Breakdown | Note, ...]
    placed: tuple[Place, ...]


@attrs.define
class Memory:
    """What the reader of one plan remembers from section to section: the goals it has
    read (a target said again is one goal) and the indicators it has named (one name and
    unit is one indicator)."""

    goals: dict[tuple[str, Figure, str], Found] = attrs.field(factory=dict)
    indicators: dict[tuple[str, str], Indicator] = attrs.field(factory=dict)


@attrs.define
class _Item:
    found: Found
    name: str
    start: int  # where the words naming it start
    end: int  # where its clause ends
    goal: bool
    aspirational: bool
    stock: bool
    sentence: int = 0  # where its sentence starts


def read_statements(
    text: str,
    s: str,
    start: int,
    end: int,
    figures: Sequence[Found],
    *,
    review: bool,
    period: Period | None,
    document: str,
    lines: Sequence[int],
    first_year: int | None = None,
    memory: Memory | None = None,
    place: bool = False,
) -> Statements:
    """Read the section text ``text[start:end]`` (``s`` is the folded text) with the
    ``figures`` found in it.  ``review`` says whether the section reports results;
    ``lines`` are the offsets where lines start, for the items' sources; ``first_year``
    is the first year of the plan's own period, before which a sentence reports;
    ``memory`` what the plan's earlier sections said (a target said again in a later
    sentence is one goal); ``place`` whether the section speaks of one place of several
    (（二）乙镇), whose targets are its own even where they repeat another's."""
    reader = _Reader(text, s, document, lines, review, period)
    reader.first_year = first_year
    reader.place = place
    if memory is not None:
        reader.memory = memory
    return reader.read(start, end, figures)


class _Reader:
    def __init__(
        self,
        text: str,
        s: str,
        document: str,
        lines: Sequence[int],
        review: bool,
        period: Period | None,
    ) -> None:
        self.text = text
        self.s = s
        self.document = document
        self.lines = lines
        self.review = review
        self.period = period
        self.parts: dict[int, int] = {}  # figure start → the breakdown it is part of
        self.names: dict[int, str] = {}  # figure start → its name, for a table's cells
        self.roles: dict[int, bool] = {}  # figure start → a goal? (a table's column, a target)
        self.year_named: int | None = None  # the year last named on the line being read
        self.barrier = 0  # words of aim or result before this belong to a baseline
        self.first_year: int | None = None
        self.sentence = 0  # where the sentence being read starts
        self.place = False  # whether the section is about one place (（二）乙镇)
        self.targets: list[int] = []  # where the sentence's words of aim stand
        self.results: list[int] = []  # … and its words of result
        self.memory = Memory()
        self.figures: Sequence[Found] = ()
        self.starts: list[int] = []
        self.breakdowns: list[tuple[int, Breakdown]] = []
        self.opened: dict[int, int] = {}  # a total's start -> where its statement starts
        self.items: list[_Item] = []

    # -- sources -----------------------------------------------------------------------

    def source(self, start: int, end: int) -> SourceRef:
        line, column = line_column(self.lines, start)
        return SourceRef(document=self.document, start=start, end=end, line=line, column=column)

    # -- the section -------------------------------------------------------------------

    def read(self, start: int, end: int, figures: Sequence[Found]) -> Statements:
        self.figures = figures
        self.starts = [f.start for f in figures]
        self._tables(start, end, figures)
        previous: list[Found] = []
        for a, b in statements(self.s, start, end):  # 共…其中… may run over ；and lines
            mine = self._figures_in(a, b)
            if mine:
                self._breakdowns(a, b, mine, previous)
                previous = mine
        for a, b in sentences(self.s, start, end):
            mine = self._figures_in(a, b)
            if mine:
                self._items(a, b, mine)
        return self._finish(figures)

    def _figures_in(self, a: int, b: int) -> list[Found]:
        return list(self.figures[bisect_left(self.starts, a) : bisect_left(self.starts, b)])

    # -- tables ------------------------------------------------------------------------

    def _tables(self, start: int, end: int, figures: Sequence[Found]) -> None:
        """Tables written as lines of tab-separated cells (see ``_tables``): their cells
        named by row and column, and each total they state a complete breakdown."""
        rows: list[list[tuple[int, int]]] = []
        caption: str | None = None
        for a, b in lines(self.s, start, end):
            if is_table_row(self.s, a, b):
                rows.append(cells(self.s, *_inside_bars(self.s, a, b)))
                continue
            if rows:
                self._table(rows, figures, caption)
                rows = []
            caption = unit_named(self.s[a:b], CAPTION_UNIT)
        if rows:
            self._table(rows, figures, caption)

    def _table(
        self, rows: list[list[tuple[int, int]]], figures: Sequence[Found], caption: str | None
    ) -> None:
        read = read_table(
            self.text, self.s, rows, figures, self.starts, caption, lambda at: at in self.parts
        )
        self.names.update(read.names)
        self.roles.update(read.roles)
        for said, parts, subject, row in read.sums:
            self._breakdown(said, parts, True, end=said.end, subject=subject, at=row)

    # -- breakdowns --------------------------------------------------------------------

    def _breakdowns(self, a: int, b: int, figs: list[Found], previous: list[Found]) -> None:
        s = self.s
        self._bracketed(figs)
        ends = {f.end for f in figs}
        marks = [
            (m.start(), m.end())
            for m in _OPENS_PARTS.finditer(s, a, b)
            if m.group() == "其中" or not m.group().startswith("中") or m.start() in ends
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
        for f in after:
            if f.start in self.parts:
                break
            k_a, k_b = key_span(self.s, at, f.start)
            folded = self.s[k_a:k_b]
            if dimension(f) not in totals or _PART_STOP.search(folded) or len(folded) > 16:
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
                self._breakdown(t, mine, complete_hint, end=mine[-1][0].end)

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
        return len(folded) <= _SHORT_KEY and not any(folded.startswith(v) for v in _VERBS_ALONE)

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
        for m in _RESPECTIVELY.finditer(s, a, b):
            at = bisect_left([f.start for f in figs], m.end())
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
            before = [f for f in figs[:at] if f.end <= m.start()]
            if before and before[-1].end > names:
                names = before[-1].end
            keys = [k for k in _LIST_JOINS.split(s[names : m.start()]) if k.strip(" ，,")]
            if len(keys) != len(parts):
                continue
            spans = _spans_of(s, names, m.start(), keys)
            keyed = [
                (f, self.text[x:y].strip(" ，,")) for f, (x, y) in zip(parts, spans, strict=True)
            ]
            total = self._said_total(s, figs, parts, before, b)
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
                if at == 0 or not _NEXT_PART.search(s, figs[at - 1].end, k_a):
                    break  # the first part: no list mark between it and the figure before
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

    def _figure_within(self, a: int, b: int) -> bool:
        k = bisect_left(self.starts, a)
        return k < len(self.starts) and self.starts[k] < b

    def _said_total(
        self, s: str, figs: list[Found], parts: list[Found], before: list[Found], b: int
    ) -> Found | None:
        """The total of parts listed with 分别: 合计55项 right after them, or the last figure
        of their kind before the names."""
        k = figs.index(parts[-1]) + 1
        if k < len(figs) and dimension(figs[k]) == dimension(parts[0]):
            between = s[parts[-1].end : figs[k].start]
            if _TOTAL_AFTER.fullmatch(between):
                return figs[k]
        for f in reversed(before):
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
        keyed = [_part(g, key, self.source(g.start, g.end)) for g, key in parts]
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

    # -- goals and achievements -----------------------------------------------------------

    def _items(self, a: int, b: int, figs: list[Found]) -> None:
        s = self.s
        self.sentence = a
        # the marks of this sentence, found once: words of aim and of result, and years
        self.targets = [
            m.start()
            for m in TARGET_WORDS.finditer(s, a, b)
            if not (self.review and m.group() in _WEAK_AIMS)  # 年内新认定…: when, in a review
        ]
        self.results = [m.start() for m in RESULT_WORDS.finditer(s, a, b)]
        if a == 0 or s[a - 1] == "\n":
            self.year_named = None  # a new paragraph names its own time
        years = [(m.start(), _year_of(m)) for m in _YEAR_NAMED.finditer(s, a, b)]
        last: _Item | None = None
        said = [at for at, _ in years]
        for k, f in enumerate(figs):
            n = bisect_left(said, f.start)
            year = years[n - 1][1] if n else self.year_named
            earlier = self.first_year is not None and year is not None and year < self.first_year
            if f.start in self.parts:
                continue
            goal = self._goal(a, b, f, earlier)
            following = figs[k + 1] if k + 1 < len(figs) else None
            if following is not None and _baseline(s, self._floor(f, a), f, following):
                # 由现有的19家增加到40家: what there is now, and the target
                last = self._read_item(a, b, f, last, goal=False) or last
                self.roles[following.start] = not (self.review or earlier)
                self.barrier = following.end  # 由现有的… speaks of the baseline only
                continue
            last = self._read_item(a, b, f, last, goal=goal) or last
        if years:
            self.year_named = years[-1][1]

    def _goal(self, a: int, b: int, f: Found, earlier: bool) -> bool:
        """Whether ``f`` (in the sentence ``s[a:b]``) is a target: as the column of its
        table says; else not where the year last named before it (on its line) comes
        before the plan's; else by the word of aim or of result nearest before it in its
        sentence (or in its own clause); else by the section's kind."""
        role = self.roles.get(f.start)
        if role is not None:
            return role
        if earlier:
            return False
        end = clause_end(self.s, f.end, b, CLAUSE_ENDS)
        since = max(a, self.barrier)
        floor = self._floor(f, since)
        for start in (floor, since):  # since the figure before, else the sentence
            target = _last(self.targets, start, end)
            result = _last(self.results, start, end)
            if start < floor and 0 <= result < floor and self._qualifies_before(result, floor):
                result = -1  # 已挂牌的4家…，再组建2家: 已 speaks of the 4家 only
            if target != result:
                return target > result
        return not self.review

    def _qualifies_before(self, mark: int, floor: int) -> bool:
        """Whether the word at ``mark`` belongs to the first figure after it (ending by
        ``floor``), as words before 的 do (已挂牌的4家): in its clause, right before it."""
        k = bisect_left(self.starts, mark)
        if k >= len(self.figures) or self.figures[k].end > floor:
            return False
        at = self.figures[k].start
        return at > 0 and self.s[at - 1] == "的" and clause_start(self.s, at, mark) == mark

    def _floor(self, f: Found, a: int) -> int:
        """Where the words of ``f`` can start at the earliest: after the figure before it,
        and in its sentence (from ``a``)."""
        k = bisect_left(self.starts, f.start)
        return max(a, self.figures[k - 1].end) if k > 0 else a

    def _read_item(
        self, a: int, b: int, f: Found, last: _Item | None, *, goal: bool
    ) -> _Item | None:
        """The goal or achievement of ``f`` in the sentence ``s[a:b]``, named."""
        s = self.s
        name_start, name_end = name_span(s, f.start, floor=max(a, last.found.end if last else a))
        name = self._name(f, name_start, name_end, b, last)
        if f.start in self.names:  # a table's cell: its row and its column
            name, name_start = self.names[f.start], f.start
        if not name:
            return None
        before = s[max(a, name_start - 6) : f.start]
        item = _Item(
            found=f,
            name=name,
            start=min(name_start, f.start),
            end=f.end,
            goal=goal,
            aspirational=bool(goal and ASPIRATION.search(before)) or f.figure.aspirational,
            stock=bool(
                _STOCK_WORDS.search(s[clause_start(s, f.start, self._floor(f, a)) : f.start])
            ),
            sentence=a,
        )
        self.items.append(item)
        return item

    def _name(self, f: Found, a: int, e: int, b: int, last: _Item | None) -> str:
        """A figure's name from the words before it (``text[a:e]``); from those after it
        where the words before are a bare verb or end a list of examples (新增5家高新技术
        企业, 中科院等64家科研院所); from the figure before it where they are only a verb
        (举办讲座10期，参加3000人次)."""
        s = self.s
        name, folded = unwrap(self.text[a:e]), unwrap(s[a:e])
        if not name or len(name) <= 2 or folded in _VERBS_ALONE or folded.endswith("等"):
            c_a, c_b = after_span(s, f.end, b)
            cut = _AFTER_VERB.search(s, c_a + 2, c_b) if c_b - c_a > _AFTER_NAME else None
            if cut is not None:  # 在20家高校和科研院所开展试点: the words up to the verb
                c_b = cut.start()
            after = self.text[c_a:c_b]
            if after and len(after) <= _AFTER_NAME:
                name = after if folded.endswith("等") else name + after
        short = len(name) <= 2 and dimension(last.found) != dimension(f) if last else False
        if (not name or name in _VERBS_ALONE or short) and last is not None:
            # 举办讲座10期，参加3000人次; 项目21项、资金1,280万元: the figure before names it
            core = last.name
            for verb in sorted(_VERBS_ALONE, key=len, reverse=True):
                if core.startswith(verb) and len(core) > len(verb) + 1:
                    core = core[len(verb) :]
                    break
            # 确保15家、力争20家: one indicator, floor and stretch; else the words before
            name = last.name if dimension(last.found) == dimension(f) else core + name
        clause = clause_start(s, f.start, self._floor(f, self.sentence))
        if not name and last is None and clause > self.sentence:
            # 提高专利产出效率，力争达到12件/百人年: the clause before names it
            p_a, p_b = trim(s, clause_start(s, clause - 1, self.sentence), clause)
            if p_b - p_a <= LONGEST_NAME:
                name = self.text[p_a:p_b]
        return name

    # -- the result -----------------------------------------------------------------------

    def _finish(self, figures: Sequence[Found]) -> Statements:
        out: list[tuple[int, int, Goal | Achievement | Breakdown | Note]] = []
        placed: list[Place] = []
        seen_goals = self.memory.goals
        indicators = self.memory.indicators
        for item in self.items:
            made = self._make(item, indicators)
            if made is None:
                continue
            if isinstance(made, Goal):
                figure = attrs.evolve(item.found.figure, aspirational=item.aspirational, text="")
                key = (fold_text(item.name), figure, str(self.period))
                first = seen_goals.get(key)
                if first is not None and first.end <= item.sentence and not self.place:
                    note = Note(
                        title=f"重申目标：{item.name}",
                        source=self.source(item.start, item.end),
                    )
                    out.append((item.found.start, 1, note))
                    placed.append(Place(item.found, "restated"))
                    continue
                seen_goals[key] = item.found
            out.append((item.found.start, 0, made))
            placed.append(Place(item.found, "goal" if isinstance(made, Goal) else "achievement"))
        named = {read.found.start: read for read in self.items}
        for at, breakdown in self.breakdowns:
            total = named.get(at)
            if total is not None and total.name:  # the total's own name and indicator
                indicator = indicators.get((total.name, indicator_unit(breakdown.total.unit)))
                breakdown = attrs.evolve(
                    breakdown, subject=total.name, indicator=indicator or breakdown.indicator
                )
            out.append((at, 2, breakdown))
        by_start = {f.start: f for f in figures}
        for start in self.parts:
            if start in by_start:  # (a bare number of a table's cell is no found figure)
                placed.append(Place(by_start[start], "part"))
        out.sort(key=lambda t: (t[0], t[1]))
        return Statements(tuple(item for _, _, item in out), tuple(placed))

    def _make(
        self, item: _Item, indicators: dict[tuple[str, str], Indicator]
    ) -> Goal | Achievement | None:
        f = item.found
        unit = indicator_unit(f.figure.unit)
        indicator = indicators.get((item.name, unit))
        if indicator is None:
            aggregation = Aggregation.STOCK if item.stock else Aggregation.FLOW
            try:
                indicator = Indicator(name=item.name, unit=unit, aggregation=aggregation)
            except SciplanError:
                return None
            indicators[(item.name, unit)] = indicator
        figure = f.figure
        if item.goal and item.aspirational and not figure.aspirational:
            figure = attrs.evolve(figure, aspirational=True, text="")
        elif not item.goal and figure.aspirational:
            figure = attrs.evolve(figure, aspirational=False, text="")
        cls = Goal if item.goal else Achievement
        try:
            return cls(
                indicator=indicator,
                figure=figure,
                period=self.period,
                source=self.source(item.start, item.end),
            )
        except SciplanError:
            return None


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


_YEAR_NAMED = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2}|[0-9]{2})年(?!度?[0-9])")
_CHANGE_TO = re.compile(
    r"[^，,。；;]{0,4}?(?:增加|提高|增长|提升|上升|扩大|减少|下降|降低|发展)?(?:到|至)"
    r"(?:(?:19|20)[0-9]{2}年(?:底|末)?的?)?"
)


def _baseline(s: str, a: int, f: Found, following: Found) -> bool:
    """Whether ``f`` is where a target starts from: 由19家增加到40家, 从3%提高到5%."""
    if dimension(f) != dimension(following):
        return False
    start = clause_start(s, f.start, a)
    if "由" not in s[start : f.start] and "从" not in s[start : f.start]:
        return False
    return _CHANGE_TO.fullmatch(s, f.end, following.start) is not None


def _inside_bars(s: str, a: int, b: int) -> tuple[int, int]:
    """A table row without the outer bars of markdown (| a | b | as folded: tabs)."""
    while a < b and s[a] == " ":
        a += 1
    while b > a and s[b - 1] in " \r":
        b -= 1
    if a < b and s[a] == "\t" and s[b - 1] == "\t":
        return a + 1, b - 1
    return a, b


def _last(marks: list[int], a: int, b: int) -> int:
    """The last of the sorted positions ``marks`` in ``[a, b)`` (-1 when none is)."""
    k = bisect_left(marks, b) - 1
    return marks[k] if k >= 0 and marks[k] >= a else -1


def _year_of(m: re.Match[str]) -> int:
    year = int(m.group(1))
    return year + 2000 if year < 100 else year
