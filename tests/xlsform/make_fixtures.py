#!/usr/bin/env python3
"""Writes each tests/xlsform/NAME.sheets.json as NAME.xlsx with openpyxl, the way a
spreadsheet program would (numbers as numbers, '#DIV/0!' as an error value).

Run after changing a .sheets.json (pip install openpyxl); the .xlsx files are committed
and tests/xlsform.rs checks that each still holds what its .sheets.json says."""
import datetime, json, pathlib, openpyxl

here = pathlib.Path(__file__).resolve().parent
for src in sorted(here.glob("*.sheets.json")):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in json.loads(src.read_text(encoding="utf-8")).items():
        ws = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value != "":
                    ws.cell(row=r, column=c, value=value)
    book.properties.created = datetime.datetime(2026, 1, 1)
    book.properties.modified = datetime.datetime(2026, 1, 1)
    out = src.with_name(src.name.replace(".sheets.json", ".xlsx"))
    book.save(out)
    print(out.name)
