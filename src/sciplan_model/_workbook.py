"""Workbooks (.xlsx) for people and for the project-list reader: sheets of cells under
Chinese headers, numbers as numbers whose format shows their unit, and a 合计 row.

A workbook is described first (:class:`Sheet`: a title, :class:`Column` heads and rows
of cells), laid out into cells without touching any file, and only then written with
XlsxWriter (the ``excel`` extra), in memory, and put in place with
:func:`~sciplan_model._files.write_atomically`: a failed write leaves the old file as it
was.

Nothing is rounded on the way.  A number Excel cannot hold exactly — more than 15
significant digits, which a double cannot give back — is written as text, its exact
digits, and listed on a sheet named 说明 with its cell and the reason.  Text that
starts with ``=`` stays text, never a formula.

This module is the edge (io): it writes sheets and lays out a project list
(:func:`projects_sheet`).  The sheets of plans, roll-ups and reports are laid out in the
report layer above it (``_report_sheets``), which writes qualified figures (``600余家``,
``20xx万元``) as text with their ends in columns of their own (下限, 上限).
"""

from __future__ import annotations

import importlib
import io
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple, TypeAlias

import attrs

from ._exact import fmt, plain
from ._files import write_atomically
from ._sheetwords import FIELD_HEADERS, MoneyColumn, column_letter, money_header
from .codes import FundingSource, FundingStage
from .errors import InvalidValueError, WrongTypeError
from .model import Project
from .period import Year
from .quantity import Quantity, total

__all__ = [
    "NEEDS_EXCEL",
    "TOTAL",
    "Cell",
    "Column",
    "Sheet",
    "projects_sheet",
    "workbook_bytes",
    "write_projects",
    "write_workbook",
]

NEEDS_EXCEL = 'to_excel() needs XlsxWriter: pip install "sciplan_model[excel]"'

#: What a cell holds: text, a number (an int, an exact Decimal, or an amount with its
#: unit), a flag, or nothing.
Cell: TypeAlias = str | int | Decimal | bool | Quantity | None

#: The most characters Excel keeps in a cell.
MAX_TEXT = 32767
#: The most significant digits Excel keeps of a number.
MAX_DIGITS = 15
#: The widest a column is set (in Excel's character widths).
MAX_WIDTH = 60
_MIN_WIDTH = 6
#: The sheet that lists the numbers written as text.
NOTES = "说明"
TOTAL = "合计"
#: Decimals of up to 15 digits whose exponent lies within this come back from their double.
_SAFE_EXPONENT = 290
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


@attrs.frozen
class Column:
    """A column: its ``header``; the ``unit`` its numbers are written in (amounts are
    converted to it, exactly; None: each amount in its own unit, plain numbers without
    one); whether the 合计 row sums it (``summed``)."""

    header: str
    unit: str | None = None
    summed: bool = False


@attrs.frozen
class Sheet:
    """A sheet: its ``title``, its ``columns``, its ``rows`` of cells and, where the
    table adds up, its ``total`` row (合计), whose cells in summed columns are the exact
    sums the library computed."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None

    @property
    def headers(self) -> tuple[str, ...]:
        """The columns' headers."""
        return tuple(c.header for c in self.columns)


# -- laying cells out ------------------------------------------------------------------------


class _Put(NamedTuple):
    """One cell to write: ``kind`` is text, number, flag or sum; ``form`` its number
    format (None: none); ``value`` what it holds (for a sum, the cached value, with the
    formula in ``formula``).  A named tuple: a workbook has a million of them."""

    row: int
    col: int
    kind: str
    value: Any
    form: str | None = None
    bold: bool = False
    formula: str = ""


@attrs.frozen
class _Page:
    title: str
    puts: tuple[_Put, ...]
    widths: tuple[int, ...]


@attrs.frozen
class _Note:
    sheet: str
    cell: str
    value: str
    reason: str


def _address(row: int, col: int) -> str:
    return f"{column_letter(col)}{row + 1}"


def _width(text: str) -> int:
    """Columns ``text`` takes in Excel: an East Asian wide or fullwidth character two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _titles(titles: Iterable[str]) -> list[str]:
    """Sheet titles Excel accepts: no ``[]:*?/\\``, no quote at either end, at most 31
    characters, none blank, each unique (case aside); a repeated one gets ``（2）``."""
    out: list[str] = []
    taken: set[str] = set()
    for title in titles:
        base = _BAD_TITLE.sub("_", title).strip("'") or "Sheet"
        base = base[:31]
        name, n = base, 1
        while name.casefold() in taken or name.casefold() == "history":
            n += 1
            mark = f"（{n}）"
            name = base[: 31 - len(mark)] + mark
        taken.add(name.casefold())
        out.append(name)
    return out


def _bare(d: Decimal) -> tuple[Decimal, int, int]:
    """``d`` without trailing zeros (:func:`plain`), its significant digits and its
    decimal places."""
    _, digits, exponent = d.as_tuple()
    if not isinstance(exponent, int) or exponent > 0 or (exponent < 0 and digits[-1] == 0):
        d = plain(d)
        _, digits, exponent = d.as_tuple()
    assert isinstance(exponent, int)  # plain() gives finite numbers
    return d, len(digits), -exponent if exponent < 0 else 0


def _number(d: Decimal, digits: int) -> tuple[float | None, str | None]:
    """A Decimal of ``digits`` significant digits (without trailing zeros: see
    :func:`plain`) as Excel holds it: its double when that gives the Decimal back, else
    None and why not.  Every decimal of at most 15 significant digits well inside the
    doubles' range comes back from its double; others are tried."""
    if digits > MAX_DIGITS:
        return None, f"超过{MAX_DIGITS}位有效数字，Excel无法精确保存，按文本写出"
    f = float(d)
    if -_SAFE_EXPONENT < d.adjusted() < _SAFE_EXPONENT:
        return f, None
    if not math.isfinite(f) or Decimal(repr(f)) != d:
        return None, "超出Excel数值的范围，按文本写出"
    return f, None


def number_format(places: int, unit: str | None) -> str:
    """The number format of a column: ``0.0"万元"``, ``0"项"``, ``0.00``."""
    form = "0" + ("." + "0" * places if places else "")
    if unit:
        form += '"' + unit.replace('"', "") + '"'
    return form


#: A number to write: its exact value without trailing zeros, its unit, its significant
#: digits and its decimal places.
_Value: TypeAlias = tuple[Decimal, str | None, int, int]


def _magnitude(cell: Cell, unit: str | None, title: str, r: int, c: int) -> _Value | None:
    """A numeric cell's exact value in the column's ``unit`` (an amount in its own unit
    where the column has none), without trailing zeros, with its unit, digits and
    places; None for what is not a number."""
    if isinstance(cell, bool) or cell is None or isinstance(cell, str):
        return None
    if isinstance(cell, Quantity):
        if unit is None or cell.unit == unit:
            return _value(cell.magnitude, cell.unit)
        try:
            return _value(cell.to(unit).magnitude, unit)
        except ArithmeticError:
            where = f"cell {title}!{_address(r, c)}"
            raise InvalidValueError(where, f"{cell} has no exact form in {unit}") from None
    return _value(Decimal(cell) if isinstance(cell, int) else cell, unit)


def _value(d: Decimal, unit: str | None) -> _Value:
    bare, digits, places = _bare(d)
    return bare, unit, digits, places


def _check_text(sheet: Sheet, row: int, col: int, text: str) -> None:
    if len(text) > MAX_TEXT:
        raise InvalidValueError(
            f"cell {sheet.title}!{_address(row, col)}",
            f"{len(text)} characters of text; a cell of Excel holds at most {MAX_TEXT}",
        )


def _lay(sheet: Sheet, title: str, notes: list[_Note]) -> _Page:
    """A sheet's cells, its column widths and the notes of numbers written as text;
    an error of the library's type (a cell too long) before anything is written.

    Text and flags are laid out in one pass over the cells, which also finds each
    number's exact value and the places its column shows; the numbers follow."""
    n = len(sheet.columns)
    rows = list(sheet.rows) + ([sheet.total] if sheet.total is not None else [])
    for k, row in enumerate(rows):
        if len(row) != n:
            raise InvalidValueError(
                f"sheet {sheet.title}", f"row {k + 2} has {len(row)} cells, not {n}"
            )
    for c, column in enumerate(sheet.columns):
        _check_text(sheet, 0, c, column.header)
    puts = [_Put(0, c, "text", col.header, bold=True) for c, col in enumerate(sheet.columns)]
    widths = [_width(col.header) for col in sheet.columns]
    units = [col.unit for col in sheet.columns]
    texts: set[int] = set()  # columns where some cell of the body is text
    numbers: list[tuple[int, int, _Value]] = []
    places: dict[tuple[int, str | None], int] = {}
    end = len(rows)
    for r, row in enumerate(rows, start=1):
        bold = sheet.total is not None and r == end
        for c, cell in enumerate(row):
            if cell is None:
                continue
            if cell.__class__ is str:
                if len(cell) > MAX_TEXT:
                    _check_text(sheet, r, c, cell)
                puts.append(_Put(r, c, "text", cell, None, bold))
                texts.add(c)
                if widths[c] < MAX_WIDTH and 2 * len(cell) > widths[c]:
                    widths[c] = max(widths[c], _width(cell))
                continue
            if isinstance(cell, bool):
                puts.append(_Put(r, c, "flag", cell, None, bold))
                widths[c] = max(widths[c], 5)
                continue
            found = _magnitude(cell, units[c], title, r, c)
            if found is None:  # a str of a subclass
                puts.append(_Put(r, c, "text", str(cell), None, bold))
                texts.add(c)
                continue
            numbers.append((r, c, found))
            key = (c, found[1])
            if places.get(key, -1) < found[3]:
                places[key] = found[3]
    last = len(sheet.rows)  # the last row of the body (1-based in the sheet, 0 the header)
    for r, c, value in numbers:
        put, shown = _cell(
            sheet, title, r, c, value, places, notes, r == end and sheet.total is not None, last
        )
        if put.kind == "text":
            texts.add(c)
        if put.kind == "sum" and c in texts:  # SUM would miss what is text
            put = put._replace(kind="number", formula="")
        puts.append(put)
        if widths[c] < MAX_WIDTH and 2 * len(shown) > widths[c]:
            widths[c] = max(widths[c], _width(shown))
    return _Page(title, tuple(puts), tuple(min(MAX_WIDTH, max(_MIN_WIDTH, w + 2)) for w in widths))


def _cell(
    sheet: Sheet,
    title: str,
    r: int,
    c: int,
    value: _Value,
    places: dict[tuple[int, str | None], int],
    notes: list[_Note],
    is_total: bool,
    last: int,
) -> tuple[_Put, str]:
    """How a number is written, and the text it shows (for the column's width)."""
    d, unit, digits, _ = value
    double, why = _number(d, digits)
    if double is None:
        assert why is not None
        text = fmt(d)
        notes.append(_Note(title, f"{title}!{_address(r, c)}", text + (unit or ""), why))
        return _Put(r, c, "text", text, bold=is_total), text
    shown_places = places[c, unit]
    form = number_format(shown_places, unit)
    shown = f"{d:.{shown_places}f}{unit or ''}"
    if is_total and sheet.columns[c].summed and last > 0:
        letter = column_letter(c)
        formula = f"=SUM({letter}2:{letter}{last + 1})"
        return _Put(r, c, "sum", double, form, bold=True, formula=formula), shown
    return _Put(r, c, "number", double, form, bold=is_total), shown


def _notes_page(notes: list[_Note], title: str) -> Sheet:
    columns = (Column("工作表"), Column("单元格"), Column("数值"), Column("原因"))
    return Sheet(title, columns, tuple((n.sheet, n.cell, n.value, n.reason) for n in notes))


def layout(sheets: Sequence[Sheet]) -> list[_Page]:
    """The pages of a workbook: every sheet's cells, and a sheet 说明 listing the
    numbers written as text, when there are any."""
    if not sheets:
        raise InvalidValueError("workbook", "a workbook needs at least one sheet")
    titles = _titles([*(s.title for s in sheets), NOTES])
    notes: list[_Note] = []
    pages = [_lay(s, t, notes) for s, t in zip(sheets, titles, strict=False)]
    if notes:
        pages.append(_lay(_notes_page(notes, titles[-1]), titles[-1], []))
    return pages


# -- writing ---------------------------------------------------------------------------------


def xlsxwriter() -> Any:
    """The xlsxwriter module, or an ImportError that names the extra to install."""
    try:
        return importlib.import_module("xlsxwriter")
    except ImportError:
        raise ImportError(NEEDS_EXCEL, name="xlsxwriter") from None


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The .xlsx file of ``sheets``, in memory."""
    pages = layout(sheets)
    module = xlsxwriter()
    out = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "nan_inf_to_errors": False,
    }
    book = module.Workbook(out, options)
    formats: dict[tuple[bool, str | None], Any] = {}

    def form(bold: bool, number: str | None) -> Any:
        key = (bold, number)
        if key not in formats:
            spec: dict[str, Any] = {"bold": True} if bold else {}
            if number is not None:
                spec["num_format"] = number
            formats[key] = book.add_format(spec) if spec else None
        return formats[key]

    for page in pages:
        ws = book.add_worksheet(page.title)
        ws.freeze_panes(1, 0)
        for c, width in enumerate(page.widths):
            ws.set_column(c, c, width)
        for p in page.puts:
            f = form(p.bold, p.form)
            if p.kind == "text":
                ws.write_string(p.row, p.col, p.value, f)
            elif p.kind == "number":
                ws.write_number(p.row, p.col, p.value, f)
            elif p.kind == "flag":
                ws.write_boolean(p.row, p.col, p.value, f)
            else:
                ws.write_formula(p.row, p.col, p.formula, f, p.value)
    book.close()
    return out.getvalue()


def write_workbook(sheets: Sequence[Sheet], path: str | os.PathLike[str]) -> None:
    """Write ``sheets`` as a workbook to ``path`` (a name ending in .xlsx), all or
    nothing."""
    name = os.fspath(path) if isinstance(path, str | os.PathLike) else None
    if not isinstance(name, str):
        raise WrongTypeError("path", "a str or os.PathLike[str]", type(path).__name__)
    if os.path.splitext(name)[1].lower() != ".xlsx":
        raise InvalidValueError(name, "a workbook is written to a file whose name ends in .xlsx")
    write_atomically(name, workbook_bytes(sheets))


# -- project lists ---------------------------------------------------------------------------

_FIELDS = ("id", "name", "programme", "level", "status", "year", "undertaker", "related")
_STAGE_ORDER = {s: k for k, s in enumerate(FundingStage)}
_SOURCE_ORDER = {s: k for k, s in enumerate(FundingSource)}


def _year_key(year: Year | None) -> tuple[int, int, str]:
    if year is None:
        return (0, 0, "")
    return (1, year.value if year.value is not None else 10**6, str(year))


def _finest(amounts: Iterable[Quantity]) -> str:
    return total(amounts).unit


def _money_columns(
    projects: Sequence[Project],
) -> list[tuple[MoneyColumn, int, list[Quantity | None]]]:
    """The money columns of a project list: one per (stage, source, year) of the
    funding lines, a second where a project has two lines of one kind; each with its
    unit (the finest among its amounts) and the amount of each project (None: none)."""
    cells: dict[tuple[Any, ...], list[Quantity | None]] = {}
    for k, p in enumerate(projects):
        seen: dict[tuple[Any, ...], int] = {}
        for line in p.funding:
            kind = (line.stage, line.source, line.year)
            nth = seen[kind] = seen.get(kind, 0) + 1
            column = cells.get((*kind, nth))
            if column is None:
                column = cells[(*kind, nth)] = [None] * len(projects)
            column[k] = line.amount
    order = sorted(
        cells,
        key=lambda c: (_STAGE_ORDER[c[0]], _SOURCE_ORDER[c[1]], _year_key(c[2]), c[3]),
    )
    out = []
    for stage, source, year, nth in order:
        amounts = cells[stage, source, year, nth]
        unit = _finest(a for a in amounts if a is not None)
        out.append((MoneyColumn(stage, source, year, unit), nth, amounts))
    return out


def _year_cell(year: Year | None) -> Cell:
    if year is None:
        return None
    return year.value if year.value is not None else (year.placeholder or str(year))


def _field_cells(p: Project, placed: bool) -> list[Cell]:
    region = p.undertaker.region if p.undertaker is not None else None
    where: list[Cell] = [None if region is None else region.name] if placed else []
    return [*_fields_of(p), *where]


def _fields_of(p: Project) -> list[Cell]:
    return [
        p.id,
        p.name,
        p.programme,
        None if p.level is None else p.level.chinese,
        None if p.status is None else p.status.chinese,
        _year_cell(p.year),
        None if p.undertaker is None else p.undertaker.name,
        "；".join(p.related) if p.related else None,
    ]


def projects_sheet(
    projects: Iterable[Project], title: str = "项目", plans: Sequence[str] | None = None
) -> Sheet:
    """A project list as a sheet that the project-list reader reads back: the fields
    under the headers of :data:`~sciplan_model._sheetwords.FIELD_HEADERS`, then one
    money column per kind of funding line (stage, source, year) in the finest unit of
    its amounts, and a 合计 row of the money.  ``plans`` (one plan id a project) adds a
    column 所在计划 at the end."""
    projects = list(projects)
    for k, p in enumerate(projects):
        if not isinstance(p, Project):
            raise WrongTypeError(f"projects[{k}]", "a Project", type(p).__name__)
    money = _money_columns(projects)
    # the undertakers' regions (所在地区) where any undertaker has one
    placed = any(p.undertaker is not None and p.undertaker.region is not None for p in projects)
    fields = (*_FIELDS, "region") if placed else _FIELDS
    columns = [Column(FIELD_HEADERS[f]) for f in fields]
    columns += [Column(money_header(m, nth), m.unit, summed=True) for m, nth, _ in money]
    rows = []
    for k, p in enumerate(projects):
        row = _field_cells(p, placed) + [amounts[k] for _, _, amounts in money]
        if plans is not None:
            row.append(plans[k])
        rows.append(tuple(row))
    if plans is not None:
        columns.append(Column("所在计划"))
    grand: tuple[Cell, ...] | None = None
    if projects and money:
        sums: list[Cell] = [
            total((a for a in amounts if a is not None), m.unit) for m, _, amounts in money
        ]
        tail: list[Cell] = [None] if plans is not None else []
        grand = (None, TOTAL, *[None] * (len(fields) - 2), *sums, *tail)
    return Sheet(title, tuple(columns), tuple(rows), grand)


def write_projects(projects: Iterable[Project], path: str | os.PathLike[str]) -> None:
    """Write projects as a project list: a workbook (the ``excel`` extra) of one sheet,
    项目, all or nothing, that :func:`~sciplan_model.read_projects` reads back as the
    same projects.

    Its columns are 项目编号, 项目名称, 计划类别, 级别, 状态, 立项年度, 承担单位,
    相关项目 and, where an undertaker has a region, 所在地区; then one money column for each kind of funding line the projects have —
    its stage, source and year in the header (``2024年省财政下达经费（万元）``), in the
    finest unit of its amounts — and a 合计 row of the money (SUM formulas, with the
    exact sums as their values).  The funding lines come back in the order of the
    columns: by stage, source and year.  What the sheet does not hold is not written: an
    undertaker is its name and its region's name (the region's code and parent, the
    undertaker's kind and titles are left out), and ``source`` (where the project is
    written in a plan's text) is left out."""
    write_workbook([projects_sheet(projects)], path)
