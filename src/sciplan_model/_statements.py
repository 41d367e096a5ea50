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
from collections.abc import Sequence
from decimal import Decimal

import attrs

from ._find import Found
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
from .units import unit_info

__all__ = ["Place", "Statements", "read_statements"]

_SENTENCE_ENDS = frozenset("。；;！!？?\n")
#: Where the words naming a figure start: 、 lists, quotes and brackets stay inside a
#: name (农、林、牧新品种, 示范乡(镇), “科技特派员”); the previous figure bounds it too.
_CLAUSE_ENDS = frozenset("，,：:") | _SENTENCE_ENDS
#: Where the words after a figure end.
_AFTER_ENDS = frozenset('、（）()“”"《》') | _CLAUSE_ENDS
_OPENERS = ("其中", "其中有", "中有", "有")
# Words that make a sentence a target or a result whatever its section: only those that
# cannot be read the other way (争取 is "strive for" in a plan and "secured" in a review;
# 完成 and 新增 are both).
_TARGET_WORDS = re.compile(
    "力争|力求|确保|拟|预计|预期|目标|争取达到|争取实现|将(?!近)|努力实现|"
    "计划(?=新增|新建|完成|实施|投入|建设|建成|引进|培训|举办|开展|争取|达到|实现|用|于|到|在|发展|"
    "安排|组织|培育|认定|申报|推广|举行|召开|新|[0-9一二三四五六七八九十])"
)
_RESULT_WORDS = re.compile("(?<![为除])了(?![解如])|已经|已(?!有)|累计|先后|截至|截止")
_ASPIRATION = re.compile("力争|争取|力求|努力")
_FLOOR = re.compile("确保")
_STOCK_WORDS = re.compile("累计|现有|已有|拥有|总数|总量|保有|到目前|目前|截至|截止|达到|共有|存量")
# Words to strip from the start of a name: time, place, aspiration, connectives.
_LEADING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}|其中|另外|此外|同时|并且|"
    r"并|而且|还|全年|今年|去年|明年|当年|本年度|年内|期间|时期|到目前|到现在|至今|连续|等|"
    r"“[^”]{1,8}”(?:期间|时期|以来)?|[0-9xX×]{2,4}年(?:度|底|末)?|[一二三四五六七八九十〇零]{2,4}年|"
    r"到[0-9xX×]{2,4}年(?:底|末)?|截至[^，,]{0,8}|目前|已|共计|共|合计|总计|累计|"
    r"全县|全市|全区|全省|全镇|我县|我市|我区|我省|我镇|县上|市上|"
    r"力争|争取|力求|努力|确保|计划|拟|预计|要|将|经过努力|经过|在|有|"
    r"先后|分别|进一步|继续|大力|积极|认真)+"
)
_TRAILING = re.compile(
    r"(?:达到|达|为|共计|共|合计|总计|累计|约|近|有|到|至|超过|突破|不少于|至少|占)+$"
)
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
    ]
)
# Words that end a list of parts: a new clause with its own verb.
_PART_STOP = re.compile(
    "取得|达到|获得|荣获|建立|完成|实现|通过|开展|带动|培训|举办|引进|发放|新增|参加"
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
class _Item:
    found: Found
    name: str
    start: int  # where the words naming it start
    end: int  # where its clause ends
    goal: bool
    aspirational: bool
    stock: bool


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
) -> Statements:
    """Read the section text ``text[start:end]`` (``s`` is the folded text) with the
    ``figures`` found in it.  ``review`` says whether the section reports results;
    ``lines`` are the offsets where lines start, for the items' sources."""
    reader = _Reader(text, s, document, lines, review, period)
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
        self.breakdowns: list[tuple[int, Breakdown]] = []
        self.items: list[_Item] = []

    # -- sources -----------------------------------------------------------------------

    def source(self, start: int, end: int) -> SourceRef:
        from bisect import bisect_right

        k = bisect_right(self.lines, start) - 1
        line_start = self.lines[k] if k >= 0 else 0
        return SourceRef(
            document=self.document,
            start=start,
            end=end,
            line=k + 1,
            column=start - line_start + 1,
        )

    # -- the section -------------------------------------------------------------------

    def read(self, start: int, end: int, figures: Sequence[Found]) -> Statements:
        sentences = _sentences(self.s, start, end)
        previous: list[Found] = []
        for a, b in sentences:
            mine = [f for f in figures if a <= f.start < b]
            if not mine:
                continue
            self._breakdowns(a, b, mine, previous)
            self._items(a, b, mine)
            previous = mine
        return self._finish(figures)

    # -- breakdowns --------------------------------------------------------------------

    def _breakdowns(self, a: int, b: int, figs: list[Found], previous: list[Found]) -> None:
        s = self.s
        self._bracketed(figs)
        for m in re.finditer("其中", s[a:b]):
            q = a + m.start()
            pool = [f for f in figs if f.end <= q and f.start not in self.parts]
            if not pool and s[a:q].strip(" ：:，,") == "":
                pool = [f for f in previous if f.start not in self.parts]
            after = [f for f in figs if f.start >= q + 2]
            self._statement(pool, q + 2, after, b)
        self._having(figs, b)
        self._examples(figs, previous)

    def _statement(self, pool: list[Found], q: int, after: list[Found], b: int) -> None:
        """The parts after a 其中 at ``q`` for the totals in ``pool``."""
        totals: dict[str, Found] = {}
        for f in pool:
            totals[_dimension(f)] = f  # the last figure of each kind before 其中
        if not totals:
            return
        parts: list[tuple[Found, str]] = []
        key = ""
        at = q
        for f in after:
            if f.start in self.parts:
                break
            words = _key(self.s, at, f.start)
            if _dimension(f) not in totals or _PART_STOP.search(words) or len(words) > 16:
                break
            if words:
                key = words
            if not key:
                break
            parts.append((f, key))
            at = f.end
        if _PARTIAL_OPENERS.match(self.s[q : q + 4].lstrip("：:，, ")):
            complete_hint: bool | None = False
        else:
            complete_hint = None
        for dimension, t in totals.items():
            mine = [(f, k) for f, k in parts if _dimension(f) == dimension]
            if mine:
                self._breakdown(t, mine, complete_hint, end=mine[-1][0].end)

    def _bracketed(self, figs: list[Found]) -> None:
        """57项(市级项目13项,县级项目44项): parts in brackets right after their total."""
        s = self.s
        for f in figs:
            j = f.end
            while j < len(s) and s[j] == " ":
                j += 1
            if j >= len(s) or s[j] != "(" or f.start in self.parts:
                continue
            close = s.find(")", j, j + 120)
            if close < 0:
                continue
            inside = [g for g in figs if j < g.start and g.end <= close]
            if not inside or any(_dimension(g) != _dimension(f) for g in inside):
                continue
            opener = j + 1
            if s.startswith("其中", opener):
                opener += 2
            parts = []
            at = opener
            for g in inside:
                words = _key(s, at, g.start)
                if not words:
                    break
                parts.append((g, words))
                at = g.end
            if len(parts) == len(inside):
                self._breakdown(f, parts, None, end=close + 1)

    def _having(self, figs: list[Found], b: int) -> None:
        """86项，有4项成果达到… and 86项成果中有4项…: a part that stands out."""
        s = self.s
        for k, f in enumerate(figs[:-1]):
            g = figs[k + 1]
            if f.start in self.parts or g.start in self.parts or _dimension(f) != _dimension(g):
                continue
            between = s[f.end : g.start].strip(" ，,")
            if not re.fullmatch(r"(?:[\u4e00-\u9fff]{0,8}中)?(?:其中)?有", between):
                continue
            category = _words_after(s, g.end, b)
            if category:
                self._breakdown(f, [(g, category)], False, end=g.end + len(category))

    def _examples(self, figs: list[Found], previous: list[Found]) -> None:
        """红枣育苗、太阳能采暖房等4项成果: examples of a total said just before."""
        s = self.s
        for g in figs:
            if g.start in self.parts or g.start == 0 or s[g.start - 1] != "等":
                continue
            noun = _words_after(s, g.end, len(s))[:2]
            if len(noun) < 2:
                continue
            earlier = [f for f in [*previous, *figs] if f.end <= g.start]
            for f in reversed(earlier):
                if f.start in self.parts or _dimension(f) != _dimension(g):
                    continue
                if noun in s[max(0, f.start - 12) : f.start]:
                    self._breakdown(f, [(g, _words_after(s, g.end, len(s)))], False, end=g.end)
                break

    def _breakdown(
        self, t: Found, parts: list[tuple[Found, str]], complete: bool | None, end: int
    ) -> None:
        keyed = [_part(g, key, self.source(g.start, g.end)) for g, key in parts]
        if complete is None:
            complete = _complete(t, parts, keyed, self.s)
        name, name_start = _name_before(self.s, t)
        unit = _indicator_unit(t.figure.unit)
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

    # -- goals and achievements -----------------------------------------------------------

    def _items(self, a: int, b: int, figs: list[Found]) -> None:
        s = self.s
        sentence = s[a:b]
        goal = _is_goal(sentence, self.review)
        last: _Item | None = None
        for f in figs:
            if f.start in self.parts:
                continue
            name, name_start = _name_before(s, f, floor=max(a, last.found.end if last else a))
            name = self._name(f, name, b, last)
            if not name:
                continue
            before = s[max(a, name_start - 6) : f.start]
            item = _Item(
                found=f,
                name=name,
                start=min(name_start, f.start),
                end=f.end,
                goal=goal,
                aspirational=bool(goal and _ASPIRATION.search(before)) or f.figure.aspirational,
                stock=bool(_STOCK_WORDS.search(s[_clause_start(s, f.start, a) : f.start])),
            )
            if (  # 确保X、力争Y: one indicator with a floor and a stretch
                goal
                and last is not None
                and last.goal
                and _FLOOR.search(before) is None
                and _ASPIRATION.search(before)
                and _dimension(last.found) == _dimension(f)
            ):
                item.name = last.name
            self.items.append(item)
            last = item

    def _name(self, f: Found, name: str, b: int, last: _Item | None) -> str:
        """A figure's name from the words before it; from those after it where the words
        before are a bare verb or end a list of examples (新增5家高新技术企业, 中科院等64家
        科研院所); from the figure before it where they are only a verb (举办讲座10期，
        参加3000人次)."""
        s = self.s
        if not name or len(name) <= 2 or name in _VERBS_ALONE or name.endswith("等"):
            after = _words_after(s, f.end, _clause_end(s, f.end, b))
            if after and len(after) <= 14:
                name = after if name.endswith("等") else name + after
        if (not name or name in _VERBS_ALONE) and last is not None:
            core = last.name
            for verb in sorted(_VERBS_ALONE, key=len, reverse=True):
                if core.startswith(verb) and len(core) > len(verb) + 1:
                    core = core[len(verb) :]
                    break
            name = core if not name or _dimension(last.found) == _dimension(f) else core + name
        return name

    # -- the result -----------------------------------------------------------------------

    def _finish(self, figures: Sequence[Found]) -> Statements:
        out: list[tuple[int, int, Goal | Achievement | Breakdown | Note]] = []
        placed: list[Place] = []
        seen_goals: dict[tuple[str, Figure], _Item] = {}
        indicators: dict[tuple[str, str], Indicator] = {}
        for item in self.items:
            made = self._item(item, indicators)
            if made is None:
                continue
            if isinstance(made, Goal):
                key = (item.name, attrs.evolve(item.found.figure, aspirational=False, text=""))
                first = seen_goals.get(key)
                if first is not None and first.aspirational == item.aspirational:
                    note = Note(
                        title=f"重申目标：{item.name}",
                        source=self.source(item.start, item.end),
                    )
                    out.append((item.found.start, 1, note))
                    placed.append(Place(item.found, "restated"))
                    continue
                seen_goals[key] = item
            out.append((item.found.start, 0, made))
            placed.append(Place(item.found, "goal" if isinstance(made, Goal) else "achievement"))
        for at, breakdown in self.breakdowns:
            out.append((at, 2, breakdown))
        by_start = {f.start: f for f in figures}
        for start in self.parts:
            placed.append(Place(by_start[start], "part"))
        out.sort(key=lambda t: (t[0], t[1]))
        return Statements(tuple(item for _, _, item in out), tuple(placed))

    def _item(
        self, item: _Item, indicators: dict[tuple[str, str], Indicator]
    ) -> Goal | Achievement | None:
        f = item.found
        unit = _indicator_unit(f.figure.unit)
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


# -- words ---------------------------------------------------------------------------------


def _sentences(s: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    a = start
    for k in range(start, end):
        if s[k] in _SENTENCE_ENDS:
            if s[k] == "。" and 0 < k < len(s) - 1 and s[k - 1].isdigit() and s[k + 1].isdigit():
                continue  # 159。3: a converted document's decimal point
            if k > a:
                out.append((a, k + 1))
            a = k + 1
    if a < end:
        out.append((a, end))
    return out


def _dimension(f: Found) -> str:
    return unit_info(f.figure.unit).dimension


def _indicator_unit(unit: str) -> str:
    info = unit_info(unit)
    if info.currency or "/" in unit or not info.scale:
        return unit
    return info.word


def _clause_start(s: str, i: int, floor: int) -> int:
    j = i
    while j > floor and s[j - 1] not in _CLAUSE_ENDS:
        j -= 1
    return j


def _clause_end(s: str, i: int, limit: int, ends: frozenset[str] = _AFTER_ENDS) -> int:
    j = i
    while j < limit and s[j] not in ends:
        j += 1
    return j


_REMARK = re.compile(r"\([^()]{4,}\)")


def _clean(words: str) -> str:
    """The words that name a figure: without remarks in brackets, time, place,
    aspiration and connectives before, and lead words after."""
    words = _REMARK.sub("", words).strip(" \t\n：:，,、")
    previous = None
    while previous != words:
        previous = words
        words = _LEADING.sub("", words).strip(" ：:，,、")
        words = _TRAILING.sub("", words).strip()
    if words.count("“") != words.count("”"):
        words = words.strip("“”")
    return words


def _name_before(s: str, f: Found, floor: int = 0) -> tuple[str, int]:
    """The words that name the figure ``f``: its clause before it, cleaned."""
    start = _clause_start(s, f.start, floor)
    raw = s[start : f.start]
    name = _clean(raw)
    at = start + raw.find(name) if name else f.start
    return name, at


def _words_after(s: str, i: int, limit: int) -> str:
    """The words right after a figure, up to the clause's end (新增5家高新技术企业 →
    高新技术企业)."""
    return _clean(s[i : _clause_end(s, i, limit)])


def _key(s: str, a: int, b: int) -> str:
    """A part's key: the words between the previous part (or 其中) and its figure."""
    words = s[a:b].strip(" \t\n：:，,、；;（）()")
    for opener in _OPENERS:
        if words.startswith(opener):
            words = words[len(opener) :]
            break
    return _TRAILING.sub("", words.strip(" ：:，,、")).strip()


def _level_of(key: str) -> Level | None:
    words = key
    for suffix in _PART_SUFFIXES:
        if words.endswith(suffix) and len(words) > len(suffix):
            words = words[: -len(suffix)]
            break
    try:
        return Level.parse(words)
    except SciplanError:
        return None


def _part(g: Found, key: str, source: SourceRef) -> BreakdownPart:
    level = _level_of(key)
    if level is not None:
        return BreakdownPart(figure=g.figure, level=level, source=source)
    return BreakdownPart(figure=g.figure, category=key, source=source)


def _complete(t: Found, parts: list[tuple[Found, str]], keyed: list[BreakdownPart], s: str) -> bool:
    """Whether the parts claim to cover their total: levels, or kinds of one thing, or
    parts that add up; one part, or examples (等), are a partial breakdown."""
    if len(parts) < 2:
        return False
    if any(_EXAMPLES.search(key) for _, key in parts):
        return False
    last = parts[-1][0]
    if s.startswith("等", last.end):
        return False
    if all(p.level is not None for p in keyed):
        return True
    said = _value(t.figure)
    values = [_value(g.figure) for g, _ in parts]
    if said is not None and all(v is not None for v in values):
        found = total([v for v in values if v is not None])
        if found >= said:
            return True
    name, _ = _name_before(s, t)
    head = name[-2:] if len(name) >= 2 else ""
    return bool(head) and all(key.endswith(head) for _, key in parts)


def _value(f: Figure) -> Quantity | None:
    if f.qualifier is not Qualifier.EXACT or f.value is None:
        return None
    return f.value


def _is_goal(sentence: str, review: bool) -> bool:
    """Whether a sentence sets targets: its words where they are plain, else the
    section's kind."""
    target = bool(_TARGET_WORDS.search(sentence))
    result = bool(_RESULT_WORDS.search(sentence))
    if target and not result:
        return True
    if result and not target:
        return False
    return not review


def _zero() -> Decimal:
    return Decimal(0)
