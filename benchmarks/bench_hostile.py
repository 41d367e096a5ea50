"""Benchmark of hostile documents (issue 10): time and peak memory of ``load`` on files
made to hurt, as a multiple of the file's size.

Run with ``python benchmarks/bench_hostile.py`` (about a minute on two cores; ``--mb``
sets the size of each document, 100 by default; ``--quick`` makes them 3 MB, what CI
runs).  Each document is written to a
temporary file, and each ``load`` runs in a fresh Python process, which reports the time
``load`` took and its peak resident memory (``ru_maxrss``) above what the process held
after importing the library; every one must end in the library's PlanLoadError (the
script exits with an error when one does not).  For
scale, the last column gives the peak memory of the standard library's ``json.loads`` of
the same file alone (reading it, no checks, no hooks): the floor for any loader that
builds Python objects from the whole text.

The documents:

* ``bad items``: a plan whose one section holds millions of projects, each with a
  misspelt key (``nmae``), so that every item is a problem;
* ``deep``: a plan whose ``extra`` value is an array nested millions of levels deep;
* ``huge strings``: notes whose titles are a character longer than ``MAX_STRING``;
* ``repeated keys``: objects that repeat a key, millions of them;
* ``bad references``: tasks naming projects the plan does not have, a million times;
* ``qualifier runs``: goals whose figures are ``约`` written 200,000 times before
  ``5万元`` (a tenth of the size: the figure reader is the slow part).

Results are recorded in docs/benchmarks.md ("Issue 10: hostile input").
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator

HEAD = '{"schema_version": 1, "id": "hostile", "title": "t", "kind": "annual", '

CHILD = r"""
import json, resource, sys, time
import sciplan_model
from sciplan_model import PlanLoadError, load
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    load(sys.argv[1])
    outcome, problems, last = "loaded", 0, ""
except PlanLoadError as e:
    outcome, problems, last = "PlanLoadError", len(e.problems), e.problems[-1].message
except Exception as e:
    outcome, problems, last = type(e).__name__, 0, str(e)[:200]
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"outcome": outcome, "problems": problems, "last": last[:90],
                  "seconds": seconds, "extra_kib": peak - before}))
"""


FLOOR = r"""
import json, resource, sys
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    with open(sys.argv[1], encoding="utf-8") as stream:
        json.loads(stream.read())
except RecursionError:
    pass
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""


def _repeat(head: str, piece: Callable[[int], str], tail: str, size: int) -> Iterator[str]:
    """``head``, then pieces joined by commas until ``size`` bytes, then ``tail``."""
    yield head
    written, k = len(head.encode()), 0
    while written < size:
        text = ("," if k else "") + piece(k)
        written += len(text.encode())
        k += 1
        yield text
    yield tail


def _items(item: Callable[[int], str], size: int) -> Iterator[str]:
    """A plan of one section whose items are ``item(k)``, to about ``size`` bytes."""
    return _repeat(HEAD + '"sections": [{"items": [', item, "]}]}", size)


def bad_items(size: int) -> Iterator[str]:
    return _items(lambda k: f'{{"type": "project", "id": "p{k}", "nmae": "x"}}', size)


def deep(size: int) -> Iterator[str]:
    half = max(1, (size - len(HEAD) - 20) // 2)
    yield HEAD + '"extra": '
    for _ in range(half // 1_000_000):
        yield "[" * 1_000_000
    yield "[" * (half % 1_000_000)
    for _ in range(half // 1_000_000):
        yield "]" * 1_000_000
    yield "]" * (half % 1_000_000) + "}"


def huge_strings(size: int) -> Iterator[str]:
    title = "x" * 1_000_001
    return _items(lambda _: f'{{"type": "note", "title": "{title}"}}', size)


def repeated_keys(size: int) -> Iterator[str]:
    return _repeat(HEAD + '"extra": [', lambda _: '{"a": 1, "a": 2}', "]}", size)


def bad_references(size: int) -> Iterator[str]:
    return _items(lambda k: f'{{"type": "task", "projects": ["q{k}"]}}', size)


def qualifier_runs(size: int) -> Iterator[str]:
    figure = "约" * 200_000 + "5万元"
    indicator = '{"name": "经费", "unit": "万元"}'
    goal = f'{{"type": "goal", "indicator": {indicator}, "figure": "{figure}"}}'
    return _items(lambda _: goal, size // 10)


DOCUMENTS = {
    "bad items": bad_items,
    "deep": deep,
    "huge strings": huge_strings,
    "repeated keys": repeated_keys,
    "bad references": bad_references,
    "qualifier runs": qualifier_runs,
}


def run(name: str, size: int, folder: str) -> dict[str, object]:
    path = os.path.join(folder, "hostile.json")
    with open(path, "w", encoding="utf-8") as stream:
        for piece in DOCUMENTS[name](size):
            stream.write(piece)
    actual = os.path.getsize(path)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, path], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(out.stdout)
    result["bytes"] = actual
    floor = subprocess.run(
        [sys.executable, "-c", FLOOR, path], capture_output=True, text=True, check=True
    )
    result["floor_kib"] = int(floor.stdout)
    os.remove(path)
    return result


def main() -> None:
    """Run every hostile document and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=None, help="size of each document, in MB")
    parser.add_argument("--quick", action="store_true", help="documents of 3 MB")
    parser.add_argument("names", nargs="*", help="documents to run (all by default)")
    args = parser.parse_args()
    size = int((args.mb or (3 if args.quick else 100)) * 1_000_000)
    wrong: list[str] = []
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print(
        "| document | size | time | peak memory above the import | × size "
        "| json.loads alone | outcome |"
    )
    print("|---|---:|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as folder:
        for name in args.names or DOCUMENTS:
            r = run(name, size, folder)
            mb = int(r["bytes"]) / 1e6  # type: ignore[call-overload]
            extra = int(r["extra_kib"]) * 1024 / 1e6  # type: ignore[call-overload]
            floor = int(r["floor_kib"]) * 1024 / 1e6  # type: ignore[call-overload]
            if r["outcome"] != "PlanLoadError":
                wrong.append(f"{name}: {r['outcome']} {r['last']}")
            outcome = f"{r['outcome']}, {r['problems']} problems listed"
            print(
                f"| {name} | {mb:.0f} MB | {float(r['seconds']):.1f} s "  # type: ignore[arg-type]
                f"| {extra:.0f} MB | {extra / mb:.1f}× | {floor / mb:.1f}× | {outcome} |"
            )
            print(f"|   | last problem: {r['last']} |", file=sys.stderr)
    if wrong:
        raise SystemExit(f"not refused with PlanLoadError: {'; '.join(wrong)}")


if __name__ == "__main__":
    main()
