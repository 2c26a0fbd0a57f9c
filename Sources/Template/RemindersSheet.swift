import OOXML

/// The reminders log (**Relances**): date, invoice, client (looked up from the tracker),
/// level, channel, outcome, comment — the *tableau récapitulatif* of the dunning.
struct RemindersSheet {
  let layout: TemplateLayout
  let data: TemplateData

  private var model: TemplateModel { layout.model }

  func write(into sheet: WorksheetWriter, styles: inout TemplateStyles) throws {
    let columns = ColumnSheet(model: model.reminders, layout: layout, lastRow: layout.lastReminderRow)
    let dates = DateSystem.excel1900
    let rows: [ColumnSheet.RowValues] = try data.reminders.map { reminder in
      var values: ColumnSheet.RowValues = [
        "date": .number(Double(dates.serial(of: reminder.date))), "invoice": .text(reminder.invoice),
        "level": .number(Double(reminder.level)),
        "channel": .text(try model.list("channels").item(reminder.channel).label(layout.language)),
      ]
      if let outcome = reminder.outcome { values["outcome"] = .text(try model.list("outcomes").item(outcome).label(layout.language)) }
      if let note = reminder.note { values["note"] = .text(note) }
      return values
    }
    try columns.write(into: sheet, styles: &styles, rows: rows) { key, index in
      key == "client" ? .text(index.map { data.reminders[$0].client } ?? "") : nil
    }
    let number = try layout.letter("number", in: model.tracker)
    let invoices = "\(DefinedName.quoted(layout.trackerName))!$\(number)$2:$\(number)$\(layout.lastTrackerRow)"
    sheet.frozen = (1, 0)
    sheet.autoFilter = "A1:\(CellReference.columnName(model.reminders.columns.count))\(layout.lastReminderRow)"
    sheet.validations = try columns.validations(invoicesRange: invoices)
    sheet.page.isLandscape = true
    sheet.page.fitsToWidth = true
    sheet.page.footer = "&C\(model.footer[layout.language])"
  }
}
