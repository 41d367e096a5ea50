"""A plan's file read into the one text that the plan reader scans.

Bureaus keep plans as plain text (``.txt``, ``.md``) and as Word documents (``.docx``);
:func:`read_text_file` turns either into one ``str``. Every position the reader reports
(code points, half-open spans) indexes into that string, so the same file always gives
the same text, and it is the text a person sees: line ends are ``"\\n"``, and Word's
automatic numbering (``一、`` ``（一）`` ``1.``) is written before its paragraph.

Text files: a byte order mark (UTF-8, UTF-16, UTF-32) decides the encoding, else strict
UTF-8, else strict GB18030 (which covers GBK and GB2312); NUL bytes, or more than 1%
control characters, are binary data. Word files are read with ``lxml``, which the
``sciplan_model[docx]`` extra brings. Every failure is a
:class:`~sciplan_model.errors.DocumentReadError` whose one-line reason says what is
wrong and what to do.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from typing import IO, Any

from ._wordml import body_text, w
from .errors import DocumentReadError, WrongTypeError

__all__ = ["MAX_TEXT_BYTES", "SUFFIXES", "decode_text", "docx_text", "read_text_file"]

#: The kinds of file a plan can be read from (compared without regard to case).
SUFFIXES: tuple[str, ...] = (".txt", ".md", ".docx")

#: The largest text file read. The longest plan is a few hundred pages, well under
#: 1 MiB; 20 MiB leaves room for a year's plans of a whole province in one file while
#: keeping the decoded string (at most 4 bytes a code point in CPython, so ~80 MiB) and
#: the reader's linear scans cheap. A bigger file is almost surely not a plan's text.
MAX_TEXT_BYTES: int = 20 * 1024 * 1024

#: The largest .docx file opened. Photos make Word files large, but only the archive's
#: directory and three XML parts are ever read, so the bound is generous; it also caps
#: what a hostile archive's directory can make ``zipfile`` hold in memory.
MAX_DOCX_BYTES: int = 128 * 1024 * 1024

#: The most bytes the XML parts read from a .docx (document, styles, numbering) may
#: uncompress to, each and all together: ten times the largest text, since Word's
#: markup around each run is several times the run's text. A zip bomb (a few KiB that
#: claim gigabytes) is refused from the archive's directory, and the parts are read with
#: a reader that stops one byte past what is left of this bound.
MAX_PART_BYTES: int = 200 * 1024 * 1024

_ACCEPTED = ", ".join(SUFFIXES)
_OLD_FORMATS = {".doc": "a Word 97-2003 document (.doc)", ".wps": "a WPS Writer document (.wps)"}
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32LE"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32BE"),
    (b"\xff\xfe", "utf-16-le", "UTF-16LE"),
    (b"\xfe\xff", "utf-16-be", "UTF-16BE"),
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes(range(0x09)) + b"\x0b" + bytes(range(0x0E, 0x20)) + b"\x7f"
_SURROGATE = re.compile("[\ud800-\udfff]")
_BINARY = "binary data, not text; name a plan's .txt, .md or .docx file"
_EMPTY = "the file is empty"


def read_text_file(path: str | os.PathLike[str]) -> str:
    """Read a plan's ``.txt``, ``.md`` or ``.docx`` file into its text.

    Line ends in the result are ``"\\n"`` only (``"\\r\\n"`` and a lone ``"\\r"`` are
    converted), so positions found by the reader index the *returned* text, not the
    file's bytes. A ``.md`` file is returned as written (its ``#`` marks stay). Raises
    :class:`~sciplan_model.errors.DocumentReadError` for a file that is missing, not a
    regular file, unreadable, of another kind, empty, too large, not text or damaged.
    """
    name, info = _stat(path)
    suffix = os.path.splitext(name)[1].lower()
    if suffix in _OLD_FORMATS:
        raise DocumentReadError(
            name,
            f"{_OLD_FORMATS[suffix]} cannot be read; open it in Word or WPS and save it as .docx",
        )
    if suffix not in SUFFIXES:
        what = f"files ending in {suffix!r}" if suffix else "a file without a suffix"
        raise DocumentReadError(name, f"cannot read {what}; accepted are {_ACCEPTED}")
    if suffix == ".docx":
        return _docx_file(name, info)
    if info.st_size > MAX_TEXT_BYTES:
        raise DocumentReadError(name, _too_large(info.st_size, MAX_TEXT_BYTES))
    return decode_text(_read_bounded(name, MAX_TEXT_BYTES), name)


def decode_text(data: bytes, name: str = "<bytes>") -> str:
    """Decode a plan's bytes by the rules of this module (BOM, UTF-8, GB18030).

    ``name`` only names the data in errors. Line ends become ``"\\n"``.

    >>> decode_text("一、总体目标\\r\\n".encode("gb18030"))
    '一、总体目标\\n'
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise WrongTypeError("data", "bytes", type(data).__name__)
    data = bytes(data)
    if not data:
        raise DocumentReadError(name, _EMPTY)
    text = _decode(data, name)
    if _looks_binary(text):
        raise DocumentReadError(name, _BINARY)
    found = _SURROGATE.search(text)
    if found:  # strict codecs never give one; checked so the promise holds
        raise DocumentReadError(name, f"the text holds a lone surrogate at {found.start()}")
    text = _normalise_line_ends(text)
    if not text.replace("\ufeff", "").strip():
        raise DocumentReadError(name, _EMPTY)
    return text


def docx_text(source: bytes | str | os.PathLike[str], name: str | None = None) -> str:
    """The text of a Word (.docx) document, given as its bytes or its path.

    Body content comes in document order: each paragraph is its text and ``"\\n"``;
    a soft line break is ``"\\n"``, a tab ``"\\t"``; page and column breaks are dropped.
    Text in hyperlinks, smart tags, content controls and the displayed results of fields
    is kept; tracked changes are shown accepted (inserted text kept, deleted text and
    deleted paragraph marks dropped); hidden text (``w:vanish``) is dropped.

    A table gives one line a row, its cells joined by ``"\\t"``, and a blank line after
    it. A cell's paragraphs (and any nested table's cells) are joined by ``" "``, so a
    cell never breaks its row's line; a cell spanning columns is one field; a cell that
    continues a vertical merge is an empty field, so the merged text is written once.

    Word's automatic numbering is written before its paragraph as Word displays it
    (see ``_wordml.format_number`` for the number formats); a bullet is written as nothing.
    Word puts a tab after a label by default: it is written as nothing after a wide
    (CJK) character, so ``一、总体目标`` and ``（一）重点任务`` read as typed, and as one
    space otherwise (``1. 目标``), so a label never runs into a figure; a ``space``
    separator is a space and ``nothing`` is nothing.

    Left out: headers, footers, footnotes, endnotes, comments (they are not the plan's
    running text), text boxes and drawings (anchored outside the text flow), equations,
    and a table of contents block (it repeats the headings with page numbers).
    """
    if isinstance(source, bytes | bytearray | memoryview):
        label = name or "<bytes>"
        if not source:
            raise DocumentReadError(label, _EMPTY)
        return _docx(io.BytesIO(bytes(source)), label)
    path, info = _stat(source)
    return _docx_file(name or path, info, path)


# ---- files and bytes ---------------------------------------------------------------


def _stat(path: object) -> tuple[str, os.stat_result]:
    """The path as a str and its status, or the reason it cannot be a plan's file."""
    name = os.fspath(path) if isinstance(path, str | os.PathLike) else None
    if not isinstance(name, str):
        raise WrongTypeError("path", "a str or os.PathLike[str]", type(path).__name__)
    try:
        info = os.stat(name)
    except (FileNotFoundError, NotADirectoryError):
        raise DocumentReadError(name, "no such file; check the path") from None
    except PermissionError:
        raise DocumentReadError(name, _DENIED) from None
    except (OSError, ValueError) as error:
        raise DocumentReadError(name, f"cannot look at the file ({_why(error)})") from None
    if stat.S_ISDIR(info.st_mode):
        raise DocumentReadError(name, f"it is a folder; name a {_ACCEPTED} file")
    if not stat.S_ISREG(info.st_mode):
        raise DocumentReadError(name, "not a regular file (a device, pipe or socket)")
    return name, info


_DENIED = "permission denied; ask for read access to the file or copy it somewhere readable"


def _why(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error).splitlines()[0]


def _too_large(size: int, limit: int) -> str:
    return (
        f"the file has {size} bytes, more than the {limit} bytes allowed; "
        "check that it is the right file, or split it"
    )


def _read_bounded(name: str, limit: int) -> bytes:
    """At most ``limit`` bytes of the file: its size is checked on the open file before
    anything is read, and more than ``limit`` (the file grew) is refused."""
    try:
        with open(name, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > limit:
                raise DocumentReadError(name, _too_large(size, limit))
            data = stream.read(limit + 1)
    except PermissionError:
        raise DocumentReadError(name, _DENIED) from None
    except OSError as error:
        raise DocumentReadError(name, f"cannot read the file ({_why(error)})") from None
    if len(data) > limit:
        raise DocumentReadError(name, _too_large(len(data), limit))
    return data


def _decode(data: bytes, name: str) -> str:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as error:
                where = _where(data, error.start + len(bom))
                raise DocumentReadError(
                    name, f"not valid {label} after its byte order mark: {where}"
                ) from None
    if b"\x00" in data:
        raise DocumentReadError(name, _BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        first = error.start
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls * 100 > len(data):
        raise DocumentReadError(name, _BINARY)
    raise DocumentReadError(
        name,
        f"not text in UTF-8 or GB18030: {_where(data, first)} is not valid UTF-8; "
        "save the file as UTF-8",
    )


def _where(data: bytes, offset: int) -> str:
    return f"byte 0x{data[offset]:02X} at offset {offset}"


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    if not _CONTROL.search(text):
        return False
    controls = sum(1 for _ in _CONTROL.finditer(text))
    return controls * 100 > len(text)


def _normalise_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---- the .docx archive -------------------------------------------------------------


def _docx_file(name: str, info: os.stat_result, path: str | None = None) -> str:
    if info.st_size == 0:
        raise DocumentReadError(name, _EMPTY)
    if info.st_size > MAX_DOCX_BYTES:
        raise DocumentReadError(name, _too_large(info.st_size, MAX_DOCX_BYTES))
    path = path or name
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size  # the file opened, not the one looked at
            if size > MAX_DOCX_BYTES:
                raise DocumentReadError(name, _too_large(size, MAX_DOCX_BYTES))
            return _docx(stream, name)
    except PermissionError:
        raise DocumentReadError(name, _DENIED) from None
    except OSError as error:
        raise DocumentReadError(name, f"cannot read the file ({_why(error)})") from None


def _lxml(name: str) -> Any:
    try:
        from lxml import etree  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise DocumentReadError(
            name,
            'reading .docx files needs lxml: pip install "sciplan_model[docx]"',
        ) from None
    return etree


def _docx(stream: IO[bytes], name: str) -> str:
    etree = _lxml(name)
    parts = _read_parts(stream, name)
    document = _parse(etree, parts, "word/document.xml", name)
    if document.tag != w("document"):
        strict = document.tag.startswith("{http://purl.oclc.org/ooxml/")
        reason = (
            "a Strict Open XML document; save it in Word as an ordinary .docx"
            if strict
            else "word/document.xml is not a Word document's body; save the file again in Word"
        )
        raise DocumentReadError(name, reason)
    styles = _parse(etree, parts, "word/styles.xml", name)
    numbering = _parse(etree, parts, "word/numbering.xml", name)
    text = body_text(document, styles, numbering)
    text = _normalise_line_ends(text)
    if not text.strip():
        raise DocumentReadError(name, "the document holds no text")
    return text


_PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml")


def _read_parts(stream: IO[bytes], name: str) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        stream.seek(0)
        if stream.read(8) == _OLE_MAGIC:
            raise DocumentReadError(
                name,
                "an old Word (.doc) or password-protected document, not a zip archive; "
                "save it in Word as .docx without a password",
            ) from None
        raise DocumentReadError(
            name, "not a Word document (a .docx file is a zip archive)"
        ) from None
    with archive:
        members = {info.filename.lower(): info for info in archive.infolist()}
        if _PARTS[0] not in members:
            raise DocumentReadError(
                name,
                "the zip archive has no word/document.xml, so it is not a Word document "
                "(an Excel or PowerPoint file renamed?)",
            )
        wanted = [members[part] for part in _PARTS if part in members]
        for info in wanted:
            _check_claim(info, name)
        claimed = sum(info.file_size for info in wanted)
        if claimed > MAX_PART_BYTES:  # each part within the bound, but not all together
            raise DocumentReadError(
                name,
                f"its parts would uncompress to {claimed} bytes, more than the "
                f"{MAX_PART_BYTES} allowed; the file is damaged or not a real document",
            )
        parts: dict[str, bytes] = {}
        left = MAX_PART_BYTES
        for info in wanted:
            data = _read_member(archive, info, name, left)
            parts[info.filename.lower()] = data
            left -= len(data)
        return parts


def _check_claim(info: zipfile.ZipInfo, name: str) -> None:
    """Refuse a part whose size in the archive's directory is past the bound."""
    if info.file_size > MAX_PART_BYTES:
        raise DocumentReadError(
            name,
            f"{info.filename} would uncompress to {info.file_size} bytes, more than the "
            f"{MAX_PART_BYTES} allowed; the file is damaged or not a real document",
        )


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limit: int) -> bytes:
    """A part's bytes, at most ``limit`` of them (what is left of the bound on all the
    parts read)."""
    part = info.filename
    if info.flag_bits & 0x1:
        raise DocumentReadError(name, f"{part} is encrypted; save the document without a password")
    try:
        with archive.open(info) as member:
            data = member.read(limit + 1)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError):
        raise DocumentReadError(
            name, f"the archive is damaged: {part} cannot be uncompressed; save the file again"
        ) from None
    if len(data) > limit:
        raise DocumentReadError(
            name, f"its parts uncompress to more than the {MAX_PART_BYTES} bytes allowed"
        )
    return data


def _parse(etree: Any, parts: dict[str, bytes], part: str, name: str) -> Any:
    data = parts.get(part)
    if data is None:
        return None
    # no entities expanded, nothing fetched, libxml2's limits on depth and text kept
    safe = {"resolve_entities": False, "no_network": True, "load_dtd": False}
    parser = etree.XMLParser(**safe, huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        detail = (getattr(error, "msg", None) or "not well-formed XML").splitlines()[0]
        detail = detail.replace(", use XML_PARSE_HUGE option", "")  # a hint for programmers
        raise DocumentReadError(
            name, f"{part} is damaged ({detail}); open the file in Word and save it again"
        ) from None
