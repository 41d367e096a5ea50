"""Headless Chromium for the tests that open HTML in a browser (test_report_html.py,
test_display_theme.py): finding the program, opening a page, and reading its PNG
screenshots with the standard library."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent.parent / "tools"
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))

from screenshot_report import command  # noqa: E402 - tools/ is put on the path above


def chromium() -> str:
    """The Chromium program.  Where there is none the test is skipped with the reason —
    unless ``SCIPLAN_REQUIRE_CHROMIUM`` is set, as ``.ci/run`` sets it: there it fails."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        reason = (
            "headless Chromium is needed to test the HTML report and was not found on PATH: "
            "install Debian's packages chromium and fonts-noto-cjk (.ci/run does)"
        )
        if os.environ.get("SCIPLAN_REQUIRE_CHROMIUM"):
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def browse(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Open ``page`` in headless Chromium with ``args`` (its own profile folder)."""
    result = subprocess.run(
        command(chromium(), page, profile, *args),
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-2000:]
    return result


def _unfilter(kind: int, line: bytes, prior: bytes, bpp: int) -> bytes:
    """One scanline of a PNG with its filter undone (None, Sub, Up, Average, Paeth)."""
    if kind == 0:
        return line
    if kind == 2:  # Up: add the bytes above, each modulo 256, all at once
        n = len(line)
        low, high = int.from_bytes(b"\x7f" * n, "big"), int.from_bytes(b"\x80" * n, "big")
        a, b = int.from_bytes(line, "big"), int.from_bytes(prior, "big")
        return (((a & low) + (b & low)) ^ ((a ^ b) & high)).to_bytes(n, "big")
    out = bytearray(line)
    for i in range(len(out)):
        left = out[i - bpp] if i >= bpp else 0
        if kind == 1:
            out[i] = (out[i] + left) & 0xFF
        elif kind == 3:
            out[i] = (out[i] + ((left + prior[i]) >> 1)) & 0xFF
        elif kind == 4:
            up, corner = prior[i], prior[i - bpp] if i >= bpp else 0
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            guess = left if pa <= pb and pa <= pc else up if pb <= pc else corner
            out[i] = (out[i] + guess) & 0xFF
        else:
            raise ValueError(f"unknown PNG filter {kind}")
    return bytes(out)


def png_pixels(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    """Width, height and RGB(A) pixels of an 8-bit, non-interlaced RGB or RGBA PNG, decoded
    with the standard library."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks = 8, []
    width = height = bpp = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert (depth, colour in (2, 6), interlace) == (8, True, 0), "an unusual PNG"
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            chunks.append(body)
    raw = zlib.decompress(b"".join(chunks))
    stride = width * bpp
    prior = bytes(stride)
    pixels: list[tuple[int, ...]] = []
    for y in range(height):
        start = y * (stride + 1)
        prior = _unfilter(raw[start], raw[start + 1 : start + 1 + stride], prior, bpp)
        pixels.extend(zip(*(prior[k::bpp] for k in range(bpp)), strict=True))
    return width, height, pixels
