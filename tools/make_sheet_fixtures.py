"""Make the old-format workbooks tests/sheets/ holds: a project list as an Excel 97–2003
file (.xls, written with xlwt) and as an OpenDocument spreadsheet (.ods, written with
odfpy).  Neither library is a dependency of the project: the files are made once, kept
in the repository, and read by tests/test_excel_read.py.

    python -m venv /tmp/fx && /tmp/fx/bin/pip install xlwt odfpy
    /tmp/fx/bin/python tools/make_sheet_fixtures.py
"""

from __future__ import annotations

from pathlib import Path

ROWS = [
    ["苇塘县2024年科技项目清单"],
    ["项目编号", "项目名称", "级别", "立项年度", "下达经费（万元）"],
    ["WT01", "芦苇综合利用", "省级", 2024, 12.3],
    ["WT02", "稻蟹共生示范", "县级", 2024, 7.7],
    ["合计", None, None, None, 20],
]
HERE = Path(__file__).resolve().parent.parent / "tests" / "sheets"


def xls() -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("项目表")
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    book.save(str(HERE / "苇塘县.xls"))


def ods() -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="项目表")
    for row in ROWS:
        tr = TableRow()
        for value in row:
            if value is None:
                tr.addElement(TableCell())
            elif isinstance(value, str):
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=value))
                tr.addElement(cell)
            else:
                cell = TableCell(valuetype="float", value=value)
                cell.addElement(P(text=str(value)))
                tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(HERE / "苇塘县.ods"))


if __name__ == "__main__":
    HERE.mkdir(exist_ok=True)
    xls()
    ods()
