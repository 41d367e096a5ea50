"""Plans the command-line and HTML report tests share: two county plans whose projects
carry money and whose goals have results (so every chart of a report has bars), and the
bundled 篇3 with one figure of a statement edited so that validation finds an error."""

from __future__ import annotations

from typing import Any

import attrs

from sciplan_model import (
    Achievement,
    Breakdown,
    Figure,
    Funding,
    FundingSource,
    Goal,
    Indicator,
    Level,
    Money,
    Plan,
    PlanKind,
    Project,
    Section,
    Year,
    examples,
)

TRAINED = Indicator(name="培训人次", unit="人次")
WON = Indicator(name="科技计划项目", unit="项")
HOUSEHOLDS = Indicator(name="科技示范户", unit="户")


def _money(amount: str, source: str) -> Funding:
    return Funding(amount=Money.parse(amount), source=FundingSource.parse(source))


def county_plans() -> tuple[Plan, Plan]:
    """甲县 (2006: two funded projects, two goals met and missed, one without a result) and
    乙县 (2007: one funded project, a goal met by a result written 1万余人次)."""
    a = Plan(
        id="county-a",
        title="甲县科技工作计划",
        kind=PlanKind.ANNUAL,
        period=Year.parse("2006年"),
        sections=[
            Section(
                label="一、",
                title="项目与目标",
                items=[
                    Project(
                        id="a1",
                        name="设施农业示范",
                        programme="星火计划",
                        level=Level.NATIONAL,
                        year=Year.parse("2006年"),
                        funding=[_money("30万元", "国家"), _money("10万元", "自筹")],
                    ),
                    Project(
                        id="a2",
                        name="马铃薯脱毒种薯繁育",
                        programme="科技攻关",
                        level=Level.PROVINCIAL,
                        year=Year.parse("2006年"),
                        funding=[_money("12.5万元", "省")],
                    ),
                    Goal(indicator=TRAINED, figure=Figure.parse("2万人次")),
                    Achievement(indicator=TRAINED, figure=Figure.parse("2.5万人次")),
                    Goal(indicator=WON, figure=Figure.parse("10项")),
                    Achievement(indicator=WON, figure=Figure.parse("6项")),
                    Goal(indicator=HOUSEHOLDS, figure=Figure.parse("200户")),
                ],
            )
        ],
    )
    b = Plan(
        id="county-b",
        title="乙县科技工作计划",
        kind=PlanKind.ANNUAL,
        period=Year.parse("2007年"),
        sections=[
            Section(
                label="一、",
                title="项目与目标",
                items=[
                    Project(
                        id="b1",
                        name="节水灌溉",
                        level=Level.MUNICIPAL,
                        year=Year.parse("2007年"),
                        funding=[_money("8万元", "市")],
                    ),
                    Goal(indicator=TRAINED, figure=Figure.parse("1万人次以上")),
                    Achievement(indicator=TRAINED, figure=Figure.parse("1万余人次")),
                ],
            )
        ],
    )
    return a, b


def _edit(node: Any, old: str, new: str) -> Any:
    if isinstance(node, Breakdown):
        parts = [
            attrs.evolve(p, figure=Figure.parse(new)) if p.figure.text == old else p
            for p in node.parts
        ]
        return attrs.evolve(node, parts=parts)
    if isinstance(node, Section):
        return attrs.evolve(
            node,
            items=[_edit(i, old, new) for i in node.items],
            sections=[_edit(s, old, new) for s in node.sections],
        )
    return node


def edited_plan_3() -> Plan:
    """篇3 with the 省级 part of its "十五" money statement written 98万元, not 97万元: the
    parts then add up to 160.3万元 against the stated 159.3万元."""
    plan = examples.load("篇3")
    edited = attrs.evolve(plan, sections=[_edit(s, "97万元", "98万元") for s in plan.sections])
    assert edited != plan
    return edited
