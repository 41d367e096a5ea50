"""Validation: every stated total held against its parts, every figure against its
period, every project against its twins.

:func:`validate` runs each check of :data:`CHECKS` over one plan or several and
collects every :class:`Finding` into a :class:`Report`; it never stops at the first.
A finding speaks Chinese to the clerk (``message``) and carries a stable English
``code`` and the ``path`` of the statement in the plan's document shape for software.

    >>> from sciplan_model import examples
    >>> validate(examples.load("篇3")).ok
    True

A check is a small function of a :class:`Scope` (the plans and every item of them,
with paths) that yields findings; pass your own with ``validate(plan, checks=...)``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from ._checks import (
    CHECKS,
    check_breakdown_levels,
    check_breakdown_sums,
    check_breakdown_units,
    check_five_year,
    check_funding,
    check_identity,
    check_listed_detail,
    check_periods,
)
from ._exact import own_context
from ._findings import Check, Finding, Scope, Severity
from ._gc import gc_paused
from ._table import table
from .errors import ValidationError, WrongTypeError
from .model import Plan

__all__ = [
    "CHECKS",
    "Check",
    "Finding",
    "Report",
    "Scope",
    "Severity",
    "check_breakdown_levels",
    "check_breakdown_sums",
    "check_breakdown_units",
    "check_five_year",
    "check_funding",
    "check_identity",
    "check_listed_detail",
    "check_periods",
    "validate",
]


@attrs.frozen
class Report:
    """Every finding of a validation, in the order found, and the plans checked.

    ``ok`` is true when no finding is an error (warnings and infos do not spoil it).
    """

    findings: tuple[Finding, ...]
    plans: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The error findings."""
        return self.filter(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The warning findings."""
        return self.filter(Severity.WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        """The findings that only inform (a check that cannot decide)."""
        return self.filter(Severity.INFO)

    def filter(
        self,
        severity: Severity | None = None,
        *,
        at_least: Severity | None = None,
        code: str | None = None,
        plan: str | None = None,
    ) -> tuple[Finding, ...]:
        """The findings of one ``severity`` (or ``at_least`` one), one ``code`` (or a
        family of codes: ``"breakdown"`` matches ``breakdown.sum``) and one plan."""
        return tuple(
            f
            for f in self.findings
            if (severity is None or f.severity is severity)
            and (at_least is None or f.severity.rank >= at_least.rank)
            and (code is None or f.code == code or f.code.startswith(code + "."))
            and (plan is None or f.plan == plan)
        )

    def raise_for_findings(self, at_least: Severity = Severity.ERROR) -> None:
        """Raise :class:`~sciplan_model.ValidationError` when any finding is of
        ``at_least`` this severity (by default: when the report is not ``ok``)."""
        found = self.filter(at_least=at_least)
        if found:
            raise ValidationError(found)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per finding."""
        return [
            {
                "plan": f.plan,
                "severity": f.severity.value,
                "code": f.code,
                "path": f.path,
                "message": f.message,
                "expected": f.expected,
                "actual": f.actual,
            }
            for f in self.findings
        ]

    def to_arrow(self) -> Any:
        """The findings as a ``pyarrow.Table`` (the ``arrow`` extra: ``pip install
        "sciplan_model[arrow]"``) of the schema ``SCHEMAS["findings"]``: ``plan_id``,
        ``severity``, ``code``, ``path``, ``message``, ``expected`` and ``actual``
        (as text, as the messages write them: ``36项``, ``[36项, 37项]``,
        ``国家级、省级``, since they are figures, ranges, levels and paths of many
        units), and the finding's place in its source text."""
        from ._display import report_table

        return report_table(self)

    def to_frame(self) -> Any:
        """:meth:`to_arrow` as a pandas ``DataFrame`` whose columns are backed by Arrow
        (``pd.ArrowDtype``; the ``frame`` extra: ``pip install "sciplan_model[frame]"``)."""
        from ._arrow import to_pandas

        return to_pandas(self.to_arrow())

    def to_polars(self) -> Any:
        """:meth:`to_arrow` as a polars ``DataFrame`` (the ``polars`` extra)."""
        from ._arrow import to_polars

        return to_polars(self.to_arrow())

    def to_excel(self, path: str | os.PathLike[str]) -> None:
        """Write the findings as an Excel workbook of one sheet, 问题 (the ``excel``
        extra: ``pip install "sciplan_model[excel]"``), all or nothing: 计划, 级别,
        代码, 路径, 说明, 应为, 实为."""
        from ._report_sheets import report_sheet
        from ._workbook import write_workbook

        write_workbook([report_sheet(self)], path)

    def _repr_html_(self) -> str:
        """The report in a notebook: its header line and a table of its findings."""
        from ._display import report_html

        return report_html(self)

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(self.filter(sev))} {sev.value}" for sev in Severity)
        return f"Report(ok={self.ok}, {counts}, plans={self.plans!r})"

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __str__(self) -> str:
        counts = {s: len(self.filter(s)) for s in Severity}
        head = (
            f"{'通过' if self.ok else '未通过'}：{counts[Severity.ERROR]}个错误，"
            f"{counts[Severity.WARNING]}个警告，{counts[Severity.INFO]}个提示"
        )
        if not self.findings:
            return head
        several = len(self.plans) > 1
        rows = [
            [
                f.severity.chinese,
                f.code,
                f"{f.plan}:{f.path}" if several and f.plan else f.path,
                f.message,
            ]
            for f in self.findings
        ]
        return head + "\n" + table(["级别", "代码", "位置", "说明"], rows)


@own_context
def validate(plans: Plan | Iterable[Plan], checks: Iterable[Check] = CHECKS) -> Report:
    """Run every check over one plan or several and collect all findings.

    >>> from sciplan_model import examples
    >>> report = validate([examples.load(n) for n in examples.names()])
    >>> report.ok, len(report.errors)
    (True, 0)
    """
    if isinstance(plans, Plan):
        found: tuple[Plan, ...] = (plans,)
    elif isinstance(plans, str | bytes) or not isinstance(plans, Iterable):
        raise WrongTypeError("plans", "a Plan or an iterable of Plans", type(plans).__name__)
    else:
        found = tuple({id(p): p for p in plans}.values())  # the same plan given twice is one
    for k, plan in enumerate(found):
        if not isinstance(plan, Plan):
            raise WrongTypeError(f"plans[{k}]", "a Plan", type(plan).__name__)
    findings: list[Finding] = []
    # Walking a province makes many small objects and no cycles: the garbage collector
    # is paused for the library's own work, never around checks it does not own.
    with gc_paused():
        scope = Scope.of(found)
    for check in checks:
        if check in CHECKS:
            with gc_paused():
                findings.extend(check(scope))
        else:
            findings.extend(check(scope))
    return Report(tuple(findings), tuple(p.id for p in found))
