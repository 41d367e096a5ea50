"""The command line under terminals that cannot show everything, and under Ctrl-C.

Every command runs with its output in GBK (Chinese Windows, redirected), ASCII, cp1252 and
the C locale: it ends with its normal status and no traceback; GBK output keeps its
Chinese, and a symbol GBK lacks (›) is written as a plain one (>).  A plan written to a
pipe or a file is UTF-8 whatever the locale.  Ctrl-C ends a command with one line and
exit status 130."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from report_plans import county_plans
from sciplan_model import _cli as cli
from sciplan_model import dump, examples, loads

TITLE = "青川县科学技术局2025年科技工作计划"
TEXT = (
    f"{TITLE}\n"
    "\n"
    "一、2024年工作回顾\n"
    "全年共争取各级科技项目12项，其中国家级2项、省级5项、市级4项；"
    "争取项目经费共计159.3万元，其中国家级11万元、省级97万元、市级51.3万元。\n"
    "二、2025年工作目标\n"
    "（一）新增高新技术企业15家，力争突破20家。\n"
)
REPORT_HEAD = "科技工作计划 篇3（工作总结，XX县，2001-2010年）"

#: The environments: the output's encoding set by PYTHONIOENCODING; the C locale as Python
#: runs it (UTF-8 mode) and with UTF-8 mode and locale coercion switched off (ASCII).
ENVIRONMENTS = {
    "gbk": {"PYTHONIOENCODING": "gbk"},
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "cp1252": {"PYTHONIOENCODING": "cp1252"},
    "C": {"LC_ALL": "C"},
    "C without UTF-8 mode": {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
}
#: Each command and its normal exit status (the text plan does not add up: validate is 1).
COMMANDS = {
    "demo": (["demo"], 0),
    "report": (["report", "篇3.json"], 0),
    "report two": (["report", "county-a.json", "county-b.json"], 0),
    "validate": (["validate", "青川县.txt"], 1),
    "rollup": (["rollup", "county-a.json", "county-b.json", "--by", "level,year"], 0),
    "rollup csv": (["rollup", "county-a.json", "--format", "csv"], 0),
    "extract": (["extract", "青川县.txt"], 0),
    "parse": (["parse", "600余家", "坏数字"], 1),
    "missing": (["validate", "没有.json"], 2),
}

Run = subprocess.CompletedProcess[bytes]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """篇3 and two county plans as JSON, and a plan's text."""
    folder = tmp_path_factory.mktemp("terminal")
    dump(examples.load("篇3"), folder / "篇3.json")
    a, b = county_plans()
    dump(a, folder / "county-a.json")
    dump(b, folder / "county-b.json")
    (folder / "青川县.txt").write_text(TEXT, encoding="utf-8")
    return folder


def run(folder: Path, argv: list[str], environment: dict[str, str]) -> Run:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("LC_") and k not in ("LANG", "PYTHONIOENCODING", "PYTHONUTF8")
    }
    return subprocess.run(
        [sys.executable, "-m", "sciplan_model", *argv],
        cwd=folder,
        capture_output=True,
        env={**env, **environment},
        check=False,
        timeout=120,
    )


@pytest.fixture(scope="module")
def runs(folder: Path) -> dict[tuple[str, str], Run]:
    """Every command in every environment."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {
            (env, name): pool.submit(run, folder, argv, ENVIRONMENTS[env])
            for env in ENVIRONMENTS
            for name, (argv, _) in COMMANDS.items()
        }
        return {key: future.result() for key, future in futures.items()}


@pytest.mark.parametrize("environment", ENVIRONMENTS)
@pytest.mark.parametrize("command", COMMANDS)
def test_no_command_crashes_on_an_encoding(
    runs: dict[tuple[str, str], Run], environment: str, command: str
) -> None:
    """Each command ends with its normal status and no traceback, whatever the output's
    encoding; standard output is not empty where the command writes to it."""
    result = runs[environment, command]
    assert b"Traceback" not in result.stderr
    assert b"UnicodeEncodeError" not in result.stderr
    assert result.returncode == COMMANDS[command][1]
    if command != "missing":
        assert result.stdout


def test_gbk_keeps_the_chinese_and_writes_a_plain_stand_in_for_what_it_lacks(
    runs: dict[tuple[str, str], Run],
) -> None:
    """Under GBK the reports read as Chinese from the bytes, › (which GBK lacks) is >, and
    the errors on standard error are GBK too."""
    demo = runs["gbk", "demo"].stdout.decode("gbk")
    assert "── 示例计划 篇3：某县“十五”工作总结、当年工作与“十一五”规划 ──" in demo
    assert "600余家         600      家      ODD" in demo
    report = runs["gbk", "report"].stdout.decode("gbk").splitlines()
    assert report[0] == REPORT_HEAD
    assert "一、 > 1、 > 三是 > 第1条" in "\n".join(report)
    assert "›" not in "\n".join(report)
    validate = runs["gbk", "validate"].stdout.decode("gbk").splitlines()
    assert validate[0] == "未通过：1个错误，0个警告，0个提示"
    assert validate[1].startswith("青川县.txt:4:")
    missing = runs["gbk", "missing"].stderr.decode("gbk")
    assert missing == "sciplan: error: 没有.json: no such file" + os.linesep
    parse = runs["gbk", "parse"].stderr.decode("gbk")
    assert parse.startswith("sciplan: error: cannot read figure '坏数字'")


def test_ascii_and_cp1252_show_question_marks_for_chinese(
    runs: dict[tuple[str, str], Run],
) -> None:
    """What ASCII cannot show is ?, and full-width punctuation its plain form; the lines
    and the figures' digits stay."""
    for environment in ("ascii", "C without UTF-8 mode"):
        report = runs[environment, "report"].stdout.decode("ascii").splitlines()
        assert report[0] == "?????? ?3(????,XX?,2001-2010?)"
    cp1252 = runs["cp1252", "report"].stdout.decode("cp1252").splitlines()
    assert cp1252[0] == "?????? ?3(????,XX?,2001-2010?)"
    assert runs["C", "report"].stdout.decode("utf-8").splitlines()[0] == REPORT_HEAD


@pytest.mark.parametrize("environment", ENVIRONMENTS)
def test_a_plan_on_a_pipe_is_utf8_whatever_the_locale(
    runs: dict[tuple[str, str], Run], environment: str
) -> None:
    """extract's plan on standard output (a pipe here) is UTF-8 and loads, the Chinese
    whole; the rollup's CSV likewise."""
    plan = loads(runs[environment, "extract"].stdout.decode("utf-8"))
    assert (plan.id, plan.title) == ("青川县", TITLE)
    csv_text = runs[environment, "rollup csv"].stdout.decode("utf-8")
    assert csv_text.startswith("\ufeffitems,level,")  # a byte-order mark for Excel
    assert csv_text.splitlines()[1].startswith("projects,国家级,")


def test_a_plan_text_named_in_an_ascii_locale_is_written_in_utf8(folder: Path) -> None:
    """In the C locale without UTF-8 mode Python reads the name 青川县.txt as surrogate
    escapes; the plan written names the document 青川县.txt all the same (it was a lone
    surrogate, and the save failed)."""
    out = folder / "ascii-locale.json"
    result = run(
        folder, ["extract", "青川县.txt", "-o", out.name], ENVIRONMENTS["C without UTF-8 mode"]
    )
    assert (result.returncode, b"Traceback" in result.stderr) == (0, False)
    text = out.read_text(encoding="utf-8")
    assert loads(text).title == TITLE
    assert '"document": "青川县.txt"' in text


def test_the_stand_ins() -> None:
    """› ─ → and full-width forms have plain stand-ins; superscripts keep their place
    (10⁸ is 10^8, never 108); what has none is ?."""
    from sciplan_model._console import ERRORS, plain

    assert [plain(c) for c in "›─→，（）：０"] == [">", "-", "->", ",", "(", ")", ":", "0"]
    assert "10⁸ m²".encode("ascii", ERRORS) == b"10^8 m^2"
    assert "计划 › 一、".encode("gbk", ERRORS) == "计划 > 一、".encode("gbk")
    assert "计划".encode("cp1252", ERRORS) == b"??"
    assert "\ud800".encode("utf-8", ERRORS) == b"?"


def test_the_streams_error_handlers_are_put_back() -> None:
    """main() changes how standard output and error treat unencodable characters only
    while it runs."""
    from sciplan_model._console import ERRORS, terminal_streams

    out = io.TextIOWrapper(io.BytesIO(), encoding="gbk", errors="strict")
    saved = sys.stdout
    sys.stdout = out
    try:
        with terminal_streams():
            assert out.errors == ERRORS
            print("一、 › 1、")
        assert out.errors == "strict"
        out.flush()
        assert out.buffer.getvalue() == "一、 > 1、\n".encode("gbk")  # type: ignore[attr-defined]
    finally:
        sys.stdout = saved


# -- Ctrl-C -----------------------------------------------------------------------------------


def interrupt(*_: object) -> int:
    raise KeyboardInterrupt


@pytest.mark.parametrize("command", ["validate", "report", "rollup", "extract", "demo"])
def test_ctrl_c_is_one_line_and_exit_130(
    command: str,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A KeyboardInterrupt in a command: "sciplan: interrupted" alone on standard error,
    nothing on standard output, status 130."""
    monkeypatch.chdir(folder)
    monkeypatch.setattr(cli, "_load_plans", interrupt)
    monkeypatch.setattr(cli, "_read_text", interrupt)
    monkeypatch.setattr(cli, "demo", interrupt)
    argv = {"extract": ["extract", "青川县.txt"], "demo": ["demo"]}.get(
        command, [command, "county-a.json"]
    )
    try:
        status = cli.main(argv)
    except KeyboardInterrupt:  # a failure of this test, not the end of the test run
        pytest.fail("KeyboardInterrupt came out of main()")
    assert (status, capsys.readouterr()) == (130, ("", "sciplan: interrupted\n"))


WAITING = """
import signal, sys
from sciplan_model import _cli

def wait(paths):
    print("reading", flush=True)
    while True:
        signal.pause()

signal.signal(signal.SIGINT, signal.default_int_handler)
_cli._load_plans = wait
sys.exit(_cli.main(sys.argv[1:]))
"""


def test_sigint_to_a_running_command(folder: Path) -> None:
    """SIGINT sent to `sciplan report` while it reads (it says so, then waits): one line on
    standard error, exit status 130, no traceback."""
    process = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(WAITING), "report", "篇3.json"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert process.stdout is not None
    try:
        assert process.stdout.readline() == "reading\n"
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert (process.returncode, out, err) == (130, "", "sciplan: interrupted\n")
