"""The ``sciplan`` command (also ``python -m sciplan_model``): validate, report, roll up,
read plans from their text, read figures, print the JSON Schema, convert between JSON and
TOML, and a demo.

Plans are read from JSON and TOML files, and from a plan's own text (``.txt``, ``.md``,
``.docx``) through :func:`~sciplan_model.extract.read_plan_file`; findings in a plan read
from text say ``file:line:column``.

Exit status: 0 when all went well (for ``validate``: no error finding), 1 when a plan
has errors or a figure cannot be read, 2 when the input cannot be used (a file missing,
not a plan, a bad option), 130 when interrupted (Ctrl-C).  Problems are one line each on
standard error, never a traceback.  Output is written in the encoding of the terminal
(or of the file it is redirected to); files are written in UTF-8, atomically.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import csv
import datetime
import functools
import io
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs
import tomli_w

from . import __version__, examples
from ._combine import Combined, combine
from ._console import terminal_streams
from ._display import text_cell
from ._exact import fmt
from ._files import write_atomically
from ._rollup import Rollup, _show, rollup
from ._sheets import SPREADSHEETS, ProjectSheet, read_projects
from ._summary import summarize
from ._table import table
from ._textfile import SUFFIXES
from .codes import FundingStage, PlanKind
from .errors import (
    DocumentReadError,
    InvalidValueError,
    PlanLoadError,
    SciplanError,
    SheetReadError,
    UnitMismatchError,
)
from .extract import Draft, read_plan_file
from .figure import Figure, Range
from .model import Achievement, Breakdown, Goal, Plan
from .quantity import Quantity
from .schema import json_schema
from .serialize import dump, dumps, load, to_data
from .units import unit_info
from .validation import Finding, Report, validate

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
#: Ctrl-C: 128 + SIGINT, as shells report a command a signal ended.
EXIT_INTERRUPTED = 130
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


@attrs.frozen
class _Input:
    """A plan file as named on the command line, and the plan read from it; for a plan
    read from its text, the draft too (whose sources name the file by ``draft.document``)."""

    path: str
    plan: Plan
    draft: Draft | None = None


#: Suffixes of plan documents.  A plan's text (SUFFIXES) goes to the reader, and so do
#: old Word and WPS files, which it refuses saying what to do about them.
_DOCUMENTS = (".json", ".toml")
_OLD_WORD = (".doc", ".wps")
_ACCEPTED = ", ".join((*_DOCUMENTS, *SUFFIXES))


def _load_plans(paths: Sequence[str]) -> list[_Input]:
    """Every plan file, or _Unusable naming the first that cannot be used.  Several
    files show their progress on a terminal."""
    inputs = []
    show = len(paths) > 1 and sys.stderr.isatty()
    try:
        for k, path in enumerate(paths, 1):
            if show:  # \x1b[K clears what a longer name left on the line
                print(f"\r\x1b[K读取 {k}/{len(paths)}: {path}", end="", file=sys.stderr, flush=True)
            inputs.append(_load_one(path))
    finally:
        if show:  # an error starts a line of its own
            print(file=sys.stderr)
    return _distinct(inputs)


def _distinct(inputs: list[_Input]) -> list[_Input]:
    """The inputs, a file given twice once; drafts of different files with one name
    (2024/计划.docx and 2025/计划.docx) get ids of their own (计划, 计划-2), so that
    neither is taken for the other.  A plan document keeps its own id."""
    ids: set[str] = set()
    paths: set[Path] = set()
    out = []
    for given in inputs:
        path = Path(given.path).resolve()
        if path in paths:
            continue
        plan = given.plan
        if given.draft is not None and plan.id in ids:
            n = 2
            while f"{plan.id}-{n}" in ids:
                n += 1
            given = attrs.evolve(given, plan=attrs.evolve(plan, id=f"{plan.id}-{n}"))
        ids.add(given.plan.id)
        paths.add(path)
        out.append(given)
    return out


def _load_one(path: str) -> _Input:
    suffix = Path(path).suffix.lower()
    if suffix in SUFFIXES or suffix in _OLD_WORD:
        draft = _read_text(path)
        return _Input(path, draft.plan, draft)
    if suffix not in _DOCUMENTS:
        what = f"a file of unknown kind {suffix!r}" if suffix else "a file without a suffix"
        raise _Unusable(f"cannot read {path}: {what}; accepted are {_ACCEPTED}")
    return _Input(path, _load_document(path))


def _read_text(path: str) -> Draft:
    """The draft of a plan's text file; a file that cannot be read is one line."""
    try:
        return read_plan_file(path)
    except SciplanError as e:  # DocumentReadError says "cannot read PATH: why"
        message = str(e) if isinstance(e, DocumentReadError) else f"cannot read {path}: {e}"
        raise _Unusable(message.splitlines()[0]) from None


def _load_document(path: str) -> Plan:
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


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _write(path: str | Path, text: str) -> None:
    """Write a file the command makes, all or nothing; a failure is one line."""
    try:
        write_atomically(path, text)
    except OSError as e:
        raise _Unusable(f"{path}: cannot be written: {e.strerror or e}") from None
    except SciplanError as e:
        raise _Unusable(f"{path}: {e}") from None


def _workbook_target(args: argparse.Namespace) -> str | None:
    """The workbook ``--format xlsx -o FILE`` asks for (None for another format); the
    problems of the name before any plan is read."""
    if args.format != "xlsx":
        if args.output is not None:
            raise _Unusable(f"-o {args.output}: a file is written for --format xlsx only")
        return None
    if args.output is None:
        raise _Unusable("--format xlsx needs -o FILE.xlsx, the workbook to write")
    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        raise _Unusable(f"{args.output}: a workbook's name must end in .xlsx")
    if any(_same_file(out, Path(f)) for f in args.files):
        raise _Unusable(f"{args.output}: is one of the plans read; it would be replaced")
    return str(args.output)


def _write_workbook(path: str, write: Callable[[str], None]) -> None:
    """Write a workbook the command makes, all or nothing; a failure is one line."""
    try:
        write(path)
    except ImportError as e:
        raise _Unusable(str(e)) from None
    except OSError as e:
        raise _Unusable(f"{path}: cannot be written: {e.strerror or e}") from None
    except SciplanError as e:
        raise _Unusable(f"{path}: {e}") from None
    print(f"wrote {path}", file=sys.stderr)


def _document(text: str) -> None:
    """A document (JSON, TOML, CSV) on standard output: in UTF-8 when the output goes to
    a file or a pipe, as files are written, so that ``> plan.json`` is a plan whatever the
    locale; on a terminal in the terminal's encoding, to be read."""
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None or out.isatty() or codecs.lookup(out.encoding or "utf-8").name == "utf-8":
        out.write(text)
        out.flush()
        return
    out.flush()
    buffer.write(text.encode("utf-8", "surrogateescape"))
    buffer.flush()


# -- the commands --------------------------------------------------------------------------


def _validate(args: argparse.Namespace) -> int:
    workbook = _workbook_target(args)
    inputs = _load_plans(args.files)
    report = validate([i.plan for i in inputs])
    if workbook is not None:  # written whatever the findings; the status says them
        _write_workbook(workbook, report.to_excel)
    elif args.format == "json":
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
                    "expected": text_cell(f.expected),
                    "actual": text_cell(f.actual),
                    "source": None if f.source is None else attrs.asdict(f.source),
                }
                for f in report.findings
            ],
        }
        _document(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        print(_report_text(report, inputs))
    return EXIT_OK if report.ok else EXIT_FINDINGS


def _report_text(report: Report, inputs: Sequence[_Input]) -> str:
    """The report as a table (today's form, for plans whose findings have no line), or,
    when a finding knows its line, a line a finding as compilers write them, which
    editors and terminals turn into links: ``计划.txt:12:5: 错误 breakdown.sum $.…: 说明``."""
    if not any(f.source is not None and f.source.line is not None for f in report.findings):
        return str(report)
    head = str(report).split("\n", 1)[0]
    return "\n".join([head, *(f"{_where(f, inputs)}: {_said(f)}" for f in report.findings)])


def _said(f: Finding) -> str:
    return f"{f.severity.chinese} {f.code} {f.path}: {f.message}"


def _where(f: Finding, inputs: Sequence[_Input]) -> str:
    """``file:line:column`` of a finding, the file named as on the command line where the
    finding's plan was read from that file's text; else the file its plan came from."""
    given = next((i for i in inputs if i.plan.id == f.plan), None)
    source = f.source
    if source is None or source.line is None:
        return given.path if given is not None else f.plan or "-"
    document = source.document
    if given is not None and given.draft is not None and given.draft.document == document:
        document = given.path
    return f"{document}:{source.line}:{source.column or 1}"


def _stage(text: str) -> FundingStage:
    try:
        return FundingStage.parse(text)
    except SciplanError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _report(args: argparse.Namespace) -> int:
    if args.html:
        out = Path(args.html)
        if out.suffix.lower() not in (".html", ".htm"):
            raise _Unusable(f"{args.html}: the page's name must end in .html or .htm")
        if any(_same_file(out, Path(f)) for f in args.files):
            raise _Unusable(f"{args.html}: is one of the plans read; it would be replaced")
    workbook = _workbook_target(args)
    inputs = _load_plans(args.files)
    given = [i.plan if i.draft is None else attrs.evolve(i.draft, plan=i.plan) for i in inputs]
    summary = summarize(given, stage=args.stage, made=args.date, sources=[i.path for i in inputs])
    if args.html:  # written before anything is printed: a path that fails fails alone
        _write(args.html, summary.to_html())
        print(f"wrote {args.html}", file=sys.stderr)
    if workbook is not None:
        _write_workbook(workbook, summary.to_excel)
        return EXIT_OK
    print(summary.to_markdown() if args.markdown else summary)
    return EXIT_OK


#: Fields most roll-ups group by (any field of the items summed is accepted).
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
    "indicator",
    "section",
)

#: What ``rollup`` sums, with the title of its table and the fields it groups by
#: when ``--by`` is not given.
_ITEMS = {
    "projects": ("项目经费（{stage}）", ("level",)),
    "funding": ("经费条目（{stage}）", ("source",)),
    "goals": ("目标", ("period",)),
    "achievements": ("成果", ("period",)),
    "breakdowns": ("计划所述合计与分项（共…其中…）", ("key",)),
}


def _by(text: str) -> tuple[str, ...]:
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    if len(set(names)) < len(names):
        raise argparse.ArgumentTypeError(f"{text}: a field named twice")
    if not names:
        raise argparse.ArgumentTypeError(f"cannot group by nothing; use {', '.join(_FIELDS)}")
    return names


def _items(text: str) -> tuple[str, ...]:
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    unknown = [n for n in names if n not in _ITEMS]
    if not names or unknown:
        wrong = ", ".join(unknown) or "nothing"
        raise argparse.ArgumentTypeError(f"cannot sum {wrong}; use {', '.join(_ITEMS)}")
    return tuple(dict.fromkeys(names))


def _date(text: str) -> str:
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text}: not a date such as 2026-12-03") from None


def _unit(text: str) -> str:
    try:
        unit_info(text)
    except SciplanError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return text


def _rollup_records(items: str, r: Rollup) -> list[dict[str, Any]]:
    """One record a group: what was summed, the key fields (None where not stated),
    the value as people read it (None where not known), its exact amount or its range's
    ends in ``unit``, whether it is exact, and how many items the group holds."""
    rows = []
    for key, value in r.items():
        parts = key if isinstance(key, tuple) and len(r.by) != 1 else (key,)
        row: dict[str, Any] = {"items": items}
        row.update(
            {
                name: part if part is None or isinstance(part, bool) else _show(part)
                for name, part in zip(r.by, parts, strict=False)
            }
        )
        exact = isinstance(value, Quantity)
        low = high = None
        if isinstance(value, Range):
            low, high = value.low, value.high
        row["value"] = r.said(key) if isinstance(value, Quantity) or value.is_known else None
        row["amount"] = fmt(value.magnitude) if isinstance(value, Quantity) else None
        row["low"] = None if low is None else fmt(low.magnitude)
        row["high"] = None if high is None else fmt(high.magnitude)
        row["unit"] = value.unit
        row["exact"] = exact
        row["count"] = r.count(key)
        rows.append(row)
    return rows


def _rollups(args: argparse.Namespace) -> list[tuple[str, Rollup]]:
    """The roll-ups asked for: of each kind of item named by ``--items``, or else of
    each kind the plans hold; a kind that has none of the ``--by`` fields is left out
    with a note, and when no kind has them, the error lists the fields that exist."""
    combined = combine([i.plan for i in _load_plans(args.files)])
    kinds = args.items or tuple(k for k in _ITEMS if k != "funding" and _holds(combined, k))
    done: list[tuple[str, Rollup]] = []
    refused: list[tuple[str, InvalidValueError]] = []
    for kind in kinds:
        by = args.by or _ITEMS[kind][1]
        options: dict[str, Any] = {"unit": args.unit}
        if kind in ("projects", "funding", "breakdowns"):
            options["stage"] = args.stage
        try:
            done.append((kind, combined.rollup(by, items=kind, **options)))
        except InvalidValueError as e:
            if e.what != "by":
                raise
            refused.append((kind, e))
        except UnitMismatchError:
            if kind in ("projects", "funding") or args.unit is None:
                raise
            # --unit is for money; what is counted otherwise is summed in its own units
            print(
                f"sciplan: note: {kind} summed in their own units, not {args.unit}", file=sys.stderr
            )
            options.pop("unit")
            done.append((kind, combined.rollup(by, items=kind, **options)))
    if refused and not done:
        raise refused[0][1]
    for kind, why in refused:
        print(f"sciplan: note: {kind} left out: {why}", file=sys.stderr)
    return done


def _holds(c: Combined, kind: str) -> bool:
    if kind == "projects":
        return bool(c.entries)
    wanted = {"goals": Goal, "achievements": Achievement, "breakdowns": Breakdown}[kind]
    return any(type(e.item) is wanted for e in c.figures)


def _rollup(args: argparse.Namespace) -> int:
    workbook = _workbook_target(args)
    done = _rollups(args)
    if workbook is not None:
        _write_workbook(workbook, functools.partial(_rollup_workbook, done, args.stage))
        return EXIT_OK
    if args.format == "text":
        if not done:
            print("没有可汇总的内容（计划中没有项目、目标、成果或“共…其中…”的表述）")
        for k, (kind, r) in enumerate(done):
            title = _ITEMS[kind][0].format(stage=args.stage.chinese + "经费")
            print(("\n" if k else "") + f"【{title}】")
            print(r if len(r) else "（无）")
        return EXIT_OK
    rows = [row for kind, r in done for row in _rollup_records(kind, r)]
    if args.format == "json":
        _document(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    keys = dict.fromkeys(name for _, r in done for name in r.by)
    out = io.StringIO()
    writer = csv.DictWriter(
        out,
        fieldnames=["items", *keys, "value", "amount", "low", "high", "unit", "exact", "count"],
        lineterminator="\r\n",
    )
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: "" if v is None else ("yes" if v is True else "no" if v is False else v)
                for k, v in row.items()
            }
        )
    # a byte-order mark first, so that Excel on Chinese Windows reads the file as UTF-8
    _document("\ufeff" + out.getvalue())
    return EXIT_OK


def _rollup_workbook(done: Sequence[tuple[str, Rollup]], stage: FundingStage, path: str) -> None:
    """The roll-ups as a workbook, a sheet each, titled as the text output titles them."""
    from ._report_sheets import rollup_sheet
    from ._workbook import write_workbook

    sheets = [
        rollup_sheet(r, _ITEMS[kind][0].format(stage=stage.chinese + "经费")) for kind, r in done
    ]
    write_workbook(sheets or [rollup_sheet(rollup([]), "汇总")], path)


def _convert(args: argparse.Namespace) -> int:
    plan = _load_one(args.input).plan
    try:
        dump(plan, args.output)
    except OSError as e:
        raise _Unusable(f"{args.output}: cannot be written: {e.strerror or e}") from None
    except SciplanError as e:
        raise _Unusable(f"{args.output}: {e}") from None
    print(f"wrote {args.output}")
    return EXIT_OK


# -- import -------------------------------------------------------------------------------


def _import(args: argparse.Namespace) -> int:
    """A project list read into a plan (made when the file does not exist), which is then
    written and validated: the sheet's own findings (its 合计 rows) and the plan's."""
    target = Path(args.into)
    if target.suffix.lower() not in _DOCUMENTS:
        raise _Unusable(f"{args.into}: the plan is a .json or .toml file")
    try:
        sheet = _read_sheet(args)
    except SheetReadError as e:
        lines = [f"{p.path}: {p.message}" for p in e.problems[:_SHOWN]]
        if len(e.problems) > _SHOWN:
            lines.append(f"and {len(e.problems) - _SHOWN} more problems")
        raise _Unusable(
            "\n  ".join([f"cannot read the projects of {args.file}:", *lines])
        ) from None
    except DocumentReadError as e:
        raise _Unusable(str(e)) from None
    except ImportError as e:
        raise _Unusable(str(e)) from None
    if target.exists():
        plan = _load_one(args.into).plan
    else:
        title = sheet.title or target.stem
        plan = Plan(id=target.stem, title=title, kind=PlanKind.ANNUAL)
    stale = sheet.left_out(plan, args.section)
    plan = sheet.into(plan, args.section, replace=args.replace)
    try:
        dump(plan, target)
    except OSError as e:
        raise _Unusable(f"{args.into}: cannot be written: {e.strerror or e}") from None
    print(f"read {len(sheet)} projects and {len(sheet.totals)} stated totals from {args.file}")
    if stale:
        shown = "、".join(stale[:_SHOWN]) + (
            f" and {len(stale) - _SHOWN} more" if len(stale) > _SHOWN else ""
        )
        if args.replace:
            print(f"took out {len(stale)} projects the list no longer holds: {shown}")
        else:
            print(
                f"warning: {len(stale)} projects of the section are not in the list: {shown} "
                "(kept; --replace takes them out)",
                file=sys.stderr,
            )
    print(f"wrote {args.into}")
    report = Report((*sheet.report.findings, *validate(plan).findings), (plan.id,))
    print(str(report))
    return EXIT_OK if report.ok else EXIT_FINDINGS


def _read_sheet(args: argparse.Namespace) -> ProjectSheet:
    """The sheet ``--sheet`` names: by its name, or else by its number (1 the first)."""

    def read(sheet: str | int | None) -> ProjectSheet:
        columns = dict(args.column)
        return read_projects(
            args.file, sheet=sheet, columns=columns, unit=args.unit, stage=args.stage
        )

    given: str | None = args.sheet
    try:
        return read(given)
    except SheetReadError as e:
        numbered = given is not None and given.isdigit() and int(given) >= 1
        if not (numbered and [p.path for p in e.problems] == ["sheet"]):
            raise
    assert given is not None  # numbered
    return read(int(given) - 1)


def _column(text: str) -> tuple[str, str | None]:
    header, sep, field = _typed(text).partition("=")
    if not sep or not header.strip():
        raise argparse.ArgumentTypeError(f"{text!r}: write HEADER=FIELD, such as 课题=name")
    return header.strip(), field.strip() or None


# -- extract ------------------------------------------------------------------------------


def _extract(args: argparse.Namespace) -> int:
    """Each file read into a draft plan, written out, and summed up; a file that cannot
    be read is one error line and does not stop the others (exit 2 at the end)."""
    targets, form = _targets(args.files, args.output, args.format)
    failed = False
    for path, target in zip(args.files, targets, strict=True):
        try:
            draft = _read_text(path)
        except _Unusable as e:
            print(f"sciplan: error: {e}", file=sys.stderr)
            failed = True
            continue
        text = _plan_text(draft.plan, form)
        if target is None:  # the plan on stdout, what was read beside it on stderr
            _document(text)
            print(draft.describe(path), file=sys.stderr)
            continue
        _write(target, text)
        print(draft.describe(path))
        print(f"wrote {target}")
    return EXIT_UNUSABLE if failed else EXIT_OK


def _targets(
    paths: Sequence[str], output: str | None, form: str | None
) -> tuple[list[Path | None], str]:
    """Where each file's plan goes (None: stdout) and in which format; the problems of
    the options are found before any file is read.

    One file: ``-o`` names the file (its suffix says JSON or TOML), or a folder when it is
    one or ends in a slash; without ``-o`` the plan goes to stdout.  Several files: ``-o``
    names a folder (made when missing) that gets ``<stem>.json`` (``.toml``) for each."""
    if output is None:
        if len(paths) > 1:
            raise _Unusable("several files need -o FOLDER to write their plans into")
        return [None], form or "json"
    out = Path(output)
    folder = len(paths) > 1 or out.is_dir() or output.endswith(("/", os.sep))
    if not folder:
        suffix = out.suffix.lower()
        if suffix not in _DOCUMENTS:
            raise _Unusable(f"{output}: a plan is written to a .json or .toml file, or a folder")
        if form is not None and suffix != f".{form}":
            raise _Unusable(f"{output}: the name ends in {suffix} but --format is {form}")
        return [out], suffix[1:]
    if out.exists() and not out.is_dir():
        raise _Unusable(f"{output}: not a folder; several plans are written into a folder")
    form = form or "json"
    targets: dict[Path, str] = {}
    for path in paths:
        target = out / f"{Path(path).stem}.{form}"
        if target in targets:
            raise _Unusable(f"{targets[target]} and {path} would both be written to {target}")
        targets[target] = path
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _Unusable(f"{output}: cannot be made: {e.strerror or e}") from None
    return list(targets), form


def _plan_text(plan: Plan, form: str) -> str:
    if form == "toml":
        return str(tomli_w.dumps(to_data(plan)))
    return dumps(plan) + "\n"


def _typed(argument: str) -> str:
    """An argument as typed: in a locale that is not UTF-8 (LC_ALL=C without UTF-8 mode)
    Python reads 余 from a UTF-8 terminal as surrogate escapes of its bytes; read them as
    UTF-8 again.  (File names stay as Python gives them: open() needs those.)"""
    try:
        return os.fsencode(argument).decode("utf-8")
    except UnicodeError:
        return argument


def _schema(_: argparse.Namespace) -> int:
    _document(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _parse(args: argparse.Namespace) -> int:
    text, problems = _parse_command([_typed(t) for t in args.text])
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
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a plan as .json or .toml, or a plan's text as .txt, .md or .docx",
    )


def _stage_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--stage",
        type=_stage,
        default=FundingStage.ALLOCATED,
        help="the funding stage whose money is summed: 计划, 下达 (the default), 到位, 支出",
    )


def _workbook_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE.xlsx",
        help="the workbook --format xlsx writes (replaced all or nothing)",
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
            "  sciplan validate 计划.docx\n"
            "  sciplan extract 计划.docx -o 计划.json\n"
            "  sciplan report county-a.json county-b.json --html report.html\n"
            "  sciplan rollup plans/*.json --by level,year --format csv\n"
            "  sciplan parse 159.3万元 2万人次以上 600余家\n\n"
            "exit status: 0 all well, 1 errors found in a plan (or a figure unread),\n"
            "2 input that cannot be used (a file missing, not a plan, a bad option),\n"
            "130 interrupted (Ctrl-C)"
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
    p.add_argument(
        "--format",
        choices=("text", "json", "xlsx"),
        default="text",
        help="xlsx writes the findings as a workbook, to -o FILE.xlsx",
    )
    _workbook_option(p)
    p.set_defaults(run=_validate)
    p = command(
        "report",
        "the plans' report: header, goals (确保/力争) against results, achievements, "
        "共…其中 statements, money, validation and outline (several files are "
        "rolled up together, one column a plan)",
        "sciplan report plan.json --html report.html",
    )
    _files(p)
    p.add_argument(
        "--html",
        metavar="OUT.html",
        help="also write the report as one HTML page (charts, print layout for A4)",
    )
    p.add_argument("--markdown", action="store_true", help="print the report as Markdown")
    p.add_argument(
        "--format",
        choices=("text", "xlsx"),
        default="text",
        help="xlsx writes the report's tables as a workbook, to -o FILE.xlsx, instead of "
        "printing the report",
    )
    _workbook_option(p)
    p.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the date the report is made on (default: today)",
    )
    _stage_option(p)
    p.set_defaults(run=_report)
    p = command(
        "rollup",
        "sum what the plans hold by fields: projects' money, goals and achievements "
        "(indicator by indicator), the parts of their 共…其中 statements (a project or "
        "figure met in several files is counted once)",
        "sciplan rollup a.json b.json --by level,year --format csv > 汇总.csv",
    )
    _files(p)
    p.add_argument(
        "--items",
        type=_items,
        metavar="KINDS",
        help=f"what to sum, comma-separated: {', '.join(_ITEMS)} (default: each kind "
        "the plans hold, but funding lines)",
    )
    p.add_argument(
        "--by",
        type=_by,
        help=f"fields, comma-separated, such as {', '.join(_FIELDS)} (default: projects "
        "by level, goals and achievements by indicator and period, statements by "
        "subject and part (its level or category); goals and achievements are always grouped by indicator)",
    )
    p.add_argument(
        "--format",
        choices=("text", "csv", "json", "xlsx"),
        default="text",
        help="csv is UTF-8 with a byte-order mark, which Excel on Chinese Windows needs; "
        "values not known are empty cells in csv and null in json; xlsx writes a "
        "workbook, a sheet each kind summed, to -o FILE.xlsx",
    )
    _workbook_option(p)
    _stage_option(p)
    p.add_argument("--unit", type=_unit, help="express the sums in this unit, such as 万元")
    p.set_defaults(run=_rollup)
    p = command(
        "extract",
        "read plans from their text (.txt, .md, .docx) into draft plans; say what was found "
        "and which figures could not be placed",
        "sciplan extract 计划.docx -o 计划.json",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="a plan's text: .txt, .md or .docx")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="the plan's file (.json or .toml); with several files, a folder that gets "
        "one <stem>.json each (default: the plan on stdout)",
    )
    p.add_argument(
        "--format",
        choices=("json", "toml"),
        help="the plans' format (default: by the suffix of OUT, else json)",
    )
    p.set_defaults(run=_extract)
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
        "convert a plan between JSON and TOML (by suffix); a plan's text is read as "
        "extract reads it",
        "sciplan convert plan.json plan.toml",
    )
    p.add_argument("input", metavar="IN")
    p.add_argument("output", metavar="OUT")
    p.set_defaults(run=_convert)
    p = command(
        "import",
        "read a project list (.xlsx, .xls, .ods, .csv) into a plan, made when it does not "
        "exist, and validate it: every 合计 row is checked against the rows above it",
        "sciplan import 项目清单.xlsx --into plan.json --section 三",
    )
    p.add_argument("file", metavar="FILE", help="the project list: " + ", ".join(SPREADSHEETS))
    p.add_argument("--into", required=True, metavar="PLAN", help="the plan (.json or .toml)")
    p.add_argument(
        "--section",
        metavar="LABEL",
        help="the section (its label or title) the projects go into; made when missing "
        "(default: a section named by the sheet's title); projects whose id the plan has "
        "already are replaced where they stand",
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="take out the projects of the section that the list does not hold (a newer "
        "list replaces the one imported before); without it they are kept, with a warning",
    )
    p.add_argument(
        "--sheet",
        help="the sheet's name, or else its number (1 the first; default: the first sheet "
        "with projects)",
    )
    p.add_argument(
        "--column",
        type=_column,
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="read a header the library does not know as a field (id, name, programme, "
        "level, status, year, period, undertaker, region, source, related) or a known "
        "header (下达经费); "
        "HEADER= leaves the column unread; may be given again",
    )
    p.add_argument(
        "--unit", type=_unit, help="the unit of money columns that say none, such as 万元"
    )
    p.add_argument(
        "--stage",
        type=_stage,
        help="the stage of money columns whose header names none (经费, 资金): 计划, "
        "下达 (the default), 到位, 支出",
    )
    p.set_defaults(run=_import)
    p = command(
        "demo",
        "show figures as plans write them, the report of the bundled plan 篇3, and the "
        "finding one edited figure produces",
        "sciplan demo",
    )
    p.set_defaults(run=lambda _: print(demo()) or EXIT_OK)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit status.  Output is written in the streams' own
    encoding, a character it lacks as a plain stand-in; Ctrl-C ends the command with one
    line and status 130."""
    with terminal_streams():
        try:
            return _main(argv)
        except KeyboardInterrupt:
            with contextlib.suppress(Exception, KeyboardInterrupt):
                print("sciplan: interrupted", file=sys.stderr, flush=True)
            return EXIT_INTERRUPTED


def _main(argv: Sequence[str] | None) -> int:
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
