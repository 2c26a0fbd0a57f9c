import ArgumentParser
import Wording
import OOXML

/// `suivi edit`: plumbing to change cells of a workbook surgically.
struct Edit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: say("Change cells of a workbook, keeping everything else as it is."),
    discussion: say("""
      Edits one sheet (--sheet, default the first worksheet), in place unless --out is given. \
      --set writes text (always text, even "=1+1"; an empty value empties the cell), \
      --set-number a number, --set-date a date (YYYY-MM-DD). --append-row adds a row after the \
      last row holding data, its values in columns A, B, C… separated by commas (\\, for a comma): \
      a plain number is a number, YYYY-MM-DD a date, anything else text; it copies the styles and \
      formulas of the row above. --note gives a cell a note (--remove-note removes it); \
      --highlight fills a cell with a colour (--remove-highlight gives it back its own format). \
      --edits FILE reads more of the same from a file, one per line: the option's name without \
      dashes, a TAB, its value (set<TAB>B2=Réglée); - reads standard input. \
      In place, the previous version is kept in .suivi-backups/.
      """)
  )

  @Argument(help: ArgumentHelp(say("The workbook (.xlsx, .xlsm).")))
  var file: String

  @Option(help: ArgumentHelp(say("The sheet to edit.")))
  var sheet: String?

  @Option(name: .customLong("set"), help: ArgumentHelp(say("Write text into a cell."), valueName: "REF=VALUE"))
  var texts: [String] = []

  @Option(name: .customLong("set-number"), help: ArgumentHelp(say("Write a number into a cell."), valueName: "REF=NUMBER"))
  var numbers: [String] = []

  @Option(name: .customLong("set-date"), help: ArgumentHelp(say("Write a date into a cell."), valueName: "REF=YYYY-MM-DD"))
  var dates: [String] = []

  @Option(name: .customLong("append-row"), help: ArgumentHelp(say("Append a row."), valueName: "VALUE,VALUE,..."))
  var rows: [String] = []

  @Option(name: .customLong("note"), help: ArgumentHelp(say("Give a cell a note."), valueName: "REF=TEXT"))
  var notes: [String] = []

  @Option(name: .customLong("remove-note"), help: ArgumentHelp(say("Remove a cell's note."), valueName: "REF"))
  var removedNotes: [String] = []

  @Option(name: .customLong("highlight"), help: ArgumentHelp(say("Highlight a cell."), valueName: "REF"))
  var highlights: [String] = []

  @Option(name: .customLong("remove-highlight"), help: ArgumentHelp(say("Remove a cell's highlight."), valueName: "REF"))
  var removedHighlights: [String] = []

  @Option(help: ArgumentHelp(say("Write the result here instead of in place."), valueName: "OUT.xlsx"))
  var out: String?

  @Flag(help: ArgumentHelp(say("Print a JSON report.")))
  var json = false

  @Option(help: ArgumentHelp(say("Read more actions from a file, one per line: ACTION<TAB>VALUE (- for standard input)."), valueName: "FILE"))
  var edits: String?

  func validate() throws {
    if optionActions().isEmpty && edits == nil {
      throw ValidationError(say("Nothing to do: give --set, --set-number, --set-date, --append-row, --note, --highlight or --edits."))
    }
    do {
      for (name, value) in optionActions() { _ = try EditAction(name, value) }
    } catch {
      throw ValidationError(error.message + ".")
    }
  }

  /// The actions given as options, as (name, value), in the order of ``EditAction/names``.
  func optionActions() -> [(String, String)] {
    let values = [texts, numbers, dates, rows, notes, removedNotes, highlights, removedHighlights]
    return zip(EditAction.names, values).flatMap { name, values in values.map { (name, $0) } }
  }

  /// Every action: the options', then the edits file's.
  func actions() throws -> [EditAction] {
    var actions = try optionActions().map { try EditAction($0.0, $0.1) }
    if let edits {
      let text: String
      do {
        text = try edits == "-" ? StandardInput.readAll() : TextFile.read(edits)
      } catch {
        StandardError.write(say("suivi: error: \(edits): cannot read: \(error)") + "\n")
        throw ExitCode(ExitStatus.cannotOpen.rawValue)
      }
      do {
        actions += try EditAction.parse(file: text, name: edits == "-" ? "<stdin>" : edits)
      } catch {
        StandardError.write(say("suivi: error: \(error.message)") + "\n")
        throw ExitCode(ExitStatus.usage.rawValue)
      }
    }
    return actions
  }

  func run() throws {
    let actions = try actions()
    try reportingErrors {
      let editor = try WorkbookEditor(path: file)
      let sheetName = try sheet ?? firstWorksheet(editor.workbook)
      for action in actions { try action.apply(to: editor, sheet: sheetName) }
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
    var lines = [say(report.backup.map { "saved \(report.path) (previous version kept as \($0))" } ?? "saved \(report.path)")]
    for sheet in report.sheets {
      var parts: [Phrase] = []
      if let first = sheet.appendedRows.first, let last = sheet.appendedRows.last {
        parts.append(first == last ? "appended row \(first)" : "appended rows \(first)–\(last)")
      }
      if !sheet.recomputed.isEmpty { parts.append("\(sheet.recomputed.count) formula value(s) recomputed") }
      if !sheet.cacheDropped.isEmpty { parts.append("\(sheet.cacheDropped.count) formula value(s) left to recompute on opening") }
      if !sheet.richTextOverwritten.isEmpty {
        parts.append("rich-text formatting lost in \(sheet.richTextOverwritten.map(\.description).joined(separator: ", "))")
      }
      lines.append("  \(sheet.sheet): " + say(parts.isEmpty ? "cells updated" : parts.joined(separator: "; ")))
    }
    lines.append("  " + say("parts rewritten: \(report.rewrittenParts.joined(separator: ", "))"))
    if !report.addedParts.isEmpty { lines.append("  " + say("parts added: \(report.addedParts.joined(separator: ", "))")) }
    if !report.removedParts.isEmpty { lines.append("  " + say("parts removed: \(report.removedParts.joined(separator: ", "))")) }
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
