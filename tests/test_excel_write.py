"""Workbooks out: sheets with Chinese headers, a frozen header row and widths for CJK
text; numbers as numbers whose format shows their unit, read back exactly; a 合计 row of
SUM formulas whose cached values are the library's exact sums; a number Excel cannot
hold exactly written as text and listed on 说明; qualified figures as text with their
ends; writes all or nothing; the command line's ``--format xlsx -o``."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("xlsxwriter", reason="writing workbooks needs the excel extra")
openpyxl = pytest.importorskip("openpyxl", reason="the tests read workbooks with openpyxl")
calamine = pytest.importorskip("python_calamine", reason="cached values are read by calamine")

from report_plans import edited_plan_3  # noqa: E402
from sciplan_model import (  # noqa: E402
    Achievement,
    Breakdown,
    BreakdownPart,
    Figure,
    Funding,
    FundingSource,
    FundingStage,
    Goal,
    Indicator,
    InvalidValueError,
    Level,
    Money,
    Organization,
    Plan,
    PlanKind,
    Project,
    ProjectStatus,
    Section,
    Year,
    combine,
    dump,
    examples,
    rollup,
    summarize,
    validate,
)
from sciplan_model import _cli as cli  # noqa: E402
from sciplan_model import _workbook as wb  # noqa: E402


def line(amount: str, unit: str = "万元", **kw: Any) -> Funding:
    return Funding(
        amount=Money(amount, unit), source=kw.pop("source", FundingSource.PROVINCIAL), **kw
    )


PROJECTS = [
    Project(
        id="P1",
        name="玉米制种示范工程",
        programme="科技富民强县专项行动",
        level=Level.NATIONAL,
        status=ProjectStatus.parse("在研"),
        year=Year(2024),
        undertaker=Organization(name="XX县农技中心"),
        related=["P2", "P3"],
        funding=[line("11"), line("5.25"), line("30", stage=FundingStage.PLANNED)],
    ),
    Project(id="P2", name="=SUM(A1:A9)", year=Year.parse("20xx"), funding=[line("97.3")]),
    Project(id="P3", name="马铃薯脱毒种薯", funding=[line("1", "亿元")]),
]


def cells(path: Path, sheet: str) -> list[list[Any]]:
    """A sheet's cells as openpyxl reads them (formulas as their text)."""
    ws = openpyxl.load_workbook(path)[sheet]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def cached(path: Path, sheet: str) -> list[list[Any]]:
    """A sheet's values as a reader of cached values sees them (calamine)."""
    return calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def exact(x: float) -> Decimal:
    """The Decimal a double read from a workbook stands for (its shortest text)."""
    return Decimal(repr(x))


# -- the project list ------------------------------------------------------------------------


def test_project_sheet_headers_frozen_row_and_money_columns(tmp_path: Path) -> None:
    """The project sheet has the reader's headers, a frozen header row, and one money
    column per kind of funding line (planned before allocated; a second line of one
    kind in a column 之二), each in the finest unit of its amounts."""
    path = tmp_path / "projects.xlsx"
    wb.write_projects(PROJECTS, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["项目"]
    ws = book["项目"]
    assert ws.freeze_panes == "A2"
    rows = cells(path, "项目")
    assert rows[0] == [
        "项目编号",
        "项目名称",
        "计划类别",
        "级别",
        "状态",
        "立项年度",
        "承担单位",
        "相关项目",
        "省财政计划经费（万元）",
        "省财政下达经费（万元）",
        "省财政下达经费之二（万元）",
    ]
    assert rows[1][:8] == [
        "P1",
        "玉米制种示范工程",
        "科技富民强县专项行动",
        "国家级",
        ProjectStatus.parse("在研").chinese,
        2024,
        "XX县农技中心",
        "P2；P3",
    ]
    assert rows[2][5] == "20xx"  # a placeholder year is text
    assert ws["F2"].number_format == "0"
    # 1亿元 is written in the column's unit, 万元, exactly
    assert [exact(r[9]) for r in rows[1:4]] == [Decimal(11), Decimal("97.3"), Decimal(10000)]
    assert ws["J2"].number_format == '0.0"万元"'
    assert ws["K2"].number_format == '0.00"万元"'
    assert ws["I2"].number_format == '0"万元"'
    assert rows[2][8] is None
    assert rows[2][10] is None


def test_project_sheet_total_row_is_a_sum_formula_with_the_exact_sum_cached(
    tmp_path: Path,
) -> None:
    """The 合计 row sums each money column with a SUM formula whose cached value is the
    library's exact sum, for readers of cached values."""
    path = tmp_path / "projects.xlsx"
    wb.write_projects(PROJECTS, path)
    rows = cells(path, "项目")
    assert rows[4][:2] == [None, "合计"]
    assert rows[4][8:] == ["=SUM(I2:I4)", "=SUM(J2:J4)", "=SUM(K2:K4)"]
    seen = cached(path, "项目")[4]
    assert seen[1] == "合计"
    assert [exact(v) for v in seen[8:]] == [Decimal(30), Decimal("10108.3"), Decimal("5.25")]


def test_text_starting_with_equals_stays_text(tmp_path: Path) -> None:
    """A name that starts with = is written as text, never as a formula."""
    path = tmp_path / "projects.xlsx"
    wb.write_projects(PROJECTS, path)
    ws = openpyxl.load_workbook(path)["项目"]
    assert ws["B3"].value == "=SUM(A1:A9)"
    assert ws["B3"].data_type == "s"
    assert cached(path, "项目")[2][1] == "=SUM(A1:A9)"


def test_a_number_excel_cannot_hold_is_text_and_noted(tmp_path: Path) -> None:
    """A value of more than 15 significant digits is written as its exact digits, as
    text, and listed on 说明; so is a sum that needs them, which then is no formula."""
    projects = [
        Project(id="a", name="甲", funding=[line("1234567890123456.7", "元")]),
        Project(id="b", name="乙", funding=[line("0.3", "元")]),
    ]
    path = tmp_path / "big.xlsx"
    wb.write_projects(projects, path)
    assert openpyxl.load_workbook(path).sheetnames == ["项目", "说明"]
    rows = cells(path, "项目")
    assert rows[1][8] == "1234567890123456.7"
    assert exact(rows[2][8]) == Decimal("0.3")
    assert rows[3][8] == "1234567890123457"
    assert cells(path, "说明") == [
        ["工作表", "单元格", "数值", "原因"],
        [
            "项目",
            "项目!I2",
            "1234567890123456.7元",
            "超过15位有效数字，Excel无法精确保存，按文本写出",
        ],
        [
            "项目",
            "项目!I4",
            "1234567890123457元",
            "超过15位有效数字，Excel无法精确保存，按文本写出",
        ],
    ]


def test_fifteen_digits_are_a_number_read_back_exactly(tmp_path: Path) -> None:
    """Values of up to 15 significant digits are numbers whose shortest text is the
    exact value (0.1, 12.3, 123456789012.345)."""
    amounts = ["0.1", "12.3", "0.2", "123456789012.345", "999999999999999"]
    projects = [
        Project(id=f"p{k}", name=f"项目{k}", funding=[line(a, "元")]) for k, a in enumerate(amounts)
    ]
    path = tmp_path / "exact.xlsx"
    wb.write_projects(projects, path)
    rows = cells(path, "项目")
    assert [exact(r[8]) for r in rows[1:6]] == [Decimal(a) for a in amounts]
    # their exact sum has 19 digits: text, and the one note
    assert rows[6][8] == "1000123456789023.945"
    assert [r[1] for r in cells(path, "说明")[1:]] == ["项目!I7"]


def test_column_widths_fit_chinese_text(tmp_path: Path) -> None:
    """A column is as wide as its widest text, a Chinese character counting two, up
    to 60."""
    projects = [
        Project(id="a", name="一" * 10),
        Project(id="b", name="短", undertaker=Organization(name="长" * 100)),
    ]
    path = tmp_path / "w.xlsx"
    wb.write_projects(projects, path)
    ws = openpyxl.load_workbook(path)["项目"]
    assert ws.column_dimensions["B"].width == pytest.approx(22, abs=1)
    assert ws.column_dimensions["G"].width == pytest.approx(60, abs=1)


def test_a_cell_too_long_is_our_error_before_anything_is_written(tmp_path: Path) -> None:
    """Text over Excel's 32767 characters is an InvalidValueError naming the sheet and
    cell; no file is made."""
    path = tmp_path / "long.xlsx"
    with pytest.raises(InvalidValueError, match=r"项目!B2: 40000 characters"):
        wb.write_projects([Project(id="a", name="长" * 40000)], path)
    assert not path.exists()


def test_sheet_titles_are_made_safe_and_unique() -> None:
    """Titles lose the characters Excel refuses, keep 31 characters, and a repeated
    one is numbered."""
    assert wb._titles(["a/b", "项目", "项目", "x" * 40, "说明"]) == [
        "a_b",
        "项目",
        "项目（2）",
        "x" * 31,
        "说明",
    ]


# -- all or nothing, the extra ---------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails at the last step leaves the old workbook's bytes and no
    temporary file."""
    path = tmp_path / "plan.xlsx"
    wb.write_projects(PROJECTS[:1], path)
    old = path.read_bytes()

    def fail(*_: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("sciplan_model._files.os.replace", fail)
    with pytest.raises(OSError, match="No space left"):
        examples.load("篇3").to_excel(path)
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]


def test_without_xlsxwriter_the_error_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without XlsxWriter, to_excel raises an ImportError that says what to install."""
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)
    with pytest.raises(ImportError, match=r'pip install "sciplan_model\[excel\]"'):
        examples.load("篇3").to_excel(tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


# -- plans -----------------------------------------------------------------------------------


def small_plan() -> Plan:
    firms = Indicator(name="高新技术企业", unit="家")
    trained = Indicator(name="培训农民", unit="人次")
    goals = [
        Goal(indicator=firms, figure=Figure.parse("15家")),
        Goal(indicator=firms, figure=Figure.parse("力争突破20家")),
        Goal(indicator=trained, figure=Figure.parse("2万人次以上"), levels="市级以上"),
    ]
    done = [
        Achievement(indicator=firms, figure=Figure.parse("600余家")),
        Achievement(indicator=trained, figure=Figure.parse("20xx人次")),
    ]
    statement = Breakdown(
        subject="争取项目经费",
        total=Figure.parse("159.3万元"),
        parts=[
            BreakdownPart(figure=Figure.parse("11万元"), level=Level.NATIONAL),
            BreakdownPart(figure=Figure.parse("97万元"), level=Level.PROVINCIAL),
            BreakdownPart(figure=Figure.parse("51.3万元"), level=Level.MUNICIPAL),
        ],
    )
    return Plan(
        id="qc",
        title="青川县2025年科技工作计划",
        kind=PlanKind.parse("计划"),
        period=Year(2025),
        sections=[
            Section(label="一、", title="工作回顾", items=[*done, statement, *PROJECTS]),
            Section(label="二、", title="工作目标", items=goals),
        ],
    )


def test_plan_sheets_goals_with_their_figures_as_written(tmp_path: Path) -> None:
    """A plan's goals: where each stands, its figure as written, its ends in 下限 and
    上限 (None where unbounded), its unit, 力争, levels, period and path."""
    path = tmp_path / "plan.xlsx"
    small_plan().to_excel(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["项目", "目标", "成果", "共其中", "条目"]
    assert all(ws.freeze_panes == "A2" for ws in book)
    rows = cells(path, "目标")
    assert rows[0] == [
        "章节",
        "指标",
        "数值",
        "下限",
        "上限",
        "单位",
        "力争",
        "级别",
        "期间",
        "路径",
    ]
    assert rows[1] == ["二、工作目标", "高新技术企业", "15家", 15, 15, "家", "否", None, "2025年",
                       "$.sections[1].items[0]"]  # fmt: skip
    assert rows[2][2:7] == ["力争超过20家", 20, None, "家", "是"]
    assert rows[3][2:8] == ["2万人次以上", 2, None, "万人次", "否", "市级以上"]
    assert book["目标"]["D4"].number_format == '0"万人次"'


def test_plan_sheets_achievements_ranges_and_placeholders(tmp_path: Path) -> None:
    """A qualified figure is text as written with its ends; a placeholder has none."""
    path = tmp_path / "plan.xlsx"
    small_plan().to_excel(path)
    rows = cells(path, "成果")
    assert rows[0] == ["章节", "指标", "数值", "下限", "上限", "单位", "级别", "期间", "路径"]
    assert rows[1][2:6] == ["600余家", 600, 700, "家"]
    assert rows[2][2:6] == ["20xx人次", None, None, "人次"]


def test_plan_sheets_statements_a_row_for_the_total_and_each_part(tmp_path: Path) -> None:
    """共其中: the statement's total (分项 合计) and each part, with their paths."""
    path = tmp_path / "plan.xlsx"
    small_plan().to_excel(path)
    rows = cells(path, "共其中")
    assert [r[2:5] for r in rows[1:]] == [
        ["合计", "159.3万元", 159.3],
        ["国家级", "11万元", 11],
        ["省级", "97万元", 97],
        ["市级", "51.3万元", 51.3],
    ]
    assert rows[1][-1] == "$.sections[0].items[2]"
    assert rows[4][-1] == "$.sections[0].items[2].parts[2]"


def test_plan_3_and_an_empty_plan(tmp_path: Path) -> None:
    """篇3 gets the sheets it has rows for; a plan with nothing gets one sheet, 项目."""
    examples.load("篇3").to_excel(tmp_path / "p3.xlsx")
    assert openpyxl.load_workbook(tmp_path / "p3.xlsx").sheetnames == [
        "项目",
        "成果",
        "共其中",
        "条目",
    ]
    empty = Plan(id="e", title="空", kind=PlanKind.parse("计划"))
    empty.to_excel(tmp_path / "e.xlsx")
    assert cells(tmp_path / "e.xlsx", "项目") == [[wb.FIELD_HEADERS[f] for f in wb._FIELDS]]


# -- roll-ups, combined views, findings, reports ---------------------------------------------


def test_rollup_of_money_with_its_total(tmp_path: Path) -> None:
    """A roll-up of money: keys in Chinese, 数值 in one unit, 条目数, and a 合计 row of
    SUM formulas with the exact total cached."""
    path = tmp_path / "r.xlsx"
    r = rollup(PROJECTS, by="level")
    r.to_excel(path)
    rows = cells(path, "汇总")
    assert rows[0] == ["级别", "数值", "单位", "条目数"]
    assert rows[1][0] == "国家级"
    assert exact(rows[1][1]) == Decimal("16.25")
    assert rows[2][0] == "（未注明）"
    assert exact(rows[2][1]) == Decimal("10097.3")
    assert rows[3] == ["合计", "=SUM(B2:B3)", "万元", "=SUM(D2:D3)"]
    seen = cached(path, "汇总")[3]
    assert exact(seen[1]) == Decimal("10113.55")
    assert seen[3] == 3
    ws = openpyxl.load_workbook(path)["汇总"]
    assert ws["B2"].number_format == '0.00"万元"'


def test_rollup_of_ranges_as_text_with_their_ends(tmp_path: Path) -> None:
    """Groups that are ranges are text as people read them, their ends in 下限/上限;
    the total of ranges is text too, not a formula."""
    firms = Indicator(name="企业", unit="家")
    done = [
        Achievement(indicator=firms, figure=Figure.parse(t), period=Year(y))
        for t, y in (("600余家", 2006), ("30家", 2007), ("5家", 2007))
    ]
    path = tmp_path / "r.xlsx"
    rollup(done, by="period").to_excel(path)
    rows = cells(path, "汇总")
    assert rows[0] == ["期间", "数值", "下限", "上限", "单位", "条目数"]
    assert rows[1] == ["2006年", "600余家", 600, 700, "家", 1]
    assert rows[2] == ["2007年", 35, 35, 35, "家", 2]
    assert rows[3] == ["合计", "635家至735家", 635, 735, "家", "=SUM(F2:F3)"]


def test_rates_have_no_total(tmp_path: Path) -> None:
    """Rates are never summed: no 合计 row."""
    rate = Indicator(name="增长率", unit="%")
    done = [
        Achievement(indicator=rate, figure=Figure.parse("2.5%"), period=Year(2006)),
        Achievement(indicator=rate, figure=Figure.parse("3%"), period=Year(2007)),
    ]
    path = tmp_path / "r.xlsx"
    rollup(done, by="period").to_excel(path)
    rows = cells(path, "汇总")
    assert len(rows) == 3
    assert rows[-1][0] == "2007年"


def test_combined_validation_report_and_summary_workbooks(tmp_path: Path) -> None:
    """Combined: 项目 with the plan of each project, 目标, 成果; a report: 问题; a
    summary: 概况 and a sheet per table."""
    c = combine([small_plan(), examples.load("篇3")])
    c.to_excel(tmp_path / "c.xlsx")
    assert openpyxl.load_workbook(tmp_path / "c.xlsx").sheetnames == ["项目", "目标", "成果"]
    projects = cells(tmp_path / "c.xlsx", "项目")
    assert projects[0][-1] == "所在计划"
    assert projects[1][-1] == "qc"

    validate(edited_plan_3()).to_excel(tmp_path / "v.xlsx")
    rows = cells(tmp_path / "v.xlsx", "问题")
    assert rows[0] == ["计划", "级别", "代码", "路径", "说明", "应为", "实为"]
    error = next(r for r in rows if r[2] == "breakdown.sum")
    assert error[1] == "错误"
    assert error[3] == "$.sections[0].sections[2].items[3]"

    summarize(small_plan(), made="2026-01-02").to_excel(tmp_path / "s.xlsx")
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    assert book.sheetnames[0] == "概况"
    facts = cells(tmp_path / "s.xlsx", "概况")
    assert facts[0] == ["名称", "内容"]
    assert ["生成日期", "2026年1月2日"] in facts
    assert len(book.sheetnames) > 2


# -- the command line ------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    dump(examples.load("篇3"), tmp_path / "篇3.json")
    dump(edited_plan_3(), tmp_path / "edited.json")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_cli_rollup_validate_report_write_workbooks(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """rollup, validate and report --format xlsx -o write their workbooks; validate
    still exits 1 when a plan has errors."""
    assert cli.main(["rollup", "篇3.json", "--format", "xlsx", "-o", "r.xlsx"]) == 0
    assert openpyxl.load_workbook(folder / "r.xlsx").sheetnames == [
        "项目经费（下达经费）",
        "成果",
        "计划所述合计与分项（共…其中…）",
    ]
    assert cli.main(["validate", "edited.json", "--format", "xlsx", "-o", "v.xlsx"]) == 1
    assert any(r[2] == "breakdown.sum" for r in cells(folder / "v.xlsx", "问题"))
    assert cli.main(["report", "篇3.json", "--format", "xlsx", "-o", "s.xlsx"]) == 0
    assert openpyxl.load_workbook(folder / "s.xlsx").sheetnames[0] == "概况"
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == ["wrote r.xlsx", "wrote v.xlsx", "wrote s.xlsx"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["rollup", "篇3.json", "--format", "xlsx"], "--format xlsx needs -o FILE.xlsx, the workbook to write"),
        (["validate", "篇3.json", "--format", "xlsx", "-o", "v.csv"], "v.csv: a workbook's name must end in .xlsx"),
        (["report", "篇3.json", "-o", "s.xlsx"], "-o s.xlsx: a file is written for --format xlsx only"),
    ],
)  # fmt: skip
def test_cli_workbook_without_a_good_name_is_exit_two(
    folder: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """--format xlsx without -o, or with a name not ending in .xlsx, is an error."""
    assert cli.main(argv) == 2
    assert capsys.readouterr().err.splitlines() == [f"sciplan: error: {message}"]
    assert sorted(p.name for p in folder.iterdir()) == ["edited.json", "篇3.json"]


def test_a_total_under_text_is_a_number_not_a_formula(tmp_path: Path) -> None:
    """Where a summed column holds text above the 合计 row, a SUM formula would leave it
    out: the total is written as the number the library computed."""
    sheet = wb.Sheet(
        "表",
        (wb.Column("名称"), wb.Column("金额", "万元", summed=True), wb.Column("已核")),
        (("甲", Money("1.5", "万元"), True), ("乙", "未知", False)),
        ("合计", Money("1.5", "万元"), None),
    )
    path = tmp_path / "t.xlsx"
    wb.write_workbook([sheet], path)
    rows = cells(path, "表")
    assert rows[1:] == [["甲", 1.5, True], ["乙", "未知", False], ["合计", 1.5, None]]
    assert openpyxl.load_workbook(path)["表"]["B4"].number_format == '0.0"万元"'


def test_a_reports_amounts_are_numbers(tmp_path: Path) -> None:
    """In the report's tables, a column of amounts holds numbers in their units' formats;
    ranges and labels stay text."""
    from sciplan_model import examples, summarize

    summarize(examples.load("篇3")).to_excel(tmp_path / "s.xlsx")
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    numbers = [
        (cell.value, cell.number_format)
        for sheet in book.worksheets
        for row in sheet.iter_rows(min_row=2)
        for cell in row
        if isinstance(cell.value, int | float)
    ]
    assert (52, '0"个"') in numbers
    assert all('"' in form or form in ("0", "General") for _, form in numbers)
