import SheetSync

/// Sync reports for people.
enum SyncReportText {
  static func render(_ report: SyncReport) -> String {
    var lines: [String] = []
    let verb = report.dryRun ? "would" : "did"
    lines.append("\(report.command.rawValue) \(report.file)\(report.sheet.map { " (sheet \($0))" } ?? "")\(report.dryRun ? " — dry run, nothing written" : "")")
    if report.unchanged { lines.append("  nothing changed on either side since the last sync") }
    if report.adopted { lines.append(report.dryRun ? "  first pull: the tracker would be adopted" : "  first pull: the tracker is adopted") }
    if let original = report.copyOf { lines.append("  a copy of \(original): merged from that tracker's last sync") }
    if let original = report.movedFrom { lines.append("  the tracker \(original), moved or renamed: its sync history follows it") }
    if !report.otherTables.isEmpty {
      lines.append("  sheet \(report.sheet ?? "?") has the most invoices; also an invoice table: \(report.otherTables.joined(separator: ", "))")
    }
    func section(_ title: String, _ items: [String]) {
      guard !items.isEmpty else { return }
      lines.append("  \(title) (\(items.count)):")
      lines += items.prefix(50).map { "    \($0)" }
      if items.count > 50 { lines.append("    … and \(items.count - 50) more (see --json)") }
    }
    func change(_ change: SyncReport.Change) -> String {
      "\(change.number) \(change.column.header)\(change.cell.map { " [\($0)]" } ?? ""): \(change.from ?? "(vide)") → \(change.to ?? "(vide)")"
    }
    if report.adopted, report.dryRun {
      // Before an adoption: what each row would become, in the sheet's order.
      var byRow: [(Int, String)] = report.importedRows.map { row in
        let lines = row.lines.isEmpty ? "" : " (with its lines on rows \(row.lines.map(String.init).joined(separator: ", ")))"
        return (row.row, "row \(row.row): import \(row.number), \(row.client), \(row.issueDate), TTC \(row.ttc)\(row.vatKnown ? "" : " (VAT unknown)")\(lines)")
      }
      byRow += report.skipped.map { ($0.row, "row \($0.row): skip: \($0.reason)") }
      section("row by row", byRow.sorted { $0.0 < $1.0 }.map(\.1))
    }
    section("to the ledger", report.toLedger.map(change))
    section("to the sheet", report.toSheet.map(change))
    section("imported from the sheet", report.imported)
    section("appended to the sheet", report.appended)
    section("numbered (row → number)", report.numbered.map { "row \($0.row) → \($0.reason)" })
    section("renumbered (one number, two invoices)", report.renumbered.map {
      $0.side == "ledger" ? "\($0.from) → \($0.to ?? "?"): the ledger's invoice; the sheet's row keeps \($0.from)" : "\($0.from): the sheet's row takes the next number; the ledger's invoice keeps \($0.from)"
    })
    section("rows deleted from the sheet (invoices kept; push --restore-deleted writes them back)", report.deletedRows)
    section("read as the lines of one invoice", report.grouped.map { "\($0.number): rows \($0.rows.map(String.init).joined(separator: ", "))" })
    section("skipped", report.skipped.map(\.reason))
    section("warnings", report.warnings)
    section("ambiguous columns (ignored)", report.ambiguousColumns)
    section("renamed columns recognised by their values", report.renamedColumns)
    section("conflicts raised", report.raised.map(conflict))
    section("conflicts closed", report.closed.map { "\($0.id) \($0.number) \($0.column)" })
    if report.saved { lines.append("  saved\(report.backup.map { " (previous version kept as \($0))" } ?? "")") }
    lines.append("  \(report.open.count) open conflict(s)\(report.open.isEmpty ? "" : ": see `suivi conflicts`") — \(verb) \(report.toLedger.count) to the ledger, \(report.toSheet.count) to the sheet")
    return lines.joined(separator: "\n") + "\n"
  }

  static func conflict(_ conflict: SyncConflict) -> String {
    "\(conflict.id) \(conflict.number) \(conflict.column)\(conflict.cell.map { " [\($0)]" } ?? "") \(conflict.kind.rawValue): sheet \(conflict.sheet ?? "(vide)"), ledger \(conflict.ledger ?? "(vide)"), base \(conflict.base ?? "(vide)")"
  }

  static func conflicts(_ conflicts: [SyncConflict]) -> String {
    guard !conflicts.isEmpty else { return "no open conflict\n" }
    return conflicts.map { "\($0.file): " + conflict($0) + ($0.resolution.map { " — decided: \($0.rawValue)" } ?? "") }.joined(separator: "\n") + "\n"
  }
}

/// Sync reports for scripts: field names are stable (see the README).
enum SyncReportJSON {
  static func render(_ report: SyncReport) -> String {
    func string(_ text: String?) -> String { text.map(JSONText.string) ?? "null" }
    func list(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
    func change(_ change: SyncReport.Change) -> String {
      "{\"invoice\":\(string(change.number)),\"column\":\(string(change.column.rawValue)),\"cell\":\(string(change.cell)),\"from\":\(string(change.from)),\"to\":\(string(change.to))}"
    }
    let counts = "{\"to_ledger\":\(report.toLedger.count),\"to_sheet\":\(report.toSheet.count),\"imported\":\(report.imported.count),"
      + "\"appended\":\(report.appended.count),\"numbered\":\(report.numbered.count),\"deleted_rows\":\(report.deletedRows.count),"
      + "\"skipped\":\(report.skipped.count),\"conflicts_raised\":\(report.raised.count),\"conflicts_closed\":\(report.closed.count),"
      + "\"conflicts_open\":\(report.open.count)}"
    return "{\"command\":\(string(report.command.rawValue)),\"file\":\(string(report.file)),\"sheet\":\(string(report.sheet)),"
      + "\"other_tables\":\(list(report.otherTables.map(JSONText.string))),"
      + "\"dry_run\":\(report.dryRun),\"adopted\":\(report.adopted),\"copy_of\":\(string(report.copyOf)),\"moved_from\":\(string(report.movedFrom)),\"unchanged\":\(report.unchanged),\"saved\":\(report.saved),"
      + "\"backup\":\(string(report.backup)),\"counts\":\(counts),"
      + "\"to_ledger\":\(list(report.toLedger.map(change))),\"to_sheet\":\(list(report.toSheet.map(change))),"
      + "\"imported\":\(list(report.imported.map(JSONText.string))),\"appended\":\(list(report.appended.map(JSONText.string))),"
      + "\"numbered\":\(list(report.numbered.map { "{\"row\":\($0.row),\"invoice\":\(string($0.reason))}" })),"
      + "\"renumbered\":\(list(report.renumbered.map { "{\"from\":\(string($0.from)),\"to\":\(string($0.to)),\"side\":\(string($0.side))}" })),"
      + "\"deleted_rows\":\(list(report.deletedRows.map(JSONText.string))),"
      + "\"skipped\":\(list(report.skipped.map { "{\"row\":\($0.row),\"reason\":\(string($0.reason))}" })),"
      + "\"grouped\":\(list(report.grouped.map { "{\"invoice\":\(string($0.number)),\"rows\":[\($0.rows.map(String.init).joined(separator: ","))]}" })),"
      + "\"ambiguous_columns\":\(list(report.ambiguousColumns.map(JSONText.string))),"
      + "\"warnings\":\(list(report.warnings.map(JSONText.string))),"
      + "\"renamed_columns\":\(list(report.renamedColumns.map(JSONText.string))),"
      + "\"conflicts\":\(list(report.open.map(conflictObject)))}\n"
  }

  static func conflictObject(_ conflict: SyncConflict) -> String {
    func string(_ text: String?) -> String { text.map(JSONText.string) ?? "null" }
    return "{\"id\":\(string(conflict.id)),\"file\":\(string(conflict.file)),\"invoice\":\(string(conflict.number)),"
      + "\"column\":\(string(conflict.column)),\"cell\":\(string(conflict.cell)),\"kind\":\(string(conflict.kind.rawValue)),"
      + "\"base\":\(string(conflict.base)),\"ledger\":\(string(conflict.ledger)),\"sheet\":\(string(conflict.sheet)),"
      + "\"raised_at\":\(string(conflict.raisedAt)),\"resolution\":\(string(conflict.resolution?.rawValue))}"
  }

  static func conflicts(_ conflicts: [SyncConflict]) -> String {
    "{\"conflicts\":[" + conflicts.map(conflictObject).joined(separator: ",") + "]}\n"
  }
}
