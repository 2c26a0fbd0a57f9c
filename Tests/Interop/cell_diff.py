"""Prints, as JSON, the cells that differ between two workbooks, read by openpyxl: every
cell of every sheet, its value or formula ("Sheet!B3"), and the sheets only one has.

    python3 cell_diff.py ORIGINAL RESULT
"""
import json
import sys
import warnings

import openpyxl


def cells(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path, data_only=False)
    found = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    found[f"{sheet.title}!{cell.coordinate}"] = repr(cell.value)
    return [s.title for s in book.worksheets], found


def main():
    sheets_a, a = cells(sys.argv[1])
    sheets_b, b = cells(sys.argv[2])
    differ = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    print(json.dumps({"cells": differ, "sheets_added": [s for s in sheets_b if s not in sheets_a],
                      "sheets_removed": [s for s in sheets_a if s not in sheets_b]}))


if __name__ == "__main__":
    main()
