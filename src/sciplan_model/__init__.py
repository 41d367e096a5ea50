"""sciplan_model: a typed, exact, unit-aware home for Chinese science & technology
work plans (科技工作计划).

    >>> from sciplan_model import Figure, Money, total
    >>> total([Money("11", "万元"), Money("97", "万元"), Money("51.3", "万元")])
    Money('159.3', '万元')
    >>> Figure.parse("2万人次以上").range
    Range('[2万人次, ∞)')
"""

from .codes import (
    Aggregation,
    FundingSource,
    FundingStage,
    Level,
    OrganizationKind,
    PlanKind,
    ProjectStatus,
)
from .errors import (
    CodeParseError,
    DivisionByZeroError,
    EmptyTotalError,
    FigureParseError,
    InexactResultError,
    InvalidMagnitudeError,
    InvalidValueError,
    LevelParseError,
    NumeralParseError,
    ParseError,
    PeriodParseError,
    SciplanError,
    UnitMismatchError,
    UnknownUnitError,
    WrongTypeError,
)
from .figure import DEFAULT_TOLERANCE, Figure, Qualifier, Range
from .numerals import parse_number
from .period import FiveYearPlan, Period, Year, YearSpan, parse_period, period_years
from .quantity import Money, Quantity, total
from .units import UnitInfo, unit_info, ureg

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_TOLERANCE",
    "Aggregation",
    "CodeParseError",
    "DivisionByZeroError",
    "EmptyTotalError",
    "Figure",
    "FigureParseError",
    "FiveYearPlan",
    "FundingSource",
    "FundingStage",
    "InexactResultError",
    "InvalidMagnitudeError",
    "InvalidValueError",
    "Level",
    "LevelParseError",
    "Money",
    "NumeralParseError",
    "OrganizationKind",
    "ParseError",
    "Period",
    "PeriodParseError",
    "PlanKind",
    "ProjectStatus",
    "Qualifier",
    "Quantity",
    "Range",
    "SciplanError",
    "UnitInfo",
    "UnitMismatchError",
    "UnknownUnitError",
    "WrongTypeError",
    "Year",
    "YearSpan",
    "__version__",
    "parse_number",
    "parse_period",
    "period_years",
    "total",
    "unit_info",
    "ureg",
]
