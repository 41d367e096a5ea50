"""Write docs/report.png: the HTML report of the bundled plan 篇3 as headless Chromium
shows it in a 1200×1600 window, the picture on the documentation's front page.

Run it from the repository after a change to the report's look::

    python tools/screenshot_report.py            # writes docs/report.png
    python tools/screenshot_report.py other.png

It needs Debian's chromium and fonts-noto-cjk (without a CJK font the Chinese would be
drawn as empty boxes), and exits 1 with a message when either is missing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sciplan_model import examples, summarize

WINDOW = "1200,1600"
DEFAULT = Path(__file__).resolve().parent.parent / "docs" / "report.png"


#: How the report is opened in headless Chromium, here and in tests/test_report_html.py.
HEADLESS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--no-first-run",
    "--force-device-scale-factor=1",
)


def command(browser: str, page: Path, profile: Path, *args: str) -> list[str]:
    """The command line that opens ``page`` in headless Chromium with its own profile."""
    return [browser, *HEADLESS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()]


def _fail(message: str) -> int:
    print(f"screenshot_report: {message}", file=sys.stderr)
    return 1


def _has_cjk_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return True  # cannot tell: let Chromium try
    found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True)
    return "Noto Sans CJK" in found.stdout


def main(argv: list[str]) -> int:
    """Write the screenshot to ``argv[0]`` (docs/report.png by default)."""
    out = Path(argv[0]) if argv else DEFAULT
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        return _fail("chromium not found: apt-get install chromium fonts-noto-cjk")
    if not _has_cjk_font():
        return _fail("no Noto Sans CJK font: apt-get install fonts-noto-cjk")
    html = summarize(examples.load("篇3")).to_html()
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        page.write_text(html, encoding="utf-8")
        shot = Path(folder) / "report.png"
        result = subprocess.run(
            command(
                browser,
                page,
                Path(folder) / "profile",
                f"--window-size={WINDOW}",
                f"--screenshot={shot}",
            ),
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode != 0 or not shot.is_file():
            return _fail(f"chromium failed ({result.returncode}): {result.stderr.strip()[-500:]}")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
