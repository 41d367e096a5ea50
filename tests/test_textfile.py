"""Tests of sciplan_model._textfile: a plan's .txt, .md or .docx file read into one text."""

from __future__ import annotations

import io
import os
import random
import struct
import sys
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sciplan_model import _textfile
from sciplan_model._textfile import (
    MAX_TEXT_BYTES,
    SUFFIXES,
    decode_text,
    docx_text,
    read_text_file,
)
from sciplan_model._wordml import format_number
from sciplan_model.errors import DocumentReadError, SciplanError, WrongTypeError

# An invented plan: the 2024 work plan of the science bureau of 青禾县 (Qinghe county).
PLAN = (
    "青禾县科学技术局2024年工作计划\n"
    "一、总体目标\n"
    "（一）企业创新\n"
    "1. 新认定高新技术企业15家，争取各级科技经费320万元。\n"
    "2. 组织科技培训12期，培训农民1.8万人次以上。\n"
)


def _refusal(path: str | os.PathLike[str]) -> DocumentReadError:
    """Read ``path``, expecting a DocumentReadError, and return it."""
    with pytest.raises(DocumentReadError) as excinfo:
        read_text_file(path)
    return excinfo.value


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    """Write ``data`` to ``tmp_path / name`` and return the path."""
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---- text files ------------------------------------------------------------------------


def test_suffixes_are_the_three_kinds() -> None:
    """The accepted kinds of file are .txt, .md and .docx."""
    assert SUFFIXES == (".txt", ".md", ".docx")


def test_utf8_text_reads_back_equal(tmp_path: Path) -> None:
    """A UTF-8 file reads back as the text that was written."""
    assert read_text_file(_write(tmp_path, "plan.txt", PLAN.encode())) == PLAN


def test_path_may_be_a_str(tmp_path: Path) -> None:
    """A path given as a str works like a Path."""
    assert read_text_file(str(_write(tmp_path, "plan.txt", PLAN.encode()))) == PLAN


def test_utf8_bom_is_removed(tmp_path: Path) -> None:
    """A UTF-8 byte order mark is not part of the text."""
    path = _write(tmp_path, "plan.txt", b"\xef\xbb\xbf" + PLAN.encode())
    assert read_text_file(path) == PLAN


def test_gb18030_text_is_read(tmp_path: Path) -> None:
    """Text that is not UTF-8 is read as GB18030 (which covers GBK and GB2312)."""
    text = PLAN + "另有㐀字（扩展A）与𠀀字。\n"
    assert read_text_file(_write(tmp_path, "plan.txt", text.encode("gb18030"))) == text


def test_gbk_text_is_read(tmp_path: Path) -> None:
    """A GBK file, as older Windows editors save it, is read."""
    assert read_text_file(_write(tmp_path, "plan.txt", PLAN.encode("gbk"))) == PLAN


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
    ],
)
def test_utf16_and_utf32_with_bom_are_read(tmp_path: Path, bom: bytes, codec: str) -> None:
    """A byte order mark decides the encoding (UTF-16 and UTF-32, either byte order)."""
    path = _write(tmp_path, "plan.txt", bom + PLAN.encode(codec))
    assert read_text_file(path) == PLAN


def test_line_ends_become_newlines(tmp_path: Path) -> None:
    """CRLF and a lone CR become LF, so positions index the returned text."""
    path = _write(tmp_path, "plan.txt", "一、目标\r\n（一）任务\r1. 15家\n".encode())
    assert read_text_file(path) == "一、目标\n（一）任务\n1. 15家\n"


def test_crlf_in_utf16_becomes_newline(tmp_path: Path) -> None:
    """Line ends are converted after decoding, whatever the encoding."""
    path = _write(
        tmp_path, "plan.txt", b"\xff\xfe" + "一、目标\r\n二、措施\r\n".encode("utf-16-le")
    )
    assert read_text_file(path) == "一、目标\n二、措施\n"


def test_markdown_is_returned_as_written(tmp_path: Path) -> None:
    """A .md file keeps its # marks: the outline reader copes with them."""
    text = "# 青禾县2024年科技工作计划\n\n## 一、总体目标\n\n- 新增高新技术企业15家\n"
    assert read_text_file(_write(tmp_path, "plan.md", text.encode())) == text


def test_suffix_case_does_not_matter(tmp_path: Path) -> None:
    """PLAN.TXT is read like plan.txt."""
    assert read_text_file(_write(tmp_path, "PLAN.TXT", PLAN.encode())) == PLAN


def test_decode_text_reads_bytes_in_memory() -> None:
    """decode_text applies the same rules to bytes already in memory."""
    assert decode_text("一、目标\r\n".encode("gb18030")) == "一、目标\n"
    assert decode_text("二、措施".encode()) == "二、措施"


def test_decode_text_names_bytes_by_default() -> None:
    """Without a name, errors about bytes in memory say <bytes>."""
    with pytest.raises(DocumentReadError) as excinfo:
        decode_text(b"")
    assert str(excinfo.value) == "cannot read <bytes>: the file is empty"


def test_decode_text_refuses_str() -> None:
    """decode_text takes bytes; a str is a WrongTypeError (a TypeError)."""
    with pytest.raises(WrongTypeError, match="data must be bytes, not str"):
        decode_text("一、目标")  # type: ignore[arg-type]


def test_a_stray_control_character_is_tolerated(tmp_path: Path) -> None:
    """An old DOS end-of-file mark in a long text does not make it binary."""
    text = PLAN * 3 + "\x1a"
    assert read_text_file(_write(tmp_path, "plan.txt", text.encode())) == text


def test_form_feed_and_tab_are_text(tmp_path: Path) -> None:
    """Tabs and form feeds are ordinary in text files."""
    text = "项目\t经费\n\f国列\t8万元\n"
    assert read_text_file(_write(tmp_path, "plan.txt", text.encode())) == text


# ---- what is not text ----------------------------------------------------------------

_BINARY = "binary data, not text; name a plan's .txt, .md or .docx file"


def test_random_bytes_are_binary(tmp_path: Path) -> None:
    """Random bytes (a fixed seed) are refused as binary data."""
    data = random.Random(20240101).randbytes(4096)
    error = _refusal(_write(tmp_path, "plan.txt", data))
    assert error.reason == _BINARY


def test_png_is_binary(tmp_path: Path) -> None:
    """A PNG image renamed .txt is refused as binary data."""
    header = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + bytes(13)
    assert _refusal(_write(tmp_path, "plan.txt", header)).reason == _BINARY


def test_png_signature_alone_is_binary(tmp_path: Path) -> None:
    """The eight signature bytes of a PNG (no NUL among them) are binary too."""
    assert _refusal(_write(tmp_path, "plan.txt", b"\x89PNG\r\n\x1a\n")).reason == _BINARY


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    """A NUL byte never occurs in UTF-8 or GB18030 text."""
    assert _refusal(_write(tmp_path, "plan.txt", PLAN.encode() + b"\x00")).reason == _BINARY


def test_many_control_characters_are_binary(tmp_path: Path) -> None:
    """More than 1% control characters make data binary, though it decodes."""
    data = ("一、目标" + "\x01\x02\x03") * 10
    assert _refusal(_write(tmp_path, "plan.txt", data.encode())).reason == _BINARY


def test_nul_after_utf16_bom_is_binary(tmp_path: Path) -> None:
    """Decoded text holding NUL characters is binary, whatever its encoding."""
    path = _write(tmp_path, "plan.txt", b"\xfe\xff" + "目标\x00\x00".encode("utf-16-be"))
    assert _refusal(path).reason == _BINARY


def test_undecodable_text_names_the_byte_and_offset(tmp_path: Path) -> None:
    """Bytes neither UTF-8 nor GB18030 are refused, naming where UTF-8 failed."""
    path = _write(tmp_path, "plan.txt", "计划".encode() + b"\xff\xfe\xfd")
    assert str(_refusal(path)) == (
        f"cannot read {path}: not text in UTF-8 or GB18030: byte 0xFF at offset 6 "
        "is not valid UTF-8; save the file as UTF-8"
    )


def test_bad_bytes_after_a_bom_are_refused(tmp_path: Path) -> None:
    """After a UTF-8 byte order mark the rest must be UTF-8; GB18030 is not tried."""
    path = _write(tmp_path, "plan.txt", b"\xef\xbb\xbfab\xff")
    assert _refusal(path).reason == (
        "not valid UTF-8 after its byte order mark: byte 0xFF at offset 5"
    )


def test_odd_utf16_is_refused(tmp_path: Path) -> None:
    """UTF-16 with a byte left over is refused, naming the offset."""
    path = _write(tmp_path, "plan.txt", b"\xff\xfe" + "目标".encode("utf-16-le") + b"A")
    assert _refusal(path).reason == (
        "not valid UTF-16LE after its byte order mark: byte 0x41 at offset 6"
    )


def test_lone_surrogates_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Decoded text must be a valid str; a lone surrogate would be refused."""
    monkeypatch.setattr(_textfile, "_decode", lambda data, name: "目标\ud800")
    with pytest.raises(DocumentReadError) as excinfo:
        decode_text(b"x", "plan.txt")
    assert excinfo.value.reason == "the text holds a lone surrogate at 2"


# ---- empty, missing, unreadable and other files ---------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n", "\u3000\n".encode(), b"\xff\xfe"],
)
def test_empty_files_are_refused(tmp_path: Path, data: bytes) -> None:
    """A file with no bytes, or only blanks and a byte order mark, is empty."""
    path = _write(tmp_path, "plan.txt", data)
    assert str(_refusal(path)) == f"cannot read {path}: the file is empty"


def test_missing_file(tmp_path: Path) -> None:
    """A path to nothing says there is no such file."""
    path = tmp_path / "nowhere.txt"
    error = _refusal(path)
    assert str(error) == f"cannot read {path}: no such file; check the path"
    assert isinstance(error, SciplanError)
    assert isinstance(error, ValueError)


def test_missing_folder_in_the_path(tmp_path: Path) -> None:
    """A path through a file (not a folder) says there is no such file."""
    path = _write(tmp_path, "plan.txt", PLAN.encode()) / "more.txt"
    assert _refusal(path).reason == "no such file; check the path"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    """A folder is not a plan's file."""
    folder = tmp_path / "plans.txt"
    folder.mkdir()
    assert _refusal(folder).reason == "it is a folder; name a .txt, .md, .docx file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_a_pipe_is_refused(tmp_path: Path) -> None:
    """A named pipe is refused before it is opened (reading it could block)."""
    path = tmp_path / "plan.txt"
    os.mkfifo(path)
    assert _refusal(path).reason == "not a regular file (a device, pipe or socket)"


_DENIED = "permission denied; ask for read access to the file or copy it somewhere readable"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    """A file without read permission says so."""
    path = _write(tmp_path, "plan.txt", PLAN.encode())
    path.chmod(0)
    try:
        assert _refusal(path).reason == _DENIED
    finally:
        path.chmod(0o600)


def test_permission_error_on_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PermissionError from opening the file becomes a DocumentReadError."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        """Stand in for open() on a file we may not read."""
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(_textfile, "open", refuse, raising=False)
    for name in ("plan.txt", "plan.docx"):
        assert _refusal(_write(tmp_path, name, b"x")).reason == _DENIED


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("plan.pdf", "cannot read files ending in '.pdf'; accepted are .txt, .md, .docx"),
        ("plan", "cannot read a file without a suffix; accepted are .txt, .md, .docx"),
        (
            "plan.doc",
            "a Word 97-2003 document (.doc) cannot be read; "
            "open it in Word or WPS and save it as .docx",
        ),
        (
            "plan.WPS",
            "a WPS Writer document (.wps) cannot be read; "
            "open it in Word or WPS and save it as .docx",
        ),
    ],
)
def test_other_suffixes_are_refused(tmp_path: Path, name: str, reason: str) -> None:
    """Only .txt, .md and .docx are read; .doc and .wps are told to become .docx."""
    assert _refusal(_write(tmp_path, name, PLAN.encode())).reason == reason


@pytest.mark.parametrize("path", [b"plan.txt", 42, None])
def test_path_must_be_str_or_pathlike(path: object) -> None:
    """A path of another type is a WrongTypeError (a TypeError)."""
    with pytest.raises(WrongTypeError, match=r"path must be a str or os\.PathLike"):
        read_text_file(path)  # type: ignore[arg-type]


def test_large_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text larger than MAX_TEXT_BYTES is refused from its size, never opened."""
    path = tmp_path / "plan.txt"
    with path.open("wb") as stream:
        stream.truncate(MAX_TEXT_BYTES + 1)  # sparse: no disk is spent

    def never(*args: Any, **kwargs: Any) -> Any:
        """Fail the test if the file is opened."""
        raise AssertionError("the file was opened")

    monkeypatch.setattr(_textfile, "open", never, raising=False)
    assert _refusal(path).reason == (
        f"the file has {MAX_TEXT_BYTES + 1} bytes, more than the {MAX_TEXT_BYTES} bytes "
        "allowed; check that it is the right file, or split it"
    )


def test_max_text_bytes_is_twenty_mib() -> None:
    """The limit on text files is 20 MiB."""
    assert MAX_TEXT_BYTES == 20 * 1024 * 1024


def test_a_growing_file_is_read_no_further_than_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that grew after its size was taken is caught by the size of the open file
    (os.fstat), before anything is read."""
    path = _write(tmp_path, "plan.txt", PLAN.encode() * 10)
    limit = 100
    monkeypatch.setattr(_textfile, "MAX_TEXT_BYTES", limit)
    real_stat = _textfile._stat

    def small_stat(p: object) -> tuple[str, os.stat_result]:
        """Report the file as small, as when it was taken before the file grew."""
        name, info = real_stat(p)
        return name, os.stat_result((*info[:6], 10, *info[7:10]))

    asked: list[int] = []
    real_open = open

    def spying_open(name: str, mode: str) -> Any:
        """Open the file and record how much each read asks for."""
        stream = real_open(name, mode)
        real_read = stream.read

        def read(size: int = -1) -> bytes:
            """Record the size asked for and read."""
            asked.append(size)
            data: bytes = real_read(size)
            return data

        stream.read = read  # type: ignore[method-assign]
        return stream

    monkeypatch.setattr(_textfile, "_stat", small_stat)
    monkeypatch.setattr(_textfile, "open", spying_open, raising=False)
    error = _refusal(path)
    assert asked == []
    size = len(PLAN.encode() * 10)
    assert error.reason.startswith(f"the file has {size} bytes, more than the {limit}")


# ---- properties ------------------------------------------------------------------------

_TEXT = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n\r\f"), max_size=200
)


def _normalised(text: str) -> str:
    """``text`` with CRLF and lone CR turned into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@given(_TEXT)
def test_any_text_written_as_utf8_reads_back(text: str) -> None:
    """Any non-blank text written as UTF-8 decodes to itself, line ends normalised."""
    assume(text.replace("\ufeff", "").strip() and not text.startswith("\ufeff"))
    assert decode_text(text.encode()) == _normalised(text)


@given(_TEXT)
def test_any_text_written_as_gb18030_reads_back(text: str) -> None:
    """Non-blank GB18030 text decodes to itself, unless its bytes are UTF-8 too."""
    data = text.encode("gb18030")
    assume(text.replace("\ufeff", "").strip() and not data.startswith(b"\xef\xbb\xbf"))
    try:
        expected = data.decode("utf-8")  # UTF-8 is tried first: the rule, not a loss
    except UnicodeDecodeError:
        expected = text
    assert decode_text(data) == _normalised(expected)


@given(st.binary(max_size=300))
def test_any_bytes_give_text_or_our_error(data: bytes) -> None:
    """Whatever the bytes, the result is a str without CR, or a DocumentReadError."""
    try:
        text = decode_text(data)
    except DocumentReadError:
        return
    assert "\r" not in text
    assert text.strip()


# ---- .docx: building test documents ---------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    "</Types>"
)
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_RELS}/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
_DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_RELS}/numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rId2" Type="{_RELS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)


def _xml(root: str, inner: str) -> str:
    """A WordprocessingML part whose root element ``root`` holds ``inner``."""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} xmlns:w="{_W}">{inner}</w:{root}>'


def _package(body: str, numbering: str = "", styles: str = "") -> bytes:
    """The bytes of a .docx whose body, numbering and styles are given as XML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _PACKAGE_RELS)
        archive.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
        archive.writestr("word/document.xml", _xml("document", f"<w:body>{body}</w:body>"))
        archive.writestr("word/numbering.xml", _xml("numbering", numbering))
        archive.writestr("word/styles.xml", _xml("styles", styles))
    return buffer.getvalue()


def _run(text: str) -> str:
    """A run of ``text``."""
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _p(*content: str, num: tuple[int, int] | None = None, style: str | None = None) -> str:
    """A paragraph of runs (plain strings become runs), numbered or styled if asked."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    inner = "".join(c if c.startswith("<") else _run(c) for c in content)
    return f"<w:p><w:pPr>{props}</w:pPr>{inner}</w:p>" if props else f"<w:p>{inner}</w:p>"


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    """One list level: its start, number format and label text."""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def _abstract(aid: int, *levels: str) -> str:
    """An abstract list with its levels."""
    return f'<w:abstractNum w:abstractNumId="{aid}">{"".join(levels)}</w:abstractNum>'


def _num(nid: int, aid: int, overrides: str = "") -> str:
    """A list instance pointing at an abstract list."""
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


# The outline of a Chinese plan: 一、 › （一） › 1. › （1）
_OUTLINE = _abstract(
    1,
    _lvl(0, "chineseCounting", "%1、"),
    _lvl(1, "chineseCounting", "（%2）"),
    _lvl(2, "decimal", "%3."),
    _lvl(3, "decimal", "（%4）"),
) + _num(1, 1)


def _tc(*paragraphs: str, props: str = "") -> str:
    """A table cell holding paragraphs."""
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(paragraphs)}</w:tc>"


def _table(*rows: str) -> str:
    """A table of rows, each a string of cells."""
    return "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in rows) + "</w:tbl>"


@pytest.fixture
def lxml_installed() -> None:
    """Skip when lxml (which python-docx brings) is not installed."""
    pytest.importorskip("lxml", reason="reading .docx needs the docx extra (lxml)")


def _docx(body: str, numbering: str = "", styles: str = "") -> str:
    """The text of a .docx built from the given parts."""
    return docx_text(_package(body, numbering, styles), "plan.docx")


def _docx_refusal(data: bytes) -> DocumentReadError:
    """Read ``data`` as a .docx, expecting a DocumentReadError, and return it."""
    with pytest.raises(DocumentReadError) as excinfo:
        docx_text(data, "plan.docx")
    return excinfo.value


# ---- .docx: text -----------------------------------------------------------------------


@pytest.mark.usefixtures("lxml_installed")
class TestDocxText:
    """The text of a Word document's body."""

    def test_paragraphs_and_tables_in_document_order(self) -> None:
        """Paragraphs and tables come as they stand; a blank line follows a table."""
        body = (
            _p("一、项目经费")
            + _table(_tc(_p("级别")) + _tc(_p("经费")), _tc(_p("国列")) + _tc(_p("8万元")))
            + _p("二、保障措施")
        )
        assert _docx(body) == "一、项目经费\n级别\t经费\n国列\t8万元\n\n二、保障措施\n"

    def test_read_text_file_reads_docx(self, tmp_path: Path) -> None:
        """read_text_file and docx_text with a path read a .docx file."""
        path = _write(tmp_path, "plan.DOCX", _package(_p("一、总体目标")))
        assert read_text_file(path) == "一、总体目标\n"
        assert docx_text(path) == "一、总体目标\n"
        assert docx_text(str(path), "计划") == "一、总体目标\n"

    def test_breaks_and_tabs(self) -> None:
        """A soft break is a newline, a tab a tab; page and column breaks are dropped."""
        body = _p(
            "目标",
            "<w:r><w:tab/><w:t>15家</w:t><w:br/><w:t>320万元</w:t></w:r>",
            '<w:r><w:br w:type="page"/><w:br w:type="column"/><w:t>完</w:t></w:r>',
        )
        assert _docx(body) == "目标\t15家\n320万元完\n"

    def test_spaces_are_kept(self) -> None:
        """Spaces inside and around runs are kept as written."""
        assert _docx(_p(" 一 ", "二  ")) == " 一 二  \n"

    def test_empty_paragraphs_are_blank_lines(self) -> None:
        """An empty paragraph is an empty line."""
        assert _docx(_p("一、目标") + "<w:p/>" + _p("二、措施")) == "一、目标\n\n二、措施\n"

    def test_hyperlinks_smart_tags_and_content_controls_keep_their_text(self) -> None:
        """Text inside hyperlinks, smart tags, custom XML and content controls is kept."""
        body = _p(
            '<w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships">{_run("青禾县")}</w:hyperlink>',
            f'<w:smartTag w:uri="urn:x" w:element="place">{_run("科技局")}</w:smartTag>',
            f'<w:customXml w:element="x">{_run("计划")}</w:customXml>',
            f"<w:sdt><w:sdtPr/><w:sdtContent>{_run('（2024）')}</w:sdtContent></w:sdt>",
        )
        assert _docx(body) == "青禾县科技局计划（2024）\n"

    def test_block_content_controls_are_read(self) -> None:
        """Paragraphs inside a block-level content control are part of the body."""
        body = f"<w:sdt><w:sdtPr/><w:sdtContent>{_p('一、目标')}</w:sdtContent></w:sdt>"
        assert _docx(body + _p("二、措施")) == "一、目标\n二、措施\n"

    def test_table_of_contents_is_left_out(self) -> None:
        """A table of contents block repeats the headings, so it is left out."""
        entry = _p("一、目标", "<w:r><w:tab/><w:t>3</w:t></w:r>")
        toc = (
            "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="
            f'"Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent>{entry}'
            "</w:sdtContent></w:sdt>"
        )
        assert _docx(toc + _p("一、目标")) == "一、目标\n"

    def test_simple_field_shows_its_result(self) -> None:
        """A w:fldSimple shows its result, not its code."""
        body = _p("共", f'<w:fldSimple w:instr=" =3+12+6 ">{_run("21")}</w:fldSimple>', "项")
        assert _docx(body) == "共21项\n"

    def test_complex_field_shows_its_result(self) -> None:
        """A complex field's code is dropped and its displayed result kept."""
        body = _p(
            "共",
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
            '<w:r><w:instrText xml:space="preserve"> MERGEFIELD 项目数 </w:instrText></w:r>',
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            _run("21"),
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
            "项",
        )
        assert _docx(body) == "共21项\n"

    def test_nested_field_in_a_code_is_hidden(self) -> None:
        """A field nested in another field's code shows nothing of itself."""
        body = _p(
            '<w:r><w:fldChar w:fldCharType="begin"/><w:instrText>IF </w:instrText></w:r>',
            '<w:r><w:fldChar w:fldCharType="begin"/><w:instrText>PAGE</w:instrText>'
            '<w:fldChar w:fldCharType="separate"/><w:t>9</w:t>'
            '<w:fldChar w:fldCharType="end"/></w:r>',
            '<w:r><w:instrText> = 1 "甲" "乙"</w:instrText>'
            '<w:fldChar w:fldCharType="separate"/><w:t>乙</w:t>'
            '<w:fldChar w:fldCharType="end"/></w:r>',
            "类",
        )
        assert _docx(body) == "乙类\n"

    def test_tracked_changes_are_shown_accepted(self) -> None:
        """Deleted text is dropped and inserted text kept, as after accepting changes."""
        body = _p(
            "新认定高新技术企业",
            '<w:del w:id="1" w:author="a"><w:r><w:delText>12</w:delText></w:r></w:del>',
            f'<w:ins w:id="2" w:author="a">{_run("15")}</w:ins>',
            '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>多余</w:t></w:r></w:moveFrom>',
            f'<w:moveTo w:id="4" w:author="a">{_run("家")}</w:moveTo>',
        )
        assert _docx(body) == "新认定高新技术企业15家\n"

    def test_deleted_paragraph_mark_joins_paragraphs(self) -> None:
        """A deleted paragraph mark joins its paragraph to the next one."""
        merged = '<w:p><w:pPr><w:rPr><w:del w:id="5" w:author="a"/></w:rPr></w:pPr>'
        body = merged + _run("培训农民") + "</w:p>" + _p("1.8万人次以上")
        assert _docx(body) == "培训农民1.8万人次以上\n"

    def test_deleted_table_row_is_dropped(self) -> None:
        """A row deleted with tracked changes is not in the text."""
        deleted = f'<w:tr><w:trPr><w:del w:id="6" w:author="a"/></w:trPr>{_tc(_p("旧"))}</w:tr>'
        table = f"<w:tbl>{deleted}<w:tr>{_tc(_p('新'))}</w:tr></w:tbl>"
        assert _docx(table) == "新\n\n"

    def test_hidden_text_is_dropped(self) -> None:
        """Text formatted as hidden (w:vanish) is not shown, so not read."""
        hidden = "<w:r><w:rPr><w:vanish/></w:rPr><w:t>批注</w:t></w:r>"
        shown = '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>320万元</w:t></w:r>'
        assert _docx(_p("经费", hidden, shown)) == "经费320万元\n"

    def test_symbols(self) -> None:
        """A w:sym is its character, unless a symbol font's private-use glyph."""
        body = _p(
            '<w:r><w:sym w:font="SimSun" w:char="2605"/></w:r>',
            '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>',
            "<w:r><w:noBreakHyphen/><w:t>重点</w:t></w:r>",
        )
        assert _docx(body) == "★-重点\n"

    def test_text_boxes_and_drawings_are_left_out(self) -> None:
        """Drawings and alternate content anchored in a run give no text."""
        body = _p(
            "正文",
            "<w:r><w:drawing><w:t>图中字</w:t></w:drawing></w:r>",
        )
        assert _docx(body) == "正文\n"

    def test_cells_join_paragraphs_with_spaces(self) -> None:
        """A cell's paragraphs are joined by spaces, so the row stays one line."""
        cell = _tc(_p("科技特派员"), "<w:p/>", _p("服务", "<w:r><w:br/><w:tab/></w:r>", "村"))
        assert _docx(_table(cell + _tc(_p("30名")))) == "科技特派员 服务  村\t30名\n\n"

    def test_merged_cells_are_written_once(self) -> None:
        """A horizontally merged cell is one field; a vertical merge's rest is empty."""
        table = _table(
            _tc(_p("2024年目标"), props='<w:gridSpan w:val="2"/>') + _tc(_p("备注")),
            _tc(_p("国列"), props='<w:vMerge w:val="restart"/>') + _tc(_p("3项")) + _tc(_p("")),
            _tc(_p("国列"), props="<w:vMerge/>") + _tc(_p("8万元")) + _tc(_p("")),
        )
        assert _docx(table) == "2024年目标\t备注\n国列\t3项\t\n\t8万元\t\n\n"

    def test_nested_tables_are_flattened_into_their_cell(self) -> None:
        """A table inside a cell becomes that cell's text, on the row's line."""
        inner = _table(_tc(_p("省列")) + _tc(_p("12项")), _tc(_p("市列")) + _tc(_p("6项")))
        table = _table(_tc(_p("其中"), inner) + _tc(_p("21项")))
        assert _docx(table) == "其中 省列 12项 市列 6项\t21项\n\n"

    def test_empty_body_holds_no_text(self) -> None:
        """A document without text is refused, like an empty text file."""
        error = _docx_refusal(_package(_p("   ") + _table(_tc(_p("")))))
        assert str(error) == "cannot read plan.docx: the document holds no text"

    def test_python_docx_documents_are_read(self, tmp_path: Path) -> None:
        """A document made by python-docx reads as its paragraphs and table."""
        docx = pytest.importorskip("docx", reason="python-docx builds this document")
        document = docx.Document()
        document.add_paragraph("一、总体目标")
        document.add_paragraph("新认定高新技术企业15家。")
        table = document.add_table(rows=2, cols=2)
        for (r, c), text in {
            (0, 0): "项目",
            (0, 1): "经费",
            (1, 0): "星火计划",
            (1, 1): "320万元",
        }.items():
            table.cell(r, c).text = text
        document.add_paragraph("二、保障措施")
        path = tmp_path / "plan.docx"
        document.save(str(path))
        assert read_text_file(path) == (
            "一、总体目标\n新认定高新技术企业15家。\n项目\t经费\n星火计划\t320万元\n\n二、保障措施\n"
        )

    def test_our_test_documents_open_in_python_docx(self) -> None:
        """The documents these tests build are real .docx files for python-docx too."""
        docx = pytest.importorskip("docx", reason="python-docx checks the test documents")
        document = docx.Document(io.BytesIO(_package(_p("一、目标"), _OUTLINE)))
        assert [p.text for p in document.paragraphs] == ["一、目标"]


_XML_TEXT = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"),
    max_size=80,
)


@given(_XML_TEXT, _XML_TEXT)
def test_any_text_in_a_docx_reads_back(first: str, second: str) -> None:
    """Any text in two paragraphs of a .docx reads back as two lines."""
    pytest.importorskip("lxml", reason="reading .docx needs the docx extra (lxml)")
    assume((first + second).strip())
    body = _p(xml_escape(first)) + _p(xml_escape(second))
    assert _docx(body) == f"{first}\n{second}\n"


# ---- .docx: numbering --------------------------------------------------------------------


@pytest.mark.usefixtures("lxml_installed")
class TestDocxNumbering:
    """Word's automatic numbering, written out as Word displays it."""

    def test_outline_levels_restart(self) -> None:
        """一、 （一） 1. （1） count per level; a higher level restarts the lower ones."""
        body = (
            _p("总体目标", num=(1, 0))
            + _p("企业创新", num=(1, 1))
            + _p("新认定高新技术企业15家", num=(1, 2))
            + _p("其中省级3家", num=(1, 3))
            + _p("其中市级12家", num=(1, 3))
            + _p("争取经费320万元", num=(1, 2))
            + _p("其中国拨100万元", num=(1, 3))
            + _p("人才培训", num=(1, 1))
            + _p("培训12期", num=(1, 2))
            + _p("保障措施", num=(1, 0))
            + _p("组织保障", num=(1, 1))
            + _p("明确责任", num=(1, 2))
        )
        assert _docx(body, _OUTLINE) == (
            "一、总体目标\n（一）企业创新\n1. 新认定高新技术企业15家\n（1）其中省级3家\n"
            "（2）其中市级12家\n2. 争取经费320万元\n（1）其中国拨100万元\n（二）人才培训\n"
            "1. 培训12期\n二、保障措施\n（一）组织保障\n1. 明确责任\n"
        )

    def test_chinese_counting_to_twenty_one(self) -> None:
        """chineseCounting goes 一 … 十 十一 … 二十 二十一, as Word shows it."""
        body = "".join(_p(f"任务{k}", num=(1, 0)) for k in range(1, 22))
        lines = _docx(body, _OUTLINE).splitlines()
        assert [line.split("、")[0] for line in lines] == [
            *"一二三四五六七八九十",
            *("十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"),
            "二十一",
        ]
        assert lines[20] == "二十一、任务21"

    def test_multi_level_label(self) -> None:
        """A label like %1.%2 shows every level it names."""
        numbering = _abstract(
            2,
            _lvl(0, "decimal", "%1"),
            _lvl(1, "decimal", "%1.%2", extra='<w:suff w:val="space"/>'),
        ) + _num(7, 2)
        body = _p("目标", num=(7, 0)) + _p("企业", num=(7, 1)) + _p("人才", num=(7, 1))
        body += _p("措施", num=(7, 0)) + _p("资金", num=(7, 1))
        assert _docx(body, numbering) == "1 目标\n1.1 企业\n1.2 人才\n2 措施\n2.1 资金\n"

    def test_lvl_restart_zero_never_restarts(self) -> None:
        """w:lvlRestart 0 keeps a level counting across its parents."""
        numbering = _abstract(
            3,
            _lvl(0, "chineseCounting", "%1、"),
            _lvl(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>'),
        ) + _num(3, 3)
        body = (
            _p("甲", num=(3, 0)) + _p("a", num=(3, 1)) + _p("乙", num=(3, 0)) + _p("b", num=(3, 1))
        )
        assert _docx(body, numbering) == "一、甲\n1. a\n二、乙\n2. b\n"

    def test_lists_sharing_an_abstract_continue(self) -> None:
        """Two nums of one abstract list share its counters, as in Word."""
        numbering = _OUTLINE + _num(2, 1)
        body = _p("目标", num=(1, 0)) + _p("正文") + _p("措施", num=(2, 0))
        assert _docx(body, numbering) == "一、目标\n正文\n二、措施\n"

    def test_start_override_restarts_a_list(self) -> None:
        """A num with w:startOverride is a list of its own, from that start."""
        override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
        numbering = _OUTLINE + _num(2, 1, override)
        body = _p("目标", num=(1, 0)) + _p("措施", num=(1, 0))
        body += _p("附件一", num=(2, 0)) + _p("附件二", num=(2, 0)) + _p("保障", num=(1, 0))
        assert _docx(body, numbering) == "一、目标\n二、措施\n一、附件一\n二、附件二\n三、保障\n"

    def test_level_override_replaces_a_level(self) -> None:
        """A w:lvlOverride holding a w:lvl changes that level's format for its num."""
        override = f'<w:lvlOverride w:ilvl="0">{_lvl(0, "upperLetter", "%1)")}</w:lvlOverride>'
        numbering = _OUTLINE + _num(4, 1, override)
        assert _docx(_p("甲", num=(4, 0)) + _p("乙", num=(4, 0)), numbering) == "A) 甲\nB) 乙\n"

    def test_start_value(self) -> None:
        """A level counts from its w:start."""
        numbering = _abstract(5, _lvl(0, "decimal", "%1.", start=3)) + _num(5, 5)
        assert _docx(_p("一", num=(5, 0)) + _p("二", num=(5, 0)), numbering) == "3. 一\n4. 二\n"

    def test_heading_style_numbering(self) -> None:
        """A paragraph style carrying numPr numbers its paragraphs; the level follows the style."""
        numbering = _abstract(
            6,
            _lvl(0, "chineseCounting", "%1、", extra='<w:pStyle w:val="Heading1"/>'),
            _lvl(1, "chineseCounting", "（%2）", extra='<w:pStyle w:val="Heading2"/>'),
        ) + _num(6, 6)
        styles = (
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
            '<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/>'
            '<w:pPr><w:numPr><w:numId w:val="6"/></w:numPr></w:pPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/>'
            '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="6"/></w:numPr></w:pPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style>'
        )
        body = (
            _p("总体目标", style="Heading1")
            + _p("企业", style="Heading2")
            + _p("正文")
            + _p("保障措施", style="MyHeading")
            + _p("不编号", style="Heading1", num=(0, 0))
        )
        assert _docx(body, numbering, styles) == (
            "一、总体目标\n（一）企业\n正文\n二、保障措施\n不编号\n"
        )

    @pytest.mark.parametrize(
        ("suffix", "label", "expected"),
        [
            ("", "%1、", "一、目标\n"),
            ("", "（%1）", "（一）目标\n"),
            ("", "%1.", "一. 目标\n"),
            ('<w:suff w:val="space"/>', "%1、", "一、 目标\n"),
            ('<w:suff w:val="nothing"/>', "%1.", "一.目标\n"),
            ('<w:suff w:val="tab"/>', "第%1章", "第一章目标\n"),
        ],
    )
    def test_separator_after_the_label(self, suffix: str, label: str, expected: str) -> None:
        """A tab after a label is nothing after a wide character, else a space."""
        numbering = _abstract(8, _lvl(0, "chineseCounting", label, extra=suffix)) + _num(8, 8)
        assert _docx(_p("目标", num=(8, 0)), numbering) == expected

    def test_bullets_have_no_label(self) -> None:
        """A bulleted paragraph is written without its bullet glyph."""
        numbering = _abstract(9, _lvl(0, "bullet", "\uf06c")) + _num(9, 9)
        assert _docx(_p("宣传", num=(9, 0)), numbering) == "宣传\n"

    def test_legal_numbering_is_decimal(self) -> None:
        """A level marked w:isLgl writes every level's number in decimal."""
        numbering = _abstract(
            10,
            _lvl(0, "chineseCounting", "%1、"),
            _lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>"),
        ) + _num(10, 10)
        body = _p("目标", num=(10, 0)) + _p("企业", num=(10, 1))
        assert _docx(body, numbering) == "一、目标\n1.1 企业\n"

    def test_deleted_numbered_paragraph_does_not_count(self) -> None:
        """A numbered paragraph deleted with tracked changes leaves the numbering intact."""
        deleted = (
            '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
            '<w:rPr><w:del w:id="7" w:author="a"/></w:rPr></w:pPr>'
            '<w:del w:id="8" w:author="a"><w:r><w:delText>删去</w:delText></w:r></w:del></w:p>'
        )
        body = _p("目标", num=(1, 0)) + deleted + _p("措施", num=(1, 0))
        assert _docx(body, _OUTLINE) == "一、目标\n二、措施\n"

    def test_list_style_links_are_followed(self) -> None:
        """A list defined through a numbering style (numStyleLink) counts with its source."""
        numbering = (
            _abstract(20, '<w:styleLink w:val="PlanList"/>', _lvl(0, "chineseCounting", "%1、"))
            + '<w:abstractNum w:abstractNumId="21"><w:numStyleLink w:val="PlanList"/>'
            "</w:abstractNum>" + _num(20, 20) + _num(21, 21)
        )
        styles = (
            '<w:style w:type="numbering" w:styleId="PlanList">'
            '<w:pPr><w:numPr><w:numId w:val="20"/></w:numPr></w:pPr></w:style>'
        )
        body = _p("目标", num=(20, 0)) + _p("任务", num=(21, 0)) + _p("措施", num=(21, 0))
        assert _docx(body, numbering, styles) == "一、目标\n二、任务\n三、措施\n"

    def test_numbering_counts_in_table_cells(self) -> None:
        """Numbered paragraphs in cells count in document order with the body."""
        body = _p("目标", num=(1, 0)) + _table(_tc(_p("措施", num=(1, 0))) + _tc(_p("15家")))
        assert _docx(body, _OUTLINE) == "一、目标\n二、措施\t15家\n\n"

    def test_unknown_lists_give_no_label(self) -> None:
        """A numId or level that numbering.xml does not define gives no label."""
        body = _p("甲", num=(99, 0)) + _p("乙", num=(1, 7))
        assert _docx(body, _OUTLINE) == "甲\n乙\n"

    def test_numbering_without_numbering_part(self) -> None:
        """A document without numbering.xml reads without labels."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(
                "word/document.xml", _xml("document", f"<w:body>{_p('甲', num=(1, 0))}</w:body>")
            )
        assert docx_text(buffer.getvalue()) == "甲\n"


@pytest.mark.parametrize(
    ("fmt", "numbers", "expected"),
    [
        ("decimal", (1, 10, 123), ["1", "10", "123"]),
        ("decimalZero", (1, 9, 10), ["01", "09", "10"]),
        ("decimalFullWidth", (1, 12), ["１", "１２"]),
        ("decimalEnclosedCircle", (1, 20, 21), ["①", "⑳", "21"]),
        ("decimalEnclosedCircleChinese", (2, 10), ["②", "⑩"]),
        ("decimalEnclosedParen", (1, 3), ["⑴", "⑶"]),
        ("decimalEnclosedFullstop", (1, 3), ["⒈", "⒊"]),
        ("ideographEnclosedCircle", (1, 10, 11), ["㊀", "㊉", "11"]),
        ("upperLetter", (1, 26, 27, 53), ["A", "Z", "AA", "AAA"]),
        ("lowerLetter", (2, 28), ["b", "bb"]),
        ("upperRoman", (4, 9, 14, 1999), ["IV", "IX", "XIV", "MCMXCIX"]),
        ("lowerRoman", (3, 40, 4000), ["iii", "xl", "4000"]),
        (
            "chineseCounting",
            (1, 10, 11, 19, 20, 21, 99),
            ["一", "十", "十一", "十九", "二十", "二十一", "九十九"],
        ),
        ("chineseCounting", (100, 101, 110), ["一○○", "一○一", "一一○"]),
        (
            "chineseCountingThousand",
            (10, 11, 21, 100, 105, 110),
            ["十", "十一", "二十一", "一百", "一百〇五", "一百一十"],
        ),
        (
            "chineseCountingThousand",
            (1000, 1001, 1010, 2345, 10000),
            ["一千", "一千〇一", "一千〇一十", "二千三百四十五", "10000"],
        ),
        (
            "chineseLegalSimplified",
            (1, 10, 11, 20, 105),
            ["壹", "壹拾", "壹拾壹", "贰拾", "壹佰零伍"],
        ),
        ("ideographDigital", (1, 10), ["一", "一〇"]),
        ("ideographTraditional", (1, 10, 11), ["甲", "癸", "11"]),
        ("ideographZodiac", (1, 12, 13), ["子", "亥", "13"]),
        ("none", (1,), [""]),
        ("bullet", (1,), [""]),
        ("cardinalText", (3,), ["3"]),
    ],
)
def test_number_formats(fmt: str, numbers: tuple[int, ...], expected: list[str]) -> None:
    """Each number format writes a counter as Word does; others fall back to decimal."""
    assert [format_number(n, fmt) for n in numbers] == expected


# ---- .docx: what cannot be read -----------------------------------------------------------


@pytest.mark.usefixtures("lxml_installed")
class TestDocxRefusals:
    """Files that are not Word documents, or are damaged, are refused with a reason."""

    def test_not_a_zip(self, tmp_path: Path) -> None:
        """A text file renamed .docx is not a zip archive."""
        path = _write(tmp_path, "plan.docx", PLAN.encode())
        assert str(_refusal(path)) == (
            f"cannot read {path}: not a Word document (a .docx file is a zip archive)"
        )

    def test_ole_file(self) -> None:
        """An old .doc or an encrypted .docx (both OLE files) gets its own reason."""
        data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
        assert _docx_refusal(data).reason == (
            "an old Word (.doc) or password-protected document, not a zip archive; "
            "save it in Word as .docx without a password"
        )

    def test_empty_docx(self, tmp_path: Path) -> None:
        """A 0-byte .docx is empty."""
        assert _refusal(_write(tmp_path, "plan.docx", b"")).reason == "the file is empty"
        assert _docx_refusal(b"").reason == "the file is empty"

    def test_zip_without_document(self) -> None:
        """A zip archive without word/document.xml (a workbook, say) is refused."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("xl/workbook.xml", "<workbook/>")
        assert _docx_refusal(buffer.getvalue()).reason == (
            "the zip archive has no word/document.xml, so it is not a Word document "
            "(an Excel or PowerPoint file renamed?)"
        )

    @pytest.mark.parametrize(
        ("part", "xml"),
        [("word/document.xml", "<w:document"), ("word/numbering.xml", "<a><b></a>")],
    )
    def test_damaged_xml(self, part: str, xml: str) -> None:
        """Broken XML in a part is a reason naming the part, not a parser traceback."""
        parts = {"word/document.xml": _xml("document", "<w:body/>"), part: xml}
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, text in parts.items():
                archive.writestr(name, text)
        reason = _docx_refusal(buffer.getvalue()).reason
        assert reason.startswith(f"{part} is damaged (")
        assert reason.endswith("); open the file in Word and save it again")
        assert "\n" not in reason

    def test_not_a_word_body(self) -> None:
        """word/document.xml whose root is not w:document is refused."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/document.xml", "<html/>")
        assert _docx_refusal(buffer.getvalue()).reason == (
            "word/document.xml is not a Word document's body; save the file again in Word"
        )

    def test_strict_open_xml(self) -> None:
        """A Strict Open XML document is told to be saved as an ordinary .docx."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(
                "word/document.xml",
                '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"/>',
            )
        assert _docx_refusal(buffer.getvalue()).reason == (
            "a Strict Open XML document; save it in Word as an ordinary .docx"
        )

    def test_zip_bomb_is_refused_from_the_directory(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A part that says it uncompresses beyond the bound is refused before reading."""
        monkeypatch.setattr(_textfile, "MAX_PART_BYTES", 1000)
        data = _package(_p("十" * 1000))
        assert _docx_refusal(data).reason.startswith("word/document.xml would uncompress to ")

    def test_lying_sizes_are_caught_by_the_bounded_reader(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A part that understates its size is read no further and refused as damaged."""
        monkeypatch.setattr(_textfile, "MAX_PART_BYTES", 1000)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/document.xml", "<a>" + "x" * 100_000 + "</a>")
        data = bytearray(buffer.getvalue())
        local = data.find(b"PK\x03\x04")
        central = data.find(b"PK\x01\x02")
        struct.pack_into("<I", data, local + 22, 500)  # uncompressed size, local header
        struct.pack_into("<I", data, central + 24, 500)  # and central directory
        assert _docx_refusal(bytes(data)).reason == (
            "the archive is damaged: word/document.xml cannot be uncompressed; save the file again"
        )

    def test_large_docx_is_refused_before_reading(self, tmp_path: Path) -> None:
        """A .docx above MAX_DOCX_BYTES is refused from its size."""
        path = tmp_path / "plan.docx"
        with path.open("wb") as stream:
            stream.truncate(_textfile.MAX_DOCX_BYTES + 1)
        assert _refusal(path).reason.startswith(
            f"the file has {_textfile.MAX_DOCX_BYTES + 1} bytes, more than the"
        )

    def test_encrypted_part(self) -> None:
        """A zip part flagged as encrypted is refused with a reason."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/document.xml", _xml("document", "<w:body/>"))
        data = bytearray(buffer.getvalue())
        for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            at = data.find(signature) + offset
            struct.pack_into("<H", data, at, struct.unpack_from("<H", data, at)[0] | 1)
        assert _docx_refusal(bytes(data)).reason == (
            "word/document.xml is encrypted; save the document without a password"
        )


def test_docx_without_lxml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without python-docx (and its lxml) a .docx is refused, saying what to install."""
    monkeypatch.setitem(sys.modules, "lxml", None)
    monkeypatch.setitem(sys.modules, "lxml.etree", None)
    path = _write(tmp_path, "plan.docx", _package(_p("一、目标")))
    assert _refusal(path).reason == (
        'reading .docx files needs lxml: pip install "sciplan_model[docx]"'
    )


def test_docx_text_refuses_a_missing_path(tmp_path: Path) -> None:
    """docx_text with a path checks the file like read_text_file."""
    with pytest.raises(DocumentReadError, match="no such file"):
        docx_text(tmp_path / "nowhere.docx")
