"""The ``sciplan`` command (also ``python -m sciplan_model``): validate, report, roll up,
read figures, print the JSON Schema, convert between JSON and TOML, and a demo.

Exit status: 0 when all went well (for ``validate``: no error finding), 1 when a plan
has errors or a figure cannot be read, 2 when the input cannot be used (a file missing,
not a plan, a bad option).  Problems are one line each on standard error, never a
traceback.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from . import __version__, examples
from ._combine import combine
from ._display import _text_cell
from ._exact import fmt
from ._rollup import Rollup, _show, _value_text
from ._summary import summarize
from ._table import table
from .codes import FundingStage
from .errors import PlanLoadError, SciplanError
from .figure import Figure
from .model import Breakdown, Plan
from .quantity import Quantity
from .schema import json_schema
from .serialize import dump, load
from .units import unit_info
from .validation import validate

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


# The figure the demo edits in its copy of 篇3: 省列 funding of the "十五" statement.
DEMO_EDIT = ("97万元", "98万元")

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
#: The most problems of one file that cannot be loaded printed, one a line.
_SHOWN = 20


class _Unusable(Exception):
    """Input the command cannot use: a one-line message (a line a problem), exit
    status 2."""


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


# -- reading plan files ------------------------------------------------------------------


def _load_plans(paths: Sequence[str]) -> list[Plan]:
    """Every plan file, or _Unusable naming the first that cannot be used.  Several
    files show their progress on a terminal."""
    plans = []
    show = len(paths) > 1 and sys.stderr.isatty()
    try:
        for k, path in enumerate(paths, 1):
            if show:  # \x1b[K clears what a longer name left on the line
                print(f"\r\x1b[K读取 {k}/{len(paths)}: {path}", end="", file=sys.stderr, flush=True)
            plans.append(_load_one(path))
    finally:
        if show:  # an error starts a line of its own
            print(file=sys.stderr)
    return plans


def _load_one(path: str) -> Plan:
    p = Path(path)
    if not p.is_file():
        raise _Unusable(f"{path}: no such file" if not p.exists() else f"{path}: not a file")
    if p.stat().st_size == 0:
        raise _Unusable(f"{path}: an empty file, not a plan")
    try:
        return load(p)
    except PlanLoadError as e:
        shown = e.problems[:_SHOWN]
        lines = [f"{path}: not a plan: {p}" for p in shown]
        if len(e.problems) > _SHOWN:
            lines.append(f"{path}: and {len(e.problems) - _SHOWN} more problems")
        raise _Unusable("\nsciplan: error: ".join(lines)) from None
    except OSError as e:
        raise _Unusable(f"{path}: cannot be read: {e.strerror or e}") from None
    except SciplanError as e:
        raise _Unusable(f"{path}: {e}") from None


# -- the commands --------------------------------------------------------------------------


def _validate(args: argparse.Namespace) -> int:
    report = validate(_load_plans(args.files))
    if args.format == "json":
        document = {
            "ok": report.ok,
            "plans": list(report.plans),
            "findings": [
                {
                    "plan": f.plan,
                    "severity": f.severity.value,
                    "code": f.code,
                    "path": f.path,
                    "message": f.message,
                    "expected": _text_cell(f.expected),
                    "actual": _text_cell(f.actual),
                }
                for f in report.findings
            ],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print(report)
    return EXIT_OK if report.ok else EXIT_FINDINGS


def _stage(text: str) -> FundingStage:
    try:
        return FundingStage.parse(text)
    except SciplanError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _report(args: argparse.Namespace) -> int:
    summary = summarize(_load_plans(args.files), stage=args.stage)
    if args.html:  # written before anything is printed: a path that fails fails alone
        out = Path(args.html)
        try:
            out.write_text(summary.to_html(), encoding="utf-8")
        except OSError as e:
            raise _Unusable(f"{args.html}: cannot be written: {e.strerror or e}") from None
        print(f"wrote {args.html}", file=sys.stderr)
    print(summary)
    return EXIT_OK


_FIELDS = (
    "level",
    "source",
    "stage",
    "programme",
    "year",
    "period",
    "status",
    "region",
    "plan.id",
)


def _by(text: str) -> tuple[str, ...]:
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    unknown = [n for n in names if n not in _FIELDS]
    if len(set(names)) < len(names):
        raise argparse.ArgumentTypeError(f"{text}: a field named twice")
    if not names or unknown:
        wrong = ", ".join(unknown) or "nothing"
        raise argparse.ArgumentTypeError(f"cannot group by {wrong}; use {', '.join(_FIELDS)}")
    return names


def _unit(text: str) -> str:
    try:
        unit_info(text)
    except SciplanError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return text


def _rollup_records(r: Rollup) -> list[dict[str, str]]:
    rows = []
    for key, value in r.items():
        parts = key if isinstance(key, tuple) and len(r.by) != 1 else (key,)
        row = {name: _show(part) for name, part in zip(r.by, parts, strict=True)}
        exact = isinstance(value, Quantity)
        row["value"] = _value_text(value)
        row["amount"] = fmt(value.magnitude) if isinstance(value, Quantity) else ""
        row["unit"] = value.unit
        row["exact"] = "yes" if exact else "no"
        row["count"] = str(r.count(key))
        rows.append(row)
    return rows


def _rollup(args: argparse.Namespace) -> int:
    plans = _load_plans(args.files)
    r = combine(plans).rollup(by=args.by, stage=args.stage, unit=args.unit)
    if args.format == "text":
        print(r if len(r) else "没有可汇总的项目（计划中没有列出项目）")
        return EXIT_OK
    rows = _rollup_records(r)
    if args.format == "json":
        typed = [
            {**row, "exact": row["exact"] == "yes", "count": int(row["count"])} for row in rows
        ]
        print(json.dumps(typed, ensure_ascii=False, indent=2))
        return EXIT_OK
    writer = csv.DictWriter(
        sys.stdout,
        fieldnames=[*r.by, "value", "amount", "unit", "exact", "count"],
        lineterminator="\n",
    )
    writer.writeheader()
    writer.writerows(rows)
    return EXIT_OK


def _convert(args: argparse.Namespace) -> int:
    plan = _load_one(args.input)
    try:
        dump(plan, args.output)
    except OSError as e:
        raise _Unusable(f"{args.output}: cannot be written: {e.strerror or e}") from None
    except SciplanError as e:
        raise _Unusable(f"{args.output}: {e}") from None
    print(f"wrote {args.output}")
    return EXIT_OK


def _schema(_: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _parse(args: argparse.Namespace) -> int:
    text, problems = _parse_command(args.text)
    if text:
        print(text)
    for line in problems:
        print(line, file=sys.stderr)
    return EXIT_FINDINGS if problems else EXIT_OK


def demo() -> str:
    """What ``sciplan demo`` prints: figures as plans write them, the report of the
    bundled 篇3 plan, and the finding one edited figure produces."""
    plan = examples.load("篇3")
    edited = _edit(plan, *DEMO_EDIT)
    report = validate(edited)
    out = [
        f"sciplan_model {__version__}: figures as Chinese work plans write them",
        "",
        table(
            ["written", "value", "unit", "qualifier", "range"],
            [_figure_row(t) for t in DEMO_FIGURES],
        ),
        "",
        "── 示例计划 篇3：某县“十五”工作总结、当年工作与“十一五”规划 ──",
        "",
        str(summarize(plan)),
        "",
        f"── 同一计划改动一个数字（{DEMO_EDIT[0]} → {DEMO_EDIT[1]}）后的核对结果 ──",
        "",
        str(report),
    ]
    return "\n".join(out)


def _edit(plan: Plan, old: str, new: str) -> Plan:
    """``plan`` with the first breakdown part written ``old`` written ``new``."""
    for entry in plan.walk(Breakdown):
        b = entry.item
        if not isinstance(b, Breakdown):
            continue
        for k, part in enumerate(b.parts):
            if str(part.figure) == old:
                parts = list(b.parts)
                parts[k] = attrs.evolve(part, figure=Figure.parse(new))
                changed = attrs.evolve(b, parts=parts)
                return _replace(plan, entry.path, changed)
    raise LookupError(f"no breakdown part written {old}")  # pragma: no cover - fixed data


def _replace(plan: Plan, path: str, item: Any) -> Plan:
    """``plan`` with the item at ``path`` ($.sections[i]…items[j]) replaced."""
    steps = [(name, int(k)) for name, k in re.findall(r"\.(sections|items)\[([0-9]+)\]", path)]

    def down(node: Any, rest: list[tuple[str, int]]) -> Any:
        name, k = rest[0]
        children = list(getattr(node, name))
        children[k] = item if len(rest) == 1 else down(children[k], rest[1:])
        return attrs.evolve(node, **{name: children})

    result: Plan = down(plan, steps)
    return result


# -- the parser ----------------------------------------------------------------------------


def _files(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="a plan as .json or .toml")


def _stage_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--stage",
        type=_stage,
        default=FundingStage.ALLOCATED,
        help="the funding stage whose money is summed: 计划, 下达 (the default), 到位, 支出",
    )


def _parser() -> argparse.ArgumentParser:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="sciplan",
        description="Exact, unit-aware figures for Chinese S&T work plans (科技工作计划).",
        epilog=(
            "examples:\n"
            "  sciplan demo\n"
            "  sciplan validate plan.json\n"
            "  sciplan report county-a.json county-b.json --html report.html\n"
            "  sciplan rollup plans/*.json --by level,year --format csv\n"
            "  sciplan parse 159.3万元 2万人次以上 600余家\n\n"
            "exit status: 0 all well, 1 errors found in a plan (or a figure unread),\n"
            "2 input that cannot be used (a file missing, not a plan, a bad option)"
        ),
        formatter_class=raw,
    )
    parser.add_argument("--version", action="version", version=f"sciplan {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str, example: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name, help=help, description=help, epilog=f"example:\n  {example}", formatter_class=raw
        )

    p = command(
        "validate",
        "check every stated total, period, project and funding line; list the findings",
        "sciplan validate plan.json --format json",
    )
    _files(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=_validate)
    p = command(
        "report",
        "the plans' outline, money, goals against results and validation (several "
        "files are rolled up together)",
        "sciplan report plan.json --html report.html",
    )
    _files(p)
    p.add_argument("--html", metavar="OUT.html", help="also write the report as one HTML page")
    _stage_option(p)
    p.set_defaults(run=_report)
    p = command(
        "rollup",
        "sum the projects' money by fields (projects in several files are counted once)",
        "sciplan rollup a.json b.json --by level,year --format csv",
    )
    _files(p)
    p.add_argument(
        "--by", type=_by, default=("level",), help=f"fields, comma-separated: {', '.join(_FIELDS)}"
    )
    p.add_argument("--format", choices=("text", "csv", "json"), default="text")
    _stage_option(p)
    p.add_argument("--unit", type=_unit, help="express the sums in this unit, such as 万元")
    p.set_defaults(run=_rollup)
    p = command(
        "parse",
        "read figures as written and show value, unit, qualifier and range",
        "sciplan parse 159.3万元 近5.5亿元 20xx万元",
    )
    p.add_argument("text", nargs="+", help="a figure as written, such as 2万人次以上")
    p.set_defaults(run=_parse)
    p = command(
        "schema", "print the JSON Schema of a plan document", "sciplan schema > plan.schema.json"
    )
    p.set_defaults(run=_schema)
    p = command(
        "convert",
        "convert a plan between JSON and TOML (by suffix)",
        "sciplan convert plan.json plan.toml",
    )
    p.add_argument("input", metavar="IN")
    p.add_argument("output", metavar="OUT")
    p.set_defaults(run=_convert)
    p = command(
        "demo",
        "show figures as plans write them, the report of the bundled plan 篇3, and the "
        "finding one edited figure produces",
        "sciplan demo",
    )
    p.set_defaults(run=lambda _: print(demo()) or EXIT_OK)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit status."""
    args = _parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except _Unusable as e:
        print(f"sciplan: error: {e}", file=sys.stderr)
        return EXIT_UNUSABLE
    except SciplanError as e:
        print(f"sciplan: error: {e}".splitlines()[0], file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:  # pragma: no cover - output piped into head and closed
        return EXIT_OK
    except OSError as e:  # the output cannot be written (a full disk, /dev/full)
        print(f"sciplan: error: cannot write the output: {e.strerror or e}", file=sys.stderr)
        return EXIT_UNUSABLE
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
