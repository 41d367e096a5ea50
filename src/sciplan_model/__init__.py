"""sciplan_model: a typed, exact, unit-aware home for Chinese science & technology
work plans (科技工作计划).

    >>> from sciplan_model import Figure, Money, total
    >>> total([Money("11", "万元"), Money("97", "万元"), Money("51.3", "万元")])
    Money('159.3', '万元')
    >>> Figure.parse("2万人次以上").range
    Range('[2万人次, ∞)')
"""

from typing import TYPE_CHECKING, Any

from . import examples
from ._attainment import Attainment, Verdict, attainment, growth, percent
from ._combine import Combined, combine, over_period
from ._rollup import Rollup, project_value, rollup
from ._sheetwords import MoneyColumn
from ._walk import Entry
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
    DocumentReadError,
    EmptyTotalError,
    FigureParseError,
    InexactResultError,
    InvalidMagnitudeError,
    InvalidValueError,
    LevelParseError,
    LoadProblem,
    NumeralParseError,
    ParseError,
    PeriodParseError,
    PlanLoadError,
    SciplanError,
    SheetReadError,
    UnitMismatchError,
    UnknownUnitError,
    ValidationError,
    WrongTypeError,
)
from .figure import DEFAULT_TOLERANCE, Figure, Qualifier, Range
from .model import (
    Achievement,
    Breakdown,
    BreakdownPart,
    Designation,
    Funding,
    Goal,
    Indicator,
    Item,
    Measure,
    Note,
    Organization,
    Person,
    Plan,
    Project,
    Region,
    ScheduleEntry,
    Section,
    SourceRef,
    Task,
)
from .numerals import parse_number
from .period import FiveYearPlan, Period, Year, YearSpan, parse_period, period_years
from .quantity import Money, Quantity, total
from .schema import json_schema
from .serialize import (
    SCHEMA_VERSION,
    dump,
    dumps,
    from_data,
    load,
    loads,
    to_data,
)
from .units import UnitInfo, registry, unit_info
from .validation import CHECKS, Finding, Report, Scope, Severity, validate

if TYPE_CHECKING:
    __version__: str
    from . import extract
    from ._arrow import SCHEMAS, Tables
    from ._dataset import Dataset, read_dataset, write_dataset
    from ._sheets import SPREADSHEETS, ProjectSheet, read_projects
    from ._summary import Summary, summarize
    from ._workbook import write_projects
    from .extract import Draft, Found, Place, find_figures, read_plan, read_plan_file
    from .units import ureg

#: Names whose modules are imported when first asked for: spreadsheets, datasets,
#: the reader of plan texts and the summaries serve programs that ask for them, and the
#: rest do not pay for their import.
_LATER = {
    "Draft": ".extract",
    "Found": ".extract",
    "Place": ".extract",
    "find_figures": ".extract",
    "read_plan": ".extract",
    "read_plan_file": ".extract",
    "Summary": "._summary",
    "summarize": "._summary",
    "SCHEMAS": "._arrow",
    "Tables": "._arrow",
    "Dataset": "._dataset",
    "read_dataset": "._dataset",
    "write_dataset": "._dataset",
    "SPREADSHEETS": "._sheets",
    "ProjectSheet": "._sheets",
    "read_projects": "._sheets",
    "write_projects": "._workbook",
}


def __getattr__(name: str) -> Any:
    # the unit registry is built when it is first asked for (docs/benchmarks.md)
    if name == "ureg":
        return registry()
    if name == "__version__":
        # one source, the package's metadata (pyproject.toml), read when asked for:
        # importlib.metadata would add a fifth to the import
        from importlib import metadata

        try:
            found = metadata.version(__name__)
        except metadata.PackageNotFoundError:  # a source tree on sys.path, not installed
            found = "0+unknown"
        globals()["__version__"] = found
        return found
    if name == "extract":
        import importlib

        return importlib.import_module(".extract", __name__)
    if name in _LATER:
        import importlib

        value = getattr(importlib.import_module(_LATER[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CHECKS",
    "DEFAULT_TOLERANCE",
    "SCHEMAS",
    "SCHEMA_VERSION",
    "SPREADSHEETS",
    "Achievement",
    "Aggregation",
    "Attainment",
    "Breakdown",
    "BreakdownPart",
    "CodeParseError",
    "Combined",
    "Dataset",
    "Designation",
    "DivisionByZeroError",
    "DocumentReadError",
    "Draft",
    "EmptyTotalError",
    "Entry",
    "Figure",
    "FigureParseError",
    "Finding",
    "FiveYearPlan",
    "Found",
    "Funding",
    "FundingSource",
    "FundingStage",
    "Goal",
    "Indicator",
    "InexactResultError",
    "InvalidMagnitudeError",
    "InvalidValueError",
    "Item",
    "Level",
    "LevelParseError",
    "LoadProblem",
    "Measure",
    "Money",
    "MoneyColumn",
    "Note",
    "NumeralParseError",
    "Organization",
    "OrganizationKind",
    "ParseError",
    "Period",
    "PeriodParseError",
    "Person",
    "Place",
    "Plan",
    "PlanKind",
    "PlanLoadError",
    "Project",
    "ProjectSheet",
    "ProjectStatus",
    "Qualifier",
    "Quantity",
    "Range",
    "Region",
    "Report",
    "Rollup",
    "ScheduleEntry",
    "SciplanError",
    "Scope",
    "Section",
    "Severity",
    "SheetReadError",
    "SourceRef",
    "Summary",
    "Tables",
    "Task",
    "UnitInfo",
    "UnitMismatchError",
    "UnknownUnitError",
    "ValidationError",
    "Verdict",
    "WrongTypeError",
    "Year",
    "YearSpan",
    "__version__",
    "attainment",
    "combine",
    "dump",
    "dumps",
    "examples",
    "extract",
    "find_figures",
    "from_data",
    "growth",
    "json_schema",
    "load",
    "loads",
    "over_period",
    "parse_number",
    "parse_period",
    "percent",
    "period_years",
    "project_value",
    "read_dataset",
    "read_plan",
    "read_plan_file",
    "read_projects",
    "rollup",
    "summarize",
    "to_data",
    "total",
    "unit_info",
    "ureg",
    "validate",
    "write_dataset",
    "write_projects",
]
