import ArgumentParser
import Wording
import OOXML

/// `suivi inspect`: what a workbook holds, as Suivi reads it.
struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: say("List a workbook's sheets and print their cells."),
    discussion: say("""
      Without --sheet, every sheet is printed. --json prints one document (see the README for \
      its schema); --stats decodes every cell and prints only counts (for benchmarks).
      """)
  )

  @Argument(help: ArgumentHelp(say("The workbook (.xlsx, .xlsm, .xltx).")))
  var file: String

  @Option(help: ArgumentHelp(say("Print only this sheet.")))
  var sheet: String?

  @Flag(help: ArgumentHelp(say("Print JSON instead of tables.")))
  var json = false

  @Flag(help: ArgumentHelp(say("Decode every cell and print counts only.")))
  var stats = false

  func validate() throws {
    if json && stats { throw ValidationError(say("--json and --stats cannot be used together.")) }
  }

  func run() throws {
    try reportingErrors {
      let workbook = try Workbook(path: file)
      let sheets = try sheet.map { [try workbook.requireSheet(named: $0)] } ?? workbook.sheets
      let output = OutputWriter()
      if stats {
        try WorkbookStatsPrinter(workbook: workbook, output: output).print(sheets)
      } else if json {
        try WorkbookJSONPrinter(workbook: workbook, output: output).print(sheets)
      } else {
        try WorkbookTablePrinter(workbook: workbook, output: output).print(sheets)
      }
      try output.flush()
    }
  }
}
