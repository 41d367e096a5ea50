"""Check the second held-out set (tools/extract_heldout2).

Usage (from the repository root, with the package installed):

    python tools/extract_heldout2/check.py              # consistency, counts
    python tools/extract_heldout2/check.py --coverage   # and which forms appear

Two parts:

1. Everything ``tests/extract_corpus/check_corpus.py`` checks, unchanged, on a temporary
   copy of this set in which the breakdowns that carry ``"table_cells"`` are set aside.
   Those breakdowns have ``"total": null`` and ``"parts": []`` (their cells are bare numbers,
   not annotated figures), which ``check_corpus.py`` cannot index; run directly on this
   folder it reports exactly them as "index None out of range" and nothing else.

2. The ``table_cells`` breakdowns themselves:

   - ``table_cells`` is ``[[row, column], ...]``: the first pair names the 合计 cell, the
     others the part cells; ``row`` is the first cell of a table row as written, ``column``
     a header cell of the same table as written;
   - every named cell exists, in one block of tab-separated lines whose first line is the
     header, holds a bare number (digits, optional decimals) and is not annotated;
   - ``unit`` is the unit the table gives for that column: in the header cell's brackets
     (资金（万元）) or in a caption line 单位：… just above the table;
   - complete breakdowns add up exactly (Decimal), except those marked
     ``deliberately_wrong``, which must not; partial ones must not exceed their total.

Exit status 0 when both parts find the set consistent.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests" / "extract_corpus"))

import check_corpus  # noqa: E402

BARE = re.compile(r"^\d+(\.\d+)?$")
HEADER_UNIT = re.compile(r"[（(]([^（）()]+)[）)]\s*$")
CAPTION_UNIT = re.compile(r"^\s*单位[：:]\s*(\S+)\s*$")


def tables(annotated: str) -> list[tuple[int, list[list[str]], str | None]]:
    """Blocks of tab-separated lines: (first line number, rows of cells, caption unit)."""
    lines = annotated.split("\n")
    out = []
    k = 0
    while k < len(lines):
        if "\t" in lines[k]:
            start = k
            rows = []
            while k < len(lines) and "\t" in lines[k]:
                rows.append(lines[k].split("\t"))
                k += 1
            unit = None
            for back in lines[max(0, start - 3) : start]:
                m = CAPTION_UNIT.match(back)
                if m:
                    unit = m.group(1)
            out.append((start + 1, rows, unit))
        else:
            k += 1
    return out


def find_cell(blocks, row: str, column: str):
    """(value text, unit of the column, table line) of the cell, or an error string."""
    hits = []
    for line, rows, caption_unit in blocks:
        header = rows[0]
        if column not in header:
            continue
        j = header.index(column)
        for r in rows[1:]:
            if r and r[0] == row:
                m = HEADER_UNIT.search(column)
                unit = m.group(1) if m else caption_unit
                cell = r[j] if j < len(r) else ""
                hits.append((cell, unit, line))
    if len(hits) != 1:
        return f"cell ({row!r}, {column!r}) found {len(hits)} times"
    return hits[0]


def check_table_breakdowns(folder: Path) -> tuple[list[str], list[str], int]:
    errors: list[str] = []
    report: list[str] = []
    count = 0
    for js in sorted(folder.glob("*.json")):
        name = js.stem
        data = json.loads(js.read_text(encoding="utf-8"))
        annotated = js.with_suffix(".txt").read_text(encoding="utf-8")
        blocks = tables(annotated)
        for k, b in enumerate(data.get("breakdowns", [])):
            if "table_cells" not in b:
                continue
            count += 1
            where = f"{name}: breakdowns[{k}]"
            if b.get("total") is not None or b.get("parts") != []:
                errors.append(f"{where}: a table_cells breakdown has total null and parts []")
            for key in ("complete", "subject", "role", "unit"):
                if key not in b:
                    errors.append(f"{where}: no {key!r}")
            cells = b["table_cells"]
            if len(cells) < 2 or cells[0][0] != "合计":
                errors.append(f"{where}: the first cell must be the 合计 row, then the parts")
                continue
            values = []
            for row, column in cells:
                found = find_cell(blocks, row, column)
                if isinstance(found, str):
                    errors.append(f"{where}: {found}")
                    break
                cell, unit, _line = found
                if check_corpus.OPEN in cell or check_corpus.CLOSE in cell:
                    errors.append(f"{where}: cell ({row}, {column}) is annotated as a figure")
                if not BARE.match(cell):
                    errors.append(
                        f"{where}: cell ({row}, {column}) = {cell!r} is not a bare number"
                    )
                    break
                if unit != b.get("unit"):
                    errors.append(
                        f"{where}: column {column!r} has unit {unit!r}, not {b.get('unit')!r}"
                    )
                values.append(Decimal(cell))
            else:
                total, parts = values[0], values[1:]
                s = sum(parts, Decimal(0))
                if b.get("complete"):
                    if b.get("deliberately_wrong"):
                        if s == total:
                            errors.append(f"{where}: marked deliberately_wrong but adds up")
                        else:
                            report.append(
                                f"{where}: deliberately wrong as intended ({s} ≠ {total} {b['unit']})"
                            )
                    elif s != total:
                        errors.append(f"{where}: parts add up to {s}, the 合计 cell says {total}")
                    else:
                        report.append(
                            f"{where}: {' + '.join(map(str, parts))} = {total} {b['unit']}"
                        )
                elif s > total:
                    errors.append(f"{where}: partial parts {s} exceed the total {total}")
    return errors, report, count


def main(argv: list[str]) -> int:
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / HERE.name
        copy.mkdir()
        set_aside = 0
        for txt in sorted(HERE.glob("*.txt")):
            shutil.copy(txt, copy / txt.name)
            js = txt.with_suffix(".json")
            if js.exists():
                data = json.loads(js.read_text(encoding="utf-8"))
                kept = [b for b in data.get("breakdowns", []) if "table_cells" not in b]
                set_aside += len(data.get("breakdowns", [])) - len(kept)
                data["breakdowns"] = kept
                (copy / js.name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        print(f"(check_corpus.py on a copy without the {set_aside} table_cells breakdowns)")
        args = [str(copy)] + (["--coverage"] if "--coverage" in argv else [])
        status |= check_corpus.main(args)
    errors, report, count = check_table_breakdowns(HERE)
    print(f"== table_cells breakdowns: {count}")
    for r in report:
        print("   " + r)
    wrong = 0
    for js in sorted(HERE.glob("*.json")):
        data = json.loads(js.read_text(encoding="utf-8"))
        wrong += sum(1 for b in data.get("breakdowns", []) if b.get("deliberately_wrong"))
    print(f"   deliberately wrong breakdowns in the set: {wrong}")
    status = max(status, check_corpus.print_errors(errors))
    print("== the set is " + ("consistent" if status == 0 else "NOT consistent"))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
