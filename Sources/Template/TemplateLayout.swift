import OOXML

/// Where things are in a model sheet: the sheets' names, each column's letter, the lists'
/// ranges, the parameters' cells; and the placeholders of the description's formulas
/// resolved against them.
struct TemplateLayout {
  let model: TemplateModel
  let language: TemplateLanguage
  let trackerName: String
  let remindersName: String
  let summaryName: String
  let listsName: String
  /// Tracker rows 2…`lastTrackerRow` get formats, formulas and validations.
  let lastTrackerRow: Int
  let lastReminderRow: Int
  /// Lists sheet: the 1-based column of each list, of each clients-table column, and of
  /// the parameters' labels (their values are one column right).
  private(set) var listColumns: [String: Int] = [:]
  private(set) var clientColumns: [String: Int] = [:]
  let parameterColumn: Int
  let lastClientRow: Int

  init(model: TemplateModel, language: TemplateLanguage, data: TemplateData) throws {
    self.model = model
    self.language = language
    trackerName = try model.sheetName("tracker", language)
    remindersName = try model.sheetName("reminders", language)
    summaryName = try model.sheetName("summary", language)
    listsName = try model.sheetName("lists", language)
    lastTrackerRow = 1 + data.invoices.count + model.preparedRows
    lastReminderRow = 1 + data.reminders.count + model.preparedRows
    var column = 1
    for list in model.lists {
      listColumns[list.name] = column
      column += 1
    }
    column += 1
    for client in model.clients.columns {
      clientColumns[client.key] = column
      column += 1
    }
    parameterColumn = column + 1
    lastClientRow = 1 + max(model.clientRows, data.clients.count + model.clientRows / 4)
  }

  /// The letter of a tracker or reminders column.
  func letter(_ key: String, in sheet: TemplateModel.SheetModel) throws -> String {
    guard let index = sheet.columns.firstIndex(where: { $0.key == key }) else {
      throw TemplateError.invalidModel("no column \(key)")
    }
    return CellReference.columnName(index + 1)
  }

  private func onLists(_ reference: String) -> String { DefinedName.quoted(listsName) + "!" + reference }

  /// A list's values on the lists sheet (`Listes!$A$2:$A$9`).
  func listRange(_ name: String) throws -> String {
    let list = try model.list(name)
    guard let column = listColumns[name] else { throw TemplateError.invalidModel("no list named \(name)") }
    let letter = CellReference.columnName(column)
    return onLists("$\(letter)$2:$\(letter)$\(1 + list.items.count)")
  }

  /// A column of the clients table.
  func clientsRange(_ key: String) throws -> String {
    guard let column = clientColumns[key] else { throw TemplateError.invalidModel("no clients column \(key)") }
    let letter = CellReference.columnName(column)
    return onLists("$\(letter)$2:$\(letter)$\(lastClientRow)")
  }

  /// A parameter's value cell.
  func parameterCell(_ name: String) throws -> String {
    guard let index = model.parameters.firstIndex(where: { $0.name == name }) else {
      throw TemplateError.invalidModel("no parameter \(name)")
    }
    return onLists("$\(CellReference.columnName(parameterColumn + 1))$\(index + 2)")
  }

  /// The placeholders every sheet's formulas share: lists, labels, parameters, clients,
  /// and the tracker's and reminders' whole columns.
  func resolveShared(_ name: String) throws -> String? {
    let (kind, argument) = split(name)
    switch kind {
    case "list": return try listRange(argument)
    case "param": return try parameterCell(argument)
    case "col":
      let letter = try self.letter(argument, in: model.tracker)
      return "\(DefinedName.quoted(trackerName))!$\(letter):$\(letter)"
    case "rcol":
      let letter = try self.letter(argument, in: model.reminders)
      return "\(DefinedName.quoted(remindersName))!$\(letter):$\(letter)"
    case "label":
      let parts = argument.split(separator: ".", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { return nil }
      return try model.list(parts[0]).item(parts[1]).label(language)
    default:
      if name.hasPrefix("clients.") { return try clientsRange(String(name.dropFirst("clients.".count))) }
      return nil
    }
  }

  /// The placeholders of a row of a sheet of columns: `{KEY}` is the row's cell of that
  /// column (`$E2`), then the sheet's snippets, then the shared placeholders.
  func resolver(for sheet: TemplateModel.SheetModel, row: Int) -> (String) throws -> String? {
    { name in
      if let index = sheet.columns.firstIndex(where: { $0.key == name }) { return "$\(CellReference.columnName(index + 1))\(row)" }
      if let snippet = sheet.snippets?[name] { return snippet }
      return try self.resolveShared(name)
    }
  }

  private func split(_ name: String) -> (String, String) {
    guard let colon = name.firstIndex(of: ":") else { return (name, "") }
    return (String(name[..<colon]), String(name[name.index(after: colon)...]))
  }
}
