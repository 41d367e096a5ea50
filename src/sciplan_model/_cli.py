"""The ``sciplan`` command (also ``python -m sciplan_model``).

For now it has two subcommands: ``demo`` shows what the library makes of figures from
real plans, and ``parse`` reads figures given on the command line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from ._table import table
from .errors import SciplanError, UnitMismatchError
from .figure import Figure
from .quantity import Quantity, total

# Figures as written in the three seed plans (篇1–篇3 of work-plans-1-3.txt), and the
# shapes DOMAIN.md lists; the demo reads each one.
DEMO_FIGURES = (
    "159。3万元",
    "4。5万亩",
    "５。６万人次",
    "２１００个",
    "至少2期以上",
    "20个课时",
    "一至二门",
    "52。6万册(份)",
    "600余家",
    "2万余人次",
    "近5.5亿元",
    "约100人左右",
    "力争突破1500件",
    "3～5亿元",
    "20xx万元",
)

# 篇3, "十五" review, item 3: projects won by level, with their funding.  The statement
# stands at code points [2406, 2468) of work-plans-1-3.txt; these are its figures.
DEMO_STATEMENT_SOURCE = ("work-plans-1-3.txt", 2406, 2468)
DEMO_STATEMENT = (
    ("国列", "5项", "11万元"),
    ("省列", "24项", "97万元"),
    ("市列", "7项", "51。3万元"),
)
DEMO_STATEMENT_TOTAL = ("36项", "159。3万元")


def _figure_row(text: str) -> list[str]:
    f = Figure.parse(text)
    value = "unknown" if f.value is None else str(f.value.magnitude)
    if f.upper is not None:
        value += f" .. {f.upper.magnitude}"
    return [
        text,
        value,
        f.unit,
        f.qualifier.name + (" (aspiration)" if f.aspirational else ""),
        str(f.range),
    ]


def demo() -> str:
    """The text ``sciplan demo`` prints."""
    out = [
        f"sciplan_model {__version__}: figures as Chinese work plans write them",
        "",
        table(
            ["written", "value", "unit", "qualifier", "range"],
            [_figure_row(t) for t in DEMO_FIGURES],
        ),
        "",
    ]
    name, start, end = DEMO_STATEMENT_SOURCE
    counts = [Quantity.parse(c) for _, c, _ in DEMO_STATEMENT]
    money = [Quantity.parse(m) for _, _, m in DEMO_STATEMENT]
    count_sum, money_sum = total(counts), total(money)
    stated_count, stated_money = (Quantity.parse(t) for t in DEMO_STATEMENT_TOTAL)
    rows = [
        [level, str(c), str(m)]
        for (level, _, _), c, m in zip(DEMO_STATEMENT, counts, money, strict=True)
    ]
    rows.append(["sum of parts", str(count_sum), str(money_sum)])
    rows.append(["stated total", str(stated_count), str(stated_money)])
    checks = []
    for stated, parts_, found in (
        (stated_count, counts, count_sum),
        (stated_money, money, money_sum),
    ):
        sign = "=" if found == stated else "≠"
        checks.append(f"{stated} {sign} {' + '.join(str(p) for p in parts_)}")
    adds_up = count_sum == stated_count and money_sum == stated_money
    verdict = "the parts add up exactly" if adds_up else "the parts do NOT add up"
    parts = "，".join(f"{level}{c}、{m}" for level, c, m in DEMO_STATEMENT)
    out += [
        "A county's review of its “十五” period states the projects it won, and their",
        "funding, as a total with parts (a “共…其中…” statement; its figures as written,",
        "the words between them shortened):",
        "",
        f"  共…{DEMO_STATEMENT_TOTAL[0]}，经费{DEMO_STATEMENT_TOTAL[1]}，其中：{parts}",
        "",
        f"(from plan 篇3 of the project's seed documents, {name}, characters {start}–{end})",
        "",
        table(["level", "projects", "funding"], rows),
        "",
        f"{checks[0]} and {checks[1]}: {verdict}.",
        f"In 元: {money_sum.to('元')}; compact again: {money_sum.to('元').compact()}.",
        f"1亿元 + 1万元 = {Quantity.parse('1亿元') + Quantity.parse('1万元')}",
        "Sum of qualified figures 600余家 + 30家 + 约100家 = "
        f"{sum(Figure.parse(t).range for t in ('600余家', '30家', '约100家'))}",
    ]
    try:
        Quantity.parse("5项") + Quantity.parse("3人次")
    except UnitMismatchError as e:
        out.append(f"5项 + 3人次 is refused: {e}")
    return "\n".join(out)


def _parse_command(texts: Sequence[str]) -> tuple[str, list[str]]:
    """The table of the figures that could be read, and an error line for each other."""
    rows, problems = [], []
    for text in texts:
        try:
            rows.append(_figure_row(text))
        except SciplanError as e:
            problems.append(f"sciplan: error: {e}")
    out = table(["written", "value", "unit", "qualifier", "range"], rows) if rows else ""
    return out, problems


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit status."""
    parser = argparse.ArgumentParser(
        prog="sciplan",
        description="Exact, unit-aware figures for Chinese S&T work plans.",
        epilog="examples:\n  sciplan demo\n  sciplan parse 159.3万元 2万人次以上 600余家",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sciplan {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="show what the library makes of figures from real plans")
    p = sub.add_parser(
        "parse",
        help="read figures as written and show value, unit, qualifier and range",
        epilog="example:\n  sciplan parse 159.3万元 近5.5亿元 20xx万元",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("text", nargs="+", help="a figure as written, such as 2万人次以上")
    args = parser.parse_args(argv)
    if args.command == "demo":
        print(demo())
        return 0
    text, problems = _parse_command(args.text)
    if text:
        print(text)
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
