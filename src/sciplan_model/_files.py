"""Writing files so that a failed write never damages the file it was to replace.

:func:`write_atomically` is the one way the library and the command line write a file:
the text is encoded first (a value UTF-8 cannot hold fails before anything is touched),
written to a temporary file in the target's folder, flushed and fsynced, and put in the
target's place with :func:`os.replace`; on any failure, Ctrl-C included, the temporary
file is removed and the old file keeps its bytes.  The new file keeps the old one's
permission bits; a new file gets the mode the umask gives (as ``open(path, "w")``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

from .errors import InvalidValueError

__all__ = ["sync_file", "sync_folder", "write_atomically"]

#: Errors of fsync on a folder that mean "not supported here", not "not written".
_NO_FOLDER_SYNC = {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF, errno.EACCES}
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_ATTEMPTS = 100
#: The most bytes of the target's name a temporary name repeats: with the 14 it adds
#: (.name.0123abcd.tmp) it stays within the 255 bytes file systems allow a name.
_LONGEST_STEM = 200


def write_atomically(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` (text is written as UTF-8) to ``path``, all or nothing.

    A symbolic link is followed: the file it names is replaced, the link stays.  Raises
    InvalidValueError when the text holds what UTF-8 cannot write (a lone surrogate), and
    OSError when the file cannot be written; either way the old file is as it was."""
    target = Path(path)
    payload = data if isinstance(data, bytes) else _encoded(data, target)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    try:
        old: os.stat_result | None = target.stat()
    except FileNotFoundError:
        old = None
    fd, temporary = _create(target, new=old is None)
    try:
        with open(fd, "wb", closefd=True) as stream:
            if old is not None:
                _keep_mode(stream.fileno(), old)
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    sync_folder(target.parent)


def _encoded(text: str, target: Path) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        bad = e.object[e.start : e.end]
        line = text.count("\n", 0, e.start) + 1
        column = e.start - text.rfind("\n", 0, e.start)
        raise InvalidValueError(
            f"text to write to {target.name}",
            f"{bad!r} at line {line}, column {column} cannot be written in UTF-8 "
            "(a lone surrogate)",
        ) from None


def _create(target: Path, *, new: bool) -> tuple[int, str]:
    """A new temporary file beside ``target``, open for writing.  It replaces an existing
    file, so it starts private (0600) and takes the old file's mode before it is filled;
    for a new file the umask gives the mode, as for any file the user makes."""
    mode = 0o666 if new else 0o600
    stem = target.name
    while len(os.fsencode(stem)) > _LONGEST_STEM:  # the temporary name must fit where
        stem = stem[: len(stem) // 2]  # the target's name just fits (255 bytes)
    for _ in range(_ATTEMPTS):
        name = str(target.parent / f".{stem}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(name, _FLAGS, mode), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused name for a temporary file", str(target))


def _keep_mode(fd: int, old: os.stat_result) -> None:
    """The old file's group (where the user may set it) and permission bits."""
    if hasattr(os, "fchown"):
        with contextlib.suppress(OSError):
            os.fchown(fd, -1, old.st_gid)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(old.st_mode))


def sync_file(path: Path) -> None:
    """fsync a file written and closed by someone else (pyarrow's Parquet writer), so
    that it is on disk before it is moved into place (POSIX; elsewhere nothing)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """fsync the folder, so that the rename survives a crash (POSIX; elsewhere a folder
    cannot be opened, and there is nothing to do)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as e:
        if e.errno not in _NO_FOLDER_SYNC:
            raise
    finally:
        os.close(fd)
