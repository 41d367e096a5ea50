"""Tests of the ``sciplan`` command, run as a real process: the console script the package
installs (and ``python -m sciplan_model``), on the bundled plans written to files, on plans
built here, and on files it cannot use.  Exact exit statuses and output lines."""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from report_plans import county_plans, edited_plan_3
from sciplan_model import __version__, dump, examples, load
from sciplan_model._table import table
from sciplan_model.schema import json_schema

Run = subprocess.CompletedProcess[str]

#: A fixed terminal width, so that argparse wraps its usage lines the same everywhere; and
#: warnings as errors, as in the test process.
ENV = {**os.environ, "COLUMNS": "100", "PYTHONWARNINGS": "error"}

COMMANDS = ("validate", "report", "rollup", "parse", "schema", "convert", "demo")


@functools.cache
def sciplan() -> str:
    """The installed console script: beside this Python, or else on PATH."""
    beside = Path(sys.executable).parent / ("sciplan.exe" if os.name == "nt" else "sciplan")
    found = str(beside) if beside.is_file() else shutil.which("sciplan")
    if found is None:
        pytest.fail("the console script `sciplan` is not installed (pip install -e .)")
    return found


def run(*args: str | Path, cwd: Path | None = None, module: bool = False) -> Run:
    """Run ``sciplan ARGS`` (or ``python -m sciplan_model ARGS``) and capture its output."""
    command = [sys.executable, "-m", "sciplan_model"] if module else [sciplan()]
    return subprocess.run(
        [*command, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=ENV,
        check=False,
        timeout=120,
    )


def run_all(argvs: Mapping[str, Sequence[str]], cwd: Path | None = None) -> dict[str, Run]:
    """Several runs side by side (each process mostly waits on its imports)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(run, *argv, cwd=cwd) for name, argv in argvs.items()}
        return {name: f.result() for name, f in futures.items()}


def error(message: str) -> list[str]:
    """Standard error holding only ``message`` as one ``sciplan: error:`` line."""
    return [f"sciplan: error: {message}"]


def no_traceback(result: Run) -> None:
    """Neither stream shows a Python traceback."""
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the seed plans (篇1–篇3 as JSON), 篇3 with an edited figure, and two
    county plans with funded projects and goals; the commands run inside it."""
    folder = tmp_path_factory.mktemp("plans")
    for name in ("篇1", "篇2", "篇3"):
        dump(examples.load(name), folder / f"{name}.json")
    dump(edited_plan_3(), folder / "edited.json")
    a, b = county_plans()
    dump(a, folder / "county-a.json")
    dump(b, folder / "county-b.json")
    return folder


# -- validate ---------------------------------------------------------------------------------


EDITED_FINDINGS = [
    "未通过：1个错误，0个警告，5个提示",
    "级别  代码              位置                                            说明",
    "----  ----------------  ----------------------------------------------  "
    "-----------------------------------------------------------",
    "错误  breakdown.sum     $.sections[0].sections[2].items[3]              "
    "分项之和160.3万元与合计159.3万元不符，相差1万元",
    "提示  period.undecided  $.sections[1]                                   "
    "章节期间“20xx年”或所属期间“2001-2010年”含未知年份，无法核对",
    "提示  period.undecided  $.sections[3]                                   "
    "章节期间“20xx年”或所属期间“2001-2010年”含未知年份，无法核对",
    "提示  period.undecided  $.sections[0].sections[0].sections[2].items[0]  "
    "期间“20xx年”或所属期间“十五”含未知年份，无法核对",
    "提示  period.undecided  $.sections[0].sections[0].sections[2].items[2]  "
    "期间“20xx年”或所属期间“十五”含未知年份，无法核对",
    "提示  period.undecided  $.sections[0].sections[0].sections[2].items[3]  "
    "期间“20xx年”或所属期间“十五”含未知年份，无法核对",
]


def test_validate_clean_plans_exit_zero(plans: Path) -> None:
    """Plans without errors pass (exit 0); information findings are listed but pass too."""
    results = run_all(
        {
            "clean": ["validate", "篇1.json", "篇2.json", "county-a.json", "county-b.json"],
            "infos": ["validate", "篇3.json"],
        },
        cwd=plans,
    )
    clean, with_infos = results["clean"], results["infos"]
    assert (clean.returncode, clean.stdout.splitlines(), clean.stderr) == (
        0,
        ["通过：0个错误，0个警告，0个提示"],
        "",
    )
    assert with_infos.returncode == 0
    assert with_infos.stderr == ""
    assert with_infos.stdout.splitlines()[0] == "通过：0个错误，0个警告，5个提示"
    assert with_infos.stdout.splitlines()[3:] == EDITED_FINDINGS[4:]


def test_validate_a_plan_with_an_error_exits_one(plans: Path) -> None:
    """The edited 篇3 gives exactly its findings table, the breakdown.sum error first; exit 1."""
    result = run("validate", "edited.json", cwd=plans)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == EDITED_FINDINGS


def test_validate_json_format(plans: Path) -> None:
    """--format json: ok, the plans' ids, and each finding's fields; paths not prefixed."""
    result = run("validate", "篇1.json", "edited.json", "--format", "json", cwd=plans)
    assert (result.returncode, result.stderr) == (1, "")
    document = json.loads(result.stdout)
    assert document["ok"] is False
    assert document["plans"] == ["plan1", "plan3"]
    assert len(document["findings"]) == 6
    assert document["findings"][0] == {
        "plan": "plan3",
        "severity": "error",
        "code": "breakdown.sum",
        "path": "$.sections[0].sections[2].items[3]",
        "message": "分项之和160.3万元与合计159.3万元不符，相差1万元",
        "expected": "159.3万元",
        "actual": "160.3万元",
    }
    assert {(f["severity"], f["code"]) for f in document["findings"][1:]} == {
        ("info", "period.undecided")
    }
    assert all(set(f) == set(document["findings"][0]) for f in document["findings"])


def test_validate_several_plans_names_the_plan_of_each_finding(plans: Path) -> None:
    """With several plans, each path in the text table starts with the plan's id."""
    result = run("validate", "篇1.json", "edited.json", cwd=plans)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "未通过：1个错误，0个警告，5个提示"
    assert lines[3].split() == [
        "错误",
        "breakdown.sum",
        "plan3:$.sections[0].sections[2].items[3]",
        "分项之和160.3万元与合计159.3万元不符，相差1万元",
    ]


def test_an_unusable_file_among_plans_is_exit_two_before_any_output(plans: Path) -> None:
    """One missing file among good ones: exit 2, one error line, nothing on stdout."""
    results = run_all(
        {
            "validate": ["validate", "edited.json", "missing.json"],
            "rollup": ["rollup", "missing.json", "篇1.json"],
        },
        cwd=plans,
    )
    for result in results.values():
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr.splitlines() == error("missing.json: no such file")


# -- files that are no plan -------------------------------------------------------------------


#: name -> (the file's bytes, or "missing", or "folder"; the error after "sciplan: error: ")
BAD_FILES: dict[str, tuple[bytes | str, str]] = {
    "missing.json": ("missing", "missing.json: no such file"),
    "empty.json": (b"", "empty.json: an empty file, not a plan"),
    "brace.json": (
        b"{",
        "brace.json: not a plan: $: not JSON: "
        "Expecting property name enclosed in double quotes at line 1 column 2",
    ),
    "object.json": (
        b"{}",
        "\n".join(
            f"sciplan: error: object.json: not a plan: $.{field}: a required field is missing"
            for field in ("schema_version", "id", "title", "kind")
        )[len("sciplan: error: ") :],
    ),
    "version.json": (
        b'{"schema_version": 99, "id": "p", "title": "t", "kind": "annual"}',
        "version.json: not a plan: $.schema_version: unknown schema version 99 "
        "(this library reads 1)",
    ),
    "binary.json": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe",
        "binary.json: not a plan: $: not UTF-8 text: invalid start byte at byte 0",
    ),
    "folder.json": ("folder", "folder.json: not a file"),
    "broken.toml": (
        b"x = \n",
        "broken.toml: not a plan: $: not TOML: Invalid value (at line 1, column 5)",
    ),
    "plan.txt": (
        b"{}",
        "plan.txt: invalid file name: 'plan.txt' ends in neither .json nor .toml",
    ),
}


@pytest.fixture(scope="module")
def bad_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """``sciplan validate`` run on each of BAD_FILES, written to a folder."""
    folder = tmp_path_factory.mktemp("bad")
    for name, (content, _) in BAD_FILES.items():
        if content == "folder":
            (folder / name).mkdir()
        elif isinstance(content, bytes):
            (folder / name).write_bytes(content)
    return run_all({name: ["validate", name] for name in BAD_FILES}, cwd=folder)


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_file_that_is_no_plan_is_one_error_line_and_exit_two(
    bad_runs: dict[str, Run], name: str
) -> None:
    """Missing, empty, broken JSON or TOML, no plan, another schema version, binary, a
    folder, an unknown suffix: exit 2 and one error line a problem, no traceback."""
    result = bad_runs[name]
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == error(BAD_FILES[name][1])[0].splitlines()
    no_traceback(result)


# -- report -----------------------------------------------------------------------------------


def test_report_of_plan_3_and_its_html_page(plans: Path) -> None:
    """The 篇3 report: heading, outline, money statements, goals, validation; --html writes a
    self-contained page with the three charts and says so on standard error."""
    result = run("report", "篇3.json", "--html", "篇3.html", cwd=plans)
    assert (result.returncode, result.stderr) == (0, "wrote 篇3.html\n")
    lines = result.stdout.splitlines()
    assert lines[0] == "科技工作计划 篇3（工作总结，XX县，2001-2010年）"
    assert lines[2] == "一、“十五”期间的科技工作（5条）"
    for heading in (
        "项目下达经费（3个项目）",
        "所列项目均未注明下达经费。",
        "计划所述经费（共…其中…）：",
        "目标与完成情况：",
        "计划中没有可对照的目标。",
        "核对结果：",
        "通过：0个错误，0个警告，5个提示",
    ):
        assert heading in lines
    assert (
        "各级各类科技计划项目经费  十五    159.3万元  国家级11万元、省级97万元、市级51.3万元"
        in lines
    )
    page = (plans / "篇3.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    for chart in ("chart-level", "chart-source", "chart-attainment"):
        assert page.count(f'<svg id="{chart}"') == 1
    assert "<script" not in page
    assert " src=" not in page
    assert " href=" not in page


def test_report_of_two_funded_plans(plans: Path) -> None:
    """Two plans rolled up: money by level, source, programme and year; goals with 完成率."""
    result = run("report", "county-a.json", "county-b.json", cwd=plans)
    assert (result.returncode, result.stderr) == (0, "")
    text = result.stdout
    assert text.startswith(
        "2份计划合并：甲县科技工作计划、乙县科技工作计划\n\n【甲县科技工作计划】\n"
    )
    assert (
        "\n".join(
            [
                "按级别：",
                "级别    数值      项目数",
                "------  --------  ------",
                "国家级  40万元    1",
                "省级    12.5万元  1",
                "市级    8万元     1",
                "合计    60.5万元  3",
            ]
        )
        in text
    )
    for heading in ("项目下达经费（3个项目）", "按资金来源：", "按计划类别：", "按期间："):
        assert f"\n{heading}\n" in text
    assert (
        "\n".join(
            [
                "目标与完成情况：",
                "指标          期间    目标         实际                完成率            判定",
                "------------  ------  -----------  ------------------  ----------------  ------",
                "培训人次      2006年  2万人次      2.5万人次           125.0%            已完成",
                "科技计划项目  2006年  10项         6项                 60.0%             未完成",
                "科技示范户    2006年  200户        无对应结果",
                "培训人次      2007年  1万人次以上  (1万人次, 2万人次)  (100.0%, 200.0%)  已完成",
            ]
        )
        in text
    )
    assert text.endswith("核对结果：\n通过：0个错误，0个警告，0个提示\n")


def test_report_stage_option_and_an_unwritable_html_path(plans: Path) -> None:
    """--stage 支出 shows that stage's money (none here); a bad stage is a usage error (2);
    an --html path that cannot be written is one error line and exit 2."""
    results = run_all(
        {
            "spent": ["report", "county-a.json", "--stage", "支出"],
            "bad stage": ["report", "county-a.json", "--stage", "垃圾"],
            "no folder": ["report", "篇1.json", "--html", "nowhere/report.html"],
        },
        cwd=plans,
    )
    spent = results["spent"]
    assert (spent.returncode, spent.stderr) == (0, "")
    assert "\n项目支出经费（2个项目）\n所列项目均未注明支出经费。\n" in spent.stdout
    bad = results["bad stage"]
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.splitlines() == [
        "usage: sciplan report [-h] [--html OUT.html] [--stage STAGE] FILE [FILE ...]",
        "sciplan report: error: argument --stage: cannot read code '垃圾': a FundingStage "
        "such as 计划、下达、到位、支出 was expected at position 0 ('垃圾')",
    ]
    unwritable = results["no folder"]
    assert unwritable.returncode == 2
    assert unwritable.stderr.splitlines() == error(
        "nowhere/report.html: cannot be written: No such file or directory"
    )
    no_traceback(unwritable)


# -- rollup -----------------------------------------------------------------------------------


ROLLUP_CSV = [
    "level,year,value,amount,unit,exact,count",
    "国家级,2006年,40万元,40,万元,yes,1",
    "国家级,（未注明）,未知（万元）,,万元,no,1",
    "省级,2006年,12.5万元,12.5,万元,yes,1",
    "市级,2007年,8万元,8,万元,yes,1",
    "（未注明）,20xx年,未知（万元）,,万元,no,2",
]


def test_rollup_text_csv_and_json(plans: Path) -> None:
    """--by level,year as a text table with 合计, as CSV with the exact header and rows
    (money not known marked exact=no), and as JSON records equal to the CSV's."""
    files = ["county-a.json", "county-b.json", "篇3.json"]
    results = run_all(
        {
            "text": ["rollup", *files[:2], "--by", "level,year"],
            "csv": ["rollup", *files, "--by", "level,year", "--format", "csv"],
            "json": ["rollup", *files, "--by", "level,year", "--format", "json"],
            "unit": ["rollup", *files[:2], "--by", "source", "--unit", "元"],
        },
        cwd=plans,
    )
    for result in results.values():
        assert (result.returncode, result.stderr) == (0, "")
    assert results["text"].stdout.splitlines() == [
        "level   year    数值      条目数",
        "------  ------  --------  ------",
        "国家级  2006年  40万元    1",
        "省级    2006年  12.5万元  1",
        "市级    2007年  8万元     1",
        "合计            60.5万元  3",
    ]
    assert results["csv"].stdout.splitlines() == ROLLUP_CSV
    records = json.loads(results["json"].stdout)
    rows = list(csv.DictReader(io.StringIO(results["csv"].stdout)))
    # the same records, with exact a boolean and count a number in JSON
    assert records == [{**r, "exact": r["exact"] == "yes", "count": int(r["count"])} for r in rows]
    assert results["unit"].stdout.splitlines() == [
        "source    数值      条目数",
        "--------  --------  ------",
        "中央财政  300000元  1",
        "省财政    125000元  1",
        "市财政    80000元   1",
        "企业自筹  100000元  1",
        "合计      605000元  4",
    ]


def test_rollup_bad_options_exit_two(plans: Path) -> None:
    """An unknown --by field or an empty --by is a usage error; an unknown --unit is one
    error line; both exit 2 with nothing on stdout."""
    results = run_all(
        {
            "colour": ["rollup", "篇1.json", "--by", "level,colour"],
            "nothing": ["rollup", "篇1.json", "--by", ","],
            "unit": ["rollup", "county-a.json", "--unit", "卢布"],
        },
        cwd=plans,
    )
    usage = [
        "usage: sciplan rollup [-h] [--by BY] [--format {text,csv,json}] [--stage STAGE] "
        "[--unit UNIT]",
        "                      FILE [FILE ...]",
    ]
    fields = "use level, source, stage, programme, year, period, status, region, plan.id"
    for name, wrong in (("colour", "colour"), ("nothing", "nothing")):
        result = results[name]
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr.splitlines() == [
            *usage,
            f"sciplan rollup: error: argument --by: cannot group by {wrong}; {fields}",
        ]
    unit = results["unit"]
    assert (unit.returncode, unit.stdout) == (2, "")
    assert unit.stderr.splitlines() == [
        *usage,
        "sciplan rollup: error: argument --unit: unknown unit '卢布'",
    ]


# -- parse, schema, convert -------------------------------------------------------------------


def test_parse_prints_a_table_and_exits_zero() -> None:
    """`sciplan parse` prints one row a figure and exits 0 when every figure reads."""
    result = run("parse", "159.3万元", "2万人次以上", "20xx万元")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "written      value    unit    qualifier  range",
        "-----------  -------  ------  ---------  ----------------------",
        "159.3万元    159.3    万元    EXACT      [159.3万元, 159.3万元]",
        "2万人次以上  2        万人次  AT_LEAST   [2万人次, ∞)",
        "20xx万元     unknown  万元    UNKNOWN    unknown 万元",
    ]


def test_parse_reports_bad_figures_on_stderr_and_exits_one() -> None:
    """A figure that cannot be read is one error line on stderr, exit status 1; the figures
    that could be read are still shown."""
    result = run("parse", "159.3万元", "坏数字")
    assert result.returncode == 1
    assert result.stdout.splitlines()[2].startswith("159.3万元")
    assert result.stderr.splitlines() == error(
        "cannot read figure '坏数字': a number was expected at position 0 ('坏数字')"
    )
    no_traceback(result)


def test_schema_is_the_json_schema() -> None:
    """`sciplan schema` prints the JSON Schema of a plan document (exit 0)."""
    result = run("schema")
    assert (result.returncode, result.stderr) == (0, "")
    document = json.loads(result.stdout)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document == json_schema()


def test_convert_json_to_toml_and_back(plans: Path, tmp_path: Path) -> None:
    """JSON → TOML → JSON gives back the same plan, and the same file; a bad suffix is one
    error line, exit 2, and writes nothing."""
    first = run("convert", plans / "篇3.json", tmp_path / "篇3.toml")
    assert (first.returncode, first.stdout, first.stderr) == (
        0,
        f"wrote {tmp_path / '篇3.toml'}\n",
        "",
    )
    results = run_all(
        {
            "back": ["convert", "篇3.toml", "back.json"],
            "yaml": ["convert", str(plans / "篇3.json"), "out.yaml"],
        },
        cwd=tmp_path,
    )
    back = results["back"]
    assert (back.returncode, back.stdout, back.stderr) == (0, "wrote back.json\n", "")
    assert load(tmp_path / "篇3.toml") == examples.load("篇3")
    assert load(tmp_path / "back.json") == examples.load("篇3")
    assert (tmp_path / "back.json").read_bytes() == (plans / "篇3.json").read_bytes()
    yaml = results["yaml"]
    assert (yaml.returncode, yaml.stdout) == (2, "")
    assert yaml.stderr.splitlines() == error(
        "out.yaml: invalid file name: 'out.yaml' ends in neither .json nor .toml"
    )
    assert not (tmp_path / "out.yaml").exists()


# -- demo, help, usage --------------------------------------------------------------------------


def test_demo_shows_figures_the_plan_3_report_and_the_edited_figure() -> None:
    """`sciplan demo` (and `python -m sciplan_model demo`, the same): the figure table, the
    篇3 report, and the breakdown.sum error of 97万元 edited to 98万元; exit 0."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        script = pool.submit(run, "demo")
        module = pool.submit(run, "demo", module=True)
        result, by_module = script.result(), module.result()
    assert (result.returncode, result.stderr) == (0, "")
    assert (by_module.returncode, by_module.stdout, by_module.stderr) == (0, result.stdout, "")
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        f"sciplan_model {__version__}: figures as Chinese work plans write them",
        "",
        "written         value    unit    qualifier               range",
        "--------------  -------  ------  ----------------------  ----------------------",
    ]
    assert (
        "159。3万元      159.3    万元    EXACT                   [159.3万元, 159.3万元]" in lines
    )
    assert "600余家         600      家      ODD                     (600家, 700家)" in lines
    assert "20xx万元        unknown  万元    UNKNOWN                 unknown 万元" in lines
    assert "科技工作计划 篇3（工作总结，XX县，2001-2010年）" in lines
    assert (
        "各级各类科技计划项目经费  十五    159.3万元  国家级11万元、省级97万元、市级51.3万元"
        in lines
    )
    edited = lines.index("── 同一计划改动一个数字（97万元 → 98万元）后的核对结果 ──")
    assert lines[edited + 2 :] == EDITED_FINDINGS


@pytest.fixture(scope="module")
def help_runs() -> dict[str, Run]:
    """``sciplan --help`` and ``sciplan COMMAND --help`` for every command."""
    argvs = {"": ["--help"], **{c: [c, "--help"] for c in COMMANDS}}
    return run_all(argvs)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_shows_an_example(help_runs: dict[str, Run], command: str) -> None:
    """--help, for the command and each subcommand, exits 0 with usage and an example."""
    result = help_runs[command]
    assert (result.returncode, result.stderr) == (0, "")
    prog = f"sciplan {command}".strip()
    assert result.stdout.startswith(f"usage: {prog} ")
    if command:
        assert f"\nexample:\n  sciplan {command}" in result.stdout
    else:
        assert "\nexamples:\n  sciplan demo\n  sciplan validate plan.json\n" in result.stdout
        assert "\nexit status: 0 all well, 1 errors found" in result.stdout
        for name in COMMANDS:
            assert f"\n    {name} " in result.stdout


def test_usage_errors_and_version() -> None:
    """A missing or unknown command, a command without its arguments, a bad choice: usage on
    stderr, exit 2; --version prints the version."""
    results = run_all(
        {
            "none": [],
            "unknown": ["nonsense"],
            "parse": ["parse"],
            "format": ["validate", "x.json", "--format", "xml"],
            "version": ["--version"],
        }
    )
    last = {
        "none": "sciplan: error: the following arguments are required: COMMAND",
        "unknown": "sciplan: error: argument COMMAND: invalid choice: 'nonsense' (choose from",
        "parse": "sciplan parse: error: the following arguments are required: text",
        "format": "sciplan validate: error: argument --format: invalid choice: 'xml' (choose from",
    }
    for name, line in last.items():
        result = results[name]
        assert (result.returncode, result.stdout) == (2, ""), name
        lines = result.stderr.splitlines()
        assert lines[0].startswith("usage: sciplan"), name
        assert lines[-1].startswith(line), name
        no_traceback(result)
    version = results["version"]
    assert (version.returncode, version.stdout, version.stderr) == (
        0,
        f"sciplan {__version__}\n",
        "",
    )


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX only")
def test_several_files_show_progress_on_a_terminal_only(plans: Path) -> None:
    """Reading several files shows 读取 k/n on a terminal's stderr (piped, it shows nothing:
    see test_validate_clean_plans_exit_zero)."""
    import pty

    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [sciplan(), "validate", "篇1.json", "篇2.json"],
            stdout=subprocess.PIPE,
            stderr=follower,
            cwd=plans,
            env=ENV,
            check=False,
            timeout=120,
        )
        os.close(follower)
        follower = -1
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: everything was read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)
    assert result.returncode == 0
    assert result.stdout.decode("utf-8") == "通过：0个错误，0个警告，0个提示\n"
    assert shown.decode("utf-8") == "\r\x1b[K读取 1/2: 篇1.json\r\x1b[K读取 2/2: 篇2.json\r\n"


# -- tables -----------------------------------------------------------------------------------


def test_table_aligns_chinese_by_display_width() -> None:
    """A CJK character takes two columns, so columns line up in a terminal."""
    lines = table(["a", "b"], [["万元", "x"], ["abcd", "y"]]).splitlines()
    assert lines == ["a     b", "----  -", "万元  x", "abcd  y"]
    lines = table(["级别", "数值"], [["国家级", "40万元"], ["（未注明）", "8"]]).splitlines()
    assert lines == [
        "级别        数值",
        "----------  ------",
        "国家级      40万元",
        "（未注明）  8",
    ]
