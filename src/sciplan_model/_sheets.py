"""Project lists read from the spreadsheets bureaus keep: .xlsx (and .xlsm, .xls, .xlsb,
.ods) through python-calamine, and .csv.

A bureau's project list is one row a project under a header row: 项目编号, 项目名称,
计划类别, 级别, 承担单位, 立项年度, 下达经费（万元）… often with a title and a 单位：万元
line above, a header spread over two rows (经费（万元） over 下达 and 自筹), group
headings between the rows (一、重点研发计划), 小计 and 合计 rows, and notes under the
table.  :func:`read_projects` reads the projects and checks every stated total.

Numbers are read exactly.  A number Excel keeps is a binary double; it is read as the
shortest decimal that gives the same double (12.3, never 12.300000000000000710…), and
when that needs more than the 15 significant digits Excel itself keeps and shows (a
formula's 0.30000000000000004), as those 15 digits (0.3), which an info finding says.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import attrs

from ._exact import EXACT
from ._findings import Finding, Severity
from ._reading import fold_text
from ._sheetwords import MoneyColumn, column_letter, is_money, read_money_header
from ._tables import unit_named
from ._textfile import decode_text
from .codes import FundingSource, FundingStage, Level, ProjectStatus
from .errors import DocumentReadError, LoadProblem, SciplanError, SheetReadError, WrongTypeError
from .figure import Figure, Qualifier
from .model import (
    Breakdown,
    BreakdownPart,
    Funding,
    Organization,
    Plan,
    Project,
    Region,
    Section,
)
from .period import Year
from .quantity import Money, Quantity, total
from .units import unit_info
from .validation import Report

__all__ = ["SPREADSHEETS", "ProjectSheet", "read_projects"]

#: The file names read_projects reads: workbooks through python-calamine, and CSV.
SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv", ".tsv")
_WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
#: The rows searched for the header.
_HEADER_ROWS = 30
_MAX_CSV_BYTES = 500_000_000

# -- what a header names ------------------------------------------------------------------

#: Headers by what they name: (field, headers it is when they are the whole header,
#: words it is when a header holds them).  Fields are tried in this order, whole
#: headers first; a header ending in words of a description (负责人, 方式, 情况 …) names
#: no field unless it is one of the whole headers.
_FIELDS: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...] = (
    ("serial", frozenset({"序号", "序", "行号", "No", "NO", "No.", "NO.", "编号序号"}), ()),
    (
        "undertaker",
        frozenset({"单位", "承担单位名称", "单位名称", "承担者"}),
        (
            "承担单位",
            "申报单位",
            "依托单位",
            "实施单位",
            "牵头单位",
            "项目单位",
            "申请单位",
            "承担企业",
            "责任单位",
            "完成单位",
            "承担机构",
        ),
    ),
    (
        "id",
        frozenset({"编号", "编码", "项目号"}),
        ("项目编号", "项目代码", "项目编码", "立项编号", "计划编号", "合同编号", "任务编号"),
    ),
    ("name", frozenset({"项目", "名称", "课题"}), ("项目名称", "课题名称", "任务名称")),
    (
        "programme",
        frozenset({"计划", "类别", "专项", "类型", "计划项目"}),
        (
            "计划类别",
            "项目类别",
            "计划名称",
            "计划类型",
            "项目类型",
            "所属计划",
            "专项名称",
            "专项类别",
            "计划类",
        ),
    ),
    ("level", frozenset({"级别", "层级", "层次"}), ("项目级别", "立项级别", "计划级别")),
    ("status", frozenset({"状态", "进展"}), ("项目状态", "实施状态", "执行状态", "项目进展")),
    (
        "year",
        frozenset({"年度", "年份", "年"}),
        ("立项年度", "立项年份", "立项时间", "立项日期", "计划年度", "下达年度", "批准年度"),
    ),
    (
        "period",
        frozenset({"期限", "年限", "周期"}),
        ("起止年限", "起止时间", "起止日期", "实施期限", "执行期限", "实施年限", "实施周期"),
    ),
    (
        "region",
        frozenset({"县", "县区", "区县", "地区", "所在地", "县(市、区)", "县(市区)"}),
        ("所属县", "所在县", "所属区", "所在区", "所属地区", "所在地区", "所属市县", "所属县区"),
    ),
    ("source", frozenset(), ("资金来源", "经费来源", "资金渠道", "经费渠道")),
    ("related", frozenset({"相关项目"}), ()),
)
#: Words that end a header describing something other than a field (项目负责人, 拨款方式).
_DESCRIPTIONS = (
    "负责人",
    "联系人",
    "电话",
    "方式",
    "性质",
    "情况",
    "说明",
    "备注",
    "内容",
    "目标",
    "领域",
    "代码",
    "意见",
    "指标",
    "成果",
)
_FIELD_NAMES = frozenset(name for name, _, _ in _FIELDS) - {"serial"}
#: A column of each row's total money: checked against the row's money lines.
_ROW_TOTALS = frozenset(
    {"合计", "小计", "总计", "经费合计", "资金合计", "合计金额", "金额合计", "总经费", "项目总经费"}
)
#: A column of a project's total investment, which may hold money not listed beside it.
_INVESTMENT = frozenset({"总投资", "项目总投资", "计划总投资", "总投入", "项目总投入"})
_SPACE = re.compile(r"\s+")
_MARKS = re.compile(r"[*＊★☆※]")
_CAPTION_UNIT = re.compile(r"单位[:：]\s*([^\s,，;；)）]{1,6})")
#: The first words of a note under the table: 注：, 注1., 说明：, 填表人：张三, 联系电话：…
#: (a word of these followed by its colon or its number, so that 注塑模具 is a project).
_NOTE = re.compile(
    "^(?:注|说明|备注|附注|填表人?|填报人?|制表人?|审核人?|审批人?|负责人|联系人|联系电话|"
    "单位负责人|经办人|填报单位|主管领导|分管领导|日期|填报日期|制表日期)\\s*(?:[:：]|[0-9一二三四五六七八九十]+[、.．:：)）])"
)
_OUTLINE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十0-9]+[)）]|[0-9]+[、.．])\s*"
)
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?", re.ASCII)
_NOTHING = frozenset(
    {"", "-", "--", "—", "——", "－", "/", "／", "无", "空", "null", "None", "N/A", "n/a"}
)
_YEAR_TEXT = re.compile(r"^((?:19|20)[0-9]{2})(?:年.*|[.\-/](?:[0-9]{1,2}).*)?$")
#: A line above a table naming it an annex of a document: 附件1, 附表二, 附件：.
_ANNEX = re.compile(r"^附[件表录]\s*[0-9一二三四五六七八九十]*\s*[:：]?$")
#: Levels written as the kinds of place (自治区级, 市（州）级, 旗级), before Level.parse.
_LEVEL_WORDS = (
    ("自治区", Level.PROVINCIAL),
    ("直辖市", Level.PROVINCIAL),
    ("部级", Level.NATIONAL),
    ("市(州)", Level.MUNICIPAL),
    ("市（州）", Level.MUNICIPAL),
    ("地市", Level.MUNICIPAL),
    ("地级", Level.MUNICIPAL),
    ("州级", Level.MUNICIPAL),
    ("盟级", Level.MUNICIPAL),
    ("县(市、区)", Level.COUNTY),
    ("县（市、区）", Level.COUNTY),
    ("县(区)", Level.COUNTY),
    ("县（区）", Level.COUNTY),
    ("旗级", Level.COUNTY),
)
_STATUS_WORDS = {
    "执行中": ProjectStatus.UNDER_WAY,
    "进行中": ProjectStatus.UNDER_WAY,
    "实施中": ProjectStatus.UNDER_WAY,
    "研究中": ProjectStatus.UNDER_WAY,
    "建设中": ProjectStatus.UNDER_WAY,
    "已完成": ProjectStatus.COMPLETED,
    "已结题": ProjectStatus.COMPLETED,
    "已验收": ProjectStatus.COMPLETED,
    "已立项": ProjectStatus.WON,
    "已下达": ProjectStatus.WON,
    "已申报": ProjectStatus.APPLIED,
}
_SOURCE_OF_LEVEL = {
    Level.NATIONAL: FundingSource.NATIONAL,
    Level.PROVINCIAL: FundingSource.PROVINCIAL,
    Level.MUNICIPAL: FundingSource.MUNICIPAL,
    Level.COUNTY: FundingSource.COUNTY,
    Level.TOWNSHIP: FundingSource.COUNTY,
    Level.VILLAGE: FundingSource.COUNTY,
}
#: The label of a total row: 合计, 小 计, 全县合计, 本页小计, 合计：36项 (not a project
#: named …小计划).
_TOTAL_LABEL = re.compile(r"^[^0-9]{0,6}?(合计|小计|总计|共计)(?:$|[:：(（]|[0-9共])")
_PLACEHOLDER_NUMBER = re.compile(r"(?=[0-9.]*[xX×])[0-9xX×]+(?:\.[0-9xX×]+)?")
#: A 其中 row under a total: 其中：新上项目, 其中, 其中续建.
_PART_LABEL = re.compile(r"^其中[:：,，]?(.*)$")
_FIRST_YEAR = re.compile("(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])", re.ASCII)
_FIFTEEN = 15
_UNMAPPED = object()
#: The fields of a row in the order they are read, and the method that reads each that
#: is not text.
_READ_ORDER = (
    "name", "id", "programme", "undertaker", "related", "region",
    "level", "status", "year", "period", "source",
)  # fmt: skip
_READS = {
    "level": "_level",
    "status": "_status",
    "year": "_year",
    "period": "_start",
    "source": "_source",
}
_INFINITY = float("inf")
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
_REMEMBERED = 100_000
_LARGEST = float(10**_FIFTEEN)


# -- the result ---------------------------------------------------------------------------


class ProjectSheet(tuple[Project, ...]):
    """The projects of a sheet, in the order of its rows — a tuple of :class:`Project`
    — with what else the sheet says:

    ``path``, ``sheet``
        the file and the sheet read (for a CSV file, its name);
    ``rows``
        the row number (1 for the first) of each project;
    ``columns``
        each header read, as written, and what it was read as (``项目名称 → name``,
        ``下达经费（万元） → 下达 万元``); ``ignored`` the headers not read;
    ``totals``
        the sheet's 合计, 小计 and 总计 rows as statements (:class:`Breakdown`): what
        each states of each money column, and of the number of projects;
    ``report``
        the findings, at cell addresses (``项目表!H21``): each stated total checked
        against the rows it sums, and each row's 合计 column against its money
        (``sheet.total``, ``sheet.subtotal``, ``sheet.count``, ``sheet.row_total``);
        totals that could not be checked (``sheet.undecided``); placeholder amounts
        left out (``sheet.placeholder``); doubles read as Excel's 15 digits
        (``sheet.digits``); a column of values without a header, not read
        (``sheet.unread``);
    ``notes``
        the text of the rows that are no projects: group headings and the notes under
        the table, each with its address;
    ``title``
        the table's title written above its header (None when there is none).
    """

    path: str
    sheet: str
    title: str | None
    rows: tuple[int, ...]
    columns: Mapping[str, str]
    ignored: tuple[str, ...]
    totals: tuple[Breakdown, ...]
    report: Report
    notes: tuple[tuple[str, str], ...]

    def __new__(cls, projects: Iterable[Project], **fields: Any) -> ProjectSheet:
        made = super().__new__(cls, projects)
        for name, value in fields.items():
            object.__setattr__(made, name, value)
        return made

    def __repr__(self) -> str:
        return (
            f"<ProjectSheet {self.sheet!r} of {os.path.basename(self.path)}: "
            f"{len(self)} projects, {len(self.totals)} totals, "
            f"{len(self.report.findings)} findings>"
        )

    def to_excel(self, path: str | os.PathLike[str]) -> None:
        """Write the projects as a project list that :func:`read_projects` reads back
        (:func:`~sciplan_model.write_projects`)."""
        from ._workbook import write_projects

        write_projects(self, path)

    def section(self, label: str | None = None, title: str | None = None) -> Section:
        """A section holding the projects and the stated totals, to add to a plan."""
        return Section(label=label, title=title, items=(*self, *self.totals))

    def into(self, plan: Plan, section: str | None = None, *, replace: bool = False) -> Plan:
        """``plan`` with the sheet's projects in it: a project whose id the plan has
        already is replaced where it stands, the others are added to the section whose
        label or title is ``section`` (by default the sheet's title, or 项目清单) — a
        new last section when the plan has none such — and so are the sheet's stated
        totals, each replacing the one of its subject there.  Importing a sheet again
        updates what the first import added.  With ``replace``, the projects of that
        section that the sheet does not list are taken out (:meth:`left_out` names
        them): the section then holds the list as it is now."""
        target = self._target(plan, section)
        fresh = {p.id: p for p in self}
        subjects = {b.subject for b in self.totals}
        placed: set[str] = set()

        def renew(s: Section) -> Section:
            here = s is target
            items: list[Any] = []
            for item in s.items:
                if isinstance(item, Project) and item.id in fresh:
                    placed.add(item.id)
                    items.append(fresh[item.id])
                elif not (here and _replaced(item, subjects, replace)):
                    items.append(item)
            return attrs.evolve(s, items=items, sections=[renew(c) for c in s.sections])

        sections = [renew(s) for s in plan.sections]
        added = [*(p for p in self if p.id not in placed), *self.totals]
        if target is None:
            title = (section or self.title or "项目清单").strip()
            return attrs.evolve(plan, sections=[*sections, Section(title=title, items=added)])

        def add(s: Section, old: Section) -> Section:
            if old is target:
                return attrs.evolve(s, items=[*s.items, *added])
            return attrs.evolve(
                s, sections=[add(c, o) for c, o in zip(s.sections, old.sections, strict=True)]
            )

        return attrs.evolve(
            plan, sections=[add(s, o) for s, o in zip(sections, plan.sections, strict=True)]
        )

    def left_out(self, plan: Plan, section: str | None = None) -> tuple[str, ...]:
        """The ids of the projects in the section :meth:`into` puts the sheet into that
        the sheet does not list (dropped from a newer list, or entered by hand)."""
        target = self._target(plan, section)
        if target is None:
            return ()
        listed = {p.id for p in self}
        return tuple(i.id for i in target.items if isinstance(i, Project) and i.id not in listed)

    def _target(self, plan: Plan, section: str | None) -> Section | None:
        wanted = (section or self.title or "项目清单").strip()

        def named(s: Section) -> bool:
            return wanted in ((s.label or "").strip(), (s.title or "").strip())

        return _first(plan.sections, named)


def _replaced(item: Any, subjects: set[str], replace: bool) -> bool:
    """Whether an item of the section a sheet goes into gives way to the sheet: a stated
    total of the sheet's, or (``replace``) a project the sheet does not list."""
    if isinstance(item, Breakdown):
        return item.subject in subjects
    return replace and isinstance(item, Project)


def _first(sections: Sequence[Section], wanted: Any) -> Section | None:
    for s in sections:
        if wanted(s):
            return s
        found = _first(s.sections, wanted)
        if found is not None:
            return found
    return None


# -- reading ------------------------------------------------------------------------------


Grid = list[list[Any]]


@attrs.define
class _Column:
    index: int
    header: str
    field: str  # a field name, "money", "row_total", "investment" or "serial"
    money: MoneyColumn | None = None

    @property
    def name(self) -> str:
        """The header's words without units and remarks in brackets: 经费市拨."""
        return _BRACKETED.sub("", _words(self.header)) or self.header


class _Problems:
    """The problems found, each at a cell's address (given as text, or as its row and
    column, made into an address only when a problem is found there)."""

    def __init__(self, sheet: str) -> None:
        self.sheet = sheet
        self.found: list[LoadProblem] = []

    def add(self, where: str | tuple[int, int], message: str) -> None:
        at = where if isinstance(where, str) else _address(self.sheet, *where)
        self.found.append(LoadProblem(at, message))


def read_projects(
    path: str | os.PathLike[str],
    *,
    sheet: str | int | None = None,
    columns: Mapping[str, str | MoneyColumn | None] | None = None,
    unit: str | None = None,
    stage: FundingStage | str | None = None,
) -> ProjectSheet:
    """The projects of a project list: a sheet of a workbook (.xlsx, .xlsm, .xls, .xlsb,
    .ods; the ``excel`` extra) or a CSV file (UTF-8 with or without its BOM, or GB18030).

    ``sheet`` names the sheet (or gives its index, 0 the first); by default the first
    sheet whose header names the projects (项目名称).  Headers are known by their usual
    names and variants; ``columns`` maps any other header, as written, to a field
    (``id``, ``name``, ``programme``, ``level``, ``status``, ``year``, ``period`` (a
    term of years, whose first year is the project's), ``undertaker``, ``region`` (the
    undertaker's), ``source`` (of money columns that name none), ``related``), to a
    known header (``"下达经费"``), to a :class:`MoneyColumn`, or to None to leave a
    column unread.  ``unit`` is the unit of money columns whose header (经费（万元）)
    and caption (单位：万元) say none; ``stage`` the stage of money columns whose header
    names none (经费, 资金, 自筹经费; default 下达, allocated).

    The sheet's 合计, 小计 and 总计 rows are checked against the rows they sum; what
    they state and what the checks found come back with the projects
    (:class:`ProjectSheet`).  Raises :class:`~sciplan_model.SheetReadError` listing
    every cell that cannot be read, with its address, and nothing else is returned;
    DocumentReadError when the file cannot be opened.
    """
    name = _path_name(path)
    if columns is not None and not isinstance(columns, Mapping):
        raise WrongTypeError("columns", "a mapping of headers to fields", type(columns).__name__)
    default_stage = FundingStage.ALLOCATED if stage is None else _stage(stage)
    if unit is not None:
        try:
            unit = unit_info(unit).name
        except SciplanError as error:
            raise SheetReadError(name, [LoadProblem("unit", str(error))]) from None
    suffix = Path(name).suffix.lower()
    sheets: list[_Sheet]
    if suffix in _WORKBOOKS:
        sheets = _workbook(name)
    elif suffix in (".csv", ".tsv"):
        grid = _csv_grid(name, suffix)
        sheets = [(Path(name).name, lambda: (grid, []))]
    else:
        raise DocumentReadError(
            name,
            f"cannot read a project list from {suffix or 'a file without a suffix'}; "
            f"accepted are {', '.join(SPREADSHEETS)}",
        )
    chosen = _choose(name, sheets, sheet, columns or {})
    return _Reader(name, *chosen, columns or {}, unit, default_stage).read()


def _path_name(path: object) -> str:
    name = os.fspath(path) if isinstance(path, str | os.PathLike) else None
    if not isinstance(name, str):
        raise WrongTypeError("path", "a str or os.PathLike[str]", type(path).__name__)
    if not os.path.exists(name):
        raise DocumentReadError(name, "no such file; check the path")
    if os.path.isdir(name):
        raise DocumentReadError(name, "it is a folder; name a spreadsheet file")
    return name


def _stage(stage: FundingStage | str) -> FundingStage:
    if isinstance(stage, FundingStage):
        return stage
    if isinstance(stage, str):
        try:
            return FundingStage(stage)
        except ValueError:
            return FundingStage.parse(stage)
    raise WrongTypeError("stage", "a FundingStage or str", type(stage).__name__)


def _calamine() -> Any:
    try:
        import python_calamine
    except ImportError:
        raise ImportError(
            'reading workbooks needs python-calamine: pip install "sciplan_model[excel]"'
        ) from None
    return python_calamine


#: A sheet: its title, and what reads its cells and merged ranges when they are wanted.
_Sheet = tuple[str, Callable[[], tuple[Grid, list[Any]]]]


def _workbook(name: str) -> list[_Sheet]:
    pc = _calamine()
    try:
        book = pc.CalamineWorkbook.from_path(name)
        titles = list(book.sheet_names)
    except Exception as error:  # calamine raises its own errors for broken files
        raise DocumentReadError(
            name, f"not a workbook that can be read ({_first_line(error)})"
        ) from None

    def cells(title: str) -> tuple[Grid, list[Any]]:
        try:
            sheet = book.get_sheet_by_name(title)
            grid = sheet.to_python(skip_empty_area=False)
            merged = list(getattr(sheet, "merged_cell_ranges", None) or [])
        except Exception as error:
            raise DocumentReadError(
                name, f"the sheet {title!r} cannot be read ({_first_line(error)})"
            ) from None
        for (r, c), text in _error_cells(name, title).items():
            if r < len(grid) and c < len(grid[r]) and grid[r][c] == "":
                grid[r][c] = _CellError(text)
        return grid, merged

    return [(title, functools.partial(cells, title)) for title in titles]


class _CellError:
    """A cell holding one of Excel's errors (#N/A, #DIV/0!, #REF! …), which
    python-calamine reads as an empty cell."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"_CellError({self.text!r})"


_ERROR_CELL = re.compile(rb'<c\b[^>]*\bt="e"[^>]*>')
_CELL_REF = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_ERROR_VALUE = re.compile(rb"<v>([^<]*)</v>")


def _error_cells(name: str, title: str) -> dict[tuple[int, int], str]:
    """The cells of sheet ``title`` of an .xlsx or .xlsm file that hold an error of
    Excel's (#N/A), by row and column from 0; none for other files."""
    if Path(name).suffix.lower() not in (".xlsx", ".xlsm"):
        return {}
    try:
        with zipfile.ZipFile(name) as book:
            part = _sheet_part(book, title)
            if part is None:
                return {}
            data = book.read(part)
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}
    found: dict[tuple[int, int], str] = {}
    for m in _ERROR_CELL.finditer(data):
        ref = _CELL_REF.search(m.group(0))
        if ref is None:
            continue
        close = data.find(b"</c>", m.end())  # the cell's formula, then its value
        value = _ERROR_VALUE.search(data, m.end(), close if close >= 0 else len(data))
        column = 0
        for letter in ref.group(1):
            column = column * 26 + letter - 64
        text = value.group(1).decode("utf-8", "replace") if value else "#VALUE!"
        found[int(ref.group(2)) - 1, column - 1] = text
    return found


def _sheet_part(book: zipfile.ZipFile, title: str) -> str | None:
    """The name of the part of an .xlsx file that holds the sheet ``title``."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    wanted = None
    for sheet in workbook.iter(f"{main}sheet"):
        if sheet.get("name") == title:
            wanted = sheet.get(rel)
    if wanted is None:
        return None
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    for r in rels:
        if r.get("Id") == wanted:
            target = r.get("Target") or ""
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _first_line(error: BaseException) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0]


def _csv_grid(name: str, suffix: str) -> Grid:
    try:
        with open(name, "rb") as stream:
            data = stream.read(_MAX_CSV_BYTES + 1)
    except OSError as error:
        raise DocumentReadError(name, f"cannot read the file ({error.strerror})") from None
    if len(data) > _MAX_CSV_BYTES:
        raise DocumentReadError(name, f"the file has more than {_MAX_CSV_BYTES} bytes")
    text = decode_text(data, name).lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if suffix == ".tsv" or first.count("\t") > first.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _choose(
    name: str,
    sheets: list[_Sheet],
    wanted: str | int | None,
    columns: Mapping[str, Any],
) -> tuple[str, Grid, list[Any]]:
    """The sheet named or numbered by ``wanted``, or else the first whose header names
    the projects (the first sheet when none does)."""
    titles = [t for t, _ in sheets]
    if isinstance(wanted, bool) or not isinstance(wanted, str | int | None):
        raise WrongTypeError("sheet", "a sheet's name, its index or None", type(wanted).__name__)
    if isinstance(wanted, int):
        if not -len(sheets) <= wanted < len(sheets):
            raise SheetReadError(
                name, [LoadProblem("sheet", f"there is no sheet {wanted}; the sheets are {titles}")]
            )
        title, cells = sheets[wanted]
        return (title, *cells())
    if isinstance(wanted, str):
        for title, cells in sheets:
            if title == wanted:
                return (title, *cells())
        raise SheetReadError(
            name, [LoadProblem("sheet", f"there is no sheet {wanted!r}; the sheets are {titles}")]
        )
    first: tuple[str, Grid, list[Any]] | None = None
    for title, cells in sheets:
        grid, merged = cells()
        if first is None:
            first = (title, grid, merged)
        if _find_header(_filled(grid, merged, _HEADER_ROWS + 2), columns) is not None:
            return title, grid, merged
    return first if first is not None else (Path(name).name, [], [])


def _filled(grid: Grid, merged: list[Any], rows: int | None = None) -> Grid:
    """The first ``rows`` rows of ``grid`` (all by default), each merged range's value
    written into every cell it covers."""
    out = [list(r) for r in (grid if rows is None else grid[:rows])]
    for (r1, c1), (r2, c2) in merged:
        if r1 >= len(out) or c1 >= len(out[r1]):
            continue
        value = out[r1][c1]
        for r in range(r1, min(r2, len(out) - 1) + 1):
            row = out[r]
            for c in range(c1, c2 + 1):
                while len(row) <= c:
                    row.append("")
                if (r, c) != (r1, c1):
                    row[c] = value
    return out


def _words(value: Any) -> str:
    """A header cell's words: folded, without spaces, line breaks and required marks."""
    if value is None or value == "":
        return ""
    text = value if isinstance(value, str) else _plain(value)
    return _MARKS.sub("", _SPACE.sub("", fold_text(text)))


def _plain(value: Any) -> str:
    if isinstance(value, float):
        d = _exact(value)
        return str(d) if d is not None else repr(value)
    return str(value)


def _field_of(words: str) -> str | None:
    """What a header's words (its unit taken off) name, or None."""
    for field, whole, _ in _FIELDS:
        if words in whole:
            return field
    if words in _ROW_TOTALS:
        return "row_total"
    if words in _INVESTMENT:
        return "investment"
    if words.endswith(_DESCRIPTIONS):
        return None
    for field, _, held in _FIELDS:
        if any(n in words for n in held):
            return field
    return "money" if is_money(words) else None


def _unit_off(words: str) -> tuple[str, str | None]:
    """A header's words without their unit in brackets, and the unit."""
    found = unit_named(words)
    if found is None:
        bare = re.sub(r"[(（][^()（）]*[)）]$", "", words)
        return (bare or words), None
    return re.sub(r"[(（][^()（）]*[)）]$", "", words), found


def _header_words(rows: Grid, r: int, depth: int, width: int) -> list[tuple[str, str | None]]:
    """Each column's header words and unit, over ``depth`` rows from ``r``."""
    out = []
    for c in range(width):
        parts: list[str] = []
        unit = None
        for k in range(depth):
            row = rows[r + k] if r + k < len(rows) else []
            words = _words(row[c]) if c < len(row) else ""
            if not words or (parts and parts[-1] == words):
                continue
            bare, said = _unit_off(words)
            unit = said or unit
            if bare:
                parts.append(bare)
        if len(parts) > 1 and _field_of(parts[0]) in ("money", "source"):
            # 经费（万元） or 经费来源 over 合计, 省级财政, 单位自筹: the part below says
            # what the column holds; money it is, whatever its words
            below = parts[-1]
            parts = [below if below in _ROW_TOTALS or is_money(below) else f"{below}经费"]
        out.append(("".join(parts), unit))
    return out


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal | datetime.date) and not isinstance(value, bool)


def _find_header(rows: Grid, columns: Mapping[str, Any]) -> tuple[int, int] | None:
    """The header's first row and its depth (1 or 2): the first row of the first
    :data:`_HEADER_ROWS` that names the projects (项目名称) beside another header."""
    for r in range(min(len(rows), _HEADER_ROWS)):
        row = rows[r]
        if not row or any(_is_number(v) for v in row):
            continue
        width = len(row)
        words = [w for w, _ in _header_words(rows, r, 1, width)]
        fields = {_mapped(columns, w, row[c]) or _field_of(w) for c, w in enumerate(words) if w}
        if "name" not in fields or len({w for w in words if w}) < 2:
            continue
        depth = 2 if _continues(rows, r) else 1
        return r, depth
    return None


def _mapped(columns: Mapping[str, Any], words: str, raw: Any) -> str | None:
    if not columns:
        return None
    target = columns.get(str(raw).strip()) if raw is not None else None
    if target is None:
        target = columns.get(words)
    if isinstance(target, MoneyColumn):
        return "money"
    if isinstance(target, str):
        return target if target in _FIELD_NAMES else _field_of(_unit_off(_words(target))[0])
    return None


def _continues(rows: Grid, r: int) -> bool:
    """Whether the row under a header row ``r`` carries on the header (下达, 自筹 under
    经费（万元）; a row of units alone): every word in it is a header's (a field, money
    or a total; no number, not even written as text), and some of it stands under a
    header cell that spans columns or stands empty."""
    if r + 1 >= len(rows):
        return False
    top, below = rows[r], rows[r + 1]
    words = [(c, _words(v)) for c, v in enumerate(below)]
    words = [(c, w) for c, w in words if w]
    if not words or any(_is_number(v) for v in below):
        return False
    under = False
    for c, w in words:
        if not _BRACKETED.sub("", w) and unit_named(w) is not None:
            under = True  # a unit alone: （万元）
            continue
        over = _words(top[c]) if c < len(top) else ""
        if w == over:
            continue  # a cell merged down over both rows
        bare = _unit_off(w)[0]
        if _PLAIN_NUMBER.fullmatch(bare) or _field_of(bare) in (None, "name"):
            return False  # a value of the first row, not a header's word
        spans = (c > 0 and _words(top[c - 1]) == over) or (
            c + 1 < len(top) and _words(top[c + 1]) == over
        )
        under = under or not over or spans
    return under


def _address(sheet: str, row: int, column: int) -> str:
    return f"{sheet}!{column_letter(column)}{row + 1}"


def _exact(value: float) -> Decimal | None:
    """The decimal an Excel double stands for: its shortest text, or that text's first
    15 significant digits where it needs more (digits Excel itself never keeps)."""
    if value != value or value in (_INFINITY, -_INFINITY):
        return None
    if value.is_integer() and -_LARGEST < value < _LARGEST:
        return Decimal(int(value))
    text = repr(value)
    d = Decimal(text)
    if len(text) - 1 > _FIFTEEN and len(d.as_tuple().digits) > _FIFTEEN:
        d = Decimal(f"{value:.15g}")  # the digits Excel shows, without trailing zeros
        if d == d.to_integral_value():
            d = Decimal(int(d))
    return d


def _beyond_excel(value: float) -> bool:
    """Whether a double needs more than the 15 significant digits Excel keeps (its
    shortest text, trailing zeros aside: 1e14 written 100000000000000.0 needs one)."""
    if value.is_integer() and -_LARGEST < value < _LARGEST:
        return False
    mantissa = repr(value).lstrip("-").split("e")[0].replace(".", "").strip("0")
    return len(mantissa) > _FIFTEEN


class _Reader:
    def __init__(
        self,
        path: str,
        sheet: str,
        grid: Grid,
        merged: list[Any],
        columns: Mapping[str, str | MoneyColumn | None],
        unit: str | None,
        stage: FundingStage,
    ) -> None:
        self.path = path
        self.sheet = sheet
        self.grid = grid
        self.merged = merged
        self.columns_given = dict(columns)
        self.unit = unit
        self.stage = stage
        self.problems = _Problems(sheet)
        self.title: str | None = None
        #: The cells whose money is a template's placeholder (20xx万元), by row and column.
        self.placeholders: dict[tuple[int, int], Figure] = {}
        self.reads: list[tuple[str, int]] | None = None
        self.bodies: dict[tuple[str, str | None], Organization] = {}
        #: The rows that hold a cell merged across columns.
        self.wide = {r1 for (r1, c1), (_, c2) in merged if c2 > c1}
        self.seen: dict[tuple[str, type, Any], Any] = {}
        #: The money cells whose doubles need more than 15 digits, read as 15 (0.3 for
        #: 0.30000000000000004), and those doubles.
        self.rounded: dict[tuple[int, int], float] = {}
        self.beyond: set[float] = set()
        #: Amounts made from the doubles of cells, by double and unit: lists repeat them.
        self.amounts: dict[tuple[float, str | None], Money] = {}

    # -- the header ---------------------------------------------------------------------

    def read(self) -> ProjectSheet:
        rows = _filled(self.grid, self.merged)
        found = _find_header(rows, self.columns_given)
        if found is None:
            known = "、".join(held[0] for _, _, held in _FIELDS[1:5])
            raise SheetReadError(
                self.path,
                [
                    LoadProblem(
                        self.sheet,
                        f"no header row naming the projects (项目名称) in the first "
                        f"{_HEADER_ROWS} rows; known headers include {known}; map others "
                        "with columns={'header': 'name', …}",
                    )
                ],
            )
        top, depth = found
        width = max((len(r) for r in rows[top : top + depth]), default=0)
        caption = self._caption(rows[:top])
        self.title = _title(rows[:top])
        columns = self._columns(rows, top, depth, width, caption)
        start = top + depth
        # merged cells are filled in the body too, except in money columns: a value
        # merged over several rows is counted once, as Excel's own SUM counts it
        money = {c.index for c in columns if c.field in ("money", "row_total", "investment")}
        for (r1, c1), (r2, c2) in self.merged:
            for r in range(max(r1, start), min(r2 + 1, len(rows))):
                for c in range(c1, c2 + 1):
                    if c in money and (r, c) != (r1, c1) and c < len(rows[r]):
                        rows[r][c] = ""
        return self._rows(rows[start:], start, columns, top, depth)

    def _caption(self, above: Grid) -> str | None:
        for row in above:
            for value in row:
                m = _CAPTION_UNIT.search(_words(value))
                if m is not None:
                    try:
                        return unit_info(m.group(1)).name
                    except SciplanError:
                        continue
        return None

    def _columns(
        self, rows: Grid, top: int, depth: int, width: int, caption: str | None
    ) -> list[_Column]:
        out: list[_Column] = []
        taken: set[str] = set()
        used: set[str] = set()
        words = _header_words(rows, top, depth, width)
        raws = [
            "".join(
                str(rows[top + k][c]).strip()
                for k in range(depth)
                if c < len(rows[top + k])
                and rows[top + k][c] not in (None, "")
                and (k == 0 or rows[top + k][c] != rows[top + k - 1][c])
            )
            for c in range(width)
        ]
        for c, (w, said) in enumerate(words):
            if not w and said is None:
                continue
            raw = _SPACE.sub("", raws[c]) or w
            column = self._column(c, raw, w, said, caption, used)
            if column is None:
                continue
            if column.field in _FIELD_NAMES and column.field in taken:
                column = attrs.evolve(column, field="ignored")
            taken.add(column.field)
            out.append(column)
        for header in self.columns_given:
            if header not in used:
                heads = "、".join(raws[c] or w for c, (w, _) in enumerate(words) if w)
                self.problems.add(
                    _address(self.sheet, top, 0),
                    f"columns names {header!r}, which is no header of the sheet; "
                    f"its headers are {heads}",
                )
        if self.problems.found:
            raise SheetReadError(self.path, self.problems.found)
        return out

    def _column(
        self,
        c: int,
        raw: str,
        words: str,
        said: str | None,
        caption: str | None,
        used: set[str],
    ) -> _Column | None:
        target: Any = _UNMAPPED
        for key in (raw, words, *([self._plain_raw(raw)] if raw else [])):
            if key in self.columns_given:
                target = self.columns_given[key]
                used.add(key)
                break
        if target is None:
            return _Column(c, raw, "ignored")
        if isinstance(target, MoneyColumn):
            unit = target.unit or said or caption or self.unit
            return _Column(c, raw, "money", attrs.evolve(target, unit=unit))
        if isinstance(target, str):
            if target in _FIELD_NAMES:
                return _Column(c, raw, target)
            words, more = _unit_off(_words(target))
            said = more or said
            if _field_of(words) in (None, "serial"):
                fields = ", ".join(sorted(_FIELD_NAMES))
                self.problems.add(
                    f"columns[{raw!r}]",
                    f"{target!r} is no field ({fields}) and no header of a field or of "
                    "money that the library knows",
                )
                return _Column(c, raw, "ignored")
        elif target is not _UNMAPPED:
            raise WrongTypeError(
                f"columns[{raw!r}]",
                "a field name, a header, a MoneyColumn or None",
                type(target).__name__,
            )
        field = _field_of(words)
        if field is None and said is not None and unit_info(said).currency:
            field = "money"  # 本年安排（万元）: a sum of money, whatever its words
        if field is None:
            return _Column(c, raw, "ignored")
        if field in ("money", "row_total", "investment"):
            unit = said or caption or self.unit
            if field == "money":
                money = read_money_header(words, self.stage)
                return _Column(c, raw, field, attrs.evolve(money, unit=unit))
            return _Column(c, raw, field, MoneyColumn(stage=self.stage, unit=unit))
        return _Column(c, raw, field)

    @staticmethod
    def _plain_raw(raw: str) -> str:
        return _SPACE.sub("", raw)

    # -- the rows ----------------------------------------------------------------------

    def _rows(
        self, body: Grid, start: int, columns: list[_Column], top: int, depth: int
    ) -> ProjectSheet:
        by_field = {c.field: c for c in columns if c.field in _FIELD_NAMES}
        money = [c for c in columns if c.field == "money"]
        row_totals = [c for c in columns if c.field == "row_total"]
        projects: list[tuple[int, Project, dict[int, Money]]] = []
        notes: list[tuple[str, str]] = []
        stated: list[tuple[str, Money, list[Money]]] = []
        totals_at: list[tuple[int, str, list[Any]]] = []  # row, 合计 or 小计, cells
        #: the rows that bound what a total sums: group headings, 小计 and 合计 rows
        marks: list[tuple[int, str]] = []
        #: the 其中 rows under each total row
        parts_of: dict[int, list[tuple[int, str, list[Any]]]] = {}
        last_total: int | None = None  # the total row the rows since have been 其中 rows of
        headed = {c.index for c in columns}
        stray: dict[int, int] = {}  # a column without a header that holds values: first row
        group: dict[str, Any] = {}
        ended = False
        ids: dict[str, int] = {}
        for k, row in enumerate(body):
            r = start + k
            values = [
                v
                for v in row
                if v is not None and v != "" and not (v.__class__ is str and v.strip() in _NOTHING)
            ]
            if not values:
                continue
            first_text = next((str(v).strip() for v in row if isinstance(v, str) and v.strip()), "")
            if ended or (_NOTE.match(first_text) and not self._named(row, by_field)):
                ended = True
                notes.append((_address(self.sheet, r, 0), " ".join(_plain(v) for v in values)))
                continue
            if self._header_again(row, by_field):
                continue
            kind = self._total_kind(row, by_field)
            if kind is not None:
                totals_at.append((r, kind, row))
                marks.append((r, kind))
                last_total = r
                continue
            part = _PART_LABEL.match(_SPACE.sub("", fold_text(first_text)))
            if part is not None:  # 其中：新上项目 — a part of the total above, no project
                label = part.group(1) or "其中"
                if last_total is not None:
                    parts_of.setdefault(last_total, []).append((r, label, row))
                else:
                    notes.append((_address(self.sheet, r, 0), " ".join(_plain(v) for v in values)))
                continue
            last_total = None
            name_col = by_field.get("name")
            name = row[name_col.index] if name_col is not None and name_col.index < len(row) else ""
            if self._heading(r, values, by_field):
                text = str(values[0]).strip()
                notes.append((_address(self.sheet, r, 0), text))
                group = self._group(text, by_field)
                marks.append((r, "heading"))
                continue
            if _blank(name):
                if all(
                    c.field == "serial"
                    for c in columns
                    if c.index < len(row) and not _blank(row[c.index])
                ):
                    continue  # a numbered row left empty
                self.problems.add(
                    _address(self.sheet, r, name_col.index if name_col else 0),
                    "the row has values but no project name (项目名称)",
                )
                continue
            for c in range(len(row)):
                if c not in headed and c not in stray and _at(row, c, len(row)) is not None:
                    stray[c] = r
            made = self._project(r, row, by_field, money, group)
            if made is None:
                continue
            project, amounts = made
            if project.id in ids:
                self.problems.add(
                    _address(self.sheet, r, by_field["id"].index if "id" in by_field else 0),
                    f"the id {project.id!r} is the id of the project in row {ids[project.id] + 1} too",
                )
                continue
            ids[project.id] = r
            projects.append((r, project, amounts))
            for rt in row_totals:
                self._row_total(r, row, rt, money, amounts, stated)
        if self.problems.found:
            raise SheetReadError(self.path, self.problems.found)
        findings: list[Finding] = list(_row_findings(stated))
        total_rows = {r for r, _, _ in totals_at} | {
            r for rows in parts_of.values() for r, _, _ in rows
        }
        for (r, c), figure in self.placeholders.items():
            if r not in total_rows:
                message = f"{figure}为占位数字，未计入该项目的经费"
                findings.append(
                    self._finding(
                        "sheet.placeholder", Severity.WARNING, (r, c), message, None, figure
                    )
                )
        for c, r in sorted(stray.items()):
            message = f"{column_letter(c)}列没有表头，其中的值（始于第{r + 1}行）未读入"
            findings.append(self._finding("sheet.unread", Severity.WARNING, (r, c), message))
        for (r, c), double in sorted(self.rounded.items()):
            shown = _exact(double)
            message = f"单元格的数为{double!r}，按Excel保存和显示的15位有效数字读作{shown}"
            findings.append(
                self._finding("sheet.digits", Severity.INFO, (r, c), message, shown, repr(double))
            )
        totals: list[Breakdown] = []
        for r, kind, row in totals_at:
            summed = _summed(r, kind, marks, projects)
            parts = parts_of.get(r, [])
            labels = {c.index for c in columns if c.field in ("serial", "id", "name")}
            labels |= {c for c, v in enumerate(row[:4]) if isinstance(v, str) and v.strip()}
            self._total(r, kind, row, summed, parts, money, labels, findings, totals)
        if self.problems.found:
            raise SheetReadError(self.path, self.problems.found)
        return ProjectSheet(
            (p for _, p, _ in projects),
            path=self.path,
            sheet=self.sheet,
            title=self.title,
            rows=tuple(r + 1 for r, _, _ in projects),
            columns={c.header: _meaning(c) for c in columns if c.field != "ignored"},
            ignored=tuple(c.header for c in columns if c.field == "ignored"),
            totals=tuple(totals),
            report=Report(tuple(findings)),
            notes=tuple(notes),
        )

    def _heading(self, r: int, values: list[Any], by_field: dict[str, _Column]) -> bool:
        """Whether a row is a group heading (一、国家级项目): one text in the sheet's
        own cells (merged cells filled aside), merged across the row, numbered as an
        outline, or standing outside the columns of names and ids."""
        first = values[0]
        if not isinstance(first, str) or any(v != first for v in values):
            return False
        own = self.grid[r] if r < len(self.grid) else []
        held = [c for c, v in enumerate(own) if not _blank(v)]
        if len(held) != 1:
            return False
        named = {by_field[f].index for f in ("name", "id") if f in by_field}
        return r in self.wide or _OUTLINE.match(first) is not None or held[0] not in named

    def _named(self, row: list[Any], by_field: dict[str, _Column]) -> bool:
        column = by_field.get("name")
        return (
            column is not None
            and column.index < len(row)
            and not _blank(row[column.index])
            and not _NOTE.match(str(row[column.index]).strip())
        )

    def _header_again(self, row: list[Any], by_field: dict[str, _Column]) -> bool:
        """Whether a row repeats the header (lists in parts, each under its header)."""
        column = by_field.get("name")
        if column is None or column.index >= len(row) or not isinstance(row[column.index], str):
            return False
        return _SPACE.sub("", row[column.index]) == column.header

    def _total_kind(self, row: list[Any], by_field: dict[str, _Column]) -> str | None:
        """合计 (or 共计), 小计 or 总计 when the row is a stated total (the word in its
        label cells: the serial, id or name, or the first cell)."""
        for value in row[:4]:
            if isinstance(value, str):
                words = _SPACE.sub("", fold_text(value))
                m = _TOTAL_LABEL.match(words)
                if m is not None:
                    return "合计" if m.group(1) == "共计" else m.group(1)
                if words:
                    break
        return None

    def _group(self, text: str, by_field: dict[str, _Column]) -> dict[str, Any]:
        """A group heading's level (一、国家级项目) or programme, for the rows under it
        that do not say theirs."""
        bare = _OUTLINE.sub("", fold_text(text)).strip()
        for cut in range(min(len(bare), 4), 0, -1):
            try:
                return {"level": Level.parse(bare[:cut])}
            except SciplanError:
                continue
        if "programme" not in by_field and bare:
            return {"programme": bare.removesuffix("项目") or bare}
        return {}

    def _project(
        self,
        r: int,
        row: list[Any],
        by_field: dict[str, _Column],
        money: list[_Column],
        group: dict[str, Any],
    ) -> tuple[Project, dict[int, Money]] | None:
        """The project of a row, and its amounts by column; None (the problems noted)
        when a cell of it cannot be read."""
        before = len(self.problems.found)
        width = len(row)
        fields: dict[str, Any] = {}
        for field, c in self._reads(by_field):
            value = _at(row, c, width)
            if value is None:
                continue
            if value.__class__ is _CellError:
                self.problems.add((r, c), f"{value} is an error of Excel's, not a value")
                continue
            read = _READS.get(field)
            if read is None:
                fields[field] = _text(value)
            elif field == "period":
                fields[field] = self._start(value, (r, c))
            else:
                fields[field] = self._known(getattr(self, read), value, (r, c))
        fields.setdefault("name", "")
        if "id" not in fields:
            fields["id"] = f"{self.sheet}!{r + 1}"
        if "level" not in fields and "level" in group:
            fields["level"] = group["level"]
        if "programme" not in fields and "programme" in group:
            fields["programme"] = group["programme"]
        if "year" not in fields and "period" in fields:
            fields["year"] = fields["period"]
        amounts: dict[int, Money] = {}
        lines = []
        for column in money:
            c = column.index
            value = _at(row, c, width)
            if value is None:
                continue
            amount = self._money(value, r, column)
            if amount is not None and column.money is not None:
                amounts[c] = amount
                lines.append((column.money, amount))
        if len(self.problems.found) > before:
            return None
        level = fields.get("level")
        try:
            funding = tuple(
                Funding(
                    amount=amount,
                    source=m.source or fields.get("source") or _source_of(level),
                    stage=m.stage,
                    year=m.year,
                )
                for m, amount in lines
            )
            related = re.split("[;；,，、]", fields["related"]) if "related" in fields else ()
            project = Project(
                id=fields["id"],
                name=fields["name"],
                programme=fields.get("programme"),
                level=level,
                status=fields.get("status"),
                year=fields.get("year"),
                undertaker=self._undertaker(fields),
                funding=funding,
                related=tuple(x.strip() for x in related if x.strip()),
            )
        except SciplanError as error:
            self.problems.add(_address(self.sheet, r, 0), str(error))
            return None
        return project, amounts

    def _reads(self, by_field: dict[str, _Column]) -> list[tuple[str, int]]:
        """The fields the sheet's columns give, with their columns (found once)."""
        if self.reads is None:
            self.reads = [(f, by_field[f].index) for f in _READ_ORDER if f in by_field]
        return self.reads

    def _undertaker(self, fields: dict[str, Any]) -> Organization | None:
        """The undertaker of a row (one object for each name and region)."""
        name = fields.get("undertaker")
        if name is None:
            return None
        key = (name, fields.get("region"))
        found = self.bodies.get(key)
        if found is None:
            region = Region(name=key[1]) if key[1] is not None else None
            found = self.bodies[key] = Organization(name=name, region=region)
        return found

    def _known(self, read: Any, value: Any, where: tuple[int, int]) -> Any:
        """``read(value, where)``, remembered for the value: a list repeats its levels,
        statuses, sources and years on every row."""
        key = (read.__name__, type(value), value)
        try:
            return self.seen[key]
        except KeyError:
            pass
        except TypeError:  # a value that cannot be a key
            return read(value, where)
        found = read(value, where)
        if found is not None:
            self.seen[key] = found
        return found

    def _level(self, value: Any, where: tuple[int, int]) -> Level | None:
        text = _SPACE.sub("", fold_text(_text(value)))
        for word, level in _LEVEL_WORDS:
            if text.startswith(word):
                return level
        for cut in range(len(text), 0, -1):
            try:
                return Level.parse(text[:cut])
            except SciplanError:
                continue
        self.problems.add(where, f"{text!r} is not a level (国家级, 省级, 市级, 县级 …)")
        return None

    def _status(self, value: Any, where: tuple[int, int]) -> ProjectStatus | None:
        text = _SPACE.sub("", fold_text(_text(value)))
        if text in _STATUS_WORDS:
            return _STATUS_WORDS[text]
        for candidate in (
            text,
            text.removeprefix("已").removeprefix("正在"),
            text.removesuffix("中"),
        ):
            try:
                return ProjectStatus.parse(candidate)
            except SciplanError:
                continue
        known = "、".join(s.chinese for s in ProjectStatus)
        self.problems.add(
            where,
            f"{text!r} is not a project's status ({known}, 在研, 结题 …); map the column to "
            "None in columns= to leave it unread",
        )
        return None

    def _year(self, value: Any, where: tuple[int, int]) -> Year | None:
        if isinstance(value, datetime.date):
            return Year(value.year)
        if isinstance(value, int | float) and not isinstance(value, bool):
            d = _exact(float(value)) if isinstance(value, float) else Decimal(value)
            if d is not None and d == d.to_integral_value() and 1000 <= d <= 9999:
                return Year(int(d))
            self.problems.add(where, f"{_plain(value)!r} is not a year")
            return None
        text = _SPACE.sub("", fold_text(_text(value)))
        m = _YEAR_TEXT.match(text)
        if m is not None:
            return Year(int(m.group(1)))
        try:
            return Year.parse(text)
        except SciplanError:
            self.problems.add(where, f"{text!r} is not a year (2024, 2024年, 20xx)")
            return None

    def _start(self, value: Any, where: tuple[int, int]) -> Year | None:
        """The first year of a project's term (2024.01-2025.12, 2024年至2026年)."""
        if isinstance(value, datetime.date):
            return Year(value.year)
        m = _FIRST_YEAR.search(fold_text(_plain(value)))
        if m is None:
            self.problems.add(where, f"{_plain(value)!r} is not a term of years (2024-2026)")
            return None
        return Year(int(m.group(0)))

    def _source(self, value: Any, where: tuple[int, int]) -> FundingSource | None:
        text = _SPACE.sub("", fold_text(_text(value)))
        for cut in range(len(text), 0, -1):
            try:
                return FundingSource.parse(text[:cut])
            except SciplanError:
                continue
        known = "、".join(s.chinese for s in FundingSource)
        self.problems.add(where, f"{text!r} is not a source of money ({known})")
        return None

    def _money(self, value: Any, r: int, column: _Column) -> Money | None:
        assert column.money is not None
        where = (r, column.index)
        unit = column.money.unit
        number: Decimal | None = None
        if isinstance(value, _CellError):
            self.problems.add(where, f"{value} is an error of Excel's, not an amount")
            return None
        if isinstance(value, (bool, datetime.date)):
            self.problems.add(where, f"{_plain(value)!r} is not an amount of money")
            return None
        if isinstance(value, float):
            made = self.amounts.get((value, unit))
            if made is not None:
                if value in self.beyond:
                    self.rounded[where] = value
                return made
            number = _exact(value)
            if number is None:
                self.problems.add(where, f"{value!r} is not a number")
                return None
            if _beyond_excel(value):
                self.rounded[where] = value
                self.beyond.add(value)
            if unit is not None and len(self.amounts) < _REMEMBERED:
                made = self._amount(value, number, unit, where)
                if made is not None:
                    self.amounts[value, unit] = made
                return made
        elif isinstance(value, int | Decimal):
            number = Decimal(value)
        else:
            text = _SPACE.sub("", fold_text(str(value)))
            if _GROUPED.fullmatch(text):
                text = text.replace(",", "")
            if _PLAIN_NUMBER.fullmatch(text):
                number = Decimal(text)
            else:
                return self._money_text(text, where, unit)
        if unit is None:
            self.problems.add(
                where,
                f"{_plain(value)!r}: the unit of {column.name} is not said; write it in "
                f"the header ({column.name}（万元）) or a 单位：万元 line above the "
                "table, or pass unit=",
            )
            return None
        return self._amount(value, number, unit, where)

    def _amount(
        self, value: Any, number: Decimal, unit: str, where: tuple[int, int]
    ) -> Money | None:
        try:
            return Money(number, unit)
        except SciplanError as error:
            self.problems.add(where, f"{_plain(value)!r} is not an amount of {unit}: {error}")
            return None

    def _money_text(self, text: str, where: tuple[int, int], unit: str | None) -> Money | None:
        of = f"a number of {unit}" if unit else "an amount of money"
        if unit is not None and _PLACEHOLDER_NUMBER.fullmatch(text):
            text += unit  # 20xx in a column of 万元
        try:
            figure = Figure.parse(text)
        except SciplanError:
            self.problems.add(where, f"{text!r} is not {of}")
            return None
        if figure.unit not in text:  # 十二万: 12万元, or 12 of the column's 万元?
            self.problems.add(where, f"{text!r} is not {of}")
            return None
        if not unit_info(figure.unit).currency:
            self.problems.add(where, f"{text!r} is not {of}: it is counted in {figure.unit}")
            return None
        if not figure.is_known:  # a template's 20xx万元: kept as written, not summed
            self.placeholders[where] = figure
            return None
        if figure.qualifier is not Qualifier.EXACT or figure.value is None:
            self.problems.add(
                where, f"{text!r} is not an exact amount; a project's money is written exactly"
            )
            return None
        return Money(figure.value.magnitude, figure.value.unit)

    def _row_total(
        self,
        r: int,
        row: list[Any],
        column: _Column,
        money: list[_Column],
        amounts: dict[int, Money],
        stated: list[Any],
    ) -> None:
        if column.index >= len(row) or _blank(row[column.index]):
            return
        said = self._money(row[column.index], r, column)
        if said is None or not amounts:
            return
        stated.append((_address(self.sheet, r, column.index), said, list(amounts.values())))

    def _total(
        self,
        r: int,
        kind: str,
        row: list[Any],
        scope: list[tuple[int, Project, dict[int, Money]]],
        parts: list[tuple[int, str, list[Any]]],
        money: list[_Column],
        labels: set[int],
        findings: list[Finding],
        totals: list[Breakdown],
    ) -> None:
        """What a total row states, checked against the rows it sums (``scope``): a
        statement of each money column with an amount, its 其中 rows as its parts, and
        the number of projects where its label (``labels``: its cells of serial, id and
        name, and its first cells of text) says one (共3项; 含1个续建项目 in 备注 is no
        count of the total's)."""
        code = "sheet.subtotal" if kind == "小计" else "sheet.total"
        stages = [c.money.stage for c in money if c.money is not None]
        stated_any = False
        for column in money:
            c = column.index
            if c >= len(row) or _blank(row[c]) or column.money is None:
                continue
            stated_any = True
            said = self._money(row[c], r, column)
            where = _address(self.sheet, r, c)
            what = f"{column.name}{kind}"
            subject = f"{what}（{self.sheet}）"
            unknown = [k for k, _, _ in scope if (k, c) in self.placeholders]
            written = self.placeholders.get((r, c))
            if said is None and written is None:
                continue
            pieces = self._parts(parts, column)
            if said is None or unknown:
                rows = "、".join(str(k + 1) for k in unknown[:5]) + (
                    "等" if len(unknown) > 5 else ""
                )
                why = f"写明{written}（占位数字）" if written else f"第{rows}行的金额为占位数字"
                message = f"{what}{why}，无法与各行核对"
                findings.append(self._finding("sheet.undecided", Severity.INFO, (r, c), message))
                if written is not None:
                    totals.append(
                        Breakdown(
                            subject=subject,
                            total=written,
                            parts=pieces,
                            complete=not pieces,
                            stage=column.money.stage,
                        )
                    )
                    continue
            assert said is not None
            amounts = [a[c] for _, _, a in scope if c in a]
            if not unknown:
                finding = _compare(code, where, what, said, amounts, "所含各行合计")
                if finding is not None:
                    findings.append(finding)
            # the plan's own check (listed detail) sums every line of the stage: it is
            # given the ids only where this column is the sheet's one of its stage
            alone = stages.count(column.money.stage) == 1 and not unknown
            totals.append(
                Breakdown(
                    subject=subject,
                    total=Figure.exact(said),
                    parts=pieces,
                    complete=not pieces,
                    projects=tuple(p.id for _, p, a in scope if c in a) if alone else (),
                    stage=column.money.stage,
                )
            )
        for c, value in enumerate(row):
            if not isinstance(value, str) or c not in labels:
                continue
            count = _count_in(value)
            if count is None:
                continue
            stated_any = True
            where = _address(self.sheet, r, c)
            if count.magnitude != len(scope):
                findings.append(
                    Finding(
                        code="sheet.count",
                        severity=Severity.ERROR,
                        path=where,
                        message=f"{kind}写明{count}，所含项目为{len(scope)}个",
                        expected=count,
                        actual=Quantity(len(scope), count.unit),
                    )
                )
            totals.append(
                Breakdown(
                    subject=f"项目{kind}（{self.sheet}）",
                    total=Figure.exact(count),
                    projects=tuple(p.id for _, p, _ in scope),
                )
            )
        if not stated_any:
            message = f"{kind}行没有写明金额（若是公式，文件中没有保存其计算结果），未核对"
            findings.append(self._finding("sheet.undecided", Severity.INFO, (r, 0), message))

    def _finding(
        self,
        code: str,
        severity: Severity,
        at: tuple[int, int],
        message: str,
        expected: Any = None,
        actual: Any = None,
    ) -> Finding:
        """A finding of the sheet's at the cell ``at`` (its row and column)."""
        path = _address(self.sheet, *at)
        return Finding(code, severity, path, message, expected=expected, actual=actual)

    def _parts(
        self, parts: list[tuple[int, str, list[Any]]], column: _Column
    ) -> list[BreakdownPart]:
        """The 其中 rows' amounts in a money column, as parts of its total."""
        out = []
        c = column.index
        for r, label, row in parts:
            if c >= len(row) or _blank(row[c]):
                continue
            amount = self._money(row[c], r, column)
            if amount is not None:
                out.append(BreakdownPart(figure=Figure.exact(amount), category=label))
        return out


def _summed(
    r: int,
    kind: str,
    marks: list[tuple[int, str]],
    projects: list[tuple[int, Project, dict[int, Money]]],
) -> list[tuple[int, Project, dict[int, Money]]]:
    """The rows a total row at ``r`` sums: those above it up to the last row that bounds
    it (a 小计 is bounded by group headings and every total row, a 合计 by 合计 and 总计
    rows, a 总计 by 总计 rows), or, where there are none (a total written at the top),
    those below it up to the next."""
    bounds = {
        "小计": ("heading", "小计", "合计", "总计"),
        "合计": ("合计", "总计"),
        "总计": ("总计",),
    }[kind]
    before = max((m for m, k in marks if m < r and k in bounds), default=-1)
    above = [p for p in projects if before < p[0] < r]
    if above:
        return above
    after = min((m for m, k in marks if m > r and k in bounds), default=None)
    return [p for p in projects if p[0] > r and (after is None or p[0] < after)]


def _source_of(level: Level | None) -> FundingSource:
    """Where money listed by level comes from, when its header does not say: a 国家级
    project's 下达经费 is the nation's money; OTHER when the row names no level."""
    return _SOURCE_OF_LEVEL[level] if level is not None else FundingSource.OTHER


def _title(above: Grid) -> str | None:
    """The table's title: the first text above its header that is no caption (单位：万元,
    填报单位：…) or date."""
    for row in above:
        texts = [str(v).strip() for v in row if isinstance(v, str) and v.strip()]
        if texts and not re.search("[:：]", texts[0]) and not _ANNEX.match(texts[0]):
            return texts[0]
    return None


def _count_in(text: str) -> Quantity | None:
    """The number of projects a total row's label states: 共36项, 合计：36个项目."""
    m = re.search(r"([0-9]+)\s*(项|个)", fold_text(text), re.ASCII)
    if m is None:
        return None
    return Quantity(int(m.group(1)), m.group(2))


def _at(row: list[Any], c: int, width: int) -> Any:
    """The value of a row's cell ``c`` (``width`` the row's length), None when it is
    blank: empty, or a mark of nothing (—, /, 无)."""
    value = row[c] if c < width else None
    if value is None or value == "" or (value.__class__ is str and value.strip() in _NOTHING):
        return None
    return value


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() in _NOTHING)


def _text(value: Any) -> str:
    return _plain(value).strip() if not isinstance(value, str) else value.strip()


def _meaning(column: _Column) -> str:
    if column.money is None:
        return column.field
    m = column.money
    said = [
        str(m.year) if m.year else "",
        m.source.chinese if m.source else "",
        m.stage.chinese,
        m.unit or "",
    ]
    kind = {"money": "", "row_total": "合计 ", "investment": "总投资 "}[column.field]
    return kind + " ".join(s for s in said if s)


def _slack(said: Money, parts: Sequence[Money]) -> Money:
    """Half a unit of the finest digit written in a stated total and the amounts it
    sums, in the total's unit: a total of 26 over rows of 12.3 and 13.3 may miss them by
    0.05 at most (rows written to 0.1), not by 0.5."""
    exponents = [
        e
        for q in (said, *parts)
        if isinstance(
            e := (q if q.unit == said.unit else q.to(said.unit)).magnitude.as_tuple().exponent, int
        )
    ]
    step = Decimal(1).scaleb(min(exponents, default=0))
    return Money(EXACT.multiply(step, Decimal("0.5")), said.unit)


def _compare(
    code: str, where: str, what: str, said: Money, parts: Sequence[Money], counted_as: str
) -> Finding | None:
    counted = total(parts, said.unit) if parts else Money(0, said.unit)
    if counted == said:
        return None
    gap = abs(counted - said)
    severity = Severity.WARNING if gap <= _slack(said, parts) else Severity.ERROR
    return Finding(
        code=code,
        severity=severity,
        path=where,
        message=f"{what}写明{said}，{counted_as}{counted.to(said.unit)}",
        expected=said,
        actual=counted,
    )


def _row_findings(stated: list[tuple[str, Money, list[Money]]]) -> Iterable[Finding]:
    for where, said, parts in stated:
        finding = _compare("sheet.row_total", where, "本行合计", said, parts, "本行各项经费合计")
        if finding is not None:
            yield finding
