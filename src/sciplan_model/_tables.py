"""Tables in a plan's text: rows of cells parted by tabs (as Word's tables are written out,
and markdown's with their bars), their 合计 rows and columns, and the figures of their
cells — those written with their units, and bare numbers whose unit the column's header
(资金（万元）) or the table's caption (单位：万元) gives.

:func:`read_table` says, for one table, what each cell's figure is called (its row and
its column), which cells are targets or results by their column (“十四五”目标, 2025年完成),
and which totals the table states: each 合计 row totals the rows above it column by
column, each 合计 column its row.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence

import attrs

from ._find import Found
from ._reading import Bad, fold_text, read_arabic
from ._words import TOTAL_ROW, dimension
from .errors import SciplanError
from .figure import Figure
from .quantity import Quantity
from .units import unit_info

__all__ = ["Cell", "TableReading", "read_table"]


@attrs.frozen
class Cell:
    """A bare number in a table's cell, with the unit its header gives it: a figure of
    the table, though not one written in prose (so not a :class:`Found`)."""

    start: int
    end: int
    text: str
    figure: Figure


#: A figure of a table: found in the text, or a bare number in a cell.
Figured = Found | Cell


@attrs.define
class TableReading:
    """What one table states.  ``sums`` are its totals: (total, parts keyed by their row
    or column, what the total counts, where its row starts)."""

    names: dict[int, str] = attrs.field(factory=dict)
    roles: dict[int, bool] = attrs.field(factory=dict)
    sums: list[tuple[Figured, list[tuple[Figured, str]], str, int]] = attrs.field(factory=list)


_TARGET_COLUMN = re.compile("目标|计划|预期|任务")
_RESULT_COLUMN = re.compile("完成|实际|实绩|现状|基数|[0-9]{4}年(?!目标|计划)")
#: A unit in brackets at the end of a header: 资金（万元）, 面积(亩), （单位：万元）.
_HEADER_UNIT = re.compile(r"[(（]\s*(?:单位[:：]\s*)?([^()（）:：]{1,6}?)\s*[)）]\s*$")
#: The headers of a column of serial numbers, which names no row.
_SERIAL = frozenset(("序号", "序", "编号", "No.", "NO.", "no."))
#: A table's caption naming the unit of its numbers: 单位：万元.
CAPTION_UNIT = re.compile(r"单位[:：]\s*([^\s，,。；;)）]{1,6})")
_BARE_NUMBER = re.compile(r"[0-9][0-9,，.。]*", re.ASCII)


def unit_named(words: str, pattern: re.Pattern[str] = _HEADER_UNIT) -> str | None:
    """The unit a header (or a caption) names, if it is one of ours."""
    m = pattern.search(fold_text(words))
    if m is None:
        return None
    try:
        return unit_info(m.group(1).strip()).name
    except SciplanError:
        return None


def read_table(
    text: str,
    s: str,
    rows: list[list[tuple[int, int]]],
    figures: Sequence[Found],
    starts: Sequence[int],
    caption: str | None,
    taken: Callable[[int], bool],
) -> TableReading:
    """Read one table: ``rows`` of cell spans in the folded text ``s``; ``figures`` the
    figures found in the text (``starts`` where each starts); ``caption`` the unit the
    table's caption names; ``taken(start)`` whether a figure is already a statement's
    part."""
    return _Table(text, s, figures, starts, caption, taken).read(rows)


class _Table:
    def __init__(
        self,
        text: str,
        s: str,
        figures: Sequence[Found],
        starts: Sequence[int],
        caption: str | None,
        taken: Callable[[int], bool],
    ) -> None:
        self.text = text
        self.s = s
        self.figures = figures
        self.starts = starts
        self.caption = caption
        self.taken = taken
        self.units: list[str | None] = []
        self.names: dict[int, str] = {}  # a row's first cell → the row's name
        self.out = TableReading()

    def words(self, cell: tuple[int, int]) -> str:
        return self.text[cell[0] : cell[1]].strip()

    def figure_in(self, row: list[tuple[int, int]], k: int) -> Figured | None:
        """The figure of a row's ``k``-th cell: found there, or a bare number in the unit
        of its column (or of the table)."""
        if k >= len(row):
            return None
        a, b = row[k]
        n = bisect_left(self.starts, a)
        if n < len(self.figures) and self.figures[n].start < b:
            return self.figures[n]
        unit = (self.units[k] if k < len(self.units) else None) or self.caption
        if unit is None:
            return None
        while a < b and self.s[a] == " ":
            a += 1
        while b > a and self.s[b - 1] in " \r":
            b -= 1
        if not _BARE_NUMBER.fullmatch(self.s, a, b):
            return None
        try:
            value, stop = read_arabic(self.s.replace("，", ","), a)
        except Bad:
            return None
        if stop != b:
            return None
        try:
            return Cell(a, b, self.text[a:b], Figure.exact(Quantity(value, unit)))
        except SciplanError:
            return None

    def read(self, rows: list[list[tuple[int, int]]]) -> TableReading:
        header: list[str] = []
        if not any(self.figure_in(rows[0], k) for k in range(1, len(rows[0]))):
            written = [self.words(c) for c in rows[0]]
            self.units = [unit_named(h) for h in written]
            # a column is called by its header without the unit: 资金（万元） → 资金
            header = [
                _HEADER_UNIT.sub("", h).strip() if u is not None else h
                for h, u in zip(written, self.units, strict=True)
            ]
            rows = rows[1:]
            if header and fold_text(header[0]).replace(" ", "") in _SERIAL and len(header) > 2:
                # 序号\t项目\t资金: the rows are called by the column after their numbers
                header, self.units = header[1:], self.units[1:]
                rows = [self._unnumbered(row) for row in rows if len(row) > 1]
        sum_column = next(
            (k for k, h in enumerate(header) if k and TOTAL_ROW.match(fold_text(h))), None
        )
        above: list[list[tuple[int, int]]] = []
        subtotals: list[list[tuple[int, int]]] = []  # the 小计 rows since the last total
        merged = ""  # the name of the row above, for a row whose name cell is blank
        for row in rows:
            key = self.words(row[0]) or self._other_words(row) or merged
            merged = key
            self.names[row[0][0]] = key
            folded = fold_text(key).replace(" ", "")
            total_row = TOTAL_ROW.fullmatch(folded) is not None
            self._name_cells(row, key, header, total_row)
            if sum_column is not None:
                self._row_sum(row, key, header, sum_column)
            if not total_row:
                above.append(row)
            elif folded == "小计":  # totals the rows since the 小计 before
                self._column_sums(row, key, header, above)
                subtotals.append(row)
                above = []
            else:  # 合计 after 小计 rows totals them and the rows after the last one
                self._column_sums(row, key, header, subtotals + above)
                subtotals, above = [], []
        return self.out

    def _other_words(self, row: list[tuple[int, int]]) -> str:
        """A row's first cell of words after its blank name cell (merged cells: 甲镇 over
        two rows, the second called by its 项目B)."""
        for k in range(1, len(row)):
            words = self.words(row[k])
            if words and self.figure_in(row, k) is None and not _BARE_NUMBER.fullmatch(words):
                return words
        return ""

    def _unnumbered(self, row: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A row without its serial number; where the row's name is blank and its number
        cell says 合计 (合计\\t\\t500), that cell names it."""
        first = row[0]
        if self.words(row[1]) or not TOTAL_ROW.fullmatch(fold_text(self.words(first))):
            first = row[1]
        return [first, *row[2:]]

    def _name_cells(
        self, row: list[tuple[int, int]], key: str, header: list[str], total_row: bool
    ) -> None:
        for k in range(1, len(row)):
            f = self.figure_in(row, k)
            if f is None or not isinstance(f, Found) or self.taken(f.start):
                continue
            column = header[k] if k < len(header) else ""
            self.out.names[f.start] = column if total_row or not key else key + column
            folded = fold_text(column)
            if _TARGET_COLUMN.search(folded):
                self.out.roles[f.start] = True  # a column of targets: “十四五”目标
            elif _RESULT_COLUMN.search(folded):
                self.out.roles[f.start] = False  # a column of results: 2025年完成

    def _row_sum(
        self, row: list[tuple[int, int]], key: str, header: list[str], sum_column: int
    ) -> None:
        t = self.figure_in(row, sum_column)
        if t is None:
            return
        parts = []
        for k in range(1, sum_column):
            f = self.figure_in(row, k)
            if f is not None and k < len(header) and header[k]:
                parts.append((f, header[k]))
        if parts and all(dimension(f) == dimension(t) for f, _ in parts):
            self.out.sums.append((t, parts, key, row[0][0]))

    def _column_sums(
        self,
        row: list[tuple[int, int]],
        key: str,
        header: list[str],
        above: list[list[tuple[int, int]]],
    ) -> None:
        for k in range(1, len(row)):
            t = self.figure_in(row, k)
            if t is None:
                continue
            parts = []
            for line in above:
                f = self.figure_in(line, k)
                if f is not None and dimension(f) == dimension(t):
                    parts.append((f, self.names[line[0][0]]))
            if parts:
                column = header[k] if k < len(header) else key
                self.out.sums.append((t, parts, column, row[0][0]))
