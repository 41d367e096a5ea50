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
from sciplan_model import __version__, dump, dumps, examples, load, loads
from sciplan_model._table import table
from sciplan_model.extract import read_plan_file
from sciplan_model.schema import json_schema

Run = subprocess.CompletedProcess[str]

#: A fixed terminal width, so that argparse wraps its usage lines the same everywhere; and
#: warnings as errors, as in the test process.
ENV = {**os.environ, "COLUMNS": "100", "PYTHONWARNINGS": "error"}

COMMANDS = ("validate", "report", "rollup", "extract", "parse", "schema", "convert", "demo")


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
        # the bundled plans give the span of each statement in the seed text, not its line
        "source": {
            "document": "work-plans-1-3.txt",
            "start": 2400,
            "end": 2468,
            "line": None,
            "column": None,
        },
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


#: Plans' texts that cannot be read: name -> (the file's bytes, or "missing", or "folder";
#: the reader's reason after "sciplan: error: cannot read NAME: ").
BAD_TEXTS: dict[str, tuple[bytes | str, str]] = {
    "binary.txt": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe",
        "binary data, not text; name a plan's .txt, .md or .docx file",
    ),
    "empty.md": (b"", "the file is empty"),
    "blank.txt": (b" \r\n\n", "the file is empty"),
    "zip.docx": (
        b"PK but not a zip archive",
        "not a Word document (a .docx file is a zip archive)",
    ),
    "old.doc": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        "a Word 97-2003 document (.doc) cannot be read; open it in Word or WPS and save it "
        "as .docx",
    ),
    "missing.txt": ("missing", "no such file; check the path"),
    "folder.md": ("folder", "it is a folder; name a .txt, .md, .docx file"),
}


def write_files(folder: Path, files: Mapping[str, tuple[bytes | str, str]]) -> None:
    """Each file of a BAD_ table in ``folder``: its bytes, a folder, or nothing."""
    for name, (content, _) in files.items():
        if content == "folder":
            (folder / name).mkdir()
        elif isinstance(content, bytes):
            (folder / name).write_bytes(content)


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
    "plan.yaml": (
        b"{}",
        "cannot read plan.yaml: a file of unknown kind '.yaml'; "
        "accepted are .json, .toml, .txt, .md, .docx",
    ),
    "plan": (
        b"{}",
        "cannot read plan: a file without a suffix; accepted are .json, .toml, .txt, .md, .docx",
    ),
    **{name: (content, f"cannot read {name}: {why}") for name, (content, why) in BAD_TEXTS.items()},
}


@pytest.fixture(scope="module")
def bad_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """``sciplan validate`` run on each of BAD_FILES, written to a folder."""
    folder = tmp_path_factory.mktemp("bad")
    write_files(folder, BAD_FILES)
    return run_all({name: ["validate", name] for name in BAD_FILES}, cwd=folder)


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_file_that_is_no_plan_is_one_error_line_and_exit_two(
    bad_runs: dict[str, Run], name: str
) -> None:
    """Missing, empty, broken JSON or TOML, no plan, another schema version, binary, a
    folder, an unknown suffix, and plans' texts the reader refuses (binary, empty, a .docx
    that is no zip, an old .doc): exit 2 and one error line a problem, no traceback."""
    result = bad_runs[name]
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == error(BAD_FILES[name][1])[0].splitlines()
    no_traceback(result)


# -- plans read from their text ---------------------------------------------------------------


#: An invented county's plan: its review says 12 projects of which 2 + 5 + 4 (= 11), so the
#: 共…其中 statement on line 4 (from column 18) does not add up; its money does (159.3万元).
#: The 80万元 under （三） is a figure the reader cannot place.
PLAN_TEXT = (
    "云岫县科学技术局2025年科技工作计划\n"
    "\n"
    "一、2024年工作回顾\n"
    "2024年，全县科技工作稳步推进。全年共争取各级科技项目12项，其中国家级2项、省级5项、"
    "市级4项；争取项目经费共计159.3万元，其中国家级11万元、省级97万元、市级51.3万元。\n"
    "二、2025年工作目标\n"
    "（一）新增高新技术企业15家，力争突破20家。\n"
    "（二）培训农民2万人次以上。\n"
    "（三）工作经费\n"
    "（80万元）\n"
)

PLAN_TITLE = "云岫县科学技术局2025年科技工作计划"
SUM_ERROR = "错误 breakdown.sum $.sections[0].items[1]: 分项之和11项与合计12项不符，相差1项"


def summary(name: str) -> list[str]:
    """What ``extract`` says of PLAN_TEXT read from the file ``name``."""
    return [
        f"{name}: {PLAN_TITLE}",
        "  5 sections, 12 figures (11 placed, 1 unplaced), 3 goals, 2 achievements, 2 breakdowns",
        f"{name}:9:2: unplaced 80万元  …（80万元）…",
    ]


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with PLAN_TEXT as UTF-8 .txt, as GB18030 Markdown with Windows line ends,
    and the edited 篇3 as JSON."""
    folder = tmp_path_factory.mktemp("texts")
    (folder / "云岫县.txt").write_text(PLAN_TEXT, encoding="utf-8")
    (folder / "云岫县.md").write_bytes(PLAN_TEXT.replace("\n", "\r\n").encode("gb18030"))
    dump(edited_plan_3(), folder / "edited.json")
    return folder


def test_validate_a_plan_text_shows_the_line_and_column(texts: Path) -> None:
    """A .txt plan whose 共…其中 does not add up: exit 1, the finding at file:line:column;
    the same plan as GB18030 Markdown gives the same finding."""
    results = run_all({"txt": ["validate", "云岫县.txt"], "md": ["validate", "云岫县.md"]}, texts)
    for suffix, result in results.items():
        assert (result.returncode, result.stderr) == (1, "")
        assert result.stdout.splitlines() == [
            "未通过：1个错误，0个警告，0个提示",
            f"云岫县.{suffix}:4:18: {SUM_ERROR}",
        ]


def test_validate_names_the_file_as_given_and_the_file_of_a_json_plan(texts: Path) -> None:
    """A text given by a path is named by that path; a JSON plan's findings without a line,
    validated beside it, are named by their file."""
    result = run("validate", texts / "云岫县.txt", "edited.json", cwd=texts)
    assert (result.returncode, result.stderr) == (1, "")
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "未通过：2个错误，0个警告，5个提示",
        f"{texts / '云岫县.txt'}:4:18: {SUM_ERROR}",
        "edited.json: 错误 breakdown.sum $.sections[0].sections[2].items[3]: "
        "分项之和160.3万元与合计159.3万元不符，相差1万元",
    ]
    assert len(lines) == 8
    assert all(line.startswith("edited.json: 提示 period.undecided $.") for line in lines[3:])


def test_texts_of_one_name_in_two_folders_are_two_plans(tmp_path: Path) -> None:
    """2024/计划.txt and 2025/计划.txt are two plans (ids 计划 and 计划-2), each finding at its
    own file; a file given twice is checked once."""
    for year, text in (("2024", PLAN_TEXT), ("2025", PLAN_TEXT.replace("12项", "13项"))):
        (tmp_path / year).mkdir()
        (tmp_path / year / "计划.txt").write_text(text, encoding="utf-8")
    first, second = str(Path("2024", "计划.txt")), str(Path("2025", "计划.txt"))
    results = run_all(
        {
            "text": ["validate", first, second, first],
            "json": ["validate", first, second, "--format", "json"],
        },
        tmp_path,
    )
    assert (results["text"].returncode, results["text"].stderr) == (1, "")
    assert results["text"].stdout.splitlines() == [
        "未通过：2个错误，0个警告，0个提示",
        f"{first}:4:18: {SUM_ERROR}",
        f"{second}:4:18: "
        + SUM_ERROR.replace("合计12项", "合计13项").replace("相差1项", "相差2项"),
    ]
    assert json.loads(results["json"].stdout)["plans"] == ["计划", "计划-2"]


def test_validate_json_format_gives_each_findings_source(texts: Path) -> None:
    """--format json: the source of a finding read from text, with its span, line and column."""
    result = run("validate", "云岫县.txt", "--format", "json", cwd=texts)
    assert (result.returncode, result.stderr) == (1, "")
    assert json.loads(result.stdout) == {
        "ok": False,
        "plans": ["云岫县"],
        "findings": [
            {
                "plan": "云岫县",
                "severity": "error",
                "code": "breakdown.sum",
                "path": "$.sections[0].items[1]",
                "message": "分项之和11项与合计12项不符，相差1项",
                "expected": "12项",
                "actual": "11项",
                "source": {
                    "document": "云岫县.txt",
                    "start": 50,
                    "end": 82,
                    "line": 4,
                    "column": 18,
                },
            }
        ],
    }
    assert PLAN_TEXT[50:82] == "全年共争取各级科技项目12项，其中国家级2项、省级5项、市级4项"


def test_extract_writes_the_plan_to_stdout_and_says_what_it_read_on_stderr(texts: Path) -> None:
    """One file, no -o: the draft plan as JSON on stdout (the text the library writes),
    the counts and the unplaced figure at file:line:column on stderr; exit 0."""
    result = run("extract", "云岫县.txt", cwd=texts)
    assert result.returncode == 0
    assert result.stderr.splitlines() == summary("云岫县.txt")
    assert result.stdout == dumps(read_plan_file(texts / "云岫县.txt").plan) + "\n"
    plan = loads(result.stdout)
    assert (plan.id, plan.title, len(plan.breakdowns())) == ("云岫县", PLAN_TITLE, 2)


def test_extract_to_a_file_by_its_suffix_and_validate_it(texts: Path, tmp_path: Path) -> None:
    """-o FILE: the suffix says JSON or TOML; what was read goes to stdout with "wrote";
    the file written validates with the finding still at its place in the text."""
    results = run_all(
        {
            "json": ["extract", texts / "云岫县.txt", "-o", "云岫县.json"],
            "toml": ["extract", texts / "云岫县.md", "-o", "云岫县.toml"],
        },
        tmp_path,
    )
    for name, result in results.items():
        assert (result.returncode, result.stderr) == (0, "")
        given = str(texts / f"云岫县.{'txt' if name == 'json' else 'md'}")
        assert result.stdout.splitlines() == [*summary(given), f"wrote 云岫县.{name}"]
    plan = read_plan_file(texts / "云岫县.txt").plan
    assert load(tmp_path / "云岫县.json") == plan
    assert load(tmp_path / "云岫县.toml") == read_plan_file(texts / "云岫县.md").plan
    checked = run("validate", "云岫县.json", cwd=tmp_path)
    assert (checked.returncode, checked.stderr) == (1, "")
    assert checked.stdout.splitlines()[1] == f"云岫县.txt:4:18: {SUM_ERROR}"


def test_extract_several_files_into_a_folder(texts: Path, tmp_path: Path) -> None:
    """Several files and -o FOLDER (made when missing): one <stem>.toml each with --format
    toml; a summary and a "wrote" line each, in the order given."""
    (tmp_path / "二号.txt").write_text(PLAN_TEXT.replace("云岫县", "云溪县"), encoding="utf-8")
    result = run(
        "extract",
        texts / "云岫县.txt",
        "二号.txt",
        "-o",
        "drafts",
        "--format",
        "toml",
        cwd=tmp_path,
    )
    assert (result.returncode, result.stderr) == (0, "")
    first = str(texts / "云岫县.txt")
    assert result.stdout.splitlines() == [
        *summary(first),
        f"wrote {Path('drafts', '云岫县.toml')}",
        *[line.replace("云岫县", "云溪县") for line in summary("二号.txt")],
        f"wrote {Path('drafts', '二号.toml')}",
    ]
    assert sorted(p.name for p in (tmp_path / "drafts").iterdir()) == ["二号.toml", "云岫县.toml"]
    assert load(tmp_path / "drafts" / "二号.toml").title == "云溪县科学技术局2025年科技工作计划"


def test_extract_into_an_existing_folder_with_one_file(texts: Path, tmp_path: Path) -> None:
    """One file and -o naming a folder that exists: the folder gets <stem>.json."""
    result = run("extract", texts / "云岫县.md", "-o", tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1] == f"wrote {tmp_path / '云岫县.json'}"
    assert load(tmp_path / "云岫县.json") == read_plan_file(texts / "云岫县.md").plan


def test_extract_option_problems_exit_two_before_reading(texts: Path) -> None:
    """Several files without -o, -o of another kind, a suffix that contradicts --format,
    two files for one name, a file where a folder is needed: one line, exit 2, nothing
    written."""
    results = run_all(
        {
            "no -o": ["extract", "云岫县.txt", "云岫县.md"],
            "suffix": ["extract", "云岫县.txt", "-o", "plan.yaml"],
            "format": ["extract", "云岫县.txt", "-o", "plan.json", "--format", "toml"],
            "same": ["extract", "云岫县.txt", "云岫县.md", "-o", "out"],
            "file": ["extract", "云岫县.txt", "云岫县.md", "-o", "edited.json"],
        },
        texts,
    )
    said = {
        "no -o": "several files need -o FOLDER to write their plans into",
        "suffix": "plan.yaml: a plan is written to a .json or .toml file, or a folder",
        "format": "plan.json: the name ends in .json but --format is toml",
        "same": f"云岫县.txt and 云岫县.md would both be written to {Path('out', '云岫县.json')}",
        "file": "edited.json: not a folder; several plans are written into a folder",
    }
    for name, result in results.items():
        assert (result.returncode, result.stdout, result.stderr) == (
            2,
            "",
            error(said[name])[0] + "\n",
        ), name
    assert not (texts / "out").exists()
    assert not (texts / "plan.json").exists()


def test_extract_bad_inputs_are_one_line_each_and_the_rest_is_written(tmp_path: Path) -> None:
    """Binary data, an empty or blank file, a .docx that is no zip, an old .doc, a missing
    file, a folder: each one error line and exit 2, never a traceback; alone nothing goes
    to stdout, and in a batch the readable plan is still written."""
    write_files(tmp_path, BAD_TEXTS)
    (tmp_path / "good.txt").write_text(PLAN_TEXT, encoding="utf-8")
    argvs: dict[str, Sequence[str]] = {name: ["extract", name] for name in BAD_TEXTS}
    argvs["batch"] = ["extract", *BAD_TEXTS, "good.txt", "-o", "drafts"]
    results = run_all(argvs, tmp_path)
    for name, (_, why) in BAD_TEXTS.items():
        result = results[name]
        assert (result.returncode, result.stdout) == (2, ""), name
        assert result.stderr.splitlines() == error(f"cannot read {name}: {why}"), name
        no_traceback(result)
    batch = results["batch"]
    assert batch.returncode == 2
    assert batch.stderr.splitlines() == [
        error(f"cannot read {name}: {why}")[0] for name, (_, why) in BAD_TEXTS.items()
    ]
    assert batch.stdout.splitlines() == [
        *summary("good.txt"),
        f"wrote {Path('drafts', 'good.json')}",
    ]
    assert [p.name for p in (tmp_path / "drafts").iterdir()] == ["good.json"]
    no_traceback(batch)


def test_a_docx_plan_is_read_validated_and_extracted(tmp_path: Path) -> None:
    """A Word document written by python-docx, a paragraph a line: validate finds the same
    finding at the same line and column as in the text; extract reads the same plan."""
    docx = pytest.importorskip(
        "docx", reason="python-docx (the test extra) writes the Word document read here"
    )
    document = docx.Document()
    for line in PLAN_TEXT.splitlines():
        document.add_paragraph(line)
    document.save(str(tmp_path / "云岫县.docx"))
    results = run_all(
        {
            "validate": ["validate", "云岫县.docx"],
            "extract": ["extract", "云岫县.docx", "-o", "云岫县.json"],
        },
        tmp_path,
    )
    checked, extracted = results["validate"], results["extract"]
    assert (checked.returncode, checked.stderr) == (1, "")
    assert checked.stdout.splitlines()[1] == f"云岫县.docx:4:18: {SUM_ERROR}"
    assert (extracted.returncode, extracted.stderr) == (0, "")
    assert extracted.stdout.splitlines() == [*summary("云岫县.docx"), "wrote 云岫县.json"]
    assert load(tmp_path / "云岫县.json") == read_plan_file(tmp_path / "云岫县.docx").plan


def test_report_rollup_and_convert_read_plan_texts(texts: Path, tmp_path: Path) -> None:
    """report and rollup take a plan's text as they take JSON (the report's findings say
    where in the text they are); convert writes its draft."""
    results = run_all(
        {
            "report": ["report", texts / "云岫县.txt", "--date", "2026-12-03"],
            "rollup": ["rollup", texts / "云岫县.md"],
            "convert": ["convert", texts / "云岫县.txt", "云岫县.toml"],
        },
        tmp_path,
    )
    report, rollup, convert = results["report"], results["rollup"], results["convert"]
    assert (report.returncode, report.stderr) == (0, "")
    lines = report.stdout.splitlines()
    assert lines[0] == "云岫县科学技术局2025年科技工作计划（年度计划，云岫县，2024-2025年）"
    assert lines[1] == (
        "发文单位：云岫县科学技术局　地区：云岫县　期间：2024-2025年　类型：年度计划　"
        f"金额单位：万元　经费口径：下达经费　生成日期：2026年12月3日　来源文件：{texts / '云岫县.txt'}"
    )
    findings = lines.index("【核对结果】")
    assert lines[findings + 1 : findings + 5] == [
        "未通过：1个错误，0个警告，0个提示",
        "级别  位置                             说明                                 代码",
        "----  -------------------------------  -----------------------------------  -------------",
        "错误  一、 › 第2条（云岫县.txt:4:18）  分项之和11项与合计12项不符，相差1项  breakdown.sum",
    ]
    # every figure of the text is in the report: the goals and results as written,
    # the statement's parts, and the one figure the reader could not place
    for figure in ("15家", "力争突破20家", "2万人次以上", "12项", "国家级2项、省级5项、市级4项",
                   "159.3万元", "国家级11万元、省级97万元、市级51.3万元", "80万元"):  # fmt: skip
        assert figure in report.stdout
    assert "【未归入条目的数字】" in lines
    # a plan of goals and results, without projects: rolled up are what it holds
    assert (rollup.returncode, rollup.stderr) == (0, "")
    assert rollup.stdout.splitlines()[:5] == [
        "【目标】",
        "指标              期间    力争  数值          条目数",
        "----------------  ------  ----  ------------  ------",
        "培训农民          2025年  否    2万人次以上   1",
        "新增高新技术企业  2025年  否    15家          1",
    ]
    assert "【成果】" in rollup.stdout
    assert "【计划所述合计与分项（共…其中…）】" in rollup.stdout
    assert "项目经费      市级    51.3万元  1" in rollup.stdout
    assert (convert.returncode, convert.stdout, convert.stderr) == (0, "wrote 云岫县.toml\n", "")
    assert load(tmp_path / "云岫县.toml") == read_plan_file(texts / "云岫县.txt").plan


# -- report -----------------------------------------------------------------------------------


def test_report_of_plan_3_and_its_html_page(plans: Path) -> None:
    """The 篇3 report: heading, outline, money statements, goals, validation; --html writes a
    self-contained page with the three charts and says so on standard error."""
    result = run("report", "篇3.json", "--html", "篇3.html", cwd=plans)
    assert (result.returncode, result.stderr) == (0, "wrote 篇3.html\n")
    lines = result.stdout.splitlines()
    assert lines[0] == "科技工作计划 篇3（工作总结，XX县，2001-2010年）"
    assert lines[1].startswith("发文单位：XX县科技局　地区：XX县　期间：2001-2010年　")
    assert lines[1].endswith("来源文件：篇3.json、work-plans-1-3.txt")
    for heading in (
        "【概览】",
        "【成果（按章节）】",
        "【计划所述合计与分项（共…其中…）】",
        "【项目经费（下达）】",
        "所列3个项目均未注明下达经费。",
        "【核对结果】",
        "通过：0个错误，0个警告，5个提示",
        "【附：计划结构】",
        "一、“十五”期间的科技工作（5条）",
    ):
        assert heading in lines
    assert "【目标】" not in lines  # a review without targets shows none
    assert any(
        "各级各类科技计划项目经费  十五    159.3万元  国家级11万元、省级97万元、市级51.3万元"
        in line
        for line in lines
    )
    page = (plans / "篇3.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    # no project money and no result: only the chart of the money the plan states
    assert page.count('<svg id="chart-level"') == 1
    assert "chart-source" not in page
    assert "chart-attainment" not in page
    assert "<script" not in page
    assert " src=" not in page
    assert " href=" not in page


def test_report_of_two_funded_plans(plans: Path) -> None:
    """Two plans rolled up: money by level, source, programme and year; goals with 完成率."""
    result = run("report", "county-a.json", "county-b.json", cwd=plans)
    assert (result.returncode, result.stderr) == (0, "")
    text = result.stdout
    assert text.startswith(
        "2份计划合并：甲县科技工作计划、乙县科技工作计划\n期间：2006年、2007年　"
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
    for heading in ("【项目经费（下达，3个项目）】", "按资金来源：", "按计划类别：", "按期间："):
        assert f"\n{heading}\n" in text
    assert (
        "\n".join(
            [
                "【目标与完成情况】",
                "计划              章节            指标          目标         要求  实际        完成率"
                "          判定",
                "----------------  --------------  ------------  -----------  ----  ----------  ------"
                "--------  ------",
                "甲县科技工作计划  一、项目与目标  培训人次      2万人次      确保  2.5万人次   125.0%"
                "          已完成",
                "甲县科技工作计划  一、项目与目标  科技计划项目  10项         确保  6项         60.0%"
                "           未完成",
                "甲县科技工作计划  一、项目与目标  科技示范户    200户        确保  无对应结果",
                "乙县科技工作计划  一、项目与目标  培训人次      1万人次以上  确保  1万余人次   100.0%至"
                "200.0%  已完成",
            ]
        )
        in text
    )
    # one column a plan: each plan's figure for an indicator side by side, and their sum
    assert (
        "\n".join(
            [
                "各计划成果对照：",
                "指标          期间    甲县科技工作计划  乙县科技工作计划  合计",
                "------------  ------  ----------------  ----------------  ---------",
                "培训人次      2006年  2.5万人次         —                 2.5万人次",
                "培训人次      2007年  —                 1万余人次         1万余人次",
                "科技计划项目  2006年  6项               —                 6项",
            ]
        )
        in text
    )
    assert (
        "\n".join(
            [
                "【各计划概况】",
                "计划              目标  成果  共…其中…  项目  下达经费",
                "----------------  ----  ----  --------  ----  --------",
                "甲县科技工作计划  3     2     0         2     52.5万元",
                "乙县科技工作计划  1     1     0         1     8万元",
            ]
        )
        in text
    )
    assert "【核对结果】\n通过：0个错误，0个警告，0个提示\n" in text


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
    assert "\n【项目经费（支出）】\n所列2个项目均未注明支出经费。\n" in spent.stdout
    bad = results["bad stage"]
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.splitlines() == [
        "usage: sciplan report [-h] [--html OUT.html] [--markdown] [--format {text,xlsx}] "
        "[-o FILE.xlsx]",
        "                      [--date YYYY-MM-DD] [--stage STAGE]",
        "                      FILE [FILE ...]",
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
    "\ufeffitems,level,year,value,amount,low,high,unit,exact,count",
    "projects,国家级,2006年,40万元,40,,,万元,yes,1",
    "projects,国家级,,,,,,万元,no,1",
    "projects,省级,2006年,12.5万元,12.5,,,万元,yes,1",
    "projects,市级,2007年,8万元,8,,,万元,yes,1",
    "projects,,20xx年,,,,,万元,no,2",
]


def test_rollup_text_csv_and_json(plans: Path) -> None:
    """--by level,year as a text table with 合计, as CSV with the exact header and rows
    (money not known marked exact=no), and as JSON records equal to the CSV's."""
    files = ["county-a.json", "county-b.json", "篇3.json"]
    results = run_all(
        {
            "text": ["rollup", *files[:2], "--by", "level,year", "--items", "projects"],
            "csv": ["rollup", *files, "--by", "level,year", "--format", "csv", "--items", "projects"],
            "json": ["rollup", *files, "--by", "level,year", "--format", "json", "--items", "projects"],
            "unit": ["rollup", *files[:2], "--by", "source", "--unit", "元", "--items", "projects"],
        },
        cwd=plans,
    )  # fmt: skip
    for result in results.values():
        assert (result.returncode, result.stderr) == (0, "")
    assert results["text"].stdout.splitlines() == [
        "【项目经费（下达经费）】",
        "级别    年度    数值      条目数",
        "------  ------  --------  ------",
        "国家级  2006年  40万元    1",
        "省级    2006年  12.5万元  1",
        "市级    2007年  8万元     1",
        "合计            60.5万元  3",
    ]
    # CSV for Excel: a byte-order mark, Windows line ends, money not known an empty cell
    assert results["csv"].stdout.splitlines() == ROLLUP_CSV
    records = json.loads(results["json"].stdout)
    rows = list(csv.DictReader(io.StringIO(results["csv"].stdout.lstrip("\ufeff"), newline="")))
    # the same records, with null for what is not known, exact a boolean, count a number
    assert records == [
        {
            **{k: v or None for k, v in r.items()},
            "exact": r["exact"] == "yes",
            "count": int(r["count"]),
        }
        for r in rows
    ]
    assert records[1] == {
        "items": "projects",
        "level": "国家级",
        "year": None,
        "value": None,
        "amount": None,
        "low": None,
        "high": None,
        "unit": "万元",
        "exact": False,
        "count": 1,
    }
    assert "未知" not in results["json"].stdout + results["csv"].stdout
    assert results["unit"].stdout.splitlines()[1:] == [
        "资金来源  数值      条目数",
        "--------  --------  ------",
        "中央财政  300000元  1",
        "省财政    125000元  1",
        "市财政    80000元   1",
        "企业自筹  100000元  1",
        "合计      605000元  4",
    ]


def test_rollup_bad_options_exit_two(plans: Path) -> None:
    """An unknown --by field is one error line listing the fields that exist; an empty
    --by and an unknown --unit are usage errors; all exit 2 with nothing on stdout."""
    results = run_all(
        {
            "colour": ["rollup", "篇1.json", "--by", "level,colour"],
            "programme": ["rollup", "篇1.json", "--by", "programme"],
            "nothing": ["rollup", "篇1.json", "--by", ","],
            "items": ["rollup", "篇1.json", "--items", "goals,targets"],
            "unit": ["rollup", "county-a.json", "--unit", "卢布"],
        },
        cwd=plans,
    )
    usage = [
        "usage: sciplan rollup [-h] [--items KINDS] [--by BY] [--format {text,csv,json,xlsx}]",
        "                      [-o FILE.xlsx] [--stage STAGE] [--unit UNIT]",
        "                      FILE [FILE ...]",
    ]
    for name in ("colour", "programme"):
        result = results[name]
        assert (result.returncode, result.stdout) == (2, "")
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"sciplan: error: invalid by: '{name}' (in '{name}') is the name")\
            if name == "colour" else line.startswith(
                "sciplan: error: invalid by: no item has a field 'programme' (items: Goal); "
                "fields that exist: aspirational, figure, heading, indicator,"
            )  # fmt: skip
        assert "fields that exist: " in line
    nothing = results["nothing"]
    assert (nothing.returncode, nothing.stdout) == (2, "")
    assert nothing.stderr.splitlines() == [
        *usage,
        "sciplan rollup: error: argument --by: cannot group by nothing; use level, source, "
        "stage, programme, year, period, status, region, plan.id, indicator, section",
    ]
    items = results["items"]
    assert (items.returncode, items.stdout) == (2, "")
    assert items.stderr.splitlines()[-1] == (
        "sciplan rollup: error: argument --items: cannot sum targets; use projects, funding, "
        "goals, achievements, breakdowns"
    )
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
    assert any(
        "各级各类科技计划项目经费  十五    159.3万元  国家级11万元、省级97万元、市级51.3万元"
        in line
        for line in lines
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
