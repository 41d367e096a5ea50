"""Issue 10, what an audit of the first fixes found: plans the classes accept but the
loader refuses (ids, amounts made by arithmetic), a document whose objects do not fit in
memory, Ctrl-C while the package is imported, a report written over its own plan, and
file names too long for a temporary name beside them."""

from __future__ import annotations

import runpy
import subprocess
import sys
import types
from decimal import Decimal
from pathlib import Path

import pytest

from sciplan_model import (
    Figure,
    Funding,
    FundingSource,
    InvalidValueError,
    Money,
    Plan,
    PlanKind,
    PlanLoadError,
    Project,
    Section,
    Task,
    dump,
    dumps,
    examples,
    load,
    loads,
    total,
)
from sciplan_model import _cli as cli


def _plan(*items: object) -> Plan:
    return Plan(id="p", title="t", kind=PlanKind.ANNUAL, sections=[Section(items=list(items))])


@pytest.mark.parametrize(
    ("plan", "said"),
    [
        (_plan(Task(title="t", projects=["nope"])), "no project with id 'nope'"),
        (_plan(Project(id="a", name="n"), Project(id="a", name="m")), "duplicate project id"),
        (_plan(Project(id="a", name="n", related=["b"])), "no project with id 'b'"),
    ],
)
def test_a_plan_whose_ids_the_loader_refuses_is_never_written(
    plan: Plan, said: str, tmp_path: Path
) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(InvalidValueError, match=said):
        dumps(plan)
    for name in ("plan.json", "plan.toml"):
        with pytest.raises(InvalidValueError, match=said):
            dump(plan, tmp_path / name)
    assert target.read_text(encoding="utf-8") == "old"


def test_an_amount_made_by_arithmetic_past_what_a_document_holds_is_never_written() -> None:
    fine = total([Money("0.1234567890123456789012345678", "元"), Money("100", "万元")])
    plan = _plan(
        Project(id="a", name="n", funding=[Funding(amount=fine, source=FundingSource.NATIONAL)])
    )
    with pytest.raises(InvalidValueError, match="more than 28 significant digits"):
        dumps(plan)


@pytest.mark.parametrize(
    "value",
    [
        Money("0.001", "元") * Decimal("1E-27"),
        Money(Decimal("9E+27"), "元") * Decimal("1E+10"),
        total([Money("0.1234567890123456789012345678", "元"), Money("100", "万元")]),
    ],
)
def test_a_figure_refuses_a_value_it_could_not_print_and_read_back(value: Money) -> None:
    with pytest.raises(InvalidValueError, match="figure"):
        Figure(value)


@pytest.mark.parametrize("step", ["_one_pass", "_from_data_detailed"])
def test_a_document_too_large_for_memory_is_a_load_error(
    monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """Memory running out in the one-pass reading or in the detailed one is a load
    error of the library's own type."""
    import sciplan_model.serialize as serialize

    def no_memory(*_: object, **__: object) -> object:
        raise MemoryError

    monkeypatch.setattr(serialize, step, no_memory)
    with pytest.raises(PlanLoadError, match="too large to read in memory"):
        loads('{"schema_version": 1}')


def test_a_document_too_large_for_memory_in_a_real_process(tmp_path: Path) -> None:
    """Millions of tiny arrays cost some 40 times the text as objects: with the memory
    the process may have capped, the loader says so in one error."""
    script = tmp_path / "hostile.py"
    script.write_text(
        "import resource\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1_200_000_000, 1_200_000_000))\n"
        "from sciplan_model import loads, PlanLoadError\n"
        'item = \'{"type":"note","title":"t","junk":\' + \'[\' * 60 + \']\' * 60 + \'}\'\n'
        'text = (\'{"schema_version":1,"id":"p","title":"t","kind":"annual",'
        "\"sections\":[{\"items\":[' + ','.join([item] * 300_000) + ']}]}')\n"
        "try:\n    loads(text)\nexcept PlanLoadError as e:\n    print(e.problems[0].message)\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False
    )
    assert "Traceback" not in done.stderr
    assert "too large to read in memory" in done.stdout


def test_ctrl_c_while_the_package_is_imported_is_one_line_and_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Interrupted(types.ModuleType):
        def __getattr__(self, name: str) -> object:
            raise KeyboardInterrupt

    monkeypatch.setitem(sys.modules, "sciplan_model._cli", Interrupted("sciplan_model._cli"))
    with pytest.raises(SystemExit) as ended:
        runpy.run_module("sciplan_model.__main__", run_name="__main__")
    assert ended.value.code == 130
    assert capsys.readouterr().err == "sciplan: interrupted\n"


@pytest.mark.parametrize("page", ["plan.json", "report.txt"])
def test_a_report_page_never_replaces_a_plan_or_takes_another_kind_of_name(
    page: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.json"
    dump(examples.load("篇3"), plan)
    before = plan.read_bytes()
    assert cli.main(["report", str(plan), "--html", str(tmp_path / page)]) == cli.EXIT_UNUSABLE
    assert plan.read_bytes() == before
    assert not (tmp_path / "report.txt").exists()
    assert capsys.readouterr().err.count("\n") == 1


def test_a_long_file_name_that_fits_is_saved(tmp_path: Path) -> None:
    name = "科" * 80 + ".json"  # 245 bytes: a name the file system takes, with no room
    assert len(name.encode()) <= 255  # for 14 more bytes of a temporary name
    dump(examples.load("篇1"), tmp_path / name)
    assert load(tmp_path / name) == examples.load("篇1")
    assert [p.name for p in tmp_path.iterdir()] == [name]
