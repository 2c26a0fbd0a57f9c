#!/usr/bin/python3
"""Edit a workbook the way a person would in LibreOffice Calc, through its UNO API, and
save it as .xlsx: what the sync tests pull afterwards.

usage: /usr/bin/python3 uno_edit.py IN.xlsx OUT.xlsx ACTION...

(Debian's own python3: the `uno` module belongs to it.) Actions, applied in order:
    set:SHEET!A1=TEXT          type TEXT into a cell (a number if it reads as one)
    sort:SHEET:COLUMN          sort the rows below the header by a column letter
    insertcol:SHEET:COLUMN=H   insert a column before COLUMN, header H in row 1
    deleterow:SHEET:TEXT       delete the first row whose column A holds TEXT
    addrow:SHEET:V1|V2|...     type a row after the last used row (empty Vs skipped)
Exit status 0, or 1 with the reason on stderr.
"""
import os
import subprocess
import sys
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.table import TableSortField


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect():
    profile = tempfile.mkdtemp(prefix="suivi-uno-")
    pipe = "suivi%s" % uuid.uuid4().hex
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         "-env:UserInstallation=file://%s" % profile, "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 60
    while True:
        try:
            context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            if time.time() > deadline or office.poll() is not None:
                office.kill()
                sys.exit("uno_edit: LibreOffice did not start")
            time.sleep(0.2)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    return office, desktop


def used_rows(sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.RangeAddress.EndRow + 1, cursor.RangeAddress.EndColumn + 1


def column_index(letters):
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


def type_into(cell, text):
    try:
        cell.setValue(float(text))
    except ValueError:
        cell.setString(text)


def apply(doc, action):
    kind, _, rest = action.partition(":")
    if kind == "set":
        target, _, text = rest.partition("=")
        name, _, ref = target.partition("!")
        type_into(doc.Sheets.getByName(name).getCellRangeByName(ref), text)
    elif kind == "sort":
        name, _, letter = rest.partition(":")
        sheet = doc.Sheets.getByName(name)
        rows, cols = used_rows(sheet)
        block = sheet.getCellRangeByPosition(0, 1, cols - 1, rows - 1)
        field = TableSortField()
        field.Field = column_index(letter)
        field.IsAscending = True
        descriptor = block.createSortDescriptor()
        for p in descriptor:
            if p.Name == "SortFields":
                p.Value = uno.Any("[]com.sun.star.table.TableSortField", (field,))
        block.sort(descriptor)
    elif kind == "insertcol":
        name, _, spec = rest.partition(":")
        letter, _, header = spec.partition("=")
        sheet = doc.Sheets.getByName(name)
        sheet.Columns.insertByIndex(column_index(letter), 1)
        sheet.getCellByPosition(column_index(letter), 0).setString(header)
    elif kind == "deleterow":
        name, _, text = rest.partition(":")
        sheet = doc.Sheets.getByName(name)
        rows, _ = used_rows(sheet)
        for r in range(rows):
            if sheet.getCellByPosition(0, r).getString() == text:
                sheet.Rows.removeByIndex(r, 1)
                return
        sys.exit("uno_edit: no row holds %r in column A" % text)
    elif kind == "addrow":
        name, _, values = rest.partition(":")
        sheet = doc.Sheets.getByName(name)
        rows, _ = used_rows(sheet)
        for c, text in enumerate(values.split("|")):
            if text:
                type_into(sheet.getCellByPosition(c, rows), text)
    else:
        sys.exit("uno_edit: unknown action %r" % action)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    source, target, actions = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3:]
    office, desktop = connect()
    try:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            sys.exit("uno_edit: LibreOffice cannot open %s" % source)
        for action in actions:
            apply(doc, action)
        doc.calculateAll()
        doc.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
