#!/usr/bin/env python3
"""Check Suivi's model sheet with openpyxl, a reader that is not the project's.

usage: template_check.py MODEL.xlsx LANG [COMPANY]

Loads the workbook and checks what a person relies on: the four sheets, the tracker's
headers, frozen pane, filter, widths, formats, formulas, drop-down validations fed from
the lists sheet, conditional formats, print set-up (landscape, one page wide, header row
repeated) and document properties. Prints one line per failure; exit 1 if any.
"""
import sys

import openpyxl

HEADERS = {
    "fr": ["N° de facture", "Date d'émission", "Client", "Service", "Montant HT", "TVA", "Montant TTC", "Échéance", "État",
           "Montant réglé", "Reste dû", "Réglé le", "Type de règlement", "Relance 1", "Relance 2", "Relance 3", "Notes"],
    "en": ["Invoice #", "Issue date", "Client", "Service", "Amount excl. VAT", "VAT", "Amount incl. VAT", "Due date", "Status",
           "Amount paid", "Balance due", "Paid on", "Payment method", "Reminder 1", "Reminder 2", "Reminder 3", "Notes"],
}
SHEETS = {"fr": ["Suivi", "Relances", "Synthèse", "Listes"], "en": ["Invoices", "Reminders", "Summary", "Lists"]}
STATUSES = {"fr": ["En attente", "Partiellement réglée", "Réglée", "À relancer", "En retard", "Litige", "Annulée", "Brouillon"],
            "en": ["Pending", "Partially paid", "Paid", "To remind", "Overdue", "Disputed", "Void", "Draft"]}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def main():
    path, lang = sys.argv[1], sys.argv[2]
    company = sys.argv[3] if len(sys.argv) > 3 else None
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == SHEETS[lang], "sheets %r" % wb.sheetnames)
    ws = wb[SHEETS[lang][0]]
    lists = SHEETS[lang][3]
    check([c.value for c in ws[1]] == HEADERS[lang], "headers %r" % [c.value for c in ws[1]])
    check(ws.freeze_panes == "B2", "freeze panes %r" % ws.freeze_panes)
    check(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:Q"), "autofilter %r" % ws.auto_filter.ref)
    check(ws.column_dimensions["C"].width >= 20, "client column width %r" % ws.column_dimensions["C"].width)
    check(ws["A1"].font.b and ws["A1"].fill.fgColor.rgb not in (None, "00000000"), "header not styled")
    check(ws["G2"].value == "=ROUND($E2*(1+$F2),2)", "TTC formula %r" % ws["G2"].value)
    check(ws["K2"].value == "=$G2-$J2", "balance formula %r" % ws["K2"].value)
    check(str(ws["H2"].value).startswith("=IF($B2=\"\",\"\",") and "EOMONTH" in ws["H2"].value, "due formula %r" % ws["H2"].value)
    check(ws["B2"].number_format == "dd/mm/yyyy", "date format %r" % ws["B2"].number_format)
    check("€" in ws["E2"].number_format, "money format %r" % ws["E2"].number_format)
    last = ws.max_row
    check(last >= 501, "prepared rows: max_row %d" % last)
    check(ws["G%d" % last].value == "=ROUND($E%d*(1+$F%d),2)" % (last, last), "TTC formula on the last prepared row")
    validations = {str(dv.sqref).split(":")[0][:1]: dv for dv in ws.data_validations.dataValidation}
    status = validations.get("I")
    check(status is not None and status.type == "list" and status.formula1.startswith(lists + "!$A$2"), "status drop-down %r" % (status and status.formula1))
    check(status is not None and str(status.sqref).endswith(str(last)), "status drop-down range %r" % (status and str(status.sqref)))
    method = validations.get("M")
    check(method is not None and method.type == "list" and method.formula1.startswith(lists + "!$B$2"), "method drop-down")
    check(validations.get("B") is not None and validations["B"].type == "date", "issue-date validation")
    listed = [wb[lists].cell(row=r, column=1).value for r in range(2, 10)]
    check(listed == STATUSES[lang], "status list %r" % listed)
    rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
    check(len(rules) == 3 and all(r.type == "expression" for r in rules), "conditional formats %r" % len(rules))
    check(ws.page_setup.orientation == "landscape", "orientation %r" % ws.page_setup.orientation)
    check(ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, "fit to width")
    check(ws.print_title_rows == "$1:$1", "print titles %r" % ws.print_title_rows)
    summary = wb[SHEETS[lang][2]]
    formulas = [c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    check(any("SUMIFS(" in f for f in formulas) and any("TODAY()" in f for f in formulas), "summary formulas")
    check(not any(name in f for f in formulas for name in ("LET(", "LAMBDA(", "FILTER(", "UNIQUE(", "_xlfn")), "summary uses dynamic arrays")
    check(wb.properties.title is not None and wb.properties.title.startswith("Suivi de facturation" if lang == "fr" else "Invoice tracker"),
          "title %r" % wb.properties.title)
    if company:
        check(company in wb.properties.title, "company not in the title")
    for message in failures:
        print(message)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
