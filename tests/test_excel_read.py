"""read_projects: project lists read exactly from workbooks and CSV files shaped like the
ones bureaus keep.  Each test builds its own workbook with openpyxl."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("python_calamine", reason="the excel extra (python-calamine) is not installed")
openpyxl = pytest.importorskip("openpyxl", reason="the tests build workbooks with openpyxl")

from sciplan_model import (  # noqa: E402
    DocumentReadError,
    FundingSource,
    FundingStage,
    Level,
    Money,
    MoneyColumn,
    Plan,
    PlanKind,
    ProjectStatus,
    Severity,
    SheetReadError,
    Year,
    read_projects,
    validate,
)

HEADER = [
    "序号",
    "项目编号",
    "项目名称",
    "计划类别",
    "级别",
    "承担单位",
    "立项年度",
    "下达经费（万元）",
]


def book(
    path: Path, rows: list[list[Any]], *, title: str = "项目表", merges: tuple[str, ...] = ()
) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    return path


def row(k: int, name: str, money: Any, *, level: str = "县级", year: Any = 2024) -> list[Any]:
    return [k, f"XM{k:03d}", name, "星火计划", level, "某某公司", year, money]


# -- headers -------------------------------------------------------------------------------


def test_two_row_merged_header_caption_unit_and_notes(tmp_path: Path) -> None:
    rows = [
        ["临川县2024年度科技计划项目汇总表"],
        ["填报单位：临川县科技局", None, None, None, None, None, None, "单位：万元"],
        [
            "序号",
            "项目编号",
            "项目名称",
            "计划类别",
            "项目\n级别",
            "承担单位",
            "立项年度",
            "经费",
            None,
        ],
        [None, None, None, None, None, None, None, "下达", "自筹"],
        [1, "LC001", "玉米制种技术示范", "星火计划", "省级", "甲种业公司", 2024, 12.3, 30],
        [
            2,
            "LC002",
            "番茄加工废水处理",
            "科技攻关",
            "市级重点",
            "乙食品厂",
            2024.0,
            "159.3万元",
            None,
        ],
        [3, "LC003", "奶牛良种繁育", "星火计划", "县级", "丙牧业", "2024年", 0.1 + 0.2, "—"],
        ["合计", None, "共3项", None, None, None, None, 171.9, 30],
        [],
        ["注：自筹经费为企业承诺数。"],
        ["填表人：张三"],
    ]
    merges = ("A1:I1", "H3:I3", *(f"{c}3:{c}4" for c in "ABCDEFG"))
    sheet = read_projects(book(tmp_path / "a.xlsx", rows, merges=merges))
    assert [p.id for p in sheet] == ["LC001", "LC002", "LC003"]
    assert sheet.rows == (5, 6, 7)
    first = sheet[0]
    assert first.level is Level.PROVINCIAL
    assert first.year == Year(2024)
    assert first.undertaker is not None
    assert first.undertaker.name == "甲种业公司"
    allocated, own = first.funding
    assert (allocated.source, allocated.stage) == (FundingSource.PROVINCIAL, FundingStage.ALLOCATED)
    assert allocated.amount.magnitude == Decimal("12.3")
    assert str(allocated.amount.magnitude) == "12.3"
    assert (own.source, own.stage, own.amount) == (
        FundingSource.ENTERPRISE,
        FundingStage.ALLOCATED,
        Money("30", "万元"),
    )
    assert str(own.amount.magnitude) == "30"  # an integer stays an integer
    assert sheet[1].level is Level.MUNICIPAL  # 市级重点
    assert sheet[1].funding[0].amount == Money("159.3", "万元")
    assert str(sheet[2].funding[0].amount.magnitude) == "0.3"  # 0.30000000000000004 in binary
    assert len(sheet[2].funding) == 1  # — is no money
    assert sheet.report.findings == ()
    assert [n for _, n in sheet.notes] == ["注：自筹经费为企业承诺数。", "填表人：张三"]
    assert sheet.columns["项目级别"] == "level"
    assert sheet.columns["经费下达"] == "下达 万元"
    subjects = {b.subject: b for b in sheet.totals}
    assert subjects["经费下达合计（项目表）"].total.value == Money("171.9", "万元")
    assert subjects["项目合计（项目表）"].total.value is not None
    assert subjects["项目合计（项目表）"].projects == ("LC001", "LC002", "LC003")


def test_unit_from_header_in_yuan_and_from_the_argument(tmp_path: Path) -> None:
    rows = [["项目名称", "资助经费(元)", "到位经费"], ["甲", 120000, 5]]
    sheet = read_projects(book(tmp_path / "a.xlsx", rows), unit="万元")
    allocated, received = sheet[0].funding
    assert allocated.amount.unit == "元"
    assert allocated.amount == Money("12", "万元")
    assert (received.stage, received.amount) == (FundingStage.RECEIVED, Money("5", "万元"))
    assert received.source is FundingSource.OTHER  # no level, no source in the header


def test_a_money_column_without_a_unit_is_an_error_naming_the_cell(tmp_path: Path) -> None:
    path = book(tmp_path / "a.xlsx", [["项目名称", "下达经费"], ["甲", 12], ["乙", "3万元"]])
    with pytest.raises(SheetReadError) as caught:
        read_projects(path)
    assert [p.path for p in caught.value.problems] == ["项目表!B2"]
    assert "unit" in caught.value.problems[0].message


def test_columns_maps_other_headers_and_leaves_columns_unread(tmp_path: Path) -> None:
    rows = [["课题", "牵头", "市里给的钱（万元）", "状态"], ["甲", "某所", 8, "延期"]]
    path = book(tmp_path / "a.xlsx", rows)
    sheet = read_projects(
        path,
        columns={
            "课题": "name",
            "市里给的钱（万元）": MoneyColumn(FundingStage.ALLOCATED, FundingSource.MUNICIPAL),
            "状态": None,
            "牵头": "承担单位",
        },
    )
    p = sheet[0]
    assert p.name == "甲"
    assert p.status is None
    assert p.undertaker is not None
    assert p.undertaker.name == "某所"
    assert p.funding[0].source is FundingSource.MUNICIPAL
    assert p.funding[0].amount == Money("8", "万元")
    assert sheet.ignored == ("状态",)


def test_a_mapped_header_that_the_sheet_lacks_is_an_error(tmp_path: Path) -> None:
    path = book(tmp_path / "a.xlsx", [["项目名称", "级别"], ["甲", "省级"]])
    with pytest.raises(SheetReadError, match="课题名称") as caught:
        read_projects(path, columns={"课题名称": "name"})
    assert "项目名称" in str(caught.value)


def test_no_header_is_an_error_saying_what_is_looked_for(tmp_path: Path) -> None:
    path = book(tmp_path / "a.xlsx", [["甲", "乙"], [1, 2]])
    with pytest.raises(SheetReadError, match="项目名称"):
        read_projects(path)


# -- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (12.3, "12.3"),
        (0.1 + 0.2, "0.3"),
        (1.1 * 3, "3.3"),
        (100.0, "100"),
        (7, "7"),
        (123456789.12, "123456789.12"),
        ("12.30", "12.30"),
        ("1,234.5", "1234.5"),
        ("１２.５", "12.5"),
        ("159.3万元", "159.3"),
        ("1200元", "1200"),
        (" 8 ", "8"),
    ],
)
def test_numbers_are_read_exactly(tmp_path: Path, cell: Any, expected: str) -> None:
    path = book(tmp_path / "a.xlsx", [["项目名称", "下达经费（万元）"], ["甲", cell]])
    (line,) = read_projects(path)[0].funding
    assert str(line.amount.magnitude) == expected


def test_every_bad_cell_is_reported_at_once_and_nothing_is_returned(tmp_path: Path) -> None:
    rows = [
        HEADER,
        row(1, "甲", 10),
        row(2, "乙", "十二万"),
        row(3, "丙", "约20万元"),
        row(5, "戊", 5, level="特级"),
        row(6, "己", 5, year="去年"),
        row(7, "庚", "30人"),
        [8, "XM008", None, None, None, None, None, 3],
    ]
    path = book(tmp_path / "a.xlsx", rows)
    with pytest.raises(SheetReadError) as caught:
        read_projects(path)
    problems = {p.path: p.message for p in caught.value.problems}
    assert set(problems) == {
        "项目表!H3",
        "项目表!H4",
        "项目表!E5",
        "项目表!G6",
        "项目表!H7",
        "项目表!C8",
    }
    assert problems["项目表!H3"] == "'十二万' is not a number of 万元"
    assert "exact" in problems["项目表!H4"]
    assert "人" in problems["项目表!H7"]
    assert "项目表!H3: '十二万' is not a number of 万元" in str(caught.value)


def test_years_in_their_forms(tmp_path: Path) -> None:
    rows = [
        HEADER,
        row(1, "甲", 1, year=2023),
        row(2, "乙", 1, year="2024年度"),
        row(3, "丙", 1, year="20xx"),
        row(4, "丁", 1, year=datetime.datetime(2022, 5, 1)),
        row(5, "戊", 1, year="2021.06"),
    ]
    years = [p.year for p in read_projects(book(tmp_path / "a.xlsx", rows))]
    assert years == [Year(2023), Year(2024), Year.parse("20xx"), Year(2022), Year(2021)]


# -- totals --------------------------------------------------------------------------------


def test_a_total_that_does_not_match_is_a_finding_at_its_cell(tmp_path: Path) -> None:
    rows = [
        HEADER,
        row(1, "甲", 11),
        row(2, "乙", 97),
        row(3, "丙", 51.3),
        ["合计", *[None] * 6, 160],
    ]
    sheet = read_projects(book(tmp_path / "a.xlsx", rows))
    (finding,) = sheet.report.findings
    assert (finding.code, finding.severity, finding.path) == (
        "sheet.total",
        Severity.ERROR,
        "项目表!H5",
    )
    assert finding.expected == Money("160", "万元")
    assert finding.actual == Money("159.3", "万元")
    assert not sheet.report.ok
    assert len(sheet) == 3


def test_the_slack_of_a_total_is_the_finest_digit_of_it_and_its_rows(tmp_path: Path) -> None:
    """Rows written to 0.01 and a total to 0.1 miss by 0.04: an error, for the rows'
    digits are known (the slack is half a unit of the finest digit of the total and its
    rows); so is a total of 26 over rows of 12.3 and 13.3."""
    rows = [HEADER, row(1, "甲", 11.04), row(2, "乙", 0.3), ["合计", *[None] * 6, 11.3]]
    (finding,) = read_projects(book(tmp_path / "a.xlsx", rows)).report.findings
    assert finding.severity is Severity.ERROR
    rows = [HEADER, row(1, "甲", 12.3), row(2, "乙", 13.3), ["合计", *[None] * 6, 26]]
    (finding,) = read_projects(book(tmp_path / "c.xlsx", rows)).report.findings
    assert finding.severity is Severity.ERROR


def test_subtotals_group_headings_and_a_grand_total(tmp_path: Path) -> None:
    rows = [
        HEADER[:4] + HEADER[5:],  # no 级别 column: the group headings give it
        ["一、国家级项目"],
        [1, "A1", "甲", "重点研发", "某所", 2024, 100],
        [2, "A2", "乙", "重点研发", "某所", 2024, 50],
        ["小计", None, "2项", None, None, None, 150],
        ["二、省级项目"],
        [3, "B1", "丙", "攻关", "某厂", 2024, 20],
        ["小计", None, None, None, None, None, 21],
        ["总计", None, "共3项", None, None, None, 170],
    ]
    sheet = read_projects(book(tmp_path / "a.xlsx", rows, merges=("A2:G2", "A6:G6")))
    assert [p.level for p in sheet] == [Level.NATIONAL, Level.NATIONAL, Level.PROVINCIAL]
    assert [f.source for p in sheet for f in p.funding] == [
        FundingSource.NATIONAL,
        FundingSource.NATIONAL,
        FundingSource.PROVINCIAL,
    ]
    found = {(f.code, f.path) for f in sheet.report.findings}
    assert found == {("sheet.subtotal", "项目表!G8")}
    assert ("一、国家级项目" in text for _, text in sheet.notes)


def test_a_count_in_the_total_row_is_checked(tmp_path: Path) -> None:
    rows = [HEADER, row(1, "甲", 1), row(2, "乙", 2), ["合计", None, "共3项", *[None] * 4, 3]]
    (finding,) = read_projects(book(tmp_path / "a.xlsx", rows)).report.findings
    assert (finding.code, finding.path) == ("sheet.count", "项目表!C4")


def test_a_row_total_column_is_checked_against_the_row(tmp_path: Path) -> None:
    rows = [
        ["项目名称", "经费（万元）", None, None],
        [None, "合计", "下达", "自筹"],
        ["甲", 30, 10, 20],
        ["乙", 31, 10, 20],
    ]
    sheet = read_projects(book(tmp_path / "a.xlsx", rows, merges=("B1:D1", "A1:A2")))
    assert [len(p.funding) for p in sheet] == [2, 2]
    (finding,) = sheet.report.findings
    assert (finding.code, finding.path) == ("sheet.row_total", "项目表!B4")


def test_a_sheet_in_a_plan_is_checked_by_validation_too(tmp_path: Path) -> None:
    rows = [HEADER, row(1, "甲", 11), row(2, "乙", 97), ["合计", None, "共2项", *[None] * 4, 100]]
    sheet = read_projects(book(tmp_path / "a.xlsx", rows))
    plan = Plan(
        id="p", title="项目清单", kind=PlanKind.ANNUAL, sections=[sheet.section(title="项目")]
    )
    codes = {f.code for f in validate(plan).findings}
    assert "detail.total" in codes
    assert "detail.part" not in codes


# -- rows that are no projects -----------------------------------------------------------------


def test_blank_and_numbered_empty_rows_are_skipped(tmp_path: Path) -> None:
    rows = [HEADER, row(1, "甲", 1), [], [2], [None, "  "], row(3, "丙", 2)]
    sheet = read_projects(book(tmp_path / "a.xlsx", rows))
    assert [p.name for p in sheet] == ["甲", "丙"]


def test_ids_made_from_the_row_where_the_sheet_has_none(tmp_path: Path) -> None:
    rows = [["序号", "项目名称", "级别"], [1, "甲", "省级"], [2, "乙", "市级"]]
    sheet = read_projects(book(tmp_path / "a.xlsx", rows, title="2024年"))
    assert [p.id for p in sheet] == ["2024年!2", "2024年!3"]  # a 序号 is not an id


def test_a_repeated_id_is_an_error(tmp_path: Path) -> None:
    rows = [HEADER, row(1, "甲", 1), row(1, "乙", 2)]
    with pytest.raises(SheetReadError, match="项目表!B3"):
        read_projects(book(tmp_path / "a.xlsx", rows))


def test_status_words(tmp_path: Path) -> None:
    rows = [
        ["项目名称", "项目状态"],
        ["甲", "在研"],
        ["乙", "已验收"],
        ["丙", "执行中"],
        ["丁", "结题"],
    ]
    statuses = [p.status for p in read_projects(book(tmp_path / "a.xlsx", rows))]
    assert statuses == [
        ProjectStatus.UNDER_WAY,
        ProjectStatus.COMPLETED,
        ProjectStatus.UNDER_WAY,
        ProjectStatus.COMPLETED,
    ]


# -- sheets and files ----------------------------------------------------------------------


def test_the_first_sheet_with_projects_is_read_unless_one_is_named(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "封面"
    cover.append(["2024年科技计划项目"])
    for title, name in (("县级", "甲"), ("市级", "乙")):
        ws = wb.create_sheet(title)
        ws.append(["项目名称", "级别"])
        ws.append([name, title])
    wb.save(tmp_path / "a.xlsx")
    assert read_projects(tmp_path / "a.xlsx")[0].name == "甲"
    assert read_projects(tmp_path / "a.xlsx", sheet="市级")[0].name == "乙"
    assert read_projects(tmp_path / "a.xlsx", sheet=2).sheet == "市级"
    with pytest.raises(SheetReadError, match="省级"):
        read_projects(tmp_path / "a.xlsx", sheet="省级")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_files_in_their_encodings(tmp_path: Path, encoding: str) -> None:
    text = '项目编号,项目名称,级别,下达经费（万元）\r\nA1,甲,省级,12.3\r\nA2,乙,市级,"1,200"\r\n合计,,,1212.3\r\n'
    path = tmp_path / "a.csv"
    path.write_bytes(text.encode(encoding))
    sheet = read_projects(path)
    assert [str(p.funding[0].amount.magnitude) for p in sheet] == ["12.3", "1200"]
    assert sheet.report.findings == ()
    assert sheet.sheet == "a.csv"


def test_files_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(DocumentReadError, match="no such file"):
        read_projects(tmp_path / "none.xlsx")
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    with pytest.raises(DocumentReadError, match="accepted are"):
        read_projects(tmp_path / "a.pdf")
    (tmp_path / "b.xlsx").write_bytes(b"not a zip")
    with pytest.raises(DocumentReadError, match="not a workbook"):
        read_projects(tmp_path / "b.xlsx")


def test_without_calamine_the_error_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "python_calamine":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    path = book(tmp_path / "a.xlsx", [["项目名称"], ["甲"]])
    with pytest.raises(ImportError, match=r"sciplan_model\[excel\]"):
        read_projects(path)


# -- into a plan, and the command ----------------------------------------------------------------


def _list(tmp_path: Path, total: Any = 108, name: str = "a.xlsx") -> Path:
    rows = [
        ["岭南县2025年科技计划项目表"],
        HEADER,
        row(1, "甲", 11, level="国家级"),
        row(2, "乙", 97, level="省级"),
        ["合计", None, "共2项", *[None] * 4, total],
    ]
    return book(tmp_path / name, rows)


def test_into_adds_a_section_and_a_second_import_updates_it(tmp_path: Path) -> None:
    plan = Plan(id="p", title="计划", kind=PlanKind.ANNUAL)
    sheet = read_projects(_list(tmp_path))
    assert sheet.title == "岭南县2025年科技计划项目表"
    once = sheet.into(plan)
    assert [s.title for s in once.sections] == ["岭南县2025年科技计划项目表"]
    assert once.projects() == tuple(sheet)
    assert validate(once).ok
    again = read_projects(_list(tmp_path, total=110, name="b.xlsx"))
    twice = again.into(once)
    assert len(twice.projects()) == 2
    assert [b.total for b in twice.breakdowns()] == [b.total for b in again.totals]
    assert not validate(twice).ok  # 110 stated, 108 listed


def test_into_replaces_projects_where_they_stand(tmp_path: Path) -> None:
    from sciplan_model import Project, Section

    old = Project(id="XM001", name="旧名称")
    plan = Plan(
        id="p",
        title="计划",
        kind=PlanKind.ANNUAL,
        sections=[
            Section(label="一、", title="重点工作", items=[old]),
            Section(label="二、", title="项目"),
        ],
    )
    new = read_projects(_list(tmp_path)).into(plan, "二、")
    first, second = new.sections
    assert [p.name for p in first.items] == ["甲"]
    assert [type(i).__name__ for i in second.items] == ["Project", "Breakdown", "Breakdown"]


def test_the_import_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sciplan_model import load
    from sciplan_model._cli import main

    target = tmp_path / "plan.json"
    assert main(["import", str(_list(tmp_path)), "--into", str(target)]) == 0
    out = capsys.readouterr().out
    assert "read 2 projects and 2 stated totals" in out
    assert len(load(target).projects()) == 2
    assert main(["import", str(_list(tmp_path, 100, "b.xlsx")), "--into", str(target)]) == 1
    out = capsys.readouterr().out
    assert "sheet.total" in out
    assert "项目表!H5" in out
    assert "detail.total" in out


def test_the_import_command_lists_every_bad_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sciplan_model._cli import main

    path = book(tmp_path / "a.xlsx", [HEADER, row(1, "甲", "十二万"), row(2, "乙", "约3万元")])
    target = tmp_path / "plan.json"
    assert main(["import", str(path), "--into", str(target)]) == 2
    err = capsys.readouterr().err
    assert "项目表!H2: '十二万' is not a number of 万元" in err
    assert "项目表!H3" in err
    assert not target.exists()


def test_the_import_command_maps_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sciplan_model import load
    from sciplan_model._cli import main

    path = book(tmp_path / "a.xlsx", [["课题", "状态", "经费"], ["甲", "延期", 3]])
    target = tmp_path / "plan.toml"
    argv = [
        "import",
        str(path),
        "--into",
        str(target),
        "--column",
        "课题=name",
        "--column",
        "状态=",
    ]
    assert main([*argv, "--unit", "万元", "--stage", "到位", "--section", "课题"]) == 0
    (p,) = load(target).projects()
    assert (p.name, p.funding[0].stage, p.funding[0].amount) == (
        "甲",
        FundingStage.RECEIVED,
        Money("3", "万元"),
    )
    with pytest.raises(SystemExit) as stopped:
        main(["import", str(path), "--into", str(target), "--column", "nonsense"])
    assert stopped.value.code == 2
    assert "HEADER=FIELD" in capsys.readouterr().err


def test_a_list_as_bureaus_keep_it(tmp_path: Path) -> None:
    """Headers that describe (项目负责人, 拨款方式) name no field; a term gives the year; a
    source column gives the money's source; a header repeated for a second part of the
    list, and a project whose name holds 小计, are no rows of their own."""
    header = [
        "序号",
        "项目名称",
        "项目负责人",
        "承担单位",
        "所在县（市、区）",
        "起止年限",
        "资金来源",
        "拨款方式",
        "本年安排（万元）",
        "备注",
    ]
    rows = [
        ["北山市2025年度科技计划项目安排表"],
        header,
        ["（一）重点研发计划"],
        [
            1,
            "设施蔬菜小计划推广",
            "王五",
            "北山农科所",
            "东河县",
            "2025.01-2026.12",
            "市财政",
            "前补助",
            20,
            None,
        ],
        [
            2,
            "肉羊繁育",
            "赵六",
            "北山牧业",
            "西岭区",
            "2025-2027",
            "省级",
            "后补助",
            "15.5",
            "续建",
        ],
        ["小计", None, None, None, None, None, None, None, 35.5, None],
        header,
        ["（二）科技成果转化"],
        [
            1,
            "秸秆利用",
            "钱七",
            "北山环保",
            "东河县",
            datetime.date(2025, 3, 1),
            "自筹",
            None,
            8,
            None,
        ],
        ["合  计", None, None, None, None, None, None, None, 43.5, None],
    ]
    sheet = read_projects(book(tmp_path / "a.xlsx", rows, merges=("A3:J3", "A8:J8")))
    assert [p.name for p in sheet] == ["设施蔬菜小计划推广", "肉羊繁育", "秸秆利用"]
    assert [p.programme for p in sheet] == ["重点研发计划", "重点研发计划", "科技成果转化"]
    assert [p.year for p in sheet] == [Year(2025)] * 3
    assert [p.funding[0].source for p in sheet] == [
        FundingSource.MUNICIPAL,
        FundingSource.PROVINCIAL,
        FundingSource.ENTERPRISE,
    ]
    assert [p.undertaker.region.name for p in sheet if p.undertaker and p.undertaker.region] == [
        "东河县",
        "西岭区",
        "东河县",
    ]
    assert sheet.report.findings == ()
    assert set(sheet.ignored) == {"项目负责人", "拨款方式", "备注"}
    assert sheet.title == "北山市2025年度科技计划项目安排表"
    assert [b.subject for b in sheet.totals] == ["本年安排小计（项目表）", "本年安排合计（项目表）"]


@pytest.mark.parametrize("name", ["苇塘县.xls", "苇塘县.ods"])
def test_old_and_open_formats(name: str) -> None:
    """Excel 97–2003 and OpenDocument files (made by tools/make_sheet_fixtures.py)."""
    sheet = read_projects(Path(__file__).parent / "sheets" / name)
    assert [(p.id, p.level, p.funding[0].amount) for p in sheet] == [
        ("WT01", Level.PROVINCIAL, Money("12.3", "万元")),
        ("WT02", Level.COUNTY, Money("7.7", "万元")),
    ]
    assert str(sheet[0].funding[0].amount.magnitude) == "12.3"
    assert sheet.report.findings == ()
    assert sheet.title == "苇塘县2024年科技项目清单"


def test_columns_mapped_to_nothing_known_is_an_error(tmp_path: Path) -> None:
    path = book(tmp_path / "a.xlsx", [["项目名称", "进度"], ["甲", "延期"]])
    with pytest.raises(SheetReadError, match="'nam' is no field"):
        read_projects(path, columns={"进度": "nam"})


def test_a_placeholder_amount_is_kept_out_of_the_sums_and_said(tmp_path: Path) -> None:
    """A template's 20xx万元 (or 20xx in a column of 万元) is no amount: the row's
    project has no line for it, a warning says so, and a total over it is undecided."""
    rows = [
        HEADER,
        row(1, "甲", 10),
        row(2, "乙", "20xx万元"),
        row(3, "丙", "2x"),
        ["合计", *[None] * 6, 30],
        row(4, "丁", 5),
        ["总计", *[None] * 6, "20xx"],
    ]
    sheet = read_projects(book(tmp_path / "a.xlsx", rows))
    assert [len(p.funding) for p in sheet] == [1, 0, 0, 1]
    found = [(f.code, f.severity, f.path) for f in sheet.report.findings]
    assert found == [
        ("sheet.placeholder", Severity.WARNING, "项目表!H3"),
        ("sheet.placeholder", Severity.WARNING, "项目表!H4"),
        ("sheet.undecided", Severity.INFO, "项目表!H5"),
        ("sheet.undecided", Severity.INFO, "项目表!H7"),
    ]
    assert sheet.report.ok
    assert [str(b.total) for b in sheet.totals] == ["30万元", "20xx万元"]
    assert all(b.projects == () for b in sheet.totals)


def test_a_money_group_over_its_sources_and_a_row_of_units(tmp_path: Path) -> None:
    """经费来源 over 省级财政, 市级配套, 单位自筹 is three money columns (not a column of
    sources); a second header row of units alone belongs to the header."""
    rows = [
        ["项目名称", "级别", "经费来源", None, None, "总投资"],
        [None, None, "省级财政", "市级配套", "单位自筹", "（万元）"],
        ["甲", "省级", 100, 20, 50, 200],
    ]
    sheet = read_projects(book(tmp_path / "a.xlsx", rows, merges=("C1:E1",)), unit="万元")
    lines = [(f.source, f.stage, f.amount) for f in sheet[0].funding]
    assert lines == [
        (FundingSource.PROVINCIAL, FundingStage.ALLOCATED, Money("100", "万元")),
        (FundingSource.MUNICIPAL, FundingStage.ALLOCATED, Money("20", "万元")),
        (FundingSource.ENTERPRISE, FundingStage.ALLOCATED, Money("50", "万元")),
    ]
    assert sheet.columns["总投资（万元）"] == "总投资 下达 万元"
    plan = Plan(id="p", title="t", kind=PlanKind.ANNUAL, sections=[sheet.section()])
    assert validate(plan).ok  # the undertaker's 50 is no "planned" money below the grant


def test_excel_errors_in_cells_are_problems(tmp_path: Path) -> None:
    """#N/A and #DIV/0! (which python-calamine reads as empty cells) are named."""
    path = book(tmp_path / "a.xlsx", [HEADER, row(1, "甲", 1), row(2, "乙", 2)])
    wb = openpyxl.load_workbook(path)
    ws = wb["项目表"]
    ws["H2"] = "#N/A"
    ws["H2"].data_type = "e"
    ws["D3"] = "#DIV/0!"
    ws["D3"].data_type = "e"
    wb.save(path)
    import zipfile

    with zipfile.ZipFile(path) as z:  # an error a formula gives: <f>…</f> before <v>
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = xml.replace(b"<v>#DIV/0!</v>", b"<f>1/0</f><v>#DIV/0!</v>")
    assert parts["xl/worksheets/sheet1.xml"] != xml
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    with pytest.raises(SheetReadError) as caught:
        read_projects(path)
    problems = {p.path: p.message for p in caught.value.problems}
    assert problems == {
        "项目表!H2": "#N/A is an error of Excel's, not an amount",
        "项目表!D3": "#DIV/0! is an error of Excel's, not a value",
    }


def test_a_total_at_the_top_sums_the_rows_below_it(tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["合计", None, "共3项", *[None] * 4, 60],
        ["一、国家级项目"],
        ["小计", *[None] * 6, 30],
        row(1, "甲", 10, level="国家级"),
        row(2, "乙", 20, level="国家级"),
        ["二、省级项目"],
        ["小计", *[None] * 6, 31],
        row(3, "丙", 30, level="省级"),
    ]
    sheet = read_projects(book(tmp_path / "a.xlsx", rows, merges=("A3:H3", "A7:H7")))
    assert len(sheet) == 3
    found = [(f.code, f.path, f.expected, f.actual) for f in sheet.report.findings]
    assert found == [("sheet.subtotal", "项目表!H8", Money("31", "万元"), Money("30", "万元"))]
    grand = sheet.totals[0]
    assert grand.projects == ("XM001", "XM002", "XM003")


def test_rows_of_qizhong_under_a_total_are_its_parts(tmp_path: Path) -> None:
    """其中 rows under a 合计 are parts of it, never projects."""
    rows = [
        HEADER,
        row(1, "甲", 10),
        row(2, "乙", 7),
        ["合计", *[None] * 6, 17],
        [None, "其中：新上项目", *[None] * 5, 10],
        ["其中：续建项目", *[None] * 6, 7],
    ]
    sheet = read_projects(book(tmp_path / "a.xlsx", rows))
    assert [p.name for p in sheet] == ["甲", "乙"]
    (total,) = sheet.totals
    assert [(p.category, p.figure.value) for p in total.parts] == [
        ("新上项目", Money("10", "万元")),
        ("续建项目", Money("7", "万元")),
    ]
    assert not total.complete
    plan = Plan(id="p", title="t", kind=PlanKind.ANNUAL, sections=[sheet.section()])
    assert validate(plan).ok


def test_a_total_row_without_amounts_is_said_to_be_unchecked(tmp_path: Path) -> None:
    """A 合计 of SUM formulas that were never calculated reads as empty cells."""
    path = book(
        tmp_path / "a.xlsx", [HEADER, row(1, "甲", 10), ["合计", *[None] * 6, "=SUM(H2:H2)"]]
    )
    sheet = read_projects(path)
    (finding,) = sheet.report.findings
    assert (finding.code, finding.severity, finding.path) == (
        "sheet.undecided",
        Severity.INFO,
        "项目表!A3",
    )
    assert sheet.totals == ()


def test_an_annex_line_is_no_title_and_a_month_does_not_hide_the_year(tmp_path: Path) -> None:
    rows = [["附件1"], ["青岭县2025年科技项目表"], ["项目名称", "立项时间"], ["甲", "2025年6月"]]
    sheet = read_projects(book(tmp_path / "a.xlsx", rows))
    assert sheet.title == "青岭县2025年科技项目表"
    assert sheet[0].year == Year(2025)


def test_a_newer_list_without_a_project_warns_or_replaces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sciplan_model import load
    from sciplan_model._cli import main

    target = tmp_path / "plan.json"
    first = book(tmp_path / "a.xlsx", [HEADER, row(1, "甲", 1), row(2, "乙", 2), row(3, "丙", 3)])
    newer = book(tmp_path / "b.xlsx", [HEADER, row(1, "甲", 1), row(3, "丙", 4)])
    assert main(["import", str(first), "--into", str(target)]) == 0
    assert main(["import", str(newer), "--into", str(target)]) == 0
    assert "1 projects of the section are not in the list: XM002" in capsys.readouterr().err
    assert [p.id for p in load(target).projects()] == ["XM001", "XM002", "XM003"]
    assert main(["import", str(newer), "--into", str(target), "--replace"]) == 0
    assert "took out 1 projects the list no longer holds: XM002" in capsys.readouterr().out
    plan = load(target)
    assert [(p.id, p.funding[0].amount) for p in plan.projects()] == [
        ("XM001", Money("1", "万元")),
        ("XM003", Money("4", "万元")),
    ]
    assert read_projects(newer).left_out(plan) == ()


def test_doubles_beyond_excels_digits_read_as_excel_shows_them(tmp_path: Path) -> None:
    """1/3 and a formula's 0.1+0.2 need more than 15 digits: read as the 15 Excel
    keeps, each said in an info finding."""
    path = book(tmp_path / "a.xlsx", [HEADER, row(1, "甲", 1 / 3), row(2, "乙", 0.3)])
    text = path.read_bytes()
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"]
    assert b"<v>0.3</v>" in sheet_xml
    parts["xl/worksheets/sheet1.xml"] = sheet_xml.replace(
        b"<v>0.3</v>", b"<v>0.30000000000000004</v>"
    )
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    assert path.read_bytes() != text
    sheet = read_projects(path)
    assert [str(p.funding[0].amount.magnitude) for p in sheet] == ["0.333333333333333", "0.3"]
    infos = [(f.code, f.severity, f.path) for f in sheet.report.findings]
    assert infos == [
        ("sheet.digits", Severity.INFO, "项目表!H2"),
        ("sheet.digits", Severity.INFO, "项目表!H3"),
    ]


def test_a_first_row_under_a_blank_header_cell_is_no_header(tmp_path: Path) -> None:
    """A column without a header, text in the first row under it: the row is a project."""
    path = tmp_path / "a.csv"
    path.write_text("项目编号,项目名称,下达经费（万元）,\nA,甲,5,重点\nB,乙,3,\n", encoding="utf-8")
    sheet = read_projects(path)
    assert [p.id for p in sheet] == ["A", "B"]


def test_projects_named_like_notes_are_projects(tmp_path: Path) -> None:
    rows = [
        ["序号", "项目名称", "下达经费（万元）"],
        [1, "注塑模具智能化改造", 5],
        [2, "说明书数字化", 3],
        [None, "合计", 8],
        ["注：金额为市级财政资金。"],
    ]
    sheet = read_projects(book(tmp_path / "a.xlsx", rows))
    assert [p.name for p in sheet] == ["注塑模具智能化改造", "说明书数字化"]
    assert sheet.report.findings == ()
    assert [n for _, n in sheet.notes] == ["注：金额为市级财政资金。"]


def test_a_grand_total_after_totals_of_parts_sums_them_all(tmp_path: Path) -> None:
    rows = [
        [*HEADER, "备注"],
        [*row(1, "甲", 5), None],
        ["合计", None, "1项", *[None] * 4, 5, None],
        [*row(2, "乙", 3), None],
        ["合计", *[None] * 6, 3, "含1个续建项目"],
        ["总计", None, "共2项", *[None] * 4, 8, None],
    ]
    sheet = read_projects(book(tmp_path / "a.xlsx", rows))
    assert sheet.report.findings == ()
    assert [b.subject for b in sheet.totals] == [
        "下达经费合计（项目表）",
        "项目合计（项目表）",
        "下达经费合计（项目表）",
        "下达经费总计（项目表）",
        "项目总计（项目表）",
    ]


def test_the_import_command_names_sheets_by_name_then_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sciplan_model import load
    from sciplan_model._cli import main

    wb = openpyxl.Workbook()
    wb.active.title = "2023"
    wb.active.append(["项目名称", "级别"])
    wb.active.append(["甲", "省级"])
    later = wb.create_sheet("2024")
    later.append(["项目名称", "级别"])
    later.append(["乙", "市级"])
    wb.save(tmp_path / "a.xlsx")
    argv = ["import", str(tmp_path / "a.xlsx"), "--section", "S"]
    assert main([*argv, "--into", str(tmp_path / "a.json"), "--sheet", "2024"]) == 0
    assert [p.name for p in load(tmp_path / "a.json").projects()] == ["乙"]
    assert main([*argv, "--into", str(tmp_path / "b.json"), "--sheet", "1"]) == 0
    assert [p.name for p in load(tmp_path / "b.json").projects()] == ["甲"]
    assert main([*argv, "--into", str(tmp_path / "c.json"), "--sheet", "0"]) == 2
    assert "there is no sheet '0'" in capsys.readouterr().err


def test_arguments_of_the_wrong_kind_are_our_errors(tmp_path: Path) -> None:
    from sciplan_model import InvalidValueError, WrongTypeError, write_projects

    path = book(
        tmp_path / "a.xlsx", [["项目名称", "级别"], ["甲", "省级"], [None, None], ["乙", "市级"]]
    )
    with pytest.raises(WrongTypeError, match="columns"):
        read_projects(path, columns=[("级别", None)])  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"projects\[0\]"):
        write_projects([1], tmp_path / "b.xlsx")  # type: ignore[list-item]
    with pytest.raises(InvalidValueError, match=r"\.xlsx"):
        write_projects(read_projects(path), tmp_path / "b.csv")
    assert not (tmp_path / "b.csv").exists()


def test_a_row_holding_only_an_id_is_no_group_heading(tmp_path: Path) -> None:
    rows = [
        ["项目编号", "项目名称", "级别"],
        ["A1", "甲", "省级"],
        ["A2", None, None],
        ["A3", "丙", "市级"],
    ]
    with pytest.raises(SheetReadError, match="项目表!B3: the row has values but no project name"):
        read_projects(book(tmp_path / "a.xlsx", rows))


def test_levels_written_as_kinds_of_place_and_values_without_a_header(tmp_path: Path) -> None:
    """自治区级 is provincial, 市（州）级 municipal, 旗级 a county's; a column of values
    without a header is not read, and a warning says so once."""
    rows = [
        ["项目名称", "级别", None],
        ["甲", "自治区级", "重点"],
        ["乙", "市（州）级", None],
        ["丙", "旗级", "一般"],
    ]
    sheet = read_projects(book(tmp_path / "a.xlsx", rows))
    assert [p.level for p in sheet] == [Level.PROVINCIAL, Level.MUNICIPAL, Level.COUNTY]
    (finding,) = sheet.report.findings
    assert (finding.code, finding.severity, finding.path) == (
        "sheet.unread",
        Severity.WARNING,
        "项目表!C2",
    )


def test_column_names_as_excel_writes_them() -> None:
    from sciplan_model._sheetwords import column_letter

    assert [column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]
