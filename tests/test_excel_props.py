"""Properties of project lists in workbooks: lists typed into Excel (numbers as doubles)
read back exactly."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("python_calamine", reason="the excel extra (python-calamine) is not installed")
openpyxl = pytest.importorskip("openpyxl", reason="the tests build workbooks with openpyxl")

from sciplan_model import (  # noqa: E402
    Funding,
    FundingSource,
    FundingStage,
    Level,
    Money,
    Organization,
    Project,
    ProjectStatus,
    Region,
    Year,
    read_projects,
)
from sciplan_model._sheets import _NOTE, _NOTHING, _TOTAL_LABEL  # noqa: E402

_ALPHABET = "甲乙丙丁科技示范推广项目研究基地平台种植养殖加工新材料ABC123 （）-·"


def _plain_name(text: str) -> bool:
    text = text.strip()
    return (
        bool(text)
        and text not in _NOTHING
        and _NOTE.match(text) is None
        and _TOTAL_LABEL.match(text.replace(" ", "")) is None
        and text != "项目名称"
    )


names = st.text(_ALPHABET, min_size=1, max_size=12).map(str.strip).filter(_plain_name)
#: Amounts as people type them: up to 15 significant digits (what Excel keeps).
amounts = st.builds(
    lambda digits, places: Decimal(digits).scaleb(-places),
    st.integers(0, 10**15 - 1),
    st.integers(0, 6),
)


@st.composite
def typed_lists(draw: st.DrawFn) -> list[Project]:
    n = draw(st.integers(1, 12))
    ids = draw(
        st.lists(
            st.from_regex(r"[A-Z]{2}[0-9]{3}", fullmatch=True), min_size=n, max_size=n, unique=True
        )
    )
    out = []
    for pid in ids:
        level = draw(st.sampled_from([*Level]))
        lines = []
        allocated = draw(st.none() | amounts)
        if allocated is not None:
            source = {
                Level.NATIONAL: FundingSource.NATIONAL,
                Level.PROVINCIAL: FundingSource.PROVINCIAL,
                Level.MUNICIPAL: FundingSource.MUNICIPAL,
            }.get(level, FundingSource.COUNTY)
            lines.append(Funding(amount=Money(allocated, "万元"), source=source))
        own = draw(st.none() | amounts)
        if own is not None:
            lines.append(Funding(amount=Money(own, "万元"), source=FundingSource.ENTERPRISE))
        out.append(
            Project(
                id=pid,
                name=draw(names),
                programme=draw(st.none() | names),
                level=level,
                status=draw(st.none() | st.sampled_from([*ProjectStatus])),
                year=draw(st.none() | st.integers(1990, 2035).map(Year)),
                undertaker=draw(st.none() | names.map(lambda n: Organization(name=n))),
                funding=lines,
            )
        )
    return out


HEADER = [
    "序号",
    "项目编号",
    "项目名称",
    "计划类别",
    "级别",
    "状态",
    "立项年度",
    "承担单位",
    "下达经费（万元）",
    "自筹经费（万元）",
]


def _typed_row(k: int, p: Project) -> list[Any]:
    money = {f.source is FundingSource.ENTERPRISE: float(f.amount.magnitude) for f in p.funding}
    return [
        k,
        p.id,
        p.name,
        p.programme,
        p.level.chinese if p.level else None,
        p.status.chinese if p.status else None,
        p.year.value if p.year else None,
        p.undertaker.name if p.undertaker else None,
        money.get(False),  # 下达经费: the grant, from the project's level
        money.get(True),  # 自筹经费: the undertaker's own, at the list's stage
    ]


@given(typed_lists())
def test_a_list_typed_into_excel_reads_back_exactly(projects: list[Project]) -> None:
    with TemporaryDirectory() as folder:
        path = Path(folder) / "list.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "项目表"
        sheet.append(HEADER)
        for k, p in enumerate(projects, 1):
            sheet.append(_typed_row(k, p))
        book.save(path)
        read = read_projects(path)
    assert list(read) == projects
    for mine, theirs in zip(read, projects, strict=True):
        for a, b in zip(mine.funding, theirs.funding, strict=True):
            # the same digits, not only the same value: 12.3 stays 12.3 (trailing zeros
            # are lost in Excel's double, so compare normalized)
            assert a.amount.magnitude.normalize() == b.amount.magnitude.normalize()


# -- written by to_excel, read by read_projects ----------------------------------------------

pytest.importorskip("xlsxwriter", reason="the excel extra (XlsxWriter) is not installed")

from sciplan_model.strategies import fundings  # noqa: E402

#: Names as sheets hold them: Chinese, Latin, digits, inner spaces, a leading =.
_SHEET_TEXT = "科技计划项目县市省企业协会培训一二三十（）()·=abcXYZ0189 "
sheet_names = st.text(_SHEET_TEXT, min_size=1, max_size=10).map(str.strip).filter(_plain_name)
ids = st.text("ABCXYZ0123456789-_/", min_size=1, max_size=8).filter(lambda t: t not in _NOTHING)


@st.composite
def project_lists(draw: st.DrawFn) -> list[Project]:
    """Lists of projects with unique ids, any money of any source, stage, year and unit
    (amounts of up to 24 digits in a column of a finer unit), and every field the sheet
    holds."""
    n = draw(st.integers(0, 8))
    pids = draw(st.lists(ids, min_size=n, max_size=n, unique=True))
    return [
        Project(
            id=pid,
            name=draw(sheet_names),
            programme=draw(st.none() | sheet_names),
            level=draw(st.none() | st.sampled_from(Level)),
            status=draw(st.none() | st.sampled_from(ProjectStatus)),
            year=draw(st.none() | st.from_type(Year)),
            undertaker=draw(
                st.none()
                | st.builds(
                    lambda name, region: Organization(
                        name=name, region=None if region is None else Region(name=region)
                    ),
                    sheet_names,
                    st.none() | sheet_names,
                )
            ),
            funding=draw(st.lists(fundings(), max_size=4)),
            related=draw(st.lists(ids, max_size=2)),
        )
        for pid in pids
    ]


def _in_column_order(p: Project) -> Project:
    """The project with its funding lines in the order of the sheet's money columns:
    by stage, source and year (the order the writer gives its columns)."""
    stages = list(FundingStage)
    sources = list(FundingSource)

    def key(f: Funding) -> tuple[int, int, int, int, str]:
        year = f.year
        if year is None:
            return (stages.index(f.stage), sources.index(f.source), 0, 0, "")
        value = year.value if year.value is not None else 10**6
        return (stages.index(f.stage), sources.index(f.source), 1, value, str(year))

    return attrs.evolve(p, funding=sorted(p.funding, key=key))


@given(project_lists())
def test_a_list_written_by_to_excel_reads_back_as_the_same_projects(
    projects: list[Project],
) -> None:
    from sciplan_model._workbook import write_projects

    with TemporaryDirectory() as folder:
        path = Path(folder) / "list.xlsx"
        write_projects(projects, path)
        read = read_projects(path)
    assert [_in_column_order(p) for p in read] == [_in_column_order(p) for p in projects]
    assert read.report.findings == ()  # the 合计 row the writer adds is the rows' sum


@pytest.mark.parametrize("amount", ["100000000000000", "0.000000000000001", "99999999999999.9"])
def test_fifteen_digits_of_any_size_come_back_without_a_note(amount: str) -> None:
    """An amount of up to 15 significant digits is a number in Excel and reads back
    exactly, with no sheet.digits finding (1e14's shortest text ends in .0)."""
    from sciplan_model._workbook import write_projects

    project = Project(
        id="A",
        name="甲",
        funding=[Funding(amount=Money(amount, "元"), source=FundingSource.COUNTY)],
    )
    with TemporaryDirectory() as folder:
        path = Path(folder) / "list.xlsx"
        write_projects([project], path)
        read = read_projects(path)
    assert list(read) == [project]
    assert read.report.findings == ()
