"""Saves that fail leave the old file as it was: ``dump`` (JSON and TOML) and every file
the command line writes (``convert``, ``report --html``, ``extract -o``), made to fail
by a file-size limit, by a value UTF-8 cannot hold and by an exception half-way; the old
file's bytes are checked, and that no temporary file is left beside it.  A save keeps
the old file's permission bits; a new file gets the umask's."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
import tomli_w

from sciplan_model import Plan, SciplanError, dump, dumps, examples, load
from sciplan_model import _cli as cli
from sciplan_model.extract import read_plan_file
from sciplan_model.serialize import to_data

#: The old file each save is to replace: the small 篇1 (and an old page for the HTML).
OLD_PLAN = examples.load("篇1")
#: What is saved over it: the large 篇3 (107 KB as JSON).
NEW_PLAN = examples.load("篇3")
#: The file-size limit: less than anything any save writes.
LIMIT = 2048

TEXT = (
    "青川县科学技术局2025年科技工作计划\n"
    "\n"
    "一、2024年工作回顾\n"
    "全年共争取各级科技项目12项，其中国家级2项、省级5项、市级5项；"
    "争取项目经费共计159.3万元，其中国家级11万元、省级97万元、市级51.3万元。\n"
    "二、2025年工作目标\n"
    "（一）新增高新技术企业15家，力争突破20家。\n"
    "（二）培训农民2万人次以上。\n"
)


@attrs.frozen
class Save:
    """One way of writing a file: ``argv`` of the command, or None for ``dump``; the
    file it writes, relative to the folder it runs in."""

    target: str
    argv: tuple[str, ...] | None = None


SAVES = {
    "dump json": Save("plan.json"),
    "dump toml": Save("plan.toml"),
    "convert json": Save("out.json", ("convert", "篇3.json", "out.json")),
    "convert toml": Save("out.toml", ("convert", "篇3.json", "out.toml")),
    "report --html": Save("out.html", ("report", "篇3.json", "--html", "out.html")),
    "extract -o file": Save("out.json", ("extract", "青川县.txt", "-o", "out.json")),
    "extract -o folder": Save(
        str(Path("out", "青川县.json")), ("extract", "青川县.txt", "白水县.txt", "-o", "out")
    ),
}
COMMANDS = [name for name, save in SAVES.items() if save.argv is not None]


def old_bytes(target: Path) -> bytes:
    """The good file a save is to replace."""
    if target.suffix == ".html":
        return "<!DOCTYPE html>\n<p>上次的报告</p>\n".encode()
    if target.suffix == ".toml":
        return tomli_w.dumps(to_data(OLD_PLAN)).encode()
    return (dumps(OLD_PLAN) + "\n").encode()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The inputs of every save (篇3 as JSON, two plan texts) and an empty folder ``out``."""
    (tmp_path / "篇3.json").write_text(dumps(NEW_PLAN) + "\n", encoding="utf-8")
    (tmp_path / "青川县.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "白水县.txt").write_text(TEXT.replace("青川县", "白水县"), encoding="utf-8")
    (tmp_path / "out").mkdir()
    return tmp_path


def existing(folder: Path, save: Save, mode: int | None = None) -> tuple[Path, bytes]:
    """The save's target, written with its old bytes (and ``mode``)."""
    target = folder / save.target
    old = old_bytes(target)
    target.write_bytes(old)
    if mode is not None:
        target.chmod(mode)
    return target, old


def beside(target: Path) -> list[str]:
    """The names in the target's folder."""
    return sorted(p.name for p in target.parent.iterdir())


def assert_untouched(target: Path, old: bytes, names: list[str]) -> None:
    """The old file has its old bytes, and nothing else appeared beside it."""
    assert target.read_bytes() == old
    assert beside(target) == names


def save_in_process(save: Save, folder: Path, monkeypatch: pytest.MonkeyPatch) -> int | None:
    """Run the save here: ``dump`` of 篇3 (None), or the command (its exit status)."""
    if save.argv is None:
        dump(NEW_PLAN, folder / save.target)
        return None
    monkeypatch.chdir(folder)
    try:
        return cli.main(list(save.argv))
    except KeyboardInterrupt:  # a failure of this test, not the end of the test run
        pytest.fail("KeyboardInterrupt came out of main()")


# -- a file-size limit -------------------------------------------------------------------------

LIMITED = """
import resource, signal, sys
from sciplan_model import _cli, dump, examples

plan = examples.load("篇3")
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
argv = sys.argv[2:]
if argv:
    sys.exit(_cli.main(argv))
try:
    dump(plan, sys.argv[1])
except OSError as e:
    print("OSError", e.errno)
"""


@pytest.mark.parametrize("name", SAVES)
def test_a_file_size_limit_leaves_the_old_file(name: str, folder: Path) -> None:
    """Past RLIMIT_FSIZE (SIGXFSZ ignored, so write fails with EFBIG): dump raises
    OSError, a command says so in one line and exits 2; the old file is whole."""
    save = SAVES[name]
    target, old = existing(folder, save)
    names = beside(target)
    script = textwrap.dedent(LIMITED.format(limit=LIMIT))
    result = subprocess.run(
        [sys.executable, "-c", script, save.target, *(save.argv or ())],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        check=False,
        timeout=120,
    )
    assert "Traceback" not in result.stderr
    if save.argv is None:
        assert (result.returncode, result.stdout) == (0, f"OSError {errno.EFBIG}\n")
    else:
        assert result.returncode == 2
        assert result.stderr.splitlines() == [
            f"sciplan: error: {save.target}: cannot be written: {os.strerror(errno.EFBIG)}"
        ]
    assert_untouched(target, old, names)


# -- a value UTF-8 cannot hold -------------------------------------------------------------------


def surrogate_plan() -> Plan:
    """篇3 whose title holds a lone surrogate, as attrs.evolve builds it today.  Should a
    constructor refuse it, the save fails at this point and must still write nothing."""
    return attrs.evolve(NEW_PLAN, title="篇3\ud800")


@pytest.mark.parametrize("name", ["dump json", "dump toml"])
def test_dump_of_a_lone_surrogate_is_our_error_and_writes_nothing(name: str, folder: Path) -> None:
    """A title with a lone surrogate: the library's error (a ValueError), before a byte is
    written; the old file keeps its bytes (write_text had truncated it to nothing)."""
    target, old = existing(folder, SAVES[name])
    names = beside(target)
    with pytest.raises(SciplanError) as raised:
        dump(surrogate_plan(), target)
    assert isinstance(raised.value, ValueError)
    assert_untouched(target, old, names)


@pytest.mark.parametrize("name", COMMANDS)
def test_a_command_writing_a_lone_surrogate_is_one_line_and_writes_nothing(
    name: str, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan whose title holds a lone surrogate (the loader refuses one, so the plan is
    handed to the command directly): one error line, exit 2, the old file whole."""
    save = SAVES[name]
    target, old = existing(folder, save)
    names = beside(target)
    monkeypatch.setattr(cli, "_load_one", lambda path: cli._Input(path, surrogate_plan()))
    monkeypatch.setattr(
        cli, "_load_plans", lambda paths: [cli._Input(p, surrogate_plan()) for p in paths]
    )
    monkeypatch.setattr(
        cli, "_read_text", lambda path: attrs.evolve(read_plan_file(path), plan=surrogate_plan())
    )
    status = save_in_process(save, folder, monkeypatch)
    err = capsys.readouterr().err.splitlines()
    assert status == 2
    assert len(err) == 1
    assert err[0].startswith("sciplan: error: ")
    assert_untouched(target, old, names)


# -- an exception half-way ------------------------------------------------------------------------


def failing(exception: BaseException) -> Any:
    def fail(*_: object) -> None:
        raise exception

    return fail


FAULTS = {
    "fsync fails": ("fsync", OSError(errno.EIO, os.strerror(errno.EIO))),
    "Ctrl-C at fsync": ("fsync", KeyboardInterrupt()),
    "rename fails": ("replace", OSError(errno.EXDEV, os.strerror(errno.EXDEV))),
}


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("name", ["dump json", "dump toml"])
def test_dump_failing_half_way_leaves_the_old_file(
    name: str, fault: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fsync or the rename raising (an OSError, or Ctrl-C): dump raises it, the old file is
    whole and the temporary file is gone."""
    function, exception = FAULTS[fault]
    target, old = existing(folder, SAVES[name])
    names = beside(target)
    monkeypatch.setattr(os, function, failing(exception))
    with pytest.raises(type(exception)):
        dump(NEW_PLAN, target)
    monkeypatch.undo()
    assert_untouched(target, old, names)


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("name", COMMANDS)
def test_a_command_failing_half_way_leaves_the_old_file(
    name: str,
    fault: str,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """fsync or the rename raising: one error line and exit 2 (Ctrl-C: "interrupted" and
    130); the old file whole, no temporary file left."""
    save = SAVES[name]
    function, exception = FAULTS[fault]
    target, old = existing(folder, save)
    names = beside(target)
    monkeypatch.setattr(os, function, failing(exception))
    status = save_in_process(save, folder, monkeypatch)
    err = capsys.readouterr().err.splitlines()
    monkeypatch.undo()
    if isinstance(exception, KeyboardInterrupt):
        assert (status, err[-1:]) == (130, ["sciplan: interrupted"])
    else:
        assert status == 2
        assert err[-1] == f"sciplan: error: {save.target}: cannot be written: {exception.strerror}"
    assert_untouched(target, old, names)


# -- permissions ---------------------------------------------------------------------------------


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("name", SAVES)
def test_a_save_keeps_the_files_permission_bits(
    name: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """chmod 600 and 640 survive a save (report --html and extract wrote 0600 always);
    the file has the new content."""
    save = SAVES[name]
    for bits in (0o600, 0o640):
        target, old = existing(folder, save, bits)
        assert save_in_process(save, folder, monkeypatch) in (None, 0)
        assert target.read_bytes() != old
        assert mode(target) == bits


@pytest.mark.parametrize("name", SAVES)
def test_a_new_file_gets_the_mode_of_the_umask(
    name: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new file is 0644 under umask 022 and 0600 under umask 077, as open() makes it
    (mkstemp made 0600 whatever the umask)."""
    save = SAVES[name]
    target = folder / save.target
    for mask, bits in ((0o022, 0o644), (0o077, 0o600), (0o002, 0o664)):
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        with umask(mask):
            assert save_in_process(save, folder, monkeypatch) in (None, 0)
        assert mode(target) == bits


def test_dump_through_a_link_replaces_the_file_it_names(folder: Path) -> None:
    """A symbolic link saved to stays a link; the file it names gets the plan."""
    real = folder / "out" / "real.json"
    real.write_bytes(old_bytes(real))
    link = folder / "plan.json"
    link.symlink_to(real)
    dump(NEW_PLAN, link)
    assert link.is_symlink()
    assert load(real) == NEW_PLAN
    assert beside(real) == ["real.json"]


def test_the_message_of_a_lone_surrogate_says_where_it_stands(folder: Path) -> None:
    """The error names the file and the line and column of the character it cannot write."""
    from sciplan_model._files import write_atomically

    target = folder / "note.json"
    with pytest.raises(SciplanError) as raised:
        write_atomically(target, '{\n  "title": "甲\ud800"\n}\n')
    assert str(raised.value) == (
        "invalid text to write to note.json: '\\ud800' at line 2, column 14 cannot be "
        "written in UTF-8 (a lone surrogate)"
    )
    assert not target.exists()
    assert beside(target) == sorted(["out", "白水县.txt", "篇3.json", "青川县.txt"])
