"""Coded values with their Chinese names and aliases.

Each enum here reads its members from their Chinese names and common aliases (and from
their English values) with ``parse``, refuses anything else with a
:class:`~sciplan_model.errors.CodeParseError`, and gives each member's usual Chinese
name as ``.chinese``.

:class:`Level` is the administrative level of a listing or a body: 国列 (national),
省列, 市列, 县列, then township and village.  Levels are ordered, highest first::

    >>> Level.parse("省列"), Level.NATIONAL > Level.PROVINCIAL
    (<Level.PROVINCIAL: 'provincial'>, True)
    >>> sorted(Level.parse_range("市级以上"), reverse=True)
    [<Level.NATIONAL: 'national'>, <Level.PROVINCIAL: 'provincial'>, <Level.MUNICIPAL: 'municipal'>]
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable
from typing import Self

from ._reading import normalize_text
from .errors import CodeParseError, InvalidValueError, LevelParseError, WrongTypeError

__all__ = [
    "Aggregation",
    "Coded",
    "FundingSource",
    "FundingStage",
    "Level",
    "OrganizationKind",
    "PlanKind",
    "ProjectStatus",
]

# Aliases and Chinese names live outside the enums (an Enum's class attributes would be
# members): a member's value → its Chinese name, then its aliases, space separated.
_TABLES: dict[type, dict[str, str]] = {}
_CHINESE_NAMES: dict[type, dict[str, str]] = {}


def _table(cls: type, rows: dict[str, str]) -> None:
    aliases: dict[str, str] = {}
    names: dict[str, str] = {}
    for value, words in rows.items():
        split = words.split()
        names[value] = split[0]
        for word in split:
            aliases[word] = value
        aliases[value] = value
    _TABLES[cls] = aliases
    _CHINESE_NAMES[cls] = names


class Coded(enum.Enum):
    """The base of the enums here: members read from their Chinese names and aliases."""

    # Members are singletons compared by identity, so identity hashes them: roll-ups
    # hash a level or a source for every item they group.
    __hash__ = object.__hash__

    @property
    def chinese(self) -> str:
        """The member's usual Chinese name."""
        return _CHINESE_NAMES[type(self)][self.value]

    @property
    def names(self) -> tuple[str, ...]:
        """Every name :meth:`parse` reads as this member: its Chinese names and aliases,
        then its English value.

        >>> FundingStage.RECEIVED.names
        ('到位', '到账', '拨付', 'received')
        """
        return tuple(w for w, v in _TABLES[type(self)].items() if v == self.value)

    @classmethod
    def _error(cls, text: str, at: int) -> CodeParseError:
        examples = "、".join(list(_CHINESE_NAMES[cls].values())[:4])
        article = "an" if cls.__name__[0] in "AEIOU" else "a"
        return CodeParseError(text, at, f"{article} {cls.__name__} such as {examples} was expected")

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a member from its Chinese name, an alias, or its English value."""
        if not isinstance(text, str):
            raise WrongTypeError(f"{cls.__name__} text", "a str", type(text).__name__)
        normal = normalize_text(text)
        found = _TABLES[cls].get(normal.strip())
        if found is None:
            raise cls._error(text, len(normal) - len(normal.lstrip()))
        return cls(found)


@functools.total_ordering
class Level(Coded):
    """An administrative level, from the nation down to a village.

    >>> Level.parse("区级"), Level.parse("省列").chinese
    (<Level.COUNTY: 'county'>, '省级')
    """

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    MUNICIPAL = "municipal"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"

    @property
    def rank(self) -> int:
        """6 for NATIONAL down to 1 for VILLAGE."""
        return _RANK[self.value]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank < other.rank

    @classmethod
    def _error(cls, text: str, at: int) -> CodeParseError:
        return LevelParseError(text, at, "an administrative level was expected")

    @classmethod
    def parse_range(cls, text: str) -> frozenset[Self]:
        """Read a level or a span of levels: 市级以上, 省级及以上, 县级以下, 省列.

        >>> sorted(Level.parse_range("县级及以下"))
        [<Level.VILLAGE: 'village'>, <Level.TOWNSHIP: 'township'>, <Level.COUNTY: 'county'>]
        """
        if not isinstance(text, str):
            raise WrongTypeError("Level text", "a str", type(text).__name__)
        normal = normalize_text(text)
        key = normal.strip()
        for suffix, upward in (
            ("及以上", True),
            ("以上", True),
            ("及以下", False),
            ("以下", False),
        ):
            if key.endswith(suffix) and len(key) > len(suffix):
                head = key[: -len(suffix)]
                if head not in _TABLES[cls]:
                    raise cls._error(text, len(normal) - len(normal.lstrip()))
                base = cls(_TABLES[cls][head])
                return frozenset(m for m in cls if (m >= base if upward else m <= base))
        return frozenset({cls.parse(text)})

    @classmethod
    def span_name(cls, levels: Iterable[Level]) -> str:
        """The name a plan gives a set of levels: one level's own name; 市级以上 for every
        level from one level up; 县级及以下 for every level from one level down; else the
        names joined by 、, the highest first.  :meth:`parse_range` reads the first three
        back.

        >>> Level.span_name([Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL])
        '市级以上'
        >>> Level.span_name(Level.parse_range("县级及以下")), Level.span_name([Level.PROVINCIAL])
        ('县级及以下', '省级')
        >>> Level.span_name({Level.COUNTY, Level.NATIONAL})
        '国家级、县级'
        """
        if isinstance(levels, str | bytes) or not isinstance(levels, Iterable):
            raise WrongTypeError("levels", "a collection of Levels", type(levels).__name__)
        found = set()
        for level in levels:
            if not isinstance(level, Level):
                raise WrongTypeError("levels", "Levels", type(level).__name__)
            found.add(level)
        if not found:
            raise InvalidValueError("span of levels", "it holds no level")
        order = sorted(found, key=_RANK_OF.__getitem__, reverse=True)  # the highest first
        highest, lowest = order[0], order[-1]
        if len(order) == 1:
            return highest.chinese
        if len(order) == highest.rank - lowest.rank + 1:  # no level between left out
            if highest is Level.NATIONAL:
                return f"{lowest.chinese}以上"
            if lowest is Level.VILLAGE:
                return f"{highest.chinese}及以下"
        return "、".join(level.chinese for level in order)


_RANK = {"national": 6, "provincial": 5, "municipal": 4, "county": 3, "township": 2, "village": 1}
_RANK_OF = {level: _RANK[level.value] for level in Level}
_table(
    Level,
    {
        "national": "国家级 国 国家 国列 中央 中央级",
        "provincial": "省级 省 省列 省部级 自治区 省(区)",
        "municipal": "市级 市 市列 地 地级 地市 地市级 州 州级",
        "county": "县级 县 县列 区 区级 县区 县(区) 县(市、区) 县(市区)",
        "township": "乡镇级 乡 镇 乡镇 乡级 镇级 乡(镇) 街道",
        "village": "村级 村 社区 行政村",
    },
)


class PlanKind(Coded):
    """What a document (or one of its sections) is: a plan for a year or a five-year
    period, a special plan (a training plan), or a review of what was done.

    >>> PlanKind.parse("工作总结"), PlanKind.parse("培训计划")
    (<PlanKind.REVIEW: 'review'>, <PlanKind.SPECIAL: 'special'>)
    """

    ANNUAL = "annual"
    FIVE_YEAR = "five_year"
    SPECIAL = "special"
    REVIEW = "review"


_table(
    PlanKind,
    {
        "annual": "年度计划 年度工作计划 工作计划 计划 工作要点 年度工作要点",
        "five_year": "五年规划 规划 五年计划 发展规划 科技发展规划",
        "special": "专项计划 培训计划 实施方案 方案 工作方案 专项行动",
        "review": "工作总结 总结 回顾 工作回顾 成绩 成效 年度总结",
    },
)


class ProjectStatus(Coded):
    """Where a project stands: planned, applied for, under review, won (listed), under
    way, completed (accepted).

    >>> ProjectStatus.parse("争取到"), ProjectStatus.parse("验收")
    (<ProjectStatus.WON: 'won'>, <ProjectStatus.COMPLETED: 'completed'>)
    """

    PLANNED = "planned"
    APPLIED = "applied"
    UNDER_REVIEW = "under_review"
    WON = "won"
    UNDER_WAY = "under_way"
    COMPLETED = "completed"


_table(
    ProjectStatus,
    {
        "planned": "拟实施 计划 拟申报 储备",
        "applied": "申报 申请 已申报",
        "under_review": "评审 论证 论证评审 待批",
        "won": "立项 争取到 争取 列入 获批 批准 下达",
        "under_way": "实施 在建 在研 组织实施 执行",
        "completed": "验收 完成 结题 通过验收",
    },
)


class FundingSource(Coded):
    """Where money comes from.

    >>> FundingSource.parse("自筹"), FundingSource.parse("国家")
    (<FundingSource.ENTERPRISE: 'enterprise'>, <FundingSource.NATIONAL: 'national'>)
    """

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    MUNICIPAL = "municipal"
    COUNTY = "county"
    ENTERPRISE = "enterprise"
    BANK_LOAN = "bank_loan"
    VENTURE_CAPITAL = "venture_capital"
    FOREIGN = "foreign"
    SOCIAL = "social"
    OTHER = "other"


_table(
    FundingSource,
    {
        "national": "中央财政 国家 国家财政 中央 国拨 国家拨款",
        "provincial": "省财政 省 省级 省级财政",
        "municipal": "市财政 市 市级 市级财政",
        "county": "县财政 县 县级 县级财政 区财政 区级财政",
        "enterprise": "企业自筹 自筹 企业 企业投入 单位自筹",
        "bank_loan": "银行贷款 贷款",
        "venture_capital": "风险投资 风投 创投 创业投资",
        "foreign": "外资 引进外资 外商投资",
        "social": "社会资金 社会投资 社会投入",
        "other": "其他 其它",
    },
)


@functools.total_ordering
class FundingStage(Coded):
    """How far money has come: planned ≥ allocated (下达, 争取到) ≥ received ≥ spent.

    >>> FundingStage.parse("下达"), FundingStage.ALLOCATED < FundingStage.RECEIVED
    (<FundingStage.ALLOCATED: 'allocated'>, True)
    """

    PLANNED = "planned"
    ALLOCATED = "allocated"
    RECEIVED = "received"
    SPENT = "spent"

    @property
    def order(self) -> int:
        """0 for PLANNED up to 3 for SPENT: the order money passes the stages in."""
        return list(FundingStage).index(self)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, FundingStage):
            return NotImplemented
        return self.order < other.order


_table(
    FundingStage,
    {
        "planned": "计划 预算 计划投资 拟投入",
        "allocated": "下达 争取到 争取 落实 批复 安排",
        "received": "到位 到账 拨付",
        "spent": "支出 使用 完成投资",
    },
)


class OrganizationKind(Coded):
    """What sort of body an organisation is.

    >>> OrganizationKind.parse("公司"), OrganizationKind.parse("大专院校")
    (<OrganizationKind.ENTERPRISE: 'enterprise'>, <OrganizationKind.UNIVERSITY: 'university'>)
    """

    ENTERPRISE = "enterprise"
    RESEARCH_INSTITUTE = "research_institute"
    UNIVERSITY = "university"
    ASSOCIATION = "association"
    GOVERNMENT = "government"
    SERVICE = "service"
    COOPERATIVE = "cooperative"
    OTHER = "other"


_table(
    OrganizationKind,
    {
        "enterprise": "企业 公司 龙头企业 民营科技企业",
        "research_institute": "科研院所 研究所 研究院 院所 科学院",
        "university": "高校 大学 大专院校 学院 院校",
        "association": "协会 学会 专业协会 技术协会 民间技术协会",
        "government": "政府部门 政府 机关 局 厅 部 委员会",
        "service": "服务机构 中介机构 科技中介 服务组织",
        "cooperative": "合作社 专业合作社 示范社",
        "other": "其他 其它",
    },
)


class Aggregation(Coded):
    """How an indicator's figures for several years make one for a period: a flow sums
    (projects won each year), a stock takes the latest (enterprises holding a title).

    >>> Aggregation.parse("累计"), Aggregation.parse("新增")
    (<Aggregation.STOCK: 'stock'>, <Aggregation.FLOW: 'flow'>)
    """

    FLOW = "flow"
    STOCK = "stock"


_table(
    Aggregation,
    {
        "flow": "流量 新增 当年 年度",
        "stock": "存量 累计 拥有量 总量 保有量",
    },
)
