#!/usr/bin/python3
"""Type a row into a workbook the way a person fills Suivi's model sheet in LibreOffice
Calc: in the first prepared row (the first row below the header whose column A is empty),
each value typed as into the cell (dates as YYYY-MM-DD, numbers, text), then save as
.xlsx. The row's formulas (TTC, due date, balance), formats and drop-downs are the ones
the model prepared there; LibreOffice computes the formulas before saving.

usage: /usr/bin/python3 uno_add_row.py IN.xlsx OUT.xlsx SHEET V1|V2|... [--row N]

Values go in columns A, B, C…; an empty value leaves the cell as it is (its formula
stays). --row N types into row N (1-based) instead. Prints the row number used.
Exit status 0, or 1 with the reason on stderr.

Runs with Debian's python3 (`import uno`); LibreOffice is started and stopped by
uno_edit.connect(), with a profile of its own.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import uno  # noqa: E402
from uno_edit import connect, prop  # noqa: E402


def first_prepared_row(sheet):
    """The 0-based index of the first row below the header whose column A is empty."""
    row = 1
    while sheet.getCellByPosition(0, row).getString() != "":
        row += 1
    return row


def main():
    args = sys.argv[1:]
    target_row = None
    if "--row" in args:
        at = args.index("--row")
        target_row = int(args[at + 1]) - 1
        del args[at:at + 2]
    if len(args) != 4:
        sys.exit(__doc__)
    source, target, sheet_name, values = os.path.abspath(args[0]), os.path.abspath(args[1]), args[2], args[3]
    office, desktop = connect()
    try:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            sys.exit("uno_add_row: LibreOffice cannot open %s" % source)
        if not doc.Sheets.hasByName(sheet_name):
            sys.exit("uno_add_row: %s has no sheet %r" % (source, sheet_name))
        sheet = doc.Sheets.getByName(sheet_name)
        row = first_prepared_row(sheet) if target_row is None else target_row
        for column, text in enumerate(values.split("|")):
            if text:
                # setFormula reads the text as typed input: 2026-11-02 is a date, 500 a number.
                sheet.getCellByPosition(column, row).setFormula(text)
        doc.calculateAll()
        doc.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
        print(row + 1)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=20)
        except Exception:
            office.kill()


if __name__ == "__main__":
    main()
