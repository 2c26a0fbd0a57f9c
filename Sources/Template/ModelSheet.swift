import OOXML

/// Suivi's downloadable model sheet (`suivi template`): a ready tracker workbook made
/// from the description in `Templates/model.json`, blank or filled with a ledger's data.
///
/// Sheets, in order: the tracker (**Suivi**), the reminders log (**Relances**), the
/// summary (**Synthèse**) and the lists (**Listes**). The same model, language, company
/// and data always give the same bytes.
///
/// ```swift
/// let sheet = ModelSheet(model: try .bundled(), language: .fr, company: "Dumont & co")
/// try sheet.write(to: "suivi.xlsx")
/// ```
public struct ModelSheet {
  public var model: TemplateModel
  public var language: TemplateLanguage
  /// The business's name: in the document properties, the print header and the summary's title.
  public var company: String?
  public var data: TemplateData

  public init(model: TemplateModel, language: TemplateLanguage = .fr, company: String? = nil, data: TemplateData = .empty) {
    self.model = model
    self.language = language
    self.company = company.flatMap { $0.isEmpty ? nil : $0 }
    self.data = data
  }

  /// The workbook, ready to write.
  ///
  /// - Throws: ``TemplateError/invalidModel(_:)`` when the description is inconsistent.
  public func workbook() throws -> WorkbookWriter {
    let layout = try TemplateLayout(model: model, language: language, data: data)
    var styles = TemplateStyles(model: model, language: language)
    let workbook = WorkbookWriter()
    let tracker = workbook.addSheet(named: layout.trackerName)
    let reminders = workbook.addSheet(named: layout.remindersName)
    let summary = workbook.addSheet(named: layout.summaryName)
    let lists = workbook.addSheet(named: layout.listsName)
    try TrackerSheet(layout: layout, data: data, company: company).write(into: tracker, styles: &styles)
    try RemindersSheet(layout: layout, data: data).write(into: reminders, styles: &styles)
    try SummarySheet(layout: layout, company: company).write(into: summary, styles: &styles)
    try ListsSheet(layout: layout, data: data).write(into: lists, styles: &styles)
    workbook.styles = styles.sheet
    workbook.definedNames = definedNames(layout)
    workbook.properties = properties()
    return workbook
  }

  /// Writes the workbook at `path` (atomically; an existing file only when `replacing`).
  ///
  /// - Throws: ``TemplateError/outputExists(path:)``; ``OOXMLError`` when it cannot be written.
  public func write(to path: String, replacing: Bool = false) throws {
    let workbook = try workbook()
    do {
      try workbook.write(to: path, replacing: replacing)
    } catch OOXMLError.cannotWrite(_, "it already exists") where !replacing {
      throw TemplateError.outputExists(path: path)
    }
  }

  private func definedNames(_ layout: TemplateLayout) -> [DefinedName] {
    let trackerColumns = model.tracker.columns.count
    let reminderColumns = model.reminders.columns.count
    var names = [
      DefinedName.printTitles(sheet: 0, sheetName: layout.trackerName, rows: 1...1),
      DefinedName.printTitles(sheet: 1, sheetName: layout.remindersName, rows: 1...1),
    ]
    if let first = CellReference(column: 1, row: 1), let last = CellReference(column: trackerColumns, row: layout.lastTrackerRow) {
      names.append(.filterDatabase(sheet: 0, sheetName: layout.trackerName, range: CellRange(first: first, last: last)))
    }
    if let first = CellReference(column: 1, row: 1), let last = CellReference(column: reminderColumns, row: layout.lastReminderRow) {
      names.append(.filterDatabase(sheet: 1, sheetName: layout.remindersName, range: CellRange(first: first, last: last)))
    }
    return names
  }

  private func properties() -> DocumentProperties {
    var properties = DocumentProperties()
    properties.title = model.title[language] + (company.map { " — " + $0 } ?? "")
    properties.subject = model.subject[language]
    properties.keywords = model.keywords[language]
    properties.creator = "Suivi"
    properties.company = company
    properties.language = language == .fr ? "fr-FR" : "en-GB"
    return properties
  }
}
