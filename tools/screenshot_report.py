"""Write the pictures of the HTML report kept in docs/, as headless Chromium shows them
in a window 1200 pixels wide: ``report.png`` (the bundled plan 篇3, on the front page),
``report-review.png`` (the district review ``qinghe-review``: achievements only),
``report-plan.png`` (the city plan ``yunxi-plan``: targets only) and
``report-counties.png`` (two county plans seen together, one column a county).

Run it from the repository after a change to the report's look::

    python tools/screenshot_report.py            # writes them into docs/
    python tools/screenshot_report.py /tmp/shots # … or into another folder

It needs Debian's chromium and fonts-noto-cjk (without a CJK font the Chinese would be
drawn as empty boxes), and exits 1 with a message when either is missing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sciplan_model import Summary, examples, summarize

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from report_plans import county_plans  # noqa: E402 - the tests' two county plans

WIDTH = 1200
DEFAULT = ROOT / "docs"
#: The day the pictured reports are dated, so that they change only with the report.
MADE = "2026-12-03"


def pages() -> dict[str, tuple[Summary, int]]:
    """The reports pictured, by file name, with the window height for each."""
    review = examples.read("qinghe-review")
    plan = examples.read("yunxi-plan")
    return {
        "report.png": (summarize(examples.load("篇3"), made=MADE, sources=["plan3.json"]), 1600),
        "report-review.png": (
            summarize(review, made=MADE, sources=["qinghe-review.txt"]),
            2600,
        ),
        "report-plan.png": (summarize(plan, made=MADE, sources=["yunxi-plan.txt"]), 1900),
        "report-counties.png": (
            summarize(county_plans(), made=MADE, sources=["county-a.json", "county-b.json"]),
            2300,
        ),
    }


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
    """Write the screenshots into the folder ``argv[0]`` (docs/ by default)."""
    folder = Path(argv[0]) if argv else DEFAULT
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        return _fail("chromium not found: apt-get install chromium fonts-noto-cjk")
    if not _has_cjk_font():
        return _fail("no Noto Sans CJK font: apt-get install fonts-noto-cjk")
    for name, (summary, height) in pages().items():
        status = _shoot(browser, summary.to_html(), folder / name, height)
        if status:
            return status
    return 0


def _shoot(browser: str, html: str, out: Path, height: int) -> int:
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        page.write_text(html, encoding="utf-8")
        shot = Path(folder) / "report.png"
        result = subprocess.run(
            command(
                browser,
                page,
                Path(folder) / "profile",
                f"--window-size={WIDTH},{height}",
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
