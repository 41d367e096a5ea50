"""The words of project sheets: the headers the workbook writer gives a project list's
columns, and what the sheet reader makes of a header — so that what one writes, the
other reads back.

A money column's header says, in this order, the year of its money (optional), where the
money comes from (optional), how far it has come, and its unit:
``2024年省财政下达经费（万元）``, ``企业自筹计划经费（万元）``, ``下达经费（万元）``.
"""

from __future__ import annotations

import re

import attrs

from ._reading import fold_text
from .codes import FundingSource, FundingStage
from .period import Year

__all__ = [
    "FIELD_HEADERS",
    "MoneyColumn",
    "column_letter",
    "is_money",
    "money_header",
    "read_money_header",
]

#: The header the writer gives each field of a project (the reader knows these and
#: their usual variants).
FIELD_HEADERS = {
    "id": "项目编号",
    "name": "项目名称",
    "programme": "计划类别",
    "level": "级别",
    "status": "状态",
    "year": "立项年度",
    "undertaker": "承担单位",
    "related": "相关项目",
    "region": "所在地区",
}

_NTH = "一二三四五六七八九"


def column_letter(column: int) -> str:
    """Excel's name of the column ``column`` counted from 0 (0 → A, 26 → AA), for cell
    addresses such as 项目表!H21."""
    name = ""
    n = column + 1
    while n:
        n, rest = divmod(n - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


@attrs.frozen
class MoneyColumn:
    """What a money column holds: funding lines of ``stage``, from ``source`` (None: the
    source the project's level gives), of ``year`` (None: the project's own), in
    ``unit`` (None: not said in the header)."""

    stage: FundingStage
    source: FundingSource | None = None
    year: Year | None = None
    unit: str | None = None


def money_header(column: MoneyColumn, nth: int = 1) -> str:
    """The header the writer gives a money column: ``2024年省财政下达经费（万元）``; the
    second column of the same kind gets 之二 (``省财政下达经费之二（万元）``)."""
    year = str(column.year) if column.year is not None else ""
    source = column.source.chinese if column.source is not None else ""
    again = f"之{_NTH[nth - 1]}" if 1 < nth <= len(_NTH) else (f"之{nth}" if nth > 1 else "")
    unit = f"（{column.unit}）" if column.unit else ""
    return f"{year}{source}{column.stage.chinese}经费{again}{unit}"


# -- reading a money header -------------------------------------------------------------------

#: Words of a header that say where money comes from, longest first where one holds another.
_SOURCES: tuple[tuple[str, FundingSource], ...] = (
    ("中央财政", FundingSource.NATIONAL),
    ("中央", FundingSource.NATIONAL),
    ("国家", FundingSource.NATIONAL),
    ("国拨", FundingSource.NATIONAL),
    ("省级", FundingSource.PROVINCIAL),
    ("省财政", FundingSource.PROVINCIAL),
    ("省", FundingSource.PROVINCIAL),
    ("市级", FundingSource.MUNICIPAL),
    ("地市", FundingSource.MUNICIPAL),
    ("市财政", FundingSource.MUNICIPAL),
    ("市", FundingSource.MUNICIPAL),
    ("县级", FundingSource.COUNTY),
    ("县财政", FundingSource.COUNTY),
    ("区级", FundingSource.COUNTY),
    ("区财政", FundingSource.COUNTY),
    ("县", FundingSource.COUNTY),
    ("企业自筹", FundingSource.ENTERPRISE),
    ("单位自筹", FundingSource.ENTERPRISE),
    ("自筹", FundingSource.ENTERPRISE),
    ("企业", FundingSource.ENTERPRISE),
    ("银行贷款", FundingSource.BANK_LOAN),
    ("贷款", FundingSource.BANK_LOAN),
    ("风险投资", FundingSource.VENTURE_CAPITAL),
    ("创投", FundingSource.VENTURE_CAPITAL),
    ("外资", FundingSource.FOREIGN),
    ("社会资金", FundingSource.SOCIAL),
    ("社会", FundingSource.SOCIAL),
    ("其他", FundingSource.OTHER),
    ("其它", FundingSource.OTHER),
)

#: Words that say how far money has come; the first that a header holds wins.
_STAGES: tuple[tuple[str, FundingStage], ...] = (
    ("到位", FundingStage.RECEIVED),
    ("到账", FundingStage.RECEIVED),
    ("拨付", FundingStage.RECEIVED),
    ("实拨", FundingStage.RECEIVED),
    ("支出", FundingStage.SPENT),
    ("已使用", FundingStage.SPENT),
    ("使用", FundingStage.SPENT),
    ("完成投资", FundingStage.SPENT),
    ("计划", FundingStage.PLANNED),
    ("预算", FundingStage.PLANNED),
    ("申请", FundingStage.PLANNED),
    ("申报", FundingStage.PLANNED),
    ("拟", FundingStage.PLANNED),
    ("下达", FundingStage.ALLOCATED),
    ("资助", FundingStage.ALLOCATED),
    ("拨款", FundingStage.ALLOCATED),
    ("补助", FundingStage.ALLOCATED),
    ("安排", FundingStage.ALLOCATED),
    ("批复", FundingStage.ALLOCATED),
    ("立项", FundingStage.ALLOCATED),
    ("落实", FundingStage.ALLOCATED),
    ("争取", FundingStage.ALLOCATED),
    ("财政", FundingStage.ALLOCATED),
)

#: A header that names money at all.
_MONEY = re.compile(
    "经费|资金|拨|投资|金额|补助|资助|投入|自筹|贷款|款|下达|到位|到账|支出|财政|配套"
)
#: A year leading a money header: 2024年, 2024年度, 20xx年 (a template's placeholder).
_YEAR = re.compile("^([0-9]{4}|(?=[0-9xX×]*[xX×])[0-9xX×]{4})年度?")
_AGAIN = re.compile(f"之[{_NTH}0-9]+$")


def is_money(words: str) -> bool:
    """Whether a header (its unit taken off) names money."""
    return _MONEY.search(words) is not None


def read_money_header(words: str, default_stage: FundingStage) -> MoneyColumn:
    """What a money header (its unit already taken off, folded) says: its year, source and
    stage.  A header that names no stage (经费, 资金, 自筹经费) gets ``default_stage``: a
    list states its money at one stage, the undertaker's own (自筹) beside the grants."""
    text = fold_text(words)
    year: Year | None = None
    m = _YEAR.match(text)
    if m is not None:
        year = Year.parse(m.group(1))
        text = text[m.end() :]
    text = _AGAIN.sub("", text.replace("经费", "").replace("资金", ""))
    source = next((s for word, s in _SOURCES if word in text), None)
    stage = next((s for word, s in _STAGES if word in text), None)
    return MoneyColumn(stage=stage or default_stage, source=source, year=year)
