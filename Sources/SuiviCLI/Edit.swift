import ArgumentParser
import OOXML

/// `suivi edit`: plumbing to change cells of a workbook surgically.
struct Edit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Change cells of a workbook, keeping everything else as it is.",
    discussion: """
      Edits one sheet (--sheet, default the first worksheet), in place unless --out is given. \
      --set writes text (always text, even "=1+1"; an empty value empties the cell), \
      --set-number a number, --set-date a date (YYYY-MM-DD). --append-row adds a row after the \
      last row holding data, its values in columns A, B, C… separated by commas (\\, for a comma): \
      a plain number is a number, YYYY-MM-DD a date, anything else text; it copies the styles and \
      formulas of the row above. --note gives a cell a note (--remove-note removes it); \
      --highlight fills a cell with a colour (--remove-highlight gives it back its own format). \
      Each of these options takes one or more values (--set B2=x C2=y); give the file first. \
      In place, the previous version is kept in .suivi-backups/.
      """
  )

  @Argument(help: "The workbook (.xlsx, .xlsm).")
  var file: String

  @Option(help: "The sheet to edit.")
  var sheet: String?

  @Option(name: .customLong("set"), parsing: .upToNextOption, help: ArgumentHelp("Write text into a cell.", valueName: "REF=VALUE"))
  var texts: [String] = []

  @Option(name: .customLong("set-number"), parsing: .upToNextOption, help: ArgumentHelp("Write a number into a cell.", valueName: "REF=NUMBER"))
  var numbers: [String] = []

  @Option(name: .customLong("set-date"), parsing: .upToNextOption, help: ArgumentHelp("Write a date into a cell.", valueName: "REF=YYYY-MM-DD"))
  var dates: [String] = []

  @Option(name: .customLong("append-row"), parsing: .upToNextOption, help: ArgumentHelp("Append a row.", valueName: "VALUE,VALUE,..."))
  var rows: [String] = []

  @Option(name: .customLong("note"), parsing: .upToNextOption, help: ArgumentHelp("Give a cell a note.", valueName: "REF=TEXT"))
  var notes: [String] = []

  @Option(name: .customLong("remove-note"), parsing: .upToNextOption, help: ArgumentHelp("Remove a cell's note.", valueName: "REF"))
  var removedNotes: [String] = []

  @Option(name: .customLong("highlight"), parsing: .upToNextOption, help: ArgumentHelp("Highlight a cell.", valueName: "REF"))
  var highlights: [String] = []

  @Option(name: .customLong("remove-highlight"), parsing: .upToNextOption, help: ArgumentHelp("Remove a cell's highlight.", valueName: "REF"))
  var removedHighlights: [String] = []

  @Option(help: ArgumentHelp("Write the result here instead of in place.", valueName: "OUT.xlsx"))
  var out: String?

  @Flag(help: "Print a JSON report.")
  var json = false

  func validate() throws {
    if [texts, numbers, dates, rows, notes, removedNotes, highlights, removedHighlights].allSatisfy(\.isEmpty) {
      throw ValidationError("Nothing to do: give --set, --set-number, --set-date, --append-row, --note or --highlight.")
    }
    _ = try assignments()
    _ = try noteAssignments()
    for (option, values) in [("--remove-note", removedNotes), ("--highlight", highlights), ("--remove-highlight", removedHighlights)] {
      _ = try Self.references(values, option: option)
    }
  }

  /// Every `--note` as (cell, text), checked.
  func noteAssignments() throws -> [(CellReference, String)] {
    try notes.map { assignment in
      guard let equals = assignment.firstIndex(of: "="), let reference = CellReference(String(assignment[..<equals])) else {
        throw ValidationError("--note \(assignment): expected REF=TEXT with REF a cell such as B2.")
      }
      return (reference, String(assignment[assignment.index(after: equals)...]))
    }
  }

  static func references(_ values: [String], option: String) throws -> [CellReference] {
    try values.map { value in
      guard let reference = CellReference(value) else { throw ValidationError("\(option) \(value): not a cell such as B2.") }
      return reference
    }
  }

  /// Every `--set…` as (cell, value), checked.
  func assignments() throws -> [(CellReference, CellInput)] {
    var result: [(CellReference, CellInput)] = []
    for (option, values) in [("--set", texts), ("--set-number", numbers), ("--set-date", dates)] {
      for assignment in values {
        guard let equals = assignment.firstIndex(of: "="), let reference = CellReference(String(assignment[..<equals])) else {
          throw ValidationError("\(option) \(assignment): expected REF=VALUE with REF a cell such as B2.")
        }
        let text = String(assignment[assignment.index(after: equals)...])
        switch option {
        case "--set":
          result.append((reference, text.isEmpty ? .empty : .string(text)))
        case "--set-number":
          guard let number = Double(text), number.isFinite else { throw ValidationError("\(option) \(assignment): '\(text)' is not a number.") }
          result.append((reference, .number(number)))
        default:
          guard let day = CellInput.day(text) else { throw ValidationError("\(option) \(assignment): '\(text)' is not a date YYYY-MM-DD.") }
          result.append((reference, .date(day)))
        }
      }
    }
    return result
  }

  /// Splits an `--append-row` value at unescaped commas.
  static func fields(_ row: String) -> [CellInput] {
    var fields: [String] = [""]
    var escaped = false
    for character in row {
      if escaped {
        fields[fields.count - 1].append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == "," {
        fields.append("")
      } else {
        fields[fields.count - 1].append(character)
      }
    }
    return fields.map(CellInput.inferred)
  }

  func run() throws {
    try reportingErrors {
      let editor = try WorkbookEditor(path: file)
      let sheetName = try sheet ?? firstWorksheet(editor.workbook)
      for (reference, value) in try assignments() { try editor.set(value, at: reference, sheet: sheetName) }
      for row in rows { try editor.appendRow(Self.fields(row), sheet: sheetName) }
      for (reference, text) in try noteAssignments() { try editor.setNote(text, at: reference, sheet: sheetName) }
      for reference in try Self.references(removedNotes, option: "--remove-note") { try editor.removeNote(at: reference, sheet: sheetName) }
      for reference in try Self.references(highlights, option: "--highlight") { try editor.highlight(reference, sheet: sheetName) }
      for reference in try Self.references(removedHighlights, option: "--remove-highlight") {
        try editor.removeHighlight(reference, sheet: sheetName)
      }
      let report = try editor.save(to: out)
      let output = OutputWriter()
      try output.write(json ? SaveReportJSON.render(report) : SaveReportText.render(report))
      try output.flush()
    }
  }

  private func firstWorksheet(_ workbook: Workbook) throws -> String {
    guard let first = workbook.sheets.first(where: { $0.kind == .worksheet }) else {
      throw OOXMLError.invalidPackage(file: file, part: workbook.workbookPart, reason: "the workbook has no worksheet")
    }
    return first.name
  }
}

enum SaveReportText {
  static func render(_ report: SaveReport) -> String {
    var lines = ["saved \(report.path)" + (report.backup.map { " (previous version kept as \($0))" } ?? "")]
    for sheet in report.sheets {
      var parts: [String] = []
      if let first = sheet.appendedRows.first, let last = sheet.appendedRows.last {
        parts.append(first == last ? "appended row \(first)" : "appended rows \(first)–\(last)")
      }
      if !sheet.recomputed.isEmpty { parts.append("\(sheet.recomputed.count) formula value(s) recomputed") }
      if !sheet.cacheDropped.isEmpty { parts.append("\(sheet.cacheDropped.count) formula value(s) left to recompute on opening") }
      if !sheet.richTextOverwritten.isEmpty {
        parts.append("rich-text formatting lost in \(sheet.richTextOverwritten.map(\.description).joined(separator: ", "))")
      }
      lines.append("  \(sheet.sheet): " + (parts.isEmpty ? "cells updated" : parts.joined(separator: "; ")))
    }
    lines.append("  parts rewritten: \(report.rewrittenParts.joined(separator: ", "))")
    if !report.addedParts.isEmpty { lines.append("  parts added: \(report.addedParts.joined(separator: ", "))") }
    if !report.removedParts.isEmpty { lines.append("  parts removed: \(report.removedParts.joined(separator: ", "))") }
    return lines.joined(separator: "\n") + "\n"
  }
}

enum SaveReportJSON {
  static func render(_ report: SaveReport) -> String {
    func list(_ items: [String]) -> String { "[" + items.map(JSONText.string).joined(separator: ",") + "]" }
    let sheets = report.sheets.map { sheet in
      "{\"sheet\":\(JSONText.string(sheet.sheet)),\"appendedRows\":[\(sheet.appendedRows.map(String.init).joined(separator: ","))],"
        + "\"recomputed\":\(list(sheet.recomputed.map(\.description))),\"cacheDropped\":\(list(sheet.cacheDropped.map(\.description))),"
        + "\"richTextOverwritten\":\(list(sheet.richTextOverwritten.map(\.description))),"
        + "\"lastDataRow\":{\"before\":\(sheet.lastDataRow.before),\"after\":\(sheet.lastDataRow.after)}}"
    }
    return "{\"path\":\(JSONText.string(report.path)),\"backup\":\(report.backup.map(JSONText.string) ?? "null"),"
      + "\"rewrittenParts\":\(list(report.rewrittenParts)),\"addedParts\":\(list(report.addedParts)),\"removedParts\":\(list(report.removedParts)),"
      + "\"sheets\":[\(sheets.joined(separator: ","))]}\n"
  }
}
