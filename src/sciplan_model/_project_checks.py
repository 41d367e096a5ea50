r"""The checks of projects :func:`~sciplan_model.validate` runs: each id listed once
(and alike wherever it is listed), and funding lines that are never negative and shrink
along their stages.  Both read every project of a province, so both read them the fast
way first and make a finding's entry and path only for a project they report."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs

from ._combine import restated
from ._exact import EXACT
from ._findings import Finding, Scope, Severity, _finding, _Group
from .codes import FundingStage
from .figure import Figure, Range
from .model import Funding, Goal, Project, SourceRef
from .quantity import Quantity, _canonical, total

__all__ = ["check_funding", "check_identity"]

_ZERO = Decimal(0)


# -- identity ---------------------------------------------------------------------------------


def _content(obj: Any) -> Any:
    """What an object says, without where any part of it is written: two plans may
    list the same project, each with its own spans."""
    if isinstance(obj, tuple):
        return tuple(_content(x) for x in obj)
    if not attrs.has(type(obj)) or isinstance(obj, Quantity | Figure | Range):
        return obj
    changes: dict[str, Any] = {}
    for a in attrs.fields(type(obj)):
        value = getattr(obj, a.name)
        if a.name == "source" and isinstance(value, SourceRef):
            changes["source"] = None
        elif isinstance(value, tuple) or attrs.has(type(value)):
            inner = _content(value)
            if inner is not value:
                changes[a.name] = inner
    return attrs.evolve(obj, **changes) if changes else obj


_FIELD_NAMES = {
    "name": "名称",
    "programme": "计划类别",
    "level": "级别",
    "status": "状态",
    "year": "年度",
    "undertaker": "承担单位",
    "funding": "经费",
    "related": "关联项目",
}


def _differences(a: Project, b: Project) -> list[str]:
    """The fields two records of one project disagree on, in Chinese (where they are
    written does not count)."""
    return [
        _FIELD_NAMES.get(f.name, f.name)
        for f in attrs.fields(Project)
        if f.name not in ("id", "source")
        and _content(getattr(a, f.name)) != _content(getattr(b, f.name))
    ]


def check_identity(scope: Scope) -> Iterator[Finding]:
    """A project id is listed once in a plan; a project listed in several plans (the
    same id) says the same there; a goal stated again in its plan (the same indicator,
    figure, period, place and levels) is noted, since it is one goal, counted once in
    roll-ups (two targets for one indicator, such as a floor 确保 and a stretch 力争,
    are two goals and are not noted)."""
    yield from _restated(scope._group(Goal))
    group = scope._group(Project)
    if len(set(map(_ID, group.items))) == len(group.items):
        return  # no id met twice: the common case, read the fast way
    first: dict[str, int] = {}  # where each id was first met
    mine: dict[tuple[int, str], int] = {}  # … and first met in each other plan
    for k, p in enumerate(group.items):
        at = first.setdefault(p.id, k)
        if at != k:
            yield from _identity(group, k, at, mine)


_ID = operator.attrgetter("id")


def _restated(goals: _Group[Goal]) -> Iterator[Finding]:
    """A goal stated again in its plan (:func:`restated` reads the goals without their
    paths; a path is made for a goal reported)."""
    sketches = [goals.sketch(k) for k in range(len(goals.items))]
    index = {id(e): k for k, e in enumerate(sketches)}
    for sketch, before in restated(sketches):
        k = index[id(sketch)]
        again, was, goal = goals.entry(k), goals.entry(index[id(before)]), goals.items[k]
        yield _finding(
            again,
            "identity.restated",
            Severity.INFO,
            f"目标“{goal.indicator.name}{goal.figure.text}”在{was.path}已提出，此处为重述，"
            "汇总时只计一次",
            expected=was.path,
            actual=again.path,
        )


def _identity(
    group: _Group[Project], k: int, at: int, mine: dict[tuple[int, str], int]
) -> Iterator[Finding]:
    """The finding of the ``k``-th project, whose id the ``at``-th had first: a
    duplicate when its plan listed the id before, else a conflict when the two records
    disagree."""
    p = group.items[k]
    plan = group.plan(k)
    if group.plan(at) is plan:
        own: int | None = at
    else:
        own = mine.setdefault((id(plan), p.id), k)
        if own == k:
            own = None  # the first time in this plan
    if own is not None:
        entry, seen = group.entry(k), group.entry(own)
        yield _finding(
            entry,
            "identity.duplicate",
            Severity.ERROR,
            f"项目编号“{p.id}”重复（首次见于{seen.path}）",
            path=f"{entry.path}.id",
            expected=seen.path,
            actual=entry.path,
        )
        return
    other = group.items[at]
    if other == p:
        return  # written alike, where it is written too
    if differ := _differences(other, p):
        seen = group.entry(at)
        yield _finding(
            group.entry(k),
            "identity.conflict",
            Severity.ERROR,
            f"项目“{p.id}”在{seen.plan.id}:{seen.path}另有记载，两处的{'、'.join(differ)}不一致",
            expected=other,
            actual=p,
        )


# -- funding ----------------------------------------------------------------------------------


def check_funding(scope: Scope) -> Iterator[Finding]:
    """No funding line is negative, and each project's money shrinks along its stages:
    planned ≥ allocated ≥ received ≥ spent (only the stages it has are compared, and
    two stages only where both state their money in one and the same currency: money
    in two currencies is never compared without a rate)."""
    group = scope._group(Project)
    for k, p in enumerate(group.items):
        lines = p.funding
        if lines and not _funding_fine(lines):
            yield from _funding(group, k)


_STAGE_RANK = {stage: rank for rank, stage in enumerate(FundingStage)}


def _funding_fine(lines: tuple[Funding, ...]) -> bool:
    """Whether a project's funding lines are surely fine, read the fast way: no amount
    negative, and, where every line is in one unit, the magnitudes of each stage, added
    as Decimals, shrink along the stages.  False when they are not, or when the lines
    are in more than one unit (the general way decides)."""
    first = lines[0]
    unit = first.amount.unit
    stage = first.stage
    one_stage = True
    for f in lines:
        amount = f.amount
        if amount.magnitude < _ZERO or (amount.unit != unit):
            return False
        if f.stage is not stage:
            one_stage = False
    if one_stage:
        return True
    sums: list[Decimal | None] = [None] * len(_STAGE_RANK)
    add = EXACT.add
    for f in lines:
        rank = _STAGE_RANK[f.stage]
        before = sums[rank]
        sums[rank] = f.amount.magnitude if before is None else add(before, f.amount.magnitude)
    last: Decimal | None = None
    for found in sums:
        if found is not None:
            if last is not None and found > last:
                return False
            last = found
    return True


def _funding(group: _Group[Project], k: int) -> Iterator[Finding]:
    """The findings of the funding lines of the ``k``-th project, read the general way."""
    p = group.items[k]
    lines = p.funding
    first = lines[0].stage
    stages = {first}
    for j, f in enumerate(lines):
        if f.stage is not first:
            stages.add(f.stage)
        if f.amount.magnitude < 0:
            entry = group.entry(k)
            yield _finding(
                entry,
                "funding.negative",
                Severity.ERROR,
                f"经费{f.amount}为负数",
                path=f"{entry.path}.funding[{j}].amount",
                actual=f.amount,
            )
    if len(stages) < 2:
        return
    # compare exact sums in the base unit first; amounts are made only to report
    base: dict[FundingStage, Decimal] = dict.fromkeys(stages, _ZERO)
    currencies: dict[FundingStage, set[str]] = {s: set() for s in stages}
    for f in lines:
        base[f.stage] = EXACT.add(base[f.stage], _canonical(f.amount))
        currencies[f.stage].add(f.amount.dimension)
    order = [s for s in FundingStage if s in stages]
    for early, late in itertools.pairwise(order):
        if (
            len(currencies[early]) == 1
            and currencies[late] == currencies[early]
            and base[late] > base[early]
        ):
            before = total([f.amount for f in lines if f.stage is early])
            after = total([f.amount for f in lines if f.stage is late])
            entry = group.entry(k)
            yield _finding(
                entry,
                "funding.stages",
                Severity.ERROR,
                f"{late.chinese}经费{after}多于{early.chinese}经费{before}",
                path=f"{entry.path}.funding",
                expected=before,
                actual=after,
            )
