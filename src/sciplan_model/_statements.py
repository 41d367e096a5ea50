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

The parts are read by :class:`._parts.PartsReader`, the base of this module's reader.
The rules read words, never the three seed texts: they are the forms DOMAIN.md and the
issue list, with the section's kind deciding where a sentence's verbs do not.
"""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_left
from collections.abc import Sequence

import attrs

from ._find import Found
from ._parts import PartsReader
from ._prose import (
    ASPIRATION,
    CLAUSE_ENDS,
    RESULT_WORDS,
    TARGET_WORDS,
    is_table_row,
    lines,
)
from ._reading import fold_text
from ._tables import CAPTION_UNIT, read_table, unit_named
from ._words import (
    LONGEST_NAME,
    VERBS_ALONE,
    after_span,
    cells,
    clause_end,
    clause_start,
    dimension,
    indicator_unit,
    name_span,
    sentences,
    statements,
    trim,
    unwrap,
)
from .codes import Aggregation, Level
from .errors import SciplanError
from .figure import Figure
from .model import (
    Achievement,
    Breakdown,
    Goal,
    Indicator,
    Note,
)
from .period import Period
from .units import unit_info

__all__ = ["Memory", "Place", "Statements", "read_statements"]

_STOCK_WORDS = re.compile("累计|现有|已有|拥有|总数|总量|保有|到目前|目前|截至|截止|达到|共有|存量")
#: The longest name taken from the words after a figure, and the verbs that end them.
_AFTER_NAME = 14
_AFTER_VERB = re.compile("开展|实施|建设|建立|设立|推行|推广|进行|参与|参加|完成|实现|获得|入驻")
#: Words of aim that only tell when: in a review they tell a result's time (年内新认定).
_WEAK_AIMS = frozenset(("年内", "到年底"))
_TARGET_COLUMN = re.compile("目标|计划|预期|任务")
_RESULT_COLUMN = re.compile("完成|实际|实绩|现状|基数|[0-9]{4}年(?!目标|计划)")


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
    levels: frozenset[Level] = frozenset()  # the levels its own clause names (省级, 市级以上)


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


class _Reader(PartsReader):
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
        self.named: dict[int, str] = {}  # a total's start -> the subject its statement says
        self.said_again: set[int] = set()  # totals said again after their parts
        self.items: list[_Item] = []

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
        header: tuple[int, int] | None = None  # a line of words parted by tabs
        for a, b in lines(self.s, start, end):
            if is_table_row(self.s, a, b):
                if not rows and header is not None:
                    # 项目\t资金 over 甲镇\t40: a header of one tab, which alone is no row
                    rows.append(cells(self.s, *_inside_bars(self.text, *header)))
                rows.append(cells(self.s, *_inside_bars(self.text, a, b)))
                header = None
                continue
            if rows:
                self._table(rows, figures, caption)
                rows = []
            if "\t" in self.s[a:b]:
                header = (a, b)
                continue
            header = None
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
            goal = self._goal(a, b, f, earlier, years[n - 1][0] if n else -1)
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

    def _goal(self, a: int, b: int, f: Found, earlier: bool, named_at: int = -1) -> bool:
        """Whether ``f`` (in the sentence ``s[a:b]``) is a target: as the column of its
        table says; else not where the year last named before it (on its line, at
        ``named_at``) comes before the plan's; else by the word of aim or of result
        nearest before it in its sentence (or in its own clause); else by the section's
        kind.  A year of the plan named in the sentence starts it afresh: the words before
        the year spoke of what came before it (现有…120家，2025年…培育…15家、…40家)."""
        role = self.roles.get(f.start)
        if role is not None:
            return role
        if earlier:
            return False
        end = clause_end(self.s, f.end, b, CLAUSE_ENDS)
        since = max(a, self.barrier, named_at)
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
            levels=self._levels_named(f, a, b, name, last),
        )
        self.items.append(item)
        return item

    def _levels_named(
        self, f: Found, a: int, b: int, name: str, last: _Item | None
    ) -> frozenset[Level]:
        """The levels the words of ``f``'s own clause name right before the thing it
        counts (a number of things, or money), where its name holds them: 新创建省级高新
        技术企业2家, 新增5家国家级科技型中小企业, 市级以上工程技术研究中心5家.  A figure
        named by the one before it in the same clause takes that one's levels (省级高企确保
        15家、力争20家); never those of another clause."""
        unit = unit_info(f.figure.unit)
        if not (unit.is_count or unit.currency):
            return frozenset()  # a ratio, a duration, an area: no level of what it counts
        s = self.s
        folded = fold_text(name)
        floor = max(a, last.found.end) if last is not None else a
        found: set[Level] = set()
        for lo, hi in (
            (clause_start(s, f.start, floor), f.start),
            (f.end, clause_end(s, f.end, b)),
        ):
            for m in _LEVELS_NAMED.finditer(s, lo, hi):
                if m.group() in folded:
                    for piece in _LEVEL_PIECE.findall(m.group()):
                        found.update(Level.parse_range(piece))
        if (
            not found
            and last is not None
            and last.levels
            and name == last.name
            and not any(c in CLAUSE_ENDS for c in s[last.found.end : f.start])
        ):
            return last.levels
        return frozenset(found)

    def _name(self, f: Found, a: int, e: int, b: int, last: _Item | None) -> str:
        """A figure's name from the words before it (``text[a:e]``); from those after it
        where the words before are a bare verb or end a list of examples (新增5家高新技术
        企业, 中科院等64家科研院所); from the figure before it where they are only a verb
        (举办讲座10期，参加3000人次); a target after its baseline takes the baseline's name
        (高企从30家增至45家)."""
        s = self.s
        if last is not None and _CHANGE_TO.fullmatch(s, last.found.end, f.start):
            return last.name
        name, folded = unwrap(self.text[a:e]), unwrap(s[a:e])
        k = bisect_left(self.starts, f.end)
        nxt = self.starts[k] if k < len(self.starts) else b
        baseline = nxt < b and _CHANGE_TO.fullmatch(s, f.end, nxt) is not None
        short = not name or len(name) <= 2 or folded in VERBS_ALONE or folded.endswith("等")
        if short and not (baseline and name and folded not in VERBS_ALONE):
            c_a, c_b = after_span(s, f.end, min(b, nxt))  # never over the next figure
            cut = _AFTER_VERB.search(s, c_a + 2, c_b) if c_b - c_a > _AFTER_NAME else None
            if cut is not None:  # 在20家高校和科研院所开展试点: the words up to the verb
                c_b = cut.start()
            after = self.text[c_a:c_b]
            if after and len(after) <= _AFTER_NAME:
                name = after if folded.endswith("等") else name + after
        short = len(name) <= 2 and dimension(last.found) != dimension(f) if last else False
        if (not name or name in VERBS_ALONE or short) and last is not None:
            # 举办讲座10期，参加3000人次; 项目21项、资金1,280万元: the figure before names it
            core = last.name
            for verb in sorted(VERBS_ALONE, key=len, reverse=True):
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
            if item.found.start in self.said_again:
                placed.append(Place(item.found, "restated"))
                continue
            item.name = self.named.get(item.found.start, item.name)
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

    def _stretch(self, f: Found) -> Figure:
        """A figure a word of aspiration governs (确保15家，力争突破20家): written with
        that word where it stands right before the figure (力争突破20家), else in its
        canonical form."""
        for word in ("力争", "争取", "力求"):
            if self.s.endswith(word, 0, f.start):
                with contextlib.suppress(SciplanError, ValueError):
                    return attrs.evolve(f.figure, aspirational=True, text=word + f.text)
        return attrs.evolve(f.figure, aspirational=True, text="")

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
            figure = self._stretch(f)
        elif not item.goal and figure.aspirational:
            figure = attrs.evolve(figure, aspirational=False, text="")
        cls = Goal if item.goal else Achievement
        try:
            return cls(
                indicator=indicator,
                figure=figure,
                period=self.period,
                levels=item.levels,
                source=self.source(item.start, item.end),
            )
        except SciplanError:
            return None


#: A level as plans name what they count (省级, 市级以上, 县级及以下) — or a list of them
#: (国家级、省级; 国家和省级, 省市级: the levels before the last without 级) — right
#: before the thing counted; not inside another word (园区级, 超市级, 全省市级) nor before
#: 市 (县级市 is a kind of city).
_LEVEL_WORD = "(?:国家|省部|省|地市|市|州|县|区|乡镇|乡|镇|村)级(?:及以上|以上|及以下|以下)?"
_LEVEL_HEAD = "(?:国家|省|市|县|区|乡镇|村)"
_LEVEL_PIECE = re.compile(f"{_LEVEL_WORD}|{_LEVEL_HEAD}")
_LEVELS_NAMED = re.compile(
    f"(?<![全本我该省市县区城超园社景片非])(?:{_LEVEL_HEAD}[、和与及]?)*{_LEVEL_WORD}"
    f"(?:[、和与及]{_LEVEL_WORD})*(?![市以、和与及，,。；;：:\\s0-9]|$)"
)
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


def _inside_bars(text: str, a: int, b: int) -> tuple[int, int]:
    """A table row without the outer bars of markdown (| a | b |, which the folded text
    holds as tabs).  Tabs at the ends of a row are empty cells (a blank 序号), not bars."""
    while a < b and text[a] == " ":
        a += 1
    while b > a and text[b - 1] in " \r":
        b -= 1
    if a < b and text[a] in "|｜" and text[b - 1] in "|｜":
        return a + 1, b - 1
    return a, b


def _last(marks: list[int], a: int, b: int) -> int:
    """The last of the sorted positions ``marks`` in ``[a, b)`` (-1 when none is)."""
    k = bisect_left(marks, b) - 1
    return marks[k] if k >= 0 and marks[k] >= a else -1


def _year_of(m: re.Match[str]) -> int:
    year = int(m.group(1))
    return year + 2000 if year < 100 else year
