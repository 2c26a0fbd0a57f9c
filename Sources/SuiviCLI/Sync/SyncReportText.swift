import CivilDate
import Ledger
import SheetSync
import Wording

/// Sync reports for people, in the run's language.
enum SyncReportText {
  static func render(_ report: SyncReport) -> String {
    var lines: [String] = []
    let sheet: Phrase = report.sheet.map { " (sheet \($0))" } ?? ""
    let mode = report.command.label
    lines.append(say(report.dryRun ? "\(mode) \(report.file)\(sheet) — dry run, nothing written" : "\(mode) \(report.file)\(sheet)"))
    func line(_ phrase: Phrase) { lines.append("  " + say(phrase)) }
    if report.unchanged { line("nothing changed on either side since the last sync") }
    if report.adopted { line(report.dryRun ? "first pull: the tracker would be adopted" : "first pull: the tracker is adopted") }
    if let original = report.copyOf { line("a copy of \(original): merged from that tracker's last sync") }
    if let original = report.movedFrom { line("the tracker \(original), moved or renamed: its sync history follows it") }
    if !report.otherTables.isEmpty {
      line("sheet \(report.sheet ?? "?") has the most invoices; also an invoice table: \(report.otherTables.joined())")
    }
    func section(_ title: Phrase, _ items: [Phrase]) {
      guard !items.isEmpty else { return }
      line("\(title) (\(items.count)):")
      lines += items.prefix(50).map { "    " + say($0) }
      if items.count > 50 { lines.append("    " + say("… and \(items.count - 50) more (see --json)")) }
    }
    func change(_ change: SyncReport.Change) -> Phrase {
      let from = change.column.display(change.from)
      let to = change.column.display(change.to)
      return change.cell.map { "\(change.number) \(change.column.label) [\($0)]: \(from) → \(to)" } ?? "\(change.number) \(change.column.label): \(from) → \(to)"
    }
    if report.adopted, report.dryRun {
      // Before an adoption: what each row would become, in the sheet's order.
      var byRow: [(Int, Phrase)] = report.importedRows.map { row in
        let ttc = amount(row.ttc)
        let day = Day.iso(row.issueDate).map { "\($0)" as Phrase } ?? .verbatim(row.issueDate)
        var phrase: Phrase = "row \(row.row): import \(row.number), \(row.client), \(day), TTC \(ttc)"
        if !row.vatKnown { phrase = phrase.followed(by: " (VAT unknown)") }
        if !row.lines.isEmpty { phrase = phrase.followed(by: " (with its lines on rows \(row.lines.map(String.init).joined(separator: ", ")))") }
        return (row.row, phrase)
      }
      byRow += report.skipped.map { ($0.row, "row \($0.row): skip: \($0.reason)") }
      section("row by row", byRow.sorted { $0.0 < $1.0 }.map(\.1))
    }
    section("to the ledger", report.toLedger.map(change))
    section("to the sheet", report.toSheet.map(change))
    section("imported from the sheet", report.imported.map(Phrase.verbatim))
    section("appended to the sheet", report.appended.map(Phrase.verbatim))
    section("numbered (row → number)", report.numbered.map { "row \($0.row) → \($0.reason)" })
    section(
      "renumbered (one number, two invoices)",
      report.renumbered.map {
        $0.side == "ledger"
          ? "\($0.from) → \($0.to ?? "?"): the ledger's invoice; the sheet's row keeps \($0.from)"
          : "\($0.from): the sheet's row takes the next number; the ledger's invoice keeps \($0.from)"
      })
    section("rows deleted from the sheet (invoices kept; push --restore-deleted writes them back)", report.deletedRows.map(Phrase.verbatim))
    section("read as the lines of one invoice", report.grouped.map { "\($0.number): rows \($0.rows.map(String.init).joined(separator: ", "))" })
    section("skipped", report.skipped.map(\.reason))
    section("warnings", report.warnings)
    section("ambiguous columns (ignored)", report.ambiguousColumns.map(Phrase.verbatim))
    section("renamed columns recognised by their values", report.renamedColumns.map(Phrase.verbatim))
    section("conflicts raised", report.raised.map(conflict))
    section("conflicts closed", report.closed.map { "\($0.id) \($0.number) \(label(of: $0))" })
    if report.saved { line(report.backup.map { "saved (previous version kept as \($0))" } ?? "saved") }
    let counts: Phrase =
      report.dryRun
      ? "would do \(report.toLedger.count) to the ledger, \(report.toSheet.count) to the sheet"
      : "did \(report.toLedger.count) to the ledger, \(report.toSheet.count) to the sheet"
    line(report.open.isEmpty ? "0 open conflict(s) — \(counts)" : "\(report.open.count) open conflict(s): see `suivi conflicts` — \(counts)")
    return lines.joined(separator: "\n") + "\n"
  }

  /// A decimal text (`-120.50`) as an amount, or as it is.
  static func amount(_ text: String) -> Phrase {
    let negative = text.hasPrefix("-")
    guard let cents = try? Cents.parse(String(text.dropFirst(negative ? 1 : 0)), requirePositive: false) else { return .verbatim(text) }
    return "\(negative ? -cents : cents)"
  }

  /// A conflict's column by its name (its code when it is none Suivi knows).
  static func label(of conflict: SyncConflict) -> Phrase {
    SyncColumn(rawValue: conflict.column)?.label ?? .verbatim(conflict.column)
  }

  static func conflict(_ conflict: SyncConflict) -> Phrase {
    let column = SyncColumn(rawValue: conflict.column)
    func value(_ text: String?) -> Phrase { column?.display(text) ?? text.map(Phrase.verbatim) ?? "(empty)" }
    let place: Phrase = conflict.cell.map { "\(label(of: conflict)) [\($0)]" } ?? label(of: conflict)
    if conflict.kind == .undatedPayment {
      // Nothing to compare: the sheet says paid and not when; what is asked is the day.
      return "\(conflict.id) \(conflict.number) \(place): the sheet says it is paid, not when (suivi resolve \(conflict.id) --value DAY)"
    }
    return "\(conflict.id) \(conflict.number) \(place), \(conflict.kind.label): sheet \(value(conflict.sheet)), ledger \(value(conflict.ledger)), base \(value(conflict.base))"
  }

  static func conflicts(_ conflicts: [SyncConflict]) -> String {
    guard !conflicts.isEmpty else { return say("no open conflict") + "\n" }
    var lines = conflicts.map { conflict in
      let decided: Phrase = conflict.resolution.map { " — decided: \($0.label)" } ?? ""
      return say("\(conflict.file): \(self.conflict(conflict))\(decided)")
    }
    // Many of one kind (a tracker whose « Payée » rows never said when): decided at once.
    let undated = conflicts.filter { $0.kind == .undatedPayment && $0.resolution == nil }.count
    if undated > 1 {
      lines.append(say("\(undated) invoices the sheet says are paid without a day: suivi resolve --kind undated_payment --value DAY gives them all the same day"))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

extension SyncMode {
  /// The run's name for people.
  var label: Phrase {
    switch self {
    case .pull: "pull"
    case .push: "push"
    case .sync: "sync"
    case .status: "status"
    }
  }
}
